"""The producer matrix's PDFs hold the documents' own characters: each character of a development
document's text is in the text layer of each file whose text layer is meant to map to Unicode
(as many times as the text has it, read by PDFium), and the reportlab generators draw no
character in a font that has no glyph for it (tests/glyphs.py: a font fallback, as a real
producer has). Before the fallback, U+2011 ('56‑year', 'non‑State') and U+2010
('non‐communicable') came out as CID 0, a TrueType .notdef or '■': a flaw of the test PDFs that
cost the matrix units the reader could not have read.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from glyphs import fallback_missing
from producers.documents import DEV_DOCS, SHARED
from producers.glyph_report import GENERATORS, undrawable
from producers.matrix import PRODUCERS, Matrix

LANGS = ("zh", "en")
# (producer, language) whose text layer is not the document's characters, and why (measured)
NOT_MAPPED: dict[tuple[str, str], str] = {
    ("cairo", "zh"): ("poppler substitutes Noto Sans CJK for the non-embedded STSong-Light and "
                      "writes ToUnicode from its cmap: 长 民 西 青 come out as CJK radicals "
                      "(U+2E80 block) that NFKC does not map back"),
    ("ghostscript", "zh"): "Ghostscript drops the CID font's Unicode mapping (the error path)",
    ("ghostscript", "en"): ("Ghostscript drops the ToUnicode of the CID and TrueType fonts the "
                            "hyphens U+2010/U+2011 are set in"),
    ("ghostscript-1tf", "zh"): "Ghostscript drops the TrueType subsets' ToUnicode maps",
    ("ghostscript-1tf", "en"): ("Ghostscript drops the TrueType subsets' ToUnicode maps: "
                                "quotes, dashes and hyphens read as other characters"),
    ("ghostscript-lo", "zh"): ("Ghostscript drops the ToUnicode of LibreOffice's CJK subsets "
                               "whose map has a two-character entry"),
    ("ghostscript-lo", "en"): "as libreoffice/en",
    ("libreoffice", "en"): ("LibreOffice writes U+2011 (its non-breaking hyphen) as U+002D: "
                            "PDFium reads '56-year'"),
    ("unmapped-pua", "zh"): "mapped to the Private Use Area on purpose (the error path)",
}


# (producer, language, document, character) -> how many the producer leaves out of its page,
# and why (measured): the text layer holds what the page shows
LEFT_OUT: dict[tuple[str, str, str, str], tuple[int, str]] = {
    ("libreoffice", "zh", "sdg_goals_targets", "、"): (1, (
        "with Liberation fonts installed (scripts/system-deps.sh), LibreOffice 7.4 sets "
        "'…特别是最不发达国家、小岛屿…' with the enumeration comma at a line's end and draws "
        "it nowhere: neither the page (rendered by pdftoppm) nor the text layer (PDFium, "
        "pdftotext) has it")),
}


def _text(path: Path) -> str:
    """The text layer as PDFium reads it, CJK compatibility forms and Kangxi radicals as NFKC
    gives them (unmapped-compat maps to them on purpose), a hyphen that ends a line (PDFium's
    U+FFFE) as '-'."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        text = "".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()
    return "".join(unicodedata.normalize("NFKC", c)
                   if "\u2f00" <= c <= "\u2fdf" or "\uf900" <= c <= "\ufaff"
                   else "-" if c == "\ufffe" else c for c in text)


def _source(doc_name: str, lang: str) -> str:
    doc = next(d for d in DEV_DOCS if d.name == doc_name)
    return "".join(item.text for item in doc.items(lang))


def test_every_producer_language_is_classified() -> None:
    """A new producer must say whether its text layer maps (checked below) or why not."""
    assert set(NOT_MAPPED) <= {(p.name, lang) for p in PRODUCERS for lang in LANGS}


@pytest.mark.parametrize(("producer", "lang"), [
    (p.name, lang) for p in PRODUCERS for lang in LANGS if (p.name, lang) not in NOT_MAPPED])
def test_text_layer_holds_every_character(producer: str, lang: str,
                                          producer_matrix: Matrix) -> None:
    if producer in producer_matrix.skipped:
        pytest.skip(f"{producer}: {producer_matrix.skipped[producer]}")
    if (reason := fallback_missing()) is not None:
        pytest.skip(reason)
    lost: dict[str, dict[str, tuple[int, int]]] = {}
    for pair in (p for p in producer_matrix.pairs if p.producer.name == producer):
        path = pair.zh if lang == "zh" else pair.en
        want = Counter(c for c in _source(pair.doc.name, lang) if not c.isspace())
        got = Counter(_text(path))
        short = {f"U+{ord(c):04X} {c}": (n, got[c]) for c, n in want.items()
                 if got[c] + LEFT_OUT.get((producer, lang, pair.doc.name, c), (0, ""))[0] < n}
        if short:
            lost[pair.doc.name] = short
    assert not lost, lost  # document -> character -> (in the text, in the PDF)


@pytest.mark.parametrize("generator", list(GENERATORS))
def test_reportlab_generators_draw_every_character(generator: str, tmp_path: Path) -> None:
    if (reason := fallback_missing()) is not None:
        pytest.skip(reason)
    if not SHARED.exists():
        pytest.skip(f"{SHARED} not present (see README: Data): the UN texts")
    lost = {f"{doc.name}.{lang}": dict(undrawable(generator, doc, lang, tmp_path))
            for doc in DEV_DOCS for lang in LANGS}
    assert not any(lost.values()), {k: v for k, v in lost.items() if v}
