"""The aligner's signal registry (issue 19): a signal is one object in one module plus its line
in signals/registry.py; the aligner itself names no signal."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from types import MappingProxyType
from typing import Any

import numpy as np
import pytest
from conftest import SEED_EN, SEED_ZH

from untm.aligner import sentalign
from untm.aligner.signals.base import FloatArray, IntArray
from untm.aligner.signals.registry import SIGNALS

SRC = [line for line in SEED_ZH.read_text(encoding="utf-8").splitlines() if line.strip()][:25]
TGT = [line for line in SEED_EN.read_text(encoding="utf-8").splitlines() if line.strip()][:30]


class PositionSignal:
    """A toy signal: how far apart the two windows' relative positions are (0 = same place)."""

    name = "position"
    features = ("position",)
    grouped = False
    default_weights = MappingProxyType({"fast": MappingProxyType({"position": 0.3})})

    def prepare(self, src: Sequence[str], tgt: Sequence[str], config: Any) -> tuple[int, int]:
        return len(src), len(tgt)

    def slice(self, state: tuple[int, int], i0: int, i1: int, j0: int, j1: int) -> Any:
        return i1 - i0, j1 - j0

    def sentence_features(self, state: tuple[int, int], start: int, stop: int) -> Any:
        n, m = state
        rows = (np.arange(start, stop) / max(n, 1))[:, None]
        return {"position": -np.abs(rows - (np.arange(m) / max(m, 1))[None, :])}

    def banded(self, state: tuple[int, int], band: Any, config: Any, weights: Any) -> Any:
        return state

    def window_features(
        self, banded: tuple[int, int], a: int, b: int, ends_i: IntArray, ends_j: IntArray
    ) -> dict[str, FloatArray]:
        n, m = banded
        return {"position": -np.abs(ends_i / max(n, 1) - ends_j / max(m, 1))}


@pytest.fixture
def with_position(monkeypatch: pytest.MonkeyPatch) -> None:
    """The registry with the toy signal's line added."""
    monkeypatch.setattr(sentalign, "SIGNALS", (*SIGNALS, PositionSignal()))


def test_registry_names_are_unique_and_weighted_features_exist() -> None:
    names = [s.name for s in SIGNALS]
    assert len(names) == len(set(names))
    config = sentalign.AlignConfig(mode="best")
    space = sentalign.prepare(SRC, TGT, config)
    produced = set(space.features[(1, 1)].values)
    weights = config.resolved_weights()
    for signal in SIGNALS:
        for feature in signal.features:
            assert feature in produced or not weights.weight(feature), feature


@pytest.mark.usefixtures("with_position")
def test_a_new_signal_is_scored_with_its_default_weight() -> None:
    config = sentalign.AlignConfig(mode="fast")
    assert config.resolved_weights().weight("position") == 0.3
    assert sentalign.AlignConfig(mode="best").resolved_weights().weight("position") == 0.0
    space = sentalign.prepare(SRC, TGT, config)
    assert all("position" in t.values for t in space.features.values())
    plain = sentalign.Weights(**{**dataclasses.asdict(sentalign.FAST_WEIGHTS), "extra": ()})
    heavy = dataclasses.replace(plain, extra=(("position", 5.0),))
    base = sentalign.combine(space.features[(1, 1)].values, plain)
    more = sentalign.combine(space.features[(1, 1)].values, heavy)
    assert np.allclose(more - base, 5.0 * space.features[(1, 1)].values["position"])


def test_unweighted_new_signal_leaves_the_alignment_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    config = sentalign.AlignConfig(mode="fast")
    before = sentalign.align_sentences(SRC, TGT, config=config)
    monkeypatch.setattr(sentalign, "SIGNALS", (*SIGNALS, PositionSignal()))
    zero = dataclasses.replace(sentalign.FAST_WEIGHTS, extra=(("position", 0.0),))
    after = sentalign.align_sentences(SRC, TGT, config=dataclasses.replace(config, weights=zero))
    assert after == before
    strong = dataclasses.replace(sentalign.FAST_WEIGHTS, extra=(("position", 50.0),))
    moved = sentalign.align_sentences(SRC, TGT, config=dataclasses.replace(config, weights=strong))
    assert [x.score for x in moved] != [x.score for x in before]
