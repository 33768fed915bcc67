"""Export a review session in any format of `untm.export` (TMX, TSV, .align, JSON, XLIFF, …).

The session becomes an `AlignmentResult` (segments in document order, links over document
indices: `session_result`), written by `untm.pipeline.write_result`, so an exported TMX is the
same as `untm align` writes, with one more prop per unit: `x-status` (confirmed, edited or
auto); `x-score` is the aligner's score. `confirmed_only=True` writes the confirmed links alone
(what is left out is counted in the summary). TSV and `.align` have no place for props; the
unit counts are for the formats that hold units (TMX, TSV, XLIFF).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from untm.aligner.model import AlignmentResult, Link, Segment
from untm.review.session import DocSide, ReviewLink, Session, Status, document_positions


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote and what it left out."""

    path: str
    format: str
    links: int  # links in the session
    links_written: int  # links exported (all, or the confirmed ones)
    units: int  # translation units written (TMX, TSV: links with text on both sides)
    left_out_unconfirmed: int  # links not confirmed, left out by confirmed_only
    left_out_one_sided: int  # exported links without text on both sides (no unit in TMX/TSV)
    units_by_status: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def lines(self) -> list[str]:
        statuses = ", ".join(f"{k} {v}" for k, v in self.units_by_status.items()) or "none"
        return [
            f"wrote {self.path} ({self.format}): {self.links_written} of {self.links} links",
            f"units: {self.units} ({statuses})",
            f"left out: {self.left_out_unconfirmed} unconfirmed links, "
            f"{self.left_out_one_sided} links without text on both sides",
        ]


def _segments(side: DocSide) -> tuple[list[int], tuple[Segment, ...]]:
    index = document_positions(side)
    ordered: list[Segment | None] = [None] * len(index)
    for position, seg in enumerate(side.segments):
        ordered[index[position]] = Segment(index[position], seg.text, seg.paragraph, seg.kind)
    return index, tuple(s for s in ordered if s is not None)


def session_result(
    session: Session, *, confirmed_only: bool = False
) -> tuple[AlignmentResult, list[ReviewLink]]:
    """The session as an alignment result (document order), and the review link of each of its
    links. With `confirmed_only`, only the confirmed links are in it."""
    src_index, src_segments = _segments(session.src)
    tgt_index, tgt_segments = _segments(session.tgt)
    links: list[Link] = []
    chosen: list[ReviewLink] = []
    for k, link in enumerate(session.links):
        if confirmed_only and link.status is not Status.CONFIRMED:
            continue
        span = session.span(k)
        links.append(
            Link(
                tuple(src_index[p] for p in span.src),
                tuple(tgt_index[p] for p in span.tgt),
                link.score,
            )
        )
        chosen.append(link)
    settings = session.settings_dict()
    settings.setdefault("src", session.src.path)
    settings.setdefault("tgt", session.tgt.path)
    result = AlignmentResult(
        src_segments,
        tgt_segments,
        tuple(links),
        session.src.furniture,
        session.tgt.furniture,
        settings,
    )
    return result, chosen


def export_session(
    session: Session,
    out_path: str | Path,
    fmt: str | None = None,
    *,
    confirmed_only: bool = False,
    glossary: str | Path | None = None,
) -> ExportSummary:
    """Write the session's links to `out_path` (format from the extension unless `fmt`); a
    review page marks the terms of the built-in glossary and the user glossary `glossary`
    (default: $UNTM_GLOSSARY's or the default store)."""
    from untm.export import format_of
    from untm.pipeline import AlignOptions, has_both_sides, write_result

    output = format_of(out_path, fmt)
    result, chosen = session_result(session, confirmed_only=confirmed_only)
    settings = session.settings_dict()
    options = AlignOptions(
        src_lang=session.src.lang,
        tgt_lang=session.tgt.lang,
        src_locale=session.src.locale,
        tgt_locale=session.tgt.locale,
        segtype=settings.get("segtype", "sentence"),
    )
    props = [(("x-status", link.status.value),) for link in chosen]
    write_result(
        result, out_path, output.name, options, session.src.name, link_props=props,
        glossary=glossary,
    )
    with_text = [has_both_sides(result, link) for link in result.links]
    units = Counter(link.status.value for link, ok in zip(chosen, with_text, strict=True) if ok)
    return ExportSummary(
        path=str(out_path),
        format=output.name,
        links=len(session.links),
        links_written=len(chosen),
        units=sum(units.values()) if output.holds_units else 0,
        left_out_unconfirmed=len(session.links) - len(chosen),
        left_out_one_sided=with_text.count(False) if output.holds_units else 0,
        units_by_status=dict(sorted(units.items())) if output.holds_units else {},
    )
