"""The UN institutional term base: built-in glossary, user glossary, exchange formats, checks."""
