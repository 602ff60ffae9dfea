"""Cleaning a scraped plain-text page: headline, publisher, date, dateline, byline, body.

``clean_text`` is pure: text in, :class:`~newsgraph.model.CleanedText` out. The rules
(boilerplate lines, publication-line forms, datelines, captions) live in
``data/clean/rules.yaml``. The returned text is what every character offset refers to:
the body paragraphs, joined by a blank line, with page noise removed and every body
paragraph kept whole.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from .model import CleanedText, CleanStep
from .resources import CleanRules, clean_rules

PARAGRAPH_SEPARATOR = "\n\n"

_BLOCK_SPLIT = re.compile(r"\n[ \t]*\n")
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SENTENCE_END = tuple('.!?"”’:')


def paragraph_starts(text: str) -> list[int]:
    """The character offset where each paragraph of a text starts (paragraphs end at a blank line)."""
    starts, at = [0], text.find(PARAGRAPH_SEPARATOR)
    while at != -1:
        starts.append(at + len(PARAGRAPH_SEPARATOR))
        at = text.find(PARAGRAPH_SEPARATOR, at + len(PARAGRAPH_SEPARATOR))
    return starts


def normalise_text(text: str) -> str:
    """Unicode NFC, one kind of newline, no invisible or control characters, single spaces."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = text.translate(_INVISIBLE)
    text = _CONTROL.sub("", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of normalised text: one per line, or one per block when lines are hard-wrapped."""
    paragraphs: list[str] = []
    for block in _BLOCK_SPLIT.split(text):
        lines = [line for line in block.split("\n") if line]
        if not lines:
            continue
        if _is_hard_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return paragraphs


def _is_hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 2:
        return False
    inner = lines[:-1]
    if not all(40 <= len(line) <= 100 for line in inner):
        return False
    open_ended = sum(1 for line in inner if not line.endswith(_SENTENCE_END))
    return open_ended * 2 >= len(inner)


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def parse_date(text: str, rules: CleanRules | None = None) -> dt.date | None:
    """A calendar date written in one of the forms of the rules (``April 25th, 2023``, …)."""
    rules = rules or clean_rules()
    for form in rules.date_forms:
        match = form.search(text)
        if match:
            found = _date_from_groups(match.groupdict(), rules)
            if found:
                return found
    return None


def _date_from_groups(groups: dict[str, str | None], rules: CleanRules) -> dt.date | None:
    """Build a date from named groups like ``month``/``month_1``, ``day``, ``year``, ``monthnum``."""
    parts: dict[str, str] = {}
    for name, value in groups.items():
        if value is None:
            continue
        base = name.rsplit("_", 1)[0] if name[-1].isdigit() else name
        parts.setdefault(base, value)
    try:
        if "monthnum" in parts:
            month = int(parts["monthnum"])
        elif "month" in parts:
            month = rules.months.get(parts["month"].casefold().rstrip("."))
            if month is None:
                return None
        else:
            return None
        return dt.date(int(parts["year"]), month, int(parts["day"]))
    except (KeyError, ValueError):
        return None


def _match_publication_line(line: str, rules: CleanRules) -> tuple[str, str | None, dt.date | None] | None:
    if len(line) > 160:
        return None
    for rule_id, pattern in rules.publication_lines:
        match = pattern.match(line)
        if match:
            groups = match.groupdict()
            date = _date_from_groups({k: v for k, v in groups.items() if k != "publisher"}, rules)
            if date is None:
                continue
            publisher = (groups.get("publisher") or "").strip() or None
            return rule_id, publisher, date
    return None


def _match_caption(line: str, rules: CleanRules) -> str | None:
    if len(line) > rules.caption_max_chars:
        return None
    for rule_id, pattern in rules.caption_patterns:
        if pattern.search(line):
            return rule_id
    return None


def _match_byline(line: str, rules: CleanRules) -> tuple[str, str] | None:
    if len(line) > rules.byline_max_chars:
        return None
    if _fold(line) in rules.byline_exact:
        return "byline-exact", line
    for rule_id, pattern in rules.byline_patterns:
        match = pattern.match(line)
        if match:
            return rule_id, match.group("name")
    return None


def _is_headline(paragraph: str, rules: CleanRules) -> bool:
    return (
        len(paragraph) <= rules.headline_max_chars
        and len(paragraph.split()) <= rules.headline_max_words
        and not paragraph.endswith(rules.headline_not_ending)
        and rules.dateline.match(paragraph) is None
    )


def _match_dateline(paragraph: str, rules: CleanRules) -> re.Match | None:
    match = rules.dateline.match(paragraph)
    if match is None:
        return None
    letters = sum(ch.isalpha() for ch in match.group("place"))
    if letters < rules.dateline_min_letters:
        return None
    month = match.group("month")
    if month and month.casefold() not in rules.months:
        return None
    return match


def clean_text(text: str, *, headline: str | None = None, rules: CleanRules | None = None) -> CleanedText:
    """Clean one page of plain text.

    ``headline``, when the caller already knows the title (from HTML or a feed), is used as the
    headline and removed from the top of the body instead of guessing it from the first line.
    """
    rules = rules or clean_rules()
    paragraphs = split_paragraphs(normalise_text(text))
    steps: list[CleanStep] = []
    found: dict[str, object] = {}

    if headline is not None:
        headline = " ".join(headline.split()) or None
    if headline is None and len(paragraphs) > 1 and _is_headline(paragraphs[0], rules):
        headline = paragraphs.pop(0)
        steps.append(CleanStep("headline", headline, "first-line"))
    folded_headline = _fold(headline) if headline else None

    kept: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        if folded_headline and index < rules.headline_repeat_window and _fold(paragraph) == folded_headline:
            steps.append(CleanStep("repeated-headline", paragraph, "same-as-headline"))
            continue
        publication = _match_publication_line(paragraph, rules)
        if publication:
            rule_id, publisher, date = publication
            if publisher:
                found.setdefault("publisher", publisher)
            found.setdefault("published", date)
            steps.append(CleanStep("publication-line", paragraph, rule_id))
            continue
        boiler = rules.is_boilerplate(paragraph)
        if boiler:
            steps.append(CleanStep("boilerplate", paragraph, boiler))
            continue
        caption = _match_caption(paragraph, rules)
        if caption:
            steps.append(CleanStep("caption", paragraph, caption))
            continue
        kept.append(paragraph)

    # A byline stands among the first few paragraphs, before the first body paragraph.
    for index, paragraph in enumerate(kept[:3]):
        if _match_dateline(paragraph, rules):
            break
        byline = _match_byline(paragraph, rules)
        if byline:
            found["byline"] = byline[1]
            steps.append(CleanStep("byline", paragraph, byline[0]))
            del kept[index]
            break
        if len(paragraph) > rules.byline_max_chars or paragraph.endswith(_SENTENCE_END):
            break

    if kept:
        match = _match_dateline(kept[0], rules)
        if match:
            found["dateline"] = match.group("place")
            agency = match.group("agency")
            if agency and agency.strip() in rules.agencies:
                found.setdefault("agency", rules.agencies[agency.strip()])
            steps.append(CleanStep("dateline", match.group(0).strip(), "dateline"))
            kept[0] = kept[0][match.end():]

    publisher = found.get("publisher") or found.get("agency")
    return CleanedText(
        text=PARAGRAPH_SEPARATOR.join(kept),
        headline=headline,
        publisher=publisher,  # type: ignore[arg-type]
        published=found.get("published"),  # type: ignore[arg-type]
        dateline=found.get("dateline"),  # type: ignore[arg-type]
        byline=found.get("byline"),  # type: ignore[arg-type]
        steps=tuple(steps),
    )
