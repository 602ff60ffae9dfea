"""The input readers: HTML (with our post-filter), RSS/Atom, WARC, JSONL; sniffing, gzip, bad input, the CLI.

Every fixture is written by us (tests/fixtures/readers, and WARC crawls built in
tests/readers_fixtures.py) about a fictional outlet, "The Harbour Courier".
"""
from __future__ import annotations

import gzip
import io
import json
import shutil

import pytest
from click.testing import CliRunner

from newsgraph import errors
from newsgraph.cli import cli
from newsgraph.errors import InputError
from newsgraph.ingest import iter_inputs, parse_field_options, read_input, read_records, sniff_format
from newsgraph.ingest.html import post_filter, read_html
from newsgraph.ingest.jsonl import lookup
from newsgraph.ingest.warc import iter_warc
from newsgraph.model import IngestError, RawDocument
from newsgraph.pipeline import prepare_article

from .readers_fixtures import CRAWL_PAGES, broken_warc, build_warc, fixture

DAWN_LIKE = "harbour-courier-ferry.html"
HEADLINE = "Ferry workers end strike after port authority offer"


def docs_and_errors(items):
    items = list(items)
    return [i for i in items if isinstance(i, RawDocument)], [i for i in items if isinstance(i, IngestError)]


# --- HTML ---------------------------------------------------------------------------------------


def test_dawn_like_page_post_filter():
    doc = read_input(str(fixture(DAWN_LIKE)))
    assert doc.hints["title"] == HEADLINE
    assert doc.hints["publisher"] == "The Harbour Courier"
    assert doc.hints["published"] == "2024-03-14"
    assert doc.hints["url"] == "https://harbourcourier.example/news/2024/03/14/ferry-strike-ends"
    assert doc.hints["author"] == "Mira Castellane"
    # The headline is not repeated at the top of the body; the publication line and the
    # comment form are gone, and the body is all there.
    assert not doc.text.startswith(HEADLINE)
    assert HEADLINE not in doc.text
    assert doc.text.startswith("PORT ELLERY: Ferry crews")
    for leftover in ("Published in", "Leave a Reply", "email address will not be published", "Comment *",
                     "Save my name", "All rights reserved", "Opinion"):
        assert leftover not in doc.text
    assert "harbour board, which meets next Tuesday." in doc.text
    removed = doc.hints["html_removed"]
    assert any(r.startswith("repeated-headline: ") for r in removed)
    assert "publication-line: Published in The Harbour Courier, March 14th, 2024" in removed
    assert sum(r.startswith("comment-form: ") for r in removed) >= 3
    # Paragraphs are separated by blank lines, as cleaning expects.
    assert "\n\n“We have an agreement" in doc.text


def test_dawn_like_page_through_the_pipeline():
    article = prepare_article(read_input(str(fixture(DAWN_LIKE))))
    assert article.headline == HEADLINE
    assert article.publisher == "The Harbour Courier"
    assert str(article.published) == "2024-03-14"
    assert article.uri == "https://harbourcourier.example/news/2024/03/14/ferry-strike-ends"
    assert article.dateline and article.dateline.startswith("PORT ELLERY")


def test_post_filter_publication_line_gives_publisher_and_date():
    text = "Talks end\nThe talks ended on Monday.\nPublished in The Harbour Courier, June 3rd, 2024\nLeave a Reply"
    result = post_filter(text, title="Talks end")
    assert result.text == "The talks ended on Monday."
    assert (result.publisher, result.published) == ("The Harbour Courier", "2024-06-03")
    assert [why for why, _ in result.removed] == ["repeated-headline", "publication-line", "comment-form"]


def test_post_filter_keeps_a_headline_that_is_not_at_the_top():
    text = "One.\nTwo.\nThree.\nTalks end\nFour."
    assert "Talks end" in post_filter(text, title="Talks end").text


def test_publication_line_publisher_beats_a_hostname_site_name():
    html = ("<html><head><title>Quay repairs</title><meta property='og:site_name' content='harbourcourier.example'>"
            "</head><body><article><h1>Quay repairs</h1><p>Repairs to the quay wall will start next week and last "
            "a month, the port authority said on Monday in a statement to fishermen.</p>"
            "<p>Published in The Harbour Courier, June 3rd, 2024</p></article></body></html>")
    doc = read_html("page.html", html.encode())
    assert doc.hints["publisher"] == "The Harbour Courier"
    assert doc.hints["published"] == "2024-06-03"


def test_html_with_no_article_is_a_clear_error():
    items = list(read_records(str(fixture("no-article.html"))))
    assert len(items) == 1 and isinstance(items[0], IngestError)
    assert items[0].code == errors.NO_TEXT
    assert items[0].uri == str(fixture("no-article.html"))
    assert "HTML page with no article text" in items[0].reason


def test_html_in_a_declared_legacy_charset(tmp_path):
    html = ("<html><head><meta charset='windows-1252'><title>Café reopens</title></head><body><article>"
            "<p>The café on Tallow Quay reopened on Monday after the flood, its owner, Renée Duval, said; "
            "customers queued along the quay before it opened.</p></article></body></html>")
    path = tmp_path / "page.htm"
    path.write_bytes(html.encode("cp1252"))
    doc = read_input(str(path))
    assert doc.encoding == "cp1252"
    assert "Renée Duval" in doc.text


# --- feeds ----------------------------------------------------------------------------------------


def test_rss_one_article_per_entry_with_the_richest_content():
    docs, errs = docs_and_errors(read_records(str(fixture("harbour-courier.rss"))))
    assert [d.uri.rsplit("#", 1)[1] for d in docs] == ["entry-1", "entry-2"]
    first = docs[0]
    assert first.hints["url"] == "https://harbourcourier.example/news/2024/03/19/board-approves-ferry-deal"
    assert first.hints["title"] == "Harbour board approves ferry agreement"
    assert first.hints["published"] == "2024-03-19"
    assert first.hints["publisher"] == "The Harbour Courier"
    assert first.hints["author"] == "Mira Castellane"
    # content:encoded (two paragraphs) beats the one-line description; its script is dropped.
    assert "voted seven to two" in first.text and "trackView" not in first.text
    assert "\n\n“The crossings" in first.text
    assert docs[1].text.startswith("The coastguard warned")
    (err,) = errs
    assert err.uri.endswith("harbour-courier.rss#entry-3") and err.code == errors.NO_TEXT
    assert "entry 3 (Photo gallery: the spring regatta)" in err.reason


def test_atom_content_over_summary_and_dates():
    docs, errs = docs_and_errors(read_records(str(fixture("harbour-courier.atom"))))
    assert not errs and len(docs) == 2
    school, lifeboat = docs
    assert school.text.startswith("Pupils on Skerry Island returned to their classrooms")
    assert school.hints["published"] == "2024-03-22" and school.hints["author"] == "Tomas Wren"
    assert school.hints["url"] == "https://harbourcourier.example/islands/2024/03/22/school-reopens"
    assert lifeboat.hints["published"] == "2024-03-23"  # only <updated>
    assert "Both were unhurt." in lifeboat.text


def test_feed_with_no_entries_is_a_clear_error():
    (err,) = read_records(str(fixture("empty-feed.rss")))
    assert isinstance(err, IngestError) and err.code == errors.NO_TEXT
    assert err.uri == str(fixture("empty-feed.rss")) and err.reason == "feed with no entries"


def test_feed_is_sniffed_by_content_not_name(tmp_path):
    path = tmp_path / "notes.txt"
    shutil.copy(fixture("harbour-courier.atom"), path)
    docs, _ = docs_and_errors(read_records(str(path)))
    assert len(docs) == 2


# --- WARC -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("gzipped", [False, True])
def test_warc_html_responses_become_articles(tmp_path, gzipped):
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    path.write_bytes(build_warc(gzipped=gzipped))
    docs, errs = docs_and_errors(read_records(str(path)))
    assert not errs
    assert [d.hints["url"] for d in docs] == [url for url, *_ in CRAWL_PAGES]
    assert [d.uri for d in docs] == [f"{path}#record-3", f"{path}#record-4"]
    dredging, museum = docs
    assert dredging.hints["published"] == "2024-05-02"  # the page's own date first
    assert museum.hints["published"] == "2024-05-06"  # no date on the page: the crawl date
    assert museum.text.startswith("The Port Ellery maritime museum")
    assert "Contact the newsroom" not in museum.text


@pytest.mark.parametrize("gzipped", [False, True])
def test_warc_broken_record_is_named_and_the_rest_goes_on(tmp_path, gzipped):
    path = tmp_path / ("broken.warc.gz" if gzipped else "broken.warc")
    path.write_bytes(broken_warc(gzipped=gzipped))
    items = list(read_records(str(path)))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["RawDocument", "RawDocument", "IngestError", "RawDocument"]
    err = items[2]
    assert err.uri == f"{path}#record-3" and err.code == errors.DECODE
    assert err.reason.startswith("record 3 at byte ") and "damaged WARC record" in err.reason
    assert items[3].hints["url"].endswith("/ferry-timetable")


@pytest.mark.parametrize("gzipped", [False, True])
@pytest.mark.parametrize("cut", [30, 300])
def test_warc_cut_at_the_end_names_the_last_record(tmp_path, gzipped, cut):
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(build_warc(gzipped=gzipped)[:-cut])
    docs, errs = docs_and_errors(read_records(str(path)))
    assert len(docs) == 2
    (err,) = errs
    assert err.uri == f"{path}#record-6" and err.code == errors.DECODE and "record 6 at byte" in err.reason


def test_warc_is_streamed_record_by_record():
    data = build_warc(gzipped=False)
    stream = io.BytesIO(data + data * 200)
    first = next(iter_warc("big.warc", stream, max_record_bytes=100_000))
    assert isinstance(first, RawDocument)
    assert stream.tell() < 100_000 < len(stream.getvalue())


def test_warc_record_over_the_limit(tmp_path):
    items = list(iter_warc("c.warc", io.BytesIO(build_warc(gzipped=False)), max_record_bytes=200))
    assert [i.code for i in items] == [errors.TOO_LARGE, errors.TOO_LARGE]
    assert "record 3 at byte" in items[0].reason and "limit of 200 bytes" in items[0].reason


def test_large_warc_is_not_refused_by_max_bytes(tmp_path):
    path = tmp_path / "crawl.warc"
    data = build_warc(gzipped=False)
    path.write_bytes(data)
    docs, errs = docs_and_errors(read_records(str(path), max_bytes=3000))  # file > 3000, each page < 3000
    assert len(docs) == 2 and not errs
    docs, errs = docs_and_errors(read_records(str(path), max_bytes=3000, max_stream_bytes=1000))
    assert not docs and errs[0].code == errors.TOO_LARGE and "for WARC files" in errs[0].reason


# --- JSONL ----------------------------------------------------------------------------------------


def test_jsonl_default_mapping_and_a_broken_line():
    path = str(fixture("harbour-courier.jsonl"))
    items = list(read_records(path))
    assert [type(i).__name__ for i in items] == ["RawDocument", "IngestError", "RawDocument"]
    market, broken, lighthouse = items
    assert market.uri == f"{path}#line-1"
    assert market.hints["url"].endswith("/market-hall") and market.hints["published"] == "2024-04-02"
    assert market.hints["title"] == "Market hall to reopen in May"
    assert market.hints["publisher"] == "The Harbour Courier"
    assert broken.uri == f"{path}#line-2" and broken.code == errors.DECODE
    assert broken.reason.startswith("line 2: not valid JSON")
    # A line with html and no text: the page is read by the HTML reader, the line's fields win.
    assert lighthouse.text.startswith("The old keeper's cottage at Gull Point")
    assert lighthouse.hints["title"] == "Lighthouse keeper's cottage sold"


def test_jsonl_field_mapping_with_dotted_paths():
    fields = parse_field_options(["text=body.content", "url=meta.link", "title=meta.headline",
                                  "published=meta.date", "publisher=meta.outlet"])
    docs, errs = docs_and_errors(read_records(str(fixture("nested.jsonl")), fields=fields))
    assert not errs and len(docs) == 2
    assert docs[0].text.startswith("Repairs to the north pier")
    assert docs[0].hints["url"].endswith("/pier") and docs[0].hints["published"] == "2024-04-05"
    assert docs[0].hints["publisher"] == "The Harbour Courier" and "publisher" not in docs[1].hints
    # Without the mapping, each line says what is missing.
    _, errs = docs_and_errors(read_records(str(fixture("nested.jsonl"))))
    assert [e.reason for e in errs] == [f"line {n}: no text ('text' and 'html' hold no string)" for n in (1, 2)]


@pytest.mark.parametrize("option, words", [
    ("text", "expected name=path"), ("body=x", "unknown field 'body'"), ("text=a..b", "empty step"),
    ("text=", "expected name=path"),
])
def test_bad_field_options(option, words):
    with pytest.raises(ValueError, match=words):
        parse_field_options([option])


def test_lookup_into_objects_and_lists():
    obj = {"a": {"b": [{"c": "x"}, {"c": "y"}]}}
    assert lookup(obj, "a.b.1.c") == "y"
    assert lookup(obj, "a.b.5.c") is None and lookup(obj, "a.x") is None and lookup(obj, "a.b.c") is None


def test_jsonl_bad_lines_each_named(tmp_path):
    path = tmp_path / "export.jsonl"
    lines = [
        json.dumps({"text": "The quay reopened on Monday after repairs, the council said."}),
        "",
        json.dumps([1, 2]),
        json.dumps({"text": "A line with a title that is a list.", "title": ["a"]}),
        '{"text": "not utf-8 \xff"}'.encode("latin-1").decode("latin-1"),
        json.dumps({"text": "x" * 500}),
        json.dumps({"text": "The last line is read too."}),
    ]
    raw = "\n".join(lines).encode("utf-8").replace("\xff".encode("utf-8"), b"\xff") + b"\n"
    path.write_bytes(raw)
    items = list(read_records(str(path), max_bytes=300))
    by_line = {i.uri.rsplit("#line-", 1)[1]: i for i in items}
    assert isinstance(by_line["1"], RawDocument) and isinstance(by_line["7"], RawDocument)
    assert "2" not in by_line  # blank lines are skipped
    assert by_line["3"].reason == "line 3: a JSON list, not an object"
    assert by_line["4"].code == errors.BAD_METADATA and "field 'title' (title) is list" in by_line["4"].reason
    assert by_line["5"].code == errors.DECODE and "not UTF-8" in by_line["5"].reason
    assert by_line["6"].code == errors.TOO_LARGE and "line 6: longer than the limit of 300 bytes" in by_line["6"].reason


def test_jsonl_gzip_streamed_and_truncated(tmp_path):
    lines = b"".join(json.dumps({"text": f"Report number {i} from the quay, written for the test."}).encode() + b"\n"
                     for i in range(200))
    good = tmp_path / "export.jsonl.gz"
    good.write_bytes(gzip.compress(lines))
    docs, errs = docs_and_errors(read_records(str(good), max_bytes=1000))  # larger than 1000 bytes: streamed
    assert len(docs) == 200 and not errs
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(gzip.compress(lines)[:-40])
    docs, errs = docs_and_errors(read_records(str(cut)))
    assert 0 < len(docs) < 200
    (err,) = errs
    assert err.uri == str(cut) and err.code == errors.DECODE
    assert err.reason.startswith(f"damaged gzip data after line {len(docs)}")


# --- sniffing, gzip, empty, stdin ------------------------------------------------------------------


@pytest.mark.parametrize("content, kind", [
    (b"<!-- saved page -->\n<!DOCTYPE html><html>", "html"),
    (b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', "html"),
    (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
    (b'<?xml version="1.0"?><rdf:RDF xmlns="http://purl.org/rss/1.0/">', "feed"),
    (b'<?xml version="1.0"?><catalogue/>', "xml"),
    (b'{"text": "' + b"a" * 5000, "jsonl"),
    (b"{braces} are text", "text"),
])
def test_sniff_more_formats(content, kind):
    assert sniff_format(content) == kind


def test_truncated_gzip_names_the_file(tmp_path):
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress(fixture("tide-tables.txt").read_bytes() * 50)[:-30])
    (err,) = read_records(str(path))
    assert err.uri == str(path) and err.code == errors.DECODE and err.reason.startswith("damaged gzip data")


def test_gzipped_html_and_feed(tmp_path):
    page = tmp_path / "page.gz"
    page.write_bytes(gzip.compress(fixture(DAWN_LIKE).read_bytes()))
    assert read_input(str(page)).hints["title"] == HEADLINE
    feed = tmp_path / "feed.xml.gz"
    feed.write_bytes(gzip.compress(fixture("harbour-courier.atom").read_bytes()))
    assert len(docs_and_errors(read_records(str(feed)))[0]) == 2


def test_zero_byte_file(tmp_path):
    path = tmp_path / "nothing.warc"
    path.write_bytes(b"")
    (err,) = read_records(str(path))
    assert err.uri == str(path) and err.code == errors.EMPTY and err.reason == "empty file"


def test_stdin_feed_gives_every_entry():
    items = list(read_records("-", stdin=io.BytesIO(fixture("harbour-courier.atom").read_bytes())))
    assert [i.uri for i in items] == ["<stdin>#entry-1", "<stdin>#entry-2"]


def test_read_input_refuses_a_many_article_file():
    with pytest.raises(InputError, match="more than one article"):
        read_input(str(fixture("harbour-courier.atom")))


def test_iter_inputs_yields_every_article_of_every_file(tmp_path):
    for name in ("tide-tables.txt", "harbour-courier.atom", "harbour-courier.jsonl"):
        shutil.copy(fixture(name), tmp_path / name)
    items = list(iter_inputs([str(tmp_path)]))
    assert [type(i).__name__ for i in items] == ["RawDocument"] * 2 + ["RawDocument", "IngestError", "RawDocument"] \
        + ["RawDocument"]


# --- the CLI on a folder of mixed formats -----------------------------------------------------------


@pytest.fixture
def mixed_folder(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in ("tide-tables.txt", DAWN_LIKE, "harbour-courier.rss", "harbour-courier.atom", "harbour-courier.jsonl"):
        shutil.copy(fixture(name), folder / name)
    (folder / "crawl.warc.gz").write_bytes(build_warc(gzipped=True))
    (folder / "zz-broken.txt.gz").write_bytes(gzip.compress(fixture("tide-tables.txt").read_bytes())[:-12])
    return folder


def test_cli_ingest_mixed_formats(mixed_folder, tmp_path):
    db = tmp_path / "news.duckdb"
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(mixed_folder), "--db", str(db), "--json", "--workers", "1"],
                           catch_exceptions=False)
    assert result.exit_code == 1, result.output  # something failed
    counts = json.loads(result.stdout)
    # text 1, html 1, rss 2, atom 2, warc 2, jsonl 2 = 10; rss entry 3, jsonl line 2, the cut gzip = 3.
    assert counts == {"added": 10, "unchanged": 0, "new-version": 0, "failed": 3}
    errors_seen = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert any("harbour-courier.rss#entry-3" in line for line in errors_seen)
    assert any("harbour-courier.jsonl#line-2: line 2: not valid JSON" in line for line in errors_seen)
    assert any("zz-broken.txt.gz: damaged gzip data" in line for line in errors_seen)
    listed = json.loads(runner.invoke(cli, ["articles", "--db", str(db), "--json"]).stdout)
    uris = {row["uri"] for row in listed}
    assert "https://harbourcourier.example/news/2024/03/14/ferry-strike-ends" in uris
    assert "https://harbourcourier.example/news/museum-fund" in uris
    assert "https://harbourcourier.example/islands/2024/03/23/lifeboat-rescue" in uris
    assert "https://harbourcourier.example/news/2024/04/04/lighthouse" in uris
    ferry = next(row for row in listed if row["uri"].endswith("ferry-strike-ends"))
    assert ferry["headline"] == HEADLINE and ferry["publisher"] == "The Harbour Courier"
    assert str(ferry["published"]) == "2024-03-14"
    stats = json.loads(runner.invoke(cli, ["stats", "--db", str(db), "--json"]).stdout)
    assert stats["articles"] == 10 and stats["errors"] == 3


def test_cli_field_option(tmp_path):
    db = tmp_path / "news.duckdb"
    runner = CliRunner()
    args = ["ingest", str(fixture("nested.jsonl")), "--db", str(db), "--json", "--workers", "1"]
    result = runner.invoke(cli, args + ["--field", "text=body.content", "--field", "url=meta.link",
                                        "--field", "title=meta.headline"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["added"] == 2
    bad = runner.invoke(cli, args + ["--field", "body=x"])
    assert bad.exit_code == 2 and "unknown field 'body'" in bad.output
