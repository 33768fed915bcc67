"""PDFs whose text is drawn in a CID-keyed font without a ToUnicode map, for
tests/test_pdf_cid_fonts.py.

`cid_pdf` writes one A4 page of lines in a Type0 font (Identity-H) whose descendant is a
CIDFontType2 with an embedded TrueType program (`FontFile2`): each character drawn as the code
of its glyph (CIDToGIDMap Identity, the default), or, with `shift`, as its glyph id plus `shift`
with a CIDToGIDMap stream that maps each code back to its glyph (the codes are then no glyph
ids); the PDF says nothing of the characters unless `to_unicode` adds a ToUnicode CMap. This is
what some producers write (pdfminer.six's samples/contrib/issue-791-non-unicode-cmap.pdf is
such a file); none of the Debian tools of the producer matrix does, so the file is written here
(objects through `pdfgen.assemble`). `program` gives a font file as one TrueType program (a
face of a collection such as WenQuanYi Micro Hei's .ttc taken out whole), `without_table` the
program with one table hidden (its tag changed: no reader finds it).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence
from pathlib import Path

from pdfgen import WQY, assemble
from reportlab.pdfbase.ttfonts import TTFontFile

DEJAVU_SANS = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONTS = {"zh": (WQY, 0), "en": (DEJAVU_SANS, 0)}  # path, face in the collection


def program(path: Path, face: int = 0) -> bytes:
    """The font file's face `face` as one TrueType program: its tables under a table directory
    of their own (for a .ttc, whose faces share one file)."""
    font = TTFontFile(str(path), subfontIndex=face)
    tags = sorted(font.table)
    header = struct.pack(">IHHHH", 0x00010000, len(tags), 0, 0, 0)
    offset = len(header) + 16 * len(tags)
    directory, body = bytearray(), bytearray()
    for tag in tags:
        data = font.get_table(tag)
        directory += struct.pack(">4sIII", tag.encode("latin-1"), 0, offset + len(body), len(data))
        body += data + b"\x00" * (-len(data) % 4)
    return header + bytes(directory) + bytes(body)


def without_table(font: bytes, tag: bytes) -> bytes:
    """The program with table `tag` hidden: its tag in the table directory made another."""
    count = struct.unpack_from(">H", font, 4)[0]
    out = bytearray(font)
    for k in range(count):
        at = 12 + 16 * k
        if out[at:at + 4] == tag:
            out[at:at + 4] = b"zz" + tag[2:]
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(data)
    return (b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), extra)
            + packed + b"\nendstream")


def _cmap(head: str, entries: Sequence[str], op: str) -> bytes:
    """A CMap: its `head` (system info, name, code space), then `entries` in blocks of 100
    (`N beginbfchar ... endbfchar`, `op` "bfchar" or "cidchar")."""
    blocks = [f"{len(entries[k:k + 100])} begin{op}\n" + "\n".join(entries[k:k + 100])
              + f"\nend{op}" for k in range(0, len(entries), 100)]
    return ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n" + head
            + "\n".join(blocks)
            + "\nendcmap CMapName currentdict /CMap defineresource pop end end\n").encode()


def _to_unicode(codes: dict[int, str]) -> bytes:
    """A ToUnicode CMap: each 2-byte code to its character (`bfchar`, 100 a block)."""
    return _cmap("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                 "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
                 "1 begincodespacerange <0000> <FFFF> endcodespacerange\n",
                 [f"<{code:04X}> <{ch.encode('utf-16-be').hex().upper()}>"
                  for code, ch in sorted(codes.items())], "bfchar")


def cid_pdf(lines: Sequence[str], lang: str, *, font: bytes | None = None, shift: int = 0,
            to_unicode: bool = False, left_out: str = "", size: float = 12.0,
            remap: dict[str, str] | None = None, inherit: bool = False,
            stamp: str | None = None, pages: int = 1,
            recode: dict[str, int] | None = None) -> bytes:
    """One page of `lines` (12 pt, 18 pt apart) in a CID-keyed font of the face `FONTS[lang]`
    (`font`: its program as embedded, by default the face itself), each character drawn as its
    glyph id plus `shift` (a CIDToGIDMap stream then maps codes to glyphs), with widths from
    the face and, with `to_unicode`, a ToUnicode map (of every character but those of
    `left_out`; those of `remap` given the code it names for them, a private-use one as
    GB18030-2000's or a vendor's end-user-defined characters have); `recode` draws a character
    as the code it names (a CIDToGIDMap stream maps it to the character's glyph: a glyph a
    shaper substituted, whose id is no code of the face's cmap). With `inherit`, the page's
    resources are its page tree's (the page inherits them, as many producers write a
    document's pages); `stamp` adds a printing stamp annotation whose appearance stream (with
    resources of its own, Helvetica) draws that text at the page's foot; `pages`: that many
    pages alike."""
    path, face = FONTS[lang]
    info = TTFontFile(str(path), subfontIndex=face)
    embedded = font if font is not None else program(path, face)
    codes: dict[int, str] = {}
    glyphs: dict[int, int] = {}  # code -> glyph id
    content = bytearray(b"BT\n")
    y = 760.0
    for line in lines:
        hexes = []
        for ch in line:
            glyph = info.charToGlyph[ord(ch)]
            code = (recode or {}).get(ch, glyph + shift)
            codes[code], glyphs[code] = ch, glyph
            hexes.append(f"{code:04X}")
        content += b"/F1 %.1f Tf 1 0 0 1 72 %.1f Tm <%s> Tj\n" % (size, y, "".join(hexes).encode())
        y -= 1.5 * size
    content += b"ET"
    widths = b" ".join(b"%d [%d]" % (code, round(info.charWidths.get(ord(ch), 1000)))
                       for code, ch in sorted(codes.items()))
    name = b"AAAAAA+" + info.name.replace(b" ", b"")
    cid_to_gid = b"/CIDToGIDMap /Identity"
    resources = b"/Resources << /Font << /F1 5 0 R >> >>"
    stamps = {3: 11, **{20 + 2 * k: 21 + 2 * k for k in range(pages - 1)}}  # page -> its stamp
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [%s] /Count %d %s>>" % (
            b" ".join(b"%d 0 R" % kid for kid in stamps), pages, resources if inherit else b""),
        4: _stream(bytes(content)),
        5: (b"<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H "
            b"/DescendantFonts [6 0 R]%s >>" % (name, b" /ToUnicode 9 0 R" if to_unicode else b"")),
        7: (b"<< /Type /FontDescriptor /FontName /%s /Flags 4 /FontBBox [%s] /ItalicAngle 0 "
            b"/Ascent %d /Descent %d /CapHeight %d /StemV 80 /FontFile2 8 0 R >>"
            % (name, b" ".join(b"%d" % v for v in info.bbox), info.ascent, info.descent,
               info.capHeight)),
        8: _stream(embedded, b"/Length1 %d " % len(embedded)),
    }
    if shift or recode:
        gids = bytearray(2 * (max(codes) + 1))
        for code, glyph in glyphs.items():
            struct.pack_into(">H", gids, 2 * code, glyph)
        objects[10] = _stream(bytes(gids))
        cid_to_gid = b"/CIDToGIDMap 10 0 R"
    objects[6] = (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo "
                  b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                  b"/FontDescriptor 7 0 R /DW 1000 /W [%s] %s >>" % (name, widths, cid_to_gid))
    for kid, annot in stamps.items():
        objects[kid] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                        b"%s%s >>" % (b"" if inherit else resources,
                                      b"" if stamp is None else b" /Annots [%d 0 R]" % annot))
        if stamp is not None:
            objects[annot] = (b"<< /Type /Annot /Subtype /Stamp /F 4 /Rect [72 60 372 84] "
                              b"/AP << /N 12 0 R >> >>")
    if stamp is not None:
        drawing = b"BT /Helv 14 Tf 4 6 Td (%s) Tj ET" % stamp.encode("latin-1")
        objects[12] = _stream(drawing, b"/Type /XObject /Subtype /Form /BBox [0 0 300 24] "
                              b"/Resources << /Font << /Helv << /Type /Font /Subtype /Type1 "
                              b"/BaseFont /Helvetica /Encoding /WinAnsiEncoding >> >> >> ")
    if to_unicode:
        objects[9] = _stream(_to_unicode(
            {code: (remap or {}).get(ch, ch) for code, ch in codes.items()
             if ch not in left_out}))
    return assemble(objects)


def _utf8_cmap(codes: dict[int, int]) -> bytes:
    """An embedded encoding CMap whose codes are UTF-8 (as Adobe's Uni*-UTF8-H), each code to
    its CID (`cidchar`, 100 a block)."""
    return _cmap("/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> def\n"
                 "/CMapName /Uni-Utf8-H def /CMapType 1 def /WMode 0 def\n"
                 "4 begincodespacerange <00> <7F> <C080> <DFBF> <E08080> <EFBFBF>\n"
                 "<F0808080> <F7BFBFBF> endcodespacerange\n",
                 [f"<{code:0{2 * ((code.bit_length() + 7) // 8)}X}> {cid}"
                  for code, cid in sorted(codes.items())], "cidchar")


def utf8_pdf(lines: Sequence[str], lang: str, *, to_unicode: bool = False,
             drawn_as: dict[str, str] | None = None) -> bytes:
    """One page of `lines` (12 pt, 18 pt apart) in a CID-keyed font of the face `FONTS[lang]`
    whose encoding is an embedded CMap of UTF-8 codes (one to four bytes a character, as
    pdf.js's issue18117.pdf and Adobe's UniGB-UTF8-H encode text): each character drawn as its
    UTF-8 bytes, the CMap mapping that code to the character's glyph id (CIDToGIDMap Identity).
    With `to_unicode`, a ToUnicode map of every code to its character; `drawn_as` gives a
    character the face has no glyph for (a control) the glyph of another."""
    path, face = FONTS[lang]
    info = TTFontFile(str(path), subfontIndex=face)
    embedded = program(path, face)
    codes: dict[int, str] = {}
    content = bytearray(b"BT\n")
    y = 760.0
    for line in lines:
        data = line.encode("utf-8")
        for ch in line:
            codes[int.from_bytes(ch.encode("utf-8"), "big")] = ch
        content += b"/F1 12 Tf 1 0 0 1 72 %.1f Tm <%s> Tj\n" % (y, data.hex().upper().encode())
        y -= 18
    content += b"ET"
    face_char = {code: (drawn_as or {}).get(ch, ch) for code, ch in codes.items()}
    gids = {code: info.charToGlyph[ord(ch)] for code, ch in face_char.items()}
    widths = b" ".join(b"%d [%d]" % (gid, round(info.charWidths.get(ord(face_char[code]), 1000)))
                       for code, gid in sorted(gids.items(), key=lambda item: item[1]))
    name = b"AAAAAA+" + info.name.replace(b" ", b"")
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>"),
        4: _stream(bytes(content)),
        5: (b"<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding 10 0 R "
            b"/DescendantFonts [6 0 R]%s >>" % (name, b" /ToUnicode 9 0 R" if to_unicode else b"")),
        6: (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo "
            b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
            b"/FontDescriptor 7 0 R /DW 1000 /W [%s] /CIDToGIDMap /Identity >>" % (name, widths)),
        7: (b"<< /Type /FontDescriptor /FontName /%s /Flags 4 /FontBBox [%s] /ItalicAngle 0 "
            b"/Ascent %d /Descent %d /CapHeight %d /StemV 80 /FontFile2 8 0 R >>"
            % (name, b" ".join(b"%d" % v for v in info.bbox), info.ascent, info.descent,
               info.capHeight)),
        8: _stream(embedded, b"/Length1 %d " % len(embedded)),
        10: _stream(_utf8_cmap(gids), b"/Type /CMap /CMapName /Uni-Utf8-H "),
    }
    if to_unicode:
        objects[9] = _stream(_to_unicode(codes))
    return assemble(objects)
