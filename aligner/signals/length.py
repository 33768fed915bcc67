"""Length signal: how well the character lengths of a zh window and an en window agree."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

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
