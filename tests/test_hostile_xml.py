"""XML from outside (TMX, TBX, DOCX, SRX, XLIFF, HTML): external entities are never resolved (no
file read, no network), entity expansion fails fast, zip bombs are refused by size limits, and
malformed files get a clear error with the line number.

A secret file with a unique token stands in for /etc/passwd, so a leak cannot go unseen; the kept
files in `tests/data/hostile/bad/` point at the real /etc/passwd.
"""

from __future__ import annotations

import io
import socket
import struct
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from input_readers import read_zh_document
from typer.testing import CliRunner

from untm.aligner.srx import load_srx
from untm.cli import app
from untm.errors import FormatError, InputError, UnsafeInputError, UntmError
from untm.glossary.tbx import read_tbx
from untm.tmx.tmx14 import read_tmx
from untm.tmx.validate import validate_tmx
from untm.tmx.xliff import read_xliff

BAD = REPO / "tests" / "data" / "hostile" / "bad"
TOKEN = "SECRET-7f3a9c-never-leak"
PASSWD_MARK = "root:x:0:0"


def _validate_tmx(p: Path) -> list[str]:
    """TMX validation as a reader: problems raise, like the other readers' errors."""
    problems = validate_tmx(p)
    if problems:
        raise FormatError("; ".join(problems), path=p)
    return problems


READERS: dict[str, Callable[[Path], Any]] = {
    "tmx": read_tmx, "tmx-validate": _validate_tmx, "tbx": read_tbx, "xliff": read_xliff,
    "srx": load_srx, "docx": read_zh_document, "odt": read_zh_document, "fodt": read_zh_document,
}
ODF = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _body(kind: str, text: str) -> str:
    """A minimal well-formed document of `kind` whose one text slot holds `text`."""
    if kind in ("tmx", "tmx-validate"):
        return ('<tmx version="1.4"><header creationtool="x" creationtoolversion="1" '
                'segtype="sentence" o-tmf="x" adminlang="en-US" srclang="zh-CN" '
                'datatype="plaintext"/><body><tu><tuv xml:lang="zh-CN"><seg>秘书长</seg></tuv>'
                f'<tuv xml:lang="en-US"><seg>{text}</seg></tuv></tu></body></tmx>')
    if kind == "tbx":
        return ('<tbx type="TBX-Basic" style="dct" xml:lang="en" '
                'xmlns="urn:iso:std:iso:30042:ed-2"><text><body><conceptEntry id="c1">'
                f'<langSec xml:lang="en"><termSec><term>{text}</term></termSec></langSec>'
                '<langSec xml:lang="zh"><termSec><term>大会</term></termSec></langSec>'
                "</conceptEntry></body></text></tbx>")
    if kind == "xliff":
        return ('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
                '<file original="x" source-language="zh-CN" target-language="en-US" '
                f'datatype="plaintext"><body><trans-unit id="1"><source>{text}</source>'
                "<target>x</target></trans-unit></body></file></xliff>")
    if kind == "srx":
        return ('<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header '
                'segmentsubflows="yes" cascade="yes"/><body><languagerules><languagerule '
                f'languagerulename="zh"><rule break="yes"><beforebreak>{text}</beforebreak>'
                "<afterbreak>\\s</afterbreak></rule></languagerule></languagerules><maprules>"
                '<languagemap languagepattern=".*" languagerulename="zh"/></maprules></body></srx>')
    if kind == "docx":
        return (f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>秘书长的报告。{text}</w:t>'
                "</w:r></w:p></w:body></w:document>")
    if kind in ("odt", "fodt"):
        root = "office:document-content" if kind == "odt" else "office:document"
        return (f"<{root} {ODF}><office:body><office:text><text:p>秘书长的报告。{text}"
                f"</text:p></office:text></office:body></{root}>")
    raise AssertionError(kind)


def _root(kind: str) -> str:
    return {"tbx": "tbx", "xliff": "xliff", "srx": "srx", "docx": "w:document",
            "odt": "office:document-content", "fodt": "office:document"}.get(kind, "tmx")


def _docx_bytes(document_xml: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", document_xml)
    return buf.getvalue()


def _write(tmp: Path, kind: str, doctype: str, text: str, name: str = "doc") -> Path:
    xml = f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}{_body(kind, text)}\n'.encode()
    ext = {"tmx-validate": "tmx", "xliff": "xlf"}.get(kind, kind)
    path = tmp / f"{name}.{ext}"
    if kind == "odt":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            zf.writestr("content.xml", xml)
        path.write_bytes(buf.getvalue())
        return path
    path.write_bytes(_docx_bytes(xml) if kind == "docx" else xml)
    return path


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(f"{TOKEN}\n", encoding="utf-8")
    return path


def _outcome(reader: Callable[[Path], Any], path: Path) -> str:
    """Everything a caller could see: the parsed data or the error message."""
    try:
        return repr(reader(path))
    except UntmError as exc:
        return f"{type(exc).__name__}: {exc}"


@pytest.mark.parametrize("kind", sorted(READERS))
@pytest.mark.parametrize("style", ["general", "parameter", "in-attribute"])
def test_external_entities_never_resolved(kind: str, style: str, tmp_path: Path,
                                          secret: Path) -> None:
    url = secret.as_uri()
    root = _root(kind)
    if style == "general":
        doctype, text = f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "{url}">]>\n', "&xxe;"
    elif style == "parameter":
        doctype, text = f'<!DOCTYPE {root} [<!ENTITY % p SYSTEM "{url}"> %p;]>\n', "x"
    else:
        attlist = f'<!ATTLIST {root} a CDATA "&xxe;">'
        doctype = f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "{url}">{attlist}]>\n'
        text = "x"
    path = _write(tmp_path, kind, doctype, text)
    seen = _outcome(READERS[kind], path)
    assert TOKEN not in seen
    assert "entit" in seen.lower(), f"{kind}/{style}: not refused: {seen[:200]}"


def test_external_dtd_is_not_loaded(tmp_path: Path, secret: Path) -> None:
    """A DOCTYPE SYSTEM id is ignored (never read), the document itself parses."""
    path = _write(tmp_path, "tmx", f'<!DOCTYPE tmx SYSTEM "{secret.as_uri()}">\n', "ok")
    memory = read_tmx(path)
    assert [u.target for u in memory.units] == ["ok"]
    assert TOKEN not in repr(memory)


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(5)
    sock.settimeout(0.3)
    yield sock
    sock.close()


def _connections(sock: socket.socket) -> int:
    count = 0
    while True:
        try:
            conn, _ = sock.accept()
        except TimeoutError:
            return count
        conn.close()
        count += 1


@pytest.mark.parametrize("kind", ["tmx", "tbx", "xliff", "srx"])
def test_no_network_access(kind: str, tmp_path: Path, listener: socket.socket) -> None:
    port = listener.getsockname()[1]
    root = _root(kind)
    dtd = f'<!DOCTYPE {root} SYSTEM "http://127.0.0.1:{port}/x.dtd">\n'
    ent = f'<!DOCTYPE {root} [<!ENTITY n SYSTEM "http://127.0.0.1:{port}/n.txt">]>\n'
    for i, (doctype, text) in enumerate(((dtd, "x"), (ent, "&n;"))):
        _outcome(READERS[kind], _write(tmp_path, kind, doctype, text, name=f"net{i}"))
    assert _connections(listener) == 0


LAUGHS = "".join(
    ['<!DOCTYPE {root} [<!ENTITY lol "lol">']
    + [f'<!ENTITY lol{i} "' + ("&lol;" if i == 1 else f"&lol{i - 1};") * 10 + '">'
       for i in range(1, 10)]
    + ["]>\n"]
)


@pytest.mark.parametrize("kind", sorted(READERS))
@pytest.mark.parametrize("depth", [9, 3])
def test_entity_expansion_refused_fast(kind: str, depth: int, tmp_path: Path) -> None:
    """Billion laughs (depth 9) and a small one (depth 3, under libxml2's own limit) both fail."""
    path = _write(tmp_path, kind, LAUGHS.format(root=_root(kind)), f"&lol{depth};")
    started = time.perf_counter()
    with pytest.raises(UnsafeInputError, match="entit"):
        READERS[kind](path) if kind != "tmx-validate" else _strict_validate(path)
    assert time.perf_counter() - started < 3.0


def _strict_validate(path: Path) -> None:
    problems = validate_tmx(path)
    assert problems and "entit" in problems[0].lower(), problems
    raise UnsafeInputError(problems[0], path=path)


def test_quadratic_blowup_refused(tmp_path: Path) -> None:
    """One 50 kB entity referenced 2 000 times (100 MB) is refused before it expands."""
    doctype = '<!DOCTYPE tbx [<!ENTITY a "' + "a" * 50_000 + '">]>\n'
    path = _write(tmp_path, "tbx", doctype, "&a;" * 2000)
    started = time.perf_counter()
    with pytest.raises(UnsafeInputError):
        read_tbx(path)
    assert time.perf_counter() - started < 3.0


@pytest.mark.parametrize("name", sorted(p.name for p in BAD.glob("xxe_*")))
def test_kept_xxe_files_never_show_passwd(name: str, tmp_path: Path) -> None:
    path = BAD / name
    readers = {".tmx": read_tmx, ".tbx": read_tbx, ".xlf": read_xliff, ".srx": load_srx,
               ".docx": read_zh_document, ".html": read_zh_document}
    seen = _outcome(readers[path.suffix], path)
    assert PASSWD_MARK not in seen and "/bin/bash" not in seen and "nologin" not in seen


@pytest.mark.parametrize(
    "args",
    [["tmx", "stats", "{bad}/xxe_passwd.tmx"], ["tmx", "validate", "{bad}/xxe_passwd.tmx"],
     ["tmx", "convert", "{bad}/xxe_passwd.tmx", "-o", "{t}/o.tsv"],
     ["tm", "lookup", "秘书长", "--tm", "{bad}/xxe_passwd.tmx", "--no-cache"],
     ["glossary", "import", "{bad}/xxe_passwd.tbx"],
     ["align", "{bad}/xxe_passwd.docx", "{en}", "-o", "{t}/o.tmx"],
     ["segment", "{bad}/xxe_passwd.html", "--lang", "zh"]],
    ids=lambda a: " ".join(a[:2]),
)
def test_cli_never_shows_passwd(args: list[str], tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import SEED_EN

    monkeypatch.setenv("UNTM_GLOSSARY", str(tmp_path / "g.sqlite3"))
    argv = [a.format(bad=BAD, t=tmp_path, en=SEED_EN) for a in args]
    res = CliRunner().invoke(app, argv)
    seen = res.stdout + res.stderr + "".join(
        p.read_text(encoding="utf-8", errors="replace") for p in tmp_path.glob("o.*"))
    assert PASSWD_MARK not in seen and "nologin" not in seen, seen
    assert "Traceback" not in seen


# --- zip bombs and broken zips ------------------------------------------------------------------
def test_kept_zip_bomb_refused_quickly() -> None:
    started = time.perf_counter()
    with pytest.raises(UnsafeInputError, match="zip bomb"):
        read_zh_document(BAD / "zip_bomb.docx")
    assert time.perf_counter() - started < 2.0


def _lying_docx(real: bytes, declared: int) -> bytes:
    """A .docx whose word/document.xml header claims `declared` bytes but inflates to more."""
    data = bytearray(_docx_bytes(real))
    name = b"word/document.xml"
    for sig, name_at, size_at in ((b"PK\x03\x04", 26, 22), (b"PK\x01\x02", 28, 24)):
        i = data.find(sig)
        while i >= 0:
            nlen = struct.unpack_from("<H", data, i + name_at)[0]
            start = i + (30 if sig == b"PK\x03\x04" else 46)
            if bytes(data[start:start + nlen]) == name:
                struct.pack_into("<I", data, i + size_at, declared)
            i = data.find(sig, i + 4)
    return bytes(data)


def test_lying_zip_header_is_bounded(tmp_path: Path) -> None:
    """A member that claims 1 kB but inflates to 20 MB: only the declared bytes are read."""
    path = tmp_path / "lying.docx"
    path.write_bytes(_lying_docx(b"<a>" + b" " * (20 * 1024 * 1024) + b"</a>", 1000))
    started = time.perf_counter()
    with pytest.raises(InputError, match=r"corrupt|zip"):
        read_zh_document(path)
    assert time.perf_counter() - started < 2.0


def test_too_many_members_refused(tmp_path: Path) -> None:
    path = tmp_path / "many.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", _body("docx", "x"))
        for i in range(2100):
            zf.writestr(f"media/{i}.bin", b"")
    with pytest.raises(UnsafeInputError, match="members"):
        read_zh_document(path)


def _damaged_zip(how: str) -> bytes:
    data = bytearray(_docx_bytes(f'<?xml version="1.0"?>{_body("docx", "x")}'.encode()))
    if how == "version":  # central directory: "version needed to extract" 17.8
        at = data.find(b"PK\x01\x02", data.find(b"PK\x01\x02") + 4)
        struct.pack_into("<H", data, at + 6, 178)
    else:  # end record: central directory said to start 400 bytes later than it does
        at = data.find(b"PK\x05\x06")
        struct.pack_into("<I", data, at + 16, struct.unpack_from("<I", data, at + 16)[0] + 400)
    return bytes(data)


@pytest.mark.parametrize("how", ["version", "offset"])
def test_damaged_zip_headers_are_a_format_error(how: str, tmp_path: Path) -> None:
    """Found by mutation fuzzing: zipfile raises NotImplementedError / ValueError here."""
    path = tmp_path / "damaged.docx"
    path.write_bytes(_damaged_zip(how))
    with pytest.raises(FormatError, match="docx"):
        read_zh_document(path)


@pytest.mark.parametrize("name", ["not_a_zip.docx", "truncated.docx"])
def test_broken_zip_is_a_format_error(name: str) -> None:
    with pytest.raises(FormatError, match="docx"):
        read_zh_document(BAD / name)


# --- malformed: a clear error with the line number ----------------------------------------------
@pytest.mark.parametrize(
    ("name", "reader", "line"),
    [("malformed_line4.tmx", read_tmx, 5), ("malformed_line3.tbx", read_tbx, 3),
     ("malformed_line3.xlf", read_xliff, 3), ("malformed_line3.docx", read_zh_document, 4)],
)
def test_malformed_files_name_the_line(name: str, reader: Callable[[Path], Any], line: int) -> None:
    with pytest.raises(FormatError) as info:
        reader(BAD / name)
    message = str(info.value)
    assert name in message and f":{line}:" in message and "malformed XML" in message
    assert ", column" not in message  # the position is given once, as file:line


@pytest.mark.parametrize("kind", ["tmx", "tbx", "xliff", "srx"])
def test_malformed_at_a_known_line(kind: str, tmp_path: Path) -> None:
    """A stray `<` on line 7 of an otherwise valid document is reported at line 7."""
    text = _body(kind, "ok")
    cut = text.index(">") + 1
    xml = '<?xml version="1.0"?>\n' + text[:cut] + "\n" * 5 + "<<\n" + text[cut:]
    path = tmp_path / f"bad.{kind}"
    path.write_text(xml, encoding="utf-8")
    with pytest.raises(FormatError) as info:
        READERS[kind](path)
    assert info.value.line == 7 and f"bad.{kind}:7:" in str(info.value)


@pytest.mark.parametrize("kind", ["tmx", "tbx", "srx"])
def test_error_message_is_one_line_even_when_libxml2_quotes_the_source(
    kind: str, tmp_path: Path
) -> None:
    """Found by fuzzing: libxml2 appends the offending source lines to some messages."""
    path = tmp_path / f"comment.{kind}"
    root = _root(kind)
    path.write_text(f'<?xml version="1.0"?>\n<{root}>\n<!-- a -- b -->\n</{root}>\n',
                    encoding="utf-8")
    with pytest.raises(FormatError) as info:
        READERS[kind](path)
    message = str(info.value)
    assert "\n" not in message and ":3:" in message and "comment" in message.lower(), message
