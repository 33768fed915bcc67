"""A user's regular expression matched in a child process, under a memory and a time limit.

`untm.userregex` bounds what a pattern may cost before it is compiled; the review server also
runs each search in a child process (`RegexWorker`), so whatever those bounds do not foresee
stays out of the server: the child's address space is capped (`MEMORY` above what it holds
before the search; POSIX), and a search that has not answered within its time budget is ended by
killing the child, which is then started afresh. The budget covers waiting for the child too, so
every search is answered (matches or a one-line `PatternError`) within `seconds + GRACE`.

The child (`python -I -m untm.regexworker`) reads one JSON object a line and answers one a line:
`{"texts": [[...], ...]}` replaces the lists of texts it holds (sent again only when they
change); `{"pattern", "flags", "max_length", "lists", "seconds"}` answers `{"found": [[index,
...], ...]}`, the indexes of the texts of each named list with a non-empty match, or
`{"error": reason}`. Only `untm.userregex` and `regex` are imported there: it is ready 0.16-0.21 s
after it is started (measured at a load of 7.6 on 2 cores). The server starts it with itself
(`start`) and starts the next one as soon as it ends one, so no search waits for a start.

`python bench/bench_review_web.py` times it on a 2,075-link session (4,200 segments), the same
pattern through the route and the child, and with the library's search in the server's process:
medians 48 and 64 ms in one run, 47 and 53 ms in another (load 9-11 on 2 cores: the child stops
at a text's first match), 59-69 ms for the first search after a change (the texts sent again).
"""

from __future__ import annotations

import json
import queue
import signal
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Sequence
from typing import IO, Any

from untm.errors import PatternError

MEMORY = 256 * 2**20  # bytes the child may allocate for one search, above what it holds
GRACE = 0.3  # seconds past the search's own limit before the child is ended
STARTUP = 15.0  # seconds a child may take to start before it is ended (it takes ~0.1-0.2 s)
STOPPED = "the search process stopped; the next search starts a new one"


class RegexWorker:
    """The parent's side: one child at a time, started when first needed (see the module
    docstring). Safe to call from several threads: searches take turns."""

    def __init__(self, *, seconds: float = 0.5, memory: int = MEMORY) -> None:
        self.seconds = seconds
        self.memory = memory
        self._lock = threading.Lock()
        self._child: _Child | None = None
        self._texts: Sequence[Sequence[str]] | None = None  # what the child holds
        self.restarts = 0  # children ended because they did not answer in time

    def find(
        self,
        pattern: str,
        flags: int,
        texts: Sequence[Sequence[str]],
        lists: Sequence[int],
        *,
        max_length: int,
    ) -> list[list[int]]:
        """For each list of `texts` named in `lists`, the indexes of its texts where `pattern`
        (compiled with `flags`, at most `max_length` characters) has a non-empty match. The same
        `texts` object as last time is not sent again. A PatternError says why there is no
        answer (a bad or costly pattern, the time or memory limit)."""
        deadline = time.monotonic() + self.seconds + GRACE
        if not self._lock.acquire(timeout=self.seconds + GRACE):
            raise PatternError("another search is still running; try again")
        try:
            child = self._ready(deadline)
            if texts is not self._texts:
                self._texts = None
                child.send({"texts": [list(t) for t in texts]})
                self._texts = texts
            left = deadline - time.monotonic() - GRACE
            child.send({"pattern": pattern, "flags": flags, "max_length": max_length,
                        "lists": list(lists), "seconds": max(left, 0.05)})  # fmt: skip
            answer = child.receive(deadline)
            if answer is None:
                self._replace()
                raise PatternError(
                    f"the search took longer than {self.seconds:g} s; narrow the pattern"
                )
            if "found" not in answer:
                if answer.get("fatal") or "error" not in answer:  # out of memory, or stopped
                    self._replace()
                raise PatternError(str(answer.get("error", STOPPED)))
        except OSError:  # the child went away (its pipe is closed)
            self._replace()
            raise PatternError(STOPPED) from None
        finally:
            self._lock.release()
        return [[int(i) for i in found] for found in answer["found"]]

    def start(self) -> None:
        """Start the child now (it imports in the background), so the first search does not
        wait for it."""
        with self._lock:
            if self._child is None:
                self._child = _Child(self.memory)

    def _ready(self, deadline: float) -> _Child:
        """The child, once it has started; a child still starting (a loaded machine) is left to
        start for the next search, unless it has taken `STARTUP` seconds."""
        if self._child is None:
            self._child = _Child(self.memory)
        if not self._child.wait_ready(deadline):
            if self._child.stopped or time.monotonic() - self._child.born > STARTUP:
                self._end()
            raise PatternError("the search process is starting; try again")
        return self._child

    def _replace(self) -> None:
        """End the child and start the next at once: it starts while the answer goes out."""
        self._end()
        self._child = _Child(self.memory)

    def _end(self) -> None:
        if self._child is not None:
            self._child.kill()
            self._child = None
            self.restarts += 1
        self._texts = None

    def close(self) -> None:
        """End the child (a later search starts a new one)."""
        with self._lock:
            self._end()
            self.restarts = 0


class _Child:
    """One child process with a thread reading its answers into a queue."""

    def __init__(self, memory: int) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-I", "-m", "untm.regexworker", str(memory)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="ascii",
        )
        self.answers: queue.Queue[dict[str, Any]] = queue.Queue()
        self.ready = self.stopped = False
        self.born = time.monotonic()
        assert self.proc.stdout is not None
        threading.Thread(target=_read, args=(self.proc.stdout, self.answers), daemon=True).start()
        # a server that exits without closing its searcher does not leave the child behind
        self._finalizer = weakref.finalize(self, _kill, self.proc)

    def wait_ready(self, deadline: float) -> bool:
        if not self.ready and not self.stopped:
            answer = self.receive(deadline)
            self.ready = answer is not None and answer.get("ready") is True
            self.stopped = answer is not None and "stopped" in answer
        return self.ready

    def send(self, message: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(message) + "\n")
        self.proc.stdin.flush()

    def receive(self, deadline: float) -> dict[str, Any] | None:
        """The next answer (`{"stopped": true}` once the child has stopped), or None when there
        is none by `deadline`."""
        try:
            return self.answers.get(timeout=max(deadline - time.monotonic(), 0))
        except queue.Empty:
            return None

    def kill(self) -> None:
        self._finalizer()


def _read(stream: IO[str], answers: queue.Queue[dict[str, Any]]) -> None:
    try:
        for line in stream:
            answers.put(json.loads(line))
    except (ValueError, OSError):
        pass
    answers.put({"stopped": True})


def _kill(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    for stream in (proc.stdin, proc.stdout):
        if stream is not None:
            stream.close()


# --- the child ----------------------------------------------------------------------------


def _limit_memory(headroom: int | None) -> None:
    """Cap the address space at what the process maps now plus `headroom` (Linux; elsewhere
    the time limit alone applies); None lifts the cap (to read new texts)."""
    try:
        import os
        import resource

        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        soft = hard
        if headroom is not None:
            with open("/proc/self/statm", encoding="ascii") as statm:
                mapped = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
            soft = mapped + headroom
            if hard != resource.RLIM_INFINITY:
                soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    except (ImportError, OSError, ValueError):
        pass


def _answer(request: dict[str, Any], texts: list[list[str]]) -> dict[str, Any]:
    from untm.userregex import compile_user_regex, find_in_texts

    compiled = compile_user_regex(
        str(request["pattern"]), int(request["flags"]), max_length=int(request["max_length"])
    )
    chosen = [int(n) for n in request["lists"]]
    places = (((n, i), text) for n in chosen for i, text in enumerate(texts[n]))
    found: dict[int, list[int]] = {n: [] for n in chosen}
    for (n, i), _, _ in find_in_texts(compiled, places, seconds=float(request["seconds"]),
                                      first=True):  # fmt: skip
        found[n].append(i)
    return {"found": [found[n] for n in chosen]}


def main() -> None:
    """The child's loop (see the module docstring); it ends when the parent closes its input."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which ends us
    headroom = int(sys.argv[1]) if len(sys.argv) > 1 else MEMORY
    import regex  # noqa: F401  (loaded before the answer that says the child is ready)

    out = sys.stdout
    out.write('{"ready": true}\n')
    out.flush()
    texts: list[list[str]] = []
    for line in sys.stdin:
        request = json.loads(line)
        if "texts" in request:
            texts = request["texts"]
            continue
        _limit_memory(headroom)
        try:
            answer = _answer(request, texts)
        except PatternError as exc:
            answer = {"error": str(exc)}
        except MemoryError:
            answer = {"error": f"the search needs more than {headroom // 2**20} MB; narrow the "
                               "pattern", "fatal": True}  # fmt: skip
        _limit_memory(None)
        out.write(json.dumps(answer) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
