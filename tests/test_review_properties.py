"""Property tests of review sessions: any sequence of operations keeps the links a monotone
partition of both sides; undo restores the previous state exactly; redo reapplies; the file
round-trips exactly."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from untm.aligner.model import AlignmentResult, Link, Segment
from untm.errors import ReviewError
from untm.review import (
    OPS,
    Op,
    apply,
    check_session,
    dumps_session,
    loads_session,
    new_session,
    op_from_dict,
    op_from_json,
    op_to_json,
    redo,
    undo,
)
from untm.review.session import Session

WORDS = ["会议", "决定", "The", "report", "UN-Habitat", "环境署", "and", "。", ". ", "𠀀", " "]


@st.composite
def sessions(draw: st.DrawFn) -> Session:
    """A random alignment: a monotone partition of random segments into random links."""
    counts = draw(
        st.lists(
            st.sampled_from([(a, b) for a in range(4) for b in range(4) if a or b]),
            min_size=1,
            max_size=12,
        )
    )
    text = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map("".join)
    n, m = sum(c[0] for c in counts), sum(c[1] for c in counts)
    src = tuple(Segment(i, draw(text), i // 3) for i in range(n))
    tgt = tuple(Segment(j, draw(text), j // 3) for j in range(m))
    links, i, j = [], 0, 0
    for a, b in counts:
        score = draw(st.floats(0, 1))
        links.append(Link(tuple(range(i, i + a)), tuple(range(j, j + b)), score))
        i, j = i + a, j + b
    return new_session(AlignmentResult(src, tgt, tuple(links), settings={"mode": "fast"}))


@st.composite
def requests(draw: st.DrawFn, s: Session) -> dict[str, Any]:
    """A random request, often valid, sometimes not (out of range, empty, ...)."""
    name = draw(st.sampled_from(sorted(set(OPS) - {"realign"})))
    links, n, m = len(s.links), len(s.src.segments), len(s.tgt.segments)
    side = draw(st.sampled_from(["src", "tgt"]))
    size = n if side == "src" else m
    data: dict[str, Any] = {"op": name}

    def index(count: int) -> int:  # half the time surely in range, else perhaps just outside
        return draw(st.one_of(st.integers(0, max(count - 1, 0)), st.integers(-1, count)))

    if name in ("shift-first", "shift-last", "detach"):
        data["side"] = side
    if name not in ("edit-text", "split-segment", "join-segments"):
        data["link"] = index(links)
    if name == "split-link":
        data["src_at"] = draw(st.integers(0, 4))
        data["tgt_at"] = draw(st.integers(0, 4))
    if name in ("edit-text", "split-segment", "join-segments"):
        data["side"] = side
        data["segment"] = index(size)
    if name == "edit-text":
        data["text"] = draw(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)))
    if name == "split-segment":
        segs = s.side(side).segments
        length = len(segs[data["segment"]].text) if 0 <= data["segment"] < size else 3
        data["offset"] = index(length + 1)
    return data


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions(), st.data())
def test_any_sequence_of_operations_keeps_the_partition_and_undoes_exactly(
    start: Session, data: st.DataObject
) -> None:
    s = start
    states = [s.state]
    for _ in range(data.draw(st.integers(1, 15))):
        op: Op = op_from_dict(data.draw(requests(s)))
        assert op_from_json(op_to_json(op)) == op
        # an independent copy (another object tree, read back from the file's text): a refused
        # operation that changed anything the session holds, its cached link starts included
        # (mutable lists), shows up against it
        copy = loads_session(dumps_session(s))
        try:
            after = apply(s, op)
        except ReviewError:
            assert s == copy  # refused: nothing changed
            for side in ("src", "tgt"):
                assert s.starts(side) == copy.starts(side)
            event("refused")
            continue
        event(f"applied {op.name}")
        check_session(after)
        # links in order cover 0..n-1 of both sides exactly once
        for side in ("src", "tgt"):
            covered = [p for k in range(len(after.links)) for p in after.span(k).side(side)]
            assert covered == list(range(len(after.side(side).segments)))
        assert all(link.src or link.tgt for link in after.links)
        assert undo(after).state == s.state  # undo restores exactly
        assert redo(undo(after)).state == after.state  # redo reapplies
        s = after
        states.append(s.state)
    # the file round-trips exactly, history included
    assert loads_session(dumps_session(s)) == s
    # undo all the way back, then redo all the way forward
    back = s
    for state in reversed(states[:-1]):
        back = undo(back)
        assert back.state == state
    for state in states[1:]:
        back = redo(back)
        assert back.state == state
