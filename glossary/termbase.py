"""`Glossary`: an immutable set of concepts with indexes for lookup in both directions.

Lookup runs in passes and says which pass matched: "exact" (the surface form as stored),
"normalized" (width, case, punctuation, whitespace, spelling; see `normalize`), "loose" (also
without 的 and a leading 联合国/United Nations) and finally "fuzzy" (difflib similarity over the
normalized keys; only when no earlier pass matched, clearly marked as such).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from untm.glossary.normalize import is_cjk, loose_key, norm_key
from untm.glossary.term import Concept, Term

FUZZY_CUTOFF = 0.88
GENERIC_DOMAINS = frozenset({"vocabulary", "document", "finance"})
_BRACKETS = re.compile(r"[()（）\[\]【】《》〈〉“”\"]")
_ZH_GLUE = frozenset("的和与及、，· ")
_EN_GLUE = frozenset({"of", "the", "and", "for", "to", "on", "in", "'s", "’s", ",", "-"})
SUGGEST_CUTOFF = 0.5


@dataclass(frozen=True)
class Match:
    """One lookup hit: the concept, the term that matched, how, and a similarity in [0, 1]."""

    concept: Concept
    term: Term
    how: str
    score: float

    @property
    def renderings(self) -> tuple[str, ...]:
        """The concept's terms in the other language than the matched term (what the user wants)."""
        other = "en" if self.term.lang == "zh" else "zh"
        return self.concept.texts(other)

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.concept.id,
            "match": self.how,
            "score": round(self.score, 3),
            "matched_term": self.term.text,
            "matched_lang": self.term.lang,
            "zh": list(self.concept.zh),
            "en": list(self.concept.en),
            "domain": self.concept.domain,
            "note": self.concept.note,
            "origin": self.concept.origin,
        }


@dataclass(frozen=True)
class LookupResult:
    """All hits of the best pass that matched (empty when none), plus suggestions when none did.

    `composed` is set instead of `matches` when the query is a combination of known terms
    (each part is a Match with how="composed"); the parts are in query order.
    """

    query: str
    matches: tuple[Match, ...]
    suggestions: tuple[str, ...] = ()
    composed: tuple[Match, ...] = ()

    @property
    def found(self) -> bool:
        return bool(self.matches) or bool(self.composed)

    def to_dict(self) -> dict[str, object]:
        return {
            "query": self.query,
            "found": self.found,
            "matches": [m.to_dict() for m in self.matches],
            "composed": [m.to_dict() for m in self.composed],
            "suggestions": list(self.suggestions),
        }


class Glossary:
    """An immutable collection of concepts (built-in plus user) with lookup indexes."""

    def __init__(self, concepts: Iterable[Concept]) -> None:
        self._concepts: tuple[Concept, ...] = tuple(concepts)
        self._exact: dict[str, list[tuple[int, Term]]] = {}
        self._norm: dict[str, list[tuple[int, Term]]] = {}
        self._loose: dict[str, list[tuple[int, Term]]] = {}
        for i, concept in enumerate(self._concepts):
            for term in concept.terms:
                self._exact.setdefault(term.text, []).append((i, term))
                key = norm_key(term.text)
                if key:
                    self._norm.setdefault(key, []).append((i, term))
                lkey = loose_key(term.text)
                if lkey:
                    self._loose.setdefault(lkey, []).append((i, term))
        self._norm_keys = sorted(self._norm)

    @property
    def concepts(self) -> tuple[Concept, ...]:
        return self._concepts

    def __len__(self) -> int:
        return len(self._concepts)

    def without(self, predicate_ids: Iterable[str]) -> Glossary:
        """A copy lacking the concepts with the given ids."""
        drop = set(predicate_ids)
        return Glossary(c for c in self._concepts if c.id not in drop)

    def term_pairs(self, *, include_generic: bool = True) -> list[tuple[str, str]]:
        """Every (zh term, en term) surface pair of every concept, deduplicated, stable order.

        With `include_generic=False`, concepts of the generic domains (vocabulary, document,
        finance: 决议/resolution, 主席/Chair …) are left out — useful for anchors that should
        only fire on names.
        """
        seen: set[tuple[str, str]] = set()
        pairs: list[tuple[str, str]] = []
        for concept in self._concepts:
            if not include_generic and concept.domain in GENERIC_DOMAINS:
                continue
            for zh in concept.zh:
                for en in concept.en:
                    if (zh, en) not in seen:
                        seen.add((zh, en))
                        pairs.append((zh, en))
        return pairs

    def _hits(self, hits: Sequence[tuple[int, Term]], how: str, score: float) -> tuple[Match, ...]:
        out: list[Match] = []
        seen: set[int] = set()
        for i, term in hits:
            if i not in seen:
                seen.add(i)
                out.append(Match(self._concepts[i], term, how, score))
        return tuple(out)

    def _direct(self, query: str, limit: int) -> tuple[Match, ...]:
        """Exact, then normalized, then loose hits for `query` (empty when none)."""
        if query in self._exact:
            return self._hits(self._exact[query], "exact", 1.0)[:limit]
        key = norm_key(query)
        if key in self._norm:
            return self._hits(self._norm[key], "normalized", 1.0)[:limit]
        lkey = loose_key(query)
        if lkey in self._loose:
            return self._hits(self._loose[lkey], "loose", 1.0)[:limit]
        return ()

    def lookup(self, query: str, *, fuzzy: bool = True, limit: int = 10) -> LookupResult:
        """Look `query` up in both languages.

        Passes, first that matches wins: exact, normalized, loose; then each part of a
        bracketed query ("联合国开发计划署（开发署）"); then a query made of two or more known
        terms ("人居署执行主任", "composed"); then fuzzy similarity (when `fuzzy`).
        """
        query = query.strip()
        if not query:
            return LookupResult(query, ())
        direct = self._direct(query, limit)
        if direct:
            return LookupResult(query, direct)
        parts = [p.strip() for p in _BRACKETS.split(query) if p.strip()]
        if len(parts) > 1:
            for part in parts:
                hits = self._direct(part, limit)
                if hits:
                    return LookupResult(query, hits)
        composed = self._composed(query)
        if composed:
            return LookupResult(query, (), composed=composed)
        key = norm_key(query)
        if not key:
            return LookupResult(query, ())
        close = self._similar(key, limit, SUGGEST_CUTOFF)
        if fuzzy:
            good = [(k, s) for k, s in close if s >= FUZZY_CUTOFF]
            matches: list[Match] = []
            seen: set[str] = set()
            for k, s in good:
                for m in self._hits(self._norm[k], "fuzzy", s):
                    if m.concept.id not in seen:
                        seen.add(m.concept.id)
                        matches.append(m)
            if matches:
                return LookupResult(query, tuple(matches[:limit]))
        suggestions: list[str] = []
        for k, _ in close:
            text = self._norm[k][0][1].text
            if text not in suggestions:
                suggestions.append(text)
        return LookupResult(query, (), tuple(suggestions[:5]))

    def _composed(self, query: str) -> tuple[Match, ...]:
        """Known terms that together cover the query (only glue like 的/和/of/and left over)."""
        lang = "zh" if is_cjk(query) else "en"
        hits = self.find_in_text(query, lang)
        if len(hits) < 2:
            return ()
        rest = list(query)
        for start, end, _ in hits:
            rest[start:end] = [""] * (end - start)
        leftover = "".join(rest)
        glue = leftover if lang == "zh" else " ".join(leftover.split())
        allowed = _ZH_GLUE if lang == "zh" else _EN_GLUE
        words = list(glue) if lang == "zh" else glue.lower().split()
        if any(w not in allowed for w in words if w.strip()):
            return ()
        parts: list[Match] = []
        for _, _, text in hits:
            found = self._direct(text, 1)
            if not found and lang == "en":
                found = self._direct(text.rstrip("s"), 1)
            if not found:
                return ()
            parts.append(Match(found[0].concept, found[0].term, "composed", 1.0))
        return tuple(parts)

    def _similar(self, key: str, limit: int, cutoff: float) -> list[tuple[str, float]]:
        """Normalized keys similar to `key`, best first (difflib ratio; ties by key)."""
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(key)
        scored: list[tuple[float, str]] = []
        for cand in self._norm_keys:
            if abs(len(cand) - len(key)) > max(len(cand), len(key)) * (1 - cutoff) + 1:
                continue
            matcher.set_seq1(cand)
            if matcher.real_quick_ratio() < cutoff or matcher.quick_ratio() < cutoff:
                continue
            ratio = matcher.ratio()
            if ratio >= cutoff:
                scored.append((ratio, cand))
        scored.sort(key=lambda item: (-item[0], item[1]))
        return [(cand, ratio) for ratio, cand in scored[:limit]]

    def find_in_text(self, text: str, lang: str) -> list[tuple[int, int, str]]:
        """Non-overlapping occurrences of glossary terms of `lang` in `text`, longest first.

        Returns (start, end, term text) sorted by start. English matching is case-insensitive
        and on word boundaries; Chinese is plain substring matching.
        """
        from untm.glossary.matching import find_terms

        return find_terms(text, lang, self._surfaces(lang))

    def _surfaces(self, lang: str) -> tuple[str, ...]:
        cache = self.__dict__.setdefault("_surface_cache", {})
        if lang not in cache:
            cache[lang] = tuple(
                sorted({t.text for c in self._concepts for t in c.terms if t.lang == lang})
            )
        result: tuple[str, ...] = cache[lang]
        return result
