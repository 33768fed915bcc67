"""Text a PDF gives only as marked content's `/ActualText`, which PDFium's text page leaves out.

A producer that draws something that is no font's glyph for a character (a colour emoji drawn
as a picture in a Type 3 font, as Skia does in Chromium's and Google Docs' PDFs; a glyph without
a box) says what it stands for in the marked content around it: `/Span <</ActualText (...)>>
BDC ... EMC`. PDFium's text page reads that text only where the glyph's font maps one of its
characters back to a code and one of them is in the Basic Multilingual Plane; otherwise it
leaves the whole text object out (emoji and flags, all beyond the BMP; a glyph whose box has no
width), and the characters would be lost without a trace. Here each such span (one marked-content
item: the text objects inside one `BDC ... EMC` share it) none of whose text objects the text
page holds gives its ActualText, placed over the objects' bounds, each character an equal part
of their width (PDFium does the same where it reads an ActualText). A span drawn again where
text the reader has is drawn (an overprint: a text object the text page holds, or an earlier
span of the same text, at the same bounds) is not read again.

Only the page's own text objects are looked at (not those inside form XObjects).
"""

from __future__ import annotations

import codecs
import ctypes
from dataclasses import dataclass, field
from typing import NamedTuple

from untm.aligner.pdflayout.textframes import direction, scale

KEY = b"ActualText"
SAME = 0.5  # points: boxes this close are drawn in the same place
# PDFDocEncoding where it is not Latin-1 (ISO 32000-1, Annex D)
_PDFDOC = dict(zip(range(0x18, 0x20), "˘ˇˆ˙˝˛˚˜", strict=True)) | dict(
    zip(range(0x80, 0xA1), "•†‡…—–ƒ⁄‹›−‰„“”‘’‚™ﬁﬂŁŒŠŸŽıłœšž\ufffd€", strict=True)
)


class MarkedText(NamedTuple):
    """The ActualText of one span, with the bounds of its text objects (PDF points), their
    effective font size and the direction of their baseline (degrees)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    angle: float


def text_string(raw: bytes) -> str:
    """A PDF text string's characters: UTF-16BE or UTF-8 after their byte-order mark, else
    PDFDocEncoding."""
    if raw.startswith(codecs.BOM_UTF16_BE):
        return raw[2:].decode("utf-16-be", errors="replace")
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8", errors="replace")
    return raw.decode("latin-1").translate(_PDFDOC)


def _address(handle: object) -> int:
    """The address a PDFium handle holds (0: NULL), read without `ctypes.cast`'s reference
    cycle (`chars._address`)."""
    return ctypes.c_void_p.from_buffer(handle).value or 0  # type: ignore[arg-type]


@dataclass
class _Span:
    raw: bytes
    objects: list[object] = field(default_factory=list)


@dataclass
class ActualTexts:
    """The spans with an ActualText among a page's text objects (`add` each text object as the
    page's objects are walked), then `read` against the page's text page."""

    spans: dict[int, _Span] = field(default_factory=dict)  # by the mark's address

    def add(self, obj: object) -> None:
        """Note the text object's ActualText span, if it is inside one."""
        import pypdfium2.raw as pdfium_c

        marks = pdfium_c.FPDFPageObj_CountMarks(obj)
        for j in range(marks):
            mark = pdfium_c.FPDFPageObj_GetMark(obj, j)
            key = _address(mark)
            span = self.spans.get(key)
            if span is None:
                size = ctypes.c_ulong(0)
                # the blob: PDFium's string value decodes the bytes as UTF-8, which a UTF-16
                # text string is not
                if not mark or not pdfium_c.FPDFPageObjMark_GetParamBlobValue(
                    mark, KEY, None, 0, ctypes.byref(size)
                ):
                    continue
                buf = (ctypes.c_ubyte * size.value)()
                pdfium_c.FPDFPageObjMark_GetParamBlobValue(
                    mark, KEY, buf, size.value, ctypes.byref(size)
                )
                span = self.spans[key] = _Span(bytes(buf)[: size.value])
            span.objects.append(obj)

    def read(self, textpage: object, count: int) -> list[MarkedText]:
        """The ActualText of each span none of whose text objects the text page holds, in the
        order the spans were drawn; a span drawn again where a text object the text page holds
        or an earlier span with the same text stands (an overprint: the text is read there) is
        not read again."""
        import pypdfium2.raw as pdfium_c

        if not self.spans:
            return []
        get_object = pdfium_c.FPDFText_GetTextObject
        held: dict[int, object] = {}
        for i in range(count):
            obj = get_object(textpage, i)
            held.setdefault(_address(obj), obj)
        shown: list[tuple[float, float, float, float]] | None = None  # the held objects' bounds
        out: list[MarkedText] = []
        matrix = pdfium_c.FS_MATRIX()
        font_size = ctypes.c_float()
        for span in self.spans.values():
            if any(_address(obj) in held for obj in span.objects):
                continue
            text = text_string(span.raw)
            boxes = [b for b in map(_bounds, span.objects) if b is not None]
            if not text.strip() or not boxes:
                continue
            box = (min(b[0] for b in boxes), min(b[1] for b in boxes),
                   max(b[2] for b in boxes), max(b[3] for b in boxes))
            if shown is None:
                shown = [b for b in map(_bounds, held.values()) if b is not None]
            if any(_same(box, b) for b in shown) or any(
                m.text == text and _same(box, (m.x0, m.y0, m.x1, m.y1)) for m in out
            ):
                continue
            first = span.objects[0]
            size, angle = 0.0, 0.0
            if pdfium_c.FPDFTextObj_GetFontSize(first, ctypes.byref(font_size)):
                size = font_size.value
            if pdfium_c.FPDFPageObj_GetMatrix(first, matrix):
                size *= scale(matrix)
                angle = direction(matrix)
            out.append(MarkedText(text, *box, size, angle))
        return out


def _bounds(obj: object) -> tuple[float, float, float, float] | None:
    """A page object's bounds (left, bottom, right, top), if PDFium gives them."""
    import pypdfium2.raw as pdfium_c

    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not obj or not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return None
    return left.value, bottom.value, right.value, top.value


def _same(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """Two boxes in the same place (within `SAME` points)."""
    return all(abs(p - q) <= SAME for p, q in zip(a, b, strict=True))
