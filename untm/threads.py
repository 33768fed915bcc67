"""The native (BLAS/OpenMP) thread-count variables, limited to one thread unless the user set them.

Kept apart from anything that imports numpy: the variables only count when set before numpy (and
its BLAS) is first loaded, so the CLI sets them at start-up and the batch engine for its workers.
"""

from __future__ import annotations

import os

NATIVE_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def limit_native_threads() -> None:
    """Set every native thread-count variable the user has not set to one thread."""
    for name in NATIVE_THREAD_VARS:
        os.environ.setdefault(name, "1")
