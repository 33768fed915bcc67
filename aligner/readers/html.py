"""`.html` reader: block elements (p, h1–h6, li, …) as paragraphs, via a safe lxml parser.

The parser never touches the network, keeps no comments or processing instructions, and
script/style content is dropped. Headings (h1–h6) are marked as headings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

from aligner.clean import RawBlock, join_wrapped
from aligner.encoding import decode_bytes
from aligner.model import BlockKind
from untm.errors import FormatError, InputError
from untm.fileio import read_bytes_checked

_BLOCKS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "td",
    "th",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "div",
    "caption",
    "title",
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_DROP = {"script", "style", "noscript", "template", "head"}


def _parser() -> etree.HTMLParser:
    return etree.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, huge_tree=False, recover=True
    )


def _has_block_child(el: Any) -> bool:
    return any(isinstance(c.tag, str) and c.tag.lower() in _BLOCKS for c in el.iterdescendants())


def _text(el: Any, lang: str) -> str:
    parts = "".join(el.itertext()).split("\n")
    text = parts[0]
    for part in parts[1:]:
        text = join_wrapped(text, part, lang)
    return text


def read_html_blocks(path: str | Path, lang: str) -> list[RawBlock]:
    """Read the block-level text of an HTML file as raw blocks in document order."""
    name = str(path)
    data = read_bytes_checked(path)
    text = decode_bytes(data, name=name).text
    try:
        root = etree.fromstring(text, parser=_parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise FormatError(f"cannot parse HTML: {exc}", path=name) from exc
    if root is None:
        raise InputError("the document has no text", path=name)
    for el in list(root.iter()):
        if isinstance(el.tag, str) and el.tag.lower() in _DROP and el.getparent() is not None:
            el.getparent().remove(el)
        elif isinstance(el.tag, str) and el.tag.lower() == "br":
            el.tail = "\n" + (el.tail or "")  # a line break inside a block joins like a wrap
    blocks: list[RawBlock] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if tag not in _BLOCKS or _has_block_child(el):
            continue
        content = _text(el, lang)
        if content.strip():
            hint = BlockKind.HEADING if tag in _HEADINGS else None
            line: Any = el.sourceline
            blocks.append(RawBlock(text=content, line=int(line or 0), hint=hint))
    if not blocks:
        raise InputError("the document has no text", path=name)
    return blocks
