"""What each signal adds on MAC-Dev: strict F1 with one signal switched off at a time.

Usage: python bench/experiments/ablation_dev.py
Signals are computed once per chapter (anchor band from the full weights), then the banded
search is rerun with one weight set to 0. Writes bench/experiments/results/ablation_dev.md
and .json.
MAC-Dev only (never the test splits).
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.macdata import REPO, load_split
from untm.aligner.evaluate import score_pairs
from untm.aligner.sentalign import AlignConfig, decode, prepare

SIGNALS = ("embedding", "dictionary", "lexical", "length")


def main() -> None:
    rows: dict[str, dict[str, float]] = {}
    chapters = load_split("dev")
    for mode in ("best", "fast"):
        config = AlignConfig(mode=mode)
        weights = config.resolved_weights()
        spaces = [(prepare(c.zh, c.en, config), c.gold) for c in chapters]

        def f1(w: object, spaces: list = spaces) -> float:  # type: ignore[type-arg]
            return score_pairs([(g, decode(s, w)) for s, g in spaces]).f1_strict  # type: ignore[arg-type]

        full = f1(weights)
        rows[f"{mode}: all signals"] = {"f1_strict": round(full, 4), "delta": 0.0}
        for name in SIGNALS:
            if getattr(weights, name) == 0:
                continue
            value = f1(dataclasses.replace(weights, **{name: 0.0}))  # type: ignore[arg-type]
            rows[f"{mode}: without {name}"] = {
                "f1_strict": round(value, 4),
                "delta": round(value - full, 4),
            }
        print(mode, "done", flush=True)
    out = REPO / "bench" / "experiments" / "results"
    (out / "ablation_dev.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    lines = [
        "# Signal ablation on MAC-Dev (strict F1)",
        "",
        "Command: `python bench/experiments/ablation_dev.py`. Band from the full weights; one",
        "weight set to 0.",
        "The glossary anchors are part of the lexical signal (no UN terms in MAC: measured on",
        "the seed gold instead, fast mode .911 -> .949 strict F1 with them).",
        "Merged windows (AlignConfig.exact_upto; measured separately at 22:16 with lexical_miss",
        "-0.1): text embedded up to 1 sentence, pooled above: .882; up to 2 (default): .903;",
        "up to 3: .894. Local CSLS margin (k=3) and size_power: no gain in tuning, weight 0.",
        "",
        "| setting | strict F1 | change |",
        "|---|---|---|",
    ]
    lines += [f"| {k} | {v['f1_strict']:.4f} | {v['delta']:+.4f} |" for k, v in rows.items()]
    (out / "ablation_dev.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
