"""Plain-text (and PDF-extracted text) reader: bytes → decoded text → cleaned paragraphs."""

from __future__ import annotations

from pathlib import Path

from untm.aligner.clean import CleanedText, clean_plain_text
from untm.aligner.encoding import decode_bytes
from untm.fileio import read_bytes_checked


def read_text_file(path: str | Path, lang: str) -> tuple[CleanedText, str]:
    """Read a text file; return its cleaned paragraphs and the encoding that decoded it."""
    data = read_bytes_checked(path)
    decoded = decode_bytes(data, name=str(path))
    return clean_plain_text(decoded.text, lang), decoded.encoding
