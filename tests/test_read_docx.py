"""`.docx` reading: real files built with zipfile + lxml from the seed; zip bombs refused."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest
from conftest import GOLD, SEED_EN, SEED_ZH, needs_shared
from lxml import etree

from untm.aligner.model import BlockKind, Paragraph
from untm.aligner.read import read_document
from untm.aligner.readers.docx import format_number, read_docx_blocks
from untm.aligner.segment import segment_document
from untm.errors import FormatError, UnsafeInputError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STEM = "000_a932ec9d51e334cb"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _run(parent: etree._Element, text: str) -> None:
    run = etree.SubElement(parent, _w("r"))
    t = etree.SubElement(run, _w("t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _numbering_xml() -> bytes:
    root = etree.Element(_w("numbering"), nsmap={"w": W})
    abstract = etree.SubElement(root, _w("abstractNum"), {_w("abstractNumId"): "0"})
    lvl = etree.SubElement(abstract, _w("lvl"), {_w("ilvl"): "0"})
    etree.SubElement(lvl, _w("start"), {_w("val"): "1"})
    etree.SubElement(lvl, _w("numFmt"), {_w("val"): "decimal"})
    etree.SubElement(lvl, _w("lvlText"), {_w("val"): "%1."})
    num = etree.SubElement(root, _w("num"), {_w("numId"): "1"})
    etree.SubElement(num, _w("abstractNumId"), {_w("val"): "0"})
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def build_docx(path: Path, paragraphs: Sequence[Paragraph], *, auto_numbering: bool) -> None:
    """Write a real .docx: headings styled Heading1, footnotes in word/footnotes.xml.

    With `auto_numbering`, numbered paragraphs lose their literal "12. " and get w:numPr.
    """
    doc = etree.Element(_w("document"), nsmap={"w": W})
    body = etree.SubElement(doc, _w("body"))
    notes = etree.Element(_w("footnotes"), nsmap={"w": W})
    for kind in ("separator", "continuationSeparator"):
        attrs = {_w("type"): kind, _w("id"): str(len(notes) - 1)}
        sep = etree.SubElement(notes, _w("footnote"), attrs)
        etree.SubElement(etree.SubElement(sep, _w("p")), _w("r"))
    last_p = None
    for para in paragraphs:
        if para.kind is BlockKind.FOOTNOTE:
            note_id = str(len(notes))
            note = etree.SubElement(notes, _w("footnote"), {_w("id"): note_id})
            _run(etree.SubElement(note, _w("p")), para.text)
            assert last_p is not None
            ref_run = etree.SubElement(last_p, _w("r"))
            etree.SubElement(
                ref_run, _w("footnoteReference"), {_w("id"): note_id, _w("customMarkFollows"): "1"}
            )
            continue
        p = etree.SubElement(body, _w("p"))
        ppr = etree.SubElement(p, _w("pPr"))
        text = para.text
        if para.kind is BlockKind.HEADING:
            etree.SubElement(ppr, _w("pStyle"), {_w("val"): "Heading1"})
        elif para.kind is BlockKind.BODY and para.label and text.startswith(f"{para.label}. "):
            if auto_numbering:
                text = text[len(para.label) + 2 :]
                num_pr = etree.SubElement(ppr, _w("numPr"))
                etree.SubElement(num_pr, _w("ilvl"), {_w("val"): "0"})
                etree.SubElement(num_pr, _w("numId"), {_w("val"): "1"})
            else:
                label, rest = text.split(" ", 1)
                run = etree.SubElement(p, _w("r"))
                etree.SubElement(run, _w("t")).text = label
                etree.SubElement(run, _w("tab"))
                text = rest
        _run(p, text)
        last_p = p
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr(
            "word/document.xml", etree.tostring(doc, xml_declaration=True, encoding="UTF-8")
        )
        zf.writestr(
            "word/footnotes.xml", etree.tostring(notes, xml_declaration=True, encoding="UTF-8")
        )
        if auto_numbering:
            zf.writestr("word/numbering.xml", _numbering_xml())


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("docx")
    zh, en = folder / "seed.zh.docx", folder / "seed.en.docx"
    build_docx(zh, read_document(SEED_ZH, "zh").paragraphs, auto_numbering=False)
    build_docx(en, read_document(SEED_EN, "en").paragraphs, auto_numbering=True)
    return zh, en


def test_docx_paragraphs_headings_numbering_and_footnotes(seed_docx: tuple[Path, Path]) -> None:
    zh, en = seed_docx
    for path, lang, source in ((zh, "zh", SEED_ZH), (en, "en", SEED_EN)):
        doc = read_document(path, lang)
        original = read_document(source, lang)
        kinds = [p.kind for p in doc.paragraphs]
        assert kinds.count(BlockKind.HEADING) == 3
        assert kinds.count(BlockKind.FOOTNOTE) == 2
        body = [p.text for p in doc.paragraphs if p.kind is BlockKind.BODY]
        assert body == [p.text for p in original.paragraphs if p.kind is BlockKind.BODY]
        notes = [p.text for p in doc.paragraphs if p.kind is BlockKind.FOOTNOTE]
        assert notes == [p.text for p in original.paragraphs if p.kind is BlockKind.FOOTNOTE]


@needs_shared(GOLD)
def test_docx_segments_equal_the_gold_up_to_footnote_position(seed_docx: tuple[Path, Path]) -> None:
    zh, en = seed_docx
    for path, lang in ((zh, "zh"), (en, "en")):
        gold = (GOLD / f"{STEM}.{lang}").read_text(encoding="utf-8").splitlines()
        got = [s.text for s in segment_document(read_document(path, lang))]
        assert sorted(got) == sorted(gold)


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("word/document.xml", b"<" + b" " * (80 * 1024 * 1024) + b"/>")
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(UnsafeInputError, match="zip bomb"):
        read_document(path, "en")


def test_not_a_zip_and_missing_document_xml(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"this is not a zip file at all")
    with pytest.raises(FormatError, match=r"not a valid \.docx"):
        read_document(bad, "en")
    empty = tmp_path / "empty.docx"
    with zipfile.ZipFile(empty, "w") as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
    with pytest.raises(FormatError, match=r"document\.xml is missing"):
        read_document(empty, "en")


def test_docx_with_entity_declaration_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "xxe.docx"
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<w:document xmlns:w="' + W.encode() + b'"><w:body><w:p><w:r><w:t>&x;</w:t>'
        b"</w:r></w:p></w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", evil)
    with pytest.raises(UnsafeInputError):
        read_document(path, "en")


def _write_docx(path: Path, document: bytes, numbering: bytes | None = None) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("word/document.xml", document)
        if numbering is not None:
            zf.writestr("word/numbering.xml", numbering)


def _body(inner: str) -> bytes:
    return (
        f'<w:document xmlns:w="{W}" xmlns:v="urn:schemas-microsoft-com:vml"><w:body>{inner}'
        "</w:body></w:document>"
    ).encode()


def test_text_box_text_is_read_once(tmp_path: Path) -> None:
    path = tmp_path / "box.docx"
    box = (
        "<w:r><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>Inside the box.</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></w:pict></w:r>"
    )
    _write_docx(path, _body(f"<w:p><w:r><w:t>Outer text.</w:t></w:r>{box}</w:p>"))
    assert [b.text for b in read_docx_blocks(path, "en")] == ["Outer text.", "Inside the box."]


@pytest.mark.parametrize(
    ("start", "ilvl", "problem"),
    [
        ("abc", "0", r"w:start is not a number: 'abc'"),
        ("1", "x", r"w:ilvl is not a number: 'x'"),
        ("1", "42", r"w:ilvl must be 0–8, not 42"),
    ],
)
def test_bad_numbering_attributes_are_format_errors(
    tmp_path: Path, start: str, ilvl: str, problem: str
) -> None:
    numbering = _numbering_xml().replace(b'w:val="1"/>', f'w:val="{start}"/>'.encode(), 1)
    path = tmp_path / "num.docx"
    para = (
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        "<w:r><w:t>Numbered.</w:t></w:r></w:p>"
    )
    _write_docx(path, _body(para), numbering)
    with pytest.raises(FormatError, match=problem):
        read_document(path, "en")


def test_chinese_numbering_past_99_falls_back_to_digits() -> None:
    assert [format_number(n, "chineseCounting") for n in (3, 12, 99, 100, 123)] == [
        "三",
        "十二",
        "九十九",
        "100",
        "123",
    ]


def test_roman_numbering_up_to_3999_then_digits() -> None:
    """Roman numerals with M, D and the subtractive pairs; past 3999 (and for 0) digits: a
    number from the file can be huge, and must not take time in proportion to its size."""
    numbers = (1, 4, 9, 14, 40, 90, 400, 1994, 3999, 4000, 10**8, 0)
    assert [format_number(n, "upperRoman") for n in numbers] == [
        "I", "IV", "IX", "XIV", "XL", "XC", "CD", "MCMXCIV", "MMMCMXCIX", "4000", "100000000", "0",
    ]
    assert format_number(1994, "lowerRoman") == "mcmxciv"


@pytest.mark.parametrize(
    ("start", "shown"),
    [("3", "III."), ("3999", "MMMCMXCIX."), ("40000", "32767."), ("1000000000000", "32767."),
     ("-5", "0.")],
)
def test_list_start_is_held_to_words_limit(tmp_path: Path, start: str, shown: str) -> None:
    """w:start past Word's 0–32767 is taken as the nearest allowed value (Word's "Start at"
    field takes no other); Roman past 3999 is shown in digits."""
    numbering = (
        _numbering_xml()
        .replace(b'w:val="1"/>', f'w:val="{start}"/>'.encode(), 1)
        .replace(b'w:val="decimal"', b'w:val="upperRoman"')
    )
    path = tmp_path / "num.docx"
    para = (
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        "<w:r><w:t>Numbered.</w:t></w:r></w:p>"
    )
    _write_docx(path, _body(para), numbering)
    assert [b.text for b in read_docx_blocks(path, "en")] == [f"{shown}\tNumbered."]
