"""What format a file really is, from its first bytes (and, for a zip, its member names), never
from its name alone: download sites serve RTF, HTML and .docx files named `.doc`.

Formats: `pdf`, `rtf`, `docx`, `odt`, `fodt` (flat OpenDocument XML), `doc` (an OLE2 compound
file: Word 97-2003), `html`; `None` when the content has no signature (plain text, or a format
the extension must tell).
"""

from __future__ import annotations

import codecs
import io
import stat
import zipfile
import zlib
from pathlib import Path

from untm.fileio import read_bytes_checked

HEAD_BYTES = 4096
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODF_TEXT = b"application/vnd.oasis.opendocument.text"  # and -template, -master
_HTML_TAGS = ("<!doctype html", "<html", "<body")
#: an OpenDocument `mimetype` member is one short line (about 40 bytes); a longer one is not
#: OpenDocument's, and is never inflated here: the sniffer runs before the readers' zip limits
MAX_MIMETYPE_BYTES = 256


def _text_head(head: bytes) -> str:
    """The start of the file as lower-case text without BOM and leading white space."""
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, "ignore").lstrip().lower()
    return head.removeprefix(codecs.BOM_UTF8).decode("latin-1").lstrip().lower()


def sniff_bytes(head: bytes) -> str | None:
    """The format the first bytes of a file show; "zip" for any zip archive."""
    if head.startswith(OLE2):
        return "doc"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.lstrip(b"\x00\t\r\n \xef\xbb\xbf").startswith(b"%PDF-"):
        return "pdf"
    text = _text_head(head)
    if text.startswith("{\\rtf"):
        return "rtf"
    if text.startswith("<?xml"):
        if "<office:document" in text or "urn:oasis:names:tc:opendocument:xmlns:office" in text:
            return "fodt"
        return "html" if "<html" in text else None
    if text.startswith("<") and any(tag in text for tag in _HTML_TAGS):
        return "html"
    return None


def _odf_text_mimetype(zf: zipfile.ZipFile) -> bool:
    """Whether the archive's `mimetype` member names OpenDocument text, read with a bound: a
    member that declares (or inflates to) more than `MAX_MIMETYPE_BYTES` is not one."""
    if zf.getinfo("mimetype").file_size > MAX_MIMETYPE_BYTES:
        return False
    with zf.open("mimetype") as fh:
        mimetype = fh.read(MAX_MIMETYPE_BYTES + 1)
    mimetype = mimetype.strip()
    return len(mimetype) <= MAX_MIMETYPE_BYTES and (not mimetype or mimetype.startswith(_ODF_TEXT))


def _zip_kind(data: bytes) -> str | None:
    """`docx` or `odt` from the members of a zip archive (None when it is neither)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "content.xml" in names:
                return "odt" if "mimetype" not in names or _odf_text_mimetype(zf) else None
    except (
        zipfile.BadZipFile,
        zlib.error,  # a corrupt member; the reader then says which
        RuntimeError,  # an encrypted member
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
        KeyError,
    ):
        return None
    return None


def sniff_file(path: str | Path) -> str | None:
    """The format of the file at `path` from its content (see the module's doc)."""
    p = Path(path)
    try:
        regular = stat.S_ISREG(p.stat().st_mode)
        if regular:
            with p.open("rb") as fh:
                head = fh.read(HEAD_BYTES)
    except OSError:
        regular = False
    if not regular:
        read_bytes_checked(p)  # raises the right InputError (missing, a folder, a device …)
        return None
    kind = sniff_bytes(head)
    if kind == "zip":
        return _zip_kind(read_bytes_checked(p))
    return kind
