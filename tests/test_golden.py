"""Output does not change: the seed TMX, JSON and summary and the MAC-Test `.align` files are
byte-identical to the files in tests/golden/, written by main at 0126895 (before the start-up and
speed work of issue 17 and the signal registry of issue 19).

How they were made (tests/golden/README.md): `untm align` of the seed pair and of the one-line
pair, run in a folder holding the inputs (relative paths, so the file names in the output are the
same everywhere) with SOURCE_DATE_EPOCH=1700000000 (the TMX header's date); the MAC `.align`
files by tests/golden_mac.py. The TMX header carries `creationtoolversion`, which is the one
thing that may differ (a release): the expected bytes name the installed version.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MAC, SEED_EN, SEED_ZH, UNTM, needs_shared

from untm import __version__
from untm.threads import NATIVE_THREAD_VARS

GOLDEN = Path(__file__).resolve().parent / "golden"
GOLDEN_VERSION = 'creationtoolversion="0.1.0"'
MODES = ("best", "fast")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every seed and one-line output of both modes, made once by the installed `untm`."""
    work = tmp_path_factory.mktemp("golden")
    shutil.copy(SEED_ZH, work / SEED_ZH.name)
    shutil.copy(SEED_EN, work / SEED_EN.name)
    (work / "one.zh.txt").write_text("联合国人居署。\n", encoding="utf-8")
    (work / "one.en.txt").write_text("UN-Habitat.\n", encoding="utf-8")
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": "1700000000",
        "NO_COLOR": "1",
        "XDG_CACHE_HOME": str(work / "cache"),
        "UNTM_GLOSSARY": str(work / "g.sqlite3"),
    }
    env.pop("UNTM_DEBUG", None)
    seed = [SEED_ZH.name, SEED_EN.name]
    for mode in MODES:
        runs = {
            f"seed.{mode}.summary.json": [*seed, "-o", f"seed.{mode}.tmx", "--json"],
            f"seed.{mode}.json.log": [*seed, "-o", f"seed.{mode}.json"],
            f"one.{mode}.json.log": ["one.zh.txt", "one.en.txt", "-o", f"one.{mode}.json"],
        }
        for stdout, args in runs.items():
            proc = subprocess.run(
                [UNTM, "align", *args, "--mode", mode],
                cwd=work,
                env=env,
                capture_output=True,
                timeout=600,
                check=False,
            )
            assert proc.returncode == 0, proc.stderr.decode()
            (work / stdout).write_bytes(proc.stdout)
    return work


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "name", ["seed.{}.tmx", "seed.{}.json", "seed.{}.summary.json", "one.{}.json"]
)
def test_seed_output_is_unchanged(outputs: Path, name: str, mode: str) -> None:
    file = name.format(mode)
    expected = (GOLDEN / "seed" / file).read_bytes()
    if file.endswith(".tmx"):
        expected = expected.replace(
            GOLDEN_VERSION.encode(), f'creationtoolversion="{__version__}"'.encode(), 1
        )
    assert (outputs / file).read_bytes() == expected, f"{file} differs from tests/golden/seed"


@pytest.mark.slow
@needs_shared(MAC / "test")
@pytest.mark.parametrize("mode", MODES)
def test_mac_test_alignments_are_unchanged(tmp_path: Path, mode: str) -> None:
    script = Path(__file__).resolve().parent / "golden_mac.py"
    env = {k: v for k, v in os.environ.items() if k not in NATIVE_THREAD_VARS}  # one thread
    subprocess.run(
        [sys.executable, str(script), "test", mode, str(tmp_path)],
        check=True,
        env=env,
        timeout=1800,
    )
    expected = GOLDEN / "mac" / mode
    names = sorted(p.name for p in expected.glob("*.align"))
    assert names == sorted(p.name for p in tmp_path.glob("*.align"))
    _match, mismatch, errors = filecmp.cmpfiles(expected, tmp_path, names, shallow=False)
    assert not mismatch and not errors, f"{mode}: {mismatch + errors} differ from tests/golden"
