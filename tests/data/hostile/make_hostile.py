"""Rebuild the kept hostile and awkward inputs in this folder (deterministic; see README.md).

Run from the repository root: `python tests/data/hostile/make_hostile.py`. Every file is small
(the biggest are the seed transcodings, ~30 KB); the zip bomb inflates to 4 MB but is 5 KB.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent.parent.parent / "seeds"
SEED_ZH = SEEDS / "000_a932ec9d51e334cb.txt"
SEED_EN = SEEDS / "000_a932ec9d51e334cb.en.txt"

TMX_HEAD = (
    '<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" '
    'o-tmf="x" adminlang="en-US" srclang="zh-CN" datatype="plaintext"/>\n'
)
TBX_OPEN = (
    '<tbx type="TBX-Basic" style="dct" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">'
    "<text><body>\n"
)
XLIFF_OPEN = (
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
    '<file original="x" source-language="zh-CN" target-language="en-US" datatype="plaintext">'
    "<body>\n"
)
SRX_OPEN = (
    '<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header segmentsubflows="yes" '
    'cascade="yes"/><body><languagerules><languagerule languagerulename="zh">\n'
)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
XXE = '<!DOCTYPE {root} [\n  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n'
LAUGHS = "".join(
    ['<!DOCTYPE {root} [\n  <!ENTITY lol "lol">\n']
    + [
        f'  <!ENTITY lol{i} "' + ("&lol;" if i == 1 else f"&lol{i - 1};") * 10 + '">\n'
        for i in range(1, 10)
    ]
    + ["]>\n"]
)
FULL_WIDTH = {ord(c): ord(c) + 0xFEE0 for c in "0123456789()%,.:;"}


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def _docx(document_xml: bytes, *, member_bytes: bytes | None = None) -> bytes:
    buf = io.BytesIO()
    stamp = (2026, 1, 1, 0, 0, 0)  # fixed, so the files rebuild byte for byte
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, data in (("[Content_Types].xml", CONTENT_TYPES.encode()),
                           ("word/document.xml",
                            member_bytes if member_bytes is not None else document_xml)):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data, compresslevel=9)
    return buf.getvalue()


def _doc_xml(body: str, doctype: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}<w:document xmlns:w="{W}"><w:body>'
            f"{body}</w:body></w:document>").encode()


def _controls(text: str) -> str:
    """Sprinkle NUL, BEL, ESC, DEL-ish C0/C1 and zero-width characters inside sentences."""
    rng = random.Random(7)
    specials = ["\x00", "\x01", "\x07", "\x1b", "\x7f", "\u200b", "\ufeff", "\x0b"]
    out: list[str] = []
    n = 0
    for ch in text:
        out.append(ch)
        if ch in "，的" and rng.random() < 0.15 and n < 60:
            out.append(specials[n % len(specials)])
            n += 1
    return "".join(out)


def build() -> dict[str, bytes]:
    zh = SEED_ZH.read_text(encoding="utf-8")
    en = SEED_EN.read_text(encoding="utf-8")
    rng = random.Random(20261124)
    files: dict[str, bytes] = {}
    # --- bad inputs: each must end in a one-line error --------------------------------------
    files["bad/empty.txt"] = b""
    files["bad/whitespace_only.txt"] = b" \n\t\n\r\n   \n"
    files["bad/random_bytes.bin"] = bytes(rng.randrange(256) for _ in range(4096))
    files["bad/pixel.png"] = _png()
    files["bad/nul_bytes.txt"] = b"\x00" * 64
    files["bad/shift_jis_japanese.txt"] = ("国際連合の報告書です。" * 20).encode("shift_jis")
    files["bad/not_a_zip.docx"] = zh[:400].encode("utf-8")
    one_paragraph = _doc_xml("<w:p><w:r><w:t>秘书长的报告</w:t></w:r></w:p>")
    files["bad/truncated.docx"] = _docx(one_paragraph)[:300]
    files["bad/zip_bomb.docx"] = _docx(b"", member_bytes=b"<" + b" " * (4 * 1024 * 1024) + b">")
    damaged = bytearray(_docx(one_paragraph))
    at = damaged.find(b"PK\x01\x02", damaged.find(b"PK\x01\x02") + 4)
    struct.pack_into("<H", damaged, at + 6, 178)  # "version needed to extract": 17.8
    files["bad/damaged_zip_version.docx"] = bytes(damaged)
    files["bad/xxe_passwd.docx"] = _docx(
        _doc_xml("<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", XXE.format(root="w:document")))
    files["bad/malformed_line3.docx"] = _docx(
        b'<?xml version="1.0"?>\n<w:document xmlns:w="' + W.encode() + b'">\n<w:body><w:p>\n'
        b"</w:body></w:document>\n")
    files["bad/xxe_passwd.tmx"] = (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + XXE.format(root="tmx") + TMX_HEAD
        + '<body><tu><tuv xml:lang="zh-CN"><seg>秘书长</seg></tuv>'
        '<tuv xml:lang="en-US"><seg>&xxe;</seg></tuv></tu></body></tmx>\n').encode()
    files["bad/xxe_parameter_entity.tmx"] = (
        '<?xml version="1.0"?>\n<!DOCTYPE tmx [ <!ENTITY % p SYSTEM "file:///etc/passwd"> %p; ]>\n'
        + TMX_HEAD + "<body/></tmx>\n").encode()
    files["bad/billion_laughs.tmx"] = (
        '<?xml version="1.0"?>\n' + LAUGHS.format(root="tmx") + TMX_HEAD
        + '<body><tu><tuv xml:lang="zh-CN"><seg>&lol9;</seg></tuv>'
        '<tuv xml:lang="en-US"><seg>x</seg></tuv></tu></body></tmx>\n').encode()
    files["bad/malformed_line4.tmx"] = (
        '<?xml version="1.0"?>\n' + TMX_HEAD + "<body>\n"
        '<tu><tuv xml:lang="zh-CN"><seg>秘书长</seg></tuv>\n</body></tmx>\n').encode()
    files["bad/not_tmx_root.tmx"] = b'<?xml version="1.0"?>\n<html><body>hello</body></html>\n'
    files["bad/xxe_passwd.tbx"] = (
        '<?xml version="1.0"?>\n' + XXE.format(root="tbx") + TBX_OPEN
        + '<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>&xxe;</term></termSec>'
        "</langSec></conceptEntry></body></text></tbx>\n").encode()
    files["bad/billion_laughs.tbx"] = (
        '<?xml version="1.0"?>\n' + LAUGHS.format(root="tbx") + TBX_OPEN
        + '<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>&lol9;</term></termSec>'
        "</langSec></conceptEntry></body></text></tbx>\n").encode()
    files["bad/malformed_line3.tbx"] = (
        '<?xml version="1.0"?>\n' + TBX_OPEN
        + '<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>x</termSec>\n'
        "</langSec></conceptEntry></body></text></tbx>\n").encode()
    files["bad/xxe_passwd.xlf"] = (
        '<?xml version="1.0"?>\n' + XXE.format(root="xliff") + XLIFF_OPEN
        + '<trans-unit id="1"><source>&xxe;</source><target>x</target></trans-unit>'
        "</body></file></xliff>\n").encode()
    files["bad/malformed_line3.xlf"] = (
        '<?xml version="1.0"?>\n' + XLIFF_OPEN + '<trans-unit id="1"><source>a</target>\n'
        "</trans-unit></body></file></xliff>\n").encode()
    files["bad/xxe_passwd.srx"] = (
        '<?xml version="1.0"?>\n' + XXE.format(root="srx") + SRX_OPEN
        + '<rule break="yes"><beforebreak>&xxe;</beforebreak><afterbreak>\\s</afterbreak></rule>'
        "</languagerule></languagerules><maprules/></body></srx>\n").encode()
    files["bad/billion_laughs.srx"] = (
        '<?xml version="1.0"?>\n' + LAUGHS.format(root="srx") + SRX_OPEN
        + '<rule break="yes"><beforebreak>&lol9;</beforebreak></rule>'
        "</languagerule></languagerules><maprules/></body></srx>\n").encode()
    files["bad/xxe_passwd.html"] = (
        '<!DOCTYPE html [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n'
        "<html><body><p>秘书长的报告。&xxe;</p></body></html>\n").encode()
    files["bad/malformed_line2.align"] = b"[0]:[0]\n[1,2]:[x]\n[3]:[1]\n"
    files["bad/negative_index.align"] = b"[0]:[0]\n[-1]:[1]\n"
    # --- awkward but legitimate: the seed pair in other clothes ---------------------------------
    files["awkward/seed.zh.gb18030.txt"] = zh.encode("gb18030")
    files["awkward/seed.zh.gbk.txt"] = zh.encode("gbk")
    files["awkward/seed.zh.utf16le-bom.txt"] = "\ufeff".encode("utf-16-le") + zh.encode("utf-16-le")
    files["awkward/seed.en.utf16be-bom.txt"] = "\ufeff".encode("utf-16-be") + en.encode("utf-16-be")
    files["awkward/seed.zh.utf8-bom.txt"] = b"\xef\xbb\xbf" + zh.encode("utf-8")
    files["awkward/seed.zh.crlf.txt"] = zh.replace("\n", "\r\n").encode("utf-8")
    files["awkward/seed.en.crlf.txt"] = en.replace("\n", "\r\n").encode("utf-8")
    files["awkward/seed.zh.control-chars.txt"] = _controls(zh).encode("utf-8")
    files["awkward/seed.zh.full-width.txt"] = zh.translate(FULL_WIDTH).encode("utf-8")
    files["awkward/long_paragraph.zh.txt"] = (
        "".join(zh.split("。")[1:40]).replace("，", "").replace("\n", "")[:6000] + "\n").encode()
    files["awkward/long_paragraph.en.txt"] = (
        " ".join(en.replace(".", "").replace(",", "").split())[:9000] + "\n").encode()
    files["awkward/名称 with spaces.zh.txt"] = zh[:2000].encode("utf-8")
    return files


def main() -> None:
    for name, data in build().items():
        path = HERE / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    print(f"wrote {len(build())} files under {HERE}")


if __name__ == "__main__":
    main()
