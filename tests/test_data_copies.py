"""The test data copied into the repository (tests/data) equals its source in ../shared, so the
self-contained run and the full run test against the same gold."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import GOLD, SHARED, SHARED_UN, UN_PAIRS, needs_shared

STEM = "000_a932ec9d51e334cb"
SDG = "sdg_goals_targets"
COPIES = [
    *[(GOLD / f"{STEM}{ext}", SHARED / "seeds" / "gold" / f"{STEM}{ext}")
      for ext in (".zh", ".en", ".align")],
    *[(UN_PAIRS / "udhr" / name, SHARED_UN / "udhr" / name)
      for name in ("udhr.zh.txt", "udhr.en.txt", "udhr.gold_alignment.tsv")],
    *[(UN_PAIRS / "sdg" / f"{SDG}.{ext}", SHARED_UN / "sdg" / f"{SDG}.{ext}")
      for ext in ("zh.txt", "en.txt", "ids.txt")],
]


@needs_shared(SHARED)
@pytest.mark.parametrize(("ours", "source"), COPIES, ids=[p.name for p, _ in COPIES])
def test_the_copy_equals_its_source_in_shared(ours: Path, source: Path) -> None:
    assert ours.read_bytes() == source.read_bytes()
    assert (ours.parent / "README.md").is_file()  # where it comes from, under which licence
