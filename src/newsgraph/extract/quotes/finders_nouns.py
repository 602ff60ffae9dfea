"""Statements without a cue verb: an adverb of hearsay, a noun of speech, a denied claim."""
from __future__ import annotations

from spacy.tokens import Token

from .draft import _char_span, _Draft, _trim


class _NounFinders:
    """Adverbs of hearsay ("reportedly"), owned nouns of speech ("Trump's claim that …"), claims a denial names."""

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
