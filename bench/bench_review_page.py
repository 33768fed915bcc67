"""What a review page (`-f html`, `untm batch`) costs per pair for its glossary: the glossary read
for every page, read once a process (`functools.lru_cache`, before: stale after a term was
added), and read again only when the user store's files changed (now).

Usage: python bench/bench_review_page.py [--terms 2000] [--pages 15]

A user store of `--terms` concepts is made in a temporary folder ($UNTM_GLOSSARY); the seed
pair is aligned once, then its review page written `--pages` times per way, the three ways
alternating round by round (two rounds) so they see the same load; the figure is the median
wall time of one page. Writes bench/results/review_page.md and review_page.json.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
SEED_ZH = REPO / "seeds" / "000_a932ec9d51e334cb.txt"
SEED_EN = REPO / "seeds" / "000_a932ec9d51e334cb.en.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=2000)
    parser.add_argument("--pages", type=int, default=15)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="untm-bench-page-"))
    os.environ["UNTM_GLOSSARY"] = str(tmp / "glossary.sqlite3")

    from untm.export import review_page
    from untm.glossary import add_user_concept, open_glossary
    from untm.pipeline import AlignOptions, align_files, write_result

    for i in range(args.terms):
        add_user_concept(f"术语{i:05d}号", f"term number {i}")
    started = time.perf_counter()
    result = align_files(SEED_ZH, SEED_EN, AlignOptions())
    align_s = time.perf_counter() - started

    def every_page(store: str | Path | None = None) -> tuple[tuple[str, str], ...]:
        return tuple(open_glossary(store).term_pairs())

    now = review_page.glossary_pairs
    ways: dict[str, Callable[..., tuple[tuple[str, str], ...]]] = {
        "read for every page": every_page,
        "once a process (before)": functools.lru_cache(maxsize=1)(every_page),
        "again when the store changed (now)": now,
    }
    times: dict[str, list[float]] = {name: [] for name in ways}
    for _round in range(2):
        for name, way in ways.items():
            review_page.glossary_pairs = way  # type: ignore[assignment]
            for k in range(args.pages):
                started = time.perf_counter()
                write_result(result, tmp / f"p{k}.html", None, AlignOptions(), "seed")
                times[name].append(time.perf_counter() - started)
    review_page.glossary_pairs = now
    medians = {name: statistics.median(t) for name, t in times.items()}
    base = medians["once a process (before)"]
    extra = {name: round(100 * (m - base) / (align_s + base), 2) for name, m in medians.items()}
    data = {
        "user_terms": args.terms,
        "pages_per_way": 2 * args.pages,
        "seed_align_s": round(align_s, 3),
        "page_ms": {name: round(1000 * m, 1) for name, m in medians.items()},
        "extra_vs_before_pct_of_align_and_page": extra,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "review_page.json").write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    lines = [
        "# Review page: the glossary's cost per page",
        "",
        f"User store of {args.terms} terms; seed pair aligned in {align_s:.2f} s (best mode); "
        f"median of {2 * args.pages} page writes per way, ways alternating.",
        "",
        "| glossary read | page (ms) | extra vs before, % of align + page |",
        "|---|---|---|",
    ]
    for name, m in medians.items():
        lines.append(f"| {name} | {1000 * m:.1f} | {extra[name]:+.2f} |")
    lines += ["", "Command: `python bench/bench_review_page.py`", ""]
    (RESULTS / "review_page.md").write_text("\n".join(lines), "utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
