"""Choosing the PDF library by measurement: pypdfium2 (PDFium) versus pdfminer.six.

Usage: python bench/bench_pdf_libs.py [--repeats 3]

On the generated UN-style seed PDFs (tests/pdfgen.py: every layout, zh and en; CID fonts without
embedding, an embedded TrueType CJK font, standard Latin fonts, a text layer that spaces out Han
characters) each library extracts every character with its box and font size — what the layout
analysis needs:
- speed: pages per CPU second (best of --repeats), and for pdfminer also with its own layout
  analysis (LAParams) as users usually call it;
- text errors against what was drawn: content characters missing (the items' text, multiset),
  characters that were never drawn (beyond the content and the page furniture drawn), and
  unmapped glyphs (U+FFFD, "(cid:N)").
Writes bench/results/pdf_libs.md and .json.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

from pdfgen import LAYOUTS, TABLE, Layout, has_font, render_pdf, seed_items  # noqa: E402

RESULTS = REPO / "bench" / "results"


def pdfium_chars(path: Path) -> tuple[int, str]:
    from untm.aligner.pdflayout.chars import read_pdf_chars

    pages = read_pdf_chars(path.read_bytes(), str(path))
    return len(pages), "".join(c.ch for p in pages for c in p.chars)


def pdfminer_chars(path: Path) -> tuple[int, str]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar

    out: list[str] = []
    n = 0
    for page in extract_pages(str(path), laparams=None):
        n += 1
        for item in page:
            if isinstance(item, LTChar):
                _ = (item.bbox, item.size, item.fontname)  # what the layout would use
                out.append(item.get_text())
    return n, "".join(out)


def pdfminer_layout(path: Path) -> tuple[int, str]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer

    out: list[str] = []
    n = 0
    for page in extract_pages(str(path), laparams=LAParams()):
        n += 1
        out.extend(el.get_text() for el in page if isinstance(el, LTTextContainer))
    return n, "".join(out)


def _drawn(lang: str, layout: Layout, pages: int) -> tuple[Counter[str], Counter[str]]:
    """(content characters, furniture characters) the generator drew."""
    content: Counter[str] = Counter()
    for item in seed_items(lang):
        content.update(ch for ch in item.text if not ch.isspace())
    for row in TABLE[lang]:
        content.update(ch for cell in row for ch in cell if not ch.isspace())
    furniture: Counter[str] = Counter()
    furniture.update(layout.symbol * pages)
    furniture.update("".join(str(n) for n in range(1, pages + 1)) + "--" * pages)
    furniture.update(layout.job + "*" + re.sub(r"\D", "", layout.job)[:7] + "*Pleaserecycle")
    furniture.update("12")  # the two body reference markers
    furniture = Counter({k: v for k, v in furniture.items() if not k.isspace()})
    return content, furniture


def _errors(text: str, content: Counter[str], furniture: Counter[str]) -> dict[str, int]:
    unmapped = text.count("\ufffd") + len(re.findall(r"\(cid:\d+\)", text))
    got = Counter(ch for ch in re.sub(r"\(cid:\d+\)", "", text) if not ch.isspace())
    got.subtract({"\ufffd": got["\ufffd"]})
    missing = sum((content - got).values())
    extra = sum((got - content - furniture).values())
    return {"missing": missing, "never_drawn": extra, "unmapped": unmapped}


def _cpu(func: Callable[[], object], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        func()
        best = min(best, time.process_time() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    libs: dict[str, Callable[[Path], tuple[int, str]]] = {
        "pypdfium2": pdfium_chars,
        "pdfminer.six": pdfminer_chars,
        "pdfminer.six+LAParams": pdfminer_layout,
    }
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as name:
        for layout in LAYOUTS:
            if not has_font(layout):
                continue
            for lang in ("zh", "en"):
                path = render_pdf(seed_items(lang), lang, layout,
                                  Path(name) / f"{layout.name}.{lang}.pdf")
                for lib, func in libs.items():
                    pages, text = func(path)
                    content, furniture = _drawn(lang, layout, pages)
                    cpu = _cpu(lambda f=func, p=path: f(p), args.repeats)
                    row = {"pdf": f"{layout.name}.{lang}", "library": lib, "pages": pages,
                           "pages_per_cpu_s": round(pages / cpu, 1),
                           "content_chars": sum(content.values()),
                           **_errors(text, content, furniture)}
                    rows.append(row)
                    print(row, flush=True)
    totals: dict[str, dict[str, float]] = {}
    for lib in libs:
        mine = [r for r in rows if r["library"] == lib]
        pages = sum(r["pages"] for r in mine)
        seconds = sum(r["pages"] / r["pages_per_cpu_s"] for r in mine)
        totals[lib] = {"pages_per_cpu_s": round(pages / seconds, 1),
                       **{k: sum(r[k] for r in mine) for k in
                          ("content_chars", "missing", "never_drawn", "unmapped")}}
    data = {"command": "python bench/bench_pdf_libs.py " + " ".join(sys.argv[1:]),
            "rows": rows, "totals": totals}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "pdf_libs.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    md = ["# PDF library: pypdfium2 versus pdfminer.six", "",
          f"Command: `{data['command']}`. Characters with box and font size from the generated "
          "seed PDFs (every layout, zh and en); CPU time of one core, best of "
          f"{args.repeats}. `missing`: drawn content characters not extracted; `never_drawn`: "
          "extracted characters beyond the drawn content and furniture; `unmapped`: U+FFFD or "
          "(cid:N).", "",
          "| library | pages / CPU s | content chars | missing | never drawn | unmapped |",
          "|---|---|---|---|---|---|",
          *(f"| {lib} | {t['pages_per_cpu_s']} | {t['content_chars']} | {t['missing']} | "
            f"{t['never_drawn']} | {t['unmapped']} |" for lib, t in totals.items()),
          "", "Per PDF:", "",
          "| pdf | library | pages | pages / CPU s | missing | never drawn | unmapped |",
          "|---|---|---|---|---|---|---|",
          *(f"| {r['pdf']} | {r['library']} | {r['pages']} | {r['pages_per_cpu_s']} | "
            f"{r['missing']} | {r['never_drawn']} | {r['unmapped']} |" for r in rows), ""]
    (RESULTS / "pdf_libs.md").write_text("\n".join(md), encoding="utf-8")
    print("\n".join(md))
    return 0


if __name__ == "__main__":
    sys.exit(main())
