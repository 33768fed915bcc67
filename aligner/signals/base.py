"""What a signal of the sentence aligner is: the `Signal` protocol of the registry
(`signals/registry.py`).

A signal scores a zh window (a run of consecutive sentences) against an en window. The aligner
(`sentalign`) asks every registered signal, in registry order, for:

1. `prepare(src, tgt, config)`: its per-document state, computed once per document pair (or
   None when the signal is off in this configuration, e.g. embeddings in mode fast);
2. `slice(state, i0, i1, j0, j1)`: the state of zh [i0, i1) and en [j0, j1) alone, keeping the
   document-level statistics (realigning a stretch between fixed links: `anchors`);
3. `sentence_features(state, start, stop)`: its features of zh sentences start..stop-1 against
   every en sentence (matrices), for the first, 1-1 anchor pass; `{}` when it has none;
4. `banded(state, band, config, weights)`: whatever it needs to score windows inside the search
   band of the second pass (e.g. banded dot products), from the state;
5. `window_features(banded, a, b, ends_i, ends_j)`: its features of the links covering
   zh [i-a, i) and en [j-b, j), one value per (i, j) given.

A link's score adds `weight * feature` over the signals' `features` (names of `Weights`
fields, or `Weights.extra`), in registry order and in each signal's order; a `grouped` signal's
terms are summed first and then added (the order is part of the output: floating-point sums
are not associative). Features a signal returns but does not list (diagnostics) are kept in the
search space for tuning but not scored. A new signal is one module with such an object plus its
line in the registry; its weights go in `DEFAULT_WEIGHTS` of that module (by mode) unless
`Weights.extra` gives them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from untm.aligner.dp import Band
    from untm.aligner.sentalign import AlignConfig, Weights

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
Features = dict[str, FloatArray]


class Signal(Protocol):
    """One scoring signal of the sentence aligner (see the module docstring)."""

    @property
    def name(self) -> str: ...

    @property
    def features(self) -> tuple[str, ...]: ...

    @property
    def grouped(self) -> bool: ...

    @property
    def default_weights(self) -> Mapping[str, Mapping[str, float]]:
        """Weights of features that are not `Weights` fields: mode -> feature -> weight."""
        ...

    def prepare(self, src: Sequence[str], tgt: Sequence[str], config: AlignConfig) -> Any: ...

    def slice(self, state: Any, i0: int, i1: int, j0: int, j1: int) -> Any: ...

    def sentence_features(self, state: Any, start: int, stop: int) -> Features: ...

    def banded(self, state: Any, band: Band, config: AlignConfig, weights: Weights) -> Any: ...

    def window_features(
        self, banded: Any, a: int, b: int, ends_i: IntArray, ends_j: IntArray
    ) -> Features: ...
