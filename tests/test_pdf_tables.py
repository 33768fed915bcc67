"""Tables whose cells wrap over several lines are read cell by cell, row by row, each cell one
unit (its lines joined), as PyMuPDF__chinese-tables.pdf of the real-world corpus needs.

The same small document (a paragraph, a table of three columns whose long cells wrap, a table of
short cells, a paragraph) in Chinese and English, written by three producers in several ways:
- reportlab: a ruled grid and no rules at all, cells set at the top, the middle (a cell's lines
  centred against the tallest cell of the row, as in chinese-tables.pdf) or the bottom;
- LibreOffice from a .docx (python-docx): "Table Grid" (ruled) and a table without borders;
- Chromium from HTML: cell borders, and none.
Cells are found by the table's ruling lines (`pdflayout.tables`). A table without them whose
cells are set at the top is read as a table, row by row, where its columns were once read as
text in columns (`columns._unruled_table`); one whose cells are set in the middle or at the
bottom (a wrapped cell's first line not on its row's baseline) is read one line a cell, and
LibreOffice's Chinese one splits its wrapped cells: those cases are marked xfail (strict: they
fail today, and say so when they no longer do).
"""

from __future__ import annotations

import shutil
import subprocess
from html import escape
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from untm.aligner.read import read_document

BEFORE = {
    "en": "The issuer's credit ratings of the last four years are given in the table below.",
    "zh": "发行人近四年的信用评级情况见下表。",
}
AFTER = {
    "en": "No rating of the present issue has been arranged.",
    "zh": "本次发行未进行债项评级安排。",
}
WRAPPED = {
    "en": (("Year", "Rating agency", "Meaning of the rating"),
           ("2023", "China Chengxin International Credit Rating Co., Ltd. and China Lianhe "
            "Credit Rating Co., Ltd.", "A very strong capacity to repay its debts, little "
            "affected by adverse economic conditions; a very low risk of default."),
           ("2022", "China Lianhe Credit Rating Co., Ltd.", "The same rating as the year "
            "before, with a stable outlook for the coming year.")),
    "zh": (("年份", "评级机构", "评级涵义"),
           ("2023", "中诚信国际信用评级有限责任公司、联合资信评估有限公司",
            "偿还债务的能力很强，受不利经济环境的影响不大，违约风险很低。"),
           ("2022", "联合资信评估有限公司",
            "评级与上一年度相同，展望稳定，下一年度预计无重大变化。")),
}
SHORT = {
    "en": (("No.", "Bank", "Credit line"), ("1", "Bank of Commerce", "330,435.30"),
           ("2", "Industrial Bank", "302,600.00"), ("3", "Bank of Jiangsu", "218,597.00"),
           ("4", "Bank of Hangzhou", "109,000.00")),
    "zh": (("序号", "金融机构名称", "授信总额"), ("1", "工商银行", "330,435.30"),
           ("2", "兴业银行盐城分行", "302,600.00"), ("3", "江苏银行", "218,597.00"),
           ("4", "杭州银行", "109,000.00")),
}
WIDTHS = (40.0, 150.0, 170.0)  # points: the long cells wrap over two to four lines


def _expected(lang: str) -> list[str]:
    cells = [cell for table in (WRAPPED, SHORT) for row in table[lang] for cell in row]
    return [_squash(t) for t in (BEFORE[lang], *cells, AFTER[lang])]


def _squash(text: str) -> str:
    return "".join(text.split())


def _read(path: Path, lang: str) -> list[str]:
    return [_squash(p.text) for p in read_document(path, lang).paragraphs]


# --- reportlab ---------------------------------------------------------------------------------
def _reportlab(path: Path, lang: str, *, grid: bool, valign: str) -> Path:
    if lang == "zh":
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    font = "STSong-Light" if lang == "zh" else "Times-Roman"
    body = ParagraphStyle("body", fontName=font, fontSize=11, leading=15,
                          wordWrap="CJK" if lang == "zh" else None)
    cell = ParagraphStyle("cell", parent=body, fontSize=10, leading=13)
    rules = [("GRID", (0, 0), (-1, -1), 0.5, "black")] if grid else []
    style = [*rules, ("VALIGN", (0, 0), (-1, -1), valign), ("TOPPADDING", (0, 0), (-1, -1), 4),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
    story = [Paragraph(BEFORE[lang], body), Spacer(1, 8)]
    for table in (WRAPPED, SHORT):
        rows = [[Paragraph(text, cell) for text in row] for row in table[lang]]
        story += [Table(rows, colWidths=WIDTHS, style=style, hAlign="LEFT"), Spacer(1, 10)]
    story.append(Paragraph(AFTER[lang], body))
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


UNRULED = pytest.mark.xfail(strict=True, reason="a table without rules: its wrapped cells are "
                            "read line by line (pdflayout.tables)")
REPORTLAB = [("grid", "TOP"), ("grid", "MIDDLE"), ("grid", "BOTTOM"), ("none", "TOP"),
             *(pytest.param("none", v, marks=UNRULED) for v in ("MIDDLE", "BOTTOM"))]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("rules", "valign"), REPORTLAB)
def test_reportlab_tables_are_read_cell_by_cell(
    rules: str, valign: str, lang: str, tmp_path: Path
) -> None:
    pdf = _reportlab(tmp_path / f"{lang}.pdf", lang, grid=rules == "grid", valign=valign)
    assert _read(pdf, lang) == _expected(lang)


# --- LibreOffice from a .docx --------------------------------------------------------------------
def _docx(path: Path, lang: str, *, grid: bool) -> Path:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(11)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
    document.add_paragraph(BEFORE[lang])
    for table in (WRAPPED, SHORT):
        made = document.add_table(rows=0, cols=3)
        if grid:
            made.style = "Table Grid"
        for row in table[lang]:
            cells = made.add_row().cells
            for k, text in enumerate(row):
                cells[k].width = Pt(WIDTHS[k])
                cells[k].text = text
        document.add_paragraph("")
    document.add_paragraph(AFTER[lang])
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def libreoffice_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    if shutil.which("soffice") is None:
        pytest.skip("soffice not installed (libreoffice-writer-nogui)")
    work = tmp_path_factory.mktemp("lo-tables")
    docs = {(rules, lang): _docx(work / f"{rules}-{lang}.docx", lang, grid=rules == "grid")
            for rules in ("grid", "none") for lang in ("zh", "en")}
    profile = (work / "profile").resolve().as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(work), *map(str, docs.values())],
                   check=True, capture_output=True, timeout=600)
    return {key: doc.with_suffix(".pdf") for key, doc in docs.items()}


@pytest.mark.parametrize(("rules", "lang"), [
    ("grid", "zh"), ("grid", "en"), pytest.param("none", "zh", marks=UNRULED), ("none", "en")])
def test_libreoffice_tables_are_read_cell_by_cell(
    rules: str, lang: str, libreoffice_pdfs: dict[tuple[str, str], Path]
) -> None:
    assert _read(libreoffice_pdfs[(rules, lang)], lang) == _expected(lang)


# --- Chromium from HTML --------------------------------------------------------------------------
CSS = """body { font: 11pt/1.4 "Nimbus Roman", "Noto Serif CJK SC", serif; margin: 20mm; }
table { border-collapse: collapse; margin: 8pt 0; }
td { padding: 3pt 6pt; vertical-align: %(valign)s; font-size: 10pt; %(border)s }"""


def _html(lang: str, *, border: bool, valign: str) -> str:
    def table(rows: tuple[tuple[str, ...], ...]) -> str:
        body = "".join(
            "<tr>" + "".join(f'<td style="width:{w}pt">{escape(t)}</td>'
                             for w, t in zip(WIDTHS, row, strict=True)) + "</tr>"
            for row in rows)
        return f"<table>{body}</table>"

    css = CSS % {"valign": valign, "border": "border: 0.5pt solid black;" if border else ""}
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><style>{css}'
            f"</style></head><body><p>{escape(BEFORE[lang])}</p>{table(WRAPPED[lang])}"
            f"{table(SHORT[lang])}<p>{escape(AFTER[lang])}</p></body></html>")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("border", "valign"), [
    (True, "middle"), (True, "top"), (False, "top")])
def test_chromium_tables_are_read_cell_by_cell(
    border: bool, valign: str, lang: str, tmp_path: Path
) -> None:
    if shutil.which("chromium") is None:
        pytest.skip("chromium not installed")
    from chromium_print import print_html

    pdf = print_html(_html(lang, border=border, valign=valign), tmp_path / f"{lang}.pdf")
    assert _read(pdf, lang) == _expected(lang)


def test_cells_set_close_together_are_cut_at_their_rule(tmp_path: Path) -> None:
    """Right-aligned numbers in ruled cells a few points apart (closer than a word gap's
    limit, as in chinese-tables.pdf's '110,600.00 192,000.00') are two cells."""
    numbers = (("110,600.00", "192,000.00", "88,500.00"), ("262,000.00", "173,500.00", "0.00"))
    style = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("ALIGN", (0, 0), (-1, -1), "RIGHT"),
             ("LEFTPADDING", (0, 0), (-1, -1), 1), ("RIGHTPADDING", (0, 0), (-1, -1), 1),
             ("FONT", (0, 0), (-1, -1), "Helvetica", 10)]
    pdf = tmp_path / "numbers.pdf"
    table = Table([list(row) for row in numbers], colWidths=(56.0, 56.0, 56.0), style=style)
    SimpleDocTemplate(str(pdf), pagesize=A4).build([table])
    assert _read(pdf, "en") == [n for row in numbers for n in row]
