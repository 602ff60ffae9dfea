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
"""
from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields

import numpy
from spacy.attrs import LEMMA, LOWER, SENT_START
from spacy.tokens import Doc, Span, Token

from ..clean import PARAGRAPH_SEPARATOR, paragraph_starts
from ..model import Actor, Article, Mention, Statement
from ..nlp import doc_text, tokens_among
from ..resources import load_yaml

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


# -- quote marks ------------------------------------------------------------------------------


@dataclass
class Quote:
    """A quotation: its pieces (with the marks), in text order, and what was odd about it."""

    pieces: list[tuple[int, int]]
    flags: list[str] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


def _opens_single(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "(“\"—–-[") and after.isalnum()


def _closes_single(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    return not after.isalnum()


def _opens_straight(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    return before.isspace() or before in "([{—–-:"


def find_quotes(text: str, marks: dict[str, tuple[str, ...]] | None = None) -> list[Quote]:
    """Pair quote marks paragraph by paragraph; never raises.

    A double quote left open at the end of a paragraph continues when the next paragraph opens
    with a quote mark (news style: only the last paragraph closes); otherwise it ends with its
    paragraph and is flagged ``unclosed-quote``. Single curly quotes count only when they open
    at a word start and close before a non-letter (so apostrophes are not quotes); single quotes
    inside a double quote are nested and not separate quotations. Two apostrophes (``''…''``,
    typewriter and archive copy) are a double quote mark.
    """
    marks = marks or load_cues().marks
    quotes: list[Quote] = []
    carried: Quote | None = None
    offset = 0

    def close(start: int, end: int) -> None:
        """A quote mark closes: the piece ends a quote carried over paragraphs, or is one."""
        nonlocal carried
        if carried is not None:
            carried.pieces.append((start, end))
            quotes.append(carried)
            carried = None
        else:
            quotes.append(Quote([(start, end)]))

    for paragraph in text.split("\n\n"):
        start_of_para = offset
        offset += len(paragraph) + 2
        if carried is not None:
            stripped = paragraph.lstrip()
            lead = len(paragraph) - len(stripped)
            if stripped.startswith(TWO_APOSTROPHES):
                open_at, closers = start_of_para + lead, (TWO_APOSTROPHES,)
                i = lead + 2
            elif stripped and stripped[0] in DOUBLE_OPEN:
                open_at, closers = start_of_para + lead, marks.get(stripped[0], ("”", "\""))
                i = lead + 1
            else:
                carried.flags.append("unclosed-quote")
                quotes.append(carried)
                carried = None
                i, open_at, closers = 0, None, ()
        else:
            i, open_at, closers = 0, None, ()
        single_at: int | None = None
        while i < len(paragraph):
            ch = paragraph[i]
            if ch == "'" and paragraph.startswith(TWO_APOSTROPHES, i):  # ''…'' (typewriter copy)
                if open_at is None and _opens_straight(paragraph, i) and not paragraph[i + 2:i + 3].isspace():
                    open_at, closers, single_at = start_of_para + i, (TWO_APOSTROPHES,), None
                elif open_at is not None and closers == (TWO_APOSTROPHES,):
                    close(open_at, start_of_para + i + 2)
                    open_at = None
                i += 2
                continue
            if open_at is None:
                if ch in marks and ch != "‘" and (ch != "\"" or _opens_straight(paragraph, i)):
                    open_at, closers = start_of_para + i, marks[ch]
                    single_at = None  # single marks inside a double quote are nested, not quotes
                elif ch == "‘" and _opens_single(paragraph, i):
                    single_at = start_of_para + i
                elif ch == "’" and single_at is not None and _closes_single(paragraph, i):
                    quotes.append(Quote([(single_at, start_of_para + i + 1)], ["single-quotes"]))
                    single_at = None
            elif ch in closers:
                close(open_at, start_of_para + i + 1)
                open_at = None
            i += 1
        if open_at is not None:
            piece = (open_at, start_of_para + len(paragraph))
            if carried is None:
                carried = Quote([piece])
            else:
                carried.pieces.append(piece)
    if carried is not None:
        carried.flags.append("unclosed-quote")
        quotes.append(carried)
    quotes.sort(key=lambda q: q.start)
    return quotes


# -- statements -----------------------------------------------------------------------------------


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


class _Extractor:
    def __init__(self, doc: Doc, article: Article, mentions: list[Mention], actors: dict[str, Actor]):
        self.doc = doc
        self.text = doc_text(doc, article.text)
        self.article = article
        self.mentions = mentions
        self.actors = actors
        self.cues = load_cues()
        self.quotes = find_quotes(self.text, self.cues.marks)
        self.paragraph_starts = paragraph_starts(self.text)
        self.drafts: list[_Draft] = []
        self.by_cue: dict[int, int] = {}  # cue token index -> draft index
        self.root_clause_cues: set[int] = set()  # cues of a clause the parser took for the main one
        # word and lemma hashes of every token, so that each rule visits only its candidate tokens
        # (building a Token object for every token of the text, once per rule, is the cost here)
        self.hashes = doc.to_array([LOWER, LEMMA, SENT_START]) if len(doc) else numpy.zeros((0, 3), dtype="uint64")
        self.sentence: list[Span] = [None] * len(doc)  # type: ignore[list-item]  # token.sent is slow
        starts = [int(i) for i in numpy.flatnonzero(self.hashes[:, 2] == 1)]
        if len(doc) and (not starts or starts[0] != 0):
            starts.insert(0, 0)
        for start, end in zip(starts, starts[1:] + [len(doc)]):
            sent = doc[start:end]
            for i in range(start, end):
                self.sentence[i] = sent

    def candidates(self, words: Iterable[str], column: int = 1) -> Iterable[Token]:
        """The tokens whose lemma (column 1) or lowercase form (column 0) is one of ``words``."""
        if not len(self.doc):
            return ()
        return tokens_among(self.doc, self.hashes[:, column], words)

    # -- cues ------------------------------------------------------------------------------

    def cue_lemma(self, token: Token) -> str | None:
        lemma = token.lemma_.lower()
        if lemma in self.cues.verbs and (token.pos_ in ("VERB", "AUX") or self.verb_as_noun(token)):
            return lemma
        return None

    @staticmethod
    def verb_as_noun(token: Token) -> bool:
        """A cue verb's third-person form the parser took for a plural noun but gave a subject and a
        clause or an object ("Still, Rivera claims that …", "Union blasts mayor for …")."""
        return token.tag_ == "NNS" and any(c.dep_ == "nsubj" for c in token.children) \
            and any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in token.children)

    def cue_tokens(self, verb: Token) -> list[Token]:
        """The cue with its auxiliaries, negation and particle: "has said", "did not say", "called for"."""
        tokens = [verb]
        head = verb.head
        if self.infinitive_head(verb):
            # "went on to say", "is trying to show", "was quick to add": the whole phrase is the cue
            tokens.append(head)
            tokens.extend(c for c in head.children if c.dep_ in ("aux", "neg", "prt") and c.i < verb.i
                          or c.dep_ == "prep" and head.i < c.i < verb.i)
            if head.pos_ == "ADJ" and head.dep_ == "acomp" and head.head.i < head.i:  # "was quick to add"
                tokens.append(head.head)
                tokens.extend(c for c in head.head.children if c.dep_ in ("aux", "neg") and c.i < head.head.i)
        for child in verb.children:
            if child.dep_ in ("aux", "auxpass", "neg") and child.i < verb.i:
                tokens.append(child)
            elif child.dep_ == "advmod" and child.i == verb.i - 1 and (child.lower_ in self.cues.cue_adverbs or child.pos_ == "ADV" and child.lower_.endswith("ly")):
                tokens.append(child)  # "also said", "later told"
            elif child.dep_ in ("npadvmod", "advmod") and child.left_edge.i == verb.i + 1 and (
                child.ent_type_ in ("DATE", "TIME") or child.lower_ in self.cues.cue_adverbs
                or child.dep_ == "advmod" and child.pos_ == "ADV" and child.lower_.endswith("ly")
            ):
                tokens.extend(child.subtree)  # "said Sunday", "said earlier this week"
            elif child.dep_ == "prt" or (
                child.dep_ == "prep" and child.lower_ in self.cues.phrasal.get(verb.lemma_.lower(), ())
                and child.i == verb.i + 1
            ):
                tokens.append(child)
        after = verb.i + 1
        if after < len(self.doc) and self.doc[after].dep_ == "npadvmod" and self.doc[after].head.i != verb.i \
                and self.doc[after].ent_type_ in ("DATE", "TIME") and self.doc[after].ent_iob_ == "B":
            # "said Tuesday his actions were lawful": the parser hung the day on the clause
            tokens.extend(t for t in self.doc[after].subtree if t.ent_type_ in ("DATE", "TIME"))
        tokens += self.addressee(verb)
        tokens += self.expressed(verb)
        lead = self.lead_verb(verb)
        if lead is not None:
            tokens += [lead] + [c for c in lead.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < lead.i]
        return tokens

    def addressee(self, verb: Token) -> list[Token]:
        """ "asked Clinton about …", "warned voters against …": the one asked or warned, between the
        cue and its preposition, is part of the cue with the preposition (PolNeAR's cue). (Other
        objects, "accused Holt of …", stay in the content: measured on PolNeAR train, the annotators
        take them into the cue far less often.)"""
        lemma = verb.lemma_.lower()
        if lemma not in self.cues.questioned_verbs and lemma not in self.cues.addressee_verbs:
            return []
        particles = self.cues.phrasal.get(lemma, frozenset())
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in particles and any(g.dep_ in ("pobj", "pcomp") for g in prep.children):
                objects = [c for c in verb.children if c.dep_ == "dobj" and c.i < prep.i]
                if objects and prep.i == objects[0].right_edge.i + 1:
                    return list(objects[0].subtree) + [prep]
                return []
        return []

    def expressed(self, verb: Token) -> list[Token]:
        """ "expressed deep concern about …", "voiced misgivings over …": the feeling expressed and
        its preposition are part of the cue (PolNeAR's); what it is about is the content."""
        if verb.lemma_.lower() not in self.cues.feeling_verbs:
            return []
        for obj in verb.children:
            if obj.dep_ == "dobj" and obj.pos_ == "NOUN" and obj.left_edge.i == verb.i + 1:
                prep = next((c for c in obj.children if c.dep_ == "prep" and c.i == obj.i + 1
                             and any(g.dep_ in ("pobj", "pcomp") for g in c.children)), None)
                if prep is not None:
                    return [t for t in obj.subtree if t.i <= obj.i] + [prep]
        return []

    def infinitive_head(self, verb: Token) -> bool:
        """Whether the word that governs a cue in the infinitive or gerund belongs to the cue: "went on
        to say", "is trying to show", "continued to insist", "are more likely to say", "used the
        speech to offer", "began saying" (PolNeAR's cue). Not a verb that is a cue of its own ("refused to say" is two), nor
        an impression ("seemed to think"), nor a verb whose object is who speaks ("led voters to
        say")."""
        head = verb.head
        gerund = verb.tag_ == "VBG" and verb.dep_ == "xcomp"  # "began saying", "could not resist pointing out"
        if verb.dep_ not in ("xcomp", "advcl") or head.i > verb.i or verb.i - head.i > INFINITIVE_GAP \
                or not (gerund or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)):
            return False
        if head.lemma_.lower() in self.cues.cue_heads:
            return True
        if verb.dep_ != "xcomp":
            return False
        if head.pos_ == "ADJ":
            return True
        lemma = head.lemma_.lower()
        return head.pos_ == "VERB" and lemma not in self.cues.impression_verbs \
            and (self.cue_lemma(head) is None or "xcomp" in self.cues.not_cue_frames.get(lemma, ())) \
            and not any(c.dep_ in ("dobj", "nsubj") and head.i < c.i < verb.i
                        and (c.pos_ in ("PRON", "PROPN") or c.ent_type_ or c.tag_ == "NNS") for c in head.children)

    def lead_verb(self, verb: Token) -> Token | None:
        """The verb that puts out what a participle or relative clause reports: "the campaign issued a
        statement saying …", "released a letter that says …", "responded by saying …". PolNeAR's cue
        runs from it, and its subject is the speaker. (A participle after other objects, "received
        calls saying …", or after a verb with no such object, "hit back, saying …", keeps its own
        cue: measured on PolNeAR train, the annotators take the verb in far less often there.)"""
        head = verb.head
        if verb.tag_ == "VBG" and verb.dep_ == "pcomp" and head.lower_ in ("by", "in"):
            lead = head.head  # "responded by saying", "erred in saying"
        elif head.dep_ == "dobj" and self.put_out(head) and (
                verb.tag_ == "VBG" and verb.dep_ == "acl"  # "issued a statement saying"
                or verb.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ in ("that", "which") for c in verb.children)):
            lead = head.head  # "released a letter that says"
        elif verb.tag_ == "VBG" and verb.dep_ in ("advcl", "acl") and any(
                c.dep_ == "dobj" and c.i < verb.i and self.put_out(c) for c in head.children):
            lead = head  # "issued a statement on Monday saying", "released a statement Friday, saying"
        else:
            return None
        if lead.pos_ != "VERB" or lead.i > verb.i or verb.i - lead.i > LEAD_GAP:
            return None
        if any(t.is_quote or t.text in (";", ":") or t.is_sent_start for t in self.doc[lead.i + 1:verb.i + 1]):
            return None
        return lead

    def put_out(self, noun: Token) -> bool:
        """A statement, letter, ad or post (or a series of them): something put out that can say things."""
        words = [noun] + [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == noun.i + 1
                          for g in c.children if g.dep_ == "pobj"]  # "a series of tweets"
        return any(lemma in self.cues.documents or lemma in self.cues.cue_settings or lemma in self.cues.put_out_nouns
                   for lemma in (w.lemma_.lower() for w in words))

    def reporting_cue(self, verb: Token) -> Token | None:
        """The cue whose reported clause a trailing participle hangs on: in "Lowe said the plan
        would fail, arguing that …" the parser hangs "arguing" on "fail", but Lowe argues, and
        what she said stops at the comma."""
        if verb.tag_ != "VBG" or verb.dep_ != "advcl" or verb.i == 0 or self.doc[verb.i - 1].text != ","                 or any(c.dep_ in SUBJECT_DEPS for c in verb.children) or self.cue_lemma(verb) is None:
            return None
        # up from the word it hangs on, through the clauses and phrases of what the cue reports
        # ("rejected reports that the army planned to withdraw, describing them as …")
        probe = verb.head
        for _ in range(6):
            if probe.dep_ not in REPORTED_PATH_DEPS or probe.head.i == probe.i:
                return None
            up = probe.head
            if up.i < probe.i and self.cue_lemma(up) is not None and probe.dep_ in ("ccomp", "dobj"):
                return up
            probe = up
        return None

    def speaker_of(self, verb: Token) -> Token | None:
        """The subject of a cue, climbing out of "adding", "saying" and conjoined verbs; a relative
        "who" stands for the noun its clause hangs on."""
        lead = self.lead_verb(verb)
        if lead is not None:  # "the campaign issued a statement saying …": who issued it
            return self.speaker_of(lead)
        outer = self.reporting_cue(verb)
        if outer is not None:  # "said the plan would fail, arguing …": who said it
            return self.speaker_of(outer)
        subject = self._subject(verb)
        if subject is not None and subject.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
            return verb.head
        return subject

    def _subject(self, verb: Token) -> Token | None:
        if verb.tag_ == "VBG" and not any(c.dep_ in SUBJECT_DEPS for c in verb.children) \
                and self.passive_or_subjectless(self.clause_head(verb)):
            # "… was based on a leaked Pentagon assessment, claiming that …": the document claims
            # (not "he sounded a rare note, saying …": an active clause's subject says it)
            sent = self.sentence[verb.i]
            for token in reversed(list(sent)[: verb.i - sent.start]):
                if token.pos_ == "NOUN" and token.lemma_.lower() in self.cues.documents and not self.in_quote(token) \
                        and not (token.head.lower_ in ("in", "with") and token.lemma_.lower() in self.cues.cue_settings):
                    return token  # (not "said in a statement, adding …": the speaker adds)
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
                verb.tag_ == "VBN" and not any(c.dep_ in SUBJECT_DEPS for c in verb.children) and (
                    verb.dep_ == "advcl" or verb.dep_ == "acl" and not any(c.dep_ == "ccomp" for c in verb.children)
                    and (verb.head.dep_ != "ROOT" or any(c.dep_ == "agent" for c in verb.children)))):
            # (not "Its leader, Dan Price, posted on Friday:", a sentence parsed as a noun phrase)
            # ("a practice criticized by civil rights groups": the agent, not the practice; "a
            # website called …": no one; but "a poll found that …" is the parser's participle)
            # "Clinton is expected to win", "the deal was criticized by Democrats": the subject is
            # what is said about; the speaker, if any, is the agent
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            return next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
        probe = verb
        for _ in range(4):
            subjects = [child for child in probe.children
                        if child.dep_ in SUBJECT_DEPS and (child.lower_ not in ("that", "which") or probe.dep_ == "relcl") and (
                            child.lower_ != "it" or child.dep_ == "nsubj")]  # "it said" (a company); not "it is said"
            if subjects:  # of two (a parse that takes a word of the quote too), the one next to the verb
                return min(subjects, key=lambda child: abs(child.i - probe.i))
            if probe.dep_ == "xcomp" and probe.head.i < probe.i:
                objects = [c for c in probe.head.children if c.dep_ == "dobj" and c.i < probe.i and self.someone(c)]
                if objects and any(c.dep_ == "aux" and c.lower_ == "to" for c in probe.children):
                    return objects[0]  # "the loss led some allies to worry …", "she forced him to admit …": the object
            if probe.tag_ == "VBG" and probe.dep_ in ("advcl", "xcomp", "ccomp", "oprd") and probe.head.i < probe.i:
                objects = [c for c in probe.head.children if c.dep_ == "dobj" and c.right_edge.i + 1 == probe.i and self.someone(c)]
                if objects:
                    return objects[0]  # "the war left many nations feeling that …", "the video shows Lee saying …"
            if probe.dep_ in ("advcl", "conj", "xcomp", "ccomp", "acl", "acomp") and probe.head.i != probe.i:
                if probe.dep_ == "acl":
                    noun = probe.head
                    if probe.tag_ == "VBG" and noun.pos_ == "NOUN" and noun.lemma_.lower() not in self.cues.documents \
                            and not self.someone(noun):
                        # "opened a rally blasting Clinton", "heard on a microphone telling …": who holds the rally
                        verb_up = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)
                        if verb_up is not None:
                            probe = verb_up
                            continue
                    return probe.head  # "an assessment claiming that …"
                if probe.dep_ == "conj" and probe.head.dep_ == "ccomp" and probe.head.head.i < probe.head.i \
                        and self.cue_lemma(probe.head.head) is not None:
                    probe = probe.head  # "Lee said he was ready and added …": "added" goes with "said"
                probe = probe.head
            else:
                break
        return None

    def someone(self, token: Token) -> bool:
        """A person or group, as far as the words show: a name, a personal pronoun, a plural noun
        ("allies", "some"), an actor mention (not "his speech", "more time")."""
        if token.pos_ == "PROPN" or token.lower_ in self.cues.object_pronouns and token.lower_ != "one":
            return True
        if token.pos_ == "PRON" or token.pos_ == "DET":
            return token.lower_ in self.cues.group_words
        return token.tag_ == "NNS" or self.mention_at((token.idx, token.idx + len(token.text))) is not None

    @staticmethod
    def clause_head(verb: Token) -> Token:
        """The verb a participle hangs on, through a preposition ("ended it by saying …")."""
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            return verb.head.head
        return verb.head

    def passive_or_subjectless(self, head: Token) -> bool:
        """The clause has no active subject, other than a document, that could be the one speaking
        ("was based on …", "leaked intelligence poses …")."""
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children):
            return True
        return all(c.lemma_.lower() in self.cues.documents for c in head.children if c.dep_ == "nsubj")

    def medium_of(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ in ("dative", "dobj") and child.pos_ in ("PROPN", "NOUN", "PRON"):
                if verb.lemma_.lower() in self.cues.addressee_verbs:
                    return child
            if child.dep_ == "prep" and child.lower_ == "to":
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        return grand
        return None

    def phrase(self, head: Token, exclude: set[int] | None = None) -> tuple[int, int]:
        """The whole phrase a token heads, cut at quotes (not a short quoted title inside it: "the
        author of “Going Home,” who …") and at the cue."""
        exclude = exclude or set()
        low, high = head.left_edge.idx, head.right_edge.idx + len(head.right_edge.text)
        titles = [q for q in self.quotes
                  if low <= q.start and q.end <= high and len(self.text[q.start:q.end].split()) <= TITLE_WORDS]
        tokens = [t for t in head.subtree if t.i not in exclude and (
            not t.is_quote or self.possessive_mark(t) or any(q.start <= t.idx < q.end for q in titles))]
        if not tokens:
            return head.idx, head.idx + len(head.text)
        # keep the contiguous run around the head
        run = [head]
        index = {t.i for t in tokens}
        left, right = head.i - 1, head.i + 1
        while left in index:
            run.append(self.doc[left])
            left -= 1
        while right in index:
            run.append(self.doc[right])
            right += 1
        return _trim(self.text, _char_span(run))

    def possessive_mark(self, token: Token) -> bool:
        """An apostrophe that makes a possessive ("Sanders’ campaign"), not a quote mark."""
        return token.text in ("’", "'") and token.i > 0 and not self.doc[token.i - 1].whitespace_ \
            and self.doc[token.i - 1].lower_.endswith("s") and bool(token.whitespace_) \
            and not self.in_quote(token) and token.i + 1 < len(self.doc) and self.doc[token.i + 1].pos_ in ("NOUN", "PROPN")

    def speaker_beside(self, verb: Token) -> Token | None:
        """The name next to a cue that follows a quote ("“…,” Rep. Ann Lee said", "“…,” said Ann
        Lee, a lawyer"), when the parser made a word of the quote its subject."""
        sentence = self.sentence[verb.i]
        before = [t for t in sentence if t.i < verb.i and not self.in_quote(t) and not t.is_punct]
        after = [t for t in sentence if t.i > verb.i and not self.in_quote(t) and not t.is_punct][:4]
        for group in (list(reversed(before))[:4], after):
            for token in group:
                if token.pos_ in ("PROPN", "NOUN", "PRON") and not token.is_quote:
                    head = token
                    while head.head.i != head.i and head.head.pos_ in ("PROPN", "NOUN") and head.dep_ in ("compound", "flat"):
                        head = head.head
                    if group is not after:  # "Rep. Ann Lee, Democrat of Ohio, said": the name, not the state
                        for _ in range(4):
                            up = head.head.head if head.dep_ == "pobj" and head.head.dep_ == "prep" else head.head
                            if head.dep_ in ("pobj", "appos", "conj") and up.i < head.i and up.pos_ in ("PROPN", "NOUN") \
                                    and not self.in_quote(up) and up.i in {t.i for t in sentence}:
                                head = up
                            else:
                                break
                    return head
                if token.pos_ in ("VERB", "AUX", "ADP", "SCONJ"):
                    break
        return None

    # -- a speaker the parser did not attach to its cue ----------------------------------------

    def finite(self, verb: Token) -> bool:
        """A tensed active cue ("said", "has said", "will say"), not a participle, a passive or an imperative."""
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
            return False  # "is expected to win": the subject is what is said about
        return verb.tag_ in ("VBD", "VBZ", "VBP") or any(
            c.dep_ == "aux" and c.tag_ in TENSED_TAGS for c in verb.children)

    def opens_noun_phrase(self, tokens: list[Token]) -> bool:
        """A comma-separated piece that starts like a name or a noun phrase ("Col. Ann Lee", "a
        young woman who …", "about 4 in 10"), not a date, a preposition or a clause."""
        first = tokens[0]
        if first.ent_type_ in ("DATE", "TIME") or first.tag_ in ("WDT", "WP", "WP$", "WRB", "EX"):
            return False
        if first.pos_ == "PRON":
            return first.lower_ in self.cues.personal_pronouns or first.tag_ == "PRP$"  # "her senior adviser"
        if first.pos_ == "ADV":  # "about two-thirds", "nearly 40 percent"
            return len(tokens) > 1 and tokens[1].pos_ == "NUM"
        return first.pos_ in ("DET", "PROPN", "NOUN", "NUM", "ADJ") and first.lower_ not in ("that", "this")

    @staticmethod
    def clause_pieces(pieces: list[list[Token]]) -> list[int]:
        """The pieces with a tensed verb of their own: not the one verb of a relative clause, which
        may come pieces later ("whose bakery, Sweet Rise, employs twelve people")."""
        found, relative = [], False
        for k, piece in enumerate(pieces):
            for token in piece:
                if token.tag_ in ("WDT", "WP", "WP$", "WRB") or token.lower_ == "that":
                    relative = True
                elif token.tag_ in TENSED_TAGS:
                    if not relative:
                        found.append(k)
                        break
                    relative = token.tag_ == "MD"  # "who will …" : the verb after the modal is its own
        return found

    @staticmethod
    def pieces_by_comma(tokens: list[Token]) -> list[list[Token]]:
        """The comma-separated pieces of a phrase (a comma inside parentheses does not cut)."""
        pieces: list[list[Token]] = [[]]
        depth = 0
        for token in tokens:
            depth += (token.text == "(") - (token.text == ")")
            if token.text == "," and depth <= 0:
                pieces.append([])
            else:
                pieces[-1].append(token)
        return [p for p in pieces if p]

    def stops_speaker(self, token: Token) -> bool:
        """A token a speaker's phrase does not run across: a quote, a colon or dash, a line break."""
        return (token.is_quote and not self.possessive_mark(token)) or self.in_quote(token) \
            or token.text in (":", ";", "—", "–", "--") or token.is_space and "\n" in token.text

    def speaker_near(self, verb: Token) -> tuple[tuple[int, int], Token] | None:
        """The speaker of a tensed cue the parser left without a subject: the noun phrase before it
        ("In a statement, Col. Ann Lee, a spokeswoman, said", "a woman who had studied there asked")
        or, after a quote or a comma, the one after it ("…,” added a Vermont Democrat, 54,")."""
        cue = sorted(self.cue_tokens(verb), key=lambda t: t.i)
        sentence = self.sentence[verb.i]
        before: list[Token] = []
        for i in range(cue[0].i - 1, sentence.start - 1, -1):
            if self.stops_speaker(self.doc[i]):
                break
            before.insert(0, self.doc[i])
        while before and (before[0].is_punct or before[0].dep_ == "cc"):
            before.pop(0)
        while before and before[-1].text == ",":
            before.pop()
        pieces = self.pieces_by_comma(before)
        while pieces and all(t.ent_type_ in ("DATE", "TIME") or t.is_punct for t in pieces[-1]):
            pieces.pop()  # "…, last week, said"
        clause = max(self.clause_pieces(pieces), default=-1)
        start = next((p for p in pieces[clause + 1:] if self.opens_noun_phrase(p)), None)
        if start is not None:
            phrase = [t for t in before if start[0].i <= t.i <= pieces[-1][-1].i]
            if len(phrase) <= 40:
                return _char_span(phrase), self.doc[start[0].i:start[-1].i + 1].root
        if cue[0].i == sentence.start or not (self.doc[cue[0].i - 1].is_punct or self.in_quote(self.doc[cue[0].i - 1])):
            return None
        after: list[Token] = []
        for i in range(cue[-1].i + 1, sentence.end):
            if self.stops_speaker(self.doc[i]):
                break
            after.append(self.doc[i])
        while after and after[-1].is_punct and after[-1].text not in ")":
            after.pop()
        pieces = self.pieces_by_comma(after)
        clauses = self.clause_pieces(pieces)
        if not pieces or not self.opens_noun_phrase(pieces[0]) or 0 in clauses:
            return None
        kept = [pieces[0]]
        for k, piece in enumerate(pieces[1:], start=1):  # ", a lawyer", ", 54", ", of Dayton", ", who …"; not ", smiling"
            if not (self.opens_noun_phrase(piece) or piece[0].tag_ in ("WP", "WP$") or piece[0].lower_ == "of") \
                    or k in clauses or any(t.tag_ == "VBG" for t in piece[:2]):
                break
            kept.append(piece)
        phrase = [t for t in after if kept[0][0].i <= t.i <= kept[-1][-1].i]
        if len(phrase) > 40:
            return None
        return _char_span(phrase), self.doc[pieces[0][0].i:pieces[0][-1].i + 1].root

    def title_before(self, start: int, subject: Token) -> int:
        """The start of a title the parser cut off a name ("Presumptive Democratic nominee Ann Lee",
        "Republican pollster Dan Shaw"): the words that open the sentence up to the name, when they
        are all adjectives and nouns, one of them a common noun."""
        first = self.doc.char_span(start, start + 1, alignment_mode="expand")
        if first is None or subject.pos_ != "PROPN" or first[0].pos_ != "PROPN":
            return start
        sentence = self.sentence[subject.i]
        words = [t for t in self.doc[sentence.start:first[0].i] if not t.is_space]
        if not words or len(words) > 6 or not any(t.pos_ == "NOUN" for t in words) or any(
                t.ent_type_ in ("DATE", "TIME") for t in words) or not all(
                t.pos_ in ("ADJ", "NOUN", "PROPN", "DET", "PART") or t.i == sentence.start and t.pos_ == "VERB" for t in words):
            return start  # (a sentence's first word may be taken for a verb: "Presumptive")
        return words[0].idx

    def speaker_phrase(self, subject: Token, verb: Token, exclude: set[int]) -> tuple[int, int]:
        """The speaker's phrase, inside the cue's paragraph: a live blog's time stamp ("4:40 p.m.")
        parsed as the subject of the next paragraph's "Rubio says …" gives way to the words that open
        the cue's paragraph."""
        begin, end = self.paragraph_bounds(self.paragraph_of(verb.idx))
        # a day the parser hung on the subject is the statement's, not the speaker's ("The commission on Friday said")
        exclude = exclude | {t.i for c in subject.children if c.i > subject.i and c.right_edge.i == subject.right_edge.i
                             and c.right_edge.i + 1 == subject.head.i and c.dep_ == "prep" and c.lower_ in ("on", "in")
                             and any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in c.children) for t in c.subtree}
        span = self.phrase(subject, exclude)
        for other in sorted((c for c in subject.head.children if c.dep_ in SUBJECT_DEPS and c.i < subject.i), key=lambda c: -c.i):
            before = self.phrase(other, exclude)
            gap = self.text[before[1]:span[0]]
            if gap.strip() not in (",", "and", ", and") and not self.one_subject(other, before, gap):
                break
            span = (before[0], span[1])  # "The crew, the pilots and their union have demanded": one subject
        span = (self.title_before(span[0], subject), span[1])
        dateline = DATELINE.match(self.text, span[0], span[1])
        if dateline is not None:  # "PARIS (Reuters) - Carla Ruiz said": the name after the dateline
            rest = _trim(self.text, (dateline.end(), span[1] if span[1] > dateline.end() else verb.idx))
            words = self.text[rest[0]:rest[1]].split()
            if rest[0] < rest[1] and rest[1] <= verb.idx and len(words) <= 12 \
                    and not any(ch in self.text[rest[0]:rest[1]] for ch in ",;:“”\""):
                span = rest
        if begin <= span[0] and span[1] <= end:
            return span
        if subject.idx < begin and begin < verb.idx:
            lead = _trim(self.text, (begin, verb.idx))
            words = self.text[lead[0]:lead[1]].split()
            if 0 < len(words) <= 12 and not any(ch in self.text[lead[0]:lead[1]] for ch in ",;:“”\""):
                return lead
        clipped = _trim(self.text, (max(span[0], begin), min(span[1], end)))
        return clipped if clipped[0] < clipped[1] else span

    def one_subject(self, other: Token, before: tuple[int, int], gap: str) -> bool:
        """Two subjects side by side are one phrase the parser split: "ex" "-" "wife", "Tennis great"
        "Billie Jean King" (not a relative pronoun before its clause's subject, "which she said", nor a
        dateline or a byline)."""
        if gap == "":
            return True
        words = self.text[before[0]:before[1]]
        return gap.isspace() and "\n" not in gap and other.lower_ not in self.cues.relative_pronouns \
            and not any(ch in words for ch in "()—")

    def outside_quotes(self, head: Token) -> bool:
        """Some of the words a token heads are outside quote marks ("The club's investment, she
        said, ''is a perfect example''" - the verb is quoted, its subject is not)."""
        return any(not t.is_punct and not self.in_quote(t) for t in head.subtree if t.i < head.i) \
            or not self.in_quote(head)

    def in_quote(self, token: Token) -> bool:
        return any(s < token.idx < e for q in self.quotes for s, e in q.pieces)

    def anonymity_request(self, verb: Token) -> Token | None:
        """The "not to be named" of "an official who asked not to be named": a condition of the
        speaker's, no statement."""
        return next((c for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() in self.cues.anonymity_verbs
                     and any(g.dep_ == "neg" for g in c.children) and any(g.dep_ == "auxpass" for g in c.children)), None)

    def find_cue_statements(self) -> None:
        for token in self.candidates(self.cues.verbs):
            lemma = self.cue_lemma(token)
            if lemma is None or self.in_quote(token):  # speech reported inside a quote is not ours
                continue
            if self.anonymity_request(token) is not None:
                continue  # "who asked not to be named", "requested not to be identified"
            if self.find_after_anonymity(token, lemma):
                continue
            if token.dep_ == "xcomp" and token.head.lemma_.lower() in self.cues.impression_verbs \
                    and token.head.pos_ in ("VERB", "AUX") and self.doc[token.i - 1].lower_ == "to" and token.i - 2 == token.head.i:
                continue  # "seemed to blame …": one impression of saying, its cue from "seemed" (find_impressions)
            if lemma in self.cues.preposition_cues:  # "railed against the quotas": only with its preposition
                clause = self.preposition_object(token, lemma)
                if clause:
                    pieces = self.content_pieces(token, [t for c in clause for t in c.subtree])
                    if pieces and self.speaker_of(token) is not None:
                        self.add_draft(token, pieces, direct=False, rule=f"cue:{lemma}", confidence=0.6)
                continue
            clause = [c for c in token.children if c.dep_ in CLAUSE_DEPS or c.dep_ == "advcl" and c.i > token.i
                      and lemma in self.cues.questioned_verbs  # "asked if he would run": the question
                      and any(g.dep_ == "mark" and g.lower_ in ("if", "whether") for g in c.children)]
            if lemma in self.cues.person_object_verbs and lemma not in self.cues.object_verbs:
                # "Clinton attacked Trump": speech only when a person does it (not "the rebels attacked a base")
                subject = self.speaker_of(token)
                objects = [c for c in token.children if c.dep_ == "dobj"]
                if subject is None or not objects or not self.person_attack(subject, objects[0]):
                    continue
                clause = [objects[0]] + [c for c in token.children if c.i > objects[0].i and c.dep_ == "prep"
                                         and c.lower_ in self.cues.object_complements]
                pieces = self.content_pieces(token, [t for c in clause for t in c.subtree])
                if pieces:
                    self.add_draft(token, pieces, direct=False, rule=f"cue:{lemma}", confidence=0.5)
                continue
            if not clause:  # "says in a statement that …": the parser hangs the clause on "statement"
                clause = [g for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "in" and prep.i > token.i
                          for setting in prep.children if setting.dep_ == "pobj" and setting.lemma_.lower() in self.cues.cue_settings
                          for g in setting.children if g.dep_ in ("acl", "ccomp") and g.i > setting.i
                          and any(m.dep_ == "mark" and m.lower_ == "that" for m in g.children)][:1]
            if not clause and (lemma in self.cues.object_verbs or lemma in self.cues.phrasal
                               or lemma in self.cues.naming_verbs or lemma in self.cues.as_verbs
                               or lemma in self.cues.document_object_verbs):
                clause = self.spoken_object(token, lemma)
            if not clause:  # "75 percent said yes", "half said so"
                clause = [c for c in token.children if c.i == token.i + 1 and c.dep_ in ("intj", "advmod", "dobj")
                          and c.lower_ in self.cues.answer_words]
            if clause and lemma in self.cues.not_cue_frames and {c.dep_ for c in clause} <= self.cues.not_cue_frames[lemma]:
                continue  # "the lead continues to grow", "we will see whether …"
            parenthetical = False
            if not clause and token.dep_ in ("parataxis", "advcl") and token.head.pos_ in ("VERB", "AUX") \
                    and any(c.dep_ in SUBJECT_DEPS for c in token.children) and self.outside_quotes(token.head) \
                    and not (any(c.dep_ == "mark" and c.lower_ != "as" for c in token.children)
                             and any(c.dep_ == "nsubjpass" for c in token.children)):  # (not "although a decision is not expected")
                # "…, he said, local officials should be vigilant": the cue inside the clause it reports
                parenthetical = True
            if not clause and not parenthetical:
                continue
            if parenthetical:
                content_tokens = _around(token)
            else:
                content_tokens = [t for c in clause for t in c.subtree]
                # passive: what is said is about the subject ("Clinton is expected to win")
                content_tokens += [t for c in token.children if c.dep_ == "nsubjpass" for t in c.subtree]
            if lemma in self.cues.urge_verbs and not any(c.dep_ in ("ccomp", "advcl") for c in clause) \
                    and not any(c.dep_ in ("pobj", "pcomp") for c in clause):
                if any(c.dep_ == "auxpass" for c in token.children) or (
                    token.tag_ == "VBN" and not any(c.dep_ in SUBJECT_DEPS for c in token.children)
                ):
                    continue  # "when asked to comment": no one urged anything here
                # "urged Washington to make a plan": the object and its infinitive are the content
                objects = [c for c in token.children if c.dep_ == "dobj"]
                content_tokens = [t for c in objects + clause for t in c.subtree]
            pieces = self.content_pieces(token, content_tokens)
            if pieces and not parenthetical and any(c.dep_ == "ccomp" for c in clause):
                pieces[-1] = self.to_sentence_end(token, pieces[-1])
            if pieces:
                self.add_draft(token, pieces, direct=False, rule=f"cue:{lemma}", confidence=0.7)

    def find_after_anonymity(self, verb: Token, lemma: str) -> bool:
        """ "A police officer who asked not to be named said, however, that …": the parser hangs
        "said" on "named" and its clause on "asked"; the officer says the clause."""
        request = verb.head
        asker = request.head
        if verb.dep_ in SUBJECT_DEPS or request.i == verb.i or self.anonymity_request(asker) is None \
                or self.anonymity_request(asker).i != request.i or asker.dep_ != "relcl":
            return False
        clause = [c for c in asker.children if c.dep_ == "ccomp" and c.i > verb.i] + \
            [c for c in verb.children if c.dep_ in CLAUSE_DEPS and c.i > verb.i]
        pieces = self.content_pieces(verb, [t for c in clause for t in c.subtree])
        if not pieces:
            return False
        index = self.add_draft(verb, pieces, direct=False, rule=f"cue:{lemma}", confidence=0.6)
        noun = asker.head
        self.drafts[index].speaker_span = self.phrase(noun, {t.i for t in self.doc[verb.i:verb.right_edge.i + 1]} |
                                                      {t.i for c in clause for t in c.subtree})
        return True

    def person_attack(self, subject: Token, obj: Token) -> bool:
        """A person on one side of "attacked" makes it speech: a person ("Clinton attacked Trump",
        "the nominee attacked his record") or a person attacked by anyone but an armed force ("the
        ad attacks the senator as …", not "troops attacked them")."""
        person = subject.ent_type_ in ("PERSON", "NORP") or subject.lower_ in self.cues.personal_pronouns \
            or subject.lemma_.lower() in self.cues.person_nouns
        if person:
            return obj.ent_type_ in ("PERSON", "ORG", "NORP") or obj.lower_ in self.cues.object_pronouns or obj.pos_ == "NOUN"
        index = self.mention_at((subject.idx, subject.idx + len(subject.text)))
        armed = index is not None and self.mentions[index].sector in self.cues.armed_sectors
        return not armed and (obj.ent_type_ == "PERSON" or obj.lower_ in self.cues.object_pronouns)

    def preposition_object(self, verb: Token, lemma: str) -> list[Token]:
        """The object of the preposition right after the verb or its particle ("lashed out at X")."""
        particles = self.cues.phrasal.get(lemma, frozenset())
        at = verb.i + 1
        if at < len(self.doc) and self.doc[at].dep_ == "prt" and self.doc[at].head.i == verb.i:
            at += 1
        for child in verb.children:
            if child.i == at and child.dep_ == "prep" and child.lower_ in particles:
                return [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
        return []

    def to_sentence_end(self, verb: Token, piece: tuple[int, int]) -> tuple[int, int]:
        """A reported clause goes on past a conjunction to the end of its sentence ("said the process
        was fair, but required candidates to …"), stopping before another cue ("…, adding …"), a
        quote or a semicolon."""
        sentence = self.sentence[verb.i]
        span = self.doc.char_span(piece[0], piece[1], alignment_mode="expand")
        if piece[0] < verb.idx or span is None or span.end >= sentence.end:
            return piece
        rest = [t for t in self.doc[span.end:sentence.end]]
        while rest and rest[0].text == ",":
            rest.pop(0)
        if not rest or rest[0].dep_ != "cc":
            return piece
        end = piece[1]
        for token in rest:
            if token.is_quote or self.cue_lemma(token) is not None or token.text in (";", ":"):
                break
            if token.dep_ in SUBJECT_DEPS and token.head.dep_ == "conj" and token.head.head.i == verb.i \
                    and self.cue_lemma(token.head) is not None:
                break  # "said X, but Cook did not say when": another cue, with a subject of its own
            if not token.is_punct and not token.is_space and token.dep_ != "cc":
                end = token.idx + len(token.text)
        return piece[0], end

    def spoken_object(self, verb: Token, lemma: str) -> list[Token]:
        """The object of an object cue: "criticized the deal", "called for a ceasefire"."""
        if verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
                and not self.purpose_infinitive(verb, lemma) \
                and not (lemma in self.cues.as_verbs and verb.dep_ == "xcomp" and self.seen_as(verb)):
            return []  # "wants to support X": a wish, not yet something said ("tried to paint him as …" is said)
        subject = self.speaker_of(verb)
        particles = self.cues.phrasal.get(lemma, frozenset())
        if subject is None and verb.tag_ == "VBN" and lemma in self.cues.questioned_verbs:
            # "when asked about the deal", "was asked about the case": a question, its asker unnamed
            for child in verb.children:
                if child.dep_ == "prep" and child.lower_ in particles and child.i == verb.i + 1:
                    return [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
        if subject is None or subject.pos_ not in ("PROPN", "PRON", "NOUN"):
            return []
        if lemma in self.cues.document_object_verbs and subject.lemma_.lower() in self.cues.documents:
            # "a poll showed a slimmer lead for Clinton": what a document shows is its object
            objects = [c for c in verb.children if c.dep_ == "dobj"]
            if objects:
                return objects + [c for c in verb.children if c.i > objects[0].i and c.dep_ == "prep"
                                  and c.lower_ in self.cues.object_complements]
        if lemma in self.cues.as_verbs:  # "sees Cruz as a uniter": the object and what it is seen as
            seen = self.seen_as(verb)
            if seen:
                return seen
        if lemma in self.cues.naming_verbs:  # "called the statement “offensive”"
            named = [c for c in verb.children if c.dep_ in ("oprd", "acomp")]
            if named:  # the thing named and what it is called
                return [c for c in verb.children if c.dep_ == "dobj" and c.i < named[0].i] + named
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if obj is not None and lemma not in self.cues.object_verbs and (
                    any(c.dep_ == "appos" for c in obj.children) or any(t.is_quote for t in obj.subtree)
                    or self.text[obj.right_edge.idx + len(obj.right_edge.text):][:3].lstrip()[:1] in DOUBLE_OPEN):
                # "called Yanukovych an outstanding leader", "called the plan “quite dangerous”"
                return [obj] + [c for c in verb.children if c.i > obj.i and c.dep_ in ("dep", "attr", "xcomp", "ccomp")]
        for child in verb.children:
            if child.dep_ == "dobj" and lemma in self.cues.object_verbs:
                # "slammed the media for continuing …", "accused the department of …": the object's
                # complement after it belongs to what was said
                return [child] + [c for c in verb.children if c.i > child.i and c.dep_ in OBJECT_TAIL_DEPS]
            if child.dep_ == "prep" and child.lower_ in particles:
                objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
                if objects:
                    return objects
            if child.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in particles and g.i == verb.i + 1
                                             for g in child.children):
                return [child]  # "called for the United States to take a stronger role"
        return []

    @staticmethod
    def seen_as(verb: Token) -> list[Token]:
        """The object of a verb of seeing as and its "as" phrase, however the parser hangs "as": on the
        verb ("sees Cruz as a uniter"), on the object or a clause inside it ("see the vote set for May
        as a test"), or as the head of a clause of its own ("sees the mayor as trapped by her party",
        "view her as far better prepared"); not a clause with its own subject ("painted a grim picture
        of the city as she opened the session": a time)."""
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None:
            return []
        for child in verb.children:
            if child.i <= obj.i:
                continue
            if child.dep_ == "prep" and child.lower_ == "as":
                return [obj, child]
            if child.dep_ == "advcl" and not any(g.dep_ in SUBJECT_DEPS for g in child.children) and any(
                    g.lower_ == "as" and g.dep_ in ("mark", "advmod", "prep") and g.i < child.i for g in child.children):
                return [obj, child]
        inside = next((t for t in obj.subtree if t.lower_ == "as" and t.dep_ == "prep" and t.head.i != obj.i
                       and t.head.dep_ in ("acl", "relcl") and t.head.head.i == obj.i), None)
        if inside is not None or any(c.dep_ == "prep" and c.lower_ == "as" for c in obj.children):
            return [obj]  # "see the vote set for May as a test", "see it as crucial"
        return []

    def purpose_infinitive(self, verb: Token, lemma: str) -> bool:
        """An object cue as what the subject did something for ("took to social media to accuse the
        council", "went on the radio to defend the plan", "held a call to praise the deal"): said,
        not just wished."""
        if lemma in self.cues.purpose_skip or verb.head.i == verb.i:
            return False
        head = verb.head.lemma_.lower()
        if verb.dep_ == "advcl":
            return head not in self.cues.verbs
        return verb.dep_ == "xcomp" and head in self.cues.purpose_heads

    def content_pieces(self, verb: Token, content_tokens: list[Token], keep_subject: bool = False) -> list[tuple[int, int]]:
        """The content as runs of consecutive tokens, leaving out the cue and its speaker
        ("“X,” she said, “Y”" gives two pieces)."""
        subject = None if keep_subject else self.speaker_of(verb)
        skip = {t.i for t in self.cue_tokens(verb)}
        if subject is not None and subject.head.i == verb.i:
            skip |= {t.i for t in subject.subtree}
        for token in content_tokens:  # "said X, arguing Y": the participle's words are its own statement
            if token.dep_ == "advcl" and token.i > verb.i and (outer := self.reporting_cue(token)) is not None \
                    and outer.i <= verb.i:  # (also out of a clause inside it: "… that the army planned to withdraw, describing …")
                skip |= {t.i for t in token.subtree}
        begin, end = self.paragraph_bounds(self.paragraph_of(verb.idx))
        # what is said stays in the cue's paragraph (the parser sometimes runs a sentence on into the next)
        keep = sorted({t.i for t in content_tokens if begin <= t.idx < end} - skip) \
            or sorted({t.i for t in content_tokens} - skip)  # "… said:" ending a paragraph, the content in the next
        runs: list[list[int]] = []
        for i in keep:
            if runs and i == runs[-1][-1] + 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        pieces = []
        for run in runs:
            tokens = [self.doc[i] for i in run]
            while tokens and tokens[-1].is_punct and not tokens[-1].is_quote:
                tokens.pop()
            while tokens and tokens[0].is_punct and not tokens[0].is_quote:
                tokens.pop(0)
            if any(not t.is_punct for t in tokens):
                pieces.append(_trim(self.text, _char_span(tokens)))
        return pieces

    def add_draft(self, verb: Token, content: list[tuple[int, int]], *, direct: bool, rule: str,
                  confidence: float, kind: str = "speech") -> int:
        cue = self.cue_tokens(verb)
        cue_start, cue_end = _char_span(cue)
        draft = _Draft(
            cue=verb, content=content, direct=direct, kind=kind, cue_span=(cue_start, cue_end),
            cue_text=self.text[cue_start:cue_end],
            negated=any(t.dep_ == "neg" for t in cue), stance=self.cues.verbs.get(verb.lemma_.lower(), "neutral"),
            rule=rule, confidence=confidence,
        )
        subject = self.speaker_of(verb)
        beside = subject is not None and self.in_quote(subject) and not self.in_quote(verb)
        if beside:
            subject = self.speaker_beside(verb)  # the parser took a word of the quote for the speaker
        if subject is None and verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX") \
                and verb.head.lower_ != "for":
            # "she ended the speech by saying …": who ended it says it (not "blamed him for saying …")
            subject = self.speaker_of(verb.head.head)
            if subject is None:  # "after saying her foot was swollen, she was rushed to …": she said it
                subject = next((c for c in verb.head.head.children if c.dep_ == "nsubjpass" and self.someone(c)
                                or c.dep_ == "nsubjpass" and c.lower_ in self.cues.personal_pronouns), None)
            if subject is not None and subject.lower_ == "it":
                subject = None  # "it goes without saying"
        near = self.speaker_near(verb) if subject is None and self.finite(verb) else None
        if near is not None:
            draft.speaker_span, subject = near
            draft.content = [piece for c in content for piece in _outside(self.text, c, near[0])]
        elif subject is not None:
            exclude = {t.i for t in cue}
            for s, e in content:
                span = self.doc.char_span(s, e, alignment_mode="contract")
                if span is not None:
                    # (a parse that took the quote for the subject's clause puts the name in that
                    # clause too: only the quoted words are left out of the name's phrase)
                    exclude.update(t.i for t in span if not beside or self.in_quote(t) or t.is_quote)
            draft.speaker_span = self.speaker_phrase(subject, verb, exclude)
        if subject is not None and (subject.lemma_.lower() in self.cues.documents or subject.lower_ in self.cues.documents):
            draft.kind = "document"
        medium = self.medium_of(verb)
        if medium is not None:
            draft.medium_span = self.phrase(medium)
        self.by_cue[verb.i] = len(self.drafts)
        self.drafts.append(draft)
        return len(self.drafts) - 1

    def find_clauses_read_as_relative(self) -> None:
        """ "He told a meeting of island leaders that few people understood …", "said at a news
        conference that he may wait …": the parser hangs the reported "that" clause on the last
        noun as a relative clause. A relative clause opened by "that" as a conjunction (not its
        subject or object) and with a subject of its own, on the cue's object or on a noun of its
        prepositional phrases, is what the cue reports when the cue has no clause of its own."""
        for token in self.candidates(self.cues.verbs):
            lemma = self.cue_lemma(token)
            if lemma is None or token.i in self.by_cue or self.in_quote(token) \
                    or any(c.dep_ in CLAUSE_DEPS for c in token.children):
                continue
            nouns = [c for c in token.children if c.dep_ == "dobj" and c.i > token.i]
            nouns += [g for c in token.children if c.dep_ == "prep" and c.i > token.i
                      for g in c.children if g.dep_ == "pobj"]
            nouns += [g for n in list(nouns) for c in n.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
            for noun in nouns:
                # "that" as the clause's object is a relative pronoun ("the plan that the council
                # adopted"), unless the noun is a setting of speech ("a news conference that he …")
                named = {noun.lemma_.lower()} | {f"{c.lower_} {noun.lemma_.lower()}" for c in noun.children if c.dep_ == "compound"}
                opener = ("mark", "dobj") if named & self.cues.cue_settings else ("mark",)
                clause = next((c for c in noun.children if c.dep_ in ("relcl", "acl") and c.i > noun.i
                               and any(g.dep_ in opener and g.lower_ == "that" and g.i == c.left_edge.i for g in c.children)
                               and any(g.dep_ in ("nsubj", "nsubjpass") and g.lower_ != "that" for g in c.children)), None)
                if clause is None:
                    continue
                pieces = self.content_pieces(token, list(clause.subtree))
                if pieces:
                    self.add_draft(token, pieces, direct=False, rule=f"cue:{lemma}", confidence=0.6)
                break

    def find_clauses_read_as_root(self) -> None:
        """ "Two outlets reported on Tuesday, citing officials in the capital, that the talks had
        stalled": with a phrase between the cue and its "that" clause, the parser takes the clause
        for the sentence's main clause. A root clause opened by ", that" is what the first tensed
        cue before it reports when that cue has no clause of its own."""
        for sentence in self.doc.sents:
            root = sentence.root
            mark = next((c for c in root.children if c.dep_ == "mark" and c.lower_ == "that" and c.i > sentence.start + 2
                         and self.doc[c.i - 1].text == ","), None)
            if mark is None or root.pos_ not in ("VERB", "AUX") or self.in_quote(root):
                continue
            verb = next((t for t in self.doc[sentence.start:mark.i] if t.pos_ == "VERB" and t.tag_ in TENSED_TAGS + ("VBN",)
                         and self.cue_lemma(t) is not None), None)
            if verb is None or verb.i in self.by_cue or self.in_quote(verb) \
                    or any(c.dep_ in CLAUSE_DEPS for c in verb.children):
                continue
            pieces = self.content_pieces(verb, [t for t in root.subtree if t.i >= mark.i])
            if pieces:
                index = self.add_draft(verb, pieces, direct=False, rule=f"cue:{self.cue_lemma(verb)}", confidence=0.6)
                self.root_clause_cues.add(verb.i)
                if verb.dep_ == "acl" and self.drafts[index].speaker_span is None:  # the noun it hangs on reports
                    self.drafts[index].speaker_span = self.phrase(verb.head, {t.i for t in verb.subtree})

    def find_trailing_documents(self) -> None:
        """ "Bush lent his campaign money last month, fundraising documents show.": a document that
        closes its sentence with show / suggest / indicate is the source of what comes before."""
        for sentence in self.doc.sents:
            words = [t for t in sentence if not t.is_space]
            while words and words[-1].is_punct and not words[-1].is_quote:
                words.pop()
            if len(words) < 6 or words[-1].lower_ not in self.cues.trailing_document_verbs:  # (the parser may take it for a noun)
                continue
            verb = words[-1]
            comma = next((k for k in range(len(words) - 2, max(len(words) - 11, 0), -1) if words[k].text == ","), None)
            if comma is None or comma < 4:
                continue
            phrase = words[comma + 1:-1]
            if not phrase or not any(t.lemma_.lower() in self.cues.documents or t.lower_ in self.cues.documents
                                     or t.lemma_.lower() in self.cues.trailing_document_nouns for t in phrase if t.pos_ == "NOUN") \
                    or any(t.is_quote or t.tag_ in TENSED_TAGS for t in phrase) or self.in_quote(verb):
                continue
            source = _trim(self.text, _char_span(phrase))
            index = self.by_cue.get(verb.i)
            if index is not None:
                if self.drafts[index].speaker_span is None:
                    self.drafts[index].speaker_span = source
                continue
            content = _trim(self.text, _char_span(words[:comma]))
            if content[0] >= content[1]:
                continue
            self.by_cue[verb.i] = len(self.drafts)
            self.drafts.append(_Draft(cue=verb, content=[content], direct=False, kind="document",
                                      cue_span=(verb.idx, verb.idx + len(verb.text)), cue_text=verb.text,
                                      speaker_span=source, rule="trailing-document",
                                      confidence=0.6))

    def find_impressions(self) -> None:
        """ "the governor seemed to be losing ground", "it appears that …": an impression with no one
        said to hold it; what seems so is the subject with the verb's clause."""
        for token in self.candidates(self.cues.impression_verbs):
            if token.lemma_.lower() not in self.cues.impression_verbs or token.pos_ not in ("VERB", "AUX") \
                    or token.i in self.by_cue or self.in_quote(token):
                continue
            clause = [c for c in token.children if c.dep_ in ("xcomp", "ccomp", "acomp", "oprd")]
            if not clause:
                continue  # "appeared on television"
            subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS and c.lower_ not in ("it", "there")]
            content_tokens = [t for c in subjects + clause for t in c.subtree]
            said = self.reported_infinitive(token)
            cue = self.cue_tokens(token) + said
            skip = {t.i for t in cue}
            if said and subjects and self.says_seemingly(subjects[0], said[1]):
                self.add_seeming_statement(token, cue, subjects[0], [t for t in content_tokens if t.i not in skip])
                continue
            pieces = self.content_pieces(token, [t for t in content_tokens if t.i not in skip], keep_subject=True)
            if not pieces:
                continue
            # "Rubio seemed to urge the opposite": an impression of saying, whose subject (a name or a
            # short phrase for someone) is the one who seemed to urge it
            speaker = subjects[0] if said and subjects and self.someone(subjects[0]) \
                and len(list(subjects[0].subtree)) <= IMPRESSION_SPEAKER_TOKENS else None
            own = [t for t in content_tokens if t.i not in skip and speaker is not None and t not in list(speaker.subtree)]
            own_pieces = self.content_pieces(token, own, keep_subject=True) if speaker is not None else []
            self.add_impression(token, cue, own_pieces or pieces, f"impression:{token.lemma_.lower()}")
            if own_pieces:
                self.drafts[-1].speaker_span = self.phrase(speaker, skip)
                self.drafts[-1].flags = []

    def says_seemingly(self, subject: Token, said: Token) -> bool:
        """ "Senator Holt seemed to confirm that …", "the memo appears to show …": a name, a pronoun
        or a document that seems to say something says it (PolNeAR's source); not "the issue seems
        to be echoing …", "coal use appears to have declined" (measured on PolNeAR train)."""
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ != "to" for c in said.children):
            return False
        return subject.pos_ in ("PROPN", "PRON") or subject.lemma_.lower() in self.cues.documents

    def add_seeming_statement(self, token: Token, cue: list[Token], subject: Token, content_tokens: list[Token]) -> None:
        """A statement whose cue is "seemed to confirm" and the like: the subject is the speaker and
        is left out of the content."""
        own = {t.i for t in subject.subtree}
        pieces = self.content_pieces(token, [t for t in content_tokens if t.i not in own], keep_subject=True)
        if not pieces:
            return
        cue_start, cue_end = _char_span(cue)
        self.by_cue[token.i] = len(self.drafts)
        self.drafts.append(_Draft(cue=token, content=pieces, direct=False, kind="speech",
                                  cue_span=(cue_start, cue_end), cue_text=self.text[cue_start:cue_end],
                                  negated=any(t.dep_ == "neg" for t in cue),
                                  speaker_span=self.speaker_phrase(subject, token, {t.i for t in cue}),
                                  rule=f"impression-said:{token.lemma_.lower()}", confidence=0.4))

    def reported_infinitive(self, token: Token) -> list[Token]:
        """ "seemed to blame …", "appears to confirm …": an impression of saying; the verb of saying in
        the infinitive is part of the cue (PolNeAR's)."""
        for child in token.children:
            to = [c for c in child.children if c.dep_ == "aux" and c.lower_ == "to" and c.i == token.i + 1]
            if child.dep_ == "xcomp" and to and self.cue_lemma(child) is not None:
                return [to[0], child] + [c for c in child.children if c.dep_ == "prt"]
        return []

    def add_impression(self, token: Token, cue: list[Token], pieces: list[tuple[int, int]], rule: str) -> None:
        """An impression with no one named as its holder ("it seems that …", "is seen as …")."""
        cue_start, cue_end = _char_span(cue)
        self.by_cue[token.i] = len(self.drafts)
        self.drafts.append(_Draft(cue=token, content=pieces, direct=False, kind="impression",
                                  cue_span=(cue_start, cue_end), cue_text=self.text[cue_start:cue_end],
                                  negated=any(t.dep_ == "neg" for t in cue), rule=rule,
                                  confidence=0.4, flags=["no-speaker"]))

    def find_passive_as(self) -> None:
        """ "Rubio is widely seen as the more electable choice", "a district known as the Flats": what
        something is seen as, by no one named; the content is the thing and what it is seen as."""
        for token in self.candidates(self.cues.passive_as_verbs):
            if token.lemma_.lower() not in self.cues.passive_as_verbs or token.tag_ != "VBN" \
                    or token.i in self.by_cue or self.in_quote(token):
                continue
            as_prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > token.i), None)
            if as_prep is None or not any(g.dep_ in ("pobj", "pcomp") for g in as_prep.children):
                continue
            if any(c.dep_ in ("nsubj", "agent") for c in token.children):
                continue  # "she sees him as …" is `find_cue_statements`; "seen as … by voters" has a source
            subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
            if subject is not None:
                thing = list(subject.subtree)
            elif token.dep_ == "acl" and token.head.i < token.i:  # "a district known as …"
                thing = [t for t in token.head.subtree if t.i < token.i and not t.is_punct]
                thing = [t for t in thing if t.i >= token.head.left_edge.i]
            else:
                continue
            cue = [c for c in token.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < token.i]
            cue += [c for c in token.children if c.dep_ == "advmod" and c.i == token.i - 1]
            cue += [token, as_prep]
            content = thing + [t for g in as_prep.children if g.dep_ in ("pobj", "pcomp") for t in g.subtree]
            skip = {t.i for t in cue}
            pieces = self.content_pieces(token, [t for t in content if t.i not in skip], keep_subject=True)
            if not pieces:
                continue
            self.add_impression(token, cue, pieces, f"passive-as:{token.lemma_.lower()}")

    def find_passive_agent(self) -> None:
        """ "The merger was first reported by a local paper", "she has been called a fraud by her
        colleagues": a passive cue with no clause, its "by" agent the speaker; what is said is about
        the subject (with what it is called, or the cue's "as"/"for" phrase)."""
        for token in self.candidates(self.cues.verbs):
            lemma = self.cue_lemma(token)
            if lemma is None or token.i in self.by_cue or self.in_quote(token) \
                    or self.cues.verbs[lemma] in self.cues.passive_agent_stances or lemma in self.cues.passive_agent_skip:
                continue
            kids = list(token.children)
            subject = next((c for c in kids if c.dep_ == "nsubjpass"), None)
            agent = next((c for c in kids if c.dep_ == "agent" and any(g.dep_ == "pobj" for g in c.children)), None)
            if subject is None or agent is None or any(c.dep_ in CLAUSE_DEPS and c.dep_ != "xcomp" for c in kids):
                continue
            by = next(g for g in agent.children if g.dep_ == "pobj")
            if lemma in self.cues.person_object_verbs and not self.person_attack(by, subject):
                continue  # "troops were attacked by fighters": an assault, not words
            tails = [c for c in kids if c.dep_ in ("oprd", "xcomp") or c.dep_ == "prep" and c.i > token.i
                     and c.lower_ in self.cues.object_complements]
            pieces = self.content_pieces(token, [t for c in [subject] + tails for t in c.subtree])
            if pieces:
                self.add_draft(token, pieces, direct=False, rule=f"passive-agent:{lemma}", confidence=0.5)

    def find_phrase_cues(self) -> None:
        """ "made it clear that …", "made no secret of …", "as she put it, …": a verb and its fixed
        object make the cue; the content is the clause (or the preposition's object) they govern,
        or, for a cue inside the sentence it reports, the rest of that sentence."""
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.cues.phrase_cues:
            by_first.setdefault(phrase[0], []).append(phrase)
        for token in self.candidates(by_first):
            if token.pos_ not in ("VERB", "AUX") or self.in_quote(token):
                continue
            words = [t.lower_ for t in self.doc[token.i + 1:token.i + 6]]
            phrase = next((p for p in by_first.get(token.lemma_.lower(), ()) if tuple(words[:len(p) - 1]) == p[1:]), None)
            if phrase is None:
                continue
            span = self.doc[token.i:token.i + len(phrase)]
            inside = {t.i for t in span}
            # (the parser takes the clause of "made clear that …" for a clausal subject of "clear", and a
            # clause with no "that" for an adverbial one: "made it clear the remark hurt")
            clause = [c for t in span for c in t.children if c.i not in inside and c.i > span.end - 1 and (
                c.dep_ in ("ccomp", "pobj", "pcomp", "csubj")
                or c.dep_ == "advcl" and (any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
                                          or any(g.dep_ == "nsubj" for g in c.children)
                                          and not any(g.dep_ == "mark" for g in c.children)))]
            if token.i in self.by_cue:  # "expressed concern about …" found as an object cue: the phrase is the cue
                draft = self.drafts[self.by_cue[token.i]]
                if draft.cue == token and clause:  # (a Token is made anew on each access: ==, not "is")
                    pieces = self.content_pieces(token, [t for c in clause for t in c.subtree if t.i not in inside])
                    if pieces:
                        draft.content = pieces
                        draft.cue_span = _char_span(self.cue_tokens(token) + list(span))
                        draft.cue_text = self.text[draft.cue_span[0]:draft.cue_span[1]]
                continue
            parenthetical = False
            if not clause and token.dep_ in ("advcl", "parataxis") and token.head.i != token.i and (
                    not self.in_quote(token.head) or any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children)):
                parenthetical = True  # "as Smith put it, the plan is dead"; "as Smith put it: “The plan is dead.”"
            if not clause and not parenthetical:
                continue
            subject = self.speaker_of(token)
            if subject is None:
                continue
            if parenthetical:
                content_tokens = _around(token)
            else:
                content_tokens = [t for c in clause for t in c.subtree]
            pieces = self.content_pieces(token, [t for t in content_tokens if t.i not in inside])
            if not pieces:
                continue
            index = self.add_draft(token, pieces, direct=False, rule=f"phrase:{' '.join(phrase)}", confidence=0.6)
            draft = self.drafts[index]
            cue = self.cue_tokens(token) + list(span)
            draft.cue_span = _char_span(cue)
            draft.cue_text = self.text[draft.cue_span[0]:draft.cue_span[1]]

    def find_copula_statements(self) -> None:
        """ "Rubio's answer was that the family comes first", "the key question is whether …": a noun
        of speech or thought as the subject of "be"; its owner is the source, the noun with "be" the
        cue, the clause (or a quote) after "be" the content."""
        for token in self.candidates(("be",)):
            if token.lemma_ != "be" or token.i in self.by_cue or self.in_quote(token):
                continue
            noun = next((c for c in token.children if c.dep_ == "nsubj" and c.i < token.i
                         and c.lemma_.lower() in self.cues.copula_nouns and c.pos_ == "NOUN"), None)
            if noun is None:
                continue
            complement = next((c for c in token.children if c.i > token.i and (
                c.dep_ in ("ccomp", "xcomp") or c.dep_ == "attr"
                and any(ch in DOUBLE_OPEN for ch in self.text[token.idx + len(token.text):c.left_edge.idx + 1]))), None)
            if complement is None:
                continue
            owner = next((c for c in noun.children if c.dep_ == "poss"), None)
            own = {t.i for t in owner.subtree} if owner is not None else set()
            cue = [t for t in noun.subtree if t.i not in own and t.i <= noun.i] + [token]
            cue += [c for c in token.children if c.dep_ in ("aux", "neg") and c.i < token.i]
            tokens = list(complement.subtree)
            before = self.doc[tokens[0].i - 1] if tokens[0].i > 0 else None
            if before is not None and before.is_quote and before.i > token.i:
                tokens.insert(0, before)  # the opening quote mark hangs on the verb
            pieces = [_trim(self.text, _char_span(tokens))]
            if pieces[0][0] >= pieces[0][1]:
                continue
            cue_start, cue_end = _char_span(cue)
            self.by_cue[token.i] = len(self.drafts)
            self.drafts.append(_Draft(cue=None, content=pieces, direct=False, kind="speech",
                                      cue_span=(cue_start, cue_end), cue_text=self.text[cue_start:cue_end],
                                      speaker_span=self.phrase(owner, {t.i for t in cue}) if owner is not None else None,
                                      rule=f"copula:{noun.lemma_.lower()}", confidence=0.5,
                                      flags=[] if owner is not None else ["no-speaker"]))

    def set_cue(self, index: int, tokens: list[Token]) -> None:
        """A draft's cue widened to ``tokens`` ("were critical of", "issued a statement saying")."""
        draft = self.drafts[index]
        draft.cue_span = _char_span(tokens)
        draft.cue_text = self.text[slice(*draft.cue_span)]

    def find_attitude_statements(self) -> None:
        """ "Republicans were critical of the deal", "she is confident that …", "he was eager to …": an
        adjective of attitude after "be"; its subject holds the attitude, what the adjective's
        preposition, clause or infinitive governs is the content."""
        cues = self.cues
        for token in self.candidates(cues.attitude_copulas):
            if token.lemma_.lower() not in cues.attitude_copulas or token.pos_ not in ("AUX", "VERB") \
                    or token.i in self.by_cue or self.in_quote(token):
                continue
            adjective = next((c for c in token.children if c.i > token.i and (
                c.dep_ == "acomp" and (c.lemma_.lower() in cues.attitude_adjectives or c.lemma_.lower() in cues.attitude_to_adjectives
                                       and any(g.dep_ == "prep" and g.lower_ == "to" for g in c.children))
                or c.dep_ == "attr" and c.pos_ == "NOUN" and c.lemma_.lower() in cues.attitude_nouns
                or c.dep_ == "prep" and c.lower_ in cues.stance_preps  # "were against the war"
                and not any(a.dep_ == "attr" for a in token.children))), None)  # (not "the first debate against …")
            holder = self.speaker_of(token) if adjective is not None else None
            if holder is None or holder.lower_ in ("it", "there", "this", "what"):
                continue  # "it is clear that …" holds no one's attitude
            lemma = adjective.lemma_.lower()
            # "a staunch supporter of": only with "of"; "is hostile to": only with "to"
            only = "of" if adjective.dep_ == "attr" else "to" if lemma not in cues.attitude_adjectives else None
            preps = cues.attitude_preps | {"of"} | ({"to"} if lemma in cues.attitude_to_adjectives else set())
            cue = self.cue_tokens(token) + [adjective]
            content: list[Token] = []
            if adjective.dep_ == "prep":
                content = [t for g in adjective.children if g.dep_ in ("pobj", "pcomp") for t in g.subtree]
            for child in adjective.children if not content else ():
                if child.i < adjective.i or only and (child.dep_ != "prep" or child.lower_ != only):
                    continue
                if child.dep_ == "prep" and child.lower_ in preps:
                    content = [t for g in child.children if g.dep_ in ("pobj", "pcomp") for t in g.subtree]
                    if content:
                        cue.append(child)
                        break
                if child.dep_ in ("ccomp", "xcomp"):  # "confident that …", "eager to …"
                    content = list(child.subtree)
                    break
            if not content:  # "is sure the plan will pass": the parser may hang the clause on "be"
                content = [t for c in token.children if c.dep_ == "ccomp" and c.i > adjective.i for t in c.subtree]
            pieces = self.content_pieces(token, content)
            if not pieces:
                continue
            index = self.add_draft(token, pieces, direct=False, rule=f"attitude:{adjective.lemma_.lower()}", confidence=0.5)
            self.set_cue(index, cue)

    def find_manner_infinitives(self) -> None:
        """ "Republicans were quick to condemn the ruling", "voters are inclined to favor him": an
        adjective of readiness after "be" with any verb in the infinitive; the whole phrase is the
        cue (as with "was quick to add"), its subject the source, what the verb governs the content."""
        cues = self.cues
        for adjective in self.candidates(cues.manner_adjectives):
            copula = adjective.head
            if adjective.lemma_.lower() not in cues.manner_adjectives or adjective.dep_ != "acomp" \
                    or copula.i > adjective.i or copula.lemma_.lower() not in cues.attitude_copulas \
                    or copula.i in self.by_cue or self.in_quote(adjective) \
                    or any(t.pos_ not in ("ADV", "PART") and t.lower_ != "all" for t in self.doc[copula.i + 1:adjective.i]):
                continue  # (not "has become her adviser, quick to …")
            verb = next((c for c in adjective.children if c.dep_ == "xcomp" and c.i > adjective.i and c.pos_ == "VERB"
                         and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
            subject = self.speaker_of(verb) if verb is not None and verb.i not in self.by_cue else None
            if subject is None or not (self.someone(subject) or subject.pos_ == "PRON"
                                       or any(t.pos_ == "PROPN" for t in subject.subtree)):
                continue  # someone, "it", "the Lee campaign" (not "the river was quick to rise")
            cue = {t.i for t in self.cue_tokens(verb)}
            content = [t for c in verb.children if c.i > verb.i and c.i not in cue for t in c.subtree]
            pieces = self.content_pieces(verb, content)
            if pieces:
                self.add_draft(verb, pieces, direct=False, rule=f"manner:{adjective.lemma_.lower()}", confidence=0.5)

    def find_attitude_verbs(self) -> None:
        """ "is looking to expand", "came out against the plan", "stands by his remarks": a verb of
        attitude or intention in one of its frames; what the frame's dependent governs is the content."""
        frames, polls = self.cues.attitude_frames, self.cues.poll_frames
        for token in self.candidates(set(frames) | set(polls)):
            lemma = token.lemma_.lower()
            if lemma not in frames and lemma not in polls or token.pos_ != "VERB" or token.i in self.by_cue \
                    or self.in_quote(token) or any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children) \
                    or token.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
                continue  # "wants to vote against …": an intention inside another
            subject = self.speaker_of(token)
            if subject is None:
                continue
            share = any(t.like_num or t.lower_ in ("percent", "%") for t in subject.subtree)  # "56 percent", "one in four"
            if lemma in self.cues.person_frame_verbs and not share and not self.someone(subject) \
                    and subject.lower_ not in self.cues.personal_pronouns:
                continue  # "Independents favored Sanders", "she favors", not "the demographics favor him"
            particles = {c.lower_ for c in token.children if c.dep_ == "prt"}
            later = [c for c in token.children if c.i > token.i]
            for frame in frames.get(lemma, ()) + (polls.get(lemma, ()) if share else ()):
                *needed, dependent = frame
                if not set(needed) <= particles:
                    continue
                if dependent in ("xcomp", "ccomp", "dobj"):
                    holder = next((c for c in later if c.dep_ == dependent), None)
                    if holder is not None and holder.pos_ == "PRON" and lemma in self.cues.person_frame_verbs:
                        continue  # "they want it": what is wanted is said elsewhere
                    if holder is not None and lemma in self.cues.frame_objects \
                            and holder.lemma_.lower() not in self.cues.frame_objects[lemma]:
                        continue  # "signed the bill", not "signed a lease"
                    content = list(holder.subtree) if holder is not None else []
                    if holder is not None and dependent == "dobj":  # "persuaded the council to delay the vote"
                        content += [t for c in later if c.dep_ == "xcomp" and c.i > holder.i for t in c.subtree]
                    cue = self.cue_tokens(token)
                else:
                    holder = next((c for c in later if c.dep_ == "prep" and c.lower_ == dependent), None)
                    objects = [g for g in holder.children if g.dep_ in ("pobj", "pcomp")] if holder is not None else []
                    content = [t for g in objects for t in g.subtree]
                    cue = self.cue_tokens(token) + ([holder] if holder is not None else [])
                pieces = self.content_pieces(token, [t for t in content if t.i not in {c.i for c in cue}])
                if pieces:
                    index = self.add_draft(token, pieces, direct=False, rule=f"attitude-verb:{lemma}", confidence=0.5)
                    self.set_cue(index, cue)
                    break

    def find_relative_objects(self) -> None:
        """ "a deal she once supported", "something Republicans wanted", "a carbon tax, which he
        favors": a verb of stance in a relative clause whose object is the noun the clause hangs on.
        A person (or group) as its subject holds the stance; the noun is what the stance is about."""
        for token in self.candidates(self.cues.relative_object_verbs):
            if token.lemma_.lower() not in self.cues.relative_object_verbs or token.pos_ != "VERB" \
                    or token.dep_ != "relcl" or token.i in self.by_cue or self.in_quote(token):
                continue
            kids = list(token.children)
            if any(c.dep_ in ("auxpass", "nsubjpass", "ccomp", "xcomp") or c.dep_ in ("dobj", "prep") and c.i > token.i
                   for c in kids):
                continue  # the clause has its own object: "the man who supported the deal"
            subject = next((c for c in kids if c.dep_ == "nsubj"), None)
            noun = token.head
            if subject is None or subject.lower_ in ("who", "that", "which") or noun.pos_ not in ("NOUN", "PROPN", "PRON") \
                    or not (self.someone(subject) or subject.lower_ in self.cues.personal_pronouns):
                continue
            clause = {t.i for t in token.subtree}
            pieces = self.content_pieces(token, [t for t in noun.subtree if t.i not in clause and t.i <= noun.i]
                                         + [t for t in noun.subtree if t.i not in clause and t.i > noun.i and t.i < token.left_edge.i])
            if pieces:
                self.add_draft(token, pieces, direct=False, rule=f"relative-object:{token.lemma_.lower()}", confidence=0.5)

    def find_agent_participles(self) -> None:
        """ "the bill, opposed by House Republicans, …", "tax breaks favored by Democrats": a participle
        of stance with a "by" agent that hangs on a noun; the agent holds the stance, the noun is
        what it is about."""
        for token in self.candidates(self.cues.agent_participle_verbs):
            if token.lemma_.lower() not in self.cues.agent_participle_verbs or token.tag_ != "VBN" \
                    or token.dep_ != "acl" or token.i in self.by_cue or self.in_quote(token):
                continue
            agent = next((g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
            noun = token.head
            if agent is None or noun.pos_ not in ("NOUN", "PROPN") or noun.i > token.i \
                    or not (self.someone(agent) or agent.lower_ in self.cues.object_pronouns):
                continue
            clause = {t.i for t in token.subtree}
            pieces = self.content_pieces(token, [t for t in noun.subtree if t.i not in clause and t.i < token.left_edge.i])
            if pieces:
                self.add_draft(token, pieces, direct=False, rule=f"agent-participle:{token.lemma_.lower()}", confidence=0.5)

    def find_speech_acts(self) -> None:
        """ "issued a statement saying …", "made the argument that …", "delivered a scathing critique of
        …": a verb with a noun of speech as its object; the two make the cue, what the noun's
        preposition or clause governs is the content, the verb's subject the source."""
        cues = self.cues
        light = cues.light_verb_nouns
        for token in self.candidates(cues.speech_act_verbs | {"have"} | set(light)):
            lemma = token.lemma_.lower()
            if lemma not in cues.speech_act_verbs and lemma != "have" and lemma not in light \
                    or token.pos_ not in ("VERB", "AUX") or self.in_quote(token):
                continue
            found = self.by_cue.get(token.i)  # "offered an emotional defense of …" found as an object cue
            if found is not None and (self.drafts[found].cue != token or not self.drafts[found].rule.startswith("cue:")):
                continue
            nouns = cues.held_nouns if lemma == "have" else cues.speech_act_nouns if lemma in cues.speech_act_verbs \
                else frozenset()  # "had no illusions about …"
            light_preps = light.get(lemma, {})  # "took some shots at …", "turned her attention to …"
            nouns = nouns | set(light_preps)
            noun = next((c for c in token.children if c.dep_ == "dobj" and c.i > token.i
                         and c.lemma_.lower() in nouns), None)
            subject = self.speaker_of(token)
            if noun is None or subject is None:
                continue
            cue = self.cue_tokens(token) + [noun]
            content: list[Token] = []
            # "issued a statement saying …", "released a statement Tuesday, calling on …": the cue of
            # the statement's words is already found; its speaker is who issued it
            followers = [c for c in noun.children if c.dep_ in ("acl", "relcl")] + \
                [c for c in token.children if c.dep_ in ("advcl", "xcomp") and c.tag_ == "VBG"]
            # a light verb's noun takes only its own prepositions, which may hang on the verb ("took a
            # swipe at her rival": "at" on "took"; not "took credit cards at the door")
            preps = light_preps.get(noun.lemma_.lower())
            verb_preps = [c for c in token.children if c.dep_ == "prep" and c.i > noun.i] if preps is not None else []
            for child in sorted(followers, key=lambda t: t.i) + list(noun.children) + verb_preps:
                if child.i < noun.i:
                    continue
                if child.i in self.by_cue and child in followers:
                    draft = self.drafts[self.by_cue[child.i]]
                    if draft.cue_span is not None:
                        draft.cue_span = _char_span(cue + [child])[0], draft.cue_span[1]
                        draft.cue_text = self.text[slice(*draft.cue_span)]
                        draft.speaker_span = self.speaker_phrase(subject, token, {t.i for t in noun.subtree} | {token.i})
                        draft.kind = "speech"
                    content = []
                    break
                if child.dep_ == "prep" and child.lower_ in (cues.speech_act_preps if preps is None else preps):
                    content = [t for g in child.children if g.dep_ in ("pobj", "pcomp") for t in g.subtree]
                    if content:
                        cue.append(child)
                        break
                if child.dep_ in ("acl", "ccomp") and any(g.dep_ == "mark" and g.lower_ == "that" for g in child.children):
                    content = list(child.subtree)  # "made the argument that …"
                    break
                if child.dep_ == "acl" and child.tag_ == "VBG":  # "released a statement highlighting the role of …"
                    cue.append(child)
                    content = [t for g in child.children if g.i > child.i for t in g.subtree]
                    break
            if not content:
                continue
            pieces = self.content_pieces(token, [t for t in content if t.i not in {c.i for c in cue}])
            if not pieces:
                continue
            if found is None:
                found = self.add_draft(token, pieces, direct=False, rule=f"speech-act:{noun.lemma_.lower()}", confidence=0.5)
            self.set_cue(found, cue)  # the verb and its noun are the cue (an object cue's object stays the content)

    def find_adverb_statements(self) -> None:
        """ "The club is reportedly spending $1.5 million": the clause the adverb qualifies is
        reported, by no one named."""
        for token in self.candidates(self.cues.adverb_cues, column=0):
            if token.lower_ not in self.cues.adverb_cues or token.dep_ != "advmod" or self.in_quote(token):
                continue
            head = token.head
            if head.pos_ not in ("VERB", "AUX") or head.i in self.by_cue:
                continue
            tokens = [t for t in head.subtree if t.i != token.i]
            runs: list[list[Token]] = []
            for t in tokens:
                if runs and t.i == runs[-1][-1].i + 1:
                    runs[-1].append(t)
                elif not t.is_punct or runs:
                    runs.append([t])
            pieces = []
            for run in runs:
                while run and run[-1].is_punct and not run[-1].is_quote:
                    run.pop()
                if any(not t.is_punct for t in run):
                    pieces.append(_trim(self.text, _char_span(run)))
            if not pieces:
                continue
            self.by_cue[head.i] = len(self.drafts)
            self.drafts.append(_Draft(cue=None, content=pieces, direct=False, kind="speech",
                                      cue_span=(token.idx, token.idx + len(token.text)), cue_text=token.text,
                                      rule=f"adverb:{token.lower_}", confidence=0.4, flags=["no-speaker"]))

    def find_noun_statements(self) -> None:
        """ "Trump's claim that …", "her criticism of the deal", "his support for the bill": a noun of
        speech or attitude whose owner is the source and whose clause or object is the content."""
        noun_cues, open_cues = self.cues.noun_cues, self.cues.open_noun_cues
        for token in self.candidates(set(noun_cues) | set(open_cues)):
            lemma = token.lemma_.lower()
            if token.pos_ != "NOUN" or lemma not in noun_cues and lemma not in open_cues or self.in_quote(token):
                continue
            preps = noun_cues.get(lemma, frozenset()) | open_cues.get(lemma, frozenset())
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            if owner is None:
                by = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in ("by", "from") and c.i > token.i), None)
                owner = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
            if owner is None and lemma not in open_cues:
                continue  # "the claim that …" with no one owning it: too often not an attribution
            if owner is not None and owner.lower_ in ("its", "their") and owner.i + 1 != token.i:
                continue
            cue = [token]
            content: list[Token] = []
            for child in token.children:
                if child.i < token.i:
                    continue
                if child.dep_ in ("acl", "ccomp") and any(
                        g.dep_ in ("mark", "aux") and g.lower_ in ("that", "to") and g.i < child.i for g in child.children):
                    content = list(child.subtree)
                    break
                if child.dep_ == "prep" and child.lower_ in preps and child.i == token.i + 1:
                    objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
                    if objects:
                        cue.append(child)
                        content = [t for o in objects for t in o.subtree]
                        break
            if not content:
                continue
            skip = {t.i for t in owner.subtree} if owner is not None else set()
            tokens = [t for t in content if t.i not in skip]
            pieces = []
            if tokens:
                start, end = _char_span(tokens)
                pieces = [_trim(self.text, (start, end))]
            if not pieces or pieces[0][0] >= pieces[0][1]:
                continue
            cue_start, cue_end = _char_span(cue)
            self.drafts.append(_Draft(cue=None, content=pieces, direct=False, kind="speech",
                                      cue_span=(cue_start, cue_end), cue_text=self.text[cue_start:cue_end],
                                      speaker_span=self.phrase(owner, {t.i for t in cue} | {t.i for t in content})
                                      if owner is not None else None,
                                      stance=self.cues.verbs.get(lemma, "neutral"), rule=f"noun:{lemma}",
                                      confidence=0.5 if owner is not None else 0.3,
                                      flags=[] if owner is not None else ["no-speaker"]))

    def find_trailing_participles(self) -> None:
        """ "“The road was hard,” Ruiz said, noting that by one count in May …", "Lee attacked Moore, calling
        him a failed candidate": a cue participle after a comma, with no subject of its own, that the
        parser gave no clause or object we read (its words hung as a preposition, an adverb …). What
        follows it in its phrase is what it says; its speaker is the subject of the verb it hangs on."""
        for token in self.candidates(self.cues.verbs):
            lemma = self.cue_lemma(token)
            if lemma is None or lemma in self.cues.participle_skip or token.tag_ != "VBG" \
                    or token.dep_ not in ("advcl", "conj") or token.i in self.by_cue \
                    or token.i < 2 or self.in_quote(token) or any(c.dep_ in SUBJECT_DEPS for c in token.children):
                continue
            before = self.doc[token.i - 1]
            if before.text != "," and not (before.is_quote and self.doc[token.i - 2].text == ","):
                continue  # (", comparing him …", or ",” comparing him …" after a quoted phrase)
            subject = self.speaker_of(token)
            if subject is None or self.in_quote(subject) \
                    or not (subject.lower_ in self.cues.personal_pronouns or self.someone(subject)):
                continue  # (not "the pressure grew, threatening further losses")
            tokens = [t for t in token.subtree if t.i > token.i and t.i not in {c.i for c in self.cue_tokens(token)}]
            if not tokens or tokens[0].pos_ == "ADP" and tokens[0].lower_ not in self.cues.phrasal.get(lemma, ()) \
                    and tokens[0].lower_ != "that":
                continue  # "adding to her lead", "speaking to reporters": not what is said
            pieces = self.content_pieces(token, tokens)
            if pieces:
                self.add_draft(token, pieces[:1], direct=False, rule=f"participle:{lemma}", confidence=0.4)

    def find_according_to(self) -> None:
        lowered = self.text.lower()
        for phrase in self.cues.according_to:
            at = lowered.find(phrase)
            while at != -1:
                end = at + len(phrase)
                whole = (at == 0 or not lowered[at - 1].isalnum()) and (end == len(lowered) or not lowered[end].isalnum())
                span = self.doc.char_span(at, end, alignment_mode="expand") if whole else None  # not "inciting"
                if span is not None:
                    self.according_to(span, phrase)
                at = lowered.find(phrase, end)

    def find_in_sources(self) -> None:
        """ "In a CBS News poll, Clinton led by six points", "in his view, …": the poll or the view is
        the source of the rest of its sentence, as with "according to"."""
        for token in self.candidates(("in",), column=0):
            if token.lower_ != "in" or token.dep_ != "prep" or self.sentence[token.i].start != token.i \
                    or self.in_quote(token):
                continue  # only a sentence's opening "In …,": "he trails in the polls" is not a source
            obj = next((c for c in token.children if c.dep_ == "pobj"), None)
            if obj is None or obj.lemma_.lower() not in self.cues.in_sources:
                continue
            self.according_to(self.doc[token.i:token.i + 1], "in")

    def find_person_openers(self) -> None:
        """ "To Ms. Reyes, the vote was a betrayal": a sentence's opening "To" with a named person or
        body and a comma; the named one is the source of the rest of the sentence."""
        for token in self.candidates(self.cues.person_openers, column=0):
            if token.lower_ not in self.cues.person_openers or token.dep_ != "prep" \
                    or self.sentence[token.i].start != token.i or self.in_quote(token):
                continue
            obj = next((c for c in token.children if c.dep_ == "pobj"), None)
            after = obj.right_edge.i + 1 if obj is not None else len(self.doc)
            if obj is None or after >= len(self.doc) or self.doc[after].text != "," \
                    or obj.ent_type_ not in ("PERSON", "ORG"):
                continue
            self.according_to(self.doc[token.i:token.i + 1], token.lower_)

    def according_to(self, cue: Span, phrase: str) -> None:
        last = cue[-1]
        objects = [c for c in last.children if c.dep_ == "pobj"] or [c for c in cue.root.children if c.dep_ in ("pobj", "dobj")]
        if not objects:
            return
        source = objects[0]
        sentence = self.sentence[cue.start]
        prep = cue.root
        while prep.head.i != prep.i and prep.head.i in range(sentence.start, sentence.end) and prep.dep_ not in ("prep", "advcl", "npadvmod"):
            prep = prep.head
        skip = {t.i for t in prep.subtree} | {t.i for t in cue}
        subject = self.subject_read_as_apposition(prep, source)
        if subject:  # "According to the report seen by Reuters, the group, known as …, has rebuilt …"
            skip -= subject
        speaker_span = self.phrase(source, {t.i for t in cue} | subject)
        if prep.dep_ == "ROOT" and prep.i == sentence.start:
            # "According to radio host Sam Lee, the plan reeks of panic.": the parser made "According"
            # the root and hung the rest on it; the source runs to its comma, the content after it
            comma = next((t.i for t in self.doc[cue.end:sentence.end] if t.text == ","), None)
            if comma is None or comma <= source.i:
                return
            skip = set(range(sentence.start, comma + 1))
            speaker_span = _trim(self.text, _char_span(self.doc[cue.end:comma]))
        rest = [t for t in sentence if t.i not in skip and not t.is_punct]
        if not rest:
            return
        content = _trim(self.text, _char_span(rest))
        draft = _Draft(cue=None, content=[content], direct=False, kind="according-to",
                       cue_span=(cue.start_char, cue.end_char), cue_text=cue.text,
                       speaker_span=speaker_span, rule=f"according-to:{phrase}",
                       confidence=0.7)
        self.drafts.append(draft)

    @staticmethod
    def subject_read_as_apposition(prep: Token, source: Token) -> set[int]:
        """The tokens of the clause's subject when the parser hung it on the source of an opening
        "According to …," as an apposition and left the verb with no subject."""
        verb = prep.head
        if verb.i == prep.i or verb.pos_ not in ("VERB", "AUX") or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
            return set()
        appositions = [t for t in source.subtree if t.dep_ == "appos" and t.i < verb.i]
        return {t.i for t in appositions[-1].subtree} if appositions else set()

    def find_denied_claims(self) -> None:
        """ "The ministry rejected reports on a local website that the army planned to withdraw": the
        reports are a document statement of their own (the claim), and the denial disputes it."""
        for draft in list(self.drafts):
            verb = draft.cue
            if verb is None or draft.negated or self.cues.verbs.get(verb.lemma_.lower()) != "deny":
                continue
            for noun in (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in self.cues.claim_nouns):
                clause = next((c for c in noun.children if c.dep_ in ("acl", "relcl", "ccomp") and c.i > noun.i
                               and any(g.lower_ == "that" and g.dep_ in ("mark", "dobj") and g.i == c.left_edge.i for g in c.children)), None)
                if clause is None:
                    continue
                content = self.content_pieces(verb, list(clause.subtree), keep_subject=True)
                if not content:
                    continue
                claim = _Draft(cue=None, content=content, direct=False, kind="document",
                               cue_span=(noun.idx, noun.idx + len(noun.text)), cue_text=noun.text,
                               speaker_span=self.phrase(noun, {t.i for t in clause.subtree}),
                               rule="claim:denied", confidence=0.5)
                self.drafts.append(claim)
                draft.denies = claim

    def merge_quoting(self) -> None:
        """ "the report said …, quoting US defence officials": the officials speak, via the report."""
        keep, merged = [], set()
        for draft in self.drafts:
            if draft.kind == "according-to" and draft.cue_text and draft.cue_text.lower() in ("quoting", "citing"):
                host = next((d for d in self.drafts if d is not draft and d.cue is not None and d.content
                             and d.cue_span != draft.cue_span  # not "citing" itself read as an object cue
                             and d.content[0][0] < draft.content[0][1] and draft.content[0][0] < d.content[0][1]), None)
                if not self.names_someone(draft.speaker_span):
                    continue  # "he said, citing rising costs", "Citing the attack, Lee urged …": a reason, not who speaks
                if host is not None:
                    if host.speaker_span is not None:
                        host.via = self.text[host.speaker_span[0]:host.speaker_span[1]]
                    host.speaker_span = draft.speaker_span
                    merged.add(draft.cue_span)
                    continue
            keep.append(draft)
        # "quoting" read as an object cue too is no statement of its own once the officials speak
        self.drafts = [d for d in keep if d.cue is None or d.cue_span not in merged]

    def names_someone(self, span: tuple[int, int] | None) -> bool:
        """The head of a phrase is a known actor or role ("two senior officials", not "the rising
        cost of a bridge that crosses the river")."""
        phrase = self.doc.char_span(span[0], span[1], alignment_mode="expand") if span else None
        if phrase is None:
            return False
        root = phrase.root
        return self.mention_at((root.idx, root.idx + len(root.text))) is not None

    def find_colon_statements(self) -> None:
        """ "Trump: “We will win.”" — a speaker's name, a colon, then what was said."""
        text = self.text
        for mention in self.mentions:
            if mention.label != "PERSON" and mention.method not in ("dictionary", "role"):
                continue
            after = text[mention.end:mention.end + 2]
            if not after.startswith(":"):
                continue
            line_start = text.rfind("\n", 0, mention.start) + 1
            before = text[line_start:mention.start]
            start = mention.start
            joined = COLON_PARTNER.search(before)
            if joined is not None:  # "- Mark Blumenthal and Jon Cohen: “…”": both speak
                before, start = before[:joined.start()], line_start + joined.start()
            opens_line = not before.strip()
            quote_follows = text[mention.end + 1:mention.end + 3].lstrip()[:1] in DOUBLE_OPEN
            after_break = before.rstrip()[-1:] in COLON_BREAKS or before.rstrip().endswith(" from") \
                or INVERTED_CUE.search(before) is not None
            if not (opens_line or (mention.label == "PERSON" and quote_follows and after_break)):
                continue  # "Trump: …" opening a line, or "… - Daron Shaw: “…”" (not "by Times' Ben Lee:", "said of Lee:")
            line_end = text.find("\n", mention.end)
            line_end = len(text) if line_end == -1 else line_end
            content = _trim(self.text, (mention.end + 1, line_end))
            if len(text[content[0]:content[1]].split()) < self.cues.min_quote_words:
                continue
            self.drafts.append(_Draft(cue=None, content=[content], direct=text[content[0]] in DOUBLE_OPEN,
                                      cue_span=(mention.end, mention.end + 1), cue_text=":",
                                      speaker_span=(start, mention.end), rule="colon", confidence=0.6))

    def find_headline_colon_statements(self) -> None:
        """ "Poll: Wealthy voters abandon …" — a line opening with a document noun and a colon: the
        document says what follows (a person's name before a colon is `find_colon_statements`)."""
        text = self.text
        starts, at = [0], text.find("\n")
        while at != -1:  # every line start, by str.find rather than a loop over the characters
            starts.append(at + 1)
            at = text.find("\n", at + 1)
        for line_start in starts:
            colon = text.find(":", line_start, line_start + 40)
            if colon == -1 or "\n" in text[line_start:colon]:
                continue
            if text[line_start:line_start + 1] in DOUBLE_OPEN:  # a transcript's paragraph: "WALLACE: …
                line_start += 1
            words = text[line_start:colon].split()
            headline = line_start == 0  # "NY Daily News: …", "Clinton camp: …" heading the article
            if not 1 <= len(words) <= (6 if headline else 4) or not words[0][:1].isupper():
                continue
            if " ".join(words).lower() in self.cues.not_speaker_labels:
                continue  # "Correction: …", "Editor's note: …"
            document = words[-1].lower().strip(".,") in self.cues.documents
            if not document and not (headline and all(w[:1].isupper() or w.islower() and len(w) <= 3 for w in words)) \
                    and not self._speaker_label(line_start, colon, words):
                continue
            line_end = text.find("\n", colon)
            content = _trim(text, (colon + 1, len(text) if line_end == -1 else line_end))
            if content[1] - content[0] <= 0 or len(text[content[0]:content[1]].split()) < self.cues.min_quote_words:
                continue
            self.drafts.append(_Draft(cue=None, content=[content], direct=text[content[0]] in DOUBLE_OPEN,
                                      cue_span=(colon, colon + 1), cue_text=":",
                                      speaker_span=_trim(text, (line_start, colon)),
                                      rule="colon:document" if document else "colon:label",
                                      kind="document" if document else "speech", confidence=0.5))

    def find_headline_cue(self) -> None:
        """ "Conservative Icon Morton Blackwell Endorses Ted Cruz": a title-case headline the parser
        reads as one name. A word of the first line that is a cue verb once lowercased and stripped
        of its ending is the cue, the words before it the source, the words after it the content."""
        text = self.text
        end = text.find("\n")
        end = len(text) if end == -1 else end
        line = text[:end]
        alphabetic = [w for w in line.split() if w[:1].isalpha()]
        if len(alphabetic) < 4 or line.rstrip().endswith("?") or end == len(text) \
                or sum(w[:1].isupper() for w in alphabetic) < 0.7 * len(alphabetic):
            return  # only a title-case first line above the text
        if any(d.cue_span is not None and d.cue_span[0] < end for d in self.drafts):
            return  # the parser found a cue in the headline
        start = line.rfind(":") + 1 if ":" in line[:40] else 0  # "The Latest: Sanders declares …"
        words = [(m.start() + start, m.group()) for m in re.finditer(r"\S+", line[start:])]
        for n, (at, word) in enumerate(words):
            if n == 0 or not word[:1].isupper():
                continue
            lemma = self._headline_lemma(word.lower().strip(".,;’'\""))
            if lemma is None:
                continue
            source = _trim(text, (words[0][0], at))
            rest = words[n + 1:]
            if not rest or not 1 <= len(text[source[0]:source[1]].split()) <= 8:
                return
            if any(ch in text[source[0]:source[1]] for ch in ",;“”‘’\"") and not text[source[1] - 1:source[1]].isalpha():
                return
            content = _trim(text, (rest[0][0], end))
            if content[0] >= content[1]:
                return
            self.drafts.append(_Draft(cue=None, content=[content], direct=False, kind="speech",
                                      cue_span=(at, at + len(word.rstrip(".,;"))), cue_text=word.rstrip(".,;"),
                                      speaker_span=source, stance=self.cues.verbs.get(lemma, "neutral"),
                                      rule=f"headline:{lemma}", confidence=0.4))
            return

    def _headline_lemma(self, word: str) -> str | None:
        """The cue verb a headline's word inflects ("praises", "blasted", "urges"), or None."""
        verbs = self.cues.headline_verbs
        for stem in (word, word[:-1], word[:-2] if word.endswith(("ed", "es")) else "", word[:-1] if word.endswith("ed") else "",
                     word[:-3] + "y" if word.endswith("ies") else "", word[:-3] if word.endswith("ing") else ""):
            if stem and stem in verbs:
                return stem
        return None

    def _speaker_label(self, start: int, colon: int, words: list[str]) -> bool:
        """A speaker's label before a colon: "WALLACE", "PENCE", "Gov. Pence" — capitals, or names
        the parser tags as proper nouns, at most three words."""
        if len(words) > 3:
            return False
        if all(w.strip(".").isalpha() and w.isupper() and len(w) > 1 for w in words):
            return True
        span = self.doc.char_span(start, colon, alignment_mode="expand")
        return span is not None and all(t.pos_ == "PROPN" or t.is_punct for t in span) and \
            not any(t.ent_type_ in ("GPE", "LOC", "DATE", "TIME", "ORG") for t in span)

    def find_dash_statements(self) -> None:
        """ "“…” ― Pamela Padilla": a quote signed with a dash and a name after it."""
        text = self.text
        starts = {m.start: m for m in self.mentions if m.label == "PERSON" or m.method in ("person", "surname")}
        for quote in self.quotes:
            after = text[quote.end:quote.end + 8]
            stripped = after.lstrip(" \u00a0")
            dash = next((d for d in self.cues.signature_dashes if stripped.startswith(d)), None)
            if dash is None:
                continue
            dash_start = quote.end + len(after) - len(stripped)
            rest = text[dash_start + len(dash):dash_start + len(dash) + 4]
            name_start = dash_start + len(dash) + (len(rest) - len(rest.lstrip(" \u00a0")))
            mention = starts.get(name_start)
            if mention is None:
                continue
            self.drafts.append(_Draft(cue=None, content=list(quote.pieces), direct=True,
                                      cue_span=(dash_start, dash_start + len(dash)), cue_text=dash,
                                      speaker_span=(mention.start, mention.end), rule="dash", confidence=0.6))
        self.find_signed_lines(starts)

    def find_signed_lines(self, starts: dict[int, Mention]) -> None:
        """ "”Fear, mostly.” ― Ana Ruiz" on a line of its own: a quote whose opening mark is wrong
        (or missing) signed with a dash and a name; the line up to the closing mark is the content."""
        text = self.text
        ends = {q.end for q in self.quotes}
        for name_start, mention in starts.items():
            before = text[max(0, name_start - 6):name_start].rstrip(" \u00a0")
            dash = next((d for d in self.cues.signature_dashes if before.endswith(d)), None)
            if dash is None:
                continue
            dash_start = max(0, name_start - 6) + len(before) - len(dash)
            close = text[:dash_start].rstrip(" \u00a0")
            if not close or close[-1] not in "”\"" or len(close) in ends:
                continue
            line_start = text.rfind("\n", 0, len(close)) + 1
            content = _trim(text, (line_start, len(close)))
            if len(text[content[0]:content[1]].split()) < self.cues.min_quote_words or \
                    text[mention.end:text.find("\n", mention.end) if "\n" in text[mention.end:] else len(text)].strip(" .\u00a0"):
                continue  # only a line that ends with the name
            self.drafts.append(_Draft(cue=None, content=[content], direct=True,
                                      cue_span=(dash_start, dash_start + len(dash)), cue_text=dash,
                                      speaker_span=(mention.start, mention.end), rule="dash:line", confidence=0.5))

    # -- quotes -----------------------------------------------------------------------------

    def attach_quotes(self) -> None:
        previous_speaker: dict[int, int] = {}  # paragraph index -> draft with a speaker
        paragraph_of = self.paragraph_of

        used: set[int] = set()
        for qi, quote in enumerate(self.quotes):
            if qi in used:
                continue
            words = len(self.text[quote.start:quote.end].split())
            index = self.holding_draft(quote)
            verb = self.drafts[index].cue if index is not None else self.nearest_cue(quote)
            framed = self.frame_verb(quote) if index is None and verb is None else None
            verb = verb or framed
            if index is None and verb is not None and words < self.cues.min_quote_words and not self.is_said(quote, verb) \
                    and not self.signed_by_cue(quote, verb) and framed is None:
                verb = None  # "called the plan a “victory lap”": a name for something, not speech
            if index is None and verb is not None:
                if verb.i in self.by_cue:
                    index = self.by_cue[verb.i]
                else:
                    index = self.add_draft(verb, list(quote.pieces), direct=True,
                                           rule=f"quote+cue:{verb.lemma_.lower()}", confidence=0.8)
            if index is not None:
                draft = self.drafts[index]
                draft.direct = True
                self.extend_content(draft, quote)
                if verb is not None and draft.cue == verb:  # (a Token is made anew on each access: ==, not "is")
                    for piece in self.lead_in(quote, verb):
                        self.extend_content(draft, Quote([piece]))
                draft.flags.extend(quote.flags)
                # a split quote: "X," he said, "Y" — the next quote right after the cue joins
                if verb is not None and qi + 1 < len(self.quotes):
                    nxt = self.quotes[qi + 1]
                    gap = self.text[quote.end:nxt.start]
                    if len(gap) < SPLIT_GAP and "\n\n" not in gap and quote.end < verb.idx < nxt.start \
                            and self.holding_draft(nxt) in (None, index) and not gap.rstrip().endswith(":"):
                        self.extend_content(draft, nxt)
                        used.add(qi + 1)
                previous_speaker[paragraph_of(quote.end)] = index
                continue
            para = paragraph_of(quote.start)
            lead = self.cue_before_colon(quote)
            if lead is not None:  # "… he said:" closing one paragraph, the quote opening the next
                index = self.by_cue.get(lead.i)
                if index is None:
                    index = self.add_draft(lead, list(quote.pieces), direct=True, rule=f"quote+cue:{lead.lemma_.lower()}",
                                           confidence=0.7)
                else:
                    self.extend_content(self.drafts[index], quote)
                previous_speaker[para] = index
                continue
            before = previous_speaker.get(para) if para in previous_speaker else previous_speaker.get(para - 1)
            if before is not None and self.quote_fills_paragraph(quote, para):
                draft = _Draft(cue=None, content=list(quote.pieces), direct=True, rule="quote:continues-speaker",
                               confidence=0.5, speaker_from=before, flags=list(quote.flags))
                self.drafts.append(draft)
                previous_speaker[para] = len(self.drafts) - 1
                continue
            if words >= self.cues.min_quote_words:
                self.drafts.append(_Draft(cue=None, content=list(quote.pieces), direct=True, rule="quote:no-speaker",
                                          confidence=0.3, flags=list(quote.flags) + ["no-speaker"]))

    def nested(self, draft: _Draft) -> bool:
        """A cue of thought or intention inside what another statement reports ("he said he believes
        …", "the report said she plans to …"): PolNeAR's annotators mark it about one time in five."""
        if draft.cue is None or draft.cue_span is None or draft.cue.lemma_.lower() in self.cues.nested_cues \
                or draft.direct:
            return False
        start = draft.cue_span[0]
        return any(other is not draft and other.cue_span is not None and any(s <= start < e for s, e in other.content)
                   for other in self.drafts)

    def lead_in(self, quote: Quote, verb: Token) -> list[tuple[int, int]]:
        """The words of the sentence before a quote that its cue follows ("The club's investment
        ''is a perfect example,'' she said"): they are part of what is reported."""
        if verb.idx < quote.end:
            return []
        sentence = self.sentence[verb.i]
        begin = max(sentence.start_char, self.paragraph_bounds(self.paragraph_of(quote.start))[0])
        if begin >= quote.start:
            return []
        lead = self.text[begin:quote.start]
        if not lead.strip() or any(ch in lead for ch in ":;\n") or any(m in lead for m in DOUBLE_OPEN + "”") \
                or TWO_APOSTROPHES in lead or len(lead.split()) > 30:
            return []
        tokens = [t for t in sentence if begin <= t.idx < quote.start]
        if any(self.cue_lemma(t) is not None for t in tokens):
            return []  # "X said the plan was ''dead''": that cue's clause, not this one's
        span = _trim(self.text, (begin, quote.start))
        return [span] if span[0] < span[1] else []

    def find_block_quotes(self) -> None:
        """ "The governor added:" closing its paragraph, and the next paragraph what was added (a
        block quote, set off without quote marks, or a quote the marks finder did not close): a cue
        in the sentence before the colon that has no statement yet says the whole next paragraph."""
        starts = self.paragraph_starts
        for para in range(len(starts) - 1):
            begin, end = self.paragraph_bounds(para)
            line = self.text[begin:end].rstrip()
            if not line.endswith(":") or len(line) < 8:
                continue
            span = self.doc.char_span(begin + len(line) - 1, begin + len(line), alignment_mode="expand")
            if span is None:
                continue
            sentence = self.sentence[span.start]
            cues = [t for t in sentence if t.i < span.start and self.cue_lemma(t) and not self.in_quote(t)]
            if not cues or cues[-1].tag_ == "VB":
                continue  # (not "See:", "is expected to call:")
            verb = cues[-1]
            after = self.paragraph_bounds(para + 1)
            content = _trim(self.text, after)
            if len(self.text[content[0]:content[1]].split()) < self.cues.min_quote_words:
                continue
            if verb.i in self.by_cue:  # "In a letter to the board, Lee wrote:": not what she wrote
                draft = self.drafts[self.by_cue[verb.i]]
                if not draft.direct and draft.content and all(e <= begin + len(line) for _, e in draft.content):
                    draft.content = [content]
                continue
            if self.speaker_of(verb) is None:
                continue
            self.add_draft(verb, [content], direct=self.text[content[0]] in DOUBLE_OPEN,
                           rule=f"block+cue:{verb.lemma_.lower()}", confidence=0.5)

    def cue_before_colon(self, quote: Quote) -> Token | None:
        before = self.text[:quote.start].rstrip()
        if not before.endswith(":"):
            return None
        span = self.doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if span is None:
            return None
        sentence = self.sentence[span.start]
        cues = [t for t in sentence if t.i < span.start and self.cue_lemma(t) and not self.in_quote(t)]
        return cues[-1] if cues else None

    def signed_by_cue(self, quote: Quote, verb: Token) -> bool:
        """A short quote that ends with a comma, "?" or "!" and is followed at once by its cue and
        speaker ("“Not even one,” he said.", "“Okay,” said the driver")."""
        inside = self.text[quote.start:quote.end].rstrip("”\"'’“ ")
        if not inside or inside[-1] not in ",?!" or verb.idx < quote.end:
            return False
        gap = self.text[quote.end:verb.idx]
        if any(ch in gap for ch in ".;:\n\"“”") or len(gap.split()) > 6:
            return False
        subject = self.speaker_of(verb)
        return subject is not None and (quote.end <= subject.idx < verb.idx or verb.i + 1 == subject.i)

    def is_said(self, quote: Quote, verb: Token) -> bool:
        """The quote is the verb's clause or object, not a label on something else."""
        span = self.doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        return root.head.i == verb.i and root.dep_ in ("ccomp", "dobj", "parataxis", "xcomp")

    def paragraph_of(self, char: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, char) - 1

    def paragraph_bounds(self, para: int) -> tuple[int, int]:
        starts = self.paragraph_starts
        end = starts[para + 1] - len(PARAGRAPH_SEPARATOR) if para + 1 < len(starts) else len(self.text)
        return starts[para], end

    def quote_fills_paragraph(self, quote: Quote, para: int) -> bool:
        begin, end = self.paragraph_bounds(para)
        outside = self.text[begin:quote.start] + self.text[quote.end:end]
        return len(outside.split()) <= 3

    def extend_content(self, draft: _Draft, quote: Quote) -> None:
        for piece in quote.pieces:
            if not any(s <= piece[0] and piece[1] <= e for s, e in draft.content):
                draft.content.append(piece)
        draft.content.sort()
        # a quote that swallows an indirect content piece replaces it
        merged: list[tuple[int, int]] = []
        for s, e in draft.content:
            if merged and s < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
            else:
                merged.append((s, e))
        draft.content = merged

    def holding_draft(self, quote: Quote) -> int | None:
        for index, draft in enumerate(self.drafts):  # the quote overlaps the draft's content
            if draft.cue_span is not None and any(s < quote.end and quote.start < e for s, e in draft.content):
                return index
        return None

    def nearest_cue(self, quote: Quote) -> Token | None:
        span = self.doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None:
            return None
        inside = {t.i for t in span}
        first, last = self.sentence[span[0].i], self.sentence[span[-1].i]
        sentences = {first.start: first, last.start: last}
        # the sentence right after a quote that ends its own sentence ("…." he said.)
        after = span[-1].i + 1
        if after < len(self.doc) and self.sentence[after].start not in sentences:
            following = self.sentence[after]
            if len(following) <= 8 or self.bare_cue_sentence(following):
                sentences[following.start] = following
            else:
                opening = self.opening_cue(following)
                if opening is not None:  # "“Who do they think they are?” Lee said of the firm, when …"
                    sentences[following.start] = self.doc[following.start:opening.i + 1]
        para_start = self.paragraph_bounds(self.paragraph_of(quote.start))[0]
        para_end = self.paragraph_bounds(self.paragraph_of(quote.end))[1]
        best: tuple[int, Token] | None = None
        for sentence in sentences.values():
            for token in sentence:
                if token.i in inside or self.cue_lemma(token) is None or self.in_quote(token):
                    continue
                if not para_start <= token.idx < para_end:
                    continue
                distance = min(abs(token.i - span.start), abs(token.i - span.end))
                if self.speaker_of(token) is None and token.lemma_.lower() != "add":
                    distance += 20
                if best is None or distance < best[0]:
                    best = (distance, token)
        return best[1] if best else None

    def frame_verb(self, quote: Quote) -> Token | None:
        """A verb that is not a cue word but frames a quote the way "said" would: "“Fantastic!” beamed
        Tom Hart.", "“The city endures,” an angry mayor retorted.", "Senator Hall quipped, “…”". The
        quote ends with a comma, "!" or "?" inside its mark and the rest of its sentence is only a
        subject and a tensed verb; or the verb, its subject before it, ends with a comma or colon
        right before the quote opens."""
        text = self.text
        span = self.doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        closing = text[quote.end - 2:quote.end - 1]
        if closing in (",", "!", "?"):
            first = next((t for t in self.doc[span.end:span.end + 2] if not t.is_punct and not t.is_space), None)
            if first is not None and first.idx >= quote.end and not self.in_quote(first):
                sentence = self.sentence[first.i]
                stop = next((t.i for t in self.doc[first.i:sentence.end] if t.is_quote or t.text in (";", ":")), sentence.end)
                piece = self.doc[first.i:stop]
                verbs = [t for t in piece if t.pos_ in ("VERB", "AUX") and t.tag_ in TENSED_TAGS]
                if len(verbs) == 1:
                    verb = verbs[0]
                    # ("“We are done,” fumed the senator.": the parser takes the subject after the verb for its object)
                    objects = [c for c in verb.children if first.i <= c.i < stop and not c.is_punct]
                    inverted = verb.i == first.i and [c.dep_ for c in objects] == ["dobj"] and self.someone(objects[0])
                    subject = next((c for c in verb.children if (c.dep_ == "nsubj" or inverted) and first.i <= c.i < stop), None)
                    if subject is not None and len(piece) <= 12 and (inverted or not any(
                            c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp", "prep") for c in verb.children if first.i <= c.i < stop)):
                        return verb
        if text[:quote.start].rstrip()[-1:] in (",", ":") and span.start >= 2:
            mark = next((t for t in reversed(list(self.doc[max(0, span.start - 3):span.start])) if t.text in (",", ":")), None)
            verb = self.doc[mark.i - 1] if mark is not None and mark.i > 0 else None
            if verb is not None and verb.pos_ == "VERB" and verb.tag_ in TENSED_TAGS and not self.in_quote(verb) \
                    and any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children) \
                    and not any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp") and c.i < verb.i + 1 for c in verb.children):
                return verb
        return None

    def opening_cue(self, sentence: Span) -> Token | None:
        """A cue among the first words of a sentence that follows a quote, after its subject
        ("Lee said of the firm in May, when …", "Ms. Ruiz, the mayor, added with a laugh"), with no
        clause or quote of its own: the parser ended the quote's sentence at its "?" or "!"."""
        for token in sentence[:OPENING_CUE_TOKENS]:
            if token.is_quote or token.text in (":", ";"):
                return None
            if self.cue_lemma(token) is None or token.pos_ != "VERB":
                continue
            subject = self.speaker_of(token)
            if token.i in self.by_cue or subject is None or not sentence.start <= subject.i < token.i \
                    or subject.pos_ not in ("PROPN", "PRON", "NOUN") \
                    or any(c.dep_ in CLAUSE_DEPS or c.dep_ == "dobj" for c in token.children):
                return None
            return token
        return None

    def bare_cue_sentence(self, sentence: Span) -> bool:
        """A short sentence that is only a speaker and a cue with its setting, after a quote that
        ends with its own stop ("“… pay for it?” the mayor asked reporters on a long call."): its
        cue has no clause or quote of its own."""
        if len(sentence) > self.cues.bare_cue_tokens or any(t.is_quote for t in sentence):
            return False
        cues = [t for t in sentence if self.cue_lemma(t) is not None]
        return len(cues) == 1 and cues[0].i not in self.by_cue and self.speaker_of(cues[0]) is not None

    # -- output ---------------------------------------------------------------------------

    def mention_at(self, span: tuple[int, int] | None, head_char: int | None = None) -> int | None:
        if span is None:
            return None
        best = None
        for index, mention in enumerate(self.mentions):
            if mention.start < span[1] and span[0] < mention.end:
                if mention.actor_id is None and best is not None:
                    continue
                if best is None or (self.mentions[best].actor_id is None and mention.actor_id) or (
                    mention.label in ("PERSON",) and self.mentions[best].label != "PERSON"
                ):
                    best = index
        return best

    def root_mention(self, index: int | None) -> Mention | None:
        seen = set()
        while index is not None and index not in seen:
            seen.add(index)
            mention = self.mentions[index]
            if mention.refers_to is None:
                return mention
            index = mention.refers_to
        return None if index is None else self.mentions[index]

    def statements(self) -> list[Statement]:
        out: list[Statement] = []
        kept: list[_Draft] = []
        resolved: list[tuple[int | None, tuple[int, int] | None]] = []
        for draft in self.drafts:
            speaker_span = self.before_other_cue(draft)
            speaker_index = self.mention_at(speaker_span)
            if draft.speaker_from is not None and speaker_span is None and draft.speaker_from < len(resolved):
                speaker_index, speaker_span = resolved[draft.speaker_from]
            resolved.append((speaker_index, speaker_span))
            if speaker_span is not None and draft.cue is not None and draft.kind != "according-to" and not draft.via \
                    and any(start < speaker_span[1] and speaker_span[0] < end for start, end in draft.content):
                continue  # a cue's speaker inside what it says is a misparse ("citing officials in X")
            out.append(self.statement(draft, speaker_span, speaker_index))
            kept.append(draft)
        return self.link_disputes(out, kept)

    def before_other_cue(self, draft: _Draft) -> tuple[int, int] | None:
        """A speaker's phrase stops before a cue whose clause the parser took for the main clause
        (find_clauses_read_as_root: "Several newspapers reported on Monday, citing …": the
        newspapers cite). Other cues hung on a speaker stay in its phrase ("groups backing
        the bill said …")."""
        span = draft.speaker_span
        if span is None:
            return None
        for token in self.doc.char_span(span[0], span[1], alignment_mode="expand") or ():
            if token.dep_ == "acl" and token.i in self.root_clause_cues and token.head.idx >= span[0] \
                    and (draft.cue is None or token.i != draft.cue.i) and token.idx > span[0]:
                return _trim(self.text, (span[0], token.idx))
        return span

    def statement(self, draft: _Draft, speaker_span, speaker_index) -> Statement:
        text = self.text
        content = sorted(draft.content)
        mention = self.mentions[speaker_index] if speaker_index is not None else None
        root = self.root_mention(speaker_index)
        actor = self.actors.get(mention.actor_id) if mention and mention.actor_id else None
        anonymous = bool(
            speaker_span is not None and root is not None and root.label == "ROLE"
            and (actor is None or actor.kind != "person")
        )
        country = actor.country if actor else None
        sector = (root.sector if root else None) or (mention.sector if mention else None) or (actor.sector if actor else None)
        if anonymous and country is None and root is not None:
            country = self.country_from_context(root)
        medium_index = self.mention_at(draft.medium_span)
        medium = self.mentions[medium_index] if medium_index is not None else None
        kind = draft.kind
        if actor is not None and kind == "speech" and root is not None and root.text.split()[-1].lower() in self.cues.documents:
            kind = "document"
        return Statement(
            article_id=self.article.id,
            start=content[0][0], end=content[-1][1],
            content=" … ".join(text[s:e] for s, e in content),
            direct=draft.direct, kind=kind, content_spans=tuple(content),
            cue=draft.cue_text, cue_start=draft.cue_span[0] if draft.cue_span else None,
            cue_end=draft.cue_span[1] if draft.cue_span else None,
            speaker=text[speaker_span[0]:speaker_span[1]] if speaker_span else None,
            speaker_start=speaker_span[0] if speaker_span else None,
            speaker_end=speaker_span[1] if speaker_span else None,
            speaker_actor_id=mention.actor_id if mention else None,
            speaker_mention=speaker_index,
            speaker_role=(mention.role if mention else None) or (actor.role if actor else None),
            speaker_country=country, speaker_sector=sector, anonymous=anonymous,
            medium=medium.actor_id if medium else None,
            medium_text=text[draft.medium_span[0]:draft.medium_span[1]] if draft.medium_span else None,
            via=draft.via,
            negated=draft.negated or draft.stance == "deny",
            supports=None,
            flags=tuple(dict.fromkeys(draft.flags)), rule=draft.rule, confidence=draft.confidence,
        )

    def country_from_context(self, root: Mention) -> str | None:
        """An anonymous official's country from the nearest earlier role mention of the same sector."""
        for mention in reversed(self.mentions):
            if mention.end > root.start or mention.label != "ROLE" or not mention.actor_id:
                continue
            actor = self.actors.get(mention.actor_id)
            if actor and actor.country and (mention.sector == root.sector or root.sector is None):
                return actor.country
        return None

    def link_disputes(self, statements: list[Statement], drafts: list[_Draft]) -> list[Statement]:
        """A denial of a claim it names disputes that claim ("rejected reports that …"); a denial, or
        a negated claim about a report, disputes the most specific earlier document statement; a
        confirmation supports it."""
        from dataclasses import replace

        out = list(statements)
        stances = [d.stance for d in drafts]
        position = {id(d): i for i, d in enumerate(drafts)}
        for index, st in enumerate(out):
            named = drafts[index].denies
            if named is not None and id(named) in position:
                out[index] = replace(st, disputes=position[id(named)])
                continue
            documents = [o for o in range(index) if out[o].kind == "document" and out[o].speaker_actor_id != st.speaker_actor_id]
            if stances[index] == "confirm" and not st.negated:
                if documents:
                    target = max(documents, key=lambda o: (len((out[o].speaker or "").split()), o))
                    out[index] = replace(st, supports=target)  # "officials confirmed the report"
                else:  # what it confirms may be in another article of the story (the store links it)
                    out[index] = replace(st, flags=st.flags + ("confirmation",))
                continue
            lowered = st.content.lower()
            words = set(lowered.replace("n't", " n't").split())
            denial = st.negated or bool(words & self.cues.negations)
            about_document = any(w.strip(".,;:“”\"'’") in self.cues.documents or w.strip(".,;:“”\"'’").removesuffix("s") in self.cues.documents
                                 for w in words)  # (whole words: not "ordered" for "order")
            if not (denial and about_document):
                continue  # ("the Houthis have not attacked Saudi territory" denies no report)
            documents = [o for o in range(index) if out[o].kind == "document" and out[o].speaker_actor_id != st.speaker_actor_id]
            if documents:  # the most specific document named ("a leaked Pentagon assessment" over "the report")
                target = max(documents, key=lambda o: (len((out[o].speaker or "").split()), o))
                out[index] = replace(st, disputes=target)
            else:  # what it denies may be in another article of the story (the store links it)
                out[index] = replace(st, flags=st.flags + ("denial",))
        return out


def extract_statements(doc: Doc, article: Article, mentions: list[Mention], actors: Iterable[Actor]) -> list[Statement]:
    """Every statement in ``doc``, in text order of their content."""
    extractor = _Extractor(doc, article, list(mentions), {a.id: a for a in actors})
    extractor.find_cue_statements()
    extractor.find_clauses_read_as_relative()
    extractor.find_clauses_read_as_root()
    extractor.find_trailing_documents()
    extractor.find_impressions()
    extractor.find_passive_as()
    extractor.find_passive_agent()
    extractor.find_phrase_cues()
    extractor.find_copula_statements()
    extractor.find_noun_statements()
    extractor.find_attitude_statements()
    extractor.find_speech_acts()
    extractor.find_attitude_verbs()
    extractor.find_manner_infinitives()
    extractor.find_relative_objects()
    extractor.find_agent_participles()
    extractor.find_adverb_statements()
    extractor.find_trailing_participles()
    extractor.find_according_to()
    extractor.find_in_sources()
    extractor.find_person_openers()
    extractor.find_colon_statements()
    extractor.find_headline_colon_statements()
    extractor.find_dash_statements()
    extractor.find_headline_cue()
    extractor.find_denied_claims()
    extractor.merge_quoting()
    extractor.attach_quotes()
    extractor.find_block_quotes()
    drafts = extractor.drafts
    kept, cues_seen = [], set()
    for index, draft in enumerate(drafts):  # one statement per cue ("Name: …" is found by two rules)
        if not draft.content or (draft.cue_span is not None and draft.cue_span in cues_seen):
            continue
        if extractor.nested(draft):
            continue
        if draft.cue_span is not None:
            cues_seen.add(draft.cue_span)
        kept.append(index)
    order = sorted(kept, key=lambda i: drafts[i].content[0])
    position = {old: new for new, old in enumerate(order)}
    extractor.drafts = [drafts[i] for i in order]
    for draft in extractor.drafts:
        if draft.speaker_from is not None:
            draft.speaker_from = position.get(draft.speaker_from)
    return extractor.statements()


__all__ = ["Quote", "extract_statements", "find_quotes", "load_cues"]
