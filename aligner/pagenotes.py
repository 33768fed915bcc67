"""Numbered footnotes at the foot of a page of extracted text (`pdftotext` output).

A PDF sets its footnotes in a smaller font at the foot of the page; `pdftotext` writes them as
lines after the page's body text, each note's number alone on its line (the number is set apart
from its text) or at the start of its first line ("1 See resolution HSP/HA.1/Res.1."). Read as
running text they end up inside the paragraph the page break cut, so that paragraph is read as
two. Here a page's last lines are its notes when they read as notes do:

- they start with a note number: a bare number ("1"), or a number and text after a blank line
  (or right after the note before it, numbered one less);
- each note has text, and no line of them starts a labelled paragraph ("12.", "II.");
- their numbers follow each other (1, 2, 3 …) and go on from the notes of the pages before
  (or start again at 1: some documents number notes page by page), within `MAX_NOTE_LINES` of
  the page's end.

`page_notes(lines)` gives each note's lines; the cleaner makes each note a footnote block, so
the paragraph around it is read as one (`aligner.clean`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from untm.aligner.labels import starts_label
from untm.aligner.linebreaks import Line

MAX_NOTE_LINES = 12  # a page's notes are among its last lines
MAX_NUMBER_JUMP = 3  # a page's first note number after the last one seen (notes are numbered)
_MARK = re.compile(r"^(\d{1,3})$")
_NUMBERED = re.compile(r"^(\d{1,3})\s+(?=[^\d\s])")


@dataclass(frozen=True)
class Note:
    """One numbered footnote: its number and its lines (the bare number's line first, if any)."""

    number: int
    lines: tuple[Line, ...]

    @property
    def text(self) -> str:
        """'1 See resolution …': the number, a space, the note's text."""
        body = [ln.text for ln in self.lines if not _MARK.match(ln.text)]
        first = _NUMBERED.sub("", body[0], count=1) if _NUMBERED.match(body[0]) else body[0]
        return " ".join([str(self.number), first, *body[1:]])


def page_notes(lines: Sequence[Line]) -> list[Note]:
    """The numbered footnotes at the feet of the pages of `lines` (in order)."""
    pages: dict[int, list[Line]] = {}
    for ln in lines:
        pages.setdefault(ln.page, []).append(ln)
    notes: list[Note] = []
    last = 0
    for page in sorted(pages):
        found = _foot_notes(pages[page], last)
        if found:
            notes += found
            last = found[-1].number
    return notes


def _foot_notes(page: Sequence[Line], last: int) -> list[Note]:
    """The notes at the foot of one page (the reading that starts highest, when its numbers
    go on from `last`, the number of the last note before it)."""
    for k in range(max(1, len(page) - MAX_NOTE_LINES), len(page)):
        notes = _read_notes(page[k:])
        if notes:
            return notes if _numbered_on(notes, last) else []
    return []


def _read_notes(tail: Sequence[Line]) -> list[Note] | None:
    """`tail` read as numbered notes, or None when it does not read as notes."""
    notes: list[tuple[int, list[Line]]] = []
    for ln in tail:
        mark = _MARK.match(ln.text)
        numbered = _NUMBERED.match(ln.text)
        found = mark or numbered
        number = int(found.group(1)) if found else 0
        if mark or (numbered and (ln.blank_before or (notes and number == notes[-1][0] + 1))):
            if notes and not _has_text(notes[-1][1]):
                return None
            notes.append((number, [ln]))
        elif not notes or starts_label(ln.text):
            return None
        else:
            notes[-1][1].append(ln)
    if not notes or not _has_text(notes[-1][1]):
        return None
    return [Note(number, tuple(group)) for number, group in notes]


def _has_text(group: Sequence[Line]) -> bool:
    return len(group) > 1 or not _MARK.match(group[0].text)


def _numbered_on(notes: Sequence[Note], last: int) -> bool:
    """The notes' numbers follow each other and go on from `last` (or start again at 1)."""
    numbers = [n.number for n in notes]
    follow = all(b == a + 1 for a, b in pairwise(numbers))
    first = numbers[0]
    return follow and (last < first <= last + MAX_NUMBER_JUMP or first == 1)
