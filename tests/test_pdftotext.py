"""`pdftotext` output of the generated UN-style seed PDFs through the text path.

pdftotext (Debian poppler-utils, installed by scripts/system-deps.sh) is a test tool only: users
who converted their PDFs with it get this text. Before the text path read line evidence it gave
P .24 / R .19 on the first layout (bench/results/pdftext_before_pdf.md).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import GOLD, needs_shared

from untm.pipeline import AlignOptions, align_files, gold_units, score_units, to_units

STEM = "000_a932ec9d51e334cb"
HAN_SPACE = re.compile(r"[\u4e00-\u9fff] (?=[\u4e00-\u9fff])")
pytestmark = [
    needs_shared(GOLD),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext not installed"),
]


def _text(pdf: Path, out: Path) -> Path:
    data = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True).stdout
    out.write_bytes(data)
    return out


@pytest.mark.parametrize("layout", ["un-times", "ragged-wqy"])
def test_pdftotext_of_seed_pdfs(
    layout: str, seed_pdfs: dict[str, tuple[Path, Path]], tmp_path: Path
) -> None:
    from pdfgen import EXTRA_PAIRS

    if layout not in seed_pdfs:
        pytest.skip(f"the fonts of layout {layout} are not installed")
    zh_pdf, en_pdf = seed_pdfs[layout]
    zh = _text(zh_pdf, tmp_path / "seed.zh.txt")
    en = _text(en_pdf, tmp_path / "seed.en.txt")
    result = align_files(zh, en, AlignOptions(mode="fast"))
    units = [(u.source, u.target) for u in to_units(result, source_name="pdftotext")]
    gold = gold_units(GOLD / f"{STEM}.zh", GOLD / f"{STEM}.en", GOLD / f"{STEM}.align")
    score = score_units(units, gold + list(EXTRA_PAIRS))
    assert score.precision >= 0.75 and score.recall >= 0.65, score
    kinds = {f.kind for f in result.src_furniture}
    assert {"running-header", "page-number", "job-number"} <= kinds, kinds
    if layout == "ragged-wqy":  # its text layer spaces the Han characters out
        assert "han-spacing" in kinds
        # only table cells (separate on purpose) keep a space between Han characters
        split = [s for s, _ in units if HAN_SPACE.search(s)]
        assert len(split) <= 1, split
