"""TMX validation against the packaged TMX 1.4b DTD plus the checks a DTD cannot express."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from untm.errors import InputError
from untm.tmx.tmx14 import TmxHeader, write_tmx
from untm.tmx.unit import TranslationUnit
from untm.tmx.validate import tmx14_dtd, validate_tmx

OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
    '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t"'
    ' adminlang="en-US" srclang="zh-CN" datatype="plaintext"/>\n<body>\n'
)
TAIL = "</body>\n</tmx>\n"


def write(tmp_path: Path, body: str, head: str = HEAD) -> Path:
    path = tmp_path / "t.tmx"
    path.write_text(head + body + TAIL, "utf-8")
    return path


def test_our_output_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "ok.tmx"
    units = [
        TranslationUnit("联合国<&>", "United Nations", tuid="1", props=(("x-score", "0.93"),),
                        notes=("n",), creationdate="20260101T000000Z"),
        TranslationUnit("甲", "A", src_lang="zh-CN", tgt_lang="en-GB"),
    ]
    write_tmx(path, units, TmxHeader(props=(("x-corpus", "seed"),)))
    assert validate_tmx(path) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<tu><tuv xml:lang="zh-CN"><seg>甲</seg></tuv><tuv><seg>A</seg></tuv></tu>\n',
         ["line 5: <tuv> has no xml:lang", "line 5: <tu> has only one language (zh-cn)"]),
        ('<tu><tuv xml:lang="zh-CN"><seg>甲</seg></tuv>'
         '<tuv xml:lang="en"><seg> </seg></tuv></tu>\n',
         ["line 5: empty <seg> (en)"]),
        ('<tu><tuv xml:lang="zh-CN"><seg>甲</seg></tuv></tu>\n',
         ["line 5: <tu> has only one language (zh-cn)"]),
        ('<tu><tuv xml:lang="fr"><seg>F</seg></tuv>'
         '<tuv xml:lang="en"><seg>A</seg></tuv></tu>\n',
         ["line 5: <tu> has no <tuv> in the source language zh-cn"]),
        ('<tu creationdate="2026-01-01"><tuv xml:lang="zh-CN"><seg>甲</seg></tuv>'
         '<tuv xml:lang="en_US"><seg>A</seg></tuv></tu>\n',
         ["line 5: creationdate '2026-01-01' is not YYYYMMDDThhmmssZ",
          "line 5: language code 'en_US' is not a BCP 47 tag"]),
    ],
)
def test_checks_the_dtd_cannot_express(tmp_path: Path, body: str, expected: list[str]) -> None:
    problems = validate_tmx(write(tmp_path, body))
    assert [p for p in problems if "DTD:" not in p] == expected


def test_dtd_errors_have_lines(tmp_path: Path) -> None:
    head = HEAD.replace(' segtype="sentence"', ' segtype="word"').replace(' o-tmf="t"', "")
    body = '<tu><tuv xml:lang="zh-CN"><seg>甲</seg></tuv>\n<foo/></tu>\n'
    problems = validate_tmx(write(tmp_path, body, head))
    assert any(p.startswith("line 3: DTD:") and "o-tmf" in p for p in problems)
    assert any(p.startswith("line 3: DTD:") and "segtype" in p for p in problems)
    assert any(p.startswith("line 5: DTD:") and "foo" in p for p in problems)


def test_malformed_and_hostile_files_are_problems(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tmx"
    bad.write_text(HEAD + "<tu>\n<tuv>\n</body></tmx>", "utf-8")
    (problem,) = validate_tmx(bad)
    assert problem.startswith("line 7: malformed XML")
    xxe = tmp_path / "xxe.tmx"
    xxe.write_text('<!DOCTYPE tmx [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
                   + HEAD.split("\n", 1)[1] + "<tu><tuv xml:lang='zh'><seg>&e;</seg></tuv></tu>"
                   + TAIL, "utf-8")
    (problem,) = validate_tmx(xxe)
    assert "entities" in problem and "root:" not in problem


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        validate_tmx(tmp_path / "none.tmx")


@pytest.mark.skipif(not OMEGAT_JAR.exists(), reason="OmegaT jar (Debian omegat) not installed")
def test_packaged_dtd_declares_what_omegats_copy_declares(tmp_path: Path) -> None:
    with zipfile.ZipFile(OMEGAT_JAR) as jar:
        (tmp_path / "ref.dtd").write_bytes(jar.read("schemas/tmx14.dtd"))
    reference = etree.DTD(str(tmp_path / "ref.dtd"))

    def shape(dtd: Any) -> dict[str, tuple[str, list[tuple[str, str, str | None]]]]:
        return {
            el.name: (
                str(el.content),
                sorted((a.name, a.default, a.default_value) for a in el.iterattributes()),
            )
            for el in dtd.iterelements()
        }

    assert shape(tmx14_dtd()) == shape(reference)
