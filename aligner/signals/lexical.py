"""Lexical anchors: numbers and Latin-script tokens shared by a zh window and an en window.

Numbers are normalised (full-width digits, thousands separators); Latin tokens are the words of
ASCII letters that occur in the Chinese text (acronyms, names, symbols such as "A/RES/70/1").
On the English side only tokens that also occur somewhere in the Chinese document count, so
ordinary English words do not dilute the signal. UN glossary terms (signals.glossary) are
anchors too, and on request names transliterated in pinyin (陈清扬 / "Chen Qingyang",
signals.names; off by default).
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from untm.aligner.signals.bags import BagPair, BagSignal, BandedBag

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

DIM = 512
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9/.\-]*[A-Za-z0-9]|[A-Za-z]")


def _norm_number(token: str) -> str:
    token = token.replace(",", "")
    if "." in token:
        token = token.rstrip("0").rstrip(".") or "0"
    return "#" + token


def anchor_tokens(text: str) -> list[str]:
    """Numbers and Latin tokens of a text, normalised (lower-case Latin, plain digits)."""
    text = unicodedata.normalize("NFKC", text)
    numbers = [_norm_number(m) for m in _NUMBER.findall(text)]
    latin = [m.lower() for m in _LATIN.findall(text) if len(m) >= 2]
    return numbers + latin


def _bucket(token: str) -> int:
    return zlib.crc32(token.encode("utf-8")) % DIM


def anchor_vectors(
    src: Sequence[str], tgt: Sequence[str], *, glossary: bool = True, names: bool = False
) -> tuple[FloatArray, FloatArray]:
    """Hashed count vectors (one row per sentence) of the anchors of both sides.

    With `glossary`, UN glossary terms found on both sides are anchors too (signals.glossary);
    with `names`, pinyin names found on both sides (signals.names; off by default: on MAC-Dev
    they cost best mode 0.4 points of strict F1, see bench/experiments/results/names_dev.md).
    """
    src_tokens = [anchor_tokens(t) for t in src]
    allowed = {tok for toks in src_tokens for tok in toks}
    tgt_tokens = [[t for t in anchor_tokens(text) if t in allowed or t[0] == "#"] for text in tgt]
    if glossary:
        from untm.aligner.signals.glossary import glossary_tokens

        zh_terms, en_terms = glossary_tokens(src, tgt)
        src_tokens = [a + b for a, b in zip(src_tokens, zh_terms, strict=True)]
        tgt_tokens = [a + b for a, b in zip(tgt_tokens, en_terms, strict=True)]
    if names:
        from untm.aligner.signals.names import name_tokens

        zh_names, en_names = name_tokens(src, tgt)
        src_tokens = [a + b for a, b in zip(src_tokens, zh_names, strict=True)]
        tgt_tokens = [a + b for a, b in zip(tgt_tokens, en_names, strict=True)]
    return _vectors(src_tokens), _vectors(tgt_tokens)


def _vectors(token_lists: list[list[str]]) -> FloatArray:
    out = np.zeros((len(token_lists), DIM), dtype=np.float64)
    for row, tokens in enumerate(token_lists):
        for tok in tokens:
            out[row, _bucket(tok)] += 1.0
    return out


class LexicalSignal(BagSignal):
    """Shared anchors (`lexical`), and `lexical_miss`: one side has anchors, the other none."""

    def __init__(self) -> None:
        super().__init__(
            "lexical",
            lambda src, tgt, config: anchor_vectors(
                src, tgt, glossary=config.glossary, names=config.names
            ),
        )
        self.features = ("lexical", "lexical_miss")

    def sentence_features(self, state: BagPair, start: int, stop: int) -> dict[str, FloatArray]:
        has_src = state.src[start:stop].sum(axis=1) > 0
        has_tgt = state.tgt.sum(axis=1) > 0
        return {
            "lexical": state.sentence_cosines(start, stop),
            "lexical_miss": (has_src[:, None] != has_tgt[None, :]).astype(np.float64),
        }

    def window_features(
        self, banded: BandedBag, a: int, b: int, ends_i: IntArray, ends_j: IntArray
    ) -> dict[str, FloatArray]:
        has_z = banded.src_norms[a][ends_i - a] > 0
        has_e = banded.tgt_norms[b][ends_j - b] > 0
        return {
            "lexical": banded.window_cosines(a, b, ends_i, ends_j),
            "lexical_miss": (has_z != has_e).astype(np.float64),
        }


#: the lexical signal of the aligner's registry (signals/registry.py)
SIGNAL = LexicalSignal()
