"""Property test of Realign on the seed pair's gold session (mode fast): whatever the person
confirmed and edited before, a realignment keeps every held link as it was, the links stay a
monotone partition, and undo gives back the session exactly."""

from __future__ import annotations

import contextlib

from conftest import GOLD, needs_shared
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from review_helpers import gold_session

from untm.errors import ReviewError
from untm.review import (
    Confirm,
    Merge,
    Realign,
    ShiftFirst,
    SplitLink,
    Status,
    apply,
    check_session,
    undo,
)
from untm.review.session import Session

pytestmark = needs_shared(GOLD)

_CACHE: list[Session] = []
EDITS = st.tuples(st.sampled_from(["merge", "shift", "split"]), st.integers(1, 78))


def _gold() -> Session:
    if not _CACHE:
        _CACHE.append(gold_session())
    return _CACHE[0]


def _held(s: Session, statuses: set[Status]) -> dict[tuple[tuple[int, ...], ...], object]:
    """Held links by the segments they cover."""
    out: dict[tuple[tuple[int, ...], ...], object] = {}
    for k, link in enumerate(s.links):
        if link.status in statuses:
            span = s.span(k)
            out[(tuple(span.src), tuple(span.tgt))] = link
    return out


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, 79), max_size=40), st.lists(EDITS, max_size=4), st.booleans())
def test_realign_keeps_held_links(
    confirm: list[int], edits: list[tuple[str, int]], keep_edited: bool
) -> None:
    s = _gold()
    for name, k in edits:
        op = {"merge": Merge(k), "shift": ShiftFirst(k, "tgt"), "split": SplitLink(k, 1, 0)}[name]
        with contextlib.suppress(ReviewError):
            s = apply(s, op)
    for k in confirm:
        if k < len(s.links) and s.links[k].status is not Status.CONFIRMED:
            s = apply(s, Confirm(k))
    statuses = {Status.CONFIRMED, Status.EDITED} if keep_edited else {Status.CONFIRMED}
    before = _held(s, statuses)
    try:
        after = apply(s, Realign(keep_edited=keep_edited))
    except ReviewError as exc:
        assert "changed no link" in str(exc) or "nothing to realign" in str(exc)
        return
    check_session(after)
    now = _held(after, set(Status))
    for key, link in before.items():
        assert now.get(key) == link  # same sentences, status, score, bookmark
    assert after.src == s.src and after.tgt == s.tgt
    assert undo(after).state == s.state
