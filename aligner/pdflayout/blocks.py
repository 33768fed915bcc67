"""Lines of a PDF into paragraph blocks: body, headings, footnotes, cover lines, table rows.

After furniture is gone (`furniture.py`), each page is split into
- its footnote area: the rows of smaller type at the foot, starting with a marker ("1", "*", a
  superscript number) or continuing the last footnote of the page before;
- table rows: rows of several lines (pieces the row does not join, `lines._tabular`: cells that
  line up with the row above or below, or stand far apart) and a table's rows of cells (`tables`,
  or unruled cells and blocks side by side whose lines wrap, `lines._wraps`: a cell's lines
  joined as a paragraph's); each cell is a block, row by row, never mixed into a paragraph,
  which goes on around the table (on a cover page, unruled cells' lines are cover lines);
- the cover region of a cover page: the lines above the first labelled paragraph, heading or
  running line of text (a body-size line that fills the column); a masthead field there
  ("Distr.: General", "Original: English": a label of one or two words and a colon) is an item;
- body lines, joined into paragraphs. A new paragraph starts at a change of type (size, bold:
  a heading line is bold throughout), a line that opens with a bold run-in heading followed by
  regular text of its size ("Keywords JavaScript, ..."), a vertical gap larger than the line
  spacing, a paragraph label ("12." hanging at the margin, "一、", "I."), a first-line indent
  (not a list item's next line hanging under its text after the label: `_hangs`), or after a
  line that ended early (the next line's first word would have fit on it) — so resolution
  paragraphs that end in a comma are found without a number. A paragraph continues
  across a page or column break unless one of these says otherwise, the page's foot left room,
  or, in justified text, its last line ended short of the measure; where nothing says it goes on
  either (the next line in lower case, the last ending in a hyphen or an opening bracket), the
  join is soft (`RawBlock.soft_breaks`: in paragraph units the other language decides). It goes
  on past a box in small type at the foot of a column (a copyright notice under a paper's first
  column: `_column_feet`), read after it, and past a masthead or running header set above the next
  column only, higher than the column before and in another type (`_column_heads`), read where
  the columns start.
The measure (where full lines end) is found from where most lines near the farthest end
(`_common_right`); in a short text (fewer than `MIN_FULL_LINES` body lines: one page of one-line
paragraphs) that guess may leave the one full line out, or no line may be full: there a Chinese
line the measure broke (`_broken_ends`) or the rule drawn over the text (`_drawn_frame`) gives it.
Lines are joined as the text reader joins wrapped lines (no space in Chinese, never one between
two Han characters; between a Chinese character and a Latin word or number as the paragraph,
else the document, writes it: `aligner.hanspace`), English line-end hyphens are undone only
where `hyphens.Vocabulary` says the joined word is a word. Superscript reference markers are
left out of the running text and recorded as furniture `footnote-ref`; on cover lines `*` marks
stay, as the text reader keeps them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import pairwise

from untm.aligner.clean import RawBlock, join_wrapped
from untm.aligner.contents import CONTENTS_PAGE, entry_tail
from untm.aligner.hanspace import HanSpacing
from untm.aligner.labels import ends_sentence
from untm.aligner.language import is_han
from untm.aligner.model import BlockKind, Furniture
from untm.aligner.pdflayout.chars import is_wide
from untm.aligner.pdflayout.figures import Measure, Wrap, wrap_page, wrapped
from untm.aligner.pdflayout.furniture import PageRows
from untm.aligner.pdflayout.hyphens import LineEndHyphens
from untm.aligner.pdflayout.lines import (
    BULLETS,
    SECTION_START,
    Line,
    first_word_chars,
    narrow_width,
)

SMALL = 0.88  # footnote type is at most this many body sizes
FOOT_ROOM = 2.0  # line spacings left free at a page's foot: its last paragraph ended there
MIN_PAGE_LINES = 10
MIN_FULL_LINES = 20  # lines across the page that tell where its text ends
OUTDENT = 0.8  # font sizes a cover line starting left of its block's lines is another item
COVER_SPACING = 1.15  # cover lines farther apart than this many body line spacings are items
HEADING_SIZE = 1.15
COMMON_END = 0.25  # share of the lines near the farthest that end at one place: a measure
JUSTIFIED_END = 0.3  # font sizes from the measure a justified line ends within
MIN_JUSTIFIED = 12  # Latin body lines, half of them at their measure: the text is justified
# a first-line indent (`_paragraph_indent`): a line this many font sizes short of the measure
# ended its paragraph; indents of `MIN_INDENT` to `MAX_INDENT` font sizes, shared by
# `INDENT_SHARE` of the paragraphs that follow such a line, `MIN_INDENTS` of them seen at least
SHORT_END = 3.0
MIN_INDENT = 0.8
MAX_INDENT = 6.0
INDENT_SHARE = 0.6
MIN_INDENTS = 5
FLUSH = 0.5  # points: lines that end this close end at one place
HEAD_APART = 1.5  # line spacings between a column's head and its first line, at the least
_NOTE_START = re.compile(r"^(\d{1,3}|\*{1,4}|[†‡])(?:\s+|(?=[^\d\s.,]))")
# a line ending so goes on in the next: a word's hyphen, a dash, an opening bracket or quote,
# an enumeration comma; not the clause punctuation a paragraph may end in (a resolution's
# preamble paragraph ends in a comma, its operative paragraph and a list item in a semicolon, a
# list's introduction in a colon)
_RUNS_ON = tuple("-‐‑–—/(（[［{《〈“‘「『、")
# a Chinese clause or sentence ends so: a wide line ending in it is running text (a
# paragraph's last line), not a masthead's or title's line
_CLAUSE_END = tuple("，。；：！？")
TIGHT_WRAP = 0.8  # of the commonest step: a line this close below a broken one goes on
MIN_PAGE_STEPS = 4  # steps below a page's full lines that show its own line spacing
MIN_TIGHT_WRAPS = 3  # such broken lines that tell a list of one-line items' spacing and measure
_STOPS = ".:;!?。：；！？"  # a line ending so ends its sentence or clause: it does not run on
_PARA_LABEL = re.compile(r"^\d{1,3}[.．]\s")
# a section's paragraph number ("13.8"), a label where it hangs before its text (`Line.text_x0`)
_BARE_NUMBER = re.compile(r"^\d{1,3}[.．]$")  # a paragraph's number, alone on its line
_BULLET_LABEL = re.compile(rf"^[{BULLETS}]\s")  # a list's bullet hanging before its text
_HEADING_LABEL = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[IVXL]{1,6}\.\s|[A-Z]\.\s)")
# a cover's field line: a label of one or two words and a colon, then its value ("Distr.:
# General", "Original: English", "原文：英文"): an item of the masthead of its own
_COVER_FIELD = re.compile(r"^[^\s:：]{1,16}(?: [^\s:：]{1,16})?[:：]\s*\S")


@dataclass
class _Block:
    lines: list[Line] = field(default_factory=list)
    cover: bool = False
    table: bool = False
    note: bool = False
    flowing: bool = False  # a note in the running text: lines may go on with it
    # lines that go on across a page or column break with no sign either way (`_soft_join`):
    # the paragraph may end there (`RawBlock.soft_breaks`; the other language decides)
    soft: list[int] = field(default_factory=list)

    @property
    def last(self) -> Line:
        return self.lines[-1]

    @property
    def cont_x(self) -> float:
        """Where the block's continuation lines start."""
        return self.lines[1].x0 if len(self.lines) > 1 else self.lines[0].text_x0

    @property
    def cont_offset(self) -> float:
        """Where the block's continuation lines start, from the edge of their column."""
        line = self.lines[1] if len(self.lines) > 1 else self.lines[0]
        return self.cont_x - line.left


@dataclass(frozen=True)
class _Metrics:
    size: float  # body font size
    pitch: float  # body line spacing (baseline to baseline)
    right: float  # the right edge of full body lines
    left: float  # the left edge of body lines
    bottom: float  # where a page's body text ends (the baseline of its last full page's line)
    # (page, frame) of a column -> the right edge of its full lines (`_common_right`)
    column_rights: dict[tuple[int, int], float] = field(default_factory=dict)
    justified: bool = False  # most body lines end at their measure: a short one ends its paragraph
    # page -> how far its text block stands right of the document's (mirrored margins of facing
    # pages: `_page_shifts`); `left` and `right` are those of the pages that do not stand apart
    shifts: dict[int, float] = field(default_factory=dict)
    # lines set beside a figure -> the measure they wrap in (`figures`), page by page
    wraps: dict[Line, Wrap] = field(default_factory=dict)
    # how far right of the margin the document's paragraphs open (a first-line indent), where
    # most of its paragraphs that follow a short last line on the same page do so (0: none)
    indent: float = 0.0
    # page -> its own line spacing inside paragraphs, where it differs from `pitch`
    # (`_page_pitches`: a bibliography set solid in a report set with open leading)
    page_pitches: dict[int, float] = field(default_factory=dict)

    def shift(self, page: int) -> float:
        return self.shifts.get(page, 0.0)

    def pitch_on(self, page: int) -> float:
        """The line spacing inside paragraphs on the page: its own, else the document's."""
        return self.page_pitches.get(page, self.pitch)

    def right_of(self, line: Line) -> float:
        """Where full lines end in the line's column, or across its page, or beside the figure
        it wraps around."""
        wrap = self.wraps.get(line) if self.wraps else None
        return wrap.right if wrap is not None and wrap.right else self._block_right(line)

    def _block_right(self, line: Line) -> float:
        if not line.right:
            return self.right + self.shift(line.page)
        return self.column_rights.get((line.page, line.frame), line.right)

    def left_of(self, line: Line) -> float:
        """Where lines start in the line's column, or across its page, or beside the figure it
        wraps around."""
        wrap = self.wraps.get(line) if self.wraps else None
        return wrap.left if wrap is not None and wrap.left else self.block_left(line)

    def block_left(self, line: Line) -> float:
        """Where lines start in the line's column, or across its page."""
        return line.left if line.right else self.left + self.shift(line.page)

    def measure(self) -> Measure:
        """The text block without the figures, as `figures` measures lines against it."""
        return Measure(self.block_left, self._block_right, self.size, self.pitch)


def _body_size(line: Line, size: float) -> bool:
    """The line is set in the body's type size."""
    return abs(line.size - size) <= 0.05 * size


def _ends_latin(line: Line) -> bool:
    """The line ends in a narrow (Latin) character, not a wide (CJK) one."""
    return not is_wide(line.text[-1:] or "a")


def _left_edge(lefts: list[float]) -> float:
    """Where lines start: near the leftmost of their starts (a few start further out)."""
    lefts = sorted(lefts)
    return lefts[int(0.1 * (len(lefts) - 1))]


def _page_shifts(pages: list[PageRows], size: float) -> dict[int, float]:
    """Pages whose whole text block stands apart from the others' (facing pages with mirrored
    margins: odd pages' lines start and end further right than even pages'), by how far: a page
    of enough body lines across it whose left edge and right edge (`_common_right`) both move
    by the same amount from those of most pages. Pages whose lines only start further in (a
    list, a quotation) do not stand apart."""
    edges: dict[int, tuple[float, float]] = {}
    for page in pages:
        lines = [row[0] for row in page.rows if len(row) == 1 and not row[0].right
                 and _body_size(row[0], size)]
        if len(lines) >= MIN_PAGE_LINES:
            edges[page.number] = (_left_edge([ln.x0 for ln in lines]),
                                  _common_right([ln.x1 for ln in lines], size))
    groups = Counter(round(left / size) for left, _ in edges.values())
    if len(groups) < 2:
        return {}
    most = groups.most_common(1)[0][0]
    ref = sorted(edge for edge in edges.values() if round(edge[0] / size) == most)
    left, right = ref[len(ref) // 2]
    return {number: x0 - left for number, (x0, x1) in edges.items()
            if abs(x0 - left) > 0.5 * size and abs((x1 - right) - (x0 - left)) <= 0.5 * size}


def _metrics(pages: list[PageRows], size: float) -> _Metrics:
    shifts = _page_shifts(pages, size)
    pitches: list[float] = []
    rights: list[float] = []
    lefts: list[float] = []
    bottoms: list[float] = []
    edges: list[tuple[float, float]] = []  # every body line's (x0, x1), columns' too
    column_ends: dict[tuple[int, int], list[float]] = {}
    for page in pages:
        body = [ln.y0 for row in page.rows for ln in row if _body_size(ln, size)]
        if len(body) >= MIN_PAGE_LINES:
            bottoms.append(min(body))
        prev: Line | None = None
        for row in page.rows:
            if len(row) != 1:
                prev = None
                continue
            line = row[0]
            if _body_size(line, size):
                edges.append((line.x0, line.x1))
                if not line.right:  # a column's lines end at the column's edge
                    shift = shifts.get(page.number, 0.0)
                    rights.append(line.x1 - shift)
                    lefts.append(line.x0 - shift)
                else:
                    column_ends.setdefault((line.page, line.frame), []).append(line.x1)
                if prev is not None and _body_size(prev, size):
                    d = _step(prev, line)
                    if 0.9 * size < d < 2.0 * size:
                        pitches.append(d)
            prev = line
    pitch = _line_pitch(pitches, size)
    if len(rights) < MIN_FULL_LINES:  # text in columns: the page's text spans them all
        lefts, rights = [x0 for x0, _ in edges], [x1 for _, x1 in edges]
    right = _common_right(rights, size) if rights else 0.0
    left = _left_edge(lefts) if lefts else 0.0
    if len(edges) < MIN_FULL_LINES:  # a short text: its lines' ends may not show the measure
        right = max([right, *_broken_ends(pages, size, pitch), *_drawn_frame(pages, size, left)])
    tight = _tight_wraps(pages, size, pitch)
    if len(tight) >= MIN_TIGHT_WRAPS:  # a list of one-line Chinese items, a few of them wrapped
        steps, ends = sorted(d for d, _ in tight), sorted(x for _, x in tight)
        pitch, right = steps[len(steps) // 2], max(right, ends[len(ends) // 2])
    bottoms.sort()
    bottom = bottoms[len(bottoms) // 2] if bottoms else 0.0  # a page's text ends there or lower
    columns = {key: _common_right(ends, size) for key, ends in column_ends.items()
               if len(ends) >= MIN_PAGE_LINES // 2}
    m = _Metrics(size, pitch, right, left, bottom, columns, shifts=shifts)
    m = replace(m, page_pitches=_page_pitches(pages, m))
    latin = [ln for page in pages for row in page.rows if len(row) == 1 for ln in row
             if _body_size(ln, size) and _ends_latin(ln)]
    ending = sum(1 for ln in latin if abs(m.right_of(ln) - ln.x1) <= JUSTIFIED_END * size)
    return replace(m, justified=len(latin) >= MIN_JUSTIFIED and ending >= 0.5 * len(latin),
                   indent=_paragraph_indent(pages, m))


def _paragraph_indent(pages: list[PageRows], m: _Metrics) -> float:
    """How far right of the margin the document's paragraphs open with a first-line indent. The
    lines that follow a clearly short line (a paragraph's last, `SHORT_END` font sizes or more
    before the measure) on the same page open paragraphs: most of them (`INDENT_SHARE`,
    `MIN_INDENTS` at the least) must be set in by one amount of `MIN_INDENT` to `MAX_INDENT`
    font sizes, and most of those followed by a line of their paragraph must have it start back at
    the margin (a first-line indent, not a block set in as a whole, a quotation or a
    resolution's preamble). 0 where paragraphs open at the margin, at no one indent, or too few
    are seen."""
    openings: list[tuple[float, float | None]] = []  # (its offset, the next line's offset)
    for page in pages:
        lines = [row[0] if len(row) == 1 and _body_size(row[0], m.size) else None
                 for row in page.rows]
        for k in range(1, len(lines)):
            prev, line = lines[k - 1], lines[k]
            if (line is None or prev is None or line.frame != prev.frame
                    or prev.text.endswith(("-", "‐"))
                    or m.right_of(prev) - prev.x1 <= SHORT_END * m.size):
                continue
            nxt = lines[k + 1] if k + 1 < len(lines) else None
            after = (nxt.x0 - m.block_left(nxt) if nxt is not None and nxt.frame == line.frame
                     and m.right_of(line) - line.x1 <= SHORT_END * m.size else None)
            openings.append((line.x0 - m.block_left(line), after))
    if len(openings) < MIN_INDENTS:
        return 0.0
    steps = Counter(round(2 * x / m.size) / 2 for x, _ in openings)
    step, count = steps.most_common(1)[0]
    if not MIN_INDENT <= step <= MAX_INDENT or count < INDENT_SHARE * len(openings):
        return 0.0
    indent = step * m.size
    followed = [after for x, after in openings
                if after is not None and abs(x - indent) <= 0.5 * m.size]
    back = sum(1 for after in followed if abs(after) <= 0.5 * m.size)
    return indent if followed and back >= INDENT_SHARE * len(followed) else 0.0


def _common_right(ends: list[float], size: float) -> float:
    """The right edge of full lines: where most of the lines that reach near the farthest ones
    end (justified lines end at the measure; a closing mark hanging past it, as Chinese sets
    "。" rather than begin a line with it, does not move it), else (ragged lines) near the
    farthest."""
    ends = sorted(ends)
    top = ends[int(0.9 * (len(ends) - 1))]
    near = Counter(round(2 * x) / 2 for x in ends if top - 1.5 * size <= x <= top)
    value, count = near.most_common(1)[0]
    return value if count >= COMMON_END * sum(near.values()) and value < top else top


def _broken_ends(pages: list[PageRows], size: float, pitch: float) -> list[float]:
    """Where the Chinese body lines that the measure broke end: a line ending in a Han
    character (not in punctuation: a Chinese paragraph ends in its punctuation, and Chinese
    breaks a line between any two characters, so a line that stops on a character stopped at
    the measure), not bold, followed at the line spacing by a line of its size that does not
    start further in (the paragraph going on, not a new one opening with an indent). Such a
    line is a full line, whichever way the measure is guessed from the lines' ends: in a short
    text (one page of one-line paragraphs, one of them wrapping) `_common_right` leaves the
    farthest line out as one running past the measure."""
    return [prev.x1 for prev, line in _han_breaks(pages, size)
            if 0.9 * size < prev.y0 - line.y0 <= 1.1 * pitch]


def _han_breaks(pages: list[PageRows], size: float) -> Iterable[tuple[Line, Line]]:
    """Each Chinese body line that ends in a Han character, not bold, with the line below it
    (alone on their rows, of the body's size, neither in a column, the lower not starting
    further in): a line the measure may have broken and its paragraph going on, whatever the
    step between them, which `_broken_ends` and `_tight_wraps` each bound."""
    for page in pages:
        for above, below in pairwise(page.rows):
            if len(above) != 1 or len(below) != 1:
                continue
            prev, line = above[0], below[0]
            if (_body_size(prev, size) and _body_size(line, size) and not prev.bold
                    and not prev.right and not line.right and is_han(prev.text[-1:])
                    and line.x0 <= prev.x0 + 0.5 * size):
                yield prev, line


def _tight_wraps(pages: list[PageRows], size: float, pitch: float) -> list[tuple[float, float]]:
    """(step, end) of each Chinese body line that the measure broke and that its paragraph's
    next line follows closer than the document's commonest spacing (`pitch`): a line ending in a
    Han character (`_broken_ends`), the next of its size `TIGHT_WRAP` of `pitch` below it or
    closer, not starting further in. In a list of one-line Chinese items (SDG indicators set by
    wkhtmltopdf) the commonest step is from item to item, and the measure, taken where most
    lines end, falls short of the long items; the few items that wrap show both the spacing
    inside a paragraph and where the measure is. Elsewhere the commonest step is the spacing
    inside paragraphs, and no line follows closer."""
    steps = ((_step(prev, line), prev.x1) for prev, line in _han_breaks(pages, size))
    return [(step, end) for step, end in steps if size <= step <= TIGHT_WRAP * pitch]


def _drawn_frame(pages: list[PageRows], size: float, left: float) -> list[float]:
    """Where the text block ends as the page draws it: a horizontal rule above every body line
    of its page (a masthead's or a running header's rule, drawn across the text block, not a
    table's or a form's rule among the lines) that starts at the body's left edge and reaches
    past every body line. In a short text of one-line paragraphs none of which fills its line,
    no line ends at the measure; the rule over the text still shows it. Only where no two body
    lines end at one place (`FLUSH`): the full lines of a justified text end so, and their
    measure is the text's own (a text set narrower than the rule over it)."""
    body = [ln for page in pages for row in page.rows for ln in row if _body_size(ln, size)]
    stops = sorted(ln.x1 for ln in body)
    if not stops or any(b - a <= FLUSH for a, b in pairwise(stops)):
        return []
    ends: list[float] = []
    for page in pages:
        top = max((ln.y1 for ln in body if ln.page == page.number), default=None)
        ends += [r.x1 for r in page.rules
                 if top is not None and r.y0 > top and r.y1 - r.y0 < 0.5 * size < r.x1 - r.x0
                 and abs(r.x0 - left) <= 0.5 * size and r.x1 >= stops[-1]]
    return ends


def _page_pitches(pages: list[PageRows], m: _Metrics) -> dict[int, float]:
    """Each page's own line spacing inside paragraphs, where it shows one other than the
    document's (`_Metrics.pitch`). A document may set its parts in different leading in one type
    size: a report's body 9.5 on 14 points, its bibliography (ten pages of it) 9.5 on 10.25.
    One spacing for all, the smallest common one, makes every step between the body's lines a
    paragraph's gap (found on a UNICEF Innocenti report, InDesign). A page's spacing is measured
    on the steps below its full lines only (body size, alone on their row, within `SHORT_END`
    font sizes of the measure, not ending a sentence or clause): a full line's paragraph goes
    on, so the step below it is a line spacing, never a gap between one-line items or
    paragraphs; `MIN_PAGE_STEPS` of one spacing at least, else the page keeps the document's.
    Only the gap test on a page (`_gap_on_page`) uses it."""
    own: dict[int, float] = {}
    for page in pages:
        steps: list[float] = []
        for above, below in pairwise(page.rows):
            if len(above) != 1 or len(below) != 1:
                continue
            prev, line = above[0], below[0]
            if (_body_size(prev, m.size) and _body_size(line, m.size) and prev.frame == line.frame
                    and not prev.text.endswith(tuple(_STOPS))
                    and m.right_of(prev) - prev.x1 <= SHORT_END * m.size):
                step = _step(prev, line)
                if 0.9 * m.size < step < 2.0 * m.size:
                    steps.append(step)
        pitch = _common_step(steps)
        if pitch is not None and abs(pitch - m.pitch) > 0.5:
            own[page.number] = pitch
    return own


def _common_step(steps: list[float]) -> float | None:
    """The smallest of `steps` that `MIN_PAGE_STEPS` of them share (within half a point)."""
    for value in sorted(steps):
        if sum(1 for s in steps if abs(s - value) <= 0.5) >= MIN_PAGE_STEPS:
            return value
    return None


def _line_pitch(pitches: list[float], size: float) -> float:
    """The line spacing inside paragraphs: the smallest spacing that is common (a document of
    one-line paragraphs has more gaps between paragraphs than lines inside them)."""
    if not pitches:
        return 1.2 * size
    pitches = sorted(pitches)
    need = max(3, int(0.05 * len(pitches)))
    for value in pitches:
        if value >= size and sum(1 for p in pitches if abs(p - value) <= 0.5) >= need:
            return value
    return max(pitches[len(pitches) // 2], size)


def _is_label_line(line: Line) -> bool:
    if _HEADING_LABEL.match(line.text):
        return True
    numbered = _PARA_LABEL.match(line.text) or SECTION_START.match(line.text)
    return bool(numbered) and line.text_x0 > line.x0 + 1


def _is_item_line(line: Line) -> bool:
    """A list item's first line: a bullet hanging before its text (`lines.BULLETS`; Word's
    bullet, then a tab to the item's indent). It starts a paragraph as a numbered paragraph's
    label does; it says nothing of where a cover page ends (a form's scan has stray bullets)."""
    return bool(_BULLET_LABEL.match(line.text)) and line.text_x0 > line.x0 + 1


def _under_number(block: _Block, line: Line, m: _Metrics) -> bool:
    """`line` opens the paragraph whose number ("12.") stands alone on the line above, the
    block's one line: on the same page and column, at the line spacing, not left of the number
    and no label itself. A paragraph is never its number alone: a layout engine that sets the
    number's box as a block of its own (MuPDF's HTML engine so sets an inline-block label that
    hangs in the paragraph's indent elsewhere) puts it on a line of its own above its text,
    which the number's short line would otherwise end as a paragraph."""
    first = block.lines[0]
    return (len(block.lines) == 1 and not block.cover and not block.table
            and _BARE_NUMBER.match(first.text) is not None
            and _BARE_NUMBER.match(line.text) is None and not _is_label_line(line)
            and line.page == first.page and line.frame == first.frame
            and line.x0 >= first.x0 - 0.5 * m.size and not _gap_on_page(block, line, m))


def _first_token_width(prev: Line, nxt: Line) -> float:
    """About how wide `nxt`'s first word is: a wide (CJK) character, after which a line may
    break, or the Latin letters and digits up to the first space or wide character, measured
    as `prev` sets them (the line that may have ended its paragraph is not stretched, where a
    justified `nxt` is)."""
    text = nxt.text
    if is_wide(text[0]):
        return (nxt.x1 - nxt.x0) / len(text)
    return first_word_chars(text) * (narrow_width(prev) or narrow_width(nxt))


def _ended_early(prev: Line, nxt: Line, m: _Metrics, right: float) -> bool:
    """The next line's first word would have fit on `prev` (before `right`): `prev` ended its
    paragraph."""
    if prev.text.endswith(("-", "‐")) or not _body_size(prev, m.size) or prev.bold:
        return False
    room = max(right, prev.x1) - prev.x1
    return room > _first_token_width(prev, nxt) + 0.6 * m.size


def _style_change(a: Line, b: Line, size: float) -> bool:
    return abs(a.size - b.size) > 0.08 * size or a.bold != b.bold


def _runs_on_in_size(prev: Line, line: Line, m: _Metrics) -> bool:
    """Whether `line` goes on the sentence of `prev` though its size differs a little: `prev`
    fills the measure and ends without a stop, `line` follows at the block's line pitch, of the
    same weight, larger than footnote type (`SMALL`) of the other. Type does not change size in
    mid-sentence at a line's end; the sizes of an OCR engine's text layer do, a point apart from
    line to line (its estimates, whole points: 8 then 9)."""
    small, big = sorted((prev.size, line.size))
    return (prev.bold == line.bold and small > SMALL * big and _body_size(prev, m.size)
            and prev.text[-1:] not in _STOPS
            and m.right_of(prev) - prev.x1 <= JUSTIFIED_END * m.size
            and abs(prev.y0 - line.y0 - m.pitch) <= 0.2 * m.pitch)


def _shift(block: _Block, line: Line, m: _Metrics) -> float:
    """How far right of the block's continuation lines `line` starts: against those in its own
    column and page; at the top of the next column, each from its column's edge; on the next
    page, each from its page's text block (`_Metrics.shifts`)."""
    prev = block.last
    here = [ln for ln in block.lines[1:] if ln.page == line.page and ln.frame == line.frame]
    cont = block.lines[1] if len(block.lines) > 1 else block.lines[0]
    ref = here[-1] if here else cont
    if m.wraps and (line in m.wraps or ref in m.wraps):  # beside a figure: from its own edge
        start = ref.x0 if ref is not block.lines[0] else ref.text_x0
        return (line.x0 - m.left_of(line)) - (start - m.left_of(ref))
    if here:
        return line.x0 - here[-1].x0
    if line.frame != prev.frame and line.right and prev.right:
        return (line.x0 - line.left) - block.cont_offset
    return (line.x0 - m.shift(line.page)) - (_cont_x(block, m) - m.shift(cont.page))


def _cont_x(block: _Block, m: _Metrics) -> float:
    """Where the block's continuation lines start. A paragraph of one line so far, opening with
    the document's first-line indent (no hanging label), would go on at the margin: its first
    line is no measure of that (a one-line paragraph at a page's foot, the next page's paragraph
    opening with the same indent, is two paragraphs)."""
    first = block.lines[0]
    if (len(block.lines) == 1 and m.indent and first.text_x0 <= first.x0
            and abs(first.x0 - m.block_left(first) - m.indent) <= 0.5 * m.size):
        return m.block_left(first)
    return block.cont_x


def _hangs(block: _Block, line: Line, m: _Metrics) -> bool:
    """`line` is the next line of a list item whose label opens the block's one line ("2） Also
    MounRiver Studio … can export WCH_LinkUtility", then "1.6 directly."), set with a hanging
    indent: it starts under the item's text after its label (`Line.hang`), on the same page and
    column, and the item's line left no room for its first word (measured to the text's edge,
    or to `line`'s own end where that reaches further: a line indented as deep that runs on
    past the item's end is a paragraph of its own, set under the item). Such a line is not a
    first-line indent."""
    first = block.lines[0]
    if (len(block.lines) != 1 or first.hang <= first.text_x0 + 1 or line.page != first.page
            or line.frame != first.frame or abs(line.x0 - first.hang) > 0.5 * m.size):
        return False
    return not _ended_early(first, line, m, max(m.right_of(first), line.x1))


def _right_aligned(block: _Block, line: Line, shift: float, m: _Metrics) -> bool:
    """A cover line starting left of its block's lines, not below a first line's indent: the
    next of right-aligned masthead lines."""
    prev = block.last
    width = (m.right_of(prev) - prev.left if prev.right
             else m.right - m.left)  # of the text, a column
    return (
        block.cover
        and shift < -OUTDENT * m.size
        and not (line.bold and prev.bold)
        and (len(block.lines) > 1 or prev.x1 - prev.x0 < 0.5 * width)
    )


def _under_right_half(block: _Block, line: Line, m: _Metrics) -> bool:
    """`line` starts far left of the block's last line, which starts in the right half of its
    column, on the same page and column: that line was set flush right or centred to the
    right (a masthead's "Distr.: General" and "Original: English" above the text on a first page
    no large type marks as a cover, a date or a place), and its block ends there. A paragraph's
    first line is set in by a few font sizes at most, never half its measure, and its next
    lines start at the margin; a line beside a figure (`figures`) is measured by its own edges,
    not here."""
    prev = block.last
    if line.page != prev.page or line.frame != prev.frame or (
            m.wraps and (line in m.wraps or prev in m.wraps)):
        return False
    left = m.left_of(prev)
    width = m.right_of(prev) - left
    return prev.x0 - left > 0.5 * width and prev.x0 - line.x0 > 0.25 * width


def _step(prev: Line, line: Line) -> float:
    """How far `line` stands below `prev`: the nearer of their bottoms' and their tops' steps.
    Where a producer's glyph boxes are their ink, a line's bottom is its lowest descender's
    ("Programme (UN-Habitat)" 2 points below "1. The United Nations Human Settlements"), its
    top its tallest letter's; one of the two steps is the line spacing or near it, the other
    off by a descender's depth or a capital's height (a paragraph's gap widens both)."""
    return min(prev.y0 - line.y0, prev.y1 - line.y1)


def _gap_on_page(block: _Block, line: Line, m: _Metrics) -> bool:
    """On one page and column: a vertical gap wider than the block's line spacing (a cover's
    lines spaced wider than text lines are items each), or the line above the last."""
    prev = block.last
    # a page's own spacing is its body lines' (`_page_pitches`); other type keeps the document's
    pitch = m.pitch_on(line.page) if _body_size(line, m.size) else m.pitch
    expected = pitch * line.size / m.size
    step = _step(prev, line)
    if block.cover and step > COVER_SPACING * expected:
        return True
    before = block.lines[-2] if len(block.lines) > 1 else None
    if before is not None and before.page == prev.page and before.frame == prev.frame:
        expected = min(expected, _step(before, prev))  # the block's own spacing
    return step > 1.3 * expected or line.y0 > prev.y0


def _ends_at_break(block: _Block, line: Line, m: _Metrics) -> bool:
    """Across a page or column break the paragraph goes on, unless the last line left room at
    the page's (the column region's) foot, or, in justified text, ended short of its measure (a
    justified line that goes on is stretched to it: only a paragraph's last line is not; Latin
    text, as Chinese lines may end a character short where the next may not start a line), or
    the next page prints the block's first line again (a title on a cover and on page 1);
    labels, indents and type are judged before."""
    prev = block.last
    foot = prev.foot if prev.right else m.bottom
    short = (m.justified and _ends_latin(prev)
             and m.right_of(prev) - prev.x1 > 2 * JUSTIFIED_END * m.size)
    return prev.y0 - foot > FOOT_ROOM * m.pitch or short or line.text == block.lines[0].text


def _emphasis_runs_on(block: _Block, line: Line) -> bool:
    """Whether `line` starts bold where the block's bold emphasis goes on: a paragraph that
    opened in regular type (a body paragraph, no heading) whose last line ends bold, begun in
    mid-line (`Line.tail_bold`) or bold throughout, and a line of the same size that starts
    bold, bold throughout or up to a return to regular type ("... The Advisory Committee
    trusts that", bold to the paragraph's end: its recommendation, as the Committee's reports
    set them). Weight alone says nothing there: the line goes on or not by the other signs."""
    prev = block.last
    return (not block.lines[0].bold and (prev.tail_bold or prev.bold)
            and (line.bold or line.runin) and abs(prev.size - line.size) <= 0.05 * prev.size)


def _starts_new(block: _Block, line: Line, m: _Metrics, *, same_page: bool) -> bool:
    prev = block.last
    if _emphasis_runs_on(block, line):
        pass  # no style change: bold emphasis running on from the line above
    elif (_style_change(prev, line, m.size) and not _runs_on_in_size(prev, line, m)
          ) or line.runin:
        return True  # a run-in heading opens its paragraph
    if _ends_entry(prev):
        return True  # a contents entry ends in its leader and page number
    if _under_number(block, line, m):
        return False  # the paragraph's number set on a line of its own above it
    # a cover line is as wide as its block (cover lines are set narrower than the text), a
    # column's line as its column; a contents entry's title, as far as it goes (`_title_right`)
    right = max(ln.x1 for ln in block.lines) if block.cover else _title_right(prev, line, m)
    early = _ended_early(prev, line, m, right)
    # a label ("一、", "I. ") starts a paragraph, but not where the full line before runs on
    # into it mid-word (a Chinese line broken before "一、第二、第三和第四条")
    labelled = _is_label_line(line) or _is_item_line(line)
    if labelled and (early or block.cover or not prev.text[-1:].isalnum()):
        return True
    if block.cover and _COVER_FIELD.match(line.text):
        return True
    shift = _shift(block, line, m)
    if (shift > 0.8 * m.size and not _hangs(block, line, m)) or _right_aligned(
            block, line, shift, m) or _under_right_half(block, line, m):
        return True  # a first-line indent; right-aligned cover lines; lines set flush right
    if early:
        return True
    if not _crosses_break(prev, line, same_page=same_page):
        return _gap_on_page(block, line, m)
    return _ends_at_break(block, line, m)  # a page break, or up to the next column's top


def _ends_entry(line: Line) -> bool:
    """`line` ends a contents entry: a leader and a page number close it (`aligner.contents`),
    or a page number set flush right in a column of such numbers (`Line.page_ref`)."""
    return bool(line.page_ref) or entry_tail(line.text) is not None


def _title_right(prev: Line, line: Line, m: _Metrics) -> float:
    """Where `prev`'s text could reach: its column's measure; where `line` ends a contents
    entry (`_ends_entry`) and `prev`, on the same page and column, ends none but spans half of
    `line` at least, `prev` is the title's first line, wrapped at the contents' right indent
    (which keeps titles clear of the page numbers, as far as the contents' style sets it): full,
    not a line that ended early. A group's heading over the entries ("Annex") is shorter."""
    if (_ends_entry(line) and not _ends_entry(prev) and line.page == prev.page
            and line.frame == prev.frame and prev.x1 - prev.x0 >= 0.5 * (line.x1 - line.x0)):
        return prev.x1
    return m.right_of(prev)


def _crosses_break(prev: Line, line: Line, *, same_page: bool) -> bool:
    """`line` follows `prev` across a page break, or up to the top of the next column."""
    return not same_page or (line.frame != prev.frame and line.y1 > prev.y0)


def _soft_join(prev: Line, line: Line, *, same_page: bool) -> bool:
    """A paragraph read on across a page or column break without a sign that it goes on (the
    next line in lower case, the last one ending in a hyphen, an opening bracket, an
    enumeration comma, or in a Han character: a Chinese paragraph ends in its punctuation): a
    paragraph that ended in a full last line, the next starting without indent or label, looks
    the same; the pipeline lets the other language decide (`RawBlock.soft_breaks`). Clause
    punctuation is no such sign (`_RUNS_ON`): "…经验和知识；" ending a page and "表示感谢…"
    opening the next are two operative paragraphs of a resolution, "… of resolution 77/109:" /
    "Good offices (including …)." a list's introduction and its first item; in Latin text,
    lower case after it still goes on."""
    return _crosses_break(prev, line, same_page=same_page) and not (
        line.text[:1].islower() or prev.text.endswith(_RUNS_ON)
        or is_han(prev.text[-1:]))


def _is_cover_end(line: Line, m: _Metrics) -> bool:
    """The cover ends at a labelled line (a paragraph's hanging number, "一、", "I."), at a
    numbered heading in bold or in heading type ("1. Overview", its number set with a space),
    or at a line of body text: bold, running across its column, or opening with a paragraph's
    number and across most of it ("1． 将 IAP 程序…。" under a title page's masthead, short of
    the measure: a masthead's lines carry no paragraph numbers)."""
    if _is_label_line(line):
        return True
    numbered = bool(_PARA_LABEL.match(line.text))
    if numbered and (line.bold or line.size >= HEADING_SIZE * m.size):
        return True
    if _body_size(line, m.size):  # bold, or a running line of text (of its column)
        left, right = m.block_left(line), m.right_of(line)
        wide = line.x1 - line.x0 >= 0.6 * (right - left)
        return line.bold or (wide and (numbered or line.x1 >= right - 2 * m.size
                                       or line.text.endswith(_CLAUSE_END)))
    return False


def _note_marker(line: Line) -> str | None:
    if line.lead_ref is not None:
        return line.lead_ref
    match = _NOTE_START.match(line.text)
    return match.group(1) if match else None


class _Builder:
    def __init__(
        self, lang: str, m: _Metrics, lines: Iterable[str], spacing: HanSpacing | None
    ) -> None:
        self.lang = lang
        self.m = m
        self.spacing = spacing
        self.blocks: list[_Block] = []
        self.current: _Block | None = None
        self.pending: list[Line] = []  # lines read apart, to follow the current block
        # blocks read apart to go after a block still open (`aside`), by its id
        self.after: dict[int, list[_Block]] = {}
        self.furniture: list[Furniture] = []
        # English line-end hyphens, undone where the joined word is a word
        self.hyphens = LineEndHyphens(lines) if lang == "en" else None

    def close(self) -> None:
        if self.current is not None:
            self.blocks.append(self.current)
            self.blocks.extend(self.after.pop(id(self.current), ()))
            self.current = None
        if self.pending:
            self.blocks.extend(_Block([line]) for line in self.pending)
            self.pending = []

    def add_apart(self, line: Line) -> None:
        """A line read apart (`Line.apart`: a stack of upright glyphs, a label in the margin or
        a sign) is a paragraph of its own, after the paragraph being read, which it does not
        interrupt (it stands beside that paragraph's lines or under its last)."""
        if self.current is None:
            self.blocks.append(_Block([line]))
        else:
            self.pending.append(line)

    def aside(self, lines: list[Line], *, cover: bool, after: bool = False) -> None:
        """Lines read apart from the running text (a column's foot or head): their own blocks,
        while the paragraph in progress is held, to go on after them; with `after`, the blocks
        are read after that paragraph (a column's head, read where its region starts, comes
        after the paragraph that runs into the region), else before it."""
        held, self.current = self.current, None
        pending, self.pending = self.pending, []  # (lines read apart follow the held block)
        start = len(self.blocks)
        for line in lines:
            self.add(line, cover=cover, same_page=True)
        self.close()
        self.current, self.pending = held, pending
        if after and held is not None:
            self.after.setdefault(id(held), []).extend(self.blocks[start:])
            del self.blocks[start:]

    def add(self, line: Line, *, cover: bool, same_page: bool) -> None:
        cur = self.current
        # a line that starts with a raised marker is a note, wherever it stands (endnotes, a
        # note in a column's flow); its next lines go on with it
        endnote = line.lead_ref is not None and not cover
        if (
            cur is not None
            and not endnote
            and cur.cover == cover
            and not (cur.table or (cur.note and not cur.flowing))
            and not _starts_new(cur, line, self.m, same_page=same_page)
        ):
            if not (cur.cover or cur.note) and _soft_join(cur.last, line, same_page=same_page):
                cur.soft.append(len(cur.lines))
            cur.lines.append(line)
            return
        self.close()
        self.current = _Block([line], cover=cover, note=endnote, flowing=endnote)

    def text(self, block: _Block) -> tuple[str, tuple[int, ...]]:
        """The block's text, and where its soft breaks (`_Block.soft`) fall in it. A contents
        entry's page number set without a leader (`Line.page_ref`) is taken off its title and
        reported (`contents-page-number`), as `clean` takes a leader and number off."""
        pieces = [self.line_text(line, block) for line in block.lines]
        last = block.lines[-1]
        if (last.page_ref and not block.table and pieces[-1].endswith(last.page_ref)
                and pieces[-1][:-len(last.page_ref)].strip()):
            pieces[-1] = pieces[-1][:-len(last.page_ref)].rstrip()
            self.furniture.append(Furniture(CONTENTS_PAGE, last.page_ref, last.page))
        local = self.spacing.within(pieces) if self.spacing is not None else None
        text = ""
        breaks: list[int] = []
        for k, (line, piece) in enumerate(zip(block.lines, pieces, strict=True)):
            if not text:
                text = piece
                continue
            joined = self.hyphens.join(text, piece, line.page) if self.hyphens else None
            before = text
            text = joined if joined is not None else join_wrapped(text, piece, self.lang, local)
            if k in block.soft and text.startswith(before.rstrip()):
                breaks.append(len(before.rstrip()))
        return text, tuple(breaks)

    def line_text(self, line: Line, block: _Block) -> str:
        if not line.refs:
            return line.text
        text = line.text
        for offset, marker in sorted(line.refs, reverse=True):
            if block.note and offset == 0:
                continue
            if block.cover and not marker.isdigit():
                text = text[:offset] + marker + text[offset:]
            else:
                self.furniture.append(Furniture("footnote-ref", marker, line.page))
        if block.note and line.lead_ref is not None:
            text = f"{line.lead_ref} {text}"
        return text


def _opens_note(line: Line, state: _NoteState) -> bool:
    """Whether `line` can be the first of a page's footnotes: it opens with a superscript
    marker, a symbol ("*", "†"), the document's next note number (1, or the one after the last
    read), or a later number followed by the note's words (a note or two before it missed:
    "4 For a critique of ..."). A bare number followed by figures or signs ("35 000 30 960
    150" under a chart, "21:45" of a timetable) opens a row of small-type figures at the foot,
    not a note: taken for one, the figures and every small-type row at the feet of the pages
    after were read as its continuation."""
    marker = _note_marker(line)
    if marker is None:
        return False
    if line.lead_ref is not None or not marker.isdigit():
        return True
    number = int(marker)
    words = line.text[len(marker):].lstrip()[:1].isalpha()
    return number in (1, state.number + 1) or (number > state.number and words)


def _footnote_area(
    rows: list[list[Line]], size: float, state: _NoteState
) -> tuple[int, list[_Block]]:
    """Where a page's footnote area starts (a row index) and the footnotes that start on it.

    The area is the run of small-type rows at the foot of the page; its first line starts a
    footnote, or continues the last footnote when the page before ended in footnotes."""
    start = len(rows)
    while start > 0 and all(ln.size <= SMALL * size for ln in rows[start - 1]):
        start -= 1
    area = [ln for row in rows[start:] for ln in row]
    if area and not state.open_notes and not _opens_note(area[0], state):
        return len(rows), []
    found: list[_Block] = []
    for line in area:
        marker = _note_marker(line)
        number = int(marker) if marker and marker.isdigit() else None
        if marker is not None and number in (None, state.number + 1, 1):
            state.number = number if number is not None else state.number
            found.append(_Block([line], note=True))
        elif found:
            found[-1].lines.append(line)
        elif state.open_notes:
            state.open_notes[-1].lines.append(line)  # continued from the page before
        else:  # the page's first note, numbered on from a note missed before (`_opens_note`)
            state.number = number if number is not None else state.number
            found.append(_Block([line], note=True))
    state.open_notes = found or ([] if start == len(rows) else state.open_notes)
    return start, found


def _frame_spans(rows: list[list[Line]]) -> list[tuple[int, int]]:
    """Each frame's rows of a page, as [start, end) row indices, in reading order."""
    spans: list[tuple[int, int]] = []
    for k, row in enumerate(rows):
        if spans and row[0].frame == rows[spans[-1][0]][0].frame:
            spans[-1] = (spans[-1][0], k + 1)
        else:
            spans.append((k, k + 1))
    return spans


def _head_rows(rows: list[list[Line]], above: float, m: _Metrics) -> int:
    """How many of a column's first rows are its head: rows that stand wholly higher than
    `above` (the top of the column before it), each in another type size or weight than the
    column's first row below them, the last apart from it by more than `HEAD_APART` line
    spacings (0: none)."""
    n = 0
    while n < len(rows) - 1 and all(ln.y0 > above for ln in rows[n]):
        n += 1
    if not n:
        return 0
    first = rows[n][0]
    apart = min(ln.y0 for ln in rows[n - 1]) - first.y0 > HEAD_APART * m.pitch * first.size / m.size
    styled = all(_style_change(ln, first, m.size) for row in rows[:n] for ln in row)
    return n if apart and styled else 0


def _column_heads(
    rows: list[list[Line]], m: _Metrics
) -> tuple[list[list[Line]], dict[Line, list[Line]]]:
    """A page's body rows without the heads of its columns, and those lines by the line they
    are read before: the first line of their region's first column. A column's head
    (`_head_rows`) stands above a column that follows another column of its region, higher
    than that column's first line and set apart from its own text in another type: a
    masthead or running header set over one column only ("Federal Register / Vol. 85, No. 152
    / Thursday, August 6, 2020" above a Federal Register page's right column). Read in the
    column's flow it ended the paragraph the column before left unended, and its last line
    took the column's first line into its own paragraph; without it, the column's first line
    follows the column before (`_ends_at_break`). Only where the column before ends
    mid-sentence: a column that starts higher than the one before it with a heading (the one
    before topped by a figure) follows a section's end, and stays as it stands."""
    spans = _frame_spans(rows)
    heads: dict[Line, list[Line]] = {}
    keep: list[list[Line]] = []
    first = 0  # the span of the region's first column
    for n, (start, end) in enumerate(spans):
        line = rows[start][0]
        before = rows[spans[n - 1][0]][0] if n else None
        if (before is not None and line.right and before.right and before.foot == line.foot
                and before.left < line.left and not ends_sentence(rows[start - 1][-1].text)):
            above = max(ln.y1 for ln in rows[spans[n - 1][0]])
            cut = start + _head_rows(rows[start:end], above, m)
            if cut > start:
                at = rows[spans[first][0]][0]
                heads.setdefault(at, []).extend(ln for row in rows[start:cut] for ln in row)
            start = cut
        else:
            first = n
        keep.extend(rows[start:end])
    return keep, heads


def _column_feet(rows: list[list[Line]], size: float) -> tuple[list[list[Line]], list[Line]]:
    """A page's body rows without the small-type rows at the foot of a column that another
    frame follows (a copyright or note box under a paper's first column), and those lines. The
    column's text then ends where its body rows end: a paragraph cut by the box goes on at the
    top of the next column (`_ends_at_break`)."""
    spans = _frame_spans(rows)
    if len(spans) < 2:
        return rows, []
    keep: list[list[Line]] = []
    aside: list[Line] = []
    for n, (start, end) in enumerate(spans):
        cut = end
        if n < len(spans) - 1 and rows[start][0].right:  # a column with a frame after it
            while cut > start + 1 and all(ln.size <= SMALL * size for ln in rows[cut - 1]):
                cut -= 1
            if all(ln.size <= SMALL * size for ln in rows[cut - 1]):
                cut = end  # all small: a column in small type, not a box at its foot
        if cut == end:
            keep.extend(rows[start:end])
            continue
        aside.extend(ln for row in rows[cut:end] for ln in row)
        foot = min(ln.y0 for row in rows[start:cut] for ln in row)
        keep.extend([replace(ln, foot=foot) for ln in row] for row in rows[start:cut])
    return keep, aside


@dataclass
class _NoteState:
    number: int = 0  # the last footnote number seen
    open_notes: list[_Block] = field(default_factory=list)  # the last page's footnotes


def _hint(block: _Block, size: float) -> BlockKind | None:
    if block.note:
        return BlockKind.FOOTNOTE
    if block.cover:
        return BlockKind.COVER
    if len(block.lines) <= 3 and all(
        ln.bold or ln.size >= HEADING_SIZE * size for ln in block.lines
    ):
        return BlockKind.HEADING
    return None


def _cells(lines: list[Line]) -> list[list[Line]]:
    """A table row's lines by cell: the lines of one cell of a table (`Line.cell`) together,
    every other line a cell of its own."""
    out: list[list[Line]] = []
    for ln in lines:
        if out and ln.cell and out[-1][-1].cell == ln.cell:
            out[-1].append(ln)
        else:
            out.append([ln])
    return out


def build_blocks(
    pages: list[PageRows],
    covers: set[int],
    size: float,
    lang: str,
    spacing: HanSpacing | None = None,
) -> tuple[list[RawBlock], list[Furniture]]:
    """Raw blocks of the whole document in reading order, and what was left out of them
    (`spacing`: a Chinese document's evidence of how it writes mixed boundaries)."""
    m = _metrics(pages, size)
    lines = (ln.text for page in pages for row in page.rows for ln in row)
    b = _Builder(lang, m, lines, spacing)
    state = _NoteState()
    for page in pages:
        start, page_notes = _footnote_area(page.rows, size, state)
        body, aside = _column_feet(page.rows[:start], size)
        body, heads = _column_heads(body, m)
        in_cover = page.number in covers
        if not in_cover:  # (a cover's emblem stands beside masthead lines that have their rules)
            figures = wrapped(page.figures, page.width, page.height, size)
            body, captions, beside = wrap_page(body, figures, m.measure())
            m.wraps.update(beside)
            aside = captions + aside  # read after the text that wraps around them
        first_on_page = True
        for row in body:
            if heads and row[0] in heads:  # read apart, before their region's first column
                b.aside(heads.pop(row[0]), cover=in_cover, after=True)
            if row[0].apart:
                for line in row:
                    b.add_apart(line)
                continue
            # lines apart on a row: cells (`lines._tabular`); a table's row of cells (`tables`,
            # or cells found by their wrapped lines, which a cover's lines are not: its
            # masthead's lines have their rules)
            if (row[0].cell and not (in_cover and row[0].unruled)) or (
                    len(row) >= 2 and not in_cover):
                b.close()
                b.blocks.append(_Block(list(row), table=True))
                continue
            for line in row:
                if in_cover and _is_cover_end(line, m):
                    in_cover = False
                b.add(line, cover=in_cover, same_page=not first_on_page)
                first_on_page = False
        for left in heads.values():  # (their region's first line went as a caption)
            b.aside(left, cover=page.number in covers, after=True)
        # footnotes and boxes at a column's foot go after the page's body (the paragraph may
        # continue on the next page); a contents entry closed by its page number goes on on no
        # page (`_starts_new`), so it ends here, read before them (A/81/6 (Sect. 13): the
        # cover's last entry, "Programme of work", was read after the cover's footnotes)
        if b.current is not None and not b.current.table and _ends_entry(b.current.last):
            b.close()
        b.aside(aside, cover=False)
        b.blocks.extend(page_notes)
    b.close()
    raw: list[RawBlock] = []
    for block in b.blocks:
        if block.table:  # one block per cell, row by row (CAT tools segment tables so)
            raw.extend(
                RawBlock(text=b.text(_Block(lines, table=True))[0], line=lines[0].page,
                         hint=BlockKind.BODY, cell=True)
                for lines in _cells(block.lines)
            )
            continue
        text, soft = b.text(block)
        raw.append(RawBlock(text=text, line=block.lines[0].page, hint=_hint(block, size),
                            soft_breaks=soft))
    return raw, b.furniture + (b.hyphens.found if b.hyphens is not None else [])
