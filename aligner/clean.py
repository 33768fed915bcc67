"""Cleaning extracted text into paragraphs: furniture out, wrapping joined, labels recognised.

Input is decoded text (PDF-extracted plain text) or blocks a structured reader (docx, html)
already found. What cleaning removes is returned as `Furniture` (form feeds, control characters,
bare page-number lines, running headers and footers, the spaces of spaced-out Chinese), never
silently dropped.

Paragraph rules, in order:
- Chinese text spaced out by a PDF text layer ("联 合 国") is joined first (`aligner.hanspace`);
- page furniture lines go first: page and job numbers, recycling notes, and in a paged text
  (form feeds) the symbol atop later pages and lines recurring at page tops or bottoms;
- a file whose lines were wrapped at a text width (PDF-extracted) has its paragraph ends
  recovered from line evidence: blank lines, lengths against the page's width, indentation,
  labels, sentence ends, resolution openers (`aligner.linebreaks`); in any other file blocks are
  separated by blank lines and lines inside a block are joined, unless the next line starts a
  labelled paragraph (number, heading, footnote marker); a file without blank lines is read one
  paragraph per line. Lines join English with a space, Chinese without; a line ending in a word
  hyphen joins without a space and keeps the hyphen, except in wrapped English where the joined
  word is a word (`pdflayout.hyphens`, recorded as `hyphenation`); in wrapped text a label alone
  on its line joins the next;
- "12.\\tText" is a numbered paragraph (label "12", text "12. Text"); "一、背景" / "I. Background"
  / "A. Title" are headings; "* text" / "** text" are footnotes;
- blocks before the first heading or numbered paragraph are the cover; a later document's cover
  (where the labels start again) is found by `aligner.covers`;
- after that, an unlabelled block continues the last running-text paragraph: it is joined to it
  when that paragraph ends mid-sentence (a page break or a footnote interrupted it), otherwise it
  is a separate paragraph carrying the same label.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from untm.aligner.covers import COVER_MAX_CHARS, Label, later_covers
from untm.aligner.glyphforms import ordinary_forms
from untm.aligner.hanspace import HanSpacing, despace_lines
from untm.aligner.labels import (
    FOOTNOTE,
    NUM_PARA,
    PAGE_NUMBER,
    SYMBOL,
    display_width,
    ends_sentence,
    furniture_form,
    label_kind,
    starts_label,
)
from untm.aligner.language import is_han
from untm.aligner.linebreaks import (
    Line,
    hard_wrapped,
    line_breaks,
    recurring_page_lines,
)
from untm.aligner.model import BlockKind, Furniture, Paragraph
from untm.aligner.pdflayout.hyphens import LineEndHyphens

_CONTROL_KEEP = "\t\n"
_NOTE_NUMBER = re.compile(r"^(\d{1,3})\s")


@dataclass(frozen=True)
class RawBlock:
    """A block of text before classification: one paragraph candidate from a reader."""

    text: str
    line: int = 0
    hint: BlockKind | None = None  # what the reader already knows (docx heading style, footnote)
    joinable: bool = False  # may continue the previous paragraph when that ends mid-sentence


@dataclass(frozen=True)
class CleanedText:
    """Paragraphs in reading order plus the furniture removed on the way."""

    paragraphs: tuple[Paragraph, ...]
    furniture: tuple[Furniture, ...]


def _is_noncharacter(ch: str) -> bool:
    """Unicode noncharacters (U+FFFE, U+FFFF, U+FDD0..U+FDEF, …): never valid in XML output."""
    code = ord(ch)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def strip_controls(text: str, *, line: int, found: list[Furniture]) -> str:
    """Remove form feeds and control/format characters, recording each one as furniture."""
    if text.isprintable():
        return text
    out: list[str] = []
    for ch in text:
        if ch in _CONTROL_KEEP:
            out.append(ch)
            continue
        cat = unicodedata.category(ch)
        if ch == "\f":
            found.append(Furniture("form-feed", "\\f", line))
        elif cat in ("Cc", "Cf", "Zl", "Zp", "Cs") or _is_noncharacter(ch):
            found.append(Furniture("control-char", f"U+{ord(ch):04X}", line))
            if ch in "\v\u2028\u2029\x85":
                out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def normalize_space(text: str) -> str:
    """Tabs and runs of spaces become one space; the ends are stripped."""
    return re.sub(r"[ \t\u00a0]+", " ", text).strip()


def join_wrapped(
    left: str, right: str, lang: str, spacing: HanSpacing | None = None
) -> str:
    """Join two pieces of one paragraph split by a line or page break.

    English joins with a space; Chinese joins without one unless both sides of the break are
    Latin letters, digits or ASCII punctuation, or one side is a Chinese character and the
    other a Latin word or number where the document's usage (`spacing`, from
    `aligner.hanspace`: the paragraph's own, else the document's) writes that boundary with a
    space ("2023 年" + "3 月"). A line ending in a hyphen after a letter ("decision-" +
    "making") joins without a space and keeps the hyphen: nothing is deleted.
    """
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    if left.endswith("-") and len(left) > 1 and left[-2].isalpha():
        return left + right
    if lang == "zh" and not (left[-1].isascii() and right[0].isascii()):
        if spacing is not None and spacing.join_spaced(left, right):
            return left + " " + right
        return left + right
    return left + " " + right


def _normalize_label_text(text: str, kind: BlockKind) -> str:
    """ "12.\\tText" → "12. Text"; headings and footnotes keep their own spacing."""
    if kind is BlockKind.BODY:
        m = NUM_PARA.match(text)
        if m:
            head = text[: m.end()].rstrip(" \t\u3000")
            return f"{head} {text[m.end() :]}"
    return text


def _text_lines_to_blocks(text: str, lang: str, furniture: list[Furniture]) -> list[RawBlock]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    soft_hyphenated = {i + 1 for i, line in enumerate(lines) if line.rstrip().endswith("\u00ad")}
    cleaned = [strip_controls(line, line=i + 1, found=furniture) for i, line in enumerate(lines)]
    spacing = None
    if lang == "zh":
        despaced = despace_lines(cleaned)
        cleaned, spacing = list(despaced.lines), despaced.spacing
        furniture.extend(despaced.furniture(range(1, len(cleaned) + 1)))
    feeds = {f.line for f in furniture if f.kind == "form-feed"}
    content = _page_lines(cleaned, feeds, furniture)
    groups: list[list[Line]] = []
    for ln in content:
        if ln.blank_before or not groups:
            groups.append([])
        groups[-1].append(ln)
    blank_mode = len(groups) >= 3 and len(content) <= 12 * len(groups)
    if hard_wrapped([display_width(ln.text) for ln in content]):
        hyphens = None
        if lang == "en" and any(ln.text.endswith("-") for ln in content):
            hyphens = LineEndHyphens((ln.text for ln in content), furniture)
        return _blocks_by_evidence(
            content, lang, soft_hyphenated, bool(feeds), blank_mode, hyphens, spacing
        )
    blocks: list[RawBlock] = []

    def emit(lines: list[tuple[int, str]]) -> None:
        first = lines[0][0]
        after_break = (
            first in feeds
            or first - 1 in feeds
            or bool(blocks and PAGE_NUMBER.match(blocks[-1].text))
        )
        block = _join_block(
            lines, lang, blank_mode or after_break, soft_hyphenated, spacing=spacing
        )
        blocks.append(_kept_number(block, bool(feeds)))

    for group in groups:
        current: list[tuple[int, str]] = []
        for ln in group:
            line = ln.text
            if current:
                prev = current[-1][1]
                label_or_page = (
                    starts_label(line) or PAGE_NUMBER.match(prev) or PAGE_NUMBER.match(line)
                )
                if label_or_page or not blank_mode:
                    emit(current)
                    current = []
            current.append((ln.number, line))
        if current:
            emit(current)
    return blocks


def _kept_number(block: RawBlock, paged: bool) -> RawBlock:
    """A number-only block that page analysis kept (a table cell, a year) is text."""
    if paged and block.hint is None and PAGE_NUMBER.match(block.text.strip()):
        return replace(block, hint=BlockKind.BODY)
    return block


def _page_lines(lines: list[str], feeds: set[int], furniture: list[Furniture]) -> list[Line]:
    """The non-blank lines with page furniture removed and recorded: page and job numbers,
    recycling notes, and, in a paged text (form feeds), the document symbol atop a page after
    the first and lines recurring at the tops or bottoms of pages (`linebreaks`). In a paged
    text a bare number is a page number only among the first or last two lines of a page."""
    content: list[Line] = []
    page, blank = 0, False
    for i, raw in enumerate(lines):
        page += (i + 1) in feeds
        text = raw.strip()
        if not text:
            blank = True
            continue
        indent = display_width(raw[: len(raw) - len(raw.lstrip())].expandtabs(8))
        content.append(Line(i + 1, text, indent, page, blank and bool(content)))
        blank = False
    edge: set[int] = set()
    if feeds:
        by_page: dict[int, list[int]] = {}
        for k, ln in enumerate(content):
            by_page.setdefault(ln.page, []).append(k)
        edge = {k for ks in by_page.values() for k in (*ks[:2], *ks[-2:])}
    running = recurring_page_lines(content) if feeds else {}
    seen: set[str] = set()
    kept: list[Line] = []
    gap = False  # a blank line next to removed lines still separates what is around them
    for k, ln in enumerate(content):
        page_top = ln.page > 0 and (k == 0 or content[k - 1].page != ln.page)
        if page_top and SYMBOL.match(ln.text):
            running.setdefault(k, "running-header")  # the symbol atop a page after the first
        number = PAGE_NUMBER.match(ln.text) and (not feeds or k in edge)
        kind = "page-number" if number else running.get(k) or _page_furniture(ln.text, seen)
        seen.add(ln.text)
        if kind:
            furniture.append(Furniture(kind, ln.text, ln.number))
            gap = gap or ln.blank_before
            continue
        kept.append(replace(ln, blank_before=bool(kept) and (gap or ln.blank_before)))
        gap = False
    return kept


def _blocks_by_evidence(
    content: list[Line],
    lang: str,
    soft_hyphenated: set[int],
    paged: bool,
    blank_mode: bool,
    hyphens: LineEndHyphens | None,
    spacing: HanSpacing | None,
) -> list[RawBlock]:
    """Hard-wrapped text: paragraph ends from line evidence (`aligner.linebreaks`). A block
    right after footnotes, or after a blank line that follows a full line stopping
    mid-sentence, may continue the paragraph before it (`build_paragraphs` joins it when that
    ends mid-sentence); any other block stands as the evidence says."""
    groups: list[list[Line]] = []
    soft: list[bool] = []
    breaks = line_breaks(content, lang, blank_structure=blank_mode)
    for ln, start, maybe in zip(content, breaks.starts, breaks.soft, strict=True):
        if start or not groups:
            groups.append([])
            soft.append(maybe)
        groups[-1].append(ln)
    blocks: list[RawBlock] = []
    for k, group in enumerate(groups):
        after_note = k > 0 and bool(FOOTNOTE.match(groups[k - 1][0].text))
        lines = [(ln.number, ln.text) for ln in group]
        block = _join_block(
            lines, lang, after_note or soft[k], soft_hyphenated, hyphens, spacing
        )
        blocks.append(_kept_number(block, paged))
    return blocks


def _join_block(
    lines: list[tuple[int, str]],
    lang: str,
    joinable: bool,
    soft_hyphenated: set[int],
    hyphens: LineEndHyphens | None = None,
    spacing: HanSpacing | None = None,
) -> RawBlock:
    text = lines[0][1]
    local = spacing.within([line for _, line in lines]) if spacing is not None else None
    for (prev_no, _), (line_no, line) in pairwise(lines):
        # a word split by a soft hyphen at the line end joins without a space
        if prev_no in soft_hyphenated:
            text += line
            continue
        joined = hyphens.join(text, line, line_no) if hyphens is not None else None
        text = joined if joined is not None else join_wrapped(text, line, lang, local)
    return RawBlock(text=text, line=lines[0][0], joinable=joinable)


def clean_plain_text(text: str, lang: str) -> CleanedText:
    """Clean PDF-extracted (or plain) text into paragraphs and furniture. CJK radicals and
    compatibility ideographs that a PDF's text layer gave for ordinary characters are read as
    those (`aligner.glyphforms`), as the PDF reader reads them."""
    furniture: list[Furniture] = []
    text, _ = ordinary_forms(text)
    blocks = _text_lines_to_blocks(text, lang, furniture)
    return build_paragraphs(blocks, lang, furniture)


def build_paragraphs(
    blocks: Sequence[RawBlock], lang: str, furniture: list[Furniture] | None = None
) -> CleanedText:
    """Classify blocks into cover, heading, body and footnote paragraphs; join continuations."""
    found: list[Furniture] = list(furniture or [])
    has_labels = any(label_kind(normalize_space(b.text), lang, 0) is not None for b in blocks)
    entries = _labelled_entries(blocks, lang, found)
    covers = later_covers([text for _, text, _ in entries], [lab for _, _, lab in entries])
    items: list[tuple[str, BlockKind, str | None]] = []
    body_started = False
    for k, (block, text, labelled) in enumerate(entries):
        if k in covers or block.hint is BlockKind.COVER:  # a reader may know (a PDF's mastheads)
            items.append((text, BlockKind.COVER, None))
            continue
        if labelled is not None:
            kind, label = labelled
            if kind in (BlockKind.HEADING, BlockKind.BODY):
                body_started = True
            items.append((_normalize_label_text(text, kind), kind, label))
            continue
        if not body_started and has_labels and display_width(text) <= COVER_MAX_CHARS:
            items.append((text, BlockKind.COVER, None))
            continue
        _add_unlabelled(items, text, lang, joinable=block.joinable)
    paragraphs = tuple(
        Paragraph(index=i, text=text, kind=kind, label=label)
        for i, (text, kind, label) in enumerate(items)
    )
    return CleanedText(paragraphs=paragraphs, furniture=tuple(sorted(found, key=lambda f: f.line)))


def _labelled_entries(
    blocks: Sequence[RawBlock], lang: str, found: list[Furniture]
) -> list[tuple[RawBlock, str, Label]]:
    """Each block's normalised text and label (None when unlabelled); page furniture and empty
    blocks left out, the furniture recorded in `found`."""
    entries: list[tuple[RawBlock, str, Label]] = []
    last_roman = 0
    seen_lines: set[str] = set()
    for block in blocks:
        text = normalize_space(strip_controls(block.text, line=block.line, found=found))
        if not text:
            continue
        if block.hint is None and PAGE_NUMBER.match(text):
            found.append(Furniture("page-number", text, block.line))
            continue
        furniture_kind = _page_furniture(text, seen_lines)
        if block.hint is None and furniture_kind:
            found.append(Furniture(furniture_kind, text, block.line))
            continue
        if block.hint is BlockKind.COVER:
            entries.append((block, text, None))
            continue
        seen_lines.add(text)
        labelled = label_kind(text, lang, last_roman)
        if block.hint is BlockKind.FOOTNOTE:
            number = _NOTE_NUMBER.match(text)
            marker = labelled[1] if labelled and labelled[0] is BlockKind.FOOTNOTE else None
            labelled = (BlockKind.FOOTNOTE, marker or (number.group(1) if number else None))
        elif block.hint is BlockKind.HEADING:
            labelled = (BlockKind.HEADING, labelled[1] if labelled else None)
        if labelled is not None and labelled[0] is BlockKind.HEADING:
            label = labelled[1]
            if label and label.startswith("R"):
                last_roman = int(label[1:])
        entries.append((block, text, labelled))
    return entries


def _page_furniture(text: str, seen: set[str]) -> str | None:
    """Kind of page furniture a short line is: job number, barcode, recycling note, repeated
    symbol."""
    kind = furniture_form(text)
    if kind != "symbol":
        return kind
    # the document symbol repeated at the top of later pages
    return "running-header" if text in seen else None


def breaks_mid_phrase(prev: str, text: str, lang: str, *, numbered: bool) -> bool:
    """True when `text` plainly continues `prev` (a sentence cut in two by a page or a reader).

    English: the previous block ends in a word, digit or comma and the next starts lower-case.
    Chinese: inside a numbered paragraph, the previous block ends in a character that is not
    punctuation and the next does not start a new item.
    """
    prev, text = prev.rstrip(), text.lstrip()
    if not prev or not text:
        return False
    last, first = prev[-1], text[0]
    if lang == "en":
        return (last.isalnum() or last in ",;-–") and first.islower()
    if lang == "zh":
        return numbered and (last.isalnum() or is_han(last)) and (is_han(first) or first.islower())
    return False


def _add_unlabelled(
    items: list[tuple[str, BlockKind, str | None]], text: str, lang: str, *, joinable: bool
) -> None:
    """An unlabelled running-text block: continue the last body paragraph or start a new one."""
    last_body = next(
        (i for i in range(len(items) - 1, -1, -1) if items[i][1] is not BlockKind.FOOTNOTE), None
    )
    if last_body is not None and items[last_body][1] is BlockKind.BODY:
        prev_text, _, prev_label = items[last_body]
        if (joinable and not ends_sentence(prev_text)) or breaks_mid_phrase(
            prev_text, text, lang, numbered=bool(NUM_PARA.match(prev_text))
        ):
            items[last_body] = (join_wrapped(prev_text, text, lang), BlockKind.BODY, prev_label)
            return
        items.append((text, BlockKind.BODY, prev_label))
        return
    items.append((text, BlockKind.BODY, None))
