"""The built-in UN term base shipped in `glossary/data/un_terms.tsv` (see data/SOURCES.md)."""

from __future__ import annotations

import functools
from importlib import resources

from untm.glossary.tabular import parse_table
from untm.glossary.term import Concept
from untm.glossary.termbase import Glossary

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
    """The built-in glossary (no user entries); built once per process (it is immutable)."""
    return Glossary(builtin_concepts())
