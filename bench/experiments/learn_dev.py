"""Experiment: learn the link-scoring weights on MAC-Dev by a structured perceptron / SSVM.

Usage: python bench/experiments/learn_dev.py [--reuse] [--epochs N] [--lr R] [--cost C]
                                            [--feats base|inter]
Reports the dev strict F1 of the learned weights (trained on all of dev) and leave-one-chapter-out.
Never run on test splits. Writes /tmp/untm_learn_spaces.pkl (used by classify_dev, mbr_dev).

Measured 2026-11-24 with the weights of commit 703ca9a (dev F1 .9125 in-sample): averaged
perceptron, 10 epochs, lr 0.001: all-dev .904, leave-one-chapter-out .897; with loss-augmented
decoding (cost 0.05 / 0.15) LOO .893 / .881; with signal x merged-link interactions the same.
Not kept: coordinate ascent on F1 (bench/experiments/tune_dev.py) does better.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.macdata import load_split
from untm.aligner import dp
from untm.aligner.evaluate import score_pairs
from untm.aligner.model import Link
from untm.aligner.sentalign import AlignConfig, SearchSpace, Weights, decode, prepare

SIGNALS = (
    "embedding",
    "dictionary",
    "lexical",
    "lexical_miss",
    "length",
    "punct_question",
    "punct_ellipsis",
    "punct_quote",
    "punct_exclamation_miss",
)


@dataclass
class Prepared:
    space: SearchSpace
    gold: tuple[Link, ...]
    types: list[tuple[int, int]]
    mats: dict[tuple[int, int], np.ndarray]  # type -> (valid cells, dim) feature matrix
    flat_index: dict[tuple[int, int], np.ndarray]  # type -> band cell -> row in mats (or -1)
    gold_cells: dict[tuple[int, int], np.ndarray]  # type -> bool over valid cells
    gold_phi: np.ndarray
    offsets: list[int]


def feature_layout(types: list[tuple[int, int]], kind: str) -> dict[str, int]:
    names: list[str] = []
    names += [f"s:{s}" for s in SIGNALS]
    if kind in ("inter", "inter2"):
        names += [f"m:{s}" for s in SIGNALS[:5]]  # signal x (link has a merged side)
    if kind == "inter2":
        names += [f"n:{s}" for s in SIGNALS[:5]]  # signal x (sentences - 2)
    names += [f"t:{a}-{b}" for a, b in types]
    return {n: k for k, n in enumerate(names)}


def type_matrix(
    values: dict[str, np.ndarray], a: int, b: int, layout: dict[str, int], rows: int
) -> np.ndarray:
    x = np.zeros((rows, len(layout)))
    merged = float(a > 1 or b > 1)
    for s in SIGNALS:
        v = values.get(s)
        if v is None:
            continue
        x[:, layout[f"s:{s}"]] = v
        if f"m:{s}" in layout:
            x[:, layout[f"m:{s}"]] = v * merged
        if f"n:{s}" in layout:
            x[:, layout[f"n:{s}"]] = v * (a + b - 2)
    x[:, layout[f"t:{a}-{b}"]] = 1.0
    return x


def build(
    space: SearchSpace, gold: tuple[Link, ...], layout: dict[str, int], types: list[tuple[int, int]]
) -> Prepared:
    band = space.band
    offsets = [0]
    for lo, h in zip(band.lo, band.hi, strict=True):
        offsets.append(offsets[-1] + h - lo + 1)
    total = offsets[-1]
    mats: dict[tuple[int, int], np.ndarray] = {}
    flat_index: dict[tuple[int, int], np.ndarray] = {}
    for t in types:
        a, b = t
        if t in space.features:
            tf = space.features[t]
            rows = int(tf.valid.sum())
            mats[t] = type_matrix(tf.values, a, b, layout, rows)
            idx = np.full(total, -1, dtype=np.int64)
            idx[tf.valid] = np.arange(rows)
            flat_index[t] = idx
        elif a == 0 or b == 0:
            x = np.zeros((total, len(layout)))
            x[:, layout[f"t:{a}-{b}"]] = 1.0
            mats[t] = x
            flat_index[t] = np.arange(total)
    gold_cells = {t: np.zeros(mats[t].shape[0], dtype=bool) for t in mats}
    phi = np.zeros(len(layout))
    i1 = j1 = 0
    for link in gold:
        a, b = len(link.src), len(link.tgt)
        i1, j1 = i1 + a, j1 + b
        t = (a, b)
        if t not in mats:
            continue
        if not band.lo[i1] <= j1 <= band.hi[i1]:
            continue
        row = flat_index[t][offsets[i1] + j1 - band.lo[i1]]
        if row < 0:
            continue
        gold_cells[t][row] = True
        phi += mats[t][row]
    return Prepared(space, gold, types, mats, flat_index, gold_cells, phi, offsets)


def run_decode(p: Prepared, w: np.ndarray, cost: float) -> tuple[list[Link], np.ndarray]:
    space = p.space
    total = p.offsets[-1]
    splits = p.offsets[1:-1]
    scores: dp.TypeScores = {}
    for t, x in p.mats.items():
        s = x @ w
        if cost:
            s = s + cost * (~p.gold_cells[t])
        flat = np.full(total, dp.NEG)
        idx = p.flat_index[t]
        ok = idx >= 0
        flat[ok] = s[idx[ok]]
        scores[t] = np.split(flat, splits)
    found = dp.banded_search(space.n, space.m, space.band, scores)
    phi = np.zeros_like(w)
    links = []
    for i0, i1, j0, j1, _v in found:
        t = (i1 - i0, j1 - j0)
        row = p.flat_index[t][p.offsets[i1] + j1 - space.band.lo[i1]]
        phi += p.mats[t][row]
        links.append(Link(tuple(range(i0, i1)), tuple(range(j0, j1))))
    return links, phi


def initial_weights(layout: dict[str, int], base: Weights) -> np.ndarray:
    w = np.zeros(len(layout))
    for s in SIGNALS:
        w[layout[f"s:{s}"]] = getattr(base, s)
    for name, k in layout.items():
        if name.startswith("t:"):
            a, b = (int(v) for v in name[2:].split("-"))
            w[k] = base.skip if a == 0 or b == 0 else base.bias(a, b)
    return w


def train(
    data: list[Prepared], w0: np.ndarray, epochs: int, cost: float, lr: float, seed: int = 0
) -> np.ndarray:
    w = w0.copy()
    avg = np.zeros_like(w)
    count = 0
    rng = np.random.default_rng(seed)
    for _epoch in range(epochs):
        for k in rng.permutation(len(data)):
            p = data[k]
            _links, phi = run_decode(p, w, cost)
            w = w + lr * (p.gold_phi - phi)
            avg += w
            count += 1
    return avg / count


def f1(data: list[Prepared], w: np.ndarray) -> float:
    pairs = [(p.gold, run_decode(p, w, 0.0)[0]) for p in data]
    return score_pairs(pairs).f1_strict


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reuse", action="store_true")
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--cost", type=float, default=0.0)
    ap.add_argument("--lr", type=float, default=0.01)
    ap.add_argument("--feats", default="base")
    ap.add_argument("--no-loo", action="store_true")
    args = ap.parse_args()
    config = AlignConfig()
    cache = Path("/tmp/untm_learn_spaces.pkl")
    t0 = time.time()
    if args.reuse and cache.exists():
        spaces = pickle.loads(cache.read_bytes())
    else:
        spaces = [(prepare(c.zh, c.en, config), c.gold) for c in load_split("dev")]
        cache.write_bytes(pickle.dumps(spaces))
    print(f"prepared {time.time() - t0:.1f}s", flush=True)
    types = sorted(set(config.link_types()))
    layout = feature_layout(types, args.feats)
    data = [build(s, g, layout, types) for s, g in spaces]
    covered = sum(int(sum(c.sum() for c in p.gold_cells.values())) for p in data)
    print("gold links reachable", covered, "of", sum(len(p.gold) for p in data))
    base = config.resolved_weights()
    w0 = initial_weights(layout, base)
    print("baseline (vector) dev F1", round(f1(data, w0), 4))
    print(
        "baseline decode dev F1",
        round(score_pairs([(g, decode(s, base)) for s, g in spaces]).f1_strict, 4),
    )
    t1 = time.time()
    w = train(data, w0, args.epochs, args.cost, args.lr)
    print(f"trained all-dev F1 {f1(data, w):.4f} ({time.time() - t1:.1f}s)", flush=True)
    for name, k in layout.items():
        print(f"  {name:28s} {w0[k]:+.3f} -> {w[k]:+.3f}")
    if args.no_loo:
        return
    pairs = []
    base_pairs = []
    for held in range(len(data)):
        rest = [p for k, p in enumerate(data) if k != held]
        wk = train(rest, w0, args.epochs, args.cost, args.lr)
        pairs.append((data[held].gold, run_decode(data[held], wk, 0.0)[0]))
        base_pairs.append((data[held].gold, run_decode(data[held], w0, 0.0)[0]))
    print(
        f"LOO F1 {score_pairs(pairs).f1_strict:.4f} "
        f"(defaults on same: {score_pairs(base_pairs).f1_strict:.4f})"
    )


if __name__ == "__main__":
    main()
