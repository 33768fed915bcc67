"""`untm align` and `untm segment` through typer's CliRunner: outputs, summary, clean errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import GOLD, SEED_EN, SEED_ZH
from typer.testing import CliRunner

from untm.cli import app

STEM = "000_a932ec9d51e334cb"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def _one_line_error(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    assert "Traceback" not in output
    assert lines[0].startswith("untm: error: ")
    return lines[0]


def test_align_writes_a_valid_tmx_and_prints_the_summary(runner: CliRunner, tmp_path: Path) -> None:
    from untm.tmx.tmx14 import read_tmx
    from untm.tmx.validate import validate_tmx

    out = tmp_path / "seed.tmx"
    report = tmp_path / "seed.html"
    result = runner.invoke(
        app, ["align", str(SEED_ZH), str(SEED_EN), "-o", str(out), "--report", str(report)]
    )
    assert result.exit_code == 0, result.output
    assert "segments: zh 83, en 85" in result.output
    assert "links by type:" in result.output and "1-1:" in result.output
    assert "units written: 80" in result.output
    assert "unaligned segments zh 0, en 3" in result.output
    assert "furniture removed zh 0, en 5" in result.output
    assert validate_tmx(out) == []
    assert len(read_tmx(out).units) == 80
    assert report.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_align_presegmented_writes_align(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "gold.align"
    result = runner.invoke(
        app,
        [
            "align",
            str(GOLD / f"{STEM}.zh"),
            str(GOLD / f"{STEM}.en"),
            "-o",
            str(out),
            "--presegmented",
            "--mode",
            "fast",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines and all(":" in line for line in lines)
    assert '"segments_zh": 83' in result.output


@pytest.mark.parametrize(
    "case", ["missing", "empty", "binary", "outdir", "format", "wronglang", "folder"]
)
def test_align_errors_are_one_line_and_leave_no_file(
    runner: CliRunner, tmp_path: Path, case: str
) -> None:
    zh, en, out = str(SEED_ZH), str(SEED_EN), tmp_path / "out.tmx"
    expected = {
        "missing": "file not found",
        "empty": "empty",
        "binary": "binary",
        "outdir": "output folder does not exist",
        "format": "unknown output format",
        "wronglang": "given as English",
        "folder": "folder",
    }[case]
    if case == "missing":
        zh = str(tmp_path / "nope.txt")
    elif case == "empty":
        (tmp_path / "empty.txt").write_bytes(b"")
        en = str(tmp_path / "empty.txt")
    elif case == "binary":
        (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 8)
        zh = str(tmp_path / "blob.txt")
    elif case == "outdir":
        out = tmp_path / "missing" / "out.tmx"
    elif case == "format":
        out = tmp_path / "out.xyz"
    elif case == "wronglang":
        en = str(SEED_ZH)
    elif case == "folder":
        zh = str(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = runner.invoke(app, ["align", zh, en, "-o", str(out)])
    assert result.exit_code != 0
    line = _one_line_error(result.output)
    assert expected in line
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize(
    ("encoder", "expected"),
    [("labse", "pip install 'untm[labse]'"), ("laser", "unknown encoder 'laser'")],
)
def test_align_encoder_choice_fails_cleanly_when_unavailable(
    runner: CliRunner, tmp_path: Path, encoder: str, expected: str
) -> None:
    """`--encoder labse` needs sentence-transformers and a local model: a clear error, no file."""
    import importlib.util

    if encoder == "labse" and importlib.util.find_spec("sentence_transformers") is not None:
        pytest.skip("sentence-transformers is installed here")
    out = tmp_path / "out.tmx"
    result = runner.invoke(
        app, ["align", str(SEED_ZH), str(SEED_EN), "-o", str(out), "--encoder", encoder]
    )
    assert result.exit_code == 2
    assert expected in _one_line_error(result.output)
    assert list(tmp_path.iterdir()) == []


def test_align_records_the_encoder(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "seed.json"
    result = runner.invoke(app, ["align", str(SEED_ZH), str(SEED_EN), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["settings"]["encoder"] == "use"


def test_segment_prints_one_segment_per_line(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["segment", str(SEED_EN), "--lang", "en"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 85
    assert lines[12].startswith("1. The United Nations Human Settlements Programme")
    out = tmp_path / "zh.txt"
    result = runner.invoke(app, ["segment", str(SEED_ZH), "--lang", "zh", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 83


def test_segment_errors(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["segment", str(tmp_path / "none.txt"), "--lang", "en"])
    assert result.exit_code != 0
    assert "file not found" in _one_line_error(result.output)
    result = runner.invoke(app, ["segment", str(SEED_EN), "--lang", "zh"])
    assert result.exit_code != 0
    assert "given as Chinese" in _one_line_error(result.output)
