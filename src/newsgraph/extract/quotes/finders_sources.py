"""Statements from a named source without a cue verb: according to, openers, colons, dashes, signed lines."""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ...model import Mention

from .cues import COLON_BREAKS, COLON_PARTNER, DOUBLE_OPEN, INVERTED_CUE, SUBJECT_DEPS
from .draft import _char_span, _Draft, _trim


class _SourceFinders:
    """ "According to X", "in sources", person openers, colon and headline statements, dash and signed lines."""

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

    def merge_quoting(self) -> None:
        """ "the report said …, quoting US defence officials": the officials speak, via the report."""
        keep, merged = [], set()
        for draft in self.drafts:
            if draft.kind == "according-to" and draft.cue_text and draft.cue_text.lower() in ("quoting", "citing"):
                if not self.names_someone(draft.speaker_span):
                    continue  # "he said, citing rising costs", "Citing the attack, Lee urged …": a reason, not who speaks
                host = next((d for d in self.drafts if d is not draft and d.cue is not None and d.content
                             and d.cue_span != draft.cue_span  # not "citing" itself read as an object cue
                             and d.content[0][0] < draft.content[0][1] and draft.content[0][0] < d.content[0][1]), None)
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
