"""PDFs whose text has glyphs without a Unicode meaning, for tests/test_pdf_meaningless_glyphs.py.

`marks_pdf` writes A4 pages of lines in Helvetica (WinAnsi; PDFium knows its widths), the
characters of `MARKS` (an apostrophe, a bullet) drawn in a Type 3 font of their own whose glyph
names mean nothing ("/0", "/3") and which has no ToUnicode map: PDFium gives the glyph of code
0 no character at all (U+0000) and the glyph of code 3 its raw code, flagged. That is how the
Italian text of PyMuPDF's tests/resources/test_3186.pdf draws its apostrophes and bullets (a
Type 3 font "FranklinGothic-Book.1" of glyphs /0 to /5 beside the fonts of its letters). With
`to_unicode`, the Type 3 font has a ToUnicode map (the character each mark's code is mapped
to); with `letters`, Helvetica has one too, of every code it draws, those of the characters
of `letters` mapped to the code point given (an apostrophe mapped to U+0002 or U+0000). No
producer of the matrix writes such fonts, so the file is written here (objects through
`pdfgen.assemble`).
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence

from cidfonts import _to_unicode
from pdfgen import assemble

# the characters drawn in the Type 3 font: its code for each, and the glyph's advance (in
# thousandths of an em) and drawing (a filled box, in glyph space: 1000 units an em)
MARKS = {"'": 0, "•": 3}
_GLYPHS = {0: (250, b"90 450 70 250 re f"), 3: (500, b"150 250 200 200 re f")}
SIZE = 11.0  # points
LEADING = 16.0  # points between baselines


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(data)
    return (b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), extra)
            + packed + b"\nendstream")


def _literal(text: str) -> bytes:
    """`text` as a PDF string of WinAnsi codes."""
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _line(text: str, y: float, marks: Mapping[str, int]) -> bytes:
    """One line at `y`: runs of `text` in Helvetica (/F1), each character of `marks` a glyph of
    the Type 3 font (/F2), all in one text object (each run starts where the last ended)."""
    out = bytearray(b"BT 1 0 0 1 72 %.1f Tm\n" % y)
    run = ""
    for ch in text + "\n":
        if ch in marks or ch == "\n":
            if run:
                out += b"/F1 %.1f Tf %s Tj\n" % (SIZE, _literal(run))
                run = ""
            if ch in marks:
                out += b"/F2 %.1f Tf <%02X> Tj\n" % (SIZE, marks[ch])
        else:
            run += ch
    return bytes(out + b"ET\n")


def marks_pdf(pages: Sequence[Sequence[str]], *, to_unicode: Mapping[str, str] | None = None,
              marks: Mapping[str, int] = MARKS, letters: Mapping[str, str] | None = None) -> bytes:
    """Each page of `pages` a page of its lines (`SIZE`, `LEADING` apart from the top), the
    characters of `marks` drawn in the Type 3 font (its code for each). `to_unicode`: the
    Type 3 font's ToUnicode map, the character each mark's code is mapped to (none: no map);
    `letters`: Helvetica's ToUnicode map, of every character it draws, those of `letters`
    mapped to the character given (none: no map)."""
    first, last = min(_GLYPHS), max(_GLYPHS)
    widths = b" ".join(b"%d" % _GLYPHS.get(code, (0, b""))[0] for code in range(first, last + 1))
    procs = b" ".join(b"/%d %d 0 R" % (code, 10 + k) for k, code in enumerate(sorted(_GLYPHS)))
    names = b" ".join(b"%d /%d" % (code, code) for code in sorted(_GLYPHS))
    tounicode = b" /ToUnicode 9 0 R" if to_unicode is not None else b""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding%s >>"
           % (b"" if letters is None else b" /ToUnicode 8 0 R"),
        4: (b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 500 700] "
            b"/FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << %s >> "
            b"/Encoding << /Type /Encoding /Differences [%s] >> /FirstChar %d /LastChar %d "
            b"/Widths [%s] /Resources << >>%s >>" % (procs, names, first, last, widths,
                                                     tounicode)),
    }
    for k, code in enumerate(sorted(_GLYPHS)):
        advance, drawing = _GLYPHS[code]
        objects[10 + k] = _stream(b"%d 0 0 0 500 700 d1 %s" % (advance, drawing))
    if letters is not None:
        drawn = {ch for lines in pages for text in lines for ch in text if ch not in marks}
        objects[8] = _stream(_to_unicode({ch.encode("cp1252")[0]: letters.get(ch, ch)
                                          for ch in drawn}))
    if to_unicode is not None:
        objects[9] = _stream(_to_unicode({marks[ch]: mapped
                                          for ch, mapped in to_unicode.items()}))
    kids = []
    for n, lines in enumerate(pages):
        page, content = 20 + 2 * n, 21 + 2 * n
        kids.append(b"%d 0 R" % page)
        y = 760.0
        drawn = bytearray()
        for text in lines:
            drawn += _line(text, y, marks)
            y -= LEADING
        objects[content] = _stream(bytes(drawn))
        objects[page] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                         b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>" % content)
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(pages))
    return assemble(objects)
