"""Paragraph ends in PDF-extracted (hard-wrapped) text, with or without blank lines.

`pdftotext` writes most UN PDFs as hard-wrapped lines with nothing between paragraphs, or with
blank lines between its own text blocks (a paragraph number apart from its text, a table cell).
Where a paragraph ends is recovered line by line from evidence:

- **line length against the page's text width**: lines are measured by `ink_width` (a CJK
  character 2 columns, Latin letters by their usual proportional width); the width of a page is
  a high percentile of its line widths (the page's own when it has enough lines, else the
  document's, since text width varies with the page and region; but never less than the
  document's on a page whose longest line reaches it: such a page has few full lines, a list of
  short items, not a narrower measure). What the next line's first word is: in Chinese, its
  first character or Latin run ("15" of "15至49岁"). A line that left room for the
  next line's first word (plus a small tolerance) ended its paragraph; an English line that
  stops mid-sentence before a lower-case word did not;
- **blank lines** end a paragraph, except before an English lower-case word after a full line
  stopping mid-sentence. After a full line that stops mid-sentence the break is *soft*: maybe a
  page or column break inside a paragraph, which the cleaner joins to a body paragraph ending
  mid-sentence (never to a cover line). In a text whose paragraphs are separated by blank lines
  only strong evidence ends a paragraph inside a run of lines (labels, list items, indents, a
  line shorter than three quarters of the width);
- **labels**: a numbered paragraph, heading numeral or footnote marker starts a paragraph (a
  label alone on its line, or a list's bullet, joins the line after it); a list item ("(a)",
  "•", "–") does after a line ending in ":" or ";" (in Chinese, which writes its lists in the
  line, only after a line that left room);
- **indentation** (`pdftotext -layout`): a line indented beyond the page's usual margin and
  beyond the line after it is a paragraph's first line;
- **sentence ends**: a full line that ends a sentence ends its paragraph when the next line
  starts like a paragraph (an English capital, digit or quote; any Chinese line): a break
  at a sentence end costs nothing for sentence units, a missed one merges two paragraphs;
- **resolution structure**: a full line ending in ",", ";" or an introduction's ":" ("… reads
  as follows:") ends its paragraph when the next line opens a preambular or operative
  paragraph ("Recalling", "Reaffirming also", "Decides", "Bearing in mind"; "回顾", "又重申",
  "决定");
- **a paragraph in brackets** ("[on the recommendation of the Commission (E/2023/30)]", an
  editorial note) ends where the bracket that opens it closes, at a line's end, when the next
  line starts like a paragraph, however full that line ran.
- **lists without end punctuation**: in a text most of whose paragraphs end without
  punctuation (a list: the SDG targets), a full line ending mid-clause ends its item when the
  next line opens as other items do (English: the same capitalised word, a label of the same
  form: "By", "1.2", or a capitalised common word that the text writes in lower case
  elsewhere and never as a name inside a line, or, in a list whose items carry no label, any
  capitalised word that is no name: "Tuberculosis incidence …"; Chinese: the same opening
  phrase, "到2030年，"), where neither room nor a sentence end can tell.

Before that, `reader_lines` undoes two habits of `pdftotext`: a justified line with wide spaces
written one word a block, and a blank line between a paragraph's number and its text.

`line_breaks(lines, lang)` says for each line whether it starts a paragraph (and whether softly),
`paragraph_starts` only the first; `hard_wrapped(widths)` tells wrapped text from text written one
paragraph a line, `wrapped_short_text(lines)` where a text (a one-page resolution) has too few
lines for its statistics.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import pairwise

from untm.aligner.contents import entry_tail
from untm.aligner.labels import display_width, ends_sentence, starts_label
from untm.aligner.language import is_han

MIN_WRAP_WIDTH, MAX_WRAP_WIDTH = 40, 200  # display columns of a wrapped text's lines
MIN_NARROW_WIDTH = 16  # a narrow column's lines (two columns of Chinese: ~17 characters, 34)
NARROW_FULL, NARROW_MID = 0.5, 0.6  # a narrow text's share of full lines, of those mid-clause
MIN_PAGE_LINES = 12  # a page with fewer lines uses the document's text width
SHORT_TEXT_LINES = 24  # fewer lines than this are too few for line-length statistics
WIDTH_QUANTILE = 0.9
EN_TOLERANCE = 0.02  # share of the width: the width estimate of proportional text is rough
BLANK_TOLERANCE = 0.25  # inside a run of lines of a text that has blank lines between paragraphs
ZH_TOLERANCE = 0.025  # Chinese lines end a character short or long (line-start rules)
CONTENTS_ROOM = 0.12  # share of the width a contents entry's title wraps short of its number
LIST_MIN_ENDS, LIST_END_SHARE = 8, 2 / 3  # a list's paragraph ends, the share unpunctuated
OPENER_MIN = 1  # other paragraphs that open as a list item does
# a Chinese item's opening phrase ("到2030年,"): its characters at most, the items it opens
ZH_OPENER_CHARS, ZH_OPENER_MIN = 8, 2

_LIST_ITEM = re.compile(
    r"^(?:\([a-z]{1,4}\)|[a-z]\)|\(\d{1,2}\)|（[a-z\d一二三四五六七八九十]{1,3}）|[•·▪‒–—-]\s)"
)
# a paragraph label alone on its line (pdftotext puts a tab-separated number on its own line,
# and a list's bullet set a tab before its item: "•", then a blank line, then the item)
BARE_LABEL = re.compile(
    r"^(?:\d{1,3}[.．]|[IVXLC]{1,7}\.|[A-Z]\.|[一二三四五六七八九十]{1,3}、|\([a-z]{1,4}\)|\*{1,4}"
    r"|[•◦▪])$"
)
_CLAUSE_END = (",", ";", "，", "；")
# what a line ends in before a resolution's paragraph opens: a clause mark, or the colon of an
# introduction ("… reads as follows:" / "Bearing in mind …")
_INTRO_END = (*_CLAUSE_END, ":", "：")
_BRACKETS = {"(": ")", "[": "]", "（": "）", "【": "】"}
# a list item's label before the item's text: "1.2", "1.a", "10.3.1", "(b)", "(iv)", "b.", "(3)",
# "•"
_ITEM_LABEL = re.compile(
    r"^(\d{1,3}(?:\.(?:\d{1,3}|[a-z]))+\.?|\([a-z]{1,4}\)|[a-z][.)]|\(\d{1,2}\)|[•◦▪‒–—-])"
    r"\s+(?=[A-Z\d“\"‘'(])"
)
_CAPITAL_WORD = re.compile(r"^[A-Z][a-z]+\b(?![-‐'’])")  # "By", "Ensure"; not "UNDP", "Women’s"
# a lower-case word, a number or a parenthesis ("(GDP)") ends it
_LAST_WORD = re.compile(r"(?:\b[a-z]+|\d[\d,.]*|\))$")
_LAST_NAME = re.compile(r"\b[A-Z][a-z]+$")  # "… developing States", "… Development"
# a Chinese line's unbreakable start: opening marks, a Latin word or number or one character,
# closing marks
_ZH_HEAD = re.compile(
    r"[(（《“‘「『\[【]*(?:[A-Za-z\d]+(?:[.,:/\-][A-Za-z\d]+)*[)）]?|[^\sA-Za-z\d])"
    r"[)）》”’」』\]】，。、；：？！,.;:?!]*"
)
_ZH_PHRASE = re.compile(rf"^[^\s,，、;；:：。]{{1,{ZH_OPENER_CHARS}}}[,，、:：]")
# a line going on in title case, a name's words: "Water, Sanitation and Hygiene for All"
_TITLE_CASE = re.compile(r"^[A-Z][a-z]+,?\s+[A-Z]")
# a Chinese list item's label before a space: "1.1", "3.a", "12.", "目标3.", "(b)", "（二）"
_ZH_ITEM_LABEL = re.compile(
    r"^((?:[\u4e00-\u9fff]{1,4})?\d{1,3}(?:(?:\.(?:\d{1,3}|[a-z]))+\.?|\.)|\([a-z]{1,4}\)"
    r"|（[a-z\d一二三四五六七八九十]{1,3}）)\s+(?=\S)"
)
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_INNER_CAPITAL = re.compile(r"(?<=[A-Za-z\d,] )[A-Z][a-z]+\b(?![-‐'’])")
# words that leave a phrase open: the line after goes on with it
_OPEN_WORDS = frozenset((
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "into", "onto",
    "upon", "per", "via", "than", "as", "and", "or", "nor", "but", "that", "which", "whose",
    "its", "their", "his", "her", "our", "your", "this", "these", "those", "such", "each",
    "every", "any", "between", "among", "under", "over", "within", "without", "through",
    "during", "about", "against", "including", "towards", "toward", "is", "are", "was", "were",
    "be", "been", "has", "have", "had", "will", "shall", "may", "can", "should", "would", "not",
    "no",
))
_EN_OPENERS = re.compile(
    r"^(?:(?:Also|Further|Furthermore|Strongly|Deeply|Gravely|Seriously|Fully)\s+)?"
    r"(?:Recalling|Reaffirming|Reiterating|Recognizing|Noting|Taking|Welcoming|Expressing|"
    r"Stressing|Emphasizing|Underlining|Underscoring|Bearing|Mindful|Convinced|Concerned|"
    r"Acknowledging|Affirming|Considering|Guided|Commending|Condemning|Encouraging|Deploring|"
    r"Alarmed|Aware|Determined|Desiring|Having|Welcomes|Decides|Requests|Urges|Calls|Invites|"
    r"Encourages|Recommends|Notes|Takes|Reaffirms|Recognizes|Expresses|Emphasizes|Stresses|"
    r"Approves|Endorses|Adopts|Authorizes|Appeals|Reiterates|Whereas|Proclaims)\b"
)
_ZH_OPENERS = re.compile(
    r"^(?:又|还|再次|进一步|深为|严重)?"
    r"(?:回顾|重申|认识到|确认|注意到|欢迎|表示|强调|着重指出|铭记|深信|关切|承认|申明|考虑到|"
    r"赞扬|谴责|鼓励|痛惜|震惊|意识到|决心|希望|赞赏|欣见|决定|请|敦促|促请|呼吁|邀请|建议|"
    r"核可|认可|通过|授权|鉴于)"
)


@dataclass(frozen=True)
class Line:
    """One non-blank input line."""

    number: int  # 1-based line of the input
    text: str  # without surrounding white space
    indent: int = 0  # display columns of leading white space (kept by pdftotext -layout)
    page: int = 0  # form feeds before it
    blank_before: bool = False
    full: bool = False  # ran to the text's width, whatever its measure (`reader_lines`)

    @cached_property
    def right(self) -> float:
        """Where the line ends, in columns (`ink_width`; measured once, it is read often)."""
        return self.indent + ink_width(self.text)


WORD_RUN_MIN = 3  # one-word lines in a row that were one justified line
WORD_RUN_WIDTH = (0.75, 1.15)  # a justified line's words with one space between, of the width
_ONE_WORD = re.compile(r"^[^\s\u2e80-\ufaff]{1,30}$")  # no space, no CJK character


def reader_lines(lines: Sequence[Line]) -> list[Line]:
    """The lines as a reader sees them on the page, where `pdftotext` wrote them otherwise:

    - a justified line with wide spaces comes out one word a line, blank lines between
      ("sought" / "" / "to" / "" / "mainstream" …, the first word often at the end of the
      lines before): a run of at least `WORD_RUN_MIN` one-word lines, most of them after a
      blank line, at least a third of them lower-case words (table cells of one word are
      capitalised or numbers), that joined measure a full line (`WORD_RUN_WIDTH` of the text's
      width, taken from its lines of several words), is that one line again, `full`;
    - a paragraph label set apart by a tab ("1." / "" / "Welcomes the report …"): the blank
      line after a bare label does not part it from its text.
    """
    width = quantile([ln.right for ln in lines if " " in ln.text], WIDTH_QUANTILE)
    out: list[Line] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _ONE_WORD.match(lines[j].text) and not BARE_LABEL.match(
            lines[j].text
        ):
            j += 1
        run = lines[i:j]
        words = " ".join(ln.text for ln in run)
        if _is_word_run(run, ink_width(words) / width if width else 0.0):
            out.append(Line(run[0].number, words, run[0].indent, run[0].page,
                            run[0].blank_before, full=True))
            i = j
            continue
        for line in lines[i : max(j, i + 1)]:
            if out and line.blank_before and BARE_LABEL.match(out[-1].text):
                line = replace(line, blank_before=False)
            out.append(line)
        i = max(j, i + 1)
    return out


def _is_word_run(run: Sequence[Line], share: float) -> bool:
    """`run`: one-word lines in a row; `share`: their words' width over the text's."""
    low, high = WORD_RUN_WIDTH
    if len(run) < WORD_RUN_MIN or len({ln.page for ln in run}) > 1 or not low <= share <= high:
        return False
    apart = sum(ln.blank_before for ln in run[1:])
    lower = sum(ln.text[0].islower() for ln in run)
    return 2 * apart >= len(run) - 1 and 3 * lower >= len(run)


def hard_wrapped(widths: Sequence[int]) -> bool:
    """True when lines of these display widths were wrapped at a text width (PDF-extracted),
    not written one paragraph a line: many lines end just short of a width (within 15% of the
    90th percentile, 40–200 columns) and almost none run past it (footnotes in a smaller font
    may, a few)."""
    if not widths:
        return False
    width = quantile(widths, WIDTH_QUANTILE)
    if not MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH:
        return False
    near = sum(1 for w in widths if w >= 0.85 * width) / len(widths)
    over = sum(1 for w in widths if w > 1.1 * width) / len(widths)
    return near >= 0.2 and (over <= 0.03 or near >= 6 * over)


def wrapped_narrow(lines: Sequence[Line], widths: Sequence[int]) -> bool:
    """True when lines narrower than `hard_wrapped` measures (`MIN_NARROW_WIDTH`–
    `MIN_WRAP_WIDTH` columns: a column of a two-column page, Chinese in particular) were
    wrapped at that width (`widths`: each line's display width, as `hard_wrapped` is given
    them). Short lines are also what a text written one item a line has, so
    the evidence asked is stronger than `hard_wrapped`'s: most lines (`NARROW_FULL`) end
    within 15% of the width, almost none past it, and most of those full lines (`NARROW_MID`,
    the last line aside) stop mid-clause, where a list's items end where they end."""
    if len(lines) < SHORT_TEXT_LINES:
        return False
    width = quantile(widths, WIDTH_QUANTILE)
    if not MIN_NARROW_WIDTH <= width < MIN_WRAP_WIDTH:
        return False
    full = [ln for ln, w in zip(lines[:-1], widths, strict=False) if w >= 0.85 * width]
    over = sum(1 for w in widths if w > 1.1 * width)
    mid = sum(1 for ln in full if not _ends_clause(ln.text))
    return (len(full) >= NARROW_FULL * len(lines) and 33 * over <= len(lines)
            and mid >= NARROW_MID * len(full))


def wrapped_short_text(lines: Sequence[Line]) -> bool:
    """True when a text too short for `hard_wrapped`'s statistics (fewer than
    `SHORT_TEXT_LINES` lines, a one-page resolution) was wrapped: its longest line is as wide
    as a page's text (`MIN_WRAP_WIDTH`–`MAX_WRAP_WIDTH` columns) and at least half of its long
    lines (within 15% of the longest; its last line aside) stop mid-sentence. A text written
    one paragraph a line ends its long lines where its paragraphs end, in punctuation. A narrow
    column's text (longest line `MIN_NARROW_WIDTH`–`MIN_WRAP_WIDTH`), which a list of short
    items one a line also is, needs at least three long lines, two thirds of them stopping
    mid-sentence before a line that goes on (lower-case or Han: "Ms. Rodríguez (Cuba)" after
    "Mr. Niang (Senegal)" does not)."""
    if not lines or len(lines) >= SHORT_TEXT_LINES:
        return False
    longest = max(ln.right for ln in lines)
    if not MIN_NARROW_WIDTH <= longest <= MAX_WRAP_WIDTH:
        return False
    long = [ln for ln in lines[:-1] if ln.right >= 0.85 * longest]
    if longest < MIN_WRAP_WIDTH:  # a narrow column: short items one a line look alike
        going_on = sum(1 for ln, nxt in pairwise(lines) if ln.right >= 0.85 * longest
                       and not _ends_clause(ln.text) and _continues(nxt.text))
        return len(long) >= 3 and 3 * going_on >= 2 * len(long)
    mid = sum(1 for ln in long if not _ends_clause(ln.text))
    return bool(long) and 2 * mid >= len(long)


STACK_TOLERANCE = 0.1  # share of a run's measure: a wrapped line ends this close to it
SHARED_ENDS = 3  # lines ending alike: a measure they were wrapped at
SCATTERED_MIN, SCATTERED_SHARE = 3, 0.05  # lines of a function word alone: words scattered
_FIGURE = re.compile(r"^[-+−(]?\d")  # a line that opens with a figure: "11:05", "-2.98", "(3)"


def run_measure(lines: Sequence[Line], *, whole_text: bool = False) -> float:
    """The measure lines would have been wrapped at: the longest line of a run (with
    `whole_text`, a whole text's `WIDTH_QUANTILE` of its lines, as `page_widths` has it), but
    never less than `MIN_NARROW_WIDTH` columns (a measure holds a few words; a column of
    times or figures, "11:05", is not a measure)."""
    rights = [ln.right for ln in lines]
    widest = quantile(rights, WIDTH_QUANTILE) if whole_text else max(rights, default=0.0)
    return max(widest, MIN_NARROW_WIDTH)


def _room(line: Line, after: str, measure: float, lang: str) -> float:
    """The room `line` left before `measure` for the first word of the line after it (`after`;
    0 for a line that ran full)."""
    return 0.0 if line.full else measure - line.right - _first_word(after, lang)


def fills(line: Line, after: str, measure: float, lang: str, tolerance: float) -> bool:
    """Whether `line` left no room (up to `tolerance` of `measure`) for the first word of the
    line after it (`after`): where a wrapping typesetter had to break it."""
    return _room(line, after, measure, lang) <= tolerance * measure


def stacked(lines: Sequence[Line], lang: str, text_measure: float) -> bool:
    """Whether a run of lines between blank lines is a stack of fields, cells or entries (a
    form's fields, a timetable's times, a spreadsheet's column, an address) rather than
    wrapped prose. A wrapping typesetter breaks a line only where the next word would not fit,
    so the lines of wrapped prose but a paragraph's last run to the measure (`run_measure`:
    the longest line, the lines of a narrow column alike); fields set one a line end where
    they end, short of it and of each other. So a run of at least two lines whose lines
    before the last mostly (half or more) left room for the next line's first word, and
    end at no width three of its lines share (`_shared`, a second measure) nor in a comma or
    semicolon (a clause going on: "The Council," / "Noting …"), is a stack (a
    run of two lines measured against the whole text's measure, `text_measure`: its first
    line is its longest whatever it is). A run of short values ("11:00", "302000001") is one
    however alike their lengths: no measure is narrower than
    `MIN_NARROW_WIDTH`; and a line before a line that opens with a figure ("20:35 - 21:45
    (70min)", "10.12 散称华联粉条") counts as a field's however long: a column of times or
    amounts has lines of one length, and wrapped prose seldom goes on into a new line with a
    number."""
    if len(lines) < 2:
        return False
    measured = max(ln.right for ln in lines) >= MIN_NARROW_WIDTH
    measure = run_measure(lines)
    if len(lines) == 2:  # one line cannot show a measure of its own: the text's shows
        measure = max(measure, text_measure)
    rights = [ln.right for ln in lines]
    # a label's line and the line before a label are the text's own structure: not counted
    pairs = [(ln, nxt) for ln, nxt in pairwise(lines)
             if not (_labelled(ln.text) or _labelled(nxt.text))]
    filled = sum(
        (ln.text.endswith(_CLAUSE_END) or (measured and (
            fills(ln, nxt.text, measure, lang, STACK_TOLERANCE) or _shared(ln, rights))))
        and not _FIGURE.match(nxt.text)
        for ln, nxt in pairs
    )
    return bool(pairs) and 2 * filled < len(pairs)


def _labelled(text: str) -> bool:
    return bool(BARE_LABEL.match(text)) or starts_label(text)


def _shared(line: Line, rights: Sequence[float]) -> bool:
    """Whether the line ends where at least `SHARED_ENDS` lines of its run (itself counted)
    end, within `STACK_TOLERANCE`, at a measure's width (`MIN_NARROW_WIDTH` or more): lines
    wrapped at one measure end alike, fields end where they end. A run may hold lines of two
    measures (`pdftotext` reads a two-column page's columns into one block, a line of one
    column, a line across both), each a measure of its own."""
    if line.right < MIN_NARROW_WIDTH:
        return False
    near = sum(1 for r in rights if abs(r - line.right) <= STACK_TOLERANCE * line.right)
    return near >= SHARED_ENDS


def scattered_words(lines: Sequence[Line]) -> bool:
    """Whether `pdftotext` scattered a text's words a line each (a justified line with wide
    spaces, two columns read across: "the" / "and" / "Programme" / "been"): at least
    `SCATTERED_SHARE` of its lines are a word alone that leaves a phrase open (`_OPEN_WORDS`:
    "the", "of", "and"), the piece of a sentence no form, table or list sets alone."""
    alone = sum(1 for ln in lines if ln.text.lower() in _OPEN_WORDS)
    return alone >= SCATTERED_MIN and alone >= SCATTERED_SHARE * len(lines)


def stack_entries(lines: Sequence[Line], lang: str) -> list[list[Line]]:
    """A stack's lines (`stacked`) as entries: each line its own, but a line that fills the
    stack's measure and stops mid-clause before a line going on ("中诚信国际信用评级有限责" /
    "任公司", a cell's text wrapped in its column), a bare label ("1.", "•") and a field's
    label ending in a colon ("Shipper:", "收货人：") go on into the line after them (its value;
    not into another label), as does a line ending in a comma or semicolon (a clause going on)
    but before a labelled line."""
    measure = run_measure(lines)
    entries: list[list[Line]] = []
    for k, ln in enumerate(lines):
        prev = lines[k - 1] if k else None
        joins = prev is not None and (
            BARE_LABEL.match(prev.text) is not None
            or (prev.text.endswith((":", "：")) and not ln.text.endswith((":", "：")))
            or (prev.text.endswith(_CLAUSE_END) and not _labelled(ln.text))
            or (fills(prev, ln.text, measure, lang, STACK_TOLERANCE)
                and not _ends_clause(prev.text) and _continues(ln.text))
        )
        if joins and entries:
            entries[-1].append(ln)
        else:
            entries.append([ln])
    return entries


def _continues(text: str) -> bool:
    """Whether a line may go on with the line before: it starts with a lower-case letter or a
    Han character, not a capital, digit or mark as an item of a list does."""
    return bool(text) and (text[0].islower() or is_han(text[0]))


def _ends_clause(text: str) -> bool:
    return ends_sentence(text) or text.endswith((*_CLAUSE_END, ":", "："))


def quantile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[int(q * (len(ordered) - 1))] if ordered else 0


_NARROW = frozenset(" .,;:'!|()[]ijlrtf-/\"")
_WIDE = frozenset("mwMW%@")


def ink_width(text: str) -> float:
    """Approximate printed width in columns of a fixed-width layout: a CJK character 2, a Latin
    character by its usual proportional width (narrow "i", ".", " " about half a column, "m"
    and capitals wider), so that wrapped lines of proportional text measure alike."""
    total = 0.0
    for ch in text:
        if ch.isascii():
            if ch in _NARROW:
                total += 0.55
            elif ch in _WIDE:
                total += 1.6
            elif ch.isupper():
                total += 1.35
            else:
                total += 1.0
        else:
            total += display_width(ch)
    return total


def page_widths(lines: Sequence[Line]) -> dict[int, float]:
    """Text width (right edge, columns) of each page: its lines' `WIDTH_QUANTILE`, or the
    document's when the page has fewer than `MIN_PAGE_LINES` lines, a measure under 0.7 of
    the document's, or one under the document's while a line of the page runs to (97% of) the
    document's width: the page has that measure, and its own percentile fell short because
    few of its lines are full (a list of one-line items, the last page of the SDG indicators:
    60 columns against the document's 79)."""
    doc = quantile([ln.right for ln in lines], WIDTH_QUANTILE)
    by_page: dict[int, list[float]] = {}
    for ln in lines:
        by_page.setdefault(ln.page, []).append(ln.right)
    widths: dict[int, float] = {}
    for page, rights in by_page.items():
        own = quantile(rights, WIDTH_QUANTILE)
        reach = sum(1 for r in rights if r >= 0.97 * doc)
        if len(rights) < MIN_PAGE_LINES or own < 0.7 * doc or (own < doc and reach >= 1):
            own = doc
        widths[page] = own
    return widths


def _first_word(text: str, lang: str) -> float:
    """Width of what must fit for the next line to have started on this one. Chinese breaks a
    line between any two characters but not inside a Latin word or number, nor after an
    opening mark or before a closing one: what must fit is the line's first character, or its
    first run of Latin letters and digits ("15至49岁": "15"; "(a)在": "(a)"), with the
    marks that cling to it ("（一）", "《公约》"'s "《公"). English needs its first word and a
    space."""
    if lang == "zh":
        head = _ZH_HEAD.match(text)
        if head:
            return ink_width(head.group())
    return ink_width(" " + text.split(maxsplit=1)[0])


def _margins(lines: Sequence[Line]) -> dict[int, int]:
    """Each page's usual left margin (the most common indent)."""
    by_page: dict[int, Counter[int]] = {}
    for ln in lines:
        by_page.setdefault(ln.page, Counter())[ln.indent] += 1
    return {page: counts.most_common(1)[0][0] for page, counts in by_page.items()}


def _starts_like_paragraph(text: str, lang: str) -> bool:
    if lang == "zh":
        return True
    first = text[0]
    return first.isupper() or first.isdigit() or first in "“\"‘'(["


@dataclass(frozen=True)
class Breaks:
    """Where paragraphs start, line by line."""

    starts: tuple[bool, ...]
    # a start after a blank line that follows a full line stopping mid-sentence: perhaps a
    # page or column break inside a paragraph (the cleaner joins it to a body paragraph that
    # ends mid-sentence, never to a cover line)
    soft: tuple[bool, ...]
    # a line that goes on with its paragraph, but where the paragraph may end before it: in a
    # list without end punctuation, after a full line ending mid-clause, where no evidence
    # tells (`undecided_ends`); in paragraph units the other language decides
    # (`Paragraph.soft_breaks`)
    undecided: tuple[bool, ...] = ()


def paragraph_starts(
    lines: Sequence[Line], lang: str, *, blank_structure: bool = False
) -> list[bool]:
    """For each line, True when it starts a new paragraph (see `line_breaks`)."""
    return list(line_breaks(lines, lang, blank_structure=blank_structure).starts)


def line_breaks(lines: Sequence[Line], lang: str, *, blank_structure: bool = False) -> Breaks:
    """Where paragraphs start (see the module docstring).

    `blank_structure`: the text separates its paragraphs by blank lines, so inside a run of
    lines only strong evidence (labels, list items, indents, a line shorter than three
    quarters of the width) ends a paragraph, not a sentence end or a resolution opener."""
    if not lines:
        return Breaks((), ())
    widths = page_widths(lines)
    margins = _margins(lines)
    tolerance = ZH_TOLERANCE if lang == "zh" else EN_TOLERANCE
    openers = _ZH_OPENERS if lang == "zh" else _EN_OPENERS
    starts = [True]
    soft = [False]
    undecided: list[int] = []  # lines that only the weak evidence (sentence ends) decided
    first = 0  # the line that starts the current paragraph
    for i in range(1, len(lines)):
        prev, line = lines[i - 1], lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        width = widths[prev.page]
        # left for the next line's first word
        room = _room(prev, line.text, width, lang)
        starts.append(_starts(prev, line, nxt, lang, margins, blank_structure, room, width))
        text, before = line.text, prev.text.rstrip()
        full = room <= tolerance * width
        mid_sentence = not (ends_sentence(before) or before.endswith(_CLAUSE_END))
        soft.append(starts[-1] and line.blank_before and full and mid_sentence)
        weak = not (starts[-1] or line.blank_before or blank_structure or BARE_LABEL.match(before))
        if weak:
            starts[-1] = (ends_sentence(before) and _starts_like_paragraph(text, lang)) or (
                before.endswith(_INTRO_END) and bool(openers.match(text))
            ) or (_closes_aside(lines, first, i) and _starts_like_paragraph(text, lang))
            undecided.append(i)
        if starts[-1]:
            first = i
    if lang == "en" and not blank_structure:
        starts = _list_items(lines, starts, undecided)
    elif lang == "zh" and not blank_structure:
        starts = _zh_list_items(lines, starts, undecided)
    ends = undecided_ends(lines, starts, undecided, lang) if not blank_structure else set()
    return Breaks(tuple(starts), tuple(soft), tuple(i in ends for i in range(len(lines))))


def undecided_ends(
    lines: Sequence[Line], starts: Sequence[bool], undecided: Sequence[int], lang: str
) -> set[int]:
    """The lines that go on with their paragraph where the paragraph may as well end before
    them: in a list whose items end without punctuation (`_is_list`), a line after a full line
    that ends mid-clause, which the line evidence (room, sentence ends, openers) left joined.
    An item whose last line ran full looks there just as a wrapped line does: Chinese wraps
    between any two characters and its items open with any word ("…所占比例" / "《促贸援助倡议》
    承付款…"); in English a line going on in lower case goes on, one opening with a capital or a
    digit may start an item whose opening `_list_items` could not tell."""
    if not undecided or not _is_list(lines, starts):
        return set()
    return {
        i for i in undecided
        if not starts[i] and not _ends_clause(lines[i - 1].text.rstrip())
        and (lang == "zh" or not _continues(lines[i].text))
    }


def _closes_aside(lines: Sequence[Line], first: int, i: int) -> bool:
    """Whether the paragraph of lines `first` to `i - 1` ends there the bracket that opens it:
    a paragraph set in brackets ("[on the recommendation of the Commission (E/2023/30)]", an
    editorial note) is whole where its bracket closes, whatever its last line's length."""
    close = _BRACKETS.get(lines[first].text[:1])
    if close is None or not lines[i - 1].text.rstrip().endswith(close):
        return False
    text = " ".join(ln.text for ln in lines[first:i]).strip()
    depth = 0
    for k, ch in enumerate(text):
        depth += (ch == text[0]) - (ch == close)
        if depth == 0:  # the opening bracket closes here: at the end, or inside the paragraph
            return k == len(text) - 1
    return False


def _list_items(lines: Sequence[Line], starts: list[bool], undecided: Sequence[int]) -> list[bool]:
    """`starts` with the items of an English list whose items end without a full stop (the SDG
    targets: "… on less than $1.25 a day" / "By 2030, reduce …") read apart where the line
    before an item is full. There the line evidence has nothing to read: in ragged text an
    item's last line is often as long as the wrapped lines (41 of the 186 SDG items in a
    reportlab PDF, as pdftotext writes it), the next item's first word would not have fitted
    on it (the room test), and it ends no sentence (the sentence-end test). What still tells
    an item is how it opens: the items of a list open alike ("By", "Ensure", "Strengthen";
    "1.2", "(b)"), or with a capital on a common word ("Tourism", "Death"), where a wrapped line
    opens with whatever word the sentence goes on with, in lower case unless it is a name.

    So, in a list (`_is_list`: most lines before a paragraph start end without sentence or
    clause punctuation), a line the line evidence left joined (`undecided`) after a line that
    ends mid-clause (no punctuation) starts an item when

    - the line before ends in a lower-case word, a number or a parenthesis ("(GDP)") that is not
      a word leaving the phrase open (`_OPEN_WORDS`: "the", "of", "per"), and the line opens
      with a label of a form that opens at least `OPENER_MIN` paragraph the line evidence
      found ("1.2", "(b)"), or with a capitalised word (`_opener`) that does so or that the
      text writes in lower case elsewhere ("tourism"), a common word, not a name, unless the
      line goes on in title case ("… unsafe" / "Water, Sanitation and Hygiene for All"); in a
      list most of whose items the line evidence found open without a label (the SDG
      indicators), with any capitalised word but a name ("… key populations" /
      "Tuberculosis incidence …"): an unlabelled list opens its items with whatever noun, and
      a sentence going on after a lower-case word goes on in lower case unless with a name;
    - or the line before ends in a capitalised word ("… small island developing States"),
      where a name may go on ("World Health Organization Framework" / "Convention"), and the
      line opens with a capitalised common word that opens `OPENER_MIN` found paragraphs
      ("Strengthen").

    A word the text also writes capitalised inside a line after a word ("developing States",
    "the Sendai Framework") is a name there, never an item's opener: a name after a lower-case
    word goes on ("small island developing" / "States")."""
    if not undecided or not _is_list(lines, starts):
        return starts
    found_starts = [ln.text for ln, start in zip(lines, starts, strict=True) if start]
    counts = Counter(_opener(text) for text in found_starts)
    # a list whose items open with labels ("3.1", "(b)") opens none with a bare word
    bare_items = 2 * sum(bool(_ITEM_LABEL.match(text)) for text in found_starts) < len(
        found_starts)
    lower, names = _word_uses(lines)
    out = list(starts)
    for i in undecided:
        text = lines[i].text
        key = _opener(text)
        before = lines[i - 1].text.rstrip()
        if out[i] or key is None or key in names or _ends_clause(before):
            continue
        found, common = counts[key] >= OPENER_MIN, key.lower() in lower
        # in a list of unlabelled items, any capitalised word that is no name opens one
        word = common or (bare_items and not _ITEM_LABEL.match(text))
        last = _LAST_WORD.search(before)
        if last and last.group().lower() not in _OPEN_WORDS:
            out[i] = found or (word and not _TITLE_CASE.match(text))
        elif _LAST_NAME.search(before):
            out[i] = found and common
    return out


def _zh_list_items(
    lines: Sequence[Line], starts: list[bool], undecided: Sequence[int]
) -> list[bool]:
    """`starts` with the items of a Chinese list whose items end without punctuation (the SDG
    targets: "…到2030年实现…" / "到2020年,大幅减少…") read apart where the line before an item
    is full, as `_list_items` does in English. Chinese wraps a line between any two
    characters, so a wrapped line opens anywhere in a phrase; what tells an item is an opening
    the list's items share (`_zh_opener`): a label of one form before a space ("1.2", "目标3."),
    or a phrase, the line's text up to its first clause mark, at most `ZH_OPENER_CHARS`
    characters, numbers alike ("到2030年," is "到9年,"), that opens at least `ZH_OPENER_MIN`
    paragraphs the line evidence found. In a list (`_is_list`), a line the line evidence left
    joined (`undecided`) after a line ending without punctuation starts an item when it opens
    so."""
    if not undecided or not _is_list(lines, starts):
        return starts
    counts = Counter(_zh_opener(ln.text) for ln, start in zip(lines, starts, strict=True) if start)
    out = list(starts)
    for i in undecided:
        key = _zh_opener(lines[i].text)
        if out[i] or key is None or counts[key] < ZH_OPENER_MIN:
            continue
        out[i] = not _ends_clause(lines[i - 1].text.rstrip())
    return out


def _zh_opener(text: str) -> str | None:
    """How a Chinese line opens, as a list's items open alike: a label before a space ("1.2",
    "目标3.", "(b)": Chinese writes a number in a sentence without a space after it, "1.25美元"),
    else its opening phrase, its text up to its first clause mark (at most `ZH_OPENER_CHARS`
    characters before it); numbers alike, "1.2" and "10.3" are "9.9"; None when neither."""
    found = _ZH_ITEM_LABEL.match(text) or _ZH_PHRASE.match(text)
    if found is None:
        return None
    key = re.sub(r"\d+", "9", found.group().rstrip())
    return re.sub(r"\([a-z]+\)", "(a)", re.sub(r"\.[a-z]\b", ".a", key))


def _word_uses(lines: Sequence[Line]) -> tuple[frozenset[str], frozenset[str]]:
    """The words the text writes in lower case, and the capitalised words it writes inside a
    line after a word, a number or a comma (names: "developing States", "the Convention")."""
    lower: set[str] = set()
    names: set[str] = set()
    for ln in lines:
        lower.update(_LOWER_WORD.findall(ln.text))
        names.update(_INNER_CAPITAL.findall(ln.text))
    return frozenset(lower), frozenset(names)


def _is_list(lines: Sequence[Line], starts: Sequence[bool]) -> bool:
    """Whether the line evidence found a list of items without end punctuation: at least
    `LIST_MIN_ENDS` paragraph ends, `LIST_END_SHARE` of them without sentence or clause
    punctuation (prose ends its paragraphs in a full stop, only its headings do not)."""
    ends = [lines[i - 1].text for i in range(1, len(lines)) if starts[i]]
    bare = sum(1 for text in ends if not _ends_clause(text))
    return len(ends) >= LIST_MIN_ENDS and bare >= LIST_END_SHARE * len(ends)


def _opener(text: str) -> str | None:
    """How a line opens, as a list's items open alike: a label's form ("1.2" and "10.3" are
    "9.9", "(b)" is "(a)") before a capital or digit, else a capitalised word ("By", "Ensure"),
    else None."""
    label = _ITEM_LABEL.match(text)
    if label:
        return re.sub(r"[a-z]+", "a", re.sub(r"\d+", "9", label.group(1)))
    word = _CAPITAL_WORD.match(text)
    return word.group() if word else None


def _starts(
    prev: Line,
    line: Line,
    nxt: Line | None,
    lang: str,
    margins: dict[int, int],
    blank_structure: bool,
    room: float,
    width: float,
) -> bool:
    """The strong evidence that `line` starts a paragraph: labels, list items, indents, the
    room left on the line before (`room` of the page's text `width`), a blank line."""
    text, before = line.text, prev.text.rstrip()
    if BARE_LABEL.match(before):
        return False
    if starts_label(text) or BARE_LABEL.match(text) or entry_tail(before) is not None:
        return True  # (a contents entry ends with its leader and page number)
    if (entry_tail(text) is not None and not line.blank_before
            and room <= CONTENTS_ROOM * width):
        # a contents entry's title wrapped short of its page number (the contents' right
        # indent), its last line ending in the leader and number: it goes on; a group's
        # heading over the entries ("Annex") leaves more room
        return False
    tolerance = ZH_TOLERANCE if lang == "zh" else EN_TOLERANCE
    if _LIST_ITEM.match(text) and before.endswith((":", "：", ";", "；")):
        # Chinese writes its lists in the line ("包括：(1) …；(2) …"): a label after a full line
        # is where the line wrapped, not a new item's line
        return lang != "zh" or room > tolerance * width
    margin = margins[line.page]
    if (
        line.indent >= margin + 2
        and line.indent != prev.indent
        and (nxt is None or nxt.indent < line.indent)
    ):
        return True
    lower = lang == "en" and text[0].islower()
    loose = blank_structure and not line.blank_before
    if room > (BLANK_TOLERANCE if loose else tolerance) * width:
        # the next word would have fitted: the line ended its paragraph, unless an English
        # line stops mid-sentence before a lower-case word (a forced break in a title)
        return not (lower and not ends_sentence(before))
    if line.blank_before:
        # a full line, then a blank: the paragraph goes on only before a lower-case word
        return not (lower and not ends_sentence(before))
    return False
