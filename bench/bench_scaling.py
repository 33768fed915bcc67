"""Scaling benchmark: time to align the seed pair repeated 20 times versus once.

Usage: python bench/bench_scaling.py [--copies 20] [--mode best]

Two measurements, both after loading the models once (warm-up on the single copy):
- `pipeline`: `untm.pipeline.align_files` on the seed documents and on 20 concatenated copies;
- `sentalign`: `aligner.sentalign.align_sentences` on the seed's gold segments and on 20 copies.
Target: ratio <= 25 (near-linear). The embedding cache is cleared before each timed run, but
within a run the 20 copies share their sentences' texts, which are embedded once (by design:
each distinct text once per run). Writes bench/results/scaling_<mode>.md and .json.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.macdata import REPO

RESULTS = REPO / "bench" / "results"
SEED_ZH = REPO / "seeds" / "000_a932ec9d51e334cb.txt"
SEED_EN = REPO / "seeds" / "000_a932ec9d51e334cb.en.txt"
GOLD = REPO.parent / "shared" / "seeds" / "gold" / "000_a932ec9d51e334cb"


def _timed(func: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    value = func()
    return time.perf_counter() - start, value


def pipeline_times(copies: int, mode: str) -> dict[str, float | int]:
    from untm.pipeline import AlignOptions, align_files

    options = AlignOptions(mode=mode)
    from untm.aligner.signals.embeddings import get_encoder

    encoder = get_encoder("use", 1)
    align_files(SEED_ZH, SEED_EN, options)  # warm-up: models, dictionary
    encoder.clear()  # type: ignore[attr-defined]
    one, res1 = _timed(lambda: align_files(SEED_ZH, SEED_EN, options))
    encoder.clear()  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory() as tmp:
        zh, en = Path(tmp) / "many.zh.txt", Path(tmp) / "many.en.txt"
        zh_text = SEED_ZH.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
        en_text = SEED_EN.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
        zh.write_text(zh_text * copies, encoding="utf-8")
        en.write_text(en_text * copies, encoding="utf-8")
        many, res_n = _timed(lambda: align_files(zh, en, options))
    return {
        "one_s": round(one, 3),
        "many_s": round(many, 3),
        "ratio": round(many / one, 2),
        "segments_one": len(res1.src_segments),  # type: ignore[attr-defined]
        "segments_many": len(res_n.src_segments),  # type: ignore[attr-defined]
    }


def sentalign_times(copies: int, mode: str) -> dict[str, float | int]:
    from untm.aligner.sentalign import AlignConfig, align_sentences

    config = AlignConfig(mode=mode)
    zh = GOLD.with_suffix(".zh").read_text(encoding="utf-8").splitlines()
    en = GOLD.with_suffix(".en").read_text(encoding="utf-8").splitlines()
    align_sentences(zh, en, config=config)  # warm-up
    # embeddings are cached per text: clear so both runs embed their text
    from untm.aligner.signals.embeddings import get_encoder

    encoder = get_encoder(config.encoder, config.threads)
    if hasattr(encoder, "clear"):
        encoder.clear()
    ones = []
    for _ in range(3):  # the shortest of three: one copy is short enough to be noisy
        if hasattr(encoder, "clear"):
            encoder.clear()
        ones.append(_timed(lambda: align_sentences(zh, en, config=config))[0])
    one = min(ones)
    if hasattr(encoder, "clear"):
        encoder.clear()
    many, _ = _timed(lambda: align_sentences(zh * copies, en * copies, config=config))
    return {
        "one_s": round(one, 3),
        "many_s": round(many, 3),
        "ratio": round(many / one, 2),
        "segments_one": len(zh),
        "segments_many": len(zh) * copies,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--mode", default="best")
    args = parser.parse_args()
    result: dict[str, object] = {"copies": args.copies, "mode": args.mode}
    result["sentalign"] = sentalign_times(args.copies, args.mode)
    try:
        result["pipeline"] = pipeline_times(args.copies, args.mode)
    except ImportError as exc:  # engineer A's pipeline not there
        result["pipeline"] = {"error": str(exc)}
    (RESULTS / f"scaling_{args.mode}.json").write_text(
        json.dumps(result, indent=2) + "\n", encoding="utf-8"
    )
    lines = [
        f"# Scaling: seed pair x{args.copies} vs x1 (mode {args.mode})",
        "",
        "Command: `python bench/bench_scaling.py` (models loaded before timing). "
        "Target ratio <= 25.",
        "",
        "| what | x1 (s) | xN (s) | ratio | segments x1 / xN |",
        "|---|---|---|---|---|",
    ]
    for key in ("sentalign", "pipeline"):
        row = result[key]
        if isinstance(row, dict) and "ratio" in row:
            lines.append(
                f"| {key} | {row['one_s']} | {row['many_s']} | {row['ratio']} | "
                f"{row['segments_one']} / {row['segments_many']} |"
            )
        else:
            lines.append(f"| {key} | not run: {row} | | | |")
    (RESULTS / f"scaling_{args.mode}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
