"""The UN institutional term base: built-in glossary, user glossary, exchange formats, checks.

`open_glossary(path)` gives the built-in term base plus the user's SQLite glossary (entries the
user added, minus built-in entries the user removed). The user glossary's path is `path`, else
the environment variable `UNTM_GLOSSARY`, else `glossary.sqlite3` in the user's data folder.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from untm.glossary.termbase import Glossary

if TYPE_CHECKING:
    from untm.glossary.store import WriteSummary
    from untm.glossary.term import Concept

# This folder is installed as `untm.glossary` only (pyproject.toml maps it): imported as `glossary`
# (from a checkout's root) every class would exist twice, `glossary.x.C is not untm.glossary.x.C`.
if __name__ != "untm.glossary":
    raise ImportError(f"import untm.glossary, not {__name__} (the package is untm)")

ENV_VAR = "UNTM_GLOSSARY"

__all__ = [
    "ENV_VAR",
    "Glossary",
    "add_user_concept",
    "default_store_path",
    "open_glossary",
    "store_path",
    "writable_store_path",
]


def default_store_path() -> Path:
    """`glossary.sqlite3` in the platform's user data folder for untm."""
    import platformdirs

    return Path(platformdirs.user_data_dir("untm", appauthor=False)) / "glossary.sqlite3"


def store_path(path: str | Path | None = None) -> Path:
    """The user glossary path: `path`, else $UNTM_GLOSSARY, else the default."""
    if path is not None and str(path):
        return Path(path)
    env = os.environ.get(ENV_VAR, "")
    return Path(env) if env else default_store_path()


def writable_store_path(path: str | Path | None = None) -> Path:
    """`store_path(path)` for writing: the folder of the default (or $UNTM_GLOSSARY) store is
    created; a store path given explicitly must be in an existing folder."""
    target = store_path(path)
    if (path is None or not str(path)) and not target.parent.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
    return target


def open_glossary(path: str | Path | None = None, *, builtin: bool = True) -> Glossary:
    """Built-in concepts (unless `builtin=False`) plus the user glossary at `store_path(path)`.

    A missing user glossary file is not an error (nothing is created); a user concept with the
    same id as a built-in one replaces it.
    """
    from untm.glossary.builtin import builtin_concepts, load_builtin

    target = store_path(path)
    if not target.exists():
        return load_builtin() if builtin else Glossary(())
    from untm.glossary.store import UserStore

    base = builtin_concepts() if builtin else ()
    with UserStore(target) as store:
        user = store.concepts()
        hidden = store.hidden_ids()
    user_ids = {c.id for c in user}
    kept = [c for c in base if c.id not in hidden and c.id not in user_ids]
    return Glossary([*kept, *user])


def add_user_concept(
    zh: str,
    en: str,
    *,
    zh_variants: Sequence[str] = (),
    en_variants: Sequence[str] = (),
    domain: str = "",
    note: str = "",
    path: str | Path | None = None,
) -> tuple[Concept, WriteSummary, Path]:
    """Add the concept zh = en (and variants) to the user glossary at `store_path(path)`,
    replacing one with the same pair (`untm glossary add`, the review editor's term key).

    The default store's folder is created; a store path given explicitly must be in an existing
    folder. Returns the concept, what the write changed and the store's path.
    """
    from untm.errors import GlossaryError
    from untm.glossary.ids import concept_id_for
    from untm.glossary.store import UserStore
    from untm.glossary.tabular import make_concept

    if not zh.strip() or not en.strip():
        raise GlossaryError("both a Chinese and an English term are needed")
    concept = make_concept(
        concept_id_for(zh, en), [zh, *zh_variants], [en, *en_variants], domain=domain, note=note
    )
    target = writable_store_path(path)
    with UserStore(target) as store:
        summary = store.add([concept])
    return concept, summary, target
