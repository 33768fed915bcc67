"""Scoring signals for the sentence aligner, one module per signal.

Each signal turns the sentences of one side into numbers the aligner can compare for any
window of consecutive sentences: `length` (character counts), `lexical` (numbers and
Latin-script tokens), `dictionary` (CC-CEDICT bag of English words), `glossary` (UN term
anchors) and `embeddings` (multilingual sentence encoders over the window's text).
"""
