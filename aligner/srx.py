"""A small SRX 2.0 engine: load segmentation rules from XML and find sentence breaks.

Rules are read with the project's safe XML parser (`untm.xmlsafe`). Semantics follow SRX 2.0:
at each position between characters, the rules of the language are tried in order and the first
rule whose `beforebreak` matches the text ending there and whose `afterbreak` matches the text
starting there decides. Patterns use the `regex` module (variable-width look-behind, `\\p{..}`),
so each rule becomes one look-around pattern scanned over the text once.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import regex

from untm.errors import FormatError, PatternError
from untm.userregex import compile_user_regex
from untm.xmlsafe import parse_bytes, parse_file

SRX_NS = "http://www.lisa.org/srx20"
_INLINE_FLAGS = re.compile(r"^\(\?([a-zA-Z]+)\)")
MAX_RULE_LENGTH = 20_000  # characters of one rule (abbreviation lists run long)


@dataclass(frozen=True)
class SrxRule:
    """One SRX rule: break or exception, with its two patterns."""

    is_break: bool
    before: str
    after: str


@dataclass(frozen=True)
class SrxRules:
    """Language rules by name plus the map from language codes to rule names."""

    languages: dict[str, tuple[SrxRule, ...]]
    maps: tuple[tuple[str, str], ...]  # (language pattern, rule name)
    source: str

    def rules_for(self, lang: str) -> tuple[SrxRule, ...]:
        """The rules that apply to a language code, in order (all matching maps, no cascade)."""
        for pattern, name in self.maps:
            if _language_pattern(pattern).fullmatch(lang):
                return self.languages[name]
        raise FormatError(f"no segmentation rules for language {lang!r}", path=self.source)


def _scoped(pattern: str) -> str:
    """Turn a leading inline flag group "(?i)x" into a scoped one "(?i:x)"."""
    m = _INLINE_FLAGS.match(pattern)
    if m:
        return f"(?{m.group(1)}:{pattern[m.end() :]})"
    return pattern


def _text_of(elem: Any, tag: str) -> str:
    child = elem.find(f"{{{SRX_NS}}}{tag}")
    return (child.text or "") if child is not None else ""


def _rules_from_tree(tree: Any, source: str) -> SrxRules:
    root = tree.getroot()
    if root.tag != f"{{{SRX_NS}}}srx":
        raise FormatError(
            "not an SRX 2.0 file (root element must be srx in the SRX 2.0 namespace)", path=source
        )
    languages: dict[str, tuple[SrxRule, ...]] = {}
    for lr in root.iter(f"{{{SRX_NS}}}languagerule"):
        name = lr.get("languagerulename", "")
        languages[name] = tuple(
            SrxRule(
                is_break=rule.get("break", "yes") != "no",
                before=_text_of(rule, "beforebreak"),
                after=_text_of(rule, "afterbreak"),
            )
            for rule in lr.iter(f"{{{SRX_NS}}}rule")
        )
    maps = tuple(
        (m.get("languagepattern", ""), m.get("languagerulename", ""))
        for m in root.iter(f"{{{SRX_NS}}}languagemap")
    )
    for pattern, name in maps:
        if name not in languages:
            raise FormatError(f"language map names unknown rule set {name!r}", path=source)
        try:
            _language_pattern(pattern)
        except PatternError as exc:
            message = f"bad language pattern {pattern[:40]!r}: {exc}"
            raise FormatError(message, path=source) from None
    for name, rules in languages.items():
        for rule in rules:
            try:
                _compile(rule.before, rule.after)
            except PatternError as exc:
                raise FormatError(f"bad pattern in rule set {name!r}: {exc}", path=source) from None
    return SrxRules(languages=languages, maps=maps, source=source)


@functools.lru_cache(maxsize=256)
def _compile(before: str, after: str) -> regex.Pattern[str]:
    """A rule as one look-around pattern, within `untm.userregex`'s bounds (rules come from the
    user's SRX files): a PatternError for a bad or too costly one."""
    parts = []
    if before:
        parts.append(f"(?<={_scoped(before)})")
    if after:
        parts.append(f"(?={_scoped(after)})")
    return compile_user_regex("".join(parts) or r"(?!)", regex.V0, max_length=MAX_RULE_LENGTH)


@functools.lru_cache(maxsize=64)
def _language_pattern(pattern: str) -> regex.Pattern[str]:
    return compile_user_regex(pattern or "(?:)", regex.V0, max_length=MAX_RULE_LENGTH)


def load_srx(path: str | Path) -> SrxRules:
    """Load SRX 2.0 rules from a file."""
    return _rules_from_tree(parse_file(path), str(path))


@functools.lru_cache(maxsize=1)
def default_rules() -> SrxRules:
    """The rules shipped with untm (`aligner/rules/untm.srx`)."""
    data = resources.files("untm.aligner.rules").joinpath("untm.srx").read_bytes()
    return _rules_from_tree(parse_bytes(data, name="aligner/rules/untm.srx"), "untm.srx")


def break_positions(text: str, rules: tuple[SrxRule, ...]) -> list[int]:
    """Positions (0 < p < len(text)) where the rules put a segment break."""
    decided: dict[int, bool] = {}
    for rule in rules:
        pattern = _compile(rule.before, rule.after)
        for m in pattern.finditer(text):
            pos = m.start()
            if 0 < pos < len(text) and pos not in decided:
                decided[pos] = rule.is_break
    return sorted(pos for pos, is_break in decided.items() if is_break)
