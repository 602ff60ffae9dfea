"""Store queries on 1,000,000 synthetic events (target: < 200 ms each).

A fresh newsgraph database (the real schema, through ``Store``) gets the built-in actor
dictionary's actors, N/10 synthetic articles (dates 2019–2024) and N synthetic events inserted
directly with SQL (random PLOVER type, source and target actors, status, event date). Then each
query runs once cold and ``--repeats`` times warm; the figures are the cold time and the median
and worst warm time.

Queries:
- timeline: one actor's events (as source or target) per month and type, all years;
- by-country-and-type: events per source actor's country and PLOVER type, one year (and all years);
- api-events: ``Store.events(actor=…, since=…, limit=100)`` (what `newsgraph events --actor` runs:
  newest first, joined with the article, sentence and chain of sources).

    python bench/store_bench.py --events 1000000
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import tempfile
import time
from pathlib import Path

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
STATUSES = ("asserted", "claimed", "intended", "denied", "hypothetical")
ACTOR = "afg.taliban"

TIMELINE = """
SELECT date_trunc('month', coalesce(e.event_date, a.published)) AS month, e.plover_type, count(*) AS events
FROM events e JOIN articles a ON a.id = e.article_id
WHERE list_contains(e.source_actor_ids, ?) OR list_contains(e.target_actor_ids, ?)
GROUP BY ALL ORDER BY month, e.plover_type
"""
BY_COUNTRY_AND_TYPE = """
WITH sources AS (
    SELECT unnest(source_actor_ids) AS actor_id, plover_type FROM events
    WHERE event_date >= ? AND event_date < ?
)
SELECT ac.country, s.plover_type, count(*) AS events
FROM sources s JOIN actors ac ON ac.id = s.actor_id
WHERE ac.country IS NOT NULL
GROUP BY ALL ORDER BY events DESC
"""


def build(path: Path, n_events: int) -> dict:
    from newsgraph.actordict import actor_dictionary
    from newsgraph.store import Store

    book = actor_dictionary()
    actors = sorted(book.actors.values(), key=lambda a: a.id)
    start = time.perf_counter()
    with Store(path) as store:
        con = store.con
        con.executemany("INSERT INTO actors (id, name, kind, country, sector) VALUES (?, ?, ?, ?, ?)",
                        [[a.id, a.name, a.kind, a.country, a.sector] for a in actors])
        n_articles = max(1, n_events // 10)
        con.execute(
            "INSERT INTO articles (id, uri, headline, publisher, published, text, word_count, ingested_at)"
            " SELECT 'a' || i, 'synthetic://' || i, 'headline ' || i, 'Publisher ' || (i % 40),"
            " DATE '2019-01-01' + CAST(hash(i) % 2190 AS INTEGER), 'Synthetic article ' || i || '.', 3, now()"
            " FROM range(?) t(i)", [n_articles])
        ids = [a.id for a in actors]
        con.execute("CREATE TEMP TABLE pick_actor AS SELECT unnest(?) AS id, generate_subscripts(?, 1) - 1 AS k",
                    [ids, ids])
        con.execute(
            "INSERT INTO events (id, article_id, start_char, end_char, trigger, plover_type, status, source_actor_ids,"
            " target_actor_ids, event_date, rule, confidence, sentence_start, sentence_end)"
            " SELECT 'a' || (i % ?) || ':e' || i, 'a' || (i % ?), 0, 5, 'verb',"
            " (?::VARCHAR[])[1 + CAST(hash(i, 1) % 16 AS INTEGER)],"
            " (?::VARCHAR[])[1 + CAST(hash(i, 2) % 5 AS INTEGER)],"
            # a skewed choice of actors, as in news: a few actors are in most events
            " [s.id], [t.id], DATE '2019-01-01' + CAST(hash(i, 5) % 2190 AS INTEGER), 'synthetic', 0.5, 0, 5"
            " FROM range(?) r(i)"
            " JOIN pick_actor s ON s.k = CAST(floor(pow(hash(i, 3) % 1000000 / 1000000.0, 3) * ?) AS INTEGER)"
            " JOIN pick_actor t ON t.k = CAST(hash(i, 4) % ? AS INTEGER)",
            [n_articles, n_articles, list(TYPES), list(STATUSES), n_events, len(ids), len(ids)])
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("actors", "articles", "events")}
        counts["events_with_actor"] = con.execute(
            "SELECT count(*) FROM events WHERE list_contains(source_actor_ids, ?) OR list_contains(target_actor_ids, ?)",
            [ACTOR, ACTOR]).fetchone()[0]
    counts["build_seconds"] = round(time.perf_counter() - start, 1)
    return counts


def timed(fn, repeats: int) -> dict:
    start = time.perf_counter()
    rows = fn()
    cold = time.perf_counter() - start
    warm = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        warm.append(time.perf_counter() - start)
    return {"rows": len(rows), "cold_ms": round(cold * 1000, 1), "median_ms": round(statistics.median(warm) * 1000, 1),
            "worst_ms": round(max(warm) * 1000, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    from newsgraph.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events.duckdb"
        result = {"build": build(path, args.events)}
        with Store(path, read_only=True) as store:  # a fresh connection, as a user's command would open
            con = store.con
            result["timeline"] = timed(lambda: con.execute(TIMELINE, [ACTOR, ACTOR]).fetchall(), args.repeats)
            result["by_country_and_type"] = timed(
                lambda: con.execute(BY_COUNTRY_AND_TYPE, [dt.date(2023, 1, 1), dt.date(2024, 1, 1)]).fetchall(),
                args.repeats)
            result["by_country_and_type_all_years"] = timed(
                lambda: con.execute(BY_COUNTRY_AND_TYPE, [dt.date(1900, 1, 1), dt.date(2100, 1, 1)]).fetchall(),
                args.repeats)
            result["api_events"] = timed(
                lambda: store.events(actor=ACTOR, since=dt.date(2023, 1, 1), limit=100), args.repeats)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
