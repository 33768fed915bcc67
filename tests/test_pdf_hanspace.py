"""Spaces in Chinese read from PDFs: the document's own usage, whatever the text layer and the
line breaks do (`aligner.hanspace` in the PDF reader and in the line joins of both paths).

Gold scoring removes all whitespace, so these tests look at the spaces themselves:
- the seed report in two consistent spellings ("2023 年" everywhere, or "2023年" everywhere),
  drawn in every layout of tests/pdfgen.py (one spaces out its text layer: "（ 1 ）", "向 25 个",
  "联 合 国"): at every boundary of a Chinese character with a Chinese character, a full-width
  mark, a Latin letter or a digit, the segment has a space exactly where the source has one;
- a line that wraps between a Chinese character and a number joins as the paragraph writes it,
  in the text path as in the PDF reader; spaces the reader removed are recorded as furniture.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pytest
from pdfgen import LAYOUTS, TABLE, Item, has_font, render_pdf, seed_items

from untm.aligner.clean import clean_plain_text, join_wrapped
from untm.aligner.hanspace import han_spacing, is_cjk
from untm.aligner.language import is_han
from untm.aligner.read import read_document


def _mark(ch: str) -> bool:
    return is_cjk(ch) and not is_han(ch)


def _spelled(text: str, *, spaced: bool) -> str:
    """`text` with one spelling: a space (or none) between every Han character and a Latin
    letter or digit beside it; none beside a full-width mark, as typesetting has it."""
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch == " " and 0 < i < len(text) - 1:
            left, right = text[i - 1], text[i + 1]
            if _mark(left) or _mark(right):
                continue
            mixed = (is_han(left) and right.isalnum()) or (left.isalnum() and is_han(right))
            if mixed and not spaced:
                continue
        if out and spaced and out[-1] != " " and (
            (is_han(out[-1]) and ch.isascii() and ch.isalnum())
            or (out[-1].isascii() and out[-1].isalnum() and is_han(ch))
        ):
            out.append(" ")
        out.append(ch)
    return "".join(out)


def _items(spaced: bool) -> list[Item]:
    """The seed report's Chinese items in one spelling (a footnote keeps its "1 " marker)."""
    out = []
    for item in seed_items("zh"):
        head, text = "", item.text
        if item.kind == "footnote":
            head, text = re.match(r"(\S+ )(.*)", text).groups()  # type: ignore[union-attr]
        text = head + _spelled(text, spaced=spaced)
        out.append(replace(item, text=text, at=_spelled(item.at, spaced=spaced)))
    return out


def _boundaries(text: str) -> list[tuple[str, str, bool]]:
    """(left, right, spaced) of each pair of neighbouring non-space characters that the spacing
    rules decide: one side Chinese, the other Chinese, a Latin letter or a digit."""
    chars = [(m.group(2), bool(m.group(1))) for m in re.finditer(r"( ?)(\S)", text.strip())]
    out = []
    for (a, _), (b, gap) in pairwise(chars):
        if (is_cjk(a) or is_cjk(b)) and (is_cjk(a) or a.isalnum()) and (is_cjk(b) or b.isalnum()):
            out.append((a, b, gap))
    return out


def _spacing_errors(got: str, want: str) -> list[str]:
    errors = []
    for (a, b, gap), (_, _, should) in zip(_boundaries(got), _boundaries(want), strict=True):
        if gap != should:
            errors.append(f"{a}{' ' if gap else ''}{b} (source: {a}{' ' if should else ''}{b})")
    return errors


@pytest.fixture(scope="module")
def spelled_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, bool], Path]:
    folder = tmp_path_factory.mktemp("spelled")
    out = {}
    for layout in LAYOUTS:
        if not has_font(layout):
            continue
        for spaced in (True, False):
            path = folder / f"{layout.name}.{spaced}.zh.pdf"
            out[layout.name, spaced] = render_pdf(_items(spaced), "zh", layout, path)
    return out


@pytest.mark.parametrize("spaced", [True, False], ids=["2023 年", "2023年"])
@pytest.mark.parametrize("layout", [lo.name for lo in LAYOUTS])
def test_chinese_spaces_follow_the_document(
    layout: str, spaced: bool, spelled_pdfs: dict[tuple[str, bool], Path]
) -> None:
    if (layout, spaced) not in spelled_pdfs:
        pytest.skip(f"the fonts of layout {layout} are not installed")
    doc = read_document(spelled_pdfs[layout, spaced], "zh")
    source = {"".join(i.text.split()): i.text for i in _items(spaced) if i.kind != "row"}
    source.update({c: c for row in TABLE["zh"] for c in row})
    errors = []
    for para in doc.paragraphs:
        errors += _spacing_errors(para.text, source["".join(para.text.split())])
    assert not errors
    layer_spaced = next(lo for lo in LAYOUTS if lo.name == layout).zh_spaced
    notes = [f for f in doc.furniture if f.kind == "han-spacing"]
    assert len(notes) == layer_spaced  # the spaces taken out of the text layer, reported


def test_the_spelling_helper() -> None:
    text = "2. 2008年，两署（1）向 25 个 HSP/HA.1 号文件"
    assert _spelled(text, spaced=True) == "2. 2008 年，两署（1）向 25 个 HSP/HA.1 号文件"
    assert _spelled(text, spaced=False) == "2. 2008年，两署（1）向25个HSP/HA.1号文件"
    assert _spacing_errors("向25 个", "向 25 个") == ["向2 (source: 向 2)"]


def test_a_wrap_at_a_number_joins_as_the_paragraph_writes_it() -> None:
    """The seed writes both "2008年" and "2023 年"; a paragraph's own usage comes first."""
    doc = han_spacing(["2008年，两署通过了框架。2014年，环境署委托审查。", "2021年，它们开始"])
    para = doc.within(["于 2023 年", "3 月 30 日举行"])
    assert join_wrapped("于 2023 年", "3 月 30 日举行", "zh", para) == "于 2023 年 3 月 30 日举行"
    assert join_wrapped("于 2023 年", "3 月 30 日举行", "zh", doc) == "于 2023 年3 月 30 日举行"
    assert join_wrapped("于2023年", "3月30日举行", "zh", doc.within(["于2023年", "3月"])) == (
        "于2023年3月30日举行"
    )
    # beside a full-width mark, or without evidence, never a space
    assert join_wrapped("（1）", "2020 年", "zh", para) == "（1）2020 年"
    assert join_wrapped("向", "25 个", "zh", han_spacing([])) == "向25 个"
    assert join_wrapped("HSP/HA.1/Res.1", "document", "zh") == "HSP/HA.1/Res.1 document"


def test_the_text_path_joins_a_wrapped_number_as_the_paragraph_writes_it() -> None:
    lines = [
        "2008年，两署通过了其第一个正式合作框架。自那时以来，指导其活动的优先主题事项已从",
        "环境规划和管理发展到城市和气候变化。",
        "",
        "16. 联合国大会通过了一项关于零废物的决议，宣布 3 月 30 日为国际零废物日。2023 年",
        "3 月 30 日，在纽约举行的一次高级别会议上首次庆祝了该节日。",
    ]
    cleaned = clean_plain_text("\n".join(lines), "zh")
    assert any("2023 年 3 月 30 日，在纽约" in p.text for p in cleaned.paragraphs)
