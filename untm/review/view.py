"""JSON views of a session for the page: plain dicts, ready for `json.dumps`.

- `summary_view(session)`: names, languages, settings, counts, furniture, undo/redo state
  (its parts `sides_view` and `history_labels` serve the editor's page on their own);
- `links_view(session, start, stop)`: a window of links with their segments' texts;
- `plot_view(session)`: every link's position, size, score and status, compact (the path plot);
- `change_view(session)`: what the last applied (or undone/redone) step touched, so the page can
  update in place.

Segment positions are review positions (see `session`); offsets inside texts are code points.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from untm.report import furniture_place
from untm.review.session import SIDES, Session, Step


def _segments(session: Session, k: int) -> dict[str, list[dict[str, Any]]]:
    span = session.span(k)
    out: dict[str, list[dict[str, Any]]] = {}
    for side in SIDES:
        doc = session.side(side)
        out[side] = [
            {
                "i": p,
                "text": doc.segments[p].text,
                "kind": doc.segments[p].kind.value,
                "paragraph": doc.segments[p].paragraph,
            }
            for p in span.side(side)
        ]
    return out


def link_view(session: Session, k: int) -> dict[str, Any]:
    """One link: index, type, score, status, bookmark and both sides' segments."""
    link = session.links[k]
    return {
        "n": k,
        "kind": link.kind,
        "score": round(link.score, 4),
        "status": link.status.value,
        "bookmark": link.bookmark,
        **_segments(session, k),
    }


def links_view(session: Session, start: int = 0, stop: int | None = None) -> dict[str, Any]:
    """Links start..stop-1 (clipped to the session), with the revision they belong to."""
    total = len(session.links)
    start = max(0, min(start, total))
    stop = total if stop is None else max(start, min(stop, total))
    return {
        "revision": session.revision,
        "total": total,
        "start": start,
        "stop": stop,
        "links": [link_view(session, k) for k in range(start, stop)],
    }


def _step_label(step: Step) -> dict[str, Any]:
    op: dict[str, Any] = json.loads(step.op)
    return op


def history_labels(session: Session) -> dict[str, Any]:
    """The operations undo would take back and redo would make again (JSON objects, or None)."""
    return {
        "undo": _step_label(session.history[session.done - 1]) if session.can_undo else None,
        "redo": _step_label(session.history[session.done]) if session.can_redo else None,
    }


def sides_view(session: Session) -> dict[str, Any]:
    """Each side's language, locale, name, number of segments and furniture (with what its
    `line` counts: `report.furniture_place`)."""
    return {
        side: {
            "lang": session.side(side).lang,
            "locale": session.side(side).locale,
            "name": session.side(side).name,
            "segments": len(session.side(side).segments),
            "furniture": [
                {"kind": f.kind, "text": f.text, "line": f.line}
                for f in session.side(side).furniture
            ],
            "furniture_place": furniture_place(session.side(side).path),  # "page" for a PDF
        }
        for side in SIDES
    }


def summary_view(session: Session) -> dict[str, Any]:
    """What the page shows around the links."""
    links = session.links
    return {
        "revision": session.revision,
        "settings": dict(session.settings),
        "low_score": session.low_score,
        "sides": sides_view(session),
        "links": len(links),
        "by_status": dict(sorted(Counter(link.status.value for link in links).items())),
        "by_kind": dict(sorted(Counter(link.kind for link in links).items())),
        "low": sum(1 for link in links if link.is_low(session.low_score)),
        "bookmarks": [k for k, link in enumerate(links) if link.bookmark],
        **history_labels(session),
    }


def plot_view(session: Session) -> dict[str, Any]:
    """Every link as parallel arrays: source start and size, target start and size, score,
    status (a: auto, e: edited, c: confirmed)."""
    src, tgt = session.starts("src"), session.starts("tgt")
    return {
        "revision": session.revision,
        "src_segments": len(session.src.segments),
        "tgt_segments": len(session.tgt.segments),
        "src_start": src[:-1],
        "src_size": [link.src for link in session.links],
        "tgt_start": tgt[:-1],
        "tgt_size": [link.tgt for link in session.links],
        "score": [round(link.score, 3) for link in session.links],
        "status": "".join(link.status.value[0] for link in session.links),
    }


def change_view(session: Session, *, undone: bool = False) -> dict[str, Any]:
    """What the step last applied (or, with `undone`, last taken back) changed, in the current
    session: links [start, stop) are new; `shift` is how many links later ones moved by;
    `segments_changed` says whether segment positions moved (a split or join of segments)."""
    index = session.done if undone else session.done - 1
    if not 0 <= index < len(session.history):
        return {"revision": session.revision, "start": 0, "stop": 0, "shift": 0,
                "segments_changed": False}  # fmt: skip
    step = session.history[index]
    now = step.links.old if undone else step.links.new
    before = step.links.new if undone else step.links.old
    return {
        "revision": session.revision,
        "start": step.links.start,
        "stop": step.links.start + len(now),
        "shift": len(now) - len(before),
        "segments_changed": bool(step.segments),
    }
