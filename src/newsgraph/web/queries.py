"""Read-only queries behind the HTTP API, the dashboard and the briefing report.

Every function takes an open DuckDB connection (``Store.con``), binds every value as a
parameter and only formats into SQL the names of tables and columns it chose itself. Tables
and columns that other stages add later (``stories``, places on events) are looked up first,
so each query works on older databases too.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import re
from typing import Any

import duckdb

from ..store import rows_of, where
from .search import INDEX_SCHEMA, load_fts, search_index_state

COOPERATIVE, CONFLICTUAL, NEUTRAL = "cooperative", "conflictual", "neutral"


def tone(quad_class: int | None) -> str:
    """PLOVER/CAMEO quad class -> cooperative (1, 2), conflictual (3, 4) or neutral."""
    if quad_class in (1, 2):
        return COOPERATIVE
    if quad_class in (3, 4):
        return CONFLICTUAL
    return NEUTRAL


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    return rows_of(con, sql, params)


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Any:
    return con.execute(sql, params or []).fetchone()[0]


def columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    return {
        r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = ?",
            [table],
        ).fetchall()
    }


def has_table(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(scalar(
        con, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = ?", [table]
    ))


def first_column(con: duckdb.DuckDBPyConnection, table: str, *candidates: str) -> str | None:
    present = columns(con, table)
    return next((c for c in candidates if c in present), None)


def _parse_json(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def attach_chains(con: duckdb.DuckDBPyConnection, records: list[dict[str, Any]], kind: str = "statement") -> None:
    """Give each statement or event its chain of sources ["Dawn", "The Washington Post", …]
    and the hops it is made of (reporter, cited, cue)."""
    if not records:
        return
    links = rows(
        con,
        "SELECT record_id, hop, reporter, cited, cue FROM source_links"
        " WHERE record_kind = ? AND list_contains(?, record_id) ORDER BY record_id, hop",
        [kind, [r["id"] for r in records]],
    )
    chains: dict[str, list[str]] = {}
    hops: dict[str, list[dict[str, Any]]] = {}
    for link in links:
        chains.setdefault(link["record_id"], [link["reporter"]]).append(link["cited"])
        hops.setdefault(link["record_id"], []).append(
            {"reporter": link["reporter"], "cited": link["cited"], "cue": link["cue"]}
        )
    for row in records:
        row["chain"] = chains.get(row["id"], [])
        row["chain_hops"] = hops.get(row["id"], [])


def actor_names(con: duckdb.DuckDBPyConnection, ids: set[str] | list[str]) -> dict[str, dict[str, Any]]:
    ids = sorted({i for i in ids if i})
    if not ids:
        return {}
    return {
        r["id"]: r for r in rows(
            con, "SELECT id, name, kind, country, sector FROM actors WHERE list_contains(?, id)", [ids]
        )
    }


# -- articles ------------------------------------------------------------------------------

_WORD = re.compile(r"\w+", re.UNICODE)


def snippet(text: str, query: str | None, width: int = 220) -> str:
    """A piece of the text around the first word of the query found in it (else its start)."""
    text = text or ""
    start = 0
    if query:
        lowered = text.lower()
        hits = [lowered.find(w.lower()) for w in _WORD.findall(query) if len(w) > 1]
        hits = [h for h in hits if h >= 0]
        if hits:
            start = max(0, min(hits) - width // 3)
            space = text.rfind(" ", 0, start)
            start = space + 1 if start and space >= 0 else start
    piece = text[start:start + width].replace("\n", " ")
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


def list_articles(
    con: duckdb.DuckDBPyConnection,
    *,
    q: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    publisher: str | None = None,
    actor: str | None = None,
    story: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """Articles, filtered; with ``q`` ranked by BM25 over headline and text (fts index), or by a
    plain substring match when the index is missing or stale."""
    clause, params = where(
        (since, "a.published >= ?", [since]),
        (until, "a.published <= ?", [until]),
        (publisher, "lower(a.publisher) = lower(?)", [publisher]),
        (actor, "a.id IN (SELECT article_id FROM mentions WHERE actor_id = ?)", [actor]),
        (story, "a.story = ?", [story]),
    )
    select = (
        "SELECT a.id, a.published, a.publisher, a.headline, a.dateline, a.byline, a.word_count, a.story,"
        " a.uri, a.text"
    )
    ranking = None
    if q:
        state = search_index_state(con)
        if state["exists"] and not state["stale"]:
            ranking = "bm25"
            load_fts(con)
            scored = f"{INDEX_SCHEMA}.match_bm25(a.id, ?)"
            base = f"FROM (SELECT *, {scored} AS score FROM articles a) a"
            cond = "a.score IS NOT NULL"
            clause = (clause + " AND " + cond) if clause else "WHERE " + cond
            params = [q, *params]
            order = "a.score DESC, a.published DESC NULLS LAST, a.id"
            select += ", a.score"
        else:
            ranking = "substring (the search index is " + ("stale" if state["exists"] else "not built") + ")"
            terms = [w for w in _WORD.findall(q)][:20] or [q]
            cond = " AND ".join("(a.headline ILIKE ? ESCAPE '\\' OR a.text ILIKE ? ESCAPE '\\')" for _ in terms)
            like = [p for w in terms for p in (f"%{_escape_like(w)}%",) * 2]
            base = "FROM articles a"
            clause = (clause + " AND " + cond) if clause else "WHERE " + cond
            params = [*params, *like]
            order = "a.published DESC NULLS LAST, a.id"
    else:
        base = "FROM articles a"
        order = "a.published DESC NULLS LAST, a.headline, a.id"
    total = scalar(con, f"SELECT count(*) {base} {clause}", params)
    items = rows(con, f"{select} {base} {clause} ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset])
    for item in items:
        item["snippet"] = snippet(item.pop("text"), q)
    return {"items": items, "total": total, "limit": limit, "offset": offset, "ranking": ranking}


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def article_detail(store: Any, article_id: str) -> dict[str, Any] | None:
    """One article with all its records (offsets into ``text``) and the actors they name."""
    row = store.article(article_id)
    if row is None:
        return None
    con = store.con
    for st in row["statements"]:
        st["content_spans"] = _parse_json(st.get("content_spans")) or []
    attach_chains(con, row["statements"])
    attach_chains(con, row["events"], "event")
    for ev in row["events"]:
        ev["tone"] = tone(ev.get("quad_class"))
    ids: set[str] = {m["actor_id"] for m in row["mentions"] if m.get("actor_id")}
    ids |= {s["speaker_actor_id"] for s in row["statements"] if s.get("speaker_actor_id")}
    for ev in row["events"]:
        ids |= set(ev.get("source_actor_ids") or []) | set(ev.get("target_actor_ids") or [])
    row["actors"] = actor_names(con, ids)
    return row


# -- overview ------------------------------------------------------------------------------

def overview(store: Any) -> dict[str, Any]:
    con = store.con
    stats = store.stats()
    stats["search_index"] = search_index_state(con)
    months = rows(
        con,
        "SELECT strftime(coalesce(e.event_date, a.published), '%Y-%m') AS month, e.plover_type, count(*) AS events"
        " FROM events e JOIN articles a ON a.id = e.article_id"
        " WHERE coalesce(e.event_date, a.published) IS NOT NULL GROUP BY ALL ORDER BY month, e.plover_type",
    )
    types = rows(
        con,
        "SELECT plover_type, count(*) AS events, count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperative,"
        " count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflictual"
        " FROM events GROUP BY plover_type ORDER BY events DESC, plover_type",
    )
    return {
        "stats": stats,
        "events_over_time": months,
        "event_types": types,
        "top_actors": top_actors(con, limit=12),
        "latest_articles": list_articles(con, limit=8)["items"],
    }


def top_actors(con: duckdb.DuckDBPyConnection, *, limit: int = 12) -> list[dict[str, Any]]:
    """Actors ranked by activity: events they take part in, statements, then mentions."""
    return rows(
        con,
        "WITH ev AS (SELECT unnest(list_distinct(list_concat(source_actor_ids, target_actor_ids))) AS actor_id"
        "            FROM events),"
        " evc AS (SELECT actor_id, count(*) AS events FROM ev GROUP BY actor_id),"
        " stc AS (SELECT speaker_actor_id AS actor_id, count(*) AS statements FROM statements"
        "         WHERE speaker_actor_id IS NOT NULL GROUP BY 1),"
        " mc AS (SELECT actor_id, count(*) AS mentions, count(DISTINCT article_id) AS articles FROM mentions"
        "        WHERE actor_id IS NOT NULL GROUP BY 1)"
        " SELECT a.id, a.name, a.kind, a.country, a.sector, coalesce(evc.events, 0) AS events,"
        " coalesce(stc.statements, 0) AS statements, coalesce(mc.mentions, 0) AS mentions,"
        " coalesce(mc.articles, 0) AS articles"
        " FROM actors a LEFT JOIN evc ON evc.actor_id = a.id LEFT JOIN stc ON stc.actor_id = a.id"
        " LEFT JOIN mc ON mc.actor_id = a.id"
        " WHERE coalesce(evc.events, 0) + coalesce(stc.statements, 0) + coalesce(mc.mentions, 0) > 0"
        " ORDER BY events DESC, statements DESC, mentions DESC, a.id LIMIT ?",
        [limit],
    )


# -- actors --------------------------------------------------------------------------------

def list_actors(
    con: duckdb.DuckDBPyConnection,
    *,
    q: str | None = None,
    kind: str | None = None,
    country: str | None = None,
    sector: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    clause, params = where(
        (q, "(a.name ILIKE ? ESCAPE '\\' OR a.id ILIKE ? ESCAPE '\\'"
            " OR list_contains(list_transform(a.aliases, x -> lower(x)), lower(?)))",
         [f"%{_escape_like(q or '')}%", f"%{_escape_like(q or '')}%", q]),
        (kind, "a.kind = ?", [kind]),
        (country, "a.country = ?", [(country or "").upper()]),
        (sector, "a.sector = ?", [(sector or "").upper()]),
    )
    total = scalar(con, f"SELECT count(*) FROM actors a {clause}", params)
    items = rows(
        con,
        "WITH mc AS (SELECT actor_id, count(*) AS mentions, count(DISTINCT article_id) AS articles FROM mentions"
        "            WHERE actor_id IS NOT NULL GROUP BY 1),"
        " stc AS (SELECT speaker_actor_id AS actor_id, count(*) AS statements FROM statements GROUP BY 1),"
        " ev AS (SELECT unnest(list_distinct(list_concat(source_actor_ids, target_actor_ids))) AS actor_id FROM events),"
        " evc AS (SELECT actor_id, count(*) AS events FROM ev GROUP BY 1)"
        " SELECT a.id, a.name, a.kind, a.country, a.sector, a.role, coalesce(mc.mentions, 0) AS mentions,"
        " coalesce(mc.articles, 0) AS articles, coalesce(stc.statements, 0) AS statements,"
        " coalesce(evc.events, 0) AS events"
        " FROM actors a LEFT JOIN mc ON mc.actor_id = a.id LEFT JOIN stc ON stc.actor_id = a.id"
        f" LEFT JOIN evc ON evc.actor_id = a.id {clause}"
        " ORDER BY mentions DESC, events DESC, a.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return {"items": items, "total": total, "limit": limit, "offset": offset}


def network(
    con: duckdb.DuckDBPyConnection,
    *,
    actor: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 60,
) -> dict[str, Any]:
    """Who acts on whom: directed edges source -> target with counts per tone.

    With ``actor``: its edges and the edges between its neighbours (an ego network)."""
    clause, params = where(
        (since, "coalesce(e.event_date, a.published) >= ?", [since]),
        (until, "coalesce(e.event_date, a.published) <= ?", [until]),
    )
    pairs = rows(
        con,
        "WITH ev AS (SELECT e.id, e.quad_class, unnest(e.source_actor_ids) AS source, e.target_actor_ids"
        f"            FROM events e JOIN articles a ON a.id = e.article_id {clause}),"
        " pairs AS (SELECT id, quad_class, source, unnest(target_actor_ids) AS target FROM ev)"
        " SELECT source, target, count(*) AS events,"
        " count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperative,"
        " count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflictual"
        " FROM pairs WHERE source IS NOT NULL AND target IS NOT NULL AND source <> target"
        " GROUP BY source, target ORDER BY events DESC, source, target",
        params,
    )
    if actor:
        neighbours = {p["target"] for p in pairs if p["source"] == actor} | {
            p["source"] for p in pairs if p["target"] == actor}
        keep = neighbours | {actor}
        pairs = [p for p in pairs if p["source"] in keep and p["target"] in keep]
    pairs = pairs[:limit]
    for p in pairs:
        p["tone"] = (COOPERATIVE if p["cooperative"] > p["conflictual"]
                     else CONFLICTUAL if p["conflictual"] > p["cooperative"] else NEUTRAL)
    ids = {p["source"] for p in pairs} | {p["target"] for p in pairs} | ({actor} if actor else set())
    names = actor_names(con, ids)
    nodes = [
        {"id": i, "name": names.get(i, {}).get("name", i), "kind": names.get(i, {}).get("kind"),
         "country": names.get(i, {}).get("country"),
         "events": sum(p["events"] for p in pairs if i in (p["source"], p["target"]))}
        for i in sorted(ids)
    ]
    return {"nodes": nodes, "edges": pairs}


def actor_detail(store: Any, actor_id: str) -> dict[str, Any] | None:
    """One actor: names seen, roles, whom it acts on and who acts on it (counts by tone), what
    it says, what others say of it, and a timeline."""
    row = store.actor(actor_id)
    if row is None:
        return None
    con = store.con
    row.pop("mentions", None)
    row.pop("statements", None)
    row.pop("events", None)
    net = network(con, actor=actor_id)
    row["network"] = net
    row["acts_on"] = [e for e in net["edges"] if e["source"] == actor_id]
    row["acted_on_by"] = [e for e in net["edges"] if e["target"] == actor_id]
    row["says"] = list_quotes(con, actor=actor_id, limit=100)["items"]
    row["said_of"] = list_quotes(con, about=actor_id, limit=100)["items"]
    row["events"] = list_events(con, actor=actor_id, limit=100)["items"]
    row["timeline"] = rows(
        con,
        "WITH m AS (SELECT DISTINCT a.published AS day, m.article_id FROM mentions m JOIN articles a ON a.id = m.article_id"
        "           WHERE m.actor_id = ? AND a.published IS NOT NULL),"
        " e AS (SELECT coalesce(e.event_date, a.published) AS day, count(*) AS events,"
        "       count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperative,"
        "       count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflictual"
        "       FROM events e JOIN articles a ON a.id = e.article_id"
        "       WHERE (list_contains(e.source_actor_ids, ?) OR list_contains(e.target_actor_ids, ?))"
        "       AND coalesce(e.event_date, a.published) IS NOT NULL GROUP BY 1),"
        " s AS (SELECT a.published AS day, count(*) AS statements FROM statements s JOIN articles a ON a.id = s.article_id"
        "       WHERE s.speaker_actor_id = ? AND a.published IS NOT NULL GROUP BY 1),"
        " mm AS (SELECT day, count(*) AS articles FROM m GROUP BY 1),"
        " days AS (SELECT day FROM mm UNION SELECT day FROM e UNION SELECT day FROM s)"
        " SELECT days.day, coalesce(mm.articles, 0) AS articles, coalesce(e.events, 0) AS events,"
        " coalesce(e.cooperative, 0) AS cooperative, coalesce(e.conflictual, 0) AS conflictual,"
        " coalesce(s.statements, 0) AS statements"
        " FROM days LEFT JOIN mm USING (day) LEFT JOIN e USING (day) LEFT JOIN s USING (day) ORDER BY days.day",
        [actor_id, actor_id, actor_id, actor_id],
    )
    return row


# -- events --------------------------------------------------------------------------------

@functools.cache
def _iso_pairs() -> str:
    """ISO 3166 alpha-2 -> alpha-3 as SQL VALUES, from pycountry (constants, checked, never input)."""
    import pycountry

    pairs = [(c.alpha_2, c.alpha_3) for c in pycountry.countries]
    pairs = [(a, b) for a, b in pairs if re.fullmatch(r"[A-Z]{2}", a) and re.fullmatch(r"[A-Z]{3}", b)]
    return ", ".join(f"('{a}', '{b}')" for a, b in pairs)


def _iso3_sql(column: str) -> str:
    """SQL for the alpha-3 code of a country column holding alpha-2 (GeoNames) or alpha-3 codes."""
    return (f"(CASE WHEN length({column}) = 3 THEN upper({column}) ELSE (SELECT iso.a3 FROM (VALUES {_iso_pairs()})"
            f" iso(a2, a3) WHERE iso.a2 = upper({column})) END)")


def _event_country_sql(con: duckdb.DuckDBPyConnection) -> tuple[str, str]:
    """SQL for the list of countries an event is placed in, and how it was placed.

    An explicit country on the event (a column the places stage adds) wins; otherwise the
    countries of the actors taking part."""
    from_actors = (
        "(SELECT list(DISTINCT ac.country ORDER BY ac.country) FROM actors ac"
        " WHERE ac.country IS NOT NULL AND (list_contains(e.source_actor_ids, ac.id)"
        " OR list_contains(e.target_actor_ids, ac.id)))"
    )
    column = first_column(con, "events", "place_country", "country", "country_code")
    if column:
        place = _iso3_sql(f"e.{column}")
        expr = f"CASE WHEN {place} IS NOT NULL THEN [{place}] ELSE {from_actors} END"
        basis = f"CASE WHEN {place} IS NOT NULL THEN 'place' ELSE 'actor-country' END"
        return expr, basis
    return from_actors, "'actor-country'"


def _event_filters(
    con: duckdb.DuckDBPyConnection,
    *,
    event_type: str | None = None,
    source: str | None = None,
    target: str | None = None,
    actor: str | None = None,
    country: str | None = None,
    status: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    article: str | None = None,
    tone_: str | None = None,
) -> tuple[str, list[Any]]:
    countries, _ = _event_country_sql(con)
    quads = {COOPERATIVE: [1, 2], CONFLICTUAL: [3, 4], NEUTRAL: [0]}.get(tone_ or "", [])
    return where(
        (event_type, "e.plover_type = ?", [(event_type or "").upper()]),
        (source, "list_contains(e.source_actor_ids, ?)", [source]),
        (target, "list_contains(e.target_actor_ids, ?)", [target]),
        (actor, "(list_contains(e.source_actor_ids, ?) OR list_contains(e.target_actor_ids, ?))", [actor, actor]),
        (country, f"list_contains(coalesce({countries}, []), ?)", [(country or "").upper()]),
        (status, "e.status = ?", [status]),
        (since, "coalesce(e.event_date, a.published) >= ?", [since]),
        (until, "coalesce(e.event_date, a.published) <= ?", [until]),
        (article, "e.article_id = ?", [article]),
        (tone_, "coalesce(e.quad_class, 0) IN (SELECT unnest(?))", [quads]),
    )


def list_events(con: duckdb.DuckDBPyConnection, *, limit: int = 50, offset: int = 0, **filters: Any) -> dict[str, Any]:
    """Events with their article, sentence, places and chain of sources, newest first."""
    clause, params = _event_filters(con, **filters)
    countries, basis = _event_country_sql(con)
    extra = ""
    for name in ("place_country", "place_lat", "place_lon", "place_source", "place_confidence", "date_text",
                 "date_precision", "lat", "lon"):
        if name in columns(con, "events"):
            extra += f", e.{name}"
    base = f"FROM events e JOIN articles a ON a.id = e.article_id {clause}"
    total = scalar(con, f"SELECT count(*) {base}", params)
    items = rows(
        con,
        "SELECT e.id, e.article_id, a.headline, a.published, a.publisher, e.event_date, e.plover_type, e.mode,"
        " e.cameo, e.quad_class, e.goldstein, e.source_actor_ids, e.target_actor_ids, e.source_text, e.target_text,"
        " e.status, e.trigger, e.start_char, e.end_char, e.place, e.rule, e.confidence, e.statement,"
        f" coalesce({countries}, []) AS countries, {basis} AS placed_by{extra},"
        " substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence"
        f" {base} ORDER BY coalesce(e.event_date, a.published) DESC NULLS LAST, e.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    attach_chains(con, items, "event")
    ids: set[str] = set()
    for ev in items:
        ev["tone"] = tone(ev.get("quad_class"))
        ids |= set(ev.get("source_actor_ids") or []) | set(ev.get("target_actor_ids") or [])
    return {"items": items, "total": total, "limit": limit, "offset": offset, "actors": actor_names(con, ids)}


def event_places(con: duckdb.DuckDBPyConnection, **filters: Any) -> dict[str, Any]:
    """Counts of the filtered events per country (for the map), with how they were placed."""
    clause, params = _event_filters(con, **filters)
    countries, basis = _event_country_sql(con)
    places = rows(
        con,
        f"WITH ev AS (SELECT e.id, e.quad_class, {basis} AS placed_by, unnest(coalesce({countries}, [])) AS country"
        f"            FROM events e JOIN articles a ON a.id = e.article_id {clause})"
        " SELECT country, count(DISTINCT id) AS events,"
        " count(DISTINCT id) FILTER (WHERE quad_class IN (1, 2)) AS cooperative,"
        " count(DISTINCT id) FILTER (WHERE quad_class IN (3, 4)) AS conflictual,"
        " list(DISTINCT placed_by ORDER BY placed_by) AS placed_by"
        " FROM ev WHERE country IS NOT NULL GROUP BY country ORDER BY events DESC, country",
        params,
    )
    unplaced = scalar(
        con,
        f"SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id {clause}"
        + (" AND " if clause else " WHERE ") + f"len(coalesce({countries}, [])) = 0",
        params,
    )
    return {"places": places, "unplaced": unplaced}


def event_types(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute("SELECT DISTINCT plover_type FROM events ORDER BY 1").fetchall()]


# -- quotes --------------------------------------------------------------------------------

def list_quotes(
    con: duckdb.DuckDBPyConnection,
    *,
    q: str | None = None,
    speaker: str | None = None,
    actor: str | None = None,
    about: str | None = None,
    anonymous: bool | None = None,
    direct: bool | None = None,
    contested: bool | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    article: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """Statements with their article, speaker, chain of sources and what they dispute or support.

    ``about``: statements whose content names this actor, said by someone else."""
    clause, params = where(
        (q, "s.content ILIKE ? ESCAPE '\\'", [f"%{_escape_like(q or '')}%"]),
        (speaker, "s.speaker ILIKE ? ESCAPE '\\'", [f"%{_escape_like(speaker or '')}%"]),
        (actor, "s.speaker_actor_id = ?", [actor]),
        (about, "coalesce(s.speaker_actor_id, '') <> ? AND EXISTS (SELECT 1 FROM mentions m WHERE m.article_id ="
                " s.article_id AND m.actor_id = ? AND m.start_char >= s.start_char AND m.end_char <= s.end_char)",
         [about, about]),
        (anonymous, "s.anonymous = ?", [anonymous]),
        (direct, "s.direct = ?", [direct]),
        (contested, "((s.disputes IS NOT NULL OR s.supports IS NOT NULL) = ?)", [contested]),
        (since, "a.published >= ?", [since]),
        (until, "a.published <= ?", [until]),
        (article, "s.article_id = ?", [article]),
    )
    base = f"FROM statements s JOIN articles a ON a.id = s.article_id {clause}"
    total = scalar(con, f"SELECT count(*) {base}", params)
    items = rows(
        con,
        "SELECT s.id, s.article_id, a.headline, a.published, a.publisher, s.speaker, s.speaker_actor_id,"
        " sp.name AS speaker_name, s.speaker_role, s.anonymous, s.speaker_country, s.speaker_sector, s.cue,"
        " s.content, s.direct, s.kind, s.medium, s.medium_text, s.via, s.negated, s.disputes, s.supports,"
        " s.confidence, s.start_char, s.end_char"
        f" FROM statements s JOIN articles a ON a.id = s.article_id LEFT JOIN actors sp ON sp.id = s.speaker_actor_id"
        f" {clause} ORDER BY a.published DESC NULLS LAST, s.article_id, s.start_char, s.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    attach_chains(con, items)
    linked = {i[k] for i in items for k in ("disputes", "supports") if i.get(k)}
    if linked:
        others = {
            r["id"]: r for r in rows(
                con, "SELECT id, speaker, content FROM statements WHERE list_contains(?, id)", [sorted(linked)]
            )
        }
        for item in items:
            for key in ("disputes", "supports"):
                if item.get(key):
                    item[f"{key}_statement"] = others.get(item[key])
    return {"items": items, "total": total, "limit": limit, "offset": offset}


def top_speakers(con: duckdb.DuckDBPyConnection, *, since: dt.date | None = None, until: dt.date | None = None,
                 actor: str | None = None, limit: int = 10) -> list[dict[str, Any]]:
    """Most-quoted speakers: actors by id, otherwise the speaker phrase as written."""
    clause, params = where(
        (since, "a.published >= ?", [since]),
        (until, "a.published <= ?", [until]),
        (actor, "(s.speaker_actor_id = ? OR EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = s.article_id"
                " AND m.actor_id = ?))", [actor, actor]),
    )
    return rows(
        con,
        "SELECT coalesce(sp.name, s.speaker, 'unknown') AS speaker, s.speaker_actor_id AS actor_id,"
        " count(*) AS statements, count(*) FILTER (WHERE s.direct) AS direct,"
        " bool_or(s.anonymous) AS anonymous, count(DISTINCT s.article_id) AS articles"
        " FROM statements s JOIN articles a ON a.id = s.article_id LEFT JOIN actors sp ON sp.id = s.speaker_actor_id"
        f" {clause} GROUP BY 1, 2 ORDER BY statements DESC, speaker LIMIT ?",
        [*params, limit],
    )


# -- stories -------------------------------------------------------------------------------

def list_stories(con: duckdb.DuckDBPyConnection, *, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Stories (near-duplicate clusters): the ``stories`` table when there is one, else the
    distinct ``story`` ids of articles; an empty list before stories are computed."""
    if "story" not in columns(con, "articles"):
        return {"items": [], "total": 0, "limit": limit, "offset": offset}
    grouped = (
        "SELECT story AS id, count(*) AS articles, min(published) AS first_published,"
        " max(published) AS last_published, arg_min(headline, coalesce(published, DATE '9999-12-31')) AS headline,"
        " list(DISTINCT publisher ORDER BY publisher) FILTER (WHERE publisher IS NOT NULL) AS publishers"
        " FROM articles WHERE story IS NOT NULL GROUP BY story"
    )
    if has_table(con, "stories") and "id" in columns(con, "stories"):
        extra = [c for c in sorted(columns(con, "stories")) if c not in {"id", "articles", "headline",
                 "first_published", "last_published", "publishers"}]
        picked = "".join(f", s.{c}" for c in extra)
        sql = (f"SELECT s.id, coalesce(g.articles, 0) AS articles, g.first_published, g.last_published, g.headline,"
               f" g.publishers{picked} FROM stories s LEFT JOIN ({grouped}) g ON g.id = s.id")
    else:
        sql = grouped
    total = scalar(con, f"SELECT count(*) FROM ({sql})")
    items = rows(con, f"SELECT * FROM ({sql}) ORDER BY articles DESC, last_published DESC NULLS LAST, id"
                      " LIMIT ? OFFSET ?", [limit, offset])
    return {"items": items, "total": total, "limit": limit, "offset": offset}


def story_detail(con: duckdb.DuckDBPyConnection, story_id: str) -> dict[str, Any] | None:
    if "story" not in columns(con, "articles"):
        return None
    articles = list_articles(con, story=story_id, limit=500)["items"]
    if not articles:
        return None
    return {"id": story_id, "articles": articles}
