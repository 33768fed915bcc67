"""The one safe XML parser factory for every XML untm reads (TMX, TBX, DOCX, SRX, XLIFF, HTML).

Every parser is built from the same `SAFE_SETTINGS`, and every libxml2 syntax error goes through
one mapping (`_syntax_error`):

- entities are never resolved or substituted (`resolve_entities=False`): an external entity
  pointing at a local file or a URL is never read;
- a document that declares entities in its DTD is refused outright, so "billion laughs"
  fails fast instead of expanding;
- no network access, no DTD loading, no huge-tree mode, and a size bound on the input;
- malformed XML raises `FormatError` with the file and line number.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypedDict

from lxml import etree

from untm.errors import FormatError, InputError, UnsafeInputError
from untm.fileio import read_bytes_checked

MAX_XML_BYTES = 256 * 1024 * 1024


class _SafeSettings(TypedDict):
    resolve_entities: bool
    no_network: bool
    load_dtd: bool
    huge_tree: bool


#: the settings every XML parser and stream parser of untm is built with
SAFE_SETTINGS: _SafeSettings = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
}


def make_parser(*, remove_blank_text: bool = False, recover: bool = False) -> etree.XMLParser:
    """Return a new lxml parser with the safe settings every untm reader uses."""
    return etree.XMLParser(
        **SAFE_SETTINGS,
        dtd_validation=False,
        remove_blank_text=remove_blank_text,
        recover=recover,
    )


def make_html_parser() -> etree.HTMLParser:
    """A forgiving HTML parser with the same limits: no network, no huge trees, no comments/PIs.

    HTML has no entity declarations to refuse; libxml2's HTML parser never loads external
    resources with `no_network=True`.
    """
    return etree.HTMLParser(
        no_network=True, huge_tree=False, remove_comments=True, remove_pis=True, recover=True
    )


def _one_line(message: str) -> str:
    """libxml2's message without its position suffix or the quoted source lines after it."""
    lines = message.strip().splitlines()
    return (lines[0] if lines else "syntax error").split(", line ")[0].strip()


def _syntax_error(exc: etree.XMLSyntaxError, name: str | Path) -> InputError:
    """The typed error for a libxml2 syntax error: unsafe expansion, or malformed XML + line."""
    msg = _one_line(str(getattr(exc, "msg", None) or exc))
    if "entity" in msg.lower() and "amplification" in msg.lower():
        return UnsafeInputError(f"XML entity expansion refused: {msg}", path=name)
    return FormatError(f"malformed XML: {msg}", path=name, line=exc.lineno or None)


def _refuse_entities(tree: Any, name: str) -> None:
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise UnsafeInputError("XML declares entities in its DTD; refused for safety", path=name)


def parse_bytes(data: bytes, *, name: str = "<xml>", max_bytes: int = MAX_XML_BYTES) -> Any:
    """Parse `data` safely and return the lxml ElementTree."""
    if len(data) > max_bytes:
        raise UnsafeInputError(
            f"XML is too large ({len(data)} bytes; limit {max_bytes})", path=name
        )
    if not data.strip():
        raise FormatError("empty XML document", path=name)
    try:
        root = etree.fromstring(data, parser=make_parser())
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, name) from exc
    tree = root.getroottree()
    _refuse_entities(tree, name)
    return tree


def parse_file(path: str | Path, *, max_bytes: int = MAX_XML_BYTES) -> Any:
    """Read and parse an XML file safely."""
    data = read_bytes_checked(path, max_bytes=max_bytes)
    return parse_bytes(data, name=str(path), max_bytes=max_bytes)


def iterparse_file(
    path: str | Path, *, tag: str | None = None, events: tuple[str, ...] = ("end",)
) -> Iterator[tuple[str, Any]]:
    """Stream-parse a (possibly large) XML file with the same safety settings.

    Callers should `elem.clear()` what they have consumed to keep memory flat.
    """
    p = Path(path)
    if not p.is_file():
        read_bytes_checked(p)  # raises the right InputError
    try:
        ctx = etree.iterparse(str(p), events=events, tag=tag, **SAFE_SETTINGS)
        first = True
        for event, elem in ctx:
            if first:
                _refuse_entities(elem.getroottree(), str(p))
                first = False
            yield event, elem
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, p) from exc
