"""Web pages built like real UN site pages, the document's text inside the site around it.

`un_page(items, lang, template)` renders `pdfgen` items (the seed report: cover lines, headings,
numbered paragraphs, footnotes, a table) inside one of two site templates, each with its own
boilerplate in each language (the Chinese main menu has one item more, the cookie banners and
footers differ):

- `semantic`: a current UN website (Drupal): a skip link, a cookie banner, a header with the
  logo, a language switcher and a search form, the main menu (`<nav>`), a breadcrumb, the text in
  `<main><article>`, a share bar and a sidebar (`<aside>`) inside `<main>`, a footer;
- `divs`: an older site of `<div id=…>` blocks without `<main>`, `<nav>` or `<article>`: header,
  menu, breadcrumb, content, a "related documents" sidebar, a footer, a cookie notice.

`Page.furniture` lists every boilerplate text (each must be reported and never be in a unit);
`Page.content` lists the text of each content block (p, h1–h6, li, td).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pdfgen import Item

SITE = {
    "zh": {
        "skip": "跳转到主要内容",
        "cookie": "本网站使用Cookie以改善您的浏览体验。继续浏览即表示您同意我们使用Cookie。",
        "accept": "接受",
        "more": "了解更多",
        "logo": "联合国",
        "slogan": "和平、尊严与平等，在健康的地球上",
        "search": "搜索",
        "menu": ("首页", "关于我们", "主要议题", "文件", "会议", "新闻和媒体", "联系我们"),
        "crumbs": ("首页", "经济及社会理事会", "决议和决定"),
        "share": ("分享", "微博", "微信", "电子邮件", "打印"),
        "related_title": "相关文件",
        "related": ("人居大会第一届会议报告", "环境署2022–2025年中期战略", "新城市议程"),
        "footer": ("联系我们", "版权", "常见问题", "欺诈警告", "隐私声明", "使用条款"),
        "copyright": "© 联合国",
        "title": "经济及社会理事会 | 联合国",
    },
    "en": {
        "skip": "Skip to main content",
        "cookie": "We use cookies to improve your experience on our website. By continuing you "
        "agree to our use of cookies.",
        "accept": "Accept",
        "more": "Learn more",
        "logo": "United Nations",
        "slogan": "Peace, dignity and equality on a healthy planet",
        "search": "Search",
        "menu": ("Home", "About Us", "Our Work", "Documents", "Meetings", "News and Media"),
        "crumbs": ("Home", "Economic and Social Council", "Resolutions and Decisions"),
        "share": ("Share", "Facebook", "X", "Email", "Print"),
        "related_title": "Related documents",
        "related": (
            "Report of the UN-Habitat Assembly on its first session",
            "UNEP Medium-Term Strategy 2022–2025",
            "New Urban Agenda",
        ),
        "footer": ("Contact", "Copyright", "FAQ", "Fraud Alert", "Privacy Notice", "Terms of Use"),
        "copyright": "© United Nations",
        "title": "Economic and Social Council | United Nations",
    },
}
#: a list added to the page's text when measuring list handling (paragraph 4's three areas)
LIST = {
    "zh": ("有韧性的资源效率型城市", "可持续运输和交通出行", "废物和废水"),
    "en": ("Resilient and resource-efficient cities", "Sustainable transport and mobility",
           "Waste and wastewater"),
}
LANGUAGES = ("العربية", "中文", "English", "Français", "Русский", "Español")
TEMPLATES = ("semantic", "divs")


@dataclass(frozen=True)
class Page:
    html: str
    content: tuple[str, ...]  # the text of each content block
    furniture: tuple[str, ...]  # each boilerplate text


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _links(items: Sequence[str], cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return "<ul{}>{}</ul>".format(
        attr, "".join(f'<li><a href="/{k}">{_e(t)}</a></li>' for k, t in enumerate(items))
    )


def _content(items: Sequence[Item], lang: str, with_list: bool) -> tuple[str, list[str]]:
    """The document's own text as HTML blocks (and each block's text)."""
    out: list[str] = []
    texts: list[str] = []
    rows: list[Item] = []

    def flush() -> None:
        if rows:
            body = "".join(
                "<tr>" + "".join(f"<td>{_e(c)}</td>" for c in r.cells) + "</tr>" for r in rows
            )
            out.append(f'<table class="table">{body}</table>')
            texts.extend(c for r in rows for c in r.cells)
            rows.clear()

    for item in items:
        if item.kind == "row":
            rows.append(item)
            continue
        flush()
        text = item.text
        if item.kind == "heading":
            out.append(f"<h2>{_e(text)}</h2>")
        elif item.kind == "footnote":
            out.append(f'<p class="footnote">{_e(text)}</p>')
        elif item.note and item.at in text:
            head, tail = text.split(item.at, 1)
            out.append(
                f'<p>{_e(head + item.at)}<sup><a href="#fn{item.note}">{item.note}</a></sup>'
                f"{_e(tail)}</p>"
            )
        else:
            out.append(f"<p>{_e(text)}</p>")
        texts.append(text)
        if with_list and text.startswith("4. "):
            out.append("<ul>" + "".join(f"<li>{_e(t)}</li>" for t in LIST[lang]) + "</ul>")
            texts.extend(LIST[lang])
    flush()
    return "\n".join(out), texts


def _furniture_texts(lang: str, template: str) -> list[str]:
    s = SITE[lang]
    texts = [s["cookie"], s["accept"], s["more"], s["logo"], s["slogan"], *s["menu"],
             *s["crumbs"], *s["footer"], s["copyright"], *s["related"], s["related_title"],
             *LANGUAGES]  # fmt: skip
    if template == "semantic":
        texts += [s["skip"], s["search"], *s["share"]]
    return texts


def un_page(
    items: Sequence[Item], lang: str, template: str = "semantic", *, with_list: bool = False
) -> Page:
    """The items as a UN site page in `template` (see the module's doc); `with_list` adds a
    bulleted list to the text (not in the seed gold)."""
    s = SITE[lang]
    body, texts = _content(items, lang, with_list)
    head = (
        f'<!DOCTYPE html>\n<html lang="{"zh-hans" if lang == "zh" else "en"}" dir="ltr">\n'
        f'<head><meta charset="utf-8"><title>{_e(s["title"])}</title>'
        '<script>window.dataLayer = window.dataLayer || [];</script>'
        '<link rel="stylesheet" href="/themes/un/css/style.css"></head>\n'
    )
    if template == "semantic":
        page = (
            f'{head}<body class="path-node page-node-type-document">\n'
            '<a href="#main-content" class="visually-hidden focusable skip-link">'
            f'{_e(s["skip"])}</a>\n'
            f'<div id="sliding-popup" class="eu-cookie-compliance-banner" role="dialog" '
            f'aria-label="Cookie"><div class="popup-content"><p>{_e(s["cookie"])}</p>'
            f'<button type="button" class="agree-button">{_e(s["accept"])}</button> '
            f'<a href="/privacy">{_e(s["more"])}</a></div></div>\n'
            '<div class="dialog-off-canvas-main-canvas">\n'
            f'<header role="banner" class="site-header"><div class="site-branding">'
            f'<a href="/" rel="home"><img src="/logo.svg" alt="">{_e(s["logo"])}</a>'
            f'<div class="site-slogan">{_e(s["slogan"])}</div></div>\n'
            f'<nav class="language-switcher" aria-label="Languages">{_links(LANGUAGES)}</nav>\n'
            f'<form role="search" action="/search"><input type="search" name="q">'
            f'<button>{_e(s["search"])}</button></form></header>\n'
            '<nav role="navigation" aria-label="Main" class="main-menu">'
            f'{_links(s["menu"])}</nav>\n'
            '<main role="main" id="main-content">\n'
            f'<nav class="breadcrumb" aria-label="Breadcrumb"><ol>'
            + "".join(f'<li><a href="/">{_e(c)}</a></li>' for c in s["crumbs"])
            + "</ol></nav>\n"
            f'<div class="layout-content"><article class="node node--type-document">\n'
            f'<div class="field--name-body">\n{body}\n</div></article>\n'
            f'<div class="share-bar"><span>{_e(s["share"][0])}</span>'
            + "".join(f'<a href="/share/{k}">{_e(t)}</a> ' for k, t in enumerate(s["share"][1:]))
            + "</div></div>\n"
            f'<aside class="sidebar" role="complementary"><h2>{_e(s["related_title"])}</h2>'
            f'{_links(s["related"])}</aside>\n</main>\n'
            f'<footer class="site-footer" role="contentinfo">{_links(s["footer"])}'
            f'<p>{_e(s["copyright"])}</p></footer>\n</div>\n</body></html>\n'
        )
    else:
        page = (
            f'{head}<body>\n<div id="wrapper">\n'
            f'<div id="header"><div id="logo"><a href="/">{_e(s["logo"])}</a></div>'
            f'<div class="slogan">{_e(s["slogan"])}</div>'
            f'<div id="languages">{_links(LANGUAGES)}</div></div>\n'
            f'<div id="menu">{_links(s["menu"])}</div>\n'
            f'<div id="breadcrumbs">'
            + " &gt; ".join(f'<a href="/">{_e(c)}</a>' for c in s["crumbs"])
            + "</div>\n"
            f'<div id="content">\n{body}\n</div>\n'
            f'<div id="sidebar"><h3>{_e(s["related_title"])}</h3>{_links(s["related"])}</div>\n'
            f'<div id="footer">{_links(s["footer"])}<p>{_e(s["copyright"])}</p></div>\n'
            f'<div class="cookie-notice"><p>{_e(s["cookie"])}</p>'
            f'<a href="#" class="btn">{_e(s["accept"])}</a> <a href="/privacy">{_e(s["more"])}</a>'
            "</div>\n</div>\n</body></html>\n"
        )
    return Page(page, tuple(texts), tuple(_furniture_texts(lang, template)))


def in_text(needle: str, text: str) -> bool:
    """Whether `needle` occurs in `text`, white space ignored."""
    return re.sub(r"\s+", "", needle) in re.sub(r"\s+", "", text)
