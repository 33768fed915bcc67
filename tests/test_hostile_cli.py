"""Every `untm` command on bad input: one line on stderr naming the file and the problem, exit != 0,
no traceback, and no output file or temporary file left in the target folder.

The table below covers each command of `untm --help` (and each subcommand of its groups); a guard
test fails when a command is added without a row here, and a generic test feeds a missing file to
every path argument of every command found by introspection, so new commands are covered at once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer
from conftest import REPO, SEED_EN, SEED_ZH
from typer.testing import CliRunner

from untm.cli import app
from untm.cli.common import EXIT_INTERNAL

BAD = REPO / "tests" / "data" / "hostile" / "bad"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@dataclass(frozen=True)
class Case:
    """One bad invocation: `args` with {placeholders}, what stderr must say, what must not exist."""

    id: str
    args: tuple[str, ...]
    says: tuple[str, ...]  # substrings of the one error line (after formatting)
    names: str  # the file the message must name (formatted)
    out: str = ""  # an output path that must not exist afterwards (formatted)
    needs_unreadable: bool = False


def _c(id: str, args: str, says: str | tuple[str, ...], names: str, out: str = "",
       unreadable: bool = False) -> Case:
    return Case(id, tuple(args.split()), (says,) if isinstance(says, str) else says, names, out,
                unreadable)


# {zh} {en}: the seed pair; {t}: the per-test folder; {bad}: tests/data/hostile/bad;
# {tmx}: a small valid TMX in {t}; {gold}: a valid .align file in {t}.
NOT_FOUND = "not found"
EMPTY = "empty"
BINARY = "binary"
FOLDER = ("folder",)
NO_DIR = "output folder does not exist"
CASES: tuple[Case, ...] = (
    # untm align
    _c("align-missing", "align {t}/nope.txt {en} -o {t}/o.tmx", NOT_FOUND, "nope.txt", "{t}/o.tmx"),
    _c("align-empty", "align {bad}/empty.txt {en} -o {t}/o.tmx", EMPTY, "empty.txt", "{t}/o.tmx"),
    _c("align-whitespace", "align {zh} {bad}/whitespace_only.txt -o {t}/o.tmx", EMPTY,
       "whitespace_only.txt", "{t}/o.tmx"),
    _c("align-random", "align {bad}/random_bytes.bin {en} -o {t}/o.tmx", BINARY,
       "random_bytes.bin", "{t}/o.tmx"),
    _c("align-png", "align {zh} {bad}/pixel.png -o {t}/o.tmx", BINARY, "pixel.png", "{t}/o.tmx"),
    _c("align-nuls", "align {bad}/nul_bytes.txt {en} -o {t}/o.tsv", BINARY, "nul_bytes.txt",
       "{t}/o.tsv"),
    _c("align-folder", "align {t} {en} -o {t}/o.tmx", FOLDER, "{t}", "{t}/o.tmx"),
    _c("align-unreadable", "align {t}/locked.txt {en} -o {t}/o.tmx", "permission denied",
       "locked.txt", "{t}/o.tmx", unreadable=True),
    _c("align-both-chinese", "align {zh} {zh} -o {t}/o.tmx", ("given as English", "Chinese"),
       SEED_ZH.name, "{t}/o.tmx"),
    _c("align-sjis", "align {bad}/shift_jis_japanese.txt {en} -o {t}/o.tmx", "shift_jis_japanese",
       "shift_jis_japanese.txt", "{t}/o.tmx"),
    _c("align-zip-bomb", "align {bad}/zip_bomb.docx {en} -o {t}/o.tmx", "zip bomb",
       "zip_bomb.docx", "{t}/o.tmx"),
    _c("align-xxe-docx", "align {bad}/xxe_passwd.docx {en} -o {t}/o.tmx", "entities",
       "xxe_passwd.docx", "{t}/o.tmx"),
    _c("align-truncated-docx", "align {bad}/truncated.docx {en} -o {t}/o.tmx", "not a valid .docx",
       "truncated.docx", "{t}/o.tmx"),
    _c("align-damaged-docx", "align {bad}/damaged_zip_version.docx {en} -o {t}/o.tmx",
       "not a valid .docx", "damaged_zip_version.docx", "{t}/o.tmx"),
    _c("align-malformed-docx", "align {bad}/malformed_line3.docx {en} -o {t}/o.tmx",
       ("malformed XML", ":4:"), "malformed_line3.docx", "{t}/o.tmx"),
    _c("align-out-missing-dir", "align {zh} {en} -o {t}/nodir/o.tmx", NO_DIR, "o.tmx",
       "{t}/nodir/o.tmx"),
    _c("align-out-overwrites-input", "align {t}/zh.txt {en} -o {t}/zh.txt --format tsv",
       "would overwrite", "zh.txt"),
    _c("align-report-overwrites-input", "align {t}/zh.txt {en} -o {t}/o.tmx --report {t}/zh.txt",
       "would overwrite", "zh.txt", "{t}/o.tmx"),
    _c("align-out-is-folder", "align {zh} {en} -o {t}/dir.tmx", FOLDER, "dir.tmx"),
    # untm segment
    _c("segment-missing", "segment {t}/nope.txt --lang zh", NOT_FOUND, "nope.txt"),
    _c("segment-empty", "segment {bad}/empty.txt --lang zh", EMPTY, "empty.txt"),
    _c("segment-random", "segment {bad}/random_bytes.bin --lang en", BINARY, "random_bytes.bin"),
    _c("segment-png", "segment {bad}/pixel.png --lang zh", BINARY, "pixel.png"),
    _c("segment-folder", "segment {t} --lang zh", FOLDER, "{t}"),
    _c("segment-unreadable", "segment {t}/locked.txt --lang zh", "permission denied", "locked.txt",
       unreadable=True),
    _c("segment-wrong-language", "segment {zh} --lang en", "given as English", SEED_ZH.name),
    _c("segment-bad-language", "segment {zh} --lang fr", "unsupported language", SEED_ZH.name),
    _c("segment-out-overwrites-input", "segment {t}/zh.txt --lang zh -o {t}/zh.txt",
       "would overwrite", "zh.txt"),
    _c("segment-out-missing-dir", "segment {zh} --lang zh -o {t}/nodir/s.txt", NO_DIR, "s.txt",
       "{t}/nodir/s.txt"),
    # untm eval
    _c("eval-missing", "eval {t}/nope.align {gold}", "no such file", "nope.align"),
    _c("eval-empty", "eval {bad}/empty.txt {gold}", EMPTY, "empty.txt"),
    _c("eval-random", "eval {bad}/random_bytes.bin {gold}", "not UTF-8", "random_bytes.bin"),
    _c("eval-png", "eval {gold} {bad}/pixel.png", "not UTF-8", "pixel.png"),
    _c("eval-nuls", "eval {bad}/nul_bytes.txt {gold}", "not an .align link", "nul_bytes.txt"),
    _c("eval-folder-without-align", "eval {t}/sub {t}/sub", "no .align files", "sub"),
    _c("eval-malformed", "eval {bad}/malformed_line2.align {gold}", ("not an .align link", ":2:"),
       "malformed_line2.align"),
    _c("eval-negative", "eval {gold} {bad}/negative_index.align", ":2:", "negative_index.align"),
    _c("eval-unreadable", "eval {t}/locked.txt {gold}", "permission denied", "locked.txt",
       unreadable=True),
    # untm batch
    _c("batch-missing", "batch {t}/nope -o {t}/bout", NOT_FOUND, "nope", "{t}/bout/summary.json"),
    _c("batch-file-not-folder", "batch {bad}/empty.txt -o {t}/bout", "not a folder", "empty.txt",
       "{t}/bout/summary.json"),
    _c("batch-missing-manifest", "batch --manifest {t}/nope.tsv -o {t}/bout", NOT_FOUND,
       "nope.tsv", "{t}/bout/summary.json"),
    _c("batch-binary-manifest", "batch --manifest {bad}/random_bytes.bin -o {t}/bout", "",
       "random_bytes.bin", "{t}/bout/summary.json"),
    # untm tmx validate|stats|merge|convert
    *(
        case
        for sub, extra, out in (
            ("validate", "", ""),
            ("stats", "", ""),
            ("merge", " -o {t}/m.tmx", "{t}/m.tmx"),
            ("convert", " -o {t}/c.tsv", "{t}/c.tsv"),
        )
        for case in (
            _c(f"tmx-{sub}-missing", f"tmx {sub} {{t}}/nope.tmx{extra}", NOT_FOUND, "nope.tmx",
               out),
            _c(f"tmx-{sub}-empty", f"tmx {sub} {{bad}}/empty.txt{extra}", "", "empty.txt", out),
            _c(f"tmx-{sub}-random", f"tmx {sub} {{bad}}/random_bytes.bin{extra}", "malformed XML",
               "random_bytes.bin", out),
            _c(f"tmx-{sub}-png", f"tmx {sub} {{bad}}/pixel.png{extra}", "malformed XML",
               "pixel.png", out),
            _c(f"tmx-{sub}-folder", f"tmx {sub} {{t}}{extra}", FOLDER, "{t}", out),
            _c(f"tmx-{sub}-xxe", f"tmx {sub} {{bad}}/xxe_passwd.tmx{extra}", "entities",
               "xxe_passwd.tmx", out),
            _c(f"tmx-{sub}-laughs", f"tmx {sub} {{bad}}/billion_laughs.tmx{extra}", "entit",
               "billion_laughs.tmx", out),
            _c(f"tmx-{sub}-malformed", f"tmx {sub} {{bad}}/malformed_line4.tmx{extra}",
               ("malformed XML", "5"), "malformed_line4.tmx", out),
            _c(f"tmx-{sub}-unreadable", f"tmx {sub} {{t}}/locked.txt{extra}", "permission denied",
               "locked.txt", out, unreadable=True),
        )
    ),
    _c("tmx-stats-not-tmx", "tmx stats {bad}/not_tmx_root.tmx", "not a TMX file",
       "not_tmx_root.tmx"),
    _c("tmx-merge-out-missing-dir", "tmx merge {tmx} -o {t}/nodir/m.tmx", NO_DIR, "m.tmx",
       "{t}/nodir/m.tmx"),
    _c("tmx-merge-second-bad", "tmx merge {tmx} {bad}/random_bytes.bin -o {t}/m.tmx",
       "malformed XML", "random_bytes.bin", "{t}/m.tmx"),
    _c("tmx-convert-out-missing-dir", "tmx convert {tmx} -o {t}/nodir/c.xlf", NO_DIR, "c.xlf",
       "{t}/nodir/c.xlf"),
    _c("tmx-convert-unknown-format", "tmx convert {tmx} -o {t}/c.docx", "unknown output format",
       "c.docx", "{t}/c.docx"),
    # untm tm lookup
    _c("tm-lookup-missing", "tm lookup 大会 --tm {t}/nope.tmx", NOT_FOUND, "nope.tmx"),
    _c("tm-lookup-empty", "tm lookup 大会 --tm {bad}/empty.txt", "", "empty.txt"),
    _c("tm-lookup-random", "tm lookup 大会 --tm {bad}/random_bytes.bin", "malformed XML",
       "random_bytes.bin"),
    _c("tm-lookup-folder", "tm lookup 大会 --tm {t}", FOLDER, "{t}"),
    _c("tm-lookup-xxe", "tm lookup 大会 --tm {bad}/xxe_passwd.tmx", "entities", "xxe_passwd.tmx"),
    _c("tm-lookup-unreadable", "tm lookup 大会 --tm {t}/locked.txt", "permission denied",
       "locked.txt", unreadable=True),
)
CASES += (
    # untm review (serving: the error comes before any server starts)
    _c("review-missing", "review {t}/nope.review.json --no-browser", NOT_FOUND,
       "nope.review.json", "{t}/nope.tmx"),
    _c("review-random", "review {bad}/random_bytes.bin --no-browser -o {t}/o.tmx", "",
       "random_bytes.bin", "{t}/o.tmx"),
    _c("review-folder", "review {t} --no-browser -o {t}/o.tmx", FOLDER, "{t}", "{t}/o.tmx"),
    _c("review-export-missing", "review {t}/nope.review.json --export {t}/o.tmx", NOT_FOUND,
       "nope.review.json", "{t}/o.tmx"),
    _c("review-zh-missing", "review {t}/nope.txt {en} -o {t}/o.tmx --no-browser", NOT_FOUND,
       "nope.txt", "{t}/o.review.json"),
    _c("review-zh-empty", "review {bad}/empty.txt {en} -o {t}/o.tmx --no-browser", EMPTY,
       "empty.txt", "{t}/o.review.json"),
    _c("review-out-missing-dir", "review {zh} {en} -o {t}/nodir/o.tmx --no-browser", NO_DIR,
       "o.tmx", "{t}/nodir/o.review.json"),
)
CASES += (
    # untm glossary (the store is a scratch file: see _private_user_data)
    _c("glossary-import-missing", "glossary import {t}/nope.tbx", NOT_FOUND, "nope.tbx"),
    _c("glossary-import-empty", "glossary import {bad}/empty.txt", "", "empty.txt"),
    _c("glossary-import-png", "glossary import {bad}/pixel.png", "", "pixel.png"),
    _c("glossary-import-folder", "glossary import {t}/dir.tbx", FOLDER, "dir.tbx"),
    _c("glossary-import-xxe", "glossary import {bad}/xxe_passwd.tbx", "entities",
       "xxe_passwd.tbx"),
    _c("glossary-import-laughs", "glossary import {bad}/billion_laughs.tbx", "entit",
       "billion_laughs.tbx"),
    _c("glossary-import-malformed", "glossary import {bad}/malformed_line3.tbx",
       ("malformed XML", ":3:"), "malformed_line3.tbx"),
    _c("glossary-import-unreadable", "glossary import {t}/locked.txt", "permission denied",
       "locked.txt", unreadable=True),
    _c("glossary-export-out-missing-dir", "glossary export -o {t}/nodir/g.tbx", NO_DIR, "g.tbx",
       "{t}/nodir/g.tbx"),
    _c("glossary-export-out-is-folder", "glossary export -o {t}/dir.tbx", FOLDER, "dir.tbx"),
    _c("glossary-check-missing", "glossary check {t}/nope.tmx", NOT_FOUND, "nope.tmx"),
    _c("glossary-check-random", "glossary check {bad}/random_bytes.bin", "malformed XML",
       "random_bytes.bin"),
    _c("glossary-check-xxe", "glossary check {bad}/xxe_passwd.tmx", "entities", "xxe_passwd.tmx"),
    _c("glossary-extract-missing", "glossary extract {t}/nope.tmx", NOT_FOUND, "nope.tmx"),
    _c("glossary-extract-png", "glossary extract {bad}/pixel.png", "malformed XML", "pixel.png"),
    *(
        _c(f"glossary-{sub.split()[0]}-junk-store", f"glossary {sub} --glossary {{t}}/junk.sqlite3",
           "not a usable glossary database", "junk.sqlite3")
        for sub in ("info", "lookup 大会", "add 大会 General_Assembly", "remove 大会")
    ),
    _c("glossary-add-store-missing-dir", "glossary add 大会 GA --glossary {t}/nodir/g.sqlite3",
       "does not exist", "nodir", "{t}/nodir"),
)
CASES += (
    # untm review SESSION --export OUT (the export part of the editor's command)
    _c("review-export-session-random", "review {bad}/random_bytes.bin --export {t}/o.tmx",
       "not a review session", "random_bytes.bin", "{t}/o.tmx"),
    _c("review-export-session-empty", "review {bad}/empty.txt --export {t}/o.tmx",
       "not a review session", "empty.txt", "{t}/o.tmx"),
    _c("review-export-session-folder", "review {t} --export {t}/o.tmx", FOLDER, "{t}",
       "{t}/o.tmx"),
    _c("review-export-out-missing-dir", "review {gold} --export {t}/nodir/o.tmx", NO_DIR, "o.tmx",
       "{t}/nodir/o.tmx"),
    _c("review-export-overwrites-session", "review {t}/zh.txt --export {t}/zh.txt --format tsv",
       "would overwrite", "zh.txt"),
)
# The commands the table covers (as "group sub" paths); the guard test compares with the app.
COVERED = {" ".join(c.args[:2]) if c.args[0] in ("tmx", "tm", "glossary") else c.args[0]
           for c in CASES}


def _leaves(group: Any, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    # typer vendors its own click: duck-type groups by their `commands` mapping
    for name, cmd in sorted(group.commands.items()):
        if isinstance(getattr(cmd, "commands", None), dict):
            yield from _leaves(cmd, (*prefix, name))
        elif not cmd.hidden:
            yield (*prefix, name)


ALL_COMMANDS = sorted(_leaves(typer.main.get_group(app)))


@pytest.fixture(autouse=True)
def _private_user_data(tmp_path_factory: pytest.TempPathFactory,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user glossary or caches: point them into a scratch folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("UNTM_GLOSSARY", str(home / "glossary.sqlite3"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A per-test folder with a valid TMX, a valid .align, an empty subfolder and a 000 file."""
    from untm.tmx.tmx14 import write_tmx
    from untm.tmx.unit import TranslationUnit

    units = [TranslationUnit("大会", "General Assembly"),
             TranslationUnit("秘书长的报告", "Report of the Secretary-General")]
    write_tmx(tmp_path / "good.tmx", units)
    (tmp_path / "good.align").write_text("[0]:[0]\n[1]:[1,2]\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "dir.tmx").mkdir()
    (tmp_path / "dir.tbx").mkdir()
    shutil.copy(BAD / "pixel.png", tmp_path / "junk.sqlite3")
    shutil.copy(SEED_ZH, tmp_path / "zh.txt")
    locked = tmp_path / "locked.txt"
    shutil.copy(SEED_ZH, locked)
    locked.chmod(0)
    return tmp_path


def _fmt(text: str, t: Path) -> str:
    return text.format(t=t, bad=BAD, zh=SEED_ZH, en=SEED_EN, tmx=t / "good.tmx",
                       gold=t / "good.align")


def _listing(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def _check_one_line_error(case: Case, t: Path, code: int, stderr: str, stdout: str) -> None:
    assert code not in (0, None), f"{case.id}: exit 0; stdout={stdout!r}"
    assert "Traceback" not in stderr + stdout, f"{case.id}: traceback shown:\n{stderr}"
    lines = [ln for ln in stderr.splitlines() if ln.startswith("untm:")]
    assert lines, f"{case.id}: no 'untm:' error line on stderr: {stderr!r}"
    error = lines[-1]
    assert "internal error" not in error, f"{case.id}: {error}"
    assert _fmt(case.names, t) in error or Path(_fmt(case.names, t)).name in error, (
        f"{case.id}: the message does not name {case.names}: {error}")
    # `tmx validate` lists the problems, then ends with a one-line verdict on stderr
    said = stdout + stderr if case.id.startswith("tmx-validate") else error
    for part in case.says:
        assert part.lower() in said.lower(), f"{case.id}: {part!r} not in {said!r}"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_gives_one_line_error(case: Case, folder: Path) -> None:
    if case.needs_unreadable and IS_ROOT:
        pytest.skip("running as root: chmod 000 does not block reads")
    before = _listing(folder)
    args = [_fmt(a, folder) for a in case.args]
    result = CliRunner().invoke(app, args)
    _check_one_line_error(case, folder, result.exit_code, result.stderr, result.stdout)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{case.id}: escaped exception {result.exception!r}")
    if case.out:
        assert not Path(_fmt(case.out, folder)).exists(), f"{case.id}: output file was written"
    # nothing new in the folder: no output, no temporary file, no index cache
    assert _listing(folder) == before, f"{case.id}: left {_listing(folder) - before}"
    # and no input was touched
    assert (folder / "zh.txt").read_bytes() == SEED_ZH.read_bytes()
    assert (folder / "good.align").read_text(encoding="utf-8") == "[0]:[0]\n[1]:[1,2]\n"


def test_every_command_has_rows_in_the_table() -> None:
    names = {" ".join(path) for path in ALL_COMMANDS}
    missing = sorted(names - COVERED)
    assert not missing, f"commands without hostile-input rows: {missing}"
    assert {"align", "segment", "eval", "batch", "tmx validate", "tm lookup"} <= names


def _command(path: tuple[str, ...]) -> Any:
    cmd: Any = typer.main.get_group(app)
    for name in path:
        cmd = cmd.commands[name]
    return cmd


def _is_input_path(param: Any) -> bool:
    descriptor = getattr(param, "type_descriptor", None)  # typer >= 0.29; before: a TyperPath type
    if descriptor is not None:
        annotation = repr(getattr(descriptor, "annotation", None))
    else:
        annotation = type(param.type).__name__
    return param.required and "Path" in annotation and param.name not in ("out", "out_dir")


def _missing_file_args(path: tuple[str, ...], folder: Path) -> list[str]:
    """Arguments that give every required parameter a value, with inputs that do not exist."""
    args: list[str] = list(path)
    tail: list[str] = []
    for param in _command(path).params:
        if not param.required:
            continue
        if _is_input_path(param):
            value = str(folder / f"nope-{param.name}.txt")
        elif param.name in ("out", "out_dir"):
            value = str(folder / "out.tmx")  # must not be written
        else:
            value = "x"
        if param.param_type_name == "option":
            args += [param.opts[0], value]
        else:
            tail.append(value)
    return args + tail


WITH_INPUTS = [p for p in ALL_COMMANDS if any(_is_input_path(q) for q in _command(p).params)]


def test_introspection_finds_the_file_commands() -> None:
    found = {" ".join(p) for p in WITH_INPUTS}
    assert {"align", "segment", "eval", "tmx stats", "tmx merge", "tm lookup"} <= found


@pytest.mark.parametrize("path", WITH_INPUTS, ids=[" ".join(p) for p in WITH_INPUTS])
def test_every_command_on_missing_files(path: tuple[str, ...], tmp_path: Path) -> None:
    """Introspected: each command with its required inputs missing fails cleanly, writes nothing."""
    args = _missing_file_args(path, tmp_path)
    result = CliRunner().invoke(app, args)
    text = result.stderr + result.stdout
    assert result.exit_code != 0, f"{args}: exit 0: {text}"
    assert "Traceback" not in text and "internal error" not in text, text
    assert isinstance(result.exception, SystemExit | None), repr(result.exception)
    error = result.stderr.strip().splitlines()
    assert len(error) == 1 and error[0].startswith("untm: error:") and "nope-" in error[0], error
    assert not any(tmp_path.iterdir()), f"{args}: wrote {list(tmp_path.iterdir())}"


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    plain = CliRunner().invoke(app, ["segment", missing, "--lang", "zh"])
    assert plain.exit_code == 2 and "Traceback" not in plain.stderr
    debug = CliRunner().invoke(app, ["--debug", "segment", missing, "--lang", "zh"])
    assert debug.exit_code != 0
    from untm.errors import InputError

    assert isinstance(debug.exception, InputError) and "file not found" in str(debug.exception)
    # and the flag does not stick to the next run in the same process
    again = CliRunner().invoke(app, ["segment", missing, "--lang", "zh"])
    assert again.exit_code == 2 and "Traceback" not in again.stderr
    assert again.exception is None or isinstance(again.exception, SystemExit)


# --- real processes: the installed `untm` script, stderr as a user sees it ----------------------
UNTM = shutil.which("untm") or str(Path(sys.executable).parent / "untm")
SUBPROCESS_CASES = ("align-both-chinese", "align-png", "align-out-missing-dir", "segment-random",
                    "eval-malformed", "tmx-stats-xxe", "tmx-convert-malformed", "tm-lookup-random",
                    "batch-missing")


def _run(
    args: list[str], *, debug: bool = False, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    env.pop("UNTM_DEBUG", None)
    cmd = [UNTM, *(["--debug"] if debug else []), *args]
    return subprocess.run(
        cmd, capture_output=True, text=True, env=env, timeout=120, check=False, cwd=cwd
    )


@pytest.mark.skipif(not Path(UNTM).exists(), reason="the untm script is not installed")
@pytest.mark.parametrize("case_id", SUBPROCESS_CASES)
def test_installed_script_prints_one_line(case_id: str, folder: Path) -> None:
    case = next(c for c in CASES if c.id == case_id)
    before = _listing(folder)
    proc = _run([_fmt(a, folder) for a in case.args])
    _check_one_line_error(case, folder, proc.returncode, proc.stderr, proc.stdout)
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert _listing(folder) == before


USAGE_ERRORS = (
    (("align",), "Missing argument 'zh'.", "untm align --help"),
    (("align", "a.txt", "b.txt"), "Missing option '--out' / '-o'.", "untm align --help"),
    (("align", "a", "b", "-o", "c", "--bogus"), "No such option: --bogus", "untm align --help"),
    (("nosuch",), "No such command 'nosuch'.", "untm --help"),
    (("glossary", "lookup"), "Missing argument 'term'.", "untm glossary lookup --help"),
    (("eval", "a.align"), "Missing argument 'test'.", "untm eval --help"),
)


@pytest.mark.skipif(not Path(UNTM).exists(), reason="the untm script is not installed")
@pytest.mark.parametrize(("argv", "message", "help_cmd"), USAGE_ERRORS,
                         ids=[" ".join(a) for a, _m, _h in USAGE_ERRORS])
def test_installed_script_usage_errors_are_one_line(
    argv: tuple[str, ...], message: str, help_cmd: str, tmp_path: Path
) -> None:
    before = _listing(tmp_path)
    proc = _run(list(argv), cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    [line] = proc.stderr.splitlines()
    assert line.startswith(f"untm: error: {message}") and line.endswith(f"(see '{help_cmd}')")
    assert _listing(tmp_path) == before


@pytest.mark.skipif(not Path(UNTM).exists(), reason="the untm script is not installed")
@pytest.mark.parametrize("argv", [(), ("glossary",)], ids=["untm", "untm glossary"])
def test_installed_script_without_a_command_shows_help(argv: tuple[str, ...]) -> None:
    proc = _run(list(argv))
    assert proc.returncode == 2
    assert "Usage: untm" in proc.stdout and "Traceback" not in proc.stderr


@pytest.mark.skipif(not Path(UNTM).exists(), reason="the untm script is not installed")
def test_installed_script_debug_shows_traceback(tmp_path: Path) -> None:
    proc = _run(["tmx", "stats", str(BAD / "malformed_line4.tmx")], debug=True)
    assert proc.returncode != 0
    assert "Traceback" in proc.stderr and "FormatError" in proc.stderr


# --- devices and named pipes: refused at once (reading them would block or never end) ----------
DEVICE_ARGS = (
    ("align", "{dev}", "{en}", "-o", "{t}/o.tmx"),
    ("segment", "{fifo}.txt", "--lang", "zh"),
    ("eval", "{dev}", "{dev}"),
    ("tmx", "stats", "{fifo}.tmx"),
    ("tmx", "convert", "{dev}", "-o", "{t}/o.tsv"),
    ("tm", "lookup", "大会", "--tm", "{fifo}.tmx"),
    ("glossary", "import", "{fifo}.tbx"),
)


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(),
                    reason="needs POSIX named pipes and /dev/zero")
@pytest.mark.parametrize("argv", DEVICE_ARGS, ids=[" ".join(a[:2]) for a in DEVICE_ARGS])
def test_devices_and_pipes_are_refused(argv: tuple[str, ...], tmp_path: Path) -> None:
    for suffix in (".txt", ".tmx", ".tbx"):
        os.mkfifo(tmp_path / f"pipe{suffix}")
    before = _listing(tmp_path)
    args = [a.format(dev="/dev/zero", fifo=tmp_path / "pipe", en=SEED_EN, t=tmp_path)
            for a in argv]
    env = {**os.environ, "UNTM_GLOSSARY": str(tmp_path / "g.sqlite3"), "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-c", "from untm.cli import main; main()", *args],
                          capture_output=True, text=True, env=env, timeout=60, check=False)
    assert proc.returncode == 2, proc.stderr
    special = next(a for a in args if a.startswith(("/dev/", str(tmp_path / "pipe"))))
    assert proc.stderr.strip().splitlines() == [
        f"untm: error: {special}: not a regular file (a device, pipe or socket)"], proc.stderr
    assert _listing(tmp_path) == before


@pytest.mark.parametrize(
    "argv",
    [("segment", "{big}.txt", "--lang", "zh"), ("align", "{big}.txt", "{en}", "-o", "{t}/o.tmx"),
     ("glossary", "import", "{big}.tbx"), ("eval", "{big}.align", "{big}.align")],
    ids=lambda a: a[0] + (" " + a[1] if a[0] == "glossary" else ""),
)
def test_oversize_input_refused_without_reading(argv: tuple[str, ...], tmp_path: Path) -> None:
    """A 300 MB (sparse) file is refused from its size, at once, in one line."""
    for suffix in (".txt", ".tbx", ".align"):
        with (tmp_path / f"big{suffix}").open("wb") as fh:
            fh.truncate(300 * 1024 * 1024)
    before = _listing(tmp_path)
    args = [a.format(big=tmp_path / "big", en=SEED_EN, t=tmp_path) for a in argv]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "too large" in lines[0] and "big." in lines[0], lines
    assert _listing(tmp_path) == before


def test_batch_of_bad_pairs_reports_each_in_one_line(tmp_path: Path) -> None:
    """Empty, binary and both-Chinese pairs: each failure is one line naming its file; the output
    folder holds only summary.json (no partial TMX, no temporary file); exit != 0."""
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(BAD / "empty.txt", src / "a.zh.txt")
    shutil.copy(SEED_EN, src / "a.en.txt")
    shutil.copy(BAD / "random_bytes.bin", src / "b.zh.txt")
    shutil.copy(SEED_EN, src / "b.en.txt")
    shutil.copy(SEED_ZH, src / "c.zh.txt")
    shutil.copy(SEED_ZH, src / "c.en.txt")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["batch", str(src), "-o", str(out), "-j", "1", "-q"])
    assert result.exit_code not in (0, EXIT_INTERNAL), result.stderr
    text = result.stderr + result.stdout
    assert "Traceback" not in text and "internal error" not in text
    failures = [ln for ln in result.stderr.splitlines() if ln.startswith("untm:")]
    for name, problem in (("a.zh.txt", "empty"), ("b.zh.txt", "binary"),
                          ("c.en.txt", "given as English")):
        assert any(name in ln and problem in ln for ln in failures), (name, failures)
    assert sorted(p.name for p in out.iterdir()) == ["summary.json"]


@pytest.mark.parametrize("name", ["new\nline.txt", "tab\t名称.txt", "esc\x1b[31mred.txt"])
def test_control_characters_in_file_names_stay_on_one_line(name: str, tmp_path: Path) -> None:
    (tmp_path / name).write_bytes(b"")  # exists, but empty
    for target in (tmp_path / name, tmp_path / f"missing-{name}"):
        result = CliRunner().invoke(app, ["segment", str(target), "--lang", "zh"])
        assert result.exit_code == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("untm: error:"), lines
        assert "\x1b" not in lines[0] and "\t" not in lines[0]
