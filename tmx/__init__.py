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
