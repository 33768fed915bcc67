"""The review server against hostile patterns, pages and clients (issue 18), as a user runs it:
the installed `untm review` in its own process, spoken to over real sockets and, for a page on
another local port, by Debian's Chromium (Selenium, chromium-driver).

Each row of the issue's table is a test that asserts the answer's status; the memory of the
server and of its search process (RSS before and after, bounded); the session file's bytes,
unchanged; and, while the hostile request is in flight, that ordinary requests are answered.

Timing (denial of service, which the issue asks about): a hostile request's answer within the
issue's 1 s; the ordinary requests made meanwhile with a median under the issue's 100 ms and
none over 500 ms (a margin for a loaded 2-core CI machine: a request that waited for the hostile
one would take its full 0.5-0.8 s).
"""

from __future__ import annotations

import functools
import http.client
import json
import select
import socket
import statistics
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from review_helpers import (
    CHROMEDRIVER,
    CHROMIUM,
    UNTM,
    ReviewServer,
    children,
    chromium,
    gold_session,
    regex_strings,
    rss,
)

from untm.review.sessionfile import save_session

pytestmark = [
    pytest.mark.skipif(not UNTM.exists(), reason="the untm script is not installed in this env"),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads memory from /proc"),
]
MB = 2**20
BOMB = "((a{1000}){1000}){1000}"  # row 1 of the issue: 24 GB, then the OOM killer
T = TypeVar("T")


@dataclass
class Served:
    server: ReviewServer
    session: Path
    store: Path
    log: Path
    latencies: dict[str, list[float]] = field(default_factory=dict)  # for the report

    @property
    def pid(self) -> int:
        return self.server.proc.pid


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    tmp = tmp_path_factory.mktemp("hostile")
    session, store, log = tmp / "seed.review.json", tmp / "glossary.sqlite3", tmp / "server.log"
    save_session(gold_session(), session)
    server = ReviewServer(session, "--glossary", store, stderr=log)
    served = Served(server, session, store, log)
    try:
        yield served
    finally:
        code, _ = server.stop()
        assert code == 0, log.read_text(encoding="utf-8")
        for name, times in served.latencies.items():  # shown with pytest -s
            print(f"{name}: {len(times)} requests, median {statistics.median(times) * 1000:.1f}"
                  f" ms, worst {max(times) * 1000:.1f} ms")  # fmt: skip


def call(
    served: Served, path: str, *, method: str = "GET", body: bytes | None = None,
    headers: dict[str, str] | None = None, timeout: float = 30,
) -> tuple[int, str, float]:  # fmt: skip
    """One request with the cookie (as the page sends it); status, body text, seconds."""
    sent = {"Cookie": served.server.cookie, **(headers or {})}
    if method != "GET":
        sent = {"Origin": served.server.base, "Content-Type": "application/json", **sent}
    connection = http.client.HTTPConnection("127.0.0.1", served.server.port, timeout=timeout)
    start = time.perf_counter()
    try:
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        text = response.read().decode("utf-8")
    finally:
        connection.close()
    return response.status, text, time.perf_counter() - start


def search_url(pattern: str) -> str:
    return "/api/search?" + urllib.parse.urlencode({"q": pattern})


def error_of(text: str) -> str:
    error = json.loads(text)["error"]
    assert isinstance(error, str) and "\n" not in error  # a one-line reason
    return error


class Watch:
    """The server's and its search process's memory and the session's bytes, taken now and
    checked by `check`."""

    def __init__(self, served: Served) -> None:
        assert call(served, search_url("Nairobi"))[0] == 200  # the search process is running
        self.served = served
        self.rss = rss(served.pid)
        self.searcher = max((rss(pid) for pid in children(served.pid)), default=0)
        self.session = served.session.read_bytes()

    def check(self, grow: int = 20 * MB) -> tuple[int, int]:
        """Growth of the server's and the search process's RSS, each under `grow`; the server
        alive and its session file unchanged."""
        served = self.served
        assert served.server.proc.poll() is None, "the server died"
        assert call(served, "/api/state")[0] == 200
        server = rss(served.pid) - self.rss
        searcher = max((rss(pid) for pid in children(served.pid)), default=0) - self.searcher
        assert server < grow, f"server grew by {server / MB:.0f} MB"
        assert searcher < grow, f"search process grew by {searcher / MB:.0f} MB"
        assert served.session.read_bytes() == self.session
        return server, searcher


def meanwhile(served: Served, name: str, hostile: Callable[[], T]) -> T:
    """Run `hostile` in a thread and, until it has answered (at least once), time ordinary
    requests (`GET /api/state`, the page's largest); they must not wait for it."""
    done: list[T] = []
    thread = threading.Thread(target=lambda: done.append(hostile()), daemon=True)
    thread.start()
    time.sleep(0.02)  # the hostile request is on its way
    times = []
    while True:
        status, _, seconds = call(served, "/api/state")
        assert status == 200
        times.append(seconds)
        if not thread.is_alive():
            break
    thread.join()
    served.latencies[name] = times
    assert statistics.median(times) < 0.1 and max(times) < 0.5, times
    return done[0]


# --- row 1: a regular expression that takes all memory or all time ----------------------------


def test_row1_a_regex_memory_bomb_is_refused_before_it_is_compiled(served: Served) -> None:
    watch = Watch(served)
    status, text, seconds = meanwhile(served, "row 1 bomb", lambda: call(served, search_url(BOMB)))
    assert status == 400 and "repeats multiply to 1,001,001,000" in error_of(text)
    assert seconds < 1
    watch.check()


def test_row1_a_search_that_backtracks_ends_at_its_limit_while_the_editor_answers(
    served: Served,
) -> None:
    watch = Watch(served)
    slow = r"(.*)*\w{50}"  # > 5 s on the seed's sentences without a limit
    status, text, seconds = meanwhile(served, "row 1 backtracking",
                                      lambda: call(served, search_url(slow)))  # fmt: skip
    assert status == 400 and "took longer than 0.5 s" in error_of(text)
    assert 0.4 < seconds < 1
    assert len(served.latencies["row 1 backtracking"]) >= 3  # answered while it ran
    watch.check()


# --- row 2: compiled patterns kept by the regex module's cache ---------------------------------


def test_row2_costly_searches_leave_no_memory_behind(served: Served) -> None:
    watch = Watch(served)
    for x in "abcdefgh":  # the eight searches: 1.42 GB, kept
        status, text, seconds = call(served, search_url(f"(?:{x}{{1000}}){{1000}}"))
        assert status == 400 and "limit 20,000" in error_of(text) and seconds < 1
    # within the bounds and still costly (~6 MB each to compile): a search process that kept
    # each compiled pattern (the module's cache holds 500) would grow by ~600 MB over these
    costly = [search_url(f"(?:[ab]{{100}}){{190}}|z{{{n + 1}}}") for n in range(100)]
    answers = meanwhile(served, "row 2 costly searches", lambda: [call(served, u) for u in costly])
    assert all(status == 200 and seconds < 1 for status, _, seconds in answers)
    watch.check(grow=50 * MB)


def test_a_search_from_another_port_or_site_is_refused_before_it_runs(served: Served) -> None:
    watch = Watch(served)
    for site in ("same-site", "cross-site"):
        status, text, _ = call(served, search_url(BOMB), headers={"Sec-Fetch-Site": site})
        assert status == 403 and "own page" in text
    watch.check()


# --- row 3 and the cookie: a page on another local port, in Chromium -----------------------------


def _network(log: list[dict[str, Any]], prefix: str, page: str) -> dict[str, dict[str, Any]]:
    """The requests the page at `page` made to URLs starting with `prefix`, by request id: url,
    status, the headers sent (the cookie included), from the DevTools network events (which
    come in no fixed order)."""
    seen: dict[str, dict[str, Any]] = {}
    for entry in log:
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        request = seen.setdefault(params.get("requestId", ""), {"headers": {}})
        if message["method"] == "Network.requestWillBeSent":
            request["url"] = params["request"]["url"]
            request["page"] = params.get("documentURL", "")
        elif message["method"] == "Network.requestWillBeSentExtraInfo":
            request["headers"].update({k.lower(): v for k, v in params["headers"].items()})
        elif message["method"] == "Network.responseReceivedExtraInfo":
            request["status"] = params["statusCode"]  # also for a response the page may not read
    return {
        n: r for n, r in seen.items()
        if r.get("url", "").startswith(prefix) and r.get("page", "").startswith(page)
    }  # fmt: skip


def _wait(driver: Any, condition: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not driver.execute_script(f"return {condition};"):
        assert time.monotonic() < deadline, f"timed out waiting for {condition}"
        time.sleep(0.05)


@pytest.mark.chromium
@pytest.mark.skipif(CHROMIUM is None or CHROMEDRIVER is None,
                    reason="Debian chromium and chromium-driver (make system-deps)")  # fmt: skip
def test_row3_a_page_on_another_local_port_reaches_nothing_and_the_cookie_ends_with_the_browser(
    served: Served, tmp_path: Path
) -> None:
    base, port = served.server.base, served.server.port
    api = f"{base}/api/"
    site = tmp_path / "site"
    site.mkdir()
    (site / "evil.html").write_text(
        f'<img src="{api}search?q={urllib.parse.quote(BOMB)}"><img src="{api}state">'
        f"<script>fetch('{api}findings', {{mode: 'no-cors', credentials: 'include'}})"
        ".finally(() => { document.title = 'done'; });"
        # cookies another local app sets, which Python's cookie parser rejects
        "document.cookie = 'a=b c; path=/'; document.cookie = 'j={\"a\":1}; path=/';</script>",
        encoding="utf-8",
    )
    other = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(SimpleHTTPRequestHandler, directory=str(site))
    )
    threading.Thread(target=other.serve_forever, daemon=True).start()
    driver = chromium(tmp_path / "profile", network_log=True)
    try:
        watch = Watch(served)
        driver.get(served.server.url)  # as the user opens the printed address
        _wait(driver, "document.querySelector('#plot svg') !== null")  # its last request
        cookie = next(c for c in driver.get_cookies() if c["name"] == f"untm_review_{port}")
        assert "expiry" not in cookie  # a session cookie: no 7 days on disk
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
        driver.get_log("performance")  # only what follows

        evil = f"http://127.0.0.1:{other.server_address[1]}/evil.html"
        driver.get(evil)
        _wait(driver, "document.title === 'done' && Array.from(document.images)"
                      ".every(i => i.complete)")  # fmt: skip
        reached = _network(driver.get_log("performance"), api, evil)
        assert len(reached) == 3, reached
        for request in reached.values():
            # the browser did send the token cookie (a port is not part of a site) ...
            assert f"untm_review_{port}=" in request["headers"].get("cookie", ""), request
            assert request["headers"].get("sec-fetch-site") == "same-site", request
            assert request["status"] == 403, request  # ... and the server refused each

        # the editor again, now with the other app's cookies sent along: it still works
        driver.get(f"{base}/")
        _wait(driver, "document.querySelector('#plot svg') !== null")
        assert driver.execute_script("return document.querySelectorAll('#list .row').length;")
        own = _network(driver.get_log("performance"), api, f"{base}/")
        assert own and all(r["status"] == 200 for r in own.values()), own
        assert all("a=b c" in r["headers"]["cookie"] for r in own.values())
        assert all(r["headers"]["sec-fetch-site"] == "same-origin" for r in own.values())
        watch.check()
    finally:
        driver.quit()
        other.shutdown()


# --- row 4: a body of 200 MB -------------------------------------------------------------------


def _post_raw(
    served: Served, length: int | None, chunks: Iterator[bytes], *, pause: float = 0
) -> tuple[int, float]:
    """POST /api/op over a raw socket: the headers (with Content-Length `length`, or chunked
    without it), then `chunks` until the server answers; the status and the seconds to it."""
    head = (f"POST /api/op HTTP/1.1\r\nHost: 127.0.0.1:{served.server.port}\r\n"
            f"Cookie: {served.server.cookie}\r\nOrigin: {served.server.base}\r\n"
            "Content-Type: application/json\r\n")  # fmt: skip
    head += f"Content-Length: {length}\r\n" if length is not None else (
        "Transfer-Encoding: chunked\r\n"
    )
    start = time.perf_counter()
    with socket.create_connection(("127.0.0.1", served.server.port), timeout=30) as sock:
        sock.sendall((head + "\r\n").encode())
        for chunk in chunks:
            if select.select([sock], [], [], 0)[0]:
                break  # answered before the body was all sent
            data = chunk if length is not None else b"%x\r\n%s\r\n" % (len(chunk), chunk)
            try:
                sock.sendall(data)
            except (BrokenPipeError, ConnectionResetError):
                break
            time.sleep(pause)
        answer = sock.recv(4096)
    return int(answer.split()[1]), time.perf_counter() - start


def test_row4_a_200_mb_body_is_refused_by_its_length_before_it_is_read(served: Served) -> None:
    watch = Watch(served)
    huge = (b" " * 65536 for _ in range(3052))  # 200 MB
    status, seconds = meanwhile(served, "row 4 sized body",
                                lambda: _post_raw(served, 200_000_000, huge))  # fmt: skip
    assert status == 413 and seconds < 1
    watch.check(grow=10 * MB)


def test_row4_a_body_without_a_length_is_cut_off_at_the_limit_as_it_arrives(
    served: Served,
) -> None:
    watch = Watch(served)
    trickle = (b" " * 65536 for _ in range(3052))  # 200 MB, 64 kB every 20 ms
    status, _ = meanwhile(served, "row 4 unsized body",
                          lambda: _post_raw(served, None, trickle, pause=0.02))  # fmt: skip
    assert status == 413
    watch.check(grow=10 * MB)


# --- row 5: another local app's cookies ----------------------------------------------------------


def test_row5_another_apps_cookies_do_not_lock_the_user_out(served: Served) -> None:
    watch = Watch(served)
    ours, name = served.server.cookie, f"untm_review_{served.server.port}"
    for header in (f"a=b c; {ours}", f'j={{"a":1}}; {ours}', f"{name}=stale; {ours}",
                   f"{ours}; {name}=stale"):  # fmt: skip
        assert call(served, "/api/state", headers={"Cookie": header})[0] == 200, header
    for header in (f"a=b c; {name}=stale", 'j={"a":1}'):
        assert call(served, "/api/state", headers={"Cookie": header})[0] == 403, header
    watch.check()


# --- row 6: a client that goes away in the middle of its body -------------------------------------


def test_row6_a_client_gone_mid_body_is_one_quiet_log_line(served: Served) -> None:
    watch = Watch(served)
    before = served.log.read_text(encoding="utf-8")

    def half_a_body_then_gone() -> None:
        with socket.create_connection(("127.0.0.1", served.server.port), timeout=10) as sock:
            sock.sendall(
                (f"POST /api/op HTTP/1.1\r\nHost: 127.0.0.1:{served.server.port}\r\n"
                 f"Cookie: {served.server.cookie}\r\nOrigin: {served.server.base}\r\n"
                 "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
                 '{"op": "merge", "link": 5, "pad": "').encode()
            )  # fmt: skip
            time.sleep(0.3)  # the route is waiting for the rest of the body

    meanwhile(served, "row 6 half a body", half_a_body_then_gone)
    deadline = time.monotonic() + 10
    while (said := served.log.read_text(encoding="utf-8")[len(before) :]) == "":
        assert time.monotonic() < deadline, "nothing logged"
        time.sleep(0.05)
    time.sleep(0.3)  # anything else it would log
    said = served.log.read_text(encoding="utf-8")[len(before) :]
    assert "Traceback" not in said
    assert said.count("\n") == 1 and "went away" in said and "/api/op" in said, said
    watch.check()


# --- row 7: a 1 MB glossary term -----------------------------------------------------------------


def test_row7_a_1_mb_term_is_refused_by_the_rules_of_glossary_add(served: Served) -> None:
    watch = Watch(served)
    body = json.dumps({"zh": "框架", "en": "x" * 999_000}).encode()
    status, text, _ = meanwhile(
        served, "row 7 term", lambda: call(served, "/api/term", method="POST", body=body)
    )
    assert status == 400 and "too long (999,000 characters; limit 5,000)" in error_of(text)
    assert not served.store.exists()  # nothing stored
    watch.check()


# --- any pattern at all ------------------------------------------------------------------------


@pytest.mark.slow
def test_random_patterns_at_the_search_route_are_answered_in_time_without_growth(
    served: Served,
) -> None:
    """500 random regular expressions (nested repeats, huge counts, lookarounds,
    backreferences, recursion, noise): each answered 200 or 400 within 1 s; the server and its
    search process grow by under 50 MB in all; the server lives."""
    watch = Watch(served)
    times: list[float] = []

    @settings(max_examples=500, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
    @given(regex_strings())
    def one(pattern: str) -> None:
        status, text, seconds = call(served, search_url(pattern))
        assert status in (200, 400), (pattern, status, text)
        assert seconds < 1, (pattern, seconds)
        times.append(seconds)

    one()
    served.latencies["random patterns"] = times
    server, searcher = watch.check(grow=50 * MB)
    print(f"\n{len(times)} patterns: median {statistics.median(times) * 1000:.1f} ms, worst "
          f"{max(times) * 1000:.0f} ms; RSS growth: server {server / MB:+.1f} MB, search process "
          f"{searcher / MB:+.1f} MB")  # fmt: skip
