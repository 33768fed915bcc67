"""A producer outside the matrix: groff, the Unix typesetter, through its own PDF writer (gropdf)
and through PostScript and Ghostscript (`groff -Tps | ps2pdf`).

groff's ms macros set what UN-style layouts of tests/producers do not: paragraphs opening with a
first-line indent and no space between them, words hyphenated at line ends by TeX's patterns
("re-cruit", "un-justifiable"), justified lines, a running header with the page number. Four
real UN texts of ../shared (the 2023 documents 01, 02, 06 and 07; the producer bench holds out
03, 05 and the UDHR), one line a paragraph, are set so and read back: untm must give each line
of the text as one paragraph (whitespace aside), the running header as furniture.

Before the first-line indent and prefix rules (`pdflayout.blocks._paragraph_indent`,
`pdflayout.hyphens`), 425 of the 435 paragraphs came back whole: words broken after "re-", "co-"
or "un-" kept their hyphen ("re-cruit"), and a one-line paragraph at a page's foot ran on into
the next page's first. Skipped without groff (Debian `groff`, `scripts/system-deps.sh`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from untm.aligner.read import read_document

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
TEXTS = ("01", "02", "06", "07")
PRODUCERS = {
    "gropdf": "groff -Kutf8 -ms -Tpdf {src} > {pdf}",
    "groff-ps-gs": "groff -Kutf8 -ms -Tps {src} | ps2pdf - {pdf}",
}
RECALL = 0.99  # of all the texts' paragraphs, each text at least `EACH`
EACH = 0.97

pytestmark = pytest.mark.skipif(
    not (shutil.which("groff") and shutil.which("gropdf") and shutil.which("ps2pdf")),
    reason="groff (gropdf) and Ghostscript's ps2pdf not installed (scripts/system-deps.sh)")


def _norm(text: str) -> str:
    # groff sets U+2010 and U+2011 as its hyphen glyph, which the text layer names "-"
    return re.sub(r"\s+", " ", text.replace("\u2010", "-").replace("\u2011", "-")).strip()


def _paragraphs(number: str) -> list[str]:
    folder = SHARED / "un" / "ecosoc2023"
    if not folder.is_dir():
        pytest.skip(f"{folder} not present (see README: Data)")
    path = next(folder.glob(f"{number}_*.en.txt"))
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _ms(paragraphs: list[str], symbol: str) -> str:
    """The text as groff ms source: 11-point type on 13, a running header (the symbol and
    "United Nations") and the page number "- N -" at the top of every page but the first."""
    out = [".nr PS 11", ".nr VS 13", ".ds CH - % -", ".ds CF", ".ds LH United Nations",
           f".ds RH {symbol}"]
    for text in paragraphs:
        text = text.replace("\\", "\\e").replace("\u2011", "-")
        out += [".PP", "\\&" + text if text[0] in ".'" else text]
    return "\n".join(out) + "\n"


@pytest.fixture(scope="module")
def groff_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    folder = tmp_path_factory.mktemp("groff")
    out: dict[tuple[str, str], Path] = {}
    for number in TEXTS:
        src = folder / f"{number}.ms"
        src.write_text(_ms(_paragraphs(number), f"E/2023/L.{number}"), encoding="utf-8")
        for producer, command in PRODUCERS.items():
            pdf = folder / f"{number}.{producer}.pdf"
            subprocess.run(command.format(src=src, pdf=pdf), shell=True, check=True,
                           capture_output=True, timeout=120)
            out[number, producer] = pdf
    return out


@pytest.mark.parametrize("producer", list(PRODUCERS))
def test_groff_pdfs_read_paragraph_for_paragraph(
    producer: str, groff_pdfs: dict[tuple[str, str], Path]
) -> None:
    whole = total = 0
    for number in TEXTS:
        gold = [_norm(p) for p in _paragraphs(number)]
        doc = read_document(groff_pdfs[number, producer], "en")
        read = {_norm(p.text) for p in doc.paragraphs}
        # the first line of each text is "United Nations" or a committee's name; the running
        # header repeats "United Nations", so there it is furniture, reported
        furniture = {_norm(f.text) for f in doc.furniture}
        found = sum(1 for g in gold if g in read or g in furniture)
        assert found >= EACH * len(gold), (number, [g for g in gold if g not in read][:3])
        assert not any(_norm(p.text) == "- 2 -" for p in doc.paragraphs)
        whole, total = whole + found, total + len(gold)
    assert whole >= RECALL * total, f"{whole} of {total} paragraphs whole"
