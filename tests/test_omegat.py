"""Real-client proof: OmegaT (console mode) translates the seed report from our TMX alone.

Needs the Debian `omegat` package (`make test` installs it via scripts/system-deps.sh); skipped
with that reason when `omegat` is not on PATH. Each OmegaT run takes a few seconds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SEED_ZH
from tests.test_tmx_gold import gold_units, pipeline_units
from untm.aligner.language import han_count
from untm.aligner.read import read_document
from untm.aligner.segment import segment_document
from untm.tmx import omegat
from untm.tmx.tmx14 import write_tmx
from untm.tmx.unit import TranslationUnit

pytestmark = [
    pytest.mark.omegat,
    pytest.mark.skipif(
        omegat.omegat_binary() is None,
        reason="omegat not on PATH (Debian package 'omegat'; scripts/system-deps.sh installs it)",
    ),
]

def run_on(tmp_path: Path, tmx: Path) -> omegat.OmegatRun:
    project = omegat.make_project(tmp_path / "project", SEED_ZH, [tmx])
    return omegat.translate(project)


def test_gold_tmx_is_loaded_and_translates_seed(tmp_path: Path) -> None:
    tmx = tmp_path / "gold.tmx"
    assert write_tmx(tmx, gold_units()) == 80
    run = run_on(tmp_path, tmx)
    assert run.load_errors == ()
    print(f"gold TMX: OmegaT translated {run.translated_share:.1%} of {run.han_source} Han chars")
    assert run.translated_share >= 0.90


def test_pipeline_tmx_translates_at_least_90_percent(tmp_path: Path) -> None:
    tmx = tmp_path / "seed.tmx"
    write_tmx(tmx, pipeline_units())
    run = run_on(tmp_path, tmx)
    assert run.load_errors == ()
    print(f"our TMX: OmegaT translated {run.translated_share:.1%} of {run.han_source} Han chars")
    for segment in omegat.untranslated_segments(tmp_path / "project"):
        print(f"  untranslated ({han_count(segment)} Han):", repr(segment[:60]))
    assert run.translated_share >= 0.90


def test_rejected_tmx_is_detected(tmp_path: Path) -> None:
    """OmegaT exits 0 when it rejects a TMX; the log check must catch it."""
    good = tmp_path / "good.tmx"
    write_tmx(good, [TranslationUnit("联合国", "United Nations")])
    bad = tmp_path / "bad.tmx"
    bad.write_text(good.read_text("utf-8").replace("<seg>", "<seg>\x01", 1), "utf-8")
    run = run_on(tmp_path, bad)
    assert run.load_errors
    assert "TF_TM_LOAD_ERROR" in run.load_errors[0]
    assert run.translated_share == 0.0


def test_segmentation_compared_with_omegat(tmp_path: Path) -> None:
    """Our Chinese segments of the seed vs OmegaT's default segmentation (differences reported)."""
    project = omegat.make_project(tmp_path / "project", SEED_ZH, [])
    theirs = {s for s in omegat.segments(project) if han_count(s)}
    ours = {seg.text for seg in segment_document(read_document(SEED_ZH, "zh"))}
    only_theirs = sorted(theirs - ours)
    only_ours = sorted(ours - theirs)
    han_theirs = sum(han_count(s) for s in theirs)
    han_shared = sum(han_count(s) for s in theirs & ours)
    print(f"OmegaT segments {len(theirs)}, ours {len(ours)}, identical {len(theirs & ours)}, "
          f"Han chars in identical segments {han_shared / han_theirs:.1%}")
    for s in only_theirs:
        print("  only OmegaT:", repr(s[:70]))
    for s in only_ours:
        print("  only untm:  ", repr(s[:70]))
    assert han_shared / han_theirs >= 0.95
