"""Actor resolution, as a table of cases (tests/cases/actors.jsonl), plus the dictionary itself."""
from __future__ import annotations

import pytest

import newsgraph
from newsgraph.actordict import actor_dictionary, build_dictionary
from newsgraph.errors import ResourceError

from .conftest import SEED, load_cases, shared_file

CASES = load_cases("actors.jsonl")


@pytest.fixture(scope="module")
def seed_result(nlp):
    return newsgraph.analyze(shared_file(SEED).read_text(encoding="utf-8"))


def _nth(mentions, text, n):
    found = [m for m in mentions if m.text == text]
    if not found:
        return None
    return found[n - 1] if n > 0 else found[n]


def _check(result, expect):
    book = actor_dictionary()
    actors = {a.id: a for a in result.actors}
    mentions = list(result.mentions)
    mention = _nth(mentions, expect["mention"], expect.get("n", 1))
    if "actor" in expect and expect["actor"] is None:
        assert mention is None or mention.actor_id is None, f"{expect['mention']!r} resolved to {mention.actor_id}"
        if "sector" not in expect and "refers_to" not in expect:
            return
    assert mention is not None, f"no mention {expect['mention']!r}: {[m.text for m in mentions]}"
    if expect.get("actor"):
        assert mention.actor_id == expect["actor"], f"{expect['mention']!r}"
    actor = actors.get(mention.actor_id) or (book.get(mention.actor_id) if mention.actor_id else None)
    if "actor_country" in expect:
        assert actor is not None and actor.country == expect["actor_country"]
    if "actor_sector" in expect:
        assert actor is not None and actor.sector == expect["actor_sector"]
    if "sector" in expect:
        assert mention.sector == expect["sector"]
    if "same_as" in expect:
        other = _nth(mentions, expect["same_as"], 1)
        assert other is not None and other.actor_id == mention.actor_id
    if "refers_to" in expect:
        assert mention.refers_to is not None
        assert mentions[mention.refers_to].text == expect["refers_to"]
    if "affiliated" in expect:
        assert expect["affiliated"] in actor.affiliations
    if "affiliated_country" in expect or "affiliated_sector" in expect:
        affiliations = [book.get(a) for a in actor.affiliations]
        assert any(
            a is not None
            and a.country == expect.get("affiliated_country", a.country)
            and a.sector == expect.get("affiliated_sector", a.sector)
            for a in affiliations
        ), actor


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_actor_case(case, nlp, request):
    if case["label"] == "known-failure":
        request.applymarker(pytest.mark.xfail(reason=case.get("note", "known failure"), strict=True))
    if case["text"] == "@seed":
        result = request.getfixturevalue("seed_result")
    else:
        result = newsgraph.analyze(case["text"], published=case.get("published"))
    for expect in case["expect"]:
        _check(result, expect)


def test_mention_offsets_match_the_text(seed_result):
    text = seed_result.article.text
    for mention in seed_result.mentions:
        assert text[mention.start:mention.end] == mention.text
    starts = [m.start for m in seed_result.mentions]
    assert starts == sorted(starts)
    for first, second in zip(seed_result.mentions, seed_result.mentions[1:]):
        assert first.end <= second.start, (first.text, second.text)


def test_every_resolved_actor_is_returned(seed_result):
    ids = {a.id for a in seed_result.actors}
    assert {m.actor_id for m in seed_result.mentions if m.actor_id} <= ids


def test_dictionary_covers_what_the_issue_lists():
    book = actor_dictionary()
    states = [a for a in book.actors.values() if a.kind == "state"]
    assert len(states) == 249
    for surface in ["Afghan", "Afghans", "Kremlin", "Beijing", "Downing Street", "White House", "Pentagon",
                    "State Department", "Foreign Office", "United Nations", "NATO", "ASEAN", "IMF", "World Bank",
                    "ICRC", "WHO", "Taliban", "TTP", "ISKP", "AQAP", "JNIM", "Boko Haram", "ISWAP", "Hamas",
                    "Hezbollah", "Houthis", "Ansar Allah", "PKK", "HTS", "Wagner", "RSF", "M23", "ELN",
                    "Reuters", "AFP", "BBC", "Al Jazeera", "Xinhua", "TASS", "Dawn", "Washington Post"]:
        assert surface in book.names, surface
    sectors = {a.sector for a in book.actors.values()}
    assert {"GOV", "MIL", "COP", "SPY", "JUD", "LEG", "IGO", "INS", "REB", "MED"} <= sectors


def test_user_file_adds_and_overrides(tmp_path, nlp):
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "actors:\n"
        "  - id: ngo.fieldwatch\n    name: Fieldwatch\n    kind: organisation\n    sector: NGO\n    aliases: [Fieldwatch]\n"
        "  - id: dawn\n    name: Dawn (Karachi)\n    kind: media\n    sector: MED\n    country: PAK\n    aliases: [Dawn, Dawn News]\n",
        encoding="utf-8",
    )
    book = build_dictionary((str(extra),))
    assert book.actors["dawn"].name == "Dawn (Karachi)"
    result = newsgraph.analyze("Fieldwatch said Dawn News had reported the attack.", actors=book)
    assert {m.actor_id for m in result.mentions} >= {"ngo.fieldwatch", "dawn"}


@pytest.mark.parametrize(
    "content, message",
    [
        ("actors:\n  - id: x\n    kind: media\n", "has no 'name'"),
        ("actors:\n  - {id: Bad Id, name: X, kind: media}\n", "is not lowercase"),
        ("actors:\n  - {id: x, name: X, kind: spaceship}\n", "unknown kind"),
        ("states:\n  XXX: {names: [Nowhere]}\n", "not an ISO 3166"),
        ("actors: [\n", "not valid YAML"),
        ("- just a list\n", "expected a mapping"),
    ],
)
def test_bad_user_file_is_a_clear_error(tmp_path, content, message):
    extra = tmp_path / "bad.yaml"
    extra.write_text(content, encoding="utf-8")
    with pytest.raises(ResourceError, match=message):
        build_dictionary((str(extra),))


def test_people_list_covers_many_countries():
    people = actor_dictionary().people
    names = {sense.name for senses in people.full.values() for sense in senses}
    countries = {sense.country for senses in people.full.values() for sense in senses}
    assert len(names) >= 500 and len(countries) >= 120
    assert people.lookup("Putin").country == "RUS"
    assert people.lookup("Abdelaziz Bouteflika").country == "DZA"
    assert people.lookup("Kim") is None  # a common surname alone is nobody
    assert people.lookup("Mugabi", fuzzy=True).country == "ZWE"
    assert people.lookup("Mugabi") is None  # misspellings only when asked
