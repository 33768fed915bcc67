"""MAC corpus access for the benchmarks: chapters of a split as (name, zh, en, gold links)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from untm.aligner.alignfile import read_align
from untm.aligner.model import Link

REPO = Path(__file__).resolve().parent.parent
MAC = REPO.parent / "shared" / "mac"
SPLITS = ("dev", "test", "test_bertalign2021")
PEERS = ("galechurch", "hunalign", "bleualign", "vecalign", "bertalign")
#: chapter number -> book (MAC README: chapters from six novels)
BOOKS = ("黄金时代", "鹿鼎记", "红楼梦", "红高粱", "长恨歌", "三体")


@dataclass(frozen=True)
class Chapter:
    name: str
    zh: tuple[str, ...]
    en: tuple[str, ...]
    gold: tuple[Link, ...]


def _lines(path: Path) -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8").splitlines())


def load_split(split: str) -> list[Chapter]:
    """Every chapter of a MAC split, in file-name order."""
    folder = MAC / split
    return [
        Chapter(
            p.stem, _lines(p.with_suffix(".zh")), _lines(p.with_suffix(".en")), tuple(read_align(p))
        )
        for p in sorted(folder.glob("*.align"))
    ]


def gold_texts(split: str, name: str) -> tuple[list[str], list[str]]:
    """The zh and en texts of a chapter's gold links with both sides (untm.goldscore)."""
    from untm.goldscore import gold_units

    base = MAC / split / name
    pairs = gold_units(base.with_suffix(".zh"), base.with_suffix(".en"), base.with_suffix(".align"))
    return [zh for zh, _en in pairs], [en for _zh, en in pairs]
