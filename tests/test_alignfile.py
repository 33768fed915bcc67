"""Tests of reading and writing .align files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import MAC, needs_shared
from untm.aligner.alignfile import format_align, parse_align, read_align, write_align
from untm.aligner.model import Link
from untm.errors import FormatError, InputError


def test_parse_all_link_shapes() -> None:
    links = parse_align("[0,1]:[0]\n[2]:[]\n\n[]:[1]\n[3]:[2,3,4]\n")
    assert [(lk.src, lk.tgt) for lk in links] == [
        ((0, 1), (0,)),
        ((2,), ()),
        ((), (1,)),
        ((3,), (2, 3, 4)),
    ]


@pytest.mark.parametrize("bad", ["[0]-[1]", "[a]:[1]", "[]:[]", "0:1", "[0,]:[1]"])
def test_bad_line_names_file_and_line(bad: str) -> None:
    with pytest.raises(FormatError) as info:
        parse_align(f"[0]:[0]\n{bad}\n", path="x.align")
    assert info.value.line == 2
    assert str(info.value).startswith("x.align:2: ")


def test_missing_file_is_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        read_align(tmp_path / "nope.align")


def test_write_missing_folder_leaves_nothing(tmp_path: Path) -> None:
    from untm.errors import OutputError

    with pytest.raises(OutputError):
        write_align(tmp_path / "no" / "x.align", [Link((0,), (0,))])
    assert not (tmp_path / "no").exists()


index_lists = st.lists(st.integers(0, 10_000), max_size=5).map(lambda v: tuple(sorted(set(v))))


@given(st.lists(st.tuples(index_lists, index_lists).filter(lambda p: p[0] or p[1]), max_size=30))
def test_round_trip(pairs: list[tuple[tuple[int, ...], tuple[int, ...]]]) -> None:
    links = [Link(s, t) for s, t in pairs]
    back = parse_align(format_align(links))
    assert [(lk.src, lk.tgt) for lk in back] == pairs


@needs_shared(MAC)
def test_real_gold_round_trips(tmp_path: Path) -> None:
    gold = MAC / "dev" / "001.align"
    links = read_align(gold)
    out = tmp_path / "copy.align"
    write_align(out, links)
    assert out.read_text(encoding="utf-8") == gold.read_text(encoding="utf-8")
