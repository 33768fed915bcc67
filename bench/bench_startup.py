"""Start-up and whole-command time of the installed `untm`, beside a baseline commit (issue 17).

Usage: python bench/bench_startup.py [--runs 5] [--baseline 0126895] [--keep DIR]

Both versions are installed the way users install them (`pip install <tree>`, not editable)
into virtual environments made here: the baseline from `git archive BASELINE`, the candidate
from this working tree. Every command is then run as a whole process, the two versions
alternating run by run so that both see the same load on a shared machine; the figure is the
median wall time of `--runs` runs, and the peak RSS of each run comes from the OS
(`os.wait4`'s rusage of that one child). The cold first run (empty user cache and temporary
folder: what the first `untm align` after an install pays) is measured too, three times each.
Both versions' outputs are compared byte for byte (SOURCE_DATE_EPOCH fixes the TMX date).

Writes bench/results/startup.md and startup.json. `--keep DIR` keeps (and reuses) the
baseline's environment there; the candidate's is made anew in a temporary folder each run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
SEED_ZH = REPO / "seeds" / "000_a932ec9d51e334cb.txt"
SEED_EN = REPO / "seeds" / "000_a932ec9d51e334cb.en.txt"


@dataclass(frozen=True)
class Case:
    name: str
    args: tuple[str, ...]  # after `untm`; {zh} {en} {one_zh} {one_en} {out} filled in
    target_s: float | None = None
    target_mb: float | None = None
    output: str = ""  # the file compared between versions ("" = stdout)
    issue_s: float = 0.0  # the baseline's wall time in issue 17 (a quieter machine)


CASES = (
    Case("untm --version", ("--version",), target_s=0.15, issue_s=0.19),
    Case(
        "untm glossary lookup 人居署", ("glossary", "lookup", "人居署"), target_s=0.2, issue_s=0.37
    ),
    Case(
        "align one-line pair (best)",
        ("align", "{one_zh}", "{one_en}", "-o", "{out}.tmx"),
        target_s=1.0,
        output="{out}.tmx",
        issue_s=4.7,
    ),
    Case(
        "align seed pair, best",
        ("align", "{zh}", "{en}", "-o", "{out}.tmx"),
        target_s=3.0,
        target_mb=250.0,
        output="{out}.tmx",
        issue_s=8.1,
    ),
    Case(
        "align seed pair, fast",
        ("align", "{zh}", "{en}", "-o", "{out}.tmx", "--mode", "fast"),
        target_s=1.0,
        output="{out}.tmx",
        issue_s=4.4,
    ),
)
COLD = ("align seed pair, best", "align seed pair, fast")


@dataclass
class Runs:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)

    def add(self, wall: float, cpu: float, rss_mb: float) -> None:
        self.wall.append(wall)
        self.cpu.append(cpu)
        self.rss_mb.append(rss_mb)

    def summary(self) -> dict[str, float]:
        return {
            "median_s": round(statistics.median(self.wall), 3),
            "min_s": round(min(self.wall), 3),
            "max_s": round(max(self.wall), 3),
            "cpu_s": round(statistics.median(self.cpu), 3),
            "peak_rss_mb": round(statistics.median(self.rss_mb), 1),
            "runs": len(self.wall),
        }


def _run(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, float, bytes]:
    """Wall seconds, CPU seconds (user + system), peak RSS (MB) of this child alone, stdout."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=out, stderr=err)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            message = err.read().decode(errors="replace")[-500:]
            raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {message}")
        cpu = usage.ru_utime + usage.ru_stime
        return wall, cpu, usage.ru_maxrss / 1024, out.read()


def _install(tree: Path, venv: Path) -> Path:
    if not (venv / "bin" / "untm").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
        subprocess.run([*pip, "--upgrade", "pip"], check=True)
        subprocess.run([*pip, str(tree)], check=True)
    return venv / "bin" / "untm"


def _archive(commit: str, folder: Path) -> Path:
    """The tree of `commit` (symlinks kept) in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    tar = folder.with_suffix(".tar")
    subprocess.run(["git", "-C", str(REPO), "archive", "-o", str(tar), commit], check=True)
    with tarfile.open(tar) as archive:
        archive.extractall(folder, filter="tar")
    tar.unlink()
    return folder


def _copy_worktree(folder: Path) -> Path:
    """This working tree as git sees it (tracked and new files, uncommitted changes included;
    nothing ignored such as .venv), symlinks kept."""
    names = (
        subprocess.run(
            ["git", "-C", str(REPO), "ls-files", "-co", "--exclude-standard", "-z"],
            check=True,
            capture_output=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, names):
        source, target = REPO / name, folder / name
        if not source.exists() and not source.is_symlink():
            continue  # deleted in the working tree
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            target.symlink_to(os.readlink(source))
        else:
            shutil.copy2(source, target)
    return folder


def _env(home: Path, label: str, fresh: bool) -> dict[str, str]:
    """The environment of one version: its own cache and temporary folders (new when `fresh`)."""
    base = home / (f"cold-{label}-{time.monotonic_ns()}" if fresh else f"warm-{label}")
    for sub in ("cache", "tmp", "data"):
        (base / sub).mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("UNTM_", "XDG_"))}
    env.update(
        XDG_CACHE_HOME=str(base / "cache"),
        XDG_DATA_HOME=str(base / "data"),
        TMPDIR=str(base / "tmp"),
        UNTM_GLOSSARY=str(base / "data" / "none.sqlite3"),
        SOURCE_DATE_EPOCH="1700000000",
        NO_COLOR="1",
    )
    return env


def _command(untm: Path, case: Case, work: Path, label: str) -> list[str]:
    fill = {
        "zh": str(SEED_ZH),
        "en": str(SEED_EN),
        "one_zh": str(work / "one.zh.txt"),
        "one_en": str(work / "one.en.txt"),
        "out": str(work / f"out-{label}"),
    }
    return [str(untm), *(a.format(**fill) for a in case.args)]


def _output(case: Case, work: Path, label: str, stdout: bytes) -> bytes:
    if not case.output:
        return stdout
    return Path(case.output.format(out=str(work / f"out-{label}"))).read_bytes()


def measure(versions: dict[str, Path], runs: int, work: Path) -> dict[str, object]:
    work.mkdir(parents=True, exist_ok=True)
    (work / "one.zh.txt").write_text("联合国人居署。\n", encoding="utf-8")
    (work / "one.en.txt").write_text("UN-Habitat.\n", encoding="utf-8")
    loads = [os.getloadavg()[0]]
    results: dict[str, dict[str, object]] = {}
    for case in CASES:
        per: dict[str, Runs] = {label: Runs() for label in versions}
        outputs: dict[str, bytes] = {}
        for label, untm in versions.items():  # warm-up: build caches, fill the page cache
            env = _env(work, label, fresh=False)
            *_measured, out = _run(_command(untm, case, work, label), env, work)
            outputs[label] = _output(case, work, label, out)
        for _ in range(runs):
            for label, untm in versions.items():
                env = _env(work, label, fresh=False)
                wall, cpu, rss, _out = _run(_command(untm, case, work, label), env, work)
                per[label].add(wall, cpu, rss)
            loads.append(os.getloadavg()[0])
        row: dict[str, object] = {k: v.summary() for k, v in per.items()}
        row["same_output"] = len(set(outputs.values())) == 1
        if case.name in COLD:
            cold: dict[str, Runs] = {label: Runs() for label in versions}
            for _ in range(3):
                for label, untm in versions.items():
                    env = _env(work, label, fresh=True)
                    wall, cpu, rss, _out = _run(_command(untm, case, work, label), env, work)
                    cold[label].add(wall, cpu, rss)
            row["cold"] = {k: v.summary() for k, v in cold.items()}
        results[case.name] = row
        print(f"{case.name}: " + json.dumps(row), flush=True)
    return {
        "cases": results,
        "load_avg_1min": {
            "min": round(min(loads), 2),
            "median": round(statistics.median(loads), 2),
            "max": round(max(loads), 2),
        },
    }


def render(data: dict[str, Any]) -> str:
    meta, cases, loads = data["meta"], data["cases"], data["load_avg_1min"]
    base, cand = meta["baseline_label"], meta["candidate_label"]
    lines = [
        "# Start-up and whole-command time (issue 17)",
        "",
        f"Command: `{meta['command']}`. Whole processes of the installed `untm` (`pip install`",
        f"of each tree into its own venv), {meta['runs']} runs each, the two versions alternating;",
        "median wall time; CPU (user + system) and peak RSS from `os.wait4` (medians over the",
        "runs; CPU time is what the load of other jobs changes least). Warm: after one",
        "untimed run (caches built, files in the page cache). Cold: a fresh user cache and",
        "temporary folder (the first run after an install), 3 runs.",
        "",
        f"Machine: {meta['machine']}, shared with other jobs; 1-minute load average during the",
        f"run: min {loads['min']}, median {loads['median']}, max {loads['max']}.",
        f"Baseline (A): `{base}`; candidate (B): `{cand}`. `B / A`: the same-run ratio;",
        "`× issue`: that ratio times the baseline's time in issue 17 (measured on a quieter",
        "machine), i.e. the candidate's time projected onto that machine.",
        "",
        "| command | A wall | B wall | B / A | × issue | target | met (B wall / × issue) "
        "| A CPU | B CPU | A RSS | B RSS | same output |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for case in CASES:
        row = cases[case.name]
        b, c = row["baseline"], row["candidate"]
        ratio = c["median_s"] / b["median_s"]
        projected = ratio * case.issue_s
        met = []
        if case.target_s is not None:
            met.append(
                ("yes" if c["median_s"] <= case.target_s else "**no**")
                + " / "
                + ("yes" if projected <= case.target_s else "**no**")
            )
        if case.target_mb is not None:
            met.append("RSS " + ("yes" if c["peak_rss_mb"] <= case.target_mb else "**no**"))
        target = ", ".join(
            t
            for t in (
                f"≤ {case.target_s} s" if case.target_s is not None else "",
                f"≤ {case.target_mb:.0f} MB" if case.target_mb is not None else "",
            )
            if t
        )
        lines.append(
            f"| {case.name} | {b['median_s']:.2f} s | {c['median_s']:.2f} s | {ratio:.2f} | "
            f"{projected:.2f} s | {target} | {', '.join(met)} | {b['cpu_s']:.2f} s | "
            f"{c['cpu_s']:.2f} s | {b['peak_rss_mb']:.0f} MB | {c['peak_rss_mb']:.0f} MB | "
            f"{'yes' if row['same_output'] else '**no**'} |"
        )
    lines += ["", "Cold first run (fresh user cache and temporary folder):", ""]
    lines += [
        "| command | A wall | B wall | A CPU | B CPU | A RSS | B RSS |",
        "|---|---|---|---|---|---|---|",
    ]
    for name in COLD:
        cold = cases[name]["cold"]
        b, c = cold["baseline"], cold["candidate"]
        lines.append(
            f"| {name} | {b['median_s']:.2f} s | {c['median_s']:.2f} s | {b['cpu_s']:.2f} s | "
            f"{c['cpu_s']:.2f} s | {b['peak_rss_mb']:.0f} MB | {c['peak_rss_mb']:.0f} MB |"
        )
    lines += ["", "Min / max wall of every row: `startup.json`.", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", default="0126895")
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the baseline's venv here")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be >= 1")
    head = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    scratch = Path(tempfile.mkdtemp(prefix="untm-startup-"))
    envs = args.keep or scratch
    try:
        baseline_tree = _archive(args.baseline, scratch / "baseline-tree")
        candidate_tree = _copy_worktree(scratch / "candidate-tree")
        versions = {
            "baseline": _install(baseline_tree, envs / f"venv-{args.baseline}"),
            "candidate": _install(candidate_tree, scratch / "venv-candidate"),
        }
        data = measure(versions, args.runs, scratch / "work")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    data["meta"] = {
        "command": "python bench/bench_startup.py"
        + (f" --runs {args.runs}" if args.runs != 5 else ""),
        "runs": args.runs,
        "baseline_label": f"main {args.baseline}",
        "candidate_label": f"{head}{' + uncommitted changes' if dirty else ''}",
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "startup.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    (RESULTS / "startup.md").write_text(render(data), encoding="utf-8")


if __name__ == "__main__":
    main()
