"""Every word-processor format reads to the same units as its .docx source.

The seed pair (with two numbered footnotes and a table; en with Word's automatic numbering) is
written as a .docx with python-docx and converted by LibreOffice to .doc, .odt, .fodt and .rtf
(`conftest.seed_word_docs`, once per session); RTF is also written by hand with GBK `\\'hh`
escapes and with `\\uN` escapes. Each pair must align to the units of the .docx pair and of the
seed gold (plus the extras' gold) at P = R >= .98, its running header and footer reported as
furniture and never in a unit. A `.doc` needs LibreOffice: without it, one line of advice and
exit 2 through the installed `untm` script.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import GOLD, UNTM, needs_shared
from docgen import FOOTER, GOLD_EXTRA, HEADER, seed, soffice, write_rtf

from untm.aligner.read import document_format, read_document
from untm.pipeline import AlignOptions, align_files, gold_units, score_units, to_units

STEM = "000_a932ec9d51e334cb"
needs_soffice = pytest.mark.skipif(
    soffice() is None, reason="LibreOffice (soffice) is not installed: scripts/system-deps.sh"
)
pytestmark = needs_shared(GOLD)


def _units(zh: Path, en: Path) -> tuple[list[tuple[str, str]], object]:
    result = align_files(zh, en, AlignOptions())
    return [(u.source, u.target) for u in to_units(result, source_name=zh.name)], result


@pytest.fixture(scope="module")
def docx_units(seed_word_docs: dict[str, tuple[Path, Path]]) -> list[tuple[str, str]]:
    return _units(*seed_word_docs["docx"])[0]


def _gold() -> list[tuple[str, str]]:
    gold = gold_units(GOLD / f"{STEM}.zh", GOLD / f"{STEM}.en", GOLD / f"{STEM}.align")
    return gold + list(GOLD_EXTRA)


def _check_same_units(zh: Path, en: Path, source_units: list[tuple[str, str]]) -> None:
    units, result = _units(zh, en)
    for reference in (source_units, _gold()):
        score = score_units(units, reference)
        assert score.precision >= 0.98 and score.recall >= 0.98, (zh.name, score)
    for side, lang in (("src_furniture", "zh"), ("tgt_furniture", "en")):
        kinds = {f.kind: f.text for f in getattr(result, side)}
        assert kinds.get("running-header") == HEADER[lang]
        # the hand-written RTF's footer also has a page-number field (its result, "1")
        assert kinds.get("running-footer", "").startswith(" ".join(FOOTER[lang].split()))
    everything = " ".join(s + t for s, t in units)
    assert HEADER["zh"] not in everything and "GE.23-04567" not in everything


def test_docx_source_matches_the_gold(docx_units: list[tuple[str, str]]) -> None:
    score = score_units(docx_units, _gold())
    assert score.precision >= 0.98 and score.recall >= 0.98, score


@needs_soffice
@pytest.mark.parametrize("fmt", ["odt", "fodt", "rtf", "doc"])
def test_libreoffice_conversions_align_like_the_docx(
    seed_word_docs: dict[str, tuple[Path, Path]], docx_units: list[tuple[str, str]], fmt: str
) -> None:
    zh, en = seed_word_docs[fmt]
    assert document_format(zh) == fmt
    _check_same_units(zh, en, docx_units)


@needs_soffice
@pytest.mark.parametrize("fmt", ["odt", "fodt", "rtf", "doc"])
def test_conversions_read_to_the_docx_paragraphs(
    seed_word_docs: dict[str, tuple[Path, Path]], fmt: str
) -> None:
    for k, lang in enumerate(("zh", "en")):
        source = read_document(seed_word_docs["docx"][k], lang)
        converted = read_document(seed_word_docs[fmt][k], lang)
        assert [(p.kind, p.label, p.text) for p in converted.paragraphs] == [
            (p.kind, p.label, p.text) for p in source.paragraphs
        ]


@pytest.mark.parametrize("escapes", ["gbk", "unicode"])
def test_hand_written_rtf_aligns_like_the_docx(
    tmp_path: Path, docx_units: list[tuple[str, str]], escapes: str
) -> None:
    zh = write_rtf(seed("zh"), "zh", tmp_path / "seed.zh.rtf", escapes=escapes)
    en = write_rtf(seed("en"), "en", tmp_path / "seed.en.rtf", escapes=escapes)
    _check_same_units(zh, en, docx_units)


def test_gbk_and_unicode_escaped_rtf_read_the_same(tmp_path: Path) -> None:
    gbk = write_rtf(seed("zh"), "zh", tmp_path / "gbk.zh.rtf", escapes="gbk")
    uni = write_rtf(seed("zh"), "zh", tmp_path / "uni.zh.rtf", escapes="unicode")
    assert b"\\'c1\\'aa\\'ba\\'cf\\'b9\\'fa" in gbk.read_bytes()  # 联合国 in GBK escapes
    assert b"\\u-32684?" in uni.read_bytes()  # 联 U+8054 as a signed \uN, then its fallback
    a, b = read_document(gbk, "zh"), read_document(uni, "zh")
    assert a.paragraphs == b.paragraphs and a.furniture == b.furniture
    assert a.encoding == "gbk"
    assert a.paragraphs[0].text == "联合国人类住区规划署联合国人居大会"


# --- content, not the name ---------------------------------------------------------------------
def test_a_doc_that_is_really_rtf_html_or_docx_is_read_by_its_content(
    tmp_path: Path, seed_word_docs: dict[str, tuple[Path, Path]]
) -> None:
    rtf = write_rtf(seed("en"), "en", tmp_path / "rtf.rtf", escapes="unicode")
    html = tmp_path / "page.html"
    html.write_text("<!DOCTYPE html><html><body><h1>I. Background</h1><p>1. The United Nations "
                    "Human Settlements Programme.</p></body></html>", encoding="utf-8")
    for source, fmt in ((rtf, "rtf"), (html, "html"), (seed_word_docs["docx"][1], "docx")):
        disguised = tmp_path / f"{fmt}-named.doc"
        shutil.copyfile(source, disguised)
        assert document_format(disguised) == fmt
        assert read_document(disguised, "en").paragraphs == read_document(source, "en").paragraphs
    as_text = tmp_path / "rtf-named.txt"
    shutil.copyfile(rtf, as_text)
    assert document_format(as_text) == "rtf"
    assert not any("\\rtf" in p.text for p in read_document(as_text, "en").paragraphs)


def test_an_rtf_without_its_signature_is_refused(tmp_path: Path) -> None:
    from untm.errors import FormatError

    path = tmp_path / "x.rtf"
    path.write_text("Plain text that claims to be RTF.", encoding="utf-8")
    with pytest.raises(FormatError, match="not an RTF file"):
        read_document(path, "en")


# --- .doc without LibreOffice --------------------------------------------------------------------
def test_doc_without_libreoffice_gives_one_line_of_advice(
    tmp_path: Path, seed_word_docs: dict[str, tuple[Path, Path]]
) -> None:
    doc = tmp_path / "report.zh.doc"
    # an OLE2 compound file (Word 97-2003) header: what the content sniffer recognises
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    out = tmp_path / "out.tmx"
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    env = {**os.environ, "PATH": str(empty_bin), "NO_COLOR": "1",
           "XDG_DATA_HOME": str(tmp_path / "data"), "UNTM_GLOSSARY": str(tmp_path / "g.sqlite3")}
    env.pop("UNTM_DEBUG", None)
    proc = subprocess.run([UNTM, "align", str(doc), str(seed_word_docs["docx"][1]), "-o", str(out)],
                          capture_output=True, text=True, timeout=300, env=env, check=False)
    assert proc.returncode == 2, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    assert "soffice --headless --convert-to docx report.zh.doc" in lines[0]
    assert "Traceback" not in proc.stderr
    assert not out.exists()
    assert not any(tmp_path.glob(".out.tmx.*"))


@needs_soffice
def test_doc_conversion_leaves_nothing_behind(
    tmp_path: Path, seed_word_docs: dict[str, tuple[Path, Path]], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    from untm.aligner.readers.doc import converted_to_docx

    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)
    with converted_to_docx(seed_word_docs["doc"][0]) as docx:
        assert docx.is_file() and docx.stat().st_size > 0
        assert document_format(docx) == "docx"
    assert list(tmp_path.iterdir()) == []


# --- everywhere: segment, batch, review -------------------------------------------------------
def test_segment_reads_rtf(tmp_path: Path) -> None:
    rtf = write_rtf(seed("zh"), "zh", tmp_path / "seed.zh.rtf", escapes="gbk")
    proc = subprocess.run([UNTM, "segment", str(rtf), "--lang", "zh"], capture_output=True,
                          text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "联合国人类住区规划署" in proc.stdout and "\\'" not in proc.stdout


@needs_soffice
def test_batch_with_doc_and_docx_mixed(
    tmp_path: Path, seed_word_docs: dict[str, tuple[Path, Path]]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copyfile(seed_word_docs["doc"][0], folder / "seed.zh.doc")
    shutil.copyfile(seed_word_docs["docx"][1], folder / "seed.en.docx")
    shutil.copyfile(seed_word_docs["odt"][0], folder / "odt.zh.odt")
    shutil.copyfile(seed_word_docs["rtf"][1], folder / "odt.en.rtf")
    out = tmp_path / "out"
    proc = subprocess.run([UNTM, "batch", str(folder), "-o", str(out), "--mode", "fast", "-q"],
                          capture_output=True, text=True, timeout=900, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (out / "seed.tmx").is_file() and (out / "odt.tmx").is_file()
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["totals"]["ok"] == 2 and summary["totals"]["failed"] == 0, summary
    assert all(d["units"] >= 85 for d in summary["documents"]), summary


@needs_soffice
def test_review_session_of_odt_pair_keeps_the_furniture(
    seed_word_docs: dict[str, tuple[Path, Path]]
) -> None:
    from untm.review.session import session_from_files
    from untm.review.view import summary_view

    session = session_from_files(*seed_word_docs["odt"], AlignOptions(mode="fast"))
    view = summary_view(session)
    text = json.dumps(view, ensure_ascii=False)
    assert "running-header" in text and HEADER["zh"] in text
