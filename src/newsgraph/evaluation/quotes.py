"""Our statements as PolNeAR attributions, and the evaluation behind ``newsgraph eval quotes``.

The adapter maps our records to PolNeAR's conventions: a cue keeps its auxiliaries, negation
and particle (as our cue spans already do) and takes a following colon; a source is the
speaker's whole phrase; a content is its pieces, with "that" and the quote marks.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..model import RawDocument, Statement
from ..pipeline import process
from .polnear import Attribution, GoldDoc, load_polnear, score


def to_attribution(text: str, statement: Statement) -> Attribution:
    cue: tuple[tuple[int, int], ...] = ()
    if statement.cue_start is not None and statement.cue_end is not None:
        end = statement.cue_end
        rest = text[end:end + 3]
        if rest.lstrip(" ").startswith(":"):
            end = end + rest.index(":") + 1
        cue = ((statement.cue_start, end),)
    source: tuple[tuple[int, int], ...] = ()
    if statement.speaker_start is not None and statement.speaker_end is not None:
        source = ((statement.speaker_start, statement.speaker_end),)
    return Attribution(source=source, cue=cue, content=tuple(statement.content_spans))


def predict_all(docs: Sequence[GoldDoc]) -> dict[str, list[Attribution]]:
    """Run the pipeline on every document's text as it is (no cleaning: offsets must agree)."""
    raws = [RawDocument(uri=doc.name, text=doc.text, hints={"verbatim": True}) for doc in docs]
    out: dict[str, list[Attribution]] = {}
    for doc, result in zip(docs, process(raws)):
        statements = getattr(result, "statements", ())
        out[doc.name] = [to_attribution(doc.text, st) for st in statements]
    return out


def evaluate_polnear(folder: str | Path, *, limit: int | None = None) -> dict:
    docs = load_polnear(folder, limit=limit)
    predicted = predict_all(docs)
    return score(docs, lambda doc: predicted[doc.name])
