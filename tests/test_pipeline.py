"""The pipeline on the real seed pair: units equal the gold; outputs; summary; stable tuids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import GOLD, SEED_EN, SEED_ZH
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from untm.aligner.model import AlignmentResult
from untm.errors import OutputError
from untm.pipeline import (
    AlignOptions,
    align_files,
    gold_units,
    score_units,
    summarize,
    to_units,
    write_result,
)

STEM = "000_a932ec9d51e334cb"


@pytest.fixture(scope="session")
def seed_result() -> AlignmentResult:
    return align_files(SEED_ZH, SEED_EN, AlignOptions())


def seed_gold() -> list[tuple[str, str]]:
    return gold_units(GOLD / f"{STEM}.zh", GOLD / f"{STEM}.en", GOLD / f"{STEM}.align")


def test_seed_units_equal_the_gold(seed_result: AlignmentResult) -> None:
    units = to_units(seed_result, source_name=SEED_ZH.name)
    score = score_units([(u.source, u.target) for u in units], seed_gold())
    assert score.gold == 80
    assert score.precision >= 0.95 and score.recall >= 0.95, score
    assert score.matched == 80, score  # today: every gold unit, nothing else


def test_links_cover_every_segment_once(seed_result: AlignmentResult) -> None:
    src = sorted(i for link in seed_result.links for i in link.src)
    tgt = sorted(j for link in seed_result.links for j in link.tgt)
    assert src == list(range(len(seed_result.src_segments)))
    assert tgt == list(range(len(seed_result.tgt_segments)))
    assert all(0.0 <= link.score <= 1.0 for link in seed_result.links)


def test_summary_counts_what_was_left_out(seed_result: AlignmentResult) -> None:
    summary = summarize(seed_result)
    # Exact, as in the gold: its segmentation has 83 and 85 lines, its 80 links with text on both
    # sides, and 3 English cover lines with no Chinese counterpart (United Nations, Distr.,
    # Original); the English extraction's 3 form feeds and 2 bare page numbers are furniture.
    assert (summary.segments_zh, summary.segments_en) == (83, 85)
    assert summary.units == 80
    assert summary.unaligned_zh == 0 and summary.unaligned_en == 3  # masthead lines
    assert (summary.furniture_zh, summary.furniture_en) == (0, 5)
    assert sum(summary.links_by_type.values()) == len(seed_result.links)
    assert summary.to_dict()["links_by_type"] == summary.links_by_type


def test_units_props_and_stable_tuids(seed_result: AlignmentResult) -> None:
    first = to_units(seed_result, source_name="seed.txt")
    again = to_units(align_files(SEED_ZH, SEED_EN, AlignOptions()), source_name="seed.txt")
    assert [u.tuid for u in first] == [u.tuid for u in again]
    assert len({u.tuid for u in first}) == len(first)
    unit = first[0]
    assert unit.src_lang == "zh-CN" and unit.tgt_lang == "en-US"
    assert unit.prop("x-document") == "seed.txt"
    assert unit.prop("x-link") == "0:1"
    assert 0.0 <= float(unit.prop("x-score") or "nan") <= 1.0
    other = to_units(seed_result, source_name="other.txt")
    assert other[0].tuid != unit.tuid


def test_write_every_format(seed_result: AlignmentResult, tmp_path: Path) -> None:
    from untm.aligner.alignfile import read_align
    from untm.tmx.tmx14 import read_tmx
    from untm.tmx.validate import validate_tmx

    options = AlignOptions(tgt_locale="en-GB")
    tmx = tmp_path / "out.tmx"
    assert write_result(seed_result, tmx, None, options, "seed").units == 80
    assert validate_tmx(tmx) == []
    memory = read_tmx(tmx)
    assert len(memory.units) == 80 and memory.units[0].tgt_lang == "en-GB"
    write_result(seed_result, tmp_path / "out.align", None, options, "seed")
    written = read_align(tmp_path / "out.align")
    assert [(x.src, x.tgt) for x in written] == [(x.src, x.tgt) for x in seed_result.links]
    write_result(seed_result, tmp_path / "out.tsv", None, options, "seed")
    assert len((tmp_path / "out.tsv").read_text(encoding="utf-8").splitlines()) >= 80
    write_result(seed_result, tmp_path / "any.dat", "json", options, "seed")
    data = json.loads((tmp_path / "any.dat").read_text(encoding="utf-8"))
    assert data["summary"]["units"] == 80
    assert len(data["links"]) == len(seed_result.links)
    assert data["furniture"]["tgt"][0]["kind"] in ("form-feed", "page-number")


def test_bad_format_and_missing_folder_leave_no_file(
    seed_result: AlignmentResult, tmp_path: Path
) -> None:
    with pytest.raises(OutputError, match="unknown output format"):
        write_result(seed_result, tmp_path / "out.docx", None)
    with pytest.raises(OutputError, match="does not exist"):
        write_result(seed_result, tmp_path / "missing" / "out.tmx", None)
    assert list(tmp_path.iterdir()) == []


def test_presegmented_gold_lines_align_to_the_gold(tmp_path: Path) -> None:
    from untm.aligner.alignfile import read_align
    from untm.aligner.evaluate import score_links

    result = align_files(GOLD / f"{STEM}.zh", GOLD / f"{STEM}.en", AlignOptions(presegmented=True))
    assert len(result.src_segments) == 83 and len(result.tgt_segments) == 85
    score = score_links(read_align(GOLD / f"{STEM}.align"), list(result.links))
    assert score.f1_strict >= 0.85, score


def test_progress_reports_every_block_once_ending_complete() -> None:
    calls: list[tuple[int, int]] = []
    result = align_files(
        SEED_ZH, SEED_EN, AlignOptions(mode="fast"), progress=lambda d, t: calls.append((d, t))
    )
    total = calls[-1][1]
    assert calls == [(n, total) for n in range(1, total + 1)]
    assert 30 <= total <= len(result.src_segments)  # one call per aligned block (paragraph group)


def test_paragraph_segtype(tmp_path: Path) -> None:
    result = align_files(SEED_ZH, SEED_EN, AlignOptions(segtype="paragraph", mode="fast"))
    units = to_units(result, source_name="seed")
    body = [u for u in units if u.source.startswith("12. ")]
    assert len(body) == 1 and body[0].target.startswith("12. Several projects")


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    drop_zh=st.sets(st.integers(0, 39), max_size=12),
    drop_en=st.sets(st.integers(0, 41), max_size=12),
)
def test_any_paragraph_subsets_align_covering_every_segment_once(
    tmp_path_factory: pytest.TempPathFactory, drop_zh: set[int], drop_en: set[int]
) -> None:
    from untm.aligner.read import read_document

    folder = tmp_path_factory.mktemp("subsets")
    paths = []
    for source, lang, drop in ((SEED_ZH, "zh", drop_zh), (SEED_EN, "en", drop_en)):
        paras = read_document(source, lang).paragraphs
        kept = [p.text for p in paras if p.index not in drop] or [paras[-1].text]
        path = folder / f"part.{lang}.txt"
        path.write_text("\n\n".join(kept) + "\n", encoding="utf-8")
        paths.append(path)
    result = align_files(paths[0], paths[1], AlignOptions(mode="fast"))
    src = sorted(i for link in result.links for i in link.src)
    tgt = sorted(j for link in result.links for j in link.tgt)
    assert src == list(range(len(result.src_segments)))
    assert tgt == list(range(len(result.tgt_segments)))
    summary = summarize(result)
    in_units = sum(len(link.src) for link in result.links if not link.is_null)
    assert in_units + summary.unaligned_zh == len(result.src_segments)
