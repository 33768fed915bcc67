"""Punctuation signal: do a zh window and an en window ask, exclaim, trail off and quote alike?

Translators keep questions as questions, quoted speech as quoted speech and trailing-off as
trailing-off, even when they split or merge sentences. For each sentence we count four marks:
question marks, exclamation marks, ellipses/dashes and opening quotation marks (zh “「, en a
quote at the start of a word). A window's counts are differences of prefix sums, so any window's
features cost O(1). Measured on MAC-Dev only (weights in aligner/sentalign.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: the columns of the count tables
MARKS = ("question", "exclamation", "ellipsis", "quote")
#: a count difference above this adds no more evidence
CAP = 3.0

_ELLIPSIS = re.compile(r"……|…|\.\.\.|——|—")
_EN_QUOTE = re.compile(r"(?:^|\s)['\"“‘]")


def sentence_counts(text: str, lang: str) -> tuple[int, int, int, int]:
    """Counts of (question, exclamation, ellipsis, opening quote) marks in one sentence."""
    question = text.count("？") + text.count("?")
    exclamation = text.count("！") + text.count("!")
    ellipsis = len(_ELLIPSIS.findall(text))
    return question, exclamation, ellipsis, _opening_quotes(text, lang)


def _opening_quotes(text: str, lang: str) -> int:
    if lang == "zh":
        return text.count("“") + text.count("「")
    return len(_EN_QUOTE.findall(text))


def prefix_counts(texts: Sequence[str], lang: str) -> FloatArray:
    """Row k holds the mark counts of texts[0:k] (shape (len(texts) + 1, 4))."""
    out = np.zeros((len(texts) + 1, len(MARKS)), dtype=np.float64)
    if texts:
        rows = np.array([sentence_counts(t, lang) for t in texts], dtype=np.float64)
        out[1:] = np.cumsum(rows, axis=0)
    return out


def window_features(
    src: FloatArray, tgt: FloatArray, a: int, b: int, ends_i: IntArray, ends_j: IntArray
) -> dict[str, FloatArray]:
    """Features of links covering zh [i-a, i) and en [j-b, j) for each (i, j) given.

    `punct_<mark>`: minus the capped difference of the counts (0 when they agree);
    `punct_<mark>_miss`: -1 when exactly one side has the mark at all.
    """
    cz = src[ends_i] - src[ends_i - a]
    ce = tgt[ends_j] - tgt[ends_j - b]
    feats: dict[str, FloatArray] = {}
    for col, mark in enumerate(MARKS):
        feats[f"punct_{mark}"] = -np.minimum(np.abs(cz[:, col] - ce[:, col]), CAP)
        feats[f"punct_{mark}_miss"] = -((cz[:, col] > 0) != (ce[:, col] > 0)).astype(np.float64)
    return feats


class PunctuationSignal:
    """The punctuation signal of the aligner's registry (protocol: signals/base.py): second pass
    only; the state is the prefix count tables of both sides."""

    name = "punctuation"
    #: the features that are weighted (the others are kept for tuning); summed as one term
    features = ("punct_question", "punct_ellipsis", "punct_quote", "punct_exclamation_miss")
    grouped = True
    default_weights: Mapping[str, Mapping[str, float]] = MappingProxyType({})

    def prepare(
        self, src: Sequence[str], tgt: Sequence[str], config: Any
    ) -> tuple[FloatArray, FloatArray]:
        return prefix_counts(src, "zh"), prefix_counts(tgt, "en")

    def slice(
        self, state: tuple[FloatArray, FloatArray], i0: int, i1: int, j0: int, j1: int
    ) -> tuple[FloatArray, FloatArray]:
        src, tgt = state
        return src[i0 : i1 + 1] - src[i0], tgt[j0 : j1 + 1] - tgt[j0]

    def sentence_features(self, state: Any, start: int, stop: int) -> dict[str, FloatArray]:
        return {}

    def banded(self, state: Any, band: Any, config: Any, weights: Any) -> Any:
        return state

    def window_features(
        self,
        banded: tuple[FloatArray, FloatArray],
        a: int,
        b: int,
        ends_i: IntArray,
        ends_j: IntArray,
    ) -> dict[str, FloatArray]:
        return window_features(banded[0], banded[1], a, b, ends_i, ends_j)


SIGNAL = PunctuationSignal()
