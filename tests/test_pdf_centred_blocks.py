"""Blocks of centred lines set side by side, read block by block.

A UN letter or joint statement ends with signature blocks side by side, each a stack of centred
lines of different widths ("(Signed) Jane Doe" over "Permanent Representative of Norway" over
"to the United Nations"; in Chinese "挪威常驻联合国代表" over "（签名）张三"); a report sets stat
cards side by side (a large figure over its caption's centred lines). The readers of blocks side
by side (`lines._side_by_side`, `lines._wraps`) join only left-aligned lines, so such blocks were
read row by row across ("(Signed) Jane Doe" / "(Signed) John Roe" / "Permanent Representative of
Norway Permanent Representative ..."), and two centred blocks with a few lines were even read as
short text columns that left their first row out (`columns._short_columns`).
The rule (`lines._centred_side_by_side`, `columns.centred`): stacks of two to six lines, each
centred on its first line's centre, side by side with a gutter between them all the way down
and nothing else in their rows, are each one cell, read whole, left block first: a signature
block is one paragraph (its name and title together), as the left-aligned blocks beside each
other are.

Guards (pass before and after): a centred title over a full-width paragraph; tables of centred
cells stay row by row (a column of numbers; columns of words of one height, none reading on);
a centred heading above two columns of body text, and justified two-column text, are read
column by column. The producer matrix's covers
(centred lines one under another) keep their readings (the readings dump).

Cases are pages drawn here with reportlab, and an HTML page printed by Chromium.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas
from test_pdf_unruled import BODY_EN, BODY_ZH, FONT, LEFT, RIGHT, TOP, ZH_FONT, _fonts, _texts

# signature blocks of different heights and line widths, in English and Chinese
SIGNED_EN = (
    ("(Signed) Jane Doe", "Permanent Representative of Norway", "to the United Nations"),
    ("(Signed) John Roe", "Permanent Representative", "of the Republic of Korea",
     "to the United Nations"),
    ("(Signed) Ana Pérez", "Chargé d'affaires a.i."),
)
SIGNED_ZH = (
    ("挪威常驻联合国代表", "（签名）张三"),
    ("大韩民国常驻联合国代表", "大使", "（签名）李四"),
    ("智利常驻联合国代表团", "临时代办", "（签名）安娜·佩雷斯"),
)
# three blocks in a narrower type, each line within a third of the page
SIGNED_EN3 = (
    ("(Signed) Jane Doe", "Permanent Representative", "of Norway"),
    ("(Signed) John Roe", "Permanent Representative", "of the Republic of Korea"),
    ("(Signed) Ana Pérez", "Chargé d'affaires a.i."),
)


def _body(c: canvas.Canvas, lang: str, size: float = 12) -> float:
    """The letter's last paragraphs across the page; returns the next baseline."""
    font = ZH_FONT if lang == "zh" else FONT
    y = TOP
    for text in BODY_ZH if lang == "zh" else BODY_EN:
        per = int((RIGHT - LEFT) // size)
        lines = (list(simpleSplit(text, font, size, RIGHT - LEFT)) if lang == "en"
                 else [text[k:k + per] for k in range(0, len(text), per)])
        for line in lines:
            c.setFont(font, size)
            c.drawString(LEFT, y, line)
            y -= size * 1.25
        y -= size
    return y


def _centred(c: canvas.Canvas, blocks: tuple[tuple[str, ...], ...], y: float, font: str,
             size: float) -> None:
    """Each block's lines centred in its share of the text width, side by side."""
    width = (RIGHT - LEFT) / len(blocks)
    c.setFont(font, size)
    for k, block in enumerate(blocks):
        for j, line in enumerate(block):
            c.drawCentredString(LEFT + width * (k + 0.5), y - j * size * 1.25, line)


def _whole(block: tuple[str, ...], lang: str) -> str:
    return ("" if lang == "zh" else " ").join(block)


def signature_page(path: Path, lang: str, count: int) -> tuple[tuple[str, ...], ...]:
    """A letter's end: its last paragraphs, then `count` signature blocks side by side (12
    points for two, 10 for three); returns the blocks."""
    _fonts()
    font = ZH_FONT if lang == "zh" else FONT
    blocks = (SIGNED_ZH if lang == "zh" else SIGNED_EN3 if count == 3 else SIGNED_EN)[:count]
    c = canvas.Canvas(str(path))
    y = _body(c, lang)
    _centred(c, blocks, y - 36, font, 12 if count == 2 else 10)
    c.save()
    return blocks


@pytest.mark.parametrize("count", [2, 3])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_signature_blocks_side_by_side_are_read_block_by_block(
    tmp_path: Path, lang: str, count: int
) -> None:
    path = tmp_path / f"signed.{lang}{count}.pdf"
    blocks = signature_page(path, lang, count)
    texts = _texts(path, lang)
    assert texts[-count:] == [_whole(b, lang) for b in blocks], texts
    assert len(texts) == len(BODY_ZH if lang == "zh" else BODY_EN) + count, texts


def test_signature_blocks_of_one_height_whose_titles_read_on_are_read_block_by_block(
    tmp_path: Path,
) -> None:
    """Two blocks of three lines each, row for row (a table's shape): the titles go on in
    their next lines ("to the United Nations"), which a table's cells do not."""
    blocks = (SIGNED_EN[0], ("(Signed) John Roe", "Permanent Representative of Chile",
                             "to the United Nations"))
    path = tmp_path / "even.pdf"
    c = canvas.Canvas(str(path))
    _centred(c, blocks, _body(c, "en") - 36, FONT, 12)
    c.save()
    texts = _texts(path, "en")
    assert texts[-2:] == [_whole(b, "en") for b in blocks], texts


def test_stat_cards_a_figure_over_its_caption_are_read_card_by_card(tmp_path: Path) -> None:
    """Three cards: a large figure, a bold unit, then three caption lines, all centred."""
    cards = (("2.5", "kilograms per barrel", "carbon intensity from", "our operations",
              "in the region in 2022"),
             ("1st", "woman", "offshore platform engineer", "in the country was",
              "employed in 2020"),
             ("~70%", "of electricity", "production is powered", "by the two fields",
              "as of 2022"))
    path = tmp_path / "cards.pdf"
    c = canvas.Canvas(str(path))
    y = _body(c, "en", 10)
    width = (RIGHT - LEFT) / 3
    for k, card in enumerate(cards):
        x = LEFT + width * (k + 0.5)
        c.setFont("Helvetica-Bold", 40)
        c.drawCentredString(x, y - 60, card[0])
        c.setFont("Helvetica-Bold", 13)
        c.drawCentredString(x, y - 80, card[1])
        c.setFont(FONT, 9)
        for j, line in enumerate(card[2:]):
            c.drawCentredString(x, y - 94 - 11 * j, line)
    c.save()
    texts = _texts(path, "en")
    assert texts[-3:] == [" ".join(card) for card in cards], texts


_HTML = """<!doctype html><html><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 25mm; }}
body {{ font-family: "Liberation Serif", serif; font-size: 12pt; }}
.sig {{ display: flex; justify-content: space-between; margin-top: 24pt; }}
.sig div {{ width: 45%; text-align: center; }}
</style></head><body>
{body}
<div class="sig">{blocks}</div>
</body></html>"""


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium not installed")
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chromium_signature_blocks_are_read_block_by_block(tmp_path: Path, lang: str) -> None:
    """Two signature blocks in a flex row, each centred, printed by Chromium."""
    from chromium_print import print_html

    blocks = (SIGNED_ZH if lang == "zh" else SIGNED_EN)[:2]
    body = BODY_ZH if lang == "zh" else BODY_EN
    html = _HTML.format(body="".join(f"<p>{t}</p>" for t in body),
                        blocks="".join(f"<div>{'<br>'.join(b)}</div>" for b in blocks))
    texts = _texts(print_html(html, tmp_path / "signed.pdf"), lang)
    assert texts[-2:] == [_whole(b, lang) for b in blocks], texts


# guards: what the rule must leave as it is


def test_a_centred_title_over_a_full_width_paragraph_stays_apart(tmp_path: Path) -> None:
    path = tmp_path / "title.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("Helvetica-Bold", 14)
    c.drawCentredString((LEFT + RIGHT) / 2, TOP + 40, "Letter dated 3 May 2024")
    _body(c, "en")
    c.save()
    texts = _texts(path, "en")
    assert texts[0] == "Letter dated 3 May 2024", texts
    assert texts[1:] == list(BODY_EN), texts


def _centred_table(path: Path, rows: tuple[tuple[str, str], ...]) -> Path:
    """The English body, then `rows` as two columns of cells centred 220 points apart."""
    c = canvas.Canvas(str(path))
    y = _body(c, "en") - 24
    c.setFont(FONT, 11)
    for j, (a, b) in enumerate(rows):
        c.drawCentredString(LEFT + 110, y - 14 * j, a)
        c.drawCentredString(LEFT + 330, y - 14 * j, b)
    c.save()
    return path


def test_a_table_of_centred_cells_with_numbers_stays_row_by_row(tmp_path: Path) -> None:
    """Two columns of centred cells, a head over numbers: a table, read row by row."""
    rows = (("Region", "Staff"), ("Africa", "1,204"), ("Asia and the Pacific", "986"),
            ("Europe", "2,310"))
    texts = _texts(_centred_table(tmp_path / "table.pdf", rows), "en")
    at = texts.index("Region")
    assert texts[at:] == [t for row in rows for t in row], texts


def test_a_table_of_centred_words_row_for_row_stays_row_by_row(tmp_path: Path) -> None:
    """Two columns of centred words, of one height, no line reading on into the next: a
    table's columns, read row by row."""
    rows = (("Country", "Capital"), ("France", "Paris"), ("Germany", "Berlin"),
            ("Kenya", "Nairobi"))
    texts = _texts(_centred_table(tmp_path / "words.pdf", rows), "en")
    assert texts[-2 * len(rows):] == [t for row in rows for t in row], texts


def _columns(c: canvas.Canvas, justified: bool) -> tuple[str, str]:
    """Two columns of body text, 10 points, each 215 points wide (justified: every line but a
    paragraph's last stretched to the column's edge); returns each column's text."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    texts = (BODY_EN[0] + " " + BODY_EN[1], BODY_EN[1] + " " + BODY_EN[0])
    for k, text in enumerate(texts):
        x = LEFT + k * 236
        lines = simpleSplit(text, FONT, 10, 215)
        for j, line in enumerate(lines):
            c.setFont(FONT, 10)
            if justified and j < len(lines) - 1:
                words = line.split()
                gap = (215 - stringWidth("".join(words), FONT, 10)) / (len(words) - 1)
                at = x
                for w in words:
                    c.drawString(at, 650 - 12 * j, w)
                    at += stringWidth(w, FONT, 10) + gap
            else:
                c.drawString(x, 650 - 12 * j, line)
    return texts


@pytest.mark.parametrize("justified", [False, True])
def test_a_centred_heading_over_two_columns_of_text_reads_the_columns(
    tmp_path: Path, justified: bool
) -> None:
    path = tmp_path / "columns.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("Helvetica-Bold", 12)
    c.drawCentredString((LEFT + RIGHT) / 2, 680, "Summary of the arrangements")
    texts = _columns(c, justified)
    c.save()
    got = _texts(path, "en")
    assert got == ["Summary of the arrangements", *texts], got


@pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice not installed")
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_libreoffice_signature_blocks_in_a_borderless_table_are_read_block_by_block(
    tmp_path: Path, lang: str
) -> None:
    """Two signature blocks in the two cells of a borderless Word table, each line a centred
    paragraph with the default space after it, converted by LibreOffice (the English blocks
    wrap differently, so their lines stand on different baselines)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    blocks = (SIGNED_ZH if lang == "zh" else SIGNED_EN)[:2]
    document = docx.Document()
    for text in BODY_ZH if lang == "zh" else BODY_EN:
        document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)  # the default table style: no borders
    for cell, block in zip(table.rows[0].cells, blocks, strict=True):
        cell.paragraphs[0].text = block[0]
        for line in block[1:]:
            cell.add_paragraph(line)
        for paragraph in cell.paragraphs:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    source = tmp_path / "signed.docx"
    document.save(str(source))
    with tempfile.TemporaryDirectory(dir=tmp_path) as profile:
        subprocess.run(["soffice", f"-env:UserInstallation={Path(profile).as_uri()}",
                        "--headless", "--norestore", "--convert-to", "pdf", "--outdir",
                        str(tmp_path), str(source)],
                       check=True, capture_output=True, timeout=300, stdin=subprocess.DEVNULL)
    texts = _texts(tmp_path / "signed.pdf", lang)
    assert texts[-2:] == [_whole(b, lang) for b in blocks], texts
