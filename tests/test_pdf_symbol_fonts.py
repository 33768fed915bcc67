"""Word's symbol-font codes (U+F020-U+F0FF) read as the characters they draw (issue 16).

Word writes a Symbol or Wingdings character as the font's byte code + 0xF000, and Distiller and
Word's PDF export keep that private-use code in the ToUnicode map (U+F0B7: Symbol's bullet, in
every bulleted list). Pages made here with reportlab: an embedded TrueType subset (DejaVu Sans
under the font name the case needs) whose ToUnicode map gives the bullet such a code, as Word's
PDFs do.

- Symbol's and Wingdings' codes that have a character are read as it ("•", "▪"), and a bullet
  hanging before its item (a tab away) is read with the item as one paragraph, as a bullet that
  is U+2022 in the layer is: the same segments, no fall-back to the page text.
- Guards: the same code in another font (an icon font's), a code of Symbol without a character
  (a bracket piece), a code of Wingdings 2 (no table checked) stay codes without meaning, left
  out and counted as before; LibreOffice, which draws Word's Symbol bullet in OpenSymbol and
  keeps U+F0B7 in its map, is such a case too (OpenSymbol's codes are Symbol's or Wingdings',
  which the font name does not tell).
- The Symbol table is the Adobe Symbol encoding through the Adobe Glyph List; the Wingdings
  bullets are the shapes Ghostscript's Wingdings encoding names.
- tests/pdfcheck.py counts pdftotext's U+F0B7 as kept where untm read the glyph as "•".
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pdfcheck import check_pdf, has_pdftotext
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfgen import canvas

from untm.aligner.pdflayout.chars import PageChars, read_pdf_chars
from untm.aligner.readers.pdf import read_pdf

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
ITEMS = ("Strengthen the national statistical offices.", "Report on progress each year.",
         "Share good practice between regions.")
OPENING = "The Committee adopted the following list of measures."
CLOSING = "The list is closed."
BULLET = "\u2022"
PIECE = "\u00b6"  # a glyph drawn to stand for a code of the font without a character

pytestmark = pytest.mark.skipif(not DEJAVU.exists(), reason="fonts-dejavu-core not installed")


def _page(path: Path, face: str, code: int | None, piece: int | None = None) -> Path:
    """A page with a bulleted list: each bullet drawn in DejaVu Sans embedded under the font
    name `face`, its ToUnicode map giving `code` for it (None: U+2022 as drawn), a tab's width
    before its item (Word's hanging indent); the text in Helvetica; `piece`: a glyph of the
    same font after the last line, mapped to that code."""
    font = ttfonts.TTFont(f"Bullets-{face}-{code}", str(DEJAVU))
    font.face.name = face.encode()
    pdfmetrics.registerFont(font)
    original = ttfonts.makeToUnicodeCMap

    def make_cmap(fontname: str, subset: list[int]) -> str:
        if code is not None and fontname.endswith("+" + face):
            subset = [code if u == ord(BULLET) else piece if u == ord(PIECE) and piece else u
                      for u in subset]
        return str(original(fontname, subset))

    ttfonts.makeToUnicodeCMap = make_cmap
    try:
        c = canvas.Canvas(str(path))
        c.setFont("Helvetica", 11)
        c.drawString(72, 760, OPENING)
        y = 736.0
        for item in ITEMS:
            c.setFont(font.fontName, 11)
            c.drawString(80, y, BULLET)
            c.setFont("Helvetica", 11)
            c.drawString(98, y, item)
            y -= 16
        c.drawString(72, y - 8, CLOSING)
        if piece is not None:
            c.setFont(font.fontName, 11)
            c.drawString(72, y - 40, PIECE)
        c.save()
    finally:
        ttfonts.makeToUnicodeCMap = original
    return path


def _chars(path: Path) -> PageChars:
    (page,) = read_pdf_chars(path.read_bytes(), path.name)
    return page


def _paragraphs(path: Path) -> list[str]:
    return [p.text for p in read_pdf(path, "en").cleaned.paragraphs]


@pytest.mark.parametrize(("face", "code", "mark"), [
    ("SymbolMT", 0xF0B7, "•"),  # Word's bullet
    ("Symbol", 0xF0B7, "•"),
    ("Wingdings-Regular", 0xF0A7, "▪"),  # Word's small square
    ("Wingdings", 0xF0D8, "➢"),
    ("Wingdings", 0xF0FC, "✓"),
])
def test_a_symbol_font_code_is_read_as_its_character(
    tmp_path: Path, face: str, code: int, mark: str
) -> None:
    """Each bullet read as its character where it stands, none counted as unmapped (on main:
    left out, three glyphs without a Unicode mapping)."""
    page = _chars(_page(tmp_path / "list.pdf", face, code))
    assert page.unmapped == 0
    assert page.text.splitlines() == [OPENING, *(f"{mark} {item}" for item in ITEMS), CLOSING]


def test_a_word_bullet_reads_as_a_bullet_of_the_layer(tmp_path: Path) -> None:
    """Word's U+F0B7 in SymbolMT gives the paragraphs a U+2022 bullet gives: each item one
    paragraph with its bullet, read by the layout (no note of a fall-back to the page text)."""
    word = read_pdf(_page(tmp_path / "word.pdf", "SymbolMT", 0xF0B7), "en")
    plain = read_pdf(_page(tmp_path / "plain.pdf", "DejaVuSans", None), "en")
    expected = [OPENING, *(f"{BULLET} {item}" for item in ITEMS), CLOSING]
    assert [p.text for p in word.cleaned.paragraphs] == expected
    assert [p.text for p in plain.cleaned.paragraphs] == expected
    assert word.notes == plain.notes == ()


@pytest.mark.parametrize(("face", "code"), [
    ("FontAwesome", 0xF0B7),  # an icon font's private-use code: its own meaning
    ("Wingdings2", 0xF0B7),  # no table checked for Wingdings 2
    ("SymbolMT", 0xF0E6),  # Symbol's bracket piece: no character
])
def test_other_private_use_codes_stay_counted(tmp_path: Path, face: str, code: int) -> None:
    """Guard: codes without a table's character are left out and counted, as before, and the
    ordinary text is what it was."""
    page = _chars(_page(tmp_path / "list.pdf", face, code))
    assert page.unmapped == len(ITEMS)
    assert page.text.split() == " ".join([OPENING, *ITEMS, CLOSING]).split()
    assert " ".join(_paragraphs(tmp_path / "list.pdf")).split() == page.text.split()


def test_a_code_without_a_character_leaves_the_others_of_its_font(tmp_path: Path) -> None:
    """Symbol's bullets and one of its bracket pieces (U+F0E6, no character): the piece is left
    out and counted, the bullets read (before, one code of four without meaning made the whole
    font a font without a map, and every bullet was left out)."""
    page = _chars(_page(tmp_path / "list.pdf", "SymbolMT", 0xF0B7, piece=0xF0E6))
    assert page.unmapped == 1
    assert page.text.splitlines() == [OPENING, *(f"• {item}" for item in ITEMS), CLOSING]


def test_font_names() -> None:
    """The font is known by its base name, subset prefix and style aside."""
    from untm.aligner.pdflayout import symbolfonts

    known = ["Symbol", "SymbolMT", "EAAAAA+SymbolMT", "Symbol,Bold", "Wingdings-Regular",
             "ABCDEF+Wingdings", "Wingdings,Bold"]
    unknown = ["Wingdings2", "Wingdings 3", "Wingdings-2", "Webdings", "OpenSymbol",
               "SymbolPi", "FontAwesome", "TimesNewRomanPSMT", "?"]
    assert all(symbolfonts.font_table(n) is not None for n in known)
    assert all(symbolfonts.font_table(n) is None for n in unknown)


# the glyph-list characters the table does not take: compatibility signs for the Greek letters
# the font draws, U+2329/U+232A (canonically the CJK angle brackets), and the registered,
# copyright and trademark signs the glyph list gives private-use codes
_NOT_AGL = {"mu": "μ", "Omega": "Ω", "Delta": "Δ", "angleleft": "⟨", "angleright": "⟩",
            "registerserif": "®", "copyrightserif": "©", "trademarkserif": "™",
            "registersans": "®", "copyrightsans": "©", "trademarksans": "™"}


def test_the_symbol_table_is_the_adobe_symbol_encoding() -> None:
    """Every code of the Symbol table is its glyph's character in the Adobe Glyph List
    (pdfminer's) by its name in the Symbol encoding (reportlab's), save `_NOT_AGL`; codes
    without a glyph or whose glyph the list gives a private-use code have none."""
    from pdfminer.glyphlist import glyphname2unicode
    from reportlab.pdfbase._fontdata_enc_symbol import SymbolEncoding

    from untm.aligner.pdflayout import symbolfonts

    table = symbolfonts.font_table("Symbol")
    assert table is not None
    for byte in range(0x20, 0x100):
        name = SymbolEncoding[byte]
        agl = _NOT_AGL.get(name) or glyphname2unicode.get(name or "", "")
        expected = agl if len(agl) == 1 and not "\ue000" <= agl <= "\uf8ff" else None
        assert table.get(0xF000 + byte) == expected, (hex(byte), name)


_WINGDINGS_NAMES = {0x6C: "circle6", 0x6E: "square6", 0x6F: "box3", 0x71: "boxshadowdwn",
                    0x72: "boxshadowup", 0x75: "rhombus6", 0x76: "xrhombus", 0x9F: "circle4",
                    0xA1: "ring2", 0xA7: "square4", 0xA8: "box2", 0xD8: "head2right",
                    0xE8: "barb4right", 0xFB: "xmarkbld", 0xFC: "checkbld", 0xFD: "boxxmarkbld",
                    0xFE: "boxcheckbld"}


def _ghostscript_wingdings() -> Iterator[Path]:
    yield from Path("/usr/share/ghostscript").glob("*/Resource/Encoding/Wingdings")


def test_the_wingdings_bullets_are_the_shapes_their_glyphs_are_named() -> None:
    """The Wingdings codes of the table are the glyphs Ghostscript's Wingdings encoding names as
    the shapes the table gives (and no others)."""
    from untm.aligner.pdflayout import symbolfonts

    table = symbolfonts.font_table("Wingdings")
    assert table is not None
    assert sorted(table) == sorted(0xF000 + b for b in _WINGDINGS_NAMES)
    found = next(_ghostscript_wingdings(), None)
    if found is None:
        pytest.skip("Ghostscript's Wingdings encoding not installed")
    names = {int(k): v for k, v in re.findall(r"dup (\d+) /(\w+) put", found.read_text())}
    assert {b: names.get(b) for b in _WINGDINGS_NAMES} == _WINGDINGS_NAMES


@pytest.mark.skipif(not has_pdftotext(), reason="pdftotext (poppler-utils) not installed")
def test_pdfcheck_counts_a_read_bullet_as_kept(tmp_path: Path) -> None:
    """pdftotext prints Word's bullet as U+F0B7, untm as "•": the same glyph, counted kept."""
    pdf = _page(tmp_path / "list.pdf", "SymbolMT", 0xF0B7)
    assert "\uf0b7" in subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                      text=True, check=True).stdout
    assert check_pdf(pdf, "en").coverage == 1.0


@pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice not installed")
def test_libreoffice_draws_word_bullets_in_opensymbol(tmp_path: Path) -> None:
    """Guard: a .docx whose list bullet is Word's (U+F0B7 in Symbol, python-docx's List Bullet)
    converted by LibreOffice: the bullet is drawn in OpenSymbol with U+F0B7 kept in its map; the
    font does not say whose code it is, so it stays a code without meaning, counted; the items'
    text is read whole."""
    from docx import Document

    doc = Document()
    doc.add_paragraph(OPENING)
    for item in ITEMS:
        doc.add_paragraph(item, style="List Bullet")
    doc.add_paragraph(CLOSING)
    doc.save(str(tmp_path / "list.docx"))
    profile = (tmp_path / "profile").resolve().as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "list.docx")],
                   check=True, capture_output=True, timeout=300)
    page = _chars(tmp_path / "list.pdf")
    assert page.unmapped == len(ITEMS)
    assert BULLET not in page.text
    assert page.text.split() == " ".join([OPENING, *ITEMS, CLOSING]).split()
