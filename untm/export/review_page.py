"""The review page: one self-contained HTML file of an alignment (`untm.report`), null links and
low-confidence units first, glossary terms marked (the built-in glossary and the user's store).

It shows links over segments, not units: written from an alignment only.
"""

from __future__ import annotations

import functools
from pathlib import Path

from untm.export.model import AlignmentExport, OutputFormat, Written


@functools.lru_cache(maxsize=1)
def glossary_pairs() -> tuple[tuple[str, str], ...]:
    """The glossary term pairs (built-in + user store) highlighted on review pages."""
    try:
        from untm.glossary import open_glossary
    except ImportError:
        return ()
    return tuple(open_glossary().term_pairs())


def write_alignment(export: AlignmentExport, path: Path) -> Written:
    from untm.report import write_report

    title = export.title or export.source_name
    write_report(export.result, path, title=title, glossary_pairs=list(glossary_pairs()))
    return Written()


FORMAT = OutputFormat("html", (".html", ".htm"), "review page", write_alignment)
