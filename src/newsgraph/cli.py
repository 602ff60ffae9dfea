"""The command line: thin commands over the library; typed errors become clear messages."""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from . import __version__
from .actordict import actor_dictionary
from .errors import NewsgraphError
from .ingest import DEFAULT_MAX_BYTES, count_inputs, iter_inputs
from .model import IngestError
from .pipeline import process
from .store import ADDED, DEFAULT_DB, NEW_VERSION, UNCHANGED, Store

DB_OPTION = click.option(
    "--db", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False), help="DuckDB database file."
)
JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
ACTORS_OPTION = click.option(
    "--actors",
    "actor_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="YAML actor file that adds to or overrides the built-in dictionary (format: docs/actors.md). Repeatable.",
)


def _console(err: bool = False) -> Console:
    stream = sys.stderr if err else sys.stdout
    return Console(file=stream, soft_wrap=False, width=None if stream.isatty() else 120, highlight=False)


def _json_default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _print_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=_json_default))


def _wants_table(row: dict[str, Any] | None, missing: str, as_json: bool) -> bool:
    """Exit 1 with ``missing`` when there is no record; print JSON when asked; else say to draw a table."""
    if row is None:
        click.echo(f"error: {missing}", err=True)
        sys.exit(1)
    if as_json:
        _print_json(row)
        return False
    return True


@contextlib.contextmanager
def _clear_errors() -> Iterator[None]:
    """Turn newsgraph's own errors into one clear line and exit code 2."""
    try:
        yield
    except NewsgraphError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsgraph")
def cli() -> None:
    """newsgraph: turn news articles into evidence.

    \b
    Example:
      newsgraph demo
      newsgraph ingest articles/ --db news.duckdb
      newsgraph articles --db news.duckdb
    """


def _run_ingest(
    paths: list[str], db: str, max_bytes: int, command: str, quiet: bool = False, actor_files: tuple[str, ...] = (),
    log_json: str | None = None, workers: int | None = 1, engine: str = "local", address: str | None = None,
    fields: dict[str, str] | None = None,
) -> dict[str, int]:
    if actor_files:  # a bad --actors file is refused before anything is read or stored
        actor_dictionary(tuple(actor_files))
    log = open(log_json, "a", encoding="utf-8") if log_json else None  # noqa: SIM115
    started = time.perf_counter()
    counts = {ADDED: 0, UNCHANGED: 0, NEW_VERSION: 0, "failed": 0}
    skip = [db, db + ".wal"]
    total = None if "-" in paths else count_inputs(paths, skip=skip)
    workers = _worker_count(workers, total, engine)
    err = _console(err=True)
    with Store(db) as store:
        run_id = store.start_run(command)
        progress = Progress(
            TextColumn("ingesting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=quiet or not err.is_terminal,
        )
        try:
            with progress:
                task = progress.add_task("ingest", total=total)
                results = _analyses(paths, max_bytes, skip, actor_files, workers, engine, address, fields)
                for outcome, result in store.ingest_each(results, run_id):
                    counts[outcome] += 1
                    progress.advance(task)
                    if isinstance(result, IngestError):
                        progress.console.print(f"error: {result}", markup=False, soft_wrap=True)
                    if log is not None:
                        record = {"run": run_id, "outcome": outcome}
                        if isinstance(result, IngestError):
                            record.update(uri=result.uri, code=result.code, reason=result.reason)
                        else:
                            record.update(uri=result.article.uri, id=result.article.id)
                        log.write(json.dumps(record, ensure_ascii=False) + "\n")
                        log.flush()
        finally:
            store.finish_run(run_id, counts)
            _refresh_search_index(store, err)
            if log is not None:
                log.write(json.dumps({"run": run_id, "summary": counts,
                                      "seconds": round(time.perf_counter() - started, 3)}) + "\n")
                log.close()
    return counts


def _refresh_search_index(store: Store, err: Console) -> None:
    """Bring the full-text index the dashboard searches up to date (nothing to do when no
    article was added). A failure leaves the articles stored; search then falls back to
    substring matching, and says so."""
    try:
        from .web.search import rebuild_search_index

        rebuild_search_index(store.con)
    except Exception as exc:  # the index is a convenience: never fail an ingest for it
        err.print(f"warning: the search index was not rebuilt ({exc})", markup=False)


def _worker_count(workers: int | None, total: int | None, engine: str) -> int:
    """--workers as given (at most one per input), or the default: all cores, 1 for stdin or one input."""
    from .scale import available_cores, default_workers

    if workers is None:
        return available_cores() if engine == "ray" else default_workers(total)
    return max(1, min(workers, total)) if total else workers


def _analyses(paths: list[str], max_bytes: int, skip: list[str], actor_files: tuple[str, ...],
              workers: int, engine: str, address: str | None, fields: dict[str, str] | None = None) -> Iterator[Any]:
    """The results of the pipeline over the inputs, in input order, on the engine asked for."""
    if engine == "ray":
        from .scale.ray_engine import analyze_with_ray

        return analyze_with_ray(paths, workers=workers, address=address, actor_files=actor_files,
                                max_bytes=max_bytes, skip=skip, fields=fields)
    inputs = iter_inputs(paths, max_bytes=max_bytes, skip=skip, fields=fields)
    if workers > 1:
        from .scale.local import analyze_in_processes

        return analyze_in_processes(inputs, workers=workers, actor_files=actor_files)
    return process(inputs, actors=actor_dictionary(tuple(actor_files)))  # loaded only where it is used


def _parse_fields(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> dict[str, str] | None:
    """--field NAME=PATH options to the JSONL field mapping (None: the default mapping)."""
    if not value:
        return None
    from .ingest import parse_field_options

    try:
        return parse_field_options(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from exc


def _summary_line(counts: dict[str, int]) -> str:
    return (
        f"{counts[ADDED]} added, {counts[NEW_VERSION]} new versions, "
        f"{counts[UNCHANGED]} unchanged, {counts['failed']} failed"
    )


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option(
    "--max-bytes",
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    type=click.IntRange(min=1),
    help="Largest input file accepted, in bytes; larger files are refused with an error. WARC and JSONL files are "
         "streamed: for them it bounds each record or line.",
)
@ACTORS_OPTION
@click.option("--log-json", type=click.Path(dir_okay=False),
              help="Append one JSON line per input (outcome, id or error) and a summary line to this file.")
@click.option("--workers", type=click.IntRange(min=1),
              help="Worker processes (Ray: actors). Default: all cores, fewer for few inputs, 1 for stdin.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: worker processes on this machine; ray: a Ray cluster (pip install 'newsgraph[ray]').")
@click.option("--address", help="Ray cluster to use: auto (the cluster this node belongs to, started with "
              "`ray start`) or HOST:6379. Default: a private Ray in local mode. From another machine, submit the "
              "command as a Ray job (ray job submit -- newsgraph ingest ... --address auto).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="With --engine ray: write Parquet (one folder per table, by publication month) here instead of "
                   "the database; then `newsgraph load DIR --db FILE`.")
@click.option("--field", "fields", multiple=True, callback=_parse_fields, metavar="NAME=PATH",
              help="JSONL input: where a field is, as a dotted path (e.g. text=body.content). Names: text, html, url, "
                   "title, published, publisher, author; by default each is read from the key of that name. Repeatable.")
@JSON_OPTION
def ingest(paths: tuple[str, ...], db: str, max_bytes: int, actor_files: tuple[str, ...], log_json: str | None,
           workers: int | None, engine: str, address: str | None, out_dir: str | None, fields: dict[str, str] | None,
           as_json: bool) -> None:
    """Read articles from files, directories (recursively) or - (stdin) into the database.

    Plain text, HTML pages, RSS/Atom feeds (one article per entry), WARC crawls (one per HTML
    response) and JSONL (one per line), told apart by their content; gzip is read transparently.
    Each input that cannot be read is reported on one line naming it and the reason, and
    recorded in the database's ingest errors; the other inputs go on. Content already
    stored is not written again (unchanged); a known uri with new content is stored as a
    new version linked to the earlier one.

    Exit code: 0 when every input went in (or was unchanged), 1 when any input failed,
    2 when the command itself could not run (for example, the database is locked).

    \b
    Example:
      newsgraph ingest articles/ extra.txt --db news.duckdb
      newsgraph ingest articles/ --actors my-actors.yaml
      cat story.txt | newsgraph ingest -
      newsgraph ingest crawl.warc.gz feed.xml export.jsonl --field text=body.content
      newsgraph ingest articles/ --workers 4
      newsgraph ingest articles/ --engine ray --address auto --out records/
    """
    if (out_dir or address) and engine != "ray":
        click.echo("error: --out and --address need --engine ray", err=True)
        sys.exit(2)
    if out_dir:
        from .scale.ray_engine import write_parquet_with_ray

        with _clear_errors():
            counts = write_parquet_with_ray(list(paths), out_dir, workers=_worker_count(workers, None, engine),
                                            address=address, actor_files=actor_files, max_bytes=max_bytes,
                                            fields=fields)
        if as_json:
            _print_json(counts)
        else:
            click.echo(f"{counts['analysed']} analysed, {counts['failed']} failed -> {out_dir} "
                       f"(next: newsgraph load {out_dir} --db {db})")
        sys.exit(1 if counts["failed"] else 0)
    with _clear_errors():
        counts = _run_ingest(list(paths), db, max_bytes, "ingest", actor_files=actor_files, log_json=log_json,
                             workers=workers, engine=engine, address=address, fields=fields)
    if as_json:
        _print_json(counts)
    else:
        click.echo(_summary_line(counts) + f" -> {db}")
    sys.exit(1 if counts["failed"] else 0)


@cli.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@DB_OPTION
@JSON_OPTION
def load(folder: str, db: str, as_json: bool) -> None:
    """Load Parquet records written by `ingest --engine ray --out FOLDER` into the database.

    Idempotent like ingest: articles already stored are unchanged and none of their records
    are written again; loading the same folder twice adds nothing. Failed inputs recorded in
    the folder become rows of the ingest errors. One transaction: all or nothing.

    \b
    Example:
      newsgraph ingest crawl/ --engine ray --address auto --out records/
      newsgraph load records/ --db news.duckdb
    """
    from .scale.parquet import load_parquet

    with _clear_errors(), Store(db) as store:
        counts = load_parquet(store, folder)
        if counts[ADDED] or counts[NEW_VERSION]:
            _refresh_search_index(store, _console(err=True))
    if as_json:
        _print_json(counts)
    else:
        click.echo(_summary_line(counts) + f" -> {db}")


def _table(columns: list[str], rows: list[list[Any]], title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False, show_header=any(columns))
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:  # Text, not markup: article text like "[bold]" is shown as written
        table.add_row(*[Text("" if v is None else str(v)) for v in row])
    return table


@cli.command()
@DB_OPTION
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100_000), help="Rows to show.")
@click.option("--offset", default=0, show_default=True, type=click.IntRange(min=0), help="Rows to skip.")
@JSON_OPTION
def articles(db: str, limit: int, offset: int, as_json: bool) -> None:
    """List stored articles, newest first.

    \b
    Example:
      newsgraph articles --db news.duckdb --limit 10
    """
    with _clear_errors(), Store(db, read_only=True) as store:
        rows = store.articles(limit=limit, offset=offset)
    if as_json:
        _print_json(rows)
        return
    _console().print(
        _table(
            ["id", "published", "publisher", "headline", "words"],
            [[r["id"][:12], r["published"], r["publisher"], r["headline"], r["word_count"]] for r in rows],
        )
    )


@cli.command()
@click.argument("article_id")
@DB_OPTION
@JSON_OPTION
def show(article_id: str, db: str, as_json: bool) -> None:
    """Show one article: metadata, clean text and what was extracted from it.

    ARTICLE_ID is the id shown by `newsgraph articles` (a unique prefix of 4+ characters will do).

    \b
    Example:
      newsgraph show 3f9a2c --db news.duckdb --json
    """
    with _clear_errors(), Store(db, read_only=True) as store:
        row = store.article(article_id)
    if not _wants_table(row, f"no article with id {article_id!r} in {db}", as_json):
        return
    console = _console()
    meta = Table.grid(padding=(0, 2))
    for key in ("id", "headline", "publisher", "published", "dateline", "byline", "uri", "encoding", "word_count"):
        meta.add_row(key, Text("" if row[key] is None else str(row[key])))
    if row["previous_version"]:
        meta.add_row("previous version", Text(row["previous_version"]))
    if row["language"] != "en" or row["skipped"]:
        meta.add_row("language", Text(f"{row['language']} ({row['language_confidence']})"))
    if row["skipped"]:
        meta.add_row("not extracted", Text(row["skipped"]))
    if row["place_name"]:
        meta.add_row("place", Text(f"{row['place_name']}, {row['place_country']} "
                                   f"({row['place_lat']:.2f}, {row['place_lon']:.2f})"))
    if row["story_articles"]:
        meta.add_row("story", Text(f"{row['story'][:12]}: also told by " + "; ".join(
            f"{o['publisher'] or o['uri']} ({o['id'][:8]})" for o in row["story_articles"])))
    console.print(meta)
    console.print()
    console.print(marked_text(row["text"], row["mentions"]), soft_wrap=True)
    console.print()
    if row["mentions"]:
        console.print(
            _table(
                ["text", "actor", "how", "role", "chars"],
                [[m["text"], m["actor_id"], m["method"], m["role"], f"{m['start_char']}-{m['end_char']}"]
                 for m in row["mentions"] if m["actor_id"]],
                title="actor mentions",
            )
        )
    if row["statements"]:
        console.print(_table(
            ["speaker", "role", "cue", "said", "chain of sources"],
            [[_speaker_cell(st), st["speaker_role"], st["cue"], _short(st["content"]), " → ".join(st["chain"])]
             for st in row["statements"]],
            title="statements",
        ))
    if row["events"]:
        console.print(_table(
            ["event", "source", "target", "status", "trigger", "date", "where", "mentions", "evidence"],
            [[f"{e['plover_type']} ({e['cameo']})", ", ".join(e["source_actor_ids"] or []),
              ", ".join(e["target_actor_ids"] or []), e["status"], e["trigger"],
              f"{e['event_date'] or ''}" + (f" ({e['date_text']})" if e["date_text"] else ""),
              e["place"] or "", f"{e['num_mentions'] or 1} in {e['num_articles'] or 1} art.",
              " → ".join(e["chain"]) or row["publisher"]] for e in row["events"]],
            title="events",
        ))
    if row.get("story_disputes"):
        console.print(_table(
            ["who", "in", "link", "what it answers", "in"],
            [[f"{d['speaker']} ({d['cue']})", d["publisher"] or d["article_id"][:8], d["link"],
              f"{d['target_speaker']}: {_short(d['target_content'], 90)}",
              d["target_publisher"] or d["target_article_id"][:8]]
             for d in row["story_disputes"]],
            title="contested across the story",
        ))
    console.print(
        f"{len(row['mentions'])} mentions, {len(row['statements'])} statements, {len(row['events'])} events",
        markup=False,
    )


def _short(text: str | None, limit: int = 140) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _speaker_cell(st: dict[str, Any]) -> str:
    speaker = st.get("speaker") or "(no speaker found)"
    if st.get("anonymous"):
        known = ", ".join(x for x in (st.get("speaker_country"), st.get("speaker_sector")) if x)
        speaker += f" [anonymous{': ' + known if known else ''}]"
    elif st.get("speaker_actor_id"):
        speaker += f" [{st['speaker_actor_id']}]"
    return speaker


@cli.command()
@DB_OPTION
@click.option("--speaker", help="Only statements whose speaker phrase contains this text.")
@click.option("--actor", "actor_id", help="Only statements by this actor id (e.g. person:suhail-shaheen).")
@click.option("--anonymous/--named", default=None, help="Only anonymous (or only named) speakers.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Published on or after (YYYY-MM-DD).")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Published on or before (YYYY-MM-DD).")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100_000), help="Rows to show.")
@JSON_OPTION
def quotes(db: str, speaker: str | None, actor_id: str | None, anonymous: bool | None, since, until,
           limit: int, as_json: bool) -> None:
    """Statements (quotes and reported speech) with speaker, cue and chain of sources.

    \b
    Example:
      newsgraph quotes --anonymous --since 2023-01-01
      newsgraph quotes --actor person:suhail-shaheen --json
    """
    with _clear_errors(), Store(db, read_only=True) as store:
        rows = store.quotes(speaker=speaker, actor=actor_id, anonymous=anonymous,
                            since=since.date() if since else None, until=until.date() if until else None, limit=limit)
    if as_json:
        _print_json(rows)
        return
    _console().print(_table(
        ["published", "speaker", "cue", "said", "chain of sources"],
        [[r["published"], _speaker_cell(r), r["cue"], _short(r["content"], 100), " → ".join(r["chain"])] for r in rows],
    ))


def marked_text(text: str, mentions: list[dict[str, Any]]) -> Text:
    """The article text with each resolved actor mention styled and followed by its actor id."""
    out = Text()
    at = 0
    for m in sorted((m for m in mentions if m["actor_id"]), key=lambda m: m["start_char"]):
        if m["start_char"] < at:
            continue
        out.append(text[at:m["start_char"]])
        out.append(text[m["start_char"]:m["end_char"]], style="bold cyan")
        out.append(f"[{m['actor_id']}]", style="dim")
        at = m["end_char"]
    out.append(text[at:])
    return out


@cli.command()
@DB_OPTION
@click.option("--kind", help="Only actors of this kind (state, government, organisation, armed group, media, person).")
@click.option("--country", help="Only actors of this country (ISO 3166 alpha-3, e.g. AFG).")
@click.option("--dictionary", "from_dictionary", is_flag=True,
              help="List the actor dictionary (built-in plus --actors files) instead of the database.")
@ACTORS_OPTION
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 1_000_000), help="Rows to show.")
@JSON_OPTION
def actors(db: str, kind: str | None, country: str | None, from_dictionary: bool, actor_files: tuple[str, ...],
           limit: int, as_json: bool) -> None:
    """List actors seen in the stored articles, most mentioned first (or the dictionary's actors).

    \b
    Example:
      newsgraph actors --kind "armed group"
      newsgraph actors --dictionary --country AFG --json
    """
    with _clear_errors():
        if from_dictionary:
            book = actor_dictionary(tuple(actor_files))
            rows = [
                {"id": a.id, "name": a.name, "kind": a.kind, "country": a.country, "sector": a.sector,
                 "aliases": list(a.aliases)}
                for a in sorted(book.actors.values(), key=lambda a: a.id)
                if (not kind or a.kind == kind) and (not country or a.country == country.upper())
            ][:limit]
        else:
            with Store(db, read_only=True) as store:
                rows = store.actors(kind=kind, country=country, limit=limit)
    if as_json:
        _print_json(rows)
        return
    columns = ["id", "name", "kind", "country", "sector"] + (["aliases"] if from_dictionary else ["mentions", "articles"])
    _console().print(_table(columns, [
        [r[c] if c != "aliases" else ", ".join(r[c][:6]) for c in columns] for r in rows
    ]))


@cli.command()
@click.argument("actor_id")
@DB_OPTION
@JSON_OPTION
def actor(actor_id: str, db: str, as_json: bool) -> None:
    """Show one actor: names seen, roles, mentions, and its statements and events.

    \b
    Example:
      newsgraph actor afg.taliban
      newsgraph actor person:suhail-shaheen --json
    """
    with _clear_errors(), Store(db, read_only=True) as store:
        row = store.actor(actor_id)
    if not _wants_table(row, f"no actor {actor_id!r} in {db} (see `newsgraph actors`)", as_json):
        return
    console = _console()
    meta = Table.grid(padding=(0, 2))
    for key in ("id", "name", "kind", "country", "sector", "parent", "role", "gender"):
        if row.get(key):
            meta.add_row(key, Text(str(row[key])))
    if row.get("affiliations"):
        meta.add_row("affiliations", Text(", ".join(row["affiliations"])))
    meta.add_row("names seen", Text(", ".join(f"{n['text']} ({n['mentions']})" for n in row["names_seen"])))
    if row["roles"]:
        meta.add_row("roles", Text(", ".join(row["roles"])))
    console.print(meta)
    console.print(_table(
        ["article", "headline", "text", "how", "chars"],
        [[m["article_id"][:12], m["headline"], m["text"], m["method"], f"{m['start_char']}-{m['end_char']}"]
         for m in row["mentions"]],
        title=f"{len(row['mentions'])} mentions",
    ))
    console.print(f"{len(row['statements'])} statements, {len(row['events'])} events", markup=False)


def _stats_rows(stats: dict[str, Any]) -> list[list[Any]]:
    first, last = stats["first_published"], stats["last_published"]
    return [
        ["articles", stats["articles"]],
        ["publishers", stats["publishers"]],
        ["date range", f"{first} .. {last}" if first else "-"],
        ["words", f"{stats['words']:,}"],
        ["actors", stats["actors"]],
        ["actor mentions", f"{stats['mentions']} ({stats['named_entities']} distinct names)"],
        ["quotes and statements", stats["statements"]],
        ["anonymous speakers", stats.get("anonymous_statements", 0)],
        ["events", stats["events"]],
        ["source links", stats["source_links"]],
        ["ingest runs", stats["ingest_runs"]],
        ["errors", stats["errors"]],
    ]


@cli.command()
@DB_OPTION
@JSON_OPTION
def stats(db: str, as_json: bool) -> None:
    """Counts over the whole database.

    \b
    Example:
      newsgraph stats --db news.duckdb
    """
    with _clear_errors(), Store(db, read_only=True) as store:
        data = store.stats()
    if as_json:
        _print_json(data)
        return
    console = _console()
    console.print(_table(["", ""], _stats_rows(data), title=f"newsgraph {db}"))


def sample_corpus_files() -> list[Path]:
    """The bundled sample articles (package data)."""
    folder = resources.files("newsgraph.data").joinpath("corpus")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))


@cli.command()
@DB_OPTION
@ACTORS_OPTION
@JSON_OPTION
def demo(db: str, actor_files: tuple[str, ...], as_json: bool) -> None:
    """Ingest the bundled sample corpus into the database and print a summary.

    \b
    Example:
      newsgraph demo
      newsgraph show <id from the list>
    """
    files = [str(p) for p in sample_corpus_files()]
    with _clear_errors():
        counts = _run_ingest(files, db, DEFAULT_MAX_BYTES, "demo", quiet=as_json, actor_files=actor_files)
        with Store(db, read_only=True) as store:
            data = store.stats()
            latest = store.articles(limit=100)
    if as_json:
        _print_json({"ingest": counts, "stats": data})
        sys.exit(1 if counts["failed"] else 0)
    console = _console()
    console.print(f"Sample corpus: {len(files)} articles -> {db}", markup=False)
    console.print(_summary_line(counts), markup=False)
    console.print(_table(["", ""], _stats_rows(data), title="summary"))
    console.print(
        _table(
            ["id", "published", "publisher", "dateline", "headline"],
            [[r["id"][:12], r["published"], r["publisher"], r["dateline"], r["headline"]] for r in latest],
            title="articles",
        )
    )
    console.print(f"Next: newsgraph show <id> --db {db}", markup=False)
    sys.exit(1 if counts["failed"] else 0)


@cli.command()
@DB_OPTION
@click.option("--type", "event_type", help="PLOVER type, e.g. ASSAULT.")
@click.option("--source", help="Source actor id, e.g. isis-k.")
@click.option("--target", help="Target actor id.")
@click.option("--actor", "actor_id", help="Source or target actor id.")
@click.option("--status", type=click.Choice(["asserted", "claimed", "intended", "denied", "hypothetical"]))
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="On or after (YYYY-MM-DD).")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="On or before (YYYY-MM-DD).")
@click.option("--country", help="Where it took place: ISO 3166 code (AF or AFG).")
@click.option("--merged", is_flag=True,
              help="One row per merged event: the same source, type, target and day across a story's articles.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100_000), help="Rows to show.")
@JSON_OPTION
def events(db: str, event_type, source, target, actor_id, status, since, until, country, merged: bool, limit: int,
           as_json: bool) -> None:
    """Who did what to whom: PLOVER events with CAMEO codes, status, date, place and evidence.

    \b
    Example:
      newsgraph events --type ASSAULT --since 2023-01-01
      newsgraph events --actor afg.taliban --json
      newsgraph events --merged --country AF
    """
    with _clear_errors(), Store(db, read_only=True) as store:
        rows = store.events(event_type=event_type, source=source, target=target, actor=actor_id, status=status,
                            since=since.date() if since else None, until=until.date() if until else None,
                            country=country, merged=merged, limit=limit)
    if as_json:
        _print_json(rows)
        return
    _console().print(_table(
        ["date", "event", "source", "target", "status", "where", "articles", "evidence", "according to"],
        [[r["event_date"] or r["published"], f"{r['plover_type']} ({r['cameo']})",
          ", ".join(r["source_actor_ids"] or []), ", ".join(r["target_actor_ids"] or []), r["status"],
          r["place"] or "", r["num_articles"] or 1, _short(r["sentence"], 90),
          " → ".join(r["chain"]) or r["publisher"]] for r in rows],
    ))


@cli.command()
@DB_OPTION
@click.option("--min-articles", default=2, show_default=True, type=click.IntRange(1, 1_000_000),
              help="Only stories told by at least this many articles.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100_000), help="Rows to show.")
@JSON_OPTION
def stories(db: str, min_articles: int, limit: int, as_json: bool) -> None:
    """One story, many outlets: groups of near-duplicate articles, largest first.

    \b
    Example:
      newsgraph stories --db news.duckdb
    """
    with _clear_errors(), Store(db, read_only=True) as store:
        rows = store.stories(min_articles=min_articles, limit=limit)
    if as_json:
        _print_json(rows)
        return
    _console().print(_table(
        ["story", "articles", "outlets", "first", "last", "events", "headline"],
        [[r["story"][:12], r["articles"], ", ".join(r["publisher_names"] or []), r["first_published"],
          r["last_published"], r["events"], _short(r["headline"], 70)] for r in rows],
    ))


@cli.command(name="export")
@DB_OPTION
@click.option("--format", "fmt", required=True, type=click.Choice(["plover", "gdelt", "parquet"]),
              help="plover: PLOVER JSONL records; gdelt: a GDELT 2.0-style event table (TSV); parquet: every table.")
@click.option("--out", type=click.Path(), help="Output file (a folder for parquet). Default: events.plover.jsonl, "
              "events.gdelt.tsv or parquet/.")
def export_command(db: str, fmt: str, out: str | None) -> None:
    """Export events (PLOVER JSONL, GDELT-style TSV) or every table (Parquet).

    \b
    Example:
      newsgraph export --format gdelt --out events.tsv
      newsgraph export --format parquet --out news-parquet/
    """
    from .export import export

    out = out or {"plover": "events.plover.jsonl", "gdelt": "events.gdelt.tsv", "parquet": "parquet"}[fmt]
    with _clear_errors(), Store(db, read_only=True) as store:
        try:
            message = export(store, fmt, out)
        except OSError as exc:
            click.echo(f"error: cannot write {out}: {exc.strerror or exc}", err=True)
            sys.exit(2)
    click.echo(message)


def _evaluate(evaluate: Any, *args: Any, **kwargs: Any) -> dict:
    """Run an evaluation; a missing or malformed gold folder is a clear error (exit 2)."""
    try:
        return evaluate(*args, **kwargs)
    except (FileNotFoundError, ValueError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)


@cli.group(name="eval")
def eval_group() -> None:
    """Score newsgraph against gold-standard data."""


@eval_group.command(name="quotes")
@click.option("--polnear", "folder", required=True, type=click.Path(exists=True, file_okay=False),
              help="A PolNeAR-format folder: text/*.txt and attributions/*.ann.")
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N articles (sorted by name).")
@JSON_OPTION
def eval_quotes(folder: str, limit: int | None, as_json: bool) -> None:
    """Precision, recall and F1 of sources, cues and contents against PolNeAR (exact and overlap).

    One annotator per article (the first by id when there are several). Overlap means at least
    half of the gold span's characters are covered.

    \b
    Example:
      newsgraph eval quotes --polnear ../shared/data/polnear/dev --json
    """
    from .evaluation.quotes import evaluate_polnear

    result = _evaluate(evaluate_polnear, folder, limit=limit)
    if as_json:
        _print_json(result)
        return
    rows = []
    for role in ("source", "cue", "content"):
        for match in ("exact", "overlap"):
            rows.append([role, match, result[f"{role}_precision_{match}"], result[f"{role}_recall_{match}"],
                         result[f"{role}_f1_{match}"]])
    _console().print(_table(["role", "match", "precision", "recall", "F1"], rows,
                            title=f"PolNeAR {folder}: {result['n_docs']} articles"))


@eval_group.command(name="events")
@click.option("--plover", "plover_file", type=click.Path(exists=True, dir_okay=False),
              help="PLOVER gold-standard records (JSONL).")
@click.option("--conflibert", "conflibert_file", type=click.Path(exists=True, dir_okay=False),
              help="ConfliBERT 5-class sentences (TSV: sentence, label 0-4).")
@click.option("--confusion", is_flag=True, help="Also print the confusion matrix.")
@click.option("--scoring", type=click.Choice(["principal", "all", "most-confident"]), default="principal",
              show_default=True,
              help="Which of a sentence's events are scored: its principal event (the trigger highest in the "
                   "parse; the gold codes one event per sentence), all of them (PLOVER), or the most confident "
                   "one (ConfliBERT). The other scoring's figures are reported too.")
@JSON_OPTION
def eval_events(plover_file: str | None, conflibert_file: str | None, confusion: bool, scoring: str,
                as_json: bool) -> None:
    """Score event coding: PLOVER types and (source country, type, target country) triples, or ConfliBERT classes.

    \b
    Example:
      newsgraph eval events --plover ../shared/data/plover-gsr/dev.jsonl --json
      newsgraph eval events --conflibert ../shared/data/conflibert-cameo/class_train.tsv
    """
    from .evaluation.coding import evaluate_conflibert, evaluate_plover
    from .evaluation.events import format_confusion

    if not plover_file and not conflibert_file:
        click.echo("error: give --plover FILE or --conflibert FILE", err=True)
        sys.exit(2)
    try:
        result = (evaluate_plover(plover_file, scoring) if plover_file
                  else evaluate_conflibert(conflibert_file, scoring))
    except ValueError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    if as_json:
        _print_json(result)
        return
    keys = ["type_micro_f1", "type_macro_f1", "triple_f1", "n"] if plover_file else ["accuracy", "macro_f1", "n"]
    rows = [[k, result[k]] for k in keys]
    for other in ("all_events", "principal_event", "most_confident_event"):
        rows += [[f"{k} ({other.replace('_', ' ')})", v] for k, v in result.get(other, {}).items()
                 if k in keys]
    _console().print(_table(["measure", "value"], rows, title=f"scoring: {result.get('scoring', scoring)}"))
    if confusion:
        click.echo(format_confusion(result["confusion"]))


@eval_group.command(name="extraction")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--extractor", type=click.Choice(["newsgraph", "trafilatura"]), default="newsgraph", show_default=True,
              help="newsgraph: our HTML reader (trafilatura + post-filter); trafilatura: trafilatura alone.")
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N pages (sorted by id).")
@JSON_OPTION
def eval_extraction(folder: str, extractor: str, limit: int | None, as_json: bool) -> None:
    """Score HTML article extraction: F1 over word 4-gram shingles against the true article bodies.

    FOLDER holds ground-truth.json ({id: {articleBody, url}}) and html/<id>.html.gz.

    \b
    Example:
      newsgraph eval extraction ../shared/data/article-extraction --json
    """
    from .evaluation.extraction import evaluate_extraction

    result = _evaluate(evaluate_extraction, folder, extractor=extractor, limit=limit)
    if as_json:
        _print_json(result)
        return
    keys = ["f1", "precision", "recall", "ms_per_page", "n"]
    _console().print(_table(["measure", "value"], [[k, result[k]] for k in keys], title=f"{extractor}, {result['n']} pages"))


@cli.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (127.0.0.1: this machine only).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
def serve(db: str, host: str, port: int) -> None:
    """Serve the web dashboard and the JSON API (OpenAPI docs at /api/docs).

    The database is opened read-only for each request only, so an ingest can run meanwhile;
    while an ingest holds the file the API answers 503 naming the process that holds it.

    \b
    Example:
      newsgraph demo
      newsgraph serve            # then open http://127.0.0.1:8000/
    """
    import uvicorn

    from .web.app import create_app, prepare_database

    if not Path(db).exists():
        click.echo(f"error: no database at {db}: run `newsgraph demo` or `newsgraph ingest` first, or give --db",
                   err=True)
        sys.exit(2)
    click.echo(prepare_database(db), err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}: anyone who can reach it can read the database", err=True)
    click.echo(f"newsgraph dashboard on http://{'[' + host + ']' if ':' in host else host}:{port}/ (Ctrl+C to stop)",
               err=True)
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")


@cli.command()
@DB_OPTION
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="HTML file to write.")
@click.option("--actor", "actor_id", help="Only what involves this actor id (e.g. afg.taliban).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="On or after (YYYY-MM-DD).")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="On or before (YYYY-MM-DD).")
@click.option("--title", help="Title of the briefing.")
def report(db: str, out: str, actor_id: str | None, since, until, title: str | None) -> None:
    """Write a briefing: ONE self-contained HTML file (no external requests) with key events, a
    timeline, the network of who acts on whom, the most-quoted speakers and contested claims.

    \b
    Example:
      newsgraph report --out briefing.html --actor afg.taliban --since 2023-01-01
    """
    from .report import write_report

    with _clear_errors(), Store(db, read_only=True) as store:
        try:
            summary = write_report(store, out, actor=actor_id, since=since.date() if since else None,
                                   until=until.date() if until else None, title=title)
        except ValueError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)
    click.echo(f"wrote {out}: {summary['events']} events, {summary['statements']} statements, "
               f"{summary['articles']} articles", err=True)


def main() -> None:
    cli(prog_name="newsgraph")
