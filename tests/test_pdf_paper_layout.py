"""A paper's first page in two columns (as pdfjs__issue15012.pdf of the real-world corpus sets it):
- paragraphs that open with a bold run-in heading ("Keywords JavaScript, ...") are paragraphs
  of body text: the heading starts one, and the next line of it goes on with it;
- a box in small type at the foot of the first column (a copyright notice) is read apart, and
  the paragraph it interrupts goes on at the top of the next column;
- a heading line bold throughout is still a heading.
Drawn with reportlab's platypus (two frames, justified text) in two font families.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

from untm.aligner.model import BlockKind
from untm.aligner.read import read_document

ABSTRACT = (
    "Dynamic languages such as JavaScript are more difficult to compile than statically typed "
    "ones. Since no concrete type information is available, traditional compilers need to emit "
    "generic code that can handle all possible type combinations at runtime. We present an "
    "alternative compilation technique for dynamically-typed languages that identifies "
    "frequently executed loop traces at run-time and then generates machine code on the fly "
    "that is specialized for the actual dynamic types occurring on each path through the loop."
)
RUN_IN = (
    ("Categories and Subject Descriptors",
     "D.3.4 [Programming Languages]: Processors, incremental compilers, code generation."),
    ("General Terms", "Design, Experimentation, Measurement, Performance and Reliability."),
    ("Keywords", "JavaScript, just-in-time compilation, trace trees, type specialization."),
)
INTRO = (
    "Dynamic languages such as JavaScript, Python, and Ruby, are popular since they are "
    "expressive, accessible to non-experts, and make deployment as easy as distributing a "
    "source file. They are used for small scripts as well as for complex applications. "
    "JavaScript, for example, is the de facto standard for client-side web programming and is "
    "used for the application logic of browser-based productivity applications such as mail "
    "clients, office suites and collaboration tools. In this domain, in order to provide a fluid "
    "user experience and enable a new generation of applications, virtual machines must provide "
    "a low startup time and high performance, and they must do so on every kind of device "
    "their users own, from phones to desktop computers."
)
SECOND = (
    "Compilers for statically typed languages rely on type information to generate efficient "
    "machine code. In a dynamically typed programming language such as JavaScript, the types of "
    "expressions may vary at runtime, so the compiler can no longer easily transform operations "
    "into machine instructions that operate on one specific type."
)
THIRD = (
    "We present a trace-based compilation technique for dynamic languages that reconciles speed "
    "of compilation with excellent performance of the generated machine code. Our system uses a "
    "mixed-mode execution approach: the system starts running JavaScript in a fast-starting "
    "bytecode interpreter, and as the program runs, it identifies hot bytecode sequences."
)
FOURTH = (
    "Unlike method-based dynamic compilers, our dynamic compiler operates at the granularity of "
    "individual loops. This design choice is based on the expectation that programs spend most "
    "of their time in hot loops. Even in dynamically typed languages, we expect hot loops to be "
    "mostly type-stable, meaning that the types of values are invariant. For example, we would "
    "expect loop counters that start as integers to remain integers for all iterations. When "
    "both of these expectations hold, a trace-based compiler can cover the program execution "
    "with a small number of type-specialized, efficiently compiled traces."
)
TITLE = "Trace-based Just-in-Time Type Specialization"
AUTHORS = "Andreas Gal, Brendan Eich, Mike Shaver, David Anderson"
BOX = (
    "Permission to make digital or hard copies of all or part of this work for personal or "
    "classroom use is granted without fee provided that copies are not made or distributed "
    "for profit or commercial advantage and that copies bear this notice."
)
FAMILIES = {"times": ("Times-Roman", "Times-Bold"), "helvetica": ("Helvetica", "Helvetica-Bold")}


def _paper(path: Path, family: str) -> Path:
    regular, bold = FAMILIES[family]
    body = ParagraphStyle("body", fontName=regular, fontSize=9, leading=10,
                          alignment=TA_JUSTIFY)
    indented = ParagraphStyle("indented", parent=body, firstLineIndent=12)
    head = ParagraphStyle("head", fontName=bold, fontSize=11, leading=14, spaceBefore=6,
                          spaceAfter=2)
    box = ParagraphStyle("box", fontName=regular, fontSize=7, leading=8, alignment=TA_JUSTIFY)
    width, _ = letter
    col = (width - 2 * 54 - 24) / 2
    # under a title across the page, the first column stops above the box at its foot, the
    # second runs down the page
    left = Frame(54, 150, col, 330, id="left", showBoundary=0)
    right = Frame(54 + col + 24, 72, col, 408, id="right", showBoundary=0)

    def draw_title_and_box(canvas: Canvas, _doc: object) -> None:
        canvas.setFont(bold, 17)
        canvas.drawCentredString(width / 2, 690, TITLE)
        canvas.setFont(regular, 11)
        canvas.drawCentredString(width / 2, 660, AUTHORS)
        para = Paragraph(BOX, box)
        _, h = para.wrap(col, 60)
        para.drawOn(canvas, 54, 110 - h)

    doc = BaseDocTemplate(str(path), pagesize=letter, invariant=1)
    doc.addPageTemplates([PageTemplate(frames=[left, right], onPage=draw_title_and_box)])
    story = [Paragraph("Abstract", head), Paragraph(ABSTRACT, body)]
    story += [Paragraph(f"<font name='{bold}'>{h}</font> {t}", body) for h, t in RUN_IN]
    story += [Paragraph("1. Introduction", head), Paragraph(INTRO, body),
              Paragraph(SECOND, indented), Paragraph(THIRD, indented),
              Paragraph(FOURTH, indented), Paragraph(FOURTH, indented)]
    doc.build(story)
    return path


@pytest.fixture(scope="module", params=sorted(FAMILIES))
def paper_texts(request: pytest.FixtureRequest,
                tmp_path_factory: pytest.TempPathFactory) -> dict[str, BlockKind]:
    """The paragraphs of the paper page in one font family, and their kinds."""
    path = _paper(tmp_path_factory.mktemp("paper") / f"{request.param}.pdf", request.param)
    return {" ".join(p.text.split()): p.kind for p in read_document(path, "en").paragraphs}


def test_run_in_headings_open_paragraphs_of_text(paper_texts: dict[str, BlockKind]) -> None:
    for heading, text in RUN_IN:  # each run-in paragraph whole, its heading in it
        kind = paper_texts.get(f"{heading} {text}")
        assert kind is not None and kind is not BlockKind.HEADING, list(paper_texts)
    assert paper_texts["1. Introduction"] is BlockKind.HEADING  # bold throughout


def test_a_box_at_a_column_foot_does_not_cut_a_paragraph(
    paper_texts: dict[str, BlockKind]
) -> None:
    for text in (INTRO, BOX, SECOND, THIRD, FOURTH):
        assert " ".join(text.split()) in paper_texts, list(paper_texts)
