"""How untm's line-end hyphen rule (`untm.aligner.pdflayout.hyphens`) decides on real English.

Usage: python bench/bench_hyphens.py [--baseline COMMIT]

Every word of the English texts, broken at each point where a hyphenating typesetter may break
it (pyphen's en_US patterns, 2 letters before the break and 3 after, as TeX and LibreOffice
do), must be joined without its hyphen ("recruit", never "re-cruit"); every hyphenated compound
printed in the texts, broken at its hyphen, must keep it ("non-governmental"). Each case is
decided twice: with the document's own words (`Vocabulary` of its lines: a word it prints
whole decides), and with none (the word list and the prefix rules alone, as for a word the
document prints once, broken). Dev texts: ../shared/un (UDHR, SDG, the seven 2023 documents)
and MAC-Dev's English (the rules were looked at on these); held out, only reported: the seed
report and MAC-Test's English. `--baseline COMMIT` measures that commit's rule in the same run
(its hyphens.py, imported from `git show`).

Writes bench/results/hyphens.md and .json.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
RESULTS = REPO / "bench" / "results"
_WORDS = re.compile(r"(?<![\w-])[A-Za-z]+(?:-[A-Za-z]+)*(?![\w-])")
SETS = {
    "dev": (("un", "**/*.en.txt"), ("mac/dev", "*.en")),
    "held-out": (("seeds", "*.en.txt"), ("mac/test", "*.en")),
}


@dataclass(frozen=True)
class Score:
    """One rule on one set of texts, with or without the document's own words."""

    rule: str
    texts: str
    vocabulary: str  # "document" or "none"
    soft: int  # breaks inside a word
    soft_joined: int
    compounds: int  # breaks at a compound's own hyphen
    compounds_kept: int
    worst: tuple[str, ...]  # the commonest mistakes, "re-cruit" (kept) or "non+State" (joined)

    def row(self) -> str:
        return (f"| {self.rule} | {self.texts} | {self.vocabulary} | {self.soft_joined:,} of "
                f"{self.soft:,} ({self.soft_joined / self.soft:.2%}) | {self.compounds_kept:,} "
                f"of {self.compounds:,} ({self.compounds_kept / self.compounds:.2%}) | "
                f"{', '.join(self.worst[:12])} |")


def _texts(name: str) -> list[Path]:
    return sorted(p for folder, pattern in SETS[name] for p in (SHARED / folder).glob(pattern)
                  if p.is_file())


def _score(module: ModuleType, rule: str, name: str, own_words: bool,
           positions: Callable[[str], list[int]]) -> Score:
    soft = soft_joined = compounds = kept = 0
    mistakes: Counter[str] = Counter()
    for path in _texts(name):
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        vocab = module.Vocabulary(lines if own_words else [])
        for word in sorted(set(_WORDS.findall("\n".join(lines)))):
            if "-" in word:
                parts = word.split("-")
                for k in range(1, len(parts)):
                    left, right = "-".join(parts[:k]), "-".join(parts[k:])
                    compounds += 1
                    if module.dehyphenate(f"a {left}-", f"{right} b", vocab) is None:
                        kept += 1
                    else:
                        mistakes[f"{left}+{right}"] += 1
            elif len(word) >= 5:
                for pos in positions(word):
                    soft += 1
                    if module.dehyphenate(f"a {word[:pos]}-", f"{word[pos:]} b",
                                          vocab) == f"a {word} b":
                        soft_joined += 1
                    else:
                        mistakes[f"{word[:pos]}-{word[pos:]}"] += 1
    return Score(rule, name, "document" if own_words else "none", soft, soft_joined, compounds,
                 kept, tuple(m for m, _ in mistakes.most_common(20)))


def _module_at(commit: str) -> ModuleType:
    source = subprocess.run(["git", "show", f"{commit}:aligner/pdflayout/hyphens.py"], cwd=REPO,
                            capture_output=True, text=True, check=True).stdout
    path = Path(tempfile.mkdtemp()) / "hyphens_baseline.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("hyphens_baseline", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", help="a commit whose rule is measured beside this tree's")
    args = parser.parse_args()
    try:
        import pyphen
    except ImportError:
        print("bench_hyphens: needs pyphen (pip install -e '.[dev]')", file=sys.stderr)
        return 2
    if not (SHARED / "un").is_dir():
        print(f"bench_hyphens: {SHARED} not present (see README: Data)", file=sys.stderr)
        return 2
    from untm.aligner.pdflayout import hyphens

    dic = pyphen.Pyphen(lang="en_US", left=2, right=3)
    rules: list[tuple[str, ModuleType]] = [("this tree", hyphens)]
    if args.baseline:
        rules.insert(0, (args.baseline, _module_at(args.baseline)))
    scores = [_score(module, rule, name, own, dic.positions)
              for name in SETS for own in (True, False) for rule, module in rules]
    RESULTS.mkdir(parents=True, exist_ok=True)
    command = "python bench/bench_hyphens.py" + (f" --baseline {args.baseline}"
                                                  if args.baseline else "")
    lines = [
        "# Line-end hyphens on real English",
        "",
        f"Command: `{command}` (pyphen {pyphen.__version__}, en_US, breaks 2+3). Every word of "
        "the texts broken at each hyphenation point must join; every compound broken at its "
        "own hyphen must keep it. 'document': the document's own words decide first; 'none': "
        "the word list and prefix rules alone, as for a word printed once, broken. Dev: "
        "../shared/un and MAC-Dev's English; held out (reported, never tuned on): the seed and "
        "MAC-Test's English.",
        "",
        "| rule | texts | words known | in-word breaks joined | compound hyphens kept | "
        "commonest mistakes |",
        "|---|---|---|---|---|---|",
        *(s.row() for s in scores),
        "",
    ]
    (RESULTS / "hyphens.md").write_text("\n".join(lines), encoding="utf-8")
    (RESULTS / "hyphens.json").write_text(
        json.dumps({"command": command, "pyphen": pyphen.__version__,
                    "scores": [asdict(s) for s in scores]}, ensure_ascii=False, indent=1),
        encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
