"""Sentence segmentation of documents, driven by the SRX rules in `aligner/rules/untm.srx`.

Whitespace contract (property-tested): a paragraph's text is cut at the rule break positions,
each piece is stripped of surrounding whitespace and empty pieces are dropped. So the segments
re-join to the paragraph: `text.strip() == seg_0 + w_1 + seg_1 + ... + seg_n` where every `w_i`
is whitespace only (a single space in cleaned English text, usually empty in Chinese).
Cover lines and headings are one segment each; footnotes and running text are split.
"""

from __future__ import annotations

from itertools import pairwise

from untm.aligner.model import BlockKind, Document, Segment
from untm.aligner.srx import SrxRules, break_positions, default_rules

_UNSPLIT = (BlockKind.COVER, BlockKind.HEADING)


def split_sentences(text: str, lang: str, *, rules: SrxRules | None = None) -> list[str]:
    """Split one paragraph of text into sentences (stripped, non-empty)."""
    srx = rules or default_rules()
    cuts = [0, *break_positions(text, srx.rules_for(lang)), len(text)]
    pieces = (text[a:b].strip() for a, b in pairwise(cuts))
    return [p for p in pieces if p]


def segment_document(doc: Document, *, rules: SrxRules | None = None) -> list[Segment]:
    """All segments of a document in reading order, each tagged with its paragraph and kind."""
    segments: list[Segment] = []
    for para in doc.paragraphs:
        if para.kind in _UNSPLIT:
            texts = [para.text.strip()] if para.text.strip() else []
        else:
            texts = split_sentences(para.text, doc.lang, rules=rules)
        for text in texts:
            segments.append(Segment(len(segments), text, para.index, para.kind))
    return segments


def rejoins(text: str, segments: list[str]) -> bool:
    """True when `segments` are `text` cut only at whitespace-or-nothing boundaries (in order)."""
    rest = text.strip()
    for seg in segments:
        rest = rest.lstrip()
        if not seg or seg != seg.strip() or not rest.startswith(seg):
            return False
        rest = rest[len(seg) :]
    return rest == ""
