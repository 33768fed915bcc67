"""Producer `reportlab-1tf`: what Word + Acrobat Distiller write (and cairo, and many others).

Every glyph is drawn on its own at `1 Tf` under a text matrix scaled to the font size
(`10 0 0 10 x y Tm`, so PDFium's `FPDFText_GetFontSize` says 1.0), positioned absolutely (a
justified line's extra space is in the positions, never in `Tc`/`Tw`), a space glyph is drawn
before each Chinese character (as the real Distiller UN PDFs have: "联 合 国" in the text layer;
the layout leaves room for it, `Layout.zh_track`, so the Chinese is letter-spaced by 0.26 em),
and the fonts are embedded TrueType subsets (WenQuanYi Micro Hei, DejaVu Serif) as Distiller
embeds SimSun and Times New Roman. The layout is `pdfgen`'s with its own margins and job number.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from glyphs import DEJAVU
from pdfgen import WQY, Layout, render_pdf
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas
from reportlab.pdfgen.textobject import PDFTextObject

from producers.base import Job

NAME = "reportlab-1tf"
TRACK = 0.26  # em before each wide character: the width of WenQuanYi's space glyph
LAYOUT = Layout(
    "distiller", margin_left=68, margin_right=68, margin_top=70, margin_bottom=74,
    en_font="DejaVuSerif", en_bold="DejaVuSerif-Bold", zh_font="WQY", size=10.0, leading=12.5,
    job="K2301234(C)", zh_track=TRACK,
)


def missing() -> str | None:
    """Why this producer cannot run here, or None."""
    for font in (WQY, DEJAVU / "DejaVuSerif.ttf", DEJAVU / "DejaVuSerif-Bold.ttf"):
        if not font.exists():
            return f"{font} not installed (fonts-wqy-microhei, fonts-dejavu-core)"
    return None


def _wide(ch: str) -> bool:
    return ord(ch) >= 0x2E80  # as pdfgen tracks them: Chinese characters and punctuation


class GlyphText(PDFTextObject):  # type: ignore[misc]
    """A text object that draws each glyph at 1 Tf with its own scaled `Tm`."""

    def __init__(self, canv: canvas.Canvas, x: float = 0, y: float = 0, **kw: Any) -> None:
        super().__init__(canv, x, y, **kw)
        self._pen = (x, y)
        self._cs = self._ws = 0.0
        self.setFont(canv._fontname, canv._fontsize)  # drawString: the canvas's font, at 1 Tf

    def setFont(self, psfontname: str, size: float, leading: float | None = None) -> None:
        self._size = size
        super().setFont(psfontname, 1, 1)

    def setCharSpace(self, charSpace: float) -> None:
        self._cs = charSpace

    def setWordSpace(self, wordSpace: float) -> None:
        self._ws = wordSpace

    def _glyph(self, ch: str, x: float, y: float) -> None:
        s = self._size
        self._code.append(f"{s:.4g} 0 0 {s:.4g} {x:.3f} {y:.3f} Tm {self._formatText(ch)}")

    def textOut(self, text: str) -> None:
        x, y = self._pen
        for ch in text:
            if _wide(ch):  # a space glyph in the room pdfgen leaves before the character
                self._glyph(" ", x, y)
                x += TRACK * self._size
            width = pdfmetrics.stringWidth(ch, self._fontname, self._size)
            self._glyph(ch, x, y)
            x += width + self._cs + (self._ws if ch == " " else 0.0)
        self._pen = (x, y)

    def textLine(self, text: str = "") -> None:
        start = self._pen
        self.textOut(text)
        self._pen = (start[0], start[1] - self._leading)


class GlyphCanvas(canvas.Canvas):  # type: ignore[misc]
    """A canvas whose text objects (drawString and friends included) are `GlyphText`."""

    def beginText(self, x: float = 0, y: float = 0, direction: str | None = None) -> GlyphText:
        return GlyphText(self, x, y, direction=direction)


def make(jobs: list[Job], work: Path) -> None:
    """Draw each job's document with `GlyphCanvas`."""
    for job in jobs:  # pdfgen registers DejaVu Serif (tests/glyphs.py's fallback faces)
        layout = replace(LAYOUT, symbol=job.doc.symbol)
        render_pdf(job.doc.items(job.lang), job.lang, layout, job.out, canvas_class=GlyphCanvas)
