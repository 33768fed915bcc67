"""Pinyin name anchors (aligner/signals/names.py) measured on MAC-Dev only.

Usage: python bench/experiments/names_dev.py [--quick]   (--quick: fast mode only)
Writes bench/experiments/results/names_dev.md (and .json):
1. the name matches themselves against the gold links, for each single-character policy;
2. the aligner's strict F1 on dev without and with names, best and fast mode, with the default
   weights, with the lexical weight re-chosen on all of dev, and leave-one-chapter-out (the
   lexical weight chosen on the other chapters, links of the held-out chapters summed up).
Never run on the test splits.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import pickle
import re
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypedDict

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.macdata import REPO, Chapter, load_split
from untm.aligner.evaluate import score_pairs
from untm.aligner.model import Link
from untm.aligner.sentalign import AlignConfig, SearchSpace, Weights, decode, prepare
from untm.aligner.signals import lexical, names

LEXICAL_GRID = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8)
MISS_GRID = (0.0, -0.05, -0.1)


@dataclasses.dataclass(frozen=True)
class Variant:
    label: str
    enabled: bool  # names in the lexical anchors at all
    single: str = "surname"  # name_tokens settings
    ratio: float = 2.0
    max_mentions: int = 0


VARIANTS = (
    Variant("off", False),
    Variant("on (default: surname, ratio 2)", True),
    Variant("on (no ratio limit)", True, ratio=1e9),
    Variant("on (no single chars)", True, single="none"),
    Variant("on (any single char)", True, single="all"),
    Variant("on (names mentioned <= 6 times)", True, max_mentions=6),
)

#: a pair sharing a name counts as "near" when within this many sentences of the diagonal
NEAR = 10


@dataclasses.dataclass(frozen=True)
class MatchQuality:
    pairs: int  # (zh, en) sentence pairs sharing a name token
    pairs_gold: int  # ... of which in the same gold link
    near_pairs: int  # pairs within NEAR sentences of the proportional diagonal
    near_gold: int
    links_named: int  # gold links with a name token on either side
    links_shared: int  # gold links whose two sides share a name token
    zh_tokens: int  # name tokens on the zh side of gold links
    zh_tokens_on_en: int  # ... also on the en side of the same link
    en_tokens: int
    en_tokens_on_zh: int


def match_quality(chapters: Sequence[Chapter], variant: Variant) -> MatchQuality:
    totals = dict.fromkeys(f.name for f in dataclasses.fields(MatchQuality))
    counts = {k: 0 for k in totals}
    for ch in chapters:
        zt, et = names.name_tokens(ch.zh, ch.en, **_settings(variant))
        zlink = {i: n for n, link in enumerate(ch.gold) for i in link.src}
        elink = {j: n for n, link in enumerate(ch.gold) for j in link.tgt}
        by_token: dict[str, list[int]] = {}
        for j, toks in enumerate(et):
            for tok in set(toks):
                by_token.setdefault(tok, []).append(j)
        scale = len(ch.en) / max(len(ch.zh), 1)
        for i, toks in enumerate(zt):
            partners = {j for tok in set(toks) for j in by_token.get(tok, [])}
            for j in partners:
                same = zlink.get(i) == elink.get(j)
                counts["pairs"] += 1
                counts["pairs_gold"] += same
                if abs(j - i * scale) <= NEAR:
                    counts["near_pairs"] += 1
                    counts["near_gold"] += same
        for link in ch.gold:
            zs = [t for i in link.src for t in zt[i]]
            es = [t for j in link.tgt for t in et[j]]
            if zs or es:
                counts["links_named"] += 1
                counts["links_shared"] += bool(set(zs) & set(es))
            counts["zh_tokens"] += len(zs)
            counts["zh_tokens_on_en"] += sum(t in es for t in zs)
            counts["en_tokens"] += len(es)
            counts["en_tokens_on_zh"] += sum(t in zs for t in es)
    return MatchQuality(**counts)


class _NameSettings(TypedDict):
    single: str
    ratio: float
    max_mentions: int


def _settings(variant: Variant) -> _NameSettings:
    return {"single": variant.single, "ratio": variant.ratio, "max_mentions": variant.max_mentions}


@contextmanager
def names_setting(variant: Variant) -> Iterator[None]:
    """Make the aligner's lexical signal use (or not use) names with the given settings."""
    old_vectors, old_tokens = lexical.anchor_vectors, names.name_tokens
    lexical.anchor_vectors = functools.partial(old_vectors, names=variant.enabled)
    names.name_tokens = functools.partial(old_tokens, **_settings(variant))
    try:
        yield
    finally:
        lexical.anchor_vectors, names.name_tokens = old_vectors, old_tokens


Spaces = list[tuple[SearchSpace, tuple[Link, ...]]]


Setting = tuple[float, float]  # (lexical, lexical_miss)
Decoded = list[dict[Setting, list[Link]]]  # per chapter: setting -> links


def decode_grid(spaces: Spaces, base: Weights) -> Decoded:
    return [
        {
            (w, miss): decode(space, dataclasses.replace(base, lexical=w, lexical_miss=miss))
            for w in LEXICAL_GRID
            for miss in MISS_GRID
        }
        for space, _ in spaces
    ]


def f1_at(spaces: Spaces, decoded: Decoded, setting: Setting, skip: int = -1) -> float:
    pairs = [
        (gold, links[setting])
        for k, ((_, gold), links) in enumerate(zip(spaces, decoded, strict=True))
        if k != skip
    ]
    return score_pairs(pairs).f1_strict


def choose(
    spaces: Spaces, decoded: Decoded, grid: Sequence[Setting], skip: int = -1
) -> tuple[Setting, float]:
    """The setting of `grid` with the best F1 (without chapter `skip`); ties: the first."""
    best, score = grid[0], -1.0
    for setting in grid:
        f1 = f1_at(spaces, decoded, setting, skip)
        if f1 > score + 1e-12:
            best, score = setting, f1
    return best, score


def leave_one_out(
    spaces: Spaces, decoded: Decoded, grid: Sequence[Setting]
) -> tuple[float, list[Setting]]:
    pairs: list[tuple[Sequence[Link], Sequence[Link]]] = []
    chosen: list[Setting] = []
    for k, (_, gold) in enumerate(spaces):
        setting, _ = choose(spaces, decoded, grid, skip=k)
        chosen.append(setting)
        pairs.append((gold, decoded[k][setting]))
    return score_pairs(pairs).f1_strict, chosen


def prepared(chapters: Sequence[Chapter], mode: str, variant: Variant) -> Spaces:
    """Search spaces of every chapter (cached in /tmp: the embeddings take minutes)."""
    slug = re.sub(r"\W+", "_", variant.label)
    cache = Path(f"/tmp/untm_names_dev_{mode}_{slug}.pkl")
    if "--reuse" in sys.argv and cache.exists():
        spaces: Spaces = pickle.loads(cache.read_bytes())
        return spaces
    config = AlignConfig(mode=mode)
    with names_setting(variant):
        spaces = [(prepare(c.zh, c.en, config), c.gold) for c in chapters]
    cache.write_bytes(pickle.dumps(spaces))
    return spaces


def evaluate(chapters: Sequence[Chapter], mode: str, variant: Variant) -> dict[str, object]:
    base = AlignConfig(mode=mode).resolved_weights()
    t0 = time.time()
    spaces = prepared(chapters, mode, variant)
    prep = time.time() - t0
    default = score_pairs([(gold, decode(space, base)) for space, gold in spaces]).f1_strict
    decoded = decode_grid(spaces, base)
    lexical_only = [(w, base.lexical_miss) for w in LEXICAL_GRID]
    both = [(w, miss) for w in LEXICAL_GRID for miss in MISS_GRID]
    out: dict[str, object] = {
        "default": (base.lexical, base.lexical_miss),
        "f1_default": default,
        "grid": {f"{w},{m}": f1_at(spaces, decoded, (w, m)) for w, m in both},
    }
    for name, grid in (("lexical", lexical_only), ("lexical+miss", both)):
        setting, tuned = choose(spaces, decoded, grid)
        loo, chosen = leave_one_out(spaces, decoded, grid)
        out[name] = {"tuned": setting, "f1_tuned": tuned, "f1_loo": loo, "loo_chosen": chosen}
    out["prepare_seconds"] = prep
    out["seconds"] = time.time() - t0
    return out


def timing(chapters: Sequence[Chapter]) -> float:
    zh = [s for c in chapters for s in c.zh]
    en = [s for c in chapters for s in c.en]
    names.pinyin_table()
    names.definition_words()
    t0 = time.time()
    names.name_tokens(zh, en)
    return time.time() - t0


def main() -> None:
    quick = "--quick" in sys.argv
    chapters = load_split("dev")
    out: dict[str, object] = {"near": NEAR, "lexical_grid": LEXICAL_GRID, "miss_grid": MISS_GRID}
    out["seconds_all_dev_as_one_pair"] = timing(chapters)
    out["match_quality"] = {
        v.label: dataclasses.asdict(match_quality(chapters, v)) for v in VARIANTS if v.enabled
    }
    print(json.dumps(out["match_quality"], indent=1), flush=True)
    results: dict[str, dict[str, object]] = {}
    modes = ("fast",) if quick else ("fast", "best")
    for mode in modes:
        for v in VARIANTS:
            key = f"{mode} / {v.label}"
            results[key] = evaluate(chapters, mode, v)
            print(key, json.dumps(results[key]), flush=True)
    out["f1"] = results
    stem = REPO / "bench" / "experiments" / "results" / "names_dev"
    stem.with_suffix(".json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    stem.with_suffix(".md").write_text(render(out), encoding="utf-8")


def _pct(a: object, b: object) -> str:
    assert isinstance(a, int) and isinstance(b, int)
    return f"{a}/{b} = {a / b:.3f}" if b else "0/0"


def render(out: dict[str, object]) -> str:
    lines = [
        "# Pinyin name anchors on MAC-Dev",
        "",
        "Command: `python bench/experiments/names_dev.py` (MAC-Dev only, 6 chapters; writes",
        "names_dev.json).",
        "",
        f"name_tokens on all of dev as one pair: {out['seconds_all_dev_as_one_pair']:.2f} s",
        "",
        "## Name matches vs gold links",
        "",
        f"pairs: (zh, en) sentence pairs sharing a name token; near: within {NEAR} sentences of",
        "the proportional diagonal (where the aligner looks); tokens: name tokens of a gold link's",
        "side also on the other side of the same link.",
        "",
        "| variant | pairs in gold link | near pairs in gold link | links sharing / named"
        " | zh tokens on en | en tokens on zh |",
        "|---|---|---|---|---|---|",
    ]
    quality = out["match_quality"]
    assert isinstance(quality, dict)
    for label, q in quality.items():
        lines.append(
            f"| {label} | {_pct(q['pairs_gold'], q['pairs'])} | "
            f"{_pct(q['near_gold'], q['near_pairs'])} | "
            f"{_pct(q['links_shared'], q['links_named'])} | "
            f"{_pct(q['zh_tokens_on_en'], q['zh_tokens'])} | "
            f"{_pct(q['en_tokens_on_zh'], q['en_tokens'])} |"
        )
    lines += [
        "",
        "## Aligner strict F1 on dev",
        "",
        "default: the mode's current weights (lexical, lexical_miss); tuned: re-chosen on all of"
        f" dev from lexical {list(LEXICAL_GRID)} (x lexical_miss {list(MISS_GRID)});",
        "LOO: chosen on 5 chapters, the 6th scored, links of all held-out chapters summed.",
        "",
        "| mode / names | F1 default | tune lexical: F1 (w) | LOO | tune lexical+miss: F1 (w, miss)"
        " | LOO |",
        "|---|---|---|---|---|---|",
    ]
    f1s = out["f1"]
    assert isinstance(f1s, dict)
    for key, r in f1s.items():
        a, b = r["lexical"], r["lexical+miss"]
        lines.append(
            f"| {key} | {r['f1_default']:.4f} {tuple(r['default'])} | "
            f"{a['f1_tuned']:.4f} {tuple(a['tuned'])} | {a['f1_loo']:.4f} | "
            f"{b['f1_tuned']:.4f} {tuple(b['tuned'])} | {b['f1_loo']:.4f} |"
        )
    lines += ["", "LOO choices per fold:", ""]
    for key, r in f1s.items():
        for name in ("lexical", "lexical+miss"):
            chosen = ", ".join(str(tuple(c)) for c in r[name]["loo_chosen"])
            lines.append(f"- {key}, {name}: {chosen}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
