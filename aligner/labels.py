"""UN paragraph labels, headings and footnote markers; text measures.

Shared by the cleaner (`aligner.clean`), paragraph-end recovery (`aligner.linebreaks`), cover
detection (`aligner.covers`) and the PDF layout (`aligner.pdflayout`). The forms of page
furniture (page and job numbers, barcodes, symbols) are `aligner.furniture`'s.
"""

from __future__ import annotations

import re
import unicodedata

from untm.aligner.model import BlockKind

# a paragraph number: "12." before its text; not a sub-item's label ("1.1", "1.b 根据…",
# "3.a Ensure": a letter and a space after the dot)
NUM_PARA = re.compile(r"^([0-9０-９]{1,3})[.．](?![0-9０-９]|[a-z][ \t\u3000])[ \t\u3000]*(?=\S)")
SUB_ITEM = re.compile(r"^[0-9０-９]{1,3}[.．][a-z][ \t\u3000]+(?=\S)")  # "1.b 根据…", "3.a Ensure"
ZH_HEADING = re.compile(r"^([一二三四五六七八九十]{1,3})[、．.][ \t\u3000]*(?=\S)")
ROMAN_HEADING = re.compile(r"^([IVXLC]{1,7})\.[ \t]+(?=\S)")
LETTER_HEADING = re.compile(r"^([A-Z])\.[ \t\u3000]*(?=\S)")
FOOTNOTE = re.compile(r"^(\*{1,4}|†|‡)[ \t\u3000]*(?=\S)")
_SENTENCE_END = re.compile(r"[.!?。！？…][\"”’'」』）)\]】》*]*$")
HEADING_MAX_CHARS = 160
_ZH_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def zh_numeral_value(text: str) -> int:
    """Value of a small Chinese numeral (一 … 九十九)."""
    if text == "十":
        return 10
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_ZH_NUMERALS.get(tens, 1) if tens else 1) * 10 + _ZH_NUMERALS.get(units, 0)
    return _ZH_NUMERALS.get(text, 0)


def roman_value(text: str) -> int:
    """Value of a Roman numeral written with I V X L C."""
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN[ch]
        nxt = _ROMAN[text[i + 1]] if i + 1 < len(text) else 0
        total += -value if value < nxt else value
    return total


def display_width(text: str) -> int:
    """Columns the text takes in a fixed-width layout (CJK wide characters count 2)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def ends_sentence(text: str) -> bool:
    """True when the text ends with sentence-final punctuation (closing quotes allowed)."""
    return bool(_SENTENCE_END.search(text.rstrip()))


def label_kind(text: str, lang: str, last_roman: int) -> tuple[BlockKind, str | None] | None:
    """Classify a paragraph start: (kind, label) for a labelled paragraph, else None."""
    m = FOOTNOTE.match(text)
    if m:
        return BlockKind.FOOTNOTE, m.group(1)
    # short enough for a heading (measured only where a heading label matched: it is read often)
    short = len(text) <= HEADING_MAX_CHARS and (
        display_width(text) <= HEADING_MAX_CHARS and not text.rstrip().endswith((".", "。"))
    )
    m = ZH_HEADING.match(text)
    if m and short:
        return BlockKind.HEADING, f"R{zh_numeral_value(m.group(1))}"
    m = ROMAN_HEADING.match(text)
    if m and short:
        value = roman_value(m.group(1))
        letter_like = len(m.group(1)) == 1 and m.group(1) != "I" and value != last_roman + 1
        if not letter_like:
            return BlockKind.HEADING, f"R{value}"
    m = LETTER_HEADING.match(text)
    if m and short:
        return BlockKind.HEADING, f"L{m.group(1)}"
    m = NUM_PARA.match(text)
    if m:
        return BlockKind.BODY, str(int(unicodedata.normalize("NFKC", m.group(1))))
    return None


def starts_label(text: str) -> bool:
    """True when a line starts a labelled paragraph: number, heading numeral, footnote marker,
    a sub-item's label ("1.b 根据…")."""
    stripped = text.lstrip()
    return bool(
        NUM_PARA.match(stripped)
        or SUB_ITEM.match(stripped)
        or ZH_HEADING.match(stripped)
        or ROMAN_HEADING.match(stripped)
        or FOOTNOTE.match(stripped)
    )
