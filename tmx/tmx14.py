"""TMX 1.4b reader and writer (lxml; streaming both ways).

Writing (`write_tmx`): one `<tu>` per unit, `<prop type="x-...">` and `<note>` before the `<tuv>`s,
`<tuv xml:lang=...><seg>` for source then target, `<!DOCTYPE tmx SYSTEM "tmx14.dtd">`. lxml does
the escaping (`<>&` in text, quotes and newlines in attributes, CR as `&#13;` so it survives
parsing). Characters XML 1.0 cannot carry are removed and counted (`write_tmx_counted`). The file
is written to a temporary file beside the target and renamed, so it is never left half-written.

Reading (`read_tmx`, streaming `iter_tmx`): through `untm.xmlsafe` (no entity resolution, no
network, entity declarations refused). The source `<tuv>` is the one in the unit's `srclang`
(else the header's; `*all*` or no match means the first `<tuv>`; `src_lang` overrides); the
target is the first other `<tuv>` (or the one in `tgt_lang` when given). A requested
`src_lang`/`tgt_lang` that a unit lacks gives that side as empty (never another language).
`<tuv>`s in further languages (multilingual UN TMs) are left out of the unit and counted
(`TranslationMemory.other_language_tuvs`). A side that is missing reads as an empty string
(`tmx.validate` reports it). `lang` (TMX 1.1) is accepted for `xml:lang`. Inline markup in `<seg>`:
`<bpt> <ept> <ph> <it> <ut>` hold native codes (e.g. RTF or HTML tags), not text, so their content
is dropped and the text around them kept; `<hi>` content is kept. Write then read gives back the
same units (property-tested).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from untm.errors import FormatError, OutputError
from untm.fileio import atomic_open
from untm.tmx.header import TmxHeader, tmx_timestamp
from untm.tmx.unit import TranslationMemory, TranslationUnit
from untm.tmx.xmlchars import clean_xml_text
from untm.xmlsafe import iterparse_file

__all__ = [
    "TmxHeader",
    "TmxWriteResult",
    "TranslationMemory",
    "iter_tmx",
    "read_tmx",
    "write_tmx",
    "write_tmx_counted",
]

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
CODE_TAGS = frozenset({"bpt", "ept", "ph", "it", "ut"})


@dataclass(frozen=True)
class TmxWriteResult:
    """What `write_tmx_counted` wrote: units, and XML-illegal characters removed on the way."""

    units: int
    removed_chars: int


class _Cleaner:
    """Removes XML-illegal characters and keeps count."""

    def __init__(self) -> None:
        self.removed = 0

    def __call__(self, text: str) -> str:
        cleaned, count = clean_xml_text(text)
        self.removed += count
        return cleaned


def _header_element(header: TmxHeader, clean: _Cleaner) -> Any:
    elem = etree.Element("header")
    elem.set("creationtool", clean(header.creationtool))
    elem.set("creationtoolversion", clean(header.creationtoolversion))
    elem.set("segtype", clean(header.segtype))
    elem.set("o-tmf", clean(header.o_tmf))
    elem.set("adminlang", clean(header.adminlang))
    elem.set("srclang", clean(header.srclang))
    elem.set("datatype", clean(header.datatype))
    elem.set("creationdate", clean(header.creationdate or tmx_timestamp()))
    _add_props_notes(elem, header.props, header.notes, clean)
    return elem


def _add_props_notes(
    parent: Any, props: tuple[tuple[str, str], ...], notes: tuple[str, ...], clean: _Cleaner
) -> None:
    for key, value in props:
        prop = etree.SubElement(parent, "prop")
        prop.set("type", clean(key))
        prop.text = clean(value)
    for note_text in notes:
        note = etree.SubElement(parent, "note")
        note.text = clean(note_text)


def _tu_element(unit: TranslationUnit, header: TmxHeader, clean: _Cleaner, path: Path) -> Any:
    if not unit.src_lang.strip() or not unit.tgt_lang.strip():
        raise OutputError(f"unit {unit.tuid or unit.source[:30]!r} has no language code", path=path)
    tu = etree.Element("tu")
    if unit.tuid is not None:
        tu.set("tuid", clean(unit.tuid))
    if unit.src_lang.lower() != header.srclang.lower():
        tu.set("srclang", clean(unit.src_lang))
    if unit.creationdate is not None:
        tu.set("creationdate", clean(unit.creationdate))
    _add_props_notes(tu, unit.props, unit.notes, clean)
    for lang, text in ((unit.src_lang, unit.source), (unit.tgt_lang, unit.target)):
        tuv = etree.SubElement(tu, "tuv")
        tuv.set(XML_LANG, clean(lang))
        seg = etree.SubElement(tuv, "seg")
        seg.text = clean(text)
    return tu


def write_tmx_counted(
    path: str | Path, units: Iterable[TranslationUnit], header: TmxHeader | None = None
) -> TmxWriteResult:
    """Write `units` as TMX 1.4b to `path` (atomically); report units and removed characters."""
    target = Path(path)
    head = header or TmxHeader()
    clean = _Cleaner()
    count = 0
    with atomic_open(target, "wb") as fh, etree.xmlfile(fh, encoding="UTF-8") as xf:
        xf.write_declaration()
        xf.write_doctype(DOCTYPE)
        with xf.element("tmx", version="1.4"):
            xf.write("\n  ")
            xf.write(_header_element(head, clean), pretty_print=False)
            xf.write("\n  ")
            with xf.element("body"):
                xf.write("\n")
                for unit in units:
                    xf.write(_tu_element(unit, head, clean, target), pretty_print=True)
                    count += 1
                xf.write("  ")
            xf.write("\n")
    return TmxWriteResult(units=count, removed_chars=clean.removed)


def write_tmx(
    path: str | Path, units: Iterable[TranslationUnit], header: TmxHeader | None = None
) -> int:
    """Write `units` as TMX 1.4b to `path` (atomically) and return the number of units."""
    return write_tmx_counted(path, units, header).units


# ---------------------------------------------------------------- reading


def _lang_of(elem: Any) -> str | None:
    lang: str | None = elem.get(XML_LANG)
    if lang is None:
        lang = elem.get("lang")
    return lang


def seg_text(seg: Any) -> str:
    """The text of a `<seg>`: its text and `<hi>`/`<sub>` text, without native codes."""
    parts: list[str] = [seg.text or ""]
    for child in seg:
        if isinstance(child.tag, str) and child.tag not in CODE_TAGS:
            parts.append(seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _props_notes(elem: Any) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    props: list[tuple[str, str]] = []
    notes: list[str] = []
    for child in elem:
        if child.tag == "prop":
            props.append((child.get("type") or "", child.text or ""))
        elif child.tag == "note":
            notes.append(child.text or "")
    return tuple(props), tuple(notes)


def _parse_header(elem: Any) -> TmxHeader:
    props, notes = _props_notes(elem)
    return TmxHeader(
        creationtool=elem.get("creationtool", ""),
        creationtoolversion=elem.get("creationtoolversion", ""),
        segtype=elem.get("segtype", ""),
        o_tmf=elem.get("o-tmf", ""),
        adminlang=elem.get("adminlang", ""),
        srclang=elem.get("srclang", ""),
        datatype=elem.get("datatype", ""),
        creationdate=elem.get("creationdate"),
        props=props,
        notes=notes,
    )


def _same_lang(a: str, b: str) -> bool:
    return a.lower() == b.lower()


def _same_primary(a: str, b: str) -> bool:
    return a.lower().split("-")[0] == b.lower().split("-")[0]


def _pick(tuvs: list[tuple[str, str]], lang: str | None) -> int | None:
    """Index of the tuv in `lang` (exact, then same primary language), or None."""
    if not lang or lang == "*all*":
        return None
    for i, (code, _) in enumerate(tuvs):
        if _same_lang(code, lang):
            return i
    for i, (code, _) in enumerate(tuvs):
        if _same_primary(code, lang):
            return i
    return None


def _parse_tu(
    elem: Any, header: TmxHeader, langs: tuple[str | None, str | None], path: Path
) -> tuple[TranslationUnit, int]:
    """The unit of a `<tu>`, and how many of its `<tuv>`s (other languages) it leaves out."""
    src_lang, tgt_lang = langs
    tuvs: list[tuple[str, str]] = []
    for tuv in elem.iterchildren("tuv"):
        lang = _lang_of(tuv)
        if not lang:
            raise FormatError("<tuv> without xml:lang", path=path, line=tuv.sourceline)
        seg = tuv.find("seg")
        if seg is None:
            raise FormatError("<tuv> without <seg>", path=path, line=tuv.sourceline)
        tuvs.append((lang, seg_text(seg)))
    if not tuvs:
        raise FormatError("<tu> without <tuv>", path=path, line=elem.sourceline)
    src_i = _pick(tuvs, src_lang or elem.get("srclang") or header.srclang)
    if src_i is None and src_lang is None:
        src_i = 0  # no tuv in srclang (or srclang="*all*"): the first one is the source
    others = [i for i in range(len(tuvs)) if i != src_i]
    tgt_index: int | None = others[0] if others else None
    if tgt_lang:  # an explicitly requested language that is absent is a missing side
        k = _pick([tuvs[i] for i in others], tgt_lang)
        tgt_index = others[k] if k is not None else None
    props, notes = _props_notes(elem)
    src_code, source = tuvs[src_i] if src_i is not None else (src_lang or "", "")
    tgt_code, target = tuvs[tgt_index] if tgt_index is not None else (tgt_lang or "", "")
    unit = TranslationUnit(
        source=source,
        target=target,
        src_lang=src_code,
        tgt_lang=tgt_code,
        tuid=elem.get("tuid"),
        props=props,
        notes=notes,
        creationdate=elem.get("creationdate"),
    )
    return unit, len(tuvs) - (src_i is not None) - (tgt_index is not None)


def _release(elem: Any) -> None:
    elem.clear(keep_tail=True)
    parent = elem.getparent()
    if parent is not None:
        while elem.getprevious() is not None:
            del parent[0]


def _iter_items(
    path: str | Path, langs: tuple[str | None, str | None]
) -> Iterator[TmxHeader | tuple[TranslationUnit, int]]:
    p = Path(path)
    header: TmxHeader | None = None
    depth = 0
    seen_root = False
    for event, elem in iterparse_file(p, events=("start", "end")):
        if event == "start":
            depth += 1
            if not seen_root:
                seen_root = True
                if elem.tag != "tmx":
                    raise FormatError(
                        f"not a TMX file (root element is <{elem.tag}>, expected <tmx>)",
                        path=p,
                        line=elem.sourceline,
                    )
            continue
        depth -= 1
        if elem.tag == "header" and depth == 1:
            header = _parse_header(elem)
            yield header
        elif elem.tag == "tu" and depth == 2:
            if header is None:
                raise FormatError("<tu> before the TMX <header>", path=p, line=elem.sourceline)
            yield _parse_tu(elem, header, langs, p)
            _release(elem)
    if header is None:
        raise FormatError("TMX file has no <header>", path=p)


def iter_tmx(
    path: str | Path, *, src_lang: str | None = None, tgt_lang: str | None = None
) -> Iterator[TranslationUnit]:
    """Stream the units of a TMX file in file order, with flat memory use.

    `src_lang`/`tgt_lang` pick the sides of multilingual units (default: the unit's or header's
    `srclang`, and the first other language).
    """
    for item in _iter_items(path, (src_lang, tgt_lang)):
        if not isinstance(item, TmxHeader):
            yield item[0]


def read_tmx(
    path: str | Path, *, src_lang: str | None = None, tgt_lang: str | None = None
) -> TranslationMemory:
    """Read a whole TMX file: header, units, and a count of `<tuv>`s in other languages."""
    header: TmxHeader | None = None
    units: list[TranslationUnit] = []
    left_out = 0
    for item in _iter_items(path, (src_lang, tgt_lang)):
        if isinstance(item, TmxHeader):
            header = item
        else:
            units.append(item[0])
            left_out += item[1]
    assert header is not None  # _iter_items raises otherwise
    return TranslationMemory(header=header, units=tuple(units), other_language_tuvs=left_out)
