"""Which reportlab font can draw a character, and the font fallback our reportlab generators
(tests/pdfgen.py, tests/producers/reportlab_*.py, unmapped.py) draw the rest with, as a real
producer does (Word or LibreOffice set a character their font lacks in another font that has it).

reportlab itself does not fall back: a character the font has no glyph for comes out as its
`.notdef` (an embedded TrueType subset: glyph 0, mapped to U+0000), as CID 0 (STSong-Light: a
code its CMap UniGB-UCS2-H does not map, such as U+2011) or as ZapfDingbats' '■' (the standard
Type 1 fonts: a character outside WinAnsi), so the PDF does not hold the document's character.

Coverage: an embedded TrueType face has its cmap (`charToGlyph`); a standard Type 1 font draws
what its encoding (WinAnsi) has a code for and its face a glyph for; STSong-Light draws what
Adobe's UniGB-UCS2-H CMap (Debian poppler-data, as PDF readers have it) maps to a CID.
The fallback faces are DejaVu Serif and Sans (Debian fonts-dejavu-core).

`python tests/producers/glyph_report.py` lists, per generator and development document, the
characters of the document's text its fonts cannot draw.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
# the fallback faces (fonts-dejavu-core): name -> file
FALLBACK_FILES = {
    "DejaVuSerif": DEJAVU / "DejaVuSerif.ttf",
    "DejaVuSerif-Bold": DEJAVU / "DejaVuSerif-Bold.ttf",
    "DejaVuSans": DEJAVU / "DejaVuSans.ttf",
    "DejaVuSans-Bold": DEJAVU / "DejaVuSans-Bold.ttf",
}
# where Debian keeps Adobe's CMaps (poppler-data; ghostscript's copy)
CMAP_DIRS = (Path("/usr/share/poppler/cMap"), Path("/var/lib/ghostscript/CMap"))


def fallback_missing() -> str | None:
    """Why the fallback faces cannot be used here, or None."""
    for path in FALLBACK_FILES.values():
        if not path.exists():
            return f"{path} not installed (fonts-dejavu-core)"
    return None


@cache
def register_fallbacks() -> None:
    """Register the fallback faces that are installed with reportlab (once)."""
    for name, path in FALLBACK_FILES.items():
        if path.exists():
            pdfmetrics.registerFont(TTFont(name, str(path)))


def fallback_for(font: str, bold: bool) -> str:
    """The fallback face for a document set in `font`: sans for a sans font, else serif."""
    sans = font.startswith(("Helvetica", "DejaVuSans"))
    return ("DejaVuSans" if sans else "DejaVuSerif") + ("-Bold" if bold else "")


@cache
def _cmap_codes(name: str) -> frozenset[int] | None:
    """The codes a (UCS-2) CMap maps to a CID other than 0, or None without the file."""
    path = next((d / sub / name for d in CMAP_DIRS for sub in ("", "Adobe-GB1", "Adobe-CNS1",
                                                                 "Adobe-Japan1", "Adobe-Korea1")
                 if (d / sub / name).is_file()), None)
    if path is None:
        return None
    codes: set[int] = set()
    text = path.read_text(encoding="latin-1")
    for block, body in re.findall(r"begincid(range|char)(.*?)endcid\1", text, re.S):
        for line in body.strip().splitlines():
            parts = line.split()
            if block == "range" and len(parts) == 3 and parts[2] != "0":
                codes.update(range(int(parts[0][1:-1], 16), int(parts[1][1:-1], 16) + 1))
            elif block == "char" and len(parts) == 2 and parts[1] != "0":
                codes.add(int(parts[0][1:-1], 16))
    # a CMap that uses another (usecmap) adds its codes
    for used in re.findall(r"/(\S+)\s+usecmap", text):
        more = _cmap_codes(used)
        codes.update(more or ())
    return frozenset(codes)


@cache
def has_glyph(fontname: str, ch: str) -> bool:
    """Whether the registered reportlab font `fontname` draws `ch` as itself (True when its
    coverage cannot be known here: a CID font whose CMap is not installed)."""
    font = pdfmetrics.getFont(fontname)
    code = 32 if ch == "\xa0" else ord(ch)  # reportlab sets a no-break space as a space
    if isinstance(font, TTFont):
        return code in font.face.charToGlyph
    if isinstance(font, UnicodeCIDFont):
        codes = _cmap_codes(font.encoding.name)
        return codes is None or code in codes
    try:  # a standard Type 1 font: a code in its encoding, a glyph for it in its face
        byte = chr(code).encode(font.encName)
    except (UnicodeEncodeError, LookupError):
        return False
    name = font.encoding.vector[byte[0]] if len(byte) == 1 else None
    return name is not None and name in font.face.glyphNames


def fallback_runs(text: str, font: str, fallback: str) -> Iterator[tuple[str, str]]:
    """`text` cut into (font, text) runs, each character in `drawable`'s font."""
    run, run_font = "", font
    for ch in text:
        this = drawable(font, ch, fallback)
        if run and this != run_font:
            yield run_font, run
            run = ""
        run_font = this
        run += ch
    if run:
        yield run_font, run


def drawable(font: str, ch: str, fallback: str) -> str:
    """The font to draw `ch` with: `font` when it has the glyph, else `fallback` when that has
    it, else `font`."""
    return font if has_glyph(font, ch) or not _usable(fallback, ch) else fallback


def _usable(fallback: str, ch: str) -> bool:
    try:
        pdfmetrics.getFont(fallback)
    except KeyError:  # not installed, never registered: no fallback
        return False
    return has_glyph(fallback, ch)
