"""RSS and Atom reader (feedparser): one article per entry.

Each entry gives its link (the article's url), title, date (published, else updated), author
and the richest text it carries: the longest of its full contents (``content:encoded``, Atom
``content``) and its summary. HTML content is turned into paragraphs of text, and the HTML
post-filter (publication lines, comment-form leftovers, a repeated title) is applied to it.
The feed's title (or an entry's ``source``) is the publisher.
"""
from __future__ import annotations

import datetime as dt
import io
import warnings
from collections.abc import Iterator
from typing import Any

from .. import errors
from ..errors import InputError
from ..model import IngestError, RawDocument
from .html import fragment_to_text, post_filter


def _one_line(text: str, limit: int = 160) -> str:
    text = "".join(ch if ch.isprintable() else "?" for ch in " ".join(text.split()))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        with warnings.catch_warnings():  # feedparser warns when it maps updated to published
            warnings.simplefilter("ignore")
            value = entry.get(key)
        if value:
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
            except (ValueError, TypeError, AttributeError):
                continue
    return None


def _as_text(value: Any, kind: str | None) -> str:
    if not isinstance(value, str):
        return ""
    if (kind and "html" in kind) or "<" in value:
        return fragment_to_text(value)
    return value.strip()


def _richest_text(entry: Any) -> str:
    candidates = []
    for content in entry.get("content") or []:
        if isinstance(content, dict):
            candidates.append(_as_text(content.get("value"), content.get("type")))
    detail = entry.get("summary_detail") or {}
    candidates.append(_as_text(entry.get("summary"), detail.get("type") if isinstance(detail, dict) else None))
    return max(candidates, key=len, default="")


def _text_or_none(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def iter_feed(uri: str, data: bytes, *, hints: dict | None = None) -> Iterator[RawDocument | IngestError]:
    """Every entry of an RSS or Atom feed as a RawDocument (or an error naming the entry)."""
    import feedparser

    # A stream, never bytes or a string: feedparser would take a string for a URL or a path.
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    except RecursionError as exc:
        raise InputError(uri, errors.DECODE, "not a readable RSS or Atom feed (nested too deeply)") from exc
    except (ValueError, TypeError, LookupError, AttributeError, UnicodeError) as exc:
        # feedparser raises these on some malformed documents (a NUL byte in an encoding name, …).
        raise InputError(uri, errors.DECODE,
                         f"not a readable RSS or Atom feed ({type(exc).__name__}: {_one_line(str(exc))})") from exc
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        if parsed.get("bozo") and problem is not None and not parsed.get("feed"):
            raise InputError(uri, errors.DECODE, f"not a readable RSS or Atom feed ({_one_line(str(problem))})")
        raise InputError(uri, errors.NO_TEXT, "feed with no entries")
    feed = parsed.get("feed") or {}
    feed_title = _text_or_none(feed.get("title"))
    encoding = parsed.get("encoding") or "utf-8"
    for number, entry in enumerate(entries, 1):
        where = f"{uri}#entry-{number}"
        title = _text_or_none(entry.get("title"))
        source = entry.get("source") or {}
        publisher = _text_or_none(source.get("title") if isinstance(source, dict) else None) or feed_title
        body = _richest_text(entry)
        filtered = post_filter(body, title)
        if not filtered.text.strip():
            label = f" ({title})" if title else ""
            yield IngestError(where, errors.NO_TEXT, f"entry {number}{label}: no content or summary text")
            continue
        found = {
            "title": title,
            "url": _text_or_none(entry.get("link")),
            "published": _date(entry) or filtered.published,
            "publisher": publisher or filtered.publisher,
            "author": _text_or_none(entry.get("author")),
            "format": "feed",
            "feed_entry": number,
        }
        out = dict(hints or {})
        out.update({k: v for k, v in found.items() if v})
        yield RawDocument(uri=where, text=filtered.text + "\n", encoding=encoding, hints=out)
