"""A web page's own text without the site around it: structural rules, measured against
main-content extractors in `bench/bench_html_extract.py` (results in bench/results/html_extract.md).

A page is a *site page* when it has landmarks (`<main>`, `<article>`, `<nav>`, `<aside>`, a page
`<header>`/`<footer>`, ARIA roles) or blocks whose class, id or label names site furniture
(cookie banner, menu, breadcrumb, share bar, …). Any other HTML is read whole, as before.

On a site page:
1. the content root is the page's `<main>` (or `role="main"`), else its one `<article>` (the one
   with the most text when there are several), else the `<body>`;
2. everything outside the root is furniture, named by the landmark or furniture block it is in
   (`site-header`, `site-navigation`, `cookie-banner`, …) or `outside-content`;
3. inside the root, blocks that are plainly not the document are furniture too: navigation,
   breadcrumbs, share bars, language switchers, search forms, skip links, cookie banners and
   sidebars (`<aside>`, `role="complementary"`); page headers and footers only when the root is
   the whole body. A block holding most of the root's text is never furniture (a wrapper with a
   misleading class name), and footnote sections (`role="doc-endnotes"`, class "footnotes") are
   the document's own.

Every removed block is reported with its text (its blocks joined by " | ") and source line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass
from typing import Any

from untm.aligner.model import Furniture

# kinds by class/id/aria-label word, in order: the first that matches names the block
_WORD_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cookie-banner", re.compile(r"cookie|consent|gdpr")),
    ("skip-link", re.compile(r"^skip")),
    ("breadcrumb", re.compile(r"breadcrumb|面包屑")),
    ("language-switcher", re.compile(
        r"^(languages?|lang|language-?(switcher|selector|menu|links))$|langswitch|language-?switch"
    )),
    ("share-bar", re.compile(
        r"^(share|sharing|social|addthis|sharethis|share-?(bar|buttons|links|tools))$"
    )),
    ("site-search", re.compile(r"^search(-?(form|block|box|bar))?$")),
    ("site-navigation", re.compile(
        r"^(nav|navbar|navigation|menu|menubar|main-?menu|mainnav|topnav|subnav|site-?nav"
        r"|primary-?menu)$"
    )),
    ("sidebar", re.compile(r"^(sidebar|side-?bar|related|region-sidebar)")),
    ("site-header", re.compile(r"^(header|masthead|site-?header|page-?header|branding|banner)$")),
    ("site-footer", re.compile(r"^(footer|site-?footer|page-?footer|colophon)$")),
)  # fmt: skip
_ROLE_KINDS = {
    "navigation": "site-navigation",
    "banner": "site-header",
    "contentinfo": "site-footer",
    "complementary": "sidebar",
    "search": "site-search",
}
_TAG_KINDS = {"nav": "site-navigation", "aside": "sidebar", "header": "site-header",
              "footer": "site-footer"}  # fmt: skip
# inside the content root: what is removed there (a root's own header/footer is the document's)
_INSIDE = {"cookie-banner", "skip-link", "breadcrumb", "language-switcher", "share-bar",
           "site-search", "site-navigation", "sidebar"}  # fmt: skip
_FOOTNOTES = re.compile(r"footnote|endnote|doc-endnotes|doc-footnote")
_SECTIONING = {"article", "section", "main"}
_SKIP_TEXT = re.compile(r"^(skip to|跳(转|至|到))", re.I)


def _tag(el: Any) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _words(el: Any) -> list[str]:
    """The words of an element's class, id and aria-label, lower-case ("eu-cookie-banner" is
    also read as its parts)."""
    raw = " ".join(el.get(a, "") for a in ("class", "id", "aria-label")).lower()
    words: list[str] = []
    for word in raw.split():
        words.append(word)
        words.extend(p for p in re.split(r"[-_]", word) if p and p != word)
    return words


def is_footnotes(el: Any) -> bool:
    """A footnote or endnote section: the document's own text."""
    role = (el.get("role") or "").lower()
    return bool(_FOOTNOTES.search(role) or any(_FOOTNOTES.search(w) for w in _words(el)))


def furniture_kind(el: Any) -> str | None:
    """The kind of site furniture an element is (None when it is not, or cannot tell)."""
    tag = _tag(el)
    if not tag or tag in ("html", "body") or is_footnotes(el):
        return None
    role = (el.get("role") or "").lower()
    if role in ("main", "article"):
        return None
    if tag == "a" and (el.get("href") or "").startswith("#"):
        text = "".join(el.itertext()).strip()
        if _SKIP_TEXT.match(text) or any(w.startswith("skip") for w in _words(el)):
            return "skip-link"
        return None
    words = _words(el)
    for kind, pattern in _WORD_KINDS:
        if any(pattern.search(w) for w in words):
            if kind in ("site-header", "site-footer") and _own_part(el):
                return None
            return kind
    if role in _ROLE_KINDS:
        return _ROLE_KINDS[role]
    if tag == "form" and any("search" in w for w in [*words, el.get("action", "")]):
        return "site-search"
    if tag in _TAG_KINDS:
        if tag in ("header", "footer") and _own_part(el):
            return None
        return _TAG_KINDS[tag]
    return None


def _own_part(el: Any) -> bool:
    """A header or footer that belongs to the document: inside an article or section, or
    holding the page's title (`<h1>`)."""
    return _inside_sectioning(el) or any(_tag(d) == "h1" for d in el.iter())


def _inside_sectioning(el: Any) -> bool:
    parent = el.getparent()
    while parent is not None:
        if _tag(parent) in _SECTIONING or (parent.get("role") or "") in ("main", "article"):
            return True
        parent = parent.getparent()
    return False


def _text_len(el: Any) -> int:
    return sum(len(t.strip()) for t in el.itertext())


def _content_root(body: Any) -> tuple[Any, bool]:
    """The element holding the document (and whether it is a landmark, not the whole body)."""
    mains = [el for el in body.iter() if _tag(el) == "main" or el.get("role") == "main"]
    if mains:
        return max(mains, key=_text_len), True
    articles = [el for el in body.iter() if _tag(el) == "article" or el.get("role") == "article"]
    if articles:
        return max(articles, key=_text_len), True
    return body, False


@dataclass(frozen=True)
class SiteSplit:
    """The content root (its furniture removed) and what was removed."""

    root: Any
    furniture: tuple[Furniture, ...]


def is_site_page(body: Any) -> bool:
    """Whether a page has landmarks or furniture blocks (else it is read whole, as before)."""
    return any(
        _tag(el) in ("main", "article") or furniture_kind(el) is not None for el in body.iter()
    )


def split_site(body: Any, text_of: Callable[[Any], str]) -> SiteSplit:
    """Split a site page into its content root and the furniture around and inside it;
    `text_of(el)` renders a removed block's text for the report. Removed blocks are detached."""
    root, landmark = _content_root(body)
    found: list[tuple[int, int, Furniture]] = []  # (line, order, item)

    def record(el: Any, kind: str) -> None:
        text = el.text if isinstance(el, _Loose) else text_of(el)
        line = el.sourceline or 0
        if text:
            found.append((line, len(found), Furniture(kind, text, line)))

    if landmark:
        for el, kind in _outside(body, root):
            record(el, kind)
            detach(el)
    total = max(_text_len(root), 1)
    allowed = _INSIDE if landmark else _INSIDE | {"site-header", "site-footer"}
    for el in list(_furniture_inside(root, allowed)):
        if _text_len(el) > total / 2:
            continue  # most of the text is never furniture
        record(el, furniture_kind(el) or "outside-content")
        detach(el)
    return SiteSplit(root, tuple(f for _, _, f in sorted(found, key=lambda x: x[:2])))


def _furniture_inside(root: Any, allowed: set[str]) -> Iterator[Any]:
    """Furniture blocks inside `root`, outermost first, none inside another."""
    stack = list(reversed(list(root)))
    while stack:
        el = stack.pop()
        if not _tag(el):
            continue
        if is_footnotes(el):
            continue  # the document's own notes, whatever they contain
        kind = furniture_kind(el)
        if kind in allowed:
            yield el
            continue
        stack.extend(reversed(list(el)))


def _outside(body: Any, root: Any) -> Iterator[tuple[Any, str]]:
    """Every piece of the page outside `root`, as (element, kind); loose text around the way
    down to the root comes as a text holder element of kind `outside-content`."""
    path = []
    node = root
    while node is not None and node is not body:
        path.append(node)
        node = node.getparent()
    on_path = set(path)
    stack = [body]
    while stack:
        parent = stack.pop()
        stack.extend(c for c in parent if c in on_path and c is not root)
        yield from _children(parent, "outside-content", skip=on_path)


def _classified(el: Any, kind: str) -> Iterator[tuple[Any, str]]:
    """`el` as one furniture block, or split into its classified parts when it is a plain
    wrapper holding several (a header div with a menu and a language list)."""
    if kind != "outside-content":
        yield el, kind
        return
    parts = [c for c in el if _tag(c) and _has_furniture(c)]
    if not parts:
        yield el, kind
        return
    yield from _children(el, kind)


def _children(
    parent: Any, kind: str, skip: Container[Any] = frozenset()
) -> Iterator[tuple[Any, str]]:
    """Each element child of `parent` classified (those in `skip` left to the caller), then the
    loose text between them as one text holder element of `kind`."""
    loose = [parent.text or ""]
    for child in list(parent):
        if _tag(child) and child not in skip:
            yield from _classified(child, furniture_kind(child) or "outside-content")
        loose.append(child.tail or "")
    if "".join(loose).strip():
        yield _Loose(" ".join(s.strip() for s in loose if s.strip()), parent.sourceline), kind


def _has_furniture(el: Any) -> bool:
    return any(furniture_kind(d) is not None for d in el.iter())


@dataclass
class _Loose:
    """Loose text outside the content root (no element of its own)."""

    text: str
    sourceline: int | None

    def getparent(self) -> None:
        return None


def detach(el: Any) -> None:
    """Remove `el` from its tree, keeping its tail text in place."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    prev = el.getprevious()
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)
