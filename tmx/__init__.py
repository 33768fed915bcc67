"""Translation-memory formats (TMX 1.4b, TSV, XLIFF 1.2) and TM lookup."""
