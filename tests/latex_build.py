"""A document as a LaTeX source compiled by XeLaTeX (XeTeX and its xdvipdfmx PDF writer, Debian
`texlive-xetex`, Chinese through xeCJK from `texlive-lang-chinese`): A4, LaTeX's own justified
paragraphs with its hyphenation, the masthead, cover lines, headings, tables ruled above and
below, real footnotes under a short rule at the foot of the page (`*`-style marks for the
cover's notes), a running header (the symbol) from page 2 and a centred page number in the
footer (the job number on page 1), through fancyhdr.

As LaTeX sets text by default, paragraphs are told apart by a first-line indent with no space
between them (English 1.5 em, Chinese two characters): the first paragraph after a heading is
not indented in English (LaTeX's own rule), and a numbered English paragraph hangs its number
10 mm. Latin is set in Latin Modern (TeX's own), Chinese in Noto Serif CJK SC (Debian
fonts-noto-cjk).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from producers.structure import Note, Piece, Structure

PREAMBLE = r"""\documentclass[10pt]{article}
\usepackage[a4paper,top=25mm,bottom=28mm,left=24mm,right=24mm,headsep=8mm]{geometry}
\usepackage{fontspec}
%(cjk)s
\usepackage{fancyhdr}
\usepackage{array}
\fancypagestyle{first}{\fancyhf{}\renewcommand{\headrulewidth}{0pt}%%
  \fancyfoot[L]{\footnotesize %(job)s}\fancyfoot[C]{\footnotesize\thepage}}
\fancypagestyle{body}{\fancyhf{}\renewcommand{\headrulewidth}{0.4pt}%%
  \fancyhead[R]{\footnotesize %(symbol)s}\fancyfoot[C]{\footnotesize\thepage}}
\pagestyle{body}
\setlength{\parindent}{%(indent)s}
\setlength{\parskip}{0pt}
\begin{document}
\thispagestyle{first}
"""
CJK = r"""\usepackage{xeCJK}
\setCJKmainfont{Noto Serif CJK SC}
\setCJKsansfont{Noto Sans CJK SC}
\xeCJKsetup{CJKecglue={ }}"""
INDENT = {"en": "1.5em", "zh": "2em"}

_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&",
            "#": r"\#", "^": r"\^{}", "_": r"\_", "%": r"\%", "~": r"\textasciitilde{}"}


def _s(text: str) -> str:
    """`text` with LaTeX's special characters escaped."""
    return "".join(_SPECIAL.get(ch, ch) for ch in text)


def _with_note(text: str, note: Note | None) -> str:
    """`text` with its footnote, a real LaTeX footnote where the marker goes (a cover line's
    marker only: `_cover_note` sets its note's text)."""
    if note is None:
        return _s(text)
    if note.marker.isdigit():
        return rf"{_s(note.before)}\footnote{{{_s(note.text)}}}{_s(note.after)}"
    # the text font's '*' (not \textasteriskcentered's U+2217)
    return rf"{_s(note.before)}\textsuperscript{{{note.marker}}}{_s(note.after)}"


def _cover_note(note: Note | None) -> str:
    """A cover line's '*' note at the foot of the page with its own mark, the counter
    untouched (outside the cover line's minipage, whose notes would stand under it)."""
    if note is None or note.marker.isdigit():
        return ""
    return (rf"{{\renewcommand{{\thefootnote}}{{{note.marker}}}"
            rf"\footnotetext[0]{{{_s(note.text)}}}}}")


def _piece(piece: Piece, lang: str, after_heading: bool) -> str:
    if piece.kind == "cover":
        size = r"\large\bfseries" if piece.big else ""
        return (rf"\par\noindent\begin{{minipage}}{{0.8\textwidth}}\raggedright{size} "
                rf"{_with_note(piece.text, piece.note)}\end{{minipage}}"
                rf"{_cover_note(piece.note)}\par\medskip")
    if piece.kind == "heading":
        return (rf"\par\vspace{{10pt}}\noindent\textbf{{{_with_note(piece.text, piece.note)}}}"
                r"\par\nopagebreak\vspace{4pt}")
    if piece.kind == "table":
        cols = len(piece.rows[0])
        rows = [" & ".join(_s(c) for c in row) + r" \\" for row in piece.rows]
        spec = "|".join([r">{\raggedright\arraybackslash}p{%.3f\textwidth}" % (0.8 / cols)]
                        * cols).replace("|", "")
        return ("\\par\\medskip\\noindent\\hspace*{10mm}{\\small\\begin{tabular}{"
                + spec + "}\\hline\n" + "\n".join(rows) + "\n\\hline\\end{tabular}}"
                "\\par\\medskip")
    text = _with_note(piece.text, piece.note)
    if lang == "zh":  # the number inside the first-line indent, as Chinese sets it
        return rf"\par {_s(piece.label)} {text}" if piece.label else rf"\par {text}"
    if piece.label:  # a hanging number, as UN English documents set it
        return (rf"\par\noindent\hangindent=10mm\hangafter=1"
                rf"\makebox[10mm][l]{{{_s(piece.label)}}}{text}")
    indent = r"\noindent " if after_heading else ""
    return rf"\par {indent}{text}"


def write_latex(st: Structure, lang: str, symbol: str, job: str) -> str:
    """`st` as one LaTeX source for XeLaTeX."""
    out = [PREAMBLE % {"cjk": CJK if lang == "zh" else "", "symbol": _s(symbol),
                       "job": _s(job), "indent": INDENT[lang]}]
    left = st.masthead_left[0] if st.masthead_left else ""
    out.append(rf"\noindent{{\Large\bfseries {_s(left)}}}\hfill{{\Large\bfseries {_s(symbol)}}}"
               r"\par\vspace{2pt}\hrule height 1.2pt\vspace{6pt}")
    out += [rf"\begin{{flushright}}\small {_s(line)}\end{{flushright}}"
            for line in st.masthead_right]
    covers = [p for p in st.pieces if p.kind == "cover"]
    out += [_piece(p, lang, False) for p in covers]
    previous = "cover"
    for p in st.pieces:
        if p.kind == "cover":
            continue
        out.append(_piece(p, lang, previous == "heading"))
        previous = p.kind
    out.append(r"\end{document}")
    return "\n\n".join(out) + "\n"


def has_xelatex() -> bool:
    return shutil.which("xelatex") is not None


def compile_latex(source: str, pdf: Path) -> None:
    """Compile `source` to `pdf` with xelatex (twice: page references settle). A
    CalledProcessError with xelatex's log when it fails."""
    with tempfile.TemporaryDirectory(prefix="untm-xelatex-") as tmp:
        tex = Path(tmp) / "doc.tex"
        tex.write_text(source, encoding="utf-8")
        for _ in range(2):
            run = subprocess.run(["xelatex", "-interaction=nonstopmode", "-halt-on-error",
                                  "doc.tex"], cwd=tmp, capture_output=True, text=True,
                                 timeout=300, check=False)
            if run.returncode != 0:
                raise subprocess.CalledProcessError(run.returncode, "xelatex",
                                                    output=run.stdout[-3000:])
        shutil.move(str(Path(tmp) / "doc.pdf"), pdf)
