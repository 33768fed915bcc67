"""What the reportlab generators of the matrix draw in a font that has no glyph for it.

Each generator is run on each development document with reportlab's text output recorded (every
string a text object writes, with the font it is set in: headers and footers included), and
each character is checked against that font's coverage (tests/glyphs.py). A character listed
here does not reach the PDF as itself (reportlab writes the font's .notdef, CID 0 or '■').

`python tests/producers/glyph_report.py [--docs NAME,...]` prints one line per generator,
document, language and character; "none" when the generator draws every character.
The producers that rewrite these PDFs (cairo, ghostscript) inherit what they hold; LibreOffice
and Chromium fall back to installed fonts themselves.
"""

from __future__ import annotations

import sys
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

if __name__ == "__main__":  # run as a script: tests/ and the repository on the path
    sys.path[:0] = [str(Path(__file__).resolve().parents[1]),
                    str(Path(__file__).resolve().parents[2])]

from glyphs import has_glyph
from reportlab.pdfgen.textobject import PDFTextObject

from producers import reportlab_columns, reportlab_plain, reportlab_scaled, unmapped
from producers.base import Job
from producers.documents import DEV_DOCS, Doc

GENERATORS: dict[str, Callable[[list[Job], Path], None]] = {
    reportlab_plain.NAME: reportlab_plain.make,
    reportlab_scaled.NAME: reportlab_scaled.make,
    reportlab_columns.NAME: reportlab_columns.make,
    unmapped.NAME_PUA: unmapped.make_pua,
    unmapped.NAME_COMPAT: unmapped.make_compat,
}


@contextmanager
def _recording() -> Iterator[list[tuple[str, str]]]:
    """Every (font, text) a reportlab text object writes while the context is open."""
    drawn: list[tuple[str, str]] = []
    original = PDFTextObject._formatText

    def record(self: PDFTextObject, text: str | bytes) -> str:
        drawn.append((self._fontname, text.decode("utf-8") if isinstance(text, bytes) else text))
        return str(original(self, text))

    PDFTextObject._formatText = record
    try:
        yield drawn
    finally:
        PDFTextObject._formatText = original


def undrawable(generator: str, doc: Doc, lang: str, work: Path) -> Counter[tuple[str, str]]:
    """(character, font) -> how often `generator` draws `doc` in `lang` with a font that has no
    glyph for the character."""
    with _recording() as drawn:
        GENERATORS[generator]([Job(doc, lang, work / f"{doc.name}.{lang}.pdf")], work)
    return Counter((ch, font) for font, text in drawn for ch in text
                   if not has_glyph(font, ch))


def main(argv: Sequence[str]) -> int:
    names = {d.name for d in DEV_DOCS}
    if argv[:1] == ["--docs"] and len(argv) == 2:
        names = set(argv[1].split(","))
    with tempfile.TemporaryDirectory() as tmp:
        for generator in GENERATORS:
            for doc in (d for d in DEV_DOCS if d.name in names):
                for lang in ("zh", "en"):
                    lost = undrawable(generator, doc, lang, Path(tmp))
                    if not lost:
                        print(f"{generator}\t{doc.name}\t{lang}\tnone")
                    for (ch, font), n in sorted(lost.items()):
                        print(f"{generator}\t{doc.name}\t{lang}\tU+{ord(ch):04X} "
                              f"{unicodedata.name(ch, '?')} ({ch}) x{n} in {font}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
