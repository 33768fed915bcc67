#!/usr/bin/env python3
"""Strict mypy over the package as it is installed, `untm` with `untm.aligner`, `untm.tmx`, ...

    python scripts/mypy_tree.py [--tree-only] [MYPY ARGS...]

The repository keeps `aligner/`, `tmx/` and `glossary/` at its top level and pyproject.toml's
`[tool.setuptools] package-dir` installs them as `untm.aligner`, ... The editable install
(`make setup`) serves that mapping through setuptools' import hook, which Python follows and mypy
cannot (mypy reads folders). So this script first lays the installed package out as links,
`build/typecheck/untm/` (each entry of `untm/`, plus `aligner/` as `untm/aligner`, ...; copies
where the platform has no symbolic links), which pyproject.toml's `mypy_path` puts ahead of the
checkout, then runs mypy and prints its messages with the paths of the checkout
(`build/typecheck/untm/aligner/x.py` -> `aligner/x.py`).

The tree is rebuilt on every run (a few dozen links), so a new module is never missed; after
`--tree-only` (run by `make setup`) a plain `mypy` in the checkout works too. Exit status: mypy's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TREE = REPO / "build" / "typecheck"  # pyproject.toml [tool.mypy] mypy_path


def package_roots(pyproject: Path = REPO / "pyproject.toml") -> dict[str, Path]:
    """Each top-level folder of the installed package: {"untm": untm/, "untm.aligner": aligner/,
    ...}, from `[tool.setuptools] package-dir` (a package not named there lives at its own path)."""
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))["tool"]["setuptools"]
    mapped: dict[str, str] = config.get("package-dir", {})
    roots = {"untm": REPO / "untm"}
    roots.update({name: REPO / folder for name, folder in mapped.items()})
    return roots


def _place(source: Path, target: Path) -> None:
    try:
        target.symlink_to(source, target_is_directory=source.is_dir())
    except OSError:  # no symbolic links here (Windows without developer mode): a copy
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target)


def build_tree(tree: Path = TREE) -> dict[str, Path]:
    """`tree/untm` as installed: links to the checkout's files and folders. Returns the roots."""
    roots = package_roots()
    if tree.exists():
        shutil.rmtree(tree)
    top = tree / "untm"
    top.mkdir(parents=True)
    mapped = {name.split(".", 1)[1] for name in roots if name != "untm"}
    for entry in sorted(roots["untm"].iterdir()):
        if entry.name not in mapped and entry.name != "__pycache__":
            _place(entry, top / entry.name)
    for name, folder in roots.items():
        if name != "untm":
            _place(folder, tree.joinpath(*name.split(".")))
    return roots


def checkout_path(line: str, roots: dict[str, Path], tree: Path = TREE) -> str:
    """A mypy message with the file's path in the checkout instead of the link tree."""
    prefix = os.path.relpath(tree, REPO) + os.sep
    if not line.startswith(prefix):
        return line
    rest = line[len(prefix):]
    for name in sorted(roots, key=len, reverse=True):  # untm.aligner before untm
        module_dir = name.replace(".", os.sep) + os.sep
        if rest.startswith(module_dir):
            folder = os.path.relpath(roots[name], REPO)
            return os.path.join(folder, rest[len(module_dir):])
    return rest


def main(argv: list[str]) -> int:
    roots = build_tree()
    if argv[:1] == ["--tree-only"]:
        print(f"mypy's view of the package: {os.path.relpath(TREE / 'untm', REPO)}")
        return 0
    proc = subprocess.run([sys.executable, "-m", "mypy", *argv], cwd=REPO, capture_output=True,
                          text=True, check=False)
    for line in proc.stdout.splitlines():
        print(checkout_path(line, roots))
    sys.stderr.write(proc.stderr)
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
