"""A bibliography set with a hanging indent: each entry one paragraph.

A bibliography sets each entry's first line at the margin and its next lines in by an indent.
The set-in line was read as a new paragraph's first-line indent, and where the text reader did
not join the two again the entry was cut ("Orange, Richard, 'How to care for child refugees:
Lessons from Nordic countries', The" / "Guardian, London, 24 May 2017, ..."). Found on a UNICEF
Innocenti report (a real PDF, InDesign; development data). A line set in under a paragraph's
one line that reached the measure and stopped on a word, mid-sentence, goes on with it
(`pdflayout.blocks._hanging_indent`): a paragraph's last line ends in its punctuation.

The page is drawn here (reportlab): entries of two and three lines, ragged right. Guards:
paragraphs with a first-line indent whose last lines fill the measure and end in a full stop or
a comma (a resolution's preamble) stay apart, and so do a name and a title set flush right.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from untm.aligner.read import read_document

FONT, SIZE, LEADING = "Helvetica", 9.5, 11.5
LEFT, WIDTH, HANG, TOP = 85.0, 425.0, 14.2, 740.0
PAGE = (595.0, 842.0)

ENTRIES = (
    "Orange, Richard, 'How to care for child refugees: Lessons from the five Nordic countries "
    "so far', The Guardian, London, 24 May 2017, accessed October 2017.",
    "Aiyar, Shekhar, et al., The Refugee Surge in Europe: Economic challenges, IMF Staff "
    "Discussion Note, SDN 16/02, International Monetary Fund, January 2016.",
    "Brendler-Lindquist, Maria, and Anders Hjern, Reception of Asylum Seeking and Refugee "
    "Children in the Nordic Countries: The Swedish report, Nordic Network for Research on "
    "Refugee Children, Stockholm 2010.",
    "Barnardos, 'Missing Separated children in Ireland', Briefing note, February 2011, "
    "available at the website of the organization, accessed 8 February 2018.",
)


def _entry_lines(text: str) -> list[str]:
    """The entry's lines: the first across the measure, the next ones set in."""
    first = simpleSplit(text, FONT, SIZE, WIDTH)[0]
    rest = text[len(first):].strip()
    return [first, *simpleSplit(rest, FONT, SIZE, WIDTH - HANG)]


def _texts(path: Path) -> list[str]:
    return [p.text for p in read_document(path, "en").paragraphs]


def test_entries_with_a_hanging_indent_stay_whole(tmp_path: Path) -> None:
    c = canvas.Canvas(str(tmp_path / "refs.pdf"), pagesize=PAGE, invariant=1)
    c.setFont(FONT, 14.0)
    c.drawString(LEFT, TOP + 30.0, "Bibliography")
    c.setFont(FONT, SIZE)
    y = TOP
    for text in ENTRIES:
        lines = _entry_lines(text)
        # the test means something only where a first line stops on a word near the measure
        assert stringWidth(lines[0], FONT, SIZE) > WIDTH - 3 * SIZE and lines[0][-1].isalnum()
        for k, line in enumerate(lines):
            c.drawString(LEFT + (HANG if k else 0.0), y, line)
            y -= LEADING
        y -= 9.0
    c.showPage()
    c.save()
    assert _texts(tmp_path / "refs.pdf") == ["Bibliography", *ENTRIES]


PREAMBLE = (
    "Recalling its resolutions on the question, including those adopted at its previous "
    "sessions on the financing of the operations of the Mission in the region,",
    "Noting with appreciation the report of the Secretary-General on the budget performance of "
    "the Mission and the related report of the Advisory Committee,",
    "Decides to consider the question at its next session under the item entitled Financing of "
    "the Mission, and requests the Secretary-General to report to it then.",
    "Requests the Secretary-General to take all action necessary to ensure that the Mission is "
    "administered with a maximum of efficiency and economy.",
)


def test_first_line_indents_after_full_last_lines(tmp_path: Path) -> None:
    """Guard: paragraphs opening with a first-line indent, each last line filling the measure
    and ending in a comma or a full stop: each its own paragraph."""
    c = canvas.Canvas(str(tmp_path / "res.pdf"), pagesize=PAGE, invariant=1)
    c.setFont(FONT, SIZE)
    y = TOP
    for text in PREAMBLE:
        first = simpleSplit(text, FONT, SIZE, WIDTH - HANG)[0]
        lines = [first, *simpleSplit(text[len(first):].strip(), FONT, SIZE, WIDTH)]
        for k, line in enumerate(lines):
            c.drawString(LEFT + (0.0 if k else HANG), y, line)
            y -= LEADING
    c.showPage()
    c.save()
    assert _texts(tmp_path / "res.pdf") == list(PREAMBLE)


def test_name_and_title_flush_right(tmp_path: Path) -> None:
    """Guard: a signature's name and title, set flush right under a paragraph, stay apart."""
    text = ("We wish to thank all those who took part in the research for their generous "
            "contributions of time, knowledge and support throughout the project.")
    c = canvas.Canvas(str(tmp_path / "sign.pdf"), pagesize=PAGE, invariant=1)
    c.setFont(FONT, SIZE)
    y = TOP
    for line in simpleSplit(text, FONT, SIZE, WIDTH):
        c.drawString(LEFT, y, line)
        y -= LEADING
    y -= 20.0
    for line in ("Sarah Cook", "Director"):
        c.drawRightString(LEFT + WIDTH, y, line)
        y -= LEADING
    c.showPage()
    c.save()
    assert _texts(tmp_path / "sign.pdf") == [text, "Sarah Cook", "Director"]
