"""Every reader of outside input, by kind, with the file suffix each kind takes.

One table for the fuzz tests (`test_fuzz.py`) and the hostile-XML tests (`test_hostile_xml.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from untm.aligner.alignfile import read_align
from untm.aligner.model import Document
from untm.aligner.read import read_document
from untm.aligner.srx import load_srx
from untm.glossary.tabular import read_table
from untm.glossary.tbx import read_tbx
from untm.tmx.tmx14 import read_tmx
from untm.tmx.validate import validate_tmx
from untm.tmx.xliff import read_xliff


def read_zh_document(path: Path) -> Document:
    """A .txt, .docx, .odt, .fodt, .rtf, .html or .pdf document read as Chinese."""
    return read_document(path, "zh")


READERS: dict[str, Callable[[Path], Any]] = {
    "text": read_zh_document,
    "docx": read_zh_document,
    "odt": read_zh_document,
    "fodt": read_zh_document,
    "rtf": read_zh_document,
    "html": read_zh_document,
    "pdf": read_zh_document,
    "tmx": read_tmx,
    "tmx-validate": validate_tmx,
    "tbx": read_tbx,
    "xliff": read_xliff,
    "srx": load_srx,
    "align": read_align,
    "table": read_table,
}

SUFFIXES: dict[str, str] = {
    "text": ".txt",
    "docx": ".docx",
    "odt": ".odt",
    "fodt": ".fodt",
    "rtf": ".rtf",
    "html": ".html",
    "pdf": ".pdf",
    "tmx": ".tmx",
    "tmx-validate": ".tmx",
    "tbx": ".tbx",
    "xliff": ".xlf",
    "srx": ".srx",
    "align": ".align",
    "table": ".tsv",
}
