"""HTML reader: a saved news page to the article's text and metadata.

trafilatura finds the main text and the page's metadata (title, site name, author, canonical
URL, and the publication date through htmldate). Our post-filter then removes what
trafilatura keeps but an article does not have, and says what it removed:

* the headline repeated as the first line(s) of the body;
* "Published in <Outlet>, <date>" lines (the forms of ``data/clean/rules.yaml``), which are
  kept as a publisher and date signal;
* comment-form leftovers ("Leave a Reply", "Your email address will not be published", …;
  word lists in ``data/ingest/html.yaml``).

A page with no article text gives an :class:`~newsgraph.errors.InputError` with code
``no-text`` naming the page.
"""
from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .. import errors
from ..errors import InputError, ResourceError
from ..model import RawDocument

# Fewer words than this left after extraction is a page without an article (a navigation
# page, a login wall, an error page), not a very short article.
MIN_ARTICLE_WORDS = 10

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)


@dataclass(frozen=True)
class HtmlFilter:
    headline_window: int
    comment_exact: frozenset[str]
    comment_patterns: tuple[re.Pattern, ...]


@dataclass
class FilterResult:
    """The body after the post-filter, the signals it found and what it removed."""

    text: str
    publisher: str | None = None
    published: str | None = None  # ISO date from a publication line
    removed: list[tuple[str, str]] = field(default_factory=list)  # (why, line)


def _fold(line: str) -> str:
    line = unicodedata.normalize("NFKC", line)
    return " ".join(line.casefold().split()).rstrip(" .:*")


@functools.cache
def html_filter() -> HtmlFilter:
    """The compiled word lists of ``data/ingest/html.yaml``."""
    from ..resources import load_yaml

    raw = load_yaml("ingest", "html.yaml")
    where = "data/ingest/html.yaml"
    try:
        form = raw["comment_form"]
        patterns = tuple(re.compile(p, re.IGNORECASE) for p in form.get("patterns", []))
        return HtmlFilter(
            headline_window=int(raw.get("headline_window", 3)),
            comment_exact=frozenset(_fold(str(x)) for x in form.get("exact", [])),
            comment_patterns=patterns,
        )
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise ResourceError(f"{where}: {exc}") from exc


def _is_hostname(name: str) -> bool:
    return " " not in name and "." in name


def _publication_line(line: str) -> tuple[str | None, str] | None:
    """(publisher, ISO date) when ``line`` says where and when the article was published."""
    from ..clean import parse_date
    from ..resources import clean_rules

    if len(line) > 160:
        return None
    rules = clean_rules()
    for _rule_id, pattern in rules.publication_lines:
        match = pattern.match(line)
        if match:
            date = parse_date(line, rules)
            if date is None:
                continue
            publisher = (match.groupdict().get("publisher") or "").strip() or None
            return publisher, date.isoformat()
    return None


def post_filter(text: str, title: str | None = None, rules: HtmlFilter | None = None) -> FilterResult:
    """Remove the repeated headline, publication lines and comment-form leftovers from ``text``."""
    rules = rules or html_filter()
    lines = text.split("\n")
    result = FilterResult(text="")
    kept: list[str] = []
    headline = _fold(title) if title else ""
    # Titles often carry the site's name: "Headline - The Harbour Courier", "Headline | Site".
    short = _fold(re.split(r"\s+[|–—-]\s+", title)[0]) if title else ""
    seen = 0  # non-empty lines looked at so far (the headline is looked for in the first few)
    for line in lines:
        stripped = line.strip()
        if not stripped:
            kept.append(line)
            continue
        folded = _fold(stripped)
        seen += 1
        if headline and seen <= rules.headline_window and folded in {headline, short}:
            result.removed.append(("repeated-headline", stripped))
            continue
        publication = _publication_line(stripped)
        if publication is not None:
            publisher, published = publication
            result.publisher = result.publisher or publisher
            result.published = result.published or published
            result.removed.append(("publication-line", stripped))
            continue
        if folded in rules.comment_exact or any(p.search(folded) for p in rules.comment_patterns):
            result.removed.append(("comment-form", stripped))
            continue
        kept.append(line)
    result.text = "\n".join(kept).strip()
    return result


def decode_html(uri: str, data: bytes) -> tuple[str, str]:
    """Bytes of a page to text: byte-order mark, UTF-8, the page's declared charset, then detection."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:8192])
    if declared:
        try:
            name = codecs.lookup(declared.group(1).decode("ascii")).name
        except (LookupError, UnicodeDecodeError):
            name = None
        if name and name not in {"utf-8", "utf-16", "utf-32"}:
            try:
                return data.decode(name, errors="replace"), name
            except (LookupError, ValueError, TypeError):  # not a text encoding ("rot13", "base64")
                pass
    from .text import _decode

    return _decode(uri, data)


def _extract(html: str, url: str | None) -> Any:
    import trafilatura

    return trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True,
    )


def read_html(
    uri: str,
    data: bytes | str,
    *,
    url: str | None = None,
    fallback_date: str | None = None,
    encoding: str | None = None,
    hints: dict[str, Any] | None = None,
) -> RawDocument:
    """One HTML page to a RawDocument with hints title, publisher, published, url and author.

    ``fallback_date`` (e.g. a WARC record's crawl date) is used when neither the page's
    metadata nor a publication line gives a date.
    """
    if isinstance(data, bytes):
        html, encoding = decode_html(uri, data)
    else:
        html, encoding = data, encoding or "utf-8"
    if not html.strip():
        raise InputError(uri, errors.EMPTY, "empty HTML page")
    try:
        doc = _extract(html, url)
    except RecursionError as exc:
        raise InputError(uri, errors.DECODE, "HTML nested too deeply to read") from exc
    except (ValueError, TypeError, AttributeError, LookupError, UnicodeError) as exc:
        # lxml and trafilatura raise these on malformed documents they cannot parse.
        raise InputError(uri, errors.DECODE, f"HTML that cannot be parsed ({type(exc).__name__}: {exc})") from exc
    body = (getattr(doc, "text", None) or "") if doc is not None else ""
    title = (getattr(doc, "title", None) or None) if doc is not None else None
    filtered = post_filter(body, title)
    words = len(filtered.text.split())
    if words < MIN_ARTICLE_WORDS:
        found = f" ({words} word{'s' if words != 1 else ''} found)" if words else ""
        raise InputError(uri, errors.NO_TEXT, f"HTML page with no article text{found}")
    sitename = getattr(doc, "sitename", None) or None
    publisher = sitename
    if filtered.publisher and (not sitename or _is_hostname(sitename)):
        publisher = filtered.publisher
    published = getattr(doc, "date", None) or filtered.published or fallback_date
    out = dict(hints or {})
    found = {
        "title": title,
        "publisher": publisher,
        "published": published,
        "url": url or getattr(doc, "url", None) or None,
        "author": getattr(doc, "author", None) or None,
        "format": "html",
    }
    out.update({k: v for k, v in found.items() if v})
    if filtered.removed:
        out["html_removed"] = [f"{why}: {line}" for why, line in filtered.removed]
    # trafilatura writes one paragraph per line; a blank line between them is what cleaning reads.
    paragraphs = "\n\n".join(line.strip() for line in filtered.text.split("\n") if line.strip())
    return RawDocument(uri=uri, text=paragraphs + "\n", encoding=encoding, hints=out)


_BLOCK_TAGS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section",
    "article", "header", "footer", "tr", "table", "pre", "figure", "figcaption", "dd", "dt", "hr",
})


def fragment_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's content), one paragraph per block element."""
    import lxml.etree
    import lxml.html

    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError, TypeError):
        return ""
    for bad in root.xpath("//script|//style|//noscript|//iframe|//form"):
        bad.drop_tree()
    parts: list[str] = []

    def walk(node: Any) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        block = tag.lower() in _BLOCK_TAGS
        if block:
            parts.append("\n\n")
        if tag and node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n\n")

    try:
        walk(root)
    except RecursionError:
        return " ".join(root.text_content().split())
    paragraphs = (" ".join(p.split()) for p in "".join(parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)
