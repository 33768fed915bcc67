"""The user glossary: a SQLite file layered over the built-in term base.

Safety: WAL journal, a 30 s busy timeout, `synchronous=FULL`, and every write (one `add`, one
whole import, one `remove`) is a single `BEGIN IMMEDIATE` transaction. Two processes writing at
once are serialized by SQLite and lose nothing; a process killed mid-import leaves the store as
it was before the import (the transaction never committed).

Removing a built-in concept records its id in `hidden`, so the built-in data file is never edited.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from untm.errors import GlossaryError
from untm.glossary.normalize import norm_key
from untm.glossary.term import Concept, Term

SCHEMA_VERSION = "1"
#: how long a writer waits for another process's lock (busy timeout and open retries)
BUSY_TIMEOUT_S = 30.0
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS concepts(
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    domain TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS terms(
    concept_id TEXT NOT NULL REFERENCES concepts(id) ON DELETE CASCADE,
    pos INTEGER NOT NULL,
    lang TEXT NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY(concept_id, pos)
);
CREATE INDEX IF NOT EXISTS terms_text ON terms(text);
CREATE TABLE IF NOT EXISTS hidden(concept_id TEXT PRIMARY KEY);
"""


@dataclass(frozen=True)
class WriteSummary:
    """What one write changed: concepts added, replaced, removed, built-ins hidden."""

    added: int = 0
    replaced: int = 0
    removed: int = 0
    hidden: int = 0

    def to_dict(self) -> dict[str, int]:
        return {
            "added": self.added,
            "replaced": self.replaced,
            "removed": self.removed,
            "hidden": self.hidden,
        }


class UserStore:
    """A user glossary file. Use as a context manager or call `close()`."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if self.path.is_dir():
            raise GlossaryError("glossary path is a folder", path=self.path)
        if not self.path.parent.is_dir():
            raise GlossaryError("glossary folder does not exist", path=self.path.parent)
        self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        """Connect, set WAL and create the schema, retrying while another process holds a lock.

        SQLite returns "database is locked" at once, without calling the busy handler, where
        waiting could deadlock — e.g. two processes creating a new store at the same moment, one
        switching it to WAL while the other reads. So the whole setup is retried with backoff
        until the same 30 s deadline the busy timeout gives every later write.
        """
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        pause = 0.01
        while True:
            db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            try:
                self._setup(db)
                return db
            except sqlite3.OperationalError as exc:
                db.close()
                locked = "locked" in str(exc) or "busy" in str(exc)
                if not locked or time.monotonic() + pause > deadline:
                    raise GlossaryError(
                        f"not a usable glossary database: {exc}", path=self.path
                    ) from exc
                time.sleep(pause)
                pause = min(pause * 2, 0.5)
            except sqlite3.DatabaseError as exc:
                db.close()
                raise GlossaryError(
                    f"not a usable glossary database: {exc}", path=self.path
                ) from exc

    @staticmethod
    def _setup(db: sqlite3.Connection) -> None:
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("BEGIN IMMEDIATE")
        try:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(
                "INSERT OR IGNORE INTO meta(key, value) VALUES('schema', ?)", (SCHEMA_VERSION,)
            )
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> UserStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as exc:
            raise GlossaryError(f"cannot write the glossary: {exc}", path=self.path) from exc
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        try:
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            raise GlossaryError(f"cannot commit to the glossary: {exc}", path=self.path) from exc

    def add(self, concepts: Iterable[Concept]) -> WriteSummary:
        """Add or replace (by id) every concept, all in ONE transaction."""
        added = replaced = 0
        with self._transaction() as db:
            for concept in concepts:
                if not concept.terms:
                    raise GlossaryError(f"concept {concept.id!r} has no terms", path=self.path)
                existed = db.execute(
                    "SELECT 1 FROM concepts WHERE id = ?", (concept.id,)
                ).fetchone()
                if existed:
                    db.execute("DELETE FROM terms WHERE concept_id = ?", (concept.id,))
                    db.execute(
                        "UPDATE concepts SET domain = ?, note = ? WHERE id = ?",
                        (concept.domain, concept.note, concept.id),
                    )
                    replaced += 1
                else:
                    db.execute(
                        "INSERT INTO concepts(id, domain, note) VALUES(?, ?, ?)",
                        (concept.id, concept.domain, concept.note),
                    )
                    added += 1
                db.executemany(
                    "INSERT INTO terms(concept_id, pos, lang, kind, text) VALUES(?, ?, ?, ?, ?)",
                    [(concept.id, i, t.lang, t.kind, t.text) for i, t in enumerate(concept.terms)],
                )
                db.execute("DELETE FROM hidden WHERE concept_id = ?", (concept.id,))
        return WriteSummary(added=added, replaced=replaced)

    def remove(self, query: str, builtin: Iterable[Concept] = ()) -> WriteSummary:
        """Remove user concepts whose id or any term equals `query` (normalized), and hide
        matching built-in concepts. One transaction."""
        key = norm_key(query)
        removed = hidden = 0
        with self._transaction() as db:
            ids = {
                row[0]
                for row in db.execute("SELECT concept_id, text FROM terms")
                if norm_key(row[1]) == key
            }
            ids |= {row[0] for row in db.execute("SELECT id FROM concepts WHERE id = ?", (query,))}
            for cid in sorted(ids):
                db.execute("DELETE FROM terms WHERE concept_id = ?", (cid,))
                db.execute("DELETE FROM concepts WHERE id = ?", (cid,))
                removed += 1
            for concept in builtin:
                if concept.id == query or any(norm_key(t.text) == key for t in concept.terms):
                    cur = db.execute(
                        "INSERT OR IGNORE INTO hidden(concept_id) VALUES(?)", (concept.id,)
                    )
                    hidden += cur.rowcount
        return WriteSummary(removed=removed, hidden=hidden)

    def concepts(self) -> list[Concept]:
        """All user concepts in insertion order."""
        try:
            rows = self._db.execute(
                "SELECT c.id, c.domain, c.note, t.lang, t.kind, t.text FROM concepts c "
                "JOIN terms t ON t.concept_id = c.id ORDER BY c.seq, t.pos"
            ).fetchall()
        except sqlite3.DatabaseError as exc:
            raise GlossaryError(f"cannot read the glossary: {exc}", path=self.path) from exc
        order: list[str] = []
        info: dict[str, tuple[str, str]] = {}
        terms: dict[str, list[Term]] = {}
        for cid, domain, note, lang, kind, text in rows:
            if cid not in info:
                order.append(cid)
                info[cid] = (domain, note)
                terms[cid] = []
            terms[cid].append(Term(text, lang, kind))
        return [
            Concept(cid, tuple(terms[cid]), domain=info[cid][0], note=info[cid][1], origin="user")
            for cid in order
        ]

    def hidden_ids(self) -> set[str]:
        """Ids of built-in concepts the user removed."""
        return {row[0] for row in self._db.execute("SELECT concept_id FROM hidden")}

    def count(self) -> int:
        row = self._db.execute("SELECT COUNT(*) FROM concepts").fetchone()
        return int(row[0])
