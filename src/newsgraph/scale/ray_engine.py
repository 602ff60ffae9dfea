"""The Ray engine: the batch function on a pool of Ray actors, locally or on a cluster.

The inputs become a Ray dataset of file paths (directories are walked on the driver with the
same rules as ``ingest``). Each actor of the pool keeps spaCy and the actor dictionary loaded
and, per batch, reads its files with ``newsgraph.ingest.iter_inputs`` — the very function
``newsgraph ingest`` uses, so every format it reads (and several documents per file, where a
format holds them) is read the same way — then runs ``pipeline.process`` (the function under
``pipeline.analyze_batch``; the records travel pickled, not as plain dicts, which cost the
driver about 3 ms per article to rebuild).

Two outputs:

- into the database (``analyze_with_ray``): results stream back to the driver in input order
  (``iter_batches`` with ``preserve_order``) and the driver stores them, exactly as ``ingest``;
- into Parquet (``write_parquet_with_ray``): each actor writes its batches under ``--out``
  (``scale/parquet.py``), partitioned by publication month; ``newsgraph load`` then loads them.

On a cluster the input files, ``--actors`` files and ``--out`` must be visible at the same path
on every node (a shared filesystem), and newsgraph must be installed on every node.

Known trap on small machines: ``repartition`` plus actors that take every CPU can hang; blocks
are sized when the dataset is made (``override_num_blocks``) instead.
"""
from __future__ import annotations

import contextlib
import logging
import math
import os
import pickle
import resource
from collections.abc import Iterator
from typing import Any

from ..errors import NewsgraphError
from ..ingest import DEFAULT_MAX_BYTES, iter_inputs, iter_paths
from ..model import Analysis, IngestError
from ..pipeline import document_record, process, record_input, warm_up

BATCH_SIZE = 16  # files per actor call (one nlp.pipe batch)
MAX_ROWS_PER_BLOCK = 256
STDIN = "-"


def _import_ray() -> Any:
    try:
        import ray
    except ImportError as exc:  # pragma: no cover - ray is an optional extra
        raise NewsgraphError("--engine ray needs Ray: pip install 'newsgraph[ray]'") from exc
    return ray


@contextlib.contextmanager
def ray_session(workers: int, address: str | None = None) -> Iterator[Any]:
    """Ray, started here (local mode with ``workers`` CPUs, or connected to ``address``) and shut
    down afterwards; a Ray already initialised by the caller is used as it is and left running."""
    if address and address.startswith("ray://"):
        raise NewsgraphError(
            f"cannot use Ray at {address}: Ray Data does not run through Ray Client (ray://). Run the ingest on "
            "the cluster as a Ray job instead: ray job submit --address http://HEAD:8265 -- newsgraph ingest "
            "IN --engine ray --address auto --out OUT (inputs and OUT on a filesystem every node sees)")
    ray = _import_ray()
    if ray.is_initialized():
        yield ray
        return
    options: dict[str, Any] = {"include_dashboard": False, "logging_level": logging.WARNING,
                               "configure_logging": True, "log_to_driver": True}
    try:
        if address:
            ray.init(address=address, **options)
        else:
            ray.init(num_cpus=workers, **options)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise NewsgraphError(f"cannot start or reach Ray{f' at {address}' if address else ''}: {exc}") from exc
    try:
        yield ray
    finally:
        ray.shutdown()


@contextlib.contextmanager
def _ray_errors(ray: Any) -> Iterator[None]:
    """A failure inside Ray (an actor that died, a batch that raised) as one clear error."""
    try:
        yield
    except ray.exceptions.RayError as exc:
        raise NewsgraphError(f"the Ray job failed: {exc}") from exc


def _as_given(uri: str, opened: str, given: str) -> str:
    """Name inputs as they were given on the command line, as ``ingest`` does, not by the
    absolute path the workers open."""
    return given + uri[len(opened):] if uri.startswith(opened) else uri


class Analyzer:
    """A Ray actor: spaCy and the actor dictionary loaded once; reads and analyses batches of files.

    With ``out`` it writes each batch as Parquet and returns one summary row per document;
    without, it returns each result as JSON for the driver to store.
    """

    def __init__(self, actor_files: tuple[str, ...] = (), max_bytes: int = DEFAULT_MAX_BYTES,
                 out: str | None = None, fields: dict[str, str] | None = None):
        self.actor_files = tuple(actor_files)
        self.max_bytes = max_bytes
        self.fields = fields
        warm_up(self.actor_files)
        self.writer = None
        if out:
            from .parquet import ParquetWriter

            self.writer = ParquetWriter(out)

    def _read(self, paths: Any, given: Any) -> list[dict[str, Any]]:
        records = []
        for opened, name in zip(paths, given):
            opened, name = str(opened), str(name)
            for item in iter_inputs([opened], max_bytes=self.max_bytes, fields=self.fields):
                record = document_record(item)
                record["uri"] = _as_given(record["uri"], opened, name)
                if record.get("hints", {}).get("path"):
                    record["hints"]["path"] = _as_given(record["hints"]["path"], opened, name)
                records.append(record)
        return records

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        from ..actordict import actor_dictionary
        from ..nlp import load_nlp

        documents = [record_input(r) for r in self._read(batch["path"], batch["given"])]
        results = list(process(documents, nlp=load_nlp(), actors=actor_dictionary(self.actor_files)))
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if self.writer is None:  # the records as they are (pickled): the driver stores them
            return {"result": [pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL) for r in results],
                    "pid": [os.getpid()] * len(results), "peak_rss_mb": [rss] * len(results)}
        rows: dict[str, list[Any]] = {k: [] for k in ("uri", "id", "outcome", "code", "reason", "pid", "peak_rss_mb")}
        for result in results:
            outcome = self.writer.add(result)
            error = isinstance(result, IngestError)
            rows["uri"].append(result.uri if error else result.article.uri)
            rows["id"].append(None if error else result.article.id)
            rows["outcome"].append(outcome)
            rows["code"].append(result.code if error else None)
            rows["reason"].append(result.reason if error else None)
            rows["pid"].append(os.getpid())
            rows["peak_rss_mb"].append(rss)
        self.writer.flush()
        return rows


def _input_files(paths: list[str], skip: list[str] | tuple[str, ...] = ()) -> list[dict[str, str]]:
    if STDIN in paths:
        raise NewsgraphError("--engine ray reads files, not stdin: save the input to a file first")
    return [{"path": os.path.abspath(p), "given": p} for p in iter_paths(paths, skip=skip)]


def _dataset(ray: Any, files: list[dict[str, str]], workers: int, analyzer_kwargs: dict[str, Any]) -> Any:
    """The inputs as a Ray dataset, mapped by a pool of ``workers`` Analyzer actors, order kept."""
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    ctx.enable_progress_bars = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    n = len(files)
    batch = max(1, min(BATCH_SIZE, math.ceil(n / (2 * workers))))
    blocks = max(1, min(n, max(2 * workers, math.ceil(n / MAX_ROWS_PER_BLOCK)), math.ceil(n / batch)))
    return ray.data.from_items(files, override_num_blocks=blocks).map_batches(
        Analyzer,
        fn_constructor_kwargs=analyzer_kwargs,
        batch_size=batch,
        compute=ray.data.ActorPoolStrategy(size=workers),
        num_cpus=1,
    )


def analyze_with_ray(
    paths: list[str],
    *,
    workers: int,
    address: str | None = None,
    actor_files: tuple[str, ...] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
    skip: list[str] | tuple[str, ...] = (),
    fields: dict[str, str] | None = None,
    stats: dict[str, Any] | None = None,
) -> Iterator[Analysis | IngestError]:
    """The pipeline's results for the inputs, computed by Ray actors, streamed back in input order."""
    files = _input_files(paths, skip)
    if not files:
        return
    peaks: dict[int, float] = {} if stats is None else stats.setdefault("worker_peak_rss_mb", {})
    kwargs = {"actor_files": tuple(os.path.abspath(f) for f in actor_files), "max_bytes": max_bytes,
              "fields": fields}
    with ray_session(workers, address) as ray, _ray_errors(ray):
        dataset = _dataset(ray, files, workers, kwargs)
        for batch in dataset.iter_batches(batch_size=None, batch_format="numpy"):
            for result, pid, peak in zip(batch["result"], batch["pid"], batch["peak_rss_mb"]):
                peaks[int(pid)] = max(peaks.get(int(pid), 0.0), float(peak))
                yield pickle.loads(result)


def write_parquet_with_ray(
    paths: list[str],
    out: str,
    *,
    workers: int,
    address: str | None = None,
    actor_files: tuple[str, ...] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
    fields: dict[str, str] | None = None,
    report: Any = None,
    stats: dict[str, Any] | None = None,
) -> dict[str, int]:
    """Analyse the inputs with Ray actors that write Parquet under ``out``; returns the counts.

    ``report``, when given, is called with each failed input's IngestError (the CLI prints them).
    """
    import sys

    files = _input_files(paths)
    counts = {"analysed": 0, "failed": 0}
    if not files:
        return counts
    peaks: dict[int, float] = {} if stats is None else stats.setdefault("worker_peak_rss_mb", {})
    kwargs = {"actor_files": tuple(os.path.abspath(f) for f in actor_files), "max_bytes": max_bytes,
              "out": os.path.abspath(out), "fields": fields}
    os.makedirs(out, exist_ok=True)
    with ray_session(workers, address) as ray, _ray_errors(ray):
        for batch in _dataset(ray, files, workers, kwargs).iter_batches(batch_size=None, batch_format="numpy"):
            for uri, outcome, code, reason, pid, peak in zip(batch["uri"], batch["outcome"], batch["code"],
                                                              batch["reason"], batch["pid"], batch["peak_rss_mb"]):
                peaks[int(pid)] = max(peaks.get(int(pid), 0.0), float(peak))
                if outcome == "failed":
                    counts["failed"] += 1
                    error = IngestError(str(uri), str(code), str(reason))
                    (report or (lambda e: print(f"error: {e}", file=sys.stderr)))(error)
                else:
                    counts["analysed"] += 1
    return counts
