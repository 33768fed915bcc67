"""Cosines between windows of additive (bag-of-words) sentence vectors, in linear time.

The dictionary and lexical signals give each sentence a vector; a window of consecutive
sentences is the sum of its rows. The dot product of a zh window and an en window is then the
sum of sentence-level dot products over the block they span, so only the sentence-level dot
products near the search band are computed (`BandedBag`), never the full n x m matrix.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def unit_rows(matrix: FloatArray) -> FloatArray:
    """Rows scaled to length 1 (zero rows stay zero)."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    out: FloatArray = matrix / np.maximum(norms, 1e-12)
    return out


def all_window_norms(rows: FloatArray, sizes: Sequence[int]) -> dict[int, FloatArray]:
    """For each size, the length of the sum of each run of `size` consecutive rows (by start
    index), from one prefix sum of the rows."""
    prefix = np.zeros((rows.shape[0] + 1, rows.shape[1]), dtype=np.float64)
    np.cumsum(rows, axis=0, out=prefix[1:])
    out: dict[int, FloatArray] = {}
    for size in sizes:
        out[size] = np.linalg.norm(prefix[size:] - prefix[:-size], axis=1)
    return out


@dataclass(frozen=True)
class BagPair:
    """Sentence vectors of one additive signal for both sides."""

    src: FloatArray  # n x D
    tgt: FloatArray  # m x D

    def sentence_cosines(self, start: int, stop: int) -> FloatArray:
        """Cosines of zh sentences start..stop-1 against every en sentence."""
        out: FloatArray = unit_rows(self.src[start:stop]) @ unit_rows(self.tgt).T
        return out


class BandedBag:
    """Window cosines of a BagPair for the links a banded search can use."""

    def __init__(
        self, pair: BagPair, lo: Sequence[int], hi: Sequence[int], max_a: int, max_b: int
    ) -> None:
        n, m = pair.src.shape[0], pair.tgt.shape[0]
        self.clo = np.zeros(max(n, 1), dtype=np.int64)
        widths = np.ones(max(n, 1), dtype=np.int64)
        for p in range(n):
            rows = range(p + 1, min(n, p + max_a) + 1)
            first = max(0, min(lo[i] for i in rows) - max_b)
            last = min(m - 1, max(hi[i] for i in rows) - 1)
            self.clo[p] = first
            widths[p] = max(1, last - first + 1)
        self.block = np.zeros((max(n, 1), int(widths.max())), dtype=np.float64)
        for p in range(n):
            first = int(self.clo[p])
            cols = pair.tgt[first : first + int(widths[p])]
            self.block[p, : cols.shape[0]] = cols @ pair.src[p]
        self.src_norms = all_window_norms(pair.src, range(1, min(max_a, n) + 1))
        self.tgt_norms = all_window_norms(pair.tgt, range(1, min(max_b, m) + 1))

    def window_cosines(self, a: int, b: int, ends_i: IntArray, ends_j: IntArray) -> FloatArray:
        """Cosine of zh window [i-a, i) with en window [j-b, j) for each (i, j) given."""
        dots = np.zeros(len(ends_i), dtype=np.float64)
        for da in range(1, a + 1):
            rows = ends_i - da
            offset = self.clo[rows]
            for db in range(1, b + 1):
                dots += self.block[rows, ends_j - db - offset]
        norms = self.src_norms[a][ends_i - a] * self.tgt_norms[b][ends_j - b]
        out: FloatArray = np.where(norms > 0, dots / np.maximum(norms, 1e-12), 0.0)
        return out


class BagSignal:
    """A signal whose sentences are additive vectors (`BagPair`), scored by window cosines.

    `vectors(src, tgt, config)` gives the sentence vectors of both sides; the feature is named
    after the signal. (The registry protocol: signals/base.py.)
    """

    grouped = False
    default_weights: Mapping[str, Mapping[str, float]] = MappingProxyType({})

    def __init__(
        self,
        name: str,
        vectors: Callable[[Sequence[str], Sequence[str], Any], tuple[FloatArray, FloatArray]],
    ) -> None:
        self.name = name
        self.features: tuple[str, ...] = (name,)
        self._vectors = vectors

    def prepare(self, src: Sequence[str], tgt: Sequence[str], config: Any) -> BagPair:
        return BagPair(*self._vectors(src, tgt, config))

    def slice(self, state: BagPair, i0: int, i1: int, j0: int, j1: int) -> BagPair:
        return BagPair(state.src[i0:i1], state.tgt[j0:j1])

    def sentence_features(self, state: BagPair, start: int, stop: int) -> dict[str, FloatArray]:
        return {self.name: state.sentence_cosines(start, stop)}

    def banded(self, state: BagPair, band: Any, config: Any, weights: Any) -> BandedBag:
        return BandedBag(state, band.lo, band.hi, config.max_src, config.max_tgt)

    def window_features(
        self, banded: BandedBag, a: int, b: int, ends_i: IntArray, ends_j: IntArray
    ) -> dict[str, FloatArray]:
        return {self.name: banded.window_cosines(a, b, ends_i, ends_j)}
