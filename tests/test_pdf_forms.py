"""Form fields without an appearance of their own are read as they print
(pdflayout.chars._form_appearances): a field whose value the file holds only as its value (`/V`,
no appearance stream `/AP`), or a form that asks the viewer to draw its fields again
(`/NeedAppearances true`), is drawn by PDFium's form environment and read with its page, as a
viewer, a printer and `pdftotext` show it; a field that does not print stays out, and no script
of the form runs.

Test forms are written three ways: by LibreOffice (an HTML form's controls exported with
their fields: LibreOffice writes each field's appearance empty and sets NeedAppearances), by
hand (`_form_pdf`: fields with a value and no appearance, the objects numbered and
cross-referenced by tests/pdfgen.assemble) and by reportlab's AcroForm with the appearance
streams blanked out of the file (`_without_appearances`: the same bytes with each `/AP`
dictionary overwritten by spaces, so the cross-reference offsets still hold), as a library that
fills a form's values and leaves the drawing to the viewer writes them.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pdfgen import assemble
from producers import libreoffice
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from untm.aligner.read import read_document

NAME = "Maria Suarez Lopez"
CITY = "Nairobi"
LABEL = "Name of the applicant:"
NEVER_PRINTED = "Internal note never printed"
RESET = "Reset the form"
SUBMIT = "Submit the application"

FIRST_FIELD = 6
_BODY = (b"BT /F1 11 Tf 72 760 Td (Name of the applicant:) Tj ET "
         b"BT /F1 11 Tf 72 660 Td (Duty station:) Tj ET")
_WIDGET = b"/Type /Annot /Subtype /Widget /P 3 0 R /DA (/Helv 11 Tf 0 g) "
TEXT = _WIDGET + b"/FT /Tx /T (name) /V (%s) /F 4 /Rect [222 754 522 772]" % NAME.encode()
COMBO = (_WIDGET + b"/FT /Ch /Ff 131072 /T (city) /V (%s) /Opt [(Geneva) (Nairobi) (Vienna)] "
         b"/F 4 /Rect [222 654 422 672]" % CITY.encode())
CHECKBOX = (b"/Type /Annot /Subtype /Widget /P 3 0 R /DA (/ZaDb 0 Tf 0 g) /FT /Btn /T (agree) "
            b"/V /Yes /AS /Yes /F 4 /Rect [72 600 86 614] /MK << /CA (4) >>")
PUSH_PRINTED = (_WIDGET + b"/FT /Btn /Ff 65536 /T (submit) /F 4 /Rect [72 520 222 540] "
                b"/MK << /CA (%s) >>" % SUBMIT.encode())
PUSH_NOT_PRINTED = (_WIDGET + b"/FT /Btn /Ff 65536 /T (reset) /F 0 /Rect [72 480 222 500] "
                    b"/MK << /CA (%s) >>" % RESET.encode())
TEXT_NOT_PRINTED = (_WIDGET + b"/FT /Tx /T (note) /V (%s) /F 0 /Rect [222 440 522 458]"
                    % NEVER_PRINTED.encode())
# a field whose format, keystroke and calculate actions would each change what is drawn
SCRIPTED = (_WIDGET + b"/FT /Tx /T (amount) /V (1234.5) /F 4 /Rect [222 400 522 418] /AA << "
            b"/F << /S /JavaScript /JS (event.value = 'Formatted by a script';) >> "
            b"/K << /S /JavaScript /JS (event.value = 'Keystroke script';) >> "
            b"/C << /S /JavaScript /JS (event.value = 'Calculated by a script';) >> >>")
OPEN_SCRIPT = (b"/OpenAction << /S /JavaScript "
               b"/JS (this.getField\\('name'\\).value = 'Opened by a script';) >>")


def _form_pdf(fields: list[bytes], *, need_appearances: bool | None,
              resources: bool = True, catalog: bytes = b"",
              more: dict[int, bytes] | None = None, body: bytes = _BODY,
              fonts: bytes = b"") -> bytes:
    """A one-page form written by hand: the page's own text (`body`: two labels in /F1,
    Helvetica, and `fonts` more), and `fields` as widget annotations (objects 6, 7, ...)
    without appearance streams; the AcroForm with or without `/NeedAppearances` and its
    default resources (the font /Helv the fields name); `more` objects after them."""
    first = FIRST_FIELD
    refs = b" ".join(b"%d 0 R" % (first + i) for i in range(len(fields)))
    acroform = b"<< /Fields [" + refs + b"]"
    if need_appearances is not None:
        acroform += b" /NeedAppearances " + (b"true" if need_appearances else b"false")
    if resources:
        acroform += b" /DR << /Font << /Helv 5 0 R >> >> /DA (/Helv 0 Tf 0 g)"
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R " + catalog + b" /AcroForm " + acroform + b" >> >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R " + fonts + b">> >> /Annots [" + refs + b"] >>"),
        4: b"<< /Length %d >>\nstream\n%s\nendstream" % (len(body), body),
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    }
    objs.update({first + i: b"<< " + f + b" >>" for i, f in enumerate(fields)})
    return assemble({**objs, **(more or {})})


def _reportlab_form(path: Path) -> Path:
    """A form drawn by reportlab's AcroForm (each field with its appearance stream), written
    uncompressed: a label and a filled text field, a filled combo box, a ticked checkbox, a
    text field that never prints."""
    page = canvas.Canvas(str(path), pagesize=A4, pageCompression=0, invariant=1)
    page.setFont("Helvetica", 11)
    page.drawString(72, 760, LABEL)
    page.drawString(72, 660, "Duty station:")
    form = page.acroForm
    form.textfield(name="name", value=NAME, x=222, y=754, width=300, height=18, borderWidth=0,
                   fontName="Helvetica", fontSize=11, annotationFlags="print")
    form.choice(name="city", value=CITY, options=["Geneva", CITY, "Vienna"], x=222, y=654,
                width=200, height=18, fontName="Helvetica", fontSize=11, annotationFlags="print")
    form.checkbox(name="agree", checked=True, x=72, y=600, buttonStyle="check",
                  annotationFlags="print")
    form.textfield(name="note", value=NEVER_PRINTED, x=222, y=440, width=300, height=18,
                   borderWidth=0, fontName="Helvetica", fontSize=11, annotationFlags="noview")
    page.showPage()
    page.save()
    return path


def _without_appearances(data: bytes) -> bytes:
    """`data` with every `/AP << ... >>` entry overwritten by spaces (nested dictionaries
    included): the fields keep their values and lose their drawings, and every object stays
    where the cross-reference table says it is."""
    out = bytearray(data)
    for match in re.finditer(rb"/AP\s*<<", data):
        depth, at = 0, match.start()
        while True:
            if data.startswith(b"<<", at):
                depth, at = depth + 1, at + 2
            elif data.startswith(b">>", at):
                depth, at = depth - 1, at + 2
                if depth == 0:
                    break
            else:
                at += 1
        out[match.start():at] = b" " * (at - match.start())
    return bytes(out)


def _values(paragraphs: list[str]) -> list[str]:
    """The fields' values and captions the paragraphs hold, in reading order (the page's own
    labels apart); anything else read is an error."""
    text = " ".join(paragraphs)
    for label in (LABEL, "Duty station:"):
        text = text.replace(label, " ")
    found = sorted((text.index(v), v) for v in (NAME, CITY, SUBMIT, "1234.5") if v in text)
    for _, value in found:
        text = text.replace(value, " ")
    assert not text.strip(), f"read besides the labels and the values: {text.strip()!r}"
    return [v for _, v in found]


def _read(path: Path, data: bytes | None = None) -> list[str]:
    if data is not None:
        path.write_bytes(data)
    return [p.text for p in read_document(path, "en").paragraphs]


@pytest.mark.parametrize("need_appearances", [True, False, None])
def test_fields_without_appearances_are_read(need_appearances: bool | None,
                                             tmp_path: Path) -> None:
    """A text field's and a combo box's values without appearance streams are read beside
    their labels, whether the form says NeedAppearances or not (PDFium draws a field that has
    no appearance either way); a printing push button's caption is read too."""
    paragraphs = _read(tmp_path / "form.pdf", _form_pdf(
        [TEXT, COMBO, CHECKBOX, PUSH_PRINTED], need_appearances=need_appearances))
    assert _values(paragraphs) == [NAME, CITY, SUBMIT]


def test_fields_without_default_resources_are_read(tmp_path: Path) -> None:
    """A form without default resources (no /DR: the font its fields name is nowhere) is
    drawn in PDFium's default font, and read."""
    paragraphs = _read(tmp_path / "form.pdf", _form_pdf([TEXT, COMBO], need_appearances=True,
                                                        resources=False))
    assert _values(paragraphs) == [NAME, CITY]


def test_need_appearances_redraws_an_empty_appearance(tmp_path: Path) -> None:
    """A form that says NeedAppearances, whose fields' appearances were written before their
    values (an empty `/Tx BMC EMC`, as a library that fills a LibreOffice form leaves it), is
    drawn again with the values: the value is read."""
    empty = b"/Tx BMC\nEMC"
    stream = FIRST_FIELD + 2  # the object after the two fields
    appearance = (b"<< /Type /XObject /Subtype /Form /BBox [0 0 300 18] /Length %d >>\n"
                  b"stream\n%s\nendstream" % (len(empty), empty))
    fields = [f + b" /AP << /N %d 0 R >>" % stream for f in (TEXT, COMBO)]
    paragraphs = _read(tmp_path / "form.pdf", _form_pdf(fields, need_appearances=True,
                                                        more={stream: appearance}))
    assert _values(paragraphs) == [NAME, CITY]


def test_reportlab_fields_without_appearances_are_read(tmp_path: Path) -> None:
    """reportlab's filled fields with their appearance streams taken out: the values are read
    (as with them), the field that never prints is not."""
    path = _reportlab_form(tmp_path / "drawn.pdf")
    paragraphs = _read(tmp_path / "bare.pdf", _without_appearances(path.read_bytes()))
    assert _values(paragraphs) == [NAME, CITY]
    assert not any(NEVER_PRINTED in p for p in paragraphs)


def test_reportlab_fields_with_appearances_read_as_drawn(tmp_path: Path) -> None:
    """Guard: reportlab's fields with their own appearance streams are read from them, as
    before the form environment (the field that never prints stays out)."""
    paragraphs = _read(_reportlab_form(tmp_path / "drawn.pdf"))
    assert paragraphs == [f"{LABEL} {NAME}", "Duty station:", CITY]


ZH_CITY = "联合国日内瓦办事处"
ZH_LABEL = "工作地点："
_ZH_HEX = ZH_CITY.encode("utf-16-be").hex().upper().encode()
# a non-embedded CID font (Adobe-GB1) as a Chinese form's producer names it, objects 20-22
_STSONG = {
    20: (b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
         b"/DescendantFonts [21 0 R] >>"),
    21: (b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo "
         b"<< /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 22 0 R >>"),
    22: (b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 "
         b"/FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 "
         b"/CapHeight 880 /StemV 93 >>"),
}


def _chinese_form(*, appearance: bool) -> bytes:
    """A form (NeedAppearances true) with a Chinese label on its page and a field whose value
    is Chinese (UTF-16 `/V`), its default appearance naming Helvetica, which has none of its
    characters: with no appearance, or with its producer's own, drawn in the Chinese font
    (object 23)."""
    field = (b"/Type /Annot /Subtype /Widget /P 3 0 R /DA (/Helv 11 Tf 0 g) /FT /Tx /T (city) "
             b"/V <FEFF" + _ZH_HEX + b"> /F 4 /Rect [222 654 522 672]")
    more = dict(_STSONG)
    if appearance:
        drawn = b"/Tx BMC BT /STSong 11 Tf 2 5 Td <" + _ZH_HEX + b"> Tj ET EMC"
        more[23] = (b"<< /Type /XObject /Subtype /Form /BBox [0 0 300 18] "
                    b"/Resources << /Font << /STSong 20 0 R >> >> /Length %d >>\n"
                    b"stream\n%s\nendstream" % (len(drawn), drawn))
        field += b" /AP << /N 23 0 R >>"
    label = b"BT /F2 11 Tf 72 660 Td <" + ZH_LABEL.encode("utf-16-be").hex().encode() + b"> Tj ET"
    return _form_pdf([field], need_appearances=True, more=more, body=label,
                     fonts=b"/F2 20 0 R ")


@pytest.mark.parametrize("appearance", [False, True])
def test_a_chinese_value_is_read(appearance: bool, tmp_path: Path) -> None:
    """A field's Chinese value is read, drawn by PDFium in a font of its own where the form's
    font has none of its characters (pdftotext prints nothing of it there); a field with
    its producer's appearance reads as before (the guard: `appearance`)."""
    (tmp_path / "form.pdf").write_bytes(_chinese_form(appearance=appearance))
    paragraphs = [p.text for p in read_document(tmp_path / "form.pdf", "zh").paragraphs]
    assert paragraphs == [ZH_LABEL, ZH_CITY]


_HTML_FORM = f"""<html><body>
<h1>Application form</h1>
<p>The applicant fills in the form below.</p>
<form>
<p>{LABEL} <input type="text" name="name" value="{NAME}" size="30"></p>
<p>Duty station: <select name="city"><option>Geneva</option><option selected>{CITY}</option>
<option>Vienna</option></select></p>
</form>
<p>The form is signed before the deadline.</p>
</body></html>
"""
_WITH_FIELDS = 'pdf:writer_pdf_Export:{"ExportFormFields":{"type":"boolean","value":"true"}}'


def test_a_libreoffice_form_is_read(tmp_path: Path) -> None:
    """A form LibreOffice Writer exported (an HTML form's controls; its fields' appearances
    empty, NeedAppearances true) is read with its fields' values, as pdftotext shows it."""
    if (why := libreoffice.missing()) is not None:
        pytest.skip(why)
    source = tmp_path / "form.html"
    source.write_text(_HTML_FORM, encoding="utf-8")
    profile = (tmp_path / "profile").resolve().as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore",
                    "--infilter=HTML (StarWriter)", "--convert-to", _WITH_FIELDS,
                    "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=300)
    paragraphs = _read(tmp_path / "form.pdf")
    body = ["Application form", "The applicant fills in the form below.", LABEL,
            "Duty station:", "The form is signed before the deadline."]
    assert [p for p in paragraphs if p in body] == body
    assert _values([p for p in paragraphs if p not in body]) == [NAME, CITY]


@pytest.mark.parametrize("need_appearances", [True, None])
def test_fields_that_do_not_print_stay_out(need_appearances: bool | None,
                                           tmp_path: Path) -> None:
    """Guard: a push button and a filled text field without the print flag (annotation flags
    0: shown on screen, never printed) stay out, drawn or not; the page's own text is read."""
    paragraphs = _read(tmp_path / "form.pdf", _form_pdf(
        [PUSH_NOT_PRINTED, TEXT_NOT_PRINTED], need_appearances=need_appearances))
    assert paragraphs == [LABEL, "Duty station:"]


def test_no_script_runs(tmp_path: Path) -> None:
    """A form's scripts do not run: a field with format, keystroke and calculate actions is
    drawn with its stored value, and the document's open action does not change a field."""
    paragraphs = _read(tmp_path / "form.pdf", _form_pdf(
        [TEXT, SCRIPTED], need_appearances=True, catalog=OPEN_SCRIPT))
    text = " ".join(paragraphs)
    assert _values(paragraphs) == [NAME, "1234.5"]
    assert "script" not in text.lower()


def test_page_without_form_unchanged(tmp_path: Path) -> None:
    """Guard: a PDF without a form reads as before."""
    _plain(tmp_path / "plain.pdf")
    assert _read(tmp_path / "plain.pdf") == [PLAIN]


def test_no_form_environment_without_a_form(tmp_path: Path) -> None:
    """A PDF without a form pays nothing: no form environment is made for it (one call says
    there is no form), where a form gets one."""
    import pypdfium2 as pdfium

    from untm.aligner.pdflayout.chars import _form_appearances

    (tmp_path / "form.pdf").write_bytes(_form_pdf([TEXT], need_appearances=None))
    for name, made in (("plain.pdf", False), ("form.pdf", True)):
        if name == "plain.pdf":
            _plain(tmp_path / name)
        doc = pdfium.PdfDocument(str(tmp_path / name))
        try:
            _form_appearances(doc)
            assert (doc.formenv is not None) == made
        finally:
            doc.close()


PLAIN = "The Committee adopted the report without a vote."


def _plain(path: Path) -> Path:
    page = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    page.setFont("Helvetica", 11)
    page.drawString(72, 760, PLAIN)
    page.showPage()
    page.save()
    return path
