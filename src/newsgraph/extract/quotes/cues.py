"""The reporting cues (data/quotes/cues.yaml, read once) and the extractor's constants."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, fields

from ...resources import load_yaml

DOUBLE_OPEN = "“\"«„"
TITLE_WORDS = 8  # a quote this short inside a speaker's phrase is a title ("the author of “Going Home,”")
SPLIT_GAP = 250  # characters between the two halves of a split quote ("X," said Name (D-Ill.) in an interview. "Y")
TWO_APOSTROPHES = "''"  # two apostrophes as a double quote mark, in some wire and archive copy
SUBJECT_DEPS = ("nsubj", "nsubjpass")
CLAUSE_DEPS = ("ccomp", "xcomp", "parataxis")
IMPRESSION_SPEAKER_TOKENS = 4  # words of a subject taken as who seems to say something ("Mr. Lee seemed to urge")
OPENING_CUE_TOKENS = 6  # how far into the sentence after a quote its cue may come ("Rep. Ann Lee said …")
TENSED_TAGS = ("VBD", "VBZ", "VBP", "MD")  # a verb (or modal) with a tense of its own
# A wire dateline opening a paragraph ("PARIS (Reuters) - ", "WASHINGTON (AP) — "): no part of a speaker
DATELINE = re.compile(r"[A-Z][A-Za-z .,'’-]{1,40}\([A-Z][\w .&-]{0,24}\)\s*[-–—―]+\s*")
# what follows an object cue's object and belongs to what was said ("praised the governor's
# leadership in the aftermath of the storm", "slammed the media for …", "described X as …")
OBJECT_TAIL_DEPS = ("oprd", "prep", "npadvmod", "dative", "acomp", "ccomp", "xcomp")
# tokens from a verb that puts something out to the participle reporting it, at most ("sent a
# letter to the board of directors urging …")
LEAD_GAP = 12
# what may stand before a speaker's name and its colon in the middle of a line: a break ("POLLS
# TIGHTEN - Ann Lee: “…”", "… the plan.” Lee: “…”"), not a clause ("said of Lee:", "by Times' Ann Lee:")
COLON_BREAKS = "-–—.”\"…"
# a capitalised word opening a sentence before the name ("… reform. Said Ellis: “…”")
INVERTED_CUE = re.compile(r"(?:^|[.!?”\"…]\s+)[A-Z][a-z]+\s+$")
# a first name coordinated with the one before the colon ("Mark Blumenthal and Jon Cohen:")
COLON_PARTNER = re.compile(r"(?<![\w’'])([A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3} and )$")
# the links from a cue down to a participle that trails what it reports
REPORTED_PATH_DEPS = ("ccomp", "xcomp", "conj", "acl", "relcl", "dobj", "pobj", "prep", "advcl")
# tokens from the word governing an infinitive cue to the cue, at most ("went out of his way to say")
INFINITIVE_GAP = 8


@dataclass(frozen=True)
class Cues:
    verbs: dict[str, str]  # lemma -> stance
    object_verbs: frozenset[str]
    naming_verbs: frozenset[str]
    preposition_cues: frozenset[str]
    as_verbs: frozenset[str]
    passive_as_verbs: frozenset[str]
    phrase_cues: tuple[tuple[str, ...], ...]
    not_cue_frames: dict[str, frozenset[str]]
    copula_nouns: frozenset[str]
    answer_words: frozenset[str]
    headline_verbs: frozenset[str]
    nested_cues: frozenset[str]
    person_object_verbs: frozenset[str]
    document_object_verbs: frozenset[str]
    impression_verbs: frozenset[str]
    object_complements: frozenset[str]
    urge_verbs: frozenset[str]
    questioned_verbs: frozenset[str]
    addressee_verbs: frozenset[str]
    cue_adverbs: frozenset[str]
    adverb_cues: frozenset[str]
    cue_heads: frozenset[str]
    negations: frozenset[str]
    signature_dashes: tuple[str, ...]
    phrasal: dict[str, frozenset[str]]
    documents: frozenset[str]
    speech_nouns: frozenset[str]
    noun_cues: dict[str, frozenset[str]]
    open_noun_cues: dict[str, frozenset[str]]
    according_to: tuple[str, ...]
    in_sources: frozenset[str]
    not_speaker_labels: frozenset[str]
    cue_settings: frozenset[str]
    cue_trailing_words: frozenset[str]
    put_out_nouns: frozenset[str]
    feeling_verbs: frozenset[str]
    personal_pronouns: frozenset[str]
    object_pronouns: frozenset[str]
    group_words: frozenset[str]
    trailing_document_verbs: frozenset[str]
    trailing_document_nouns: frozenset[str]
    passive_agent_stances: frozenset[str]
    passive_agent_skip: frozenset[str]
    purpose_heads: frozenset[str]
    purpose_skip: frozenset[str]
    participle_skip: frozenset[str]
    person_nouns: frozenset[str]
    armed_sectors: frozenset[str]
    bare_cue_tokens: int
    attitude_adjectives: frozenset[str]
    attitude_copulas: frozenset[str]
    attitude_nouns: frozenset[str]
    person_openers: frozenset[str]
    attitude_preps: frozenset[str]
    attitude_to_adjectives: frozenset[str]
    stance_preps: frozenset[str]
    manner_adjectives: frozenset[str]
    speech_act_verbs: frozenset[str]
    speech_act_nouns: frozenset[str]
    speech_act_preps: frozenset[str]
    held_nouns: frozenset[str]
    relative_pronouns: frozenset[str]
    anonymity_verbs: frozenset[str]
    claim_nouns: frozenset[str]
    light_verb_nouns: dict[str, dict[str, frozenset[str]]]
    attitude_frames: dict[str, tuple[tuple[str, ...], ...]]
    person_frame_verbs: frozenset[str]
    frame_objects: dict[str, frozenset[str]]
    relative_object_verbs: frozenset[str]
    agent_participle_verbs: frozenset[str]
    poll_frames: dict[str, tuple[tuple[str, ...], ...]]
    min_quote_words: int
    marks: dict[str, tuple[str, ...]]


_CASED_LISTS = frozenset({"armed_sectors"})  # sector codes, compared with the actor mentions' own


@functools.cache
def load_cues() -> Cues:
    raw = load_yaml("quotes", "cues.yaml")
    verbs = {}
    for stance, words in raw["verbs"].items():
        for word in words:
            verbs.setdefault(str(word), stance)
    for name in ("object_verbs", "naming_verbs", "as_verbs", "preposition_cues", "person_object_verbs"):
        verbs.update({str(v): verbs.get(str(v), "neutral") for v in raw.get(name, [])})
    # Every word list (a frozenset field) is read the same way, lowercased; sector codes keep their case.
    word_lists = {f.name: frozenset(str(w) if f.name in _CASED_LISTS else str(w).lower() for w in raw.get(f.name) or ())
                  for f in fields(Cues) if f.type == "frozenset[str]"}
    return Cues(
        verbs=verbs,
        **word_lists,
        not_cue_frames={str(k): frozenset(str(d) for d in v) for k, v in raw.get("not_cue_frames", {}).items()},
        phrase_cues=tuple(sorted((tuple(str(p).lower().split()) for p in raw.get("phrase_cues", [])), key=len, reverse=True)),
        signature_dashes=tuple(str(v) for v in raw.get("signature_dashes", [])),
        phrasal={str(k): frozenset(v) for k, v in raw.get("phrasal", {}).items()},
        noun_cues={str(k): frozenset(str(p) for p in (v or ())) for k, v in raw.get("noun_cues", {}).items()},
        open_noun_cues={str(k): frozenset(str(p) for p in (v or ())) for k, v in raw.get("open_noun_cues", {}).items()},
        according_to=tuple(str(p) for p in raw.get("according_to", [])),
        attitude_frames={str(k): tuple(tuple(str(f).split()) for f in v) for k, v in raw.get("attitude_frames", {}).items()},
        poll_frames={str(k): tuple(tuple(str(f).split()) for f in v) for k, v in raw.get("poll_frames", {}).items()},
        light_verb_nouns={str(verb): {str(n).split()[0]: frozenset(str(n).split()[1:]) for n in nouns}
                          for verb, nouns in raw.get("light_verb_nouns", {}).items()},
        frame_objects={str(k): frozenset(str(w).lower() for w in v) for k, v in raw.get("frame_objects", {}).items()},
        bare_cue_tokens=int(raw.get("bare_cue_tokens", 8)),
        min_quote_words=int(raw.get("min_unattributed_quote_words", 4)),
        marks={str(k): tuple(v) for k, v in raw["quote_marks"].items()},
    )
