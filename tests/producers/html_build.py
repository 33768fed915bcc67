"""A document as an HTML page for Chromium's print-to-PDF: justified paragraphs, Chinese set
letter-spaced, a masthead, CSS `@page` margin boxes for the running header (the symbol), the page
number and, on the first page, the job number and "Please recycle" (Chromium ≥ 131), footnote
markers raised in the text and the notes at the end, tables. `columns=2` sets the paragraphs in
two columns between a full-width title block above and the tables and notes below.
"""

from __future__ import annotations

from html import escape

from producers.structure import Piece, Structure

CSS = """
@page { size: A4; margin: 24mm 22mm 26mm 22mm;
  @top-right { content: "%(symbol)s"; font: 8.5pt "Nimbus Sans", sans-serif;
               vertical-align: bottom; padding-bottom: 4mm; }
  @bottom-right { content: counter(page); font: 8.5pt "Nimbus Sans", sans-serif; } }
@page :first { @top-right { content: none; }
  @bottom-left { content: "%(job)s"; font: 8pt "Nimbus Sans", sans-serif; }
  @bottom-right { content: "Please recycle"; font: 8pt "Nimbus Sans", sans-serif; } }
body { font: 10.5pt/1.4 "Nimbus Roman", "Noto Serif CJK SC", serif; margin: 0; }
body.zh { font-family: "Noto Serif CJK SC", "Nimbus Roman", serif; }
.masthead { display: flex; justify-content: space-between; align-items: baseline;
  border-bottom: 1.2pt solid black; padding-bottom: 3pt; margin-bottom: 10pt; }
.masthead .un { font-size: 15pt; font-weight: bold; }
.masthead .symbol { font-size: 16pt; font-weight: bold; }
.distr { text-align: right; font-size: 9pt; margin: 0; }
p { margin: 0 0 6pt 0; text-align: justify; }
body.zh p, body.zh td { letter-spacing: 0.08em; }
p.cover { text-align: left; margin: 0 0 4pt 0; width: 80%%; }
p.big { font-size: 13pt; font-weight: bold; }
h2 { font-size: 10.5pt; margin: 10pt 0 6pt 0; break-after: avoid; }
p.num { padding-left: 10mm; text-indent: -10mm; }
p.num .label { display: inline-block; width: 10mm; text-indent: 0; }
p.plain { padding-left: 10mm; }
sup { font-size: 6.5pt; line-height: 0; }
table { border-collapse: collapse; margin: 8pt 0 8pt 10mm; }
td { border-bottom: 0.5pt solid black; padding: 2pt 10pt 2pt 0; font-size: 9.5pt; }
.notes { border-top: 0.5pt solid black; width: 40mm; margin-top: 10pt; }
.notes p { font-size: 8.5pt; width: 150mm; text-align: left; margin: 2pt 0; }
.columns { columns: 2; column-gap: 8mm; }
"""


def _piece(piece: Piece) -> str:
    def text_of(ref: str) -> str:
        if piece.note is None:
            return escape(piece.text)
        return escape(piece.note.before) + ref + escape(piece.note.after)

    if piece.kind == "cover":
        marker = escape(piece.note.marker) if piece.note else ""
        return f'<p class="cover{" big" if piece.big else ""}">{text_of(marker)}</p>'
    sup = f"<sup>{escape(piece.note.marker)}</sup>" if piece.note else ""
    if piece.kind == "heading":
        return f"<h2>{text_of(sup)}</h2>"
    if piece.label:
        return (f'<p class="num"><span class="label">{escape(piece.label)}</span>'
                f"{text_of(sup)}</p>")
    return f'<p class="plain">{text_of(sup)}</p>'


def _table(piece: Piece) -> str:
    rows = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>"
                   for cells in piece.rows)
    return f"<table>{rows}</table>"


def _notes(st: Structure) -> str:
    notes = [p.note for p in st.pieces if p.note is not None]
    if not notes:
        return ""
    lines = []
    for note in notes:
        mark = escape(note.marker) if not note.marker.isdigit() else f"<sup>{note.marker}</sup>"
        lines.append(f"<p>{mark} {escape(note.text)}</p>")
    return '<div class="notes"></div>' + "".join(lines)


def write_html(st: Structure, lang: str, symbol: str, job: str, columns: int = 1) -> str:
    """`st` as one HTML page."""
    head = ""
    if st.masthead_left or lang == "en":
        left = escape(st.masthead_left[0]) if st.masthead_left else ""
        head = (f'<div class="masthead"><span class="un">{left}</span>'
                f'<span class="symbol">{escape(symbol)}</span></div>')
    else:
        head = (f'<div class="masthead"><span class="un"></span>'
                f'<span class="symbol">{escape(symbol)}</span></div>')
    head += "".join(f'<p class="distr">{escape(line)}</p>' for line in st.masthead_right)
    covers = [p for p in st.pieces if p.kind == "cover"]
    body = [p for p in st.pieces if p.kind != "cover"]
    parts = [_piece(p) for p in covers]
    if columns == 1:
        parts += [_table(p) if p.kind == "table" else _piece(p) for p in body]
    else:  # the text in columns; tables below them, full width
        parts.append('<div class="columns">'
                     + "".join(_piece(p) for p in body if p.kind != "table") + "</div>")
        parts += [_table(p) for p in body if p.kind == "table"]
    css = CSS % {"symbol": escape(symbol), "job": escape(job)}
    return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head>'
            f'<meta charset="utf-8"><title>{escape(symbol)}</title><style>{css}</style></head>'
            f'<body class="{lang}">{head}{"".join(parts)}{_notes(st)}</body></html>\n')
