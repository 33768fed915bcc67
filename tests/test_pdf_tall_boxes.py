"""A font whose ascent and descent are its bounding box's: Apache FOP writes Noto Serif CJK's
FontDescriptor with /Ascent 1809 /Descent -1049 (its FontBBox), so PDFium's box of each glyph
(ascent to descent) is 2.86 font sizes tall and boxes three lines at once. Where every glyph of
a page has such a box there is no common height to even it to (`chars._even_boxes`); a box
taller than `chars.TALL_EMS` font sizes is set on its baseline as tall as a CJK face's line
(`chars._line_boxes`).
Before that rule, a paragraph's first line shorter than the line above it was read into that
line, their glyphs interleaved ("关1. 切欢地迎注..."), on every page FOP wrote in Chinese.

The hand-written page keeps the font's name, Helvetica, and gives it such a descriptor; the FOP
test makes a page with Debian's `fop` (skipped where it is missing) as a user's DocBook or DITA
tool chain would."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from onepage import helvetica_page

from untm.aligner.pdflayout.chars import LINE_ASCENT, LINE_DESCENT, TALL_EMS, read_pdf_chars
from untm.aligner.read import read_document

LINES = (  # a paragraph's long last line, then a shorter first line of the next paragraph
    "Recalling its resolution 46/182 of 19 December 1991 and the guiding principles contained in",
    "the annex thereto, and its other relevant resolutions.",
    "1. Welcomes the report of the Secretary-General;",
    "2. Requests the Secretary-General to report to the General Assembly at its next session.",
)
SIZE, LEADING = 10.5, 14.7


def _page(path: Path, ascent: int, descent: int) -> Path:
    """The lines at 10.5 pt on a 14.7 pt leading, in Helvetica with a descriptor whose ascent
    and descent are as given."""
    rows = b"".join(b"1 0 0 1 72 %.1f Tm (%s) Tj\n" % (700 - k * LEADING, text.encode())
                    for k, text in enumerate(LINES))
    stream = b"BT /F1 %.1f Tf\n%sET" % (SIZE, rows)
    descriptor = (b"<< /Type /FontDescriptor /FontName /Helvetica /Flags 32 "
                  b"/FontBBox [-166 %d 1000 %d] /ItalicAngle 0 /Ascent %d /Descent %d "
                  b"/CapHeight 718 /StemV 88 >>" % (descent, ascent, ascent, descent))
    path.write_bytes(helvetica_page(stream, b" /FontDescriptor 6 0 R", {6: descriptor}))
    return path


def _texts(path: Path, lang: str) -> list[str]:
    return [p.text for p in read_document(path, lang).paragraphs]


def test_a_font_with_its_bounding_box_for_ascent_and_descent_keeps_its_lines(
    tmp_path: Path,
) -> None:
    path = _page(tmp_path / "tall.pdf", 1809, -1049)
    (page,) = read_pdf_chars(path.read_bytes(), path.name)
    # on the baseline (72 pt from the left, 700 pt up and on), as tall as a CJK face's line
    tall = LINE_ASCENT + LINE_DESCENT
    assert all(c.y1 - c.y0 == pytest.approx(tall * c.size) for c in page.chars)
    assert {round(c.y0 + LINE_DESCENT * c.size, 1) for c in page.chars} == {
        round(700 - k * LEADING, 1) for k in range(len(LINES))}
    assert _texts(path, "en") == [" ".join(LINES[:2]), LINES[2], LINES[3]]


def _loose_heights(path: Path) -> list[float]:
    """PDFium's box height (ascent to descent) of each glyph of the page, as it gives it."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    pdf = pdfium.PdfDocument(path)
    text = pdf[0].get_textpage()
    rect = pdfium_c.FS_RECTF()
    heights = []
    for i in range(text.count_chars()):
        if chr(pdfium_c.FPDFText_GetUnicode(text.raw, i)).strip():
            assert pdfium_c.FPDFText_GetLooseCharBox(text.raw, i, rect)
            heights.append(rect.top - rect.bottom)
    text.close()
    pdf.close()
    return heights


@pytest.mark.parametrize(("ascent", "descent"), [(891, -216), (1160, -288), (1400, -500)])
def test_a_font_of_ordinary_or_tall_metrics_keeps_its_boxes(
    tmp_path: Path, ascent: int, descent: int,
) -> None:
    """Guard: up to `TALL_EMS` font sizes a box is PDFium's (1.448: Noto CJK's own hhea)."""
    path = _page(tmp_path / "ordinary.pdf", ascent, descent)
    (page,) = read_pdf_chars(path.read_bytes(), path.name)
    heights = _loose_heights(path)
    assert max(heights) <= TALL_EMS * SIZE
    assert [c.y1 - c.y0 for c in page.chars if c.ch != " "] == pytest.approx(heights)
    assert _texts(path, "en") == [" ".join(LINES[:2]), LINES[2], LINES[3]]


FO = """<?xml version="1.0" encoding="utf-8"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" font-family="{family}" font-size="10.5pt"
  line-height="1.4"><fo:layout-master-set><fo:simple-page-master master-name="A4"
  page-height="297mm" page-width="210mm" margin="20mm"><fo:region-body/></fo:simple-page-master>
  </fo:layout-master-set><fo:page-sequence master-reference="A4"><fo:flow
  flow-name="xsl-region-body">{blocks}</fo:flow></fo:page-sequence></fo:root>"""
ZH = ("回顾其1991年12月19日第46/182号决议及其附件所载指导原则，以及关于加强紧急人道主义援助协调的"
      "其他相关决议，关切地注意到需要人道主义援助的人数继续增加，需求与资源之间的差距正在扩大，",
      "1. 欢迎秘书长关于加强联合国紧急人道主义援助协调的报告；",
      "2. 请秘书长向大会下届会议报告本决议执行进展情况。")


@pytest.mark.skipif(shutil.which("fop") is None, reason="Apache FOP not installed (Debian fop)")
def test_apache_fop_chinese_paragraphs_are_read_line_by_line(tmp_path: Path) -> None:
    from fop_build import FAMILY, compile_fo, has_fop

    if not has_fop():
        pytest.skip("Noto CJK or Liberation fonts not installed")
    blocks = "".join(f'<fo:block text-indent="2em" text-align="justify">{t}</fo:block>'
                     for t in ZH)
    pdf = tmp_path / "fop.pdf"
    compile_fo(FO.format(family=FAMILY, blocks=blocks), pdf)
    assert _texts(pdf, "zh") == list(ZH)
