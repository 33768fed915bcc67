"""The records of an export: what to write, the format that writes it, and what it wrote.

An `OutputFormat` is a name, its file extensions and one or two plain functions: every format
writes an alignment (`AlignmentExport`: the result, how it was aligned, the document's name);
the formats that hold translation units (TMX, TSV, XLIFF) also write a bare list of units
(`UnitsExport`, e.g. a TMX being converted). Each format is one module of `untm.export` with a
`FORMAT` record; `untm.export.registry` lists them. No base class: a format is its functions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from untm.errors import OutputError

if TYPE_CHECKING:
    from untm.aligner.model import AlignmentResult
    from untm.pipeline import AlignOptions, LinkProps
    from untm.tmx.header import TmxHeader
    from untm.tmx.unit import TranslationUnit


@dataclass(frozen=True)
class Written:
    """What a writer wrote: translation units (0 for formats that hold links, not units) and
    the XML-illegal characters it removed on the way (TMX, XLIFF)."""

    units: int = 0
    removed_chars: int = 0


@dataclass(frozen=True)
class AlignmentExport:
    """An alignment to write.

    `options`: languages, TMX locales and segtype; `source_name`: the document's name (TMX
    `x-document` prop, tuids, XLIFF `original`); `link_props[k]`: extra props of link k (TMX
    `<prop>`s, XLIFF notes, JSON "props"); `title`: the review page's title (default: the name);
    `glossary`: the user glossary whose terms the review page marks with the built-in ones
    (default: $UNTM_GLOSSARY's or the default store).
    """

    result: AlignmentResult
    options: AlignOptions
    source_name: str
    link_props: LinkProps | None = None
    title: str | None = None
    glossary: str | Path | None = None

    def units(self) -> list[TranslationUnit]:
        """The translation units of the links with text on both sides (`pipeline.to_units`)."""
        from untm.pipeline import to_units

        return to_units(
            self.result,
            source_name=self.source_name,
            options=self.options,
            link_props=self.link_props,
        )


@dataclass(frozen=True)
class UnitsExport:
    """Translation units to write, with what a format keeps of their file.

    `header`: the TMX header (a converted TMX keeps its own; None: untm's default);
    `original`, `src_lang`, `tgt_lang`: XLIFF's `<file>` attributes (languages default to those
    of the first unit).
    """

    units: Sequence[TranslationUnit]
    header: TmxHeader | None = None
    original: str = "untm"
    src_lang: str | None = None
    tgt_lang: str | None = None


AlignmentWriter = Callable[[AlignmentExport, Path], Written]
UnitsWriter = Callable[[UnitsExport, Path], Written]


@dataclass(frozen=True)
class OutputFormat:
    """One output format: its name, file extensions (the first names batch outputs), a
    one-line description, and its writers. Every writer writes its file atomically."""

    name: str
    extensions: tuple[str, ...]
    description: str
    alignment_writer: AlignmentWriter
    units_writer: UnitsWriter | None = None  # None: the format needs segments and links

    @property
    def holds_units(self) -> bool:
        """Whether the format holds translation units (and so can be written from units)."""
        return self.units_writer is not None

    @property
    def extension(self) -> str:
        return self.extensions[0]

    def write_alignment(self, export: AlignmentExport, path: str | Path) -> Written:
        """Write an alignment to `path` in this format."""
        return self.alignment_writer(export, Path(path))

    def write_units(self, export: UnitsExport, path: str | Path) -> Written:
        """Write translation units to `path` in this format (OutputError if it holds none)."""
        if self.units_writer is None:
            raise OutputError(f"{self.name} holds links, not translation units", path=path)
        return self.units_writer(export, Path(path))
