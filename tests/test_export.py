"""The one registry of output formats (`untm.export`): how a name or an extension picks a format,
every format written from a real alignment and read back, the unit formats' round trip, and the
commands that now share it (align, review --export, batch's plan, tmx convert)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SEED_EN, SEED_ZH, run_untm
from hypothesis import given, settings
from hypothesis import strategies as st

from untm.aligner.alignfile import read_align
from untm.aligner.model import AlignmentResult
from untm.errors import OutputError
from untm.export import (
    OUTPUT_FORMATS,
    REVIEW_PAGE,
    AlignmentExport,
    UnitsExport,
    format_names,
    format_of,
    get_format,
    units_format_of,
)
from untm.export.review_page import glossary_pairs
from untm.pipeline import AlignOptions, align_files, to_units
from untm.report import render_report
from untm.tmx.tmx14 import read_tmx
from untm.tmx.tsv import read_tsv
from untm.tmx.unit import TranslationUnit
from untm.tmx.xliff import read_xliff

OPTIONS = AlignOptions(mode="fast", tgt_locale="en-GB")

#: a reader for each format that holds units: what the round trip reads back
UNIT_READERS: dict[str, Callable[[Path], list[TranslationUnit]]] = {
    "tmx": lambda path: read_tmx(path).units,
    "tsv": read_tsv,
    "xliff": read_xliff,
}


@pytest.fixture(scope="module")
def seed() -> AlignmentResult:
    return align_files(SEED_ZH, SEED_EN, OPTIONS)


def test_names_and_extensions_are_unique() -> None:
    names = format_names()
    assert names[:4] == ("tmx", "tsv", "align", "json")  # the order of messages and help
    assert len(set(names)) == len(names)
    extensions = [e for f in OUTPUT_FORMATS for e in f.extensions]
    assert len(set(extensions)) == len(extensions)
    assert all(e.startswith(".") and e == e.lower() for e in extensions)
    assert {f.name for f in OUTPUT_FORMATS if f.holds_units} == set(UNIT_READERS)


@pytest.mark.parametrize(
    ("path", "fmt", "name"),
    [
        ("out.tmx", None, "tmx"),
        ("OUT.TMX", None, "tmx"),
        ("out.xlf", None, "xliff"),
        ("out.xliff", None, "xliff"),
        ("out.htm", None, "html"),
        ("out.json", None, "json"),
        ("any.dat", "json", "json"),
        ("any.dat", ".align", "align"),
        ("any.dat", "XLF", "xliff"),
        ("out.tmx", "tsv", "tsv"),  # the option wins over the extension
    ],
)
def test_format_of_by_name_or_extension(path: str, fmt: str | None, name: str) -> None:
    assert format_of(path, fmt).name == name
    assert get_format(name).name == name


@pytest.mark.parametrize(
    ("path", "fmt", "shown"),
    [("out.docx", None, "'docx'"), ("out", None, "'(no extension)'"), ("o.tmx", "xml", "'xml'")],
)
def test_an_unknown_format_names_every_format(path: str, fmt: str | None, shown: str) -> None:
    with pytest.raises(OutputError) as caught:
        format_of(path, fmt)
    assert str(caught.value) == (
        f"{path}: unknown output format {shown}; use one of: "
        "tmx, tsv, align, json, xliff, html (or --format)"
    )
    with pytest.raises(KeyError):
        get_format("xlf")  # names only; extensions go through format_of


def test_units_formats_are_picked_by_extension_only() -> None:
    assert [units_format_of(p).name for p in ("a.tsv", "a.XLF", "a.xliff", "a.tmx")] == [
        "tsv", "xliff", "xliff", "tmx"]
    for path in ("a.align", "a.json", "a.html", "a"):
        with pytest.raises(OutputError, match=r"\(use \.tmx, \.tsv, \.xlf, \.xliff\)"):
            units_format_of(path)


def test_formats_without_units_refuse_units(tmp_path: Path) -> None:
    for f in OUTPUT_FORMATS:
        if f.holds_units:
            continue
        with pytest.raises(OutputError, match="holds links, not translation units"):
            f.write_units(UnitsExport([TranslationUnit("甲", "A")]), tmp_path / f"x{f.extension}")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", sorted(UNIT_READERS))
def test_unit_formats_from_an_alignment_hold_its_units(
    name: str, seed: AlignmentResult, tmp_path: Path
) -> None:
    fmt = get_format(name)
    props = [(("x-status", f"s{k}"),) for k in range(len(seed.links))]
    export = AlignmentExport(seed, OPTIONS, "seed.txt", link_props=props)
    out = tmp_path / f"seed{fmt.extension}"
    written = fmt.write_alignment(export, out)
    expected = to_units(seed, source_name="seed.txt", options=OPTIONS, link_props=props)
    back = UNIT_READERS[name](out)
    assert written.units == len(expected) == len(back) == 80
    assert [(u.source, u.target) for u in back] == [(u.source, u.target) for u in expected]
    if name != "tsv":  # TSV has no place for languages, ids or props
        assert {(u.src_lang, u.tgt_lang) for u in back} == {("zh-CN", "en-GB")}
        assert [(u.tuid, u.props) for u in back] == [(u.tuid, u.props) for u in expected]


def test_link_formats_from_an_alignment(seed: AlignmentResult, tmp_path: Path) -> None:
    export = AlignmentExport(seed, OPTIONS, "seed.txt", title="seed ↔ seed")
    get_format("align").write_alignment(export, tmp_path / "s.align")
    assert [(x.src, x.tgt) for x in read_align(tmp_path / "s.align")] == [
        (x.src, x.tgt) for x in seed.links]
    get_format("json").write_alignment(export, tmp_path / "s.json")
    data = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert data["document"] == "seed.txt" and data["languages"]["tgt"] == "en-GB"
    assert len(data["links"]) == len(seed.links) and data["summary"]["units"] == 80
    REVIEW_PAGE.write_alignment(export, tmp_path / "s.html")
    page = render_report(seed, title="seed ↔ seed", glossary_pairs=list(glossary_pairs()))
    assert (tmp_path / "s.html").read_text(encoding="utf-8") == page


def test_xliff_of_an_alignment_without_units_keeps_its_locales(tmp_path: Path) -> None:
    empty = AlignmentResult((), (), ())
    get_format("xliff").write_alignment(AlignmentExport(empty, OPTIONS, "e"), tmp_path / "e.xlf")
    text = (tmp_path / "e.xlf").read_text(encoding="utf-8")
    assert 'source-language="zh-CN" target-language="en-GB"' in text and 'original="e"' in text


@settings(max_examples=60, deadline=None)
@given(
    pairs=st.lists(st.tuples(st.text(max_size=30), st.text(max_size=30)), max_size=6)
)
def test_unit_formats_round_trip_their_text(pairs: list[tuple[str, str]]) -> None:
    """What each unit format writes, its reader gives back; XML-illegal characters (TMX,
    XLIFF) are removed and counted, never silently."""
    import tempfile

    from untm.tmx.xmlchars import clean_xml_text

    units = [TranslationUnit(s, t, "zh-CN", "en-US", tuid=str(n)) for n, (s, t) in enumerate(pairs)]
    with tempfile.TemporaryDirectory() as tmp:
        for name, reader in UNIT_READERS.items():
            fmt = get_format(name)
            written = fmt.write_units(UnitsExport(units), Path(tmp) / f"u{fmt.extension}")
            back = [(u.source, u.target) for u in reader(Path(tmp) / f"u{fmt.extension}")]
            if name == "tsv":
                assert back == pairs and written.removed_chars == 0
                continue
            cleaned = [(clean_xml_text(s)[0], clean_xml_text(t)[0]) for s, t in pairs]
            removed = sum(clean_xml_text(s)[1] + clean_xml_text(t)[1] for s, t in pairs)
            assert back == cleaned and written.removed_chars == removed
            assert written.units == len(units)


def test_align_writes_xliff_and_the_review_page(tmp_path: Path) -> None:
    """`untm align` takes every registered format, by extension; `-o x.html` writes the same
    page as `--report`."""
    zh, en = tmp_path / "a.zh.txt", tmp_path / "a.en.txt"
    zh.write_text(
        "一、背景\n\n1. 人居署通过了合作框架。\n\n2. 秘书长提交了报告。\n", encoding="utf-8"
    )
    en.write_text(
        "I. Background\n\n1. UN-Habitat adopted the cooperation framework.\n\n"
        "2. The Secretary-General submitted the report.\n",
        encoding="utf-8",
    )
    base = [str(zh), str(en), "--mode", "fast"]
    done = run_untm(["align", *base, "-o", str(tmp_path / "a.xlf")], tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    units = read_xliff(tmp_path / "a.xlf")
    assert [u.target for u in units][-1] == "2. The Secretary-General submitted the report."
    assert all(u.prop("x-document") == "a.zh.txt" for u in units)
    args = ["align", *base, "-o", str(tmp_path / "a.html"), "--report", str(tmp_path / "r.html")]
    done = run_untm(args, tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert page == (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<title>a.zh.txt ↔ a.en.txt — untm review</title>" in page


def test_batch_names_its_outputs_with_the_formats_extension(tmp_path: Path) -> None:
    from untm.batch import BatchOptions, PairSource, plan_batch
    from untm.batch.discover import Discovery

    found = Discovery((PairSource("p", tmp_path / "p.zh.txt", tmp_path / "p.en.txt"),))
    for name in format_names():
        plan = plan_batch(found, BatchOptions(out_dir=tmp_path, fmt=name))
        assert plan.jobs[0].output == str(tmp_path / f"p{get_format(name).extension}")


def test_review_export_counts_units_in_every_unit_format(tmp_path: Path) -> None:
    from review_helpers import gold_session

    from untm.review import export_session

    session = gold_session()
    for f in OUTPUT_FORMATS:
        out = tmp_path / f"s{f.extension}"
        summary = export_session(session, out)
        assert summary.format == f.name and out.exists()
        if f.holds_units:
            assert summary.units == len(UNIT_READERS[f.name](out)) > 0
            assert summary.units_by_status == {"auto": summary.units}
        else:
            assert (summary.units, summary.units_by_status) == (0, {})


def test_review_page_glossary_is_read_again_when_the_store_changes(tmp_path: Path) -> None:
    """The review page's glossary pairs are kept while the user store's files are unchanged
    (one read for a whole batch) and read again once anything wrote to it, here
    `add_user_concept` as `untm glossary add` does, with no call to forget them."""
    from untm.export.review_page import forget_glossary_pairs
    from untm.glossary import add_user_concept

    store = tmp_path / "g.sqlite3"
    add_user_concept("城市环境", "urban environment", path=store)
    first = glossary_pairs(store)
    assert ("城市环境", "urban environment") in first
    assert glossary_pairs(store) is first  # unchanged store: not read again
    add_user_concept("人居议程", "Habitat Agenda", path=store)
    second = glossary_pairs(store)
    assert ("人居议程", "Habitat Agenda") in second and second is not first
    forget_glossary_pairs()
    assert glossary_pairs(store) == second and glossary_pairs(store) is not second
