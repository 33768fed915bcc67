"""Zip packages (`.docx`, `.odt`) opened with bounds: zip bombs are refused before anything is
decompressed in full.

Refused (`UnsafeInputError`): too many members, a total or member size past its limit, an absurd
compression ratio, a member that inflates past its limit while being read. A damaged archive or
member is a `FormatError`. `kind` ("docx", "odt") only names the format in messages.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from untm.errors import FormatError, UnsafeInputError
from untm.fileio import read_bytes_checked

MAX_MEMBERS = 2000
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_RATIO = 150.0


def read_member(zf: zipfile.ZipFile, name: str, path: str, kind: str) -> bytes | None:
    """The bytes of member `name`, or None when the package has no such member."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_MEMBER_BYTES:
        raise UnsafeInputError(
            f"{kind} member {name} would inflate to {info.file_size} bytes (limit "
            f"{MAX_MEMBER_BYTES}); refused as a possible zip bomb",
            path=path,
        )
    ratio = info.file_size / max(info.compress_size, 1)
    if ratio > MAX_RATIO and info.file_size > 1024 * 1024:
        raise UnsafeInputError(
            f"{kind} member {name} has compression ratio {ratio:.0f}:1; refused as a possible "
            "zip bomb",
            path=path,
        )
    try:
        with zf.open(info) as fh:
            data = fh.read(MAX_MEMBER_BYTES + 1)
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        NotImplementedError,
        RuntimeError,
        ValueError,
        OSError,
    ) as exc:
        # a corrupt or lying member (bad CRC, wrong declared size, unknown compression, encrypted)
        raise FormatError(f"{kind} member {name} is corrupt: {exc}", path=path) from exc
    if len(data) > MAX_MEMBER_BYTES:
        raise UnsafeInputError(f"{kind} member {name} inflates past its limit", path=path)
    return data


def open_zip(path: str, kind: str) -> zipfile.ZipFile:
    """The package at `path` as a zip archive whose member count and total size are bounded."""
    data = read_bytes_checked(path)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise FormatError(f"not a valid .{kind} file (not a zip archive)", path=path) from exc
    except (NotImplementedError, ValueError, OSError, EOFError) as exc:  # damaged zip headers
        raise FormatError(f"not a valid .{kind} file (damaged zip: {exc})", path=path) from exc
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise UnsafeInputError(f"{kind} has {len(infos)} zip members; refused", path=path)
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_BYTES:
        raise UnsafeInputError(
            f"{kind} would inflate to {total} bytes (limit {MAX_TOTAL_BYTES}); refused as a "
            "possible zip bomb",
            path=path,
        )
    return zf
