"""A document as a Word .docx (python-docx), the way UN documents are written in Word.

Justified paragraphs (numbered ones with a hanging label), a first-page header with "United
Nations" and the symbol, a running header with the symbol, a footer with a PAGE field (the first
page's footer has the job number and "Please recycle" instead), real footnotes (python-docx has no
footnote API: the footnotes part is written here; "*"-style notes use a custom mark, numbered ones
Word's automatic numbers), and a table. Chinese is set in Noto Serif CJK SC (the East Asian
font), English in Times New Roman (LibreOffice substitutes a metric-compatible font).
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from producers.structure import Note, Piece, Structure

FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
W = nsdecls("w")
CJK_FONT = "Noto Serif CJK SC"
LATIN_FONT = "Times New Roman"


def _run_xml(text: str, *, size: float | None = None, sup: bool = False) -> str:
    props = (f'<w:sz w:val="{round(size * 2)}"/>' if size else "") + (
        '<w:vertAlign w:val="superscript"/>' if sup else "")
    return (f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>')


class _Footnotes:
    """The footnotes part, filled as the body refers to notes."""

    def __init__(self) -> None:
        self.notes: list[str] = []

    def reference(self, paragraph: Paragraph, note: Note) -> None:
        """Refer to `note` at the end of `paragraph` (and write the note)."""
        ident = len(self.notes) + 1
        if note.marker.isdigit():  # Word's automatic number, raised, in the text and the note
            paragraph._p.append(parse_xml(
                f'<w:r {W}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:footnoteReference w:id="{ident}"/></w:r>'))
            mark = ('<w:r><w:rPr><w:sz w:val="16"/><w:vertAlign w:val="superscript"/></w:rPr>'
                    '<w:footnoteRef/></w:r>')
            text = " " + note.text
        else:  # a custom mark ("*", "**") at the text's size; LibreOffice 7.4 shows a mark of
            # more than one character twice, so "**" is "*" and a custom mark "*"
            paragraph.add_run(note.marker[:-1])
            paragraph._p.append(parse_xml(
                f'<w:r {W}><w:footnoteReference w:customMarkFollows="1" w:id="{ident}"/>'
                f'<w:t>{escape(note.marker[-1])}</w:t></w:r>'))
            mark = ""  # LibreOffice writes the custom mark at the start of the note
            text = note.marker[:-1] + " " + note.text
        self.notes.append(
            f'<w:footnote w:id="{ident}"><w:p><w:pPr><w:spacing w:after="40"/>'
            f'<w:ind w:left="360" w:hanging="240"/><w:jc w:val="both"/></w:pPr>{mark}'
            f'{_run_xml(text, size=8)}</w:p></w:footnote>')

    def xml(self) -> bytes:
        seps = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
                '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
                '<w:continuationSeparator/></w:r></w:p></w:footnote>')
        body = "".join(self.notes)
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<w:footnotes {W}>{seps}{body}</w:footnotes>').encode()


def _page_field(paragraph: Paragraph) -> None:
    for xml in ('<w:fldChar w:fldCharType="begin"/>',
                '<w:instrText xml:space="preserve"> PAGE </w:instrText>',
                '<w:fldChar w:fldCharType="separate"/>', "<w:t>1</w:t>",
                '<w:fldChar w:fldCharType="end"/>'):
        paragraph._p.append(parse_xml(f"<w:r {W}>{xml}</w:r>"))


def _fonts(document: Document, lang: str) -> None:
    style = document.styles["Normal"]
    style.font.name = LATIN_FONT
    style.font.size = Pt(10)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    fonts.set(qn("w:eastAsia"), CJK_FONT)
    rpr.append(parse_xml(f'<w:lang {W} w:val="{"zh-CN" if lang == "zh" else "en-GB"}" '
                         'w:eastAsia="zh-CN"/>'))
    style.paragraph_format.space_after = Pt(6)
    style.paragraph_format.line_spacing = Pt(12)


def _header_footer(document: Document, st: Structure, symbol: str, job: str) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin, section.bottom_margin = Mm(25), Mm(25)
    section.different_first_page_header_footer = True
    width = section.page_width - section.left_margin - section.right_margin
    first = section.first_page_header.paragraphs[0]
    first.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    run = first.add_run("\t".join([*st.masthead_left[:1], symbol]) if st.masthead_left
                        else "\t" + symbol)
    run.bold, run.font.size = True, Pt(14)
    head = section.header.paragraphs[0]
    head.text = symbol
    head.runs[0].font.size = Pt(8.5)
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _page_field(foot)
    first_foot = section.first_page_footer.paragraphs[0]
    first_foot.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    first_foot.add_run(f"{job}\tPlease recycle").font.size = Pt(8)


def _paragraph(document: Document, piece: Piece, notes: _Footnotes) -> None:
    p = document.add_paragraph()
    fmt = p.paragraph_format
    if piece.kind == "cover":
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        fmt.right_indent = Mm(30)
    else:
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.left_indent = Mm(10)
    if piece.kind == "heading":
        fmt.keep_with_next = True
    size = Pt(13) if piece.big else None
    bold = piece.big or piece.kind == "heading"
    if piece.label:  # the number hangs in the margin of the paragraph's indent
        fmt.first_line_indent = Mm(-10)
        fmt.tab_stops.add_tab_stop(Mm(10))
        p.add_run(piece.label + "\t")
    if piece.note is None:
        run = p.add_run(piece.text)
        run.bold, run.font.size = bold, size
        return
    run = p.add_run(piece.note.before)
    run.bold, run.font.size = bold, size
    notes.reference(p, piece.note)
    run = p.add_run(piece.note.after)
    run.bold, run.font.size = bold, size


def _table(document: Document, piece: Piece) -> None:
    table = document.add_table(rows=0, cols=len(piece.rows[0]))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cells in piece.rows:
        row = table.add_row()
        for cell, text in zip(row.cells, cells, strict=True):
            cell.paragraphs[0].text = text
    document.add_paragraph()


def write_docx(st: Structure, lang: str, symbol: str, job: str, path: Path) -> Path:
    """`st` as a .docx at `path`."""
    document = Document()
    _fonts(document, lang)
    _header_footer(document, st, symbol, job)
    for line in st.masthead_right:
        p = document.add_paragraph(line)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.space_after = Pt(0)
    notes = _Footnotes()
    for piece in st.pieces:
        if piece.kind == "table":
            _table(document, piece)
        else:
            _paragraph(document, piece, notes)
    if notes.notes:
        part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_TYPE, notes.xml(),
                    document.part.package)
        document.part.relate_to(part, RT.FOOTNOTES)
    document.save(str(path))
    return path
