"""The HTTP API in-process (TestClient) on the demo database: every endpoint, every filter,
bad input in the one error shape, and the database locked by another process."""
from __future__ import annotations

import shutil
import subprocess
import sys
import time

import duckdb
import pytest
from fastapi.testclient import TestClient

from newsgraph.web.app import create_app

from .web_support import demo_database

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore:Using `httpx`")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return demo_database(tmp_path_factory)


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db))


def ok(client: TestClient, url: str, **params) -> dict:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def assert_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status
    assert body["error"]["message"]
    if code:
        assert body["error"]["code"] == code, body
    return body["error"]


# -- what each endpoint answers -------------------------------------------------------------

def test_stats_and_overview(client):
    stats = ok(client, "/api/stats")
    assert stats["articles"] == 14 and stats["events"] > 0 and stats["statements"] > 0
    assert stats["search_index"] == {"exists": True, "stale": False, "indexed": 14, "articles": 14}
    overview = ok(client, "/api/overview")
    assert overview["stats"]["articles"] == 14
    assert sum(r["events"] for r in overview["events_over_time"]) <= stats["events"]
    assert {r["plover_type"] for r in overview["event_types"]} >= {"ASSAULT"}
    assert overview["top_actors"] and overview["top_actors"][0]["events"] >= overview["top_actors"][-1]["events"]
    assert len(overview["latest_articles"]) == 8


def test_articles_are_paginated(client):
    first = ok(client, "/api/articles", limit=5)
    assert first["total"] == 14 and len(first["items"]) == 5 and first["limit"] == 5
    second = ok(client, "/api/articles", limit=5, offset=5)
    assert not {a["id"] for a in first["items"]} & {a["id"] for a in second["items"]}
    assert ok(client, "/api/articles", offset=100)["items"] == []
    dates = [a["published"] for a in ok(client, "/api/articles")["items"] if a["published"]]
    assert dates == sorted(dates, reverse=True)


def test_search_is_ranked_by_bm25(client):
    found = ok(client, "/api/articles", q="Taliban recruitment")
    assert found["ranking"] == "bm25"
    assert found["items"][0]["headline"].startswith("Taliban dismiss")
    scores = [a["score"] for a in found["items"]]
    assert scores == sorted(scores, reverse=True)
    assert "Taliban" in found["items"][0]["snippet"]
    assert ok(client, "/api/articles", q="zzzyzzy")["total"] == 0


def test_search_falls_back_to_substring_when_the_index_is_stale(db, tmp_path):
    copy = tmp_path / "stale.duckdb"
    shutil.copy(db, copy)
    con = duckdb.connect(str(copy))
    con.execute("DROP SCHEMA fts_main_articles CASCADE")
    con.close()
    found = ok(TestClient(create_app(copy)), "/api/articles", q="Taliban")
    assert found["ranking"].startswith("substring") and "not built" in found["ranking"]
    assert any(a["headline"].startswith("Taliban dismiss") for a in found["items"])


def test_rebuild_search_index_only_when_stale(db, tmp_path):
    from newsgraph.web import rebuild_search_index, search_index_state

    copy = tmp_path / "index.duckdb"
    shutil.copy(db, copy)
    con = duckdb.connect(str(copy))
    try:
        assert rebuild_search_index(con) is False  # up to date
        con.execute("DELETE FROM articles WHERE id = (SELECT min(id) FROM articles)")
        assert search_index_state(con)["stale"]
        assert rebuild_search_index(con) is True
        assert search_index_state(con) == {"exists": True, "stale": False, "indexed": 13, "articles": 13}
    finally:
        con.close()


def test_article_filters(client):
    dawn = ok(client, "/api/articles", publisher="dawn")["items"]
    assert dawn and {a["publisher"] for a in dawn} == {"Dawn"}
    in_2023 = ok(client, "/api/articles", since="2023-01-01", until="2023-12-31")["items"]
    assert in_2023 and all("2023-01-01" <= a["published"] <= "2023-12-31" for a in in_2023)
    taliban = ok(client, "/api/articles", actor="afg.taliban")["items"]
    assert any("Taliban" in a["headline"] for a in taliban)
    assert ok(client, "/api/articles", story="no-such-story")["total"] == 0


def test_one_article_with_offsets(client):
    listed = ok(client, "/api/articles", q="El Fasher")["items"][0]
    article = ok(client, f"/api/articles/{listed['id'][:10]}")  # an id prefix works
    assert article["id"] == listed["id"]
    text = article["text"]
    assert article["mentions"] and article["statements"] and article["events"]
    for m in article["mentions"]:
        assert text[m["start_char"]:m["end_char"]] == m["text"]
    for e in article["events"]:
        assert text[e["start_char"]:e["end_char"]] == e["trigger"]
        assert e["tone"] in {"cooperative", "conflictual", "neutral"}
    for s in article["statements"]:
        for start, end in s["content_spans"]:
            assert 0 <= start < end <= len(text)
        assert s["chain"] and s["chain"][0] == "AFP"
    assert "sdn.rsf" in article["actors"]


def test_actors_and_one_actor(client):
    actors = ok(client, "/api/actors", limit=10)
    assert actors["total"] > 10 and len(actors["items"]) == 10
    assert ok(client, "/api/actors", q="taliban")["items"][0]["id"] == "afg.taliban"
    assert {a["country"] for a in ok(client, "/api/actors", country="sdn")["items"]} == {"SDN"}
    actor = ok(client, "/api/actors/sdn.rsf")
    assert actor["name"] == "Rapid Support Forces"
    assert actor["names_seen"]
    assert actor["events"]
    assert any(n["id"] == "sdn.rsf" for n in actor["network"]["nodes"])
    for edge in actor["network"]["edges"]:
        assert edge["tone"] in {"cooperative", "conflictual", "neutral"}
        assert edge["events"] == edge["cooperative"] + edge["conflictual"] + (
            edge["events"] - edge["cooperative"] - edge["conflictual"])
    assert actor["timeline"] and all(day["day"] for day in actor["timeline"])
    said_of = ok(client, "/api/quotes", about="afg.taliban")["items"]
    assert said_of and all(q["speaker_actor_id"] != "afg.taliban" for q in said_of)


def test_events_filters(client):
    assault = ok(client, "/api/events", type="assault")
    assert assault["total"] > 0 and {e["plover_type"] for e in assault["items"]} == {"ASSAULT"}
    assert "ASSAULT" in assault["types"]
    denied = ok(client, "/api/events", status="denied")["items"]
    assert denied and {e["status"] for e in denied} == {"denied"}
    sudan = ok(client, "/api/events", country="SDN")["items"]
    assert sudan and all("SDN" in e["countries"] for e in sudan)
    by_rsf = ok(client, "/api/events", actor="sdn.rsf")["items"]
    assert all("sdn.rsf" in e["source_actor_ids"] + e["target_actor_ids"] for e in by_rsf)
    conflict = ok(client, "/api/events", tone="conflictual")["items"]
    assert conflict and all(e["quad_class"] in (3, 4) for e in conflict)
    dated = ok(client, "/api/events", since="2024-01-01")["items"]
    assert all((e["event_date"] or e["published"]) >= "2024-01-01" for e in dated)
    places = ok(client, "/api/events/places")
    assert places["places"] and all(len(p["country"]) == 3 for p in places["places"])
    assert ok(client, "/api/events/places", type="ASSAULT")["places"][0]["events"] <= places["places"][0]["events"]


def test_quotes_filters(client):
    anonymous = ok(client, "/api/quotes", anonymous="true", limit=20)
    assert anonymous["total"] > 0 and all(q["anonymous"] for q in anonymous["items"])
    contested = ok(client, "/api/quotes", contested="true")["items"]
    assert contested and all(q["disputes"] or q["supports"] for q in contested)
    assert any(q.get("disputes_statement") for q in contested)
    direct = ok(client, "/api/quotes", direct="true", limit=10)["items"]
    assert all(q["direct"] for q in direct)
    assert all(q["chain"] for q in direct)
    speakers = ok(client, "/api/speakers", limit=5)["items"]
    assert len(speakers) == 5 and speakers[0]["statements"] >= speakers[-1]["statements"]


def test_stories_network_and_map(client):
    stories = ok(client, "/api/stories", limit=3)
    assert set(stories) >= {"items", "total", "limit", "offset"}
    for story in stories["items"]:
        assert ok(client, f"/api/stories/{story['id']}")["articles"]
    assert_error(client.get("/api/stories/no-such-story"), 404, "not-found")
    net = ok(client, "/api/network")
    ids = {n["id"] for n in net["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in net["edges"])
    world = ok(client, "/api/map/countries")
    assert len(world["countries"]) > 150 and any(c["iso3"] == "AFG" and c["path"] for c in world["countries"])


def test_openapi_and_pages(client):
    spec = ok(client, "/api/openapi.json")
    assert {"/api/articles", "/api/articles/{article_id}", "/api/events", "/api/quotes", "/api/stories"} <= set(spec["paths"])
    assert client.get("/api/docs").status_code == 200
    for page in ("/", "/articles/abc123", "/actors/afg.taliban", "/events", "/quotes", "/search"):
        response = client.get(page)
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert "unsafe-inline" not in response.headers["content-security-policy"]
    assert client.get("/static/app.js").status_code == 200


# -- bad input: always a 4xx in the one shape ----------------------------------------------

BAD = [
    ("/api/articles?limit=0", "bad-parameter"),
    ("/api/articles?limit=-1", "bad-parameter"),
    ("/api/articles?limit=100000", "bad-parameter"),
    ("/api/articles?limit=99999999999999999999999999", "bad-parameter"),
    ("/api/articles?limit=ten", "bad-parameter"),
    ("/api/articles?offset=-5", "bad-parameter"),
    ("/api/events?offset=1e9", "bad-parameter"),
    ("/api/articles?since=2023-02-30", "bad-parameter"),
    ("/api/articles?since=yesterday", "bad-parameter"),
    ("/api/quotes?until=2023-13-01", "bad-parameter"),
    ("/api/events?since=2024-01-02&until=2024-01-01", "bad-parameter"),
    ("/api/articles?colour=red", "unknown-parameter"),
    ("/api/events?typ=ASSAULT", "unknown-parameter"),
    ("/api/stats?x=1", "unknown-parameter"),
    ("/api/articles?limit=5&limit=6", "repeated-parameter"),
    ("/api/events?status=rumoured", "bad-parameter"),
    ("/api/events?tone=friendly", "bad-parameter"),
    ("/api/events?country=Sudan", "bad-parameter"),
    ("/api/events?type=ASSAULT';DROP TABLE events;--", "bad-parameter"),
    ("/api/quotes?anonymous=perhaps", "bad-parameter"),
    ("/api/articles?q=", "bad-parameter"),
    ("/api/articles?q=%20%20", "bad-parameter"),
    ("/api/articles?q=a%00b", "bad-parameter"),
    ("/api/articles?q=" + "x" * 301, "bad-parameter"),
    ("/api/actors?kind=state%27%20OR%201%3D1", "bad-parameter"),
    ("/api/articles/ab", "bad-parameter"),
]


@pytest.mark.parametrize("url,code", BAD, ids=[u for u, _ in BAD])
def test_bad_parameters_are_400_in_one_shape(client, url, code):
    assert_error(client.get(url), 400, code)


def test_not_found_and_wrong_method(client):
    assert_error(client.get("/api/articles/ffffffffffffffff"), 404, "not-found")
    assert_error(client.get("/api/actors/nobody.at.all"), 404, "not-found")
    assert_error(client.get("/api/no-such-endpoint"), 404, "not-found")
    assert_error(client.get("/static/no-such-file.js"), 404, "not-found")
    assert_error(client.get("/api/articles/..%2F..%2Fetc"), 404, "not-found")
    assert_error(client.get("/static/..%2F..%2Fstore.py"), 404, "not-found")
    assert_error(client.post("/api/stats"), 405, "method-not-allowed")


INJECTIONS = ["'; DROP TABLE articles; --", "x' OR '1'='1", "%' OR 1=1 --", "\\'; SELECT 1; --",
              "Robert'); DROP TABLE students;--", "_%_", "afg.taliban' --"]


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_strings_are_harmless(client, value):
    for url, param in (("/api/articles", "q"), ("/api/articles", "actor"), ("/api/articles", "publisher"),
                       ("/api/actors", "q"), ("/api/events", "actor"), ("/api/quotes", "speaker"),
                       ("/api/quotes", "q"), ("/api/quotes", "about")):
        response = client.get(url, params={param: value})
        assert response.status_code == 200, (url, param, response.text)
        if param != "q" or url != "/api/articles":
            assert response.json()["total"] == 0, (url, param)
    assert_error(client.get("/api/actors/" + value.replace("/", "")), 404)
    assert ok(client, "/api/stats")["articles"] == 14


# -- the database unavailable ---------------------------------------------------------------

def test_missing_database_is_503(tmp_path):
    error = assert_error(TestClient(create_app(tmp_path / "absent.duckdb")).get("/api/stats"), 503,
                         "database-unavailable")
    assert "no database" in error["message"]


def test_locked_database_is_503_naming_the_holder_then_works_again(db, tmp_path):
    copy = tmp_path / "locked.duckdb"
    shutil.copy(db, copy)
    client = TestClient(create_app(copy))
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); print('ready', flush=True); time.sleep(60)",
         str(copy)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        error = assert_error(client.get("/api/articles"), 503, "database-locked")
        assert f"process {holder.pid}" in error["message"]
    finally:
        holder.kill()
        holder.wait()
    deadline = time.monotonic() + 10
    while client.get("/api/stats").status_code != 200 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert ok(client, "/api/stats")["articles"] == 14


def test_serve_command_binds_localhost_and_answers(db, tmp_path):
    import httpx
    from click.testing import CliRunner

    from newsgraph.cli import cli

    from .web_support import free_port

    missing = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "absent.duckdb")])
    assert missing.exit_code == 2 and "no database" in missing.output
    assert not (tmp_path / "absent.duckdb").exists()
    copy = tmp_path / "served.duckdb"
    shutil.copy(db, copy)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--db", str(copy), "--port", str(port)],
                              stderr=subprocess.PIPE, text=True)
    try:
        assert "search index up to date" in server.stderr.readline()
        assert f"http://127.0.0.1:{port}/" in server.stderr.readline()
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "newsgraph serve did not answer"
                time.sleep(0.2)
        assert response.status_code == 200 and response.json()["articles"] == 14
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_empty_database_answers_empty_lists(tmp_path):
    from newsgraph.store import Store

    Store(tmp_path / "empty.duckdb").close()
    client = TestClient(create_app(tmp_path / "empty.duckdb"))
    assert ok(client, "/api/overview")["stats"]["articles"] == 0
    assert ok(client, "/api/articles", q="anything")["ranking"].startswith("substring")
    for url in ("/api/events", "/api/quotes", "/api/actors", "/api/stories"):
        assert ok(client, url)["items"] == []
    assert ok(client, "/api/network") == {"nodes": [], "edges": []}
    assert ok(client, "/api/events/places") == {"places": [], "unplaced": 0}
