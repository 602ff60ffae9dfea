"""Readers: what each kind of bad input gives, and that good input decodes right."""
from __future__ import annotations

import gzip
import io

import pytest

from newsgraph import errors
from newsgraph.errors import InputError
from newsgraph.ingest import iter_inputs, iter_paths, read_input, sniff_format
from newsgraph.model import IngestError, RawDocument

STORY = "Talks resume\n\nDelegates from both sides met in Doha on Monday, mediators said.\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))


@pytest.mark.parametrize(
    "name, content, code, words",
    [
        ("empty.txt", b"", errors.EMPTY, "empty file"),
        ("blank.txt", b" \n\n\t\n", errors.EMPTY, "only whitespace"),
        ("image.txt", PNG, errors.BINARY, "PNG image"),
        ("doc.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", errors.BINARY, "PDF"),
        ("nul.bin", b"abc\x00\x01\x02\x03" * 50, errors.BINARY, "binary"),
        ("page.txt", b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", errors.NO_TEXT, "HTML page with no article"),
        ("crawl.warc", b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n", errors.NO_TEXT,
         "WARC file with no HTML response records"),
        ("broken.gz", b"\x1f\x8b\x08\x00garbage", errors.DECODE, "gzip"),
    ],
)
def test_bad_file_gives_clear_error(tmp_path, name, content, code, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_input(str(path))
    assert info.value.code == code
    assert info.value.uri == str(path)
    assert words in info.value.reason


def test_missing_path(tmp_path):
    with pytest.raises(InputError) as info:
        read_input(str(tmp_path / "nope.txt"))
    assert info.value.code == errors.MISSING


def test_too_large_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000)
    with pytest.raises(InputError) as info:
        read_input(str(path), max_bytes=1000)
    assert info.value.code == errors.TOO_LARGE and "1,000" in info.value.reason


def test_gzip_bomb_is_bounded(tmp_path):
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 5_000_000))
    with pytest.raises(InputError) as info:
        read_input(str(path), max_bytes=100_000)
    assert info.value.code == errors.TOO_LARGE


def test_gzip_text_is_read_transparently(tmp_path):
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress(STORY.encode()))
    assert read_input(str(path)).text == STORY


@pytest.mark.parametrize(
    "encoded, encoding, expected",
    [
        (STORY.encode("utf-8"), "utf-8", STORY),
        (b"\xef\xbb\xbf" + STORY.encode("utf-8"), "utf-8-sig", STORY),
        ("Café talks resume in Genève\n\nThe talks resumed on Monday.\n".encode("cp1252"), "cp1252",
         "Café talks resume in Genève\n\nThe talks resumed on Monday.\n"),
        ("Переговоры возобновились в понедельник в Женеве.\n".encode("cp1251"), "cp1251",
         "Переговоры возобновились в понедельник в Женеве.\n"),
        ("Talks resume\n\nThe talks resumed on Monday in Doha.\n".encode("utf-16"), "utf_16",
         "Talks resume\n\nThe talks resumed on Monday in Doha.\n"),
    ],
)
def test_encodings_are_detected_and_recorded(tmp_path, encoded, encoding, expected):
    path = tmp_path / "story.txt"
    path.write_bytes(encoded)
    doc = read_input(str(path))
    assert doc.text == expected
    assert doc.encoding == encoding


def test_stdin_is_read():
    doc = read_input("-", stdin=io.BytesIO(STORY.encode()))
    assert doc.uri == "<stdin>" and doc.text == STORY


def test_directory_walk_is_sorted_recursive_and_skips_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for rel in ["a.txt", "b/c.txt", ".hidden.txt", ".git/config", "news.duckdb"]:
        (tmp_path / rel).write_text(STORY)
    found = list(iter_paths([str(tmp_path)], skip=[str(tmp_path / "news.duckdb")]))
    assert found == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "c.txt")]


def test_mixed_directory_yields_documents_and_errors_in_order(tmp_path):
    (tmp_path / "1-good.txt").write_text(STORY)
    (tmp_path / "2-empty.txt").write_bytes(b"")
    (tmp_path / "3-image.png").write_bytes(PNG)
    (tmp_path / "4-good.txt").write_text(STORY.replace("Doha", "Cairo"))
    items = list(iter_inputs([str(tmp_path), str(tmp_path / "5-missing.txt")]))
    kinds = [type(item).__name__ for item in items]
    assert kinds == ["RawDocument", "IngestError", "IngestError", "RawDocument", "IngestError"]
    assert [item.code for item in items if isinstance(item, IngestError)] == ["empty", "binary", "missing"]
    assert all(isinstance(item, RawDocument) for item in (items[0], items[3]))


@pytest.mark.parametrize(
    "content, kind",
    [
        (b"plain words", "text"),
        (b"  <html><body>", "html"),
        (b'<?xml version="1.0"?><rss version="2.0">', "feed"),
        (b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        (b"\x1f\x8b\x08", "gzip"),
        (b"WARC/1.1\r\n", "warc"),
    ],
)
def test_sniff_format(content, kind):
    assert sniff_format(content) == kind


YEARLESS = "Talks resume\n\nDOHA, June 12 (Reuters) - Delegates from both sides met on Monday, mediators said.\n"
DATED = "Talks resume\n\nPublished on June 14, 2023\n\nDelegates from both sides met on Monday, mediators said.\n"


@pytest.mark.parametrize(
    "name, content, published, from_name",
    [
        # an agency dateline has no year: the file's name gives the day
        ("reuters-2023-06-12-doha-talks.txt", YEARLESS, "2023-06-12", True),
        ("2023-06-12.txt", YEARLESS, "2023-06-12", True),
        # the article's own publication line wins over the name
        ("reuters-2023-06-12-doha-talks.txt", DATED, "2023-06-14", False),
        # no date, an impossible date, a number run that only looks like one
        ("doha-talks.txt", YEARLESS, None, False),
        ("talks-2023-13-45.txt", YEARLESS, None, False),
        ("id-12023-06-125.txt", YEARLESS, None, False),
    ],
)
def test_published_date_from_the_file_name(tmp_path, name, content, published, from_name):
    from newsgraph.pipeline import prepare_article

    path = tmp_path / name
    path.write_text(content)
    article = prepare_article(read_input(str(path)))
    assert (article.published.isoformat() if article.published else None) == published
    steps = [step for step in article.cleaning if step.action == "published-from-name"]
    assert bool(steps) == from_name
    if from_name:
        assert steps[0].line == str(path)
