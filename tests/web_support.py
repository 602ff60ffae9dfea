"""Shared by the web tests: the demo database (built once per test process), the article that
tries to attack the dashboard, and a real uvicorn server on a free localhost port."""
from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path

from click.testing import CliRunner

_BUILT: dict[str, Path] = {}

DOCS_IMG = Path(__file__).resolve().parents[1] / "docs" / "img"


def screenshot_dir() -> Path:
    """Where the browser tests save their screenshots: the README's docs/img/ when
    NEWSGRAPH_SCREENSHOTS=1 (to refresh them on purpose), else a temporary folder, so that a test
    run leaves the working tree as it found it."""
    if os.environ.get("NEWSGRAPH_SCREENSHOTS") == "1":
        return DOCS_IMG
    if "screenshots" not in _BUILT:
        _BUILT["screenshots"] = Path(tempfile.mkdtemp(prefix="newsgraph-screenshots-"))
    return _BUILT["screenshots"]

# An article written to attack the dashboard: every piece must show as text, nothing may run.
HOSTILE_TEXT = """<script>window.__pwned = 1; alert('pwned')</script> Attack test headline

HOSTILE CITY, Jan 5 (Reuters) - The ministry said on Monday that "<img src=x onerror="window.__pwned=2">
is not an answer", according to a senior official, who spoke on condition of anonymity.

Rebels attacked the convoy near <b onmouseover="window.__pwned=3">the border</b> &amp; &lt;script&gt;alert(4)&lt;/script&gt;,
the ministry said. "We reject <svg onload=window.__pwned=5> all of it," the spokesman said.
"""


def demo_database(tmp_path_factory) -> Path:
    """The bundled sample corpus ingested once, with its search index built."""
    if "demo" not in _BUILT:
        from newsgraph.cli import cli
        from newsgraph.web.app import prepare_database

        folder = tmp_path_factory.mktemp("web-demo")
        db = folder / "demo.duckdb"
        result = CliRunner().invoke(cli, ["demo", "--db", str(db), "--json"])
        assert result.exit_code == 0, result.output
        # the ingest itself brings the index up to date; serving finds nothing to do
        assert "search index up to date" in prepare_database(db)
        _BUILT["demo"] = db
    return _BUILT["demo"]


def hostile_database(tmp_path_factory) -> Path:
    """The demo database plus the hostile article."""
    if "hostile" not in _BUILT:
        from newsgraph.cli import cli
        from newsgraph.web.app import prepare_database

        demo = demo_database(tmp_path_factory)
        folder = tmp_path_factory.mktemp("web-hostile")
        db = folder / "hostile.duckdb"
        shutil.copy(demo, db)
        page = folder / "hostile.txt"
        page.write_text(HOSTILE_TEXT, encoding="utf-8")
        result = CliRunner().invoke(cli, ["ingest", str(page), "--db", str(db)])
        assert result.exit_code == 0, result.output
        prepare_database(db)
        _BUILT["hostile"] = db
    return _BUILT["hostile"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """uvicorn serving the app in a background thread on 127.0.0.1."""

    def __init__(self, db: Path):
        import uvicorn

        from newsgraph.web.app import create_app

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(db), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
