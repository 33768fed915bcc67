"""Paragraphs numbered by section ("13.8": paragraph 8 of section 13), the number hanging at a tab.

The UN's programme budget fascicles (A/81/6 (Sect. 13), Word for Microsoft 365) number their
paragraphs "13.1", "13.2", ..., the number at the margin and the text at a tab, its next lines
under the text. Only "12." was known as a hanging label (`lines._LABEL_START`), so the first
line's text was taken to start at the number, its next line (set in under the text) opened a
paragraph by its indent, and where that line began with a capital the paragraph stayed cut:
"... ITC will continue to coordinate with United" / "Nations entities, including ...". Found on
A/81/6 (Sect. 13) (a real UN PDF, development data). Now a section's number followed by a
tab-wide gap (`lines.SECTION_TAB` ems, wider than any justified word space) is a label.

The pages are drawn here (reportlab), the number and its text as two text objects (Word's tab)
or as one (the text moved on in the same object). Guards: a line of a paragraph that opens with
a decimal number after a word space ("13.8 per cent ...") goes on in its paragraph; numbered
paragraphs "12." read as before.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from untm.aligner.read import read_document

FONT, SIZE, LEADING = "Times-Roman", 10.0, 12.0
TEXT_X, RIGHT, TOP = 123.0, 551.0, 760.0
TAB = 14.0  # points from the number's end to its text (as in A/81/6 (Sect. 13): 13.7 to 14.2)
PAGE = (612.0, 792.0)

PARAGRAPHS = (
    "ITC will focus on partnerships that contribute to the development of key value chains in "
    "support of the African Continental Free Trade Area and to initiatives for the least "
    "developed countries.",
    "With regard to inter-agency coordination and liaison, ITC will continue to coordinate with "
    "United Nations entities, including through its participation in the United Nations "
    "Sustainable Development Group and United Nations regional and country teams.",
    "ITC integrates a gender perspective in its operational activities, deliverables and "
    "results, as appropriate. The programme's work contributed to business support "
    "organizations that improved their services.",
    "The programme's work contributed to 67 business support organizations that improved "
    "their African Continental Free Trade Area-related services and to 28,433 small businesses "
    "served by those organizations.",
)


def _lines(text: str) -> list[str]:
    return simpleSplit(text, FONT, SIZE, RIGHT - TEXT_X)


def _draw(path: Path, numbers: list[str], *, one_object: bool) -> Path:
    c = canvas.Canvas(str(path), pagesize=PAGE, invariant=1)
    y = TOP
    for number, text in zip(numbers, PARAGRAPHS, strict=True):
        number_x = TEXT_X - TAB - stringWidth(number, FONT, SIZE)
        for k, line in enumerate(_lines(text)):
            if k == 0 and one_object:
                t = c.beginText(number_x, y)
                t.setFont(FONT, SIZE)
                t.textOut(number)
                t.moveCursor(TEXT_X - number_x, 0)
                t.textOut(line)
                c.drawText(t)
            else:
                c.setFont(FONT, SIZE)
                if k == 0:
                    c.drawString(number_x, y, number)
                c.drawString(TEXT_X, y, line)
            y -= LEADING
        y -= LEADING
    c.showPage()
    c.save()
    return path


def _texts(path: Path) -> list[str]:
    return [p.text for p in read_document(path, "en").paragraphs]


@pytest.mark.parametrize("one_object", [False, True])
def test_section_numbered_paragraphs_stay_whole(tmp_path: Path, one_object: bool) -> None:
    numbers = ["13.7", "13.8", "13.9", "13.17"]
    # the test means something only where a next line opens with a capital ("United Nations")
    assert any(line[0].isupper() for text in PARAGRAPHS for line in _lines(text)[1:])
    pdf = _draw(tmp_path / "sect.pdf", numbers, one_object=one_object)
    assert _texts(pdf) == [f"{n} {t}" for n, t in zip(numbers, PARAGRAPHS, strict=True)]


def test_dotted_numbers_as_before(tmp_path: Path) -> None:
    """Guard: paragraphs numbered "12." at the same tab read as before."""
    numbers = ["12.", "13.", "14.", "15."]
    pdf = _draw(tmp_path / "dotted.pdf", numbers, one_object=False)
    assert _texts(pdf) == [f"{n} {t}" for n, t in zip(numbers, PARAGRAPHS, strict=True)]


def test_decimal_number_opening_a_line_goes_on(tmp_path: Path) -> None:
    """Guard: a paragraph's line that opens with a decimal number after a word space ("13.8 per
    cent of ...", the line set at the margin as the paragraph's others and stretched, its word
    spaces three quarters of an em) is no label: the paragraph goes on."""
    first = "The share of the budget spent on the programme of work rose in the year to"
    second = "13.8 per cent of the total, from 12.1 per cent in the year before, as the"
    third = "Committee had recommended in its report on the proposed programme budget."
    c = canvas.Canvas(str(tmp_path / "decimal.pdf"), pagesize=PAGE, invariant=1)
    for k, line in enumerate((first, second, third)):
        t = c.beginText(TEXT_X, TOP - k * LEADING)
        t.setFont(FONT, SIZE)
        t.setWordSpace(0.5 * SIZE if k == 1 else 0.0)  # stretched: a word space of 0.75 em
        t.textOut(line)
        c.drawText(t)
    c.showPage()
    c.save()
    assert _texts(tmp_path / "decimal.pdf") == [f"{first} {second} {third}"]
