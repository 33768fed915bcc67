"""`.pdf` reader: the text layer with its geometry (PDFium via pypdfium2) → layout → raw blocks.

The steps are small modules of `untm.aligner.pdflayout`: `chars` (characters, boxes, fonts),
`lines` (baselines, columns, spaces, superscript markers; a Chinese document's spaced-out lines
joined by `aligner.hanspace`, recorded as `han-spacing`), `furniture` (running headers and
footers, page numbers, job numbers, cover pages), `blocks` (footnotes, tables, cover lines,
paragraphs across pages, hyphenation). What is left out is returned as `Furniture`, with the page
number in its `line` field. A PDF without a text layer (a scan) is an error that says so.
"""

from __future__ import annotations

from pathlib import Path

from untm.aligner.clean import RawBlock
from untm.aligner.model import Furniture
from untm.aligner.pdflayout.blocks import build_blocks
from untm.aligner.pdflayout.chars import read_pdf_chars
from untm.aligner.pdflayout.furniture import PageRows, body_size, cover_pages, split_furniture
from untm.aligner.pdflayout.lines import despace_rows, page_lines
from untm.errors import InputError
from untm.fileio import read_bytes_checked

MIN_TEXT_CHARS = 20


def read_pdf_blocks(path: str | Path, lang: str) -> tuple[list[RawBlock], list[Furniture]]:
    """Raw blocks of a PDF in reading order and the furniture removed on the way."""
    name = str(path)
    pages = read_pdf_chars(read_bytes_checked(path), name)
    total = sum(len(p.chars) for p in pages)
    if total < MIN_TEXT_CHARS:
        raise InputError(
            "the PDF has no text layer (it looks like a scan or images of text); run OCR on it "
            "first (e.g. ocrmypdf) and align the result",
            path=name,
        )
    furniture = [
        Furniture("page-without-text", f"page {p.number}", p.number) for p in pages if not p.chars
    ]
    lines = [page_lines(p, wide_spaces=lang == "zh") for p in pages]
    spacing = None
    if lang == "zh":  # spaced-out Chinese joined as the text cleaner joins it
        lines, despaced = despace_rows(lines)
        spacing = despaced.spacing
        numbers = [p.number for p, rows in zip(pages, lines, strict=True) for row in rows
                   for _ in row]
        furniture.extend(despaced.furniture(numbers))
    rows = [PageRows(p.number, p.width, p.height, r) for p, r in zip(pages, lines, strict=True)]
    size = body_size(rows)
    covers = cover_pages(rows, size)
    kept, removed = split_furniture(rows, covers)
    blocks, more = build_blocks(kept, covers, size, lang, spacing)
    return blocks, furniture + removed + more
