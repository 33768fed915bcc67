"""Numbered headings in large type are text, not covers: a manual or report whose chapters open a
page with "6. 汇编程序" or "2. Registers" in large bold type, and whose first page's title is
followed by "1. Overview" set with a plain space after its number.

Found on real zh/en manuals (WCH's, pdfFactory PDFs): each page that opened with a chapter
heading was taken for a new document's cover (a masthead: large type in the top third), the
heading and the text under it read as cover lines, on one side and not on the other, so the
paragraph aligner paired them wrongly and left 63 zh segments unaligned; and "1. Overview" did
not end the first page's cover (a label ends it only where it hangs before a tab).
(`pdflayout.furniture.cover_pages`, `pdflayout.blocks._is_cover_end`.)

Pages drawn here (reportlab); guards: a compilation's second masthead ("United Nations", or
"11th session of …", in large type atop a later page) is still a cover.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from untm.aligner.model import BlockKind
from untm.aligner.read import read_document

PAGE = (595.0, 842.0)
LEFT, TOP, SIZE, LEADING = 72.0, 770.0, 10.5, 15.0
EN = {
    "title": "PIOC Programmable Protocol Controller Manual",
    "version": "Version: 1B",
    "heads": ("1. Overview", "2. Registers", "3. Instruction Set"),
    "body": ("The controller runs its own program and exchanges data with the main processor "
             "through a set of special function registers.",
             "Each register is eight bits wide and is read and written by both processors.",
             "The program is loaded into the code memory before the controller is started."),
    "font": ("Helvetica", "Helvetica-Bold"),
}
ZH = {
    "title": "PIOC 可编程协议控制器手册",
    "version": "版本：1B",
    "heads": ("1. 概述", "2. 寄存器", "3. 指令集"),
    "body": ("控制器运行自己的程序，并通过一组特殊功能寄存器与主处理器交换数据。",
             "每个寄存器宽八位，两个处理器都可以读写。",
             "启动控制器之前，先将程序装入代码存储器。"),
    "font": ("STSong-Light", "STSong-Light"),
}


@pytest.fixture(scope="module", autouse=True)
def _cid_font() -> None:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))


def _body(c: canvas.Canvas, font: str, y: float, texts: tuple[str, ...], lang: str) -> float:
    c.setFont(font, SIZE)
    for text in texts:
        for k in range(4):  # each paragraph told four times, a page's worth of text
            c.drawString(LEFT, y, text if lang == "zh" or k == 0 else text.lower())
            y -= LEADING
        y -= LEADING / 2
    return y


def _manual(path: Path, lang: str, *, masthead: str = "") -> Path:
    """Page 1: the title in 20-point type, the version, "1. ..." in 14-point bold, text; each
    later page opens with its chapter's numbered heading in 14-point bold (or, `masthead`,
    page 3 opens with that line in 20-point type, a second document's cover)."""
    t = ZH if lang == "zh" else EN
    plain, bold = t["font"]
    c = canvas.Canvas(str(path), pagesize=PAGE, invariant=1)
    for number, head in enumerate(t["heads"], 1):
        y = TOP
        if number == 1 or (masthead and number == 3):
            c.setFont(bold, 20)
            c.drawString(LEFT, y, t["title"] if number == 1 else masthead)
            y -= 30
            c.setFont(plain, SIZE)
            c.drawString(LEFT, y, t["version"])
            y -= 30
        c.setFont(bold, 14)
        c.drawString(LEFT, y, head)
        y -= 24
        _body(c, plain, y, t["body"], lang)
        c.setFont(plain, 8)
        c.drawString(PAGE[0] / 2, 40, str(number))
        c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_numbered_headings_are_no_covers(tmp_path: Path, lang: str) -> None:
    doc = read_document(_manual(tmp_path / f"manual.{lang}.pdf", lang), lang)
    t = ZH if lang == "zh" else EN
    covers = [p.text for p in doc.paragraphs if p.kind is BlockKind.COVER]
    assert covers == [t["title"], t["version"]]
    texts = [p.text for p in doc.paragraphs]
    for head in t["heads"]:
        assert any(text.replace(" ", "") == head.replace(" ", "") for text in texts), head


@pytest.mark.parametrize("masthead", ["United Nations", "11th session of the World Urban Forum"])
def test_a_second_masthead_is_still_a_cover(tmp_path: Path, masthead: str) -> None:
    """Guard: a later page's masthead in large type (an ordinal is no heading's number) still
    makes that page a cover."""
    doc = read_document(_manual(tmp_path / "masthead.en.pdf", "en", masthead=masthead), "en")
    covers = [p.text for p in doc.paragraphs if p.kind is BlockKind.COVER]
    assert masthead in covers
