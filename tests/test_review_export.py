"""Export of review sessions (library and `untm review SESSION --export`): TMX with x-status and
x-score, TSV, .align in document order, confirmed links alone; clean errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import GOLD, needs_shared
from review_helpers import STEM, gold_session
from typer.testing import CliRunner

from untm.aligner.alignfile import read_align
from untm.cli import app
from untm.pipeline import gold_units, score_units
from untm.review import (
    Confirm,
    ConfirmUpTo,
    Merge,
    SplitSegment,
    apply,
    export_session,
    save_session,
)
from untm.tmx.tmx14 import read_tmx
from untm.tmx.tsv import read_tsv
from untm.tmx.validate import validate_tmx

pytestmark = needs_shared(GOLD)


def gold_pairs() -> list[tuple[str, str]]:
    return gold_units(GOLD / f"{STEM}.zh", GOLD / f"{STEM}.en", GOLD / f"{STEM}.align")


def test_tmx_of_the_gold_session_equals_the_gold_with_status_props(tmp_path: Path) -> None:
    s = apply(apply(gold_session(), ConfirmUpTo(link=9)), Merge(link=20))
    out = tmp_path / "out.tmx"
    summary = export_session(s, out)
    assert validate_tmx(out) == []
    units = read_tmx(out).units
    assert summary.units == len(units)
    statuses = [u.prop("x-status") for u in units]
    assert statuses.count("confirmed") == summary.units_by_status["confirmed"]
    assert statuses.count("edited") == 1
    assert all(u.prop("x-score") == "1.000" for u in units)  # gold links carry score 1
    score = score_units([(u.source, u.target) for u in units], gold_pairs())
    assert score.produced == score.gold - 1 and score.matched == score.gold - 2  # one merge


def test_align_export_keeps_document_order_where_links_cross(tmp_path: Path) -> None:
    out = tmp_path / "out.align"
    export_session(gold_session(), out)
    assert read_align(out) == read_align(GOLD / f"{STEM}.align")


def test_a_split_segment_is_numbered_in_document_order(tmp_path: Path) -> None:
    s = gold_session()
    position = s.span(30).tgt_start
    cut = s.tgt.segments[position].text.index(" ", 10)
    s = apply(s, SplitSegment(side="tgt", segment=position, offset=cut))
    out = tmp_path / "out.align"
    export_session(s, out)
    links = read_align(out)
    assert sorted(j for link in links for j in link.tgt) == list(range(len(s.tgt.segments)))
    assert len(links[30].tgt) == 2


def test_confirmed_only_and_tsv(tmp_path: Path) -> None:
    s = apply(apply(gold_session(), Confirm(link=5)), Confirm(link=7))
    summary = export_session(s, tmp_path / "c.tsv", confirmed_only=True)
    assert summary.links_written == 2 and summary.left_out_unconfirmed == len(s.links) - 2
    rows = read_tsv(tmp_path / "c.tsv")
    assert [(u.source, u.target) for u in rows] == [
        ("".join(s.link_texts(k, "src")), " ".join(s.link_texts(k, "tgt"))) for k in (5, 7)
    ]
    export_session(s, tmp_path / "c.json")
    data = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert data["links"][5]["props"] == {"x-status": "confirmed"}


def test_cli_review_export(tmp_path: Path) -> None:
    runner = CliRunner()
    session_path = tmp_path / "seed.review.json"
    save_session(apply(gold_session(), ConfirmUpTo(link=6)), session_path)  # 3 null links
    out = tmp_path / "seed.tmx"
    result = runner.invoke(app, ["review", str(session_path), "--export", str(out)])
    assert result.exit_code == 0, result.output
    assert "units: 80 (auto 76, confirmed 4)" in result.output
    assert len(read_tmx(out).units) == 80
    result = runner.invoke(
        app, ["review", str(session_path), "--export", str(out), "--confirmed-only", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["units"] == 4 and len(read_tmx(out).units) == 4


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{}", "bad review session|not a review session"),
        ('{"format": "untm-review-session", "version": 2}', "unsupported session version 2"),
    ],
)
def test_cli_review_bad_session_is_one_line(tmp_path: Path, content: str, message: str) -> None:
    import re

    session_path = tmp_path / "bad.json"
    session_path.write_text(content, encoding="utf-8")
    out = tmp_path / "out.tmx"
    result = CliRunner().invoke(app, ["review", str(session_path), "--export", str(out)])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("untm: error: ") and re.search(message, lines[0])
    assert not out.exists()


def test_cli_review_bad_format_fails_before_reading(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["review", str(tmp_path / "none.json"), "--export", str(tmp_path / "x.docx")]
    )
    assert result.exit_code == 2 and "unknown output format 'docx'" in result.output


def test_review_page_export_marks_the_terms_of_the_glossary_given(tmp_path: Path) -> None:
    """`untm review SESSION --export page.html --glossary G` marks G's terms (it used to read
    $UNTM_GLOSSARY's store whatever --glossary said)."""
    from untm.glossary import add_user_concept

    session = tmp_path / "s.review.json"
    save_session(gold_session(), session)
    store = tmp_path / "g.sqlite3"
    add_user_concept("城市环境", "urban environment", path=store)
    page = tmp_path / "s.html"
    result = CliRunner().invoke(
        app, ["review", str(session), "--export", str(page), "--glossary", str(store)],
        env={"UNTM_GLOSSARY": str(tmp_path / "other.sqlite3")},
    )
    assert result.exit_code == 0, result.output
    assert 'title="城市环境"' in page.read_text(encoding="utf-8")
