"""Characters with their geometry, read from a PDF's text layer with PDFium (pypdfium2).

One `PageChars` per page: every character PDFium's text page holds, in content order, with its
box (PDF points, origin bottom left, PDFium's "loose" box: font ascent to descent, so its height
follows the font size), its font size, and whether a space or a line break came before it in the
text layer. The font name and weight are sampled (`bold`) at the start of each run of characters
on one baseline, which is all the layout needs. PDFium marks a hyphen it took for a line-end
hyphen as U+FFFE or U+0002; it is read back as "-" and the layout decides what it was.

Bounded work: at most `MAX_PAGES` pages and `MAX_PAGE_CHARS` characters on a page, and the
whole extraction stops with an error past `MAX_SECONDS`. Errors are typed (`untm.errors`).
"""

from __future__ import annotations

import ctypes
import re
import time
from dataclasses import dataclass

from untm.errors import FormatError, InputError, UnsafeInputError

MAX_PAGES = 3000
MAX_PAGE_CHARS = 200_000
MAX_SECONDS = 300.0
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demibold|\bdemi|w[6-9]\b", re.I)
_HYPHENS = {"\ufffe": "-", "\x02": "-", "\u00ad": "-"}


@dataclass(frozen=True, slots=True)
class Char:
    """One character of the text layer with its box and font."""

    ch: str
    x0: float
    x1: float
    y0: float  # bottom (PDF points, origin at the bottom left of the page)
    y1: float  # top
    size: float
    space_before: bool  # a space (real or PDFium's) separates it from the character before
    break_before: bool  # PDFium put a line break before it
    bold: bool


@dataclass(frozen=True)
class PageChars:
    """The characters of one page and the page size."""

    number: int  # 1-based
    width: float
    height: float
    chars: tuple[Char, ...]


def _open(data: bytes, name: str) -> object:
    import pypdfium2 as pdfium

    if b"%PDF-" not in data[:1024]:
        raise FormatError("not a PDF file (no %PDF- header), whatever its extension", path=name)
    if b"%%EOF" not in data[-4096:]:
        raise FormatError(
            "the PDF is truncated or damaged (no end-of-file marker); get a complete copy",
            path=name,
        )
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message or "security" in message:
            raise InputError(
                "the PDF is encrypted with a password; save an unprotected copy first", path=name
            ) from None
        raise FormatError(f"damaged or not a valid PDF ({exc})", path=name) from None


def _page_text(raw: object, count: int) -> str:
    import pypdfium2.raw as pdfium_c

    buf = ctypes.create_string_buffer((count + 1) * 2)
    pdfium_c.FPDFText_GetText(raw, 0, count, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    text = buf.raw[: count * 2].decode("utf-16-le", errors="replace")
    if len(text) != count:  # characters outside the BMP: one index per character, read each
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i) or 0xFFFD) for i in range(count))
    return text


def _is_bold(raw: object, index: int, name_buf: ctypes.Array[ctypes.c_char]) -> bool:
    import pypdfium2.raw as pdfium_c

    flags = ctypes.c_int(0)
    pdfium_c.FPDFText_GetFontInfo(raw, index, name_buf, len(name_buf), ctypes.byref(flags))
    name = name_buf.value.decode("latin-1", errors="replace")
    if _BOLD_NAME.search(name.split("+")[-1]):
        return True
    return bool(pdfium_c.FPDFText_GetFontWeight(raw, index) >= 600)


def _read_page(page: object, number: int, name: str) -> PageChars:
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()  # type: ignore[attr-defined]
    textpage = page.get_textpage()  # type: ignore[attr-defined]
    try:
        raw = textpage.raw
        count = pdfium_c.FPDFText_CountChars(raw)
        if count > MAX_PAGE_CHARS:
            raise UnsafeInputError(
                f"page {number} holds {count} characters (limit {MAX_PAGE_CHARS}); "
                "not a text document",
                path=name,
            )
        text = _page_text(raw, max(count, 0))
        rect = pdfium_c.FS_RECTF()
        loose = pdfium_c.FPDFText_GetLooseCharBox
        font_size = pdfium_c.FPDFText_GetFontSize
        name_buf = ctypes.create_string_buffer(128)
        chars: list[Char] = []
        space = brk = False
        bold = False
        last_y = -1e9
        for i, ch in enumerate(text):
            if ch in "\r\n":
                brk = True
                continue
            if ch.isspace() or ch == "\x00":
                space = True
                continue
            ch = _HYPHENS.get(ch, ch)
            if not loose(raw, i, rect):
                continue
            size = font_size(raw, i)
            if brk or abs(rect.bottom - last_y) > 0.5 * size or not chars:
                bold = _is_bold(raw, i, name_buf)  # sampled once per run on a baseline
            last_y = rect.bottom
            chars.append(
                Char(ch, rect.left, rect.right, rect.bottom, rect.top, size, space, brk, bold)
            )
            space = brk = False
        return PageChars(number, float(width), float(height), tuple(chars))
    finally:
        textpage.close()


def read_pdf_chars(data: bytes, name: str) -> list[PageChars]:
    """Every page's characters, or a typed error for a PDF that cannot or must not be read."""
    import pypdfium2 as pdfium

    doc = _open(data, name)
    try:
        pages = len(doc)  # type: ignore[arg-type]
        if pages == 0:
            raise FormatError("the PDF has no pages", path=name)
        if pages > MAX_PAGES:
            raise UnsafeInputError(
                f"the PDF has {pages} pages (limit {MAX_PAGES}); split it first", path=name
            )
        start = time.monotonic()
        out: list[PageChars] = []
        for index in range(pages):
            if time.monotonic() - start > MAX_SECONDS:
                raise UnsafeInputError(
                    f"reading took longer than {MAX_SECONDS:.0f} s (stopped at page {index + 1})",
                    path=name,
                )
            try:
                page = doc[index]  # type: ignore[index]
            except pdfium.PdfiumError as exc:
                raise FormatError(f"page {index + 1} cannot be read ({exc})", path=name) from None
            try:
                out.append(_read_page(page, index + 1, name))
            finally:
                page.close()
        return out
    finally:
        doc.close()  # type: ignore[attr-defined]
