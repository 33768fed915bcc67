"""Speed of the PDF reader: pages per CPU second, and its share of a whole `untm align`.

Usage: python bench/bench_pdf_speed.py [--copies 8] [--mode best] [--repeats 3]
                                      [--align-repeats 2]

A ~30-page UN-style pair: the seed report `--copies` times in one PDF per language (tests/pdfgen.py,
layout un-times), and the same report as text (the seed .txt files repeated) for the text path.
- reading + layout: CPU time (`time.process_time`, one core) of `read_document` on each PDF, best
  of `--repeats`; the raw character extraction alone (`pdflayout.chars`) beside it;
- the whole `untm align A.zh.pdf A.en.pdf -o A.tmx` (the installed script, wall time, models
  loaded as a user gets them; best of `--align-repeats`) and the share of it that reading both
  PDFs takes (wall);
- side by side: the same for the text files.
Targets (issue 12): >= 50 pages/s per core; reading < 10% of the align time.
Writes bench/results/pdf_speed.md and .json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

from pdfgen import LAYOUTS, render_pdf, repeated, seed_items  # noqa: E402

from untm.aligner.read import read_document  # noqa: E402

RESULTS = REPO / "bench" / "results"
SEED = REPO / "seeds" / "000_a932ec9d51e334cb"


def _best(func: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Best (CPU seconds, wall seconds) of `repeats` runs."""
    cpu, wall = float("inf"), float("inf")
    for _ in range(repeats):
        c0, w0 = time.process_time(), time.perf_counter()
        func()
        cpu = min(cpu, time.process_time() - c0)
        wall = min(wall, time.perf_counter() - w0)
    return cpu, wall


def _pages(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        return len(pdf)
    finally:
        pdf.close()


def _align_wall(zh: Path, en: Path, out: Path, mode: str, repeats: int) -> float:
    """Best wall time of `repeats` runs of the installed `untm align` (best, as the reading
    times are: the share compares like with like)."""
    untm = shutil.which("untm") or str(Path(sys.executable).parent / "untm")
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([untm, "align", str(zh), str(en), "-o", str(out), "--mode", mode],
                       check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=8)
    parser.add_argument("--mode", default="best")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--align-repeats", type=int, default=2)
    args = parser.parse_args()
    from untm.aligner.pdflayout.chars import read_pdf_chars

    rows: dict = {}
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        layout = LAYOUTS[0]
        pdf = {lang: render_pdf(repeated(seed_items(lang), args.copies), lang, layout,
                                tmp / f"doc.{lang}.pdf") for lang in ("zh", "en")}
        txt = {}
        for lang, src in (("zh", SEED.with_suffix(".txt")), ("en", SEED.with_suffix(".en.txt"))):
            text = src.read_text(encoding="utf-8").rstrip("\n") + "\n\f\n"
            txt[lang] = tmp / f"doc.{lang}.txt"
            txt[lang].write_text(text * args.copies, encoding="utf-8")
        read_document(pdf["zh"], "zh")  # warm-up (imports, the word list)
        read_document(pdf["en"], "en")
        for lang in ("zh", "en"):
            pages = _pages(pdf[lang])
            data = pdf[lang].read_bytes()
            raw_cpu, _ = _best(lambda d=data: read_pdf_chars(d, "x"), args.repeats)
            cpu, wall = _best(lambda lg=lang: read_document(pdf[lg], lg), args.repeats)
            txt_cpu, txt_wall = _best(lambda lg=lang: read_document(txt[lg], lg), args.repeats)
            rows[lang] = {
                "pages": pages,
                "read_pdf_cpu_s": round(cpu, 4),
                "read_pdf_wall_s": round(wall, 4),
                "pages_per_cpu_s": round(pages / cpu, 1),
                "chars_only_pages_per_cpu_s": round(pages / raw_cpu, 1),
                "read_txt_cpu_s": round(txt_cpu, 4),
                "read_txt_wall_s": round(txt_wall, 4),
            }
            print(lang, rows[lang], flush=True)
        align_pdf = _align_wall(pdf["zh"], pdf["en"], tmp / "pdf.tmx", args.mode,
                                args.align_repeats)
        align_txt = _align_wall(txt["zh"], txt["en"], tmp / "txt.tmx", args.mode,
                                args.align_repeats)
    read_pdf = rows["zh"]["read_pdf_wall_s"] + rows["en"]["read_pdf_wall_s"]
    read_txt = rows["zh"]["read_txt_wall_s"] + rows["en"]["read_txt_wall_s"]
    data_out = {
        "command": "python bench/bench_pdf_speed.py " + " ".join(sys.argv[1:]),
        "copies": args.copies,
        "mode": args.mode,
        "sides": rows,
        "align_pdf_wall_s": round(align_pdf, 2),
        "align_txt_wall_s": round(align_txt, 2),
        "read_share_pdf": round(read_pdf / align_pdf, 4),
        "read_share_txt": round(read_txt / align_txt, 4),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "pdf_speed.json").write_text(json.dumps(data_out, indent=1) + "\n",
                                            encoding="utf-8")
    md = [
        "# PDF reader speed",
        "",
        f"Command: `{data_out['command']}`. The seed report x{args.copies} in one UN-style PDF per "
        "language (layout un-times), and the same text x{0} as .txt for the text path. CPU "
        "seconds are one core (`time.process_time`), best of {1}; the align runs are the "
        "installed `untm align` script, wall time, best of {2} each (models loaded as a user "
        "gets them; the machine was shared).".format(args.copies, args.repeats,
                                                     args.align_repeats),
        "",
        "| side | pages | read+layout CPU s | pages / CPU s | characters only: pages / CPU s "
        "| text path read CPU s |",
        "|---|---|---|---|---|---|",
        *(f"| {lang} | {r['pages']} | {r['read_pdf_cpu_s']} | {r['pages_per_cpu_s']} | "
          f"{r['chars_only_pages_per_cpu_s']} | {r['read_txt_cpu_s']} |"
          for lang, r in rows.items()),
        "",
        f"`untm align` (mode {args.mode}): PDFs {data_out['align_pdf_wall_s']} s, reading both "
        f"PDFs {read_pdf:.3f} s = **{data_out['read_share_pdf']:.1%}** of it; text files "
        f"{data_out['align_txt_wall_s']} s, reading {read_txt:.3f} s = "
        f"{data_out['read_share_txt']:.1%}.",
        "",
    ]
    (RESULTS / "pdf_speed.md").write_text("\n".join(md), encoding="utf-8")
    print("\n".join(md))
    return 0


if __name__ == "__main__":
    sys.exit(main())
