"""Blocks of a few lines set side by side, without ruling lines, read block by block.

An invoice's or a letter's foot sets an address beside terms beside bank details: blocks of
short lines (or of running text) next to each other, each left-aligned, a gap between them all
the way down, of different heights. Too short and too sparse to be columns of text
(`columns.frames`), and not wrapped running text throughout (`lines._wraps`), they were read as
table rows, line by line across ("Lenze B.V." / "Deutsche Bank" / "Postbus 3101" / "IBAN: ...").
The rule (`lines._side_by_side`): each block is one cell, read whole, top to bottom, left block
first.

Guards (pass before and after): a table of label/value rows of one line each (stacks of one
height, row for row) and one whose last value wraps onto a second line stay row by row; a
column of labels ending in ':' beside its values stays row by row; a bulleted list whose last
item wraps stays item by item, and depths beside taller descriptions row by row. (Blocks of
running text whose lines all fill them went through `_wraps` before: tests/test_pdf_unruled.py.)
Two-column text and ruled tables keep their readings (the producer matrix,
tests/test_pdf_producers*.py).

Cases are pages drawn here with reportlab, and one HTML page printed by Chromium.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas
from test_pdf_unruled import BANK, BODY_EN, FONT, LEFT, RIGHT, TERMS, TOP, ZH_FONT, _fonts, _texts

BODY_ZH = (
    "秘书处编写本说明，向委员会通报在审查所涉期间按何种条件提供附件所述服务以及为支付这些服务所作的安排。",
    "委员会不妨注意到所提供的资料，并酌情就说明中提出的事项提供进一步指导。",
)
ADDRESS = ("Lenze B.V.", "Postbus 3101", "5203 DC 's-Hertogenbosch", "The Netherlands")
ADDRESS_ZH = ("联合国秘书处", "纽约第一大道", "邮政编码一零零一七", "美利坚合众国")
BANK_ZH = ("德意志银行", "账号：一二三四五六七", "代码：甲乙丙丁")


def _body(c: canvas.Canvas, texts: tuple[str, ...], font: str) -> float:
    """Paragraphs of 10-point text across the page from the top; returns the next baseline."""
    y = TOP
    for text in texts:
        lines = (list(simpleSplit(text, font, 10, RIGHT - LEFT)) if font == FONT
                 else [text[k:k + 44] for k in range(0, len(text), 44)])
        for line in lines:
            c.setFont(font, 10)
            c.drawString(LEFT, y, line)
            y -= 12
        y -= 12
    return y


def _block(c: canvas.Canvas, lines: tuple[str, ...] | list[str], x: float, y: float,
           font: str = FONT, size: float = 7.0, leading: float = 8.5) -> None:
    c.setFont(font, size)
    for k, line in enumerate(lines):
        c.drawString(x, y - k * leading, line)


def _whole(lines: tuple[str, ...] | list[str], lang: str = "en") -> str:
    return ("" if lang == "zh" else " ").join(lines)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_address_beside_bank_details_at_a_page_foot_is_read_block_by_block(
    tmp_path: Path, lang: str
) -> None:
    """Two blocks of short lines (4 and 3): the address whole, then the bank details whole."""
    _fonts()
    font = ZH_FONT if lang == "zh" else FONT
    address, bank = (ADDRESS_ZH, BANK_ZH) if lang == "zh" else (ADDRESS, BANK)
    path = tmp_path / f"foot.{lang}.pdf"
    c = canvas.Canvas(str(path))
    _body(c, BODY_ZH if lang == "zh" else BODY_EN, font)
    _block(c, address, LEFT, 90, font)
    _block(c, bank, LEFT + 220, 90, font)
    c.save()
    texts = _texts(path, lang)
    assert texts[-2:] == [_whole(address, lang), _whole(bank, lang)], texts


def test_address_terms_and_bank_details_side_by_side_are_read_block_by_block(
    tmp_path: Path,
) -> None:
    """Three blocks: an address (4 lines), terms whose sentences end inside the block (4), bank
    details (3): each whole, left to right."""
    terms = list(simpleSplit(TERMS, FONT, 6, 150))
    assert len(terms) == 4
    path = tmp_path / "three.pdf"
    c = canvas.Canvas(str(path))
    _body(c, BODY_EN, FONT)
    _block(c, ADDRESS, LEFT, 90, FONT, 6, 7.2)
    _block(c, terms, LEFT + 120, 90, FONT, 6, 7.2)
    _block(c, BANK, LEFT + 300, 90, FONT, 6, 7.2)
    c.save()
    texts = _texts(path, "en")
    assert texts[-3:] == [_whole(ADDRESS), _whole(terms), _whole(BANK)], texts


# an invoice: a sender's and a recipient's address at the head, label/value fields, a line
# of goods, totals, and address, terms and bank details side by side at the foot
FIELDS = (("Invoice number", "INV 98559514"), ("Invoice date", "16.02.2017"),
          ("Customer number", "CU 2056981"), ("Order number", "PO 4550219"))
TOTALS = (("Net value of goods", "534,87"), ("Freight", "19,95"), ("Amount due", "671,33"))


def _invoice(path: Path) -> list[str]:
    """The invoice page; returns its foot's terms lines."""
    c = canvas.Canvas(str(path))
    c.setFont(FONT, 9)
    _block(c, ("Supertape B.V.", "Postbus 14", "4870 AA ETTEN-LEUR"), LEFT, TOP, FONT, 9, 11)
    y = TOP - 60
    c.setFont(FONT, 14)
    c.drawString(LEFT, y, "Invoice")
    y -= 24
    for label, value in FIELDS:
        c.setFont(FONT, 9)
        c.drawString(LEFT, y, label)
        c.drawString(LEFT + 150, y, value)
        y -= 11
    y -= 20
    for line in simpleSplit("Delivered as agreed in your order of 24 January 2017: one worm gear "
                            "motor of type SSN40 with its mounting set, packed for transport by "
                            "road, and its instructions for installation.", FONT, 9,
                            RIGHT - LEFT):
        c.drawString(LEFT, y, line)
        y -= 11
    y -= 20
    for label, value in TOTALS:
        c.drawString(LEFT, y, label)
        c.drawRightString(RIGHT, y, value)
        y -= 11
    terms = list(simpleSplit(TERMS, FONT, 6, 150))
    _block(c, ADDRESS, LEFT, 90, FONT, 6, 7.2)
    _block(c, terms, LEFT + 120, 90, FONT, 6, 7.2)
    _block(c, BANK, LEFT + 300, 90, FONT, 6, 7.2)
    c.save()
    return terms


def test_an_invoices_foot_is_read_block_by_block_and_its_fields_row_by_row(
    tmp_path: Path,
) -> None:
    path = tmp_path / "invoice.pdf"
    terms = _invoice(path)
    texts = _texts(path, "en")
    at = texts.index(FIELDS[0][0])
    assert texts[at: at + 2 * len(FIELDS)] == [t for pair in FIELDS for t in pair], texts
    at = texts.index(TOTALS[0][0])
    assert texts[at: at + 2 * len(TOTALS)] == [t for pair in TOTALS for t in pair], texts
    assert texts[-3:] == [_whole(ADDRESS), _whole(terms), _whole(BANK)], texts


# guards: label/value rows stay row by row
SPECS = (("motor type", "13.751.65.5.2.0"), ("nominal power", "0,18 kW"),
         ("nominal torque", "1,27 Nm"), ("gear ratio", "10"))


def _rows(c: canvas.Canvas, rows: tuple[tuple[str, str], ...], y: float) -> float:
    for label, value in rows:
        _block(c, (label,), LEFT, y, FONT, 7)
        _block(c, (value,), LEFT + 150, y, FONT, 7)
        y -= 8.5
    return y


def test_label_value_rows_whose_last_value_wraps_stay_row_by_row(tmp_path: Path) -> None:
    """The value column one line taller than the labels (its last value wraps, going on in
    lower case): a table, not two blocks."""
    path = tmp_path / "wrapped.pdf"
    c = canvas.Canvas(str(path))
    _body(c, BODY_EN, FONT)
    y = _rows(c, SPECS, 120)
    _block(c, ("with its mounting set",), LEFT + 150, y, FONT, 7)
    c.save()
    texts = _texts(path, "en")
    at = texts.index(SPECS[0][0])
    assert texts[at: at + 6] == [t for pair in SPECS[:3] for t in pair], texts


def test_labels_ending_in_colons_beside_values_stay_row_by_row(tmp_path: Path) -> None:
    """A column of labels (each ends in ':') beside values of which one is missing at the end:
    a form, read row by row."""
    path = tmp_path / "form.pdf"
    c = canvas.Canvas(str(path))
    _body(c, BODY_EN, FONT)
    labels = ("Name:", "Street:", "Town:", "Country:")
    values = ("Supertape B.V.", "Postbus 14", "Etten-Leur")
    _block(c, labels, LEFT, 120)
    _block(c, values, LEFT + 150, 120)
    c.save()
    texts = _texts(path, "en")
    at = texts.index("Name:")
    assert texts[at: at + 7] == ["Name:", "Supertape B.V.", "Street:", "Postbus 14", "Town:",
                                 "Etten-Leur", "Country:"], texts


def test_numbers_beside_taller_descriptions_stay_row_by_row(tmp_path: Path) -> None:
    """A log of depths beside descriptions (a third description without its depth, starting
    in capitals): a column of numbers keys a table's rows, it is no block."""
    path = tmp_path / "log.pdf"
    c = canvas.Canvas(str(path))
    _body(c, BODY_EN, FONT)
    depths = ("411.91", "424.11")
    layers = ("BIOCLASTIC LIMESTONE, partly limonitic, reddish brown",
              "LIMESTONE, mostly argillaceous (wackestone)",
              "CALCAREOUS MARL, beige grey to medium grey")
    _block(c, depths, LEFT, 120)
    _block(c, layers, LEFT + 60, 120)
    c.save()
    texts = _texts(path, "en")
    at = texts.index(depths[0])
    assert texts[at: at + 3] == [depths[0], layers[0], depths[1]], texts


def test_a_bulleted_list_whose_last_item_wraps_stays_item_by_item(tmp_path: Path) -> None:
    """Bullets set apart from their items, the last item wrapping onto a line that starts a
    name: a column of marks beside a taller one is no pair of blocks (each bullet is read with
    its item, as its label: pdflayout.lines.BULLETS)."""
    path = tmp_path / "bullets.pdf"
    c = canvas.Canvas(str(path))
    y = _body(c, BODY_EN, FONT)
    items = (("The first item of the list.",), ("The second item of the list.",),
             ("The third item, which names the", "United Nations Development Programme."))
    for item in items:
        _block(c, ("\u2022",), LEFT, y, FONT, 10)
        _block(c, item, LEFT + 18, y, FONT, 10, 12)
        y -= 12 * len(item)
    c.save()
    texts = _texts(path, "en")
    assert "\u2022 \u2022 \u2022" not in texts, texts
    assert "\u2022 The first item of the list." in texts, texts
    assert "\u2022 The second item of the list." in texts, texts


_HTML = """<!doctype html><html><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 20mm; }}
body {{ font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; }}
.foot {{ position: absolute; top: 230mm; left: 0; display: flex; gap: 14mm;
         font-size: 7pt; line-height: 1.25; }}
.foot div {{ width: 45mm; }}
</style></head><body>
{body}
<div class="foot"><div>{address}</div><div>{terms}</div><div>{bank}</div></div>
</body></html>"""


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium not installed")
def test_a_chromium_page_foot_of_blocks_side_by_side_is_read_block_by_block(
    tmp_path: Path,
) -> None:
    """The three blocks of an HTML page's foot (a flex row) printed by Chromium."""
    from chromium_print import print_html

    html = _HTML.format(body="".join(f"<p>{t}</p>" for t in BODY_EN),
                        address="<br>".join(ADDRESS), terms=TERMS, bank="<br>".join(BANK))
    texts = _texts(print_html(html, tmp_path / "foot.pdf"), "en")
    assert texts[-3:] == [_whole(ADDRESS), TERMS, _whole(BANK)], texts
