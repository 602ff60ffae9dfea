"""The same answer everywhere: one process, worker processes, and Ray (local mode, 2 CPUs).

The bundled sample corpus (plus a JSONL file of several articles and three bad inputs) is ingested by each engine; every stored
record (articles, mentions, actors, statements, events, source links, errors) must be equal,
column by column, apart from the run id and the time of ingest. Ray starts once per module.
"""
from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from newsgraph.cli import cli, sample_corpus_files
from newsgraph.ingest import iter_inputs
from newsgraph.model import IngestError, RawDocument
from newsgraph.pipeline import analyze_batch, document_record, process, result_from_record
from newsgraph.scale import default_workers
from newsgraph.scale.local import IN_FLIGHT_PER_WORKER, analyze_in_processes
from newsgraph.scale.parquet import parquet_counts

ARTICLES, ERRORS = 17, 3  # 14 sample files, a near-duplicate of one, 2 JSONL lines; empty, image, broken line
RUN_TABLES = {"schema_version", "ingest_runs", "ingest_errors"}  # not records; errors compared apart
VOLATILE = {"run_id", "ingested_at"}


def invoke(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return result


def dump(db: Path) -> dict[str, list[tuple]]:
    """Every stored record of every table, in order, without the columns that name the run."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        tables = [name for (name,) in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
            " AND table_type = 'BASE TABLE' ORDER BY 1").fetchall()
            if name not in RUN_TABLES]
        assert {"articles", "mentions", "actors", "statements", "events", "source_links"} <= set(tables)
        for table in tables:
            columns = [name for (name,) in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = ?"
                " ORDER BY ordinal_position",
                [table]).fetchall() if name not in VOLATILE]
            out[table] = con.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY ALL").fetchall()
        out["errors"] = con.execute("SELECT uri, code, reason FROM ingest_errors ORDER BY uri").fetchall()
        return out
    finally:
        con.close()


def assert_same(expected: dict, got: dict) -> None:
    for table, rows in expected.items():
        assert len(got[table]) == len(rows), table
        for want, have in zip(rows, got[table]):
            assert have == want, f"{table}: {have[0]}"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The sample corpus, a near-duplicate, a JSONL file of three lines (one broken), two inputs that fail."""
    folder = tmp_path_factory.mktemp("scale") / "corpus"
    folder.mkdir()
    for path in sample_corpus_files():
        shutil.copy(path, folder / path.name)
    first = sample_corpus_files()[0].read_text(encoding="utf-8").split("\n\n")
    first.insert(5, "Officials said further talks were planned for next month.")
    (folder / "zz-near-duplicate.txt").write_text("\n\n".join(first), encoding="utf-8")  # same story
    (folder / "zz-empty.txt").write_bytes(b"")
    (folder / "zz-image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    lines = [json.dumps({"url": "https://example.org/talks", "title": "Talks resume", "published": "2024-03-05",
                         "text": "KABUL: Taliban officials said on Tuesday that talks with Pakistan would resume "
                                 "next week. \u201cWe want calm on the border,\u201d spokesman Zabihullah Mujahid said."}),
             "this line is not JSON",
             json.dumps({"url": "https://example.org/strike", "title": "Strike", "published": "2023-12-01",
                         "text": "Ukraine said Russian drones attacked Kyiv overnight, and the United Nations "
                                 "condemned the attack, according to a statement."})]
    (folder / "zz-batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def one_worker(corpus, tmp_path_factory) -> dict:
    db = tmp_path_factory.mktemp("w1") / "w1.duckdb"
    result = invoke("ingest", corpus, "--db", db, "--workers", 1)
    assert result.exit_code == 1  # the bad inputs
    assert f"{ARTICLES} added" in result.stdout
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles GROUP BY story HAVING count(*) > 1").fetchall() == [(2,)]
    records = dump(db)
    assert len(records["articles"]) == ARTICLES and len(records["errors"]) == ERRORS
    assert sum("zz-batch.jsonl" in row[1] or "example.org" in row[1] for row in records["articles"]) == 2
    assert records["events"] and records["statements"] and records["mentions"]
    return records


@pytest.fixture(scope="module")
def ray_local():
    ray = pytest.importorskip("ray", reason="the ray extra (pip install 'newsgraph[ray]') is not installed")
    ray.init(num_cpus=2, include_dashboard=False, logging_level="WARNING", configure_logging=True)
    try:
        yield ray
    finally:
        ray.shutdown()


def test_batch_function_round_trip_is_exact(corpus):
    paths = [str(p) for p in sorted(corpus.iterdir())]
    direct = list(process(iter_inputs(paths)))
    plain = analyze_batch([document_record(item) for item in iter_inputs(paths)])
    assert [r["kind"] for r in plain].count("error") == ERRORS
    assert [result_from_record(r) for r in plain] == direct


def test_two_workers_give_the_same_records(corpus, one_worker, tmp_path):
    db = tmp_path / "w2.duckdb"
    result = invoke("ingest", corpus, "--db", db, "--workers", 2)
    assert result.exit_code == 1 and f"{ARTICLES} added" in result.stdout
    assert_same(one_worker, dump(db))


def test_ray_into_the_database_gives_the_same_records(corpus, one_worker, ray_local, tmp_path):
    db = tmp_path / "ray.duckdb"
    result = invoke("ingest", corpus, "--db", db, "--engine", "ray", "--workers", 2)
    assert result.exit_code == 1 and f"{ARTICLES} added" in result.stdout
    assert_same(one_worker, dump(db))


def test_ray_to_parquet_then_load_gives_the_same_records_once(corpus, one_worker, ray_local, tmp_path):
    out, db = tmp_path / "records", tmp_path / "loaded.duckdb"
    result = invoke("ingest", corpus, "--engine", "ray", "--workers", 2, "--out", out)
    assert result.exit_code == 1 and f"{ARTICLES} analysed, {ERRORS} failed" in result.stdout
    assert any((out / "articles").glob("month=20*/part-*.parquet"))
    counts = parquet_counts(out)
    assert counts["articles"] == ARTICLES and counts["errors"] == ERRORS
    assert counts["events"] == len(one_worker["events"]) and counts["mentions"] == len(one_worker["mentions"])
    assert {p.name for p in (out / "events").iterdir()} <= {p.name for p in (out / "articles").iterdir()}
    first = invoke("load", out, "--db", db, "--json")
    assert first.exit_code == 0, first.output
    assert f'"added": {ARTICLES}' in first.stdout and f'"failed": {ERRORS}' in first.stdout
    assert_same(one_worker, dump(db))
    again = invoke("load", out, "--db", db)  # idempotent: nothing twice
    assert again.exit_code == 0 and "0 added" in again.stdout and f"{ARTICLES} unchanged" in again.stdout
    assert_same(one_worker, dump(db))


def test_load_after_ingest_adds_nothing(corpus, ray_local, tmp_path):
    out, db = tmp_path / "records", tmp_path / "both.duckdb"
    invoke("ingest", corpus, "--db", db, "--workers", 1)
    before = dump(db)
    invoke("ingest", corpus, "--engine", "ray", "--workers", 2, "--out", out)
    result = invoke("load", out, "--db", db)
    assert "0 added" in result.stdout and f"{ARTICLES} unchanged" in result.stdout
    assert dump(db) == before


def test_workers_stream_with_bounded_work_in_flight():
    """The main process never reads more than the chunks in flight ahead of what it has stored."""
    pulled = 0

    def documents():
        nonlocal pulled
        for i in range(48):
            pulled += 1
            yield RawDocument(uri=f"doc-{i}", text=f"Officials in Kabul said on Monday that talks number {i} "
                                                   "with Pakistan would resume.")
        yield IngestError("bad", "empty", "empty file")

    stats: dict = {}
    ahead = []
    results = []
    for result in analyze_in_processes(documents(), workers=2, chunk_size=4, stats=stats):
        results.append(result)
        ahead.append(pulled - len(results))
    assert [r.uri if isinstance(r, IngestError) else r.article.uri for r in results] == \
        [f"doc-{i}" for i in range(48)] + ["bad"]
    assert max(ahead) <= 2 * IN_FLIGHT_PER_WORKER * 4 + 4  # workers × in flight per worker × chunk, plus the one filling
    assert max(ahead) < 48  # the corpus was not read ahead as a whole
    peaks = stats["worker_peak_rss_mb"]
    assert 1 <= len(peaks) <= 2 and all(50 < mb < 1500 for mb in peaks.values())


def test_default_workers():
    assert default_workers(None) == 1  # stdin
    assert default_workers(1) == 1
    assert default_workers(10) == 1  # too few inputs to pay for starting a second worker
    assert default_workers(100_000) >= 1


def _free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


@pytest.fixture
def ray_cluster(tmp_path_factory):
    """A Ray cluster started apart, as on real machines: `ray start --head` in its own process group,
    with token authentication; yields (address, environment for its clients), then stops it."""
    pytest.importorskip("ray", reason="the ray extra (pip install 'newsgraph[ray]') is not installed")
    ray_bin = Path(sys.executable).with_name("ray")
    gcs, agent, agent_grpc, metrics = _free_ports(4)
    temp = Path(tempfile.mkdtemp(prefix="ng-ray-", dir="/tmp"))  # short: Ray's socket paths have a length limit
    env = {**os.environ, "RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": secrets.token_hex(32)}
    log = temp / "head.log"  # a file, not a pipe: nobody reads a pipe while the head runs, and a full one blocks it
    with open(log, "wb") as out:
        head = subprocess.Popen(
            [str(ray_bin), "start", "--head", "--block", "--num-cpus", "2", "--port", str(gcs),
             "--dashboard-agent-listen-port", str(agent),
             "--dashboard-agent-grpc-port", str(agent_grpc), "--metrics-export-port", str(metrics),
             "--include-dashboard", "false", "--temp-dir", str(temp), "--disable-usage-stats"],
            env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while b"Ray runtime started" not in log.read_bytes():
            assert head.poll() is None and time.monotonic() < deadline, \
                f"ray start --head did not start:\n{log.read_text(errors='replace')[-3000:]}"
            time.sleep(0.5)
        yield f"127.0.0.1:{gcs}", env
    finally:
        for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(head.pid, sig)
            try:
                head.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue
        shutil.rmtree(temp, ignore_errors=True)


def test_ray_cluster_started_apart_gives_the_same_records(corpus, one_worker, ray_cluster, tmp_path):
    """The path a cluster user takes: `ray start --head` (token auth on), then the CLI in another
    process with --address; Parquet out, `load`, the same records as one worker."""
    address, env = ray_cluster
    out, db = tmp_path / "records", tmp_path / "cluster.duckdb"
    newsgraph = str(Path(sys.executable).with_name("newsgraph"))
    run = subprocess.run([newsgraph, "ingest", str(corpus), "--engine", "ray", "--address", address, "--workers", "2",
                          "--out", str(out)], env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 1, run.stderr[-3000:]  # the three bad inputs
    assert f"{ARTICLES} analysed, {ERRORS} failed" in run.stdout, run.stderr[-3000:]
    assert invoke("load", out, "--db", db).exit_code == 0
    assert_same(one_worker, dump(db))
    wrong = subprocess.run([newsgraph, "ingest", str(corpus), "--engine", "ray", "--address", address, "--db",
                            str(tmp_path / "x.duckdb")], env={**env, "RAY_AUTH_TOKEN": "0" * 64},
                           capture_output=True, text=True, timeout=300)
    assert wrong.returncode == 2 and f"cannot start or reach Ray at {address}" in wrong.stderr


def test_ray_client_addresses_are_refused_with_the_way_to_run_on_a_cluster(corpus, tmp_path):
    pytest.importorskip("ray", reason="the ray extra (pip install 'newsgraph[ray]') is not installed")
    result = CliRunner().invoke(cli, ["ingest", str(corpus), "--engine", "ray", "--address", "ray://head:10001",
                                      "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2
    assert "Ray Data does not run through Ray Client" in result.output and "ray job submit" in result.output
