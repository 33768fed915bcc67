"""Data files of the tmx package (the TMX 1.4b DTD)."""
