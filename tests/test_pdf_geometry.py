"""The PDF reader's geometry comes from the glyphs, whatever operands a producer writes.

Small pages drawn with reportlab in the ways real producers draw text (the producer matrix of
whole documents is `tests/producers*`; these are the rules one at a time):
- every glyph at `1 Tf` under a text matrix scaled to the size (Word + Distiller, cairo);
- one text object per word, drawn out of order; one per glyph, right to left;
- justified lines whose word gaps are wider than a column gap; letter-spaced lines;
each reads as the same paragraphs as the plain drawing.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from untm.aligner.read import read_document

FONT, SIZE, LEADING, LEFT, WIDTH = "Times-Roman", 10.0, 12.0, 72.0, 300.0
PARAGRAPHS = (
    "1. The United Nations Human Settlements Programme and the United Nations Environment "
    "Programme have worked together on the urban environment for many years, and their "
    "cooperation has grown in scope and depth over the period under review.",
    "2. Both agencies adopted new medium-term strategies that repositioned the key areas of "
    "their urban environment work, and the present report describes the joint activities "
    "carried out since the last session of the Assembly.",
    "3. The Executive Directors will continue to report on the joint work.",
)


def _wrap(text: str, width: float, tracking: float) -> list[list[str]]:
    lines: list[list[str]] = [[]]
    for word in text.split():
        trial = " ".join([*lines[-1], word])
        if lines[-1] and stringWidth(trial, FONT, SIZE) + tracking * len(trial) > width:
            lines.append([])
        lines[-1].append(word)
    return lines


def _glyphs(words: list[str], x: float, width: float, *, justify: bool, tracking: float):
    """(x, character) of each glyph of a line; justified lines stretch their word gaps."""
    natural = stringWidth(" ".join(words), FONT, SIZE) + tracking * (len(" ".join(words)) - 1)
    extra = (width - natural) / (len(words) - 1) if justify and len(words) > 1 else 0.0
    out: list[tuple[float, str]] = []
    for k, word in enumerate(words):
        for ch in word:
            out.append((x, ch))
            x += stringWidth(ch, FONT, SIZE) + tracking
        if k < len(words) - 1:
            out.append((x, " "))
            x += stringWidth(" ", FONT, SIZE) + tracking + extra
    return out


def draw_page(path: Path, style: str, *, width: float = WIDTH, tracking: float = 0.0) -> Path:
    """The paragraphs drawn in one of the ways producers draw: `plain` (one text object a line,
    the size in `Tf`), `tf1` (each line at 1 Tf under a scaled text matrix), `words` (a text
    object per word, in shuffled order, no space glyphs), `glyphs` (each glyph alone, right to
    left, at 1 Tf), `late` (as `plain`, but the hyphens and the letter "y" drawn at their place
    after the page's text, as a producer may draw what its font lacks from a fallback font)."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    rng = random.Random(7)
    deferred: list[tuple[float, float, str]] = []  # `late` glyphs: drawn after the page's text
    y = 760.0
    for text in PARAGRAPHS:
        lines = _wrap(text, width, tracking)
        for k, words in enumerate(lines):
            glyphs = _glyphs(words, LEFT, width, justify=k < len(lines) - 1, tracking=tracking)
            if style in ("plain", "late"):
                t = c.beginText(LEFT, y)
                t.setFont(FONT, SIZE)
                late = [(x, ch) for x, ch in glyphs if style == "late" and ch in "-y"]
                for x, ch in glyphs:
                    if (x, ch) not in late:
                        t.setTextOrigin(x, y)
                        t.textOut(ch)
                c.drawText(t)
                deferred += [(x, y, ch) for x, ch in late]
            elif style == "tf1":
                t = c.beginText(LEFT, y)
                t.setFont(FONT, 1)
                for x, ch in glyphs:
                    t.setTextTransform(SIZE, 0, 0, SIZE, x, y)
                    t.textOut(ch)
                c.drawText(t)
            elif style in ("words", "glyphs"):
                pieces: list[list[tuple[float, str]]] = [[]]
                for x, ch in glyphs:
                    if ch == " ":
                        pieces.append([])
                    elif style == "glyphs":
                        pieces.append([(x, ch)])
                    else:
                        pieces[-1].append((x, ch))
                pieces = [p for p in pieces if p]
                if style == "words":
                    rng.shuffle(pieces)
                else:
                    pieces.reverse()
                for piece in pieces:
                    t = c.beginText(piece[0][0], y)
                    t.setFont(FONT, 1 if style == "glyphs" else SIZE)
                    for x, ch in piece:
                        t.setTextTransform(SIZE if style == "glyphs" else 1, 0, 0,
                                           SIZE if style == "glyphs" else 1, x, y)
                        t.textOut(ch)
                    c.drawText(t)
            y -= LEADING
        y -= 6.0
    for x, y, ch in deferred:
        t = c.beginText(x, y)
        t.setFont(FONT, SIZE)
        t.textOut(ch)
        c.drawText(t)
    c.showPage()
    c.save()
    return path


def _paragraphs(path: Path) -> list[str]:
    return [p.text for p in read_document(path, "en").paragraphs]


@pytest.mark.parametrize("style", ["tf1", "words", "glyphs", "late"])
def test_drawing_style_does_not_change_the_text(style: str, tmp_path: Path) -> None:
    plain = _paragraphs(draw_page(tmp_path / "plain.pdf", "plain"))
    assert plain == list(PARAGRAPHS)
    assert _paragraphs(draw_page(tmp_path / f"{style}.pdf", style)) == plain


@pytest.mark.parametrize("style", ["plain", "words"])
def test_justified_narrow_column_with_wide_gaps_reads_as_lines(style: str, tmp_path: Path) -> None:
    """A narrow justified column stretches some word gaps beyond two font sizes."""
    path = draw_page(tmp_path / "narrow.pdf", style, width=150.0)
    assert _paragraphs(path) == list(PARAGRAPHS)


@pytest.mark.parametrize("style", ["plain", "tf1"])
def test_letter_spaced_lines_keep_their_words(style: str, tmp_path: Path) -> None:
    path = draw_page(tmp_path / "tracked.pdf", style, tracking=1.5)
    assert _paragraphs(path) == list(PARAGRAPHS)


def _draw_line(c: canvas.Canvas, words: list[str], x: float, y: float, width: float, *,
               justify: bool) -> None:
    """One line of `words` from `x` at baseline `y`, a glyph at a time (justified to `width`)."""
    t = c.beginText(x, y)
    t.setFont(FONT, SIZE)
    for gx, ch in _glyphs(words, x, width, justify=justify, tracking=0.0):
        t.setTextOrigin(gx, y)
        t.textOut(ch)
    c.drawText(t)


def _columns_page(
    path: Path, *, gutter: float, table_gap: float, head_space: float | None = None
) -> Path:
    """A title across the page, then the paragraphs in two justified columns (the right one
    begins in the middle of a paragraph, below the left one's last baseline by half a line),
    then a table across the page whose cells stand `table_gap` points apart (its first baseline
    `head_space` points below the columns' last, when given; else farther)."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    width = (450.0 - gutter) / 2
    c.setFont("Times-Bold", 14)
    c.drawString(LEFT, 780, "Joint activities in the urban environment")
    lines = [(words, k == len(wrapped) - 1) for text in PARAGRAPHS * 2
             for wrapped in [_wrap(text, width, 0.0)] for k, words in enumerate(wrapped)]
    half = (len(lines) + 1) // 2
    foot = 750.0
    for column, chunk in enumerate((lines[:half], lines[half:])):
        x = LEFT + column * (width + gutter)
        y = 750.0 - column * 6.0
        for words, last in chunk:
            _draw_line(c, words, x, y, width, justify=not last)
            foot = min(foot, y)
            y -= LEADING + (6.0 if last else 0.0)
    y = 750.0 - (half + 4) * (LEADING + 3) if head_space is None else foot - head_space
    for row in (("Year", "Framework", "Theme"), ("2008", "First framework", "Planning"),
                ("2021", "Quarterly meetings", "Urban environment")):
        x = LEFT
        for cell in row:
            c.setFont(FONT, SIZE)
            c.drawString(x, y, cell)
            x += stringWidth("Quarterly meetings", FONT, SIZE) + table_gap
        y -= LEADING + 4
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("gutter", [10.0, 24.0])
@pytest.mark.parametrize("table_gap", [12.0, 40.0])
def test_two_columns_are_read_one_after_the_other(
    gutter: float, table_gap: float, tmp_path: Path
) -> None:
    """Columns never interleave; the title above and the table below stay whole, the table's
    cells (close together or far apart) each a paragraph, row by row. (Cells closer than one
    font size, 10 points here, in their widest row are read as one: a known limit.)"""
    path = _columns_page(tmp_path / "columns.pdf", gutter=gutter, table_gap=table_gap)
    cells = ["Year", "Framework", "Theme", "2008", "First framework", "Planning", "2021",
             "Quarterly meetings", "Urban environment"]
    assert _paragraphs(path) == [
        "Joint activities in the urban environment", *PARAGRAPHS * 2, *cells
    ]


@pytest.mark.parametrize("gutter", [10.0, 24.0])
def test_a_table_close_below_the_columns_is_not_read_into_them(gutter: float,
                                                                tmp_path: Path) -> None:
    """A table two lines below the columns whose first rows leave the gutter free (only its
    last row crosses it): those rows are the table's, read after both columns, not the end of
    the left column and the right one."""
    path = _columns_page(tmp_path / "close.pdf", gutter=gutter, table_gap=12.0, head_space=24.0)
    cells = ["Year", "Framework", "Theme", "2008", "First framework", "Planning", "2021",
             "Quarterly meetings", "Urban environment"]
    assert _paragraphs(path) == [
        "Joint activities in the urban environment", *PARAGRAPHS * 2, *cells
    ]


def test_a_title_printed_again_on_the_next_page_is_not_joined(tmp_path: Path) -> None:
    """A title at the foot of a page and again atop the next one: two units, not one paragraph
    across the page break (nothing else tells them apart: same type, no room left)."""
    title = "Joint activities in the urban environment"
    c = canvas.Canvas(str(tmp_path / "title.pdf"), pagesize=A4, invariant=1)
    y = 760.0
    lines = [" ".join(words) for text in PARAGRAPHS for words in _wrap(text, WIDTH, 0.0)]
    for k, line in enumerate(lines * 2):
        c.setFont(FONT, SIZE)
        c.drawString(LEFT, y, line)
        y -= LEADING + (6.0 if k % len(lines) == len(lines) - 1 else 0.0)
    c.setFont("Times-Bold", SIZE)
    c.drawString(LEFT, y - 6.0, title)
    c.showPage()
    c.setFont("Times-Bold", SIZE)
    c.drawString(LEFT, 760, title)
    c.setFont(FONT, SIZE)
    c.drawString(LEFT, 740, PARAGRAPHS[2])
    c.showPage()
    c.save()
    assert _paragraphs(tmp_path / "title.pdf")[-3:] == [title, title, PARAGRAPHS[2]]


DEJAVU_SERIF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
DATED = (
    "4. The Assembly adopted the strategic plan for 2020-2025 at its session in 2019, revised "
    "it in 2021 and 2023, and asked for a report on the 16 joint activities by 2024, with the "
    "budget of 2022 and 2023 and the figures of 2018 set beside them for comparison.",
    "5. The Executive Directors met in 2022 and agreed on 12 priorities for 2024.",
)


@pytest.mark.skipif(not DEJAVU_SERIF.exists(), reason="fonts-dejavu-core not installed")
def test_digits_in_a_font_with_tall_boxes_do_not_break_lines_apart(tmp_path: Path) -> None:
    """Words with digits set in a font whose ascent and descent are three times its glyphs'
    (as a converter wrote a Chinese paper's digits): PDFium's boxes of those glyphs reach far
    below and above the line, yet the lines are read on their baselines, one paragraph each
    (the last line holds only "2024.")."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    tall = TTFont("TallDigits", str(DEJAVU_SERIF))
    # a face name of its own: reportlab registers fonts by face name too, and would give every
    # later "DejaVuSerif" (the producer matrix's) these metrics, or this font the usual ones
    tall.face.name = b"TallDigits"
    tall.face.ascent, tall.face.descent = 2000, -1500
    tall.face.bbox = [-770, -1500, 2105, 2000]
    pdfmetrics.registerFont(tall)
    c = canvas.Canvas(str(tmp_path / "tall.pdf"), pagesize=A4, invariant=1)
    y = 760.0
    for text in DATED:
        for words in _wrap(text, WIDTH, 0.0):
            x = LEFT
            for word in words:
                font = "TallDigits" if any(ch.isdigit() for ch in word) else FONT
                c.setFont(font, SIZE)
                c.drawString(x, y, word)
                x += stringWidth(word + " ", font, SIZE)
            y -= LEADING
        y -= 6.0
    c.showPage()
    c.save()
    assert _paragraphs(tmp_path / "tall.pdf") == list(DATED)


ZH_PARAGRAPHS = (
    "在举行了三次专家研讨会之后，爱尔兰人权中心编写的研究报告已准备好向公众公布，委员会将于下次会议审议该报告。",
    "Lynk先生通过视频链接发言，介绍了该研究报告，他说，占领具有许多非法特征。",
    # 30 characters, so that the second line starts with a label's form ("一、")
    "执行旨在实现核裁军和不扩散核武器目标的措施均应符合该条约的第一、第二、第三和第四条。",
)


def test_a_chinese_paragraph_after_one_that_ended_short_starts_with_a_latin_name(
    tmp_path: Path,
) -> None:
    """A Chinese paragraph's last line ends a few characters before the measure and the next
    one starts with a Latin name ("Lynk先生"): the name would have fitted there (it is as wide as
    the letters are, not as the rest of its line up to a space), so the paragraph ended. A line
    that starts like a label ("一、第二、") after a full line ending mid-word goes on with it."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(tmp_path / "zh.pdf"), pagesize=A4, invariant=1)
    c.setFont("STSong-Light", SIZE)
    y = 760.0
    for text in ZH_PARAGRAPHS * 3:
        line = ""
        for ch in text:  # a line breaks after any character, at the 300 pt measure
            if stringWidth(line + ch, "STSong-Light", SIZE) > WIDTH:
                c.drawString(LEFT, y, line)
                y -= LEADING
                line = ""
            line += ch
        c.drawString(LEFT, y, line)
        y -= LEADING
    c.showPage()
    c.save()
    assert [p.text for p in read_document(tmp_path / "zh.pdf", "zh").paragraphs] == list(
        ZH_PARAGRAPHS * 3)


def _draw_columns(c: canvas.Canvas, texts: tuple[str, ...], top: float, gutter: float) -> None:
    """`texts` as justified paragraphs in two balanced columns from `top` down."""
    width = (450.0 - gutter) / 2
    lines = [(words, k == len(wrapped) - 1) for text in texts
             for wrapped in [_wrap(text, width, 0.0)] for k, words in enumerate(wrapped)]
    half = (len(lines) + 1) // 2
    for column, chunk in enumerate((lines[:half], lines[half:])):
        x, y = LEFT + column * (width + gutter), top
        for words, last in chunk:
            _draw_line(c, words, x, y, width, justify=not last)
            y -= LEADING


def test_the_short_columns_of_a_last_page_are_read_as_columns(tmp_path: Path) -> None:
    """A document in two columns whose last page holds three lines in each: too few rows to
    tell columns from a table on that page alone, but the gutter is the one the page before
    has, so the columns are read one after the other, not row by row across."""
    c = canvas.Canvas(str(tmp_path / "last.pdf"), pagesize=A4, invariant=1)
    _draw_columns(c, PARAGRAPHS * 2, 760.0, 20.0)
    c.showPage()
    _draw_columns(c, PARAGRAPHS[:1], 760.0, 20.0)
    c.showPage()
    c.save()
    assert _paragraphs(tmp_path / "last.pdf") == [*PARAGRAPHS * 2, PARAGRAPHS[0]]


# Lines drawn in two passes, one text object each, as a PostScript driver draws a line of two
# font subsets (bird island's harvest report: pdfplumber, camelot, tabula): the letters marked
# "1" first, the others second, each pass skipping the other's letters with TJ offsets. PDFium
# keeps the objects in the order of their first glyph, so the second pass's glyphs go back
# into the gaps of the first and, with its last letter, on past its end.
TWO_PASSES = (
    ("Corn / Surpass, Roundup", "1000 1 10000000 1000001"),
    ("Hefty", "10110"),
    # its last word in the second pass: a run drawn later after its line, beside it
    ("The Assembly takes note of the report of the Director", "1" * 45 + "0" * 8),
)


def _two_pass_page(path: Path, lines: tuple[tuple[str, str], ...]) -> Path:
    from onepage import helvetica_page

    size, ops = 8.0, []
    for k, (text, mask) in enumerate(lines):
        y = 700 - 40 * k
        for mark in "10":
            drawn = [i for i, ch in enumerate(text) if ch != " " and mask[i] == mark]
            parts, prev = [], drawn[0] - 1
            for i in drawn:
                skip = stringWidth(text[prev + 1:i], "Helvetica", 1000)
                parts.append((f"{-round(skip)} " if skip else "") + f"({text[i]})")
                prev = i
            x = LEFT + stringWidth(text[:drawn[0]], "Helvetica", size)
            ops.append(f"BT /F1 {size} Tf {x:.2f} {y} Td [{' '.join(parts)}] TJ ET")
    stream = " ".join(ops).encode("ascii")
    path.write_bytes(helvetica_page(stream))
    return path


def test_a_line_drawn_in_two_passes_reads_in_order(tmp_path: Path) -> None:
    """The second pass's glyphs fill the first's gaps, its last ones past the first's end: one
    run, sorted by x ("Hefty", not "H fte y"); a first-pass letter cut off from its run by the
    gap the second pass fills ("R", "d" of "Roundup") joins it once it is that wide; a last
    word drawn later beside its line reads as before."""
    read = _paragraphs(_two_pass_page(tmp_path / "passes.pdf", TWO_PASSES))
    assert " ".join(read).split() == " ".join(text for text, _ in TWO_PASSES).split(), read


ELLIPSIS = "The Committee noted . . . the report of the Secretary-General."
CONTENTS = (
    ("Chapter 1. Securing and protecting the data of the Organization", "1"),
    ("1.1 Security fundamentals", "2"),
    ("Chapter 2. Roles and separation of duties", "7"),
)


def test_a_contents_line_with_a_spaced_leader_keeps_its_word_spaces(tmp_path: Path) -> None:
    """A contents line's leader of dots each followed by the layer's space (". . . ." to the
    page number, as a Redbook's) is no letter spacing: the line's words stay apart
    ("Securing and protecting", not "Securingandprotecting"), and the leader is spelt as its
    dots, without the spaces (which would end a sentence at each dot), as is an ellipsis of
    spaced dots. Letter-spaced lines are `test_letter_spaced_lines_keep_their_words`."""
    c = canvas.Canvas(str(tmp_path / "contents.pdf"), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 10)
    right = 520.0
    for k, (title, page) in enumerate(CONTENTS):
        dots = int((right - 80 - stringWidth(title + " " + page, "Helvetica", 10))
                   // stringWidth(". ", "Helvetica", 10))
        c.drawString(LEFT, 760 - 16 * k, f"{title} {'. ' * dots}{page}")
    c.drawString(LEFT, 600, ELLIPSIS)  # a spaced ellipsis: spelt as its dots too
    c.showPage()
    c.save()
    doc = read_document(tmp_path / "contents.pdf", "en")
    text = " ".join(p.text for p in doc.paragraphs)
    for title, _ in CONTENTS:
        assert title in text, text
    # the leader is spelt as its dots, no sentences ending at each ("........ 7"), and taken
    # off its entry with the page number as contents furniture (aligner.contents)
    tails = [f.text for f in doc.furniture if f.kind == "contents-page-number"]
    assert len(tails) == len(CONTENTS), tails
    assert all("........" in t and ". . . ." not in t for t in tails), tails
    assert ". . . ." not in text, text
    assert ELLIPSIS.replace(". . .", "...") in text, text
