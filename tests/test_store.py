"""The DuckDB store on real database files: schema, idempotency, versions, transactions."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys

import duckdb
import pytest

from newsgraph import errors
from newsgraph.errors import StoreError
from newsgraph.model import Analysis, Article, IngestError, Mention
from newsgraph.pipeline import article_id
from newsgraph.store import ADDED, NEW_VERSION, SCHEMA_VERSION, UNCHANGED, Store

TABLES = {
    "articles", "actors", "mentions", "statements", "events", "source_links",
    "ingest_runs", "ingest_errors", "schema_version",
}


def make_analysis(text: str, uri: str = "file:a.txt", **meta) -> Analysis:
    article = Article(id=article_id(text), uri=uri, text=text, **meta)
    mention = Mention(article.id, 0, 3, text[:3], "ORG", "ner")
    return Analysis(article=article, mentions=(mention,))


def table_names(path) -> set[str]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    finally:
        con.close()


def test_new_database_has_every_table_and_the_schema_version(db_path):
    with Store(db_path) as store:
        assert store.schema_version() == SCHEMA_VERSION
    assert TABLES <= table_names(db_path)


def test_reopening_does_not_migrate_again(db_path):
    Store(db_path).close()
    with Store(db_path) as store:
        rows = store.con.execute("SELECT count(*) FROM schema_version").fetchone()[0]
    assert rows == SCHEMA_VERSION


def test_same_content_twice_is_unchanged(db_path):
    with Store(db_path) as store:
        assert store.add(make_analysis("The talks resumed.")) == ADDED
        assert store.add(make_analysis("The talks resumed.")) == UNCHANGED
        assert store.add(make_analysis("The  talks\nresumed.", uri="file:b.txt")) == UNCHANGED
        assert store.stats()["articles"] == 1
        assert store.stats()["mentions"] == 1


def test_same_uri_new_content_is_a_linked_version(db_path):
    with Store(db_path) as store:
        first = make_analysis("The talks resumed.")
        second = make_analysis("The talks resumed on Monday.")
        assert store.add(first) == ADDED
        assert store.add(second) == NEW_VERSION
        row = store.article(second.article.id)
        assert row["previous_version"] == first.article.id
        assert [v["id"] for v in row["versions"]] == [first.article.id]
        assert store.article(first.article.id)["previous_version"] is None


def test_article_round_trip(db_path):
    analysis = make_analysis(
        "Aid reached the valley.", headline="Aid arrives", publisher="Dawn",
        published=dt.date(2024, 7, 9), dateline="GILGIT", byline="Our Correspondent",
    )
    with Store(db_path) as store:
        store.add(analysis)
    with Store(db_path, read_only=True) as store:
        row = store.article(analysis.article.id[:8])
    assert row["headline"] == "Aid arrives" and row["publisher"] == "Dawn"
    assert row["published"] == dt.date(2024, 7, 9)
    assert row["mentions"][0]["text"] == "Aid"
    assert row["mentions"][0]["id"] == f"{analysis.article.id}:m0"


def test_failed_write_leaves_no_half_article(db_path):
    good = make_analysis("The council met.")
    # A mention whose offset is not a number fails after the article row is written.
    bad_mention = Mention(good.article.id, "not a number", 3, "x", "ORG", "ner")  # type: ignore[arg-type]
    bad = Analysis(article=good.article, mentions=(bad_mention,))
    with Store(db_path) as store:
        with pytest.raises(duckdb.Error):
            store.add(bad)
        assert store.stats()["articles"] == 0 and store.stats()["mentions"] == 0
        assert store.add(good) == ADDED


def test_ingest_counts_and_errors(db_path):
    with Store(db_path) as store:
        counts = store.ingest([
            make_analysis("One."), IngestError("x.png", errors.BINARY, "binary file (PNG image), not text"),
            make_analysis("One."),
        ])
        assert counts == {ADDED: 1, UNCHANGED: 1, NEW_VERSION: 0, "failed": 1}
        (error,) = store.errors()
        assert error["uri"] == "x.png" and error["code"] == "binary"
        run = store.con.execute("SELECT added, unchanged, failed, finished_at FROM ingest_runs").fetchone()
        assert run[:3] == (1, 1, 1) and run[3] is not None


def test_read_only_on_missing_file_is_clear(tmp_path):
    with pytest.raises(StoreError, match="no database at"):
        Store(tmp_path / "none.duckdb", read_only=True)


def test_foreign_duckdb_file_is_refused(tmp_path):
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not a newsgraph database"):
        Store(path)


def test_newer_schema_is_refused(db_path):
    Store(db_path).close()
    con = duckdb.connect(str(db_path))
    con.execute("INSERT INTO schema_version VALUES (999, 'future', now())")
    con.close()
    with pytest.raises(StoreError, match="newer than this newsgraph"):
        Store(db_path)


def test_locked_database_names_the_holder(db_path):
    Store(db_path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ok', flush=True); time.sleep(60)",
         str(db_path)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreError, match=rf"in use by process {holder.pid}"):
            Store(db_path)
    finally:
        holder.kill()
        holder.wait()


def test_sql_is_parameterised_against_hostile_text(db_path):
    text = "Robert'); DROP TABLE articles; -- said the report."
    analysis = make_analysis(text, uri="x'; DROP TABLE mentions; --")
    with Store(db_path) as store:
        store.add(analysis)
        assert store.article(analysis.article.id)["text"] == text
        assert store.resolve_id("'; --") is None
    assert TABLES <= table_names(db_path)


def test_version_1_database_migrates_forward(db_path):
    from newsgraph.resources import data_path

    con = duckdb.connect(str(db_path))
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP NOT NULL)")
    con.execute(data_path("migrations", "001_initial.sql").read_text(encoding="utf-8"))
    con.execute("INSERT INTO schema_version VALUES (1, 'initial schema', now())")
    con.execute("INSERT INTO articles (id, uri, text, word_count, ingested_at) VALUES ('a1', 'u', 'Old text.', 2, now())")
    con.close()
    with Store(db_path) as store:
        assert store.schema_version() == SCHEMA_VERSION >= 2
        columns = {r[0] for r in store.con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'mentions'").fetchall()}
        assert {"role", "sector", "refers_to"} <= columns
        assert store.article("a1")["text"] == "Old text."


def test_actors_are_stored_once_and_listed(db_path):
    from newsgraph.model import Actor

    taliban = Actor(id="afg.taliban", name="Taliban", kind="armed group", country="AFG", sector="INS")
    first = make_analysis("The Taliban said so.")
    first = Analysis(article=first.article, actors=(taliban,), mentions=(
        Mention(first.article.id, 0, 11, "The Taliban", "ORG", "dictionary", actor_id="afg.taliban"),))
    second = make_analysis("The Taliban denied it.", uri="file:b.txt")
    second = Analysis(article=second.article, actors=(taliban,), mentions=(
        Mention(second.article.id, 0, 11, "The Taliban", "ORG", "dictionary", actor_id="afg.taliban"),
        Mention(second.article.id, 12, 18, "denied", "PRON", "pronoun", actor_id="afg.taliban", refers_to=0)))
    with Store(db_path) as store:
        store.add(first)
        store.add(second)
        (row,) = store.actors()
        assert (row["id"], row["mentions"], row["articles"]) == ("afg.taliban", 3, 2)
        detail = store.actor("afg.taliban")
        assert detail["names_seen"][0] == {"text": "The Taliban", "mentions": 2}
        assert store.actor("nobody") is None
        refers = store.con.execute("SELECT refers_to FROM mentions WHERE method = 'pronoun'").fetchone()[0]
        assert refers == f"{second.article.id}:m0"
