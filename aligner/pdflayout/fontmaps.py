"""Characters of glyphs whose font has no Unicode map, read from the embedded font's own cmap.

A CID-keyed font (Type0, Identity-H) with an embedded TrueType program and no ToUnicode map says
nothing of its characters in the PDF: its codes are CIDs, and with `Ordering (Identity)` no
character collection gives them a meaning. PDFium flags such a glyph
(`FPDFText_HasUnicodeMapError`) and gives its raw code as the character (core/fpdftext/
cpdf_textpage.cpp: a code without a Unicode value is read as the code itself, `kNotUnicode`);
poppler's `pdftotext` reads the raw code too. The embedded program still knows: its `cmap`
table maps characters to glyph ids, and read backwards it names the character each glyph draws.

Which glyph a code draws is the font's CIDToGIDMap, which PDFium's API does not give. The rule
takes the code as the glyph id (the map `Identity`, the default of a CIDFontType2 and what
producers write; a simple TrueType font whose subset numbers its glyphs by code, as Ghostscript
writes them, too) and checks that on the glyphs themselves: PDFium's tight box of a glyph
(`FPDFText_GetCharBox`) is the bounding box of the outline it draws (font units over units per
em, rounded to 1/1000; a CID font's top raised by 1/64: core/fxge/cfx_face.cpp), and the
program's `glyf` and `hmtx` tables give the box of each glyph id. A font's codes are its glyph
ids (`glyph_ids`) where every flagged code of the page is a glyph id of the program and every
glyph checked (`CHECKED` distinct codes, drawn upright) has the box of the glyph its code
names, within `TOLERANCE` ems (an empty glyph, a space: where PDFium's box is empty), at least
one of them with an outline. (Two ideographs of one font have boxes that close one time in
500: the boxes of CJK glyphs differ by little, and the tolerance is what PDFium's rounding
needs.)
A font whose CIDToGIDMap is a stream that moves glyphs (or whose codes are Unicode, as mPDF
writes them), one drawn turned only, one whose program has no glyf table (CFF: `FontFile3`, as
Ghostscript and many others embed), and one that is not embedded (PDFium then gives its
substitute's program, whose glyph ids are not the PDF's), fail the check or have nothing to
check: its glyphs stay as PDFium gives them, to the reader's other rules. A program without a
Unicode cmap (a subset that kept only a (1,0) or (3,0) table) names no character: its glyph ids
are known, their characters not (`pdflayout.chars` never reads those codes as characters).

Work is bounded and only for fonts with flagged glyphs: a program is parsed (its table
directory, `head`, `maxp`, `loca`, and its cmap read backwards, at most `MAX_CODES` characters)
once for a run of pages (`parsed` keeps the last few), a program larger than `MAX_PROGRAM`
bytes is not read, and a malformed one reads as no program.
"""

from __future__ import annotations

import ctypes
import functools
import struct
from collections.abc import Iterable, Iterator, Mapping
from typing import NamedTuple

from untm.aligner.glyphforms import is_meaningless, ordinary_forms

CHECKED = 8  # distinct codes of a font checked on a page
# ems: a side of PDFium's box this close to the glyph's own agrees (PDFium rounds boxes to
# 1/1000 em; two ideographs of one font agree this close by chance one time in 500, at 0.02 ems
# one time in 2)
TOLERANCE = 0.003
EMPTY = 0.005  # ems: PDFium's box of an empty glyph (a space) is at most this tall
TOP_RAISE = 1 + 1 / 64  # PDFium raises the top of a CID font glyph's box by 1/64 of itself
MAX_PROGRAM = 64 << 20  # bytes: a larger font program is not read
MAX_CODES = 0x30000  # characters read from one cmap (the BMP and two planes; real fonts map fewer)
_SFNT = (b"\x00\x01\x00\x00", b"true")  # TrueType outlines (not "OTTO": CFF, no glyf table)
# the Unicode cmaps, best first: (platform, encoding); format 12 before format 4 in each
_UNICODE = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0))
_U16 = struct.Struct(">H")
_U32 = struct.Struct(">I")

Box = tuple[float, float, float, float]  # left, bottom, right, top, in ems


class Program(NamedTuple):
    """What the rule reads of a TrueType program: its units per em, its glyph count, where each
    glyph's outline is (`loca`: offsets into `data`, one more than glyphs), where its
    horizontal metrics are (`hmtx`: the table's offset, -1 for none; `metrics`: how many glyphs
    have an advance of their own), and the character of each glyph its cmap names (`chars`)."""

    data: bytes
    units: int
    glyphs: int
    loca: tuple[int, ...]
    hmtx: int
    metrics: int
    chars: Mapping[int, str]

    def box(self, glyph: int) -> Box | None:
        """The glyph's box in ems as FreeType, and so PDFium, places it: its `glyf` header's
        bounding box, moved across so that it starts at the glyph's left side bearing (`hmtx`:
        FreeType puts the outline where the bearing says); None for an empty glyph."""
        start, end = self.loca[glyph], self.loca[glyph + 1]
        if end - start < 10:
            return None
        contours, x0, y0, x1, y1 = struct.unpack_from(">5h", self.data, start)
        if contours == 0:
            return None
        left = x0
        if self.hmtx >= 0:
            at = (self.hmtx + 4 * glyph + 2 if glyph < self.metrics
                  else self.hmtx + 4 * self.metrics + 2 * (glyph - self.metrics))
            left = struct.unpack_from(">h", self.data, at)[0]
        u = self.units
        return left / u, y0 / u, (left + x1 - x0) / u, y1 / u


def _tables(data: bytes) -> dict[bytes, tuple[int, int]]:
    """The program's tables: tag -> (offset, length), each within the data."""
    count = _U16.unpack_from(data, 4)[0]
    out: dict[bytes, tuple[int, int]] = {}
    for k in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * k)
        if offset + length <= len(data):
            out[tag] = (offset, length)
    return out


def _subtables(data: bytes, at: int) -> dict[tuple[int, int], int]:
    """The cmap's Unicode subtables of format 4 or 12: (platform, encoding) -> offset."""
    count = _U16.unpack_from(data, at + 2)[0]
    out: dict[tuple[int, int], int] = {}
    for k in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, at + 4 + 8 * k)
        if (platform, encoding) in _UNICODE and _U16.unpack_from(data, at + offset)[0] in (4, 12):
            out.setdefault((platform, encoding), at + offset)
    return out


def _format4(data: bytes, at: int) -> Iterator[tuple[int, int]]:
    """(character, glyph) of a format 4 subtable (segments of 16-bit codes)."""
    segments = _U16.unpack_from(data, at + 6)[0] // 2
    ends = at + 14
    starts = ends + 2 * segments + 2
    deltas = starts + 2 * segments
    ranges = deltas + 2 * segments
    for s in range(segments):
        end = _U16.unpack_from(data, ends + 2 * s)[0]
        start = _U16.unpack_from(data, starts + 2 * s)[0]
        delta = _U16.unpack_from(data, deltas + 2 * s)[0]
        offset = _U16.unpack_from(data, ranges + 2 * s)[0]
        for code in range(start, min(end, 0xFFFE) + 1):
            if offset == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                glyph = _U16.unpack_from(data, ranges + 2 * s + offset + 2 * (code - start))[0]
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                yield code, glyph


def _format12(data: bytes, at: int) -> Iterator[tuple[int, int]]:
    """(character, glyph) of a format 12 subtable (groups of 32-bit codes)."""
    groups = _U32.unpack_from(data, at + 12)[0]
    for g in range(groups):
        start, end, glyph = struct.unpack_from(">III", data, at + 16 + 12 * g)
        for code in range(start, min(end, 0x10FFFF) + 1):
            yield code, glyph + code - start


def _rank(ch: str) -> tuple[bool, bool]:
    """How a character fits as the one a glyph stands for: lower is better (one with meaning,
    then one in its ordinary form; between equals, the lower code point, as the cmap is read
    in order). A glyph drawn for U+0020 and U+00A0, or for a Kangxi radical and its ideograph,
    reads as the first."""
    return is_meaningless(ch), ordinary_forms(ch)[1] > 0


def _backwards(pairs: Iterable[tuple[int, int]], glyphs: int) -> dict[int, str]:
    """The cmap read backwards: glyph -> the best character drawn with it (`_rank`), glyphs
    of the program only, at most `MAX_CODES` characters read."""
    out: dict[int, str] = {}
    for n, (code, glyph) in enumerate(pairs):
        if n >= MAX_CODES:
            break
        if not 0 < glyph < glyphs or 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        now = out.get(glyph)
        if now is None or _rank(ch) < _rank(now):
            out[glyph] = ch
    return out


@functools.lru_cache(maxsize=4)
def parsed(data: bytes) -> Program | None:
    """The TrueType program `data` as the rule reads it (without a Unicode cmap, no glyph has a
    character), or None: not TrueType outlines, malformed."""
    if data[:4] not in _SFNT:
        return None
    try:
        tables = _tables(data)
        if not {b"head", b"maxp", b"loca", b"glyf"} <= tables.keys():
            return None
        head, maxp = tables[b"head"][0], tables[b"maxp"][0]
        units = _U16.unpack_from(data, head + 18)[0]
        long_loca = struct.unpack_from(">h", data, head + 50)[0] == 1
        glyphs = _U16.unpack_from(data, maxp + 4)[0]
        glyf, glyf_length = tables[b"glyf"]
        loca = tables[b"loca"][0]
        if long_loca:
            offsets = struct.unpack_from(f">{glyphs + 1}I", data, loca)
        else:
            offsets = tuple(2 * o for o in struct.unpack_from(f">{glyphs + 1}H", data, loca))
        if units == 0 or any(o > glyf_length for o in offsets):
            return None
        hmtx, metrics = -1, 0
        if b"hhea" in tables and b"hmtx" in tables:
            metrics = _U16.unpack_from(data, tables[b"hhea"][0] + 34)[0]
            if 0 < metrics <= glyphs and tables[b"hmtx"][1] >= 2 * (metrics + glyphs):
                hmtx = tables[b"hmtx"][0]
        chars: dict[int, str] = {}
        if b"cmap" in tables:
            subtables = _subtables(data, tables[b"cmap"][0])
            best = next((subtables[key] for key in _UNICODE if key in subtables), None)
            if best is not None:
                read = _format12 if _U16.unpack_from(data, best)[0] == 12 else _format4
                chars = _backwards(read(data, best), glyphs)
    except (struct.error, IndexError):
        return None
    return Program(data, units, glyphs, tuple(glyf + o for o in offsets), hmtx, metrics, chars)


def _program(handle: object) -> bytes | None:
    """The font's embedded program (PDFium's decoded font file), None for a font that is not
    embedded (PDFium gives its substitute's) or one larger than `MAX_PROGRAM`."""
    import pypdfium2.raw as pdfium_c

    read = getattr(pdfium_c, "FPDFFont_GetFontData", None)  # an experimental API of PDFium's
    embedded = getattr(pdfium_c, "FPDFFont_GetIsEmbedded", None)
    if read is None or embedded is None or embedded(handle) != 1:
        return None
    size = ctypes.c_size_t(0)
    if not read(handle, None, 0, ctypes.byref(size)):
        return None
    if not 0 < size.value <= MAX_PROGRAM:
        return None
    buf = (ctypes.c_uint8 * size.value)()
    if not read(handle, buf, size.value, ctypes.byref(size)):
        return None
    return bytes(buf)


def _drawn_box(raw: object, index: int) -> Box | None:
    """PDFium's tight box of the glyph at `index` in ems about its origin, for a glyph drawn
    upright (or mirrored); None for one drawn turned or without a size."""
    import pypdfium2.raw as pdfium_c

    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFText_GetMatrix(raw, index, matrix) or matrix.b or matrix.c:
        return None
    size = pdfium_c.FPDFText_GetFontSize(raw, index)
    sx, sy = matrix.a * size, matrix.d * size
    if not sx or not sy:
        return None
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    x, y = ctypes.c_double(), ctypes.c_double()
    if not (pdfium_c.FPDFText_GetCharBox(raw, index, left, right, bottom, top)
            and pdfium_c.FPDFText_GetCharOrigin(raw, index, x, y)):
        return None
    xs = sorted(((left.value - x.value) / sx, (right.value - x.value) / sx))
    ys = sorted(((bottom.value - y.value) / sy, (top.value - y.value) / sy))
    return xs[0], ys[0], xs[1], ys[1]


def blank_width(raw: object, index: int) -> float | None:
    """The width in ems of the glyph at `index` where it draws nothing: PDFium's box of a glyph
    without an outline is `EMPTY` tall at most, as wide as its advance (core/fpdftext/
    cpdf_textpage.cpp widens an empty box to the glyph's width). None for a glyph that draws
    something, and for one drawn turned or without a size."""
    drawn = _drawn_box(raw, index)
    if drawn is None or drawn[3] - drawn[1] > EMPTY:
        return None
    return drawn[2] - drawn[0]


def _agrees(drawn: Box, own: Box | None) -> bool:
    """Whether PDFium's box of a glyph (`drawn`) is the box of the program's glyph (`own`;
    None: an empty glyph). PDFium raises the top of a CID font's glyph (`TOP_RAISE`), not of a
    simple font's: either top agrees."""
    if own is None:
        return drawn[3] - drawn[1] <= EMPTY
    left, bottom, right, top = drawn
    x0, y0, x1, y1 = own
    return (abs(left - x0) <= TOLERANCE and abs(bottom - y0) <= TOLERANCE
            and abs(right - x1) <= TOLERANCE
            and min(abs(top - y1), abs(top - y1 * TOP_RAISE)) <= TOLERANCE)


def drawn_as(raw: object, program: Program, index: int, glyph: int) -> bool:
    """Whether the glyph at `index` is drawn as the program's glyph `glyph`: PDFium's box of it
    is that glyph's box (False for a glyph drawn turned, or not of the program)."""
    if not 0 <= glyph < program.glyphs:
        return False
    drawn = _drawn_box(raw, index)
    return drawn is not None and _agrees(drawn, program.box(glyph))


def _checked(raw: object, program: Program, codes: dict[int, int]) -> bool:
    """Whether the font draws each code as the program's glyph of that id: every code a glyph
    id of the program, and for up to `CHECKED` codes drawn upright (`codes`: code -> an index
    of a glyph drawn with it), PDFium's box the box of that glyph; at least one glyph with an
    outline among them."""
    if max(codes) >= program.glyphs:
        return False
    checked = outlined = 0
    for code, index in codes.items():
        drawn = _drawn_box(raw, index)
        if drawn is None:
            continue
        own = program.box(code)
        if not _agrees(drawn, own):
            return False
        checked += 1
        outlined += own is not None
        if checked >= CHECKED:
            break
    return outlined > 0


def glyph_ids(raw: object, handle: object, indices: Iterable[int]) -> Program | None:
    """The font's embedded TrueType program where the font draws its codes as glyph ids of it
    (`_checked`, on the glyphs at `indices`: flagged, so that PDFium gives their codes), else
    None."""
    import pypdfium2.raw as pdfium_c

    data = _program(handle)
    program = parsed(data) if data else None
    if program is None:
        return None
    codes: dict[int, int] = {}
    for i in indices:
        codes.setdefault(pdfium_c.FPDFText_GetUnicode(raw, i), i)
    return program if codes and _checked(raw, program, codes) else None
