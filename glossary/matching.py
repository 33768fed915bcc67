"""Finding glossary terms inside running text (used by `check` and `extract`).

Chinese terms match as substrings; English terms match case-insensitively on word boundaries,
with an optional plural ending. Matches never overlap: at each position the longest term wins.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence


@functools.lru_cache(maxsize=16)
def _pattern(lang: str, surfaces: tuple[str, ...]) -> re.Pattern[str] | None:
    terms = sorted({s for s in surfaces if s.strip()}, key=lambda s: (-len(s), s))
    if not terms:
        return None
    body = "|".join(re.escape(t) for t in terms)
    if lang == "zh":
        return re.compile(f"(?:{body})")
    return re.compile(rf"(?<![\w-])(?:{body})(?:s|es)?(?![\w-])", re.IGNORECASE)


def find_terms(text: str, lang: str, surfaces: Sequence[str]) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, matched text) occurrences of `surfaces` in `text`."""
    pattern = _pattern(lang, tuple(surfaces))
    if pattern is None:
        return []
    return [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)]


def contains_any(text: str, lang: str, surfaces: Sequence[str]) -> bool:
    """True when any of `surfaces` occurs in `text` (same matching rules as `find_terms`)."""
    return bool(find_terms(text, lang, surfaces))
