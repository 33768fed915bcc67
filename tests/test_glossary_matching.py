"""The glossary's term patterns (prefix trees) find exactly what a flat alternation finds."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from untm.glossary import add_user_concept, matching, open_glossary
from untm.glossary.matching import find_terms, is_case_sensitive


def _flat(terms: Sequence[str]) -> str:
    """The former pattern: every term in turn, longest first (the reference)."""
    return "|".join(re.escape(t) for t in sorted(set(terms), key=lambda s: (-len(s), s)))


def _flat_find(text: str, lang: str, surfaces: Sequence[str]) -> list[tuple[int, int, str]]:
    terms = [s for s in surfaces if s.strip()]
    if not terms:
        return []
    if lang == "zh":
        patterns = [re.compile(f"(?:{_flat(terms)})")]
    else:
        edge = r"(?:s|es)?(?![\w-])"
        exact = [t for t in terms if is_case_sensitive(t)]
        folded = [t for t in terms if not is_case_sensitive(t)]
        patterns = []
        if exact:
            patterns.append(re.compile(rf"(?<![\w-])(?:{_flat(exact)}){edge}"))
        if folded:
            patterns.append(re.compile(rf"(?<![\w-])(?:{_flat(folded)}){edge}", re.IGNORECASE))
    found = []
    for pattern in patterns:
        pos = 0
        while (m := pattern.search(text, pos)) is not None:
            found.append((m.start(), m.end(), m.group(0)))
            pos = m.start() + 1
    found.sort(key=lambda hit: (hit[0], -(hit[1] - hit[0])))
    kept, end = [], -1
    for hit in found:
        if hit[0] >= end:
            kept.append(hit)
            end = hit[1]
    return kept


EN_CHARS = "abcAB sS-."
ZH_CHARS = "联合国大会环境署"


@pytest.mark.parametrize(
    ("lang", "chars", "term_size", "text_size"), [("en", EN_CHARS, 6, 40), ("zh", ZH_CHARS, 5, 30)]
)
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_tree_pattern_matches_like_the_flat_alternation(
    lang: str, chars: str, term_size: int, text_size: int, data: st.DataObject
) -> None:
    terms = data.draw(
        st.lists(st.text(chars, min_size=1, max_size=term_size), min_size=1, max_size=8)
    )
    text = data.draw(st.text(chars, max_size=text_size))
    assert find_terms(text, lang, terms) == _flat_find(text, lang, terms)


@pytest.mark.parametrize(
    ("terms", "text", "want"),
    [
        (["联合国", "联合国大会"], "联合国大会决定", ["联合国大会"]),
        (["Member States", "member states of"], "member states of", ["member states of"]),
        (["UN", "UNEP"], "UNEP and UN-Habitat", ["UNEP"]),
        (["programme"], "the Programmes of work", ["Programmes"]),
    ],
)
def test_longest_term_wins(terms: list[str], text: str, want: list[str]) -> None:
    lang = "zh" if "联" in terms[0] else "en"
    assert [m for _, _, m in find_terms(text, lang, terms)] == want


def test_tree_shares_prefixes() -> None:
    assert matching._alternation(["ab", "abc", "ad"]) == "a(?:b(?:c)?|d)"


def test_a_term_of_thousands_of_characters_is_found(tmp_path: Path) -> None:
    """A long user term (a sentence taken into the glossary from the review editor, an import)
    is one literal in the tree, not thousands of nested groups: every lookup still works, and
    the terms sharing its start are still found."""
    zh, en = "联合国" * 1000, " ".join(["United Nations"] * 300)
    assert find_terms(f"甲{zh}乙", "zh", [zh, "联合国"]) == [(1, 1 + len(zh), zh)]
    assert find_terms(f"the {en}.", "en", [en, "United Nations"]) == [(4, 4 + len(en), en)]
    add_user_concept(zh, en, path=tmp_path / "g.sqlite3")
    glossary = open_glossary(tmp_path / "g.sqlite3")
    assert [m for _, _, m in glossary.find_in_text(f"{zh}。人居署", "zh")] == [zh, "人居署"]
