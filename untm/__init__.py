"""untm: Chinese-English alignment and translation memory for United Nations documents."""

from __future__ import annotations

from functools import lru_cache

__all__ = ["__version__"]


@lru_cache(maxsize=1)
def _installed_version() -> str:
    # importlib.metadata costs ~30 ms of imports: only commands that show the version pay it
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("untm")
    except PackageNotFoundError:  # running from a source tree without installation
        return "0.0.0"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return _installed_version()
    raise AttributeError(f"module 'untm' has no attribute {name!r}")
