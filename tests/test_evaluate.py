"""Tests of the alignment evaluator (Vecalign's null-link rule)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MAC, needs_shared
from untm.aligner.alignfile import parse_align, read_align
from untm.aligner.evaluate import evaluate_paths, score_links
from untm.errors import InputError

PEERS = {
    # aligner: P strict, R strict, F1 strict, P lax, R lax, F1 lax (mac/README.md)
    "galechurch": (0.477, 0.505, 0.491, 0.718, 0.745, 0.731),
    "hunalign": (0.585, 0.675, 0.627, 0.805, 0.900, 0.850),
    "bleualign": (0.712, 0.650, 0.680, 0.952, 0.856, 0.902),
    "vecalign": (0.870, 0.903, 0.886, 0.992, 0.998, 0.995),
    "bertalign": (0.910, 0.920, 0.915, 0.994, 0.999, 0.997),
}


@needs_shared(MAC)
@pytest.mark.parametrize("peer", sorted(PEERS))
def test_reproduces_peer_table(peer: str) -> None:
    split = MAC / "test_bertalign2021"
    score = evaluate_paths(split, split / "peers" / peer)
    got = (
        score.precision_strict,
        score.recall_strict,
        score.f1_strict,
        score.precision_lax,
        score.recall_lax,
        score.f1_lax,
    )
    assert tuple(round(v, 3) for v in got) == PEERS[peer]
    assert score.files == 24


def test_null_links_rule() -> None:
    gold = parse_align("[0]:[0]\n[1]:[]\n[2]:[1,2]\n")
    test = parse_align("[0]:[0]\n[1]:[]\n[2]:[1]\n[]:[2]\n")
    score = score_links(gold, test)
    # precision: [0]:[0] and [1]:[] right, [2]:[1] wrong (lax right), []:[2] wrong
    assert score.precision_strict == pytest.approx(2 / 4)
    assert score.precision_lax == pytest.approx(3 / 4)
    # recall ignores the gold's null link: [0]:[0] found, [2]:[1,2] not (lax yes)
    assert score.recall_strict == pytest.approx(1 / 2)
    assert score.recall_lax == pytest.approx(1.0)


@needs_shared(MAC)
def test_gold_against_itself_is_perfect() -> None:
    gold = read_align(MAC / "dev" / "003.align")
    score = score_links(gold, gold)
    assert score.f1_strict == 1.0 and score.f1_lax == 1.0


@needs_shared(MAC)
def test_folder_missing_test_file(tmp_path: Path) -> None:
    (tmp_path / "001.align").write_text("[0]:[0]\n", encoding="utf-8")
    with pytest.raises(InputError, match="no test file"):
        evaluate_paths(MAC / "dev", tmp_path)


def test_file_against_folder_is_error(tmp_path: Path) -> None:
    f = tmp_path / "a.align"
    f.write_text("[0]:[0]\n", encoding="utf-8")
    with pytest.raises(InputError, match="both be files"):
        evaluate_paths(f, tmp_path)
