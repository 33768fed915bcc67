"""The editor's request checks, as one ASGI middleware in front of every route.

- Every request needs the server's random token: `?token=` in the URL (the address `untm review`
  prints), or else the cookie the page got on its first load (HttpOnly, SameSite=Strict, a
  session cookie that ends with the browser, named after the port so two editors on one machine
  keep their own). Without it, or with a wrong one: 403, and the request never reaches a route.
  The `Cookie` header is read leniently, as Starlette reads it (another local app's cookie that
  Python's `http.cookies` rejects, `a=b c`, does not hide ours), and any one of several cookies
  of our name may carry the token (a stale one does not lock the user out).
- A browser sends that cookie to every port of 127.0.0.1 (a port is not part of a site), also
  from a page another local server shows: so every `/api/*` request, GET included, must come
  from the editor's own page: `Sec-Fetch-Site: same-origin`, or no such header (curl, old
  browsers). Every write (any method but GET/HEAD) also needs an `Origin` header equal to the
  server's own origin, or, without `Origin`, `Sec-Fetch-Site: same-origin`; and a JSON body.
- A body larger than `MAX_BODY` is refused (413) by its `Content-Length`, before it is read;
  one sent without a length is cut off at `MAX_BODY` while it is read (`read_body`).
- The Host header must name the loopback address the server listens on (no DNS rebinding).
- Responses forbid framing, sniffing, referrers (the token is in the URL) and caching.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from urllib.parse import parse_qs

from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SAFE_METHODS = frozenset({"GET", "HEAD"})
MAX_BODY = 1_000_000  # bytes of JSON a request may send (an edited segment is at most 20,000 chars)
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
    (b"cross-origin-resource-policy", b"same-origin"),
)


def new_token() -> str:
    """A fresh random token (32 bytes, URL-safe)."""
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class Access:
    """Who may talk to the editor: the token, and the host names and port it is reached by."""

    token: str
    port: int
    hosts: tuple[str, ...] = ("127.0.0.1", "localhost")

    @property
    def cookie_name(self) -> str:
        return f"untm_review_{self.port}"

    @property
    def origins(self) -> frozenset[str]:
        return frozenset(f"http://{host}:{self.port}" for host in self.hosts)

    def cookie_header(self) -> str:
        """A session cookie: no Max-Age or Expires, so it ends with the browser session."""
        return f"{self.cookie_name}={self.token}; Path=/; HttpOnly; SameSite=Strict"

    def host_ok(self, host: str | None) -> bool:
        return host is not None and host in {f"{h}:{self.port}" for h in self.hosts}

    def token_ok(self, offered: list[str]) -> bool:
        """Whether one of the `offered` tokens is the server's (each is compared in full)."""
        right = self.token.encode()
        return any(
            [secrets.compare_digest(token.encode("utf-8", "replace"), right) for token in offered]
        )


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return str(value.decode("latin-1"))
    return None


def offered_tokens(scope: Scope, cookie_name: str) -> list[str]:
    """The tokens a request offers: the `?token=` of its URL when it has one (a wrong one is not
    rescued by a right cookie; two are none), else every cookie named `cookie_name`."""
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    if "token" in query:
        values = query["token"]
        return values if len(values) == 1 else []
    return [
        value
        for key, raw in scope["headers"]
        if key == b"cookie"
        for chunk in raw.decode("latin-1").split(";")
        for name, value in cookie_parser(chunk).items()
        if name == cookie_name
    ]


def same_origin(scope: Scope, access: Access) -> bool:
    """Whether a write comes from the editor's own page (see the module docstring)."""
    origin = _header(scope, b"origin")
    if origin is not None:
        return origin in access.origins
    return _header(scope, b"sec-fetch-site") == "same-origin"


def body_refused(scope: Scope) -> tuple[int, str] | None:
    """The status and reason that refuse a request by its declared body size (413, or 400 for a
    length that is not a number), or None."""
    length = _header(scope, b"content-length")
    if length is None:
        return None
    if not length.isascii() or not length.isdigit():
        return 400, "the request's Content-Length is not a number"
    if int(length) > MAX_BODY:
        return 413, f"request too large ({int(length)} bytes; limit {MAX_BODY})"
    return None


class Guard:
    """ASGI middleware: the checks of the module docstring, then the app with security headers;
    a page load with a right `?token=` also sets the cookie."""

    def __init__(self, app: ASGIApp, access: Access) -> None:
        self.app = app
        self.access = access

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            if scope["type"] == "lifespan":
                await self.app(scope, receive, send)
            elif scope["type"] == "websocket":  # not served: closed before the handshake (403)
                await send({"type": "websocket.close", "code": 1008})
            return
        problem = self._refuse(scope)
        if problem is not None:
            await _plain(send, 403, problem)
            return
        refused = body_refused(scope)
        if refused is not None:  # answered before a byte of the body is read
            await _plain(send, *refused)
            return
        set_cookie = "token=" in scope.get("query_string", b"").decode("latin-1")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k for k, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                if set_cookie:
                    headers.append((b"set-cookie", self.access.cookie_header().encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _refuse(self, scope: Scope) -> str | None:
        if not self.access.host_ok(_header(scope, b"host")):
            return "forbidden: wrong host"
        if not self.access.token_ok(offered_tokens(scope, self.access.cookie_name)):
            return "forbidden: a valid token is required (open the address untm review printed)"
        fetch_site = _header(scope, b"sec-fetch-site")
        if scope["path"].startswith("/api/") and fetch_site not in (None, "same-origin"):
            return "forbidden: the editor's API answers only its own page"
        if scope["method"] not in SAFE_METHODS:
            if not same_origin(scope, self.access):
                return "forbidden: writes are accepted only from the editor's own page"
            ctype = (_header(scope, b"content-type") or "").split(";")[0].strip().lower()
            if ctype != "application/json":
                return "forbidden: writes must send JSON"
        return None


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *SECURITY_HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
