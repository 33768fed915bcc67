"""Built-in glossary and lookup: coverage of the seed report, both directions, match passes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import GOLD, SEED_EN, SEED_ZH
from untm.glossary import open_glossary
from untm.glossary.builtin import load_builtin
from untm.glossary.normalize import norm_key
from untm.glossary.termbase import Glossary

# Institutions, programmes, agreements and titles the seed report names (zh, accepted en).
SEED_TERMS = [
    ("人居署", "UN-Habitat"),
    ("联合国人类住区规划署", "United Nations Human Settlements Programme"),
    ("环境署", "UNEP"),
    ("联合国环境规划署", "United Nations Environment Programme"),
    ("联合国人居大会", "UN-Habitat Assembly"),
    ("执行主任", "Executive Director"),
    ("副执行主任", "Deputy Executive Director"),
    ("首协会", "CEB"),
    ("联合国系统行政首长协调理事会", "Chief Executives Board"),
    ("全环基金", "GEF"),
    ("全球环境基金", "Global Environment Facility"),
    ("绿色城市伙伴关系", "Greener Cities Partnership"),
    ("生物多样性公约", "Convention on Biological Diversity"),
    ("联合国气候变化框架公约", "United Nations Framework Convention on Climate Change"),
    ("政府间气候变化专门委员会", "Intergovernmental Panel on Climate Change"),
    ("联合国环境大会", "United Nations Environment Assembly"),
    ("联合国大会", "General Assembly"),
    ("秘书长", "Secretary-General"),
    ("会员国", "member States"),
    ("人居署执行局", "Executive Board of UN-Habitat"),
    ("方案发展处", "Programme Development Branch"),
    ("全球解决方案司", "Global Solutions Division"),
    ("经济司", "Economy Division"),
    ("城市股", "Cities Unit"),
    ("巴黎协定", "Paris Agreement"),
    ("全球生物多样性框架", "Global Biodiversity Framework"),
    ("二十国集团", "Group of 20"),
    ("世界城市论坛", "World Urban Forum"),
    ("联合国志愿人员", "United Nations Volunteers"),
    ("初级专业干事", "Junior Professional Officer"),
    ("环境管理小组", "Environment Management Group"),
    ("缔约方会议", "Conference of the Parties"),
    ("缔约方大会", "Conference of the Parties"),
    ("联合国全系统可持续城市化战略",
     "United Nations system-wide strategy on sustainable urbanization"),
    ("塑料污染和海洋垃圾全球伙伴关系", "Global Partnership on Plastic Pollution and Marine Litter"),
    ("全球废水倡议", "Global Wastewater Initiative"),
    ("国际气候倡议", "International Climate Initiative"),
    ("缅甸气候变化联盟", "Myanmar Climate Change Alliance"),
    ("城市转变", "UrbanShift"),
    ("临时议程", "provisional agenda"),
    ("增编", "addendum"),
    ("联合行动和协调小组", "Joint Operation and Coordination Group"),
    ("欧盟", "European Union"),
    ("共同议程", "Our Common Agenda"),
]


@pytest.fixture(scope="module")
def builtin() -> Glossary:
    return load_builtin()


def test_builtin_size_and_shape(builtin: Glossary) -> None:
    assert len(builtin) >= 250
    bilingual = [c for c in builtin.concepts if c.is_bilingual]
    assert len(bilingual) == len(builtin)
    assert len({c.id for c in builtin.concepts}) == len(builtin)
    assert all(c.domain for c in builtin.concepts)
    with_short = [c for c in builtin.concepts if len(c.zh) > 1 or len(c.en) > 1]
    assert len(with_short) >= 150


def test_uncertain_entries_are_marked_and_few(builtin: Glossary) -> None:
    uncertain = [c.id for c in builtin.concepts if "uncertain" in c.note]
    assert 0 < len(uncertain) <= len(builtin) // 10
    domains = {c.domain for c in builtin.concepts}
    assert {"organ", "fund-programme", "specialized-agency", "convention", "convention-body",
            "un-habitat", "unep", "secretariat", "regional-commission", "title",
            "document"} <= domains


@pytest.mark.parametrize(("zh", "en"), SEED_TERMS)
def test_seed_terms_present(builtin: Glossary, zh: str, en: str) -> None:
    result = builtin.lookup(zh)
    assert result.found, zh
    assert result.matches[0].how == "exact"
    renderings = {norm_key(r) for m in result.matches for r in m.renderings}
    assert norm_key(en) in renderings, (zh, en, renderings)


def test_seed_terms_occur_in_seed_pair() -> None:
    zh_text = SEED_ZH.read_text(encoding="utf-8")
    en_text = " ".join(SEED_EN.read_text(encoding="utf-8").lower().split())
    in_both = [(zh, en) for zh, en in SEED_TERMS if zh in zh_text and en.lower() in en_text]
    assert len(in_both) >= len(SEED_TERMS) - 3
    assert all(zh in zh_text or en.lower() in en_text for zh, en in SEED_TERMS)


@pytest.mark.parametrize(
    ("query", "zh"),
    [
        ("UN-Habitat", "人居署"),
        ("UNEP", "环境署"),
        ("Global Environment Facility", "全环基金"),
        ("CEB", "首协会"),
        ("un habitat", "人居署"),
        ("United Nations Environment Program", "环境署"),
        ("the Paris Agreement", "巴黎协定"),
    ],
)
def test_reverse_lookup_gives_chinese(builtin: Glossary, query: str, zh: str) -> None:
    result = builtin.lookup(query)
    assert result.found
    assert zh in result.matches[0].renderings


def test_normalized_forms(builtin: Glossary) -> None:
    full_width = builtin.lookup("ＵＮＥＰ")
    assert full_width.matches[0].how == "normalized"
    quoted = builtin.lookup("《巴黎协定》")
    assert quoted.matches[0].how == "normalized"
    assert "Paris Agreement" in quoted.matches[0].renderings
    loose = builtin.lookup("联合国全球环境基金")
    assert loose.matches[0].how == "loose"


def test_fuzzy_is_marked_and_unknown_gives_suggestions(builtin: Glossary) -> None:
    fuzzy = builtin.lookup("United Nations Enviroment Programme")
    assert fuzzy.found
    assert fuzzy.matches[0].how == "fuzzy"
    assert fuzzy.matches[0].score < 1.0
    assert "环境署" in fuzzy.matches[0].renderings
    missing = builtin.lookup("Intergalactic Council of Planets")
    assert not missing.found
    none = builtin.lookup("qqqqqqqqqqqqqqqq")
    assert not none.found and none.suggestions == ()


def test_bracketed_and_composed_queries(builtin: Glossary) -> None:
    bracketed = builtin.lookup("联合国开发计划署（开发署）")
    assert bracketed.matches[0].how == "exact"
    assert "UNDP" in bracketed.matches[0].renderings
    composed = builtin.lookup("人居署的执行主任")
    assert not composed.matches and composed.found
    assert [m.term.text for m in composed.composed] == ["人居署", "执行主任"]
    assert all(m.how == "composed" for m in composed.composed)
    english = builtin.lookup("Executive Director of UNEP")
    assert [m.concept.id for m in english.composed] == ["executive-director", "unep"]
    assert not builtin.lookup("人居署很好的执行主任").composed


def test_term_pairs_cover_short_forms(builtin: Glossary) -> None:
    pairs = set(builtin.term_pairs())
    for pair in [("人居署", "UN-Habitat"), ("环境署", "UNEP"), ("首协会", "CEB"),
                 ("全环基金", "GEF"), ("人居署", "United Nations Human Settlements Programme")]:
        assert pair in pairs
    assert len(pairs) == len(builtin.term_pairs())
    names = builtin.term_pairs(include_generic=False)
    assert ("人居署", "UN-Habitat") in names and ("决议", "resolution") not in names
    assert ("决议", "resolution") in pairs and set(names) < pairs


def test_open_glossary_without_store_is_builtin(tmp_path: object, monkeypatch: pytest.MonkeyPatch
                                                ) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "none.sqlite3"
    monkeypatch.setenv("UNTM_GLOSSARY", str(path))
    glossary = open_glossary()
    assert len(glossary) == len(load_builtin())
    assert not path.exists()


def test_gold_zh_names_found(builtin: Glossary) -> None:
    gold_zh = (GOLD / "000_a932ec9d51e334cb.zh").read_text(encoding="utf-8")
    hits = {t for _, _, t in builtin.find_in_text(gold_zh, "zh")}
    assert {"人居署", "环境署", "联合国人居大会", "首协会", "全环基金"} <= hits


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=30))
def test_lookup_never_crashes(query: str) -> None:
    result = load_builtin().lookup(query)
    assert result.found or isinstance(result.suggestions, tuple)
    for match in result.matches:
        assert 0.0 <= match.score <= 1.0
