"""Batch library: pair discovery (nothing silently ignored), manifests, the per-pair task's
failure handling, and planning (what is up to date)."""

from __future__ import annotations

import json
import os
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SEED_EN, SEED_ZH
from untm.batch import (
    SUMMARY_NAME,
    BatchOptions,
    PairJob,
    align_pair,
    discover_pairs,
    plan_batch,
    read_manifest,
)
from untm.batch.discover import _MEMBER
from untm.batch.engines import run_local
from untm.errors import FormatError, InputError


def touch(path: Path, text: str = "x") -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_discovery_pairs_problems_and_ignored(tmp_path: Path) -> None:
    for name in (
        "a.zh.txt",
        "a.en.docx",  # mixed types pair up
        "b.zh.html",
        "b.EN.HTML",  # language tag and extension are case-insensitive
        "c.zh.txt",  # no English partner
        "d.en.txt",  # no Chinese partner
        "e.zh.xlsx",
        "e.en.txt",  # unsupported type
        "g.zh.pdf",
        "g.en.pdf",  # PDF pairs
        "h.zh.doc",
        "h.en.odt",  # Word 97-2003 and OpenDocument pair up too
        "f.zh.txt",
        "f.zh.docx",
        "f.en.txt",  # two Chinese files
        "README.md",
        "notes.txt",
    ):
        touch(tmp_path / name)
    (tmp_path / "sub.zh.txt").mkdir()  # a folder is not a pair member
    found = discover_pairs(tmp_path)
    assert [(p.name, p.zh.name, p.en.name) for p in found.pairs] == [
        ("a", "a.zh.txt", "a.en.docx"),
        ("b", "b.zh.html", "b.EN.HTML"),
        ("g", "g.zh.pdf", "g.en.pdf"),
        ("h", "h.zh.doc", "h.en.odt"),
    ]
    problems = {p.name: p.error for p in found.problems}
    assert set(problems) == {"c", "d", "e", "f"}
    assert problems["c"].startswith("unpaired: c.zh.txt has no c.en.* partner")
    assert problems["d"].startswith("unpaired: d.en.txt has no d.zh.* partner")
    assert "unsupported file type: e.zh.xlsx" in problems["e"]
    assert "more than one file per language" in problems["f"]
    assert found.ignored == ("README.md", "notes.txt", "sub.zh.txt")


def test_discovery_of_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="input folder not found"):
        discover_pairs(tmp_path / "nope")
    with pytest.raises(InputError, match="not a folder"):
        discover_pairs(touch(tmp_path / "file.txt"))


names = st.text(alphabet=string.ascii_lowercase + "._-", min_size=1, max_size=8)
files = st.lists(
    st.tuples(
        names, st.sampled_from(["zh", "en", "fr", ""]), st.sampled_from(["txt", "docx", "pdf"])
    ),
    max_size=12,
)


@given(files)
@settings(max_examples=40, deadline=None)
def test_every_file_is_paired_reported_or_listed_as_ignored(
    tmp_path_factory: pytest.TempPathFactory, entries: list[tuple[str, str, str]]
) -> None:
    folder = tmp_path_factory.mktemp("pairs")
    for stem, lang, ext in entries:
        name = ".".join(part for part in (stem, lang, ext) if part)
        if name not in (".", ".."):
            touch(folder / name)
    try:
        found = discover_pairs(folder)
    except InputError as exc:  # a folder without any pair member is an error, not an empty run
        assert "no document pairs found" in str(exc)
        assert not any(_MEMBER.match(p.name) and p.is_file() for p in folder.iterdir())
        return
    accounted = {p.zh.name for p in found.pairs} | {p.en.name for p in found.pairs}
    accounted |= set(found.ignored)
    problem_names = {p.name for p in found.problems}
    for path in folder.iterdir():
        if path.name in accounted:
            continue
        stem = path.name.rsplit(".", 2)[0]
        assert stem in problem_names, path.name
    assert not ({p.name for p in found.pairs} & problem_names)


def test_manifest_rows_header_comments_and_relative_paths(tmp_path: Path) -> None:
    manifest = tmp_path / "m" / "manifest.tsv"
    manifest.parent.mkdir()
    manifest.write_text(
        "name\tzh\ten\n# a comment\n\nr1\tdocs/r1-c.txt\tdocs/r1-e.txt\n"
        f"r2\t{tmp_path}/abs.zh.txt\tr2.en.docx\n",
        encoding="utf-8",
    )
    found = read_manifest(manifest)
    assert [(p.name, p.zh, p.en) for p in found.pairs] == [
        ("r1", manifest.parent / "docs/r1-c.txt", manifest.parent / "docs/r1-e.txt"),
        ("r2", tmp_path / "abs.zh.txt", manifest.parent / "r2.en.docx"),
    ]


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("a\tzh.txt\n", "expected 3 tab-separated fields", 1),
        ("a\tz\te\nb\tz\te\na\tz\te\n", "appears twice", 3),
        ("# c\nx/y\tz\te\n", "cannot be used as a file name", 2),
        ("# only comments\n", "lists no pairs", None),
    ],
)
def test_bad_manifests_name_file_and_line(
    tmp_path: Path, text: str, message: str, line: int | None
) -> None:
    manifest = touch(tmp_path / "manifest.tsv", text)
    with pytest.raises((FormatError, InputError), match=message) as info:
        read_manifest(manifest)
    assert info.value.path == str(manifest)
    assert info.value.line == line


def test_align_pair_never_raises(tmp_path: Path) -> None:
    job = PairJob(
        "gone",
        str(tmp_path / "gone.zh.txt"),
        str(tmp_path / "gone.en.txt"),
        str(tmp_path / "gone.tmx"),
    )
    outcome = align_pair(job)
    assert outcome.status == "failed" and not outcome.ok
    assert outcome.error is not None and "gone.zh.txt" in outcome.error
    assert outcome.to_dict()["status"] == "failed"
    assert not (tmp_path / "gone.tmx").exists()


def test_plan_skips_only_recorded_ok_outputs_newer_than_inputs(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    out.mkdir()
    for name in ("p1", "p2", "p3", "p4"):
        touch(src / f"{name}.zh.txt")
        touch(src / f"{name}.en.txt")
    found = discover_pairs(src)
    options = BatchOptions(out_dir=out)
    record = {"status": "ok", "units": 3, "unaligned_zh": 0, "unaligned_en": 1, "mean_score": 0.9}
    record |= {"mode": "best", "format": "tmx"}
    docs = [
        {"name": "p1", "output": str(out / "p1.tmx"), **record},
        {"name": "p2", "output": str(out / "p2.tmx"), **record},
        {"name": "p3", "output": str(out / "p3.tmx"), **record, "status": "failed"},
    ]
    (out / SUMMARY_NAME).write_text(json.dumps({"documents": docs}), encoding="utf-8")
    for name in ("p1", "p2", "p3", "p4"):
        touch(out / f"{name}.tmx")
    old = (src / "p1.en.txt").stat().st_mtime - 100
    for name in ("p1", "p2", "p3", "p4"):
        os.utime(out / f"{name}.tmx", (old + 200, old + 200))
    os.utime(src / "p2.en.txt", (old + 300, old + 300))  # p2's input changed after its output
    plan = plan_batch(found, options)
    assert [s.name for s in plan.skipped] == ["p1"]
    assert plan.skipped[0].skipped and plan.skipped[0].units == 3
    assert [j.name for j in plan.jobs] == ["p2", "p3", "p4"]
    forced = plan_batch(found, BatchOptions(out_dir=out, force=True))
    assert [j.name for j in forced.jobs] == ["p1", "p2", "p3", "p4"]
    other_format = plan_batch(found, BatchOptions(out_dir=out, fmt="tsv"))
    assert not other_format.skipped


def test_plan_redoes_outputs_made_with_another_mode_or_format(tmp_path: Path) -> None:
    """Regression: after `--mode fast`, `--mode best` kept the fast output as up to date."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    out.mkdir()
    touch(src / "p.zh.txt")
    touch(src / "p.en.txt")
    found = discover_pairs(src)
    output = touch(out / "p.tsv")
    later = (src / "p.en.txt").stat().st_mtime + 100
    os.utime(output, (later, later))
    record = {"name": "p", "status": "ok", "output": str(output), "units": 3}
    record |= {"unaligned_zh": 0, "unaligned_en": 1, "mean_score": 0.9}

    def plan_after(previous: dict[str, object], mode: str) -> list[str]:
        summary = {"documents": [{**record, **previous}]}
        (out / SUMMARY_NAME).write_text(json.dumps(summary), encoding="utf-8")
        plan = plan_batch(found, BatchOptions(out_dir=out, fmt="tsv", mode=mode))
        return [s.name for s in plan.skipped]

    assert plan_after({"mode": "fast", "format": "tsv"}, "fast") == ["p"]
    assert plan_after({"mode": "fast", "format": "tsv"}, "best") == []
    assert plan_after({"mode": "best", "format": "tmx"}, "best") == []  # recorded format differs
    assert plan_after({}, "best") == []  # an old summary that did not record how: redone
    skipped = plan_batch(found, BatchOptions(out_dir=out, fmt="tsv", mode="best"))
    assert skipped.jobs[0].mode == "best"


def test_outputs_that_would_overwrite_the_summary_or_merged_tmx_fail_upfront(
    tmp_path: Path,
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name in ("summary", "all", "ok", "index"):
        touch(src / f"{name}.zh.txt")
        touch(src / f"{name}.en.txt")
    found = discover_pairs(src)
    plan = plan_batch(found, BatchOptions(out_dir=tmp_path, fmt="json"))
    assert [(p.name, p.error) for p in plan.problems] == [
        ("summary", "output summary.json would replace the summary")
    ]
    merged = tmp_path / "all.tmx"
    plan = plan_batch(found, BatchOptions(out_dir=tmp_path, merged=merged))
    assert [p.name for p in plan.problems] == ["all"]
    assert [j.name for j in plan.jobs] == ["index", "ok", "summary"]
    assert plan.names == ("all", "index", "ok", "summary")
    plan = plan_batch(found, BatchOptions(out_dir=tmp_path, report_dir=tmp_path / "pages"))
    assert [(p.name, p.error) for p in plan.problems] == [
        ("index", "review page would replace index.html")
    ]


@pytest.mark.parametrize("start_method", ["spawn", "fork"])
def test_local_workers_with_either_start_method(tmp_path: Path, start_method: str) -> None:
    jobs = [
        PairJob("seed", str(SEED_ZH), str(SEED_EN), str(tmp_path / "seed.tmx"), mode="fast"),
        PairJob("gone", str(tmp_path / "x.zh.txt"), str(SEED_EN), str(tmp_path / "gone.tmx")),
    ]
    seen: list[str] = []
    outcomes = run_local(
        jobs, workers=2, mode="fast", on_done=lambda o: seen.append(o.name),
        start_method=start_method,
    )  # fmt: skip
    assert [o.name for o in outcomes] == ["seed", "gone"] and sorted(seen) == ["gone", "seed"]
    assert outcomes[0].ok and outcomes[0].units > 50 and (tmp_path / "seed.tmx").exists()
    assert not outcomes[1].ok and "x.zh.txt" in (outcomes[1].error or "")


def test_native_threads_limited_unless_the_user_set_them(monkeypatch: pytest.MonkeyPatch) -> None:
    from untm.threads import NATIVE_THREAD_VARS, limit_native_threads

    first, *others = NATIVE_THREAD_VARS
    monkeypatch.setenv(first, "3")
    for name in others:
        monkeypatch.delenv(name, raising=False)
    limit_native_threads()
    assert os.environ[first] == "3"
    assert all(os.environ[name] == "1" for name in others)


def test_worker_error_names_where_and_what() -> None:
    from untm.batch.task import worker_error

    assert worker_error("worker", MemoryError()) == "worker failed: MemoryError"
    assert worker_error("dask task", OSError("lost")) == "dask task failed: OSError: lost"
