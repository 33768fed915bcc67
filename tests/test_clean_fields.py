"""The text path on forms, timetables and spreadsheets as `pdftotext` writes them (each field or
cell a line of its own, short, blank lines between its blocks): each line an entry of its own,
not a run of fields joined into one paragraph (`linebreaks.stacked`, `clean._blocks_by_blank_
lines`); and wrapped prose between blank lines read as before (guards)."""

from __future__ import annotations

import pytest

from untm.aligner.clean import clean_plain_text


def _texts(text: str, lang: str) -> list[str]:
    return [p.text for p in clean_plain_text(text, lang).paragraphs]


FORM_EN = """SHIPPING INSTRUCTIONS

Shipper:
ACME TRADING CO., LTD

Consignee:

Port of Loading:
SHANGHAI, CHINA

Gross Weight (KGS)
53000.00

Description of Goods
FLOAT GLASS SHEETS, CLEAR, 5 MM
"""

TIMETABLE_EN = """Festival Timetable

Friday
Main Stage
11:00
11:30
12:00
12:30

Saturday
Second Stage
11:00
11:45
12:30
"""

SPREADSHEET_ZH = """超市销售明细表

商品编码
302000001
302000002
310020059

商品名称
数量
10.12 散称粉条
-2.98 散称粉块
45.86 长豆皮
-181.1 冰猪耳
60.7 火鸡翅(熟食原料)
0 山芋淀粉
"""

FORM_ZH = """出口货物报关单

收货单位
佛山市建材有限公司

贸易方式
一般贸易

运抵国
加拿大

成交方式
CFR
"""

FIELDS = [
    ("form, English", FORM_EN, "en"),
    ("timetable, English", TIMETABLE_EN, "en"),
    ("spreadsheet column, Chinese", SPREADSHEET_ZH, "zh"),
    ("form, Chinese", FORM_ZH, "zh"),
]


def _entries(text: str) -> list[str]:
    """Each line an entry, a field's label ending in a colon with its value after it."""
    out: list[str] = []
    for line in (ln.strip() for ln in text.splitlines()):
        if line and out and out[-1].endswith(":") and not line.endswith(":"):
            out[-1] += " " + line
        elif line:
            out.append(line)
    return out


@pytest.mark.parametrize(("text", "lang"), [(t, lang) for _, t, lang in FIELDS],
                         ids=[name for name, _, _ in FIELDS])
def test_fields_and_cells_are_entries_of_their_own(text: str, lang: str) -> None:
    assert _texts(text, lang) == _entries(text)


NARROW_EN = """The Committee considered the report
of the Secretary-General on the
situation in the region and the
measures taken to implement the
resolution.

It decided to take up the question
again at its next session.

The Chair drew attention to the
Secretary-General's note.
"""

NARROW_ZH = """委员会审议了秘书长关于该区域局势
和为执行该决议所采取措施的报告，
并注意到其中所载的各项建议。

委员会决定在下届会议上再次审议
该问题。

主席提请注意秘书长的说明。
"""

# a paragraph cut by a blank line where its line ran full (a column or block break that
# pdftotext sets apart): still one paragraph
CUT_EN = """The Committee considered the report of the Secretary-General on the
situation in the region and the measures taken to implement the report of the

Secretary-General on the question and decided to take it up again.

It decided to take up the question again at its next session in New York.
"""

# verse: its lines end where the poet ended them, alike in length, in commas: a stanza stays
# one paragraph (decided: a stanza is a translation unit of verse, as on main), its title apart
# (on main the title, a line alone, ran into the first stanza)
VERSE_EN = """The Road Not Taken

Two roads diverged in a yellow wood,
And sorry I could not travel both
And be one traveler, long I stood
And looked down one as far as I could
To where it bent in the undergrowth.

Then took the other, as just as fair,
And having perhaps the better claim,
Because it was grassy and wanted wear;
"""

PROSE = [
    ("narrow column, English", NARROW_EN, "en", [
        "The Committee considered the report of the Secretary-General on the situation in the "
        "region and the measures taken to implement the resolution.",
        "It decided to take up the question again at its next session.",
        "The Chair drew attention to the Secretary-General's note."]),
    ("narrow column, Chinese", NARROW_ZH, "zh", [
        "委员会审议了秘书长关于该区域局势和为执行该决议所采取措施的报告，并注意到其中所载的各项建议。",
        "委员会决定在下届会议上再次审议该问题。", "主席提请注意秘书长的说明。"]),
    ("a paragraph cut by a blank line, English", CUT_EN, "en", [
        "The Committee considered the report of the Secretary-General on the situation in the "
        "region and the measures taken to implement the report of the Secretary-General on the "
        "question and decided to take it up again.",
        "It decided to take up the question again at its next session in New York."]),
]


@pytest.mark.parametrize(("text", "lang", "expected"), [case[1:] for case in PROSE],
                         ids=[case[0] for case in PROSE])
def test_wrapped_prose_between_blank_lines_is_read_as_before(
    text: str, lang: str, expected: list[str]
) -> None:
    assert _texts(text, lang) == expected


def test_a_poems_title_stands_apart_and_each_stanza_is_one_paragraph() -> None:
    assert _texts(VERSE_EN, "en") == [
        "The Road Not Taken",
        "Two roads diverged in a yellow wood, And sorry I could not travel both And be one "
        "traveler, long I stood And looked down one as far as I could To where it bent in the "
        "undergrowth.",
        "Then took the other, as just as fair, And having perhaps the better claim, Because it "
        "was grassy and wanted wear;"]
