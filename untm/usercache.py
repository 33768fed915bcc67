"""Input-independent data prepared once and kept in the user cache folder.

The aligner's lookups (the CC-CEDICT index, jieba's prefix dictionary, the sentence encoder's
weights and tokenizer) are the same for every document. Building them from the installed
packages takes seconds; loading them prepared takes milliseconds. `prepared()` keeps each in its
own folder under the user cache (`$UNTM_CACHE_DIR`, else platformdirs' user cache folder:
`~/.cache/untm` on Linux), named by a key over everything it is built from:

- the format number of this module and the Python version (marshal's format),
- the source code of the module that builds it (a changed builder never reads a stale index),
- size and contents of the data files it reads (of a large file, its first and last 64 KiB):
  an upgraded package gives a new key, the same package in another environment the same key.

The first run after an install builds and saves (written to a temporary folder, then renamed,
so a reader never sees half a folder and two processes starting together both succeed); later
runs load. Nothing is ever required of the cache: when the folder cannot be created or written
(no writable home, a read-only file system, a full disk) or a saved folder cannot be read, the
data is built in memory for this process and the run goes on. Older versions of a prepared
folder are removed when a new one is saved.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

T = TypeVar("T")

#: bump when the layout of the prepared folders changes
FORMAT = 1
CACHE_ENV = "UNTM_CACHE_DIR"
_WHOLE = 1 << 20  # data files up to this size are keyed on their whole contents
_PART = 1 << 16

log = logging.getLogger(__name__)


def cache_root() -> Path:
    """Where prepared data lives: $UNTM_CACHE_DIR, else the user cache folder of untm."""
    explicit = os.environ.get(CACHE_ENV, "").strip()
    if explicit:
        return Path(explicit)
    import platformdirs

    return Path(platformdirs.user_cache_dir("untm", appauthor=False))


def data_key(*, code: Iterable[str | Path] = (), files: Iterable[str | Path] = ()) -> str:
    """A key over this module's format, the Python version, the contents of the `code` files
    and the size and contents of the `files` (cheap: at most 128 KiB read of each)."""
    digest = hashlib.sha256(f"{FORMAT}|{sys.version_info[:2]}|{marshal.version}".encode())
    for path in code:
        digest.update(b"|code|" + Path(path).read_bytes())
    for path in files:
        digest.update(f"|file|{Path(path).name}|".encode() + _sample(Path(path)))
    return digest.hexdigest()[:16]


def _sample(path: Path) -> bytes:
    """A file's size and contents; of a file over `_WHOLE` bytes, its first and last `_PART`
    bytes (a zip's or gzip's tail holds its members' CRCs and sizes). Not the modification time:
    two installs of the same packages (a project's venv and pipx's) share one prepared folder
    instead of removing each other's."""
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size <= _WHOLE:
            return f"{size}|".encode() + hashlib.sha256(handle.read()).digest()
        head = handle.read(_PART)
        handle.seek(size - _PART)
        return f"{size}|".encode() + hashlib.sha256(head + handle.read()).digest()


@dataclass(frozen=True)
class Preparer(Generic[T]):
    """How to make one kind of prepared data, save it to a folder and load it back.

    `load(save(make()))` must behave exactly as `make()` (tests/test_usercache.py checks each).
    """

    name: str
    key: Callable[[], str]
    make: Callable[[], T]
    save: Callable[[T, Path], None]
    load: Callable[[Path], T]


def _remove_older(root: Path, name: str, keep: Path) -> None:
    for old in root.glob(f"{name}-*"):
        if old != keep and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)


def prepared(preparer: Preparer[T], root: Path | None = None) -> T:
    """The data of `preparer`: loaded from the cache, else built (and saved when possible)."""
    try:
        root = root or cache_root()
        folder = root / f"{preparer.name}-{preparer.key()}"
    except OSError as exc:  # a data file of the key is missing: let make() report it
        log.debug("untm cache: no key for %s (%s)", preparer.name, exc)
        return preparer.make()
    if folder.is_dir():
        try:
            return preparer.load(folder)
        except Exception as exc:  # damaged or foreign folder: rebuild it below
            log.debug("untm cache: cannot load %s (%s); rebuilding", folder, exc)
            shutil.rmtree(folder, ignore_errors=True)
    value = preparer.make()
    try:
        root.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{preparer.name}-", dir=root))
        try:
            preparer.save(value, work)
            try:
                work.rename(folder)
            except OSError:  # another process saved it first: theirs is as good
                if not folder.is_dir():
                    raise
        finally:
            shutil.rmtree(work, ignore_errors=True)
        _remove_older(root, preparer.name, folder)
    except OSError as exc:
        log.debug("untm cache: cannot save %s in %s (%s); kept in memory", preparer.name, root, exc)
    return value


def write_marshal(path: Path, value: Any) -> None:
    """Plain data (str, bytes, numbers, tuples, lists, dicts, sets) to a file, fast to read."""
    with open(path, "wb") as handle:
        marshal.dump(value, handle)


def read_marshal(path: Path) -> Any:
    return marshal.loads(path.read_bytes())
