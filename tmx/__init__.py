"""Translation-memory formats (TMX 1.4b, TSV, XLIFF 1.2) and TM lookup.

- `tmx.unit`: `TranslationUnit`, `TranslationMemory`; `tmx.header`: `TmxHeader`.
- `tmx.tmx14`: TMX 1.4b reader (`read_tmx`, streaming `iter_tmx`) and writer (`write_tmx`).
- `tmx.validate`: `validate_tmx` against the packaged DTD (`tmx/dtd/tmx14.dtd`) + CAT-tool checks.
- `tmx.tsv`, `tmx.xliff`: TSV and XLIFF 1.2 bilingual export (with readers for round trips).
- `tmx.merge`, `tmx.stats`: deduplicating merge (best `x-score`), statistics.
- `tmx.ngram_index`, `tmx.lookup`: fuzzy lookup (bigram shortlist + chrF match percentage).
- `tmx.omegat`: drive OmegaT in console mode to prove a TMX works in a real CAT tool.
- `tmx.xmlchars`: keeping XML-illegal characters out of every XML file written.
"""

# This folder is installed as `untm.tmx` only (pyproject.toml maps it): imported as `tmx`
# (from a checkout's root) every class would exist twice, `tmx.x.C is not untm.tmx.x.C`.
if __name__ != "untm.tmx":
    raise ImportError(f"import untm.tmx, not {__name__} (the package is untm)")
