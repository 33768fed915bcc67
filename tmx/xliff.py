"""XLIFF 1.2 bilingual export (and a reader for what it writes).

One `<file>` (source/target language from the units, datatype plaintext) with one
`<trans-unit id="N" resname=TUID xml:space="preserve">` per unit: `<source>`, `<target
state="translated">`, and one `<note from="untm">type: value</note>` per prop (XLIFF 1.2 strict has
no props). Text is escaped by lxml; XML-illegal characters are removed and counted, as for TMX.
Written atomically through `untm.fileio`; read through the safe parser `untm.xmlsafe`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from untm.errors import FormatError
from untm.fileio import write_bytes_atomic
from untm.tmx.unit import TranslationUnit
from untm.tmx.xmlchars import clean_xml_text
from untm.xmlsafe import parse_file

NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
NOTE_FROM = "untm"


@dataclass(frozen=True)
class XliffWriteResult:
    """Units written and XML-illegal characters removed."""

    units: int
    removed_chars: int


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def write_xliff_counted(
    path: str | Path,
    units: Sequence[TranslationUnit],
    *,
    original: str = "untm",
    src_lang: str | None = None,
    tgt_lang: str | None = None,
) -> XliffWriteResult:
    """Write `units` as an XLIFF 1.2 file; languages default to those of the first unit."""
    removed = 0

    def clean(text: str) -> str:
        nonlocal removed
        out, n = clean_xml_text(text)
        removed += n
        return out

    first = units[0] if units else TranslationUnit("", "")
    root = etree.Element(_q("xliff"), nsmap={None: NS})  # type: ignore[dict-item]
    root.set("version", "1.2")
    file_el = etree.SubElement(root, _q("file"))
    file_el.set("original", clean(original))
    file_el.set("source-language", clean(src_lang or first.src_lang))
    file_el.set("target-language", clean(tgt_lang or first.tgt_lang))
    file_el.set("datatype", "plaintext")
    body = etree.SubElement(file_el, _q("body"))
    for number, unit in enumerate(units, start=1):
        tu = etree.SubElement(body, _q("trans-unit"))
        tu.set("id", str(number))
        if unit.tuid is not None:
            tu.set("resname", clean(unit.tuid))
        tu.set(XML_SPACE, "preserve")
        etree.SubElement(tu, _q("source")).text = clean(unit.source)
        target = etree.SubElement(tu, _q("target"))
        target.set("state", "translated")
        target.text = clean(unit.target)
        for key, value in unit.props:
            note = etree.SubElement(tu, _q("note"))
            note.set("from", NOTE_FROM)
            note.text = clean(f"{key}: {value}")
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=False)
    write_bytes_atomic(path, data + b"\n")
    return XliffWriteResult(units=len(units), removed_chars=removed)


def write_xliff(path: str | Path, units: Sequence[TranslationUnit], **kwargs: str) -> int:
    """Write `units` as XLIFF 1.2 and return the number of units."""
    return write_xliff_counted(path, units, **kwargs).units


def _text(elem: object) -> str:
    if elem is None:
        return ""
    return "".join(elem.itertext())  # type: ignore[attr-defined]


def read_xliff(path: str | Path) -> list[TranslationUnit]:
    """Read the trans-units of an XLIFF 1.2 file (text content of source/target)."""
    p = Path(path)
    root = parse_file(p).getroot()
    if root.tag != _q("xliff"):
        raise FormatError(f"not an XLIFF 1.2 file (root element {root.tag})", path=p,
                          line=root.sourceline)
    units: list[TranslationUnit] = []
    for file_el in root.iter(_q("file")):
        src_lang = file_el.get("source-language") or ""
        tgt_lang = file_el.get("target-language") or ""
        for tu in file_el.iter(_q("trans-unit")):
            props = []
            for note in tu.iterchildren(_q("note")):
                if note.get("from") == NOTE_FROM and ": " in (note.text or ""):
                    key, value = (note.text or "").split(": ", 1)
                    props.append((key, value))
            units.append(
                TranslationUnit(
                    source=_text(tu.find(_q("source"))),
                    target=_text(tu.find(_q("target"))),
                    src_lang=src_lang,
                    tgt_lang=tgt_lang,
                    tuid=tu.get("resname"),
                    props=tuple(props),
                )
            )
    return units
