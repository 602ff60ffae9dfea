"""A statement in the making, and the span helpers the extractor's rules share."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Token


@dataclass
class _Draft:
    cue: Token | None
    content: list[tuple[int, int]]  # character spans
    direct: bool
    kind: str = "speech"
    cue_span: tuple[int, int] | None = None
    cue_text: str | None = None
    speaker_span: tuple[int, int] | None = None
    medium_span: tuple[int, int] | None = None
    negated: bool = False
    stance: str = "neutral"
    flags: list[str] = field(default_factory=list)
    rule: str = ""
    confidence: float = 0.6
    speaker_from: int | None = None  # index of the draft whose speaker this one continues
    via: str | None = None
    denies: "_Draft | None" = None  # the claim a denial names ("denied reports that …")


def _around(cue: Token) -> list[Token]:
    """What a parenthetical cue reports ("…, he said, local officials should …", "as Smith put it,
    the plan is dead"): the words of its head's clause outside the cue's own, no punctuation."""
    own = {t.i for t in cue.subtree}
    return [t for t in cue.head.subtree if t.i not in own and not t.is_punct]


def _char_span(tokens: Iterable[Token]) -> tuple[int, int]:
    tokens = sorted(tokens, key=lambda t: t.i)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _outside(text: str, piece: tuple[int, int], span: tuple[int, int]) -> list[tuple[int, int]]:
    """What of a content piece lies outside a speaker's span."""
    if piece[1] <= span[0] or span[1] <= piece[0]:
        return [piece]
    return [p for p in (_trim(text, (piece[0], span[0])), _trim(text, (span[1], piece[1]))) if p[0] < p[1]]


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Drop surrounding spaces and a final sentence stop or comma (a closing quote mark stays)."""
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;"):
        end -= 1
    return start, end
