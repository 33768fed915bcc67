"""Cleaning PDF-extracted text: furniture out and counted, wrapping joined, labels found."""

from __future__ import annotations

import unicodedata

import pytest
from conftest import SEED_EN, SEED_ZH
from hypothesis import given, settings
from hypothesis import strategies as st

from untm.aligner.clean import RawBlock, build_paragraphs, clean_plain_text, join_wrapped
from untm.aligner.model import BlockKind

ZH = clean_plain_text(SEED_ZH.read_text(encoding="utf-8"), "zh")
EN = clean_plain_text(SEED_EN.read_text(encoding="utf-8"), "en")


def _texts(kind: BlockKind, cleaned: object) -> list[str]:
    return [p.text for p in cleaned.paragraphs if p.kind is kind]  # type: ignore[attr-defined]


def test_english_furniture_is_removed_and_reported() -> None:
    kinds = [(f.kind, f.text) for f in EN.furniture]
    assert kinds.count(("form-feed", "\\f")) == 3
    assert ("page-number", "2") in kinds and ("page-number", "3") in kinds
    assert all("\f" not in p.text for p in EN.paragraphs)
    assert [f.line for f in EN.furniture] == sorted(f.line for f in EN.furniture)


def test_english_structure() -> None:
    body_labels = [p.label for p in EN.paragraphs if p.kind is BlockKind.BODY]
    assert body_labels == [str(n) for n in range(1, 27)]
    assert _texts(BlockKind.HEADING, EN) == [
        "I. Background",
        "II. Review of recent and current activities",
        "III. Future considerations",
    ]
    assert _texts(BlockKind.FOOTNOTE, EN) == [
        "* HSP/HA.2/1.",
        "** The present document has not been formally edited.",
    ]
    # The cover page, the 11 blocks before "I. Background": each stays a cover paragraph or is
    # reported as furniture, none becomes body text. How many stay cover paragraphs is not pinned
    # (a furniture model may report "United Nations" or "Distr.: General" as masthead).
    head = SEED_EN.read_text(encoding="utf-8").split("I. Background", 1)[0]
    blocks = [" ".join(block.split()) for block in head.split("\n\n") if block.strip()]
    assert len(blocks) == 11
    kept = _texts(BlockKind.COVER, EN) + [f.text for f in EN.furniture]
    assert [b for b in blocks if b not in kept] == []
    assert len(_texts(BlockKind.COVER, EN)) <= len(blocks)


def test_hard_wrapping_page_breaks_and_tabs() -> None:
    body = {p.label: p.text for p in EN.paragraphs if p.kind is BlockKind.BODY}
    assert body["1"].startswith("1. The United Nations")
    assert "into urban decision-making, and urban" in body["1"]
    assert "on a green and just COVID-19 recovery" in body["10"]
    assert "such as county spatial plans. Several" in body["17"]
    assert "\t" not in "".join(body.values()) and "  " not in "".join(body.values())


def test_chinese_breaks_footnotes_and_continuations() -> None:
    paras = ZH.paragraphs
    para4 = next(p for p in paras if p.label == "4")
    assert "三个新的重点领域：(1) 有韧性" in para4.text
    kinds = [(p.kind, p.label) for p in paras]
    i = kinds.index((BlockKind.BODY, "3"))
    assert kinds[i + 1 : i + 4] == [
        (BlockKind.FOOTNOTE, "*"),
        (BlockKind.FOOTNOTE, "**"),
        (BlockKind.BODY, "3"),
    ]
    assert paras[i + 3].text.startswith("因此，审查要求")
    cover = _texts(BlockKind.COVER, ZH)
    assert "联合国人类住区规划署的活动，包括协调事项" in cover
    assert [p.label for p in paras if p.kind is BlockKind.HEADING] == ["R1", "R2", "R3"]


def test_control_characters_are_dropped_and_counted() -> None:
    raw = "1.\tThe Programme\x00 met\x07 in\x1b Nairobi.\n\n2.\tIt\u200b ended\uffff.\n"
    cleaned = clean_plain_text(raw, "en")
    assert [p.text for p in cleaned.paragraphs] == [
        "1. The Programme met in Nairobi.",
        "2. It ended.",
    ]
    assert [f.kind for f in cleaned.furniture] == ["control-char"] * 5
    assert {f.text for f in cleaned.furniture} == {
        "U+0000",
        "U+0007",
        "U+001B",
        "U+200B",
        "U+FFFF",
    }


def test_one_paragraph_per_line_without_blank_lines() -> None:
    lines = [p.text for p in EN.paragraphs]
    cleaned = clean_plain_text("\n".join(lines) + "\n", "en")
    assert [p.text for p in cleaned.paragraphs] == lines
    assert [p.kind for p in cleaned.paragraphs] == [p.kind for p in EN.paragraphs]


def test_soft_hyphen_at_a_line_end_rejoins_the_word() -> None:
    raw = "I. Start\n\n1.\tThe imple\u00ad\nmentation was\nslow.\n\n2.\tDone.\n"
    cleaned = clean_plain_text(raw, "en")
    assert [p.text for p in cleaned.paragraphs] == [
        "I. Start",
        "1. The implementation was slow.",
        "2. Done.",
    ]
    assert [(f.kind, f.text) for f in cleaned.furniture] == [("control-char", "U+00AD")]


def test_join_wrapped_rules() -> None:
    assert join_wrapped("urban", "decision-making", "en") == "urban decision-making"
    assert join_wrapped("decision-", "making", "en") == "decision-making"
    # the typographic hyphen U+2010 too (a browser breaks "non‐political" after it)
    assert join_wrapped("non‐", "political", "en") == "non‐political"
    assert join_wrapped("‐", "political", "en") == "‐ political"  # no letter before it
    assert join_wrapped("活动，", "包括协调事项", "zh") == "活动，包括协调事项"
    assert join_wrapped("HSP/HA.1/Res.1", "document", "zh") == "HSP/HA.1/Res.1 document"
    # a Chinese name wrapped inside an English paragraph or cell: no space between two Han
    # characters or a Han character and a full-width mark, a space beside Latin text
    assert join_wrapped("Project (内蒙古深丰绿氨化工有限公司年产15万吨绿", "氢合成绿氨项目)",
                        "en") == "Project (内蒙古深丰绿氨化工有限公司年产15万吨绿氢合成绿氨项目)"
    assert join_wrapped("(远景零碳技术", "（赤峰）项目)", "en") == "(远景零碳技术（赤峰）项目)"
    assert join_wrapped("(UN-Habitat) 人居署", "and UNEP", "en") == "(UN-Habitat) 人居署 and UNEP"


def test_join_wrapped_after_a_slash_in_a_word() -> None:
    """A line broken after a slash inside a word or symbol (Typst, as UAX #14 allows, breaks
    "HSP/" + "HA.1/Res.1") joins without a space (it read "HSP/ HA.1/Res.1")."""
    assert join_wrapped("approved document HSP/", "HA.1/Res.1, the plan", "en") == (
        "approved document HSP/HA.1/Res.1, the plan")
    assert join_wrapped("152万吨/", "年零碳氢氨项目", "en") == "152万吨/年零碳氢氨项目"


def test_join_wrapped_after_a_slash_apart() -> None:
    """Guard: a slash set apart, or one before a bracket, keeps the line break's space."""
    assert join_wrapped("income /", "expenditure", "en") == "income / expenditure"
    assert join_wrapped("A/78/", "(Part I)", "en") == "A/78/ (Part I)"


def test_join_wrapped_after_a_dash_between_numbers() -> None:
    """A line broken after the en dash of a range (MuPDF breaks "(2022–" + "2027)", the Federal
    Register's "206–231–" + "3195") joins without a space (it read "(2022– 2027)"), in either
    language; so does one after a figure dash."""
    assert join_wrapped("Terrorism (2022–", "2027) of the Office", "en") == (
        "Terrorism (2022–2027) of the Office")
    assert join_wrapped("全球方案(2022–", "2027年)", "zh") == "全球方案(2022–2027年)"
    assert join_wrapped("call 206‒231‒", "3195.", "en") == "call 206‒231‒3195."


def test_join_wrapped_after_a_dash_apart() -> None:
    """Guard: a dash set apart, or one before a word, keeps the line break's space."""
    assert join_wrapped("the 2030 Agenda –", "2015 onwards", "en") == (
        "the 2030 Agenda – 2015 onwards")
    assert join_wrapped("in 2022–", "the next year", "en") == "in 2022– the next year"


def test_docx_style_hints_win() -> None:
    blocks = [
        RawBlock("Report of the meeting", hint=BlockKind.HEADING),
        RawBlock("1. Opened.", 0),
        RawBlock("See annex.", hint=BlockKind.FOOTNOTE),
    ]
    kinds = [p.kind for p in build_paragraphs(blocks, "en").paragraphs]
    assert kinds == [BlockKind.HEADING, BlockKind.BODY, BlockKind.FOOTNOTE]


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_no_control_character_reaches_a_paragraph(text: str) -> None:
    cleaned = clean_plain_text(text, "en")
    for para in cleaned.paragraphs:
        assert para.text == para.text.strip() and para.text
        assert all(unicodedata.category(ch) not in ("Cc", "Cf", "Cs") for ch in para.text), (
            para.text
        )
    removed = sum(1 for f in cleaned.furniture if f.kind in ("control-char", "form-feed"))
    expected = sum(
        1
        for ch in text.replace("\r", "")
        if (unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") and ch not in "\t\n")
        or 0xFDD0 <= ord(ch) <= 0xFDEF
        or (ord(ch) & 0xFFFE) == 0xFFFE
    )
    assert removed == expected


def test_un_page_furniture_is_removed_and_reported() -> None:
    raw = (
        "HSP/HA.2/7\n\nDistr.: General\n\n23-05678 (C)\n\n*2305678*\n\nPlease recycle\n\n"
        "I. Background\n\n1.\tThe Assembly met in\n\n2\n\fHSP/HA.2/7\n\nNairobi in June.\n"
    )
    cleaned = clean_plain_text(raw, "en")
    assert [p.text for p in cleaned.paragraphs] == [
        "Distr.: General",
        "I. Background",
        "1. The Assembly met in Nairobi in June.",
    ]
    kinds = [f.kind for f in cleaned.furniture]
    assert kinds == [
        "running-header",  # the symbol atop a page, the first too (as the PDF reader has it)
        "job-number",
        "barcode",  # the same kind the PDF reader gives it
        "recycle-note",
        "page-number",
        "form-feed",
        "running-header",
    ]


def test_structured_blocks_cut_mid_sentence_are_joined() -> None:
    blocks = [
        RawBlock("1. The two agencies met on a green"),
        RawBlock("2"),
        RawBlock("and just recovery. They agreed."),
        RawBlock("Operative paragraphs end with a comma,"),
        RawBlock("Reaffirming this,"),
    ]
    texts = [p.text for p in build_paragraphs(blocks, "en").paragraphs]
    assert texts == [
        "1. The two agencies met on a green and just recovery. They agreed.",
        "Operative paragraphs end with a comma,",
        "Reaffirming this,",
    ]
    zh = [
        RawBlock("一、背景"),
        RawBlock("1. 两署开展了合作，在全球"),
        RawBlock("各级纳入主流。"),
        RawBlock("目录"),
        RawBlock("通过议程"),
    ]
    texts = [p.text for p in build_paragraphs(zh, "zh").paragraphs]
    assert texts == ["一、背景", "1. 两署开展了合作，在全球各级纳入主流。", "目录", "通过议程"]


def test_a_title_printed_twice_stays_two_units() -> None:
    """A cover's title printed again atop the first page (after a page break: joinable) is not
    joined to itself."""
    title = "Joint activities in the urban environment"
    blocks = [RawBlock("1. Text."), RawBlock(title), RawBlock(title, joinable=True)]
    assert [p.text for p in build_paragraphs(blocks, "en").paragraphs] == ["1. Text.", title, title]


def test_numbered_footnotes_from_a_reader_keep_their_number() -> None:
    blocks = [
        RawBlock("1. Text."),
        RawBlock("3 See A/78/1.", hint=BlockKind.FOOTNOTE),
        RawBlock("* Reissued.", hint=BlockKind.FOOTNOTE),
    ]
    paras = build_paragraphs(blocks, "en").paragraphs
    assert [(p.kind, p.label) for p in paras] == [
        (BlockKind.BODY, "1"),
        (BlockKind.FOOTNOTE, "3"),
        (BlockKind.FOOTNOTE, "*"),
    ]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        pytest.param(  # pdftotext's block of a tab-separated number: "1." then a blank line
            "Resolution 2023/1\n\nThe Council,\nNoting its work,\n1.\n\nDecides to act;\n\n2.\n\n"
            "Requests more.\n",
            ["Resolution 2023/1", "The Council, Noting its work,", "1. Decides to act;",
             "2. Requests more."],
            id="bare-label-goes-with-the-block-after-it",
        ),
        pytest.param(  # the same labels, each with its text on the line after it
            "Resolution 2023/1\n\nThe Council,\nNoting its work,\n\n1.\nDecides to act;\n\n2.\n"
            "Requests more.\n",
            ["Resolution 2023/1", "The Council, Noting its work,", "1. Decides to act;",
             "2. Requests more."],
            id="bare-label-on-the-line-before-its-text",
        ),
        pytest.param(  # pdftotext's block of a bullet set a tab before its item (Word's list)
            "The Committee adopted these measures.\n\u2022\n\nStrengthen the offices.\n\n"
            "\u2022\n\nReport each year.\n\nThe list is closed.\n",
            ["The Committee adopted these measures.", "\u2022 Strengthen the offices.",
             "\u2022 Report each year.", "The list is closed."],
            id="bare-bullet-goes-with-the-block-after-it",
        ),
        pytest.param(  # one paragraph a line: a label on a line of its own stays one
            "Agenda\nI.\nIntroduction\nThe Commission met.\n",
            ["Agenda", "I.", "Introduction", "The Commission met."],
            id="one-paragraph-a-line-keeps-its-lines",
        ),
    ],
)
def test_blocks_apart_by_blank_lines_and_bare_labels(text: str, want: list[str]) -> None:
    """A text too short or too ragged to be read as wrapped: its blocks by blank lines."""
    assert [p.text for p in clean_plain_text(text, "en").paragraphs] == want


_BODY = (
    "       The Economic and Social Council met at its headquarters and adopted the following\n"
    "       decision after a long debate on the coordination of humanitarian assistance.\n"
)


@pytest.mark.parametrize(
    ("foot", "kept", "removed"),
    [
        pytest.param(  # `pdftotext -layout` writes a UN first page's slug as one row of cells
            "GE.23-04567 (C)      *2304567*             Please recycle",
            [],
            [("job-number", "GE.23-04567 (C)"), ("barcode", "*2304567*"),
             ("recycle-note", "Please recycle")],
            id="slug-cells-on-one-row",
        ),
        pytest.param(  # on every page: a running foot
            "THE ANNUAL REPORT                                              7",
            [],
            [("running-footer", "THE ANNUAL REPORT"), ("page-number", "7")],
            id="running-foot-and-page-number",
        ),
        pytest.param(  # a table's last row: bare numbers, not page numbers
            "       20{k}8          1{k}          45", ["20{k}8 1{k} 45"], [], id="row-of-numbers",
        ),
        pytest.param(  # each page's table ends in a row of its own
            "       {row}         First formal framework",
            ["{row} First formal framework"], [], id="table-row",
        ),
    ],
)
def test_a_row_of_cells_at_a_page_foot(
    foot: str, kept: list[str], removed: list[tuple[str, str]]
) -> None:
    """A line of cells apart by wide gaps at a page's edge (three pages, pdftotext's form feed
    after each; {k} the page, {row} a word of its own) is furniture when each cell is, but for
    a row of bare numbers."""
    rows = ("Year", "Theme", "Total")
    text = "".join(_BODY + foot.format(k=k, row=rows[k]) + "\n\f" for k in range(3))
    cleaned = clean_plain_text(text, "en")
    found = [(f.kind, f.text) for f in cleaned.furniture if f.kind != "form-feed"]
    assert found == removed * 3
    want = [t.format(k=k, row=rows[k]) for k in range(3) for t in kept]
    assert [p.text for p in cleaned.paragraphs if p.text in want] == want
