"""Tab-separated export of translation units: one `source<TAB>target` line per unit.

TSV cannot hold a tab or a line break inside a field, so those are escaped the way most CAT
tools' TSV importers and spreadsheet-free pipelines expect: backslash → `\\\\`, tab → `\\t`,
LF → `\\n`, CR → `\\r`. `read_tsv` undoes exactly that, so write then read is the identity on
(source, target). No header line; UTF-8; LF line ends; written atomically.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from untm.errors import FormatError, InputError
from untm.fileio import atomic_open, read_bytes_checked
from untm.tmx.unit import TranslationUnit

_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


def escape_field(text: str) -> str:
    """Escape backslash, tab, LF and CR so `text` fits in one TSV field."""
    return "".join(_ESCAPES.get(ch, ch) for ch in text)


def unescape_field(field: str, *, path: Path | None = None, line: int | None = None) -> str:
    """Undo `escape_field`; a dangling or unknown escape is a FormatError."""
    out: list[str] = []
    chars = iter(field)
    for ch in chars:
        if ch != "\\":
            out.append(ch)
            continue
        nxt = next(chars, "")
        if nxt not in _UNESCAPES:
            raise FormatError(f"bad escape '\\{nxt}' in TSV field", path=path, line=line)
        out.append(_UNESCAPES[nxt])
    return "".join(out)


def write_tsv(path: str | Path, units: Iterable[TranslationUnit]) -> int:
    """Write `source<TAB>target` lines to `path` atomically; return the number of units."""
    count = 0
    with atomic_open(path, "w") as fh:
        for unit in units:
            fh.write(f"{escape_field(unit.source)}\t{escape_field(unit.target)}\n")
            count += 1
    return count


def read_tsv(
    path: str | Path, *, src_lang: str = "zh-CN", tgt_lang: str = "en-US"
) -> list[TranslationUnit]:
    """Read a file written by `write_tsv` (two escaped fields per line)."""
    p = Path(path)
    data = read_bytes_checked(p)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"TSV is not UTF-8 (byte {exc.start})", path=p) from exc
    units: list[TranslationUnit] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line:
            continue
        fields = line.split("\t")
        if len(fields) != 2:
            raise FormatError(f"expected 2 tab-separated fields, found {len(fields)}", path=p,
                              line=number)
        source, target = (unescape_field(f, path=p, line=number) for f in fields)
        units.append(TranslationUnit(source, target, src_lang=src_lang, tgt_lang=tgt_lang))
    return units
