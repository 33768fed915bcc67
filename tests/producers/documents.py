"""The documents of the producer matrix: their items (tests/pdfgen.py) and their gold.

- `seed`: the seed report with the two numbered footnotes and the table `pdfgen.seed_items`
  adds; gold = the seed gold (tests/data/seed_gold, a copy of ../shared/seeds/gold) +
  `pdfgen.EXTRA_PAIRS`; sentence units.
- `resolution`: `pdfgen.resolution_items`, a preamble of paragraphs ending in commas and two
  operative paragraphs; gold = its six paragraph pairs (each paragraph is one sentence).
- HELD OUT — `udhr`, `ecosoc_03`, `ecosoc_05`: real UN texts of ../shared/un
  (`pdfgen.heldout_items`, one line a paragraph), gold = their own alignment, paragraph
  units. Never look at these while building or tuning the PDF reader: they measure it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pdfgen import (
    EXTRA_PAIRS,
    RESOLUTION,
    Item,
    heldout_gold,
    heldout_items,
    resolution_items,
    seed_items,
)

REPO = Path(__file__).resolve().parent.parent.parent
SHARED = REPO.parent / "shared"
SEED_GOLD = REPO / "tests" / "data" / "seed_gold" / "000_a932ec9d51e334cb"
SYMBOLS = {"seed": "HSP/HA.2/8/Add.2", "resolution": "E/RES/2023/99",
           "udhr": "A/RES/217(III)", "ecosoc_03": "A/AC.182/2023/L.3", "ecosoc_05": "E/2023/55"}


@dataclass(frozen=True)
class Doc:
    """A document of the matrix: items in each language, gold (zh, en) units, how to align."""

    name: str
    items: Callable[[str], list[Item]]
    gold: Callable[[], list[tuple[str, str]]]
    segtype: str  # "sentence" or "paragraph": what the gold units are
    heldout: bool

    @property
    def symbol(self) -> str:
        """The document symbol printed in its running header."""
        return SYMBOLS[self.name]


def _seed_gold() -> list[tuple[str, str]]:
    from untm.goldscore import gold_units

    return gold_units(*(SEED_GOLD.with_suffix(s) for s in (".zh", ".en", ".align"))) + list(
        EXTRA_PAIRS)


def _resolution_gold() -> list[tuple[str, str]]:
    return list(zip(RESOLUTION["zh"], RESOLUTION["en"], strict=True))


def _heldout(name: str) -> Doc:
    return Doc(name, lambda lang: heldout_items(name, lang, SHARED),
               lambda: heldout_gold(name, SHARED), "paragraph", heldout=True)


DOCS: tuple[Doc, ...] = (
    Doc("seed", seed_items, _seed_gold, "sentence", heldout=False),
    Doc("resolution", resolution_items, _resolution_gold, "sentence", heldout=False),
    _heldout("udhr"),
    _heldout("ecosoc_03"),
    _heldout("ecosoc_05"),
)
DEV_DOCS = tuple(d for d in DOCS if not d.heldout)
