"""Experiment: a link classifier with context features, trained on MAC-Dev, decoded by the DP.

Usage: python bench/experiments/classify_dev.py [--neg 1.0]
       (needs /tmp/untm_learn_spaces.pkl, from learn_dev.py)

Logistic regression (Newton, L2) over 59 features per candidate link: the signals, the change of
each signal when the link grows or shrinks by one sentence on either side, the neighbours' 1-1
cosines, link type. Measured 2026-11-24 (leave-one-chapter-out): as the DP's only score
(probability - theta) .75-.81; added to the tuned linear score (x 0.02 .. 0.2) .911 -> .882,
never above the linear score alone (.9125). Not kept.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.experiments.learn_dev import SIGNALS
from untm.aligner import dp
from untm.aligner.evaluate import score_pairs
from untm.aligner.model import Link
from untm.aligner.sentalign import AlignConfig, SearchSpace, combine

WEIGHTS = AlignConfig().resolved_weights()

CTX = ("embedding", "dictionary", "length")


class Table:
    """Values of every signal for links (type, end i, end j) in a prepared search space."""

    def __init__(self, space: SearchSpace) -> None:
        self.space = space
        band = space.band
        self.lo = np.asarray(band.lo)
        self.hi = np.asarray(band.hi)
        self.off = np.concatenate([[0], np.cumsum(self.hi - self.lo + 1)])
        self.rows: dict[tuple[int, int], np.ndarray] = {}
        for t, tf in space.features.items():
            idx = np.full(int(self.off[-1]), -1, dtype=np.int64)
            idx[tf.valid] = np.arange(int(tf.valid.sum()))
            self.rows[t] = idx
        self.cell_i, self.cell_j = band.coordinates()

    def lookup(self, t: tuple[int, int], i: np.ndarray, j: np.ndarray, name: str) -> np.ndarray:
        """Signal `name` of links of type t ending at (i, j); NaN where there is none."""
        out = np.full(i.shape, np.nan)
        if t not in self.rows:
            return out
        ok = (i >= 0) & (i <= self.space.n)
        ii = np.where(ok, i, 0)
        ok &= (j >= self.lo[ii]) & (j <= self.hi[ii])
        cell = self.off[ii] + np.clip(j - self.lo[ii], 0, None)
        cell = np.where(ok, cell, 0)
        row = np.where(ok, self.rows[t][cell], -1)
        good = row >= 0
        vals = self.space.features[t].values[name]
        out[good] = vals[row[good]]
        return out


def type_features(tab: Table, t: tuple[int, int]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Feature matrix for all valid links of type t; returns (cells, X, names)."""
    a, b = t
    tf = tab.space.features[t]
    cells = np.flatnonzero(tf.valid)
    i, j = tab.cell_i[cells], tab.cell_j[cells]
    cols: list[np.ndarray] = []
    names: list[str] = []
    for s in SIGNALS:
        cols.append(tf.values[s])
        names.append(s)
    emb = tf.values["embedding"]
    for s in CTX:
        v = tf.values[s]
        # extensions: one more en sentence after / before, one more zh after / before
        for label, (tt, ii, jj) in {
            "en+": ((a, b + 1), i, j + 1),
            "+en": ((a, b + 1), i, j),
            "zh+": ((a + 1, b), i + 1, j),
            "+zh": ((a + 1, b), i, j),
            "en-": ((a, b - 1), i, j - 1),
            "-en": ((a, b - 1), i, j),
            "zh-": ((a - 1, b), i - 1, j),
            "-zh": ((a - 1, b), i, j),
        }.items():
            other = tab.lookup(tt, ii, jj, s)
            has = ~np.isnan(other)
            cols.append(np.where(has, other - v, 0.0))
            names.append(f"{s}{label}")
            if s == "embedding":
                cols.append(has.astype(float))
                names.append(f"has{label}")
    # neighbours: the 1-1 cosine of the next zh sentence with the last en sentence of this link,
    # and of the last zh sentence with the next en sentence (content crossing the boundary)
    for label, (ii, jj) in {
        "nz": (i + 1, j),
        "ne": (i, j + 1),
        "pz": (i - a, j - b + 1),
        "pe": (i - a + 1, j - b),
    }.items():
        other = tab.lookup((1, 1), ii, jj, "embedding")
        cols.append(np.nan_to_num(other, nan=0.0))
        names.append(f"n11{label}")
    kinds = [(1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (2, 3), (3, 2)]
    for k in kinds:
        cols.append(np.full(len(cells), float(t == k)))
        names.append(f"type{k}")
    cols.append(np.full(len(cells), float(a + b)))
    names.append("size")
    merged = float(a + b > 2)
    for s in ("embedding", "dictionary", "length"):
        cols.append(tf.values[s] * merged)
        names.append(f"{s}*merged")
    cols.append(emb**2)
    names.append("emb^2")
    cols.append(np.ones(len(cells)))
    names.append("bias")
    return cells, np.column_stack(cols), names


def gold_set(gold: tuple[Link, ...]) -> set[tuple[int, int, int, int]]:
    out = set()
    i = j = 0
    for link in gold:
        a, b = len(link.src), len(link.tgt)
        out.add((a, b, i + a, j + b))
        i, j = i + a, j + b
    return out


def chapter_data(space: SearchSpace, gold: tuple[Link, ...]):
    tab = Table(space)
    gs = gold_set(gold)
    per_type = {}
    for t in space.features:
        cells, x, names = type_features(tab, t)
        i, j = tab.cell_i[cells], tab.cell_j[cells]
        y = np.array([(t[0], t[1], int(ii), int(jj)) in gs for ii, jj in zip(i, j, strict=False)])
        per_type[t] = (cells, x, y)
    return tab, per_type, names


def fit_logreg(
    x: np.ndarray, y: np.ndarray, l2: float = 1.0, iters: int = 12
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    mu = x.mean(axis=0)
    sd = x.std(axis=0)
    sd[sd < 1e-9] = 1.0
    mu[-1], sd[-1] = 0.0, 1.0
    z = (x - mu) / sd
    w = np.zeros(z.shape[1])
    for _ in range(iters):
        p = 1 / (1 + np.exp(-(z @ w)))
        g = z.T @ (p - y) + l2 * w
        h = (z * (p * (1 - p))[:, None]).T @ z + l2 * np.eye(len(w))
        w -= np.linalg.solve(h, g)
    return w, mu, sd


def decode(tab: Table, per_type, model, theta: float, mode: str, skip: float) -> list[Link]:
    w, mu, sd = model
    space = tab.space
    total = int(tab.off[-1])
    splits = tab.off[1:-1]
    scores: dp.TypeScores = {}
    for t, (cells, x, _y) in per_type.items():
        logit = ((x - mu) / sd) @ w
        if mode.startswith("hyb"):
            tf = space.features[t]
            base = combine(tf.values, WEIGHTS) * WEIGHTS.scale(*t) + WEIGHTS.bias(*t)
            extra = 1 / (1 + np.exp(-logit)) if mode == "hybp" else logit
            s = base + theta * extra
        elif mode == "prob":
            s = 1 / (1 + np.exp(-logit)) - theta
        else:
            s = logit - theta
        flat = np.full(total, dp.NEG)
        flat[cells] = s
        scores[t] = np.split(flat, splits)
    for kind in ((1, 0), (0, 1)):
        scores[kind] = np.split(np.full(total, skip), splits)
    found = dp.banded_search(space.n, space.m, space.band, scores)
    return [Link(tuple(range(i0, i1)), tuple(range(j0, j1))) for i0, i1, j0, j1, _ in found]


def stack(chapters, neg_keep: float, seed: int = 0):
    rng = np.random.default_rng(seed)
    xs, ys = [], []
    for _tab, per_type, _n in chapters:
        for _t, (_c, x, y) in per_type.items():
            keep = y | (rng.random(len(y)) < neg_keep)
            xs.append(x[keep])
            ys.append(y[keep])
    return np.concatenate(xs), np.concatenate(ys).astype(float)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--neg", type=float, default=0.2)
    ap.add_argument("--l2", type=float, default=1.0)
    args = ap.parse_args()
    spaces = pickle.loads(Path("/tmp/untm_learn_spaces.pkl").read_bytes())
    t0 = time.time()
    chapters = [chapter_data(s, g) for s, g in spaces]
    names = chapters[0][2]
    print(f"features {len(names)} built in {time.time() - t0:.1f}s", flush=True)
    golds = [g for _s, g in spaces]
    # LOO
    models = []
    for held in range(len(chapters)):
        x, y = stack([c for k, c in enumerate(chapters) if k != held], args.neg)
        models.append(fit_logreg(x, y, args.l2))
    x, y = stack(chapters, args.neg)
    full = fit_logreg(x, y, args.l2)
    print(f"trained in {time.time() - t0:.1f}s; rows {len(y)}, positives {int(y.sum())}")
    for mode, thetas in (
        ("hybp", (0.0, 0.02, 0.05, 0.1, 0.2)),
        ("hybl", (0.005, 0.01, 0.02, 0.04)),
        ("prob", (0.2, 0.3)),
    ):
        for theta in thetas:
            for skip in (-0.1,) if mode.startswith("hyb") else (-0.25, -0.5):
                sk = skip
                loo = score_pairs(
                    [
                        (
                            golds[k],
                            decode(chapters[k][0], chapters[k][1], models[k], theta, mode, sk),
                        )
                        for k in range(len(chapters))
                    ]
                )
                tr = score_pairs(
                    [
                        (golds[k], decode(chapters[k][0], chapters[k][1], full, theta, mode, sk))
                        for k in range(len(chapters))
                    ]
                )
                print(
                    f"{mode} theta={theta} skip={sk}: LOO F1 {loo.f1_strict:.4f} "
                    f"(P {loo.precision_strict:.3f} R {loo.recall_strict:.3f}); "
                    f"train {tr.f1_strict:.4f}",
                    flush=True,
                )
    w, _mu, _sd = full
    for n, v in sorted(zip(names, w, strict=False), key=lambda p: -abs(p[1]))[:25]:
        print(f"  {n:22s} {v:+.3f}")


if __name__ == "__main__":
    main()
