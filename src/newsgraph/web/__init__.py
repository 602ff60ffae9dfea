"""HTTP API and web dashboard over a newsgraph database (``newsgraph serve``).

``create_app(db)`` builds the ASGI app; ``rebuild_search_index(con)`` refreshes the BM25
full-text index of articles and is meant to run at the end of every ingest.
"""
from .search import rebuild_search_index, search_index_state

__all__ = ["create_app", "rebuild_search_index", "search_index_state"]


def create_app(*args, **kwargs):  # imported lazily: FastAPI is only needed to serve
    from .app import create_app as _create_app

    return _create_app(*args, **kwargs)
