"""The PDF reader on generated UN-style PDFs (tests/pdfgen.py): what a reader of the printed page
sees must come out as text, what the page adds (headers, footers, numbers) as furniture.

- the seed pair in every layout reads into the same paragraphs as the seed text files (plus the
  generated footnotes and table cells), with every header, footer, page and job number,
  barcode and recycling note recorded as furniture and never in the text;
- footnotes are footnote paragraphs with their markers; body reference markers are furniture;
- no space between two Han characters, also when the text layer spaces them out;
- hyphenation, resolutions whose paragraphs end in commas, several covers in one file;
- `read_document`, `untm segment` and `untm align` take .pdf (with a .txt on the other side too).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pdfgen import (
    HAN_SPACE,
    LAYOUTS,
    SYMBOL,
    TABLE,
    Layout,
    render_pdf,
    repeated,
    resolution_items,
    seed_items,
)

from untm.aligner.model import BlockKind
from untm.aligner.pdflayout.hyphens import Vocabulary, dehyphenate
from untm.aligner.read import read_document

FURNITURE_TEXT = (SYMBOL, "Please recycle", "GE.23-04567", "K2309876", "*2304567*")


def _squash(text: str) -> str:
    return "".join(text.split())


def _expected(lang: str) -> list[str]:
    """Every text the generator drew as content: paragraphs, cover lines, footnotes, cells."""
    out = [i.text for i in seed_items(lang) if i.kind != "row"]
    out += [cell for row in TABLE[lang] for cell in row]
    return sorted(_squash(t) for t in out)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("layout", [lo.name for lo in LAYOUTS])
def test_seed_pdf_reads_like_the_seed_text(
    layout: str, lang: str, seed_pdfs: dict[str, tuple[Path, Path]]
) -> None:
    if layout not in seed_pdfs:
        pytest.skip(f"the fonts of layout {layout} are not installed")
    path = seed_pdfs[layout][0 if lang == "zh" else 1]
    doc = read_document(path, lang)
    assert sorted(_squash(p.text) for p in doc.paragraphs) == _expected(lang)
    text = "\n".join(p.text for p in doc.paragraphs)
    for furniture in FURNITURE_TEXT:
        assert furniture not in text
    assert not HAN_SPACE.search(text)
    kinds = {f.kind for f in doc.furniture}
    assert {"running-header", "page-number", "job-number", "barcode", "recycle-note",
            "footnote-ref"} <= kinds, kinds
    pages = {f.line for f in doc.furniture if f.kind == "page-number"}
    assert len(pages) >= 3 and pages == set(range(1, max(pages) + 1))  # one on every page
    refs = sorted(f.text for f in doc.furniture if f.kind == "footnote-ref")
    assert refs == ["1", "2"]
    notes = [p for p in doc.paragraphs if p.kind is BlockKind.FOOTNOTE]
    assert [p.label for p in notes] == ["*", "**", "1", "2"]
    headings = [p.label for p in doc.paragraphs if p.kind is BlockKind.HEADING]
    assert headings == ["R1", "R2", "R3"]
    numbered = [p.label for p in doc.paragraphs if p.kind is BlockKind.BODY and p.text[:1].isdigit()
                and p.label and p.text.startswith(f"{p.label}. ")]
    assert numbered == [str(n) for n in range(1, 27)]


def test_spaced_out_chinese_and_hyphenation_are_undone(
    seed_pdfs: dict[str, tuple[Path, Path]]
) -> None:
    """ragged-wqy spaces out every Han pair in the text layer and hyphenates English words."""
    if "ragged-wqy" not in seed_pdfs:
        pytest.skip("fonts-wqy-microhei is not installed")
    zh, en = seed_pdfs["ragged-wqy"]
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(zh)
    layer = pdf[1].get_textpage().get_text_range()
    assert HAN_SPACE.search(layer)  # the text layer really has "联 合 国"
    assert not HAN_SPACE.search("\n".join(p.text for p in read_document(zh, "zh").paragraphs))
    doc = read_document(en, "en")
    hyphens = [f.text for f in doc.furniture if f.kind == "hyphenation"]
    assert hyphens, "the layout hyphenates; some hyphens must have been undone"
    text = " ".join(p.text for p in doc.paragraphs)
    for word in hyphens:
        assert word.replace("-", "") in text.replace("-", "")
    for compound in ("decision-making", "co-chaired", "re-examine", "UN-Habitat"):
        assert compound in text


def test_vocabulary_decides_line_end_hyphens() -> None:
    vocab = Vocabulary(["the decision-making of the organization", "a high level"])
    assert dehyphenate("for the organi-", "zation of", vocab) == "for the organization of"
    assert dehyphenate("urban decision-", "making and", vocab) is None
    assert dehyphenate("they co-", "chaired it", vocab) is None  # a hyphenated prefix
    assert dehyphenate("an asym-", "metry of", vocab) == "an asymmetry of"  # no part is a word
    assert dehyphenate("a high-", "level meeting", vocab) is None  # two words: a compound
    assert dehyphenate("UN-", "Habitat", vocab) is None


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("space", "indent", "justify"), [(0.0, 20.0, True), (0.0, 0.0, False)])
def test_resolution_paragraphs_ending_in_commas(
    lang: str, space: float, indent: float, justify: bool, tmp_path: Path
) -> None:
    """No blank space between paragraphs: a first-line indent or a line that ends early (the
    next word would have fit) ends the paragraph, whatever its last character."""
    layout = Layout("resolution", para_space=space, first_indent=indent, justify=justify,
                    indent=24.0)
    items = resolution_items(lang)
    path = render_pdf(items, lang, layout, tmp_path / f"res.{lang}.pdf")
    doc = read_document(path, lang)
    assert [_squash(p.text) for p in doc.paragraphs] == [_squash(i.text) for i in items]


def test_every_cover_of_a_compilation_is_cover(tmp_path: Path) -> None:
    """Three copies of the seed report in one PDF: each masthead starts a cover again."""
    layout = LAYOUTS[0]
    for lang in ("zh", "en"):
        once = read_document(
            render_pdf(seed_items(lang), lang, layout, tmp_path / f"one.{lang}.pdf"), lang)
        three = read_document(
            render_pdf(repeated(seed_items(lang), 3), lang, layout, tmp_path / f"3.{lang}.pdf"),
            lang)
        covers = [p.text for p in once.paragraphs if p.kind is BlockKind.COVER]
        assert [p.text for p in three.paragraphs if p.kind is BlockKind.COVER] == covers * 3
        assert len(three.paragraphs) == 3 * len(once.paragraphs)


@pytest.mark.parametrize("padding", [b"\x00" * 20_000, b"\r\n" * 3000, b" " * 5000])
def test_a_pdf_padded_after_its_end_reads_as_it_is(
    padding: bytes, seed_pdfs: dict[str, tuple[Path, Path]], tmp_path: Path
) -> None:
    """A PDF followed by padding (a writer or download that fills to a block size: NULs or white
    space after %%EOF, pypdf's issue 177) is whole, and reads as it does without the padding;
    a PDF cut short is still refused as truncated."""
    from untm.errors import FormatError

    en = seed_pdfs["un-times"][1]
    padded = tmp_path / "padded.en.pdf"
    padded.write_bytes(en.read_bytes() + padding)
    assert read_document(padded, "en").paragraphs == read_document(en, "en").paragraphs
    cut = tmp_path / "cut.en.pdf"
    cut.write_bytes(en.read_bytes()[: len(en.read_bytes()) // 2] + padding)
    with pytest.raises(FormatError, match="truncated"):
        read_document(cut, "en")


def test_the_collector_is_paused_while_a_pdf_is_read(
    seed_pdfs: dict[str, tuple[Path, Path]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Python's cyclic garbage collector is paused while a PDF is read (`readers.pdf`) and runs
    again after, after a refusal too; a caller that turned it off keeps it off. A read leaves
    few objects in reference cycles, however many its pages and fonts (no `ctypes.cast`, no
    ctypes array type per page: 145 for the seed's four pages before), so that the pause holds
    no memory back."""
    import gc

    from untm.aligner.readers import pdf
    from untm.errors import FormatError

    seen: list[bool] = []
    layout = pdf.page_lines

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return layout(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf, "page_lines", spy)
    en = seed_pdfs["un-times"][1]
    assert gc.isenabled()
    read_document(en, "en")
    assert seen and not any(seen) and gc.isenabled()
    cut = tmp_path / "cut.en.pdf"
    cut.write_bytes(en.read_bytes()[: len(en.read_bytes()) // 2])
    with pytest.raises(FormatError):
        read_document(cut, "en")
    assert gc.isenabled()
    gc.disable()
    try:
        read_document(en, "en")
        assert not gc.isenabled()
        gc.collect()
        read_document(en, "en")
        assert gc.collect() < 50
    finally:
        gc.enable()
