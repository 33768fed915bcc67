"""PDF producers outside the matrix, measured without tuning on them: wkhtmltopdf (Qt WebKit's
PDF engine, Debian `wkhtmltopdf`), WeasyPrint (its own PDF writer, from PyPI), Typst (the
typesetter, its own PDF writer, PyPI `typst`: Python bindings that compile in-process),
LibreOffice with the text in two columns (the matrix has LibreOffice in one column only),
XeLaTeX (XeTeX's xdvipdfmx, Debian `texlive-xetex` and `texlive-lang-chinese`), AbiWord (a
word processor with its own .docx import and layout engine, its PDF written by cairo; Debian
`abiword`), MuPDF (its own HTML layout engine and PDF writer, `mutool convert`; Debian
`mupdf-tools`), fpdf2 (a pure-Python PDF writer, PyPI `fpdf2`: tests/fpdf2_build.py), Apache FOP
(the XSL-FO formatter of DocBook and DITA tool chains, Debian `fop`: tests/fop_build.py), ps2pdf
(the Word -> PostScript driver -> Acrobat Distiller chain: LibreOffice prints the matrix's .docx
with its own PostScript driver, `soffice --print-to-file` with a profile set to PostScript, and
Ghostscript's `ps2pdf` distils it; Debian's -nogui LibreOffice cannot print: set
UNTM_PRINT_SOFFICE to a full build's soffice), LibreOffice Draw (a PDF edited in a PDF editor:
the matrix's .docx exported by LibreOffice Writer, opened in Draw, whose PDF import makes each
text run a text box placed on its own, and saved to PDF again; Debian
`libreoffice-draw-nogui`; `draw-reportlab`: the matrix's reportlab PDF, its fonts not embedded,
through Draw the same way) and, only when
asked for (`--producer tesseract`: OCR takes half an hour), an OCR engine's invisible text layer
over a scan: LibreOffice's PDF of the matrix's .docx rasterised at 300 dpi (`pdftoppm`) and
OCR'd by tesseract (Debian `tesseract-ocr`, `-eng`, `-chi-sim`) into a PDF. Strict units: the
engine's misread characters cost both readers alike.

Usage: python bench/bench_pdf_other_producers.py [--out DIR [--reuse]] [--producer NAME ...]
                                                 [--stem STEM]

The development documents of the producer matrix (tests/producers/documents.DEV_DOCS; zh and
en) as the HTML page
Chromium prints (tests/producers/html_build.py), written by each producer that is installed,
then aligned by untm from the PDFs and by `pdftotext` + the text path, each scored against the
document's gold (strict units, tests/pdfcheck.py); for Typst the same pieces as a Typst source
(tests/typst_build.py: outside tests/producers, no part of the matrix or its cache key), for
XeLaTeX as a LaTeX source (tests/latex_build.py, likewise), for
LibreOffice the matrix's .docx (tests/producers/docx_build.py) with its section set in two
columns, for AbiWord, ps2pdf and Draw the matrix's .docx as it is, for MuPDF the HTML page
with what MuPDF 1.21 needs (`_mupdf_html`: no margin boxes, the Chinese face given by
@font-face), for fpdf2 the same pieces written through its API, for FOP as an XSL-FO document.
A producer that is not installed is a line saying so. WeasyPrint, Typst and fpdf2 are not
dependencies of untm: `pip install weasyprint typst fpdf2` first (typst and fpdf2 are in the
dev extra).

Writes bench/results/STEM.md and .json (STEM: pdf_other_producers; with --producer, that name
joined to it, so a run of one producer keeps the whole table).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from docgen import (  # noqa: E402
    PRINT_SOFFICE,
    convert,
    draw_resave,
    print_to_postscript,
    set_columns,
    soffice,
)
from fop_build import compile_fo, has_fop, write_fo  # noqa: E402
from fpdf2_build import has_fonts, write_fpdf2  # noqa: E402
from latex_build import compile_latex, has_xelatex, write_latex  # noqa: E402
from pdfcheck import PairScore, has_pdftotext, score_pair, score_pdftotext  # noqa: E402
from producers import reportlab_plain  # noqa: E402
from producers.base import Job  # noqa: E402
from producers.documents import DEV_DOCS, Doc  # noqa: E402
from producers.docx_build import write_docx  # noqa: E402
from producers.html_build import write_html  # noqa: E402
from producers.structure import Structure, structure  # noqa: E402
from typst_build import compile_typst, write_typst  # noqa: E402

RESULTS = REPO / "bench" / "results"
Producer = Callable[["Doc", str, Path, Path], None]  # doc, lang, work folder, PDF to write
JOB = "23-09876 (C)"


def _html(doc: Doc, lang: str, work: Path) -> Path:
    html = work / f"{doc.name}.{lang}.html"
    html.write_text(write_html(structure(doc.items(lang)), lang, doc.symbol, JOB),
                    encoding="utf-8")
    return html


def _wkhtmltopdf(doc: Doc, lang: str, work: Path, pdf: Path) -> None:
    # its own header and footer (it prints no CSS margin boxes): the symbol, the page number
    subprocess.run(["wkhtmltopdf", "-q", "--enable-local-file-access", "-s", "A4",
                    "--header-right", doc.symbol, "--header-font-size", "8",
                    "--footer-right", "[page]", "--footer-font-size", "8",
                    str(_html(doc, lang, work)), str(pdf)],
                   check=False, capture_output=True, timeout=300)


def _weasyprint(doc: Doc, lang: str, work: Path, pdf: Path) -> None:
    import weasyprint

    weasyprint.HTML(str(_html(doc, lang, work))).write_pdf(str(pdf))


def _typesetter(write: Callable[[Structure, str, str, str], str],
                compile_source: Callable[[str, Path], None], suffix: str) -> Producer:
    """A producer that typesets a source: `write` makes it (kept in the work folder as
    DOC.LANG.SUFFIX), `compile_source` makes the PDF of it."""
    def make(doc: Doc, lang: str, work: Path, pdf: Path) -> None:
        source = write(structure(doc.items(lang)), lang, doc.symbol, JOB)
        (work / f"{doc.name}.{lang}.{suffix}").write_text(source, encoding="utf-8")
        compile_source(source, pdf)
    return make


def _docx(doc: Doc, lang: str, work: Path) -> Path:
    return write_docx(structure(doc.items(lang)), lang, doc.symbol, JOB,
                      work / f"{doc.name}.{lang}.docx")


def _libreoffice_columns(doc: Doc, lang: str, work: Path, pdf: Path) -> None:
    shutil.move(convert(set_columns(_docx(doc, lang, work), 2), "pdf", work / "lo"), pdf)


def _abiword(doc: Doc, lang: str, work: Path, pdf: Path) -> None:
    # headless with --to; HOME in the work folder: AbiWord writes its profile there
    home = work / "abiword-home"
    home.mkdir(exist_ok=True)
    subprocess.run(["abiword", "--to=pdf", f"--to-name={pdf}", str(_docx(doc, lang, work))],
                   check=True, capture_output=True, timeout=300,
                   env={**os.environ, "HOME": str(home)})


NOTO_SERIF_CJK = Path("/usr/share/fonts/opentype/noto")  # Debian fonts-noto-cjk
SC_FACE = 2  # Noto Serif CJK SC in Debian's NotoSerifCJK-{Regular,Bold}.ttc (fc-scan's index)


def _collection_face(ttc: Path, index: int, out: Path) -> None:
    """Face `index` of an OpenType collection (.ttc) saved as a font file of its own (fontTools,
    which fpdf2 depends on: the dev extra)."""
    from fontTools.ttLib import TTCollection

    with TTCollection(ttc, lazy=True) as collection:
        collection.fonts[index].save(out)


def _mupdf_html(doc: Doc, lang: str, work: Path) -> Path:
    """The HTML page as MuPDF 1.21 (Debian mupdf-tools) can take it. Its CSS parser drops the
    whole stylesheet at the @page rule's margin boxes (CSS Paged Media, which it does not draw):
    they are taken out, so no running header or footer. Debian's MuPDF is built without the CJK
    fonts it bundles: it sets Chinese in a "Mincho" it does not embed (Adobe-Japan1, no
    ToUnicode), whose text layer loses every character outside Japan1 (联, 议, 项...); so
    "Noto Serif CJK SC" is given by @font-face, its face copied out of Debian's .ttc (MuPDF 1.21
    cannot embed a face of a collection: 'substitute font creation is not implemented yet').
    Latin text is in MuPDF's own serif (Charis SIL): mutool finds no system font."""
    fonts = ""
    for weight, css in (("Regular", "normal"), ("Bold", "bold")):
        face = work / f"NotoSerifCJKsc-{weight}.otf"
        if not face.exists():
            _collection_face(NOTO_SERIF_CJK / f"NotoSerifCJK-{weight}.ttc", SC_FACE, face)
        fonts += ('@font-face { font-family: "Noto Serif CJK SC"; '
                  f'font-weight: {css}; src: url("{face.name}"); }}\n')
    page = _html(doc, lang, work).read_text(encoding="utf-8")
    page = re.sub(r"@(?:top|bottom)-(?:left|right|center)\s*\{[^}]*\}\s*", "", page)
    page = re.sub(r"@page :first\s*\{\s*\}\s*", "", page)
    html = work / f"{doc.name}.{lang}.mupdf.html"
    html.write_text(page.replace("<style>", "<style>" + fonts, 1), encoding="utf-8")
    return html


def _mupdf(doc: Doc, lang: str, work: Path, pdf: Path) -> None:
    # A4 in points: MuPDF lays HTML out on the page -W and -H give (A5 by default), not @page's
    subprocess.run(["mutool", "convert", "-F", "pdf", "-W", "595.28", "-H", "841.89",
                    "-o", str(pdf), str(_mupdf_html(doc, lang, work))],
                   check=True, capture_output=True, timeout=300)


def _fpdf2(doc: Doc, lang: str, work: Path, pdf: Path) -> None:
    write_fpdf2(structure(doc.items(lang)), lang, doc.symbol, JOB, pdf)


def _ps2pdf(doc: Doc, lang: str, work: Path, pdf: Path) -> None:
    # the word processor prints to a PostScript driver, Distiller's part is Ghostscript's
    ps = print_to_postscript(_docx(doc, lang, work), work / "ps")
    subprocess.run(["ps2pdf", str(ps), str(pdf)], check=True, capture_output=True, timeout=300)


def _libreoffice_draw(doc: Doc, lang: str, work: Path, pdf: Path) -> None:
    # the matrix's .docx as LibreOffice Writer exports it (a word processor's PDF, fonts
    # embedded), then opened in Draw and saved again, as a PDF edited in a PDF editor is
    written = convert(_docx(doc, lang, work), "pdf", work / "lo")
    shutil.move(draw_resave(written, work / "draw"), pdf)


def _draw_reportlab(doc: Doc, lang: str, work: Path, pdf: Path) -> None:
    # the matrix's reportlab PDF (tests/producers/reportlab_plain) opened in Draw and saved
    # again: Draw substitutes fonts for reportlab's unembedded ones (a bracket's box 1.34 ems
    # tall, `lines._top`) and draws a note's raised number after its note (`lines._leads`)
    source = work / "reportlab" / f"{doc.name}.{lang}.pdf"
    source.parent.mkdir(exist_ok=True)
    reportlab_plain.make([Job(doc, lang, source)], work)
    shutil.move(draw_resave(source, work / "draw"), pdf)


@functools.cache
def _draw_imports_pdf() -> bool:
    """Whether this LibreOffice opens PDFs in Draw (Debian: libreoffice-draw-nogui): a one-line
    PDF (reportlab) sent through `draw_resave`."""
    from reportlab.pdfgen.canvas import Canvas

    with tempfile.TemporaryDirectory(prefix="untm-draw-probe-") as tmp:
        probe = Path(tmp) / "probe.pdf"
        canvas = Canvas(str(probe))
        canvas.drawString(72, 720, "Draw probe")
        canvas.save()
        try:
            draw_resave(probe, Path(tmp) / "out")
        except (RuntimeError, subprocess.SubprocessError, OSError):
            return False
    return True


@functools.cache
def _prints_postscript() -> bool:
    """Whether this LibreOffice prints PostScript ($UNTM_PRINT_SOFFICE or soffice): Debian's
    -nogui build has no printer support."""
    with tempfile.TemporaryDirectory(prefix="untm-ps-probe-") as tmp:
        try:
            print_to_postscript(_docx(DEV_DOCS[1], "en", Path(tmp)), Path(tmp) / "ps")
        except (RuntimeError, subprocess.SubprocessError, OSError):
            return False
    return True


def _tesseract(doc: Doc, lang: str, work: Path, pdf: Path) -> None:
    scan = work / f"scan-{doc.name}.{lang}"
    scan.mkdir(exist_ok=True)
    printed = convert(_docx(doc, lang, work), "pdf", work / "lo")
    subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", str(printed), str(scan / "p")],
                   check=True, capture_output=True, timeout=600)
    pages = sorted(scan.glob("p*.png"))
    (scan / "pages.txt").write_text("\n".join(map(str, pages)) + "\n", encoding="utf-8")
    subprocess.run(["tesseract", str(scan / "pages.txt"), str(pdf.with_suffix("")), "-l",
                    "chi_sim+eng" if lang == "zh" else "eng", "pdf"],
                   check=True, capture_output=True, timeout=3600)


def _missing(name: str) -> str | None:
    if name == "wkhtmltopdf":
        return None if shutil.which("wkhtmltopdf") else "wkhtmltopdf not installed (Debian)"
    if name == "libreoffice-2col":
        return None if soffice() else "soffice not installed (libreoffice-writer-nogui)"
    if name == "tesseract":
        langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True,
                               check=False).stdout.split() if shutil.which("tesseract") else []
        if not soffice() or "chi_sim" not in langs or "eng" not in langs:
            return ("tesseract, its eng and chi_sim data or soffice not installed (Debian "
                    "tesseract-ocr tesseract-ocr-eng tesseract-ocr-chi-sim)")
        return None
    if name == "abiword":
        return None if shutil.which("abiword") else "abiword not installed (Debian abiword)"
    if name == "mupdf":
        return None if shutil.which("mutool") and NOTO_SERIF_CJK.is_dir() else (
            "mutool or Noto CJK not installed (Debian mupdf-tools fonts-noto-cjk)")
    if name == "fpdf2":
        try:
            __import__("fpdf")
        except ImportError:
            return "fpdf2 not installed (pip install fpdf2)"
        return None if has_fonts() else ("Noto CJK or Liberation fonts not installed (Debian "
                                          "fonts-noto-cjk fonts-liberation)")
    if name == "fop":
        return None if has_fop() else ("fop, Noto CJK or Liberation fonts not installed (Debian "
                                       "fop fonts-noto-cjk fonts-liberation)")
    if name == "ps2pdf":
        return None if shutil.which("ps2pdf") and _prints_postscript() else (
            "ps2pdf (Debian ghostscript) or a LibreOffice that prints not installed (Debian's "
            f"-nogui build cannot: {PRINT_SOFFICE}=a full build's soffice)")
    if name in ("libreoffice-draw", "draw-reportlab"):
        return None if soffice() and _draw_imports_pdf() else (
            "soffice or its Draw not installed (Debian libreoffice-writer-nogui "
            "libreoffice-draw-nogui): no PDF import")
    if name == "xelatex":
        return None if has_xelatex() else ("xelatex not installed (Debian texlive-xetex "
                                           "texlive-lang-chinese)")
    try:
        __import__(name)
    except ImportError:
        return f"{name} not installed (pip install {name})"
    return None


PRODUCERS: dict[str, Producer] = {
    "wkhtmltopdf": _wkhtmltopdf, "weasyprint": _weasyprint,
    "typst": _typesetter(write_typst, compile_typst, "typ"),
    "libreoffice-2col": _libreoffice_columns,
    "xelatex": _typesetter(write_latex, compile_latex, "tex"),
    "abiword": _abiword,
    "mupdf": _mupdf,
    "fpdf2": _fpdf2,
    "fop": _typesetter(write_fo, compile_fo, "fo"),
    "ps2pdf": _ps2pdf,
    "libreoffice-draw": _libreoffice_draw,
    "draw-reportlab": _draw_reportlab,
    "tesseract": _tesseract,
}
ON_REQUEST = frozenset({"tesseract"})  # run only when asked for by --producer


def _row(s: PairScore) -> dict[str, object]:
    return {"P": round(s.precision, 3), "R": round(s.recall, 3), "F1": round(s.f1, 3),
            "matched": s.matched, "produced": s.produced, "gold": s.gold, "error": s.error}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=None, help="keep the PDFs in this folder")
    parser.add_argument("--producer", action="append", choices=sorted(PRODUCERS),
                        help="only this producer (repeatable; default: all)")
    parser.add_argument("--stem", default=None, help="results file name (without suffix)")
    parser.add_argument("--reuse", action="store_true",
                        help="read a PDF already in --out again instead of making it (OCR)")
    args = parser.parse_args()
    chosen = {k: v for k, v in PRODUCERS.items()
              if (k in args.producer if args.producer else k not in ON_REQUEST)}
    stem = args.stem or "_".join(["pdf_other_producers", *(args.producer or [])])
    if not has_pdftotext():
        print("bench_pdf_other_producers: needs pdftotext (poppler-utils)", file=sys.stderr)
        return 2
    work = args.out or Path(tempfile.mkdtemp(prefix="untm-producers-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, object]] = []
    skipped: dict[str, str] = {}
    for name, make in chosen.items():
        why = _missing(name)
        if why:
            skipped[name] = why
            continue
        for doc in DEV_DOCS:
            pdfs: dict[str, Path] = {}
            for lang in ("zh", "en"):
                pdfs[lang] = work / f"{name}.{doc.name}.{lang}.pdf"
                if not (args.reuse and args.out and pdfs[lang].exists()):
                    make(doc, lang, work, pdfs[lang])
            gold = doc.gold()
            untm = score_pair(pdfs["zh"], pdfs["en"], gold, segtype=doc.segtype)
            with tempfile.TemporaryDirectory() as tmp:
                text = score_pdftotext(pdfs["zh"], pdfs["en"], gold, Path(tmp),
                                       segtype=doc.segtype)
            rows.append({"producer": name, "doc": doc.name, "untm-pdf": _row(untm),
                         "pdftotext": _row(text)})
            print(name, doc.name, _row(untm)["F1"], _row(text)["F1"], flush=True)
    totals: dict[str, dict[str, float]] = {}
    for name in chosen:
        if name in skipped:
            print(f"bench_pdf_other_producers: skipped {name}: {skipped[name]}", file=sys.stderr)
        for variant in ("untm-pdf", "pdftotext"):
            picked = [r[variant] for r in rows if r["producer"] == name]
            if not picked:
                continue
            m, p, g = (sum(int(x[k]) for x in picked)  # type: ignore[call-overload]
                       for k in ("matched", "produced", "gold"))
            prec, rec = (m / p if p else 0.0), (m / g if g else 0.0)
            totals[f"{name} {variant}"] = {"P": round(prec, 3), "R": round(rec, 3), "F1": round(
                2 * prec * rec / (prec + rec) if prec + rec else 0.0, 3)}
    RESULTS.mkdir(parents=True, exist_ok=True)
    command = " ".join(["python bench/bench_pdf_other_producers.py", *sys.argv[1:]])
    md = ["# PDF producers outside the matrix", "",
          f"Command: `{command}`. The matrix's development "
          "documents as Chromium's HTML page (Typst, XeLaTeX: as a Typst or LaTeX source of "
          "the same pieces), "
          "written by each producer, aligned from the PDFs "
          "by untm and by `pdftotext` + the text path; strict units against gold. No rule of "
          "the reader was made on these producers' files before they were first measured; "
          "Typst's first measurement, before the rules made on its files (superior figures; "
          "the measure of a short text, reverted: it broke a held-out text; a later rule "
          "for a short text's measure made on its and wkhtmltopdf's resolution), is "
          "pdf_other_producers_typst_before.md. "
          "LibreOffice in two columns (the matrix's .docx, its section in two columns) was "
          "first measured at untm F1 .950 (pdftotext .697; seed .817 / .637 P / R, its "
          "masthead, table and footnotes in the columns); rules made on it since: a last page "
          "whose text stands in the first column only, read as that column (ecosoc_07 .966 -> "
          ".989), and a first page whose masthead, table and footnotes stand in the columns "
          "(seed .817 / .637 -> .989 / .945). XeLaTeX's first measurement is "
          "pdf_other_producers_xelatex_before.md (.997; its one-page Chinese resolution "
          ".727, read since by the short-text measure made on wkhtmltopdf's and Typst's). "
          "tesseract (asked for "
          "with --producer tesseract) was first measured on the matrix's LibreOffice PDFs "
          "OCR'd so, before any rule (F1 untm / pdftotext + text path): seed .280 / .331, "
          "resolution .400 / .500, ecosoc_01 .673 / .209, ecosoc_07 .446 / .182, SDG targets "
          ".503 / .202, UDHR .491 / .342; rules made on its files since: invisible text sized "
          "by its em's height, gaps measured past a drawn space's advance, a full line going "
          "on in the next a point smaller. AbiWord's first measurement is "
          "pdf_other_producers_abiword_before.md (untm F1 .971, pdftotext .914; seed .862, "
          "resolution .923: its first page's foot, '23-09876 (C)' and 'Please recycle' a "
          "default tab apart, read as text); rules made on its files since: a slug or symbol "
          "set a tab away from other words on its row is a line of its own, a line at the "
          "margin under lines set in the right half of the column opens a paragraph. What is "
          "left is AbiWord's import of the .docx (its own footnote numbers before the custom "
          "marks, '1*', '*2*', the numbered notes counted on from them; Chinese glyphs its "
          "font lacks drawn as boxes of hex digits, in the text layer too, the line around "
          "them set out of order; the text at 11 points, not the .docx's 10, so its 14-point "
          "header is under 1.3 body sizes and page 1 no cover) and "
          "one SDG target ending a page on a full line without a stop. MuPDF's first "
          "measurement is pdf_other_producers_mupdf_before.md (untm F1 .905, pdftotext .497; "
          "seed .585, resolution .571: each paragraph's number set on a line of its own above "
          "its text; ecosoc_07 .931: a Chinese page's bold face dropped with its headings); "
          "rules made on its files since: a number alone on its line opens the paragraph "
          "below, the glyphs a Chinese font's map leaves out say nothing against the font, a "
          "line ending in a dash between numbers joins the next without a space. What is left "
          "is MuPDF's text layer (its ToUnicode made from the font's cmap): digits its shaper "
          "substituted in Chinese text ('HSP/HA.1/Res.1', '(A/78/35)') have no entry and are "
          "read as characters lost, the hyphen's glyph reads U+2011 and '——' one U+2E3A. "
          "fpdf2's first measurement is pdf_other_producers_fpdf2_before.md (untm 1.000, "
          "pdftotext .973). FOP's first measurement is pdf_other_producers_fop_before.md "
          "(untm F1 .148, pdftotext .796; resolution .000, seed .272): FOP writes Noto CJK's "
          "ascent and descent as its bounding box's, 1.809 and -1.049, so each Chinese "
          "glyph's box was three lines tall and a paragraph's first line shorter than the "
          "line above was read into it, their glyphs interleaved; rule made on its files "
          "since: a box taller than two font sizes is set an em tall on its baseline. "
          "ps2pdf's first "
          "measurement is pdf_other_producers_ps2pdf_before.md: no pair has a text layer to "
          "read. LibreOffice's PostScript driver sends each font as glyph sets, codes 1..N in "
          "the order the glyphs are first drawn, named glyph1..glyphN, and writes no Unicode "
          "anywhere; Ghostscript can build no ToUnicode map from that (with -dPDFSETTINGS "
          "/prepress, /printer or /ebook alike), in English as in Chinese. untm says so in one "
          "line for each pair (the Chinese file read first); pdftotext's text is control "
          "bytes. LibreOffice Draw's first measurement is "
          "pdf_other_producers_libreoffice-draw_before.md (untm F1 .996, the matrix's "
          "LibreOffice figures pair for pair; pdftotext .931). What Draw changes is the "
          "spacing: each run of a line (a stretch of one font) is saved as a text object of "
          "its own at natural advance, so a justified line's stretch gathers at each run's "
          "end, where PDFium puts spaces of its own ('数据， 2023', '群体 ,享有'), and lines "
          "end short of the measure or past it. Strict units ignore spaces; a rule made on its "
          "files since (no space beside a full-width mark, before an ASCII closing mark, after "
          "an opening one, or before a hyphen joining Chinese words) brings the paragraphs "
          "read otherwise than from Writer's own PDF from 115 to 19. Left: a space between a "
          "Han character and an opening bracket ('报告 (A/77/895)'), which a document may "
          "write; a Chinese line whose stretch was lost ending 2.3 ems short before a "
          "'（1）' label (seed: one paragraph read as two); two English paragraphs at a page "
          "foot joined, the lines no longer justified (the other language splits them). "
          "draw-reportlab (the matrix's reportlab PDFs, fonts not embedded, through Draw) was "
          "first measured by a script outside the repository, on the reader of 8e00ac7: seed "
          ".978 (pdftotext .872: a footnote's raised number, drawn after its note, stood "
          "apart and the notes ran into one paragraph), ecosoc_01 .981, below pdftotext's "
          "1.000 (a bracket in Draw's substituted font boxes 1.34 ems up, so its line's top "
          "step was taken for the paragraph's spacing and the next line's for a gap), the "
          "other eight 1.000; rules made on them since: a raised marker before a line opens "
          "it, a stray glyph's top does not raise its line's.", "",
          "| producer | document | untm P | R | F1 | pdftotext + text path P | R | F1 |",
          "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        u, t = r["untm-pdf"], r["pdftotext"]
        assert isinstance(u, dict) and isinstance(t, dict)
        md.append(f"| {r['producer']} | {r['doc']} | {u['P']:.3f} | {u['R']:.3f} | "
                  f"{u['F1']:.3f} | {t['P']:.3f} | {t['R']:.3f} | {t['F1']:.3f} |")
    md += ["", "Totals: " + "; ".join(f"{k} P {v['P']:.3f} R {v['R']:.3f} F1 {v['F1']:.3f}"
                                      for k, v in totals.items()), ""]
    for r in rows:  # a typed error scores nothing: say which
        for variant in ("untm-pdf", "pdftotext"):
            cell = r[variant]
            assert isinstance(cell, dict)
            if cell["error"]:
                md.append(f"Error: {r['producer']} {r['doc']} {variant}: {cell['error']}")
    md += [f"Skipped: {k}: {v}" for k, v in skipped.items()]
    (RESULTS / f"{stem}.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    (RESULTS / f"{stem}.json").write_text(json.dumps(
        {"command": command, "rows": rows,
         "totals": totals, "skipped": skipped}, indent=1), encoding="utf-8")
    print("\n".join(md))
    return 0


if __name__ == "__main__":
    sys.exit(main())
