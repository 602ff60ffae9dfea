"""Readers: turn paths, directories and stdin into :class:`~newsgraph.model.RawDocument`.

Every input becomes either a RawDocument or an :class:`~newsgraph.model.IngestError`
naming the input and the reason; one bad input never stops the others.
"""
from __future__ import annotations

from .files import DEFAULT_MAX_BYTES, count_inputs, iter_inputs, iter_paths, read_input
from .text import decode_bytes, sniff_format

__all__ = [
    "DEFAULT_MAX_BYTES",
    "count_inputs",
    "decode_bytes",
    "iter_inputs",
    "iter_paths",
    "read_input",
    "sniff_format",
]
