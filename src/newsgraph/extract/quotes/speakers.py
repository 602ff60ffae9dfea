"""Speakers the parser did not attach to their cue."""
from __future__ import annotations

from spacy.tokens import Token

from .cues import DATELINE, SUBJECT_DEPS, TENSED_TAGS
from .draft import _char_span, _trim


class _Speakers:
    """A speaker the parser did not attach to its cue: beside it, near it, in a phrase before it."""

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
