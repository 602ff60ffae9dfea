"""Our statements as PolNeAR attributions, and the evaluation behind ``newsgraph eval quotes``.

The adapter maps our records to PolNeAR's conventions: a cue keeps its auxiliaries, negation
and particle (as our cue spans already do) and takes a following colon, or a following "in a
statement" / "in an interview" (the annotators take it in about as often as not, and the longer
cue still covers the shorter gold cue); a source is the speaker's whole phrase (with the comma that
closes an apposition; a relative "who" / "which" alone); a content is its pieces, with "that" and
the quote marks.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ..extract.quotes import load_cues

from ..model import RawDocument, Statement
from ..pipeline import process
from .polnear import Attribution, GoldDoc, load_polnear, score


_SETTING = re.compile(r" in (?:a|an|the|his|her|their|its) ((?:[\w’'-]+ ){0,2}[\w’'-]+)")


def _setting_end(text: str, end: int) -> int:
    """The end of "in a statement" / "in a phone interview" right after a cue, or ``end``."""
    match = _SETTING.match(text, end, end + 60)
    if match is None:
        return end
    settings = load_cues().cue_settings
    words = match.group(1).split()
    for n in range(1, len(words) + 1):
        if words[n - 1].lower() in settings or " ".join(words[max(0, n - 2):n]).lower() in settings:
            return match.start(1) + len(" ".join(words[:n]))
    return end


# A relative "who" / "which" ending a speaker's phrase ("Obama, who has said …"): PolNeAR's source is
# the pronoun (after "that" the annotators as often mark the noun: "nations that oppose").
_RELATIVE = re.compile(r"(?<![\w’'-])(?:who|which)$")

_STOPS = ".,;:!?\n\"“”«»()"


def _trailing_end(text: str, end: int, limit: int) -> int:
    """The end of a prepositional phrase right after a cue and before the content or the sentence
    end ("said at a town hall in March", "said on Twitter"), or ``end``."""
    window = text[end:min(limit, end + 80)]
    words = window.split(None, 1)
    if not window.startswith(" ") or not words or words[0].lower() not in load_cues().cue_trailing_words:
        return end
    cut = next((i for i, ch in enumerate(window) if ch in _STOPS or window.startswith("''", i)), len(window))
    phrase = window[:cut].rstrip()
    if not phrase.strip() or len(phrase.split()) > 8 or " that " in f"{phrase} ":
        return end
    return end + len(phrase)


def to_attribution(text: str, statement: Statement) -> Attribution:
    cue: tuple[tuple[int, int], ...] = ()
    if statement.cue_start is not None and statement.cue_end is not None:
        end = statement.cue_end
        rest = text[end:end + 3]
        if rest.lstrip(" ").startswith(":"):
            end = end + rest.index(":") + 1
        elif statement.cue and statement.cue[:1].isalpha():  # "said in a statement": PolNeAR often takes it in
            if text[end - 3:end] == " in":  # the cue "wrote in" has the preposition: "wrote in an email"
                end = max(end, _setting_end(text, end - 3))
            else:
                end = _setting_end(text, end)
            after = [s for s, _ in statement.content_spans if s >= end]
            if statement.speaker_start is not None and statement.speaker_start >= end:
                after.append(statement.speaker_start)
            end = _trailing_end(text, end, min(after, default=len(text)))
        cue = ((statement.cue_start, end),)
    source: tuple[tuple[int, int], ...] = ()
    if statement.speaker_start is not None and statement.speaker_end is not None:
        end = statement.speaker_end
        if "," in text[statement.speaker_start:end] and text[end:end + 1] == ",":
            end += 1  # "Ruth Ellis, a lawyer, said": PolNeAR's source closes the apposition with its comma
        source = ((statement.speaker_start, end),)
        relative = _RELATIVE.search(text, statement.speaker_start, statement.speaker_end)
        if relative is not None and relative.end() == statement.speaker_end and relative.start() > statement.speaker_start:
            source = ((relative.start(), relative.end()),)  # "Obama, who said": PolNeAR marks the "who"
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
