"""CID-keyed fonts without a ToUnicode map, read through their embedded program's own cmap
(issue 16: text layers that do not map to Unicode, what has a standard mapping).

The PDFs are made here (tests/cidfonts.py): a Type0 font (Identity-H) whose CIDFontType2 embeds
a TrueType program, each character drawn as the code of its glyph, no ToUnicode map. PDFium
flags those glyphs and gives their codes (glyph ids) as the characters, as poppler's
`pdftotext` does ("7KH*HQHUDO" for "The General"); the reader reads them through the program's
cmap where the glyph boxes show that the codes are glyph ids (`pdflayout.fontmaps`).

- Latin (DejaVu Sans) and Chinese (WenQuanYi Micro Hei) pages read as the text drawn, with the
  very characters and boxes of the same page with a ToUnicode map, said in one note; the
  Chinese page has glyph ids in a right-to-left range (会 is glyph 2249, U+08C9), which PDFium
  does not flag.
- A ToUnicode map that leaves some characters out: those read through the cmap.
- A program without a cmap: the Chinese page is refused with the one-line error (nothing maps),
  never read as the characters its glyph ids happen to be.
Guards (as before the rule):
- the same pages with a ToUnicode map;
- the English page without a cmap: the one-line error;
- codes that are no glyph ids (a CIDToGIDMap stream moves each code to its glyph): the check
  refuses the font, and its codes are left as PDFium gives them to the reader's other rules;
- a malformed or cut program reads as no map, never as an error.
"""

from __future__ import annotations

import random
import struct
from pathlib import Path

import pytest
from cidfonts import FONTS, cid_pdf, program, utf8_pdf, without_table

from untm.aligner.glyphforms import LOST
from untm.aligner.pdflayout import fontmaps
from untm.aligner.pdflayout.chars import PageChars, read_pdf_chars
from untm.aligner.read import read_document
from untm.errors import TextLayerError

LINES = {
    "en": ["The General Assembly adopted the resolution without a vote.",
           "Member States welcomed the report of the Secretary-General."],
    "zh": ["大会未经表决通过了该决议。", "会员国欢迎秘书长的报告。"],
}

pytestmark = pytest.mark.skipif(
    not all(path.exists() for path, _ in FONTS.values()),
    reason="fonts-wqy-microhei and fonts-dejavu-core are needed")


def _page(data: bytes) -> PageChars:
    pages = read_pdf_chars(data, "cid.pdf")
    assert len(pages) == 1
    return pages[0]


def _lines(page: PageChars) -> list[str]:
    return [line.strip() for line in page.text.splitlines() if line.strip()]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_cid_font_without_tounicode_reads_through_its_own_cmap(lang: str) -> None:
    page = _page(cid_pdf(LINES[lang], lang))
    assert _lines(page) == LINES[lang]
    assert page.unmapped == 0 and page.lost_fonts == ()
    mapped = _page(cid_pdf(LINES[lang], lang, to_unicode=True))
    assert page.chars == mapped.chars  # the characters and boxes a ToUnicode map gives


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_document_reads_as_with_a_tounicode_map(lang: str, tmp_path: Path) -> None:
    plain, mapped = tmp_path / f"plain.{lang}.pdf", tmp_path / f"mapped.{lang}.pdf"
    plain.write_bytes(cid_pdf(LINES[lang], lang))
    mapped.write_bytes(cid_pdf(LINES[lang], lang, to_unicode=True))
    doc, before = read_document(plain, lang), read_document(mapped, lang)
    texts = [p.text for p in doc.paragraphs]
    assert texts == [p.text for p in before.paragraphs]
    assert "".join(texts).replace(" ", "") == "".join(LINES[lang]).replace(" ", "")
    glyphs = sum(not ch.isspace() for ch in "".join(LINES[lang]))
    assert [n for n in doc.notes if "own character map" in n] == [
        f"{glyphs} glyphs of font AAAAAA+{'WenQuanYiMicroHei' if lang == 'zh' else 'DejaVuSans'} "
        "without a ToUnicode map read through the embedded font's own character map (cmap)"]
    assert not [n for n in before.notes if "own character map" in n]


@pytest.mark.parametrize(("lang", "left_out"), [("en", "aeiou"), ("zh", "大会书")])
def test_glyphs_a_tounicode_map_leaves_out_read_through_the_cmap(lang: str, left_out: str) -> None:
    """A ToUnicode map without some characters (会 and 书 are glyphs 2249 and 2069, U+08C9 and
    U+0815, right-to-left codes PDFium does not flag): those read through the cmap, the others
    through the map. (A page of which PDFium flags only a glyph here and there may not be
    looked into at all: `chars.SAMPLE_STEP`.)"""
    page = _page(cid_pdf(LINES[lang], lang, to_unicode=True, left_out=left_out))
    assert _lines(page) == LINES[lang]
    assert page.unmapped == 0
    assert page.own_mapped == sum("".join(LINES[lang]).count(ch) for ch in left_out)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_cid_font_with_tounicode_is_read_through_it(lang: str) -> None:
    page = _page(cid_pdf(LINES[lang], lang, to_unicode=True))
    assert _lines(page) == LINES[lang]
    assert page.unmapped == 0


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_program_without_a_cmap_maps_nothing_and_is_refused(lang: str, tmp_path: Path) -> None:
    """Its glyphs are counted as unmapped (the Chinese ones read as U+FFFD: their codes are
    glyph ids, no characters), and the layer that maps nothing is refused in one line."""
    font = without_table(program(*FONTS[lang]), b"cmap")
    data = cid_pdf(LINES[lang], lang, font=font)
    page = _page(data)
    assert page.unmapped == page.glyphs > 0
    assert set(page.text) <= {LOST, "\r", "\n", " "}
    path = tmp_path / f"nocmap.{lang}.pdf"
    path.write_bytes(data)
    with pytest.raises(TextLayerError, match="no Unicode mapping for 100% of its characters"):
        read_document(path, lang)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_codes_that_are_no_glyph_ids_are_not_read_through_the_cmap(lang: str) -> None:
    """Each code one more than its glyph id (a CIDToGIDMap stream maps it back): the glyph
    boxes refuse the font, so none of its codes is read through the cmap (which would give each
    glyph's neighbour); the reader's other rules read them as before."""
    page = _page(cid_pdf(LINES[lang], lang, shift=1))
    assert not set(page.text) & set("".join(LINES[lang])) - {" "}
    if lang == "en":  # narrow raw codes of a font whose map is gone: unmapped, as before
        assert page.unmapped == page.glyphs
    else:  # wide raw codes are taken as the characters PDFium gives (the rule left alone)
        assert page.unmapped == 0


def test_a_malformed_program_reads_as_no_map() -> None:
    data = program(*FONTS["en"])
    full = fontmaps.parsed(data)
    assert full is not None and full.chars.get(_glyph("A")) == "A"
    cuts = [12, 100, 1000, len(data) // 3, len(data) // 2, len(data) - 1]
    rng = random.Random(16)
    noise = [bytes(data[:12]) + rng.randbytes(4000) for _ in range(20)]
    for broken in [data[:cut] for cut in cuts] + noise:
        fontmaps.parsed(broken)  # None or a program; never an exception


def test_a_cmap_that_maps_all_of_unicode_is_read_only_so_far() -> None:
    """A cmap of one group over all of Unicode (a hostile program): at most
    `fontmaps.MAX_CODES` characters are read from it."""
    data = program(*FONTS["en"])
    offset = fontmaps._tables(data)[b"cmap"][0]
    group = struct.pack(">HHIII", 12, 0, 28, 0, 1) + struct.pack(">III", 0, 0x10FFFF, 1)
    cmap = struct.pack(">HHHHI", 0, 1, 3, 10, 12) + group
    hostile = data[:offset] + cmap + data[offset + len(cmap):]
    read = fontmaps.parsed(hostile)
    assert read is not None and 0 < len(read.chars) <= fontmaps.MAX_CODES


def _glyph(ch: str) -> int:
    from reportlab.pdfbase.ttfonts import TTFontFile

    path, face = FONTS["en"]
    return int(TTFontFile(str(path), subfontIndex=face).charToGlyph[ord(ch)])


# 鑫 is given a private-use code, as GB18030-2000 gives a rare character one
NAME_LINES = ["申请人中文姓名", "胡駿鑫"]


def test_a_chinese_font_keeps_its_han_beside_a_private_use_code() -> None:
    """A Chinese font whose map gives one character a private-use code (pdf.js issue19182: a
    name's rare character, U+E687): before, 1 glyph in 10 without meaning made the whole font
    one whose codes came by accident (`UNMAPPED_FONT_SHARE`), and the name was lost. Now the
    Han characters stay and the private-use glyph is one character lost, counted."""
    page = _page(cid_pdf(NAME_LINES, "zh", to_unicode=True, remap={"鑫": "\ue687"}))
    assert _lines(page) == ["申请人中文姓名", "胡駿" + LOST]
    assert page.unmapped == 1


def test_the_name_reads_with_its_lost_character_counted(tmp_path: Path) -> None:
    path = tmp_path / "name.zh.pdf"
    path.write_bytes(cid_pdf(NAME_LINES, "zh", to_unicode=True, remap={"鑫": "\ue687"}))
    doc = read_document(path, "zh")
    assert "胡駿" in "".join(p.text for p in doc.paragraphs)
    assert any(n.startswith("1 glyph (") and "has no Unicode mapping" in n for n in doc.notes)


@pytest.mark.parametrize(("lang", "remap"), [
    ("en", {"e": "\ue000", "o": "\ue001"}),  # a Latin font with many private-use codes
    ("zh", {ch: chr(0xE000 + k) for k, ch in enumerate("大会未经表决通过了该议")}),  # mostly
])
def test_a_font_mostly_without_meaning_still_maps_none(lang: str, remap: dict[str, str]) -> None:
    """Guard: a font of which many glyphs have private-use codes and few (or no) Han
    characters still stands for none of its characters: its other codes came by accident."""
    page = _page(cid_pdf(LINES[lang], lang, to_unicode=True, remap=remap))
    assert _lines(page) == []


def test_a_space_glyph_mapped_to_a_control_reads_as_a_space() -> None:
    """A subset whose ToUnicode map gives its space glyph U+0001 (the glyph's own CID: PyMuPDF's
    test_3376.pdf, a footer "400-706-6615 © BGI All Rights Reserved."): before, one glyph in
    seven without meaning made the whole font one whose codes came by accident
    (`UNMAPPED_FONT_SHARE`) and the page lost all its text. The glyph draws nothing and advances
    as a space: it is read as the space it is, and nothing is counted unmapped."""
    page = _page(cid_pdf(LINES["en"], "en", to_unicode=True, remap={" ": "\x01"}))
    assert _lines(page) == LINES["en"]
    assert page.unmapped == 0


# a form's blank drawn as a run of one fill glyph (an underscore) that the map gives U+007F
BLANK_LINES = ["Signed ________ on behalf of the Member State,",
               "the Secretary-General of the United Nations."]


def test_a_text_font_keeps_its_text_beside_one_code_without_meaning() -> None:
    """A text font whose map gives one glyph, drawn again and again, a code without meaning
    (PyMuPDF's test-707448.pdf, a tax form: the fill rule of its blanks as U+007F in the font of
    "*See attached statement for additional information." and "For IRS Use Only"): before, the
    whole font's text was lost. Now that glyph alone stands for no character (counted
    unmapped); it draws ink, so it is no space."""
    page = _page(cid_pdf(BLANK_LINES, "en", to_unicode=True, remap={"_": "\x7f"}))
    assert _lines(page) == ["Signed  on behalf of the Member State,", BLANK_LINES[1]]
    assert page.unmapped == BLANK_LINES[0].count("_")


def test_a_font_of_a_few_signs_with_one_code_without_meaning_maps_none() -> None:
    """Guard: a font that draws a few signs (bullets, check marks), one of them without
    meaning, is a symbol font whose other codes came by accident: none of it is read."""
    page = _page(cid_pdf(["• ✓ • ✓ • ✓", "✓ • ✓ •"], "en", to_unicode=True,
                         remap={"✓": "\ue000"}))
    assert _lines(page) == []


def test_a_font_whose_spaces_read_as_no_code_still_maps_none() -> None:
    """Guard: U+FFFD is no code a map gives but PDFium's "none" (a subset of shifted codes
    read without a map, PyMuPDF's 001003ED.pdf: "$IE 2EDAKTION" for "Die Redaktion", its
    spaces U+FFFD): a font whose glyphs without meaning are that one code is still one whose
    other codes came by accident, none of it read, blank glyphs or not."""
    page = _page(cid_pdf(LINES["en"], "en", to_unicode=True, remap={" ": "\ufffd"}))
    assert _lines(page) == []


# UTF-8 codes of one to four bytes: ASCII, an accented letter, CJK and punctuation, and
# characters outside the Basic Multilingual Plane (double-struck letters, in DejaVu Sans)
UTF8_LINES = {
    "en": ["The General Assembly — the organ of all 193 Member States —",
           "adopted it for every 𝕏 in 𝔸 without a vote, café."],
    "zh": ["大会未经表决通过了该决议。", "会员国欢迎秘书长的报告、决议。"],
}


@pytest.mark.parametrize("to_unicode", [False, True])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_font_whose_codes_are_utf8_reads_its_characters(lang: str, to_unicode: bool) -> None:
    """A font whose encoding CMap has UTF-8 codes (pdf.js's issue18117.pdf: an embedded
    "Uni-Utf8-H"; Adobe's UniGB-UTF8-H): PDFium flags its glyphs and reads each as its raw
    code's low 16 bits (its ToUnicode map, if any, left out: codes above 0xFFFF), so the
    Chinese lines and the dashes read as Hangul and CJK nonsense ("、" as 肁) and pdftotext reads
    glyph ids. Each code is read as the UTF-8 it is, none counted unmapped or as read through
    the font's own cmap."""
    page = _page(utf8_pdf(UTF8_LINES[lang], lang, to_unicode=to_unicode))
    assert _lines(page) == UTF8_LINES[lang]
    assert page.unmapped == 0 and page.own_mapped == 0


def test_a_page_of_utf8_codes_and_a_control_reads() -> None:
    """A UTF-8 font's page with a control code that PDFium's text leaves out (U+0002, here a
    glyph of its own) is read glyph by glyph, and each raw code above U+10FFFF (a UTF-8 code of
    three or four bytes) raised ValueError from chr() before: the page could not be read. The
    control is a character lost, the rest reads."""
    page = _page(utf8_pdf(["会员国欢迎秘书长的报告\x02决议。"], "zh", drawn_as={"\x02": "-"}))
    assert _lines(page) == [f"会员国欢迎秘书长的报告{LOST}决议。"]


# a Chinese page's bold face as MuPDF writes it: a masthead's symbol and two headings, the
# symbol's digits glyphs its shaper substituted (drawn as codes past the face's own glyphs,
# here 0xF63B-0xF63E as in Noto Serif CJK SC) that its ToUnicode map, made from the cmap, has
# no entry for
SYMBOL_LINES = ["A/CN.10/2023/WG.I/CRP.1", "议程项目", "导言"]
DIGIT_CODES = {"0": 0xF63B, "1": 0xF63C, "2": 0xF63D, "3": 0xF63E}


def test_glyphs_a_chinese_fonts_map_leaves_out_are_characters_lost() -> None:
    """The map leaves out the symbol's digits, which PDFium reads as their raw private-use
    codes: 7 glyphs of 27 without meaning made the whole face one whose codes came by accident
    (`UNMAPPED_FONT_SHARE`; its Latin glyphs outnumbered its Han ones, and its Han characters
    were fewer than its glyphs without meaning), and the headings were lost with the symbol.
    Glyphs the map leaves out say nothing of the codes it gives: the Han characters stay, each
    digit one character lost, counted."""
    page = _page(cid_pdf(SYMBOL_LINES, "zh", to_unicode=True, recode=DIGIT_CODES,
                         left_out="0123"))
    assert _lines(page) == ["A/CN." + LOST * 2 + "/" + LOST * 4 + "/WG.I/CRP." + LOST,
                            "议程项目", "导言"]
    assert page.unmapped == 7


def test_private_use_codes_the_map_gives_still_drop_the_font() -> None:
    """Guard: the same glyphs given private-use codes by the map (U+E000-U+E003, not left out
    of it, nor codes of standard glyph names): codes without meaning that the map gives, more
    than its Han characters, still make the face one whose codes came by accident."""
    page = _page(cid_pdf(SYMBOL_LINES, "zh", to_unicode=True, recode=DIGIT_CODES,
                         remap={d: chr(0xE000 + k) for k, d in enumerate(DIGIT_CODES)}))
    assert _lines(page) == []
