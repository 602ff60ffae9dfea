"""Plain-text reader: sniff what the bytes are, then decode them to text with their encoding.

``decode_bytes`` reads one single-article input (plain text, or an HTML page through
:mod:`.html`); feeds, WARC and JSONL files hold many articles and are read by
:func:`newsgraph.ingest.files.read_records`.
"""
from __future__ import annotations

import datetime as dt
import gzip
import io
import os
import re
import zlib

from charset_normalizer import from_bytes

from .. import errors
from ..errors import InputError
from ..model import RawDocument

# Magic numbers of formats that are not text (checked on the first bytes).
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or an Office document)"),
    (b"\x7fELF", "executable"),
    (b"RIFF", "RIFF media file"),
    (b"\x00\x00\x01\x00", "icon image"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"DUCK", "DuckDB database"),
)
_GZIP_MAGIC = b"\x1f\x8b"


def sniff_format(data: bytes) -> str:
    """What the content is: ``text``, ``html``, ``feed``, ``warc``, ``jsonl``, ``xml``, ``gzip`` or a binary kind.

    Only the first bytes are looked at (the first 4 KB), never the file's name.
    """
    if data.startswith(_GZIP_MAGIC):
        return "gzip"
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:4096]
    if head.startswith(b"WARC/"):
        return "warc"
    # UTF-16/32 text has NUL bytes but a byte-order mark: leave it to the decoder.
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary data"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
        return "html"
    if lowered.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf:rdf")):
        if b"<rss" in lowered or b"<feed" in lowered or (b"<rdf:rdf" in lowered and b"purl.org/rss" in lowered):
            return "feed"
        if b"<html" in lowered:  # XHTML
            return "html"
        return "xml"
    if lowered.startswith(b"<!--") and (b"<html" in lowered or b"<!doctype html" in lowered):
        return "html"
    if lowered.startswith(b"{"):
        first = lowered.split(b"\n", 1)[0].rstrip()
        # One object per line; a first line longer than the head still opens with a key.
        if first.endswith(b"}") or (b"\n" not in lowered and lowered[1:].lstrip().startswith(b'"')):
            return "jsonl"
    return "text"


def gunzip_bounded(uri: str, data: bytes, max_bytes: int) -> bytes:
    """Decompress gzip data, refusing to grow past ``max_bytes`` (a gzip bomb stays small)."""
    out = io.BytesIO()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            while chunk := stream.read(1 << 16):
                out.write(chunk)
                if out.tell() > max_bytes:
                    raise InputError(
                        uri, errors.TOO_LARGE, f"decompressed content is larger than the limit of {max_bytes:,} bytes"
                    )
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(uri, errors.DECODE, f"damaged gzip data ({exc})") from exc
    return out.getvalue()


def unwrap(uri: str, data: bytes, max_bytes: int) -> tuple[bytes, str]:
    """The content of one input (gzip decompressed, bounded) and what it is; InputError when empty."""
    if not data.strip():
        raise InputError(uri, errors.EMPTY, "empty file" if data == b"" else "file holds only whitespace")
    kind = sniff_format(data)
    if kind == "gzip":
        data = gunzip_bounded(uri, data, max_bytes)
        if not data.strip():
            raise InputError(uri, errors.EMPTY, "gzip file holds no content")
        kind = sniff_format(data)
    return data, kind


def decode_bytes(uri: str, data: bytes, *, max_bytes: int, hints: dict | None = None) -> RawDocument:
    """Bytes of one input to a RawDocument, or an InputError saying why not."""
    data, kind = unwrap(uri, data, max_bytes)
    return document_of(uri, data, kind, hints)


def document_of(uri: str, data: bytes, kind: str, hints: dict | None = None) -> RawDocument:
    """A single-article input already unwrapped (``unwrap``) to a RawDocument."""
    hints = with_name_date(uri, hints)
    if kind == "html":
        from .html import read_html

        return read_html(uri, data, hints=hints)
    if kind in {"feed", "warc", "jsonl"}:
        raise InputError(uri, errors.UNSUPPORTED,
                         f"looks like {kind.upper()}, which holds many articles: read it with iter_inputs")
    if kind == "xml":
        raise InputError(uri, errors.UNSUPPORTED, "XML that is neither an RSS/Atom feed nor an XHTML page")
    if kind != "text":
        raise InputError(uri, errors.BINARY, f"binary file ({kind}), not text")
    text, encoding = _decode(uri, data)
    if not text.strip():  # a byte-order mark alone, or only encoded whitespace
        raise InputError(uri, errors.EMPTY, f"holds no text once decoded ({encoding})")
    return RawDocument(uri=uri, text=text, encoding=encoding, hints=hints)


def with_name_date(uri: str, hints: dict | None) -> dict:
    """``hints`` with ``name_date`` when the input's own file name holds an ISO date.

    Archives name files by their day ("reuters-2023-06-12-talks.txt") while agency datelines
    give no year ("MUSCAT, June 12 (Reuters)"): the name's date is the article's published date
    when nothing in the article itself gives one (the pipeline decides, and says so)."""
    out = dict(hints or {})
    match = _NAME_DATE.search(os.path.basename(uri))
    if match and "name_date" not in out:
        try:
            day = dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            return out
        if day.year >= 1900:
            out["name_date"] = day.isoformat()
    return out


_NAME_DATE = re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)")


# When several code pages fit equally well, prefer the ones most Western news pages use.
_PREFERRED_ON_TIE = ("cp1252", "latin_1", "iso8859_15")


def _best_match(matches):
    best = matches.best()
    if best is None:
        return None
    tied = [m for m in matches if m.chaos == best.chaos and m.coherence == best.coherence]
    for preferred in _PREFERRED_ON_TIE:
        for match in tied:
            if preferred in match.could_be_from_charset:
                return match
    return best


def _decode(uri: str, data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise InputError(uri, errors.DECODE, f"starts with a UTF-8 byte-order mark but is not valid UTF-8 "
                                                 f"(byte {exc.start + 3:,})") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = _best_match(from_bytes(data))
    if best is None or best.encoding is None:
        raise InputError(uri, errors.DECODE, "not valid UTF-8 and no other text encoding fits")
    text = str(best)
    # Mostly unprintable after decoding: binary data that some code page happens to accept.
    printable = sum(ch.isprintable() or ch.isspace() for ch in text)
    if printable < 0.95 * len(text):
        raise InputError(uri, errors.BINARY, f"binary data (decodes as {best.encoding} only to unprintable text)")
    return text, best.encoding
