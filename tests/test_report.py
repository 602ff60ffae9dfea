"""`newsgraph report`: one self-contained, escaped HTML briefing that makes no request."""
from __future__ import annotations

import re
from html import escape as html_escape
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.report import collect, key_events
from newsgraph.store import Store

from .web_support import demo_database, hostile_database, screenshot_dir

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def run_report(db: Path, out: Path, *args: str):
    return CliRunner().invoke(cli, ["report", "--db", str(db), "--out", str(out), *args])


def assert_self_contained(html: str) -> None:
    assert html.startswith("<!doctype html>")
    assert not re.search(r"<(script|link|iframe|img|object|embed)\b", html, re.I)
    assert not re.search(r"\b(src|href|action)\s*=", html, re.I)
    assert not re.search(r"url\((?!#)", html)
    assert "@import" not in html


def test_report_has_every_section(tmp_path_factory, tmp_path):
    out = tmp_path / "briefing.html"
    result = run_report(demo_database(tmp_path_factory), out)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert_self_contained(html)
    for heading in ("Key events", "Timeline: events per month", "Who acts on whom", "Most-quoted speakers",
                    "Contested claims", "Articles"):
        assert f"<h2>{heading}</h2>" in html
    assert 'aria-label="timeline of events"' in html and 'aria-label="network of who acts on whom"' in html
    assert html.count('class="claim"') >= 3
    # the key events name their actors: the stored names of the top events' sources are shown
    store = Store(demo_database(tmp_path_factory), read_only=True)
    try:
        data = collect(store)
    finally:
        store.close()
    top = [e for e in key_events(data["events"])[:5] if e["source_actor_ids"]]
    assert top
    for event in top:
        for actor_id in event["source_actor_ids"]:
            assert html_escape(data["actors"][actor_id]["name"]) in html


def test_report_selection(tmp_path_factory, tmp_path):
    db = demo_database(tmp_path_factory)
    out = tmp_path / "taliban.html"
    result = run_report(db, out, "--actor", "afg.taliban", "--since", "2023-01-01", "--until", "2023-12-31")
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<h1>Briefing: Taliban</h1>" in html
    assert "Taliban dismiss UN monitors" in html and "Shelling kills civilians" not in html
    assert run_report(db, tmp_path / "x.html", "--actor", "nobody").exit_code == 2
    bad = run_report(db, tmp_path / "y.html", "--since", "2024-01-02", "--until", "2024-01-01")
    assert bad.exit_code == 2 and "after" in bad.output
    assert run_report(db, tmp_path / "z.html", "--since", "not-a-date").exit_code == 2
    assert not (tmp_path / "x.html").exists()


def test_report_escapes_hostile_text(tmp_path_factory, tmp_path):
    out = tmp_path / "hostile.html"
    result = run_report(hostile_database(tmp_path_factory), out)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert_self_contained(html)
    assert "&lt;script&gt;window.__pwned" in html
    assert "Attack test headline" in html
    assert "<svg onload" not in html and "<img src=x" not in html


@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing: install it with `make browser`")
def test_briefing_opens_in_the_browser_without_any_request(tmp_path_factory, tmp_path):
    from playwright.sync_api import sync_playwright

    files = {}
    for name, db in (("demo", demo_database(tmp_path_factory)), ("hostile", hostile_database(tmp_path_factory))):
        files[name] = tmp_path / f"{name}.html"
        assert run_report(db, files[name]).exit_code == 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            for name, path in files.items():
                page = browser.new_page(viewport={"width": 1200, "height": 900})
                requests, errors, dialogs = [], [], []
                page.on("request", lambda r: requests.append(r.url))
                page.on("pageerror", lambda e: errors.append(str(e)))
                page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
                page.goto(path.as_uri())
                page.wait_for_load_state("networkidle")
                assert requests == [path.as_uri()], requests
                assert not errors and not dialogs
                assert page.evaluate("typeof window.__pwned") == "undefined"
                assert page.locator("svg[aria-label='network of who acts on whom'] circle").count() > 3
                if name == "hostile":
                    assert "<script>window.__pwned = 1" in page.locator("body").inner_text()
                else:
                    IMG = screenshot_dir()
                    page.screenshot(path=str(IMG / "briefing.png"), full_page=True,
                                    clip={"x": 0, "y": 0, "width": 1200, "height": 1600})
                page.close()
        finally:
            browser.close()


def _event(i: int, kind: str, sources: list[str], targets: list[str], article: str, goldstein: float = -10.0) -> dict:
    return {"id": f"e{i}", "plover_type": kind, "source_actor_ids": sources, "target_actor_ids": targets,
            "status": "asserted", "confidence": 0.7, "goldstein": goldstein, "article_id": article}


def test_key_events_leave_out_events_with_no_actor():
    events = [_event(1, "ASSAULT", [], [], "a1"), _event(2, "ASSAULT", [], [], "a2"), _event(3, "ASSAULT", [], [], "a3"),
              _event(4, "ASSAULT", ["rebels"], ["army"], "a1"), _event(5, "ASSAULT", ["rebels"], ["army"], "a2"),
              _event(6, "AGREE", ["a"], [], "a1", 4.0)]
    ranked = key_events(events)
    assert [(e["plover_type"], e["source_actor_ids"], e["articles"]) for e in ranked] == [
        ("ASSAULT", ["rebels"], 2), ("AGREE", ["a"], 1)]
