"""A document written by fpdf2 (PyPI `fpdf2`, pure Python, its own PDF writer and line breaker:
a text writer other than reportlab) from its pieces: A4, paragraphs justified by `multi_cell`
(align "J"), the masthead, cover lines, headings, tables ruled under each row, a running header
(the symbol) from page 2 and a footer with the page number ("Please recycle" and the job number
on page 1), footnotes at the foot of the page where the paragraph that refers to them starts,
under a short rule. English and Chinese alike hang a paragraph's number 10 mm with 6 pt between
paragraphs (as the HTML page of tests/producers/html_build.py). A paragraph with a footnote mark
is written through fpdf2's text region (`text_columns`: the same line breaker and justification)
since `multi_cell` sets a whole cell in one vertical position and the mark is raised.

Chinese is set in Noto Serif CJK SC (Debian fonts-noto-cjk, its face in the .ttc), Latin in
Liberation Serif (Debian fonts-liberation) with Noto Serif CJK SC as fpdf2's fallback font.
fpdf2 is no dependency of untm: `pip install fpdf2` (a dev extra).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from producers.structure import Note, Piece, Structure

NOTO = Path("/usr/share/fonts/opentype/noto")
SC_FACE = 2  # Noto Serif CJK SC in Debian's NotoSerifCJK-{Regular,Bold}.ttc (fc-scan's index)
LIBERATION = Path("/usr/share/fonts/truetype/liberation")
BODY = 10.5  # points
LINE = BODY * 1.4 / 72 * 25.4  # mm
MARGINS = (22.0, 24.0, 22.0, 26.0)  # left, top, right, bottom (mm)
PT = 25.4 / 72


def has_fonts() -> bool:
    return ((NOTO / "NotoSerifCJK-Regular.ttc").exists()
            and (LIBERATION / "LiberationSerif-Regular.ttf").exists())


def _pdf_class() -> Any:
    """The FPDF subclass with the header, the footer and the notes at the page's foot (fpdf2
    imported here: the module is importable without it)."""
    from fpdf import FPDF

    class Pages(FPDF):  # type: ignore[misc]
        def __init__(self, lang: str, symbol: str, job: str) -> None:
            super().__init__(format="A4", unit="mm")
            self.lang, self.symbol, self.job = lang, symbol, job
            self.notes: list[Note] = []  # this page's, drawn at its foot
            self.notes_height = 0.0

        def header(self) -> None:
            self.notes, self.notes_height = [], 0.0
            self.set_auto_page_break(True, MARGINS[3])
            if self.page_no() > 1:
                self.set_font("serif", "", 8.5)
                self.set_xy(MARGINS[0], 14)
                self.cell(self.epw, 4, self.symbol, align="R")
                self.set_xy(MARGINS[0], MARGINS[1])

        def footer(self) -> None:
            if self.notes:
                self._draw_notes()
            self.set_font("serif", "", 8)
            self.set_xy(MARGINS[0], self.h - 16)
            if self.page_no() == 1:
                self.cell(self.epw / 2, 4, self.job, align="L")
                self.cell(self.epw / 2, 4, "Please recycle", align="R")
            else:
                self.cell(self.epw, 4, str(self.page_no()), align="R")

        def note_height(self, note: Note) -> float:
            self.set_font("serif", "", 8.5)
            lines = self.multi_cell(self.epw, 8.5 * 1.3 * PT, _note_line(note),
                                    dry_run=True, output="LINES", wrapmode=_wrap(self))
            return float(len(lines)) * 8.5 * 1.3 * PT + 1.0

        def reserve(self, note: Note) -> None:
            """Keep room at this page's foot for `note` (and a rule over the first)."""
            height = self.note_height(note) + (0 if self.notes else 4.0)
            if self.get_y() + LINE + height > self.h - MARGINS[3] - self.notes_height:
                self.add_page()
                height = self.note_height(note) + 4.0
            self.notes.append(note)
            self.notes_height += height
            self.set_auto_page_break(True, MARGINS[3] + self.notes_height)

        def _draw_notes(self) -> None:
            y = self.h - MARGINS[3] - self.notes_height + 2.0
            self.set_line_width(0.5 * PT)
            self.line(MARGINS[0], y, MARGINS[0] + 40, y)
            self.set_auto_page_break(False)
            self.set_xy(MARGINS[0], y + 2.0)
            self.set_font("serif", "", 8.5)
            for note in self.notes:
                self.multi_cell(self.epw, 8.5 * 1.3 * PT, _note_line(note), align="L",
                                new_x="LMARGIN", new_y="NEXT", wrapmode=_wrap(self))
                self.set_y(self.get_y() + 1.0)

    return Pages


def _wrap(pdf: Any) -> str:
    """fpdf2 breaks lines at spaces ("WORD"); Chinese, which has none, at any character
    ("CHAR", as fpdf2's documentation says for CJK text)."""
    return "CHAR" if pdf.lang == "zh" else "WORD"


def _note_line(note: Note) -> str:
    return f"{note.marker} {note.text}"


def _fonts(pdf: Any, lang: str) -> None:
    for style, weight in (("", "Regular"), ("B", "Bold")):
        pdf.add_font("cjk", style, NOTO / f"NotoSerifCJK-{weight}.ttc",
                     collection_font_number=SC_FACE)
        if lang == "en":
            pdf.add_font("serif", style, LIBERATION / f"LiberationSerif-{weight}.ttf")
        else:  # Chinese text in the CJK face, its Latin too (as a Chinese document sets it)
            pdf.add_font("serif", style, NOTO / f"NotoSerifCJK-{weight}.ttc",
                         collection_font_number=SC_FACE)
    pdf.set_fallback_fonts(["cjk"])


def _masthead(pdf: Any, st: Structure, symbol: str) -> None:
    left = st.masthead_left[0] if st.masthead_left else ""
    pdf.set_font("serif", "B", 15)
    pdf.cell(pdf.epw / 2, 8, left, align="L")
    pdf.set_font("serif", "B", 16)
    pdf.cell(pdf.epw / 2, 8, symbol, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_line_width(1.2 * PT)
    pdf.line(MARGINS[0], pdf.get_y() + 1, pdf.w - MARGINS[2], pdf.get_y() + 1)
    pdf.set_y(pdf.get_y() + 3)
    pdf.set_font("serif", "", 9)
    for line in st.masthead_right:
        pdf.cell(pdf.epw, 9 * 1.4 * PT, line, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(pdf.get_y() + 3)


def _marked(pdf: Any, x: float, text: str, note: Note, style: str, size: float,
            align: str) -> None:
    """`text` with its note's mark raised where it goes, through a text region (`multi_cell`
    sets a cell in one vertical position)."""
    columns = pdf.text_columns(text_align=align, l_margin=x, r_margin=MARGINS[2],
                               line_height=1.4, wrapmode=_wrap(pdf))
    with columns, columns.paragraph() as par:
        pdf.set_font("serif", style, size)
        par.write(note.before)
        pdf.char_vpos = "SUP"
        par.write(note.marker)
        pdf.char_vpos = "LINE"
        par.write(note.after)


def _text(pdf: Any, x: float, piece: Piece, style: str = "", size: float = BODY,
          align: str = "J", width: float = 0.0) -> None:
    pdf.set_x(x)
    if piece.note is not None:
        pdf.reserve(piece.note)
        if piece.note.marker.isdigit() or piece.kind != "cover":
            _marked(pdf, x, piece.text, piece.note, style, size, align)
            return
    # a cover line's "*" mark is part of its text (gold keeps it there)
    pdf.set_font("serif", style, size)
    pdf.multi_cell(width or pdf.w - MARGINS[2] - x, size * 1.4 * PT, piece.text, align=align,
                   new_x="LMARGIN", new_y="NEXT", wrapmode=_wrap(pdf))


def _piece(pdf: Any, piece: Piece) -> None:
    left = MARGINS[0]
    if piece.kind == "cover":
        _text(pdf, left, piece, "B" if piece.big else "", 13 if piece.big else BODY, "L",
              pdf.epw * 0.8)
        pdf.set_y(pdf.get_y() + 4 * PT)
    elif piece.kind == "heading":
        pdf.set_y(pdf.get_y() + 10 * PT)
        _text(pdf, left, piece, "B", BODY, "L")
        pdf.set_y(pdf.get_y() + 6 * PT)
    elif piece.kind == "table":
        pdf.set_y(pdf.get_y() + 8 * PT)
        pdf.set_font("serif", "", 9.5)
        width = (pdf.epw - 10) / len(piece.rows[0])
        pdf.set_line_width(0.5 * PT)
        for row in piece.rows:
            pdf.set_x(left + 10)
            for cell in row:
                pdf.cell(width, 9.5 * 1.6 * PT, cell, border="B", align="L")
            pdf.ln()
        pdf.set_y(pdf.get_y() + 8 * PT)
    else:
        if piece.label:  # the number hung 10 mm
            pdf.set_font("serif", "", BODY)
            pdf.set_x(left)
            pdf.cell(10, LINE, piece.label)
        _text(pdf, left + 10, piece)
        pdf.set_y(pdf.get_y() + 6 * PT)


def write_fpdf2(st: Structure, lang: str, symbol: str, job: str, pdf_path: Path) -> None:
    """`st` written by fpdf2 to `pdf_path` (an ImportError if fpdf2 is missing)."""
    pdf = _pdf_class()(lang, symbol, job)
    pdf.set_margins(MARGINS[0], MARGINS[1], MARGINS[2])
    pdf.set_auto_page_break(True, MARGINS[3])
    _fonts(pdf, lang)
    pdf.set_title(symbol)
    pdf.add_page()
    _masthead(pdf, st, symbol)
    covers = [p for p in st.pieces if p.kind == "cover"]
    for p in covers:
        _piece(pdf, p)
    for p in st.pieces:
        if p.kind != "cover":
            _piece(pdf, p)
    pdf.output(str(pdf_path))
