"""Score a test alignment against a gold one: strict and lax precision, recall and F1.

Follows Vecalign's scorer (also used by Bertalign), so the peer table of MAC reproduces:

- strict: a link is correct when the other alignment has the identical link;
- lax: a link is correct when some link of the other alignment overlaps it on both sides;
- null links: recall ignores the gold's null links; precision keeps the test's null links, each
  an error unless the gold has the identical null link.

Counts are summed over files before dividing (micro-average).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from untm.aligner.alignfile import read_align
from untm.aligner.model import Link
from untm.errors import InputError

_Key = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class Counts:
    """True/false positive counts for strict and lax matching."""

    tp_strict: int = 0
    fp_strict: int = 0
    tp_lax: int = 0
    fp_lax: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.tp_strict + other.tp_strict,
            self.fp_strict + other.fp_strict,
            self.tp_lax + other.tp_lax,
            self.fp_lax + other.fp_lax,
        )


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1, strict and lax, with the counts behind them."""

    precision_strict: float
    recall_strict: float
    f1_strict: float
    precision_lax: float
    recall_lax: float
    f1_lax: float
    files: int
    gold_links: int
    test_links: int

    def to_dict(self) -> dict[str, float | int]:
        return {
            "precision_strict": round(self.precision_strict, 6),
            "recall_strict": round(self.recall_strict, 6),
            "f1_strict": round(self.f1_strict, 6),
            "precision_lax": round(self.precision_lax, 6),
            "recall_lax": round(self.recall_lax, 6),
            "f1_lax": round(self.f1_lax, 6),
            "files": self.files,
            "gold_links": self.gold_links,
            "test_links": self.test_links,
        }


def _key(link: Link) -> _Key:
    return (tuple(link.src), tuple(link.tgt))


def _match_counts(reference: Sequence[Link], candidates: Sequence[Link]) -> Counts:
    """How many `candidates` are found in `reference`, strictly and laxly."""
    ref_keys = {_key(link) for link in reference}
    src_owner: dict[int, set[int]] = {}
    tgt_owner: dict[int, set[int]] = {}
    for number, link in enumerate(reference):
        for i in link.src:
            src_owner.setdefault(i, set()).add(number)
        for j in link.tgt:
            tgt_owner.setdefault(j, set()).add(number)
    tp_s = fp_s = tp_l = fp_l = 0
    for link in candidates:
        if not link.src and not link.tgt:
            continue
        if _key(link) in ref_keys:
            tp_s += 1
            tp_l += 1
            continue
        fp_s += 1
        by_src: set[int] = set()
        for i in link.src:
            by_src |= src_owner.get(i, set())
        overlap = any(number in by_src for j in link.tgt for number in tgt_owner.get(j, set()))
        if overlap:
            tp_l += 1
        else:
            fp_l += 1
    return Counts(tp_s, fp_s, tp_l, fp_l)


def precision_counts(gold: Sequence[Link], test: Sequence[Link]) -> Counts:
    """Counts for precision: every test link (null links included) against the gold."""
    return _match_counts(gold, test)


def recall_counts(gold: Sequence[Link], test: Sequence[Link]) -> Counts:
    """Counts for recall: the gold's non-null links against the test."""
    return _match_counts(test, [link for link in gold if link.src and link.tgt])


def _ratio(tp: int, fp: int) -> float:
    return tp / (tp + fp) if tp + fp else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_pairs(pairs: Sequence[tuple[Sequence[Link], Sequence[Link]]]) -> Score:
    """Micro-averaged score over (gold, test) link lists."""
    pc = Counts()
    rc = Counts()
    gold_links = test_links = 0
    for gold, test in pairs:
        pc = pc + precision_counts(gold, test)
        rc = rc + recall_counts(gold, test)
        gold_links += len(gold)
        test_links += len(test)
    p_s = _ratio(pc.tp_strict, pc.fp_strict)
    r_s = _ratio(rc.tp_strict, rc.fp_strict)
    p_l = _ratio(pc.tp_lax, pc.fp_lax)
    r_l = _ratio(rc.tp_lax, rc.fp_lax)
    return Score(
        p_s, r_s, _f1(p_s, r_s), p_l, r_l, _f1(p_l, r_l), len(pairs), gold_links, test_links
    )


def score_links(gold: Sequence[Link], test: Sequence[Link]) -> Score:
    """Score one test alignment against one gold alignment."""
    return score_pairs([(gold, test)])


def pair_align_files(gold: str | Path, test: str | Path) -> list[tuple[Path, Path]]:
    """Match gold and test `.align` files: two files, or two folders matched by file name.

    Every gold file of a folder must have a test file of the same name (InputError otherwise);
    test files without a gold file are ignored.
    """
    gold_path, test_path = Path(gold), Path(test)
    for path in (gold_path, test_path):
        if not path.exists():
            raise InputError("no such file or folder", path=path)
    if gold_path.is_dir() != test_path.is_dir():
        raise InputError("GOLD and TEST must both be files or both be folders", path=test_path)
    if not gold_path.is_dir():
        return [(gold_path, test_path)]
    gold_files = sorted(gold_path.glob("*.align"))
    if not gold_files:
        raise InputError("no .align files in the gold folder", path=gold_path)
    pairs: list[tuple[Path, Path]] = []
    missing = [g.name for g in gold_files if not (test_path / g.name).is_file()]
    if missing:
        shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
        raise InputError(f"{len(missing)} gold file(s) have no test file: {shown}", path=test_path)
    for g in gold_files:
        pairs.append((g, test_path / g.name))
    return pairs


def evaluate_paths(gold: str | Path, test: str | Path) -> Score:
    """Score `.align` file(s) or folder(s) of them (micro-averaged over files)."""
    loaded = []
    for g, t in pair_align_files(gold, test):
        gold_links = read_align(g)
        if not gold_links:
            raise InputError("gold .align file is empty (no links to score against)", path=g)
        loaded.append((gold_links, read_align(t)))
    return score_pairs(loaded)
