"""Users' regular expressions (the editor's search, SRX rule files): the bounds of
`untm.userregex` and the child process of `untm.regexworker`.

The size count is checked where it matters: whatever pattern it lets through compiles within a
few megabytes (`tracemalloc` sees the `regex` module's allocations), for patterns built to
mislead it (parentheses in classes and comments, nested sets, braces that are not repeats).
"""

from __future__ import annotations

import os
import signal
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, example, given, settings
from review_helpers import gold_session, regex_strings

from untm.errors import FormatError, PatternError, ReviewError
from untm.regexworker import GRACE, RegexWorker
from untm.review.navigate import search
from untm.userregex import MAX_SIZE, compile_user_regex, expanded_size

V1 = regex.VERSION1 | regex.IGNORECASE


@pytest.mark.parametrize(
    ("pattern", "size"),
    [
        ("Nairobi", 7),
        (r"\d{4}-\d{2}", 7),
        # a group counts 1, and each character of its opening after '(' ("?:") one more
        ("(?:a{100}){100}", (2 + 100) * 100),
        ("(a{1000}){1000}", 1_001_000),
        ("((a{1000}){1000}){1000}", 1_001_001_000),
        ("(?:a{1000,}){1000,}", 1_002_000),  # an open repeat's least count is built
        ("(?:a{0,1000}){1000}", 1_002_000),  # counted from above: the larger count
        ("[(]{1000}", 1000),  # a parenthesis in a class opens no group
        (r"\({1000}", 1000),
        (r"(?#(){1000}", 0),  # a comment is nothing (the repeat has nothing to repeat)
        (r"(?#\)(){1000}", 0),
        # after an item, the engine skips a comment: the repeat after it repeats that item
        ("a(?#c){100}", 100),
        ("(ab)(?#c)(?#d){100}", 300),
        ("a(a*a(?#c){100}){1000}", 1 + (1 + 1 + 100) * 1000),  # 26.5 MB; counted 3,001 before
        ("[[a]b]{10}", 10),  # a nested set is one class
        ("a{e<=2}", 7),  # a fuzzy constraint is not a count (counted as its characters)
        ("a{x}", 4),
        ("(?:ab|cd){10}", (2 + 4) * 10),
    ],
)
def test_size_counts_counted_repeats_through_groups(pattern: str, size: int) -> None:
    assert expanded_size(pattern) == size


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("((a{1000}){1000}){1000}", "repeats multiply to 1,001,001,000"),
        ("(?:X{1000}){1000}", "limit 20,000"),
        ("x" * 1001, "too long (1001 characters; limit 1000)"),
        ("(?R)?a", "recursion"),
        ("(a)(?1)", "recursion"),
        ("(a)(?-1)", "recursion"),
        ("(?<x>a)(?&x)", "recursion"),
        ("(?x)a {3}", "verbose"),
        ("(?V0)[[]", "version"),
        ("[[]", "unterminated character class"),
        ("(a", "unclosed group"),
        ("a)", "unbalanced"),
        ("(?#a", "unclosed comment"),
        ("a{3,2}", "min repeat greater than max repeat"),
        ("", "empty"),
    ],
)
def test_refusals_are_one_line_pattern_errors(pattern: str, reason: str) -> None:
    with pytest.raises(PatternError, match=regex.escape(reason)) as refused:
        compile_user_regex(pattern, V1)
    assert "\n" not in str(refused.value)


def test_patterns_are_never_cached() -> None:
    # the regex module's own cache hands back the same object; ours compiles afresh each time
    assert regex.compile("Nairob[i]", V1) is regex.compile("Nairob[i]", V1)
    assert compile_user_regex("Nairob[i]", V1) is not compile_user_regex("Nairob[i]", V1)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(regex_strings())
@example("a(a*a(?#c){100}){1000}")  # found by hypothesis: a comment before a repeat
def test_what_the_bounds_let_through_compiles_in_a_few_megabytes(pattern: str) -> None:
    """Any pattern: a compiled pattern or a one-line PatternError, nothing else; and one that
    is let through costs at most ~0.8 kB per unit of the size limit to compile (measured:
    0.25-0.33 kB)."""
    tracemalloc.start()
    try:
        try:
            compile_user_regex(pattern, V1)
        except PatternError as exc:
            assert "\n" not in str(exc)
            return
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < MAX_SIZE * 800, (pattern, peak)


def test_an_srx_file_with_a_costly_rule_is_a_format_error(tmp_path: Path) -> None:
    from untm.aligner.srx import load_srx

    rules = tmp_path / "bomb.srx"
    rules.write_text(
        '<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header/><body><languagerules>'
        '<languagerule languagerulename="x"><rule break="yes">'
        "<beforebreak>((a{1000}){1000}){1000}</beforebreak><afterbreak>\\s</afterbreak></rule>"
        "</languagerule></languagerules><maprules><languagemap languagepattern=\"en.*\" "
        'languagerulename="x"/></maprules></body></srx>',
        encoding="utf-8",
    )
    start = time.monotonic()
    with pytest.raises(FormatError, match="repeats multiply") as refused:
        load_srx(rules)
    assert time.monotonic() - start < 5 and refused.value.path == str(rules)


# --- the library's search and the child process ---------------------------------------------

def test_the_library_search_refuses_a_bomb_with_a_review_error() -> None:
    with pytest.raises(ReviewError, match=r"bad search pattern: .*repeats multiply"):
        search(gold_session(), "((a{1000}){1000}){1000}")


@pytest.fixture
def worker() -> RegexWorker:
    found = RegexWorker(seconds=0.5)
    yield found  # type: ignore[misc]
    found.close()


def _texts() -> tuple[list[str], list[str]]:
    session = gold_session()
    return ([s.text for s in session.src.segments], [s.text for s in session.tgt.segments])


@pytest.mark.parametrize("pattern", ["Nairobi", "人居署|UN-Habitat", r"\d{4}", "e", "a*", "(?i)UN"])
def test_the_child_finds_what_the_library_finds(worker: RegexWorker, pattern: str) -> None:
    texts = _texts()
    found = worker.find(pattern, V1, texts, [0, 1], max_length=1000)
    hits = search(gold_session(), pattern, limit=10**6)
    for n, side in enumerate(("src", "tgt")):
        assert found[n] == sorted({h.segment for h in hits if h.side == side})
    assert worker.find(pattern, V1, texts, [1], max_length=1000) == [found[1]]


@pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="POSIX signals")
def test_a_child_that_does_not_answer_is_ended_in_time_and_replaced(worker: RegexWorker) -> None:
    texts = _texts()
    assert worker.find("Nairobi", V1, texts, [1], max_length=1000)[0]
    child = worker._child
    assert child is not None
    os.kill(child.proc.pid, signal.SIGSTOP)  # hung, as a runaway compile would be
    start = time.monotonic()
    with pytest.raises(PatternError, match=r"took longer than 0\.5 s"):
        worker.find("Nairobi", V1, texts, [1], max_length=1000)
    assert time.monotonic() - start < 0.5 + GRACE + 0.5
    assert child.proc.poll() is not None and worker.restarts == 1  # killed, not left behind
    assert worker.find("Nairobi", V1, texts, [1], max_length=1000)[0]  # a new child answers


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is enforced on Linux")
def test_a_search_over_the_memory_limit_is_refused_and_the_child_goes_on() -> None:
    small = RegexWorker(seconds=2, memory=4 * 2**20)
    try:
        # within the size bound (19,380), but ~6 MB to compile: over a 4 MB cap
        with pytest.raises(PatternError, match="needs more memory than there is"):
            small.find("(?:[ab]{100}){190}", V1, (["a" * 50],), [0], max_length=1000)
        assert small.find("a", V1, (["a", "b"],), [0], max_length=1000) == [[0]]
    finally:
        small.close()
    roomy = RegexWorker(seconds=2)  # the default: 256 MB
    try:
        assert roomy.find("(?:[ab]{100}){190}", V1, (["ab" * 10_000],), [0], max_length=1000) == [
            [0]
        ]
    finally:
        roomy.close()


def test_the_child_ends_when_closed() -> None:
    worker = RegexWorker()
    assert worker.find("b", V1, (["a", "b"],), [0], max_length=1000) == [[1]]
    assert worker._child is not None
    proc = worker._child.proc
    worker.close()
    assert proc.wait(timeout=5) is not None and worker._child is None
