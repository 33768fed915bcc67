"""A Chinese PDF edited in a PDF editor and saved again: the stretch of its justified lines
gathered in the gaps between the runs of each line. LibreOffice Draw opens a PDF by making each
run of a line (a stretch of one font: "根据数据，", "2023", " 年迄今为止…") a text box placed
where the run's first glyph was, and saves each box as a text object of its own, its glyphs at
their natural advance: what a justified line spread over all its glyphs is left at the end of
each run, and PDFium gives each such gap as a space of its own (`tests/docgen.draw_resave`).

No space is read beside a full-width punctuation mark ("数据，2023", "包括：(1)"), whose glyph
holds its own white, nor before an ASCII closing mark or after an ASCII opening one after or
before a Chinese character ("群体,享有", "工程处)"), nor before a hyphen or slash that joins two
Chinese words ("阿拉伯-约旦"); the spaces the text has stay ("2023 年", "(1) 联合国": guards).
A space between a Chinese character and an opening bracket ("报告 (A/77/895)") stays: a
document may write one there, and the gap alone cannot tell.

The pages are drawn here (reportlab, WenQuanYi Micro Hei), each run a text object where Draw
puts it; and, where LibreOffice and its Draw are installed, a justified .docx exported by
LibreOffice Writer and saved again by Draw.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docgen import convert, draw_resave, soffice
from pdfgen import WQY
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from untm.aligner.read import read_document

FONT, SIZE, LEADING, LEFT, TOP = "WQY", 10.0, 14.0, 72.0, 760.0
STRETCH = 4.0  # points: a line's stretch gathered before each run (0.19 pt a glyph, 21 glyphs)
# each line: its runs, each drawn at its natural advance, STRETCH after the one before; a run
# that starts with a space is one the text has (drawn as the run's room, no glyph)
LINES = [
    ["根据人道主义事务协调厅的数据，", "2023", " 年迄今为止被杀害的人数已经超过", " 2022", " 年。"],
    ["到", " 2030", " 年,确保所有男女,特别是穷人和弱势群体", ",享有平等获取经济资源的权利。"],
    ["动员各方支持近东巴勒斯坦难民救济和工程处(近东救济工程处", ")，并保证人民团结一心。"],
    ["合作，包括：", "(1)", " 联合国全系统共同办法，", "(2)", " 城市转变方案。"],
    ["公正的和平仍然是阿拉伯", "-约旦的战略目标，社会保护最低标准", "/系统覆盖的人口比例。"],
    # a gap wider than an em (a long run's stretch) cuts the line into pieces, joined again
    ["将环境考量在内，（", "3", "）向发展中国家提供一揽子支持。"],
]
WANT = [
    "根据人道主义事务协调厅的数据，2023 年迄今为止被杀害的人数已经超过 2022 年。",
    "到 2030 年,确保所有男女,特别是穷人和弱势群体,享有平等获取经济资源的权利。",
    "动员各方支持近东巴勒斯坦难民救济和工程处(近东救济工程处)，并保证人民团结一心。",
    "合作，包括：(1) 联合国全系统共同办法，(2) 城市转变方案。",
    "公正的和平仍然是阿拉伯-约旦的战略目标，社会保护最低标准/系统覆盖的人口比例。",
    "将环境考量在内，（3）向发展中国家提供一揽子支持。",
]


pytestmark = pytest.mark.skipif(not WQY.exists(), reason="WenQuanYi Micro Hei not installed "
                                "(Debian fonts-wqy-microhei): an embedded CJK font")


def _pdf(path: Path, *, stretch: float = STRETCH, lines: list[list[str]] = LINES) -> Path:
    """`lines`, each a paragraph, its runs `stretch` apart (the last line's first gap wider)."""
    pdfmetrics.registerFont(TTFont(FONT, str(WQY), subfontIndex=0))
    c = canvas.Canvas(str(path), pagesize=(595.0, 842.0), invariant=1)
    y = TOP
    for k, runs in enumerate(lines):
        x = LEFT
        for r, run in enumerate(runs):
            if r:
                x += 3.5 * stretch if k == len(LINES) - 1 and r == 1 else stretch
            x += stringWidth(" ", FONT, SIZE) if run.startswith(" ") else 0.0
            text = c.beginText(x, y)  # a text object of its own, as Draw saves a text box
            text.setFont(FONT, SIZE)
            text.textOut(run.strip())
            c.drawText(text)
            x += stringWidth(run.strip(), FONT, SIZE)
        y -= 2 * LEADING  # each line a paragraph of its own
    c.save()
    return path


def test_runs_saved_apart_read_without_their_gaps(tmp_path: Path) -> None:
    doc = read_document(_pdf(tmp_path / "runs.pdf"), "zh")
    assert [p.text for p in doc.paragraphs] == WANT


def test_runs_drawn_solid_read_alike(tmp_path: Path) -> None:
    """Guard: the same lines as the word processor drew them, each run where the one before
    ends (no stretch gathered between them), read the same on main."""
    doc = read_document(_pdf(tmp_path / "solid.pdf", stretch=0.0), "zh")
    assert [p.text for p in doc.paragraphs] == WANT


def test_space_after_a_paragraph_number_stays(tmp_path: Path) -> None:
    """Guard: a paragraph's number in a full-width stop ("1．") keeps the space drawn after it,
    where it hangs a little before its text: a label, not a mark that holds its white."""
    lines = [["1．", " 将环境考量在内，向发展中国家提供一揽子支持。"],
             ["2．", " 人居署和环境署的办公室主任定期举行会议。"]]
    doc = read_document(_pdf(tmp_path / "labels.pdf", stretch=1.0, lines=lines), "zh")
    assert [p.text for p in doc.paragraphs] == ["1． 将环境考量在内，向发展中国家提供一揽子支持。",
                                                "2． 人居署和环境署的办公室主任定期举行会议。"]


# --- the real round trip: LibreOffice Writer's PDF of a justified .docx, saved again by Draw ---
PARAGRAPH = ("根据人道主义事务协调厅的数据，2023 年迄今为止被杀害的巴勒斯坦人人数已经超过 2022 年，"
             "其中包括 44 名儿童。到 2030 年,确保所有男女,特别是穷人和弱势群体,享有平等获取经济"
             "资源的权利,享有基本服务,获得对土地和其他形式财产的所有权和控制权。埃及正在努力动员"
             "各方支持联合国近东巴勒斯坦难民救济和工程处，并保证巴勒斯坦人民团结"
             "一心。两个机构开展了合作，包括：(1) 联合国全系统生物多样性共同办法，(2) 全环基金第"
             "七次充资后的城市转变方案，(3) 共同参与绿色、公正的冠状病毒病复苏环境管理小组。")


def _draw_installed() -> bool:
    return soffice() is not None and Path("/usr/lib/libreoffice/program/libsdlo.so").exists()


@pytest.mark.skipif(not _draw_installed(), reason="LibreOffice Writer and Draw not installed "
                    "(Debian libreoffice-writer-nogui libreoffice-draw-nogui)")
def test_draw_resaved_pdf_reads_as_its_source(tmp_path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = Document()
    for _ in range(3):
        document.add_paragraph(PARAGRAPH).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    document.save(str(tmp_path / "zh.docx"))
    written = convert(tmp_path / "zh.docx", "pdf", tmp_path / "writer")
    resaved = draw_resave(written, tmp_path / "draw")
    source = read_document(written, "zh")
    assert [p.text for p in source.paragraphs] == [PARAGRAPH] * 3
    assert [p.text for p in read_document(resaved, "zh").paragraphs] == [PARAGRAPH] * 3
