"""The editor's request checks, as one ASGI middleware in front of every route.

- Every request needs the server's random token: `?token=` in the URL (the address `untm review`
  prints), or else the cookie the page got on its first load (HttpOnly, SameSite=Strict, named
  after the port so two editors on one machine keep their own). Without it, or with a wrong one:
  403, and the request never reaches a route.
- Every write (any method but GET/HEAD) also needs a same-origin request: an `Origin` header equal
  to the server's own origin, or, without `Origin`, `Sec-Fetch-Site: same-origin`; and a JSON body.
  A page on another site cannot forge one even though the browser would attach the cookie.
- The Host header must name the loopback address the server listens on (no DNS rebinding).
- Responses forbid framing, sniffing, referrers (the token is in the URL) and caching.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import parse_qs

from starlette.types import ASGIApp, Message, Receive, Scope, Send

SAFE_METHODS = frozenset({"GET", "HEAD"})
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
        return (
            f"{self.cookie_name}={self.token}; Path=/; HttpOnly; SameSite=Strict; "
            "Max-Age=604800"
        )

    def host_ok(self, host: str | None) -> bool:
        return host is not None and host in {f"{h}:{self.port}" for h in self.hosts}

    def token_ok(self, offered: str | None) -> bool:
        return offered is not None and secrets.compare_digest(
            offered.encode("utf-8", "replace"), self.token.encode()
        )


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return str(value.decode("latin-1"))
    return None


def offered_token(scope: Scope, cookie_name: str) -> str | None:
    """The token a request offers: the `?token=` of its URL when it has one (a wrong one is not
    rescued by a right cookie), else its cookie."""
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    if "token" in query:
        values = query["token"]
        return values[0] if len(values) == 1 else None
    raw = _header(scope, b"cookie")
    if not raw:
        return None
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw)
    except Exception:  # a malformed cookie header offers no token
        return None
    return jar[cookie_name].value if cookie_name in jar else None


def same_origin(scope: Scope, access: Access) -> bool:
    """Whether a write comes from the editor's own page (see the module docstring)."""
    origin = _header(scope, b"origin")
    if origin is not None:
        return origin in access.origins
    return _header(scope, b"sec-fetch-site") == "same-origin"


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
        if not self.access.token_ok(offered_token(scope, self.access.cookie_name)):
            return "forbidden: a valid token is required (open the address untm review printed)"
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
