"""What the editor page shows of a session, computed once per link state and sent as patches.

The page gets every link once (`state`); after an operation it gets only the stretch of links
that changed (`changed_range`: the common head and tail of the old and new link lists are kept).
A link's view (its sentences with glossary terms marked, the Chinese terms without their English
equivalent, the `glossary check` findings, its colour) is cached by the link's content, so an
operation recomputes only the links it touched. Views hold no segment positions: the page counts
them from the links' sizes, so splitting a segment near the top does not resend every link below.

Term marking, missing-term marks, colours and the path plot are `untm.report`'s; the findings
are `untm.glossary.check`'s.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from untm.aligner.model import AlignmentResult, BlockKind
from untm.glossary.termbase import Glossary
from untm.pipeline import joiner
from untm.report import (
    LOW_SCORE,
    NULL_COLOUR,
    LinkView,
    TermMatcher,
    mark_terms,
    path_svg,
    score_colour,
    zh_term_classes,
)
from untm.review.history import changed_range as changed_range  # the page's patches too


@dataclass(frozen=True)
class LinkRow:
    """One link as the page shows it: its sentences (and their kinds) on both sides, score,
    status and bookmark. Equal rows look the same, wherever they stand."""

    zh: tuple[str, ...]
    en: tuple[str, ...]
    zh_kinds: tuple[str, ...]
    en_kinds: tuple[str, ...]
    score: float
    status: str = "auto"
    bookmark: bool = False

    @property
    def kind(self) -> str:
        return f"{len(self.zh)}-{len(self.en)}"

    @property
    def is_null(self) -> bool:
        return not self.zh or not self.en

    @property
    def is_unit(self) -> bool:
        """Whether it exports as a translation unit (text on both sides)."""
        return any(t.strip() for t in self.zh) and any(t.strip() for t in self.en)


TextKey = tuple[tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True)
class TermView:
    """The glossary side of a link's view (it depends only on the link's texts)."""

    zh: tuple[str, ...]  # each Chinese sentence, escaped, with its terms marked
    en: tuple[str, ...]
    found: int
    missing: int
    issues: tuple[dict[str, Any], ...]


def _joined(texts: TextKey) -> tuple[str, str]:
    """A link's Chinese and English texts, joined as an export joins them (`pipeline.joiner`)."""
    return joiner("zh").join(texts[0]), joiner("en").join(texts[1])


class LinkViews:
    """Views of links, cached by content; see the module docstring."""

    def __init__(self, glossary: Glossary, *, low_score: float = LOW_SCORE) -> None:
        self.low_score = low_score
        self._terms: dict[TextKey, TermView] = {}
        self._views: dict[LinkRow, dict[str, Any]] = {}
        self.glossary = glossary
        self.matcher = TermMatcher.build(glossary.term_pairs())

    def set_glossary(self, glossary: Glossary, *, touched: tuple[str, str] | None = None) -> None:
        """Use `glossary` from now on. With `touched` (a zh/en pair just added) only the links
        whose text contains one of the two terms are recomputed, otherwise every link is."""
        self.glossary = glossary
        self.matcher = TermMatcher.build(glossary.term_pairs())
        if touched is None:
            self._terms.clear()
            self._views.clear()
            return
        zh, en = "".join(touched[0].split()), touched[1].strip().casefold()

        def stale(texts: TextKey) -> bool:
            z, e = _joined(texts)
            return bool(zh and zh in "".join(z.split())) or bool(en and en in e.casefold())

        for key in [k for k in self._terms if stale(k)]:
            del self._terms[key]
        for row in [r for r in self._views if stale((r.zh, r.en))]:
            del self._views[row]

    def views(self, rows: Sequence[LinkRow]) -> list[dict[str, Any]]:
        """The views of `rows` (computing only those not seen before)."""
        self._fill_terms([(r.zh, r.en) for r in rows if (r.zh, r.en) not in self._terms])
        out = []
        for row in rows:
            view = self._views.get(row)
            if view is None:
                view = self._view(row, self._terms[(row.zh, row.en)])
                self._views[row] = view
            out.append(view)
        return out

    def prune(self, rows: Sequence[LinkRow]) -> None:
        """Forget views of links the session no longer has, once there are many of them."""
        if len(self._views) > 4 * len(rows) + 2000:
            keep = set(rows)
            self._views = {r: v for r, v in self._views.items() if r in keep}
            texts = {(r.zh, r.en) for r in rows}
            self._terms = {k: v for k, v in self._terms.items() if k in texts}

    def _fill_terms(self, missing: Sequence[TextKey]) -> None:
        """Mark terms and run `glossary check` for texts not seen yet (one check run)."""
        if not missing:
            return
        from untm.glossary.check import check_units
        from untm.tmx.unit import TranslationUnit

        todo = list(dict.fromkeys(missing))
        units = [
            TranslationUnit(source=zh, target=en, src_lang="zh", tgt_lang="en")
            for zh, en in map(_joined, todo)
        ]
        checkable = [n for n, u in enumerate(units) if u.source.strip() and u.target.strip()]
        report = check_units([units[n] for n in checkable], self.glossary)
        issues: dict[int, list[dict[str, Any]]] = {}
        for issue in report.issues:
            issues.setdefault(checkable[issue.unit], []).append(
                {"dir": issue.direction, "term": issue.term, "expected": list(issue.expected[:4])}
            )
        for n, texts in enumerate(todo):
            self._terms[texts] = self._term_view(texts, tuple(issues.get(n, ())))

    def _term_view(self, texts: TextKey, issues: tuple[dict[str, Any], ...]) -> TermView:
        matcher = self.matcher
        en = _joined(texts)[1]
        zh_html: list[str] = []
        found = missing = 0
        for sentence in texts[0]:
            spans = matcher.zh_spans(sentence)
            classes = zh_term_classes(matcher, spans, en)
            lost = sum(1 for c in classes if c != "term")
            missing += lost
            found += len(spans) - lost
            zh_html.append(mark_terms(sentence, spans, classes))
        en_html = []
        for sentence in texts[1]:
            spans = matcher.en_spans(sentence)
            en_html.append(mark_terms(sentence, spans, ["term"] * len(spans)))
        return TermView(tuple(zh_html), tuple(en_html), found, missing, issues)

    def _view(self, row: LinkRow, terms: TermView) -> dict[str, Any]:
        kinds = set(row.zh_kinds) | set(row.en_kinds)
        return {
            "zh": list(terms.zh),
            "en": list(terms.en),
            "score": round(row.score, 4),
            "colour": NULL_COLOUR if row.is_null else score_colour(row.score),
            "type": row.kind,
            "unit": row.is_unit,
            "status": row.status,
            "bookmark": row.bookmark,
            "low": (not row.is_null) and row.score < self.low_score,
            "tags": sorted(kinds - {str(BlockKind.BODY)}),
            "found": terms.found,
            "missing": terms.missing,
            "issues": list(terms.issues),
        }


def summary(views: Sequence[dict[str, Any]], low_score: float) -> dict[str, Any]:
    """The counts the page's header shows (as the static review page counts them), from the
    links' views (one pass)."""
    types: Counter[str] = Counter()
    zh = en = units = null = low = confirmed = edited = bookmarks = 0
    found = missing = issues = 0
    scores = 0.0
    full = 0
    for v in views:
        types[v["type"]] += 1
        zh += len(v["zh"])
        en += len(v["en"])
        units += v["unit"]
        if not v["zh"] or not v["en"]:
            null += 1
        else:
            full += 1
            scores += v["score"]
            low += v["low"]
        confirmed += v["status"] == "confirmed"
        edited += v["status"] == "edited"
        bookmarks += v["bookmark"]
        found += v["found"]
        missing += v["missing"]
        issues += len(v["issues"])
    return {
        "segments_zh": zh,
        "segments_en": en,
        "links": len(views),
        "units": units,
        "types": dict(sorted(types.items())),
        "null": null,
        "low": low,
        "mean_score": round(scores / full, 4) if full else 0.0,
        "confirmed": confirmed,
        "edited": edited,
        "bookmarks": bookmarks,
        "terms_found": found,
        "terms_missing": missing,
        "issues": issues,
    }


def plot(result: AlignmentResult) -> str:
    """The report's alignment path plot (inline SVG; block n links to `#l<n>`)."""
    views = [
        LinkView(n, link, "", "", (), (), 0, 0) for n, link in enumerate(result.links, start=1)
    ]
    return path_svg(result, views)


