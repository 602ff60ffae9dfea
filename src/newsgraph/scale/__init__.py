"""Running the one batch function (``pipeline.process``; ``pipeline.analyze_batch`` is its plain-record
form) on many cores or many machines.

- :mod:`newsgraph.scale.local`: worker processes on this machine (``newsgraph ingest --workers N``).
- :mod:`newsgraph.scale.ray_engine`: a Ray cluster, or Ray in local mode (``--engine ray``),
  writing to the database or to Parquet (``--out DIR``, then ``newsgraph load``).
- :mod:`newsgraph.scale.parquet`: the Parquet layout and ``load`` into DuckDB.

No extraction logic lives here: every engine calls the same batch function and gets the same
records out (``tests/test_scale.py`` compares them).
"""
from __future__ import annotations

import os

# Starting a worker costs a few seconds (importing spaCy, loading the model and the actor
# dictionary); below this many inputs per worker, an extra worker costs more than it saves.
MIN_INPUTS_PER_WORKER = 25


def available_cores() -> int:
    """Cores this process may run on (the CPU affinity mask where there is one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def default_workers(inputs: int | None) -> int:
    """All cores, but no more workers than the inputs can keep busy (1 for stdin or one input)."""
    if inputs is None or inputs <= 1:
        return 1
    return max(1, min(available_cores(), inputs // MIN_INPUTS_PER_WORKER))
