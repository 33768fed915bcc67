"""Shared fixtures: paths to the seed pair and the ../shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"
SEED_ZH = SEEDS / "000_a932ec9d51e334cb.txt"
SEED_EN = SEEDS / "000_a932ec9d51e334cb.en.txt"
GOLD = SHARED / "seeds" / "gold"
MAC = SHARED / "mac"


def needs_shared(path: Path) -> pytest.MarkDecorator:
    """Skip a test when ../shared (the gold data and MAC) is not present beside the repo."""
    return pytest.mark.skipif(not path.exists(), reason=f"{path} not present (see README: Data)")
