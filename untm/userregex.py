"""Regular expressions a user gives (the review editor's search, SRX rule files), compiled with
bounds.

The `regex` module builds a counted repeat by copying its body: `(a{1000}){1000}` is a million
nodes (0.8 s and 250 MB to compile), `((a{1000}){1000}){1000}` grows until the machine runs out of
memory, and neither is interrupted by a match's `timeout` (which starts after compiling). It also
caches every pattern it compiles (500 of them), so eight such searches keep 1.4 GB alive. Hence:

- a pattern longer than `max_length` characters is refused;
- `expanded_size` counts what compiling builds, each counted repeat multiplying the size of its
  body (`(?:a{100}){100}` is about 10,000), and a pattern over `MAX_SIZE` is refused before it is
  compiled (20,000: at most ~7 MB and ~60 ms to compile, measured);
- recursion and subroutine calls (`(?R)`, `(?1)`, `(?&name)`) are refused: a match of `(?R)?a`
  grows by 500 MB within half a second;
- verbose (`x`) and version (`V0`, `V1`) inline flags are refused: they change what a `#`, a
  space or a `[` means, and the count is made for the syntax the caller compiles with;
- the compiled pattern is never cached; any failure of compiling (a syntax error, MemoryError,
  RecursionError, OverflowError) is a `PatternError` with a one-line reason.

The count reads the pattern as the engine does where it matters (escapes, character classes,
nested sets in version 1, comments, groups, alternatives, quantifiers) and errs upward elsewhere:
a `{...}` that is not a repeat counts as its characters, a group's opening (`(?:`, `(?<=`) as
one more than the engine builds for it.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

import regex

from untm.errors import PatternError

MAX_LENGTH = 1000
MAX_SIZE = 20_000
#: `(?` then one of these, `R)`, a number or `+`/`-` and a number: a call of a group
_CALL_STARTS = ("R)", "&", "P>")
_FLAG_CHARS = frozenset("abefiLmprsuVwx0123456789-")
K = TypeVar("K")


def compile_user_regex(
    pattern: str, flags: int = 0, *, max_length: int = MAX_LENGTH, max_size: int = MAX_SIZE
) -> regex.Pattern[str]:
    """`pattern` compiled with `flags` (never cached), or a PatternError saying why not."""
    if not pattern:
        raise PatternError("the pattern is empty")
    if len(pattern) > max_length:
        raise PatternError(f"the pattern is too long ({len(pattern)} characters; limit "
                           f"{max_length})")  # fmt: skip
    size = expanded_size(pattern, version1=bool(flags & regex.VERSION1))
    if size > max_size:
        raise PatternError(
            f"the pattern's repeats multiply to {size:,} (limit {max_size:,}): use smaller counts"
        )
    try:
        return regex.compile(pattern, flags, cache_pattern=False)
    except regex.error as exc:
        raise PatternError(str(exc)) from None
    except MemoryError:
        raise PatternError("the pattern needs more memory than there is to compile") from None
    except (ValueError, OverflowError, RecursionError, TypeError) as exc:
        raise PatternError(f"the pattern cannot be compiled: {exc}") from None


def find_in_texts(
    compiled: regex.Pattern[str],
    texts: Iterable[tuple[K, str]],
    *,
    seconds: float,
    first: bool = False,
) -> Iterator[tuple[K, int, int]]:
    """The non-empty matches of `compiled` in `texts` (key, text), in order, as (key, start,
    end), only the first of each text with `first`; a PatternError once they have taken
    `seconds` in all. The GIL is released while a text is matched, so other threads go on."""
    deadline = time.monotonic() + seconds
    for key, text in texts:
        left = deadline - time.monotonic()
        if left <= 0:
            raise _too_slow(seconds)
        try:
            for match in compiled.finditer(text, timeout=left, concurrent=True):
                if match.end() > match.start():  # an empty match marks nothing
                    yield key, match.start(), match.end()
                    if first:
                        break
        except TimeoutError:
            raise _too_slow(seconds) from None


def _too_slow(seconds: float) -> PatternError:
    return PatternError(f"the search took longer than {seconds:.2g} s; narrow the pattern")


def expanded_size(pattern: str, *, version1: bool = True) -> int:
    """How many nodes compiling `pattern` builds, counted from above (see the module docstring);
    a PatternError for what the count does not take (calls, verbose or version flags) and for an
    unterminated class or group."""
    return _Counter(pattern, version1).count()


class _Counter:
    """One left-to-right pass; `frames` holds, for each open group, the size so far and the
    size of its last item (what a quantifier that follows multiplies)."""

    def __init__(self, pattern: str, version1: bool) -> None:
        self.p = pattern
        self.version1 = version1
        self.i = 0
        self.frames: list[list[int]] = [[0, 0]]  # [size, last item's size]

    def count(self) -> int:
        p = self.p
        while self.i < len(p):
            ch = p[self.i]
            if ch == "\\":
                self._item(1, 2)
            elif ch == "[":
                self._item(1, self._class_end(self.i) - self.i)
            elif ch == "(":
                self._open()
            elif ch == ")":
                self._close()
            elif ch == "|":
                self.frames[-1][1] = 0  # nothing before it to repeat
                self.i += 1
            elif ch == "{" and self._repeat():
                pass
            elif ch in "*+?":
                self.i += 1  # repeats without a count build their body once
            else:
                self._item(1, 1)
        if len(self.frames) != 1:
            raise PatternError("the pattern has an unclosed group '('")
        return self.frames[0][0]

    def _item(self, size: int, width: int) -> None:
        frame = self.frames[-1]
        frame[0] += size
        frame[1] = size
        self.i += width

    def _open(self) -> None:
        p, i = self.p, self.i
        if p.startswith("(?#", i):  # a comment, to the first unescaped ')'
            j = i + 3
            while j < len(p) and p[j] != ")":
                j += 2 if p[j] == "\\" else 1
            if j >= len(p):
                raise PatternError("the pattern has an unclosed comment '(?#'")
            self.i = j + 1  # the engine skips it: a repeat after it repeats the item before
            return
        if p.startswith("(?", i):
            rest = p[i + 2 :]
            number = rest.lstrip("+-")
            numbered = number[:1].isdigit() and number.lstrip("0123456789").startswith(")")
            if rest.startswith(_CALL_STARTS) or numbered:
                raise PatternError("recursion and group calls are not accepted in a pattern")
            flags = rest[: len(rest) - len(rest.lstrip("".join(_FLAG_CHARS)))]
            if rest[len(flags) : len(flags) + 1] in (")", ":") and ({"x", "V"} & set(flags)):
                raise PatternError("verbose (x) and version (V0, V1) flags are not accepted")
        self.frames.append([1, 0])  # the group itself
        self.i += 1

    def _close(self) -> None:
        if len(self.frames) == 1:
            raise PatternError("the pattern has an unbalanced ')'")
        size = self.frames.pop()[0]
        self._item(size, 1)

    def _repeat(self) -> bool:
        """A counted repeat at `i`: multiply the last item by its largest count."""
        p, i = self.p, self.i
        end = p.find("}", i)
        body = p[i + 1 : end] if end > 0 else ""
        low, comma, high = body.partition(",")
        counts = [low, high] if comma else [low]
        if end < 0 or not all(c.isascii() and (c.isdigit() or c == "") for c in counts) or (
            not any(counts)
        ):
            return False  # a literal '{'
        frame = self.frames[-1]
        times = max(1, *(int(c) for c in counts if c))
        frame[0] += frame[1] * (times - 1)
        frame[1] *= times
        self.i = end + 1
        return True

    def _class_end(self, start: int) -> int:
        """The index after the character class opening at `start` (a nested set `[...]` inside
        one counts in version 1, as the engine reads it)."""
        p = self.p
        j = start + 1
        if p.startswith("^", j):
            j += 1
        if p.startswith("]", j):  # a ']' first is a character
            j += 1
        while j < len(p):
            ch = p[j]
            if ch == "\\":
                j += 2
            elif ch == "]":
                return j + 1
            elif ch == "[" and self.version1:
                j = self._class_end(j)
            else:
                j += 1
        raise PatternError("the pattern has an unterminated character class '['")
