"""Entries of a table of contents: a title, a dot leader, the page number set flush right.

A report's contents page lists its headings, each entry a line (or a title wrapped on two):
"I. Introduction . . . . . . . . . 3", "一、导言……………3". What ends an entry is its leader and
page number (`entry_tail`): a run of leader dots ("." "·" "…", spaced or not; `MIN_LEADER`
dots at least, an ellipsis counting as two, so that an ellipsis in running text, "..." or
"……", is none) then a page number (arabic, or a front matter's lower-case roman) closing the
line. The PDF reader (`pdflayout.blocks`) and the text cleaner (`aligner.linebreaks`) end a
paragraph after such a line; the cleaner (`clean.build_paragraphs`) takes the leader and page
number off the entry's text (`split_entry`) and reports them as furniture of kind
`CONTENTS_PAGE`, as it reports a page's own number: they are no text to translate (the other
language's contents has its own pagination; a CAT tool's contents is a field, its leader a tab),
and a unit "Introduction" ↔ "导言" is what a translation memory can use, never lost (the
furniture keeps them, with their characters). Only where the document's entries are a contents'
(`listed`: two at least, their page numbers going up): a table's rows whose leaders run to
figures that go up and down keep their figures.
"""

from __future__ import annotations

import re
from itertools import pairwise

CONTENTS_PAGE = "contents-page-number"
MIN_LEADER = 5  # leader dots (an ellipsis "…" counting as two) before an entry's page number
MIN_ENTRIES = 2  # entries a contents lists at least
RISING = 0.75  # share of steps from entry to entry on which the page number does not go down
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_DOTS = ".·․‧…"
# a leader (dots, spaces between them aside), then the page number, at the end of the text
_TAIL = re.compile(rf"\s*((?:[{_DOTS}][ \u3000]?)+)[ \u3000]*(\d{{1,4}}|[ivxlc]{{1,7}})\s*$")


def entry_tail(text: str) -> int | None:
    """Where the leader and page number closing `text` start (None: `text` ends no contents
    entry)."""
    # an entry's last character before its trailing white space is its page number's: a
    # decimal digit or a roman numeral's letter. Most lines end otherwise, and are told so
    # here, without `_TAIL`'s search, which tries every position of the line (2% of the PDF
    # reader's time on the x8 seed PDFs). `str.rstrip` strips what `\s` matches and
    # `str.isdecimal` is what `\d` matches (both Unicode), so the answer is the same
    last = text.rstrip()[-1:]
    if not (last.isdecimal() or last in _ROMAN):
        return None
    match = _TAIL.search(text)
    if match is None:
        return None
    leader = match.group(1)
    weight = sum(2 if ch == "…" else 1 for ch in leader if ch in _DOTS)
    return match.start() if weight >= MIN_LEADER else None


def split_entry(text: str) -> tuple[str, str] | None:
    """A contents entry's title and its tail (leader and page number), or None when `text`
    ends no entry or is a leader and number alone (no title to keep)."""
    at = entry_tail(text)
    if at is None or not text[:at].strip():
        return None
    return text[:at].rstrip(), text[at:].strip()


def page_value(tail: str) -> int:
    """The page number closing an entry's tail, for ordering: a front matter's roman number
    ("vii") comes before any arabic one."""
    number = tail.split()[-1].lstrip(_DOTS) if tail.split() else ""
    if number.isdigit():
        return int(number)
    values = [_ROMAN.get(ch, 0) for ch in number]
    total = sum(-v if k + 1 < len(values) and v < values[k + 1] else v
                for k, v in enumerate(values))
    return total - 100_000


def listed(tails: list[str]) -> bool:
    """Whether tails of entries in document order are a contents' (`MIN_ENTRIES` at least, the
    page numbers rising or level on `RISING` of the steps), not a table's or a price list's
    leaders to their figures, which go up and down."""
    if len(tails) < MIN_ENTRIES:
        return False
    values = [page_value(t) for t in tails]
    rising = sum(1 for a, b in pairwise(values) if b >= a)
    return rising >= RISING * (len(values) - 1)
