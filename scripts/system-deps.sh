#!/usr/bin/env bash
# Install the Debian packages the real-client tests use: omegat (TMX import into a real CAT
# tool), chromium, chromium-driver and a CJK font (the HTML review page, the review editor and the
# generated test PDFs), poppler's pdftotext for the PDF baseline benchmark, the PDF producers
# of tests/producers (LibreOffice, Ghostscript, cairo, Chromium) with their fonts, and LibreOffice
# Writer for .doc input and the generated word-processor test documents. Best effort: without
# root or apt the tests that need them are skipped with a reason.
set -u
need=()
command -v omegat >/dev/null 2>&1 || need+=(omegat)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# the WebDriver of Debian's chromium, for the review editor's Selenium tests
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
# a CJK font, so the review-page screenshot shows Chinese rather than boxes
[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need+=(fonts-wqy-microhei)
# the baseline of bench/bench_pdf_gold.py: poppler's pdftotext (GPL; benchmarks only, never used by
# untm) with the CMaps it needs for Chinese PDFs
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ -d /usr/share/poppler/cMap ] || need+=(poppler-data)
# the PDF producer matrix (tests/producers, issue 16): LibreOffice converts .docx, Ghostscript
# rewrites PDFs (pdfwrite), poppler's pdftocairo (above) rewrites them through cairo, chromium
# (above) prints HTML; the fonts they and reportlab set the documents in. LibreOffice Writer
# (headless) is also how untm reads Word 97-2003 .doc, and what converts the generated .docx of
# tests/docgen.py to .doc, .odt, .fodt and .rtf.
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
# LibreOffice Draw: opens a PDF and saves it again, as a PDF edited in a PDF editor
# (tests/test_pdf_run_gaps.py, a producer of bench/bench_pdf_other_producers.py)
[ -e /usr/lib/libreoffice/program/libsdlo.so ] || need+=(libreoffice-draw-nogui)
command -v gs >/dev/null 2>&1 || need+=(ghostscript)
# groff (gropdf, and groff -Tps for Ghostscript's ps2pdf): a typesetter that hyphenates and sets
# first-line indents, tests/test_pdf_groff.py
command -v gropdf >/dev/null 2>&1 || need+=(groff)
# wkhtmltopdf (Qt WebKit's PDF engine; a producer outside the matrix whose one-page Chinese
# resolution is a test of a short text's measure, tests/test_pdf_short_text.py) and tesseract
# with its English data (an OCR engine's invisible text layer, tests/test_pdf_ocr_layer.py)
command -v wkhtmltopdf >/dev/null 2>&1 || need+=(wkhtmltopdf)
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
# Apache FOP (the XSL-FO formatter of DocBook and DITA tool chains, Java: OmegaT's runtime): its
# Chinese fonts' ascent and descent are their bounding boxes', tests/test_pdf_tall_boxes.py
command -v fop >/dev/null 2>&1 || need+=(fop)
[ -e /usr/share/tesseract-ocr/5/tessdata/eng.traineddata ] || need+=(tesseract-ocr-eng)
[ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ] || need+=(fonts-dejavu-core)
[ -d /usr/share/fonts/opentype/urw-base35 ] || need+=(fonts-urw-base35)
# Liberation: the faces metric-compatible with Times New Roman and Arial, which LibreOffice and
# Chromium set a UN document's Latin text in where a desktop has them (most do), as Word sets it
# in Times New Roman; Chinese lines then mix a CJK face and a Latin one (and Ghostscript's
# rewrite gives the CJK face a bold stem width: tests/test_pdf_wrapped_lines.py)
[ -d /usr/share/fonts/truetype/liberation ] || need+=(fonts-liberation)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "system-deps: cannot install ${need[*]} (needs root and apt-get); tests using them will be skipped" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || true
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 \
    || echo "system-deps: apt-get install ${need[*]} failed; tests using them will be skipped" >&2
exit 0
