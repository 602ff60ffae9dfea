"""Walking paths: files, directories (recursively) and ``-`` for standard input."""
from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from .. import errors
from ..errors import InputError
from ..model import IngestError, RawDocument
from .text import decode_bytes

DEFAULT_MAX_BYTES = 20_000_000  # 20 MB: far above any news article, far below a memory problem
STDIN = "-"


def iter_paths(paths: Iterable[str], *, skip: Iterable[str] = ()) -> Iterator[str]:
    """Every input a list of paths names: files as given, directories walked in sorted order.

    Hidden files and folders (names starting with a dot) inside directories are skipped, and
    so are the files in ``skip`` (the database being written, and its write-ahead log).
    A path that does not exist is passed on, so that reading it reports the error.
    """
    skipped = {os.path.realpath(p) for p in skip}
    for given in paths:
        if given == STDIN:
            yield STDIN
            continue
        path = Path(given)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    found = os.path.join(root, name)
                    if not name.startswith(".") and os.path.realpath(found) not in skipped:
                        yield found
        else:
            yield given


def count_inputs(paths: Iterable[str], *, skip: Iterable[str] = ()) -> int:
    return sum(1 for _ in iter_paths(paths, skip=skip))


def _read_bounded(stream: BinaryIO, uri: str, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(uri, errors.TOO_LARGE, f"larger than the limit of {max_bytes:,} bytes (see --max-bytes)")
    return data


def read_input(uri: str, *, max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None) -> RawDocument:
    """Read one path (or ``-``) into a RawDocument; raise InputError naming the input and the reason."""
    if uri == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        return decode_bytes("<stdin>", _read_bounded(stream, "<stdin>", max_bytes), max_bytes=max_bytes)
    path = Path(uri)
    try:
        if not path.exists():
            raise InputError(uri, errors.MISSING, "no such file or directory")
        if not path.is_file():
            raise InputError(uri, errors.UNREADABLE, "not a regular file")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                uri, errors.TOO_LARGE, f"{size:,} bytes, larger than the limit of {max_bytes:,} bytes (see --max-bytes)"
            )
        with path.open("rb") as stream:
            data = _read_bounded(stream, uri, max_bytes)
    except PermissionError as exc:
        raise InputError(uri, errors.UNREADABLE, "permission denied") from exc
    except OSError as exc:
        raise InputError(uri, errors.UNREADABLE, exc.strerror or str(exc)) from exc
    return decode_bytes(uri, data, max_bytes=max_bytes, hints={"path": str(path)})


def iter_inputs(
    paths: Iterable[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
    skip: Iterable[str] = (),
) -> Iterator[RawDocument | IngestError]:
    """Read every input lazily, one at a time, so memory does not grow with the corpus."""
    for uri in iter_paths(paths, skip=skip):
        try:
            yield read_input(uri, max_bytes=max_bytes, stdin=stdin)
        except InputError as exc:
            yield IngestError(exc.uri, exc.code, exc.reason)
