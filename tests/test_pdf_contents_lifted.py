"""A wrapped contents entry whose page number stands on the title's first line.

Word for Microsoft 365 sets the page number of a contents entry whose title wraps on the
title's first line, flush right, and the dot leader on its last line, which ends in dots and
no number ("V. Financial position of the United Nations Multidimensional Integrated
Stabilization Mission" ... "23", then "in Mali as at 30 June 2025 ........"). The first line
and its number were read as a table's row of two cells and the entry as three paragraphs (the
title's first line, "23", the rest). Found on A/80/590 (a real UN PDF, development data). The
number is now read at the end of the line its leader ends (`pdflayout.lines._lifted_numbers`),
and the entry is one.

On the cover of A/81/6 (Sect. 13) the contents' last entry ("Programme of work") was read after
the cover's footnotes: a page's footnotes are read where its body ends, before a paragraph still
open, which may go on on the next page; an entry closed by its page number goes on on no page,
and now ends there (`pdflayout.blocks.build_blocks`).

The pages are drawn here (reportlab): entries of one line, and a wrapped one drawn Word's way;
a contents and a footnote. Guards: a wrapped entry whose number ends its last line (the usual
way), a two-column row of a label and a figure above a line of running text, and a paragraph
running on past a page's footnote to the next page, read as before.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from untm.aligner.read import read_document

FONT, SIZE, LEADING = "Times-Roman", 10.0, 12.0
LABEL_X, TITLE_X, TITLE_RIGHT, RIGHT, TOP = 100.0, 125.0, 518.0, 555.0, 700.0
PAGE = (612.0, 792.0)

ENTRIES = (
    ("IV.", ["Analysis of variances"], "22"),
    ("V.", ["Financial position of the United Nations Multidimensional Integrated Stabilization",
            "Mission in Mali as at 30 June 2025"], "23"),
    ("VI.", ["Actions to be taken by the General Assembly"], "24"),
    ("VII.", ["Summary of follow-up action taken to implement the decisions and requests of",
              "the General Assembly"], "25"),
)


def _leader(c: canvas.Canvas, start: float, end: float, y: float) -> None:
    dot = stringWidth(".", FONT, SIZE)
    count = int((end - start - 4.0) / dot)
    c.drawRightString(end, y, "." * count)


def _draw(path: Path, *, word_way: bool) -> Path:
    """The contents; `word_way`: the wrapped entries' numbers on their first lines."""
    c = canvas.Canvas(str(path), pagesize=PAGE, invariant=1)
    c.setFont(FONT, 12.0)
    c.drawString(LABEL_X, TOP + 30.0, "Contents")
    y = TOP
    for label, lines, page in ENTRIES:
        c.setFont(FONT, SIZE)
        c.drawString(LABEL_X, y, label)
        for k, line in enumerate(lines):
            c.drawString(TITLE_X, y, line)
            last = k == len(lines) - 1
            if len(lines) > 1 and word_way and k == 0:
                c.drawRightString(RIGHT, y, page)
            if last:
                end = TITLE_X + stringWidth(line, FONT, SIZE)
                if word_way and len(lines) > 1:
                    _leader(c, end, TITLE_RIGHT + 6.0, y)
                else:
                    _leader(c, end, RIGHT - stringWidth(page, FONT, SIZE) - 2.0, y)
                    c.drawRightString(RIGHT, y, page)
            y -= LEADING
        y -= 6.0
    c.showPage()
    c.save()
    return path


def _expected() -> list[str]:
    return ["Contents", *(f"{label} {' '.join(lines)}" for label, lines, _ in ENTRIES)]


def _texts(path: Path) -> list[str]:
    return [p.text for p in read_document(path, "en").paragraphs]


def test_number_on_the_first_line_of_a_wrapped_entry(tmp_path: Path) -> None:
    assert _texts(_draw(tmp_path / "word.pdf", word_way=True)) == _expected()


def test_number_on_the_last_line_as_before(tmp_path: Path) -> None:
    """Guard: the usual way, the number after the leader on the title's last line."""
    assert _texts(_draw(tmp_path / "usual.pdf", word_way=False)) == _expected()


def test_label_and_figure_above_running_text(tmp_path: Path) -> None:
    """Guard: a row of a label and a figure flush right, above a line of text that ends in an
    ellipsis (three dots: no leader), is no entry: the figure stays on its row."""
    above = ("The Committee was informed that the number of staff members in the Mission had "
             "changed during the period, as the table below shows for the year as a whole.")
    c = canvas.Canvas(str(tmp_path / "row.pdf"), pagesize=PAGE, invariant=1)
    c.setFont(FONT, SIZE)
    c.drawString(LABEL_X, TOP, above[:above.index(" changed")])
    c.drawString(LABEL_X, TOP - LEADING, above[above.index(" changed"):].strip())
    c.drawString(TITLE_X, TOP - 3 * LEADING, "Total number of staff members")
    c.drawRightString(RIGHT, TOP - 3 * LEADING, "23")
    c.drawString(TITLE_X, TOP - 4 * LEADING, "and the list goes on...")
    c.showPage()
    c.save()
    read = _texts(tmp_path / "row.pdf")
    assert not any(text.endswith("on... 23") for text in read)
    assert "23" in read or any(text.endswith("members 23") for text in read)


def _with_note(path: Path, *, entries: bool) -> Path:
    """A cover's contents (or, without `entries`, a paragraph running on to page 2) and a
    footnote in small type at the page's foot; page 2 a paragraph."""
    c = canvas.Canvas(str(path), pagesize=PAGE, invariant=1)
    y = TOP
    rest: list[str] = []
    c.setFont(FONT, SIZE)
    if entries:
        for label, lines, page in ENTRIES:
            line = lines[0]
            c.drawString(LABEL_X, y, label)
            c.drawString(TITLE_X, y, line)
            end = TITLE_X + stringWidth(line, FONT, SIZE)
            _leader(c, end, RIGHT - stringWidth(page, FONT, SIZE) - 2.0, y)
            c.drawRightString(RIGHT, y, page)
            y -= LEADING + 6.0
    else:  # the page filled down to its footnote
        rest = list(RUNNING)
        while y > 110.0:
            c.drawString(LABEL_X, y, rest.pop(0))
            y -= LEADING
    c.setFont(FONT, 8.0)
    c.drawString(LABEL_X, 90.0, NOTE)
    c.showPage()
    c.setFont(FONT, SIZE)
    for j, line in enumerate(rest if not entries else [LAST]):
        c.drawString(LABEL_X, TOP - j * LEADING, line)
    c.showPage()
    c.save()
    return path


NOTE = "* The present document will be replaced by a document containing parts A and B."
LAST = "The International Trade Centre is responsible for the business aspects of trade."
RUNNING = tuple(simpleSplit(" ".join(
    f"In its resolution {k} the Council reaffirmed the mandate of the Centre as the focal point "
    "for technical cooperation activities for trade promotion within the United Nations system."
    for k in range(1, 40)), FONT, SIZE, 450.0))


def test_last_entry_before_the_page_footnote(tmp_path: Path) -> None:
    """A contents' last entry on a page with a footnote is read before the footnote (it ends
    at its page number: it goes on on no page)."""
    read = _texts(_with_note(tmp_path / "note.pdf", entries=True))
    titles = [f"{label} {lines[0]}" for label, lines, _ in ENTRIES]
    assert read == [*titles, NOTE, LAST]


def test_paragraph_running_on_after_the_footnote(tmp_path: Path) -> None:
    """Guard: a paragraph that runs on to the next page is read after the page's footnote,
    whole."""
    read = _texts(_with_note(tmp_path / "run.pdf", entries=False))
    assert read == [NOTE, " ".join(RUNNING)]
