"""One story, many outlets: near-duplicate grouping and merged events (fixtures written by us)."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import newsgraph
from newsgraph.cli import sample_corpus_files
from newsgraph.stories import StoryIndex, signature, similarity

STORIES = Path(__file__).parent / "fixtures" / "stories"
WIRE = sorted(STORIES.glob("wire-*.txt"))


def ingest(db: Path, paths: list[Path]) -> dict[str, int]:
    with newsgraph.Store(db) as store:
        return store.ingest(newsgraph.process(newsgraph.iter_inputs([str(p) for p in paths])))


def stories_of(db: Path) -> dict[str, set[str]]:
    """uri -> the set of uris in its story (names of stories vary; membership must not)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT uri, story FROM articles").fetchall()
    finally:
        con.close()
    members: dict[str, set[str]] = {}
    for uri, story in rows:
        members.setdefault(story, set()).add(Path(uri).name)
    return {Path(uri).name: members[story] for uri, story in rows}


def merged(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "SELECT story, plover_type, source_actor_ids, target_actor_ids, day, num_mentions, num_sources,"
            " num_articles, event_ids FROM merged_events ORDER BY ALL"
        ).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def unrelated() -> list[Path]:
    return sample_corpus_files()[:6]


def test_signatures_tell_copies_from_other_stories(unrelated):
    wire = [signature(p.read_text(encoding="utf-8")) for p in WIRE]
    other = [signature(p.read_text(encoding="utf-8")) for p in unrelated]
    assert min(similarity(a, b) for a in wire for b in wire) > 0.5
    assert max(similarity(a, b) for a in wire for b in other) < 0.2


@pytest.mark.parametrize("order", ["forward", "reversed", "interleaved"])
def test_a_wire_story_and_its_copies_form_one_story(tmp_path, unrelated, order):
    paths = WIRE + unrelated
    if order == "reversed":
        paths = paths[::-1]
    elif order == "interleaved":
        paths = [p for pair in zip(unrelated, WIRE) for p in pair] + unrelated[len(WIRE):]
    db = tmp_path / f"{order}.duckdb"
    assert ingest(db, paths)["added"] == len(WIRE) + len(unrelated)
    groups = stories_of(db)
    wire_names = {p.name for p in WIRE}
    for path in WIRE:
        assert groups[path.name] == wire_names
    for path in unrelated:
        assert groups[path.name] == {path.name}, f"{path.name} was grouped with {groups[path.name]}"


def test_stories_and_merged_events_do_not_depend_on_order(tmp_path, unrelated):
    forward, backward = tmp_path / "f.duckdb", tmp_path / "b.duckdb"
    ingest(forward, WIRE + unrelated)
    ingest(backward, (WIRE + unrelated)[::-1])
    assert merged(forward) == merged(backward)


def test_stories_grow_across_runs(tmp_path, unrelated):
    db = tmp_path / "runs.duckdb"
    ingest(db, [WIRE[1], unrelated[0]])  # the index is kept with the database ...
    ingest(db, [WIRE[3], unrelated[1]])  # ... and rebuilt by the next writer
    ingest(db, [WIRE[0], WIRE[2]])
    groups = stories_of(db)
    assert groups[WIRE[0].name] == {p.name for p in WIRE}
    con = duckdb.connect(str(db), read_only=True)
    try:
        story = con.execute("SELECT story FROM articles WHERE uri LIKE '%wire-%' LIMIT 1").fetchone()[0]
        smallest = con.execute("SELECT min(id) FROM articles WHERE uri LIKE '%wire-%'").fetchone()[0]
    finally:
        con.close()
    assert story == smallest  # a story is named by its smallest article id, whatever the order


def test_merged_events_count_mentions_sources_and_articles(tmp_path, unrelated):
    db = tmp_path / "m.duckdb"
    ingest(db, WIRE + unrelated)
    with newsgraph.Store(db, read_only=True) as store:
        rows = store.events(merged=True, source="al-shabab", event_type="ASSAULT", limit=100)
        raid = [r for r in rows if str(r["event_date"] or r["published"]) == "2024-03-12"]
        assert raid, rows
        best = max(raid, key=lambda r: r["num_articles"])
        # told by four outlets: AP, Daily Nation, The Star (12 March) and Dawn (13 March, same day named)
        assert best["num_articles"] == 4 and best["num_sources"] == 4
        assert best["num_mentions"] >= 4
        every = store.events(source="al-shabab", event_type="ASSAULT", limit=100)
        assert len(every) > len(rows)  # the merged view folds mentions, the plain one keeps them all
        stories = store.stories()
        assert len(stories) == 1 and stories[0]["articles"] == 4


def test_gdelt_export_counts_a_merged_event_once(tmp_path, unrelated):
    import csv

    db = tmp_path / "g.duckdb"
    ingest(db, WIRE + unrelated)
    out = tmp_path / "events.tsv"
    with newsgraph.Store(db, read_only=True) as store:
        from newsgraph.export import export

        export(store, "gdelt", out)
        n_events = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
        n_merged = store.con.execute("SELECT count(*) FROM merged_events").fetchone()[0]
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert len(rows) == n_merged < n_events
    assert sum(int(r["NumMentions"]) for r in rows) == n_events
    assert max(int(r["NumArticles"]) for r in rows) == 4


def test_story_index_joins_and_renames():
    a, b = signature("one two three four five six seven eight nine ten eleven twelve"), signature("x y z w")
    index = StoryIndex([("bbb", a, "bbb"), ("ccc", b, "ccc")])
    story, renamed = index.assign("aaa", a)
    assert (story, renamed) == ("aaa", {"bbb"})
    index.commit("aaa", a, story, renamed)
    assert index.story == {"aaa": "aaa", "bbb": "aaa", "ccc": "ccc"}
    assert index.assign("zzz", b) == ("ccc", set())


DISPUTES = Path(__file__).parent / "fixtures" / "disputes"


@pytest.mark.parametrize("order", ["claim-first", "denial-first"])
def test_a_denial_disputes_a_report_in_another_article_of_the_story(tmp_path, order):
    paths = [DISPUTES / "claim.txt", DISPUTES / "denial.txt"]
    db = tmp_path / f"{order}.duckdb"
    ingest(db, paths if order == "claim-first" else paths[::-1])
    with newsgraph.Store(db, read_only=True) as store:
        ids = {Path(r["uri"]).name: r["id"] for r in store._rows("SELECT id, uri FROM articles")}
        denial = store.article(ids["denial.txt"])
        claim = store.article(ids["claim.txt"])
    assert denial["story"] == claim["story"]
    links = denial["story_disputes"]
    assert [(d["link"], d["speaker"]) for d in links] == [("disputes", "Somalia's government")]
    assert links[0]["target_article_id"] == ids["claim.txt"]
    assert "weapons shipments" in links[0]["target_content"]
    assert claim["story_disputes"] == links  # seen from the article whose report is disputed, too
