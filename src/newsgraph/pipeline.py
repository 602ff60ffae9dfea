"""The batch function: raw documents in, analyses (or errors) out.

``scale/`` distributes this same function; it holds no extraction logic of its own.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import islice
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from . import errors
from .actordict import ActorDictionary, actor_dictionary
from .clean import clean_text
from .errors import InputError
from .extract.actors import extract_mentions
from .extract.events import extract_events
from .extract.quotes import extract_statements
from .extract.sourcing import trace_sources
from .model import Analysis, Article, CleanedText, CleanStep, IngestError, RawDocument
from .dates import date_events
from .lang import detect_language, skip_reason
from .nlp import MAX_SENTENCE_TOKENS, MAX_TEXT_CHARS, SENTENCE_CUTS, load_nlp
from .places import article_countries, extract_places, place_events
from .stories import signature

DEFAULT_BATCH_SIZE = 16
# Most records of one kind (mentions, statements, events) kept per article; past it the rest is
# dropped and the truncation is recorded on the article (its `cleaning` steps).
MAX_RECORDS_PER_KIND = 5000


def article_id(text: str) -> str:
    """The article's identity: a hash of its normalised clean text (NFKC, case and spacing folded)."""
    normal = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:20]


def _as_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise ValueError(f"published must be a date (YYYY-MM-DD), not {value!r}") from exc


def prepare_article(raw: RawDocument, *, max_chars: int = MAX_TEXT_CHARS) -> Article:
    """Clean a raw document into an Article; raise InputError when nothing usable is left.

    With the hint ``verbatim`` the text is taken as it is (for evaluation on corpora whose
    offsets refer to the raw text).
    """
    hints = raw.hints
    if hints.get("verbatim"):
        cleaned = CleanedText(text=raw.text)
    else:
        cleaned = clean_text(raw.text, headline=hints.get("title"))
    if not cleaned.text.strip():
        raise InputError(raw.uri, errors.NO_TEXT, "no article text left after cleaning")
    if not any(ch.isalnum() for ch in cleaned.text):
        raise InputError(raw.uri, errors.NO_TEXT, "no words in the text (only punctuation or symbols)")
    if len(cleaned.text) > max_chars:
        raise InputError(
            raw.uri,
            errors.TOO_LONG,
            f"clean text has {len(cleaned.text):,} characters, more than the limit of {max_chars:,} sent to the parser",
        )
    try:
        published = _as_date(hints.get("published")) or cleaned.published
    except ValueError as exc:
        raise InputError(raw.uri, errors.BAD_METADATA, str(exc)) from exc
    steps = cleaned.steps
    if published is None and hints.get("name_date"):
        published = _as_date(hints["name_date"])
        steps += (CleanStep("published-from-name", raw.uri, "date-in-file-name"),)
    return Article(
        id=article_id(cleaned.text),
        uri=hints.get("url") or raw.uri,
        text=cleaned.text,
        headline=cleaned.headline,
        publisher=hints.get("publisher") or cleaned.publisher,
        published=published,
        dateline=cleaned.dateline,
        byline=cleaned.byline,
        encoding=raw.encoding,
        cleaning=steps,
    )


def _capped(records: list, kind: str, limit: int, notes: list[CleanStep]) -> list:
    if len(records) <= limit:
        return records
    notes.append(CleanStep("truncated", f"{kind}: kept {limit:,} of {len(records):,}", "max-records-per-kind"))
    return records[:limit]


def extract_records(doc: Doc, article: Article, book: ActorDictionary, matchers: tuple,
                    max_records: int = MAX_RECORDS_PER_KIND) -> Analysis:
    """Run every extractor over one parsed article (at most ``max_records`` records of each kind)."""
    notes: list[CleanStep] = []
    if doc.user_data.get(SENTENCE_CUTS):
        notes.append(CleanStep("split", f"{doc.user_data[SENTENCE_CUTS]} runs of more than {MAX_SENTENCE_TOKENS} "
                               "tokens with no sentence end cut into sentences for the parser", "max-sentence-tokens"))
    mentions, actors = extract_mentions(doc, article, book, matchers)
    if len(mentions) > max_records:  # antecedent indices must stay inside the kept list
        mentions = [replace(m, refers_to=None) if (m.refers_to or 0) >= max_records else m
                    for m in _capped(mentions, "mentions", max_records, notes)]
    statements = extract_statements(doc, article, mentions, actors)
    if len(statements) > max_records:
        statements = [replace(st, disputes=None, supports=None) for st in
                      _capped(statements, "statements", max_records, notes)]
    media = frozenset(a.id for a in actors if a.kind == "media")
    events = _capped(extract_events(doc, article, mentions, statements, book.names, media), "events", max_records,
                     notes)
    known = {a.id for a in actors}
    for event in events:  # a demonym in an event's argument names a state no mention named
        for actor_id in event.source_actor_ids + event.target_actor_ids:
            if actor_id not in known and (actor := book.get(actor_id)) is not None:
                actors.append(actor)
                known.add(actor_id)
    countries = article_countries(mentions, {actor.id: actor.country for actor in actors if actor.country})
    places, dateline_place = extract_places(doc, article, countries)
    places = _capped(places, "places", max_records, notes)
    events = place_events(date_events(doc, events, article.published), places, dateline_place)
    links = trace_sources(article, statements, actors, events)
    article = replace(article, place=dateline_place, cleaning=article.cleaning + tuple(notes))
    return Analysis(article=article, mentions=tuple(mentions), actors=tuple(actors),
                    statements=tuple(statements), events=tuple(events), source_links=tuple(links),
                    places=tuple(places))


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def process(
    items: Iterable[RawDocument | IngestError],
    *,
    nlp: Language | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_chars: int = MAX_TEXT_CHARS,
    actors: ActorDictionary | None = None,
    max_records: int = MAX_RECORDS_PER_KIND,
) -> Iterator[Analysis | IngestError]:
    """Analyse a stream of raw documents in batches, keeping input order.

    Errors (from reading, cleaning or parsing) come out as IngestError records in place of
    the article; they never stop the stream. A clean text longer than ``max_chars`` is not
    sent to the parser: it becomes a ``too-long`` error. ``actors`` is the actor dictionary
    (default: the built-in one).
    """
    nlp = nlp or load_nlp()
    book = actors or actor_dictionary()
    matchers = book.matchers(nlp)
    for chunk in _chunks(items, batch_size):
        results: list[Analysis | IngestError | None] = [None] * len(chunk)
        to_parse: list[tuple[int, Article]] = []
        for index, item in enumerate(chunk):
            if isinstance(item, IngestError):
                results[index] = item
                continue
            try:
                article = prepare_article(item, max_chars=max_chars)
            except InputError as exc:
                results[index] = IngestError(exc.uri, exc.code, exc.reason)
                continue
            language, confidence = detect_language(article.text)
            reason = None if item.hints.get("verbatim") else skip_reason(language, confidence)
            article = replace(article, language=language, language_confidence=confidence, skipped=reason)
            if reason:  # stored with its language, not sent to the English extractors
                results[index] = Analysis(article=article, signature=tuple(signature(article.text)))
            else:
                to_parse.append((index, article))
        docs = nlp.pipe(article.text for _, article in to_parse)
        for (index, article), doc in zip(to_parse, docs):
            try:
                result = extract_records(doc, article, book, matchers, max_records)
                results[index] = replace(result, signature=tuple(signature(article.text)))
            except Exception as exc:  # one article's failure must not stop the batch
                results[index] = IngestError(article.uri, errors.INTERNAL, f"extraction failed: {exc!r}")
        yield from results  # type: ignore[misc]


# One short article that goes through every stage: its analysis loads what each extractor loads
# on first use (dateparser's tables, the first-name list, the event patterns, the gazetteer …).
# (A weekday is resolved by our own rule; "last week" goes through dateparser, whose regular
# expressions are built on first use.)
WARM_UP_TEXT = ("KABUL, March 3 - Maria Lopez, a senior UN official, said on Tuesday that Taliban forces "
                "attacked Islamic State fighters near Jalalabad last week. \u201cWe will talk to Pakistan,\u201d "
                "she said.")


def warm_up(actor_files: tuple[str, ...] = ()) -> float:
    """Load once, now, everything a process needs to analyse articles (spaCy, the actor
    dictionary and its matchers, the language model, the gazetteer, the extractors' word lists
    and patterns), so that no article pays for it; the seconds it took.

    Workers call it when they start; benchmarks call it to leave start-up out of the timing.
    """
    import time

    begin = time.perf_counter()
    raw = RawDocument(uri="<warm-up>", text=WARM_UP_TEXT, hints={"published": "2024-03-07"})
    for result in process([raw], batch_size=1, actors=actor_dictionary(tuple(actor_files))):
        if isinstance(result, IngestError):  # pragma: no cover - the built-in text always goes through
            raise RuntimeError(f"warm-up failed: {result}")
    return time.perf_counter() - begin


def analyze(
    text: str,
    *,
    url: str | None = None,
    publisher: str | None = None,
    published: dt.date | str | None = None,
    title: str | None = None,
    nlp: Language | None = None,
    actors: ActorDictionary | None = None,
    clean: bool = True,
) -> Analysis:
    """The records of one article, without touching a database.

    ``clean=False`` analyses the text exactly as given (no headline, dateline or boilerplate
    removal), so that offsets refer to the input.

    Raises :class:`~newsgraph.errors.InputError` when the text holds no article.
    """
    hints = {k: v for k, v in {"url": url, "publisher": publisher, "published": published, "title": title}.items() if v}
    if not clean:
        hints["verbatim"] = True
    raw = RawDocument(uri=url or "<text>", text=text, hints=hints)
    (result,) = process([raw], nlp=nlp, batch_size=1, actors=actors)
    if isinstance(result, IngestError):
        raise InputError(result.uri, result.code, result.reason)
    return result


# -- plain records: the batch function that scale/ distributes -------------------------------
# Workers (local processes, Ray actors) exchange plain dicts, not objects: JSON-ready, the same
# on every engine, and turned back into the records exactly (``result_from_record``).

def document_record(item: RawDocument | IngestError) -> dict[str, Any]:
    """A raw document (or a reading error) as a plain dict for :func:`analyze_batch`."""
    from .model import to_dict

    return {"kind": "error" if isinstance(item, IngestError) else "document", **to_dict(item)}


def record_input(record: dict[str, Any]) -> RawDocument | IngestError:
    if record.get("kind") == "error":
        return IngestError(record["uri"], record["code"], record["reason"])
    return RawDocument(uri=record["uri"], text=record["text"], encoding=record.get("encoding") or "utf-8",
                       hints=dict(record.get("hints") or {}))


def analyze_batch(
    records: list[dict[str, Any]],
    *,
    actor_files: tuple[str, ...] = (),
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_chars: int = MAX_TEXT_CHARS,
    max_records: int = MAX_RECORDS_PER_KIND,
) -> list[dict[str, Any]]:
    """The batch function: plain document records in, plain result records out, in order.

    Each output is ``{"kind": "analysis", "article": …, "mentions": […], …}`` (the fields of
    :class:`~newsgraph.model.Analysis`) or ``{"kind": "error", "uri", "code", "reason"}``.
    spaCy and the actor dictionary are loaded once per process (both are cached), so a worker
    that calls this for every batch pays for them once.
    """
    from .model import to_dict

    results = process(
        [record_input(r) for r in records],
        nlp=load_nlp(),
        batch_size=batch_size,
        max_chars=max_chars,
        actors=actor_dictionary(tuple(actor_files)),
        max_records=max_records,
    )
    return [{"kind": "error" if isinstance(r, IngestError) else "analysis", **to_dict(r)} for r in results]


def result_from_record(record: dict[str, Any]) -> Analysis | IngestError:
    """Turn a plain result record of :func:`analyze_batch` back into the record objects."""
    if record.get("kind") == "error":
        return IngestError(record["uri"], record["code"], record["reason"])
    return _from_plain(Analysis, record)


def _from_plain(kind: Any, value: Any) -> Any:
    """Rebuild a value of type ``kind`` (dataclass, tuple, optional, date …) from its plain form."""
    import dataclasses
    import types
    import typing

    if value is None:
        return None
    if dataclasses.is_dataclass(kind):
        hints = _field_types(kind)
        return kind(**{name: _from_plain(hints[name], value[name]) for name in hints if name in value})
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        arms = [arm for arm in typing.get_args(kind) if arm is not type(None)]
        return _from_plain(arms[0], value) if len(arms) == 1 else value
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_from_plain(args[0], v) for v in value)
        return tuple(_from_plain(a, v) for a, v in zip(args, value)) if args else tuple(value)
    if origin is list:
        (arg,) = typing.get_args(kind) or (Any,)
        return [_from_plain(arg, v) for v in value]
    if kind is dt.datetime and isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    if kind is dt.date and isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    return value


_FIELD_TYPES: dict[type, dict[str, Any]] = {}


def _field_types(kind: type) -> dict[str, Any]:
    """The resolved field types of a record class (read once per class)."""
    if kind not in _FIELD_TYPES:
        import dataclasses
        import typing

        hints = typing.get_type_hints(kind)
        _FIELD_TYPES[kind] = {f.name: hints[f.name] for f in dataclasses.fields(kind) if f.init}
    return _FIELD_TYPES[kind]
