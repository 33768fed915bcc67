"""Sentence alignment around fixed links (anchors): `align_sentences(src, tgt, fixed=...)`.

A fixed link is kept exactly as given and the aligner fills in everything else, so a person's
confirmed links survive a re-alignment of the rest. Rules for `fixed`:

- each side of each link is a run of consecutive indices, ascending, inside the documents;
- no sentence is in two fixed links;
- the fixed links with both sides are monotone (in order on both sides; they may come in any
  order in `fixed`);
- a fixed null link (one side empty) only holds its sentences out of every other link: where it
  stands on its empty side is for the aligner to choose, like any null link.

How: the fixed links with both sides cut the documents into gaps (the stretches between them).
The signals are computed once over the documents, so document-level statistics (the
dictionary's IDF, the length ratio, the embedding centring) are those of the documents (of a
long document: from `CONTEXT` sentences before the first gap to as many after the last); each
gap is then searched on its own with them: anchor pass, band and banded search, exactly as for a
whole document pair. (Computing each gap's signals from the gap alone was measured worse on
MAC-Dev: bench/results/realign_dev.md.) In a gap that holds sentences of fixed null links,
every link type that would pair a held sentence is ruled out, so the search leaves it alone
(then the held sentences are given back as their fixed link). The result is a monotone
partition of both sides in document order, the fixed links included
(with the scores they were given).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from untm.aligner import dp
from untm.aligner import sentalign as _sentalign
from untm.aligner.model import Link
from untm.errors import AlignmentError


def _run(indices: tuple[int, ...], count: int, what: str) -> None:
    if not indices:
        return
    if list(indices) != list(range(indices[0], indices[0] + len(indices))):
        raise AlignmentError(f"fixed link {what}: indices must be consecutive and ascending")
    if indices[0] < 0 or indices[-1] >= count:
        raise AlignmentError(f"fixed link {what}: index outside the document (0..{count - 1})")


def check_fixed(fixed: Sequence[Link], n: int, m: int) -> list[Link]:
    """Validate fixed links (see the module docstring); return those with both sides, in order."""
    seen_src: set[int] = set()
    seen_tgt: set[int] = set()
    for link in fixed:
        what = f"{list(link.src)}:{list(link.tgt)}"
        if not link.src and not link.tgt:
            raise AlignmentError("fixed link []:[] is empty")
        _run(link.src, n, what)
        _run(link.tgt, m, what)
        if seen_src.intersection(link.src) or seen_tgt.intersection(link.tgt):
            raise AlignmentError(f"fixed link {what} shares a sentence with another fixed link")
        seen_src.update(link.src)
        seen_tgt.update(link.tgt)
    full = sorted((link for link in fixed if link.src and link.tgt), key=lambda x: x.src[0])
    for before, after in itertools.pairwise(full):
        if after.tgt[0] < before.tgt[-1]:
            raise AlignmentError(
                f"fixed links {list(before.src)}:{list(before.tgt)} and "
                f"{list(after.src)}:{list(after.tgt)} cross"
            )
    return full


def _mask_held(
    scores: dp.TypeScores, band: dp.Band, held_src: set[int], held_tgt: set[int]
) -> None:
    """Rule out (in place) every link with both sides that covers a held sentence."""
    n, m = len(band.lo) - 1, band.hi[-1]
    src_held = np.zeros(n + 1, dtype=np.int64)
    tgt_held = np.zeros(m + 1, dtype=np.int64)
    for i in held_src:
        src_held[i + 1] = 1
    for j in held_tgt:
        tgt_held[j + 1] = 1
    src_prefix, tgt_prefix = np.cumsum(src_held), np.cumsum(tgt_held)
    for (a, b), rows in scores.items():
        if a == 0 or b == 0:
            continue
        tgt_hit = np.zeros(m + 1, dtype=bool)  # a link ending at column j covers a held en
        tgt_hit[b:] = tgt_prefix[b:] - tgt_prefix[: m + 1 - b] > 0
        for i in range(a, n + 1):
            row = rows[i]
            if src_prefix[i] - src_prefix[i - a] > 0:  # it covers a held zh sentence
                row[:] = dp.NEG
            else:
                row[tgt_hit[band.lo[i] : band.hi[i] + 1]] = dp.NEG


def _search(
    space: _sentalign.SearchSpace,
    weights: _sentalign.Weights,
    held_src: set[int],
    held_tgt: set[int],
) -> list[Link]:
    scores = _sentalign.type_scores(space, weights)
    if held_src or held_tgt:
        _mask_held(scores, space.band, held_src, held_tgt)
    return _sentalign.search_links(space, scores)


#: sentences of context on each side of the stretches to realign whose signals are computed
#: too (document-level statistics from at least this much text; the rest of a long document
#: is not read, so realigning one stretch of it is quick)
CONTEXT = 250

Gap = tuple[int, int, int, int]  # zh [i0, i1), en [j0, j1)


class _Gaps:
    """Aligns the gaps of one document pair: with the signals of the documents (around the
    gaps: `CONTEXT`) sliced to each gap (default), or with each gap's own signals (`per_gap`,
    as if it were a document pair of its own)."""

    def __init__(
        self,
        src: Sequence[str],
        tgt: Sequence[str],
        config: _sentalign.AlignConfig,
        gaps: Sequence[Gap],
        per_gap: bool,
    ) -> None:
        self.src, self.tgt, self.config, self.per_gap = src, tgt, config, per_gap
        self.weights = config.resolved_weights()
        self._signals: _sentalign._Signals | None = None
        both = [g for g in gaps if g[0] < g[1] and g[2] < g[3]]
        self.i_base = max(0, min((g[0] for g in both), default=0) - CONTEXT)
        self.i_stop = min(len(src), max((g[1] for g in both), default=0) + CONTEXT)
        self.j_base = max(0, min((g[2] for g in both), default=0) - CONTEXT)
        self.j_stop = min(len(tgt), max((g[3] for g in both), default=0) + CONTEXT)

    def align(self, gap: Gap, held_src: set[int], held_tgt: set[int]) -> list[Link]:
        """Links of zh [i0, i1) with en [j0, j1), local indices; held sentences as 1-0 / 0-1."""
        i0, i1, j0, j1 = gap
        if i0 == i1 or j0 == j1:
            return _sentalign._null_links(i1 - i0, j1 - j0)
        if self.per_gap:
            space = _sentalign.prepare(self.src[i0:i1], self.tgt[j0:j1], self.config)
        else:
            if self._signals is None:
                self._signals = _sentalign._signals(
                    self.src[self.i_base : self.i_stop],
                    self.tgt[self.j_base : self.j_stop],
                    self.config,
                )
            bi, bj = self.i_base, self.j_base
            sig = _sentalign.slice_signals(self._signals, i0 - bi, i1 - bi, j0 - bj, j1 - bj)
            space = _sentalign.search_space(sig, i1 - i0, j1 - j0, self.config, self.weights)
        return _search(space, self.weights, held_src, held_tgt)


def _regroup(
    links: list[Link], owner_src: dict[int, Link], owner_tgt: dict[int, Link]
) -> list[Link]:
    """Give held sentences back as their fixed null links (each where its first sentence was;
    null links met in between follow it)."""
    out: list[Link] = []
    placed: set[int] = set()
    for link in links:
        held = None
        if link.src and not link.tgt and link.src[0] in owner_src:
            held = owner_src[link.src[0]]
        elif link.tgt and not link.src and link.tgt[0] in owner_tgt:
            held = owner_tgt[link.tgt[0]]
        if held is None:
            out.append(link)
        elif id(held) not in placed:
            placed.add(id(held))
            out.append(held)
    return out


def align_with_fixed(
    src: Sequence[str],
    tgt: Sequence[str],
    fixed: Sequence[Link],
    config: _sentalign.AlignConfig,
    *,
    per_gap_signals: bool = False,
) -> list[Link]:
    """Align `src` with `tgt` keeping the `fixed` links (see the module docstring).

    `per_gap_signals`: compute the signals of each gap on its own instead of over the whole
    documents (measured worse on MAC-Dev: bench/results/realign_dev.md).
    """
    n, m = len(src), len(tgt)
    full = check_fixed(fixed, n, m)
    gaps: list[Gap] = []
    i0 = j0 = 0
    for anchor in full:
        gaps.append((i0, anchor.src[0], j0, anchor.tgt[0]))
        i0, j0 = anchor.src[-1] + 1, anchor.tgt[-1] + 1
    gaps.append((i0, n, j0, m))
    owner_src = {i: link for link in fixed if not link.tgt for i in link.src}
    owner_tgt = {j: link for link in fixed if not link.src for j in link.tgt}
    aligner = _Gaps(src, tgt, config, gaps, per_gap_signals)
    out: list[Link] = []
    for number, (i0, i1, j0, j1) in enumerate(gaps):
        held_src = {i - i0 for i in range(i0, i1) if i in owner_src}
        held_tgt = {j - j0 for j in range(j0, j1) if j in owner_tgt}
        local = aligner.align((i0, i1, j0, j1), held_src, held_tgt)
        shifted = [
            Link(tuple(i + i0 for i in x.src), tuple(j + j0 for j in x.tgt), x.score) for x in local
        ]
        out.extend(_regroup(shifted, owner_src, owner_tgt))
        if number < len(full):
            out.append(full[number])
    return out
