"""Finding links: the next one that needs a look, and regular-expression search over both sides.

`find_link(session, what, after)` returns the index of the next link after `after` (or before,
with `backward=True`) that is `unconfirmed`, `uneven` (not 1-1), `null`, `low` (score under the
session's threshold), `edited` or `bookmark`ed, going round the end; None when there is none.

`search(session, pattern)` finds a regular expression (the `regex` module's syntax) in the
segments of both sides (or one), in link order from a starting link, going round the end. Its
cost is bounded: the pattern's length and what compiling it builds (`untm.userregex`), the number
of hits, and the time (a pattern that backtracks catastrophically stops with a ReviewError
instead of hanging the caller).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import regex

from untm.errors import PatternError, ReviewError
from untm.review.session import SIDES, ReviewLink, Session, SideName, Status
from untm.userregex import compile_user_regex, find_in_texts

MAX_PATTERN = 1000
SEARCH_SECONDS = 0.5
MAX_HITS = 1000

_TESTS: dict[str, Callable[[ReviewLink, float], bool]] = {
    "unconfirmed": lambda link, low: link.status is not Status.CONFIRMED,
    "uneven": lambda link, low: not (link.src == 1 and link.tgt == 1),
    "null": lambda link, low: link.is_null,
    "low": lambda link, low: link.is_low(low),
    "edited": lambda link, low: link.status is Status.EDITED,
    "bookmark": lambda link, low: link.bookmark,
}
FINDS = tuple(_TESTS)


def find_link(
    session: Session, what: str, after: int | None = None, *, backward: bool = False
) -> int | None:
    """The next link after link `after` (before it with `backward`), going round the end, that
    is `what` (one of FINDS); `after=None` starts at the first (or, backward, the last) link."""
    test = _TESTS.get(what)
    if test is None:
        raise ReviewError(f"cannot look for {what!r} links (one of: {', '.join(FINDS)})")
    n = len(session.links)
    if n == 0:
        return None
    step = -1 if backward else 1
    start = (n if backward else -1) if after is None else after
    for offset in range(1, n + 1):
        k = (start + step * offset) % n
        if test(session.links[k], session.low_score):
            return k
    return None


@dataclass(frozen=True)
class SearchHit:
    """One match: link, side, segment position, and the match's [start, end) in its text."""

    link: int
    side: SideName
    segment: int
    start: int
    end: int


def compile_pattern(pattern: str, *, ignore_case: bool = True) -> regex.Pattern[str]:
    """Compile a search pattern within `untm.userregex`'s bounds; a bad, oversize or too costly
    one is a ReviewError."""
    flags = regex.VERSION1 | (regex.IGNORECASE if ignore_case else 0)
    try:
        return compile_user_regex(pattern, flags, max_length=MAX_PATTERN)
    except PatternError as exc:
        raise ReviewError(f"bad search pattern: {exc}") from None


def search(
    session: Session,
    pattern: str,
    *,
    sides: tuple[SideName, ...] = SIDES,
    start_link: int = 0,
    ignore_case: bool = True,
    limit: int = MAX_HITS,
    seconds: float = SEARCH_SECONDS,
) -> list[SearchHit]:
    """Matches of `pattern` in link order from `start_link` (going round), at most `limit`."""
    if not sides or any(side not in SIDES for side in sides):
        raise ReviewError(f"search sides must be among {', '.join(SIDES)}")
    compiled = compile_pattern(pattern, ignore_case=ignore_case)
    n = len(session.links)
    places = (
        ((k, side, position), session.side(side).segments[position].text)
        for k in ((start_link + offset) % n for offset in range(n))
        for side in sides
        for position in session.span(k).side(side)
    )
    hits: list[SearchHit] = []
    try:
        for (k, side, position), start, end in find_in_texts(compiled, places, seconds=seconds):
            hits.append(SearchHit(k, side, position, start, end))
            if len(hits) >= limit:
                break
    except PatternError as exc:
        raise ReviewError(str(exc)) from None
    return hits
