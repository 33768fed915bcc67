"""Page furniture of a PDF: what the page geometry tells the furniture rules (`aligner.furniture`,
the rules the text cleaner feeds too).

Each line of a page is described by where it stands: in the top or bottom band of its page
(`BAND` of the page height: the page's edge; every line there is outermost), standing apart as
headers and footers do (narrower than `MAX_WIDTH` of the page and separated from the rows next
to it by more than the line spacing, and not a footnote, labelled paragraph or heading, so that
a line two copies of one report in a file put at the same place is not taken for a header), on
which row, and on a cover page or not. The rules then find page numbers, job numbers, barcodes,
recycling notes and symbols by form, running heads by repetition, and the lines beside them on
their row by position.
Cover pages (a large-type masthead line near the top) are found here too, since the covers'
own recurring lines ("United Nations" on every cover of a compilation) are not furniture.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from untm.aligner.furniture import Edge, PageLine, find_furniture, recorded
from untm.aligner.model import Furniture
from untm.aligner.pdflayout.chars import Figure, Rule
from untm.aligner.pdflayout.lines import Line

BAND = 0.12
MAX_WIDTH = 0.7
# a footnote ("1 See …", "* HSP/…") or a labelled paragraph or heading is content, even where two
# copies of one report in a file put it at the same place of a page
_CONTENT = re.compile(
    r"^(?:\d{1,3}|\*{1,4}|[†‡])\s+\S{2,}|^\d{1,3}[.．]\s|^[IVXL]{1,6}\.\s|^[A-Z]\.\s"
    r"|^[一二三四五六七八九十]{1,3}、"
)
COVER_SIZE = 1.3  # a masthead line is at least this many body sizes
# a numbered heading: "6. ", "6 ", "2.3 ", "II. ", "A. ", "一、", "第六章" (not "6th session")
_NUMBERED = re.compile(
    r"^(?:\d{1,2}(?:[.．]\d{1,2})*(?:[.．]\s*|\s+)(?=\D)|[IVXL]{1,6}\.\s|[A-Z]\.\s"
    r"|[一二三四五六七八九十]{1,3}、"
    r"|第[一二三四五六七八九十百\d]{1,4}[章节部篇])"
)


@dataclass(frozen=True)
class PageRows:
    """The rows of one page, its size and its image objects."""

    number: int
    width: float
    height: float
    rows: list[list[Line]]
    figures: tuple[Figure, ...] = ()
    rules: tuple[Rule, ...] = ()  # the page's ruling lines (`chars.PageChars.rules`)


def _band(line: Line, page: PageRows) -> Edge | None:
    if line.y0 >= page.height * (1 - BAND):
        return "top"
    if line.y1 <= page.height * BAND:
        return "bottom"
    return None


def body_size(pages: list[PageRows]) -> float:
    """The font size most characters of the document's running text have (not counting the
    cells of ruled tables, unless there is nothing else)."""
    sizes: Counter[float] = Counter()
    cells: Counter[float] = Counter()
    for page in pages:
        for row in page.rows:
            for line in row:
                (cells if line.cell else sizes)[round(line.size, 1)] += len(line.text)
    sizes = sizes or cells
    return sizes.most_common(1)[0][0] if sizes else 10.0


def cover_pages(pages: list[PageRows], size: float) -> set[int]:
    """Pages with a masthead: a line of large type in the top third that is no numbered
    heading (a chapter's "6. 汇编程序" or "II. Background" opening a page of a manual or report
    in large type is its text, not the masthead of another document)."""
    covers = set()
    for page in pages:
        for row in page.rows:
            for line in row:
                if (line.y0 > page.height * 0.66 and line.size >= COVER_SIZE * size
                        and not _NUMBERED.match(line.text)):
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
    apart = _apart(pages)
    view: list[PageLine] = []
    where: list[tuple[int, int, int]] = []  # (page index, row index, line index)
    for p, page in enumerate(pages):
        for r, row in enumerate(page.rows):
            for k, line in enumerate(row):
                edge = _band(line, page)
                view.append(PageLine(line.text, page.number, edge, edge is not None,
                                     id(line) in apart, r, page.number in covers))
                where.append((p, r, k))
    found = find_furniture(view)
    drop = {where[i] for i in found}
    kept = [
        PageRows(page.number, page.width, page.height, [
            keep for r, row in enumerate(page.rows)
            if (keep := [ln for k, ln in enumerate(row) if (p, r, k) not in drop])
        ], page.figures, page.rules)
        for p, page in enumerate(pages)
    ]
    return kept, recorded(view, found, [ln.page for ln in view])
