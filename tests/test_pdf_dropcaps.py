"""Drop capitals (`pdflayout.dropcaps`): a paragraph's first letter set two to four lines tall,
its first lines indented beside it, is read as the first letter of the paragraph's first word
("T" + "he General Assembly ..." -> "The General Assembly ...", "大" + "会回顾" -> "大会回顾"),
the paragraph whole.

The pages are drawn here: reportlab (English and Chinese, the capital two to four lines tall,
drawn before or after the lines, justified text; an opening quotation mark set large with the
capital; a capital that is a word of its own, the layer's space after it), the same page
written again by `pdftocairo -pdf` and Ghostscript, Chromium's print-to-pdf of CSS
`::first-letter { float: left; font-size: 3.2em }`, and LibreOffice's PDF of a .docx whose
capital is Word's drop-cap frame (`w:framePr w:dropCap="drop"`). The old reader read the
capital as a paragraph of its own, or drew the lines beside it into its run and interleaved
their words, or split the paragraph after its first line, or lost it in the paragraph.

The guards are large glyphs that are no drop capital, read as before (they pass on the old
reader too): a large section number and a large roman numeral beside a heading of two lines,
a large bullet beside an item, a title set large whose first word is "A", a figure label beside
a caption, a large quotation mark beside a quotation, a large page number beside the text.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from chromium_print import print_html
from producers import cairo, ghostscript, libreoffice
from producers.chromium import missing
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from untm.aligner.pdflayout import lines
from untm.aligner.read import read_document

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
SIZE, LEADING, LEFT, TOP, WIDTH = 10.0, 12.5, 72.0, 700.0, 320.0
EN = ("The General Assembly, recalling its earlier resolutions on the question, and having "
      "considered the report of the Secretary-General on the implementation of the programme "
      "of work, decides to continue its consideration of the item at its next session and "
      "requests the Secretary-General to submit a further report on the matter, including "
      "recommendations. It also invites Member States to provide their views on the proposals "
      "contained therein.")
ZH = ("大会回顾其以往关于该问题的各项决议，审议了秘书长关于工作方案执行情况的报告，决定在下届会议上"
      "继续审议该项目，并请秘书长就此事项提交进一步报告，包括各项建议。大会还请会员国就其中所载提议"
      "提出意见。")
BEFORE = {"en": "The Committee adopted the following text at its meeting.",
          "zh": "委员会在会议上通过了以下案文。"}
AFTER = {"en": "The Chair then declared the session of the Committee closed.",
         "zh": "主席随后宣布委员会会议闭幕。"}


def _wrap(text: str, font: str, widths: list[float], zh: bool) -> list[str]:
    """`text` broken into lines, line k at most `widths[k]` wide (the last width for the rest)."""
    out: list[str] = []
    cur = ""
    sep = "" if zh else " "
    for token in (list(text) if zh else text.split(" ")):
        width = widths[min(len(out), len(widths) - 1)]
        trial = cur + sep + token if cur else token
        if cur and pdfmetrics.stringWidth(trial, font, SIZE) > width:
            out.append(cur)
            cur = token
        else:
            cur = trial
    return [*out, cur]


def _font(lang: str) -> str:
    if lang == "zh":
        if not WQY.exists():
            pytest.skip("wqy-microhei (a Debian package) is not installed")
        pdfmetrics.registerFont(TTFont("WQY", str(WQY), subfontIndex=0))
        return "WQY"
    return "Times-Roman"


def _paragraph(pdf: canvas.Canvas, lang: str, cap: str, rest: str, lines: int, *,
               cap_first: bool) -> None:
    """A line, a justified paragraph opening with `cap` set `lines` lines tall (its lines
    indented beside it), then a line after it."""
    font = _font(lang)
    cap_font = font if lang == "zh" else "Times-Bold"
    cap_size = ((lines - 1) * LEADING + 0.72 * SIZE) / 0.72
    indent = pdfmetrics.stringWidth(cap, cap_font, cap_size) + 4.0
    widths = [WIDTH - indent] * lines + [WIDTH]
    texts = _wrap(rest, font, widths, lang == "zh")

    def capital() -> None:
        pdf.setFont(cap_font, cap_size)
        pdf.drawString(LEFT, TOP - (lines - 1) * LEADING, cap)

    pdf.setFont(font, SIZE)
    pdf.drawString(LEFT, TOP + 2 * LEADING, BEFORE[lang])
    if cap_first:
        capital()
    y = TOP
    for k, text in enumerate(texts):
        width = widths[min(k, len(widths) - 1)]
        line = pdf.beginText(LEFT + (indent if k < lines else 0.0), y)
        line.setFont(font, SIZE)
        words = text.split(" ")
        if lang == "en" and k < len(texts) - 1 and len(words) > 1:  # justified
            line.setWordSpace((width - pdfmetrics.stringWidth(text, font, SIZE))
                              / (len(words) - 1))
        line.textLine(text)
        pdf.drawText(line)
        y -= LEADING
    if not cap_first:
        capital()
    pdf.setFont(font, SIZE)
    pdf.drawString(LEFT, y - LEADING, AFTER[lang])


def _read(path: Path, lang: str, draw: Callable[[canvas.Canvas], None]) -> list[str]:
    pdf = canvas.Canvas(str(path))
    draw(pdf)
    pdf.save()
    return [p.text for p in read_document(path, lang).paragraphs]


CASES = {
    "English, two lines, drawn first": ("en", "T", EN[1:], 2, True, EN),
    "English, three lines, drawn last": ("en", "T", EN[1:], 3, False, EN),
    "English, three lines, drawn first": ("en", "T", EN[1:], 3, True, EN),
    "English, four lines, drawn first": ("en", "T", EN[1:], 4, True, EN),
    "Chinese, two lines, drawn last": ("zh", "大", ZH[1:], 2, False, ZH),
    "Chinese, three lines, drawn first": ("zh", "大", ZH[1:], 3, True, ZH),
    "an opening quotation mark set with it": ("en", "\u201cT", EN[1:], 3, True, "\u201c" + EN),
    "a word of its own, the layer's space after it": (
        "en", "A ", "long report of the Secretary-General" + EN[3:], 3, False,
        "A long report of the Secretary-General" + EN[3:]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_drop_capital_is_the_first_letter_of_its_paragraph(name: str, tmp_path: Path) -> None:
    lang, cap, rest, lines, cap_first, whole = CASES[name]
    reading = _read(tmp_path / "page.pdf", lang, lambda pdf: _paragraph(
        pdf, lang, cap, rest, lines, cap_first=cap_first))
    assert reading == [BEFORE[lang], whole, AFTER[lang]]



REWRITERS = {
    "cairo": (cairo.missing, lambda src, out: ["pdftocairo", "-pdf", str(src), str(out)]),
    "ghostscript": (ghostscript.missing, lambda src, out: [
        "gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite",
        f"-sOutputFile={out}", str(src)]),
}


@pytest.mark.parametrize("quoted", [False, True])
@pytest.mark.parametrize("tool", list(REWRITERS))
def test_a_drop_capital_rewritten_by_cairo_or_ghostscript(tool: str, quoted: bool,
                                                          tmp_path: Path) -> None:
    """The same page written again by `pdftocairo -pdf` (font size 1, scaled matrices, a text
    object per word) or Ghostscript's pdfwrite reads the same."""
    missing_tool, command = REWRITERS[tool]
    if (why := missing_tool()) is not None:
        pytest.skip(why)
    cap = "\u201cT" if quoted else "T"
    source, out = tmp_path / "page.pdf", tmp_path / f"{tool}.pdf"
    pdf = canvas.Canvas(str(source))
    _paragraph(pdf, "en", cap, EN[1:], 3, cap_first=quoted)
    pdf.save()
    subprocess.run(command(source, out), check=True, capture_output=True, timeout=120,
                   stdin=subprocess.DEVNULL)
    whole = "\u201c" + EN if quoted else EN
    assert [p.text for p in read_document(out, "en").paragraphs] == [BEFORE["en"], whole,
                                                                     AFTER["en"]]

HTML = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><style>
body {{ font-family: {family}; font-size: 11pt; width: 15cm; text-align: justify }}
p.drop::first-letter {{ float: left; font-size: 3.2em; line-height: 1; padding-right: 4px }}
</style></head><body><p>{before}</p><p class="drop">{text}</p><p>{after}</p></body></html>"""
FAMILY = {"en": "'Liberation Serif', serif", "zh": "'Noto Serif CJK SC', 'WenQuanYi Micro Hei'"}
TEXTS = {"en": EN + " " + EN.replace("The General", "the General"), "zh": ZH + ZH,
         "en-quoted": "\u201c" + EN + "\u201d " + EN.replace("The General", "the General")}


@pytest.mark.parametrize("case", list(TEXTS))
def test_a_css_first_letter_drop_capital_printed_by_chromium(case: str, tmp_path: Path) -> None:
    """Chromium floats the first letter (and the quotation mark before it) and sets it from
    the paragraph's top, its baseline on none of the lines beside it."""
    if (why := missing()) is not None:
        pytest.skip(why)
    lang = case[:2]
    out = print_html(HTML.format(lang=lang, family=FAMILY[lang], before=BEFORE[lang],
                                 text=TEXTS[case], after=AFTER[lang]), tmp_path / "page.pdf")
    reading = [p.text for p in read_document(out, lang).paragraphs]
    assert reading == [BEFORE[lang], TEXTS[case], AFTER[lang]]



def _docx(path: Path, lang: str, text: str) -> Path:
    """A .docx as Word writes a drop capital: the letter alone in a paragraph framed as a drop
    capital three lines tall, then the paragraph's text (justified)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Pt

    doc = Document()
    doc.styles["Normal"].font.size = Pt(11)
    doc.styles["Normal"].font.name = FAMILY[lang].split(",")[0].strip("'")
    doc.add_paragraph(BEFORE[lang])
    cap = doc.add_paragraph()
    cap._p.get_or_add_pPr().append(parse_xml(
        f'<w:framePr {nsdecls("w")} w:dropCap="drop" w:lines="3" w:wrap="around" '
        'w:vAnchor="text" w:hAnchor="text"/>'))
    cap.add_run(text[0]).font.size = Pt(40)
    doc.add_paragraph(text[1:]).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    doc.add_paragraph(AFTER[lang])
    doc.save(str(path))
    return path


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_word_drop_cap_frame_converted_by_libreoffice(lang: str, tmp_path: Path) -> None:
    if (why := libreoffice.missing()) is not None:
        pytest.skip(why)
    text = TEXTS[lang]
    source = _docx(tmp_path / "page.docx", lang, text)
    profile = (tmp_path / "profile").resolve().as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=300)
    reading = [p.text for p in read_document(tmp_path / "page.pdf", lang).paragraphs]
    assert reading == [BEFORE[lang], text, AFTER[lang]]

BODY = ("The Committee considered the report at its second meeting and took note of it, "
        "together with the comments of the member States, and decided to continue its work.")


def _label(big: str, font: str, size: float, beside: tuple[str, ...], beside_font: str,
           beside_size: float, *, gap: float = 8.0) -> Callable[[canvas.Canvas], None]:
    """A large glyph with lines beside it (their top at its top), then text under it at one
    pitch, starting under it."""
    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont(font, size)
        width = pdfmetrics.stringWidth(big, font, size)
        pdf.drawString(LEFT, TOP - 0.72 * size + 0.72 * beside_size, big)
        y = TOP
        pdf.setFont(beside_font, beside_size)
        for text in beside:
            pdf.drawString(LEFT + width + gap, y, text)
            y -= LEADING
        for text in _wrap(BODY, "Helvetica", [WIDTH], zh=False):
            pdf.setFont("Helvetica", SIZE)
            pdf.drawString(LEFT, y, text)
            y -= LEADING
    return draw


HEADING = ("Introduction: the work of the Committee during the period",
           "under review and the reports before it")
CAPTION = ("Growth of the membership of the Organization from its",
           "foundation to the present day, by region")
QUOTE = ("We the peoples of the United Nations determined to save",
         "succeeding generations from the scourge of war")

GUARDS: dict[str, tuple[Callable[[canvas.Canvas], None], str]] = {
    "a large section number beside a heading of two lines": (
        _label("1", "Helvetica-Bold", 26.0, HEADING, "Helvetica-Bold", SIZE), "1"),
    "a large roman numeral beside a bold heading of two lines": (
        _label("I", "Helvetica-Bold", 26.0, HEADING, "Helvetica-Bold", SIZE), "I"),
    "a large bullet beside an item": (
        _label("\u2022", "Helvetica", 26.0, HEADING, "Helvetica", SIZE), "\u2022"),
    "a figure label beside a smaller caption": (
        _label("A", "Helvetica-Bold", 22.0, CAPTION, "Helvetica", 8.0), "A"),
    "a large quotation mark beside a quotation": (
        _label("\u201c", "Times-Roman", 40.0, QUOTE, "Helvetica", SIZE), "\u201c"),
    "a large page number beside the text": (
        _label("12", "Helvetica-Bold", 26.0, QUOTE, "Helvetica", SIZE), "12"),
    "a title set large whose first word is 'A'": (
        _label("A Year of Work", "Helvetica-Bold", 26.0, (), "Helvetica", SIZE), "A"),
}


@pytest.mark.parametrize("name", list(GUARDS))
def test_a_large_glyph_that_is_no_drop_capital_stays_apart(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The large glyph is read, and not as the first letter of the line beside it: the page
    reads as it does without the drop capital rule."""
    draw, big = GUARDS[name]
    reading = _read(tmp_path / "page.pdf", "en", draw)
    monkeypatch.setattr(lines, "drop_capitals", lambda chars, sizes=frozenset(): chars,
                        raising=False)
    assert _read(tmp_path / "without.pdf", "en", draw) == reading
    text = "\n".join(reading)
    assert big in text, reading
    for line in (*HEADING, *CAPTION, *QUOTE):
        assert big + line not in text and big + line.split()[0] not in text.split(), reading
