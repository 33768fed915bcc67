"""Private-use codes of Word's symbol fonts read as the characters they draw.

Microsoft Word writes a character of the Symbol or Wingdings font (a bullet of a list, a Greek
letter or a sign of a formula) as the font's byte code plus 0xF000, a private-use code
(U+F020-U+F0FF: U+F0B7 is Symbol's bullet), and Distiller and Word's own PDF export keep that
code in the font's ToUnicode map: every bulleted list of a Word PDF holds them. A private-use code
means nothing by itself (`glyphforms.is_meaningless`), but in a font of one of these names it
names a glyph of a standard layout, and where that glyph is a Unicode character the code is read
as that character (`font_table`, `read_symbols`); the others stay codes without meaning, as
before. The font is known by its base name (a subset's "ABCDEF+" prefix and a style after a
comma or hyphen aside): another font's private-use codes (an icon font's) mean what that font
alone knows, and stay out.

The tables:
- Symbol (`_SYMBOL`): the Adobe Symbol encoding (its glyph names, as reportlab's
  `_fontdata_enc_symbol` lists them) read through the Adobe Glyph List (pdfminer's
  `glyphlist`); `tests/test_pdf_symbol_fonts.py` checks the table against both. Where the glyph
  list gives a private-use code (bracket and integral pieces, the radical's extender, the
  arrows' extenders) there is no character, and the code stays out; where it gives a sign that
  Unicode keeps only for compatibility the table gives the letter the font draws (Greek mu,
  Omega and Delta, not the micro, ohm and increment signs; the mathematical angle brackets, not
  U+2329/U+232A, which are canonically the CJK brackets); the serif and sans-serif registered,
  copyright and trademark signs (private-use in the glyph list) are the one sign each.
- Wingdings (`_WINGDINGS`): only the bullets and check marks Word's bullet library and forms
  use, each a geometric shape whose Unicode character is not in doubt (the glyph names of
  Ghostscript's Wingdings encoding, e.g. `square4` for 0xA7, say the shape). The full Wingdings
  mapping (Unicode 7.0 added most of its pictographs) could not be checked here, nor Wingdings
  2 and 3, nor Webdings: their codes stay out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from types import MappingProxyType

FIRST, LAST = 0xF020, 0xF0FF  # where Word writes a symbol font's byte codes 0x20-0xFF
CODES = re.compile(f"[{chr(FIRST)}-{chr(LAST)}]")
_NONE = "\0"

# the Adobe Symbol encoding's characters for the bytes 0x20-0xFF, 16 a row ("\0": none)
_SYMBOL_ROWS = (
    " !∀#∃%&∋()∗+,−./"  # 20
    "0123456789:;<=>?"  # 30
    "≅ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟ"  # 40
    "ΠΘΡΣΤΥςΩΞΨΖ[∴]⊥_"  # 50
    "\0αβχδεφγηιϕκλμνο"  # 60 (0x60: the radical's extender)
    "πθρστυϖωξψζ{|}∼\0"  # 70
    "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"  # 80
    "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"  # 90
    "€ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓"  # A0
    "°±″≥×∝∂•÷≠≡≈…\0\0↵"  # B0 (0xBD, 0xBE: the arrows' extenders)
    "ℵℑℜ℘⊗⊕∅∩∪⊃⊇⊄⊂⊆∈∉"  # C0
    "∠∇®©™∏√⋅¬∧∨⇔⇐⇑⇒⇓"  # D0
    "◊⟨®©™∑\0\0\0\0\0\0\0\0\0\0"  # E0 (0xE6-0xEF: bracket pieces)
    "\0⟩∫⌠\0⌡\0\0\0\0\0\0\0\0\0\0"  # F0 (integral and bracket pieces)
)
_SYMBOL: Mapping[int, str] = MappingProxyType({
    FIRST + k: ch for k, ch in enumerate(_SYMBOL_ROWS) if ch != _NONE
})
_WINGDINGS: Mapping[int, str] = MappingProxyType({
    0xF06C: "●",  # circle6: black circle
    0xF06E: "■",  # square6: black square
    0xF06F: "□",  # box3: white square
    0xF071: "❑",  # boxshadowdwn: lower right shadowed white square
    0xF072: "❒",  # boxshadowup: upper right shadowed white square
    0xF075: "◆",  # rhombus6: black diamond
    0xF076: "❖",  # xrhombus: black diamond minus white X
    0xF09F: "•",  # circle4: bullet
    0xF0A1: "○",  # ring2: white circle
    0xF0A7: "▪",  # square4: black small square
    0xF0A8: "◻",  # box2: white medium square
    0xF0D8: "➢",  # head2right: three-D top-lighted rightwards arrowhead
    0xF0E8: "➔",  # barb4right: heavy wide-headed rightwards arrow
    0xF0FB: "✗",  # xmarkbld: ballot X
    0xF0FC: "✓",  # checkbld: check mark
    0xF0FD: "☒",  # boxxmarkbld: ballot box with X
    0xF0FE: "☑",  # boxcheckbld: ballot box with check
})
# a font's base name, its subset prefix and style aside: Symbol, SymbolMT, Symbol,Bold,
# Wingdings-Regular (not Wingdings2, Wingdings3 or Webdings)
_NAME = re.compile(r"^(?:[A-Z]{6}\+)?(symbol(?:mt)?|wingdings)(?:[,-][a-z]*)?$", re.I)
_TABLES: Mapping[str, Mapping[int, str]] = MappingProxyType({
    "symbol": _SYMBOL, "symbolmt": _SYMBOL, "wingdings": _WINGDINGS,
})


def font_table(name: str) -> Mapping[int, str] | None:
    """The characters of a symbol font's private-use codes, by the font's base name (None: not
    a font of a known layout)."""
    m = _NAME.match(name.strip().replace(" ", ""))
    return _TABLES[m.group(1).lower()] if m else None


def read_symbols(text: str, font_name: Callable[[int], str]) -> tuple[str, int]:
    """`text` (one character a glyph) with each private-use code of a symbol font
    (U+F020-U+F0FF) that has a character in its font's table as that character, and how many
    were read so (`font_name`: the base name of the font of the glyph at an index)."""
    out: list[str] | None = None
    read = 0
    for m in CODES.finditer(text):
        table = font_table(font_name(m.start()))
        ch = table.get(ord(m.group())) if table is not None else None
        if ch is None:
            continue
        if out is None:
            out = list(text)
        out[m.start()] = ch
        read += 1
    return ("".join(out) if out is not None else text), read


def characters_of(code: str) -> frozenset[str]:
    """The characters a symbol font's private-use code may be read as, in any of the tables (a
    checker that sees the code without its font: `tests/pdfcheck.py`)."""
    return frozenset(t[ord(code)] for t in (_SYMBOL, _WINGDINGS) if ord(code) in t)
