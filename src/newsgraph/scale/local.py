"""The local engine: the batch function on N worker processes, results back in input order.

The main process reads the inputs and writes the store; workers (started with ``spawn``, so
nothing of the parent's state is shared) each load spaCy and the actor dictionary once and run
``pipeline.analyze_batch`` on chunks of documents. At most ``2 × workers`` chunks are in
flight at any time, so memory depends on the chunk size and the number of workers, never on
the size of the corpus. Results come back in the order the inputs were read, so the store gets
exactly what one process would have given it.
"""
from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from .. import errors
from ..errors import NewsgraphError
from ..model import Analysis, IngestError, RawDocument
from ..nlp import MAX_TEXT_CHARS
from ..pipeline import DEFAULT_BATCH_SIZE, _chunks, analyze_batch, document_record, result_from_record

DEFAULT_CHUNK_SIZE = 16  # documents sent to a worker at a time (one nlp.pipe batch)
IN_FLIGHT_PER_WORKER = 2  # chunks queued per worker: one running, one waiting


class WorkerSettings:
    """What each worker needs to know, sent once when it starts."""

    def __init__(self, actor_files: tuple[str, ...] = (), max_chars: int = MAX_TEXT_CHARS,
                 batch_size: int = DEFAULT_BATCH_SIZE):
        self.actor_files = tuple(actor_files)
        self.max_chars = max_chars
        self.batch_size = batch_size


_SETTINGS: WorkerSettings | None = None


def _watch_parent(parent: int) -> None:
    """End this worker when the main process is gone (even killed with SIGKILL)."""
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)


def _start_worker(settings: WorkerSettings, parent: int) -> None:
    """Worker initializer: load spaCy and the actor dictionary once, before the first chunk."""
    global _SETTINGS
    _SETTINGS = settings
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="watch-parent").start()
    from ..actordict import actor_dictionary
    from ..nlp import load_nlp

    actor_dictionary(settings.actor_files).matchers(load_nlp())


def _analyze_chunk(records: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int, float]:
    """Run in a worker: the batch function on one chunk; also the worker's pid and peak RSS (MB)."""
    settings = _SETTINGS or WorkerSettings()
    results = analyze_batch(records, actor_files=settings.actor_files, batch_size=settings.batch_size,
                            max_chars=settings.max_chars)
    return results, os.getpid(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def analyze_in_processes(
    items: Iterable[RawDocument | IngestError],
    *,
    workers: int,
    actor_files: tuple[str, ...] = (),
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    max_chars: int = MAX_TEXT_CHARS,
    stats: dict[str, Any] | None = None,
) -> Iterator[Analysis | IngestError]:
    """Analyse a stream of documents on ``workers`` processes; results in input order.

    Reading errors pass through in their place. A chunk whose worker raised comes back as one
    ``internal`` error per document; a worker that died (killed, out of memory) stops the run
    with a :class:`NewsgraphError` — what was yielded before stays valid.
    ``stats``, when given, receives ``worker_peak_rss_mb`` ({pid: MB}) as chunks come back.
    """
    if workers < 1:
        raise ValueError("workers must be at least 1")
    settings = WorkerSettings(actor_files, max_chars, min(chunk_size, DEFAULT_BATCH_SIZE))
    context = multiprocessing.get_context("spawn")
    peaks: dict[int, float] = {} if stats is None else stats.setdefault("worker_peak_rss_mb", {})
    pending: deque[tuple[list[dict[str, Any]], Future]] = deque()
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                                   initargs=(settings, os.getpid()))

    def finish_one() -> Iterator[Analysis | IngestError]:
        chunk, future = pending.popleft()
        try:
            results, pid, peak = future.result()
        except BrokenProcessPool as exc:
            raise NewsgraphError(
                "a worker process died (killed, or out of memory); what was stored so far is kept: "
                "run the same ingest again to store the rest"
            ) from exc
        except Exception as exc:  # the chunk failed as a whole: one error per document, the run goes on
            for record in chunk:
                yield (IngestError(record["uri"], record["code"], record["reason"]) if record["kind"] == "error"
                       else IngestError(record["uri"], errors.INTERNAL, f"worker failed: {exc!r}"))
            return
        peaks[pid] = max(peaks.get(pid, 0.0), peak)
        for result in results:
            yield result_from_record(result)

    try:
        for chunk in _chunks((document_record(item) for item in items), chunk_size):
            pending.append((chunk, executor.submit(_analyze_chunk, chunk)))
            while len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield from finish_one()
        while pending:
            yield from finish_one()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
