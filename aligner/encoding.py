"""Text encoding detection for plain-text inputs.

Order: a byte-order mark (UTF-8, UTF-16, UTF-32), then strict UTF-8, then strict GB18030 (which
covers GBK and GB2312) when the result looks like Chinese text, then charset-normalizer with a
strict plausibility check. Nothing is guessed silently: when no encoding decodes the bytes cleanly
an `EncodingDetectionError` names the file. Binary data (NUL bytes without a UTF-16/32 BOM, in
more than a handful of places) is an `InputError`.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

from untm.errors import EncodingDetectionError, InputError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# NUL bytes tolerated in a text file without a BOM (they become control-char furniture).
_MAX_STRAY_NULS = 8
_C0_CONTROLS = bytes(b for b in range(32) if b not in b"\t\n\r\f\v")


@dataclass(frozen=True)
class DecodedText:
    """Decoded text and the name of the encoding that decoded it."""

    text: str
    encoding: str


def _plausible(text: str) -> bool:
    """True when decoded text looks like real text: few controls, no private-use or unassigned."""
    if not text:
        return True
    bad = 0
    for ch in text:
        cat = unicodedata.category(ch)
        if cat in ("Co", "Cn", "Cs") or (cat == "Cc" and ch not in "\t\n\r\f\v"):
            bad += 1
    return bad <= max(2, len(text) // 1000)


def _cjk_share(text: str) -> float:
    """Share of non-ASCII characters that are CJK ideographs or CJK/full-width punctuation."""
    non_ascii = [ch for ch in text if ord(ch) > 0x7F]
    if not non_ascii:
        return 1.0
    good = sum(
        1
        for ch in non_ascii
        # deliberately the basic Han block only, not `aligner.language.is_han`: bytes of another
        # encoding misread as GB18030 land in extension A and the compatibility block, which real
        # Chinese text hardly uses
        if "\u4e00" <= ch <= "\u9fff"
        or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef"
        or "\u2010" <= ch <= "\u206f"
        or ch in "·×÷°±"
    )
    return good / len(non_ascii)


def _common_han_share(text: str) -> float:
    """Share of Han characters among the 3,755 most common ones (GB2312 level 1).

    Real Chinese text scores close to 1; other CJK encodings misread as GB18030 (Shift-JIS,
    Big5, EUC-KR) produce rare characters and score far lower.
    """
    # deliberately the basic block (GB2312 has no extension A characters), see `_cjk_share`
    han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not han:
        return 1.0
    common = 0
    for ch in han:
        try:
            code = ch.encode("gb2312")
        except UnicodeEncodeError:
            continue
        if 0xB0 <= code[0] <= 0xD7:
            common += 1
    return common / len(han)


def _utf16_without_bom(data: bytes, nuls: int) -> DecodedText | None:
    """UTF-16 text saved without a BOM: NULs (the high bytes of ASCII) all on one parity."""
    if nuls <= _MAX_STRAY_NULS or len(data) % 2:
        return None
    odd = data[1::2].count(b"\x00")
    even = nuls - odd
    if odd >= 0.8 * nuls:
        encoding = "utf-16-le"
    elif even >= 0.8 * nuls:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return DecodedText(text, encoding) if _plausible(text) and "\x00" not in text else None


def decode_bytes(data: bytes, *, name: str = "<input>") -> DecodedText:
    """Decode the bytes of a text file; raise a typed error when no encoding fits cleanly."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise EncodingDetectionError(
                    f"file starts with a {encoding} byte-order mark but does not decode as "
                    f"{encoding} (byte {exc.start + len(bom)})",
                    path=name,
                ) from exc
            return DecodedText(text, encoding)
    nuls = data.count(b"\x00")
    utf16 = _utf16_without_bom(data, nuls)
    if utf16 is not None:
        return utf16
    if nuls > _MAX_STRAY_NULS:
        raise InputError(
            f"looks like a binary file ({nuls} NUL bytes and no UTF-16 byte-order mark)", path=name
        )
    controls = len(data) - len(data.translate(None, _C0_CONTROLS))
    if controls > max(_MAX_STRAY_NULS, len(data) // 100):
        raise InputError(f"looks like a binary file ({controls} control bytes)", path=name)
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    if text and _plausible(text) and _cjk_share(text) >= 0.95 and _common_han_share(text) >= 0.8:
        return DecodedText(text, "gb18030")
    return _detect_other(data, name)


def _detect_other(data: bytes, name: str) -> DecodedText:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding and best.chaos <= 0.05:
        try:
            text = data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            text = None
        if text is not None and _plausible(text):
            return DecodedText(text, best.encoding)
    raise EncodingDetectionError(
        "cannot determine the text encoding: not UTF-8, UTF-16 with BOM or GB18030/GBK; "
        "convert the file to UTF-8",
        path=name,
    )
