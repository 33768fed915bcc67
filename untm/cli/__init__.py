"""The `untm` command line: thin over the packages; see `untm --help`.

The typer app is `untm.cli.root.app` (also `untm.cli.app`); `main` is the console script. The
commands import what they use when they run, so `untm glossary lookup`, `untm tmx ...` and
`untm tm lookup` never load the aligner, the encoder or the PDF reader
(tests/test_cli_imports.py), and `untm --version` answers before typer is even imported.
"""

from __future__ import annotations

import sys
from typing import Any


def main() -> None:
    """Console-script entry point (see `untm.cli.root.run`)."""
    if sys.argv[1:] == ["--version"]:  # the one answer that needs no command line parser
        from untm import __version__

        print(f"untm {__version__}")
        raise SystemExit(0)
    from untm.cli.root import run

    run()


def __getattr__(name: str) -> Any:
    if name == "app":
        from untm.cli.root import app

        return app
    raise AttributeError(f"module 'untm.cli' has no attribute {name!r}")
