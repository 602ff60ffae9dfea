"""Places, dates and language: case tables (tests/cases/places.jsonl, dates.jsonl, event_when_where.jsonl)."""
from __future__ import annotations

import datetime as dt

import pytest

import newsgraph
from newsgraph.dates import resolve_date
from newsgraph.lang import detect_language, skip_reason
from newsgraph.places import gazetteer

from .conftest import load_cases


@pytest.mark.parametrize("case", load_cases("places.jsonl"), ids=lambda c: f"{c['name']}-{','.join(c['about'])}")
def test_place_names_resolve(case):
    found = gazetteer().resolve(case["name"], case["about"])
    if case["expect"] is None:
        assert found is None
        return
    assert found is not None, case
    place, confidence = found
    assert (place.name, place.country) == (case["expect"], case["country"])
    if "geonameid" in case:
        assert place.geonameid == case["geonameid"]
    if "feature" in case:
        assert place.feature == case["feature"]
    assert place.lat is not None and place.lon is not None
    assert 0 < confidence <= 1


@pytest.mark.parametrize("case", load_cases("dates.jsonl"), ids=lambda c: c["expr"])
def test_date_expressions_resolve_against_publication(case):
    published = dt.date.fromisoformat(case["published"])
    found = resolve_date(case["expr"], published, case.get("forward", False))
    if case["expect"] is None:
        assert found is None
    else:
        assert found == (dt.date.fromisoformat(case["expect"]), case["precision"])


@pytest.mark.parametrize("case", load_cases("event_when_where.jsonl"), ids=lambda c: c["text"][:40])
def test_events_get_their_date_and_place(case, nlp):
    text = case["text"]
    if case.get("dateline"):
        text = f"{case['dateline']}: {text}"
    result = newsgraph.analyze(text, published=case["published"], nlp=nlp)
    if case["type"] is None:
        return
    events = [e for e in result.events if e.plover_type == case["type"]]
    assert events, [(e.plover_type, e.trigger) for e in result.events]
    event = events[0]
    if "date" in case:
        assert event.date == dt.date.fromisoformat(case["date"])
    if "precision" in case:
        assert event.date_precision == case["precision"]
    if "place" in case:
        assert (event.place, event.place_source) == (case["place"], case["source"])
        assert event.place_lat is not None and 0 < event.place_confidence <= 1


def test_place_offsets_point_at_the_name(nlp):
    text = "Fighting continued in Kherson and near Bakhmut, while talks were held in Geneva."
    result = newsgraph.analyze(text, nlp=nlp, clean=False)
    names = {(p.text, p.name, p.country, p.locative) for p in result.places}
    assert ("Geneva", "Geneva", "CH", True) in names
    for place in result.places:
        assert text[place.start:place.end] == place.text


@pytest.mark.parametrize("text, code", [
    ("The government announced new measures on Tuesday to curb inflation, officials said.", "en"),
    ("Le gouvernement a annoncé mardi de nouvelles mesures pour freiner l'inflation.", "fr"),
    ("Die Regierung kündigte am Dienstag neue Maßnahmen gegen die Inflation an.", "de"),
    ("La policía detuvo el martes a cinco personas tras los disturbios en la capital, según informaron fuentes"
     " oficiales del gobierno.", "es"),
])
def test_language_is_detected_offline(text, code):
    found, confidence = detect_language(text)
    assert found == code and confidence > 0.9


def test_a_non_english_article_is_stored_and_not_extracted(tmp_path, nlp):
    french = ("Les talibans ont déclaré mardi qu'ils étaient prêts à coopérer avec les États-Unis contre "
              "l'État islamique, selon un responsable américain cité par le Washington Post.")
    db = tmp_path / "fr.duckdb"
    from newsgraph.model import RawDocument

    raw = RawDocument(uri="fr.txt", text=french)
    with newsgraph.Store(db) as store:
        counts = store.ingest(newsgraph.process([raw], nlp=nlp))
        assert counts["added"] == 1
        row = store.con.execute("SELECT language, skipped FROM articles").fetchone()
        assert row[0] == "fr" and "extraction runs on English only" in row[1]
        assert store.con.execute("SELECT count(*) FROM mentions").fetchone()[0] == 0
        assert store.stats()["skipped_articles"] == 1
    assert skip_reason("en", 1.0) is None and skip_reason("fr", 0.5) is None


def test_the_gazetteer_is_kept_in_a_cache_file_and_loads_the_same(tmp_path, monkeypatch):
    from newsgraph import places

    monkeypatch.setenv(places.CACHE_ENV, str(tmp_path))
    places.gazetteer.cache_clear()
    try:
        built = places.gazetteer()
        (cached,) = list(tmp_path.glob("gazetteer-*.pickle"))
        places.gazetteer.cache_clear()
        loaded = places.gazetteer()
        assert loaded is not built and len(loaded.index) == len(built.index)
        assert loaded.resolve("Washington", ["US"]) == built.resolve("Washington", ["US"])
        cached.write_bytes(b"not a pickle")  # a damaged cache is rebuilt, never an error
        places.gazetteer.cache_clear()
        assert places.gazetteer().resolve("Kabul") == built.resolve("Kabul")
    finally:
        places.gazetteer.cache_clear()


@pytest.mark.parametrize("text, name, person", [
    # a city the parser tags PERSON, in a locative phrase: a place, never a person
    ("Militants attacked a police post near Garissa on Monday.", "Garissa", False),
    ("Attacks rose in the frontier counties of Mandera, Wajir and Garissa.", "Garissa", False),
    # "El Wak" spelt as one word, as the local press writes it
    ("A roadside bomb hit a patrol near Elwak in the north on Friday.", "Elwak", False),
    # the same name as the subject of a saying verb stays a person
    ("Garissa said the talks would resume.", "Garissa", True),
])
def test_a_city_tagged_as_a_person_is_no_person(text, name, person):
    result = newsgraph.analyze(text)
    people = {result.article.text[m.start:m.end] for m in result.mentions if (m.actor_id or "").startswith("person:")}
    assert (name in people) is person
