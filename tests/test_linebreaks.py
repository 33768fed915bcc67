"""Paragraph ends in PDF-extracted text without blank lines (aligner.linebreaks), on real texts."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from conftest import SEED_EN, SEED_ZH, SHARED_UN, UN_PAIRS
from extracted_text import Layout, extracted, wrap
from hypothesis import given, settings
from hypothesis import strategies as st

from untm.aligner.clean import clean_plain_text
from untm.aligner.linebreaks import Line, hard_wrapped, ink_width, paragraph_starts
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


def _lines(texts: list[str], **kw: int) -> list[Line]:
    return [Line(i + 1, t, **kw) for i, t in enumerate(texts)]


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
