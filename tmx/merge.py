"""Merging TMs: identical units (same languages, source and target) are kept once.

Of a group of identical units the best-scored one is kept (prop `x-score`, a number; a unit
without a readable score ranks below every scored one; ties keep the earliest), with its own props,
notes and tuid. The kept units stay in the order in which their group first appeared, so merging
is deterministic and merging a TM with itself changes nothing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from untm.tmx.unit import TranslationUnit

SCORE_PROP = "x-score"


@dataclass(frozen=True)
class MergeResult:
    """Merged units, and how many input units were folded into others."""

    units: tuple[TranslationUnit, ...]
    input_units: int
    duplicates: int


def parse_score(raw: str | None) -> float | None:
    """An `x-score` prop value as a float; None when missing or not a finite number."""
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def unit_score(unit: TranslationUnit) -> float:
    """The unit's `x-score` prop as a float; -inf when missing or not a finite number."""
    value = parse_score(unit.prop(SCORE_PROP))
    return -math.inf if value is None else value


def _key(unit: TranslationUnit) -> tuple[str, str, str, str]:
    return (unit.src_lang.lower(), unit.tgt_lang.lower(), unit.source, unit.target)


def merge_counted(unit_lists: Iterable[Sequence[TranslationUnit]]) -> MergeResult:
    """Merge lists of units (see module docstring) and count what was folded."""
    best: dict[tuple[str, str, str, str], TranslationUnit] = {}
    total = 0
    for units in unit_lists:
        for unit in units:
            total += 1
            key = _key(unit)
            kept = best.get(key)
            if kept is None or unit_score(unit) > unit_score(kept):
                best[key] = unit
    merged = tuple(best.values())
    return MergeResult(units=merged, input_units=total, duplicates=total - len(merged))


def merge_units(unit_lists: Iterable[Sequence[TranslationUnit]]) -> list[TranslationUnit]:
    """Merge lists of units into one list without identical duplicates."""
    return list(merge_counted(unit_lists).units)
