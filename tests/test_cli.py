"""The command line through click's runner (and once as a real process), on real databases."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli

STORY_A = "Ceasefire talks resume\n\nDOHA: Delegates met in Doha on Monday, mediators said.\n\nPublished in Dawn, May 6th, 2024\n"
STORY_B = "Aid convoy reaches town\n\nGENEVA (AP) — A convoy of the World Food Programme reached the town on Friday.\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(64))


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(STORY_A, encoding="utf-8")
    (folder / "sub" / "b.txt").write_text(STORY_B, encoding="utf-8")
    return folder


def invoke(runner, *args, input=None):
    return runner.invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


def test_ingest_then_again_is_unchanged(runner, corpus, db_path):
    first = invoke(runner, "ingest", corpus, "--db", db_path, "--json")
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout) == {"added": 2, "unchanged": 0, "new-version": 0, "failed": 0}
    second = invoke(runner, "ingest", corpus, "--db", db_path)
    assert second.exit_code == 0
    assert "0 added, 0 new versions, 2 unchanged, 0 failed" in second.stdout


def test_ingest_mixed_directory_reports_each_bad_file_and_exits_1(runner, corpus, db_path):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "photo.png").write_bytes(PNG)
    (corpus / "old.txt").write_bytes("Café talks\n\nThe café in Genève reopened on Monday.\n".encode("cp1252"))
    result = invoke(runner, "ingest", corpus, corpus / "missing.txt", "--db", db_path)
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 3
    assert any("empty.txt: empty file" in line for line in lines)
    assert any("photo.png: binary file (PNG image)" in line for line in lines)
    assert any("missing.txt: no such file or directory" in line for line in lines)
    assert "3 added" in result.stdout and "3 failed" in result.stdout
    stats = json.loads(invoke(runner, "stats", "--db", db_path, "--json").stdout)
    assert stats["articles"] == 3 and stats["errors"] == 3
    # Nothing stored is lost or duplicated by a second run with the same bad files.
    again = invoke(runner, "ingest", corpus, "--db", db_path)
    assert again.exit_code == 1
    assert json.loads(invoke(runner, "stats", "--db", db_path, "--json").stdout)["articles"] == 3


def test_ingest_too_large_file(runner, corpus, db_path):
    (corpus / "huge.txt").write_text("word " * 2000)
    result = invoke(runner, "ingest", corpus, "--db", db_path, "--max-bytes", 5000)
    assert result.exit_code == 1
    assert "huge.txt: 10,000 bytes, larger than the limit of 5,000 bytes" in result.stderr


def test_ingest_stdin(runner, db_path):
    result = invoke(runner, "ingest", "-", "--db", db_path, input=STORY_A)
    assert result.exit_code == 0 and "1 added" in result.stdout
    (row,) = json.loads(invoke(runner, "articles", "--db", db_path, "--json").stdout)
    assert row["uri"] == "<stdin>"


def test_articles_and_show(runner, corpus, db_path):
    invoke(runner, "ingest", corpus, "--db", db_path)
    rows = json.loads(invoke(runner, "articles", "--db", db_path, "--json").stdout)
    assert [r["headline"] for r in rows] == ["Ceasefire talks resume", "Aid convoy reaches town"]
    table = invoke(runner, "articles", "--db", db_path)
    assert "Ceasefire talks resume" in table.stdout and rows[0]["id"][:12] in table.stdout
    shown = json.loads(invoke(runner, "show", rows[0]["id"][:8], "--db", db_path, "--json").stdout)
    assert {"id", "headline", "publisher", "published", "dateline", "byline", "text"} <= shown.keys()
    assert (shown["publisher"], shown["published"], shown["dateline"]) == ("Dawn", "2024-05-06", "DOHA")
    assert shown["text"] == "Delegates met in Doha on Monday, mediators said."
    for mention in shown["mentions"]:
        assert shown["text"][mention["start_char"]:mention["end_char"]] == mention["text"]
    text_view = invoke(runner, "show", rows[1]["id"], "--db", db_path)
    assert "World Food Programme" in text_view.stdout and "AP" in text_view.stdout


def test_show_unknown_id(runner, corpus, db_path):
    invoke(runner, "ingest", corpus, "--db", db_path)
    result = invoke(runner, "show", "ffffffff", "--db", db_path)
    assert result.exit_code == 1 and "no article with id 'ffffffff'" in result.stderr


def test_reading_a_missing_database_is_a_clear_error(runner, tmp_path):
    result = invoke(runner, "stats", "--db", tmp_path / "none.duckdb")
    assert result.exit_code == 2 and "no database at" in result.stderr


def test_stats_table(runner, corpus, db_path):
    invoke(runner, "ingest", corpus, "--db", db_path)
    out = invoke(runner, "stats", "--db", db_path).stdout
    assert "articles" in out and "2024-05-06" in out


@pytest.mark.parametrize("command", ["ingest", "articles", "show", "stats", "demo", "actors", "actor", "quotes", "events", "export"])
def test_every_command_has_help_with_an_example(runner, command):
    result = invoke(runner, command, "--help")
    assert result.exit_code == 0 and "Example:" in result.stdout


def test_ingest_help_documents_exit_codes(runner):
    assert "Exit code: 0 when every input went in" in invoke(runner, "ingest", "--help").stdout


def test_console_script_exit_code(tmp_path):
    exe = shutil.which("newsgraph", path=str(Path(sys.executable).parent))
    assert exe, "the newsgraph console script is installed beside the interpreter"
    (tmp_path / "bad.png").write_bytes(PNG)
    (tmp_path / "good.txt").write_text(STORY_B)
    proc = subprocess.run([exe, "ingest", str(tmp_path), "--db", str(tmp_path / "x.duckdb")],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr
    assert "bad.png: binary file (PNG image), not text" in proc.stderr
    assert "1 added" in proc.stdout


def test_actors_and_actor_commands(runner, corpus, db_path):
    invoke(runner, "ingest", corpus, "--db", db_path)
    rows = json.loads(invoke(runner, "actors", "--db", db_path, "--json").stdout)
    assert rows and all(r["mentions"] >= 1 for r in rows)
    assert [r["mentions"] for r in rows] == sorted((r["mentions"] for r in rows), reverse=True)
    top = rows[0]["id"]
    detail = json.loads(invoke(runner, "actor", top, "--db", db_path, "--json").stdout)
    assert detail["id"] == top and detail["names_seen"] and detail["mentions"]
    missing = invoke(runner, "actor", "no.such.actor", "--db", db_path)
    assert missing.exit_code == 1 and "no actor 'no.such.actor'" in missing.stderr
    table = invoke(runner, "actors", "--dictionary", "--country", "AFG")
    assert "afg.taliban" in table.stdout


def test_show_marks_resolved_actors(runner, corpus, db_path):
    invoke(runner, "ingest", corpus, "--db", db_path)
    from newsgraph.actordict import actor_dictionary

    (wfp,) = {sense.actor_id for sense in actor_dictionary().names["World Food Programme"]}
    rows = json.loads(invoke(runner, "articles", "--db", db_path, "--json").stdout)
    out = invoke(runner, "show", rows[1]["id"], "--db", db_path).stdout
    assert f"World Food Programme[{wfp}]" in out
    assert "Doha[" not in invoke(runner, "show", rows[0]["id"], "--db", db_path).stdout  # a place, not an actor


def test_ingest_with_user_actor_file(runner, tmp_path, db_path):
    (tmp_path / "a.txt").write_text("Fieldwatch said the convoy was stopped near the border on Monday.\n")
    extra = tmp_path / "mine.yaml"
    extra.write_text("actors:\n  - {id: ngo.fieldwatch, name: Fieldwatch, kind: organisation, sector: NGO, aliases: [Fieldwatch]}\n")
    result = invoke(runner, "ingest", tmp_path / "a.txt", "--db", db_path, "--actors", extra)
    assert result.exit_code == 0
    assert "ngo.fieldwatch" in {r["id"] for r in json.loads(invoke(runner, "actors", "--db", db_path, "--json").stdout)}


QUOTED = (
    "Border talks stall\n\nISLAMABAD: The Washington Post reported that the talks had stalled.\n\n"
    "A senior defence official told the Post that “the border will stay shut for weeks.”\n\n"
    "“We have no choice,” Interior Minister Omar Haidari said.\n\nPublished in Dawn, May 6th, 2024\n"
)


def test_quotes_command_filters_and_chains(runner, tmp_path, db_path):
    (tmp_path / "q.txt").write_text(QUOTED, encoding="utf-8")
    assert invoke(runner, "ingest", tmp_path / "q.txt", "--db", db_path).exit_code == 0
    rows = json.loads(invoke(runner, "quotes", "--db", db_path, "--json").stdout)
    assert len(rows) == 3
    anonymous = json.loads(invoke(runner, "quotes", "--db", db_path, "--anonymous", "--json").stdout)
    assert [r["speaker"] for r in anonymous] == ["A senior defence official"]
    assert anonymous[0]["chain"] == ["Dawn", "The Washington Post", "A senior defence official"]
    named = json.loads(invoke(runner, "quotes", "--db", db_path, "--actor", "person:omar-haidari", "--json").stdout)
    assert len(named) == 1 and "We have no choice" in named[0]["content"]
    assert named[0]["chain"] == ["Dawn", "The Washington Post", "Omar Haidari"]
    none = json.loads(invoke(runner, "quotes", "--db", db_path, "--since", "2025-01-01", "--json").stdout)
    assert none == []
    bad = invoke(runner, "quotes", "--db", db_path, "--since", "yesterday")
    assert bad.exit_code == 2 and "yesterday" in bad.stderr
    table = invoke(runner, "quotes", "--db", db_path).stdout
    assert "[anonymous: USA, MIL]" in table or "[anonymous: MIL]" in table


def test_untrusted_text_is_not_rich_markup(runner, tmp_path, db_path):
    (tmp_path / "m.txt").write_text("Odd page [bold]x[/bold]\n\nThe [red]council[/red] met on Monday.\n")
    invoke(runner, "ingest", tmp_path / "m.txt", "--db", db_path)
    (row,) = json.loads(invoke(runner, "articles", "--db", db_path, "--json").stdout)
    assert "[bold]x[/bold]" in invoke(runner, "articles", "--db", db_path).stdout
    assert "[red]council[/red]" in invoke(runner, "show", row["id"], "--db", db_path).stdout


def test_events_command_filters(runner, tmp_path, db_path):
    (tmp_path / "e.txt").write_text(
        "Border clashes\n\nKABUL: Pakistani troops attacked Afghan border posts on Monday, officials said.\n\n"
        "The Taliban rejected the Pakistani statement.\n\nPublished in Dawn, May 6th, 2024\n", encoding="utf-8")
    assert invoke(runner, "ingest", tmp_path / "e.txt", "--db", db_path).exit_code == 0
    rows = json.loads(invoke(runner, "events", "--db", db_path, "--json").stdout)
    assert {r["plover_type"] for r in rows} >= {"ASSAULT", "REJECT"}
    assault = json.loads(invoke(runner, "events", "--db", db_path, "--type", "assault", "--json").stdout)
    assert assault and all(r["plover_type"] == "ASSAULT" for r in assault)
    assert "pak.mil" in assault[0]["source_actor_ids"] and assault[0]["status"] == "claimed"
    by_actor = json.loads(invoke(runner, "events", "--db", db_path, "--actor", "afg.taliban", "--json").stdout)
    assert [r["plover_type"] for r in by_actor] == ["REJECT"]
    assert json.loads(invoke(runner, "events", "--db", db_path, "--status", "denied", "--json").stdout) == []
    assert "ASSAULT" in invoke(runner, "events", "--db", db_path).stdout


@pytest.mark.parametrize("fmt", ["plover", "gdelt", "parquet"])
def test_exports_open_in_duckdb(runner, tmp_path, db_path, fmt):
    import duckdb

    (tmp_path / "e.txt").write_text(
        "Border clashes\n\nKABUL: Pakistani troops attacked Afghan border posts on Monday.\n\n"
        "The Taliban rejected the Pakistani statement.\n\nPublished in Dawn, May 6th, 2024\n", encoding="utf-8")
    invoke(runner, "ingest", tmp_path / "e.txt", "--db", db_path)
    out = tmp_path / f"out-{fmt}"
    result = invoke(runner, "export", "--format", fmt, "--out", out, "--db", db_path)
    assert result.exit_code == 0, result.output
    con = duckdb.connect()
    if fmt == "plover":
        rows = con.execute("SELECT event, source, date FROM read_json_auto(?)", [str(out)]).fetchall()
        assert {r[0] for r in rows} >= {"ASSAULT", "REJECT"}
        assert any(r[2] is not None and str(r[2]).startswith("2024-05-06") for r in rows)
    elif fmt == "gdelt":
        rows = con.execute("SELECT EventRootCode, QuadClass, Actor1CountryCode, SQLDATE FROM read_csv_auto(?, delim='\t')",
                           [str(out)]).fetchall()
        assert ("19", 4, "PAK", 20240506) in [(str(r[0]).zfill(2), r[1], r[2], r[3]) for r in rows]
    else:
        counts = {t: con.execute("SELECT count(*) FROM read_parquet(?)", [str(out / f"{t}.parquet")]).fetchone()[0]
                  for t in ("articles", "events", "mentions")}
        assert counts["articles"] == 1 and counts["events"] >= 2 and counts["mentions"] >= 2
