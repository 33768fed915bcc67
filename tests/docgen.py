"""Word-processor test documents made at test time, never committed: the seed report (with the
extras of `pdfgen.seed_items`: two numbered footnotes and a table) as

- a `.docx` written with python-docx: headings in "Heading 1", numbered paragraphs as literal
  "12.<tab>" text (Chinese) or Word automatic numbering (English), footnotes in
  word/footnotes.xml, a running header and footer (page furniture);
- `.doc`, `.odt`, `.fodt` and `.rtf` converted from that `.docx` by LibreOffice
  (`soffice --headless --convert-to`, a private profile folder per call);
- RTF written by hand with Chinese as GBK `\\'hh` escapes under `\\ansicpg936` or as `\\uN`
  escapes, with the destinations a reader must skip (font, colour and style tables, document
  info, a picture, `\\*` destinations), a header, footnotes and a table.

`GOLD_EXTRA` holds the gold pairs of what the extras add to the seed gold.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from pdfgen import EXTRA_PAIRS, Item, seed_items

HEADER = {"zh": "HSP/HA.2/7/Add.1", "en": "HSP/HA.2/7/Add.1"}
FOOTER = {"zh": "GE.23-04567 (C)    请回收", "en": "GE.23-04567 (E)    Please recycle"}
GOLD_EXTRA = EXTRA_PAIRS


def soffice() -> str | None:
    """LibreOffice's command when it is on the PATH."""
    return shutil.which("soffice") or shutil.which("libreoffice")


# --- .docx through python-docx ------------------------------------------------------------------
def _footnotes_part(document: object) -> object:
    """A footnotes part (python-docx has no API for footnotes): separator notes -1/0 built in."""
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import XmlPart
    from docx.oxml import parse_xml

    xml = (
        '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        "</w:footnote>"
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        "<w:continuationSeparator/></w:r></w:p></w:footnote></w:footnotes>"
    )
    doc_part = document.part  # type: ignore[attr-defined]
    part = XmlPart(
        PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, parse_xml(xml),
        doc_part.package,
    )
    doc_part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    return part


def _add_footnote(notes: object, paragraph: object, text: str, *, custom: str = "") -> None:
    """A footnote referred to at the end of `paragraph`'s runs so far: numbered by Word, or with
    a custom mark (`custom`, "*") that follows the reference in the text, as Word writes it; its
    note text then starts with the mark ("* HSP/HA.2/1.")."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    root = notes.element  # type: ignore[attr-defined]
    note_id = str(len(root))  # -1 and 0 are the separators
    note = OxmlElement("w:footnote")
    note.set(qn("w:id"), note_id)
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    style = OxmlElement("w:pStyle")
    style.set(qn("w:val"), "FootnoteText")
    ppr.append(style)
    p.append(ppr)
    if not custom:
        ref_run = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        align = OxmlElement("w:vertAlign")
        align.set(qn("w:val"), "superscript")
        rpr.append(align)
        ref_run.append(rpr)
        ref_run.append(OxmlElement("w:footnoteRef"))
        p.append(ref_run)
        text = " " + text
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    run.append(t)
    p.append(run)
    note.append(p)
    root.append(note)
    ref = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    align = OxmlElement("w:vertAlign")
    align.set(qn("w:val"), "superscript")
    rpr.append(align)
    ref.append(rpr)
    fref = OxmlElement("w:footnoteReference")
    fref.set(qn("w:id"), note_id)
    if custom:
        fref.set(qn("w:customMarkFollows"), "1")
    ref.append(fref)
    paragraph._p.append(ref)  # type: ignore[attr-defined]
    if custom:
        paragraph.add_run(custom).font.superscript = True  # type: ignore[attr-defined]


def write_docx(
    items: Sequence[Item], lang: str, path: Path, *, auto_numbering: bool, custom_marks: bool = True
) -> Path:
    """The items as a real .docx (python-docx's template, its styles and numbering).

    The seed's "* HSP/HA.2/1." notes are footnotes with a custom mark, as Word writes them; with
    `custom_marks=False` they are plain paragraphs where the text has them (LibreOffice 7.4 turns
    a custom-marked footnote into a numbered one when it imports a .docx, which renumbers the
    notes after it, so the sources of its conversions leave them out).
    """
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = HEADER[lang]
    section.footer.paragraphs[0].text = FOOTER[lang]
    notes = _footnotes_part(document)
    custom = {i.text.split(" ", 1)[0]: i.text for i in items if i.kind == "footnote"}
    custom = {m: t for m, t in custom.items() if not m.isdigit()} if custom_marks else {}
    rows: list[Item] = []

    def flush_rows() -> None:
        if rows:
            table = document.add_table(rows=len(rows), cols=len(rows[0].cells))
            for r, row in enumerate(rows):
                for c, cell in enumerate(row.cells):
                    table.cell(r, c).text = cell
            rows.clear()

    for item in items:
        if item.kind == "row":
            rows.append(item)
            continue
        flush_rows()
        if item.kind == "footnote" and (custom_marks or item.text.split(" ", 1)[0].isdigit()):
            continue  # written at its reference
        text = item.text
        number = re.match(r"^(\d+)\. ", text)
        if item.kind == "heading":
            paragraph = document.add_paragraph(style="Heading 1")
        elif number and auto_numbering:
            paragraph = document.add_paragraph(style="List Number")
            text = text[number.end() :]
        else:
            paragraph = document.add_paragraph()
            if number:
                text = f"{number.group(1)}.\t{text[number.end():]}"
        mark = next((m for m in custom if re.search(rf"(?<!\*){re.escape(m)}(?!\*)", text)), "")
        if item.note and item.at in text:
            head, tail = text.split(item.at, 1)
            paragraph.add_run(head + item.at)
            _add_footnote(notes, paragraph, _note_text(items, item.note))
            paragraph.add_run(tail)
        elif mark:  # the seed's "临时议程*项目7": the mark of a custom-marked footnote
            at = re.search(rf"(?<!\*){re.escape(mark)}(?!\*)", text)
            assert at is not None
            paragraph.add_run(text[: at.start()])
            _add_footnote(notes, paragraph, custom.pop(mark), custom=mark)
            paragraph.add_run(text[at.end() :])
        else:
            paragraph.add_run(text)
    flush_rows()
    document.save(str(path))
    return path


def _note_text(items: Sequence[Item], marker: str) -> str:
    """The text of numbered footnote `marker` (without the marker)."""
    note = next(i for i in items if i.kind == "footnote" and i.text.startswith(marker + " "))
    return note.text.split(" ", 1)[1]


# --- LibreOffice conversions -----------------------------------------------------------------
def convert(source: Path, fmt: str, folder: Path, *, timeout: float = 180,
            infilter: str | None = None) -> Path:
    """`soffice --headless --convert-to FMT` of `source` into `folder` (a private profile);
    `infilter`: the import filter to open `source` with (`--infilter`)."""
    command = soffice()
    if command is None:
        raise RuntimeError("LibreOffice (soffice) is not on the PATH")
    folder.mkdir(parents=True, exist_ok=True)
    opened_by = [f"--infilter={infilter}"] if infilter else []
    with tempfile.TemporaryDirectory(prefix="docgen-lo-") as profile:
        subprocess.run(
            [command, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
             "--norestore", *opened_by, "--convert-to", fmt, "--outdir", str(folder),
             str(source)],
            check=True, capture_output=True, timeout=timeout,
            env={**os.environ, "HOME": profile},
        )
    out = folder / f"{source.stem}.{fmt.split(':')[0]}"
    if not out.exists():
        raise RuntimeError(f"LibreOffice did not write {out}")
    return out


def draw_resave(pdf: Path, folder: Path, *, timeout: float = 300) -> Path:
    """`pdf` opened in LibreOffice Draw and exported to PDF again, as FOLDER/STEM.pdf (`soffice
    --infilter=draw_pdf_import --convert-to pdf:draw_pdf_Export`): what a PDF edited in Draw is
    when it is saved. Draw's PDF import (poppler's xpdfimport) makes each text run of the page
    a text box of its own, placed absolutely; the export draws each box as a text object of its
    own (BT..ET at an absolute position), in the order of the boxes. `folder` must not be the
    folder `pdf` is in.
    Debian's Draw is libreoffice-draw-nogui: without it soffice cannot load the PDF and writes
    nothing (RuntimeError)."""
    if folder.resolve() == pdf.parent.resolve():
        raise ValueError(f"draw_resave would write {pdf.name} over itself")
    return convert(pdf, "pdf:draw_pdf_Export", folder, timeout=timeout,
                   infilter="draw_pdf_import")


PRINT_SOFFICE = "UNTM_PRINT_SOFFICE"  # a LibreOffice that can print, when `soffice` cannot
# LibreOffice spools PDF to its printers by default; a printer set to PostScript level 2 and no PDF
# device makes vcl's own generic PostScript driver (psprint, the SGENPRT PPD) write the job
PSPRINT_CONF = "[__Global_Printer_Defaults__]\nPDFDevice=0\nPSLevel=2\n"


def print_to_postscript(source: Path, folder: Path, *, command: str | None = None,
                        timeout: float = 180) -> Path:
    """`source` printed by LibreOffice's own PostScript driver to FOLDER/STEM.ps (`soffice
    --print-to-file` through a private profile whose psprint.conf asks for PostScript, the way a
    word processor prints to a PostScript printer driver). `command`: the soffice to use
    (default: $UNTM_PRINT_SOFFICE, else `soffice`). Debian's -nogui LibreOffice has no printer
    support and prints nothing: RuntimeError then, as for a job that is not PostScript. A full
    build beside it, no root needed: `apt-get download libreoffice-core libreoffice-writer`,
    `dpkg -x` both into a copy of /usr/lib/libreoffice kept as DIR/lib/libreoffice (DIR/share/
    libreoffice a link to /usr/share/libreoffice), and BRAND_BASE_DIR in its program/fundamentalrc
    set to that folder; UNTM_PRINT_SOFFICE=DIR/lib/libreoffice/program/soffice."""
    command = command or os.environ.get(PRINT_SOFFICE) or soffice()
    if command is None:
        raise RuntimeError("LibreOffice (soffice) is not on the PATH")
    folder.mkdir(parents=True, exist_ok=True)
    written = folder / f"{source.stem}.pdf"  # soffice names the print file .pdf, whatever it is
    written.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="docgen-lo-ps-") as profile:
        conf = Path(profile) / "user" / "psprint"
        conf.mkdir(parents=True)
        (conf / "psprint.conf").write_text(PSPRINT_CONF, encoding="ascii")
        subprocess.run(
            [command, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
             "--norestore", "--print-to-file", "--outdir", str(folder), str(source)],
            check=True, capture_output=True, timeout=timeout,
            env={**os.environ, "HOME": profile},
        )
    if not written.exists():
        raise RuntimeError(f"{command} printed nothing (no printer support: Debian's -nogui "
                           f"LibreOffice; set {PRINT_SOFFICE} to a full LibreOffice's soffice)")
    data = written.read_bytes()
    body = data.split(b"%%EndProlog", 1)[-1]
    if not data.startswith(b"%!PS") or not re.search(rb"^x?show$", body, re.MULTILINE):
        raise RuntimeError(f"{command} printed {written.name} as no PostScript with text")
    out = written.with_suffix(".ps")
    written.replace(out)
    return out


def set_columns(docx: Path, columns: int, gutter_twips: int = 567) -> Path:
    """The .docx's (first) section set in `columns` columns, `gutter_twips` apart (567: 1 cm),
    as Word's Layout > Columns writes it (w:cols); saved in place."""
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    document = Document(str(docx))
    sect = document.sections[0]._sectPr
    cols = sect.find(qn("w:cols"))
    if cols is None:
        cols = parse_xml(f"<w:cols {nsdecls('w')}/>")
        sect.append(cols)
    cols.set(qn("w:num"), str(columns))
    cols.set(qn("w:space"), str(gutter_twips))
    document.save(str(docx))
    return docx


# --- RTF by hand -----------------------------------------------------------------------------
def _rtf_escape(text: str, escapes: str) -> str:
    out: list[str] = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ch == "\t":
            out.append("\\tab ")
        elif ord(ch) < 128:
            out.append(ch)
        elif escapes == "gbk":
            try:
                out.append("".join(f"\\'{b:02x}" for b in ch.encode("gbk")))
            except UnicodeEncodeError:
                out.append(_rtf_unicode(ch))
        else:
            out.append(_rtf_unicode(ch))
    return "".join(out)


def _rtf_unicode(ch: str) -> str:
    """`\\uN?` for each UTF-16 code unit (signed), '?' the one-byte fallback `\\uc1` skips."""
    units = ch.encode("utf-16-le")
    out = []
    for k in range(0, len(units), 2):
        n = int.from_bytes(units[k : k + 2], "little")
        out.append(f"\\u{n - 65536 if n > 32767 else n}?")
    return "".join(out)


def write_rtf(items: Sequence[Item], lang: str, path: Path, *, escapes: str) -> Path:
    """The items as RTF written the way Word writes it: GBK escapes (`escapes="gbk"`, under
    `\\ansicpg936` with a `\\fcharset134` font) or Unicode escapes (`"unicode"`)."""
    cpg = "\\ansicpg936" if escapes == "gbk" else "\\ansicpg1252"
    parts = [
        f"{{\\rtf1\\ansi{cpg}\\deff0\\deflang1033",
        "{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}"
        "{\\f1\\fnil\\fcharset134 \\'cb\\'ce\\'cc\\'e5;}}",
        "{\\colortbl;\\red0\\green0\\blue0;\\red255\\green0\\blue0;}",
        "{\\stylesheet{\\s0 Normal;}{\\s1\\outlinelevel0 heading 1;}{\\s2 footnote text;}}",
        "{\\*\\generator untm tests;}",
        "{\\info{\\title " + _rtf_escape("seed", escapes) + "}{\\author UN}}",
        "{\\header\\pard\\plain " + _rtf_escape(HEADER[lang], escapes) + "\\par}",
        "{\\footer\\pard\\plain " + _rtf_escape(FOOTER[lang], escapes)
        + " {\\field{\\*\\fldinst PAGE}{\\fldrslt 1}}\\par}",
        "{\\pict\\pngblip\\picw10\\pich10 89504e470d0a1a0a0000000d49484452}",
    ]
    font = "\\f1" if lang == "zh" else "\\f0"
    pending_row: list[str] = []
    for item in items:
        if item.kind == "row":
            cells = "".join(f"\\cellx{2000 * (k + 1)}" for k in range(len(item.cells)))
            row = "".join(f"\\pard\\intbl {_rtf_escape(c, escapes)}\\cell " for c in item.cells)
            pending_row.append(f"\\trowd{cells}{row}\\row")
            continue
        if pending_row:
            parts.append("".join(pending_row) + "\\pard")
            pending_row.clear()
        if item.kind == "footnote":
            marker, text = item.text.split(" ", 1)
            if marker.isdigit():
                continue  # written at its reference below
            parts.append(f"{{\\footnote\\pard\\plain\\s2{font} {_rtf_escape(item.text, escapes)}}}")
            continue
        style = "\\s1\\b" if item.kind == "heading" else "\\s0"
        text = item.text
        number = re.match(r"^(\d+)\. ", text)
        if number:
            text = f"{number.group(1)}.\t{text[number.end():]}"
        body = _rtf_escape(text, escapes)
        if item.note and item.at in text:
            head, tail = text.split(item.at, 1)
            note = _rtf_escape(_note_text(items, item.note), escapes)
            body = (
                _rtf_escape(head + item.at, escapes)
                + "{\\super\\chftn}{\\footnote\\pard\\plain\\s2"
                + f"{font} {{\\super\\chftn}} {note}}}"
                + _rtf_escape(tail, escapes)
            )
        parts.append(f"\\pard\\plain{style}{font} {body}\\par")
    parts.append("}")
    path.write_bytes("\n".join(parts).encode("ascii"))
    return path


def seed(lang: str) -> list[Item]:
    """The seed report with its extras (numbered footnotes, a table)."""
    return seed_items(lang)


# --- OpenDocument by hand ------------------------------------------------------------------------
ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)


def fodt(body: str, styles: str = "", master: str = "") -> str:
    """A flat OpenDocument text (.fodt) with `body` inside office:text."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {ODF_NS} '
        'office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">'
        f"<office:styles>{styles}</office:styles>"
        f"<office:master-styles>{master}</office:master-styles>"
        f"<office:body><office:text>{body}</office:text></office:body></office:document>\n"
    )


def odt_bytes(body: str, styles: str = "", master: str = "") -> bytes:
    """The same document as a zipped .odt (mimetype first and stored, content.xml, styles.xml)."""
    import io
    import zipfile

    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODF_NS} '
        f'office:version="1.3"><office:body><office:text>{body}</office:text></office:body>'
        "</office:document-content>"
    )
    style_xml = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {ODF_NS} '
        f'office:version="1.3"><office:styles>{styles}</office:styles>'
        f"<office:master-styles>{master}</office:master-styles></office:document-styles>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text",
                    compress_type=zipfile.ZIP_STORED)
        zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("styles.xml", style_xml, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()
