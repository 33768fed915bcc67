"""Read time per page for each input format untm reads.

Usage: python bench/bench_read_formats.py [--copies 10] [--repeats 3]

The seed report (with the extras of tests/pdfgen.py: numbered footnotes and a table), repeated
`--copies` times, is made in every format: plain text (one paragraph a block), .docx
(python-docx), .doc, .odt, .fodt and .rtf (LibreOffice's conversions of that .docx), a UN-style
site page (.html, tests/sitegen.py) and a UN-style PDF (tests/pdfgen.py, first layout). Each
file is read by `untm.aligner.read.read_document` (reading, cleaning, language check), best of
`--repeats`; pages are the PDF's page count, the same text in every format. Wall time includes
the LibreOffice conversion of a .doc; CPU time counts untm's process and its children
(LibreOffice). Ratios are to plain text, measured in the same run.

Writes bench/results/read_formats.md and .json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

from docgen import convert, soffice, write_docx  # noqa: E402
from pdfgen import LAYOUTS, render_pdf, seed_items  # noqa: E402
from sitegen import un_page  # noqa: E402

RESULTS = REPO / "bench" / "results"


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def make_files(folder: Path, lang: str, copies: int) -> tuple[dict[str, Path], int]:
    """The same text in every format, and its page count as a PDF."""
    import pypdfium2

    items = seed_items(lang) * copies
    files: dict[str, Path] = {}
    pdf = render_pdf(items, lang, LAYOUTS[0], folder / f"seed.{lang}.pdf")
    pages = len(pypdfium2.PdfDocument(str(pdf)))
    files["pdf"] = pdf
    txt = folder / f"seed.{lang}.txt"
    txt.write_text("\n\n".join(" ".join(i.cells) if i.cells else i.text for i in items) + "\n",
                   encoding="utf-8")  # fmt: skip
    files["txt"] = txt
    docx = write_docx(items, lang, folder / f"seed.{lang}.docx", auto_numbering=lang == "en",
                      custom_marks=False)  # fmt: skip
    files["docx"] = docx
    html = folder / f"seed.{lang}.html"
    html.write_text(un_page(items, lang, "semantic").html, encoding="utf-8")
    files["html"] = html
    if soffice() is not None:
        for fmt in ("doc", "odt", "fodt", "rtf"):
            files[fmt] = convert(docx, fmt, folder / fmt)
    return files, pages


def measure(path: Path, lang: str, repeats: int) -> dict[str, float]:
    from untm.aligner.read import read_document

    walls, cpus = [], []
    paragraphs = 0
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), _cpu()
        doc = read_document(path, lang)
        walls.append(time.perf_counter() - wall)
        cpus.append(_cpu() - cpu)
        paragraphs = len(doc.paragraphs)
    return {"wall_s": min(walls), "cpu_s": min(cpus), "paragraphs": paragraphs}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for lang in ("zh", "en"):
            folder = Path(tmp) / lang
            folder.mkdir()
            files, pages = make_files(folder, lang, args.copies)
            for fmt, path in files.items():
                m = measure(path, lang, args.repeats)
                rows.append({"lang": lang, "format": fmt, "pages": pages,
                             "bytes": path.stat().st_size, **m,
                             "wall_ms_per_page": round(1000 * m["wall_s"] / pages, 2),
                             "cpu_ms_per_page": round(1000 * m["cpu_s"] / pages, 2)})  # fmt: skip
    for row in rows:
        base = next(r for r in rows if r["lang"] == row["lang"] and r["format"] == "txt")
        row["cpu_x_txt"] = round(row["cpu_s"] / max(base["cpu_s"], 1e-9), 1)
    data = {"copies": args.copies, "repeats": args.repeats, "libreoffice": soffice() is not None,
            "rows": rows}  # fmt: skip
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "read_formats.json").write_text(json.dumps(data, indent=1), encoding="utf-8")
    lines = [
        "# Read time per page, by input format", "",
        f"`python bench/bench_read_formats.py --copies {args.copies} --repeats {args.repeats}`: "
        "the seed report with its extras repeated, the same text in every format; "
        "`read_document` (read, clean, language check), best of the repeats. Pages: the PDF's. "
        ".doc includes its LibreOffice conversion (a fresh private profile each time); CPU "
        "counts LibreOffice's too.", "",
        "| lang | format | pages | paragraphs | wall ms/page | CPU ms/page | CPU x .txt |",
        "|---|---|---|---|---|---|---|",
    ]  # fmt: skip
    for r in rows:
        lines.append(f"| {r['lang']} | {r['format']} | {r['pages']} | {r['paragraphs']} "
                     f"| {r['wall_ms_per_page']} | {r['cpu_ms_per_page']} | {r['cpu_x_txt']} |")
    if not data["libreoffice"]:
        lines += ["", "LibreOffice is not installed: .doc, .odt, .fodt and .rtf were not made."]
    (RESULTS / "read_formats.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
