"""Atomic output: write to a temporary file in the target folder, then rename.

Nothing untm writes is ever left half-written: if anything fails before the rename, the
temporary file is removed and the target is untouched.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from untm.errors import InputError, OutputError

MAX_INPUT_BYTES = 200 * 1024 * 1024


def check_output_path(path: str | Path, *, inputs: Sequence[str | Path] = ()) -> None:
    """Fail early (before slow work) if `path` cannot be written, or would overwrite an input."""
    target = Path(path)
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.exists():
        raise OutputError(f"output folder does not exist ({parent})", path=target)
    if not parent.is_dir():
        raise OutputError(f"output folder is not a folder ({parent})", path=target)
    if target.is_dir():
        raise OutputError("output path is a folder", path=target)
    for other in inputs:
        if target.resolve() == Path(other).resolve():
            raise OutputError(
                f"output would overwrite an input ({other}); choose another output", path=target
            )


def _new_file_mode() -> int:
    """The mode a plain `open(path, "w")` would give: 0o666 minus the umask (mkstemp uses 0o600)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


@contextlib.contextmanager
def atomic_open(path: str | Path, mode: str = "w", encoding: str = "utf-8") -> Iterator[IO[str]]:
    """Open a temporary file beside `path` for writing; rename it over `path` on success."""
    target = Path(path)
    check_output_path(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=target) from exc
    try:
        os.chmod(tmp, _new_file_mode())
        if "b" in mode:
            with os.fdopen(fd, mode) as fh:
                yield fh
        else:
            with os.fdopen(fd, mode, encoding=encoding, newline="") as fh:
                yield fh
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=target) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write `text` as UTF-8 to `path` atomically."""
    with atomic_open(path, "w") as fh:
        fh.write(text)


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    """Write `data` to `path` atomically."""
    with atomic_open(path, "wb") as fh:
        fh.write(data)  # type: ignore[arg-type]


def read_bytes_checked(path: str | Path, *, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """Read a whole input file, with clear errors for missing, unreadable and oversize files.

    Only regular files are read: a device (/dev/zero), a named pipe or a socket would block or
    never end, so they are refused; at most `max_bytes` are ever read, whatever stat said.
    """
    p = Path(path)
    if not p.exists():
        raise InputError("file not found", path=p)
    if p.is_dir():
        raise InputError("is a folder, not a file", path=p)
    try:
        info = p.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError("not a regular file (a device, pipe or socket)", path=p)
        if info.st_size > max_bytes:
            raise InputError(f"file is too large ({info.st_size} bytes; limit {max_bytes})", path=p)
        with p.open("rb") as fh:
            # sized by stat (read(n) sets aside n bytes at once); a file that grew since: the rest
            data = fh.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += fh.read(max_bytes + 1 - len(data))
    except PermissionError as exc:
        raise InputError("permission denied", path=p) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=p) from exc
    if len(data) > max_bytes:
        raise InputError(f"file is too large (more than {max_bytes} bytes)", path=p)
    return data
