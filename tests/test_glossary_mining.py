"""`glossary check` and `glossary extract` on the seed pair's gold alignment written as TMX."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import GOLD, SHARED_UN, needs_shared
from untm.glossary.builtin import load_builtin
from untm.glossary.check import check_tmx, check_units
from untm.glossary.extract import extract_terms, extract_tmx
from untm.glossary.termbase import Glossary
from untm.tmx.unit import TranslationUnit

STEM = "000_a932ec9d51e334cb"
# Concepts removed from the glossary before mining, and the pairs that count as real finds.
REMOVED = [
    "greener-cities-partnership", "programme-development-branch", "cities-unit", "gef",
    "urbanshift", "gbf", "covid-19", "plastic-pollution", "marine-litter", "circular-economy",
    "nature-based-solutions", "un-habitat-executive-board", "unea", "economy-division",
    "global-solutions-division",
]
REAL_PAIRS = {
    ("绿色城市伙伴关系", "Greener Cities Partnership"),
    ("方案发展处", "Programme Development Branch"),
    ("城市股", "Cities Unit"),
    ("全环基金", "GEF"),
    ("全球环境基金", "Global Environment Facility"),
    ("城市转变", "UrbanShift"),
    ("全球生物多样性框架", "Global Biodiversity Framework"),
    ("冠状病毒病", "COVID-19"),
    ("塑料污染", "plastic pollution"),
    ("海洋垃圾", "marine litter"),
    ("循环经济", "circular economy"),
    ("基于自然的解决方案", "nature-based solutions"),
    ("人居署执行局", "Executive Board of UN-Habitat"),
    ("联合国环境大会", "United Nations Environment Assembly"),
    ("经济司", "Economy Division"),
    ("全球解决方案司", "Global Solutions Division"),
}


def _gold_units() -> list[TranslationUnit]:
    from untm.aligner.alignfile import read_align

    zh = (GOLD / f"{STEM}.zh").read_text(encoding="utf-8").splitlines()
    en = (GOLD / f"{STEM}.en").read_text(encoding="utf-8").splitlines()
    units = []
    for n, link in enumerate(read_align(GOLD / f"{STEM}.align")):
        if link.src and link.tgt:
            units.append(TranslationUnit("".join(zh[i] for i in link.src),
                                         " ".join(en[j] for j in link.tgt), tuid=f"gold-{n}"))
    return units


@pytest.fixture(scope="module")
def seed_tmx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from untm.tmx.tmx14 import write_tmx

    path = tmp_path_factory.mktemp("seed") / "seed.tmx"
    write_tmx(path, _gold_units())
    return path


@pytest.fixture(scope="module")
def builtin() -> Glossary:
    return load_builtin()


def _normalize_pair(zh: str, en: str) -> tuple[str, str]:
    return zh.strip(), en.strip()


def test_check_flags_wrong_rendering_of_un_habitat(tmp_path: Path, builtin: Glossary) -> None:
    from untm.tmx.tmx14 import write_tmx

    units = [
        TranslationUnit("人居署和环境署发起了绿色城市伙伴关系。",
                        "UN-Habitat and UNEP launched the Greener Cities Partnership.", tuid="ok"),
        TranslationUnit("人居署和环境署发起了绿色城市伙伴关系。",
                        "The Habitat agency and UNEP launched the Greener Cities Partnership.",
                        tuid="bad"),
        TranslationUnit("环境署牵头。", "Led by UN-Habitat.", tuid="reverse"),
    ]
    path = tmp_path / "t.tmx"
    write_tmx(path, units)
    report = check_tmx(str(path), builtin)
    assert report.units == 3
    flagged = {(i.tuid, i.direction, i.term) for i in report.issues}
    assert ("bad", "zh>en", "人居署") in flagged
    assert not any(i.tuid == "ok" for i in report.issues)
    assert ("reverse", "en>zh", "UN-Habitat") in flagged
    assert ("reverse", "zh>en", "环境署") in flagged
    bad = next(i for i in report.issues if i.tuid == "bad")
    assert "UN-Habitat" in bad.expected


def test_check_on_gold_seed_is_nearly_clean(seed_tmx: Path, builtin: Glossary) -> None:
    report = check_tmx(str(seed_tmx), builtin)
    assert report.units >= 75
    assert report.checked >= 150
    assert len(report.issues) <= 3
    assert not any(i.term in ("人居署", "环境署", "UN-Habitat", "UNEP") for i in report.issues)


def test_extract_finds_real_pairs_missing_from_glossary(seed_tmx: Path, builtin: Glossary,
                                                        tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    lacking = builtin.without(REMOVED)
    assert len(lacking) == len(builtin) - len(REMOVED)
    monkeypatch.chdir(tmp_path)
    result = extract_tmx(str(seed_tmx), lacking, top=30)
    assert list(tmp_path.iterdir()) == []  # the SentencePiece model stays in memory
    found = {_normalize_pair(c.zh, c.en) for c in result.candidates}
    real = found & REAL_PAIRS
    assert len(real) >= 5, sorted(found)
    assert ("绿色城市伙伴关系", "Greener Cities Partnership") in real
    for cand in result.candidates:
        assert cand.together <= min(cand.zh_count, cand.en_count)
        assert 0 < cand.dice <= 1 and cand.examples
    # pairs the glossary already has are not proposed again
    full = extract_tmx(str(seed_tmx), builtin, top=30)
    known = {(zh, en) for zh, en in builtin.term_pairs()}
    assert not any((c.zh, c.en) in known for c in full.candidates)
    assert not {("绿色城市伙伴关系", "Greener Cities Partnership")} & {
        (c.zh, c.en) for c in full.candidates}


def test_extract_on_tiny_input_is_empty_not_an_error(builtin: Glossary) -> None:
    result = extract_terms([TranslationUnit("人居署", "UN-Habitat")], builtin)
    assert result.candidates == () and result.units == 1


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=40), st.text(max_size=40)), max_size=5))
def test_check_reports_only_terms_that_occur(pairs: list[tuple[str, str]]) -> None:
    units = [TranslationUnit(zh, en) for zh, en in pairs]
    report = check_units(units, load_builtin())
    assert report.units == len(units)
    for issue in report.issues:
        text = issue.zh if issue.direction == "zh>en" else issue.en
        assert issue.term.casefold() in text.casefold()


UN_DIR = SHARED_UN / "ecosoc2023"


def _ecosoc_units() -> list[TranslationUnit]:
    import csv

    units = []
    for tsv in sorted(UN_DIR.glob("*.pairs.tsv")):
        stem = str(tsv)[: -len(".pairs.tsv")]
        zh = Path(f"{stem}.zh.txt").read_text(encoding="utf-8").splitlines()
        en = Path(f"{stem}.en.txt").read_text(encoding="utf-8").splitlines()
        with tsv.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                units.append(TranslationUnit(zh[int(row["zh_line"])], en[int(row["en_line"])]))
    return units


@needs_shared(UN_DIR)
def test_real_un_documents_check_and_extract(builtin: Glossary) -> None:
    units = _ecosoc_units()
    assert len(units) >= 500
    report = check_units(units, builtin)
    assert report.checked >= 300
    assert len(report.issues) / report.units <= 0.05
    absent = {("外国恐怖主义作战人员", "foreign terrorist fighters"),
              ("全球反恐战略", "Global Counter-Terrorism Strategy"),
              ("境内流离失所者", "internally displaced persons"),
              ("全球反恐协调契约", "Global Counter-Terrorism Coordination Compact"),
              ("国家集合基金", "country-based pooled funds"),
              ("中东", "Middle East")}
    lacking = builtin.without(["idps", "gcts", "gctcc", "ftf"])
    assert not any(lacking.lookup(zh, fuzzy=False).found for zh, _ in absent)
    found = {(c.zh, c.en) for c in extract_terms(units, lacking, top=40).candidates}
    assert len(found & absent) >= 4, sorted(found)


def test_association_scores_and_competitive_linking_alone() -> None:
    """Steps 5a and 5b of extract_terms on hand-made unit sets: Dice and G² from the counts,
    then best first with each term used once."""
    from untm.glossary.extract import _associate, _link, _llr

    zh_sets = {"人居署": frozenset({0, 1, 2}), "城市股": frozenset({3, 4})}
    en_sets = {"UN-Habitat": frozenset({0, 1, 2}), "Cities Unit": frozenset({3, 4, 5}),
               "Habitat": frozenset({1, 2})}
    scored = {(c.zh, c.en): c for c in _associate(zh_sets, en_sets, total=8, min_count=2)}
    assert set(scored) == {
        ("人居署", "UN-Habitat"), ("人居署", "Habitat"), ("城市股", "Cities Unit")}
    cities = scored[("城市股", "Cities Unit")]
    assert (cities.together, cities.zh_count, cities.en_count, cities.examples) == (2, 2, 3, (3, 4))
    assert cities.dice == pytest.approx(2 * 2 / (2 + 3))
    assert cities.llr == pytest.approx(_llr(2, 0, 1, 5))
    linked = _link(scored.values(), top=5)
    assert [(c.zh, c.en) for c in linked] == [("人居署", "UN-Habitat"), ("城市股", "Cities Unit")]
    assert len(_link(scored.values(), top=1)) == 1
