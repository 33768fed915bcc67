"""A paragraph's number set on a line of its own above its text ("1." alone, the text on the next
lines at the same left edge and the line spacing): MuPDF's HTML engine sets a paragraph's
inline-block label, which hangs in the paragraph's indent in a browser, as a block of its own.
The number's short line ended a paragraph, and each number was read as a paragraph ("1." and
"The United Nations …" apart, in both languages, so the aligner paired the numbers alone: the
MuPDF seed .53 / .66 P / R); it opens the paragraph below (`blocks._under_number`).

Guards: numbers alone in a column of numbers stay apart; a number alone set a paragraph's gap
above the next line (a roman section number over its heading, as the working paper ecosoc_07
sets "I." over "Introduction") stays a paragraph of its own; a paragraph whose number hangs
on its first line reads as before.

Pages drawn here (reportlab): lines set flush left, paragraphs a gap apart.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from untm.aligner.read import read_document

SIZE, LEADING, GAP, TOP, LEFT, WIDTH = 11.0, 13.2, 6.0, 760.0, 90.0, 440.0
ZH = ("联合国人类住区规划署和联合国环境规划署多年来在城市环境方面开展合作，"
      "双方合作的范围和深度都有所扩大，并在全球、国家和地方各级将环境因素纳入城市决策的主流。")
EN = ("The United Nations Human Settlements Programme and the United Nations Environment "
      "Programme have worked together on the urban environment for many years, and their "
      "cooperation has grown in scope and depth at the global, national and local levels.")


def _font(lang: str) -> str:
    if lang == "zh":
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        return "STSong-Light"
    return "Times-Roman"


def _lines(text: str, font: str) -> list[str]:
    if font != "Times-Roman":  # Chinese: every line full but the last
        per_line = int(WIDTH // SIZE)
        return [text[k : k + per_line] for k in range(0, len(text), per_line)]
    return list(simpleSplit(text, font, SIZE, WIDTH))


def _texts(lang: str) -> list[str]:
    """Six paragraphs of one to three sentences."""
    return [(ZH if lang == "zh" else EN + " ") * (1 + k % 3) for k in range(6)]


def _draw(path: Path, blocks: list[list[str]], font: str, gaps: list[float] | None = None) -> None:
    """Blocks of lines, each line at the line spacing under the one before, the blocks a
    paragraph's gap apart (or `gaps[k]` above block k)."""
    c = canvas.Canvas(str(path), invariant=1)
    y = TOP
    for k, lines in enumerate(blocks):
        if k:
            y -= gaps[k] if gaps else GAP
        for line in lines:
            c.setFont(font, SIZE)
            c.drawString(LEFT, y, line)
            y -= LEADING
    c.showPage()
    c.save()


def _read(path: Path, lang: str) -> list[str]:
    return ["".join(p.text.split()) for p in read_document(path, lang).paragraphs]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_number_on_a_line_of_its_own_opens_the_paragraph_below(lang: str,
                                                                  tmp_path: Path) -> None:
    font = _font(lang)
    texts = _texts(lang)
    blocks = [[f"{k + 1}.", *_lines(text.strip(), font)] for k, text in enumerate(texts)]
    _draw(tmp_path / f"numbers.{lang}.pdf", blocks, font)
    assert _read(tmp_path / f"numbers.{lang}.pdf", lang) == [
        "".join(f"{k + 1}. {text}".split()) for k, text in enumerate(texts)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_numbers_in_a_column_of_numbers_stay_apart(lang: str, tmp_path: Path) -> None:
    """Guard: numbers alone on lines at the line spacing, one under the other, then a
    paragraph: no number opens the next number's line, nor the paragraph under the last."""
    font = _font(lang)
    text = _texts(lang)[2].strip()
    blocks = [["1.", "2.", "3."], _lines(text, font)]
    _draw(tmp_path / f"column.{lang}.pdf", blocks, font, gaps=[0.0, 2 * LEADING])
    assert _read(tmp_path / f"column.{lang}.pdf", lang) == ["1.", "2.", "3.",
                                                            "".join(text.split())]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_number_a_gap_above_its_text_stays_apart(lang: str, tmp_path: Path) -> None:
    """Guard: a number alone a paragraph's gap above the next line is no paragraph's number
    set above it (a section number over its heading, ecosoc_07's "I." over "Introduction")."""
    font = _font(lang)
    texts = [t.strip() for t in _texts(lang)[:3]]
    blocks = [_lines(texts[0], font), ["2."], _lines(texts[1], font), _lines(texts[2], font)]
    _draw(tmp_path / f"gap.{lang}.pdf", blocks, font)
    assert _read(tmp_path / f"gap.{lang}.pdf", lang) == [
        "".join(texts[0].split()), "2.", "".join(texts[1].split()), "".join(texts[2].split())]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_number_on_its_paragraphs_first_line_reads_as_before(lang: str,
                                                               tmp_path: Path) -> None:
    """Guard: the number on the first line of its paragraph, the text after it."""
    font = _font(lang)
    texts = [t.strip() for t in _texts(lang)]
    blocks = []
    for k, text in enumerate(texts):
        lines = _lines(text, font)
        blocks.append([f"{k + 1}. {lines[0]}", *lines[1:]])
    _draw(tmp_path / f"inline.{lang}.pdf", blocks, font)
    assert _read(tmp_path / f"inline.{lang}.pdf", lang) == [
        "".join(f"{k + 1}. {text}".split()) for k, text in enumerate(texts)]
