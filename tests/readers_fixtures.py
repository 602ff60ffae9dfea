"""Fixtures of the reader tests: the files in tests/fixtures/readers and WARC crawls built here.

Every page, feed and record is invented (a fictional outlet, "The Harbour Courier").
WARC files are built with warcio's writer, because record lengths and digests must be exact.
"""
from __future__ import annotations

import gzip
import io
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "readers"

PAGE_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | The Harbour Courier</title>
<meta property="og:site_name" content="The Harbour Courier">{date_meta}</head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>{title}</h1>{paragraphs}</article>
<footer>Contact the newsroom</footer></body></html>"""

CRAWL_PAGES = [
    ("https://harbourcourier.example/news/2024/05/02/harbour-dredging", "Harbour dredging to begin next month",
     ["Dredgers will start deepening the main channel of Port Ellery harbour next month so that larger cargo ships "
      "can berth at the container quay, the port authority said on Thursday.",
      "The work is expected to take eleven weeks and will close the east channel to small boats on weekdays."],
     "2024-05-02"),
    ("https://harbourcourier.example/news/museum-fund", "Maritime museum wins restoration grant",
     ["The Port Ellery maritime museum has won a grant to restore the old customs house, where it will show its "
      "collection of ship models and charts, its director said on Friday.",
      "Volunteers have catalogued more than two thousand objects since the museum opened in a former net loft."],
     None),
]


def page_html(title: str, paragraphs: list[str], date: str | None = None) -> bytes:
    date_meta = f'<meta property="article:published_time" content="{date}T09:00:00+00:00">' if date else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return PAGE_TEMPLATE.format(title=title, paragraphs=body, date_meta=date_meta).encode("utf-8")


def build_warc(*, gzipped: bool, extra_records: bool = True, crawl_date: str = "2024-05-06T12:00:00Z") -> bytes:
    """A small crawl: a warcinfo record, a request, two HTML responses, a 404 page and an image."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)

    def response(url: str, payload: bytes, status: str = "200 OK", content_type: str = "text/html; charset=utf-8"):
        http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=http,
                                           warc_headers_dict={"WARC-Date": crawl_date})
        writer.write_record(record)

    if extra_records:
        writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "newsgraph tests"}))
        request = StatusAndHeaders("GET /news/2024/05/02/harbour-dredging HTTP/1.1",
                                   [("Host", "harbourcourier.example")], is_http_request=True)
        writer.write_record(writer.create_warc_record(CRAWL_PAGES[0][0], "request", http_headers=request))
    for url, title, paragraphs, date in CRAWL_PAGES:
        response(url, page_html(title, paragraphs, date))
    if extra_records:
        response("https://harbourcourier.example/missing", page_html("Not found", ["No such page."]), "404 Not Found")
        response("https://harbourcourier.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), content_type="image/png")
    return out.getvalue()


def split_warc_records(data: bytes) -> list[bytes]:
    """The records of an uncompressed WARC, each with its header line."""
    parts = data.split(b"WARC/1.0\r\n")
    return [b"WARC/1.0\r\n" + p for p in parts if p]


def broken_warc(*, gzipped: bool) -> bytes:
    """Three HTML responses whose second record is damaged (its header is cut and garbled)."""
    first = build_warc(gzipped=gzipped, extra_records=False)
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        "https://harbourcourier.example/news/2024/05/04/ferry-timetable", "response",
        payload=io.BytesIO(page_html("Summer ferry timetable published", [
            "The summer ferry timetable adds a late crossing on Fridays and Saturdays from June, the ferry company "
            "announced on Saturday, after islanders asked for a way home after evening events on the mainland."])),
        http_headers=http))
    last = out.getvalue()
    garbage = b"WRAC/1.0\r\nWARC-Type: resp\x00nse\r\nContent-Length: 40\r\n\r\nthis is not a record\r\n\r\n"
    if gzipped:
        garbage = gzip.compress(garbage)[:-6]  # a cut gzip member
    # first holds two good records; the damaged one comes between them and the last.
    return first + garbage + last


def fixture(name: str) -> Path:
    return FIXTURES / name
