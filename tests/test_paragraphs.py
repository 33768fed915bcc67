"""Paragraph anchoring on the real seed: blocks, key matching, footnotes and masthead apart."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from conftest import GOLD, SEED_EN, SEED_ZH
from hypothesis import given, settings
from hypothesis import strategies as st

from untm.aligner.model import BlockKind, Document, Link, Paragraph, Segment
from untm.aligner.paragraphs import (
    Block,
    BlockPair,
    align_blocks,
    block_pairs,
    block_profile,
    group_blocks,
    keep_soft_joins,
    order_links,
    pair_blocks,
    pair_footnotes,
    pair_score,
)
from untm.aligner.read import read_document
from untm.aligner.segment import segment_document
from untm.errors import AlignmentError

ZH = read_document(SEED_ZH, "zh")
EN = read_document(SEED_EN, "en")


def test_seed_blocks() -> None:
    zh_blocks, zh_notes = group_blocks(ZH)
    en_blocks, en_notes = group_blocks(EN)
    expected = [
        "cover",
        "R1",
        *[f"P{n}" for n in range(1, 8)],
        "R2",
        *[f"P{n}" for n in range(8, 19)],
        "R3",
        *[f"P{n}" for n in range(19, 27)],
    ]
    assert [b.key for b in zh_blocks] == expected
    assert [b.key for b in en_blocks] == expected
    assert [b.key for b in zh_notes] == ["F*", "F**"]
    assert [b.key for b in en_notes] == ["Bmasthead", "Bdistr", "Boriginal", "F*", "F**"]
    # the zh paragraph 3 continues after the footnotes: both parts are in block P3
    p3 = next(b for b in zh_blocks if b.key == "P3")
    assert len(p3.paragraphs) == 2


def test_seed_block_pairs_cross_footnotes_and_null_masthead() -> None:
    pairs = block_pairs(ZH, EN)
    keys = [p.key for p in pairs]
    assert "gap" not in keys
    assert keys[-5:] == ["F*", "F**", "Bmasthead", "Bdistr", "Boriginal"]
    assert all(not p.src and len(p.tgt) == 1 for p in pairs[-3:])


def _blocks(keys: Sequence[str]) -> list[Block]:
    return [Block(k, (i,)) for i, k in enumerate(keys)]


def test_each_side_lacking_paragraphs_gives_one_sided_gaps() -> None:
    src = _blocks(["cover", "P1", "P2", "P3", "P5"])
    tgt = _blocks(["cover", "P1", "P3", "P4", "P5"])
    pairs = pair_blocks(src, tgt)
    assert [(p.key, p.src, p.tgt) for p in pairs] == [
        ("cover", (0,), (0,)),
        ("P1", (1,), (1,)),
        ("gap", (2,), ()),
        ("P3", (3,), (2,)),
        ("gap", (), (3,)),
        ("P5", (4,), (4,)),
    ]


def test_without_anchors_everything_is_one_block() -> None:
    pairs = pair_blocks(_blocks(["start"]), _blocks(["P1", "P2", "P3"]))
    assert [(p.key, p.src, p.tgt) for p in pairs] == [("all", (0,), (0, 1, 2))]


def _doc(lang: str, paras: Sequence[tuple[BlockKind, str, str | None]]) -> Document:
    return Document(f"x.{lang}", lang, tuple(
        Paragraph(i, text, kind, label) for i, (kind, text, label) in enumerate(paras)))


def test_a_side_of_one_block_is_aligned_whole() -> None:
    """A side with no anchors (a cover line, then unlabelled paragraphs, all one block) is no
    block to pair with one of the other side's: the English's second cover block, as long as
    the whole Chinese, took it, and the English before it went unaligned (a technical manual,
    half of it left out of the TM)."""
    body = [(BlockKind.BODY, f"第{k}段说明寄存器的用法和地址 0x{k:02X}。", None) for k in range(12)]
    zh = _doc("zh", [(BlockKind.COVER, "PIOC 使用手册", None), *body])
    en_body = [(BlockKind.BODY, f"Paragraph {k} describes the register at 0x{k:02X}.", None)
               for k in range(12)]
    en = _doc("en", [(BlockKind.COVER, "PIOC Manual", None), *en_body[:3],
                     (BlockKind.HEADING, "2 Registers", "2"), *en_body[3:5],
                     (BlockKind.COVER, "Appendix", None), *en_body[5:]])
    pairs = [p for p in block_pairs(zh, en) if not p.key.startswith(("F", "B"))]
    assert [(p.key, p.src, p.tgt) for p in pairs] == [
        ("all", tuple(range(13)), tuple(range(15)))]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(["cover", "R1", "P1", "P2", "P3", "R2", "P4", "P5"]),
        max_size=8,
        unique=True,
    ),
    st.lists(
        st.sampled_from(["cover", "R1", "P1", "P2", "P3", "R2", "P4", "P5"]),
        max_size=8,
        unique=True,
    ),
)
def test_pairing_covers_every_block_once_in_order(a: list[str], b: list[str]) -> None:
    pairs = pair_blocks(_blocks(a), _blocks(b))
    assert [i for p in pairs for i in p.src] == list(range(len(a)))
    assert [j for p in pairs for j in p.tgt] == list(range(len(b)))


def test_order_links_keeps_target_only_links_in_place() -> None:
    links = [Link((0,), (0,)), Link((), (1,)), Link((1,), (2,)), Link((3,), (4,)), Link((2,), (3,))]
    assert order_links(links) == [links[0], links[1], links[2], links[4], links[3]]


def test_order_links_places_late_target_only_links_by_target_position() -> None:
    # the masthead block is aligned after the body, but its null links belong at the top
    body = [Link((0,), (1,)), Link((1,), (4,)), Link((2,), (5,))]
    masthead = [Link((), (0,)), Link((), (2,)), Link((), (3,))]
    assert order_links(body + masthead) == [
        masthead[0],
        body[0],
        masthead[1],
        masthead[2],
        body[1],
        body[2],
    ]
    # crossing footnote links keep their source order; source-only links sort by source
    crossing = [Link((0,), (2,)), Link((1,), (0,)), Link((2,), ()), Link((3,), (1,))]
    assert order_links(crossing) == crossing


def test_seed_align_file_is_in_gold_document_order() -> None:
    from untm.aligner.alignfile import read_align
    from untm.pipeline import align_files

    gold = read_align(GOLD / "000_a932ec9d51e334cb.align")
    result = align_files(SEED_ZH, SEED_EN)
    assert [(link.src, link.tgt) for link in result.links] == [
        (link.src, link.tgt) for link in gold
    ]


def test_pair_score_prefers_content_over_a_shifted_number() -> None:
    zh_blocks, _ = group_blocks(ZH)
    en_blocks, _ = group_blocks(EN)
    zh = {b.key: block_profile(ZH, b) for b in zh_blocks}
    en = {b.key: block_profile(EN, b) for b in en_blocks}
    ratio = sum(p.length for p in en.values()) / sum(p.length for p in zh.values())
    right = pair_score("P19", "P18", zh["P19"], en["P19"], ratio)  # same content, other label
    wrong = pair_score("P18", "P18", zh["P18"], en["P19"], ratio)  # same label, other content
    assert right > wrong
    assert pair_score("R2", "R2", zh["R2"], en["R2"], ratio) > 0.5
    assert pair_score("R2", "P8", zh["R2"], en["P8"], ratio) < 0  # kinds differ


def _diagonal(src: Sequence[str], tgt: Sequence[str]) -> list[Link]:
    """A plain 1-1 sentence aligner with null links for the leftovers (covers every index once)."""
    n = min(len(src), len(tgt))
    links = [Link((i,), (i,), 1.0) for i in range(n)]
    links += [Link((i,), (), 0.0) for i in range(n, len(src))]
    links += [Link((), (j,), 0.0) for j in range(n, len(tgt))]
    return links


def _cover_doc(lang: str, lines: Sequence[tuple[str, BlockKind]]) -> Document:
    paras = tuple(Paragraph(i, text, kind) for i, (text, kind) in enumerate(lines))
    return Document(path=f"x.{lang}", lang=lang, paragraphs=paras)


def test_repeated_masthead_lines_each_reach_a_link() -> None:
    zh = _cover_doc("zh", [("正文第一句。", BlockKind.BODY)])
    en = _cover_doc(
        "en",
        [
            ("United Nations", BlockKind.COVER),
            ("A/78/1", BlockKind.COVER),
            ("United Nations", BlockKind.COVER),
            ("The first sentence.", BlockKind.BODY),
        ],
    )
    _, notes = group_blocks(en)
    keys = [b.key for b in notes]
    assert keys == ["Bmasthead", "Bsymbol:A/78/1", "Bmasthead#1"]
    src, tgt = segment_document(zh), segment_document(en)
    links = align_blocks(block_pairs(zh, en), src, tgt, _diagonal)
    assert sorted(t for link in links for t in link.tgt) == [s.index for s in tgt]
    assert sorted(s for link in links for s in link.src) == [s.index for s in src]


def test_masthead_repeated_on_both_sides_pairs_in_order() -> None:
    zh = _cover_doc("zh", [("联合国", BlockKind.COVER), ("联合国", BlockKind.COVER)])
    en = _cover_doc("en", [("United Nations", BlockKind.COVER)] * 2)
    pairs = pair_footnotes(group_blocks(zh)[1], group_blocks(en)[1])
    assert [(p.key, p.src, p.tgt) for p in pairs] == [
        ("Bmasthead", (0,), (0,)),
        ("Bmasthead#1", (1,), (1,)),
    ]


def test_align_blocks_refuses_a_segment_left_out() -> None:
    zh = _cover_doc("zh", [("第一句。", BlockKind.BODY)])
    en = _cover_doc("en", [("One.", BlockKind.BODY)])
    src, tgt = segment_document(zh), segment_document(en)
    with pytest.raises(AlignmentError, match="target segments not covered exactly once"):
        align_blocks([BlockPair("all", (0,), ())], src, tgt, _diagonal)


def _pieces(paragraphs: Sequence[int]) -> list[Segment]:
    """Segments in paragraph units, one per piece: `paragraphs[k]` is segment k's paragraph."""
    return [Segment(k, f"piece {k}", para) for k, para in enumerate(paragraphs)]


# (zh pieces' paragraphs, en pieces' paragraphs, the aligner's links, the links kept)
SOFT_CASES = {
    "parted where the other side has two paragraphs": (
        (0, 0), (0, 1), [((0,), (0,)), ((1,), (1,))], [((0,), (0,)), ((1,), (1,))]),
    "both sides parted at their page breaks: one link again": (
        (0, 0), (0, 0), [((0,), (0,)), ((1,), (1,))], [((0, 1), (0, 1))]),
    "a piece left alone: back with its paragraph": (
        (0, 0), (0,), [((0,), (0,)), ((1,), ())], [((0, 1), (0,))]),
    "a piece put with the next paragraph goes back to its own": (
        (0, 0, 1), (0, 1), [((0,), (0,)), ((1, 2), (1,))], [((0, 1), (0,)), ((2,), (1,))]),
    "no soft break: nothing changes": (
        (0, 1), (0, 1), [((0,), (0,)), ((1,), (1,))], [((0,), (0,)), ((1,), (1,))]),
    "the English side's soft break, the Chinese side's two paragraphs": (
        (0, 1), (0, 0), [((0,), (0,)), ((1,), (1,))], [((0,), (0,)), ((1,), (1,))]),
}


@pytest.mark.parametrize("case", SOFT_CASES)
def test_keep_soft_joins(case: str) -> None:
    zh, en, links, kept = SOFT_CASES[case]
    out = keep_soft_joins([Link(s, t, 0.9) for s, t in links], _pieces(zh), _pieces(en))
    assert [(link.src, link.tgt) for link in out] == kept
