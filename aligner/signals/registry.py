"""The signals of the sentence aligner, in the order a link's score adds them.

Adding a signal: write a module with an object that follows `signals.base.Signal` and add its
line here (the order is part of the output: scores are floating-point sums).
"""

from __future__ import annotations

from untm.aligner.signals import dictionary, embedding_signal, length, lexical, punctuation
from untm.aligner.signals.base import Signal

SIGNALS: tuple[Signal, ...] = (
    dictionary.SIGNAL,
    lexical.SIGNAL,
    length.SIGNAL,
    embedding_signal.SIGNAL,
    punctuation.SIGNAL,
)
