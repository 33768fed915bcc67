"""Paragraph anchoring and block alignment: the document level above the sentence aligner.

1. Each side's paragraphs are grouped into anchored blocks: the cover, each heading (一/二/三 ↔
   I/II/III, "A." subheadings within their section), each numbered paragraph with whatever
   continues it (continuation paragraphs, unnumbered running text). Footnotes form a separate
   stream keyed by their marker (*, **, 1, 2 …): they are aligned apart from the running text,
   so a footnote that a page break placed inside paragraph 3 still meets its counterpart.
2. The two block sequences are matched monotonically by dynamic programming: equal keys count
   most, and the content (shared numbers and Latin tokens, the length ratio) confirms or
   overrules them, so renumbered paragraphs still meet their counterparts. Unmatched
   blocks between two matches form a gap: aligned together when both sides have text there,
   null links otherwise (a paragraph only one side has).
3. Inside each block pair, `aligner.sentalign.align_sentences` aligns the sentences.

When too few anchors match (documents without usable labels), or either side is one block, the
whole running text is one block.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from untm.aligner.model import BlockKind, Document, Link, Paragraph, Segment
from untm.errors import AlignmentError

MIN_ANCHOR_SHARE = 0.3

# UN masthead lines that often exist on one side only; aligned apart, by kind.
_BOILERPLATE = (
    ("masthead", re.compile(r"^(United Nations|Nations Unies|联合国)$")),
    ("distr", re.compile(r"^(Distr\.?\s*:|分发\s*[:：])")),
    ("original", re.compile(r"^(Original\s*:|原文\s*[:：])")),
    ("symbol", re.compile(r"^[A-Z]{1,10}(/[A-Z0-9.]+){1,6}\*?$")),
)


def boilerplate_key(para: Paragraph) -> str | None:
    """The kind of a cover masthead line ("United Nations", "Distr.: General", …), if it is one."""
    if para.kind is not BlockKind.COVER:
        return None
    text = para.text.strip()
    for key, pattern in _BOILERPLATE:
        if pattern.match(text):
            return f"B{key}:{text}" if key == "symbol" else f"B{key}"
    return None


SentenceAligner = Callable[[Sequence[str], Sequence[str]], list[Link]]


@dataclass(frozen=True)
class Block:
    """Consecutive paragraphs of one side under one anchor key."""

    key: str
    paragraphs: tuple[int, ...]


@dataclass(frozen=True)
class BlockPair:
    """Paragraphs of both sides to be sentence-aligned together (either side may be empty)."""

    key: str
    src: tuple[int, ...]
    tgt: tuple[int, ...]


def anchor_key(para: Paragraph, section: str) -> str | None:
    """The anchor key a paragraph starts, or None when it continues the current block."""
    if para.kind is BlockKind.COVER:
        return "cover"
    if para.kind is BlockKind.HEADING:
        if para.label and para.label.startswith("R"):
            return para.label
        if para.label:
            return f"{section}/{para.label}"
        return None
    if para.kind is BlockKind.BODY and para.label:
        return f"P{para.label}"
    return None


def _unique_key(key: str, seen: dict[str, int]) -> str:
    """`key` the first time, then `key#1`, `key#2` … (counted in `seen`): keys never repeat."""
    n = seen.get(key, 0)
    seen[key] = n + 1
    return key if n == 0 else f"{key}#{n}"


def group_blocks(doc: Document) -> tuple[list[Block], list[Block]]:
    """Split a document into running-text blocks and footnote blocks (every key unique)."""
    blocks: list[Block] = []
    notes: list[Block] = []
    section = "R0"
    current_key: str | None = None
    current: list[int] = []
    seen: dict[str, int] = {}
    seen_notes: dict[str, int] = {}

    def flush() -> None:
        if current:
            blocks.append(Block(_unique_key(current_key or "start", seen), tuple(current)))

    for para in doc.paragraphs:
        boiler = boilerplate_key(para)
        if boiler is not None:
            notes.append(Block(_unique_key(boiler, seen_notes), (para.index,)))
            continue
        if para.kind is BlockKind.FOOTNOTE:
            note_key = _unique_key(f"F{para.label or ''}", seen_notes)
            notes.append(Block(note_key, (para.index,)))
            continue
        key = anchor_key(para, section)
        if para.kind is BlockKind.HEADING and key and key.startswith("R"):
            section = key
        if key is not None and key != current_key:
            flush()
            current_key, current = key, []
        current.append(para.index)
    flush()
    return blocks, notes


@dataclass(frozen=True)
class BlockProfile:
    """Cheap content features of a block for anchor checking."""

    kind: BlockKind
    numbers: Counter[str]
    latin: frozenset[str]
    length: int


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9\-/.+]*[A-Za-z0-9]")
_LABEL_PREFIX = re.compile(r"^\s*\d{1,3}\.\s*")
MATCH_THRESHOLD = 0.2
BODY_KEY_WEIGHT = 0.5
MAX_CONTENT_CELLS = 250_000  # above this many block pairs, match by keys only (speed)


def block_profile(doc: Document, block: Block) -> BlockProfile:
    """Numbers, Latin tokens and length of a block's text (paragraph labels left out)."""
    paras = [doc.paragraphs[i] for i in block.paragraphs]
    text = unicodedata.normalize("NFKC", " ".join(_LABEL_PREFIX.sub("", p.text) for p in paras))
    return BlockProfile(
        kind=paras[0].kind if paras else BlockKind.BODY,
        numbers=Counter(_NUMBER.findall(text)),
        latin=frozenset(t.rstrip(".") for t in _LATIN.findall(text) if len(t) > 1),
        length=len("".join(text.split())),
    )


def pair_score(
    key_a: str, key_b: str, a: BlockProfile | None, b: BlockProfile | None, ratio: float
) -> float:
    """How well two blocks correspond: key agreement plus number, Latin-token and length evidence.

    Without profiles only the keys count (1 when equal, else no match).
    """
    same_key = key_a.split("#")[0] == key_b.split("#")[0]
    if a is None or b is None:
        return 1.0 if same_key else -1.0
    if a.kind is not b.kind:
        return -1.0
    # heading numerals and the cover are reliable; paragraph numbers can shift when one side
    # lacks a paragraph and was renumbered, so content must confirm them
    score = (1.0 if a.kind is not BlockKind.BODY else BODY_KEY_WEIGHT) if same_key else 0.0
    if a.numbers and b.numbers:
        shared = sum((a.numbers & b.numbers).values())
        union = sum((a.numbers | b.numbers).values())
        score += 1.2 * shared / union - 0.4
    if a.latin:
        score += 0.6 * len(a.latin & b.latin) / len(a.latin) - 0.2
    if a.length and b.length and ratio > 0:
        score -= min(1.2, 0.6 * abs(math.log((b.length / a.length) / ratio)))
    return score


def _dp_pairs(
    src: Sequence[Block],
    tgt: Sequence[Block],
    src_prof: Sequence[BlockProfile] | None,
    tgt_prof: Sequence[BlockProfile] | None,
) -> list[tuple[int, int]]:
    """Monotone block matching maximising the summed pair scores above the threshold."""
    n, m = len(src), len(tgt)
    ratio = 0.0
    if src_prof and tgt_prof:
        total_src = sum(p.length for p in src_prof)
        ratio = sum(p.length for p in tgt_prof) / total_src if total_src else 0.0
    gain = [
        [
            pair_score(
                src[i].key,
                tgt[j].key,
                src_prof[i] if src_prof else None,
                tgt_prof[j] if tgt_prof else None,
                ratio,
            )
            - MATCH_THRESHOLD
            for j in range(m)
        ]
        for i in range(n)
    ]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = best[i + 1][j + 1] + gain[i][j] if gain[i][j] > 0 else -math.inf
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < n and j < m:
        if gain[i][j] > 0 and best[i][j] == best[i + 1][j + 1] + gain[i][j]:
            pairs.append((i, j))
            i += 1
            j += 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _flatten(blocks: Sequence[Block]) -> tuple[int, ...]:
    return tuple(p for b in blocks for p in b.paragraphs)


def pair_blocks(
    src: Sequence[Block],
    tgt: Sequence[Block],
    src_prof: Sequence[BlockProfile] | None = None,
    tgt_prof: Sequence[BlockProfile] | None = None,
) -> list[BlockPair]:
    """Match two block sequences (keys, checked by content when profiles are given).

    Unmatched stretches between matches become gap pairs.
    """
    # a side of one block has no anchors to match: pairing it with one of the other side's
    # blocks would leave the rest of that side unaligned (a manual whose Chinese is one cover
    # block, its unlabelled body read on under the cover, and whose English starts a block at
    # each numbered heading)
    pairs = _dp_pairs(src, tgt, src_prof, tgt_prof) if min(len(src), len(tgt)) > 1 else []
    if not pairs or len(pairs) < MIN_ANCHOR_SHARE * min(len(src), len(tgt)):
        if not src and not tgt:
            return []
        return [BlockPair("all", _flatten(src), _flatten(tgt))]
    out: list[BlockPair] = []
    i = j = 0
    for si, tj in [*pairs, (len(src), len(tgt))]:
        if i < si or j < tj:
            out.append(BlockPair("gap", _flatten(src[i:si]), _flatten(tgt[j:tj])))
        if si < len(src) and tj < len(tgt):
            out.append(BlockPair(src[si].key, src[si].paragraphs, tgt[tj].paragraphs))
        i, j = si + 1, tj + 1
    return out


def pair_footnotes(src: Sequence[Block], tgt: Sequence[Block]) -> list[BlockPair]:
    """Footnotes pair by marker (leftovers are aligned together); masthead lines by kind."""
    tgt_by_key = {b.key: b for b in tgt}
    out: list[BlockPair] = []
    used: set[str] = set()
    left_src: list[int] = []
    for b in src:
        unlabelled = b.key == "F" or b.key.startswith("F#")
        match = None if unlabelled else tgt_by_key.get(b.key)
        if match is not None and b.key not in used:
            used.add(b.key)
            out.append(BlockPair(b.key, b.paragraphs, match.paragraphs))
        elif b.key.startswith("B"):
            out.append(BlockPair(b.key, b.paragraphs, ()))
        else:
            left_src.extend(b.paragraphs)
    left_tgt = [
        p for b in tgt if b.key not in used and not b.key.startswith("B") for p in b.paragraphs
    ]
    if left_src or left_tgt:
        out.append(BlockPair("footnotes", tuple(left_src), tuple(left_tgt)))
    for b in tgt:
        if b.key.startswith("B") and b.key not in used:
            out.append(BlockPair(b.key, (), b.paragraphs))
    return out


def block_pairs(src_doc: Document, tgt_doc: Document) -> list[BlockPair]:
    """All block pairs of a document pair: running text in order, then footnotes."""
    src_blocks, src_notes = group_blocks(src_doc)
    tgt_blocks, tgt_notes = group_blocks(tgt_doc)
    if len(src_blocks) * len(tgt_blocks) > MAX_CONTENT_CELLS:
        return [*pair_blocks(src_blocks, tgt_blocks), *pair_footnotes(src_notes, tgt_notes)]
    src_prof = [block_profile(src_doc, b) for b in src_blocks]
    tgt_prof = [block_profile(tgt_doc, b) for b in tgt_blocks]
    return [
        *pair_blocks(src_blocks, tgt_blocks, src_prof, tgt_prof),
        *pair_footnotes(src_notes, tgt_notes),
    ]


def align_blocks(
    pairs: Sequence[BlockPair],
    src_segments: Sequence[Segment],
    tgt_segments: Sequence[Segment],
    align: SentenceAligner,
    on_block: Callable[[int, int], None] | None = None,
) -> list[Link]:
    """Sentence-align each block pair and return links over the global segment indices.

    `on_block(done, total)` is called after each block pair (for a progress bar).

    Links come in document order (by source position; target-only links follow the link before
    them); every segment of both sides is in exactly one link.
    """
    src_by_para = _by_paragraph(src_segments)
    tgt_by_para = _by_paragraph(tgt_segments)
    links: list[Link] = []
    for done, pair in enumerate(pairs, start=1):
        if on_block is not None and done > 1:
            on_block(done - 1, len(pairs))
        src_ids = [s for p in pair.src for s in src_by_para.get(p, [])]
        tgt_ids = [t for p in pair.tgt for t in tgt_by_para.get(p, [])]
        if not src_ids or not tgt_ids:
            links.extend(Link((s,), (), 0.0) for s in src_ids)
            links.extend(Link((), (t,), 0.0) for t in tgt_ids)
            continue
        local = align(
            [src_segments[i].text for i in src_ids], [tgt_segments[i].text for i in tgt_ids]
        )
        for link in local:
            links.append(
                Link(
                    tuple(src_ids[i] for i in link.src),
                    tuple(tgt_ids[j] for j in link.tgt),
                    link.score,
                )
            )
    if on_block is not None:
        on_block(len(pairs), len(pairs))
    _check_cover(links, src_segments, tgt_segments)
    return order_links(links)


def _check_cover(
    links: Sequence[Link], src_segments: Sequence[Segment], tgt_segments: Sequence[Segment]
) -> None:
    """Internal invariant: every segment of both sides is in exactly one link."""
    for side, linked, segments in (
        ("source", [i for link in links for i in link.src], src_segments),
        ("target", [i for link in links for i in link.tgt], tgt_segments),
    ):
        expected = sorted(seg.index for seg in segments)
        if sorted(linked) != expected:
            counts = Counter(linked)
            missing = [i for i in expected if i not in counts]
            repeated = sorted(i for i, n in counts.items() if n > 1)
            raise AlignmentError(
                f"internal error: {side} segments not covered exactly once "
                f"(missing {missing[:10]}, repeated {repeated[:10]})"
            )


def _by_paragraph(segments: Sequence[Segment]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for seg in segments:
        out.setdefault(seg.paragraph, []).append(seg.index)
    return out


def order_links(links: Sequence[Link]) -> list[Link]:
    """Put links in document order, whatever order the blocks were aligned in.

    Links with a source side are sorted by their first source index; a target-only link goes just
    before the first of those whose first target index is larger (so the English masthead lines
    `[]:[0]`, `[]:[2]` sit where they stand in the English document, as in the gold `.align`).
    """
    with_src = sorted(
        (link for link in links if link.src),
        key=lambda link: (min(link.src), min(link.tgt, default=-1)),
    )
    tgt_only = sorted((link for link in links if not link.src), key=lambda link: min(link.tgt))
    ordered: list[Link] = []
    k = 0
    for link in with_src:
        if link.tgt:
            first_tgt = min(link.tgt)
            while k < len(tgt_only) and min(tgt_only[k].tgt) < first_tgt:
                ordered.append(tgt_only[k])
                k += 1
        ordered.append(link)
    ordered.extend(tgt_only[k:])
    return ordered


def _boundary(first: Link, second: Link, side: str, segments: Sequence[Segment]) -> str:
    """Between two links on one side: "soft" where they part one paragraph (its reader's soft
    breaks, `Paragraph.soft_breaks`, made its pieces segments), "hard" where they part two
    paragraphs, "none" where either link has nothing on that side."""
    a, b = getattr(first, side), getattr(second, side)
    if not a or not b:
        return "none"
    return "soft" if segments[max(a)].paragraph == segments[min(b)].paragraph else "hard"


def keep_soft_joins(
    links: Sequence[Link], src_segments: Sequence[Segment], tgt_segments: Sequence[Segment]
) -> list[Link]:
    """Paragraph units: a paragraph its reader joined across a page (`Paragraph.soft_breaks`:
    each piece a segment) is parted only where the other language has two paragraphs. Two
    links in a row that part it stay one link unless the other side has a paragraph break
    between them (so both sides' page breaks never pair up into half paragraphs); a piece the
    aligner put with the next paragraph's text goes back to its own paragraph's link first.
    `links` in document order."""
    sides = {"src": src_segments, "tgt": tgt_segments}
    ordered = list(links)
    for k in range(len(ordered) - 1):
        for side, segments in sides.items():
            first, second = ordered[k], ordered[k + 1]
            if _boundary(first, second, side, segments) != "soft":
                continue
            ids: tuple[int, ...] = getattr(second, side)
            own = tuple(i for i in ids if segments[i].paragraph == segments[ids[0]].paragraph)
            if len(own) < len(ids):  # the piece went with the next paragraph: back to its own
                score = min(first.score, second.score)
                ordered[k] = replace(first, score=score, **{side: getattr(first, side) + own})
                rest = tuple(i for i in ids if i not in own)
                ordered[k + 1] = replace(second, score=score, **{side: rest})
    out: list[Link] = []
    for link in ordered:
        if out:
            src = _boundary(out[-1], link, "src", src_segments)
            tgt = _boundary(out[-1], link, "tgt", tgt_segments)
            if (src == "soft" and tgt != "hard") or (tgt == "soft" and src != "hard"):
                last = out.pop()
                link = Link(last.src + link.src, last.tgt + link.tgt, min(last.score, link.score))
        out.append(link)
    return out
