"""The DuckDB store: schema and migrations, one transaction per article, queries.

Every SQL statement is parameterised; nothing from an article is ever formatted into SQL.
DuckDB allows one writing process per file: a second writer (or a reader while an ingest
runs) gets a :class:`~newsgraph.errors.StoreError` naming the process that holds the lock.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import duckdb

from .errors import StoreError
from .model import Analysis, IngestError
from .resources import data_path
from .stories import StoryIndex, signature

DEFAULT_DB = "newsgraph.duckdb"

# DuckDB's Python client tries `import pandas` for every bound parameter; when pandas is not
# installed each failed import walks sys.path again, which made storing an article cost more
# than parsing it. Recording the absence once makes the failure immediate; nothing changes
# when pandas is installed.
if importlib.util.find_spec("pandas") is None:
    sys.modules.setdefault("pandas", None)  # type: ignore[arg-type]

# Forward migrations, applied in order, each in its own transaction.
MIGRATIONS: tuple[tuple[int, str, str], ...] = (
    (1, "initial schema", "001_initial.sql"),
    (2, "actor resolution: mention roles, antecedents; people", "002_actor_resolution.sql"),
    (3, "statements: spans, speakers, links; richer source links", "003_statements.sql"),
    (4, "events: evidence, statement, sentence", "004_events.sql"),
    (5, "language, places, resolved dates, stories and merged events", "005_places_dates_stories.sql"),
    (6, "contested claims across the articles of a story", "006_story_disputes.sql"),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]

ADDED, UNCHANGED, NEW_VERSION = "added", "unchanged", "new-version"
ACTOR_COLUMNS = (
    "id", "name", "kind", "country", "sector", "aliases", "wikidata", "parent", "affiliations", "role", "gender",
)
STATEMENT_COLUMNS = (
    "id", "article_id", "start_char", "end_char", "content", "direct", "cue", "speaker", "speaker_actor_id",
    "speaker_role", "anonymous", "medium", "rule", "confidence", "kind", "content_spans", "cue_start", "cue_end",
    "speaker_start", "speaker_end", "speaker_mention", "speaker_country", "speaker_sector", "medium_text", "via",
    "negated", "disputes", "supports", "flags",
)
EVENT_COLUMNS = (
    "id", "article_id", "start_char", "end_char", "trigger", "plover_type", "mode", "cameo", "quad_class",
    "source_actor_ids", "target_actor_ids", "status", "event_date", "place", "rule", "confidence", "goldstein",
    "source_text", "target_text", "statement", "sentence_start", "sentence_end", "date_text", "date_precision",
    "place_feature", "place_country", "place_geonameid", "place_lat", "place_lon", "place_source",
    "place_confidence",
)
ARTICLE_COLUMNS = (
    "id", "uri", "headline", "publisher", "published", "dateline", "byline", "language", "encoding", "text",
    "word_count", "story", "previous_version", "cleaning", "run_id", "ingested_at", "language_confidence",
    "skipped", "place_name", "place_country", "place_geonameid", "place_lat", "place_lon", "place_confidence",
)
SIGNATURE_COLUMNS = ("article_id", "signature")
DEFAULT_BATCH_ARTICLES = 16
PLACE_COLUMNS = (
    "id", "article_id", "start_char", "end_char", "text", "name", "feature", "country", "country3", "geonameid",
    "lat", "lon", "population", "in_dateline", "confidence",
)
LINK_COLUMNS = (
    "id", "article_id", "record_kind", "record_id", "hop", "reporter", "cited", "cue", "reporter_actor_id",
    "cited_actor_id",
)
MENTION_COLUMNS = (
    "id", "article_id", "start_char", "end_char", "text", "label", "method", "actor_id", "rule", "confidence",
    "role", "sector", "refers_to",
)
TABLE_COLUMNS = {
    "articles": ARTICLE_COLUMNS, "actors": ACTOR_COLUMNS, "mentions": MENTION_COLUMNS,
    "statements": STATEMENT_COLUMNS, "events": EVENT_COLUMNS, "source_links": LINK_COLUMNS,
    "places": PLACE_COLUMNS, "article_signatures": SIGNATURE_COLUMNS,
}
TABLE_VERB = {"actors": "INSERT OR IGNORE"}  # an actor seen before stays as first stored


def _json_value(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} {value!r}")


def rows_of(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    """The result of a parameterised query as a list of dicts (column name → value)."""
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def where(*conditions: tuple[Any, str, list[Any]]) -> tuple[str, list[Any]]:
    """A WHERE clause from (value, SQL with ? placeholders, parameters) for the values given."""
    used = [(sql, params) for value, sql, params in conditions if value is not None and value != ""]
    clause = ("WHERE " + " AND ".join(sql for sql, _ in used)) if used else ""
    return clause, [p for _, params in used for p in params]


def _alpha2(code: str | None) -> str | None:
    """An ISO 3166 alpha-2 code from alpha-2 or alpha-3 (events store GeoNames' alpha-2)."""
    if not code or len(code) != 3:
        return code.upper() if code else code
    import pycountry

    country = pycountry.countries.get(alpha_3=code.upper())
    return country.alpha_2 if country else code.upper()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def _explain_lock(path: str, exc: Exception) -> str:
    message = str(exc)
    holder = re.search(r"\(PID (\d+)\)", message)
    who = f"process {holder.group(1)}" if holder else "another process"
    return (
        f"database {path} is in use by {who} (DuckDB allows one writer at a time); "
        "wait for it to finish, or read a copy of the file"
    )


class Store:
    """A newsgraph database file.

    >>> with Store("news.duckdb") as store:          # doctest: +SKIP
    ...     store.stats()["articles"]
    """

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False):
        self.path = str(path)
        self.read_only = read_only
        self._types: dict[str, dict[str, str]] = {}
        self._stories: StoryIndex | None = None
        # Articles stored per transaction by `ingest`: a kill loses at most this many articles'
        # work (they are stored by the next run), never half of one.
        self.batch_size = DEFAULT_BATCH_ARTICLES
        if read_only and not Path(self.path).exists():
            raise StoreError(f"no database at {self.path}: run `newsgraph ingest` first, or give --db")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise StoreError(_explain_lock(self.path, exc)) from exc
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        except duckdb.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        try:
            self._check_or_migrate()
        except BaseException:
            self.con.close()
            raise

    # -- schema ---------------------------------------------------------------------------

    def schema_version(self) -> int:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()[0]
        if not exists:
            return 0
        return self.con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]

    def _check_or_migrate(self) -> None:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"database {self.path} has schema version {version}, newer than this newsgraph "
                f"understands ({SCHEMA_VERSION}): upgrade newsgraph"
            )
        if version == SCHEMA_VERSION:
            return
        if self.read_only:
            if version == 0:
                raise StoreError(f"{self.path} is not a newsgraph database (no schema)")
            raise StoreError(f"database {self.path} needs migrating: open it once for writing (e.g. `newsgraph ingest`)")
        if version == 0:
            tables = self.con.execute("SELECT count(*) FROM information_schema.tables").fetchone()[0]
            if tables:
                raise StoreError(f"{self.path} is a DuckDB file of something else, not a newsgraph database")
        for number, description, filename in MIGRATIONS:
            if number <= version:
                continue
            sql = data_path("migrations", filename).read_text(encoding="utf-8")
            self.con.begin()
            try:
                self.con.execute(
                    "CREATE TABLE IF NOT EXISTS schema_version "
                    "(version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP NOT NULL)"
                )
                self.con.execute(sql)
                self.con.execute(
                    "INSERT INTO schema_version VALUES (?, ?, ?)", [number, description, _now()]
                )
                self.con.commit()
            except BaseException:
                self.con.rollback()
                raise

    # -- lifecycle ------------------------------------------------------------------------

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing --------------------------------------------------------------------------

    def start_run(self, command: str) -> int:
        # Not a sequence: a sequence's value can be lost when the process is killed while the run
        # row survives (found by the SIGKILL test). One writer at a time makes max + 1 safe.
        run_id = self.con.execute("SELECT coalesce(max(id), 0) + 1 FROM ingest_runs").fetchone()[0]
        self.con.execute(
            "INSERT INTO ingest_runs (id, command, started_at) VALUES (?, ?, ?)", [run_id, command, _now()]
        )
        return run_id

    def finish_run(self, run_id: int, counts: dict[str, int]) -> None:
        self.con.execute(
            "UPDATE ingest_runs SET finished_at = ?, added = ?, unchanged = ?, versions = ?, failed = ? WHERE id = ?",
            [
                _now(),
                counts.get(ADDED, 0),
                counts.get(UNCHANGED, 0),
                counts.get(NEW_VERSION, 0),
                counts.get("failed", 0),
                run_id,
            ],
        )

    def record_error(self, error: IngestError, run_id: int | None = None) -> None:
        self.con.execute(
            "INSERT INTO ingest_errors VALUES (?, ?, ?, ?, ?)",
            [run_id if run_id is not None else 0, error.uri, error.code, error.reason, _now()],
        )

    def add(self, analysis: Analysis, run_id: int | None = None) -> str:
        """Store one article and its records in one transaction.

        Returns ``added``, ``unchanged`` (the same content is already stored: nothing is
        written) or ``new-version`` (the uri was stored before with other content; the new
        article links to the earlier one).
        """
        return self.add_batch([analysis], run_id)[0]

    def add_batch(self, analyses: list[Analysis], run_id: int | None = None) -> list[str]:
        """Store several articles in one transaction, one insert per table: all of them or none.

        The outcome of each, in order, as :meth:`add` gives it (an article repeated inside the
        batch is ``unchanged`` the second time). Batching is what keeps storing cheap: DuckDB's
        cost is per statement far more than per row.
        """
        outcomes: list[str] = []
        tables: dict[str, list[list[Any]]] = {}
        story_of: dict[str, str] = {}  # the story of each article of this batch, renamed as stories join
        self.con.begin()
        try:
            ids = [a.article.id for a in analyses]
            stored = {r[0] for r in self.con.execute(
                "SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()}
            latest = dict(self.con.execute(
                "SELECT uri, arg_max(id, (ingested_at, id)) FROM articles"
                " WHERE uri IN (SELECT unnest(?::VARCHAR[])) GROUP BY uri",
                [sorted({a.article.uri for a in analyses})]).fetchall())
            for analysis in analyses:
                article = analysis.article
                if article.id in stored:
                    outcomes.append(UNCHANGED)
                    continue
                stored.add(article.id)
                previous = latest.get(article.uri)
                latest[article.uri] = article.id
                values = list(analysis.signature) or signature(article.text)
                story, renamed = self.story_index.assign(article.id, values)
                if renamed:  # this article joins earlier stories into one: they take its (smallest) id
                    self.con.execute(
                        "UPDATE articles SET story = ? WHERE story IN (SELECT unnest(?::VARCHAR[]))",
                        [story, sorted(renamed)],
                    )
                    for key, value in story_of.items():
                        if value in renamed:
                            story_of[key] = story
                self.story_index.commit(article.id, values, story, renamed)  # undone below on failure
                story_of[article.id] = story
                for table, rows in self._article_rows(analysis, previous, run_id).items():
                    tables.setdefault(table, []).extend(rows)
                tables.setdefault("article_signatures", []).append([article.id, values])
                outcomes.append(NEW_VERSION if previous else ADDED)
            for row in tables.get("articles", []):
                row[ARTICLE_COLUMNS.index("story")] = story_of[row[0]]
            for table, rows in tables.items():
                self._insert_rows(table, rows, columns=TABLE_COLUMNS[table], verb=TABLE_VERB.get(table, "INSERT"))
            self.con.commit()
        except BaseException:
            self.con.rollback()
            self._stories = None  # the in-memory index saw articles that are not stored: rebuild it
            raise
        return outcomes

    @property
    def story_index(self) -> StoryIndex:
        """The near-duplicate index, rebuilt from the stored signatures on first use."""
        if self._stories is None:
            rows = self.con.execute(
                "SELECT s.article_id, s.signature, a.story FROM article_signatures s"
                " JOIN articles a ON a.id = s.article_id ORDER BY s.article_id"
            ).fetchall()
            self._stories = StoryIndex(rows)
        return self._stories

    def _column_types(self, table: str) -> dict[str, str]:
        """Column name -> JSON structure type (``VARCHAR``, ``["VARCHAR"]`` …), read once per table."""
        if table not in self._types:
            rows = self.con.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?", [table]
            ).fetchall()
            self._types[table] = {
                name: (f'["{kind[:-2]}"]' if kind.endswith("[]") else f'"{kind}"') for name, kind in rows
            }
        return self._types[table]

    def _insert_rows(
        self, table: str, rows: list[list[Any]], *, verb: str = "INSERT", columns: tuple[str, ...] | None = None
    ) -> None:
        """Insert rows as one JSON parameter unpacked by DuckDB (``from_json``): one bound value per
        table and article instead of one per cell, which made storing cost more than parsing."""
        types = self._column_types(table)
        columns = columns or tuple(types)
        structure = "[{" + ", ".join(f'"{c}": {types[c]}' for c in columns) + "}]"
        payload = json.dumps([dict(zip(columns, row)) for row in rows], ensure_ascii=False, default=_json_value)
        self.con.execute(
            f"{verb} INTO {table} ({', '.join(columns)}) SELECT unnest(from_json(?, '{structure}'), recursive := true)",
            [payload],
        )

    def _article_rows(self, analysis: Analysis, previous: str | None, run_id: int | None) -> dict[str, list[list[Any]]]:
        """The rows of one article in every table, keyed by table (columns as TABLE_COLUMNS)."""
        a = analysis.article
        place = a.place
        out: dict[str, list[list[Any]]] = {"articles": [[
            a.id, a.uri, a.headline, a.publisher, a.published, a.dateline, a.byline, a.language, a.encoding,
            a.text, a.word_count, a.story, previous, [dataclasses.asdict(step) for step in a.cleaning], run_id,
            _now(), a.language_confidence, a.skipped, place and place.name, place and place.country,
            place and place.geonameid, place and place.lat, place and place.lon, place and place.confidence,
        ]]}
        out["places"] = [
            [
                f"{a.id}:p{i}", a.id, p.start, p.end, p.text, p.name, p.feature, p.country, p.country3,
                p.geonameid, p.lat, p.lon, p.population, p.in_dateline, p.confidence,
            ]
            for i, p in enumerate(analysis.places)
        ]
        out["actors"] = [
            [
                actor.id, actor.name, actor.kind, actor.country, actor.sector, list(actor.aliases),
                actor.wikidata, actor.parent, list(actor.affiliations), actor.role, actor.gender,
            ]
            for actor in analysis.actors
        ]
        out["mentions"] = [
            [
                f"{a.id}:m{i}", a.id, m.start, m.end, m.text, m.label, m.method, m.actor_id, m.rule,
                m.confidence, m.role, m.sector, None if m.refers_to is None else f"{a.id}:m{m.refers_to}",
            ]
            for i, m in enumerate(analysis.mentions)
        ]
        ref = lambda kind, i: None if i is None else f"{a.id}:{kind}{i}"  # noqa: E731
        out["statements"] = [
            [
                f"{a.id}:s{i}", a.id, s.start, s.end, s.content, s.direct, s.cue, s.speaker,
                s.speaker_actor_id, s.speaker_role, s.anonymous, s.medium, s.rule, s.confidence,
                s.kind, [list(p) for p in s.content_spans], s.cue_start, s.cue_end, s.speaker_start, s.speaker_end,
                ref("m", s.speaker_mention), s.speaker_country, s.speaker_sector, s.medium_text, s.via,
                s.negated, ref("s", s.disputes), ref("s", s.supports), list(s.flags),
            ]
            for i, s in enumerate(analysis.statements)
        ]
        out["events"] = [
            [
                f"{a.id}:e{i}", a.id, e.start, e.end, e.trigger, e.plover_type, e.mode, e.cameo, e.quad_class,
                list(e.source_actor_ids), list(e.target_actor_ids), e.status, e.date, e.place, e.rule,
                e.confidence, e.goldstein, e.source_text, e.target_text,
                None if e.statement is None else f"{a.id}:s{e.statement}", e.sentence_start, e.sentence_end,
                e.date_text, e.date_precision, e.place_feature, e.place_country, e.place_geonameid,
                e.place_lat, e.place_lon, e.place_source, e.place_confidence,
            ]
            for i, e in enumerate(analysis.events)
        ]
        kinds = {"statement": "s", "event": "e"}
        out["source_links"] = [
            [
                f"{a.id}:l{i}", a.id, link.record_kind, f"{a.id}:{kinds[link.record_kind]}{link.record_index}",
                link.hop, link.reporter, link.cited, link.cue, link.reporter_actor_id, link.cited_actor_id,
            ]
            for i, link in enumerate(analysis.source_links)
        ]
        return {table: rows for table, rows in out.items() if rows}

    def ingest(self, results: Iterable[Analysis | IngestError], *, command: str = "ingest") -> dict[str, int]:
        """Store a stream of pipeline results in one ingest run; returns the counts per outcome."""
        counts = {ADDED: 0, UNCHANGED: 0, NEW_VERSION: 0, "failed": 0}
        run_id = self.start_run(command)
        try:
            for outcome in self.ingest_each(results, run_id):
                counts[outcome[0]] += 1
        finally:
            self.finish_run(run_id, counts)
        return counts

    def ingest_each(
        self, results: Iterable[Analysis | IngestError], run_id: int
    ) -> Iterator[tuple[str, Analysis | IngestError]]:
        """Store results one by one, yielding (outcome, result) so that callers can report progress."""
        pending: list[Analysis | IngestError] = []
        for result in results:
            pending.append(result)
            if sum(1 for p in pending if not isinstance(p, IngestError)) >= self.batch_size:
                yield from self._store_pending(pending, run_id)
                pending = []
        yield from self._store_pending(pending, run_id)

    def _store_pending(self, pending: list[Analysis | IngestError], run_id: int) -> Iterator[tuple[str, Any]]:
        """Errors recorded, articles stored in one transaction; outcomes in the order given."""
        analyses = [p for p in pending if not isinstance(p, IngestError)]
        stored = iter(self.add_batch(analyses, run_id) if analyses else [])
        for item in pending:
            if isinstance(item, IngestError):
                self.record_error(item, run_id)
                yield "failed", item
            else:
                yield next(stored), item

    # -- reading --------------------------------------------------------------------------

    def _rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        return rows_of(self.con, sql, params)

    def articles(self, *, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Articles, newest publication first (undated last)."""
        return self._rows(
            "SELECT id, published, publisher, headline, dateline, byline, uri, word_count, previous_version"
            " FROM articles ORDER BY published DESC NULLS LAST, headline, id LIMIT ? OFFSET ?",
            [limit, offset],
        )

    def resolve_id(self, prefix: str) -> str | None:
        """The full id of an article from its id or an unambiguous prefix of it (at least 4 characters)."""
        exact = self.con.execute("SELECT id FROM articles WHERE id = ?", [prefix]).fetchone()
        if exact:
            return exact[0]
        if len(prefix) < 4:
            return None
        rows = self.con.execute(
            "SELECT id FROM articles WHERE starts_with(id, ?) LIMIT 2", [prefix]
        ).fetchall()
        if len(rows) > 1:
            raise StoreError(f"article id prefix {prefix!r} is ambiguous: give more characters")
        return rows[0][0] if rows else None

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article with every record extracted from it, or None."""
        full = self.resolve_id(article_id)
        if full is None:
            return None
        (row,) = self._rows("SELECT * FROM articles WHERE id = ?", [full])
        row["cleaning"] = json.loads(row["cleaning"]) if row["cleaning"] else []
        for table in ("mentions", "statements", "events", "source_links"):
            row[table] = self._rows(
                f"SELECT * FROM {table} WHERE article_id = ? ORDER BY start_char, id" if table != "source_links"
                else "SELECT * FROM source_links WHERE article_id = ? ORDER BY record_id, hop", [full])
        row["places"] = self._rows("SELECT * FROM places WHERE article_id = ? ORDER BY start_char, id", [full])
        for event in row["events"]:
            event["story"] = row["story"]
        self._attach_merges(row["events"])
        row["story_disputes"] = self.story_disputes(full)
        row["story_articles"] = self._rows(
            "SELECT id, headline, publisher, published, uri FROM articles WHERE story = ? AND id <> ?"
            " ORDER BY published NULLS LAST, id", [row["story"], full])
        self._attach_chains(row["statements"])
        self._attach_chains(row["events"], "event")
        row["versions"] = self._rows(
            "SELECT id, ingested_at FROM articles WHERE uri = ? AND id <> ? ORDER BY ingested_at", [row["uri"], full]
        )
        return row

    def actors(
        self, *, kind: str | None = None, country: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Actors seen in stored articles, most mentioned first."""
        clause, params = where(
            (kind, "a.kind = ?", [kind]),
            (country, "a.country = ?", [country.upper() if country else None]),
        )
        return self._rows(
            "SELECT a.id, a.name, a.kind, a.country, a.sector, a.role, count(m.id) AS mentions,"
            " count(DISTINCT m.article_id) AS articles"
            f" FROM actors a LEFT JOIN mentions m ON m.actor_id = a.id {clause}"
            " GROUP BY ALL ORDER BY mentions DESC, a.id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )

    def actor(self, actor_id: str) -> dict[str, Any] | None:
        """One actor: its record, the names it was seen under, roles, mentions, statements and events."""
        rows = self._rows("SELECT * FROM actors WHERE id = ?", [actor_id])
        if not rows:
            return None
        row = rows[0]
        row["names_seen"] = self._rows(
            "SELECT text, count(*) AS mentions FROM mentions WHERE actor_id = ? GROUP BY text ORDER BY mentions DESC, text",
            [actor_id],
        )
        row["roles"] = [
            r["role"] for r in self._rows(
                "SELECT DISTINCT role FROM mentions WHERE actor_id = ? AND role IS NOT NULL ORDER BY role", [actor_id]
            )
        ]
        row["mentions"] = self._rows(
            "SELECT m.id, m.article_id, a.headline, m.text, m.start_char, m.end_char, m.method, m.confidence"
            " FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.actor_id = ?"
            " ORDER BY a.published DESC NULLS LAST, m.id LIMIT 200",
            [actor_id],
        )
        row["statements"] = self._rows(
            "SELECT * FROM statements WHERE speaker_actor_id = ? ORDER BY id LIMIT 200", [actor_id]
        )
        row["events"] = self._rows(
            "SELECT * FROM events WHERE list_contains(source_actor_ids, ?) OR list_contains(target_actor_ids, ?)"
            " ORDER BY id LIMIT 200",
            [actor_id, actor_id],
        )
        return row

    def quotes(
        self,
        *,
        speaker: str | None = None,
        actor: str | None = None,
        anonymous: bool | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Statements with their article, speaker and chain of sources, newest first."""
        clause, params = where(
            (speaker, "s.speaker ILIKE ?", [f"%{speaker}%"]),
            (actor, "s.speaker_actor_id = ?", [actor]),
            (anonymous, "s.anonymous = ?", [anonymous]),
            (since, "a.published >= ?", [since]),
            (until, "a.published <= ?", [until]),
        )
        rows = self._rows(
            "SELECT s.id, s.article_id, a.published, a.publisher, s.speaker, s.speaker_actor_id, s.speaker_role,"
            " s.anonymous, s.speaker_country, s.speaker_sector, s.cue, s.content, s.direct, s.kind, s.medium, s.via,"
            " s.negated, s.disputes, s.start_char, s.end_char"
            f" FROM statements s JOIN articles a ON a.id = s.article_id {clause}"
            " ORDER BY a.published DESC NULLS LAST, s.id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        self._attach_chains(rows)
        return rows

    def _attach_chains(self, records: list[dict[str, Any]], kind: str = "statement") -> None:
        """Give each statement or event row its chain of sources: ["Dawn", "The Washington Post", …]."""
        if not records:
            return
        links = self._rows(
            "SELECT record_id, hop, reporter, cited FROM source_links"
            " WHERE record_kind = ? AND list_contains(?, record_id) ORDER BY record_id, hop",
            [kind, [r["id"] for r in records]],
        )
        chains: dict[str, list[str]] = {}
        for link in links:
            chain = chains.setdefault(link["record_id"], [link["reporter"]])
            chain.append(link["cited"])
        for row in records:
            row["chain"] = chains.get(row["id"], [])

    def events(
        self,
        *,
        event_type: str | None = None,
        source: str | None = None,
        target: str | None = None,
        actor: str | None = None,
        status: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        country: str | None = None,
        merged: bool = False,
        limit: int = 100,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Events with their article and chain of sources, newest first.

        ``merged`` gives one row per merged event (the same source, type, target and day across
        the articles of a story), with its counts; ``country`` is where the event took place
        (ISO alpha-2 or alpha-3)."""
        clause, params = where(
            (event_type, "e.plover_type = ?", [(event_type or "").upper()]),
            (source, "list_contains(e.source_actor_ids, ?)", [source]),
            (target, "list_contains(e.target_actor_ids, ?)", [target]),
            (actor, "(list_contains(e.source_actor_ids, ?) OR list_contains(e.target_actor_ids, ?))", [actor, actor]),
            (status, "e.status = ?", [status]),
            (since, "coalesce(e.event_date, a.published) >= ?", [since]),
            (until, "coalesce(e.event_date, a.published) <= ?", [until]),
            (country, "e.place_country = ?", [_alpha2(country)]),
            (merged or None, "e.id = m.merged_id", []),
        )
        # Without `merged`, the page is chosen first and the merge counts are computed for the
        # stories on it only (the view over every event costs about a second on a million).
        rows = self._rows(
            "SELECT e.id, e.article_id, a.published, a.publisher, e.event_date, e.plover_type, e.mode, e.cameo,"
            " e.quad_class, e.goldstein, e.source_actor_ids, e.target_actor_ids, e.source_text, e.target_text,"
            " e.status, e.trigger, e.start_char, e.end_char, e.place, e.place_country, e.place_lat, e.place_lon,"
            " e.date_text, e.date_precision, e.rule, e.confidence, a.story,"
            + (" m.merged_id, m.num_mentions, m.num_sources, m.num_articles," if merged else "")
            + " substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence"
            " FROM events e JOIN articles a ON a.id = e.article_id"
            + (" JOIN event_merges m ON m.event_id = e.id" if merged else "")
            + f" {clause}"
            " ORDER BY a.published DESC NULLS LAST, e.id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        if not merged:
            self._attach_merges(rows)
        self._attach_chains(rows, "event")
        return rows

    def _attach_merges(self, events: list[dict[str, Any]]) -> None:
        """Each event's merged event and its counts, computed over the stories of these events
        only (what the `merged_events` view gives, without grouping every event stored)."""
        stories = sorted({e["story"] or e["article_id"] for e in events})
        found: dict[str, dict[str, Any]] = {}
        if stories:
            found = {r["event_id"]: r for r in self._rows(
                "WITH ev AS (SELECT e.id, coalesce(a.story, a.id) AS story, e.plover_type, e.source_actor_ids,"
                " e.target_actor_ids, coalesce(e.event_date, a.published) AS day, e.article_id,"
                " coalesce(a.publisher, a.uri) AS outlet FROM events e JOIN articles a ON a.id = e.article_id"
                " WHERE coalesce(a.story, a.id) IN (SELECT unnest(?::VARCHAR[]))),"
                " g AS (SELECT story, plover_type, source_actor_ids, target_actor_ids, day, min(id) AS merged_id,"
                " count(*) AS num_mentions, count(DISTINCT outlet) AS num_sources,"
                " count(DISTINCT article_id) AS num_articles FROM ev GROUP BY ALL)"
                " SELECT ev.id AS event_id, g.merged_id, g.num_mentions, g.num_sources, g.num_articles"
                " FROM ev JOIN g ON g.story = ev.story AND g.plover_type = ev.plover_type"
                " AND g.source_actor_ids IS NOT DISTINCT FROM ev.source_actor_ids"
                " AND g.target_actor_ids IS NOT DISTINCT FROM ev.target_actor_ids"
                " AND g.day IS NOT DISTINCT FROM ev.day", [stories])}
        for event in events:
            merge = found.get(event["id"], {})
            for key in ("merged_id", "num_mentions", "num_sources", "num_articles"):
                event[key] = merge.get(key)

    def story_disputes(self, article_id: str) -> list[dict[str, Any]]:
        """Contested claims across a story touching one article: its denials (or confirmations)
        of another article's document, and other articles' denials of its documents."""
        return self._rows(
            "SELECT d.link, d.statement_id, s.article_id, s.speaker, s.cue, s.content, sa.publisher,"
            " d.target_id, t.article_id AS target_article_id, t.speaker AS target_speaker,"
            " t.content AS target_content, ta.publisher AS target_publisher"
            " FROM story_disputes d JOIN statements s ON s.id = d.statement_id"
            " JOIN articles sa ON sa.id = s.article_id JOIN statements t ON t.id = d.target_id"
            " JOIN articles ta ON ta.id = t.article_id"
            " WHERE d.article_id = ? OR t.article_id = ? ORDER BY d.statement_id",
            [article_id, article_id],
        )

    def stories(self, *, min_articles: int = 2, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Stories (groups of near-duplicate articles) with at least ``min_articles``, largest first."""
        return self._rows(
            "SELECT story, count(*) AS articles, count(DISTINCT publisher) AS publishers,"
            " list(DISTINCT publisher ORDER BY publisher) FILTER (WHERE publisher IS NOT NULL) AS publisher_names,"
            " min(published) AS first_published, max(published) AS last_published,"
            " arg_min(headline, coalesce(published, DATE '9999-12-31')) AS headline,"
            " (SELECT count(*) FROM merged_events m WHERE m.story = a.story) AS events"
            " FROM articles a GROUP BY story HAVING count(*) >= ?"
            " ORDER BY articles DESC, first_published NULLS LAST, story LIMIT ? OFFSET ?",
            [min_articles, limit, offset],
        )

    def errors(self, *, limit: int = 100) -> list[dict[str, Any]]:
        return self._rows("SELECT * FROM ingest_errors ORDER BY recorded_at DESC LIMIT ?", [limit])

    def stats(self) -> dict[str, Any]:
        """Counts and ranges over the whole database."""
        one = self.con.execute(
            "SELECT count(*), count(DISTINCT publisher), min(published), max(published), coalesce(sum(word_count), 0)"
            " FROM articles"
        ).fetchone()
        count = lambda sql: self.con.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "articles": one[0],
            "publishers": one[1],
            "first_published": one[2],
            "last_published": one[3],
            "words": int(one[4]),
            "actors": count("SELECT count(*) FROM actors"),
            "mentions": count("SELECT count(*) FROM mentions"),
            "named_entities": count("SELECT count(DISTINCT lower(text)) FROM mentions"),
            "statements": count("SELECT count(*) FROM statements"),
            "anonymous_statements": count("SELECT count(*) FROM statements WHERE anonymous"),
            "events": count("SELECT count(*) FROM events"),
            "merged_events": count("SELECT count(*) FROM merged_events"),
            "stories": count("SELECT count(*) FROM (SELECT story FROM articles GROUP BY story HAVING count(*) > 1)"),
            "places": count("SELECT count(*) FROM places"),
            "skipped_articles": count("SELECT count(*) FROM articles WHERE skipped IS NOT NULL"),
            "source_links": count("SELECT count(*) FROM source_links"),
            "ingest_runs": count("SELECT count(*) FROM ingest_runs"),
            "errors": count("SELECT count(*) FROM ingest_errors"),
            "schema_version": self.schema_version(),
            "top_publishers": self._rows(
                "SELECT publisher, count(*) AS articles FROM articles WHERE publisher IS NOT NULL"
                " GROUP BY publisher ORDER BY articles DESC, publisher LIMIT 10"
            ),
        }
