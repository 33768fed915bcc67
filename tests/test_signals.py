"""Tests of the aligner's scoring signals on real MAC-Dev sentences."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import MAC, needs_shared
from untm.aligner.signals.bags import BagPair, BandedBag
from untm.aligner.signals.dictionary import content_words, dictionary_vectors
from untm.aligner.signals.length import char_lengths, length_feature, length_ratio
from untm.aligner.signals.lexical import anchor_tokens, anchor_vectors


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_anchor_tokens_normalise_numbers_and_latin() -> None:
    zh = anchor_tokens("２０１５年通过了A/RES/70/1号决议，共1,234人")
    en = anchor_tokens("The 1,234 delegates adopted A/RES/70/1 in 2015.")
    assert {"#2015", "#1234", "a/res/70/1"} <= set(zh)
    assert sorted(t for t in en if t.startswith("#") or "/" in t) == sorted(zh)


def test_lexical_vectors_only_keep_english_tokens_seen_in_chinese() -> None:
    zh = ["联合国开发计划署(UNDP)的报告"]
    en = ["The report of UNDP was long"]
    vz, ve = anchor_vectors(zh, en)
    assert vz.sum() == 2 and ve.sum() == 2  # "undp" and the glossary concept on both sides
    assert float(vz[0] @ ve[0]) == 2.0


def test_length_feature_prefers_the_expected_ratio() -> None:
    zl = char_lengths(["一二三四五六七八九十"])
    good = length_feature(zl, np.array([30.0]), 3.0)
    bad = length_feature(zl, np.array([90.0]), 3.0)
    assert good[0] > bad[0]
    assert length_ratio(np.array([0.0]), np.array([5.0])) == 3.0


def test_content_words_drop_stopwords() -> None:
    words = content_words("The delegates were in the gardens")
    assert len(words) == 2
    assert words == content_words("delegate garden")


@needs_shared(MAC)
def test_dictionary_ranks_true_translation_high() -> None:
    """IDF-weighted CC-CEDICT cosine: the right en sentence is in the top 3 most of the time."""
    gold = [line for line in _lines(MAC / "dev" / "004.align")[:80]]
    zh, en = _lines(MAC / "dev" / "004.zh"), _lines(MAC / "dev" / "004.en")
    pairs = []
    for line in gold:
        left, right = line.split(":")
        if left.count(",") == 0 and right.count(",") == 0 and left != "[]" and right != "[]":
            pairs.append((int(left[1:-1]), int(right[1:-1])))
    vz, ve = dictionary_vectors(zh, en)
    bags = BagPair(vz, ve)
    cos = bags.sentence_cosines(0, len(zh))
    hits = sum(int(j in np.argsort(-cos[i])[:3]) for i, j in pairs)
    assert hits / len(pairs) >= 0.5


@given(st.integers(0, 2**31 - 1), st.integers(1, 3), st.integers(1, 4))
@settings(max_examples=30, deadline=None)
def test_banded_window_cosines_match_brute_force(seed: int, a: int, b: int) -> None:
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(4, 12)), int(rng.integers(4, 12))
    src = rng.random((n, 6)) * (rng.random((n, 6)) > 0.5)
    tgt = rng.random((m, 6)) * (rng.random((m, 6)) > 0.5)
    lo, hi = [0] * (n + 1), [m] * (n + 1)
    bag = BandedBag(BagPair(src, tgt), lo, hi, 3, 4)
    cells = [(i, j) for i in range(a, n + 1) for j in range(b, m + 1)]
    got = bag.window_cosines(a, b, np.array([c[0] for c in cells]), np.array([c[1] for c in cells]))
    for value, (i, j) in zip(got, cells, strict=True):
        x, y = src[i - a : i].sum(0), tgt[j - b : j].sum(0)
        norm = np.linalg.norm(x) * np.linalg.norm(y)
        expected = float(x @ y / norm) if norm > 0 else 0.0
        assert value == pytest.approx(expected, abs=1e-9)


def test_glossary_terms_are_shared_anchors() -> None:
    from untm.aligner.signals.glossary import glossary_tokens

    zh, en = glossary_tokens(
        ["联合国开发计划署的报告。", "今天天气很好。"], ["The UNDP report.", "Nice."]
    )
    assert zh[0] and zh[0] == en[0]
    assert zh[1] == [] and en[1] == []
    vz, ve = anchor_vectors(["联合国大会通过了决议。"], ["The General Assembly adopted it."])
    assert float(vz[0] @ ve[0]) > 0
