"""The one exception hierarchy of untm.

Library code raises these; only the CLI (`untm.cli`) turns them into a one-line message and an
exit code. Each error carries the file it is about (when there is one), so the message can name it.
"""

from __future__ import annotations

from pathlib import Path


class UntmError(Exception):
    """Base class of every error untm raises on purpose."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
            where += ": "
        elif self.line is not None:
            where = f"line {self.line}: "
        return f"{where}{self.message}"


class InputError(UntmError):
    """An input file is missing, unreadable, empty or not what it claims to be."""


class EncodingDetectionError(InputError):
    """No supported text encoding decodes the file cleanly."""


class FormatError(InputError):
    """A file is malformed for its format (bad XML, bad TSV row, bad .align line)."""


class UnsafeInputError(InputError):
    """A file tries something dangerous: entities, oversize XML, a zip bomb."""


class LanguageMismatchError(InputError):
    """A document is not in the language it was given as."""


class TextLayerError(InputError):
    """A PDF's text layer cannot be read as text: most glyphs have no Unicode mapping."""


class OutputError(UntmError):
    """An output file cannot be written where asked."""


class AlignmentError(UntmError):
    """The aligner cannot produce an alignment for the given input."""


class GlossaryError(UntmError):
    """A glossary operation failed (bad entry, store problem)."""


class UsageError(UntmError):
    """A run's options name an unknown choice or do not fit together (`untm batch -f xml`)."""


class ModelUnavailableError(UntmError):
    """An optional scoring model was requested but is not installed."""


class SessionFileError(FormatError):
    """A review session file is corrupt, edited by hand, or of an unknown format version."""


class ReviewError(UntmError):
    """A review operation cannot be applied as asked (the session is left unchanged)."""


class ServerError(UntmError):
    """The review editor's server cannot start (the port is taken or not allowed)."""


class PatternError(UntmError):
    """A user's regular expression is malformed or too costly to compile (`untm.userregex`)."""
