"""Full-text search over articles: DuckDB's fts extension (BM25), loaded from the pinned
``duckdb-extension-fts`` package's file, so that nothing is downloaded.

The index lives in the database (schema ``fts_main_articles``). Building it needs a writable
connection, so it is rebuilt at the end of an ingest (call :func:`rebuild_search_index`) and
when ``newsgraph serve`` starts; a reader that finds it stale (articles missing from it, or
documents that are gone) falls back to a plain substring search and says so.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import duckdb

INDEX_SCHEMA = "fts_main_articles"


@functools.cache
def fts_extension_path() -> str:
    """The fts extension file shipped inside the ``duckdb_extension_fts`` package."""
    import duckdb_extension_fts

    base = Path(duckdb_extension_fts.__file__).parent / "extensions"
    version = duckdb.__version__
    preferred = base / f"v{version}" / "fts.duckdb_extension"
    if preferred.exists():
        return str(preferred)
    found = sorted(base.rglob("fts.duckdb_extension"))
    if not found:
        raise RuntimeError(f"the fts extension file is missing from {base}: reinstall duckdb-extension-fts")
    return str(found[-1])


def load_fts(con: duckdb.DuckDBPyConnection) -> None:
    """LOAD the fts extension from its file (a path, never the network)."""
    path = fts_extension_path().replace("'", "''")
    con.execute(f"LOAD '{path}'")


def search_index_state(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Whether the index exists and covers exactly the stored articles."""
    articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = 'docs'",
        [INDEX_SCHEMA],
    ).fetchone()[0] > 0
    if not exists:
        return {"exists": False, "stale": True, "indexed": 0, "articles": articles}
    indexed = con.execute(f"SELECT count(*) FROM {INDEX_SCHEMA}.docs").fetchone()[0]
    missing = con.execute(
        f"SELECT count(*) FROM articles a ANTI JOIN {INDEX_SCHEMA}.docs d ON d.name = a.id"
    ).fetchone()[0]
    return {"exists": True, "stale": bool(missing or indexed != articles), "indexed": indexed, "articles": articles}


def rebuild_search_index(con: duckdb.DuckDBPyConnection, *, force: bool = False) -> bool:
    """Build (or rebuild) the BM25 index of article headlines and texts when it is stale.

    ``con`` must be writable. Returns True when the index was (re)built, False when it was
    already up to date. Cheap when nothing changed: one anti-join over article ids.
    """
    if not force and not search_index_state(con)["stale"]:
        return False
    load_fts(con)
    con.execute(
        "PRAGMA create_fts_index('articles', 'id', 'headline', 'text', stemmer = 'porter',"
        " stopwords = 'english', strip_accents = 1, lower = 1, overwrite = 1)"
    )
    return True
