"""Sentence alignment of a zh and an en list of segments (the public aligner API).

`align_sentences(src, tgt, config=AlignConfig())` returns links that are monotone, in document
order, and cover every index of both sides exactly once (null links `[i]:[]`, `[]:[j]` for what
has no counterpart), each with a confidence score in [0, 1].

How it works: every signal (signals/registry.py: one module each, the protocol in
signals/base.py) scores a pair of windows (runs of consecutive sentences). A first
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
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from untm.aligner import dp
from untm.aligner.model import Link
from untm.aligner.signals.embeddings import ENCODERS
from untm.aligner.signals.registry import SIGNALS
from untm.errors import AlignmentError

if TYPE_CHECKING:
    from untm.aligner.signals.base import Signal

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
    #: weights of features that are not fields above (signals added later), by feature name
    extra: tuple[tuple[str, float], ...] = ()

    def weight(self, feature: str) -> float:
        """The weight of a signal's feature: a field of its name, else `extra` (0 if absent)."""
        if feature in _WEIGHT_FIELDS:
            value: float = getattr(self, feature)
            return value
        return dict(self.extra).get(feature, 0.0)

    def scale(self, a: int, b: int) -> float:
        return float(((a + b) / 2) ** self.size_power)

    def bias(self, a: int, b: int) -> float:
        extra = dict(self.type_bias).get((a, b), 0.0)
        return self.merge * (max(a - 1, 0) + max(b - 1, 0)) + extra


_WEIGHT_FIELDS = frozenset(f.name for f in dataclasses.fields(Weights)) - {"extra", "type_bias"}


def _with_defaults(weights: Weights, mode: str) -> Weights:
    """`weights` plus the registered signals' own defaults for `mode` (features that are not
    fields of Weights and not in `weights.extra`)."""
    extra = dict(weights.extra)
    for signal in SIGNALS:
        for feature, value in signal.default_weights.get(mode, {}).items():
            if feature not in _WEIGHT_FIELDS:
                extra.setdefault(feature, value)
    if len(extra) == len(weights.extra):
        return weights
    return dataclasses.replace(weights, extra=tuple(sorted(extra.items())))


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
        return _with_defaults(FAST_WEIGHTS if self.mode == "fast" else Weights(), self.mode)


@dataclass(frozen=True)
class _Signals:
    """Every registered signal's state for one document pair (signals off in this
    configuration, such as embeddings in mode fast, are absent)."""

    n: int
    m: int
    states: dict[str, Any]


def _signals(src: Sequence[str], tgt: Sequence[str], config: AlignConfig) -> _Signals:
    states: dict[str, Any] = {}
    for signal in SIGNALS:
        state = signal.prepare(src, tgt, config)
        if state is not None:
            states[signal.name] = state
    return _Signals(len(src), len(tgt), states)


def _active(sig: _Signals) -> list[tuple[Signal, Any]]:
    return [(s, sig.states[s.name]) for s in SIGNALS if s.name in sig.states]


def combine(feats: dict[str, FloatArray], weights: Weights) -> FloatArray:
    """The weighted sum of a link's signal values (without the type bias).

    Terms are added in registry order, each signal's features in its order; a grouped
    signal's terms are summed before they join the total (signals/base.py).
    """
    total: FloatArray | None = None
    for signal in SIGNALS:
        terms = [weights.weight(f) * feats[f] for f in signal.features if f in feats]
        if not terms:
            continue
        if signal.grouped:
            group = terms[0]
            for term in terms[1:]:
                group = group + term
            terms = [group]
        for term in terms:
            total = term if total is None else total + term
    if total is None:
        raise AlignmentError("no signal scored these links")
    return total


class _AnchorScores:
    """Sentence-level (1-1) scores for the anchor pass, computed in blocks of rows."""

    block = 256

    def __init__(self, sig: _Signals, weights: Weights) -> None:
        self.sig = sig
        self.weights = weights
        self._start = -1
        self._rows: FloatArray = np.zeros((0, 0))
        self._active = _active(sig)

    def _compute(self, start: int) -> None:
        stop = min(start + self.block, self.sig.n)
        feats: dict[str, FloatArray] = {}
        for signal, state in self._active:
            feats.update(signal.sentence_features(state, start, stop))
        self._rows = combine(feats, self.weights)
        self._start = start

    def __call__(self, i: int, lo: int, hi: int) -> FloatArray:
        if not self._start <= i < self._start + self._rows.shape[0]:
            self._compute(i - i % self.block)
        out: FloatArray = self._rows[i - self._start, lo:hi]
        return out


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
    states = {s.name: s.slice(state, i0, i1, j0, j1) for s, state in _active(sig)}
    return _Signals(i1 - i0, j1 - j0, states)


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
    banded = [(s, s.banded(state, band, config, weights)) for s, state in _active(sig)]
    cell_i, cell_j = band.coordinates()
    features: dict[tuple[int, int], TypeFeatures] = {}
    for a, b in config.link_types():
        if a == 0 or b == 0 or a > n or b > m:
            continue
        valid = (cell_i >= a) & (cell_j >= b)
        ends_i, ends_j = cell_i[valid], cell_j[valid]
        values: dict[str, FloatArray] = {}
        for signal, data in banded:
            values.update(signal.window_features(data, a, b, ends_i, ends_j))
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
