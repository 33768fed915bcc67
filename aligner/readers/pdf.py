"""`.pdf` reader: the text layer with its geometry (PDFium via pypdfium2) → layout → paragraphs.

The steps are small modules of `untm.aligner.pdflayout`: `chars` (characters, boxes, effective
font sizes, glyphs without meaning, ruling lines; glyphs drawn turned mapped into their text's
frame by `textframes`; text drawn again over itself read once by `overprint`), `lines`
(baselines, spaces, superscript markers, columns, a ruled table's cells by `tables`; a Chinese
document's spaced-out lines joined by `aligner.hanspace`, recorded as `han-spacing`; a page
without columns of its own whose rows fit the gutters the document's other pages have is read
again with them: `lines.column_grid`), `furniture`
(running headers and footers, page numbers, job numbers, cover pages), `blocks` (footnotes,
tables, cover lines, paragraphs across pages, hyphenation), then `selfcheck`: the layout
reading is checked against the pages' own text and replaced by the text path's reading of it
where that reads better (said in a note). What is left out is returned as `Furniture`, with the
page number in its `line` field (the text layer's own: `page-without-text`, `outside-page`,
`overprint`, `unmapped-glyphs`; and `page-not-read` for a page PDFium could not load, left out
with a note while the others are read).

Glyphs of a font that lost its Unicode map are read as `glyphforms.LOST` where they stand (said
in a note; the units that hold one stay out of a TM); glyphs without a Unicode meaning left out
of the text (a Type 3 font's glyphs PDFium gives no character, a map's stray control codes) are
counted and said in a note, with their pages; those of a font without a map whose embedded
program names their characters are read through it (`pdflayout.fontmaps`; said in a note).
Errors: a PDF without a text layer (a scan), and one whose text layer maps most glyphs to no
Unicode character (`TextLayerError`: OCR or another copy is needed).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from untm.aligner.clean import CleanedText, build_paragraphs
from untm.aligner.glyphforms import LOST
from untm.aligner.language import CJK_WEIGHT, is_wide_letter
from untm.aligner.model import Furniture
from untm.aligner.pdflayout.blocks import build_blocks
from untm.aligner.pdflayout.chars import PageChars, PdfPages, read_pdf_pages
from untm.aligner.pdflayout.columns import Interval, edge_line
from untm.aligner.pdflayout.furniture import PageRows, body_size, cover_pages, split_furniture
from untm.aligner.pdflayout.lines import Line, column_grid, despace_rows, page_lines
from untm.aligner.pdflayout.selfcheck import MIN_LINES, choose
from untm.aligner.pdflayout.textorder import top_down
from untm.errors import InputError, TextLayerError
from untm.fileio import read_bytes_checked

MIN_TEXT_CHARS = 20  # English characters: fewer in the whole text layer is no text layer
MOSTLY_BOLD = 0.6
MAX_UNMAPPED = 0.5  # share of glyphs without a Unicode mapping beyond which a layer is unreadable
_LANGUAGE = {"zh": "Chinese", "en": "English"}


@dataclass(frozen=True)
class PdfReading:
    """A PDF's paragraphs and furniture, and what a user should know of how it was read."""

    cleaned: CleanedText
    notes: tuple[str, ...] = ()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a PDF is read, and resumed after (where
    it ran before). The reader makes several objects a glyph (a 30-page report: some 400,000
    tuples, lists and lines), which the collector's generations would traverse again and
    again, and the whole heap with each full collection: 5-10% of the reading's CPU time, more
    the longer the document, for nothing, since those objects are freed by their reference
    counts. A read leaves some 20 objects in reference cycles, however many its pages (no
    `ctypes.cast` in `pdflayout`), which the collector frees once it runs again; what is read
    does not change. (The switch is the process's: untm reads in one thread, and the batch
    engines' workers are single-threaded processes.)"""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


def read_pdf(path: str | Path, lang: str) -> PdfReading:
    """Read a PDF into paragraphs (layout reading, checked against the page text)."""
    with _collector_paused():
        return _read_pdf(str(path), lang)


def _read_pdf(name: str, lang: str) -> PdfReading:
    """`read_pdf`, the collector paused."""
    read = read_pdf_pages(read_bytes_checked(name), name)
    pages = read.pages
    _check_layer(pages, lang, name)
    layout, short, cells = _layout_reading(pages, lang)
    unplaced = sum(p.unplaced for p in pages) / max(1, sum(p.glyphs for p in pages))
    choice = choose(layout, [p.text for p in pages], lang, short_lines=short, unplaced=unplaced,
                    cells=cells, top_down=lambda: [top_down(p) for p in pages])
    cleaned = choice.cleaned
    if cleaned is not layout:  # the text reading: the text layer's own counts are kept too
        cleaned = replace(cleaned, furniture=(*_layer_furniture(pages), *cleaned.furniture))
    if read.unread:
        cleaned = replace(cleaned, furniture=(*_unread_furniture(read), *cleaned.furniture))
    notes = [*read.notes, *_unread_notes(read)]
    notes += [choice.note] if choice.note else []
    lost = sum(p.text.count(LOST) for p in pages)
    if lost:
        fonts = sorted({f for p in pages for f in p.lost_fonts})
        notes.append(
            f"{_glyphs(lost)} ({lost / max(1, sum(p.glyphs for p in pages)):.1%}) "
            f"{'has' if lost == 1 else 'have'} no Unicode "
            f"mapping (font{'s' * (len(fonts) > 1)} {', '.join(fonts)}); read as U+FFFD, and the "
            "units that hold them are left out of the TM (the JSON output and the review page "
            "show them)"
        )
    notes += _dropped_notes(pages)
    own = sum(p.own_mapped for p in pages)
    if own:
        fonts = sorted({f for p in pages for f in p.own_fonts})
        notes.append(
            f"{_glyphs(own)} of font{'s' * (len(fonts) > 1)} {', '.join(fonts)} without a "
            "ToUnicode map read through the embedded font's own character map (cmap)"
        )
    forms = sum(p.forms for p in pages)
    if forms:
        notes.append(
            f"{forms} CJK radicals or compatibility ideographs of the text layer read as the "
            "ordinary characters"
        )
    return PdfReading(cleaned, tuple(notes))


def _glyphs(count: int) -> str:
    """"1 glyph", "3 glyphs"."""
    return f"{count} glyph{'s' * (count != 1)}"


def _dropped_notes(pages: list[PageChars]) -> list[str]:
    """One report line for the glyphs without meaning that are left out of the text
    (`PageChars.dropped`), if any: each page also has them in its `unmapped-glyphs` item, but
    a reader of the report should not have to add those up to learn that text was left out
    (the glyphs of a Type 3 font whose names mean nothing: an Italian text's apostrophes)."""
    numbers = [p.number for p in pages if p.dropped]
    if not numbers:
        return []
    count = sum(p.dropped for p in pages)
    verb = "has" if count == 1 else "have"
    return [f"{_glyphs(count)} on {_page_span(numbers)} {verb} no Unicode meaning and "
            f"{'is' if count == 1 else 'are'} not in the text"]


def _page_span(numbers: list[int]) -> str:
    """"page 3", "pages 1–4, 7, 9–10": ascending page numbers, runs of consecutive pages as one
    range."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    spans = [f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs]
    return f"page{'s' * (len(numbers) > 1)} {', '.join(spans)}"


def _unread_furniture(read: PdfPages) -> list[Furniture]:
    """The pages PDFium could not load, each one `page-not-read` item (left out, never
    silently: the JSON summary counts them with the rest of what was left out)."""
    return [Furniture("page-not-read", f"page {n}: {reason}", n) for n, reason in read.unread]


def _unread_notes(read: PdfPages) -> list[str]:
    """One report line for the pages that could not be loaded, if any."""
    if not read.unread:
        return []
    numbers = ", ".join(str(n) for n, _ in read.unread)
    reasons = "; ".join(sorted({reason for _, reason in read.unread}))
    return [
        f"page{'s' * (len(read.unread) > 1)} {numbers} of {len(read.pages) + len(read.unread)} "
        f"cannot be read ({reasons}) and {'are' if len(read.unread) > 1 else 'is'} left out; "
        "the other pages are read"
    ]


def _text_worth(pages: list[PageChars]) -> int:
    """How much text the pages' layer holds, in English characters: each character read, a CJK
    letter `language.CJK_WEIGHT` times (one sentence of Chinese is as much text as the same
    sentence in English, in a third of the characters), as `language.check_language` counts."""
    wide = sum(1 for p in pages for c in p.chars if is_wide_letter(c.ch))
    return sum(p.glyphs - p.unmapped for p in pages) + (CJK_WEIGHT - 1) * wide


def _check_layer(pages: list[PageChars], lang: str, name: str) -> None:
    glyphs = sum(p.glyphs for p in pages)
    unmapped = sum(p.unmapped for p in pages)
    if (glyphs - unmapped < MIN_TEXT_CHARS and unmapped < MIN_TEXT_CHARS
            and _text_worth(pages) < MIN_TEXT_CHARS):
        raise InputError(
            "the PDF has no text layer (it looks like a scan or images of text); run OCR on it "
            "first (e.g. ocrmypdf) and align the result",
            path=name,
        )
    if unmapped > MAX_UNMAPPED * glyphs:
        raise TextLayerError(
            f"the {_LANGUAGE.get(lang, lang)} text layer has no Unicode mapping for "
            f"{unmapped / glyphs:.0%} of its characters; OCR or another copy is needed",
            path=name,
        )


def _plain_if_all_bold(pages: list[list[list[Line]]]) -> list[list[list[Line]]]:
    """A document set mostly in bold (more than `MOSTLY_BOLD` of its characters: a converter
    that named every font bold) has no bold to tell headings by, run-in headings either: its
    lines are read as plain (a line opening in bold and going on in a font of no known weight,
    a glyph of a font without a Unicode map, is no run-in heading there)."""
    flat = [ln for rows in pages for row in rows for ln in row]
    total = sum(len(ln.text) for ln in flat)
    if not total or sum(len(ln.text) for ln in flat if ln.bold) <= MOSTLY_BOLD * total:
        return pages
    return [[[replace(ln, bold=False, runin=False) for ln in row] for row in rows]
            for rows in pages]


def _across(rows: list[list[Line]]) -> bool:
    """A page read without columns that has rows of two or more lines side by side, and no
    table set without rules (`Line.table`: its gutters were found to be a table's, and are
    not the other pages' columns)."""
    return not any(ln.right or ln.table for row in rows for ln in row) and any(
        len(row) > 1 for row in rows)


def _before_gutter(rows: list[list[Line]], gutters: tuple[Interval, ...]) -> bool:
    """A page read without columns whose lines all end before a gutter of the document's
    columns: its text may fill one column only (a last page), read as that column
    (`columns.frames`)."""
    lines = [ln for row in rows for ln in row]
    if not lines or any(ln.right or ln.table for ln in lines):
        return False
    size = max(lines, key=lambda ln: len(ln.text)).size  # the type of its longest line
    return max((ln.x1 for ln in lines if not edge_line(ln, size)), default=0.0) <= max(
        a for a, _ in gutters) + size


def _layer_furniture(pages: list[PageChars]) -> list[Furniture]:
    """What the text layer itself leaves out: pages without text, text drawn outside the page's
    visible box, text drawn again over itself, glyphs without meaning."""
    furniture = [
        Furniture("page-without-text", f"page {p.number}", p.number) for p in pages if not p.chars
    ]
    furniture += [Furniture("outside-page", p.outside, p.number) for p in pages if p.outside]
    furniture += [Furniture("overprint", p.overprint, p.number) for p in pages if p.overprint]
    furniture += [
        Furniture("unmapped-glyphs", f"{_glyphs(p.unmapped)} without a Unicode mapping", p.number)
        for p in pages
        if p.unmapped
    ]
    return furniture


def _layout_reading(pages: list[PageChars], lang: str) -> tuple[CleanedText, float, int]:
    """The layout reading, the share of its lines that hold one character and the number of
    cells of ruled tables it read."""
    furniture = _layer_furniture(pages)
    count = len(pages)
    lines = [page_lines(p, wide_spaces=lang == "zh", pages=count) for p in pages]
    gutters = column_grid(lines)
    if gutters:  # a page without columns of its own read again where its rows fit the others'
        lines = [page_lines(p, wide_spaces=lang == "zh", gutters=gutters, pages=count)
                 if _across(rows) or _before_gutter(rows, gutters) else rows
                 for p, rows in zip(pages, lines, strict=True)]
    lines = _plain_if_all_bold(lines)
    spacing = None
    if lang == "zh":  # spaced-out Chinese joined as the text cleaner joins it
        lines, despaced = despace_rows(lines)
        spacing = despaced.spacing
        numbers = [p.number for p, rows in zip(pages, lines, strict=True) for row in rows
                   for _ in row]
        furniture.extend(despaced.furniture(numbers))
    flat = [ln for rows in lines for row in rows for ln in row]
    short = sum(1 for ln in flat if len(ln.text.replace(" ", "")) == 1)
    # ruled tables' cells (units by their rules) and the cells of tables set without rules
    # found by their rows (`Line.table`, `columns._unruled_table`); cells found by their
    # wrapped lines alone (`lines._wraps`) are not discounted
    cells = len({(ln.page, ln.cell) for ln in flat if ln.cell and not ln.unruled})
    rows = [PageRows(p.number, p.width, p.height, r, p.figures, p.rules)
            for p, r in zip(pages, lines, strict=True)]
    size = body_size(rows)
    covers = cover_pages(rows, size)
    kept, removed = split_furniture(rows, covers)
    blocks, more = build_blocks(kept, covers, size, lang, spacing)
    cleaned = build_paragraphs(blocks, lang, furniture + removed + more, pages_checked=True)
    return cleaned, short / len(flat) if len(flat) >= MIN_LINES else 0.0, cells
