"""`untm batch` in its pieces, each alone: the options checked as they are made, the pairs found
from a folder or a manifest, and the two output modes (table, failure lines, closing line,
progress bar; quiet). The whole command runs in test_cli_batch.py."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from untm.batch import (
    BatchOptions,
    BatchPlan,
    BatchResult,
    MergedTmx,
    PairJob,
    PairOutcome,
    find_pairs,
)
from untm.batch.discover import Discovery
from untm.cli.batch_output import (
    ProgressBar,
    closing_line,
    failure_lines,
    results_table,
    run_quiet,
)
from untm.errors import UsageError


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"fmt": "xml"}, "--format must be one of tmx, tsv, align, json, xliff, html (got 'xml')"),
        ({"fmt": "TMX"}, "--format must be one of tmx, tsv, align, json, xliff, html (got 'TMX')"),
        ({"engine": "spark"}, "--engine must be one of local, dask (got 'spark')"),
        ({"mode": "slow"}, "--mode must be one of best, fast (got 'slow')"),
        ({"scheduler": "tcp://x:1"}, "--scheduler needs --engine dask"),
        ({"fmt": "xml", "engine": "spark"}, "--format must be"),  # the first problem is named
    ],
)
def test_options_are_checked_when_made(options: dict[str, Any], message: str) -> None:
    with pytest.raises(UsageError) as caught:
        BatchOptions(out_dir=Path("out"), **options)
    assert str(caught.value).startswith(message)
    assert caught.value.exit_code == 2


def test_good_options_are_kept_as_given() -> None:
    options = BatchOptions(
        Path("o"), fmt="xliff", engine="dask", scheduler="tcp://h:1", mode="fast"
    )
    assert (options.fmt, options.engine, options.scheduler, options.mode) == (
        "xliff", "dask", "tcp://h:1", "fast")


def test_pairs_come_from_a_folder_or_a_manifest_never_both(tmp_path: Path) -> None:
    for name in ("a.zh.txt", "a.en.txt", "notes.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    manifest = tmp_path / "m.tsv"
    manifest.write_text(f"m\t{tmp_path / 'a.zh.txt'}\t{tmp_path / 'a.en.txt'}\n", encoding="utf-8")
    from_folder = find_pairs(tmp_path, None)
    assert [p.name for p in from_folder.pairs] == ["a"] and "notes.md" in from_folder.ignored
    assert [p.name for p in find_pairs(None, manifest).pairs] == ["m"]
    for folder, listed in ((tmp_path, manifest), (None, None)):
        with pytest.raises(UsageError, match=r"^give either IN_DIR or --manifest \(exactly one\)$"):
            find_pairs(folder, listed)


def outcome(name: str, **fields: Any) -> PairOutcome:
    return PairOutcome(name=name, status=fields.pop("status", "ok"), **fields)


RESULT = BatchResult(
    outcomes=(
        outcome("a", units=80, unaligned_en=3, mean_score=0.9, seconds=2.25),
        outcome("kept", units=5, skipped=True),
        outcome("bad[b]x", status="failed", error="unpaired: [red]x.zh.txt", seconds=0.04),
    ),
    ignored=("notes.md",),
    summary_path=Path("out/summary.json"),
    merged=MergedTmx("all.tmx", units=84, documents=2, input_units=85, duplicates=1),
)


def rendered(renderable: Any) -> str:
    console = Console(file=io.StringIO(), width=120, color_system=None)
    console.print(renderable, highlight=False)
    return console.file.getvalue()  # type: ignore[attr-defined]


def test_the_table_shows_every_document_literally() -> None:
    rows = [line for line in rendered(results_table(RESULT)).splitlines() if line.startswith("│")]
    cells = [[c.strip() for c in row.strip("│").split("│")] for row in rows]
    assert cells == [
        ["a", "ok", "80", "0", "3", "0.900", "2.2"],
        ["kept", "ok (kept)", "5", "0", "0", "0.000", "0.0"],
        ["bad[b]x", "failed", "", "", "", "", "0.0"],  # markup in a name is shown, not applied
    ]


def test_failure_and_closing_lines() -> None:
    assert [rendered(line).strip() for line in failure_lines(RESULT)] == [
        "failed bad[b]x: unpaired: [red]x.zh.txt"]
    assert closing_line(RESULT, Discovery((), ignored=("notes.md",))) == (
        "2 ok, 1 failed; summary: out/summary.json; merged: all.tmx (84 units, 1 duplicates "
        "folded); 1 other file(s) ignored"
    )
    alone = BatchResult(RESULT.outcomes[:1], (), Path("s.json"))
    assert closing_line(alone, Discovery(())) == "1 ok, 0 failed; summary: s.json"
    assert failure_lines(alone) == []


def test_progress_bar_takes_its_total_from_the_plan_and_steps_per_pair() -> None:
    console = Console(file=io.StringIO(), width=100, color_system=None)
    jobs = tuple(PairJob(n, "z", "e", f"{n}.tmx") for n in ("a", "b"))
    plan = BatchPlan(("a", "b", "c"), jobs, (outcome("c", skipped=True),), (), ())
    with ProgressBar(console) as bar:
        bar.on_plan(plan)
        bar.on_done(outcome("a"))
        bar.on_done(outcome("b[i]", status="failed", error="e"))
        task = bar.progress.tasks[0]
        assert (task.total, task.completed, task.description) == (2, 2, "b\\[i]: FAILED")
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert "1 pair(s) up to date (use --force to redo)" in text
    assert "2/2" in text and "b[i]: FAILED" in text


def test_quiet_prints_one_line_per_failure_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "lone.zh.txt").write_text("孤\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("x\n", encoding="utf-8")
    result = run_quiet(find_pairs(tmp_path, None), BatchOptions(out_dir=tmp_path / "out"))
    captured = capsys.readouterr()
    assert result.exit_code == 1 and captured.out == ""
    assert captured.err == "untm: failed: lone: unpaired: lone.zh.txt has no lone.en.* partner\n"
    assert (tmp_path / "out" / "summary.json").exists()
