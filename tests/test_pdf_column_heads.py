"""A masthead or running header set above one column of a page in columns is read apart, and the
column's text goes on the paragraph the column before it left unended.

A Federal Register page sets "Federal Register / Vol. 85, No. 152 / Thursday, August 6, 2020"
in small type above its right column only, higher than the middle column's first line; the
right column's text then goes on the middle column's last paragraph mid-sentence. The masthead
was read in the right column's flow: its last line took the column's first line as its own
paragraph's ("Thursday, August 6, 2020 proposal, explain ..."), and the middle column's
paragraph ended cut. The rule (`blocks._column_heads`): where a column ends mid-sentence, the
first rows of the column after it (in its region) that stand higher than the column's own first
line, in another type size or weight than the next column's first line below them and apart
from it by more than one and a half line spacings, are that column's head; they are read as
paragraphs of their own where their region starts (after a paragraph that runs into it;
repeated from page to page, the furniture rules take them first), and the column's first line
follows the last line of the column before.

Each case is a page drawn here (reportlab): paragraphs (a first-line indent each) flowed through
two or three columns of Times 9 pt, and head lines in Helvetica 8 pt above one column; a case
says which column the head stands above and how high the columns start.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from untm.aligner.read import read_document

BODY, SIZE, LEADING, INDENT = "Times-Roman", 9.0, 10.5, 9.0
HEAD_SIZE = 8.0
TOP, MARGIN, GUTTER, PAGE_WIDTH = 660.0, 45.0, 17.0, 612.0
TEXT = (
    "the committee reviewed each report that the member states submitted on the progress of "
    "their national plans and asked the secretariat to prepare a summary of the main findings "
    "for the next session together with proposals on how the reporting could be made simpler "
    "and more useful for the countries that have little capacity to collect the data"
)


def _paragraph(k: int, words: int) -> str:
    """A paragraph of `words` words, its own opening so that each is told apart."""
    vocabulary = TEXT.split()
    body = [vocabulary[(k * 7 + i) % len(vocabulary)] for i in range(words - 2)]
    return f"Paragraph {k + 1} " + " ".join(body) + "."


@dataclass(frozen=True)
class Page:
    columns: int  # 2 or 3
    paragraphs: tuple[str, ...]
    head: tuple[tuple[str, str], ...]  # the head's lines (text, font), top down
    head_column: int  # the column the head stands above (0: the first)
    column_lines: int = 24  # lines a column holds
    first_top: float = TOP  # the first column's first baseline (higher: a title above it)
    title: str = ""  # a bold title line at the first column's top, above its text
    head_gap: float = 2.0  # line spacings from the head's last baseline to the column's first
    breaks: tuple[int, ...] = ()  # paragraphs that start a new column
    head_before: int = 0  # the paragraph the head is read before


def _lines(text: str, width: float) -> list[str]:
    """The paragraph broken into lines of `width` (its first line indented)."""
    out: list[str] = []
    line = ""
    for word in text.split():
        room = width - (INDENT if not out else 0.0)
        trial = f"{line} {word}" if line else word
        if line and stringWidth(trial, BODY, SIZE) > room:
            out.append(line)
            line = word
        else:
            line = trial
    out.append(line)
    return out


def _draw(page: Page, path: Path) -> Path:
    width = (PAGE_WIDTH - 2 * MARGIN - (page.columns - 1) * GUTTER) / page.columns
    lefts = [MARGIN + k * (width + GUTTER) for k in range(page.columns)]
    pdf = canvas.Canvas(str(path), pagesize=(PAGE_WIDTH, 792.0))
    column, row = 0, 0
    if page.title:
        pdf.setFont("Times-Bold", 12.0)
        pdf.drawString(lefts[0], page.first_top, page.title)
    pdf.setFont(BODY, SIZE)
    for n, text in enumerate(page.paragraphs):
        if n in page.breaks:
            column, row = column + 1, 0
        for k, line in enumerate(_lines(text, width)):
            if row == page.column_lines:
                column, row = column + 1, 0
            assert column < page.columns, "the text does not fit the page's columns"
            pdf.drawString(lefts[column] + (INDENT if k == 0 else 0.0), TOP - row * LEADING, line)
            row += 1
    y = TOP + page.head_gap * LEADING + (len(page.head) - 1) * 1.5 * HEAD_SIZE
    for text, font in page.head:
        pdf.setFont(font, HEAD_SIZE)
        pdf.drawString(lefts[page.head_column], y, text)
        y -= 1.5 * HEAD_SIZE
    pdf.showPage()
    pdf.save()
    return path


MASTHEAD = (("Federal Gazette", "Helvetica-Bold"), ("Vol. 12, No. 31", "Helvetica"),
            ("Monday, May 4, 2026", "Helvetica"))
RUNNING = (("Journal of Applied Testing 12 (2026) 101-109", "Helvetica"),)
THREE = tuple(_paragraph(k, n) for k, n in enumerate((60, 75, 70, 80, 90, 85)))
TWO = tuple(_paragraph(k, n) for k, n in enumerate((80, 100, 110, 70, 40)))
# two columns, the second starting with a paragraph of its own (`breaks`)
ENDED = tuple(_paragraph(k, n) for k, n in enumerate((60, 75, 60, 50)))

# the column before the head ends mid-sentence: read on main with the head inside the paragraph
CASES = {
    "a masthead above the third of three columns": Page(3, THREE, MASTHEAD, 2),
    "a masthead above the second of three columns": Page(3, THREE, MASTHEAD, 1),
    "a masthead above the third column, the first led by a title": Page(
        3, THREE, MASTHEAD, 2, first_top=TOP + 60, title="Notice of Proposed Rules"),
    "a running header above the second of two columns, the first led by a title": Page(
        2, TWO, RUNNING, 1, first_top=TOP + 60, title="Notice of Proposed Rules"),
    "a running header above the second of two columns": Page(2, TWO, RUNNING, 1),
}
# read the same on main: a head above the first column is read first; where the column before
# ends its paragraph, the head stays where it stands, its own paragraphs
GUARDS = {
    "a masthead above the first of three columns": Page(3, THREE, MASTHEAD, 0),
    "a masthead above a column after a paragraph's end": Page(
        2, ENDED, MASTHEAD, 1, column_lines=22, breaks=(2,), head_before=2, first_top=TOP + 60,
        title="Notice of Proposed Rules"),
}


def _check(page: Page, path: Path) -> None:
    reading = [p.text for p in read_document(_draw(page, path), "en").paragraphs]
    reading = [p for p in reading if p != page.title]
    heads = [text for text, _ in page.head]
    body = [p for p in reading if p.startswith("Paragraph ")]
    assert body == list(page.paragraphs)  # each paragraph whole, across the column breaks
    rest = [p for p in reading if p not in body]
    assert " ".join(rest) == " ".join(heads)  # the head: paragraphs of its own
    at = reading.index(page.paragraphs[page.head_before])
    assert reading[at - len(rest):at] == rest  # read together, before that paragraph


@pytest.mark.parametrize("name", list(CASES))
def test_a_column_head_is_read_apart(name: str, tmp_path: Path) -> None:
    _check(CASES[name], tmp_path / "page.pdf")


@pytest.mark.parametrize("name", list(GUARDS))
def test_heads_that_do_not_cut_a_paragraph_read_as_before(name: str, tmp_path: Path) -> None:
    _check(GUARDS[name], tmp_path / "page.pdf")
