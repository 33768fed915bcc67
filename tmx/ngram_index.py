"""A character-bigram inverted index over TM source texts, for fast candidate shortlists.

Each text is normalised (`normalize`: NFKC, case-folded, whitespace runs collapsed) and cut into
the set of its character bigrams, padded with `^` and `$` so that even a one-character text has
two grams. The postings are kept in compressed sparse rows (numpy): `offsets[g]:offsets[g+1]`
of `postings` are the ids of the texts containing gram `g`. A query counts, with one
`numpy.bincount`, how many of its grams each text shares, and ranks texts by the Dice
coefficient `2·shared / (|query grams| + |text grams|)` — a cheap proxy for chrF that keeps the
right unit in a shortlist of a few dozen, which `tmx.lookup` then rescores with real chrF.

`save`/`load` keep an index in one `.npz` file (no pickle: texts are stored as UTF-8 joined by
NUL, which XML text cannot contain).
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

_SPACE = re.compile(r"\s+")
SEP = "\x00"
FORMAT_VERSION = 1

IntArray = npt.NDArray[np.int64]


def normalize(text: str) -> str:
    """The form texts are compared in: NFKC, case-folded, whitespace runs as one space, stripped."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def grams(normalized: str) -> set[str]:
    """The set of character bigrams of `^text$`."""
    padded = f"^{normalized}$"
    return {padded[i : i + 2] for i in range(len(padded) - 1)}


@dataclass(frozen=True)
class NgramIndex:
    """Inverted index from character bigrams to text ids (see module docstring)."""

    vocab: dict[str, int]
    offsets: IntArray
    postings: IntArray
    sizes: IntArray

    @property
    def size(self) -> int:
        """Number of indexed texts."""
        return int(self.sizes.shape[0])

    @classmethod
    def build(cls, texts: Sequence[str]) -> NgramIndex:
        """Index `texts` (already normalised with `normalize`); ids are positions in `texts`."""
        vocab: dict[str, int] = {}
        gram_ids: list[int] = []
        counts = np.zeros(len(texts), dtype=np.int64)
        for uid, text in enumerate(texts):
            ids = [vocab.setdefault(g, len(vocab)) for g in grams(text)]
            gram_ids.extend(ids)
            counts[uid] = len(ids)
        unit_ids = np.repeat(np.arange(len(texts), dtype=np.int64), counts)
        gid = np.asarray(gram_ids, dtype=np.int64)
        order = np.argsort(gid, kind="stable")
        postings = unit_ids[order]
        per_gram = np.bincount(gid, minlength=len(vocab)) if len(vocab) else np.zeros(0, np.int64)
        offsets = np.concatenate([np.zeros(1, np.int64), np.cumsum(per_gram, dtype=np.int64)])
        return cls(vocab=vocab, offsets=offsets, postings=postings, sizes=counts)

    def candidates(self, normalized_query: str, limit: int) -> list[int]:
        """Ids of up to `limit` texts sharing most bigrams with the query (Dice), best first."""
        q = grams(normalized_query)
        ids = [self.vocab[g] for g in q if g in self.vocab]
        if not ids or self.size == 0:
            return []
        hits = np.concatenate([self.postings[self.offsets[i] : self.offsets[i + 1]] for i in ids])
        shared = np.bincount(hits, minlength=self.size)
        dice = 2.0 * shared / (len(q) + self.sizes)
        nonzero = np.flatnonzero(shared)
        if nonzero.shape[0] > limit:
            part = np.argpartition(-dice[nonzero], limit - 1)[:limit]
            nonzero = nonzero[part]
        # best first; ties by id so results are deterministic
        order = np.lexsort((nonzero, -dice[nonzero]))
        return [int(i) for i in nonzero[order]]

    def save(self, path: Path, texts: Sequence[str], extra: Sequence[str], key: str) -> None:
        """Write the index, its texts and `extra` strings to `path` (.npz) under a cache `key`.

        Ids are stored as int32 (a TM of more than 2**31 units is far beyond the size limits).
        """
        from untm.fileio import atomic_open

        vocab_words = sorted(self.vocab, key=self.vocab.__getitem__)
        arrays = {
            "version": np.array([FORMAT_VERSION], dtype=np.int64),
            "key": _pack([key]),
            "vocab": _pack(vocab_words),
            "offsets": self.offsets,
            "postings": self.postings.astype(np.int32),
            "sizes": self.sizes.astype(np.int32),
            "texts": _pack(texts),
            "extra": _pack(extra),
        }
        with atomic_open(path, "wb") as fh:
            np.savez(fh, **arrays)  # type: ignore[arg-type]

    @classmethod
    def load(cls, path: Path, key: str) -> tuple[NgramIndex, list[str], list[str]] | None:
        """Load an index saved with `save`; None when the file is stale or unusable.

        A cache is only a speed-up, so a file of another `key`/version, an empty, truncated or
        foreign file, or arrays that do not fit together all give None: the caller rebuilds the
        index and overwrites the file.
        """
        try:
            with np.load(path, allow_pickle=False) as data:
                if int(data["version"][0]) != FORMAT_VERSION or _unpack(data["key"]) != [key]:
                    return None
                vocab_words = _unpack(data["vocab"])
                index = cls(
                    vocab={w: i for i, w in enumerate(vocab_words)},
                    offsets=data["offsets"].astype(np.int64),
                    postings=data["postings"].astype(np.int64),
                    sizes=data["sizes"].astype(np.int64),
                )
                texts, extra = _unpack(data["texts"]), _unpack(data["extra"])
        except (
            OSError,
            EOFError,
            ValueError,
            KeyError,
            IndexError,
            TypeError,
            AttributeError,
            zipfile.BadZipFile,
        ):
            return None
        return (index, texts, extra) if _consistent(index, len(vocab_words), texts) else None


def _consistent(index: NgramIndex, vocab_size: int, texts: Sequence[str]) -> bool:
    """Whether loaded arrays describe a well-formed index over `texts` (see `build`)."""
    offsets, postings, sizes = index.offsets, index.postings, index.sizes
    return bool(
        offsets.ndim == postings.ndim == sizes.ndim == 1
        and len(index.vocab) == vocab_size
        and offsets.shape[0] == vocab_size + 1
        and sizes.shape[0] == len(texts)
        and offsets[0] == 0
        and offsets[-1] == postings.shape[0]
        and np.all(np.diff(offsets) >= 0)
        and (postings.shape[0] == 0 or (postings.min() >= 0 and postings.max() < len(texts)))
        and np.all(sizes >= 0)
    )


def _pack(strings: Sequence[str]) -> npt.NDArray[np.uint8]:
    joined = SEP.join(strings) + (SEP if strings else "")
    return np.frombuffer(joined.encode("utf-8"), dtype=np.uint8)


def _unpack(array: npt.NDArray[np.uint8]) -> list[str]:
    text = array.tobytes().decode("utf-8")
    return text.split(SEP)[:-1] if text else []
