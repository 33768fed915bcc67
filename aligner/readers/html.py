"""`.html` reader: block elements (p, h1–h6, li, …) as paragraphs, via a safe lxml parser.

The parser never touches the network, keeps no comments or processing instructions, and
script/style content is dropped. Headings (h1–h6) are marked as headings; a table cell's text is
content (never a page number). A web page's site around its text (menus, banners, footers …) is
left out and reported as furniture by `read_html` (`readers/htmlsite.py`). Text outside the
innermost block elements (`<div>Intro<p>…</p>Tail</div>`, loose body text) is kept: each stretch
of it between two blocks is a block of its own, so no text is dropped.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lxml import etree

from untm.aligner.clean import RawBlock, join_wrapped
from untm.aligner.encoding import decode_bytes
from untm.aligner.model import BlockKind, Furniture
from untm.aligner.readers.htmlsite import detach as _detach
from untm.aligner.readers.htmlsite import is_site_page, split_site
from untm.errors import FormatError, InputError
from untm.fileio import read_bytes_checked
from untm.xmlsafe import make_html_parser

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


def _is_block(el: Any) -> bool:
    return isinstance(el.tag, str) and el.tag.lower() in _BLOCKS


def _has_block_child(el: Any) -> bool:
    return any(_is_block(c) for c in el.iterdescendants())


def _joined(raw: str, lang: str) -> str:
    """Text with its line breaks joined like wrapped lines."""
    parts = raw.split("\n")
    text = parts[0]
    for part in parts[1:]:
        text = join_wrapped(text, part, lang)
    return text


def _emit(
    blocks: list[RawBlock], raw: str, line: Any, lang: str, heading: bool, cell: bool = False
) -> None:
    content = _joined(raw, lang)
    if content.strip():
        # a table cell is content: "2008" alone in a cell is no page number
        hint = BlockKind.HEADING if heading else (BlockKind.BODY if cell else None)
        blocks.append(RawBlock(text=content, line=int(line or 0), hint=hint))


def _walk(el: Any, lang: str, blocks: list[RawBlock]) -> None:
    """Blocks of `el` in document order: a block without block descendants is one block;
    anything else contributes its own text between its block children as blocks too."""
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    heading = tag in _HEADINGS
    if tag in _BLOCKS and not _has_block_child(el):
        _emit(blocks, "".join(el.itertext()), el.sourceline, lang, heading, tag in ("td", "th"))
        return
    run, line = [el.text or ""], el.sourceline
    for child in el:
        if isinstance(child.tag, str) and (_is_block(child) or _has_block_child(child)):
            _emit(blocks, "".join(run), line, lang, heading)
            _walk(child, lang, blocks)
            run, line = [child.tail or ""], child.sourceline
        else:
            if isinstance(child.tag, str):
                run.append("".join(child.itertext()))
            run.append(child.tail or "")
    _emit(blocks, "".join(run), line, lang, heading)


def read_html(path: str | Path, lang: str) -> tuple[list[RawBlock], list[Furniture]]:
    """The blocks of an HTML file in document order, and the site furniture removed around
    them (`readers/htmlsite.py`: a page without landmarks or furniture blocks is read whole)."""
    name = str(path)
    root = _parse(path)
    body = next((el for el in root.iter("body")), root)
    furniture = _note_references(body)
    if is_site_page(body):
        split = split_site(body, lambda el: _furniture_text(el, lang))
        root = split.root
        furniture = sorted([*furniture, *split.furniture], key=lambda f: f.line)
    blocks: list[RawBlock] = []
    _walk(root, lang, blocks)
    if not blocks:
        raise InputError("the document has no text", path=name)
    return blocks, furniture


_NOTE_MARK = re.compile(r"^[\[(]?(\d{1,3}|[*†‡§]{1,3}|[a-z])[\])]?$")


def _note_references(body: Any) -> list[Furniture]:
    """Footnote reference marks (`<sup><a href="#fn1">1</a></sup>`, `role="doc-noteref"`) are
    left out of the text, as a .docx reader leaves out its reference marks; each is reported."""
    found: list[Furniture] = []
    for el in list(body.iter("sup", "a")):
        if el.getparent() is None:
            continue
        text = "".join(el.itertext()).strip()
        links = [a for a in el.iter("a") if (a.get("href") or "").startswith("#")]
        noteref = any((a.get("role") or "") == "doc-noteref" for a in el.iter())
        if (links or noteref) and _NOTE_MARK.match(text) and (el.tag == "sup" or noteref):
            found.append(Furniture("note-reference", text, el.sourceline or 0))
            _detach(el)
    return found


def _furniture_text(el: Any, lang: str) -> str:
    """A removed block's text for the report: its blocks joined by " | "."""
    blocks: list[RawBlock] = []
    _walk(el, lang, blocks)
    return " | ".join(" ".join(b.text.split()) for b in blocks)


def read_html_blocks(path: str | Path, lang: str) -> list[RawBlock]:
    """Read the block-level text of an HTML file as raw blocks in document order (the whole
    page, site furniture included: `read_html` leaves that out)."""
    name = str(path)
    root = _parse(path)
    blocks: list[RawBlock] = []
    _walk(root, lang, blocks)
    if not blocks:
        raise InputError("the document has no text", path=name)
    return blocks


def _parse(path: str | Path) -> Any:
    """The page's tree without scripts, styles and <head>; <br> as a line break."""
    name = str(path)
    data = read_bytes_checked(path)
    text = decode_bytes(data, name=name).text
    try:
        root = etree.fromstring(text, parser=make_html_parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise FormatError(f"cannot parse HTML: {exc}", path=name) from exc
    if root is None:
        raise InputError("the document has no text", path=name)
    for el in list(root.iter()):
        if isinstance(el.tag, str) and el.tag.lower() in _DROP and el.getparent() is not None:
            el.getparent().remove(el)
        elif isinstance(el.tag, str) and el.tag.lower() == "br":
            el.tail = "\n" + (el.tail or "")  # a line break inside a block joins like a wrap
    return root
