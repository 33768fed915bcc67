"""A batch run: plan the jobs, skip what is up to date, run the rest, write summary and merged TMX.

`OUT_DIR/summary.json` is `{"documents": [...], "ignored": [...], "totals": {...}, "merged": ...}`
with one record per pair (see `PairOutcome.to_dict`), in pair order. It is rewritten atomically
as pairs finish, so an interrupted run keeps what it did. A pair is up to date (skipped) when the
previous summary recorded it "ok" with the same output, aligner mode and format, and that output
(and its review page, when asked for) is newer than both inputs; `force` redoes everything.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

from untm.batch.discover import Discovery, PairSource
from untm.batch.engines import ENGINES, OnDone, run_jobs
from untm.batch.task import PairJob, PairOutcome, failed
from untm.errors import OutputError, UsageError
from untm.export import format_names, get_format
from untm.fileio import write_text_atomic
from untm.tmx.unit import TranslationUnit

SUMMARY_NAME = "summary.json"
INDEX_NAME = "index.html"  # the review index in the report folder


@dataclass(frozen=True)
class BatchOptions:
    """How to run a batch; checked when made (UsageError naming the option as `untm batch`
    spells it: an unknown format, engine or aligner mode, a scheduler without Dask)."""

    out_dir: Path
    fmt: str = "tmx"  # a format of untm.export (its first extension names the outputs)
    workers: int = 1
    engine: str = "local"
    scheduler: str | None = None
    merged: Path | None = None
    report_dir: Path | None = None
    force: bool = False
    mode: str = "best"

    def __post_init__(self) -> None:
        from untm.pipeline import MODES

        for value, choices, option in (
            (self.fmt, format_names(), "--format"),
            (self.engine, ENGINES, "--engine"),
            (self.mode, MODES, "--mode"),
        ):
            if value not in choices:
                raise UsageError(f"{option} must be one of {', '.join(choices)} (got {value!r})")
        if self.scheduler is not None and self.engine != "dask":
            raise UsageError("--scheduler needs --engine dask")


@dataclass(frozen=True)
class BatchPlan:
    """What a batch will do: jobs to run, pairs already up to date, pairs that cannot run."""

    names: tuple[str, ...]  # every pair, in summary order
    jobs: tuple[PairJob, ...]
    skipped: tuple[PairOutcome, ...]
    problems: tuple[PairOutcome, ...]
    ignored: tuple[str, ...]


@dataclass(frozen=True)
class MergedTmx:
    """The merged TMX: its units, the documents merged, and the identical units folded."""

    path: str
    units: int
    documents: int
    input_units: int
    duplicates: int


@dataclass(frozen=True)
class BatchResult:
    """The outcome of every pair (in plan order), the ignored files, the merged TMX."""

    outcomes: tuple[PairOutcome, ...]
    ignored: tuple[str, ...]
    summary_path: Path
    merged: MergedTmx | None = None

    @property
    def failed(self) -> int:
        return sum(1 for o in self.outcomes if not o.ok)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


def _read_previous(summary: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(summary.read_text(encoding="utf-8"))
        return {str(d["name"]): d for d in data["documents"] if isinstance(d, dict)}
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # no usable previous run: everything is redone


def _mtime(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


def _up_to_date(
    pair: PairSource, job: PairJob, record: dict[str, Any] | None
) -> PairOutcome | None:
    if record is None or record.get("status") != "ok":
        return None
    if record.get("mode") != job.mode or record.get("format") != job.fmt:
        return None  # made another way (or by a version that did not record how)
    recorded = record.get("output")
    if not isinstance(recorded, str) or Path(recorded).resolve() != Path(job.output).resolve():
        return None
    inputs = [_mtime(pair.zh), _mtime(pair.en)]
    outputs = [_mtime(Path(job.output))]
    if job.report is not None:
        outputs.append(_mtime(Path(job.report)))
    if None in inputs or None in outputs:
        return None
    newest_input = max(t for t in inputs if t is not None)
    if any(t is None or t <= newest_input for t in outputs):
        return None
    try:
        return PairOutcome(
            name=pair.name,
            status="ok",
            units=int(record["units"]),
            unaligned_zh=int(record["unaligned_zh"]),
            unaligned_en=int(record["unaligned_en"]),
            mean_score=float(record["mean_score"]),
            review=int(record.get("review", 0)),
            seconds=0.0,
            output=job.output,
            skipped=True,
            mode=job.mode,
            fmt=job.fmt,
            reading=tuple(str(note) for note in record.get("reading", ())),
            units_lost=int(record.get("units_lost", 0)),
        )
    except (KeyError, TypeError, ValueError):
        return None


def plan_batch(discovery: Discovery, options: BatchOptions) -> BatchPlan:
    """Decide, for each pair, whether to run it, skip it (up to date) or fail it upfront."""
    out_dir = options.out_dir
    previous = {} if options.force else _read_previous(out_dir / SUMMARY_NAME)
    # a merged TMX needs each pair's units: a skipped pair's are read back from its TMX
    can_skip = options.merged is None or options.fmt == "tmx"
    jobs: list[PairJob] = []
    skipped: list[PairOutcome] = []
    problems = [failed(p.name, p.error) for p in discovery.problems]
    for pair in discovery.pairs:
        output = out_dir / (pair.name + get_format(options.fmt).extension)
        if output.name == SUMMARY_NAME:
            problems.append(failed(pair.name, f"output {output.name} would replace the summary"))
            continue
        if options.report_dir is not None and pair.name + ".html" == INDEX_NAME:
            problems.append(failed(pair.name, f"review page would replace {INDEX_NAME}"))
            continue
        if options.merged is not None and output.resolve() == options.merged.resolve():
            problems.append(failed(pair.name, f"output {output} is also the merged TMX"))
            continue
        report = None
        if options.report_dir is not None:
            report = str(options.report_dir / (pair.name + ".html"))
        job = PairJob(
            name=pair.name,
            zh=str(pair.zh),
            en=str(pair.en),
            output=str(output),
            fmt=options.fmt,
            report=report,
            mode=options.mode,
            collect_units=options.merged is not None,
        )
        done = _up_to_date(pair, job, previous.get(pair.name)) if can_skip else None
        if done is not None:
            skipped.append(done)
        else:
            jobs.append(job)
    names = sorted([j.name for j in jobs] + [s.name for s in skipped] + [p.name for p in problems])
    return BatchPlan(tuple(names), tuple(jobs), tuple(skipped), tuple(problems), discovery.ignored)


def summary_data(
    outcomes: Sequence[PairOutcome], ignored: Sequence[str], merged: MergedTmx | None
) -> dict[str, Any]:
    """The summary.json content."""
    return {
        "documents": [o.to_dict() for o in outcomes],
        "ignored": list(ignored),
        "totals": {
            "documents": len(outcomes),
            "ok": sum(1 for o in outcomes if o.ok),
            "failed": sum(1 for o in outcomes if not o.ok),
            "skipped": sum(1 for o in outcomes if o.skipped),
            "units": sum(o.units for o in outcomes if o.ok),
        },
        "merged": None if merged is None else asdict(merged),
    }


def write_summary(
    path: Path, outcomes: Sequence[PairOutcome], ignored: Sequence[str], merged: MergedTmx | None
) -> None:
    text = json.dumps(summary_data(outcomes, ignored, merged), ensure_ascii=False, indent=2)
    write_text_atomic(path, text + "\n")


def _prepare_folders(options: BatchOptions) -> None:
    created = [f.resolve() for f in (options.out_dir, options.report_dir) if f is not None]
    merged = options.merged
    if merged is not None and not (merged.parent.is_dir() or merged.parent.resolve() in created):
        raise OutputError("folder of the merged TMX does not exist", path=merged)
    for folder in (options.out_dir, options.report_dir):
        if folder is None:
            continue
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create folder: {exc.strerror or exc}", path=folder) from exc


def _units_of(outcome: PairOutcome) -> tuple[TranslationUnit, ...]:
    if not outcome.skipped or outcome.output is None:
        return outcome.translation_units
    from untm.tmx.tmx14 import read_tmx

    return tuple(read_tmx(outcome.output).units)


def write_merged(path: Path, outcomes: Sequence[PairOutcome]) -> MergedTmx:
    """One TMX of the units of every ok pair; identical units are kept once (and counted)."""
    from untm.tmx.merge import merge_counted
    from untm.tmx.tmx14 import write_tmx

    ok = [o for o in outcomes if o.ok]
    merged = merge_counted([list(_units_of(o)) for o in ok])
    count = write_tmx(path, merged.units)
    return MergedTmx(
        path=str(path),
        units=int(count),
        documents=len(ok),
        input_units=merged.input_units,
        duplicates=merged.duplicates,
    )


def write_index(report_dir: Path, outcomes: Sequence[PairOutcome]) -> Path:
    """The review index of a batch: every document, linking to its review page."""
    from untm.report import IndexEntry, write_report_index

    def page(o: PairOutcome) -> str | None:
        exists = o.ok and (report_dir / f"{o.name}.html").exists()
        return quote(f"{o.name}.html") if exists else None

    entries = [
        IndexEntry(
            name=o.name,
            status=o.status,
            units=o.units,
            review=o.review,
            mean_score=o.mean_score,
            page=page(o),
            error=o.error,
        )
        for o in outcomes
    ]
    path = report_dir / INDEX_NAME
    write_report_index(path, entries, title="untm batch review")
    return path


def run_batch(
    discovery: Discovery,
    options: BatchOptions,
    *,
    on_plan: Callable[[BatchPlan], None] | None = None,
    on_done: OnDone | None = None,
) -> BatchResult:
    """Run a whole batch and write its summary (and merged TMX); never stops at a failed pair.

    The merged TMX is written only when at least one pair succeeded.
    """
    _prepare_folders(options)
    plan = plan_batch(discovery, options)
    if on_plan is not None:
        on_plan(plan)
    summary = options.out_dir / SUMMARY_NAME
    finished: dict[str, PairOutcome] = {o.name: o for o in plan.skipped + plan.problems}

    def ordered() -> list[PairOutcome]:
        return [finished[n] for n in plan.names if n in finished]

    def record(outcome: PairOutcome) -> None:
        finished[outcome.name] = outcome
        write_summary(summary, ordered(), plan.ignored, None)
        if on_done is not None:
            on_done(outcome)

    run_jobs(
        plan.jobs,
        engine=options.engine,
        workers=options.workers,
        scheduler=options.scheduler,
        mode=options.mode,
        on_done=record,
    )
    outcomes = ordered()
    merged = None
    if options.merged is not None and any(o.ok for o in outcomes):
        merged = write_merged(options.merged, outcomes)
    write_summary(summary, outcomes, plan.ignored, merged)
    if options.report_dir is not None:
        write_index(options.report_dir, outcomes)
    slim = tuple(replace(o, translation_units=()) for o in outcomes)
    return BatchResult(slim, plan.ignored, summary, merged)
