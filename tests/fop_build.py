"""A document as XSL-FO, made into PDF by Apache FOP (Debian `fop`: the formatter of DocBook and
DITA tool chains, Java, its own PDF writer and line breaker): A4, justified paragraphs, the
masthead, cover lines, headings, tables ruled under each row, real footnotes at the page's foot
(`fo:footnote`), a running header (the symbol) from page 2 and a footer with the page number
("Please recycle" and the job number on page 1). English hangs its paragraph numbers 10 mm
(`fo:list-block`) with 6 pt between paragraphs; Chinese indents each paragraph's first line two
characters (number and all), with no space between paragraphs, as Chinese typesetting does.

Latin is set in Liberation Serif (Debian fonts-liberation), Chinese in Noto Serif CJK SC (Debian
fonts-noto-cjk: its face cut out of the collection by fontTools, a dev dependency), each font
embedded through FOP's configuration file; FOP picks the font of each character from the
`font-family` list.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from producers.structure import Note, Piece, Structure

NOTO = Path("/usr/share/fonts/opentype/noto")
SC_FACE = 2  # Noto Serif CJK SC in Debian's NotoSerifCJK-{Regular,Bold}.ttc (fc-scan's index)
LIBERATION = Path("/usr/share/fonts/truetype/liberation")
FAMILY = "Liberation Serif, Noto Serif CJK SC"
FO = 'xmlns:fo="http://www.w3.org/1999/XSL/Format"'
_PAGE = 'page-height="297mm" page-width="210mm" margin="14mm 22mm 12mm 22mm"'
_BODY = '<fo:region-body margin-top="10mm" margin-bottom="14mm"/>'
# page 1 with its own foot (job number, "Please recycle"), the others with the running head
MASTERS = (
    f'<fo:layout-master-set><fo:simple-page-master master-name="first" {_PAGE}>{_BODY}'
    '<fo:region-after region-name="first-foot" extent="6mm"/></fo:simple-page-master>'
    f'<fo:simple-page-master master-name="rest" {_PAGE}>{_BODY}'
    '<fo:region-before region-name="head" extent="6mm"/>'
    '<fo:region-after region-name="foot" extent="6mm"/></fo:simple-page-master>'
    '<fo:page-sequence-master master-name="document">'
    "<fo:repeatable-page-master-alternatives>"
    '<fo:conditional-page-master-reference master-reference="first" page-position="first"/>'
    '<fo:conditional-page-master-reference master-reference="rest" page-position="rest"/>'
    "</fo:repeatable-page-master-alternatives></fo:page-sequence-master>"
    "</fo:layout-master-set>")


def has_fop() -> bool:
    return (shutil.which("fop") is not None and (NOTO / "NotoSerifCJK-Regular.ttc").exists()
            and (LIBERATION / "LiberationSerif-Regular.ttf").exists())


def _t(text: str) -> str:
    return escape(text)


def _with_note(text: str, note: Note | None) -> str:
    """Inline content: `text` with its footnote, the marker raised where it goes."""
    if note is None:
        return _t(text)
    mark = f'<fo:inline baseline-shift="super" font-size="6.5pt">{_t(note.marker)}</fo:inline>'
    body = (f'<fo:footnote-body><fo:block font-size="8.5pt" text-align="justify" '
            f'space-before="2pt">{mark}{_t(" " + note.text)}</fo:block></fo:footnote-body>')
    return f"{_t(note.before)}<fo:footnote><fo:inline>{mark}</fo:inline>{body}</fo:footnote>" \
        f"{_t(note.after)}"


def _piece(piece: Piece, lang: str) -> str:
    if piece.kind == "cover":
        size = "13pt" if piece.big else "10.5pt"
        weight = "bold" if piece.big else "normal"
        return (f'<fo:block end-indent="20%" font-size="{size}" font-weight="{weight}" '
                f'text-align="start" space-after="4pt">'
                f"{_with_note(piece.text, piece.note)}</fo:block>")
    if piece.kind == "heading":
        return (f'<fo:block font-weight="bold" text-align="start" space-before="10pt" '
                f'space-after="6pt" keep-with-next="always">'
                f"{_with_note(piece.text, piece.note)}</fo:block>")
    if piece.kind == "table":
        columns = len(piece.rows[0])
        rows = "".join(
            "<fo:table-row>" + "".join(
                f'<fo:table-cell border-bottom="0.5pt solid black" padding="3pt 10pt 3pt 0pt">'
                f'<fo:block text-align="start">{_t(cell)}</fo:block></fo:table-cell>'
                for cell in row) + "</fo:table-row>"
            for row in piece.rows)
        cols = "".join('<fo:table-column column-width="proportional-column-width(1)"/>'
                       for _ in range(columns))
        return (f'<fo:block start-indent="10mm" font-size="9.5pt" space-before="4pt" '
                f'space-after="4pt"><fo:table table-layout="fixed" width="100%">{cols}'
                f"<fo:table-body start-indent='0pt'>{rows}</fo:table-body></fo:table>"
                f"</fo:block>")
    text = _with_note(piece.text, piece.note)
    if lang == "zh":  # the number inside the first-line indent, the rest from the margin
        label = _t(piece.label + " ") if piece.label else ""
        return f'<fo:block text-indent="2em">{label}{text}</fo:block>'
    if piece.label:  # a hanging number, as UN English documents set it
        return ('<fo:list-block provisional-distance-between-starts="10mm" '
                'space-after="6pt"><fo:list-item><fo:list-item-label end-indent="label-end()">'
                f"<fo:block>{_t(piece.label)}</fo:block></fo:list-item-label>"
                '<fo:list-item-body start-indent="body-start()">'
                f"<fo:block>{text}</fo:block></fo:list-item-body></fo:list-item></fo:list-block>")
    return f'<fo:block start-indent="10mm" space-after="6pt">{text}</fo:block>'


def write_fo(st: Structure, lang: str, symbol: str, job: str) -> str:
    """`st` as one XSL-FO document."""
    statics = (
        f'<fo:static-content flow-name="head"><fo:block font-size="8.5pt" text-align="end">'
        f"{_t(symbol)}</fo:block></fo:static-content>"
        f'<fo:static-content flow-name="first-foot"><fo:block font-size="8.5pt" '
        f'text-align-last="justify">{_t(job)}<fo:leader leader-pattern="space"/>Please recycle'
        f"</fo:block></fo:static-content>"
        f'<fo:static-content flow-name="foot"><fo:block font-size="8.5pt" text-align="end">'
        f"<fo:page-number/></fo:block></fo:static-content>"
        f'<fo:static-content flow-name="xsl-footnote-separator"><fo:block>'
        f'<fo:leader leader-pattern="rule" leader-length="40mm" rule-thickness="0.5pt"/>'
        f"</fo:block></fo:static-content>")
    left = st.masthead_left[0] if st.masthead_left else ""
    head = (f'<fo:block text-align-last="justify" font-weight="bold" font-size="15pt" '
            f'border-bottom="1.2pt solid black" padding-bottom="2pt" space-after="4pt">'
            f'{_t(left)}<fo:leader leader-pattern="space"/>'
            f'<fo:inline font-size="16pt">{_t(symbol)}</fo:inline></fo:block>')
    head += "".join(f'<fo:block text-align="end" font-size="9pt">{_t(line)}</fo:block>'
                    for line in st.masthead_right)
    body = "".join(_piece(p, lang) for p in st.pieces)
    space = "0pt" if lang == "zh" else "6pt"
    return (f'<?xml version="1.0" encoding="utf-8"?><fo:root {FO} '
            f"font-family={quoteattr(FAMILY)} font-size=\"10.5pt\" line-height=\"1.4\" "
            f'language="{lang}">{MASTERS}<fo:page-sequence master-reference="document">'
            f'{statics}<fo:flow flow-name="xsl-region-body"><fo:block text-align="justify" '
            f'space-after="{space}">{head}{body}</fo:block></fo:flow></fo:page-sequence>'
            f"</fo:root>")


def _config(work: Path) -> Path:
    """FOP's configuration file, embedding the four faces (the CJK ones cut out of Debian's
    collections into `work` once)."""
    from fontTools.ttLib import TTCollection

    faces = []
    for weight in ("Regular", "Bold"):
        face = work / f"NotoSerifCJKsc-{weight}.otf"
        if not face.exists():
            with TTCollection(NOTO / f"NotoSerifCJK-{weight}.ttc", lazy=True) as collection:
                collection.fonts[SC_FACE].save(face)
        faces.append((face, "Noto Serif CJK SC", weight.lower().replace("regular", "normal")))
        faces.append((LIBERATION / f"LiberationSerif-{weight}.ttf", "Liberation Serif",
                      weight.lower().replace("regular", "normal")))
    fonts = "".join(
        f'<font embed-url={quoteattr(path.resolve().as_uri())} kerning="yes">'
        f'<font-triplet name={quoteattr(name)} style="normal" weight="{weight}"/></font>'
        for path, name, weight in faces)
    config = work / "fop.xconf"
    config.write_text(
        '<?xml version="1.0"?><fop version="1.0"><renderers><renderer mime="application/pdf">'
        f"<fonts>{fonts}</fonts></renderer></renderers></fop>", encoding="utf-8")
    return config


def compile_fo(source: str, pdf: Path) -> None:
    """Make `pdf` of the XSL-FO `source` with Debian's `fop` (its work files beside `pdf`)."""
    work = pdf.parent
    fo = pdf.with_suffix(".fo")
    fo.write_text(source, encoding="utf-8")
    subprocess.run(["fop", "-q", "-c", str(_config(work)), "-fo", str(fo), "-pdf", str(pdf)],
                   check=True, capture_output=True, timeout=600, stdin=subprocess.DEVNULL)
