"""Upright glyphs stacked one under another: a vertical line, read top to bottom.

Signage, narrow table headers and Chinese vertical writing set a word as letters (or Han
characters) one under another, each glyph upright (not turned: that is `textframes`). Read as
upright text, each glyph is a line of its own ("t", "e", "s", "t"). A stack is found among the
runs (`lines._runs`) that hold a single glyph, a letter, digit or Han character:

- glyphs of one size, their middles across within `ALIGN_X` font sizes of each other, each under
  the one before at a step (baseline to baseline) of `MIN_STEP` font sizes or more; the stack's
  letter pitch is its shortest step, at most `MAX_PITCH` times the glyph's height (its box or
  its font size, the larger: about one glyph height, one advance down); a step of `WORD_BREAK`
  letter pitches or more leaves a slot empty and starts a word, one of more than `MAX_STEP`
  letter pitches ends the stack;
- at least `MIN_GLYPHS` glyphs (`MIN_WIDE` where all are wide, Han: "合计" stacked in a narrow
  header), at least half of them letters (a column of digits is a table's);
- set apart from the page's horizontal lines: no other glyph within `CLEAR` font sizes of its
  sides (a drop capital's lines abut it), and fewer than half of its glyphs share their
  baseline (box bottom and top within `ALIGNED` font sizes) with another glyph: a table's
  column of one-letter cells ("Y", "N", "男", "女") and list labels stand on their rows'
  baselines, where a stack's step matches the text's leading only by chance. Stacks set side
  by side with their tops level (a row of vertical headers, a page of vertical Chinese
  columns) share their baselines, and are left as they were;
- not inside a ruled table's cell (its lines are read as the cell's, `tables`).

A column of bullets, check marks or footnote numbers is no stack (no letters), nor are drop
capitals (their lines abut them) or a column of superscript note letters (their step is longer
than their small size allows). Each stack is laid out as one line of its glyphs, top to bottom
as left to right, a word space at each word break (Han characters take none, as Chinese writes
none), placed at the stack's top left corner, and read apart from the page's text, as a turned
group is (`lines.page_lines`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from itertools import pairwise
from typing import NamedTuple

from untm.aligner.pdflayout.chars import SPACE, Char, is_wide

ALIGN_X = 0.5  # font sizes: the most two stacked glyphs' middles stand apart across
MIN_STEP = 0.75  # font sizes: the shortest step down from one stacked glyph to the next
MAX_PITCH = 1.5  # glyph heights: the longest letter pitch (the stack's shortest step)
WORD_BREAK = 1.6  # letter pitches: a step this long or longer leaves a slot empty (a word break)
MAX_STEP = 3.2  # letter pitches: a longer step ends the stack
MIN_GLYPHS = 3
MIN_WIDE = 2
CLEAR = 1.0  # font sizes: no glyph outside stacks this near a stack's sides
ALIGNED = 0.03  # font sizes: a glyph whose box bottom and top are this near another's shares
WORD_SPACE = 0.5  # font sizes: the gap laid at a word break (`lines` reads a space there)
MAX_SINGLES = 5000  # a page with more single glyphs is not searched (bounded work)
BUCKET = 8.0  # points: open stacks are looked up by the band their middle across is in

InCell = Callable[[float, float, float, float], bool]  # (x0, x1, y0, y1) inside a ruled cell


class Stack(NamedTuple):
    """The glyphs of a stack top to bottom, and the indices of those that start a word."""

    glyphs: tuple[Char, ...]
    breaks: frozenset[int]


def _single(run: list[Char]) -> Char | None:
    """The run's glyph where it holds one (spaces aside), a letter, digit or Han character."""
    if len(run) > 3:
        return None
    ink = [c for c in run if c.ch != SPACE]
    return ink[0] if len(ink) == 1 and ink[0].ch.isalnum() else None


def _unit(c: Char) -> float:
    return max(c.y1 - c.y0, c.size)


def _follows(last: Char, c: Char) -> float | None:
    """The step from `last` down to `c` where `c` can stand under it in a stack, else None."""
    size = last.size
    if abs(c.size - size) > 0.05 * size or size <= 0:
        return None
    if abs((c.x0 + c.x1) - (last.x0 + last.x1)) / 2 > ALIGN_X * size:
        return None
    step = last.y0 - c.y0
    if step < MIN_STEP * size or step > _reach(last):
        return None
    return step


def _chains(singles: list[Char]) -> list[list[Char]]:
    """The single glyphs (by their tops, top to bottom) chained, each to the open chain it can
    stand under with the shortest step; open chains are looked up by the `BUCKET`-point band
    of their last glyph's middle across, and closed once the glyphs come too far below them."""
    chains: list[list[Char]] = []
    bands: dict[int, list[list[Char]]] = {}
    for c in singles:
        middle = (c.x0 + c.x1) / 2
        span = int(ALIGN_X * c.size // BUCKET) + 1  # bands on each side to look in
        band = int(middle // BUCKET)
        best, best_step, best_band = None, 0.0, 0
        for key in range(band - span, band + span + 1):
            open_chains = bands.get(key)
            if not open_chains:
                continue
            # a chain whose last glyph stands farther above this one's top than a step may
            # reach takes no glyph after it either (they come lower)
            open_chains[:] = [ch for ch in open_chains if ch[-1].y0 - c.y1 <= _reach(ch[-1])]
            for chain in open_chains:
                step = _follows(chain[-1], c)
                if step is not None and (best is None or step < best_step):
                    best, best_step, best_band = chain, step, key
        if best is None:
            best = [c]
            chains.append(best)
        else:
            bands[best_band].remove(best)
            best.append(c)
        bands.setdefault(band, []).append(best)
    return [chain for chain in chains if len(chain) >= MIN_WIDE]


def _reach(c: Char) -> float:
    """The longest step down from a stacked glyph to the next."""
    return MAX_STEP * MAX_PITCH * _unit(c)


def _stacks(chain: list[Char]) -> list[Stack]:
    """A chain split into stacks at its letter pitch: word breaks, and ends where a step is
    longer than `MAX_STEP` letter pitches; each kept where it is a word (`_is_word`)."""
    steps = [a.y0 - b.y0 for a, b in pairwise(chain)]
    pitch = min(steps)
    if pitch > MAX_PITCH * _unit(chain[0]):
        return []
    out: list[Stack] = []
    glyphs, breaks = [chain[0]], set[int]()
    for c, step in zip(chain[1:], steps, strict=True):
        if step > MAX_STEP * pitch:
            out.append(Stack(tuple(glyphs), frozenset(breaks)))
            glyphs, breaks = [c], set[int]()
            continue
        if step >= WORD_BREAK * pitch:
            breaks.add(len(glyphs))
        glyphs.append(c)
    out.append(Stack(tuple(glyphs), frozenset(breaks)))
    return [s for s in out if _is_word(s)]


def _is_word(stack: Stack) -> bool:
    """Enough glyphs, at least half of them letters, and two of them a letter pitch apart."""
    glyphs = stack.glyphs
    least = MIN_WIDE if all(is_wide(c.ch) for c in glyphs) else MIN_GLYPHS
    letters = sum(c.ch.isalpha() for c in glyphs)
    paired = len(stack.breaks) < len(glyphs) - 1  # not every step a word break
    return len(glyphs) >= least and 2 * letters >= len(glyphs) and paired


Box = tuple[float, float, float, float]  # a glyph's box: y0, y1, x0, x1


def _box(c: Char) -> Box:
    return (c.y0, c.y1, c.x0, c.x1)


class _Ink(NamedTuple):
    """The boxes of the page's glyphs, sorted, and the tallest box's height."""

    boxes: list[Box]
    tallest: float

    def shared(self, c: Char, own: set[Box]) -> bool:
        """Whether a glyph not of `own` shares the glyph's baseline (its box bottom and top)."""
        tol = ALIGNED * c.size
        k = bisect_left(self.boxes, (c.y0 - tol,))
        while k < len(self.boxes) and self.boxes[k][0] <= c.y0 + tol:
            box = self.boxes[k]
            if abs(box[1] - c.y1) <= tol and box not in own:
                return True
            k += 1
        return False

    def near(self, x0: float, x1: float, y0: float, y1: float, own: set[Box]) -> bool:
        """Whether a glyph not of `own` stands in the band from `y0` to `y1` (not at its
        edge) within `x0` to `x1`."""
        end = bisect_left(self.boxes, (y1,))
        k = bisect_left(self.boxes, (y0 - self.tallest,), 0, end)
        return any(b[1] > y0 and b[2] < x1 and b[3] > x0 and b not in own
                   for b in self.boxes[k:end])


def _apart(stack: Stack, ink: _Ink) -> bool:
    """Whether the stack stands apart from the page's horizontal lines: no other glyph within
    `CLEAR` font sizes of its sides, and fewer than half of its glyphs on another's baseline
    (glyphs of other stacks count: a page drawn glyph by glyph, each its own run, has columns
    of letters at its leading, each letter beside others)."""
    glyphs = stack.glyphs
    own = set(map(_box, glyphs))
    clear = CLEAR * glyphs[0].size
    x0, x1 = min(c.x0 for c in glyphs) - clear, max(c.x1 for c in glyphs) + clear
    if ink.near(x0, x1, glyphs[-1].y0, glyphs[0].y1, own):
        return False
    return 2 * sum(ink.shared(c, own) for c in glyphs) < len(glyphs)


def _laid(stack: Stack) -> tuple[Char, ...]:
    """The stack's glyphs as one line at its top left corner, top to bottom left to right, a
    gap of `WORD_SPACE` font sizes at each word break."""
    top = stack.glyphs[0]
    x = min(c.x0 for c in stack.glyphs)
    out: list[Char] = []
    for i, c in enumerate(stack.glyphs):
        if i in stack.breaks:
            x += WORD_SPACE * c.size
        width = c.x1 - c.x0
        out.append(c._replace(x0=x, x1=x + width, y0=top.y0, y1=top.y0 + c.y1 - c.y0))
        x += width
    return tuple(out)


def vertical_stacks(
    runs: list[list[Char]], in_cell: InCell | None = None
) -> tuple[list[list[Char]], tuple[tuple[Char, ...], ...]]:
    """The runs without the glyphs of stacks, and each stack laid out as one line (top to
    bottom), the stacks in order of their tops, then left to right."""
    singles = [c for run in runs if (c := _single(run)) is not None]
    if len(singles) < MIN_WIDE or len(singles) > MAX_SINGLES:
        return runs, ()
    singles.sort(key=lambda c: -c.y1)
    found = [s for chain in _chains(singles) for s in _stacks(chain)]
    if not found:
        return runs, ()
    if in_cell is not None:
        found = [s for s in found if not in_cell(
            min(c.x0 for c in s.glyphs), max(c.x1 for c in s.glyphs),
            s.glyphs[-1].y0, s.glyphs[0].y1)]
    boxes = sorted({_box(c) for run in runs for c in run if c.ch != SPACE})
    ink = _Ink(boxes, max((b[1] - b[0] for b in boxes), default=0.0))
    stacks = [s for s in found if _apart(s, ink)]
    if not stacks:
        return runs, ()
    stacked = {id(c) for s in stacks for c in s.glyphs}
    kept = [run for run in runs if not any(id(c) in stacked for c in run)]
    stacks.sort(key=lambda s: (-s.glyphs[0].y1, s.glyphs[0].x0))
    return kept, tuple(_laid(s) for s in stacks)
