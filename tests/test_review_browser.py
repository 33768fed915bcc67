"""The review editor in a real browser: Debian's Chromium driven by Selenium (chromium-driver),
against the installed `untm review --no-browser` running as a subprocess.

On the seed pair with two links broken on purpose (one merge, one sentence shifted away), a
user's keystrokes repair them; the exported TMX then equals the seed gold (P = R = 1); undo and
redo round-trip; a page reload and a server restart show the same state. Terms, search, the
text editor and the help overlay are driven by keys too.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import GOLD, needs_shared
from review_helpers import CHROMEDRIVER, CHROMIUM, STEM, UNTM, ReviewServer, chromium, gold_session

from untm.glossary import open_glossary
from untm.goldscore import gold_units, score_units
from untm.review import Merge, ShiftLast, apply, load_session, save_session
from untm.tmx.tmx14 import read_tmx

pytestmark = [
    pytest.mark.chromium,
    needs_shared(GOLD),
    pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium not installed (make system-deps)"),
    pytest.mark.skipif(
        CHROMEDRIVER is None, reason="Debian chromium-driver not installed (make system-deps)"
    ),
    pytest.mark.skipif(not UNTM.exists(), reason="the untm script is not installed in this env"),
]

MERGED = 20  # links 20 and 21 of the gold alignment are merged on purpose
SHIFTED = 40  # the English sentence of link 40 is shifted down into link 41 on purpose


def serve(session: Path, out: Path, store: Path) -> ReviewServer:
    """`untm review SESSION -o OUT --glossary STORE --no-browser` as a subprocess."""
    return ReviewServer(session, "-o", out, "--glossary", store)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("review-browser")
    session = gold_session()
    session = apply(session, Merge(link=MERGED))  # 2-2 where gold has two 1-1 links
    session = apply(session, ShiftLast(link=SHIFTED - 1, side="tgt"))  # 1-0 then 1-2
    broken = tmp / "seed.review.json"
    save_session(session, broken)
    return {"session": broken, "out": tmp / "seed.tmx", "store": tmp / "glossary.sqlite3",
            "profile": tmp / "chromium-profile"}  # fmt: skip


@pytest.fixture(scope="module")
def browser(files: dict[str, Path]) -> Iterator[Any]:
    driver = chromium(files["profile"])
    try:
        yield driver
    finally:
        driver.quit()


def wait(driver: Any, condition: str, timeout: float = 30.0) -> Any:
    """Wait until the JS expression `condition` is truthy; its value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = driver.execute_script(f"return {condition};")
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {condition}: {status(driver)}")


def status(driver: Any) -> str:
    return str(driver.execute_script("return document.getElementById('status').textContent;"))


def ready(driver: Any) -> None:
    """The page has shown every link and its path plot (fetched just after)."""
    wait(driver, "document.body.dataset.ready !== undefined")
    wait(driver, "document.querySelector('#plot svg') !== null")
    idle(driver)


def idle(driver: Any) -> None:
    wait(driver, "!document.body.dataset.busy || document.body.dataset.busy === '0'")


def keys(driver: Any, *strokes: str) -> None:
    """Type like a user: each key to the page, then wait until its change is applied; the
    page must not report an error."""
    from selenium.webdriver.common.by import By

    body = driver.find_element(By.TAG_NAME, "body")
    for stroke in strokes:
        body.send_keys(stroke)
    idle(driver)
    assert driver.execute_script("return document.getElementById('status').className;") != (
        "error"
    ), status(driver)


def rows(driver: Any) -> list[tuple[str, str, str]]:
    """Every row as the user sees it: type, Chinese text, English text."""
    return [tuple(r) for r in driver.execute_script(
        "return Array.from(document.querySelectorAll('#list .row')).map(r => ["
        "r.querySelector('.kind').textContent, r.querySelector('.zh').textContent,"
        "r.querySelector('.en').textContent]);"
    )]  # fmt: skip


def no_console_errors(driver: Any) -> None:
    """The page logged no error (a failed script, a refused request); the browser's own
    favicon request aside."""
    errors = [
        e["message"] for e in driver.get_log("browser")
        if e["level"] == "SEVERE" and "favicon.ico" not in e["message"]
    ]  # fmt: skip
    assert errors == []


def go_to(driver: Any, n: int) -> None:
    keys(driver, "g", *("j" * n))
    assert int(driver.execute_script("return document.body.dataset.cur;")) == n


def gold() -> list[tuple[str, str]]:
    return gold_units(GOLD / f"{STEM}.zh", GOLD / f"{STEM}.en", GOLD / f"{STEM}.align")


def test_keystrokes_repair_two_broken_links_and_the_export_equals_gold(
    browser: Any, files: dict[str, Path]
) -> None:
    from selenium.webdriver.common.keys import Keys

    server = serve(files["session"], files["out"], files["store"])
    try:
        browser.get(server.url)
        ready(browser)
        assert browser.current_url.endswith("/") and "token" not in browser.current_url
        broken = rows(browser)
        assert broken[MERGED][0] == "2-2" and broken[SHIFTED - 1][0] == "1-0"
        assert broken[SHIFTED][0] == "1-2"

        # repair 1: split the merged link after the first sentence on each side
        go_to(browser, MERGED)
        keys(browser, "]", Keys.TAB, "]", "s")
        # repair 2: the next link's first English sentence back up into the link before it
        go_to(browser, SHIFTED + 1)  # one more link now that the merge is split
        keys(browser, "K")
        repaired = rows(browser)
        assert repaired[MERGED][0] == repaired[MERGED + 1][0] == "1-1"
        assert repaired[SHIFTED - 1][0] == repaired[SHIFTED][0] == "1-1"

        # undo / redo round-trip
        keys(browser, "z")
        assert rows(browser) == broken[:MERGED] + repaired[MERGED:MERGED + 2] + broken[
            MERGED + 1 :
        ]
        keys(browser, "y")
        assert rows(browser) == repaired
        keys(browser, Keys.CONTROL + "z")
        keys(browser, Keys.CONTROL + "y")
        assert rows(browser) == repaired

        # export to the -o output: equals the seed gold
        keys(browser, "x")
        wait(browser, "document.getElementById('status').textContent.startsWith('exported')")
        units = [(u.source, u.target) for u in read_tmx(files["out"]).units]
        score = score_units(units, gold())
        assert (score.precision, score.recall) == (1.0, 1.0), score
        assert {dict(u.props)["x-status"] for u in read_tmx(files["out"]).units} == {
            "auto", "edited"
        }  # fmt: skip

        # a reload shows the same state
        browser.refresh()
        ready(browser)
        assert rows(browser) == repaired
        no_console_errors(browser)
        code, said = server.stop()
        assert code == 0 and "session saved" in said, said
    finally:
        if server.proc.poll() is None:
            server.proc.kill()

    # a restart (new port, new token) shows the same state
    again = serve(files["session"], files["out"], files["store"])
    try:
        browser.get(again.url)
        ready(browser)
        assert rows(browser) == repaired
        assert len(load_session(files["session"]).links) == len(repaired)
        # the old address's token is no longer valid anywhere
        assert again.url.split("token=")[1] != server.url.split("token=")[1]
    finally:
        again.stop()


def test_terms_search_edit_confirm_and_help_by_keys(
    browser: Any, files: dict[str, Path]
) -> None:
    from selenium.webdriver.common.keys import Keys

    browser.get_log("browser")  # the previous test stopped a server under an open page
    server = serve(files["session"], files["out"], files["store"])
    try:
        browser.get(server.url)
        ready(browser)
        # help overlay
        keys(browser, "?")
        assert browser.execute_script("return !document.getElementById('help').hidden;")
        help_text = browser.execute_script("return document.getElementById('help').textContent;")
        assert "merge the link with the next one" in help_text and "undo" in help_text
        keys(browser, Keys.ESCAPE)
        assert browser.execute_script("return document.getElementById('help').hidden;")

        # a term from the page: select 城市环境 in Chinese, press t; urban environment, t
        before = sum(1 for r in browser.find_elements("css selector", 'mark[title="城市环境"]'))
        assert before == 0
        for side, text in (("zh", "城市环境"), ("en", "urban environment")):
            found = browser.execute_script(
                """const [side, text] = arguments;
                for (const cell of document.querySelectorAll('#list .row .' + side)) {
                  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                  let node;
                  while ((node = walker.nextNode())) {
                    const at = node.textContent.indexOf(text);
                    if (at >= 0) {
                      const range = document.createRange();
                      range.setStart(node, at); range.setEnd(node, at + text.length);
                      const sel = window.getSelection();
                      sel.removeAllRanges(); sel.addRange(range);
                      return true;
                    }
                  }
                }
                return false;""",
                side, text,
            )  # fmt: skip
            assert found, text
            keys(browser, "t")
        wait(browser, "document.getElementById('status').textContent.startsWith('added')")
        assert browser.find_elements("css selector", 'mark[title="城市环境"]')
        concept = open_glossary(files["store"]).lookup("城市环境", fuzzy=False)
        assert concept.found and "urban environment" in concept.matches[0].concept.en

        # search both sides by regex
        keys(browser, "g", "/")
        search = browser.find_element("id", "q")
        search.send_keys("Nairob[i]" + Keys.ENTER)
        wait(browser, "document.getElementById('status').textContent.includes('matching')")
        cur = int(browser.execute_script("return document.body.dataset.cur;"))
        assert "Nairobi" in rows(browser)[cur][2]
        search.send_keys(Keys.ESCAPE)

        # edit a sentence's text, then undo it
        go_to(browser, 5)
        keys(browser, Keys.ARROW_RIGHT, "e")  # the English side; edit its sentence
        editor = browser.find_element("id", "edit-text")
        old = editor.get_attribute("value")
        editor.send_keys(Keys.END, " (checked)", Keys.ENTER)
        idle(browser)
        assert rows(browser)[5][2].endswith("(checked)")
        assert "(checked)" in load_session(files["session"]).tgt.segments[5].text
        keys(browser, "z")
        assert rows(browser)[5][2] == old

        # split the English sentence at the cursor (Ctrl+Enter in the editor), then undo
        before = rows(browser)
        keys(browser, "e")
        editor = browser.find_element("id", "edit-text")
        browser.execute_script("arguments[0].setSelectionRange(10, 10);", editor)
        editor.send_keys(Keys.CONTROL, Keys.ENTER)
        idle(browser)
        assert rows(browser)[5][0] == "1-2" and len(rows(browser)) == len(before)
        keys(browser, "z")
        assert rows(browser) == before

        # insert an empty side (the English becomes a null link), shift, merge; undo each
        for stroke, check in (
            ("i", lambda r: r[5][0] == "1-0" and r[6][0] == "0-1"),
            ("J", lambda r: r[5][0] == "1-0" and r[6][0] == "1-2"),
            ("m", lambda r: r[5][0] == "2-2"),
        ):
            keys(browser, stroke)
            assert check(rows(browser)), stroke
            keys(browser, "z")
            assert rows(browser) == before, stroke

        # confirm everything above, then one more with c
        go_to(browser, 10)
        keys(browser, "C", "c")
        statuses = browser.execute_script(
            "return Array.from(document.querySelectorAll('#list .row .st'))"
            ".map(e => e.textContent);"
        )
        assert statuses[:12] == ["confirmed"] * 12 and statuses[12] != "confirmed"
        assert int(browser.execute_script("return document.body.dataset.cur;")) == 12
        keys(browser, "g", "n")  # from the top, the next unconfirmed link
        assert int(browser.execute_script("return document.body.dataset.cur;")) == 12
        keys(browser, "o")  # the next null link
        cur = int(browser.execute_script("return document.body.dataset.cur;"))
        assert "0-1" in rows(browser)[cur][0] or "1-0" in rows(browser)[cur][0]
        no_console_errors(browser)
    finally:
        server.stop()
