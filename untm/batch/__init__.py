"""Batch runs over folders of document pairs, on local worker processes or a Dask cluster.

- `discover_pairs(folder)` / `read_manifest(path)` find the pairs (`find_pairs`: either one;
  `untm.batch.discover`);
- `align_pair(job) -> PairOutcome` is the one per-pair task every engine runs (`untm.batch.task`);
- `run_jobs(...)` runs the tasks locally or on Dask (`untm.batch.engines`);
- `run_batch(discovery, options) -> BatchResult` plans, skips what is up to date, runs, and writes
  `summary.json` and the merged TMX (`untm.batch.run`).
"""

from untm.batch.discover import (
    Discovery,
    PairProblem,
    PairSource,
    discover_pairs,
    find_pairs,
    read_manifest,
)
from untm.batch.engines import ENGINES, run_jobs
from untm.batch.run import (
    SUMMARY_NAME,
    BatchOptions,
    BatchPlan,
    BatchResult,
    MergedTmx,
    plan_batch,
    run_batch,
)
from untm.batch.task import PairJob, PairOutcome, align_pair
from untm.export import format_names

FORMATS = format_names()  # what BatchOptions.fmt takes

__all__ = [
    "ENGINES",
    "FORMATS",
    "SUMMARY_NAME",
    "BatchOptions",
    "BatchPlan",
    "BatchResult",
    "Discovery",
    "MergedTmx",
    "PairJob",
    "PairOutcome",
    "PairProblem",
    "PairSource",
    "align_pair",
    "discover_pairs",
    "find_pairs",
    "plan_batch",
    "read_manifest",
    "run_batch",
    "run_jobs",
]
