"""The JSON API under /api/: every list paginated (limit/offset with bounds), every parameter
validated, every error in one shape: {"error": {"status", "code", "message"}}."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel

from ..errors import StoreError
from ..store import Store
from . import queries
from .geo import world
from .search import search_index_state


class ApiError(Exception):
    """An error the API answers with, in the one shape."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "A parameter is invalid or unknown."},
    404: {"model": ErrorBody, "description": "No such record."},
    503: {"model": ErrorBody, "description": "The database cannot be read now (e.g. an ingest holds it)."},
}

MAX_LIMIT = 500
MAX_OFFSET = 1_000_000
SAFE_TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"  # no control characters (tab and newlines allowed)
ID_PATTERN = r"^[^\x00-\x1f\x7f]+$"

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Rows per page (1-{MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
Since = Annotated[dt.date | None, Query(description="On or after this date (YYYY-MM-DD).")]
Until = Annotated[dt.date | None, Query(description="On or before this date (YYYY-MM-DD).")]
ActorId = Annotated[str | None, Query(min_length=1, max_length=200, pattern=ID_PATTERN,
                                      description="Actor id, e.g. afg.taliban.")]
Text = Annotated[str | None, Query(min_length=1, max_length=300, pattern=SAFE_TEXT)]
Country = Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO 3166 alpha-3, e.g. AFG.")]
Status = Literal["asserted", "claimed", "intended", "denied", "hypothetical"]
Tone = Literal["cooperative", "conflictual", "neutral"]


def _query_names(dependant: Any) -> set[str]:
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def reject_unknown_parameters(request: Request) -> None:
    """Unknown or repeated query parameters are a 400, not silently ignored."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known = _query_names(dependant)
    keys = [k for k, _ in request.query_params.multi_items()]
    unknown = sorted({k for k in keys if k not in known})
    if unknown:
        allowed = ", ".join(sorted(known)) or "none"
        raise ApiError(400, "unknown-parameter",
                       f"unknown parameter {', '.join(repr(k[:60]) for k in unknown)}; this endpoint takes: {allowed}")
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise ApiError(400, "repeated-parameter", f"parameter {', '.join(repr(k) for k in repeated)} given more than once")


def check_dates(since: dt.date | None, until: dt.date | None) -> None:
    if since and until and since > until:
        raise ApiError(400, "bad-parameter", f"since ({since}) is after until ({until})")


def open_store(request: Request) -> Iterator[Store]:
    """A read-only connection for this request only, so that an ingest can take the file
    between requests (DuckDB allows one writing process, and no readers beside it)."""
    path = request.app.state.db
    try:
        store = Store(path, read_only=True)
    except StoreError as exc:
        message = str(exc)
        code = "database-locked" if "in use by" in message else "database-unavailable"
        raise ApiError(503, code, message) from exc
    try:
        yield store
    finally:
        store.close()


DB = Annotated[Store, Depends(open_store)]
router = APIRouter(prefix="/api", dependencies=[Depends(reject_unknown_parameters)], responses=ERROR_RESPONSES)


def _not_found(kind: str, key: str) -> ApiError:
    return ApiError(404, "not-found", f"no {kind} {key[:200]!r}")


@router.get("/stats", summary="Counts over the whole database")
def get_stats(store: DB) -> dict[str, Any]:
    data = store.stats()
    data["search_index"] = search_index_state(store.con)
    return data


@router.get("/overview", summary="The overview page's data: counts, events over time, top actors, latest articles")
def get_overview(store: DB) -> dict[str, Any]:
    return queries.overview(store)


@router.get("/articles", summary="Articles; with q, full-text search ranked by BM25")
def get_articles(
    store: DB,
    q: Annotated[str | None, Query(min_length=1, max_length=300, pattern=SAFE_TEXT,
                                   description="Words to search in headlines and texts.")] = None,
    since: Since = None,
    until: Until = None,
    publisher: Text = None,
    actor: ActorId = None,
    story: Annotated[str | None, Query(min_length=1, max_length=200, pattern=ID_PATTERN)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    check_dates(since, until)
    if q is not None and not q.strip():
        raise ApiError(400, "bad-parameter", "q is blank")
    return queries.list_articles(store.con, q=q, since=since, until=until, publisher=publisher, actor=actor,
                                 story=story, limit=limit, offset=offset)


@router.get("/articles/{article_id}", summary="One article with every record and its character offsets")
def get_article(
    store: DB, article_id: Annotated[str, Path(min_length=4, max_length=100, pattern=r"^[0-9A-Za-z]+$")]
) -> dict[str, Any]:
    try:
        row = queries.article_detail(store, article_id)
    except StoreError as exc:  # an ambiguous id prefix
        raise ApiError(400, "ambiguous-id", str(exc)) from exc
    if row is None:
        raise _not_found("article", article_id)
    return row


@router.get("/actors", summary="Actors seen in stored articles, most mentioned first")
def get_actors(
    store: DB,
    q: Text = None,
    kind: Annotated[str | None, Query(min_length=1, max_length=40, pattern=r"^[A-Za-z _-]+$")] = None,
    country: Country = None,
    sector: Annotated[str | None, Query(min_length=1, max_length=20, pattern=r"^[A-Za-z/]+$")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    return queries.list_actors(store.con, q=q, kind=kind, country=country, sector=sector, limit=limit, offset=offset)


@router.get("/actors/{actor_id}", summary="One actor: names, network, what it says and what is said of it, timeline")
def get_actor(store: DB, actor_id: Annotated[str, Path(min_length=1, max_length=200, pattern=ID_PATTERN)]) -> dict[str, Any]:
    row = queries.actor_detail(store, actor_id)
    if row is None:
        raise _not_found("actor", actor_id)
    return row


@router.get("/network", summary="Who acts on whom: edges with counts, cooperative or conflictual")
def get_network(
    store: DB, actor: ActorId = None, since: Since = None, until: Until = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 60,
) -> dict[str, Any]:
    check_dates(since, until)
    return queries.network(store.con, actor=actor, since=since, until=until, limit=limit)


def _event_filters(
    type: Annotated[str | None, Query(min_length=1, max_length=40, pattern=r"^[A-Za-z_]+$",
                                      description="PLOVER type, e.g. ASSAULT.")] = None,
    source: ActorId = None,
    target: ActorId = None,
    actor: ActorId = None,
    country: Country = None,
    status: Annotated[Status | None, Query()] = None,
    tone: Annotated[Tone | None, Query()] = None,
    since: Since = None,
    until: Until = None,
    article: Annotated[str | None, Query(min_length=4, max_length=100, pattern=r"^[0-9A-Za-z]+$")] = None,
) -> dict[str, Any]:
    check_dates(since, until)
    return {"event_type": type, "source": source, "target": target, "actor": actor, "country": country,
            "status": status, "tone_": tone, "since": since, "until": until, "article": article}


EventFilters = Annotated[dict[str, Any], Depends(_event_filters)]


@router.get("/events", summary="Events (who did what to whom) with filters")
def get_events(store: DB, filters: EventFilters, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    data = queries.list_events(store.con, limit=limit, offset=offset, **filters)
    data["types"] = queries.event_types(store.con)
    return data


@router.get("/events/places", summary="Counts of the filtered events per country, for the map")
def get_event_places(store: DB, filters: EventFilters) -> dict[str, Any]:
    return queries.event_places(store.con, **filters)


@router.get("/quotes", summary="Statements: who said what, according to whom")
def get_quotes(
    store: DB,
    q: Text = None,
    speaker: Text = None,
    actor: ActorId = None,
    about: ActorId = None,
    anonymous: bool | None = None,
    direct: bool | None = None,
    contested: bool | None = None,
    since: Since = None,
    until: Until = None,
    article: Annotated[str | None, Query(min_length=4, max_length=100, pattern=r"^[0-9A-Za-z]+$")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    check_dates(since, until)
    return queries.list_quotes(store.con, q=q, speaker=speaker, actor=actor, about=about, anonymous=anonymous,
                               direct=direct, contested=contested, since=since, until=until, article=article,
                               limit=limit, offset=offset)


@router.get("/speakers", summary="Most-quoted speakers")
def get_speakers(store: DB, actor: ActorId = None, since: Since = None, until: Until = None,
                 limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20) -> dict[str, Any]:
    check_dates(since, until)
    return {"items": queries.top_speakers(store.con, actor=actor, since=since, until=until, limit=limit)}


@router.get("/stories", summary="Stories: articles that report the same thing (empty before stories are computed)")
def get_stories(store: DB, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return queries.list_stories(store.con, limit=limit, offset=offset)


@router.get("/stories/{story_id}", summary="One story and its articles")
def get_story(store: DB, story_id: Annotated[str, Path(min_length=1, max_length=200, pattern=ID_PATTERN)]) -> dict[str, Any]:
    row = queries.story_detail(store.con, story_id)
    if row is None:
        raise _not_found("story", story_id)
    return row


@router.get("/map/countries", summary="Country outlines as SVG paths (offline, Natural Earth 1:110m)")
def get_countries() -> dict[str, Any]:
    return world()
