"""Producer `reportlab-2col`: the document set in two balanced columns with reportlab's platypus
(frames and `BalancedColumns`, as the UN Journal and some annexes are), the masthead and title
block at full width above, the table and the notes at full width below; Chinese in STSong-Light
with CJK line breaking, English in Times; header, page numbers and the first page's job number
drawn on the page."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from glyphs import fallback_for, fallback_runs
from pdfgen import _fonts as pdfgen_fonts
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer, Table
from reportlab.platypus.flowables import BalancedColumns, Flowable, HRFlowable

from producers.base import Job
from producers.structure import Piece, structure

NAME = "reportlab-2col"
JOB = "K2305555 120623"
MARGIN = 62.0


def missing() -> str | None:
    """Why this producer cannot run here, or None (reportlab and its CID font are built in)."""
    return None


def _styles(lang: str) -> dict[str, ParagraphStyle]:
    zh = lang == "zh"
    font = "STSong-Light" if zh else "Times-Roman"
    bold = "STSong-Light" if zh else "Times-Bold"
    base = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=12, alignment=TA_JUSTIFY,
                          spaceAfter=5, wordWrap="CJK" if zh else None)
    return {
        "body": base,
        "num": ParagraphStyle("num", parent=base, leftIndent=18, bulletIndent=0,
                              bulletFontName=font),
        "heading": ParagraphStyle("heading", parent=base, fontName=bold, spaceBefore=4,
                                  alignment=TA_LEFT, keepWithNext=1),
        "cover": ParagraphStyle("cover", parent=base, alignment=TA_LEFT, spaceAfter=3,
                                rightIndent=90),
        "big": ParagraphStyle("big", parent=base, fontName=bold, fontSize=13, leading=16,
                              alignment=TA_LEFT, spaceAfter=8, rightIndent=90),
        "distr": ParagraphStyle("distr", parent=base, fontSize=8.5, alignment=TA_RIGHT,
                                spaceAfter=0),
        "note": ParagraphStyle("note", parent=base, fontSize=8, leading=10, alignment=TA_LEFT,
                               spaceAfter=2),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, alignment=TA_LEFT, spaceAfter=0),
    }


def _text(text: str, style: ParagraphStyle) -> str:
    """`text` as Paragraph markup in `style`: a character its font has no glyph for (U+2010
    and U+2011 in Times) in the fallback face (tests/glyphs.py), where reportlab draws '■'."""
    font = style.fontName
    fallback = fallback_for(font, "Bold" in font)
    return "".join(escape(run) if face == font else f'<font name="{face}">{escape(run)}</font>'
                   for face, run in fallback_runs(text, font, fallback))


def _markup(piece: Piece, sup: bool, style: ParagraphStyle) -> str:
    if piece.note is None:
        return _text(piece.text, style)
    marker = _text(piece.note.marker, style)
    ref = f"<super>{marker}</super>" if sup else marker
    return _text(piece.note.before, style) + ref + _text(piece.note.after, style)


def _story(job: Job) -> list[Flowable]:
    st = structure(job.doc.items(job.lang))
    s = _styles(job.lang)
    story: list[Flowable] = [Spacer(1, 30)]
    story += [Paragraph(_text(line, s["distr"]), s["distr"]) for line in st.masthead_right]
    story.append(Spacer(1, 8))
    columns: list[Flowable] = []
    tables: list[Flowable] = []
    for piece in st.pieces:
        if piece.kind == "cover":
            style = s["big" if piece.big else "cover"]
            story.append(Paragraph(_markup(piece, False, style), style))
        elif piece.kind == "table":
            cells = [[Paragraph(_text(c, s["cell"]), s["cell"]) for c in row] for row in piece.rows]
            tables.append(Table(cells, hAlign="LEFT", style=[
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, "black"),
                ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        elif piece.kind == "heading":
            columns.append(Paragraph(_markup(piece, True, s["heading"]), s["heading"]))
        elif piece.label:
            columns.append(Paragraph(_markup(piece, True, s["num"]), s["num"],
                                     bulletText=piece.label))
        else:
            columns.append(Paragraph(_markup(piece, True, s["body"]), s["body"]))
    story.append(BalancedColumns(columns, nCols=2, spaceBefore=4, spaceAfter=8, innerPadding=8))
    story += tables
    notes = [p.note for p in st.pieces if p.note is not None]
    if notes:
        story.append(HRFlowable(width=110, thickness=0.5, hAlign="LEFT", spaceBefore=8,
                                spaceAfter=4))
        for note in notes:
            marker = _text(note.marker, s["note"])
            mark = f"<super>{marker}</super>" if note.marker.isdigit() else marker
            story.append(Paragraph(f"{mark} {_text(note.text, s['note'])}", s["note"]))
    return story


def _pages(symbol: str, lang: str, masthead: tuple[str, ...]) -> tuple[PageTemplate, PageTemplate]:
    width, height = A4

    def first(canv: Canvas, doc: BaseDocTemplate) -> None:
        if masthead:  # the document's own masthead line ("United Nations"), content of its gold
            canv.setFont("STSong-Light" if lang == "zh" else "Times-Bold", 15)
            canv.drawString(MARGIN, height - MARGIN + 6, masthead[0])
        canv.setFont("Times-Bold", 16)
        canv.drawRightString(width - MARGIN, height - MARGIN + 6, symbol)
        canv.setLineWidth(1.2)
        canv.line(MARGIN, height - MARGIN, width - MARGIN, height - MARGIN)
        canv.setFont("Helvetica", 8)
        canv.drawString(MARGIN, MARGIN - 34, JOB)
        canv.drawRightString(width - MARGIN, MARGIN - 34, "Please recycle")

    def later(canv: Canvas, doc: BaseDocTemplate) -> None:
        canv.setFont("Helvetica", 8.5)
        canv.drawString(MARGIN, height - MARGIN + 20, symbol)
        canv.setLineWidth(0.5)
        canv.line(MARGIN, height - MARGIN + 16, width - MARGIN, height - MARGIN + 16)
        canv.drawCentredString(width / 2, MARGIN - 30, str(doc.page))

    frame = Frame(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN, id="text")
    return (PageTemplate("first", [frame], onPage=first, autoNextPageTemplate="later"),
            PageTemplate("later", [frame], onPage=later))


def make(jobs: list[Job], work: Path) -> None:
    """Lay out each job's document in two columns."""
    pdfgen_fonts()
    for job in jobs:
        doc = BaseDocTemplate(str(job.out), pagesize=A4, invariant=1, title=job.doc.symbol)
        masthead = structure(job.doc.items(job.lang)).masthead_left
        doc.addPageTemplates(list(_pages(job.doc.symbol, job.lang, masthead)))
        doc.build(_story(job))
