"""Review operations: each one a pure function of the session and one step of undo/redo.

`apply(session, op)` returns a new session with the change made and recorded; a request that
cannot be carried out (no such link, nothing to shift, the same text again, ...) raises
`ReviewError` and changes nothing. Links and segments are named by their index in the current
session (links 0-based in order; segments by review position on their side, see
`session.Session.span`).

| op (JSON "op") | fields | what it does |
|---|---|---|
| `shift-first` | link, side | first segment of `side` moves to the end of the previous link |
| `shift-last` | link, side | last segment of `side` moves to the start of the next link |
| `merge` | link | the link and the next one become one |
| `split-link` | link, src_at, tgt_at | first part: src_at / tgt_at segments; second: the rest |
| `detach` | link, side | `side` leaves the link as its own null link, right after it |
| `edit-text` | side, segment, text | the segment's text becomes `text` (PDF / OCR errors) |
| `split-segment` | side, segment, offset | the segment is cut in two at character `offset` |
| `join-segments` | side, segment | the segment and the next one, in the same link, become one |
| `confirm` | link | the link is confirmed |
| `confirm-up-to` | link | every link from the first up to this one is confirmed |
| `bookmark` | link | the link's bookmark is set or cleared |
| `realign` | keep_edited | the aligner re-runs between held links (`realign.realign_session`) |

A link a shift, merge, split, detach or text edit changes becomes `edited` (so it needs to be
confirmed again); a link emptied by a shift disappears. Scores stay the aligner's: an edited link
keeps the score of the link it came from (a merge the lower of the two).
Offsets are Python string indices (code points): a browser's UTF-16 offset must be converted
(`utf16_offset_to_index`).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from untm.errors import ReviewError
from untm.pipeline import joiner
from untm.review.history import record
from untm.review.session import (
    SIDES,
    LinkPatch,
    ReviewLink,
    ReviewSegment,
    SegmentPatch,
    Session,
    SideName,
    Status,
    Step,
    side_word,
)

#: the longest segment text an edit may set
MAX_TEXT = 20_000


@dataclass(frozen=True)
class Op:
    """Base of all operations; `name` is the JSON "op" value."""

    name: ClassVar[str] = ""


@dataclass(frozen=True)
class ShiftFirst(Op):
    name: ClassVar[str] = "shift-first"
    link: int
    side: SideName


@dataclass(frozen=True)
class ShiftLast(Op):
    name: ClassVar[str] = "shift-last"
    link: int
    side: SideName


@dataclass(frozen=True)
class Merge(Op):
    name: ClassVar[str] = "merge"
    link: int


@dataclass(frozen=True)
class SplitLink(Op):
    name: ClassVar[str] = "split-link"
    link: int
    src_at: int
    tgt_at: int


@dataclass(frozen=True)
class Detach(Op):
    name: ClassVar[str] = "detach"
    link: int
    side: SideName


@dataclass(frozen=True)
class EditText(Op):
    name: ClassVar[str] = "edit-text"
    side: SideName
    segment: int
    text: str


@dataclass(frozen=True)
class SplitSegment(Op):
    name: ClassVar[str] = "split-segment"
    side: SideName
    segment: int
    offset: int


@dataclass(frozen=True)
class JoinSegments(Op):
    name: ClassVar[str] = "join-segments"
    side: SideName
    segment: int


@dataclass(frozen=True)
class Confirm(Op):
    name: ClassVar[str] = "confirm"
    link: int


@dataclass(frozen=True)
class ConfirmUpTo(Op):
    name: ClassVar[str] = "confirm-up-to"
    link: int


@dataclass(frozen=True)
class Bookmark(Op):
    name: ClassVar[str] = "bookmark"
    link: int


@dataclass(frozen=True)
class Realign(Op):
    """Re-run the aligner between held links: confirmed ones, and edited ones unless told not."""

    name: ClassVar[str] = "realign"
    keep_edited: bool = True


OPS: dict[str, type[Op]] = {
    cls.name: cls
    for cls in (
        ShiftFirst,
        ShiftLast,
        Merge,
        SplitLink,
        Detach,
        EditText,
        SplitSegment,
        JoinSegments,
        Confirm,
        ConfirmUpTo,
        Bookmark,
        Realign,
    )
}


# --- JSON ---------------------------------------------------------------------------------


def op_to_dict(op: Op) -> dict[str, Any]:
    return {"op": op.name, **dataclasses.asdict(op)}


def op_to_json(op: Op) -> str:
    """Canonical JSON of an operation: {"op": name, fields...}, keys sorted."""
    return json.dumps(op_to_dict(op), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _field(data: Mapping[str, Any], name: str, kind: str, op: str) -> Any:
    if name not in data:
        raise ReviewError(f"operation {op!r} needs {name!r}")
    value = data[name]
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ReviewError(f"operation {op!r}: {name!r} must be an integer")
    elif kind == "bool":
        if not isinstance(value, bool):
            raise ReviewError(f"operation {op!r}: {name!r} must be true or false")
    elif kind == "str":
        if not isinstance(value, str):
            raise ReviewError(f"operation {op!r}: {name!r} must be a string")
    elif kind == "side" and value not in SIDES:
        raise ReviewError(f'operation {op!r}: {name!r} must be "src" or "tgt"')
    return value


_KINDS = {"link": "int", "segment": "int", "offset": "int", "src_at": "int", "tgt_at": "int",
          "side": "side", "text": "str", "keep_edited": "bool"}  # fmt: skip


def op_from_dict(data: Any) -> Op:
    """An operation from its JSON object; anything malformed is a ReviewError."""
    if not isinstance(data, Mapping):
        raise ReviewError("an operation must be a JSON object")
    name = data.get("op")
    if not isinstance(name, str) or name not in OPS:
        raise ReviewError(f"unknown operation {name!r} (one of: {', '.join(OPS)})")
    cls = OPS[name]
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - set(fields) - {"op"})
    if unknown:
        raise ReviewError(f"operation {name!r}: unknown field {unknown[0]!r}")
    values = {}
    for fname, f in fields.items():
        if fname not in data and f.default is not dataclasses.MISSING:
            continue
        values[fname] = _field(data, fname, _KINDS[fname], name)
    return cls(**values)


def op_from_json(text: str | bytes) -> Op:
    """An operation from JSON text, e.g. '{"op": "merge", "link": 12}'."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ReviewError(f"operation is not JSON: {exc}") from None
    return op_from_dict(data)


def utf16_offset_to_index(text: str, offset: int) -> int:
    """The Python index of a UTF-16 code-unit offset into `text` (what a browser reports)."""
    units = 0
    for index, ch in enumerate(text):
        if units >= offset:
            return index
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


# --- helpers --------------------------------------------------------------------------------


def _check_link(session: Session, k: int) -> ReviewLink:
    if not 0 <= k < len(session.links):
        raise ReviewError(f"no link {k} (the session has {len(session.links)})")
    return session.links[k]


def _edited(link: ReviewLink, **changes: Any) -> ReviewLink:
    return dataclasses.replace(link, status=Status.EDITED, **changes)


def _with_count(link: ReviewLink, side: SideName, delta: int) -> ReviewLink:
    if side == "src":
        return _edited(link, src=link.src + delta)
    return _edited(link, tgt=link.tgt + delta)


def _step(op: Op, start: int, old: tuple[ReviewLink, ...], new: tuple[ReviewLink, ...],
          segments: tuple[SegmentPatch, ...] = ()) -> Step:  # fmt: skip
    return Step(op_to_json(op), LinkPatch(start, old, new), segments)


def _nonempty(*links: ReviewLink) -> tuple[ReviewLink, ...]:
    return tuple(link for link in links if link.src or link.tgt)


def _check_text(text: str) -> None:
    """A segment's new text: not blank, not huge, one line, and only characters the cleaning
    of a document would keep (`aligner.clean.strip_controls`: no control or format characters,
    lone surrogates or noncharacters, which could not be saved or exported)."""
    from untm.aligner.clean import strip_controls

    if not text.strip():
        raise ReviewError("a segment cannot be empty (make it a null link or join it instead)")
    if len(text) > MAX_TEXT:
        raise ReviewError(f"text too long ({len(text)} characters; limit {MAX_TEXT})")
    _, found = strip_controls(text, line=0)
    bad = [f.text for f in found] + [repr(ch) for ch in text if ch in "\t\n"]
    if bad:
        raise ReviewError(f"text has a line break, control or format character ({bad[0]})")


# --- the operations -------------------------------------------------------------------------


def _shift_first(session: Session, op: ShiftFirst) -> Step:
    link = _check_link(session, op.link)
    if op.link == 0:
        raise ReviewError("link 0 has no previous link to shift into")
    if link.count(op.side) == 0:
        raise ReviewError(f"link {op.link} has no {side_word(op.side)} segment to shift")
    prev = session.links[op.link - 1]
    new = _nonempty(_with_count(prev, op.side, 1), _with_count(link, op.side, -1))
    return _step(op, op.link - 1, (prev, link), new)


def _shift_last(session: Session, op: ShiftLast) -> Step:
    link = _check_link(session, op.link)
    if op.link == len(session.links) - 1:
        raise ReviewError(f"link {op.link} is the last; there is no next link to shift into")
    if link.count(op.side) == 0:
        raise ReviewError(f"link {op.link} has no {side_word(op.side)} segment to shift")
    nxt = session.links[op.link + 1]
    new = _nonempty(_with_count(link, op.side, -1), _with_count(nxt, op.side, 1))
    return _step(op, op.link, (link, nxt), new)


def _merge(session: Session, op: Merge) -> Step:
    link = _check_link(session, op.link)
    if op.link == len(session.links) - 1:
        raise ReviewError(f"link {op.link} is the last; there is no next link to merge with")
    nxt = session.links[op.link + 1]
    merged = _edited(
        link,
        src=link.src + nxt.src,
        tgt=link.tgt + nxt.tgt,
        score=min(link.score, nxt.score),
        bookmark=link.bookmark or nxt.bookmark,
    )
    return _step(op, op.link, (link, nxt), (merged,))


def _split_link(session: Session, op: SplitLink) -> Step:
    link = _check_link(session, op.link)
    if not (0 <= op.src_at <= link.src and 0 <= op.tgt_at <= link.tgt):
        raise ReviewError(
            f"cannot split link {op.link} ({link.kind}) at {op.src_at}/{op.tgt_at}: "
            f"use 0..{link.src} source and 0..{link.tgt} target"
        )
    first = _edited(link, src=op.src_at, tgt=op.tgt_at)
    second = _edited(link, src=link.src - op.src_at, tgt=link.tgt - op.tgt_at, bookmark=False)
    if not (first.src or first.tgt) or not (second.src or second.tgt):
        raise ReviewError(f"splitting link {op.link} there leaves one part empty")
    return _step(op, op.link, (link,), (first, second))


def _detach(session: Session, op: Detach) -> Step:
    link = _check_link(session, op.link)
    if link.is_null:
        raise ReviewError(f"link {op.link} is already a null link ({link.kind})")
    if op.side == "src":
        kept, alone = _edited(link, src=0), _edited(link, tgt=0, bookmark=False)
    else:
        kept, alone = _edited(link, tgt=0), _edited(link, src=0, bookmark=False)
    return _step(op, op.link, (link,), (kept, alone))


def _check_segment(session: Session, side: SideName, position: int) -> tuple[int, ReviewSegment]:
    k = session.link_of(side, position)  # ReviewError when there is no such segment
    return k, session.side(side).segments[position]


def _edit_text(session: Session, op: EditText) -> Step:
    k, segment = _check_segment(session, op.side, op.segment)
    _check_text(op.text)
    if op.text == segment.text:
        raise ReviewError(f"{side_word(op.side)} segment {op.segment} already has this text")
    patch = SegmentPatch(
        op.side, op.segment, (segment,), (dataclasses.replace(segment, text=op.text),)
    )
    link = session.links[k]
    return _step(op, k, (link,), (_edited(link),), (patch,))


def _split_segment(session: Session, op: SplitSegment) -> Step:
    k, segment = _check_segment(session, op.side, op.segment)
    if not 0 < op.offset < len(segment.text):
        raise ReviewError(
            f"cannot split {side_word(op.side)} segment {op.segment} at {op.offset}: "
            f"use 1..{len(segment.text) - 1}"
        )
    head, tail = segment.text[: op.offset].rstrip(), segment.text[op.offset :].lstrip()
    if not head or not tail:
        raise ReviewError("splitting there leaves only white space on one side")
    patch = SegmentPatch(
        op.side,
        op.segment,
        (segment,),
        (dataclasses.replace(segment, text=head), dataclasses.replace(segment, text=tail)),
    )
    link = session.links[k]
    return _step(op, k, (link,), (_with_count(link, op.side, 1),), (patch,))


def _join_segments(session: Session, op: JoinSegments) -> Step:
    k, segment = _check_segment(session, op.side, op.segment)
    doc = session.side(op.side)
    if op.segment + 1 >= len(doc.segments) or session.link_of(op.side, op.segment + 1) != k:
        raise ReviewError(
            f"{side_word(op.side)} segment {op.segment} is the last of its link; shift or merge "
            "the links first"
        )
    nxt = doc.segments[op.segment + 1]
    joined = dataclasses.replace(segment, text=joiner(doc.lang).join((segment.text, nxt.text)))
    patch = SegmentPatch(op.side, op.segment, (segment, nxt), (joined,))
    link = session.links[k]
    return _step(op, k, (link,), (_with_count(link, op.side, -1),), (patch,))


def _confirm(session: Session, op: Confirm) -> Step:
    link = _check_link(session, op.link)
    if link.status is Status.CONFIRMED:
        raise ReviewError(f"link {op.link} is already confirmed")
    return _step(op, op.link, (link,), (dataclasses.replace(link, status=Status.CONFIRMED),))


def _confirm_up_to(session: Session, op: ConfirmUpTo) -> Step:
    _check_link(session, op.link)
    first = next(
        (k for k in range(op.link + 1) if session.links[k].status is not Status.CONFIRMED), None
    )
    if first is None:
        raise ReviewError(f"links 0 to {op.link} are all confirmed already")
    old = session.links[first : op.link + 1]
    new = tuple(
        link
        if link.status is Status.CONFIRMED
        else ReviewLink(link.src, link.tgt, link.score, Status.CONFIRMED, link.bookmark)
        for link in old
    )
    return _step(op, first, old, new)


def _bookmark(session: Session, op: Bookmark) -> Step:
    link = _check_link(session, op.link)
    return _step(op, op.link, (link,), (dataclasses.replace(link, bookmark=not link.bookmark),))


def _realign(session: Session, op: Realign) -> Step:
    from untm.review.realign import realigned_links

    start, old, new = realigned_links(session, keep_edited=op.keep_edited)
    return _step(op, start, old, new)


_HANDLERS: dict[type[Op], Any] = {
    ShiftFirst: _shift_first,
    ShiftLast: _shift_last,
    Merge: _merge,
    SplitLink: _split_link,
    Detach: _detach,
    EditText: _edit_text,
    SplitSegment: _split_segment,
    JoinSegments: _join_segments,
    Confirm: _confirm,
    ConfirmUpTo: _confirm_up_to,
    Bookmark: _bookmark,
    Realign: _realign,
}


def plan(session: Session, op: Op) -> Step:
    """The step `op` would make (ReviewError if it cannot be made); the session is not changed."""
    handler = _HANDLERS.get(type(op))
    if handler is None:
        raise ReviewError(f"not an operation: {op!r}")
    step: Step = handler(session, op)
    return step


def apply(session: Session, op: Op) -> Session:
    """A new session with `op` made and recorded as one undo step."""
    return record(session, plan(session, op))


def apply_json(session: Session, text: str | bytes) -> Session:
    """`apply(session, op_from_json(text))`."""
    return apply(session, op_from_json(text))
