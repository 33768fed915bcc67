"""RTF reader: a small parser of the Rich Text Format (1.9.1) for what a TM needs.

No maintained library fits: striprtf (BSD) returns one flat string and drops headers, footers
and footnotes without a word; rtfparse (MIT) pulls in GPL dependencies (extract-msg, pcodedmp).

- Text: `\\uN` (signed 16-bit, surrogate pairs joined) with `\\ucN` fallback skipping (scoped to
  its group; a `\\'hh`, a control word or one character each count one); `\\'hh` bytes and raw
  8-bit bytes decoded together in the code page of the current font (`\\fcharsetN` of the font
  table: 134 GBK, 136 Big5, 128 Shift-JIS, 204 Cyrillic, …; before any `\\fN` the default font
  `\\deffN`, again after `\\plain`) or the document's `\\ansicpgN`, so a
  Chinese character's two GBK bytes decode as one; `\\bin N` data skipped; symbols (`\\emdash`,
  `\\ldblquote`, `\\~`, `\\_`, …) as their characters; `\\-` (an optional hyphen) is no text.
- Paragraphs end at `\\par` (and a table cell at `\\cell`); `\\line` is a line break inside a
  paragraph; a style named like a heading ("heading 1", "H1G") or an `\\outlinelevel` makes a
  heading; `\\listtext` (the list number a writer renders) stays on its paragraph. Table cells
  are content, read cell by cell, row by row.
- Footnotes and endnotes (`\\footnote`, also written `{\\*\\footnote`) are left out of the
  paragraph and read after the body, as FOOTNOTE blocks starting with their number (`\\chftn`).
- Headers and footers (`\\header`, `\\footerf`, …) are furniture, each distinct line once.
- Read for what they tell, never as text: the font table (code pages) and the style sheet (heading
  styles). Skipped destinations (not document text): the colour, list and revision tables,
  document info, pictures, object data, field instructions (the field's result is read), bookmarks,
  shape properties, footnote separators, and every `{\\*\\…}` destination not named above.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from untm.aligner.clean import RawBlock, join_wrapped
from untm.aligner.model import BlockKind, Furniture
from untm.aligner.readers.docx import HEADING_STYLE
from untm.errors import FormatError, InputError
from untm.fileio import read_bytes_checked

#: \fcharsetN → Python codec
CHARSETS = {
    0: "",  # ANSI: the document's \ansicpg
    1: "",
    2: "cp1252",  # Symbol
    77: "mac_roman",
    128: "cp932",
    129: "cp949",
    130: "johab",
    134: "gbk",
    136: "big5",
    161: "cp1253",
    162: "cp1254",
    163: "cp1258",
    177: "cp1255",
    178: "cp1256",
    186: "cp1257",
    204: "cp1251",
    222: "cp874",
    238: "cp1250",
}
SYMBOLS = {
    "emdash": "—",
    "endash": "–",
    "lquote": "‘",
    "rquote": "’",
    "ldblquote": "“",
    "rdblquote": "”",
    "bullet": "•",
    "emspace": "\u2003",
    "enspace": "\u2002",
    "qmspace": "\u2005",
    "tab": "\t",
    "line": "\n",
    "zwj": "\u200d",
    "zwnj": "\u200c",
    "~": "\u00a0",
    "_": "\u2011",
    "\\": "\\",
    "{": "{",
    "}": "}",
}
SKIP = frozenset(
    {
        "colortbl", "info", "pict", "objdata", "objclass", "objname",
        "themedata", "colorschememapping", "datastore", "latentstyles", "listtable",
        "listoverridetable", "rsidtbl", "generator", "xmlnstbl", "mmathPr", "fldinst", "filetbl",
        "revtbl", "pgdsctbl", "userprops", "bkmkstart", "bkmkend", "ftnsep", "ftnsepc", "ftncn",
        "aftnsep", "aftnsepc", "aftncn", "sp", "shprslt", "nonshppict", "template", "docvar",
        "xe", "tc", "pn", "pgdsc", "protusertbl", "wgrffmtfilter", "defchp", "defpap",
        "fontemb", "fontfile", "panose", "falt", "passwordhash",
    }
)  # fmt: skip
_HEADERS = {"header", "headerl", "headerr", "headerf"}
_FOOTERS = {"footer", "footerl", "footerr", "footerf"}
_READ_STARRED = frozenset({"footnote", "shpinst", "ud"})
_TOKEN = re.compile(
    rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\([^a-zA-Z'])|([{}])|[\r\n]+"
    rb"|([^\\{}\r\n]+)"
)
MAX_DEPTH = 2000


@dataclass(frozen=True)
class RtfText:
    """What an RTF file holds: body blocks (then notes), furniture and its code page."""

    blocks: list[RawBlock]
    furniture: list[Furniture]
    encoding: str


@dataclass(frozen=True)
class _State:
    dest: str = "body"  # body, note, header, footer, skip, fonttbl, font, stylesheet, style, upr
    uc: int = 1
    font: int = -1
    outer: str = ""  # in a {\upr …} group: the destination its {\*\ud …} part is read into


@dataclass
class _Para:
    parts: list[str] = field(default_factory=list)
    style: int = 0
    outline: bool = False
    in_table: bool = False


@dataclass
class _Parser:
    name: str
    lang: str
    ansi: str = "cp1252"
    default_font: int = -1  # \deffN: the font of text before (or without) any \fN
    fonts: dict[int, str] = field(default_factory=dict)
    styles: dict[int, str] = field(default_factory=dict)
    outline_styles: set[int] = field(default_factory=set)
    blocks: list[RawBlock] = field(default_factory=list)
    notes: list[RawBlock] = field(default_factory=list)
    furniture: list[Furniture] = field(default_factory=list)
    note_number: int = 0
    pending: bytearray = field(default_factory=bytearray)
    pending_codec: str = ""
    pending_dest: str = "body"
    # the paragraph being read, per destination kind (a note interrupts a body paragraph)
    paras: dict[str, _Para] = field(default_factory=dict)
    note_texts: list[str] = field(default_factory=list)
    capture: list[str] = field(default_factory=list)  # a font or style name being read
    capture_number: int = -1
    capture_outline: bool = False

    # -- text ------------------------------------------------------------------------------
    def codec(self, state: _State) -> str:
        font = state.font if state.font >= 0 else self.default_font
        return self.fonts.get(font, "") or self.ansi

    def flush_bytes(self) -> None:
        if self.pending:
            text = bytes(self.pending).decode(self.pending_codec, errors="replace")
            self.pending.clear()
            self._put(self.pending_dest, text)

    def add_bytes(self, data: bytes, state: _State) -> None:
        codec = self.codec(state)
        if self.pending and codec != self.pending_codec:
            self.flush_bytes()
        self.pending_codec = codec
        self.pending_dest = state.dest
        self.pending.extend(data)

    def text(self, state: _State, text: str) -> None:
        self.flush_bytes()
        self._put(state.dest, text)

    def _put(self, dest: str, text: str) -> None:
        if dest in ("font", "style"):
            self.capture.append(text)
        elif dest in ("body", "note", "header", "footer"):
            self.para(dest).parts.append(text)

    def para(self, dest: str) -> _Para:
        return self.paras.setdefault(dest, _Para())

    # -- paragraphs ------------------------------------------------------------------------
    def end_paragraph(self, state: _State, *, cell: bool = False) -> None:
        self.flush_bytes()
        dest = state.dest
        if dest not in ("body", "note", "header", "footer"):
            return
        para = self.para(dest)
        text = _joined("".join(para.parts), self.lang)
        para.parts.clear()
        if not text.strip():
            return
        if dest == "note":
            self.note_texts.append(text.strip())
        elif dest == "header" or dest == "footer":
            found = Furniture(f"running-{dest}", " ".join(text.split()), 0)
            if found not in self.furniture:
                self.furniture.append(found)
        else:
            heading = para.outline or para.style in self.outline_styles or bool(
                HEADING_STYLE.search(self.styles.get(para.style, ""))
            )
            hint = BlockKind.HEADING if heading else (
                BlockKind.BODY if cell or para.in_table else None
            )
            self.blocks.append(RawBlock(text=text, line=0, hint=hint))

    def end_note(self, state: _State) -> None:
        self.end_paragraph(state)
        text = " ".join(" ".join(self.note_texts).split())  # "1" + " See …" → "1 See …"
        self.note_texts.clear()
        if text:
            self.notes.append(RawBlock(text=text, line=0, hint=BlockKind.FOOTNOTE))

    def end_capture(self, state: _State) -> None:
        self.flush_bytes()
        name = "".join(self.capture).strip().rstrip(";").strip()
        self.capture.clear()
        if state.dest == "style" and self.capture_number >= 0:
            self.styles[self.capture_number] = name
            if self.capture_outline:
                self.outline_styles.add(self.capture_number)
        self.capture_number, self.capture_outline = -1, False


def _joined(raw: str, lang: str) -> str:
    raw = raw.encode("utf-16", "surrogatepass").decode("utf-16", "replace")  # \u pairs
    lines = raw.split("\n")
    text = lines[0]
    for line in lines[1:]:
        text = join_wrapped(text, line, lang)
    return text


def _codepage(number: int) -> str:
    name = f"cp{number}"
    try:
        codecs.lookup(name)
    except LookupError:
        return "cp1252"
    return "gbk" if number == 936 else name


def _destination(word: str, state: _State, starred: bool) -> _State | None:
    """The state a group opening with control word `word` switches to (None: no change)."""
    if state.dest == "skip":
        return None
    if state.dest == "upr-part":  # {\upr{ANSI text}{\*\ud{Unicode text}}}: the Unicode part
        return replace(state, dest=state.outer if word == "ud" else "skip")
    if word == "upr":
        return replace(state, dest="upr", outer=state.dest)
    if word in SKIP:
        return replace(state, dest="skip")
    if word == "fonttbl":
        return replace(state, dest="fonttbl")
    if word == "stylesheet":
        return replace(state, dest="stylesheet")
    if word == "footnote":
        return replace(state, dest="note")
    if word in _HEADERS:
        return replace(state, dest="header")
    if word in _FOOTERS:
        return replace(state, dest="footer")
    if starred and word not in _READ_STARRED:
        return replace(state, dest="skip")
    return None


def parse_rtf(data: bytes, name: str, lang: str) -> RtfText:
    """Parse RTF bytes (see the module's doc)."""
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not start.startswith(b"{\\rtf"):
        raise FormatError("not an RTF file (no {\\rtf signature)", path=name)
    p = _Parser(name, lang)
    stack: list[_State] = []
    state = _State()
    skip = 0  # \uc fallback characters still to skip
    group_start = False  # the token before was "{": a destination word may follow
    starred = False
    pos, end = 0, len(start)
    while pos < end:
        m = _TOKEN.match(start, pos)
        if m is None:  # a lone backslash at the very end
            break
        pos = m.end()
        if m.lastindex is None:  # raw CR/LF: RTF ignores them, even between "{" and a word
            continue
        word, param, hexbyte, symbol, brace, plain = m.groups()
        if brace == b"{":
            if len(stack) >= MAX_DEPTH:
                raise FormatError(f"RTF groups nested deeper than {MAX_DEPTH}", path=name)
            stack.append(state)
            if state.dest == "upr":
                state = replace(state, dest="upr-part")
            elif state.dest == "fonttbl":
                state = replace(state, dest="font")
            elif state.dest == "stylesheet":
                state = replace(state, dest="style")
            group_start, starred, skip = True, False, 0
            continue
        if brace == b"}":
            if state.dest in ("font", "style") and stack and stack[-1].dest != state.dest:
                p.end_capture(state)
            if state.dest == "note" and (not stack or stack[-1].dest != "note"):
                p.end_note(state)
            elif state.dest in ("header", "footer") and (not stack or stack[-1].dest != state.dest):
                p.end_paragraph(state)
            p.flush_bytes()
            if not stack:
                break  # the document's closing brace: anything after it is not RTF
            state, skip, group_start = stack.pop(), 0, False
            continue
        if symbol == b"*":
            starred = True
            continue
        if word is not None:
            w = word.decode("ascii")
            n = int(param) if param is not None else None
            if group_start or starred:
                new = _destination(w, state, starred)
                if new is not None:
                    state = new
                    group_start = starred = False
                    _control(p, w, n, state)  # e.g. \f0 inside a font-table entry
                    continue
            group_start = starred = False
            if w == "bin" and n:
                pos += max(n, 0)
                continue
            if skip and state.dest != "skip":
                skip -= 1
                continue
            if w == "uc" and n is not None:
                state = replace(state, uc=max(0, n))
            elif w == "u" and n is not None:
                if state.dest != "skip":  # a signed 16-bit code unit
                    p.text(state, chr(n % 65536) if -32768 <= n <= 65535 else "\ufffd")
                skip = state.uc
            elif w == "f" and n is not None:
                state = replace(state, font=n)
                _control(p, w, n, state)
            else:
                state = _control(p, w, n, state) or state
            continue
        group_start = False
        if state.dest == "skip":
            continue
        if hexbyte is not None:
            if skip:
                skip -= 1
                continue
            p.add_bytes(bytes([int(hexbyte, 16)]), state)
        elif symbol is not None:
            if skip:
                skip -= 1
                continue
            s = symbol.decode("latin-1")
            if s in "\r\n":
                p.end_paragraph(state)
            elif s in SYMBOLS:
                p.text(state, SYMBOLS[s])
            # "\-" optional hyphen, "\|", "\:" (index) are no text
        elif plain is not None:
            chunk = plain
            if skip:
                dropped = min(skip, len(chunk))
                chunk, skip = chunk[dropped:], skip - dropped
            if not chunk:
                continue
            if chunk.isascii():
                p.text(state, chunk.decode("ascii"))
            else:
                p.add_bytes(chunk, state)
    p.end_paragraph(_State(dest="body"))
    p.end_paragraph(_State(dest="note"))
    if p.note_texts:
        p.end_note(_State(dest="note"))
    return RtfText(p.blocks + p.notes, p.furniture, p.ansi)


def _control(p: _Parser, w: str, n: int | None, state: _State) -> _State | None:
    """Apply control word `w` (parameter `n`); the new state when it changes the group's."""
    dest = state.dest
    if dest == "skip":
        return None
    if dest in ("font", "fonttbl"):
        if w == "f" and n is not None:
            p.capture_number = n
        elif w == "fcharset" and n is not None and p.capture_number >= 0:
            p.fonts[p.capture_number] = CHARSETS.get(n, "")
        elif w == "cpg" and n is not None and p.capture_number >= 0:
            p.fonts[p.capture_number] = _codepage(n)
        return None
    if dest == "style":
        if w == "s" and n is not None:
            p.capture_number = n
        elif w == "outlinelevel" and n is not None and 0 <= n <= 8:
            p.capture_outline = True
        return None
    if w == "ansicpg" and n is not None:
        p.ansi = _codepage(n)
    elif w == "deff" and n is not None:
        p.default_font = n
    elif w == "plain":  # character formatting back to the defaults: the font is \deffN's
        return replace(state, font=-1)
    elif w in ("par", "sect"):
        p.end_paragraph(state)
    elif w in ("cell", "nestcell"):
        p.end_paragraph(state, cell=True)
    elif w == "pard":
        para = p.para(dest)
        para.style, para.outline, para.in_table = 0, False, False
    elif w == "s" and n is not None:
        p.para(dest).style = n
    elif w == "outlinelevel" and n is not None and 0 <= n <= 8:
        p.para(dest).outline = True
    elif w == "intbl":
        p.para(dest).in_table = True
    elif w == "chftn":
        if dest == "note":
            p.text(state, f"{p.note_number} ")
        else:
            p.note_number += 1  # the reference mark itself is not text
    elif w in SYMBOLS:
        p.text(state, SYMBOLS[w])
    return None


def read_rtf(path: str | Path, lang: str) -> RtfText:
    """Read an RTF file into raw blocks (body, then notes), furniture and its code page."""
    name = str(path)
    text = parse_rtf(read_bytes_checked(path), name, lang)
    if not text.blocks:
        raise InputError("the document has no text", path=name)
    return text
