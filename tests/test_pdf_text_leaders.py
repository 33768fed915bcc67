"""A contents page's spaced dot leaders, read through `pdftotext` and the text path, are no
sentences.

Word sets a report's contents entries with a tab to a dot leader and the page number flush
right; `pdftotext` writes the label, the title with its leader and the page number apart
("I." / "Introduction . . . . . . . . . ." / "6"), the leader's dots spaced. The sentence rules
cut after every full stop followed by a space, so each dot of the leader was a segment of its
own: 847 one-dot segments of 1,854 on a UN budget report (A/80/590, Word for Microsoft 365),
which also made the text path's segment density, the reference of the PDF properties
(tests/pdfcheck.py), twice what it is. A spaced ellipsis or leader (". . .") is now never cut
between its dots (`aligner/rules/untm.srx`), and a sentence ending before one still ends. The
page is drawn here (reportlab) as Word sets one; guards: ".NET" after a sentence still starts
one, sentences still end at a full stop.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pdfcheck import has_pdftotext, pdftotext
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from untm.aligner.read import read_document
from untm.aligner.segment import segment_document, split_sentences

FONT, SIZE = "Times-Roman", 10.0
ENTRIES = (("I.", "Introduction", "3"), ("II.", "Mandate performance", "4"),
           ("III.", "Resource performance", "7"), ("IV.", "Analysis of variances", "9"))
DOTS_ONLY = re.compile(r"^[.\s]+$")


def _contents(path: Path) -> Path:
    c = canvas.Canvas(str(path), pagesize=(612.0, 792.0))
    c.setFont(FONT, SIZE)
    c.drawString(60.0, 700.0, "Contents")
    c.drawRightString(540.0, 700.0, "Page")
    y = 670.0
    for label, title, page in ENTRIES:
        c.drawString(72.0, y, label)
        c.drawString(110.0, y, title)
        x = 110.0 + stringWidth(title, FONT, SIZE) + 4.0
        leader = "."
        while x + stringWidth(leader + " .", FONT, SIZE) < 500.0:
            leader += " ."
        c.drawString(x, y, leader)
        c.drawRightString(540.0, y, page)
        y -= 24.0
    c.drawString(60.0, y - 20.0, "The Committee met in New York. It adopted its report.")
    c.showPage()
    c.save()
    return path


@pytest.mark.skipif(not has_pdftotext(), reason="pdftotext not installed (poppler-utils)")
def test_a_contents_pages_leaders_through_pdftotext_are_no_segments(tmp_path: Path) -> None:
    text = pdftotext(_contents(tmp_path / "contents.pdf"), tmp_path / "contents.txt")
    segments = [s.text for s in segment_document(read_document(text, "en"))]
    assert [s for s in segments if DOTS_ONLY.match(s)] == []
    titles = [s for s in segments if s.startswith(("I. ", "II. ", "III. ", "IV. "))]
    assert [re.sub(r"[ .]+$", "", s) for s in titles] == [
        f"{label} {title}" for label, title, _ in ENTRIES]
    assert segments[-2:] == ["The Committee met in New York.", "It adopted its report."]


def test_a_spaced_ellipsis_is_not_cut_and_a_sentence_before_one_still_ends() -> None:
    assert split_sentences("He paused . . . and went on.", "en") == [
        "He paused . . . and went on."]
    assert split_sentences("It ended. . . . Then it began.", "en") == [
        "It ended. . . .", "Then it began."]


def test_a_dot_before_a_word_still_starts_a_sentence() -> None:
    assert split_sentences("Use .NET. .NET is fine.", "en") == ["Use .NET.", ".NET is fine."]
    assert split_sentences("The Committee met. It adopted its report.", "en") == [
        "The Committee met.", "It adopted its report."]
