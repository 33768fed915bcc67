"""TMX 1.4b reader/writer: round trip, escaping, XML-illegal characters, hostile input."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from untm.errors import FormatError, InputError, OutputError, UnsafeInputError
from untm.tmx.tmx14 import TmxHeader, iter_tmx, read_tmx, write_tmx, write_tmx_counted
from untm.tmx.unit import TranslationUnit
from untm.tmx.xmlchars import is_xml_text

# Every character XML 1.0 may carry (incl. whitespace, <>&"', CJK and astral characters).
xml_char = st.characters(
    blacklist_categories=["Cs"],
    blacklist_characters="\ufffe\uffff",
).filter(is_xml_text)
xml_text = st.text(
    alphabet=st.one_of(xml_char, st.sampled_from(list(" \t\r\n<>&\"'中文。𠀀😀"))), max_size=40
)
lang = st.sampled_from(["zh-CN", "en-US", "fr-FR", "zh", "en"])
prop_type = st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=10).map(
    lambda s: "x-" + s
)
unit_st = st.builds(
    TranslationUnit,
    source=xml_text,
    target=xml_text,
    src_lang=st.just("zh-CN"),
    tgt_lang=lang.filter(lambda x: x != "zh-CN"),
    tuid=st.one_of(st.none(), xml_text),
    props=st.lists(st.tuples(prop_type, xml_text), max_size=3).map(tuple),
    notes=st.lists(xml_text, max_size=2).map(tuple),
    creationdate=st.one_of(st.none(), st.just("20240101T120000Z")),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(units=st.lists(unit_st, max_size=6))
def test_round_trip_is_identity(tmp_path: Path, units: list[TranslationUnit]) -> None:
    path = tmp_path / "rt.tmx"
    assert write_tmx(path, units) == len(units)
    assert list(read_tmx(path).units) == units
    assert list(iter_tmx(path)) == units


def test_header_defaults_and_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "h.tmx"
    header = TmxHeader(
        creationdate="20260101T000000Z", props=(("x-corpus", "seed"),), notes=("made by a test",)
    )
    write_tmx(path, [TranslationUnit("甲", "A")], header)
    text = path.read_text("utf-8")
    assert text.startswith(
        "<?xml version='1.0' encoding='UTF-8'?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">"
    )
    for attr in (
        'creationtool="untm"',
        'segtype="sentence"',
        'o-tmf="untm"',
        'adminlang="en-US"',
        'srclang="zh-CN"',
        'datatype="plaintext"',
        'creationdate="20260101T000000Z"',
        'xml:lang="zh-CN"',
        'xml:lang="en-US"',
    ):
        assert attr in text
    assert read_tmx(path).header == header


def test_default_creationdate_is_tmx_format(tmp_path: Path) -> None:
    path = tmp_path / "d.tmx"
    write_tmx(path, [])
    date = read_tmx(path).header.creationdate
    assert date is not None and len(date) == 16 and date[8] == "T" and date.endswith("Z")
    assert date[:8].isdigit() and date[9:15].isdigit()


def test_escaping_in_file(tmp_path: Path) -> None:
    path = tmp_path / "e.tmx"
    write_tmx(path, [TranslationUnit("a<b>&c", 'say "hi" & <bye>')])
    raw = path.read_text("utf-8")
    assert "a&lt;b&gt;&amp;c" in raw
    assert "&amp; &lt;bye&gt;" in raw


def test_xml_illegal_characters_are_removed_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "c.tmx"
    unit = TranslationUnit(
        "控\x00制\x0b字\x1f符\ufffe", "con\x07trol\ud800", props=(("x-a", "\x01v"),)
    )
    result = write_tmx_counted(path, [unit])
    assert result.units == 1
    assert result.removed_chars == 7
    raw = path.read_bytes().decode("utf-8")
    assert is_xml_text(raw)
    back = read_tmx(path).units[0]
    assert (back.source, back.target, back.props) == ("控制字符", "control", (("x-a", "v"),))


def test_inline_markup_and_lang_attribute(tmp_path: Path) -> None:
    path = tmp_path / "inline.tmx"
    path.write_text(
        """<?xml version="1.0"?>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence"
 o-tmf="x" adminlang="en" srclang="EN-US" datatype="rtf"/><body>
<tu><tuv lang="en-us"><seg>Press <bpt i="1">{\\b </bpt>Save<ept i="1">}</ept>
 now<ph>\\tab</ph>!</seg></tuv>
<tuv xml:lang="zh-CN"><seg>按<hi>保存</hi>键<!-- c --></seg></tuv></tu>
</body></tmx>""",
        "utf-8",
    )
    (unit,) = read_tmx(path).units
    assert unit.source == "Press Save\n now!"
    assert unit.target == "按保存键"
    assert (unit.src_lang, unit.tgt_lang) == ("en-us", "zh-CN")


def test_source_side_follows_srclang_and_tgt_lang_choice(tmp_path: Path) -> None:
    path = tmp_path / "multi.tmx"
    path.write_text(
        """<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence"
 o-tmf="x" adminlang="en" srclang="zh-CN" datatype="plaintext"/><body>
<tu><tuv xml:lang="fr"><seg>F</seg></tuv><tuv xml:lang="en"><seg>E</seg></tuv>
<tuv xml:lang="zh"><seg>Z</seg></tuv></tu>
<tu><tuv xml:lang="zh-CN"><seg>only</seg></tuv></tu>
</body></tmx>""",
        "utf-8",
    )
    tm = read_tmx(path, tgt_lang="en-US")
    first, second = tm.units
    assert (first.source, first.target, first.tgt_lang) == ("Z", "E", "en")
    assert (second.source, second.target) == ("only", "")
    assert tm.other_language_tuvs == 1  # the French tuv
    assert read_tmx(path).units[0].target == "F"
    flipped = read_tmx(path, src_lang="en", tgt_lang="zh").units[0]
    assert (flipped.source, flipped.target) == ("E", "Z")
    assert [(u.source, u.target) for u in iter_tmx(path, src_lang="fr")] == [("F", "E"),
                                                                            ("", "only")]
    german = read_tmx(path, tgt_lang="de")
    assert [(u.target, u.tgt_lang) for u in german.units] == [("", "de"), ("", "de")]
    assert german.other_language_tuvs == 2


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        (
            "<tmx version='1.4'><header srclang='zh'/>\n<body>\n<tu><tuv><seg>x</seg></tuv></tu>"
            "</body></tmx>",
            "<tuv> without xml:lang",
            3,
        ),
        (
            "<tmx version='1.4'><header srclang='zh'/>\n<body>\n\n<tu><tuv xml:lang='zh'>"
            "<seg>x</seg></tu></body></tmx>",
            "malformed XML",
            4,
        ),
        (
            "<tmx version='1.4'>\n<body><tu><tuv xml:lang='zh'><seg>x</seg></tuv></tu>"
            "</body></tmx>",
            "before the TMX <header>",
            2,
        ),
        ("<?xml version='1.0'?>\n<xliff/>", "not a TMX file", 2),
        ("<tmx version='1.4'><body/></tmx>", "no <header>", None),
    ],
)
def test_malformed_tmx_gives_clear_error_with_line(
    tmp_path: Path, text: str, message: str, line: int | None
) -> None:
    path = tmp_path / "bad.tmx"
    path.write_text(text, "utf-8")
    with pytest.raises(FormatError) as info:
        read_tmx(path)
    assert message in str(info.value)
    assert info.value.line == line
    assert str(path) in str(info.value)


def test_external_entity_is_never_resolved(tmp_path: Path) -> None:
    path = tmp_path / "xxe.tmx"
    path.write_text(
        """<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<tmx version="1.4"><header srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>&xxe;</seg></tuv><tuv xml:lang="zh"><seg>x</seg></tuv></tu>
</body></tmx>""",
        "utf-8",
    )
    with pytest.raises(UnsafeInputError) as info:
        read_tmx(path)
    assert "root:" not in str(info.value)


def test_missing_empty_and_binary_inputs(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        read_tmx(tmp_path / "nope.tmx")
    empty = tmp_path / "empty.tmx"
    empty.write_bytes(b"")
    with pytest.raises(FormatError):
        read_tmx(empty)
    binary = tmp_path / "bin.tmx"
    binary.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(FormatError):
        read_tmx(binary)


def test_write_to_missing_folder_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        write_tmx(tmp_path / "no" / "out.tmx", [TranslationUnit("a", "b")])
    assert not (tmp_path / "no").exists()


def test_failed_write_leaves_no_partial_file(tmp_path: Path) -> None:
    path = tmp_path / "out.tmx"

    def units() -> object:
        yield TranslationUnit("a", "b")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_tmx(path, units())  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_streaming_reads_large_file(tmp_path: Path) -> None:
    path = tmp_path / "big.tmx"
    n = 20_000
    write_tmx(path, (TranslationUnit(f"句子{i}", f"sentence {i}", tuid=str(i)) for i in range(n)))
    count = 0
    for i, unit in enumerate(iter_tmx(path)):
        assert unit.tuid == str(i)
        count += 1
    assert count == n


def test_billion_laughs_is_refused_fast(tmp_path: Path) -> None:
    import time

    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    path = tmp_path / "lol.tmx"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY l0 "lol">{lol}]>\n'
        '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en">'
        "<seg>&l9;</seg></tuv></tu></body></tmx>",
        "utf-8",
    )
    start = time.monotonic()
    with pytest.raises(UnsafeInputError):
        read_tmx(path)
    assert time.monotonic() - start < 2.0


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.one_of(
        st.binary(max_size=300),
        xml_text.map(lambda t: t.encode("utf-8")),
        st.sampled_from(
            [
                b"<tmx>",
                b"<tmx><header/><body><tu/></body></tmx>",
                b"<tmx version='1.4'><header/><body><tu><tuv/></tu>",
            ]
        ),
    )
)
def test_random_bytes_never_crash(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.tmx"
    path.write_bytes(data)
    with contextlib.suppress(InputError):  # a typed error is fine; anything else is a bug
        list(iter_tmx(path))


any_text = st.text(alphabet=st.characters(), max_size=30)  # includes controls and lone surrogates


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(source=any_text, target=any_text, note=any_text, tuid=any_text)
def test_output_never_contains_xml_illegal_characters(
    tmp_path: Path, source: str, target: str, note: str, tuid: str
) -> None:
    path = tmp_path / "any.tmx"
    unit = TranslationUnit(source, target, tuid=tuid, notes=(note,), props=(("x-n", note),))
    result = write_tmx_counted(path, [unit])
    assert is_xml_text(path.read_bytes().decode("utf-8"))
    (back,) = read_tmx(path).units
    removed = sum(len(t) for t in (source, target, note, tuid, note)) - sum(
        len(t) for t in (back.source, back.target, back.notes[0], back.tuid or "", back.props[0][1])
    )
    assert removed == result.removed_chars
    assert all(is_xml_text(t) for t in (back.source, back.target, back.notes[0]))


def test_utf16_tmx_with_bom_is_read(tmp_path: Path) -> None:
    """Trados and other CAT tools export UTF-16 TMX files."""
    utf8 = tmp_path / "u8.tmx"
    write_tmx(utf8, [TranslationUnit("联合国 𠀀", "United Nations", tuid="1")])
    text = utf8.read_text("utf-8").replace("encoding='UTF-8'", "encoding='UTF-16'")
    utf16 = tmp_path / "u16.tmx"
    utf16.write_bytes(text.encode("utf-16"))
    assert read_tmx(utf16).units == read_tmx(utf8).units
