"""RTF: each rule of `readers/rtf.py` on small hand-written files (table-driven), and the
refusals (no signature, groups nested past the limit)."""

from __future__ import annotations

from pathlib import Path

import pytest

from untm.aligner.model import BlockKind, Furniture
from untm.aligner.read import read_document
from untm.aligner.readers.rtf import parse_rtf
from untm.errors import FormatError

HEAD = rb"{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\froman\fcharset0 Times;}" \
    rb"{\f1\fnil\fcharset134 SimSun;}{\f2\fnil\fcharset204 Arial Cyr;}}" \
    rb"{\stylesheet{\s0 Normal;}{\s1\sbasedon0 heading 1;}{\s5\outlinelevel1 Custom Title;}" \
    rb"{\*\cs10 Default Paragraph Font;}}"

CASES: list[tuple[str, bytes, list[tuple[str, BlockKind | None]]]] = [
    ("gbk bytes in a charset-134 font", rb"\pard\f1 \'c1\'aa\'ba\'cf\'b9\'fa\par",
     [("联合国", None)]),
    ("gbk from \\ansicpg936 with a charset-0 font", rb"\pard\f0 \'c1\'aa\'ba\'cf\par",
     [("联合", None)]),
    ("cyrillic font", rb"\pard\f2 \'cf\'f0\'e8\'e2\'e5\'f2\par", [("Привет", None)]),
    ("\\uN with the default one-character fallback", rb"\pard \u32852?\u21512?\par",
     [("联合", None)]),
    ("\\uc2 skips two fallback bytes", rb"\pard\uc2 \u-32684\'c1\'aa\u21512\'ba\'cf\par",
     [("联合", None)]),
    ("\\uc0: nothing to skip", rb"\pard\uc0\u32852\u21512 x\par", [("联合x", None)]),
    ("a surrogate pair", rb"\pard \u-10174?\u-8265?\par", [("\U00020BB7", None)]),
    ("\\uc is scoped to its group", rb"\pard{\uc0\u32852}\u21512?\par", [("联合", None)]),
    ("negative \\u above U+7FFF", rb"\pard \u-3?\par", [("\ufffd", None)]),
    ("symbols", rb"\pard a\emdash b\endash c\~d\ldblquote e\rdblquote f\-g\_h\tab i\par",
     [("a—b–c\u00a0d“e”fg\u2011h\ti", None)]),
    ("escaped braces and backslash", rb"\pard \{x\} \\\par", [("{x} \\", None)]),
    ("\\line joins like a wrap", rb"\pard one\line two\par", [("one two", None)]),
    ("heading by style name and by outline level",
     rb"\pard\s1 Title\par\pard\s5 Other\par\pard\outlinelevel0 Third\par\pard Body\par",
     [("Title", BlockKind.HEADING), ("Other", BlockKind.HEADING),
      ("Third", BlockKind.HEADING), ("Body", None)]),
    ("list text stays on its paragraph", rb"\pard{\listtext\pard\plain 12.\tab}Text\par",
     [("12.\tText", None)]),
    ("table cells", rb"\trowd\cellx100\cellx200\pard\intbl 2008\cell Plan\cell\row\pard After\par",
     [("2008", BlockKind.BODY), ("Plan", BlockKind.BODY), ("After", None)]),
    ("destinations skipped",
     rb"{\info{\title T}{\author A}}{\colortbl;\red0\green0\blue0;}{\*\generator W;}"
     rb"{\pict\pngblip 89504e47}{\*\bkmkstart b}{\*\unknownthing junk}{\field{\*\fldinst "
     rb"HYPERLINK x}{\fldrslt Link}}\pard Text\par", [("LinkText", None)]),
    ("\\bin data is skipped", rb"\pard a{\pict\bin4 }}}}b}c\par", [("ac", None)]),
    ("\\upr reads its Unicode part", rb"\pard{\upr{ANSI}{\*\ud{\u32852?}}}\par",
     [("联", None)]),
    ("footnotes after the body, numbered by \\chftn",
     rb"\pard Body{\super\chftn}{\footnote\pard{\super\chftn} See annex.}"
     rb" text{\*\footnote\pard * Starred note.}.\par\pard Next\par",
     [("Body text.", None), ("Next", None), ("1 See annex.", BlockKind.FOOTNOTE),
      ("* Starred note.", BlockKind.FOOTNOTE)]),
    ("raw 8-bit GBK bytes", b"\\pard \xc1\xaa\xba\xcf\\par", [("联合", None)]),
    ("newlines in the source are not text", b"\\pard one\r\ntwo\\par", [("onetwo", None)]),
    ("a last paragraph without \\par", rb"\pard Last", [("Last", None)]),
]


@pytest.mark.parametrize(("name", "body", "expected"), CASES, ids=[c[0] for c in CASES])
def test_rules(name: str, body: bytes, expected: list[tuple[str, BlockKind | None]]) -> None:
    text = parse_rtf(HEAD + body + b"}", "x.rtf", "zh")
    assert [(b.text, b.hint) for b in text.blocks] == expected


def test_headers_and_footers_are_furniture() -> None:
    body = rb"{\header\pard A/78/1\par}{\footerf\pard 23-12345 {\field{\*\fldinst PAGE}" \
        rb"{\fldrslt 3}}\par}{\*\pgdsctbl{\pgdsc0{\header\pard A/78/1\par}}}\pard Text\par"
    text = parse_rtf(HEAD + body + b"}", "x.rtf", "en")
    assert [b.text for b in text.blocks] == ["Text"]
    assert text.furniture == [Furniture("running-header", "A/78/1", 0),
                              Furniture("running-footer", "23-12345 3", 0)]
    assert text.encoding == "gbk"


def test_recognised_by_signature_whatever_the_name(tmp_path: Path) -> None:
    path = tmp_path / "saved-as.txt"
    path.write_bytes(HEAD + rb"\pard\f1 \'c1\'aa\'ba\'cf\'b9\'fa\'b4\'f3\'bb\'e1\par}")
    doc = read_document(path, "zh")
    assert [p.text for p in doc.paragraphs] == ["联合国大会"]


def test_refusals() -> None:
    with pytest.raises(FormatError, match="no \\{\\\\rtf signature"):
        parse_rtf(b"hello", "x.rtf", "en")
    with pytest.raises(FormatError, match="nested deeper"):
        parse_rtf(b"{\\rtf1 " + b"{" * 5000 + b"x" + b"}" * 5000 + b"}", "x.rtf", "en")


@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"])
def test_raw_newlines_before_a_destination_word_are_ignored(newline: bytes) -> None:
    """RTF ignores raw CR/LF: `{<newline>\\header …}` is still a header (and so for the font
    table, the style sheet and footnotes), not body text."""
    doc = (
        rb"{\rtf1\ansi\ansicpg1252\deff0{" + newline + rb"\fonttbl{\f0\fcharset134 SimSun;}}"
        + rb"{" + newline + rb"\stylesheet{\s1 heading 1;}}"
        + rb"{" + newline + rb"\header\pard Running head\par}"
        + rb"\pard\s1 Title\par\pard Body{" + newline + rb"\footnote\pard A note.}.\par}"
    )
    text = parse_rtf(doc, "x.rtf", "en")
    assert [(b.text, b.hint) for b in text.blocks] == [
        ("Title", BlockKind.HEADING), ("Body.", None), ("A note.", BlockKind.FOOTNOTE),
    ]
    assert text.furniture == [Furniture("running-header", "Running head", 0)]


def test_deff_is_the_font_before_any_f() -> None:
    """Text without an explicit `\\fN` is in the default font `\\deffN` (here GBK), not in the
    `\\ansicpg` code page; `\\plain` goes back to it."""
    doc = (
        rb"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fcharset134 SimSun;}"
        rb"{\f2\fcharset204 Arial Cyr;}} \'c4\'e3\'ba\'c3\par"
        rb"\pard\f2 \'cf\'f0\'e8\'e2\'e5\'f2 \plain \'c4\'e3\par}"
    )
    assert [b.text.strip() for b in parse_rtf(doc, "x.rtf", "zh").blocks] == ["你好", "Привет 你"]
