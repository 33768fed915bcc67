"""A second independent reader: Translate Toolkit reads every unit of our TMX with both sides."""

from __future__ import annotations

from pathlib import Path

from translate.storage import tmx as ttk_tmx

from tests.test_tmx_gold import gold_units, pipeline_units
from untm.tmx.tmx14 import write_tmx
from untm.tmx.unit import TranslationUnit
from untm.tmx.validate import validate_tmx


def read_with_ttk(path: Path) -> list[tuple[str, str]]:
    store = ttk_tmx.tmxfile.parsefile(str(path))  # type: ignore[no-untyped-call]
    return [(unit.source, unit.target) for unit in store.units]


def test_translate_toolkit_reads_gold_tmx(tmp_path: Path) -> None:
    units = gold_units()
    path = tmp_path / "gold.tmx"
    write_tmx(path, units)
    pairs = read_with_ttk(path)
    assert len(pairs) == len(units) == 80
    assert all(source and target for source, target in pairs)
    assert pairs == [(u.source, u.target) for u in units]


def test_translate_toolkit_reads_awkward_text(tmp_path: Path) -> None:
    units = [TranslationUnit("“甲”<乙>&丙\x00 𠀀", "say \"a\" & <b>'s 😀")]
    path = tmp_path / "awkward.tmx"
    write_tmx(path, units)
    assert read_with_ttk(path) == [("“甲”<乙>&丙 𠀀", "say \"a\" & <b>'s 😀")]


def test_translate_toolkit_reads_our_seed_tmx(tmp_path: Path) -> None:
    units = pipeline_units()
    path = tmp_path / "seed.tmx"
    write_tmx(path, units)
    pairs = read_with_ttk(path)
    assert len(pairs) == len(units) > 0
    assert all(source.strip() and target.strip() for source, target in pairs)
    assert validate_tmx(path) == []
