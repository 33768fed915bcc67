"""Glyphs drawn turned, read in their text's own frame.

A glyph's direction is the angle of its baseline on the page (`direction`: degrees counter-
clockwise, from the x axis of the character's matrix, text and CTM together, as PDFium gives
it). Most pages draw every glyph at 0; a landscape table rotated into a portrait page, a page
whose content is drawn for a `/Rotate`, a column header set upwards or a stamp set at 45° draw
them turned, and their boxes, read as upright text, give one-character lines ("t e s te t st").

`to_text_frames` maps a page's characters into the frames their text is written in:
- the page's frame is the right angle (0, 90, 180 or 270) most of its glyphs are drawn at; all
  characters are mapped into it (the page's width and height swap at 90 and 270), so a page
  drawn turned reads exactly as it would upright, and a page of upright text is left as it is;
- glyphs at another angle are grouped by their angle to the page's frame (within `TURN`
  degrees) and by place (`_clusters`: glyphs within `NEAR` font sizes of each other, so the
  labels of two charts are two groups), and each group is turned into its own upright frame as
  one rigid piece (the words of a group keep their places to each other), then placed where
  the group stands on the page (its top left corner), to be read apart from the page's text
  (`lines.page_lines`); on a page without a glyph at a right angle, the largest group is the
  page's text.
At a right angle a glyph's box turns exactly; at another angle its box's middle is turned and
the glyph takes the advance its turned box gives (`_oblique`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from untm.aligner.pdflayout.chars import Char

TURN = 2.0  # degrees: a baseline turned by less is taken as the frame's
EM = 1.15  # font sizes: the box height of a glyph turned at an oblique angle
NEAR = 3.0  # font sizes: turned glyphs this near each other are one group
MAX_CLUSTERS = 400  # more pieces of one angle than this are left one group (bounded work)
_RIGHT = (0.0, 90.0, 180.0, 270.0)


class _Matrix(Protocol):
    a: float
    b: float
    c: float
    d: float


def scale(matrix: _Matrix) -> float:
    """How much the matrix enlarges what it draws (the square root of its area factor): a font
    size times it is the size on the page."""
    return float(abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5)


def em_height(matrix: _Matrix) -> float:
    """How much the matrix enlarges the em across the baseline (its area factor over its scale
    along the baseline), whatever it does along it: a font size times it is the height of the
    type on the page, the size of text stretched or condensed to fit a width (`Tz`)."""
    along = math.hypot(matrix.a, matrix.b)
    return float(abs(matrix.a * matrix.d - matrix.b * matrix.c) / along) if along else 0.0


def direction(matrix: _Matrix) -> float:
    """A glyph's baseline angle (degrees counter-clockwise, 0 <= angle < 360) from its matrix;
    within `TURN` of a right angle it is that angle."""
    if matrix.b == 0.0:
        return 0.0 if matrix.a >= 0.0 else 180.0
    angle = math.degrees(math.atan2(matrix.b, matrix.a)) % 360.0
    for right in (*_RIGHT, 360.0):
        if abs(angle - right) < TURN:
            return right % 360.0
    return angle


@dataclass(frozen=True)
class TextFrames:
    """A page's characters in its text's frame, the groups of turned glyphs each in its own,
    and the page's size in its frame."""

    chars: list[Char]
    turned: tuple[tuple[Char, ...], ...]
    width: float
    height: float


def _turn(c: Char, angle: float, width: float, height: float) -> Char:
    """A character's box turned by `angle` (a right angle) clockwise, on a page of `width` by
    `height` (the page's size before the turn): the box of text drawn at `angle` upright."""
    if angle == 90.0:  # text running up the page: its top is to the left
        return c._replace(x0=c.y0, x1=c.y1, y0=width - c.x1, y1=width - c.x0)
    if angle == 180.0:
        return c._replace(x0=width - c.x1, x1=width - c.x0, y0=height - c.y1, y1=height - c.y0)
    if angle == 270.0:  # text running down the page: its top is to the right
        return c._replace(x0=height - c.y1, x1=height - c.y0, y0=c.x0, y1=c.x1)
    return c


def _oblique(c: Char, angle: float) -> Char:
    """A character's box turned by `angle` (not a right angle) clockwise about the origin: its
    box's middle turned, its height `EM` font sizes, its advance what is left of the box's
    width and height once the height's share is taken out."""
    rad = math.radians(angle)
    cos, sin = math.cos(rad), math.sin(rad)
    mx, my = (c.x0 + c.x1) / 2, (c.y0 + c.y1) / 2
    tx, ty = mx * cos + my * sin, my * cos - mx * sin
    size = c.size if c.size > 0 else 1.0
    h = EM * size
    w = (c.x1 - c.x0 + c.y1 - c.y0) / (abs(cos) + abs(sin)) - h
    w = min(max(w, 0.2 * size), 2.0 * size)
    return c._replace(x0=tx - w / 2, x1=tx + w / 2, y0=ty - h / 2, y1=ty + h / 2)


def _placed(group: list[Char], at_x: float, at_y: float) -> tuple[Char, ...]:
    """A group moved so that its box's top left corner is at (`at_x`, `at_y`)."""
    dx = at_x - min(c.x0 for c in group)
    dy = at_y - max(c.y1 for c in group)
    return tuple(c._replace(x0=c.x0 + dx, x1=c.x1 + dx, y0=c.y0 + dy, y1=c.y1 + dy)
                 for c in group)


def to_text_frames(
    chars: list[Char], angles: list[float], width: float, height: float
) -> TextFrames:
    """The characters (each with its `direction` in `angles`) in their text's frames."""
    from untm.aligner.pdflayout.chars import SPACE

    counts: dict[float, int] = defaultdict(int)
    for c, angle in zip(chars, angles, strict=True):
        if c.ch != SPACE and angle in _RIGHT:
            counts[angle] += 1
    page = max(_RIGHT, key=lambda a: (counts[a], a == 0.0))
    framed = [_turn(c, page, width, height) for c in chars]
    if page in (90.0, 270.0):
        width, height = height, width
    main: list[Char] = []
    groups: dict[float, list[Char]] = defaultdict(list)
    for c, angle in zip(framed, angles, strict=True):
        rel = (angle - page) % 360.0
        if rel < TURN or rel > 360.0 - TURN:
            main.append(c)
        else:
            groups[round(rel)].append(c)
    turned: list[tuple[Char, ...]] = []
    for rel, group in sorted(
        (rel, cluster) for rel, glyphs in groups.items() for cluster in _clusters(glyphs)
    ):
        at_x, at_y = min(c.x0 for c in group), max(c.y1 for c in group)
        if rel in (90, 180, 270):
            upright = [_turn(c, float(rel), 0.0, 0.0) for c in group]
        else:
            upright = [_oblique(c, float(rel)) for c in group]
        turned.append(_placed(_spaced(upright), at_x, at_y))
    if not main and turned:  # no glyph at a right angle: the largest group is the page's text
        largest = max(turned, key=len)
        turned.remove(largest)
        return TextFrames(list(largest), tuple(turned), width, height)
    return TextFrames(_spaced(main), tuple(turned), width, height)


def _clusters(glyphs: list[Char]) -> list[list[Char]]:
    """Glyphs of one angle (in content order) split where they stand apart: runs of glyphs each
    within `NEAR` font sizes of the one before, then runs whose boxes come within `NEAR` font
    sizes of each other joined again (the lines of one turned paragraph)."""
    runs: list[list[Char]] = []
    for c in glyphs:
        if runs and _gap(_box(runs[-1][-1:]), _box([c])) <= NEAR * max(c.size, 1.0):
            runs[-1].append(c)
        else:
            runs.append([c])
    if len(runs) > MAX_CLUSTERS:
        return [glyphs]
    pieces = [(_box(run), run) for run in runs]
    merged = True
    while merged and len(pieces) > 1:
        merged = False
        out: list[tuple[tuple[float, float, float, float], list[Char]]] = []
        for box, run in pieces:
            near = NEAR * max(run[0].size, 1.0)
            for k, (other, chars) in enumerate(out):
                if _gap(box, other) <= near:
                    out[k] = (_union(box, other), chars + run)
                    merged = True
                    break
            else:
                out.append((box, run))
        pieces = out
    return [run for _, run in pieces]


def _box(chars: list[Char]) -> tuple[float, float, float, float]:
    return (min(c.x0 for c in chars), max(c.x1 for c in chars),
            min(c.y0 for c in chars), max(c.y1 for c in chars))


def _union(
    a: tuple[float, float, float, float], b: tuple[float, float, float, float]
) -> tuple[float, float, float, float]:
    return (min(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), max(a[3], b[3]))


def _gap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    """How far apart two boxes (x0, x1, y0, y1) stand (0 where they touch or overlap)."""
    return max(a[0] - b[1], b[0] - a[1], a[2] - b[3], b[2] - a[3], 0.0)


def _spaced(chars: list[Char]) -> list[Char]:
    """The characters with each space of the layer placed again at the end of the glyph before
    it (as `chars` places it upright: a turned box puts it elsewhere)."""
    from untm.aligner.pdflayout.chars import SPACE

    out: list[Char] = []
    for c in chars:
        if c.ch == SPACE and out and out[-1].ch != SPACE:
            last = out[-1]
            c = c._replace(x0=last.x1 - 0.05, x1=last.x1, y0=last.y0, y1=last.y1)
        elif c.ch == SPACE:
            continue
        out.append(c)
    return out
