"""`untm batch` end to end on real files: the 8-pair folder (seed copies as .txt and real .docx,
one pair with an empty Chinese file), re-runs that skip up-to-date pairs, --force, and the Dask
LocalCluster engine giving the same TMX units as the local worker processes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from typer.testing import CliRunner

from tests.conftest import REPO
from untm.cli import app
from untm.tmx.tmx14 import read_tmx
from untm.tmx.unit import TranslationUnit
from untm.tmx.validate import validate_tmx

sys.path.insert(0, str(REPO / "bench"))
from batch_data import BROKEN, PAIRS, build_pair_folder

runner = CliRunner()


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str
    summary: dict[str, Any]


def batch(*args: str) -> Run:
    """Run `untm batch` (aligner mode "fast" unless given: the batch machinery is under test)."""
    mode = [] if "--mode" in args else ["--mode", "fast"]
    result = runner.invoke(app, ["batch", *args, *mode])
    out_dir = Path(args[args.index("-o") + 1])
    summary_path = out_dir / "summary.json"
    summary = json.loads(summary_path.read_text("utf-8")) if summary_path.exists() else {}
    return Run(result.exit_code, result.stdout, result.stderr, summary)


def by_name(run: Run) -> dict[str, dict[str, Any]]:
    return {d["name"]: d for d in run.summary["documents"]}


def unit_texts(path: Path) -> list[tuple[str, str]]:
    return [(u.source, u.target) for u in read_tmx(path).units]


@pytest.fixture(scope="session")
def eight(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path, Run]:
    """The 8-pair folder aligned once with two local workers, a merged TMX and review pages."""
    base = tmp_path_factory.mktemp("batch8")
    src, out, pages = base / "in", base / "out", base / "pages"
    build_pair_folder(src)
    (src / "README.md").write_text("not a pair\n", encoding="utf-8")
    run = batch(
        str(src), "-o", str(out), "--workers", "2", "--merged", str(out / "all.tmx"),
        "--report-dir", str(pages), "--quiet",
    )  # fmt: skip
    return src, out, pages, run


def test_eight_pairs_seven_valid_tmx_one_failure(eight: tuple[Path, Path, Path, Run]) -> None:
    _, out, _, run = eight
    assert run.exit_code == 1, run.stderr
    docs = by_name(run)
    assert sorted(docs) == sorted(PAIRS)
    assert [n for n, d in docs.items() if d["status"] == "failed"] == [BROKEN]
    assert "empty" in docs[BROKEN]["error"] and f"{BROKEN}.zh.txt" in docs[BROKEN]["error"]
    assert f"untm: failed: {BROKEN}:" in run.stderr
    assert run.summary["ignored"] == ["README.md"]
    assert not (out / f"{BROKEN}.tmx").exists()
    for name in PAIRS:
        if name == BROKEN:
            continue
        tmx = out / f"{name}.tmx"
        assert validate_tmx(tmx) == [], name
        units = read_tmx(tmx).units
        assert len(units) == docs[name]["units"] > 50
        assert docs[name]["mean_score"] > 0.5 and docs[name]["seconds"] > 0
    # .txt, .docx and mixed pairs of the same report give the same units
    assert len({tuple(unit_texts(out / f"{n}.tmx")) for n in PAIRS if n != BROKEN}) == 1
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{n}.tmx" for n in PAIRS if n != BROKEN] + ["all.tmx", "summary.json"]
    )


def test_merged_tmx_folds_identical_units(eight: tuple[Path, Path, Path, Run]) -> None:
    _, out, _, run = eight
    merged = run.summary["merged"]
    assert validate_tmx(out / "all.tmx") == []
    per_pair = [u for n in PAIRS if n != BROKEN for u in read_tmx(out / f"{n}.tmx").units]
    distinct = {(u.source, u.target) for u in per_pair}
    assert merged["units"] == len(read_tmx(out / "all.tmx").units) == len(distinct)
    assert merged["input_units"] == len(per_pair)
    assert merged["duplicates"] == len(per_pair) - len(distinct)
    assert merged["documents"] == len(PAIRS) - 1


def test_review_pages_show_every_unit(eight: tuple[Path, Path, Path, Run]) -> None:
    _, _, pages, run = eight
    docs = by_name(run)
    assert sorted(p.name for p in pages.iterdir()) == sorted(
        [f"{n}.html" for n in PAIRS if n != BROKEN] + ["index.html"]
    )
    for page in pages.glob("doc*.html"):
        tree: Any = lxml.html.fromstring(page.read_text("utf-8"))
        units = tree.xpath('//tbody[@id="all-rows"]/tr[contains(@class,"unit")]')
        assert len(units) == docs[page.stem]["units"]
        review = tree.xpath('//tbody[@id="review-rows"]/tr')
        assert len(review) == docs[page.stem]["review"]
    index: Any = lxml.html.fromstring((pages / "index.html").read_text("utf-8"))
    rows = index.xpath('//table[@id="documents"]/tbody/tr')
    assert len(rows) == len(PAIRS)
    assert rows[0].xpath("./td")[0].text_content() == BROKEN  # failed documents first
    assert "empty" in rows[0].text_content()
    assert sorted(index.xpath("//a/@href")) == sorted(f"{n}.html" for n in PAIRS if n != BROKEN)
    to_review = [int(r.xpath("./td")[2].text) for r in rows[1:]]
    assert to_review == sorted(to_review, reverse=True)


def test_rerun_skips_up_to_date_pairs_and_redoes_changed_ones(
    eight: tuple[Path, Path, Path, Run],
) -> None:
    src, out, pages, first = eight
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("doc*.tmx")}
    args = [str(src), "-o", str(out), "--report-dir", str(pages), "--quiet", "-j", "1"]
    again = batch(*args)
    assert again.exit_code == 1
    docs = by_name(again)
    assert [n for n, d in docs.items() if d["skipped"]] == [n for n in PAIRS if n != BROKEN]
    assert docs[BROKEN]["status"] == "failed" and not docs[BROKEN]["skipped"]
    for name, doc in docs.items():
        if name != BROKEN:
            assert doc["units"] == by_name(first)[name]["units"]
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("doc*.tmx")} == before
    # an input newer than its output is redone; the others are still kept
    changed = src / "doc03.en.txt"
    later = (out / "doc03.tmx").stat().st_mtime + 5
    os.utime(changed, (later, later))
    third = batch(*args)
    redone = [n for n, d in by_name(third).items() if not d["skipped"]]
    assert redone == ["doc03", BROKEN]
    assert (out / "doc03.tmx").stat().st_mtime_ns != before["doc03.tmx"]


@pytest.mark.slow
def test_force_redoes_and_dask_gives_the_same_units(
    eight: tuple[Path, Path, Path, Run], tmp_path: Path
) -> None:
    src, out8, _, _ = eight
    small = tmp_path / "in"
    small.mkdir()
    for name in ("doc01", "doc06"):  # a .txt pair and a .docx/.txt pair
        for member in src.glob(f"{name}.*"):
            shutil.copy2(member, small / member.name)
    out = tmp_path / "out"
    # a real `untm` process: numpy not loaded yet, so models load once and workers are forked
    untm = Path(sys.executable).with_name("untm")
    done = subprocess.run(
        [str(untm), "batch", str(small), "-o", str(out), "-j", "2", "--mode", "fast"],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "2 ok, 0 failed" in done.stdout and "aligning" in done.stderr  # table, progress
    local = {n: unit_texts(out / f"{n}.tmx") for n in ("doc01", "doc06")}
    assert local["doc01"] == unit_texts(out8 / "doc01.tmx")  # 1 worker = 2 workers
    kept = batch(str(small), "-o", str(out), "--quiet", "--engine", "dask")
    assert all(d["skipped"] for d in kept.summary["documents"])
    forced = batch(
        str(small), "-o", str(out), "--force", "--engine", "dask", "--workers", "2",
    )  # fmt: skip
    assert forced.exit_code == 0, forced.stderr
    assert not any(d["skipped"] for d in forced.summary["documents"])
    assert "2 ok, 0 failed" in forced.stdout
    dask = {n: unit_texts(out / f"{n}.tmx") for n in ("doc01", "doc06")}
    assert dask == local


def test_cli_usage_errors(tmp_path: Path) -> None:
    cases = [
        ([str(tmp_path), "-o", str(tmp_path / "o"), "--format", "xml"], "--format must be one of"),
        ([str(tmp_path / "nope"), "-o", str(tmp_path / "o")], "input folder not found"),
        (["-o", str(tmp_path / "o")], "give either IN_DIR or --manifest"),
        ([str(tmp_path), "-o", str(tmp_path / "o"), "--scheduler", "tcp://x:1"], "needs --engine"),
    ]
    for args, message in cases:
        result = runner.invoke(app, ["batch", *args])
        assert result.exit_code == 2, (args, result.stderr)
        assert message in result.stderr
        assert result.stderr.count("\n") == 1


def test_manifest_with_a_missing_file_fails_that_pair_only(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.tsv"
    manifest.write_text("ghost\tghost.zh.txt\tghost.en.txt\n", encoding="utf-8")
    run = batch("--manifest", str(manifest), "-o", str(tmp_path / "o"), "-j", "1")
    assert run.exit_code == 1
    [doc] = run.summary["documents"]
    assert doc["status"] == "failed" and "file not found" in doc["error"]
    assert "0 ok, 1 failed" in run.stdout


def test_tsv_format_output(eight: tuple[Path, Path, Path, Run], tmp_path: Path) -> None:
    src, out8, _, _ = eight
    manifest = tmp_path / "manifest.tsv"
    manifest.write_text(f"one\t{src / 'doc01.zh.txt'}\t{src / 'doc01.en.txt'}\n", "utf-8")
    run = batch("--manifest", str(manifest), "-o", str(tmp_path / "o"), "-f", "tsv", "-q")
    assert run.exit_code == 0, run.stderr
    from untm.tmx.tsv import read_tsv

    units: list[TranslationUnit] = list(read_tsv(tmp_path / "o" / "one.tsv"))
    assert [(u.source, u.target) for u in units] == [
        (u.source, u.target) for u in read_tmx(out8 / "doc01.tmx").units
    ]


@pytest.mark.slow
def test_dask_engine_on_an_existing_scheduler(
    eight: tuple[Path, Path, Path, Run], tmp_path: Path
) -> None:
    from distributed import LocalCluster

    src, out8, _, _ = eight
    manifest = tmp_path / "manifest.tsv"
    manifest.write_text(f"docx\t{src / 'doc05.zh.docx'}\t{src / 'doc05.en.docx'}\n", "utf-8")
    with LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        run = batch(
            "--manifest", str(manifest), "-o", str(tmp_path / "o"), "--quiet",
            "--engine", "dask", "--scheduler", cluster.scheduler_address,
        )  # fmt: skip
    assert run.exit_code == 0, run.stderr
    assert unit_texts(tmp_path / "o" / "docx.tmx") == unit_texts(out8 / "doc05.tmx")


HOSTILE = REPO / "tests" / "data" / "hostile" / "bad"


@pytest.mark.skipif(not HOSTILE.exists(), reason="hostile test files not present")
def test_hostile_members_fail_alone(tmp_path: Path) -> None:
    """Zip bombs, binary junk and wrong-language text each fail their own pair only; an XXE
    page never leaks the file it points at."""
    src = tmp_path / "in"
    build_pair_folder(src, ["doc01"])
    hostile = {
        "bomb.zh.docx": "zip_bomb.docx",
        "junk.zh.txt": "random_bytes.bin",
        "japanese.zh.txt": "shift_jis_japanese.txt",
        "xxe.zh.html": "xxe_passwd.html",
    }
    for target, bad in hostile.items():
        shutil.copyfile(HOSTILE / bad, src / target)
        shutil.copyfile(src / "doc01.en.txt", src / target.replace(".zh.", ".en.", 1))
    run = batch(str(src), "-o", str(tmp_path / "out"), "-q", "-j", "2")
    assert run.exit_code == 1
    docs = by_name(run)
    assert docs["doc01"]["status"] == "ok"
    expected = {"bomb": "zip bomb", "junk": "binary file", "japanese": "Chinese characters"}
    for name, message in expected.items():
        assert docs[name]["status"] == "failed", name
        assert message in docs[name]["error"], docs[name]
        assert not (tmp_path / "out" / f"{name}.tmx").exists()
    xxe = tmp_path / "out" / "xxe.tmx"
    assert not xxe.exists() or "root:" not in xxe.read_text("utf-8")


def test_empty_folder_is_a_clean_error(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.txt").write_text("not a pair member", "utf-8")
    run = batch(str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert run.exit_code == 2
    assert "no document pairs found" in run.stderr and "in" in run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    assert not (tmp_path / "out").exists()


def test_merged_tmx_in_missing_folder_fails_before_any_work(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(REPO / "seeds" / "000_a932ec9d51e334cb.txt", src / "a.zh.txt")
    shutil.copy(REPO / "seeds" / "000_a932ec9d51e334cb.en.txt", src / "a.en.txt")
    run = batch(
        str(src), "-o", str(tmp_path / "out"), "--merged", str(tmp_path / "nodir" / "m.tmx")
    )
    assert run.exit_code == 2
    assert "merged TMX does not exist" in run.stderr
    assert not (tmp_path / "nodir").exists() and not (tmp_path / "out").exists()


def test_no_merged_tmx_when_every_pair_failed(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.zh.txt").write_bytes(b"")
    shutil.copy(REPO / "seeds" / "000_a932ec9d51e334cb.en.txt", src / "a.en.txt")
    run = batch(str(src), "-o", str(tmp_path / "out"), "--merged", str(tmp_path / "m.tmx"))
    assert run.exit_code == 1
    assert run.summary["merged"] is None
    assert not (tmp_path / "m.tmx").exists()
