"""The embedding signal of the aligner's registry (mode best only; protocol: signals/base.py).

Every window of 1..max sentences of each side is embedded (signals/embeddings.py: USE token
features pooled across sentence joins for the longer windows, signals/use_pooling.py); the
feature is the windows' cosine, centred by each window's mean cosine to a sample of the other
side (`embedding`). An optional local CSLS-style margin (`margin`: each window's mean top-k
cosine to its neighbourhood in the search band) is computed only when its weight is not zero
(it is zero: no gain on MAC-Dev).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
Windows = dict[int, FloatArray]  # window size -> unit rows by start index


@dataclass(frozen=True)
class EmbeddingState:
    """Window embeddings of both sides, their mean cosines to the other side, and (second pass,
    when weighted) their local margins."""

    src: Windows
    tgt: Windows
    src_mean: Windows
    tgt_mean: Windows
    src_margin: Windows = field(default_factory=dict)
    tgt_margin: Windows = field(default_factory=dict)


def _sample(rows: FloatArray, count: int = 64) -> FloatArray:
    if rows.shape[0] == 0:
        return np.zeros(rows.shape[1])
    picks = np.unique(np.linspace(0, rows.shape[0] - 1, min(count, rows.shape[0])).astype(int))
    return np.asarray(rows[picks].mean(axis=0))


def embed_sides(src: Sequence[str], tgt: Sequence[str], config: Any) -> EmbeddingState:
    """Window embeddings of both sides (float64) and their centring."""
    from untm.aligner.signals.embeddings import get_encoder, window_embeddings

    encoder = get_encoder(config.encoder, config.threads)
    exact = config.exact_windows
    emb_z = {
        k: v.astype(np.float64)
        for k, v in window_embeddings(
            encoder, src, config.max_src, "", exact=exact, exact_upto=config.exact_upto
        ).items()
    }
    emb_e = {
        k: v.astype(np.float64)
        for k, v in window_embeddings(
            encoder, tgt, config.max_tgt, " ", exact=exact, exact_upto=config.exact_upto
        ).items()
    }
    centre_e, centre_z = _sample(emb_e[1]), _sample(emb_z[1])
    mean_z = {size: rows @ centre_e for size, rows in emb_z.items()}
    mean_e = {size: rows @ centre_z for size, rows in emb_e.items()}
    return EmbeddingState(emb_z, emb_e, mean_z, mean_e)


def _local_margins(
    windows: Windows, other: FloatArray, ranges: list[tuple[int, int]], k: int
) -> Windows:
    """For each window (by size, start), the mean of its k best cosines to nearby sentences.

    `ranges[e]` is the span of other-side sentences near a window ending at grid index e.
    """
    out: Windows = {}
    for size, rows in windows.items():
        values = np.zeros(rows.shape[0])
        for start in range(rows.shape[0]):
            first, last = ranges[start + size]
            if last <= first:
                continue
            cos = other[first:last] @ rows[start]
            top = min(k, cos.shape[0])
            values[start] = float(np.partition(cos, -top)[-top:].mean())
        out[size] = values
    return out


def margins(state: EmbeddingState, band: Any, k: int = 3, reach: int = 4) -> EmbeddingState:
    """Add local CSLS-style margins: each window's mean top-k cosine to its neighbourhood."""
    n, m = len(band.lo) - 1, band.hi[-1]
    zh_ranges = [(max(0, band.lo[i] - reach), min(m, band.hi[i] + 1)) for i in range(n + 1)]
    first_row = [n] * (m + 1)
    last_row = [0] * (m + 1)
    for i in range(n + 1):
        for j in (band.lo[i], band.hi[i]):
            first_row[j] = min(first_row[j], i)
            last_row[j] = max(last_row[j], i)
    # fill columns between band edges
    lo_run, hi_run = n, 0
    for j in range(m + 1):
        if first_row[j] > last_row[j]:
            first_row[j], last_row[j] = lo_run, hi_run
        lo_run, hi_run = first_row[j], last_row[j]
    en_ranges = [(max(0, first_row[j] - reach), min(n, last_row[j] + 1)) for j in range(m + 1)]
    rz = _local_margins(state.src, state.tgt[1], zh_ranges, k)
    re_ = _local_margins(state.tgt, state.src[1], en_ranges, k)
    return dataclasses.replace(state, src_margin=rz, tgt_margin=re_)


class EmbeddingSignal:
    """Centred window-embedding cosines (and the optional margin)."""

    name = "embedding"
    features = ("embedding", "margin")
    grouped = False
    default_weights: Mapping[str, Mapping[str, float]] = MappingProxyType({})

    def prepare(self, src: Sequence[str], tgt: Sequence[str], config: Any) -> EmbeddingState | None:
        return embed_sides(src, tgt, config) if config.mode == "best" else None

    def slice(self, state: EmbeddingState, i0: int, i1: int, j0: int, j1: int) -> EmbeddingState:
        def cut(windows: Windows, start: int, stop: int) -> Windows:
            return {k: v[start : stop - k + 1] for k, v in windows.items() if stop - start >= k}

        return EmbeddingState(
            cut(state.src, i0, i1),
            cut(state.tgt, j0, j1),
            cut(state.src_mean, i0, i1),
            cut(state.tgt_mean, j0, j1),
        )

    def sentence_features(
        self, state: EmbeddingState, start: int, stop: int
    ) -> dict[str, FloatArray]:
        cos = state.src[1][start:stop] @ state.tgt[1].T
        centre = 0.5 * (state.src_mean[1][start:stop, None] + state.tgt_mean[1][None, :])
        return {"embedding": cos - centre}

    def banded(self, state: EmbeddingState, band: Any, config: Any, weights: Any) -> EmbeddingState:
        return margins(state, band) if weights.margin else state

    def window_features(
        self, banded: EmbeddingState, a: int, b: int, ends_i: IntArray, ends_j: IntArray
    ) -> dict[str, FloatArray]:
        si, sj = ends_i - a, ends_j - b
        cos = np.einsum("ij,ij->i", banded.src[a][si], banded.tgt[b][sj])
        feats = {"embedding": cos - 0.5 * (banded.src_mean[a][si] + banded.tgt_mean[b][sj])}
        if banded.src_margin:
            feats["margin"] = cos - 0.5 * (banded.src_margin[a][si] + banded.tgt_margin[b][sj])
        return feats


SIGNAL = EmbeddingSignal()
