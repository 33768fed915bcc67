"""A report's contents page: each entry one paragraph, its title without leader and page number.

A contents page lists the report's headings, one entry a line (a long title wrapped on two, at
the contents' right indent), each ending in a dot leader and its page number set flush right
(`tests/contents_pages.py`: reportlab, LibreOffice from a .docx whose contents is a TOC field's
result with a dot-leader tab, Chromium from HTML whose leader is a dotted border). The reader
joined entries set at one indent without space between them into one paragraph ("Introduction
..... 3 Background ..... 3 …", docling's redp5110_sampled.pdf), cut a wrapped title from its
last line (the first line ends short of the page's measure, at the contents' right indent, so
it "ended early"), read a leader set apart from its title, or a page number set apart from its
leader, as a table's cell, and kept leader and number in the text, where a translation memory
wants "Introduction" ↔ "导言".

The rule (`aligner.contents`, `pdflayout.blocks`, `pdflayout.lines`, `linebreaks`): a line that
ends in a leader and a page number, or in a page number set flush right in a column of such
numbers that never go down (no leader: a dotted border in HTML, or none), ends its entry; a
line of no entry whose next line does goes on into it where it spans half that line at least
(a title's first line, wrapped at the contents' right indent; a group's heading, "Annex", is
shorter); a leader or number set apart on the row is the entry's. The leader and number are
taken off the title and reported as furniture (`contents-page-number`, with their characters),
as a page's own number is.

Guards: a paragraph whose lines end in numbers or hold an ellipsis ("...", "……") before a
number stays whole and keeps them; a table whose last column is figures, flush right, and a
table's row whose leader runs to its figures keep them.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from contents_pages import ENTRIES, Entry, render_chromium, render_libreoffice, render_reportlab
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from untm.aligner.contents import entry_tail
from untm.aligner.model import Document
from untm.aligner.read import read_document

CONTENTS = "contents-page-number"
# (name, lang, how to draw it): the leader as close dots, spaced dots, Chinese ellipses, a
# Chinese label set in the line ("一、导言……3"), no labels and no space between the entries
VARIANTS = [
    ("dots", "en", {}), ("dots", "zh", {}),
    ("spaced", "en", {"leader": "spaced"}), ("spaced", "zh", {"leader": "spaced"}),
    ("ellipsis", "zh", {"leader": "ellipsis"}),
    ("ellipsis-dun", "zh", {"leader": "ellipsis", "label_sep": "、"}),
    ("unlabelled", "en", {"labels": False, "spaced": False}),
    ("unlabelled", "zh", {"labels": False, "spaced": False}),
    ("no-leader", "en", {"leader": "none"}), ("no-leader", "zh", {"leader": "none"}),
]


def _squash(text: str) -> str:
    return "".join(text.split())


def _titles(lang: str, *, label_sep: str = " ", labels: bool = True) -> list[str]:
    """The entries' texts as they should read: label and title, or the title alone."""
    out = []
    for e in ENTRIES[lang]:
        if not (labels and e.label):
            out.append(e.title)
        elif label_sep == " ":
            out.append(f"{e.label} {e.title}")
        else:
            out.append(e.label.rstrip(".") + label_sep + e.title)
    return out


def _check_entries(doc: Document, titles: list[str], entries: tuple[Entry, ...]) -> None:
    """Each title a paragraph of its own, in order, right after "Contents" and "Page"; every
    entry's leader and page number reported as furniture, in order, none left in the text."""
    got = [_squash(p.text) for p in doc.paragraphs]
    want = [_squash(t) for t in titles]
    at = got.index(want[0])
    assert got[at:at + len(want)] == want, got[:at + len(want) + 2]
    tails = [f.text for f in doc.furniture if f.kind == CONTENTS]
    pages = [e.page for e in entries if e.page]
    assert len(tails) == len(pages), tails
    assert all(t.endswith(p) for t, p in zip(tails, pages, strict=True)), tails
    assert not any(". . . ." in p.text or "....." in p.text or "………" in p.text
                   for p in doc.paragraphs)


@pytest.mark.parametrize(("name", "lang", "how"), VARIANTS,
                         ids=[f"{n}-{lang}" for n, lang, _ in VARIANTS])
def test_contents_entries_read_one_a_paragraph(
        tmp_path: Path, name: str, lang: str, how: dict[str, object]) -> None:
    path = render_reportlab(lang, tmp_path / f"{name}.{lang}.pdf", **how)  # type: ignore[arg-type]
    titles = _titles(lang, label_sep=str(how.get("label_sep", " ")),
                     labels=bool(how.get("labels", True)))
    _check_entries(read_document(path, lang), titles, ENTRIES[lang])


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_libreoffice_toc_field_entries_read_one_a_paragraph(tmp_path: Path, lang: str) -> None:
    """A TOC field's result as LibreOffice prints it: a right tab stop with a dot leader."""
    path = render_libreoffice(lang, tmp_path / f"lo.{lang}.pdf")
    _check_entries(read_document(path, lang), _titles(lang), ENTRIES[lang])


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium not installed")
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chromium_dotted_border_entries_read_one_a_paragraph(tmp_path: Path, lang: str) -> None:
    """An HTML contents printed by Chromium, its leader a dotted border: no dots in the text
    layer, the page number alone flush right."""
    path = render_chromium(lang, tmp_path / f"cr.{lang}.pdf")
    _check_entries(read_document(path, lang), _titles(lang), ENTRIES[lang])


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext not installed")
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pdftotext_layout_contents_entries_read_one_a_paragraph(tmp_path: Path, lang: str) -> None:
    """The text path: `pdftotext -layout` of the contents page, one entry a paragraph too (a
    group's heading, "Annex", apart from the entry under it)."""
    pdf = render_reportlab(lang, tmp_path / f"dots.{lang}.pdf")
    txt = tmp_path / f"dots.{lang}.txt"
    subprocess.run(["pdftotext", "-layout", str(pdf), str(txt)], check=True, timeout=60)
    _check_entries(read_document(txt, lang), _titles(lang), ENTRIES[lang])


# -- guards -------------------------------------------------------------------------------------

SIZE, LEADING, LEFT, RIGHT = 10.0, 12.0, 72.0, 523.0
PROSE = {
    "en": [
        ("The Board examined the accounts for the biennium and found that the total number of "
         "pages submitted had risen to 12"),
        ("in the period under review, against 9 in the previous period. The figures were 1, 2, "
         "3 and so on ... 10"),
        "for the four regions, as set out in the annex to the present report.",
    ],
    "zh": [
        "委员会审查了两年期账目，发现所提交报告的页数在本报告所述期间增加到12",
        "页，而上一期间为9页。各区域的数字分别为1、2、3……10",
        "，详见本报告附件。",
    ],
}
TABLE = {
    "en": [("Africa", "12"), ("Asia and the Pacific", "31"), ("Europe", "7"),
           ("Latin America and the Caribbean", "19")],
    "zh": [("非洲", "12"), ("亚洲及太平洋", "31"), ("欧洲", "7"), ("拉丁美洲和加勒比", "19")],
}
LEADER_ROWS = [("0.99", "800", "880", "960"), ("0.95", "160", "176", "192"),
               ("0.90", "80", "88", "96")]
# a price list: a leader from each item to its one figure, the figures going up and down
PRICES = {"en": [("Travel", "12"), ("Consultants", "31"), ("Supplies", "7")],
          "zh": [("差旅", "12"), ("顾问", "31"), ("用品", "7")]}


def _guard_page(lang: str, path: Path) -> Path:
    """A paragraph whose full lines end in numbers and hold an ellipsis before a number, then a
    table whose last column is figures set flush right, then rows whose leader runs from a
    value to its figures (a statistical table's), then a price list (a leader to each item's
    one figure, set flush right)."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    font = "STSong-Light" if lang == "zh" else "Times-Roman"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(font, SIZE)
    y = 760.0
    for line in PROSE[lang]:
        c.drawString(LEFT, y, line)
        y -= LEADING
    y -= 2 * LEADING
    for name, figure in TABLE[lang]:
        c.drawString(LEFT, y, name)
        c.drawRightString(300.0, y, figure)
        y -= LEADING
    y -= 2 * LEADING
    for value, *figures in LEADER_ROWS:
        c.drawString(LEFT, y, value + " " + "." * 30)
        for k, figure in enumerate(figures):
            c.drawRightString(260.0 + 60.0 * k, y, figure)
        y -= LEADING
    y -= 2 * LEADING
    for item, figure in PRICES[lang]:
        c.drawString(LEFT, y, item + " " + "." * 40)
        c.drawRightString(300.0, y, figure)
        y -= LEADING
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_numbers_ellipses_and_figures_stay_in_the_text(tmp_path: Path, lang: str) -> None:
    """Guard: the paragraph is one, with its numbers and ellipsis; the table's figures, the
    leader rows' and the price list's figures are text; nothing is taken for a contents
    entry."""
    doc = read_document(_guard_page(lang, tmp_path / f"guard.{lang}.pdf"), lang)
    texts = [_squash(p.text) for p in doc.paragraphs]
    joined = _squash("".join(PROSE[lang]) if lang == "zh" else " ".join(PROSE[lang]))
    assert joined in texts, texts
    flat = "".join(texts)
    assert all(figure in flat for _, figure in TABLE[lang])
    assert all(_squash(" ".join(figures)) in flat for _, *figures in LEADER_ROWS), texts
    for item, figure in PRICES[lang]:  # the figure on the item's line or read after it
        at = next(k for k, t in enumerate(texts) if t.startswith(item))
        assert texts[at].endswith(figure) or texts[at + 1] == figure, texts
    assert not [f for f in doc.furniture if f.kind == CONTENTS]


@pytest.mark.parametrize(("text", "tail"), [
    ("Introduction . . . . . . 3", " . . . . . . 3"),
    ("一、导言……………３\u3000", "……………３\u3000"),  # a full-width page number, an ideographic space
    ("Preface ........ vii\x85", " ........ vii\x85"),  # a roman number, then NEL
    ("Annex ...... 12\u2029", " ...... 12\u2029"),
    ("A paragraph that ends in 2016", None),
    ("Title ........ 12 words", None),
    ("Title ........ 12.", None),
    ("", None),
])
def test_entry_tail_by_the_lines_last_character(text: str, tail: str | None) -> None:
    """Guard: an entry's tail is found whatever white space (any that `\\s` matches) follows its
    page number (arabic in any script's digits, or roman), and a line ending in anything else
    ends no entry (`entry_tail` looks at the last character before searching)."""
    at = entry_tail(text)
    assert (None if at is None else text[at:]) == tail
