"""Unruled tables and label/value lists are read row by row, not as two columns of text.

A list of labels and their values ("Invoice number:  INV-2026-004512"), a financial statement (a
label column, then columns of figures) or a table of projects set without rules leaves a
vertical strip empty down the page, between the labels and the values or between two of the
table's columns. `columns.frames` took that strip for a gutter and read the region as two
columns of text: all the labels, then all the values (PyMuPDF__test_4699's balance sheet,
pdfminersix__issue-1062's invoice), or the table in two halves (PyMuPDF__test_3994; its like
is test_pdf_unruled.py's "wide" table of wrapped cells). The rule (`columns._unruled_table`):
a region whose rows pair across its gutters (each line of the sparser column has its partner
on the same baseline beside it) and whose first column, the labels, is not running text (not
mostly full lines of some length) is a table: its rows stay rows, from its first paired row,
each piece of a row a cell, as a ruled table's are (`tables`), and, like those, its cells are
no segment explosion to the self-check, which took the text path's reading (rows run
together) before. Each case says: every label and every value (or figure) is a paragraph of
its own, in row order, and the paragraph above the table stays whole.

Guards (pass before and after): text in two columns is read column by column, also where the
columns' baselines line up row for row (one font, one leading, in English and Chinese) and
where many of its lines are a short paragraph's last; the producer matrix's two-column rows
keep their readings (tests/test_pdf_producers*.py), ruled tables theirs
(tests/test_pdf_tables.py).

Each case is a page drawn here (reportlab) and read through `read_document`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas
from test_pdf_unruled import BODY_EN, BODY_ZH, FONT, LEFT, RIGHT, TOP, ZH_FONT, _fonts, _wrap

from untm.aligner.read import read_document

SIZE, LEADING = 10.0, 13.0

# an invoice's fields: labels of different lengths, values of a few words
FIELDS_EN = (
    ("Invoice number:", "INV-2026-004512 / 07.12.2026"),
    ("Customer:", "Supertape B.V., Postbus 14"),
    ("Delivery address:", "Industrieweg 12, 4870 AA Etten-Leur"),
    ("Order reference:", "PO 88-1145 of 18 November 2026"),
    ("VAT ID:", "NL004271920B01 (reverse charge)"),
    ("Payment terms:", "30 days net, no deduction allowed"),
    ("Delivery date:", "Monday, 30 November 2026"),
    ("Shipped by:", "DHL Freight, consignment 55 120 881"),
    ("Contact person:", "Ms. A. de Vries, sales office"),
)
FIELDS_ZH = (
    ("购买方名称：", "联合国日内瓦办事处采购科"),
    ("纳税人识别号：", "91110000100012345X"),
    ("地址、电话：", "北京市朝阳区建国路88号 010-65001234"),
    ("开户行及账号：", "中国银行北京分行 1234 5678 9012"),
    ("货物或应税劳务名称：", "笔记本电脑及配件"),
    ("规格型号：", "ThinkPad X1 Carbon"),
    ("价税合计（大写）：", "壹万贰仟叁佰元整"),
    ("开票日期：", "2026年12月7日"),
    ("销售方名称：", "北京联合办公用品有限公司"),
)
# a statement: a label column (its "of which" items indented under the item they break down),
# then five columns of figures set right-aligned
STATEMENT_EN = (
    ("Short-term borrowings", "878", "727", "1,923", "4,449", "5,045"),
    ("  of which: bank loans due within one year", "370", "420", "1,153", "3,449", "4,045"),
    ("Trade and other payables", "1,205", "2,922", "2,069", "2,749", "3,050"),
    ("  of which: notes and accounts payable", "1,028", "2,420", "1,953", "2,211", "2,409"),
    ("Contract liabilities", "0", "0", "620", "744", "818"),
    ("Other current liabilities", "7", "16", "123", "123", "123"),
    ("Total current liabilities", "2,090", "3,665", "4,813", "8,143", "9,114"),
    ("Long-term borrowings", "79", "1,020", "979", "979", "979"),
    ("Deferred tax liabilities", "35", "147", "212", "212", "212"),
    ("Total liabilities", "2,711", "5,600", "6,868", "10,198", "11,170"),
)
STATEMENT_ZH = (
    ("短期借款", "878", "727", "1,923", "4,449", "5,045"),
    ("  其中：一年内到期的非流动负债", "370", "420", "1,153", "3,449", "4,045"),
    ("经营性应付款项", "1,205", "2,922", "2,069", "2,749", "3,050"),
    ("  其中：应付票据及应付账款", "1,028", "2,420", "1,953", "2,211", "2,409"),
    ("合同负债", "0", "0", "620", "744", "818"),
    ("其他流动负债", "7", "16", "123", "123", "123"),
    ("流动负债合计", "2,090", "3,665", "4,813", "8,143", "9,114"),
    ("长期借款", "79", "1,020", "979", "979", "979"),
    ("递延所得税负债", "35", "147", "212", "212", "212"),
    ("负债合计", "2,711", "5,600", "6,868", "10,198", "11,170"),
)
INDENT = 12.0  # points: an "of which" item's indent
YEARS = ("2019", "2020", "2021", "2022", "2023")

# running text for two columns (English and Chinese), paragraphs of several lines
PROSE_EN = (
    "The Committee considered the report of the Secretary-General on the implementation of "
    "the programme of work and took note of the progress made during the period under review.",
    "Several delegations welcomed the efforts made to improve the coordination of activities "
    "across the system and asked that the next report include more detailed information on "
    "the resources used and the results achieved at the country level.",
    "The Committee recommended that the General Assembly request the Secretary-General to "
    "continue to report on the matter at its next session.",
    "Other delegations expressed concern at the delays in the issuance of documents and urged "
    "the secretariat to ensure that all documents are made available in all official languages "
    "six weeks before the opening of the session.",
)
PROSE_ZH = (
    "委员会审议了秘书长关于工作方案执行情况的报告，并注意到审查所涉期间取得的进展。",
    "若干代表团欢迎为改进整个系统各项活动的协调所作的努力，并要求下一次报告载列关于所用资源和在国家一级"
    "所取得成果的更详细资料。",
    "委员会建议大会请秘书长在下届会议上继续就此事项提出报告。",
    "其他代表团对文件印发的延误表示关切，并敦促秘书处确保在会议开幕前六周以所有正式语文提供全部文件。",
)
# short paragraphs (a resolution's preamble): many lines end short of the column's edge
SHORT_EN = (
    "The General Assembly,",
    "Recalling its resolution 46/182 of 19 December 1991 and the guiding principles annexed "
    "thereto,",
    "Reaffirming the principles of humanity, neutrality, impartiality and independence of "
    "humanitarian assistance.",
    "Noting with concern the growing number of people in need of assistance,",
    "1. Welcomes the report of the Secretary-General;",
    "2. Requests the Secretary-General to report to it at its next session.",
)
SHORT_ZH = (
    "大会，",
    "回顾其1991年12月19日第46/182号决议及其附件所载指导原则，",
    "重申人道主义援助的人道、中立、公正和独立原则，",
    "又重申各国对本国境内的自然灾害受害者负有首要责任。",
    "关切地注意到需要援助的人数继续增加，",
    "1. 欢迎秘书长的报告；",
    "2. 请秘书长加强联合国紧急人道主义援助的协调；",
    "3. 又请秘书长向大会下届会议报告本决议执行进展情况。",
)


def _draw_text(c: canvas.Canvas, text: str, x: float, y: float, font: str, size: float,
               *, right: bool = False) -> None:
    c.setFont(font, size)
    if right:
        c.drawRightString(x, y, text)
    else:
        c.drawString(x, y, text)


def _texts(path: Path, lang: str) -> list[str]:
    return [p.text for p in read_document(path, lang).paragraphs]


def _body(c: canvas.Canvas, lang: str) -> float:
    """Two paragraphs across the page from its top; returns the next baseline."""
    font = ZH_FONT if lang == "zh" else FONT
    y = TOP
    for text in BODY_ZH if lang == "zh" else BODY_EN:
        for line in _wrap(text, font, SIZE, RIGHT - LEFT):
            _draw_text(c, line, LEFT, y, font, SIZE)
            y -= LEADING
        y -= LEADING
    return y


def _fields_page(path: Path, lang: str, fields: Sequence[tuple[str, str]]) -> None:
    """Body text, then label/value rows: labels at the margin, values at one tab stop."""
    _fonts()
    font = ZH_FONT if lang == "zh" else FONT
    c = canvas.Canvas(str(path))
    y = _body(c, lang)
    for label, value in fields:
        _draw_text(c, label, LEFT, y, font, SIZE)
        _draw_text(c, value, LEFT + 140, y, font, SIZE)
        y -= LEADING
    c.save()


def _statement_page(path: Path, lang: str, rows: Sequence[tuple[str, ...]], *,
                    body: bool = True) -> None:
    """Body text (or none: the table at the page's top), a head row of years, then a label
    column and five columns of figures set right-aligned at their tab stops."""
    _fonts()
    font = ZH_FONT if lang == "zh" else FONT
    c = canvas.Canvas(str(path))
    y = _body(c, lang) if body else TOP
    stops = tuple(RIGHT - 50 * k for k in range(len(YEARS) - 1, -1, -1))
    for stop, year in zip(stops, YEARS, strict=True):
        _draw_text(c, year, stop, y, FONT, SIZE, right=True)
    y -= LEADING * 1.5
    for label, *figures in rows:
        indent = INDENT if label.startswith(" ") else 0.0
        _draw_text(c, label.strip(), LEFT + indent, y, font, SIZE)
        for stop, figure in zip(stops, figures, strict=True):
            _draw_text(c, figure, stop, y, FONT, SIZE, right=True)
        y -= LEADING
    c.save()


def _columns_page(path: Path, lang: str, paragraphs: Sequence[str]) -> list[str]:
    """Running text in two columns of one font and one leading, each column's baselines on
    one grid (so the columns' lines stand side by side row for row): the first half of the
    paragraphs down the left column, the rest down the right, a blank line between two;
    returns the paragraphs as a reader joins them."""
    _fonts()
    font = ZH_FONT if lang == "zh" else FONT
    width = (RIGHT - LEFT - 20) / 2
    c = canvas.Canvas(str(path))
    half = (len(paragraphs) + 1) // 2
    for x, texts in ((LEFT, paragraphs[:half]), (LEFT + width + 20, paragraphs[half:])):
        y = TOP
        for text in texts:
            for line in _wrap(text, font, SIZE, width):
                _draw_text(c, line, x, y, font, SIZE)
                y -= LEADING
            y -= LEADING
    c.save()
    sep = "" if lang == "zh" else " "
    return [sep.join(_wrap(text, font, SIZE, width)) for text in paragraphs]


def _cells_in_order(texts: list[str], cells: Sequence[str]) -> bool:
    """The cells are read one after another, in this order, each a paragraph of its own."""
    cells = list(cells)
    return any(texts[at: at + len(cells)] == cells for at in range(len(texts)))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_label_value_list_is_read_label_by_value(tmp_path: Path, lang: str) -> None:
    fields = FIELDS_ZH if lang == "zh" else FIELDS_EN
    path = tmp_path / f"fields.{lang}.pdf"
    _fields_page(path, lang, fields)
    texts = _texts(path, lang)
    assert _cells_in_order(texts, [t for pair in fields for t in pair]), texts
    assert (BODY_ZH if lang == "zh" else BODY_EN)[-1] in texts, texts


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_statement_without_rules_is_read_row_by_row(tmp_path: Path, lang: str) -> None:
    rows = STATEMENT_ZH if lang == "zh" else STATEMENT_EN
    path = tmp_path / f"statement.{lang}.pdf"
    _statement_page(path, lang, rows)
    texts = _texts(path, lang)
    assert _cells_in_order(texts, [t.strip() for row in rows for t in row]), texts
    # the paragraph above, whose last line leaves the gap beside the labels open, stays whole
    assert (BODY_ZH if lang == "zh" else BODY_EN)[-1] in texts, texts


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_statements_years_at_a_pages_top_are_no_page_numbers(tmp_path: Path,
                                                                 lang: str) -> None:
    """The table at the page's top, its head row of years in the page's top band: read row by
    row as the table is, that row's bare numbers are a table's, not page numbers
    (`pdflayout.furniture._table_numbers`)."""
    rows = STATEMENT_ZH if lang == "zh" else STATEMENT_EN
    path = tmp_path / f"top.{lang}.pdf"
    _statement_page(path, lang, rows, body=False)
    texts = _texts(path, lang)
    assert " ".join(YEARS) in " ".join(texts), texts
    assert _cells_in_order(texts, [t.strip() for row in rows for t in row]), texts


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_two_columns_of_text_on_one_grid_stay_columns(tmp_path: Path, lang: str) -> None:
    path = tmp_path / f"columns.{lang}.pdf"
    expected = _columns_page(path, lang, PROSE_ZH if lang == "zh" else PROSE_EN)
    assert _texts(path, lang) == expected


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_two_columns_of_short_paragraphs_stay_columns(tmp_path: Path, lang: str) -> None:
    path = tmp_path / f"short.{lang}.pdf"
    expected = _columns_page(path, lang, SHORT_ZH if lang == "zh" else SHORT_EN)
    assert _texts(path, lang) == expected
