"""Experiment: minimum-Bayes-risk decoding (link posteriors by forward-backward) on MAC-Dev.

Usage: python bench/experiments/mbr_dev.py [T ...]
       (needs /tmp/untm_learn_spaces.pkl from learn_dev.py)

Link posteriors at temperature T, then the partition maximising the sum of (posterior - theta).
Measured 2026-11-24: Viterbi .9125; T=0.02 .906-.911, T=0.05 .891-.906; T and theta chosen
leave-one-chapter-out .909. Not kept.
"""

from __future__ import annotations

import math
import pickle
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from untm.aligner import dp
from untm.aligner.evaluate import score_pairs
from untm.aligner.model import Link
from untm.aligner.sentalign import AlignConfig, SearchSpace, decode, type_scores


def logaddexp_list(values: list[float]) -> float:
    top = max(values)
    if top <= dp.NEG / 2:
        return dp.NEG
    return top + math.log(sum(math.exp(v - top) for v in values))


def posteriors(n: int, m: int, band: dp.Band, scores: dp.TypeScores, temp: float) -> dp.TypeScores:
    types = sorted(scores)
    lo, hi = band.lo, band.hi
    sc = {t: [row / temp for row in scores[t]] for t in types}
    alpha = [np.full(hi[i] - lo[i] + 1, dp.NEG) for i in range(n + 1)]
    alpha[0][0 - lo[0]] = 0.0
    for i in range(n + 1):
        row = alpha[i]
        for col in range(hi[i] - lo[i] + 1):
            j = lo[i] + col
            if i == 0 and j == 0:
                continue
            vals = []
            for a, b in types:
                if a > i or b > j:
                    continue
                pi, pj = i - a, j - b
                if pj < lo[pi] or pj > hi[pi]:
                    continue
                prior = alpha[pi][pj - lo[pi]]
                s = sc[(a, b)][i][col]
                if prior <= dp.NEG / 2 or s <= dp.NEG / 2:
                    continue
                vals.append(prior + s)
            if vals:
                row[col] = logaddexp_list(vals)
    beta = [np.full(hi[i] - lo[i] + 1, dp.NEG) for i in range(n + 1)]
    beta[n][m - lo[n]] = 0.0
    for i in range(n, -1, -1):
        for col in range(hi[i] - lo[i], -1, -1):
            j = lo[i] + col
            if i == n and j == m:
                continue
            vals = []
            for a, b in types:
                ni, nj = i + a, j + b
                if ni > n or nj > m or nj < lo[ni] or nj > hi[ni]:
                    continue
                s = sc[(a, b)][ni][nj - lo[ni]]
                nxt = beta[ni][nj - lo[ni]]
                if nxt <= dp.NEG / 2 or s <= dp.NEG / 2:
                    continue
                vals.append(s + nxt)
            if vals:
                beta[i][col] = logaddexp_list(vals)
    z = alpha[n][m - lo[n]]
    post: dp.TypeScores = {}
    for a, b in types:
        rows = []
        for i in range(n + 1):
            out = np.zeros(hi[i] - lo[i] + 1)
            if i >= a:
                js = np.arange(lo[i], hi[i] + 1)
                pj = js - b
                pi = i - a
                ok = (pj >= lo[pi]) & (pj <= hi[pi])
                prior = np.full(len(js), dp.NEG)
                prior[ok] = alpha[pi][pj[ok] - lo[pi]]
                val = prior + sc[(a, b)][i] + beta[i] - z
                good = (prior > dp.NEG / 2) & (sc[(a, b)][i] > dp.NEG / 2) & (beta[i] > dp.NEG / 2)
                out[good] = np.exp(np.minimum(val[good], 0.0))
            rows.append(out)
        post[(a, b)] = rows
    return post


def mbr(space: SearchSpace, post: dp.TypeScores, theta: float) -> list[Link]:
    scores = {
        t: [np.where(r > 0, r - theta, dp.NEG) if t[0] and t[1] else r - theta for r in rows]
        for t, rows in post.items()
    }
    found = dp.banded_search(space.n, space.m, space.band, scores)
    return [Link(tuple(range(i0, i1)), tuple(range(j0, j1))) for i0, i1, j0, j1, _ in found]


def main() -> None:
    spaces = pickle.loads(Path("/tmp/untm_learn_spaces.pkl").read_bytes())
    weights = AlignConfig().resolved_weights()
    print("viterbi", round(score_pairs([(g, decode(s, weights)) for s, g in spaces]).f1_strict, 4))
    temps = [float(x) for x in sys.argv[1:]] or [0.02, 0.05, 0.1]
    thetas = (0.2, 0.3, 0.4, 0.5)
    table = {}
    for temp in temps:
        t0 = time.time()
        posts = [posteriors(s.n, s.m, s.band, type_scores(s, weights), temp) for s, _g in spaces]
        for theta in thetas:
            per = [(g, mbr(s, p, theta)) for (s, g), p in zip(spaces, posts, strict=False)]
            table[(temp, theta)] = per
            sc = score_pairs(per)
            print(
                f"T={temp} theta={theta}: F1 {sc.f1_strict:.4f} P {sc.precision_strict:.3f} "
                f"R {sc.recall_strict:.3f} ({time.time() - t0:.1f}s)",
                flush=True,
            )
    keys = list(table)
    loo = []
    for k in range(len(spaces)):
        best = max(
            keys,
            key=lambda key: sum(
                score_pairs([table[key][j]]).f1_strict for j in range(len(spaces)) if j != k
            ),
        )
        loo.append(table[best][k])
        print(" fold", k, "picks", best)
    print(f"LOO (T, theta chosen on the other chapters): {score_pairs(loo).f1_strict:.4f}")


if __name__ == "__main__":
    main()
