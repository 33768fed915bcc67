"""XLIFF 1.2 export: namespace and structure, exact round trip, Translate Toolkit reads it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from translate.storage import xliff as ttk_xliff

from untm.errors import FormatError, OutputError, UnsafeInputError
from untm.tmx.unit import TranslationUnit
from untm.tmx.xliff import read_xliff, write_xliff, write_xliff_counted
from untm.tmx.xmlchars import is_xml_text

text = st.text(alphabet=st.sampled_from(list("ab \t\r\n<>&\"'中文。𠀀😀")), max_size=20)


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pairs=st.lists(st.tuples(text, text), max_size=5))
def test_round_trip(tmp_path: Path, pairs: list[tuple[str, str]]) -> None:
    units = [
        TranslationUnit(s, t, tuid=f"t{i}", props=(("x-score", "0.5"),))
        for i, (s, t) in enumerate(pairs)
    ]
    path = tmp_path / "rt.xlf"
    assert write_xliff(path, units) == len(units)
    assert read_xliff(path) == units


def test_structure_and_translate_toolkit(tmp_path: Path) -> None:
    path = tmp_path / "a.xlf"
    units = [TranslationUnit("联合国<环境>", "UN & environment", tuid="u1"),
             TranslationUnit("人居署\x00", "UN-Habitat\x1b")]
    result = write_xliff_counted(path, units, original="seed.txt")
    assert result.removed_chars == 2
    raw = path.read_text("utf-8")
    assert is_xml_text(raw)
    assert 'xmlns="urn:oasis:names:tc:xliff:document:1.2"' in raw
    assert 'source-language="zh-CN" target-language="en-US"' in raw
    store = ttk_xliff.xlifffile.parsefile(str(path))  # type: ignore[no-untyped-call]
    assert [(x.source, x.target) for x in store.units] == [
        ("联合国<环境>", "UN & environment"), ("人居署", "UN-Habitat")]


def test_hostile_and_wrong_input(tmp_path: Path) -> None:
    xxe = tmp_path / "x.xlf"
    xxe.write_text('<!DOCTYPE xliff [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                   '<xliff version="1.2"><file><body><trans-unit id="1"><source>&e;</source>'
                   "</trans-unit></body></file></xliff>", "utf-8")
    with pytest.raises(UnsafeInputError):
        read_xliff(xxe)
    tmx = tmp_path / "t.xlf"
    tmx.write_text("<tmx/>", "utf-8")
    with pytest.raises(FormatError, match="not an XLIFF"):
        read_xliff(tmx)
    with pytest.raises(OutputError):
        write_xliff(tmp_path / "missing" / "o.xlf", [TranslationUnit("a", "b")])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(source=st.text(max_size=30), target=st.text(max_size=30))
def test_output_never_contains_xml_illegal_characters(
    tmp_path: Path, source: str, target: str
) -> None:
    path = tmp_path / "any.xlf"
    result = write_xliff_counted(path, [TranslationUnit(source, target)])
    assert is_xml_text(path.read_bytes().decode("utf-8"))
    (back,) = read_xliff(path)
    assert len(source) + len(target) - len(back.source) - len(back.target) == result.removed_chars
