"""What every PDF read by untm must satisfy (issue 16), checked against poppler's `pdftotext`
of the same file read by untm's text path: one checker for the property tests
(tests/test_pdf_properties.py) and the benchmark (bench/bench_pdf_producers.py).

Properties of one PDF in one language (`check_pdf`):
- no crash: reading and segmenting raise nothing but untm's typed errors;
- no segment explosion: segments per 1,000 (non-space) characters within 15% of the text path's
  on `pdftotext` output of the same file (or within one segment of it, for files so short that
  one segment is more than 15%);
- nothing lost: at least 99.5% of `pdftotext`'s non-space characters (a multiset, both sides
  NFKC-normalised) are in the segments or in the furniture report;
- no space between two Han characters in any segment;
- time: CPU seconds per page (read + segment), ≤ 2 s worst case — reported, and checked by the
  benchmark only (timing targets are never unit tests here).
When untm stops with a typed error and the text path reads the file (≥ 20 characters), that is a
failure too (`refused`); when both refuse it, only "no crash" applies. Where pdftotext's text is
not in the language (the text path refuses it: poppler misread the fonts), the character count
is not compared.

`score_pair` aligns a (zh, en) pair and scores its units against gold (strict: `untm.goldscore`,
all white space removed), for untm's PDF reader or for `pdftotext` (+ `-layout`) output.

pdftotext is Debian poppler-utils (GPL), used here as a measuring stick only, never by untm.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from untm.aligner.glyphforms import LOST
from untm.aligner.language import HAN_CLASS
from untm.aligner.model import NOTE_KINDS
from untm.errors import UntmError
from untm.goldscore import UnitScore

DENSITY_TOLERANCE = 0.15
COVERAGE_MIN = 0.995
SECONDS_PER_PAGE_MAX = 2.0
MIN_TEXT = 20  # fewer non-space characters than this is "no text layer" (readers/pdf.py)
HAN_GAP = re.compile(rf"{HAN_CLASS}\s+{HAN_CLASS}")


def has_pdftotext() -> bool:
    return shutil.which("pdftotext") is not None


def pdftotext(pdf: Path, out: Path, *, layout: bool = False) -> Path:
    """`pdftotext -enc UTF-8 [-layout] pdf out`."""
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(pdf), str(out)]
    subprocess.run(args, check=True, capture_output=True, timeout=300)
    return out


def _chars(text: str) -> Counter[str]:
    """Non-space characters, NFKC (and CJK radicals of the supplement as the ideographs they
    stand for, `aligner.glyphforms`, which NFKC leaves); control and format characters are not
    text (untm removes and counts them as `control-char` furniture)."""
    from untm.aligner.glyphforms import ordinary_forms

    text = ordinary_forms(text)[0]
    return Counter(c for c in unicodedata.normalize("NFKC", text)
                   if not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf"))


@dataclass(frozen=True)
class Reading:
    """A file read and segmented by untm (PDF reader or text path), or the error it gave."""

    segments: tuple[str, ...] = ()
    furniture: tuple[str, ...] = ()  # the removed text, one item a string
    error: str | None = None  # a typed untm error (one line)
    crash: str | None = None  # anything else: a bug
    cpu_seconds: float = 0.0

    @property
    def chars(self) -> int:
        return sum(len(s) - s.count(" ") for s in self.segments)

    @property
    def density(self) -> float:
        """Segments per 1,000 non-space characters."""
        return 1000 * len(self.segments) / self.chars if self.chars else 0.0


def read(path: Path, lang: str) -> Reading:
    """Read and segment `path` as users' `untm align` does."""
    from untm.aligner.read import read_document
    from untm.aligner.segment import segment_document

    start = time.process_time()
    try:
        doc = read_document(path, lang)
        segments = segment_document(doc)
    except UntmError as exc:
        return Reading(error=str(exc).splitlines()[0],
                       cpu_seconds=time.process_time() - start)
    except Exception as exc:  # any other exception is what the property "no crash" is about
        return Reading(crash=f"{type(exc).__name__}: {exc}"[:300],
                       cpu_seconds=time.process_time() - start)
    return Reading(tuple(s.text for s in segments),
                   tuple(f.text for f in doc.furniture if f.kind not in NOTE_KINDS),
                   cpu_seconds=time.process_time() - start)


def pdf_pages(path: Path) -> int:
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return 0
    try:
        return len(doc)
    finally:
        doc.close()


@dataclass(frozen=True)
class PdfProperties:
    """The properties of one PDF read in one language, with what they were measured from."""

    name: str
    lang: str
    pages: int
    untm: Reading
    text: Reading | None  # the text path on pdftotext output; None without pdftotext
    pdftotext_chars: int
    coverage: float | None  # share of pdftotext's characters found (None: nothing to compare)
    missing: str  # a sample of the characters not found
    han_gaps: int  # segments with a space between two Han characters

    @property
    def seconds_per_page(self) -> float:
        return self.untm.cpu_seconds / self.pages if self.pages else self.untm.cpu_seconds

    @property
    def density_ratio(self) -> float | None:
        """untm's segments per 1,000 characters over the text path's."""
        if self.text is None or not self.text.density or not self.untm.density:
            return None
        return self.untm.density / self.text.density

    def failures(self, *, timing: bool = False) -> list[str]:
        """Each property broken, as a phrase (empty: all hold)."""
        out: list[str] = []
        if self.untm.crash:
            out.append(f"crash: {self.untm.crash}")
        if (self.untm.error and self.text is not None and self.text.error is None
                and self.pdftotext_chars >= MIN_TEXT):
            out.append(f"refused a file the text path reads: {self.untm.error}")
        ratio = self.density_ratio
        if ratio is not None and self.text is not None:
            # the text path's density on untm's characters; a segment's worth of slack (a
            # one-page file has a handful of segments, one of them is more than 15%)
            expected = self.text.density * self.untm.chars / 1000
            if abs(len(self.untm.segments) - expected) > max(DENSITY_TOLERANCE * expected, 1.0):
                out.append(f"segment density {self.untm.density:.1f} per 1,000 characters "
                           f"against {self.text.density:.1f} through pdftotext (x{ratio:.2f})")
        if self.coverage is not None and self.coverage < COVERAGE_MIN:
            out.append(f"{self.coverage:.2%} of pdftotext's characters kept "
                       f"(missing e.g. {self.missing!r})")
        if self.han_gaps:
            out.append(f"{self.han_gaps} segments with a space between Han characters")
        if timing and self.seconds_per_page > SECONDS_PER_PAGE_MAX:
            out.append(f"{self.seconds_per_page:.2f} CPU s per page")
        return out

    def row(self) -> dict[str, object]:
        """The measurements, for a results file."""
        return {
            "name": self.name, "lang": self.lang, "pages": self.pages,
            "segments": len(self.untm.segments), "chars": self.untm.chars,
            "density": round(self.untm.density, 2),
            "text_density": round(self.text.density, 2) if self.text else None,
            "density_ratio": None if self.density_ratio is None else round(self.density_ratio, 3),
            "pdftotext_chars": self.pdftotext_chars,
            "coverage": None if self.coverage is None else round(self.coverage, 5),
            "missing": self.missing, "han_gaps": self.han_gaps,
            "cpu_s_per_page": round(self.seconds_per_page, 3),
            "error": self.untm.error, "crash": self.untm.crash,
            "text_error": self.text.error if self.text else None,
            "failures": self.failures(timing=True),
        }


def check_pdf(path: Path, lang: str, name: str = "") -> PdfProperties:
    """Read `path` with untm and (when installed) through pdftotext + the text path; compare."""
    untm = read(path, lang)
    pages = pdf_pages(path)
    text: Reading | None = None
    reference: Counter[str] = Counter()
    if has_pdftotext():
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / f"{path.stem}.txt"
            try:
                pdftotext(path, out)
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
                text = Reading(error=f"pdftotext failed: {exc}")
            else:
                reference = _chars(out.read_text(encoding="utf-8", errors="replace"))
                text = read(out, lang)
    coverage, missing = None, ""
    usable = text is not None and text.error is None  # pdftotext's text is in the language
    if reference and usable and untm.error is None and untm.crash is None:
        found = _chars("".join(untm.segments) + "".join(untm.furniture))
        lost = reference - found
        lost -= _symbols_read(lost, found - reference)
        # a U+FFFD of the reading is a glyph whose character the layer does not say: it stands
        # for the one pdftotext gives there, whatever pdftotext made of it; a symbol font's
        # private-use code that untm read as its character is that glyph (`_symbols_read`)
        gone = max(0, sum(lost.values()) - found[LOST])
        coverage = 1 - gone / sum(reference.values())
        missing = "".join(c for c, _ in lost.most_common(12))
    han_gaps = sum(1 for s in untm.segments if HAN_GAP.search(s))
    return PdfProperties(name or path.name, lang, pages, untm, text,
                         sum(reference.values()), coverage, missing, han_gaps)


def _symbols_read(lost: Counter[str], extra: Counter[str]) -> Counter[str]:
    """The characters pdftotext gives that the reading lacks (`lost`, with how many) that are a
    symbol font's private-use codes (Word's U+F0B7 bullet) the reading holds as their characters
    instead (`aligner.pdflayout.symbolfonts`: "•" for U+F0B7): each counted against a character
    the reading holds more of than pdftotext (`extra`), so that no character of the reading
    stands for two glyphs. pdftotext prints the code, untm the character: the same glyph, kept.
    (The code's font is not known here: a code is counted kept where untm holds a character
    any table gives it.)"""
    from untm.aligner.pdflayout.symbolfonts import CODES, characters_of

    spare = Counter(extra)
    read: Counter[str] = Counter()
    for code, count in lost.items():
        if not CODES.fullmatch(code):
            continue
        for ch in characters_of(code):
            took = min(count, spare[ch])
            spare[ch] -= took
            count -= took
            read[code] += took
    return read


@dataclass(frozen=True)
class PairScore(UnitScore):
    """Units of an aligned pair against gold (precision, recall, F1 of `UnitScore`), with the
    typed error that stopped the alignment and the time it took."""

    error: str | None = None
    seconds: float = 0.0


def score_pair(zh: Path, en: Path, gold: list[tuple[str, str]], *, segtype: str = "sentence",
               mode: str = "best") -> PairScore:
    """Align (zh, en) as `untm align` does and score the units against `gold`; a typed error
    scores nothing (and is kept)."""
    from untm.pipeline import AlignOptions, align_files, score_units, to_units

    start = time.perf_counter()
    try:
        result = align_files(zh, en, AlignOptions(mode=mode, segtype=segtype))
    except UntmError as exc:
        return PairScore(0, 0, len(gold), str(exc).splitlines()[0],
                         round(time.perf_counter() - start, 2))
    units = [(u.source, u.target) for u in to_units(result, source_name=zh.name)]
    score = score_units(units, gold)
    return PairScore(score.matched, score.produced, score.gold,
                     seconds=round(time.perf_counter() - start, 2))


def score_pdftotext(zh: Path, en: Path, gold: list[tuple[str, str]], tmp: Path, *,
                    layout: bool = False, segtype: str = "sentence",
                    mode: str = "best") -> PairScore:
    """The same pair converted by pdftotext (`-layout` when asked), then the text path."""
    tag = "layout" if layout else "plain"
    z = pdftotext(zh, tmp / f"{zh.parent.name}.{zh.stem}.{tag}.txt", layout=layout)
    e = pdftotext(en, tmp / f"{en.parent.name}.{en.stem}.{tag}.txt", layout=layout)
    return score_pair(z, e, gold, segtype=segtype, mode=mode)
