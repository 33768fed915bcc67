"""Terminology consistency check of a translation memory against the glossary.

For every unit: each glossary Chinese term found in the Chinese side (longest match, no overlaps)
must have one of its concept's English renderings in the English side, and each English term found
in the English side must have one of its Chinese forms in the Chinese side. A surface form shared
by several concepts (缔约方会议) accepts the renderings of all of them. Generic domains
(vocabulary, document, finance) are skipped unless `all_domains=True`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from untm.glossary.matching import contains_any, find_terms
from untm.glossary.normalize import is_cjk
from untm.glossary.termbase import GENERIC_DOMAINS, Glossary
from untm.tmx.unit import TranslationUnit


@dataclass(frozen=True)
class TermIssue:
    """One unit where a glossary term has no accepted rendering on the other side."""

    unit: int
    tuid: str | None
    direction: str
    term: str
    expected: tuple[str, ...]
    concepts: tuple[str, ...]
    zh: str
    en: str

    def to_dict(self) -> dict[str, object]:
        return {"unit": self.unit, "tuid": self.tuid, "direction": self.direction,
                "term": self.term, "expected": list(self.expected),
                "concepts": list(self.concepts), "zh": self.zh, "en": self.en}


@dataclass(frozen=True)
class CheckReport:
    """All issues, with how many units were read and how many term occurrences were checked."""

    issues: tuple[TermIssue, ...]
    units: int
    checked: int

    def to_dict(self) -> dict[str, object]:
        return {"units": self.units, "checked": self.checked, "issues": len(self.issues),
                "items": [i.to_dict() for i in self.issues]}


def zh_en_sides(unit: TranslationUnit) -> tuple[str, str]:
    """(Chinese text, English text) of a unit, whichever side is which."""
    if unit.src_lang.lower().startswith("zh"):
        return unit.source, unit.target
    if unit.tgt_lang.lower().startswith("zh"):
        return unit.target, unit.source
    if is_cjk(unit.target) and not is_cjk(unit.source):
        return unit.target, unit.source
    return unit.source, unit.target


class _Side:
    """Surfaces of one language and the renderings each expects on the other side."""

    def __init__(self, glossary: Glossary, lang: str, all_domains: bool) -> None:
        other = "en" if lang == "zh" else "zh"
        self.lang = lang
        self.expected: dict[str, tuple[str, ...]] = {}
        self.owners: dict[str, tuple[str, ...]] = {}
        exp: dict[str, list[str]] = {}
        own: dict[str, list[str]] = {}
        for concept in glossary.concepts:
            if not concept.is_bilingual:
                continue
            if not all_domains and concept.domain in GENERIC_DOMAINS:
                continue
            for text in concept.texts(lang):
                bucket = exp.setdefault(text, [])
                bucket.extend(t for t in concept.texts(other) if t not in bucket)
                own.setdefault(text, []).append(concept.id)
        self.expected = {k: tuple(v) for k, v in exp.items()}
        self.owners = {k: tuple(v) for k, v in own.items()}
        self.surfaces = tuple(sorted(self.expected))
        self._folded = {k.casefold(): k for k in self.expected} if lang == "en" else {}

    def canonical(self, matched: str) -> str | None:
        """The stored surface a match came from (English matches may differ in case/plural)."""
        if matched in self.expected:
            return matched
        if self.lang != "en":
            return None
        for candidate in (matched, matched[:-1], matched[:-2]):
            if candidate in self.expected:
                return candidate
            hit = self._folded.get(candidate.casefold())
            if hit is not None:
                return hit
        return None


def check_units(
    units: Iterable[TranslationUnit], glossary: Glossary, *, all_domains: bool = False
) -> CheckReport:
    """Check every unit in both directions; see the module docstring."""
    zh_side = _Side(glossary, "zh", all_domains)
    en_side = _Side(glossary, "en", all_domains)
    issues: list[TermIssue] = []
    count = checked = 0
    for index, unit in enumerate(units):
        count += 1
        zh, en = zh_en_sides(unit)
        for side, text, other_text, other_lang, direction in (
            (zh_side, zh, en, "en", "zh>en"),
            (en_side, en, zh, "zh", "en>zh"),
        ):
            reported: set[str] = set()
            for _, _, matched in find_terms(text, side.lang, side.surfaces):
                surface = side.canonical(matched)
                if surface is None or surface in reported:
                    continue
                checked += 1
                expected = side.expected[surface]
                if not contains_any(other_text, other_lang, expected):
                    reported.add(surface)
                    issues.append(TermIssue(index, unit.tuid, direction, surface, expected,
                                            side.owners[surface], zh, en))
    return CheckReport(tuple(issues), count, checked)


def check_tmx(path: str, glossary: Glossary, *, all_domains: bool = False) -> CheckReport:
    """Check the units of a TMX file (read with `tmx.tmx14.iter_tmx`)."""
    from untm.tmx.tmx14 import iter_tmx

    return check_units(iter_tmx(path), glossary, all_domains=all_domains)
