"""The review page: one self-contained HTML file of an alignment (`untm.report`), null links and
low-confidence units first, glossary terms marked (the built-in glossary and the user's store).

It shows links over segments, not units: written from an alignment only.
"""

from __future__ import annotations

from pathlib import Path

from untm.export.model import AlignmentExport, OutputFormat, Written

#: the last pairs read: (the store's path and stamps, the pairs); one entry, replaced whole
_last: list[tuple[tuple[object, ...], tuple[tuple[str, str], ...]]] = []


def _stamps(store: Path) -> tuple[object, ...]:
    """What changes when the SQLite store (WAL journal) is written: its files' times and sizes."""
    stamps: list[object] = [str(store)]
    for part in (store, store.with_name(f"{store.name}-wal")):
        try:
            st = part.stat()
        except OSError:
            stamps.append(None)
        else:
            stamps.append((st.st_mtime_ns, st.st_size))
    return tuple(stamps)


def glossary_pairs(store: str | Path | None = None) -> tuple[tuple[str, str], ...]:
    """The glossary term pairs (built-in + the user store `store`, by default
    $UNTM_GLOSSARY's or the default one) highlighted on review pages.

    Read again whenever the store's files changed since the last read, so a batch writing many
    pages reads a large store once (2,000 user terms take 80-170 ms to read here:
    `bench/bench_review_page.py`); the review editor's term key also calls
    `forget_glossary_pairs`, for file systems with coarse file times.
    """
    try:
        from untm.glossary import open_glossary, store_path
    except ImportError:
        return ()
    key = _stamps(store_path(store))
    last = _last[0] if _last else None
    if last is not None and last[0] == key:
        return last[1]
    pairs = tuple(open_glossary(store).term_pairs())
    _last[:] = [(key, pairs)]
    return pairs


def forget_glossary_pairs() -> None:
    """Read the glossary afresh for the next review page (a term was just added)."""
    _last.clear()


def write_alignment(export: AlignmentExport, path: Path) -> Written:
    from untm.report import write_report

    title = export.title or export.source_name
    write_report(
        export.result, path, title=title, glossary_pairs=list(glossary_pairs(export.glossary))
    )
    return Written()


FORMAT = OutputFormat("html", (".html", ".htm"), "review page", write_alignment)
