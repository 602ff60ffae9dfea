"""The bundled sample corpus and the demo command."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsgraph.clean import clean_text
from newsgraph.cli import cli, sample_corpus_files

from .conftest import load_cases

MANIFEST = load_cases("corpus_manifest.jsonl")


def test_corpus_is_bundled_and_covers_the_topics():
    files = {p.name for p in sample_corpus_files()}
    assert len(files) >= 12
    assert files == {m["file"] for m in MANIFEST}
    topics = {m["topic"] for m in MANIFEST}
    assert {"armed conflict", "diplomacy", "protest", "elections", "sanctions", "disaster relief"} <= topics


@pytest.mark.parametrize("entry", MANIFEST, ids=[m["file"] for m in MANIFEST])
def test_corpus_page_metadata(entry):
    (path,) = [p for p in sample_corpus_files() if p.name == entry["file"]]
    page = path.read_text(encoding="utf-8")
    result = clean_text(page)
    published = result.published.isoformat() if result.published else None
    assert (result.headline, result.publisher, published, result.dateline, result.byline) == (
        entry["headline"], entry["publisher"], entry["published"], entry["dateline"], entry["byline"],
    )
    assert result.headline not in result.text
    assert (page.count(entry["headline"]) == 2) == entry["headline_repeated"]
    for noise in ("Leave a Reply", "Share on ", "Subscribe to", "Published in", "(Reporting by", "Copyright ©"):
        assert noise not in result.text


def test_demo_ingests_the_corpus_and_summarises(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["demo"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "newsgraph.duckdb").exists()
    out = result.stdout
    for label in ("articles", "publishers", "date range", "actors", "quotes and statements", "events", "errors"):
        assert label in out
    assert f"{len(MANIFEST)} added" in out and "2022-09-06 .. 2024-10-14" in out
    again = runner.invoke(cli, ["demo", "--json"], catch_exceptions=False)
    data = json.loads(again.stdout)
    assert data["ingest"]["unchanged"] == len(MANIFEST) and data["ingest"]["added"] == 0
    assert data["stats"]["articles"] == len(MANIFEST) and data["stats"]["errors"] == 0
