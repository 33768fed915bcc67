"""A page's text lines in reading order, for the text path the self-check falls back to.

The self-check (`selfcheck.choose`) may take the text path on PDFium's own text of a page, which
follows the order its content stream draws. Most producers draw a page top-down; some draw its
lines from the bottom of the page upward (a report's table set row by row from its last row),
and that order is the page upside down: its last row first, its heading last. A reader never
gives a page's lines in reverse, so where the rows of a page's text run mostly upward
(`MOSTLY` of the steps from one row to the next go up the page), each stretch of rows drawn
upward is put top-down (`top_down`); the rows drawn top-down (a header drawn first, then the
body from its bottom) keep their place; a page drawn in no one direction (a form's fields in
any order) is left as it is, as a page drawn top-down is. A row is one line of the layer, or
the lines PDFium broke on one baseline (a table row's cells, kept in their order).

Each line's height on the page is its glyphs' (`PageChars.chars`, in PDFium's order), found by
walking the layer's text and the glyphs together; it is done only for the pages the text path
reads, once the self-check falls back (a pass over the glyphs of those pages).
"""

from __future__ import annotations

from itertools import pairwise
from typing import NamedTuple

from untm.aligner.pdflayout.chars import SPACE, Char, PageChars

LEVEL = 0.5  # baselines closer than this share of the font size are one row
MIN_MATCHED = 0.9  # of the layer's characters that must be found among the glyphs
MIN_UPWARD = 2  # steps up the page, at least, for a page to be read as drawn upward
MOSTLY = 2 / 3  # the share of the steps from row to row that go up, at least, on such a page


class TopDown(NamedTuple):
    """A page whose text was put top-down: its number and its text in reading order."""

    number: int
    text: str


class _Row(NamedTuple):
    lines: list[str]
    y: float  # the baseline (PDF points from the bottom of the page)
    size: float


def _baselines(lines: list[str], chars: tuple[Char, ...]) -> list[tuple[float, float] | None]:
    """Each line's baseline and font size (its middle glyph's, by height), or None (no glyph);
    an empty list when the layer's characters cannot be matched to the glyphs."""
    glyphs = [c for c in chars if c.ch != SPACE]
    j = matched = total = 0
    out: list[tuple[float, float] | None] = []
    for line in lines:
        mine: list[Char] = []
        for ch in line:
            if ch.isspace():
                continue
            total += 1
            if j < len(glyphs) and glyphs[j].ch == ch:
                mine.append(glyphs[j])
                j += 1
            # else a character without a box, not among the glyphs
        matched += len(mine)
        if mine:
            middle = sorted(mine, key=lambda c: c.y0)[len(mine) // 2]
            out.append((middle.y0, middle.size))
        else:
            out.append(None)
    return out if matched >= MIN_MATCHED * total else []


def _rows(lines: list[str], places: list[tuple[float, float] | None]) -> list[_Row]:
    """The lines made rows: a line on the baseline of the row before (within `LEVEL` of the
    font size) or without a glyph joins it."""
    rows: list[_Row] = []
    pending: list[str] = []  # lines without a glyph before the first row
    for line, place in zip(lines, places, strict=True):
        if place is None:
            if rows:
                rows[-1].lines.append(line)
            else:
                pending.append(line)
            continue
        y, size = place
        if rows and abs(y - rows[-1].y) <= LEVEL * max(size, rows[-1].size, 1.0):
            rows[-1].lines.append(line)
            continue
        rows.append(_Row([*pending, line], y, size))
        pending = []
    if pending:
        rows.append(_Row(pending, 0.0, 0.0))
    return rows


def top_down(page: PageChars) -> TopDown | None:
    """The page's text with each stretch of rows drawn upward put top-down, where its rows run
    mostly upward; None for a page drawn top-down (or whose glyphs cannot be placed: a page
    read turned)."""
    if page.turned:
        return None
    lines = page.text.split("\n")
    places = _baselines(lines, page.chars)
    if not places:
        return None
    rows = _rows(lines, places)
    up = sum(1 for a, b in pairwise(rows) if b.y > a.y)
    if up < MIN_UPWARD or up < MOSTLY * (len(rows) - 1):
        return None
    ordered: list[_Row] = []
    run = rows[:1]
    for row in rows[1:]:
        if row.y > run[-1].y:
            run.append(row)
        else:
            ordered += reversed(run)
            run = [row]
    ordered += reversed(run)
    return TopDown(page.number, "\n".join(line for row in ordered for line in row.lines))
