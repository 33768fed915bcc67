"""The producer matrix (tests/producers) writes what it claims: both languages of every
development document by every producer whose tool is installed, in the text-layer shape each
producer is there for (checked with PDFium, as the reader sees it)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from producers.documents import DEV_DOCS, Doc
from producers.matrix import PRODUCERS, Matrix, MatrixPair
from producers.shape import describe


def _pairs(matrix: Matrix, producer: str) -> list[MatrixPair]:
    if producer in matrix.skipped:
        pytest.skip(f"{producer}: {matrix.skipped[producer]}")
    return [p for p in matrix.pairs if p.producer.name == producer]


def _text(path: Path) -> str:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return "".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


def _han_share(text: str) -> float:
    wide = [c for c in text if ord(c) >= 0x2E80 and not c.isspace()]
    han = [c for c in wide if "\u4e00" <= c <= "\u9fff"]
    return len(han) / len(wide) if wide else 0.0


def _doc_chars(doc: Doc, lang: str) -> int:
    """The non-space characters of the document's items in `lang`."""
    return sum(len("".join(item.text.split())) for item in doc.items(lang))


@pytest.mark.parametrize("producer", [p.name for p in PRODUCERS])
def test_each_producer_writes_both_languages(producer: str, producer_matrix: Matrix) -> None:
    pairs = _pairs(producer_matrix, producer)
    assert {p.doc.name for p in pairs} == {d.name for d in DEV_DOCS}
    for pair in pairs:
        for lang, path in pair.files():
            shape = describe(path)
            assert shape.pages >= 1 and shape.text_objects > 0, (pair.name, lang, shape)
            # most of the document's characters (the text layer may space Chinese out)
            assert shape.chars > 0.9 * _doc_chars(pair.doc, lang), (pair.name, lang, shape)


def test_1tf_draws_every_glyph_at_font_size_1(producer_matrix: Matrix) -> None:
    """Word + Distiller's way: Tf 1, the size in the matrix, one text object a glyph."""
    for pair in _pairs(producer_matrix, "reportlab-1tf"):
        for lang, path in pair.files():
            shape = describe(path)
            assert [s for s, _ in shape.tf_sizes] == [1.0], (lang, shape.tf_sizes)
            assert 8.0 <= shape.char_heights <= 14.0, shape  # drawn at 10 pt all the same
            assert shape.words_per_object < 1.0, shape
        # a space glyph before each Chinese character: the text layer spaces the Han out
        text = _text(pair.zh)
        assert text.count(" ") > 0.5 * sum(1 for c in text if "\u4e00" <= c <= "\u9fff")


def test_cairo_sets_text_at_font_size_1(producer_matrix: Matrix) -> None:
    for pair in _pairs(producer_matrix, "cairo"):
        for _lang, path in pair.files():
            shape = describe(path)
            assert [s for s, _ in shape.tf_sizes] == [1.0], shape.tf_sizes
            assert shape.char_heights > 5.0, shape


def test_chromium_draws_a_text_object_a_word_or_less(producer_matrix: Matrix) -> None:
    for name in ("chromium", "chromium-2col"):
        for pair in _pairs(producer_matrix, name):
            assert describe(pair.en).words_per_object <= 1.2


def test_unmapped_text_layers(producer_matrix: Matrix) -> None:
    """The Chinese of `unmapped-pua` and `ghostscript` (non-embedded CID font rewritten) has
    no Unicode meaning; `unmapped-compat` has Kangxi radicals / compatibility ideographs that
    NFKC maps back to the text of `reportlab`."""
    for pair in _pairs(producer_matrix, "unmapped-pua"):
        text = _text(pair.zh)
        assert _han_share(text) < 0.05
        assert sum(1 for c in text if "\ue000" <= c <= "\uf8ff") > 100
    for name in ("ghostscript", "ghostscript-1tf"):
        for pair in _pairs(producer_matrix, name):
            text = _text(pair.zh)  # few Han among the wide characters, or few wide ones at all
            assert _han_share(text) < 0.05 or _han_share(text) * sum(
                ord(c) >= 0x2E80 for c in text) < 0.05 * sum(not c.isspace() for c in text)
            assert "General Assembly" in _text(pair.en) or pair.doc.name != "resolution"
    for pair in _pairs(producer_matrix, "ghostscript-lo"):
        # except ecosoc_01, whose Chinese Ghostscript leaves without a Unicode map for 97% of
        # its glyphs when it rewrites LibreOffice's PDF (the reader's one-line error)
        assert _han_share(_text(pair.zh)) > 0.8 or pair.doc.name == "ecosoc_01"
    for pair in _pairs(producer_matrix, "unmapped-compat"):
        text = _text(pair.zh)
        odd = [c for c in text if unicodedata.normalize("NFKC", c) != c and ord(c) >= 0x2E80
               and unicodedata.normalize("NFKC", c) >= "\u4e00"]
        assert len(odd) > 10, odd
        assert _han_share(unicodedata.normalize("NFKC", text)) > 0.8
