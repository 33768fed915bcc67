"""Merging TMs: identical units once, the best-scored kept with its props, order deterministic."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from untm.tmx.merge import merge_counted, merge_units, unit_score
from untm.tmx.unit import TranslationUnit


def u(src: str, tgt: str, score: str | None = None, tuid: str | None = None) -> TranslationUnit:
    props = (("x-score", score), ("x-document", "d")) if score is not None else ()
    return TranslationUnit(src, tgt, tuid=tuid, props=props)


def test_best_scored_duplicate_is_kept_with_props_in_first_position() -> None:
    a = [u("甲", "A", "0.5", "a1"), u("乙", "B", "0.9", "a2")]
    b = [u("乙", "B", "0.7", "b1"), u("甲", "A", "0.8", "b2"), u("甲", "A2", None, "b3")]
    result = merge_counted([a, b])
    assert [x.tuid for x in result.units] == ["b2", "a2", "b3"]
    assert result.units[0].props == (("x-score", "0.8"), ("x-document", "d"))
    assert (result.input_units, result.duplicates) == (5, 2)


def test_unscored_and_unreadable_rank_below_scored_ties_keep_first() -> None:
    assert unit_score(u("a", "b")) == float("-inf")
    assert unit_score(u("a", "b", "nan")) == float("-inf")
    assert unit_score(u("a", "b", "high")) == float("-inf")
    group = [
        u("甲", "A", None, "1"),
        u("甲", "A", "bad", "2"),
        u("甲", "A", "0.1", "3"),
        u("甲", "A", "0.1", "4"),
    ]
    merged = merge_units([group])
    assert [x.tuid for x in merged] == ["3"]


def test_languages_are_part_of_identity() -> None:
    x = TranslationUnit("甲", "A", tgt_lang="en-US")
    y = TranslationUnit("甲", "A", tgt_lang="en-GB")
    z = TranslationUnit("甲", "A", tgt_lang="EN-us")
    assert merge_units([[x, y, z]]) == [x, y]


pairs = st.lists(
    st.tuples(
        st.sampled_from("甲乙丙"),
        st.sampled_from("AB"),
        st.sampled_from(["0.1", "0.5", "0.9", None]),
    ),
    max_size=12,
)


@given(first=pairs, second=pairs)
def test_merge_properties(
    first: list[tuple[str, str, str | None]], second: list[tuple[str, str, str | None]]
) -> None:
    a = [u(s, t, sc) for s, t, sc in first]
    b = [u(s, t, sc) for s, t, sc in second]
    merged = merge_units([a, b])
    keys = [(x.source, x.target) for x in merged]
    assert len(keys) == len(set(keys)) == len({(x.source, x.target) for x in a + b})
    for x in merged:
        same = [y for y in a + b if (y.source, y.target) == (x.source, x.target)]
        assert unit_score(x) == max(unit_score(y) for y in same)
    assert merge_units([merged]) == merged
    assert merge_units([merged, merged]) == merged
