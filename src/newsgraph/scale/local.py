"""The local engine: the batch function on N worker processes, results back in input order.

The main process reads the inputs and writes the store; workers (started with ``spawn``, so
nothing of the parent's state is shared, and single-threaded) each load spaCy and the actor
dictionary once and run ``pipeline.process`` on chunks of documents; the records come back as
they are. At most ``4 × workers`` chunks are in
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
from contextlib import contextmanager
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from .. import errors
from ..errors import NewsgraphError
from ..actordict import actor_dictionary
from ..model import Analysis, IngestError, RawDocument
from ..nlp import MAX_TEXT_CHARS, load_nlp
from ..pipeline import DEFAULT_BATCH_SIZE, _chunks, process, warm_up

DEFAULT_CHUNK_SIZE = 16  # documents sent to a worker at a time (one nlp.pipe batch)
IN_FLIGHT_PER_WORKER = 4  # chunks queued per worker: results come back in order, so a slow chunk must
# not leave the other workers idle


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
    warm_up(settings.actor_files)


def _analyze_chunk(items: list[RawDocument | IngestError]) -> tuple[list[Analysis | IngestError], int, float]:
    """Run in a worker: the batch function on one chunk; also the worker's pid and peak RSS (MB).

    The records go back to the main process as they are (pickled): rebuilding them from plain
    dicts cost the main process, which also stores them, about 3 ms per article."""
    settings = _SETTINGS or WorkerSettings()
    results = list(process(items, nlp=load_nlp(), batch_size=settings.batch_size, max_chars=settings.max_chars,
                           actors=actor_dictionary(settings.actor_files)))
    return results, os.getpid(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# Numerical libraries under spaCy (OpenBLAS through numpy) start a thread per core in every
# process; with one worker per core, two workers would run four such threads on two cores.
# Workers are single-threaded by design, so they start with one thread each.
SINGLE_THREAD_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


@contextmanager
def _child_environment(values: dict[str, str]) -> Iterator[None]:
    """Set environment variables for the processes started inside the block (a value the user
    set is kept), and restore this process's environment afterwards."""
    saved = {name: os.environ.get(name) for name in values}
    for name, value in values.items():
        os.environ.setdefault(name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


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
    pending: deque[tuple[list[RawDocument | IngestError], Future]] = deque()

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
            for item in chunk:
                yield (item if isinstance(item, IngestError)
                       else IngestError(item.uri, errors.INTERNAL, f"worker failed: {exc!r}"))
            return
        peaks[pid] = max(peaks.get(pid, 0.0), peak)
        yield from results

    # workers start as chunks are submitted, so the variables stay set until the run ends
    with _child_environment(SINGLE_THREAD_ENV):
        executor = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                                       initargs=(settings, os.getpid()))
        try:
            for chunk in _chunks(items, chunk_size):
                pending.append((chunk, executor.submit(_analyze_chunk, chunk)))
                while len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                    yield from finish_one()
            while pending:
                yield from finish_one()
        finally:
            executor.shutdown(wait=True, cancel_futures=True)
