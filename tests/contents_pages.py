"""A UN-style report that opens with a contents page, in English and Chinese, as PDFs.

The contents page is set as UN reports set it: "Contents" ("目录") over a "Page" ("页次") column
head set flush right, then one entry a heading of the report: its label ("I.", "A.", "一.") hanging
before its title, the title wrapped at a right indent when it is long (the wrapped line starts
under the title, no leader, no number), a dot leader from the title's end to the page number,
which is set flush right. The body follows on the next pages: the headings the contents list,
with numbered paragraphs under them.

Three producers: reportlab (`render_reportlab`: the leader drawn as close dots, as spaced dots
". . .", as Chinese ellipses "……", or left out: the number alone flush right), LibreOffice from a
.docx whose contents page is a TOC field's result with a right tab stop and a dot leader
(`render_libreoffice`, as Word and LibreOffice write a table of contents), and Chromium from an
HTML page whose leader is a dotted border (`render_chromium`: no dots in the text layer).

`gold_units()` are the units a translation memory should hold for the pair: each contents entry
its own unit, its title aligned with the other language's title (the label kept, as headings
keep theirs; the leader and page number, which are no text to translate, left out), then the
body's headings and sentences.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from html import escape
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from chromium_print import print_html
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas


@dataclass(frozen=True)
class Entry:
    """One line of the contents: its level (0 a chapter, 1 a section), label, title and page."""

    level: int
    label: str
    title: str
    page: str


HEAD = {"en": ("Contents", "Page"), "zh": ("目录", "页次")}
# the cover page's title, before the contents (page 1: the contents is page 2, the body from 3,
# each section on a page of its own, so that the contents' page numbers are the document's)
COVER = {"en": "Report of the Executive Director", "zh": "执行主任的报告"}

ENTRIES = {
    "en": (
        Entry(0, "I.", "Introduction", "3"),
        Entry(0, "II.", "Activities of the United Nations Human Settlements Programme in the "
              "period 2020–2023, including coordination matters", "4"),
        Entry(1, "A.", "Background", "5"),
        Entry(1, "B.", "Implementation of the strategic plan for the period 2020–2023 and of the "
              "resolutions adopted by the Assembly at its first session", "6"),
        Entry(1, "C.", "Cooperation with the United Nations Environment Programme", "7"),
        Entry(0, "III.", "Conclusions and recommendations", "8"),
        Entry(0, "", "Annex", ""),  # a group's heading: no leader, no number
        Entry(0, "", "List of documents before the Assembly at its second session", "8"),
    ),
    "zh": (
        Entry(0, "一.", "导言", "3"),
        Entry(0, "二.", "联合国人类住区规划署在2020—2023年期间开展的各项活动，包括协调事项以及"
              "与联合国系统其他实体的合作", "4"),
        Entry(1, "A.", "背景", "5"),
        Entry(1, "B.", "2020—2023年期间战略计划以及大会第一届会议通过的各项决议的执行情况，"
              "包括向会员国提供的技术合作", "6"),
        Entry(1, "C.", "与联合国环境规划署的合作", "7"),
        Entry(0, "三.", "结论和建议", "8"),
        Entry(0, "", "附件", ""),
        Entry(0, "", "大会第二届会议收到的文件清单", "8"),
    ),
}

# the body: (heading index in ENTRIES, paragraphs), each paragraph's sentences
BODY = {
    "en": (
        (0, ("The present report is submitted pursuant to resolution 1/1 of the Assembly. It "
             "covers the period from 1 January 2020 to 31 December 2023.",
             "The report was prepared in consultation with the Committee of Permanent "
             "Representatives. Its recommendations are set out in section III.")),
        (1, ("The Programme continued to support Member States in the implementation of the New "
             "Urban Agenda. Its work was guided by the strategic plan adopted in 2019.",)),
        (2, ("In 2008, the two agencies adopted their first formal cooperation framework. The "
             "framework has since been renewed twice.",)),
        (3, ("The Programme delivered technical cooperation in 92 countries. Most projects were "
             "carried out in partnership with local authorities.",
             "A midterm review of the strategic plan was completed in 2022. It found that "
             "progress had been uneven across the four domains of change.")),
        (4, ("The two programmes share offices in Nairobi. They held joint meetings of their "
             "governing bodies in 2021 and 2023.",)),
        (5, ("The Assembly may wish to take note of the present report. It may also wish to "
             "request a further report at its third session.",)),
    ),
    "zh": (
        (0, ("本报告是根据大会第1/1号决议提交的。报告涵盖2020年1月1日至2023年12月31日期间。",
             "本报告是在与常驻代表委员会协商后编写的。报告的建议载于第三节。")),
        (1, ("人居署继续支持会员国执行《新城市议程》。其工作以2019年通过的战略计划为指导。",)),
        (2, ("2008年，两个机构通过了第一个正式合作框架。此后，该框架已两次续订。",)),
        (3, ("人居署在92个国家提供了技术合作。大多数项目是与地方当局合作开展的。",
             "战略计划中期审查已于2022年完成。审查发现，四个变革领域的进展参差不齐。")),
        (4, ("两个规划署在内罗毕共用办公室。"
             "两个规划署的理事机构于2021年和2023年举行了联席会议。",)),
        (5, ("大会不妨注意到本报告。大会还不妨请求在第三届会议上提交进一步报告。",)),
    ),
}

_SENTENCES = {
    "en": r"(?<=\.) (?=[A-Z])",
    "zh": r"(?<=。)",
}


def _sentences(text: str, lang: str) -> list[str]:
    import re

    return [s for s in re.split(_SENTENCES[lang], text) if s]


def gold_units() -> list[tuple[str, str]]:
    """The (zh, en) units of the pair: the cover's title, "Contents"/"目录", "Page"/"页次", one
    unit a contents entry (label and title: "一. 导言" ↔ "I. Introduction"), then each body
    heading and each body sentence (one a unit, numbered paragraphs keeping their number on
    the first)."""
    units = [(COVER["zh"], COVER["en"]), (HEAD["zh"][0], HEAD["en"][0]),
             (HEAD["zh"][1], HEAD["en"][1])]
    units += [(f"{z.label} {z.title}".strip(), f"{e.label} {e.title}".strip())
              for z, e in zip(ENTRIES["zh"], ENTRIES["en"], strict=True)]
    number = 0
    for (k, zh_paras), (_, en_paras) in zip(BODY["zh"], BODY["en"], strict=True):
        z, e = ENTRIES["zh"][k], ENTRIES["en"][k]
        units.append((f"{z.label} {z.title}", f"{e.label} {e.title}"))
        for zp, ep in zip(zh_paras, en_paras, strict=True):
            number += 1
            zs, es = _sentences(zp, "zh"), _sentences(ep, "en")
            zs[0], es[0] = f"{number}. {zs[0]}", f"{number}. {es[0]}"
            units += list(zip(zs, es, strict=True))
    return units


# -- reportlab ---------------------------------------------------------------------------------

SIZE, LEADING = 10.0, 12.0
LEFT, RIGHT, TOP = 72.0, 523.0, 770.0
LABEL_W = 28.0  # a chapter's label hangs at the margin, its title at this indent
SUB = 28.0  # a section's label indent
TITLE_RIGHT = RIGHT - 36.0  # where a title wraps: the contents' right indent
LEADERS = ("dots", "spaced", "ellipsis", "none")


def _font(lang: str, bold: bool = False) -> str:
    if lang == "zh":
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        return "STSong-Light"
    return "Times-Bold" if bold else "Times-Roman"


def _wrap(text: str, font: str, width: float, lang: str) -> list[str]:
    """`text` broken to `width`: at spaces in English, between any two characters in Chinese
    (never before a comma or full stop)."""
    tokens = text.split(" ") if lang == "en" else list(text)
    sep = " " if lang == "en" else ""
    lines = [""]
    for tok in tokens:
        trial = f"{lines[-1]}{sep}{tok}" if lines[-1] else tok
        if lines[-1] and pdfmetrics.stringWidth(trial, font, SIZE) > width and tok not in "，。":
            lines.append(tok)
        else:
            lines[-1] = trial
    return lines


def _leader(c: canvas.Canvas, font: str, x0: float, x1: float, y: float, style: str) -> None:
    """Dots from `x0` to `x1` on the baseline `y`, as `style` draws them."""
    if style == "none":
        return
    if style == "ellipsis":
        unit, pitch = "…", pdfmetrics.stringWidth("…", font, SIZE)
    elif style == "spaced":
        unit, pitch = ".", 2.5 * pdfmetrics.stringWidth(".", font, SIZE)
    else:
        unit, pitch = ".", pdfmetrics.stringWidth(".", font, SIZE)
    # the dots sit on a grid from the margin, as a tab leader's do (each line's dots line up)
    x = LEFT + pitch * (int((x0 + 3.0 - LEFT) / pitch) + 1)
    while x + pitch <= x1 - 3.0:
        c.drawString(x, y, unit)
        x += pitch


def render_reportlab(lang: str, path: Path, leader: str = "dots", *,
                     label_sep: str = " ", labels: bool = True, spaced: bool = True) -> Path:
    """The report as a PDF drawn with reportlab: the contents page (the leader as `leader`
    says; with `label_sep` "、" the Chinese label is set in the line, "一、导言……3"; without
    `labels`, the entries' titles alone, each at its level's indent, as a book's contents sets
    them; without `spaced`, no space between the entries), then the body on the next pages, a
    page number at each page's foot."""
    font, bold = _font(lang), _font(lang, bold=True)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(bold, 14.0)
    c.drawString(LEFT, TOP, COVER[lang])
    c.showPage()
    contents, page_head = HEAD[lang]
    y = TOP
    c.setFont(bold, 12.0)
    c.drawString(LEFT, y, contents)
    y -= 2 * LEADING
    c.setFont(font, 8.0)
    c.drawRightString(RIGHT, y, page_head)
    y -= 1.5 * LEADING
    for entry in ENTRIES[lang]:
        entry = entry if labels else Entry(entry.level, "", entry.title, entry.page)
        c.setFont(font, SIZE)
        x_label = LEFT + SUB * entry.level
        x_title = x_label + LABEL_W
        if label_sep != " " or not entry.label:
            text = entry.label.rstrip(".") + label_sep + entry.title if entry.label else entry.title
            lines = _wrap(text, font, TITLE_RIGHT - x_label, lang)
            x_title = x_label
        else:
            c.drawString(x_label, y, entry.label)
            lines = _wrap(entry.title, font, TITLE_RIGHT - x_title, lang)
        for k, line in enumerate(lines):
            c.drawString(x_title, y, line)
            if k == len(lines) - 1 and entry.page:
                end = x_title + pdfmetrics.stringWidth(line, font, SIZE)
                number_w = pdfmetrics.stringWidth(entry.page, font, SIZE)
                _leader(c, font, end, RIGHT - number_w, y, leader)
                c.drawRightString(RIGHT, y, entry.page)
            y -= LEADING
        y -= 0.5 * LEADING if spaced else 0.0
    c.setFont(font, 9.0)
    c.drawCentredString((LEFT + RIGHT) / 2, 50.0, "2")
    c.showPage()
    _body(c, lang, font, bold)
    c.save()
    return path


def _body(c: canvas.Canvas, lang: str, font: str, bold: str) -> None:
    """The body: each heading (label hanging, bold) on a page of its own, its numbered
    paragraphs after it; page numbers from 3."""
    page = 3
    y = TOP
    number = 0

    def foot() -> None:
        c.setFont(font, 9.0)
        c.drawCentredString((LEFT + RIGHT) / 2, 50.0, str(page))

    for k, paras in BODY[lang]:
        entry = ENTRIES[lang][k]
        lines = _wrap(entry.title, bold, RIGHT - LEFT - LABEL_W, lang)
        if y < TOP:  # each section on a page of its own
            foot()
            c.showPage()
            page += 1
            y = TOP
        y -= LEADING
        c.setFont(bold, SIZE)
        c.drawString(LEFT + SUB * entry.level, y, entry.label)
        for line in lines:
            c.drawString(LEFT + SUB * entry.level + LABEL_W, y, line)
            y -= LEADING
        y -= 0.5 * LEADING
        c.setFont(font, SIZE)
        for text in paras:
            number += 1
            c.drawString(LEFT, y, f"{number}.")
            for line in _wrap(text, font, RIGHT - LEFT - LABEL_W, lang):
                c.drawString(LEFT + LABEL_W, y, line)
                y -= LEADING
            y -= 0.5 * LEADING
    foot()
    c.showPage()


# -- LibreOffice, from a .docx with a TOC field ------------------------------------------------

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(lang: str, path: Path) -> Path:
    """The report as a .docx: headings in Heading 1/2 styles, and before them a TOC field whose
    result is the contents (each entry a paragraph with a right tab stop at the measure and a
    dot leader, the label then a tab to the title's indent, hanging), as Word writes one."""
    from docx import Document
    from docx.oxml import parse_xml
    from docx.shared import Mm, Pt

    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin = sec.right_margin = Mm(25)
    font_name = "Noto Serif CJK SC" if lang == "zh" else "Times New Roman"
    style = doc.styles["Normal"]
    style.font.name = font_name
    style.font.size = Pt(10)
    style.element.rPr.rFonts.set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", font_name)
    contents, page_head = HEAD[lang]
    doc.add_paragraph().add_run(COVER[lang]).bold = True
    doc.add_page_break()
    head = doc.add_paragraph()
    head.add_run(contents).bold = True
    ph = doc.add_paragraph()
    ph.alignment = 2  # right
    ph.add_run(page_head).font.size = Pt(8)
    measure = 160 * 56.7  # twips: the text width (210 - 2 × 25 mm)
    body = doc.element.body
    for k, entry in enumerate(ENTRIES[lang]):
        indent = int(SUB * 20 * entry.level)
        hang = int(LABEL_W * 20)
        fld_begin = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText '
                     'xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u </w:instrText></w:r>'
                     '<w:r><w:fldChar w:fldCharType="separate"/></w:r>') if k == 0 else ""
        fld_end = ('<w:r><w:fldChar w:fldCharType="end"/></w:r>'
                   if k == len(ENTRIES[lang]) - 1 else "")
        xml = (
            f'<w:p {_W}><w:pPr><w:tabs><w:tab w:val="left" w:pos="{indent + hang}"/>'
            f'<w:tab w:val="right" w:leader="dot" w:pos="{int(measure)}"/></w:tabs>'
            f'<w:spacing w:after="120"/>'
            f'<w:ind w:left="{indent + hang}" w:right="{(36 * 20)}" '
            f'w:hanging="{hang if entry.label else 0}"/>'
            f"</w:pPr>{fld_begin}"
            + (f'<w:r><w:t xml:space="preserve">{xml_escape(entry.label)}</w:t></w:r>'
               "<w:r><w:tab/></w:r>" if entry.label else "")
            + f'<w:r><w:t xml:space="preserve">{xml_escape(entry.title)}</w:t></w:r>'
            + (f'<w:r><w:tab/></w:r><w:r><w:t xml:space="preserve">{entry.page}</w:t></w:r>'
               if entry.page else "")
            + f"{fld_end}</w:p>"
        )
        body.insert(list(body).index(ph._p) + 1 + k, parse_xml(xml))
    doc.add_page_break()  # the body starts on the next page
    number = 0
    for k, paras in BODY[lang]:
        entry = ENTRIES[lang][k]
        h = doc.add_paragraph(style="Heading 1" if entry.level == 0 else "Heading 2")
        h.add_run(f"{entry.label}\t{entry.title}")
        h.paragraph_format.page_break_before = k > 0
        for run in h.runs:
            run.font.name = font_name
            run.font.size = Pt(10)
        for text in paras:
            number += 1
            p = doc.add_paragraph(f"{number}.\t{text}")
            p.paragraph_format.left_indent = Pt(LABEL_W)
            p.paragraph_format.first_line_indent = Pt(-LABEL_W)
    doc.save(str(path))
    return path


def render_libreoffice(lang: str, path: Path) -> Path:
    """The .docx of `_docx` converted by `soffice --headless` (a private profile)."""
    work = path.parent / f"lo-{path.stem}"
    work.mkdir(parents=True, exist_ok=True)
    src = _docx(lang, work / f"{path.stem}.docx")
    profile = (work / "profile").resolve().as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(work), str(src)],
                   check=True, capture_output=True, timeout=300)
    shutil.move(work / f"{path.stem}.pdf", path)
    return path


# -- Chromium, from HTML with a dotted-border leader -------------------------------------------

_CSS = """
@page { size: A4; margin: 25mm 25mm 25mm 25mm; @bottom-center { content: counter(page); } }
body { font: 10pt/1.3 "Liberation Serif", "Noto Serif CJK SC", serif; }
h1 { font-size: 12pt; } h2 { font-size: 10pt; }
.page { text-align: right; font-size: 8pt; }
.toc { display: flex; align-items: last baseline; margin: 0 0 5pt 0; }
.toc .label { align-self: first baseline; }
.toc .label { flex: 0 0 10mm; }
.toc .title { flex: 0 1 auto; max-width: 120mm; }
.toc .leader { flex: 1 1 auto; border-bottom: 1pt dotted black; margin: 0 2pt 3pt 2pt; }
.toc .num { flex: 0 0 auto; }
.l1 { padding-left: 10mm; }
p { margin: 0 0 6pt 10mm; text-indent: -10mm; }
.body { break-before: page; } .cover { break-after: page; font-weight: bold; }
h2 { break-before: page; } h2:first-child { break-before: auto; }
"""


def _html(lang: str) -> str:
    contents, page_head = HEAD[lang]
    out = [f"<!doctype html><html lang='{lang}'><meta charset='utf-8'><style>{_CSS}</style>"
           f"<body><div class='cover'>{escape(COVER[lang])}</div>"
           f"<h1>{escape(contents)}</h1><div class='page'>{escape(page_head)}</div>"]
    for e in ENTRIES[lang]:
        leader = "<span class='leader'></span>" if e.page else ""
        out.append(f"<div class='toc l{e.level}'><span class='label'>{escape(e.label)}</span>"
                   f"<span class='title'>{escape(e.title)}</span>{leader}"
                   f"<span class='num'>{e.page}</span></div>")
    out.append("<div class='body'>")
    number = 0
    for k, paras in BODY[lang]:
        e = ENTRIES[lang][k]
        out.append(f"<h2>{escape(e.label)} {escape(e.title)}</h2>")
        for text in paras:
            number += 1
            out.append(f"<p>{number}.&emsp;{escape(text)}</p>")
    out.append("</div></body></html>")
    return "".join(out)


def render_chromium(lang: str, path: Path) -> Path:
    """The report as HTML printed by `chromium --headless --print-to-pdf`."""
    return print_html(_html(lang), path)
