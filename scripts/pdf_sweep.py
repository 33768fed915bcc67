"""Robustness sweep: `read_document` on every PDF of the PDF libraries' test corpora.

Usage: python scripts/pdf_sweep.py [--mirrors DIR] [--max-bytes N] [--timeout S] [--limit N]
                                  [--properties] [--stem NAME]

Every `.pdf` of each bare git snapshot under DIR (`<owner>+<name>/repo`, as the search tool's
`fetch github:<owner>/<name>` leaves them; default `../.mirror` beside the checkout: pdf.js,
PDFium, PyMuPDF, pypdf and its sample files, pdfminer.six, mPDF's examples) up to N bytes is read
in its own process (as English, then as Chinese where the language check refuses English), with
a time limit and 6 GiB of memory. These files were never looked at while the reader was built
(but the 39 of tests/data/realworld.tsv): most are made to break PDF readers. What counts:
no crash (an exception that is not one of untm's typed errors), no time-out, and how long the
slowest took. With `--properties`, each file read is also checked as the property tests check
the corpus (tests/pdfcheck.py, against `pdftotext` + the text path: characters kept, no space
between Han characters, segment density), and a file untm refuses but the text path reads counts.
Writes bench/results/pdf_sweep.md and .json (one row per file in the json; `--properties`:
pdf_sweep_properties.md and .json; `--stem NAME`: NAME.md and NAME.json instead, so a sweep of
other snapshots does not overwrite the committed results).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
MEMORY = 6 << 30

# one file, in a process of its own: "status<TAB>lang<TAB>detail<TAB>CPU seconds"
_READ = r"""
import sys, time, traceback
from untm.aligner.read import read_document
from untm.errors import LanguageMismatchError, UntmError
start = time.process_time()
status = "?"
for lang in ("en", "zh"):
    try:
        doc = read_document(sys.argv[1], lang)
    except LanguageMismatchError as exc:
        status = f"refused\t{lang}\t{type(exc).__name__}: {exc.message[:100]}"
        continue
    except UntmError as exc:
        status = f"refused\t{lang}\t{type(exc).__name__}: {exc.message[:100]}"
        break
    except Exception as exc:
        at = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{at.filename}:{at.lineno}"
        status = f"CRASH\t{lang}\t{type(exc).__name__}: {str(exc)[:80]} at {where}"
        break
    status = f"read\t{lang}\t{len(doc.paragraphs)} paragraphs"
    break
print(f"{status}\t{time.process_time() - start:.2f}", flush=True)
if len(sys.argv) > 2:  # --properties: the property test's checks, in the language read
    import json, pathlib
    sys.path.insert(0, sys.argv[2])
    from pdfcheck import check_pdf
    row = check_pdf(pathlib.Path(sys.argv[1]), lang).row()
    row.pop("missing")
    print(json.dumps(row, ensure_ascii=True))
"""


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _pdfs(git_dir: Path, max_bytes: int) -> list[tuple[str, str, int]]:
    """(blob, path, size) of each .pdf in the snapshot's HEAD up to `max_bytes`."""
    listing = subprocess.run(["git", "--git-dir", str(git_dir), "ls-tree", "-r", "-l", "HEAD"],
                             capture_output=True, text=True, check=True).stdout
    out = []
    for line in listing.splitlines():
        meta, path = line.split("\t", 1)
        mode, kind, blob, size = meta.split()
        # a symbolic link's blob is the path it points to, not a PDF (mode 120000)
        if (kind == "blob" and mode != "120000" and path.lower().endswith(".pdf")
                and size.isdigit() and int(size) <= max_bytes):
            out.append((blob, path, int(size)))
    return out


def _read_one(data: bytes, timeout: float, properties: bool) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "file.pdf"
        path.write_bytes(data)
        extra = [str(REPO / "tests")] if properties else []
        try:
            done = subprocess.run([sys.executable, "-c", _READ, str(path), *extra],
                                  capture_output=True, text=True, timeout=timeout,
                                  preexec_fn=_limit_memory, check=False)
            out, err, code = done.stdout, done.stderr, done.returncode
        except subprocess.TimeoutExpired as exc:  # read, then timed out checking (pdftotext)?
            out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
            if "\t" not in out:
                return {"status": "TIMEOUT", "lang": "", "detail": "", "cpu_s": timeout}
            err, code = "", None
    lines = out.strip().splitlines()
    if not lines:
        return {"status": "DIED", "lang": "", "detail": f"exit {code}: {err.strip()[-160:]}",
                "cpu_s": 0.0}
    status, lang, detail, cpu = lines[0].split("\t")
    row: dict[str, object] = {"status": status, "lang": lang, "detail": detail,
                              "cpu_s": float(cpu)}
    if properties:  # the checks' row, or why there is none
        row["properties"] = (json.loads(lines[1]) if len(lines) > 1
                             else "timed out" if code is None
                             else f"exit {code}: {err.strip()[-160:]}")
    return row


def _property_counts(rows: list[dict[str, object]]) -> dict[str, int]:
    """How many files each property was checked on and broke (tests/pdfcheck.py's phrases)."""
    counts: Counter[str] = Counter()
    for row in rows:
        checked = row.get("properties")
        if not isinstance(checked, dict):
            continue
        counts["checked"] += 1
        if row["status"] == "read" and checked.get("coverage") is not None:
            counts["characters compared"] += 1
        if row["status"] == "read" and checked.get("density_ratio") is not None:
            counts["density compared"] += 1
        for failure in checked.get("failures", []):
            kind = ("characters lost" if "characters kept" in failure
                    else "segment density" if failure.startswith("segment density")
                    else "space between Han" if "Han characters" in failure
                    else "refused, text path reads" if failure.startswith("refused")
                    else "crash" if failure.startswith("crash")
                    else "over 2 CPU s a page" if "per page" in failure else failure)
            counts[kind] += 1
    return dict(counts)


def _properties_table(rows: list[dict[str, object]]) -> list[str]:
    """The `--properties` part of the results page: counts, and each file that loses
    characters, puts a space between Han characters or is refused where the text path reads."""
    counts = _property_counts(rows)
    out = ["## Properties (tests/pdfcheck.py, against pdftotext + the text path)", "",
           ", ".join(f"{k}: {v}" for k, v in counts.items()), "",
           "| file | language | failure |", "|---|---|---|"]
    for row in rows:
        checked = row.get("properties")
        if not isinstance(checked, dict):
            continue
        for failure in checked.get("failures", []):
            if not failure.startswith("segment density"):
                out.append(f"| {row['repo']}/{row['path']} | {row['lang']} | {failure[:160]} |")
    return [*out, ""]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mirrors", type=Path, default=REPO.parent / ".mirror")
    parser.add_argument("--max-bytes", type=int, default=3_000_000)
    parser.add_argument("--timeout", type=float, default=180.0)
    parser.add_argument("--limit", type=int, default=0, help="at most this many files (0: all)")
    parser.add_argument("--properties", action="store_true",
                        help="check each file's properties against pdftotext (tests/pdfcheck.py)")
    parser.add_argument("--stem", default="",
                        help="results file name under bench/results (default pdf_sweep"
                             "[_properties])")
    args = parser.parse_args()
    snapshots = sorted(args.mirrors.glob("*/repo"))
    if not snapshots:
        print(f"no snapshots under {args.mirrors} (fetch github:mozilla/pdf.js and others)",
              file=sys.stderr)
        return 1
    rows: list[dict[str, object]] = []
    commits: dict[str, str] = {}
    start = time.perf_counter()
    for git_dir in snapshots:
        repo = git_dir.parent.name.replace("+", "/", 1)
        commits[repo] = subprocess.run(["git", "--git-dir", str(git_dir), "rev-parse", "HEAD"],
                                       capture_output=True, text=True).stdout.strip()
        for blob, path, size in _pdfs(git_dir, args.max_bytes):
            if args.limit and len(rows) >= args.limit:
                break
            data = subprocess.run(["git", "--git-dir", str(git_dir), "cat-file", "blob", blob],
                                  capture_output=True, check=True).stdout
            if data.startswith(b"version https://git-lfs"):
                continue  # a Git LFS pointer, not the file
            row: dict[str, object] = {"repo": repo, "path": path, "bytes": size}
            row.update(_read_one(data, args.timeout, args.properties))
            rows.append(row)
            if row["status"] in ("CRASH", "DIED", "TIMEOUT"):
                print(f"{row['status']}: {repo}/{path}: {row['detail']}", flush=True)
            if len(rows) % 100 == 0:
                print(f"{len(rows)} files, {time.perf_counter() - start:.0f} s", flush=True)
    statuses = Counter(str(r["status"]) for r in rows)
    refusals = Counter(str(r["detail"]).split(":")[0] for r in rows if r["status"] == "refused")
    slowest = sorted(rows, key=lambda r: -float(r["cpu_s"]))[:5]  # type: ignore[arg-type]
    data_out = {"command": "python scripts/pdf_sweep.py " + " ".join(sys.argv[1:]),
                "snapshots": commits, "files": len(rows), "statuses": dict(statuses),
                "refusals": dict(refusals), "wall_s": round(time.perf_counter() - start, 1),
                "rows": rows}
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = args.stem or ("pdf_sweep_properties" if args.properties else "pdf_sweep")
    (RESULTS / f"{stem}.json").write_text(json.dumps(data_out, indent=1) + "\n",
                                          encoding="utf-8")
    md = [
        "# PDF robustness sweep",
        "",
        f"Command: `{data_out['command']}`. Every PDF up to {args.max_bytes:,} bytes of the "
        "snapshots below, each read by `read_document` in its own process (English, then "
        "Chinese where the language check refuses English). Files made to break PDF readers "
        "are most of them: a typed refusal (one line, exit 2 through the CLI) is the right "
        "outcome for a scan, a password, a damaged file; a crash or a time-out never is.",
        "",
        "| snapshot | commit |",
        "|---|---|",
        *(f"| {repo} | {commit[:12]} |" for repo, commit in commits.items()),
        "",
        f"**{len(rows)} files**: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())),
        "",
        "Refusals by error: " + ", ".join(f"{k} {v}" for k, v in refusals.most_common()),
        "",
        "Slowest (CPU s, whole file): " + ", ".join(
            f"{r['repo']}/{r['path']} {r['cpu_s']}" for r in slowest),
        "",
    ]
    if args.properties:
        md.extend(_properties_table(rows))
    (RESULTS / f"{stem}.md").write_text("\n".join(md), encoding="utf-8")
    print("\n".join(md))
    return 1 if any(s in statuses for s in ("CRASH", "DIED", "TIMEOUT")) else 0


if __name__ == "__main__":
    sys.exit(main())
