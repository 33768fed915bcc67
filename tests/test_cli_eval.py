"""CLI tests of `untm eval`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import MAC, needs_shared
from untm.cli import app

runner = CliRunner()


@needs_shared(MAC)
def test_eval_folders_json() -> None:
    split = MAC / "test_bertalign2021"
    result = runner.invoke(app, ["eval", str(split), str(split / "peers" / "vecalign"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert round(data["f1_strict"], 3) == 0.886
    assert data["files"] == 24


@needs_shared(MAC)
def test_eval_table() -> None:
    gold = MAC / "dev" / "001.align"
    result = runner.invoke(app, ["eval", str(gold), str(gold)])
    assert result.exit_code == 0
    assert "strict    1.000  1.000  1.000" in result.output


def test_eval_bad_file_one_line_error(tmp_path: Path) -> None:
    gold = tmp_path / "g.align"
    test = tmp_path / "t.align"
    gold.write_text("[0]:[0]\n", encoding="utf-8")
    test.write_text("[0]:[0]\nnonsense\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold), str(test)])
    assert result.exit_code == 2
    assert "t.align:2:" in result.output
    assert "Traceback" not in result.output


def test_eval_missing_path() -> None:
    result = runner.invoke(app, ["eval", "/nonexistent/g.align", "/nonexistent/t.align"])
    assert result.exit_code == 2
    assert "no such file" in result.output
