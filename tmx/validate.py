"""TMX validation: the TMX 1.4b DTD kept in the package, plus what a DTD cannot say.

`validate_tmx(path)` returns a list of problems (`"line N: message"`), empty when the file is
valid. It checks, in this order:

1. well-formed XML through the one safe parser (`untm.xmlsafe`: no entities, no network);
2. the TMX 1.4b DTD (`tmx/dtd/tmx14.dtd`, loaded from the package, never from the document);
3. what CAT tools need and the DTD cannot express: every `<tuv>` has a language, every `<tu>`
   has a `<tuv>` in the source language (unless `srclang="*all*"`) and at least one other
   language, no `<seg>` is empty or blank, language codes look like BCP 47 tags, and dates have
   the TMX form `YYYYMMDDThhmmssZ`.

A missing or unreadable file raises `InputError` (it is not a TMX problem but a usage error).
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from pathlib import Path
from typing import Any

from lxml import etree

from untm.errors import FormatError, UnsafeInputError
from untm.tmx.tmx14 import XML_LANG, seg_text
from untm.xmlsafe import parse_file

_LANG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_DATE = re.compile(r"^\d{8}T\d{6}Z$")
_DATE_ATTRS = ("creationdate", "changedate", "lastusagedate")


@functools.cache
def tmx14_dtd() -> Any:
    """The TMX 1.4b DTD shipped with untm (parsed once)."""
    ref = resources.files("untm.tmx").joinpath("dtd/tmx14.dtd")
    with resources.as_file(ref) as dtd_path:
        return etree.DTD(str(dtd_path))


def _where(elem: Any) -> str:
    return f"line {elem.sourceline}: " if elem.sourceline else ""


def _lang(elem: Any) -> str | None:
    value: str | None = elem.get(XML_LANG)
    return value if value is not None else elem.get("lang")


def _check_dates(elem: Any, problems: list[str]) -> None:
    for attr in _DATE_ATTRS:
        value = elem.get(attr)
        if value is not None and not _DATE.match(value):
            problems.append(f"{_where(elem)}{attr} {value!r} is not YYYYMMDDThhmmssZ")


def _check_tu(tu: Any, header_src: str, problems: list[str]) -> None:
    _check_dates(tu, problems)
    srclang = (tu.get("srclang") or header_src).lower()
    langs: list[str] = []
    for tuv in tu.iterchildren("tuv"):
        _check_dates(tuv, problems)
        lang = _lang(tuv)
        if not lang:
            problems.append(f"{_where(tuv)}<tuv> has no xml:lang")
            continue
        if not _LANG.match(lang):
            problems.append(f"{_where(tuv)}language code {lang!r} is not a BCP 47 tag")
        langs.append(lang.lower())
        seg = tuv.find("seg")
        if seg is not None and not seg_text(seg).strip():
            problems.append(f"{_where(seg)}empty <seg> ({lang})")
    if not langs:
        return
    primary = {code.split("-")[0] for code in langs}
    if srclang != "*all*" and srclang not in langs and srclang.split("-")[0] not in primary:
        problems.append(f"{_where(tu)}<tu> has no <tuv> in the source language {srclang}")
    if len(set(langs)) < 2:
        problems.append(f"{_where(tu)}<tu> has only one language ({langs[0]})")


def validate_tree(tree: Any) -> list[str]:
    """Problems of an already parsed TMX tree (see module docstring)."""
    problems: list[str] = []
    root = tree.getroot()
    if root.tag != "tmx":
        return [f"{_where(root)}root element is <{root.tag}>, expected <tmx>"]
    dtd = tmx14_dtd()
    dtd.validate(tree)
    # warnings count too: libxml2 lets a TMX 1.1 `lang` stand in for the required `xml:lang`
    # and only warns about it
    for entry in dtd.error_log:
        line = f"line {entry.line}: " if entry.line else ""
        kind = "DTD warning" if entry.level_name == "WARNING" else "DTD"
        problems.append(f"{line}{kind}: {entry.message}")
    header = root.find("header")
    header_src = (header.get("srclang") if header is not None else None) or ""
    if header is not None:
        _check_dates(header, problems)
        if header_src and header_src != "*all*" and not _LANG.match(header_src):
            problems.append(f"{_where(header)}srclang {header_src!r} is not a BCP 47 tag")
    body = root.find("body")
    if body is not None:
        for tu in body.iterchildren("tu"):
            _check_tu(tu, header_src, problems)
    return problems


def validate_tmx(path: str | Path) -> list[str]:
    """Validate a TMX file; return its problems (empty list = valid TMX 1.4b for CAT tools)."""
    try:
        tree = parse_file(path)
    except (FormatError, UnsafeInputError) as exc:
        line = f"line {exc.line}: " if exc.line else ""
        return [f"{line}{exc.message}"]
    return validate_tree(tree)
