"""The repository as it is installed: one package, `untm`, from four folders without symbolic links
(pyproject.toml's package-dir), one identity per class, and an sdist that is the repository and
builds the same wheel as the tree."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest
from conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
from smoke_wheel import copy_source

SETUPTOOLS = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "setuptools"
]
BARE = ("aligner", "tmx", "glossary")


def package_roots() -> dict[str, Path]:
    """{"untm": untm/, "untm.aligner": aligner/, ...}: where each top folder of the package is."""
    mapped = {name: REPO / folder for name, folder in SETUPTOOLS["package-dir"].items()}
    return {"untm": REPO / "untm", **mapped}


def package_files() -> dict[str, Path]:
    """Every file of the package's folders by its path in the wheel (caches aside)."""
    files: dict[str, Path] = {}
    for name, root in package_roots().items():
        for path in root.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                inner = path.relative_to(root)
                files["/".join([*name.split("."), *inner.parts])] = path
    return files


def test_every_folder_with_an_init_is_a_listed_package() -> None:
    """A new subpackage left out of pyproject.toml's `packages` would be missing from the wheel."""
    found = {
        ".".join([name, *init.parent.relative_to(root).parts])
        for name, root in package_roots().items()
        for init in root.rglob("__init__.py")
    }
    assert found == set(SETUPTOOLS["packages"])


def test_the_package_folders_hold_no_symbolic_links() -> None:
    links = [p for root in package_roots().values() for p in [root, *root.rglob("*")]
             if p.is_symlink()]
    assert not links
    # the three folders are top-level folders of the repository, not inside untm/
    assert not any((REPO / "untm" / name).exists() for name in BARE)


def test_the_top_level_folders_refuse_their_bare_names() -> None:
    """From the checkout's root (on sys.path there) `import aligner` would load every class a
    second time; the folders' __init__ refuse any name but untm.*: one identity per class."""
    code = f"""
import sys
import untm.cli, untm.pipeline, untm.review.web.app
from untm.aligner.model import Link
for bare in {BARE!r}:
    try:
        __import__(bare)
    except ImportError as exc:
        print(exc)
    else:
        sys.exit(f"import {{bare}} worked")
files = {{}}
for name, module in list(sys.modules.items()):
    path = getattr(module, "__file__", None)
    if path and (name == "untm" or name.startswith("untm.")):
        files.setdefault(path, []).append(name)
twice = {{path: names for path, names in files.items() if len(names) > 1}}
assert not twice, twice
assert Link.__module__ == "untm.aligner.model"
print(len(files), "modules, each under one name")
"""
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                          timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[:3] == [f"import untm.{bare}, not {bare} (the package is untm)" for bare in BARE]
    assert lines[3].endswith("modules, each under one name")


def _build(args: list[str], cwd: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "build", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=900, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]


def _wheel_files(folder: Path) -> dict[str, str]:
    (wheel,) = folder.glob("untm-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        return {name: hashlib.sha256(zf.read(name)).hexdigest() for name in zf.namelist()}


def _tracked_files() -> set[str] | None:
    """What git tracks in this checkout (None outside a git checkout, e.g. in an unpacked sdist)."""
    if not (REPO / ".git").exists():
        return None
    out = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True)
    return {name for name in out.stdout.decode("utf-8").split("\0") if name}


@pytest.mark.slow
def test_the_sdist_is_the_repository_and_builds_the_trees_wheel(tmp_path: Path) -> None:
    src = copy_source(tmp_path / "src")
    _build(["--outdir", str(tmp_path / "via-sdist"), str(src)], cwd=tmp_path)  # sdist -> wheel
    _build(["--wheel", "--outdir", str(tmp_path / "tree"), str(src)], cwd=tmp_path)

    from_sdist, from_tree = _wheel_files(tmp_path / "via-sdist"), _wheel_files(tmp_path / "tree")
    assert sorted(from_sdist) == sorted(from_tree)
    assert from_sdist == from_tree  # the same bytes in every file, too

    # the wheel: every file of the package's folders (package data too), and the licence
    package = {name for name in from_tree if not name.startswith("untm-")}
    assert package == set(package_files())
    licences = {name.split("/", 1)[1] for name in from_tree if "/licenses/" in name}
    assert licences == {"licenses/LICENSE", "licenses/NOTICE"}

    # the sdist: the repository's layout, with every file git tracks
    (sdist,) = (tmp_path / "via-sdist").glob("untm-*.tar.gz")
    with tarfile.open(sdist) as tf:
        members = {m.name.split("/", 1)[1] for m in tf.getmembers() if m.isfile()}
    for needed in ("LICENSE", "NOTICE", "glossary/data/SOURCES.md", "tests/conftest.py",
                   "tests/pdfgen.py", "seeds/000_a932ec9d51e334cb.txt", "aligner/model.py"):
        assert needed in members
    tracked = _tracked_files()
    if tracked is not None:
        assert sorted(tracked - members) == []


def test_the_files_manifest_in_names_exist() -> None:
    """MANIFEST.in's comments point at the test that checks the sdist: that file must exist."""
    text = (REPO / "MANIFEST.in").read_text(encoding="utf-8")
    named = re.findall(r"\b(?:tests|scripts|bench)/[\w/.-]+\.py\b", text)
    assert named and all((REPO / name).is_file() for name in named), named
