"""Paragraphs that open with a first-line indent, one of them a single line at a page's foot.

A paragraph's first line tells where its paragraph opens, not where its next lines start: in a
document whose paragraphs open with a first-line indent, a one-line paragraph that fills the
page's last line and the next page's first paragraph, set in by the same indent, are two
paragraphs (`pdflayout.blocks._paragraph_indent`, `_cont_x`). Found on groff's PDFs (gropdf and
groff -Tps through Ghostscript) of the UDHR, where "Article 24" at the top of a page was read
on with the one-line article that ended the page before.

The pages are drawn here (reportlab): justified lines (each line but a paragraph's last set to
the measure, the one-line paragraph at the foot of page 1 filling it), a page number at the
foot. Guards: a document whose paragraphs are set in as a whole (every line at the indent, as a
resolution's preamble) reads a one-line-so-far paragraph on across the page as before, and so
does a first-line-indented paragraph whose next line, on the next page, starts at the margin.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from untm.aligner.read import read_document

SIZE, LEADING, LEFT, TOP, BOTTOM = 10.0, 13.0, 60.0, 560.0, 60.0
PAGE = (420.0, 620.0)
WIDTH = 300.0
INDENT = 2 * SIZE
FONT_EN, FONT_ZH = "Times-Roman", "STSong-Light"

EN_BODY = (
    "The Committee reviewed the implementation of the programme of work during the period and "
    "noted the progress made in the strengthening of the coordination of humanitarian "
    "assistance in the field.",
    "Delegations welcomed the report and expressed their support for the efforts of the "
    "secretariat to improve the quality and timeliness of its documents.",
    "Several speakers stressed the importance of adequate and predictable funding for the "
    "activities mandated by the General Assembly and the Economic and Social Council.",
    "The Committee requested the secretariat to continue to consult Member States on the "
    "preparation of the next report and to make it available in all official languages.",
    "One delegation asked for more information on the use of extrabudgetary resources and on "
    "the measures taken to ensure transparency in their management.",
    "The representative of the secretariat replied to the questions raised and took note of "
    "the comments made by delegations on the format of the report.",
    "The Committee agreed to consider the matter further at its next session, on the basis of "
    "an updated report of the secretariat.",
)
ZH_BODY = (
    "委员会审查了本期间工作方案的执行情况，注意到在加强外地人道主义援助协调方面取得的进展，"
    "并对各方的合作表示赞赏。",
    "各代表团欢迎该报告，并表示支持秘书处为提高其文件的质量和及时性所作的努力。",
    "若干发言者强调，必须为大会和经济及社会理事会授权开展的活动提供充足和可预测的资金。",
    "委员会请秘书处继续就下一份报告的编写工作与会员国协商，并以所有正式语文提供该报告。",
    "一个代表团要求进一步说明预算外资源的使用情况以及为确保其管理透明而采取的措施。",
    "秘书处代表答复了提出的问题，并注意到各代表团对报告格式提出的意见。",
    "委员会同意在下届会议上根据秘书处的最新报告进一步审议这一事项。",
)
# the one-line paragraph that ends page 1 (filling the measure after its indent), then page 2's
EN_LAST = "Article 24"
EN_NEXT = ("Everyone has the right to rest and leisure, including reasonable limitation of "
           "working hours and periodic holidays with pay.")
ZH_NEXT = "人人有享受休息和闲暇的权利，包括工作时间有合理限制和定期给薪休假的权利。"
ZH_PER_LINE = 20  # Han characters a full line holds


def _fit_en(words: str) -> str:
    """A one-line paragraph that fills the measure after the indent (within two spaces)."""
    out = ""
    for word in words.split():
        trial = f"{out} {word}".strip()
        if stringWidth(trial, FONT_EN, SIZE) > WIDTH - INDENT:
            break
        out = trial
    return out


EN_FOOT = _fit_en("Everyone has the right to form and to join trade unions for the protection "
                  "of his interests and of the interests of others.")
ZH_FOOT = "人人有为维护其利益而组织和参加工会的权利。"[: ZH_PER_LINE - 2]


def _justified(c: canvas.Canvas, text: str, x: float, y: float, width: float, font: str,
               *, full: bool) -> None:
    """One line; `full`: stretched to `width` by its word (Latin) or character (Han) spacing."""
    c.setFont(font, SIZE)
    natural = stringWidth(text, font, SIZE)
    gaps = text.count(" ") if font == FONT_EN else len(text) - 1
    t = c.beginText(x, y)
    t.setFont(font, SIZE)
    if full and gaps and natural < width:
        if font == FONT_EN:
            t.setWordSpace((width - natural) / gaps)
        else:
            t.setCharSpace((width - natural) / gaps)
    t.textLine(text)
    c.drawText(t)


def _lines(text: str, font: str, *, first: float) -> list[str]:
    """A paragraph's lines: the first `first` points narrower (its indent)."""
    if font == FONT_EN:
        head = simpleSplit(text, font, SIZE, WIDTH - first)[0]
        rest = text[len(head):].strip()
        return [head, *(simpleSplit(rest, font, SIZE, WIDTH) if rest else [])]
    per = ZH_PER_LINE - round(first / SIZE)
    lines = [text[:per]]
    rest = text[per:]
    lines += [rest[k:k + ZH_PER_LINE] for k in range(0, len(rest), ZH_PER_LINE)]
    return lines


def _draw(path: Path, pages: list[list[str]], font: str, *, block: bool,
          next_at_margin: bool = False) -> Path:
    """Each page's paragraphs in turn: first lines set in by `INDENT` (`block`: every line of a
    paragraph, but the first paragraph's, set flush at the margin), justified but for a
    paragraph's last line; the last paragraph of each page but the last a single line filling
    the measure at the page's foot. `next_at_margin`: page 2's first line is that paragraph's
    next line, at the margin (no indent)."""
    c = canvas.Canvas(str(path), pagesize=PAGE, invariant=1)
    for number, paragraphs in enumerate(pages, 1):
        y = TOP
        for k, text in enumerate(paragraphs):
            opening = not (next_at_margin and number > 1 and k == 0)
            flush = block and number == 1 and k == 0  # set at the margin, the full measure
            whole = block and not flush
            lines = _lines(text, font, first=INDENT if opening and not block else 0.0)
            for j, line in enumerate(lines):
                x = LEFT + (INDENT if (j == 0 and opening and not flush) or whole else 0.0)
                width = WIDTH - (x - LEFT)
                last = j == len(lines) - 1
                foot = number < len(pages) and k == len(paragraphs) - 1
                _justified(c, line, x, y, width, font, full=not last or foot)
                y -= LEADING
        assert y > BOTTOM, "the page overflows"
        c.setFont(FONT_EN, 8)
        c.drawString(PAGE[0] / 2, 30.0, str(number))
        c.showPage()
    c.save()
    return path


@pytest.fixture(scope="module", autouse=True)
def _cid_font() -> None:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT_ZH))


def _texts(path: Path, lang: str) -> list[str]:
    return [p.text for p in read_document(path, lang).paragraphs]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_one_line_paragraph_at_a_page_foot_ends_there(tmp_path: Path, lang: str) -> None:
    """Page 1 ends with a one-line paragraph filling its line; page 2 opens with a paragraph set
    in by the document's first-line indent: two paragraphs, not one."""
    if lang == "en":
        body, foot, heading, nxt, font = list(EN_BODY), EN_FOOT, EN_LAST, EN_NEXT, FONT_EN
        page2 = [heading, nxt, *EN_BODY[:2]]
    else:
        body, foot, nxt, font = list(ZH_BODY), ZH_FOOT, ZH_NEXT, FONT_ZH
        page2 = [nxt, *ZH_BODY[:3]]
    pages = [[*body, foot], page2]
    pdf = _draw(tmp_path / f"indent.{lang}.pdf", pages, font, block=False)
    assert _texts(pdf, lang) == [*body, foot, *page2]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_paragraph_going_on_at_the_margin_stays_whole(tmp_path: Path, lang: str) -> None:
    """Guard: the one-line-so-far paragraph goes on at the next page's margin: one paragraph."""
    if lang == "en":
        body, foot, font = list(EN_BODY), EN_FOOT, FONT_EN
        rest = "and of the rights of workers, which the State shall protect."
        page2 = [rest, *EN_BODY[:2]]
        joined = f"{foot} {rest}"
    else:
        body, foot, font = list(ZH_BODY), ZH_FOOT, FONT_ZH
        rest = "该权利受国家保护。"
        page2 = [rest, *ZH_BODY[:3]]
        joined = foot + rest
    pdf = _draw(tmp_path / f"margin.{lang}.pdf", [[*body, foot], page2], font, block=False,
                next_at_margin=True)
    assert _texts(pdf, lang) == [*body, joined, *page2[1:]]


def test_paragraphs_set_in_as_a_whole_are_no_first_line_indent(tmp_path: Path) -> None:
    """Guard: where every line of a paragraph is set in (a resolution's preamble, a quotation),
    the indent is the paragraph's measure, not an opening (the first paragraph, flush at the
    margin, shows where the margin is): the document has no first-line indent, and a
    one-line-so-far paragraph at a page's foot reads on with the next page's line at the same
    indent, as before."""
    rest = "and of the rights of workers, which the State shall protect."
    pages = [[*EN_BODY, EN_FOOT], [rest, *EN_BODY[:2]]]
    pdf = _draw(tmp_path / "block.en.pdf", pages, FONT_EN, block=True)
    assert _texts(pdf, "en") == [*EN_BODY, f"{EN_FOOT} {rest}", *EN_BODY[:2]]
