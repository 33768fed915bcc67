"""The Dask engine: the per-pair task on a Dask distributed cluster (imported only when used).

With `scheduler` ("tcp://host:8786") the jobs go to an existing cluster, whose workers must have
untm installed and see the input and output paths (a shared file system); without, a
`LocalCluster` of single-threaded worker processes is started and closed again. A worker plugin
loads the models once per worker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from untm.batch.task import PairJob, PairOutcome, align_pair, failed, warm_up, worker_error
from untm.errors import InputError


class WarmUpPlugin(WorkerPlugin):
    """Loads the aligner's models when a worker starts."""

    name = "untm-warm-up"

    def __init__(self, mode: str = "best") -> None:
        self.mode = mode

    def setup(self, worker: Any) -> None:
        warm_up(self.mode)


def _client(workers: int, scheduler: str | None) -> tuple[Client, LocalCluster | None]:
    if scheduler:
        try:
            return Client(scheduler, timeout="20s"), None  # type: ignore[no-untyped-call]
        except OSError as exc:
            raise InputError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from exc
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=max(1, workers),
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    return Client(cluster), cluster  # type: ignore[no-untyped-call]


def run_on_dask(
    jobs: Sequence[PairJob],
    *,
    workers: int,
    scheduler: str | None,
    mode: str,
    on_done: Callable[[PairOutcome], None] | None,
) -> list[PairOutcome]:
    """Submit one task per job and collect the outcomes in job order."""
    if not jobs:
        return []
    client, cluster = _client(min(workers, len(jobs)), scheduler)
    try:
        client.register_plugin(WarmUpPlugin(mode))
        futures = [
            client.submit(align_pair, job, key=f"untm-{n}-{job.name}", pure=False)
            for n, job in enumerate(jobs)
        ]
        index = {future.key: n for n, future in enumerate(futures)}
        done: dict[int, PairOutcome] = {}
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            n = index[future.key]
            try:
                outcome = future.result()
            except Exception as exc:  # a killed worker, a lost task
                outcome = failed(jobs[n].name, worker_error("dask task", exc))
            done[n] = outcome
            if on_done is not None:
                on_done(outcome)
        return [done[n] for n in range(len(jobs))]
    finally:
        client.close()  # type: ignore[no-untyped-call]
        if cluster is not None:
            cluster.close()
