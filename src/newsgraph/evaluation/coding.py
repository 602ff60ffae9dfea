"""Our events as PLOVER and ConfliBERT predictions, behind ``newsgraph eval events``."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..model import Analysis, RawDocument
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


def predicted_events(analysis: Analysis | None) -> list[PredictedEvent]:
    if analysis is None:
        return []
    return [
        PredictedEvent(type=e.plover_type, sources=_countries(analysis, e.source_actor_ids),
                       targets=_countries(analysis, e.target_actor_ids))
        for e in _happened(analysis)
    ]


def sentence_class(analysis: Analysis | None) -> int:
    """The 5-class label of a sentence: its most confident event's CAMEO root; no event → 0."""
    events = _happened(analysis) if analysis is not None else []
    if not events:
        return 0
    best = max(events, key=lambda e: (e.confidence, -e.start))
    if best.cameo:
        try:
            return cameo_to_class(best.cameo)
        except ValueError:
            pass
    return {1: 1, 2: 2, 3: 3, 4: 4}.get(best.quad_class or 0, 0)


def evaluate_plover(path: str | Path) -> dict:
    gold = load_plover(path)
    analyses = _analyses([g.text for g in gold])
    by_id = {g.id: a for g, a in zip(gold, analyses)}
    return score_plover(gold, lambda g: predicted_events(by_id[g.id]))


def evaluate_conflibert(path: str | Path) -> dict:
    items = load_conflibert(path)
    analyses = _analyses([sentence for sentence, _ in items])
    by_text = {sentence: sentence_class(a) for (sentence, _), a in zip(items, analyses)}
    return score_conflibert(items, lambda sentence: by_text[sentence])


__all__ = ["GoldEvent", "evaluate_conflibert", "evaluate_plover", "predicted_events", "sentence_class"]
