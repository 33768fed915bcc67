"""User glossary in SQLite: layering over the built-in, concurrent writers, a killed import."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from untm.errors import GlossaryError
from untm.glossary import open_glossary
from untm.glossary.builtin import builtin_concepts
from untm.glossary.ids import concept_id_for
from untm.glossary.store import UserStore
from untm.glossary.tabular import make_concept

REPO = Path(__file__).resolve().parent.parent


def _writer(path: str, prefix: str, n: int) -> None:
    with UserStore(path) as store:
        for i in range(n):
            zh, en = f"{prefix}术语{i}", f"{prefix} term {i}"
            store.add([make_concept(concept_id_for(zh, en), [zh], [en])])


def test_add_layers_over_builtin_and_remove_hides(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite3"
    with UserStore(path) as store:
        store.add([make_concept("x-1", ["测试机构", "测机"], ["Test Agency", "TA"], domain="test")])
    glossary = open_glossary(path)
    assert len(glossary) == len(builtin_concepts()) + 1
    hit = glossary.lookup("TA").matches[0]
    assert hit.concept.origin == "user" and "测试机构" in hit.renderings
    with UserStore(path) as store:
        summary = store.remove("人居署", builtin_concepts())
        assert summary.hidden == 1 and summary.removed == 0
        assert store.remove("Test Agency").removed == 1
    glossary = open_glossary(path)
    assert not glossary.lookup("人居署", fuzzy=False).found
    assert not glossary.lookup("TA", fuzzy=False).found
    assert len(glossary) == len(builtin_concepts()) - 1


def test_user_concept_overrides_builtin_and_readding_unhides(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite3"
    base = next(c for c in builtin_concepts() if c.id == "unep")
    with UserStore(path) as store:
        store.remove("unep", builtin_concepts())
        store.add([make_concept("unep", [*base.zh, "联合国环境署"], list(base.en))])
    glossary = open_glossary(path)
    assert len(glossary) == len(builtin_concepts())
    assert glossary.lookup("联合国环境署", fuzzy=False).matches[0].concept.id == "unep"


def test_bad_store_paths(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="folder does not exist"):
        UserStore(tmp_path / "missing" / "g.sqlite3")
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(GlossaryError, match="not a usable glossary"):
        open_glossary(junk)


def test_two_processes_adding_at_once_lose_nothing(tmp_path: Path) -> None:
    path = str(tmp_path / "g.sqlite3")  # not created yet: both writers race to create it
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_writer, args=(path, p, 120)) for p in ("甲", "乙")]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(120)
        assert proc.exitcode == 0
    with UserStore(path) as store:
        assert store.count() == 240
    glossary = open_glossary(path, builtin=False)
    assert glossary.lookup("甲术语119").found and glossary.lookup("乙 term 0").found


def _open_at_barrier(path: str, name: str, barrier: Any) -> None:
    barrier.wait()
    _writer(path, name, 1)


def test_many_processes_creating_the_same_new_store_all_succeed(tmp_path: Path) -> None:
    # SQLite answers "database is locked" without waiting while a new file is switched to WAL
    # and given its schema; the store must retry that setup, not fail (seen in CI as a flake)
    ctx = multiprocessing.get_context("fork")
    # 8 processes x 40 rounds: the old code failed 4 of these 320 opens (measured)
    for round_ in range(40):
        path = str(tmp_path / f"g{round_}.sqlite3")
        barrier = ctx.Barrier(8)
        names = [f"p{round_}x{k}" for k in range(8)]
        procs = [ctx.Process(target=_open_at_barrier, args=(path, n, barrier)) for n in names]
        for proc in procs:
            proc.start()
        for proc in procs:
            proc.join(120)
        assert [proc.exitcode for proc in procs] == [0] * 8
        with UserStore(path) as store:
            assert store.count() == 8


def test_process_killed_mid_import_leaves_store_as_before(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite3"
    with UserStore(path) as store:
        store.add([make_concept(f"keep-{i}", [f"保留{i}"], [f"keep {i}"]) for i in range(3)])
    big = tmp_path / "big.tsv"
    with big.open("w", encoding="utf-8") as fh:
        for i in range(300_000):
            fh.write(f"大型术语{i}号\tbulk term number {i}\tcomment {i}\n")
    env = {**os.environ, "UNTM_GLOSSARY": str(path)}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from untm.cli import main; main()", "glossary", "import",
         str(big)],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    wal = Path(f"{path}-wal")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > 2_000_000:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "import finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    assert proc.returncode == -signal.SIGKILL
    with UserStore(path) as store:
        assert store.count() == 3
        assert sorted(c.id for c in store.concepts()) == ["keep-0", "keep-1", "keep-2"]
        store.add([make_concept("after", ["之后"], ["after"])])
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    check.close()
