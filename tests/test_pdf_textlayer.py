"""Text layers that do not say what they show, and the reader's self-check.

- CJK radicals and compatibility ideographs in place of ordinary characters (cairo's text layer
  of a CJK font gives "⼈" for "人", "⻓" for "长") are read as the ordinary characters, in the
  PDF reader and the text path alike, and the reader says how many it read so;
- a Chinese text layer without a Unicode mapping (Ghostscript `pdfwrite` of a PDF whose Chinese
  font it re-encodes) is a one-line error through the installed `untm` for align, segment and
  batch: exit 2, the file named, "no Unicode mapping for N% of its characters", OCR suggested;
- a word processor's print through its PostScript driver, distilled (LibreOffice's own driver,
  Ghostscript's ps2pdf): the driver sends its fonts as glyph sets without any Unicode, so the
  English text layer has none either; the same one-line error, in each language;
- a page the layout reader cannot read (text drawn rotated) fails its self-check; the reader
  takes PDFium's own text order through the text path and says so in the summary's reading
  notes, in the JSON and in `untm segment`'s stderr.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import SEED_EN, UNTM, run_untm
from pdfgen import LAYOUTS, render_pdf, resolution_items, seed_items
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from test_pdf_geometry import FONT, PARAGRAPHS, SIZE, _wrap

from untm.aligner.clean import clean_plain_text
from untm.aligner.glyphforms import is_meaningless, ordinary_forms
from untm.aligner.language import is_han
from untm.aligner.read import read_document
from untm.batch.task import PairOutcome
from untm.errors import TextLayerError
from untm.pipeline import AlignOptions, AlignSummary, align_files, result_json, summarize

needs_gs = pytest.mark.skipif(shutil.which("gs") is None, reason="ghostscript is not installed")
needs_cairo = pytest.mark.skipif(
    shutil.which("pdftocairo") is None, reason="poppler-utils is not installed"
)
RADICALS = re.compile("[\u2e80-\u2fdf\uf900-\ufaff]")


def test_ordinary_forms_and_meaningless_glyphs() -> None:
    assert ordinary_forms("联合国⼈居署秘书⻓，（⼀）") == ("联合国人居署秘书长，（一）", 3)
    assert ordinary_forms("（1）A/78/1，。") == ("（1）A/78/1，。", 0)  # full-width marks stay
    assert all(is_meaningless(ch) for ch in "\x01\x84\ue000\ufffd")
    assert not any(is_meaningless(ch) for ch in "a人，\u3000-")


@needs_cairo
def test_radicals_of_a_cairo_text_layer_are_ordinary_characters(tmp_path: Path) -> None:
    source = render_pdf(seed_items("zh"), "zh", LAYOUTS[0], tmp_path / "rl.zh.pdf")
    cairo = tmp_path / "cairo.zh.pdf"
    subprocess.run(["pdftocairo", "-pdf", str(source), str(cairo)], check=True)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(cairo), "-"], check=True,
                          capture_output=True, text=True).stdout
    if not RADICALS.search(text):
        pytest.skip("this cairo keeps the ordinary characters")
    doc = read_document(cairo, "zh")
    assert not RADICALS.search("".join(p.text for p in doc.paragraphs))
    assert any("read as the ordinary characters" in note for note in doc.notes)
    assert [p.text for p in doc.paragraphs] == [
        p.text for p in read_document(source, "zh").paragraphs
    ]
    assert not RADICALS.search("".join(p.text for p in clean_plain_text(text, "zh").paragraphs))


@pytest.fixture(scope="module")
def unmapped_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Chinese resolution whose text layer Ghostscript re-encoded without a Unicode map."""
    if shutil.which("gs") is None:
        pytest.skip("ghostscript is not installed")
    folder = tmp_path_factory.mktemp("unmapped")
    source = render_pdf(resolution_items("zh") * 4, "zh", LAYOUTS[0], folder / "res.zh.pdf")
    out = folder / "unmapped.zh.pdf"
    subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite",
                    f"-sOutputFile={out}", str(source)], check=True, capture_output=True)
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(out)
    layer = "".join(page.get_textpage().get_text_range() for page in pdf)
    pdf.close()
    if sum(map(is_han, layer)) > 0.2 * len(layer):
        pytest.skip("this Ghostscript keeps the Chinese text layer")
    return out


@needs_gs
def test_unmapped_layer_is_a_typed_error(unmapped_pdf: Path) -> None:
    with pytest.raises(TextLayerError, match=r"no Unicode mapping for \d+% of its characters"):
        read_document(unmapped_pdf, "zh")


@needs_gs
@pytest.mark.skipif(not Path(UNTM).exists(), reason="the untm script is not installed")
@pytest.mark.parametrize("command", ["align", "segment"])
def test_unmapped_layer_fails_in_one_line(command: str, unmapped_pdf: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    if command == "align":
        args = ["align", str(unmapped_pdf), str(SEED_EN), "-o", str(work / "out.tmx")]
    else:
        args = ["segment", str(unmapped_pdf), "--lang", "zh", "-o", str(work / "out.txt")]
    proc = run_untm(args, tmp_path, timeout=300)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("untm: error:"), proc.stderr
    assert unmapped_pdf.name in lines[0]
    assert re.search(r"Chinese text layer has no Unicode mapping for \d+% of its characters; "
                     r"OCR or another copy is needed", lines[0]), lines[0]
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert list(work.iterdir()) == []


@needs_gs
@pytest.mark.skipif(not Path(UNTM).exists(), reason="the untm script is not installed")
def test_batch_reports_the_unmapped_layer(unmapped_pdf: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(unmapped_pdf, folder / "res.zh.pdf")
    shutil.copy(SEED_EN, folder / "res.en.txt")
    out = tmp_path / "out"
    proc = run_untm(["batch", str(folder), "-o", str(out), "--mode", "fast", "--quiet"],
                    tmp_path, timeout=300)
    assert proc.returncode == 1, proc.stderr
    [doc] = json.loads((out / "summary.json").read_text(encoding="utf-8"))["documents"]
    assert doc["status"] == "failed" and "no Unicode mapping" in doc["error"]
    assert not (out / "res.tmx").exists()


@pytest.fixture(scope="module")
def distilled_print(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The resolution's .docx in each language printed by LibreOffice's own PostScript driver
    (docgen.print_to_postscript) and distilled by Ghostscript's ps2pdf, as Word prints to a
    PostScript driver and Acrobat Distiller makes the PDF; skipped where LibreOffice cannot print
    (Debian's -nogui build: $UNTM_PRINT_SOFFICE names a full build's soffice)."""
    from docgen import PRINT_SOFFICE, print_to_postscript
    from producers.documents import DEV_DOCS
    from producers.docx_build import write_docx
    from producers.structure import structure

    if shutil.which("ps2pdf") is None:
        pytest.skip("ps2pdf (ghostscript) is not installed")
    if not os.environ.get(PRINT_SOFFICE):  # a trial print of the -nogui build costs half a minute
        pytest.skip(f"${PRINT_SOFFICE} names no LibreOffice that can print (Debian's -nogui "
                    "build, the one scripts/system-deps.sh installs, cannot)")
    folder = tmp_path_factory.mktemp("psprint")
    doc = next(d for d in DEV_DOCS if d.name == "resolution")
    pdfs: dict[str, Path] = {}
    for lang in ("zh", "en"):
        docx = write_docx(structure(doc.items(lang)), lang, doc.symbol, "23-09876 (C)",
                          folder / f"res.{lang}.docx")
        try:
            ps = print_to_postscript(docx, folder)
        except RuntimeError as exc:
            pytest.skip(str(exc))
        pdfs[lang] = ps.with_suffix(".pdf")
        subprocess.run(["ps2pdf", str(ps), str(pdfs[lang])], check=True, capture_output=True)
    return pdfs


@pytest.mark.skipif(not Path(UNTM).exists(), reason="the untm script is not installed")
def test_a_distilled_postscript_print_fails_in_one_line(distilled_print: dict[str, Path],
                                                        tmp_path: Path) -> None:
    # the driver draws each glyph by its number in a glyph set (codes 1..N in the order the
    # glyphs are first drawn, named glyph1..glyphN) and writes no Unicode anywhere: Ghostscript
    # has nothing to build a ToUnicode map from, for the Latin fonts as for the Chinese one
    zh, en = distilled_print["zh"], distilled_print["en"]
    work = tmp_path / "work"
    work.mkdir()
    runs = {"Chinese": (zh, ["align", str(zh), str(en), "-o", str(work / "out.tmx")]),
            "English": (en, ["segment", str(en), "--lang", "en", "-o", str(work / "en.txt")])}
    for language, (pdf, args) in runs.items():
        proc = run_untm(args, tmp_path, timeout=300)
        assert proc.returncode == 2, proc.stderr
        [line] = proc.stderr.strip().splitlines()
        assert line.startswith("untm: error:") and pdf.name in line, line
        assert f"{language} text layer has no Unicode mapping for 100% of its characters" in line
        assert proc.stdout == ""
    assert list(work.iterdir()) == []


# where a turned page's text starts (its first line's baseline origin) and how it is turned, so
# that the text's own top is the top of its (landscape) frame: (x, y) in points on A4
_TURNS = {90: (60.0, 100.0), 180: (535.0, 60.0), 270: (535.0, 742.0)}


def _rotated_page(
    c: canvas.Canvas, paragraphs: list[str], header: str | None = None, angle: int = 90
) -> None:
    """`paragraphs` on a page whose text is turned by `angle` degrees counter-clockwise (90: it
    runs bottom to top, a landscape page rotated into a portrait one), under `header` if one
    is given."""
    c.translate(*_TURNS[angle])
    c.rotate(angle)
    y = 0.0
    if header:
        c.setFont(FONT, SIZE)
        c.drawString(0, y, header)
        y -= 24
    _draw_paragraphs(c, paragraphs, 0.0, y)
    c.showPage()


def _draw_paragraphs(c: canvas.Canvas, paragraphs: list[str], x: float, y: float) -> None:
    """`paragraphs` in lines 500 points wide, the first line's baseline at (`x`, `y`)."""
    for text in paragraphs:
        for words in _wrap(text, 500.0, 0.0):
            c.setFont(FONT, SIZE)
            c.drawString(x, y, " ".join(words))
            y -= 12
        y -= 6


def _rotated(path: Path, angle: int = 90) -> Path:
    """The paragraphs three times on one turned page."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    _rotated_page(c, list(PARAGRAPHS) * 3, angle=angle)
    c.save()
    return path


def _rotated_pages(path: Path, pages: int = 3, *, rotate: int = 0) -> Path:
    """The paragraphs on `pages` pages turned by 90 degrees, each under a running header, then a
    blank page; with `rotate`, each turned page carries that `/Rotate` (90: it shows upright)."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for _ in range(pages):
        if rotate:
            c.setPageRotation(rotate)
        _rotated_page(c, list(PARAGRAPHS), "Report of the Executive Director")
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("angle", [90, 180, 270])
def test_turned_page_is_read_in_its_own_frame(tmp_path: Path, angle: int) -> None:
    """Text drawn turned (a landscape table page rotated into a portrait one) is read by the
    layout, in the text's own frame: no fallback, every paragraph exact."""
    doc = read_document(_rotated(tmp_path / f"rotated{angle}.en.pdf", angle), "en")
    assert not doc.notes
    assert [p.text for p in doc.paragraphs] == list(PARAGRAPHS) * 3


@pytest.mark.parametrize("angle", [30, -20])
def test_oblique_page_is_read_in_its_own_frame(tmp_path: Path, angle: int) -> None:
    """A page whose text is drawn at an angle that is not a right one (no glyph upright) reads
    the same: its text is the page's, not a page without text."""
    path = tmp_path / "oblique.en.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.translate(40, 300)
    c.rotate(angle)
    _draw_paragraphs(c, list(PARAGRAPHS), 0.0, 0.0)
    c.showPage()
    c.save()
    doc = read_document(path, "en")
    assert not doc.notes
    assert [p.text for p in doc.paragraphs] == list(PARAGRAPHS)
    assert not [f for f in doc.furniture if f.kind == "page-without-text"]


@pytest.mark.parametrize("rotate", [0, 90])
def test_turned_pages_keep_their_furniture(tmp_path: Path, rotate: int) -> None:
    """Turned pages (drawn turned, with or without a `/Rotate` that shows them upright) read
    by the layout with their running header found on each page and the blank page reported."""
    doc = read_document(_rotated_pages(tmp_path / "pages.en.pdf", rotate=rotate), "en")
    assert not doc.notes
    assert [p.text for p in doc.paragraphs] == list(PARAGRAPHS) * 3
    headers = [f.line for f in doc.furniture if f.kind == "running-header"]
    assert headers == [1, 2, 3]
    assert [f.text for f in doc.furniture if f.kind == "page-without-text"] == ["page 4"]


def test_turned_words_on_an_upright_page_are_read_apart(tmp_path: Path) -> None:
    """Words set upwards below upright paragraphs (a table's column headers) are read as words
    of their own, where they stand; the upright text reads as it does without them."""
    path = tmp_path / "headers.en.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    _draw_paragraphs(c, list(PARAGRAPHS), 60.0, 780.0)
    for k, label in enumerate(["Population", "Households"]):
        c.saveState()
        c.translate(100 + 20 * k, 450)
        c.rotate(90)
        c.setFont(FONT, SIZE)
        c.drawString(0, 0, label)
        c.restoreState()
    c.showPage()
    c.save()
    doc = read_document(path, "en")
    assert not doc.notes
    assert [p.text for p in doc.paragraphs] == [*PARAGRAPHS, "Population", "Households"]


def _wavy(path: Path, header: str | None = None, pages: int = 1) -> Path:
    """The paragraphs three times (once a page with `pages`), each glyph drawn at its own angle
    (text set on a wave, -6 to 6 degrees): no text frame holds more than scattered glyphs, so
    the layout reads one-character lines, and PDFium's text order reads the text; then a blank
    page where `pages` > 1."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for _ in range(pages):
        y = 780.0
        lines = [[header]] if header else []
        for text in list(PARAGRAPHS) * (3 if pages == 1 else 1):
            lines += [[" ".join(words)] for words in _wrap(text, 480.0, 0.0)] + [[]]
        for line in lines:
            x = 60.0
            for k, ch in enumerate("".join(line)):
                c.saveState()
                c.translate(x, y)
                c.rotate((-6, 0, 6, 0)[k % 4])
                c.setFont(FONT, SIZE)
                c.drawString(0, 0, ch)
                c.restoreState()
                x += c.stringWidth(ch, FONT, SIZE)
            y -= 14 if line else 8
        c.showPage()
    if pages > 1:
        c.showPage()
    c.save()
    return path


def test_self_check_falls_back_to_the_text_order(tmp_path: Path) -> None:
    path = _wavy(tmp_path / "wavy.en.pdf")
    doc = read_document(path, "en")
    assert [p.text for p in doc.paragraphs] == list(PARAGRAPHS) * 3
    [note] = doc.notes
    assert note.startswith("read in PDFium's text order through the text path")
    assert "segments per 1,000 characters" in note or "one character" in note


def test_fallback_reads_across_page_breaks(tmp_path: Path) -> None:
    """The text reading ends each page's last line (PDFium's page text has no break after it):
    no word glued to the next page's header, the header found on every page, and the text
    layer's own furniture (the blank page) kept as the layout reading keeps it."""
    doc = read_document(
        _wavy(tmp_path / "pages.en.pdf", "Report of the Executive Director", pages=3), "en"
    )
    assert doc.notes and doc.notes[0].startswith("read in PDFium's text order")
    assert [p.text for p in doc.paragraphs] == list(PARAGRAPHS) * 3
    headers = [f.line for f in doc.furniture if f.kind == "running-header"]
    assert headers == [1, 2, 3]
    assert [f.text for f in doc.furniture if f.kind == "page-without-text"] == ["page 4"]


@pytest.mark.skipif(not Path(UNTM).exists(), reason="the untm script is not installed")
def test_fallback_is_reported_in_the_summary(tmp_path: Path) -> None:
    zh = render_pdf(resolution_items("zh"), "zh", LAYOUTS[0], tmp_path / "res.zh.pdf")
    en = _wavy(tmp_path / "wavy.en.pdf")
    result = align_files(zh, en, AlignOptions(mode="fast"))
    summary = summarize(result)
    assert [n[:4] for n in summary.reading] == ["en: "]
    assert any(line.startswith("reading: en: read in PDFium's text order")
               for line in summary.lines())
    data = json.loads(result_json(result, source_name="res", options=AlignOptions(mode="fast")))
    assert data["summary"]["reading"] == summary.reading
    proc = run_untm(["segment", str(en), "--lang", "en"], tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.startswith(f"untm: note: {en.name}: read in PDFium's text order")


def test_reading_is_in_the_json_only_when_a_reader_took_a_note() -> None:
    """A pair read without a note gives the JSON summary and batch record it gave before."""
    quiet = AlignSummary(segments_zh=1, segments_en=1)
    assert "reading" not in quiet.to_dict()
    assert not any(line.startswith("reading:") for line in quiet.lines())
    noted = AlignSummary(segments_zh=1, segments_en=1, reading=["en: read in PDFium's text order"])
    assert noted.to_dict()["reading"] == ["en: read in PDFium's text order"]
    assert "reading" not in PairOutcome(name="res", status="ok").to_dict()
    outcome = PairOutcome(name="res", status="ok", reading=("zh: note",))
    assert outcome.to_dict()["reading"] == ["zh: note"]
