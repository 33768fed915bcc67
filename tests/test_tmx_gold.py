"""The seed pair as translation units — gold alignment and untm's own pipeline output.

Shared by the TMX client tests (OmegaT, Translate Toolkit, validation, lookup).
"""

from __future__ import annotations

import functools

import pytest

from tests.conftest import GOLD, SEED_EN, SEED_ZH
from untm.tmx.unit import TranslationUnit

GOLD_STEM = GOLD / "000_a932ec9d51e334cb"


def gold_units() -> list[TranslationUnit]:
    """Units of the gold alignment with text on both sides (zh joined without, en with spaces)."""
    from untm.aligner.alignfile import read_align

    zh = GOLD_STEM.with_suffix(".zh").read_text("utf-8").split("\n")
    en = GOLD_STEM.with_suffix(".en").read_text("utf-8").split("\n")
    units: list[TranslationUnit] = []
    for link in read_align(GOLD_STEM.with_suffix(".align")):
        if link.src and link.tgt:
            source = "".join(zh[i] for i in link.src)
            target = " ".join(en[j] for j in link.tgt)
            units.append(TranslationUnit(source, target, tuid=f"gold-{len(units)}"))
    return units


def test_gold_units_have_both_sides() -> None:
    units = gold_units()
    assert len(units) == 80
    assert all(u.source.strip() and u.target.strip() for u in units)
    assert len({u.tuid for u in units}) == 80


@functools.cache
def _pipeline_units() -> tuple[TranslationUnit, ...] | None:
    try:
        from untm.pipeline import AlignOptions, align_files, to_units
    except ImportError:
        return None
    options = AlignOptions()
    result = align_files(SEED_ZH, SEED_EN, options)
    return tuple(to_units(result, source_name=SEED_ZH.name, options=options))


def pipeline_units() -> list[TranslationUnit]:
    """Units of untm's own alignment of the seed pair (computed once per session)."""
    units = _pipeline_units()
    if units is None:
        pytest.skip("untm.pipeline (engineer A) has not landed yet")
    return list(units)
