"""Producers `unmapped-pua` and `unmapped-compat`: Chinese text layers whose ToUnicode maps do
not give the ordinary characters (reportlab, WenQuanYi Micro Hei as embedded TrueType subsets,
their ToUnicode CMaps rewritten as they are written):

- `unmapped-pua`: every Chinese character and mark maps to the Private Use Area, as PDFs made
  from symbol-encoded or custom-encoded fonts do: no Unicode meaning (the error path: "the
  Chinese text layer of X.pdf has no Unicode mapping for …% of its characters").
- `unmapped-compat`: each character that has a Kangxi radical (U+2F00–U+2FD5) or a CJK
  compatibility ideograph (U+F900–U+FAFF) whose NFKC form it is maps to that form (一 → ⼀,
  不 → 不); NFKC gives the text back, so its gold is the document's gold.

Latin text is drawn in the standard Times fonts and keeps its meaning."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import cache
from pathlib import Path

from pdfgen import LAYOUTS, WQY, render_pdf
from reportlab.pdfbase import ttfonts

from producers.base import Job

NAME_PUA = "unmapped-pua"
NAME_COMPAT = "unmapped-compat"
LAYOUT = replace(LAYOUTS[0], name="unmapped", zh_font="WQY", job="23-07777 (C)")


def missing() -> str | None:
    """Why these producers cannot run here, or None."""
    return None if WQY.exists() else f"{WQY} not installed (fonts-wqy-microhei)"


@cache
def compat_forms() -> dict[str, str]:
    """Each character that a Kangxi radical or a CJK compatibility ideograph normalises to
    (NFKC), with the first such form."""
    out: dict[str, str] = {}
    for cp in [*range(0x2F00, 0x2FD6), *range(0xF900, 0xFB00)]:
        form = chr(cp)
        plain = unicodedata.normalize("NFKC", form)
        if len(plain) == 1 and plain != form and "\u4e00" <= plain <= "\u9fff":
            out.setdefault(plain, form)
    return out


def _pua(ch: str) -> str:
    return chr(0xE000 + ord(ch) % 0x1900) if ord(ch) >= 0x2E80 else ch


def _compat(ch: str) -> str:
    return compat_forms().get(ch, ch)


@contextmanager
def _tounicode(mapping: Callable[[str], str]) -> Iterator[None]:
    original = ttfonts.makeToUnicodeCMap

    def make_cmap(fontname: str, subset: list[int]) -> str:
        return str(original(fontname, [ord(mapping(chr(cp))) for cp in subset]))

    ttfonts.makeToUnicodeCMap = make_cmap
    try:
        yield
    finally:
        ttfonts.makeToUnicodeCMap = original


def _make(jobs: list[Job], mapping: Callable[[str], str]) -> None:
    with _tounicode(mapping):
        for job in jobs:
            layout = replace(LAYOUT, symbol=job.doc.symbol)
            render_pdf(job.doc.items(job.lang), job.lang, layout, job.out)


def make_pua(jobs: list[Job], work: Path) -> None:
    """Chinese mapped to the Private Use Area."""
    _make(jobs, _pua)


def make_compat(jobs: list[Job], work: Path) -> None:
    """Chinese mapped to Kangxi radicals and CJK compatibility ideographs where they exist."""
    _make(jobs, _compat)
