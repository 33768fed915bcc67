"""Web pages without their site: UN-style page pairs (tests/sitegen.py) align to the units of
their .docx source, every piece of boilerplate is reported as furniture and none is in a unit;
HTML without a site around it reads exactly as the whole-page reader reads it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import GOLD, SEED_EN, SEED_ZH, needs_shared
from docgen import GOLD_EXTRA, seed
from sitegen import SITE, TEMPLATES, in_text, un_page

from untm.aligner.read import read_document
from untm.aligner.readers.html import read_html, read_html_blocks
from untm.pipeline import AlignOptions, align_files, gold_units, score_units, to_units

STEM = "000_a932ec9d51e334cb"


def _write(folder: Path, template: str) -> tuple[Path, Path]:
    paths = []
    for lang in ("zh", "en"):
        path = folder / f"{template}.{lang}.html"
        path.write_text(un_page(seed(lang), lang, template).html, encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1]


@needs_shared(GOLD)
@pytest.mark.parametrize("template", TEMPLATES)
def test_site_pages_align_like_the_docx_source(
    tmp_path: Path, template: str, seed_word_docs: dict[str, tuple[Path, Path]]
) -> None:
    zh, en = _write(tmp_path, template)
    result = align_files(zh, en, AlignOptions())
    units = [(u.source, u.target) for u in to_units(result, source_name=zh.name)]
    source = align_files(*seed_word_docs["docx"], AlignOptions())
    source_units = [(u.source, u.target) for u in to_units(source, source_name="docx")]
    gold = gold_units(GOLD / f"{STEM}.zh", GOLD / f"{STEM}.en", GOLD / f"{STEM}.align")
    for reference in (source_units, gold + list(GOLD_EXTRA)):
        score = score_units(units, reference)
        assert score.precision >= 0.98 and score.recall >= 0.98, score
    everything = "\n".join(s + "\n" + t for s, t in units)
    for lang, furniture in (("zh", result.src_furniture), ("en", result.tgt_furniture)):
        page = un_page(seed(lang), lang, template)
        reported = "\n".join(f.text for f in furniture)
        own = "".join(page.content)
        for text in page.furniture:
            assert in_text(text, reported), (lang, text)
            if len(text) > 1 and not in_text(text, own):  # "United Nations" is the text's too
                assert not in_text(text, everything), (lang, text)
        sides = {s for s, _ in units} | {t for _, t in units}
        assert not sides & set(page.furniture)
        kinds = {f.kind for f in furniture}
        assert {"site-navigation", "cookie-banner", "breadcrumb", "site-footer",
                "sidebar"} <= kinds  # fmt: skip
        menu = next(f.text for f in furniture if f.kind == "site-navigation")
        assert menu.count(" | ") + 1 == len(SITE[lang]["menu"])  # zh: one item more
    assert "note-reference" in {f.kind for f in result.src_furniture}


def test_semantic_page_kinds(tmp_path: Path) -> None:
    zh, _ = _write(tmp_path, "semantic")
    _, furniture = read_html(zh, "zh")
    assert [f.kind for f in furniture if f.kind != "note-reference"] == [
        "skip-link", "cookie-banner", "site-header", "site-navigation", "breadcrumb",
        "share-bar", "sidebar", "site-footer",
    ]
    assert furniture[0].text == "跳转到主要内容" and furniture[0].line > 0


SIMPLE = [
    "<html><head><title>x</title></head><body><h1>报告</h1><p>第一段。</p><div>Loose "
    "<p>inner</p> tail</div><ul><li>一</li><li>二</li></ul><table><tr><td>2008</td>"
    "<td>text</td></tr></table></body></html>",
    "<p>Just a fragment.<br>With a break.</p><p>Second.</p>",
    "<html><body><div class='content'><p>Text one.</p><p>Text two.</p></div></body></html>",
]


@pytest.mark.parametrize("page", SIMPLE)
def test_html_without_a_site_reads_whole(tmp_path: Path, page: str) -> None:
    path = tmp_path / "simple.html"
    path.write_text(page, encoding="utf-8")
    blocks, furniture = read_html(path, "zh")
    assert blocks == read_html_blocks(path, "zh") and furniture == []


def test_the_seed_as_plain_html_reads_like_its_text(tmp_path: Path) -> None:
    """The held-out variants' kind of HTML: one <p> per paragraph of the clean text."""
    for source, lang in ((SEED_ZH, "zh"), (SEED_EN, "en")):
        doc = read_document(source, lang)
        text = tmp_path / f"clean.{lang}.txt"
        text.write_text("".join(f"{p.text}\n" for p in doc.paragraphs), encoding="utf-8")
        page = tmp_path / f"clean.{lang}.html"
        page.write_text("<html><body>" + "".join(f"<p>{p.text}</p>" for p in doc.paragraphs)
                        + "</body></html>", encoding="utf-8")
        from_text, from_html = read_document(text, lang), read_document(page, lang)
        assert from_html.paragraphs == from_text.paragraphs and from_html.furniture == ()


def test_a_misleading_class_never_takes_the_text(tmp_path: Path) -> None:
    path = tmp_path / "p.html"
    body = "".join(f"<p>Paragraph {k} of the report.</p>" for k in range(12))
    path.write_text(f"<html><body><nav><a href='/'>Home</a></nav><div class='menu-wrapper'>"
                    f"{body}</div><aside class='footnotes'><p>1 A note.</p></aside>"
                    "<footer>© UN</footer></body></html>", encoding="utf-8")
    blocks, furniture = read_html(path, "en")
    texts = [b.text for b in blocks]
    assert "Paragraph 11 of the report." in texts and "1 A note." in texts
    assert [(f.kind, f.text) for f in furniture] == [("site-navigation", "Home"),
                                                      ("site-footer", "© UN")]


def test_text_outside_main_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "p.html"
    path.write_text("<html><body><div>Loose site text<span>more</span></div><main><h1>Title"
                    "</h1><p>Body.</p></main>Tail text</body></html>", encoding="utf-8")
    blocks, furniture = read_html(path, "en")
    assert [b.text for b in blocks] == ["Title", "Body."]
    assert [(f.kind, f.text) for f in furniture] == [("outside-content", "Loose site textmore"),
                                                      ("outside-content", "Tail text")]
