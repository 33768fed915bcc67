"""Review sessions: correct an alignment link by link, with undo/redo, realignment and export.

The library behind `untm review` (the web editor is a thin layer over it). Everything here is
pure: a `Session` is immutable, each operation returns a new one; invalid requests raise
`untm.errors.ReviewError` (HTTP 400/409 at the edge) and change nothing; a bad session file
raises `untm.errors.SessionFileError` (one line, names the file and the field).

Make, save, load (`session`, `sessionfile`)::

    from untm.review import new_session, session_from_files, save_session, load_session
    s = session_from_files(zh_path, en_path, AlignOptions())  # aligns; or new_session(result)
    save_session(s, path)          # atomic, fast (unchanged parts cached): after every change
    s = load_session(path)         # validates everything, history included

    s.links[k]                     # ReviewLink(src=count, tgt=count, score, status, bookmark)
    s.span(k)                      # LinkSpan: .src / .tgt ranges of review positions
    s.src.segments[p]              # ReviewSegment(text, origin, paragraph, kind); s.tgt likewise
    s.link_of("tgt", p)            # the link holding target segment p
    s.revision                     # +1 on every change (undo/redo too): detect stale views

Operations (`ops`; one undo step each; see the table in `ops`)::

    from untm.review import apply, op_from_json, undo, redo
    s = apply(s, Merge(link=12))                 # or ShiftFirst(link, side), ShiftLast(...),
    s = apply(s, op_from_json(request_body))     # SplitLink(link, src_at, tgt_at), Detach(link,
    s = undo(s); s = redo(s)                      # side), EditText(side, segment, text),
                                                  # SplitSegment(side, segment, offset),
                                                  # JoinSegments(side, segment), Confirm(link),
                                                  # ConfirmUpTo(link), Bookmark(link), Realign()
    JSON: {"op": "merge", "link": 12}, {"op": "shift-first", "link": 3, "side": "tgt"}, ...
    `op_to_json(op)` is the canonical form; `OPS` maps names to classes.
    Offsets are code points: convert a browser's UTF-16 offset with `utf16_offset_to_index`.

Finding (`navigate`)::

    find_link(s, "unconfirmed" | "uneven" | "null" | "low" | "edited" | "bookmark",
              after=k, backward=False) -> int | None          # goes round the end
    search(s, pattern, sides=("src", "tgt"), start_link=k) -> [SearchHit(link, side, segment,
              start, end)]   # `regex` syntax; bad pattern, too long or too slow: ReviewError

Views for the page (`view`; plain dicts for JSON)::

    summary_view(s)       names, settings, counts, furniture, undo/redo labels, revision
    links_view(s, a, b)   links a..b-1 with both sides' segments (text, kind, paragraph, i)
    plot_view(s)          every link's start/size/score/status (the path plot)
    change_view(s)        links the last step replaced (apply/redo; undone=True after undo)

Realign and export (`realign`, `export`)::

    s = apply(s, Realign())            # aligner between held (confirmed + edited) links; slow-ish
    export_session(s, "out.tmx", confirmed_only=False) -> ExportSummary  # tmx/tsv/align/json
        # TMX units carry x-status (confirmed/edited/auto) and x-score props

Invariant (checked by `check_session`, kept by every operation, property-tested): the links are
a monotone partition of both sides: every segment is in exactly one link, in review order.
"""

from __future__ import annotations

from untm.review.export import ExportSummary, export_session, session_result
from untm.review.history import redo, undo
from untm.review.navigate import FINDS, SearchHit, find_link, search
from untm.review.ops import (
    OPS,
    Bookmark,
    Confirm,
    ConfirmUpTo,
    Detach,
    EditText,
    JoinSegments,
    Merge,
    Op,
    Realign,
    ShiftFirst,
    ShiftLast,
    SplitLink,
    SplitSegment,
    apply,
    apply_json,
    op_from_dict,
    op_from_json,
    op_to_dict,
    op_to_json,
    plan,
    utf16_offset_to_index,
)
from untm.review.session import (
    LOW_SCORE,
    SIDES,
    DocSide,
    LinkSpan,
    ReviewLink,
    ReviewSegment,
    Session,
    Status,
    Step,
    check_session,
    new_session,
    session_from_files,
)
from untm.review.sessionfile import dumps_session, load_session, loads_session, save_session
from untm.review.view import change_view, link_view, links_view, plot_view, summary_view

__all__ = [
    "FINDS",
    "LOW_SCORE",
    "OPS",
    "SIDES",
    "Bookmark",
    "Confirm",
    "ConfirmUpTo",
    "Detach",
    "DocSide",
    "EditText",
    "ExportSummary",
    "JoinSegments",
    "LinkSpan",
    "Merge",
    "Op",
    "Realign",
    "ReviewLink",
    "ReviewSegment",
    "SearchHit",
    "Session",
    "ShiftFirst",
    "ShiftLast",
    "SplitLink",
    "SplitSegment",
    "Status",
    "Step",
    "apply",
    "apply_json",
    "change_view",
    "check_session",
    "dumps_session",
    "export_session",
    "find_link",
    "link_view",
    "links_view",
    "load_session",
    "loads_session",
    "new_session",
    "op_from_dict",
    "op_from_json",
    "op_to_dict",
    "op_to_json",
    "plan",
    "plot_view",
    "redo",
    "save_session",
    "search",
    "session_from_files",
    "session_result",
    "summary_view",
    "undo",
    "utf16_offset_to_index",
]
