"""A paragraph's wrapped lines stay one paragraph: faults found on real zh/en technical manuals
(WCH's, written by pdfFactory on Windows), drawn here with reportlab.

- A font whose descriptor's StemV is no stem's width (pdfFactory writes 500 for every CID font:
  SimSun, PDFium's weight 2140) was read as bold, so a wrapped Chinese line that opened with a
  Han character was a heading, or a run-in heading where a Latin word in another font followed:
  the paragraph was cut there (`pdflayout.chars`: weights over 1000 say nothing).
- A list item set with a hanging indent ("2） Also … can export WCH_LinkUtility", then "1.6
  directly." under the item's text) had its next line taken for a new paragraph's first-line
  indent (`Line.hang`, `pdflayout.blocks._hangs`).
- A numbered heading's number of two levels ("5.1.") set a tab before its text, two such
  headings over each other, was read as a table's two columns (`pdflayout.lines._LABEL`).
- A two-page document whose first page is taken for a cover (its title in large type) kept its
  running header and footer as text: they recurred on one page that is no cover
  (`aligner.furniture._recurring`).
- On such a first page, the first numbered paragraph ("1． 将 IAP 程序…", a plain space after
  the number, the line short of the measure) was read as a cover line
  (`pdflayout.blocks._is_cover_end`).

- A font named for its weight ("NotoSerifCJKjp-Regular-VKana") whose StemV is a bold stem's
  width (Ghostscript writes 156 for that face: weight 764) was read as bold too: its name says
  its weight (`pdflayout.chars._REGULAR_NAME`).

Guards: a font named without a weight whose StemV is a bold stem's is still bold; a short item
line with a paragraph set under its text, and paragraphs with a first-line indent, still end
where they did; decimal numbers in a table's first column stay cells; what recurs on covers only
is no furniture.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pdfgen import WQY
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from untm.aligner.furniture import PageLine, find_furniture
from untm.aligner.model import BlockKind
from untm.aligner.read import read_document

PAGE = (595.0, 842.0)
LEFT, RIGHT, TOP, SIZE, LEADING = 68.0, 527.0, 760.0, 10.5, 15.6
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
CONDENSED = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf")
HAN = "WrappedHan"  # WenQuanYi Micro Hei
LATIN = "WrappedLatin"  # DejaVu Sans
HEAVY = "WrappedHeavy"  # DejaVu Sans Condensed, named without a weight


@pytest.fixture(scope="module", autouse=True)
def _fonts() -> None:
    for name, path in ((HAN, WQY), (LATIN, DEJAVU), (HEAVY, CONDENSED)):
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=0))


def _save(c: canvas.Canvas, font: str = "", stem: int = 0, name: bytes = b"") -> None:
    """Save the PDF, `font`'s descriptor saying StemV `stem` (reportlab derives it from the
    font's weight class, 87 for these regular faces) and, with `name`, the font so named; its
    faces are shared by file, so the values are put back."""
    if not font:
        c.save()
        return
    face = pdfmetrics.getFont(font).face
    was, face.stemV = face.stemV, stem
    was_name, face.name = face.name, name or face.name
    try:
        c.save()
    finally:
        face.stemV, face.name = was, was_name


def _pieces(text: str) -> Iterator[tuple[str, str]]:
    """The text in runs of one font: Han characters and full-width marks in `HAN`, the rest in
    `LATIN` (a Chinese manual's Latin words and numbers in a Latin font)."""
    run, font = "", ""
    for ch in text:
        want = HAN if ord(ch) > 0x2000 else LATIN
        if run and want != font:
            yield run, font
            run = ""
        run, font = run + ch, want
    if run:
        yield run, font


def _width(text: str) -> float:
    return sum(pdfmetrics.stringWidth(t, f, SIZE) for t, f in _pieces(text))


def _wrap(text: str, width: float) -> list[str]:
    """The text broken into lines as wide as `width` at most (a closing mark may hang past
    it): between any two characters of Chinese, at spaces in English (a text of ASCII only)."""
    words = text.split(" ") if text.isascii() else list(text)
    sep = " " if text.isascii() else ""
    lines, line = [], ""
    for word in words:  # (a closing mark never opens a line: it goes with the word before)
        if line and _width(line + sep + word) > width and word not in "，。、；：）”":
            lines.append(line)
            line = word.lstrip()
        else:
            line = line + sep + word if line else word.lstrip()
    return [*lines, line] if line else lines


def _draw(c: canvas.Canvas, x: float, y: float, text: str) -> None:
    for piece, font in _pieces(text):
        c.setFont(font, SIZE)
        c.drawString(x, y, piece)
        x += pdfmetrics.stringWidth(piece, font, SIZE)


ZH_PARAGRAPHS = (
    "跳转方式 1：下载成功后自动跳转到 APP 运行，并且可以在 APP 程序中通过指令跳转到 IAP，"
    "等待再下载。",
    "跳转方式 2：GPIO 引脚（PC0 默认上拉输入），下载 APP 后复位，检测到低电平后跳转到 APP。"
    "APP 中同样可以通过指令跳转到 IAP 等待再下载。",
    "选择对应串口，设置波特率 460800（可根据需求修改），然后点击下载按钮，等待下载完成后芯片"
    "自动复位运行用户程序。",
    "在 APP 中运行时，可以通过指令跳转至 IAP 等待再下载，下载完成后再次跳转到 APP 运行，"
    "无需重新上电。",
)


def _stemv_manual(path: Path, stem: int = 500, name: bytes = b"") -> Path:
    """A Chinese page of paragraphs whose lines wrap at any character: Han text in a font whose
    StemV is `stem` (named `name`), Latin words in a regular font; a line space between
    paragraphs."""
    c = canvas.Canvas(str(path), pagesize=PAGE, invariant=1)
    y = TOP
    for _ in range(2):
        y = _paragraphs(c, y)
    _save(c, HAN, stem, name)
    return path


def test_bogus_stem_width_is_no_bold(tmp_path: Path) -> None:
    """Each paragraph is read whole; on main its wrapped lines that open with a Han character
    were headings or run-in headings, each a paragraph of its own."""
    texts = [p.text for p in read_document(_stemv_manual(tmp_path / "m.pdf"), "zh").paragraphs]
    assert texts == list(ZH_PARAGRAPHS) * 2


def test_a_font_named_regular_is_regular_whatever_its_stem_width(tmp_path: Path) -> None:
    """Ghostscript's rewrite of Noto Serif CJK Regular says StemV 156 (PDFium's weight 764, in
    the range of bold faces): the font's name says its weight. Each paragraph is read whole; on
    main a wrapped line opening with a Han character was a heading."""
    pdf = _stemv_manual(tmp_path / "r.pdf", 156, b"NotoSerifCJKjp-Regular-VKana")
    assert [p.text for p in read_document(pdf, "zh").paragraphs] == list(ZH_PARAGRAPHS) * 2


def test_bold_stem_width_is_bold(tmp_path: Path) -> None:
    """Guard: a font named without a weight whose StemV is a bold face's (140: weight 700) is
    bold; its line is a heading of its own, not the first line of the paragraph under it."""
    path = tmp_path / "h.pdf"
    c = canvas.Canvas(str(path), pagesize=PAGE, invariant=1)
    c.setFont(HEAVY, SIZE)
    c.drawString(LEFT, TOP, "Download the application")
    body = ("The application is downloaded through the serial port at the rate chosen in the "
            "tool, and the chip starts it once the download has been checked and found whole.")
    y = TOP - LEADING
    for _ in range(3):
        for line in _wrap(body, RIGHT - LEFT):
            c.setFont(LATIN, SIZE)
            c.drawString(LEFT, y, line)
            y -= LEADING
        y -= LEADING
    _save(c, HEAVY, 140)
    doc = read_document(path, "en")
    assert doc.paragraphs[0].text == "Download the application"
    assert doc.paragraphs[0].kind is BlockKind.HEADING
    assert [p.text for p in doc.paragraphs[1:]] == [body] * 3


ITEM_EN = ("Only WCH_LinkUtility 1.6 or later versions can be used to read and write the 1920 "
           "bytes area which starts from 0x1FFFF000; MounRiver Studio v1.84 or later version can "
           "export WCH_LinkUtility 1.6 directly.")
ITEM_ZH = ("将 IAP 程序通过 WCH-LinkUtility 下载到 0x1FFFF000 地址处，下载完成后芯片重新上电，"
           "再用 MounRiver Studio 导出的工具检查下载结果是否正确。")


def _list_page(path: Path, lang: str, labels: tuple[str, ...], item: str,
               after: str = "") -> Path:
    """Items whose first line opens with a label at `LEFT` + 18 and whose next lines hang under
    their text after it (a hanging indent); `after`: a paragraph after them, set at the
    margin."""
    c = canvas.Canvas(str(path), pagesize=PAGE, invariant=1)
    y = TOP
    x = LEFT + 18
    for label in labels:
        hang = x + _width(label)
        lines = _wrap(item, RIGHT - hang)
        _draw(c, x, y, label + lines[0])
        for line in lines[1:]:
            y -= LEADING
            _draw(c, hang, y, line)
        y -= LEADING
    if after:
        for line in _wrap(after, RIGHT - LEFT):
            _draw(c, LEFT, y, line)
            y -= LEADING
    c.save()
    return path


@pytest.mark.parametrize(("lang", "labels", "item"), [
    ("en", ("1) ", "2) ", "3) "), ITEM_EN),
    ("en", ("(a) ", "(b) ", "(c) "), ITEM_EN),
    ("zh", ("1）", "2）", "3）"), ITEM_ZH),
    ("zh", ("（1）", "（2）", "（3）"), ITEM_ZH),
])
def test_hanging_item_lines_go_on(tmp_path: Path, lang: str, labels: tuple[str, ...],
                                  item: str) -> None:
    """Each item is read whole, its label and all its lines; on main each item's second line,
    starting under its text, was taken for a new paragraph's first-line indent."""
    texts = [p.text for p in read_document(
        _list_page(tmp_path / "l.pdf", lang, labels, item), lang).paragraphs]
    assert texts == [(label if lang == "zh" else label.strip() + " ") + item for label in labels]


def test_paragraph_under_a_short_item(tmp_path: Path) -> None:
    """Guard: a short item line ("3． 用 IAP 下载工具下载。") with a paragraph set under its
    text that runs on to the measure: the item's line had room, the paragraph is its own."""
    path = tmp_path / "s.pdf"
    c = canvas.Canvas(str(path), pagesize=PAGE, invariant=1)
    item, para = "3． 用 IAP 下载工具下载。", ZH_PARAGRAPHS[0]
    _draw(c, LEFT, TOP, item)
    hang = LEFT + _width("3． ")
    y = TOP - LEADING
    for line in _wrap(para, RIGHT - hang):
        _draw(c, hang, y, line)
        y -= LEADING
    c.save()
    assert [p.text for p in read_document(path, "zh").paragraphs] == [item, para]


def test_indented_paragraphs_still_part(tmp_path: Path) -> None:
    """Guard: paragraphs opening with a first-line indent and no label still start where the
    indent is."""
    path = tmp_path / "i.pdf"
    body = ("The bit transfer instructions support four independent bit inputs, each of them "
            "named by a parameter that corresponds to one bit of the status registers.")
    c = canvas.Canvas(str(path), pagesize=PAGE, invariant=1)
    y = TOP
    for _ in range(6):
        lines = _wrap(body, RIGHT - LEFT - 21)
        _draw(c, LEFT + 21, y, lines[0])
        rest = _wrap(" ".join(lines[1:]), RIGHT - LEFT)
        for line in rest:
            y -= LEADING
            _draw(c, LEFT, y, line)
        y -= LEADING
    c.save()
    assert [p.text for p in read_document(path, "en").paragraphs] == [body] * 6


HEADS = (("5.1.", "间接寻址的数据读写端口 SFR_INDIR_PORT"),
         ("5.2.", "间接寻址的地址寄存器 SFR_INDIR_ADDR"),
         ("5.3.", "间接寻址 2 的数据读写端口 SFR_INDIR_PORT2"))


def _numbered(path: Path, rows: tuple[tuple[str, str], ...], after: str) -> Path:
    """Rows of a number at the margin and a text a tab (36 points) in, one under another, then
    a paragraph."""
    c = canvas.Canvas(str(path), pagesize=PAGE, invariant=1)
    y = TOP
    for number, text in rows:
        _draw(c, LEFT, y, number)
        _draw(c, LEFT + 36, y, text)
        y -= 2 * LEADING
    for line in _wrap(after, RIGHT - LEFT):
        _draw(c, LEFT, y, line)
        y -= LEADING
    c.save()
    return path


def test_two_level_heading_numbers(tmp_path: Path) -> None:
    """"5.1." and its heading's text are one line; on main the headings' rows were a table's,
    the number and the text two cells."""
    path = _numbered(tmp_path / "n.pdf", HEADS, ZH_PARAGRAPHS[2])
    texts = [p.text for p in read_document(path, "zh").paragraphs]
    assert texts == [f"{n} {t}" for n, t in HEADS] + [ZH_PARAGRAPHS[2]]


def test_decimal_numbers_stay_cells(tmp_path: Path) -> None:
    """Guard: decimal numbers ("5.1", no dot after) in a first column beside texts lined up
    are a table's cells."""
    rows = tuple((n.rstrip("."), t) for n, t in HEADS)
    path = _numbered(tmp_path / "d.pdf", rows, ZH_PARAGRAPHS[2])
    texts = [p.text for p in read_document(path, "zh").paragraphs]
    assert texts[:6] == [x for row in rows for x in row]


def _paragraphs(c: canvas.Canvas, y: float) -> float:
    """`ZH_PARAGRAPHS` wrapped to the measure from `y` down, a line's space between them; the y
    below them."""
    for text in ZH_PARAGRAPHS:
        for line in _wrap(text, RIGHT - LEFT):
            _draw(c, LEFT, y, line)
            y -= LEADING
        y -= LEADING
    return y


def _two_pages(path: Path) -> Path:
    """A two-page note: page 1 opens with its title in 15-point type (a cover, by the
    masthead rule), both pages have a running header and a version footer at their edges."""
    c = canvas.Canvas(str(path), pagesize=PAGE, invariant=1)
    for page in (1, 2):
        _draw(c, LEFT, 805, "CH32V003_IAP 使用说明")
        _draw(c, 464, 805, "https://wch.cn")
        _draw(c, LEFT, 45, "V1.1")
        y = TOP
        if page == 1:
            c.setFont(HAN, 15)
            c.drawString(220, y, "CH32V003_IAP 使用说明")
            y -= 2 * LEADING
        y = _paragraphs(c, y)
        c.showPage()
    c.save()
    return path


def test_two_page_running_heads(tmp_path: Path) -> None:
    """The header and footer of both pages are furniture; on main, page 1 a cover, they
    recurred on one page of text only and were read as text."""
    doc = read_document(_two_pages(tmp_path / "t.pdf"), "zh")
    texts = [p.text for p in doc.paragraphs]
    assert "V1.1" not in texts and "https://wch.cn" not in texts
    assert texts.count("CH32V003_IAP 使用说明") == 1  # the title, under page 1's header
    kinds = sorted((f.kind, f.text, f.line) for f in doc.furniture if f.kind.startswith("running"))
    assert kinds == sorted((kind, text, page) for page in (1, 2) for kind, text in (
        ("running-header", "CH32V003_IAP 使用说明"), ("running-header", "https://wch.cn"),
        ("running-footer", "V1.1")))


def test_cover_mastheads_are_no_furniture() -> None:
    """Guard: a masthead that recurs at the top of covers only (each document of a compilation)
    is not a running header, though a page of text has the same words lower down."""
    lines = [PageLine("United Nations", 1, "top", True, True, 0, cover=True),
             PageLine("Some text", 2, None),
             PageLine("United Nations", 3, "top", True, True, 0, cover=True),
             PageLine("United Nations", 4, None, False, False, 3),
             PageLine("More text", 4, None)]
    assert find_furniture(lines) == {}


def test_cover_ends_at_a_numbered_paragraph(tmp_path: Path) -> None:
    """The title page's masthead (title, version, address) is its cover; the numbered
    paragraph under it, across most of the column but short of its end, is text (on main a
    cover line: it neither hangs its number before a tab nor runs to the measure)."""
    path = tmp_path / "c.pdf"
    c = canvas.Canvas(str(path), pagesize=PAGE, invariant=1)
    c.setFont(HAN, 15)
    c.drawString(220, TOP, "CH32V003_IAP 使用说明")
    y = TOP - 18
    for text in ("版本：V1.1", "https://wch.cn"):
        _draw(c, 260, y, text)
        y -= LEADING
    first = "1． 将 IAP 程序通过 WCH-LinkUtility 下载到 0x1FFFF000；芯片重新上电。"
    _draw(c, LEFT, y, first)
    y -= 2 * LEADING
    _paragraphs(c, y)
    c.save()
    doc = read_document(path, "zh")
    kinds = [(p.text, p.kind) for p in doc.paragraphs]
    cover = BlockKind.COVER
    assert kinds[:4] == [("CH32V003_IAP 使用说明", cover), ("版本：V1.1", cover),
                         ("https://wch.cn", cover), (first, BlockKind.BODY)]
