"""The measure of a one-page text whose lines never wrap: the development resolution
(tests/producers/documents.py) printed by wkhtmltopdf (Qt WebKit; Debian `wkhtmltopdf`), which
shrinks the page so that no Chinese line wraps. Every paragraph is one line and none fills it,
so the lines' ends cannot show the measure: untm took the widest line as full, and the one-line
"回顾其…其他相关决议，" ran on into "重申…". The masthead's rule, drawn from the body's left
edge across the text block, shows where the measure ends (`blocks._drawn_frame`), and a wide
line ending in a Chinese clause's punctuation ends the cover region (`blocks._is_cover_end`).
Guard: the same resolution in English (its lines wrap); test_pdf_typst's short text set
narrower than its header's rule guards the drawn frame. Skipped without wkhtmltopdf.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from producers.documents import DOCS
from producers.html_build import write_html
from producers.structure import structure

from untm.aligner.read import read_document

pytestmark = pytest.mark.skipif(shutil.which("wkhtmltopdf") is None,
                                reason="wkhtmltopdf not installed (Debian wkhtmltopdf)")


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _print(tmp_path: Path, name: str, lang: str) -> list[str]:
    """`name` of the documents printed by wkhtmltopdf as bench_pdf_other_producers prints it
    (its own header and footer: the symbol, the page number); its paragraphs as read, and the
    document's own."""
    doc = next(d for d in DOCS if d.name == name)
    html = tmp_path / f"{name}.{lang}.html"
    html.write_text(write_html(structure(doc.items(lang)), lang, doc.symbol, "23-09876 (C)"),
                    encoding="utf-8")
    pdf = tmp_path / f"{name}.{lang}.pdf"
    subprocess.run(["wkhtmltopdf", "-q", "--enable-local-file-access", "-s", "A4",
                    "--header-right", doc.symbol, "--header-font-size", "8",
                    "--footer-right", "[page]", "--footer-font-size", "8", str(html), str(pdf)],
                   check=False, capture_output=True, timeout=300)
    if not pdf.exists():
        pytest.skip("wkhtmltopdf wrote no PDF")
    return [_squeeze(p.text) for p in read_document(pdf, lang).paragraphs]


def _gold(name: str, lang: str) -> list[str]:
    doc = next(d for d in DOCS if d.name == name)
    return [_squeeze(p.text) for p in doc.items(lang) if p.kind == "body"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_resolution_read_by_paragraph(tmp_path: Path, lang: str) -> None:
    """Each of the resolution's six paragraphs is read as one: in Chinese, one line each, none
    full (untm ran "回顾…，" on into "重申…，"); in English, wrapped lines (a guard)."""
    assert _print(tmp_path, "resolution", lang) == _gold("resolution", lang)
