"""Page furniture: one set of rules that every reader feeds with what it knows of its lines.

The text cleaner (`aligner.clean`: the lines of a text, with the pages its form feeds make), the
PDF reader (`pdflayout.furniture`: the lines of each page with their place) and the readers of
structured documents (`furniture_of_blocks`: paragraphs, without pages) describe their lines as
`PageLine`s; `find_furniture` says which are furniture and of what kind:

1. **by form, at a page's edge** (among the first or last lines of a page, or in its top or
   bottom band; anywhere in a text without pages): a page number (`PAGE_NUMBER`: "7", "- 7 -",
   "Page 7", "Page 7 of 12", "7/12", "第 7 页");
2. **by form, anywhere**: a UN job number ("GE.23-12345 (C)", "23-12345", "K2309123(C)",
   "K2309876 060523"; seven bare digits, "2309123", only at a page's edge, as a page number:
   elsewhere they are a value, an order number or an amount), barcode text ("*2309876*"),
   the recycling note ("Please recycle");
3. **a document symbol** ("HSP/HA.2/8/Add.2") at the top edge of a page, or one seen before;
4. **by repetition**: a line at a page's outermost edge that stands apart from the text (short,
   separated, no paragraph label) whose text, digits aside, recurs at the same edge on at least
   two pages, one of them no cover, and `RECUR_SHARE` of the pages that are not covers (a
   cover's copy counts where a page of text has one too) — a running header or footer
   wherever it sits; once a page (the same words again at that edge, a report's title under its
   running header on the first page, are text); its numbers those of a running head (the
   same on every page, going with the page, or each on two pages at least: "Article 3",
   "Article 14" opening pages under the running header are headings);
5. **by position**: a line that stands apart at a page's edge on the same row as a job number,
   barcode or recycling note (the slug at the foot of a UN document's first page: a job number
   of a form not listed, beside the barcode) is furniture of that edge; a page number on the
   same row as another is none (a table's row of years or figures).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from untm.aligner.model import BlockKind, Furniture

if TYPE_CHECKING:
    from untm.aligner.clean import RawBlock

Edge = Literal["top", "bottom"]

PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?\d{1,4}(?:\s*[-–—])?$|^(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$"
    r"|^\d{1,4}\s*/\s*\d{1,4}$|^第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?$",
    re.I,
)
JOB_NUMBER = re.compile(
    r"^(?:GE\.|V\.|E\.)?\d{2}-\d{5}\s*(?:\([A-Z]\))?(?:\s+\d{6}){0,2}$"
    r"|^(?:[A-Z]{1,2}\d{7}\s*(?:\([A-Z]\))?|\d{7}\s*\([A-Z]\))(?:\s+\d{6}){0,2}$"
    r"|^\d{7}(?:\s+\d{6}){1,2}$"
)
# seven digits alone: a job number at a page's edge, but anywhere else a value (an invoice's
# order number, a table's amount), as a page number is
BARE_JOB_NUMBER = re.compile(r"^\d{7}$")
BARCODE = re.compile(r"^\*\d{7,10}\*$")
RECYCLE_NOTE = re.compile(r"^(?:please\s+recycle|请回收)\s*[♲♻]?$", re.I)
SYMBOL = re.compile(r"^[A-Z]{1,10}(?:/[A-Za-z0-9.\-]+){1,7}(?: ?\([A-Z0-9]{1,8}\))?\*?$")
RECUR_SHARE = 0.3
_SLUG = frozenset(("job-number", "barcode", "recycle-note"))
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class PageLine:
    """A line as the furniture rules see it."""

    text: str
    page: int  # 1-based page (0: the text has no pages)
    edge: Edge | None = None  # among its page's first or last lines / in its top or bottom band
    outer: bool = False  # the outermost line(s) of that edge, where running heads stand
    apart: bool = False  # stands apart from the text as headers and footers do
    row: int = -1  # lines drawn on one row share a number (-1: a row of its own)
    cover: bool = False  # on a cover page (its own recurring lines are not running heads)


def form_kind(text: str) -> str | None:
    """The kind of furniture a line is by its form alone, wherever it stands: "job-number",
    "barcode", "recycle-note"; "symbol" for a document symbol (furniture at a page's top or
    where it repeats)."""
    t = text.strip()
    if JOB_NUMBER.match(t):
        return "job-number"
    if BARCODE.match(t):
        return "barcode"
    if RECYCLE_NOTE.match(t):
        return "recycle-note"
    if SYMBOL.match(t):
        return "symbol"
    return None


def is_slug(text: str) -> bool:
    """A job number, barcode or recycling note: the slug of a UN document's first page."""
    return form_kind(text) in _SLUG


def _key(text: str) -> str:
    return _DIGITS.sub("#", _SPACES.sub(" ", text.strip().lower()))


def _recurring(lines: Sequence[PageLine]) -> set[tuple[Edge, str]]:
    """(edge, text key) of the outer lines standing apart that recur on enough pages: on two
    pages at least and on `RECUR_SHARE` of the pages that are not covers, one of them no cover.
    A cover's copy counts where the text recurs on a page of text too (a short document's first
    page, taken for a cover by its large title, under the running header every page has: a
    two-page document's header would else need two pages besides the first); what recurs on
    covers only (the masthead of each document of a compilation) does not."""
    on: dict[tuple[Edge, str], dict[int, tuple[int, ...]]] = {}
    text_pages: dict[tuple[Edge, str], int] = {}
    pages = {ln.page for ln in lines if not ln.cover}
    for ln in lines:
        if ln.edge is not None and ln.outer and ln.apart:
            key = (ln.edge, _key(ln.text))
            where = on.setdefault(key, {})
            if ln.page not in where:
                where[ln.page] = tuple(int(n) for n in _DIGITS.findall(ln.text))
                text_pages[key] = text_pages.get(key, 0) + (not ln.cover)
    needed = max(2, math.ceil(RECUR_SHARE * len(pages)))
    return {key for key, where in on.items()
            if len(where) >= needed and text_pages[key] and _running_numbers(where)}


def _running_numbers(numbers: dict[int, tuple[int, ...]]) -> bool:
    """Whether the numbers in a recurring line's copies ({page: its numbers}) are a running
    head's. At each place in the line the number is one on every page (a symbol's, a year),
    goes with the page (a page number: its value less the page's the same on every page), or
    stands on two pages at least (the chapter a header names over the pages it runs). A number
    that differs on every page without going with the page is a heading's: "Article 3",
    "Article 14", "Article 22" each opening a page under the running header are text."""
    pages = sorted(numbers)
    for place in zip(*(numbers[page] for page in pages), strict=True):
        if (len(set(place)) == len(place)
                and len({n - page for n, page in zip(place, pages, strict=True)}) > 1):
            return False
    return True


def find_furniture(lines: Sequence[PageLine]) -> dict[int, str]:
    """The furniture among `lines` (in reading order): {index: kind}."""
    paged = any(ln.page for ln in lines)
    recurring = _recurring(lines) if paged else set()
    found: dict[int, str] = {}
    seen: set[str] = set()
    for i, ln in enumerate(lines):
        text = ln.text.strip()
        kind = form_kind(text)
        if kind == "symbol":
            kind = "running-header" if ln.edge == "top" or text in seen else None
        if kind is None and (ln.edge is not None or not paged):
            if PAGE_NUMBER.match(text):
                kind = "page-number"
            elif BARE_JOB_NUMBER.match(text):
                kind = "job-number"
        if kind is None and ln.edge is not None and (ln.edge, _key(text)) in recurring:
            kind = "running-header" if ln.edge == "top" else "running-footer"
        if kind is None:
            seen.add(text)
        else:
            found[i] = kind
    _titles_kept(lines, found)
    _rows_with_furniture(lines, found)
    return _without_table_numbers(lines, found)


def _titles_kept(lines: Sequence[PageLine], found: dict[int, str]) -> None:
    """A page holds one running header (footer) of a text: where the recurring text stands twice
    at one edge of a page (a report's first page: its running header, then its title below it,
    the same words), the copy nearest the page's edge is the header, the other is text."""
    copies: dict[tuple[int, Edge, str], list[int]] = {}
    for i, kind in found.items():
        ln = lines[i]
        if kind in ("running-header", "running-footer") and ln.edge is not None and ln.page:
            copies.setdefault((ln.page, ln.edge, _key(ln.text)), []).append(i)
    for (_, edge, _), where in copies.items():
        if len(where) > 1:  # in reading order: the top edge's first, the bottom edge's last
            keep = min(where) if edge == "top" else max(where)
            for i in where:
                if i != keep:
                    del found[i]


def _without_table_numbers(lines: Sequence[PageLine], found: dict[int, str]) -> dict[int, str]:
    """`found` without the page numbers that share their row with another page number: a row
    of bare numbers at a page's edge is a table's (its years, its figures), not a page's."""
    numbers = Counter((lines[i].page, lines[i].row) for i, kind in found.items()
                      if kind == "page-number" and lines[i].row >= 0)
    return {i: kind for i, kind in found.items()
            if kind != "page-number" or numbers[(lines[i].page, lines[i].row)] < 2}


def _rows_with_furniture(lines: Sequence[PageLine], found: dict[int, str]) -> None:
    """Lines standing apart at a page's edge on a row with a UN slug's furniture (a job number,
    barcode or recycling note) are furniture too."""
    marked = {
        (lines[i].page, lines[i].row)
        for i, kind in found.items()
        if lines[i].row >= 0 and kind in _SLUG
    }
    for i, ln in enumerate(lines):
        if i not in found and ln.edge is not None and ln.apart and (ln.page, ln.row) in marked:
            found[i] = "running-header" if ln.edge == "top" else "running-footer"


def furniture_of_blocks(
    blocks: Sequence[RawBlock],
) -> tuple[list[RawBlock], list[Furniture]]:
    """Paragraph blocks of a reader that knows no pages (docx, html) without their furniture,
    and the furniture (`find_furniture` on the blocks as lines of a text without pages; a
    block whose kind the reader knows is never furniture)."""
    free = [k for k, b in enumerate(blocks) if b.hint is None or b.hint is BlockKind.BODY]
    found = find_furniture([PageLine(blocks[k].text, 0) for k in free])
    drop = {free[i]: kind for i, kind in found.items() if blocks[free[i]].hint is None}
    kept = [b for k, b in enumerate(blocks) if k not in drop]
    return kept, [Furniture(kind, blocks[k].text.strip(), blocks[k].line) for k, kind in
                  sorted(drop.items())]


def recorded(lines: Sequence[PageLine], found: dict[int, str], where: Sequence[int]) -> list[
        Furniture]:
    """The furniture `found` among `lines` as records, each at `where[i]` (its line or page)."""
    return [Furniture(kind, lines[i].text.strip(), where[i]) for i, kind in sorted(found.items())]

