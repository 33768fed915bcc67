"""`.docx` reader: `word/document.xml` (and footnotes) via zipfile + the safe XML parser.

- Zip bombs are refused before anything is decompressed in full (`readers.zipparts`): too many
  members, a member whose declared size or compression ratio is absurd, or one that inflates past
  its limit while being read → `UnsafeInputError`.
- Each `w:p` of the body is one block, in reading order (mc:Fallback copies are skipped);
  paragraphs styled as headings (Heading N, Title, UN house styles like "H1G"/"HChG", or an
  outline level) are headings; automatic numbering (`w:numPr`) is rendered from
  `word/numbering.xml` ("12." stays on its paragraph as in the printed document).
- Footnotes from `word/footnotes.xml` are read apart, as FOOTNOTE blocks after the body, numbered
  as Word numbers them (a custom-marked note, "*", takes no number).
- Automatic numbering may come from the paragraph's style ("List Number"), through `w:basedOn`.
- A table cell's paragraphs are content, never page furniture ("2008" alone in a cell).
- Headers and footers (`word/header*.xml`, `word/footer*.xml`) are furniture: each distinct line
  once, as `running-header` / `running-footer`.
- A text box (`w:txbxContent`) is read once: its paragraphs are blocks of their own, after the
  paragraph that anchors it, and left out of that paragraph's text.
- A numbering attribute that is not a number (or a level outside 0–8) → `FormatError`.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from untm.aligner.clean import RawBlock, join_wrapped
from untm.aligner.model import BlockKind, Furniture
from untm.aligner.readers.zipparts import open_zip, read_member
from untm.errors import FormatError, InputError
from untm.xmlsafe import parse_bytes

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
HEADING_STYLE = re.compile(r"^(heading|title|subtitle)|^_?\s*H_?(Ch|\d{1,2})_?G\b", re.I)
_ZH_DIGITS = "零一二三四五六七八九"
#: Word's limit for a list's start value (its "Start at" field takes 0–32767): a larger or
#: negative w:start (or .odt text:start-value) in a file is taken as the nearest allowed value
MAX_LIST_START = 32767
#: Roman numerals are written up to 3999 (MMMCMXCIX); larger list numbers are shown in digits
MAX_ROMAN = 3999


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class _Numbering:
    """Automatic numbering: formats per (numId, level) and running counters."""

    levels: dict[tuple[str, int], tuple[str, str, int]] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)

    def render(self, num_id: str, ilvl: int) -> str:
        fmt = self.levels.get((num_id, ilvl))
        if fmt is None or fmt[0] in ("bullet", "none"):
            return ""
        counts = self.counters.setdefault(num_id, [0] * 9)
        for lvl in range(9):
            if counts[lvl] == 0 and lvl <= ilvl:
                start = self.levels.get((num_id, lvl), ("decimal", "", 1))[2]
                counts[lvl] = start - 1 if lvl == ilvl else start
        counts[ilvl] += 1
        for lvl in range(ilvl + 1, 9):
            counts[lvl] = 0
        text = fmt[1]
        for lvl in range(ilvl + 1):
            lvl_fmt = self.levels.get((num_id, lvl), ("decimal", "", 1))[0]
            text = text.replace(f"%{lvl + 1}", format_number(counts[lvl], lvl_fmt))
        return text


def list_start(n: int) -> int:
    """A list's start value held to what Word's "Start at" allows: 0–`MAX_LIST_START`."""
    return min(max(n, 0), MAX_LIST_START)


def format_number(n: int, fmt: str) -> str:
    """`n` in a Word number format; decimal where the format has no form for it (Roman numerals
    past `MAX_ROMAN`, Chinese counting past 99)."""
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and 0 < n <= MAX_ROMAN:
        roman = _to_roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt.startswith(("chinese", "ideograph", "taiwanese")) and 0 <= n < 100:
        if n < 10:
            return _ZH_DIGITS[n]
        tens, units = divmod(n, 10)
        return f"{'' if tens == 1 else _ZH_DIGITS[tens]}十{_ZH_DIGITS[units] if units else ''}"
    return str(n)


def _to_roman(n: int) -> str:
    """`n` (1–3999) in Roman numerals."""
    out = []
    for value, sym in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        count, n = divmod(n, value)
        out.append(sym * count)
    return "".join(out)


MAX_LEVEL = 8  # Word numbering levels are 0–8


def _int(value: str | None, default: int, path: str, what: str, *, level: bool = False) -> int:
    """A numeric attribute of word/numbering or a paragraph; FormatError when it is not one."""
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise FormatError(f"{what} is not a number: {value!r}", path=path) from None
    if level and not 0 <= number <= MAX_LEVEL:
        raise FormatError(f"{what} must be 0–{MAX_LEVEL}, not {number}", path=path)
    return number


def _read_member(zf: zipfile.ZipFile, name: str, path: str) -> bytes | None:
    return read_member(zf, name, path, "docx")


@dataclass(frozen=True)
class _Styles:
    """Paragraph style names and the numbering a style carries (through `w:basedOn`)."""

    names: dict[str, str] = field(default_factory=dict)
    num_pr: dict[str, Any] = field(default_factory=dict)  # styleId → its own w:numPr
    based_on: dict[str, str] = field(default_factory=dict)

    def numbering(self, sid: str) -> Any:
        """The w:numPr a paragraph of style `sid` inherits (None when it has none)."""
        seen: set[str] = set()
        while sid and sid not in seen:
            seen.add(sid)
            if sid in self.num_pr:
                return self.num_pr[sid]
            sid = self.based_on.get(sid, "")
        return None


def _styles(zf: zipfile.ZipFile, path: str) -> _Styles:
    data = _read_member(zf, "word/styles.xml", path)
    styles = _Styles()
    if data is None:
        return styles
    tree = parse_bytes(data, name=f"{path}:word/styles.xml")
    for style in tree.getroot().iter(_w("style")):
        sid = style.get(_w("styleId"), "")
        name_el = style.find(_w("name"))
        styles.names[sid] = name_el.get(_w("val"), sid) if name_el is not None else sid
        based = style.find(_w("basedOn"))
        if based is not None:
            styles.based_on[sid] = based.get(_w("val"), "")
        num_pr = style.find(f"{_w('pPr')}/{_w('numPr')}")
        if num_pr is not None:
            styles.num_pr[sid] = num_pr
    return styles


def _numbering(zf: zipfile.ZipFile, path: str) -> _Numbering:
    numbering = _Numbering()
    data = _read_member(zf, "word/numbering.xml", path)
    if data is None:
        return numbering
    root = parse_bytes(data, name=f"{path}:word/numbering.xml").getroot()
    abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
    for an in root.iter(_w("abstractNum")):
        levels: dict[int, tuple[str, str, int]] = {}
        for lvl in an.iter(_w("lvl")):
            where = f"word/numbering.xml abstractNum {an.get(_w('abstractNumId'), '')}"
            ilvl = _int(lvl.get(_w("ilvl")), 0, path, f"{where} w:ilvl", level=True)
            fmt = lvl.find(_w("numFmt"))
            text = lvl.find(_w("lvlText"))
            start = lvl.find(_w("start"))
            levels[ilvl] = (
                fmt.get(_w("val"), "decimal") if fmt is not None else "decimal",
                text.get(_w("val"), "") if text is not None else "",
                list_start(_int(start.get(_w("val")), 1, path, f"{where} w:start"))
                if start is not None
                else 1,
            )
        abstract[an.get(_w("abstractNumId"), "")] = levels
    for num in root.iter(_w("num")):
        ref = num.find(_w("abstractNumId"))
        if ref is None:
            continue
        for ilvl, spec in abstract.get(ref.get(_w("val"), ""), {}).items():
            numbering.levels[(num.get(_w("numId"), ""), ilvl)] = spec
    return numbering


def _in_textbox(el: Any, p: Any) -> bool:
    """Whether `el` sits in a text box inside paragraph `p` (read as its own paragraphs)."""
    parent = el.getparent()
    while parent is not None and parent is not p:
        if parent.tag == _w("txbxContent"):
            return True
        parent = parent.getparent()
    return False


def _in_fallback(p: Any) -> bool:
    parent = p.getparent()
    while parent is not None:
        if parent.tag == f"{{{MC}}}Fallback" or parent.tag == _w("del"):
            return True
        parent = parent.getparent()
    return False


def _paragraph_text(p: Any, lang: str, marks: dict[str, str] | None = None) -> str:
    lines = [""]
    for el in p.iter(
        _w("t"), _w("tab"), _w("br"), _w("cr"), _w("noBreakHyphen"), _w("footnoteReference")
    ):
        if _in_textbox(el, p):
            continue
        if el.tag == _w("t"):
            lines[-1] += el.text or ""
        elif el.tag == _w("tab"):
            lines[-1] += "\t"
        elif el.tag in (_w("br"), _w("cr")):
            lines.append("")
        elif el.tag == _w("noBreakHyphen"):
            lines[-1] += "-"
        elif el.get(_w("customMarkFollows")) not in ("1", "true", "on"):
            lines[-1] += (marks or {}).get(el.get(_w("id"), ""), "")
    text = lines[0]
    for line in lines[1:]:
        text = join_wrapped(text, line, lang)
    return text


def _heading(p: Any, styles: _Styles) -> bool:
    ppr = p.find(_w("pPr"))
    if ppr is None:
        return False
    if ppr.find(_w("outlineLvl")) is not None:
        return True
    style = ppr.find(_w("pStyle"))
    if style is None:
        return False
    sid = style.get(_w("val"), "")
    return bool(HEADING_STYLE.search(sid) or HEADING_STYLE.search(styles.names.get(sid, "")))


def _number_label(p: Any, numbering: _Numbering, styles: _Styles, path: str) -> str:
    """The label automatic numbering gives `p`: its own w:numPr, else its style's."""
    ppr = p.find(_w("pPr"))
    num_pr = ppr.find(_w("numPr")) if ppr is not None else None
    style = ppr.find(_w("pStyle")) if ppr is not None else None
    inherited = styles.numbering(style.get(_w("val"), "")) if style is not None else None
    if num_pr is None:
        num_pr = inherited
    if num_pr is None:
        return ""
    num_id = num_pr.find(_w("numId"))
    ilvl = num_pr.find(_w("ilvl"))
    if num_id is None and inherited is not None:
        num_id = inherited.find(_w("numId"))
    if ilvl is None and inherited is not None:
        ilvl = inherited.find(_w("ilvl"))
    if num_id is None:
        return ""
    level = (
        _int(ilvl.get(_w("val")), 0, path, "w:numPr w:ilvl", level=True) if ilvl is not None else 0
    )
    return numbering.render(num_id.get(_w("val"), ""), level)


def _note_numbers(body: Any) -> dict[str, int]:
    """The number Word gives each footnote: its place among the body's references that carry
    no custom mark (a custom-marked note, "*", takes no number)."""
    numbers: dict[str, int] = {}
    for ref in body.iter(_w("footnoteReference")):
        note_id = ref.get(_w("id"), "")
        if ref.get(_w("customMarkFollows")) not in ("1", "true", "on") and note_id not in numbers:
            numbers[note_id] = len(numbers) + 1
    return numbers


def _footnote_blocks(
    zf: zipfile.ZipFile, path: str, lang: str, numbers: dict[str, int]
) -> list[RawBlock]:
    data = _read_member(zf, "word/footnotes.xml", path)
    if data is None:
        return []
    root = parse_bytes(data, name=f"{path}:word/footnotes.xml").getroot()
    blocks: list[RawBlock] = []
    ordinal = 0
    for note in root.iter(_w("footnote")):
        if note.get(_w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        ordinal += 1
        ordinal = numbers.get(note.get(_w("id"), ""), ordinal)
        has_ref = next(note.iter(_w("footnoteRef")), None) is not None
        texts = [_paragraph_text(p, lang, {}) for p in note.iter(_w("p"))]
        text = " ".join(t.strip() for t in texts if t.strip())
        if has_ref and text and not text.startswith(("*", "†", "‡")):
            text = f"{ordinal} {text}"
        if text:
            blocks.append(RawBlock(text=text, line=0, hint=BlockKind.FOOTNOTE))
    return blocks


def _running_furniture(zf: zipfile.ZipFile, path: str, lang: str) -> list[Furniture]:
    """The text of the headers and footers (`word/header*.xml`, `word/footer*.xml`), each
    distinct line once, as running-header / running-footer furniture."""
    found: list[Furniture] = []
    seen: set[tuple[str, str]] = set()
    for member in sorted(zf.namelist()):
        part = re.fullmatch(r"word/(header|footer)\d*\.xml", member)
        data = _read_member(zf, member, path) if part else None
        if part is None or data is None:
            continue
        kind = f"running-{part.group(1)}"
        root = parse_bytes(data, name=f"{path}:{member}").getroot()
        for p in root.iter(_w("p")):
            text = " ".join(_paragraph_text(p, lang).split())
            if text and (kind, text) not in seen:
                seen.add((kind, text))
                found.append(Furniture(kind, text, 0))
    return found


def read_docx_blocks(path: str | Path, lang: str) -> list[RawBlock]:
    """Read the paragraphs (then the footnotes) of a .docx file as raw blocks."""
    return read_docx(path, lang)[0]


def read_docx(path: str | Path, lang: str) -> tuple[list[RawBlock], list[Furniture]]:
    """The paragraphs (then the footnotes) of a .docx file as raw blocks, and its headers and
    footers as furniture."""
    name = str(path)
    zf = open_zip(name, "docx")
    with zf:
        data = _read_member(zf, "word/document.xml", name)
        if data is None:
            raise FormatError("not a .docx file: word/document.xml is missing", path=name)
        root = parse_bytes(data, name=f"{name}:word/document.xml").getroot()
        body = root.find(_w("body"))
        if body is None:
            raise FormatError("word/document.xml has no w:body", path=name)
        styles = _styles(zf, name)
        numbering = _numbering(zf, name)
        blocks: list[RawBlock] = []
        for p in body.iter(_w("p")):
            if _in_fallback(p):
                continue
            text = _paragraph_text(p, lang)
            label = _number_label(p, numbering, styles, name)
            if not text.strip():
                continue
            if label:
                text = f"{label}\t{text}"
            hint = BlockKind.HEADING if _heading(p, styles) else _cell_hint(p)
            blocks.append(RawBlock(text=text, line=0, hint=hint))
        blocks.extend(_footnote_blocks(zf, name, lang, _note_numbers(body)))
        furniture = _running_furniture(zf, name, lang)
    if not blocks:
        raise InputError("the document has no text", path=name)
    return blocks, furniture


def _cell_hint(p: Any) -> BlockKind | None:
    """A paragraph in a table cell is content ("2008" in a cell is no page number)."""
    parent = p.getparent()
    while parent is not None:
        if parent.tag == _w("tc"):
            return BlockKind.BODY
        parent = parent.getparent()
    return None
