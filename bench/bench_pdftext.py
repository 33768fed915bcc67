"""PDF-extracted text: unit precision/recall against gold on the seed pair and the real UN pairs.

Usage: python bench/bench_pdftext.py [--out pdftext] [--mode best] [--only NAME]

Every pair is aligned by `untm.pipeline.align_files` (what `untm align` runs) from text files laid
out as PDF extraction writes them (`tests/extracted_text.py`):
- `source`: the files as they are (seed: the PDF-extracted seed with blank lines; UN pairs: one
  paragraph or sentence a line);
- `wrapped`: wrapped at a page width (Times-like widths for English, 46 Han characters a line),
  no blank lines between paragraphs, a running header and a page number at every page break;
- `wrapped+spaced`: the same with the Chinese justified lines spaced out ("联 合 国 大 会");
- `source+spaced`: the source with every Chinese line spaced out;
- seed `x20`: the seed pair repeated 20 times (as bench_scaling.py builds it), scored against the
  gold repeated 20 times;
- `pdftotext`, `pdftotext-layout`: `pdftotext` (Debian poppler-utils, a bench tool only) of the
  UN-style PDFs of the seed pair that `tests/pdfgen.py` renders (each development layout, and 20
  copies in one PDF), scored against the seed gold plus the pairs the PDFs add (footnotes, a
  table), when both are available.
Units are compared with gold with all white space removed (`untm.goldscore.score_units`); where
the gold units are paragraphs (UDHR, SDG) the pair is aligned with `segtype="paragraph"`, so
those rows measure paragraph recovery exactly.
Writes bench/results/<out>.md and .json.
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
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # as pytest has it
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.macdata import REPO
from tests.extracted_text import Layout, extracted
from untm.aligner.language import HAN_CLASS

HAN_GAP = re.compile(rf"{HAN_CLASS}\s+(?={HAN_CLASS})")
RESULTS = REPO / "bench" / "results"
SHARED = REPO.parent / "shared"
UN = SHARED / "un"
STEM = "000_a932ec9d51e334cb"
SEED_ZH = REPO / "seeds" / f"{STEM}.txt"
SEED_EN = REPO / "seeds" / f"{STEM}.en.txt"
GOLD = SHARED / "seeds" / "gold" / STEM
ZH_LAYOUT = Layout(width_em=40, lines_per_page=40)
EN_LAYOUT = Layout(width_em=44, lines_per_page=48)


@dataclass(frozen=True)
class Pair:
    """A document pair: its paragraphs (or the source files) and its gold units."""

    name: str
    zh: list[str]
    en: list[str]
    gold: list[tuple[str, str]]
    symbol: str
    zh_source: str  # the text as the data has it
    en_source: str
    segtype: str = "sentence"  # "paragraph" where the gold units are paragraphs (UDHR, SDG)


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _seed() -> Pair:
    from untm.aligner.read import read_document
    from untm.goldscore import gold_units

    gold = gold_units(GOLD.with_suffix(".zh"), GOLD.with_suffix(".en"), GOLD.with_suffix(".align"))
    zh = [p.text for p in read_document(SEED_ZH, "zh").paragraphs]
    en = [p.text for p in read_document(SEED_EN, "en").paragraphs]
    return Pair(
        "seed", zh, en, gold, "HSP/HA.2/7/Add.1",
        SEED_ZH.read_text(encoding="utf-8"), SEED_EN.read_text(encoding="utf-8"),
    )


def _line_pair(name: str, zh_path: Path, en_path: Path, gold_ids: list[tuple[list[int], list[int]]],
               symbol: str, segtype: str) -> Pair:
    zh, en = _lines(zh_path), _lines(en_path)
    gold = [("".join(zh[i] for i in z), " ".join(en[j] for j in e)) for z, e in gold_ids if z and e]
    return Pair(name, zh, en, gold, symbol, "\n".join(zh) + "\n", "\n".join(en) + "\n", segtype)


def _ids(cell: str) -> list[int]:
    return [int(x) for x in cell.split(",") if x.strip()]


def pairs() -> Iterator[Pair]:
    """The seed pair, UDHR, the two SDG lists and the seven 2023 UN documents."""
    yield _seed()
    rows = [r.split("\t") for r in _lines(UN / "udhr" / "udhr.gold_alignment.tsv")[1:]]
    yield _line_pair("udhr", UN / "udhr" / "udhr.zh.txt", UN / "udhr" / "udhr.en.txt",
                     [(_ids(r[1]), _ids(r[0])) for r in rows], "A/RES/217(III)", "paragraph")
    for stem in ("sdg_goals_targets", "sdg_indicators"):
        n = len(_lines(UN / "sdg" / f"{stem}.en.txt"))
        yield _line_pair(stem, UN / "sdg" / f"{stem}.zh.txt", UN / "sdg" / f"{stem}.en.txt",
                         [([i], [i]) for i in range(n)], "A/RES/70/1", "paragraph")
    for zh_path in sorted((UN / "ecosoc2023").glob("*.zh.txt")):
        stem = zh_path.name.removesuffix(".zh.txt")
        rows = [r.split("\t") for r in _lines(zh_path.with_name(f"{stem}.pairs.tsv"))[1:]]
        yield _line_pair(stem[:2] + "_" + stem.split("_")[1][:24], zh_path,
                         zh_path.with_name(f"{stem}.en.txt"),
                         [([int(r[1])], [int(r[0])]) for r in rows], "E/2023/INF/1", "sentence")


def variants(pair: Pair) -> Iterator[tuple[str, str, str, int]]:
    """(variant, zh text, en text, copies) for one pair."""
    zh_layout = Layout(**{**ZH_LAYOUT.__dict__, "header": pair.symbol})
    en_layout = Layout(**{**EN_LAYOUT.__dict__, "header": pair.symbol})
    yield "source", pair.zh_source, pair.en_source, 1
    yield "wrapped", extracted(pair.zh, "zh", zh_layout), extracted(pair.en, "en", en_layout), 1
    spaced = Layout(**{**zh_layout.__dict__, "spaced": "justified"})
    yield "wrapped+spaced", extracted(pair.zh, "zh", spaced), extracted(pair.en, "en", en_layout), 1
    all_spaced = Layout(width_em=10_000, lines_per_page=10**6, page_numbers=False, spaced="all")
    if pair.name == "seed":
        from tests.extracted_text import space_out

        zh_spaced = "\n".join(space_out(line) for line in pair.zh_source.split("\n"))
    else:
        zh_spaced = extracted(pair.zh, "zh", all_spaced)
    yield "source+spaced", zh_spaced, pair.en_source, 1
    if pair.name == "seed":
        copies = 20
        zh = (pair.zh_source.rstrip("\n") + "\n\n") * copies
        en = (pair.en_source.rstrip("\n") + "\n\n") * copies
        yield "x20", zh, en, copies


Variant = tuple[str, str, str, int, list[tuple[str, str]] | None]


def pdf_variants(pair: Pair, tmp: Path) -> Iterator[Variant]:
    """pdftotext output (plain and -layout) of the UN-style PDFs of the seed pair that
    tests/pdfgen.py renders (its development layouts, not the one kept aside), and of 20 copies
    in one PDF; the gold is the seed gold plus the pairs the generated PDFs add."""
    if pair.name != "seed" or shutil.which("pdftotext") is None:
        return
    try:
        from tests import pdfgen
    except ImportError:  # reportlab not installed
        return
    gold = pair.gold + list(pdfgen.EXTRA_PAIRS)
    docs = [(layout, 1) for layout in pdfgen.LAYOUTS if pdfgen.has_font(layout)]
    docs.append((pdfgen.LAYOUTS[0], 20))
    for layout, copies in docs:
        texts = {}
        for lang in ("zh", "en"):
            pdf = tmp / f"{layout.name}.{copies}.{lang}.pdf"
            pdfgen.render_pdf(pdfgen.repeated(pdfgen.seed_items(lang), copies), lang, layout, pdf)
            for flag in ("", "-layout"):
                args = ["pdftotext", "-enc", "UTF-8", *([flag] if flag else []), str(pdf), "-"]
                out = subprocess.run(args, check=True, capture_output=True).stdout
                texts[lang, flag] = out.decode("utf-8")
        for flag in ("", "-layout"):
            name = f"pdftotext{flag} {layout.name}" + (f" x{copies}" if copies > 1 else "")
            yield name, texts["zh", flag], texts["en", flag], copies, gold


def run(pair: Pair, variant: str, zh_text: str, en_text: str, copies: int, mode: str,
        tmp: Path, gold: list[tuple[str, str]] | None = None) -> dict[str, object]:
    from untm.pipeline import AlignOptions, align_files, score_units, to_units

    zh, en = tmp / "doc.zh.txt", tmp / "doc.en.txt"
    zh.write_text(zh_text, encoding="utf-8")
    en.write_text(en_text, encoding="utf-8")
    start = time.perf_counter()
    result = align_files(zh, en, AlignOptions(mode=mode, segtype=pair.segtype))
    seconds = time.perf_counter() - start
    units = to_units(result, source_name=pair.name)
    score = score_units([(u.source, u.target) for u in units], (gold or pair.gold) * copies)
    han_gaps = sum(len(HAN_GAP.findall(u.source)) for u in units)
    f1 = 2 * score.matched / (score.produced + score.gold) if score.produced + score.gold else 0.0
    return {
        "pair": pair.name,
        "variant": variant,
        "segtype": pair.segtype,
        "precision": round(score.precision, 4),
        "recall": round(score.recall, 4),
        "f1": round(f1, 4),
        "matched": score.matched,
        "units": score.produced,
        "gold": score.gold,
        "segments_zh": len(result.src_segments),
        "segments_en": len(result.tgt_segments),
        "furniture_zh": len(result.src_furniture),
        "furniture_en": len(result.tgt_furniture),
        "han_gaps": han_gaps,
        "seconds": round(seconds, 2),
    }


def _git_commit() -> str:
    out = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                         capture_output=True, text=True, check=False)
    return out.stdout.strip() or "unknown"


def _table(rows: list[dict[str, object]]) -> list[str]:
    lines = [
        "| pair | variant | P | R | F1 | units / gold | segments zh / en | furniture zh / en "
        "| Han pairs split |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['pair']} | {r['variant']} | {r['precision']:.3f} | {r['recall']:.3f} | "
            f"{r['f1']:.3f} | {r['units']} / {r['gold']} | {r['segments_zh']} / "
            f"{r['segments_en']} | {r['furniture_zh']} / {r['furniture_en']} | {r['han_gaps']} |"
        )
    return lines


def _summary(rows: list[dict[str, object]]) -> list[str]:
    """Micro-averaged P/R per variant over the UN pairs (everything but the seed)."""
    by: dict[str, list[int]] = {}
    for r in rows:
        if r["pair"] == "seed":
            continue
        acc = by.setdefault(str(r["variant"]), [0, 0, 0])
        acc[0] += int(r["matched"])  # type: ignore[call-overload]
        acc[1] += int(r["units"])  # type: ignore[call-overload]
        acc[2] += int(r["gold"])  # type: ignore[call-overload]
    lines = ["| variant (UN pairs, micro) | P | R | F1 |", "|---|---|---|---|"]
    for variant, (m, p, g) in by.items():
        f1 = 2 * m / (p + g) if p + g else 0.0
        precision, recall = m / p if p else 0.0, m / g if g else 0.0
        lines.append(f"| {variant} | {precision:.3f} | {recall:.3f} | {f1:.3f} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="pdftext", help="results file stem in bench/results/")
    parser.add_argument("--mode", default="best")
    parser.add_argument("--only", default="", help="only pairs whose name contains this")
    parser.add_argument("--pdf-only", action="store_true", help="only the pdftotext variants")
    args = parser.parse_args()
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        for pair in pairs():
            if args.only not in pair.name:
                continue
            made = [(*v, None) for v in variants(pair)] if not args.pdf_only else []
            for variant, zh, en, copies, gold in [*made, *pdf_variants(pair, tmp)]:
                row = run(pair, variant, zh, en, copies, args.mode, tmp, gold)
                rows.append(row)
                print(_table([row])[-1], flush=True)
    result = {"commit": _git_commit(), "mode": args.mode, "rows": rows}
    (RESULTS / f"{args.out}.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    lines = [
        f"# PDF-extracted text: units against gold (mode {args.mode}, commit {result['commit']})",
        "",
        f"Command: `python bench/bench_pdftext.py --out {args.out}`. Variants: see the script's "
        "docstring. P/R: units equal to a gold unit (white space removed) over units produced / "
        "gold units.",
        "",
        *_summary(rows),
        "",
        *_table(rows),
    ]
    (RESULTS / f"{args.out}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(_summary(rows)))


if __name__ == "__main__":
    main()
