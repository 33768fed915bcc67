"""Glyphs drawn again over a glyph of the same character (an overprint), found as a page is read.

A page may draw the same text twice at one place: a block of text objects written twice, a
layer drawn again over itself, a shadow, fake bold (a second copy a fraction of a point away). A
viewer shows one text, and `pdftotext` reads one; PDFium's text page drops a copy only where it
follows its original within a few characters or text objects. Here a glyph is a copy when an
earlier glyph of the page has the same character and a box whose four sides are each within
`OVERPRINT` of that glyph's font size of its own, however far apart in the content the two are.
Another character at the same place, the same character at another place, is never a copy; nor
is the next letter of a ligature (one glyph for several characters, each with the glyph's box),
which the reader gives the fate of the letter before it.

Looking every glyph up would more than double the time the reader takes to read a page's
characters (0.70 s against 0.32 s for the 32 pages of bench/bench_pdf_speed.py's English PDF),
so the page is read in stretches: a stretch starts where a run of the reader starts (a line
break, another baseline) and where the text goes back left by more than the tolerance, so that
within a stretch glyphs go left to right and none can draw over another. Only a stretch that
starts left of the end of an earlier stretch on its baseline band can draw over something
(`Overprints.start`); its glyphs alone are looked up (`Overprints.again`), among the glyphs of
those earlier stretches. (Looking every glyph up finds the same copies in the 159 PDFs of the
producer matrix and the real-world corpus.)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from untm.aligner.pdflayout.chars import Char

OVERPRINT = 0.1  # font sizes: a glyph of the same character this close is drawn over
BAND = 8.0  # points: stretches are kept by the band of the page their first glyph's bottom is in
CELL = 8.0  # points: glyphs looked up are kept by the square their box's lower left corner is in

Box = tuple[float, float, float, float]  # x0, x1, y0, y1


class Overprints:
    """The stretches of one page read so far and, for the stretches a later one may draw over,
    their glyphs by place. `chars` is the reader's list of the page's characters, which it
    appends to as it reads."""

    def __init__(self, chars: Sequence[Char]) -> None:
        self._chars = chars
        self._start = 0  # where the open stretch starts in `chars`
        self._y0 = self._size = 0.0  # its first glyph's bottom and font size
        self._big = 0.0  # the largest font size of a stretch so far
        # band -> the closed stretches whose first glyph is in it: (start, end, x1, y0, size)
        self._bands: dict[int, list[tuple[int, int, float, float, float]]] = {}
        self._indexed: set[int] = set()  # the stretches (by start) whose glyphs are in `_cells`
        # (character, square) -> the boxes and tolerances of the glyphs looked up against
        self._cells: dict[tuple[str, int, int], list[tuple[Box, float]]] = {}

    def start(self, left: float, bottom: float, size: float) -> bool:
        """A stretch starts with the next glyph (its left, bottom and font size): the open one
        is closed. Whether the new one may draw over an earlier stretch: one on its baseline
        band whose glyphs end right of where it starts; their glyphs are then kept by place."""
        chars = self._chars
        end = len(chars)
        if end > self._start:
            self._bands.setdefault(int(self._y0 // BAND), []).append(
                (self._start, end, chars[end - 1].x1, self._y0, self._size))
            if self._size > self._big:
                self._big = self._size
        self._start, self._y0, self._size = end, bottom, size
        # a glyph's bottom is within half a font size of its stretch's first (the reader's runs)
        reach = 0.5 * (size + self._big) + OVERPRINT * size
        hosts = [
            host
            for band in range(int((bottom - reach) // BAND), int((bottom + reach) // BAND) + 1)
            for host in self._bands.get(band, ())
            if host[2] > left - OVERPRINT * size
            and abs(host[3] - bottom) <= 0.5 * (size + host[4]) + OVERPRINT * size
        ]
        for first, last, _, _, _ in hosts:
            if first not in self._indexed:
                self._indexed.add(first)
                for c in chars[first:last]:  # (its spaces too: no glyph is looked up as one)
                    self._keep(c.ch, (c.x0, c.x1, c.y0, c.y1), OVERPRINT * c.size)
        return bool(hosts)

    def again(self, ch: str, box: Box) -> bool:
        """Whether a glyph of `ch` with this box draws over a glyph of the same character of an
        earlier stretch that `start` found it may draw over (within that glyph's tolerance)."""
        x0, x1, y0, y1 = box
        for (b0, b1, c0, c1), tol in self._cells.get((ch, int(x0 // CELL), int(y0 // CELL)), ()):
            if (abs(b0 - x0) <= tol and abs(c0 - y0) <= tol and abs(b1 - x1) <= tol
                    and abs(c1 - y1) <= tol):
                return True
        return False

    def _keep(self, ch: str, box: Box, tol: float) -> None:
        """Keep a glyph by place: in the square its box's lower left corner is in and in those
        within `tol` of it, so that one look-up finds it from any corner within `tol`."""
        x0, y0 = box[0], box[2]
        cells = self._cells
        for cx in range(int((x0 - tol) // CELL), int((x0 + tol) // CELL) + 1):
            for cy in range(int((y0 - tol) // CELL), int((y0 + tol) // CELL) + 1):
                cells.setdefault((ch, cx, cy), []).append((box, tol))
