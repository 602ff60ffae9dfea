"""Walking paths (files, directories recursively, ``-`` for standard input) and reading each input.

What an input is comes from its content, not its name (:func:`~newsgraph.ingest.text.sniff_format`,
after transparent gzip decompression): plain text and HTML give one article; RSS/Atom feeds,
WARC crawls and JSONL files give one article per entry, response record or line.

Limits: a text, HTML or feed file over ``max_bytes`` (``--max-bytes``, 20 MB) is refused
before its content is read, and gzip is decompressed with the same bound. WARC and JSONL
files are streamed record by record, so they may be much larger: the whole file is bounded by
``max_stream_bytes`` (100 GB) and each record (a WARC page, a JSONL line) by ``max_bytes``.
Standard input is read whole, up to ``max_bytes``.
"""
from __future__ import annotations

import gzip
import io
import os
import sys
import zlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from .. import errors
from ..errors import InputError
from ..model import IngestError, RawDocument
from .feed import iter_feed
from .jsonl import iter_jsonl
from .text import _GZIP_MAGIC, document_of, sniff_format, unwrap
from .warc import iter_warc

DEFAULT_MAX_BYTES = 20_000_000  # 20 MB: far above any news article, far below a memory problem
DEFAULT_MAX_STREAM_BYTES = 100_000_000_000  # 100 GB: WARC and JSONL files, streamed record by record
STDIN = "-"
_STREAMED = frozenset({"warc", "jsonl"})
_PEEK_BYTES = 65536


def iter_paths(paths: Iterable[str], *, skip: Iterable[str] = ()) -> Iterator[str]:
    """Every input a list of paths names: files as given, directories walked in sorted order.

    Hidden files and folders (names starting with a dot) inside directories are skipped, and
    so are the files in ``skip`` (the database being written, and its write-ahead log).
    A path that does not exist is passed on, so that reading it reports the error.
    """
    skipped = {os.path.realpath(p) for p in skip}
    for given in paths:
        if given == STDIN:
            yield STDIN
            continue
        path = Path(given)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    found = os.path.join(root, name)
                    if not name.startswith(".") and os.path.realpath(found) not in skipped:
                        yield found
        else:
            yield given


def count_inputs(paths: Iterable[str], *, skip: Iterable[str] = ()) -> int:
    return sum(1 for _ in iter_paths(paths, skip=skip))


def _read_bounded(stream: BinaryIO, uri: str, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(uri, errors.TOO_LARGE, f"larger than the limit of {max_bytes:,} bytes (see --max-bytes)")
    return data


def records_from_bytes(
    uri: str,
    data: bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fields: Mapping[str, str] | None = None,
    hints: dict | None = None,
) -> Iterator[RawDocument | IngestError]:
    """The articles (and per-record errors) in the bytes of one input, by what the content is.

    Raises InputError when the input as a whole cannot be read.
    """
    data, kind = unwrap(uri, data, max_bytes)
    if kind == "feed":
        yield from iter_feed(uri, data, hints=hints)
    elif kind == "warc":
        yield from iter_warc(uri, io.BytesIO(data), max_record_bytes=max_bytes, hints=hints)
    elif kind == "jsonl":
        yield from iter_jsonl(uri, io.BytesIO(data), fields=fields, max_line_bytes=max_bytes,
                              max_total_bytes=max_bytes, hints=hints)
    else:
        yield document_of(uri, data, kind, hints)  # unwrapped and sniffed once, above


def _peek_kind(uri: str, stream: BinaryIO) -> tuple[str, bool]:
    """(kind of the content, gzipped?) from the first bytes of a seekable stream, decompressing them if need be."""
    raw = stream.read(_PEEK_BYTES)
    stream.seek(0)
    if not raw.startswith(_GZIP_MAGIC):
        return sniff_format(raw), False
    try:
        head = zlib.decompressobj(wbits=31).decompress(raw, 4096)
    except zlib.error as exc:
        raise InputError(uri, errors.DECODE, f"damaged gzip data ({exc})") from exc
    return sniff_format(head), True


def _stream_records(
    uri: str, stream: BinaryIO, kind: str, gzipped: bool, *, max_bytes: int, max_stream_bytes: int,
    fields: Mapping[str, str] | None, hints: dict,
) -> Iterator[RawDocument | IngestError]:
    if kind == "warc":
        yield from iter_warc(uri, stream, max_record_bytes=max_bytes, hints=hints)
        return
    lines: BinaryIO = gzip.GzipFile(fileobj=stream) if gzipped else stream  # type: ignore[assignment]
    yield from iter_jsonl(uri, lines, fields=fields, max_line_bytes=max_bytes, max_total_bytes=max_stream_bytes,
                          hints=hints)


def read_records(
    uri: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_stream_bytes: int = DEFAULT_MAX_STREAM_BYTES,
    stdin: BinaryIO | None = None,
    fields: Mapping[str, str] | None = None,
) -> Iterator[RawDocument | IngestError]:
    """Every article of one path (or ``-``) as a RawDocument, and an IngestError for each thing that failed.

    An input that cannot be read at all gives one error naming it; a broken record of a
    feed, WARC or JSONL file gives an error naming the file and the record (``#entry-3``,
    ``#record-4``, ``#line-7``), and the other records go on.
    """
    try:
        if uri == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = _read_bounded(stream, "<stdin>", max_bytes)
            yield from _guarded("<stdin>", records_from_bytes("<stdin>", data, max_bytes=max_bytes, fields=fields))
            return
        path = Path(uri)
        if not path.exists():
            raise InputError(uri, errors.MISSING, "no such file or directory")
        if not path.is_file():
            raise InputError(uri, errors.UNREADABLE, "not a regular file")
        hints = {"path": str(path)}
        size = path.stat().st_size
        with path.open("rb") as stream:
            kind, gzipped = _peek_kind(uri, stream) if size else ("text", False)
            if kind in _STREAMED:
                if size > max_stream_bytes:
                    raise InputError(uri, errors.TOO_LARGE, f"{size:,} bytes, larger than the limit of "
                                                            f"{max_stream_bytes:,} bytes for {kind.upper()} files")
                yield from _guarded(uri, _stream_records(uri, stream, kind, gzipped, max_bytes=max_bytes,
                                                         max_stream_bytes=max_stream_bytes, fields=fields, hints=hints))
                return
            if size > max_bytes:
                raise InputError(
                    uri, errors.TOO_LARGE,
                    f"{size:,} bytes, larger than the limit of {max_bytes:,} bytes (see --max-bytes)",
                )
            data = _read_bounded(stream, uri, max_bytes)
        yield from _guarded(uri, records_from_bytes(uri, data, max_bytes=max_bytes, fields=fields, hints=hints))
    except InputError as exc:
        yield IngestError(exc.uri, exc.code, exc.reason)
    except PermissionError:
        yield IngestError(uri, errors.UNREADABLE, "permission denied")
    except OSError as exc:
        yield IngestError(uri, errors.UNREADABLE, exc.strerror or str(exc))


def _guarded(uri: str, items: Iterator[RawDocument | IngestError]) -> Iterator[RawDocument | IngestError]:
    """The items of a reader; a reader's own failure ends that input with an ``internal`` error, not the batch."""
    try:
        yield from items
    except (InputError, OSError):
        raise
    except Exception as exc:  # noqa: BLE001 - a bug in a reader must not stop the other inputs
        yield IngestError(uri, errors.INTERNAL, f"reader failed ({type(exc).__name__}: {exc})")


def read_input(uri: str, *, max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None) -> RawDocument:
    """Read one single-article input (a text file, an HTML page, ``-``) into a RawDocument.

    Raise InputError naming the input and the reason; an input holding several articles (a
    feed, a WARC or JSONL file) is read with :func:`read_records` or :func:`iter_inputs`.
    """
    items = read_records(uri, max_bytes=max_bytes, stdin=stdin)
    first = next(items, None)
    if isinstance(first, IngestError):
        raise InputError(first.uri, first.code, first.reason)
    if first is None:
        raise InputError(uri, errors.NO_TEXT, "no article in this input")
    if next(items, None) is not None:
        raise InputError(uri, errors.UNSUPPORTED, "holds more than one article or record: read it with iter_inputs")
    return first


def iter_inputs(
    paths: Iterable[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
    skip: Iterable[str] = (),
    fields: Mapping[str, str] | None = None,
    max_stream_bytes: int = DEFAULT_MAX_STREAM_BYTES,
) -> Iterator[RawDocument | IngestError]:
    """Read every input lazily, one article at a time, so memory does not grow with the corpus.

    A plain-text or HTML file gives one article; a feed one per entry, a WARC file one per
    HTML response, a JSONL file one per line. ``fields`` maps JSONL fields to dotted paths
    (see :mod:`newsgraph.ingest.jsonl`).
    """
    for uri in iter_paths(paths, skip=skip):
        yield from read_records(uri, max_bytes=max_bytes, max_stream_bytes=max_stream_bytes, stdin=stdin,
                                fields=fields)
