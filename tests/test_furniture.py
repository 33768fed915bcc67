"""One furniture model (`aligner.furniture`): the rules the text cleaner and the PDF reader feed.

Table-driven: forms (page numbers, job numbers, barcodes, the recycling note, symbols), running
heads by repetition at a page's edge, the slug row of a first page by position; then both
readers on the same document give the same furniture.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pdfgen import LAYOUTS, render_pdf, seed_items

from untm.aligner.clean import RawBlock, build_paragraphs, clean_plain_text
from untm.aligner.furniture import PAGE_NUMBER, PageLine, find_furniture, form_kind
from untm.aligner.read import read_document


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("GE.23-12345 (C)", "job-number"),
        ("23-12345", "job-number"),
        ("K2309123(C)", "job-number"),
        ("K2309876 060523", "job-number"),
        ("N2312345 (E) 120623 130623", "job-number"),
        ("26-00248 (E) 160126", "job-number"),  # today's slug: one date (A/80/590)
        ("23-09876 (C) 120523 130523", "job-number"),
        ("26-00248 (E) 2026", None),  # a year is no date of the slug
        ("2309123 (C)", "job-number"),
        ("2309123 060523", "job-number"),
        ("2056981", None),  # seven digits alone: a job number only at a page's edge
        ("*2309876*", "barcode"),
        ("Please recycle", "recycle-note"),
        ("请回收", "recycle-note"),
        ("HSP/HA.2/8/Add.2", "symbol"),
        ("A/78/123", "symbol"),
        ("A/RES/217(III)", "symbol"),  # a session in roman numerals
        ("S/RES/2334 (2016)", "symbol"),  # a Security Council resolution's year
        ("A/RES/217 (the Declaration)", None),
        ("United Nations", None),
        ("2023", None),
        ("1. The Assembly", None),
    ],
)
def test_forms(text: str, kind: str | None) -> None:
    assert form_kind(text) == kind


@pytest.mark.parametrize(
    ("text", "page_number"),
    [("7", True), ("- 7 -", True), ("Page 7", True), ("page 7 of 12", True), ("7/12", True),
     ("第 7 页", True), ("第7页 共12页", True), ("7.", False), ("2023 年", False), ("Page", False)],
)
def test_page_numbers(text: str, page_number: bool) -> None:
    assert bool(PAGE_NUMBER.match(text)) is page_number


def _pages(heads: list[str], body: str = "The Assembly met in Nairobi.") -> list[PageLine]:
    out = []
    for page, head in enumerate(heads, start=1):
        out.append(PageLine(head, page, "top", True, True))
        out.append(PageLine(body, page))
        out.append(PageLine(str(page), page, "bottom", True, True))
    return out


def test_running_heads_recur_at_an_edge() -> None:
    lines = _pages(["Annual report 2023"] * 4)
    found = find_furniture(lines)
    assert {lines[i].text: kind for i, kind in found.items()} == {
        "Annual report 2023": "running-header", "1": "page-number", "2": "page-number",
        "3": "page-number", "4": "page-number",
    }
    # once is no running head; the body line that recurs is not at an edge
    assert not {i for i in find_furniture(_pages(["Annex", "Other", "Third", "Fourth"]))
                if i % 3 == 0}
    # a cover's own recurring lines are not counted
    covers = [PageLine("United Nations", p, "top", True, True, cover=True) for p in (1, 2, 3)]
    assert find_furniture(covers) == {}


def test_seven_bare_digits_are_a_job_number_only_at_a_page_edge() -> None:
    """At the foot of a page, "2309123" is a job number; inside the page it is a value (an
    invoice's order number, a product code in a table), as pypdf's issue-914 spreadsheet's 40
    product codes were read before."""
    lines = [PageLine("Order number", 1), PageLine("2056981", 1),
             PageLine("2309123", 1, "bottom", True, True)]
    assert find_furniture(lines) == {2: "job-number"}


def test_the_slug_row_of_a_first_page() -> None:
    """A job number of a form no pattern knows, printed beside the barcode, is furniture by its
    place; the masthead beside the symbol at the top is not."""
    lines = [
        PageLine("United Nations", 1, "top", True, True, row=0),
        PageLine("HSP/HA.2/8/Add.2", 1, "top", True, True, row=0),
        PageLine("Text.", 1, None, False, False, row=1),
        PageLine("ZX-2309/123", 1, "bottom", True, True, row=2),
        PageLine("*2309123*", 1, "bottom", True, True, row=2),
        PageLine("Please recycle", 1, "bottom", True, True, row=2),
    ]
    found = find_furniture(lines)
    assert sorted(lines[i].text for i in found) == [
        "*2309123*", "HSP/HA.2/8/Add.2", "Please recycle", "ZX-2309/123"]


def test_blocks_of_a_reader_without_pages() -> None:
    blocks = [RawBlock("A/78/1"), RawBlock("7"), RawBlock("The text."), RawBlock("A/78/1"),
              RawBlock("7", hint=None), RawBlock("Please recycle")]
    cleaned = build_paragraphs(blocks, "en")
    assert [p.text for p in cleaned.paragraphs] == ["A/78/1", "The text."]
    assert [f.kind for f in cleaned.furniture] == [
        "page-number", "running-header", "page-number", "recycle-note"]


def test_both_readers_find_the_same_furniture(tmp_path: Path) -> None:
    """The seed report as a PDF (job number "K2309123(C)") read by the PDF reader, and its
    `pdftotext` text read by the text path: the same page numbers, running heads and slug."""
    if subprocess.run(["which", "pdftotext"], capture_output=True).returncode:
        pytest.skip("pdftotext is not installed")
    from dataclasses import replace

    layout = replace(LAYOUTS[0], job="K2309123(C)")
    pdf = render_pdf(seed_items("en"), "en", layout, tmp_path / "seed.en.pdf")
    txt = tmp_path / "seed.en.txt"
    subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), str(txt)], check=True)

    def kinds(furniture: object) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for f in furniture:  # type: ignore[attr-defined]
            if f.kind in ("page-number", "running-header", "job-number", "barcode",
                          "recycle-note"):
                out.setdefault(f.kind, set()).add(f.text)
        return out

    from_pdf = kinds(read_document(pdf, "en").furniture)
    from_text = kinds(clean_plain_text(txt.read_text(encoding="utf-8"), "en").furniture)
    assert from_pdf["job-number"] == {"K2309123(C)"}
    assert from_pdf == from_text


def test_a_title_under_its_own_running_header_is_text() -> None:
    """A report's first page prints its running header, then its title in the same words: one
    running header a page; the title is text (a manual's title was dropped as furniture)."""
    head, body = "CH32V00x Evaluation Board Reference", "This board is applied to the chip."
    lines = [PageLine(head, 1, "top", True, True), PageLine(head, 1, "top", True, True),
             PageLine(body, 1)]
    for page in (2, 3):
        lines += [PageLine(head, page, "top", True, True), PageLine(body, page)]
    lines.append(PageLine("V1.3", 3, "bottom", True, True))
    assert find_furniture(lines) == {0: "running-header", 3: "running-header",
                                     5: "running-header"}


def _headed(heads: list[str]) -> list[PageLine]:
    """Pages with the running header "A/78/123", then `heads[k]` under it, a line of text and a
    page number at the foot."""
    out = []
    for page, head in enumerate(heads, start=1):
        out += [PageLine("A/78/123", page, "top", True, True),
                PageLine(head, page, "top", True, True),
                PageLine("The Assembly met in Nairobi.", page),
                PageLine(str(page), page, "bottom", True, True)]
    return out


@pytest.mark.parametrize(
    ("heads", "running"),
    [
        # a heading that happens to open each page: its number differs on every page and does
        # not go with the page (the UDHR's articles, kept with their text by a page break)
        (["Article 1", "Article 3", "Article 14", "Article 22"], False),
        (["第1条", "第3条", "第14条", "第22条"], False),
        (["Article 3", "Article 23"], False),
        # guards: what a running head's numbers are
        (["Page 1 of 4", "Page 2 of 4", "Page 3 of 4", "Page 4 of 4"], True),
        (["Report 2023 - 11", "Report 2023 - 12", "Report 2023 - 13", "Report 2023 - 14"], True),
        (["Chapter 3", "Chapter 3", "Chapter 4", "Chapter 4"], True),  # runs over its pages
        (["Annual report 2023"] * 4, True),
    ],
)
def test_a_running_head_numbers_go_with_the_page(heads: list[str], running: bool) -> None:
    lines = _headed(heads)
    found = find_furniture(lines)
    assert {i for i in found if i % 4 == 1} == ({i for i in range(1, len(lines), 4)}
                                                if running else set())
    assert all(found.get(i) == "running-header" for i in range(0, len(lines), 4))
