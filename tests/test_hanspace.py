"""Spaced-out Chinese (aligner.hanspace): found by evidence and joined; real spaces stay."""

from __future__ import annotations

from conftest import SEED_ZH
from extracted_text import space_out
from hypothesis import given, settings
from hypothesis import strategies as st

from untm.aligner.clean import clean_plain_text
from untm.aligner.hanspace import (
    _CJK_RUN,
    _HAN_RUN,
    _boundaries,
    _han_pairs,
    _pairs,
    boundary_key,
    despace_lines,
    han_spacing,
    is_cjk,
    line_is_spaced,
)
from untm.aligner.language import is_han

SEED_TEXT = SEED_ZH.read_text(encoding="utf-8")


def _only_spaces_deleted(before: str, after: str) -> list[int]:
    """Positions in `before` of the characters deleted to give `after` (asserting they are all
    spaces and that nothing else changed)."""
    deleted: list[int] = []
    j = 0
    for i, ch in enumerate(before):
        if j < len(after) and after[j] == ch:
            j += 1
        else:
            assert ch == " ", (before, after, i)
            deleted.append(i)
    assert j == len(after), (before, after)
    return deleted


def test_a_spaced_out_line_is_joined() -> None:
    despaced = despace_lines(["联 合 国 大 会", "联合国人居大会第二届会议"])
    assert despaced.lines == ("联合国大会", "联合国人居大会第二届会议")
    assert despaced.removed == (4, 0)
    assert despaced.cuts == ((1, 3, 5, 7), ())


def test_numbers_and_latin_words_follow_the_document() -> None:
    tight = ["2008年，两署通过了框架。2014年，环境署委托审查。", "批准了 HSP/HA.1/Res.1 号文件"]
    spaced = ["2 0 2 3 年 不 变", "2023 年 ， 两 署 批 准 了 HSP/HA.2/7 号 文 件 和 UN Habitat"]
    out = despace_lines([*tight, *spaced]).lines
    assert out[2:] == ("2 0 2 3年不变", "2023年，两署批准了 HSP/HA.2/7 号文件和 UN Habitat")
    # the same spaced lines in a document that writes "2023 年"
    out = despace_lines(["2023 年 6 月，1948 年通过", *spaced]).lines
    assert out[2] == "2023 年，两署批准了 HSP/HA.2/7 号文件和 UN Habitat"
    # no evidence: the space stays
    out = despace_lines(spaced).lines
    assert out[1] == "2023 年，两署批准了 HSP/HA.2/7 号文件和 UN Habitat"


def test_ascii_marks_in_chinese() -> None:
    lines = [
        "鉴于对人类家庭所有成员的固有尊严,乃是世界自由的基础,",
        "鉴 于 各 会 员 国 , 业 已 ( 重 申 ) ,",
    ]
    out = despace_lines(lines).lines
    assert out[1] == "鉴于各会员国,业已 (重申) ,"  # "业已 (" and ") ,": no Chinese evidence


def test_evidence_decides_not_a_single_space() -> None:
    """A normal document keeps a lone space between two Han characters (a table cell, a name
    list); a spaced-out document does not."""
    normal = ["项目 说明", "两署通过了其第一个正式合作框架。", "自那时以来，指导其活动的优先事项"]
    assert despace_lines(normal).lines == tuple(normal)
    spaced = ["大 会", *(space_out(line) for line in normal[1:])]
    assert despace_lines(spaced).lines[0] == "大会"
    assert han_spacing(spaced).spaced_document
    assert not line_is_spaced("联合国 大会 第七十八届会议", han_spacing(normal))


def test_the_seed_is_left_as_it_is() -> None:
    lines = SEED_TEXT.split("\n")
    assert despace_lines(lines).lines == tuple(lines)


def test_a_spaced_out_seed_cleans_to_the_seed_paragraphs() -> None:
    spaced = "\n".join(space_out(line) for line in SEED_TEXT.split("\n"))
    plain = clean_plain_text(SEED_TEXT, "zh")
    cleaned = clean_plain_text(spaced, "zh")
    squash = [p.text.replace(" ", "") for p in plain.paragraphs]
    assert [p.text.replace(" ", "") for p in cleaned.paragraphs] == squash
    assert [(p.kind, p.label) for p in cleaned.paragraphs] == [
        (p.kind, p.label) for p in plain.paragraphs
    ]
    para2 = next(p.text for p in cleaned.paragraphs if p.label == "2")
    # every line is spaced out: no evidence of how the document writes "2008年", so it stays
    assert para2.startswith("2. 2008 年，两署通过了其第一个正式合作框架。")
    assert "发展到（2）城市和气候变化" in para2
    (note,) = [f for f in cleaned.furniture if f.kind == "han-spacing"]
    assert note.text.endswith("lines") and note.line == 5


_CHARS = st.sampled_from(
    [*"联合国大会人居署年月日", *"，。、：“”（）《》", *"abcXY", *"0129", *".,;:()-/", " ", " "]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=_CHARS, max_size=40), max_size=8))
def test_only_spaces_between_chinese_go_and_twice_changes_nothing(lines: list[str]) -> None:
    despaced = despace_lines(lines)
    out, removed = list(despaced.lines), despaced.removed
    assert len(out) == len(lines) == len(removed)
    for before, after, n in zip(lines, out, removed, strict=True):
        deleted = _only_spaces_deleted(before, after)
        assert len(deleted) == n
        for i in deleted:
            # a single space with a Chinese character on at least one side
            left, right = before[i - 1], before[i + 1]
            assert not left.isspace() and not right.isspace()
            assert is_cjk(left) or is_cjk(right), (before, i)
    assert despace_lines(out).lines == tuple(out)


def test_the_run_patterns_are_is_cjk_and_is_han() -> None:
    """The regexes the boundaries are found with sort every code point as `is_cjk` and
    `is_han` do."""
    for code in range(0x110000):
        ch = chr(code)
        assert bool(_CJK_RUN.fullmatch(ch)) == is_cjk(ch), hex(code)
        assert bool(_HAN_RUN.fullmatch(ch)) == is_han(ch), hex(code)


def _pairs_one_by_one(line: str) -> list[tuple[int, str, bool]]:
    """`_pairs` as its docstring says it, one character at a time (the reference)."""
    out: list[tuple[int, str, bool]] = []
    for i in range(len(line) - 1):
        if line[i].isspace():
            continue
        if line[i + 1] == " " and i + 2 < len(line) and not line[i + 2].isspace():
            key = boundary_key(line, i, i + 2)
            if key:
                out.append((i + 1, key, True))
        elif not line[i + 1].isspace():
            key = boundary_key(line, i, i + 1)
            if key:
                out.append((i + 1, key, False))
    return out


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.one_of(_CHARS, st.sampled_from(["\u3000", "\t", "·", "—"])),
               max_size=60))
def test_pairs_are_found_as_one_by_one(line: str) -> None:
    assert _pairs(line) == _pairs_one_by_one(line)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.one_of(_CHARS, st.sampled_from(["\u3000", "\t", "·", "—"])),
               max_size=60))
def test_han_pairs_of_the_boundaries_count_as_one_by_one(line: str) -> None:
    """`_boundaries` leaves out two Chinese characters side by side; the Han pairs `_han_pairs`
    counts from it and the line's runs are those of the whole list, one pair at a time."""
    pairs = _pairs_one_by_one(line)
    spaced = sum(1 for pos, key, apart in pairs
                 if key == "cjk" and apart and is_han(line[pos - 1]) and is_han(line[pos + 1]))
    tight = sum(1 for pos, key, apart in pairs
                if key == "cjk" and not apart and is_han(line[pos - 1]) and is_han(line[pos]))
    assert _han_pairs(line, _boundaries(line)) == (spaced, tight)
