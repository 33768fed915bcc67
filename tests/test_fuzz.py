"""Property and fuzz tests across modules (hypothesis), complementing the per-module ones:

- a whole document (random paragraphs of every kind) segments so that every content character is
  in exactly one segment, in order, tagged with its own paragraph;
- a read file (random text lines, some control characters) keeps every printable character;
- the document pipeline covers every segment of both sides exactly once and counts what it
  leaves out (units + unaligned == segments);
- every reader (text, docx, html, pdf, tmx, tbx, xliff, srx, .align, glossary tables) given random
  bytes or a valid file with random byte edits ends in a document or an `UntmError`, nothing else;
- the CLI on random input never reports an internal error.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import GOLD, REPO, SEED_EN, SEED_ZH
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from input_readers import READERS as INPUT_READERS
from input_readers import SUFFIXES
from typer.testing import CliRunner

from untm.aligner.model import AlignmentResult, BlockKind, Document, Paragraph
from untm.aligner.segment import segment_document
from untm.errors import UntmError

STEM = "000_a932ec9d51e334cb"


def fuzz(examples: int) -> settings:
    """Hypothesis settings of this module: no deadline (shared 2-core machine), tmp_path is fine."""
    return settings(max_examples=examples, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


# Text that looks like UN documents: CJK, Latin, digits, both kinds of punctuation, spaces.
_ALPHABET = st.sampled_from(
    [*"联合国大会秘书长报告人居署决议第一二三四", *"abcXYZ Secretary", *"0123456789０１２",
     *"。．，、；：？！…“”（）.,;:?!()\"' \t", "\u3000", "\xa0"]
)
para_text = st.text(alphabet=_ALPHABET, max_size=160)
kinds = st.sampled_from(list(BlockKind))


def _squash(text: str) -> str:
    return "".join(text.split())


@fuzz(150)
@given(paras=st.lists(st.tuples(para_text, kinds), max_size=12), lang=st.sampled_from(["zh", "en"]))
def test_document_segmentation_keeps_every_character_once(
    paras: list[tuple[str, BlockKind]], lang: str
) -> None:
    doc = Document(
        path="<fuzz>", lang=lang,
        paragraphs=tuple(Paragraph(i, text, kind, None) for i, (text, kind) in enumerate(paras)),
        furniture=(), encoding="utf-8",
    )
    segments = segment_document(doc)
    assert [s.index for s in segments] == list(range(len(segments)))
    assert [s.paragraph for s in segments] == sorted(s.paragraph for s in segments)
    for para in doc.paragraphs:
        mine = [s for s in segments if s.paragraph == para.index]
        assert _squash("".join(s.text for s in mine)) == _squash(para.text)
        assert all(s.text.strip() == s.text and s.text for s in mine)
        assert all(s.kind == para.kind for s in mine)
        if para.kind in (BlockKind.HEADING, BlockKind.COVER):
            assert len(mine) <= 1


_LINE = st.text(alphabet=st.sampled_from([*"联合国大会秘书长的报告。，；", "\x00", "\x07",
                                          "\u200b", " "]), min_size=1, max_size=60)


@fuzz(60)
@given(lines=st.lists(_LINE, min_size=1, max_size=15), crlf=st.booleans())
def test_read_then_segment_keeps_printable_characters(
    lines: list[str], crlf: bool, tmp_path: Path
) -> None:
    """Text file → read_document → segments: all printable characters survive, controls are
    counted as furniture; only (counted) furniture like labels/page numbers may be split off."""
    from untm.aligner.read import read_document

    text = ("\r\n" if crlf else "\n").join(lines) + "\n"
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode("utf-8"))
    try:
        doc = read_document(path, "zh")
    except UntmError:
        return  # e.g. nothing left after cleaning, or too many controls for a text file
    controls = sum(1 for ch in text if not ch.isprintable() and ch not in "\r\n")
    assert sum(1 for f in doc.furniture if f.kind == "control-char") == controls
    segments = segment_document(doc)
    got = _squash("".join(s.text for s in segments))
    printable = _squash("".join(ch for ch in text if ch.isprintable()))
    assert got == printable


# --- the pipeline: coverage and counting --------------------------------------------------------
@cache
def _gold_lines() -> tuple[list[str], list[str]]:
    zh = (GOLD / f"{STEM}.zh").read_text(encoding="utf-8").splitlines()
    en = (GOLD / f"{STEM}.en").read_text(encoding="utf-8").splitlines()
    return zh, en


def _check_coverage(result: AlignmentResult) -> None:
    from untm.pipeline import summarize, to_units

    n_src, n_tgt = len(result.src_segments), len(result.tgt_segments)
    assert sorted(i for lk in result.links for i in lk.src) == list(range(n_src))
    assert sorted(j for lk in result.links for j in lk.tgt) == list(range(n_tgt))
    # (links may cross between blocks, e.g. footnotes placed differently on the two sides; the
    # sentence aligner inside a block is monotone and tested so by engineer B)
    for link in result.links:
        assert link.src or link.tgt
        assert list(link.src) == sorted(link.src) and list(link.tgt) == sorted(link.tgt)
        assert 0.0 <= link.score <= 1.0
    summary = summarize(result)
    units = to_units(result, source_name="fuzz")
    assert summary.units == len(units)
    in_full = sum(len(lk.src) for lk in result.links if lk.src and lk.tgt)
    assert in_full + summary.unaligned_zh == n_src
    in_full_en = sum(len(lk.tgt) for lk in result.links if lk.src and lk.tgt)
    assert in_full_en + summary.unaligned_en == n_tgt


@fuzz(12)
@given(data=st.data())
def test_pipeline_covers_every_segment_once(data: st.DataObject, tmp_path: Path) -> None:
    """Random slices of the gold sentences (one paragraph per line), some dropped or doubled."""
    from untm.pipeline import AlignOptions, align_files

    zh_all, en_all = _gold_lines()
    start = data.draw(st.integers(0, len(zh_all) - 2), label="start")
    zh = zh_all[start:start + data.draw(st.integers(1, 15), label="zh_len")]
    shift = data.draw(st.integers(-3, 3), label="shift")
    en_start = min(max(0, start + shift), len(en_all) - 1)
    en = en_all[en_start:en_start + data.draw(st.integers(1, 15), label="en_len")]
    drop = data.draw(st.sets(st.integers(0, 14), max_size=3), label="drop")
    zh = [s for k, s in enumerate(zh) if k not in drop] or zh[:1]
    (tmp_path / "a.zh.txt").write_text("\n\n".join(zh) + "\n", encoding="utf-8")
    (tmp_path / "a.en.txt").write_text("\n\n".join(en) + "\n", encoding="utf-8")
    try:
        result = align_files(tmp_path / "a.zh.txt", tmp_path / "a.en.txt",
                             AlignOptions(mode="fast"))
    except UntmError:
        return  # e.g. a slice of only numbers fails the language check: a clean refusal
    _check_coverage(result)


def test_pipeline_coverage_on_the_whole_seed() -> None:
    from untm.pipeline import AlignOptions, align_files

    _check_coverage(align_files(SEED_ZH, SEED_EN, AlignOptions(mode="fast")))


# --- every reader: random bytes and mutated valid files -----------------------------------------
def _seed_docx() -> bytes:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paras = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>"
                    for line in SEED_ZH.read_text(encoding="utf-8").splitlines()[:12] if line)
    doc = (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}"><w:body>{paras}'
           "</w:body></w:document>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", doc)
    return buf.getvalue()


@cache
def _valid(kind: str) -> bytes:
    """A small valid file of each kind, built with our own writers from real data."""
    from untm.tmx.unit import TranslationUnit

    units = [TranslationUnit("秘书长的报告", "Report of the Secretary-General", tuid="1"),
             TranslationUnit("大会", "General Assembly", props=(("x-score", "0.9"),))]
    if kind in ("tmx", "tmx-validate"):
        import tempfile

        from untm.tmx.tmx14 import write_tmx

        with tempfile.TemporaryDirectory() as tmp:
            write_tmx(Path(tmp) / "v.tmx", units)
            return (Path(tmp) / "v.tmx").read_bytes()
    if kind == "xliff":
        import tempfile

        from untm.tmx.xliff import write_xliff

        with tempfile.TemporaryDirectory() as tmp:
            write_xliff(Path(tmp) / "v.xlf", units)
            return (Path(tmp) / "v.xlf").read_bytes()
    if kind == "tbx":
        from untm.glossary.builtin import load_builtin
        from untm.glossary.tbx import tbx_bytes

        return tbx_bytes(load_builtin().concepts[:5])
    if kind == "srx":
        return (REPO / "aligner" / "rules" / "untm.srx").read_bytes()  # whole: a cut is no XML
    if kind == "docx":
        return _seed_docx()
    if kind in ("odt", "fodt", "rtf"):
        import tempfile

        from docgen import fodt, odt_bytes, write_rtf
        from pdfgen import seed_items

        items = seed_items("zh", extras=True)[:16]
        if kind == "rtf":
            with tempfile.TemporaryDirectory() as tmp:
                return write_rtf(items, "zh", Path(tmp) / "v.rtf", escapes="gbk").read_bytes()
        body = "".join(f"<text:p>{i.text}</text:p>" for i in items if i.kind != "row")
        return odt_bytes(body) if kind == "odt" else fodt(body).encode("utf-8")
    if kind == "html":
        return ("<html><body><h1>报告</h1>" + "".join(
            f"<p>{line}</p>" for line in SEED_ZH.read_text(encoding="utf-8").splitlines()[:10])
            + "</body></html>").encode("utf-8")
    if kind == "text":
        return SEED_ZH.read_bytes()[:3000]
    if kind == "pdf":  # the first paragraphs of the seed as a small UN-style PDF
        import tempfile

        from pdfgen import LAYOUTS, render_pdf, seed_items

        with tempfile.TemporaryDirectory() as tmp:
            items = seed_items("zh", extras=False)[:14]
            return render_pdf(items, "zh", LAYOUTS[0], Path(tmp) / "v.pdf").read_bytes()
    if kind == "align":
        return (GOLD / f"{STEM}.align").read_bytes()
    if kind == "table":
        return "zh\ten\n大会\tGeneral Assembly\n秘书长\tSecretary-General\n".encode()
    raise AssertionError(kind)


READERS: dict[str, tuple[str, Callable[[Path], Any]]] = {
    kind: (SUFFIXES[kind], reader) for kind, reader in INPUT_READERS.items()
}


def _survives(kind: str, data: bytes, folder: Path) -> None:
    suffix, reader = READERS[kind]
    path = folder / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        reader(path)
    except UntmError as exc:
        assert str(exc).strip() and "\n" not in str(exc).strip(), repr(str(exc))


@fuzz(60)
@given(kind=st.sampled_from(sorted(READERS)), data=st.binary(max_size=2000))
def test_random_bytes_never_crash_a_reader(kind: str, data: bytes, tmp_path: Path) -> None:
    _survives(kind, data, tmp_path)


edits = st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=8)


@fuzz(200)
@given(kind=st.sampled_from(sorted(READERS)), changes=edits,
       cut=st.one_of(st.none(), st.floats(0, 1)))
def test_mutated_valid_files_never_crash_a_reader(
    kind: str, changes: list[tuple[float, int]], cut: float | None, tmp_path: Path
) -> None:
    data = bytearray(_valid(kind))
    assume(changes or cut is not None)
    for where, byte in changes:
        data[int(where * len(data))] = byte
    if cut is not None:
        del data[int(cut * len(data)):]
    _survives(kind, bytes(data), tmp_path)


@fuzz(80)
@given(changes=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.binary(min_size=1,
                                                                            max_size=6)),
                        min_size=1, max_size=6))
def test_mutated_pdfs_never_crash_the_pdf_reader(
    changes: list[tuple[float, bytes]], tmp_path: Path
) -> None:
    """PDFs with bytes overwritten anywhere (object headers, xref, content and font streams)."""
    data = bytearray(_valid("pdf"))
    for where, chunk in changes:
        at = int(where * len(data))
        data[at:at + len(chunk)] = chunk
    _survives("pdf", bytes(data), tmp_path)


@pytest.mark.parametrize("kind", sorted(READERS))
def test_the_valid_seed_files_read(kind: str, tmp_path: Path) -> None:
    """The unmutated inputs are valid, so the mutation test starts from real documents."""
    suffix, reader = READERS[kind]
    path = tmp_path / f"ok{suffix}"
    path.write_bytes(_valid(kind))
    result = reader(path)
    assert result is not None and (kind != "tmx-validate" or result == [])


# --- the CLI on random input --------------------------------------------------------------------
@fuzz(40)
@given(data=st.binary(max_size=800),
       argv=st.sampled_from([["segment", "{f}.txt", "--lang", "zh"], ["tmx", "stats", "{f}.tmx"],
                             ["eval", "{f}.align", "{f}.align"], ["tmx", "validate", "{f}.tmx"],
                             ["glossary", "check", "{f}.tmx"]]))
def test_cli_on_random_input_never_fails_internally(
    data: bytes, argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from untm.cli import app

    monkeypatch.setenv("UNTM_GLOSSARY", str(tmp_path / "g.sqlite3"))
    base = tmp_path / "in"
    args = [a.format(f=base) for a in argv]
    Path(args[-1] if argv[0] != "segment" else args[1]).write_bytes(data)
    res = CliRunner().invoke(app, args)
    assert res.exit_code in (0, 1, 2), (res.exit_code, res.stderr)
    assert "internal error" not in res.stderr and "Traceback" not in res.stderr
    assert res.exception is None or isinstance(res.exception, SystemExit)
