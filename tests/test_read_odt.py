"""OpenDocument text (.odt, .fodt): hand-written documents exercising each rule of
`readers/odt.py` (LibreOffice's own files are in test_read_formats.py)."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from docgen import fodt, odt_bytes

from untm.aligner.model import BlockKind, Furniture
from untm.aligner.read import document_format, read_document
from untm.aligner.readers.odt import read_odt
from untm.aligner.readers.sniff import _zip_kind
from untm.errors import FormatError, UnsafeInputError

STYLES = (
    '<style:style style:name="Heading_20_1" style:display-name="Heading 1" '
    'style:family="paragraph"/>'
    '<style:style style:name="P9" style:family="paragraph" '
    'style:parent-style-name="Heading_20_1"/>'
    '<text:list-style style:name="L1">'
    '<text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"/>'
    '<text:list-level-style-number text:level="2" style:num-prefix="(" style:num-suffix=")" '
    'style:num-format="a"/>'
    "</text:list-style>"
    '<text:list-style style:name="L2">'
    '<text:list-level-style-number text:level="1" style:num-suffix="、" '
    'style:num-format="一, 二, 三, ..."/>'
    "</text:list-style>"
    '<text:list-style style:name="B"><text:list-level-style-bullet text:level="1" '
    'text:bullet-char="•"/></text:list-style>'
)
MASTER = (
    '<style:master-page style:name="Standard"><style:header><text:p>A/78/1</text:p>'
    "</style:header><style:footer><text:p>23-12345 <text:page-number>3</text:page-number>"
    "</text:p></style:footer><style:footer-first><text:p>23-12345 (E)</text:p>"
    "</style:footer-first></style:master-page>"
)
BODY = (
    '<text:h text:outline-level="1">I. Background</text:h>'
    '<text:p text:style-name="P9">Styled as a heading</text:p>'
    '<text:list text:style-name="L1">'
    "<text:list-item><text:p>First item.</text:p>"
    '<text:list><text:list-item><text:p>Nested one.</text:p></text:list-item>'
    "<text:list-item><text:p>Nested two.</text:p></text:list-item></text:list></text:list-item>"
    "<text:list-item><text:p>Second item.</text:p></text:list-item></text:list>"
    "<text:p>Between the lists.</text:p>"
    '<text:list text:style-name="L1" text:continue-numbering="true">'
    "<text:list-item><text:p>Third item.</text:p></text:list-item></text:list>"
    '<text:list text:style-name="L1"><text:list-item text:start-value="7">'
    "<text:p>Seventh item.</text:p></text:list-item></text:list>"
    '<text:list text:style-name="B"><text:list-item><text:p>A bullet.</text:p>'
    "</text:list-item></text:list>"
    '<text:list text:style-name="L2"><text:list-item><text:p>背景</text:p></text:list-item>'
    "<text:list-item><text:p>审查</text:p></text:list-item></text:list>"
    "<text:p>Two<text:s text:c=\"3\"/>spaces,\n   a wrapped\tsource line<text:tab/>and a tab."
    "</text:p>"
    "<text:p>Broken<text:line-break/>line, a note<text:note text:note-class=\"footnote\">"
    "<text:note-citation>1</text:note-citation><text:note-body><text:p>See the annex."
    "</text:p></text:note-body></text:note> and a comment<office:annotation><dc:creator>x"
    "</dc:creator><text:p>Not text.</text:p></office:annotation> here.</text:p>"
    "<text:p>Starred<text:note text:note-class=\"footnote\"><text:note-citation "
    "text:label=\"*\">*</text:note-citation><text:note-body><text:p>* HSP/HA.2/1.</text:p>"
    "</text:note-body></text:note> cover line.</text:p>"
    "<text:tracked-changes><text:changed-region><text:deletion><text:p>Deleted text."
    "</text:p></text:deletion></text:changed-region></text:tracked-changes>"
    "<table:table><table:table-row><table:table-cell><text:p>2008</text:p></table:table-cell>"
    "<table:table-cell><text:p>First framework</text:p></table:table-cell>"
    "<table:covered-table-cell/></table:table-row></table:table>"
    '<text:p>Anchor<draw:frame><draw:text-box><text:p>In the box.</text:p></draw:text-box>'
    "</draw:frame> text.</text:p>"
)
EXPECTED = [
    ("I. Background", BlockKind.HEADING),
    ("Styled as a heading", BlockKind.HEADING),
    ("1.\tFirst item.", None),
    ("(a)\tNested one.", None),
    ("(b)\tNested two.", None),
    ("2.\tSecond item.", None),
    ("Between the lists.", None),
    ("3.\tThird item.", None),
    ("7.\tSeventh item.", None),
    ("A bullet.", None),
    ("一、\t背景", None),
    ("二、\t审查", None),
    ("Two   spaces, a wrapped source line\tand a tab.", None),
    ("Broken line, a note and a comment here.", None),
    ("Starred cover line.", None),
    ("2008", BlockKind.BODY),
    ("First framework", BlockKind.BODY),
    ("Anchor text.", None),
    ("In the box.", None),
    ("1 See the annex.", BlockKind.FOOTNOTE),
    ("* HSP/HA.2/1.", BlockKind.FOOTNOTE),
]


@pytest.fixture(params=["fodt", "odt"])
def document(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    path = tmp_path / f"doc.{request.param}"
    if request.param == "fodt":
        path.write_text(fodt(BODY, STYLES, MASTER), encoding="utf-8")
    else:
        path.write_bytes(odt_bytes(BODY, STYLES, MASTER))
    return path


def test_every_rule(document: Path) -> None:
    blocks, furniture = read_odt(document, "en")
    assert [(b.text, b.hint) for b in blocks] == EXPECTED
    assert furniture == [
        Furniture("running-header", "A/78/1", 0),
        Furniture("running-footer", "23-12345 3", 0),
        Furniture("running-footer", "23-12345 (E)", 0),
    ]
    assert document_format(document) == document.suffix[1:]


def test_read_document_keeps_numbers_and_notes(document: Path) -> None:
    doc = read_document(document, "en")
    texts = [p.text for p in doc.paragraphs]
    assert "1. First item." in texts and "Not text." not in " ".join(texts)
    assert "Deleted text." not in " ".join(texts)
    assert {f.kind for f in doc.furniture} == {"running-header", "running-footer"}


def test_not_opendocument_text(tmp_path: Path) -> None:
    path = tmp_path / "x.fodt"
    path.write_text('<?xml version="1.0"?><office:document xmlns:office="urn:oasis:names:tc:'
                    'opendocument:xmlns:office:1.0"><office:body><office:spreadsheet/>'
                    "</office:body></office:document>", encoding="utf-8")
    with pytest.raises(FormatError, match="no office:text"):
        read_document(path, "en")


def test_an_odt_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.odt"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", b"<a>" + b" " * (80 * 1024 * 1024) + b"</a>")
    with pytest.raises(UnsafeInputError, match="zip bomb"):
        read_document(path, "en")


def test_sniffing_never_inflates_a_huge_mimetype(tmp_path: Path) -> None:
    """Content sniffing runs on every input before the readers' zip limits: a `mimetype` member
    that inflates to 64 MiB (from 64 kB) is judged from its declared size and at most 257 bytes
    of it, never read in full; by extension the .odt reader then reads it (mimetype unread)."""
    path = tmp_path / "big-mimetype.odt"
    with zipfile.ZipFile(io.BytesIO(odt_bytes("<text:p>Kept.</text:p>"))) as good, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("mimetype", "w") as fh:
            fh.write(b"application/vnd.oasis.opendocument.text")
            for _ in range(64):
                fh.write(b" " * (1024 * 1024))
        for name in ("content.xml", "styles.xml"):
            zf.writestr(name, good.read(name))
    data = path.read_bytes()  # the sniffer's own peak, apart from the file's bytes
    tracemalloc.start()
    try:
        kind = _zip_kind(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024, peak
    assert kind is None  # not OpenDocument's mimetype: the extension decides
    assert document_format(path) == "odt"
    assert [b.text for b in read_odt(path, "en")[0]] == ["Kept."]


def test_a_corrupt_mimetype_member_is_no_traceback(tmp_path: Path) -> None:
    """Found with the fix above: zlib.error from a damaged deflated `mimetype` escaped the
    sniffer; now the sniffer has no verdict and the .odt reader (which never reads the member)
    reads the text."""
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(odt_bytes("<text:p>Kept.</text:p>"))) as good, \
            zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mimetype", b"application/vnd.oasis.opendocument.text" * 3)
        for name in ("content.xml", "styles.xml"):
            zf.writestr(name, good.read(name))
    data = bytearray(buf.getvalue())
    start = data.find(b"mimetype") + len(b"mimetype")
    data[start:start + 10] = bytes(b ^ 0xFF for b in data[start:start + 10])
    path = tmp_path / "damaged.odt"
    path.write_bytes(bytes(data))
    assert document_format(path) == "odt"
    assert [p.text for p in read_document(path, "en").paragraphs] == ["Kept."]


@pytest.mark.parametrize(("count", "spaces"), [("3", 3), ("100", 100), ("3000000000", 100)])
def test_text_s_count_is_capped(tmp_path: Path, count: str, spaces: int) -> None:
    """`text:s text:c` is the file's number: at most MAX_SPACES (100) spaces are made of it, so
    "3000000000" is 100 spaces, not 3 GB."""
    path = tmp_path / "spaces.fodt"
    path.write_text(fodt(f'<text:p>A<text:s text:c="{count}"/>B</text:p>'), encoding="utf-8")
    assert [b.text for b in read_odt(path, "en")[0]] == ["A" + " " * spaces + "B"]


@pytest.mark.parametrize(
    ("where", "shown"),
    [("style", "MMMCMXCIX."), ("item", "MMMCMXCIX."), ("style-huge", "32767."),
     ("item-huge", "32767.")],
)
def test_list_start_value_is_held_to_words_limit(tmp_path: Path, where: str, shown: str) -> None:
    """A list style's or an item's start-value past 32767 is taken as 32767 (Word's limit, as
    for .docx); Roman numerals stop at 3999, larger numbers are shown in digits."""
    value = "1000000000000" if where.endswith("huge") else "3999"
    on_style = f' text:start-value="{value}"' if where.startswith("style") else ""
    on_item = f' text:start-value="{value}"' if where.startswith("item") else ""
    styles = (
        f'<text:list-style style:name="R"><text:list-level-style-number text:level="1"{on_style} '
        'style:num-suffix="." style:num-format="I"/></text:list-style>'
    )
    body = (f'<text:list text:style-name="R"><text:list-item{on_item}><text:p>Numbered.</text:p>'
            "</text:list-item></text:list>")
    path = tmp_path / "list.fodt"
    path.write_text(fodt(body, styles), encoding="utf-8")
    assert [b.text for b in read_odt(path, "en")[0]] == [f"{shown}\tNumbered."]
