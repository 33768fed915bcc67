"""Term mining from an aligned translation memory.

1. Known glossary terms are masked out of both sides first (so what is found is what the glossary
   lacks).
2. A SentencePiece unigram model is trained in memory on the Chinese side (no file is written;
   `hard_vocab_limit=False` for small inputs). The n best segmentations of each unit give the
   recurring Chinese units: piece n-grams (1–4 pieces), trimmed of function characters at the
   edges, kept when they occur in at least `min_count` units.
3. English candidates are word n-grams (1–5 words) not starting or ending with a function word;
   lower-case single words are skipped (capitalised phrases and multi-word phrases only).
4. Each candidate set is reduced to maximal strings: a candidate contained in a longer candidate
   that occurs in exactly the same units is dropped.
5. Chinese and English candidates are associated by Dice over units and log-likelihood (G²),
   then linked one-to-one greedily (competitive linking), best first.
"""

from __future__ import annotations

import io
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from untm.aligner.language import HAN_CLASS
from untm.glossary.check import zh_en_sides
from untm.glossary.termbase import Glossary
from untm.tmx.unit import TranslationUnit

_EN_STOP_WORDS = """
    a an the of and or to in on for by with from at as into its their his her our your this
    that these those is are was were be been has have had will would may might can could shall
    should which who whom whose what when where while than then there here it they them we you
    he she not no nor but also both each such other all any some more most very under over
    through between within without about against during before after above below up down out
    off again further once only own same so too just per via including inter alia"""
EN_STOP = frozenset(_EN_STOP_WORDS.split())
ZH_EDGE = frozenset("的了和与及或并在将把被对为从向以于由其之等两各该这那此一个也都而且已")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’.-]*[A-Za-z0-9]|[A-Za-z]|\d+(?:\.\d+)?")
_MASK = "\u2063"
_CJK_RUN = re.compile(f"{HAN_CLASS}+")


@dataclass(frozen=True)
class TermCandidate:
    """A mined pair with its association scores, counts and example units (indexes)."""

    zh: str
    en: str
    dice: float
    llr: float
    together: int
    zh_count: int
    en_count: int
    examples: tuple[int, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "zh": self.zh,
            "en": self.en,
            "dice": round(self.dice, 3),
            "llr": round(self.llr, 2),
            "together": self.together,
            "zh_count": self.zh_count,
            "en_count": self.en_count,
            "examples": list(self.examples),
        }


@dataclass(frozen=True)
class ExtractResult:
    """Ranked candidates plus the sizes of what was mined."""

    candidates: tuple[TermCandidate, ...]
    units: int
    zh_candidates: int
    en_candidates: int
    masked_terms: int


def _mask(text: str, lang: str, glossary: Glossary | None) -> tuple[str, int]:
    if glossary is None:
        return text, 0
    hits = glossary.find_in_text(text, lang)
    if not hits:
        return text, 0
    out: list[str] = []
    pos = 0
    for start, end, _ in hits:
        out.append(text[pos:start])
        out.append(_MASK)
        pos = end
    out.append(text[pos:])
    return "".join(out), len(hits)


def _train(texts: Sequence[str]) -> object:
    import sentencepiece as spm

    model = io.BytesIO()
    chars = len(set("".join(texts)))
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(texts),
        model_writer=model,
        model_type="unigram",
        vocab_size=max(chars + 50, min(8000, sum(len(t) for t in texts) // 4)),
        hard_vocab_limit=False,
        character_coverage=1.0,
        add_dummy_prefix=False,
        split_digits=True,
        max_sentencepiece_length=12,
        normalization_rule_name="identity",
        num_threads=1,
        minloglevel=2,
    )
    return spm.SentencePieceProcessor(model_proto=model.getvalue())


def _trim(text: str) -> str:
    start, end = 0, len(text)
    while start < end and text[start] in ZH_EDGE:
        start += 1
    while end > start and text[end - 1] in ZH_EDGE:
        end -= 1
    return text[start:end]


def _zh_candidates(pieces: Sequence[str], max_n: int = 4) -> set[str]:
    out: set[str] = set()
    ok = [bool(_CJK_RUN.fullmatch(p)) for p in pieces]
    for i in range(len(pieces)):
        for n in range(1, max_n + 1):
            if i + n > len(pieces) or not ok[i + n - 1]:
                break
            text = _trim("".join(pieces[i : i + n]))
            if len(text) >= 2:
                out.add(text)
    return out


def _en_candidates(text: str, max_n: int = 5) -> set[str]:
    out: set[str] = set()
    for chunk in re.split(r"[,;:()\[\]“”\"!?–—]|(?<=[a-z])\.\s|" + _MASK, text):
        words = _WORD.findall(chunk)
        for i in range(len(words)):
            for n in range(1, max_n + 1):
                gram = words[i : i + n]
                if len(gram) < n:
                    break
                if gram[0].lower() in EN_STOP or gram[-1].lower() in EN_STOP:
                    continue
                if n == 1 and (gram[0].islower() or len(gram[0]) < 3):
                    continue
                if any(w.isdigit() for w in (gram[0], gram[-1])):
                    continue
                out.add(" ".join(gram))
    return out


def _maximal(index: dict[str, frozenset[int]]) -> dict[str, frozenset[int]]:
    """Drop candidates contained in a longer candidate occurring in exactly the same units."""
    by_units: dict[frozenset[int], list[str]] = defaultdict(list)
    for cand, units in index.items():
        by_units[units].append(cand)
    keep: dict[str, frozenset[int]] = {}
    for units, cands in by_units.items():
        for cand in cands:
            if not any(cand != other and cand in other for other in cands):
                keep[cand] = units
    return keep


def _llr(k11: int, k12: int, k21: int, k22: int) -> float:
    def h(*ks: int) -> float:
        total = sum(ks)
        return sum(k * math.log(k / total) for k in ks if k > 0)

    return 2 * (h(k11, k12, k21, k22) - h(k11 + k12, k21 + k22) - h(k11 + k21, k12 + k22))


def _masked_sides(
    units: Iterable[TranslationUnit], glossary: Glossary | None
) -> tuple[list[str], list[str], int]:
    """Step 1: both sides of every unit with the known glossary terms masked, and how many."""
    masked = 0
    zh_texts: list[str] = []
    en_texts: list[str] = []
    for zh, en in (zh_en_sides(u) for u in units):
        mz, a = _mask(zh, "zh", glossary)
        me, b = _mask(en, "en", glossary)
        masked += a + b
        zh_texts.append(mz)
        en_texts.append(me)
    return zh_texts, en_texts, masked


def _zh_index(zh_texts: Sequence[str], nbest: int) -> dict[str, set[int]]:
    """Step 2: the units of each Chinese candidate, from the n best segmentations of each unmasked
    run by a SentencePiece model trained on these texts."""
    sp = _train([t for t in zh_texts if t.strip()])
    index: dict[str, set[int]] = defaultdict(set)
    for i, zh in enumerate(zh_texts):
        for part in zh.split(_MASK):
            if not part.strip():
                continue
            segmentations = {
                tuple(p.replace("\u2581", "") for p in seg)
                for seg in sp.nbest_encode_as_pieces(part, nbest)  # type: ignore[attr-defined]
            }
            for seg in segmentations:
                for cand in _zh_candidates(seg):
                    index[cand].add(i)
    return index


def _en_index(en_texts: Sequence[str]) -> dict[str, set[int]]:
    """Step 3: the units of each English candidate."""
    index: dict[str, set[int]] = defaultdict(set)
    for i, en in enumerate(en_texts):
        for cand in _en_candidates(en):
            index[cand].add(i)
    return index


def _recurring(index: dict[str, set[int]], min_count: int) -> dict[str, frozenset[int]]:
    """Step 4: the maximal candidates occurring in at least `min_count` units."""
    return _maximal({k: frozenset(v) for k, v in index.items() if len(v) >= min_count})


def _associate(
    zh_sets: dict[str, frozenset[int]],
    en_sets: dict[str, frozenset[int]],
    total: int,
    min_count: int,
) -> list[TermCandidate]:
    """Step 5a: every (zh, en) pair found together in at least `min_count` of `total` units, with
    its Dice and G² scores."""
    en_by_unit: dict[int, list[str]] = defaultdict(list)
    for cand, en_units in en_sets.items():
        for u in en_units:
            en_by_unit[u].append(cand)
    scored: list[TermCandidate] = []
    for zc, zh_units in zh_sets.items():
        together: Counter[str] = Counter()
        for u in zh_units:
            together.update(en_by_unit.get(u, ()))
        for ec, k11 in together.items():
            if k11 < min_count:
                continue
            en_units = en_sets[ec]
            dice = 2 * k11 / (len(zh_units) + len(en_units))
            llr = _llr(
                k11,
                len(zh_units) - k11,
                len(en_units) - k11,
                total - len(zh_units) - len(en_units) + k11,
            )
            examples = tuple(sorted(zh_units & en_units)[:3])
            scored.append(
                TermCandidate(zc, ec, dice, llr, k11, len(zh_units), len(en_units), examples)
            )
    return scored


def _link(scored: Iterable[TermCandidate], top: int) -> list[TermCandidate]:
    """Step 5b: competitive linking: best first, each zh and each en term used once, `top` pairs."""
    ranked = sorted(
        scored, key=lambda c: (-c.dice, -c.llr, -len(c.en.split()), -len(c.zh), c.zh, c.en)
    )
    linked: list[TermCandidate] = []
    used_zh: set[str] = set()
    used_en: set[str] = set()
    for pair in ranked:
        if pair.zh in used_zh or pair.en in used_en:
            continue
        used_zh.add(pair.zh)
        used_en.add(pair.en)
        linked.append(pair)
        if len(linked) >= top:
            break
    return linked


def extract_terms(
    units: Iterable[TranslationUnit],
    glossary: Glossary | None = None,
    *,
    top: int = 50,
    min_count: int = 2,
    nbest: int = 8,
) -> ExtractResult:
    """Mine candidate (zh, en) term pairs from aligned units; see the module docstring."""
    zh_texts, en_texts, masked = _masked_sides(units, glossary)
    total = len(zh_texts)
    if sum(1 for t in zh_texts if t.strip()) < min_count:
        return ExtractResult((), total, 0, 0, masked)
    zh_sets = _recurring(_zh_index(zh_texts, nbest), min_count)
    en_sets = _recurring(_en_index(en_texts), min_count)
    linked = _link(_associate(zh_sets, en_sets, total, min_count), top)
    return ExtractResult(tuple(linked), total, len(zh_sets), len(en_sets), masked)


def extract_tmx(path: str, glossary: Glossary | None, *, top: int = 50) -> ExtractResult:
    """`extract_terms` over the units of a TMX file."""
    from untm.tmx.tmx14 import iter_tmx

    return extract_terms(iter_tmx(path), glossary, top=top)
