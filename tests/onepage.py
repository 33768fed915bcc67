"""One A4 page whose content stream is written by hand, its text in Helvetica as /F1: for tests
that place glyphs the way a producer does (TJ offsets, passes, ligatures) where reportlab will
not."""

from __future__ import annotations

from pdfgen import assemble


def helvetica_page(stream: bytes, font: bytes = b"", more: dict[int, bytes] | None = None) -> bytes:
    """The PDF file: `stream` drawn on one A4 page, /F1 the standard Helvetica (`font`: more
    entries of its font dictionary, as " /ToUnicode 6 0 R"; `more`: objects numbered 6 on)."""
    return assemble({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
           b"/Resources << /Font << /F1 5 0 R >> >> >>",
        4: b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica%s >>" % font,
        **(more or {}),
    })
