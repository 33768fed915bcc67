"""The document pipeline behind `untm align`: read, clean, segment, align, export.

`align_files(zh, en, options)` returns an `AlignmentResult`; `to_units` turns its links with text
on both sides into translation units (stable tuids, props x-score / x-document / x-link);
`summarize` counts what was produced and what was left out; `write_result` writes it in any
format of `untm.export` (from the extension unless given).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from untm.aligner.model import AlignmentResult, Document, Furniture, Link, Segment
from untm.errors import AlignmentError
from untm.export.alignment_json import result_json as result_json  # the JSON export moved
from untm.goldscore import UnitScore as UnitScore  # re-exported: evaluation helpers moved
from untm.goldscore import gold_units as gold_units
from untm.goldscore import score_units as score_units
from untm.tmx.unit import TranslationUnit

MODES = ("best", "fast")  # sentence aligner modes
SEGTYPES = ("sentence", "paragraph")


@dataclass(frozen=True)
class AlignOptions:
    """How to align a document pair."""

    src_lang: str = "zh"
    tgt_lang: str = "en"
    src_locale: str = "zh-CN"
    tgt_locale: str = "en-US"
    presegmented: bool = False  # each input line is one segment (benchmarks)
    mode: str = "best"  # sentence aligner mode: "best" or "fast"
    encoder: str = "use"  # mode best: "use" (bundled) or "labse" (local sentence-transformers)
    segtype: str = "sentence"  # "sentence" or "paragraph" (one segment per paragraph)

    def __post_init__(self) -> None:
        if self.segtype not in SEGTYPES:
            raise AlignmentError(f"unknown segtype {self.segtype!r} (use sentence or paragraph)")
        from untm.aligner.sentalign import AlignConfig

        AlignConfig(mode=self.mode, encoder=self.encoder)  # the aligner checks mode and encoder


@dataclass(frozen=True)
class AlignSummary:
    """What an alignment produced and what it left out."""

    segments_zh: int
    segments_en: int
    links_by_type: dict[str, int] = field(default_factory=dict)
    units: int = 0
    unaligned_zh: int = 0
    unaligned_en: int = 0
    furniture_zh: int = 0
    furniture_en: int = 0
    mean_score: float = 0.0
    furniture_kinds: dict[str, int] = field(default_factory=dict)  # both sides, e.g. control-char
    reading: list[str] = field(default_factory=list)  # the readers' notes ("zh: …"), if any
    units_lost: int = 0  # links left out of the TM: a side holds a character the input lost

    def to_dict(self) -> dict[str, Any]:
        """The JSON summary; `reading` only when a reader had something to say and `units_lost`
        only when a unit was left out for a lost character, so the output of every other pair
        is what it was before."""
        data = asdict(self)
        if not self.reading:
            del data["reading"]
        if not self.units_lost:
            del data["units_lost"]
        return data

    def lines(self) -> list[str]:
        """A short human-readable summary."""
        types = ", ".join(f"{k}: {v}" for k, v in self.links_by_type.items()) or "none"
        kinds = ", ".join(f"{k}: {v}" for k, v in self.furniture_kinds.items())
        return [
            f"segments: zh {self.segments_zh}, en {self.segments_en}",
            f"links by type: {types}",
            f"units written: {self.units} (mean score {self.mean_score:.3f})",
            f"left out: unaligned segments zh {self.unaligned_zh}, en {self.unaligned_en}; "
            f"furniture removed zh {self.furniture_zh}, en {self.furniture_en}"
            + (f" ({kinds})" if kinds else "")
            + (f"; units with characters the input lost (U+FFFD) {self.units_lost}"
               if self.units_lost else ""),
            *(f"reading: {note}" for note in self.reading),
        ]


def _sentence_aligner(
    mode: str, encoder: str = "use"
) -> Callable[[Sequence[str], Sequence[str]], list[Link]]:
    from untm.aligner.sentalign import AlignConfig, align_sentences

    config = AlignConfig(mode=mode, encoder=encoder)
    if mode == "best" and encoder != "use":
        from untm.aligner.signals.embeddings import get_encoder

        # an optional model that is not installed fails here, before the documents are read
        get_encoder(encoder, config.threads)

    def align(src: Sequence[str], tgt: Sequence[str]) -> list[Link]:
        return align_sentences(src, tgt, config=config)

    return align


def _paragraph_segments(doc: Document) -> list[Segment]:
    """One segment per paragraph; a paragraph its reader joined across a page break it could
    not judge (`Paragraph.soft_breaks`) is one segment per piece, so the aligner keeps the
    pieces together or parts them as the other language has them."""
    pieces = [(p, piece) for p in doc.paragraphs for piece in p.pieces()]
    return [Segment(i, text, p.index, p.kind) for i, (p, text) in enumerate(pieces)]


def read_presegmented(path: str | Path, lang: str) -> tuple[list[Segment], list[Furniture]]:
    """Each line of the file is one segment (line i → segment i, empty lines included)."""
    from untm.aligner.clean import strip_controls
    from untm.aligner.encoding import decode_bytes
    from untm.aligner.language import check_language
    from untm.errors import InputError
    from untm.fileio import read_bytes_checked

    name = str(path)
    text = decode_bytes(read_bytes_checked(path), name=name).text
    if not text.strip():
        raise InputError("the file is empty", path=name)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    furniture: list[Furniture] = []
    cleaned: list[str] = []
    for i, line in enumerate(lines):
        text, found = strip_controls(line, line=i + 1)
        cleaned.append(text.strip())
        furniture += found
    check_language("\n".join(cleaned), lang, path=name)
    return [Segment(i, t, i) for i, t in enumerate(cleaned)], furniture


def align_files(
    zh_path: str | Path,
    en_path: str | Path,
    options: AlignOptions | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> AlignmentResult:
    """Read, segment and align a document pair (zh source, en target).

    `progress(done, total)` is called as the aligned blocks (paragraph groups) are done.
    """
    options = options or AlignOptions()
    align = _sentence_aligner(options.mode, options.encoder)
    settings = {
        "mode": options.mode,
        "encoder": options.encoder if options.mode == "best" else "none",
        "segtype": options.segtype,
        "presegmented": str(options.presegmented).lower(),
        "src": str(zh_path),
        "tgt": str(en_path),
    }
    if options.presegmented:
        src_segs, src_furn = read_presegmented(zh_path, options.src_lang)
        tgt_segs, tgt_furn = read_presegmented(en_path, options.tgt_lang)
        links = align([s.text for s in src_segs], [s.text for s in tgt_segs])
        if progress is not None:
            progress(1, 1)
        return AlignmentResult(
            tuple(src_segs),
            tuple(tgt_segs),
            tuple(links),
            tuple(src_furn),
            tuple(tgt_furn),
            settings,
        )
    from untm.aligner.paragraphs import align_blocks, block_pairs, keep_soft_joins
    from untm.aligner.read import read_document
    from untm.aligner.segment import segment_document

    src_doc = read_document(zh_path, options.src_lang)
    tgt_doc = read_document(en_path, options.tgt_lang)
    if options.segtype == "paragraph":
        src_list, tgt_list = _paragraph_segments(src_doc), _paragraph_segments(tgt_doc)
    else:
        src_list, tgt_list = segment_document(src_doc), segment_document(tgt_doc)
    links = align_blocks(
        block_pairs(src_doc, tgt_doc), src_list, tgt_list, align, on_block=progress
    )
    if options.segtype == "paragraph":
        links = keep_soft_joins(links, src_list, tgt_list)
    settings["encoding_src"] = src_doc.encoding
    settings["encoding_tgt"] = tgt_doc.encoding
    notes = tuple(f"{doc.lang}: {note}" for doc in (src_doc, tgt_doc) for note in doc.notes)
    return AlignmentResult(
        tuple(src_list),
        tuple(tgt_list),
        tuple(links),
        src_doc.furniture,
        tgt_doc.furniture,
        settings,
        notes,
    )


def joiner(lang: str) -> str:
    """What joins two segments of a language into one text: nothing in Chinese, else a space."""
    return "" if lang.lower().startswith(("zh", "ja")) else " "


def side_text(segments: Sequence[Segment], ids: Sequence[int], lang: str) -> str:
    """The text of a link side: its segments joined (no space in Chinese)."""
    return joiner(lang).join(segments[i].text for i in ids)


def has_both_sides(result: AlignmentResult, link: Link) -> bool:
    """Whether `link` makes a translation unit: text (not only white space) on both sides."""
    return any(result.src_segments[i].text.strip() for i in link.src) and any(
        result.tgt_segments[j].text.strip() for j in link.tgt
    )


def holds_lost(result: AlignmentResult, link: Link) -> bool:
    """Whether a side of `link` holds a character the input did not say (`glyphforms.LOST`: a
    glyph without a Unicode mapping): such a link is no translation unit, whatever its score."""
    from untm.aligner.glyphforms import has_lost

    return any(has_lost(result.src_segments[i].text) for i in link.src) or any(
        has_lost(result.tgt_segments[j].text) for j in link.tgt
    )


def link_label(link: Link) -> str:
    """`[1,2]:[3]` notation of a link, without brackets: "1,2:3"."""
    return f"{','.join(map(str, link.src))}:{','.join(map(str, link.tgt))}"


def make_tuid(source_name: str, link: Link, source: str, target: str) -> str:
    """A tuid stable across runs: hash of document name, link indices and both texts."""
    digest = hashlib.sha1(
        "\x1f".join((source_name, link_label(link), source, target)).encode("utf-8")
    ).hexdigest()
    return digest[:16]


#: extra `<prop>`s of each link, by its index in `result.links` (e.g. the review status)
LinkProps = Sequence[tuple[tuple[str, str], ...]]


def to_units(
    result: AlignmentResult,
    *,
    source_name: str,
    options: AlignOptions | None = None,
    link_props: LinkProps | None = None,
) -> list[TranslationUnit]:
    """Translation units for the links with text on both sides, in link order; a link a side of
    which holds a character the input lost (`holds_lost`) is left out (counted by `summarize`):
    a TM never gets a unit with a wrong or missing character.

    `link_props[k]` (optional) is appended to the props of link k's unit.
    """
    options = options or AlignOptions()
    units: list[TranslationUnit] = []
    for number, link in enumerate(result.links):
        if not has_both_sides(result, link) or holds_lost(result, link):
            continue
        source = side_text(result.src_segments, link.src, options.src_lang)
        target = side_text(result.tgt_segments, link.tgt, options.tgt_lang)
        units.append(
            TranslationUnit(
                source=source,
                target=target,
                src_lang=options.src_locale,
                tgt_lang=options.tgt_locale,
                tuid=make_tuid(source_name, link, source, target),
                props=(
                    ("x-score", f"{link.score:.3f}"),
                    ("x-document", source_name),
                    ("x-link", link_label(link)),
                    *(link_props[number] if link_props is not None else ()),
                ),
            )
        )
    return units


def summarize(result: AlignmentResult) -> AlignSummary:
    """Counts of segments, links by type, units, and everything left out."""
    full = [link for link in result.links if not link.is_null]
    whole = [link for link in full if has_both_sides(result, link)]
    lost = sum(1 for link in whole if holds_lost(result, link))
    scores = [link.score for link in full]
    return AlignSummary(
        segments_zh=len(result.src_segments),
        segments_en=len(result.tgt_segments),
        links_by_type=result.link_counts(),
        units=len(whole) - lost,
        unaligned_zh=sum(len(link.src) for link in result.links if not link.tgt),
        unaligned_en=sum(len(link.tgt) for link in result.links if not link.src),
        furniture_zh=len(result.src_furniture),
        furniture_en=len(result.tgt_furniture),
        mean_score=round(sum(scores) / len(scores), 4) if scores else 0.0,
        furniture_kinds=dict(
            sorted(Counter(f.kind for f in (*result.src_furniture, *result.tgt_furniture)).items())
        ),
        reading=list(result.notes),
        units_lost=lost,
    )


def write_result(
    result: AlignmentResult,
    out_path: str | Path,
    fmt: str | None = None,
    options: AlignOptions | None = None,
    source_name: str | None = None,
    *,
    link_props: LinkProps | None = None,
    glossary: str | Path | None = None,
) -> AlignSummary:
    """Write the result in the requested format (atomically; `untm.export`) and return the
    summary.

    `link_props[k]`: extra props of link k (TMX `<prop>`s, XLIFF notes, JSON "props"; TSV,
    .align and the review page have no place for them); `glossary`: the user glossary whose
    terms a review page marks (default: $UNTM_GLOSSARY's or the default store).
    """
    from untm.export import AlignmentExport, format_of

    output = format_of(out_path, fmt)
    source_name = source_name or Path(str(result.settings.get("src", "document"))).name
    export = AlignmentExport(
        result, options or AlignOptions(), source_name, link_props, glossary=glossary
    )
    output.write_alignment(export, out_path)
    return summarize(result)

