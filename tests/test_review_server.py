"""The review editor's HTTP routes through Starlette's TestClient, on real seed sessions.

Every route is exercised, with the refusals: no token or a wrong one (403), a write from another
origin or without JSON (403), a request naming a path (400); each refusal is checked to have
changed nothing (session file bytes, outputs, glossary store).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import GOLD, needs_shared
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from review_helpers import STEM, gold_session
from starlette.testclient import TestClient

from untm.glossary import open_glossary
from untm.goldscore import gold_units, score_units
from untm.review.sessionfile import load_session, save_session
from untm.review.web.app import create_app
from untm.review.web.backend import Backend, Output
from untm.review.web.payload import LinkViews
from untm.review.web.security import Access

pytestmark = needs_shared(GOLD)

PORT = 8765
ORIGIN = f"http://127.0.0.1:{PORT}"
TOKEN = "test-token-0123456789"
WRITE = {"Origin": ORIGIN, "Content-Type": "application/json"}

GETS = ["/", "/static/review.js", "/static/review.css", "/api/state", "/api/plot",
        "/api/search?q=UN", "/api/findings"]  # fmt: skip
POSTS: list[tuple[str, dict[str, Any]]] = [
    ("/api/op", {"op": "merge", "link": 1}),
    ("/api/undo", {}),
    ("/api/redo", {}),
    ("/api/realign", {"keep_edited": True}),
    ("/api/export", {"confirmed_only": False}),
    ("/api/term", {"zh": "框架", "en": "framework"}),
]


class Env:
    def __init__(self, tmp: Path) -> None:
        self.session = tmp / "seed.review.json"
        self.out = tmp / "seed.tmx"
        self.tsv = tmp / "seed.tsv"
        self.store = tmp / "glossary.sqlite3"
        save_session(gold_session(), self.session)
        self.backend = Backend(
            self.session,
            outputs=[Output(self.out, "tmx"), Output(self.tsv, "tsv")],
            glossary=self.store,
        )
        self.app = create_app(self.backend, Access(token=TOKEN, port=PORT))

    def client(self, *, token: bool = True) -> TestClient:
        client = TestClient(self.app, base_url=ORIGIN, follow_redirects=False)
        if token:
            assert client.get(f"/?token={TOKEN}").status_code == 303  # sets the cookie
        return client

    def files(self) -> tuple[bytes, bool, bool, bool]:
        """What the server may write: the session bytes and whether outputs/store exist."""
        return (self.session.read_bytes(), self.out.exists(), self.tsv.exists(),
                self.store.exists())  # fmt: skip


@pytest.fixture
def env(tmp_path: Path) -> Env:
    return Env(tmp_path)


@pytest.fixture
def client(env: Env) -> Iterator[TestClient]:
    with env.client() as c:
        yield c


def post(client: TestClient, url: str, body: Any, **headers: str) -> Any:
    return client.post(url, content=json.dumps(body), headers={**WRITE, **headers})


# --- the token ------------------------------------------------------------------------------


def test_page_load_with_the_token_sets_a_strict_httponly_cookie_and_drops_the_token(
    env: Env,
) -> None:
    client = env.client(token=False)
    r = client.get(f"/?token={TOKEN}")
    assert r.status_code == 303 and r.headers["location"] == "/"
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(f"untm_review_{PORT}={TOKEN};")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    # a session cookie: it ends with the browser, not in 7 days
    assert "max-age" not in cookie.lower() and "expires" not in cookie.lower()
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<script src="/static/review.js">' in page.text
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe" not in csp
    assert page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("url", GETS)
def test_every_get_without_the_token_or_with_a_wrong_one_is_403(env: Env, url: str) -> None:
    before = env.files()
    anonymous = env.client(token=False)
    assert anonymous.get(url).status_code == 403
    join = "&" if "?" in url else "?"
    assert anonymous.get(f"{url}{join}token=wrong").status_code == 403
    anonymous.cookies.set(f"untm_review_{PORT}", "wrong")
    assert anonymous.get(url).status_code == 403
    assert "token" in anonymous.get(url).text
    # a right cookie does not rescue a wrong token in the URL
    good = env.client()
    assert good.get(f"{url}{join}token=wrong").status_code == 403
    assert good.get(url).status_code in (200, 303) if url == "/" else good.get(url).is_success
    assert env.files() == before


@pytest.mark.parametrize(("url", "body"), POSTS)
def test_every_write_without_the_token_is_403_and_changes_nothing(
    env: Env, url: str, body: dict[str, Any]
) -> None:
    before = env.files()
    anonymous = env.client(token=False)
    assert post(anonymous, url, body).status_code == 403
    assert post(anonymous, f"{url}?token=nope", body).status_code == 403
    anonymous.cookies.set(f"untm_review_{PORT}", TOKEN[:-1] + "x")
    assert post(anonymous, url, body).status_code == 403
    assert env.files() == before and env.backend.revision == 0


@pytest.mark.parametrize(("url", "body"), POSTS)
def test_every_write_from_another_origin_or_without_json_is_403(
    env: Env, client: TestClient, url: str, body: dict[str, Any]
) -> None:
    before = env.files()
    data = json.dumps(body)
    refused = [
        client.post(url, content=data, headers={"Content-Type": "application/json"}),
        client.post(url, content=data, headers={**WRITE, "Origin": "http://evil.example"}),
        client.post(url, content=data, headers={**WRITE, "Origin": "http://127.0.0.1:9"}),
        client.post(url, content=data, headers={**WRITE, "Origin": "null"}),
        client.post(url, content=data, headers={"Content-Type": "application/json",
                                                "Sec-Fetch-Site": "cross-site"}),
        client.post(url, content=data, headers={"Content-Type": "application/json",
                                                "Sec-Fetch-Site": "same-site"}),
        client.post(url, content=data, headers={**WRITE, "Content-Type": "text/plain"}),
        client.post(url, data={"op": "merge"}, headers={"Origin": ORIGIN}),  # a form post
    ]
    assert [r.status_code for r in refused] == [403] * len(refused)
    assert env.files() == before and env.backend.revision == 0


def test_sec_fetch_site_same_origin_is_accepted_without_origin(
    env: Env, client: TestClient
) -> None:
    r = client.post("/api/op", content='{"op": "bookmark", "link": 2}',
                    headers={"Content-Type": "application/json",
                             "Sec-Fetch-Site": "same-origin"})  # fmt: skip
    assert r.status_code == 200 and env.backend.revision == 1


# --- the page's own origin, the cookie, bodies (issue 18) ------------------------------------

API_GETS = [url for url in GETS if url.startswith("/api/")]
COOKIE = f"untm_review_{PORT}"


@pytest.mark.parametrize("url", API_GETS)
def test_every_api_get_from_another_port_or_site_is_403(
    env: Env, client: TestClient, url: str
) -> None:
    """A page on another port of 127.0.0.1 gets the cookie sent along (a port is not part of a
    site) but its requests say `Sec-Fetch-Site: same-site`: refused, reads included."""
    before = env.files()
    for site in ("same-site", "cross-site", "none"):
        r = client.get(url, headers={"Sec-Fetch-Site": site})
        assert r.status_code == 403 and "own page" in r.text, site
    assert client.get(url, headers={"Sec-Fetch-Site": "same-origin"}).status_code == 200
    assert client.get(url).status_code == 200  # curl and old browsers send no such header
    assert env.files() == before


def test_the_page_itself_opens_from_a_typed_address_or_a_link(client: TestClient) -> None:
    for site in ("none", "cross-site"):
        assert client.get("/", headers={"Sec-Fetch-Site": site}).status_code == 200


@pytest.mark.parametrize(
    "header",
    [
        f"a=b c; {COOKIE}={TOKEN}",  # another local app's cookies, which http.cookies rejects
        f'j={{"a":1}}; {COOKIE}={TOKEN}',
        f"{COOKIE}=wrong; {COOKIE}={TOKEN}",  # a stale cookie of the same name (another path)
        f"{COOKIE}={TOKEN}; {COOKIE}=wrong",  # the last, wrong one does not win
        f'{COOKIE}="{TOKEN}"',
        f"; ;{COOKIE}={TOKEN};",
    ],
)
def test_the_cookie_is_read_leniently_and_a_right_one_among_duplicates_counts(
    env: Env, header: str
) -> None:
    anonymous = env.client(token=False)
    assert anonymous.get("/api/state", headers={"Cookie": header}).status_code == 200


@pytest.mark.parametrize(
    "header",
    [f"{COOKIE}=wrong", f"{COOKIE}=wrong; {COOKIE}=", "a=b c", f"x{COOKIE}={TOKEN}",
     f"{COOKIE}={TOKEN}x", f"untm_review_{PORT + 1}={TOKEN}"],
)  # fmt: skip
def test_without_a_right_cookie_of_this_port_it_is_403(env: Env, header: str) -> None:
    anonymous = env.client(token=False)
    assert anonymous.get("/api/state", headers={"Cookie": header}).status_code == 403


def test_a_body_over_the_limit_is_refused_by_its_length_or_as_it_arrives(
    env: Env, client: TestClient
) -> None:
    from untm.review.web.security import MAX_BODY

    before = env.files()
    r = client.post("/api/op", content=b" " * (MAX_BODY + 1), headers=WRITE)
    assert r.status_code == 413 and f"{MAX_BODY + 1} bytes" in r.text

    def unsized() -> Iterator[bytes]:  # sent chunked: no Content-Length to refuse it by
        for _ in range(3):
            yield b" " * 600_000

    r = client.post("/api/op", content=unsized(), headers=WRITE)
    assert r.status_code == 413 and "over 1000000 bytes" in r.json()["error"]
    r = client.post("/api/op", content=b"{}", headers={**WRITE, "Content-Length": "2x"})
    assert r.status_code == 400
    assert env.files() == before and env.backend.revision == 0


def test_a_term_breaking_the_rules_of_glossary_add_is_400_and_stored_nowhere(
    env: Env, client: TestClient
) -> None:
    """The page's term key and `untm glossary add` go through one function (`clean_term`)."""
    from typer.testing import CliRunner

    from untm.cli import app as cli

    before = env.files()
    bad = [("框" * 5001, "framework"), ("框架", "x" * 999_000), ("框架", "frame\x00work"),
           ("框架", "a|b")]  # fmt: skip
    for zh, en in bad:
        r = post(client, "/api/term", {"zh": zh, "en": en})
        assert r.status_code == 400, (zh[:9], en[:9])
        error = r.json()["error"]
        cli_run = CliRunner().invoke(cli, ["glossary", "add", zh, en, "--glossary",
                                           str(env.store)])  # fmt: skip
        assert cli_run.exit_code == 2 and error in cli_run.output, cli_run.output
    assert "too long (999,000 characters; limit 5,000)" in post(
        client, "/api/term", {"zh": "框架", "en": "x" * 999_000}
    ).json()["error"]
    assert env.files() == before
    assert post(client, "/api/term", {"zh": "框" * 5000, "en": "framework"}).status_code == 200


# --- each endpoint alone (issue 19) ---------------------------------------------------------

ALONE = [("/", "index", "GET", None), ("/static/{name}", "static", "GET", None),
         ("/api/state", "state", "GET", None), ("/api/plot", "plot_svg", "GET", None),
         ("/api/findings", "findings", "GET", None), ("/api/search", "search", "GET", None),
         ("/api/op", "op", "POST", {"op": "bookmark", "link": 3}),
         ("/api/undo", "undo", "POST", {}), ("/api/redo", "redo", "POST", {}),
         ("/api/realign", "realign", "POST", {"keep_edited": True}),
         ("/api/export", "export", "POST", {}),
         ("/api/term", "term", "POST", {"zh": "框架", "en": "framework"})]  # fmt: skip


@pytest.mark.parametrize(("path", "name", "method", "body"), ALONE)
def test_each_endpoint_serves_alone(
    env: Env, path: str, name: str, method: str, body: Any
) -> None:
    """A route is a module-level endpoint that reads `request.app.state`: mounted alone in a
    bare Starlette app (no Guard, no other route), it answers."""
    from starlette.applications import Starlette
    from starlette.routing import Route

    from untm.review.web import app as web

    if name in ("undo", "redo"):  # something to take back (and to make again)
        env.backend.apply({"op": "bookmark", "link": 3})
        if name == "redo":
            env.backend.undo()
    alone = web.attach(Starlette(routes=[Route(path, getattr(web, name), methods=[method])]),
                       env.backend)  # fmt: skip
    client = TestClient(alone)
    url = path.replace("{name}", "review.css") + ("?q=Nairobi" if name == "search" else "")
    r = client.request(method, url, content=None if body is None else json.dumps(body))
    assert r.status_code == 200, r.text
    alone.state.searcher.close()


def test_building_an_app_leaves_the_collector_alone(tmp_path: Path) -> None:
    """`gc.freeze` is the server's to call when it starts (`serve`), not `create_app`'s."""
    import gc

    from untm.review.web.serve import freeze_heap

    frozen = gc.get_freeze_count()
    Env(tmp_path)
    assert gc.get_freeze_count() == frozen
    try:
        freeze_heap()
        assert gc.get_freeze_count() > frozen
    finally:
        gc.unfreeze()


def test_a_wrong_host_is_403(env: Env) -> None:
    client = TestClient(env.app, base_url=f"http://attacker.example:{PORT}")
    assert client.get(f"/?token={TOKEN}").status_code == 403
    other_port = TestClient(env.app, base_url="http://127.0.0.1:9999")
    assert other_port.get(f"/api/state?token={TOKEN}").status_code == 403


def test_a_websocket_is_refused_before_the_handshake(env: Env, client: TestClient) -> None:
    from starlette.websockets import WebSocketDisconnect

    for url in ("/api/state", f"/api/state?token={TOKEN}"):
        with pytest.raises(WebSocketDisconnect) as refused:
            client.websocket_connect(url, headers={"Origin": ORIGIN}).__enter__()
        assert refused.value.code == 1008
    assert env.backend.revision == 0


def test_localhost_is_the_same_server(env: Env) -> None:
    client = TestClient(env.app, base_url=f"http://localhost:{PORT}")
    assert client.get(f"/api/state?token={TOKEN}").status_code == 200


# --- no paths ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("/api/export", {"path": "/tmp/evil.tmx"}),
        ("/api/export", {"confirmed_only": False, "out": "evil.tmx"}),
        ("/api/export", {"output": "../evil.tmx"}),
        ("/api/export", {"format": "tsv"}),  # not a path, but not a choice the page has
        ("/api/op", {"op": "merge", "link": 1, "file": "/etc/passwd"}),
        ("/api/term", {"zh": "框架", "en": "framework", "glossary": "/tmp/g.sqlite3"}),
        ("/api/realign", {"session": "other.review.json"}),
        ("/api/undo", {"path": "x"}),
    ],
)
def test_requests_naming_a_path_are_400_and_change_nothing(
    env: Env, client: TestClient, tmp_path: Path, url: str, body: dict[str, Any]
) -> None:
    before = env.files()
    r = post(client, url, body)
    assert r.status_code == 400, r.text
    assert "error" in r.json()
    assert env.files() == before and env.backend.revision == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seed.review.json"]


@pytest.mark.parametrize("url", ["/api/state?path=/etc/passwd", "/api/plot?file=x",
                                 "/api/search?q=UN&out=x.tmx", "/?session=x"])  # fmt: skip
def test_query_strings_naming_a_path_are_400(client: TestClient, url: str) -> None:
    assert client.get(url).status_code == 400


@pytest.mark.parametrize("name", ["index.html", "..%2F..%2Fpyproject.toml", "review.py",
                                  "%2Fetc%2Fpasswd"])  # fmt: skip
def test_static_serves_only_its_two_assets(client: TestClient, name: str) -> None:
    assert client.get(f"/static/{name}").status_code == 404
    assert client.get("/static/../../pyproject.toml").status_code == 404


def test_assets(client: TestClient) -> None:
    js = client.get("/static/review.js")
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    assert "/api/op" in js.text
    css = client.get("/static/review.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")


def test_unknown_routes_and_methods(client: TestClient) -> None:
    assert client.get("/api/nothing").status_code == 404
    r = client.put("/api/op", content="{}", headers=WRITE)
    assert r.status_code == 405


# --- the routes ----------------------------------------------------------------------------


def state(client: TestClient) -> dict[str, Any]:
    r = client.get("/api/state")
    assert r.status_code == 200
    data: dict[str, Any] = r.json()
    return data


def apply_patch(links: list[Any], patch: dict[str, Any]) -> list[Any]:
    """The page's list after a patch (as review.js applies it)."""
    start, remove = patch["start"], patch["remove"]
    new = [
        {**links[start + j], **{k: v for k, v in e.items() if k != "same"}} if e.get("same") else e
        for j, e in enumerate(patch["links"])
    ]
    return [*links[:start], *new, *links[start + remove :]]


def test_state_shows_every_link_with_terms_findings_and_counts(
    env: Env, client: TestClient
) -> None:
    st = state(client)
    session = env.backend.session
    assert st["revision"] == 0 and len(st["links"]) == len(session.links) == 83
    first_unit = st["links"][1]
    assert first_unit["type"] == "1-1" and '<mark class="term"' in first_unit["zh"][0]
    assert st["summary"]["units"] == 80 and st["summary"]["null"] == 3
    assert st["info"]["outputs"] == [{"name": "seed.tmx", "format": "tmx"},
                                     {"name": "seed.tsv", "format": "tsv"}]  # fmt: skip
    assert st["info"]["sides"]["src"]["segments"] == len(session.src.segments)
    assert sum(len(v["zh"]) for v in st["links"]) == len(session.src.segments)
    assert sum(len(v["en"]) for v in st["links"]) == len(session.tgt.segments)


def test_an_operation_answers_a_patch_and_is_saved_before_it_is_answered(
    env: Env, client: TestClient
) -> None:
    before = state(client)["links"]
    r = post(client, "/api/op", {"op": "merge", "link": 5})
    assert r.status_code == 200, r.text
    patch = r.json()
    assert (patch["base"], patch["revision"]) == (0, 1)
    assert (patch["start"], patch["remove"], len(patch["links"])) == (5, 2, 1)
    assert patch["links"][0]["type"] == "2-2" and patch["links"][0]["status"] == "edited"
    assert patch["total"] == 82 and patch["focus"] == 5
    after = state(client)
    assert apply_patch(before, patch) == after["links"]
    on_disk = load_session(env.session)
    assert on_disk.revision == 1 and len(on_disk.links) == 82
    assert on_disk.links == env.backend.session.links


def test_a_bad_operation_is_400_and_changes_nothing(env: Env, client: TestClient) -> None:
    before = env.files()
    for body in ({"op": "merge", "link": 999}, {"op": "explode", "link": 1}, {"op": "merge"},
                 {"op": "shift-first", "link": 0, "side": "src"}, [1, 2]):  # fmt: skip
        r = post(client, "/api/op", body)
        assert r.status_code == 400 and r.json()["error"], body
    r = client.post("/api/op", content="{not json", headers=WRITE)
    assert r.status_code == 400
    r = client.post("/api/op", content=b"[" * 2_000_000, headers=WRITE)
    assert r.status_code == 413
    assert env.files() == before and env.backend.revision == 0


def test_undo_and_redo_round_trip(env: Env, client: TestClient) -> None:
    original = state(client)["links"]
    first = env.session.read_bytes()
    post(client, "/api/op", {"op": "split-link", "link": 12, "src_at": 1, "tgt_at": 0})
    changed = state(client)["links"]
    assert changed != original
    undo = post(client, "/api/undo", {}).json()
    assert undo["focus"] == 12 and undo["base"] == 1 and undo["revision"] == 2
    assert apply_patch(changed, undo) == original == state(client)["links"]
    redo = post(client, "/api/redo", {}).json()
    assert apply_patch(original, redo) == changed == state(client)["links"]
    assert post(client, "/api/redo", {}).status_code == 400  # nothing to redo
    assert post(client, "/api/undo", {"extra": 1}).status_code == 400
    assert load_session(env.session).links == env.backend.session.links
    assert env.session.read_bytes() != first


def test_export_writes_only_the_command_line_outputs(env: Env, client: TestClient) -> None:
    r = post(client, "/api/export", {"confirmed_only": False})
    assert r.status_code == 200, r.text
    written = r.json()["written"]
    assert [(w["name"], w["units"]) for w in written] == [("seed.tmx", 80), ("seed.tsv", 80)]
    from untm.tmx.tmx14 import read_tmx

    units = [(u.source, u.target) for u in read_tmx(env.out).units]
    gold = gold_units(GOLD / f"{STEM}.zh", GOLD / f"{STEM}.en", GOLD / f"{STEM}.align")
    score = score_units(units, gold)
    assert score.precision == score.recall == 1.0
    post(client, "/api/op", {"op": "confirm-up-to", "link": 9})
    only = post(client, "/api/export", {"confirmed_only": True}).json()["written"]
    assert only[0]["units"] == 7 and only[0]["left_out_unconfirmed"] == 83 - 10
    assert len(read_tmx(env.out).units) == 7
    assert post(client, "/api/export", {"confirmed_only": "yes"}).status_code == 400


@pytest.mark.parametrize("given", ["--glossary", "UNTM_GLOSSARY"])
def test_the_html_export_marks_a_term_added_in_the_same_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: str
) -> None:
    """The review page written by the editor's export marks the terms of the editor's own
    glossary (`--glossary`, else $UNTM_GLOSSARY's), including one added a moment ago with the
    `t` key: the glossary is read for every page, not once a process."""
    session = tmp_path / "seed.review.json"
    page = tmp_path / "seed.html"
    store = tmp_path / "g.sqlite3"
    save_session(gold_session(), session)
    monkeypatch.setenv("UNTM_GLOSSARY", str(store if given == "UNTM_GLOSSARY" else tmp_path / "x"))
    backend = Backend(
        session, outputs=[Output(page, "html")], glossary=store if given == "--glossary" else None
    )
    mark = 'title="城市环境"'
    with TestClient(create_app(backend, Access(TOKEN, PORT)), base_url=ORIGIN) as client:
        assert client.get(f"/?token={TOKEN}").status_code == 200
        assert post(client, "/api/export", {"confirmed_only": False}).status_code == 200
        assert mark not in page.read_text(encoding="utf-8")
        r = post(client, "/api/term", {"zh": "城市环境", "en": "urban environment"})
        assert r.status_code == 200, r.text
        assert post(client, "/api/export", {"confirmed_only": False}).status_code == 200
    assert mark in page.read_text(encoding="utf-8")


def test_export_without_outputs_is_400(tmp_path: Path) -> None:
    path = tmp_path / "s.review.json"
    save_session(gold_session(), path)
    app = create_app(Backend(path, glossary=tmp_path / "g.sqlite3"), Access(TOKEN, PORT))
    client = TestClient(app, base_url=ORIGIN)
    r = client.post(f"/api/export?token={TOKEN}", content="{}", headers=WRITE)
    assert r.status_code == 400 and "-o" in r.json()["error"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.review.json"]


def test_a_term_goes_into_the_user_store_and_marks_the_links_at_once(
    env: Env, client: TestClient
) -> None:
    before = state(client)["links"]
    r = post(client, "/api/term", {"zh": "城市环境", "en": "urban environment"})
    assert r.status_code == 200, r.text
    patch = r.json()
    assert patch["result"].startswith("u-") and patch["revision"] == 0
    found = open_glossary(env.store).lookup("城市环境", fuzzy=False)
    assert found.found and "urban environment" in found.matches[0].concept.en
    after = apply_patch(before, patch)
    assert after == state(client)["links"]
    marked = [n for n, v in enumerate(after) if 'title="城市环境"' in "".join(v["zh"])]
    assert marked and all(n >= patch["start"] for n in marked)
    assert not any('title="城市环境"' in "".join(v["zh"]) for v in before)
    for body in ({"zh": "", "en": "x"}, {"zh": "甲", "en": 3}, {"zh": "甲"}):
        assert post(client, "/api/term", body).status_code == 400


def test_search_plot_and_realign(env: Env, client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "Nairobi"}).json()["links"]
    assert hits and all("Nairobi" in " ".join(state(client)["links"][n]["en"]) for n in hits)
    zh_only = client.get("/api/search", params={"q": "Nairobi", "side": "zh"}).json()["links"]
    assert zh_only == []
    assert client.get("/api/search", params={"q": "(unclosed"}).status_code == 400
    assert client.get("/api/search", params={"q": "x", "side": "fr"}).status_code == 400
    svg = client.get("/api/plot")
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    assert svg.text.count("<rect") == 1 + 80  # the frame and one block per unit
    post(client, "/api/op", {"op": "confirm-up-to", "link": 70})
    post(client, "/api/op", {"op": "merge", "link": 75})
    r = post(client, "/api/realign", {"keep_edited": False})
    assert r.status_code == 200, r.text
    assert len(state(client)["links"]) == 83  # the aligner undid the merge
    assert post(client, "/api/realign", {"keep_edited": "no"}).status_code == 400


OP_KINDS = ["shift-first", "shift-last", "merge", "split-link", "detach", "edit-text",
            "split-segment", "join-segments", "confirm", "confirm-up-to", "bookmark", "undo",
            "redo"]  # fmt: skip


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(st.sampled_from(OP_KINDS), st.integers(0, 90), st.booleans()),
                min_size=1, max_size=15))  # fmt: skip
def test_patched_views_equal_a_fresh_build_after_any_sequence(
    tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[str, int, bool]]
) -> None:
    """The editor rebuilds only the links a change replaced: after any sequence of operations
    (valid or refused), undos and redos, the page's links equal views built from scratch."""
    env = Env(tmp_path_factory.mktemp("seq"))
    client = env.client()
    links = state(client)["links"]
    for kind, k, flag in steps:
        side = "src" if flag else "tgt"
        n = len(env.backend.session.links)
        k = k % n
        span = env.backend.session.span(k)
        seg = (span.src if flag else span.tgt).start if (span.src if flag else span.tgt) else 0
        if kind in ("undo", "redo"):
            r = post(client, f"/api/{kind}", {})
        else:
            body: dict[str, Any] = {"op": kind}
            if kind in ("edit-text", "split-segment", "join-segments"):
                body |= {"side": side, "segment": seg}
                if kind == "edit-text":
                    body["text"] = f"edited {k} 联合国"
                elif kind == "split-segment":
                    body["offset"] = 3
            else:
                body["link"] = k
                if kind in ("shift-first", "shift-last", "detach"):
                    body["side"] = side
                elif kind == "split-link":
                    body |= {"src_at": 1, "tgt_at": 0}
            r = post(client, "/api/op", body)
        assert r.status_code in (200, 400), r.text
        if r.status_code == 200:
            links = apply_patch(links, r.json())
        fresh = LinkViews(open_glossary(env.store)).views(env.backend.rows())
        assert links == fresh == state(client)["links"]
    assert load_session(env.session).links == env.backend.session.links


def test_rows_reuse_texts_only_where_the_same_segments_stand(env: Env) -> None:
    backend = env.backend
    sizes = [(lk.src, lk.tgt) for lk in backend.session.links]
    k = next(i for i in range(len(sizes) - 2) if sizes[i : i + 3] == [(1, 1)] * 3)
    fresh = backend.rows(k, k + 3)

    def fake(zh: int, en: int) -> Any:
        from untm.review.web.payload import LinkRow

        return LinkRow(("甲",) * zh, ("x",) * en, ("body",) * zh, ("body",) * en, 0.5)

    # same sizes at the same places: texts come from `like` (a confirmation reuses them)
    reused = backend.rows(k, k + 3, like=[fake(1, 1)] * 3)
    assert [r.zh for r in reused] == [("甲",)] * 3
    assert [r.status for r in reused] == [r.status for r in fresh]
    # a link of the same size standing elsewhere (as after a realign) is read afresh
    assert backend.rows(k, k + 3, like=[fake(2, 2), fake(1, 1), fake(1, 1)]) == fresh


def test_a_change_that_cannot_be_saved_is_500_and_not_made(env: Env, client: TestClient) -> None:
    before = state(client)
    env.session.unlink()
    env.session.mkdir()  # the session file can no longer be written
    r = post(client, "/api/op", {"op": "merge", "link": 5})
    assert r.status_code == 500 and "folder" in r.json()["error"]
    assert env.backend.revision == 0 and state(client) == before
    env.session.rmdir()
    assert post(client, "/api/op", {"op": "merge", "link": 5}).status_code == 200
    assert load_session(env.session).revision == 1


def test_findings_are_glossary_check_of_the_exported_units(env: Env, client: TestClient) -> None:
    """The findings route lists what `untm glossary check` says of the TMX the session exports,
    each with the link it concerns."""
    from untm.glossary.check import check_tmx

    found = client.get("/api/findings").json()["findings"]
    post(client, "/api/export", {"confirmed_only": False})
    report = check_tmx(str(env.out), open_glossary(env.store))
    assert [(f["dir"], f["term"]) for f in found] == [(i.direction, i.term) for i in report.issues]
    links = state(client)["links"]
    for f in found:
        assert f["term"] in "".join(links[f["link"]]["zh"] + links[f["link"]]["en"])
