"""jieba's word segmentation over a prepared prefix dictionary (untm.usercache).

jieba builds its prefix dictionary (every word of its 349,000-word `dict.txt` with its frequency,
and every prefix of a word with 0: half a million keys) on first use and keeps it as a marshal'd
dict in the system temporary folder (`/tmp/jieba.cache`), half a second to load and ~100 MB of
memory in every process. Here the words with a frequency are a marisa-trie in the user cache
instead (memory-mapped in a millisecond), their frequencies an array beside it, and
`MarisaTokenizer` is jieba's own `Tokenizer` with the two methods that read the dictionary
answered from the trie: `get_DAG` asks the trie for every word that starts at a position (jieba
walks prefixes until one is no prefix of any word: the same set of words), and `FREQ.get`
(the route's word scores, the check before jieba's HMM) reads a word's frequency. Everything
else, the route, the HMM for unknown words, the handling of non-Chinese runs, is jieba's code,
so the tokens are jieba's (tests/test_usercache.py compares them on the seed and the UN texts).
"""

from __future__ import annotations

import importlib.util
import logging
import sys
from array import array
from pathlib import Path
from typing import Any

import marisa_trie

from untm.usercache import Preparer, data_key, read_marshal, write_marshal

_TRIE = "words.marisa"
_FREQ = "freq.marshal"


class WordFreq:
    """The words of jieba's dictionary that have a frequency: a trie and the counts by key id."""

    def __init__(self, trie: marisa_trie.Trie, freq: array[int]) -> None:
        self.trie = trie
        self.freq = freq


def _import_jieba() -> Any:
    """jieba, imported without `pkg_resources`: jieba 0.42 imports it (0.2 s, and a deprecation
    warning) only to open its own data files, and falls back to plain `open` without it. Its
    dictionary is read here from the path, and its HMM tables are Python modules."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba
    else:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes the import fail
        try:
            import jieba
        finally:
            del sys.modules["pkg_resources"]
    jieba.setLogLevel(logging.WARNING)
    return jieba


def _tokenizer_class() -> type[Any]:
    jieba = _import_jieba()

    class MarisaTokenizer(jieba.Tokenizer):  # type: ignore[misc, name-defined]
        """jieba's Tokenizer reading its prefix dictionary from a marisa-trie."""

        def __init__(self, words: WordFreq, total: int, longest: int) -> None:
            super().__init__()
            self._words = words
            self.FREQ: dict[str, int] = {}  # the words get_DAG met, with their frequencies
            self.total = total
            self.longest = longest
            self.initialized = True

        def get_DAG(self, sentence: str) -> dict[int, list[int]]:
            trie, counts = self._words.trie, self._words.freq
            prefixes = trie.prefixes
            seen = self.FREQ
            longest = self.longest
            dag: dict[int, list[int]] = {}
            for k in range(len(sentence)):
                ends = []
                for word in prefixes(sentence[k : k + longest]):
                    if word not in seen:
                        seen[word] = counts[trie[word]]
                    ends.append(k + len(word) - 1)
                dag[k] = ends or [k]
            return dag

    return MarisaTokenizer


class JiebaIndex:
    """A jieba tokenizer over the prepared dictionary (`lcut` as jieba's)."""

    def __init__(self, words: WordFreq, total: int, longest: int) -> None:
        self.words = words
        self.total = total
        self.longest = longest
        self._tokenizer = _tokenizer_class()(words, total, longest)

    def lcut(self, text: str) -> list[str]:
        out: list[str] = self._tokenizer.lcut(text)
        return out


def dictionary_file() -> Path:
    """jieba's main dictionary (`jieba/dict.txt`)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:  # pragma: no cover - a declared dependency
        raise ImportError("jieba is not installed")
    return Path(spec.origin).parent / "dict.txt"


def _make() -> JiebaIndex:
    jieba = _import_jieba()
    with open(dictionary_file(), "rb") as handle:
        freq, total = jieba.Tokenizer.gen_pfdict(handle)
    words = {word: count for word, count in freq.items() if count}
    trie = marisa_trie.Trie(words)
    counts = array("q", bytes(8 * len(trie)))
    for word, count in words.items():
        counts[trie[word]] = count
    return JiebaIndex(WordFreq(trie, counts), total, max(map(len, words), default=1))


def _save(index: JiebaIndex, folder: Path) -> None:
    index.words.trie.save(str(folder / _TRIE))
    write_marshal(folder / _FREQ, (index.words.freq.tobytes(), index.total, index.longest))


def _load(folder: Path) -> JiebaIndex:
    trie = marisa_trie.Trie()
    trie.mmap(str(folder / _TRIE))
    data, total, longest = read_marshal(folder / _FREQ)
    counts = array("q")
    counts.frombytes(data)
    if len(counts) != len(trie):
        raise ValueError("frequency table does not match the word trie")
    return JiebaIndex(WordFreq(trie, counts), int(total), int(longest))


def _key() -> str:
    jieba_dir = dictionary_file().parent
    return data_key(
        code=(__file__,),
        files=(dictionary_file(), jieba_dir / "__init__.py", Path(marisa_trie.__file__)),
    )


PREPARER: Preparer[JiebaIndex] = Preparer("jieba", _key, _make, _save, _load)
