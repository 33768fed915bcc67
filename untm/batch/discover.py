"""Finding the document pairs of a batch: `NAME.zh.EXT` + `NAME.en.EXT` files, or a manifest.

Nothing is silently ignored: a file named like a pair member whose partner is missing, whose type
is not supported, or whose name is taken twice becomes a `PairProblem` (a failed document in the
summary); any other file of the folder is listed in `Discovery.ignored`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from untm.errors import FormatError, InputError, UsageError
from untm.fileio import read_bytes_checked

SUPPORTED_EXTS = frozenset(
    {"txt", "docx", "doc", "odt", "fodt", "rtf", "html", "htm", "xhtml", "pdf"}
)
_MEMBER = re.compile(r"^(?P<name>.+)\.(?P<lang>zh|en)\.(?P<ext>[A-Za-z0-9]+)$", re.IGNORECASE)
_BAD_NAME = re.compile(r"[/\\\x00-\x1f]")


@dataclass(frozen=True)
class PairSource:
    """One document pair to align."""

    name: str
    zh: Path
    en: Path


@dataclass(frozen=True)
class PairProblem:
    """A would-be pair that cannot be aligned (reported as a failed document)."""

    name: str
    error: str
    zh: Path | None = None
    en: Path | None = None


@dataclass(frozen=True)
class Discovery:
    """The pairs of a batch, the broken would-be pairs and the files that are not pair members."""

    pairs: tuple[PairSource, ...]
    problems: tuple[PairProblem, ...] = ()
    ignored: tuple[str, ...] = ()


def check_name(name: str, *, path: Path | None = None, line: int | None = None) -> str:
    """A pair name must be usable as an output file name."""
    if not name or name in (".", "..") or _BAD_NAME.search(name):
        raise FormatError(f"pair name {name!r} cannot be used as a file name", path=path, line=line)
    return name


def _name_problem(name: str) -> str | None:
    try:
        check_name(name)
    except FormatError as exc:
        return exc.message
    return None


def discover_pairs(folder: str | Path) -> Discovery:
    """The pairs in `folder` (not recursive), sorted by name."""
    root = Path(folder)
    if not root.exists():
        raise InputError("input folder not found", path=root)
    if not root.is_dir():
        raise InputError("input is not a folder", path=root)
    members: dict[str, dict[str, list[Path]]] = {}
    ignored: list[str] = []
    for path in sorted(root.iterdir()):
        match = _MEMBER.match(path.name)
        if not path.is_file() or match is None:
            ignored.append(path.name)
            continue
        sides = members.setdefault(match["name"], {"zh": [], "en": []})
        sides[match["lang"].lower()].append(path)
    pairs: list[PairSource] = []
    problems: list[PairProblem] = []
    for name in sorted(members):
        zh, en = members[name]["zh"], members[name]["en"]
        first_zh, first_en = (zh[0] if zh else None), (en[0] if en else None)
        unsupported = [
            p.name for p in zh + en if p.suffix.lstrip(".").lower() not in SUPPORTED_EXTS
        ]
        if (bad_name := _name_problem(name)) is not None:
            error = bad_name
        elif unsupported:
            error = (
                f"unsupported file type: {', '.join(unsupported)} "
                f"(supported: {', '.join(sorted(SUPPORTED_EXTS))})"
            )
        elif len(zh) > 1 or len(en) > 1:
            error = "more than one file per language: " + ", ".join(p.name for p in zh + en)
        elif not en:
            error = f"unpaired: {zh[0].name} has no {name}.en.* partner"
        elif not zh:
            error = f"unpaired: {en[0].name} has no {name}.zh.* partner"
        else:
            pairs.append(PairSource(name, zh[0], en[0]))
            continue
        problems.append(PairProblem(name, error, first_zh, first_en))
    if not pairs and not problems:
        raise InputError(
            "no document pairs found (expected NAME.zh.EXT and NAME.en.EXT; "
            f"EXT: {', '.join(sorted(SUPPORTED_EXTS))})",
            path=root,
        )
    return Discovery(tuple(pairs), tuple(problems), tuple(ignored))


def read_manifest(path: str | Path) -> Discovery:
    """Pairs from a manifest TSV: `name<TAB>zh path<TAB>en path` per row.

    Blank lines and `#` comments are skipped, as is a header row `name zh en`. Relative paths
    are relative to the manifest's folder. Missing files fail their pair at alignment time.
    """
    manifest = Path(path)
    data = read_bytes_checked(manifest)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError("manifest is not UTF-8", path=manifest) from exc
    base = manifest.parent
    pairs: list[PairSource] = []
    seen: set[str] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        fields = [f.strip() for f in raw.split("\t")]
        if len(fields) != 3 or not all(fields):
            raise FormatError(
                f"expected 3 tab-separated fields (name, zh path, en path), got {len(fields)}",
                path=manifest,
                line=number,
            )
        if not pairs and [f.lower() for f in fields] == ["name", "zh", "en"]:
            continue
        name = check_name(fields[0], path=manifest, line=number)
        if name in seen:
            raise FormatError(f"pair name {name!r} appears twice", path=manifest, line=number)
        seen.add(name)
        pairs.append(PairSource(name, base / fields[1], base / fields[2]))
    if not pairs:
        raise InputError("manifest lists no pairs", path=manifest)
    return Discovery(tuple(pairs))


def find_pairs(folder: str | Path | None, manifest: str | Path | None) -> Discovery:
    """The pairs of a folder or of a manifest: exactly one of them (UsageError otherwise)."""
    if (folder is None) == (manifest is None):
        raise UsageError("give either IN_DIR or --manifest (exactly one)")
    return read_manifest(manifest) if manifest is not None else discover_pairs(folder or ".")
