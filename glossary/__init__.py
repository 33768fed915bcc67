"""The UN institutional term base: built-in glossary, user glossary, exchange formats, checks.

`open_glossary(path)` gives the built-in term base plus the user's SQLite glossary (entries the
user added, minus built-in entries the user removed). The user glossary's path is `path`, else
the environment variable `UNTM_GLOSSARY`, else `glossary.sqlite3` in the user's data folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from untm.glossary.termbase import Glossary

ENV_VAR = "UNTM_GLOSSARY"

__all__ = ["ENV_VAR", "Glossary", "default_store_path", "open_glossary", "store_path"]


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


def open_glossary(path: str | Path | None = None, *, builtin: bool = True) -> Glossary:
    """Built-in concepts (unless `builtin=False`) plus the user glossary at `store_path(path)`.

    A missing user glossary file is not an error (nothing is created); a user concept with the
    same id as a built-in one replaces it.
    """
    from untm.glossary.builtin import builtin_concepts
    from untm.glossary.store import UserStore

    base = builtin_concepts() if builtin else ()
    target = store_path(path)
    if not target.exists():
        return Glossary(base)
    with UserStore(target) as store:
        user = store.concepts()
        hidden = store.hidden_ids()
    user_ids = {c.id for c in user}
    kept = [c for c in base if c.id not in hidden and c.id not in user_ids]
    return Glossary([*kept, *user])
