"""Event coding, as a table of cases (tests/cases/events.jsonl), plus the seed's events."""
from __future__ import annotations

import pytest

import newsgraph
from newsgraph.extract.events import load_event_book

from .conftest import SEED, load_cases, shared_file

CASES = load_cases("events.jsonl")


def _matches(event, expect) -> bool:
    checks = {
        "type": lambda v: event.plover_type == v,
        "source": lambda v: v in event.source_actor_ids,
        "target": lambda v: v in event.target_actor_ids,
        "sources": lambda v: set(v) <= set(event.source_actor_ids),
        "targets": lambda v: set(v) <= set(event.target_actor_ids),
        "status": lambda v: event.status == v,
        "cameo": lambda v: event.cameo == v,
        "rule": lambda v: event.rule.split("+")[0] == v,
    }
    return all(checks[k](v) for k, v in expect.items())


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_event_case(case, nlp, request):
    if case["label"] == "known-failure":
        request.applymarker(pytest.mark.xfail(reason=case.get("note", "known failure"), strict=True))
    result = newsgraph.analyze(case["text"], published="2024-03-01")
    events = list(result.events)
    described = [(e.plover_type, e.source_actor_ids, e.target_actor_ids, e.status, e.rule) for e in events]
    for expect in case["expect"]:
        assert any(_matches(e, expect) for e in events), (expect, described)
    for forbid in case.get("forbid", []):
        assert not any(_matches(e, forbid) for e in events), (forbid, described)
    for e in events:
        assert result.article.text[e.start:e.end] == e.trigger
        assert e.sentence_start <= e.start < e.end <= e.sentence_end


def test_ontology_has_the_sixteen_types_and_patterns_are_consistent():
    book = load_event_book()
    assert len(book.types) == 16
    for patterns in list(book.verbs.values()) + list(book.nouns.values()):
        for pattern in patterns:
            assert pattern.type in book.types, pattern
            assert pattern.cameo is None or pattern.cameo in book.cameo, pattern


@pytest.fixture(scope="module")
def seed(nlp):
    return newsgraph.analyze(shared_file(SEED).read_text(encoding="utf-8"))


def _has(events, **expect):
    return any(_matches(e, expect) for e in events)


def test_seed_events(seed):
    events = list(seed.events)
    described = [(e.plover_type, e.source_actor_ids, e.target_actor_ids, e.status, e.trigger) for e in events]
    assert any(e.plover_type in ("AGREE", "COOPERATE") and "afg.taliban" in e.source_actor_ids
               and "usa" in e.target_actor_ids and e.status == "intended" for e in events), described
    assert _has(events, type="ASSAULT", source="isis-k", target="afg.taliban"), described
    assert _has(events, type="ASSAULT", source="afg.taliban", target="isis-k"), described
    assert _has(events, type="REJECT", source="afg.taliban"), described
    sales = [e for e in events if e.plover_type == "REQUEST" and "person:nathan-sales" in e.source_actor_ids]
    assert sales and sales[0].status == "claimed", described
    assert not any("friends" in (e.target_text or "") for e in events), described


def test_eval_events_commands_on_small_files(tmp_path, nlp):
    import json

    from click.testing import CliRunner

    from newsgraph.cli import cli

    plover = tmp_path / "gold.jsonl"
    plover.write_text(json.dumps({
        "id": "T-1", "text": "Russian forces attacked Ukrainian positions near the border on Monday.",
        "event": "FIGHT", "source": [{"actorText": "Russian", "code": "RUS"}],
        "target": [{"actorText": "Ukrainian", "code": "UKR"}],
    }) + "\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["eval", "events", "--plover", str(plover), "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["n"] == 1 and scores["type_micro_f1"] == 1.0 and scores["triple_f1"] == 1.0
    tsv = tmp_path / "classes.tsv"
    tsv.write_text("Russian forces attacked Ukrainian positions near the border.\t4\n"
                   "The weather was mild on Tuesday.\t0\n", encoding="utf-8")
    result = runner.invoke(cli, ["eval", "events", "--conflibert", str(tsv), "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["n"] == 2 and scores["accuracy"] == 1.0
    assert runner.invoke(cli, ["eval", "events"]).exit_code == 2
