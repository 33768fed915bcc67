"""The review session model: both documents' segments, the links between them, and their history.

A `Session` is immutable: every operation returns a new one (sharing what did not change).

Each side (`DocSide`) keeps its segments in *review order*: the order in which the links show
them. The aligner's links are monotone on the Chinese side but may cross on the English side
(footnotes placed elsewhere by a page break: the seed pair links zh 16, 17 to en 21, 22 and
zh 18, 19 to en 19, 20), so review order is the concatenation of the links' segments, and every
segment remembers its `origin`, its index in the aligned document (pieces of a split segment
share it). Document order, used by the `.align` export, is the stable sort by origin.

A link (`ReviewLink`) stores only how many segments it takes from each side: link k covers the
next `src` source and `tgt` target segments after link k-1. So the links are always a monotone
partition of both sides (every segment in exactly one link, in order) as long as the counts add
up to the number of segments and no link is empty; `check_session` verifies exactly that.
Positions (`Session.spans`) are prefix sums, computed once per session.

The history is a list of `Step`s, each a reversible patch: `history[:done]` can be undone,
`history[done:]` redone. `revision` counts every change (apply, undo, redo), so a client can
tell a stale view from a current one.
"""

from __future__ import annotations

import bisect
import itertools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from untm.aligner.model import AlignmentResult, BlockKind, Furniture, Link, Segment
from untm.errors import ReviewError
from untm.report import LOW_SCORE as LOW_SCORE  # low-confidence: as on the static page

if TYPE_CHECKING:
    from untm.pipeline import AlignOptions

SideName = Literal["src", "tgt"]
SIDES: tuple[SideName, SideName] = ("src", "tgt")


class Status(StrEnum):
    """How far a person has checked a link."""

    AUTO = "auto"  # as the aligner made it
    EDITED = "edited"  # changed by a person (shift, merge, split, text edit), not yet confirmed
    CONFIRMED = "confirmed"  # checked and accepted by a person


@dataclass(frozen=True)
class ReviewSegment:
    """One segment of one side, in review order."""

    text: str
    origin: int  # its index in the aligned document (pieces of a split segment share it)
    paragraph: int = 0
    kind: BlockKind = BlockKind.BODY

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "origin": self.origin, "paragraph": self.paragraph,
                "kind": self.kind.value}  # fmt: skip

    @cached_property
    def json_text(self) -> str:
        """`to_dict` as compact JSON, encoded once per object (sessions share unchanged
        segments, so saving after an operation encodes only what it changed)."""
        return _compact(self.to_dict())


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class ReviewLink:
    """A link: the next `src` source and `tgt` target segments (either may be 0, not both)."""

    src: int
    tgt: int
    score: float = 1.0
    status: Status = Status.AUTO
    bookmark: bool = False

    @property
    def kind(self) -> str:
        """Link type such as "1-1", "2-1", "0-1"."""
        return f"{self.src}-{self.tgt}"

    @property
    def is_null(self) -> bool:
        return self.src == 0 or self.tgt == 0

    def is_low(self, low_score: float) -> bool:
        """A low-confidence link: text on both sides, score under `low_score` (null links are
        counted apart, as the editor's page and the static review page count them)."""
        return not self.is_null and self.score < low_score

    def count(self, side: SideName) -> int:
        return self.src if side == "src" else self.tgt

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "src": self.src,
            "tgt": self.tgt,
            "score": self.score,
            "status": self.status.value,
        }
        if self.bookmark:
            out["bookmark"] = True
        return out

    @cached_property
    def json_text(self) -> str:
        """`to_dict` as compact JSON, encoded once per object."""
        return _compact(self.to_dict())


@dataclass(frozen=True)
class DocSide:
    """One document of the pair: its segments in review order and what cleaning removed."""

    lang: str  # "zh" / "en": decides how a link's segments are joined (no space in Chinese)
    locale: str  # TMX locale, e.g. "zh-CN"
    name: str  # the document's file name (TMX x-document, page title)
    path: str  # where it was read from (recorded only; the review code never opens it)
    segments: tuple[ReviewSegment, ...]
    furniture: tuple[Furniture, ...] = ()


@dataclass(frozen=True)
class LinkPatch:
    """Replace `old` (the links from `start` on) by `new`."""

    start: int
    old: tuple[ReviewLink, ...]
    new: tuple[ReviewLink, ...]


@dataclass(frozen=True)
class SegmentPatch:
    """Replace `old` (the segments of `side` from `start` on) by `new`."""

    side: SideName
    start: int
    old: tuple[ReviewSegment, ...]
    new: tuple[ReviewSegment, ...]


@dataclass(frozen=True)
class Step:
    """One undoable change: segment patches (applied in order), then one link patch.

    `op` is the operation that made it, as canonical JSON (see `ops.op_to_json`).
    """

    op: str
    links: LinkPatch
    segments: tuple[SegmentPatch, ...] = ()


@dataclass(frozen=True)
class LinkSpan:
    """Where link k stands: source positions [src_start, src_stop), target [tgt_start, tgt_stop)."""

    src_start: int
    src_stop: int
    tgt_start: int
    tgt_stop: int

    @property
    def src(self) -> range:
        return range(self.src_start, self.src_stop)

    @property
    def tgt(self) -> range:
        return range(self.tgt_start, self.tgt_stop)

    def side(self, side: SideName) -> range:
        return self.src if side == "src" else self.tgt


@dataclass(frozen=True)
class Session:
    """A review session (see the module docstring)."""

    src: DocSide
    tgt: DocSide
    links: tuple[ReviewLink, ...]
    settings: tuple[tuple[str, str], ...] = ()  # the alignment settings, as the aligner gave them
    history: tuple[Step, ...] = ()
    done: int = 0  # history[:done] is applied (undoable); history[done:] can be redone
    revision: int = 0  # +1 on every change, undo and redo included
    low_score: float = field(default=LOW_SCORE, compare=False)

    def side(self, side: SideName) -> DocSide:
        return self.src if side == "src" else self.tgt

    @property
    def state(self) -> tuple[DocSide, DocSide, tuple[ReviewLink, ...]]:
        """What the user sees and exports: both sides and the links (not the history)."""
        return (self.src, self.tgt, self.links)

    @property
    def can_undo(self) -> bool:
        return self.done > 0

    @property
    def can_redo(self) -> bool:
        return self.done < len(self.history)

    @cached_property
    def _starts(self) -> tuple[list[int], list[int]]:
        src = [0, *itertools.accumulate(link.src for link in self.links)]
        tgt = [0, *itertools.accumulate(link.tgt for link in self.links)]
        return src, tgt

    def starts(self, side: SideName) -> list[int]:
        """starts[k]: position of link k's first segment on `side` (length: links + 1)."""
        return self._starts[0 if side == "src" else 1]

    def span(self, k: int) -> LinkSpan:
        """The positions link k covers on both sides."""
        src, tgt = self._starts
        return LinkSpan(src[k], src[k + 1], tgt[k], tgt[k + 1])

    def link_of(self, side: SideName, position: int) -> int:
        """The index of the link that holds segment `position` of `side`."""
        count = len(self.side(side).segments)
        if not 0 <= position < count:
            raise ReviewError(
                f"no {_SIDE_WORD[side]} segment {position} (the document has {count})"
            )
        return bisect.bisect_right(self.starts(side), position) - 1

    def link_texts(self, k: int, side: SideName) -> list[str]:
        doc = self.side(side)
        return [doc.segments[p].text for p in self.span(k).side(side)]

    def settings_dict(self) -> dict[str, str]:
        return dict(self.settings)


_SIDE_WORD = {"src": "source", "tgt": "target"}


def side_word(side: SideName) -> str:
    """ "source" or "target", for messages."""
    return _SIDE_WORD[side]


def check_session(session: Session) -> None:
    """Raise ReviewError unless the links are a monotone partition of both sides."""
    for k, link in enumerate(session.links):
        if link.src < 0 or link.tgt < 0 or (link.src == 0 and link.tgt == 0):
            raise ReviewError(f"link {k} is empty or negative ({link.kind})")
    for side in SIDES:
        total = session.starts(side)[-1]
        count = len(session.side(side).segments)
        if total != count:
            raise ReviewError(
                f"the links cover {total} {side_word(side)} segments, the document has {count}"
            )
    if not 0 <= session.done <= len(session.history):
        raise ReviewError(f"history position {session.done} outside 0..{len(session.history)}")


def _review_order(links: Sequence[Link], count: int, side: SideName) -> list[int]:
    order = [i for link in links for i in (link.src if side == "src" else link.tgt)]
    if sorted(order) != list(range(count)):
        raise ReviewError(
            f"the alignment does not cover every {side_word(side)} segment exactly once"
        )
    return order


def _unit_score(score: float) -> float:
    """A score in [0, 1] (what a session file may hold; NaN counts as 0)."""
    return min(1.0, max(0.0, score)) if math.isfinite(score) else (1.0 if score > 0 else 0.0)


def new_session(
    result: AlignmentResult,
    *,
    src_lang: str = "zh",
    tgt_lang: str = "en",
    src_locale: str = "zh-CN",
    tgt_locale: str = "en-US",
    src_name: str | None = None,
    tgt_name: str | None = None,
) -> Session:
    """A fresh session (every link auto, no history) from an aligner's result.

    The result's links must cover every segment of both sides exactly once (what
    `untm.pipeline.align_files` and `align_sentences` produce); their order is the review order.
    """
    settings = dict(result.settings)

    def side(
        name: SideName,
        segments: Sequence[Segment],
        furniture: Sequence[Furniture],
        lang: str,
        locale: str,
        shown: str | None,
        path: str,
    ) -> DocSide:
        order = _review_order(result.links, len(segments), name)
        return DocSide(
            lang=lang,
            locale=locale,
            name=shown or Path(path).name or name,
            path=path,
            segments=tuple(
                ReviewSegment(
                    segments[i].text, segments[i].index, segments[i].paragraph, segments[i].kind
                )
                for i in order
            ),
            furniture=tuple(furniture),
        )

    src = side("src", result.src_segments, result.src_furniture, src_lang, src_locale, src_name,
               settings.get("src", ""))  # fmt: skip
    tgt = side("tgt", result.tgt_segments, result.tgt_furniture, tgt_lang, tgt_locale, tgt_name,
               settings.get("tgt", ""))  # fmt: skip
    links = tuple(
        ReviewLink(len(link.src), len(link.tgt), _unit_score(link.score)) for link in result.links
    )
    session = Session(src, tgt, links, tuple(sorted(settings.items())))
    check_session(session)
    return session


def session_from_files(
    zh_path: str | Path, en_path: str | Path, options: AlignOptions | None = None
) -> Session:
    """Align a document pair (`untm.pipeline.align_files`) and start a session on the result."""
    from untm.pipeline import AlignOptions, align_files

    opts = options or AlignOptions()
    result = align_files(zh_path, en_path, opts)
    return new_session(
        result,
        src_lang=opts.src_lang,
        tgt_lang=opts.tgt_lang,
        src_locale=opts.src_locale,
        tgt_locale=opts.tgt_locale,
        src_name=Path(zh_path).name,
        tgt_name=Path(en_path).name,
    )


def document_positions(side: DocSide) -> list[int]:
    """For each review position, the segment's index in document order (stable sort by origin)."""
    order = sorted(range(len(side.segments)), key=lambda p: side.segments[p].origin)
    index = [0] * len(order)
    for doc_index, position in enumerate(order):
        index[position] = doc_index
    return index
