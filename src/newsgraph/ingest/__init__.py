"""Readers: turn paths, directories and stdin into :class:`~newsgraph.model.RawDocument`.

One module per format: ``text`` (plain text, sniffing, gzip), ``html`` (trafilatura and our
post-filter), ``feed`` (RSS/Atom), ``warc`` (web crawls) and ``jsonl``; ``files`` walks the
paths and sends each input to its reader by what its content is.

Every input becomes RawDocuments (one per article) or an :class:`~newsgraph.model.IngestError`
naming the input (and the record or line) and the reason; one bad input never stops the others.
"""
from __future__ import annotations

from .files import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_STREAM_BYTES,
    count_inputs,
    iter_inputs,
    iter_paths,
    read_input,
    read_records,
    records_from_bytes,
)
from .jsonl import DEFAULT_FIELDS, parse_field_options
from .text import decode_bytes, sniff_format

__all__ = [
    "DEFAULT_FIELDS",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_STREAM_BYTES",
    "count_inputs",
    "decode_bytes",
    "iter_inputs",
    "iter_paths",
    "parse_field_options",
    "read_input",
    "read_records",
    "records_from_bytes",
    "sniff_format",
]
