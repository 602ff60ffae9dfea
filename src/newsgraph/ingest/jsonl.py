"""JSONL reader: one article per line, fields found through a mapping.

The default mapping reads these keys of each line's object:

    text       the article's text (plain)           html       the page's HTML, when there is no text
    url        the article's address                title      its headline
    published  its date (YYYY-MM-DD…)               publisher  the outlet
    author     its author

``--field name=path`` (``newsgraph ingest``) changes where one of them is found; a path is
dotted into nested objects and lists, e.g. ``text=body.content`` or ``url=links.0.href``.

Lines are streamed one at a time (bounded memory). A line that is not JSON, not an object or
without text gives an error naming the file and the line number; the rest goes on.
"""
from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, BinaryIO

from .. import errors
from ..errors import InputError
from ..model import IngestError, RawDocument

DEFAULT_FIELDS: dict[str, str] = {
    "text": "text",
    "html": "html",
    "url": "url",
    "title": "title",
    "published": "published",
    "publisher": "publisher",
    "author": "author",
}
_METADATA = ("url", "title", "published", "publisher", "author")
_SKIP_CHUNK = 1 << 20


def parse_field_options(options: Iterable[str]) -> dict[str, str]:
    """``["text=body.content", …]`` to a mapping over the defaults; ValueError on a bad option."""
    fields = dict(DEFAULT_FIELDS)
    for option in options:
        name, sep, path = option.partition("=")
        name, path = name.strip(), path.strip()
        if not sep or not name or not path:
            raise ValueError(f"{option!r}: expected name=path, e.g. text=body.content")
        if name not in DEFAULT_FIELDS:
            raise ValueError(f"{option!r}: unknown field {name!r} (one of {', '.join(DEFAULT_FIELDS)})")
        if any(not part for part in path.split(".")):
            raise ValueError(f"{option!r}: empty step in the path {path!r}")
        fields[name] = path
    return fields


def lookup(obj: Any, path: str) -> Any:
    """The value at a dotted path in nested objects and lists (digits index lists), or None."""
    for step in path.split("."):
        if isinstance(obj, dict):
            obj = obj.get(step)
        elif isinstance(obj, list) and step.isdigit():
            index = int(step)
            obj = obj[index] if index < len(obj) else None
        else:
            return None
        if obj is None:
            return None
    return obj


def _scalar(value: Any, name: str, path: str, line: int) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InputError("", errors.BAD_METADATA,
                         f"line {line}: field {name!r} ({path}) is {type(value).__name__}, not text")
    return str(value).strip() or None


def record_to_document(where: str, obj: Any, fields: Mapping[str, str], line: int,
                       hints: dict | None = None) -> RawDocument:
    """One line's object to a RawDocument; InputError (uri ``where``) saying what is wrong."""
    if not isinstance(obj, dict):
        raise InputError(where, errors.DECODE, f"line {line}: a JSON {type(obj).__name__}, not an object")
    try:
        found = {name: _scalar(lookup(obj, fields[name]), name, fields[name], line) for name in _METADATA}
    except InputError as exc:
        raise InputError(where, exc.code, exc.reason) from exc
    out = dict(hints or {})
    out.update({k: v for k, v in found.items() if v})
    out.update(format="jsonl", jsonl_line=line)
    text = lookup(obj, fields["text"])
    if isinstance(text, str) and text.strip():
        return RawDocument(uri=where, text=text, hints=out)
    html = lookup(obj, fields["html"])
    if isinstance(html, str) and html.strip():
        from .html import read_html

        try:
            doc = read_html(where, html, url=found["url"])
        except InputError as exc:
            raise InputError(where, exc.code, f"line {line}: {exc.reason}") from exc
        return RawDocument(uri=where, text=doc.text, encoding=doc.encoding, hints={**doc.hints, **out})
    raise InputError(where, errors.NO_TEXT,
                     f"line {line}: no text ({fields['text']!r} and {fields['html']!r} hold no string)")


def iter_jsonl(
    uri: str,
    stream: BinaryIO,
    *,
    fields: Mapping[str, str] | None = None,
    max_line_bytes: int,
    max_total_bytes: int,
    hints: dict | None = None,
) -> Iterator[RawDocument | IngestError]:
    """Every line of a JSONL stream (already decompressed) as a RawDocument or an error."""
    fields = fields or DEFAULT_FIELDS
    number, total, articles, problems = 0, 0, 0, 0
    while True:
        try:
            raw = stream.readline(max_line_bytes + 1)
        except (OSError, EOFError, zlib.error) as exc:  # a cut or damaged gzip stream
            yield IngestError(uri, errors.DECODE, f"damaged gzip data after line {number} ({exc})")
            return
        if not raw:
            break
        number += 1
        total += len(raw)
        where = f"{uri}#line-{number}"
        if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
            problems += 1
            yield IngestError(where, errors.TOO_LARGE,
                              f"line {number}: longer than the limit of {max_line_bytes:,} bytes (see --max-bytes)")
            try:
                while (rest := stream.readline(_SKIP_CHUNK)) and not rest.endswith(b"\n"):
                    total += len(rest)
                    if total > max_total_bytes:
                        break
                total += len(rest)
            except (OSError, EOFError, zlib.error) as exc:
                yield IngestError(uri, errors.DECODE, f"damaged gzip data after line {number} ({exc})")
                return
        else:
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if raw.strip():
                try:
                    obj = json.loads(raw.decode("utf-8"))
                    yield record_to_document(where, obj, fields, number, hints)
                    articles += 1
                except UnicodeDecodeError as exc:
                    problems += 1
                    yield IngestError(where, errors.DECODE, f"line {number}: not UTF-8 (byte {exc.start})")
                except json.JSONDecodeError as exc:
                    problems += 1
                    yield IngestError(where, errors.DECODE, f"line {number}: not valid JSON ({exc.msg} at column "
                                                            f"{exc.colno})")
                except ValueError as exc:  # e.g. an integer too long to convert
                    problems += 1
                    yield IngestError(where, errors.DECODE, f"line {number}: not readable JSON ({exc})")
                except RecursionError:
                    problems += 1
                    yield IngestError(where, errors.DECODE, f"line {number}: JSON nested too deeply")
                except InputError as exc:
                    problems += 1
                    yield IngestError(exc.uri or where, exc.code, exc.reason)
        if total > max_total_bytes:
            yield IngestError(uri, errors.TOO_LARGE, f"stopped after line {number}: the file is larger than the "
                                                     f"limit of {max_total_bytes:,} bytes for streamed files")
            return
    if articles == 0 and problems == 0:
        raise InputError(uri, errors.EMPTY, "JSONL file with no records")
