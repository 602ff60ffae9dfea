"""Records as Parquet: one folder per table, partitioned by publication month, and ``load``.

Layout under DIR (written by ``newsgraph ingest --engine ray --out DIR``)::

    articles/month=2023-04/part-<uuid>.parquet     (month = unknown when undated)
    mentions/… statements/… events/… source_links/… places/… article_signatures/…
                                                    (every table keyed by article_id, by its article's month)
    actors/part-<uuid>.parquet                      (not per article; one row per actor per file)
    errors/part-<uuid>.parquet                      (inputs that could not be ingested)

The columns are the database's own: a worker stores each batch in a private in-memory
newsgraph database (the same ``Store`` code as ``ingest``) and copies its tables out, so the
Parquet files follow every schema change without a second mapping. DuckDB (and so
``newsgraph load``, Spark, pandas …) reads them directly.

``load`` is idempotent like ``ingest``: an article whose id is stored already is *unchanged*
and none of its records are written again; the same article written twice (a retried Ray task)
is loaded once; a known uri with new content becomes a new version.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from ..errors import NewsgraphError
from ..model import Analysis, IngestError
from ..store import ADDED, NEW_VERSION, UNCHANGED, Store

MONTH = "month"
UNDATED = "unknown"


def child_tables(con) -> list[str]:
    """The tables of per-article records (they have an ``article_id`` column), as the schema has them now."""
    rows = con.execute(
        "SELECT t.table_name FROM information_schema.tables t"
        " JOIN information_schema.columns c ON c.table_name = t.table_name AND c.column_name = 'article_id'"
        " AND c.table_schema = t.table_schema"
        " WHERE t.table_schema = 'main' AND t.table_type = 'BASE TABLE' AND t.table_name <> 'articles'"
        " ORDER BY t.table_name"
    ).fetchall()
    return [name for (name,) in rows]


def _has_column(con, table: str, column: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM information_schema.columns"
                            " WHERE table_schema = 'main' AND table_name = ? AND column_name = ?",
                            [table, column]).fetchone()[0])


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class ParquetWriter:
    """Collects results in an in-memory newsgraph database and writes them out as Parquet files."""

    def __init__(self, out: str | Path):
        self.out = Path(out)
        self.store = Store(":memory:")

    def add(self, result: Analysis | IngestError) -> str:
        if isinstance(result, IngestError):
            self.store.record_error(result)
            return "failed"
        return self.store.add(result)

    def flush(self) -> None:
        """Write what was added since the last flush (new files, unique names) and forget it."""
        con = self.store.con
        month = f"coalesce(strftime(a.published, '%Y-%m'), '{UNDATED}') AS {MONTH}"
        queries = {
            "articles": f"SELECT *, coalesce(strftime(published, '%Y-%m'), '{UNDATED}') AS {MONTH} FROM articles",
            **{t: f"SELECT c.*, {month} FROM {t} c JOIN articles a ON a.id = c.article_id" for t in child_tables(con)},
        }
        for table, sql in queries.items():
            if con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]:
                self._copy(sql, table, partitioned=True)
        if con.execute("SELECT count(*) FROM actors").fetchone()[0]:
            self._copy("SELECT * FROM actors", "actors", partitioned=False)
        if con.execute("SELECT count(*) FROM ingest_errors").fetchone()[0]:
            self._copy("SELECT uri, code, reason, recorded_at FROM ingest_errors", "errors", partitioned=False)
        con.begin()
        for table in (*child_tables(con), "articles", "actors", "ingest_errors"):
            con.execute(f"DELETE FROM {table}")
        self.store._stories = None  # stories are assigned by `load`, against the whole database
        con.commit()

    def _copy(self, sql: str, folder: str, *, partitioned: bool) -> None:
        """Copy a query's rows to new files under ``folder`` (one per month when partitioned).

        Each file gets a fresh name and each folder is made here, so several workers can write
        into the same tree at once without touching each other's files."""
        import uuid

        con = self.store.con
        months = ([row[0] for row in con.execute(f"SELECT DISTINCT {MONTH} FROM ({sql}) ORDER BY 1").fetchall()]
                  if partitioned else [None])
        for month in months:
            target = self.out / folder / (f"{MONTH}={month}" if partitioned else "")
            target.mkdir(parents=True, exist_ok=True)
            query = f"SELECT * EXCLUDE ({MONTH}) FROM ({sql}) WHERE {MONTH} = ?" if partitioned else sql
            path = _quoted(target / f"part-{uuid.uuid4()}.parquet")
            con.execute(f"COPY ({query}) TO '{path}' (FORMAT parquet)", [month] if partitioned else [])

    def close(self) -> None:
        self.store.close()


def _quoted(path: Path) -> str:
    """A path as the inside of a SQL string literal (DuckDB's COPY takes no parameter there)."""
    return str(path).replace("'", "''")


def _files(folder: Path, table: str) -> str | None:
    base = folder / table
    if not base.is_dir() or not any(base.rglob("*.parquet")):
        return None
    return str(base / "**" / "*.parquet")


def load_parquet(store: Store, folder: str | Path, *, command: str = "load") -> dict[str, int]:
    """Load a folder written by ``ingest --engine ray --out`` into ``store``, in one transaction.

    Returns the counts like ``ingest``: added, new-version, unchanged, failed (errors recorded).
    """
    folder = Path(folder)
    if not (folder / "articles").is_dir() and not (folder / "errors").is_dir():
        raise NewsgraphError(f"{folder} holds no newsgraph Parquet records (no articles/ or errors/ folder)")
    con = store.con
    counts = {ADDED: 0, UNCHANGED: 0, NEW_VERSION: 0, "failed": 0}
    run_id = store.start_run(command)
    now = _now()
    con.begin()
    try:
        articles = _files(folder, "articles")
        if articles:
            con.execute(
                "CREATE OR REPLACE TEMP TABLE load_articles AS SELECT * EXCLUDE (month)"
                " FROM read_parquet(?, hive_partitioning = true, union_by_name = true)"
                " QUALIFY row_number() OVER (PARTITION BY id ORDER BY ingested_at, uri) = 1",
                [articles],
            )
            total = con.execute("SELECT count(*) FROM load_articles").fetchone()[0]
            con.execute("DELETE FROM load_articles WHERE id IN (SELECT id FROM articles)")
            con.execute(
                "UPDATE load_articles SET previous_version ="
                " (SELECT arg_max(a.id, a.ingested_at) FROM articles a WHERE a.uri = load_articles.uri)"
            )
            new, versions = con.execute(
                "SELECT count(*), count(previous_version) FROM load_articles"
            ).fetchone()
            counts[ADDED], counts[NEW_VERSION], counts[UNCHANGED] = new - versions, versions, total - new
            stories = store.story_index  # built from what is stored before this load
            con.execute(
                "INSERT INTO articles BY NAME SELECT * REPLACE (CAST(? AS BIGINT) AS run_id,"
                " CAST(? AS TIMESTAMP) AS ingested_at) FROM load_articles",
                [run_id, now],
            )
            for table in child_tables(con):
                files = _files(folder, table)
                if files:
                    key = "id" if _has_column(con, table, "id") else "article_id"
                    con.execute(
                        f"INSERT INTO {table} BY NAME SELECT * EXCLUDE (month)"
                        " FROM read_parquet(?, hive_partitioning = true, union_by_name = true)"
                        " WHERE article_id IN (SELECT id FROM load_articles)"
                        f" QUALIFY row_number() OVER (PARTITION BY {key} ORDER BY {key}) = 1",
                        [files],
                    )
            if _has_column(con, "articles", "story") and _has_column(con, "article_signatures", "signature"):
                _assign_stories(con, stories)
            actors = _files(folder, "actors")
            if actors:
                con.execute(
                    "INSERT OR IGNORE INTO actors BY NAME SELECT * FROM read_parquet(?, union_by_name = true)"
                    " QUALIFY row_number() OVER (PARTITION BY id ORDER BY id) = 1",
                    [actors],
                )
            con.execute("DROP TABLE load_articles")
        errors = _files(folder, "errors")
        if errors:
            counts["failed"] = con.execute(
                "SELECT count(*) FROM (SELECT DISTINCT uri, code, reason FROM read_parquet(?))", [errors]
            ).fetchone()[0]
            con.execute(
                "INSERT INTO ingest_errors (run_id, uri, code, reason, recorded_at)"
                " SELECT ?, uri, code, reason, min(recorded_at) FROM read_parquet(?) e"
                " WHERE NOT EXISTS (SELECT 1 FROM ingest_errors i"
                "                   WHERE i.uri = e.uri AND i.code = e.code AND i.reason = e.reason)"
                " GROUP BY uri, code, reason",
                [run_id, errors],
            )
        con.commit()
    except BaseException:
        con.rollback()
        store._stories = None  # the index may hold assignments the database does not: rebuild it
        raise
    finally:
        store.finish_run(run_id, counts)
    return counts


def _assign_stories(con, stories) -> None:
    """Give the loaded articles their stories as ``ingest`` would: through the store's near-duplicate
    index, against every article stored. A story is the smallest article id of its group of
    near-duplicates, so the result does not depend on the order the articles come in."""
    rows = con.execute(
        "SELECT s.article_id, s.signature FROM article_signatures s"
        " WHERE s.article_id IN (SELECT id FROM load_articles) ORDER BY s.article_id"
    ).fetchall()
    renamed_all: set[str] = set()
    for article_id, values in rows:
        story, renamed = stories.assign(article_id, values)
        stories.commit(article_id, values, story, renamed)
        renamed_all |= renamed
    changed = [(article_id, stories.story[article_id]) for (article_id, _) in rows]
    if renamed_all:
        earlier = con.execute(
            "SELECT id FROM articles WHERE story IN (SELECT unnest(?::VARCHAR[]))", [sorted(renamed_all)]
        ).fetchall()
        changed += [(article_id, stories.story.get(article_id, article_id)) for (article_id,) in earlier]
    if changed:
        con.execute("CREATE OR REPLACE TEMP TABLE load_stories (id VARCHAR, story VARCHAR)")
        con.executemany("INSERT INTO load_stories VALUES (?, ?)", changed)
        con.execute("UPDATE articles SET story = s.story FROM load_stories s WHERE articles.id = s.id")
        con.execute("DROP TABLE load_stories")


def parquet_counts(folder: str | Path) -> dict[str, int]:
    """Rows per table in a Parquet folder (for reports and tests)."""
    import duckdb

    folder = Path(folder)
    con = duckdb.connect()
    try:
        counts = {}
        for table in sorted(p.name for p in folder.iterdir() if p.is_dir()):
            files = _files(folder, table)
            counts[table] = con.execute("SELECT count(*) FROM read_parquet(?)", [files]).fetchone()[0] if files else 0
        return counts
    finally:
        con.close()
