"""The actor dictionary: every name of every actor, compiled once for fast matching.

Built from the YAML files under ``data/actors/`` (format: docs/actors.md), the ISO 3166
names that pycountry carries, and any user files given with ``--actors``. Matching uses
spaCy PhraseMatchers, built once per vocabulary and cached.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry
import yaml
from spacy.language import Language
from spacy.matcher import PhraseMatcher

from .errors import ResourceError
from .model import Actor
from .resources import load_yaml, parse_yaml

ACTOR_FILES = ("states.yaml", "government.yaml", "igos.yaml", "armed_groups.yaml", "movements.yaml", "media.yaml")
KINDS = frozenset({"state", "government", "organisation", "armed group", "media", "person", "group"})
_ID = re.compile(r"^(?:person:)?[a-z0-9][a-z0-9._-]*$")
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})


@dataclass(frozen=True)
class NameSense:
    """One thing a surface name can mean."""

    actor_id: str
    how: str  # alias, demonym, metonym, dated, after-mention
    start: dt.date | None = None
    end: dt.date | None = None

    def holds_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class PersonSense:
    """A known political figure a name can mean (data/actors/people.yaml)."""

    name: str  # the full name
    country: str  # ISO 3166 alpha-3
    role: str
    start: int | None = None  # years in office
    end: int | None = None

    def holds_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day.year) and (self.end is None or day.year <= self.end)


def fold(name: str) -> str:
    """A name without accents, for lookups ("Kostunica" for "Koštunica")."""
    if name.isascii():
        return name
    folded = unicodedata.normalize("NFKD", name)
    return "".join(c for c in folded if not unicodedata.combining(c)).replace("Đ", "Dj").replace("đ", "dj")


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


# Article prefixes of Arabic names that news drop in the short form ("al-Bashir" → "Bashir").
NAME_PREFIXES = ("al-", "el-", "Al-", "El-", "AL-", "EL-")
FUZZY_MIN = 5  # shortest name (in letters) a misspelling of which is still read as the name


@dataclass
class Misspellings:
    """Words one letter away (added, dropped or changed) from known names: a symmetric-deletion
    index, so a lookup is a few dict probes ("Ethopia" -> "Ethiopia", "Bouteflicka" -> "Bouteflika")."""

    known: set[str] = field(default_factory=set)
    deleted: dict[str, set[str]] = field(default_factory=dict)  # a name less one letter -> names

    def add(self, word: str) -> None:
        if len(word) >= FUZZY_MIN + 1 and " " not in word and word not in self.known:
            self.known.add(word)
            for variant in _deletions(word):
                self.deleted.setdefault(variant, set()).add(word)

    def find(self, word: str) -> str | None:
        """The one known name ``word`` is a misspelling of (same first letter), if exactly one."""
        if len(word) < FUZZY_MIN or not word[:1].isupper() or word in self.known:
            return None
        found = set(self.deleted.get(word, ()))  # a letter added in the text
        for variant in _deletions(word):
            if variant in self.known:  # a letter dropped
                found.add(variant)
            found |= self.deleted.get(variant, set())  # a letter changed
        found = {f for f in found if f[0] == word[0]}
        return found.pop() if len(found) == 1 else None


@dataclass
class PeopleIndex:
    """Full names and short forms of known political figures, with one-edit misspellings."""

    full: dict[str, list[PersonSense]] = field(default_factory=dict)
    short: dict[str, list[PersonSense]] = field(default_factory=dict)
    spellings: Misspellings = field(default_factory=Misspellings)  # of the one-word short forms

    def add_full(self, surface: str, sense: PersonSense) -> None:
        for form in {surface, fold(surface)}:
            self.full.setdefault(form, []).append(sense)

    def add_short(self, surface: str, sense: PersonSense) -> None:
        for form in {surface, fold(surface)}:
            self.short.setdefault(form, []).append(sense)
            self.spellings.add(form)

    def misspelt(self, word: str) -> str | None:
        """The one short form ``word`` is one letter away from (added, dropped or changed), if any."""
        return None if word in self.short else self.spellings.find(word)

    def lookup(self, name: str, day: dt.date | None = None, title_role: str | None = None,
               fuzzy: bool = False) -> PersonSense | None:
        """The person ``name`` means: the full name, else its last word as a short form (or a
        misspelling of one, when ``fuzzy``); among people of several countries the one whose
        role the title names, else the one in office on ``day``; None when still ambiguous."""
        name = " ".join(name.split())
        senses = self.full.get(name) or self.full.get(fold(name)) or self.short.get(name) or self.short.get(fold(name))
        if not senses and " " in name:
            last = name.rsplit(" ", 1)[1]
            senses = self.short.get(last) or self.short.get(fold(last))
            if not senses and last.startswith(NAME_PREFIXES):
                senses = self.short.get(last[3:])
        if not senses and fuzzy:
            last = fold(name.rsplit(" ", 1)[-1])
            near = self.misspelt(last)
            senses = self.short.get(near, []) if near else []
        if not senses:
            return None
        return _choose(senses, day, title_role)


def _choose(senses: list[PersonSense], day: dt.date | None, title_role: str | None) -> PersonSense | None:
    if len({s.country for s in senses}) == 1:
        return senses[0]
    if title_role:
        titled = [s for s in senses if s.role == title_role or s.role.endswith(" " + title_role)]
        if titled and len({s.country for s in titled}) == 1:
            return titled[0]
    if day is not None:
        current = [s for s in senses if s.holds_on(day)]
        if current and len({s.country for s in current}) == 1:
            return current[0]
    return None


@dataclass(frozen=True)
class Role:
    phrase: str
    sector: str
    number: str | None = None  # sg or pl, when the word tells
    gender: str | None = None


@dataclass
class ActorDictionary:
    actors: dict[str, Actor]
    names: dict[str, list[NameSense]]
    roles: dict[str, Role]
    qualifiers: frozenset[str]
    pronouns: dict[str, dict[str, Any]]
    titles: dict[str, dict[str, Any]]
    sector_names: dict[str, str]
    locative_prepositions: frozenset[str] = frozenset()
    located_sectors: frozenset[str] = frozenset()
    located_roles: frozenset[str] = frozenset()  # roles located whatever their sector ("security forces")
    institutions: frozenset[str] = frozenset()  # singular roles that are one body, not a person ("the army")
    located_prepositions: frozenset[str] = frozenset()
    ethnic_markers: frozenset[str] = frozenset()
    residence_nouns: frozenset[str] = frozenset()  # "Turkish Cypriots" are Cypriots
    based_verbs: frozenset[str] = frozenset()  # "a newspaper based in Beirut" is of Lebanon
    ordinal_references: dict[str, str] = field(default_factory=dict)
    people: PeopleIndex = field(default_factory=PeopleIndex)
    state_spellings: Misspellings = field(default_factory=Misspellings)  # one-word names and demonyms of states
    sources: tuple[str, ...] = ()
    _matchers: dict[int, tuple[PhraseMatcher, PhraseMatcher]] = field(default_factory=dict, repr=False)

    # -- actors -----------------------------------------------------------------------------

    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id) or self._derive(actor_id)

    def sector_actor(self, actor_id: str, sector: str) -> Actor:
        """The actor for a sector of ``actor_id``: a state's (``usa`` + MIL → ``usa.mil``), or the actor itself."""
        actor = self.get(actor_id)
        if actor is not None and actor.kind == "state" and sector in self.sector_names:
            derived = self._derive(f"{actor.id}.{sector.lower()}")
            if derived is not None:
                return derived
        return actor  # type: ignore[return-value]

    def _derive(self, actor_id: str) -> Actor | None:
        """Actors made from a state and a sector: ``usa.gov``, ``pak.mil``."""
        state_id, _, sector = actor_id.partition(".")
        state = self.actors.get(state_id)
        if state is None or state.kind != "state" or not sector or "." in sector:
            return None
        sector = sector.upper()
        if sector not in self.sector_names:
            return None
        return Actor(
            id=actor_id,
            name=f"{state.name} {self.sector_names[sector]}",
            kind="government" if sector in STATE_SECTORS else "group",
            country=state.country,
            sector=sector,
            parent=state.id,
        )

    # -- matching ---------------------------------------------------------------------------

    def matchers(self, nlp: Language) -> tuple[PhraseMatcher, PhraseMatcher]:
        """(names, roles) PhraseMatchers for ``nlp``'s vocabulary, built once."""
        key = id(nlp.vocab)
        if key not in self._matchers:
            names = PhraseMatcher(nlp.vocab, attr="ORTH")
            surfaces = sorted(self.names)
            for surface, doc in zip(surfaces, nlp.tokenizer.pipe(surfaces)):
                names.add(surface, [doc])
            roles = PhraseMatcher(nlp.vocab, attr="LOWER")
            phrases = sorted(self.roles)
            for phrase, doc in zip(phrases, nlp.tokenizer.pipe(phrases)):
                roles.add(phrase, [doc])
            self._matchers[key] = (names, roles)
        return self._matchers[key]


# -- loading ------------------------------------------------------------------------------------


def _date(value: Any, where: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ResourceError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from exc


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _strip_the(name: str) -> str:
    return name[4:] if name.startswith(("the ", "The ")) else name


class _Builder:
    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        self.senses: dict[str, dict[str, list[NameSense]]] = {}  # actor id -> surface -> senses

    def add_sense(self, actor_id: str, surface: str, sense: NameSense) -> None:
        surface = " ".join(str(surface).split())
        if surface:
            self.senses.setdefault(actor_id, {}).setdefault(surface, []).append(sense)

    def add_states(self, states: dict[str, Any], where: str) -> None:
        for code, extra in states.items():
            country = pycountry.countries.get(alpha_3=str(code).upper())
            if country is None:
                raise ResourceError(f"{where}: {code!r} is not an ISO 3166 alpha-3 code")
            self.add_state(country, extra or {}, where)

    def add_state(self, country: Any, extra: dict[str, Any], where: str) -> None:
        code = country.alpha_3
        state_id = code.lower()
        official = [getattr(country, k, None) for k in ("common_name", "name", "official_name")]
        dropped = {str(n) for n in _as_list(extra.get("not_names"))}  # ambiguous official names ("Congo")
        names = [n for n in official if n and "," not in n and n not in dropped]
        names += [str(n) for n in _as_list(extra.get("names"))]
        display = getattr(country, "common_name", None) or country.name
        self.senses.pop(state_id, None)
        self.senses.pop(f"{state_id}.gov", None)
        self.actors[state_id] = Actor(
            id=state_id, name=display, kind="state", country=code,
            aliases=tuple(dict.fromkeys(_strip_the(n) for n in names)),
        )
        for name in names:
            self.add_sense(state_id, _strip_the(name), NameSense(state_id, "alias"))
        for demonym in _as_list(extra.get("demonyms")):
            self.add_sense(state_id, demonym, NameSense(state_id, "demonym"))
        for metonym in _as_list(extra.get("metonyms")):
            self.add_sense(f"{state_id}.gov", _strip_the(metonym), NameSense(f"{state_id}.gov", "metonym"))
        for entry in _as_list(extra.get("dated")):  # "Biden administration": the government for a time
            self.add_sense(f"{state_id}.gov", _strip_the(entry["name"]), NameSense(
                f"{state_id}.gov", "dated", _date(entry.get("from"), where), _date(entry.get("to"), where)))

    def add_actor(self, entry: dict[str, Any], where: str) -> None:
        for key in ("id", "name", "kind"):
            if not entry.get(key):
                raise ResourceError(f"{where}: an actor entry has no {key!r}: {entry!r}")
        actor_id = str(entry["id"])
        if not _ID.match(actor_id):
            raise ResourceError(f"{where}: actor id {actor_id!r} is not lowercase letters, digits, '.', '-', '_'")
        if entry["kind"] not in KINDS:
            raise ResourceError(f"{where}: actor {actor_id!r} has unknown kind {entry['kind']!r}")
        existing = self.actors.get(actor_id)
        if existing is not None and existing.kind == "state" and entry["kind"] != "state":
            raise ResourceError(f"{where}: actor id {actor_id!r} is the id of the state {existing.name}")
        aliases = [_strip_the(str(a)) for a in _as_list(entry.get("aliases"))]
        self.senses.pop(actor_id, None)  # a later entry with the same id replaces the earlier one
        self.actors[actor_id] = Actor(
            id=actor_id,
            name=str(entry["name"]),
            kind=str(entry["kind"]),
            country=(str(entry["country"]).upper() if entry.get("country") else None),
            sector=(str(entry["sector"]).upper() if entry.get("sector") else None),
            aliases=tuple(dict.fromkeys(aliases)),
            wikidata=entry.get("wikidata"),
            parent=entry.get("parent"),
            affiliations=tuple(str(a) for a in _as_list(entry.get("affiliations"))),
        )
        for alias in aliases:
            self.add_sense(actor_id, alias, NameSense(actor_id, "alias"))
        for phrase in _as_list(entry.get("after_mention")):
            phrase = " ".join(str(phrase).split())
            self.add_sense(actor_id, phrase, NameSense(actor_id, "after-mention"))
            if phrase.startswith("the "):
                self.add_sense(actor_id, "The " + phrase[4:], NameSense(actor_id, "after-mention"))
        for dated in _as_list(entry.get("dated")):
            if not isinstance(dated, dict) or not dated.get("name"):
                raise ResourceError(f"{where}: actor {actor_id!r} has a dated entry without a name")
            self.add_sense(actor_id, _strip_the(str(dated["name"])), NameSense(
                actor_id, "dated", _date(dated.get("from"), where), _date(dated.get("to"), where)))

    def add_file_data(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise ResourceError(f"{where}: expected a mapping with 'actors:' (and/or 'states:')")
        if data.get("states"):
            self.add_states(data["states"], where)
        for entry in _as_list(data.get("actors")):
            if not isinstance(entry, dict):
                raise ResourceError(f"{where}: each actor must be a mapping, not {entry!r}")
            self.add_actor(entry, where)

    def names(self) -> dict[str, list[NameSense]]:
        merged: dict[str, list[NameSense]] = {}
        for per_actor in self.senses.values():
            for surface, senses in per_actor.items():
                merged.setdefault(surface, []).extend(senses)
        return merged


def _people(data: Any, where: str) -> PeopleIndex:
    """The index of data/actors/people.yaml (format in its header)."""
    index = PeopleIndex()
    if not isinstance(data, dict) or not isinstance(data.get("people"), dict):
        raise ResourceError(f"{where}: expected a mapping with 'people:' keyed by ISO 3166 alpha-3 codes")
    common = {str(w) for w in _as_list(data.get("common_surnames"))}
    for code, entries in data["people"].items():
        if pycountry.countries.get(alpha_3=str(code).upper()) is None:
            raise ResourceError(f"{where}: {code!r} is not an ISO 3166 alpha-3 code")
        for entry in _as_list(entries):
            if not isinstance(entry, dict) or not entry.get("name") or not entry.get("role"):
                raise ResourceError(f"{where}: a person under {code} needs a name and a role: {entry!r}")
            sense = PersonSense(str(entry["name"]), str(code).upper(), str(entry["role"]).lower(),
                                entry.get("from"), entry.get("to"))
            fulls = [sense.name, *(str(n) for n in _as_list(entry.get("names")))]
            for full in fulls:
                index.add_full(full, sense)
            if "short" in entry:
                shorts = [str(n) for n in _as_list(entry.get("short"))]
            else:
                shorts = [full.rsplit(" ", 1)[-1] for full in fulls if " " in full]
                shorts += [w[3:] for w in shorts if w.startswith(NAME_PREFIXES)]
            for short in dict.fromkeys(shorts):
                if short and short not in common and short[:1].isupper():
                    index.add_short(short, sense)
    return index


def _roles(data: dict[str, Any]) -> dict[str, Role]:
    roles: dict[str, Role] = {}
    for entry in data.get("roles", []):
        for word in entry["words"]:
            roles[str(word).lower()] = Role(str(word).lower(), entry["sector"], entry.get("number"), entry.get("gender"))
    return roles


def build_dictionary(extra_files: tuple[str, ...] = ()) -> ActorDictionary:
    builder = _Builder()
    for country in pycountry.countries:
        builder.add_state(country, {}, "pycountry")
    for name in ACTOR_FILES:
        builder.add_file_data(load_yaml("actors", name), f"data/actors/{name}")
    role_data = dict(load_yaml("actors", "roles.yaml"))
    for path in extra_files:
        try:
            data = parse_yaml(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise ResourceError(f"actor file {path}: {exc.strerror or exc}") from exc
        except yaml.YAMLError as exc:
            raise ResourceError(f"actor file {path} is not valid YAML: {exc}") from exc
        builder.add_file_data(data, str(path))
        if isinstance(data, dict) and data.get("roles"):
            role_data["roles"] = list(role_data.get("roles", [])) + list(data["roles"])
    book = ActorDictionary(
        actors=builder.actors,
        names=builder.names(),
        roles=_roles(role_data),
        qualifiers=frozenset(str(q).lower() for q in role_data.get("qualifiers", [])),
        pronouns={str(k).lower(): dict(v) for k, v in role_data.get("pronouns", {}).items()},
        titles={str(k): dict(v or {}) for k, v in role_data.get("titles", {}).items()},
        sector_names={str(k): str(v) for k, v in role_data.get("sectors", {}).items()},
        locative_prepositions=frozenset(str(w).lower() for w in role_data.get("locative_prepositions", [])),
        located_sectors=frozenset(str(w) for w in role_data.get("located_sectors", [])),
        located_roles=frozenset(str(w).lower() for w in role_data.get("located_roles", [])),
        institutions=frozenset(str(w).lower() for w in role_data.get("institutions", [])),
        located_prepositions=frozenset(str(w).lower() for w in role_data.get("located_prepositions", [])),
        ethnic_markers=frozenset(str(w).lower() for w in role_data.get("ethnic_markers", [])),
        residence_nouns=frozenset(str(w) for w in role_data.get("residence_nouns", [])),
        based_verbs=frozenset(str(w).lower() for w in role_data.get("based_verbs", [])),
        ordinal_references={str(k): str(v) for k, v in role_data.get("ordinal_references", {}).items()},
        people=_people(load_yaml("actors", "people.yaml"), "data/actors/people.yaml"),
        sources=tuple(str(p) for p in extra_files),
    )
    for surface, senses in book.names.items():
        if any(sense.how in ("alias", "demonym") and book.actors.get(sense.actor_id) is not None
               and book.actors[sense.actor_id].kind == "state" for sense in senses):
            book.state_spellings.add(surface)
    for actor in book.actors.values():  # parents and affiliations must be actors (or a state's sector)
        for ref in (actor.parent, *actor.affiliations):
            if ref and book.get(ref) is None:
                raise ResourceError(f"actor {actor.id!r} refers to unknown actor {ref!r}")
    return book


@functools.cache
def actor_dictionary(extra_files: tuple[str, ...] = ()) -> ActorDictionary:
    """The built-in dictionary plus ``extra_files`` (user YAML), loaded and cached once per process."""
    return build_dictionary(tuple(extra_files))


def person_actor(name: str, **fields: Any) -> Actor:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "unnamed"
    return Actor(id=f"person:{slug}", name=name, kind="person", **fields)


__all__ = ["ActorDictionary", "Misspellings", "NameSense", "PeopleIndex", "PersonSense", "Role", "actor_dictionary", "build_dictionary", "person_actor"]
