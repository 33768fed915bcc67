"""Tests of the pinyin name anchors (aligner/signals/names.py) on real names and MAC-Dev."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import MAC, needs_shared
from untm.aligner.alignfile import read_align
from untm.aligner.signals.lexical import anchor_vectors
from untm.aligner.signals.names import name_tokens, pinyin_key, syllable_count

DEV = MAC / "dev"

#: (zh sentence, en sentence, name tokens both must get)
SHARED_NAMES = [
    (
        "陈清扬把我拽住，以伟大友谊的名义叫我留下来。",
        "Chen Qingyang caught me and asked me to stay.",
        ["py:chen", "py:qingyang"],
    ),
    ("韦小宝笑嘻嘻地说。", "Wei Xiaobao said with a grin.", ["py:wei", "py:xiaobao"]),
    ("宝玉听了，忙问原故。", "When Bao-yu heard this he asked why.", ["py:baoyu"]),
    ("余占鳌把刀插进腰里。", "Yu Zhan'ao stuck the knife in his belt.", ["py:yu", "py:zhanao"]),
    ("王琦瑶和吴佩珍是好朋友。", "Wang Qiyao and Wu Peizhen were friends.", None),
]


@pytest.mark.parametrize(("zh", "en", "expected"), SHARED_NAMES)
def test_names_found_on_both_sides(zh: str, en: str, expected: list[str] | None) -> None:
    zt, et = name_tokens([zh], [en])
    if expected is None:
        expected = ["py:wang", "py:qiyao", "py:wu", "py:peizhen"]
    assert zt == [expected]
    assert et == [expected]


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("Qingyang", ("qingyang", 2)),
        ("Qingyang's", ("qingyang", 2)),
        ("Zhan'ao", ("zhanao", 2)),
        ("Xi-feng", ("xifeng", 2)),
        ("Lü", ("lv", 1)),
        ("Trinket", None),
        ("You're", None),  # a contraction, though "you" and "re" are syllables
    ],
)
def test_pinyin_key(word: str, key: tuple[str, int] | None) -> None:
    assert pinyin_key(word) == key


def test_syllable_count() -> None:
    assert syllable_count("xiaobao") == 2
    assert syllable_count("chen") == 1
    assert syllable_count("trinket") == 0
    assert syllable_count("") == 0


def test_english_words_that_spell_pinyin_are_not_names() -> None:
    # "Palace" is pa-la-ce, "Human" hu-man: English words (CC-CEDICT definitions) are not names
    zh = ["皇宫里的人都怕他。", "胡曼来了。"]
    en = ["Everyone in the Palace feared him.", "Human came."]
    zt, et = name_tokens(zh, en)
    assert zt == [[], []] and et == [[], []]


def test_sentence_initial_pronouns_are_not_names() -> None:
    # He / An / Long / She are written in lower case elsewhere in the document: English words
    zh = ["何先生来了。", "安静的夜里他说了很长的话。", "她笑了。"]
    en = [
        "He came.",
        "An old man said a long thing in the quiet night, and he left.",
        "She laughed; Long ago she had an answer.",
    ]
    zt, et = name_tokens(zh, en)
    assert zt == [[], [], []] and et == [[], [], []]


def test_single_characters_need_a_surname_reading() -> None:
    # 往 is read wang but is no surname; 王 is
    en = ["Wang went out.", "Wang went out."]
    zt, _ = name_tokens(["他往外走。", "老王往外走。"], en)
    assert zt == [[], ["py:wang"]]
    zt, _ = name_tokens(["他往外走。", "老王往外走。"], en, single="all")
    assert zt == [["py:wang"], ["py:wang", "py:wang"]]
    zt, _ = name_tokens(["他往外走。", "老王往外走。"], en, single="none")
    assert zt == [[], []]


def test_frequent_single_characters_are_dropped() -> None:
    # 山 (shan) everywhere in the zh text but "Shan" once in the en text: not the name
    zh = ["山上有山。", "山下有山，山里有山。", "单先生来了。"]
    en = ["Mountains above mountains.", "Hills below.", "Mr Shan came."]
    zt, et = name_tokens(zh, en)
    assert zt == [[], [], []] and et == [[], [], []]


def test_names_join_the_lexical_anchor_vectors() -> None:
    zh = ["陈清扬把我拽住。", "我说，你信我干吗。"]
    en = ["Chen Qingyang caught me.", "I said, why did you believe me?"]
    vz, ve = anchor_vectors(zh, en, names=True)
    assert float(vz[0] @ ve[0]) == 2.0
    assert vz[1].sum() == 0 and ve[1].sum() == 0
    vz, ve = anchor_vectors(zh, en)  # off by default
    assert vz.sum() == 0 and ve.sum() == 0


def test_bad_policy_is_refused() -> None:
    with pytest.raises(ValueError, match="policy"):
        name_tokens(["王"], ["Wang"], single="some")


@needs_shared(DEV)
@pytest.mark.parametrize("chapter", ["001", "005"])
def test_dev_chapter_shared_names_are_mostly_gold(chapter: str) -> None:
    zh = (DEV / f"{chapter}.zh").read_text(encoding="utf-8").splitlines()
    en = (DEV / f"{chapter}.en").read_text(encoding="utf-8").splitlines()
    gold = read_align(Path(DEV / f"{chapter}.align"))
    zlink = {i: n for n, link in enumerate(gold) for i in link.src}
    elink = {j: n for n, link in enumerate(gold) for j in link.tgt}
    zt, et = name_tokens(zh, en)
    named = sum(bool(t) for t in zt)
    assert named > 30  # the chapter's main characters are found
    # where a zh sentence shares a name with the en sentences of its own gold link ...
    shared_in_link = 0
    for i, toks in enumerate(zt):
        partner = [j for j, n in elink.items() if n == zlink[i]]
        shared_in_link += any(set(toks) & set(et[j]) for j in partner)
    assert shared_in_link >= 0.7 * named
    # ... and a nearby en sentence sharing a name is the gold partner far more often than chance
    scale = len(en) / len(zh)
    sharing, anyone = [], []
    for i, toks in enumerate(zt):
        centre = int(i * scale)
        for j in range(max(0, centre - 5), min(len(en), centre + 6)):
            anyone.append(zlink[i] == elink[j])
            if set(toks) & set(et[j]):
                sharing.append(zlink[i] == elink[j])
    assert sum(sharing) / len(sharing) >= 2 * sum(anyone) / len(anyone)


_HAN_TEXT = st.text(alphabet="陈清扬王琦瑶吴佩珍山是背景我你他说了。，", max_size=20)
_EN_TEXT = st.lists(
    st.sampled_from(
        ["Chen ", "Qingyang ", "Wang ", "Qiyao's ", "Shan ", "Beijing ", "he ", "He ", ". ", "-"]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(_HAN_TEXT, max_size=6), st.lists(_EN_TEXT, max_size=6))
def test_every_token_is_on_both_sides(zh: list[str], en: list[str]) -> None:
    zt, et = name_tokens(zh, en)
    assert len(zt) == len(zh) and len(et) == len(en)
    zh_all = {t for toks in zt for t in toks}
    en_all = {t for toks in et for t in toks}
    assert zh_all == en_all
    assert all(t.startswith("py:") and t[3:].isascii() and t[3:].islower() for t in zh_all)
