"""TM statistics: counts, languages, characters, props and the x-score distribution."""

from __future__ import annotations

import math
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from untm.tmx.merge import parse_score, unit_score
from untm.tmx.stats import tm_stats, unit_stats
from untm.tmx.tmx14 import write_tmx
from untm.tmx.unit import TranslationUnit


def test_stats_of_a_written_tmx(tmp_path: Path) -> None:
    units = [
        TranslationUnit("甲乙", "AB", props=(("x-score", "0.95"), ("x-link", "1-1"))),
        TranslationUnit("丙", "C", props=(("x-score", "0.35"),)),
        TranslationUnit("丁", "D", tgt_lang="fr-FR", props=(("x-score", "1.0"),)),
        TranslationUnit("戊", "", props=(("x-score", "oops"),)),
        TranslationUnit("己", "F", props=(("x-score", "7"),)),
    ]
    path = tmp_path / "s.tmx"
    write_tmx(path, units)
    stats = tm_stats(path)
    assert stats.units == 5
    assert stats.language_pairs == {"zh-CN→en-US": 4, "zh-CN→fr-FR": 1}
    assert (stats.source_chars, stats.target_chars) == (6, 5)
    assert (stats.empty_source, stats.empty_target) == (0, 1)
    assert stats.props == {"x-link": 1, "x-score": 5}
    s = stats.scores
    assert (s.scored, s.unreadable, s.out_of_range) == (4, 1, 1)
    assert (s.minimum, s.maximum, s.median) == (0.35, 7.0, 0.975)
    assert s.histogram == (0, 0, 0, 1, 0, 0, 0, 0, 0, 2)
    d = stats.to_dict()
    assert d["scores"]["histogram"]["0.9-1.0"] == 2  # type: ignore[index]


def test_empty_tm() -> None:
    stats = unit_stats([])
    assert stats.units == 0 and stats.scores.scored == 0 and stats.scores.mean is None


_RAW = st.one_of(
    st.sampled_from(["0.5", " 0.25 ", "nan", "inf", "-inf", "1e-2", "oops", "", "０.５", "7"]),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.text(max_size=5),
)


@given(st.lists(st.one_of(st.none(), _RAW), max_size=8))
def test_stats_and_merge_read_scores_the_same_way(raws: list[str | None]) -> None:
    units = [
        TranslationUnit(f"甲{i}", "A", props=(("x-score", raw),) if raw is not None else ())
        for i, raw in enumerate(raws)
    ]
    scores = unit_stats(units).scores
    readable = [unit_score(u) for u in units if unit_score(u) != -math.inf]
    assert scores.scored == len(readable)
    assert scores.unreadable == sum(raw is not None and parse_score(raw) is None for raw in raws)
    assert scores.scored + scores.unreadable == sum(raw is not None for raw in raws)


def test_scores_near_the_float_maximum_give_finite_mean_and_median() -> None:
    raws = ["8.988465674311579e+307", "8.98846567431158e+307"]
    units = [TranslationUnit(f"甲{i}", "A", props=(("x-score", r),)) for i, r in enumerate(raws)]
    scores = unit_stats(units).scores
    assert scores.mean is not None and math.isfinite(scores.mean)
    assert scores.median is not None and math.isfinite(scores.median)
    assert scores.minimum <= scores.median <= scores.maximum  # type: ignore[operator]
