"""Undo and redo: applying a `Step` forward or backward.

A step is a list of exact replacements (segments of one side, then links), each stored with what
it replaces, so reverting is applying the same replacements the other way round, and a step that
no longer matches the session (a hand-edited file) is detected instead of applied blindly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from untm.errors import ReviewError
from untm.review.session import LinkPatch, SegmentPatch, Session, Step


def _patch_links(session: Session, patch: LinkPatch, *, forward: bool) -> Session:
    old, new = (patch.old, patch.new) if forward else (patch.new, patch.old)
    start, stop = patch.start, patch.start + len(old)
    if stop > len(session.links) or session.links[start:stop] != old:
        raise ReviewError(f"history does not match the links at link {patch.start}")
    return dataclasses.replace(session, links=session.links[:start] + new + session.links[stop:])


def _patch_segments(session: Session, patch: SegmentPatch, *, forward: bool) -> Session:
    old, new = (patch.old, patch.new) if forward else (patch.new, patch.old)
    doc = session.side(patch.side)
    start, stop = patch.start, patch.start + len(old)
    if stop > len(doc.segments) or doc.segments[start:stop] != old:
        raise ReviewError(f"history does not match the {patch.side} segments at {patch.start}")
    side = dataclasses.replace(doc, segments=doc.segments[:start] + new + doc.segments[stop:])
    if patch.side == "src":
        return dataclasses.replace(session, src=side)
    return dataclasses.replace(session, tgt=side)


def changed_range(old: Sequence[Any], new: Sequence[Any]) -> tuple[int, int, int]:
    """(start, old_end, new_end): the smallest patch, `new[start:new_end]` replacing
    `old[start:old_end]` (the common head and tail are kept).

    Items are compared by identity first (shared or cached objects), then by value."""

    def same(a: Any, b: Any) -> bool:
        return a is b or bool(a == b)

    limit = min(len(old), len(new))
    start = 0
    while start < limit and same(old[start], new[start]):
        start += 1
    tail = 0
    while tail < limit - start and same(old[len(old) - 1 - tail], new[len(new) - 1 - tail]):
        tail += 1
    return start, len(old) - tail, len(new) - tail


def apply_step(session: Session, step: Step) -> Session:
    """The session with `step` applied (history fields untouched)."""
    for patch in step.segments:
        session = _patch_segments(session, patch, forward=True)
    return _patch_links(session, step.links, forward=True)


def revert_step(session: Session, step: Step) -> Session:
    """The session with `step` taken back (history fields untouched)."""
    session = _patch_links(session, step.links, forward=False)
    for patch in reversed(step.segments):
        session = _patch_segments(session, patch, forward=False)
    return session


def record(session: Session, step: Step) -> Session:
    """Apply a new step: it becomes the last of the history (any redo tail is dropped)."""
    changed = apply_step(session, step)
    return dataclasses.replace(
        changed,
        history=(*session.history[: session.done], step),
        done=session.done + 1,
        revision=session.revision + 1,
    )


def undo(session: Session) -> Session:
    """Take back the last applied step (ReviewError when there is none)."""
    if not session.can_undo:
        raise ReviewError("nothing to undo")
    changed = revert_step(session, session.history[session.done - 1])
    return dataclasses.replace(changed, done=session.done - 1, revision=session.revision + 1)


def redo(session: Session) -> Session:
    """Apply again the step last undone (ReviewError when there is none)."""
    if not session.can_redo:
        raise ReviewError("nothing to redo")
    changed = apply_step(session, session.history[session.done])
    return dataclasses.replace(changed, done=session.done + 1, revision=session.revision + 1)
