"""Sentence segmentation: the seed gold exactly, UN-specific rules, the re-join invariant."""

from __future__ import annotations

import pytest
from conftest import GOLD, SEED_EN, SEED_ZH
from hypothesis import given, settings
from hypothesis import strategies as st

from untm.aligner.read import read_document
from untm.aligner.segment import rejoins, segment_document, split_sentences
from untm.aligner.srx import default_rules, load_srx
from untm.errors import FormatError

STEM = "000_a932ec9d51e334cb"


@pytest.mark.parametrize(("path", "lang"), [(SEED_ZH, "zh"), (SEED_EN, "en")])
def test_seed_segments_equal_the_gold_line_for_line(path: object, lang: str) -> None:
    doc = read_document(str(path), lang)
    gold = (GOLD / f"{STEM}.{lang}").read_text(encoding="utf-8").splitlines()
    assert [s.text for s in segment_document(doc)] == gold


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "12. The Assembly met. It adopted resolution 5.",
            ["12. The Assembly met.", "It adopted resolution 5."],
        ),
        (
            "See document HSP/HA.1/Res.1, the plan. Then more.",
            ["See document HSP/HA.1/Res.1, the plan.", "Then more."],
        ),
        (
            "It cited Res. 3 and No. 4 of 2020. The end.",
            ["It cited Res. 3 and No. 4 of 2020.", "The end."],
        ),
        (
            "Some cities, e.g. Nairobi, i.e. the host, agreed. Others did not.",
            ["Some cities, e.g. Nairobi, i.e. the host, agreed.", "Others did not."],
        ),
        (
            "Growth was 3.5 per cent (version 2.0). Mr. Smith spoke.",
            ["Growth was 3.5 per cent (version 2.0).", "Mr. Smith spoke."],
        ),
        (
            "Areas: (1) cities, (2) transport, and (3) waste. Next.",
            ["Areas: (1) cities, (2) transport, and (3) waste.", "Next."],
        ),
        (
            "He asked “why?” and left. Did it end? Yes!",
            ["He asked “why?” and left.", "Did it end?", "Yes!"],
        ),
        (
            "II. Review of recent and current activities",
            ["II. Review of recent and current activities"],
        ),
        ("Papers, reports etc. were sent. Done.", ["Papers, reports etc. were sent.", "Done."]),
        (
            "The U.S. Government and the U.K. Mission agreed. Done.",
            ["The U.S. Government and the U.K. Mission agreed.", "Done."],
        ),
        (  # a volume or number before its numeral (the ILC's Yearbook, 2001, vol. II)
            "See Yearbook 2001, vol. II (Part Two), and Treaty Series, vol. 1155, no. 18232. "
            "Done.",
            ["See Yearbook 2001, vol. II (Part Two), and Treaty Series, vol. 1155, no. 18232.",
             "Done."],
        ),
        (
            "Each report fills a vol. The next is due.",
            ["Each report fills a vol.", "The next is due."],
        ),
        (  # a lower-case word after an opening bracket and quote goes on (A/81/6 (Sect. 13))
            "It works with the Ye! (“young entrepreneurs”) community and others. Done.",
            ["It works with the Ye! (“young entrepreneurs”) community and others.", "Done."],
        ),
        (
            "It was the ‘refugee crisis’. ‘refugees’ is a legal term here. Done.",
            ["It was the ‘refugee crisis’. ‘refugees’ is a legal term here.", "Done."],
        ),
        (  # "v." between a case's parties (a UNICEF Innocenti report's notes)
            "See Nencheva and Others v. Bulgaria, No. 48609/06. Costello Roberts v. the United "
            "Kingdom was cited. Done.",
            ["See Nencheva and Others v. Bulgaria, No. 48609/06.",
             "Costello Roberts v. the United Kingdom was cited.", "Done."],
        ),
        (  # a hyphenated name, initials, a case in brackets, a case opening the text
            "Costello-Roberts v. United Kingdom and A.B. v. Spain were cited (Soering v. United "
            "Kingdom). Done.",
            ["Costello-Roberts v. United Kingdom and A.B. v. Spain were cited (Soering v. United "
             "Kingdom).", "Done."],
        ),
        (
            "The items are listed in annex v. The annex is short.",
            ["The items are listed in annex v.", "The annex is short."],
        ),
        (  # a bracketed list label after a sentence's end still opens one
            "The plan was adopted. (a) The first item. (iv) The fourth.",
            ["The plan was adopted.", "(a) The first item.", "(iv) The fourth."],
        ),
        (
            "The plan was adopted. (See annex.) The end.",
            ["The plan was adopted.", "(See annex.)", "The end."],
        ),
    ],
)
def test_english_rules(text: str, expected: list[str]) -> None:
    assert split_sentences(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "1. 两署通过了框架。自那时以来，主题已变化。",
            ["1. 两署通过了框架。", "自那时以来，主题已变化。"],
        ),
        ("他说：“会议结束了。”随后离开。", ["他说：“会议结束了。”", "随后离开。"]),
        ("（1）城市；（2）交通。真的吗？是的！", ["（1）城市；（2）交通。", "真的吗？", "是的！"]),
        ("批准了 HSP/HA.1/Res.1 号文件。", ["批准了 HSP/HA.1/Res.1 号文件。"]),
        ("版本2.0定稿。结果表明。", ["版本2.0定稿。", "结果表明。"]),
    ],
)
def test_chinese_rules(text: str, expected: list[str]) -> None:
    assert split_sentences(text, "zh") == expected


def test_rules_load_from_srx_data() -> None:
    rules = default_rules()
    assert set(rules.languages) == {"Chinese", "English"}
    assert rules.rules_for("zh-CN") is rules.languages["Chinese"]
    with pytest.raises(FormatError):
        rules.rules_for("fr")


def test_bad_srx_file_is_a_format_error(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "bad.srx"
    path.write_text(
        '<srx xmlns="http://www.lisa.org/srx20" version="2.0"><body><languagerules>'
        '<languagerule languagerulename="X"><rule><beforebreak>([</beforebreak>'
        "</rule></languagerule></languagerules></body></srx>",
        encoding="utf-8",
    )
    with pytest.raises(FormatError, match="bad pattern"):
        load_srx(path)


_EN_TEXT = st.lists(
    st.sampled_from(
        [
            "The",
            "Assembly",
            "met",
            "No.",
            "5",
            "e.g.",
            "HSP/HA.1/Res.1",
            "(1)",
            "3.5",
            "cities.",
            "Yes!",
            "why?",
            "“quoted.”",
            "Mr.",
            "  ",
            "\t",
            "end.",
        ]
    ),
    max_size=40,
).map(" ".join)
_ZH_TEXT = st.lists(
    st.sampled_from(
        [
            "会议",
            "。",
            "！",
            "？",
            "”",
            "“",
            "（1）",
            "；",
            "HSP/HA.2/1",
            " ",
            "2.0",
            "，",
            "两署",
            "）",
            ".",
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(_EN_TEXT)
def test_english_segments_rejoin_to_the_paragraph(text: str) -> None:
    segments = split_sentences(text, "en")
    assert rejoins(text, segments)
    assert "".join(text.split()) == "".join("".join(segments).split())


@settings(max_examples=150, deadline=None)
@given(_ZH_TEXT)
def test_chinese_segments_rejoin_to_the_paragraph(text: str) -> None:
    segments = split_sentences(text, "zh")
    assert rejoins(text, segments)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["zh", "en"]))
def test_any_text_keeps_every_character_in_exactly_one_segment(text: str, lang: str) -> None:
    segments = split_sentences(text, lang)
    assert rejoins(text, segments)
    assert all(s and s == s.strip() for s in segments)


def test_rejoins_rejects_lost_or_reordered_text() -> None:
    assert rejoins("A b. C d.", ["A b.", "C d."])
    assert not rejoins("A b. C d.", ["A b."])
    assert not rejoins("A b. C d.", ["C d.", "A b."])
