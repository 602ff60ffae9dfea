"""Crash safety, idempotency, order and concurrent use, with real processes and real files."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

import newsgraph
from newsgraph.clean import clean_text
from newsgraph.cli import sample_corpus_files

EXE = str(Path(sys.executable).parent / "newsgraph")
KILL_AFTER = (40, 350, 700)  # articles logged before each SIGKILL


def make_briefs(folder: Path, n: int) -> list[Path]:
    """n short, distinct articles made from the bundled corpus's paragraphs."""
    paragraphs = []
    for path in sample_corpus_files():
        paragraphs += [p for p in clean_text(path.read_text(encoding="utf-8")).text.split("\n\n") if len(p) > 80]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        body = paragraphs[i % len(paragraphs)]
        month, day = i % 12 + 1, i % 27 + 1
        text = (f"Brief {i}: regional roundup\n\n{body}\n\nThis is brief number {i} of the roundup.\n\n"
                f"Published in Dawn, March {day}th, 202{3 + month % 2}\n")
        path = folder / f"brief-{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def table_counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "mentions", "statements", "source_links")}
    finally:
        con.close()


def wait_for_lines(log: Path, count: int, proc: subprocess.Popen, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists() and log.read_text(encoding="utf-8").count("\n") >= count:
            return
        if proc.poll() is not None:
            return
        time.sleep(0.05)
    raise TimeoutError(f"{log} did not reach {count} lines")


def test_sigkill_during_ingest_loses_and_duplicates_nothing(tmp_path):
    folder = tmp_path / "briefs"
    make_briefs(folder, 1000)
    db = tmp_path / "crash.duckdb"
    for kill_at in KILL_AFTER:
        log = tmp_path / f"log-{kill_at}.jsonl"
        proc = subprocess.Popen([EXE, "ingest", str(folder), "--db", str(db), "--log-json", str(log)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        wait_for_lines(log, kill_at, proc)
        if proc.poll() is not None:
            raise AssertionError(f"ingest ended early ({proc.returncode}): {proc.stderr.read()[-2000:]}")
        assert proc.poll() is None, f"the ingest ended (code {proc.returncode}) before {kill_at} articles"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        counts = table_counts(db)  # the file opens after every kill
        assert counts["articles"] >= 1
    final = subprocess.run([EXE, "ingest", str(folder), "--db", str(db), "--json"], capture_output=True,
                           text=True, timeout=900)
    assert final.returncode == 0, final.stderr
    outcome = json.loads(final.stdout)
    assert outcome["failed"] == 0 and outcome["added"] + outcome["unchanged"] == 1000
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*), count(DISTINCT id), count(DISTINCT uri) FROM articles").fetchone() == (
            1000, 1000, 1000)
        # No half-written article: every stored article has exactly the records a fresh analysis gives.
        sample = con.execute("SELECT id, uri FROM articles ORDER BY id LIMIT 25").fetchall()
        for article_id, uri in sample:
            expected = newsgraph.analyze(Path(uri).read_text(encoding="utf-8"))
            stored = con.execute(
                "SELECT (SELECT count(*) FROM mentions WHERE article_id = ?),"
                " (SELECT count(*) FROM statements WHERE article_id = ?)", [article_id, article_id]).fetchone()
            assert stored == (len(expected.mentions), len(expected.statements)), uri
        orphans = con.execute(
            "SELECT count(*) FROM mentions m LEFT JOIN articles a ON a.id = m.article_id WHERE a.id IS NULL"
        ).fetchone()[0]
        assert orphans == 0
    finally:
        con.close()


def test_twice_and_reversed_give_the_same_records(tmp_path):
    folder = tmp_path / "briefs"
    paths = make_briefs(folder, 40)
    for wire in sorted((Path(__file__).parent / "fixtures" / "stories").glob("wire-*.txt")):
        paths.append(folder / wire.name)  # a wire story and its copies: one story of four
        paths[-1].write_bytes(wire.read_bytes())
    forward, backward = tmp_path / "f.duckdb", tmp_path / "b.duckdb"
    with newsgraph.Store(forward) as store:
        first = store.ingest(newsgraph.process(newsgraph.iter_inputs([str(folder)])))
        second = store.ingest(newsgraph.process(newsgraph.iter_inputs([str(folder)])))
    assert first["added"] == 44 and second == {"added": 0, "unchanged": 44, "new-version": 0, "failed": 0}
    with newsgraph.Store(backward) as store:
        store.ingest(newsgraph.process(newsgraph.iter_inputs([str(p) for p in reversed(paths)])))
    assert table_counts(forward) == table_counts(backward)
    queries = (
        "SELECT article_id, start_char, end_char, text, actor_id FROM mentions ORDER BY ALL",
        "SELECT id, story FROM articles ORDER BY ALL",  # the same stories, named the same
        "SELECT * FROM merged_events ORDER BY ALL",  # and the same merged events with the same counts
    )
    for query in queries:
        rows = []
        for db in (forward, backward):
            con = duckdb.connect(str(db), read_only=True)
            rows.append(con.execute(query).fetchall())
            con.close()
        assert rows[0] == rows[1], query
    con = duckdb.connect(str(forward), read_only=True)
    try:  # the comparison of stories is not empty
        assert con.execute("SELECT count(*) FROM articles WHERE story <> id").fetchone()[0] == 3
    finally:
        con.close()


def test_reading_during_an_ingest_names_the_lock_holder(tmp_path):
    folder = tmp_path / "briefs"
    make_briefs(folder, 300)
    db, log = tmp_path / "busy.duckdb", tmp_path / "busy.jsonl"
    proc = subprocess.Popen([EXE, "ingest", str(folder), "--db", str(db), "--log-json", str(log)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_lines(log, 5, proc)
        if proc.poll() is not None:
            pytest.skip("the ingest finished before the reader could try")
        reader = subprocess.run([EXE, "stats", "--db", str(db)], capture_output=True, text=True, timeout=300)
        assert reader.returncode == 2
        assert f"in use by process {proc.pid}" in reader.stderr
    finally:
        proc.kill()
        proc.wait()
    assert table_counts(db)["articles"] >= 1  # never a corrupt file


def test_sigkill_during_serve_leaves_the_database_whole(tmp_path):
    """`serve` is killed with -9 while requests are in flight: the file opens, nothing is lost, and
    the next ingest and the next server work (each request reads with its own read-only connection)."""
    import socket
    import threading

    import httpx

    folder = tmp_path / "briefs"
    paths = make_briefs(folder, 30)
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    for i, path in enumerate(paths):
        path.rename((first if i < 20 else later) / path.name)
    db = tmp_path / "served.duckdb"
    done = subprocess.run([EXE, "ingest", str(first), "--db", str(db), "--json"], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    before = table_counts(db)

    def serve() -> tuple[subprocess.Popen, str]:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        proc = subprocess.Popen([EXE, "serve", "--db", str(db), "--port", str(port)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/api/stats", timeout=2).status_code == 200:
                    return proc, url
            except httpx.TransportError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, "newsgraph serve did not answer"
            time.sleep(0.1)

    proc, url = serve()
    answered: list[int] = []
    stop = threading.Event()

    def hammer() -> None:
        paths_ = ["/api/articles?q=officials", "/api/events", "/api/quotes", "/api/stats", "/api/actors"]
        while not stop.is_set():
            for p in paths_:
                try:
                    answered.append(httpx.get(url + p, timeout=5).status_code)
                except httpx.TransportError:
                    return  # the server is gone
    worker = threading.Thread(target=hammer)
    worker.start()
    deadline = time.monotonic() + 30
    while len(answered) < 10 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stop.set()
    worker.join(timeout=30)
    assert answered and set(answered) == {200}, answered
    assert table_counts(db) == before  # the file opens, nothing lost
    again = subprocess.run([EXE, "ingest", str(first), str(later), "--db", str(db), "--json"], capture_output=True,
                           text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["added"] == 10, again.stdout
    proc, url = serve()
    try:
        assert httpx.get(f"{url}/api/stats", timeout=5).json()["articles"] == 30
    finally:
        proc.kill()
        proc.wait()
