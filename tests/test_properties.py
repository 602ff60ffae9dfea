"""Invariants as properties (hypothesis): cleaning, readers, spans and quote pairing never break.

CI runs the "ci" profile (300 examples per property); for a longer fuzzing run:
    pytest tests/test_properties.py --hypothesis-profile=fuzz
"""
from __future__ import annotations

import gzip

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsgraph
from newsgraph.clean import clean_text
from newsgraph.errors import InputError
from newsgraph.extract.quotes import find_quotes
from newsgraph.ingest.text import decode_bytes
from newsgraph.model import IngestError, RawDocument
from newsgraph.pipeline import process

NEWSY = st.sampled_from([
    "The minister said", "“We will not leave,”", "he said.", "according to the army", "Leave a Reply",
    "Published in Dawn, April 25th, 2023", "KABUL, Aug 3 (Reuters) -", "By Amina Yusuf", "\n\n", "\n",
    " ", "'", "\"", "‘", "’", "«", "»", ":", "—", "the Taliban", "IS", "Washington Post", "told the Post that",
    "Share on Facebook", "Advertisement", "\x00", "\ufeff", "\u200b", "\r\n",
])
TEXTS = st.one_of(st.text(max_size=400), st.lists(st.one_of(NEWSY, st.text(max_size=20)), max_size=40).map("".join))


@settings(deadline=None)
@given(TEXTS)
def test_cleaning_never_raises_and_keeps_text_from_the_input(text):
    result = clean_text(text)
    assert isinstance(result.text, str)
    assert "\n\n\n" not in result.text


@settings(deadline=None)
@given(TEXTS)
def test_quote_pairing_never_raises_or_overlaps(text):
    pieces = sorted(p for q in find_quotes(text) for p in q.pieces)
    for start, end in pieces:
        assert 0 <= start < end <= len(text)
    for (_, first_end), (second_start, _) in zip(pieces, pieces[1:]):
        assert first_end <= second_start


@settings(deadline=None)
@given(st.binary(max_size=2000))
def test_reader_on_random_bytes_gives_text_or_a_clear_error(data):
    try:
        doc = decode_bytes("fuzz.bin", data, max_bytes=10_000)
    except InputError as exc:
        assert exc.uri == "fuzz.bin" and exc.reason and exc.code
    else:
        assert isinstance(doc.text, str) and doc.text.strip()


SEED_BYTES = "Talks resume\n\nThe minister said “the border will reopen,” officials told Reuters.\n".encode()


@settings(deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(SEED_BYTES) - 1), st.integers(0, 255)), max_size=12),
       st.booleans())
def test_reader_on_mutated_bytes_gives_text_or_a_clear_error(mutations, zipped):
    data = bytearray(SEED_BYTES)
    for at, value in mutations:
        data[at] = value
    payload = gzip.compress(bytes(data)) if zipped else bytes(data)
    if zipped and mutations:
        payload = payload[: max(10, len(payload) - mutations[0][0] % 20)]  # truncated gzip too
    try:
        decode_bytes("mutated.txt", payload, max_bytes=10_000)
    except InputError as exc:
        assert exc.uri == "mutated.txt" and exc.reason


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(NEWSY, min_size=1, max_size=40).map(" ".join))
def test_every_record_span_lies_in_the_article_and_matches_its_text(text):
    (result,) = list(process([RawDocument("prop", text)]))
    if isinstance(result, IngestError):
        assert result.code == "no-text"
        return
    article = result.article.text
    for m in result.mentions:
        assert 0 <= m.start < m.end <= len(article) and article[m.start:m.end] == m.text
    for s in result.statements:
        for start, end in s.content_spans:
            assert 0 <= start < end <= len(article)
        if s.speaker_start is not None:
            assert article[s.speaker_start:s.speaker_end] == s.speaker
        if s.cue_start is not None:
            assert article[s.cue_start:s.cue_end] == s.cue
    assert isinstance(newsgraph.to_dict(result), dict)
