"""The editor's routes (Starlette). Every request passes `security.Guard` first.

| route | what |
|---|---|
| `GET /` | the page (`?token=...` sets the cookie, then redirects to `/`) |
| `GET /static/review.js`, `/static/review.css` | the page's assets, from the package |
| `GET /api/state` | everything the page shows: every link's view, counts, names, furniture |
| `GET /api/plot` | the alignment path plot (SVG) |
| `GET /api/findings` | `glossary check` findings for the document, with the link each concerns |
| `GET /api/search?q=REGEX&side=both` | the links whose text matches |
| `POST /api/op` | one operation (`untm.review.ops` JSON) → a patch |
| `POST /api/undo`, `/api/redo` | → a patch |
| `POST /api/realign` | `{"keep_edited": true}` → a patch |
| `POST /api/export` | `{"confirmed_only": false}` → writes the outputs chosen on the command line |
| `POST /api/term` | `{"zh": ..., "en": ...}` → user glossary; a patch of the links it marks |

A patch is `{"base": revision before, "revision": after, "start", "remove", "links": [views],
"total", "summary", "info", "focus"}`: links [start, start+remove) of the page's list are replaced
by `links` (an entry `{"same": true, ...}` keeps the texts of the link it replaces and updates
its score, colour, status and bookmark); a page whose revision is not `base` reloads instead.
Changes are serialized (one lock) and saved before they are answered; a search holds no lock (it
reads the session as it stands: sessions are immutable) and runs in a child process under a
memory and a time limit (`untm.regexworker`). Each route is a module-level endpoint that finds the
editor, the searcher and the assets in `request.app.state` (`attach` puts them there), so a
route can be served and tested alone. A request naming a path
(a JSON or query field such as `path`, `out`, `file`) is refused with 400: the server only ever
writes its session file and the outputs chosen when it was started. Library errors map to 400
(a bad request: nothing changed) and 500 (the session could not be saved: nothing changed).
"""

from __future__ import annotations

import functools
import json
import logging
import threading
from collections.abc import Awaitable, Callable
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from untm.errors import OutputError, UntmError
from untm.regexworker import RegexWorker
from untm.report import CSS as REPORT_CSS
from untm.review.navigate import SEARCH_SECONDS
from untm.review.web.backend import Backend
from untm.review.web.payload import LinkRow, LinkViews, changed_range, plot, summary
from untm.review.web.security import MAX_BODY, Access, Guard

LOG = logging.getLogger("untm.review")
#: request fields that would name a file; the page never sends one, so a request that does is
#: refused before anything else is looked at
PATH_FIELDS = frozenset(
    {"path", "paths", "file", "filename", "files", "out", "output", "outputs", "dir",
     "directory", "folder", "dest", "destination", "session", "glossary", "store", "url"}
)  # fmt: skip
ASSETS = {
    "review.js": "text/javascript; charset=utf-8",
    "review.css": "text/css; charset=utf-8",
}


class BadRequest(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def _asset(name: str) -> bytes:
    return resources.files("untm.review.web").joinpath("static", name).read_bytes()


class Editor:
    """The backend plus what the page last saw (rows and views at the current revision)."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.lock = threading.Lock()
        self.views = LinkViews(backend.glossary(), low_score=backend.low_score)
        self.rows: list[LinkRow] = backend.rows()
        self.shown: list[dict[str, Any]] = self.views.views(self.rows)

    def state(self) -> dict[str, Any]:
        with self.lock:
            return {
                "revision": self.backend.revision,
                "links": self.shown,
                "summary": summary(self.shown, self.backend.low_score),
                "info": self.backend.info(),
                "low_score": self.backend.low_score,
            }

    def change(self, work: Callable[[], Any], *, glossary_changed: tuple[str, str] | None = None
               ) -> dict[str, Any]:  # fmt: skip
        """Run `work` (a change) and return the patch for the page.

        A change of the session replaces the links the backend says it replaced (`changed`):
        only those rows are rebuilt. A change of the glossary keeps the links and recomputes
        the views of those with the new term (see `LinkViews.set_glossary`)."""
        with self.lock:
            base = self.backend.revision
            result = work()
            if glossary_changed is None:
                start, stop, shift, moved = self.backend.changed()
                old_stop = stop - shift
                same_places = not moved and shift == 0
                like = self.rows[start:old_stop] if same_places else ()
                new_rows = self.backend.rows(start, stop, like=like)
                rows = [*self.rows[:start], *new_rows, *self.rows[old_stop:]]
                new_views = self.views.views(new_rows)
                shown = [*self.shown[:start], *new_views, *self.shown[old_stop:]]
                entries = _entries(self.rows[start:old_stop], new_rows, new_views)
                focus = start
            else:
                self.views.set_glossary(self.backend.glossary(), touched=glossary_changed)
                rows = self.rows
                shown = self.views.views(rows)
                start, old_stop, stop = changed_range(self.shown, shown)
                entries = shown[start:stop]
                focus = None
            if len(rows) != len(self.backend.session.links):  # never expected: start afresh
                rows = self.backend.rows()
                shown = self.views.views(rows)
                start, old_stop, stop = changed_range(self.shown, shown)
                entries = shown[start:stop]
            self.rows, self.shown = rows, shown
            self.views.prune(rows)
            return {
                "base": base,
                "revision": self.backend.revision,
                "start": start,
                "remove": old_stop - start,
                "links": entries,
                "total": len(shown),
                "summary": summary(shown, self.backend.low_score),
                "info": self.backend.labels(),
                "focus": start if focus is None else focus,
                "result": result,
            }


STATE_FIELDS = ("score", "colour", "status", "bookmark", "low")


def _entries(
    old: list[LinkRow], new: list[LinkRow], views: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The patch's links: a link whose texts are those of the link that stood at its place
    (a confirmation, a bookmark) is sent as `{"same": true, <its state fields>}`, the page keeps
    the rest of its view; any other link is sent whole. Confirming 2,000 links sends ~100 kB
    instead of ~1.6 MB."""
    if len(old) != len(new):
        return views
    out = []
    for before, row, view in zip(old, new, views, strict=True):
        if (before.zh, before.en, before.zh_kinds, before.en_kinds) == (
            row.zh, row.en, row.zh_kinds, row.en_kinds
        ):
            out.append({"same": True, **{f: view[f] for f in STATE_FIELDS}})
        else:
            out.append(view)
    return out


def _refuse_paths(fields: Any, where: str) -> None:
    named = sorted({str(f).lower() for f in fields} & PATH_FIELDS)
    if named:
        raise BadRequest(
            f"{where} names a path ({named[0]!r}): the editor writes only its session and the "
            "outputs chosen on the command line"
        )


async def read_body(request: Request) -> bytes:
    """The request's body, cut off at `MAX_BODY` bytes (413) as it arrives: a body without a
    `Content-Length` is never held whole (one with a length over the limit never reaches a
    route: `security.Guard`)."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise BadRequest(f"request too large (over {MAX_BODY} bytes)", 413)
        chunks.append(chunk)
    return b"".join(chunks)


async def _body(request: Request, allowed: frozenset[str] | None = None) -> dict[str, Any]:
    raw = await read_body(request)
    try:
        data = json.loads(raw or b"{}")
    except (ValueError, RecursionError):
        raise BadRequest("the request body is not JSON") from None
    if not isinstance(data, dict):
        raise BadRequest("the request body must be a JSON object")
    _refuse_paths(data, "the request")
    if allowed is not None:
        unknown = sorted(set(data) - allowed)
        if unknown:
            known = ", ".join(sorted(allowed)) or "none"
            raise BadRequest(f"unknown field {unknown[0]!r} (allowed: {known})")
    return data


def _error(exc: Exception) -> JSONResponse:
    """A request's failure as its HTTP status: 400 for a bad request, 500 when a file could not
    be written (the session or an output: the change did not happen) or for a bug (logged)."""
    if isinstance(exc, BadRequest):
        return JSONResponse({"error": str(exc)}, status_code=exc.status)
    if isinstance(exc, OutputError):
        return JSONResponse({"error": str(exc)}, status_code=500)
    if isinstance(exc, UntmError):
        return JSONResponse({"error": str(exc)}, status_code=400)
    LOG.error("internal error", exc_info=exc)
    return JSONResponse({"error": f"internal error: {type(exc).__name__}"}, status_code=500)


Handler = Callable[[Request], Awaitable[Any]]


def endpoint(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    """A route's endpoint: a query naming a path is refused, the handler's result is sent as
    JSON (unless it is a response), its failure as its status (`_error`). A client that went
    away before its request was read is one line in the log."""

    @functools.wraps(handler)
    async def run(request: Request) -> Response:
        try:
            _refuse_paths(request.query_params.keys(), "the address")
            result = await handler(request)
        except ClientDisconnect:
            LOG.warning("untm review: a client went away while sending %s %s; nothing changed",
                        request.method, request.url.path)  # fmt: skip
            return Response(status_code=400)  # no one reads it
        except Exception as exc:  # mapped to a status at the edge
            return _error(exc)
        if isinstance(result, Response):
            return result
        return JSONResponse(result)

    return run


def _editor(request: Request) -> Editor:
    editor: Editor = request.app.state.editor
    return editor


@endpoint
async def index(request: Request) -> Response:
    if "token" in request.query_params:  # the cookie is set (Guard): drop the token from view
        return Response(status_code=303, headers={"location": "/"})
    page: bytes = request.app.state.page
    return Response(page, media_type="text/html; charset=utf-8")


@endpoint
async def static(request: Request) -> Response:
    assets: dict[str, tuple[bytes, str]] = request.app.state.assets
    name = request.path_params["name"]
    if name not in assets:
        return JSONResponse({"error": "no such asset"}, status_code=404)
    body, ctype = assets[name]
    return Response(body, media_type=ctype)


@endpoint
async def state(request: Request) -> Any:
    return await run_in_threadpool(_editor(request).state)


@endpoint
async def findings(request: Request) -> Any:
    editor = _editor(request)

    def collect() -> dict[str, Any]:
        with editor.lock:
            found = [{"link": n, **issue} for n, view in enumerate(editor.shown)
                     for issue in view["issues"]]  # fmt: skip
            return {"revision": editor.backend.revision, "findings": found}

    return await run_in_threadpool(collect)


@endpoint
async def plot_svg(request: Request) -> Response:
    editor = _editor(request)

    def draw() -> str:
        with editor.lock:
            return plot(editor.backend.result())

    svg = await run_in_threadpool(draw)
    return Response(svg, media_type="image/svg+xml")


@endpoint
async def search(request: Request) -> Any:
    """The links whose text matches `q`: searched in the searcher's child process, on the
    session as it stands (sessions are immutable: no lock is held, changes go on)."""
    q = request.query_params.get("q", "")
    side = request.query_params.get("side", "both")
    backend, searcher = _editor(request).backend, request.app.state.searcher
    return {"links": await run_in_threadpool(backend.search, q, side, searcher)}


@endpoint
async def op(request: Request) -> Any:
    editor = _editor(request)
    data = await _body(request)
    return await run_in_threadpool(editor.change, lambda: editor.backend.apply(data))


@endpoint
async def undo(request: Request) -> Any:
    editor = _editor(request)
    await _body(request, frozenset())
    return await run_in_threadpool(editor.change, editor.backend.undo)


@endpoint
async def redo(request: Request) -> Any:
    editor = _editor(request)
    await _body(request, frozenset())
    return await run_in_threadpool(editor.change, editor.backend.redo)


@endpoint
async def realign(request: Request) -> Any:
    editor = _editor(request)
    data = await _body(request, frozenset({"keep_edited"}))
    change = {"op": "realign", "keep_edited": data.get("keep_edited", True)}
    return await run_in_threadpool(editor.change, lambda: editor.backend.apply(change))


@endpoint
async def export(request: Request) -> Any:
    editor = _editor(request)
    data = await _body(request, frozenset({"confirmed_only"}))
    confirmed_only = data.get("confirmed_only", False)
    if not isinstance(confirmed_only, bool):
        raise BadRequest("'confirmed_only' must be true or false")

    def run() -> list[dict[str, Any]]:
        with editor.lock:
            return editor.backend.export(confirmed_only=confirmed_only)

    return {"written": await run_in_threadpool(run)}


@endpoint
async def term(request: Request) -> Any:
    """A term pair into the user glossary: checked by the rules of `untm glossary add`
    (`clean_term`) before the editor's lock is taken, then added and the links marked."""
    from untm.glossary.tabular import clean_term

    editor = _editor(request)
    data = await _body(request, frozenset({"zh", "en"}))
    zh, en = data.get("zh"), data.get("en")
    if not isinstance(zh, str) or not isinstance(en, str):
        raise BadRequest("a term needs 'zh' and 'en' strings")
    await run_in_threadpool(lambda: (clean_term(zh), clean_term(en)))
    return await run_in_threadpool(
        lambda: editor.change(lambda: editor.backend.add_term(zh, en), glossary_changed=(zh, en))
    )


ROUTES = [
    Route("/", index, methods=["GET"]),
    Route("/static/{name}", static, methods=["GET"]),
    Route("/api/state", state, methods=["GET"]),
    Route("/api/plot", plot_svg, methods=["GET"]),
    Route("/api/findings", findings, methods=["GET"]),
    Route("/api/search", search, methods=["GET"]),
    Route("/api/op", op, methods=["POST"]),
    Route("/api/undo", undo, methods=["POST"]),
    Route("/api/redo", redo, methods=["POST"]),
    Route("/api/realign", realign, methods=["POST"]),
    Route("/api/export", export, methods=["POST"]),
    Route("/api/term", term, methods=["POST"]),
]


def assets() -> dict[str, tuple[bytes, str]]:
    """The page's assets by name: (bytes, content type)."""
    found = {name: (_asset(name), ctype) for name, ctype in ASSETS.items()}
    # the static review page's styles first (colours, terms, plot), then the editor's own
    found["review.css"] = (REPORT_CSS.encode() + found["review.css"][0], ASSETS["review.css"])
    return found


def attach(app: Starlette, backend: Backend, *, searcher: RegexWorker | None = None) -> Starlette:
    """Put what the endpoints read into `app.state`: the editor of `backend`, the searcher (a
    new `RegexWorker`, whose child starts at the first search, by default), the page and its
    assets. Any of the endpoints served by `app` then works, alone or with the others."""
    app.state.editor = Editor(backend)
    app.state.searcher = searcher if searcher is not None else RegexWorker(seconds=SEARCH_SECONDS)
    app.state.page = _asset("index.html")
    app.state.assets = assets()
    return app


def create_app(backend: Backend, access: Access, *, searcher: RegexWorker | None = None) -> Guard:
    """The editor as an ASGI app: every route (module-level endpoints reading `app.state`,
    `attach`) behind `Guard` (see the module docstring)."""
    return Guard(attach(Starlette(routes=ROUTES), backend, searcher=searcher), access)
