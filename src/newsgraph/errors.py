"""Coded errors: every failure names the input and the reason."""
from __future__ import annotations

# Codes recorded in the ingest_errors table and printed by the CLI.
MISSING = "missing"
UNREADABLE = "unreadable"
EMPTY = "empty"
BINARY = "binary"
TOO_LARGE = "too-large"
UNSUPPORTED = "unsupported-format"
DECODE = "decode"
NO_TEXT = "no-text"
TOO_LONG = "too-long"
BAD_METADATA = "bad-metadata"
INTERNAL = "internal"


class NewsgraphError(Exception):
    """Base class of newsgraph's own errors."""


class InputError(NewsgraphError):
    """One input cannot be ingested; the rest of a batch goes on."""

    def __init__(self, uri: str, code: str, reason: str):
        super().__init__(f"{uri}: {reason}")
        self.uri = uri
        self.code = code
        self.reason = reason


class ResourceError(NewsgraphError):
    """A data file shipped with the package is missing or malformed."""


class StoreError(NewsgraphError):
    """The database cannot be opened or written."""
