"""The session file: JSON, written atomically, validated when read.

Layout (format "untm-review-session", version 1)::

    {"format": "untm-review-session", "version": 1, "revision": 7,
     "settings": {"mode": "best", ...},
     "src": {"lang": "zh", "locale": "zh-CN", "name": "a.txt", "path": "/docs/a.txt",
             "segments": [{"text": "...", "origin": 0, "paragraph": 0, "kind": "body"}, ...],
             "furniture": [{"kind": "page-number", "text": "3", "line": 40}, ...]},
     "tgt": {...},
     "links": [{"src": 1, "tgt": 1, "score": 0.93, "status": "auto"}, ...],
     "history": {"done": 2, "steps": [
         {"op": {"op": "merge", "link": 4},
          "links": {"start": 4, "old": [link, link], "new": [link]},
          "segments": [{"side": "src", "start": 9, "old": [segment], "new": [segment, segment]}]},
         ...]}}

Links give counts, not indices (see `session`); `"bookmark": true` only when set. Saving is
fast for long sessions: the JSON of a side and of a history step is cached by object identity
(sessions share unchanged parts), so a save after an operation encodes only the links.
Reading checks every field, that the links partition both sides, and that the whole history
can be undone and redone from the saved state; anything wrong is one `SessionFileError`
naming the file and the field.
"""

from __future__ import annotations

import json
import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from untm.aligner.model import BlockKind, Furniture
from untm.errors import ReviewError, SessionFileError
from untm.fileio import read_bytes_checked, write_text_atomic
from untm.review.history import apply_step, revert_step
from untm.review.session import (
    SIDES,
    DocSide,
    LinkPatch,
    ReviewLink,
    ReviewSegment,
    SegmentPatch,
    Session,
    Status,
    Step,
    check_session,
)

FORMAT = "untm-review-session"
VERSION = 1
#: a session file larger than this is refused (a document pair of ~40 MB of text)
MAX_SESSION_BYTES = 200 * 1024 * 1024

T = TypeVar("T")


class _IdentityCache:
    """Encoded JSON of immutable objects, keyed by identity (bounded, least recently used)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[int, tuple[object, str]] = OrderedDict()
        self._lock = threading.Lock()  # a server may save from more than one thread

    def get(self, obj: T, encode: Callable[[T], str]) -> str:
        key = id(obj)
        with self._lock:
            hit = self._items.get(key)
            if hit is not None and hit[0] is obj:
                self._items.move_to_end(key)
                return hit[1]
        text = encode(obj)
        with self._lock:
            self._items[key] = (obj, text)
            if len(self._items) > self.size:
                self._items.popitem(last=False)
        return text


_SIDE_CACHE = _IdentityCache(8)
_STEP_CACHE = _IdentityCache(100_000)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _json_list(items: Sequence[ReviewLink] | Sequence[ReviewSegment]) -> str:
    return "[" + ",".join(item.json_text for item in items) + "]"


def _encode_side(side: DocSide) -> str:
    head = _dumps({"lang": side.lang, "locale": side.locale, "name": side.name, "path": side.path})
    furniture = _dumps([{"kind": f.kind, "text": f.text, "line": f.line} for f in side.furniture])
    return f'{head[:-1]},"furniture":{furniture},\n "segments":{_json_list(side.segments)}}}'


def _encode_step(step: Step) -> str:
    links = step.links
    text = (
        f'{{"op":{step.op},"links":{{"start":{links.start},"old":{_json_list(links.old)},'
        f'"new":{_json_list(links.new)}}}'
    )
    if step.segments:
        patches = ",".join(
            f'{{"side":"{p.side}","start":{p.start},"old":{_json_list(p.old)},"new":{_json_list(p.new)}}}'
            for p in step.segments
        )
        text += f',"segments":[{patches}]'
    return text + "}"


def dumps_session(session: Session) -> str:
    """The session as the text of a session file."""
    head = _dumps(
        {
            "format": FORMAT,
            "version": VERSION,
            "revision": session.revision,
            "settings": dict(session.settings),
        }
    )
    steps = ",\n".join(_STEP_CACHE.get(step, _encode_step) for step in session.history)
    return (
        f"{head[:-1]},\n"
        f'"src":{_SIDE_CACHE.get(session.src, _encode_side)},\n'
        f'"tgt":{_SIDE_CACHE.get(session.tgt, _encode_side)},\n'
        f'"links":{_json_list(session.links)},\n'
        f'"history":{{"done":{session.done},"steps":[\n{steps}]}}}}\n'
    )


def save_session(session: Session, path: str | Path) -> None:
    """Write the session file atomically (a crash leaves the previous file whole)."""
    write_text_atomic(path, dumps_session(session))


# --- reading --------------------------------------------------------------------------------


class _Bad(Exception):
    """A field is wrong: `where` names it (e.g. links[3].status)."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")


def _get(obj: Any, key: str, where: str) -> Any:
    if not isinstance(obj, dict):
        raise _Bad(where, "expected an object")
    if key not in obj:
        raise _Bad(f"{where}.{key}" if where else key, "missing")
    return obj[key]


def _int(value: Any, where: str, low: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(where, "expected an integer")
    if value < low:
        raise _Bad(where, f"expected an integer >= {low}")
    return value


def _str(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise _Bad(where, "expected a string")
    return value


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise _Bad(where, "expected a list")
    return value


def _score(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Bad(where, "expected a number")
    score = float(value)
    if not math.isfinite(score) or not 0.0 <= score <= 1.0:
        raise _Bad(where, "expected a score between 0 and 1")
    return score


def _choice(value: Any, where: str, choices: Sequence[str]) -> str:
    if value not in choices:
        raise _Bad(where, f"expected one of {', '.join(choices)}")
    return str(value)


_KINDS = [k.value for k in BlockKind]
_STATUSES = [s.value for s in Status]


def _segment(value: Any, where: str) -> ReviewSegment:
    return ReviewSegment(
        _str(_get(value, "text", where), f"{where}.text"),
        _int(_get(value, "origin", where), f"{where}.origin"),
        _int(_get(value, "paragraph", where), f"{where}.paragraph"),
        BlockKind(_choice(_get(value, "kind", where), f"{where}.kind", _KINDS)),
    )


def _link(value: Any, where: str) -> ReviewLink:
    bookmark = value.get("bookmark", False) if isinstance(value, dict) else False
    if not isinstance(bookmark, bool):
        raise _Bad(f"{where}.bookmark", "expected true or false")
    link = ReviewLink(
        _int(_get(value, "src", where), f"{where}.src"),
        _int(_get(value, "tgt", where), f"{where}.tgt"),
        _score(_get(value, "score", where), f"{where}.score"),
        Status(_choice(_get(value, "status", where), f"{where}.status", _STATUSES)),
        bookmark,
    )
    if link.src == 0 and link.tgt == 0:
        raise _Bad(where, "a link needs at least one segment")
    return link


def _items(value: Any, where: str, parse: Callable[[Any, str], T]) -> tuple[T, ...]:
    return tuple(parse(item, f"{where}[{n}]") for n, item in enumerate(_list(value, where)))


def _side(value: Any, where: str) -> DocSide:
    furniture = tuple(
        Furniture(
            _str(_get(f, "kind", w), f"{w}.kind"),
            _str(_get(f, "text", w), f"{w}.text"),
            _int(_get(f, "line", w), f"{w}.line"),
        )
        for n, f in enumerate(_list(_get(value, "furniture", where), f"{where}.furniture"))
        for w in [f"{where}.furniture[{n}]"]
    )
    return DocSide(
        lang=_str(_get(value, "lang", where), f"{where}.lang"),
        locale=_str(_get(value, "locale", where), f"{where}.locale"),
        name=_str(_get(value, "name", where), f"{where}.name"),
        path=_str(_get(value, "path", where), f"{where}.path"),
        segments=_items(_get(value, "segments", where), f"{where}.segments", _segment),
        furniture=furniture,
    )


def _step(value: Any, where: str) -> Step:
    from untm.review.ops import op_from_dict, op_to_json

    try:
        op = op_to_json(op_from_dict(_get(value, "op", where)))
    except ReviewError as exc:
        raise _Bad(f"{where}.op", str(exc)) from None
    links = _get(value, "links", where)
    lw = f"{where}.links"
    patch = LinkPatch(
        _int(_get(links, "start", lw), f"{lw}.start"),
        _items(_get(links, "old", lw), f"{lw}.old", _link),
        _items(_get(links, "new", lw), f"{lw}.new", _link),
    )
    segments = []
    raw = value.get("segments", [])
    for n, p in enumerate(_list(raw, f"{where}.segments")):
        pw = f"{where}.segments[{n}]"
        segments.append(
            SegmentPatch(
                "src" if _choice(_get(p, "side", pw), f"{pw}.side", SIDES) == "src" else "tgt",
                _int(_get(p, "start", pw), f"{pw}.start"),
                _items(_get(p, "old", pw), f"{pw}.old", _segment),
                _items(_get(p, "new", pw), f"{pw}.new", _segment),
            )
        )
    return Step(op, patch, tuple(segments))


def _balanced(step: Step) -> bool:
    """Whether the step keeps the links' counts equal to the segments' on both sides."""
    for side in SIDES:
        links = sum(x.count(side) for x in step.links.new) - sum(
            x.count(side) for x in step.links.old
        )
        segments = sum(len(p.new) - len(p.old) for p in step.segments if p.side == side)
        if links != segments:
            return False
    return True


def _check_history(session: Session) -> None:
    """Undo every applied step and redo every step: each must match exactly and keep the links
    a partition (the saved state is one, and every step is balanced)."""
    for n, step in enumerate(session.history):
        if not _balanced(step):
            raise _Bad(f"history.steps[{n}]", "changes the links and segments unevenly")
    state = session
    for n in range(session.done - 1, -1, -1):
        try:
            state = revert_step(state, session.history[n])
        except ReviewError as exc:
            raise _Bad(f"history.steps[{n}]", f"cannot be undone ({exc})") from None
    for n, step in enumerate(session.history):
        try:
            state = apply_step(state, step)
        except ReviewError as exc:
            raise _Bad(f"history.steps[{n}]", f"cannot be redone ({exc})") from None


def session_from_data(data: Any) -> Session:
    """A session from parsed JSON; `_Bad` names the first wrong field."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _Bad("format", f"not a review session (expected format {FORMAT!r})")
    version = data.get("version")
    if version != VERSION:
        raise _Bad(
            "version", f"unsupported session version {version!r} (this untm reads {VERSION})"
        )
    settings = _get(data, "settings", "")
    if not isinstance(settings, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in settings.items()
    ):
        raise _Bad("settings", "expected an object of strings")
    history = _get(data, "history", "")
    steps = _items(_get(history, "steps", "history"), "history.steps", _step)
    session = Session(
        src=_side(_get(data, "src", ""), "src"),
        tgt=_side(_get(data, "tgt", ""), "tgt"),
        links=_items(_get(data, "links", ""), "links", _link),
        settings=tuple(sorted(settings.items())),
        history=steps,
        done=_int(_get(history, "done", "history"), "history.done"),
        revision=_int(_get(data, "revision", ""), "revision"),
    )
    try:
        check_session(session)
    except ReviewError as exc:
        raise _Bad("links", str(exc)) from None
    _check_history(session)
    return session


def loads_session(text: str, *, path: str | Path | None = None) -> Session:
    """A session from the text of a session file (SessionFileError if it is not a valid one)."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise SessionFileError(f"not a review session: bad JSON ({exc})", path=path) from None
    try:
        return session_from_data(data)
    except _Bad as exc:
        raise SessionFileError(f"bad review session: {exc}", path=path) from None


def load_session(path: str | Path) -> Session:
    """Read and check a session file."""
    data = read_bytes_checked(path, max_bytes=MAX_SESSION_BYTES)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SessionFileError(
            f"not a review session: not UTF-8 ({exc.reason})", path=path
        ) from None
    return loads_session(text, path=path)
