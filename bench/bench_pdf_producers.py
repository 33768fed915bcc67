"""The producer table of issue 16: every document of the PDF producer matrix (tests/producers) by
every producer, read by untm's PDF reader and by `pdftotext` (+ `-layout`) + untm's text path,
scored against its gold; and issue 16's properties (tests/pdfcheck.py) on every PDF of the
matrix and of the real-world corpus (tests/data/realworld.tsv, when assembled).

Usage: python bench/bench_pdf_producers.py [--mode best] [--no-heldout] [--no-baseline]
       [--cache DIR] [--docs NAME,...] [--producers NAME,...]

`--docs` / `--producers` measure only those documents / producers (and no real-world corpus);
a table that lacks any document of its set (development or held out) or any producer is printed,
not written to bench/results (a partial table must not replace the full one).

- gold: strict unit P/R/F1 as bench/bench_pdf_gold.py scores (`untm.goldscore`, white space
  removed); the seed is aligned by sentence (its gold: seed gold + the generated footnotes and
  table cells), the resolution by sentence (one sentence a paragraph), the held-out UN texts by
  paragraph (their gold is one unit a paragraph). A typed error scores 0 (kept in the row).
- properties: each PDF in its language; seconds are CPU seconds of read + segment per page.
- shapes: what each matrix file's text layer looks like to PDFium (text objects, Tf sizes).
- build: seconds each producer took to write its files in this run (0 when cached).
Writes bench/results/pdf_producers.md/.json (development documents and the real-world corpus)
and bench/results/pdf_producers_heldout.md/.json (the held-out UN texts: never look at these
while tuning the reader).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

from pdfcheck import PairScore, check_pdf, score_pair, score_pdftotext  # noqa: E402
from producers.documents import DOCS  # noqa: E402
from producers.matrix import BY_NAME, PRODUCERS, Matrix, MatrixPair, build_matrix  # noqa: E402
from producers.shape import describe  # noqa: E402
from realworld import corpus_folder, entries  # noqa: E402

RESULTS = REPO / "bench" / "results"
DEFAULT_CACHE = REPO / ".pytest_cache" / "d" / "pdf-matrix"  # shared with the test fixture


def _score_row(s: PairScore) -> dict[str, object]:
    return {"P": round(s.precision, 4), "R": round(s.recall, 4), "F1": round(s.f1, 4),
            "matched": s.matched, "produced": s.produced, "gold": s.gold, "error": s.error,
            "seconds": s.seconds}


def gold_rows(pairs: list[MatrixPair], mode: str, baseline: bool, tmp: Path) -> dict:
    rows: dict[str, dict[str, object]] = {}
    for pair in pairs:
        gold = pair.doc.gold()
        row = {"untm-pdf": _score_row(score_pair(pair.zh, pair.en, gold,
                                                 segtype=pair.doc.segtype, mode=mode))}
        if baseline:
            for name, layout in (("pdftotext", False), ("pdftotext-layout", True)):
                row[name] = _score_row(score_pdftotext(pair.zh, pair.en, gold, tmp, layout=layout,
                                                       segtype=pair.doc.segtype, mode=mode))
        rows[pair.name] = row
        print(pair.name, {k: (v["P"], v["R"]) for k, v in row.items()}, flush=True)
    return rows


def property_rows(pairs: list[MatrixPair], real: bool) -> dict:
    rows: dict[str, dict[str, object]] = {}
    for pair in pairs:
        for lang, path in pair.files():
            props = check_pdf(path, lang, f"{pair.name}.{lang}")
            rows[props.name] = {**props.row(), "expect_error": pair.producer.zh_unmapped
                                and lang == "zh"}
    folder = corpus_folder() if real else None
    if folder is not None:
        for e in entries():
            props = check_pdf(folder / e.name, e.lang, f"realworld/{e.name}")
            rows[props.name] = {**props.row(), "producer": e.producer}
    return rows


def _fmt(v: dict) -> str:
    if v.get("error") and not v["produced"]:
        return "error"
    return f"{v['P']:.3f} / {v['R']:.3f} / {v['F1']:.3f}"


def gold_table(rows: dict) -> list[str]:
    variants = sorted({k for r in rows.values() for k in r}, key=lambda k: (k != "untm-pdf", k))
    out = ["| producer / document | " + " | ".join(f"{v} P / R / F1" for v in variants)
           + " | untm ≥ pdftotext |", "|---|" + "---|" * (len(variants) + 1)]
    for key, row in rows.items():
        best = max((row[v]["F1"] for v in variants if v != "untm-pdf"), default=0.0)
        ok = "yes" if row["untm-pdf"]["F1"] >= best else "**no**"
        out.append(f"| {key} | " + " | ".join(_fmt(row[v]) for v in variants) + f" | {ok} |")
    return out


def property_table(rows: dict) -> list[str]:
    out = ["| PDF | pages | segments | per 1,000 chars (untm / text path) | chars kept | "
           "Han gaps | CPU s/page | fails |", "|---|---|---|---|---|---|---|---|"]
    for name, r in rows.items():
        if r["error"]:
            status = ("expected error: " if r.get("expect_error") else "error: ") + str(
                r["error"]).split(": ", 1)[-1][:80]
            out.append(f"| {name} | {r['pages']} | – | – | – | – | {r['cpu_s_per_page']} | "
                       f"{status} |")
            continue
        kept = "–" if r["coverage"] is None else f"{r['coverage']:.2%}"
        text = "–" if r["text_density"] is None else f"{r['text_density']:.1f}"
        fails = "; ".join(r["failures"]) or "ok"
        out.append(f"| {name} | {r['pages']} | {r['segments']} | {r['density']:.1f} / {text} | "
                   f"{kept} | {r['han_gaps']} | {r['cpu_s_per_page']} | {fails[:160]} |")
    return out


def totals(rows: dict) -> dict:
    out: dict[str, dict[str, float]] = {}
    for row in rows.values():
        for variant, v in row.items():
            t = out.setdefault(variant, {"matched": 0, "produced": 0, "gold": 0})
            for k in ("matched", "produced", "gold"):
                t[k] += v[k]
    for t in out.values():
        p = t["matched"] / t["produced"] if t["produced"] else 0.0
        r = t["matched"] / t["gold"] if t["gold"] else 0.0
        t.update(P=round(p, 4), R=round(r, 4), F1=round(2 * p * r / (p + r), 4) if p + r else 0)
    return out


def summary(rows: dict) -> dict[str, int]:
    files = [r for r in rows.values() if not r.get("expect_error")]
    return {
        "pdfs": len(rows),
        "all properties hold": sum(1 for r in files if not r["failures"] and not r["error"]),
        # a text layer without Unicode meaning: the one-line error is what the issue asks
        "the expected one-line error": sum(1 for r in rows.values()
                                           if r.get("expect_error")
                                           and "no Unicode mapping" in str(r["error"])),
        "segment density off": sum(1 for r in files if any("density" in f for f in r["failures"])),
        "characters lost": sum(1 for r in files if any("characters kept" in f
                                                       for f in r["failures"])),
        "Han gaps": sum(1 for r in files if r["han_gaps"]),
        "crash": sum(1 for r in rows.values() if r["crash"]),
        "over 2 CPU s per page": sum(1 for r in rows.values() if r["cpu_s_per_page"] > 2.0),
        "worst CPU s per page": max((r["cpu_s_per_page"] for r in rows.values()), default=0),
    }


def write(stem: str, title: str, data: dict, intro: list[str], *, save: bool = True) -> None:
    if save:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / f"{stem}.json").write_text(
            json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    md = [f"# {title}", "", *intro, "", "## Against gold (strict units)", "",
          *gold_table(data["gold"]), "", "Totals: " + "; ".join(
              f"{k} P {v['P']:.3f} R {v['R']:.3f} F1 {v['F1']:.3f}"
              for k, v in data["gold_total"].items()), "",
          "## Properties (tests/pdfcheck.py)", "",
          "Summary: " + ", ".join(f"{k} {v}" for k, v in data["property_summary"].items()), "",
          *property_table(data["properties"]), ""]
    if data.get("shapes"):
        md += ["## What each file's text layer looks like (PDFium)", "",
               "| file | shape |", "|---|---|",
               *(f"| {k} | {v} |" for k, v in data["shapes"].items()), ""]
    if save:
        (RESULTS / f"{stem}.md").write_text("\n".join(md), encoding="utf-8")
    print("\n".join(md))


def _names(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mode", default="best")
    parser.add_argument("--no-heldout", action="store_true")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--docs", type=_names, help="only these documents (comma-separated: "
                        + ", ".join(d.name for d in DOCS) + ")")
    parser.add_argument("--producers", type=_names, help="only these producers (comma-separated: "
                        + ", ".join(BY_NAME) + "); results not written")
    args = parser.parse_args()
    baseline = not args.no_baseline and shutil.which("pdftotext") is not None
    docs = [d for d in DOCS if not (args.no_heldout and d.heldout)
            and (args.docs is None or d.name in args.docs)]
    producers = [p for p in PRODUCERS if args.producers is None or p.name in args.producers]
    unknown = set(args.docs or ()) - {d.name for d in DOCS} | set(args.producers or ()) - set(
        BY_NAME)
    if unknown:
        parser.error(f"unknown document or producer: {', '.join(sorted(unknown))}")

    def complete(heldout: bool) -> bool:  # every document of the set, every producer
        return args.producers is None and all(
            d in docs for d in DOCS if d.heldout == heldout)

    start = time.perf_counter()
    matrix: Matrix = build_matrix(args.cache, docs, producers)
    build_seconds = round(time.perf_counter() - start, 1)
    command = "python bench/bench_pdf_producers.py " + " ".join(sys.argv[1:])
    for heldout in (False, True):
        pairs = [p for p in matrix.pairs if p.doc.heldout == heldout]
        if not pairs:
            continue
        with tempfile.TemporaryDirectory() as name:
            gold = gold_rows(pairs, args.mode, baseline, Path(name))
        save = complete(heldout)
        props = property_rows(pairs, real=not heldout and save)
        data = {
            "command": command, "mode": args.mode, "matrix": str(matrix.folder),
            "skipped": matrix.skipped, "build_seconds_this_run": matrix.seconds,
            "build_total_seconds": build_seconds,
            "gold": gold, "gold_total": totals(gold),
            "properties": props, "property_summary": summary(props),
            "shapes": {} if heldout else {f"{p.name}.{lang}": describe(path).line()
                                          for p in pairs for lang, path in p.files()},
        }
        intro = [
            f"Command: `{command}` (mode {args.mode}). Matrix: "
            f"{len({p.producer.name for p in pairs})} producers × "
            f"{len({p.doc.name for p in pairs})} documents; skipped: "
            f"{matrix.skipped or 'none'}; built in this run: {matrix.seconds or 'all cached'} "
            f"(s).",
            "`untm-pdf`: the PDFs read by untm; `pdftotext`, `pdftotext-layout`: poppler's "
            "converter, then untm's text path (the baseline). 'error' = a typed error (expected "
            "for the Chinese of ghostscript, ghostscript-1tf and unmapped-pua: no Unicode "
            "mapping).",
        ]
        if heldout:
            write("pdf_producers_heldout", "HELD OUT: real UN texts through the PDF producers",
                  data, ["**Held out: do not look at these rows while building or tuning the "
                         "PDF reader.**", "", *intro], save=save)
        else:
            write("pdf_producers", "PDF producer matrix and real-world PDFs (issue 16)", data,
                  intro, save=save)
    return 0


if __name__ == "__main__":
    sys.exit(main())
