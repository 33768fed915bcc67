"""UN-style PDFs against their gold: untm's PDF reader versus `pdftotext` (+ today's text path).

Usage: python bench/bench_pdf_gold.py [--mode best] [--skip-baseline] [--skip-heldout]

- seed: the seed pair rendered by tests/pdfgen.py in each of its layouts; gold = the seed gold
  (../shared/seeds/gold) plus the pairs of what the PDFs add (two numbered footnotes, the cells
  of a table: `pdfgen.EXTRA_PAIRS`). Also counted: units containing page furniture (the symbol,
  job number, "Please recycle", a bare page number) and segments with a space between two Han
  characters.
- held-out: the real UN texts of ../shared/un (UDHR, the SDG goals and targets and indicators, the
  seven 2023 ECOSOC documents), one gold unit a paragraph, rendered in `pdfgen.HELDOUT`, a layout
  the reader was never developed on; aligned with --segtype paragraph (the gold is one unit a
  line, one line a paragraph). For reference, the same texts as .txt through the text path.
  (ecosoc_01, ecosoc_07 and sdg_goals_targets are also development documents of the PDF producer
  matrix, tests/producers/documents.py: the reader has been tuned on them, so their rows here are
  held out for this layout only.)
- copies: the seed PDFs repeated 20 times in one file (20 covers) versus once: units.
- baseline: the same PDFs converted with poppler's `pdftotext` (plain and -layout, what users do
  today; GPL, used here only) and aligned by the text path.
Writes bench/results/pdf_gold.md and .json.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

from pdfgen import (  # noqa: E402
    EXTRA_PAIRS,
    HAN_SPACE,
    HELDOUT,
    HELDOUT_NAMES,
    LAYOUTS,
    SYMBOL,
    has_font,
    heldout_files,
    heldout_gold,
    heldout_items,
    render_pdf,
    repeated,
    seed_items,
)

from untm.errors import UntmError  # noqa: E402
from untm.pipeline import AlignOptions, align_files, gold_units, score_units, to_units  # noqa: E402

SHARED = REPO.parent / "shared"
GOLD = SHARED / "seeds" / "gold" / "000_a932ec9d51e334cb"
RESULTS = REPO / "bench" / "results"
FURNITURE = re.compile(
    rf"{re.escape(SYMBOL)}|Please recycle|GE\.23-04567|K2309876|\*2304567\*|23-11111|E/2023/L\.99"
)


def _score(zh: Path, en: Path, gold: list[tuple[str, str]], options: AlignOptions) -> dict:
    start = time.perf_counter()
    try:
        result = align_files(zh, en, options)
    except UntmError as exc:  # e.g. a converter that lost the Chinese: counted as nothing found
        return {"matched": 0, "produced": 0, "gold": len(gold), "P": 0.0, "R": 0.0,
                "furniture_in_units": 0, "han_space_segments": 0, "furniture_removed": 0,
                "seconds": round(time.perf_counter() - start, 2), "error": str(exc)}
    seconds = time.perf_counter() - start
    units = [(u.source, u.target) for u in to_units(result, source_name=zh.name)]
    score = score_units(units, gold)
    return {
        "matched": score.matched,
        "produced": score.produced,
        "gold": score.gold,
        "P": round(score.precision, 4),
        "R": round(score.recall, 4),
        "furniture_in_units": sum(1 for s, t in units if FURNITURE.search(s + " " + t)),
        "han_space_segments": sum(1 for s in result.src_segments if HAN_SPACE.search(s.text)),
        "furniture_removed": len(result.src_furniture) + len(result.tgt_furniture),
        "seconds": round(seconds, 2),
    }


def _pdftotext(pdf: Path, out: Path, layout: bool) -> Path:
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(pdf), str(out)]
    subprocess.run(args, check=True, capture_output=True)
    return out


def _variants(zh: Path, en: Path, tmp: Path, baseline: bool) -> dict[str, tuple[Path, Path]]:
    out = {"untm-pdf": (zh, en)}
    if baseline:
        for name, layout in (("pdftotext", False), ("pdftotext-layout", True)):
            out[name] = (
                _pdftotext(zh, tmp / f"{zh.stem}.{name}.zh.txt", layout),
                _pdftotext(en, tmp / f"{en.stem}.{name}.en.txt", layout),
            )
    return out


def seed_runs(mode: str, baseline: bool, tmp: Path) -> dict:
    gold = gold_units(*(GOLD.with_suffix(s) for s in (".zh", ".en", ".align"))) + list(EXTRA_PAIRS)
    rows: dict = {}
    for layout in LAYOUTS:
        if not has_font(layout):
            continue
        zh = render_pdf(seed_items("zh"), "zh", layout, tmp / f"{layout.name}.zh.pdf")
        en = render_pdf(seed_items("en"), "en", layout, tmp / f"{layout.name}.en.pdf")
        for variant, (z, e) in _variants(zh, en, tmp, baseline).items():
            rows[f"{layout.name}/{variant}"] = _score(z, e, gold, AlignOptions(mode=mode))
            print(f"seed {layout.name}/{variant}: {rows[f'{layout.name}/{variant}']}", flush=True)
    return rows


def heldout_runs(mode: str, baseline: bool, tmp: Path) -> dict:
    rows: dict = {}
    options = AlignOptions(mode=mode, segtype="paragraph")
    for name in HELDOUT_NAMES:
        gold = heldout_gold(name, SHARED)
        zh = render_pdf(heldout_items(name, "zh", SHARED), "zh", HELDOUT, tmp / f"{name}.zh.pdf")
        en = render_pdf(heldout_items(name, "en", SHARED), "en", HELDOUT, tmp / f"{name}.en.pdf")
        variants = _variants(zh, en, tmp, baseline)
        variants["text-files"] = heldout_files(name, SHARED)
        for variant, (z, e) in variants.items():
            rows[f"{name}/{variant}"] = _score(z, e, gold, options)
            print(f"heldout {name}/{variant}: {rows[f'{name}/{variant}']}", flush=True)
    return rows


def copies_run(mode: str, tmp: Path, copies: int = 20) -> dict:
    layout = LAYOUTS[0]
    counts = {}
    for n in (1, copies):
        zh = render_pdf(repeated(seed_items("zh"), n), "zh", layout, tmp / f"x{n}.zh.pdf")
        en = render_pdf(repeated(seed_items("en"), n), "en", layout, tmp / f"x{n}.en.pdf")
        result = align_files(zh, en, AlignOptions(mode=mode))
        counts[n] = len(to_units(result, source_name=zh.name))
    return {"copies": copies, "units_1": counts[1], f"units_{copies}": counts[copies],
            "ratio": round(counts[copies] / counts[1], 3)}


def _total(rows: dict, suffix: str) -> dict:
    picked = [v for k, v in rows.items() if k.endswith("/" + suffix)]
    m, p, g = (sum(v[k] for v in picked) for k in ("matched", "produced", "gold"))
    return {"P": round(m / p, 4) if p else 0.0, "R": round(m / g, 4) if g else 0.0,
            "matched": m, "produced": p, "gold": g}


def _table(rows: dict) -> list[str]:
    lines = ["| document / input | P | R | matched / produced / gold | furniture in units | "
             "Han-space segments | furniture removed | s |", "|---|---|---|---|---|---|---|---|"]
    for key, v in rows.items():
        lines.append(
            f"| {key} | {v['P']:.3f} | {v['R']:.3f} | {v['matched']} / {v['produced']} / "
            f"{v['gold']} | {v['furniture_in_units']} | {v['han_space_segments']} | "
            f"{v['furniture_removed']} | {v['seconds']} |"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mode", default="best")
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--skip-heldout", action="store_true")
    args = parser.parse_args()
    baseline = not args.skip_baseline and shutil.which("pdftotext") is not None
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        seed = seed_runs(args.mode, baseline, tmp)
        held = {} if args.skip_heldout else heldout_runs(args.mode, baseline, tmp)
        copies = copies_run(args.mode, tmp)
    variants = ["untm-pdf", *(["pdftotext", "pdftotext-layout"] if baseline else [])]
    data = {
        "command": "python bench/bench_pdf_gold.py " + " ".join(sys.argv[1:]),
        "mode": args.mode,
        "seed": seed,
        "seed_total": {v: _total(seed, v) for v in variants},
        "heldout": held,
        "heldout_total": {v: _total(held, v) for v in [*variants, "text-files"]} if held else {},
        "copies": copies,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "pdf_gold.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    md = [
        "# UN-style PDFs against their gold",
        "",
        f"Command: `{data['command']}` (mode {args.mode}). Units are compared with all white "
        "space removed (`untm.goldscore`). `untm-pdf`: the PDFs read by untm; `pdftotext`, "
        "`pdftotext-layout`: poppler's converter, then today's text path (the baseline); "
        "`text-files`: the held-out texts as .txt (reference).",
        "",
        "## Seed pair as PDFs (gold: seed gold + the generated footnotes and table cells)",
        "",
        *_table(seed),
        "",
        "Totals: " + "; ".join(
            f"{k} P {v['P']:.3f} R {v['R']:.3f}" for k, v in data["seed_total"].items()),
        "",
    ]
    if held:
        md += [
            f"## Held-out: real UN texts in the kept-aside layout `{HELDOUT.name}` "
            "(--segtype paragraph)",
            "",
            *_table(held),
            "",
            "Totals: " + "; ".join(
                f"{k} P {v['P']:.3f} R {v['R']:.3f}" for k, v in data["heldout_total"].items()),
            "",
        ]
    md += [
        "## Twenty copies in one PDF",
        "",
        f"units x1: {copies['units_1']}, x{copies['copies']}: {copies['units_20']} "
        f"(ratio {copies['ratio']})",
        "",
    ]
    (RESULTS / "pdf_gold.md").write_text("\n".join(md), encoding="utf-8")
    print("\n".join(md))
    return 0


if __name__ == "__main__":
    sys.exit(main())
