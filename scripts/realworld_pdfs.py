"""Assemble the real-world PDF corpus (tests/data/realworld.tsv) from repository snapshots.

Usage: python scripts/realworld_pdfs.py [--mirrors DIR] [--out DIR] [--no-un]

Each file is taken from the bare git snapshot of its repository (`DIR/<owner>+<name>/repo`, as
the search tool's `fetch github:<owner>/<name>` leaves them; default `../.mirror` beside the
checkout) at the commit the manifest records, checked against its sha256 and written to the
output folder (default: `UNTM_REALWORLD_PDFS`, else `../realworld-pdfs`). The files stay outside
the repository: only the manifest (source, commit, sha256, licence, why chosen) is committed.
The UN PDFs of tests/data/realworld_un.tsv go to the output folder's `un/` subfolder
(`--no-un`: not those). Exit status 1 when a file is missing or differs, with one line each.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from realworld import REPO, UN_MANIFEST, UN_SUBFOLDER, Entry, entries, folder_path


def _assemble(rows: list[Entry], mirrors: Path, out: Path) -> int:
    """Write each row's file into `out` from its snapshot; the number of problems."""
    out.mkdir(parents=True, exist_ok=True)
    problems = 0
    for e in rows:
        git_dir = mirrors / e.repository.replace("/", "+") / "repo"
        if (git_dir / ".git").is_dir():  # a snapshot fetched with a work tree
            git_dir = git_dir / ".git"
        target = out / e.name
        if target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == e.sha256:
            continue
        if not git_dir.is_dir():
            print(f"{e.name}: no snapshot of {e.repository} at {git_dir} "
                  f"(fetch github:{e.repository} first)", file=sys.stderr)
            problems += 1
            continue
        done = subprocess.run(["git", f"--git-dir={git_dir}", "show", f"{e.commit}:{e.path}"],
                              capture_output=True, check=False)
        if done.returncode != 0:
            print(f"{e.name}: {e.repository} has no {e.path} at {e.commit[:12]}", file=sys.stderr)
            problems += 1
            continue
        if hashlib.sha256(done.stdout).hexdigest() != e.sha256:
            print(f"{e.name}: sha256 differs from the manifest's", file=sys.stderr)
            problems += 1
            continue
        target.write_bytes(done.stdout)
    print(f"{len(rows) - problems} of {len(rows)} files in {out}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mirrors", type=Path, default=REPO.parent / ".mirror")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--no-un", action="store_true",
                        help="leave out the UN PDFs (tests/data/realworld_un.tsv)")
    args = parser.parse_args()
    out: Path = args.out or folder_path()
    problems = _assemble(entries(), args.mirrors, out)
    if not args.no_un:
        problems += _assemble(entries(UN_MANIFEST), args.mirrors, out / UN_SUBFOLDER)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
