"""TSV and CSV exchange for glossaries.

Two layouts:

- the *full* layout (our data file, CSV export): a header row
  `id, domain, zh, zh_variants, en, en_variants, note`, variants separated by `|`;
- the *OmegaT* layout (TSV export, and any 2–3 column file): `source<TAB>target<TAB>comment`, one
  pair per line, no header. OmegaT reads this as a glossary. Our export writes every Chinese form
  with the preferred English, then the preferred Chinese with every other English form; the comment
  starts with `[concept-id]` so that importing the file regroups the rows into concepts.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from untm.errors import FormatError, GlossaryError
from untm.fileio import atomic_open, read_bytes_checked
from untm.glossary.matching import is_abbrev
from untm.glossary.term import Concept, Term

MAX_TERM = 5_000  # characters of one term
FULL_COLUMNS = ("id", "domain", "zh", "zh_variants", "en", "en_variants", "note")
_HEADER_WORDS = frozenset(
    {
        "source",
        "target",
        "comment",
        "comments",
        "note",
        "notes",
        "zh",
        "en",
        "chinese",
        "english",
        "term",
        "translation",
        "src",
        "tgt",
        "zh-cn",
        "en-us",
        "zh_cn",
        "en_us",
        "domain",
    }
)
_ID_COMMENT = re.compile(r"^\[([^\]\s]+)\]\s*(.*)$")


def en_kind(text: str) -> str:
    """'abbrev' for one token with two or more capitals (UNEP, UN-Habitat), else 'variant'."""
    return "abbrev" if is_abbrev(text) else "variant"


def zh_kind(text: str, full: str) -> str:
    """'short' for a Chinese form shorter than the full name, else 'variant'."""
    return "short" if len(text) < len(full) else "variant"


def make_concept(
    concept_id: str,
    zh: Sequence[str],
    en: Sequence[str],
    *,
    domain: str = "",
    note: str = "",
    origin: str = "user",
) -> Concept:
    """Build a concept from ordered surface lists (first = full/preferred); kinds are inferred.

    Whitespace runs become one space; a term with a control character or `|` (the variant
    separator of the full layout) raises `GlossaryError`; the id goes through `clean_id`.
    """
    terms: list[Term] = []
    seen: set[tuple[str, str]] = set()
    for lang, texts in (("zh", zh), ("en", en)):
        clean = [clean_term(t) for t in texts if t.strip()]
        for i, text in enumerate(clean):
            if (lang, text) in seen:
                continue
            seen.add((lang, text))
            if i == 0:
                kind = "full"
            elif lang == "zh":
                kind = zh_kind(text, clean[0])
            else:
                kind = en_kind(text)
            terms.append(Term(text, lang, kind))
    return Concept(
        clean_id(concept_id),
        tuple(terms),
        domain=clean_text(domain, bar=True),
        note=clean_text(note, bar=True),
        origin=origin,
    )


def clean_term(text: str) -> str:
    """A term as it is stored: `clean_text`'s rules, and at most `MAX_TERM` characters. The
    longest built-in term has 185, but a user may take a whole sentence into the glossary (the
    review editor's term key): the seed's longest has 1,259 characters, MAC's 560. Every way into
    the user glossary goes through it: `untm glossary add`, the editor's term key, imports."""
    text = clean_text(text)
    if len(text) > MAX_TERM:
        raise GlossaryError(
            f"glossary term {text[:40]!r}... is too long ({len(text):,} characters; limit "
            f"{MAX_TERM:,})"
        )
    return text


def clean_text(text: str, *, bar: bool = False) -> str:
    """Collapse whitespace; refuse control characters (and `|` unless `bar`)."""
    text = " ".join(text.split())
    bad = [
        ch
        for ch in text
        if unicodedata.category(ch) in ("Cc", "Cs", "Cn") or (ch == "|" and not bar)
    ]
    if bad:
        raise GlossaryError(
            f"glossary text {text[:40]!r} contains a forbidden character (U+{ord(bad[0]):04X})"
        )
    return text


def clean_id(concept_id: str) -> str:
    """A concept id fit for every export: whitespace runs inside become `_`, outer ones go.

    An empty id, one with a control character or `]` (which ends the `[id]` of an OmegaT
    comment, so the row would not regroup on import), or one starting with `#` (the first cell of
    a CSV row, read back as a comment line) raises `GlossaryError`.
    """
    cleaned = "_".join(concept_id.split())
    bad = [ch for ch in cleaned if unicodedata.category(ch) in ("Cc", "Cs", "Cn") or ch == "]"]
    if not cleaned or bad or cleaned.startswith("#"):
        if bad:
            problem = f"contains a forbidden character (U+{ord(bad[0]):04X})"
        else:
            problem = "starts with '#'" if cleaned else "is empty"
        raise GlossaryError(f"concept id {concept_id[:40]!r} {problem}")
    return cleaned


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _decode(data: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        return text
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise FormatError("not UTF-8, UTF-16 or GB18030 text", path=path) from exc


def parse_table(text: str, *, delimiter: str, name: str, origin: str = "user") -> list[Concept]:
    """Parse glossary rows from `text` (either layout; see module docstring)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as exc:  # e.g. a stray carriage return or NUL inside a field
        raise FormatError(
            f"not a {delimiter!r}-separated table: {exc}", path=name, line=reader.line_num
        ) from exc
    rows = [r for r in rows if any(cell.strip() for cell in r) and not r[0].startswith("#")]
    if not rows:
        raise FormatError("no glossary rows", path=name)
    header = [cell.strip().lower() for cell in rows[0]]
    if header[: len(FULL_COLUMNS)] == list(FULL_COLUMNS):
        return _parse_full(rows[1:], name, origin)
    if all(cell in _HEADER_WORDS for cell in header if cell):
        rows = rows[1:]
        if not rows:
            raise FormatError("header row but no glossary rows", path=name)
        return _parse_pairs(rows, name, origin, first_line=2)
    return _parse_pairs(rows, name, origin)


def _checked_id(concept_id: str, name: str, line: int) -> str:
    try:
        return clean_id(concept_id)
    except GlossaryError as exc:
        raise FormatError(exc.message, path=name, line=line) from exc


def _parse_full(rows: list[list[str]], name: str, origin: str) -> list[Concept]:
    concepts: list[Concept] = []
    ids: set[str] = set()
    for lineno, row in enumerate(rows, start=2):
        if len(row) < 5:
            raise FormatError(
                f"expected {len(FULL_COLUMNS)} columns, got {len(row)}", path=name, line=lineno
            )
        cells = [*row, *[""] * (len(FULL_COLUMNS) - len(row))]
        cid, domain, zh, zh_var, en, en_var, note = (c.strip() for c in cells[:7])
        if not cid:
            raise FormatError("empty concept id", path=name, line=lineno)
        cid = _checked_id(cid, name, lineno)
        if cid in ids:
            raise FormatError(f"duplicate concept id {cid!r}", path=name, line=lineno)
        if not zh and not en:
            raise FormatError(
                "row has neither a Chinese nor an English term", path=name, line=lineno
            )
        ids.add(cid)
        concepts.append(
            make_concept(
                cid,
                [zh, *_split(zh_var)],
                [en, *_split(en_var)],
                domain=domain,
                note=note,
                origin=origin,
            )
        )
    return concepts


def _parse_pairs(
    rows: list[list[str]], name: str, origin: str, first_line: int = 1
) -> list[Concept]:
    from untm.glossary.ids import concept_id_for

    groups: dict[str, tuple[list[str], list[str], list[str]]] = {}
    for lineno, row in enumerate(rows, start=first_line):
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise FormatError("expected source<TAB>target[<TAB>comment]", path=name, line=lineno)
        source, target = row[0].strip(), row[1].strip()
        comment = row[2].strip() if len(row) > 2 else ""
        match = _ID_COMMENT.match(comment)
        if match:
            cid, comment = _checked_id(match.group(1), name, lineno), match.group(2)
        else:
            cid = concept_id_for(source, target)
        zh, en, notes = groups.setdefault(cid, ([], [], []))
        zh.append(source)
        en.append(target)
        if comment and comment not in notes:
            notes.append(comment)
    return [
        make_concept(cid, zh, en, note="; ".join(notes), origin=origin)
        for cid, (zh, en, notes) in groups.items()
    ]


def read_table(path: str | Path, *, origin: str = "user") -> list[Concept]:
    """Read a .tsv/.txt/.utf8 (tab) or .csv (comma) glossary file."""
    p = Path(path)
    text = _decode(read_bytes_checked(p), p)
    delimiter = "," if p.suffix.lower() == ".csv" else "\t"
    return parse_table(text, delimiter=delimiter, name=str(p), origin=origin)


def _rows_full(concepts: Iterable[Concept]) -> list[list[str]]:
    rows = [list(FULL_COLUMNS)]
    for c in concepts:
        zh, en = c.zh, c.en
        rows.append(
            [
                c.id,
                c.domain,
                zh[0] if zh else "",
                "|".join(zh[1:]),
                en[0] if en else "",
                "|".join(en[1:]),
                c.note,
            ]
        )
    return rows


def _rows_omegat(concepts: Iterable[Concept]) -> list[list[str]]:
    rows: list[list[str]] = []
    for c in concepts:
        if not c.is_bilingual:
            continue
        parts = [p for p in (c.domain, c.note) if p]
        comment = f"[{c.id}] " + " · ".join(parts) if parts else f"[{c.id}]"
        en0 = c.en[0]
        for zh in c.zh:
            rows.append([zh, en0, comment])
        for en in c.en[1:]:
            rows.append([c.zh[0], en, comment])
    return rows


def write_table(path: str | Path, concepts: Iterable[Concept]) -> int:
    """Write concepts atomically: .csv in the full layout, anything else as OmegaT TSV.

    Returns the number of concepts written.
    """
    p = Path(path)
    items = list(concepts)
    if p.suffix.lower() == ".csv":
        rows = _rows_full(items)
        written = len(items)
        delimiter = ","
    else:
        rows = _rows_omegat(items)
        written = sum(1 for c in items if c.is_bilingual)
        delimiter = "\t"
    with atomic_open(p, "w") as fh:
        writer = csv.writer(fh, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        for row in rows:
            writer.writerow([cell.replace("\t", " ").replace("\n", " ") for cell in row])
    return written
