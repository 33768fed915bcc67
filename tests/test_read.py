"""`read_document`: text in every supported encoding, HTML, and clear errors for bad input."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from conftest import SEED_EN, SEED_ZH
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from untm.aligner.model import BlockKind
from untm.aligner.read import read_document
from untm.aligner.readers.html import read_html_blocks
from untm.errors import InputError, LanguageMismatchError, UntmError

ZH_TEXT = SEED_ZH.read_text(encoding="utf-8")
EN_TEXT = SEED_EN.read_text(encoding="utf-8")
ZH_DOC = read_document(SEED_ZH, "zh")
EN_DOC = read_document(SEED_EN, "en")


@pytest.mark.parametrize(
    ("name", "lang", "data", "encoding"),
    [
        ("zh-gbk.txt", "zh", ZH_TEXT.encode("gbk"), "gb18030"),
        ("zh-utf16.txt", "zh", codecs.BOM_UTF16_LE + ZH_TEXT.encode("utf-16-le"), "utf-16-le"),
        ("zh-bom.txt", "zh", codecs.BOM_UTF8 + ZH_TEXT.encode("utf-8"), "utf-8-sig"),
        ("zh-crlf.txt", "zh", ZH_TEXT.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
        ("en-utf16be.txt", "en", codecs.BOM_UTF16_BE + EN_TEXT.encode("utf-16-be"), "utf-16-be"),
        ("en-crlf.txt", "en", EN_TEXT.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
    ],
)
def test_encodings_and_line_ends_read_the_same_document(
    tmp_path: Path, name: str, lang: str, data: bytes, encoding: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    doc = read_document(path, lang)
    original = ZH_DOC if lang == "zh" else EN_DOC
    assert doc.encoding == encoding
    assert doc.paragraphs == original.paragraphs
    assert [(f.kind, f.text) for f in doc.furniture] == [
        (f.kind, f.text) for f in original.furniture
    ]


def test_html_blocks_and_headings(tmp_path: Path) -> None:
    paras = [p for p in EN_DOC.paragraphs if p.kind is not BlockKind.FOOTNOTE]
    parts = ["<html><head><title>x</title><script>var a = '<p>no</p>';</script></head><body>"]
    for p in paras:
        tag = "h2" if p.kind is BlockKind.HEADING else "p"
        parts.append(f"<{tag}>{p.text.replace('&', '&amp;')}</{tag}>")
    parts.append("<ul><li>A list item.</li></ul><!-- a comment -->")
    parts.append("<p>Broken by<br>a line break, and 联合国<br/>环境署.</p></body></html>")
    path = tmp_path / "seed.html"
    path.write_text("\n".join(parts), encoding="utf-8")
    doc = read_document(path, "en")
    assert [p.text for p in doc.paragraphs][: len(paras)] == [p.text for p in paras]
    assert doc.paragraphs[-2].text == "A list item."
    # an English paragraph joins its lines with a space, but not two Han characters
    assert doc.paragraphs[-1].text == "Broken by a line break, and 联合国环境署."
    assert [p.kind for p in doc.paragraphs].count(BlockKind.HEADING) == 3
    assert all("var a" not in p.text for p in doc.paragraphs)


def test_html_text_around_nested_blocks_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "nested.html"
    path.write_text(
        "<html><body><div>Intro text here.<p>The paragraph itself.</p>Tail of the div.</div>"
        "Loose body text.<h2>II. A heading</h2><div><span>Inline <b>bold</b> run.</span>"
        "<p>Second paragraph.</p></div></body></html>",
        encoding="utf-8",
    )
    assert [(b.text, b.hint) for b in read_html_blocks(path, "en")] == [
        ("Intro text here.", None),
        ("The paragraph itself.", None),
        ("Tail of the div.", None),
        ("Loose body text.", None),
        ("II. A heading", BlockKind.HEADING),
        ("Inline bold run.", None),
        ("Second paragraph.", None),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"\n\n  \n\f\n", "empty"), (bytes(range(256)) * 4, "binary")],
)
def test_empty_and_binary_files_are_input_errors(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        read_document(path, "en")
    assert str(path) in str(info.value)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        read_document(tmp_path / "nope.txt", "en")
    with pytest.raises(InputError, match="folder"):
        read_document(tmp_path, "en")


def test_wrong_language_is_refused() -> None:
    with pytest.raises(LanguageMismatchError, match="given as English"):
        read_document(SEED_ZH, "en")
    with pytest.raises(LanguageMismatchError, match="given as Chinese"):
        read_document(SEED_EN, "zh")


def test_unsupported_language() -> None:
    with pytest.raises(InputError, match="unsupported language"):
        read_document(SEED_EN, "fr")


def test_full_width_digits_and_long_unpunctuated_paragraph(tmp_path: Path) -> None:
    long_zh = "联合国环境规划署" * 400
    path = tmp_path / "fw.txt"
    path.write_text(f"一、背景\n\n１．全角数字段落。第二句。\n\n2. {long_zh}\n", encoding="utf-8")
    doc = read_document(path, "zh")
    assert [p.label for p in doc.paragraphs] == ["R1", "1", "2"]
    assert doc.paragraphs[2].text.endswith(long_zh)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.binary(max_size=600),
    suffix=st.sampled_from([".txt", ".docx", ".html"]),
    lang=st.sampled_from(["zh", "en"]),
)
def test_random_bytes_end_in_a_document_or_a_clean_error(
    tmp_path: Path, data: bytes, suffix: str, lang: str
) -> None:
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    try:
        doc = read_document(path, lang)
    except UntmError as exc:
        assert str(path) in str(exc)
        return
    assert doc.paragraphs and all(p.text.strip() for p in doc.paragraphs)
