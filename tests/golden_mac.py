"""Align every chapter of a MAC split in one process and write one `.align` file per chapter.

`python tests/golden_mac.py SPLIT MODE OUT_DIR` — what `tests/test_golden.py` compares with the
files in `tests/golden/mac/`: the chapters in file-name order in one process (as
`bench/bench_mac.py` runs them: the encoder's cache carries over from chapter to chapter), one
native thread, as the `untm` command sets it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from untm.threads import limit_native_threads

limit_native_threads()

MAC = Path(__file__).resolve().parent.parent.parent / "shared" / "mac"


def main(split: str, mode: str, out_dir: Path) -> None:
    from untm.aligner.alignfile import write_align
    from untm.aligner.sentalign import AlignConfig, align_sentences

    config = AlignConfig(mode=mode)
    out_dir.mkdir(parents=True, exist_ok=True)
    for gold in sorted((MAC / split).glob("*.align")):
        zh = gold.with_suffix(".zh").read_text(encoding="utf-8").splitlines()
        en = gold.with_suffix(".en").read_text(encoding="utf-8").splitlines()
        write_align(out_dir / gold.name, align_sentences(zh, en, config=config))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], Path(sys.argv[3]))
