"""Numbered footnotes at a page's foot of `pdftotext` output (aligner.pagenotes) and the
paragraph they interrupt (aligner.clean)."""

from __future__ import annotations

import pytest

from untm.aligner.clean import clean_plain_text
from untm.aligner.linebreaks import Line
from untm.aligner.model import BlockKind
from untm.aligner.pagenotes import page_notes

_BODY = (
    "Other joint fundraising initiatives over the past four years have included joint",
    "applications for funding from the International Climate Initiative and from",
)


def _page(page: int, texts: tuple[str, ...], start: int = 1) -> list[Line]:
    """Lines of one page; a text starting with '|' has a blank line before it."""
    return [
        Line(start + k, t.lstrip("|"), page=page, blank_before=t.startswith("|"))
        for k, t in enumerate(texts)
    ]


@pytest.mark.parametrize(
    ("pages", "want"),
    [
        pytest.param(  # the number apart from its text, a blank line between (reportlab)
            [(*_BODY, "|1", "|See resolution HSP/HA.1/Res.1.")],
            ["1 See resolution HSP/HA.1/Res.1."], id="bare-number-then-text",
        ),
        pytest.param(  # number and text on one line, after a blank line (Distiller-like)
            [(*_BODY, "|1 See resolution HSP/HA.1/Res.1.", "2 Details are on the website.")],
            ["1 See resolution HSP/HA.1/Res.1.", "2 Details are on the website."],
            id="numbered-lines",
        ),
        pytest.param(  # Chinese: the number on its own line, the text after it
            [("18. 在城市转变项目中，环境署和人居署根据环境署的住区设计准则和人居署的城市规划",
              "2", "详情见环境署和人居署的联合网站，该网站每季度更新一次。")],
            ["2 详情见环境署和人居署的联合网站，该网站每季度更新一次。"], id="chinese",
        ),
        pytest.param(  # notes go on from page to page: 1 on the first, 2 and 3 on the next
            [(*_BODY, "|1", "|See resolution 1."), (*_BODY, "|2", "|See 2.", "|3", "|See 3.")],
            ["1 See resolution 1.", "2 See 2.", "3 See 3."], id="numbered-through",
        ),
        pytest.param(  # a body line that starts with a number is no note (no blank before)
            [(*_BODY, "30 per cent of the funding came from the Initiative in 2022.")],
            [], id="body-line-with-a-number",
        ),
        pytest.param(  # a number far from the notes before it: a table cell, a year's part
            [(*_BODY, "|1", "|See 1."), (*_BODY, "|57", "|Not a note.")],
            ["1 See 1."], id="numbers-out-of-sequence",
        ),
        pytest.param(  # a numbered paragraph is no note text
            [(*_BODY, "|1", "|12. The Assembly decided to continue.")],
            [], id="labelled-paragraph-after-a-number",
        ),
        pytest.param(  # a bare number with nothing after it (an undetected page number)
            [(*_BODY, "|7")], [], id="number-without-text",
        ),
        pytest.param(  # notes out of order (1 then 3): not read as notes
            [(*_BODY, "|1", "|See 1.", "|3", "|See 3.")], [], id="numbers-not-following",
        ),
    ],
)
def test_page_notes(pages: list[tuple[str, ...]], want: list[str]) -> None:
    lines = [ln for p, texts in enumerate(pages) for ln in _page(p, texts, 100 * p + 1)]
    assert [note.text for note in page_notes(lines)] == want


def test_a_paragraph_cut_by_a_page_foot_note_is_one() -> None:
    """pdftotext of a page whose paragraph goes on to the next page, a numbered note and the
    page number at its foot: before, the paragraph was four blocks (its first lines, the note's
    number, the note, the rest)."""
    width = "x" * 10
    page1 = [
        "13. Other joint fundraising initiatives over the past four years have included joint",
        f"applications for funded posts of the United Nations Volunteers programme {width}",
        "several joint applications for funding from the International Climate Initiative,",
        "",
        "1",
        "",
        "See resolution HSP/HA.1/Res.1.",
        "",
        "7",
        "\fand higher-level discussions around a new Junior Professional Officer.",
        "",
        "14. Both agencies have sent high-level representatives to each other's assemblies.",
    ]
    cleaned = clean_plain_text("\n".join(page1) + "\n\f", "en")
    got = [(p.kind, p.label, p.text[:40]) for p in cleaned.paragraphs]
    assert got == [
        (BlockKind.BODY, "13", "13. Other joint fundraising initiatives "),
        (BlockKind.FOOTNOTE, "1", "1 See resolution HSP/HA.1/Res.1."),
        (BlockKind.BODY, "14", "14. Both agencies have sent high-level r"),
    ]
    assert cleaned.paragraphs[0].text.endswith("Initiative, and higher-level discussions around "
                                               "a new Junior Professional Officer.")
