"""Who said what: direct quotes and indirect speech, with their speakers, cues and media.

``find_quotes`` pairs quote marks in a text (pure string work, never raises).
``extract_statements`` works over a parsed document and its actor mentions:

1. every reporting cue with a clause or a quote makes a statement ("X said that …", "X warned
   …", "X told the Post that …", "the report said …"), and "according to X" (or a sentence's
   opening "In a … poll,") makes one of the rest of its sentence; a passive cue's subject is
   what is said about, its agent the speaker ("Clinton is expected to win"); impressions with
   no one named ("seemed to …", "reportedly …") and owned nouns of speech ("Trump's claim
   that …") make statements too;
2. every quote joins the statement whose content holds it, or the nearest cue in its sentence
   (split quotes "X," he said, "Y" become one statement with two pieces; "he said, adding: …"
   takes the speaker of "said"), or continues the speaker of the paragraph before; short
   quotes that nobody is said to have said (titles, scare quotes) are not statements;
3. speakers resolve through the actor mentions: named people and bodies, pronouns, anonymous
   officials (kept as written, flagged, with the country and sector known of them).

The modules:

- ``cues``: the ``Cues`` read from data/quotes/cues.yaml (``load_cues``) and the constants;
- ``marks``: quote marks and their pairing (``Quote``, ``find_quotes``);
- ``draft``: ``_Draft``, a statement in the making, and the span helpers the rules share;
- ``extractor``: ``_Extractor`` (cues, subjects, phrases, drafts, the statements made of them,
  the disputes between them) and ``extract_statements``, which runs the rules in order;
- the rules, each family a class ``_Extractor`` inherits: ``speakers`` (a speaker the parser did
  not attach to its cue), ``finders_verbs`` (cue verbs and their shapes: step 1),
  ``finders_frames`` (phrase cues, copulas, attitudes, speech acts), ``finders_nouns`` (adverbs
  and nouns of speech, denied claims), ``finders_sources`` ("according to", openers, colons,
  headlines, dashes, signed lines) and ``attach`` (quotes joined to statements: step 2).
"""
from __future__ import annotations

# Cues, _Draft and _Extractor stay importable from here, as from the module this package was
from .cues import Cues, load_cues  # noqa: F401
from .draft import _Draft  # noqa: F401
from .extractor import _Extractor, extract_statements  # noqa: F401
from .marks import Quote, find_quotes

__all__ = ["Quote", "extract_statements", "find_quotes", "load_cues"]
