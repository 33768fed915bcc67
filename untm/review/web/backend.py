"""The editor's one handle on a review session: the only module that calls `untm.review`'s API.

`Backend` holds the current `Session`, applies operations (`ops.op_from_dict` + `ops.apply`),
undo and redo (`history`), saves the session file atomically after every change (the change is
kept only once it is on disk), exports to the outputs chosen on the command line, adds terms to
the user glossary and searches. Every failure is a typed `UntmError`; the routes map them to HTTP
statuses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from untm.aligner.model import AlignmentResult, Link, Segment
from untm.glossary.termbase import Glossary
from untm.regexworker import RegexWorker
from untm.review.session import Session
from untm.review.web.payload import LinkRow


@dataclass(frozen=True)
class Output:
    """An export target chosen on the command line."""

    path: Path
    fmt: str  # a format of untm.export (tmx, tsv, align, json, xliff, html)


class Backend:
    """See the module docstring."""

    def __init__(
        self,
        session_path: str | Path,
        *,
        outputs: Sequence[Output] = (),
        glossary: str | Path | None = None,
    ) -> None:
        from untm.review.sessionfile import load_session

        self.path = Path(session_path)
        self.session: Session = load_session(self.path)
        self.outputs = tuple(outputs)
        self.glossary_path = glossary
        self._undone = False  # whether the last change was an undo (for `changed`)
        # the texts of both sides of a session, as the search worker gets them (once a session)
        self._texts: tuple[Session, tuple[list[str], list[str]]] | None = None

    # --- what the page shows ------------------------------------------------------------

    @property
    def revision(self) -> int:
        return self.session.revision

    @property
    def low_score(self) -> float:
        return float(self.session.low_score)

    def rows(
        self, start: int = 0, stop: int | None = None, *, like: Sequence[LinkRow] = ()
    ) -> list[LinkRow]:
        """Links [start, stop) as the page shows them, in order. `like`: the rows that stood at
        these places before a change that moved no segment (confirm, bookmark): a link with the
        same sizes takes its texts from there instead of from the segments."""
        s = self.session
        a, b = s.starts("src"), s.starts("tgt")
        stop = len(s.links) if stop is None else stop
        rows = []
        before_zh = before_en = 0  # segments of `like` before the current one
        for k in range(start, stop):
            link = s.links[k]
            old = like[k - start] if like else None
            if (
                old is not None
                and (len(old.zh), len(old.en)) == (link.src, link.tgt)
                and (before_zh, before_en) == (a[k] - a[start], b[k] - b[start])
            ):  # the same segments as before (realign may move links of the same sizes)
                rows.append(LinkRow(old.zh, old.en, old.zh_kinds, old.en_kinds, link.score,
                                    link.status.value, link.bookmark))  # fmt: skip
            else:
                rows.append(self._row(k, a, b))
            if old is not None:
                before_zh += len(old.zh)
                before_en += len(old.en)
        return rows

    def _row(self, k: int, a: Sequence[int], b: Sequence[int]) -> LinkRow:
        s = self.session
        link = s.links[k]
        zs, es = s.src.segments[a[k] : a[k + 1]], s.tgt.segments[b[k] : b[k + 1]]
        return LinkRow(
            tuple(seg.text for seg in zs),
            tuple(seg.text for seg in es),
            tuple(seg.kind.value for seg in zs),
            tuple(seg.kind.value for seg in es),
            link.score,
            link.status.value,
            link.bookmark,
        )

    def changed(self) -> tuple[int, int, int, bool]:
        """What the last change (or undo/redo) replaced: links [start, stop) are new and stand
        where `stop - start - shift` links stood before; whether segments moved or changed
        (`untm.review.view.change_view`)."""
        from untm.review.view import change_view

        view = change_view(self.session, undone=self._undone)
        return (int(view["start"]), int(view["stop"]), int(view["shift"]),
                bool(view["segments_changed"]))  # fmt: skip

    def labels(self) -> dict[str, Any]:
        """The operations undo and redo would take back / make again (JSON objects)."""
        from untm.review.view import history_labels

        return history_labels(self.session)

    def info(self) -> dict[str, Any]:
        """Names, settings, furniture, the outputs' names and the undo/redo labels."""
        from untm.review.view import sides_view

        return {
            "sides": sides_view(self.session),
            "settings": self.session.settings_dict(),
            **self.labels(),
            "outputs": [{"name": o.path.name, "format": o.fmt} for o in self.outputs],
            "session": self.path.name,
        }

    def result(self) -> AlignmentResult:
        """The session as an alignment result, in review order (for the path plot)."""
        s = self.session
        a, b = s.starts("src"), s.starts("tgt")
        links = tuple(
            Link(tuple(range(a[k], a[k + 1])), tuple(range(b[k], b[k + 1])), link.score)
            for k, link in enumerate(s.links)
        )
        return AlignmentResult(
            tuple(Segment(i, seg.text) for i, seg in enumerate(s.src.segments)),
            tuple(Segment(j, seg.text) for j, seg in enumerate(s.tgt.segments)),
            links,
        )

    def glossary(self) -> Glossary:
        from untm.glossary import open_glossary

        return open_glossary(self.glossary_path)

    # --- changes (each saved before it counts) ----------------------------------------------

    def _keep(self, session: Session) -> None:
        from untm.review.sessionfile import save_session

        save_session(session, self.path)
        self.session = session

    def apply(self, data: Mapping[str, Any]) -> None:
        """Apply one operation given as its JSON object (`untm.review.ops`)."""
        from untm.review.ops import apply, op_from_dict

        self._keep(apply(self.session, op_from_dict(data)))
        self._undone = False

    def undo(self) -> None:
        from untm.review.history import undo

        self._keep(undo(self.session))
        self._undone = True

    def redo(self) -> None:
        from untm.review.history import redo

        self._keep(redo(self.session))
        self._undone = False

    def save(self) -> None:
        self._keep(self.session)

    # --- export, terms, search ---------------------------------------------------------

    def export(self, *, confirmed_only: bool = False) -> list[dict[str, Any]]:
        """Write every output chosen on the command line (`untm.review.export`); what each got."""
        from untm.errors import ReviewError
        from untm.review.export import export_session

        if not self.outputs:
            raise ReviewError("no outputs were chosen: start untm review with -o OUT to export")
        written = []
        for out in self.outputs:
            summary = export_session(
                self.session,
                out.path,
                out.fmt,
                confirmed_only=confirmed_only,
                glossary=self.glossary_path,  # the store `add_term` adds to: its terms marked
            )
            written.append({"name": out.path.name, **summary.to_dict()})
        return written

    def add_term(self, zh: str, en: str) -> str:
        """Add zh = en to the user glossary (as `untm glossary add`); the concept id."""
        from untm.export.review_page import forget_glossary_pairs
        from untm.glossary import add_user_concept

        concept, _, _ = add_user_concept(zh, en, path=self.glossary_path)
        forget_glossary_pairs()  # the next review page written marks it
        return concept.id

    def search(self, pattern: str, side: str, worker: RegexWorker) -> list[int]:
        """The links with a match of the regex `pattern` (case-insensitive unless it has a
        capital letter), on side zh, en or both, found by `worker` in its child process (within
        `untm.review.navigate`'s bounds) in the session as it stands when called."""
        import bisect

        import regex

        from untm.errors import ReviewError
        from untm.review.navigate import MAX_PATTERN

        choices: dict[str, tuple[int, ...]] = {"both": (0, 1), "zh": (0,), "en": (1,)}
        lists = choices.get(side)
        if lists is None:
            raise ReviewError(f"unknown side {side!r} (use both, zh or en)")
        session = self.session
        texts = self._texts
        if texts is None or texts[0] is not session:
            src = [seg.text for seg in session.src.segments]
            texts = (session, (src, [seg.text for seg in session.tgt.segments]))
            self._texts = texts
        ignore_case = not any(ch.isupper() for ch in pattern)
        flags = regex.VERSION1 | (regex.IGNORECASE if ignore_case else 0)
        found = worker.find(pattern, flags, texts[1], lists, max_length=MAX_PATTERN)
        links: set[int] = set()
        for n, positions in zip(lists, found, strict=True):
            starts = session.starts("src" if n == 0 else "tgt")
            links.update(bisect.bisect_right(starts, p) - 1 for p in positions)
        return sorted(links)
