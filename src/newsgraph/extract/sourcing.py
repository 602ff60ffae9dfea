"""According to whom: the chain of sources behind each statement.

For every statement, the hops that make it known: the publisher of the article → the outlet it
cites ("the Washington Post reported") → a document ("a leaked Pentagon assessment") → the
speaker. A reporting frame opened by an outlet ("…, Washington Post reported", "told the Post")
covers what follows until another outlet's frame replaces it.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..model import Actor, Article, Event, SourceLink, Statement

Frame = tuple[str, str, str | None]  # (outlet actor id, display name, cue)


def _is_media(actor: Actor | None) -> bool:
    return actor is not None and actor.kind == "media"


def _folded(name: str) -> str:
    name = " ".join(name.casefold().split())
    return name[4:] if name.startswith("the ") else name


def _is_publisher(actor: Actor, publisher: str | None) -> bool:
    """The article's own outlet ("told Reuters" in a Reuters report): no hop of its own."""
    if not publisher:
        return False
    own = _folded(publisher)
    return any(_folded(name) == own for name in (actor.name, *actor.aliases))


def trace_sources(article: Article, statements: list[Statement], actors: Iterable[Actor],
                  events: Iterable[Event] = ()) -> list[SourceLink]:
    """Source links for every statement (in order, hop 0 first), then for every event: an event
    inside a statement is known through that statement's chain; an event the article asserts
    inside an outlet's reporting frame is known through that outlet."""
    links, frames = _statement_links(article, statements, list(actors))
    for index, event in enumerate(events):
        if event.statement is not None:
            hops = [link for link in links if link.record_kind == "statement" and link.record_index == event.statement]
            links += [SourceLink(article.id, "event", index, link.hop, link.reporter, link.cited, link.cue,
                                 link.reporter_actor_id, link.cited_actor_id) for link in hops]
            continue
        outlet = next((f for start, f in reversed(frames) if start <= event.start), None)
        if outlet is not None:
            links.append(SourceLink(article.id, "event", index, 0, article.publisher or "the publisher", outlet[1],
                                    outlet[2], None, outlet[0]))
    return links


def _statement_links(article: Article, statements: list[Statement], actors: list[Actor]
                     ) -> tuple[list[SourceLink], list[tuple[int, Frame | None]]]:
    """The statements' links, and where each outlet's reporting frame opens (character offset)."""
    by_id = {a.id: a for a in actors}
    publisher = article.publisher or "the publisher"
    frame: Frame | None = None
    opened: list[tuple[int, Frame | None]] = []
    links: list[SourceLink] = []
    for index, st in enumerate(statements):
        speaker_actor = by_id.get(st.speaker_actor_id or "")
        medium_actor = by_id.get(st.medium or "")
        if _is_media(speaker_actor):
            # the outlet itself is the speaker; the publisher's own reporting closes a cited frame
            frame = None if _is_publisher(speaker_actor, article.publisher) else (
                speaker_actor.id, speaker_actor.name, st.cue)
            outlet = None
        elif _is_media(medium_actor):
            frame = None if _is_publisher(medium_actor, article.publisher) else (
                medium_actor.id, medium_actor.name, st.cue)
            outlet = frame
        else:
            outlet = frame
        if _is_media(speaker_actor) or _is_media(medium_actor):  # a frame opens, or closes (None)
            opened.append((min(st.start, st.cue_start or st.start), frame))
        speaker = _speaker_name(st, speaker_actor)
        hops: list[tuple[str, str | None, str, str | None, str | None]] = []  # reporter, id, cited, id, cue
        previous, previous_id = publisher, None
        if outlet is not None and outlet[0] != (speaker_actor.id if speaker_actor else None):
            hops.append((previous, previous_id, outlet[1], outlet[0], outlet[2]))
            previous, previous_id = outlet[1], outlet[0]
        if st.via:
            hops.append((previous, previous_id, st.via, None, None))
            previous, previous_id = st.via, None
        hops.append((previous, previous_id, speaker, st.speaker_actor_id, st.cue))
        for hop, (reporter, reporter_id, cited, cited_id, cue) in enumerate(hops):
            links.append(SourceLink(article.id, "statement", index, hop, reporter, cited, cue, reporter_id, cited_id))
    return links, sorted(opened, key=lambda f: f[0])


def _speaker_name(st: Statement, actor: Actor | None) -> str:
    if actor is not None and actor.kind == "person":
        return actor.name  # "he", "Watson", "Nathan Sales, the State Department's …" → the person
    return st.speaker or "an unnamed source"


def chain_of(links: list[SourceLink], index: int, kind: str = "statement") -> list[str]:
    """The chain of one record as names: ["Dawn", "Washington Post", "a senior defence official"]."""
    hops = sorted((link for link in links if link.record_kind == kind and link.record_index == index),
                  key=lambda link: link.hop)
    if not hops:
        return []
    return [hops[0].reporter] + [link.cited for link in hops]
