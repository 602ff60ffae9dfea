"""newsgraph: turn news articles into evidence.

The small public API:

>>> import newsgraph
>>> result = newsgraph.analyze(text, publisher="Dawn", published="2023-04-25")   # doctest: +SKIP
>>> with newsgraph.Store("news.duckdb") as store:                                # doctest: +SKIP
...     store.ingest(newsgraph.process(newsgraph.iter_inputs(["articles/"])))
"""
from __future__ import annotations

__version__ = "0.1.0"

from .errors import InputError, NewsgraphError, StoreError  # noqa: E402
from .ingest import iter_inputs  # noqa: E402
from .model import Analysis, Article, IngestError, to_dict  # noqa: E402
from .pipeline import analyze, process  # noqa: E402
from .store import Store  # noqa: E402

__all__ = [
    "Analysis",
    "Article",
    "IngestError",
    "InputError",
    "NewsgraphError",
    "Store",
    "StoreError",
    "analyze",
    "iter_inputs",
    "process",
    "to_dict",
    "__version__",
]
