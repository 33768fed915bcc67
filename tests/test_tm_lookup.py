"""Fuzzy TM lookup: chrF match percentages, the bigram shortlist index, the cache beside the TMX."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.test_tmx_gold import gold_units
from untm.cli import app
from untm.tmx.lookup import TmIndex, cache_file, match_score
from untm.tmx.ngram_index import NgramIndex, normalize
from untm.tmx.tmx14 import write_tmx
from untm.tmx.unit import TranslationUnit

texts = st.text(alphabet=st.sampled_from(list("联合国环境规划署人居 abcAB，。１2")), max_size=30)


@pytest.fixture(scope="module")
def gold_tmx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tm") / "gold.tmx"
    write_tmx(path, gold_units())
    return path


def test_edited_seed_sentence_finds_its_unit(gold_tmx: Path) -> None:
    units = gold_units()
    (target,) = [u for u in units if "三十多年" in u.source]
    query = target.source.replace("三十多年", "二十多年").replace("环境署", "环境规划署")
    matches = TmIndex.from_tmx(gold_tmx, cache=False).lookup(query, top=3)
    assert matches[0].source == target.source
    assert matches[0].target == target.target
    assert 0 < matches[0].score < 100
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    assert matches[0].score > matches[1].score + 20


def test_exact_and_normalised_matches_score_100(gold_tmx: Path) -> None:
    index = TmIndex.from_tmx(gold_tmx, cache=False)
    unit = gold_units()[20]
    assert index.lookup(unit.source, top=1)[0].score == 100.0
    fullwidth = unit.source.replace("1", "１").replace("2", "２")
    assert index.lookup(f"  {fullwidth} ", top=1)[0].source == unit.source


@settings(max_examples=80, deadline=None)
@given(a=texts, b=texts)
def test_score_is_symmetric_bounded_and_100_only_when_equal(a: str, b: str) -> None:
    score = match_score(a, b)
    assert score == match_score(b, a)
    assert 0.0 <= score <= 100.0
    assert (score == 100.0) == (normalize(a) == normalize(b))


@settings(max_examples=60, deadline=None)
@given(
    pool=st.lists(texts.filter(lambda t: normalize(t) != ""), min_size=1, max_size=20),
    pick=st.integers(min_value=0),
)
def test_index_shortlists_an_exact_text_first(pool: list[str], pick: int) -> None:
    normalized = [normalize(t) for t in pool]
    index = NgramIndex.build(normalized)
    i = pick % len(pool)
    candidates = index.candidates(normalized[i], limit=len(pool))
    assert normalized[candidates[0]] == normalized[i]
    assert len(set(candidates)) == len(candidates)


def test_units_without_both_sides_are_counted_not_indexed() -> None:
    units = [TranslationUnit("甲乙", "AB"), TranslationUnit(" ", "x"), TranslationUnit("丙", "")]
    index = TmIndex.build(units)
    assert (len(index), index.skipped) == (1, 2)
    assert index.lookup("甲乙丙") and index.lookup("") == []
    assert TmIndex.build([]).lookup("甲") == []


def test_cache_is_written_reused_and_refreshed(tmp_path: Path) -> None:
    tmx = tmp_path / "tm.tmx"
    write_tmx(tmx, [TranslationUnit("环境规划署", "UNEP"), TranslationUnit("人居署", "UN-Habitat")])
    assert TmIndex.from_tmx(tmx).lookup("人居")  # small TM: no cache by default
    assert not cache_file(tmx).exists()
    first = TmIndex.from_tmx(tmx, min_cache_units=1)
    assert cache_file(tmx).is_file() and cache_file(tmx).name == ".tm.tmx.untm-index.npz"
    # same size and mtime, other text: the cache (keyed on size and mtime) answers
    stat = tmx.stat()
    tmx.write_text(tmx.read_text("utf-8").replace("环境规划署", "秘书长办公"), "utf-8")
    os.utime(tmx, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    again = TmIndex.from_tmx(tmx, min_cache_units=1)
    assert again.sources == first.sources == ("环境规划署", "人居署")
    assert again.lookup("人居") == first.lookup("人居")
    assert TmIndex.from_tmx(tmx, cache=False).sources == ("秘书长办公", "人居署")
    write_tmx(tmx, [TranslationUnit("秘书长", "Secretary-General")])
    os.utime(tmx, ns=(1, 1))
    refreshed = TmIndex.from_tmx(tmx, min_cache_units=1)
    assert refreshed.sources == ("秘书长",)
    assert refreshed.lookup("秘书长")[0].target == "Secretary-General"


def test_unwritable_cache_is_skipped(tmp_path: Path) -> None:
    tmx = tmp_path / "tm.tmx"
    write_tmx(tmx, [TranslationUnit("人居署", "UN-Habitat")])
    cache_file(tmx).mkdir()  # the cache path is taken by a folder
    assert TmIndex.from_tmx(tmx, min_cache_units=1).lookup("人居署")[0].score == 100.0


def _corrupt_empty(path: Path) -> None:
    path.write_bytes(b"")


def _corrupt_zip(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 40)


def _corrupt_junk(path: Path) -> None:
    path.write_bytes(b"not a cache at all\n")


def _corrupt_truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:200])


def _corrupt_arrays(path: Path) -> None:
    # a readable .npz with the right key whose arrays do not fit together
    with np.load(path, allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}
    arrays["postings"] = arrays["postings"] + 1000
    with path.open("wb") as fh:
        np.savez(fh, **arrays)


@pytest.mark.parametrize(
    "corrupt", [_corrupt_empty, _corrupt_zip, _corrupt_junk, _corrupt_truncated, _corrupt_arrays]
)
def test_broken_cache_is_rebuilt_and_overwritten(
    tmp_path: Path, corrupt: Callable[[Path], None]
) -> None:
    tmx = tmp_path / "tm.tmx"
    write_tmx(tmx, [TranslationUnit("环境规划署", "UNEP"), TranslationUnit("人居署", "UN-Habitat")])
    TmIndex.from_tmx(tmx, min_cache_units=1)
    corrupt(cache_file(tmx))
    stat = tmx.stat()
    key = f"{stat.st_size}:{stat.st_mtime_ns}::"
    assert NgramIndex.load(cache_file(tmx), key) is None
    rebuilt = TmIndex.from_tmx(tmx, min_cache_units=1)
    assert rebuilt.lookup("人居署")[0].target == "UN-Habitat"
    loaded = NgramIndex.load(cache_file(tmx), key)  # the bad file was replaced by a good one
    assert loaded is not None and loaded[1] == ["环境规划署", "人居署"]


def test_cli_lookup_survives_an_empty_cache(tmp_path: Path) -> None:
    tmx = tmp_path / "tm.tmx"
    write_tmx(tmx, [TranslationUnit(f"人居署{i}", f"UN-Habitat {i}") for i in range(3)])
    cache_file(tmx).write_bytes(b"")
    result = CliRunner().invoke(app, ["tm", "lookup", "人居署1", "--tm", str(tmx)])
    assert result.exit_code == 0, result.output
    assert "UN-Habitat 1" in result.output
