"""Translation units: the one record every TM format reads and writes."""

from __future__ import annotations

from dataclasses import dataclass

from untm.tmx.header import TmxHeader


@dataclass(frozen=True)
class TranslationUnit:
    """A bilingual translation unit.

    `props` keeps TMX `<prop type=...>` pairs in document order; `notes` keeps `<note>` texts.
    """

    source: str
    target: str
    src_lang: str = "zh-CN"
    tgt_lang: str = "en-US"
    tuid: str | None = None
    props: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()
    creationdate: str | None = None

    def prop(self, name: str) -> str | None:
        """The value of the first prop named `name`, or None."""
        for key, value in self.props:
            if key == name:
                return value
        return None


@dataclass(frozen=True)
class TranslationMemory:
    """A whole TM as read from a file: its header and its units in file order.

    `other_language_tuvs` counts the `<tuv>`s of multilingual units that are in neither of the
    two languages read (they are not in `units`).
    """

    header: TmxHeader
    units: tuple[TranslationUnit, ...]
    other_language_tuvs: int = 0

    def __len__(self) -> int:
        return len(self.units)
