"""TSV export: one escaped `source<TAB>target` line per unit, exact round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from untm.errors import FormatError, OutputError
from untm.tmx.tsv import escape_field, read_tsv, unescape_field, write_tsv
from untm.tmx.unit import TranslationUnit

text = st.text(alphabet=st.sampled_from(list("ab \\\t\r\n中文。😀\"'<&")), max_size=20)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pairs=st.lists(st.tuples(text, text), max_size=6))
def test_round_trip(tmp_path: Path, pairs: list[tuple[str, str]]) -> None:
    path = tmp_path / "rt.tsv"
    units = [TranslationUnit(s, t) for s, t in pairs]
    assert write_tsv(path, units) == len(units)
    assert [(u.source, u.target) for u in read_tsv(path)] == pairs
    lines = path.read_text("utf-8").split("\n")
    assert len(lines) == len(units) + 1
    assert all(line.count("\t") == 1 for line in lines[:-1])


def test_escaping() -> None:
    assert escape_field("a\tb\nc\\d\r") == "a\\tb\\nc\\\\d\\r"
    assert unescape_field("a\\tb\\nc\\\\d\\r") == "a\tb\nc\\d\r"
    with pytest.raises(FormatError, match="bad escape"):
        unescape_field("a\\x")


def test_bad_row_names_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("a\tb\nonly-one-field\n", "utf-8")
    with pytest.raises(FormatError) as info:
        read_tsv(path)
    assert info.value.line == 2


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        write_tsv(tmp_path / "missing" / "x.tsv", [TranslationUnit("a", "b")])
