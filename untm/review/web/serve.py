"""Serving the editor: a uvicorn server on 127.0.0.1, in the foreground (`serve`) or in a
background thread (`start`, for tests and benchmarks).

The socket is bound before the address is printed (port 0: a free one), so the printed address
always works; the token is new for every run. Ctrl-C stops the server cleanly and the session is
saved once more on the way out (every change was already saved when it was made); the search
process (`untm.regexworker`) is ended with it.
"""

from __future__ import annotations

import contextlib
import gc
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from untm.errors import ServerError
from untm.regexworker import RegexWorker
from untm.review.navigate import SEARCH_SECONDS
from untm.review.web.backend import Backend
from untm.review.web.security import Access, new_token

HOST = "127.0.0.1"


def bind(port: int = 0) -> socket.socket:
    """A listening socket on 127.0.0.1:`port` (0: a free port)."""
    if not 0 <= port <= 65535:
        raise ServerError(f"port {port} is outside 0..65535")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((HOST, port))
        sock.listen(64)
    except OSError as exc:
        sock.close()
        raise ServerError(f"cannot listen on {HOST}:{port}: {exc.strerror or exc}") from None
    return sock


def freeze_heap() -> None:
    """Keep what the server holds from now on (the session, every link's view) out of the
    collector's full collections, which would otherwise walk it each time: pauses of 50-150 ms
    on a 2,000-link session. Garbage is collected first so that none of it is kept. Process-wide,
    so it is done where a server process starts (`serve`), not where an app is built."""
    gc.collect()
    gc.freeze()


def _server(backend: Backend, sock: socket.socket, token: str, searcher: RegexWorker) -> object:
    import uvicorn

    from untm.review.web.app import create_app

    port = sock.getsockname()[1]
    app = create_app(backend, Access(token=token, port=port), searcher=searcher)
    config = uvicorn.Config(
        app,
        lifespan="off",
        log_level="warning",
        access_log=False,
        server_header=False,
        date_header=False,
    )
    return uvicorn.Server(config)


def url_of(sock: socket.socket, token: str) -> str:
    return f"http://{HOST}:{sock.getsockname()[1]}/?token={token}"


def serve(
    backend: Backend,
    *,
    port: int = 0,
    sock: socket.socket | None = None,
    open_browser: bool = True,
    echo: Callable[[str], None] = print,
) -> None:
    """Serve the editor until Ctrl-C (see the module docstring), on `sock` (from `bind`, so a
    taken port fails before slow work) or else on a socket bound to `port` here."""
    sock = sock if sock is not None else bind(port)
    token = new_token()
    searcher = RegexWorker(seconds=SEARCH_SECONDS)
    server = _server(backend, sock, token, searcher)
    freeze_heap()
    searcher.start()
    url = url_of(sock, token)
    echo(f"untm review: editing {backend.path}")
    echo(f"open {url}")
    echo("press Ctrl-C to stop (every change is saved as it is made)")
    if open_browser:
        import webbrowser

        threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
    try:
        server.run(sockets=[sock])  # type: ignore[attr-defined]
    except KeyboardInterrupt:  # uvicorn shuts down, then raises the captured Ctrl-C again
        pass
    finally:
        sock.close()
        searcher.close()
        backend.save()
    echo(f"stopped; session saved to {backend.path}")


@dataclass
class Running:
    """An editor served from a background thread."""

    url: str
    token: str
    port: int
    searcher: RegexWorker
    _server: object
    _thread: threading.Thread

    def stop(self) -> None:
        self._server.should_exit = True  # type: ignore[attr-defined]
        self._thread.join(timeout=10)
        self.searcher.close()


def start(backend: Backend, *, port: int = 0) -> Running:
    """Serve the editor from a background thread; `stop()` ends it."""
    sock = bind(port)
    token = new_token()
    searcher = RegexWorker(seconds=SEARCH_SECONDS)
    server = _server(backend, sock, token, searcher)

    def run() -> None:
        with contextlib.closing(sock):
            server.run(sockets=[sock])  # type: ignore[attr-defined]

    thread = threading.Thread(target=run, name="untm-review-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not getattr(server, "started", False):
        if not thread.is_alive() or time.monotonic() > deadline:
            raise ServerError("the review server did not start")
        time.sleep(0.01)
    return Running(url_of(sock, token), token, sock.getsockname()[1], searcher, server, thread)
