"""Review sessions for the tests (from the seed's gold alignment: real text, no aligner run),
the installed `untm review` as a subprocess, Debian's Chromium, hostile regular expressions."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, Any

from conftest import GOLD
from hypothesis import strategies as st

from untm.aligner.alignfile import read_align
from untm.aligner.model import AlignmentResult, Segment
from untm.review.session import Session, new_session

STEM = "000_a932ec9d51e334cb"


def gold_result() -> AlignmentResult:
    """The seed pair as one segment a line with its gold links (score 1)."""

    def segs(path: str) -> tuple[Segment, ...]:
        lines = (GOLD / path).read_text(encoding="utf-8").splitlines()
        return tuple(Segment(i, t, i) for i, t in enumerate(lines))

    return AlignmentResult(
        segs(f"{STEM}.zh"),
        segs(f"{STEM}.en"),
        tuple(read_align(GOLD / f"{STEM}.align")),
        settings={"mode": "fast", "encoder": "none", "src": f"{STEM}.zh", "tgt": f"{STEM}.en"},
    )


def gold_session() -> Session:
    return new_session(gold_result())


# --- hostile regular expressions (the search route, untm.userregex) ------------------------

# pieces that matter to the size count: classes holding ( and ), escaped parentheses, comments
# with an escaped ')', nested sets, braces that are not repeats, alternation
REGEX_ATOMS = ["a", "b", ".", r"\w", r"\d", "[ab]", "[(]", "[)]", "[^]]", r"\(", r"\)", "(?#c)",
               r"(?#\))", r"\p{Han}", "联", r"\1", "^", "$", r"\b", "[[a]b]", "{", "}", ",",
               "a{e<=1}"]  # fmt: skip
REGEX_COUNTS = [0, 1, 2, 3, 10, 30, 100, 300, 1000, 10000, 65535, 4294967295]
REGEX_GROUPS = ["(", "(?:", "(?=", "(?!", "(?<=", "(?<!", "(?>", "(?i:", "(?|", "(?<n>"]


def regex_strings() -> st.SearchStrategy[str]:
    """Regular expressions as an attacker writes them: nested counted repeats (up to huge
    counts), lazy and possessive ones, lookarounds, backreferences, recursion, inline flags; and
    raw noise over the regex alphabet."""

    @st.composite
    def quantifier(draw: st.DrawFn) -> str:
        kind = draw(st.sampled_from(["*", "+", "?", "{n}", "{n,}", "{n,m}", "{,m}", "", ""]))
        n, m = sorted((draw(st.sampled_from(REGEX_COUNTS)), draw(st.sampled_from(REGEX_COUNTS))))
        text = kind.replace("n", str(n)).replace("m", str(m))
        return text + draw(st.sampled_from(["", "", "?", "+"])) if text else text

    def grow(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        item = st.tuples(inner, quantifier()).map("".join)
        sequence = st.lists(item, min_size=1, max_size=4).map("".join)
        group = st.tuples(
            st.sampled_from(REGEX_GROUPS), st.lists(sequence, min_size=1, max_size=3).map("|".join)
        ).map(lambda t: f"{t[0]}{t[1]})")
        return st.one_of(sequence, group)

    structured = st.recursive(st.sampled_from(REGEX_ATOMS), grow, max_leaves=12)
    calls = st.sampled_from(["(?R)?a", "(a)(?1)", "(?<x>a)(?&x)", "(?x)a{9} #", "(?V0)[[]"])
    noise = st.text(alphabet="ab()[]{}|*+?\\^$.,:=!<>#-0123456789iRPx&", max_size=40)
    return st.one_of(structured, structured, structured, calls, noise)


# --- the installed `untm review`, and Chromium ----------------------------------------------

UNTM = Path(sys.executable).with_name("untm")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


class ReviewServer:
    """`untm review ARGS --no-browser` as a user runs it: the installed script, a subprocess;
    its address read from what it prints. `stderr`: a file that gets its log (else a pipe)."""

    def __init__(
        self, *args: str | Path, cwd: Path | None = None, stderr: Path | None = None,
        timeout: float = 120,
    ) -> None:  # fmt: skip
        self._log: IO[str] | None = stderr.open("w", encoding="utf-8") if stderr else None
        self.proc = subprocess.Popen(
            [str(UNTM), "review", *map(str, args), "--no-browser"], cwd=cwd,
            stdout=subprocess.PIPE, stderr=self._log or subprocess.PIPE, text=True,
        )  # fmt: skip
        self.url = ""
        assert self.proc.stdout is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            if line.startswith("open http://127.0.0.1:"):
                self.url = line.split()[1]
                break
        if not self.url:
            self.proc.kill()
            raise AssertionError(f"untm review did not start: {self.proc.communicate()}")
        self.base, self.token = self.url.split("/?token=")
        self.port = int(self.base.rsplit(":", 1)[1])
        self.cookie = f"untm_review_{self.port}={self.token}"

    def stop(self) -> tuple[int, str]:
        """Ctrl-C, as a user stops it; its exit code and what it printed."""
        self.proc.send_signal(signal.SIGINT)
        out, err = self.proc.communicate(timeout=30)
        if self._log is not None:
            self._log.close()
        return self.proc.returncode, out + (err or "")

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate()


def rss(pid: int) -> int:
    """A process's resident memory in bytes (Linux /proc)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise AssertionError(f"no VmRSS for {pid}")


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text(encoding="ascii", errors="replace").rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def chromium(profile: Path, *, network_log: bool = False) -> Any:
    """Debian's Chromium, headless, through Selenium and Debian's chromium-driver; with
    `network_log`, the DevTools network events (request headers, statuses) can be read back
    (`driver.get_log("performance")`)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1400,1000",
                f"--user-data-dir={profile}"):  # fmt: skip
        options.add_argument(arg)
    logs = {"browser": "ALL", **({"performance": "ALL"} if network_log else {})}
    options.set_capability("goog:loggingPrefs", logs)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_script_timeout(30)
    return driver
