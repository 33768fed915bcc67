"""Experiment: an orthogonal map of zh USE embeddings onto en ones, learned on MAC-Dev gold links.

Usage: python bench/experiments/procrustes_dev.py [alpha ...]
Leave-one-chapter-out: the map is learned on 5 dev chapters' gold links and used on the 6th,
blended with the identity (alpha). Measured 2026-11-24: gold-link top-1 .783 (alpha 0), .788
(0.3), .720 (1.0); aligner strict F1 at alpha 0.3 and 0.6 below alpha 0. Not kept.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import untm.aligner.sentalign as sa
from bench.macdata import gold_texts, load_split
from untm.aligner.evaluate import score_pairs
from untm.aligner.sentalign import AlignConfig, decode, prepare
from untm.aligner.signals.embeddings import get_encoder


def pairs_of(ch):
    enc = get_encoder("use", 1)
    zh, en = gold_texts("dev", ch.name)
    return enc.encode(zh).astype(np.float64), enc.encode(en).astype(np.float64)


def procrustes(z: np.ndarray, e: np.ndarray) -> np.ndarray:
    u, _s, vt = np.linalg.svd(z.T @ e)
    return u @ vt


def top1(z: np.ndarray, e: np.ndarray) -> float:
    return float((np.argmax(z @ e.T, axis=1) == np.arange(len(z))).mean())


def main() -> None:
    chapters = load_split("dev")
    t0 = time.time()
    data = [pairs_of(c) for c in chapters]
    print(f"embedded gold pairs {time.time() - t0:.1f}s", flush=True)
    maps = []
    for k in range(len(chapters)):
        z = np.concatenate([d[0] for j, d in enumerate(data) if j != k])
        e = np.concatenate([d[1] for j, d in enumerate(data) if j != k])
        maps.append(procrustes(z, e))
    for alpha in (0.0, 0.3, 0.5, 0.7, 1.0):
        accs = []
        for k, (z, e) in enumerate(data):
            zm = (1 - alpha) * z + alpha * z @ maps[k]
            zm /= np.linalg.norm(zm, axis=1, keepdims=True)
            accs.append(top1(zm, e))
        print(
            f"alpha {alpha}: gold-link top-1 per chapter {np.round(accs, 3)} "
            f"mean {np.mean(accs):.3f}"
        )
    original = sa._embed_sides
    config = AlignConfig()
    for alpha in [float(a) for a in sys.argv[1:]] or [0.0, 0.5]:
        results = []
        for k, ch in enumerate(chapters):
            w = maps[k]

            def patched(src, tgt, cfg, w=w, alpha=alpha):
                ez, ee, _mz, _me = original(src, tgt, cfg)
                out = {}
                for size, rows in ez.items():
                    r = (1 - alpha) * rows + alpha * rows @ w
                    out[size] = r / np.linalg.norm(r, axis=1, keepdims=True)
                cz, ce = sa._sample(out[1]), sa._sample(ee[1])
                return (
                    out,
                    ee,
                    {s: r @ ce for s, r in out.items()},
                    {s: r @ cz for s, r in ee.items()},
                )

            sa._embed_sides = patched
            space = prepare(ch.zh, ch.en, config)
            results.append((ch.gold, decode(space, config.resolved_weights())))
        sa._embed_sides = original
        s = score_pairs(results)
        print(
            f"alpha {alpha}: LOO dev strict F1 {s.f1_strict:.4f} P {s.precision_strict:.3f} "
            f"R {s.recall_strict:.3f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
