"""TBX exchange: write TBX-Basic in TBX v3 (ISO 30042:2019, DCA style); read TBX v3 and v2.

Writing: `<tbx type="TBX-Basic" style="dca" xmlns="urn:iso:std:iso:30042:ed-2">`, one
`<conceptEntry id=...>` per concept with `<descrip type="subjectField">` (domain), `<note>`, and a
`<langSec xml:lang="zh">` / `"en"` holding one `<termSec>` per term with
`<termNote type="termType">` (fullForm, shortForm, acronym, variant).

Reading goes through `untm.xmlsafe` (no entities, no network) and accepts TBX v3 (conceptEntry /
langSec / termSec) and the older TBX v2 / MARTIF layout (termEntry / langSet / tig|ntig). Language
tags are mapped to zh / en by their primary subtag; other languages are ignored and counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from lxml import etree

from untm.errors import FormatError, GlossaryError
from untm.fileio import write_bytes_atomic
from untm.glossary.tabular import clean_id
from untm.glossary.term import Concept, GlossaryFile, Term
from untm.xmlsafe import parse_file

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RNG = (
    "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/"
    "TBXcoreStructV03_TBX-Basic_integrated.rng"
)
_KIND_TO_TYPE = {
    "full": "fullForm",
    "short": "shortForm",
    "abbrev": "acronym",
    "variant": "variant",
}
_TYPE_TO_KIND = {
    "fullform": "full",
    "shortform": "short",
    "acronym": "abbrev",
    "abbreviation": "abbrev",
    "initialism": "abbrev",
    "variant": "variant",
    "phrase": "variant",
    "synonym": "variant",
}


def _q(tag: str) -> str:
    return f"{{{TBX_NS}}}{tag}"


def _add_entry(body: Any, concept: Concept) -> None:
    """Append one `<conceptEntry>` for `concept` to `body`."""
    entry = etree.SubElement(body, _q("conceptEntry"))
    entry.set("id", concept.id)
    if concept.domain:
        descrip = etree.SubElement(entry, _q("descrip"))
        descrip.set("type", "subjectField")
        descrip.text = concept.domain
    if concept.note:
        etree.SubElement(entry, _q("note")).text = concept.note
    for lang in ("zh", "en"):
        terms = [t for t in concept.terms if t.lang == lang]
        if not terms:
            continue
        lang_sec = etree.SubElement(entry, _q("langSec"))
        lang_sec.set(XML_LANG, lang)
        for term in terms:
            term_sec = etree.SubElement(lang_sec, _q("termSec"))
            etree.SubElement(term_sec, _q("term")).text = term.text
            note = etree.SubElement(term_sec, _q("termNote"))
            note.set("type", "termType")
            note.text = _KIND_TO_TYPE.get(term.kind, "variant")


def tbx_bytes(concepts: Iterable[Concept], *, title: str = "untm glossary") -> bytes:
    """Serialize concepts as a TBX-Basic (TBX v3, DCA) document."""
    nsmap: Any = {None: TBX_NS}
    root = etree.Element(_q("tbx"), nsmap=nsmap)
    root.set("type", "TBX-Basic")
    root.set("style", "dca")
    root.set(XML_LANG, "en")
    header = etree.SubElement(root, _q("tbxHeader"))
    file_desc = etree.SubElement(header, _q("fileDesc"))
    source_desc = etree.SubElement(file_desc, _q("sourceDesc"))
    etree.SubElement(source_desc, _q("p")).text = title
    body = etree.SubElement(etree.SubElement(root, _q("text")), _q("body"))
    for concept in concepts:
        try:
            _add_entry(body, concept)
        except ValueError as exc:  # lxml: text or id not XML-compatible (e.g. an old store entry)
            raise GlossaryError(
                f"concept {concept.id[:40]!r} cannot be written as TBX: {exc}"
            ) from exc
    pi = etree.ProcessingInstruction(
        "xml-model",
        f'href="{RNG}" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"',
    )
    root.addprevious(pi)
    data: bytes = etree.tostring(
        root.getroottree(), xml_declaration=True, encoding="UTF-8", pretty_print=True
    )
    return data


def write_tbx(path: str | Path, concepts: Iterable[Concept]) -> int:
    """Write concepts to `path` atomically as TBX-Basic; return the number of concepts."""
    items = list(concepts)
    write_bytes_atomic(path, tbx_bytes(items))
    return len(items)


def _local(tag: Any) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _lang(tag: str | None) -> str:
    primary = (tag or "").split("-")[0].split("_")[0].lower()
    return primary if primary in ("zh", "en") else ""


def _children(elem: Any, *names: str) -> list[Any]:
    return [child for child in elem if _local(child.tag) in names]


def _text(elem: Any) -> str:
    return " ".join("".join(elem.itertext()).split())


def _descrips(entry: Any) -> tuple[str, str]:
    """An entry's subject field (`descrip`, also inside a `descripGrp`) and its first note."""
    domain = note = ""
    for child in entry:
        name = _local(child.tag)
        if name == "descrip" and child.get("type") == "subjectField":
            domain = _text(child)
        elif name == "note" and not note:
            note = _text(child)
        elif name == "descripGrp":
            for d in _children(child, "descrip"):
                if d.get("type") == "subjectField":
                    domain = _text(d)
    return domain, note


def _terms(entry: Any) -> tuple[list[Term], int]:
    """An entry's terms (v3 langSec/termSec, v2 langSet/tig/ntig) and the terms skipped for
    lack of a language or a text. A language's first term is its full form unless a termType
    note says otherwise."""
    terms: list[Term] = []
    skipped = 0
    for lang_sec in _children(entry, "langSec", "langSet"):
        lang = _lang(lang_sec.get(XML_LANG))
        for term_sec in _children(lang_sec, "termSec", "tig", "ntig"):
            term_elems = [t for t in term_sec.iter() if _local(t.tag) == "term"]
            text = _text(term_elems[0]) if term_elems else ""
            if not lang or not text:
                skipped += 1
                continue
            kind = "full" if not any(t.lang == lang for t in terms) else "variant"
            for tn in term_sec.iter():
                if _local(tn.tag) == "termNote" and tn.get("type") == "termType":
                    kind = _TYPE_TO_KIND.get(_text(tn).lower(), kind)
            terms.append(Term(text, lang, kind))
    return terms, skipped


def read_tbx(path: str | Path, *, origin: str = "user") -> GlossaryFile:
    """Read a TBX v3 or v2 file into concepts."""
    tree = parse_file(path)
    root = tree.getroot()
    if _local(root.tag) not in ("tbx", "martif"):
        raise FormatError(f"not a TBX file (root element <{_local(root.tag)}>)", path=path)
    entries = [e for e in root.iter() if _local(e.tag) in ("conceptEntry", "termEntry")]
    concepts: list[Concept] = []
    skipped_entries = skipped_terms = 0
    seen_ids: set[str] = set()
    for n, entry in enumerate(entries, start=1):
        terms, skipped = _terms(entry)
        skipped_terms += skipped
        if not terms:
            skipped_entries += 1
            continue
        try:
            cid = clean_id(entry.get("id") or f"tbx-{n}")
        except GlossaryError as exc:
            raise FormatError(exc.message, path=path, line=entry.sourceline) from exc
        if cid in seen_ids:
            raise FormatError(f"duplicate concept id {cid!r}", path=path, line=entry.sourceline)
        seen_ids.add(cid)
        domain, note = _descrips(entry)
        concepts.append(Concept(cid, tuple(terms), domain=domain, note=note, origin=origin))
    return GlossaryFile(tuple(concepts), skipped_entries, skipped_terms)
