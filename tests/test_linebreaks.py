"""Paragraph ends in PDF-extracted text without blank lines (aligner.linebreaks), on real texts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest
from conftest import SEED_EN, SEED_ZH, SHARED_UN, UN_PAIRS
from extracted_text import Layout, extracted, wrap
from hypothesis import given, settings
from hypothesis import strategies as st

from untm.aligner.clean import clean_plain_text
from untm.aligner.labels import display_width
from untm.aligner.linebreaks import (
    Line,
    hard_wrapped,
    ink_width,
    paragraph_starts,
    reader_lines,
    wrapped_narrow,
    wrapped_short_text,
)
from untm.aligner.model import BlockKind
from untm.aligner.read import read_document

UDHR = UN_PAIRS / "udhr"  # in the repository
RESOLUTION = SHARED_UN / "ecosoc2023" / "02_ECOSOC-res-2023_humanitarian_assistance_coordination"


def _squash(text: str) -> str:
    return "".join(text.split())


def _recovered(paragraphs: list[str], lang: str, layout: Layout) -> tuple[int, int, int]:
    """(paragraphs recovered exactly, paragraphs produced, paragraphs given), spaces aside."""
    cleaned = clean_plain_text(extracted(paragraphs, lang, layout), lang).paragraphs
    want = Counter(_squash(p) for p in paragraphs)
    have = Counter(_squash(p.text) for p in cleaned)
    return sum((want & have).values()), sum(have.values()), sum(want.values())


@pytest.mark.parametrize(("path", "lang"), [(SEED_ZH, "zh"), (SEED_EN, "en")])
def test_the_seed_rewrapped_keeps_its_structure(path: Path, lang: str) -> None:
    source = read_document(path, lang).paragraphs
    layout = Layout(width_em=40 if lang == "zh" else 44, header="HSP/HA.2/7/Add.1")
    text = extracted([p.text for p in source], lang, layout)
    assert "\n\n" not in text and "\f" in text
    cleaned = clean_plain_text(text, lang)
    labels = [p.label for p in cleaned.paragraphs if p.kind is BlockKind.BODY and p.label]
    assert sorted(set(labels), key=int) == [str(n) for n in range(1, 27)]
    kinds = Counter(p.kind for p in cleaned.paragraphs)
    assert kinds[BlockKind.HEADING] == 3 and kinds[BlockKind.FOOTNOTE] == 2
    furniture = Counter(f.kind for f in cleaned.furniture)
    pages = text.count("\f")
    assert furniture["page-number"] == furniture["running-header"] == pages
    # every character of the text is in a paragraph or in the furniture
    body = _squash("".join(p.text for p in cleaned.paragraphs))
    assert body == _squash("".join(p.text for p in source))


@pytest.mark.skipif(not RESOLUTION.parent.exists(), reason="../shared/un not present")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_resolution_whose_paragraphs_end_in_commas(lang: str) -> None:
    """ECOSOC resolution 2023 (one paragraph a line in the data), wrapped as pdftotext writes
    it: before, the cleaner joined it into a few paragraphs of thousands of characters."""
    paragraphs = Path(f"{RESOLUTION}.{lang}.txt").read_text(encoding="utf-8").splitlines()
    assert sum(p.rstrip().endswith((",", "，", ";", "；")) for p in paragraphs) > 100
    layout = Layout(width_em=40 if lang == "zh" else 44, header="E/RES/2023/7")
    matched, produced, given_ = _recovered(paragraphs, lang, layout)
    assert matched >= 0.95 * given_ and matched >= 0.95 * produced, (matched, produced, given_)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_udhr_rewrapped_and_spaced_out(lang: str) -> None:
    paragraphs = (UDHR / f"udhr.{lang}.txt").read_text(encoding="utf-8").splitlines()
    width = 40 if lang == "zh" else 44
    layout = Layout(width_em=width, header="A/RES/217(III)", spaced="justified")
    matched, produced, given_ = _recovered(paragraphs, lang, layout)
    assert matched >= 0.97 * given_ and matched >= 0.97 * produced, (matched, produced, given_)


@pytest.mark.parametrize(("lang", "width_em"), [("zh", 12), ("zh", 14), ("zh", 17), ("en", 14)])
def test_a_narrow_column_rewrapped(lang: str, width_em: float) -> None:
    """The UDHR as `pdftotext` writes one column of a two-column page (17 Han characters a
    line; 14 em: three columns), without blank lines. Before `wrapped_narrow`, lines under 40
    display columns were never taken as wrapped: the Chinese came out one line a paragraph
    (41 of 92 articles whole at 17 em, 218 paragraphs)."""
    paragraphs = (UDHR / f"udhr.{lang}.txt").read_text(encoding="utf-8").splitlines()
    layout = Layout(width_em=width_em, header="A/RES/217(III)")
    matched, produced, given_ = _recovered(paragraphs, lang, layout)
    assert matched >= 0.9 * given_ and matched >= 0.9 * produced, (matched, produced, given_)


def test_the_seed_in_a_narrow_column() -> None:
    source = [p.text for p in read_document(SEED_ZH, "zh").paragraphs]
    matched, produced, given_ = _recovered(source, "zh", Layout(width_em=17))
    assert matched >= 0.85 * given_ and produced <= 1.1 * given_, (matched, produced, given_)


_ITEMS_ZH = [  # one item a line, short and of like lengths, without punctuation: not wrapped
    f"{goal}（目标{n}）" for n, goal in enumerate(
        ["在全世界消除一切形式的贫穷", "消除饥饿实现粮食安全", "确保健康的生活方式",
         "确保包容和公平的优质教育", "实现性别平等", "为所有人提供水和环境卫生",
         "确保人人获得可持续的能源", "促进持久包容的经济增长", "建造具备抵御灾害能力的基础设施",
         "减少国家内部和国家之间的不平等", "建设包容安全的城市", "采用可持续的消费和生产模式"],
        start=1)
]


@pytest.mark.parametrize(
    ("texts", "want"),
    [
        pytest.param(wrap("。".join(["工作组回顾了1978年第一届专门讨论裁军问题的大会特别会议"
                                     "最后文件第34段，其中相关部分指出"] * 12), "zh", 17),
                     True, id="a-wrapped-narrow-column"),
        pytest.param(_ITEMS_ZH * 3, False, id="short-items-one-a-line"),
        pytest.param([f"第{n}条。人人有权享有生命、自由和人身安全。" for n in range(30)], False,
                     id="full-lines-ending-sentences"),
        pytest.param(wrap("在全世界消除一切形式的贫穷" * 40, "zh", 30), False,
                     id="wide-lines-are-not-narrow"),
        pytest.param(wrap("在全世界消除一切形式的贫穷" * 8, "zh", 17), False,
                     id="too-few-lines"),
    ],
)
def test_wrapped_narrow(texts: Sequence[str], want: bool) -> None:
    assert wrapped_narrow(_lines(list(texts)), [display_width(t) for t in texts]) is want


@pytest.mark.skipif(not SHARED_UN.exists(), reason="../shared not present")
def test_no_text_of_the_data_written_one_paragraph_a_line_is_narrow_wrapped() -> None:
    """Guard: the UN texts and the MAC corpus (one paragraph or sentence a line, many of them
    short: the SDG indicators, MAC's sentences) are not taken as a wrapped narrow column."""
    shared = SHARED_UN.parent
    files = [p for p in sorted(shared.rglob("*")) if p.suffix in (".txt", ".zh", ".en")]
    assert len(files) > 100
    wrong = []
    for path in files:
        texts = [t.strip() for t in path.read_text(encoding="utf-8").splitlines() if t.strip()]
        if wrapped_narrow(_lines(texts), [display_width(t) for t in texts]):
            wrong.append(path.name)
    assert not wrong


def _lines(texts: list[str], **kw: int) -> list[Line]:
    return [Line(i + 1, t, **kw) for i, t in enumerate(texts)]


def _starts_of(lines: list[tuple[str, bool]]) -> tuple[list[bool], list[bool]]:
    """English lines, each marked whether it starts a paragraph: where `paragraph_starts` finds
    starts, and where they are marked."""
    return paragraph_starts(_lines([text for text, _ in lines]), "en"), [s for _, s in lines]


def test_short_lines_and_clause_ends() -> None:
    en = [
        "The Economic and Social Council,",
        "Reaffirming General Assembly resolution 46/182 of 19 December 1991 and the guiding",
        "principles contained in the annex thereto, and recalling other relevant resolutions,",
        "Recalling its decision 2023/315 of 5 April 2023, in which it decided that the theme",
        "for the humanitarian affairs segment of its 2023 session would be on food insecurity,",
        "1. Decides to continue.",
    ]
    assert paragraph_starts(_lines(en), "en") == [True, True, False, True, False, True]


def test_a_lower_case_word_after_a_short_line_continues_it() -> None:
    en = [
        "Joint activities in the urban environment: joint progress report of the Executive",
        "Directors of",
        "the United Nations Environment Programme and the United Nations Human Settlements",
    ]
    assert paragraph_starts(_lines(en), "en") == [True, False, False]


def test_bare_labels_list_items_and_indents() -> None:
    en = [
        "1.",
        "The Committee recommended the following measures to the General Assembly and to the:",
        "(a) Member States to act on the recommendations of the present report in good time;",
        "(b) the Secretariat to report.",
    ]
    assert paragraph_starts(_lines(en), "en") == [True, False, True, True]
    layout = [
        Line(1, "Recalling its resolution 2022/1 on the coordination of emergency humanitarian", 4),
        Line(2, "assistance of the United Nations and the annex thereto, and noting with concern"),
        Line(3, "that the number of people in need keeps growing in every region of the world,"),
        Line(4, "Reaffirming the principles of humanity, neutrality, impartiality and all", 4),
        Line(5, "that these principles imply for humanitarian assistance in every situation."),
    ]
    assert paragraph_starts(layout, "en") == [True, False, False, True, False]


def test_chinese_lines_by_display_width() -> None:
    zh = [
        "经济及社会理事会，",
        "重申大会1991年12月19日第46/182号决议及其附件所载指导原则，并回顾大会其他相关决议和",
        "经济及社会理事会相关决议及商定结论，",
        "又重申提供人道主义援助的人道、中立、公正和独立原则，重申在复杂紧急情况中参与提供的",
        "所有行为体都必须促进和充分尊重这些原则，",
    ]
    assert paragraph_starts(_lines(zh), "zh") == [True, True, False, True, False]
    assert ink_width("联合国") == 6 and ink_width("ill") < ink_width("MWM")


def test_a_chinese_list_in_the_line_wraps_at_its_label() -> None:
    """Chinese writes a list in its sentence ("包括：(1) …；(2) …"): a label that starts a line
    after a full line ending in "：" or "；" is where the line wrapped; after a short line it is
    an item of its own."""
    zh = [
        "10. 与此同时，这两个机构在更广泛的机构间进程中开展了合作，其中包括以下几个方面：",
        "(1) 联合国全系统生物多样性共同办法，通过共同投入和承诺，除其他外，提高城市化质量；",
        "(2) 全环基金第七次充资后的城市转变方案，环境署在 2023 年前一直领导秘书处工作。",
        "11. 审查发现：",
        "(1) 两署的合作有利于协调和信息传递，但缺乏激励措施和共同愿景，需要进一步的工作。",
    ]
    assert paragraph_starts(_lines(zh), "zh") == [True, False, False, True, True]


def test_one_paragraph_a_line_is_not_hard_wrapped() -> None:
    lines = (UDHR / "udhr.en.txt").read_text(encoding="utf-8").splitlines()
    widths = [len(line) for line in lines]
    assert not hard_wrapped(widths)
    wrapped = [len(line) for p in lines for line in wrap(p, "en", 44)]
    assert hard_wrapped(wrapped)


_TEXT_REMOVED = ("page-number", "running-header", "running-footer", "job-number")
_WORDS = st.sampled_from(
    ["the", "Council", "Recalling", "resolution", "2023,", "decides;", "(a)", "report.", "UN-"]
)
_ZH = st.sampled_from([*"联合国大会决议重申回顾，。；", "2023年", "HSP/HA.1"])


@settings(max_examples=60, deadline=None)
@given(
    paras=st.lists(st.lists(_WORDS, min_size=1, max_size=60), min_size=1, max_size=12),
    zh=st.lists(st.lists(_ZH, min_size=1, max_size=120), min_size=1, max_size=12),
)
def test_no_character_is_lost(paras: list[list[str]], zh: list[list[str]]) -> None:
    """Whatever the paragraph ends found, every character of the text stays, in order."""
    layout = Layout(width_em=30, lines_per_page=10**6, page_numbers=False)
    for lang, texts in (("en", [" ".join(p) for p in paras]), ("zh", ["".join(p) for p in zh])):
        cleaned = clean_plain_text(extracted(texts, lang, layout), lang)
        got = _squash("".join(p.text for p in cleaned.paragraphs))
        removed = "".join(f.text for f in cleaned.furniture if f.kind in _TEXT_REMOVED)
        assert sorted(got + removed) == sorted(_squash("".join(texts)))
        if not removed:
            assert got == _squash("".join(texts))


def test_pdftotext_blocks_labels_apart_and_page_edges() -> None:
    """pdftotext writes a tab-separated paragraph number as its own block; a bare number is a
    page number only at a page's edge (elsewhere it is a table cell, a year)."""
    words = (
        "monitoring of plastic pollution. As a first step, they jointly organized an expert group "
        "meeting that identified the activities critical to the harmonization process, and the "
        "agencies then met again to examine the results of the meeting of the expert group and"
    )
    body = "\n".join(wrap(words, "en", 44))  # hard-wrapped, as pdftotext's output is
    wrapped = "\n".join(wrap(words + " " + words, "en", 44))
    text = (
        "I. Background\n1.\n\n" + body + "\nthe next steps.\n\n2.\n\nThe Assembly met.\n\n"
        "Year\n\n2008\n\n2021\n\n3.\n\n" + body + "\n\n7\n\fA/78/1\n\nit closed.\n\n"
        "4.\n\n" + wrapped + ".\n"
    )
    cleaned = clean_plain_text(text, "en")
    assert [(p.kind, p.label) for p in cleaned.paragraphs][:-1] == [
        (BlockKind.HEADING, "R1"),
        (BlockKind.BODY, "1"),
        (BlockKind.BODY, "2"),
        (BlockKind.BODY, "2"),
        (BlockKind.BODY, "2"),
        (BlockKind.BODY, "2"),
        (BlockKind.BODY, "3"),
    ]
    assert cleaned.paragraphs[1].text.startswith("1. monitoring")
    assert cleaned.paragraphs[-2].text.endswith("the expert group and it closed.")
    assert [p.text for p in cleaned.paragraphs[3:6]] == ["Year", "2008", "2021"]
    assert [(f.kind, f.text) for f in cleaned.furniture if f.kind != "form-feed"] == [
        ("page-number", "7"),
        ("running-header", "A/78/1"),
    ]


def test_english_line_end_hyphens_in_wrapped_text() -> None:
    """Undone where the joined word is a word (the PDF reader's rule), kept in compounds the
    document writes with a hyphen; each undone one is recorded."""
    words = (
        "The agencies have sought to mainstream environmental considerations into urban "
        "decision-making at the global, national and local levels, and intensifying crises have "
        "prompted the two agencies to re-examine the modalities of their cooperation"
    )
    lines = wrap(words, "en", 30)
    lines[0] += " environ-"
    lines[1] = "mental " + lines[1]
    lines[2] += " decision-"
    lines[3] = "making " + lines[3]
    cleaned = clean_plain_text("\n".join(lines) + ".\n", "en")
    (para,) = cleaned.paragraphs
    assert " environmental " in para.text and " decision-making " in para.text
    assert [(f.kind, f.text) for f in cleaned.furniture] == [("hyphenation", "environ-mental")]


# --- pdftotext's habits, read as the page shows them (`reader_lines`, `wrapped_short_text`) ----
_JUSTIFIED = (  # a line, the words of one justified line, the paragraph's next line
    "Programme (UNEP) have been cooperating for more than three decades. During that time, they",
    "sought", "to", "mainstream", "environmental", "considerations", "into", "urban",
    "decision-making,", "and", "urban",
    "considerations into environmental decision-making, at the global, national and local levels.",
)


def _pdftotext_lines(texts: Sequence[str], apart: Sequence[bool]) -> list[Line]:
    """Lines as `_nonblank` gives them: `apart[k]`, a blank line before line k."""
    pairs = zip(texts, apart, strict=True)
    return [Line(k + 1, t, blank_before=b) for k, (t, b) in enumerate(pairs)]


@pytest.mark.parametrize(
    ("texts", "apart", "want"),
    [
        pytest.param(  # one word a block: the justified line again, full to the width
            _JUSTIFIED, [False] * 2 + [True] * 10,
            [(_JUSTIFIED[0], False, False), (" ".join(_JUSTIFIED[1:11]), False, True),
             (_JUSTIFIED[11], True, False)],
            id="justified-line-split-into-words",
        ),
        pytest.param(  # its first word at the end of the lines before (no blank line before it)
            _JUSTIFIED, [False] * 12,
            [(t, False, False) for t in _JUSTIFIED],
            id="one-word-lines-without-blanks-stay",
        ),
        pytest.param(  # table cells of one word: capitalised, numbers; not a line's width
            (_JUSTIFIED[0], "Year", "2008", "2021", "Theme", "Urban"), [False] + [True] * 5,
            [(_JUSTIFIED[0], False, False), ("Year", True, False), ("2008", True, False),
             ("2021", True, False), ("Theme", True, False), ("Urban", True, False)],
            id="one-word-table-cells-stay",
        ),
        pytest.param(  # a few lower-case words apart: far narrower than a line
            (_JUSTIFIED[0], "and", "or", "not"), [False] + [True] * 3,
            [(_JUSTIFIED[0], False, False), ("and", True, False), ("or", True, False),
             ("not", True, False)],
            id="short-word-run-stays",
        ),
        pytest.param(  # a paragraph number set apart by a tab: the blank after it goes
            (_JUSTIFIED[0], "1.", "Welcomes the report;", "2.", "Requests the report."),
            [False, False, True, True, True],
            [(_JUSTIFIED[0], False, False), ("1.", False, False),
             ("Welcomes the report;", False, False), ("2.", True, False),
             ("Requests the report.", False, False)],
            id="bare-label-joins-the-text-after-the-blank",
        ),
    ],
)
def test_reader_lines(
    texts: Sequence[str], apart: Sequence[bool], want: list[tuple[str, bool, bool]]
) -> None:
    got = reader_lines(_pdftotext_lines(texts, apart))
    assert [(ln.text, ln.blank_before, ln.full) for ln in got] == want


_RESOLUTION_ZH = (  # pdftotext of tests/pdfgen.py's one-page resolution (reportlab), furniture out
    "大会，",
    "回顾其1991年12月19日第46/182号决议及其附件所载指导原则，以及关于加强紧急人道主义援助",
    "协调的其他相关决议，",
    "重申提供人道主义援助的人道、中立、公正和独立原则，",
    "关切地注意到需要人道主义援助的人数继续增加，需求与资源之间的差距正在扩大，",
    "1.",
    "欢迎秘书长关于加强联合国紧急人道主义援助协调的报告；",
    "2.",
    "请秘书长向大会下届会议报告本决议执行进展情况。",
)
_RESOLUTION_ZH_COLUMN = (  # the same in one column of a two-column page (Chromium), pdftotext
    "大会，",
    "回顾其1991年12月19日第46/182号决",
    "议及其附件所载指导原则，以及关于加",
    "强紧急人道主义援助协调的其他相关决",
    "议，",
    "重申提供人道主义援助的人道、中立、",
    "公正和独立原则，",
    "关切地注意到需要人道主义援助的人数",
    "继续增加，需求与资源之间的差距正在",
    "扩大，",
)
_NAMES = (  # short lines of like lengths, one item a line: not a wrapped column
    "Mr. Niang (Senegal)",
    "Ms. Rodríguez (Cuba)",
    "Mr. Al-Hassan (Jordan)",
    "Ms. Kowalska (Poland)",
    "Mr. Tanaka (Japan)",
)
_ONE_A_LINE = (  # a short text written one paragraph a line
    "The General Assembly,",
    "Recalling its resolution 46/182 of 19 December 1991 and the guiding principles annexed,",
    "Noting with concern that the number of people in need continues to grow,",
    "1. Welcomes the report of the Secretary-General on the strengthening of coordination;",
    "2. Requests the Secretary-General to report to the General Assembly at its next session.",
)


@pytest.mark.parametrize(
    ("texts", "want"),
    [
        pytest.param(_RESOLUTION_ZH, True, id="one-page-resolution-wrapped"),
        pytest.param(_ONE_A_LINE, False, id="one-paragraph-a-line"),
        pytest.param(("Text1", "Text2", "Text3"), False, id="no-line-as-wide-as-a-page"),
        pytest.param(_RESOLUTION_ZH * 3, False, id="long-enough-for-statistics"),
        pytest.param(_RESOLUTION_ZH_COLUMN, True, id="a-narrow-column-wrapped"),
        pytest.param(_NAMES, False, id="short-items-one-a-line"),
        pytest.param(_RESOLUTION_ZH_COLUMN[:4], False, id="a-narrow-column-too-short"),
    ],
)
def test_wrapped_short_text(texts: Sequence[str], want: bool) -> None:
    assert wrapped_short_text(_lines(list(texts))) is want


def _resolution_pdftotext(lang: str, *, chromium: bool = False) -> str:
    """The one-page resolution as `pdftotext` writes it: hard-wrapped, each operative
    paragraph's number apart (its own line, a blank line after it), the page's furniture.
    `chromium`: as it writes Chromium's PDF, a blank line after every paragraph and the
    second line of the first long paragraph, justified with wide spaces, one word a block."""
    from pdfgen import RESOLUTION

    lines = ["E/RES/2023/99"]
    split = chromium
    for para in RESOLUTION[lang]:
        label, _, text = para.partition(" ") if para[0].isdigit() else ("", "", para)
        if label:
            lines += [label, ""]
        wrapped = wrap(text, lang, 46 if lang == "zh" else 44)
        if split and len(wrapped) > 2:
            words = wrapped[1].split()
            wrapped[1:2] = [words[0], *(w for word in words[1:] for w in ("", word)), ""]
            split = False
        lines += wrapped
        lines += [""] if label or chromium else []
    return "\n".join([*lines, "1", "GE.23-04567 (C)", "", "*2304567*", "", "\f"])


@pytest.mark.parametrize(
    ("lang", "chromium"), [("zh", False), ("en", False), ("en", True)], ids=["zh", "en", "en-split"]
)
def test_a_one_page_resolution_from_pdftotext(lang: str, chromium: bool) -> None:
    """Before: too few lines for `hard_wrapped`, so each blank-separated group was one
    paragraph and "1." ended the paragraph before it (zh: 1 paragraph and 2 of 6); the words of
    a justified line apart made the English a text of blank-separated blocks (3 of 6)."""
    from pdfgen import RESOLUTION

    cleaned = clean_plain_text(_resolution_pdftotext(lang, chromium=chromium), lang)
    assert [_squash(p.text) for p in cleaned.paragraphs] == [
        _squash(p) for p in RESOLUTION[lang]
    ]
    assert [p.label for p in cleaned.paragraphs][-2:] == ["1", "2"]


SDG = UN_PAIRS / "sdg"  # in the repository


def test_a_ragged_list_whose_items_end_without_a_full_stop() -> None:
    """SDG targets set ragged (left-aligned): an item ends without a full stop, and its last
    line may be as long as any wrapped line ("… and other diseases" before "3.4 By 2030"),
    so neither the room left nor a sentence end tells the next item: its label of the
    list's form does. The line evidence alone joined 3.4 to 3.3. Lines that go on
    stay joined: a number after "per" ("1,000 live births"), a name after a name
    ("Framework" / "Convention"), a capital after a lower-case word that opens no item
    ("developing" / "States")."""
    lines = [
        ("Goal 3. Ensure healthy lives and promote well-being for all at all ages", True),
        ("3.1 By 2030, reduce the global maternal mortality ratio to less than 70 per", True),
        ("100,000 live births", False),
        ("3.2 By 2030, end preventable deaths of newborns and children under 5 years", True),
        ("of age, with all countries aiming to reduce neonatal mortality to at least as", False),
        ("low as 12 per 1,000 live births and under-5 mortality to at least as low as 25 per",
         False),
        ("1,000 live births", False),
        ("3.3 By 2030, end the epidemics of AIDS, tuberculosis, malaria and neglected", True),
        ("tropical diseases and combat hepatitis, water-borne diseases and other diseases",
         False),
        ("3.4 By 2030, reduce by one third premature mortality from non-communicable", True),
        ("diseases through prevention and treatment and promote mental health", False),
        ("3.5 Strengthen the prevention and treatment of substance abuse, including", True),
        ("narcotic drug abuse and harmful use of alcohol", False),
        ("3.6 By 2020, halve the number of global deaths and injuries from road traffic", True),
        ("accidents", False),
        ("3.a Strengthen the implementation of the World Health Organization Framework", True),
        ("Convention on Tobacco Control in all countries and small island developing", False),
        ("States, as appropriate", False),
        ("3.b Support the research and development of vaccines and medicines for the", True),
        ("communicable and non-communicable diseases that primarily affect developing", False),
        ("countries, in accordance with the Doha Declaration on the TRIPS Agreement", False),
        ("3.c Substantially increase health financing in developing countries", True),
        ("3.d Strengthen the capacity of all countries for early warning", True),
    ]
    got, marked = _starts_of(lines)
    assert got == marked


def _sdg_items(path: Path, labelled: bool) -> list[str]:
    """The SDG list one item a line, with its labels ("Goal 3.", "3.1", "3.a") if asked."""
    items = path.read_text(encoding="utf-8").splitlines()
    if not labelled:
        return items
    ids = path.with_name(path.name.replace(".en.txt", ".ids.txt")).read_text(
        encoding="utf-8").splitlines()
    return [f"{i}. {t}" if i.startswith("Goal") else f"{i} {t}" for i, t in zip(ids, items,
                                                                                 strict=True)]


@pytest.mark.parametrize(
    ("labelled", "width_em", "share"),
    [(False, 44, 0.94), (False, 30, 0.94), (True, 44, 0.99), (True, 30, 0.99)],
)
def test_the_sdg_targets_rewrapped_ragged(labelled: bool, width_em: float, share: float) -> None:
    """The 186 SDG goals and targets (no item ends in a full stop) wrapped as pdftotext writes
    a left-aligned list. Before `_list_items` the text path read 156 (44 em) and 139 (30 em)
    of them, 166 and 168 with their labels: an item whose last line came out long was joined
    to the next. 178, 176 and all 186 with labels after `_list_items`; 184 and 184 since a
    capitalised common word ("Integrate", written "integrate" elsewhere) opens an item too."""
    items = _sdg_items(SDG / "sdg_goals_targets.en.txt", labelled)
    layout = Layout(width_em=width_em, header="A/RES/70/1")
    matched, produced, given_ = _recovered(items, "en", layout)
    assert matched >= share * given_ and matched >= share * produced, (matched, produced, given_)


@pytest.mark.skipif(not SHARED_UN.exists(), reason="../shared/un not present")
def test_the_sdg_indicators_rewrapped_with_their_labels() -> None:
    """The 252 SDG indicators ("1.1.1 Proportion of …"), none ending in a full stop: 213 read
    whole before `_list_items`, all 252 now."""
    items = _sdg_items(SHARED_UN / "sdg" / "sdg_indicators.en.txt", labelled=True)
    matched, produced, given_ = _recovered(items, "en", Layout(width_em=44, header="A/RES/71/313"))
    assert matched >= 0.99 * given_ and matched >= 0.99 * produced, (matched, produced, given_)


def _starts_inside(paragraphs: list[str], lang: str, layout: Layout) -> int:
    """How many paragraphs the cleaner reads start inside one of `paragraphs`."""
    cleaned = clean_plain_text(extracted(paragraphs, lang, layout), lang).paragraphs
    ends, pos = set(), 0
    for p in paragraphs:
        ends.add(pos)
        pos += len(_squash(p))
    starts, pos = set(), 0
    for p in cleaned:
        starts.add(pos)
        pos += len(_squash(p.text))
    return len(starts - ends)


@pytest.mark.skipif(not SHARED_UN.exists(), reason="../shared/un not present")
@pytest.mark.parametrize(
    "path", [*sorted((SHARED_UN / "ecosoc2023").glob("*.en.txt")), UDHR / "udhr.en.txt"],
    ids=lambda p: p.name[:12],
)
def test_prose_rewrapped_is_never_cut_inside_a_paragraph(path: Path) -> None:
    """Guard: prose ends its paragraphs in full stops (only its headings do not), so it is no
    list for `_list_items`: wrapped at 44 em, none of the UN texts' paragraphs is cut,
    whatever word or number a wrapped line starts with ("2030 Agenda", "United Nations")."""
    paragraphs = [t for t in path.read_text(encoding="utf-8").splitlines() if t.strip()]
    assert _starts_inside(paragraphs, "en", Layout(width_em=44, header="E/2023/1")) == 0


def test_prose_whose_wrapped_lines_start_with_numbers_and_names() -> None:
    """Guard: justified numbered paragraphs whose wrapped lines start with a number or a
    capitalised word that opens other paragraphs ("The") after a line ending in a lower-case
    word stay whole: a text of paragraphs ending in full stops is no list."""
    en = [
        "1. The Committee welcomed the report of the Secretary-General on the follow-up to",
        "2030 Agenda for Sustainable Development and took note of the report entitled",
        "The Future We Want, in which Member States renewed their commitment to it.",
        "2. The Committee noted that global warming would reach an increase of about",
        "1.5 Celsius degrees by the middle of the century, and that the effects of the",
        "rise would be felt first by the least developed countries and small island developing",
        "States, which were the least responsible for it.",
        "3. The Committee decided to consider the matter at its next session.",
    ]
    assert paragraph_starts(_lines(en), "en") == [
        True, False, False, True, False, False, False, True]


@pytest.mark.skipif(not SHARED_UN.exists(), reason="../shared/un not present")
@pytest.mark.parametrize(("width_em", "least"), [(44, 252), (40, 248), (30, 240)])
def test_the_sdg_indicators_rewrapped_without_their_labels(width_em: float, least: int) -> None:
    """The 252 SDG indicators without their labels: an item whose last line came out full,
    ending in a lower-case word, was joined to the next when the next opened with a
    capitalised word the text never writes in lower case ("… by sex, age and key populations"
    / "Tuberculosis incidence …", "… social protection)" / "Sum of total grants …"): 236, 238
    and 234 of them read whole (44, 40, 30 em). In a list whose items carry no label any
    capitalised word that is no name opens one."""
    items = _sdg_items(SHARED_UN / "sdg" / "sdg_indicators.en.txt", labelled=False)
    layout = Layout(width_em=width_em, lines_per_page=48, header="A/RES/71/313")
    matched, produced, given_ = _recovered(items, "en", layout)
    assert matched >= least and produced <= given_, (matched, produced, given_)


def test_an_unlabelled_list_opens_an_item_with_any_capitalised_word_but_a_name() -> None:
    """Items without labels or end punctuation, some of whose last lines are full: "Sum" and
    "Suicide" open items though the text writes neither in lower case (before, only a word
    written in lower case elsewhere or opening another item did). Guard: "States" after
    "… least developed" goes on, a name the text writes capitalised inside a line."""
    lines = [
        ("Proportion of population below the international poverty line, by sex, age and", True),
        ("employment status", False),
        ("Number of deaths, missing persons and directly affected persons attributed to", True),
        ("disasters per 100,000 population", False),
        ("Proportion of total government spending on essential services, education and health",
         True),
        ("Sum of total grants and non-debt-creating inflows allocated to poverty reduction", True),
        ("programmes as a proportion of gross domestic product", False),
        ("Number of least developed countries and small island developing States with plans",
         True),
        ("Proportion of small island developing States and least developed countries with", True),
        ("national statistical plans that are fully funded and under implementation in small",
         False),
        ("island developing", False),
        ("Tuberculosis incidence per 100,000 population", True),
        ("Proportion of fish stocks within biologically sustainable levels in least developed",
         True),
        ("States", False),
        ("Coverage of protected areas in relation to marine areas", True),
        ("Mortality rate attributed to unsafe water, unsafe sanitation and lack of hygiene", True),
        ("Suicide mortality rate", True),
        ("Proportion of the population using safely managed drinking water services", True),
    ]
    got, marked = _starts_of(lines)
    assert got == marked


def test_a_full_line_ending_in_an_introductions_colon_before_an_opener() -> None:
    """A full line ending in the colon of an introduction ("… reads as follows:") before a
    resolution's paragraph opener ("Bearing in mind") ends its paragraph, as one ending in a
    comma or semicolon did already (the two were one paragraph). Guard: after a colon, a
    line that opens no paragraph goes on ("negotiation, enquiry, …")."""
    lines = [
        ("Paragraph 5 (b) of General Assembly resolution 77/109, entitled “Report of the Special",
         True),
        ("Committee on the Charter of the United Nations and on the Strengthening of the Role of",
         False),
        ("the Organization”, reads as follows, in the words the Committee adopted at its session:",
         False),
        ("Bearing in mind Article 33 (1) of the Charter of the United Nations, also invites the",
         True),
        ("Member States to consider for future thematic debates the following peaceful means:",
         False),
        ("negotiation, enquiry, mediation, conciliation, arbitration and judicial settlement of",
         False),
        ("disputes.", False),
    ]
    got, marked = _starts_of(lines)
    assert got == marked


def test_a_paragraph_set_in_brackets_ends_where_its_bracket_closes() -> None:
    """A paragraph in brackets whose last line is full ("[on the recommendation of … (E/2023/30)]"
    before the resolution's title) ends where the bracket that opens it closes (the two were one
    paragraph). Guard: a paragraph whose opening bracket closes inside it ("(a) … (resolution
    77/109)") goes on past a line ending in a bracket."""
    lines = [
        ("[on the recommendation of the Commission on Crime Prevention and Criminal Justice "
         "(E/2023/30)]", True),
        ("Technical assistance provided by the United Nations Office on Drugs and Crime related to",
         True),
        ("counter-terrorism", False),
        ("(a) To consider the report of the Special Committee on the Charter (resolution 77/109)",
         True),
        ("Member States having been invited to submit their views on the working methods of the",
         False),
        ("Committee before its next session, in accordance with the rules of procedure.", False),
    ]
    got, marked = _starts_of(lines)
    assert got == marked
