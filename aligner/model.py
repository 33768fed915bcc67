"""The data model shared by reading, segmentation and alignment (frozen dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from itertools import pairwise


class BlockKind(StrEnum):
    """What a paragraph-level block of a document is."""

    BODY = "body"  # running text (numbered UN paragraphs and unnumbered ones)
    HEADING = "heading"  # section headings: "一、背景", "I. Background"
    FOOTNOTE = "footnote"  # "* HSP/HA.2/1." — aligned apart from the running text
    COVER = "cover"  # cover-page lines: symbol, session, agenda item, title


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a document after cleaning (wrapping joined, furniture removed)."""

    index: int
    text: str
    kind: BlockKind = BlockKind.BODY
    label: str | None = None  # "12" for a numbered paragraph, "II" / "二" for a heading
    # offsets where the paragraph may end although its reader joined it (a PDF page or column
    # break with no sign either way): `pieces`
    soft_breaks: tuple[int, ...] = ()

    def pieces(self) -> list[str]:
        """The paragraph cut at its soft breaks (itself when it has none)."""
        bounds = [0, *self.soft_breaks, len(self.text)]
        cut = (self.text[a:b].strip() for a, b in pairwise(bounds))
        return [piece for piece in cut if piece]


@dataclass(frozen=True)
class Furniture:
    """Something removed from the text while cleaning: never silently lost, always reported."""

    kind: str  # "page-number", "form-feed", "control-char", "running-header", ...
    text: str
    line: int  # 1-based line of the input where it was found (0 when unknown)


#: furniture kinds whose text says what was removed or how (a code, a count, a page number),
#: not text of the document
NOTE_KINDS = frozenset({"control-char", "form-feed", "han-spacing", "page-not-read",
                        "page-without-text", "unmapped-glyphs"})


@dataclass(frozen=True)
class Document:
    """A read and cleaned document: paragraphs in reading order plus what cleaning removed."""

    path: str
    lang: str  # "zh" or "en"
    paragraphs: tuple[Paragraph, ...]
    furniture: tuple[Furniture, ...] = ()
    encoding: str = "utf-8"
    # how the reader read it, where a user should know (a PDF read in PDFium's text order after
    # the layout reading failed its self-check, characters read in their ordinary form)
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Segment:
    """One sentence-level segment (or a heading, footnote, cover line)."""

    index: int  # position in the side's list of segments, 0-based
    text: str
    paragraph: int = 0  # index of the Paragraph it comes from
    kind: BlockKind = BlockKind.BODY


@dataclass(frozen=True)
class Link:
    """An alignment link between source (zh) and target (en) segment indices.

    `src` or `tgt` may be empty for a null link (1-0 / 0-1). `score` is the aligner's
    confidence in [0, 1].
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float = 1.0

    @property
    def kind(self) -> str:
        """Link type such as "1-1", "2-1", "0-1"."""
        return f"{len(self.src)}-{len(self.tgt)}"

    @property
    def is_null(self) -> bool:
        return not self.src or not self.tgt


@dataclass(frozen=True)
class AlignmentResult:
    """Everything an alignment run produced, with what was left out counted."""

    src_segments: tuple[Segment, ...]
    tgt_segments: tuple[Segment, ...]
    links: tuple[Link, ...]
    src_furniture: tuple[Furniture, ...] = ()
    tgt_furniture: tuple[Furniture, ...] = ()
    settings: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # the readers' notes, each starting with its side ("zh: …")

    def link_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for link in self.links:
            counts[link.kind] = counts.get(link.kind, 0) + 1
        return dict(sorted(counts.items()))
