"""Issue 16's properties (tests/pdfcheck.py) on every PDF of the producer matrix (development
documents: seed and resolution, both languages) and of the real-world corpus (tests/data/
realworld.tsv, when its folder has been assembled: scripts/realworld_pdfs.py).

No crash; segments per 1,000 characters within 15% of the text path's on `pdftotext` output of
the same file; ≥ 99.5% of pdftotext's non-space characters in the segments or the furniture
report; no space between two Han characters. (Seconds per page are measured by
bench/bench_pdf_producers.py, not here: no timed unit tests.) Files whose Chinese has no Unicode
meaning must give the one-line error that says so.

`KNOWN` lists what today's reader fails, each with the reason, as `xfail(strict=False)`: the PDF
reader's fixes (issue 16) take entries out as they make them pass.
"""

from __future__ import annotations

import pytest
from pdfcheck import check_pdf, has_pdftotext
from producers.documents import DEV_DOCS
from producers.matrix import PRODUCERS, Matrix, MatrixPair
from realworld import CORPUS, corpus_folder, entries

from untm.errors import UntmError

pytestmark = pytest.mark.skipif(not has_pdftotext(), reason="pdftotext not installed "
                                "(poppler-utils): the properties are measured against it")

_EXPLODES = "font size 1 (the size is in the text matrix): lines and words fall apart"
_COLUMNS = "two columns: lines read across both columns"
_SHORT = ("one-page resolution: segment count 2+ away from the text path's (which side is right "
          "is for the gold test)")
_TABLES = "a table or form page: the text path makes a few long segments (a weak reference)"
# (producer or corpus, document, language) -> why today's reader fails it (measured on main
# at the branch point: bench/results/pdf_producers.md)
KNOWN: dict[tuple[str, str, str], str] = {
    ("reportlab-1tf", "seed", "zh"): _EXPLODES + " (x40.8 segments)",
    ("reportlab-1tf", "seed", "en"): _EXPLODES + " (x5.5 segments)",
    ("reportlab-1tf", "resolution", "zh"): _EXPLODES,
    ("reportlab-1tf", "resolution", "en"): _EXPLODES,
    ("cairo", "seed", "zh"): _EXPLODES + " (x2.2 segments)",
    ("cairo", "seed", "en"): _EXPLODES + " (x5.4 segments)",
    ("cairo", "resolution", "zh"): _EXPLODES,
    ("cairo", "resolution", "en"): _EXPLODES,
    ("chromium-2col", "seed", "zh"): _COLUMNS + "; table cells joined with spaces",
    ("chromium-2col", "seed", "en"): _COLUMNS,
    ("chromium-2col", "resolution", "zh"): _COLUMNS,
    ("chromium-2col", "resolution", "en"): _COLUMNS,
    ("reportlab-2col", "seed", "zh"): _COLUMNS,
    ("reportlab-2col", "seed", "en"): _COLUMNS,
    ("reportlab-2col", "resolution", "en"): _COLUMNS,
    ("chromium", "seed", "zh"): "a table row read as one segment with spaces between cells",
    ("chromium", "seed", "en"): "paragraphs joined: x0.66 the text path's segments",
    ("chromium", "resolution", "en"): _SHORT,
    ("ghostscript-lo", "seed", "zh"): "x1.54 segments; table cells joined with spaces",
    ("ghostscript-lo", "resolution", "zh"): _SHORT,
    ("libreoffice", "resolution", "zh"): _SHORT,
    ("reportlab", "resolution", "zh"): _SHORT,
    ("reportlab", "resolution", "en"): _SHORT,
    ("ghostscript", "resolution", "en"): _SHORT,
    ("unmapped-compat", "resolution", "zh"): _SHORT,
    ("unmapped-compat", "resolution", "en"): _SHORT,
    ("unmapped-pua", "resolution", "en"): _SHORT,
    **{(p, d, "zh"): "today: 'given as Chinese but only 0% …' (or PUA text read as Chinese)"
       for p in ("ghostscript", "ghostscript-1tf", "unmapped-pua")
       for d in ("seed", "resolution")},
    (CORPUS, "mPDF-examples__chinese.pdf", "zh"): "x1.16 segments",
    (CORPUS, "PyMuPDF__chinese-tables.pdf", "zh"): _TABLES + "; cells joined with spaces",
    (CORPUS, "PyMuPDF__test_4546.pdf", "zh"): "x1.71 segments; a space between Han characters",
    (CORPUS, "PyMuPDF__test_4699.pdf", "zh"): _TABLES,
    (CORPUS, "PyMuPDF__has-bad-fonts.pdf", "zh"): _TABLES + "; 99.48% of characters",
    (CORPUS, "pypdf__issue-914-xmp-data.pdf", "zh"): _TABLES,
    (CORPUS, "pdfjs__issue12823.pdf", "zh"): "emoji (⛳⭐) lost; x0.81 segments",
    (CORPUS, "pdfjs__issue2128r.pdf", "zh"): "a space between Han characters",
    (CORPUS, "pdfjs__160F-2019.pdf", "en"): "a form: x3.3 segments; 99.42% of characters",
    (CORPUS, "pdfjs__canvas.pdf", "en"): _TABLES,
    (CORPUS, "pdfjs__issue1350.pdf", "en"): "x1.21 segments; 99.38% of characters",
    (CORPUS, "pdfjs__issue840.pdf", "en"): _TABLES,
    (CORPUS, "pdfjs__pr12564.pdf", "en"): "x4.1 segments",
    (CORPUS, "pdfjs__issue7014.pdf", "en"): "x3.7 segments",
    (CORPUS, "pdfjs__issue15012.pdf", "en"): _COLUMNS + " (x2.05 segments)",
    (CORPUS, "pdfjs__issue12963.pdf", "en"): "x4.6 segments",
    (CORPUS, "pdfjs__issue1905.pdf", "en"): "x0.72 segments",
    (CORPUS, "pdfminersix__pr-00530-ml-lines.pdf", "en"): "x8.2 segments (numbered lines)",
    (CORPUS, "pdfminersix__issue-1062-filters.pdf", "en"): _TABLES,
    (CORPUS, "pypdf__Seige_of_Vicksburg_Sample_OCR.pdf", "en"): "x1.25 segments",
    (CORPUS, "sample-files__google-doc-document.pdf", "en"): "x1.5 segments; flag emoji lost",
    (CORPUS, "sample-files__crazyones-pdfa.pdf", "en"): "x0.52 segments",
    (CORPUS, "sample-files__multicolumn.pdf", "en"): _COLUMNS + " (x1.18 segments)",
    (CORPUS, "pdfium__annotation_stamp_with_ap.pdf", "en"): "x2.1 segments",
    (CORPUS, "pdfium__bug_707673.pdf", "en"): "x2.0 segments; 98.9% of characters",
}


def _case(producer: str, doc: str, lang: str) -> object:
    reason = KNOWN.get((producer, doc, lang))
    marks = [pytest.mark.xfail(strict=False, reason=reason)] if reason else []
    return pytest.param(producer, doc, lang, marks=marks, id=f"{producer}/{doc}.{lang}")


MATRIX_CASES = [_case(p.name, d.name, lang) for p in PRODUCERS for d in DEV_DOCS
                if not (p.dev_only and d.heldout) for lang in ("zh", "en")
                if not (p.zh_unmapped and lang == "zh")]
UNMAPPED_CASES = [_case(p.name, d.name, "zh") for p in PRODUCERS if p.zh_unmapped
                  for d in DEV_DOCS]


def _pair(matrix: Matrix, producer: str, doc: str) -> MatrixPair:
    if producer in matrix.skipped:
        pytest.skip(f"{producer}: {matrix.skipped[producer]}")
    return next(p for p in matrix.pairs if p.producer.name == producer and p.doc.name == doc)


@pytest.mark.parametrize(("producer", "doc", "lang"), MATRIX_CASES)
def test_matrix_pdf_properties(producer: str, doc: str, lang: str,
                               producer_matrix: Matrix) -> None:
    pair = _pair(producer_matrix, producer, doc)
    props = check_pdf(pair.zh if lang == "zh" else pair.en, lang, f"{producer}/{doc}.{lang}")
    assert props.untm.error is None, props.untm.error
    assert not props.failures(), props.failures()


@pytest.mark.parametrize(("producer", "doc", "lang"), UNMAPPED_CASES)
def test_unmapped_chinese_is_a_one_line_error(producer: str, doc: str, lang: str,
                                             producer_matrix: Matrix) -> None:
    """'the Chinese text layer of X.pdf has no Unicode mapping for 97% of its characters; OCR or
    another copy is needed' — not a language mismatch, never a crash."""
    from untm.aligner.read import read_document

    pair = _pair(producer_matrix, producer, doc)
    with pytest.raises(UntmError) as caught:
        read_document(pair.zh, "zh")
    message = str(caught.value)
    assert "\n" not in message.strip()
    assert "Unicode mapping" in message, message


def _real_case(name: str, lang: str) -> object:
    reason = KNOWN.get((CORPUS, name, lang))
    marks = [pytest.mark.xfail(strict=False, reason=reason)] if reason else []
    return pytest.param(name, lang, marks=marks, id=name)


@pytest.mark.parametrize(("name", "lang"), [_real_case(e.name, e.lang) for e in entries()])
def test_realworld_pdf_properties(name: str, lang: str) -> None:
    folder = corpus_folder()
    if folder is None:
        pytest.skip("the real-world PDF corpus is not assembled here "
                    "(scripts/realworld_pdfs.py; UNTM_REALWORLD_PDFS)")
    props = check_pdf(folder / name, lang, name)
    assert not props.failures(), props.failures()
