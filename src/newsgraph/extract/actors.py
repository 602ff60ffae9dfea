"""Actor mentions: every name, role, person and pronoun resolved to one canonical actor.

``extract_mentions`` is pure over a parsed document, the article (for its publication date)
and the compiled actor dictionary. It finds, in order of trust:

1. dictionary names (aliases, names valid for a date range, names valid only after a full
   mention such as "the Post", capitals standing for their government when they act);
2. role phrases joined to the actor before them ("US defence officials" → ``usa.mil``,
   "Taliban fighters" → ``afg.taliban``), and role phrases alone ("a senior defence official");
3. people (named entities), with the role and affiliation their titles and appositions give,
   and later mentions of them by surname;
4. anaphora: pronouns, "who", and definite descriptions ("the official") resolved to an
   earlier mention by agreement, recency, subject preference and paragraph scope.
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass

import numpy
from spacy.attrs import IS_TITLE, LOWER, POS
from spacy.matcher import PhraseMatcher
from spacy.parts_of_speech import PROPN
from spacy.tokens import Doc, Span, Token

from ..actordict import ActorDictionary, NameSense, PersonSense, person_actor
from ..clean import paragraph_starts
from ..model import Actor, Article, Mention
from ..nlp import doc_text, tokens_among
from ..places import names_a_city

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
PERSON_KINDS = frozenset({"person"})
UNRESOLVED_LABELS = frozenset({"ORG", "GPE", "NORP"})


@dataclass
class _Found:
    """A mention under construction (token offsets kept for the parse)."""

    start: int  # token offsets
    end: int
    label: str
    method: str
    actor_id: str | None = None
    role: str | None = None
    sector: str | None = None
    number: str | None = None  # sg / pl
    gender: str | None = None
    person: bool = False  # refers to one human being
    refers_to: int | None = None  # index into the final list
    rule: str = ""
    confidence: float = 0.5
    definite: bool = False  # "the official" (a description that points back)
    adjective: bool = False  # "Afghan" before a noun: stands only when a role follows


def _number_of(token: Token) -> str | None:
    value = token.morph.get("Number")
    if value:
        return "pl" if value[0] == "Plur" else "sg"
    return None


@functools.cache
def _gender_detector():
    import gender_guesser.detector as detector

    return detector.Detector(case_sensitive=False)


def guess_gender(first_name: str) -> str | None:
    guess = _gender_detector().get_gender(first_name)
    if guess in ("male", "mostly_male"):
        return "male"
    if guess in ("female", "mostly_female"):
        return "female"
    return None


def _free(taken: set[int], start: int, end: int) -> bool:
    """No token of [start, end) is taken (a set of token indices: linear in the span, not in
    the number of spans taken, so long documents stay linear)."""
    return not any(i in taken for i in range(start, end))


def _select_spans(spans: Iterable[tuple[int, int, int, str]]) -> list[tuple[int, int, int, str]]:
    """Longest first, then by priority (lower wins), then leftmost; no two selected spans overlap."""
    chosen: list[tuple[int, int, int, str]] = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[2], s[0])):
        if _free(taken, span[0], span[1]):
            chosen.append(span)
            taken.update(range(span[0], span[1]))
    return sorted(chosen, key=lambda s: s[0])


class _Resolver:
    def __init__(self, doc: Doc, article: Article, book: ActorDictionary, matchers: tuple[PhraseMatcher, PhraseMatcher]):
        self.doc = doc
        self.book = book
        self.day = article.published or dt.date.today()
        self.name_matcher, self.role_matcher = matchers
        self.found: list[_Found] = []
        self.dropped: list[tuple[int, int]] = []  # spans known not to be actors
        self.people: dict[str, Actor] = {}  # actor id -> person actor
        self.surnames: dict[str, str] = {}  # surname -> person actor id
        self.paragraph_starts = paragraph_starts(doc_text(doc, article.text))

    # -- helpers ------------------------------------------------------------------------------

    def paragraph_of(self, token_index: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, self.doc[token_index].idx) - 1

    def actor(self, actor_id: str | None) -> Actor | None:
        if actor_id is None:
            return None
        return self.people.get(actor_id) or self.book.get(actor_id)

    def _root(self, start: int, end: int) -> Token:
        return self.doc[start:end].root

    def _with_determiner(self, start: int) -> tuple[int, bool]:
        """Extend a span left over "the"/"a" and qualifiers; say whether it is definite."""
        index = start
        qualifiers = self.book.qualifiers
        while index > 0:
            before = self.doc[index - 1].lower_
            if before in qualifiers:
                index -= 1
            elif before in ("and", "or") and index > 1 and self.doc[index - 2].lower_ in qualifiers:
                index -= 2  # "current and former officials"
            else:
                break
        if index > 0 and self.doc[index - 1].dep_ == "det":
            word = self.doc[index - 1].lower_
            return index - 1, word in ("the", "this", "that", "these", "those")
        return index, False

    # -- 1 and 2: names and roles -----------------------------------------------------------------

    def match_names_and_roles(self) -> None:
        strings = self.doc.vocab.strings
        spans: list[tuple[int, int, int, str]] = []
        for match_id, start, end in self.name_matcher(self.doc):
            spans.append((start, end, 0, "name:" + strings[match_id]))
        for match_id, start, end in self.role_matcher(self.doc):
            spans.append((start, end, 1, "role:" + strings[match_id]))
        spans += self.misspelt_states({i for s in spans for i in range(s[0], s[1])})
        selected = _select_spans(spans)
        roles = [s for s in spans if s[2] == 1]
        names: list[_Found] = []
        seen: dict[str, int] = {}  # actor id -> position of its latest full mention
        for start, end, _, key in selected:
            kind, _, surface = key.partition(":")
            if kind == "role":
                found = self.role_found(start, end, surface)
            else:
                found = self.name_found(start, end, surface, seen)
                if found is None:  # "the court" with no court named before: the role word stands
                    inner = _select_spans(r for r in roles if start <= r[0] and r[1] <= end)
                    found = self.role_found(inner[0][0], inner[0][1], inner[0][3][5:]) if inner else None
            if found is not None and found.method == "demonym" and found.start > 0 \
                    and self.doc[found.start - 1].lower_ in self.book.ethnic_markers:
                found = self.ethnic_found(found)
            if found is not None:
                names.append(found)
                if found.actor_id and found.method in ("dictionary", "dated", "metonym", "demonym"):
                    seen[found.actor_id] = found.start
        self.found = self.join_names_to_roles(names)

    def ethnic_found(self, found: _Found) -> _Found | None:
        """ "ethnic Albanians": a people, not the state's nationals; as a noun, civilians the
        located step may place in the country they are in; as an adjective ("ethnic Serb
        civilians"), nothing, the role after it standing alone."""
        if found.adjective:
            self.dropped.append((found.start, found.end))
            return None
        start = found.start - 1
        return _Found(start, found.end, "NORP", "role", None, role="ethnic group", sector="CVL", number="pl",
                      rule=f"ethnic:{self.doc[found.start:found.end].text}", confidence=0.6)

    def misspelt_states(self, taken: set[int]) -> list[tuple[int, int, int, str]]:
        """Proper nouns one letter away from the name or demonym of a state ("Ethopia", "Quatar",
        "Afgan"), read as that name; never a word the model takes for a person."""
        spans = []
        tags = self.doc.to_array([POS, IS_TITLE])  # whole-array test: no Token object per word
        for i in numpy.flatnonzero((tags[:, 0] == PROPN) & (tags[:, 1] == 1)).tolist():
            token = self.doc[i]
            if i in taken or token.ent_type_ == "PERSON":
                continue
            name = self.book.state_spellings.find(token.text)
            if name is not None:
                spans.append((token.i, token.i + 1, 0, "name:" + name))
        return spans

    def name_found(self, start: int, end: int, surface: str, seen: dict[str, int]) -> _Found | None:
        senses = self.book.names.get(surface, [])
        by_how: dict[str, list[NameSense]] = {}
        for sense in senses:
            by_how.setdefault(sense.how, []).append(sense)
        root = self._root(start, end)
        dated = [s for s in by_how.get("dated", []) if s.holds_on(self.day)]
        if dated:  # on a changeover day, the incoming holder
            choice = max(dated, key=lambda s: s.start or dt.date.min)
            return self._name(start, end, choice.actor_id, "dated", 0.9, surface)
        if by_how.get("alias"):
            choice = max(by_how["alias"], key=lambda s: seen.get(s.actor_id, -1))
            actor = self.actor(choice.actor_id)
            if actor is not None and actor.kind == "state" and self._is_place(root):
                return self._place(start, end, surface)  # "in Afghanistan": where, not who
            return self._name(start, end, choice.actor_id, "dictionary", 0.95, surface)
        if by_how.get("demonym"):
            actor_id = by_how["demonym"][0].actor_id
            # A demonym names an actor as a noun ("Afghans") or before a role ("Afghan troops").
            return self._name(start, end, actor_id, "demonym", 0.85, surface, adjective=root.pos_ not in ("NOUN", "PROPN") or root.dep_ in MODIFIER_DEPS)
        if by_how.get("metonym"):
            if self._is_place(root):
                return self._place(start, end, surface)  # "in Kabul": a place, not the government acting
            if root.dep_ == "compound" and root.head.pos_ == "PROPN" and not start <= root.head.i < end:
                return None  # the first word of a longer name: "Sofia Ferreira", "Kabul University"
            return self._name(start, end, by_how["metonym"][0].actor_id, "metonym", 0.8, surface)
        if by_how.get("after-mention"):
            earlier = [s for s in by_how["after-mention"] if s.actor_id in seen]
            if earlier:
                choice = max(earlier, key=lambda s: seen[s.actor_id])
                return _Found(start, end, "DESC", "after-mention", choice.actor_id, rule=f"after-mention:{surface}",
                              confidence=0.8, number="sg", definite=True,
                              sector=self._sector(choice.actor_id))
        return None

    def _is_place(self, root: Token) -> bool:
        """A name governed by a locative preposition ("in", "across", "from") names a place."""
        return root.dep_ == "pobj" and root.head.lower_ in self.book.locative_prepositions

    def _place(self, start: int, end: int, surface: str) -> _Found:
        return _Found(start, end, "GPE", "place", None, rule=f"place:{surface}", confidence=0.8)

    def _sector(self, actor_id: str | None) -> str | None:
        actor = self.actor(actor_id)
        return actor.sector if actor else None

    def _name(self, start: int, end: int, actor_id: str, method: str, confidence: float, surface: str,
              adjective: bool = False) -> _Found:
        if start > 0 and self.doc[start - 1].lower_ == "the":
            start -= 1
        actor = self.actor(actor_id)
        label = "NORP" if method == "demonym" else ("ORG" if actor and actor.kind != "state" else "GPE")
        return _Found(start, end, label, method, actor_id, rule=f"{method}:{surface}", confidence=confidence,
                      sector=actor.sector if actor else None, adjective=adjective)

    def role_found(self, start: int, end: int, phrase: str) -> _Found | None:
        role = self.book.roles[phrase]
        head = self.doc[end - 1]
        # A role word modifying another noun ("police station") names no actor, unless it is
        # a title in front of a person, which the person step reads.
        if head.dep_ in MODIFIER_DEPS and head.head.i >= end:
            return None
        begin, definite = self._with_determiner(start)
        return _Found(begin, end, "ROLE", "role", None, role=phrase, sector=role.sector,
                      number=role.number or _number_of(head), gender=role.gender,
                      person=(role.number or _number_of(head)) != "pl" and role.sector not in ("IGO",),
                      rule=f"role:{phrase}", confidence=0.6, definite=definite)

    def join_names_to_roles(self, items: list[_Found]) -> list[_Found]:
        """ "US" + "defence officials" → one mention of usa.mil; drop lone adjective demonyms."""
        out: list[_Found] = []
        index = 0
        while index < len(items):
            item = items[index]
            nxt = items[index + 1] if index + 1 < len(items) else None
            after = items[index + 2] if index + 2 < len(items) else None
            if item.method != "role" and item.actor_id and nxt is not None and nxt.method != "role" \
                    and nxt.actor_id and after is not None and after.method == "role" \
                    and self._coordinated(item.end, nxt.start) and self._adjacent(nxt.end, after.start, after):
                # "US and British forces": the first name shares the role of the pair that follows
                actor = self.actor(item.actor_id)
                if actor is not None and after.sector:
                    base = actor.parent if item.method == "metonym" and actor.parent else actor.id
                    target = self.book.sector_actor(base, after.sector)
                    out.append(_Found(item.start, item.end, "ROLE", "role", target.id, role=after.role,
                                      sector=target.sector or after.sector, number=after.number,
                                      gender=after.gender, person=after.person,
                                      rule=f"role+name:shared:{after.role}", confidence=0.75))
                    index += 1
                    continue
            if item.method != "role" and item.actor_id and nxt is not None and nxt.method == "role" \
                    and self._adjacent(item.end, nxt.start, nxt):
                actor = self.actor(item.actor_id)
                if actor is not None:
                    base = actor.parent if item.method == "metonym" and actor.parent else actor.id
                    target = self.book.sector_actor(base, nxt.sector) if nxt.sector else actor
                    role_start, definite = self._with_determiner(min(item.start, nxt.start))
                    out.append(_Found(role_start, nxt.end, "ROLE", "role", target.id, role=nxt.role,
                                      sector=target.sector or nxt.sector, number=nxt.number, gender=nxt.gender,
                                      person=nxt.person, rule=f"role+name:{nxt.role}", confidence=0.85,
                                      definite=definite))
                    index += 2
                    continue
            if item.adjective and item.method == "demonym" and nxt is not None and nxt.start == item.end \
                    and nxt.method == "demonym" and not nxt.adjective and nxt.actor_id != item.actor_id:
                # "Bosnian Serbs", "Kosovo Albanians": a people named by the country they live in
                # ("Turkish Cypriots": the noun's country, residence_nouns)
                noun = self.doc[nxt.start:nxt.end].text
                country = nxt.actor_id if noun in self.book.residence_nouns else item.actor_id
                out.append(_Found(item.start, nxt.end, "NORP", "demonym", country, number="pl",
                                  rule=f"{item.rule}+people:{self.doc[nxt.start:nxt.end].text}", confidence=0.75))
                index += 2
                continue
            if item.method == "after-mention" and nxt is not None and nxt.start == item.end and nxt.actor_id \
                    and nxt.method != "role":
                # "the militant group Islamic State": a description of the name that follows it
                nxt.start = item.start
                out.append(nxt)
                index += 2
                continue
            people = self._people_after(item) if item.adjective and item.method == "demonym" else None
            if people is not None and (nxt is None or nxt.start >= people):
                # "Iraqi Kurds", "Turkish Cypriots": a people the dictionary does not know, named
                # by the country they live in
                out.append(_Found(item.start, people, "NORP", "demonym", item.actor_id, number="pl",
                                  rule=f"{item.rule}+people:{self.doc[item.end:people].text}", confidence=0.7))
                index += 1
                continue
            if item.adjective:
                self.dropped.append((item.start, item.end))  # "Afghan soil": names no actor here
                index += 1
                continue
            out.append(item)
            index += 1
        return out

    def _people_after(self, item: _Found) -> int | None:
        """The end of a plural NORP entity right after an adjective demonym ("Iraqi Kurds"), if any."""
        token = self.doc[item.end] if item.end < len(self.doc) else None
        if token is None or token.ent_type_ != "NORP" or token.ent_iob_ != "B" or token.tag_ != "NNPS":
            return None
        end = item.end + 1
        while end < len(self.doc) and self.doc[end].ent_iob_ == "I":
            end += 1
        return end

    def _coordinated(self, first_end: int, second_start: int) -> bool:
        """Only "and", "or" or commas stand between two names ("US and British")."""
        between = self.doc[first_end:second_start]
        return len(between) > 0 and all(t.lower_ in ("and", "or", ",", "&") for t in between)

    def _adjacent(self, name_end: int, role_start: int, role: _Found) -> bool:
        """Only qualifiers, adjectives or a possessive 's stand between a name and a role."""
        for token in self.doc[name_end:role_start]:
            if token.lower_ in self.book.qualifiers or token.tag_ == "POS" or token.pos_ == "ADJ":
                continue
            if token.dep_ in ("compound", "amod") and role_start <= token.head.i < role.end:
                continue  # "Bangladeshi peacekeeping troops": a modifier of the role word itself
            return False
        return True

    # -- 3: people ------------------------------------------------------------------------------

    def locate_roles(self) -> None:
        """ "students throughout Indonesia", "workers in France": civilians of a located sector
        with no country of their own belong to the country they are in (a state's name)."""
        for f in self.found:
            if f.method != "role" or f.actor_id is not None:
                continue
            head = self.doc[f.end - 1]
            # "a newspaper based in Beirut": a body based in a country is of it, whatever its sector
            based = [c for c in head.children if c.dep_ == "acl" and c.lemma_ in self.book.based_verbs]
            if not based and f.sector not in self.book.located_sectors \
                    and (f.role or "") not in self.book.located_roles:
                continue
            preps = [c for b in based for c in b.children] or list(head.children)
            if not based and head.dep_ in ("nsubj", "nsubjpass") and head.head.pos_ == "VERB":
                preps += [c for c in head.head.children if c.i > head.i]  # "students protested in Indonesia"
            for prep in preps:
                if prep.dep_ != "prep" or prep.lower_ not in self.book.located_prepositions:
                    continue
                for obj in prep.children:
                    if obj.dep_ != "pobj":
                        continue
                    name = self.doc[obj.left_edge.i:obj.i + 1].text
                    name = name[4:] if name.lower().startswith("the ") else name
                    state = next((sense.actor_id for sense in self.book.names.get(name, ())
                                  if sense.how in ("alias", "name") and (a := self.actor(sense.actor_id)) is not None
                                  and a.kind == "state"), None)
                    if state is None and based:  # "based in Christian east Beirut": the capital
                        state = next((sense.actor_id.split(".")[0] for sense in self.book.names.get(obj.text, ())
                                      if sense.how in ("alias", "metonym")), None)
                    if state is not None:
                        target = self.book.sector_actor(state, f.sector)
                        f.actor_id, f.rule, f.confidence = target.id, f"{f.rule}+located:{name}", 0.6

    def find_people(self) -> None:
        taken = {i for f in self.found for i in range(f.start, f.end)}
        added: list[_Found] = []
        for ent in self.doc.ents:
            if ent.label_ != "PERSON":
                # The model sometimes labels a bare surname ORG or GPE: a known surname is the person;
                # so is the full name of a known leader ("Moody Awori" as ORG).
                surname = ent.text in self.surnames
                span = ent if surname else (self._trim_person(ent) if ent.label_ in ("ORG", "GPE", "NORP") else None)
                known = surname or (span is not None and len(span) > 1 and span.text in self.book.people.full
                                    and span.text not in self.book.names)
                if known and span is not None and _free(taken, span.start, span.end):
                    added.append(self.person_found(span))
                    taken.update(range(span.start, span.end))
                continue
            span = self._trim_person(ent)
            if span is None or not _free(taken, span.start, span.end):
                continue
            if any(sense.how in ("demonym", "alias", "name") for sense in self.book.names.get(span.text, ())):
                continue  # the model's PERSON "Bangladeshi", "Ugandan": a demonym or a state's name, no person
            if span.text not in self.surnames and names_a_city(span):
                continue  # the model's PERSON "near Garissa", "the city of Taiz": a place, no person
            added.append(self.person_found(span))
            taken.update(range(span.start, span.end))
        self.found = sorted(self.found + added, key=lambda f: f.start)

    def _trim_person(self, ent: Span) -> Span | None:
        start, end = ent.start, ent.end
        while end > start and self.doc[end - 1].tag_ == "POS":
            end -= 1
        while start < end and (self.doc[start].text in self.book.titles or self.doc[start].lower_ in self.book.roles):
            start += 1
        if start >= end or not self.doc[end - 1].is_alpha:
            return None
        return self.doc[start:end]

    def person_found(self, span: Span) -> _Found:
        words = [t.text for t in span]
        surname = words[-1]
        if len(words) == 1 and surname in self.surnames:
            actor_id = self.surnames[surname]
            actor = self.people[actor_id]
            return _Found(span.start, span.end, "PERSON", "surname", actor_id, person=True, number="sg",
                          gender=actor.gender, role=actor.role, sector=actor.sector,
                          rule="surname", confidence=0.85)
        role, affiliation, gender = self.describe_person(span)
        if gender is None and len(words) > 1:
            gender = guess_gender(words[0])
        aff = self.actor(affiliation)
        if aff is None or not aff.country:
            # a known leader named without a demonym ("President Mugabe", "Putin"): the country
            # of data/actors/people.yaml, the office giving the sector when the title does not
            known = self.known_person(span, role)
            if known is not None:
                role = role or known.role
                sector = self._office_sector(role)
                state = known.country.lower()
                aff = self.book.sector_actor(state, sector) if sector else self.book.get(state)
                affiliation = aff.id if aff is not None else None
        actor = person_actor(
            " ".join(words), role=role, gender=gender,
            affiliations=(affiliation,) if affiliation else (),
            country=aff.country if aff else None,
            sector=(aff.sector if aff and aff.kind != "person" else None) or (self.book.roles[role].sector if role in self.book.roles else None),
        )
        known = self.people.get(actor.id)
        if known is None or (not known.affiliations and actor.affiliations):
            self.people[actor.id] = actor
        actor = self.people[actor.id]
        self.surnames.setdefault(surname, actor.id)
        return _Found(span.start, span.end, "PERSON", "person", actor.id, person=True, number="sg",
                      gender=actor.gender, role=actor.role, sector=actor.sector, rule="ner:PERSON", confidence=0.8)

    def _office_sector(self, role: str) -> str | None:
        """The sector of an office: its role word ("interior minister" GOV), else the first word of
        it that is a role of another sector ("rebel leader" REB, "opposition leader" OPP), else
        GOV when every word is a role word; None for offices of groups the roles do not know
        ("hamas leader"), whose holders are then affiliated to the state itself."""
        roles = self.book.roles
        if role in roles:
            return roles[role].sector
        words = role.split()
        sectors = [roles[w].sector for w in words if w in roles]
        other = [s for s in sectors if s != "GOV"]
        if other:
            return other[0]
        return "GOV" if sectors and len(sectors) == len(words) else None

    def known_person(self, span: Span, role: str | None) -> PersonSense | None:
        """The political figure of people.yaml a name means, if any: the name with a title before
        it ("King Hussein"), the name, its last word; one-letter misspellings of a leader's name
        ("Bouteflicka") only for the model's PERSON entities."""
        people = self.book.people
        title = self.doc[span.start - 1].text if span.start > 0 else None
        if title is not None and title[:1].isupper():
            found = people.full.get(f"{title} {span.text}")
            if found:
                return found[0]
        fuzzy = span.root.ent_type_ == "PERSON"
        return people.lookup(span.text, self.day, title_role=role, fuzzy=fuzzy)

    def describe_person(self, span: Span) -> tuple[str | None, str | None, str | None]:
        """Role, affiliation and gender from titles before the name and from appositions."""
        role: str | None = None
        affiliation: str | None = None
        gender: str | None = None
        # Titles and role words just before the name, and name mentions before them
        # ("National Security Council Spokesperson Adrienne Watson").
        index = span.start - 1
        while index >= 0 and self.doc[index].head.i in range(span.start, span.end) or (
            index >= 0 and self.doc[index].text in self.book.titles
        ):
            token = self.doc[index]
            title = self.book.titles.get(token.text)
            if title:
                gender = gender or title.get("gender")
                role = role or title.get("role")
            elif token.lower_ in self.book.roles:
                role = role or token.lower_
            index -= 1
        before = [f for f in self.found if f.end <= span.start and f.end >= index + 1 and f.actor_id]
        if before:
            affiliation = before[-1].actor_id
        else:  # "Serbian President Vojislav Kostunica": the demonym before the title
            first = span.start  # the modifiers chained to the left of the name ("Nigerian junior foreign minister")
            while first > 0 and first - 1 < self.doc[first - 1].head.i < span.end:
                first -= 1
            for token in self.doc[first:span.start]:
                state = next((sense.actor_id for sense in self.book.names.get(token.text, ())
                              if sense.how == "demonym"), None)
                if state is not None:
                    sector = self.book.roles[role].sector if role in self.book.roles else None
                    affiliation = self.book.sector_actor(state, sector).id if sector else state
                    break
        # Appositions: "Nathan Sales, the State Department's coordinator for counterterrorism"
        # and "A spokesperson for the Taliban's Political Office, Suhail Shaheen".
        root = span.root
        partners = [child for child in root.children if child.dep_ == "appos"]
        if root.dep_ == "appos":
            partners.append(self.apposition_head(root))
        for partner in partners:
            tokens = {t.i for t in partner.subtree} - set(range(span.start, span.end))
            if root.dep_ == "appos" and partner is partners[-1]:
                tokens = {partner.i} | {t.i for c in partner.children if c.i not in range(span.start, span.end)
                                        and c.dep_ != "appos" for t in c.subtree}
            inside = [f for f in self.found if f.start in tokens and f.end - 1 in tokens]
            for f in inside:
                if f.role and role is None:
                    role = f.role
                if f.actor_id and affiliation is None and f.actor_id != span.text:
                    affiliation = f.actor_id
            if role is None and partner.lower_ in self.book.roles:
                role = partner.lower_
            if role is None:
                role = self._role_phrase(partner)
        return role, affiliation, gender

    def apposition_head(self, token: Token) -> Token:
        """The noun a name stands in apposition to, climbing out of a 'for …' phrase to a role word:
        in "A spokesperson for the Taliban's Political Office, Suhail Shaheen" the parser may attach
        the name to "Office"; the partner is "spokesperson"."""
        head = token.head
        probe = head
        while probe.dep_ == "pobj" and probe.head.dep_ == "prep" and probe.head.head.i != probe.head.i:
            probe = probe.head.head
            if probe.lower_ in self.book.roles:
                return probe
        return head

    def _role_phrase(self, token: Token) -> str | None:
        """The head noun of an apposition with its 'for …' complement, as the role."""
        if token.pos_ != "NOUN":
            return None
        words = [token.lower_]
        for child in token.rights:
            if child.dep_ == "prep" and child.lower_ == "for":
                words += [t.lower_ for t in child.subtree]
                break
        return " ".join(words)

    def link_appositions(self) -> None:
        """A role mention in apposition with a person is that person ("A spokesperson …, Suhail Shaheen")."""
        by_token = {}
        for index, f in enumerate(self.found):
            for t in range(f.start, f.end):
                by_token[t] = index
        for f in self.found:
            if f.method != "role" or f.person is False:
                continue
            head = self.doc[f.end - 1]
            partners = [t for t in head.subtree if t.dep_ == "appos" and self.apposition_head(t).i == head.i]
            if head.dep_ == "appos":
                partners.append(head.head)
            for partner in partners:
                other = by_token.get(partner.i)
                if other is not None and self.found[other].method in ("person", "surname"):
                    f.actor_id = self.found[other].actor_id
                    f.sector = self.found[other].sector or f.sector
                    f.method = "apposition"
                    f.confidence = 0.8
                    break

    # -- 4: anaphora -----------------------------------------------------------------------------

    def resolve_anaphora(self) -> None:
        taken = {t for f in self.found for t in range(f.start, f.end)}
        pronouns: list[_Found] = []
        for token in tokens_among(self.doc, self.doc.to_array(LOWER),
                                  self.book.pronouns.keys() | self.book.ordinal_references.keys() | {"who"}):
            if token.i in taken:
                continue
            info = self.book.pronouns.get(token.lower_)
            if info and token.pos_ == "PRON":
                pronouns.append(_Found(token.i, token.i + 1, "PRON", "pronoun", number=info.get("number"),
                                       gender=info.get("gender"), person=bool(info.get("person")),
                                       rule=f"pronoun:{token.lower_}", confidence=0.6))
            elif token.lower_ in self.book.ordinal_references and token.i > 0 and self.doc[token.i - 1].lower_ == "the" \
                    and token.dep_ not in ("amod", "compound") and token.i - 1 not in taken:
                pronouns.append(_Found(token.i - 1, token.i + 1, "DESC", "ordinal", rule=f"ordinal:{token.lower_}",
                                       confidence=0.6))
            elif token.lower_ == "who" and token.dep_ in SUBJECT_DEPS:
                pronouns.append(_Found(token.i, token.i + 1, "PRON", "relative", number=None, person=True,
                                       rule="relative:who", confidence=0.75))
        merged = sorted(self.found + pronouns, key=lambda f: f.start)
        for index, item in enumerate(merged):
            if item.method == "ordinal":
                self._resolve_ordinal(index, item, merged)
            elif item.method == "pronoun":
                self._resolve_pronoun(index, item, merged)
            elif item.method == "relative":
                self._resolve_relative(index, item, merged)
            elif item.method == "role" and item.actor_id is None and item.definite:
                self._resolve_description(index, item, merged)
        self.found = [f for f in merged if f.method not in ("pronoun", "relative", "ordinal") or f.refers_to is not None]
        # Re-index antecedents after dropping unresolved pronouns.
        position = {id(f): i for i, f in enumerate(self.found)}
        for f in self.found:
            if f.refers_to is not None:
                f.refers_to = position.get(f.refers_to)  # type: ignore[arg-type]

    def _candidates(self, index: int, merged: list[_Found], paragraphs_back: int) -> list[tuple[int, _Found]]:
        here = self.paragraph_of(merged[index].start)
        out = []
        for j in range(index - 1, -1, -1):
            cand = merged[j]
            if here - self.paragraph_of(cand.start) > paragraphs_back:
                break
            if cand.method in ("pronoun", "relative") and cand.refers_to is None:
                continue
            out.append((j, cand))
        return out

    def _reporting_subjects(self, pronoun: _Found) -> set[int]:
        """For a pronoun subject of a reported clause ("X said that it had …"), the subjects of
        the verb that reports it: the speaker is the likeliest antecedent."""
        token = self.doc[pronoun.start]
        if token.dep_ not in SUBJECT_DEPS or token.head.dep_ != "ccomp":
            return set()
        verb = token.head.head
        return {child.i for child in verb.children if child.dep_ in SUBJECT_DEPS}

    def _score(self, pronoun: _Found, cand: _Found, rank: int) -> float:
        root = self._root(cand.start, cand.end)
        score = -0.05 * rank
        if root.dep_ in SUBJECT_DEPS:
            score += 0.5
        if root.i in self._reporting_subjects(pronoun):
            score += 0.4
        if cand.method in ("person", "surname"):
            score += 0.3
        if self.paragraph_of(cand.start) == self.paragraph_of(pronoun.start):
            score += 0.2
        return score

    def _resolve_pronoun(self, index: int, item: _Found, merged: list[_Found]) -> None:
        token = self.doc[item.start]
        # "the US and its allies": a possessive on a conjunct points to the other conjunct.
        if token.dep_ == "poss" and token.head.dep_ == "conj":
            partner = token.head.head.i
            for cand in reversed(merged[:index]):
                if cand.start <= partner < cand.end and cand.actor_id and self._agrees(item, cand):
                    self._link(item, cand)
                    return
        best: tuple[float, int, _Found] | None = None
        cands = self._candidates(index, merged, paragraphs_back=1)
        speakers = self._reporting_subjects(item) if item.number == "sg" and not item.person else set()
        if speakers and not any(self._root(c.start, c.end).i in speakers for _, c in cands):
            return  # "the ministry said that it …" with the ministry unknown: not someone further back
        for rank, (j, cand) in enumerate(cands):
            if not self._agrees(item, cand):
                continue
            score = self._score(item, cand, rank)
            if best is None or score > best[0]:
                best = (score, j, cand)
        if best is not None:
            self._link(item, best[2])

    def _agrees(self, pronoun: _Found, cand: _Found) -> bool:
        actor = self.actor(cand.actor_id)
        is_person = cand.person or (actor is not None and actor.kind in PERSON_KINDS)
        if pronoun.person and not is_person:
            return False
        if pronoun.number == "sg" and not pronoun.person:  # its
            return not is_person and cand.number != "pl"
        if pronoun.number == "pl":  # they: a plural role, or a group/organisation/state
            return cand.number == "pl" or (actor is not None and actor.kind not in PERSON_KINDS and not cand.person)
        if pronoun.gender and cand.gender and pronoun.gender != cand.gender:
            return False
        return cand.number != "pl"

    def _resolve_ordinal(self, index: int, item: _Found, merged: list[_Found]) -> None:
        """ "the former" / "the latter": the older or newer of the last two distinct actors named."""
        distinct: list[_Found] = []
        for _, cand in self._candidates(index, merged, paragraphs_back=0):
            if cand.actor_id and all(cand.actor_id != d.actor_id for d in distinct):
                distinct.append(cand)
            if len(distinct) == 2:
                break
        if len(distinct) == 2:
            which = self.book.ordinal_references[self.doc[item.end - 1].lower_]
            self._link(item, distinct[1] if which == "first" else distinct[0])

    def _resolve_relative(self, index: int, item: _Found, merged: list[_Found]) -> None:
        token = self.doc[item.start]
        head = token.head
        while head.dep_ in ("ccomp", "xcomp", "conj") and head.head.i != head.i:
            head = head.head
        if head.dep_ != "relcl":
            return
        noun = head.head.i
        for j in range(index - 1, -1, -1):
            cand = merged[j]
            if cand.start <= noun < cand.end:
                self._link(item, cand)
                return

    def _resolve_description(self, index: int, item: _Found, merged: list[_Found]) -> None:
        """ "the official" → the latest earlier mention with the same role word, within three
        paragraphs; "the army", "the police" (one institution, not a person) → across the whole
        article ("Sudan's army" in the lead, "The army accused …" eight paragraphs on)."""
        head_word = (item.role or "").split()[-1]
        institution = (item.role or "").lower() in self.book.institutions
        here = self.paragraph_of(item.start)
        for j, cand in self._candidates(index, merged, paragraphs_back=len(self.paragraph_starts) if institution else 3):
            cand_role = (cand.role or "").split()[-1:] or [""]
            actor = self.actor(cand.actor_id)
            if here - self.paragraph_of(cand.start) > 3 and (actor is None or actor.kind == "person"):
                continue  # past three paragraphs only an institution's own earlier name
            if cand_role[0] == head_word or (actor and actor.role and actor.role.split()[0] == head_word):
                item.method = "description"
                item.refers_to = id(cand)  # type: ignore[assignment]
                item.actor_id = cand.actor_id
                item.confidence = 0.7
                return

    def _link(self, item: _Found, cand: _Found) -> None:
        item.refers_to = id(cand)  # type: ignore[assignment]  # an index once the list is final
        item.actor_id = cand.actor_id
        item.sector = cand.sector
        item.role = cand.role

    # -- context: the most specific actor the article names ---------------------------------------

    def narrow_to_context(self) -> None:
        """If an article names exactly one branch of an actor (ISIS-K of IS), the bare actor means it."""
        mentioned = {f.actor_id for f in self.found if f.actor_id}
        children: dict[str, set[str]] = {}
        for actor_id in mentioned:
            actor = self.actor(actor_id)
            if actor and actor.parent and actor.kind == "armed group" and actor.parent in mentioned:
                children.setdefault(actor.parent, set()).add(actor_id)
        for f in self.found:
            branch = children.get(f.actor_id or "")
            if branch and len(branch) == 1:
                f.actor_id = next(iter(branch))
                f.rule += "+context"

    def add_unresolved_entities(self) -> None:
        """Named entities the dictionary does not know, kept unresolved (method ``ner``)."""
        taken = {i for start, end in [(f.start, f.end) for f in self.found] + self.dropped for i in range(start, end)}
        extra = [
            _Found(ent.start, ent.end, ent.label_, "ner", rule=f"ner:{ent.label_}", confidence=0.5)
            for ent in self.doc.ents
            if ent.label_ in UNRESOLVED_LABELS and _free(taken, ent.start, ent.end)
        ]
        if extra:
            merged = sorted(self.found + extra, key=lambda f: f.start)
            index_of = {id(f): i for i, f in enumerate(merged)}
            order = [id(f) for f in self.found]
            for f in merged:
                if f.refers_to is not None:
                    f.refers_to = index_of[order[f.refers_to]]
            self.found = merged

    # -- output ----------------------------------------------------------------------------------------

    def mentions(self, article_id: str) -> tuple[list[Mention], list[Actor]]:
        doc = self.doc
        mentions = []
        actor_ids: dict[str, None] = {}
        for f in self.found:
            span = doc[f.start:f.end]
            mentions.append(Mention(
                article_id=article_id, start=span.start_char, end=span.end_char, text=span.text,
                label=f.label, method=f.method, actor_id=f.actor_id, rule=f.rule,
                confidence=f.confidence, role=f.role, sector=f.sector, refers_to=f.refers_to,
            ))
            if f.actor_id:
                actor_ids[f.actor_id] = None
        actors = [a for a in (self.actor(i) for i in actor_ids) if a is not None]
        return mentions, actors


def extract_mentions(
    doc: Doc, article: Article, book: ActorDictionary, matchers: tuple[PhraseMatcher, PhraseMatcher]
) -> tuple[list[Mention], list[Actor]]:
    """Every actor mention in ``doc`` and the actors they resolve to."""
    resolver = _Resolver(doc, article, book, matchers)
    resolver.match_names_and_roles()
    resolver.find_people()
    resolver.link_appositions()
    resolver.locate_roles()
    resolver.resolve_anaphora()
    resolver.narrow_to_context()
    resolver.add_unresolved_entities()
    return resolver.mentions(article.id)


__all__ = ["extract_mentions", "guess_gender"]
