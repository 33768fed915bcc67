"""Covers after the first: the masthead of a later document in the same file.

A compilation, an annex with its own cover, or several reports in one file have more than one
cover. The first is everything before the first label (`aligner.clean`) or the first block of
running text (`running_text`: it ends a sentence and is two lines long or more); a later one is
found where the labels start again — section "I."/"一、" after headings, or paragraph "1." after
higher numbers — and is the run of short unlabelled blocks just before that restart, each of which
reads like a cover line: it ends neither a sentence nor a clause (no final ". 。 , ， ; ； : ："),
so a previous document's closing paragraph or a resolution's preamble is never taken for one.
A restart at a heading needs one such block; a restart at paragraph 1 needs two.
"""

from __future__ import annotations

from collections.abc import Sequence

from untm.aligner.labels import display_width, ends_sentence
from untm.aligner.model import BlockKind

COVER_MAX_CHARS = 400  # display width of the longest cover line (a long title)
RUNNING_MIN_CHARS = 100  # display width from which a block that ends a sentence is running text
_CLAUSE_END = (",", "，", ";", "；", ":", "：", "、")

Label = tuple[BlockKind, str | None] | None


def cover_like(text: str) -> bool:
    """A short line that ends neither a sentence nor a clause (a title, a session, a date)."""
    stripped = text.rstrip()
    return (
        0 < display_width(stripped) <= COVER_MAX_CHARS
        and not ends_sentence(stripped)
        and not stripped.endswith(_CLAUSE_END)
    )


def running_text(text: str) -> bool:
    """A block that reads as running text, never as a cover line: it ends a sentence and is at
    least `RUNNING_MIN_CHARS` wide (two lines of a page or more). Cover lines (a symbol, a date,
    a session, an agenda item, a title, "Report of the Secretary-General") end no sentence; a
    document whose first label comes late (a book, an article, a report without numbered
    paragraphs but for a list) starts its body at its first such block."""
    stripped = text.rstrip()
    return display_width(stripped) >= RUNNING_MIN_CHARS and ends_sentence(stripped)


def _cover_run(texts: Sequence[str], labels: Sequence[Label], restart: int) -> list[int]:
    start = restart
    while start > 0 and labels[start - 1] is None and cover_like(texts[start - 1]):
        start -= 1
    return list(range(start, restart))


def later_covers(texts: Sequence[str], labels: Sequence[Label]) -> set[int]:
    """Indices of the blocks that form the covers of later documents.

    `texts` are the blocks' normalised texts, `labels` their (kind, label) from
    `labels.label_kind` (None for an unlabelled block).
    """
    covers: set[int] = set()
    seen_heading = False
    top_number = 0
    for k, label in enumerate(labels):
        if label is None:
            continue
        kind, value = label
        needed = 0
        if kind is BlockKind.HEADING and value and value.startswith("R"):
            if value == "R1" and seen_heading:
                needed = 1
            seen_heading = True
        elif kind is BlockKind.BODY and value and value.isdigit():
            number = int(value)
            if number == 1 and top_number >= 2:
                needed = 2
            top_number = max(top_number, number)
        if not needed:
            continue
        top_number = 0  # the numbering starts again either way
        run = _cover_run(texts, labels, k)
        if len(run) >= needed:
            covers.update(run)
    return covers
