"""The built-in UN term base shipped in `glossary/data/un_terms.tsv` (see data/SOURCES.md)."""

from __future__ import annotations

import functools
import pickle
from importlib import resources
from pathlib import Path
from typing import Any

from untm.glossary.tabular import parse_table
from untm.glossary.term import Concept
from untm.glossary.termbase import Glossary
from untm.usercache import Preparer

DATA_FILE = "un_terms.tsv"


@functools.lru_cache(maxsize=1)
def builtin_concepts() -> tuple[Concept, ...]:
    """The built-in concepts, parsed once per process."""
    ref = resources.files("untm.glossary") / "data" / DATA_FILE
    text = ref.read_text(encoding="utf-8")
    return tuple(parse_table(text, delimiter="\t", name=f"glossary/data/{DATA_FILE}",
                             origin="builtin"))


@functools.lru_cache(maxsize=1)
def load_builtin() -> Glossary:
    """The built-in glossary (no user entries) with its lookup indexes: built once after an
    install and kept in the user cache (`untm.usercache`; parsing the table and indexing its
    3,600 terms is ~0.15 s of every `untm glossary lookup`)."""
    from untm.usercache import prepared

    return prepared(_PREPARER)


class _GlossaryUnpickler(pickle.Unpickler):
    """Reads back only a glossary: its own record classes, nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"not a glossary class: {module}.{name}")


_ALLOWED = {
    ("untm.glossary.termbase", "Glossary"),
    ("untm.glossary.term", "Concept"),
    ("untm.glossary.term", "Term"),
}


def _save(glossary: Glossary, folder: Path) -> None:
    (folder / "glossary.pickle").write_bytes(pickle.dumps(glossary, protocol=5))


def _load(folder: Path) -> Glossary:
    with open(folder / "glossary.pickle", "rb") as handle:
        glossary = _GlossaryUnpickler(handle).load()
    if not isinstance(glossary, Glossary):
        raise TypeError("not a glossary")
    return glossary


def _key() -> str:
    from untm.usercache import data_key

    folder = Path(__file__).resolve().parent
    return data_key(files=[folder / "data" / DATA_FILE, *sorted(folder.glob("*.py"))])


_PREPARER: Preparer[Glossary] = Preparer(
    "glossary-builtin", _key, lambda: Glossary(builtin_concepts()), _save, _load
)
