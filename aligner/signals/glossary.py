"""Glossary anchors: UN terms (engineer D's built-in glossary) found on both sides.

A zh sentence containing a glossary term and an en sentence containing one of that term's
English forms (full name, short form, abbreviation) share the anchor token `g:<concept>`
(zh terms that share an English form are one concept).
The anchors join the lexical signal (numbers, Latin tokens). Without the glossary package the
signal is simply empty.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str], dict[str, str]] | None:
    try:
        from untm.glossary.builtin import load_builtin

        pairs = load_builtin().term_pairs()
    except ImportError:
        return None
    pairs = [(zh.strip(), en.strip()) for zh, en in pairs if zh.strip() and len(en.strip()) > 1]
    if not pairs:
        return None
    # one concept per group of zh terms sharing an English form (UNDP: 开发署, 联合国开发计划署)
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    for zh, en in pairs:
        a, b = find("zh:" + zh), find("en:" + en.lower())
        if a != b:
            parent[max(a, b)] = min(a, b)
    zh_terms = sorted({zh for zh, _ in pairs}, key=len, reverse=True)
    zh_to_concept = {zh: find("zh:" + zh) for zh in zh_terms}
    en_to_zh = {en.lower(): find("en:" + en.lower()) for _, en in pairs}
    en_terms = sorted(en_to_zh, key=len, reverse=True)
    zh_re = re.compile("|".join(re.escape(t) for t in zh_terms))
    en_re = re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(t) for t in en_terms) + r")(?![\w-])", re.IGNORECASE
    )
    return zh_re, en_re, zh_to_concept, en_to_zh


def glossary_tokens(
    src: Sequence[str], tgt: Sequence[str]
) -> tuple[list[list[str]], list[list[str]]]:
    """Anchor tokens `g:<concept>` of every zh and en sentence (empty without a glossary)."""
    compiled = _patterns()
    if compiled is None:
        return [[] for _ in src], [[] for _ in tgt]
    zh_re, en_re, zh_to_concept, en_to_zh = compiled
    zh_tokens = [["g:" + zh_to_concept[m.group(0)] for m in zh_re.finditer(text)] for text in src]
    en_tokens = [
        ["g:" + en_to_zh[m.group(0).lower()] for m in en_re.finditer(text)] for text in tgt
    ]
    return zh_tokens, en_tokens
