"""One definition of "Han character": `is_han` / `HAN_CLASS` and every helper that uses them."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from untm.aligner.clean import breaks_mid_phrase
from untm.aligner.language import HAN_CLASS, check_language, count_scripts, han_count, is_han
from untm.errors import LanguageMismatchError
from untm.glossary.extract import _CJK_RUN
from untm.glossary.matching import find_terms
from untm.glossary.normalize import is_cjk

HAN_RE = re.compile(HAN_CLASS)
# basic block, extension A, compatibility, extension B (plane 2), extension G (plane 3)
HAN = ["中", "\u3400", "\u4dbf", "\uf900", "\U00020000", "\U0002a6df", "\U00030000"]
# Yijing hexagram (between ext A and the basic block), kana, hangul, CJK punctuation, Latin, digit
NOT_HAN = ["\u4dc0", "ア", "한", "。", "\u3000", "a", "1", "\U00040000"]


def test_is_han_is_exactly_the_regex_class() -> None:
    for cp in range(0x41000):
        ch = chr(cp)
        assert is_han(ch) == bool(HAN_RE.fullmatch(ch)), hex(cp)


@pytest.mark.parametrize("ch", HAN + NOT_HAN)
def test_every_han_test_agrees(ch: str) -> None:
    expected = ch in HAN
    assert is_han(ch) is expected
    assert is_cjk(f"x{ch}y") is expected
    assert bool(_CJK_RUN.fullmatch(ch)) is expected
    assert (han_count(ch) == 1) is expected
    assert (count_scripts(ch * 3).han == 3) is expected


def test_gap_between_han_characters_of_any_block_is_skipped_in_matching() -> None:
    assert find_terms("秘书 \U00020000 处", "zh", ["秘书\U00020000处"]) == [
        (0, 6, "秘书 \U00020000 处")
    ]


def test_wrapped_chinese_line_joins_across_extension_a() -> None:
    assert breaks_mid_phrase("报告\u3400", "\u3401的内容", "zh", numbered=True)


@given(st.text(alphabet=st.sampled_from(HAN + NOT_HAN), max_size=30))
def test_count_scripts_counts_han_like_is_han(text: str) -> None:
    assert count_scripts(text).han == sum(map(is_han, text))


def _count_one_by_one(text: str) -> tuple[int, int, int]:
    """Han, Latin and other letters, character by character: what `count_scripts` counts."""
    han = latin = other = 0
    for ch in text:
        if is_han(ch):
            han += 1
        elif ch.isalpha():
            if ch.isascii() or "\u00c0" <= ch <= "\u024f" or "\uff21" <= ch <= "\uff5a":
                latin += 1
            else:
                other += 1
    return han, latin, other


@given(st.text(alphabet=st.sampled_from([*HAN, *NOT_HAN, "é", "ß", "×", "ɐ", "Ａ", "ｚ", "［",
                                         "а", "\ufa6e", "²", "½", "_"]), max_size=40)
       | st.text(max_size=40))
def test_count_scripts_counts_each_letter_once(text: str) -> None:
    counts = count_scripts(text)
    assert (counts.han, counts.latin, counts.other) == _count_one_by_one(text)


_GARBLED = ("1991 12 19 46/182\n€•‚ƒ„…† ‡ˆ\n‰Š‹Œ €•‚ƒ† •Ž•••‘’“•\n"
            "”•–—˜™š €•‚ƒ† ›œ•ž ™Ÿ ¡¢£¤†¥¦‘§¨\n1. ©ª«¬- ®¯° €•‚ƒ„…†±²³\n2. ´«¬-µ ¶· ±²¸ ¹º»¼½¾¿\n")


@pytest.mark.parametrize(
    ("text", "lang", "refused"),
    [
        # pdftotext -layout of a Chinese PDF whose fonts lost their Unicode map (Ghostscript's
        # rewrite of reportlab's 1 Tf file): Latin-1 symbols where the Chinese was
        (_GARBLED, "zh", True),
        (_GARBLED, "en", True),
        ("€ 1,234\n€ 5,678\n" * 5, "en", False),  # few symbols, few letters: nothing to judge
        ("1991 12 19 46/182\n" * 10, "zh", False),  # numbers only
        ("大会，" * 10, "zh", False),  # CJK punctuation is no symbol of a wrong map
        ("• Item one\n• Item two\n" * 10, "en", False),  # bullets beside enough letters
    ],
)
def test_a_text_of_symbols_is_refused(text: str, lang: str, refused: bool) -> None:
    if refused:
        with pytest.raises(LanguageMismatchError, match="holds almost no letters"):
            check_language(text, lang, path="x.txt")
    else:
        check_language(text, lang, path="x.txt")


_PROJECTS = ("Ordos Jungar Banner Narisong Photovoltaic Hydrogen Industry Demonstration Project "
             "(准格尔旗纳日松光伏制氢产业示范项目)\n")  # an English table of Chinese names: 19% Han


@pytest.mark.parametrize(
    ("text", "lang", "refused"),
    [
        (_PROJECTS * 3, "en", False),
        (_PROJECTS * 3, "zh", True),
        ("联合国人类住区规划署和联合国环境规划署多年来在城市环境方面开展合作。" * 3, "en", True),
        ("The United Nations Human Settlements Programme and UNEP work together. " * 3, "zh",
         True),
        ("人居署 (UN-Habitat) 和环境署 (UNEP) 的合作" * 3, "zh", False),  # 43% Han
        # one Chinese sentence is a text to check (a CJK letter weighs CJK_WEIGHT letters),
        # as the same sentence in English is (24 letters); three characters are not
        ("全世界无产者，联合起来", "en", True),
        ("全世界无产者，联合起来", "zh", False),
        ("Workers of the world, unite!", "zh", True),
        ("联合国", "en", False),
    ],
)
def test_a_text_is_refused_only_in_the_language_it_is_not(text: str, lang: str,
                                                          refused: bool) -> None:
    if refused:
        with pytest.raises(LanguageMismatchError, match="letters are Chinese"):
            check_language(text, lang, path="x.txt")
    else:
        check_language(text, lang, path="x.txt")


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("الأمم المتحدة برنامج الأمم المتحدة للمستوطنات البشرية " * 3, True),  # Arabic
        ("Организация Объединённых Наций по населённым пунктам " * 3, True),  # Russian
        ("Организация (ООН) and the United Nations Human Settlements Programme work " * 2,
         False),  # English with a Russian name: Latin letters are the most
        ("Le Programme des Nations Unies pour les établissements humains (ONU-Habitat) " * 2,
         False),  # French: Latin letters (untm does not tell Latin languages apart)
        ("The angle \u03b1 + \u03b2 of the triangle where \u03b3 = \u03c0 - \u03b1 - \u03b2 " * 3,
         False),  # Greek letters in English
    ],
)
def test_english_of_another_script_is_refused(text: str, refused: bool) -> None:
    if refused:
        with pytest.raises(LanguageMismatchError, match="another script"):
            check_language(text, "en", path="x.txt")
    else:
        check_language(text, "en", path="x.txt")


@given(st.text(alphabet=st.sampled_from("abcXYZ中文字 ,."), min_size=40))
def test_every_text_of_letters_is_readable_in_one_language(text: str) -> None:
    """No share of Han letters is refused both as Chinese and as English."""
    passed = 0
    for lang in ("zh", "en"):
        try:
            check_language(text, lang, path="x.txt")
        except LanguageMismatchError:
            continue
        passed += 1
    assert passed >= 1
