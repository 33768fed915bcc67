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
A region of fewer rows than that (a one-page notice or an abstract in two columns, two short
columns under a full-width title) is read as columns on the evidence of its text
(`_short_columns`): in the page's text size (`BODY_SIZE`; blocks of small type side by side
are read as blocks, `lines._side_by_side`), at least `MIN_SHORT_ROWS` rows in each column,
each gutter narrow for the columns beside it (at most `SHORT_GUTTER` of the wider one: a
header's left and right parts or a label and its value stand farther apart for their width),
and every column running text read down it: one line a row (no cells), each line but the
column's last full to the column's edge (or the next line's first word would not have fit)
and of some length, or else ending a sentence (a paragraph's last line), and some line going
on in the line under it (no sentence end, and a lower-case word, a comma or a Chinese
character at the break), down a column or from its foot to the next column's head; and not
every column centred lines (`centred`: signature blocks side by side, whose first row a region
of their later rows left out, are read as blocks, `lines._centred_side_by_side`). Rows
across such columns would join lines that do not go on; labels, cells, headings, a header's
parts, the items of short lists are not full lines, or none of them goes on below, and stay
rows. So do paragraphs that start row for row in every column, in more than one row
(`_text_cells`): a table's cells of running text (text that flows down columns seldom breaks
its paragraphs on the same rows); no region that starts further down such a table (its last
row of cells alone) is read as columns either.
A page whose text (its running header and page number aside) stands in one column of the
document's, short of the last, reaching that column's edge (a last page whose text ends in the
first column) is read as that column (`_plain_frames`): measured to the gutter, not to the page's
right edge, where each of its lines would look short and end a paragraph.
A full-width title, table or footnote above or below the columns crosses the gutter and ends
the region, so it stays whole, and the rows of a page that has no gutter stay as they are. The
first rows of such a table whose cells happen to leave the gutter free are not the columns'
last rows: rows of more cells than there are columns, lining up with the table's row below,
set apart from the columns above (`HEAD_GAP` font sizes), go with the table.
Justified lines in a narrow column can have word gaps wider than the gutter; the gutter holds
over many rows, a word gap does not.
Three things do not bound a gutter. A row of large type (a masthead, a title) standing across
the gutter of the columns below it is read apart, above them (`_over_gutter`), not as the first
row of a region whose gutter its own edge bounds (above short first lines, a cover's, that gap
would hold until the first full line and cut each column in two). The text of a ruled table
counts only up to the table's outer rules (`tables.Grid.extent`: a word too long for its cell
drawn on past the table's edge, as LibreOffice does, closes no gutter beside a table set in a
column). And a paragraph label hanging in the gutter (before the second column's paragraphs)
keeps it open: a row with a piece across such a label (a centred footer at the page's foot)
ends the region, rather than narrowing its gutter past the label and so moving the labels
into the first column.

A table set without rules, or a list of labels and their values ("Invoice number:  12345"),
leaves such a strip empty too: between its labels and its values, or between two of its
columns. Read as columns it would give all the labels, then all the values. What tells it from
text in columns (`_unruled_table`): its rows pair across the gutter (nearly every line of the
sparser side has its partner on the same baseline beside it, as a label has its value) and its
first column, the labels or the keys of its rows, is not running text (the values may be).
Running text fills its column: many of its lines are full (one line across most of the
column's width; a paragraph's lines but its last) and a full line holds many characters. A
column of labels or of a table's cells has few full lines, or short ones (labels of about one
length). Text in two columns whose baselines line up row for row (one font, one leading) is
running text in its first column and stays columns; so do columns whose lines stand on
different baselines, whatever their text, and tables set side by side whose first column
reads as text (a timetable's days, each read down). A region found to be a table is read row
by row from its first paired row (a title or a paragraph's last line above it is no cell),
each row's pieces left to right, as a ruled table is (`tables`). The price: a list of short
items in the first column, set on the baselines of running text beside it, reads as a table
too: the items and the paragraphs beside them interleave (each item whole, the paragraphs
mostly so: `lines._wraps`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from untm.aligner.furniture import PAGE_NUMBER
from untm.aligner.labels import display_width, ends_sentence
from untm.aligner.language import is_wide, is_wide_letter
from untm.aligner.linebreaks import BARE_LABEL

if TYPE_CHECKING:
    from untm.aligner.pdflayout.lines import Line

MIN_GUTTER = 0.7  # font sizes
INTRUSION = 0.5  # font sizes a piece may reach into a gutter
MAX_ROW_GAP = 3.0  # font sizes between the bottom of a row and the top of the next
MIN_COLUMN_ROWS = 5
MIN_COLUMN_SHARE = 0.2
SMALL = 0.95  # of the page's text size: a header's, a footer's type
MIN_COLUMN_CHARS = 12
MAX_COLUMNS = 4
HEAD_GAP = 1.0  # font sizes between a table's head row and the columns above it
CELL_ALIGN = 2.0  # points: table cells of two rows start this close
CENTRE_TOL = 0.5  # font sizes (the smaller line's) two lines' centres may differ in a centred block
WIDE_ROW = 0.6  # share of the page's text width: a row with a line this wide starts no region
PAIRED = 0.8  # share of the sparser column's rows that have partners on their baseline: a table
BASELINE = 0.25  # font sizes: lines whose bottoms are this close stand on one baseline
FULL_LINE = 0.8  # share of its column's width a full line spans
CELL_GAP = 2.0  # font sizes: pieces of one row in a column farther apart are cells, not a line
RUNNING_SHARE = 0.3  # share of its rows that are full lines in a column of running text
RUNNING_CHARS = 24  # characters (a CJK character counts 2) a full line of running text holds
MIN_SHORT_ROWS = 2  # rows with text in each column of short columns (`_short_columns`)
SHORT_GUTTER = 0.3  # share of the wider column beside it: the widest gutter of short columns
BODY_SIZE = 0.05  # share of the page's text size: short columns' lines are in that size

Interval = tuple[float, float]
Extent = Callable[["Line"], Interval]  # where a piece stands across the page, for its gutters


@dataclass(frozen=True)
class Frame:
    """Rows read together: the whole width of a page, or one column of a region."""

    rows: tuple[tuple[Line, ...], ...]
    column: bool  # a column of a multi-column region
    right: float  # where the frame's text may reach (a column: its right edge)
    left: float = 0.0  # where the frame's lines start (a column: its left edge)
    foot: float = 0.0  # the lowest baseline of a column's region (balanced columns end there)
    # the rows [start, end) of tables set without rules (`_unruled_table`), read row by row,
    # each piece of a row a cell
    tables: tuple[tuple[int, int], ...] = ()


def own_span(line: Line) -> Interval:
    """Where a piece stands across the page: its own span (`Extent` outside ruled tables)."""
    return (line.x0, line.x1)


def _subtract(free: list[Interval], row: tuple[Line, ...],
              extent: Extent = own_span) -> list[Interval]:
    """`free` less the row's pieces (where `extent` says they stand), each taken `INTRUSION`
    font sizes narrower on both sides (a mark hanging past a column's edge, a label in the
    gutter, do not close it)."""
    out: list[Interval] = []
    spans = [(extent(ln), ln.size) for ln in row]
    inner = [(x0 + INTRUSION * size, x1 - INTRUSION * size) for (x0, x1), size in spans]
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


def _across(row: tuple[Line, ...], labels: list[Interval], extent: Extent) -> bool:
    """A piece of the row stands across one of the labels (from before it to past it)."""
    spans = [extent(ln) for ln in row]
    return any(x0 < a - CELL_ALIGN and x1 > b + CELL_ALIGN for x0, x1 in spans for a, b in labels)


def _within(span: Interval, gutters: list[Interval]) -> bool:
    """The span lies inside one of the gutters."""
    return any(a <= span[0] and span[1] <= b for a, b in gutters)


def _region(rows: list[tuple[Line, ...]], start: int, size: float,
            extent: Extent = own_span) -> tuple[int, list[Interval]]:
    """The rows from `start` that keep a gutter open (end index, exclusive) and the gutters
    (`extent`: where a piece stands, `frames`)."""
    free = _subtract([(-1e9, 1e9)], rows[start], extent)
    left = min(ln.x0 for ln in rows[start])
    right = max(ln.x1 for ln in rows[start])
    gutters: list[Interval] = []
    inside: list[Interval] = []  # paragraph labels standing in a gutter
    end = start + 1
    while end < len(rows):
        row = rows[end]
        if _bottom(rows[end - 1]) - _top(row) > MAX_ROW_GAP * size:
            break
        nfree = _subtract(free, row, extent)
        nleft, nright = min(left, *(ln.x0 for ln in row)), max(right, *(ln.x1 for ln in row))
        found = _gutters(nfree, nleft, nright, MIN_GUTTER * size)
        if not found or _across(row, inside, extent):
            break  # (a row that leaves a label of the rows above outside the gutter crosses it)
        free, left, right, gutters = nfree, nleft, nright, found
        inside += [span for span, ln in zip(map(extent, row), row, strict=True)
                   if BARE_LABEL.match(ln.text) and _within(span, found)]
        end += 1
    return end, gutters


def _crosses(row: tuple[Line, ...], gutters: list[Interval]) -> bool:
    """A piece of the row (taken `INTRUSION` narrower) lies across a whole gutter."""
    return any(ln.x0 + INTRUSION * ln.size <= a and ln.x1 - INTRUSION * ln.size >= b
               for ln in row for a, b in gutters)


def _over_gutter(rows: list[tuple[Line, ...]], start: int, end: int, size: float,
                 extent: Extent) -> bool:
    """The region's first row (`start`; the region ends at `end`), all in larger type than the
    page's text (`BODY_SIZE`), stands across the gutter of the rows below it: the region from
    the next row reaches farther down, its rows read as columns, and a piece of this row lies
    across its whole gutter. A masthead or a title above columns whose first
    lines are short (a cover's lines in the first column) leaves a gutter of its own between
    its text and theirs; the rows below close it long before their columns end, and the page
    would be read in stacked regions, each column's text cut in two."""
    if start + 1 >= len(rows) or any(ln.size <= (1 + BODY_SIZE) * size for ln in rows[start]):
        return False
    below, gutters = _region(rows, start + 1, size, extent)
    return (below > end and bool(gutters) and _crosses(rows[start], gutters)
            and below - start - 1 >= MIN_COLUMN_ROWS
            and _columns(rows[start + 1:below], gutters) is not None)


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


def _full(pieces: list[Line], width: float) -> bool:
    """The pieces of a row in a column (left to right) are one full line: no gap between them
    wider than `CELL_GAP` font sizes (cells stand farther apart) and across `FULL_LINE` of
    the column's `width`."""
    return pieces[-1].x1 - pieces[0].x0 >= FULL_LINE * width and all(
        b.x0 - a.x1 <= CELL_GAP * a.size for a, b in pairwise(pieces))


def _running(rows: list[list[Line]]) -> bool:
    """A column's rows (each row's pieces in the column, left to right) are running text: at
    least `RUNNING_SHARE` of them full lines (`_full`), holding `RUNNING_CHARS` characters on
    average. Labels of about one length fill their column but are short; a table's cells
    and figures seldom fill it."""
    width = max(r[-1].x1 for r in rows) - min(r[0].x0 for r in rows)
    full = [r for r in rows if _full(r, width)]
    chars = sum(display_width(ln.text) for r in full for ln in r)
    return len(full) >= RUNNING_SHARE * len(rows) and chars >= RUNNING_CHARS * len(full)


def _parts(rows: list[tuple[Line, ...]], cols: list[list[Line]]) -> list[dict[int, list[Line]]]:
    """Each row's pieces by the column they are in (`cols`: the region's lines by column):
    column -> the row's pieces in it, left to right."""
    where = {id(ln): k for k, col in enumerate(cols) for ln in col}
    out: list[dict[int, list[Line]]] = []
    for row in rows:
        parts: dict[int, list[Line]] = {}
        for ln in row:
            parts.setdefault(where[id(ln)], []).append(ln)
        out.append(parts)
    return out


def _text(pieces: list[Line]) -> str:
    return " ".join(ln.text for ln in pieces)


def _filled(pieces: list[Line], below: list[Line], right: float) -> bool:
    """A column's row (its pieces) is a full line of its text: it reaches `FULL_LINE` of the
    way to the column's right edge, or the first word of the line below (a wide character, or
    Latin letters as wide as the row's) would not have fit before that edge."""
    a, b = pieces[0], pieces[-1]
    if b.x1 - a.x0 >= FULL_LINE * (right - a.x0):
        return True
    text, nxt = _text(pieces), _text(below)
    if not nxt:
        return False
    if is_wide(nxt[0]):
        word = b.size
    else:
        per = (b.x1 - a.x0) / max(1, len(text))
        word = per * (len(nxt.split(" ", 1)[0]) + 1)  # the word and a space before it
    return right - b.x1 < word


def _reads_on(text: str, nxt: str) -> bool:
    """A line of running text goes on in `nxt`, the line under it: it ends in no sentence end
    and `nxt` opens with a lower-case word, or it ends in a mark that runs on (a comma, a
    hyphen), or both are Chinese there (a line broken between two characters)."""
    if ends_sentence(text) or text.endswith((":", "：")):
        return False
    if nxt[:1].islower() or text.endswith((",", "-", "‐", "，", "、")):
        return True
    return is_wide_letter(text[-1]) and is_wide_letter(nxt[0])


def _long_line(pieces: list[Line], below: list[Line], right: float) -> bool:
    """A full line (`_filled`) of at least `RUNNING_CHARS` characters."""
    return display_width(_text(pieces)) >= RUNNING_CHARS and _filled(pieces, below, right)


def _lines_of_text(rows: list[list[Line]], size: float) -> bool:
    """A column's rows (each row's pieces in it, left to right) are lines of running text:
    each row is one line (no gap wider than `CELL_GAP` font sizes between its pieces: cells
    stand farther apart), and every line but the column's last is a long full line
    (`_long_line`) or ends a sentence (a paragraph's last line; a label ending in ':', a
    heading, a short cell do neither)."""
    if any(b.x0 - a.x1 > CELL_GAP * size for r in rows for a, b in pairwise(r)):
        return False
    right = max(r[-1].x1 for r in rows)
    return all(_long_line(pieces, below, right) or ends_sentence(_text(pieces))
               for pieces, below in pairwise(rows))


def _starts(per: list[list[tuple[int, list[Line]]]], size: float) -> list[set[int]]:
    """Each column's rows (indices in the region) where a paragraph starts, the text read
    column by column (`per`: `_column_rows`): the first row, and each row after a line that
    ends a sentence and is not a long full line (`_long_line`) or, in its column, stands
    farther above it than the column's line spacing (a paragraph's or a cell's space above).
    A column's first row starts a paragraph where the column before ended one (its last line
    ends a sentence, short of its edge or, full, where a paragraph of that column starts on
    the same row: cells side by side)."""
    out: list[set[int]] = []
    last: tuple[list[Line], float] | None = None  # the column before's last line, its edge
    for rows in per:
        right = max(pieces[-1].x1 for _, pieces in rows)
        steps = [_bottom(tuple(a)) - _bottom(tuple(b)) for (_, a), (_, b) in pairwise(rows)]
        step = min(steps, default=0.0)
        head, first = rows[0]
        starts = set()
        if last is None or (ends_sentence(_text(last[0])) and (
                not _long_line(last[0], first, last[1]) or head in out[-1])):
            starts.add(head)
        for ((_, a), (r, b)), gap in zip(pairwise(rows), steps, strict=True):
            if ends_sentence(_text(a)) and (not _long_line(a, b, right)
                                            or gap > step + BASELINE * size):
                starts.add(r)
        out.append(starts)
        last = (rows[-1][1], right)
    return out


def _column_rows(rows: list[tuple[Line, ...]],
                 cols: list[list[Line]]) -> list[list[tuple[int, list[Line]]]]:
    """Each column's rows: (the row's index in the region, its pieces in the column)."""
    per: list[list[tuple[int, list[Line]]]] = [[] for _ in cols]
    for r, parts in enumerate(_parts(rows, cols)):
        for k, part in parts.items():
            per[k].append((r, part))
    return per


def _short_columns(per: list[list[tuple[int, list[Line]]]], cols: list[list[Line]]) -> bool:
    """A region of fewer rows than `MIN_COLUMN_ROWS` (a short passage in columns: a one-page
    notice, an abstract, the columns under a full-width title) is text in columns: each
    gutter (between the text of the columns beside it) is at most `SHORT_GUTTER` of the
    wider of those columns (the other may hold only paragraphs' last lines; a header's left
    and right parts, a label and its value, stand farther apart for their width); every
    column holds lines of running text (`_lines_of_text`); and every column has a long full
    line that reads on (`_reads_on`) in the line under it or a line that reads on from the
    line above it, the text taken down each column and from a column's foot to the next
    column's head (text broken at the columns' edges, not lists or cells side by side).
    (`per`: the region's rows by column, `_column_rows`.)"""
    if all(centred(col) for col in cols):
        return False  # blocks of centred lines side by side (signatures): `lines._wraps`
    spans = [(min(ln.x0 for ln in col), max(ln.x1 for ln in col)) for col in cols]
    for (a0, a1), (b0, b1) in pairwise(spans):
        if b0 - a1 > SHORT_GUTTER * max(a1 - a0, b1 - b0):
            return False
    size = min(ln.size for col in cols for ln in col)
    if not all(_lines_of_text([pieces for _, pieces in p], size) for p in per):
        return False
    read = [(k, pieces) for k, p in enumerate(per) for _, pieces in p]  # column by column
    on: set[int] = set()
    for (k, a), (j, b) in pairwise(read):
        if _long_line(a, b, spans[k][1]) and _reads_on(_text(a), _text(b)):
            on.update((k, j))
    return len(on) == len(cols)


def centred(lines: Sequence[Line]) -> bool:
    """The lines (two or more, top to bottom) are centred on one centre: each line's centre
    within `CENTRE_TOL` of the smaller font size of the first line's, and they do not all start
    where the first starts (left-aligned lines of one width show no centring). Text in columns
    starts its lines at the column's edge."""
    if len(lines) < 2:
        return False
    first = lines[0]
    centre = (first.x0 + first.x1) / 2
    if any(abs((ln.x0 + ln.x1) / 2 - centre) > CENTRE_TOL * min(ln.size, first.size)
           for ln in lines[1:]):
        return False
    return max(ln.x0 for ln in lines) - min(ln.x0 for ln in lines) > CELL_ALIGN


def _text_cells(per: list[list[tuple[int, list[Line]]]], cols: list[list[Line]]) -> bool:
    """The region's columns of running text are a table's cells: from the first row with text
    in every column (a paragraph's last line above is none), the columns' paragraphs start
    (`_starts`) on the same rows, in more than one row (text that flows down columns seldom
    breaks its paragraphs on the same rows; a table's cells start row for row). (`per`: the
    region's rows by column, `_column_rows`.)"""
    size = min(ln.size for col in cols for ln in col)
    shared = set.intersection(*({r for r, _ in p} for p in per))  # rows with every column
    if not shared:  # columns that never share a row: no cells
        return False
    first = min(shared)
    starts = [{r for r in st if r >= first} for st in _starts(per, size)]
    return all(st == starts[0] for st in starts) and len(starts[0]) > 1


def _short_region(
    rows: list[tuple[Line, ...]], gutters: list[Interval], size: float
) -> tuple[list[list[Line]] | None, bool]:
    """The lines by column of a region of fewer rows than `MIN_COLUMN_ROWS` where it is text
    in columns (`_short_columns`) in the page's text size (`size`, within `BODY_SIZE`: blocks
    of smaller type side by side, an invoice's terms beside a note at a page's foot, are read
    as blocks, `lines._side_by_side`), else None; and whether it is a table's rows of cells of
    running text instead (`_text_cells`)."""
    if any(abs(ln.size - size) > BODY_SIZE * size for row in rows for ln in row):
        return None, False
    cols = _columns(rows, gutters, MIN_SHORT_ROWS)
    if cols is None:
        return None, False
    per = _column_rows(rows, cols)
    if not _short_columns(per, cols):
        return None, False
    if _text_cells(per, cols):
        return None, True
    return cols, False


def _unruled_table(
    rows: list[tuple[Line, ...]], cols: list[list[Line]], size: float
) -> int | None:
    """Where a table or a list of labels and values set without rules starts in the region
    (its `rows`, split into `cols`): at its first row with text in every column on one
    baseline (`BASELINE`; the rows above it, a title or a paragraph's last line that left the
    gutter open, are no cells), if at least `MIN_COLUMN_ROWS` rows, and `PAIRED` of the rows of
    its sparsest column, are such rows and its first column, where a row's label or key
    stands, is not running text (`_running`); else None (text in columns)."""
    per: list[list[list[Line]]] = [[] for _ in cols]
    paired = 0
    first = len(rows)
    for r, parts in enumerate(_parts(rows, cols)):
        for k, part in parts.items():
            per[k].append(part)
        if len(parts) == len(cols):
            bottoms = [min(ln.y0 for ln in part) for part in parts.values()]
            if max(bottoms) - min(bottoms) <= BASELINE * size:
                paired += 1
                first = min(first, r)
    sparse = min(len(p) for p in per)
    table = paired >= MIN_COLUMN_ROWS and paired >= PAIRED * sparse and not _running(per[0])
    return first if table else None


def _known(gutters: list[Interval], known: Sequence[Interval]) -> bool:
    """Each of the region's gutters is one the document's columns have elsewhere."""
    return bool(known) and all(any(a < d and c < b for c, d in known) for a, b in gutters)


def frames(
    rows: list[tuple[Line, ...]], size: float, page_right: float, known: Sequence[Interval] = (),
    extent: Extent = own_span,
) -> list[Frame]:
    """The page's rows (top to bottom; pieces left to right) as frames in reading order
    (`known`: the gutters of the document's columns on its other pages; `extent`: where a
    piece stands when gutters are sought, its own span or, in a ruled table, no farther than
    the table's outer rules: `tables.Grid.extent`)."""
    out: list[Frame] = []
    plain: list[tuple[Line, ...]] = []
    tables: list[tuple[int, int]] = []  # unruled tables among the plain rows
    i = held = 0  # (held: rows before it start no short columns, `_short_region`)
    wide = WIDE_ROW * (max(ln.x1 for row in rows for ln in row) - min(
        ln.x0 for row in rows for ln in row)) if rows else 0.0
    while i < len(rows):
        if any(ln.x1 - ln.x0 > wide for ln in rows[i]):  # a line across the page: no gutter
            plain.append(rows[i])
            i += 1
            continue
        end, gutters = _region(rows, i, size, extent)
        top = _table_top(rows, i, end, gutters, size)
        if top < end:  # the gutters without the table's cells
            end, gutters = _region(rows[:top], i, size, extent)
        if gutters and _over_gutter(rows, i, end, size, extent):  # a masthead: a row apart
            plain.append(rows[i])
            i += 1
            continue
        min_rows = 1 if _known(gutters, known) else MIN_COLUMN_ROWS
        cols = _columns(rows[i:end], gutters, min_rows) if gutters and end - i >= min_rows else None
        if cols is None and gutters and end - i >= MIN_SHORT_ROWS and i >= held:
            cols, cells = _short_region(rows[i:end], gutters, size)  # columns by their text
            if cells:  # a table's rows: none of them starts short columns, nor its last row
                held = end
        if cols is None:
            plain.append(rows[i])
            i += 1
            continue
        start = _unruled_table(rows[i:end], cols, size)
        if start is not None:  # its rows stay rows
            tables.append((len(plain) + start, len(plain) + end - i))
            plain.extend(rows[i:end])
            i = end
            continue
        if plain:
            out += _plain_frames(plain, tables, page_right, known, size)
            plain, tables = [], []
        foot = min(ln.y0 for col in cols for ln in col)
        for col in cols:
            edge = min(ln.x0 for ln in col)
            out.append(Frame(_rows_of(col), True, max(ln.x1 for ln in col), edge, foot))
        i = end
    if plain:
        out += _plain_frames(plain, tables, page_right, known, size)
    return out


def _plain_frames(rows: list[tuple[Line, ...]], tables: list[tuple[int, int]],
                  page_right: float, known: Sequence[Interval], size: float) -> list[Frame]:
    """Rows read as they stand; as one column of the document's (`known` gutters) where all of
    them (but the rows above and below that hold only a running header, a page number:
    `edge_line`) stand in a column that is not its page's last and reach its edge: a last page
    whose text fills only its first column is that column, its lines measured to the gutter
    (else each line, ending half-way across the page, ends a paragraph)."""
    plain = [Frame(tuple(rows), False, page_right, tables=tuple(tables))]
    if not known or tables:  # (every page of a document without columns comes here)
        return plain
    small = [all(edge_line(ln, size) for ln in row) for row in rows]
    top = next((k for k, s in enumerate(small) if not s), len(rows))
    end = len(rows) - next((k for k, s in enumerate(reversed(small)) if not s), len(rows))
    edges = _column_of(rows[top:end], known, size)
    if edges is None:
        return plain
    left, right = edges
    body = rows[top:end]
    out = [Frame(tuple(rows[:top]), False, page_right)] if top else []
    out.append(Frame(tuple(body), True, right, left, min(ln.y0 for row in body for ln in row)))
    return out + ([Frame(tuple(rows[end:]), False, page_right)] if end < len(rows) else [])


def edge_line(line: Line, size: float) -> bool:
    """A line as a page's edges hold them beside its text: in smaller type (a running header,
    a footer) or a page number."""
    return line.size < SMALL * size or bool(PAGE_NUMBER.match(line.text.strip()))


def _column_of(rows: list[tuple[Line, ...]], known: Sequence[Interval],
               size: float) -> tuple[float, float] | None:
    """(left, right) edges of the column of the document's columns (`known`: its gutters, left
    to right) that every line of `rows` stands in, before a gutter, some line reaching it; or
    None."""
    if not known or len(rows) < 2:
        return None
    x0 = min(ln.x0 for row in rows for ln in row)
    x1 = max(ln.x1 for row in rows for ln in row)
    start = 0.0
    for a, b in sorted(known):
        if x1 <= a + INTRUSION * size:
            return (x0, a) if x0 >= start - INTRUSION * size and x1 >= a - 2 * size else None
        start = b
    return None


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
