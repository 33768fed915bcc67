"""Characters a text layer gives in place of ordinary ones, and glyphs that mean nothing.

Text layers made by some producers (cairo with some CJK fonts, old Word exports, fonts whose
ToUnicode map was built from glyph names) give a Chinese character as a Kangxi radical ("⼈"
U+2F08 for "人" U+4EBA), a CJK radical of the supplement ("⻓" U+2ED3 for "长" U+957F) or a CJK
compatibility ideograph: a font draws both with one glyph, and the map back from the glyph picks
the radical. `ordinary_forms` reads them as the ordinary characters: NFKC for Kangxi radicals and
compatibility ideographs (applied to those characters only: NFKC of the whole text would also
turn full-width punctuation into ASCII, which Chinese text keeps), and for the supplement, which
has no decomposition, the equivalences of Unicode's EquivalentUnifiedIdeograph.txt that Noto
Sans and Serif CJK SC (fonts-noto-cjk) draw with one glyph (`_SUPPLEMENT`: a radical, then its
ideograph; only ideographs of the basic block).

A glyph *means nothing* when its character is a control or format code, a private-use code
point, U+FFFD or a noncharacter: what a font without a Unicode mapping yields (`is_meaningless`).
Both the PDF reader and the text cleaner use these rules.

A glyph whose character the text layer does not say, though it stands for one (a glyph of a font
that lost its Unicode map, drawn among text), is read in place as `LOST` (U+FFFD, Unicode's
replacement character): the text keeps its length and its neighbours, and a unit that holds one
is kept out of a TM (`has_lost`), never written with a wrong or missing character.
"""

from __future__ import annotations

import re
import unicodedata

# CJK radicals (supplement and Kangxi), CJK compatibility ideographs (BMP and supplement)
_FORMS = re.compile("[\u2e80-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]")
_SUPPLEMENT = (
    "⺂乛⺃乚⺅亻⺉刂⺎兀⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺘扌⺙攵⺛旡⺞歺⺟母⺠民⺡氵⺣灬⺤爫⺦丬⺨犭⺫罒⺭礻⺯糹⺰纟"
    "⺱罓⺲罒⺹耂⺺肀⺾艹⻁虎⻂衤⻃覀⻅见⻆角⻈讠⻉贝⻋车⻌辶⻐钅⻑長⻒镸⻓长⻔门⻖阝⻘青⻙韦⻚页⻛风⻜飞⻝食⻟飠"
    "⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟"
    "⻄西⺧牛⺜日⺝月⻏阝"  # the same equivalences, drawn with glyphs of their own in these fonts
)
LOST = "\ufffd"  # a character the input does not say (a glyph without a Unicode mapping)
_RADICALS = {_SUPPLEMENT[i]: _SUPPLEMENT[i + 1] for i in range(0, len(_SUPPLEMENT), 2)}
_MEANINGLESS = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd\ufdd0-\ufdef\ufffe\uffff"
    "\U000f0000-\U0010ffff]"
)


def _ordinary(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _RADICALS:
        return _RADICALS[ch]
    mapped = unicodedata.normalize("NFKC", ch)
    return mapped if len(mapped) == 1 else ch


def ordinary_forms(text: str) -> tuple[str, int]:
    """`text` with CJK radicals and compatibility ideographs as the ordinary characters they
    stand for (one character for one), and how many were changed."""
    if not _FORMS.search(text):
        return text, 0
    out = _FORMS.sub(_ordinary, text)
    return out, sum(1 for a, b in zip(text, out, strict=True) if a != b)


def is_meaningless(ch: str) -> bool:
    """A control or private-use code, U+FFFD or a noncharacter: a glyph with no meaning."""
    return bool(_MEANINGLESS.match(ch))


def has_meaningless(text: str) -> bool:
    """Whether `text` holds any character `is_meaningless` says means nothing."""
    return bool(_MEANINGLESS.search(text))


def has_lost(text: str) -> bool:
    """Whether `text` holds a character the input did not say (`LOST`)."""
    return LOST in text
