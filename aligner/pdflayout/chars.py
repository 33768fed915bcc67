"""Characters with their geometry, read from a PDF's text layer with PDFium (pypdfium2).

One `PageChars` per page: every character PDFium's text page holds, in content order, with its
box (PDF points, origin bottom left, PDFium's "loose" box: the glyph's advance across, font
ascent to descent up, so its height follows the font size) and its font size. Geometry comes
from the glyphs, never from one operand: the size is the `Tf` operand times the scale of the
character's text and CTM matrices (`FPDFText_GetMatrix`; Word + Distiller, cairo and many other
producers draw at `1 Tf` under a scaled matrix), and a space is a character where the layer has
one; between Latin glyphs the layout decides spaces from positions (`pdflayout.lines`). A box
more than `TALL_BOX` times as tall, in font sizes, as most on its page (a font whose ascent and
descent a converter wrote far too large) is taken as tall as those about its middle; one more
than `TALL_EMS` font sizes tall (no font's line is: a font's bounding box given as its ascent
and descent, which Apache FOP writes for CJK fonts, boxes three lines tall), is set on
its baseline (as tall as a CJK face's line), even where every glyph of the page has it. The font
name and weight are sampled (`bold`) at the start of each run of characters on one baseline,
and in a bold run again where a word starts in another font (a bold run-in heading, then the
regular text of its line); a run that starts regular has its last glyph's weight read too, and
where that is bold, the glyphs from where the bold begins are (`_bold_tails`: emphasis begun
in mid-line). The glyph's direction (its matrix) is sampled where a run starts, and a page
with glyphs drawn turned is mapped into its text's frames (`textframes`).
PDFium marks a hyphen it took for a line-end hyphen as U+FFFE or U+0002; it is read back as "-"
and the layout decides what it was (only where PDFium marked it: the same codes given by a
font's map are codes without meaning, `_marked_hyphen`). Text the page says only as marked
content's ActualText and PDFium's text page leaves out (emoji and flags drawn as pictures,
glyphs without a box) is read from the marked content, over the bounds of its text objects
(`pdflayout.marked`). A glyph drawn again over a glyph of the same character (a block of text
written twice at one place, fake bold), however far apart in the content, is read once; the
copies are kept for the report (`PageChars.overprint`, `pdflayout.overprint`).

Characters are read in their ordinary form (`aligner.glyphforms`: Kangxi radicals and CJK
compatibility ideographs); glyphs without a Unicode meaning are counted, so that the reader can
say when a text layer cannot be read at all: those of a font without a usable ToUnicode map are
read in place as `glyphforms.LOST` (the text keeps its shape, and a unit that holds one stays
out of a TM), stray private-use and control codes of a font that maps the rest are left out
(counted in `PageChars.dropped`, which the reader reports).
A font without a ToUnicode map whose embedded TrueType program draws its codes as glyph ids (a
CID-keyed font, Identity-H; checked on the glyphs' boxes) is read through the program's own
cmap (`fontmaps`); its glyphs the cmap names no character for are glyph ids, never characters.
Word's codes of the Symbol and Wingdings fonts (U+F020-U+F0FF, its bullets) are read first as
the characters they draw where the font's table has one (`pdflayout.symbolfonts`).

Bounded work: at most `MAX_PAGES` pages and `MAX_PAGE_CHARS` characters on a page, and the
whole extraction stops with an error past `MAX_SECONDS`. Errors are typed (`untm.errors`).
"""

from __future__ import annotations

import ctypes
import functools
import itertools
import re
import struct
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from untm.aligner.glyphforms import LOST, has_meaningless, is_meaningless, ordinary_forms
from untm.aligner.language import is_wide as is_wide  # (the readers of glyphs import it here)
from untm.aligner.pdflayout.fontmaps import blank_width, drawn_as, glyph_ids
from untm.aligner.pdflayout.marked import ActualTexts, MarkedText
from untm.aligner.pdflayout.overprint import OVERPRINT, Overprints
from untm.aligner.pdflayout.symbolfonts import CODES as SYMBOL_CODES
from untm.aligner.pdflayout.symbolfonts import font_table, read_symbols
from untm.aligner.pdflayout.textframes import direction, em_height, scale, to_text_frames
from untm.errors import FormatError, InputError, UnsafeInputError

MAX_PAGES = 3000
MAX_PAGE_CHARS = 200_000
MAX_SECONDS = 300.0
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demibold|\bdemi|w[6-9]\b", re.I)
# a font named for a weight short of bold ("NotoSerifCJKjp-Regular", "Times-Roman", "HiraMinPro-W3")
# is that weight, whatever its descriptor's StemV says: Ghostscript's rewrite of Noto Serif CJK
# Regular says 156 (PDFium's weight 764), so Chinese lines read as bold beside their regular
# Latin words in another font, and a paragraph was cut where a line opened in either
_REGULAR_NAME = re.compile(r"regular|roman|book|light|thin|medium|normal|\bw[1-5]\b", re.I)
# PDFium's font weight comes from the descriptor's StemV (the width of the font's vertical
# stems, in thousandths of an em); a weight of 600 or more is bold. Weights run to 1000 at the
# most (OpenType's usWeightClass, CSS; PDF's FontWeight to 900): a StemV that makes more (over
# 215, a stem more than a fifth of the em wide, which no text face has) measures no stem, and
# says nothing of the weight. pdfFactory writes StemV 500 for every CID font (SimSun, SimHei:
# weight 2140) and 250 for its TrueType fonts, so regular text read as bold wherever a line
# opened in such a font: a Chinese paragraph's wrapped line opening with a Han character was
# taken for a heading or a run-in heading, its paragraph cut there.
BOLD_WEIGHT = 600
MAX_WEIGHT = 1000
_HYPHENS = {"\ufffe": "-", "\x02": "-", "\u00ad": "-"}
_RECT = struct.Struct("=4f")  # PDFium's FS_RECTF: left, top, right, bottom (C floats)
_FIGURES = frozenset("0123456789")
_FRACTION_SLASHES = frozenset("/\u2044\u2215")  # solidus, fraction slash, division slash
# what takes the reader's full way: white space (of the layer, and line ends), hyphens PDFium
# marked, NUL, U+FFFD, figures (each is looked at once more: `_superior_figures`)
_ODD = frozenset({*(chr(c) for c in range(0x3001) if chr(c).isspace()), *_HYPHENS, "\x00", LOST,
                  *_FIGURES})
SPACE = " "  # a space of the text layer
_PADDING = b"\x00 \t\r\n\f"  # what may follow a PDF's end-of-file marker
UNMAPPED_FONT_SHARE = 0.1  # a font with this share of glyphs unmapped maps none of them
# where the Adobe Glyph List puts glyphs that have a standard name but no Unicode character (the
# Symbol font's bracket pieces and sans-serif signs, expert sets' small capitals): a font that
# draws them names its glyphs, and its other glyphs read right (a formula's Greek letters
# beside its tall brackets); they are no sign of a font whose codes mean nothing
_NAMED_PRIVATE = ("\uf634", "\uf8ff")
POINT = 0.01  # points: a box this small is no box
SAMPLE_STEP = 16  # every so many characters of a page are asked whether PDFium could map them
_LATIN = re.compile("[A-Za-z0-9]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_LATIN_IN_HAN = re.compile("(?<=[\u4e00-\u9fff])[A-Za-z0-9](?=[\u4e00-\u9fff])")
FULL_EM = 0.95  # ems: an advance this wide is a CJK glyph's (Latin letters are narrower)
MIN_LATIN = 3  # Latin glyphs of a font that tell by their advances that it lost its map
FLATTEN_KEPT = 0.9  # share of a page's own text its flattened page must begin with
MIN_HAN_TEXT = 2  # Han characters a font's map gives that make it a Chinese text font
# distinct characters with meaning a font's map gives that make it a text font (a symbol font
# draws a few signs: bullets, arrows, check marks)
MIN_TEXT_CODES = 10
BLANK_WIDTH = 0.1  # ems: a glyph that draws nothing and is this wide is a space (a hair space's)
TALL_BOX = 1.5  # times the page's common box height (in font sizes): a taller box is evened
# font sizes: a box (ascent to descent) taller than this is no font's line: the font's ascent
# and descent are its bounding box's (FOP writes them so for Noto CJK: 1.809 and -1.049), and
# the box is set on the glyph's baseline as a CJK face's own line is, `LINE_ASCENT` font sizes
# above it and `LINE_DESCENT` below (Noto CJK's hhea: the box LibreOffice's PDFs give its glyphs)
TALL_EMS = 2.0
LINE_ASCENT, LINE_DESCENT = 1.16, 0.288
RULE_WIDTH = 3.0  # points: a path object at most this thick (and longer) is a ruling line
MIN_RULE = 4.0  # points: the shortest ruling line
MAX_PAGE_OBJECTS = 20_000  # a page with more objects is not searched for ruling lines
# a superior figure (`_superior_figures`): a figure whose ink starts `SUPERIOR_RISE` font sizes
# or more above its baseline and is at most `SUPERIOR_INK` font sizes tall; a lining figure's
# ink is about `FIGURE_HEIGHT` font sizes tall
SUPERIOR_RISE = 0.25
SUPERIOR_INK = 0.5
FIGURE_HEIGHT = 0.7


class Rule(NamedTuple):
    """A ruling line of the page (a thin path object: a table's border or a rule), as its
    bounds; horizontal when wider than tall."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return self.x1 - self.x0 > self.y1 - self.y0


class Figure(NamedTuple):
    """An image object of the page, as its bounds (text may wrap around it: `pdflayout.figures`)."""

    x0: float
    y0: float
    x1: float
    y1: float


class Char(NamedTuple):
    """One character of the text layer with its box and font (a named tuple: pages have
    thousands, and a tuple is built fastest). A space of the text layer is a `Char` too
    (`SPACE`), at the place the layer puts it; the layout decides what it separates."""

    ch: str
    x0: float
    x1: float
    y0: float  # bottom (PDF points, origin at the bottom left of the page)
    y1: float  # top
    size: float  # the effective font size: the `Tf` operand times the text and CTM scale
    bold: bool


@dataclass(frozen=True)
class PageChars:
    """The characters of one page, the page size, and what the page's text layer says of itself:
    PDFium's own text of the page in its text order (`text`: lines apart by "\n", for the
    reader's self-check), how many glyphs have no Unicode meaning (`unmapped`: the glyphs of a
    font that lost its map, in `chars` and `text` as `glyphforms.LOST` where they stand, and
    stray control or private-use codes of a font that maps the others, left out) and how many
    characters were read in their ordinary form (`forms`: CJK radicals and compatibility
    ideographs)."""

    number: int  # 1-based
    width: float
    height: float
    chars: tuple[Char, ...]
    text: str = ""
    glyphs: int = 0  # glyphs that are not white space
    unmapped: int = 0
    forms: int = 0
    unplaced: int = 0  # glyphs whose box PDFium gives as a point (placed after the one before)
    # groups of glyphs drawn turned against the page's text, each in its own text frame, placed
    # where the group stands on the page (`textframes`); read apart from `chars`
    turned: tuple[tuple[Char, ...], ...] = ()
    # the page's ruling lines (table borders), in the page's frame; none on a page read turned
    rules: tuple[Rule, ...] = ()
    lost_fonts: tuple[str, ...] = ()  # the fonts of the glyphs read as `glyphforms.LOST`
    # the text drawn wholly outside the page's visible box (its crop box), which no viewer
    # shows: left out of `chars` and `text`, its pieces apart by a space, for the report
    outside: str = ""
    figures: tuple[Figure, ...] = ()  # the page's image objects, in the page's frame
    # the glyphs drawn again over a glyph of the same character (`Overprints`): left out of
    # `chars`, `text` and `glyphs`, their pieces apart by a space, for the report
    overprint: str = ""
    # the font sizes of the page's glyphs, gathered where a size is measured (a text object's),
    # so that a rule that needs a large size (`dropcaps`) skips a page without one unseen
    sizes: frozenset[float] = frozenset()
    # glyphs PDFium flags read through their embedded font's own cmap (`fontmaps`), and the
    # fonts they are in, for the report
    own_mapped: int = 0
    own_fonts: tuple[str, ...] = ()
    # of `unmapped`, the glyphs left out of `chars` and `text` (not read as `glyphforms.LOST`):
    # stray control and private-use codes of a font that maps the others, every glyph of a
    # font whose codes came by accident (a symbol font without a map), and the glyphs PDFium
    # gives no character at all (U+0000: a Type 3 font's glyph whose name means nothing, as
    # the apostrophes of PyMuPDF's test_3186.pdf), for the report
    dropped: int = 0


def _written_to_end(data: bytes) -> bool:
    """Whether a PDF without its end-of-file marker was still written to its end: the last
    `startxref` keyword (the pointer to the cross-reference section, written after the last
    object of the file or of its last update) comes after the last object's `endobj`. A file
    cut short ends inside an object or before its cross-reference section: every cut before
    the last object is written leaves an `endobj` after the last `startxref` (or none at all),
    and the objects it lost are not in the file; a file whose writer only left out (or
    mangled) the marker itself, or the offset after `startxref`, lost nothing."""
    tail = data.rstrip(_PADDING)
    return tail.rfind(b"startxref") > max(tail.rfind(b"endobj"), 0)


def _open(data: bytes, name: str) -> tuple[object, tuple[str, ...]]:
    """The PDFium document of `data` and what its reader should be told of the file (a missing
    end-of-file marker), or a typed error: not a PDF, cut short, encrypted, damaged."""
    import pypdfium2 as pdfium

    if b"%PDF-" not in data[:1024]:
        raise FormatError("not a PDF file (no %PDF- header), whatever its extension", path=name)
    # the end-of-file marker near the end, past any padding (NULs, white space: a PDF padded to a
    # block size, as some writers and downloads leave it, is whole)
    notes: tuple[str, ...] = ()
    if b"%%EOF" not in data.rstrip(_PADDING)[-4096:]:
        if not _written_to_end(data):
            raise FormatError(
                "the PDF is truncated or damaged (no end-of-file marker); get a complete copy",
                path=name,
            )
        notes = ("the PDF has no end-of-file marker (%%EOF), but its objects and "
                 "cross-reference section are all there: read as PDFium opened it",)
    try:
        return pdfium.PdfDocument(data), notes
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message or "security" in message:
            raise InputError(
                "the PDF is encrypted with a password; save an unprotected copy first", path=name
            ) from None
        if notes:  # no marker, and PDFium could not make sense of what is there
            raise FormatError(
                "the PDF is truncated or damaged (no end-of-file marker); get a complete copy",
                path=name,
            ) from None
        raise FormatError(f"damaged or not a valid PDF ({exc})", path=name) from None


def _hyphens_read(text: str) -> str:
    """`text` with the hyphens PDFium marked (`_HYPHENS`) read as "-". One `str.replace` each:
    a scan of the page's text in C, where `str.translate` looks every character up in its
    table (1.4% of the reader's time on the x8 seed PDFs)."""
    for marked, hyphen in _HYPHENS.items():
        text = text.replace(marked, hyphen)
    return text


def _page_text(raw: object, count: int) -> str:
    import pypdfium2.raw as pdfium_c

    # no `ctypes.cast` (see `_address`); a length rounded up to a power of two, since ctypes
    # makes a type for each length of array, and a type is freed by the garbage collector only
    buf = (ctypes.c_ushort * (1 << (count + 1).bit_length()))()
    written = pdfium_c.FPDFText_GetText(raw, 0, count, buf)
    text = bytes(buf)[: count * 2].decode("utf-16-le", errors="replace")
    if written != count + 1 or len(text) != count:
        # not one unit a character: characters outside the BMP take two, and PDFium's text
        # leaves out the codes it takes for controls (U+0002, U+0003, U+0093, U+0094,
        # U+0096-U+0098, U+FFFE that is no hyphen): every index after one would name the glyph
        # after it (its box, its font). One index per character: read each.
        # (a raw code above U+10FFFF, as a UTF-8 CMap's are, is no character: `_utf8_codes`)
        codes = (pdfium_c.FPDFText_GetUnicode(raw, i) for i in range(count))
        text = "".join(chr(code) if 0 < code <= 0x10FFFF else LOST for code in codes)
    return text


def join_surrogates(text: str) -> tuple[str, frozenset[int]]:
    """The page's characters with each UTF-16 surrogate pair made the one character it encodes.

    PDFium's text page holds a character outside the Basic Multilingual Plane (a mathematical
    italic 𝑥, an emoji, a Han character of CJK Extension B such as 𥕛) as two indices, the high
    and the low surrogate, each with the glyph's box: read one by one, each is a code without
    meaning, and the character was lost. The pair's character takes the first index, and the
    second index (returned) holds NUL, which the reader skips, so that every index still names
    its glyph. A surrogate without its partner stays as it is (a code without meaning)."""
    if not _SURROGATE.search(text):
        return text, frozenset()
    out = list(text)
    tails: set[int] = set()
    for i in range(len(out) - 1):
        high, low = out[i], out[i + 1]
        if "\ud800" <= high <= "\udbff" and "\udc00" <= low <= "\udfff":
            out[i] = chr(0x10000 + ((ord(high) - 0xD800) << 10) + ord(low) - 0xDC00)
            out[i + 1] = "\x00"
            tails.add(i + 1)
    return "".join(out), frozenset(tails)


def _is_bold(
    page_ref: ctypes.c_void_p, index: int, name_buf: ctypes.Array[ctypes.c_char]
) -> bool:
    """Whether the character's font is bold, by its name (`_named_weight`) or, where the name
    says no weight, its descriptor's weight, both read through `_untyped` (`page_ref`: the
    text page as a `ctypes.c_void_p`), once a run; the name's buffer (its size, 128, as a
    `ctypes.c_ulong`: PDFium's `unsigned long`) is the caller's, kept from run to run."""
    font_info = _untyped("FPDFText_GetFontInfo", ctypes.c_ulong)  # the name into the buffer
    font_info(page_ref, index, name_buf, ctypes.c_ulong(len(name_buf)), None)  # no flags
    named = _named_weight(name_buf.value)
    if named is not None:
        return named
    weight: int = _untyped("FPDFText_GetFontWeight")(page_ref, index)
    return BOLD_WEIGHT <= weight <= MAX_WEIGHT


@functools.lru_cache(maxsize=1024)
def _named_weight(name: bytes) -> bool | None:
    """Whether a font's base name (as PDFium gives it, any subset prefix "ABCDEF+" aside) says
    it is bold (True) or of a weight short of bold (False, `_REGULAR_NAME`), or says no weight
    (None). A function of the name alone, so each name is judged once: a page has a few fonts,
    and their names come back with every run."""
    base = name.decode("latin-1", errors="replace").split("+")[-1]
    if _BOLD_NAME.search(base):
        return True
    return False if _REGULAR_NAME.search(base) else None


def _address(handle: object) -> int | None:
    """The address a PDFium handle (a ctypes pointer) holds (None: NULL). Read from the
    pointer's own bytes: `ctypes.cast` would store the handle in a dictionary the handle
    refers to, a reference cycle that only the garbage collector frees (which `readers.pdf`
    pauses while it reads)."""
    return ctypes.c_void_p.from_buffer(handle).value  # type: ignore[arg-type]


def _font_handle(raw: object, index: int) -> object | None:
    """The font the character is drawn in (PDFium's handle; None: not known)."""
    import pypdfium2.raw as pdfium_c

    obj = pdfium_c.FPDFText_GetTextObject(raw, index)
    return pdfium_c.FPDFTextObj_GetFont(obj) if obj else None


def _font_of(raw: object, index: int) -> tuple[object | None, int | None]:
    """The font the character is drawn in: PDFium's handle and its address, which compares by
    value and keys a page's fonts (None, None: not known)."""
    handle = _font_handle(raw, index)
    return (handle, _address(handle)) if handle else (None, None)


def _font(raw: object, index: int) -> int | None:
    """The address of the font the character is drawn in (None: not known)."""
    return _font_of(raw, index)[1]


def _unmapped(raw: object, text: str) -> _Unmapped:
    """The glyphs (indices in `text`) without meaning.

    PDFium flags the glyphs it found no mapping for (`FPDFText_HasUnicodeMapError`) and gives
    their raw code as the character; often the code is right (a Latin font whose codes are
    ASCII, a CJK font whose codes are Unicode). First, the flagged glyphs of a font whose
    embedded TrueType program draws its codes as glyph ids are read through the program's cmap
    (`_own_maps`; those it names nothing for, lost), and the rules below take the characters
    read as the layer's own. A glyph that the map gives a code without
    meaning (`glyphforms.is_meaningless`: a control or private-use code) stands for no
    character (`_Unmapped.dropped`), and so do all the glyphs of a font of which at least
    `UNMAPPED_FONT_SHARE` have none (the others got a code by accident; a symbol font), the
    private-use codes of standard glyph names aside (`_NAMED_PRIVATE`), and those of a font of
    `symbolfonts`' tables that its table does not read (a bracket piece of Symbol among the
    Greek letters and bullets it read). A Chinese text font (`_FontGlyphs.chinese_text`) keeps
    its Han characters: its private-use codes are characters lost, not a symbol font's sign; so
    does a text font whose glyphs without meaning are all of one code that its map gives
    (`_FontGlyphs.one_odd_code`): that glyph alone stands for none. Where a font's glyph
    without meaning stands for none, one that draws nothing and advances as a space does
    (`_blank`) is a space (`_Unmapped.blank`: the space glyph of a subset whose map gives it
    U+0001, the glyph's own CID); it counts as a glyph without meaning all the same (a font
    whose codes came by accident has its spaces among them).

    A glyph stands for a character the layer does not say (`_Unmapped.lost`, read as
    `glyphforms.LOST`) where PDFium read its raw code and the code is a control (a quote or a
    dash of a subset font without a map, read as U+0001-U+0004; a raw private-use code is a
    symbol font's, a bullet, and stands for none) or contradicts its font: a flagged narrow
    (Latin) character from a font whose other glyphs are mostly CJK; and every glyph but the
    CJK ones (and its spaces drawn a full em wide) of a font whose Latin glyphs contradict
    their own advances: most of its flagged narrow characters and ASCII letters and digits (at
    least `MIN_LATIN`) drawn a full em wide (`FULL_EM`), on a page of mostly CJK text or in a
    font that has raw control codes too (every CJK font of the page may have lost its map,
    then nothing on it reads as CJK; a Latin font drawn at odd widths, a Type 3 font, has
    neither). That is a CJK font that lost its ToUnicode map (Ghostscript's pdfwrite drops a
    simple font's whole map when one entry gives two characters), its codes read as ASCII
    letters, digits, controls and line ends. Looked into only on a page where the text or every
    `SAMPLE_STEP`-th glyph gives a sign of it (`_suspect`). A glyph PDFium marks as a line's
    end hyphen (its raw code "-", after a letter at a line's end) drawn a full em wide is such a
    font's CJK glyph, lost too ("…全球" + "碳" read as "-" + "信用额"): no hyphen is an em wide."""
    import pypdfium2.raw as pdfium_c

    map_error = pdfium_c.FPDFText_HasUnicodeMapError
    if not _suspect(raw, text):
        return _Unmapped()
    flags = frozenset(i for i in range(len(text)) if map_error(raw, i))
    read_own = _own_maps(raw, text, flags)
    cmapped = {**_utf8_codes(raw, flags, read_own.fonts_at), **read_own.chars}
    if cmapped:
        text = "".join(cmapped.get(i, ch) for i, ch in enumerate(text))
    fonts: dict[int | None, _FontGlyphs] = {}
    blank: set[int] = set()
    wide_hyphens: set[int] = set()  # line-end hyphens PDFium marked, drawn a full em wide
    for i, ch in enumerate(text):
        if i in read_own.lost:
            continue
        flagged = i in flags and i not in cmapped
        space = ch.isspace() and not is_meaningless(ch)
        if not flagged and ch in _HYPHENS and _marked_hyphen(raw, i, ch):
            if _advance(raw, i) >= FULL_EM:  # a CJK glyph whose raw code is "-": no hyphen
                wide_hyphens.add(i)
            continue
        if not flagged and (ch == "\x00" or (space and pdfium_c.FPDFText_IsGenerated(raw, i))):
            continue
        handle, key = read_own.fonts_at.get(i) or _font_of(raw, i)
        font = fonts.get(key)
        if font is None:
            name = _font_name(handle)
            font = fonts[key] = _FontGlyphs(name, font_table(name) is not None)
        if space and not flagged:  # a space glyph of the font's own
            font.spaces.append(i)
            continue
        font.indices.append(i)
        if is_meaningless(ch):
            font.meaningless.append(i)
            font.left_out += flagged
            if flagged and unicodedata.category(ch) == "Cc":  # a raw code: a glyph unknown
                font.unknown.append(i)
            elif not flagged and (_NAMED_PRIVATE[0] <= ch <= _NAMED_PRIVATE[1]
                                  or (font.symbol and SYMBOL_CODES.match(ch))):
                font.named += 1
                continue
            given = not flagged and ch != LOST  # a code the map gives (U+FFFD: none)
            font.odd.add(ch if given else "")
            if given and _blank(raw, i):
                font.blank.append(i)
            continue
        if not flagged:
            font.codes.add(ch)
        if flagged:
            font.flagged.append((i, ch))
            if is_wide(ch):
                continue
        elif is_wide(ch):
            font.wide.append(i)
            continue
        elif not _LATIN.match(ch):
            continue
        font.latin += 1
        font.full_em += _advance(raw, i) >= FULL_EM
    wide = sum(len(f.wide) for f in fonts.values())
    mapped = sum(f.own for f in fonts.values())
    lost: set[int] = set(read_own.lost) | wide_hyphens
    dropped: set[int] = set()
    names: list[str] = list(read_own.fonts)
    for font in fonts.values():
        if 2 * font.full_em > font.latin >= MIN_LATIN and (2 * wide > mapped or font.unknown):
            lost.update(set(font.indices).difference(font.wide))
            lost.update(i for i in font.spaces if _advance(raw, i) >= FULL_EM)  # a CJK glyph
            names.append(font.name)
        elif (len(font.meaningless) - font.named >= UNMAPPED_FONT_SHARE * len(font.indices)
              and not font.chinese_text and not font.one_odd_code):
            dropped.update(font.indices)
        else:
            unknown = set(font.unknown)
            if font.chinese_text:  # its private-use codes: characters without a standard code
                unknown.update(i for i in font.meaningless
                               if unicodedata.category(text[i]) == "Co")
            spaces = set(font.blank).difference(unknown)
            blank.update(spaces)
            dropped.update(set(font.meaningless).difference(unknown, spaces))
            if len(font.wide) > 0.5 * font.own:
                unknown.update(i for i, ch in font.flagged if not is_wide(ch))
            if unknown:
                lost.update(unknown)
                names.append(font.name)
    # what a font's own cmap names is its character, whatever the rules above make of its font
    return _Unmapped(frozenset(lost.difference(cmapped)), frozenset(dropped.difference(cmapped)),
                     tuple(sorted(set(names))), cmapped, read_own.read,
                     own_read=sum(not ch.isspace() for ch in read_own.chars.values()),
                     blank=frozenset(blank))


def _marked_hyphen(raw: object, index: int, ch: str) -> bool:
    """Whether the hyphen code `ch` (`_HYPHENS`) at `index` is a hyphen: a soft hyphen (U+00AD)
    that the font's map gives, or PDFium's mark of a hyphen that ends a line
    (`FPDFText_IsHyphen`). PDFium marks only a "-" or U+00AD glyph after a letter that ends its
    line before a letter or digit: its code becomes U+0002, its text U+FFFE
    (core/fpdftext/cpdf_textpage.cpp, `GenerateCharacter::kHyphen`). The same codes of a font's
    map are no hyphen: PDFium leaves a map's U+0002 out of its page text as a control (with
    U+0003, U+0093, ...: `IsControlChar`), and gives U+FFFE as the text of a glyph the map gives
    U+0000. Those are codes without meaning, read by `_unmapped`'s rules as U+0003 is."""
    import pypdfium2.raw as pdfium_c

    return ch == "\u00ad" or pdfium_c.FPDFText_IsHyphen(raw, index) == 1


def _utf8_codes(raw: object, flags: frozenset[int],
                fonts_at: Mapping[int, tuple[object | None, int | None]]) -> dict[int, str]:
    """The flagged glyphs of a font whose codes are UTF-8, read as the characters their codes
    encode (index -> character). A font whose encoding CMap has UTF-8 codes (Adobe's
    UniGB-UTF8-H and its kin, or one embedded as in pdf.js's issue18117.pdf, "Uni-Utf8-H") and
    no ToUnicode map that PDFium reads (PDFium leaves out a ToUnicode map's codes above 0xFFFF:
    core/fpdfapi/font/cpdf_tounicodemap.cpp) has its glyphs flagged and read as their raw
    codes, whose text is their low 16 bits ("、", E3 80 81, read as 肁, U+8081; a Chinese line
    lost whole). Such a font is known by its codes of three or four bytes that are the UTF-8
    of a character with meaning (other CMaps' codes have one or two bytes, GB18030's
    four-byte codes are never UTF-8, and a three-byte code is UTF-8 by chance one time in
    250); all its flagged codes that are UTF-8 (its ASCII in one byte, as PDFium reads it
    already, its accented letters in two) are read so. (Where the platform's wchar_t has 16
    bits, Windows, PDFium gives no code above 0xFFFF and nothing is read here.)"""
    import pypdfium2.raw as pdfium_c

    def font_of(i: int) -> int | None:
        return fonts_at[i][1] if i in fonts_at else _font(raw, i)

    get_unicode = pdfium_c.FPDFText_GetUnicode
    decoded: dict[int, str] = {}
    fonts: set[int | None] = set()
    for i in flags:
        code = get_unicode(raw, i)
        ch = _utf8(code)
        if ch is not None:
            decoded[i] = ch
            if code > 0xFFFF:
                fonts.add(font_of(i))
    if not fonts:
        return {}
    return {i: ch for i, ch in decoded.items() if font_of(i) in fonts}


def _utf8(code: int) -> str | None:
    """The character with meaning whose UTF-8 bytes `code` is (None: none)."""
    if not 0 < code <= 0xFFFFFFFF:
        return None
    try:
        ch = code.to_bytes(4, "big").lstrip(b"\x00").decode("utf-8")
    except UnicodeDecodeError:
        return None
    return ch if len(ch) == 1 and (ch.isspace() or not is_meaningless(ch)) else None


def _blank(raw: object, index: int) -> bool:
    """Whether the glyph at `index` draws nothing and is at least `BLANK_WIDTH` wide: a word
    space, whatever code the map gives it (`fontmaps.blank_width`)."""
    width = blank_width(raw, index)
    return width is not None and width >= BLANK_WIDTH


def _own_maps(raw: object, text: str, flags: frozenset[int]) -> _OwnChars:
    """The glyphs of the page whose font draws its codes as glyph ids of its embedded TrueType
    program (`fontmaps.glyph_ids`, checked on its flagged glyphs), read through the program's
    cmap: the character the cmap names, where it names one with meaning.

    PDFium's text page does not flag a raw code of a right-to-left character (bidi class R or
    AL) that it normalises (a "piece" of its own: 会 of WenQuanYi Micro Hei is glyph 2249,
    U+08C9): such a glyph of the font is one of them where its box is the box of the glyph its
    code names (`fontmaps.drawn_as`; a right-to-left letter that a ToUnicode map gives has that
    box by chance about one time in 1,000, and only in a font of that many glyphs).

    Where the cmap names none, a raw code the page's other rules would take for its character
    (one with meaning, one PDFium did not flag) is a glyph id, no character: `glyphforms.LOST`;
    a flagged code without meaning is left to those rules (a control, a symbol font's bullet)."""
    import pypdfium2.raw as pdfium_c

    by_font: dict[int, list[int]] = {}
    handles: dict[int, object] = {}
    fonts_at: dict[int, tuple[object | None, int | None]] = {}
    for i in sorted(flags):
        handle, key = fonts_at[i] = _font_of(raw, i)
        if key is not None:
            by_font.setdefault(key, []).append(i)
            handles[key] = handle
    programs = {key: program for key, indices in by_font.items()
                if (program := glyph_ids(raw, handles[key], indices)) is not None}
    if not programs:
        return _OwnChars(fonts_at=fonts_at)
    get_unicode = pdfium_c.FPDFText_GetUnicode
    for i, ch in enumerate(text):
        if i in flags or unicodedata.bidirectional(ch) not in ("R", "AL"):
            continue
        key = _font(raw, i)
        if key in programs and drawn_as(raw, programs[key], i, get_unicode(raw, i)):
            by_font[key].append(i)
    chars: dict[int, str] = {}
    lost: set[int] = set()
    names: list[str] = []
    read: list[str] = []
    for key, program in programs.items():
        for i in by_font[key]:
            ch = program.chars.get(get_unicode(raw, i), LOST)
            if not is_meaningless(ch):
                chars[i] = ch
            elif i not in flags or not is_meaningless(text[i]):
                lost.add(i)
        if any(i in lost for i in by_font[key]):
            names.append(_font_name(handles[key]))
        if any(i in chars for i in by_font[key]):
            read.append(_font_name(handles[key]))
    return _OwnChars(chars, frozenset(lost), tuple(names), fonts_at, tuple(sorted(read)))


class _OwnChars(NamedTuple):
    """What `_own_maps` read: characters named by the fonts' own cmaps (index -> character),
    glyphs of those fonts that stand for a character none names, and those fonts' names; and
    the font (handle, address) of each flagged glyph, looked up once for `_unmapped`."""

    chars: Mapping[int, str] = {}
    lost: frozenset[int] = frozenset()
    fonts: tuple[str, ...] = ()
    fonts_at: Mapping[int, tuple[object | None, int | None]] = {}
    read: tuple[str, ...] = ()  # the fonts of which glyphs were read


def _suspect(raw: object, text: str) -> bool:
    """Whether a page's text layer gives a sign of glyphs without meaning: a control or
    private-use code, a glyph PDFium flags among every `SAMPLE_STEP`-th, or an ASCII letter or
    digit between two Chinese characters drawn a full em wide."""
    if has_meaningless(text):
        return True
    map_error = _untyped("FPDFText_HasUnicodeMapError")
    page_ref = ctypes.c_void_p(_address(raw))
    if any(map_error(page_ref, i) for i in range(0, len(text), SAMPLE_STEP)):
        return True
    return any(_advance(raw, m.start()) >= FULL_EM for m in _LATIN_IN_HAN.finditer(text))


def _font_name(handle: object) -> str:
    """A font's base name as PDFium gives it."""
    import pypdfium2.raw as pdfium_c

    if not handle:
        return "?"
    buf = ctypes.create_string_buffer(128)
    pdfium_c.FPDFFont_GetBaseFontName(handle, buf, len(buf))
    return buf.value.decode("latin-1", errors="replace") or "?"


def _font_names(raw: object) -> Callable[[int], str]:
    """The base name of the font of the glyph at an index (each font's name read once)."""
    names: dict[int | None, str] = {}

    def name(index: int) -> str:
        handle, key = _font_of(raw, index)
        if key not in names:
            names[key] = _font_name(handle)
        return names[key]

    return name


def _advance(raw: object, index: int) -> float:
    """The glyph's advance in ems: its box's width over its effective font size."""
    import pypdfium2.raw as pdfium_c

    rect = pdfium_c.FS_RECTF()
    if not pdfium_c.FPDFText_GetLooseCharBox(raw, index, rect):
        return 0.0
    size, _ = _size(raw, index, pdfium_c.FS_MATRIX(), _text_object()(raw, index))
    return abs(rect.right - rect.left) / size if size > 0 else 0.0


def _size(
    raw: object, index: int, matrix: ctypes.Structure, obj: int | None
) -> tuple[float, bool]:
    """The character's font size on the page (`Tf` times the text and CTM scale, as producers
    that draw at `1 Tf` under a scaled matrix need) and whether its matrix was read into
    `matrix` (`obj`: the address of its text object, `_text_object`). Text drawn invisible
    (an OCR engine's layer over a scanned page) is sized by the height of its em alone: the
    engine stretches or condenses each word (`Tz`) to fit its box on the image, which says
    nothing of the type, and an area scale would size each line by its first word (5.9
    points for 9-point type whose line opens with a narrow word).
    Visible text keeps the area scale: type condensed on the page (FPDF's cells set at 67 %)
    has its gaps condensed with it."""
    size = float(_untyped("FPDFText_GetFontSize", ctypes.c_double)(raw, index))
    read = bool(_untyped("FPDFText_GetMatrix")(raw, index, ctypes.byref(matrix)))
    if read:
        size *= (em_height if _invisible(obj) else scale)(matrix)
    return size, read


def _invisible(obj: int | None) -> bool:
    """Whether the text object at address `obj` (`_text_object`; None without one) is drawn
    invisible (text render mode 3)."""
    import pypdfium2.raw as pdfium_c

    return bool(obj) and (_untyped("FPDFTextObj_GetTextRenderMode")(ctypes.c_void_p(obj))
                          == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE)


@dataclass(frozen=True)
class _Unmapped:
    """What `_unmapped` found on a page: glyphs that stand for characters the layer does not
    say (`lost`), glyphs that stand for none (`dropped`), the fonts of the lost ones."""

    lost: frozenset[int] = frozenset()
    dropped: frozenset[int] = frozenset()
    fonts: tuple[str, ...] = ()
    # flagged glyphs read through their font's own cmap (`fontmaps`) or as the UTF-8 bytes
    # their code is (`_utf8_codes`): index -> character
    mapped: Mapping[int, str] = field(default_factory=dict)
    read_fonts: tuple[str, ...] = ()  # the fonts of those read through their own cmap
    own_read: int = 0  # of those, the glyphs that are not white space
    # glyphs the map gives a code without meaning that draw nothing and advance as a space
    # does (`_blank`): spaces (a producer that maps its subset's space glyph to U+0001)
    blank: frozenset[int] = frozenset()


@dataclass
class _FontGlyphs:
    """The glyphs of one font on a page, as `_unmapped` sorts them."""

    name: str
    symbol: bool = False  # a font of `symbolfonts`' tables (Symbol, Wingdings)
    indices: list[int] = field(default_factory=list)
    meaningless: list[int] = field(default_factory=list)
    unknown: list[int] = field(default_factory=list)  # of those, raw control codes (flagged)
    left_out: int = 0  # of those, the glyphs the map leaves out (flagged: read as raw codes)
    # of those, private-use codes of standard glyph names (`_NAMED_PRIVATE`), and a symbol
    # font's codes its table has no character for (Symbol's bracket pieces)
    named: int = 0
    flagged: list[tuple[int, str]] = field(default_factory=list)
    wide: list[int] = field(default_factory=list)  # mapped glyphs of wide (CJK) characters
    spaces: list[int] = field(default_factory=list)  # mapped white space it draws
    latin: int = 0  # flagged narrow characters and mapped ASCII letters and digits
    full_em: int = 0  # of those, drawn at least `FULL_EM` wide
    # the codes without meaning (`named` aside; "" for a flagged glyph's raw code and U+FFFD,
    # which no map gives)
    odd: set[str] = field(default_factory=set)
    blank: list[int] = field(default_factory=list)  # of those, the mapped ones `_blank` finds
    codes: set[str] = field(default_factory=set)  # the characters with meaning its map gives

    @property
    def own(self) -> int:
        """Its glyphs that the map gives a character with meaning (none flagged)."""
        return len(self.indices) - len(self.meaningless) - len(self.flagged)

    @property
    def chinese_text(self) -> bool:
        """Whether the font's map gives Han characters (at least `MIN_HAN_TEXT`, no fewer than
        the codes without meaning it gives): a Chinese text font. Its private-use codes are
        characters the map has no standard code for (a rare character of a name, a vendor's
        end-user-defined character, GB18030-2000's private-use mappings; a glyph the map
        leaves out, read as its raw code), each a character lost, not a sign that its other
        codes came by accident as a symbol font's do: "胡駿" of "胡駿\ue687" stays. Han
        characters are no accident of a symbol font's codes; a CJK font sets a Chinese
        document's Latin text too, so its Latin glyphs may outnumber its Han ones on a page;
        and only codes the map gives speak against it, not the glyphs it leaves out (MuPDF
        writes its map from the font's cmap, which has no glyph its shaper substitutes: the
        digits of "A/CN.10/2023/WG.I/CRP.1" in the bold face of a Chinese page's masthead,
        whose other glyphs are a few headings, "议程项目4", "导言", once dropped with them)."""
        han = len(self.wide)
        return han >= MIN_HAN_TEXT and han >= len(self.meaningless) - self.left_out

    @property
    def one_odd_code(self) -> bool:
        """Whether the font's map gives at least `MIN_TEXT_CODES` distinct characters with
        meaning and its glyphs without meaning are all of one code the map gives, however
        often drawn: a text font with one glyph the map got wrong (its word space mapped to
        U+0001, a fill rule's piece to U+007F drawn along a form's blanks), not a symbol font
        whose codes came by accident, whose glyphs without meaning are of several codes or
        whose own are a few signs, nor a font of codes read without a map (flagged raw codes,
        PDFium's U+FFFD for none: a subset whose codes are shifted letters, "$IE 2EDAKTION"
        for "Die Redaktion", its spaces read as U+FFFD). Its text stays: "*See attached
        statement" and "© BGI All Rights Reserved." in the fonts of a tax form's blanks and of
        a footer's spaces."""
        return len(self.odd) == 1 and "" not in self.odd and len(self.codes) >= MIN_TEXT_CODES


def _line_boxes(chars: list[Char], ems: Counter[float],
                sunk: dict[tuple[float, float], float]) -> list[Char]:
    """The characters, each box of a height and size in `sunk` (more than `TALL_EMS` font
    sizes: -> how far its baseline is above its bottom) set on its baseline as a CJK face's
    line is (`LINE_ASCENT`, `LINE_DESCENT`). A font whose ascent and descent are its bounding
    box's (Apache FOP's Noto CJK: a box 2.86 font sizes tall) boxes each line over the two
    beside it, and where every glyph of the page is so, `_even_boxes` has no common height to
    even them to.
    `ems` (box heights in font sizes -> characters) is counted again, in place."""
    out: list[Char] = []
    for c in chars:
        above = sunk.get((c.y1 - c.y0, c.size))
        if above is not None and c.size > 0:
            base = c.y0 + above
            c = c._replace(y0=base - LINE_DESCENT * c.size, y1=base + LINE_ASCENT * c.size)
        out.append(c)
    ems.clear()
    ems.update(c.y1 / c.size - c.y0 / c.size for c in out if c.size > 0)
    return out


def _bold_tails(raw: object, text: str, chars: list[Char], stretches: list[tuple[int, int]],
                read: int, name_buf: ctypes.Array[ctypes.c_char]) -> None:
    """The glyphs of a line's bold end marked bold, in place. A glyph's weight is sampled where
    its stretch of one baseline starts (`_read_page`), so emphasis that begins in mid-line and
    runs on ("... international staff. The Advisory Committee trusts that", the rest of the
    paragraph bold, as the Advisory Committee's reports set their recommendations) was read
    regular to the line's end, and the bold line after it as a heading's. Each stretch that
    starts regular has its last glyph's weight read; where it is bold, the first bold glyph is
    found by halving, and each glyph from it on is marked bold (one change of weight a stretch,
    checked on a glyph half way from there to the end: a bold phrase inside a line that ends
    regular, or a row of cells bold and regular by turns, stays as it was).
    `stretches`: where each stretch starts, in `chars` and in the text page's `text`; `read`:
    the glyphs of `chars` read from the text page (marked content's come after). A stretch's
    glyphs are matched to the text page's characters in order, its spaces, line ends and the
    glyphs the reader left out (drawn again, outside the page) aside; a stretch where they do not
    match one to one is left as it is."""
    page_ref = ctypes.c_void_p(_address(raw))
    bounds = [*stretches, (read, len(text))]
    for (start, first), (end, after) in itertools.pairwise(bounds):
        if chars[start].bold or end - start < 2:
            continue  # bold from its start (weights sampled on), or one glyph
        last = after - 1
        while last > first and (text[last].isspace() or text[last] == "\x00"):
            last -= 1
        if not _is_bold(page_ref, last, name_buf):
            continue
        glyphs = [k for k in range(start, end) if chars[k].ch != SPACE]
        places = [i for i in range(first, last + 1)
                  if not text[i].isspace() and text[i] != "\x00"]
        if len(glyphs) != len(places):
            continue
        lo, hi = 0, len(glyphs) - 1  # glyph `hi` is bold, glyph `lo` is not
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if _is_bold(page_ref, places[mid], name_buf):
                hi = mid
            else:
                lo = mid
        if not _is_bold(page_ref, places[(hi + len(glyphs) - 1) // 2], name_buf):
            continue  # a glyph between is regular: weights change more than once, as in a
            # table's row drawn as one stretch, bold cells among regular ones
        for k in range(glyphs[hi], end):
            chars[k] = chars[k]._replace(bold=True)


def _even_boxes(chars: list[Char], ems: Counter[float]) -> list[Char]:
    """The characters, each box more than `TALL_BOX` times as tall (in font sizes) as most on
    the page (`ems`: box heights in font sizes, with how many characters have each) made that
    tall about its middle: the glyphs of a font whose ascent and descent a converter wrote far
    too large (digits in a Chinese paper) would lower their line and join it to the row above."""
    ems.pop(0.0, None)
    total = sum(ems.values())
    if not total or max(ems) <= TALL_BOX * min(ems):
        return chars
    seen, common = 0, 0.0
    for em, count in sorted(ems.items()):  # the median height
        seen += count
        if 2 * seen > total:
            common = em
            break
    limit = TALL_BOX * common
    out: list[Char] = []
    for c in chars:
        if c.size > 0 and c.y1 - c.y0 > limit * c.size:
            middle, half = (c.y0 + c.y1) / 2, common * c.size / 2
            c = c._replace(y0=middle - half, y1=middle + half)
        out.append(c)
    return out


def _superior_figures(
    raw: object, chars: list[Char], figures_at: list[tuple[int, int]], angles: list[float],
    y_lo: float,
) -> None:
    """Superior figures read as the smaller, raised figures they draw. A font's own superscript
    figures (OpenType `sups`, which Typst uses for a footnote's marker, in the text and before
    the note) are drawn at the text's size on its baseline: their box (ascent to descent) and
    size are those of any figure, only their ink is small and high. A figure upright on the
    page whose ink (PDFium's glyph box) starts `SUPERIOR_RISE` font sizes or more above its
    baseline (a figure's ink, lining or old-style, starts on the baseline or below it) and is
    at most `SUPERIOR_INK` font sizes tall is read as a figure of the size its ink is tall
    (`FIGURE_HEIGHT`), standing on the ink's bottom, as a smaller figure set raised is read
    (`lines`: a reference marker). `chars` (at `figures_at`: (place, index in the text page))
    are changed in place."""
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    x, y = ctypes.c_double(), ctypes.c_double()
    # PDFium's FPDFText_GetCharBox (the ink box) and FPDFText_GetCharOrigin, `_untyped`: the
    # text page and the values as pointers made once
    char_box = _untyped("FPDFText_GetCharBox")
    char_origin = _untyped("FPDFText_GetCharOrigin")
    page_ref = ctypes.c_void_p(_address(raw))
    box_refs = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
    origin_refs = (ctypes.byref(x), ctypes.byref(y))
    for k, i in figures_at:
        c = chars[k]
        if angles[k] != 0.0 or c.size <= 0:
            continue
        if not (char_box(page_ref, i, *box_refs) and char_origin(page_ref, i, *origin_refs)):
            continue
        rise, ink = bottom.value - y.value, top.value - bottom.value
        if (rise < SUPERIOR_RISE * c.size or not 0 < ink <= SUPERIOR_INK * c.size
                or _numerator(chars, k)):
            continue
        scale = ink / (FIGURE_HEIGHT * c.size)
        baseline = y.value - y_lo  # in the glyphs' frame, as the box
        raised = baseline + rise
        chars[k] = c._replace(y0=raised - (baseline - c.y0) * scale,
                              y1=raised + (c.y1 - baseline) * scale, size=c.size * scale)


def _numerator(chars: list[Char], k: int) -> bool:
    """The figure at `k` is (part of) a fraction's numerator, set raised and small as a
    superior figure is (OpenType `frac`: "1/2"): the figures after it end at a slash."""
    j = k + 1
    while j < len(chars) and chars[j].ch in _FIGURES:
        j += 1
    return j < len(chars) and chars[j].ch in _FRACTION_SLASHES


def _page_objects(
    page: object, marked: ActualTexts, figures: list[Figure] | None = None
) -> tuple[Rule, ...]:
    """The page's ruling lines: path objects of its content at most `RULE_WIDTH` thick and at
    least `MIN_RULE` long (stroked lines, thin filled rectangles: how LibreOffice, Chromium and
    reportlab draw table borders). Paths inside form XObjects and a grid drawn as one path of
    many segments are not read. The text objects go to `marked` (their ActualText spans), the
    bounds of image objects (not those inside form XObjects) to `figures`; a page of more than
    `MAX_PAGE_OBJECTS` objects is searched for none of them."""
    import pypdfium2.raw as pdfium_c

    raw = page.raw  # type: ignore[attr-defined]
    count = pdfium_c.FPDFPage_CountObjects(raw)
    if count > MAX_PAGE_OBJECTS:
        return ()
    path, text = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_TEXT
    image = pdfium_c.FPDF_PAGEOBJ_IMAGE
    get_object, get_type = pdfium_c.FPDFPage_GetObject, pdfium_c.FPDFPageObj_GetType
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    out: list[Rule] = []
    for i in range(count):
        obj = get_object(raw, i)
        kind = get_type(obj)
        if kind == text:
            marked.add(obj)
            continue
        if kind == image and figures is not None:
            if pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                figures.append(Figure(left.value, bottom.value, right.value, top.value))
            continue
        if kind != path or not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        w, h = right.value - left.value, top.value - bottom.value
        if min(w, h) <= RULE_WIDTH and max(w, h) >= MIN_RULE:
            out.append(Rule(left.value, bottom.value, right.value, top.value))
    return tuple(out)


def _marked_chars(span: MarkedText) -> list[Char]:
    """The characters of an ActualText span the text page left out (`pdflayout.marked`), each
    an equal part of the span's width (one advance each where it has none); white space as the
    layer's spaces, controls left out."""
    chars = [SPACE if ch.isspace() else ch for ch in span.text
             if ch.isspace() or not is_meaningless(ch)]
    size = span.size if span.size > 0 else max(span.y1 - span.y0, 1.0)
    y0, y1 = span.y0, span.y1 if span.y1 - span.y0 >= POINT else span.y0 + size
    width = span.x1 - span.x0
    out: list[Char] = []
    x = span.x0
    for ch in chars:
        step = width / len(chars) if width >= POINT else size if is_wide(ch) else 0.5 * size
        out.append(Char(ch, x, x + step, y0, y1, size, False))
        x += step
    return out


def _text_at(text: str, indices: set[int]) -> str:
    """The glyphs of `text` at `indices`, each stretch of them apart by a space."""
    out: list[str] = []
    gap = False
    for i, ch in enumerate(text):
        if i in indices:
            if gap and out:
                out.append(" ")
            out.append(ch)
            gap = False
        else:
            gap = True
    return "".join(out)


@functools.cache
def _untyped(function: str, restype: Any = ctypes.c_int) -> Callable[..., Any]:
    """PDFium's `function` without the binding's argument types (its result a `restype`), to
    call with the text page, an object and the values it writes as pointers made once
    (`ctypes.c_void_p`, `ctypes.byref`) and an index as an int: half the time of a call
    through the binding, which converts each argument, on the reader's hottest lines
    (FPDFText_GetLooseCharBox: one call a glyph)."""
    import pypdfium2.raw as pdfium_c

    return ctypes.cast(getattr(pdfium_c, function), ctypes.CFUNCTYPE(restype))


@functools.cache
def _text_object() -> Callable[[object, int], int | None]:
    """PDFium's FPDFText_GetTextObject returning the object's address (None for none): an int
    compares by value, where the binding's pointer objects compare by identity. Called as
    `_untyped`'s functions are, without argument types (the text page as a
    `ctypes.c_void_p`). pypdfium2 4.30 does not bind it: there, no glyph has an object and
    each size is read."""
    import pypdfium2.raw as pdfium_c

    function = getattr(pdfium_c, "FPDFText_GetTextObject", None)
    if function is None:
        return lambda page, index: None
    return ctypes.cast(function, ctypes.CFUNCTYPE(ctypes.c_void_p))


def _read_page(page: object, number: int, name: str, *, short_way: bool = True) -> PageChars:
    """One page's characters (`short_way=False`: every glyph the full way, which the short way
    must equal; tests compare the two)."""
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()  # type: ignore[attr-defined]
    # what a viewer shows (crop box within media box), in the glyphs' space; the page's frame
    # starts at its lower left corner
    x_lo, y_lo, x_hi, y_hi = page.get_bbox()  # type: ignore[attr-defined]
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
        layer, tails = join_surrogates(_page_text(raw, max(count, 0)))
        text, forms = ordinary_forms(layer)
        if SYMBOL_CODES.search(text):  # a symbol font's codes, Word's bullets (`symbolfonts`)
            text, _ = read_symbols(text, _font_names(raw))
        rect = pdfium_c.FS_RECTF()
        matrix = pdfium_c.FS_MATRIX()
        # called with the page and the box as pointers made once
        box_of = _untyped("FPDFText_GetLooseCharBox")
        page_ref, rect_ref = ctypes.c_void_p(_address(raw)), ctypes.byref(rect)
        boxed_at = functools.partial(_RECT.unpack_from, rect)  # left, top, right, bottom
        get_matrix, matrix_ref = _untyped("FPDFText_GetMatrix"), ctypes.byref(matrix)
        name_buf = ctypes.create_string_buffer(128)
        found = _unmapped(raw, text)
        lost, dropped = found.lost, found.dropped
        if found.blank:  # spaces the map gives a code without meaning, read as the spaces
            text = "".join(SPACE if i in found.blank else ch for i, ch in enumerate(text))
        if found.mapped:  # glyphs read through their font's own cmap (`fontmaps`), UTF-8 codes
            text, more = ordinary_forms(
                "".join(found.mapped.get(i, ch) for i, ch in enumerate(text)))
            forms += more
            tails = tails.difference(found.mapped)  # two glyph ids PDFium's text took for a pair
        chars: list[Char] = []
        brk = bold = word = False
        font: int | None = None  # the font of the run's weight (`bold`)
        last_y = -1e9
        glyphs = unmapped = unplaced = left_out = 0  # left_out: `PageChars.dropped`
        last_height = -1.0
        text_object = _text_object()
        is_generated = _untyped("FPDFText_IsGenerated")
        new = tuple.__new__  # what Char(...) calls, without its Python frame: the hot path
        sized: int | None = None  # the text object whose font size `size` is
        size = 0.0
        ems: Counter[float] = Counter()  # box height in font sizes -> characters with it
        # a box height more than `TALL_EMS` font sizes, and the size -> how far above its
        # bottom the baseline is (measured on the first glyph of that height: `_line_boxes`;
        # such a glyph takes the full way)
        sunk: dict[tuple[float, float], float] = {}
        origin, xy = _untyped("FPDFText_GetCharOrigin"), (ctypes.c_double(), ctypes.c_double())
        xy_refs = (ctypes.byref(xy[0]), ctypes.byref(xy[1]))
        sizes: set[float] = set()  # the sizes measured (`PageChars.sizes`)
        em, since = 0.0, 0
        angles: list[float] = []  # each character's direction (`textframes.direction`)
        angle, turned = 0.0, False
        outside: set[int] = set()  # glyphs wholly outside the visible box
        drawn = Overprints(chars)
        overprint: set[int] = set()  # glyphs drawn again over one of the same character
        again = False  # the last glyph was drawn again: the layer's space after it goes too
        suspect = False  # the glyphs of this stretch may draw again earlier ones (`overprint`)
        back = tol = 0.0  # a glyph left of `back` starts a stretch; `tol`: OVERPRINT font sizes
        last_box: tuple[float, float, float, float] | None = None  # the last glyph looked up
        copied = False  # whether that glyph was drawn again
        shift = x_lo != 0.0 or y_lo != 0.0
        # the glyphs of the page may take the short way below: none unmapped, no crop box shift
        short = short_way and not (lost or dropped or shift)
        plain = False  # the next glyph may take the short way (what it must check is unchanged)
        append, angles_append = chars.append, angles.append
        figures_at: list[tuple[int, int]] = []  # (place in `chars`, index) of each figure
        stretches: list[tuple[int, int]] = []  # where a baseline's stretch starts: place, index
        for i, ch in enumerate(text):
            if plain and ch not in _ODD:
                # the short way, for most glyphs: the next glyph of a stretch, on the last
                # glyph's baseline, its box as high or of the text object last measured, right
                # of `back`, within the visible box.
                # Everything the full way below would do for it comes to this; any other glyph
                # takes the full way, its box already read
                if not box_of(page_ref, i, rect_ref):
                    continue
                left, top, right, bottom = boxed_at()
                high = top - bottom
                if bottom == last_y and back <= left <= x_hi and right >= x_lo and (
                        high == last_height
                        or (POINT <= high <= TALL_EMS * size
                            and (obj := text_object(page_ref, i)) == sized
                            and obj)):
                    if high != last_height:  # a box of another height, of the text object
                        last_height = high  # last measured: the same size
                        ems[em] += len(chars) - since
                        em, since = last_height / size, len(chars)
                    glyphs += 1
                    back = left - tol
                    append(new(Char, (ch, left, right, bottom, top, size, bold)))  # Char(...)
                    angles_append(angle)
                    continue
                boxed = True  # `rect` holds this glyph's box
            else:
                boxed = False
            if lost and i in lost:  # before the white space: it may read as a line end
                ch = LOST
            elif dropped and i in dropped:
                if box_of(page_ref, i, rect_ref):
                    glyphs += 1
                    unmapped += 1
                    left_out += 1
                continue
            if ch in "\r\n":
                brk = True
                plain = False
                continue
            if ch == "\x00":
                continue
            if ch == " " or (ch.isspace() and not is_meaningless(ch)):
                # a space of the layer follows the glyph drawn before it (where PDFium puts its
                # own spaces, which replace many of the layer's, says little); it starts just
                # before that glyph's end, so that it sorts before the glyph that starts there,
                # and ends where its own advance does (none for PDFium's)
                if again:
                    continue
                word = True
                plain = plain and not bold  # a bold run may go on in another font
                if chars and chars[-1].ch != SPACE:
                    last = chars[-1]
                    # the advance of a space the layer draws (not one PDFium put in), at most
                    # an em of the glyph before: the word space the producer set. An OCR
                    # engine's layer draws each word's trailing space as wide as its letters
                    # (a glyph-less font, every glyph half an em), so the room it covers is a
                    # word space, not a gap between pieces (`lines._cut` measures from its end)
                    end = last.x1
                    if not is_generated(page_ref, i) and box_of(page_ref, i, rect_ref):
                        s_left, _, s_right, _ = boxed_at()
                        advance = s_right - s_left  # min(max(advance, 0.0), last.size)
                        if advance < 0.0:
                            advance = 0.0
                        end += last.size if last.size < advance else advance
                    append(new(Char, (SPACE, last.x1 - 0.05, end, last.y0, last.y1,
                                      last.size, last.bold)))
                    angles.append(angles[-1])
                continue
            ch = _HYPHENS.get(ch, ch)
            again = False
            if not boxed and not box_of(page_ref, i, rect_ref):
                continue
            glyphs += 1
            unmapped += ch == LOST
            left, top, right, bottom = boxed_at()
            if top - bottom < POINT and right - left < POINT:
                unplaced += 1
                if chars:  # no box: it follows the glyph drawn before it, one advance wide
                    last = chars[-1]
                    advance = last.size if is_wide(ch) else 0.5 * last.size
                    chars.append(Char(ch, last.x1, last.x1 + advance, last.y0, last.y1,
                                      last.size, last.bold))
                    angles.append(angles[-1])
                    brk = False
                    continue
            if right < x_lo or left > x_hi or top < y_lo or bottom > y_hi:
                outside.add(i)  # drawn where no viewer shows it (`PageChars.outside`)
                continue
            if shift:
                left, right, bottom, top = left - x_lo, right - x_lo, bottom - y_lo, top - y_lo
            read = False
            if top - bottom != last_height:  # a box of another height: another size, unless
                last_height = top - bottom  # the glyph is of the text object last measured
                obj = text_object(page_ref, i)
                if obj != sized or not obj:
                    sized = obj
                    size, read = _size(page_ref, i, matrix, obj)
                    sizes.add(size)
                    angle = direction(matrix) if read else 0.0
                ems[em] += len(chars) - since
                em, since = (last_height / size if size > 0 else 0.0), len(chars)
                tol = OVERPRINT * size
                if (em > TALL_EMS and (last_height, size) not in sunk
                        and origin(page_ref, i, *xy_refs)):
                    sunk[last_height, size] = xy[1].value - y_lo - bottom  # the baseline, above
            run = brk or abs(bottom - last_y) > 0.5 * size or not chars
            if run or left < back:  # a stretch starts (`overprint`)
                suspect = drawn.start(left, bottom, size)
                last_box = None
            back = left - tol
            if suspect:
                box = (left, right, bottom, top)
                # the next letter of a ligature (one glyph, several characters) has its box: it
                # is drawn again where its glyph is
                again = copied if box == last_box else drawn.again(ch, box)
                last_box, copied = box, again
                if again:  # drawn over a glyph of the same character (`PageChars.overprint`)
                    overprint.add(i)
                    glyphs -= 1
                    unmapped -= ch == LOST
                    # the next glyph is looked up too: a copy drawn on its original's baseline
                    # (a line drawn again a fraction of a point to the side, Word's fake bold)
                    # would otherwise take the short way, which looks nothing up
                    plain = False
                    continue
            if run:
                bold = _is_bold(page_ref, i, name_buf)  # sampled once per run on a baseline
                stretches.append((len(chars), i))
                font = _font(raw, i) if bold else None
                if not read:  # the direction, read again where a run starts
                    angle = direction(matrix) if get_matrix(page_ref, i, matrix_ref) else 0.0
            elif word and bold and (now := _font(raw, i)) != font:
                bold = _is_bold(page_ref, i, name_buf)  # a bold run goes on in another font
                font = now if bold else None
            word = False
            turned = turned or angle != 0.0
            last_y = bottom
            if ch in _FIGURES:
                figures_at.append((len(chars), i))
            chars.append(new(Char, (ch, left, right, bottom, top, size, bold)))  # Char(...)
            angles.append(angle)
            brk = False
            # what lets the next glyph take the short way: no stretch that may draw again
            # (`suspect`), a size, a box
            plain = short and not suspect and size > 0 and last_height >= POINT
        ems[em] += len(chars) - since
        if stretches:
            _bold_tails(raw, text, chars, stretches, len(chars), name_buf)
        if figures_at:
            _superior_figures(raw, chars, figures_at, angles, y_lo)
        hidden = [_text_at(text, outside)] if outside else []
        copies = _text_at(text, overprint) if overprint else ""
        if lost or dropped or outside or overprint or tails:
            text = "".join(LOST if i in lost else ch for i, ch in enumerate(text)
                           if i not in dropped and i not in outside and i not in overprint
                           and i not in tails)
        own = _hyphens_read(text.replace("\r\n", "\n"))
        marked = ActualTexts()
        images: list[Figure] = []
        rules = tuple(Rule(r.x0 - x_lo, r.y0 - y_lo, r.x1 - x_lo, r.y1 - y_lo)
                      for r in _page_objects(page, marked, images))
        figures = tuple(Figure(f.x0 - x_lo, f.y0 - y_lo, f.x1 - x_lo, f.y1 - y_lo)
                        for f in images)
        spans = []
        for span in marked.read(raw, max(count, 0)):
            if span.x1 < x_lo or span.x0 > x_hi or span.y1 < y_lo or span.y0 > y_hi:
                hidden.append(span.text.strip())
            else:
                spans.append(span._replace(x0=span.x0 - x_lo, x1=span.x1 - x_lo,
                                           y0=span.y0 - y_lo, y1=span.y1 - y_lo))
        for span in spans:  # text the text page left out (`pdflayout.marked`)
            added = _marked_chars(span)
            chars.extend(added)
            angles.extend(span.angle for _ in added)
            turned = turned or (bool(added) and span.angle != 0.0)
            glyphs += sum(c.ch != SPACE for c in added)
            sizes.update(c.size for c in added)
            ems.update(c.y1 / c.size - c.y0 / c.size for c in added)
        if spans:
            own = "\n".join([own, *(span.text for span in spans)])
        groups: tuple[tuple[Char, ...], ...] = ()
        width, height = float(width), float(height)
        if turned:  # glyphs drawn turned: each read in its text's own frame (`textframes`)
            framed = to_text_frames(chars, angles, width, height)
            chars, groups, width, height = framed.chars, framed.turned, framed.width, framed.height
            ems = Counter(c.y1 / c.size - c.y0 / c.size for c in chars if c.size > 0)
            rules, figures = (), ()  # none on a page read turned
        elif not chars:
            rules, figures = (), ()
        if sunk and not turned:
            chars = _line_boxes(chars, ems, sunk)
        return PageChars(
            number, width, height, tuple(_even_boxes(chars, ems)), own, glyphs,
            unmapped, forms, unplaced, groups, rules, found.fonts, " ".join(hidden), figures,
            copies, frozenset(sizes), found.own_read, found.read_fonts, left_out,
        )
    finally:
        textpage.close()


def _form_appearances(doc: object) -> None:
    """Give `doc`, when it has an interactive form (AcroForm), PDFium's form-fill environment
    before its first page loads, so that its fields print as a viewer, a printer and
    `pdftotext` (poppler) draw them: a field that holds its value only as its value (`/V`, no
    appearance stream `/AP`: hand-written and scripted forms, libraries that fill a form and
    leave the drawing to the viewer) and every field of a form that asks the viewer to draw
    its fields again (`/NeedAppearances true`, as LibreOffice writes it, its fields'
    appearances left empty) are drawn by the environment as each page loads (into the
    widget's dictionary), and `_printed_page` flattens them with the page. Without it PDFium
    flattens only the appearances the file holds, and such a field's value is lost. A
    document without a form pays one call. No script runs: the environment has no JavaScript
    platform, so PDFium runs its script stub whatever its build (a field's format or
    calculate action is not run: the value is drawn as stored), and no XFA form is loaded."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    if pdfium_c.FPDF_GetFormType(doc.raw) == pdfium_c.FORMTYPE_NONE:  # type: ignore[attr-defined]
        return
    config = pdfium_c.FPDF_FORMFILLINFO(version=1)  # no m_pJsPlatform: no script engine
    handle = pdfium_c.FPDFDOC_InitFormFillEnvironment(doc.raw, config)  # type: ignore[attr-defined]
    if handle:  # pypdfium2 then tells the environment of each page it loads and closes
        doc.formenv = pdfium.PdfFormEnv(handle, config)  # type: ignore[attr-defined]


def _printed_page(doc: object, index: int, copies: _Copies) -> tuple[Any, str | None]:
    """Page `index` as it prints: where it has annotations, those that print with an appearance
    of their own (a filled form's fields, typewriter text, a stamp) or drawn for them
    (`_form_appearances`) made part of its content (PDFium's flattening for print), as a printed
    page or `pdftotext` shows them; annotations that never print (fields and buttons without
    the print flag, shown on screen only; comments' pop-ups) stay out.

    PDFium's flattening gives the page a resource dictionary of its own holding only the
    annotations' drawing, so a page that inherits its resources (fonts) from its page tree
    loses them and its own text reads as raw codes. So the page's text is read before and
    after, and unless the flattened page begins with (`FLATTEN_KEPT` of) the text the page had,
    the page is flattened again as a copy in a document of its own (`_Copies`: the copy holds
    what it inherited); should that fail too, the page is read as loaded, its
    annotations left out, and the second value says so (a note for the reader's report)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    page = doc[index]  # type: ignore[index]
    if pdfium_c.FPDFPage_GetAnnotCount(page.raw) == 0:
        return page, None
    _own_boxes(page)
    if pdfium_c.FPDFPage_Flatten(page.raw, pdfium_c.FLAT_PRINT) != pdfium_c.FLATTEN_SUCCESS:
        return page, None  # nothing that prints with an appearance (a page of links)
    # the page as loaded keeps its content as parsed, whatever flattening wrote to its
    # dictionary; loaded again, it is the flattened page
    own = _plain_text(page)
    flat = doc[index]  # type: ignore[index]
    if _begins_with(_plain_text(flat), own):
        page.close()
        return flat, None
    flat.close()
    try:
        copy = copies.flattened(index)
    except pdfium.PdfiumError:  # the page as loaded is read all the same
        copy = None
    if copy is not None:
        if _begins_with(_plain_text(copy), own):
            page.close()
            return copy, None
        copy.close()
    return page, (f"page {index + 1}: its annotations (form fields, stamps) are not read: "
                  "flattening them for print loses the fonts the page inherits from its page "
                  "tree (a PDFium limitation); its own text is read")


def _own_boxes(page: Any) -> None:
    """Give the page its visible box (crop box within media box) as its own media and crop
    boxes where it inherits them from its page tree: PDFium's flattening reads them from the
    page's own dictionary only and, finding none, makes the page US Letter (an A4 page's top
    would then be outside it)."""
    import pypdfium2.raw as pdfium_c

    box = page.get_bbox()
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for get, put in ((pdfium_c.FPDFPage_GetMediaBox, pdfium_c.FPDFPage_SetMediaBox),
                     (pdfium_c.FPDFPage_GetCropBox, pdfium_c.FPDFPage_SetCropBox)):
        if not get(page.raw, left, bottom, right, top):
            put(page.raw, *box)


class _Copies:
    """Pages flattened as copies (`_printed_page`): the PDF opened a second time, once a file
    and only when a page needs it, as `read_pdf_pages` opens it (its form fields drawn as each
    page loads), and one document the copies are imported into (PDFium's page import gives a
    copy the resources, boxes and rotation the page inherits from its page tree); both closed
    by `close`, after the copies' pages."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._source: Any = None
        self._copies: Any = None

    def flattened(self, index: int) -> Any:
        """A copy of page `index`, flattened."""
        import pypdfium2 as pdfium
        import pypdfium2.raw as pdfium_c

        if self._source is None:
            self._source = pdfium.PdfDocument(self._data)
            _form_appearances(self._source)
            self._copies = pdfium.PdfDocument.new()
        self._source[index].close()  # the form environment draws the page's fields as it loads
        at = len(self._copies)
        self._copies.import_pages(self._source, [index], index=at)
        page = self._copies[at]
        if pdfium_c.FPDFPage_Flatten(page.raw, pdfium_c.FLAT_PRINT) == pdfium_c.FLATTEN_SUCCESS:
            page.close()
            page = self._copies[at]
        return page

    def close(self) -> None:
        for doc in (self._copies, self._source):
            if doc is not None:
                doc.close()


def _plain_text(page: Any) -> str:
    """The page's text as PDFium reads it, white space left out."""
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        count = pdfium_c.FPDFText_CountChars(textpage.raw)
        return "".join(_page_text(textpage.raw, max(count, 0)).split())
    finally:
        textpage.close()


def _begins_with(text: str, start: str) -> bool:
    """Whether `text` begins with at least `FLATTEN_KEPT` of `start` (the annotations' text
    drawn after the page's own may join its last characters)."""
    common = 0
    for a, b in zip(text, start, strict=False):
        if a != b:
            break
        common += 1
    return common >= FLATTEN_KEPT * len(start)


class PdfPages(NamedTuple):
    """What `read_pdf_pages` read of a PDF: the characters of every page that loads (each
    `PageChars` keeps its page number), the pages PDFium could not load with PDFium's reason
    (`(number, reason)`: left out, and said), and notes on the file itself for the reader's
    report (a missing end-of-file marker)."""

    pages: list[PageChars]
    unread: tuple[tuple[int, str], ...] = ()
    notes: tuple[str, ...] = ()


def read_pdf_chars(data: bytes, name: str) -> list[PageChars]:
    """Every page's characters, or a typed error for a PDF that cannot or must not be read
    (the pages that load, where some do not: `read_pdf_pages` says which)."""
    return read_pdf_pages(data, name).pages


def read_pdf_pages(data: bytes, name: str) -> PdfPages:
    """The characters of every page that loads, or a typed error for a PDF that cannot or must
    not be read. A page PDFium cannot load (a page tree that loops back on itself, a page
    object that is not there) is left out and named in `PdfPages.unread`, as `pdftotext` reads
    the others; a PDF of which no page loads is refused."""
    import pypdfium2 as pdfium

    doc, notes = _open(data, name)
    copies = _Copies(data)
    try:
        _form_appearances(doc)  # before the first page loads
        pages = len(doc)  # type: ignore[arg-type]
        if pages == 0:
            raise FormatError("the PDF has no pages", path=name)
        if pages > MAX_PAGES:
            raise UnsafeInputError(
                f"the PDF has {pages} pages (limit {MAX_PAGES}); split it first", path=name
            )
        start = time.monotonic()
        out: list[PageChars] = []
        unread: list[tuple[int, str]] = []
        for index in range(pages):
            if time.monotonic() - start > MAX_SECONDS:
                raise UnsafeInputError(
                    f"reading took longer than {MAX_SECONDS:.0f} s (stopped at page {index + 1})",
                    path=name,
                )
            try:
                page, note = _printed_page(doc, index, copies)
            except pdfium.PdfiumError as exc:
                unread.append((index + 1, str(exc)))
                continue
            notes += (note,) if note else ()
            try:
                out.append(_read_page(page, index + 1, name))
            finally:
                page.close()
        if not out:
            number, reason = unread[0]
            raise FormatError(f"page {number} cannot be read ({reason})", path=name)
        return PdfPages(out, tuple(unread), notes)
    finally:
        copies.close()
        doc.close()  # type: ignore[attr-defined]
