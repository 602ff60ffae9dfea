"""The ASGI app: the JSON API (/api/…, OpenAPI at /api/docs), the dashboard pages and their
static assets. Nothing is fetched from elsewhere at run time: every asset is served here.

Concurrency: DuckDB lets one process write a file, and no other process read it meanwhile.
The app therefore opens the database read-only for each request and closes it at once, so an
ingest can run between requests; while an ingest holds the file, the API answers 503 with a
message naming the process that holds the lock, and the dashboard shows that message.
"""
from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import StoreError
from .api import ApiError, router

log = logging.getLogger("newsgraph.web")

STATIC = Path(str(resources.files("newsgraph.web").joinpath("static")))
PAGES = ("/", "/articles", "/articles/{article_id}", "/actors", "/actors/{actor_id}", "/events", "/quotes",
         "/stories")

SECURITY_HEADERS = {
    # Defence in depth: every piece of article text is put in the page as text (textContent),
    # and besides, the page runs no inline script and loads nothing from other origins.
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

CODES = {400: "bad-request", 404: "not-found", 405: "method-not-allowed", 406: "not-acceptable",
         413: "too-large", 415: "unsupported-media-type", 500: "internal-error", 503: "unavailable"}


def error_response(status: int, code: str, message: str) -> JSONResponse:
    """Every error the app answers with has this one shape."""
    return JSONResponse({"error": {"status": status, "code": code, "message": message}}, status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body")]
        name = ".".join(loc) or "request"
        value = err.get("input")
        shown = "" if value is None or isinstance(value, dict) else f" (got {str(value)[:60]!r})"
        parts.append(f"{name}: {err.get('msg', 'invalid')}{shown}")
    return "; ".join(parts) or "invalid request"


def create_app(db: str | Path) -> FastAPI:
    """The app over the database file ``db`` (opened read-only per request)."""
    app = FastAPI(
        title="newsgraph",
        version=__version__,
        description="Actors, statements, events and chains of sources extracted from news articles. "
                    "Every list takes limit/offset; every error is {\"error\": {\"status\", \"code\", \"message\"}}.",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
        swagger_ui_parameters={"syntaxHighlight": False},
    )
    app.state.db = str(db)

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(400, "bad-parameter", _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else CODES.get(exc.status_code, "error")
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path[:200]}"
        response = error_response(exc.status_code, CODES.get(exc.status_code, "error"), message)
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError) -> JSONResponse:
        return error_response(503, "database-unavailable", str(exc))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s", request.url.path)
        return error_response(500, "internal-error", f"unexpected {type(exc).__name__}; see the server log")

    @app.middleware("http")
    async def _headers(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        if request.url.path.startswith("/api/docs"):
            # Swagger UI runs inline script: allow only it there, assets still from this origin.
            response.headers["Content-Security-Policy"] = (
                "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
                "img-src 'self' data:; object-src 'none'; base-uri 'none'"
            )
        return response

    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    shell = (STATIC / "index.html").read_text(encoding="utf-8")

    def page() -> HTMLResponse:
        return HTMLResponse(shell)

    for path in PAGES:
        app.add_api_route(path, page, methods=["GET"], include_in_schema=False, response_class=HTMLResponse)

    @app.get("/search", include_in_schema=False)
    def _search() -> HTMLResponse:
        return page()

    @app.get("/favicon.ico", include_in_schema=False)
    def _favicon() -> RedirectResponse:
        return RedirectResponse("/static/favicon.svg")

    return app


def prepare_database(db: str | Path) -> str:
    """Bring the search index up to date before serving (needs the file for writing a moment).

    Returns a line saying what happened; never raises for a locked or missing file."""
    from ..store import Store
    from .search import rebuild_search_index

    if not Path(db).exists():
        return f"no database at {db}: run `newsgraph demo` or `newsgraph ingest` first, or give --db"
    try:
        with Store(db) as store:
            rebuilt = rebuild_search_index(store.con)
            count = store.con.execute("SELECT count(*) FROM articles").fetchone()[0]
    except StoreError as exc:
        return f"search index not checked: {exc}"
    return f"search index {'rebuilt' if rebuilt else 'up to date'} ({count} articles)"
