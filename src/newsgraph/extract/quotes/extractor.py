"""The extractor: a document's drafts, their speakers, and the statements made of them."""
from __future__ import annotations

from collections.abc import Iterable

import numpy
from spacy.attrs import LEMMA, LOWER, SENT_START
from spacy.tokens import Doc, Span, Token

from ...clean import paragraph_starts
from ...model import Actor, Article, Mention, Statement
from ...nlp import doc_text, tokens_among

from .attach import _QuoteAttacher
from .cues import INFINITIVE_GAP, LEAD_GAP, REPORTED_PATH_DEPS, SUBJECT_DEPS, TITLE_WORDS, load_cues
from .draft import _char_span, _Draft, _outside, _trim
from .finders_frames import _FrameFinders
from .finders_nouns import _NounFinders
from .finders_sources import _SourceFinders
from .finders_verbs import _VerbFinders
from .marks import find_quotes
from .speakers import _Speakers


class _Extractor(_Speakers, _VerbFinders, _FrameFinders, _NounFinders, _SourceFinders, _QuoteAttacher):
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
        if verb.tag_ != "VBG" or verb.dep_ != "advcl" or verb.i == 0 or self.doc[verb.i - 1].text != "," \
                or any(c.dep_ in SUBJECT_DEPS for c in verb.children) or self.cue_lemma(verb) is None:
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

    def nested(self, draft: _Draft) -> bool:
        """A cue of thought or intention inside what another statement reports ("he said he believes
        …", "the report said she plans to …"): PolNeAR's annotators mark it about one time in five."""
        if draft.cue is None or draft.cue_span is None or draft.cue.lemma_.lower() in self.cues.nested_cues \
                or draft.direct:
            return False
        start = draft.cue_span[0]
        return any(other is not draft and other.cue_span is not None and any(s <= start < e for s, e in other.content)
                   for other in self.drafts)

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
        if span is None or not self.root_clause_cues:
            return span
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
        position = {id(d): i for i, d in enumerate(drafts)}
        documents_named = self.cues.documents
        for index, st in enumerate(out):
            named = drafts[index].denies
            if named is not None and id(named) in position:
                out[index] = replace(st, disputes=position[id(named)])
                continue
            documents = [o for o in range(index) if out[o].kind == "document" and out[o].speaker_actor_id != st.speaker_actor_id]
            # the most specific document named ("a leaked Pentagon assessment" over "the report")
            target = max(documents, key=lambda o: (len((out[o].speaker or "").split()), o), default=None)
            if drafts[index].stance == "confirm" and not st.negated:
                if target is not None:
                    out[index] = replace(st, supports=target)  # "officials confirmed the report"
                else:  # what it confirms may be in another article of the story (the store links it)
                    out[index] = replace(st, flags=st.flags + ("confirmation",))
                continue
            words = set(st.content.lower().replace("n't", " n't").split())
            denial = st.negated or bool(words & self.cues.negations)
            bare = {w.strip(".,;:“”\"'’") for w in words}  # (whole words: not "ordered" for "order")
            about_document = any(w in documents_named or w.removesuffix("s") in documents_named for w in bare)
            if not (denial and about_document):
                continue  # ("the Houthis have not attacked Saudi territory" denies no report)
            if target is not None:
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
