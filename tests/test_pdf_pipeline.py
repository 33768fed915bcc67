"""UN-style PDFs through the whole pipeline and the installed `untm` script.

- the seed pair as PDFs (every layout of tests/pdfgen.py) against the seed gold plus the gold
  pairs of what the generated PDFs add (two numbered footnotes, a table): P = R >= 0.98, no unit
  with a header, footer, page or job number in it, no Han pair split by a space;
- a PDF on one side and the text file on the other;
- `untm align A.zh.pdf A.en.pdf -o A.tmx --report`, `untm segment A.pdf`, `untm batch` on PDFs;
- twenty copies of the seed report in one PDF yield twenty times its units.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import GOLD, SEED_EN, UNTM, needs_shared, run_untm
from pdfgen import EXTRA_PAIRS, HAN_SPACE, LAYOUTS, SYMBOL, render_pdf, repeated, seed_items

from untm.pipeline import AlignOptions, align_files, gold_units, score_units, summarize, to_units

STEM = "000_a932ec9d51e334cb"
pytestmark = needs_shared(GOLD)


def _gold() -> list[tuple[str, str]]:
    return gold_units(GOLD / f"{STEM}.zh", GOLD / f"{STEM}.en", GOLD / f"{STEM}.align")


@pytest.mark.parametrize("layout", [lo.name for lo in LAYOUTS])
def test_seed_pdfs_align_to_the_gold(layout: str, seed_pdfs: dict[str, tuple[Path, Path]]) -> None:
    if layout not in seed_pdfs:
        pytest.skip(f"the fonts of layout {layout} are not installed")
    zh, en = seed_pdfs[layout]
    result = align_files(zh, en, AlignOptions())
    units = [(u.source, u.target) for u in to_units(result, source_name=zh.name)]
    score = score_units(units, _gold() + list(EXTRA_PAIRS))
    assert score.precision >= 0.98 and score.recall >= 0.98, score
    for source, target in units:
        assert not HAN_SPACE.search(source), source
        assert SYMBOL not in source + target and "Please recycle" not in target
    kinds = summarize(result).furniture_kinds
    for kind in ("running-header", "page-number", "job-number", "barcode", "recycle-note"):
        assert kinds.get(kind, 0) >= 1, kinds


def test_a_pdf_with_a_text_file(seed_pdfs: dict[str, tuple[Path, Path]]) -> None:
    zh, _ = seed_pdfs["un-times"]
    result = align_files(zh, SEED_EN, AlignOptions())
    units = [(u.source, u.target) for u in to_units(result, source_name=zh.name)]
    score = score_units(units, _gold())
    assert score.precision >= 0.95 and score.recall >= 0.95, score


def _run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return run_untm(list(args), home, timeout=600)


@pytest.mark.skipif(not Path(UNTM).exists(), reason="the untm script is not installed")
def test_installed_script_aligns_and_segments_pdfs(
    seed_pdfs: dict[str, tuple[Path, Path]], tmp_path: Path
) -> None:
    zh, en = seed_pdfs["un-times"]
    proc = _run("align", str(zh), str(en), "-o", str(tmp_path / "A.tmx"), "--report",
                str(tmp_path / "A.html"), "--json", home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["units"] >= 88 and summary["furniture_kinds"]["page-number"] >= 6
    tmx = (tmp_path / "A.tmx").read_text(encoding="utf-8")
    assert "执行主任的联合进度报告" in tmx and SYMBOL not in tmx
    page = (tmp_path / "A.html").read_text(encoding="utf-8")
    assert "running-header" in page and "Please recycle" in page  # what was left out, shown
    assert "en page 1: recycle-note: Please recycle" in page
    seg = _run("segment", str(zh), "--lang", "zh", home=tmp_path)
    assert seg.returncode == 0, seg.stderr
    lines = seg.stdout.splitlines()
    assert "一、背景" in lines and not any(HAN_SPACE.search(line) for line in lines)


@pytest.mark.skipif(not Path(UNTM).exists(), reason="the untm script is not installed")
def test_batch_pairs_pdfs(seed_pdfs: dict[str, tuple[Path, Path]], tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    zh, en = seed_pdfs["un-times"]
    shutil.copy(zh, folder / "report.zh.pdf")
    shutil.copy(en, folder / "report.en.pdf")
    shutil.copy(SEED_EN, folder / "mixed.en.txt")
    shutil.copy(zh, folder / "mixed.zh.pdf")
    proc = _run("batch", str(folder), "-o", str(tmp_path / "out"), "--mode", "fast", "--quiet",
                home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    docs = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))["documents"]
    assert {d["name"]: d["status"] for d in docs} == {"report": "ok", "mixed": "ok"}
    assert all(d["units"] >= 75 for d in docs)


@pytest.mark.slow
def test_twenty_copies_yield_twenty_times_the_units(tmp_path: Path) -> None:
    layout = LAYOUTS[0]
    counts = []
    for n in (1, 20):
        zh = render_pdf(repeated(seed_items("zh"), n), "zh", layout, tmp_path / f"{n}.zh.pdf")
        en = render_pdf(repeated(seed_items("en"), n), "en", layout, tmp_path / f"{n}.en.pdf")
        counts.append(len(to_units(align_files(zh, en, AlignOptions(mode="fast")),
                                   source_name="x")))
    assert counts[1] >= 19 * counts[0], counts
