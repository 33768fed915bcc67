"""Small-type figures at a page's foot that open with a number are no footnote.

A page's footnote area is the run of small-type rows at its foot; its first line opens a
footnote where it starts with a marker, and a page whose foot goes on in small type after a page
that ended in footnotes continues the last of them (`pdflayout.blocks._footnote_area`). A bare
number opened the area whatever it was: under a chart at a page's foot, the axis labels
("35 000  30 960  150") were read as a footnote "35", and every small-type row at the feet of
the next pages (a table's notes, a source line) as its continuation, one paragraph across the
pages. Found on a UN programme-budget fascicle (A/81/6 (Sect. 13), Word for Microsoft 365):
a chart's figures, a table of resolutions and a table of deliverables, three pages apart, read
as one footnote. A bare number opens a footnote where it is the document's next note number
(1, or the one after the last), or a later one followed by the note's words (notes missed
before it), never where figures or signs follow it (`_opens_note`); superscript markers and
symbols open one as before.

The pages are drawn here (reportlab): body text in 10 pt, the foot's rows in 7 pt. Guards: a
footnote numbered 1 at a page's foot, continued at the next page's foot, is one footnote, and
footnote 2 on a later page another; so with a footnote marked "*", then footnote 1.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

from untm.aligner.model import BlockKind
from untm.aligner.read import read_document

BODY, SMALL = 10.0, 7.0
LEFT, TOP, WIDTH = 60.0, 760.0, 480.0
FONT = "Times-Roman"

PARAGRAPHS = (
    "13.17 The programme's work contributed to business support organizations that improved "
    "their services and to small businesses served by those organizations, which exceeded "
    "the target set for the year and informed the plan for the coming period.",
    "13.18 Progress towards the objective and the target for the coming year are presented in "
    "the performance measure below, with the figures of the last three years and the plan.",
)
PAGE_TWO = (
    "13.19 The programme's work contributed to jobs maintained or created in small and "
    "medium-sized enterprises and to sustainability initiatives by those enterprises, which "
    "exceeded the planned target for the year.",
)
# a chart's labels at the foot of page 1, in small type, the first row opening with a number
CHART = (
    ("35 000", "30 960", "150"),
    ("25 000", "29 199", "100"),
    ("15 000", "13 000", "50"),
    ("2023", "2024", "2025"),
)
SOURCE = "Source: programme data of the secretariat, as at 31 December of each year."


def _body(c: canvas.Canvas, paragraphs: tuple[str, ...], y: float) -> float:
    c.setFont(FONT, BODY)
    for text in paragraphs:
        for line in simpleSplit(text, FONT, BODY, WIDTH):
            c.drawString(LEFT, y, line)
            y -= 13.0
        y -= 8.0
    return y


def _foot_figures(path: Path) -> Path:
    c = canvas.Canvas(str(path), pagesize=(600.0, 842.0))
    _body(c, PARAGRAPHS, TOP)
    c.setFont(FONT, SMALL)
    y = 150.0
    for row in CHART:
        for k, cell in enumerate(row):
            c.drawString(LEFT + 160.0 * k, y, cell)
        y -= 9.0
    c.showPage()
    _body(c, PAGE_TWO, TOP)
    c.setFont(FONT, SMALL)
    c.drawString(LEFT, 90.0, SOURCE)
    c.showPage()
    c.save()
    return path


def test_figures_at_a_page_foot_are_no_footnote_and_do_not_run_on(tmp_path: Path) -> None:
    doc = read_document(_foot_figures(tmp_path / "figures.pdf"), "en")
    notes = [p.text for p in doc.paragraphs if p.kind is BlockKind.FOOTNOTE]
    assert notes == []
    texts = [p.text for p in doc.paragraphs]
    source = next(k for k, t in enumerate(texts) if t.startswith("Source:"))
    assert texts[source] == SOURCE  # a paragraph of its own, not a chart's "footnote" going on
    page_two = next(k for k, t in enumerate(texts) if t.startswith("13.19"))
    assert page_two < source  # read at the foot of its own page, after the page's text
    assert any(t.startswith("35 000") or t == "35 000" for t in texts[:page_two])


def _notes(path: Path, first: str, marker: str, second: str) -> Path:
    """Page 1 ends with footnote `marker` (its text goes on at page 2's foot); page 3 has
    footnote `second`."""
    c = canvas.Canvas(str(path), pagesize=(600.0, 842.0))
    _body(c, PARAGRAPHS, TOP)
    c.setFont(FONT, SMALL)
    c.drawString(LEFT, 100.0, f"{marker} {first}")
    c.drawString(LEFT, 91.0, "programme of work approved by the General Assembly for the")
    c.showPage()
    _body(c, PAGE_TWO, TOP)
    c.setFont(FONT, SMALL)
    c.drawString(LEFT, 100.0, "period, as revised by the Committee at its last session.")
    c.showPage()
    _body(c, PARAGRAPHS[:1], TOP)
    c.setFont(FONT, SMALL)
    c.drawString(LEFT, 100.0, f"{second} The figures are rounded to the nearest thousand.")
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize(("first", "second"), [("1", "2"), ("*", "1")])
def test_a_footnote_continued_on_the_next_page_stays_one_footnote(
        tmp_path: Path, first: str, second: str) -> None:
    """A numbered footnote then the next number; a footnote marked "*" then the first number."""
    doc = read_document(
        _notes(tmp_path / "notes.pdf", "The mandates are those of the", first, second), "en")
    notes = [p.text for p in doc.paragraphs if p.kind is BlockKind.FOOTNOTE]
    assert notes == [
        f"{first} The mandates are those of the programme of work approved by the General "
        "Assembly for the period, as revised by the Committee at its last session.",
        f"{second} The figures are rounded to the nearest thousand.",
    ]

