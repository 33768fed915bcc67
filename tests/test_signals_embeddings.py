"""Tests of the embedding signal: the bundled USE, pooled merged-window embeddings, LaBSE."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.conftest import MAC, needs_shared
from untm.aligner.signals.embeddings import Encoder, get_encoder, window_embeddings
from untm.errors import ModelUnavailableError


@pytest.fixture(scope="session")
def use() -> Encoder:
    return get_encoder("use", 1)


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


@needs_shared(MAC)
@pytest.mark.parametrize(("lang", "joiner"), [("zh", ""), ("en", " ")])
def test_pooled_windows_close_to_embedding_the_merged_text(
    use: Encoder, lang: str, joiner: str
) -> None:
    texts = _lines(MAC / "dev" / f"005.{lang}")[:40]
    pooled = window_embeddings(use, texts, 4, joiner, exact_upto=1)
    exact = window_embeddings(use, texts, 4, joiner, exact=True)
    for size in (2, 3, 4):
        cos = np.einsum("ij,ij->i", pooled[size], exact[size])
        assert cos.mean() >= 0.95, (size, cos.mean())
        # and closer than averaging sentence vectors
        avg = np.stack([exact[1][s : s + size].sum(0) for s in range(len(texts) - size + 1)])
        avg /= np.linalg.norm(avg, axis=1, keepdims=True)
        assert cos.mean() > np.einsum("ij,ij->i", avg, exact[size]).mean()


@needs_shared(MAC)
def test_use_retrieves_translations(use: Encoder) -> None:
    zh = _lines(MAC / "dev" / "006.zh")[:60]
    en = _lines(MAC / "dev" / "006.en")[:90]
    pairs = []
    for line in _lines(MAC / "dev" / "006.align")[:50]:
        left, right = line.split(":")
        if "," not in left + right and "[]" not in (left, right):
            pairs.append((int(left[1:-1]), int(right[1:-1])))
    sims = use.encode(zh) @ use.encode(en).T
    top1 = sum(int(np.argmax(sims[i]) == j) for i, j in pairs)
    assert top1 / len(pairs) >= 0.7


def test_unknown_encoder() -> None:
    with pytest.raises(ModelUnavailableError):
        get_encoder("nonsense")


def test_labse_missing_is_typed_error() -> None:
    try:
        import sentence_transformers  # noqa: F401
    except ImportError:
        with pytest.raises(ModelUnavailableError, match="sentence-transformers"):
            get_encoder("labse")
    else:  # pragma: no cover - only when installed
        pytest.skip("sentence-transformers installed")


_EMBED_SEED = """
import hashlib, sys
from untm.aligner.signals.embeddings import get_encoder
texts = [l.strip() for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
texts += [a + " " + b for a, b in zip(texts, texts[1:])]
print(hashlib.sha256(get_encoder("use", 1).encode(texts).tobytes()).hexdigest())
"""


def test_embeddings_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """The texts to embed are a set; batched in hash order, rows differed in their last bits from
    one process to the next (PYTHONHASHSEED 1 and 2 gave different bytes before the batches were
    ordered by length and text)."""
    import os
    import subprocess
    import sys

    from tests.conftest import REPO

    seed_en = REPO / "seeds" / "000_a932ec9d51e334cb.en.txt"
    digests = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run(
            [sys.executable, "-c", _EMBED_SEED, str(seed_en)],
            env=env, capture_output=True, text=True, check=True, cwd=tmp_path,
        )
        digests.add(done.stdout.strip())
    assert len(digests) == 1, digests
