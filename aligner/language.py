"""A simple script-ratio language check: is a document really Chinese (or English)?

Chinese UN documents contain many Latin symbols and acronyms (HSP/HA.1/Res.1, UNEP), so the
check compares the share of Han characters among all letters with generous thresholds; it only
catches the gross mistake of giving a Chinese file as English or the reverse.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from untm.errors import LanguageMismatchError

# One bound for both languages: a text with at least `ZH_MIN_HAN_SHARE` Han letters is never
# English, one with less never Chinese, so every text is readable in one of them. (English had
# its own bound of 0.05: an English table of Chinese project names in brackets, 12% Han, was
# refused in both languages.)
ZH_MIN_HAN_SHARE = 0.25
EN_MAX_HAN_SHARE = ZH_MIN_HAN_SHARE
MIN_LETTERS = 20  # English letters: a text with fewer is not checked
# a CJK letter (Han, kana, hangul: set a full em wide) is worth this many English letters (the
# en/zh character ratio the aligner expects, `signals.length.DEFAULT_RATIO`): seven Chinese
# characters are a text to check, as one Chinese sentence is as much text as the same sentence
# in English (PDFs: `readers/pdf.py`)
CJK_WEIGHT = 3


@dataclass(frozen=True)
class ScriptCounts:
    """Letters of a text by script."""

    han: int
    latin: int
    other: int

    @property
    def han_share(self) -> float:
        total = self.han + self.latin + self.other
        return self.han / total if total else 0.0


# The one definition of "Han character" (CJK unified ideographs: basic block, extension A, the
# compatibility block, and the supplementary ideographic planes 2–3 with extensions B–H).
# `HAN_CLASS` is the same set as a regex character class; `is_han` tests one character.
HAN_CLASS = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]"


def is_han(ch: str) -> bool:
    """True when the character `ch` is a Han character (exactly the set `HAN_CLASS` matches)."""
    return (
        "\u4e00" <= ch <= "\u9fff"
        or "\u3400" <= ch <= "\u4dbf"
        or "\uf900" <= ch <= "\ufaff"
        or "\U00020000" <= ch <= "\U0003ffff"
    )


_HAN_RE = re.compile(HAN_CLASS)


def han_count(text: str) -> int:
    """Number of Han characters (`is_han`) in `text`."""
    return len(_HAN_RE.findall(text))


_LATIN_RE = re.compile("[A-Za-z\u00c0-\u024f\uff21-\uff5a]")  # letters among these count


def count_scripts(text: str) -> ScriptCounts:
    """Count Han characters (`is_han`) and the Latin (ASCII, Latin-1 to Latin Extended-B,
    full-width) and other letters (`str.isalpha`) of `text`. (Counted by regular expression
    and `map`: a whole document is counted, character by character in C.)"""
    han = _HAN_RE.findall(text)
    letters = sum(map(str.isalpha, text)) - sum(map(str.isalpha, han))
    latin = sum(map(str.isalpha, _LATIN_RE.findall(text)))
    return ScriptCounts(len(han), latin, letters - latin)


def _is_symbol(ch: str) -> bool:
    """A punctuation mark or symbol outside ASCII and the CJK punctuation and full-width blocks:
    what a text layer or a file decoded with the wrong map turns letters into ("€•‚„…†")."""
    if ch.isascii() or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef":
        return False
    return unicodedata.category(ch)[0] in "PS"


def count_symbols(text: str) -> int:
    """How many characters of `text` are such symbols (`_is_symbol`)."""
    return sum(1 for ch in text if _is_symbol(ch))


def _sample_symbols(text: str) -> str:
    return "".join(dict.fromkeys(ch for ch in text if _is_symbol(ch)))[:8]


def is_wide(ch: str) -> bool:
    """A full-width (CJK) character: Han, kana, CJK punctuation, full-width forms."""
    return ch >= "\u1100" and unicodedata.east_asian_width(ch) in "WF"


def is_wide_letter(ch: str) -> bool:
    """A CJK letter: a letter (`str.isalpha`) set a full em wide (Han, kana, hangul)."""
    return is_wide(ch) and ch.isalpha()


def wide_letters(text: str) -> int:
    """How many letters of `text` are CJK letters (`is_wide_letter`)."""
    return sum(1 for ch in text if is_wide_letter(ch))


def check_language(text: str, lang: str, *, path: str) -> None:
    """Raise LanguageMismatchError when `text` is clearly not in `lang` ("zh" or "en"): its
    letters are of the other script (English: or most of its letters but the Han ones are of a
    third script, as in an Arabic or Russian document), or it has almost none but many symbols
    (a text layer without a Unicode meaning read as Latin-1 symbols, a file decoded with the
    wrong map)."""
    counts = count_scripts(text)
    letters = counts.han + counts.latin + counts.other
    if letters < MIN_LETTERS and letters + (CJK_WEIGHT - 1) * wide_letters(text) < MIN_LETTERS:
        symbols = count_symbols(text)
        if symbols >= MIN_LETTERS and symbols > letters:
            raise LanguageMismatchError(
                f"holds almost no letters ({letters}, among {symbols} symbols such as "
                f"{_sample_symbols(text)!r}): its text layer or its encoding is not text in "
                f"{'Chinese' if lang == 'zh' else 'English'}",
                path=path,
            )
        return
    share = counts.han_share
    if lang == "zh" and share < ZH_MIN_HAN_SHARE:
        raise LanguageMismatchError(
            f"given as Chinese (zh) but only {share:.0%} of its letters are Chinese characters",
            path=path,
        )
    if lang == "en" and share >= EN_MAX_HAN_SHARE:
        raise LanguageMismatchError(
            f"given as English (en) but {share:.0%} of its letters are Chinese characters",
            path=path,
        )
    if lang == "en" and counts.other > counts.latin:
        raise LanguageMismatchError(
            f"given as English (en) but {counts.other / letters:.0%} of its letters are of "
            "another script, neither Latin nor Chinese (Arabic, Cyrillic, ...)",
            path=path,
        )
