"""Review sessions for the tests: from the seed's gold alignment (real text, no aligner run)."""

from __future__ import annotations

from conftest import GOLD

from untm.aligner.alignfile import read_align
from untm.aligner.model import AlignmentResult, Segment
from untm.review.session import Session, new_session

STEM = "000_a932ec9d51e334cb"


def gold_result() -> AlignmentResult:
    """The seed pair as one segment a line with its gold links (score 1)."""

    def segs(path: str) -> tuple[Segment, ...]:
        lines = (GOLD / path).read_text(encoding="utf-8").splitlines()
        return tuple(Segment(i, t, i) for i, t in enumerate(lines))

    return AlignmentResult(
        segs(f"{STEM}.zh"),
        segs(f"{STEM}.en"),
        tuple(read_align(GOLD / f"{STEM}.align")),
        settings={"mode": "fast", "encoder": "none", "src": f"{STEM}.zh", "tgt": f"{STEM}.en"},
    )


def gold_session() -> Session:
    return new_session(gold_result())
