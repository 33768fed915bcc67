"""Read and write `.align` files: one link per line, `[zh indices]:[en indices]`, zh first.

Example lines: `[7,8]:[7]`, `[5]:[]` (zh sentence with no en), `[]:[3]` (en with no zh).
Indices are 0-based. Blank lines are ignored; anything else malformed is a FormatError naming
the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from untm.aligner.model import Link
from untm.errors import FormatError, InputError
from untm.fileio import read_bytes_checked, write_text_atomic

_LINE = re.compile(r"^\[([0-9,\s]*)\]\s*:\s*\[([0-9,\s]*)\]$")


def _parse_side(text: str, path: str, line: int) -> tuple[int, ...]:
    text = text.strip()
    if not text:
        return ()
    parts = [p.strip() for p in text.split(",")]
    if any(not p.isdigit() for p in parts):
        raise FormatError(f"bad index list [{text}] in .align line", path=path, line=line)
    return tuple(int(p) for p in parts)


def parse_align_line(text: str, *, path: str = "<string>", line: int = 0) -> Link:
    """Parse one `[i,j]:[k]` line into a Link (score 1.0)."""
    match = _LINE.match(text.strip())
    if match is None:
        raise FormatError(
            f"not an .align link (expected like [0,1]:[2]): {text.strip()[:60]!r}",
            path=path,
            line=line,
        )
    src = _parse_side(match.group(1), path, line)
    tgt = _parse_side(match.group(2), path, line)
    if not src and not tgt:
        raise FormatError("empty link []:[]", path=path, line=line)
    return Link(src, tgt)


def parse_align(text: str, *, path: str = "<string>") -> list[Link]:
    """Parse the text of a whole `.align` file."""
    links: list[Link] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw.strip():
            links.append(parse_align_line(raw, path=path, line=number))
    return links


def read_align(path: str | Path) -> list[Link]:
    """Read an `.align` file (UTF-8) into links, in file order."""
    data = read_bytes_checked(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text: {exc.reason}", path=path) from None
    return parse_align(text, path=str(path))


def format_link(link: Link) -> str:
    """Render one link as `[i,j]:[k]`."""
    src = ",".join(str(i) for i in link.src)
    tgt = ",".join(str(i) for i in link.tgt)
    return f"[{src}]:[{tgt}]"


def format_align(links: Iterable[Link]) -> str:
    """Render links as the text of an `.align` file (one per line, trailing newline)."""
    return "".join(format_link(link) + "\n" for link in links)


def write_align(path: str | Path, links: Iterable[Link]) -> None:
    """Write links to an `.align` file atomically."""
    write_text_atomic(path, format_align(links))
