"""Punctuation signal: counts per sentence and window features from prefix sums."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from bench.macdata import load_split
from tests.conftest import MAC, needs_shared
from untm.aligner.signals.punctuation import MARKS, prefix_counts, sentence_counts, window_features


def test_counts_of_real_dialogue() -> None:
    assert sentence_counts("海老公道：“不过怎么？”", "zh") == (1, 0, 0, 1)
    assert sentence_counts("'You what?' snapped the eunuch.", "en") == (1, 0, 0, 1)
    assert sentence_counts("韦小宝道：“赢了十几两银子，不过…… 不过……”", "zh") == (0, 0, 2, 1)
    assert sentence_counts("Trinket's 'I won' — and then!", "en") == (0, 1, 1, 1)


@needs_shared(MAC)
def test_agreeing_window_scores_higher_on_mac_dev() -> None:
    chapter = load_split("dev")[1]
    src, tgt = prefix_counts(chapter.zh, "zh"), prefix_counts(chapter.en, "en")
    # gold [85]:[142] against the wrong 1-2 [85]:[141,142] that the aligner used to pick
    good = window_features(src, tgt, 1, 1, np.array([86]), np.array([143]))  # [85]:[142]
    bad = window_features(src, tgt, 1, 2, np.array([86]), np.array([143]))  # [85]:[141,142]
    assert chapter.zh[85].endswith("不过怎么？”") and chapter.en[142].startswith("'You what?'")
    assert sum(float(v[0]) for v in good.values()) > sum(float(v[0]) for v in bad.values())


texts = st.lists(st.text(alphabet="ab?？!！…—“'\" ", max_size=12), min_size=1, max_size=8)


@given(texts, texts, st.data())
def test_window_features_match_direct_counts(
    zh: list[str], en: list[str], data: st.DataObject
) -> None:
    src, tgt = prefix_counts(zh, "zh"), prefix_counts(en, "en")
    a = data.draw(st.integers(1, len(zh)))
    b = data.draw(st.integers(1, len(en)))
    i = data.draw(st.integers(a, len(zh)))
    j = data.draw(st.integers(b, len(en)))
    feats = window_features(src, tgt, a, b, np.array([i]), np.array([j]))
    cz = np.sum([sentence_counts(t, "zh") for t in zh[i - a : i]], axis=0)
    ce = np.sum([sentence_counts(t, "en") for t in en[j - b : j]], axis=0)
    for col, mark in enumerate(MARKS):
        assert feats[f"punct_{mark}"][0] == -min(abs(cz[col] - ce[col]), 3)
        assert feats[f"punct_{mark}_miss"][0] == -float((cz[col] > 0) != (ce[col] > 0))
        assert feats[f"punct_{mark}"][0] <= 0
