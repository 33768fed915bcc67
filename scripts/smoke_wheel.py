#!/usr/bin/env python3
"""Smoke-test what users install: the wheel built from this tree, in a fresh virtual environment.

    python3 scripts/smoke_wheel.py [--dask] [--pdf DIR] [--keep]

1. builds the wheel (`pip wheel --no-deps` on a clean copy of the tree) and checks that it holds
   one top-level package, `untm` (plus its .dist-info);
2. installs it into a new venv with NO extras and no dev tools (dependencies from the registries,
   as `pip install untm` would take them);
3. from a folder outside the checkout: `untm --version` (the version from the package metadata),
   `python -m untm --help`, an import of every module of the package (an undeclared dependency
   fails here), the seed pair aligned into a TMX that `untm tmx validate` accepts with 80 units,
   `untm glossary lookup 人居署`, a check that the distribution installed nothing outside
   `untm`, and `untm review` (the editor served on 127.0.0.1, refusing a request without its
   token, stopped by Ctrl-C; the session exported to a valid TMX);
4. with `--pdf DIR` (`seed.zh.pdf` and `seed.en.pdf` there, made by `python -m tests.pdfgen DIR`
   with the dev tools): the seed pair aligned from its PDFs into 80 units, so the PDFium binary
   of the installed pypdfium2 wheel is exercised;
5. with `--dask`: `pip install 'untm[dask]'` into the same venv and a two-pair
   `untm batch --engine dask`.

Only the standard library is used, so it runs with any Python >= 3.11. Exit status 0 when every
check passes; otherwise the failing check is printed and the status is 1.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_a932ec9d51e334cb"
SEED_UNITS = 80  # the seed pair's gold: 80 units (tests/test_pipeline.py)

# Modules that exist only for an extra (the rest of the package imports them lazily, behind a
# one-line error); every other module must import with the default dependencies alone.
EXTRA_MODULES = {"dask": ("untm.batch.dask_engine",)}

IMPORT_ALL = """
import importlib, pkgutil, sys
import untm
skip = set(sys.argv[1:])
names = sorted(m.name for m in pkgutil.walk_packages(untm.__path__, "untm.") if m.name not in skip)
for name in names:
    importlib.import_module(name)
stray = [n for n in ("aligner", "tmx", "glossary") if importlib.util.find_spec(n) is not None]
if stray:
    sys.exit(f"top-level modules installed beside untm: {stray}")
print(f"imported {len(names)} modules")
"""

# Every import statement in the installed package, also those inside functions (lazy imports run
# only on some paths): each top-level name must be the standard library, untm itself, or installed
# in this environment; names that only an extra provides are listed in EXTRA_IMPORTS.
EXTRA_IMPORTS = {"dask": ("dask", "distributed"), "labse": ("sentence_transformers",)}

IMPORTS_RESOLVE = """
import ast, importlib.util, pathlib, sys
import untm
optional = set(sys.argv[1:])
missing = {}
for path in sorted(pathlib.Path(untm.__file__).parent.rglob("*.py")):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in sys.stdlib_module_names or top == "untm" or top in optional:
                continue
            if importlib.util.find_spec(top) is None:
                missing.setdefault(top, path.name)
if missing:
    found = ", ".join(f"{name} (in {where})" for name, where in missing.items())
    sys.exit("imported but not installed: " + found)
print("every import resolves")
"""

# The distribution's RECORD lists every file it installed: all must be under untm/ or its
# .dist-info (scripts go to ../../../bin).
RECORD_CHECK = """
import importlib.metadata as md, sys
files = md.distribution("untm").files or []
tops = sorted({f.parts[0] for f in files if f.parts[0] != ".."})
outside = [t for t in tops if t != "untm" and not t.endswith(".dist-info")]
if outside:
    sys.exit(f"installed outside untm: {outside}")
print("installed top-level:", ", ".join(tops))
"""


class SmokeFailure(Exception):
    """A check failed; the message says which."""


def run(args: list[str | Path], *, cwd: Path, env: dict[str, str], what: str) -> str:
    started = time.monotonic()
    proc = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                          text=True, check=False)
    seconds = time.monotonic() - started
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-6:]
        raise SmokeFailure(f"{what}: exit {proc.returncode}\n    " + "\n    ".join(tail))
    print(f"ok  {what} ({seconds:.1f} s)")
    return proc.stdout


# Built from a copy of the tree: an in-place build would leave build/ in the checkout, and a stale
# build/lib can carry deleted modules into later wheels.
NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "build", "dist", "out", "*.egg-info",
                                    "__pycache__", ".*_cache", ".hypothesis")


def copy_source(dest: Path) -> Path:
    """The checkout's source files (no venv, caches, build output) copied to `dest`."""
    shutil.copytree(REPO, dest, symlinks=True, ignore=NOT_SOURCE)
    return dest


def build_wheel(tmp: Path, env: dict[str, str]) -> Path:
    src, dist = copy_source(tmp / "src"), tmp / "dist"
    run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", dist, src],
        cwd=tmp, env=env, what="build the wheel")
    (wheel,) = dist.glob("untm-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        tops = sorted({name.split("/", 1)[0] for name in zf.namelist()})
    outside = [t for t in tops if t != "untm" and not t.endswith(".dist-info")]
    if outside:
        raise SmokeFailure(f"the wheel holds top-level entries beside untm: {outside}")
    print(f"ok  wheel {wheel.name}: {', '.join(tops)}")
    return wheel


def clean_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    # a home of its own: the user glossary goes to its default place, never the real user's
    env.pop("UNTM_GLOSSARY", None)
    env["HOME"] = str(tmp / "home")
    env["XDG_DATA_HOME"] = str(tmp / "home" / ".local" / "share")
    return env


def fresh_venv(tmp: Path, env: dict[str, str]) -> tuple[Path, Path]:
    """A new venv in `tmp`/venv: its python and its `untm` script (once untm is installed)."""
    venv = tmp / "venv"
    run([sys.executable, "-m", "venv", venv], cwd=tmp, env=env, what="create a fresh venv")
    return venv / "bin" / "python", venv / "bin" / "untm"


def core_checks(tmp: Path, py: Path, untm: Path, env: dict[str, str]) -> Path:
    """Step 3 up to the glossary lookup, from `tmp`/work; returns that folder."""
    work = tmp / "work"  # outside the checkout: nothing of the source tree is importable here
    work.mkdir()
    version = run([py, "-c", "import importlib.metadata as m; print(m.version('untm'))"],
                  cwd=work, env=env, what="read the version from the metadata").strip()
    shown = run([untm, "--version"], cwd=work, env=env, what="untm --version").strip()
    if shown != f"untm {version}":
        raise SmokeFailure(f"untm --version printed {shown!r}, the metadata says {version!r}")
    if "align" not in run([py, "-m", "untm", "--help"], cwd=work, env=env,
                          what="python -m untm --help"):
        raise SmokeFailure("python -m untm --help does not list the align command")
    extra_only = [name for names in EXTRA_MODULES.values() for name in names]
    run([py, "-c", IMPORT_ALL, *extra_only], cwd=work, env=env,
        what=f"import every module of untm (but {', '.join(extra_only)})")
    optional = [name for names in EXTRA_IMPORTS.values() for name in names]
    run([py, "-c", IMPORTS_RESOLVE, *optional], cwd=work, env=env,
        what="every import in untm resolves (lazy ones too; extras aside)")
    run([py, "-c", RECORD_CHECK], cwd=work, env=env, what="nothing installed outside untm")

    zh, en = work / "seed.zh.txt", work / "seed.en.txt"
    shutil.copyfile(SEED.with_suffix(".txt"), zh)
    shutil.copyfile(SEED.with_suffix(".en.txt"), en)
    summary = json.loads(run([untm, "align", zh, en, "-o", work / "seed.tmx", "--json"],
                             cwd=work, env=env, what="untm align the seed pair to TMX"))
    if summary.get("units") != SEED_UNITS:
        raise SmokeFailure(f"the seed pair gave {summary.get('units')} units, not {SEED_UNITS}")
    run([untm, "tmx", "validate", work / "seed.tmx"], cwd=work, env=env,
        what="untm tmx validate seed.tmx")
    found = run([untm, "glossary", "lookup", "人居署"], cwd=work, env=env,
                what="untm glossary lookup 人居署")
    if "UN-Habitat" not in found:
        raise SmokeFailure(f"glossary lookup 人居署 did not find UN-Habitat: {found.strip()!r}")
    return work


def smoke(tmp: Path, *, dask: bool, pdf: Path | None) -> None:
    env = clean_env(tmp)
    wheel = build_wheel(tmp, env)
    py, untm = fresh_venv(tmp, env)
    run([py, "-m", "pip", "install", "-q", wheel], cwd=tmp, env=env,
        what="pip install the wheel (no extras)")
    work = core_checks(tmp, py, untm, env)
    review_serves(untm, work, env)

    if pdf is not None:
        summary = json.loads(run([untm, "align", pdf / "seed.zh.pdf", pdf / "seed.en.pdf", "-o",
                                  work / "seed-pdf.tmx", "--json"], cwd=work, env=env,
                                 what="untm align the seed pair from its PDFs"))
        if summary.get("units") != SEED_UNITS:
            raise SmokeFailure(f"the seed PDFs gave {summary.get('units')} units, "
                               f"not {SEED_UNITS}")

    if dask:
        run([py, "-m", "pip", "install", "-q", f"{wheel}[dask]"], cwd=tmp, env=env,
            what="pip install the wheel with the dask extra")
        run([py, "-c", f"import {', '.join(EXTRA_MODULES['dask'])}"], cwd=work, env=env,
            what="import the dask extra's modules")
        pairs = work / "pairs"
        pairs.mkdir()
        for name in ("first", "second"):
            shutil.copyfile(work / "seed.zh.txt", pairs / f"{name}.zh.txt")
            shutil.copyfile(work / "seed.en.txt", pairs / f"{name}.en.txt")
        run([untm, "batch", pairs, "-o", work / "batch", "--engine", "dask", "--workers", "2",
             "--quiet"], cwd=work, env=env, what="untm batch --engine dask (two pairs)")
        done = json.loads((work / "batch" / "summary.json").read_text(encoding="utf-8"))
        units = [doc.get("units") for doc in done["documents"]]
        if units != [SEED_UNITS, SEED_UNITS]:
            raise SmokeFailure(f"the dask batch wrote units {units}, not two times {SEED_UNITS}")


def clone_smoke(tmp: Path) -> None:
    """Step 6: `git -c core.symlinks=false clone` of HEAD, `pip install .` in it, core checks."""
    if not (REPO / ".git").exists():
        print("SKIP the symlink-free clone: this tree is not a git checkout")
        return
    env = clean_env(tmp)
    clone = tmp / "clone"
    run(["git", "-c", "core.symlinks=false", "clone", "-q", REPO, clone], cwd=tmp, env=env,
        what="git -c core.symlinks=false clone (HEAD)")
    head = run(["git", "rev-parse", "--short", "HEAD"], cwd=clone, env=env,
               what="the clone's commit").strip()
    py, untm = fresh_venv(tmp, env)
    run([py, "-m", "pip", "install", "-q", "."], cwd=clone, env=env,
        what=f"pip install . in the clone of {head} (no extras)")
    core_checks(tmp, py, untm, env)


def review_serves(untm: Path, work: Path, env: dict[str, str]) -> None:
    """`untm review ZH EN`: the pair aligned into a session, the editor served on 127.0.0.1 with
    its token (a request without it refused), Ctrl-C stops it with the session saved; then
    `untm review SESSION --export` writes a TMX that validates."""
    started = time.monotonic()
    proc = subprocess.Popen(
        [str(untm), "review", str(work / "seed.zh.txt"), str(work / "seed.en.txt"), "-o",
         str(work / "reviewed.tmx"), "--no-browser", "--mode", "fast"],
        cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = ""
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("open http://127.0.0.1:"):
                url = line.split(maxsplit=1)[1].strip()
                break
        if not url:
            raise SmokeFailure("untm review ZH EN printed no http://127.0.0.1 address")
        # the token in the address is traded for a cookie, then a redirect to the page
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        with browser.open(url, timeout=30) as page:
            if page.status != 200 or b"<html" not in page.read().lower():
                raise SmokeFailure(f"the editor page answered {page.status}")
        try:
            urllib.request.urlopen(url.split("?", 1)[0] + "api/state", timeout=30)
        except urllib.error.HTTPError as refused:
            if refused.code != 403:
                raise SmokeFailure(f"a request without the token got {refused.code}") from None
        else:
            raise SmokeFailure("a request without the token was answered")
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            _, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise SmokeFailure("untm review did not stop on Ctrl-C") from None
    if proc.returncode != 0:
        raise SmokeFailure(f"untm review ended with exit {proc.returncode}: {err.strip()}")
    print(f"ok  untm review ZH EN serves on 127.0.0.1, token required, stops on Ctrl-C "
          f"({time.monotonic() - started:.1f} s)")
    session = work / "reviewed.review.json"
    run([untm, "review", session, "--export", work / "reviewed.tmx"], cwd=work, env=env,
        what="untm review SESSION --export")
    run([untm, "tmx", "validate", work / "reviewed.tmx"], cwd=work, env=env,
        what="untm tmx validate reviewed.tmx")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dask", action="store_true", help="also install [dask] and run a batch")
    parser.add_argument("--pdf", type=Path, help="a folder with seed.zh.pdf and seed.en.pdf")
    parser.add_argument("--clone", action="store_true",
                        help="also pip install a core.symlinks=false clone and check it")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="untm-smoke-"))
    try:
        (tmp / "wheel").mkdir()
        smoke(tmp / "wheel", dask=args.dask, pdf=args.pdf.resolve() if args.pdf else None)
        if args.clone:
            print("-- the repository cloned without symbolic links, installed with pip install .")
            (tmp / "clone").mkdir()
            clone_smoke(tmp / "clone")
    except SmokeFailure as exc:
        print(f"FAIL {exc}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print("smoke test of the installed wheel: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
