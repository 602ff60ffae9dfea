"""Quotes joined to statements: the cue beside, before or around a quote."""
from __future__ import annotations

import bisect

from spacy.tokens import Span, Token

from ...clean import PARAGRAPH_SEPARATOR

from .cues import CLAUSE_DEPS, DOUBLE_OPEN, OPENING_CUE_TOKENS, SPLIT_GAP, TENSED_TAGS, TWO_APOSTROPHES
from .draft import _Draft, _trim
from .marks import Quote


class _QuoteAttacher:
    """Every quote joins a statement: its frame verb, an opening cue, a block quote, the nearest cue."""

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
