"""Benchmark: wall time of `untm batch` on the 8-pair folder with one and with two local workers
(and, for information, on a Dask LocalCluster of two workers).

Target (issue 6): two workers take at most 0.75 of the wall time of one worker. Every run is a
full run (`force`): worker start-up and model loading are included, as a user would see them.
Runs alternate 1, 2, 1, 2, ... and the best of each is kept, which damps the noise of a shared
machine. Writes bench/results/batch.json and bench/results/batch.md.

    python bench/batch_workers.py [--repeats 2] [--mode best] [--no-dask]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch_data import BROKEN, PAIRS, build_pair_folder

from untm.batch import BatchOptions, discover_pairs, run_batch

RESULTS = Path(__file__).resolve().parent / "results"
TARGET = 0.75


def timed_run(src: Path, out: Path, *, workers: int, engine: str, mode: str) -> float:
    options = BatchOptions(out_dir=out, workers=workers, engine=engine, force=True, mode=mode)
    start = time.perf_counter()
    result = run_batch(discover_pairs(src), options)
    seconds = time.perf_counter() - start
    failed = sorted(o.name for o in result.outcomes if not o.ok)
    if failed != [BROKEN]:
        raise SystemExit(f"unexpected failures {failed}: {[o.error for o in result.outcomes]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--mode", default="best", choices=["best", "fast"])
    parser.add_argument("--no-dask", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="untm-bench-batch-") as tmp:
        src, out = Path(tmp) / "in", Path(tmp) / "out"
        build_pair_folder(src)
        runs: dict[str, list[float]] = {"local-1": [], "local-2": []}
        for _ in range(args.repeats):
            for workers in (1, 2):
                seconds = timed_run(src, out, workers=workers, engine="local", mode=args.mode)
                runs[f"local-{workers}"].append(round(seconds, 2))
                print(f"local, {workers} worker(s): {seconds:.1f} s", flush=True)
        if not args.no_dask:
            seconds = timed_run(src, out, workers=2, engine="dask", mode=args.mode)
            runs["dask-2"] = [round(seconds, 2)]
            print(f"dask LocalCluster, 2 workers: {seconds:.1f} s", flush=True)
    one, two = min(runs["local-1"]), min(runs["local-2"])
    ratio = two / one
    report = {
        "benchmark": "untm batch on the 8-pair folder (7 seed pairs .txt/.docx + 1 empty)",
        "command": "python bench/batch_workers.py " + " ".join(sys.argv[1:]),
        "mode": args.mode,
        "pairs": len(PAIRS),
        "runs_seconds": runs,
        "best_one_worker_s": one,
        "best_two_workers_s": two,
        "ratio_two_to_one": round(ratio, 3),
        "target_ratio": TARGET,
        "meets_target": ratio <= TARGET,
        "cpus": os.cpu_count(),
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "date_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "batch.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    lines = [
        "# untm batch: one worker vs two workers",
        "",
        f"`{report['command']}` — {report['date_utc']}, {report['cpus']} CPUs "
        f"(load average at end {report['load_average_at_end']}), aligner mode `{args.mode}`.",
        "",
        "| run | wall seconds (each repeat) | best |",
        "|---|---|---|",
    ]
    for name, values in runs.items():
        lines.append(f"| {name} | {', '.join(f'{v:.1f}' for v in values)} | {min(values):.1f} |")
    verdict = "meets" if ratio <= TARGET else "MISSES"
    lines += [
        "",
        f"Two workers / one worker = **{ratio:.2f}** (target ≤ {TARGET}: {verdict}).",
        "",
    ]
    (RESULTS / "batch.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
