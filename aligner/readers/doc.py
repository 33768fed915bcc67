"""Word 97-2003 `.doc`: converted to `.docx` by LibreOffice, then read by `readers/docx.py`.

The conversion runs `soffice --headless --convert-to docx` in a temporary folder of its own:
- a private LibreOffice profile (`-env:UserInstallation=file:///tmp/untm-doc-…/profile`), so a
  user's open LibreOffice, its settings and its lock files are never touched, and two
  conversions (batch workers) never share one;
- the input is copied in under a plain name (a file name starting with "-" or holding spaces or
  non-ASCII characters cannot confuse the command line);
- a timeout (the whole process group is killed when it runs out);
- the folder and everything in it are removed afterwards, whatever happened; the .docx is only
  used when LibreOffice exited 0 and wrote it whole.

Without LibreOffice on the PATH the reader fails with one line naming the command that converts
the file by hand.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from untm.errors import FormatError, InputError

TIMEOUT_SECONDS = 180.0
_COMMANDS = ("soffice", "libreoffice")


class ConverterMissingError(InputError):
    """A file needs a converter (LibreOffice) that is not installed."""


def soffice_command() -> str | None:
    """LibreOffice's command on the PATH (`soffice`, else `libreoffice`)."""
    return next((found for cmd in _COMMANDS if (found := shutil.which(cmd))), None)


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=10)


def _last_line(data: bytes) -> str:
    lines = [ln.strip() for ln in data.decode("utf-8", "replace").splitlines() if ln.strip()]
    return lines[-1][:200] if lines else "no message"


@contextlib.contextmanager
def converted_to_docx(path: str | Path, *, timeout: float = TIMEOUT_SECONDS) -> Iterator[Path]:
    """The .docx LibreOffice makes of the Word 97-2003 file at `path`, valid inside the block."""
    source = Path(path)
    command = soffice_command()
    if command is None:
        raise ConverterMissingError(
            "a Word 97-2003 .doc needs LibreOffice to be read (soffice is not on the PATH); "
            f"convert it first: soffice --headless --convert-to docx {source.name}",
            path=source,
        )
    with tempfile.TemporaryDirectory(prefix="untm-doc-") as tmp:
        folder = Path(tmp)
        profile, out = folder / "profile", folder / "out"
        out.mkdir()
        copy = folder / "input.doc"
        try:
            shutil.copyfile(source, copy)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", path=source) from exc
        argv = [
            command,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(copy),
        ]
        env = {**os.environ, "HOME": str(folder)}  # nothing lands in the user's home either
        proc = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=folder,
            env=env,
            start_new_session=True,  # its own process group: a timeout kills soffice.bin too
        )
        try:
            stdout, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            raise FormatError(
                f"LibreOffice did not convert the file within {timeout:.0f} s", path=source
            ) from None
        except BaseException:
            _kill_group(proc)
            raise
        _kill_group(proc)  # a helper process it left behind
        result = out / "input.docx"
        if proc.returncode != 0 or not result.is_file() or result.stat().st_size == 0:
            raise FormatError(
                "LibreOffice could not convert the file to .docx "
                f"(exit {proc.returncode}: {_last_line(stderr or stdout)})",
                path=source,
            )
        yield result
