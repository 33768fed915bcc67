"""More than one masthead in a file (aligner.covers): every cover recognised as cover."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import GOLD, SEED_EN, SEED_ZH

from untm.aligner.clean import clean_plain_text
from untm.aligner.model import BlockKind, Document
from untm.aligner.segment import segment_document
from untm.pipeline import AlignOptions, align_files, gold_units, score_units, to_units

STEM = "000_a932ec9d51e334cb"


def _copies(path: Path, n: int) -> str:
    """The seed repeated, as bench/bench_scaling.py builds it."""
    return (path.read_text(encoding="utf-8").rstrip("\n") + "\n\n") * n


@pytest.mark.parametrize(("path", "lang"), [(SEED_ZH, "zh"), (SEED_EN, "en")])
def test_twenty_copies_read_as_twenty_documents(path: Path, lang: str) -> None:
    one = clean_plain_text(path.read_text(encoding="utf-8"), lang).paragraphs
    many = clean_plain_text(_copies(path, 20), lang).paragraphs
    assert [(p.text, p.kind, p.label) for p in many] == [
        (p.text, p.kind, p.label) for p in one
    ] * 20
    segments = segment_document(Document("x20", lang, many))
    assert len(segments) == 20 * len(segment_document(Document("x1", lang, one)))


def test_an_annex_with_its_own_cover() -> None:
    text = (
        "I. Introduction\n\n1. The Committee met.\n\n2. It adopted the report.\n\n"
        "Annex\n\nReport of the Working Group\n\nI. Organization of work\n\n"
        "1. The Working Group met twice.\n\n2. It closed.\n"
    )
    paras = clean_plain_text(text, "en").paragraphs
    assert [(p.kind, p.text) for p in paras if p.kind is BlockKind.COVER] == [
        (BlockKind.COVER, "Annex"),
        (BlockKind.COVER, "Report of the Working Group"),
    ]


def test_restarted_numbering_without_a_cover_is_not_one() -> None:
    """Numbering that starts again after a heading, a clause or a preamble is no new document."""
    text = (
        "I. First\n\n1. One.\n\n2. Two.\n\nII. Second\n\n1. One again.\n\n"
        "3. The Committee recommended the following:\n\n1. First recommendation.\n\n"
        "2. Second.\n\nThe Economic and Social Council,\n\nRecalling its resolution 2022/1,\n\n"
        "1. Decides to continue.\n"
    )
    paras = clean_plain_text(text, "en").paragraphs
    assert not [p for p in paras if p.kind is BlockKind.COVER]


def test_copies_of_the_seed_pair_align_to_copies_of_the_gold(tmp_path: Path) -> None:
    zh, en = tmp_path / "three.zh.txt", tmp_path / "three.en.txt"
    zh.write_text(_copies(SEED_ZH, 3), encoding="utf-8")
    en.write_text(_copies(SEED_EN, 3), encoding="utf-8")
    result = align_files(zh, en, AlignOptions(mode="fast"))
    assert (len(result.src_segments), len(result.tgt_segments)) == (3 * 83, 3 * 85)
    units = to_units(result, source_name="three")
    gold = gold_units(GOLD / f"{STEM}.zh", GOLD / f"{STEM}.en", GOLD / f"{STEM}.align")
    score = score_units([(u.source, u.target) for u in units], gold * 3)
    assert score.matched >= 0.98 * score.gold and score.precision >= 0.98, score


@pytest.mark.parametrize(
    ("text", "lang", "cover"),
    [
        (  # a book chapter whose first numbered list comes late: its title is the cover
            "The Siege of Vicksburg\n\nChapter Three\n\n"
            "We have been looking for rain to cool the air and lay the dust, and this afternoon "
            "we were gratified by a heavy shower. The boys ran out to meet it.\n\n"
            "The rebels have succeeded in planting a mortar, which has sent a few big shells "
            "into camp. One fell near the hospital\n\nbut did no harm.\n\n"
            "1. Grape shot.\n\n2. Solid shot.\n",
            "en",
            ["The Siege of Vicksburg", "Chapter Three"],
        ),
        (
            "数字拟人品的成长逻辑\n\n张三\n\n"
            "数字拟人品是以数字技术为基础、具有拟人化特征的产品。本文从拟社会互动的视角出发，"
            "分析数字拟人品的商业模式与内容创新，并提出其成长逻辑。\n\n"
            "关键词：数字拟人品 数字技术\n\n一、引言\n\n1. 研究背景。\n",
            "zh",
            ["数字拟人品的成长逻辑", "张三"],
        ),
        (  # a UN cover: lines that end no sentence, however long, stay cover lines
            "United Nations\n\nA/78/123\n\nGeneral Assembly\n\nDistr.: General\n\n"
            "3 March 2023\n\nOriginal: English\n\nSeventy-eighth session\n\n"
            "Joint activities in the urban environment: joint progress report of the Executive "
            "Directors of the United Nations Human Settlements Programme and the United Nations "
            "Environment Programme\n\nReport of the Secretary-General\n\n"
            "I. Introduction\n\n1. The report was requested.\n",
            "en",
            ["United Nations", "A/78/123", "General Assembly", "Distr.: General", "3 March 2023",
             "Original: English", "Seventy-eighth session",
             "Joint activities in the urban environment: joint progress report of the Executive "
             "Directors of the United Nations Human Settlements Programme and the United Nations "
             "Environment Programme", "Report of the Secretary-General"],
        ),
    ],
)
def test_the_cover_ends_at_the_first_running_text(text: str, lang: str, cover: list[str]) -> None:
    """Blocks before the first label are cover lines only until the first block of running
    text (a sentence end, two lines long or more): after it, the body has started, and its
    paragraphs are split into sentences and joined across breaks as body text is."""
    paras = clean_plain_text(text, lang).paragraphs
    assert [p.text for p in paras if p.kind is BlockKind.COVER] == cover
    if lang == "en" and cover[0].startswith("The Siege"):
        body = [p.text for p in paras if p.kind is BlockKind.BODY and not p.label]
        assert "One fell near the hospital but did no harm." in body[1]  # joined across
        segments = segment_document(Document("x", lang, paras))
        assert "The boys ran out to meet it." in [s.text for s in segments]
