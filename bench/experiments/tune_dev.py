"""Tune the aligner's weights on MAC-Dev only (coordinate ascent on strict F1).

Usage: python bench/experiments/tune_dev.py [best|fast] [--reuse] [--params a,b,...]
                                            [--no-types] [--exact-upto N]
       python bench/experiments/tune_dev.py best --loo [--neutral] ...
                                            (leave-one-chapter-out check)
Writes bench/experiments/results/tune_dev_<mode>.json with the weights found and the dev score of
each step, so the numbers in aligner/sentalign.py can be traced to a run. Never run on test
splits.
"""

from __future__ import annotations

import dataclasses
import json
import pickle
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.macdata import REPO, load_split
from untm.aligner.evaluate import score_pairs
from untm.aligner.model import Link
from untm.aligner.sentalign import AlignConfig, SearchSpace, Weights, decode, prepare

STEPS = {
    "embedding": (0.0, 0.5, 0.8, 1.0, 1.2),
    "margin": (0.0, 0.25, 0.5, 1.0, 1.5),
    "dictionary": (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8),
    "lexical": (0.0, 0.1, 0.15, 0.2, 0.3, 0.4),
    "lexical_miss": (0.0, -0.05, -0.1, -0.15, -0.2),
    "length": (0.0, 0.05, 0.08, 0.1, 0.12, 0.15, 0.25, 0.4),
    "skip": (-0.05, -0.08, -0.1, -0.12, -0.15, -0.2, -0.3, -0.5),
    "merge": (0.0, -0.01, -0.02, -0.03, -0.05, -0.08, -0.12),
    "size_power": (-0.5, -0.25, 0.0, 0.25, 0.5, 1.0),
    "punct_question": (0.0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.08),
    "punct_ellipsis": (0.0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.08),
    "punct_quote": (0.0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.08),
    "punct_exclamation_miss": (0.0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.08),
}


TYPE_BIAS_STEPS = (-9.0, -0.1, -0.05, -0.03, -0.02, -0.01, 0.0, 0.01, 0.02, 0.03, 0.05, 0.1)
TYPES = (
    (1, 2),
    (2, 1),
    (1, 3),
    (3, 1),
    (1, 4),
    (4, 1),
    (2, 2),
    (2, 3),
    (3, 2),
    (1, 5),
    (1, 6),
    (2, 4),
    (3, 3),
    (4, 2),
)


def with_type_bias(weights: Weights, kind: tuple[int, int], value: float) -> Weights:
    table = dict(weights.type_bias)
    table[kind] = value
    return dataclasses.replace(weights, type_bias=tuple(sorted(table.items())))


def dev_f1(spaces: list[tuple[SearchSpace, tuple[Link, ...]]], weights: Weights) -> float:
    pairs = [(gold, decode(space, weights)) for space, gold in spaces]
    return score_pairs(pairs).f1_strict


def _moves(
    names: list[str], kinds: list[tuple[int, int]]
) -> list[tuple[str, Callable[[Weights], Weights]]]:
    """Every single-parameter change the ascent tries, as (label, apply)."""
    moves: list[tuple[str, Callable[[Weights], Weights]]] = []
    for name in names:
        for value in STEPS[name]:

            def set_weight(w: Weights, n: str = name, v: float = value) -> Weights:
                return dataclasses.replace(w, **{n: v})  # type: ignore[arg-type]

            moves.append((f"{name}={value}", set_weight))
    for kind in kinds:
        for value in TYPE_BIAS_STEPS:

            def set_bias(w: Weights, k: tuple[int, int] = kind, v: float = value) -> Weights:
                return with_type_bias(w, k, v)

            moves.append((f"bias{kind}={value}", set_bias))
    return moves


def coordinate_ascent(
    spaces: list[tuple[SearchSpace, tuple[Link, ...]]],
    weights: Weights,
    names: list[str],
    log: list[dict[str, object]] | None = None,
    rounds: int = 3,
    with_types: bool = True,
) -> tuple[float, Weights]:
    """Change one weight (or one type bias) at a time while dev strict F1 improves."""
    kinds = [k for k in TYPES if with_types and k in spaces[0][0].features]
    moves = _moves(names, kinds)
    best = dev_f1(spaces, weights)
    if log is not None:
        log.append({"step": "start", "f1": best, "weights": dataclasses.asdict(weights)})
        print(f"  start: {best:.4f}", flush=True)
    for _round in range(rounds):
        improved = False
        for label, apply in moves:
            trial = apply(weights)
            f1 = dev_f1(spaces, trial)
            if f1 > best + 1e-9:
                best, weights, improved = f1, trial, True
                if log is not None:
                    log.append({"step": label, "f1": best})
                    print(f"  {label}: {best:.4f}", flush=True)
        if not improved:
            break
    return best, weights


#: a start that owes nothing to earlier tuning (no type biases, no punctuation weights)
NEUTRAL = Weights(
    embedding=1.0,
    dictionary=0.3,
    lexical=0.2,
    length=0.1,
    skip=-0.1,
    merge=-0.02,
    type_bias=(),
    punct_question=0.0,
    punct_ellipsis=0.0,
    punct_quote=0.0,
    punct_exclamation_miss=0.0,
)


def loo(
    spaces: list[tuple[SearchSpace, tuple[Link, ...]]],
    names: list[str],
    neutral: bool,
    start: Weights,
    with_types: bool = True,
) -> None:
    """Leave one chapter out: tune on the others, score the held-out chapter; print pooled F1."""
    held_out = []
    for k in range(len(spaces)):
        rest = [sp for j, sp in enumerate(spaces) if j != k]
        _f1, weights = coordinate_ascent(
            rest, NEUTRAL if neutral else start, names, with_types=with_types
        )
        space, gold = spaces[k]
        held_out.append((gold, decode(space, weights)))
        print(f"fold {k}: held-out F1 {score_pairs([held_out[-1]]).f1_strict:.4f}", flush=True)
    print(f"leave-one-chapter-out strict F1 {score_pairs(held_out).f1_strict:.4f}", flush=True)


def main() -> None:
    mode = sys.argv[1] if len(sys.argv) > 1 else "best"
    wide = "--wide" in sys.argv
    config = AlignConfig(mode=mode, max_tgt=6, max_total=7) if wide else AlignConfig(mode=mode)
    if "--exact-upto" in sys.argv:
        upto = int(sys.argv[sys.argv.index("--exact-upto") + 1])
        config = dataclasses.replace(config, exact_upto=upto)
    # (defaults since 21:50: best mode is wide; fast mode max_tgt=4, max_total=5)
    weights = config.resolved_weights()
    t0 = time.time()
    chapters = load_split("dev")
    cache = Path(f"/tmp/untm_tune_spaces_{mode}{'_wide' if wide else ''}_{config.exact_upto}.pkl")
    if cache.exists() and "--reuse" in sys.argv:
        spaces = pickle.loads(cache.read_bytes())
    else:
        spaces = [(prepare(c.zh, c.en, config), c.gold) for c in chapters]
        cache.write_bytes(pickle.dumps(spaces))
    prep = time.time() - t0
    print(f"prepared in {prep:.1f}s", flush=True)
    names = [k for k in STEPS if not (mode == "fast" and (k == "embedding" or "punct" in k))]
    if "--params" in sys.argv:
        names = sys.argv[sys.argv.index("--params") + 1].split(",")
    if "--start" in sys.argv:
        start = json.loads(sys.argv[sys.argv.index("--start") + 1])
        start["type_bias"] = tuple((tuple(k), v) for k, v in start.get("type_bias", []))
        weights = Weights(**start)
    if "--neutral" in sys.argv:
        weights = NEUTRAL
    if "--loo" in sys.argv:
        loo(spaces, names, "--neutral" in sys.argv, weights, "--no-types" not in sys.argv)
        return
    log: list[dict[str, object]] = []
    best, weights = coordinate_ascent(
        spaces, weights, names, log, with_types="--no-types" not in sys.argv
    )
    out = REPO / "bench" / "experiments" / "results" / f"tune_dev_{mode}.json"
    out.write_text(
        json.dumps(
            {
                "mode": mode,
                "command": "python bench/experiments/tune_dev.py " + " ".join(sys.argv[1:]),
                "dev_f1_strict": best,
                "weights": dataclasses.asdict(weights),
                "log": log,
                "prepare_seconds": prep,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(json.dumps(dataclasses.asdict(weights)))


if __name__ == "__main__":
    main()
