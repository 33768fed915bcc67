"""Length signal: how well the character lengths of a zh window and an en window agree."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: en characters per zh character when a document pair gives no usable estimate
DEFAULT_RATIO = 3.0


def char_lengths(texts: Sequence[str]) -> FloatArray:
    """Non-space character count of each text."""
    return np.array([len(t) - t.count(" ") for t in texts], dtype=np.float64)


def prefix_sums(values: FloatArray) -> FloatArray:
    """Prefix sums with a leading zero, so a window [s, e) sums to p[e] - p[s]."""
    out = np.zeros(len(values) + 1, dtype=np.float64)
    np.cumsum(values, out=out[1:])
    return out


def length_ratio(src_len: FloatArray, tgt_len: FloatArray) -> float:
    """en/zh character ratio of the document pair, clipped to a plausible range."""
    zh, en = float(src_len.sum()), float(tgt_len.sum())
    if zh <= 0 or en <= 0:
        return DEFAULT_RATIO
    return float(np.clip(en / zh, 1.0, 8.0))


def length_feature(src_chars: FloatArray, tgt_chars: FloatArray, ratio: float) -> FloatArray:
    """Minus the absolute log of the observed to expected length ratio (0 is a perfect match)."""
    expected = ratio * src_chars + 1.0
    return -np.abs(np.log((tgt_chars + 1.0) / expected))


@dataclass(frozen=True)
class LengthState:
    """Prefix sums of the character counts of both sides, and the document pair's ratio."""

    src: FloatArray
    tgt: FloatArray
    ratio: float


class LengthSignal:
    """The length signal of the aligner's registry (protocol: signals/base.py)."""

    name = "length"
    features = ("length",)
    grouped = False
    default_weights: Mapping[str, Mapping[str, float]] = MappingProxyType({})

    def prepare(self, src: Sequence[str], tgt: Sequence[str], config: Any) -> LengthState:
        zl, el = char_lengths(src), char_lengths(tgt)
        return LengthState(prefix_sums(zl), prefix_sums(el), length_ratio(zl, el))

    def slice(self, state: LengthState, i0: int, i1: int, j0: int, j1: int) -> LengthState:
        return LengthState(
            state.src[i0 : i1 + 1] - state.src[i0],
            state.tgt[j0 : j1 + 1] - state.tgt[j0],
            state.ratio,
        )

    def sentence_features(self, state: LengthState, start: int, stop: int) -> dict[str, FloatArray]:
        zc = np.diff(state.src)[start:stop, None]
        ec = np.diff(state.tgt)[None, :]
        return {"length": length_feature(zc, ec, state.ratio)}

    def banded(self, state: LengthState, band: Any, config: Any, weights: Any) -> LengthState:
        return state

    def window_features(
        self, banded: LengthState, a: int, b: int, ends_i: IntArray, ends_j: IntArray
    ) -> dict[str, FloatArray]:
        zc = banded.src[ends_i] - banded.src[ends_i - a]
        ec = banded.tgt[ends_j] - banded.tgt[ends_j - b]
        return {"length": length_feature(zc, ec, banded.ratio)}


SIGNAL = LengthSignal()
