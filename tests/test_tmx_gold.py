"""The gold alignment of the seed pair as translation units (shared by the TMX client tests)."""

from __future__ import annotations

from tests.conftest import GOLD, needs_shared
from tmx.unit import TranslationUnit

GOLD_STEM = GOLD / "000_a932ec9d51e334cb"


def gold_units() -> list[TranslationUnit]:
    """Units of the gold alignment with text on both sides (zh joined without, en with spaces)."""
    from aligner.alignfile import read_align

    zh = GOLD_STEM.with_suffix(".zh").read_text("utf-8").split("\n")
    en = GOLD_STEM.with_suffix(".en").read_text("utf-8").split("\n")
    units: list[TranslationUnit] = []
    for link in read_align(GOLD_STEM.with_suffix(".align")):
        if link.src and link.tgt:
            source = "".join(zh[i] for i in link.src)
            target = " ".join(en[j] for j in link.tgt)
            units.append(TranslationUnit(source, target, tuid=f"gold-{len(units)}"))
    return units


@needs_shared(GOLD)
def test_gold_units_have_both_sides() -> None:
    units = gold_units()
    assert len(units) == 80
    assert all(u.source.strip() and u.target.strip() for u in units)
    assert len({u.tuid for u in units}) == 80
