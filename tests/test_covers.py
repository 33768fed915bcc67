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
