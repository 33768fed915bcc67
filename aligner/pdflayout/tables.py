"""Table cells: the lines of a ruled table grouped into its cells, read cell by cell, row by row.

A table drawn with ruling lines (`chars.Rule`: table borders as LibreOffice, Chromium and
reportlab draw them) has cells bounded by them (`Grid.cell`): a piece of text between the
nearest vertical rules that cross its height, left and right, and the nearest horizontal rules
that cross its middle, above and below, is in the cell those four rules bound. A run of a
frame's rows whose pieces are all in cells is a table (`ruled_tables`) when it has cells side by
side and none of more than `MAX_CELL_LINES` lines but narrow ones (`_narrow`: a box drawn round a
page's text or round two columns is no table). Its cells are read row by row (a row: the cells
under one top rule; a cell spanning rows is read in its first), each row left to right, a cell's
lines top to bottom (`lines` joins a cell's pieces on one baseline, `blocks` its lines as a
paragraph's). A piece that crosses a vertical rule is cut there (`lines._cut`), so two cells set
close together are two.

Tables without vertical rules are read as before (`lines._tabular`: one cell a line): where a
cell wraps, its lines are not joined. Telling a wrapped cell's next line from the next row's
cell, and a table of wrapped text from text in columns, by the lines' places alone was tried
and changed the reading of real files for the worse (timetables, cheat sheets, covers).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from untm.aligner.pdflayout.chars import Rule
    from untm.aligner.pdflayout.lines import Line

TOL = 2.0  # points a piece may reach past the rule it stands against
MAX_CELL_LINES = 12  # a ruled cell of more lines is a box round text, not a table's cell
NARROW_CELL = 12.0  # font sizes: a cell narrower than this is a table's, whatever its lines

Key = tuple[float, float, float, float]  # a cell's left, right, top and bottom rules
Cell = list[tuple["Line", ...]]  # a cell's lines top to bottom, each as its pieces
TableRows = list[list[Cell]]  # a table's rows top to bottom, each its cells left to right


def _mid_x(rule: Rule) -> float:
    return (rule.x0 + rule.x1) / 2


def _mid_y(rule: Rule) -> float:
    return (rule.y0 + rule.y1) / 2


@dataclass(frozen=True)
class Grid:
    """A page's ruling lines, horizontal and vertical."""

    horizontal: tuple[Rule, ...]
    vertical: tuple[Rule, ...]

    @classmethod
    def of(cls, rules: Sequence[Rule]) -> Grid | None:
        """The grid of a page's rules, or None where there are no vertical and horizontal ones."""
        horizontal = tuple(r for r in rules if r.horizontal)
        vertical = tuple(r for r in rules if not r.horizontal)
        return cls(horizontal, vertical) if horizontal and vertical else None

    def walls(self, y: float, x0: float, x1: float) -> list[float]:
        """Where vertical rules cross height `y` between `x0` and `x1` (a run to cut there)."""
        return sorted(_mid_x(r) for r in self.vertical
                      if r.y0 - TOL <= y <= r.y1 + TOL and x0 < _mid_x(r) < x1)

    def extent(self, ln: Line) -> tuple[float, float]:
        """Where a piece stands across the page as far as columns go: a piece that starts inside
        a ruled table (between the outer vertical rules crossing its middle) reaches no farther
        than the table's outer rules. Text too long for its cell, which LibreOffice draws on
        past the table's edge, belongs to the table and closes no gutter beside it (a table in
        a column)."""
        walls = self.walls((ln.y0 + ln.y1) / 2, -1e9, 1e9)
        if not walls or not walls[0] - TOL <= ln.x0 <= walls[-1] + TOL:
            return (ln.x0, ln.x1)
        return (max(ln.x0, walls[0]), min(ln.x1, walls[-1]))

    def cell(self, ln: Line) -> Key | None:
        """The rules round the piece (left, right, top, bottom), or None where one is missing."""
        return self.cell_at(ln.x0, ln.x1, ln.y0, ln.y1)

    def in_cell(self, x0: float, x1: float, y0: float, y1: float) -> bool:
        """Whether a box stands inside a cell of the grid."""
        return self.cell_at(x0, x1, y0, y1) is not None

    def cell_at(self, x0: float, x1: float, y0: float, y1: float) -> Key | None:
        """The rules round a box (left, right, top, bottom), or None where one is missing."""
        my, mx = (y0 + y1) / 2, (x0 + x1) / 2
        sides = [_mid_x(r) for r in self.vertical if r.y0 - TOL <= my <= r.y1 + TOL]
        left = max((x for x in sides if x <= x0 + TOL), default=None)
        right = min((x for x in sides if x >= x1 - TOL), default=None)
        if left is None or right is None:
            return None
        ends = [_mid_y(r) for r in self.horizontal if r.x0 - TOL <= mx <= r.x1 + TOL]
        top = min((y for y in ends if y >= y1 - TOL), default=None)
        bottom = max((y for y in ends if y <= y0 + TOL), default=None)
        if top is None or bottom is None:
            return None
        return (round(left, 1), round(right, 1), round(top, 1), round(bottom, 1))


def _baselines(lines: list[Line]) -> Cell:
    """A cell's pieces as its lines top to bottom, each line's pieces left to right."""
    out: list[list[Line]] = []
    for ln in sorted(lines, key=lambda ln: (-ln.y1, ln.x0)):
        ref = out[-1][0] if out else None
        if ref is not None and min(ln.y1, ref.y1) - max(ln.y0, ref.y0) >= 0.5 * min(
            ln.y1 - ln.y0, ref.y1 - ref.y0
        ):
            out[-1].append(ln)
        else:
            out.append([ln])
    return [tuple(sorted(row, key=lambda ln: ln.x0)) for row in out]


def _narrow(key: Key, cell: Cell) -> bool:
    """A cell narrower than `NARROW_CELL` font sizes of its type (two to four words a line):
    a table's column, however many lines its text wraps to, never a box round a page's text or
    a column's, whose lines hold a measure's words. A five-column table of recommendations
    (a UNICEF Innocenti report's, InDesign: cells 85 points wide in 9-point type) wraps a cell
    to fifteen lines."""
    sizes = sorted(ln.size for row in cell for ln in row)
    size = sizes[len(sizes) // 2]
    return key[1] - key[0] < NARROW_CELL * size


def _read(cells: dict[Key, list[Line]]) -> TableRows | None:
    """The cells of a ruled table in reading order, or None where they are no table."""
    if len({key[0] for key in cells}) < 2:  # no cells side by side
        return None
    read = {key: _baselines(lines) for key, lines in cells.items()}
    if any(len(cell) > MAX_CELL_LINES and not _narrow(key, cell) for key, cell in read.items()):
        return None
    rows: dict[float, list[Key]] = {}
    for key in cells:
        rows.setdefault(key[2], []).append(key)
    return [[read[key] for key in sorted(rows[top])] for top in sorted(rows, reverse=True)]


def beside_text(rows: Sequence[tuple[Line, ...]], start: int, end: int, grid: Grid) -> bool:
    """Text stands beside the ruled table of rows [start, end): outside its outer rules, between
    its top and bottom rules, on at least as many rows as the table has (the other column's
    lines beside a table set inside a column fall between the table's rows; a stray mark past
    a wide table's edge does not run alongside it)."""
    keys = [key for row in rows[start:end] for key in map(grid.cell, row) if key is not None]
    left, right = min(key[0] for key in keys), max(key[1] for key in keys)
    top, bottom = max(key[2] for key in keys), min(key[3] for key in keys)
    beside = sum(1 for k, row in enumerate(rows) if not start <= k < end and any(
        bottom < (ln.y0 + ln.y1) / 2 < top and (ln.x1 <= left + TOL or ln.x0 >= right - TOL)
        for ln in row))
    return beside >= end - start


def ruled_tables(
    rows: Sequence[tuple[Line, ...]], grid: Grid
) -> dict[int, tuple[int, TableRows]]:
    """The ruled tables among a frame's rows: first row index -> (end index, the table)."""
    out: dict[int, tuple[int, TableRows]] = {}
    k = 0
    while k < len(rows):
        start = k
        cells: dict[Key, list[Line]] = {}
        while k < len(rows):
            keys = [grid.cell(ln) for ln in rows[k]]
            if any(key is None for key in keys):
                break
            for ln, key in zip(rows[k], keys, strict=True):
                cells.setdefault(key, []).append(ln)  # type: ignore[arg-type]
            k += 1
        if k == start:
            k += 1
            continue
        table = _read(cells)
        if table is not None:
            out[start] = (k, table)
    return out

