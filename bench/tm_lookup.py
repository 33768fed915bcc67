"""Benchmark `untm tm lookup` on a synthetic 100,000-unit TM.

The TM is made from real sentences: the gold segments of the seed report and the MAC dev
sentences (dev only; MAC test is for reporting alignment results, not used here). Unit k is
sentence k mod n with a deterministic edit (a fragment of another sentence spliced in and a
running number), so the TM has many near-duplicates, as real UN TMs do. Queries are further
edits of randomly chosen units — light (one character deleted, two overwritten) and heavy (four
times that) — and a query is a hit when the unit it was made from comes back as the top match.

Measures: TMX write time, index build time (parse TMX + build), cached load time, lookup latency
(p50/p95/max over the queries), hit rate, peak RSS. Writes bench/results/tm_lookup.json and .md.

Run: `python bench/tm_lookup.py [--units 100000] [--queries 200]`
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from untm.tmx.lookup import TmIndex, cache_file  # noqa: E402
from untm.tmx.tmx14 import write_tmx  # noqa: E402
from untm.tmx.unit import TranslationUnit  # noqa: E402

SHARED = REPO.parent / "shared"
RESULTS = REPO / "bench" / "results"


def real_sentences() -> list[tuple[str, str]]:
    """(zh, en) sentence pairs from the seed gold and MAC dev, 1-1 links only."""
    from untm.aligner.alignfile import read_align

    stems = [SHARED / "seeds" / "gold" / "000_a932ec9d51e334cb"]
    stems += sorted(p.with_suffix("") for p in (SHARED / "mac" / "dev").glob("*.align"))
    pairs: list[tuple[str, str]] = []
    for stem in stems:
        zh = stem.with_suffix(".zh").read_text("utf-8").split("\n")
        en = stem.with_suffix(".en").read_text("utf-8").split("\n")
        for link in read_align(stem.with_suffix(".align")):
            if len(link.src) == 1 and len(link.tgt) == 1 and len(zh[link.src[0]]) >= 8:
                pairs.append((zh[link.src[0]], en[link.tgt[0]]))
    return pairs


def synthetic_units(
    pairs: list[tuple[str, str]], n: int, rng: random.Random
) -> list[TranslationUnit]:
    units = []
    for k in range(n):
        zh, en = pairs[k % len(pairs)]
        other = pairs[rng.randrange(len(pairs))][0]
        start = rng.randrange(max(1, len(other) - 6))
        cut = rng.randrange(len(zh))
        source = f"{zh[:cut]}{other[start : start + 6]}{zh[cut:]}（{k}）"
        units.append(TranslationUnit(source, f"{en} ({k})", tuid=str(k)))
    return units


def edit(text: str, rng: random.Random, rounds: int = 1) -> str:
    """Delete one character and overwrite two with 某某, `rounds` times."""
    for _ in range(rounds):
        i = rng.randrange(len(text))
        text = text[:i] + text[i + 1 :]
        j = rng.randrange(max(1, len(text) - 3))
        text = text[:j] + "某某" + text[j + 2 :]
    return text


def run_queries(
    index: TmIndex, units: list[TranslationUnit], rng: random.Random, n: int, rounds: int
) -> dict[str, float | None]:
    latencies = []
    hits = 0
    scores = []
    for _ in range(n):
        k = rng.randrange(len(units))
        query = edit(units[k].source, rng, rounds)
        t0 = time.perf_counter()
        matches = index.lookup(query, top=5)
        latencies.append((time.perf_counter() - t0) * 1000)
        if matches and matches[0].index == k:
            hits += 1
            scores.append(matches[0].score)
    latencies.sort()
    return {
        "lookup_ms_p50": round(statistics.median(latencies), 2),
        "lookup_ms_p95": round(latencies[int(0.95 * (len(latencies) - 1))], 2),
        "lookup_ms_max": round(latencies[-1], 2),
        "top1_hit_rate": round(hits / n, 4),
        "top1_score_mean": round(statistics.mean(scores), 2) if scores else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(20261124)
    pairs = real_sentences()
    units = synthetic_units(pairs, args.units, rng)
    with tempfile.TemporaryDirectory() as tmp:
        tmx = Path(tmp) / "synthetic.tmx"
        t0 = time.perf_counter()
        write_tmx(tmx, units)
        t_write = time.perf_counter() - t0
        t0 = time.perf_counter()
        TmIndex.from_tmx(tmx, cache=True)
        t_build = time.perf_counter() - t0
        t0 = time.perf_counter()
        index = TmIndex.from_tmx(tmx, cache=True)
        t_load = time.perf_counter() - t0
        tmx_mb = tmx.stat().st_size / 1e6
        cache_mb = cache_file(tmx).stat().st_size / 1e6
    light = run_queries(index, units, rng, args.queries, rounds=1)
    heavy = run_queries(index, units, rng, args.queries, rounds=4)
    result = {
        "units": len(index),
        "real_sentence_pairs": len(pairs),
        "queries_per_set": args.queries,
        "tmx_mb": round(tmx_mb, 1),
        "cache_mb": round(cache_mb, 1),
        "write_tmx_s": round(t_write, 2),
        "build_index_from_tmx_s": round(t_build, 2),
        "load_cached_index_s": round(t_load, 2),
        **{f"light_edit_{k}": v for k, v in light.items()},
        **{f"heavy_edit_{k}": v for k, v in heavy.items()},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, 2 cores shared with other jobs",
        "load_avg_1min_at_end": round(os.getloadavg()[0], 2),
        "command": " ".join(["python bench/tm_lookup.py", *sys.argv[1:]]),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "tm_lookup.json").write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    lines = ["# TM lookup benchmark", "", "| measure | value |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in result.items()]
    (RESULTS / "tm_lookup.md").write_text("\n".join(lines) + "\n", "utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
