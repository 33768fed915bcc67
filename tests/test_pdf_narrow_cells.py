"""A ruled table of narrow columns whose cells wrap to many lines is read cell by cell.

A ruled cell of more than `tables.MAX_CELL_LINES` lines was taken for a box drawn round text, not
a table's cell, and the whole table read line by line across its columns ("1. Strengthen and",
"1. Review and", ..., then "expand", "revise age", ...: every line a paragraph, most in lower
case). A five-column table of recommendations in a UNICEF Innocenti report (a real PDF,
InDesign + Adobe PDF Library; development data) has cells 85 points wide in 9-point type, up
to fifteen lines each. A cell narrower than `tables.NARROW_CELL` font sizes (two to four words
a line) is a table's column however many lines it wraps to; a box round a page's text or a
column's is as wide as a measure.

The pages are drawn here (reportlab platypus): a paragraph, the table (a header row, rows of
cells of up to fifteen lines, a ruled grid), a paragraph. Guard: a box drawn round two columns
of text (two wide cells of twenty lines) is no table: each column's paragraphs stay apart.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from untm.aligner.read import read_document

BEFORE = "The recommendations for each of the five countries are set out in the table below."
AFTER = "These recommendations should be read together with the general recommendations above."
HEAD = ("Denmark", "Finland", "Iceland", "Norway", "Sweden")
CELLS = (
    ("1. Strengthen and expand interpretation services and ensure that border guards and police "
     "officers receive training in identifying children and communicating with children.",
     "1. Review and revise age assessment procedures.",
     "1. Develop clear protocols to facilitate rapid referral of children to child protection "
     "services immediately after arrival and ensure that in no circumstances are they "
     "accommodated in reception centres together with adults.",
     "1. Ensure that the child welfare services are represented at every entry point.",
     "1. Expand current training programmes for border guards and police officers."),
    ("2. Impose tighter controls on requests for age assessment.",
     "2. Review the management, supervision and oversight arrangements in reception centres.",
     "2. Ensure that age assessment procedures are based on holistic evaluations.",
     "2. Ensure that age assessment procedures respect the rule of law.",
     "2. Ensure that age assessment procedures are based on holistic evaluations."),
)


def _texts(path: Path) -> list[str]:
    return [p.text for p in read_document(path, "en").paragraphs]


def _build(path: Path, rows: list[list[str | list[str]]], widths: tuple[float, ...],
           size: float) -> Path:
    """A paragraph, the table (a cell's text, or its paragraphs), a paragraph."""
    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13)
    cell = ParagraphStyle("cell", fontName="Helvetica", fontSize=size, leading=size + 1.5,
                          spaceAfter=size)
    style = [("GRID", (0, 0), (-1, -1), 1.0, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]

    def content(text: str | list[str]) -> Paragraph | list[Paragraph]:
        return Paragraph(text, cell) if isinstance(text, str) else [
            Paragraph(t, cell) for t in text]

    table = Table([[content(text) for text in row] for row in rows], colWidths=widths,
                  style=style, hAlign="LEFT")
    story = [Paragraph(BEFORE, body), Spacer(1, 10), table, Spacer(1, 10), Paragraph(AFTER, body)]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def test_narrow_cells_of_many_lines_are_a_table(tmp_path: Path) -> None:
    rows: list[list[str | list[str]]] = [list(HEAD), *(list(row) for row in CELLS)]
    pdf = _build(tmp_path / "narrow.pdf", rows, (85.0,) * 5, 9.0)
    assert _texts(pdf) == [BEFORE, *(cell for row in rows for cell in row), AFTER]


def test_box_round_two_columns_is_no_table(tmp_path: Path) -> None:
    """Guard: two cells 230 points wide in 10-point type, each holding five paragraphs (twenty
    lines and more): a box round two columns of text, whose paragraphs are read apart."""
    left = [f"Paragraph {k} of the left column runs on over a few lines of its own, as the "
            "text of a page set in two columns does." for k in range(1, 6)]
    right = [f"Paragraph {k} of the right column runs on over a few lines of its own, as the "
             "text of a page set in two columns does." for k in range(1, 6)]
    pdf = _build(tmp_path / "box.pdf", [[left, right]], (230.0, 230.0), 10.0)
    assert _texts(pdf) == [BEFORE, *left, *right, AFTER]
