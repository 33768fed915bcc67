"""Drive a real CAT tool (OmegaT, console mode) to prove a TMX is usable as is.

`make_project` builds a throwaway OmegaT project (source/target languages, one source file in
`source/`, TMX files in `tm/auto/` — OmegaT inserts their exact matches as translations).
`translate` runs `omegat --mode=console-translate` on it and measures how much of the source's
Chinese (Han) characters OmegaT translated from the TMX: untranslated segments are copied to the
target file unchanged, so `1 - han(target) / han(source)` is the translated share. OmegaT exits 0
even when it rejects a TMX, so its log is searched for `TF_TM_LOAD_ERROR` (and other TMX reader
errors), which `OmegatRun.load_errors` lists.

`segments` runs `--mode=console-createpseudotranslatetmx` to get OmegaT's own segmentation of a
source (its default SRX rules), for comparison with untm's.

OmegaT is GPL and an external program: untm never links to it, only runs it when asked.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from untm.aligner.language import han_count
from untm.errors import InputError, ModelUnavailableError

_LOAD_ERRORS = re.compile(r"^.*(TF_TM_LOAD_ERROR|TMXR_ERROR|TMX_ERROR|CT_ERROR_LOADING).*$", re.M)

PROJECT_XML = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>{src}</source_lang>
    <target_lang>{tgt}</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>true</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


@dataclass(frozen=True)
class OmegatRun:
    """The outcome of one console-translate run."""

    han_source: int
    han_untranslated: int
    load_errors: tuple[str, ...]
    log: str

    @property
    def translated_share(self) -> float:
        """Share of the source's Han characters that OmegaT translated (0..1)."""
        if self.han_source == 0:
            return 0.0
        return 1.0 - self.han_untranslated / self.han_source


def omegat_binary() -> str | None:
    """Path of the `omegat` launcher, or None when OmegaT is not installed."""
    return shutil.which("omegat")


def make_project(
    folder: Path,
    source: Path,
    tmx_files: list[Path],
    *,
    src_lang: str = "zh-CN",
    tgt_lang: str = "en-US",
) -> Path:
    """Create an OmegaT project in `folder` (which must not exist yet) and return its path."""
    if not source.is_file():
        raise InputError("source file not found", path=source)
    for sub in ("source", "target", "tm/auto", "omegat", "glossary", "dictionary", ".config"):
        (folder / sub).mkdir(parents=True, exist_ok=False)
    (folder / "omegat.project").write_text(PROJECT_XML.format(src=src_lang, tgt=tgt_lang), "utf-8")
    shutil.copyfile(source, folder / "source" / source.name)
    for tmx in tmx_files:
        shutil.copyfile(tmx, folder / "tm" / "auto" / tmx.name)
    return folder


def _run(project: Path, *args: str, timeout: float = 300.0) -> str:
    binary = omegat_binary()
    if binary is None:
        raise ModelUnavailableError("OmegaT is not installed (Debian package 'omegat')")
    env = dict(os.environ, JAVA_TOOL_OPTIONS="-Djava.awt.headless=true")
    proc = subprocess.run(
        [
            binary,
            *args,
            "--quiet",
            "--disable-project-locking",
            f"--config-dir={project / '.config'}",
            str(project),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )
    log = proc.stdout + proc.stderr
    if proc.returncode != 0:
        last = log.strip().splitlines()[-1] if log.strip() else ""
        raise InputError(f"omegat failed (exit {proc.returncode}): {last}", path=project)
    return log


def translate(project: Path) -> OmegatRun:
    """Run console-translate on `project`; measure the share of Han characters translated."""
    log = _run(project, "--mode=console-translate")
    han_src = 0
    han_left = 0
    for src in sorted((project / "source").iterdir()):
        tgt = project / "target" / src.name
        han_src += han_count(src.read_text("utf-8"))
        if not tgt.is_file():
            raise InputError("OmegaT wrote no target file", path=tgt)
        han_left += han_count(tgt.read_text("utf-8"))
    errors = tuple(m.group(0).strip() for m in _LOAD_ERRORS.finditer(log))
    return OmegatRun(han_source=han_src, han_untranslated=han_left, load_errors=errors, log=log)


def segments(project: Path) -> list[str]:
    """OmegaT's segments of the project's source files (unique, in no particular order)."""
    from untm.tmx.tmx14 import read_tmx

    out = project / "omegat" / "pseudo.tmx"
    _run(
        project,
        "--mode=console-createpseudotranslatetmx",
        f"--pseudotranslatetmx={out}",
        "--pseudotranslatetype=equal",
    )
    return [unit.source for unit in read_tmx(out).units]


def untranslated_segments(project: Path) -> list[str]:
    """OmegaT segments with Han characters still present verbatim in the target after `translate`.

    Run `translate(project)` first. Sorted by size (Han characters, largest first) to show where
    the leverage was lost.
    """
    targets = "".join(
        (project / "target" / src.name).read_text("utf-8")
        for src in sorted((project / "source").iterdir())
    )
    left = [s for s in segments(project) if han_count(s) and s in targets]
    return sorted(left, key=lambda s: (-han_count(s), s))
