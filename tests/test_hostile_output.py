"""Nothing half-written, nothing leaked: atomic outputs under failure, a full disk (file-size
limit), a broken pipe, Ctrl-C in the middle of a glossary import, and two CLI imports at once.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, SEED_ZH

from untm.errors import OutputError
from untm.fileio import atomic_open, write_text_atomic
from untm.tmx.tmx14 import read_tmx, write_tmx
from untm.tmx.tsv import write_tsv
from untm.tmx.unit import TranslationUnit

UNITS = [TranslationUnit(f"第{i}段 秘书长的报告", f"Paragraph {i}: report of the Secretary-General")
         for i in range(400)]


class Boom(RuntimeError):
    """Raised by a unit stream half-way through."""


def _exploding(after: int) -> Iterator[TranslationUnit]:
    yield from UNITS[:after]
    raise Boom("the source went away")


@pytest.mark.parametrize("writer", [write_tmx, write_tsv], ids=["tmx", "tsv"])
def test_failed_write_leaves_no_file_and_keeps_the_old_one(writer: object, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.out"
    with pytest.raises(Boom):
        writer(fresh, _exploding(150))  # type: ignore[operator]
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    old = tmp_path / "old.out"
    old.write_text("previous content\n", encoding="utf-8")
    with pytest.raises(Boom):
        writer(old, _exploding(150))  # type: ignore[operator]
    assert old.read_text(encoding="utf-8") == "previous content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.out"]


def test_interrupt_inside_atomic_open_cleans_up(tmp_path: Path) -> None:
    target = tmp_path / "x.txt"
    with pytest.raises(KeyboardInterrupt), atomic_open(target) as fh:
        fh.write("half")
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_outputs_get_ordinary_permissions(tmp_path: Path) -> None:
    """Not mkstemp's 0600: a TMX is readable by the group/others like any file the user writes."""
    old = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "a.txt", "x")
        write_tmx(tmp_path / "a.tmx", UNITS[:2])
    finally:
        os.umask(old)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "a.tmx").stat().st_mode & 0o777 == 0o644


def test_output_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as info:
        write_text_atomic(tmp_path / "no" / "such" / "out.txt", "x")
    assert "out.txt" in str(info.value) and "does not exist" in str(info.value)
    (tmp_path / "dir.txt").mkdir()
    with pytest.raises(OutputError, match="is a folder"):
        write_text_atomic(tmp_path / "dir.txt", "x")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="not a folder"):
        write_text_atomic(tmp_path / "file" / "out.txt", "x")


# --- real processes -----------------------------------------------------------------------------
RUN_CLI = "from untm.cli import main; main()"


def _env(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "UNTM_GLOSSARY": str(tmp_path / "g.sqlite3"), "NO_COLOR": "1"}
    env.pop("UNTM_DEBUG", None)
    return env


FULL_DISK = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)   # a write past the limit fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
sys.argv = ["untm", *sys.argv[1:]]
from untm.cli import main
main()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="needs POSIX file-size limits")
@pytest.mark.parametrize("suffix", [".tmx", ".tsv", ".xlf"])
def test_full_disk_is_a_one_line_error_and_leaves_nothing(suffix: str, tmp_path: Path) -> None:
    src = tmp_path / "in" / "big.tmx"
    src.parent.mkdir()
    write_tmx(src, UNITS)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    cmd = (["tmx", "merge", str(src), "-o", str(out_dir / "o.tmx")] if suffix == ".tmx"
           else ["tmx", "convert", str(src), "-o", str(out_dir / f"o{suffix}")])
    proc = subprocess.run([sys.executable, "-c", FULL_DISK, *cmd], capture_output=True,
                          text=True, env=_env(tmp_path), cwd=REPO, timeout=120, check=False)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("untm: error:"), proc.stderr
    assert f"o{suffix}" in lines[0] and "cannot write" in lines[0], lines[0]
    assert list(out_dir.iterdir()) == []


def test_broken_pipe_is_quiet(tmp_path: Path) -> None:
    """`untm segment ... | head -1`: the reader leaves early; no traceback, no error line."""
    proc = subprocess.Popen([sys.executable, "-c", RUN_CLI, "segment", str(SEED_ZH), "--lang",
                             "zh"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=_env(tmp_path), cwd=REPO)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # like `head -1` exiting
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.wait(60)
    assert first.strip()
    assert "Traceback" not in err and "internal error" not in err, err
    assert proc.returncode in (0, 141), (proc.returncode, err)


def _big_tsv(path: Path, rows: int, tag: str) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(rows):
            fh.write(f"{tag}术语{i}号\t{tag} term {i}\n")


def _store_count(path: Path) -> int:
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return int(db.execute("SELECT count(*) FROM concepts").fetchone()[0])
    finally:
        db.close()


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_mid_import_is_one_line_and_loses_nothing(tmp_path: Path) -> None:
    env = _env(tmp_path)
    store = tmp_path / "g.sqlite3"
    small = tmp_path / "small.tsv"
    _big_tsv(small, 3, "保留")
    subprocess.run([sys.executable, "-c", RUN_CLI, "glossary", "import", str(small)], env=env,
                   cwd=REPO, check=True, capture_output=True, timeout=120)
    before = _store_count(store)
    big = tmp_path / "big.tsv"
    _big_tsv(big, 300_000, "大型")
    # Ctrl-C as a terminal sends it: the child takes SIGINT's default disposition, whatever the
    # suite's is (a suite started in the background of a shell without job control inherits
    # SIGINT ignored, and a Python started so installs no KeyboardInterrupt handler)
    proc = subprocess.Popen([sys.executable, "-c", RUN_CLI, "glossary", "import", str(big)],
                            env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, preexec_fn=_default_sigint)
    wal = Path(f"{store}-wal")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > 2_000_000:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the import finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.strip().splitlines() == ["untm: error: interrupted"], err
    assert _store_count(store) == before == 3


def test_two_cli_imports_at_once_lose_nothing(tmp_path: Path) -> None:
    env = _env(tmp_path)
    files = []
    for tag in ("甲", "乙"):
        path = tmp_path / f"{tag}.tsv"
        _big_tsv(path, 20_000, tag)
        files.append(path)
    procs = [subprocess.Popen([sys.executable, "-c", RUN_CLI, "glossary", "import", str(f)],
                              env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for f in files]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    assert _store_count(tmp_path / "g.sqlite3") == 40_000


def test_tmx_still_reads_after_all_that(tmp_path: Path) -> None:
    """Sanity: the writers used above produce readable files when nothing fails."""
    write_tmx(tmp_path / "ok.tmx", UNITS[:3])
    assert [u.source for u in read_tmx(tmp_path / "ok.tmx").units] == [u.source for u in UNITS[:3]]
