"""Sentence alignment of a zh and an en list of segments (the public aligner API).

`align_sentences(src, tgt, config=AlignConfig())` returns links that are monotone, in document
order, and cover every index of both sides exactly once (null links `[i]:[]`, `[]:[j]` for what
has no counterpart), each with a confidence score in [0, 1].

How it works: every signal scores a pair of windows (runs of consecutive sentences). A first
pass finds a 1-1 anchor path over sentence-level scores; a second, banded pass around it picks
the best partition into links of the allowed types (1-1, 1-2, 2-1, 1-3, ..., 2-3, 3-2, 1-0,
0-1). The score of a link is a weighted sum of signals plus a bias for its type; the weights were
tuned on MAC-Dev only (see bench/tune_dev.py). Mode "best" uses multilingual sentence
embeddings of each window's text; mode "fast" is lexical only (dictionary, numbers, Latin
tokens, length) for huge batches.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from aligner import dp
from aligner.model import Link
from aligner.signals import dictionary, lexical
from aligner.signals.length import char_lengths, length_feature, length_ratio, prefix_sums
from untm.errors import AlignmentError

FloatArray = npt.NDArray[np.float64]

MODES = ("best", "fast")
#: above this many grid cells the anchor pass is limited to a band around the diagonal
FULL_GRID_LIMIT = 16_000_000


@dataclass(frozen=True)
class Weights:
    """Weights of the signals in a link's score, and the biases of link types."""

    embedding: float = 1.0
    dictionary: float = 0.3
    lexical: float = 0.2
    lexical_miss: float = -0.1
    length: float = 0.15
    skip: float = -0.15  # score of a 1-0 or 0-1 link
    merge: float = -0.05  # added per sentence beyond the first on each side
    type_bias: tuple[tuple[tuple[int, int], float], ...] = ()

    def bias(self, a: int, b: int) -> float:
        extra = dict(self.type_bias).get((a, b), 0.0)
        return self.merge * (max(a - 1, 0) + max(b - 1, 0)) + extra


#: weights for mode "fast" (no embeddings)
FAST_WEIGHTS = Weights(
    embedding=0.0,
    dictionary=1.0,
    lexical=0.4,
    lexical_miss=-0.2,
    length=0.3,
    skip=-0.1,
    merge=-0.03,
)


@dataclass(frozen=True)
class AlignConfig:
    """Settings of the sentence aligner."""

    mode: str = "best"  # "best" (embeddings + lexical) or "fast" (lexical only)
    encoder: str = "use"  # "use" (bundled) or "labse" (needs sentence-transformers)
    max_src: int = 4  # most zh sentences in one link
    max_tgt: int = 4  # most en sentences in one link
    max_total: int = 5  # most sentences of both sides in one link
    band: int = 8  # half-width of the second pass around the anchor path
    threads: int = 1  # BLAS threads of the encoder
    weights: Weights | None = None  # None: the tuned defaults of the mode
    extra_types: tuple[tuple[int, int], ...] = field(default=())

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise AlignmentError(f"unknown alignment mode {self.mode!r} (use best or fast)")
        if self.max_src < 1 or self.max_tgt < 1 or self.max_total < 2 or self.band < 1:
            raise AlignmentError("max_src, max_tgt, band must be >= 1 and max_total >= 2")

    def link_types(self) -> list[tuple[int, int]]:
        types = {(1, 0), (0, 1)}
        for a in range(1, self.max_src + 1):
            for b in range(1, self.max_tgt + 1):
                if a + b <= self.max_total:
                    types.add((a, b))
        types.update(self.extra_types)
        return sorted(types)

    def resolved_weights(self) -> Weights:
        if self.weights is not None:
            return self.weights
        return FAST_WEIGHTS if self.mode == "fast" else Weights()


def _unit_rows(matrix: FloatArray) -> FloatArray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    out: FloatArray = matrix / np.maximum(norms, 1e-12)
    return out


@dataclass(frozen=True)
class _Side:
    """Per-side tables from which any window's features are computed."""

    chars: FloatArray  # prefix sums of character counts
    dictionary: FloatArray  # prefix sums of dictionary vectors (rows 0..n)
    lexical: FloatArray  # prefix sums of anchor vectors
    embeddings: dict[int, FloatArray]  # window size -> rows by start index (unit length)
    emb_mean: dict[int, FloatArray]  # window size -> mean cosine to a sample of the other side


def _prefix_rows(matrix: FloatArray) -> FloatArray:
    out = np.zeros((matrix.shape[0] + 1, matrix.shape[1]), dtype=np.float64)
    np.cumsum(matrix, axis=0, out=out[1:])
    return out


def _windows(texts: Sequence[str], size: int, joiner: str) -> list[str]:
    return [joiner.join(texts[s : s + size]) for s in range(len(texts) - size + 1)]


def _sample(rows: FloatArray, count: int = 64) -> FloatArray:
    if rows.shape[0] == 0:
        return np.zeros(rows.shape[1])
    picks = np.unique(np.linspace(0, rows.shape[0] - 1, min(count, rows.shape[0])).astype(int))
    return np.asarray(rows[picks].mean(axis=0))


def _build_sides(
    src: Sequence[str], tgt: Sequence[str], config: AlignConfig
) -> tuple[_Side, _Side, float]:
    zl, el = char_lengths(src), char_lengths(tgt)
    ratio = length_ratio(zl, el)
    dz, de = dictionary.dictionary_vectors(src, tgt)
    lz, le = lexical.anchor_vectors(src, tgt)
    emb_z: dict[int, FloatArray] = {}
    emb_e: dict[int, FloatArray] = {}
    mean_z: dict[int, FloatArray] = {}
    mean_e: dict[int, FloatArray] = {}
    if config.mode == "best":
        from aligner.signals.embeddings import get_encoder

        encoder = get_encoder(config.encoder, config.threads)
        for size in range(1, config.max_src + 1):
            emb_z[size] = encoder.encode(_windows(src, size, "")).astype(np.float64)
        for size in range(1, config.max_tgt + 1):
            emb_e[size] = encoder.encode(_windows(tgt, size, " ")).astype(np.float64)
        centre_e = _sample(emb_e[1])
        centre_z = _sample(emb_z[1])
        for size, rows in emb_z.items():
            mean_z[size] = rows @ centre_e if rows.size else np.zeros(0)
        for size, rows in emb_e.items():
            mean_e[size] = rows @ centre_z if rows.size else np.zeros(0)
    zs = _Side(prefix_sums(zl), _prefix_rows(dz), _prefix_rows(lz), emb_z, mean_z)
    es = _Side(prefix_sums(el), _prefix_rows(de), _prefix_rows(le), emb_e, mean_e)
    return zs, es, ratio


def _cosine_rows(x: FloatArray, y: FloatArray) -> FloatArray:
    nx = np.linalg.norm(x, axis=1)
    ny = np.linalg.norm(y, axis=1)
    dots = np.einsum("ij,ij->i", x, y)
    return np.where((nx > 0) & (ny > 0), dots / np.maximum(nx * ny, 1e-12), 0.0)


def link_features(
    zs: _Side,
    es: _Side,
    ratio: float,
    a: int,
    b: int,
    ends_i: npt.NDArray[np.int64],
    ends_j: npt.NDArray[np.int64],
    use_embeddings: bool,
) -> dict[str, FloatArray]:
    """Signal values for links covering zh [i-a, i) and en [j-b, j), one per (i, j) given."""
    si, sj = ends_i - a, ends_j - b
    feats: dict[str, FloatArray] = {}
    zc = zs.chars[ends_i] - zs.chars[si]
    ec = es.chars[ends_j] - es.chars[sj]
    feats["length"] = length_feature(zc, ec, ratio)
    dz = zs.dictionary[ends_i] - zs.dictionary[si]
    de = es.dictionary[ends_j] - es.dictionary[sj]
    feats["dictionary"] = _cosine_rows(dz, de)
    lz = zs.lexical[ends_i] - zs.lexical[si]
    le = es.lexical[ends_j] - es.lexical[sj]
    feats["lexical"] = _cosine_rows(lz, le)
    hz = lz.sum(axis=1) > 0
    he = le.sum(axis=1) > 0
    feats["lexical_miss"] = (hz != he).astype(np.float64)
    if use_embeddings:
        ez = zs.embeddings[a][si]
        ee = es.embeddings[b][sj]
        cos = np.einsum("ij,ij->i", ez, ee)
        feats["embedding"] = cos - 0.5 * (zs.emb_mean[a][si] + es.emb_mean[b][sj])
    else:
        feats["embedding"] = np.zeros(len(ends_i))
    return feats


def combine(feats: dict[str, FloatArray], weights: Weights) -> FloatArray:
    return (
        weights.embedding * feats["embedding"]
        + weights.dictionary * feats["dictionary"]
        + weights.lexical * feats["lexical"]
        + weights.lexical_miss * feats["lexical_miss"]
        + weights.length * feats["length"]
    )


def _confidence(value: float) -> float:
    return 1.0 / (1.0 + math.exp(-6.0 * value))


def _null_links(n: int, m: int) -> list[Link]:
    return [Link((i,), ()) for i in range(n)] + [Link((), (j,)) for j in range(m)]


@dataclass(frozen=True)
class SearchSpace:
    """The prepared tables of one document pair (reused by tuning)."""

    zs: _Side
    es: _Side
    ratio: float
    n: int
    m: int
    band: dp.Band
    features: dict[tuple[int, int], list[dict[str, FloatArray]]]


def prepare(src: Sequence[str], tgt: Sequence[str], config: AlignConfig) -> SearchSpace:
    """Compute signals, the anchor path, the band and every link's features inside the band."""
    n, m = len(src), len(tgt)
    weights = config.resolved_weights()
    zs, es, ratio = _build_sides(src, tgt, config)
    use_emb = config.mode == "best"

    def row_scores(i: int, lo: int, hi: int) -> FloatArray:
        js = np.arange(lo + 1, hi + 1, dtype=np.int64)
        is_ = np.full(len(js), i + 1, dtype=np.int64)
        return combine(link_features(zs, es, ratio, 1, 1, is_, js, use_emb), weights)

    if n * m <= FULL_GRID_LIMIT:
        first = dp.full_band(n, m)
    else:
        first = dp.diagonal_band(n, m, max(FULL_GRID_LIMIT // max(n, 1) // 2, abs(n - m) + 50))
    path = dp.anchor_path(row_scores, n, m, weights.skip, first)
    band = dp.band_around(path, n, m, config.band)
    features: dict[tuple[int, int], list[dict[str, FloatArray]]] = {}
    for a, b in config.link_types():
        rows: list[dict[str, FloatArray]] = []
        for i in range(n + 1):
            js = np.arange(band.lo[i], band.hi[i] + 1, dtype=np.int64)
            is_ = np.full(len(js), i, dtype=np.int64)
            if a == 0 or b == 0 or i < a:
                rows.append({})
                continue
            valid = js >= b
            feats = link_features(zs, es, ratio, a, b, is_[valid], js[valid], use_emb)
            full = {k: _pad(v, valid) for k, v in feats.items()}
            rows.append(full)
        features[(a, b)] = rows
    return SearchSpace(zs, es, ratio, n, m, band, features)


def _pad(values: FloatArray, valid: npt.NDArray[np.bool_]) -> FloatArray:
    out = np.zeros(len(valid))
    out[valid] = values
    return out


def decode(space: SearchSpace, weights: Weights) -> list[Link]:
    """Best links for prepared features under the given weights."""
    scores: dp.TypeScores = {}
    for (a, b), rows in space.features.items():
        bias = weights.skip if a == 0 or b == 0 else weights.bias(a, b)
        out: list[FloatArray] = []
        for i, feats in enumerate(rows):
            width = space.band.hi[i] - space.band.lo[i] + 1
            if feats:
                out.append(combine(feats, weights) + bias)
            else:
                out.append(np.full(width, bias))
        scores[(a, b)] = out
    found = dp.banded_search(space.n, space.m, space.band, scores)
    links: list[Link] = []
    for i0, i1, j0, j1, value in found:
        links.append(Link(tuple(range(i0, i1)), tuple(range(j0, j1)), _confidence(value)))
    return links


def align_sentences(
    src: Sequence[str], tgt: Sequence[str], *, config: AlignConfig | None = None
) -> list[Link]:
    """Align zh segments `src` with en segments `tgt` (see the module docstring)."""
    config = config or AlignConfig()
    if not src or not tgt:
        return _null_links(len(src), len(tgt))
    space = prepare(src, tgt, config)
    return decode(space, config.resolved_weights())
