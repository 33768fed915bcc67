"""Glyphs without a Unicode meaning that the PDF reader leaves out are counted and reported.

- A Type 3 font without a ToUnicode map whose glyph names mean nothing (PyMuPDF's
  test_3186.pdf: its Italian apostrophes and its bullets): PDFium gives the apostrophe no
  character (U+0000) and the bullet its raw code. Both are left out as before (a unit with
  such an apostrophe is good text, kept), and now counted and said in one reading note with
  their pages, as the reader's other notes are: `untm segment` prints it, `untm align` puts it
  in its summary and its JSON ("reading"), beside the per-page `unmapped-glyphs` furniture.
- A font's ToUnicode map that gives a glyph U+0002 or U+0000 (or U+FFFE): PDFium leaves the
  first out of its page text as a control and gives the second U+FFFE, the codes it uses for
  its own mark of a line-end hyphen (`FPDFText_IsHyphen`), and the reader took each for a
  hyphen ("dell-assicurato"). Only the hyphens PDFium marked are hyphens; the map's codes are
  codes without meaning, left out and counted as U+0003 is.
- Guards: a line-end hyphen PDFium marks still joins its word, and ordinary PDFs (a reportlab
  seed) get no note.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import UNTM, run_untm
from pdfgen import render_pdf, seed_items
from producers.unmapped import LAYOUT
from type3fonts import MARKS, marks_pdf

from untm.aligner.glyphforms import LOST
from untm.aligner.pdflayout.chars import read_pdf_chars
from untm.aligner.read import read_document
from untm.aligner.segment import segment_document

PAGES = [
    ["The Secretary-General's report describes the Organization's work in the field and",
     "the Member States' views on it. The Committee's recommendations are set out below",
     "and were adopted at the Council's session without a vote.",
     "",
     "• the programme's budget for the biennium, approved by the Assembly;",
     "• the Board's audit of the Organization's accounts for the year."],
    ["The Council's decision on the matter was taken after the Committee had heard the",
     "Secretariat's answers to the delegations' questions on the programme."],
]
MARKED = sum(line.count(ch) for page in PAGES for line in page for ch in MARKS)  # 13
NOTE = f"{MARKED} glyphs on pages 1–2 have no Unicode meaning and are not in the text"
ZH = ("秘书长的报告介绍了本组织在实地的工作以及会员国对此的看法。委员会的建议列于下文，"
      "并在理事会届会上未经表决获得通过。\n\n方案两年期预算经大会核准。审计委员会审计了本组织的账目。\n\n"
      "理事会在委员会听取秘书处对各代表团问题的答复后就此事作出决定。\n")


@pytest.fixture(scope="module")
def marks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("marks") / "marks.pdf"
    path.write_bytes(marks_pdf(PAGES))
    return path


def _text(path: Path) -> str:
    return "\n".join(p.text for p in read_document(path, "en").paragraphs)


def test_glyphs_without_meaning_are_left_out_counted_and_noted(marks: Path) -> None:
    pages = read_pdf_chars(marks.read_bytes(), marks.name)
    assert [p.dropped for p in pages] == [10, 3] and MARKED == 13
    assert [p.unmapped for p in pages] == [10, 3]  # as before: none read as U+FFFD
    doc = read_document(marks, "en")
    assert NOTE in doc.notes
    text = "\n".join(p.text for p in doc.paragraphs)
    # read as before: the apostrophe left out where it stood, the words on either side kept
    assert "Secretary-General s report" in text and "Member States  views" not in text
    assert "States views" in text and LOST not in text and "•" not in text
    assert "programme s budget for the biennium" in text
    kinds = [(f.kind, f.text, f.line) for f in doc.furniture if f.kind == "unmapped-glyphs"]
    assert kinds == [("unmapped-glyphs", "10 glyphs without a Unicode mapping", 1),
                     ("unmapped-glyphs", "3 glyphs without a Unicode mapping", 2)]


def test_one_page_one_glyph_reads_in_the_singular(tmp_path: Path) -> None:
    path = tmp_path / "one.pdf"
    path.write_bytes(marks_pdf([PAGES[1][:1], ["The Committee approved the programme of work",
                                               "for the biennium without a vote."]]))
    assert "1 glyph on page 1 has no Unicode meaning and is not in the text" in read_document(
        path, "en").notes


@pytest.mark.skipif(not Path(UNTM).exists(), reason="the untm script is not installed")
def test_untm_segment_prints_the_note(marks: Path, tmp_path: Path) -> None:
    proc = run_untm(["segment", str(marks), "--lang", "en"], tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert f"untm: note: marks.pdf: {NOTE}\n" in proc.stderr
    segments = segment_document(read_document(marks, "en"))
    assert proc.stdout == "".join(f"{s.text}\n" for s in segments)


@pytest.mark.skipif(not Path(UNTM).exists(), reason="the untm script is not installed")
def test_untm_align_summary_and_json_hold_the_note(marks: Path, tmp_path: Path) -> None:
    zh = tmp_path / "marks.zh.txt"
    zh.write_text(ZH, encoding="utf-8")
    args = ["align", str(zh), str(marks), "-o", str(tmp_path / "out.tsv"), "--mode", "fast"]
    proc = run_untm([*args, "--json"], tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["reading"] == [f"en: {NOTE}"]
    assert summary["furniture_kinds"]["unmapped-glyphs"] == 2
    proc = run_untm(args, tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert f"reading: en: {NOTE}\n" in proc.stdout


@pytest.mark.parametrize("code", ["\x02", "\x00", "\ufffe"], ids=["U+0002", "U+0000", "U+FFFE"])
def test_a_maps_hyphen_codes_are_no_hyphens(code: str, tmp_path: Path) -> None:
    """Helvetica with a ToUnicode map that gives its apostrophe `code`: before, read as a
    hyphen ("Secretary-General-s report")."""
    path = tmp_path / "map.pdf"
    path.write_bytes(marks_pdf(PAGES, marks={}, letters={"'": code}))
    doc = read_document(path, "en")
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "General-s" not in text and "States-" not in text
    assert "Secretary-General s report" in text and "programme s budget" in text
    apostrophes = sum(line.count("'") for page in PAGES for line in page)
    assert f"{apostrophes} glyphs on pages 1–2 have no Unicode meaning and are not in the text" in (
        doc.notes)
    pages = read_pdf_chars(path.read_bytes(), path.name)
    assert sum(p.dropped for p in pages) == apostrophes == MARKED - 2  # the bullets are read
    assert text.count("•") == 2


HYPHENATED = ["The Committee's recommendations on the programme of work were adopted by the",
              "Council at its resumed session, after the Secretariat had answered the ques-",
              "tions of the delegations on the budget for the biennium."]


@pytest.mark.parametrize("letters", [None, {}, {"'": "\x02"}], ids=["no map", "map", "U+0002"])
def test_a_line_end_hyphen_pdfium_marks_still_joins_its_word(
    letters: dict[str, str] | None, tmp_path: Path
) -> None:
    """Guard: the hyphen that ends "ques-" is PDFium's mark (U+0002 / U+FFFE, checked here),
    read as "-" and joined by the layout, whatever the font's map gives other glyphs."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    path = tmp_path / "hyphen.pdf"
    path.write_bytes(marks_pdf([HYPHENATED], marks={}, letters=letters))
    pdf = pdfium.PdfDocument(str(path))
    textpage = pdf[0].get_textpage()
    marked = [i for i in range(pdfium_c.FPDFText_CountChars(textpage.raw))
              if pdfium_c.FPDFText_IsHyphen(textpage.raw, i) == 1]
    textpage.close()
    pdf.close()
    assert len(marked) == 1
    assert "the questions of the delegations" in _text(path)


def test_an_ordinary_pdf_gets_no_note(tmp_path: Path) -> None:
    """Guard: the seed as reportlab writes it (every glyph mapped) reads without the note."""
    path = render_pdf(seed_items("en"), "en", LAYOUT, tmp_path / "seed.en.pdf")
    assert not any("no Unicode meaning" in n for n in read_document(path, "en").notes)
    assert all(p.unmapped == 0 for p in read_pdf_chars(path.read_bytes(), path.name))
