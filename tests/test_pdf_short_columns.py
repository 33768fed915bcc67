"""A short passage in two columns (2 to 4 lines a column) is read column by column, its
paragraphs whole, and the full-width title or text above or below it stays whole.

A region is read as columns when it has `columns.MIN_COLUMN_ROWS` (5) rows with text on each
side of its gutter, or one where the document's other pages have the same gutters. A one-page
notice or an abstract in two short columns, or two short columns under a full-width title, had
neither: its rows were read across, and the blocks-side-by-side rule (`lines._wraps`) made each
column's run of lines a cell of its own: a paragraph that runs from the first column into the
second was cut in two at the column break, and where a paragraph ends inside a column the
columns' paragraphs came out of order, line by line across where they are indented. The rule
(`columns._short_columns`): fewer rows are columns where they are in the page's text size,
the gutter is narrow for the columns beside it and every column is running text read down it
(one line a row, each line but the last full to the column's edge or ending a sentence, some
line going on in the one below or in the next column's head), unless the columns' paragraphs
start row for row (a table's cells of running text, `columns._text_cells`). Cases: one
paragraph through two columns of 2, 3 or 4 lines, under a title (with text below) or below
full-width text; indented paragraphs, one ending inside a column; columns of unequal heights,
three columns, a 36-point gutter.

Guards (read the same before and after): the left and right parts of a document's header, a
list of three or four labels and their values, a short table of two columns without rules
(names beside one-line descriptions) and one of running text (two rows of cells of two lines
each, their paragraphs starting row for row), two short lists side by side (chosen: they stay
rows, each item a paragraph of its own, row by row: no item is a full line that goes on in the
line below, so nothing shows text in columns), and a short table of contents (titles and page
numbers). Blocks of small type side by side at a page's foot stay blocks (read by
`lines._side_by_side`; tests/test_pdf_unruled.py).

Each case is a page drawn here (reportlab, Helvetica and WenQuanYi Micro Hei at 10 points on
a 13-point leading, two columns 215 points wide with a 20-point gutter) and read through
`read_document`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas
from test_pdf_unruled import FONT, LEFT, RIGHT, TOP, ZH_FONT, _fonts, _wrap
from test_pdf_unruled_tables import FIELDS_EN, FIELDS_ZH, _cells_in_order

from untm.aligner.read import read_document

SIZE, LEADING, GUTTER = 10.0, 13.0, 20.0
WIDTH = (RIGHT - LEFT - GUTTER) / 2  # a column's width
TITLE = {"en": "Notice on the Arrangements for the Annual Meeting", "zh": "关于年度会议安排的通知"}
# full-width text above or below the columns
BODY = {
    "en": "The secretariat has prepared the present note to inform the Committee of the terms "
          "on which the services described in the annex were provided during the period under "
          "review, and of the arrangements made for their payment.",
    "zh": "秘书处编写本说明，向委员会通报在审查所涉期间按何种条件提供附件所述服务以及为支付这些"
          "服务所作的安排，委员会不妨注意到所提供的资料并酌情提供进一步指导。",
}
# the running text the columns' paragraphs are cut from
TEXT = (
    "the committee reviewed each report that the member states submitted on the progress of "
    "their national plans and asked the secretariat to prepare a summary of the main findings "
    "for the next session together with proposals on how the reporting could be made simpler "
    "and more useful for the countries that have little capacity to collect the data"
)
WORDS = TEXT.split(" ")
HAN = ("委员会审议了各成员国就其国家计划执行进展情况提交的每一份报告并请秘书处为下届会议编写"
       "一份主要调查结果摘要同时就如何使报告更简单对收集数据能力有限的国家更有用提出建议"
       "委员会感谢协助秘书处开展工作的专家并请秘书处在下一次报告中说明所用资源和在国家一级"
       "取得的成果")


def _font(lang: str) -> str:
    return ZH_FONT if lang == "zh" else FONT


def _indent(lang: str) -> float:
    """A paragraph's first-line indent: two characters in Chinese, 1.5 ems in English."""
    return 2 * SIZE if lang == "zh" else 1.5 * SIZE


def _lines(text: str, lang: str, indent: float, width: float = WIDTH) -> list[str]:
    """`text` broken into lines of a column `width` wide (its first line `indent` narrower)."""
    _fonts()
    font = _font(lang)
    first = _wrap(text, font, SIZE, width - indent)[0]
    rest = text[len(first):].lstrip()
    return [first, *(_wrap(rest, font, SIZE, width) if rest else [])]


def _paragraph(lang: str, k: int, lines: int, indent: float, width: float = WIDTH) -> str:
    """A paragraph of `k`'s own words that takes `lines` lines of a column `width` wide, its
    last line about half full (a sentence's end, not the column's edge)."""
    pool = HAN if lang == "zh" else WORDS
    sep = "" if lang == "zh" else " "
    for n in range(2, 400):
        words = [pool[(7 * k + i) % len(pool)] for i in range(n)]
        text = sep.join(words) + ("。" if lang == "zh" else ".")
        text = text[0].upper() + text[1:]
        got = _lines(text, lang, indent, width)
        fill = stringWidth(got[-1], _font(lang), SIZE) / width
        if len(got) == lines and fill >= 0.45:
            return text
    raise AssertionError(f"no paragraph of {lines} lines")


def _joined(text: str, lang: str, indent: float, width: float = WIDTH) -> str:
    """`text` as a reader joins its lines (a space between Latin lines, none in Chinese)."""
    return ("" if lang == "zh" else " ").join(_lines(text, lang, indent, width))


def _page(path: Path, lang: str, paragraphs: Sequence[str], rows: int, where: str,
          indent: float) -> list[str]:
    """Paragraphs flowed down two columns of `rows` lines each: under a centred title with a
    full-width paragraph below the columns (`where` "title"), or below a full-width paragraph
    at the page's top ("foot"). Returns the page's paragraphs as a reader joins them."""
    _fonts()
    font = _font(lang)
    c = canvas.Canvas(str(path))
    y = TOP
    expected: list[str] = []
    if where == "title":
        c.setFont("Helvetica-Bold" if lang == "en" else ZH_FONT, 14)
        c.drawCentredString((LEFT + RIGHT) / 2, y, TITLE[lang])
        expected.append(TITLE[lang])
        y -= 2 * LEADING
    else:
        y = _full_width(c, lang, y)
        expected.append(BODY[lang])
    c.setFont(font, SIZE)
    at = 0
    for text in paragraphs:
        for j, line in enumerate(_lines(text, lang, indent)):
            column, row = divmod(at, rows)
            assert column < 2, "the paragraphs do not fit the columns"
            x = LEFT + column * (WIDTH + GUTTER) + (indent if j == 0 else 0.0)
            c.drawString(x, y - row * LEADING, line)
            at += 1
        expected.append(_joined(text, lang, indent))
    assert at == 2 * rows, "the columns are not filled"
    if where == "title":
        _full_width(c, lang, y - (rows + 1) * LEADING)
        expected.append(BODY[lang])
    c.save()
    return expected


def _full_width(c: canvas.Canvas, lang: str, y: float) -> float:
    """The full-width paragraph from baseline `y`; returns the baseline after it and a blank
    line."""
    c.setFont(_font(lang), SIZE)
    for line in _wrap(BODY[lang], _font(lang), SIZE, RIGHT - LEFT):
        c.drawString(LEFT, y, line)
        y -= LEADING
    return y - LEADING


def _texts(path: Path, lang: str) -> list[str]:
    return [p.text for p in read_document(path, lang).paragraphs]


@pytest.mark.parametrize("where", ["title", "foot"])
@pytest.mark.parametrize("rows", [2, 3, 4])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_paragraph_through_two_short_columns_is_read_whole(
    tmp_path: Path, lang: str, rows: int, where: str
) -> None:
    """One paragraph filling two columns of `rows` lines: read whole, not cut at the column
    break (nor read across the columns), the text above and below whole."""
    text = _paragraph(lang, 0, 2 * rows, 0.0)
    path = tmp_path / f"flow.{lang}.pdf"
    expected = _page(path, lang, [text], rows, where, 0.0)
    assert _texts(path, lang) == expected


# other shapes: (lines in each column, gutter in points)
SHAPES_MORE = {"3 and 2 lines": ((3, 2), GUTTER), "three columns of 3 lines": ((3, 3, 3), GUTTER),
               "a 36-point gutter": ((3, 3), 36.0), "a 4-line column beside a 3-line one":
               ((4, 3), GUTTER)}


@pytest.mark.parametrize(("lang", "shape"), [
    (lang, shape) for lang in ("en", "zh") for shape in SHAPES_MORE
    # English lines a third of the text width hold some 23 to 30 characters, at the bound of
    # a long line (`columns.RUNNING_CHARS`, which keeps short cells and list items out): not
    # claimed
    if (lang, shape) != ("en", "three columns of 3 lines")])
def test_a_paragraph_through_short_columns_of_other_shapes_is_read_whole(
    tmp_path: Path, lang: str, shape: str
) -> None:
    """One paragraph flowed down short columns of unequal heights, three columns, columns a
    36-point gutter apart (a word processor's default): read whole."""
    heights, gutter = SHAPES_MORE[shape]
    width = (RIGHT - LEFT - (len(heights) - 1) * gutter) / len(heights)
    text = _paragraph(lang, 1, sum(heights), 0.0, width)
    path = tmp_path / f"shape.{lang}.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("Helvetica-Bold" if lang == "en" else ZH_FONT, 14)
    c.drawCentredString((LEFT + RIGHT) / 2, TOP, TITLE[lang])
    c.setFont(_font(lang), SIZE)
    lines = iter(_lines(text, lang, 0.0, width))
    for column, height in enumerate(heights):
        for row in range(height):
            c.drawString(LEFT + column * (width + gutter), TOP - (2 + row) * LEADING, next(lines))
    c.save()
    assert _texts(path, lang) == [TITLE[lang], _joined(text, lang, 0.0, width)]


# paragraphs (their lines) that fill two columns of 2, 3 or 4 rows, one ending inside a column
SHAPES = {2: (1, 2, 1), 3: (2, 3, 1), 4: (1, 4, 3)}


@pytest.mark.parametrize("rows", [2, 3, 4])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_indented_paragraphs_in_two_short_columns_are_read_in_order(
    tmp_path: Path, lang: str, rows: int
) -> None:
    """Paragraphs with a first-line indent flowed down two short columns, one ending and the
    next starting inside a column: each whole, in order."""
    indent = _indent(lang)
    paragraphs = [_paragraph(lang, k, n, indent) for k, n in enumerate(SHAPES[rows])]
    path = tmp_path / f"indented.{lang}.pdf"
    expected = _page(path, lang, paragraphs, rows, "title", indent)
    assert _texts(path, lang) == expected


# guards: read the same before and after (rows, each part a paragraph of its own)

HEADER = {
    "en": (("United Nations", "A/HRC/55/12"), ("General Assembly", "Distr.: General"),
           ("Human Rights Council", "18 January 2026")),
    "zh": (("联合国", "A/HRC/55/12"), ("大会", "Distr.: General"), ("人权理事会", "2026年1月18日")),
}


@pytest.mark.parametrize("lines", [2, 3])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_headers_left_and_right_parts_stay_rows(tmp_path: Path, lang: str,
                                                  lines: int) -> None:
    _fonts()
    path = tmp_path / f"header.{lang}.pdf"
    c = canvas.Canvas(str(path))
    c.setFont(_font(lang), SIZE)
    y = TOP
    for left, right in HEADER[lang][:lines]:
        c.drawString(LEFT, y, left)
        c.drawRightString(RIGHT, y, right)
        y -= LEADING
    _full_width(c, lang, y - LEADING)
    c.save()
    doc = read_document(path, lang)
    texts = [p.text for p in doc.paragraphs]
    parts = [t for pair in HEADER[lang][:lines] for t in pair]
    furniture = [f.text for f in doc.furniture]  # the document symbol at the top: a header's
    assert set(furniture) <= set(parts), furniture
    assert texts == [t for t in parts if t not in furniture] + [BODY[lang]]


@pytest.mark.parametrize("count", [3, 4])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_few_labels_and_values_stay_rows(tmp_path: Path, lang: str, count: int) -> None:
    _fonts()
    fields = (FIELDS_ZH if lang == "zh" else FIELDS_EN)[:count]
    path = tmp_path / f"fields.{lang}.pdf"
    c = canvas.Canvas(str(path))
    y = _full_width(c, lang, TOP)
    c.setFont(_font(lang), SIZE)
    for label, value in fields:
        c.drawString(LEFT, y, label)
        c.drawString(LEFT + 140, y, value)
        y -= LEADING
    c.save()
    texts = _texts(path, lang)
    assert _cells_in_order(texts, [t for pair in fields for t in pair]), texts
    assert BODY[lang] in texts, texts


SESSIONS = {
    "en": (("Meeting", "Dates and place"),
           ("First session of the committee", "3 to 7 March 2027 at the Palais des Nations"),
           ("Second session of the committee", "2 to 6 October 2027 at the Vienna centre"),
           ("Working group on the reporting", "to be held in New York during the session")),
    "zh": (("会议", "日期和地点"),
           ("委员会第一届会议", "2027年3月3日至7日在日内瓦万国宫"),
           ("报告问题工作组", "届会期间在纽约联合国总部举行"),
           ("委员会第二届会议和专家组会议", "2027年10月2日至6日在维也纳国际中心")),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_short_two_column_table_without_rules_stays_rows(tmp_path: Path, lang: str) -> None:
    """A head row and three rows of names beside one-line descriptions, the two columns the
    width of text columns and a narrow gap between them."""
    _fonts()
    path = tmp_path / f"table.{lang}.pdf"
    c = canvas.Canvas(str(path))
    y = _full_width(c, lang, TOP)
    c.setFont(_font(lang), SIZE)
    for name, place in SESSIONS[lang]:
        c.drawString(LEFT, y, name)
        c.drawString(LEFT + WIDTH + GUTTER, y, place)
        y -= LEADING
    c.save()
    texts = _texts(path, lang)
    assert _cells_in_order(texts, [t for pair in SESSIONS[lang] for t in pair]), texts


# a table of two columns of running text without rules: two rows of cells of two lines each
CELLS = {
    "en": (("The committee reviewed each report that the member states submitted on their "
            "plans.", "Several delegations welcomed the efforts made to improve the coordination "
            "of the work."),
           ("The secretariat was asked to prepare a summary of the main findings for the "
            "session.", "Other delegations expressed concern at the delays in the issuance of "
            "the documents.")),
    "zh": (("委员会审议了各成员国就其国家计划执行进展情况提交的每一份报告。",
            "若干代表团欢迎为改进整个系统各项活动的协调所作的努力。"),
           ("秘书处被要求为下届会议编写一份主要调查结果摘要并提出建议。",
            "其他代表团对文件印发的延误表示关切并敦促秘书处改进。")),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_short_table_of_running_text_cells_stays_rows(tmp_path: Path, lang: str) -> None:
    """Cells of running text, wrapped, each row's cells starting on one baseline and rows
    4 points apart: the columns' paragraphs start row for row (`columns._text_cells`), a
    table's, read cell by cell, row by row (reading its columns instead gave the first
    column's last cell and the second column's first as one paragraph)."""
    _fonts()
    path = tmp_path / f"cells.{lang}.pdf"
    c = canvas.Canvas(str(path))
    y = _full_width(c, lang, TOP)
    c.setFont(_font(lang), SIZE)
    expected: list[str] = []
    for row in CELLS[lang]:
        cells = [_wrap(text, _font(lang), SIZE, WIDTH) for text in row]
        assert [len(lines) for lines in cells] == [2, 2]
        for x, lines in zip((LEFT, LEFT + WIDTH + GUTTER), cells, strict=True):
            for j, line in enumerate(lines):
                c.drawString(x, y - j * LEADING, line)
        y -= 2 * LEADING + 4
        expected.extend(("" if lang == "zh" else " ").join(lines) for lines in cells)
    c.save()
    assert _texts(path, lang) == [BODY[lang], *expected]


LISTS = {
    "en": (("• Report of the Bureau", "• Election of officers"),
           ("• Adoption of the agenda", "• Other matters"),
           ("• Programme of work", "• Closing of the session")),
    "zh": (("• 主席团的报告", "• 选举主席团成员"), ("• 通过议程", "• 其他事项"),
           ("• 工作方案", "• 会议闭幕")),
}
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_two_short_lists_side_by_side_stay_rows(tmp_path: Path, lang: str) -> None:
    """Two lists of short one-line items side by side: no item is a full line that goes on in
    the line below it, so they are no text in columns; each item a paragraph, row by row."""
    _fonts()
    rows = LISTS[lang]
    path = tmp_path / f"lists.{lang}.pdf"
    c = canvas.Canvas(str(path))
    y = _full_width(c, lang, TOP)
    _side_by_side(c, lang, rows, y)
    texts = _texts(path, lang)
    assert _cells_in_order(texts, [t for pair in rows for t in pair]), texts


def _side_by_side(c: canvas.Canvas, lang: str, rows: Sequence[tuple[str, str]], y: float) -> None:
    """`rows` as two texts side by side, one row a line from `y` down; the file saved."""
    c.setFont(_font(lang), SIZE)
    for left, right in rows:
        c.drawString(LEFT, y, left)
        c.drawString(LEFT + WIDTH + GUTTER, y, right)
        y -= LEADING
    c.save()


CONTENTS = (("I. Introduction", "3"), ("II. Review of the programme of work", "5"),
            ("III. Conclusions and recommendations", "12"))


def test_a_short_table_of_contents_stays_rows(tmp_path: Path) -> None:
    _fonts()
    path = tmp_path / "contents.pdf"
    c = canvas.Canvas(str(path))
    y = _full_width(c, "en", TOP)
    c.setFont(FONT, SIZE)
    for title, page in CONTENTS:
        c.drawString(LEFT, y, title)
        c.drawRightString(RIGHT, y, page)
        y -= LEADING
    c.save()
    texts = _texts(path, "en")
    assert _cells_in_order(texts, [t for pair in CONTENTS for t in pair]), texts


@pytest.mark.parametrize("page2", ["SESSIONS", "LISTS", "HEADER"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_short_columns_give_no_gutters_to_the_other_pages(tmp_path: Path, lang: str,
                                                          page2: str) -> None:
    """Short columns on page 1 (read whole: fails on main) and, on page 2, a short table, two
    short lists or a header's parts standing across the same gutter: page 2 stays rows. Short
    columns are no evidence of the document's layout (`lines.column_grid` takes only columns
    of `MIN_COLUMN_ROWS` rows), where the gutters of columns on other pages make a region of
    one row columns."""
    text = _paragraph(lang, 0, 6, 0.0)
    rows = {"SESSIONS": SESSIONS, "LISTS": LISTS, "HEADER": HEADER}[page2][lang]
    path = tmp_path / f"two.{lang}.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("Helvetica-Bold" if lang == "en" else ZH_FONT, 14)
    c.drawCentredString((LEFT + RIGHT) / 2, TOP, TITLE[lang])
    c.setFont(_font(lang), SIZE)
    for k, line in enumerate(_lines(text, lang, 0.0)):
        column, row = divmod(k, 3)
        c.drawString(LEFT + column * (WIDTH + GUTTER), TOP - (2 + row) * LEADING, line)
    c.showPage()
    y = _full_width(c, lang, TOP)
    _side_by_side(c, lang, rows, y)
    texts = _texts(path, lang)
    assert texts[:2] == [TITLE[lang], _joined(text, lang, 0.0)], texts
    assert _cells_in_order(texts, [t for pair in rows for t in pair]), texts
