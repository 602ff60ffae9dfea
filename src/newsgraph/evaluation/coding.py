"""Our events as PLOVER and ConfliBERT predictions, behind ``newsgraph eval events``.

The coder reports every event of a sentence; the PLOVER gold-standard records code exactly one
event per record. The evaluation therefore has two scorings (:data:`SCORINGS`), a convention of
the scorer and not of the coder, whose output is unchanged:

* ``principal`` (the default for PLOVER gold): the record's principal event only — the event whose
  trigger is highest in the dependency tree (the main clause's verb before a subordinate "after
  X shot down Y"), ties broken by confidence, then by position; every event with that trigger
  counts (a trigger can give events with different actors).
* ``all``: every event that happened counts, a secondary true event being a false positive.

``evaluate_plover`` returns the principal scoring with the other under ``all_events``.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..model import Analysis, Event, RawDocument
from ..nlp import load_nlp
from ..pipeline import process
from .events import (
    GoldEvent,
    PredictedEvent,
    cameo_to_class,
    load_conflibert,
    load_plover,
    score_conflibert,
    score_plover,
)


def _analyses(texts: Sequence[str]) -> list[Analysis | None]:
    raws = [RawDocument(uri=f"eval:{i}", text=t, hints={"verbatim": True}) for i, t in enumerate(texts)]
    return [r if isinstance(r, Analysis) else None for r in process(raws)]


def _countries(analysis: Analysis, actor_ids: Sequence[str]) -> tuple[str | None, ...]:
    by_id = {a.id: a for a in analysis.actors}
    return tuple(by_id[i].country if i in by_id else None for i in actor_ids)


# Statuses of events that did not take place: kept in our records (with the status) for users,
# but gold standards code only what happened or was reported to happen (and intentions, which
# the coder already types AGREE or THREATEN), so they are not predictions of a gold event.
NOT_EVENTS = frozenset({"denied", "hypothetical"})


def _happened(analysis: Analysis) -> list:
    return [e for e in analysis.events if e.status not in NOT_EVENTS]


SCORINGS: tuple[str, ...] = ("principal", "all")
# Arcs into a subordinate clause (adverbial, relative, a noun's clause) weigh more than the others:
# "continued their hunger strike to demand …" — the strike is in the main clause, the demand not.
SUBORDINATE = frozenset({"advcl", "relcl", "acl", "parataxis"})
SUBORDINATE_WEIGHT = 2


def trigger_depths(analysis: Analysis, doc=None) -> dict[int, int]:
    """Trigger start -> how many arcs its token is below the root of its sentence (0: the root).
    ``doc`` is the parse of the article's text (parsed here when not given)."""
    if doc is None:
        doc = load_nlp()(analysis.article.text)
    depths: dict[int, int] = {}
    for event in analysis.events:
        span = doc.char_span(event.start, event.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        token, depth = span.root, 0
        while token.head.i != token.i and depth < 100:
            depth += SUBORDINATE_WEIGHT if token.dep_ in SUBORDINATE else 1
            token = token.head
        depths[event.start] = depth
    return depths


def principal_events(events: Sequence[Event], depths: dict[int, int]) -> list[Event]:
    """The events of the principal trigger: highest in the tree, then most confident, then first."""
    if not events:
        return []
    best = min(events, key=lambda e: (depths.get(e.start, 99), -e.confidence, e.start))
    return [e for e in events if e.start == best.start]


def predicted_events(analysis: Analysis | None, scoring: str = "all",
                     depths: dict[int, int] | None = None) -> list[PredictedEvent]:
    """Our events of one record as predictions: every event that happened (``all``) or only the
    principal one (``principal``; ``depths`` from :func:`trigger_depths`, computed when missing)."""
    if scoring not in SCORINGS:
        raise ValueError(f"scoring must be one of {', '.join(SCORINGS)}, not {scoring!r}")
    if analysis is None:
        return []
    events = _happened(analysis)
    if scoring == "principal":
        events = principal_events(events, trigger_depths(analysis) if depths is None else depths)
    return [
        PredictedEvent(type=e.plover_type, sources=_countries(analysis, e.source_actor_ids),
                       targets=_countries(analysis, e.target_actor_ids))
        for e in events
    ]


CLASS_SCORINGS: tuple[str, ...] = ("principal", "most-confident")


def sentence_class(analysis: Analysis | None, scoring: str = "most-confident",
                   depths: dict[int, int] | None = None) -> int:
    """The 5-class label of a sentence: the CAMEO root of its principal event (``principal``, as
    for PLOVER; ``depths`` from :func:`trigger_depths`, computed when missing) or of its most
    confident event (``most-confident``); no event → 0."""
    if scoring not in CLASS_SCORINGS:
        raise ValueError(f"scoring must be one of {', '.join(CLASS_SCORINGS)}, not {scoring!r}")
    events = _happened(analysis) if analysis is not None else []
    if not events:
        return 0
    if scoring == "principal":
        best = principal_events(events, trigger_depths(analysis) if depths is None else depths)[0]
    else:
        best = max(events, key=lambda e: (e.confidence, -e.start))
    if best.cameo:
        try:
            return cameo_to_class(best.cameo)
        except ValueError:
            pass
    return {1: 1, 2: 2, 3: 3, 4: 4}.get(best.quad_class or 0, 0)


def evaluate_plover(path: str | Path, scoring: str = "principal") -> dict:
    """Score against PLOVER gold records with ``scoring`` (default ``principal``: one event per
    record, as the gold codes it); the result also holds the other scoring's figures under
    ``all_events`` (or ``principal_event``), and ``scoring`` names the one at the top level."""
    if scoring not in SCORINGS:
        raise ValueError(f"scoring must be one of {', '.join(SCORINGS)}, not {scoring!r}")
    gold = load_plover(path)
    analyses = _analyses([g.text for g in gold])
    by_id = {g.id: a for g, a in zip(gold, analyses)}
    nlp = load_nlp()
    depths = {g.id: trigger_depths(a, nlp(a.article.text)) if a is not None and a.events else {}
              for g, a in zip(gold, analyses)}
    results = {
        name: score_plover(gold, lambda g, name=name: predicted_events(by_id[g.id], name, depths[g.id]))
        for name in SCORINGS
    }
    other = "all" if scoring == "principal" else "principal"
    result = dict(results[scoring], scoring=scoring)
    keys = ("type_micro_f1", "type_macro_f1", "triple_f1", "type_micro_precision", "type_micro_recall",
            "triple_precision", "triple_recall")
    result["all_events" if other == "all" else "principal_event"] = {k: results[other][k] for k in keys}
    return result


def evaluate_conflibert(path: str | Path, scoring: str = "principal") -> dict:
    """Score the 5-class labels with the sentence's class taken from its principal event (default)
    or its most confident one; the result holds the other scoring's figures under
    ``most_confident_event`` (or ``principal_event``), and ``scoring`` names the one at the top."""
    if scoring not in CLASS_SCORINGS:
        raise ValueError(f"scoring must be one of {', '.join(CLASS_SCORINGS)}, not {scoring!r}")
    items = load_conflibert(path)
    analyses = _analyses([sentence for sentence, _ in items])
    with_events = [a for a in analyses if a is not None and _happened(a)]
    parsed = load_nlp().pipe(a.article.text for a in with_events)
    depths = {id(a): trigger_depths(a, doc) for a, doc in zip(with_events, parsed)}
    classes = {
        name: {sentence: sentence_class(a, name, depths.get(id(a), {})) for (sentence, _), a in zip(items, analyses)}
        for name in CLASS_SCORINGS
    }
    results = {name: score_conflibert(items, lambda sentence, name=name: classes[name][sentence])
               for name in CLASS_SCORINGS}
    other = "most-confident" if scoring == "principal" else "principal"
    result = dict(results[scoring], scoring=scoring)
    result[other.replace("-", "_") + "_event"] = {k: results[other][k] for k in ("accuracy", "macro_f1")}
    return result


__all__ = ["CLASS_SCORINGS", "SCORINGS", "GoldEvent", "evaluate_conflibert", "evaluate_plover", "predicted_events", "principal_events",
           "sentence_class", "trigger_depths"]
