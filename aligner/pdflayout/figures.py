"""Text wrapped around a figure: where the lines beside a picture start and end, and which
lines are the picture's captions.

Lines set beside a picture end short of the page's measure (the picture on their right) or
start far right of its left edge (the picture on their left); measured against the page's
text block, every one of them would end or start a paragraph. Here each such line gets the
measure it is set in (`Wrap`), so the paragraph rules (`blocks`) judge it as they judge any
line against its own column:
- beside an image object of the page (`PageChars.figures`, not one that covers most of the
  page as a scan's picture does): the lines whose band the image (and its captions, a line
  spacing around them) spans and that stand wholly on one side of it; full lines there end
  where the farthest of them ends (the gutter before the picture), and start where the
  leftmost of them starts (after it);
- beside a picture the text layer cannot see (a scanned page with an OCR text layer draws the
  picture and the text as one image): a run of at least `MIN_RUN` lines of the body's type on
  consecutive rows, alone on their rows, at least `WIDE` font sizes wide (lines of text, not a
  column of phone numbers, which are as wide as each other), starting at the text's left edge
  and ending at least `SHORT` font sizes short of the measure, at least half of which (and
  `MIN_RUN`) end at one place (within `END_TOLERANCE`): that place is the measure of the run's
  lines (justified text; ragged lines there cannot be told from short ones by the text alone).
  (A picture on the text's left, seen only in the text, is left alone: it looks as an
  indented passage does.)
A line inside an image's span that stands beside wrapped text on its row, or under or over
the image, set apart from the text's left edge or in another type size, is a caption or label
of the picture (`_captions`): it is read apart, not as a cell of a table row nor in the
paragraph that wraps around it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from untm.aligner.pdflayout.chars import Figure
from untm.aligner.pdflayout.lines import Line, overlap

MAX_PAGE_SHARE = 0.5  # an image covering this share of the page is its background or its scan
MIN_FIGURE = 2.0  # font sizes: a smaller image (an icon, a bullet) is not wrapped around
SHORT = 3.0  # font sizes short of the measure a line of a run beside a hidden picture ends
MIN_RUN = 4  # lines of such a run that end at one place
WIDE = 8.0  # font sizes a line of such a run is wide at least (text, not a column of numbers)
END_TOLERANCE = 0.15  # font sizes: lines ending this close end at one place
BODY_RANGE = (0.85, 1.2)  # sizes (of the body's) a line beside a hidden picture is set in
CAPTION_BELOW = 2.5  # line spacings under an image a caption may stand
TOL = 1.0  # points


class Wrap(NamedTuple):
    """The measure a line wraps in beside a figure: where its full lines end and start (0:
    the text block's own edge on that side)."""

    left: float = 0.0
    right: float = 0.0


class Measure(NamedTuple):
    """The page's text block as `blocks` measures it, for one line: where it starts and where
    its full lines end (the page's, a column's), the body's type size and line spacing."""

    left: Callable[[Line], float]
    right: Callable[[Line], float]
    size: float
    pitch: float


def wrapped(figures: Sequence[Figure], width: float, height: float, size: float
            ) -> list[Figure]:
    """The images text may wrap around: not the page's background, not an icon."""
    return [f for f in figures
            if (f.x1 - f.x0) * (f.y1 - f.y0) < MAX_PAGE_SHARE * width * height
            and min(f.x1 - f.x0, f.y1 - f.y0) >= MIN_FIGURE * size]


def _beside(line: Line, f: Figure, margin: float) -> bool:
    """The figure, `margin` around it (text keeps a distance from a picture it wraps around),
    spans the line's band (most of its height)."""
    return overlap(line.y0, line.y1, f.y0 - margin, f.y1 + margin) > 0.5 * line.height


def _image_wraps(rows: list[list[Line]], figures: list[Figure], m: Measure) -> dict[Line, Wrap]:
    out: dict[Line, Wrap] = {}
    for f in figures:
        lefts: list[Line] = []  # lines with the figure on their right
        rights: list[Line] = []  # lines with the figure on their left
        for row in rows:
            for ln in row:
                if ln.cell or not _beside(ln, f, m.pitch):
                    continue
                if ln.x1 <= f.x0 + TOL and f.x0 < m.right(ln) - m.size:
                    lefts.append(ln)
                elif ln.x0 >= f.x1 - TOL and f.x1 > m.left(ln) + m.size:
                    rights.append(ln)
        if lefts:
            end = max(ln.x1 for ln in lefts)
            out.update((ln, Wrap(out.get(ln, Wrap()).left, end)) for ln in lefts)
        if rights:
            start = min(ln.x0 for ln in rights)
            out.update((ln, Wrap(start, out.get(ln, Wrap()).right)) for ln in rights)
    return out


def _common_end(ends: list[float], tolerance: float) -> tuple[float, int]:
    """The place most of `ends` end near (the farthest of those near it), and how many."""
    best, count = 0.0, 0
    for x in ends:
        near = [e for e in ends if abs(e - x) <= tolerance]
        if len(near) > count or (len(near) == count and max(near) > best):
            best, count = max(near), len(near)
    return best, count


def _run_wraps(rows: list[list[Line]], m: Measure) -> dict[Line, Wrap]:
    """Runs of short lines beside a picture the text layer does not draw (see the module)."""
    lo, hi = BODY_RANGE
    runs: list[list[Line]] = [[]]
    for row in rows:
        ln = row[0]
        fits = (len(row) == 1 and not ln.cell and lo * m.size <= ln.size <= hi * m.size
                and m.right(ln) - ln.x1 > SHORT * m.size and ln.x1 - ln.x0 >= WIDE * m.size
                and ln.x0 - m.left(ln) <= 2 * m.size)
        run = runs[-1]
        if fits and run:
            prev = run[-1]
            if prev.frame != ln.frame or not 0 < prev.y0 - ln.y0 <= 1.6 * m.pitch:
                runs.append(run := [])
        if fits:
            run.append(ln)
        elif run:
            runs.append([])
    out: dict[Line, Wrap] = {}
    for run in runs:
        if len(run) < MIN_RUN:
            continue
        end, count = _common_end([ln.x1 for ln in run], END_TOLERANCE * m.size)
        if count >= MIN_RUN and 2 * count >= len(run):
            out.update((ln, Wrap(0.0, end)) for ln in run)
    return out


def _captions(rows: list[list[Line]], f: Figure, m: Measure, beside: dict[Line, Wrap]
              ) -> list[Line]:
    """The lines of the rows that are captions or labels of a figure text wraps around."""
    if not any(_beside(ln, f, 0.0) for ln in beside):
        return []
    out: list[Line] = []
    for row in rows:
        for ln in row:
            inside = ln.x0 >= f.x0 - TOL and ln.x1 <= f.x1 + TOL
            near = f.y0 - CAPTION_BELOW * m.pitch <= ln.y0 and ln.y1 <= f.y1 + m.pitch
            if not (inside and near) or ln.cell:
                continue
            apart = (abs(ln.size - m.size) > 0.05 * m.size
                     or ln.x0 - m.left(ln) > 0.5 * m.size)
            if apart or any(other in beside for other in row if other is not ln):
                out.append(ln)
    return out


def wrap_page(
    rows: list[list[Line]], figures: list[Figure], m: Measure
) -> tuple[list[list[Line]], list[Line], dict[Line, Wrap]]:
    """A page's rows without the captions of the figures text wraps around, those captions,
    and the lines set beside a figure (or its captions), each with the measure it wraps in."""
    found: set[Line] = set()
    if figures:
        beside = _image_wraps(rows, figures, m)
        boxes = []
        for f in figures:
            own = _captions(rows, f, m, beside) if beside else []
            found.update(own)
            low = min([f.y0, *(ln.y0 for ln in own)])
            boxes.append(f._replace(y0=low))
        figures = boxes
    kept, captions = rows, []
    if found:
        kept = [keep for row in rows if (keep := [ln for ln in row if ln not in found])]
        captions = [ln for row in rows for ln in row if ln in found]
    out = _run_wraps(kept, m)
    if figures:
        out.update(_image_wraps(kept, figures, m))
    return kept, captions, out
