"""Scoring units against gold: exact-match precision/recall of (zh, en) pairs.

`gold_units(zh, en, align)` reads one-segment-per-line files and a gold `.align` file into
(zh, en) pairs (checked reads: a missing file or a link outside the files is a typed error);
`score_units(units, gold)` compares pairs with all white space removed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from untm.errors import FormatError, InputError
from untm.fileio import read_bytes_checked


@dataclass(frozen=True)
class UnitScore:
    """Units compared with gold units, each side with all white space removed."""

    matched: int
    produced: int
    gold: int

    @property
    def precision(self) -> float:
        return self.matched / self.produced if self.produced else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _squash(text: str) -> str:
    return "".join(text.split())


def score_units(units: Sequence[tuple[str, str]], gold: Sequence[tuple[str, str]]) -> UnitScore:
    """Exact-match precision/recall of (source, target) pairs, ignoring all white space."""
    want = Counter((_squash(s), _squash(t)) for s, t in gold)
    have = Counter((_squash(s), _squash(t)) for s, t in units)
    matched = sum((want & have).values())
    return UnitScore(matched=matched, produced=sum(have.values()), gold=sum(want.values()))


def _lines(path: str | Path) -> list[str]:
    data = read_bytes_checked(path)
    try:
        return data.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text: {exc.reason}", path=path) from None


def gold_units(
    zh_path: str | Path,
    en_path: str | Path,
    align_path: str | Path,
) -> list[tuple[str, str]]:
    """Gold (zh, en) pairs from one-segment-per-line files and a gold `.align` file."""
    from untm.aligner.alignfile import read_align

    zh, en = _lines(zh_path), _lines(en_path)
    pairs: list[tuple[str, str]] = []
    for number, link in enumerate(read_align(align_path), 1):
        outside = [i for i in link.src if not 0 <= i < len(zh)]
        outside += [j for j in link.tgt if not 0 <= j < len(en)]
        if outside:
            raise FormatError(
                f"gold link {number} {list(link.src)}:{list(link.tgt)} points outside the "
                f"files ({len(zh)} Chinese, {len(en)} English lines)",
                path=align_path,
            )
        if link.src and link.tgt:
            pairs.append(("".join(zh[i] for i in link.src), " ".join(en[j] for j in link.tgt)))
    return pairs
