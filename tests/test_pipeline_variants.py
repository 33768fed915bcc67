"""Held-out-like variants of the seed pair, built as real files: P and R >= 0.90 each.

(a) clean text (one paragraph a line, no furniture), (b) each side lacking paragraphs the other
has, (c) both sides as .docx, (d) GBK + UTF-16 and UTF-8-BOM + CRLF encodings.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import GOLD, SEED_EN, SEED_ZH, SHARED_UN
from lxml import etree
from test_read_docx import build_docx

from untm.aligner.model import BlockKind, Document
from untm.aligner.read import read_document
from untm.pipeline import AlignOptions, align_files, gold_units, score_units, to_units

STEM = "000_a932ec9d51e334cb"

ZH = read_document(SEED_ZH, "zh")
EN = read_document(SEED_EN, "en")


def _squash(text: str) -> str:
    return "".join(text.split())


def _gold() -> list[tuple[str, str]]:
    return gold_units(GOLD / f"{STEM}.zh", GOLD / f"{STEM}.en", GOLD / f"{STEM}.align")


def _lines(doc: Document, drop: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    return "".join(
        f"{p.text}\n" for p in doc.paragraphs if not (p.kind is BlockKind.BODY and p.label in drop)
    )


def _check(zh: Path, en: Path, gold: list[tuple[str, str]]) -> None:
    result = align_files(zh, en, AlignOptions())
    units = to_units(result, source_name=zh.name)
    score = score_units([(u.source, u.target) for u in units], gold)
    assert score.precision >= 0.90 and score.recall >= 0.90, score


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_clean_text_without_furniture(tmp_path: Path) -> None:
    zh = _write(tmp_path, "clean.zh.txt", _lines(ZH).encode())
    en = _write(tmp_path, "clean.en.txt", _lines(EN).encode())
    _check(zh, en, _gold())


def test_each_side_lacks_paragraphs_the_other_has(tmp_path: Path) -> None:
    zh_drop, en_drop = {"5", "14"}, {"9", "22"}
    zh = _write(tmp_path, "cut.zh.txt", _lines(ZH, zh_drop).encode())
    en = _write(tmp_path, "cut.en.txt", _lines(EN, en_drop).encode())
    gone_zh = [_squash(p.text) for p in ZH.paragraphs if p.label in zh_drop]
    gone_en = [_squash(p.text) for p in EN.paragraphs if p.label in en_drop]
    gold = [
        (s, t)
        for s, t in _gold()
        if not any(_squash(s) in g for g in gone_zh) and not any(_squash(t) in g for g in gone_en)
    ]
    assert len(gold) < 80 - 4
    _check(zh, en, gold)


def _renumbered(doc: Document, drop: set[str]) -> str:
    out, shift = [], 0
    for p in doc.paragraphs:
        if p.kind is BlockKind.BODY and p.label in drop:
            shift += p.text.startswith(f"{p.label}. ")
            continue
        text = p.text
        if p.kind is BlockKind.BODY and p.label and text.startswith(f"{p.label}. "):
            text = f"{int(p.label) - shift}. {text[len(p.label) + 2 :]}"
        out.append(text)
    return "\n\n".join(out) + "\n"


def _unlabelled(text: str) -> str:
    return re.sub(r"^\d+\.\s*", "", text)


def test_each_side_lacks_paragraphs_and_was_renumbered(tmp_path: Path) -> None:
    zh_drop, en_drop = {"5", "14"}, {"9", "22"}
    zh = _write(tmp_path, "renum.zh.txt", _renumbered(ZH, zh_drop).encode())
    en = _write(tmp_path, "renum.en.txt", _renumbered(EN, en_drop).encode())
    assert "17. 若干举措" in zh.read_text(encoding="utf-8")
    gone_zh = [_squash(p.text) for p in ZH.paragraphs if p.label in zh_drop]
    gone_en = [_squash(p.text) for p in EN.paragraphs if p.label in en_drop]
    gold = [
        (_unlabelled(s), _unlabelled(t))
        for s, t in _gold()
        if not any(_squash(s) in g for g in gone_zh) and not any(_squash(t) in g for g in gone_en)
    ]
    units = to_units(align_files(zh, en, AlignOptions()), source_name="renum")
    score = score_units([(_unlabelled(u.source), _unlabelled(u.target)) for u in units], gold)
    assert score.precision >= 0.90 and score.recall >= 0.90, score


def test_both_sides_as_docx(tmp_path: Path) -> None:
    zh, en = tmp_path / "seed.zh.docx", tmp_path / "seed.en.docx"
    build_docx(zh, ZH.paragraphs, auto_numbering=False)
    build_docx(en, EN.paragraphs, auto_numbering=True)
    _check(zh, en, _gold())


def _raw_blocks_docx(source: Path, target: Path) -> None:
    """A .docx made the naive way: each blank-line block of the PDF text is one w:p, its hard
    wraps kept as w:br, page numbers and footnotes left in the body."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    doc = etree.Element(f"{{{w}}}document", nsmap={"w": w})
    body = etree.SubElement(doc, f"{{{w}}}body")
    raw = source.read_text(encoding="utf-8").replace("\f", "\n\n")
    for block in (b for b in re.split(r"\n\s*\n", raw) if b.strip()):
        p = etree.SubElement(body, f"{{{w}}}p")
        for k, line in enumerate(block.strip().split("\n")):
            run = etree.SubElement(p, f"{{{w}}}r")
            if k:
                etree.SubElement(run, f"{{{w}}}br")
            etree.SubElement(run, f"{{{w}}}t").text = line
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "word/document.xml", etree.tostring(doc, xml_declaration=True, encoding="UTF-8")
        )


def test_both_sides_as_naive_docx_from_pdf_blocks(tmp_path: Path) -> None:
    zh, en = tmp_path / "raw.zh.docx", tmp_path / "raw.en.docx"
    _raw_blocks_docx(SEED_ZH, zh)
    _raw_blocks_docx(SEED_EN, en)
    _check(zh, en, _gold())


ENCODINGS: dict[str, tuple[Callable[[str], bytes], Callable[[str], bytes]]] = {
    "gbk+utf16": (lambda t: t.encode("gbk"), lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le")),
    "bom+crlf": (
        lambda t: codecs.BOM_UTF8 + t.replace("\n", "\r\n").encode(),
        lambda t: t.replace("\n", "\r\n").encode(),
    ),
}


@pytest.mark.parametrize("variant", sorted(ENCODINGS))
def test_encodings_of_the_seed(tmp_path: Path, variant: str) -> None:
    enc_zh, enc_en = ENCODINGS[variant]
    zh = _write(tmp_path, "enc.zh.txt", enc_zh(SEED_ZH.read_text(encoding="utf-8")))
    en = _write(tmp_path, "enc.en.txt", enc_en(SEED_EN.read_text(encoding="utf-8")))
    _check(zh, en, _gold())


def test_control_characters_in_the_seed(tmp_path: Path) -> None:
    text = SEED_ZH.read_text(encoding="utf-8")
    text = text.replace("合作", "合\x00作", 3).replace("。", "。\x07", 5)
    zh = _write(tmp_path, "ctl.zh.txt", text.encode())
    result = align_files(zh, SEED_EN, AlignOptions())
    assert sum(1 for f in result.src_furniture if f.kind == "control-char") == 8
    units = to_units(result, source_name="ctl")
    assert not any("\x00" in u.source or "\x07" in u.source for u in units)
    score = score_units([(u.source, u.target) for u in units], _gold())
    assert score.precision >= 0.90 and score.recall >= 0.90, score


UN = SHARED_UN / "ecosoc2023"


@pytest.mark.skipif(not UN.exists(), reason="../shared/un not present")
def test_real_un_documents_one_sentence_a_line() -> None:
    """Seven real 2023 UN document pairs read as documents (not presegmented), fast mode."""
    matched = produced = wanted = 0
    for zh in sorted(UN.glob("*.zh.txt")):
        en = zh.with_name(zh.name.replace(".zh.txt", ".en.txt"))
        pairs = zh.with_name(zh.name.replace(".zh.txt", ".pairs.tsv"))
        zh_lines = zh.read_text(encoding="utf-8").splitlines()
        en_lines = en.read_text(encoding="utf-8").splitlines()
        rows = [line.split("\t") for line in pairs.read_text(encoding="utf-8").splitlines()[1:]]
        gold = [(zh_lines[int(r[1])], en_lines[int(r[0])]) for r in rows]
        result = align_files(zh, en, AlignOptions(mode="fast"))
        units = to_units(result, source_name=zh.name)
        score = score_units([(u.source, u.target) for u in units], gold)
        matched, produced, wanted = (
            matched + score.matched,
            produced + score.produced,
            wanted + score.gold,
        )
    assert matched / produced >= 0.95 and matched / wanted >= 0.95, (matched, produced, wanted)
