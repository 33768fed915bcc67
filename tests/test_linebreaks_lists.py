"""Lists whose items end without punctuation, read from hard-wrapped text (aligner.linebreaks):
where an item starts when its line before is full, in English and in Chinese, and what must
stay whole (prose, wrapped lines that begin with a number or a name)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SHARED_UN, UN_PAIRS
from extracted_text import Layout, extracted, wrap

from untm.aligner.clean import clean_plain_text
from untm.aligner.labels import label_kind
from untm.aligner.linebreaks import Line, paragraph_starts
from untm.aligner.model import BlockKind
from untm.pipeline import AlignOptions, align_files, score_units, to_units

Rows = list[tuple[str, bool]]  # a line, and whether it starts an item

# Indicators one item a paragraph, wrapped at ~69 columns. "Tourism" and "Death" open an item
# after a full line ending in a lower-case word; each opens no other item, but the text writes
# it in lower case elsewhere ("tourism industries", "death cases"), so it is a common word
# capitalised at a start. "States" after "small island developing" goes on: the text writes it
# capitalised inside a line ("developing States"), a name, though "member states" is there too.
EN_INDICATORS: Rows = [
    ("Proportion of the population living below the international poverty line, by sex, age", True),
    ("and employment status and by geographic location, in the urban and the rural areas", False),
    ("Tourism direct GDP as a proportion of total GDP and in growth rate", True),
    ("Number of jobs in tourism industries as a proportion of total jobs", True),
    ("Proportion of population covered by social protection floors or systems, by sex, with", True),
    ("children, unemployed persons, older persons and persons with disabilities counted", False),
    ("Death rate due to road traffic injuries", True),
    ("Number of deaths and injuries attributed to disasters per 100,000 population", True),
    ("Proportion of births attended by skilled health personnel", True),
    ("Maternal mortality ratio", True),
    ("Number of member states of the regional commissions reporting for small island developing",
     True),
    ("States and the least developed countries in the region", False),
    ("Number of road traffic death cases recorded by the national statistical offices or", True),
    ("by the police in the capital cities of the small island developing States", False),
    ("Mortality rate attributed to unintentional poisoning", True),
    ("Proportion of women in managerial positions", True),
    ("Number of countries with national statistical legislation", True),
    ("Prevalence of undernourishment", True),
    ("Proportion of youth not in education, employment or training", True),
]

# Chinese indicators, full lines 38 characters. A line that opens with a number or a Latin
# label ("15至49岁", "(a)") after a line that left room for it starts an item: what must fit is
# "15" or "(a)", not the whole line (Chinese has no spaces to end a first word).
ZH_INDICATORS: Rows = [
    ("生活在国际贫困线以下的人口比例，按性别、年龄、就业状况和地理位置（城市和农村", True),
    ("）分列", False),
    ("妇女在管理岗位任职的比例", True),
    ("15至49岁妇女就性关系、使用避孕药具和生殖保健问题自己做出知情决定的比例", True),
    ("社会保护最低标准或系统覆盖的人口比例，按性别分列并区分儿童、失业者、老年人和", True),
    ("残疾人、孕妇、新生儿、工伤受害者、穷人和弱势者", False),
    ("青年中未在受教育、未参加就业或培训的人数比例", True),
    ("为支助清洁能源研发和可再生能源生产，包括为支助混合系统而流入发展中国家的国际", True),
    ("资金", False),
    ("5至17岁儿童中从事童工劳动的比例和人数，按性别和年龄分列", True),
    ("每10万人当中因灾害死亡、失踪和直接受影响的人数", True),
    ("《促贸援助倡议》承付款和支付的款项", True),
    ("国家统计计划有充分资金且正在执行的国家数目，按资金来源分列", True),
    ("(a)在其国家生物多样性战略和行动计划中已制定国家目标的国家数量", True),
    ("孕产妇死亡率", True),
]

# Chinese targets, full lines ~37 characters: "到2030年，增强所有人…" opens an item after a full
# line ending without punctuation ("…高于全国平均"), as the list's other items open ("到2030年，").
ZH_TARGETS: Rows = [
    ("到2030年，在全球所有人口中消除极端贫困，极端贫困目前的衡量标准是每人每日", True),
    ("生活费不足1.25美元", False),
    ("到2030年，按各国标准界定的陷入贫困的各年龄段男女和儿童至少减半", True),
    ("执行适合本国国情的全民社会保障制度和措施，包括最低标准，到2030年在较大程", True),
    ("度上覆盖穷人和弱势群体", False),
    ("到2030年，增强穷人和弱势群体的抵御灾害能力，降低其遭受极端天气事件和其他", True),
    ("经济、社会、环境冲击和灾害的概率和易受影响程度", False),
    ("确保从各种来源，包括通过加强发展合作充分调集资源，为发展中国家提供充足、可", True),
    ("预见的手段以执行相关计划和政策，消除一切形式的贫困", False),
    ("到2030年，消除饥饿，确保所有人，特别是穷人和弱势群体，全年都有安全、营养和", True),
    ("充足的食物", False),
    ("到2030年，逐步实现和维持最底层40%人口的收入增长，确保其增长率高于全国平均", True),
    ("到2030年，增强所有人的权能，促进他们融入社会、经济和政治生活，而不论其年", True),
    ("龄、性别、残疾与否、种族、民族、出身、宗教信仰或其他任何区别", False),
    ("到2030年，确保所有人都能平等获取适当、安全和负担得起的住房和基本服务", True),
    ("到2020年，大幅减少未就业和未受教育或培训的青年人比例", True),
    ("到2030年，全球孕产妇每10万例活产的死亡率降至70人以下", True),
    ("到2030年，消除艾滋病、结核病、疟疾和被忽视的热带疾病等流行病", True),
    ("到2030年，大幅减少危险化学品以及空气、水和土壤污染导致的死亡和患病人数", True),
]

# Guard: the same list where "到2030年，" opens a wrapped line inside an item, after a line
# ending in a comma: the item goes on.
ZH_TARGETS_INNER = [
    *ZH_TARGETS[:11],
    ("执行适合本国国情的全民社会保障制度和措施，包括最低标准，在较大程度上覆盖穷，", True),
    ("到2030年，实现所有人的基本服务覆盖", False),
    *ZH_TARGETS[14:],
]

# Guard: items of a list whose wrapped line starts with a capitalised name after a line ending
# in a capital ("… the Sendai" / "Framework …") or a lower-case word ("… developing" /
# "States"), where the text writes the name inside lines too; or goes on in title case, a
# name's words, though the text writes "water" in lower case ("… unsafe" / "Water, Sanitation
# and Hygiene for All").
EN_NAMES: Rows = [
    ("Number of countries that adopt and implement national disaster risk reduction", True),
    ("strategies in line with the Sendai Framework", False),
    ("Proportion of local governments that adopt local strategies in line with the Sendai", True),
    ("Framework and with national disaster risk reduction strategies of the developing", False),
    ("States and of the least developed countries in the region of the small island", False),
    ("developing States", False),
    ("Number of deaths attributed to disasters", True),
    ("Mortality rate attributed to unsafe water, unsafe sanitation and lack of hygiene (exposure",
     True),
    ("to unsafe", False),
    ("Proportion of the population using safely managed drinking water services and the unsafe",
     True),
    ("Water, Sanitation and Hygiene for All (WASH) services", False),
    ("Direct economic loss attributed to disasters", True),
    ("Proportion of the population with access to electricity", True),
    ("Renewable energy share in the total final energy consumption", True),
    ("Energy intensity measured in terms of primary energy and GDP", True),
    ("Proportion of the population with primary reliance on clean fuels", True),
    ("Number of countries with a national statistical plan", True),
    ("Maternal mortality ratio", True),
]


@pytest.mark.parametrize(
    ("lang", "rows"),
    [
        # fail before (main joins "Tourism", "Death"; "15至49岁", "(a)"; "到2030年，增强")
        pytest.param("en", EN_INDICATORS, id="en-common-word-opens-an-item"),
        pytest.param("zh", ZH_INDICATORS, id="zh-number-or-label-after-room"),
        pytest.param("zh", ZH_TARGETS, id="zh-items-open-alike"),
        # guards
        pytest.param("zh", ZH_TARGETS_INNER, id="zh-opener-after-a-comma-goes-on"),
        pytest.param("en", EN_NAMES, id="en-names-go-on"),
    ],
)
def test_list_items(lang: str, rows: Rows) -> None:
    lines = [Line(i + 1, text) for i, (text, _) in enumerate(rows)]
    assert paragraph_starts(lines, lang) == [start for _, start in rows]


_ZH_PROSE = [  # paragraphs ending in full stops, with numbers inside
    "一、委员会欢迎秘书长关于执行可持续发展议程的报告，注意到各国在执行《变革我们的世界："
    "2030年可持续发展议程》方面取得的进展，并重申到2030年消除一切形式贫困的承诺。",
    "二、委员会注意到，按目前的排放趋势，全球升温将在本世纪中叶前达到1.5摄氏度，最不发达"
    "国家和小岛屿发展中国家将首先受到影响，尽管它们对此负有的责任最小。",
    "三、委员会回顾其以往各项决议，又回顾大会关于到2030年实现可持续发展目标的各项决定，到"
    "2030年，各国应加倍努力，确保不让任何一个人掉队。",
    "四、委员会决定在下届会议上继续审议这一问题。",
]


@pytest.mark.parametrize("width_em", [32, 33])
def test_zh_prose_whose_wrapped_lines_start_with_numbers(width_em: int) -> None:
    """Guard: wrapped at 32 or 33 characters, lines begin with "2030年", "到2030年" and
    "1.5摄氏度" inside a paragraph; a number does not break, so the line before it left room
    for part of it only: the paragraphs stay whole."""
    lines: list[str] = []
    want: list[bool] = []
    for para in _ZH_PROSE:
        wrapped = wrap(para, "zh", width_em)
        lines += wrapped
        want += [True] + [False] * (len(wrapped) - 1)
    inner = [t for t, start in zip(lines, want, strict=True) if not start]
    assert any(t[0].isdigit() for t in inner) and any(t.startswith("1.5") for t in inner)
    got = paragraph_starts([Line(i + 1, t) for i, t in enumerate(lines)], "zh")
    assert got == want


def _recovered(paragraphs: list[str], lang: str) -> tuple[int, int]:
    """(paragraphs read whole, paragraphs read), wrapped as bench/bench_pdftext.py does."""
    layout = Layout(width_em=40 if lang == "zh" else 44, lines_per_page=40 if lang == "zh" else 48,
                    header="A/RES/70/1")
    cleaned = clean_plain_text(extracted(paragraphs, lang, layout), lang).paragraphs
    want = {"".join(p.split()) for p in paragraphs}
    return sum("".join(p.text.split()) in want for p in cleaned), len(cleaned)


@pytest.mark.skipif(not SHARED_UN.exists(), reason="../shared/un not present")
@pytest.mark.parametrize(
    ("stem", "lang", "share"),
    [
        ("sdg_goals_targets", "zh", 0.96),  # 170 of 186 read whole before, 180 now
        ("sdg_goals_targets", "en", 0.98),  # 178 before, 184 now
        ("sdg_indicators", "zh", 0.89),  # 206 of 252 before, 228 now
        ("sdg_indicators", "en", 0.93),  # 224 before, 236 now
    ],
)
def test_the_sdg_lists_wrapped(stem: str, lang: str, share: float) -> None:
    """The SDG targets and indicators (no labels, no item ends in punctuation) wrapped as the
    bench's "wrapped" variant lays them out (40 em Chinese, 44 em English)."""
    folder = UN_PAIRS / "sdg" if (UN_PAIRS / "sdg" / f"{stem}.{lang}.txt").exists() else (
        SHARED_UN / "sdg")
    items = (folder / f"{stem}.{lang}.txt").read_text(encoding="utf-8").splitlines()
    whole, produced = _recovered(items, lang)
    assert whole >= share * len(items) and whole >= share * produced, (whole, produced)


# A labelled Chinese list as A/RES/70/1 sets it: a goal ("目标2.") after its last target
# ("1.b"), both set short. "1.b" is a sub-item's label, not paragraph 1 followed by "b": before,
# the cleaner read it as paragraph "1" (its text "1. b 根据…") and, a numbered Chinese paragraph
# ending without punctuation, joined the goal after it as a continuation across a page break.
_ZH_LABELLED = [
    "目标1. 在全世界消除一切形式的贫穷",
    "1.a 确保从各种来源充分调集资源，为发展中国家提供充足、可预见的手段以执行相关计划和政策，"
    "消除一切形式的贫困",
    "1.b 根据惠及贫困人口和顾及性别平等问题的发展战略，在国家、区域和国际层面制定合理的政策框架",
    "目标2. 消除饥饿，实现粮食安全，改善营养状况和促进可持续农业",
    "2.1 到2030年，消除饥饿，确保所有人，特别是穷人和弱势群体，全年都有安全、营养和充足的食物",
    "2.a 通过加强国际合作等方式，增加对农村基础设施、农业研究和推广服务、技术开发的投资",
    "目标3. 确保各年龄段人群的健康生活方式，促进他们的福祉",
]


def test_a_sub_item_label_is_no_paragraph_number() -> None:
    assert label_kind("12. 决定继续审议", "zh", 0) == (BlockKind.BODY, "12")
    assert label_kind("1.b 根据惠及贫困人口的发展战略", "zh", 0) is None
    assert label_kind("3.a Strengthen the implementation", "en", 0) is None
    cleaned = clean_plain_text(extracted(_ZH_LABELLED, "zh", Layout(width_em=40)), "zh")
    assert [p.text for p in cleaned.paragraphs] == _ZH_LABELLED


def _labelled(stem: str, lang: str, items: list[str]) -> list[str]:
    """The SDG items with their labels, as A/RES/70/1 prints them ("目标3." / "Goal 3.", "3.1")."""
    ids = (SHARED_UN / "sdg" / f"{stem}.ids.txt").read_text(encoding="utf-8").splitlines()
    goal = "目标" if lang == "zh" else "Goal "
    return [f"{goal}{i.split()[-1]}. {t}" if i.startswith("Goal") else f"{i} {t}"
            for i, t in zip(ids, items, strict=True)]


@pytest.mark.skipif(not SHARED_UN.exists(), reason="../shared/un not present")
@pytest.mark.parametrize(
    ("stem", "share"),
    [("sdg_goals_targets", 0.99),  # 138 of 186 read whole before, all now
     ("sdg_indicators", 0.99)],  # 224 of 252 before, all now
)
def test_the_sdg_lists_wrapped_with_their_labels_zh(stem: str, share: float) -> None:
    """The Chinese SDG lists with their labels ("1.1", "1.a", "目标2."): a wrapped line that
    opens with a label of the list's form before a space starts an item (Chinese writes a
    number in a sentence without a space: "1.25美元")."""
    items = (SHARED_UN / "sdg" / f"{stem}.zh.txt").read_text(encoding="utf-8").splitlines()
    labelled = _labelled(stem, "zh", items)
    whole, produced = _recovered(labelled, "zh")
    assert whole >= share * len(labelled) and whole >= share * produced, (whole, produced)


def _wrapped_list(items: list[str], lang: str) -> str:
    width, per_page = (40, 40) if lang == "zh" else (44, 48)
    return extracted(items, lang, Layout(width_em=width, lines_per_page=per_page,
                                         header="A/RES/70/1"))


def _piece_starts(text: str, lang: str) -> tuple[set[int], set[int]]:
    """(where the cleaner's paragraphs start, where their soft breaks are), as offsets into the
    text with all white space removed."""
    starts: set[int] = set()
    breaks: set[int] = set()
    pos = 0
    for p in clean_plain_text(text, lang).paragraphs:
        starts.add(pos)
        breaks.update(pos + len("".join(p.text[:b].split())) for b in p.soft_breaks)
        pos += len("".join(p.text.split()))
    return starts, breaks


def _item_starts(items: list[str]) -> set[int]:
    starts, pos = set(), 0
    for item in items:
        starts.add(pos)
        pos += len("".join(item.split()))
    return starts


def test_a_chinese_list_item_whose_last_line_ran_full_may_end_there() -> None:
    """The SDG targets in Chinese, wrapped at 40 em: where an item's last line ran full and the
    next item opens with no phrase other items share ("…移民政策" / "根据世界贸易组织…"),
    nothing on the page tells an item's end from a wrapped line, so the cleaner joined them
    (3 of 186 items) with nothing to say. Such a join in a list is now a soft break
    (`linebreaks.undecided_ends`): every item starts at a paragraph start or a soft break,
    for the other language to decide in paragraph units."""
    items = (UN_PAIRS / "sdg" / "sdg_goals_targets.zh.txt").read_text(
        encoding="utf-8").splitlines()
    starts, breaks = _piece_starts(_wrapped_list(items, "zh"), "zh")
    assert _item_starts(items) <= starts | breaks
    assert not starts & breaks


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_prose_has_no_undecided_ends(lang: str) -> None:
    """Guard: prose ends its paragraphs in full stops, no list: its wrapped paragraphs get no
    soft breaks (the UDHR, wrapped as PDF extraction writes it)."""
    paragraphs = [t for t in (UN_PAIRS / "udhr" / f"udhr.{lang}.txt").read_text(
        encoding="utf-8").splitlines() if t.strip()]
    _, breaks = _piece_starts(_wrapped_list(paragraphs, lang), lang)
    assert not breaks


def test_an_english_list_line_going_on_in_lower_case_is_no_undecided_end() -> None:
    """Guard: in an English list a wrapped line that goes on in lower case goes on: the SDG
    targets' soft breaks are only before a capital or a digit."""
    items = (UN_PAIRS / "sdg" / "sdg_goals_targets.en.txt").read_text(
        encoding="utf-8").splitlines()
    text = _wrapped_list(items, "en")
    for p in clean_plain_text(text, "en").paragraphs:
        assert all(not p.text[b].islower() for b in p.soft_breaks), p.text


def test_the_sdg_targets_wrapped_align_item_by_item(tmp_path: Path) -> None:
    """End to end: the SDG goals and targets wrapped as PDF extraction writes them (Chinese 40
    em, English 44 em, a running header and a page number at each page break), aligned in
    paragraph units: every one of the 186 units is a gold unit (182 of 186 before: three
    Chinese items and one English item joined to the next where the line before ran full)."""
    zh = (UN_PAIRS / "sdg" / "sdg_goals_targets.zh.txt").read_text(encoding="utf-8").splitlines()
    en = (UN_PAIRS / "sdg" / "sdg_goals_targets.en.txt").read_text(encoding="utf-8").splitlines()
    zh_path, en_path = tmp_path / "sdg.zh.txt", tmp_path / "sdg.en.txt"
    zh_path.write_text(_wrapped_list(zh, "zh"), encoding="utf-8")
    en_path.write_text(_wrapped_list(en, "en"), encoding="utf-8")
    result = align_files(zh_path, en_path, AlignOptions(segtype="paragraph"))
    units = to_units(result, source_name="sdg")
    score = score_units([(u.source, u.target) for u in units], list(zip(zh, en, strict=True)))
    assert score.matched == score.produced == score.gold == len(zh), score
