"""Normalization keys for lookup: width, case, punctuation, whitespace, spelling variants.

`norm_key` folds full-width forms (NFKC), case, punctuation (incl. 《》“”·-), whitespace and a
leading English article, and maps British/American spellings the UN uses (programme/program,
organisation/organization, labour/labor, centre/center). `loose_key` also drops 的 and a leading
联合国/United Nations, for a second, looser normalized pass.
"""

from __future__ import annotations

import re
import unicodedata

from untm.aligner.language import is_han

_SPELLING = (
    ("programme", "program"),
    ("organisation", "organization"),
    ("labour", "labor"),
    ("centre", "center"),
    ("defence", "defense"),
)
_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    for brit, amer in _SPELLING:
        text = text.replace(brit, amer)
    return text


def norm_key(text: str) -> str:
    """Key for the normalized pass: letters, digits and CJK only, case- and width-folded."""
    text = _ARTICLE.sub("", _fold(text).strip())
    return "".join(ch for ch in text if ch.isalnum())


def loose_key(text: str) -> str:
    """A looser key: `norm_key` without 的 and without a leading 联合国 / united nations."""
    key = norm_key(text).replace("的", "")
    for prefix in ("联合国", "unitednations"):
        if key.startswith(prefix) and len(key) > len(prefix) + 1:
            return key[len(prefix) :]
    return key


def is_cjk(text: str) -> bool:
    """True when `text` contains at least one Han character (`aligner.language.is_han`)."""
    return any(is_han(ch) for ch in text)
