"""`align_sentences(..., fixed=...)`: fixed links kept exactly, the rest aligned around them; and
the review session's Realign operation built on it (seed pair's gold, fast mode)."""

from __future__ import annotations

import pytest
from review_helpers import gold_result, gold_session

from untm.aligner.model import Link
from untm.aligner.sentalign import AlignConfig, align_sentences
from untm.errors import AlignmentError, ReviewError
from untm.review import (
    Confirm,
    ConfirmUpTo,
    Merge,
    Realign,
    ShiftFirst,
    Status,
    apply,
    check_session,
)

FAST = AlignConfig(mode="fast")


def _is_partition(links: list[Link], n: int, m: int) -> bool:
    src = [i for link in links for i in link.src]
    tgt = [j for link in links for j in link.tgt]
    return src == list(range(n)) and tgt == list(range(m))


def test_fixed_links_are_kept_and_the_rest_fills_a_monotone_partition() -> None:
    result = gold_result()
    src = [s.text for s in result.src_segments[:16]]
    tgt = [s.text for s in result.tgt_segments[:19]]
    # a deliberately wrong fixed 2-1 link and a fixed null link in the middle of a gap
    fixed = [Link((5, 6), (8,), 0.5), Link((10,), (), 0.25)]
    links = align_sentences(src, tgt, config=FAST, fixed=fixed)
    assert _is_partition(links, 16, 19)
    assert fixed[0] in links and fixed[1] in links
    assert all(not (set(link.src) & {5, 6, 10}) for link in links if link not in fixed)


def test_fixed_null_links_of_several_sentences_come_back_whole() -> None:
    result = gold_result()
    src = [s.text for s in result.src_segments[:12]]
    tgt = [s.text for s in result.tgt_segments[:15]]
    fixed = [Link((), (7, 8), 0.5), Link((3, 4), (), 0.5)]
    links = align_sentences(src, tgt, config=FAST, fixed=fixed)
    assert fixed[0] in links and fixed[1] in links
    src_order = [i for link in links for i in link.src]
    tgt_order = [j for link in links for j in link.tgt]
    assert src_order == list(range(12)) and tgt_order == list(range(15))


@pytest.mark.parametrize(
    ("fixed", "message"),
    [
        ([Link((1, 3), (1,))], "consecutive"),
        ([Link((1,), (40,))], "outside the document"),
        ([Link((1,), (1,)), Link((1,), ())], "shares a sentence"),
        ([Link((1,), (5,)), Link((3,), (2,))], "cross"),
        ([Link((), ())], "empty"),
    ],
)
def test_bad_fixed_links_are_alignment_errors(fixed: list[Link], message: str) -> None:
    src = ["一。", "二。", "三。", "四。", "五。", "六。"]
    tgt = ["One.", "Two.", "Three.", "Four.", "Five.", "Six."]
    with pytest.raises(AlignmentError, match=message):
        align_sentences(src, tgt, config=FAST, fixed=fixed)


def test_no_fixed_links_is_the_plain_aligner() -> None:
    src = ["我们开会。", "会议决定了。", "然后休会。"]
    tgt = ["We met.", "The meeting decided.", "Then it adjourned."]
    plain = align_sentences(src, tgt, config=FAST)
    assert align_sentences(src, tgt, config=FAST, fixed=[]) == plain
    assert align_sentences(src, tgt, config=FAST, fixed=None) == plain


def test_realign_repairs_broken_links_between_confirmed_ones() -> None:
    gold = gold_session()
    broken = apply(apply(gold, Merge(link=30)), ShiftFirst(link=40, side="tgt"))
    # confirm all but the broken stretches, then hold only confirmed links
    s = broken
    for k, link in enumerate(s.links):
        if link.status is Status.AUTO and not (27 <= k <= 33 or 37 <= k <= 43):
            s = apply(s, Confirm(link=k))
    repaired = apply(s, Realign(keep_edited=False))
    check_session(repaired)
    assert [(x.src, x.tgt) for x in repaired.links] == [(x.src, x.tgt) for x in gold.links]
    assert repaired.src == gold.src and repaired.tgt == gold.tgt
    step = repaired.history[-1]
    assert step.links.start >= 27 and len(step.links.new) < 20  # only the stretches changed


def test_realign_with_everything_held_is_an_error() -> None:
    s = apply(gold_session(), ConfirmUpTo(link=len(gold_session().links) - 1))
    with pytest.raises(ReviewError, match="nothing to realign"):
        apply(s, Realign())


@pytest.mark.parametrize("mode", ["fast", "best"])
def test_sliced_signals_are_the_documents_signals_of_the_gap(mode: str) -> None:
    import numpy as np

    from untm.aligner.sentalign import _signals, slice_signals

    result = gold_result()
    src = [s.text for s in result.src_segments[:30]]
    tgt = [s.text for s in result.tgt_segments[:33]]
    config = AlignConfig(mode=mode)
    whole = _signals(src, tgt, config)
    part = slice_signals(whole, 7, 19, 9, 22)
    alone = _signals(src[7:19], tgt[9:22], config)
    # per-sentence values are the same whether computed over the gap or over the documents
    assert (part.n, part.m) == (alone.n, alone.m) == (12, 13)
    assert part.states.keys() == alone.states.keys()
    length, whole_length = part.states["length"], alone.states["length"]
    assert np.array_equal(length.src, whole_length.src)
    assert np.array_equal(length.tgt, whole_length.tgt)
    for got, want in zip(part.states["punctuation"], alone.states["punctuation"], strict=True):
        assert np.array_equal(got, want)
    assert part.states["dictionary"].src.shape == alone.states["dictionary"].src.shape
    assert part.states["lexical"].tgt.shape == alone.states["lexical"].tgt.shape
    if mode == "best":
        emb, emb_alone = part.states["embedding"], alone.states["embedding"]
        for size in (1, 2):
            assert np.allclose(emb.src[size], emb_alone.src[size], atol=1e-5)
            assert np.allclose(emb.tgt[size], emb_alone.tgt[size], atol=1e-5)
        assert set(emb.src) == set(emb_alone.src)
        assert emb.tgt_mean[1].shape == emb_alone.tgt_mean[1].shape
    else:
        assert "embedding" not in part.states
