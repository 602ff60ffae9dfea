"""Fuzzing the readers (hypothesis): random bytes and mutations of our fixtures into the HTML,
RSS/Atom, WARC, JSONL and plain-text readers give articles or clear errors — never an
unhandled exception, never the ``internal`` error of the safety net, never a hang.

The default ("ci") profile runs a few examples per reader so the suite stays fast; a long
run uses the fuzz profile:

    pytest tests/test_reader_fuzz.py -p no:cacheprovider --hypothesis-profile=fuzz
    NEWSGRAPH_FUZZ_EXAMPLES=20000 pytest tests/test_reader_fuzz.py     # any number per reader
"""
from __future__ import annotations

import io
import os
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph import errors
from newsgraph.errors import InputError
from newsgraph.ingest.feed import iter_feed
from newsgraph.ingest.files import records_from_bytes
from newsgraph.ingest.html import fragment_to_text, read_html
from newsgraph.ingest.jsonl import iter_jsonl
from newsgraph.ingest.text import decode_bytes
from newsgraph.ingest.warc import iter_warc
from newsgraph.model import IngestError, RawDocument

from .readers_fixtures import build_warc, fixture

CODES = {v for k, v in vars(errors).items() if k.isupper() and isinstance(v, str)} - {errors.INTERNAL}


def _examples() -> int:
    """Few examples by default; the fuzz profile's count (or NEWSGRAPH_FUZZ_EXAMPLES) for long runs."""
    if os.environ.get("NEWSGRAPH_FUZZ_EXAMPLES"):
        return int(os.environ["NEWSGRAPH_FUZZ_EXAMPLES"])
    configured = settings.default.max_examples
    return configured if configured > 300 else 25


FUZZ = settings(max_examples=_examples(), deadline=None, derandomize=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
LIMIT = 200_000

SEEDS = {
    "html": fixture("harbour-courier-ferry.html").read_bytes(),
    "rss": fixture("harbour-courier.rss").read_bytes(),
    "atom": fixture("harbour-courier.atom").read_bytes(),
    "jsonl": fixture("harbour-courier.jsonl").read_bytes(),
    "text": fixture("tide-tables.txt").read_bytes(),
    "warc": build_warc(gzipped=False),
    "warc.gz": build_warc(gzipped=True),
}
TOKENS = [
    b"<", b">", b"</p>", b"<p>", b"<div>" * 40, b"<!--", b"-->", b"]]>", b"<![CDATA[", b"&#0;", b"&amp", b"\x00",
    b"\xff\xfe", b"\xef\xbb\xbf", b"\r\n", b"\r\n\r\n", b"\n", b'"', b"{", b"}", b"[", b'{"text": ',
    b"WARC/1.0\r\n", b"Content-Length: 99999999\r\n", b"Content-Length: -5\r\n", b"WARC-Type: response\r\n",
    b"HTTP/1.1 200 OK\r\n", b"Transfer-Encoding: chunked\r\n", b"Content-Encoding: gzip\r\n", b"\x1f\x8b\x08",
    b"<item>", b"</item>", b"<entry>", b"<content:encoded>", b"<!ENTITY a 'aaaa'>", b"&a;", b"\xc3", b"\xe2\x80",
]


@st.composite
def mutated(draw, seed: bytes) -> bytes:
    """A fixture with a few byte-level mutations: flips, inserted tokens, cuts, repeats, truncation."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "repeat", "truncate", "random"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "insert":
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif op == "delete":
            del data[at:at + draw(st.integers(1, 64))]
        elif op == "repeat":
            data[at:at] = data[at:at + draw(st.integers(1, 200))] * draw(st.integers(1, 5))
        elif op == "truncate":
            del data[at:]
        else:
            data[at:at] = draw(st.binary(max_size=64))
    return bytes(data)


def check(run) -> None:
    """Run a reader to the end: only articles with text, or errors with a known code and a reason."""
    try:
        items = list(run())
    except InputError as exc:
        assert exc.code in CODES and exc.reason and exc.uri is not None
        return
    for item in items:
        if isinstance(item, IngestError):
            assert item.code in CODES, item
            assert item.reason and item.uri
        else:
            assert isinstance(item, RawDocument) and item.text.strip()


def one(doc_or_error):
    yield doc_or_error


READERS = {
    "html": lambda data: (lambda: one(read_html("fuzz.html", data))),
    "rss": lambda data: (lambda: iter_feed("fuzz.rss", data)),
    "atom": lambda data: (lambda: iter_feed("fuzz.atom", data)),
    "jsonl": lambda data: (lambda: iter_jsonl("fuzz.jsonl", io.BytesIO(data), max_line_bytes=LIMIT,
                                              max_total_bytes=10 * LIMIT)),
    "text": lambda data: (lambda: one(decode_bytes("fuzz.txt", data, max_bytes=LIMIT))),
    "warc": lambda data: (lambda: iter_warc("fuzz.warc", io.BytesIO(data), max_record_bytes=LIMIT)),
    "warc.gz": lambda data: (lambda: iter_warc("fuzz.warc.gz", io.BytesIO(data), max_record_bytes=LIMIT)),
}


@pytest.mark.timeout(900)
@pytest.mark.parametrize("kind", sorted(SEEDS))
def test_mutated_fixtures_give_articles_or_clear_errors(kind):
    reader, seen = READERS[kind], []

    @FUZZ
    @given(mutated(SEEDS[kind]))
    def run(data):
        seen.append(len(data))
        check(reader(data))
        check(lambda: records_from_bytes(f"fuzz.{kind}", data, max_bytes=LIMIT))  # dispatch by content

    run()
    print(f"fuzzed {kind} reader: {len(seen)} mutated inputs")  # shown with -s (docs/benchmarks.md)


@pytest.mark.timeout(900)
@pytest.mark.parametrize("kind", sorted(READERS))
def test_random_bytes_give_clear_errors(kind):
    reader, seen = READERS[kind], []

    @FUZZ
    @given(st.binary(max_size=3000))
    def run(data):
        seen.append(len(data))
        check(reader(data))

    run()
    print(f"fuzzed {kind} reader: {len(seen)} random inputs")


def test_utf8_byte_order_mark_before_invalid_bytes():
    """Found by this fuzzing: a UTF-8 BOM followed by invalid UTF-8 raised UnicodeDecodeError."""
    check(lambda: one(decode_bytes("bom.txt", b"\xef\xbb\xbf\x80abc", max_bytes=LIMIT)))
    check(lambda: records_from_bytes("bom.jsonl", b"\xef\xbb\xbf\xd4", max_bytes=LIMIT))


@pytest.mark.timeout(900)
@FUZZ
@given(st.text(max_size=500))
def test_feed_fragments_to_text_never_raise(fragment):
    assert isinstance(fragment_to_text(fragment), str)


@pytest.mark.timeout(900)
@FUZZ
@given(st.lists(st.sampled_from([b"text", b"html", b"url", b"title", b"published", b"1", b"null", b"[]", b"{}",
                                 b'"x"', b"1e999", b"9" * 5000, b'"\\ud800"', b"true"]), min_size=1, max_size=8))
def test_jsonl_odd_values_give_clear_errors(values):
    pairs = ", ".join(f'"{k.decode()}": {v.decode()}' for k, v in zip(values[::2], values[1::2]))
    line = ("{" + pairs + "}\n").encode()
    check(lambda: iter_jsonl("odd.jsonl", io.BytesIO(line * 2), max_line_bytes=LIMIT, max_total_bytes=LIMIT * 4))


PATHOLOGICAL = {
    "deep nesting": b"<html><body>" + b"<div>" * 100_000 + b"text " * 50 + b"</div>" * 100_000 + b"</body></html>",
    "many elements": b"<html><body>" + b"<p>word</p>" * 200_000 + b"</body></html>",
    "huge attribute": b"<html><body><p title='" + b"a" * 5_000_000 + b"'>Some text here.</p></body></html>",
    "unclosed tags": b"<html><body>" + b"<b><i><p>open " * 50_000,
    "one huge paragraph": b"<html><body><p>" + b"word " * 1_000_000 + b"</p></body></html>",
}


@pytest.mark.timeout(300)
@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_html_ends_quickly(name):
    started = time.perf_counter()
    check(lambda: one(read_html(f"{name}.html", PATHOLOGICAL[name])))
    assert time.perf_counter() - started < 120


@pytest.mark.timeout(300)
def test_feed_with_entity_expansion_is_refused_or_read():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
            + b"".join(b'<!ENTITY %s "%s">' % (bytes(f"e{i}", "ascii"), (b"&e%d;" % (i - 1) if i else b"&a;") * 10)
                       for i in range(8))
            + b']><rss version="2.0"><channel><title>T</title><item><title>x</title><description>&e7;</description>'
              b"</item></channel></rss>")
    started = time.perf_counter()
    check(lambda: iter_feed("bomb.rss", bomb))
    assert time.perf_counter() - started < 60
