"""Tests of the sentence aligner: invariants (property tests) and quality floors on MAC-Dev."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import GOLD, MAC, needs_shared
from untm.aligner.alignfile import read_align
from untm.aligner.evaluate import score_links
from untm.aligner.model import Link
from untm.aligner.sentalign import AlignConfig, align_sentences
from untm.errors import AlignmentError

FAST = AlignConfig(mode="fast")


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def check_invariants(links: Sequence[Link], n: int, m: int) -> None:
    """Monotone, in order, every index of both sides exactly once, scores in [0, 1]."""
    src = [i for link in links for i in link.src]
    tgt = [j for link in links for j in link.tgt]
    assert src == list(range(n))
    assert tgt == list(range(m))
    for link in links:
        assert link.src or link.tgt
        assert 0.0 <= link.score <= 1.0


def test_empty_sides() -> None:
    assert align_sentences([], []) == []
    assert [lk.kind for lk in align_sentences(["一。", "二。"], [])] == ["1-0", "1-0"]
    assert [lk.tgt for lk in align_sentences([], ["One."], config=FAST)] == [(0,)]


def test_bad_config() -> None:
    with pytest.raises(AlignmentError):
        AlignConfig(mode="slow")


dev_zh = _lines(MAC / "dev" / "004.zh") if (MAC / "dev").exists() else ["一。"]
dev_en = _lines(MAC / "dev" / "004.en") if (MAC / "dev").exists() else ["One."]


@needs_shared(MAC)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(0, len(dev_zh) - 1),
    st.integers(0, 25),
    st.integers(-10, 10),
    st.integers(0, 25),
)
def test_invariants_on_real_slices(start: int, zlen: int, shift: int, elen: int) -> None:
    src = dev_zh[start : start + zlen]
    e0 = max(0, start + shift)
    tgt = dev_en[e0 : e0 + elen]
    links = align_sentences(src, tgt, config=FAST)
    check_invariants(links, len(src), len(tgt))


@given(
    st.lists(st.text(max_size=30), max_size=12),
    st.lists(st.text(max_size=30), max_size=12),
)
@settings(max_examples=40, deadline=None)
def test_invariants_on_arbitrary_text(src: list[str], tgt: list[str]) -> None:
    links = align_sentences(src, tgt, config=FAST)
    check_invariants(links, len(src), len(tgt))


@needs_shared(MAC)
def test_deterministic() -> None:
    src, tgt = dev_zh[:60], dev_en[:80]
    assert align_sentences(src, tgt, config=FAST) == align_sentences(src, tgt, config=FAST)


def _chapter_f1(chapter: str, config: AlignConfig) -> float:
    base = MAC / "dev" / chapter
    src, tgt = _lines(base.with_suffix(".zh")), _lines(base.with_suffix(".en"))
    links = align_sentences(src, tgt, config=config)
    check_invariants(links, len(src), len(tgt))
    return score_links(read_align(base.with_suffix(".align")), links).f1_strict


@needs_shared(MAC)
@pytest.mark.parametrize(("chapter", "floor"), [("004", 0.70), ("006", 0.70)])
def test_fast_mode_floor_on_dev(chapter: str, floor: float) -> None:
    assert _chapter_f1(chapter, FAST) >= floor


@needs_shared(MAC)
def test_name_anchors_switch() -> None:
    """Pinyin name anchors are off by default (no gain on MAC-Dev) and can be switched on."""
    assert AlignConfig().names is False
    assert _chapter_f1("006", AlignConfig(mode="fast", names=True)) >= 0.70


@needs_shared(MAC)
def test_best_mode_floor_on_dev() -> None:
    assert _chapter_f1("006", AlignConfig()) >= 0.85


def test_seed_gold_segments() -> None:
    base = GOLD / "000_a932ec9d51e334cb"
    src, tgt = _lines(base.with_suffix(".zh")), _lines(base.with_suffix(".en"))
    links = align_sentences(src, tgt)
    check_invariants(links, len(src), len(tgt))
    score = score_links(read_align(base.with_suffix(".align")), links)
    assert score.f1_strict >= 0.85


@given(
    st.lists(st.text(max_size=20), max_size=8),
    st.lists(st.text(max_size=20), max_size=8),
)
@settings(max_examples=15, deadline=None)
def test_best_mode_invariants_on_arbitrary_text(src: list[str], tgt: list[str]) -> None:
    links = align_sentences(src, tgt)
    check_invariants(links, len(src), len(tgt))
