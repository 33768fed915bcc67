"""Characters into text lines: baselines, columns, spaces, superscript reference markers.

- Characters in content order form runs on one baseline (vertical overlap); a run ends where
  the text goes back (not to a ligature's next letter, which shares its box), jumps right by
  more than `COLUMN_GAP` font sizes or to another baseline; a run drawn later inside an earlier
  run's span on its baseline (a fallback font's glyph, drawn after its line) joins that run;
  a run is cut into pieces at gaps wider than `PIECE_GAP` font sizes (past the advance of a
  space the layer draws there) (`_run_lines`, spelt with the run's letter spacing). Pieces
  that share a baseline form a row, whatever order they were drawn in; a page's rows are read
  in frames (`columns`: the full width, or each column of a region in columns; the rows of a
  table set without rules, `columns._unruled_table`, are read row by row, each piece a cell,
  `Line.table`). Within a row, pieces of one style closer
  than `MAX_JOIN_GAP` font sizes are one line (justified lines stretch their word gaps),
  except in table rows (`_tabular`: every piece starts where one of the row above or below
  starts, or, in a row of three cells or more, of the next such row past its cells' next
  lines), whose pieces are cells; far
  pieces are separate lines (masthead, footer). Where no rules bound them, the lines of a
  table's cell, or of a block of text set beside another, that wrap into the next row
  (`_wraps`: full lines, the cells beside them empty, or running text read on) are one cell,
  read whole in the row it starts in, not line by line across; so are blocks of a few lines
  side by side that differ in height (`_side_by_side`: an address beside terms beside bank
  details at an invoice's foot), left block first, and blocks of centred lines side by side
  (`_centred_side_by_side`: a letter's signature blocks, a report's stat cards), whose rows'
  pieces are not joined into one line first (`_centred_rows`). A paragraph label standing
  apart ("12." or "5.1." before an indented text) and a note's number before its smaller
  text are joined to what they label; a line that opens with a list item's label ("2） ",
  "(a) ", "1. ") records where the text after it starts (`Line.hang`), where the item's next
  lines may hang.
  A line is bold when its glyphs are bold throughout; one that opens bold and goes on in regular
  weight opens with a run-in heading (`Line.runin`).
- Spaces between two Latin glyphs come from positions: a gap wider than `WORD_GAP` font sizes
  beyond the line's letter spacing is a space (`LAYER_WORD_GAP` where the layer has a space
  there, unless the layer has one between most glyphs: one per character), so a layer without
  spaces, with PDFium's guesses, letter-spaced or justified reads the same. Beside a wide (CJK)
  character the layer's space is kept, but never beside a full-width punctuation mark, before
  an ASCII closing mark or after an opening one (`_set_solid`: where a PDF editor's runs
  gather a justified line's stretch, PDFium puts spaces of its own). A Chinese document keeps
  its spaces between two wide characters too, and its lines go through the text
  cleaner's `aligner.hanspace` (`despace_rows`), which removes the spaces of spaced-out Chinese
  ("联 合 国", "（ 1 ）", "向 25 个" where the document writes "向25个") by the document's own
  evidence; in any other document a space between two wide (CJK) characters is dropped here.
  No space is ever put between two Han characters, nor in Chinese beside a quotation mark, dash
  or ellipsis (full-width marks there, which a font may draw narrow in a full-width slot).
- Superscripts (smaller and raised): digits, `*`, `†`, `‡` are footnote references; they are
  taken out of the text and kept with their position (`Line.refs`), so the caller decides.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from operator import attrgetter
from typing import NamedTuple
from unicodedata import category, east_asian_width

from untm.aligner.contents import entry_tail, page_value
from untm.aligner.furniture import form_kind
from untm.aligner.hanspace import Despaced, despace_lines
from untm.aligner.language import is_wide_letter
from untm.aligner.pdflayout.chars import SPACE, Char, PageChars, is_wide
from untm.aligner.pdflayout.columns import (
    CELL_ALIGN,
    CENTRE_TOL,
    MAX_COLUMNS,
    MIN_COLUMN_ROWS,
    MIN_GUTTER,
    Interval,
    centred,
    frames,
    own_span,
)
from untm.aligner.pdflayout.dropcaps import drop_capitals
from untm.aligner.pdflayout.stacks import vertical_stacks
from untm.aligner.pdflayout.tables import Grid, TableRows, beside_text, ruled_tables

PIECE_GAP = 1.0  # font sizes: a wider gap on a baseline cuts a line into pieces
STRETCHED = 0.6  # font sizes: a gap this wide inside a piece is a justified line's stretched gap
STRETCHED_GAPS = 2  # such gaps a line needs for a gap a space wider to be one of them
SPACE_WIDTH = 0.5  # font sizes: a word space, at the most
EVEN_GAPS = 3  # gaps between pieces a row needs for their evenness to tell a justified line
EVEN_SPREAD = 0.2  # font sizes: the most a justified line's stretched word gaps differ (ink)
MAX_STRETCH = 3.0  # font sizes: the widest word gap a justified line is taken to stretch to
COLUMN_GAP = 2.0  # font sizes: a wider jump to the right ends a run
MAX_JOIN_GAP = 6.0  # font sizes: pieces farther apart are never one line (masthead, footer)
WORD_GAP = 0.15  # font sizes beyond the letter spacing: a gap between two Latin glyphs is a space
LAYER_WORD_GAP = 0.08  # the same where the text layer draws a space there
LABEL_GAP = 0.5  # font sizes: a wider gap after a paragraph label is a space, beside CJK too
MAX_TRACKING = 0.5  # font sizes: the most letter spacing a line is taken to have
MIN_PAIRS = 4  # Latin glyph pairs a line needs for its letter spacing to be measured
LOOSE_GAP = 0.05  # font sizes between two glyphs: they stand apart
LOOSE_PAIRS = 0.4  # share of Latin glyph pairs that stand apart on a letter-spaced line
LEADER_DOTS = frozenset(".·․‧…")  # a pair of these is a leader's: no letter spacing (`_tracking`)
LEADER_MIN = 3  # dots in a row (spaces between them aside) spelt as one run (`_leader_end`)
_BUCKET = 3.0  # points: runs are looked up by the band of the page their middle is in
# a larger type than its line's: a run's band this many times its first or last glyph's height
# (sizes mixed, `_absorb`), a line's first glyph this many times the line's size (`_line`)
TALL_RUN = 1.5
INTERLEAVE_OVERLAP = 0.3  # of a glyph's width: a glyph put into a gap of its host's overlaps it
TOL_WALL = 1.0  # points a glyph may overlap the vertical rule it is cut at
LOW_MARK = 0.3  # font sizes a mark of a line's size may reach below its bottom (a low comma)
WRAP_STEP = 1.6  # font sizes from baseline to baseline: the next line of a cell or block
MIN_WRAP_WORDS = 3  # words a line of a cell needs to wrap (a label of one or two does not)
PROSE_WORDS = 5  # words a line of running text set beside another block holds at least
MAX_CELL_LINES = 4  # rows of a cell's next lines between two rows of a table's cells
ROW_CELLS = 3  # pieces of a row that make it a row of a table's cells
MIN_BLOCK_LINES = 3  # lines the tallest of blocks side by side holds at least
# font sizes from baseline to baseline: the next line of a centred block (`WRAP_STEP`, or a word
# processor's space after each of its one-line paragraphs, 8-10 points at 11-12 points)
CENTRED_STEP = 2.5
MAX_CENTRED_LINES = 6  # lines a centred block side by side holds at most (a signature, a card)
MARK_CHARS = 3  # characters of a line that is a bullet, a number or a label, not a block's
# a list's bullet (Word's Symbol and Wingdings bullets as `symbolfonts` reads them, and
# Unicode's own): alone before the text of its row (set a tab before its item), it is the item's
# label, read with it as a paragraph number is (`_LABEL`, `_merge_row`)
BULLETS = "•◦‣▪●■□◻◆❖❑❒○➢➔✓"
# a paragraph or heading number alone before its text: "12.", and a numbered heading's number of
# several levels ending in a dot as Word's multilevel lists write it ("5.1.", "2.3.4.": no
# decimal number ends in a dot). Set a tab before its text, the number of two consecutive
# headings ("5.1.", "5.2.") lined up over each other with their texts was read as a table's
# two columns, each number a cell of its own
_LABEL = re.compile(
    r"^(?:\d{1,3}(?:[.．]\d{1,3}){0,3}[.．]|\(?[a-z]\)|\(?[ivx]{1,5}\)|[IVXL]{1,6}\.|[A-Z]\.|"
    rf"[一二三四五六七八九十]{{1,3}}[、.．]|\*{{1,4}}|[†‡]|[{BULLETS}])$"
)
_LABEL_START = re.compile(
    r"^(\d{1,3}[.．]|\(?[a-z]\)|\([ivx]{1,5}\)|[IVXL]{1,6}\.|[A-Z]\.|[一二三四五六七八九十]{1,3}[.．])\s")
# a paragraph number of a section's ("13.8": paragraph 8 of section 13, as the UN's budget
# fascicles number theirs), hanging before its text at a tab: a decimal number opening a
# line ("13.8 per cent of ...") is followed by a word space, which justification stretches to
# half an em or so, never to a tab's `SECTION_TAB` ems
SECTION_START = re.compile(r"^(\d{1,3}(?:[.．]\d{1,3}){1,2})\s")
_SECTION_NUMBER = re.compile(r"^\d{1,3}(?:[.．]\d{1,3}){1,2}$")  # one, a piece of its own
SECTION_TAB = 1.0
# a list item's label opening a line, then a space (or, after a full-width mark, which holds its
# own white, the text itself): "1.", "2)", "2）", "(3)", "（3）", "a)", "(iv)", "A.", a bullet
_ITEM_START = re.compile(
    r"^(\d{1,3}[.．]|[(（]?\d{1,3}[)）]|[(（]?[a-z][)）]|[(（][ivx]{1,5}[)）]|[IVXL]{1,6}\.|[A-Z]\."
    rf"|[{BULLETS}])(?:\s|(?<=[．）])(?=\S))"
)
# quotation marks, dashes and ellipses that Chinese text sets as full-width marks (their width
# is "ambiguous" in Unicode, and a font may draw them narrow in a full-width slot)
_CJK_MARKS = frozenset("“”‘’—–…‧·")
_CLOSING_ASCII = frozenset(",;:!?)]}")  # marks set close after the word they close (not
# the full stop: a contents leader's dots may stand a space after its title)
_OPENING_ASCII = frozenset("([{")  # and before the word they open
_OPENING = "([{（［“‘《〈「『"  # marks a line does not end with: they go with the next word
_X0 = attrgetter("x0")
_X1 = attrgetter("x1")
_Y0 = attrgetter("y0")
_Y1 = attrgetter("y1")
_SIZE = attrgetter("size")
_BOLD = attrgetter("bold")
_REF = re.compile(r"^(?:\d{1,3}|\*{1,4}|[†‡])$")
# a superscript: at most `SUPERSCRIPT_SIZE` of its line's size, its box's bottom at least
# `SUPERSCRIPT_RISE` of that size above the line's
SUPERSCRIPT_SIZE, SUPERSCRIPT_RISE = 0.85, 0.25
# a table's notes are marked by raised lower-case letters ("a Estimates as at 28 February 2026.",
# under the figures of a UN report's cover: A/80/604/Add.6): one such letter opening a line, apart
# from its text, is the note's marker (`Line.lead_ref`), as a raised number is a footnote's; in
# running text a raised letter stays text ("2025/26a,b" keeps its letters; "1er" is a word)
_NOTE_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
SMALL_CAPS = (0.6, 0.9)  # small capitals' size, in the size of the lower-case text they are in
STRAY_TOP = 0.4  # font sizes above a line's middle top: a stray glyph's top (`_top`)


@dataclass(frozen=True)
class Line:
    """One line of text on a page (a row's fragment between column gaps)."""

    page: int
    x0: float
    x1: float
    y0: float  # bottom of the line's main characters
    y1: float  # top
    size: float  # the size most of its characters have
    bold: bool
    text: str
    text_x0: float  # where the text starts after a hanging label ("12." at x0)
    refs: tuple[tuple[int, str], ...] = ()  # superscript markers taken out: (offset, marker)
    frame: int = 0  # the page's frame it is read in (`columns`: the full width or a column)
    right: float = 0.0  # a column's right edge, where its full lines end (0: the full width)
    left: float = 0.0  # a column's left edge, where its lines start (0: the full width)
    foot: float = 0.0  # the lowest baseline of a column's region, where its columns end
    runin: bool = False  # opens with a bold run-in heading, then regular text of its size
    # not bold throughout, but its end is: emphasis begun in mid-line (`chars._bold_tails`)
    tail_bold: bool = False
    cell: int = 0  # a table cell's lines share its number (on the page; 0: no cell's)
    unruled: bool = False  # the cell is found by its wrapped lines (`_wraps`), not by rules
    table: bool = False  # a cell of a table set without rules (`columns._unruled_table`)
    apart: bool = False  # a stack of upright glyphs (`stacks`): a paragraph of its own
    # where the text after an opening list label starts ("2） Also …": the "A"), where the
    # item's wrapped lines may hang (a hanging indent; 0: the line opens with no label)
    hang: float = 0.0
    # the page number that closes a contents entry set without a leader, flush right in a
    # column of such numbers (`_page_column`), at the end of `text` ("" for any other line)
    page_ref: str = ""

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def lead_ref(self) -> str | None:
        """The superscript marker the line starts with (a footnote's own number), if any."""
        return self.refs[0][1] if self.refs and self.refs[0][0] == 0 else None


def overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    """How far two spans [a0, a1] and [b0, b1] overlap (negative: how far apart they are)."""
    return min(a1, b1) - max(a0, b0)


def low_mark(y0: float, y1: float, line_y0: float, line_y1: float, size: float) -> bool:
    """A glyph box [y0, y1] of the line's size that is a mark on the line [line_y0, line_y1]
    set low, not a glyph of another baseline: shorter than half the line, it reaches up over
    the line's bottom and down at most `LOW_MARK` font sizes below it. Where a font's boxes
    are its glyphs' own (no ascent and descent to span), a comma hangs about 0.15 font sizes
    below the baseline and rises only 0.1 above it (Arial's), too little of it beside the line
    for a share of its height to tell (a subscript is smaller, a superscript raised: neither is
    taken by this)."""
    return (
        y1 - y0 < 0.5 * (line_y1 - line_y0)
        and y1 > line_y0
        and y0 >= line_y0 - LOW_MARK * size
    )


_Bounds = tuple[float, float, float, float]  # (x0, x1, y0, y1) of a run's ink (no spaces)


def _runs(chars: tuple[Char, ...], *, short_way: bool = True) -> list[list[Char]]:
    """The page's glyphs in runs: a run goes on while the next glyph overlaps its band, did not
    go back left (but for a ligature's next letter) and jumped no column gap; runs drawn inside
    an earlier run are put into it (`_absorb`, told each run's ink bounds, which are kept here
    as the run grows: the same comparisons `min` and `max` would make, in the same order, not
    four passes more over every glyph). (`short_way=False`: every glyph the full way, which the
    short way must equal; tests compare the two.)"""
    runs: list[list[Char]] = []
    bounds: list[_Bounds] = []  # of each run's ink
    cur: list[Char] = []
    y0 = y1 = prev_x0 = prev_x1 = prev_size = 0.0
    lo_x = hi_x = lo_y = hi_y = 0.0  # the bounds of the current run's ink
    # the last glyph that took the full way, for the short way: its box's bottom and top (NaN:
    # none, or no height) and how far back and on the next glyph of its size may start
    same_y0 = same_y1 = math.nan
    back = ahead = 0.0
    for c in chars:
        ch, c_x0, c_x1, c_y0, c_y1, c_size, _ = c
        if ch == SPACE:  # a space goes with its run and decides nothing (PDFium's may be
            if cur:  # placed anywhere near the glyph before)
                cur.append(c)
            continue
        if (((c_y0 == same_y0 and c_y1 == same_y1)
             or (short_way and y0 <= c_y0 < c_y1 <= y1))
                and c_size == prev_size and back <= c_x0 - prev_x1 <= ahead):
            # the short way: a glyph with the size, box bottom and top of the last glyph
            # that took the full way overlaps the run as that glyph does and is no taller
            # than the run; one of that size whose box lies within the run's band (`y0`-`y1`:
            # the box of its tallest glyph; a Chinese line's loose boxes share their bottom
            # and differ in their tops, glyph by glyph) overlaps it wholly and is no taller
            # either. So, where it neither went back nor jumped a column gap (the tests
            # below), it goes on the run (whose ink bounds already hold its bottom and top:
            # that glyph's, or within the band's, which is a glyph's of the run)
            cur.append(c)
            if c_x0 < lo_x:
                lo_x = c_x0
            if c_x1 > hi_x:
                hi_x = c_x1
            prev_x0, prev_x1 = c_x0, c_x1
            continue
        if cur:
            h = c_y1 - c_y0
            if y1 - y0 < h:
                h = y1 - y0
            overlap = (c_y1 if c_y1 < y1 else y1) - (c_y0 if c_y0 > y0 else y0)
            big = c_size if c_size > prev_size else prev_size
            if (
                (overlap < 0.5 * (h or 1.0)  # another baseline, unless a low mark of the line
                 and not (c_size == prev_size and low_mark(c_y0, c_y1, y0, y1, c_size)))
                or (c_x0 < prev_x1 - 0.6 * (c_size if c_size > 1.0 else 1.0)  # went back,
                    and (c_x0 != prev_x0 or c_x1 != prev_x1))  # not a ligature's next letter
                or c_x0 - prev_x1 > COLUMN_GAP * (big if big > 1.0 else 1.0)  # a column gap
            ):
                runs.append(cur)
                bounds.append((lo_x, hi_x, lo_y, hi_y))
                cur = []
        if not cur:
            y0, y1 = c_y0, c_y1
            lo_x, hi_x, lo_y, hi_y = c_x0, c_x1, c_y0, c_y1
        else:
            if c_y1 - c_y0 > y1 - y0:  # the run's extent follows its largest characters
                y0, y1 = c_y0, c_y1
            if c_x0 < lo_x:
                lo_x = c_x0
            if c_x1 > hi_x:
                hi_x = c_x1
            if c_y0 < lo_y:
                lo_y = c_y0
            if c_y1 > hi_y:
                hi_y = c_y1
        cur.append(c)
        prev_x0, prev_x1, prev_size = c_x0, c_x1, c_size
        same_y0, same_y1 = (c_y0, c_y1) if c_y1 > c_y0 and short_way else (math.nan, math.nan)
        unit = c_size if c_size > 1.0 else 1.0
        back, ahead = -0.6 * unit, COLUMN_GAP * unit
    if cur:
        runs.append(cur)
        bounds.append((lo_x, hi_x, lo_y, hi_y))
    return _absorb(runs, bounds)


def _main_band(ink: list[Char]) -> tuple[float, float]:
    """The band (bottom, top) of a run's glyphs of its most common size: the line it is, apart
    from a larger glyph that began it (a section number or a bullet set large beside a heading
    of two lines, whose band spans both)."""
    sizes = Counter(map(_SIZE, ink))
    if len(sizes) > 1:
        main = sizes.most_common(1)[0][0]
        ink = [c for c in ink if c.size == main]
    return min(map(_Y0, ink)), max(map(_Y1, ink))


def _absorb(runs: list[list[Char]], bounds: list[_Bounds]) -> list[list[Char]]:
    """Runs with each run drawn later inside an earlier run's span on the same baseline (a
    glyph from a fallback font, a raised marker or a correction drawn after its line) put into
    that run, where `_run_lines` sorts it into place; a run that draws again glyphs of its host
    where they are (bold made by overprinting) is left out. The host's baseline is its band of
    glyphs of its most common size (`_main_band`): a run under a heading's first line, beside
    the large number that began that line, is the heading's next line, not part of the first.
    (`bounds`: each run's ink bounds; a run starts with a glyph, never with a space.)"""
    out: list[list[Char]] = []
    spans: list[_Bounds] = []  # of each out run's ink
    by_height: dict[int, list[int]] = {}  # `_BUCKET`-point bands of their middles -> out runs
    grown = False  # a run interleaved with its host made it wider (`_interleaves`)
    for run, (x0, x1, y0, y1) in zip(runs, bounds, strict=True):
        first, last = run[0], run[-1]
        if last.ch == SPACE:
            last = next(c for c in reversed(run) if c.ch != SPACE)
        ends = min(first.y1 - first.y0, last.y1 - last.y0)
        if y1 - y0 > TALL_RUN * ends:  # glyphs of several heights: which band is the line?
            y0, y1 = _main_band([c for c in run if c.ch != SPACE])
        h = y1 - y0
        host = None
        for key in range(int((y0 - h) // _BUCKET), int((y1 + h) // _BUCKET) + 1):
            for j in by_height.get(key, ()):
                hx0, hx1, hy0, hy1 = spans[j]
                if (hx0 - 0.1 * h <= x0 and overlap(y0, y1, hy0, hy1) >= 0.5 * min(h, hy1 - hy0)
                        and ((x1 <= hx1 + 0.1 * h and hx1 - hx0 > x1 - x0)
                             or (x0 < hx1 - 0.1 * h and _interleaves(out[j], run)))):
                    host = j if host is None else max(host, j)
        if host is None:
            by_height.setdefault(int((y0 + y1) / 2 // _BUCKET), []).append(len(out))
            out.append(run)
            spans.append((x0, x1, y0, y1))
            continue
        target = out[host]
        drawn = {(c.ch, round(c.x0), round(c.y0)) for c in target}
        if any((c.ch, round(c.x0), round(c.y0)) not in drawn for c in run if c.ch != SPACE):
            target.extend(run)
            hx0, hx1, hy0, hy1 = spans[host]
            if x1 > hx1:  # an interleaved run went on past its host's end
                spans[host] = (hx0, x1, hy0, hy1)
                grown = True
    # a host made wider may now hold runs read before the one that widened it (the "R" and
    # "d" of "Roundup" drawn before the rest of its line): once more, until none is widened
    return _absorb(out, spans) if grown else out


def _interleaves(host: list[Char], run: list[Char]) -> bool:
    """Whether a run that starts inside its host's span and goes on right of it puts its glyphs
    into the host's gaps: the letters of a word drawn in two passes ("H", "f", "t", then "e"
    and "y" of "Hefty": a PostScript driver's output, one pass per font subset). Each of its
    glyphs over the host's span overlaps none of the host's glyphs by more than
    `INTERLEAVE_OVERLAP` of its width, and one at least stands in a gap between two of them,
    ending before the host's last glyph does (a run that merely begins where its host ends, as
    the next column's line beside a line that ends in a wide comma's box, is no part of it)."""
    ink = sorted((c for c in host if c.ch != SPACE), key=_X0)
    end = max(map(_X1, ink))
    inside = 0
    for c in run:
        if c.ch == SPACE or c.x0 >= end:
            continue
        width = max(c.x1 - c.x0, 0.01)
        k = bisect_left(ink, c.x0, key=_X0)
        for g in ink[max(0, k - 2):k + 2]:
            if overlap(c.x0, c.x1, g.x0, g.x1) > INTERLEAVE_OVERLAP * width:
                return False
        inside += c.x1 <= end
    return inside > 0


def _main_size(chars: list[Char]) -> float:
    """The size most of the characters have; where those are all capitals (small caps: "in the
    FOR FURTHER INFORMATION", the capitals set at 0.6-0.9 of the text's size), the size of the
    lower-case letters beside them."""
    one = set(map(_SIZE, chars))  # most lines have one size: no counting
    if len(one) < 2:
        return float(one.pop()) if one else 0.0
    sizes = Counter(map(_SIZE, chars))
    size = float(sizes.most_common(1)[0][0])
    lower = Counter(c.size for c in chars if SMALL_CAPS[0] * c.size <= size
                    <= SMALL_CAPS[1] * c.size and c.ch.islower())
    if lower and all(c.ch.isupper() or not c.ch.isalpha() for c in chars if c.size == size):
        return float(lower.most_common(1)[0][0])
    return size


def _tracking(chars: list[Char], size: float) -> tuple[float, bool]:
    """A line's letter spacing (the usual gap between two Latin glyphs without a space between
    them, clamped to 0 .. `MAX_TRACKING` font sizes) and whether its layer spaces tell words
    apart (not when the layer has a space between most Latin glyphs: one per character).
    Two dots of a leader (". . . ." to a contents line's page number) tell nothing: they are
    set apart, each with the layer's space, whatever the letter spacing, and would make a line
    of tight words look letter-spaced, its word spaces gaps between letters
    ("Securingandprotecting")."""
    tight: list[float] = []
    every: list[float] = []
    spaced = False
    prev: Char | None = None
    for c in chars:
        if c.ch == SPACE:
            spaced = prev is not None
            continue
        if (prev is not None and not (is_wide(c.ch) or is_wide(prev.ch))
                and not (c.ch in LEADER_DOTS and prev.ch in LEADER_DOTS)):
            gap = c.x0 - prev.x1
            every.append(gap)
            if not spaced:
                tight.append(gap)
        prev, spaced = c, False
    trusted = len(every) < MIN_PAIRS or len(tight) >= 0.5 * len(every)
    gaps = tight if trusted else every
    if len(gaps) < MIN_PAIRS:
        return 0.0, trusted
    gaps.sort()
    return min(max(gaps[len(gaps) // 2], 0.0), MAX_TRACKING * size), trusted


def _run_lines(
    page: int, run: list[Char], *, wide_spaces: bool, grid: Grid | None = None
) -> list[Line]:
    """A run's lines: the run (sorted by x) cut at gaps wider than `PIECE_GAP` font sizes into
    pieces (cells, columns, or a justified line's wide word gap, joined again by `_merge_row`),
    spelt with the run's letter spacing.

    Between two Latin glyphs a space is where the gap, less the letter spacing, is wider than
    `WORD_GAP` font sizes (`LAYER_WORD_GAP` where the layer draws a space there and its spaces
    tell words apart); beside a wide (CJK) character only where the layer has a space, between
    two wide ones only with `wide_spaces` (for `aligner.hanspace` to judge). The letter spacing
    is measured (`_tracking`) only on a run where more than `LOOSE_PAIRS` of the Latin glyph
    pairs stand apart (by `LOOSE_GAP` font sizes), as on a letter-spaced line; elsewhere glyphs
    of a word abut and it is 0. Where a vertical rule of the page's `grid` crosses the run,
    it is cut there too (two cells of a ruled table). (A run of glyphs of one size, as most
    are, has pieces of that one size: `_line` is told so, and does not look again.)"""
    run.sort(key=_X0)
    walls = grid.walls((run[0].y0 + run[0].y1) / 2, run[0].x0, run[-1].x1) if grid else []
    sizes = set(map(_SIZE, run))
    one_size = len(sizes) == 1
    size = float(next(iter(sizes))) if one_size else _main_size(run)
    pieces = _cut(run, walls, size)
    lines: list[Line] = []
    pairs = loose = 0
    for piece in pieces:
        made = _line(page, piece, 0.0, True, wide_spaces=wide_spaces, one_size=one_size)
        if made is not None:
            line, piece_pairs, piece_loose = made
            lines.append(line)
            pairs, loose = pairs + piece_pairs, loose + piece_loose
    if pairs >= MIN_PAIRS and loose > LOOSE_PAIRS * pairs:
        tracking, trusted = _tracking(run, size)
        if tracking or not trusted:
            lines = [
                made[0]
                for piece in pieces
                if (made := _line(page, piece, tracking, trusted, wide_spaces=wide_spaces,
                                  one_size=one_size))
            ]
    return lines


def _cut(run: list[Char], walls: list[float], size: float) -> list[list[Char]]:
    """A run sorted by x cut where two glyphs stand more than `PIECE_GAP` font sizes (`size`:
    the run's `_main_size`) apart, but for a justified line's stretched word gap
    (`_stretched`), and where a wall (a vertical rule's x, sorted) stands between two glyphs.
    A gap in which the layer draws a space is measured from the space's end: its advance is the
    word space the producer set (an OCR layer's is half an em, its word gaps an em and more),
    what lies beyond it the gap."""
    pieces: list[list[Char]] = []
    start = 0
    last_x1 = 1e9
    gap = PIECE_GAP * size
    for i, c in enumerate(run):
        if c.ch != SPACE:
            if c.x0 - last_x1 > gap:
                pieces.append(run[start:i])
                start = i
            last_x1 = c.x1
        elif c.x1 > last_x1:  # a drawn space's advance is a word space, not a gap
            last_x1 = c.x1
    pieces.append(run[start:])
    if len(pieces) > 1:
        pieces = _stretched(pieces, size)
    if len(pieces) > 1 and _evenly_spread(pieces, size):
        pieces = [run]
    return [part for piece in pieces for part in _walled(piece, walls)] if walls else pieces


def _gaps(piece: list[Char]) -> tuple[list[float], float]:
    """The gaps between a piece's glyphs (each measured from a drawn space's end, as `_cut`
    measures), and where its last glyph or space ends."""
    gaps: list[float] = []
    last_x1 = math.nan
    for c in piece:
        if c.ch != SPACE:
            if not math.isnan(last_x1):
                gaps.append(c.x0 - last_x1)
            last_x1 = c.x1
        elif c.x1 > last_x1:
            last_x1 = c.x1
    return gaps, last_x1


def _stretched(pieces: list[list[Char]], size: float) -> list[list[Char]]:
    """Pieces joined again where the gap between them is a justified line's word gap: the line
    stretches its gaps alike (a Chinese line of numbers, "(2014)、2178 (2014)、2195", stretched
    at each 、 and at its one space), so where `STRETCHED_GAPS` of its gaps inside the pieces
    are `STRETCHED` font sizes wide or more, a gap at most a space (`SPACE_WIDTH`) wider than
    the widest of them is one of them, not the gap between two cells (cells' words stand a
    space apart; rows of such lines, their numbers as wide, line up as a table's cells)."""
    measured = [_gaps(piece) for piece in pieces]
    stretched = [g for gaps, _ in measured for g in gaps if g >= STRETCHED * size]
    if len(stretched) < STRETCHED_GAPS:
        return pieces
    limit = max(stretched) + SPACE_WIDTH * size
    out = [pieces[0]]
    # each piece measured from where the piece before it ends (the last of those it may join)
    for piece, (_, before) in zip(pieces[1:], measured, strict=False):
        first = next((c for c in piece if c.ch != SPACE), piece[0])
        if first.x0 - before <= limit:
            out[-1] = out[-1] + piece
        else:
            out.append(piece)
    return out


def _evenly_spread(pieces: list[list[Char]], size: float) -> bool:
    """Whether the pieces are a justified line's words stretched apart alike: `EVEN_GAPS` gaps
    or more between them, none wider than `MAX_STRETCH` font sizes, all within `EVEN_SPREAD` of
    one another (measured ink to ink, so a glyph's side bearings make them differ a little),
    and each piece a word with a letter in it. A justified line adds the same stretch to every
    word space, so where one is wide enough to cut the line all are, and its pieces are its
    words, evenly apart; a table's cells stand where its columns start, the gaps between them
    as uneven as the cells' widths. Figures are no sign (a row of numbers as wide, in columns
    as far apart, stands evenly too), nor are wide characters (a Chinese line's are spaced by
    other rules). Word + Distiller draws a justified line's words at positions without a
    stretched space in the text layer; where two paragraphs say the same, the two lines' words
    stand at the same places and were taken for two rows of a table (`_tabular`)."""
    ends = [_gaps(piece)[1] for piece in pieces[:-1]]
    starts = [next((c.x0 for c in piece if c.ch != SPACE), piece[0].x0) for piece in pieces[1:]]
    gaps = [start - end for start, end in zip(starts, ends, strict=True)]
    if len(gaps) < EVEN_GAPS or max(gaps) > MAX_STRETCH * size:
        return False
    if max(gaps) - min(gaps) > EVEN_SPREAD * size:
        return False
    return all(any(c.ch.isalpha() and not is_wide(c.ch) for c in piece) for piece in pieces)


def _walled(piece: list[Char], walls: list[float]) -> list[list[Char]]:
    """A piece cut where a wall stands between two of its glyphs."""
    out: list[list[Char]] = []
    start = wall = 0
    last_x1 = 1e9
    for i, c in enumerate(piece):
        if c.ch == SPACE:
            continue
        walled = False
        while wall < len(walls) and walls[wall] <= c.x0 + TOL_WALL:
            walled = walled or walls[wall] >= last_x1 - TOL_WALL
            wall += 1
        if walled and start < i:
            out.append(piece[start:i])
            start = i
        last_x1 = c.x1
    out.append(piece[start:])
    return out


def _spell(
    chars: list[Char], size: float, base: float, tracking: float, trusted: bool,
    wide_spaces: bool,
) -> tuple[str, list[tuple[int, str]], int, int]:
    """`_text` with a given letter spacing; also the number of Latin glyph pairs and of those
    that stand apart."""
    out: list[str] = []
    refs: list[tuple[int, str]] = []
    sup: list[str] = []
    prev: str | None = None  # the glyph before (its character)
    prev_x1 = 0.0  # and where it ends
    wide_last = False  # prev is a wide character
    layer_space = False
    word_gap = tracking + WORD_GAP * size
    layer_gap = tracking + LAYER_WORD_GAP * size if trusted else word_gap
    pairs = loose = 0
    apart = LOOSE_GAP * size

    def flush_sup() -> None:
        if sup:
            marker = "".join(sup)
            if _REF.match(marker) or (marker in _NOTE_LETTERS and not out):
                refs.append((len("".join(out).rstrip()), marker))
            else:  # raised text that is not a marker (e.g. "1er", "m²") stays text
                out.append(marker)
            sup.clear()

    small, raise_at = SUPERSCRIPT_SIZE * size, base + SUPERSCRIPT_RISE * size
    leader_to = -1  # the glyphs up to this one (in `chars`) are a leader's dots
    for i, (ch, x0, x1, y0, _, c_size, _) in enumerate(chars):
        if ch == SPACE:
            layer_space = prev is not None
            continue
        if c_size <= small and y0 >= raise_at and (
                ch.isdigit() or ch in "*†‡" or (ch in _NOTE_LETTERS and not out and not sup)):
            sup.append(ch)  # a raised, smaller marker (a letter: a table note's, `_NOTE_LETTERS`)
            # the next glyph's gap is measured from the marker's end, where the marker stood:
            # "1998¹, as" has no space before its comma once the marker is taken out
            prev_x1 = x1
            continue
        if sup:
            flush_sup()
        wide_c = ch >= "\u1100" and east_asian_width(ch) in "WF"  # is_wide(ch), without a call
        if prev is not None and out:
            if wide_spaces and (ch in _CJK_MARKS or prev in _CJK_MARKS):
                pass  # Chinese quotes and dashes are full-width marks: no space beside them
            elif wide_c or wide_last:
                if layer_space and (wide_spaces or not (wide_c and wide_last)) and not (
                        (_set_solid(prev, ch) or _joins_han(chars, i))
                        and not _LABEL.match("".join(out))):
                    out.append(" ")  # the text layer's own space
                elif x0 - prev_x1 > LABEL_GAP * size and _LABEL.match("".join(out)):
                    out.append(" ")  # a label hanging before the text ("12." then a tab)
            else:
                gap = x0 - prev_x1
                dots = ch in LEADER_DOTS and prev in LEADER_DOTS
                if not dots:  # (a leader's dots tell no letter spacing: `_tracking`)
                    pairs += 1
                    loose += gap > apart
                if gap > (layer_gap if layer_space else word_gap) and not (
                        dots and (i <= leader_to or (leader_to := _leader_end(chars, i)) >= i)):
                    out.append(" ")
        out.append(ch)
        prev, prev_x1, wide_last = ch, x1, wide_c
        layer_space = False
    flush_sup()
    return "".join(out), refs, pairs, loose


def _full_width_mark(ch: str) -> bool:
    """A full-width punctuation mark ("，", "。", "：", "（", "》"): wide and punctuation."""
    return is_wide(ch) and category(ch)[0] == "P"


def _set_solid(prev: str, ch: str) -> bool:
    """Whether `prev` and `ch` (one of them wide, CJK) are set without a space between them
    whatever space the text layer has there: beside a full-width punctuation mark, whose glyph
    holds its own white (half its em: Chinese sets "数据，2023 年" and "包括：(1)", never
    "， 2023"), before an ASCII closing mark or after an ASCII opening one (no script sets a
    space between a word and the comma or bracket that closes it, "群体,享有", "工程处)", nor
    after an opening bracket). A space there is a gap that a producer left between two text
    objects, which PDFium gives as a space of its own: LibreOffice Draw, saving a PDF it
    imported, draws each run of a line (a font's stretch: "数据，", "2023") as a text object
    at the run's first glyph, its glyphs at their natural advance, so the stretch that a
    justified line spread over all its glyphs gathers at the end of each run."""
    return (_full_width_mark(prev) or _full_width_mark(ch)
            or (ch in _CLOSING_ASCII and not prev.isascii())
            or (prev in _OPENING_ASCII and not ch.isascii()))


def _joins_han(chars: list[Char], i: int) -> bool:
    """Whether `chars[i]` is a hyphen or a slash set solid before a Han character (no space of
    the layer between them) after a wide one: it joins two Chinese words ("阿拉伯-约旦",
    "标准/系统"), and a joining mark is spaced on both sides or on neither, never on one alone
    (the space before it is a gap a producer left between two text objects: `_set_solid`)."""
    if chars[i].ch not in "-/\u2010" or i + 1 >= len(chars):
        return False
    return is_wide_letter(chars[i + 1].ch)


def _leader_end(chars: list[Char], i: int) -> int:
    """Where the run of dots that the glyph `chars[i]` is in ends (its last glyph's index),
    when the run is a leader or an ellipsis (`LEADER_MIN` dots or more, spaces between them
    aside), else -1. Such a run is spelt without the spaces its dots are set apart by
    ("Contents ......... 3", "x1, ..., xn"): its dots lead the eye to the page number or stand
    for words left out, and are no sentences that each end at a dot (the segmenter ends one at
    ". " before a space)."""
    start = end = i
    while start > 0 and (chars[start - 1].ch in LEADER_DOTS or chars[start - 1].ch == SPACE):
        start -= 1
    while end + 1 < len(chars) and (chars[end + 1].ch in LEADER_DOTS or chars[end + 1].ch == SPACE):
        end += 1
    dots = sum(c.ch in LEADER_DOTS for c in chars[start:end + 1])
    return end if dots >= LEADER_MIN else -1


def _line(
    page: int, chars: list[Char], tracking: float, trusted: bool, *, wide_spaces: bool,
    one_size: bool = False,
) -> tuple[Line, int, int] | None:
    """The line of a piece's characters (sorted by x), with the piece's number of Latin glyph
    pairs and of those that stand apart (`_spell`). (`one_size`: all the piece's characters
    are of one size, as the caller knows.)"""
    ink = [c for c in chars if c.ch != SPACE]
    if not ink:
        return None
    if one_size or len(set(map(_SIZE, ink))) == 1:  # most lines: one size, all main glyphs
        size, main = float(ink[0].size), ink
    else:
        size = _main_size(ink)
        main = [c for c in ink if abs(c.size - size) < 0.05 * size + 0.01] or ink
    base = min(map(_Y0, main))
    text, refs, pairs, loose = _spell(chars, size, base, tracking, trusted, wide_spaces)
    stripped = text.strip()
    if not stripped:
        return None
    lead = len(text) - len(text.lstrip())
    refs = [(max(0, o - lead), m) for o, m in refs]
    bold = all(map(_BOLD, main))  # a heading line is bold throughout
    runin = main[0].bold and not bold  # a bold run-in heading, then text of its size
    tail_bold = main[-1].bold and not bold
    x0 = ink[0].x0
    text_x0 = x0
    label = _LABEL_START.match(stripped)
    section = SECTION_START.match(stripped) if label is None else None
    if label and len(ink) > len(label.group(1)):
        after = ink[len(label.group(1))]
        if after.x0 - ink[len(label.group(1)) - 1].x1 > 0.5 * size:
            text_x0 = after.x0  # a label hanging before the text ("12." then a tab)
    elif section and len(ink) > len(section.group(1)):
        after = ink[len(section.group(1))]
        if after.x0 - ink[len(section.group(1)) - 1].x1 > SECTION_TAB * size:
            text_x0 = after.x0  # a section's paragraph number ("13.8" then a tab)
    elif len(ink) > 1 and ink[0].size > TALL_RUN * size and ink[1].x0 - ink[0].x1 > 0.5 * size:
        text_x0 = ink[1].x0  # a large number or bullet hanging before the text, as a label
    item = _ITEM_START.match(stripped)
    hang = ink[len(item.group(1))].x0 if item and len(ink) > len(item.group(1)) else 0.0
    line = Line(
        page=page,
        x0=x0,
        x1=max(map(_X1, ink)),
        y0=base,
        y1=_top(main, size),
        size=size,
        bold=bold,
        text=stripped,
        text_x0=text_x0,
        refs=tuple(refs),
        runin=runin,
        hang=hang,
        tail_bold=tail_bold,
    )
    return line, pairs, loose


def _top(main: list[Char], size: float) -> float:
    """The top of a line's glyphs of its size: the highest, but for a few that stand more than
    `STRAY_TOP` font sizes above the line's middle top (a bracket whose box in a substituted
    font reaches 1.34 ems above its baseline, the Han characters' 0.88: LibreOffice Draw's
    re-saved PDFs), which would take the line's top step for a paragraph's gap or the other way
    round (`blocks._step`)."""
    top: float = max(c.y1 for c in main)
    if len(main) < 4 or top - min(c.y1 for c in main) <= STRAY_TOP * size:
        return top  # most lines: no top stands that far above another
    tops: list[float] = sorted(c.y1 for c in main)
    middle = tops[len(tops) // 2]
    if top - middle <= STRAY_TOP * size:
        return top
    near = [t for t in tops if t - middle <= STRAY_TOP * size]
    return near[-1] if 4 * (len(tops) - len(near)) < len(tops) else top


def _concat(a: Line, b: Line, sep: str, *, size: float, bold: bool, text_x0: float) -> Line:
    """Line `a`, `sep`, then line `b` on the same row, as one line (markers shifted along)."""
    shift = len(a.text) + len(sep)
    runin = a.runin or (a.bold and not b.bold and abs(a.size - b.size) <= 0.05 * size)
    return Line(
        page=a.page,
        x0=a.x0,
        x1=b.x1,
        y0=min(a.y0, b.y0),
        y1=max(a.y1, b.y1),
        size=size,
        bold=bold,
        text=a.text + sep + b.text,
        text_x0=text_x0,
        refs=a.refs + tuple((o + shift, m) for o, m in b.refs),
        runin=runin,
        hang=a.hang,
        page_ref=b.page_ref,
        tail_bold=not bold and (b.bold or b.tail_bold),
    )


def _merge(a: Line, b: Line) -> Line:
    """Line `a` followed on the same row by line `b` (a hanging label and its text)."""
    return _concat(a, b, " ", size=b.size, bold=b.bold, text_x0=b.x0)


def _rows(lines: list[Line]) -> list[tuple[Line, ...]]:
    """Pieces of text grouped into rows by their baselines, top to bottom, each left to right."""
    lines.sort(key=lambda ln: (-ln.y1, ln.x0))
    rows: list[list[Line]] = []
    for ln in lines:
        placed = False
        for row in rows[-3:]:
            ref = row[0]
            if (overlap(ln.y0, ln.y1, ref.y0, ref.y1) >= 0.5 * min(ln.height, ref.height)
                    or _leads(ln, ref) or _leads(ref, ln)):
                row.append(ln)
                placed = True
                break
        if not placed:
            rows.append([ln])
    rows.sort(key=lambda row: -max(ln.y1 for ln in row))
    return [tuple(sorted(row, key=lambda ln: ln.x0)) for row in rows]


def _page_size(lines: list[Line]) -> float:
    sizes: Counter[float] = Counter()
    for ln in lines:
        sizes[round(ln.size, 1)] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def page_lines(
    page: PageChars, *, wide_spaces: bool = False, gutters: Sequence[Interval] = (),
    pages: int = 0,
) -> list[list[Line]]:
    """The rows of a page in reading order (`columns.frames`: a region in columns column by
    column), each row's lines left to right. With `wide_spaces` (a Chinese document, for
    `despace_rows`) the text layer's spaces between two wide characters are kept. Each group
    of glyphs turned against the page's text (`PageChars.turned`) is read apart, in frames of
    its own, and its rows come before the first row of the page that starts below its top.
    A stack of upright glyphs (`stacks`) is read apart as one line (`Line.apart`), before the
    first row that stands beside or below it. A ruled table's rows are its rows of cells
    (`tables`), each cell's lines numbered alike.
    `gutters`: the gutters of the document's columns on other pages (`columns.frames`);
    `pages`: the document's number of pages, which a contents' page numbers do not pass
    (`_page_column`; 0: not known, no such column is looked for)."""
    grid = Grid.of(page.rules)
    runs, stacks = vertical_stacks(_runs(drop_capitals(page.chars, page.sizes)),
                                   grid.in_cell if grid else None)
    out, count = _frame_rows(page.number, runs, page.width, 0, wide_spaces, grid, gutters,
                             pages=pages)
    for group in page.turned:
        rows, more = _frame_rows(page.number, _runs(group), page.width, count, wide_spaces)
        count += more
        top = max(c.y1 for c in group)
        at = next((k for k, row in enumerate(out) if max(ln.y1 for ln in row) < top), len(out))
        out[at:at] = rows
    for stack in stacks:
        rows, more = _frame_rows(page.number, _runs(stack), page.width, count, wide_spaces)
        rows = [[replace(ln, apart=True) for ln in row] for row in rows]
        count += more
        top = max(c.y1 for c in stack)
        at = next((k for k, row in enumerate(out) if min(ln.y0 for ln in row) < top), len(out))
        out[at:at] = rows
    return out


def column_grid(pages: list[list[list[Line]]]) -> tuple[Interval, ...]:
    """The gutters between the columns the document's pages are read in (each page's column
    frames side by side: from one column's right edge to the next one's left edge). Only
    columns of `MIN_COLUMN_ROWS` rows or more count: a short passage read as columns on its
    text's evidence (`columns._short_columns`) says nothing of the other pages' layout, whose
    rows would then need only one row to be columns (a short table, a header's parts)."""
    gutters: set[Interval] = set()
    for rows in pages:
        count = Counter(f for row in rows for f in {ln.frame for ln in row if ln.right})
        edges = {(ln.frame, ln.left, ln.right) for row in rows for ln in row
                 if ln.right and count[ln.frame] >= MIN_COLUMN_ROWS}
        ordered = sorted(edges, key=lambda e: e[1])
        gutters.update((a[2], b[1]) for a, b in pairwise(ordered) if b[1] > a[2])
    return tuple(sorted(gutters))


def _frame_rows(
    number: int, runs: list[list[Char]], width: float, first: int, wide_spaces: bool,
    grid: Grid | None = None, gutters: Sequence[Interval] = (), *, pages: int = 0,
) -> tuple[list[list[Line]], int]:
    """The rows of one text frame's runs of characters (`_runs`) in reading order, numbered
    from frame `first`, and the number of frames they are read in."""
    pieces = [
        ln
        for run in runs
        for ln in _run_lines(number, run, wide_spaces=wide_spaces, grid=grid)
    ]
    rows = _rows(pieces)
    size = _page_size(pieces)
    out: list[list[Line]] = []
    count = cells = 0
    # ruled tables across the frame first (their cells must not be taken for columns), then
    # the rows between them in frames, with the ruled tables inside a column: a table with text
    # beside it (the other column's lines between its rows) is one of those
    tables = ruled_tables(rows, grid) if grid is not None else {}
    tables = {k: t for k, t in tables.items()
              if grid is None or not beside_text(rows, k, t[0], grid)}
    k = 0
    while k < len(rows):
        if k in tables:
            k, table = tables[k]
            count += 1
            cells = _cell_rows(table, cells, _Place(first + count - 1), out)
            continue
        end = min((t for t in tables if t > k), default=len(rows))
        extent = grid.extent if grid is not None else own_span
        for frame in frames(rows[k:end], size, width, gutters, extent):
            count += 1
            right, left = (frame.right, frame.left) if frame.column else (0.0, 0.0)
            place = _Place(first + count - 1, right, left, frame.foot)
            cells = _frame_cells(frame.rows, grid, cells, place, out, frame.tables, pages)
        k = end
    return out, count


class _Place(NamedTuple):
    """Where a frame's lines are read: the frame's number and, for a column, its edges and
    its region's foot (`Line.frame`, `right`, `left`, `foot`)."""

    frame: int
    right: float = 0.0
    left: float = 0.0
    foot: float = 0.0


def _put(
    line: Line, place: _Place, cell: int = 0, *, unruled: bool = False, table: bool = False
) -> Line:
    """The line read in `place`, as cell `cell` (the line itself where it already is: most
    lines, read in a page's one full-width frame, saving `replace`'s copy)."""
    if (line.frame, line.right, line.left, line.foot, line.cell, line.unruled, line.table) == (
            *place, cell, unruled, table):
        return line
    return replace(line, frame=place.frame, right=place.right, left=place.left,
                   foot=place.foot, cell=cell, unruled=unruled, table=table)


def _frame_cells(
    rows: tuple[tuple[Line, ...], ...], grid: Grid | None, cells: int, place: _Place,
    out: list[list[Line]], unruled: Sequence[tuple[int, int]] = (), pages: int = 0,
) -> int:
    """A frame's rows added to `out`, each row's pieces joined where they are one line
    (`_merge_row`), a ruled table's as its rows of cells, and the rows of a table set without
    rules (`unruled`: rows [start, end), `columns.Frame.tables`) each piece a cell; returns the
    last cell number."""
    in_table = {j for a, b in unruled for j in range(a, b)}
    rows = _lifted_numbers(rows, in_table)
    rows = tuple(row if j in in_table else _contents_row(row) for j, row in enumerate(rows))
    numbered = _page_column(rows, in_table, pages)
    rows = tuple(_numbered_row(row) if j in numbered else row for j, row in enumerate(rows))
    tabular = _tabular(rows) | _centred_rows(rows)
    tables = ruled_tables(rows, grid) if grid is not None else {}
    k = 0
    while k < len(rows):
        if k in tables:
            k, table = tables[k]
            cells = _cell_rows(table, cells, place, out)
            continue
        end = min((t for t in tables if t > k), default=len(rows))
        if not in_table:  # (most frames)
            merged = [_merge_row(rows[j], tabular=j in tabular) for j in range(k, end)]
            cells = _wrapped_cells(merged, cells, place, out)
            k = end
            continue
        j = k
        while j < end:  # runs of rows in an unruled table or out of one
            inside = j in in_table
            stop = next((t for t in range(j, end) if (t in in_table) != inside), end)
            merged = [_merge_row(rows[t], tabular=inside or t in tabular) for t in range(j, stop)]
            cells = _wrapped_cells(merged, cells, place, out, table=inside)
            j = stop
        k = end
    return cells


def _centred_rows(rows: tuple[tuple[Line, ...], ...]) -> set[int]:
    """Rows (indices) of blocks of centred lines side by side (`_centred_side_by_side`), found
    among the rows' pieces before they are joined: two blocks' lines on one row may stand
    closer than `MAX_JOIN_GAP` ("Permanent Representative of Norway" beside "Permanent
    Representative"), and joined they would hide the blocks. Only rows whose pieces stay apart
    read as a table's row (`_merge_row`, tabular: a paragraph label still goes with its text)
    are these: blocks that would lose a line to its neighbour are left as they were (the
    column heads of a table set close, "urinaire" beside "urinaire", would be read neither
    as blocks nor as one line)."""
    listed = [list(row) for row in rows]
    out: set[int] = set()
    for r in range(len(listed)):
        found = {i for stack in _centred_side_by_side(listed, r) for i, _ in stack}
        if all(len(_merge_row(rows[i], tabular=True)) == len(rows[i]) for i in found):
            out |= found
    return out


def _words(text: str) -> float:
    """About how many words a line holds: its words of letters (not numbers, times or marks),
    and a word for each two wide (CJK) characters."""
    latin = sum(1 for w in text.split() if any(ch.isalpha() and not is_wide(ch) for ch in w))
    return latin + sum(1 for ch in text if is_wide(ch)) / 2


def narrow_width(line: Line) -> float:
    """About how wide a narrow (Latin) character of the line is, spaces included: the line's
    width less one em for each wide (CJK) character, over its other characters (0 without)."""
    wide = 0 if line.text.isascii() else sum(1 for ch in line.text if is_wide(ch))
    narrow = len(line.text) - wide
    return max(0.0, line.x1 - line.x0 - wide * line.size) / narrow if narrow else 0.0


def first_word_chars(text: str) -> int:
    """How many characters open `text` before its first space or wide (CJK) character: its
    first Latin word or number."""
    return next((k for k, ch in enumerate(text) if ch == " " or is_wide(ch)), len(text))


def _first_word(a: Line, b: Line) -> float:
    """About how wide `b`'s first word is, set as `a` sets its text (a wide character: one
    font size)."""
    text = b.text
    lead = len(text) - len(text.lstrip(_OPENING))  # a line never breaks after "(" or "“"
    per = 0.5 * a.size if all(map(is_wide, a.text)) else narrow_width(a)
    if lead < len(text) and is_wide(text[lead]):
        return lead * per + b.size
    return first_word_chars(text) * per


def _below(a: Line, row: list[Line]) -> int | None:
    """The line of `row` (the next row) that starts where `a` starts, in its type, on the next
    baseline of `a`'s line spacing (`WRAP_STEP`), if any."""
    step = a.y0 - row[0].y0 if row else 0.0
    if not 0 < step <= WRAP_STEP * a.size:
        return None
    return next((j for j, b in enumerate(row) if abs(b.x0 - a.x0) <= CELL_ALIGN
                 and abs(b.size - a.size) <= 0.05 * a.size and b.bold == a.bold), None)


def _edge(rows: list[list[Line]], r: int, k: int) -> float:
    """The right edge of the block `rows[r][k]` stands in: the farthest end of the lines that
    start where it starts, one under another on its line spacing, above and below it."""
    a = rows[r][k]
    edge = a.x1
    i, j = r, k
    while i + 1 < len(rows) and (n := _below(rows[i][j], rows[i + 1])) is not None:
        i, j = i + 1, n
        edge = max(edge, rows[i][j].x1)
    i, j = r, k
    while i > 0:
        n = next((m for m, up in enumerate(rows[i - 1]) if _below(up, rows[i]) == j), None)
        if n is None:
            break
        i, j = i - 1, n
        edge = max(edge, rows[i][j].x1)
    return edge


def _goes_on(a: Line, b: Line) -> bool:
    """`b` reads on from `a` as running text does: it starts a lower-case word, or `a` ends
    in a mark that runs on (a comma, a hyphen), or both are Chinese (whose full lines break
    between any two characters, a sentence's end among them)."""
    if b.text[:1].islower() or a.text.endswith((",", "-", "‐")):
        return True
    return is_wide(a.text[-1]) and is_wide(b.text[0])


def _wraps(rows: list[list[Line]]) -> dict[tuple[int, int], tuple[int, int]]:
    """Lines of a table's cells or of blocks side by side that go on on the next row: (row,
    index) -> (next row, index). A line starting a row of several pieces (or going on from one)
    wraps into the line under it when that line starts where it starts, in its type, on the
    next baseline, the line is full (the next one's first word would not have fit after it,
    within its block: `_edge`), holds at least `MIN_WRAP_WORDS` words, and either
    - the row under it is emptier than the row the cell started in (the cells beside a wrapped
      one stand empty on its next lines: a table whose cells wrap), or
    - it is running text (`PROSE_WORDS` words or more) that the next line reads on from
      (`_goes_on`: blocks of text set side by side).
    A table of label/value rows of one line each is none of these: each row has all its cells,
    and a label does not read on into the next. Nor is text that flows on under the block
    (`_flows_on`: a paragraph beside a figure's caption that goes on across the page below)."""
    links: dict[tuple[int, int], tuple[int, int]] = {}
    start: dict[tuple[int, int], int] = {}  # a continued line -> the row its cell started in
    for r in range(len(rows) - 1):
        row, below = rows[r], rows[r + 1]
        for k, a in enumerate(row):
            first = start.get((r, k), r)
            if (r, k) not in start and len(row) < 2:
                continue
            j = _below(a, below)
            if j is None or _words(a.text) < MIN_WRAP_WORDS:
                continue
            b = below[j]
            if a.text.endswith((":", "：")) or not any(ch.isalnum() for ch in b.text):
                continue  # a label before its value; a mark, not text, under the line
            if _edge(rows, r, k) - a.x1 > _first_word(a, b) + 0.3 * a.size:
                continue  # the next line's first word would have fit: `a` ended its cell
            emptier = len(below) < len(rows[first])
            if emptier or (_words(a.text) >= PROSE_WORDS and _goes_on(a, b)):
                links[(r, k)] = (r + 1, j)
                start[(r + 1, j)] = first
    for head in set(links) - set(links.values()):
        chain = [head]
        while chain[-1] in links:
            chain.append(links[chain[-1]])
        if _flows_on(rows, chain):
            for at in chain[:-1]:
                del links[at]
    for r in range(len(rows)):
        for stack in _side_by_side(rows, r) or _centred_side_by_side(rows, r):
            links.update(pairwise(stack))
    return links


def _stack(rows: list[list[Line]], r: int, k: int) -> list[tuple[int, int]]:
    """The line `rows[r][k]` and the lines under it (`_below`), one block's lines top to
    bottom, as (row, index)."""
    out = [(r, k)]
    while r + 1 < len(rows) and (j := _below(rows[r][k], rows[r + 1])) is not None:
        r, k = r + 1, j
        out.append((r, k))
    return out


def _key(text: str) -> bool:
    """A table's or a list's key rather than a block's line: a label (ending in ':'), a bullet
    or short number (`MARK_CHARS` characters or fewer), or a number, amount or date (no
    letter)."""
    return (text.endswith((":", "：")) or len(text) <= MARK_CHARS
            or not any(ch.isalpha() for ch in text))


def _side_by_side(rows: list[list[Line]], r: int) -> list[list[tuple[int, int]]]:
    """Blocks of lines side by side that start on row `r`, each read whole (an invoice's or a
    letter's foot: an address beside terms beside bank details), left block first; none where
    the rows from `r` are not such blocks. Two to `MAX_COLUMNS` stacks of lines that start on
    the row, each left-aligned (its lines start where its first starts, in its type, one under
    another on its line spacing: `_below`), that do not go on from the row above, with nothing
    else in the rows they span and a gutter (`columns.MIN_GUTTER`) between them all the way
    down; each at least two lines tall, the tallest at least `MIN_BLOCK_LINES`. They must
    differ in height: stacks of one height, line for line, are a table's columns (label/value
    rows) and stay row by row; nor are they blocks where a stack is a column of keys (`_key`:
    labels, bullets, numbers, dates beside the rows they key, as in a list whose last item
    wraps, a log of depths beside descriptions), or the one stack taller than the others goes
    on past them as a table's last cell that wraps does (a lower-case word, after a comma or
    hyphen)."""
    row = rows[r]
    if not 2 <= len(row) <= MAX_COLUMNS:
        return []
    if r > 0 and any(_below(up, row) is not None for up in rows[r - 1]):
        return []  # the blocks go on from above: not their first row
    stacks = [_stack(rows, r, k) for k in range(len(row))]
    heights = [len(s) for s in stacks]
    if min(heights) < 2 or max(heights) < MIN_BLOCK_LINES or len(set(heights)) == 1:
        return []
    if sum(len(rows[i]) for i in range(r, r + max(heights))) != sum(heights):
        return []  # something else stands beside them
    lines = [[rows[i][j] for i, j in s] for s in stacks]
    spans = [(min(ln.x0 for ln in s), max(ln.x1 for ln in s)) for s in lines]
    if any(b[0] - a[1] < MIN_GUTTER * row[0].size for a, b in pairwise(spans)):
        return []
    if any(all(_key(ln.text) for ln in s) for s in lines):
        return []  # a column of labels, bullets, numbers: a table's or a list's
    low = min(heights)
    taller = [s for s in lines if len(s) > low]
    if len(taller) == 1 and (taller[0][low].text[:1].islower()
                             or taller[0][low - 1].text.endswith((",", "-", "‐"))):
        return []  # one stack goes on past the others as a table's last cell that wraps
    return stacks


def _figure(text: str) -> bool:
    """A table's cell rather than a centred block's line: a label (ending in ':'), a number,
    amount or date (no letter), or a short mark or abbreviation of Latin letters
    (`MARK_CHARS` or fewer: "No.", "n/a"; two Han characters, "大使", are a word)."""
    return (text.endswith((":", "：")) or not any(ch.isalpha() for ch in text)
            or (len(text) <= MARK_CHARS and not any(map(is_wide, text))))


def _centre(line: Line) -> float:
    return (line.x0 + line.x1) / 2


def _centred_below(a: Line, centre: float, row: list[Line]) -> int | None:
    """The one line of `row` (a row below `a`) centred where `a`'s block is centred (`centre`,
    within `CENTRE_TOL` of the smaller line's font size), at most `CENTRED_STEP` of `a`'s size
    below it (a stat card's large figure over its smaller caption; a word processor's
    paragraph spacing between a signature's lines), if there is one such line."""
    step = a.y0 - row[0].y0 if row else 0.0
    if not 0 < step <= CENTRED_STEP * a.size:
        return None
    found = [j for j, b in enumerate(row)
             if abs(_centre(b) - centre) <= CENTRE_TOL * min(a.size, b.size)]
    return found[0] if len(found) == 1 else None


def _centred_stack(rows: list[list[Line]], r: int, k: int) -> list[tuple[int, int]]:
    """The line `rows[r][k]` and the lines centred under it (`_centred_below`), as (row,
    index), top to bottom. Rows between them with no line centred on the block are passed
    over: a block beside it whose lines wrap otherwise stands on other baselines (the caller
    makes sure those rows' lines are its neighbours')."""
    centre = _centre(rows[r][k])
    out = [(r, k)]
    i = r + 1
    while i < len(rows) and 0 < rows[r][k].y0 - rows[i][0].y0 <= CENTRED_STEP * rows[r][k].size:
        j = _centred_below(rows[r][k], centre, rows[i])
        if j is not None:
            r, k = i, j
            out.append((r, k))
        i += 1
    return out


def _centred_side_by_side(rows: list[list[Line]], r: int) -> list[list[tuple[int, int]]]:
    """Blocks of centred lines side by side that start on row `r`, each read whole, left block
    first (a letter's signature blocks: "(Signed) Jane Doe" over "Permanent Representative of
    Norway" over "to the United Nations", beside another; a report's stat cards: a figure over
    its caption's lines); none where the rows from `r` are not such blocks. Two to
    `MAX_COLUMNS` stacks that start on the row, each of two to `MAX_CENTRED_LINES` lines centred
    on its first line's centre (`_centred_below`), truly centred (its lines do not all start
    where the first starts: left-aligned blocks are `_side_by_side`'s), no line above them
    centred on one of them on their line spacing, nothing else in the rows they span and a
    gutter (`columns.MIN_GUTTER`) between them all the way down. A table whose cells are
    centred is told apart by its cells: numbers, dates, labels, short marks (`_figure`),
    which no line of a block but its first (a stat card's figure) is; and stacks of one
    height, row for row, are a table's columns ("Country" over "France" over "Germany"
    beside "Capital" over "Paris" ...) unless some block's line reads on into the next
    (`_goes_on`: a title broken over two lines, "Permanent Representative of Norway" over
    "to the United Nations"; Chinese lines always do, so a Chinese table of centred words of
    one height is read block by block: the rule's price). Read across, each block's lines
    interleave with the others' ("(Signed) Jane Doe (Signed) John Roe Permanent
    Representative ...")."""
    row = rows[r]
    if not 2 <= len(row) <= MAX_COLUMNS:
        return []
    stacks = [_centred_stack(rows, r, k) for k in range(len(row))]
    heights = [len(s) for s in stacks]
    if min(heights) < 2 or max(heights) > MAX_CENTRED_LINES:
        return []
    last = max(s[-1][0] for s in stacks)
    if sum(len(rows[i]) for i in range(r, last + 1)) != sum(heights):
        return []  # something else stands beside them
    lines = [[rows[i][j] for i, j in s] for s in stacks]
    if not all(map(centred, lines)):
        return []  # a left-aligned block, or lines of one width: nothing shows they are centred
    spans = [(min(ln.x0 for ln in s), max(ln.x1 for ln in s)) for s in lines]
    if any(b[0] - a[1] < MIN_GUTTER * row[0].size for a, b in pairwise(spans)):
        return []
    if any(_figure(ln.text) for s in lines for ln in s[1:]):
        return []  # a table's column of numbers, dates or labels under its head
    if len(set(heights)) == 1 and not any(_goes_on(a, b) for s in lines for a, b in pairwise(s)):
        return []  # stacks of one height, row for row, none reading on: a table's columns
    if r > 0 and any(_centred_below(up, _centre(up), row) is not None
                     and span[0] <= up.x0 and up.x1 <= span[1]
                     for up in rows[r - 1] for span in spans):
        return []  # the blocks go on from above: not their first row
    return stacks


def _flows_on(rows: list[list[Line]], chain: list[tuple[int, int]]) -> bool:
    """The text of a block (its lines: (row, index)) goes on under it: the next row, on the
    block's line spacing, holds a line under the block that reaches under what stands beside
    it (text set around a figure's caption, then across the page: no block of its own; a
    table's next row keeps to its columns)."""
    r, k = chain[-1]
    last = rows[r][k]
    if r + 1 >= len(rows) or not rows[r + 1]:
        return False
    if not 0 < last.y0 - rows[r + 1][0].y0 <= WRAP_STEP * last.size:
        return False
    x0 = min(rows[i][j].x0 for i, j in chain)
    x1 = max(rows[i][j].x1 for i, j in chain)
    inside = set(chain)
    beside = [ln for i in range(chain[0][0], r + 1) for j, ln in enumerate(rows[i])
              if (i, j) not in inside]
    return any(overlap(ln.x0, ln.x1, x0, x1) > 0
               and any(overlap(ln.x0, ln.x1, b.x0, b.x1) > 0 for b in beside)
               for ln in rows[r + 1])


def _wrapped_cells(
    rows: list[list[Line]], cells: int, place: _Place, out: list[list[Line]], *,
    table: bool = False,
) -> int:
    """Rows of lines added to `out`; where lines wrap into the next row (`_wraps`), each wrapped
    block is a cell read whole in the row it starts in, its lines numbered alike, and the other
    lines of the rows it spans cells of their own; returns the last cell number given. The rows
    of a `table` (`columns._unruled_table`) are cells throughout, each line (or wrapped block)
    one (`Line.table`), counted as a ruled table's are (not `Line.unruled`: the table is found
    by its rows, not by wrapped lines alone)."""
    links = _wraps(rows)
    if not links and not table:
        out.extend([_put(ln, place) for ln in row] for row in rows)
        return cells
    taken = set(links.values())
    spanned = {r for r, _ in links} | {r for r, _ in taken}
    for r, row in enumerate(rows):
        if r not in spanned and not table:
            out.append([_put(ln, place) for ln in row])
            continue
        lines: list[Line] = []
        for k, ln in enumerate(row):
            if (r, k) in taken:
                continue
            cells += 1
            lines.append(_put(ln, place, cells, unruled=not table, table=table))
            at = (r, k)
            while at in links:
                at = links[at]
                lines.append(_put(rows[at[0]][at[1]], place, cells, unruled=not table,
                                  table=table))
        if lines:
            out.append(lines)
    return cells


def _cell_rows(table: TableRows, cells: int, place: _Place, out: list[list[Line]]) -> int:
    """A table's rows of cells added to `out` (a row: its cells' lines, cell by cell, each
    cell's pieces on one baseline joined as one line's), the cells numbered on from `cells`;
    returns the last number given."""
    for row in table:
        lines: list[Line] = []
        for cell in row:
            cells += 1
            lines.extend(_put(ln, place, cells)
                         for pieces in cell for ln in _merge_row(pieces, tabular=False))
        out.append(lines)
    return cells


def _shared_starts(a: tuple[Line, ...], b: tuple[Line, ...]) -> list[float]:
    """The gaps before the pieces of row `b` that start where a piece of row `a` starts (the
    first piece of each aside): table cells that line up."""
    starts = [ln.x0 for ln in a[1:]]
    return [
        ln.x0 - prev.x1
        for prev, ln in pairwise(b)
        if any(abs(ln.x0 - s) <= CELL_ALIGN for s in starts)
    ]


def _tabular(rows: tuple[tuple[Line, ...], ...]) -> set[int]:
    """Rows (indices) that are table rows: every piece of one (the first aside) starts where a
    piece of the row before or after starts (or, for rows of `ROW_CELLS` pieces or more, of the
    next such row past a cell's next lines: `_next_cells_row`); a justified line's wide word
    gaps do not line up so."""
    found: set[int] = set()
    for i in range(len(rows) - 1):
        a = rows[i]
        if len(a) < 2:
            continue
        for j in (i + 1, _next_cells_row(rows, i)):
            if j is None or len(rows[j]) < 2:
                continue
            b = rows[j]
            short, other = (a, b) if len(a) <= len(b) else (b, a)
            if len(_shared_starts(other, short)) == len(short) - 1:
                found.update((i, j))
    return found


def _next_cells_row(rows: tuple[tuple[Line, ...], ...], i: int) -> int | None:
    """The next row of `ROW_CELLS` pieces or more after such a row `i`, past at most
    `MAX_CELL_LINES` rows whose pieces all start where pieces of row `i` start (the next lines
    of its cells, the others standing empty there); None when row `i` is not one, or another
    row comes first. (Not past rows of two pieces: a bullet and its item are none.)"""
    if len(rows[i]) < ROW_CELLS:
        return None
    starts = [ln.x0 for ln in rows[i]]
    for j in range(i + 1, min(len(rows), i + 2 + MAX_CELL_LINES)):
        if len(rows[j]) >= ROW_CELLS:
            return j
        if not all(any(abs(ln.x0 - s) <= CELL_ALIGN for s in starts) for ln in rows[j]):
            return None
    return None


def _contents_row(row: tuple[Line, ...]) -> tuple[Line, ...]:
    """A row whose last piece completes a contents entry (`aligner.contents`: a leader, then
    the page number set flush right) with the piece before it as one line: "Introduction",
    then the leader and number set apart ("……………3", a leader's dots on a grid of their own
    that start past a gap), or "Introduction ........" then "3" (the number in its own box, past
    the leader's last dot). Such a row is one entry, not a table's row of cells, whose pieces
    would each be a paragraph (the page numbers of a contents line up as a column's cells
    do)."""
    if len(row) < 2:
        return row
    prev, last = row[-2], row[-1]
    joined = f"{prev.text} {last.text}"
    if (entry_tail(joined) is None or entry_tail(prev.text) is not None
            or abs(last.size - prev.size) > 0.15 * max(last.size, prev.size)
            or (not any(ch.isalpha() for ch in prev.text)
            and entry_tail(last.text) is None)):
        return row
    sep = "" if is_wide(prev.text[-1]) and not last.text[0].isalnum() else " "
    line = _concat(prev, last, sep, size=prev.size, bold=prev.bold and last.bold,
                   text_x0=prev.text_x0)
    return (*row[:-2], line)


def _lifted_numbers(
    rows: tuple[tuple[Line, ...], ...], skip: set[int]
) -> tuple[tuple[Line, ...], ...]:
    """Rows with a wrapped contents entry's page number moved down to the line its leader ends:
    Word for Microsoft 365 sets the number of an entry whose title wraps on the title's first
    line, flush right, and the leader on its last line, which ends in dots and no number
    ("V. Financial position of ... Mission" ... "23", then "in Mali as at 30 June 2025 ......":
    A/80/590). Read as they stand, the first line and its number were a table's row of two cells
    and the entry three paragraphs. A row is so read where its last piece is a bare page number
    (`PAGE_REF`) after a piece of words that ends no entry, and the next row, one line spacing
    below at most, is one line that ends in a leader (`MIN_LEADER` dots) with no number, ending
    left of the number (`skip`: rows of a table found without rules keep their pieces)."""
    out = list(rows)
    for j in range(len(out) - 1):
        row, below = out[j], out[j + 1]
        if j in skip or j + 1 in skip or len(row) < 2 or len(below) != 1:
            continue
        title, number, nxt = row[-2], row[-1], below[0]
        if (PAGE_REF.match(number.text) and any(ch.isalpha() for ch in title.text)
                and entry_tail(title.text) is None and entry_tail(f"{nxt.text} 1") is not None
                and entry_tail(nxt.text) is None and nxt.x1 < number.x0
                and 0 < title.y0 - nxt.y0 <= 1.5 * max(title.size, nxt.size)):
            out[j] = row[:-1]
            # on the leader's line, where it is read: its box too (the number stood a row up)
            joined = _concat(nxt, number, " ", size=nxt.size, bold=nxt.bold,
                             text_x0=nxt.text_x0)
            out[j + 1] = (replace(joined, y0=nxt.y0, y1=nxt.y1),)
    return tuple(out)


# a contents' page number (no leading zero: "010", "020" are a form's line codes)
PAGE_REF = re.compile(r"^(?:[1-9]\d{0,3}|[ivxlc]{1,7})$")
MIN_PAGE_REFS = 3  # rows of a column of page numbers set flush right, at the least


def _page_column(rows: tuple[tuple[Line, ...], ...], skip: set[int], pages: int) -> set[int]:
    """Rows (indices) whose last piece is a contents entry's page number set flush right
    without a leader: a bare number (arabic, or a front matter's roman) apart from the text
    before it on the row, its right edge where those of `MIN_PAGE_REFS` rows or more end (within
    a tenth of a font size), their numbers never going down from row to row, as a contents'
    pages go, nor past the document's last page (`pages`). A table's last column of figures goes
    up and down (a column of counts, amounts, rates), a form's line codes ("100", "110", …) pass
    its pages, and their rows are kept as cells (`skip`: rows of a table found without
    rules)."""
    found = [j for j, row in enumerate(rows)
             if j not in skip and len(row) >= 2 and PAGE_REF.match(row[-1].text)
             and any(ch.isalpha() for ch in row[-2].text)]
    out: set[int] = set()
    used: set[int] = set()
    for j in found:
        if j in used:
            continue
        edge, size = rows[j][-1].x1, rows[j][-1].size
        column = [k for k in found if abs(rows[k][-1].x1 - edge) <= 0.1 * size]
        used.update(column)
        values = [page_value(rows[k][-1].text) for k in column]
        if (len(column) >= MIN_PAGE_REFS and all(b >= a for a, b in pairwise(values))
                and values[-1] <= pages):
            out.update(column)
    return out


def _numbered_row(row: tuple[Line, ...]) -> tuple[Line, ...]:
    """The row's page number (`_page_column`) read on the line of the text before it, as the
    entry's end (`Line.page_ref`)."""
    prev, last = row[-2], row[-1]
    line = _concat(prev, last, " ", size=prev.size, bold=prev.bold and last.bold,
                   text_x0=prev.text_x0)
    return (*row[:-2], replace(line, page_ref=last.text))


def _merge_row(row: tuple[Line, ...], *, tabular: bool) -> list[Line]:
    """A row's pieces joined where they are one line: a hanging label and its text; pieces of
    one style closer than `MAX_JOIN_GAP` font sizes (justified and letter-spaced lines, a
    column's row), in a table row only those closer than `PIECE_GAP` (a cell's words)."""
    merged: list[Line] = []
    for k, ln in enumerate(row):
        if merged:
            prev = merged[-1]
            gap, size = ln.x0 - prev.x1, max(ln.size, prev.size)
            first = len(merged) == 1 and gap <= MAX_JOIN_GAP * size
            note = _REF.match(prev.text) and ln.size < 0.95 * prev.size  # "1" then a note
            section = (not tabular and _SECTION_NUMBER.match(prev.text) is not None
                       and gap > SECTION_TAB * size)
            if first and (_LABEL.match(prev.text) or note or section):
                merged[-1] = _merge(prev, ln)  # a hanging label and its text
                continue
            if first and _raised_marker(prev, ln):
                merged[-1] = _led_by(prev, ln)
                continue
            same = abs(ln.size - prev.size) <= 0.15 * size
            if (gap <= (PIECE_GAP if tabular else MAX_JOIN_GAP) * size and same
                    and not _slug_apart(row[k - 1], ln)):
                merged[-1] = _join_near(prev, ln)
                continue
        merged.append(ln)
    return merged


def _leads(a: Line, b: Line) -> bool:
    """Whether piece `a` is a reference marker raised before line `b`, on its row though their
    boxes overlap by less than half (`_rows`: the marker's box stands up out of a line of
    Chinese, whose glyphs' boxes are an em tall)."""
    return (_raised_marker(a, b) and a.y0 < b.y1
            and b.x0 - a.x1 <= MAX_JOIN_GAP * b.size)


def _raised_marker(a: Line, b: Line) -> bool:
    """Whether piece `a` is a reference marker set small and raised before line `b` on its row
    (a footnote's own number, "¹ See resolution ..."), drawn as a text object of its own, after
    its note's text (LibreOffice Draw saves a line's runs so): drawn in order it is a marker of
    the line's run (`_spell`)."""
    return (bool(_REF.match(a.text)) and a.size <= SUPERSCRIPT_SIZE * b.size
            and a.y0 >= b.y0 + SUPERSCRIPT_RISE * b.size and a.x1 <= b.x0)


def _led_by(marker: Line, line: Line) -> Line:
    """`line` opening with the reference marker `marker` (`Line.lead_ref`), as `_spell` reads a
    raised marker drawn in its line's run."""
    return replace(line, x0=marker.x0, refs=((0, marker.text), *line.refs))


def _slug_apart(a: Line, b: Line) -> bool:
    """Two pieces of a row set apart by a tab, not by a justified line's stretched word gap:
    one is a slug or symbol by its form alone (a job number, a recycling note, a document
    symbol: `furniture.form_kind`) and the other holds a word space of its own (a justified
    line stretches all its word gaps alike, so where one is wide enough to cut the line into
    pieces every one is, and its pieces are single words, or `_stretched` has joined them).
    A word processor that puts "23-09876 (C)", a tab and "Please recycle" on a first page's
    foot, or "United Nations", a tab and the symbol in its header, by default tab stops a few
    font sizes apart, wrote them so: joined, the line is no furniture by form, and read as
    text (a footnote's last words, a heading)."""
    return (_slug(a.text) and _spaced(b)) or (_slug(b.text) and _spaced(a))


def _slug(text: str) -> bool:
    """A job number, barcode, recycling note or document symbol by its form; a symbol with a
    number in it, as a document's has ("E/RES/2023/99"): "N/A" or "TCP/IP" have the form too."""
    kind = form_kind(text)
    return kind is not None and (kind != "symbol" or any(c.isdigit() for c in text))


def _spaced(line: Line) -> bool:
    """The piece holds a word space of its own."""
    return " " in line.text.strip()


def _join_near(a: Line, b: Line) -> Line:
    """Two runs of one line (written as separate pieces): no space between wide characters,
    nor where one is wide and the two are set solid whatever the gap (`_set_solid`)."""
    last, first = a.text[-1], b.text[0]
    wide = is_wide(last) and is_wide(first)
    solid = (is_wide(last) or is_wide(first)) and _set_solid(last, first)
    sep = "" if wide or solid or b.x0 - a.x1 < 0.2 * min(a.size, b.size) else " "
    size = a.size if len(a.text) >= len(b.text) else b.size
    return _concat(a, b, sep, size=size, bold=a.bold and b.bold, text_x0=a.text_x0)


def despace_rows(pages: list[list[list[Line]]]) -> tuple[list[list[list[Line]]], Despaced]:
    """The lines of a document's pages (rows of lines, in reading order) with spaced-out Chinese
    joined by `aligner.hanspace`, as the text cleaner joins it, and any lone space between two
    Han characters taken out too (Chinese writes none: a gap in a title, a layer's stray space);
    the superscript markers' positions follow the removed spaces. Returns the pages and what was
    removed."""
    flat = [ln for rows in pages for row in rows for ln in row]
    despaced = despace_lines([ln.text for ln in flat], han_pairs=True)
    new = iter(
        _without_spaces(ln, text, cuts)
        for ln, text, cuts in zip(flat, despaced.lines, despaced.cuts, strict=True)
    )
    return [[[next(new) for _ in row] for row in rows] for rows in pages], despaced


def _without_spaces(line: Line, text: str, cuts: tuple[int, ...]) -> Line:
    if not cuts:
        return line
    refs = tuple((o - bisect_left(cuts, o), m) for o, m in line.refs)
    return replace(line, text=text, refs=refs)
