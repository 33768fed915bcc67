"""PDFs untm refused though `pdftotext` reads them (issue 16's property sweep), each read or
refused as a user would expect. Damaged PDFs that still hold their whole text are read, with
what is wrong said; PDFs that lost text are refused or say what they lost:

- a PDF whose writer left out the end-of-file marker (`%%EOF`), or the offset after
  `startxref` as well, but wrote every object and its cross-reference section, reads as the
  whole file does, with one note (pdf.js's issue 6069 is such a file);
- a PDF cut short anywhere before its last cross-reference section is still refused as
  truncated (one typed error);
- a page PDFium cannot load (a page tree that loops back on itself, as pdf.js's
  `Pages-tree-refs.pdf`) is left out and said: one note, and one `page-not-read` furniture
  item per page, which the JSON summary counts; a PDF of which no page loads is refused;
- a PDF all of whose text is read as page furniture (one line repeated at the head of every
  page, as sample-files' `habibi-rotated.pdf`, in Arabic) is refused for its language when it
  is not in the language it was given as, as it would be with one body line more, and else as
  empty, with where its text went;
- an owner password alone is no bar, a user password is (guards);
- one Chinese sentence is a text layer (pdf.js's `SimFang-variant.pdf`: eleven characters,
  refused as a scan), a stamp of a few characters is not.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pdfgen import LAYOUTS, assemble, deep_tree_pdf, render_pdf, resolution_items
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from untm.aligner.read import read_document
from untm.errors import FormatError, InputError, LanguageMismatchError
from untm.pipeline import AlignOptions, align_files, result_json

_PAGE = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
         b"/Resources << /Font << /F1 5 0 R >> >> >>")
FIRST = "The General Assembly adopted the resolution without a vote."
SECOND = "The Security Council decided to remain seized of the matter."


def _stream(text: str) -> bytes:
    content = b"BT /F1 12 Tf 72 700 Td (" + text.encode() + b") Tj ET"
    return b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)


def _looping_pdf() -> bytes:
    """Three pages in the page tree: two of text, then a `Pages` node whose kid is a node whose
    kid is the first node again (no page at the end of it)."""
    return assemble({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R 8 0 R 6 0 R] /Count 3 >>",
        3: _PAGE % 4,
        4: _stream(FIRST),
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        6: b"<< /Type /Pages /Parent 2 0 R /Kids [7 0 R] /Count 1 >>",
        7: b"<< /Type /Pages /Parent 6 0 R /Kids [6 0 R] /Count 1 >>",
        8: _PAGE % 9,
        9: _stream(SECOND),
    })


@pytest.fixture(scope="module")
def resolution(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("damaged")
    return render_pdf(resolution_items("en"), "en", LAYOUTS[0], folder / "res.en.pdf")


def _texts(path: Path) -> list[str]:
    return [p.text for p in read_document(path, "en").paragraphs]


@pytest.mark.parametrize("offset", [True, False], ids=["marker", "offset-and-marker"])
def test_a_pdf_without_its_end_marker_but_whole_is_read(
    offset: bool, resolution: Path, tmp_path: Path
) -> None:
    tail = resolution.read_bytes().rstrip()
    assert tail.endswith(b"%%EOF")
    tail = tail[: -len(b"%%EOF")].rstrip()
    if not offset:  # the offset after `startxref` left out too (as in pdf.js's issue 6069)
        tail = tail[: tail.rindex(b"startxref") + len(b"startxref")]
    damaged = tmp_path / "noeof.en.pdf"
    damaged.write_bytes(tail + b"\n")
    doc = read_document(damaged, "en")
    assert [p.text for p in doc.paragraphs] == _texts(resolution)
    assert doc.notes[0].startswith("the PDF has no end-of-file marker")


def test_a_pdf_cut_short_anywhere_before_its_cross_references_is_refused(
    resolution: Path, tmp_path: Path
) -> None:
    """Every cut before the last `startxref` (inside an object, between objects, inside the
    cross-reference table or the trailer) is refused as truncated."""
    data = resolution.read_bytes()
    last = data.rindex(b"startxref")
    xref = data.rindex(b"xref", 0, last)
    trailer = data.rindex(b"trailer")
    cuts = [len(data) * k // 10 for k in range(1, 10)]
    cuts += [xref - 1, xref + 20, trailer + 3, last - 1, last + 4]
    damaged = tmp_path / "cut.en.pdf"
    for cut in cuts:
        damaged.write_bytes(data[:cut])
        with pytest.raises(FormatError, match="truncated"):
            read_document(damaged, "en")


def test_a_page_that_cannot_be_loaded_is_left_out_and_said(tmp_path: Path) -> None:
    path = tmp_path / "loop.en.pdf"
    path.write_bytes(_looping_pdf())
    doc = read_document(path, "en")
    assert [p.text for p in doc.paragraphs] == [FIRST, SECOND]
    assert [(f.kind, f.line) for f in doc.furniture] == [("page-not-read", 3)]
    assert doc.notes == ("page 3 of 3 cannot be read (Failed to load page.) and is left out; "
                         "the other pages are read",)


def test_the_page_not_read_is_counted_in_the_json_summary(tmp_path: Path) -> None:
    en = tmp_path / "loop.en.pdf"
    en.write_bytes(_looping_pdf())
    zh = tmp_path / "loop.zh.txt"
    zh.write_text("大会未经表决通过了该决议。\n安全理事会决定继续处理此案。\n", encoding="utf-8")
    result = align_files(zh, en, AlignOptions(mode="fast"))
    data = json.loads(result_json(result, source_name="loop", options=AlignOptions(mode="fast")))
    assert data["summary"]["furniture_kinds"] == {"page-not-read": 1}
    assert any("page 3 of 3 cannot be read" in n for n in data["summary"]["reading"])


def test_a_pdf_of_which_no_page_loads_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.en.pdf"
    path.write_bytes(deep_tree_pdf(5000))
    with pytest.raises(FormatError, match="page 1 cannot be read"):
        read_document(path, "en")


DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
RUSSIAN = "Всеобщая декларация прав человека"
ENGLISH = "Universal Declaration of Human Rights"


def _heads(path: Path, line: str, *, body: str = "", pages: int = 4) -> Path:
    """`pages` pages that each hold `line` at their head (and `body` lower down, if any)."""
    pdfmetrics.registerFont(TTFont("DejaVu", str(DEJAVU)))
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for _ in range(pages):
        c.setFont("DejaVu", 10)
        c.drawString(72, 800, line)
        if body:
            c.drawString(72, 700, body)
        c.showPage()
    c.save()
    return path


needs_dejavu = pytest.mark.skipif(not DEJAVU.exists(), reason="fonts-dejavu is not installed")


@needs_dejavu
def test_a_pdf_all_furniture_in_another_language_is_refused_for_its_language(
    tmp_path: Path,
) -> None:
    path = _heads(tmp_path / "heads.pdf", RUSSIAN)
    with pytest.raises(LanguageMismatchError, match="another script"):
        read_document(path, "en")


@needs_dejavu
def test_a_pdf_all_furniture_in_its_language_is_empty(tmp_path: Path) -> None:
    path = _heads(tmp_path / "heads.pdf", ENGLISH)
    with pytest.raises(InputError, match="the document is empty") as refused:
        read_document(path, "en")
    assert type(refused.value) is InputError


@needs_dejavu
def test_a_pdf_with_body_text_in_another_language_is_refused_for_its_language(
    tmp_path: Path,
) -> None:
    path = _heads(tmp_path / "body.pdf", RUSSIAN, body=RUSSIAN + ", статья 1")
    with pytest.raises(LanguageMismatchError, match="another script"):
        read_document(path, "en")


@pytest.mark.parametrize(("user", "read"), [("", True), ("secret", False)],
                         ids=["owner-password-only", "user-password"])
def test_an_encrypted_pdf_is_read_only_when_it_opens_without_a_password(
    user: str, read: bool, tmp_path: Path
) -> None:
    """A PDF with only an owner password (its permissions) opens without one, as in any viewer,
    and is read; one that asks for a user password to open is refused (pypdf's
    `r5-user-password.pdf` and pdf.js's `pr6531_2.pdf` are such files: `pdftotext` reads them
    only because their owner password is empty and poppler tries it, as PDFium and pdf.js do
    not)."""
    from reportlab.lib import pdfencrypt

    path = tmp_path / "encrypted.pdf"
    enc = pdfencrypt.StandardEncryption(user, ownerPassword="owner", strength=128)
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=enc, invariant=1)
    c.drawString(72, 700, FIRST)
    c.showPage()
    c.save()
    if read:
        assert [p.text for p in read_document(path, "en").paragraphs] == [FIRST]
    else:
        with pytest.raises(InputError, match="encrypted with a password"):
            read_document(path, "en")


def _one_line(path: Path, text: str, font: str) -> Path:
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont(font, 14)
    c.drawString(72, 700, text)
    c.showPage()
    c.save()
    return path


def test_a_pdf_of_one_chinese_sentence_has_a_text_layer(tmp_path: Path) -> None:
    """Eleven Chinese characters are as much text as the same sentence in English (28 letters,
    read): the text layer is read, not refused as a scan (pdf.js's `SimFang-variant.pdf`)."""
    path = _one_line(tmp_path / "one.zh.pdf", "全世界无产者，联合起来", "STSong-Light")
    assert [p.text for p in read_document(path, "zh").paragraphs] == ["全世界无产者，联合起来"]
    with pytest.raises(LanguageMismatchError, match="letters are Chinese"):
        read_document(path, "en")
    english = _one_line(tmp_path / "one.en.pdf", "Workers of the world, unite!", "Helvetica")
    assert [p.text for p in read_document(english, "en").paragraphs] == [
        "Workers of the world, unite!"]


@pytest.mark.parametrize(("text", "font", "lang"), [
    ("联合国", "STSong-Light", "zh"), ("United Nations", "Helvetica", "en")])
def test_a_pdf_with_a_few_characters_has_no_text_layer(
    text: str, font: str, lang: str, tmp_path: Path
) -> None:
    """A few characters (a stamp, a heading over a scanned page) are no text layer still."""
    path = _one_line(tmp_path / f"stamp.{lang}.pdf", text, font)
    with pytest.raises(InputError, match="no text layer"):
        read_document(path, lang)
