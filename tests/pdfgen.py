"""UN-style A4 PDFs for the tests and benchmarks, rendered with reportlab from real texts.

A document is a list of `Item`s (cover lines, headings, numbered or unnumbered paragraphs,
footnotes, table rows); `render_pdf` lays them out as the UN prints its documents: a masthead on
the first page (the symbol top right, "United Nations" in English), the title block, a running
header with the symbol on later pages, footers with the page number and, on the first page, the
job number, barcode text and "Please recycle", footnotes in a smaller font at the foot of the page
that refers to them (a footnote that does not fit continues on the next page), paragraphs that
break across pages, and a table. Each `Layout` changes margins, fonts, sizes, header and page
number positions, justification, indentation and hyphenation.

`seed_items(lang)` is the seed report (from the seed text files, read by untm's own text reader)
plus what the generated PDFs add to it (numbered footnotes, a table); `EXTRA_PAIRS` are the
gold pairs of those additions, so the gold of a generated seed PDF is the seed gold plus them.
`heldout_items(name, lang)` are the real UN texts of ../shared/un, one line a paragraph.

Everything drawn that is not an `Item` (headers, footers, job numbers, page numbers, symbol) is
page furniture a reader must remove; everything that is an `Item` must come out as text.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

try:
    from glyphs import drawable, fallback_for, register_fallbacks
except ModuleNotFoundError:  # `python -m tests.pdfgen` (make smoke): tests/ is not on the path
    from tests.glyphs import drawable, fallback_for, register_fallbacks

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
SYMBOL = "HSP/HA.2/8/Add.2"
# a space between two Han characters: in a text layer that spaces them out, never in what is read
HAN_SPACE = re.compile(r"[\u4e00-\u9fff] +[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Item:
    """One piece of document content: kind is cover, heading, body, footnote or row."""

    kind: str
    text: str
    note: str = ""  # body: a footnote marker to put after the word `at`
    at: str = ""
    cells: tuple[str, ...] = ()  # row: its cells


@dataclass(frozen=True)
class Layout:
    """How a document is laid out on the page."""

    name: str
    margin_left: float = 72.0
    margin_right: float = 72.0
    margin_top: float = 72.0
    margin_bottom: float = 72.0
    en_font: str = "Times-Roman"
    en_bold: str = "Times-Bold"
    zh_font: str = "STSong-Light"  # or "WQY" (TrueType, embedded)
    size: float = 10.0
    leading: float = 12.0
    note_size: float = 8.0
    para_space: float = 6.0
    indent: float = 28.0  # text indent of a numbered paragraph (the label hangs at the margin)
    first_indent: float = 0.0  # extra first-line indent of unnumbered paragraphs
    justify: bool = True
    hyphenate: bool = False  # English: break long words at the line end with a hyphen
    header: str = "alternate"  # "alternate" (outer corner), "left", "center"
    page_number: str = "outer"  # "outer", "center" ("- 3 -")
    job: str = "GE.23-04567 (C)"
    zh_spaced: bool = False  # the text layer spaces out Chinese (justified lines, see _wrap)
    # room (em) before each wide character, for a canvas that draws a space glyph in it
    # (tests/producers/reportlab_scaled.py); the plain canvas leaves it empty
    zh_track: float = 0.0
    symbol: str = SYMBOL


LAYOUTS: tuple[Layout, ...] = (
    Layout("un-times"),
    Layout(
        "wide-helvetica",
        margin_left=60,
        margin_right=60,
        margin_top=64,
        en_font="Helvetica",
        en_bold="Helvetica-Bold",
        size=10.5,
        leading=13.0,
        note_size=8.5,
        indent=36,
        header="left",
        page_number="center",
        job="K2309876 060523",
        hyphenate=True,
    ),
    Layout(
        "ragged-wqy",
        margin_left=80,
        margin_right=80,
        zh_font="WQY",
        size=11.0,
        leading=14.0,
        note_size=9.0,
        para_space=8.0,
        justify=False,
        first_indent=20,
        zh_spaced=True,
        hyphenate=True,
    ),
)
# Never used while building the reader: the held-out layout of the real UN texts.
HELDOUT = Layout(
    "kept-aside",
    margin_left=66,
    margin_right=78,
    margin_top=80,
    margin_bottom=66,
    en_font="Helvetica",
    en_bold="Helvetica-Bold",
    zh_font="WQY",
    size=10.0,
    leading=12.5,
    note_size=7.5,
    para_space=5.0,
    indent=32,
    header="center",
    page_number="outer",
    job="23-11111 (C)",
    symbol="E/2023/L.99",
)


@cache
def _fonts() -> None:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    if WQY.exists():
        pdfmetrics.registerFont(TTFont("WQY", str(WQY), subfontIndex=0))
    register_fallbacks()


def has_font(layout: Layout) -> bool:
    """Whether the fonts of `layout` are on this machine (wqy-microhei is a Debian package)."""
    return layout.zh_font != "WQY" or WQY.exists()


def _is_wide(ch: str) -> bool:
    return ord(ch) >= 0x2E80


def _font_for(ch: str, layout: Layout, bold: bool) -> str:
    if _is_wide(ch) or ch in "“”‘’—…" or not _latin(ch):
        return layout.zh_font
    return layout.en_bold if bold else layout.en_font


def _latin(ch: str) -> bool:
    """Whether the standard Latin fonts (WinAnsi encoding) can draw `ch`."""
    try:
        ch.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _runs(text: str, layout: Layout, bold: bool, lang: str) -> list[tuple[str, str]]:
    """Text cut into (font, text) runs: Chinese text, and what the Latin fonts cannot encode
    ("‐" U+2010), in the CJK font, the rest in the Latin one; a character the font so chosen
    has no glyph for (U+2011 in STSong-Light and WenQuanYi) in the fallback face
    (tests/glyphs.py), as a word processor falls back to a font that has it."""
    runs: list[tuple[str, str]] = []
    fallback = fallback_for(layout.en_font, bold)
    for ch in text:
        font = _font_for(ch, layout, bold) if lang == "zh" else (
            layout.zh_font if _is_wide(ch) or not _latin(ch)
            else (layout.en_bold if bold else layout.en_font))
        font = drawable(font, ch, fallback)
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + ch)
        else:
            runs.append((font, ch))
    return runs


def _width(text: str, layout: Layout, size: float, bold: bool, lang: str) -> float:
    track = layout.zh_track * size * sum(1 for ch in text if _is_wide(ch))
    runs = _runs(text, layout, bold, lang)
    return track + sum(pdfmetrics.stringWidth(t, f, size) for f, t in runs)


_NO_LINE_START = set("，。、；：？！）》」』”’,.;:?!)%")


def _tokens(text: str, lang: str) -> list[str]:
    """Break opportunities: words (with their following space) in English, characters in Chinese
    (Latin words and numbers inside Chinese stay whole)."""
    if lang == "en":
        return re.findall(r"\S+\s*", text)
    return re.findall(r"[A-Za-z0-9.\-/–]+\s*|\s+|.", text)


@dataclass
class _Line:
    text: str
    x: float
    width: float  # the width to justify to (0: do not justify)
    size: float
    bold: bool = False
    notes: list[tuple[str, str]] = field(default_factory=list)  # (marker, word it follows)


def _wrap(
    text: str, width: float, first_x: float, rest_x: float, layout: Layout, size: float,
    bold: bool, lang: str, *, hyphenate: bool,
) -> list[tuple[str, float, bool]]:
    """Lines of a paragraph: (text, x, full) — full lines are justified when the layout does.
    A `zh_spaced` layout's text layer spaces out its full lines as `extracted_text.space_out`
    does (a space at every boundary with a Chinese character, "联 合 国", "（ 1 ）", "向 25 个");
    a paragraph's last line stays as written, as in real spaced-out PDFs."""
    spaced = lang == "zh" and layout.zh_spaced
    if spaced:
        from extracted_text import space_out  # tests/ is on the path (pytest, bench)
    else:
        def space_out(line: str) -> str:
            return line
    lines: list[tuple[str, float, bool]] = []
    toks = _tokens(text, lang)
    cur, x = "", first_x
    avail = width - (first_x - rest_x)
    i = 0
    while i < len(toks):
        tok = toks[i]
        trial = cur + tok
        if not cur or _width(space_out(trial.rstrip()), layout, size, bold, lang) <= avail:
            cur = trial
            i += 1
            continue
        if lang == "zh" and tok[0] in _NO_LINE_START:  # kinsoku: no punctuation at a line start
            cur = trial
            i += 1
            continue
        word = tok.rstrip()
        if hyphenate and lang == "en" and re.fullmatch(r"[a-z]{9,}[,.;]?", word):
            for cut in range(len(word) - 4, 3, -1):
                head = word[:cut] + "-"
                if _width(cur + head, layout, size, bold, lang) <= avail:
                    cur += head
                    toks[i] = word[cut:] + tok[len(word):]
                    break
        lines.append((space_out(cur.rstrip()), x, True))
        cur, x, avail = "", rest_x, width
    if cur.strip():
        lines.append((cur.rstrip(), x, False))
    return lines


@dataclass
class _Page:
    lines: list[tuple[float, _Line]] = field(default_factory=list)  # (baseline y, line)
    notes: list[_Line] = field(default_factory=list)
    rows: list[tuple[float, Item]] = field(default_factory=list)


class _Renderer:
    """Lays out items on A4 pages and draws them."""

    def __init__(self, layout: Layout, lang: str,
                 canvas_class: type[canvas.Canvas] = canvas.Canvas) -> None:
        _fonts()
        self.canvas_class = canvas_class
        self.layout = layout
        self.lang = lang
        self.width, self.height = A4
        self.text_width = self.width - layout.margin_left - layout.margin_right
        self.pages: list[_Page] = [_Page()]
        self.y = self.height - layout.margin_top
        self.pending_notes: list[_Line] = []

    # -- layout -------------------------------------------------------------------------------
    def _note_height(self, page: _Page) -> float:
        n = len(page.notes)
        return 0.0 if n == 0 else n * (self.layout.note_size + 2.5) + 10

    def _bottom(self) -> float:
        return self.layout.margin_bottom + self._note_height(self.pages[-1])

    def _new_page(self) -> None:
        self.pages.append(_Page())
        self.y = self.height - self.layout.margin_top
        carried, self.pending_notes = self.pending_notes, []
        for note in carried:
            self._place_note(note)

    def _place_note(self, note: _Line) -> None:
        page = self.pages[-1]
        lo = self.layout
        room = self.y - lo.margin_bottom - self._note_height(page) - 3 * lo.leading
        if room < self.layout.note_size + 2.5:
            self.pending_notes.append(note)  # continues on the next page
            return
        page.notes.append(note)

    def _need(self, height: float) -> None:
        if self.y - height < self._bottom():
            self._new_page()

    def add_line(self, line: _Line, leading: float) -> None:
        self._need(leading)
        self.y -= leading
        self.pages[-1].lines.append((self.y, line))

    def space(self, amount: float) -> None:
        self.y -= amount

    def note_lines(self, marker: str, text: str) -> list[_Line]:
        lo = self.layout
        x0 = lo.margin_left + 18
        wrapped = _wrap(text, self.text_width - 18, x0, x0, lo, lo.note_size, False, self.lang,
                        hyphenate=False)
        out = []
        for k, (t, x, full) in enumerate(wrapped):
            out.append(_Line(t, x, self.text_width - 18 if (full and lo.justify) else 0,
                             lo.note_size, notes=[(marker, "")] if k == 0 else []))
        return out

    def paragraph(self, item: Item, first_page_notes: list[tuple[str, str]]) -> None:
        lo, size = self.layout, self.layout.size
        bold = item.kind == "heading"
        label = re.match(r"^(\d{1,3}\.)\s+", item.text) if item.kind == "body" else None
        if item.kind in ("heading", "cover"):
            text, first_x, rest_x = item.text, lo.margin_left, lo.margin_left
            width = self.text_width
        elif label:
            text = item.text[label.end():]
            first_x = rest_x = lo.margin_left + lo.indent
            width = self.text_width - lo.indent
        else:
            text = item.text
            rest_x = lo.margin_left + lo.indent
            first_x = rest_x + lo.first_indent
            width = self.text_width - lo.indent
        hyphenate = lo.hyphenate and item.kind == "body"
        wrapped = _wrap(text, width, first_x, rest_x, lo, size, bold, self.lang,
                        hyphenate=hyphenate)
        if item.kind == "heading":
            self._need(3 * lo.leading)  # keep a heading with the start of its paragraph
        for k, (t, x, full) in enumerate(wrapped):
            line = _Line(t, x, width - (x - rest_x) if (full and lo.justify) else 0, size, bold)
            if k == 0 and label:
                line.notes.append(("LABEL", label.group(1)))
            if item.note and re.search(rf"(?<![\w-]){re.escape(item.at)}(?![\w-])", t) and not any(
                m == item.note for m, _ in first_page_notes
            ):
                line.notes.append((item.note, item.at))
                first_page_notes.append((item.note, item.at))
            self.add_line(line, lo.leading)
        self.space(lo.para_space)

    def table(self, rows: Sequence[Item]) -> None:
        lo = self.layout
        self._need((len(rows) + 1) * (lo.leading + 4))
        self.space(4)
        for row in rows:
            self.y -= lo.leading + 4
            self.pages[-1].rows.append((self.y, row))
        self.space(lo.para_space + 4)

    # -- drawing ------------------------------------------------------------------------------
    def _draw_text(self, c: canvas.Canvas, text: str, x: float, y: float, size: float,
                   bold: bool, width: float = 0.0) -> float:
        """Draw `text` at (x, y); justified to `width` when given; returns the end x."""
        lo = self.layout
        natural = _width(text, lo, size, bold, self.lang)
        spaces = text.count(" ")
        extra_word = extra_char = 0.0
        if width and natural < width:
            if self.lang == "en" and spaces:
                extra_word = (width - natural) / spaces
            elif self.lang == "zh" and len(text) > 1:
                extra_char = (width - natural) / (len(text) - 1)
        t = c.beginText(x, y)
        t.setCharSpace(extra_char)
        t.setWordSpace(extra_word)
        for font, run in _runs(text, lo, bold, self.lang):
            t.setFont(font, size)
            t.textOut(run)
        c.drawText(t)
        return x + natural + extra_word * spaces + extra_char * max(0, len(text) - 1)

    def _sup(self, c: canvas.Canvas, marker: str, x: float, y: float, size: float) -> None:
        c.setFont(self.layout.en_font, size * 0.6)
        c.drawString(x, y + size * 0.38, marker)

    def _draw_line(self, c: canvas.Canvas, y: float, line: _Line) -> None:
        lo = self.layout
        for marker, word in line.notes:
            if marker == "LABEL":
                c.setFont(lo.en_font, line.size)
                c.drawString(lo.margin_left, y, word)
        notes = [(m, w) for m, w in line.notes if m != "LABEL" and w]
        if not notes:
            self._draw_text(c, line.text, line.x, y, line.size, line.bold, line.width)
            return
        # a reference marker after a word: draw the text up to it, the marker raised, the rest
        marker, word = notes[0]
        m = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", line.text)
        assert m is not None
        head, tail = line.text[: m.end()], line.text[m.end():]
        end = self._draw_text(c, head, line.x, y, line.size, line.bold)
        self._sup(c, marker, end + 0.5, y, line.size)
        gap = pdfmetrics.stringWidth(marker, lo.en_font, line.size * 0.6) + 1
        self._draw_text(c, tail, end + gap, y, line.size, line.bold)

    def _furniture(self, c: canvas.Canvas, number: int, cover: bool) -> None:
        lo = self.layout
        left, right = lo.margin_left, self.width - lo.margin_right
        c.setFont(lo.en_font, 8.5)
        c.setLineWidth(0.5)
        if not cover:
            top = self.height - lo.margin_top + 24
            odd = number % 2 == 1
            if lo.header == "center":
                c.drawCentredString(self.width / 2, top, lo.symbol)
            elif lo.header == "left" or not odd:
                c.drawString(left, top, lo.symbol)
            else:
                c.drawRightString(right, top, lo.symbol)
            c.line(left, top - 4, right, top - 4)
        foot = lo.margin_bottom - 30
        if lo.page_number == "center":
            c.drawCentredString(self.width / 2, foot, f"- {number} -")
        elif number % 2 == 1:
            c.drawRightString(right, foot, str(number))
        else:
            c.drawString(left, foot, str(number))
        if number == 1:
            c.setFont(lo.en_font, 8)
            c.drawString(left, foot - 14, lo.job)
            c.drawString(left + 150, foot - 14, "*" + re.sub(r"\D", "", lo.job)[:7] + "*")
            c.drawRightString(right, foot - 14, "Please recycle")

    def _masthead(self, c: canvas.Canvas) -> float:
        lo = self.layout
        top = self.height - lo.margin_top + 20
        right = self.width - lo.margin_right
        c.setFont(lo.en_bold, 16)
        c.drawRightString(right, top, lo.symbol)
        c.setLineWidth(1.2)
        c.line(lo.margin_left, top - 10, right, top - 10)
        return top - 34

    def _draw_notes(self, c: canvas.Canvas, notes: list[_Line]) -> None:
        lo = self.layout
        y = lo.margin_bottom + self._note_height(_Page(notes=notes)) - 10
        c.setLineWidth(0.5)
        c.line(lo.margin_left, y + 4, lo.margin_left + 120, y + 4)
        for note in notes:
            y -= lo.note_size + 2.5
            for marker, _ in note.notes:
                if self.lang == "zh" and not marker.startswith("*"):
                    self._sup(c, marker, lo.margin_left + 10, y, note.size)
                else:
                    c.setFont(lo.en_font, note.size)
                    c.drawString(lo.margin_left + 6, y, marker)
            self._draw_text(c, note.text, note.x, y, note.size, False, note.width)

    def draw(self, path: Path, masthead: Sequence[tuple[str, str]]) -> None:
        c = self.canvas_class(str(path), pagesize=A4, invariant=1)
        c.setTitle("untm test document")
        lo = self.layout
        for number, page in enumerate(self.pages, start=1):
            cover = number == 1 or (page.lines and page.lines[0][1].notes == [("COVER", "")])
            if cover:
                y = self._masthead(c)
                for where, text in masthead:
                    if where == "left":
                        c.setFont(lo.en_bold, 15)
                        c.drawString(lo.margin_left, y, text)
                    else:
                        c.setFont(lo.en_font, 9)
                        c.drawString(self.width - lo.margin_right - 110, y, text)
                        y -= 12
            for y, line in page.lines:
                if line.notes == [("COVER", "")]:
                    continue
                self._draw_line(c, y, line)
            for y, row in page.rows:
                x = lo.margin_left + lo.indent
                col = (self.text_width - lo.indent) / len(row.cells)
                for cell in row.cells:
                    self._draw_text(c, cell, x, y, lo.size - 1, False)
                    x += col
                c.setLineWidth(0.3)
                c.line(lo.margin_left + lo.indent, y - 4, self.width - lo.margin_right, y - 4)
            if page.notes:
                self._draw_notes(c, page.notes)
            self._furniture(c, number, bool(cover))
            c.showPage()
        c.save()


def render_pdf(items: Sequence[Item], lang: str, layout: Layout, path: Path,
               canvas_class: type[canvas.Canvas] = canvas.Canvas) -> Path:
    """Lay out and draw `items` as a UN-style A4 PDF at `path`; `canvas_class` draws the text
    (tests/producers/reportlab_scaled.py draws every glyph as Word + Distiller do)."""
    r = _Renderer(layout, lang, canvas_class)
    masthead: list[tuple[str, str]] = []
    lo = layout
    notes_here: list[tuple[str, str]] = []
    texts = {i.text.split(" ", 1)[0]: i for i in items if i.kind == "footnote"}
    pending_rows: list[Item] = []
    first_cover = True
    for item in items:
        if item.kind != "row" and pending_rows:
            r.table(pending_rows)
            pending_rows = []
        if item.kind == "masthead-left" or item.kind == "masthead-right":
            masthead.append(("left" if item.kind == "masthead-left" else "right", item.text))
            continue
        if item.kind == "newdoc":
            r._new_page()
            r.add_line(_Line("", 0, 0, lo.size, notes=[("COVER", "")]), 0)
            r.space(50)
            continue
        if item.kind == "cover":
            if first_cover:
                r.space(50)  # room for the masthead
                first_cover = False
            big = item.text.endswith("**") or "联合进度报告" in item.text
            size = lo.size + 3 if big else lo.size
            for t, x, _full in _wrap(item.text, r.text_width * 0.8, lo.margin_left,
                                     lo.margin_left, lo, size, big, lang, hyphenate=False):
                line = _Line(t, x, 0, size, big)
                for marker in ("**", "*"):
                    if marker in t:
                        for note_line in r.note_lines(marker, _note_text(texts, marker)):
                            r._place_note(note_line)
                        break
                r.add_line(line, size + 3)
            r.space(6)
            continue
        if item.kind == "footnote":
            continue  # placed with the cover line or paragraph that refers to it
        if item.kind == "row":
            pending_rows.append(item)
            continue
        if item.note:
            note = next(i for i in items if i.kind == "footnote"
                        and i.text.startswith(item.note + " "))
            lines = r.note_lines(item.note, note.text.split(" ", 1)[1])
            for note_line in lines:
                r._place_note(note_line)
        r.paragraph(item, notes_here)
    if pending_rows:
        r.table(pending_rows)
    r.draw(path, masthead)
    return path


def _note_text(texts: dict[str, Item], marker: str) -> str:
    return texts[marker].text.split(" ", 1)[1]


# --- the documents -----------------------------------------------------------------------------
# What the generated seed PDFs add to the seed text: two numbered footnotes referred to from body
# paragraphs (the markers must not end up in the text) and a table; their gold pairs.
EXTRA_NOTES = {
    "zh": (("1", "见 HSP/HA.1/Res.1 号决议。", "5", "HSP/HA.1/Res.1"),
           ("2", "详情见环境署和人居署的联合网站，该网站每季度更新一次。", "16", "3 月 30 日")),
    "en": (("1", "See resolution HSP/HA.1/Res.1.", "5", "HSP/HA.1/Res.1,"),
           ("2", "Details are available on the joint website of UNEP and UN-Habitat, which is "
                 "updated every quarter.", "16", "30 March")),
}
TABLE = {
    "zh": (("年份", "合作框架", "主题"), ("2008", "第一个正式合作框架", "环境规划和管理"),
           ("2021", "季度协调会议", "城市环境")),
    "en": (("Year", "Cooperation framework", "Theme"),
           ("2008", "First formal framework", "Environmental planning"),
           ("2021", "Quarterly coordination", "Urban environment")),
}
EXTRA_PAIRS: tuple[tuple[str, str], ...] = (
    # footnotes keep their marker, as the seed gold's "* HSP/HA.2/1." does
    *((f"{z[0]} {z[1]}", f"{e[0]} {e[1]}")
      for z, e in zip(EXTRA_NOTES["zh"], EXTRA_NOTES["en"], strict=True)),
    # a table is read cell by cell, row by row
    *((zc, ec) for z, e in zip(TABLE["zh"], TABLE["en"], strict=True)
      for zc, ec in zip(z, e, strict=True)),
)


def _seed_paragraphs(lang: str) -> list[Item]:
    from untm.aligner.model import BlockKind
    from untm.aligner.read import read_document

    here = Path(__file__).resolve().parent.parent / "seeds"
    path = here / ("000_a932ec9d51e334cb.txt" if lang == "zh" else "000_a932ec9d51e334cb.en.txt")
    doc = read_document(path, lang)
    items: list[Item] = []
    last_label: str | None = None
    for p in doc.paragraphs:
        kind = p.kind.value
        if p.kind is BlockKind.BODY and p.label == last_label and items[-1].kind == "body":
            joiner = "" if lang == "zh" else " "
            items[-1] = replace(items[-1], text=items[-1].text + joiner + p.text)
            continue
        if p.kind is BlockKind.BODY:
            last_label = p.label
        items.append(Item(kind, p.text))
    return items


def seed_items(lang: str, *, extras: bool = True) -> list[Item]:
    """The seed report as items: its masthead lines placed as on a UN cover, plus the extras."""
    items: list[Item] = []
    for item in _seed_paragraphs(lang):
        if item.text == "United Nations":
            items.append(Item("masthead-left", item.text))
        elif item.text.startswith(("Distr.", "Original:")):
            items.append(Item("masthead-right", item.text))
        else:
            items.append(item)
    if not extras:
        return items
    out: list[Item] = []
    notes = {n[2]: n for n in EXTRA_NOTES[lang]}
    for item in items:
        label = re.match(r"^(\d+)\. ", item.text)
        if item.kind == "body" and label and label.group(1) in notes:
            marker, text, _, word = notes[label.group(1)]
            item = replace(item, note=marker, at=word)
            out.append(item)
            out.append(Item("footnote", f"{marker} {text}"))
        else:
            out.append(item)
        if label and label.group(1) == "2":
            out.extend(Item("row", " ".join(cells), cells=cells) for cells in TABLE[lang])
    return out


def repeated(items: Sequence[Item], copies: int) -> list[Item]:
    """`copies` documents in one file, each starting on a new page with its own cover."""
    out = list(items)
    for _ in range(copies - 1):
        out.append(Item("newdoc", ""))
        out.extend(i for i in items if not i.kind.startswith("masthead"))
    return out


HELDOUT_NAMES = ("udhr", "sdg_goals_targets", "sdg_indicators",
                 *(f"ecosoc_{n:02d}" for n in range(1, 8)))


def heldout_files(name: str, shared: Path) -> tuple[Path, Path]:
    """The (zh, en) one-unit-a-line files of a held-out text."""
    if name == "udhr":
        return shared / "un/udhr/udhr.zh.txt", shared / "un/udhr/udhr.en.txt"
    if name.startswith("sdg"):
        return shared / f"un/sdg/{name}.zh.txt", shared / f"un/sdg/{name}.en.txt"
    number = name.split("_")[1]
    folder = shared / "un/ecosoc2023"
    zh = next(folder.glob(f"{number}_*.zh.txt"))
    return zh, zh.with_name(zh.name.replace(".zh.txt", ".en.txt"))


def heldout_gold(name: str, shared: Path) -> list[tuple[str, str]]:
    """Gold (zh, en) pairs of a held-out text (its own alignment file)."""
    zh_path, en_path = heldout_files(name, shared)
    zh = zh_path.read_text(encoding="utf-8").splitlines()
    en = en_path.read_text(encoding="utf-8").splitlines()
    if name == "udhr":
        pairs = []
        for row in (shared / "un/udhr/udhr.gold_alignment.tsv").read_text(
            encoding="utf-8"
        ).splitlines()[1:]:
            cols = row.split("\t")
            if cols[0] and cols[1]:
                pairs.append(("".join(zh[int(k)] for k in cols[1].split(",")),
                              " ".join(en[int(k)] for k in cols[0].split(","))))
        return pairs
    return list(zip(zh, en, strict=True))


def heldout_items(name: str, lang: str, shared: Path) -> list[Item]:
    """A held-out text as items: each line one unnumbered paragraph (short lines as headings)."""
    zh_path, en_path = heldout_files(name, shared)
    lines = (zh_path if lang == "zh" else en_path).read_text(encoding="utf-8").splitlines()
    items = [Item("cover", lines[0])]
    for line in lines[1:]:
        short = len(line) < (12 if lang == "zh" else 30) and not line.rstrip().endswith(
            (".", "。", ",", "，", ";", "；"))
        items.append(Item("heading" if short else "body", line))
    return items


# --- bad PDFs ----------------------------------------------------------------------------------
def assemble(objs: dict[int, bytes]) -> bytes:
    """A PDF file from numbered objects (object 1 the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets: dict[int, int] = {}
    for k in sorted(objs):
        offsets[k] = len(out)
        out += b"%d 0 obj\n" % k + objs[k] + b"\nendobj\n"
    xref = len(out)
    size = max(objs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for k in range(1, size):
        out += b"%010d 00000 n \n" % offsets[k] if k in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


_PAGE = (b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
         b"/Resources << /Font << /F1 5 0 R >> >> >>")
_STREAM = b"BT /F1 12 Tf 72 700 Td (The United Nations and its work.) Tj ET"
_HELLO = {
    4: b"<< /Length %d >>\nstream\n%s\nendstream" % (len(_STREAM), _STREAM),
    5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
}


def many_pages_pdf(pages: int) -> bytes:
    """A small file that claims `pages` pages (one page object listed over and over)."""
    return assemble({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [" + b"3 0 R " * pages + b"] /Count %d >>" % pages,
        3: _PAGE % 2,
        **_HELLO,
    })


def deep_tree_pdf(depth: int) -> bytes:
    """A page tree nested `depth` levels deep above its one page."""
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: b"<< >>", **_HELLO,
            2: b"<< /Type /Pages /Kids [6 0 R] /Count 1 >>"}
    for k in range(depth):
        objs[6 + k] = b"<< /Type /Pages /Parent %d 0 R /Kids [%d 0 R] /Count 1 >>" % (
            2 if k == 0 else 5 + k, 7 + k)
    objs[6 + depth] = _PAGE % (5 + depth)
    return assemble(objs)


def bad_pdfs(good: bytes) -> dict[str, tuple[bytes, str]]:
    """Each bad PDF case: (file bytes, a phrase the one-line error must contain)."""
    import io

    from reportlab.lib import pdfencrypt

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for _ in range(2):  # pages of shapes only: what a scan without OCR looks like to a reader
        for i in range(40):
            c.rect(72, 100 + i * 15, 400, 8, fill=1)
        c.showPage()
    c.save()
    scanned = buf.getvalue()
    buf = io.BytesIO()
    enc = pdfencrypt.StandardEncryption("secret", ownerPassword="owner")
    c = canvas.Canvas(buf, pagesize=A4, encrypt=enc, invariant=1)
    c.drawString(72, 700, "The United Nations Human Settlements Programme and its partners.")
    c.showPage()
    c.save()
    return {
        "scan": (scanned, "no text layer"),
        "encrypted": (buf.getvalue(), "password"),
        "truncated": (good[: len(good) // 2], "truncated"),
        "corrupt": (good[:2000] + bytes(range(256)) * 20 + b"\n%%EOF\n", "not a valid PDF"),
        "not-a-pdf": ("联合国人类住区规划署\n".encode() * 50, "not a PDF"),
        "many-pages": (many_pages_pdf(100_000), "pages"),
        "deep-tree": (deep_tree_pdf(5000), "cannot be read"),
    }


# --- a resolution: unnumbered paragraphs that end in commas --------------------------------------
RESOLUTION = {
    "en": (
        "The General Assembly,",
        "Recalling its resolution 46/182 of 19 December 1991 and the guiding principles contained "
        "in the annex thereto, and its other relevant resolutions on the strengthening of the "
        "coordination of emergency humanitarian assistance,",
        "Reaffirming the principles of humanity, neutrality, impartiality and independence for "
        "the provision of humanitarian assistance,",
        "Noting with concern that the number of people in need of humanitarian assistance "
        "continues to grow, and that the gap between needs and resources is widening,",
        "1. Welcomes the report of the Secretary-General on the strengthening of the coordination "
        "of emergency humanitarian assistance of the United Nations;",
        "2. Requests the Secretary-General to report to the General Assembly at its next session "
        "on progress made in the implementation of the present resolution.",
    ),
    "zh": (
        "大会，",
        "回顾其1991年12月19日第46/182号决议及其附件所载指导原则，以及关于加强紧急人道主义援助协调"
        "的其他相关决议，",
        "重申提供人道主义援助的人道、中立、公正和独立原则，",
        "关切地注意到需要人道主义援助的人数继续增加，需求与资源之间的差距正在扩大，",
        "1. 欢迎秘书长关于加强联合国紧急人道主义援助协调的报告；",
        "2. 请秘书长向大会下届会议报告本决议执行进展情况。",
    ),
}


def resolution_items(lang: str) -> list[Item]:
    """A short resolution: a preamble of unnumbered paragraphs ending in commas, then operative
    paragraphs."""
    return [Item("body", text) for text in RESOLUTION[lang]]


def main(argv: Sequence[str]) -> int:
    """`python -m tests.pdfgen OUT_DIR`: the seed pair as UN-style PDFs in the first layout
    (`seed.zh.pdf`, `seed.en.pdf`), for the smoke test of the installed wheel."""
    if len(argv) != 1:
        print("usage: python -m tests.pdfgen OUT_DIR", file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    for lang in ("zh", "en"):
        render_pdf(seed_items(lang, extras=False), lang, LAYOUTS[0], out / f"seed.{lang}.pdf")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
