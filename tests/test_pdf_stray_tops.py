"""A glyph whose box stands far above its line's: LibreOffice Draw, saving again a PDF it
opened, sets a bracket in a substituted font whose box reaches 1.34 ems above the baseline
(the Chinese text's, 0.88). A line's top was its highest glyph's, so the line with the bracket
stood 0.46 ems taller; `blocks._step` (the nearer of the bottoms' and the tops' steps) then
read the step to it as the paragraph's line spacing, a third short, and the next ordinary step
as a gap between paragraphs (the matrix's reportlab ecosoc_01 through Draw: a paragraph cut in
two, F1 .981 against `pdftotext`'s 1.000). A line's top is now its glyphs' but for a few
standing more than `lines.STRAY_TOP` font sizes above the middle one (`lines._top`).

The test sends the matrix's reportlab PDF through Draw (skipped where Draw is missing); the
guards are pages written by hand, the text in Helvetica (/F1) and its brackets in Helvetica
again as /F2, whose descriptor gives an ascent and no descent, as the substituted font's did,
and the same page with the brackets in /F1."""

from __future__ import annotations

from pathlib import Path

import pytest
from docgen import draw_resave, soffice
from pdfgen import assemble
from producers.matrix import Matrix

from untm.aligner.read import read_document

SIZE, LEADING = 10.0, 12.0
FIRST = (  # one paragraph, its second line with brackets
    "The Committee was informed that the Mission had reduced its footprint",
    "in Pristina (two offices) and in Mitrovica (one warehouse), and that",
    "further consolidation would follow in the next budget period as planned.",
)
SECOND = ("The Committee trusts that an update will be provided in the next report.",)
BEFORE = (  # paragraphs of ordinary lines around it, which the page's line spacing is taken from
    "Upon enquiry, the Advisory Committee was informed that the Mission had kept its",
    "operational continuity and maintained its core mandate implementation, while its",
    "liquidity constraints had reduced its capacity to deliver programmatic projects.",
)
AFTER = (
    "The Committee notes that the proposed reductions reflect structural efficiency",
    "gains from process improvements, and that others are driven by liquidity",
    "constraints and a temporary compression of expenditure in the current period.",
)


def _show(text: str, stray: bool) -> bytes:
    """`text` shown in /F1, its brackets in /F2 where `stray`."""
    if not stray:
        return b"/F1 10 Tf (%s) Tj " % text.replace("(", r"\(").replace(")", r"\)").encode()
    out = b""
    for piece in text.replace("(", "\0(\0").replace(")", "\0)\0").split("\0"):
        if piece in "()" and piece:
            out += b"/F2 10 Tf (\\%s) Tj " % piece.encode()
        elif piece:
            out += b"/F1 10 Tf (%s) Tj " % piece.encode()
    return out


def _page(path: Path, *, stray: bool) -> Path:
    rows = [*BEFORE, None, *FIRST, None, *AFTER, None, *SECOND]
    y, body = 700.0, b""
    for text in rows:
        if text is None:
            y -= 8.0  # the paragraphs' gap
            continue
        body += b"BT 72 %.1f Td %s ET\n" % (y, _show(text, stray))
        y -= LEADING
    tall = (b"<< /Type /FontDescriptor /FontName /Helvetica /Flags 32 /FontBBox [-166 0 1000 "
            b"1600] /ItalicAngle 0 /Ascent 1600 /Descent 0 /CapHeight 718 /StemV 88 >>")
    path.write_bytes(assemble({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
           b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        4: b"<< /Length %d >>\nstream\n%s\nendstream" % (len(body), body),
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        6: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FontDescriptor 7 0 R >>",
        7: tall,
    }))
    return path


def _texts(path: Path) -> list[str]:
    return [p.text for p in read_document(path, "en").paragraphs]


@pytest.mark.skipif(
    soffice() is None or not Path("/usr/lib/libreoffice/program/libsdlo.so").exists(),
    reason="LibreOffice Draw not installed (Debian libreoffice-draw-nogui)")
def test_a_draw_resaved_paragraph_with_brackets_is_read_whole(
    producer_matrix: Matrix, tmp_path: Path,
) -> None:
    pair = next((p for p in producer_matrix.pairs
                 if p.name == "reportlab/ecosoc_01"), None)
    if pair is None:
        pytest.skip("the matrix has no reportlab/ecosoc_01")
    (paragraph,) = [zh for zh, _ in pair.doc.gold() if "并为恢复以色列人" in zh]
    resaved = draw_resave(pair.zh, tmp_path / "draw")
    texts = [p.text for p in read_document(resaved, "zh").paragraphs]
    assert paragraph in texts


@pytest.mark.parametrize("stray", [True, False])
def test_a_bracket_whose_box_stands_high_keeps_its_paragraphs(tmp_path: Path, stray: bool) -> None:
    """Guard: English text, whose paragraphs are told apart by more than the step."""
    expected = [" ".join(BEFORE), " ".join(FIRST), " ".join(AFTER), *SECOND]
    assert _texts(_page(tmp_path / "page.pdf", stray=stray)) == expected
