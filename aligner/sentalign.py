"""Sentence alignment of a zh and an en list of segments (the public aligner API).

`align_sentences(src, tgt, config=AlignConfig())` returns links that are monotone, in document
order, and cover every index of both sides exactly once (null links `[i]:[]`, `[]:[j]` for what
has no counterpart), each with a confidence score in [0, 1].

How it works: every signal scores a pair of windows (runs of consecutive sentences). A first
pass finds a 1-1 anchor path over sentence-level scores; a second, banded pass around it picks
the best partition into links of the allowed types (1-1, 1-2, 2-1, 1-3, ..., 2-3, 3-2, 1-0,
0-1). The score of a link is a weighted sum of signals plus a bias for its type; the weights were
tuned on MAC-Dev only (see bench/experiments/tune_dev.py). Mode "best" uses multilingual sentence
embeddings of each window's text; mode "fast" is lexical only (dictionary, numbers, Latin
tokens, length, UN glossary terms) for huge batches. Best mode's second pass also scores
punctuation agreement (questions, exclamations, ellipses, opening quotes: signals/punctuation.py),
which raised MAC-Dev strict F1 from .905 to .912. Merged windows are embedded as text
(USE token features pooled across sentence joins, see signals/use_pooling.py).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from untm.aligner import dp
from untm.aligner.model import Link
from untm.aligner.signals import dictionary, lexical, punctuation
from untm.aligner.signals.bags import BagPair, BandedBag
from untm.aligner.signals.embeddings import ENCODERS
from untm.aligner.signals.length import char_lengths, length_feature, length_ratio, prefix_sums
from untm.errors import AlignmentError

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

MODES = ("best", "fast")
#: above this many grid cells the anchor pass is limited to a band around the diagonal
FULL_GRID_LIMIT = 16_000_000


@dataclass(frozen=True)
class Weights:
    """Weights of the signals in a link's score, and the biases of link types."""

    embedding: float = 1.0
    margin: float = 0.0  # local CSLS-style margin of the embedding cosine (not kept: no gain)
    dictionary: float = 0.4
    lexical: float = 0.2
    lexical_miss: float = 0.0
    length: float = 0.1
    skip: float = -0.15  # score of a 1-0 or 0-1 link
    merge: float = -0.02  # added per sentence beyond the first on each side
    # extra bias per link type: none in mode best (leave-one-chapter-out on MAC-Dev: tuning
    # type biases as well lowered held-out F1 from .892 to .883; see
    # bench/experiments/tune_dev.py --loo)
    type_bias: tuple[tuple[tuple[int, int], float], ...] = ()
    size_power: float = 0.0  # signal sum scaled by ((a + b) / 2) ** size_power
    # punctuation agreement (signals/punctuation.py), second pass only
    punct_question: float = 0.03
    punct_ellipsis: float = 0.01
    punct_quote: float = 0.05
    punct_exclamation_miss: float = 0.03

    def scale(self, a: int, b: int) -> float:
        return float(((a + b) / 2) ** self.size_power)

    def bias(self, a: int, b: int) -> float:
        extra = dict(self.type_bias).get((a, b), 0.0)
        return self.merge * (max(a - 1, 0) + max(b - 1, 0)) + extra


#: weights for mode "fast" (no embeddings)
FAST_WEIGHTS = Weights(
    embedding=0.0,
    dictionary=0.4,
    lexical=0.2,
    lexical_miss=-0.05,
    length=0.05,
    skip=-0.1,
    merge=-0.02,
    type_bias=(),  # leave-one-chapter-out on MAC-Dev: .801 without type biases, .796 with
    punct_question=0.0,
    punct_ellipsis=0.0,
    punct_quote=0.0,
    punct_exclamation_miss=0.0,
)


@dataclass(frozen=True)
class AlignConfig:
    """Settings of the sentence aligner."""

    mode: str = "best"  # "best" (embeddings + lexical) or "fast" (lexical only)
    encoder: str = "use"  # "use" (bundled) or "labse" (needs sentence-transformers)
    max_src: int = 4  # most zh sentences in one link
    max_tgt: int = 0  # most en sentences in one link (0: 6 in mode best, 4 in fast)
    max_total: int = 0  # most sentences of one link (0: 7 in mode best, 5 in fast)
    band: int = 8  # half-width of the second pass around the anchor path
    threads: int = 1  # BLAS threads of the encoder
    weights: Weights | None = None  # None: the tuned defaults of the mode
    extra_types: tuple[tuple[int, int], ...] = field(default=())
    glossary: bool = True  # UN glossary terms as lexical anchors
    names: bool = False  # pinyin names as lexical anchors (measured: no gain on MAC-Dev)
    exact_windows: bool = False  # embed every merged window's text (slow) instead of pooling
    exact_upto: int = 2  # windows of up to this many sentences are always embedded as text

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise AlignmentError(f"unknown alignment mode {self.mode!r} (use best or fast)")
        if self.encoder not in ENCODERS:
            raise AlignmentError(f"unknown encoder {self.encoder!r} (use {' or '.join(ENCODERS)})")
        if self.max_tgt == 0:
            object.__setattr__(self, "max_tgt", 6 if self.mode == "best" else 4)
        if self.max_total == 0:
            object.__setattr__(self, "max_total", 7 if self.mode == "best" else 5)
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


@dataclass(frozen=True)
class _Side:
    """Per-side tables from which any window's features are computed."""

    chars: FloatArray  # prefix sums of character counts
    embeddings: dict[int, FloatArray]  # window size -> rows by start index (unit length)
    emb_mean: dict[int, FloatArray]  # window size -> mean cosine to a sample of the other side


def _sample(rows: FloatArray, count: int = 64) -> FloatArray:
    if rows.shape[0] == 0:
        return np.zeros(rows.shape[1])
    picks = np.unique(np.linspace(0, rows.shape[0] - 1, min(count, rows.shape[0])).astype(int))
    return np.asarray(rows[picks].mean(axis=0))


def _embed_sides(
    src: Sequence[str], tgt: Sequence[str], config: AlignConfig
) -> tuple[
    dict[int, FloatArray], dict[int, FloatArray], dict[int, FloatArray], dict[int, FloatArray]
]:
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
    return emb_z, emb_e, mean_z, mean_e


@dataclass(frozen=True)
class _Signals:
    """Everything computed once per document pair before the search."""

    zs: _Side
    es: _Side
    ratio: float
    dictionary: BagPair
    lexical: BagPair
    use_embeddings: bool
    punct_src: FloatArray
    punct_tgt: FloatArray
    zs_margin: dict[int, FloatArray] = field(default_factory=dict)
    es_margin: dict[int, FloatArray] = field(default_factory=dict)


def _signals(src: Sequence[str], tgt: Sequence[str], config: AlignConfig) -> _Signals:
    zl, el = char_lengths(src), char_lengths(tgt)
    ratio = length_ratio(zl, el)
    dz, de = dictionary.dictionary_vectors(src, tgt)
    lz, le = lexical.anchor_vectors(src, tgt, glossary=config.glossary, names=config.names)
    emb_z: dict[int, FloatArray] = {}
    emb_e: dict[int, FloatArray] = {}
    mean_z: dict[int, FloatArray] = {}
    mean_e: dict[int, FloatArray] = {}
    if config.mode == "best":
        emb_z, emb_e, mean_z, mean_e = _embed_sides(src, tgt, config)
    return _Signals(
        _Side(prefix_sums(zl), emb_z, mean_z),
        _Side(prefix_sums(el), emb_e, mean_e),
        ratio,
        BagPair(dz, de),
        BagPair(lz, le),
        config.mode == "best",
        punctuation.prefix_counts(src, "zh"),
        punctuation.prefix_counts(tgt, "en"),
    )


def combine(feats: dict[str, FloatArray], weights: Weights) -> FloatArray:
    """The weighted sum of a link's signal values (without the type bias)."""
    total = (
        weights.dictionary * feats["dictionary"]
        + weights.lexical * feats["lexical"]
        + weights.lexical_miss * feats["lexical_miss"]
        + weights.length * feats["length"]
    )
    if "embedding" in feats:
        total = total + weights.embedding * feats["embedding"]
    if "margin" in feats and weights.margin:
        total = total + weights.margin * feats["margin"]
    if "punct_quote" in feats:
        total = total + (
            weights.punct_question * feats["punct_question"]
            + weights.punct_ellipsis * feats["punct_ellipsis"]
            + weights.punct_quote * feats["punct_quote"]
            + weights.punct_exclamation_miss * feats["punct_exclamation_miss"]
        )
    return total


class _AnchorScores:
    """Sentence-level (1-1) scores for the anchor pass, computed in blocks of rows."""

    block = 256

    def __init__(self, sig: _Signals, weights: Weights) -> None:
        self.sig = sig
        self.weights = weights
        self._start = -1
        self._rows: FloatArray = np.zeros((0, 0))
        self._lex_tgt = sig.lexical.tgt.sum(axis=1) > 0

    def _compute(self, start: int) -> None:
        sig, w = self.sig, self.weights
        stop = min(start + self.block, sig.dictionary.src.shape[0])
        zc = np.diff(sig.zs.chars)[start:stop, None]
        ec = np.diff(sig.es.chars)[None, :]
        feats = {
            "length": length_feature(zc, ec, sig.ratio),
            "dictionary": sig.dictionary.sentence_cosines(start, stop),
            "lexical": sig.lexical.sentence_cosines(start, stop),
            "lexical_miss": (
                (sig.lexical.src[start:stop].sum(axis=1) > 0)[:, None] != self._lex_tgt[None, :]
            ).astype(np.float64),
        }
        if sig.use_embeddings:
            cos = sig.zs.embeddings[1][start:stop] @ sig.es.embeddings[1].T
            feats["embedding"] = cos - 0.5 * (
                sig.zs.emb_mean[1][start:stop, None] + sig.es.emb_mean[1][None, :]
            )
        self._rows = combine(feats, w)
        self._start = start

    def __call__(self, i: int, lo: int, hi: int) -> FloatArray:
        if not self._start <= i < self._start + self._rows.shape[0]:
            self._compute(i - i % self.block)
        out: FloatArray = self._rows[i - self._start, lo:hi]
        return out


def _link_features(
    sig: _Signals,
    bags: tuple[BandedBag, BandedBag],
    a: int,
    b: int,
    ends_i: IntArray,
    ends_j: IntArray,
) -> dict[str, FloatArray]:
    """Signal values for links covering zh [i-a, i) and en [j-b, j), one per (i, j) given."""
    si, sj = ends_i - a, ends_j - b
    zc = sig.zs.chars[ends_i] - sig.zs.chars[si]
    ec = sig.es.chars[ends_j] - sig.es.chars[sj]
    dict_bag, lex_bag = bags
    lex = lex_bag.window_cosines(a, b, ends_i, ends_j)
    has_z = lex_bag.src_norms[a][si] > 0
    has_e = lex_bag.tgt_norms[b][sj] > 0
    feats = {
        "length": length_feature(zc, ec, sig.ratio),
        "dictionary": dict_bag.window_cosines(a, b, ends_i, ends_j),
        "lexical": lex,
        "lexical_miss": (has_z != has_e).astype(np.float64),
    }
    feats.update(punctuation.window_features(sig.punct_src, sig.punct_tgt, a, b, ends_i, ends_j))
    if sig.use_embeddings:
        ez = sig.zs.embeddings[a][si]
        ee = sig.es.embeddings[b][sj]
        cos = np.einsum("ij,ij->i", ez, ee)
        feats["embedding"] = cos - 0.5 * (sig.zs.emb_mean[a][si] + sig.es.emb_mean[b][sj])
        if sig.zs_margin:
            feats["margin"] = cos - 0.5 * (sig.zs_margin[a][si] + sig.es_margin[b][sj])
    return feats


def _local_margins(
    windows: dict[int, FloatArray], other: FloatArray, ranges: list[tuple[int, int]], k: int
) -> dict[int, FloatArray]:
    """For each window (by size, start), the mean of its k best cosines to nearby sentences.

    `ranges[e]` is the span of other-side sentences near a window ending at grid index e.
    """
    out: dict[int, FloatArray] = {}
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


def _margins(sig: _Signals, band: dp.Band, k: int = 3, reach: int = 4) -> _Signals:
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
    rz = _local_margins(sig.zs.embeddings, sig.es.embeddings[1], zh_ranges, k)
    re_ = _local_margins(sig.es.embeddings, sig.zs.embeddings[1], en_ranges, k)
    return dataclasses.replace(sig, zs_margin=rz, es_margin=re_)


def _confidence(value: float) -> float:
    return 1.0 / (1.0 + math.exp(-6.0 * value))


def _null_links(n: int, m: int) -> list[Link]:
    return [Link((i,), ()) for i in range(n)] + [Link((), (j,)) for j in range(m)]


@dataclass(frozen=True)
class TypeFeatures:
    """Signal values of every band cell where a link of one type can end (flat, row-major)."""

    valid: npt.NDArray[np.bool_]  # over all band cells: can this type end here?
    values: dict[str, FloatArray]  # over the valid cells


@dataclass(frozen=True)
class SearchSpace:
    """The prepared tables of one document pair (reused when tuning weights)."""

    n: int
    m: int
    band: dp.Band
    features: dict[tuple[int, int], TypeFeatures]


def prepare(
    src: Sequence[str], tgt: Sequence[str], config: AlignConfig, weights: Weights | None = None
) -> SearchSpace:
    """Compute signals, the anchor path, the band and every link's features inside the band."""
    return search_space(_signals(src, tgt, config), len(src), len(tgt), config, weights)


def slice_signals(sig: _Signals, i0: int, i1: int, j0: int, j1: int) -> _Signals:
    """The signals of zh [i0, i1) and en [j0, j1) alone, as computed over the whole documents
    (document-level statistics kept: IDF, length ratio, embedding centring, pooled windows)."""

    def side(s: _Side, start: int, stop: int) -> _Side:
        emb = {k: v[start : stop - k + 1] for k, v in s.embeddings.items() if stop - start >= k}
        mean = {k: v[start : stop - k + 1] for k, v in s.emb_mean.items() if stop - start >= k}
        return _Side(s.chars[start : stop + 1] - s.chars[start], emb, mean)

    return dataclasses.replace(
        sig,
        zs=side(sig.zs, i0, i1),
        es=side(sig.es, j0, j1),
        dictionary=BagPair(sig.dictionary.src[i0:i1], sig.dictionary.tgt[j0:j1]),
        lexical=BagPair(sig.lexical.src[i0:i1], sig.lexical.tgt[j0:j1]),
        punct_src=sig.punct_src[i0 : i1 + 1] - sig.punct_src[i0],
        punct_tgt=sig.punct_tgt[j0 : j1 + 1] - sig.punct_tgt[j0],
        zs_margin={},
        es_margin={},
    )


def search_space(
    sig: _Signals, n: int, m: int, config: AlignConfig, weights: Weights | None = None
) -> SearchSpace:
    """The anchor path, the band and every link's features inside the band, from signals."""
    weights = weights or config.resolved_weights()
    if n * m <= FULL_GRID_LIMIT:
        first = dp.full_band(n, m)
    else:
        first = dp.diagonal_band(n, m, max(FULL_GRID_LIMIT // max(n, 1) // 2, abs(n - m) + 50))
    path = dp.anchor_path(_AnchorScores(sig, weights), n, m, weights.skip, first)
    band = dp.band_around(path, n, m, config.band)
    if sig.use_embeddings and weights.margin:
        sig = _margins(sig, band)
    bags = (
        BandedBag(sig.dictionary, band.lo, band.hi, config.max_src, config.max_tgt),
        BandedBag(sig.lexical, band.lo, band.hi, config.max_src, config.max_tgt),
    )
    cell_i, cell_j = band.coordinates()
    features: dict[tuple[int, int], TypeFeatures] = {}
    for a, b in config.link_types():
        if a == 0 or b == 0 or a > n or b > m:
            continue
        valid = (cell_i >= a) & (cell_j >= b)
        values = _link_features(sig, bags, a, b, cell_i[valid], cell_j[valid])
        features[(a, b)] = TypeFeatures(valid, values)
    return SearchSpace(n, m, band, features)


def type_scores(space: SearchSpace, weights: Weights, null_types: bool = True) -> dp.TypeScores:
    """The score of every link the search may use, by type and band row, under `weights`."""
    total = space.band.cells
    splits = np.cumsum([h - lo + 1 for lo, h in zip(space.band.lo, space.band.hi, strict=True)])[
        :-1
    ]
    scores: dp.TypeScores = {}
    for (a, b), feats in space.features.items():
        flat = np.full(total, dp.NEG)
        flat[feats.valid] = combine(feats.values, weights) * weights.scale(a, b) + weights.bias(
            a, b
        )
        scores[(a, b)] = np.split(flat, splits)
    if null_types:
        for kind in ((1, 0), (0, 1)):
            scores[kind] = np.split(np.full(total, weights.skip), splits)
    return scores


def search_links(space: SearchSpace, scores: dp.TypeScores) -> list[Link]:
    """Best links of the search space under the given type scores (`type_scores`)."""
    found = dp.banded_search(space.n, space.m, space.band, scores)
    return [
        Link(tuple(range(i0, i1)), tuple(range(j0, j1)), _confidence(value))
        for i0, i1, j0, j1, value in found
    ]


def decode(space: SearchSpace, weights: Weights, null_types: bool = True) -> list[Link]:
    """Best links for prepared features under the given weights."""
    return search_links(space, type_scores(space, weights, null_types))


def align_sentences(
    src: Sequence[str],
    tgt: Sequence[str],
    *,
    config: AlignConfig | None = None,
    fixed: Sequence[Link] | None = None,
) -> list[Link]:
    """Align zh segments `src` with en segments `tgt` (see the module docstring).

    `fixed`: links to keep exactly as given (anchors, e.g. links a person confirmed); the
    aligner fills in the rest. See `untm.aligner.anchors` for what they may be.
    """
    config = config or AlignConfig()
    if fixed:
        from untm.aligner.anchors import align_with_fixed

        return align_with_fixed(src, tgt, fixed, config)
    if not src or not tgt:
        return _null_links(len(src), len(tgt))
    space = prepare(src, tgt, config)
    return decode(space, config.resolved_weights())
