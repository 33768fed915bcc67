"""Bold emphasis that begins in mid-line. The Advisory Committee's reports (ACABQ) set each
recommendation in bold inside its paragraph: "... for international staff. **The Advisory
Committee trusts that ... resources.**" A glyph's weight was sampled where its line starts, so
the line that ends in "The" read regular throughout and the bold line after it opened a
paragraph of its own ("The" a segment alone: five times on A/80/604/Add.6, a real report,
Word for Microsoft 365). The weight at a line's end is now read (`chars._bold_tails`) and bold
emphasis running on from it is no change of style (`blocks._emphasis_runs_on`).

Pages drawn with reportlab (Times-Roman and Times-Bold, in one line as Word sets them); the
guards keep bold headings, a bold run-in heading and a line ending in a bold word apart."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from untm.aligner.pdflayout.chars import read_pdf_chars
from untm.aligner.read import read_document

FONT, BOLD = "Times-Roman", "Times-Bold"
SIZE, LEADING, LEFT, RIGHT = 11.0, 14.0, 70.0, 523.0
LABEL = 28.0  # where a numbered paragraph's text starts, after its hanging label

Run = tuple[str, bool]  # text, bold


def _words(runs: list[Run]) -> list[tuple[str, bool]]:
    return [(w, bold) for text, bold in runs for w in text.split()]


def _draw(c: canvas.Canvas, y: float, label: str, runs: list[Run]) -> float:
    """A paragraph of `runs` broken to the measure from `LEFT + LABEL` (its number `label`
    hanging at the margin), each line's words in their weights; the y below its last line."""
    if label:
        c.setFont(FONT, SIZE)
        c.drawString(LEFT, y, label)
    lines: list[list[tuple[str, bool]]] = [[]]
    width = 0.0
    for word, bold in _words(runs):
        w = stringWidth(word + " ", BOLD if bold else FONT, SIZE)
        if lines[-1] and width + w > RIGHT - LEFT - LABEL:
            lines.append([])
            width = 0.0
        lines[-1].append((word, bold))
        width += w
    for line in lines:
        x = LEFT + LABEL
        for word, bold in line:
            c.setFont(BOLD if bold else FONT, SIZE)
            c.drawString(x, y, word)
            x += stringWidth(word + " ", BOLD if bold else FONT, SIZE)
        y -= LEADING
    return y - 6.0


def _page(path: Path, paragraphs: list[tuple[str, list[Run]]], heading: str = "") -> Path:
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 760.0
    if heading:
        c.setFont(BOLD, SIZE)
        c.drawString(LEFT, y, heading)
        y -= LEADING + 6.0
    for label, runs in paragraphs:
        y = _draw(c, y, label, runs)
    c.save()
    return path


FACTS = ("Upon enquiry, the Advisory Committee was informed that redeployments in the amount of "
         "$1,409,500 to group II (civilian personnel) from group III (operational costs) "
         "resulted from expenditures in excess of the appropriation primarily due to higher "
         "requirements for international staff.")
TRUSTS = ("The Advisory Committee trusts that more detailed information on redeployments will "
          "be provided to the General Assembly at the time of consideration of the present "
          "report, in particular on activities curtailed and other expenditures that allowed "
          "for resources to be redeployed.")
NEXT = ("The Advisory Committee notes from information provided to it that the unliquidated "
        "obligations amounted to $470,800 as at 30 June 2025.")
AFTER = ("Upon enquiry, the Committee was informed that unliquidated obligations had decreased "
         "to $26,800 for the period.")


def _texts(path: Path) -> list[str]:
    return [p.text for p in read_document(path, "en").paragraphs]


def test_bold_emphasis_begun_in_mid_line_stays_in_its_paragraph(tmp_path: Path) -> None:
    path = _page(tmp_path / "acabq.pdf", [
        ("3.", [(FACTS, False), (TRUSTS, True)]), ("4.", [(NEXT, False)])])
    assert _texts(path) == [f"3. {FACTS} {TRUSTS}", f"4. {NEXT}"]


def test_the_bold_end_of_a_line_is_read_bold(tmp_path: Path) -> None:
    path = _page(tmp_path / "acabq.pdf", [("3.", [(FACTS, False), (TRUSTS, True)])])
    (page,) = read_pdf_chars(path.read_bytes(), path.name)
    bold = "".join(c.ch for c in page.chars if c.bold and c.ch != " ")
    assert bold == "".join(TRUSTS.split())


def test_bold_emphasis_that_ends_in_mid_line_stays_in_its_paragraph(tmp_path: Path) -> None:
    path = _page(tmp_path / "acabq.pdf", [
        ("3.", [(FACTS, False), (TRUSTS, True), (AFTER, False)]), ("4.", [(NEXT, False)])])
    assert _texts(path) == [f"3. {FACTS} {TRUSTS} {AFTER}", f"4. {NEXT}"]


def test_a_bold_paragraph_behind_its_number_is_read_whole(tmp_path: Path) -> None:
    """The number in regular type, its text bold: the first line ends bold."""
    path = _page(tmp_path / "words.pdf", [
        ("3.", [(FACTS + " See", False), ("annex I.", True)]), ("4.", [(TRUSTS, True)])])
    assert _texts(path) == [f"3. {FACTS} See annex I.", f"4. {TRUSTS}"]


# guards: what the rule must leave as it is


def test_a_bold_heading_stays_apart_from_a_paragraph_with_a_run_in_heading(
    tmp_path: Path,
) -> None:
    path = _page(tmp_path / "heading.pdf", [
        ("", [("Liquidity and operational constraints.", True), (FACTS, False)])],
        heading="B. Financial position")
    assert _texts(path) == ["B. Financial position",
                            f"Liquidity and operational constraints. {FACTS}"]


def test_a_paragraph_ending_in_a_bold_word_stays_apart_from_a_bold_paragraph_after(
    tmp_path: Path,
) -> None:
    path = _page(tmp_path / "words.pdf", [
        ("", [(FACTS + " See", False), ("annex I.", True)]), ("", [(TRUSTS, True)])])
    assert _texts(path) == [f"{FACTS} See annex I.", TRUSTS]


def test_regular_lines_read_regular(tmp_path: Path) -> None:
    path = _page(tmp_path / "plain.pdf", [("3.", [(FACTS, False)]), ("4.", [(NEXT, False)])])
    (page,) = read_pdf_chars(path.read_bytes(), path.name)
    assert not any(c.bold for c in page.chars)
    assert _texts(path) == [f"3. {FACTS}", f"4. {NEXT}"]
