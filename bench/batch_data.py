"""The 8-pair batch folder used by the batch tests and `bench/batch_workers.py`.

Seven valid pairs made from the seed report (plain-text copies, real .docx files built with
zipfile + lxml from the seed text, and mixed .docx/.txt pairs) and one broken pair whose Chinese
file is empty.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parent.parent
SEED_ZH = REPO / "seeds" / "000_a932ec9d51e334cb.txt"
SEED_EN = REPO / "seeds" / "000_a932ec9d51e334cb.en.txt"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)

# name -> (zh kind, en kind); kinds: "txt", "docx", "empty"
PAIRS: dict[str, tuple[str, str]] = {
    "doc01": ("txt", "txt"),
    "doc02": ("txt", "txt"),
    "doc03": ("txt", "txt"),
    "doc04": ("docx", "docx"),
    "doc05": ("docx", "docx"),
    "doc06": ("docx", "txt"),
    "doc07": ("txt", "docx"),
    "doc08": ("empty", "txt"),
}
BROKEN = "doc08"


def paragraphs(seed: Path, lang: str) -> list[str]:
    """The seed's paragraphs as the text reader finds them (wrapping joined, furniture gone)."""
    from untm.aligner.read import read_document

    return [p.text for p in read_document(seed, lang).paragraphs]


def write_docx(dest: Path, paras: list[str]) -> None:
    """Write a minimal but real .docx (one w:p per paragraph) to `dest`."""
    doc = etree.Element(f"{{{W}}}document", nsmap={"w": W})
    body = etree.SubElement(doc, f"{{{W}}}body")
    for para in paras:
        p = etree.SubElement(body, f"{{{W}}}p")
        r = etree.SubElement(p, f"{{{W}}}r")
        t = etree.SubElement(r, f"{{{W}}}t")
        t.text = para
    xml = etree.tostring(doc, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("word/document.xml", xml)


def _write(dest_dir: Path, name: str, lang: str, kind: str) -> Path:
    seed = SEED_ZH if lang == "zh" else SEED_EN
    if kind == "docx":
        path = dest_dir / f"{name}.{lang}.docx"
        write_docx(path, paragraphs(seed, lang))
    elif kind == "empty":
        path = dest_dir / f"{name}.{lang}.txt"
        path.write_bytes(b"")
    else:
        path = dest_dir / f"{name}.{lang}.txt"
        shutil.copyfile(seed, path)
    return path


def build_pair_folder(dest_dir: Path, names: list[str] | None = None) -> list[str]:
    """Write the pairs (all eight, or the given names) into `dest_dir`; return their names."""
    dest_dir.mkdir(parents=True, exist_ok=True)
    chosen = names if names is not None else list(PAIRS)
    for name in chosen:
        zh_kind, en_kind = PAIRS[name]
        _write(dest_dir, name, "zh", zh_kind)
        _write(dest_dir, name, "en", en_kind)
    return chosen
