"""Choosing how to take a web page's own text out of its site, by measurement.

Usage:
    pip install trafilatura==2.3.1 readability-lxml==0.9 justext==3.0.2   # the candidates
    python bench/bench_html_extract.py [--readability-pages /path/to/mozilla-readability]

Candidates: untm's structural rules (`readers/htmlsite.py`: the page's `<main>`/`<article>` and
furniture blocks), trafilatura, readability-lxml and jusText (each skipped when not installed),
and the whole page as untm read it before (`none`).

1. UN-style site pages (tests/sitegen.py: the seed report, with its numbered footnotes and a
   table, in two site templates, both languages, different boilerplate per side, plus a list):
   content blocks kept whole, merged with another block, or lost (split or missing); boilerplate
   strings left in the text; and the pair's alignment against the seed gold (P/R of units).
2. Real web pages with a hand-checked main text, held out (never looked at while writing the
   rules): Mozilla Readability's test pages (Apache-2.0), three Chinese and nine English,
   token P/R against `expected.html` (Han characters and words). Readability's expected output
   favours readability-style extraction; it is the public reference there is.
3. Weight: install size of the package and the dependencies untm does not already have,
   import time, licences of the whole dependency closure.

Writes bench/results/html_extract.md and .json.
"""

from __future__ import annotations

import argparse
import importlib.metadata as md
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

from pdfgen import EXTRA_PAIRS, seed_items  # noqa: E402
from sitegen import TEMPLATES, Page, in_text, un_page  # noqa: E402

RESULTS = REPO / "bench" / "results"
GOLD = REPO.parent / "shared" / "seeds" / "gold"
STEM = "000_a932ec9d51e334cb"
HELD_OUT = {  # Mozilla Readability test pages: (folder, language)
    "gmw": "zh", "qq": "zh", "pixnet": "zh",
    "bbc-1": "en", "guardian-1": "en", "nytimes-1": "en", "wikipedia": "en", "mozilla-1": "en",
    "lwn-1": "en", "cnn": "en", "aclu": "en", "medium-1": "en",
}  # fmt: skip
#: each candidate's distributions beyond what untm already installs (for the install size)
CLOSURES = {
    "trafilatura": ["trafilatura", "courlan", "htmldate", "justext", "dateparser", "babel", "tld",
                    "python-dateutil", "pytz", "tzlocal", "urllib3", "certifi", "lxml_html_clean"],
    "readability-lxml": ["readability-lxml", "cssselect", "chardet", "lxml_html_clean"],
    "justext": ["justext", "lxml_html_clean"],
}  # fmt: skip
MODULES = {"trafilatura": "trafilatura", "readability-lxml": "readability", "justext": "justext"}


# --- the candidates: HTML text → blocks -----------------------------------------------------------
def structural(html: str, lang: str) -> list[str]:
    from untm.aligner.readers.html import read_html

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.html"
        path.write_text(html, encoding="utf-8")
        return [b.text for b in read_html(path, lang)[0]]


def whole_page(html: str, lang: str) -> list[str]:
    from untm.aligner.readers.html import read_html_blocks

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.html"
        path.write_text(html, encoding="utf-8")
        return [b.text for b in read_html_blocks(path, lang)]


def _fragment_blocks(fragment: str, lang: str) -> list[str]:
    """An extractor's HTML output split into blocks the way untm's reader splits HTML."""
    return whole_page(f"<html><body>{fragment}</body></html>", lang) if fragment.strip() else []


def trafilatura_blocks(html: str, lang: str) -> list[str]:
    import trafilatura

    text = trafilatura.extract(html, output_format="txt", include_tables=True,
                               include_comments=False, with_metadata=False) or ""
    return [line for line in text.split("\n") if line.strip()]


def readability_blocks(html: str, lang: str) -> list[str]:
    from readability import Document

    return _fragment_blocks(Document(html).summary(html_partial=True), lang)


def justext_blocks(html: str, lang: str) -> list[str]:
    import justext

    if lang == "zh":  # jusText has no Chinese stoplist: length and link density decide alone
        paragraphs = justext.justext(html.encode("utf-8"), frozenset(), stopwords_low=0,
                                     stopwords_high=0)
    else:
        paragraphs = justext.justext(html.encode("utf-8"), justext.get_stoplist("English"))
    return [p.text for p in paragraphs if not p.is_boilerplate]


def hybrid(html: str, lang: str) -> list[str]:
    """The page's own <main>/<article> when it has one (structural), else readability-lxml."""
    from lxml import etree

    from untm.xmlsafe import make_html_parser

    root = etree.fromstring(html, parser=make_html_parser())
    landmark = root is not None and any(
        isinstance(el.tag, str) and (el.tag in ("main", "article") or el.get("role") == "main")
        for el in root.iter()
    )
    return structural(html, lang) if landmark else readability_blocks(html, lang)


def filtered(html: str, lang: str) -> list[str]:
    """Structural; on a page without <main>/<article>, blocks readability-lxml leaves out go."""
    from lxml import etree

    from untm.xmlsafe import make_html_parser

    root = etree.fromstring(html, parser=make_html_parser())
    landmark = root is not None and any(
        isinstance(el.tag, str) and (el.tag in ("main", "article") or el.get("role") == "main")
        for el in root.iter()
    )
    blocks = structural(html, lang)
    if landmark:
        return blocks
    kept = tokens(" ".join(readability_blocks(html, lang)))
    out = []
    for b in blocks:
        t = tokens(b)
        if not t or sum((t & kept).values()) / sum(t.values()) >= 0.8:
            out.append(b)
    return out


CANDIDATES: dict[str, tuple[str | None, Callable[[str, str], list[str]]]] = {
    "structural + readability filter": ("readability", filtered),
    "structural (untm)": (None, structural),
    "landmark else readability": ("readability", hybrid),
    "trafilatura": ("trafilatura", trafilatura_blocks),
    "readability-lxml": ("readability", readability_blocks),
    "justext": ("justext", justext_blocks),
    "none (whole page)": (None, whole_page),
}


def available(module: str | None) -> bool:
    if module is None:
        return True
    try:
        __import__(module)
    except ImportError:
        return False
    return True


# --- 1. UN-style pages ----------------------------------------------------------------------------
def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def block_scores(blocks: list[str], content: tuple[str, ...], furniture: tuple[str, ...],
                 ) -> dict[str, int]:  # fmt: skip
    out = [_squash(b) for b in blocks]
    whole = merged = lost = 0
    for block in content:
        c = _squash(block)
        if c in out:
            whole += 1
        elif any(c in o for o in out):
            merged += 1
        else:
            lost += 1
    page_text = "".join(_squash(c) for c in content)
    checked = [f for f in furniture if len(f) >= 2 and _squash(f) not in page_text]
    text = "\n".join(blocks)
    leaked = sum(1 for f in checked if in_text(f, text))
    return {"blocks": len(content), "whole": whole, "merged": merged, "lost": lost,
            "boilerplate": len(checked), "leaked": leaked}  # fmt: skip


def _gold() -> list[tuple[str, str]]:
    from untm.pipeline import gold_units

    gold = gold_units(GOLD / f"{STEM}.zh", GOLD / f"{STEM}.en", GOLD / f"{STEM}.align")
    return gold + list(EXTRA_PAIRS)


def align_score(zh: list[str], en: list[str], folder: Path) -> dict[str, float]:
    from untm.pipeline import AlignOptions, align_files, score_units, to_units

    paths = []
    for lang, blocks in (("zh", zh), ("en", en)):
        path = folder / f"page.{lang}.txt"
        path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
        paths.append(path)
    units = to_units(align_files(paths[0], paths[1], AlignOptions()), source_name="page")
    score = score_units([(u.source, u.target) for u in units], _gold())
    return {"p": round(score.precision, 3), "r": round(score.recall, 3),
            "units": score.produced}  # fmt: skip


def align_html(pages: dict[str, Page], folder: Path) -> tuple[float, float]:
    """P and R of `untm align` on the two .html pages themselves."""
    from untm.pipeline import AlignOptions, align_files, score_units, to_units

    paths = []
    for lang in ("zh", "en"):
        path = folder / f"site.{lang}.html"
        path.write_text(pages[lang].html, encoding="utf-8")
        paths.append(path)
    units = to_units(align_files(paths[0], paths[1], AlignOptions()), source_name="page")
    score = score_units([(u.source, u.target) for u in units], _gold())
    return round(score.precision, 3), round(score.recall, 3)


def un_pages(names: list[str]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for template in TEMPLATES:
        pages = {lang: un_page(seed_items(lang), lang, template) for lang in ("zh", "en")}
        listed = {lang: un_page(seed_items(lang), lang, template, with_list=True)
                  for lang in ("zh", "en")}  # fmt: skip
        for name in names:
            extract = CANDIDATES[name][1]
            blocks = {lang: extract(pages[lang].html, lang) for lang in pages}
            start = time.process_time()
            for lang in listed:
                listed_blocks = extract(listed[lang].html, lang)
                scores = block_scores(listed_blocks, listed[lang].content, listed[lang].furniture)
                rows.append({"candidate": name, "template": template, "lang": lang, **scores})
            cpu = (time.process_time() - start) / 2
            with tempfile.TemporaryDirectory() as tmp:
                aligned = align_score(blocks["zh"], blocks["en"], Path(tmp))
                if name == "structural (untm)":  # what users get: untm align on the pages
                    aligned["html_p"], aligned["html_r"] = align_html(pages, Path(tmp))
            rows.append({"candidate": name, "template": template, "lang": "pair",
                         "cpu_ms": round(cpu * 1000, 1), **aligned})  # fmt: skip
    return rows


# --- 2. held-out real pages -----------------------------------------------------------------------
_TOKEN = re.compile(r"[\u3400-\u9fff]|[^\W\d_]+|\d+", re.UNICODE)


def tokens(text: str) -> Counter[str]:
    return Counter(t.lower() for t in _TOKEN.findall(text))


def _git_show(repo: Path, path: str) -> str:
    git_dir = repo / "repo" if (repo / "repo").is_dir() else repo
    out = subprocess.run(["git", f"--git-dir={git_dir}", "show", f"HEAD:{path}"],
                         capture_output=True, check=True)  # fmt: skip
    return out.stdout.decode("utf-8", "replace")


def held_out(repo: Path, names: list[str]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for page, lang in HELD_OUT.items():
        source = _git_show(repo, f"test/test-pages/{page}/source.html")
        expected_html = _git_show(repo, f"test/test-pages/{page}/expected.html")
        expected = tokens(" ".join(whole_page(expected_html, lang)))
        for name in names:
            try:
                got = tokens(" ".join(CANDIDATES[name][1](source, lang)))
            except Exception as exc:  # a candidate failing on a page is a result too
                rows.append({"candidate": name, "page": page, "error": str(exc)[:80]})
                continue
            common = sum((got & expected).values())
            p = common / max(sum(got.values()), 1)
            r = common / max(sum(expected.values()), 1)
            f1 = 2 * p * r / max(p + r, 1e-9)
            rows.append({"candidate": name, "page": page, "lang": lang, "p": round(p, 3),
                         "r": round(r, 3), "f1": round(f1, 3)})  # fmt: skip
    return rows


# --- 3. weight and licences -----------------------------------------------------------------------
def _licence(dist: md.Distribution) -> str:
    meta = dist.metadata
    expr = meta.get("License-Expression")
    if expr:
        return expr
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]  # fmt: skip
    lic = (meta.get("License") or "").strip().splitlines()
    return "; ".join(classifiers) or (lic[0][:60] if lic else "?")


def weight(candidate: str) -> dict[str, object]:
    size = 0
    licences: dict[str, str] = {}
    for name in CLOSURES[candidate]:
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            continue
        licences[f"{dist.metadata['Name']} {dist.version}"] = _licence(dist)
        for f in dist.files or []:
            located = Path(str(dist.locate_file(f)))
            if located.is_file():
                size += located.stat().st_size
    module = MODULES[candidate]
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
        times.append(time.perf_counter() - start)
    base = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        base.append(time.perf_counter() - start)
    return {"install_mb": round(size / 1e6, 1), "import_s": round(min(times) - min(base), 3),
            "licences": licences}  # fmt: skip


# --- report ---------------------------------------------------------------------------------------
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--readability-pages", type=Path,
                        default=Path("/work/.mirror/mozilla+readability"),
                        help="a clone (or bare repository) of mozilla/readability")  # fmt: skip
    args = parser.parse_args()
    names = [n for n, (module, _) in CANDIDATES.items() if available(module)]
    missing = [n for n in CANDIDATES if n not in names]
    un = un_pages(names)
    real = held_out(args.readability_pages, names) if args.readability_pages.exists() else []
    weights = {n: weight(n) for n in CLOSURES if n in names}
    versions = {n: md.version(n) for n in CLOSURES if n in names}
    RESULTS.mkdir(parents=True, exist_ok=True)
    data = {"candidates": names, "not_installed": missing, "versions": versions, "un_pages": un,
            "held_out": real, "weight": weights}  # fmt: skip
    (RESULTS / "html_extract.json").write_text(json.dumps(data, ensure_ascii=False, indent=1))
    (RESULTS / "html_extract.md").write_text(report(data), encoding="utf-8")
    print(report(data))
    return 0


def report(data: dict[str, Any]) -> str:
    un, real = data["un_pages"], data["held_out"]
    versions = ", ".join(f"{k} {v}" for k, v in data["versions"].items())
    if data["not_installed"]:
        versions += f"; not installed: {', '.join(data['not_installed'])}"
    lines = [
        "# Web pages: the document's text without its site", "",
        f"`python bench/bench_html_extract.py` ({versions})", "",
        "## UN-style site pages (seed report, 2 templates x zh/en, other boilerplate per side)", "",
        "Blocks of the page's own text (p, h2, li, td; a list added): kept whole / merged with "
        "another block / lost; boilerplate strings left in; the pair aligned against the seed "
        "gold plus the extras (91 units) after writing each side's blocks to a text file (blank "
        "line between blocks: what any extractor's text gives the aligner); for the structural "
        "rules also `untm align` on the .html pages themselves (headings, table cells and "
        "footnotes known as such). A block that keeps a footnote reference mark "
        "(\"Res.1,1\") or gains a list bullet is not whole.", "",
        "| candidate | template | zh whole/merged/lost | en whole/merged/lost "
        "| boilerplate left zh, en | align P | align R | `untm align` on the .html P / R "
        "| CPU ms/page |",
        "|---|---|---|---|---|---|---|---|---|",
    ]  # fmt: skip
    by = {(str(r["candidate"]), str(r["template"]), str(r["lang"])): r for r in un}
    for name in data["candidates"]:
        for template in TEMPLATES:
            zh, en, pair = (by[(name, template, k)] for k in ("zh", "en", "pair"))
            kept = [f"{s['whole']}/{s['merged']}/{s['lost']} of {s['blocks']}" for s in (zh, en)]
            left = f"{zh['leaked']}/{zh['boilerplate']}, {en['leaked']}/{en['boilerplate']}"
            html = (f"{pair['html_p']:.3f} / {pair['html_r']:.3f}"
                    if "html_p" in pair else "-")  # fmt: skip
            lines.append(
                f"| {name} | {template} | {kept[0]} | {kept[1]} | {left} | {pair['p']:.3f} "
                f"| {pair['r']:.3f} | {html} | {pair['cpu_ms']} |"
            )
    if real:
        lines += ["", "## Held-out real pages (Mozilla Readability test pages): token P / R / F1",
                  "", "| candidate | zh pages P / R / F1 | en pages P / R / F1 | failed |",
                  "|---|---|---|---|"]  # fmt: skip
        for name in data["candidates"]:
            rows = [r for r in real if r["candidate"] == name]
            cells = []
            for lang in ("zh", "en"):
                ok = [r for r in rows if r.get("lang") == lang]
                if ok:
                    mean = {k: sum(float(r[k]) for r in ok) / len(ok) for k in ("p", "r", "f1")}
                    cells.append(f"{mean['p']:.3f} / {mean['r']:.3f} / {mean['f1']:.3f}")
                else:
                    cells.append("-")
            failed = [str(r["page"]) for r in rows if "error" in r]
            lines.append(f"| {name} | {cells[0]} | {cells[1]} | {', '.join(failed) or '-'} |")
        lines += ["", "Per page (F1): " + "; ".join(
            f"{page}: " + ", ".join(f"{r['candidate']} {r.get('f1', 'err')}"
                                     for r in real if r["page"] == page)
            for page in HELD_OUT)]  # fmt: skip
    weights = data["weight"]
    lines += ["", "trafilatura's licence changed: 1.7.0 and before are GPL-3.0-or-later (its "
              "wheel's METADATA: `License: GPLv3+`), 1.8.0 and later Apache-2.0 "
              "(`pip download --no-deps trafilatura==1.7.0` / `==1.8.0`)."]
    if weights:
        lines += ["", "## Weight and licences (dependencies untm does not already have)", "",
                  "| candidate | install MB | import s | licences |", "|---|---|---|---|"]
        for name, w in weights.items():
            lic = ", ".join(f"{k}: {v}" for k, v in w["licences"].items())
            lines.append(f"| {name} | {w['install_mb']} | {w['import_s']} | {lic} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
