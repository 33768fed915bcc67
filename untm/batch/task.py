"""The per-pair task of a batch: one plain function, `align_pair`, run by every engine.

`align_pair(job)` never raises: whatever goes wrong with one pair becomes a failed `PairOutcome`
with a one-line error, so a failing pair never stops the others. `warm_up()` loads the models
once per worker process (called by the local pool's initializer and by a Dask worker plugin).
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from untm.errors import UntmError
from untm.report import count_for_review
from untm.tmx.unit import TranslationUnit


@dataclass(frozen=True)
class PairJob:
    """Everything a worker needs to align one pair (picklable, paths as strings)."""

    name: str
    zh: str
    en: str
    output: str
    fmt: str = "tmx"
    report: str | None = None  # review page path, or None
    mode: str = "best"
    collect_units: bool = False  # return the units (for a merged TMX)


@dataclass(frozen=True)
class PairOutcome:
    """What aligning one pair gave: status "ok" or "failed", counts, time, error."""

    name: str
    status: str
    units: int = 0
    unaligned_zh: int = 0
    unaligned_en: int = 0
    mean_score: float = 0.0
    seconds: float = 0.0
    error: str | None = None
    output: str | None = None
    skipped: bool = False
    review: int = 0  # links a reviewer should look at: null links and low-confidence units
    mode: str | None = None  # aligner mode and output format of an "ok" outcome: a re-run
    fmt: str | None = None  # with another mode or format must not keep this output
    translation_units: tuple[TranslationUnit, ...] = ()
    reading: tuple[str, ...] = ()  # the readers' notes ("zh: read in PDFium's text order …")
    units_lost: int = 0  # links left out: a side holds a character the input lost (U+FFFD)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def to_dict(self) -> dict[str, Any]:
        """The summary.json record of this pair (`reading` only when a reader took a note,
        `units_lost` only when a unit was left out for a lost character)."""
        record: dict[str, Any] = {
            "name": self.name,
            "status": self.status,
            "units": self.units,
            "unaligned_zh": self.unaligned_zh,
            "unaligned_en": self.unaligned_en,
            "mean_score": round(self.mean_score, 4),
            "seconds": round(self.seconds, 3),
            "error": self.error,
            "output": self.output,
            "skipped": self.skipped,
            "review": self.review,
            "mode": self.mode,
            "format": self.fmt,
        }
        if self.reading:
            record["reading"] = list(self.reading)
        if self.units_lost:
            record["units_lost"] = self.units_lost
        return record


def failed(name: str, error: str, *, seconds: float = 0.0) -> PairOutcome:
    return PairOutcome(name=name, status="failed", error=error, seconds=seconds)


def worker_error(where: str, exc: BaseException) -> str:
    """The error of a pair whose worker or task died: "worker failed: KilledWorker: ..."."""
    return f"{where} failed: {type(exc).__name__}: {exc}".rstrip(": ")


WARM_UP_ZH = "一、背景\n\n1. 联合国环境规划署和联合国人类住区规划署于2008年通过了第一个合作框架。\n"
WARM_UP_EN = (
    "I. Background\n\n1. In 2008, the United Nations Environment Programme and the United "
    "Nations Human Settlements Programme adopted their first cooperation framework.\n"
)


def warm_up(mode: str = "best") -> None:
    """Load everything a pair needs in this process (models, dictionaries, word segmenter,
    glossary) by aligning a tiny document pair through the whole pipeline (best effort)."""
    try:
        from untm.pipeline import AlignOptions, align_files

        with tempfile.TemporaryDirectory(prefix="untm-warm-up-") as tmp:
            zh, en = Path(tmp) / "w.zh.txt", Path(tmp) / "w.en.txt"
            zh.write_text(WARM_UP_ZH, encoding="utf-8")
            en.write_text(WARM_UP_EN, encoding="utf-8")
            align_files(zh, en, AlignOptions(mode=mode))
    except Exception:  # the real task reports any problem, with the pair's name
        return


def forget_document_caches(mode: str = "best") -> None:
    """Drop the per-text embedding cache after a pair: documents of a batch share no sentences
    worth keeping, and a worker aligning hundreds of reports must not grow without bound."""
    try:
        from untm.aligner.sentalign import AlignConfig
        from untm.aligner.signals.embeddings import get_encoder

        config = AlignConfig(mode=mode)
        encoder = get_encoder(config.encoder, config.threads)
    except Exception:
        return
    clear = getattr(encoder, "clear", None)
    if callable(clear):
        clear()


def _error_text(exc: BaseException) -> str:
    if isinstance(exc, UntmError):
        return str(exc)
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"internal error: {type(exc).__name__}: {text}".rstrip(": ")


def align_pair(job: PairJob) -> PairOutcome:
    """Align one pair and write its outputs; never raises."""
    start = time.perf_counter()
    try:
        outcome = _align_pair(job)
    except Exception as exc:
        return failed(job.name, _error_text(exc), seconds=time.perf_counter() - start)
    finally:
        forget_document_caches(job.mode)
    return replace(
        outcome,
        seconds=time.perf_counter() - start,
        output=job.output,
        mode=job.mode,
        fmt=job.fmt,
    )


def _align_pair(job: PairJob) -> PairOutcome:
    from untm.export import REVIEW_PAGE, AlignmentExport, get_format
    from untm.pipeline import AlignOptions, align_files, summarize

    options = AlignOptions(mode=job.mode)
    result = align_files(Path(job.zh), Path(job.en), options)
    export = AlignmentExport(result, options, job.name)
    get_format(job.fmt).write_alignment(export, job.output)
    summary = summarize(result)
    units = tuple(export.units()) if job.collect_units else ()
    if job.report is not None:
        REVIEW_PAGE.write_alignment(export, job.report)
    return PairOutcome(
        name=job.name,
        status="ok",
        units=int(summary.units),
        unaligned_zh=int(summary.unaligned_zh),
        unaligned_en=int(summary.unaligned_en),
        mean_score=float(summary.mean_score),
        review=count_for_review(result),
        translation_units=units,
        reading=result.notes,
        units_lost=summary.units_lost,
    )
