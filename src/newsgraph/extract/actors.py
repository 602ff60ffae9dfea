"""Actor mentions.

For now the mentions are the named entities the spaCy model finds, kept with their offsets
and unresolved; the actor dictionary (world actors, roles, pronouns) resolves them to
canonical actors.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from ..model import Mention

# Entity labels that can name an actor (people, organisations, states, groups, places acting).
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})


def extract_entity_mentions(doc: Doc, article_id: str) -> Iterator[Mention]:
    """Each named entity that can be an actor, as a Mention found by NER (not yet resolved)."""
    for ent in doc.ents:
        if ent.label_ in ACTOR_LABELS:
            yield Mention(
                article_id=article_id,
                start=ent.start_char,
                end=ent.end_char,
                text=ent.text,
                label=ent.label_,
                method="ner",
                rule=f"ner:{ent.label_}",
                confidence=0.5,
            )
