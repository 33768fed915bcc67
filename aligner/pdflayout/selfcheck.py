"""The PDF reader checks its own reading against the page's own text, and falls back to it.

After the layout reading, three things a person sees at once are measured (`ReadingCheck`):
- **segment explosion**: sentence segments per 1,000 characters; more than `EXPLOSION` times
  those of the *text reading* (PDFium's own text of the same pages, in its text order, as
  `pdftotext` reads a file, through untm's text path), and at least `MIN_EXCESS` segments more,
  means lines or words became paragraphs (the cells of ruled tables, units by their rules, and
  of tables set without rules whose rows pair across a gutter, `columns._unruled_table`, are
  not counted: the text reading runs a table's rows together);
- **one-character lines**: more than `SHORT_LINES` of the lines (of at least `MIN_LINES`) hold
  a single character: glyphs were not put together into lines;
- **missing characters**: more than `MISSING` of the page text's characters (white space aside)
  are neither in the paragraphs nor in the furniture.
A check the layout reading fails and the text reading passes makes the reader take the text
reading, and say so in one note (`choose`): the layout reader never does worse on these counts
than the text path on the same file. The text reading taken reads a page whose lines were drawn
upward top-down (`textorder.top_down`: PDFium's text order is the order of drawing), said in the
note. The text reading costs as much as the layout reading, so it
is made only where the layout reading shows a sign of trouble: more than `SUSPECT_FRAGMENTS`
of its running-text paragraphs end neither a sentence nor a clause (",", ";", ":"), as pieces
of lines or columns read as paragraphs do, one-character lines, missing characters, or more
than `UNPLACED` of the glyphs with a box that is a point (fonts whose metrics a converter broke;
`pdflayout.chars` places them after the glyph before them; then `UNSURE_EXPLOSION` times the
text reading's segments are enough to take it).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from untm.aligner.clean import CleanedText, clean_plain_text
from untm.aligner.labels import ends_sentence
from untm.aligner.model import BlockKind, Furniture
from untm.aligner.pdflayout.textorder import TopDown

EXPLOSION = 1.6
UNSURE_EXPLOSION = 1.3  # where more than UNPLACED of the glyphs had no box
MIN_EXCESS = 20  # segments more than the text reading's count that make an explosion
SHORT_LINES = 0.3
MIN_LINES = 5
MISSING = 0.005
UNPLACED = 0.005
SUSPECT_FRAGMENTS = 0.4  # share of running-text paragraphs (of at least MIN_BODY) that stop
MIN_BODY = 10
_CLAUSE_ENDS = (",", ";", ":", "，", "；", "：")


@dataclass(frozen=True)
class ReadingCheck:
    """What the checks measured of one reading."""

    segments_per_1000: float
    short_lines: float  # share of one-character lines (0 for the text reading: it has none)
    segments: int  # the number of segments (a handful more is no explosion in a short file)
    missing: float  # share of the page text's characters that the reading lost

    def failures(
        self, text: ReadingCheck, *, unsure: bool = False, cells: int = 0
    ) -> list[str]:
        """The checks this (layout) reading fails and the `text` reading passes, as phrases
        (`unsure`: glyphs without a box were placed by guess, so fewer extra segments than
        `EXPLOSION` times, `UNSURE_EXPLOSION`, tell that the guess went wrong; `cells`: how
        many of its segments are cells of ruled tables, not counted)."""
        out: list[str] = []
        expected = max(text.segments_per_1000, 1.0) * self.segments / self.segments_per_1000 \
            if self.segments_per_1000 else 0.0
        ratio = UNSURE_EXPLOSION if unsure else EXPLOSION
        segments = self.segments - cells
        if segments > ratio * expected and segments - expected >= MIN_EXCESS:
            out.append(
                f"{self.segments_per_1000:.0f} segments per 1,000 characters against "
                f"{text.segments_per_1000:.0f}"
            )
        if self.short_lines > SHORT_LINES:
            out.append(f"{self.short_lines:.0%} of its lines hold one character")
        if self.missing > MISSING and text.missing <= MISSING:
            out.append(f"{self.missing:.1%} of the characters missing")
        return out


def _segments(cleaned: CleanedText, lang: str) -> int:
    from untm.aligner.segment import split_sentences

    return sum(len(split_sentences(p.text, lang)) for p in cleaned.paragraphs)


def _ink(text: str) -> Counter[str]:
    return Counter("".join(text.split()))


def _missing(cleaned: CleanedText, page_text: Counter[str]) -> float:
    found = _ink("".join(p.text for p in cleaned.paragraphs))
    found.update(_ink("".join(f.text for f in cleaned.furniture)))
    return sum((page_text - found).values()) / max(1, page_text.total())


def check(
    cleaned: CleanedText, lang: str, page_text: Counter[str], short_lines: float
) -> ReadingCheck:
    """The measures of one reading (`page_text`: the characters of the page's own text)."""
    chars = sum(len("".join(p.text.split())) for p in cleaned.paragraphs)
    count = _segments(cleaned, lang)
    density = 1000 * count / max(1, chars)
    return ReadingCheck(density, short_lines, count, _missing(cleaned, page_text))


def text_reading(pages: Sequence[str], lang: str) -> CleanedText:
    """The pages' own text through untm's text path (pages apart by form feeds); furniture is
    placed by page, as the layout reader places it."""
    # PDFium's page text has no line break after its last line: without one, a page's last line
    # would run into the next page's first (words glued, a running header not found)
    pages = [page if page.endswith("\n") else page + "\n" for page in pages]
    cleaned = clean_plain_text("\f".join(pages), lang, text_layer=True)
    starts: list[int] = []  # the first line of each page
    line = 1
    for page in pages:
        starts.append(line)
        line += page.count("\n")
    return replace(
        cleaned,
        furniture=tuple(
            Furniture(f.kind, f.text, _page_of(f.line, starts)) for f in cleaned.furniture
        ),
    )


def _page_of(line: int, starts: list[int]) -> int:
    return max(1, bisect_right(starts, line))


@dataclass(frozen=True)
class Choice:
    """The reading taken and, when it is the text reading, why (one line)."""

    cleaned: CleanedText
    note: str | None


def _fragments(cleaned: CleanedText) -> float:
    """The share of running-text paragraphs that end neither a sentence nor a clause."""
    body = [p.text for p in cleaned.paragraphs if p.kind is BlockKind.BODY]
    if len(body) < MIN_BODY:
        return 0.0
    stops = sum(1 for t in body if not (ends_sentence(t) or t.rstrip().endswith(_CLAUSE_ENDS)))
    return stops / len(body)


def choose(
    layout: CleanedText,
    pages: Sequence[str],
    lang: str,
    *,
    short_lines: float,
    unplaced: float = 0.0,
    cells: int = 0,
    top_down: Callable[[], Sequence[TopDown | None]] | None = None,
) -> Choice:
    """The layout reading, unless it fails a check the text reading of `pages` passes
    (`short_lines`: the share of its one-character lines; `unplaced`: of glyphs without a box,
    a sign to check; `cells`: the number of its paragraphs that are cells of ruled tables;
    `top_down`: each page's text put top-down where its lines were drawn upward, or None,
    asked only when the text reading is taken: `textorder.top_down`)."""
    page_text = _ink("".join(pages))
    suspect = (
        _fragments(layout) > SUSPECT_FRAGMENTS
        or short_lines > SHORT_LINES
        or unplaced > UNPLACED
        or _missing(layout, page_text) > MISSING
    )
    if not suspect:
        return Choice(layout, None)
    mine = check(layout, lang, page_text, short_lines)
    text = text_reading(pages, lang)
    theirs = check(text, lang, page_text, 0.0)
    failed = mine.failures(theirs, unsure=unplaced > UNPLACED, cells=cells)
    if not failed:
        return Choice(layout, None)
    upward = ""
    ordered = top_down() if top_down else []
    if any(ordered):  # the text reading again, the pages drawn upward put top-down
        text = text_reading([t.text if t else p for p, t in zip(pages, ordered, strict=True)],
                            lang)
        upward = _upward_note([t.number for t in ordered if t])
    return Choice(
        text,
        "read in PDFium's text order through the text path" + upward + ": the layout reading had "
        + "; ".join(failed),
    )


def _upward_note(numbers: list[int]) -> str:
    """What the note says of the pages whose lines were put top-down."""
    if len(numbers) == 1:
        return f" (the lines of page {numbers[0]}, drawn bottom-up, put top-down)"
    shown = ", ".join(str(n) for n in numbers[:5]) + (", ..." if len(numbers) > 5 else "")
    return f" (the lines of {len(numbers)} pages ({shown}), drawn bottom-up, put top-down)"
