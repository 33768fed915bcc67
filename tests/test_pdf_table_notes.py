"""A table's notes marked by raised letters ("a Estimates as at 28 February 2026.").

UN reports mark a table's notes with raised lower-case letters, the letter raised before the
note's text in smaller type under the table. Only raised numbers and symbols were markers, so
the notes' letter read as a word: "a Estimates ..." opened in lower case and was read on with
the table's last row ("... for 2026/27 $42,022,400 a Estimates as at 28 February 2026. b
Excludes ..."). Found on the cover of A/80/604/Add.6 (a real UN PDF, Word for Microsoft 365;
development data). A raised letter that opens a line, apart from its text, is now the note's
marker (`lines._NOTE_LETTERS`): each note is a note of its own.

The page is drawn here (reportlab): rows of a label and an amount (the last row one line), the
notes in 8.5-point type under them, their letters raised, then numbered paragraphs. Guards:
raised letters in a row's text ("2025/26a,b") stay text, and a raised number's footnote reads
as before.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from untm.aligner.model import BlockKind
from untm.aligner.read import read_document

FONT, SIZE, NOTE = "Times-Roman", 10.0, 8.5
LEFT, AMOUNT_RIGHT, TOP = 147.0, 474.0, 700.0
PAGE = (612.0, 792.0)

ROWS = (
    ("Appropriation for 2024/25", "$43,684,700"),
    ("Expenditure for 2024/25", "$43,659,600"),
    ("Projected expenditure for 2025/26", "$39,082,100"),
    ("Recommendation of the Advisory Committee for 2026/27", "$42,022,400"),
)
NOTES = (("a", "Estimates as at 28 February 2026."),
         ("b", "Excludes one-time requirements for termination entitlements."))
BODY = (
    "1. During its consideration of the report on the financing of the Mission, the Advisory "
    "Committee met with representatives of the Secretary-General, who provided additional "
    "information and clarification.",
    "2. By its resolution 78/302, the General Assembly appropriated an amount of $43,684,700 "
    "for the maintenance of the Mission for the period from 1 July 2024 to 30 June 2025.",
)


def _raised(c: canvas.Canvas, x: float, y: float, text: str, size: float) -> float:
    """A raised marker at `x` on the baseline `y` (two thirds of the size, raised a third)."""
    c.setFont(FONT, 0.65 * size)
    c.drawString(x, y + 0.35 * size, text)
    return x + stringWidth(text, FONT, 0.65 * size)


def _draw(path: Path, *, raised_in_row: bool = False, footnote: bool = False) -> Path:
    c = canvas.Canvas(str(path), pagesize=PAGE, invariant=1)
    y = TOP
    for k, (label, amount) in enumerate(ROWS):
        c.setFont(FONT, SIZE)
        c.drawString(LEFT, y, label)
        if raised_in_row and k == 2:
            _raised(c, LEFT + stringWidth(label, FONT, SIZE), y, "a,b", SIZE)
        c.drawRightString(AMOUNT_RIGHT, y, amount)
        y -= 20.0
    y -= 6.0
    for letter, text in NOTES:
        _raised(c, LEFT + 5.0, y, letter, NOTE)
        c.setFont(FONT, NOTE)
        c.drawString(LEFT + 12.0, y, text)
        y -= 10.5
    y -= 30.0
    for text in BODY:
        c.setFont(FONT, SIZE)
        for line in simpleSplit(text, FONT, SIZE, 468.0):
            c.drawString(72.0, y, line)
            y -= 12.0
        y -= 12.0
    if footnote:
        end = _raised(c, 72.0, 90.0, "1", NOTE)
        c.setFont(FONT, NOTE)
        c.drawString(end + 3.0, 90.0, "A/80/615.")
    c.showPage()
    c.save()
    return path


def _paragraphs(path: Path) -> list[tuple[str, BlockKind]]:
    return [(p.text, p.kind) for p in read_document(path, "en").paragraphs]


def _rows(*, raised: bool = False) -> list[str]:
    out = []
    for k, (label, amount) in enumerate(ROWS):
        out += [f"{label}a,b" if raised and k == 2 else label, amount]
    return out


def test_table_notes_are_notes_of_their_own(tmp_path: Path) -> None:
    read = _paragraphs(_draw(tmp_path / "notes.pdf"))
    notes = [text for text, kind in read if kind is BlockKind.FOOTNOTE]
    assert notes == [f"{letter} {text}" for letter, text in NOTES]
    others = [text for text, kind in read if kind is not BlockKind.FOOTNOTE]
    assert sorted(others) == sorted([*_rows(), *BODY])


def test_raised_letters_in_a_row_stay_text(tmp_path: Path) -> None:
    """Guard: "2025/26a,b" keeps its raised letters."""
    read = _paragraphs(_draw(tmp_path / "row.pdf", raised_in_row=True))
    assert "Projected expenditure for 2025/26a,b" in [text for text, _ in read]


def test_numbered_footnote_as_before(tmp_path: Path) -> None:
    """Guard: a raised number opening a note at the page's foot is a footnote."""
    read = _paragraphs(_draw(tmp_path / "foot.pdf", footnote=True))
    assert ("1 A/80/615.", BlockKind.FOOTNOTE) in read
