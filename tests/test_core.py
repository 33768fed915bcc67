"""The shared core: atomic writes and the safe XML parser."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from untm.errors import FormatError, InputError, OutputError, UnsafeInputError
from untm.fileio import atomic_open, check_output_path, read_bytes_checked, write_text_atomic
from untm.xmlsafe import parse_bytes, parse_file

BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(9)
    )
    + b"]><l>&j;</l>"
)


def test_atomic_write_replaces_only_on_success(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    write_text_atomic(out, "first")
    with pytest.raises(RuntimeError), atomic_open(out) as fh:
        fh.write("partial")
        raise RuntimeError("boom")
    assert out.read_text() == "first"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_atomic_write_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        write_text_atomic(tmp_path / "nope" / "out.txt", "x")


def test_read_missing_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        read_bytes_checked(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="folder"):
        read_bytes_checked(tmp_path)


def test_read_sets_aside_what_the_file_holds(tmp_path: Path) -> None:
    """A small input costs its size, not the 200 MB input limit (read(n) sets n aside), and a
    regular file whose size stat cannot tell (/proc) is still read whole."""
    small = tmp_path / "small.txt"
    small.write_bytes(b"x" * 1000)
    tracemalloc.start()
    try:
        assert read_bytes_checked(small) == b"x" * 1000
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000
    proc = Path("/proc/self/status")
    if proc.exists() and proc.stat().st_size == 0:
        assert b"Name:" in read_bytes_checked(proc)


def test_external_entity_never_resolved(tmp_path: Path) -> None:
    xxe = tmp_path / "xxe.xml"
    xxe.write_bytes(
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'
    )
    with pytest.raises(UnsafeInputError):
        parse_file(xxe)


def test_billion_laughs_refused_fast() -> None:
    start = time.monotonic()
    with pytest.raises(UnsafeInputError):
        parse_bytes(BILLION_LAUGHS)
    assert time.monotonic() - start < 5


def test_malformed_xml_has_line_number() -> None:
    with pytest.raises(FormatError) as info:
        parse_bytes(b"<a>\n<b>\n</a>", name="bad.xml")
    assert info.value.line == 3
    assert str(info.value).startswith("bad.xml:3: malformed XML")


def test_doctype_without_entities_is_fine() -> None:
    tree = parse_bytes(b'<!DOCTYPE tmx SYSTEM "tmx14.dtd"><tmx version="1.4"/>')
    assert tree.getroot().tag == "tmx"


def test_check_output_path_refuses_overwriting_an_input(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text("keep me")
    with pytest.raises(OutputError, match="would overwrite"):
        check_output_path(tmp_path / "." / "in.txt", inputs=[src])
    with pytest.raises(OutputError, match="is a folder"):
        check_output_path(tmp_path)
    check_output_path(tmp_path / "new.txt", inputs=[src])  # fine
    assert src.read_text() == "keep me"
