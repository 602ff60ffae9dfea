"""WARC reader (plain or gzipped, as crawlers write them): one article per HTML response.

Records are streamed one at a time with warcio, so a crawl of any size is read in bounded
memory. Every ``response`` record (and ``resource`` record) with HTTP status 200 and an HTML
content type becomes an article, read by the HTML reader with the record's target URI as its
url and its crawl date (``WARC-Date``) as the date to fall back on when the page itself has
none. Other records (requests, metadata, redirects, images) are passed over.

A record that cannot be read gives an error naming the file, the record's number and its byte
offset; the reader then looks for the next record header after it and goes on.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from .. import errors
from ..errors import InputError
from ..model import IngestError, RawDocument
from .html import read_html

_GZIP_MEMBER = b"\x1f\x8b\x08"
_WARC_LINE = re.compile(rb"(?:^|\n)WARC/\d\.\d\r?\n")
_SCAN_CHUNK = 1 << 20
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _find_next_record(stream: BinaryIO, after: int, gzipped: bool) -> int | None:
    """The offset of the next record header (or gzip member) after ``after``, or None."""
    stream.seek(after)
    base, carry = after, b""
    while True:
        chunk = stream.read(_SCAN_CHUNK)
        if not chunk:
            return None
        window = carry + chunk
        start = base - len(carry)
        if gzipped:
            at = window.find(_GZIP_MEMBER, 1 if start == after else 0)
            if at >= 0:
                return start + at
        else:
            for match in _WARC_LINE.finditer(window):
                found = start + match.start() + (1 if match.group().startswith(b"\n") else 0)
                if found > after:
                    return found
        carry = window[-16:]
        base += len(chunk)


def _unread_bytes(stream: BinaryIO, offset: int) -> bool:
    """Whether anything but blank lines follows ``offset`` in the stream."""
    stream.seek(offset)
    while chunk := stream.read(_SCAN_CHUNK):
        if chunk.strip():
            return True
    return False


def _is_html_response(record) -> bool:
    if record.rec_type not in ("response", "resource"):
        return False
    http = record.http_headers
    if http is not None and record.rec_type == "response":
        if http.get_statuscode() != "200":
            return False
        content_type = http.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    return content_type.split(";")[0].strip().lower() in _HTML_TYPES


def _crawl_date(record) -> str | None:
    value = record.rec_headers.get_header("WARC-Date") or ""
    return value[:10] if re.match(r"\d{4}-\d{2}-\d{2}", value) else None


class _DamagedRecord(Exception):
    """A record warcio read without complaint but that is not whole."""


def _read_page(reader, record, max_bytes: int) -> tuple[str | None, bytes] | None:
    """(target URI, up to max_bytes + 1 bytes of the page) of an HTML response; None for other records."""
    page = None
    if _is_html_response(record):
        target = record.rec_headers.get_header("WARC-Target-URI") or None
        page = target, record.content_stream().read(max_bytes + 1)
    reader.read_to_end()
    missing = getattr(record.raw_stream, "limit", 0)
    if isinstance(missing, int) and missing > 0:
        raise _DamagedRecord(f"cut short: the file ends {missing:,} bytes before the record does")
    return page


def _printable(text: str, limit: int = 160) -> str:
    text = "".join(ch if ch.isprintable() else "?" for ch in " ".join(text.split()))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def iter_warc(
    uri: str, stream: BinaryIO, *, max_record_bytes: int, hints: dict | None = None
) -> Iterator[RawDocument | IngestError]:
    """Every HTML response of a WARC stream (seekable, plain or gzipped) as a RawDocument or an error."""
    from warcio.archiveiterator import ArchiveIterator

    stream.seek(0)
    gzipped = stream.read(2) == _GZIP_MEMBER[:2]
    start, number, articles, problems = 0, 0, 0, 0
    while True:  # one pass per run of readable records; a damaged record ends a pass
        stream.seek(start)
        reader = ArchiveIterator(stream, check_digests=False)
        records = iter(reader)
        offset, damaged = start, False  # offset: where the current record starts
        while True:
            # warcio parses untrusted bytes and raises many kinds of exception on damaged ones
            # (ArchiveLoadFailed, ValueError, AttributeError on a missing header, zlib errors):
            # each is that record's error, never the batch's.
            counted = False
            try:
                record = next(records, None)
                if record is None:
                    break
                number, counted = number + 1, True
                page = _read_page(reader, record, max_record_bytes)
                record_offset, offset = offset, reader.offset
            except Exception as exc:  # noqa: BLE001 - see above
                problems += 1
                number = number if counted else number + 1
                reason = _printable(str(exc))
                if type(exc).__name__ not in ("ArchiveLoadFailed", "_DamagedRecord"):
                    reason = f"{type(exc).__name__}: {reason}" if reason else type(exc).__name__
                yield IngestError(f"{uri}#record-{number}", errors.DECODE,
                                  f"record {number} at byte {offset:,}: damaged WARC record ({reason})")
                damaged = True
                break
            if page is None:
                continue
            target, payload = page
            where = f"{uri}#record-{number}"
            at = f"record {number} at byte {record_offset:,} ({target})"
            if len(payload) > max_record_bytes:
                problems += 1
                yield IngestError(where, errors.TOO_LARGE,
                                  f"{at}: page larger than the limit of {max_record_bytes:,} bytes (see --max-bytes)")
                continue
            try:
                doc = read_html(where, payload, url=target, fallback_date=_crawl_date(record),
                                hints={**(hints or {}), "warc_record": number, "warc_offset": record_offset})
            except InputError as exc:
                problems += 1
                yield IngestError(where, exc.code, f"{at}: {exc.reason}")
                continue
            articles += 1
            yield doc
        if not damaged and _unread_bytes(stream, offset):
            # warcio stops quietly at a record whose header is cut or unreadable: say so.
            problems += 1
            number += 1
            damaged = True
            yield IngestError(f"{uri}#record-{number}", errors.DECODE,
                              f"record {number} at byte {offset:,}: damaged or cut WARC record (not read)")
        if not damaged:
            break
        following = _find_next_record(stream, max(offset, start), gzipped)
        if following is None or following <= start:
            break
        start = following
    if articles == 0 and problems == 0:
        raise InputError(uri, errors.NO_TEXT, f"WARC file with no HTML response records ({number} records read)")
