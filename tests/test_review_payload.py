"""The editor's link views and patches (untm.review.web.payload) on real glossary data."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from untm.glossary import open_glossary
from untm.glossary.termbase import Glossary
from untm.review.web.payload import LinkRow, LinkViews, changed_range, summary


def row(zh: tuple[str, ...], en: tuple[str, ...], score: float = 0.9, **kw: object) -> LinkRow:
    return LinkRow(zh, en, ("body",) * len(zh), ("body",) * len(en), score, **kw)  # type: ignore[arg-type]


@given(st.lists(st.integers(0, 5), max_size=12), st.lists(st.integers(0, 5), max_size=12))
def test_changed_range_patch_rebuilds_the_new_list(old: list[int], new: list[int]) -> None:
    start, old_end, new_end = changed_range(old, new)
    assert old[:start] + new[start:new_end] + old[old_end:] == new
    assert old[:start] == new[:start] and old[old_end:] == new[new_end:]


def test_changed_range_is_small_for_a_local_change() -> None:
    old = list(range(2000))
    new = [*old[:700], 9999, *old[702:]]  # a merge of links 700 and 701
    assert changed_range(old, new) == (700, 702, 701)


def test_views_mark_terms_missing_equivalents_and_check_findings() -> None:
    views = LinkViews(open_glossary(None))
    good = row(("联合国环境规划署通过了框架。",), ("UNEP adopted the framework.",))
    bad = row(("联合国环境规划署通过了框架。",), ("The framework was adopted.",))
    null = row(("联合国环境规划署",), ())
    v_good, v_bad, v_null = views.views([good, bad, null])
    assert '<mark class="term"' in v_good["zh"][0] and v_good["missing"] == 0
    assert v_good["issues"] == []
    assert 'class="term missing"' in v_bad["zh"][0] and v_bad["missing"] == 1
    assert [f["term"] for f in v_bad["issues"]] == ["联合国环境规划署"]
    assert v_null["type"] == "1-0" and v_null["missing"] == 0 and v_null["issues"] == []
    assert v_null["colour"] == "hsl(0, 0%, 45%)" and not v_null["low"]


def test_views_escape_text() -> None:
    (view,) = LinkViews(Glossary([])).views([row(("<b>甲</b>",), ("a & <i>b</i>",))])
    assert view["zh"] == ["&lt;b&gt;甲&lt;/b&gt;"]
    assert view["en"] == ["a &amp; &lt;i&gt;b&lt;/i&gt;"]


def test_views_are_cached_and_a_new_term_recomputes_only_links_with_it() -> None:
    views = LinkViews(Glossary([]))
    with_term = row(("甲方乙方同意。",), ("Party A and Party B agree.",))
    without = row(("丙方同意。",), ("Party C agrees.",))
    first = views.views([with_term, without])
    assert views.views([with_term, without])[0] is first[0]
    from untm.glossary.tabular import make_concept

    glossary = Glossary([make_concept("u-1", ["甲方"], ["Party A"])])
    views.set_glossary(glossary, touched=("甲方", "Party A"))
    again = views.views([with_term, without])
    assert again[1] is first[1]  # untouched: same view object
    assert again[0] is not first[0] and "<mark" in again[0]["zh"][0]


def test_summary_counts() -> None:
    rows = [
        row(("一。",), ("One.",), 0.95, status="confirmed"),
        row(("二。", "三。"), ("Two three.",), 0.5, bookmark=True),
        row((), ("Four.",), 0.0),
    ]
    views = LinkViews(Glossary([])).views(rows)
    s = summary(views, 0.8)
    assert s["links"] == 3 and s["units"] == 2 and s["null"] == 1 and s["low"] == 1
    assert s["types"] == {"0-1": 1, "1-1": 1, "2-1": 1} and s["confirmed"] == 1
    assert s["bookmarks"] == 1 and s["segments_zh"] == 3 and s["segments_en"] == 3
    assert s["mean_score"] == 0.725
