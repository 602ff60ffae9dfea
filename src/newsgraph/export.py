"""Exports: PLOVER JSONL records, a GDELT 2.0-style event table, and Parquet of every table."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .store import Store

TABLES = ("articles", "actors", "mentions", "statements", "events", "source_links", "places", "ingest_runs",
          "ingest_errors")

# The GDELT 2.0 event columns a user of GDELT reaches for, then newsgraph's own.
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "IsRootEvent", "EventCode",
    "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources",
    "NumArticles", "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat",
    "ActionGeo_Long", "ActionGeo_FeatureID", "SOURCEURL", "PloverType", "PloverMode", "Status", "Confidence",
    "ArticleId", "Trigger", "Story", "EventIds",
)


def _actor_rows(store: Store) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in store._rows("SELECT id, name, kind, country, sector FROM actors")}


def _all_events(store: Store) -> list[dict[str, Any]]:
    return store._rows(
        "SELECT e.*, a.published, a.publisher, a.uri, m.merged_id, m.story, m.num_mentions, m.num_sources,"
        " m.num_articles, substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence"
        " FROM events e JOIN articles a ON a.id = e.article_id LEFT JOIN event_merges m ON m.event_id = e.id"
        " ORDER BY a.published NULLS LAST, e.id"
    )


def _actor_entries(ids: list[str] | None, text: str | None, actors: dict[str, dict]) -> list[dict[str, Any]]:
    out = []
    for actor_id in ids or []:
        actor = actors.get(actor_id, {})
        out.append({"actorText": text or actor.get("name"), "code": actor.get("country"),
                    "sector": actor.get("sector"), "newsgraphId": actor_id})
    return out


def plover_records(store: Store) -> Iterator[dict[str, Any]]:
    """One PLOVER-style record per event (the fields of the PLOVER specification's records)."""
    actors = _actor_rows(store)
    for e in _all_events(store):
        date = e["event_date"] or e["published"]
        yield {
            "id": e["id"],
            "date": date.isoformat() if date else None,
            "source": _actor_entries(e["source_actor_ids"], e["source_text"], actors),
            "target": _actor_entries(e["target_actor_ids"], e["target_text"], actors),
            "event": e["plover_type"],
            "mode": e["mode"] or "",
            "context": "",
            "eventText": e["trigger"],
            "text": e["sentence"],
            "language": "en",
            "publication": e["publisher"],
            "url": e["uri"],
            "status": e["status"],
            "cameo": e["cameo"],
            "quadClass": e["quad_class"],
            "goldstein": e["goldstein"],
            "coder": "newsgraph",
            "pattern": e["rule"],
            "confidence": e["confidence"],
            "story": e["story"],
            "mergedEvent": e["merged_id"],
        }


def _cameo_parts(code: str | None) -> tuple[str, str, str]:
    if not code:
        return "", "", ""
    return code, code[:3], code[:2]


# GDELT's ActionGeo_Type: 1 country, 4 world city.
_GEO_TYPE = {"country": 1, "city": 4}


def gdelt_rows(store: Store) -> Iterator[list[Any]]:
    """One row per merged event (the same source, type, target and day across a story's
    articles), with its mentions, sources and articles counted as GDELT counts them."""
    actors = _actor_rows(store)
    events = _all_events(store)
    members: dict[str, list[str]] = {}
    for e in events:
        members.setdefault(e["merged_id"] or e["id"], []).append(e["id"])
    number = 0
    for e in events:
        if (e["merged_id"] or e["id"]) != e["id"]:
            continue  # another article's mention of an event already written
        number += 1
        date = e["event_date"] or e["published"]
        sides = []
        for ids in (e["source_actor_ids"], e["target_actor_ids"]):
            actor = actors.get((ids or [None])[0] or "", {})
            code = (actor.get("country") or "") + (actor.get("sector") or "") if actor else ""
            sides.append([code, actor.get("name", ""), actor.get("country") or "", actor.get("sector") or ""])
        event_code, base, root = _cameo_parts(e["cameo"])
        geo_type = _GEO_TYPE.get(e["place_feature"] or "", 0)
        yield [
            number, date.strftime("%Y%m%d") if date else "", *sides[0], *sides[1], 1, event_code, base, root,
            e["quad_class"], e["goldstein"], e["num_mentions"] or 1, e["num_sources"] or 1, e["num_articles"] or 1,
            geo_type, e["place"] or "", e["place_country"] or "", e["place_lat"], e["place_lon"],
            e["place_geonameid"], e["uri"], e["plover_type"], e["mode"] or "", e["status"], e["confidence"],
            e["article_id"], e["trigger"], e["story"] or "", ",".join(members[e["id"]]),
        ]


def export(store: Store, fmt: str, out: str | Path) -> str:
    """Write ``fmt`` (plover, gdelt, parquet) to ``out``; returns what was written."""
    out = Path(out)
    if fmt == "plover":
        count = 0
        with out.open("w", encoding="utf-8") as handle:
            for record in plover_records(store):
                handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
                count += 1
        return f"{count} PLOVER records -> {out}"
    if fmt == "gdelt":
        count = 0
        with out.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
            writer.writerow(GDELT_COLUMNS)
            for row in gdelt_rows(store):
                writer.writerow(["" if v is None else v for v in row])
                count += 1
        return f"{count} events (GDELT-style TSV) -> {out}"
    if fmt == "parquet":
        out.mkdir(parents=True, exist_ok=True)
        for table in TABLES:
            target = str(out / f"{table}.parquet").replace("'", "''")  # a path, not article text
            store.con.execute(f"COPY (SELECT * FROM {table}) TO '{target}' (FORMAT parquet)")
        return f"{len(TABLES)} tables as Parquet -> {out}/"
    raise ValueError(f"unknown export format {fmt!r} (plover, gdelt or parquet)")
