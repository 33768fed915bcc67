"""MAC benchmark: our aligner on MAC-Dev, MAC-Test and MAC-Test (Bertalign 2021 segmentation).

Usage: python bench/bench_mac.py [--modes best,fast] [--splits dev,test,test_bertalign2021]
                                 [--baseline COMMIT [--keep DIR]]

Each (split, mode) runs in its own process so wall time (including model loading) and peak
memory (resource.getrusage ru_maxrss) are its own. Writes strict/lax P/R/F1 per split, per book
and per chapter, next to the peers' rows (test_bertalign2021 only), to bench/results/mac.md and
bench/results/mac.json, and the alignments to bench/results/mac_align/<mode>/<split>/.
Weights were tuned on dev only (bench/experiments/tune_dev.py); test splits are only reported.

With `--baseline COMMIT` (e.g. 0126895), that commit is installed into its own venv (as
bench_startup.py does; `--keep DIR` reuses it) and each (split, mode) is run by both versions,
alternately, in the same run: time, memory and F1 side by side, and whether the `.align` files
are byte-identical.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.macdata import BOOKS, MAC, PEERS, REPO, SPLITS, load_split
from untm.aligner.alignfile import write_align
from untm.aligner.evaluate import Score, evaluate_paths, score_pairs
from untm.threads import NATIVE_THREAD_VARS

RESULTS = REPO / "bench" / "results"


def book_of(split: str, chapter: str) -> str:
    number = int(chapter) - 1
    return BOOKS[number if split == "dev" else number // 4]


def _row(score: Score) -> dict[str, float]:
    return {k: round(float(v), 4) for k, v in score.to_dict().items()}


def run_one(split: str, mode: str) -> dict[str, object]:
    """Align one split in this process; returns scores, time and peak memory."""
    t0 = time.perf_counter()
    from untm.aligner.sentalign import AlignConfig, align_sentences

    config = AlignConfig(mode=mode)
    chapters = load_split(split)
    out_dir = RESULTS / "mac_align" / mode / split
    out_dir.mkdir(parents=True, exist_ok=True)
    pairs = []
    per_chapter: dict[str, dict[str, float]] = {}
    for ch in chapters:
        links = align_sentences(ch.zh, ch.en, config=config)
        write_align(out_dir / f"{ch.name}.align", links)
        pairs.append((ch.gold, links))
        per_chapter[ch.name] = _row(score_pairs([(ch.gold, links)]))
    seconds = time.perf_counter() - t0
    per_book: dict[str, dict[str, float]] = {}
    for book in BOOKS:
        chosen = [
            p for ch, p in zip(chapters, pairs, strict=True) if book_of(split, ch.name) == book
        ]
        if chosen:
            per_book[book] = _row(score_pairs(chosen))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak_mb = usage.ru_maxrss / 1024
    cpu = usage.ru_utime + usage.ru_stime
    return {
        "split": split,
        "mode": mode,
        "overall": _row(score_pairs(pairs)),
        "per_book": per_book,
        "per_chapter": per_chapter,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "peak_memory_mb": round(peak_mb, 1),
        "zh_sentences": sum(len(c.zh) for c in chapters),
        "en_sentences": sum(len(c.en) for c in chapters),
    }


def peers() -> dict[str, dict[str, float]]:
    split = MAC / "test_bertalign2021"
    return {p: _row(evaluate_paths(split, split / "peers" / p)) for p in PEERS}


def _fmt(name: str, row: dict[str, float], extra: str = "") -> str:
    keys = (
        "precision_strict",
        "recall_strict",
        "f1_strict",
        "precision_lax",
        "recall_lax",
        "f1_lax",
    )
    return f"| {name} | " + " | ".join(f"{row[k]:.3f}" for k in keys) + f" | {extra} |"


def render(runs: list[dict[str, object]], peer_rows: dict[str, dict[str, float]]) -> str:
    head = "| aligner | P strict | R strict | F1 strict | P lax | R lax | F1 lax | time, memory |"
    sep = "|---|---|---|---|---|---|---|---|"
    lines = [
        "# MAC benchmark",
        "",
        "Command: `python bench/bench_mac.py` (weights tuned on mac/dev only; test splits "
        "reported, never tuned on). Vecalign null-link rule, micro-averaged over chapters. "
        "Each split and mode in one process, one BLAS thread as `untm` runs unless the row "
        "says otherwise (`--threads N`, both sides; rows measured before 2026-12-06 used "
        "numpy's default, two threads). `main COMMIT` rows: that commit run in the same bench "
        "run (`--baseline COMMIT`), alternately.",
        "",
    ]
    for split in SPLITS:
        chosen = [r for r in runs if r["split"] == split]
        if not chosen:
            continue
        lines += [f"## {split}", "", head, sep]
        if split == "test_bertalign2021":
            lines += [_fmt(p, row) for p, row in peer_rows.items()]
        for r in chosen:
            cpu = r.get("cpu_seconds", "?")
            extra = f"{r['seconds']} s wall, {cpu} s CPU, {r['peak_memory_mb']} MB"
            if r.get("threads", 1) != 1:
                extra += f", {r['threads']} BLAS threads"
            lines.append(_fmt(f"**untm {r['mode']}**", r["overall"], extra))  # type: ignore[arg-type]
            base = r.get("baseline")
            if isinstance(base, dict):
                extra = (
                    f"{base['seconds']} s wall, {base['cpu_seconds']} s CPU, "
                    f"{base['peak_memory_mb']} MB; same run, load {base['load_avg_1min']}; "
                    f"alignments {'identical' if base['same_alignments'] else '**differ**'}"
                )
                lines.append(_fmt(f"main {base['commit']} {r['mode']}", base["overall"], extra))
        lines += [
            "",
            "Per book (strict F1 / lax F1): "
            + "; ".join(
                f"{r['mode']}: "
                + ", ".join(
                    f"{b} {v['f1_strict']:.3f}/{v['f1_lax']:.3f}"
                    for b, v in r["per_book"].items()  # type: ignore[attr-defined]
                )
                for r in chosen
            ),
            "",
        ]
        lines += [
            "Per chapter strict F1: "
            + "; ".join(
                f"{r['mode']}: "
                + " ".join(
                    f"{c}:{v['f1_strict']:.3f}"
                    for c, v in r["per_chapter"].items()  # type: ignore[attr-defined]
                )
                for r in chosen
            ),
            "",
        ]
    return "\n".join(lines) + "\n"


def _one(python: str, script: Path, split: str, mode: str, threads: int) -> dict[str, Any]:
    # one BLAS thread by default, as the `untm` command runs (two threads spin against each
    # other on a shared 2-core machine); `--threads` sets another count for both sides
    env = dict(os.environ)
    env.update({name: str(threads) for name in NATIVE_THREAD_VARS})
    proc = subprocess.run(
        [python, str(script), "--one", "--splits", split, "--modes", mode],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    run: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return run


def _baseline(commit: str, keep: Path | None, scratch: Path) -> tuple[str, Path]:
    """The python of a venv with `commit` installed, and that commit's bench_mac.py (in a tree
    beside a link to ../shared, where its macdata looks for MAC)."""
    from bench.bench_startup import _archive, _install

    tree = _archive(commit, scratch / "tree")
    (scratch / "shared").symlink_to(REPO.parent / "shared")
    untm = _install(tree, (keep or scratch) / f"venv-{commit}")
    return str(untm.parent / "python"), tree / "bench" / "bench_mac.py"


def _same_alignments(ours: Path, theirs: Path) -> bool:
    names = sorted(p.name for p in ours.glob("*.align"))
    return names == sorted(p.name for p in theirs.glob("*.align")) and all(
        (ours / n).read_bytes() == (theirs / n).read_bytes() for n in names
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modes", default="best,fast")
    parser.add_argument("--splits", default=",".join(SPLITS))
    parser.add_argument("--one", action="store_true", help="internal: run one split+mode")
    parser.add_argument("--baseline", help="also run this commit, alternately (same run)")
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the baseline's venv here")
    parser.add_argument("--threads", type=int, default=1, help="BLAS threads, both sides")
    args = parser.parse_args()
    if args.threads < 1:
        parser.error("--threads must be >= 1")
    if args.one:
        print(json.dumps(run_one(args.splits, args.modes)))
        return
    scratch = Path(tempfile.mkdtemp(prefix="untm-mac-"))
    try:
        _runs(args, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _runs(args: argparse.Namespace, scratch: Path) -> None:
    baseline = _baseline(args.baseline, args.keep, scratch) if args.baseline else None
    runs: list[dict[str, object]] = []
    json_path = RESULTS / "mac.json"
    previous = json.loads(json_path.read_text(encoding="utf-8")) if json_path.exists() else {}
    kept = {(r["split"], r["mode"]): r for r in previous.get("runs", [])}
    for split in args.splits.split(","):
        for mode in args.modes.split(","):
            if baseline is not None:
                base = _one(baseline[0], baseline[1], split, mode, args.threads)
                theirs = baseline[1].parent / "results" / "mac_align" / mode / split
            run = _one(sys.executable, Path(__file__), split, mode, args.threads)
            run["threads"] = args.threads
            if baseline is not None:
                run["baseline"] = {
                    "commit": args.baseline,
                    "overall": base["overall"],
                    "seconds": base["seconds"],
                    "cpu_seconds": base["cpu_seconds"],
                    "peak_memory_mb": base["peak_memory_mb"],
                    "same_alignments": _same_alignments(
                        RESULTS / "mac_align" / mode / split, theirs
                    ),
                    "load_avg_1min": round(os.getloadavg()[0], 2),
                }
            print(
                f"{split} {mode}: F1 strict {run['overall']['f1_strict']:.3f} "
                f"lax {run['overall']['f1_lax']:.3f} in {run['seconds']} s"
                + (f" (baseline {run['baseline']['seconds']} s)" if baseline else ""),
                flush=True,
            )
            kept[(split, mode)] = run
    runs = [kept[k] for k in sorted(kept, key=lambda k: (SPLITS.index(k[0]), k[1]))]
    peer_rows = peers()
    json_path.write_text(
        json.dumps({"runs": runs, "peers": peer_rows}, ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )
    (RESULTS / "mac.md").write_text(render(runs, peer_rows), encoding="utf-8")


if __name__ == "__main__":
    main()
