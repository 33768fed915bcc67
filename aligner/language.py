"""A simple script-ratio language check: is a document really Chinese (or English)?

Chinese UN documents contain many Latin symbols and acronyms (HSP/HA.1/Res.1, UNEP), so the
check compares the share of Han characters among all letters with generous thresholds; it only
catches the gross mistake of giving a Chinese file as English or the reverse.
"""

from __future__ import annotations

from dataclasses import dataclass

from untm.errors import LanguageMismatchError

ZH_MIN_HAN_SHARE = 0.25
EN_MAX_HAN_SHARE = 0.05
MIN_LETTERS = 20


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


def count_scripts(text: str) -> ScriptCounts:
    """Count Han, Latin and other letters of `text`."""
    han = latin = other = 0
    for ch in text:
        if is_han(ch):
            han += 1
        elif ch.isalpha():
            if ch.isascii() or "\u00c0" <= ch <= "\u024f" or "\uff21" <= ch <= "\uff5a":
                latin += 1
            else:
                other += 1
    return ScriptCounts(han, latin, other)


def check_language(text: str, lang: str, *, path: str) -> None:
    """Raise LanguageMismatchError when `text` is clearly not in `lang` ("zh" or "en")."""
    counts = count_scripts(text)
    if counts.han + counts.latin + counts.other < MIN_LETTERS:
        return
    share = counts.han_share
    if lang == "zh" and share < ZH_MIN_HAN_SHARE:
        raise LanguageMismatchError(
            f"given as Chinese (zh) but only {share:.0%} of its letters are Chinese characters",
            path=path,
        )
    if lang == "en" and share > EN_MAX_HAN_SHARE:
        raise LanguageMismatchError(
            f"given as English (en) but {share:.0%} of its letters are Chinese characters",
            path=path,
        )
