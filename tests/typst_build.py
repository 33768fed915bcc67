"""A document as a Typst source (https://typst.app), compiled to PDF in-process by the `typst`
package (PyPI; Typst's own PDF writer): A4, justified paragraphs, the masthead, cover lines,
headings, tables, real footnotes at the foot of the page ("*"-style marks for the cover's
notes), a running header (the symbol) from page 2 and a page-number footer ("Please recycle"
and the job number on page 1). English hangs its paragraph numbers 10 mm with 6 pt between
paragraphs; Chinese indents each paragraph's first line two characters (number and all) and
wraps to the margin, with no space between paragraphs, as Chinese typesetting does. Chinese is
set in Noto Serif CJK SC (Debian fonts-noto-cjk, found by path), Latin in Typst's Libertinus.
"""

from __future__ import annotations

from pathlib import Path

from producers.structure import Note, Piece, Structure

# Debian's fonts: Noto CJK and (for nothing but fallback) URW's; system fonts are ignored so
# that the PDF does not depend on the machine's font configuration.
FONT_PATHS = ("/usr/share/fonts/opentype/noto",)

PREAMBLE = """#set page(paper: "a4", margin: (top: 24mm, bottom: 26mm, x: 22mm),
  header: context if here().page() > 1 {
    align(right, text(font: "Libertinus Serif", size: 8.5pt, %(symbol)s)) },
  footer: context text(font: "Libertinus Serif", size: 8.5pt,
    if here().page() == 1 [#%(job)s #h(1fr) Please recycle]
    else [#h(1fr) #counter(page).display()]))
#set text(font: ("Libertinus Serif", "Noto Serif CJK SC"), size: 10.5pt, lang: "%(lang)s")
#set par(justify: true, %(par)s)
#set table(stroke: (bottom: 0.5pt), inset: (x: 0pt, right: 10pt, y: 3pt), align: left)
"""
# Typst's `spacing` is from one paragraph's last line to the next's first, as `leading` is
# between the lines of a paragraph: spacing = leading is no space between paragraphs
PAR = {"en": "leading: 0.65em, spacing: 0.65em + 6pt, first-line-indent: 0pt",
       "zh": "leading: 0.65em, spacing: 0.65em, first-line-indent: (amount: 2em, all: true)"}


def _s(text: str) -> str:
    """`text` as a Typst string literal (shown verbatim: no markup inside)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _with_note(text: str, note: Note | None) -> str:
    """Content: `text` with its footnote, a real Typst footnote where the marker goes."""
    if note is None:
        return f"#{_s(text)}"
    mark = "" if note.marker.isdigit() else f', numbering: _ => "{note.marker}"'
    return f"#{_s(note.before)}#footnote({_s(note.text)}{mark})#{_s(note.after)}"


def _piece(piece: Piece, lang: str) -> str:
    if piece.kind == "cover":
        size = "13pt, weight: \"bold\"" if piece.big else "10.5pt"
        return (f"#block(width: 80%, spacing: 0.65em + 4pt, par(justify: false, "
                f"first-line-indent: 0pt, "
                f"text({size})[{_with_note(piece.text, piece.note)}]))")
    if piece.kind == "heading":
        return (f"#block(above: 0.65em + 10pt, below: 0.65em + 6pt, "
                f"strong[{_with_note(piece.text, piece.note)}])")
    if piece.kind == "table":
        cells = ", ".join(_s(c) for row in piece.rows for c in row)
        return (f"#pad(left: 10mm, text(9.5pt, table(columns: {len(piece.rows[0])}, "
                f"{cells})))")
    text = _with_note(piece.text, piece.note)
    if lang == "zh":  # the number inside the first-line indent, the rest from the margin
        return f"#{_s(piece.label + ' ')}{text}" if piece.label else text
    if piece.label:  # a hanging number, as UN English documents set it
        return (f"#par(hanging-indent: 10mm)[#box(width: 10mm, {_s(piece.label)})"
                f"{text}]")
    return f"#pad(left: 10mm)[{text}]"


def write_typst(st: Structure, lang: str, symbol: str, job: str) -> str:
    """`st` as one Typst source."""
    out = [PREAMBLE % {"symbol": _s(symbol), "job": _s(job), "lang": lang, "par": PAR[lang]}]
    left = st.masthead_left[0] if st.masthead_left else ""
    out.append(f"#grid(columns: (1fr, auto), align: (left, right) , "
               f"text(15pt, weight: \"bold\", {_s(left)}), "
               f"text(16pt, weight: \"bold\", {_s(symbol)}))")
    out.append("#line(length: 100%, stroke: 1.2pt)")
    out += [f"#align(right, text(9pt, {_s(line)}))" for line in st.masthead_right]
    covers = [p for p in st.pieces if p.kind == "cover"]
    out += [_piece(p, lang) for p in covers]
    if any(p.note for p in covers):  # the body's notes are numbered from 1
        out.append("#counter(footnote).update(0)")
    out += [_piece(p, lang) for p in st.pieces if p.kind != "cover"]
    return "\n\n".join(out) + "\n"


def compile_typst(source: str, pdf: Path) -> None:
    """Compile `source` to `pdf` with the `typst` package (an ImportError if it is missing)."""
    import typst

    pdf.write_bytes(typst.compile(source.encode("utf-8"), font_paths=list(FONT_PATHS),
                                  ignore_system_fonts=True))
