"""Dynamic-programming searches of the sentence aligner.

`anchor_path` is the cheap first pass: a 1-1/1-0/0-1 alignment over sentence-level scores,
vectorised row by row with numpy (the within-row gap recursion is a running maximum).
`band_around` widens its path into a band, and `banded_search` is the second pass: the best
monotone partition of both sides into links of the allowed types (1-2, 3-1, 2-3, ...), only
over grid cells inside the band, so its cost is linear in document length.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from untm.errors import AlignmentError

FloatArray = npt.NDArray[np.float64]
NEG = -1e18


@dataclass(frozen=True)
class Band:
    """For each grid row i (0..n), the allowed columns lo[i]..hi[i] inclusive (0..m)."""

    lo: tuple[int, ...]
    hi: tuple[int, ...]

    @property
    def cells(self) -> int:
        return sum(h - low + 1 for low, h in zip(self.lo, self.hi, strict=True))

    def coordinates(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Grid row and column of every band cell, row by row (the flat cell order)."""
        widths = np.asarray(self.hi, dtype=np.int64) - np.asarray(self.lo, dtype=np.int64) + 1
        rows = np.repeat(np.arange(len(self.lo), dtype=np.int64), widths)
        cols = np.concatenate(
            [np.arange(low, h + 1, dtype=np.int64) for low, h in zip(self.lo, self.hi, strict=True)]
        )
        return rows, cols


def full_band(n: int, m: int) -> Band:
    return Band(tuple([0] * (n + 1)), tuple([m] * (n + 1)))


def diagonal_band(n: int, m: int, width: int) -> Band:
    """A band of half-width `width` around the straight diagonal (for very long documents)."""
    lo, hi = [], []
    for i in range(n + 1):
        centre = round(i * m / n) if n else 0
        lo.append(max(0, centre - width))
        hi.append(min(m, centre + width))
    lo[0], hi[-1] = 0, m
    return Band(tuple(lo), tuple(hi))


def anchor_path(
    row_scores: Callable[[int, int, int], FloatArray], n: int, m: int, skip: float, band: Band
) -> list[tuple[int, int]]:
    """Best 1-1/1-0/0-1 path through the grid; returns the nodes (i, j) from (0,0) to (n,m).

    `row_scores(i, lo, hi)` gives the scores of pairing zh sentence i with en sentences
    lo..hi-1. A skipped sentence scores `skip`.
    """
    prev = np.full(m + 1, NEG)
    lo0, hi0 = band.lo[0], band.hi[0]
    prev[lo0 : hi0 + 1] = skip * np.arange(lo0, hi0 + 1)
    backs: list[npt.NDArray[np.int8]] = [np.full(hi0 - lo0 + 1, 2, dtype=np.int8)]
    cols = np.arange(m + 1, dtype=np.float64)
    for i in range(1, n + 1):
        lo, hi = band.lo[i], band.hi[i]
        cur_cols = cols[lo : hi + 1]
        up = prev[lo : hi + 1] + skip
        diag = np.full(hi - lo + 1, NEG)
        start = max(lo, 1)
        if start <= hi:
            scores = row_scores(i - 1, start - 1, hi)
            diag[start - lo :] = prev[start - 1 : hi] + scores
        best = np.maximum(up, diag)
        from_diag = diag >= up
        shifted = best - skip * cur_cols
        run = np.maximum.accumulate(shifted) + skip * cur_cols
        left = run > best + 1e-12
        back = np.where(left, 2, np.where(from_diag, 0, 1)).astype(np.int8)
        cur = np.full(m + 1, NEG)
        cur[lo : hi + 1] = run
        backs.append(back)
        prev = cur
    if prev[m] <= NEG / 2:
        raise AlignmentError("no alignment path inside the search band")
    path = [(n, m)]
    i, j = n, m
    while i > 0 or j > 0:
        code = backs[i][j - band.lo[i]]
        if code == 0:
            i, j = i - 1, j - 1
        elif code == 1:
            i -= 1
        else:
            j -= 1
        path.append((i, j))
    path.reverse()
    return path


def band_around(path: Sequence[tuple[int, int]], n: int, m: int, width: int) -> Band:
    """Columns within `width` of the path, over rows within `width` of each row."""
    row_lo = [m] * (n + 1)
    row_hi = [0] * (n + 1)
    for i, j in path:
        row_lo[i] = min(row_lo[i], j)
        row_hi[i] = max(row_hi[i], j)
    lo, hi = [], []
    for i in range(n + 1):
        a, b = max(0, i - width), min(n, i + width)
        lo.append(max(0, min(row_lo[a : b + 1]) - width))
        hi.append(min(m, max(row_hi[a : b + 1]) + width))
    return Band(tuple(lo), tuple(hi))


#: scores[(a, b)][i] is an array over the band columns of row i: the score of the link that
#: ends at grid node (i, j) and covers zh i-a..i-1 and en j-b..j-1.
TypeScores = dict[tuple[int, int], list[FloatArray]]


def banded_search(
    n: int, m: int, band: Band, scores: TypeScores
) -> list[tuple[int, int, int, int, float]]:
    """Best monotone partition inside `band`; returns links as (i0, i1, j0, j1, score)."""
    types = sorted(scores)
    lo, hi = band.lo, band.hi
    best: list[list[float]] = []
    back: list[list[int]] = []
    for i in range(n + 1):
        width = hi[i] - lo[i] + 1
        row_best = [NEG] * width
        row_back = [-1] * width
        type_rows = [(t, scores[t][i].tolist()) for t in types if t[0] <= i]
        for col in range(width):
            j = lo[i] + col
            if i == 0 and j == 0:
                row_best[col] = 0.0
                continue
            top = NEG
            arg = -1
            for number, ((a, b), values) in enumerate(type_rows):
                if b > j:
                    continue
                pi, pj = i - a, j - b
                if pj < lo[pi] or pj > hi[pi]:
                    continue
                prior = row_best[pj - lo[i]] if pi == i else best[pi][pj - lo[pi]]
                if prior <= NEG / 2:
                    continue
                value = prior + values[col]
                if value > top:
                    top = value
                    arg = number
            row_best[col] = top
            row_back[col] = -1 if arg < 0 else types.index(type_rows[arg][0])
        best.append(row_best)
        back.append(row_back)
    if best[n][m - lo[n]] <= NEG / 2:
        raise AlignmentError("no alignment path inside the search band")
    links: list[tuple[int, int, int, int, float]] = []
    i, j = n, m
    while i > 0 or j > 0:
        a, b = types[back[i][j - lo[i]]]
        value = scores[(a, b)][i][j - lo[i]]
        links.append((i - a, i, j - b, j, float(value)))
        i, j = i - a, j - b
    links.reverse()
    return links
