"""The HTML review page: structure, escaping, review-first order, glossary marks, the path plot,
and rendering of the seed pair in headless Chromium (screenshot saved in tests/artifacts/)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import GOLD, REPO, SEED_EN, SEED_ZH
from untm.aligner.alignfile import read_align
from untm.aligner.model import AlignmentResult, Link, Segment
from untm.errors import AlignmentError, OutputError
from untm.report import LOW_SCORE, document_order, render_report, write_report

GOLD_NAME = "000_a932ec9d51e334cb"
ARTIFACTS = REPO / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def gold_result() -> AlignmentResult:
    zh = (GOLD / f"{GOLD_NAME}.zh").read_text(encoding="utf-8").splitlines()
    en = (GOLD / f"{GOLD_NAME}.en").read_text(encoding="utf-8").splitlines()
    links = read_align(GOLD / f"{GOLD_NAME}.align")
    return AlignmentResult(
        tuple(Segment(i, t) for i, t in enumerate(zh)),
        tuple(Segment(i, t) for i, t in enumerate(en)),
        tuple(links),
    )


def parse(page: str) -> Any:
    return lxml.html.fromstring(page)


def rows(page: str, body_id: str) -> list[Any]:
    tree = parse(page)
    bodies = tree.xpath(f'//tbody[@id="{body_id}"]')
    return list(bodies[0].xpath("./tr")) if bodies else []


def ordered(result: AlignmentResult) -> list[Link]:
    return [result.links[n] for n in document_order(result.links)]


def joined(result: AlignmentResult, link: Link) -> tuple[str, str]:
    zh = "".join(result.src_segments[i].text for i in link.src)
    en = " ".join(result.tgt_segments[j].text for j in link.tgt)
    return zh, en


def test_gold_page_lists_every_link_and_nulls_first() -> None:
    result = gold_result()
    page = render_report(result, title="Gold <seed> & co")
    all_rows = rows(page, "all-rows")
    assert len(all_rows) == len(result.links)
    units = [lk for lk in result.links if not lk.is_null]
    assert len([r for r in all_rows if "unit" in r.get("class").split()]) == len(units)
    for row, link in zip(all_rows, ordered(result), strict=True):
        zh, en = joined(result, link)
        assert row.xpath('./td[@class="zh"]')[0].text_content().startswith(zh or "(no Chinese)")
        assert row.xpath('./td[@class="en"]')[0].text_content() == (en or "(no English)")
    review = rows(page, "review-rows")
    assert len(review) == sum(1 for lk in result.links if lk.is_null)  # gold scores are all 1.0
    assert "Gold &lt;seed&gt; &amp; co" in page
    # the plot has one block per unit and one tick per null link, each linking to its row
    svg = parse(page).xpath("//svg")[0]
    assert len(svg.xpath(".//rect")) - 1 == len(units)  # minus the frame
    assert len(svg.xpath('.//line[@class="nulltick"]')) == len(result.links) - len(units)


@st.composite
def results(draw: st.DrawFn) -> AlignmentResult:
    text = st.text(alphabet=st.sampled_from("ab 中文<>&\"'/;="), min_size=1, max_size=12)
    kinds = draw(st.lists(st.sampled_from([(1, 1), (1, 0), (0, 1), (2, 1), (1, 2)]), max_size=12))
    links: list[Link] = []
    i = j = 0
    for a, b in kinds:
        score = draw(st.floats(0.0, 1.0))
        links.append(Link(tuple(range(i, i + a)), tuple(range(j, j + b)), score))
        i, j = i + a, j + b
    zh = tuple(Segment(n, draw(text)) for n in range(i))
    en = tuple(Segment(n, draw(text)) for n in range(j))
    return AlignmentResult(zh, en, tuple(links))


@given(results())
@settings(max_examples=60, deadline=None)
def test_any_text_is_escaped_and_review_rows_come_worst_first(result: AlignmentResult) -> None:
    page = render_report(result, title="<script>alert(1)</script>")
    tree = parse(page)
    assert len(tree.xpath("//script")) == 1  # only the page's own
    all_rows = rows(page, "all-rows")
    assert len(all_rows) == len(result.links)
    for row, link in zip(all_rows, ordered(result), strict=True):
        zh, en = joined(result, link)
        zh_cell = row.xpath('./td[@class="zh"]')[0]
        assert "".join(zh_cell.xpath("./text()|./mark/text()")) == (zh if zh else "")
        assert row.xpath('./td[@class="en"]')[0].text_content() == (en or "(no English)")
    review = rows(page, "review-rows")
    links = ordered(result)
    expected = sorted(
        (n for n, lk in enumerate(links, 1) if lk.is_null or lk.score < LOW_SCORE),
        key=lambda n: (not links[n - 1].is_null, links[n - 1].score, n),
    )
    assert [int(r.xpath("./td[1]/a")[0].text) for r in review] == expected


@given(results())
@settings(max_examples=60, deadline=None)
def test_document_order_keeps_a_monotone_alignment_in_order(result: AlignmentResult) -> None:
    order = document_order(result.links)
    assert sorted(order) == list(range(len(result.links)))
    links = [result.links[n] for n in order]
    for side in ("src", "tgt"):
        flat = [i for link in links for i in getattr(link, side)]
        assert flat == sorted(flat)


def test_document_order_of_crossing_links_and_nulls() -> None:
    links = [Link((0,), (1,)), Link((1,), (0,)), Link((), (2,)), Link((2,), (3,)), Link((), (4,))]
    shuffled = [links[4], links[2], links[0], links[3], links[1]]
    assert [shuffled[n] for n in document_order(shuffled)] == links


def test_glossary_terms_marked_and_missing_equivalents_flagged() -> None:
    result = gold_result()
    pairs = [("人居署", "UN-Habitat"), ("环境署", "UNEP"), ("城市", "urban")]
    page = render_report(result, title="t", glossary_pairs=pairs)
    all_rows = rows(page, "all-rows")
    found = missing = 0
    for row, link in zip(all_rows, ordered(result), strict=True):
        zh, en = joined(result, link)
        marks = row.xpath('./td[@class="zh"]/mark')
        expected_missing = 0
        for zh_term, en_term in pairs:
            count = zh.count(zh_term)
            bounded = rf"(?<![\w-]){re.escape(en_term)}(?:s|es)?(?![\w-])"
            if count and en and not re.search(bounded, en, re.IGNORECASE):
                expected_missing += count
        assert len(marks) == sum(zh.count(t) for t, _ in pairs)
        assert sum(1 for m in marks if "missing" in m.get("class")) == expected_missing
        found += len(marks)
        missing += expected_missing
    assert found > 10  # the seed is about UN-Habitat and UNEP
    assert f"{found - missing} / {missing}" in page


def test_bad_links_and_bad_output_are_typed_errors(tmp_path: Path) -> None:
    seg = (Segment(0, "一"),)
    bad = AlignmentResult(seg, (Segment(0, "one"),), (Link((0,), (3,), 0.9),))
    with pytest.raises(AlignmentError, match="outside the documents"):
        render_report(bad, title="t")
    good = AlignmentResult(seg, (Segment(0, "one"),), (Link((0,), (0,), 0.9),))
    with pytest.raises(OutputError):
        write_report(good, tmp_path / "missing" / "r.html", title="t")
    assert not (tmp_path / "missing").exists()


@pytest.fixture(scope="session")
def seed_result() -> AlignmentResult:
    pipeline = pytest.importorskip("untm.pipeline", reason="untm.pipeline (engineer A) not landed")
    return pipeline.align_files(SEED_ZH, SEED_EN, pipeline.AlignOptions())  # type: ignore[no-any-return]


def _glossary_pairs() -> list[tuple[str, str]]:
    try:
        from untm.glossary import open_glossary
    except ImportError:
        return []
    return list(open_glossary().term_pairs())


def _chromium(args: list[str], tmp: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    base = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp / 'chromium-profile'}",
    ]
    return subprocess.run(base + args, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.chromium
@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium not installed (make system-deps)")
def test_seed_review_page_renders_in_chromium(seed_result: AlignmentResult, tmp_path: Path) -> None:
    page_path = tmp_path / "review.html"
    write_report(
        seed_result, page_path, title=f"{GOLD_NAME} (seed)", glossary_pairs=_glossary_pairs()
    )
    dom = _chromium(["--dump-dom", page_path.as_uri()], tmp_path)
    assert dom.returncode == 0, dom.stderr[-500:]
    tree = parse(dom.stdout)
    units = [lk for lk in seed_result.links if not lk.is_null]
    shown = tree.xpath('//tbody[@id="all-rows"]/tr[contains(@class,"unit")]')
    assert len(shown) == len(units) > 50
    assert tree.xpath('//span[@id="shown"]')[0].text == str(len(seed_result.links))
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "review.png"
    shot.unlink(missing_ok=True)
    done = _chromium(
        [f"--screenshot={shot}", "--window-size=1400,2000", page_path.as_uri()], tmp_path
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert shot.stat().st_size > 10_000


def test_batch_index_orders_failed_then_most_to_review_and_escapes() -> None:
    from untm.report import IndexEntry, render_index

    entries = [
        IndexEntry("calm", "ok", units=50, review=1, mean_score=0.97, page="calm.html"),
        IndexEntry("<b>bad</b>", "failed", error="x.zh.txt: empty & <odd>"),
        IndexEntry("busy", "ok", units=40, review=9, mean_score=0.71, page="busy%20x.html"),
    ]
    tree = parse(render_index(entries, title="<batch>"))
    rows = tree.xpath('//table[@id="documents"]/tbody/tr')
    assert [r.xpath("./td")[0].text_content() for r in rows] == ["<b>bad</b>", "busy", "calm"]
    assert rows[0].xpath(".//em")[0].text == "x.zh.txt: empty & <odd>"
    assert tree.xpath("//a/@href") == ["busy%20x.html", "calm.html"]
    assert not tree.xpath("//b") and tree.xpath("//h1")[0].text == "<batch>"


def test_units_on_the_page_are_the_units_exported() -> None:
    """Regression: the page counted every non-null link as a unit, also one whose side is blank."""
    from untm.pipeline import summarize, to_units

    result = AlignmentResult(
        (Segment(0, "第一句。"), Segment(1, "第二句。")),
        (Segment(0, "First."), Segment(1, " \u3000")),
        (Link((0,), (0,), 0.9), Link((1,), (1,), 0.7)),
    )
    stats = {
        th.text_content(): td.text_content()
        for th, td in (
            row.xpath("./th|./td")
            for row in parse(render_report(result, title="t")).xpath('//table[@id="stats"]//tr')
        )
    }
    exported = len(to_units(result, source_name="t"))
    assert exported == summarize(result).units == 1
    assert stats["Units (both sides)"] == "1"
    assert stats[f"Units with score < {LOW_SCORE:.2f}"] == "0"


def test_terms_match_like_glossary_check() -> None:
    """Regression: the page folded all case, so "who" was marked as WHO and counted as present."""
    pairs = [
        ("世界卫生组织", "WHO"),
        ("人居署", "UN-Habitat"),
        ("可持续发展", "sustainable development"),
    ]
    result = AlignmentResult(
        (Segment(0, "世界卫生组织支持人居署。"), Segment(1, "可持续 发展")),
        (Segment(0, "Those who support un-habitat."), Segment(1, "Sustainable Development")),
        (Link((0,), (0,), 0.9), Link((1,), (1,), 0.9)),
    )
    page = render_report(result, title="t", glossary_pairs=pairs)
    first, second = rows(page, "all-rows")
    assert first.xpath('./td[@class="en"]/mark') == []
    zh_marks = first.xpath('./td[@class="zh"]/mark')
    assert [(m.text, m.get("class")) for m in zh_marks] == [
        ("世界卫生组织", "term missing"),
        ("人居署", "term missing"),
    ]
    assert [m.get("class") for m in second.xpath('./td[@class="zh"]/mark')] == ["term"]
    assert [m.text for m in second.xpath('./td[@class="en"]/mark')] == ["Sustainable Development"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.integers(0, 6), max_size=2, unique=True),
            st.lists(st.integers(0, 6), max_size=2, unique=True),
        ).filter(lambda sides: bool(sides[0] or sides[1])),
        max_size=8,
    )
)
def test_document_order_is_a_permutation_in_the_aligner_s_order(
    sides: list[tuple[list[int], list[int]]],
) -> None:
    from untm.aligner.paragraphs import order_links

    links = [Link(tuple(src), tuple(tgt)) for src, tgt in sides]  # equal links may repeat
    order = document_order(links)
    assert sorted(order) == list(range(len(links)))
    assert [links[n] for n in order] == order_links(links)
