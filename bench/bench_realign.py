"""Realign between confirmed links on MAC-Dev: every Nth gold link held fixed, the rest realigned.

Usage: python bench/bench_realign.py [--every 20] [--modes best,fast]

What a reviewer gets from "realign the rest": for each MAC-Dev chapter, the plain alignment
(`align_sentences(zh, en)`) against the alignment with every Nth gold link given as fixed
(`align_sentences(zh, en, fixed=...)`, as if a person had confirmed them). Strict and lax F1
(Vecalign's rule, `untm.aligner.evaluate`) over all links, and over the rest alone (the fixed
links taken out of both gold and output, so the confirmed links themselves earn nothing).
Dev only (MAC rules: test splits are not for tuning). Writes bench/results/realign_dev.md and
.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.macdata import REPO, load_split
from untm.aligner.evaluate import score_pairs
from untm.aligner.model import Link

RESULTS = REPO / "bench" / "results"


def _key(link: Link) -> tuple[tuple[int, ...], tuple[int, ...]]:
    return (link.src, link.tgt)


def _rest(links: list[Link], fixed: list[Link]) -> list[Link]:
    held = {_key(x) for x in fixed}
    return [x for x in links if _key(x) not in held]


def _f1(pairs: list[tuple[list[Link], list[Link]]]) -> dict[str, float]:
    score = score_pairs(pairs)
    return {"f1_strict": round(score.f1_strict, 4), "f1_lax": round(score.f1_lax, 4)}


def run(mode: str, every: int, per_gap: bool) -> dict[str, object]:
    from untm.aligner.anchors import align_with_fixed
    from untm.aligner.sentalign import AlignConfig, align_sentences

    config = AlignConfig(mode=mode)
    chapters = load_split("dev")
    rows: dict[str, dict[str, object]] = {}
    plain_pairs, fixed_pairs, plain_rest, fixed_rest = [], [], [], []
    seconds = {"plain": 0.0, "fixed": 0.0}
    for ch in chapters:
        gold = list(ch.gold)
        fixed = gold[every - 1 :: every]
        t0 = time.perf_counter()
        plain = align_sentences(ch.zh, ch.en, config=config)
        t1 = time.perf_counter()
        if per_gap:
            anchored = align_with_fixed(ch.zh, ch.en, fixed, config, per_gap_signals=True)
        else:  # the library default
            anchored = align_sentences(ch.zh, ch.en, config=config, fixed=fixed)
        t2 = time.perf_counter()
        seconds["plain"] += t1 - t0
        seconds["fixed"] += t2 - t1
        assert all(x in anchored for x in fixed)
        plain_pairs.append((gold, plain))
        fixed_pairs.append((gold, anchored))
        rest_gold = _rest(gold, fixed)
        plain_rest.append((rest_gold, _rest(plain, fixed)))
        fixed_rest.append((rest_gold, _rest(anchored, fixed)))
        rows[ch.name] = {
            "gold_links": len(gold),
            "fixed": len(fixed),
            "plain": _f1([(gold, plain)]),
            "anchored": _f1([(gold, anchored)]),
            "plain_rest": _f1([plain_rest[-1]]),
            "anchored_rest": _f1([fixed_rest[-1]]),
            "seconds_plain": round(t1 - t0, 2),
            "seconds_anchored": round(t2 - t1, 2),
        }
    return {
        "mode": mode,
        "every": every,
        "signals": "per gap" if per_gap else "whole documents",
        "per_chapter": rows,
        "total": {
            "plain": _f1(plain_pairs),
            "anchored": _f1(fixed_pairs),
            "plain_rest": _f1(plain_rest),
            "anchored_rest": _f1(fixed_rest),
            "seconds_plain": round(seconds["plain"], 2),
            "seconds_anchored": round(seconds["fixed"], 2),
        },
    }


def render(runs: list[dict[str, object]], command: str, load: str = "?") -> str:
    lines = [
        "# Realign between confirmed links (MAC-Dev)",
        "",
        f"Command: `{command}`",
        "",
        "Every Nth gold link of each chapter is held fixed (as if confirmed in `untm review`) and",
        "the rest is realigned: `align_sentences(zh, en, fixed=...)` (untm/aligner/anchors.py:",
        "each gap between fixed links searched on its own, with the signals of the whole",
        "documents sliced to the gap (the default) or with signals computed from the gap alone).",
        "*all*: strict F1 over every link; *rest*: the fixed links taken out of gold and output",
        "(the realignment's own gain). Lax F1 in parentheses. Seconds: aligner calls only (the",
        "first call of a run also loads the encoder; 1-minute load average at the start / end",
        f"of the run: {load} on 2 cores). Dev only.",
        "",
    ]
    for run in runs:
        total: dict[str, dict[str, float]] = run["total"]  # type: ignore[assignment]
        lines += [
            f"## mode {run['mode']}, every {run['every']}th gold link fixed, signals: "
            f"{run['signals']}",
            "",
            "| chapter | links | fixed | plain, all | anchored, all | plain, rest | "
            "anchored, rest | seconds plain / anchored |",
            "|---|---|---|---|---|---|---|---|",
        ]

        def cell(row: dict[str, float]) -> str:
            return f"{row['f1_strict']:.3f} ({row['f1_lax']:.3f})"

        chapters: dict[str, dict[str, object]] = run["per_chapter"]  # type: ignore[assignment]
        for name, row in chapters.items():
            lines.append(
                f"| {name} | {row['gold_links']} | {row['fixed']} | "
                f"{cell(row['plain'])} | {cell(row['anchored'])} | "  # type: ignore[arg-type]
                f"{cell(row['plain_rest'])} | {cell(row['anchored_rest'])} | "  # type: ignore[arg-type]
                f"{row['seconds_plain']} / {row['seconds_anchored']} |"
            )
        links = sum(int(r["gold_links"]) for r in chapters.values())  # type: ignore[call-overload]
        fixed = sum(int(r["fixed"]) for r in chapters.values())  # type: ignore[call-overload]
        lines += [
            f"| **total** | {links} | {fixed} | {cell(total['plain'])} | "
            f"{cell(total['anchored'])} | {cell(total['plain_rest'])} | "
            f"{cell(total['anchored_rest'])} | {total['seconds_plain']} / "
            f"{total['seconds_anchored']} |",
            "",
        ]
    return "\n".join(lines)


def main() -> None:
    import os

    load_before = os.getloadavg()[0]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=20)
    parser.add_argument("--modes", default="best,fast")
    parser.add_argument(
        "--signals", default="documents,gap", help="documents (default of the library), gap"
    )
    parser.add_argument("--out", default="realign_dev", help="result file stem in bench/results")
    args = parser.parse_args()
    runs = []
    for mode in args.modes.split(","):
        for signals in args.signals.split(","):
            run_ = run(mode, args.every, per_gap=signals == "gap")
            total = run_["total"]
            print(f"{mode} {signals}: {json.dumps(total)}", flush=True)
            runs.append(run_)
    command = "python bench/bench_realign.py " + " ".join(sys.argv[1:])
    load = f"{load_before:.1f} / {os.getloadavg()[0]:.1f}"
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{args.out}.json").write_text(
        json.dumps(
            {"command": command.strip(), "load_average_start_end": load, "runs": runs},
            ensure_ascii=False,
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    (RESULTS / f"{args.out}.md").write_text(render(runs, command.strip(), load), encoding="utf-8")


if __name__ == "__main__":
    main()
