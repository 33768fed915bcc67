"""Page furniture of a PDF: running headers and footers, page numbers, job numbers, barcodes.

A line is furniture when it lies in the top or bottom band of its page (`BAND` of the page
height) and either
- its text with digits normalised recurs in the same band on other pages (at least two pages and
  `RECUR_SHARE` of the pages that are not covers), wherever it is (a cover's symbol too), and
  it stands apart as headers and footers do: narrower than `MAX_WIDTH` of the page and separated
  from the rows next to it by more than the line spacing, and not a footnote, labelled
  paragraph or heading (so a line that two copies of one report in a file put at the same place
  is not taken for a header), or
- it has the form of furniture: a page number ("7", "- 7 -", "Page 7", "7/12"), a UN job number
  ("GE.23-12345 (C)", "23-12345", "K2309876 060523"), barcode text ("*2309876*"), "Please recycle",
  or a document symbol ("A/78/123", "HSP/HA.2/8/Add.2").
Cover pages (a large-type masthead line near the top) are found here too, since the covers'
own recurring lines ("United Nations" on every cover of a compilation) are not furniture.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from untm.aligner.labels import furniture_form
from untm.aligner.model import Furniture
from untm.aligner.pdflayout.lines import Line

BAND = 0.12
RECUR_SHARE = 0.3
MAX_WIDTH = 0.7
# a footnote ("1 See …", "* HSP/…") or a labelled paragraph or heading is content, even where two
# copies of one report in a file put it at the same place of a page
_CONTENT = re.compile(
    r"^(?:\d{1,3}|\*{1,4}|[†‡])\s+\S{2,}|^\d{1,3}[.．]\s|^[IVXL]{1,6}\.\s|^[A-Z]\.\s"
    r"|^[一二三四五六七八九十]{1,3}、"
)
COVER_SIZE = 1.3  # a masthead line is at least this many body sizes
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?\d{1,4}(?:\s*[-–—])?$|^(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$"
    r"|^\d{1,4}\s*/\s*\d{1,4}$|^第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?$",
    re.I,
)


@dataclass(frozen=True)
class PageRows:
    """The rows of one page and its size."""

    number: int
    width: float
    height: float
    rows: list[list[Line]]


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip().lower()))


def _band(line: Line, page: PageRows) -> str | None:
    if line.y0 >= page.height * (1 - BAND):
        return "top"
    if line.y1 <= page.height * BAND:
        return "bottom"
    return None


def pattern_kind(text: str) -> str | None:
    """The furniture kind a line's text has by its form alone, if any (in a page's top or bottom
    band, where a document symbol is the running header)."""
    if _PAGE_NUMBER.match(text.strip()):
        return "page-number"
    kind = furniture_form(text)
    return "running-header" if kind == "symbol" else kind


def body_size(pages: list[PageRows]) -> float:
    """The font size most characters of the document have."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for row in page.rows:
            for line in row:
                sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def cover_pages(pages: list[PageRows], size: float) -> set[int]:
    """Pages with a masthead: a line of large type in the top third."""
    covers = set()
    for page in pages:
        for row in page.rows:
            for line in row:
                if line.y0 > page.height * 0.66 and line.size >= COVER_SIZE * size:
                    covers.add(page.number)
    return covers


def _apart(pages: list[PageRows]) -> set[int]:
    """Lines (by id) narrower than MAX_WIDTH of the page whose row is separated from the rows
    above and below it by more than its height: how headers and footers stand."""
    found: set[int] = set()
    for page in pages:
        rows = page.rows
        for i, row in enumerate(rows):
            top = max(ln.y1 for ln in row)
            bottom = min(ln.y0 for ln in row)
            height = top - bottom
            above = min(ln.y0 for ln in rows[i - 1]) - top if i > 0 else height * 9
            below = bottom - max(ln.y1 for ln in rows[i + 1]) if i + 1 < len(rows) else height * 9
            if min(above, below) > 0.8 * height:
                found.update(
                    id(ln)
                    for ln in row
                    if ln.x1 - ln.x0 <= MAX_WIDTH * page.width
                    and not _CONTENT.match(ln.text)
                    and ln.lead_ref is None  # a footnote starting with a superscript marker
                )
    return found


def split_furniture(
    pages: list[PageRows], covers: set[int]
) -> tuple[list[PageRows], list[Furniture]]:
    """Pages without their furniture lines, and the furniture (line = page number)."""
    seen: dict[tuple[str, str], set[int]] = {}
    apart = _apart(pages)
    for page in pages:
        if page.number in covers:
            continue
        for row in page.rows:
            for line in row:
                band = _band(line, page)
                if band and id(line) in apart:
                    seen.setdefault((band, _key(line.text)), set()).add(page.number)
    others = max(1, len(pages) - len(covers))
    recurring = {
        key for key, on in seen.items() if len(on) >= 2 and len(on) >= RECUR_SHARE * others
    }
    kept: list[PageRows] = []
    found: list[Furniture] = []
    for page in pages:
        rows: list[list[Line]] = []
        for row in page.rows:
            keep: list[Line] = []
            for line in row:
                band = _band(line, page)
                kind = pattern_kind(line.text) if band else None
                if (
                    band
                    and kind is None
                    and id(line) in apart
                    and (band, _key(line.text)) in recurring
                ):
                    kind = "running-header" if band == "top" else "running-footer"
                if kind is None:
                    keep.append(line)
                else:
                    found.append(Furniture(kind, line.text, page.number))
            if keep:
                rows.append(keep)
        kept.append(PageRows(page.number, page.width, page.height, rows))
    return kept, found
