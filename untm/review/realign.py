"""Realign the rest: re-run the sentence aligner between the links a person has settled.

Held links (confirmed ones, and edited ones unless `keep_edited=False`) are passed to
`align_sentences(..., fixed=...)` (see `untm.aligner.anchors`), which aligns every stretch
between them on its own, over the session's current texts (edits included), in review order.
Links that come out as they were keep their status, score and bookmark; new ones are `auto`
with the aligner's score. The aligner runs with the session's settings (mode, encoder).

This is the one operation that is not instant: it embeds the sentences of the stretches
(about as long as aligning them the first time).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from untm.aligner.model import Link
from untm.errors import ReviewError
from untm.review.history import changed_range
from untm.review.session import ReviewLink, Session, Status

if TYPE_CHECKING:
    from untm.aligner.sentalign import AlignConfig


def held_links(session: Session, *, keep_edited: bool = True) -> list[int]:
    """Indices of the links a realignment keeps as they are."""
    keep = {Status.CONFIRMED, Status.EDITED} if keep_edited else {Status.CONFIRMED}
    return [k for k, link in enumerate(session.links) if link.status in keep]


def align_config(session: Session) -> AlignConfig:
    """The aligner settings the session was made with (mode, encoder)."""
    from untm.aligner.sentalign import AlignConfig

    settings = session.settings_dict()
    mode = settings.get("mode", "best")
    encoder = settings.get("encoder", "use")
    return AlignConfig(mode=mode, encoder="use" if encoder == "none" else encoder)


def realigned_links(
    session: Session, *, keep_edited: bool = True
) -> tuple[int, tuple[ReviewLink, ...], tuple[ReviewLink, ...]]:
    """The link patch of a realignment: (start, old links, new links), as small as it can be."""
    from untm.aligner.sentalign import align_sentences

    held = held_links(session, keep_edited=keep_edited)
    if len(held) == len(session.links):
        raise ReviewError("nothing to realign: every link is held (confirmed or edited)")
    spans = [session.span(k) for k in range(len(session.links))]
    keys = {(tuple(s.src), tuple(s.tgt)): k for k, s in enumerate(spans)}
    fixed = [Link(tuple(spans[k].src), tuple(spans[k].tgt), session.links[k].score) for k in held]
    found = align_sentences(
        [s.text for s in session.src.segments],
        [s.text for s in session.tgt.segments],
        config=align_config(session),
        fixed=fixed,
    )
    new: list[ReviewLink] = []
    for link in found:
        k = keys.get((link.src, link.tgt))
        if k is not None:
            new.append(session.links[k])
        else:
            new.append(ReviewLink(len(link.src), len(link.tgt), link.score, Status.AUTO))
    old = session.links
    start, end_old, end_new = changed_range(old, new)
    if start == end_old and start == end_new:
        raise ReviewError("realigning changed no link")
    return start, old[start:end_old], tuple(new[start:end_new])
