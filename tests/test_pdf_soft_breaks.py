"""A paragraph that ends a page in a full line with a full stop, the next page starting a new one
flush at the margin: nothing on the page tells it from one paragraph going on with its next
sentence. The reader joins the two (as it must for a paragraph that goes on) but marks the join
soft (`Paragraph.soft_breaks`); in paragraph units the other language decides: two units where it
has two paragraphs, one where it has one.

The pages are drawn here (reportlab), the last line before the page break set full, as a UN
report's justified paragraph ends; the other side is a .txt file with blank lines between
paragraphs.
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
from untm.pipeline import AlignOptions, align_files, to_units

EN = (
    "The United Nations Human Settlements Programme and the United Nations Environment "
    "Programme have worked together on the urban environment for many years, and their "
    "cooperation has grown in scope and depth over the period under review. The two programmes "
    "now share a joint work plan, a joint steering committee and a common approach to the urban "
    "environment in their work with Governments and local authorities.",
    "Both agencies adopted new medium-term strategies that repositioned the key areas of "
    "their urban environment work in the cities of developing countries.",
    "The present report describes the joint activities carried out since the last session "
    "of the Governing Council of the Programme.",
    "The Executive Directors will continue to report on the joint work.",
)
ZH = (
    "联合国人类住区规划署和联合国环境规划署多年来在城市环境方面开展合作，在本报告所述期间，"
    "双方合作的范围和深度都有所扩大。两个规划署现在有共同的工作计划、共同的指导委员会，"
    "并在与各国政府和地方当局的合作中对城市环境采取共同的做法。",
    "两个机构都通过了新的中期战略，重新确定了其在发展中国家城市的城市环境工作的关键领域。",
    "本报告介绍了自规划署理事会上届会议以来开展的联合活动。",
    "两位执行主任将继续报告联合工作的情况。",
)
SIZE, LEADING, SPACE, LEFT, TOP = 10.0, 13.0, 6.0, 60.0, 380.0
PAGE = (360.0, 420.0)
BREAK_AFTER = 2  # the first two paragraphs fill page 1; the second ends it in a full line


def _en_lines(text: str, width: float) -> list[str]:
    return list(simpleSplit(text, "Times-Roman", SIZE, width))


def _en_width(text: str = EN[BREAK_AFTER - 1]) -> float:
    """A measure at which the page's last paragraph (`text`) wraps to a full last line."""
    width = 220.0
    while width < 300.0:
        last = _en_lines(text, width)[-1]
        if stringWidth(last, "Times-Roman", SIZE) >= width - 3.0:
            return width
        width += 0.25
    raise AssertionError("no measure gives a full last line")


def _zh_lines(text: str, per_line: int) -> list[str]:
    return [text[k : k + per_line] for k in range(0, len(text), per_line)]


def _draw(path: Path, paragraphs: list[list[str]], font: str, width: float) -> Path:
    """Each paragraph's lines, justified to `width` (the last line of each paragraph flush left,
    so the one that fills the measure is full; `width` 0: every line at its natural width), page
    1 holding the first `BREAK_AFTER` paragraphs and ending at its last line."""
    c = canvas.Canvas(str(path), pagesize=PAGE, invariant=1)
    y = TOP
    for k, lines in enumerate(paragraphs):
        if k == BREAK_AFTER:
            c.setFont("Times-Roman", 8)
            c.drawString(PAGE[0] / 2, 30.0, "1")  # a page number
            c.showPage()
            y = TOP
        for n, line in enumerate(lines):
            natural = stringWidth(line, font, SIZE)
            gaps = line.count(" ") if font.startswith("Times") else len(line) - 1
            last = n == len(lines) - 1
            t = c.beginText(LEFT, y)
            t.setFont(font, SIZE)
            if width and gaps and not last:
                if font.startswith("Times"):
                    t.setWordSpace((width - natural) / gaps)
                else:
                    t.setCharSpace((width - natural) / gaps)
            t.textLine(line)
            c.drawText(t)
            y -= LEADING
        y -= SPACE
    c.setFont("Times-Roman", 8)
    c.drawString(PAGE[0] / 2, 30.0, "2")
    c.showPage()
    c.save()
    return path


def _en_pdf(tmp: Path) -> Path:
    width = _en_width()
    return _draw(tmp / "report.en.pdf", [_en_lines(p, width) for p in EN], "Times-Roman", width)


def _zh_pdf(tmp: Path) -> Path:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    per_line = len(ZH[BREAK_AFTER - 1]) // 3  # the paragraph fills three lines exactly
    assert per_line * 3 == len(ZH[BREAK_AFTER - 1])
    width = per_line * SIZE
    return _draw(tmp / "report.zh.pdf", [_zh_lines(p, per_line) for p in ZH], "STSong-Light",
                 width)


def _text(tmp: Path, name: str, paragraphs: list[str]) -> Path:
    path = tmp / name
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_break_after_a_full_stop_is_read_as_a_soft_join(lang: str,
                                                                 tmp_path: Path) -> None:
    pdf = _en_pdf(tmp_path) if lang == "en" else _zh_pdf(tmp_path)
    source = EN if lang == "en" else ZH
    paragraphs = read_document(pdf, lang).paragraphs
    assert [_squash(p.text) for p in paragraphs] == [
        _squash(source[0]), _squash(source[1] + source[2]), _squash(source[3])]
    assert [_squash(piece) for piece in paragraphs[1].pieces()] == [
        _squash(source[1]), _squash(source[2])]
    assert [p.soft_breaks for k, p in enumerate(paragraphs) if k != 1] == [(), ()]


def _units(zh: Path, en: Path, segtype: str) -> list[tuple[str, str]]:
    result = align_files(zh, en, AlignOptions(mode="fast", segtype=segtype))
    return [(_squash(u.source), _squash(u.target)) for u in to_units(result, source_name="zh")]


def _pairs(zh: list[str], en: list[str]) -> list[tuple[str, str]]:
    return [(_squash(z), _squash(e)) for z, e in zip(zh, en, strict=True)]


@pytest.mark.parametrize("pdf_side", ["en", "zh"])
@pytest.mark.parametrize("other_joins", [False, True])
def test_in_paragraph_units_the_other_language_decides(pdf_side: str, other_joins: bool,
                                                       tmp_path: Path) -> None:
    """The same PDF; the other side has the two paragraphs apart (two units) or as one (one
    unit: the paragraph went on across the page)."""
    merged = BREAK_AFTER - 1
    zh, en = list(ZH), list(EN)
    if pdf_side == "en":
        other = [*zh[:merged], zh[merged] + zh[merged + 1], *zh[merged + 2:]] if other_joins else zh
        units = _units(_text(tmp_path, "report.zh.txt", other), _en_pdf(tmp_path), "paragraph")
    else:
        other = ([*en[:merged], f"{en[merged]} {en[merged + 1]}", *en[merged + 2:]]
                 if other_joins else en)
        units = _units(_zh_pdf(tmp_path), _text(tmp_path, "report.en.txt", other), "paragraph")
    if other_joins:
        zh = [*zh[:merged], zh[merged] + zh[merged + 1], *zh[merged + 2:]]
        en = [*en[:merged], f"{en[merged]} {en[merged + 1]}", *en[merged + 2:]]
    assert units == _pairs(zh, en)


def test_sentence_units_do_not_change(tmp_path: Path) -> None:
    """In sentence units a soft join changes nothing: the sentences are the same either way."""
    units = _units(_zh_pdf(tmp_path), _en_pdf(tmp_path), "sentence")
    zh_first, en_first = ZH[0].split("。", 1), EN[0].split(". ", 1)
    zh = [f"{zh_first[0]}。", zh_first[1], *ZH[1:]]
    en = [f"{en_first[0]}.", en_first[1], *EN[1:]]
    assert units == _pairs(zh, en)


def _ragged_width(text: str, next_word: str) -> float:
    """A measure at which `text` wraps to a last line that ends short of it by more than a
    justified line may, yet too little for `next_word` to have fit."""
    room_min, room_max = 8.0, stringWidth(next_word, "Times-Roman", SIZE) - 2.0
    width = 220.0
    while width < 300.0:
        room = width - stringWidth(_en_lines(text, width)[-1], "Times-Roman", SIZE)
        if room_min < room < room_max:
            return width
        width += 0.25
    raise AssertionError("no measure leaves that room")


@pytest.mark.parametrize("justified", [True, False])
def test_a_short_last_line_of_justified_text_ends_its_paragraph_at_a_page_break(
    justified: bool, tmp_path: Path
) -> None:
    """Justified text stretches every line that goes on to the measure: a line that ends short
    of it at a page's foot ended its paragraph, even where the next page's first word is too
    long to have fit. Ragged text cannot tell: the join is soft."""
    en = list(EN)
    en[BREAK_AFTER] = "Notwithstanding " + en[BREAK_AFTER][0].lower() + en[BREAK_AFTER][1:]
    width = _ragged_width(en[BREAK_AFTER - 1], "Notwithstanding")
    lines = [_en_lines(p, width) for p in en]
    if not justified:
        width = 0.0  # every line drawn at its natural width
    pdf = _draw(tmp_path / "j.en.pdf", lines, "Times-Roman", width)
    paragraphs = read_document(pdf, "en").paragraphs
    texts = [_squash(p.text) for p in paragraphs]
    if justified:
        assert texts == [_squash(p) for p in en]
    else:
        assert texts == [_squash(en[0]), _squash(en[1] + en[2]), _squash(en[3])]
        assert len(paragraphs[1].pieces()) == 2


def test_a_chinese_line_ending_in_a_han_character_goes_on_across_the_page(
        tmp_path: Path) -> None:
    """A Chinese paragraph ends in its punctuation: a page's full last line that ends in a Han
    character ("…共同的指导委员会，并在与各国" / "政府和…") runs on into the next page, no soft
    join for the other language to undo (the UDHR from Chromium in two columns was cut at such a
    column break by the aligner)."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    per_line = len(ZH[BREAK_AFTER - 1]) // 3
    lines = _zh_lines(ZH[0], per_line)
    cut = max(k for k in range(1, len(lines)) if "\u4e00" <= lines[k - 1][-1] <= "\u9fff")
    pdf = _draw(tmp_path / "cut.zh.pdf", [_zh_lines(ZH[1], per_line), lines[:cut], lines[cut:],
                                          _zh_lines(ZH[2], per_line)],
                "STSong-Light", per_line * SIZE)
    paragraphs = read_document(pdf, "zh").paragraphs
    assert [_squash(p.text) for p in paragraphs] == [_squash(ZH[1]), _squash(ZH[0]),
                                                     _squash(ZH[2])]
    assert [p.soft_breaks for p in paragraphs] == [(), (), ()]


def _ending(lang: str, end: str) -> list[str]:
    """The paragraphs, the page's last one ending in `end` instead of its full stop."""
    source = list(EN if lang == "en" else ZH)
    source[BREAK_AFTER - 1] = source[BREAK_AFTER - 1][:-1] + end
    return source


def _page_pdf(path: Path, lang: str, source: list[str]) -> Path:
    """`source` drawn as `_en_pdf` and `_zh_pdf` draw theirs: the page's last paragraph fills
    its last line."""
    if lang == "en":
        width = _en_width(source[BREAK_AFTER - 1])
        return _draw(path, [_en_lines(p, width) for p in source], "Times-Roman", width)
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    per_line = len(source[BREAK_AFTER - 1]) // 3
    return _draw(path, [_zh_lines(p, per_line) for p in source], "STSong-Light",
                 per_line * SIZE)


@pytest.mark.parametrize(("lang", "end"), [("en", ":"), ("en", ";"), ("en", ","),
                                           ("zh", "："), ("zh", "；"), ("zh", "，")])
def test_clause_punctuation_ending_a_page_is_a_soft_join(lang: str, end: str,
                                                         tmp_path: Path) -> None:
    """A page's full last line ending in a colon, a semicolon or a comma, the next page starting
    flush at the margin: a list's introduction and its first item, two operative paragraphs of a
    resolution ("…经验和知识；" / "表示感谢…"), two preamble paragraphs, or one paragraph going
    on. Nothing tells: the join is soft, and the other language decides."""
    source = _ending(lang, end)
    paragraphs = read_document(_page_pdf(tmp_path / f"clause.{lang}.pdf", lang, source),
                               lang).paragraphs
    assert [_squash(piece) for piece in paragraphs[1].pieces()] == [
        _squash(source[1]), _squash(source[2])]


@pytest.mark.parametrize(("lang", "end"), [("en", ";"), ("en", ":"), ("zh", "、")])
def test_a_join_that_says_it_goes_on_stays_whole(lang: str, end: str, tmp_path: Path) -> None:
    """Lower case after clause punctuation (Latin text), or an enumeration comma ("、", which
    never ends a paragraph): the paragraph goes on across the page, no soft join."""
    source = _ending(lang, end)
    if lang == "en":
        source[BREAK_AFTER] = source[BREAK_AFTER][0].lower() + source[BREAK_AFTER][1:]
    paragraphs = read_document(_page_pdf(tmp_path / f"on.{lang}.pdf", lang, source),
                               lang).paragraphs
    assert [_squash(p.text) for p in paragraphs] == [
        _squash(source[0]), _squash(source[1] + source[2]), _squash(source[3])]
    assert paragraphs[1].soft_breaks == ()


def test_in_paragraph_units_a_resolution_s_semicolon_parts_where_the_other_language_does(
        tmp_path: Path) -> None:
    """Two operative paragraphs of a resolution, the first ending a Chinese page in "；": the
    English text has them apart, so they are two units."""
    zh = _ending("zh", "；")
    units = _units(_page_pdf(tmp_path / "res.zh.pdf", "zh", zh),
                   _text(tmp_path, "res.en.txt", list(EN)), "paragraph")
    assert units == _pairs(zh, list(EN))
