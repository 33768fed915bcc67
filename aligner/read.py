"""Read any supported document into a cleaned `Document` (the one entry point for readers).

The format comes from the content first (`readers/sniff.py`: a PDF, RTF, .docx, .odt, flat
.fodt, Word 97-2003 or HTML file is recognised by its first bytes whatever its name), then from
the extension; anything else is plain text (UTF-8, UTF-8 BOM, UTF-16 BOM, GB18030/GBK).

| format | reader |
|---|---|
| `.docx` | `readers/docx.py` (headers and footers are furniture) |
| `.odt`, `.fodt` | `readers/odt.py` |
| `.rtf` | `readers/rtf.py` |
| `.doc` (Word 97-2003) | converted by LibreOffice (`readers/doc.py`), then read as .docx |
| `.html`, `.htm`, `.xhtml` | `readers/html.py`; a web page's site around the text is furniture |
| `.pdf` | the text layer read with its layout (`readers/pdf.py`) |

The text must be in the language it is given as.
"""

from __future__ import annotations

from pathlib import Path

from untm.aligner.clean import CleanedText, build_paragraphs
from untm.aligner.language import check_language
from untm.aligner.model import NOTE_KINDS, Document
from untm.errors import InputError

LANGS = ("zh", "en")


#: format by extension, when the content has no signature of its own
EXTENSIONS = {
    ".docx": "docx",
    ".odt": "odt",
    ".fodt": "fodt",
    ".rtf": "rtf",
    ".doc": "doc",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
}


def document_format(path: str | Path) -> str:
    """The format untm reads `path` as: its content's signature, else its extension, else text."""
    from untm.aligner.readers.sniff import sniff_file

    return sniff_file(path) or EXTENSIONS.get(Path(path).suffix.lower(), "text")


def _read(name: str, lang: str, fmt: str) -> tuple[CleanedText, str, tuple[str, ...]]:
    """Cleaned paragraphs and furniture of the file, the encoding its text was in, and what a
    user should know of how it was read (a PDF's reading notes)."""
    if fmt == "docx":
        from untm.aligner.readers.docx import read_docx

        blocks, furniture = read_docx(name, lang)
        return build_paragraphs(blocks, lang, furniture), "utf-8", ()
    if fmt in ("odt", "fodt"):
        from untm.aligner.readers.odt import read_odt

        blocks, furniture = read_odt(name, lang)
        return build_paragraphs(blocks, lang, furniture), "utf-8", ()
    if fmt == "rtf":
        from untm.aligner.readers.rtf import read_rtf

        rtf = read_rtf(name, lang)
        return build_paragraphs(rtf.blocks, lang, rtf.furniture), rtf.encoding, ()
    if fmt == "doc":
        from untm.aligner.readers.doc import converted_to_docx
        from untm.aligner.readers.docx import read_docx

        with converted_to_docx(name) as docx_path:
            try:
                blocks, furniture = read_docx(docx_path, lang)
            except InputError as exc:  # name the user's file, not the temporary .docx
                raise type(exc)(f"after conversion to .docx: {exc.message}", path=name) from exc
        return build_paragraphs(blocks, lang, furniture), "utf-8", ()
    if fmt == "html":
        from untm.aligner.readers.html import read_html

        blocks, furniture = read_html(name, lang)
        return build_paragraphs(blocks, lang, furniture), "utf-8", ()
    if fmt == "pdf":
        from untm.aligner.readers.pdf import read_pdf

        reading = read_pdf(name, lang)
        return reading.cleaned, "utf-8", reading.notes
    from untm.aligner.readers.text import read_text_file

    return (*read_text_file(name, lang), ())


def _refuse_empty(cleaned: CleanedText, lang: str, name: str) -> None:
    """Refuse a document that has no paragraphs. Where all its text was left out as furniture
    (every line of every page taken for a running header, as a few repeated lines of a PDF
    are), that text is language-checked first: a document in another language is refused as
    such, as it would be with one body line more; else the error says where its text went."""
    kept = [f.text for f in cleaned.furniture if f.kind not in NOTE_KINDS]
    if not kept:
        raise InputError("the document is empty (no text after cleaning)", path=name)
    check_language("\n".join(kept), lang, path=name)
    raise InputError(
        "the document is empty (no text after cleaning: all its text was read as page "
        f"furniture, {len(kept)} item{'s' * (len(kept) > 1)} such as running headers)",
        path=name,
    )


def read_document(path: str | Path, lang: str) -> Document:
    """Read, clean and language-check one document."""
    name = str(path)
    if lang not in LANGS:
        raise InputError(
            f"unsupported language {lang!r} (use one of: {', '.join(LANGS)})", path=name
        )
    cleaned, encoding, notes = _read(name, lang, document_format(name))
    if not cleaned.paragraphs:
        _refuse_empty(cleaned, lang, name)
    check_language("\n".join(p.text for p in cleaned.paragraphs), lang, path=name)
    return Document(
        path=name,
        lang=lang,
        paragraphs=cleaned.paragraphs,
        furniture=cleaned.furniture,
        encoding=encoding,
        notes=notes,
    )
