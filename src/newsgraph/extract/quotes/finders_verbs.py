"""Statements with a cue verb: its clause, object or quote, and the verb-shaped variants."""
from __future__ import annotations

from spacy.tokens import Token

from .cues import CLAUSE_DEPS, DOUBLE_OPEN, IMPRESSION_SPEAKER_TOKENS, OBJECT_TAIL_DEPS, SUBJECT_DEPS, TENSED_TAGS
from .draft import _around, _char_span, _Draft, _trim


class _VerbFinders:
    """Cue verbs, and the shapes the parser gives them: clauses read as relative or as the root,
    impressions, passives, trailing participles."""

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
        if verb.dep_ in SUBJECT_DEPS or request.i == verb.i or asker.dep_ != "relcl":
            return False
        asked = self.anonymity_request(asker)
        if asked is None or asked.i != request.i:
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
