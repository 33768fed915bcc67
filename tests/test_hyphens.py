"""End-of-line hyphens (`pdflayout.hyphens`), where the document's own words do not decide: a
word broken after a prefix that UN English writes with a hyphen ("re-", "pre-", "ex-", "sub-")
joins unless what follows is a word of its own ("re-" + "cruit" is "recruit" broken; "re-" +
"election" stays); "non-", "self-", "vice-" and "cross-" keep their hyphen; "un-" never does.
Found on groff's PDFs of the UN texts ("re-cruit", "re-bellion", "un-justifiable" read with
their hyphens); measured over every word of the English texts of ../shared by
`bench/bench_hyphens.py`.
"""

from __future__ import annotations

import pytest

from untm.aligner.pdflayout.hyphens import Vocabulary, dehyphenate

EMPTY = Vocabulary([])  # a document that prints neither form inside a line

# (line end, next line, joined or None for the hyphen kept)
CASES = [
    # a word broken after its first syllable, which happens to be a prefix
    ("to re-", "cruit and deploy", "to recruit and deploy"),
    ("to re-", "bellion against", "to rebellion against"),
    ("we re-", "ject the", "we reject the"),
    ("its pre-", "vention and", "its prevention and"),
    ("the ex-", "isting rules", "the existing rules"),
    ("was sub-", "mitted to", "was submitted to"),
    ("the re-", "sources of", "the resources of"),  # a word of its own, but so is the whole
    ("the re-", "vised estimates", "the revised estimates"),
    ("and un-", "justifiable,", "and unjustifiable,"),  # "un-" is written solid
    # prefixes written with a hyphen
    ("they co-", "chaired it", None),
    ("its re-", "establishment", None),  # the seam doubles a vowel
    ("the co-", "operation of", None),
    ("a pre-", "existing", None),
    ("the non-", "governmental", None),  # "non-" always
    ("self-", "determination", None),
    ("the vice-", "chair", None),
    ("cross-", "border", None),
    ("non-", "State actors", None),  # a capital after a hyphen: never a word broken
    ("a UN-", "led operation", None),  # the acronym, not the prefix "un-"
]


@pytest.mark.parametrize(("left", "right", "joined"), CASES)
def test_line_end_hyphen_without_the_document_deciding(left: str, right: str,
                                                      joined: str | None) -> None:
    assert dehyphenate(left, right, EMPTY) == joined


def test_the_document_decides_first() -> None:
    """Where the document prints the word inside a line, that form wins over every rule."""
    vocab = Vocabulary(["the re-cruit of the year", "a cooperation agreement was signed"])
    assert dehyphenate("the re-", "cruit", vocab) is None
    assert dehyphenate("the co-", "operation", vocab) == "the cooperation"


def test_a_word_opening_a_line_is_a_word_of_the_document() -> None:
    """"direct-ascent" printed at a line's start, after a line that ended without a hyphen,
    tells how "direct-" + "ascent" at another line's end is written (ecosoc_04 in Chromium's
    two columns read "directascent"); after a line that ended in a hyphen, a line's first word
    may be the tail of a broken word and tells nothing."""
    vocab = Vocabulary(["ending destructive", "direct-ascent anti-satellite missile testing."])
    assert dehyphenate("conducting destructive direct-", "ascent anti-satellite", vocab) is None
    after_a_break = Vocabulary(["the organi-", "zation-wide plan", "of direct-", "ascent tests"])
    assert "zation-wide" not in after_a_break.words
    assert dehyphenate("of organi-", "zation", after_a_break) == "of organization"
