"""Gold units and unit scoring (untm.goldscore): the seed gold, checked reads, exact matching."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import GOLD
from untm.errors import FormatError, InputError
from untm.goldscore import UnitScore, gold_units, score_units

STEM = "000_a932ec9d51e334cb"


def test_seed_gold_units_leave_out_null_links() -> None:
    units = gold_units(GOLD / f"{STEM}.zh", GOLD / f"{STEM}.en", GOLD / f"{STEM}.align")
    links = (GOLD / f"{STEM}.align").read_text("utf-8").split()
    full = [line for line in links if "[]" not in line]
    assert len(units) == len(full) > 0
    assert all(zh.strip() and en.strip() for zh, en in units)
    assert score_units(units, units).precision == 1.0


def test_score_ignores_white_space_and_counts_duplicates() -> None:
    gold = [("甲 乙", "A b"), ("丙", "C"), ("丙", "C")]
    score = score_units([("甲乙", "Ab"), ("丙", "C"), ("丁", "D")], gold)
    assert (score.matched, score.produced, score.gold) == (2, 3, 3)


@pytest.mark.parametrize(
    ("counts", "p", "r", "f1"),
    [((2, 3, 4), 2 / 3, 0.5, 4 / 7), ((0, 0, 5), 0.0, 0.0, 0.0), ((3, 3, 3), 1.0, 1.0, 1.0)],
)
def test_precision_recall_f1(counts: tuple[int, int, int], p: float, r: float, f1: float) -> None:
    score = UnitScore(*counts)
    assert (score.precision, score.recall, score.f1) == pytest.approx((p, r, f1))


def test_bad_gold_files_raise_typed_errors(tmp_path: Path) -> None:
    """Regression: a missing file gave FileNotFoundError, a link past the end IndexError."""
    zh, en, align = tmp_path / "g.zh", tmp_path / "g.en", tmp_path / "g.align"
    zh.write_text("甲\n乙\n", encoding="utf-8")
    en.write_text("A\nB\n", encoding="utf-8")
    align.write_text("[0]:[0]\n[1]:[1,2]\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"gold link 2 \[1\]:\[1, 2\] points outside"):
        gold_units(zh, en, align)
    with pytest.raises(InputError, match=r"g\.missing"):
        gold_units(zh, tmp_path / "g.missing", align)
    align.write_text("[0]:[0]\n[1]:[]\n", encoding="utf-8")
    assert gold_units(zh, en, align) == [("甲", "A")]
