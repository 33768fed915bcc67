"""A footnote's own number drawn as a text object of its own, after its note's text: what
LibreOffice Draw writes when it saves a PDF it opened (each run of a line a text box, drawn in
the boxes' order). Drawn in order, a small raised number before a note is the note's marker
(`lines._spell`); drawn after it, it stood apart as a piece of its own, in a row of its own
where its box stands up out of a line of Chinese (glyph boxes an em tall), and the page's
notes ran into one paragraph with the note of the next page. Now a marker raised before a line
shares the line's row (`lines._leads`) and opens it (`lines._raised_marker`, `_led_by`).

Pages drawn with reportlab (STSong-Light, Helvetica for the markers), the markers drawn after
their notes and before them; guard: a small figure set beside a line at its height (a table's
figure, not raised) stays apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from untm.aligner.read import read_document

ZH = "STSong-Light"
BODY = ("联合国人类住区规划署和联合国环境规划署已经合作了三十多年。在此期间，它们努力在全球、国家"
        "和地方各级将环境因素纳入城市决策的主流。")
NOTES = ("本文件未经正式编辑。", "见 HSP/HA.1/Res.1 号决议。")
NOTE_SIZE, MARK_SIZE, RISE = 8.0, 4.8, 4.5  # the marker raised as Draw places it


def _page(path: Path, *, markers_last: bool, rise: float = RISE) -> Path:
    pdfmetrics.registerFont(UnicodeCIDFont(ZH))
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(ZH, 10.0)
    c.drawString(72, 700, BODY[:38])
    c.drawString(72, 686, BODY[38:])
    c.line(72, 110, 216, 110)
    rows = [(92.0 - 12.0 * k, str(k + 1), note) for k, note in enumerate(NOTES)]

    def marks() -> None:
        c.setFont("Helvetica", MARK_SIZE)
        for y, mark, _ in rows:
            c.drawString(82, y + rise, mark)

    if not markers_last:
        marks()
    c.setFont(ZH, NOTE_SIZE)
    for y, _, note in rows:
        c.drawString(90, y, note)
    if markers_last:
        marks()
    c.save()
    return path


def _notes(path: Path) -> list[str]:
    """The page's paragraphs but its body's (the notes are read first: a page of notes)."""
    texts = [p.text for p in read_document(path, "zh").paragraphs]
    assert BODY in texts, texts
    return [text for text in texts if text != BODY]


@pytest.mark.parametrize("markers_last", [True, False])
def test_a_note_number_drawn_after_its_note_opens_it(tmp_path: Path, markers_last: bool) -> None:
    """Drawn last or first, a marker raised this high (0.56 of the note's size, as Draw
    places it) overlaps less than half of a Chinese line's box: both failed on main."""
    path = _page(tmp_path / "notes.pdf", markers_last=markers_last)
    assert _notes(path) == [f"{k + 1} {note}" for k, note in enumerate(NOTES)]


def test_a_small_figure_at_a_lines_height_stays_apart(tmp_path: Path) -> None:
    """Guard: a figure set small on the line's baseline is not raised: no marker."""
    path = _page(tmp_path / "level.pdf", markers_last=True, rise=0.0)
    assert not any(text.startswith(("1 本", "2 见")) for text in _notes(path))
