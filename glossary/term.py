"""The glossary records: a `Term` (one surface form), a `Concept` (one entry, both languages) and
a `GlossaryFile` (what reading one glossary file gave)."""

from __future__ import annotations

from dataclasses import dataclass

LANGS = ("zh", "en")
KINDS = ("full", "short", "abbrev", "variant")


@dataclass(frozen=True)
class Term:
    """One surface form of a concept: `kind` is full | short | abbrev | variant."""

    text: str
    lang: str
    kind: str = "full"


@dataclass(frozen=True)
class Concept:
    """One glossary entry: its terms in both languages (preferred form first), domain and note.

    `origin` is "builtin" for the shipped term base, "user" for the SQLite user glossary.
    """

    id: str
    terms: tuple[Term, ...]
    domain: str = ""
    note: str = ""
    origin: str = "builtin"

    def texts(self, lang: str) -> tuple[str, ...]:
        """Every surface form in `lang`, preferred first."""
        return tuple(t.text for t in self.terms if t.lang == lang)

    @property
    def zh(self) -> tuple[str, ...]:
        return self.texts("zh")

    @property
    def en(self) -> tuple[str, ...]:
        return self.texts("en")

    def preferred(self, lang: str) -> str:
        """The preferred (first) term in `lang`, or "" when the concept has none."""
        texts = self.texts(lang)
        return texts[0] if texts else ""

    @property
    def is_bilingual(self) -> bool:
        return bool(self.zh) and bool(self.en)


@dataclass(frozen=True)
class GlossaryFile:
    """The concepts read from a glossary file and what was skipped (counted, never silent)."""

    concepts: tuple[Concept, ...]
    skipped_entries: int = 0
    skipped_terms: int = 0
