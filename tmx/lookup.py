"""Fuzzy TM lookup: the closest units to a text, with a match percentage as CAT tools show it.

Score: chrF (sacrebleu, character n-grams up to 6, whitespace ignored) between the query and a
unit's source — source against source, so Chinese is compared by characters and needs no word
segmentation. We use beta=1, which makes the score symmetric (query vs unit or unit vs query give
the same number), as a CAT match percentage should be. Both sides are normalised first
(`ngram_index.normalize`: NFKC, case-folded, whitespace collapsed). 100 means the texts are
identical (after normalisation); any other pair scores at most 99.

Speed: `tmx.ngram_index` shortlists `shortlist` candidates per query by shared character
bigrams; only those are rescored with chrF. `TmIndex.from_tmx(path, cache=True)` keeps the index
of a large TM (at least `MIN_CACHE_UNITS` units; smaller ones index in well under a second) in a
hidden file `.<name>.untm-index.npz` beside the TMX — CAT tools ignore it — rebuilt when the
TMX's size or mtime changes; a cache that cannot be written (read-only folder) is skipped.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sacrebleu.metrics.chrf import CHRF

from untm.errors import OutputError
from untm.tmx.ngram_index import NgramIndex, normalize
from untm.tmx.tmx14 import iter_tmx
from untm.tmx.unit import TranslationUnit

CACHE_SUFFIX = ".untm-index.npz"
MIN_CACHE_UNITS = 5000
NON_EXACT_MAX = 99.0
_CHRF = CHRF(beta=1)


@dataclass(frozen=True)
class Match:
    """One lookup result: a unit's source and target and its match percentage (0–100)."""

    source: str
    target: str
    score: float
    index: int

    def to_dict(self) -> dict[str, str | float]:
        return {"source": self.source, "target": self.target, "score": self.score}


def match_score(query: str, candidate: str) -> float:
    """Fuzzy-match percentage of two texts (see module docstring), rounded to 0.01."""
    a, b = normalize(query), normalize(candidate)
    if a == b:
        return 100.0
    if not a or not b:
        return 0.0
    score = float(_CHRF.sentence_score(a, [b]).score)
    return round(min(score, NON_EXACT_MAX), 2)


def cache_file(tmx: Path) -> Path:
    """Where the index cache of `tmx` lives (a hidden file beside it)."""
    return tmx.with_name(f".{tmx.name}{CACHE_SUFFIX}")


@dataclass(frozen=True)
class TmIndex:
    """Sources and targets of a TM plus the bigram index over the sources."""

    sources: tuple[str, ...]
    targets: tuple[str, ...]
    index: NgramIndex
    skipped: int = 0

    def __len__(self) -> int:
        return len(self.sources)

    @classmethod
    def build(cls, units: Sequence[TranslationUnit]) -> TmIndex:
        """Index the units with a non-blank source and target; count the others as skipped."""
        kept = [u for u in units if u.source.strip() and u.target.strip()]
        sources = tuple(u.source for u in kept)
        index = NgramIndex.build([normalize(s) for s in sources])
        return cls(sources, tuple(u.target for u in kept), index, len(units) - len(kept))

    @classmethod
    def from_tmx(
        cls,
        path: str | Path,
        *,
        cache: bool = True,
        min_cache_units: int = MIN_CACHE_UNITS,
        src_lang: str | None = None,
        tgt_lang: str | None = None,
    ) -> TmIndex:
        """Index a TMX file, reusing or writing the cache beside it when `cache`.

        `src_lang`/`tgt_lang` pick the sides of a multilingual TMX (see `tmx14.read_tmx`).
        """
        tmx = Path(path)
        cache_path = cache_file(tmx)
        key = ""
        if cache and tmx.is_file():
            stat = tmx.stat()
            key = f"{stat.st_size}:{stat.st_mtime_ns}:{src_lang or ''}:{tgt_lang or ''}"
            if cache_path.is_file():
                loaded = NgramIndex.load(cache_path, key)
                if loaded is not None:
                    index, sources, extra = loaded
                    # extra = the targets, then the skipped count; anything else is a bad cache
                    if len(extra) == len(sources) + 1 and extra[-1].isdecimal():
                        return cls(tuple(sources), tuple(extra[:-1]), index, int(extra[-1]))
        units = list(iter_tmx(tmx, src_lang=src_lang, tgt_lang=tgt_lang))
        built = cls.build(units)
        if cache and len(built) >= min_cache_units:
            # a cache we cannot write is not an error: lookups still work without it
            with contextlib.suppress(OutputError, OSError):
                built.index.save(
                    cache_path, list(built.sources), [*built.targets, str(built.skipped)], key
                )
        return built

    def lookup(self, text: str, *, top: int = 5, shortlist: int = 50) -> list[Match]:
        """The `top` best matches for `text`, best first (ties: TM order); 0-score ones left out."""
        query = normalize(text)
        if not query or top <= 0:
            return []
        matches = []
        for i in self.index.candidates(query, max(shortlist, top)):
            score = match_score(text, self.sources[i])
            if score > 0:
                matches.append(Match(self.sources[i], self.targets[i], score, i))
        matches.sort(key=lambda m: (-m.score, m.index))
        return matches[:top]
