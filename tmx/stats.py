"""Statistics of a TM: units, languages, characters, props and the `x-score` distribution.

Computed in one streaming pass (`iter_tmx`), so it works on TMs of any size the reader accepts.
Scores are expected in [0, 1] (untm writes them so); the histogram has ten bins of width 0.1
(1.0 falls in the last), and scores outside [0, 1] or unreadable are counted, not binned.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from untm.tmx.merge import SCORE_PROP, parse_score
from untm.tmx.tmx14 import iter_tmx
from untm.tmx.unit import TranslationUnit

BINS = 10


@dataclass(frozen=True)
class ScoreStats:
    """Distribution of the `x-score` prop over the units that have one."""

    scored: int
    unreadable: int
    out_of_range: int
    minimum: float | None
    mean: float | None
    median: float | None
    maximum: float | None
    histogram: tuple[int, ...]

    def to_dict(self) -> dict[str, object]:
        bins = {f"{i / BINS:.1f}-{(i + 1) / BINS:.1f}": n for i, n in enumerate(self.histogram)}
        return {
            "scored": self.scored,
            "unreadable": self.unreadable,
            "out_of_range": self.out_of_range,
            "min": self.minimum,
            "mean": self.mean,
            "median": self.median,
            "max": self.maximum,
            "histogram": bins,
        }


@dataclass(frozen=True)
class TmStats:
    """What `tm_stats` counts."""

    units: int
    language_pairs: dict[str, int]
    source_chars: int
    target_chars: int
    empty_source: int
    empty_target: int
    props: dict[str, int]
    scores: ScoreStats

    def to_dict(self) -> dict[str, object]:
        return {
            "units": self.units,
            "language_pairs": self.language_pairs,
            "source_chars": self.source_chars,
            "target_chars": self.target_chars,
            "empty_source": self.empty_source,
            "empty_target": self.empty_target,
            "props": self.props,
            "scores": self.scores.to_dict(),
        }


def _median(values: list[float]) -> float:
    """The median; two middle values are halved before they are added (no overflow to inf)."""
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else ordered[mid - 1] / 2 + ordered[mid] / 2


def _score_stats(values: list[float], unreadable: int) -> ScoreStats:
    in_range = [v for v in values if 0.0 <= v <= 1.0]
    hist = [0] * BINS
    for v in in_range:
        hist[min(int(v * BINS), BINS - 1)] += 1
    have = bool(values)
    return ScoreStats(
        scored=len(values),
        unreadable=unreadable,
        out_of_range=len(values) - len(in_range),
        minimum=round(min(values), 4) if have else None,
        # each value divided first: the sum of scores near the float maximum must not overflow
        mean=round(math.fsum(v / len(values) for v in values), 4) if have else None,
        median=round(_median(values), 4) if have else None,
        maximum=round(max(values), 4) if have else None,
        histogram=tuple(hist),
    )


def unit_stats(units: Iterable[TranslationUnit]) -> TmStats:
    """Statistics of an iterable of units (one pass)."""
    count = src_chars = tgt_chars = empty_src = empty_tgt = unreadable = 0
    pairs: Counter[str] = Counter()
    props: Counter[str] = Counter()
    scores: list[float] = []
    for unit in units:
        count += 1
        pairs[f"{unit.src_lang}→{unit.tgt_lang}"] += 1
        src_chars += len(unit.source)
        tgt_chars += len(unit.target)
        empty_src += not unit.source.strip()
        empty_tgt += not unit.target.strip()
        props.update(key for key, _ in unit.props)
        raw = unit.prop(SCORE_PROP)
        if raw is not None:
            value = parse_score(raw)
            if value is None:
                unreadable += 1
            else:
                scores.append(value)
    return TmStats(
        units=count,
        language_pairs=dict(sorted(pairs.items())),
        source_chars=src_chars,
        target_chars=tgt_chars,
        empty_source=empty_src,
        empty_target=empty_tgt,
        props=dict(sorted(props.items())),
        scores=_score_stats(scores, unreadable),
    )


def tm_stats(
    path: str | Path, *, src_lang: str | None = None, tgt_lang: str | None = None
) -> TmStats:
    """Statistics of a TMX file (sides of multilingual units picked as in `tmx14.read_tmx`)."""
    return unit_stats(iter_tmx(path, src_lang=src_lang, tgt_lang=tgt_lang))
