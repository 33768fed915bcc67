"""The HTML review page of one alignment: a self-contained file a reviewer opens in a browser.

`write_report(result, path, title=..., glossary_pairs=...)` writes one page with inline CSS, JS
and SVG (nothing is fetched from the network):

- a summary (segments, link types, null and low-confidence links, what cleaning removed);
- a plot of the alignment path (Chinese sentence index against English sentence index, each link
  a block coloured by confidence, null links as ticks on the axes, the diagonal dashed) so a
  reviewer sees at a glance where the alignment strays; every block links to its row;
- "Needs review": null links, links under the confidence threshold and links that hold a
  character the input lost (U+FFFD: kept out of the TM), worst first;
- "All links" in document order, the two texts side by side, each row coloured by confidence.

Glossary terms (given as (zh, en) pairs) are highlighted; a Chinese term whose English equivalent
is not in the linked English text is marked as missing, which often points at a misalignment.
All text is escaped with `html.escape`; the page is written atomically.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from untm.aligner.model import AlignmentResult, BlockKind, Link
from untm.errors import AlignmentError
from untm.fileio import write_text_atomic

LOW_SCORE = 0.8
COLOUR_FLOOR = 0.5
NULL_COLOUR = "hsl(0, 0%, 45%)"
PLOT_SIZE = 420
PLOT_MARGIN = 34


@dataclass(frozen=True)
class TermMatcher:
    """Finds glossary terms in Chinese and English text with the rules of `glossary check`
    (`glossary.matching`: abbreviations match case-sensitively, so "who" is not WHO)."""

    zh_terms: tuple[str, ...]
    en_terms: tuple[str, ...]
    zh_to_en: dict[str, tuple[str, ...]]

    @classmethod
    def build(cls, pairs: Iterable[tuple[str, str]]) -> TermMatcher:
        zh_to_en: dict[str, set[str]] = {}
        for zh, en in pairs:
            zh, en = zh.strip(), en.strip()
            if len(zh) < 2 or len(en) < 2:  # one-character terms highlight noise
                continue
            zh_to_en.setdefault(zh, set()).add(en)
        en_terms = sorted({en for ens in zh_to_en.values() for en in ens})
        return cls(
            tuple(sorted(zh_to_en)),
            tuple(en_terms),
            {k: tuple(sorted(v)) for k, v in zh_to_en.items()},
        )

    def zh_spans(self, text: str) -> list[tuple[int, int, str]]:
        from untm.glossary.matching import find_terms

        return find_terms(text, "zh", self.zh_terms) if self.zh_terms else []

    def en_spans(self, text: str) -> list[tuple[int, int, str]]:
        from untm.glossary.matching import find_terms

        return find_terms(text, "en", self.en_terms) if self.en_terms else []

    def equivalents(self, zh_match: str) -> tuple[str, ...]:
        """The English equivalents of a matched Chinese term (spaces between characters aside)."""
        return self.zh_to_en.get(zh_match) or self.zh_to_en.get("".join(zh_match.split()), ())


@dataclass(frozen=True)
class LinkView:
    """One link as the page shows it."""

    number: int  # 1-based position in document order
    link: Link
    zh_html: str
    en_html: str
    zh_kinds: tuple[str, ...]
    en_kinds: tuple[str, ...]
    terms_found: int
    terms_missing: int
    lost: bool = False  # a side holds a character the input lost (U+FFFD): kept out of the TM


def _has_equivalent(equivalents: Sequence[str], en: str) -> bool:
    """Whether the English text has one of a term's English equivalents (or its plural); a
    term whose equivalents are unknown is not flagged."""
    from untm.glossary.matching import contains_any

    return not equivalents or contains_any(en, "en", equivalents)


def zh_term_classes(
    matcher: TermMatcher, zh_spans: Sequence[tuple[int, int, str]], en: str
) -> list[str]:
    """The class of each Chinese term found: "term", or "term missing" when the linked English
    text `en` (non-empty) has none of its equivalents."""
    return [
        "term" if (not en or _has_equivalent(matcher.equivalents(term), en)) else "term missing"
        for _, _, term in zh_spans
    ]


def document_order(links: Sequence[Link]) -> list[int]:
    """Indices of `links` in document order: `aligner.paragraphs.order_links` (by the first
    Chinese index; an English-only link where it stands in the English text)."""
    from untm.aligner.paragraphs import order_links

    positions: dict[int, list[int]] = {}
    for n, link in enumerate(links):
        positions.setdefault(id(link), []).append(n)
    return [positions[id(link)].pop(0) for link in order_links(links)]


def mark_terms(text: str, spans: Sequence[tuple[int, int, str]], classes: Sequence[str]) -> str:
    """Escape `text`, wrapping each span in <mark>; spans come sorted and non-overlapping."""
    out: list[str] = []
    pos = 0
    for (start, end, term), cls in zip(spans, classes, strict=True):
        out.append(html.escape(text[pos:start]))
        out.append(f'<mark class="{cls}" title="{html.escape(term)}">')
        out.append(html.escape(text[start:end]))
        out.append("</mark>")
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _check_links(result: AlignmentResult) -> None:
    n_src, n_tgt = len(result.src_segments), len(result.tgt_segments)
    for number, link in enumerate(result.links, 1):
        bad = [i for i in link.src if not 0 <= i < n_src] + [
            j for j in link.tgt if not 0 <= j < n_tgt
        ]
        if bad:
            raise AlignmentError(
                f"link {number} {list(link.src)}:{list(link.tgt)} points outside the documents "
                f"({n_src} Chinese, {n_tgt} English segments)"
            )


def build_views(result: AlignmentResult, matcher: TermMatcher) -> list[LinkView]:
    """The links of `result` in document order, with texts escaped and terms marked."""
    from untm.pipeline import holds_lost, side_text

    _check_links(result)
    views: list[LinkView] = []
    for number, n in enumerate(document_order(result.links), 1):
        link = result.links[n]
        zh = side_text(result.src_segments, link.src, "zh")
        en = side_text(result.tgt_segments, link.tgt, "en")
        zh_spans = matcher.zh_spans(zh)
        en_spans = matcher.en_spans(en)
        zh_classes = zh_term_classes(matcher, zh_spans, en)
        missing = sum(1 for cls in zh_classes if cls != "term")
        views.append(
            LinkView(
                number=number,
                link=link,
                zh_html=mark_terms(zh, zh_spans, zh_classes),
                en_html=mark_terms(en, en_spans, ["term"] * len(en_spans)),
                zh_kinds=tuple(sorted({str(result.src_segments[i].kind) for i in link.src})),
                en_kinds=tuple(sorted({str(result.tgt_segments[j].kind) for j in link.tgt})),
                terms_found=len(zh_spans) - missing,
                terms_missing=missing,
                lost=holds_lost(result, link),
            )
        )
    return views


def score_colour(score: float) -> str:
    """Red (score <= COLOUR_FLOOR) through amber to green (1), as an HSL colour.

    Aligners' confidences cluster high, so the scale spans [COLOUR_FLOOR, 1] where the doubtful
    links are, instead of [0, 1]."""
    s = min(1.0, max(0.0, (score - COLOUR_FLOOR) / (1.0 - COLOUR_FLOOR)))
    return f"hsl({round(120 * s)}, 70%, 42%)"


def needs_review(link: Link, low: float, *, lost: bool) -> bool:
    """Whether "Needs review" lists the link: null, below `low`, or holding a character the
    input lost (`lost`: kept out of the TM)."""
    return link.is_null or link.score < low or lost


def count_for_review(result: AlignmentResult, low_score: float = LOW_SCORE) -> int:
    """How many links the page lists under "Needs review" (`needs_review`)."""
    from untm.pipeline import holds_lost

    return sum(
        1 for link in result.links if needs_review(link, low_score, lost=holds_lost(result, link))
    )


def _indices(ix: tuple[int, ...]) -> str:
    return ",".join(str(i + 1) for i in ix) if ix else "–"


def _row(view: LinkView, *, anchor: bool, low: float) -> str:
    link = view.link
    classes = ["unit"] if not link.is_null else ["null"]
    if needs_review(link, low, lost=view.lost):
        classes.append("review")
    kinds = sorted((set(view.zh_kinds) | set(view.en_kinds)) - {str(BlockKind.BODY)})
    tags = "".join(f'<span class="tag">{html.escape(k)}</span>' for k in kinds)
    if view.terms_missing:
        tags += f'<span class="tag warn">{view.terms_missing} term(s) unmatched</span>'
    row_id = f' id="l{view.number}"' if anchor else ""
    colour = NULL_COLOUR if link.is_null else score_colour(link.score)
    shown_score = 0.0 if link.is_null else link.score
    badge = "null" if link.is_null else f"{link.score:.2f}"
    href = f' href="#l{view.number}"' if not anchor else ""
    return (
        f'<tr class="{" ".join(classes)}"{row_id} data-score="{shown_score:.3f}" '
        f'data-kind="{link.kind}">'
        f'<td class="num"><a{href}>{view.number}</a></td>'
        f'<td class="score" style="--c:{colour}">'
        f'<span class="badge">{badge}</span><span class="kind">{link.kind}</span>'
        f'<span class="ix" title="Chinese / English sentence numbers">'
        f"{_indices(link.src)} / {_indices(link.tgt)}</span></td>"
        f'<td class="zh" lang="zh">{view.zh_html or "<em>(no Chinese)</em>"}{tags}</td>'
        f'<td class="en" lang="en">{view.en_html or "<em>(no English)</em>"}</td></tr>'
    )


def path_svg(result: AlignmentResult, views: Sequence[LinkView]) -> str:
    """Inline SVG of the alignment path: zh index (x) against en index (y, upwards)."""
    n = max(1, len(result.src_segments))
    m = max(1, len(result.tgt_segments))
    size, pad = PLOT_SIZE, PLOT_MARGIN
    sx, sy = size / n, size / m

    def x(i: float) -> float:
        return pad + i * sx

    def y(j: float) -> float:
        return pad + size - j * sy

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="plot" viewBox="0 0 {size + 2 * pad} '
        f'{size + 2 * pad}" width="{size + 2 * pad}" height="{size + 2 * pad}" role="img" '
        f'aria-label="Alignment path">',
        f'<rect x="{pad}" y="{pad}" width="{size}" height="{size}" class="frame"/>',
        f'<line x1="{x(0):.1f}" y1="{y(0):.1f}" x2="{x(n):.1f}" y2="{y(m):.1f}" class="diag"/>',
    ]
    centres: list[str] = []
    for view in views:
        link = view.link
        colour = score_colour(link.score)
        what = "null link" if link.is_null else f"score {link.score:.2f}"
        tip = html.escape(f"link {view.number} ({link.kind}, {what})")
        if link.src and link.tgt:
            x0, x1 = x(min(link.src)), x(max(link.src) + 1)
            y0, y1 = y(max(link.tgt) + 1), y(min(link.tgt))
            w, h = max(x1 - x0, 2.0), max(y1 - y0, 2.0)
            centres.append(f"{(x0 + x1) / 2:.1f},{(y0 + y1) / 2:.1f}")
            shape = (
                f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{w:.1f}" height="{h:.1f}" '
                f'fill="{colour}"/>'
            )
        elif link.src:  # Chinese only: tick under the x axis
            xm = x(min(link.src) + 0.5 * len(link.src))
            shape = (
                f'<line x1="{xm:.1f}" y1="{pad + size + 3}" x2="{xm:.1f}" y2="{pad + size + 12}" '
                f'class="nulltick"/>'
            )
        else:  # English only: tick left of the y axis
            ym = y(min(link.tgt) + 0.5 * len(link.tgt))
            shape = (
                f'<line x1="{pad - 12}" y1="{ym:.1f}" x2="{pad - 3}" y2="{ym:.1f}" '
                f'class="nulltick"/>'
            )
        parts.append(f'<a href="#l{view.number}"><title>{tip}</title>{shape}</a>')
    if len(centres) > 1:
        parts.insert(3, f'<polyline points="{" ".join(centres)}" class="path"/>')
    parts += [
        f'<text x="{pad + size / 2}" y="{size + 2 * pad - 4}" class="axis">Chinese sentence '
        f"(1–{len(result.src_segments)})</text>",
        f'<text x="10" y="{pad + size / 2}" class="axis" transform="rotate(-90 10 '
        f'{pad + size / 2})">English sentence (1–{len(result.tgt_segments)})</text>',
        "</svg>",
    ]
    return "".join(parts)


CSS = """
:root{--bg:#fafafa;--fg:#1d1d1f;--mute:#666;--line:#ddd}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC",
"Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;margin:0;background:var(--bg);color:var(--fg)}
header{padding:18px 28px 8px;background:#fff;border-bottom:1px solid var(--line)}
h1{font-size:21px;margin:0 0 4px}h2{font-size:18px;margin:26px 0 8px}
.sub{color:var(--mute);font-size:13px}
main{padding:0 28px 40px}
.top{display:flex;gap:28px;align-items:flex-start;flex-wrap:wrap;margin-top:14px}
.stats{border-collapse:collapse;font-size:14px}
.stats th{text-align:left;font-weight:600;padding:3px 14px 3px 0;color:var(--mute)}
.stats td{padding:3px 0;font-variant-numeric:tabular-nums}
.legend{display:flex;gap:10px;align-items:center;font-size:13px;color:var(--mute);margin:10px 0}
.grad{width:160px;height:10px;border-radius:5px;
background:linear-gradient(90deg,hsl(0,70%,42%),hsl(60,70%,42%),hsl(120,70%,42%))}
.plot{background:#fff;border:1px solid var(--line);border-radius:6px}
.plot .frame{fill:none;stroke:#bbb}.plot .diag{stroke:#aaa;stroke-dasharray:4 4}
.plot .path{fill:none;stroke:#444;stroke-width:.7;opacity:.55}
.plot .nulltick{stroke:hsl(0,70%,45%);stroke-width:2}
.plot .axis{font-size:11px;fill:var(--mute);text-anchor:middle}
.plot a:hover rect{stroke:#000;stroke-width:1.5}
.controls{display:flex;gap:18px;align-items:center;flex-wrap:wrap;margin:10px 0;font-size:14px}
.controls input[type=search]{padding:4px 8px;width:260px}
table.links{width:100%;border-collapse:collapse;background:#fff;table-layout:fixed}
table.links th{position:sticky;top:0;background:#f0f0f0;text-align:left;font-size:13px;
padding:6px 8px;border-bottom:1px solid var(--line);z-index:1}
table.links td{vertical-align:top;padding:7px 8px;border-bottom:1px solid var(--line)}
table.links col.c-num{width:52px}table.links col.c-score{width:104px}
td.num a{color:var(--mute);text-decoration:none;font-size:13px}
td.score{border-left:6px solid var(--c)}
td.score .badge{display:inline-block;min-width:40px;text-align:center;color:#fff;
background:var(--c);border-radius:4px;font-size:12px;font-weight:600;padding:0 5px}
td.score .kind{display:block;font-size:12px;color:var(--mute)}
td.score .ix{display:block;font-size:11px;color:#999;word-break:break-all}
td.zh{font-size:15.5px}
tr.null td.zh,tr.null td.en{background:#fff4f4}
tr:target td{background:#fffbd6!important}
em{color:#b33;font-style:italic}
mark.term{background:#dbeafe;color:inherit;border-radius:3px;padding:0 1px}
mark.term.missing{background:#fde2e2;outline:1px dashed #d33}
.tag{display:inline-block;margin-left:6px;font-size:11px;padding:0 5px;border-radius:3px;
background:#eee;color:#555;vertical-align:middle}.tag.warn{background:#fde2e2;color:#a11}
details{margin:8px 0;font-size:13px}details pre{white-space:pre-wrap;color:var(--mute)}
.hidden{display:none}
"""

JS = """
(function(){
  var q=document.getElementById('q'), t=document.getElementById('t'),
      tv=document.getElementById('tv'), all=document.getElementById('all-rows');
  function apply(){
    var s=(q.value||'').toLowerCase(), th=parseFloat(t.value), shown=0;
    tv.textContent=th.toFixed(2);
    var rows=all.querySelectorAll('tr');
    for(var i=0;i<rows.length;i++){
      var r=rows[i], ok=(!s||r.textContent.toLowerCase().indexOf(s)>=0)
        &&parseFloat(r.getAttribute('data-score'))<=th;
      r.classList.toggle('hidden',!ok); if(ok) shown++;
    }
    document.getElementById('shown').textContent=shown;
  }
  q.addEventListener('input',apply); t.addEventListener('input',apply);
})();
"""


def _stats(result: AlignmentResult, views: Sequence[LinkView], low: float) -> str:
    from untm.pipeline import has_both_sides, summarize

    summary = summarize(result)
    links = [v.link for v in views]
    counts = ", ".join(f"{k}: {v}" for k, v in summary.links_by_type.items()) or "none"
    low_n = sum(1 for lk in links if has_both_sides(result, lk) and lk.score < low)
    rows = [
        ("Chinese segments", str(summary.segments_zh)),
        ("English segments", str(summary.segments_en)),
        ("Units (both sides)", str(summary.units)),
        ("Link types", counts),
        ("Null links", str(sum(1 for lk in links if lk.is_null))),
        (f"Units with score < {low:.2f}", str(low_n)),
        ("Mean unit score", f"{summary.mean_score:.3f}"),
        (
            "Glossary terms matched / unmatched",
            f"{sum(v.terms_found for v in views)} / {sum(v.terms_missing for v in views)}",
        ),
        (
            "Removed while cleaning (zh / en)",
            f"{len(result.src_furniture)} / {len(result.tgt_furniture)}",
        ),
    ]
    if summary.units_lost:
        rows.insert(3, ("Units left out: characters the input lost (U+FFFD)",
                        str(summary.units_lost)))
    body = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows)
    return f'<table class="stats" id="stats">{body}</table>'


def furniture_place(path: str) -> str:
    """What the `line` of a furniture item of the document read from `path` counts: "page" for
    a PDF (its reader records the page where the line number would be), else "line"."""
    return "page" if path.lower().endswith(".pdf") else "line"


def _furniture(result: AlignmentResult) -> str:
    items = [("zh", f) for f in result.src_furniture] + [("en", f) for f in result.tgt_furniture]
    if not items:
        return ""
    where = {lang: furniture_place(str(result.settings.get(side, "")))
             for lang, side in (("zh", "src"), ("en", "tgt"))}  # fmt: skip
    lines = "\n".join(
        f"{lang} {where[lang]} {f.line}: {f.kind}: {f.text[:120]}" for lang, f in items
    )
    return (
        f"<details><summary>What cleaning removed ({len(items)} items)</summary>"
        f"<pre>{html.escape(lines)}</pre></details>"
    )


def _settings(result: AlignmentResult) -> str:
    if not result.settings:
        return ""
    text = ", ".join(f"{k}={v}" for k, v in sorted(result.settings.items()))
    return f'<div class="sub">Settings: {html.escape(text)}</div>'


def _table(rows: Sequence[str], body_id: str) -> str:
    return (
        '<table class="links"><colgroup><col class="c-num"><col class="c-score"><col><col>'
        "</colgroup><thead><tr><th>#</th><th>Score</th><th>Chinese</th><th>English</th></tr>"
        f'</thead><tbody id="{body_id}">{"".join(rows)}</tbody></table>'
    )


def render_report(
    result: AlignmentResult,
    *,
    title: str,
    glossary_pairs: Sequence[tuple[str, str]] | None = None,
    low_score: float = LOW_SCORE,
) -> str:
    """The review page as an HTML string (deterministic for the same input)."""
    matcher = TermMatcher.build(glossary_pairs or ())
    views = build_views(result, matcher)
    review = sorted(
        (v for v in views if needs_review(v.link, low_score, lost=v.lost)),
        key=lambda v: (not v.link.is_null, v.link.score, v.number),
    )
    review_rows = [_row(v, anchor=False, low=low_score) for v in review]
    all_rows = [_row(v, anchor=True, low=low_score) for v in views]
    review_html = (
        _table(review_rows, "review-rows")
        if review_rows
        else '<p class="sub">Nothing to review: no null links and no low-confidence units.</p>'
    )
    esc_title = html.escape(title)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
        f"<title>{esc_title} — untm review</title><style>{CSS}</style></head><body>"
        f"<header><h1>{esc_title}</h1>"
        '<div class="sub">untm alignment review: Chinese ↔ English. Rows are coloured by the '
        "aligner's confidence; null links and units under "
        f"{low_score:.2f} are listed first.</div>{_settings(result)}</header><main>"
        f'<div class="top"><div>{_stats(result, views, low_score)}'
        f'<div class="legend">confidence <span>≤ {COLOUR_FLOOR:.1f}</span><span class="grad">'
        '</span><span>1</span></div><div class="legend">'
        '<mark class="term">term</mark> glossary term '
        '<mark class="term missing">term</mark> Chinese term without its English equivalent'
        f"</div>{_furniture(result)}</div>"
        f'<figure style="margin:0">{path_svg(result, views)}<figcaption class="sub">'
        "Alignment path: each block is a link (click to jump); dashed line is the diagonal; "
        "red ticks on the axes are null links.</figcaption></figure></div>"
        f'<h2 id="review">Needs review ({len(review_rows)})</h2>{review_html}'
        f'<h2 id="all">All links in document order ({len(all_rows)})</h2>'
        '<div class="controls"><label>Find <input id="q" type="search" '
        'placeholder="text in either language"></label><label>Show score ≤ '
        '<input id="t" type="range" min="0" max="1" step="0.01" value="1"> '
        '<span id="tv">1.00</span></label><span class="sub"><span id="shown">'
        f"{len(all_rows)}</span> shown</span></div>"
        f"{_table(all_rows, 'all-rows')}"
        f"</main><script>{JS}</script></body></html>\n"
    )


def write_report(
    result: AlignmentResult,
    path: str | Path,
    *,
    title: str,
    glossary_pairs: Sequence[tuple[str, str]] | None = None,
    low_score: float = LOW_SCORE,
) -> None:
    """Write the review page of `result` to `path` atomically (see the module docstring)."""
    page = render_report(result, title=title, glossary_pairs=glossary_pairs, low_score=low_score)
    write_text_atomic(path, page)


@dataclass(frozen=True)
class IndexEntry:
    """One document on a batch's review index."""

    name: str
    status: str
    units: int = 0
    review: int = 0
    mean_score: float = 0.0
    page: str | None = None  # href of its review page, relative to the index
    error: str | None = None


def render_index(entries: Sequence[IndexEntry], *, title: str) -> str:
    """The batch review index: failed documents first, then most links to review first."""
    order = sorted(entries, key=lambda e: (e.status == "ok", -e.review, e.name))
    rows = []
    for e in order:
        name = html.escape(e.name)
        link = f'<a href="{html.escape(e.page)}">{name}</a>' if e.page else name
        if e.status == "ok":
            colour = score_colour(e.mean_score)
            cells = (
                f'<td class="num">{e.units}</td><td class="num">{e.review}</td>'
                f'<td class="score" style="--c:{colour}"><span class="badge">'
                f"{e.mean_score:.2f}</span></td><td></td>"
            )
        else:
            cells = f"<td></td><td></td><td></td><td><em>{html.escape(e.error or '')}</em></td>"
        rows.append(f'<tr class="{html.escape(e.status)}"><td>{link}</td>{cells}</tr>')
    failed = sum(1 for e in entries if e.status != "ok")
    esc = html.escape(title)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">"
        f"<title>{esc}</title><style>{CSS}"
        "table.index{border-collapse:collapse;background:#fff;min-width:640px}"
        "table.index td,table.index th{padding:6px 10px;border-bottom:1px solid var(--line);"
        "text-align:left}table.index .num{text-align:right;font-variant-numeric:tabular-nums}"
        "td.score{border-left:0}</style></head><body>"
        f'<header><h1>{esc}</h1><div class="sub">{len(entries)} documents, {failed} failed. '
        "Documents with the most links to review (null links and low-confidence units) come "
        "first; open one to review it.</div></header><main><h2>Documents</h2>"
        '<table class="index" id="documents"><thead><tr><th>Document</th>'
        '<th class="num">Units</th><th class="num">To review</th><th>Mean score</th>'
        "<th>Error</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></main></body></html>\n"
    )


def write_report_index(path: str | Path, entries: Sequence[IndexEntry], *, title: str) -> None:
    """Write the batch review index (see `render_index`) atomically."""
    write_text_atomic(path, render_index(entries, title=title))
