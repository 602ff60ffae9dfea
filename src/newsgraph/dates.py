"""Dates of events: DATE expressions in a sentence resolved against the publication date.

The parser finds the expression (a DATE entity); which words make it a point in time is
data (``data/dates/dates.yaml``); dateparser turns it into a date, relative to publication.
An event with no usable expression takes the publication date, marked as such.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import replace

from spacy.tokens import Doc, Span

from .model import Event
from .resources import load_yaml

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")

@functools.cache
def _config() -> dict:
    raw = load_yaml("dates", "dates.yaml")
    return {
        "point": set(raw["point_words"]),
        "not_point": set(raw["not_point"]),
        "weekdays": list(raw["weekdays"]),
        "months": set(raw["months"]),
    }


def is_point(expression: str) -> bool:
    """Whether a DATE expression names a point in time rather than a duration."""
    words = re.findall(r"[a-z]+", expression.lower())
    config = _config()
    if config["not_point"] & set(words) and "ago" not in words:
        return False
    return bool(
        config["point"] & set(words)
        or config["months"] & set(words)
        or set(config["weekdays"]) & set(words)
        or _YEAR.search(expression)
    )


@functools.lru_cache(maxsize=4096)
def resolve_date(expression: str, published: dt.date, forward: bool = False) -> tuple[dt.date, str] | None:
    """The date an expression names, read on the publication date, with its precision.

    ``forward`` reads a bare weekday as the next such day (for intended events).
    """
    if not is_point(expression):
        return None
    words = re.findall(r"[a-z]+", expression.lower())
    weekdays = _config()["weekdays"]
    named = [w for w in words if w in weekdays]
    if named and not set(words) & {"last", "next", "this", "ago"}:
        delta = (published.weekday() - weekdays.index(named[0])) % 7
        if forward:
            return published + dt.timedelta(days=(weekdays.index(named[0]) - published.weekday()) % 7), "day"
        return published - dt.timedelta(days=delta), "day"
    base = dt.datetime(published.year, published.month, published.day)
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "current_period" if forward else "past",
                "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    cleaned = re.sub(r"^(?:(?:since|on|in|by|from|until|the|earlier|later|early|late|mid)\s+)+", "",
                     expression.strip(), flags=re.I)
    try:
        data = _parse(cleaned, settings)
    except Exception:  # dateparser raises a variety of errors on odd strings
        return None
    if data is None:
        return None
    value, period = data
    if period == "month":
        value = value.replace(day=1)
    elif period == "year":
        value = value.replace(month=1, day=1)
    return value.date(), period or "day"


def _parse(text: str, settings: dict) -> tuple[dt.datetime, str] | None:
    from dateparser.date import DateDataParser

    parsed = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if parsed is None or parsed.date_obj is None:
        return None
    return parsed.date_obj, parsed.period


def _trigger_root(doc: Doc, event: Event):
    span = doc.char_span(event.start, event.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _attached(ent: Span, trigger) -> bool:
    """The expression hangs off the trigger (directly or through a preposition)."""
    head = ent.root.head
    for _ in range(3):
        if head == trigger:
            return True
        if head.pos_ != "ADP":
            return False
        head = head.head
    return False


def date_events(doc: Doc, events: list[Event], published: dt.date | None) -> list[Event]:
    """Each event with its date: from a DATE expression of its sentence, else publication."""
    if published is None:
        return events
    dates = [ent for ent in doc.ents if ent.label_ == "DATE"]
    out = []
    for event in events:
        lo = event.start if event.sentence_start is None else event.sentence_start
        hi = event.end if event.sentence_end is None else event.sentence_end
        in_sentence = [ent for ent in dates if ent.start_char >= lo and ent.end_char <= hi]
        trigger = _trigger_root(doc, event) if in_sentence else None
        ranked = sorted(in_sentence, key=lambda ent: (not (trigger is not None and _attached(ent, trigger)),
                                                      abs(ent.start_char - event.start)))
        resolved = None
        for ent in ranked:
            found = resolve_date(ent.text, published, event.status == "intended")
            if found is not None:
                resolved = (found[0], found[1], ent.text)
                break
        if resolved is None:
            out.append(replace(event, date=published, date_precision="publication"))
        else:
            out.append(replace(event, date=resolved[0], date_precision=resolved[1], date_text=resolved[2]))
    return out
