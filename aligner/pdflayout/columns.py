"""Columns of a page: where text stands in two or more columns, read each column in turn.

The page's rows (pieces of text on one baseline, top to bottom) are taken in order; a *region*
grows while the rows leave a vertical strip empty between their pieces (a gutter at least
`MIN_GUTTER` font sizes wide, with text on both sides; a piece may reach `INTRUSION` font sizes
into it, as a hanging mark or a label does) and no row is farther than
`MAX_ROW_GAP` font sizes below the one before. A region is read as columns when
- it has at least `MIN_COLUMN_ROWS` rows with text on each side of every gutter,
- every column is at least `MIN_COLUMN_SHARE` of the region's width (a column of paragraph
  numbers or of page numbers in a table of contents is none), and
- its rows are text, not table cells: in every column on average at least `MIN_COLUMN_CHARS`
  characters a row (a CJK character counts two).
Where the document's other pages set their text in columns (`known`: the gutters found there), a
region whose gutters are those needs only one row in each column: the short columns of a last
page, balanced or not, are read as columns too, not row by row across.
A full-width title, table or footnote above or below the columns crosses the gutter and ends
the region, so it stays whole, and the rows of a page that has no gutter stay as they are. The
first rows of such a table whose cells happen to leave the gutter free are not the columns'
last rows: rows of more cells than there are columns, lining up with the table's row below,
set apart from the columns above (`HEAD_GAP` font sizes), go with the table.
Justified lines in a narrow column can have word gaps wider than the gutter; the gutter holds
over many rows, a word gap does not.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from untm.aligner.labels import display_width
from untm.aligner.linebreaks import BARE_LABEL

if TYPE_CHECKING:
    from untm.aligner.pdflayout.lines import Line

MIN_GUTTER = 0.7  # font sizes
INTRUSION = 0.5  # font sizes a piece may reach into a gutter
MAX_ROW_GAP = 3.0  # font sizes between the bottom of a row and the top of the next
MIN_COLUMN_ROWS = 5
MIN_COLUMN_SHARE = 0.2
MIN_COLUMN_CHARS = 12
MAX_COLUMNS = 4
HEAD_GAP = 1.0  # font sizes between a table's head row and the columns above it
CELL_ALIGN = 2.0  # points: table cells of two rows start this close
WIDE_ROW = 0.6  # share of the page's text width: a row with a line this wide starts no region

Interval = tuple[float, float]


@dataclass(frozen=True)
class Frame:
    """Rows read together: the whole width of a page, or one column of a region."""

    rows: tuple[tuple[Line, ...], ...]
    column: bool  # a column of a multi-column region
    right: float  # where the frame's text may reach (a column: its right edge)
    left: float = 0.0  # where the frame's lines start (a column: its left edge)
    foot: float = 0.0  # the lowest baseline of a column's region (balanced columns end there)


def _subtract(free: list[Interval], row: tuple[Line, ...]) -> list[Interval]:
    """`free` less the row's pieces, each taken `INTRUSION` font sizes narrower on both sides
    (a mark hanging past a column's edge, a label in the gutter, do not close it)."""
    out: list[Interval] = []
    inner = [(ln.x0 + INTRUSION * ln.size, ln.x1 - INTRUSION * ln.size) for ln in row]
    for a, b in free:
        pieces = sorted((x0, x1) for x0, x1 in inner if x0 < x1 and x1 > a and x0 < b)
        start = a
        for x0, x1 in pieces:
            if x0 > start:
                out.append((start, x0))
            start = max(start, x1)
        if start < b:
            out.append((start, b))
    return out


def _gutters(free: list[Interval], left: float, right: float, width: float) -> list[Interval]:
    """The free strips inside the text (between `left` and `right`), at least `width` wide."""
    return [(a, b) for a, b in free if a > left and b < right and b - a >= width]


def _top(row: tuple[Line, ...]) -> float:
    return max(ln.y1 for ln in row)


def _bottom(row: tuple[Line, ...]) -> float:
    return min(ln.y0 for ln in row)


def _region(rows: list[tuple[Line, ...]], start: int, size: float) -> tuple[int, list[Interval]]:
    """The rows from `start` that keep a gutter open (end index, exclusive) and the gutters."""
    free = _subtract([(-1e9, 1e9)], rows[start])
    left = min(ln.x0 for ln in rows[start])
    right = max(ln.x1 for ln in rows[start])
    gutters: list[Interval] = []
    end = start + 1
    while end < len(rows):
        row = rows[end]
        if _bottom(rows[end - 1]) - _top(row) > MAX_ROW_GAP * size:
            break
        nfree = _subtract(free, row)
        nleft, nright = min(left, *(ln.x0 for ln in row)), max(right, *(ln.x1 for ln in row))
        found = _gutters(nfree, nleft, nright, MIN_GUTTER * size)
        if not found:
            break
        free, left, right, gutters = nfree, nleft, nright, found
        end += 1
    return end, gutters


def _lines_up(row: tuple[Line, ...], below: tuple[Line, ...]) -> bool:
    """Every piece of `row` starts where a piece of `below` starts (table cells)."""
    starts = [ln.x0 for ln in below]
    return all(any(abs(ln.x0 - s) <= CELL_ALIGN for s in starts) for ln in row)


def _table_top(
    rows: list[tuple[Line, ...]], start: int, end: int, gutters: list[Interval], size: float
) -> int:
    """Where the region ends when its last rows belong to the table row that ended it (`end`):
    rows of more cells than the region has columns, each row lining up with the one below,
    the first of them set apart from the columns above (`HEAD_GAP`); else `end`."""
    if end >= len(rows):
        return end
    top = end
    while (top - 1 - start > MIN_COLUMN_ROWS and len(rows[top - 1]) > len(gutters) + 1
           and _lines_up(rows[top - 1], rows[top])):
        top -= 1
    if top < end and _bottom(rows[top - 1]) - _top(rows[top]) >= HEAD_GAP * size:
        return top
    return end


def _split(
    rows: list[tuple[Line, ...]], gutters: list[Interval]
) -> tuple[list[list[Line]], list[int]]:
    """The lines of each column and the number of rows with text in it. A piece is in the
    column its middle is in; a paragraph label standing in a gutter labels the column after."""
    cuts = [(a + b) / 2 for a, b in gutters]
    cols: list[list[Line]] = [[] for _ in range(len(cuts) + 1)]
    counts = [0] * len(cols)
    for row in rows:
        seen = set()
        for ln in row:
            mid = (ln.x0 + ln.x1) / 2
            k = bisect_left(cuts, mid)
            if k < len(gutters) and mid > gutters[k][0] and BARE_LABEL.match(ln.text):
                k += 1
            cols[k].append(ln)
            seen.add(k)
        for k in seen:
            counts[k] += 1
    return cols, counts


def _narrow(col: list[Line], width: float) -> bool:
    return max(ln.x1 for ln in col) - min(ln.x0 for ln in col) < MIN_COLUMN_SHARE * width


def _columns(
    rows: list[tuple[Line, ...]], gutters: list[Interval], min_rows: int = MIN_COLUMN_ROWS
) -> list[list[Line]] | None:
    """The region's lines by column, or None when the region is not text in columns. A narrow
    strip of text between two gutters (paragraph numbers hanging before a column) is part of
    the column it labels, or of the nearer one."""
    if len(gutters) >= 2 * MAX_COLUMNS:  # strips between many narrow pieces: a table, a form
        return None
    width = max(ln.x1 for row in rows for ln in row) - min(ln.x0 for row in rows for ln in row)
    gutters = list(gutters)
    cols, counts = _split(rows, gutters)
    while len(cols) > 2 and any(_narrow(col, width) for col in cols):
        k = next(k for k, col in enumerate(cols) if _narrow(col, width))
        labels = all(BARE_LABEL.match(ln.text) for ln in cols[k])
        if k == len(cols) - 1 or (k > 0 and not labels and
                                  gutters[k - 1][1] - gutters[k - 1][0]
                                  < gutters[k][1] - gutters[k][0]):
            del gutters[k - 1]  # joins the column before
        else:
            del gutters[k]  # joins the column after
        cols, counts = _split(rows, gutters)
    if len(cols) > MAX_COLUMNS:
        return None
    for col, count in zip(cols, counts, strict=True):
        chars = sum(display_width(ln.text) for ln in col) / count  # a CJK character counts 2
        if count < min_rows or _narrow(col, width) or chars < MIN_COLUMN_CHARS:
            return None
    return cols


def _known(gutters: list[Interval], known: Sequence[Interval]) -> bool:
    """Each of the region's gutters is one the document's columns have elsewhere."""
    return bool(known) and all(any(a < d and c < b for c, d in known) for a, b in gutters)


def frames(
    rows: list[tuple[Line, ...]], size: float, page_right: float, known: Sequence[Interval] = ()
) -> list[Frame]:
    """The page's rows (top to bottom; pieces left to right) as frames in reading order
    (`known`: the gutters of the document's columns on its other pages)."""
    out: list[Frame] = []
    plain: list[tuple[Line, ...]] = []
    i = 0
    wide = WIDE_ROW * (max(ln.x1 for row in rows for ln in row) - min(
        ln.x0 for row in rows for ln in row)) if rows else 0.0
    while i < len(rows):
        if any(ln.x1 - ln.x0 > wide for ln in rows[i]):  # a line across the page: no gutter
            plain.append(rows[i])
            i += 1
            continue
        end, gutters = _region(rows, i, size)
        top = _table_top(rows, i, end, gutters, size)
        if top < end:  # the gutters without the table's cells
            end, gutters = _region(rows[:top], i, size)
        min_rows = 1 if _known(gutters, known) else MIN_COLUMN_ROWS
        cols = _columns(rows[i:end], gutters, min_rows) if gutters and end - i >= min_rows else None
        if cols is None:
            plain.append(rows[i])
            i += 1
            continue
        if plain:
            out.append(Frame(tuple(plain), False, page_right))
            plain = []
        foot = min(ln.y0 for col in cols for ln in col)
        for col in cols:
            edge = min(ln.x0 for ln in col)
            out.append(Frame(_rows_of(col), True, max(ln.x1 for ln in col), edge, foot))
        i = end
    if plain:
        out.append(Frame(tuple(plain), False, page_right))
    return out


def _rows_of(lines: list[Line]) -> tuple[tuple[Line, ...], ...]:
    """A column's lines grouped into rows again (a column's own baselines)."""
    rows: list[list[Line]] = []
    for ln in sorted(lines, key=lambda ln: (-ln.y1, ln.x0)):
        if rows and min(ln.y1, rows[-1][0].y1) - max(ln.y0, rows[-1][0].y0) >= 0.5 * min(
            ln.height, rows[-1][0].height
        ):
            rows[-1].append(ln)
        else:
            rows.append([ln])
    return tuple(tuple(sorted(r, key=lambda ln: ln.x0)) for r in rows)
