"""Bad PDFs through the installed `untm` script: one line on stderr that names the file and says
what is wrong (a scan: run OCR; a password; truncated; damaged; not a PDF; absurd page counts and
page trees), exit 2, no traceback, and nothing written — for `align`, `segment` and `batch`.
Each case ends in bounded time (the subprocess timeout would fail the test)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import SEED_EN, UNTM, run_untm
from pdfgen import bad_pdfs

pytestmark = pytest.mark.skipif(not Path(UNTM).exists(), reason="the untm script is not installed")


@pytest.fixture(scope="module")
def cases(seed_pdfs: dict[str, tuple[Path, Path]]) -> dict[str, tuple[bytes, str]]:
    return bad_pdfs(seed_pdfs["un-times"][1].read_bytes())


def _run(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    return run_untm(args, home, timeout=120)


CASE_IDS = ("scan", "encrypted", "truncated", "corrupt", "not-a-pdf", "many-pages", "deep-tree")


@pytest.mark.parametrize("case", CASE_IDS)
@pytest.mark.parametrize("command", ["align", "segment"])
def test_bad_pdf_fails_in_one_line_and_writes_nothing(
    case: str, command: str, cases: dict[str, tuple[bytes, str]], tmp_path: Path
) -> None:
    data, says = cases[case]
    work = tmp_path / "work"
    work.mkdir()
    bad = work / f"{case}.zh.pdf"
    bad.write_bytes(data)
    before = sorted(p.name for p in work.iterdir())
    if command == "align":
        args = ["align", str(bad), str(SEED_EN), "-o", str(work / "out.tmx")]
    else:
        args = ["segment", str(bad), "--lang", "zh", "-o", str(work / "out.txt")]
    proc = _run(args, tmp_path)
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("untm: error:"), proc.stderr
    assert bad.name in lines[0] and says.lower() in lines[0].lower(), lines[0]
    assert "Traceback" not in proc.stderr + proc.stdout and proc.stdout == ""
    assert sorted(p.name for p in work.iterdir()) == before  # no output, no temporary file


def test_scan_message_suggests_ocr(cases: dict[str, tuple[bytes, str]], tmp_path: Path) -> None:
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(cases["scan"][0])
    proc = _run(["segment", str(bad), "--lang", "en"], tmp_path)
    assert "scan" in proc.stderr and "OCR" in proc.stderr


def test_batch_reports_each_bad_pdf_and_aligns_the_good_pair(
    cases: dict[str, tuple[bytes, str]], seed_pdfs: dict[str, tuple[Path, Path]], tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for case in ("scan", "encrypted", "truncated"):
        (folder / f"{case}.zh.pdf").write_bytes(cases[case][0])
        shutil.copy(SEED_EN, folder / f"{case}.en.txt")
    zh, en = seed_pdfs["un-times"]
    shutil.copy(zh, folder / "good.zh.pdf")
    shutil.copy(en, folder / "good.en.pdf")
    out = tmp_path / "out"
    proc = _run(["batch", str(folder), "-o", str(out), "--mode", "fast", "--quiet"], tmp_path)
    assert proc.returncode == 1, proc.stderr  # some pairs failed
    docs = {d["name"]: d for d in json.loads((out / "summary.json").read_text())["documents"]}
    assert docs["good"]["status"] == "ok"
    for case in ("scan", "encrypted", "truncated"):
        assert docs[case]["status"] != "ok" and cases[case][1] in docs[case]["error"].lower()
        assert not (out / f"{case}.tmx").exists()
