"""Where the per-pair tasks run: local worker processes, or a Dask distributed cluster.

Both engines run the same plain function, `align_pair`, on the same `PairJob`s and call
`on_done(outcome)` as each pair finishes (in completion order); both return the outcomes in job
order. A worker that dies turns its pair into a failed outcome; the other pairs go on.

Local workers: where `fork` exists and numpy is not loaded yet, the parent loads the models once
(one BLAS thread) and forks the workers, which share the loaded models copy-on-write: the
start-up cost is paid once, not once per worker. Otherwise workers are spawned and each loads
the models in its initializer. Either way each worker runs one BLAS/OpenMP thread.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed

from untm.batch.task import PairJob, PairOutcome, align_pair, failed, warm_up, worker_error
from untm.errors import ModelUnavailableError
from untm.threads import NATIVE_THREAD_VARS, limit_native_threads

OnDone = Callable[[PairOutcome], None]
ENGINES = ("local", "dask")


@contextlib.contextmanager
def one_native_thread_per_worker() -> Iterator[None]:
    """Start worker processes with one BLAS/OpenMP thread each (unless the user set them):
    parallelism comes from the processes; N processes x all-core BLAS pools oversubscribe the
    CPUs (measured: 2 workers took 3.2x the time of 1 on 2 cores). Dask's nanny does the same."""
    saved = {name: os.environ.get(name) for name in NATIVE_THREAD_VARS}
    limit_native_threads()
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


_WARMED_HERE: set[str] = set()  # modes whose models this process loaded for forked workers


def local_start_method() -> str:
    """`fork` when it can share models loaded here with one BLAS thread, else `spawn`."""
    if not sys.platform.startswith("linux"):  # fork is unsafe on macOS, absent on Windows
        return "spawn"
    if "numpy" not in sys.modules or _WARMED_HERE:  # numpy not yet loaded, or loaded by us
        return "fork"
    return "spawn"


def run_local(
    jobs: Sequence[PairJob],
    *,
    workers: int,
    mode: str = "best",
    on_done: OnDone | None = None,
    start_method: str | None = None,
) -> list[PairOutcome]:
    """Run the jobs on `workers` local processes (see the module docstring)."""
    if not jobs:
        return []
    done: dict[int, PairOutcome] = {}
    start_method = start_method or local_start_method()
    with contextlib.ExitStack() as stack:
        stack.enter_context(one_native_thread_per_worker())
        if start_method == "fork" and mode not in _WARMED_HERE:
            warm_up(mode)  # once, here; the forked workers inherit the loaded models
            _WARMED_HERE.add(mode)
        pool = stack.enter_context(
            ProcessPoolExecutor(
                max_workers=max(1, min(workers, len(jobs))),
                mp_context=multiprocessing.get_context(start_method),
                initializer=warm_up,  # a no-op after a fork from a warmed-up parent
                initargs=(mode,),
            )
        )
        futures: dict[Future[PairOutcome], int] = {
            pool.submit(align_pair, job): n for n, job in enumerate(jobs)
        }
        try:
            for future in as_completed(futures):
                n = futures[future]
                try:
                    outcome = future.result()
                except Exception as exc:  # BrokenProcessPool and the like
                    outcome = failed(jobs[n].name, worker_error("worker", exc))
                done[n] = outcome
                if on_done is not None:
                    on_done(outcome)
        except BaseException:  # Ctrl-C: drop the queued pairs instead of running them all
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return [done[n] for n in range(len(jobs))]


def run_dask(
    jobs: Sequence[PairJob],
    *,
    workers: int,
    scheduler: str | None = None,
    mode: str = "best",
    on_done: OnDone | None = None,
) -> list[PairOutcome]:
    """Run the jobs on a Dask cluster at `scheduler`, or on a new LocalCluster of `workers`."""
    try:
        from untm.batch.dask_engine import run_on_dask
    except ImportError as exc:
        raise ModelUnavailableError(
            "the dask engine needs dask[distributed]: pip install 'untm[dask]'"
        ) from exc
    return run_on_dask(jobs, workers=workers, scheduler=scheduler, mode=mode, on_done=on_done)


def run_jobs(
    jobs: Sequence[PairJob],
    *,
    engine: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
    mode: str = "best",
    on_done: OnDone | None = None,
) -> list[PairOutcome]:
    """Run the jobs on the chosen engine."""
    if engine == "dask":
        return run_dask(jobs, workers=workers, scheduler=scheduler, mode=mode, on_done=on_done)
    return run_local(jobs, workers=workers, mode=mode, on_done=on_done)
