"""Encoding detection on the real seed documents and on hostile bytes."""

from __future__ import annotations

import codecs

import pytest
from conftest import SEED_EN, SEED_ZH
from hypothesis import given, settings
from hypothesis import strategies as st

from untm.aligner.encoding import decode_bytes
from untm.errors import EncodingDetectionError, InputError

ZH_TEXT = SEED_ZH.read_text(encoding="utf-8")
EN_TEXT = SEED_EN.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ZH_TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ZH_TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + ZH_TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + EN_TEXT.encode("utf-16-be"), "utf-16-be"),
        (ZH_TEXT.encode("gbk"), "gb18030"),
        (ZH_TEXT.encode("gb18030"), "gb18030"),
    ],
)
def test_seed_decodes_in_every_supported_encoding(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data, name="seed")
    assert decoded.encoding == encoding
    assert decoded.text in (ZH_TEXT, EN_TEXT)


def test_binary_file_is_an_input_error() -> None:
    data = bytes(range(256)) * 20
    with pytest.raises(InputError, match="binary"):
        decode_bytes(data, name="blob.bin")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_by_its_nul_bytes(encoding: str) -> None:
    decoded = decode_bytes(EN_TEXT.encode(encoding), name="nobom.txt")
    assert (decoded.text, decoded.encoding) == (EN_TEXT, encoding)
    zh = decode_bytes(ZH_TEXT.encode(encoding), name="nobom.txt")  # NULs only in ASCII parts
    assert zh.text == ZH_TEXT


def test_undecodable_text_names_the_file() -> None:
    # Shift-JIS Japanese: neither UTF-8 nor plausible GB18030 Chinese
    data = ("日本語のテキストです。カタカナとひらがな。" * 20).encode("shift_jis")
    try:
        decoded = decode_bytes(data, name="ja.txt")
    except EncodingDetectionError as exc:
        assert "ja.txt" in str(exc)
    else:  # charset-normalizer may identify it; then it must be the right text
        assert "カタカナ" in decoded.text


def test_bad_bytes_after_bom_fail_clearly() -> None:
    with pytest.raises(EncodingDetectionError, match="byte-order mark"):
        decode_bytes(codecs.BOM_UTF8 + b"abc\xff\xfe\xfd", name="bad.txt")


def test_a_few_stray_nuls_are_text_not_binary() -> None:
    decoded = decode_bytes(b"abc\x00def", name="nul.txt")
    assert decoded.text == "abc\x00def"


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=200).filter(lambda t: "\x00" not in t))
def test_utf8_and_utf16_bom_round_trip(text: str) -> None:
    assert decode_bytes(text.encode("utf-8"), name="x").text == text
    assert decode_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"), name="x").text == text


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_never_crash(data: bytes) -> None:
    try:
        decoded = decode_bytes(data, name="random")
    except InputError:
        return
    assert isinstance(decoded.text, str)
