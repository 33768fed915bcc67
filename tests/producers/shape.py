"""What a PDF's text layer looks like to PDFium, to check that each producer writes what it
claims: how many text objects, how many characters each draws, the font sizes the text objects
are set in (the `Tf` operand, `FPDFTextObj_GetFontSize`) against the sizes the glyphs are drawn
at (from the character boxes), and the fonts."""

from __future__ import annotations

import ctypes
from collections import Counter
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Shape:
    """The text layer of a PDF, summed over its pages."""

    pages: int
    chars: int  # characters of the text pages (PDFium's generated spaces and breaks included)
    text_objects: int
    words_per_object: float  # mean white-space separated words a text object draws
    tf_sizes: tuple[tuple[float, int], ...]  # (Tf operand, text objects), most common first
    char_heights: float  # median height of the character boxes of letters, points
    fonts: tuple[str, ...]  # font names (subset prefix removed)

    def line(self) -> str:
        sizes = ", ".join(f"{s:g}×{n}" for s, n in self.tf_sizes[:3])
        return (f"{self.pages} p, {self.text_objects} text objects ({self.words_per_object:.2f} "
                f"words each), Tf {sizes}, glyph height {self.char_heights:.1f} pt, fonts "
                f"{', '.join(self.fonts[:4])}")


def _obj_text(obj: object, textpage: object) -> str:
    import pypdfium2.raw as pdfium_c

    n = pdfium_c.FPDFTextObj_GetText(obj, textpage, None, 0)
    if n <= 2:
        return ""
    buf = ctypes.create_string_buffer(n)
    pdfium_c.FPDFTextObj_GetText(obj, textpage, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)),
                                 n)
    return buf.raw[: n - 2].decode("utf-16-le", errors="replace")


def _font_name(obj: object) -> str:
    import pypdfium2.raw as pdfium_c

    font = pdfium_c.FPDFTextObj_GetFont(obj)
    if not font:
        return "?"
    buf = ctypes.create_string_buffer(256)
    n = pdfium_c.FPDFFont_GetBaseFontName(font, buf, 256)
    name = buf.raw[: max(n - 1, 0)].decode("latin-1")
    return name.split("+")[-1] or "?"


def describe(path: Path) -> Shape:
    """The shape of the text layer of `path`."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    doc = pdfium.PdfDocument(str(path))
    objects = words = chars = 0
    sizes: Counter[float] = Counter()
    fonts: Counter[str] = Counter()
    heights: list[float] = []
    try:
        for page in doc:
            textpage = page.get_textpage()
            chars += textpage.count_chars()
            rect = pdfium_c.FS_RECTF()
            for i in range(textpage.count_chars()):
                if chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i)).isalpha() and \
                        pdfium_c.FPDFText_GetLooseCharBox(textpage.raw, i, rect):
                    heights.append(rect.top - rect.bottom)
            for k in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
                obj = pdfium_c.FPDFPage_GetObject(page.raw, k)
                if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_TEXT:
                    continue
                objects += 1
                words += len(_obj_text(obj, textpage.raw).split())
                size = ctypes.c_float(0)
                pdfium_c.FPDFTextObj_GetFontSize(obj, ctypes.byref(size))
                sizes[round(size.value, 2)] += 1
                fonts[_font_name(obj)] += 1
            textpage.close()
            page.close()
        pages = len(doc)
    finally:
        doc.close()
    heights.sort()
    return Shape(
        pages, chars, objects, round(words / objects, 3) if objects else 0.0,
        tuple(sizes.most_common()), heights[len(heights) // 2] if heights else 0.0,
        tuple(f for f, _ in fonts.most_common()),
    )
