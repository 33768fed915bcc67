"""TBX / TSV / CSV exchange: TBX-Basic export restores into an empty glossary; interop; bad XML."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lxml import etree

from untm.errors import FormatError, GlossaryError, InputError, UnsafeInputError
from untm.glossary import open_glossary
from untm.glossary.builtin import builtin_concepts
from untm.glossary.exchange import read_glossary_file, write_glossary_file
from untm.glossary.matching import is_abbrev
from untm.glossary.store import UserStore
from untm.glossary.tabular import en_kind, make_concept
from untm.glossary.tbx import TBX_NS, read_tbx
from untm.glossary.term import Concept, GlossaryFile, Term


def _shape(concepts: tuple[Concept, ...] | list[Concept]) -> list[tuple[object, ...]]:
    return [(c.id, c.terms, c.domain, c.note) for c in concepts]


def test_tbx_export_has_150_bilingual_concepts_and_restores(tmp_path: Path) -> None:
    out = tmp_path / "un.tbx"
    assert write_glossary_file(out, builtin_concepts()) == len(builtin_concepts())
    root = etree.parse(str(out)).getroot()
    assert root.tag == f"{{{TBX_NS}}}tbx"
    assert root.get("type") == "TBX-Basic" and root.get("style") == "dca"
    ns = {"t": TBX_NS}
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    bilingual = 0
    for entry in root.iterfind(".//t:conceptEntry", ns):
        langs = {
            sec.get(xml_lang)
            for sec in entry.iterfind("t:langSec", ns)
            if sec.find("t:termSec/t:term", ns) is not None
        }
        bilingual += langs == {"zh", "en"}
    assert bilingual >= 150
    store = tmp_path / "empty.sqlite3"
    with UserStore(store) as user:
        summary = user.add(read_glossary_file(out).concepts)
    assert summary.added == len(builtin_concepts())
    restored = open_glossary(store, builtin=False)
    assert _shape(restored.concepts) == _shape(builtin_concepts())
    assert restored.term_pairs() == open_glossary(tmp_path / "none.sqlite3").term_pairs()


def test_csv_round_trip_is_exact(tmp_path: Path) -> None:
    out = tmp_path / "un.csv"
    write_glossary_file(out, builtin_concepts())
    back = read_glossary_file(out).concepts
    assert [(c.id, c.zh, c.en, c.domain, c.note) for c in back] == [
        (c.id, c.zh, c.en, c.domain, c.note) for c in builtin_concepts()
    ]


def test_omegat_tsv_is_read_by_translate_toolkit_and_regroups(tmp_path: Path) -> None:
    from translate.storage import omegat

    out = tmp_path / "glossary.txt"
    write_glossary_file(out, builtin_concepts())
    with out.open("rb") as fh:
        units = omegat.OmegaTFileTab(fh).units
    pairs = {(u.source, u.target) for u in units}
    assert ("人居署", "United Nations Human Settlements Programme") in pairs
    assert ("联合国人类住区规划署", "UN-Habitat") in pairs
    back = read_glossary_file(out).concepts
    assert len(back) == len(builtin_concepts())
    by_id = {c.id: c for c in back}
    assert set(by_id["un-habitat"].zh) == {"联合国人类住区规划署", "人居署", "联合国人居署"}
    assert "UN-Habitat" in by_id["un-habitat"].en


def test_plain_two_column_tsv_gbk(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_bytes(
        "方案发展处\tProgramme Development Branch\n城市股\tCities Unit\t环境署\n".encode("gb18030")
    )
    concepts = read_glossary_file(path).concepts
    assert [(c.zh, c.en) for c in concepts] == [
        (("方案发展处",), ("Programme Development Branch",)),
        (("城市股",), ("Cities Unit",)),
    ]
    assert concepts[1].note == "环境署"


def test_csv_with_simple_header(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("source,target,comment\n城市股,Cities Unit,UNEP\n", encoding="utf-8")
    concepts = read_glossary_file(path).concepts
    assert [(c.zh, c.en, c.note) for c in concepts] == [(("城市股",), ("Cities Unit",), "UNEP")]
    only_header = tmp_path / "empty.csv"
    only_header.write_text("source,target\n", encoding="utf-8")
    with pytest.raises(FormatError, match="no glossary rows"):
        read_glossary_file(only_header)


def test_tbx_v2_from_translate_toolkit_imports(tmp_path: Path) -> None:
    from translate.storage import tbx

    store = tbx.tbxfile()
    store.setsourcelanguage("zh-CN")
    store.settargetlanguage("en")
    unit = store.addsourceunit("绿色城市伙伴关系")  # type: ignore[no-untyped-call]
    unit.target = "Greener Cities Partnership"
    path = tmp_path / "tk.tbx"
    path.write_bytes(bytes(store))
    concepts = read_glossary_file(path).concepts
    assert len(concepts) == 1
    assert concepts[0].zh == ("绿色城市伙伴关系",)


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("empty.tbx", b"", FormatError),
        ("broken.tbx", b"<tbx><text><body>\n<conceptEntry id='a'>\n</tbx>", FormatError),
        ("notbx.tbx", b"<html><body/></html>", FormatError),
        ("bad.csv", b"id,domain,zh,zh_variants,en,en_variants,note\n,x,a,,b,,\n", FormatError),
        ("short.tsv", "只有一列\n".encode(), FormatError),
        ("glossary.docx", b"PK\x03\x04", InputError),
    ],
)
def test_bad_files_give_clear_errors(
    tmp_path: Path, name: str, data: bytes, error: type[Exception]
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(error) as info:
        read_glossary_file(path)
    assert name in str(info.value)


def test_malformed_tbx_error_has_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.tbx"
    path.write_bytes(b"<tbx>\n<text>\n<body>\n<conceptEntry id='a'>\n</body>\n</tbx>\n")
    with pytest.raises(FormatError) as info:
        read_glossary_file(path)
    assert info.value.line is not None


def test_tbx_entities_refused_fast(tmp_path: Path) -> None:
    lol = (
        b'<?xml version="1.0"?>\n<!DOCTYPE tbx [\n<!ENTITY a "aaaaaaaaaa">\n'
        + b"".join(
            f'<!ENTITY a{i} "{"&a;" * 10 if i == 1 else f"&a{i - 1};" * 10}">\n'.encode()
            for i in range(1, 9)
        )
        + b']>\n<tbx><text><body><conceptEntry id="x"><langSec xml:lang="en"><termSec>'
        b"<term>&a8;</term></termSec></langSec></conceptEntry></body></text></tbx>"
    )
    path = tmp_path / "lol.tbx"
    path.write_bytes(lol)
    start = time.monotonic()
    with pytest.raises(InputError):
        read_glossary_file(path)
    assert time.monotonic() - start < 5
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    xxe = (
        f'<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        '<tbx><text><body><conceptEntry id="x"><langSec xml:lang="en"><termSec>'
        "<term>&x;</term></termSec></langSec></conceptEntry></body></text></tbx>"
    )
    path = tmp_path / "xxe.tbx"
    path.write_text(xxe)
    with pytest.raises(UnsafeInputError) as info:
        read_glossary_file(path)
    assert "TOP-SECRET" not in str(info.value)


def _nonblank(excluded: str, max_size: int) -> st.SearchStrategy[str]:
    """Text with something besides white space, no controls and none of `excluded`."""
    return st.text(
        st.characters(blacklist_categories=("Cc", "Cs", "Cn"), blacklist_characters=excluded),
        min_size=1,
        max_size=max_size,
    ).filter(lambda t: t.strip() != "")


_TEXT = _nonblank("|", 12)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.lists(_TEXT, min_size=1, max_size=3), st.lists(_TEXT, min_size=1, max_size=3), _TEXT
        ),
        min_size=1,
        max_size=5,
    )
)
def test_tbx_and_csv_round_trip_random_concepts(
    tmp_path: Path, rows: list[tuple[list[str], list[str], str]]
) -> None:
    concepts = [
        make_concept(f"c{i}", zh, en, domain="d", note=note)
        for i, (zh, en, note) in enumerate(rows)
    ]
    for name in ("r.tbx", "r.csv"):
        path = tmp_path / name
        write_glossary_file(path, concepts)
        back = read_glossary_file(path).concepts
        assert [(c.id, c.zh, c.en, c.note) for c in back] == [
            (c.id, c.zh, c.en, c.note) for c in concepts
        ], name


def test_control_characters_refused() -> None:
    with pytest.raises(GlossaryError, match="forbidden character"):
        make_concept("x", ["人居\x00署"], ["UN-Habitat"])
    with pytest.raises(GlossaryError, match="forbidden character"):
        make_concept("x", ["人居署"], ["UN|Habitat"])
    assert make_concept("x", [" 人居署\t"], ["UN \n Habitat"]).en == ("UN Habitat",)


def test_concept_ids_with_control_characters_or_brackets_are_refused(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="concept id"):
        make_concept("a\x01b", ["人居署"], ["UN-Habitat"])
    with pytest.raises(GlossaryError, match="concept id"):
        make_concept(" \t", ["人居署"], ["UN-Habitat"])
    with pytest.raises(GlossaryError, match="starts with '#'"):  # a CSV comment line on import
        make_concept("#1", ["人居署"], ["UN-Habitat"])
    tsv = tmp_path / "bad-id.tsv"
    tsv.write_text("人居署\tUN-Habitat\t[ok] fine\n环境署\tUNEP\t[a\x01b] note\n", encoding="utf-8")
    with pytest.raises(FormatError) as info:
        read_glossary_file(tsv)
    assert (info.value.line, "U+0001") == (2, "U+0001") and "bad-id.tsv" in str(info.value)
    for cid in ("a\x01b", "x]"):
        csv_path = tmp_path / "bad-id.csv"
        csv_path.write_text(
            f"id,domain,zh,zh_variants,en,en_variants,note\n{cid},,人居署,,UN-Habitat,,\n",
            encoding="utf-8",
        )
        with pytest.raises(FormatError) as info:
            read_glossary_file(csv_path)
        assert info.value.line == 2
    tbx = tmp_path / "bad-id.tbx"
    tbx.write_text(
        f'<tbx xmlns="{TBX_NS}"><text><body>\n<conceptEntry id="x]"><langSec xml:lang="en">'
        "<termSec><term>UNEP</term></termSec></langSec></conceptEntry></body></text></tbx>",
        encoding="utf-8",
    )
    with pytest.raises(FormatError) as info:
        read_glossary_file(tbx)
    assert info.value.line == 2


def test_concept_ids_with_spaces_are_cleaned_the_same_way_by_every_reader(tmp_path: Path) -> None:
    tbx = tmp_path / "spaced.tbx"
    tbx.write_text(
        f'<tbx xmlns="{TBX_NS}"><text><body><conceptEntry id=" un\nhabitat ">'
        '<langSec xml:lang="zh"><termSec><term>人居署</term></termSec></langSec>'
        '<langSec xml:lang="en"><termSec>'
        "<term>UN-Habitat</term></termSec></langSec></conceptEntry></body></text></tbx>",
        encoding="utf-8",
    )
    concepts = read_glossary_file(tbx).concepts
    assert [c.id for c in concepts] == ["un_habitat"]
    assert make_concept("un  habitat", ["人居署"], ["UN-Habitat"]).id == "un_habitat"
    for name in ("back.tsv", "back.csv", "back.tbx"):
        write_glossary_file(tmp_path / name, concepts)
        assert [c.id for c in read_glossary_file(tmp_path / name).concepts] == ["un_habitat"]
    dup = tmp_path / "dup.csv"
    dup.write_text(
        "id,domain,zh,zh_variants,en,en_variants,note\n"
        "a b,,人居署,,UN-Habitat,,\na_b,,环境署,,UNEP,,\n",
        encoding="utf-8",
    )
    with pytest.raises(FormatError, match="duplicate concept id") as info:
        read_glossary_file(dup)
    assert info.value.line == 3


_ID = _nonblank("]", 10)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_ID)
def test_any_accepted_id_survives_every_export_format(tmp_path: Path, raw_id: str) -> None:
    assume(not raw_id.strip().startswith("#"))
    concept = make_concept(raw_id, ["人居署"], ["UN-Habitat"])
    assert concept.id and not any(ch.isspace() for ch in concept.id)
    for name in ("p.tsv", "p.csv", "p.tbx"):
        write_glossary_file(tmp_path / name, [concept])
        assert [c.id for c in read_glossary_file(tmp_path / name).concepts] == [concept.id], name


@given(st.text(st.sampled_from("AUNEPb-&./+0 19h"), max_size=8))
def test_english_kind_is_the_matchers_abbreviation_test(text: str) -> None:
    assert (en_kind(text) == "abbrev") == is_abbrev(text)


def test_tbx_reader_returns_the_same_record_as_the_exchange_layer(tmp_path: Path) -> None:
    path = tmp_path / "one.tbx"
    write_glossary_file(path, [make_concept("c1", ["人居署"], ["UN-Habitat"])])
    read = read_tbx(path)
    assert isinstance(read, GlossaryFile) and read == read_glossary_file(path)


def test_tbx_export_of_an_unclean_stored_concept_is_a_glossary_error(tmp_path: Path) -> None:
    # a concept built without make_concept (e.g. imported into a store before ids were checked)
    bad = Concept("a\x01b", (Term("人居署", "zh"), Term("UN-Habitat", "en")), origin="user")
    out = tmp_path / "x.tbx"
    with pytest.raises(GlossaryError, match="cannot be written as TBX"):
        write_glossary_file(out, [bad])
    assert not out.exists()
