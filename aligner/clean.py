"""Cleaning extracted text into paragraphs: furniture out, wrapping joined, labels recognised.

Input is decoded text (PDF-extracted plain text) or blocks a structured reader (docx, html)
already found. What cleaning removes is returned as `Furniture` (form feeds, control characters,
bare page-number lines, running headers and footers, the spaces of spaced-out Chinese), never
silently dropped. A text goes through passes (`clean_plain_text`), each returning what it
removed: `_prepare` (controls, spaced-out Chinese), `_page_lines` (page furniture), then the
paragraph blocks (`_blocks_by_evidence` or `_blocks_by_blank_lines`), then `build_paragraphs`.

Paragraph rules, in order:
- Chinese text spaced out by a PDF text layer ("联 合 国") is joined first (`aligner.hanspace`);
- page furniture lines go first, by the rules the PDF reader feeds too (`aligner.furniture`):
  page and job numbers, recycling notes, and in a paged text (form feeds) the symbol atop a
  page and lines recurring at page tops or bottoms (the first and last two lines of a page are
  at its edge);
- `pdftotext`'s habits are undone (`aligner.linebreaks.reader_lines`): the words of a
  justified line written one a block are that line again; a paragraph number apart from its
  text is not parted from it by the blank line after it;
- in a paged text, numbered footnotes at a page's foot (`aligner.pagenotes`) are footnote
  paragraphs of their own, and the paragraph they interrupted is read across them;
- a file whose lines were wrapped at a text width (PDF-extracted; in a text too short for line
  statistics, where its long lines stop mid-sentence) has its paragraph ends recovered from
  line evidence: blank lines, lengths against the page's width, indentation, labels, sentence
  ends, resolution openers (`aligner.linebreaks`); in any other file blocks are separated by
  blank lines and lines inside a block are joined, unless the next line starts a labelled
  paragraph (number, heading, footnote marker) or is a bare label (which goes with the line
  after it), but a run of lines that is a stack of fields, cells or entries (a form, a
  timetable, a spreadsheet's column as pdftotext writes them: lines ending short of the run's
  measure, or values shorter than any measure, `linebreaks.stacked`) is one paragraph a line,
  and a block continues the paragraph before a blank line only where that one's last line ran
  full; a file without blank lines is read one paragraph per line. Lines join English
  with a space, Chinese without; a line ending in a word hyphen joins without a space and keeps
  the hyphen, except in wrapped English where the joined word is a word (`pdflayout.hyphens`,
  recorded as `hyphenation`); in wrapped text a label alone on its line joins the next;
- "12.\\tText" is a numbered paragraph (label "12", text "12. Text"); "一、背景" / "I. Background"
  / "A. Title" are headings; "* text" / "** text" are footnotes;
- blocks before the first heading or numbered paragraph (or the first block of running text,
  `covers.running_text`) are the cover; a later document's cover (where the labels start again)
  is found by `aligner.covers`;
- after that, an unlabelled block continues the last running-text paragraph: it is joined to it
  when that paragraph ends mid-sentence (a page break or a footnote interrupted it), otherwise it
  is a separate paragraph carrying the same label.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from untm.aligner.contents import CONTENTS_PAGE, entry_tail, listed, split_entry
from untm.aligner.covers import COVER_MAX_CHARS, Label, later_covers, running_text
from untm.aligner.furniture import (
    PAGE_NUMBER,
    Edge,
    PageLine,
    find_furniture,
    furniture_of_blocks,
    is_slug,
    recorded,
)
from untm.aligner.glyphforms import ordinary_forms
from untm.aligner.hanspace import HanSpacing, despace_lines, is_cjk
from untm.aligner.labels import (
    FOOTNOTE,
    NUM_PARA,
    display_width,
    ends_sentence,
    label_kind,
    starts_label,
)
from untm.aligner.language import is_han
from untm.aligner.linebreaks import (
    BARE_LABEL,
    BLANK_TOLERANCE,
    MIN_NARROW_WIDTH,
    MIN_WRAP_WIDTH,
    WIDTH_QUANTILE,
    Line,
    fills,
    hard_wrapped,
    line_breaks,
    quantile,
    reader_lines,
    run_measure,
    scattered_words,
    stack_entries,
    stacked,
    wrapped_narrow,
    wrapped_short_text,
)
from untm.aligner.model import BlockKind, Furniture, Paragraph
from untm.aligner.pagenotes import Note, page_notes
from untm.aligner.pdflayout.hyphens import LineEndHyphens

_CONTROL_KEEP = "\t\n"
APART_WIDTH = 0.7  # share of the text's width: a shorter line may be a running head
FRAGMENT_WIDTH = 3  # columns: a line narrower than this is a piece of a word, not a field
_CELL_GAP = re.compile(r"\s{3,}")  # between the cells of a row in `pdftotext -layout` output
_NOTE_NUMBER = re.compile(r"^(\d{1,3})\s")


@dataclass(frozen=True)
class RawBlock:
    """A block of text before classification: one paragraph candidate from a reader."""

    text: str
    line: int = 0
    hint: BlockKind | None = None  # what the reader already knows (docx heading style, footnote)
    joinable: bool = False  # may continue the previous paragraph when that ends mid-sentence
    cell: bool = False  # a table cell: never joined to running text, which goes on around it
    # where the paragraph may end although the reader joined it: a page or column break with
    # nothing on the page to tell (offsets into `text`; `Paragraph.soft_breaks`)
    soft_breaks: tuple[int, ...] = ()


@dataclass(frozen=True)
class CleanedText:
    """Paragraphs in reading order plus the furniture removed on the way."""

    paragraphs: tuple[Paragraph, ...]
    furniture: tuple[Furniture, ...]


def _is_noncharacter(ch: str) -> bool:
    """Unicode noncharacters (U+FFFE, U+FFFF, U+FDD0..U+FDEF, …): never valid in XML output."""
    code = ord(ch)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def strip_controls(text: str, *, line: int) -> tuple[str, list[Furniture]]:
    """The text without form feeds and control/format characters, and each one as furniture
    (at `line`)."""
    if text.isprintable():
        return text, []
    found: list[Furniture] = []
    out: list[str] = []
    for ch in text:
        if ch in _CONTROL_KEEP:
            out.append(ch)
            continue
        cat = unicodedata.category(ch)
        if ch == "\f":
            found.append(Furniture("form-feed", "\\f", line))
        elif cat in ("Cc", "Cf", "Zl", "Zp", "Cs") or _is_noncharacter(ch):
            found.append(Furniture("control-char", f"U+{ord(ch):04X}", line))
            if ch in "\v\u2028\u2029\x85":
                out.append(" ")
        else:
            out.append(ch)
    return "".join(out), found


def normalize_space(text: str) -> str:
    """Tabs and runs of spaces become one space; the ends are stripped."""
    return re.sub(r"[ \t\u00a0]+", " ", text).strip()


def join_wrapped(
    left: str, right: str, lang: str, spacing: HanSpacing | None = None
) -> str:
    """Join two pieces of one paragraph split by a line or page break.

    English joins with a space, but not between two Chinese characters (a Chinese name in
    brackets wrapped in an English table); Chinese joins without one unless both sides are
    Latin letters, digits or ASCII punctuation, or one side is a Chinese character and the
    other a Latin word or number where the document's usage (`spacing`, from
    `aligner.hanspace`: the paragraph's own, else the document's) writes that boundary with a
    space ("2023 年" + "3 月"). A line ending in a hyphen after a letter ("decision-" +
    "making", or the typographic hyphen U+2010, "non‐" + "political") joins without a space and
    keeps the hyphen: nothing is deleted. So does a line ending in a slash inside a word or
    symbol ("HSP/" + "HA.1/Res.1", "万吨/" + "年": a typesetter may break after a slash, UAX #14;
    a slash set apart, "income /", keeps the space), and a line ending in an en dash or figure
    dash between numbers, a range ("(2022–" + "2027)": UAX #14 breaks after a dash too; a dash
    set apart, "rights –", keeps the space).
    """
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    if left.endswith(("-", "‐")) and len(left) > 1 and left[-2].isalpha():
        return left + right
    if left.endswith("/") and len(left) > 1 and left[-2].isalnum() and right[0].isalnum():
        return left + right
    if left.endswith(("–", "‒")) and len(left) > 1 and left[-2].isdigit() and right[0].isdigit():
        return left + right
    if lang == "zh" and not (left[-1].isascii() and right[0].isascii()):
        if spacing is not None and spacing.join_spaced(left, right):
            return left + " " + right
        return left + right
    if is_cjk(left[-1]) and is_cjk(right[0]):
        return left + right
    return left + " " + right


def _normalize_body_label(text: str) -> str:
    return _normalize_label_text(text, BlockKind.BODY)


def _normalize_label_text(text: str, kind: BlockKind) -> str:
    """ "12.\\tText" → "12. Text"; headings and footnotes keep their own spacing."""
    if kind is BlockKind.BODY:
        m = NUM_PARA.match(text)
        if m:
            head = text[: m.end()].rstrip(" \t\u3000")
            return f"{head} {text[m.end() :]}"
    return text


@dataclass(frozen=True)
class _Lines:
    """The lines of a text, ready for paragraph recovery: controls out, spaced-out Chinese
    joined; with the line numbers that start a page (after a form feed) and that end in a soft
    hyphen, the document's Chinese spacing, and what was removed."""

    lines: tuple[str, ...]
    feeds: frozenset[int]
    soft_hyphenated: frozenset[int]
    spacing: HanSpacing | None
    furniture: tuple[Furniture, ...]


def _prepare(text: str, lang: str, *, han_pairs: bool = False) -> _Lines:
    """Pass 1: the text's lines without control characters, spaced-out Chinese joined (with
    `han_pairs`, any lone space between two Han characters too)."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    soft = frozenset(i + 1 for i, line in enumerate(raw) if line.rstrip().endswith("\u00ad"))
    furniture: list[Furniture] = []
    lines: list[str] = []
    for i, line in enumerate(raw):
        clean, found = strip_controls(line, line=i + 1)
        lines.append(clean)
        furniture += found
    feeds = frozenset(f.line for f in furniture if f.kind == "form-feed")
    spacing = None
    if lang == "zh":
        despaced = despace_lines(lines, han_pairs=han_pairs)
        lines, spacing = list(despaced.lines), despaced.spacing
        furniture += despaced.furniture(range(1, len(lines) + 1))
    return _Lines(tuple(lines), feeds, soft, spacing, tuple(furniture))


def _nonblank(lines: Sequence[str], feeds: frozenset[int]) -> list[Line]:
    """The non-blank lines with their page (form feeds before) and a blank line before."""
    content: list[Line] = []
    page, blank = 0, False
    for i, raw in enumerate(lines):
        page += (i + 1) in feeds
        text = raw.strip()
        if not text:
            blank = True
            continue
        indent = display_width(raw[: len(raw) - len(raw.lstrip())].expandtabs(8))
        content.append(Line(i + 1, text, indent, page, blank and bool(content)))
        blank = False
    return content


def _page_view(content: Sequence[Line], paged: bool) -> list[PageLine]:
    """The lines as the furniture rules see them: in a paged text the first and last two lines
    of a page are at its edge, the first and last outermost (a first page's slug lines, job
    number, barcode, recycling note, are counted out: the page number above them is at the
    edge); a line stands apart when it has no paragraph label and is shorter than
    `APART_WIDTH` of the text's width."""
    if not paged:
        return [PageLine(ln.text, 0) for ln in content]
    limit = APART_WIDTH * quantile([ln.right for ln in content], WIDTH_QUANTILE)
    by_page: dict[int, list[int]] = {}
    for k, ln in enumerate(content):
        if not is_slug(ln.text):
            by_page.setdefault(ln.page, []).append(k)
    view: list[PageLine] = []
    for k, ln in enumerate(content):
        ks = by_page.get(ln.page, [])
        rank = ks.index(k) if k in ks else (0 if not ks or k < ks[0] else len(ks) - 1)
        edge: Edge | None = "top" if rank < 2 else "bottom" if rank >= len(ks) - 2 else None
        apart = not starts_label(ln.text) and ln.right <= limit
        outer = rank == 0 or rank == len(ks) - 1
        view.append(PageLine(ln.text, ln.page + 1, edge, outer, apart))
    return view


def _cells(view: Sequence[PageLine]) -> tuple[list[PageLine], list[int]]:
    """The view with each line at a page's edge that `pdftotext -layout` wrote as cells apart
    by wide gaps (a UN first page's foot: job number, barcode, recycling note on one row) as
    one line a cell, on one row; and the line each entry comes from."""
    cells: list[PageLine] = []
    owner: list[int] = []
    for k, pl in enumerate(view):
        parts = _CELL_GAP.split(pl.text.strip()) if pl.edge is not None else [pl.text]
        for part in parts:
            cells.append(replace(pl, text=part, row=k) if len(parts) > 1 else pl)
            owner.append(k)
    return cells, owner


def _furniture_lines(found: dict[int, str], owner: Sequence[int]) -> set[int]:
    """The lines each of whose cells is furniture (`found`, by cell; a row of bare numbers is a
    table's, and `find_furniture` finds no page number in it)."""
    kinds: dict[int, list[str | None]] = {}
    for i, k in enumerate(owner):
        kinds.setdefault(k, []).append(found.get(i))
    return {
        k
        for k, row in kinds.items()
        if None not in row
    }


def _page_lines(lines: Sequence[str], feeds: frozenset[int]) -> tuple[list[Line], list[Furniture]]:
    """Pass 2: the non-blank lines without page furniture (`aligner.furniture`: page and job
    numbers, recycling notes, in a paged text the symbol atop a page and lines recurring at the
    tops or bottoms of pages; a line of cells at a page's edge when each cell is, `_cells`, but
    for a row of page numbers), and the furniture. A blank line next to removed lines still
    separates what is around them."""
    content = _nonblank(lines, feeds)
    cells, owner = _cells(_page_view(content, bool(feeds)))
    found_cells = find_furniture(cells)
    found = _furniture_lines(found_cells, owner)
    found_cells = {i: kind for i, kind in found_cells.items() if owner[i] in found}
    kept = _without(content, {content[k].number for k in found})
    return kept, recorded(cells, found_cells, [content[k].number for k in owner])


def _without(content: Sequence[Line], removed: set[int]) -> list[Line]:
    """The lines but those numbered in `removed`; a blank line next to removed lines still
    separates what is around them."""
    kept: list[Line] = []
    gap = False
    for ln in content:
        if ln.number in removed:
            gap = gap or ln.blank_before
            continue
        blank = bool(kept) and (gap or ln.blank_before)
        # the line itself where nothing changes: it keeps its measured width
        kept.append(ln if blank == ln.blank_before else replace(ln, blank_before=blank))
        gap = False
    return kept


def _groups(content: Sequence[Line]) -> list[list[Line]]:
    """The runs of lines between blank lines."""
    groups: list[list[Line]] = []
    for ln in content:
        if ln.blank_before or not groups:
            groups.append([])
        groups[-1].append(ln)
    return groups


def _text_blocks(prepared: _Lines, lang: str) -> tuple[list[RawBlock], list[Furniture]]:
    """Passes 3 and 4: page furniture out, then paragraph blocks (by line evidence in a
    hard-wrapped text, by blank lines in any other) and the page notes; the furniture of
    both."""
    content, furniture = _page_lines(prepared.lines, prepared.feeds)
    content = reader_lines(content)
    notes = page_notes(content) if prepared.feeds else []
    if notes:
        content = _without(content, {ln.number for note in notes for ln in note.lines})
    groups = _groups(content)
    blank_mode = len(groups) >= 3 and len(content) <= 12 * len(groups)
    widths = [display_width(ln.text) for ln in content]
    wrapped = hard_wrapped(widths) or wrapped_narrow(content, widths)
    hyphens = None
    if not (wrapped or wrapped_short_text(content)):
        blocks = _blocks_by_blank_lines(groups, lang, prepared, blank_mode)
    else:
        if lang == "en" and any(ln.text.endswith("-") for ln in content):
            hyphens = LineEndHyphens(ln.text for ln in content)
        blocks = _blocks_by_evidence(content, lang, prepared, blank_mode, hyphens)
    blocks = _with_notes(blocks, notes)
    return blocks, furniture + (hyphens.found if hyphens is not None else [])


def _with_notes(blocks: list[RawBlock], notes: Sequence[Note]) -> list[RawBlock]:
    """The paragraph blocks with the page notes (`aligner.pagenotes`) as footnote blocks where
    they stand; a block right after a note may continue the paragraph before it."""
    if not notes:
        return blocks
    merged = sorted(
        [*blocks, *(RawBlock(n.text, n.lines[0].number, BlockKind.FOOTNOTE) for n in notes)],
        key=lambda b: b.line,
    )
    return [
        replace(b, joinable=True) if k and merged[k - 1].hint is BlockKind.FOOTNOTE else b
        for k, b in enumerate(merged)
    ]


def _runs_of(group: Sequence[Line], blank_mode: bool) -> Iterator[list[Line]]:
    """A blank-separated group's paragraphs: in a text whose paragraphs are apart by blank
    lines, the group, cut before a labelled paragraph or a bare label ("1.", which goes with
    the line after it) and around a bare number; in any other, each line (a text written one
    paragraph a line may give a label a line of its own)."""
    current: list[Line] = []
    for ln in group:
        if current and (
            not blank_mode
            or (
                not BARE_LABEL.match(current[-1].text)
                and (
                    starts_label(ln.text)
                    or BARE_LABEL.match(ln.text)
                    or entry_tail(current[-1].text) is not None
                    or _heads_entry(current[-1], ln)
                    or PAGE_NUMBER.match(current[-1].text)
                    or PAGE_NUMBER.match(ln.text)
                )
            )
        ):
            yield current
            current = []
        current.append(ln)
    if current:
        yield current


def _heads_entry(prev: Line, line: Line) -> bool:
    """`prev`, a line of no contents entry, is a heading over the entry `line` ends ("Annex"
    over "List of documents ........ 6"), not the first line of its title: it stops short of
    half the entry's line, where a title wraps only when it ran to the contents' measure."""
    return (entry_tail(line.text) is not None and entry_tail(prev.text) is None
            and prev.right < 0.5 * line.right)


def _blocks_by_blank_lines(
    groups: Sequence[Sequence[Line]], lang: str, prepared: _Lines, blank_mode: bool
) -> list[RawBlock]:
    """A text that is not hard-wrapped: paragraphs apart by blank lines (`_runs_of`). A block
    after a page break or a bare number may continue the paragraph before it.

    In a text whose paragraphs are apart by blank lines (`blank_mode`), a run of lines that is
    a stack of fields, cells or entries (`linebreaks.stacked`: its lines end short of its
    measure, where wrapped prose runs to it; a form, a timetable, a spreadsheet's column, as
    `pdftotext` writes them) gives one block a line (`linebreaks.stack_entries`), none of them
    continuing the paragraph before; and a block after a blank line continues the paragraph
    before it only where that one's last line ran to its measure (`linebreaks.fills`) or is as
    long as a page's measure can be (`MIN_WRAP_WIDTH`: a text written one paragraph a line): a
    paragraph cut by a blank line was cut where a line ran full, and a field or heading set
    alone ends short.
    """
    blocks: list[RawBlock] = []
    every = [ln for group in groups for ln in group]
    text_measure = run_measure(every, whole_text=True)
    # a text whose lines are mostly shorter than any measure (a timetable's times, a column
    # of figures) has no measure: a line alone between blank lines is an entry of its own
    measured = quantile([ln.right for ln in every], WIDTH_QUANTILE) >= MIN_NARROW_WIDTH
    # a text most of whose lines are narrower than a word ("e,", "ld", "!": the letters of a
    # rotated or scattered drawing, which pdftotext writes a piece a line), or whose words
    # pdftotext scattered a line each (`linebreaks.scattered_words`), holds no fields
    fields = (blank_mode and quantile([ln.right for ln in every], 0.5) >= FRAGMENT_WIDTH
              and not scattered_words(every))
    # the last line of running text, and its measure (None: a line alone in a text of lines
    # shorter than any measure)
    last: tuple[Line, float | None] | None = None
    for group in groups:
        stack = fields and stacked(group, lang, text_measure)
        runs = stack_entries(group, lang) if stack else list(_runs_of(group, blank_mode))
        for k, run in enumerate(runs):
            first = run[0].number
            after_break = (
                first in prepared.feeds
                or first - 1 in prepared.feeds
                or bool(blocks and PAGE_NUMBER.match(blocks[-1].text))
            )
            joinable = after_break
            if fields and last is not None and k == 0:
                # a page break since the last line of running text (its furniture gone)
                joinable = joinable or any(
                    n in prepared.feeds for n in range(last[0].number + 1, first + 1))
            if blank_mode and not stack:
                joinable = joinable or k > 0 or not fields or (
                    last is not None and last[1] is not None
                    and (last[0].right >= MIN_WRAP_WIDTH
                         or fills(last[0], run[0].text, last[1], lang, BLANK_TOLERANCE))
                )
            blocks.append(_join_block(run, lang, joinable, prepared, None))
        measure = run_measure(group) if len(group) > 1 else text_measure
        last = None if stack else (group[-1], measure if measured or len(group) > 1 else None)
    return blocks


def _blocks_by_evidence(
    content: list[Line],
    lang: str,
    prepared: _Lines,
    blank_mode: bool,
    hyphens: LineEndHyphens | None,
) -> list[RawBlock]:
    """Hard-wrapped text: paragraph ends from line evidence (`aligner.linebreaks`). A block
    right after footnotes, or after a blank line that follows a full line stopping
    mid-sentence, may continue the paragraph before it (`build_paragraphs` joins it when that
    ends mid-sentence); any other block stands as the evidence says."""
    groups: list[list[Line]] = []
    soft: list[bool] = []
    breaks = line_breaks(content, lang, blank_structure=blank_mode)
    open_ends = {ln.number for ln, maybe in zip(content, breaks.undecided, strict=True) if maybe}
    for ln, start, maybe in zip(content, breaks.starts, breaks.soft, strict=True):
        if start or not groups:
            groups.append([])
            soft.append(maybe)
        groups[-1].append(ln)
    blocks: list[RawBlock] = []
    for k, group in enumerate(groups):
        after_note = k > 0 and bool(FOOTNOTE.match(groups[k - 1][0].text))
        blocks.append(
            _join_block(group, lang, after_note or soft[k], prepared, hyphens, open_ends))
    return blocks


def _join_block(
    lines: Sequence[Line],
    lang: str,
    joinable: bool,
    prepared: _Lines,
    hyphens: LineEndHyphens | None,
    open_ends: frozenset[int] | set[int] = frozenset(),
) -> RawBlock:
    """The lines of one paragraph joined: a word split by a soft hyphen without a space, an
    English line-end hyphen undone where `hyphens` says so, else `join_wrapped` with the
    paragraph's (else the document's) Chinese spacing. Where a line numbered in `open_ends`
    starts, the paragraph may end (`linebreaks.undecided_ends`): a soft break
    (`RawBlock.soft_breaks`)."""
    text = lines[0].text
    spacing = prepared.spacing
    local = spacing.within([ln.text for ln in lines]) if spacing is not None else None
    breaks: list[int] = []
    for prev, ln in pairwise(lines):
        if prev.number in prepared.soft_hyphenated:
            text += ln.text
            continue
        joined = hyphens.join(text, ln.text, ln.number) if hyphens is not None else None
        text = joined if joined is not None else join_wrapped(text, ln.text, lang, local)
        if ln.number in open_ends and text.endswith(ln.text):
            breaks.append(len(text) - len(ln.text))
    return RawBlock(text=text, line=lines[0].number, joinable=joinable,
                    soft_breaks=tuple(breaks))


def clean_plain_text(text: str, lang: str, *, text_layer: bool = False) -> CleanedText:
    """Clean PDF-extracted (or plain) text into paragraphs and furniture: a pipeline of passes
    (`_prepare`, `_page_lines`, `_blocks_by_evidence` or `_blocks_by_blank_lines`), each
    returning what it removed. CJK radicals and compatibility ideographs that a PDF's text
    layer gave for ordinary characters are read as those (`aligner.glyphforms`), as the PDF
    reader reads them. `text_layer`: the text is a PDF's own text layer (the PDF reader's
    text reading), where a lone space between two Han characters is a gap of the layout and
    goes, as the PDF reader has it; in a user's text it may part two cells and stays."""
    text, _ = ordinary_forms(text)
    prepared = _prepare(text, lang, han_pairs=text_layer)
    blocks, furniture = _text_blocks(prepared, lang)
    return build_paragraphs(blocks, lang, [*prepared.furniture, *furniture], pages_checked=True)


def build_paragraphs(
    blocks: Sequence[RawBlock],
    lang: str,
    furniture: Sequence[Furniture] | None = None,
    *,
    pages_checked: bool = False,
) -> CleanedText:
    """Classify blocks into cover, heading, body and footnote paragraphs; join continuations.

    `furniture`: what the reader removed on the way. The page furniture among the blocks is
    found here (`aligner.furniture.furniture_of_blocks`), unless the reader found it on its lines
    with their pages already (`pages_checked`: the text cleaner, the PDF reader)."""
    has_labels = any(label_kind(normalize_space(b.text), lang, 0) is not None for b in blocks)
    normal, found = _normalized(blocks)
    normal, tails = _contents_entries(normal)
    found += tails
    if not pages_checked:
        normal, more = furniture_of_blocks(normal)
        found += more
    found = [*(furniture or ()), *found]
    entries = _labelled_entries(normal, lang)
    covers = later_covers([text for _, text, _ in entries], [lab for _, _, lab in entries])
    items: list[tuple[str, BlockKind, str | None]] = []
    cells: set[int] = set()  # items that are table cells
    soft: dict[int, tuple[int, ...]] = {}  # item -> its soft breaks (`RawBlock.soft_breaks`)
    body_started = False
    for k, (block, text, labelled) in enumerate(entries):
        if k in covers or block.hint is BlockKind.COVER:  # a reader may know (a PDF's mastheads)
            items.append((text, BlockKind.COVER, None))
            continue
        if labelled is not None:
            kind, label = labelled
            if kind in (BlockKind.HEADING, BlockKind.BODY):
                body_started = True
            normal_text = _normalize_label_text(text, kind)
            if block.soft_breaks and kind is BlockKind.BODY:
                soft[len(items)] = _moved_breaks(
                    text, normal_text, block.soft_breaks, _normalize_body_label
                )
            items.append((normal_text, kind, label))
            continue
        if not body_started and has_labels:
            if running_text(text):  # the body starts before the first label
                body_started = True
            elif display_width(text) <= COVER_MAX_CHARS:
                items.append((text, BlockKind.COVER, None))
                continue
        _add_unlabelled(items, text, lang, joinable=block.joinable, cells=cells, cell=block.cell,
                        soft=soft, own=block.soft_breaks)
    paragraphs = tuple(
        Paragraph(index=i, text=text, kind=kind, label=label, soft_breaks=soft.get(i, ()))
        for i, (text, kind, label) in enumerate(items)
    )
    return CleanedText(paragraphs=paragraphs, furniture=tuple(sorted(found, key=lambda f: f.line)))


def _normalized(blocks: Sequence[RawBlock]) -> tuple[list[RawBlock], list[Furniture]]:
    """The blocks with controls out and white space normalised, empty ones left out; the
    control characters removed."""
    out: list[RawBlock] = []
    found: list[Furniture] = []
    for block in blocks:
        text, controls = strip_controls(block.text, line=block.line)
        found += controls
        text = normalize_space(text)
        if text == block.text:
            out.append(block)
        elif text:
            breaks = _moved_breaks(
                block.text, text, block.soft_breaks,
                lambda t: normalize_space(strip_controls(t, line=0)[0]),
            )
            out.append(replace(block, text=text, soft_breaks=breaks))
    return out, found


def _contents_entries(blocks: Sequence[RawBlock]) -> tuple[list[RawBlock], list[Furniture]]:
    """The blocks with each contents entry's leader and page number taken off its title
    (`aligner.contents`: "I. Introduction ........ 3" is "I. Introduction"), and those as
    furniture (`contents-page-number`, with the characters taken off). A table's cell keeps
    what it holds (a row's leader to its figure is the table's), and so do entries whose
    numbers are no contents' page numbers (`contents.listed`: they go up and down, a price
    list's). An entry is whole: the block after it continues no paragraph (its title ends
    mid-sentence, as titles do)."""
    entries = [None if block.cell or block.hint is BlockKind.FOOTNOTE else split_entry(block.text)
               for block in blocks]
    if not listed([entry[1] for entry in entries if entry is not None]):
        return list(blocks), []
    out: list[RawBlock] = []
    found: list[Furniture] = []
    after_entry = False
    for block, entry in zip(blocks, entries, strict=True):
        if after_entry:  # an entry is whole: the block after it goes on no paragraph
            block = replace(block, joinable=False)
        after_entry = entry is not None
        if entry is None:
            out.append(block)
            continue
        title, tail = entry
        found.append(Furniture(CONTENTS_PAGE, tail, block.line))
        breaks = tuple(b for b in block.soft_breaks if b < len(title))
        out.append(replace(block, text=title, soft_breaks=breaks))
    return out, found


def _moved_breaks(
    old: str, new: str, breaks: tuple[int, ...], change: Callable[[str], str]
) -> tuple[int, ...]:
    """Soft breaks of `old` in `new` = change(old), where `change` maps each text before a break
    to the start of `new` (breaks it does not so map are dropped: the paragraph stays whole)."""
    moved: list[int] = []
    for offset in breaks:
        head = change(old[:offset])
        if new.startswith(head):
            moved.append(len(head))
    return tuple(moved)


def _labelled_entries(blocks: Sequence[RawBlock], lang: str) -> list[tuple[RawBlock, str, Label]]:
    """Each (normalised) block with its text and label (None when unlabelled)."""
    entries: list[tuple[RawBlock, str, Label]] = []
    last_roman = 0
    for block in blocks:
        text = block.text
        if block.hint is BlockKind.COVER:
            entries.append((block, text, None))
            continue
        labelled = label_kind(text, lang, last_roman)
        if block.hint is BlockKind.FOOTNOTE:
            number = _NOTE_NUMBER.match(text)
            marker = labelled[1] if labelled and labelled[0] is BlockKind.FOOTNOTE else None
            labelled = (BlockKind.FOOTNOTE, marker or (number.group(1) if number else None))
        elif block.hint is BlockKind.HEADING:
            labelled = (BlockKind.HEADING, labelled[1] if labelled else None)
        if labelled is not None and labelled[0] is BlockKind.HEADING:
            label = labelled[1]
            if label and label.startswith("R"):
                last_roman = int(label[1:])
        entries.append((block, text, labelled))
    return entries


def breaks_mid_phrase(prev: str, text: str, lang: str, *, numbered: bool) -> bool:
    """True when `text` plainly continues `prev` (a sentence cut in two by a page or a reader).

    English: the previous block ends in a word, digit or comma and the next starts lower-case.
    Chinese: inside a numbered paragraph, the previous block ends in a character that is not
    punctuation and the next does not start a new item.
    """
    prev, text = prev.rstrip(), text.lstrip()
    if not prev or not text:
        return False
    last, first = prev[-1], text[0]
    if lang == "en":
        return (last.isalnum() or last in ",;-–") and first.islower()
    if lang == "zh":
        return numbered and (last.isalnum() or is_han(last)) and (is_han(first) or first.islower())
    return False


def _add_unlabelled(
    items: list[tuple[str, BlockKind, str | None]],
    text: str,
    lang: str,
    *,
    joinable: bool,
    cells: set[int],
    cell: bool = False,
    soft: dict[int, tuple[int, ...]],
    own: tuple[int, ...] = (),
) -> None:
    """An unlabelled running-text block: continue the last body paragraph (footnotes and table
    cells, `cells`, stand aside) or start a new one; a table cell (`cell`) is always one.
    `soft`: the items' soft breaks, updated with the block's own (`own`)."""
    last_body = next(
        (
            i
            for i in range(len(items) - 1, -1, -1)
            if items[i][1] is not BlockKind.FOOTNOTE and i not in cells
        ),
        None,
    )
    if last_body is not None and items[last_body][1] is BlockKind.BODY:
        prev_text, _, prev_label = items[last_body]
        if cell:
            cells.add(len(items))
            items.append((text, BlockKind.BODY, prev_label))
            return
        if prev_text.endswith(text):  # printed again (a title on a cover and its first page)
            items.append((text, BlockKind.BODY, prev_label))
            return
        if (joinable and not ends_sentence(prev_text)) or breaks_mid_phrase(
            prev_text, text, lang, numbered=bool(NUM_PARA.match(prev_text))
        ):
            joined = join_wrapped(prev_text, text, lang)
            items[last_body] = (joined, BlockKind.BODY, prev_label)
            if own and joined.endswith(text):
                shift = len(joined) - len(text)
                soft[last_body] = (*soft.get(last_body, ()), *(shift + o for o in own))
            return
        if own:
            soft[len(items)] = own
        items.append((text, BlockKind.BODY, prev_label))
        return
    if cell:
        cells.add(len(items))
    elif own:
        soft[len(items)] = own
    items.append((text, BlockKind.BODY, None))
