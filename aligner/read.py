"""Read any supported document into a cleaned `Document` (the one entry point for readers).

Format from the extension: `.docx`, `.html`/`.htm`/`.xhtml`, `.pdf` (the text layer read with its
layout: `readers/pdf.py`), anything else is plain text
(UTF-8, UTF-8 BOM, UTF-16 BOM, GB18030/GBK). The text must be in the language it is given as.
"""

from __future__ import annotations

from pathlib import Path

from untm.aligner.clean import CleanedText, build_paragraphs
from untm.aligner.language import check_language
from untm.aligner.model import Document
from untm.errors import InputError

LANGS = ("zh", "en")


def read_document(path: str | Path, lang: str) -> Document:
    """Read, clean and language-check one document."""
    name = str(path)
    if lang not in LANGS:
        raise InputError(
            f"unsupported language {lang!r} (use one of: {', '.join(LANGS)})", path=name
        )
    suffix = Path(name).suffix.lower()
    encoding = "utf-8"
    if suffix == ".docx":
        from untm.aligner.readers.docx import read_docx

        blocks, furniture = read_docx(name, lang)
        cleaned: CleanedText = build_paragraphs(blocks, lang, furniture)
    elif suffix in (".html", ".htm", ".xhtml"):
        from untm.aligner.readers.html import read_html_blocks

        cleaned = build_paragraphs(read_html_blocks(name, lang), lang)
    elif suffix == ".pdf":
        from untm.aligner.readers.pdf import read_pdf_blocks

        blocks, furniture = read_pdf_blocks(name, lang)
        cleaned = build_paragraphs(blocks, lang, furniture)
    else:
        from untm.aligner.readers.text import read_text_file

        cleaned, encoding = read_text_file(name, lang)
    if not cleaned.paragraphs:
        raise InputError("the document is empty (no text after cleaning)", path=name)
    check_language("\n".join(p.text for p in cleaned.paragraphs), lang, path=name)
    return Document(
        path=name,
        lang=lang,
        paragraphs=cleaned.paragraphs,
        furniture=cleaned.furniture,
        encoding=encoding,
    )
