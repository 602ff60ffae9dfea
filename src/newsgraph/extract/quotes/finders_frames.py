"""Statements in a frame around a cue: phrases, copulas, attitudes, speech acts."""
from __future__ import annotations

from spacy.tokens import Token

from .cues import DOUBLE_OPEN
from .draft import _around, _char_span, _Draft, _trim


class _FrameFinders:
    """Phrase cues, copula and attitude frames, manner infinitives, relative objects, agent participles, speech acts."""

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
