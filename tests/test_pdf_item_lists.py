"""A list of one-line Chinese items, a few of them wrapped (the SDG indicators as wkhtmltopdf
sets them, each item a paragraph with room between them): most steps are from item to item, so
the commonest spacing is the items', and the measure, taken where most lines end, falls short of
the long items. The few items that wrap tell both (`pdflayout.blocks._tight_wraps`): a long item
that ends near the measure is an item of its own, not the first line of the next. A text whose
paragraphs wrap, at one spacing, is read as before.

The page is drawn here (reportlab, WenQuanYi Micro Hei), as wkhtmltopdf placed the lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pdfgen import WQY
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from untm.aligner.read import read_document

FONT, SIZE, LEFT, MEASURE = "WQY", 8.0, 32.0, 540.0
ITEM_STEP, LINE_STEP = 15.5, 10.9  # from item to item; inside an item
HAN = "统计数据人口比例按性别年龄分列国家地方政府战略执行服务发展援助资金指标系统覆盖"

pytestmark = pytest.mark.skipif(not WQY.exists(), reason="WenQuanYi Micro Hei not installed "
                                "(Debian fonts-wqy-microhei)")


def _han(n: int, start: int) -> str:
    return "".join(HAN[(start + k) % len(HAN)] for k in range(n))


def _items() -> list[list[str]]:
    """Each item's lines: short and long one-line items, and four wrapped (too few for their
    spacing to be a common one among a hundred items' steps)."""
    per_line = int(MEASURE // SIZE)  # characters a full line holds
    items = []
    for k in range(100):
        if k % 25 == 3:  # wrapped: a full line, then its end
            items.append([_han(per_line, k), _han(9, k + 5)])
        elif k % 5 == 1:  # long, one line ending short of the measure by two characters
            items.append([_han(per_line - 2, k)])
        else:
            items.append([_han(12 + (k * 7) % 30, k)])
    return items


def _pdf(path: Path, items: list[list[str]], item_step: float) -> Path:
    pdfmetrics.registerFont(TTFont(FONT, str(WQY), subfontIndex=0))
    c = canvas.Canvas(str(path), pagesize=(595.0, 842.0), invariant=1)
    c.setFont(FONT, SIZE)
    y = 800.0
    for lines in items:
        if y < 60:
            c.showPage()
            c.setFont(FONT, SIZE)
            y = 800.0
        for k, line in enumerate(lines):
            c.drawString(LEFT, y, line)
            y -= LINE_STEP if k + 1 < len(lines) else item_step
    c.showPage()
    c.save()
    return path


def test_a_list_of_one_line_items_reads_item_by_item(tmp_path: Path) -> None:
    items = _items()
    paragraphs = read_document(_pdf(tmp_path / "items.zh.pdf", items, ITEM_STEP), "zh").paragraphs
    assert [p.text for p in paragraphs] == ["".join(lines) for lines in items]


def test_paragraphs_at_one_spacing_read_as_before(tmp_path: Path) -> None:
    """The same lines, every step the line spacing: the full lines go on into the next (no
    spacing tells the items apart), as a text of wrapped paragraphs reads."""
    items = _items()
    path = _pdf(tmp_path / "text.zh.pdf", items, LINE_STEP)
    text = "".join(p.text for p in read_document(path, "zh").paragraphs)
    assert text == "".join("".join(lines) for lines in items)
