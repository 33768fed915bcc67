"""Finding glossary terms inside running text (used by `check` and `extract`).

Chinese terms match as substrings. English terms match on word boundaries with an optional
plural ending; abbreviation-like forms (one token, two or more capitals: WHO, UNEP, UN-Habitat)
and single capitalised words (Charter, Assembly) match case-sensitively, so that "who" is not
WHO and "peaceful assembly" is not the Assembly; multi-word forms match case-insensitively.
Whitespace between Chinese characters ("大 会") is ignored. Matches never
overlap: the leftmost match wins, and at the same position the longest.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from untm.aligner.language import HAN_CLASS

_ABBREV = re.compile(r"^[A-Z0-9][A-Za-z0-9&./+-]*$")


def is_abbrev(text: str) -> bool:
    """One token with at least two capitals (UNEP, UN-Habitat, G20)."""
    return bool(_ABBREV.match(text)) and sum(ch.isupper() for ch in text) >= 2


def is_case_sensitive(text: str) -> bool:
    """Abbreviations and single capitalised words (Charter, Assembly) match case-sensitively."""
    return is_abbrev(text) or (" " not in text and text[:1].isupper())


def _fold_char(ch: str) -> str:
    low = ch.lower()
    return low if len(low) == 1 else ch


def _alternation(terms: Sequence[str], *, fold: bool = False) -> str:
    """One pattern for all `terms`, as a prefix tree: `(?:联合国(?:大会|环境规划署)?|...)`.

    At each position the regex engine then tries one branch per distinct next character instead
    of every term in turn (a flat alternation of the ~1,600 glossary surfaces made English
    matching 15x slower). Longer continuations are tried before a term ends, so the match at a
    position is the longest term there, as with a flat alternation sorted longest first. With
    `fold` (for a case-insensitive pattern) the tree is built on lower-cased characters, so
    "Member States" and "member states" share one path.
    """
    root: dict[str, Any] = {}
    for term in terms:
        node = root
        for ch in term:
            node = node.setdefault(_fold_char(ch) if fold else ch, {})
        node[""] = {}
    return _tree_pattern(root)


def _tree_pattern(node: dict[str, Any]) -> str:
    """The pattern of a subtree. A run of characters without a branch or a term end is one
    literal, so the nesting (of this recursion and of the regex's groups, which Python's `re`
    refuses some hundreds deep) grows with the branch points on a path, not with a term's length:
    a user term of thousands of characters must not break every lookup."""
    branches = []
    for first, child in sorted(node.items()):
        if not first:
            continue
        run, below = [first], child
        while len(below) == 1 and "" not in below:
            ((ch, below),) = below.items()
            run.append(ch)
        branches.append(re.escape("".join(run)) + _tree_pattern(below))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


@functools.lru_cache(maxsize=4096)  # one per term set: the glossary, each expected set
def _patterns(lang: str, surfaces: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    terms = [s for s in surfaces if s.strip()]
    if not terms:
        return ()
    if lang == "zh":
        return (re.compile(f"(?:{_alternation(terms)})"),)
    out: list[re.Pattern[str]] = []
    exact = [t for t in terms if is_case_sensitive(t)]
    folded = [t for t in terms if not is_case_sensitive(t)]
    edge = r"(?:s|es)?(?![\w-])"
    if exact:
        out.append(re.compile(rf"(?<![\w-])(?:{_alternation(exact)}){edge}"))
    if folded:
        tree = _alternation(folded, fold=True)
        out.append(re.compile(rf"(?<![\w-])(?:{tree}){edge}", re.IGNORECASE))
    return tuple(out)


_CJK_GAP = re.compile(rf"(?<={HAN_CLASS})[ \t\u3000]+(?={HAN_CLASS})")


def find_terms(text: str, lang: str, surfaces: Sequence[str]) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, matched text) occurrences of `surfaces` in `text`.

    For Chinese, offsets refer to `text` even when spaces between characters were skipped.
    """
    if lang == "zh" and _CJK_GAP.search(text):
        gaps = {i for m in _CJK_GAP.finditer(text) for i in range(m.start(), m.end())}
        offsets = [i for i in range(len(text)) if i not in gaps]
        squeezed = "".join(text[i] for i in offsets)
        return [
            (offsets[start], offsets[end - 1] + 1, text[offsets[start] : offsets[end - 1] + 1])
            for start, end, _ in _find(squeezed, lang, surfaces)
        ]
    return _find(text, lang, surfaces)


def _find(text: str, lang: str, surfaces: Sequence[str]) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for pattern in _patterns(lang, tuple(surfaces)):
        pos = 0
        while True:
            m = pattern.search(text, pos)
            if m is None:
                break
            found.append((m.start(), m.end(), m.group(0)))
            pos = m.start() + 1
    found.sort(key=lambda hit: (hit[0], -(hit[1] - hit[0])))
    kept: list[tuple[int, int, str]] = []
    end = -1
    for hit in found:
        if hit[0] >= end:
            kept.append(hit)
            end = hit[1]
    return kept


def contains_any(text: str, lang: str, surfaces: Sequence[str]) -> bool:
    """True when any of `surfaces` occurs in `text` (same matching rules as `find_terms`)."""
    if lang == "zh":
        text = _CJK_GAP.sub("", text)
    return any(pattern.search(text) for pattern in _patterns(lang, tuple(surfaces)))
