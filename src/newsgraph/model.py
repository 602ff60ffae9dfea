"""The records newsgraph produces: plain frozen dataclasses, no spaCy objects.

Every record that points into an article carries its evidence: the article id, character
offsets into the article's clean text, the rule that produced it and a confidence.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RawDocument:
    """What a reader hands to the pipeline: one input, not yet cleaned."""

    uri: str
    text: str
    encoding: str = "utf-8"
    # Metadata the caller or the reader already knows (url, publisher, published, title).
    hints: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CleanStep:
    """One thing cleaning did, so that every result can explain how it was made."""

    action: str  # e.g. "headline", "repeated-headline", "publication-line", "boilerplate"
    line: str
    rule: str


@dataclass(frozen=True)
class CleanedText:
    """What cleaning finds on a page: the body text and the metadata around it."""

    text: str
    headline: str | None = None
    publisher: str | None = None
    published: dt.date | None = None
    dateline: str | None = None
    byline: str | None = None
    steps: tuple[CleanStep, ...] = ()


@dataclass(frozen=True)
class Place:
    """A place named in an article (or its dateline), resolved against the gazetteer."""

    article_id: str
    start: int  # offsets into the clean text; 0, 0 for the dateline (it is not in the text)
    end: int
    text: str
    name: str  # the gazetteer's name ("Washington, D.C." is "Washington")
    feature: str  # city or country
    country: str | None = None  # ISO 3166 alpha-2, as GeoNames gives it
    country3: str | None = None  # ISO 3166 alpha-3, as actors use
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    in_dateline: bool = False
    locative: bool = False  # named as where something happens ("in Kabul"), not as an actor
    confidence: float = 0.0


@dataclass(frozen=True)
class Article:
    id: str
    uri: str
    text: str
    headline: str | None = None
    publisher: str | None = None
    published: dt.date | None = None
    dateline: str | None = None
    byline: str | None = None
    language: str | None = "en"
    encoding: str = "utf-8"
    story: str | None = None
    previous_version: str | None = None
    cleaning: tuple[CleanStep, ...] = ()
    language_confidence: float | None = None
    skipped: str | None = None  # why extraction did not run (a non-English article)
    place: Place | None = None  # the dateline's place

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str  # state, government, organisation, armed group, media, person
    country: str | None = None  # ISO 3166 alpha-3
    sector: str | None = None  # PLOVER/CAMEO agent code: GOV, MIL, COP, INS, MED, IGO, ...
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    parent: str | None = None
    affiliations: tuple[str, ...] = ()
    role: str | None = None  # for people: "spokesperson", "coordinator for counterterrorism"
    gender: str | None = None  # for people: male, female, or None when unknown


@dataclass(frozen=True)
class Mention:
    article_id: str
    start: int
    end: int
    text: str
    label: str  # what kind of name: PERSON, ORG, GPE, NORP (NER), or ROLE, PRON, DESC
    method: str  # how it was resolved: dictionary, dated, after-mention, role, person, surname,
    #              pronoun, relative, description, metonym, ner (unresolved), place
    actor_id: str | None = None
    rule: str = ""
    confidence: float = 0.0
    role: str | None = None  # the role word in the mention ("defence official", "fighters")
    sector: str | None = None  # the sector the mention gives (from the actor or the role)
    refers_to: int | None = None  # index of the antecedent mention (pronouns, descriptions)


@dataclass(frozen=True)
class Statement:
    """Something said or written, with who said it, the cue, and where it sits in the text."""

    article_id: str
    start: int  # extent of the content: from its first piece's start to its last piece's end
    end: int
    content: str
    direct: bool  # the words are quoted (in full or in part)
    kind: str = "speech"  # speech, according-to, document (a report or assessment "said")
    content_spans: tuple[tuple[int, int], ...] = ()  # the pieces (a split quote has two)
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str | None = None  # the speaker's phrase as written ("A senior defence official")
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_actor_id: str | None = None
    speaker_mention: int | None = None  # index of the speaker's mention in the article's mentions
    speaker_role: str | None = None
    speaker_country: str | None = None  # what is known of the speaker (ISO alpha-3)
    speaker_sector: str | None = None
    anonymous: bool = False
    medium: str | None = None  # the addressee or medium ("told the Post"): an actor id
    medium_text: str | None = None
    via: str | None = None  # a document between the outlet and the speaker ("the report … quoting officials")
    negated: bool = False  # "did not say", "denied"
    disputes: int | None = None  # index of a statement this one rejects
    supports: int | None = None  # index of a statement this one confirms
    flags: tuple[str, ...] = ()  # e.g. "unclosed-quote"
    rule: str = ""
    confidence: float = 0.0


@dataclass(frozen=True)
class Event:
    """Who did what to whom: a PLOVER event with its CAMEO code, status and evidence."""

    article_id: str
    start: int  # trigger span
    end: int
    trigger: str
    plover_type: str
    mode: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    source_actor_ids: tuple[str, ...] = ()
    target_actor_ids: tuple[str, ...] = ()
    source_text: str | None = None
    target_text: str | None = None
    status: str = "asserted"  # asserted, claimed, intended, denied, hypothetical
    statement: int | None = None  # index of the statement the event sits inside (claimed events)
    sentence_start: int | None = None
    sentence_end: int | None = None
    date: dt.date | None = None
    date_text: str | None = None  # the words that gave the date ("on Tuesday"), if any
    date_precision: str | None = None  # day, week, month, year, or publication (the fallback)
    place: str | None = None
    place_feature: str | None = None  # city or country
    place_country: str | None = None  # ISO alpha-2
    place_geonameid: int | None = None
    place_lat: float | None = None
    place_lon: float | None = None
    place_source: str | None = None  # sentence or dateline
    place_confidence: float | None = None
    rule: str = ""
    confidence: float = 0.0


@dataclass(frozen=True)
class SourceLink:
    """One hop of the chain that makes a statement or event known: who reports, citing whom."""

    article_id: str
    record_kind: str  # statement or event
    record_index: int
    hop: int  # 0 = the publisher's own hop, then each cited source in turn
    reporter: str  # display name of who reports
    cited: str  # display name of who is cited
    cue: str | None = None  # "reported", "told", "according to", "based on"
    reporter_actor_id: str | None = None
    cited_actor_id: str | None = None


@dataclass(frozen=True)
class Analysis:
    """Everything extracted from one article."""

    article: Article
    mentions: tuple[Mention, ...] = ()
    actors: tuple[Actor, ...] = ()  # every actor the mentions resolve to
    statements: tuple[Statement, ...] = ()
    events: tuple[Event, ...] = ()
    source_links: tuple[SourceLink, ...] = ()
    places: tuple[Place, ...] = ()
    # The MinHash signature of the clean text (``stories.signature``), computed where the article
    # is parsed so that the single writer does not have to; empty: the store computes it.
    signature: tuple[int, ...] = ()


@dataclass(frozen=True)
class IngestError:
    """One input that could not be ingested, and why."""

    uri: str
    code: str
    reason: str

    def __str__(self) -> str:
        return f"{self.uri}: {self.reason} [{self.code}]"


def to_dict(record: Any) -> dict[str, Any]:
    """A JSON-ready dict of a record (dates as ISO strings, tuples as lists)."""

    def convert(value: Any) -> Any:
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return {f.name: convert(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, (list, tuple)):
            return [convert(v) for v in value]
        if isinstance(value, dict):
            return {k: convert(v) for k, v in value.items()}
        return value

    return convert(record)
