"""OpenDocument text reader: `.odt` (a zip package: `content.xml` + `styles.xml`) and flat
`.fodt` (one XML file), read like `.docx` (`readers/docx.py`).

- The zip is opened with the same bounds as a .docx (`readers.zipparts`); all XML goes through
  the one safe parser (`untm.xmlsafe`).
- Each `text:p` / `text:h` of the body is one block in reading order; `text:h` and paragraphs
  whose style (or a parent style) is a heading style are headings.
- Lists (`text:list`) get their numbers rendered from their list style as a word processor
  shows them ("12." stays on its paragraph): number format, prefix, suffix, start value, levels
  shown, `text:continue-numbering` / `text:continue-list`; bullets add nothing.
- Tables are read cell by cell, row by row; a cell's text is content, never page furniture.
- Footnotes and endnotes (`text:note`) are left out of their paragraph's text and read apart,
  after the body, as FOOTNOTE blocks starting with their citation ("1 See …"); a note whose text
  starts with its own mark ("* HSP/HA.2/1.") keeps it.
- A text box (`draw:text-box`) is read once: its paragraphs are blocks of their own, after the
  paragraph that anchors it.
- Headers and footers of the master pages (`style:header*`, `style:footer*`) are furniture
  (`running-header`, `running-footer`), each distinct line once.
- Whitespace follows ODF: runs of spaces, tabs and newlines in the character data are one space;
  `text:s`, `text:tab` and `text:line-break` are the real spaces, tabs and breaks. Comments
  (`office:annotation`) and tracked deletions are not document text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from untm.aligner.clean import RawBlock, join_wrapped
from untm.aligner.model import BlockKind, Furniture
from untm.aligner.readers.docx import HEADING_STYLE, format_number, list_start
from untm.aligner.readers.zipparts import open_zip, read_member
from untm.errors import FormatError, InputError
from untm.fileio import read_bytes_checked
from untm.xmlsafe import parse_bytes

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_SPACE = re.compile(r"[ \t\r\n]+")
#: the most spaces one `text:s` stands for here: more are layout, not text (and `text:c` is
#: the file's to say: "3000000000" must not become 3 GB of spaces)
MAX_SPACES = 100
#: ODF number formats as the Word names `docx.format_number` renders
_FORMATS = {"a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
_SKIP = {  # elements whose content is not document text
    f"{{{OFFICE}}}annotation",
    f"{{{OFFICE}}}annotation-end",
    f"{{{TEXT}}}tracked-changes",
    f"{{{TEXT}}}note-citation",
    f"{{{TEXT}}}sequence-decls",
    f"{{{TEXT}}}variable-decls",
    f"{{{TEXT}}}user-field-decls",
    f"{{{OFFICE}}}forms",
    f"{{{TABLE}}}covered-table-cell",
    "{urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0}title",
    "{urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0}desc",
}


def _t(tag: str) -> str:
    return f"{{{TEXT}}}{tag}"


def _s(tag: str) -> str:
    return f"{{{STYLE}}}{tag}"


@dataclass(frozen=True)
class _Level:
    """One level of a numbered list style."""

    fmt: str  # ODF style:num-format ("1", "a", "I", "一, 二, 三, ...", "" for none)
    prefix: str
    suffix: str
    start: int
    display: int  # how many levels the label shows ("1.2.")


@dataclass
class _Styles:
    """Paragraph styles (parent, list style, heading) and numbered list styles."""

    parent: dict[str, str] = field(default_factory=dict)
    display: dict[str, str] = field(default_factory=dict)
    list_style: dict[str, str] = field(default_factory=dict)
    outline: set[str] = field(default_factory=set)
    lists: dict[str, dict[int, _Level | None]] = field(default_factory=dict)

    def add(self, root: Any) -> None:
        for style in root.iter(_s("style")):
            if style.get(_s("family")) != "paragraph":
                continue
            name = style.get(_s("name"), "")
            self.parent[name] = style.get(_s("parent-style-name"), "")
            self.display[name] = style.get(_s("display-name"), name.replace("_20_", " "))
            if style.get(_s("list-style-name")):
                self.list_style[name] = style.get(_s("list-style-name"), "")
            if style.get(_s("default-outline-level")):
                self.outline.add(name)
        for list_style in root.iter(_t("list-style")):
            levels: dict[int, _Level | None] = {}
            for level in list_style:
                depth = _number(level.get(_t("level")), 1)
                if level.tag == _t("list-level-style-number"):
                    levels[depth] = _Level(
                        fmt=level.get(_s("num-format"), ""),
                        prefix=level.get(_s("num-prefix"), ""),
                        suffix=level.get(_s("num-suffix"), ""),
                        start=list_start(_number(level.get(_t("start-value")), 1)),
                        display=_number(level.get(_t("display-levels")), 1),
                    )
                else:  # bullets and images carry no number
                    levels[depth] = None
            self.lists[list_style.get(_s("name"), "")] = levels

    def chain(self, name: str) -> list[str]:
        seen: list[str] = []
        while name and name not in seen:
            seen.append(name)
            name = self.parent.get(name, "")
        return seen

    def heading(self, name: str) -> bool:
        return any(
            s in self.outline or HEADING_STYLE.search(self.display.get(s, s))
            for s in self.chain(name)
        )

    def paragraph_list_style(self, name: str) -> str:
        return next((self.list_style[s] for s in self.chain(name) if s in self.list_style), "")


def _number(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _format(n: int, fmt: str) -> str:
    if not fmt:
        return ""
    if fmt.startswith(("一", "壹", "零")):
        return format_number(n, "chineseCounting")
    return format_number(n, _FORMATS.get(fmt[0], "decimal"))


@dataclass
class _Counters:
    """Running list numbers: one counter row per list, continued as ODF says."""

    rows: dict[str, list[int]] = field(default_factory=dict)  # list id → counts per level
    last_by_style: dict[str, str] = field(default_factory=dict)
    made: int = 0

    def open(self, el: Any, style: str) -> str:
        """The id of the counter row a new top-level `text:list` uses."""
        cont: str = el.get(_t("continue-list"), "")
        own: str = el.get(XML_ID, "")
        if cont and cont in self.rows:
            key = cont
        elif el.get(_t("continue-numbering")) == "true" and style in self.last_by_style:
            key = self.last_by_style[style]
        else:
            self.made += 1
            key = own or f"#list{self.made}"
            self.rows[key] = [0] * 11
        if own:
            self.rows[own] = self.rows[key]
        self.last_by_style[style] = key
        return key

    def label(self, key: str, depth: int, levels: dict[int, _Level | None], item: Any) -> str:
        counts = self.rows[key]
        depth = min(depth, 10)
        level = levels.get(depth)
        start = level.start if level is not None else 1
        override = item.get(_t("start-value"))
        if override is not None:
            counts[depth] = list_start(_number(override, start))
        elif counts[depth] == 0:
            counts[depth] = start
        else:
            counts[depth] += 1
        for deeper in range(depth + 1, 11):
            counts[deeper] = 0
        if level is None or not (level.fmt or level.prefix or level.suffix):
            return ""
        shown = [
            _format(counts[d] or 1, (levels.get(d) or level).fmt)
            for d in range(max(1, depth - level.display + 1), depth + 1)
        ]
        return f"{level.prefix}{'.'.join(s for s in shown if s)}{level.suffix}"


@dataclass
class _Reader:
    name: str
    lang: str
    styles: _Styles
    blocks: list[RawBlock] = field(default_factory=list)
    notes: list[RawBlock] = field(default_factory=list)
    counters: _Counters = field(default_factory=_Counters)

    # -- inline text ---------------------------------------------------------------------
    def _inline(self, el: Any, parts: list[str], notes: list[Any], boxes: list[Any]) -> None:
        if el.text:
            parts.append(_SPACE.sub(" ", el.text))
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                pass
            elif tag == _t("s"):
                count = _number(child.get(_t("c")), 1)
                parts.append(" " * min(max(1, count), MAX_SPACES))
            elif tag == _t("tab"):
                parts.append("\t")
            elif tag == _t("line-break"):
                parts.append("\n")
            elif tag == _t("note"):
                notes.append(child)
            elif tag == f"{{{DRAW}}}text-box":
                boxes.append(child)
            else:
                self._inline(child, parts, notes, boxes)
            if child.tail:
                parts.append(_SPACE.sub(" ", child.tail))

    def _text(self, el: Any, notes: list[Any], boxes: list[Any]) -> str:
        parts: list[str] = []
        self._inline(el, parts, notes, boxes)
        lines = "".join(parts).split("\n")
        text = lines[0]
        for line in lines[1:]:
            text = join_wrapped(text, line, self.lang)
        return text

    # -- blocks --------------------------------------------------------------------------
    def paragraph(self, el: Any, label: str, hint: BlockKind | None) -> None:
        notes: list[Any] = []
        boxes: list[Any] = []
        text = self._text(el, notes, boxes)
        style = el.get(_t("style-name"), "")
        if el.tag == _t("h") or self.styles.heading(style):
            hint = BlockKind.HEADING
        if text.strip():
            self.blocks.append(
                RawBlock(text=f"{label}\t{text}" if label else text, line=0, hint=hint)
            )
        for note in notes:
            self.note(note)
        for box in boxes:
            self.container(box, hint)

    def note(self, note: Any) -> None:
        citation = note.find(_t("note-citation"))
        mark = ""
        if citation is not None:
            mark = citation.get(_t("label")) or "".join(citation.itertext()).strip()
        body = note.find(_t("note-body"))
        paragraphs = body.iter(_t("p"), _t("h")) if body is not None else ()
        texts = [self._text(p, [], []) for p in paragraphs]
        text = " ".join(t.strip() for t in texts if t.strip())
        if text and mark and not text.startswith((mark, "*", "†", "‡")):
            text = f"{mark} {text}"
        if text:
            self.notes.append(RawBlock(text=text, line=0, hint=BlockKind.FOOTNOTE))

    def container(self, el: Any, hint: BlockKind | None) -> None:
        """Blocks of any element holding paragraphs: body, section, cell, frame, index."""
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag in (_t("p"), _t("h")):
                self.paragraph(child, self._own_number(child), hint)
            elif tag == _t("list"):
                self.list(child, 1, "", "")
            elif tag == f"{{{TABLE}}}table-cell":
                self.container(child, BlockKind.BODY)
            elif tag == _t("note"):
                self.note(child)
            else:
                self.container(child, hint)

    def _own_number(self, el: Any) -> str:
        number = el.find(_t("number"))  # a heading's outline number, as written by the producer
        return "".join(number.itertext()).strip() if number is not None else ""

    def list(self, el: Any, depth: int, key: str, style: str) -> None:
        style = el.get(_t("style-name")) or style
        if not style:
            first = next(el.iter(_t("p"), _t("h")), None)
            style = self.styles.paragraph_list_style(first.get(_t("style-name"), "")) if (
                first is not None
            ) else ""
        if not key:
            key = self.counters.open(el, style)
        levels = self.styles.lists.get(style, {})
        for item in el:
            if item.tag not in (_t("list-item"), _t("list-header")):
                continue
            label = ""
            if item.tag == _t("list-item") and any(
                c.tag in (_t("p"), _t("h")) for c in item
            ):
                label = self.counters.label(key, depth, levels, item)
            for child in item:
                if child.tag in (_t("p"), _t("h")):
                    self.paragraph(child, label or self._own_number(child), None)
                    label = ""
                elif child.tag == _t("list"):
                    self.list(child, depth + 1, key, style)
                elif isinstance(child.tag, str):
                    self.container(child, None)


def _running(styles_root: Any, lang: str) -> list[Furniture]:
    """Headers and footers of the master pages as furniture, each distinct line once."""
    found: list[Furniture] = []
    seen: set[tuple[str, str]] = set()
    reader = _Reader("", lang, _Styles())
    for master in styles_root.iter(_s("master-page")):
        for part in master:
            if not isinstance(part.tag, str) or not part.tag.startswith(
                (_s("header"), _s("footer"))
            ):
                continue
            kind = "running-header" if part.tag.startswith(_s("header")) else "running-footer"
            for p in part.iter(_t("p"), _t("h")):
                text = " ".join(reader._text(p, [], []).split())
                if text and (kind, text) not in seen:
                    seen.add((kind, text))
                    found.append(Furniture(kind, text, 0))
    return found


def _parts(name: str) -> tuple[Any, Any]:
    """(content root, styles root) of an .odt package or a flat .fodt file."""
    data = read_bytes_checked(name)
    if data.startswith(b"PK"):
        with open_zip(name, "odt") as zf:
            content = read_member(zf, "content.xml", name, "odt")
            styles = read_member(zf, "styles.xml", name, "odt")
        if content is None:
            raise FormatError("not an OpenDocument file: content.xml is missing", path=name)
        content_root = parse_bytes(content, name=f"{name}:content.xml").getroot()
        styles_root = (
            parse_bytes(styles, name=f"{name}:styles.xml").getroot()
            if styles is not None
            else content_root
        )
        return content_root, styles_root
    root = parse_bytes(data, name=name).getroot()  # flat XML: everything in one document
    return root, root


def read_odt(path: str | Path, lang: str) -> tuple[list[RawBlock], list[Furniture]]:
    """The paragraphs (then the notes) of an .odt/.fodt file as raw blocks, and its headers and
    footers as furniture."""
    name = str(path)
    content, styles_root = _parts(name)
    body = content.find(f"{{{OFFICE}}}body")
    text = body.find(f"{{{OFFICE}}}text") if body is not None else None
    if text is None:
        raise FormatError("not an OpenDocument text: office:body has no office:text", path=name)
    styles = _Styles()
    styles.add(styles_root)
    if styles_root is not content:
        styles.add(content)
    reader = _Reader(name, lang, styles)
    reader.container(text, None)
    blocks = reader.blocks + reader.notes
    if not blocks:
        raise InputError("the document has no text", path=name)
    return blocks, _running(styles_root, lang)
