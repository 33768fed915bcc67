"""Spaced-out Chinese: the spaces a PDF text layer puts between Chinese characters, removed.

Justified Chinese in many PDFs (and older Word exports) comes out of the text layer with a space
between every two characters ("联 合 国 大 会"), often on every line but each paragraph's last.
Such spaces are found by evidence, line by line, and removed; real spaces stay:

- a line is *spaced out* when most of its neighbouring Han pairs are separated by one space (at
  least two such pairs; in a document where most pairs are spaced, one is enough when the line
  has no more tight pairs than spaced ones); full-width marks are no evidence, as text layers
  leave them tight even in spaced-out text;
- on a spaced-out line, a single space between two Chinese characters goes; a space between a
  Chinese character and a Latin word, a number or an ASCII mark follows the document's own usage,
  learnt from the lines that are not spaced out ("2023 年" or "2023年", "(1) 有" or "(1)有";
  where the Chinese side is a Han character, as a full-width mark carries its own spacing):
  removed only when the document writes that boundary without a space more often than with one;
  a space beside a full-width mark ("（ 1 ）"), before an ASCII closing mark after a Chinese
  character ("地位 ,") or after an ASCII opening mark before one ("( 重") goes;
- nothing else changes: a space between two Latin words or numbers is never touched, no space is
  added, only single spaces are removed (runs of spaces are column gaps), and removing twice
  changes nothing more (property-tested).

`despace_lines(lines)` does it for a document, in both paths: the text cleaner (`aligner.clean`)
on the lines of an extracted text, the PDF reader (`pdflayout.lines.despace_rows`) on the lines of
a Chinese PDF, whose text-layer spaces it keeps for this. It returns the document's evidence too:

- where a Chinese line wraps between a Chinese character and a Latin word or a number, the
  join follows the usage nearest to it (`HanSpacing.join_spaced`): the paragraph's own
  (`HanSpacing.within`), else the document's; a space only where that usage is spaced, never
  beside a full-width mark, before an ASCII closing mark or after an opening one, and none
  without evidence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from untm.aligner.language import HAN_CLASS, is_han
from untm.aligner.model import Furniture

MIN_SPACED_PAIRS = 2
LINE_SHARE = 0.5  # share of a line's Han pairs that are spaced for the line to be spaced out
DOC_SHARE = 0.5  # share of the document's Han pairs that are spaced for a spaced-out document
_WINDOW = 64  # characters each side of a line break that decide what its boundary is
_CLOSING = set(",.;:!?)]}%")
_OPENING = set("([{")
# runs of what `is_cjk` says is Chinese, and of Han characters (`is_han`), as regexes: a line's
# characters are sorted in one pass of the regex engine (`_mask`), not one call each
_CJK_RUN = re.compile(
    f"(?:{HAN_CLASS}|[\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40"
    "\uff5b-\uff65\u201c\u201d\u2018\u2019\u2026\u2014\u00b7])+"
)
_HAN_RUN = re.compile(f"{HAN_CLASS}+")


def is_cjk(ch: str) -> bool:
    """A Han character or a full-width (CJK) mark: never separated by a real space."""
    code = ord(ch)
    return (
        is_han(ch)
        or 0x3000 < code <= 0x303F  # CJK marks: 、。〈〉《》「」『』【】〔〕 …
        or 0xFF01 <= code <= 0xFF0F  # full-width ！＂＃…／
        or 0xFF1A <= code <= 0xFF20  # ：；＜＝＞？＠
        or 0xFF3B <= code <= 0xFF40
        or 0xFF5B <= code <= 0xFF65
        or ch in "“”‘’…—·"
    )


def _side_class(line: str, pos: int, step: int) -> str:
    """Class of the non-Chinese side of a boundary at `line[pos]`: "number" or "latin" for a
    word (the run of non-space, non-Chinese characters it belongs to), else the mark itself."""
    ch = line[pos]
    if not ch.isalnum():
        return ch
    end = pos
    while 0 <= end < len(line) and not line[end].isspace() and not is_cjk(line[end]):
        end += step
    word = line[min(pos, end - step) : max(pos, end - step) + 1]
    return "latin" if any(c.isalpha() for c in word) else "number"


def boundary_key(line: str, left: int, right: int) -> str | None:
    """The kind of boundary between `line[left]` and `line[right]` (non-space characters, with
    at most spaces between) when one side is Chinese, else None.

    "cjk" when both sides are Chinese; "han>number", "latin>han", ")>han" … when one is.
    """
    lc, rc = is_cjk(line[left]), is_cjk(line[right])
    if lc and rc:
        return "cjk"
    if lc:
        return f"han>{_side_class(line, right, 1)}"
    if rc:
        return f"{_side_class(line, left, -1)}>han"
    return None


_Pair = tuple[int, str, bool]  # what `_pairs` gives for one boundary


def _mask(line: str, runs: re.Pattern[str]) -> bytearray:
    """1 at each character of `line` inside a match of `runs`, else 0."""
    mask = bytearray(len(line))
    for m in runs.finditer(line):
        start, end = m.span()
        mask[start:end] = b"\x01" * (end - start)
    return mask


def _pairs(line: str) -> list[_Pair]:
    """(position after the left character, boundary key, spaced?) of each Chinese boundary:
    neighbouring characters, or two characters with exactly one space between them. (The
    whole list, in order: `_boundaries` and the pairs it leaves out.)"""
    tight = [(k, "cjk", False) for m in _CJK_RUN.finditer(line)
             for k in range(m.start() + 1, m.end())]
    return sorted(_boundaries(line) + tight)  # one boundary at a position


def _boundaries(line: str) -> list[_Pair]:
    """The Chinese boundaries of `_pairs` but two Chinese characters side by side, most of a
    Chinese line, which only say that it is not spaced there (what the readers of the pairs
    need: `_han_pairs` counts those of two Han characters by their runs, the others look at
    spaced pairs and mixed boundaries only). A run of Chinese (`_CJK_RUN`) is passed over at
    once, to its end (its first 0 in the mask), with no pair made for each character."""
    out: list[_Pair] = []
    n = len(line)
    cjk = _mask(line, _CJK_RUN)
    i = 0
    while i < n - 1:
        if cjk[i] and cjk[i + 1]:  # within a run: on from its last character
            end = cjk.find(0, i + 1)
            i = (n if end < 0 else end) - 1
            continue
        if line[i].isspace():
            i += 1
            continue
        right = line[i + 1]
        if right == " " and i + 2 < n and not line[i + 2].isspace():
            j, spaced = i + 2, True
        elif not right.isspace():
            j, spaced = i + 1, False
        else:
            i += 1
            continue
        if cjk[i] and cjk[j]:
            out.append((i + 1, "cjk", spaced))
        elif cjk[i] or cjk[j]:
            key = boundary_key(line, i, j)
            if key:
                out.append((i + 1, key, spaced))
        i += 1
    return out


@dataclass(frozen=True)
class HanSpacing:
    """Evidence of a document: how spaced its Chinese pairs are, how it writes mixed boundaries."""

    spaced_share: float  # of the Han pairs of the whole document
    tight: frozenset[str]  # boundary keys the document writes without a space (majority)
    spaced: frozenset[str] = frozenset()  # boundary keys it writes with one (majority)

    @property
    def spaced_document(self) -> bool:
        return self.spaced_share >= DOC_SHARE

    def within(self, lines: Sequence[str]) -> HanSpacing:
        """This evidence with the usage of `lines` (one paragraph's) first: a boundary the
        paragraph writes one way more often follows it, any other the document's usage. (Only
        gathered when a break between two of the lines is a mixed boundary.)"""
        if not any(_mixed_break(a, b) for a, b in pairwise(lines)):
            return self  # no line break that the evidence decides
        local = han_spacing(lines)
        return HanSpacing(
            self.spaced_share,
            local.tight | (self.tight - local.spaced),
            local.spaced | (self.spaced - local.tight),
        )

    def join_spaced(self, left: str, right: str) -> bool:
        """Whether a Chinese line ending in `left` and the next starting with `right` join with
        a space: only at a mixed boundary written spaced ("2023 年" + "3 月"), never where a
        spaced-out line loses its space (beside a full-width mark, "地位" + ",")."""
        tail = left[-_WINDOW:]
        window = f"{tail} {right[:_WINDOW]}"  # the words beside the break decide their class
        key = boundary_key(window, len(tail) - 1, len(tail) + 1)
        if key is None or key not in self.spaced:
            return False
        return not _removable(key, left[-1], right[0], _NO_EVIDENCE)


def _han_pairs(line: str, pairs: list[_Pair]) -> tuple[int, int]:
    """(spaced, tight) pairs of neighbouring Han characters: the spaced ones among the line's
    `pairs` (`_boundaries`), the tight ones by the line's runs of Han characters. The evidence
    (a full-width mark carries its own spacing, so text layers rarely space it out)."""
    spaced = 0
    apart = [pos for pos, key, is_spaced in pairs if is_spaced and key == "cjk"]
    if apart:  # two Chinese characters one space apart: are both Han?
        han = _mask(line, _HAN_RUN)
        spaced = sum(1 for pos in apart if han[pos - 1] and han[pos + 1])
    # the tight pairs: two Han characters side by side, n - 1 in a run of n (`_boundaries`
    # leaves them out: a run of Han characters is within a run of Chinese)
    tight = sum(end - start - 1 for start, end in map(re.Match.span, _HAN_RUN.finditer(line)))
    return spaced, tight


def _is_spaced(counts: tuple[int, int], spacing: HanSpacing) -> bool:
    spaced, tight = counts
    if spaced >= MIN_SPACED_PAIRS and spaced >= LINE_SHARE * (spaced + tight):
        return True
    return spacing.spaced_document and spaced >= 1 and spaced >= tight


def line_is_spaced(line: str, spacing: HanSpacing) -> bool:
    """True when the line's Han pairs are mostly separated by single spaces."""
    return _is_spaced(_han_pairs(line, _boundaries(line)), spacing)


def _spacing(
    lines: Sequence[str], pairs: list[list[_Pair]], counts: list[tuple[int, int]]
) -> HanSpacing:
    """A document's evidence from each line's boundaries and (spaced, tight) Han pairs. Usage at
    a mixed boundary is learnt where its Chinese side is a Han character: a full-width mark
    carries its own spacing ("（1）"), which says nothing of how "2023 年" is written."""
    spaced = sum(c[0] for c in counts)
    tight = sum(c[1] for c in counts)
    share = spaced / (spaced + tight) if spaced + tight else 0.0
    first = HanSpacing(share, frozenset())
    usage: Counter[tuple[str, bool]] = Counter()
    for line, line_pairs, line_counts in zip(lines, pairs, counts, strict=True):
        if _is_spaced(line_counts, first):
            continue
        for pos, key, is_spaced in line_pairs:
            if key == "cjk":
                continue
            chinese = line[pos - 1] if key.startswith("han>") else line[pos + is_spaced]
            if is_han(chinese):
                usage[key, is_spaced] += 1
    keys = {key for key, _ in usage}
    return HanSpacing(
        share,
        frozenset(k for k in keys if usage[k, False] > usage[k, True]),
        frozenset(k for k in keys if usage[k, True] > usage[k, False]),
    )


_NO_EVIDENCE = HanSpacing(0.0, frozenset())


def _mixed_break(left: str, right: str) -> bool:
    """Whether a line ending in `left` and the next starting with `right` meet at a boundary
    between a Chinese character and a non-Chinese one."""
    left, right = left.rstrip(), right.lstrip()
    return bool(left and right) and is_cjk(left[-1]) != is_cjk(right[0])


def han_spacing(lines: Sequence[str]) -> HanSpacing:
    """Gather a document's evidence: spaced share, and usage at mixed boundaries from the lines
    that are not spaced out."""
    pairs = [_boundaries(line) for line in lines]
    counts = [_han_pairs(line, p) for line, p in zip(lines, pairs, strict=True)]
    return _spacing(lines, pairs, counts)


def _removable(key: str, left: str, right: str, spacing: HanSpacing) -> bool:
    if key == "cjk" or (is_cjk(left) and not is_han(left)) or (is_cjk(right) and not is_han(right)):
        return True  # a full-width mark carries its own spacing: "（ 1 ）" → "（1）"
    if left not in _OPENING and right in _CLOSING and is_cjk(left):
        return True  # "地位 ," → "地位,"
    if left in _OPENING and is_cjk(right):
        return True  # "( 1" is not Chinese; "( 联" → "(联"
    return key in spacing.tight


def _cuts(
    line: str,
    pairs: list[_Pair],
    counts: tuple[int, int],
    spacing: HanSpacing,
    han_pairs: bool = False,
) -> list[int]:
    if not _is_spaced(counts, spacing):
        if not han_pairs:
            return []
        return [  # a lone space between two Han characters (`despace_lines(han_pairs=True)`)
            pos
            for pos, key, is_spaced in pairs
            if is_spaced and key == "cjk" and is_han(line[pos - 1]) and is_han(line[pos + 1])
        ]
    return [
        pos
        for pos, key, is_spaced in pairs
        if is_spaced and _removable(key, line[pos - 1], line[pos + 1], spacing)
    ]


def _cut(line: str, cuts: Sequence[int]) -> str:
    if not cuts:
        return line
    drop = set(cuts)
    return "".join(ch for i, ch in enumerate(line) if i not in drop)


def despace_line(line: str, spacing: HanSpacing) -> tuple[str, int]:
    """The line with its spaced-out Chinese joined, and how many spaces were removed."""
    pairs = _boundaries(line)
    cuts = _cuts(line, pairs, _han_pairs(line, pairs), spacing)
    return _cut(line, cuts), len(cuts)


@dataclass(frozen=True)
class Despaced:
    """A document's lines with spaced-out Chinese joined, and what was removed where."""

    lines: tuple[str, ...]
    cuts: tuple[tuple[int, ...], ...]  # per line: where the removed spaces stood (ascending)
    spacing: HanSpacing  # the document's evidence

    @property
    def removed(self) -> tuple[int, ...]:
        """The number of spaces removed from each line."""
        return tuple(len(c) for c in self.cuts)

    def furniture(self, where: Sequence[int]) -> list[Furniture]:
        """The removed spaces as one furniture item, `han-spacing`, at the first line that had
        any (`where[i]`: line i's line number, or its page in a PDF); none when none were."""
        spaced = [i for i, c in enumerate(self.cuts) if c]
        if not spaced:
            return []
        total = sum(len(c) for c in self.cuts)
        note = f"{total} spaces between Chinese characters on {len(spaced)} lines"
        return [Furniture("han-spacing", note, where[spaced[0]])]


def despace_lines(lines: Sequence[str], *, han_pairs: bool = False) -> Despaced:
    """Each line with spaced-out Chinese joined (see the module docstring), where the spaces
    were removed, and the document's evidence. Each line's boundaries are found once, for the
    document's evidence and for the line. With `han_pairs` (the PDF reader, which sees where a
    gap is only a gap) a lone space between two Han characters goes on any line too."""
    pairs = [_boundaries(line) for line in lines]
    counts = [_han_pairs(line, p) for line, p in zip(lines, pairs, strict=True)]
    spacing = _spacing(lines, pairs, counts)
    cuts = [
        _cuts(line, line_pairs, line_counts, spacing, han_pairs)
        for line, line_pairs, line_counts in zip(lines, pairs, counts, strict=True)
    ]
    return Despaced(
        tuple(_cut(line, c) for line, c in zip(lines, cuts, strict=True)),
        tuple(tuple(c) for c in cuts),
        spacing,
    )
