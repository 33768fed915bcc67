"""A document's items (tests/pdfgen.py) as the pieces other producers write: the masthead, cover
lines, headings, paragraphs, tables, each with the footnote it refers to.

pdfgen draws a footnote marker after the word `Item.at` of a body paragraph (numbered notes
"1", "2") or, on a cover line, where its text has the marker ("agenda*", "report**"); the note's
own text is a `footnote` item "MARKER text". Gold keeps the marker in a footnote ("1 See
resolution …") and in a cover line ("… agenda*"), never in a body paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pdfgen import Item


@dataclass(frozen=True)
class Note:
    """A footnote: its marker, its text, and where the marker goes in the text that refers to it
    (`before`: the text up to the marker, `after`: the rest; a cover line's marker is in its
    text, a body paragraph's is not)."""

    marker: str
    text: str
    before: str
    after: str


@dataclass(frozen=True)
class Piece:
    """One block: kind is cover, heading, body or table (`rows`)."""

    kind: str
    text: str = ""
    big: bool = False  # a cover line set large (the title)
    label: str = ""  # a body paragraph's number label ("12."), taken off `text`
    note: Note | None = None
    rows: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Structure:
    """A document as pieces, with the masthead lines of its first page."""

    masthead_left: tuple[str, ...]
    masthead_right: tuple[str, ...]
    pieces: tuple[Piece, ...]


def _note_text(items: Sequence[Item], marker: str) -> str:
    for item in items:
        if item.kind == "footnote" and item.text.startswith(marker + " "):
            return item.text[len(marker) + 1:]
    raise KeyError(marker)


def _word_end(text: str, word: str) -> int:
    m = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)
    assert m is not None, (word, text)
    return m.end()


def structure(items: Sequence[Item]) -> Structure:
    """The pieces of `items`, in order (a run of rows is one table)."""
    left: list[str] = []
    right: list[str] = []
    out: list[Piece] = []
    for item in items:
        if item.kind == "masthead-left":
            left.append(item.text)
        elif item.kind == "masthead-right":
            right.append(item.text)
        elif item.kind == "row":
            if out and out[-1].kind == "table":
                out[-1] = Piece("table", rows=(*out[-1].rows, item.cells))
            else:
                out.append(Piece("table", rows=(item.cells,)))
        elif item.kind == "cover":
            big = item.text.endswith("**") or "联合进度报告" in item.text
            note = None
            for marker in ("**", "*"):
                if marker in item.text:
                    at = item.text.index(marker)
                    note = Note(marker, _note_text(items, marker), item.text[:at],
                                item.text[at + len(marker):])
                    break
            out.append(Piece("cover", item.text, big=big, note=note))
        elif item.kind in ("heading", "body"):
            text, label = item.text, ""
            m = re.match(r"^(\d{1,3}\.)\s+", text) if item.kind == "body" else None
            if m:
                text, label = text[m.end():], m.group(1)
            note = None
            if item.note:
                end = _word_end(text, item.at)
                note = Note(item.note, _note_text(items, item.note), text[:end], text[end:])
            out.append(Piece(item.kind, text, label=label, note=note))
    return Structure(tuple(left), tuple(right), tuple(out))
