"""Drop capitals: a paragraph's first letter set large, its first lines indented beside it.

Reports, magazines and books open a paragraph with a capital two to four lines tall (a large
first Han character in Chinese), the paragraph's first lines indented beside it. Read as it is
drawn, the capital is a line of its own ("T", then "he General Assembly ..."), or, being as tall
as the lines beside it, it draws them into one run and their words are interleaved. Here a
capital is found among the page's glyphs and laid into the paragraph's first line as its first
character, at that line's size, so the line reads "The General Assembly ...".

A glyph is a drop capital where:

- it is a letter (Latin or Han; no digit, bullet or mark: a large section or page number is
  none), at least `DROP_SIZE` times the size of the text beside it, with no other large glyph
  on its band within `CLEAR` of its sides (a large word "A" or a title's letter is none); an
  opening quotation mark set large just before it is part of it (kept, as the first
  character);
- lines stand beside it, right of it within `GAP` font sizes, each starting where the first
  starts (indented by about its width, within `SAME_LEFT` font sizes), at least two: the first
  one's top is near its top (within `TOP_BELOW` font sizes above it, `TOP_ABOVE` of its height
  below it), and it reaches down over the next; no line crosses it, and the line above the
  first does not start where the first does (a large letter beside an indented block is a
  label);
- the paragraph goes on under it: the line after those beside it, one line pitch
  (`PITCH_TOL`) below the last, starts under the capital, and it and the lines beside are
  of one size (`SAME_SIZE`) and weight (a heading beside a large label, a figure label beside
  a caption, stop there, or go on in the text's type: "I" beside a bold heading of two lines,
  then the text).

The capital is laid from its own left edge to the first line's first glyph, with that line's
box, size and weight, so that it abuts the line's first glyph: no word space is read between
them, unless the text layer draws one right after the capital ("A" then " long time ago"),
which is kept. The first glyph of each next line beside it is widened to the capital's left
edge, so that the paragraph's lines start where it does (read as they are, they would be
indented lines within a paragraph: where a first-line indent opens a paragraph, the second
line would open one).

Only a page where a size at most `MAX_CAPS` glyphs have is `DROP_SIZE` times a text's size is
looked at glyph by glyph (`_candidates`), and there only its letters of that size that are
drawn apart from their neighbours, each against the glyphs near it.
"""

from __future__ import annotations

from collections import Counter
from operator import attrgetter
from typing import NamedTuple

from untm.aligner.pdflayout.chars import SPACE, Char

DROP_SIZE = 1.8  # the least size of a drop capital, in the size of the text beside it
CLEAR = 0.6  # capital sizes: no other large glyph this near its sides on its band
GAP = 2.0  # font sizes of the text: the widest gap from the capital to the lines beside it
SAME_LEFT = 0.5  # font sizes: the lines beside the capital start this near one another
TOP_BELOW = 0.7  # font sizes: the most the capital's top may stand below the first line's top
TOP_ABOVE = 0.3  # capital heights: the most its top may stand above the first line's top
PITCH_TOL = 0.35  # line pitches: the line under the capital is one pitch below the last
SAME_SIZE = 0.1  # font sizes: the lines beside the capital and under it are of one size
BASELINE = 0.25  # font sizes: glyphs whose bottoms are this near are on one line
MAX_CANDIDATES = 8  # large letters drawn apart looked at on a page (bounded work)
MAX_CAPS = 12  # glyphs of a page of the drop capitals' size, at most
MIN_TEXT = 20  # glyphs of a size that make it a text's size, at least
OPENING = "\"'“‘„«「『"  # opening quotation marks, part of a drop capital set before it

_SIZE = attrgetter("size")


class _Group(NamedTuple):
    """A line of small glyphs near a candidate capital: its glyphs' indices and extent."""

    members: tuple[int, ...]
    x0: float
    y0: float
    y1: float
    size: float
    bold: bool  # most of its glyphs are bold
    first: int  # the index of its leftmost glyph


class _Drop(NamedTuple):
    """A drop capital found: its glyphs' indices (opening marks, then the letter), the index
    of the first line's first glyph, those of the next lines beside it, and whether the layer
    draws a space after the capital."""

    unit: tuple[int, ...]
    first: int
    beside: tuple[int, ...]
    spaced: bool


def _overlaps(a: Char, b: Char) -> bool:
    return min(a.y1, b.y1) - max(a.y0, b.y0) > 0.5 * min(a.y1 - a.y0, b.y1 - b.y0)


def _next_to(a: Char, b: Char) -> bool:
    """Glyph `b` is as large as `a` (`CLEAR` of its size or more) and stands on its band
    within `CLEAR` of its size of its sides."""
    clear = CLEAR * a.size
    return (b.size >= CLEAR * a.size and b.x0 <= a.x1 + clear and b.x1 >= a.x0 - clear
            and _overlaps(a, b))


def _alone(chars: tuple[Char, ...], i: int) -> bool:
    """The glyph is drawn apart from the glyphs before and after it in content order (an
    opening mark just before it aside): no large glyph of a word or title beside it."""
    c = chars[i]
    after = next((g for g in chars[i + 1:i + 3] if g.ch != SPACE), None)
    before = next((g for g in chars[max(0, i - 2):i][::-1] if g.ch != SPACE), None)
    return not ((after is not None and _next_to(c, after))
                or (before is not None and before.ch not in OPENING and _next_to(c, before)))


def _groups(chars: tuple[Char, ...], c: Char, letter: int) -> tuple[list[_Group], list[int]]:
    """The lines of glyphs `DROP_SIZE` times smaller than the capital that stand near it (from
    half its size left of it to `GAP` of their size right of it, from its size below it to
    half its size above it), top to bottom; and the other large glyphs beside it on its band
    (`_next_to`), left to right."""
    limit = c.size / DROP_SIZE
    left, right = c.x0 - 0.5 * c.size, c.x1 + GAP * limit
    low, high = c.y0 - c.size, c.y1 + 0.5 * c.size
    window = [i for i, g in enumerate(chars)
              if g.y0 < high and g.y1 > low and g.x0 < right and g.x1 > left
              and g.ch != SPACE and i != letter]
    large = sorted((i for i in window if chars[i].size > limit and _next_to(c, chars[i])),
                   key=lambda i: chars[i].x0)
    near = sorted((i for i in window if chars[i].size <= limit), key=lambda i: -chars[i].y0)
    groups: list[list[int]] = []
    for i in near:
        g = chars[i]
        if groups and chars[groups[-1][0]].y0 - g.y0 <= BASELINE * g.size:
            groups[-1].append(i)
        else:
            groups.append([i])
    out = []
    for members in groups:
        first = min(members, key=lambda i: chars[i].x0)
        sizes = sorted(chars[i].size for i in members)
        out.append(_Group(tuple(members), chars[first].x0, min(chars[i].y0 for i in members),
                          max(chars[i].y1 for i in members), sizes[len(sizes) // 2],
                          2 * sum(chars[i].bold for i in members) > len(members), first))
    return out, large


def _beside(c: Char, g: _Group) -> bool:
    """The line starts right of the capital, within `GAP` font sizes of it."""
    return c.x1 - 0.3 * g.size <= g.x0 <= c.x1 + GAP * g.size


def _drop(chars: tuple[Char, ...], letter: int) -> _Drop | None:
    """The drop capital whose letter is glyph `letter` (with a large opening mark just before
    it) beside the paragraph's first lines, or None where it is not one."""
    c = chars[letter]
    groups, large = _groups(chars, c, letter)
    unit: tuple[int, ...] = (letter,)
    if large:  # only a large opening mark just before it may stand beside it
        mark = chars[large[0]]
        if len(large) > 1 or mark.ch not in OPENING or mark.x1 > c.x0 + 0.1 * c.size:
            return None
        unit = (large[0], letter)
    top = next((k for k, g in enumerate(groups) if _beside(c, g)), None)
    if top is None:
        return None
    first = groups[top]
    s = first.size
    if (c.size < DROP_SIZE * s or not -TOP_BELOW * s <= c.y1 - first.y1
            <= TOP_ABOVE * (c.y1 - c.y0)):
        return None
    if top and abs(groups[top - 1].x0 - first.x0) <= SAME_LEFT * s:
        return None  # the line above starts there too: an indented block, not a paragraph
    end = top + 1
    while (end < len(groups) and abs(groups[end].x0 - first.x0) <= SAME_LEFT * s
           and groups[end].y1 > c.y0 - 0.3 * s):
        end += 1
    second = groups[top + 1] if end - top >= 2 else None
    if second is None or c.y0 >= second.y1 - 0.3 * (second.y1 - second.y0):
        return None  # the capital does not reach down over the next line
    if end == len(groups):
        return None
    pitch = first.y0 - groups[top + 1].y0
    last, under = groups[end - 1], groups[end]
    if (abs(last.y0 - pitch - under.y0) > PITCH_TOL * pitch
            or not chars[unit[0]].x0 - 0.5 * s <= under.x0 < c.x1 - 0.3 * s
            or any(abs(g.size - s) > SAME_SIZE * s or g.bold != first.bold
                   for g in groups[top + 1:end + 1])):
        return None  # the paragraph does not go on under the capital in the same type
    after = unit[-1] + 1
    spaced = after < len(chars) and chars[after].ch == SPACE
    return _Drop(unit, first.first, tuple(g.first for g in groups[top + 1:end]), spaced)


def _laid(chars: tuple[Char, ...], drop: _Drop) -> list[Char]:
    """The capital's glyphs laid into the first line before its first glyph, from the
    capital's left edge to that glyph (a gap of half a font size and the layer's space where
    it draws one), with the glyph's box, size and weight."""
    head = chars[drop.first]
    x0 = chars[drop.unit[0]].x0
    end = head.x0 - (0.5 * head.size if drop.spaced else 0.0)
    end = max(end, x0 + 0.1 * head.size)
    widths = [chars[i].x1 - chars[i].x0 for i in drop.unit]
    scale = (end - x0) / (sum(widths) or 1.0)
    out = []
    for w, i in zip(widths, drop.unit, strict=True):
        out.append(head._replace(ch=chars[i].ch, x0=x0, x1=x0 + w * scale))
        x0 += w * scale
    if drop.spaced:
        out.append(head._replace(ch=SPACE, x0=end, x1=head.x0))
    return out


def _candidates(chars: tuple[Char, ...], measured: frozenset[float]) -> list[int]:
    """The glyphs that may be drop capitals: letters of a size that at most `MAX_CAPS` glyphs
    of the page have, `DROP_SIZE` times that of `MIN_TEXT` glyphs or more (a text's), drawn
    apart from their neighbours in content order (`_alone`). A page whose sizes (`measured`,
    `PageChars.sizes`; the glyphs' own where not given) are all within `DROP_SIZE` of one
    another takes no work glyph by glyph."""
    measured = measured or frozenset(map(_SIZE, chars))
    if not measured or max(measured) < DROP_SIZE * max(min(measured), 1.0):
        return []
    sizes = Counter(map(_SIZE, chars))
    text = [size for size, n in sizes.items() if n >= MIN_TEXT]
    if not text:
        return []
    least = DROP_SIZE * max(min(text), 1.0)
    rare = {size for size, n in sizes.items() if n <= MAX_CAPS and size >= least}
    if not rare:
        return []
    return [i for i, c in enumerate(chars)
            if c.size in rare and c.ch.isalpha() and _alone(chars, i)][:MAX_CANDIDATES]


def drop_capitals(chars: tuple[Char, ...], sizes: frozenset[float] = frozenset()
                  ) -> tuple[Char, ...]:
    """The page's glyphs with each drop capital laid into its paragraph's first line, in
    content order just before that line's first glyph (a space the layer draws right after
    the capital goes with it), and the first glyph of each next line beside it widened to
    the capital's left edge; the same glyphs where there is none. `sizes`: the page's font
    sizes (`PageChars.sizes`)."""
    drops = [d for i in _candidates(chars, sizes) if (d := _drop(chars, i)) is not None]
    if not drops:
        return chars
    moved = {i for d in drops for i in d.unit}
    moved |= {d.unit[-1] + 1 for d in drops if d.spaced}
    before = {d.first: _laid(chars, d) for d in drops}
    left = {i: chars[d.unit[0]].x0 for d in drops for i in d.beside}
    out: list[Char] = []
    for i, c in enumerate(chars):
        if i in before:
            out.extend(before[i])
        if i in left:
            out.append(c._replace(x0=left[i]))
        elif i not in moved:
            out.append(c)
    return tuple(out)
