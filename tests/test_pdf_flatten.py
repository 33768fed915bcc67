"""Annotations flattened for print on a page that inherits its resources
(pdflayout.chars._printed_page, _flattened_copy).

PDFium's flattening (`FPDFPage_Flatten`) gives a page a resource dictionary of its own that
holds only the annotations' drawing: a page whose fonts are its page tree's (`/Resources` on
`/Pages`, as many producers write a document) then loses them, and its own text reads as raw
codes (pdf.js bug1669099, a membership form: refused as "no Unicode mapping for 100%" before).
The reader checks that the flattened page still begins with the page's own text, and otherwise
flattens a copy of the page imported into a document of its own (the import gives the copy what
it inherits). The test pages are written by tests/cidfonts.py: a CID-keyed font with a
ToUnicode map (a font PDFium cannot stand in for by a standard one), and a printing stamp
annotation with an appearance stream of its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cidfonts import FONTS, cid_pdf

from untm.aligner.pdflayout.chars import read_pdf_pages
from untm.aligner.read import read_document

LINES = {
    "en": ["The General Assembly adopted the resolution without a vote.",
           "Member States welcomed the report of the Secretary-General."],
    "zh": ["大会未经表决通过了该决议。", "会员国欢迎秘书长的报告。"],
}
STAMP = "APPROVED 2023"

pytestmark = pytest.mark.skipif(
    not all(path.exists() for path, _ in FONTS.values()),
    reason="fonts-wqy-microhei and fonts-dejavu-core are needed")


def _text(data: bytes) -> tuple[list[str], tuple[str, ...]]:
    read = read_pdf_pages(data, "page.pdf")
    (page,) = read.pages
    assert page.unmapped == 0
    return [ln.strip() for ln in page.text.splitlines() if ln.strip()], read.notes


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_stamp_on_a_page_that_inherits_its_fonts(lang: str) -> None:
    """Before: the stamp alone was read, the page's own text lost (every glyph a raw code)."""
    lines, notes = _text(cid_pdf(LINES[lang], lang, to_unicode=True, inherit=True, stamp=STAMP))
    assert lines == [*LINES[lang], STAMP]
    assert notes == ()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_document_reads_as_when_the_page_holds_its_fonts(lang: str, tmp_path: Path) -> None:
    inherited, own = tmp_path / f"inherited.{lang}.pdf", tmp_path / f"own.{lang}.pdf"
    inherited.write_bytes(cid_pdf(LINES[lang], lang, to_unicode=True, inherit=True, stamp=STAMP))
    own.write_bytes(cid_pdf(LINES[lang], lang, to_unicode=True, stamp=STAMP))
    texts = [p.text for p in read_document(inherited, lang).paragraphs]
    assert texts == [p.text for p in read_document(own, lang).paragraphs]
    assert STAMP in texts


@pytest.mark.parametrize(("inherit", "stamp"), [(False, STAMP), (True, None), (False, None)])
def test_guards(inherit: bool, stamp: str | None) -> None:
    """A page holding its own fonts, with a stamp; a page that inherits them, without
    annotations (not flattened at all): read as before."""
    lines, notes = _text(cid_pdf(LINES["zh"], "zh", to_unicode=True, inherit=inherit,
                                 stamp=stamp))
    assert lines == LINES["zh"] + ([stamp] if stamp else [])
    assert notes == ()
