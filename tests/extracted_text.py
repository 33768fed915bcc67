"""Text as PDF extraction writes it, built from paragraphs (for tests and `bench/bench_pdftext.py`).

`extracted(paragraphs, lang, layout)` lays paragraphs out the way `pdftotext` (without
`-layout`) writes a UN PDF: lines wrapped at a page width measured in font units (Times-like
advance widths for English, full-width Han for Chinese, so character counts per line vary as
in a real PDF), no blank line between paragraphs, a running header (the document symbol) at the
top of every page after the first, a page-number line and a form feed at every page break, and,
on request, Chinese "spaced out" as justified PDF text often comes out ("联 合 国 大 会"):
on every line (`spaced="all"`) or on the justified lines only, i.e. all but each paragraph's last
line (`spaced="justified"`). `indent` puts spaces before each paragraph's first line, as
`pdftotext -layout` keeps a first-line indent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from untm.aligner.language import is_han

# Advance widths (1/1000 em) of a Times-like roman face; anything else ASCII is 500.
_TIMES = {
    " ": 250, "a": 444, "b": 500, "c": 444, "d": 500, "e": 444, "f": 333, "g": 500, "h": 500,
    "i": 278, "j": 278, "k": 500, "l": 278, "m": 778, "n": 500, "o": 500, "p": 500, "q": 500,
    "r": 333, "s": 389, "t": 278, "u": 500, "v": 500, "w": 722, "x": 500, "y": 500, "z": 444,
    "A": 722, "B": 667, "C": 667, "D": 722, "E": 611, "F": 556, "G": 722, "H": 722, "I": 333,
    "J": 389, "K": 722, "L": 611, "M": 889, "N": 722, "O": 722, "P": 556, "Q": 722, "R": 667,
    "S": 556, "T": 611, "U": 722, "V": 722, "W": 944, "X": 722, "Y": 722, "Z": 611,
    ".": 250, ",": 250, ";": 278, ":": 278, "-": 333, "(": 333, ")": 333, "/": 278, "'": 333,
    "“": 444, "”": 444, "’": 333, "–": 500, "—": 1000, "*": 500, "%": 833,
}
_NO_LINE_START = set("，。、；：？！）」』》”’…％·")
_NO_LINE_END = set("（「『《“‘")
_LATIN_RUN = re.compile(r"[!-~\u00c0-\u024f\u2010-\u2015]+")


def advance(ch: str) -> int:
    """Width of one character in 1/1000 em: CJK and full-width 1000, Latin Times-like."""
    if ch in _TIMES:
        return _TIMES[ch]
    if ch.isascii():
        return 500
    if is_han(ch) or "\u3000" <= ch <= "\u30ff" or "\uff00" <= ch <= "\uffef":
        return 1000
    return 500


def _width(text: str) -> int:
    return sum(advance(ch) for ch in text)


def _tokens(text: str, lang: str) -> list[str]:
    """Unbreakable pieces: English words with their following space; in Chinese every
    character, except that Latin words and numbers stay whole."""
    if lang == "en":
        return re.findall(r"\S+\s*", text)
    out: list[str] = []
    pos = 0
    for m in _LATIN_RUN.finditer(text):
        out.extend(text[pos : m.start()])
        out.append(m.group())
        pos = m.end()
    out.extend(text[pos:])
    return out


def wrap(text: str, lang: str, width_em: float) -> list[str]:
    """Greedy line breaking at `width_em` (Chinese: no closing mark starts a line, no opening
    mark ends one)."""
    limit = width_em * 1000
    lines: list[str] = []
    line = ""
    for tok in _tokens(text, lang):
        if line and _width((line + tok).rstrip()) > limit and tok[0] not in _NO_LINE_START:
            carry = ""
            while line and line[-1] in _NO_LINE_END:
                carry, line = line[-1] + carry, line[:-1]
            if line.strip():
                lines.append(line.rstrip())
                line = carry.lstrip()
            else:
                line += carry
        line += tok
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _cjk(ch: str) -> bool:
    return is_han(ch) or ch in _NO_LINE_START or ch in _NO_LINE_END or "\u3000" <= ch <= "\u303f"


def space_out(line: str) -> str:
    """A space between every two neighbouring characters where one is Chinese (a Han character
    or a full-width mark), as spaced-out PDF text layers have it; Latin words stay whole."""
    out: list[str] = []
    for ch in line:
        if out and not ch.isspace() and not out[-1].isspace() and (_cjk(ch) or _cjk(out[-1])):
            out.append(" ")
        out.append(ch)
    return "".join(out)


@dataclass(frozen=True)
class Layout:
    """How `extracted` lays out paragraphs."""

    width_em: float = 46.0  # text width: ~46 Han characters or ~100 Times characters a line
    lines_per_page: int = 45
    header: str | None = None  # running header on pages 2, 3 … (the document symbol)
    page_numbers: bool = True
    spaced: str = "none"  # Chinese spaced out: "none", "justified" or "all"
    indent: int = 0  # spaces before each paragraph's first line (pdftotext -layout)


def extracted(paragraphs: Sequence[str], lang: str, layout: Layout) -> str:
    """The paragraphs laid out as PDF-extracted text (see the module docstring)."""
    out: list[str] = []
    page, on_page = 1, 0
    for para in paragraphs:
        lines = wrap(para, lang, layout.width_em)
        for k, line in enumerate(lines):
            if on_page == layout.lines_per_page:
                if layout.page_numbers:
                    out.append(str(page))
                page, on_page = page + 1, 0
                out.append("\f" + (layout.header or ""))
            justified = k < len(lines) - 1
            if lang == "zh" and (
                layout.spaced == "all" or (layout.spaced == "justified" and justified)
            ):
                line = space_out(line)
            if k == 0 and layout.indent:
                line = " " * layout.indent + line
            out.append(line)
            on_page += 1
    text = "\n".join(out)
    return text.replace("\f\n", "\f") + "\n"

