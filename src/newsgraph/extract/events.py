"""Who did what to whom: PLOVER events with CAMEO codes, from patterns over the parse.

``extract_events`` is pure over a parsed document, its actor mentions and its statements. For
every verb or event noun that a pattern in ``data/events/patterns.yaml`` knows:

- source and target come from the dependency frame: the subject and the object or the
  preposition the pattern names; passive voice swaps them ("were attacked by"); coordinated
  actors ("US and British forces") stay in one event; a noun takes its possessor or compound
  ("IS attacks on Taliban targets") and its "by" phrase as the source;
- the status: denied ("did not attack", "denied carrying out the attack"), hypothetical
  ("could attack"), intended ("ready to cooperate", "plans to impose" — an intent to cooperate
  is coded AGREE, as PLOVER says), claimed (inside a statement, linked to it), or asserted;
- one event per (source, type, target) per sentence, keeping its trigger, sentence, pattern id
  and confidence.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..model import Article, Event, Mention, Statement
from ..places import alpha2, alpha3, gazetteer
from ..resources import load_yaml
from .quotes import load_cues

SUBJECTS = ("nsubj", "nsubjpass")
NOUN_PHRASE_DEPS = frozenset({"det", "amod", "compound", "poss", "nummod", "nmod", "case", "quantmod", "predet"})


@dataclass(frozen=True)
class Pattern:
    id: str
    type: str
    mode: str | None
    cameo: str | None
    target: tuple[str, ...]
    source: tuple[str, ...] = ()
    particle: str | None = None
    object_lemmas: frozenset[str] = frozenset()
    subject_lemmas: frozenset[str] = frozenset()  # verbs: the subject (or a modifier of it) must have one
    context_lemmas: frozenset[str] = frozenset()  # verbs: a word of the verb's phrase, outside the subject
    modifiers: frozenset[str] = frozenset()  # nouns: a modifier one of these must have ("hunger strike")
    joint_type: str | None = None  # the type when done together: two sources or more, or a joint modifier
    joint_cameo: str | None = None
    joint_modifiers: frozenset[str] = frozenset()
    needs_target: bool = False
    noun: bool = False
    stative: bool = False  # a passive form whose subject acts ("Ghana is committed to …")


@dataclass(frozen=True)
class EventBook:
    verbs: dict[str, tuple[Pattern, ...]]
    nouns: dict[str, tuple[Pattern, ...]]
    intent: frozenset[str]
    hypothetical: frozenset[str]
    threat: frozenset[str]
    denial: frozenset[str]
    cameo: dict[str, dict]
    types: dict[str, dict]
    light_verbs: frozenset[str] = frozenset()
    object_control: frozenset[str] = frozenset()
    type_cameo: dict[str, str] = field(default_factory=dict)  # a type's first 3-digit CAMEO code
    intended_types: dict[str, str] = field(default_factory=dict)
    refusal_types: frozenset[str] = frozenset()
    obligation: frozenset[str] = frozenset()
    place_prepositions: frozenset[str] = frozenset()
    place_target_types: frozenset[str] = frozenset()
    place_source_modes: frozenset[str] = frozenset()  # "was arrested in Lebanon": the authorities there act
    home_sectors: frozenset[str] = frozenset()  # sectors that act at home (police), lower case
    ethnic_markers: frozenset[str] = frozenset()  # "ethnic Albanians": a people, not a state (roles.yaml)
    place_labels: frozenset[str] = frozenset()  # entity labels of cities and regions whose country is an actor
    place_min_confidence: float = 0.0
    refusal_markers: frozenset[str] = frozenset()
    threat_conditions: frozenset[str] = frozenset()
    threat_target_marks: frozenset[str] = frozenset()  # "… if the US goes ahead": the threatened party
    condition_target_types: frozenset[str] = frozenset()  # types addressed to their condition's subject
    reported_future: frozenset[str] = frozenset()
    request_markers: frozenset[str] = frozenset()
    deliberation: frozenset[str] = frozenset()
    quantity_nouns: frozenset[str] = frozenset()
    carrier_nouns: frozenset[str] = frozenset()
    travel_verbs: frozenset[str] = frozenset()
    participation_verbs: frozenset[str] = frozenset()
    domestic_target_types: frozenset[str] = frozenset()
    domestic_target_sectors: frozenset[str] = frozenset()


def _as_tuple(value) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(str(v) for v in (value if isinstance(value, (list, tuple)) else [value]))


@functools.cache
def load_event_book() -> EventBook:
    ontology = load_yaml("events", "plover.yaml")
    raw = load_yaml("events", "patterns.yaml")
    verbs: dict[str, list[Pattern]] = {}
    nouns: dict[str, list[Pattern]] = {}
    for kind, table in (("verbs", verbs), ("nouns", nouns)):
        for entry in raw.get(kind, []):
            pattern = Pattern(
                id=str(entry["id"]), type=str(entry["type"]), mode=entry.get("mode"),
                cameo=str(entry["cameo"]) if entry.get("cameo") is not None else None,
                target=_as_tuple(entry.get("target")), source=_as_tuple(entry.get("source")),
                particle=entry.get("particle"),
                object_lemmas=frozenset(_as_tuple(entry.get("object_lemmas"))),
                subject_lemmas=frozenset(_as_tuple(entry.get("subject_lemmas"))),
                context_lemmas=frozenset(_as_tuple(entry.get("context_lemmas"))),
                modifiers=frozenset(m.lower() for m in _as_tuple(entry.get("modifiers"))),
                joint_type=(entry.get("joint") or {}).get("type"),
                joint_cameo=str((entry.get("joint") or {}).get("cameo") or "") or None,
                joint_modifiers=frozenset(m.lower() for m in _as_tuple((entry.get("joint") or {}).get("modifiers"))),
                needs_target=bool(entry.get("needs_target", False)), noun=kind == "nouns",
                stative=bool(entry.get("stative", False)),
            )
            for lemma in _as_tuple(entry.get("lemmas")):
                table.setdefault(lemma.lower(), []).append(pattern)
    complement = raw.get("verbs_with_complement", {}) or {}
    cameo = {str(k): dict(v or {}) for k, v in (ontology.get("cameo") or {}).items()}
    type_cameo: dict[str, str] = {}
    for code, info in sorted(cameo.items()):
        plover = info.get("plover") or {}
        if len(code) == 3 and plover.get("type"):
            type_cameo.setdefault(plover["type"], code)
    return EventBook(
        verbs={k: tuple(v) for k, v in verbs.items()},
        nouns={k: tuple(v) for k, v in nouns.items()},
        intent=frozenset(_as_tuple(complement.get("intent"))),
        hypothetical=frozenset(_as_tuple(complement.get("hypothetical"))),
        threat=frozenset(_as_tuple(raw.get("threat_markers") or complement.get("threat_markers"))),
        denial=frozenset(_as_tuple(raw.get("denial_markers") or complement.get("denial_markers"))),
        cameo=cameo,
        types={str(k): dict(v or {}) for k, v in (ontology.get("types") or {}).items()},
        light_verbs=frozenset(_as_tuple(raw.get("light_verbs"))),
        intended_types={str(k): str(v) for k, v in (raw.get("intended_types") or {}).items()},
        threat_conditions=frozenset(_as_tuple(raw.get("threat_conditions"))),
        threat_target_marks=frozenset(_as_tuple(raw.get("threat_target_marks"))),
        condition_target_types=frozenset(_as_tuple(raw.get("condition_target_types"))),
        refusal_types=frozenset(_as_tuple(raw.get("refusal_types"))),
        obligation=frozenset(_as_tuple(raw.get("obligation_modals"))),
        place_prepositions=frozenset(_as_tuple(raw.get("near_target_place_prepositions"))),
        place_target_types=frozenset(_as_tuple(raw.get("near_target_place_types"))),
        place_labels=frozenset(_as_tuple(raw.get("place_entity_labels"))),
        home_sectors=frozenset(w.lower() for w in _as_tuple(raw.get("home_sectors"))),
        place_source_modes=frozenset(_as_tuple(raw.get("place_source_modes"))),
        ethnic_markers=frozenset(w.lower() for w in _as_tuple(load_yaml("actors", "roles.yaml").get("ethnic_markers"))),
        place_min_confidence=float(raw.get("place_min_confidence", 0.0)),
        refusal_markers=frozenset(_as_tuple(raw.get("refusal_markers"))),
        reported_future=frozenset(_as_tuple(raw.get("reported_future"))),
        request_markers=frozenset(_as_tuple(raw.get("request_markers"))),
        deliberation=frozenset(_as_tuple(complement.get("deliberation"))),
        quantity_nouns=frozenset(_as_tuple(raw.get("quantity_nouns"))),
        carrier_nouns=frozenset(_as_tuple(raw.get("carrier_nouns"))),
        travel_verbs=frozenset(_as_tuple(raw.get("travel_verbs"))),
        participation_verbs=frozenset(_as_tuple(raw.get("participation_verbs"))),
        domestic_target_types=frozenset(_as_tuple(raw.get("domestic_target_types"))),
        domestic_target_sectors=frozenset(s.lower() for s in _as_tuple(raw.get("domestic_target_sectors"))),
        object_control=frozenset(_as_tuple(raw.get("object_control"))),
        type_cameo=type_cameo,
    )


# The search for a target the pattern's slots did not give: which dependents can hold one, which
# subtrees are never searched (the subject, clauses with a subject of their own). The prepositions
# of place and the types for which a place is a target are data (patterns.yaml).
TARGET_DEPS = frozenset({"dobj", "pobj", "dative", "poss", "compound", "nmod", "amod", "conj", "appos"})
TARGET_SKIP = frozenset({"nsubj", "nsubjpass", "csubj", "advcl", "relcl", "ccomp", "parataxis", "punct",
                         "mark", "aux", "auxpass", "acl", "cc", "npadvmod"})
NAME_ENTITIES = frozenset({"ORG", "PERSON", "GPE", "NORP", "FAC", "WORK_OF_ART", "LAW", "PRODUCT"})
REFUSAL = "refusal"


_STATES: dict[int, tuple[dict, frozenset[str]]] = {}  # id(names) -> (names, state ids): one entry per index


def noun_lemma(token: Token) -> str:
    """The lemma, joined with a hyphenated first part written before it: "cease-fire" →
    "ceasefire", "cyber-attacks" → "cyberattack", "pull-out" → "pullout"."""
    doc, i = token.doc, token.i
    if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].head.i == i and not doc[i - 1].whitespace_ \
            and not doc[i - 2].whitespace_:
        return doc[i - 2].lower_ + token.lemma_.lower()
    return token.lemma_.lower()


def _states_of(names: dict | None) -> frozenset[str]:
    """Ids of the states in a name index (those with a demonym), computed once per index."""
    if names is None:
        return frozenset()
    cached = _STATES.get(id(names))
    if cached is None or cached[0] is not names:  # the index itself is kept, so its id is not reused
        cached = _STATES[id(names)] = (names, frozenset(sense.actor_id for senses in names.values() for sense in senses
                                                        if sense.how == "demonym" and "." not in sense.actor_id))
    return cached[1]


def _fullness(event: Event) -> tuple[int, bool]:
    """Which of two events of one (source, type) in a sentence to keep: more targets, and a
    target from the pattern's slots over an inferred one."""
    return len(event.target_actor_ids), not event.rule.endswith("+near-target")  # status_of's note: negated or refused, which makes a cooperative event a REJECT


class _Coder:
    def __init__(self, doc: Doc, article: Article, mentions: list[Mention], statements: list[Statement],
                 names: dict | None = None, media: frozenset[str] = frozenset()):
        self.names = names  # the actor dictionary's surface names, for demonyms
        self.doc = doc
        self.article = article
        self.book = load_event_book()
        self.statements = statements
        self.mention_at: dict[int, Mention] = {}
        self.place_at: dict[int, Mention] = {}  # names the resolver read as places ("aid to Sudan")
        self.media = media  # news outlets: a medium, never an inferred target
        self.named_at: set[int] = set()  # tokens of any name or role, resolved or not (not pronouns)
        self.unplaced_role_at: dict[int, str] = {}  # token -> sector of a role mention with no actor
        self._about: list[str] | None = None  # alpha-2 codes of the actors' countries, for the gazetteer
        for mention in mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None and mention.actor_id:
                for i in range(span.start, span.end):
                    self.mention_at.setdefault(i, mention)
            elif span is not None and mention.method == "place":
                for i in range(span.start, span.end):
                    self.place_at.setdefault(i, mention)
            elif span is not None and mention.method == "role" and mention.sector:
                for i in range(span.start, span.end):  # "demonstrators": a role no one placed
                    self.unplaced_role_at.setdefault(i, mention.sector)
            if span is not None and mention.label not in ("PRON",) and mention.method != "place":
                self.named_at.update(range(span.start, span.end))

    # -- arguments -----------------------------------------------------------------------------

    def actors_of(self, head: Token | None, depth: int = 0, places: bool = False) -> tuple[list[str], str | None]:
        """The actors an argument names: its own mention, its conjuncts, or mentions inside it; with
        ``places`` (a target searched near the trigger) also the country of a city or capital named."""
        if head is None:
            return [], None
        heads = [head] + [t for t in head.conjuncts if t.i > head.i]
        found: list[str] = []
        for h in heads:
            mention = self.mention_at.get(h.i)
            if mention is None and depth < 2:
                # "scores of Sierra Leonean and Liberian refugees": the actors are the "of" phrase's, all of them
                inner = [g for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
                         for g in c.children if g.dep_ == "pobj"]
                if inner and h.lower_ in self.book.quantity_nouns:
                    for one in self.actors_of(inner[0], depth + 1, places)[0]:
                        if one not in found:
                            found.append(one)
                    continue
            if mention is None:  # "Afghan Taliban's targets", "the group's leadership", "Taliban fighters"
                for t in self.noun_phrase(h):
                    if t.i in self.mention_at:
                        mention = self.mention_at[t.i]
                        break
            actor_id = mention.actor_id if mention is not None else (self.demonym_in(h) or self.state_of_place(h, places))
            # "US and British forces": the first name shares the head's role; both act
            shared = [m.actor_id for t in self.noun_phrase(h) if (m := self.mention_at.get(t.i)) is not None
                      and m is not mention and m.rule.startswith("role+name:shared:")]
            for one in [*shared, actor_id]:
                if one is not None and one not in found:
                    found.append(one)
        span = self.doc[head.left_edge.i:head.right_edge.i + 1]
        return found, span.text

    def nearest_target(self, trigger: Token, pattern: Pattern, sources: set[str],
                       source_head: Token | None) -> Token | None:
        """When the pattern's slots name no target: the nearest actor in the trigger's own
        phrase ("threatened to break relations with Russia", "a blockade on Palestinian lorries"),
        never in its subject or a clause of its own; a country named as where it happened only for
        the types of ``near_target_place_types`` (a protest, what is done in a country)."""
        skip = {source_head.i} if source_head is not None else set()
        queue = [(child, 1) for child in trigger.children if child.dep_ not in TARGET_SKIP]
        found: list[tuple[int, int, Token]] = []
        while queue:
            token, depth = queue.pop(0)
            if token.i in skip or depth > 4:
                continue
            if token.dep_ in TARGET_DEPS:
                prep = token.head if token.dep_ == "pobj" else None
                here = prep is not None and prep.lower_ in self.book.place_prepositions \
                    and pattern.type not in self.book.place_target_types
                actors = self.actors_of(token, places=True)[0] if not here else (
                    [m.actor_id] if (m := self.mention_at.get(token.i)) is not None else [])
                if not sources and actors and token.i not in self.mention_at and token.i not in self.place_at \
                        and self.state_of_city(token):
                    actors = []  # a city where something happened, and no one named who did it: no event
                if [a for a in actors if a not in sources and a not in self.media]:
                    found.append((depth, abs(token.i - trigger.i), token))
            queue.extend((child, depth + 1) for child in token.children if child.dep_ not in TARGET_SKIP)
        return min(found, key=lambda f: (f[0], f[1]))[2] if found else None

    def condition_subject(self, trigger: Token) -> Token | None:
        """The subject of a conditional clause ("if", "unless": ``threat_target_marks``) under the
        trigger ("… threatened to stop the talks if the United States goes ahead")."""
        for token in trigger.subtree:
            if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in self.book.threat_target_marks
                                             for c in token.children):
                subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subjects:
                    return subjects[0]
        return None

    def place_of(self, trigger: Token, skip: set[int]) -> str | None:
        """The country named as where the trigger's action happened: the object of a place
        preposition under the trigger or under its own prepositional object ("placed under
        investigation in Italy"), outside its subject and object."""
        heads = [trigger] + [g for c in trigger.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        for head in heads:
            for prep in head.children:
                if prep.dep_ != "prep" or prep.lower_ not in self.book.place_prepositions:
                    continue
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.i not in skip:
                        mention = self.mention_at.get(obj.i)
                        state = (mention.actor_id if mention is not None and mention.actor_id in _states_of(self.names)
                                 else self.state_of_place(obj, places=True))
                        if state is not None:
                            return state
        return None

    def home_state(self, sources: list[str]) -> str | None:
        """The one state all sources act for as a sector that acts at home (``home_sectors``: police)."""
        states = set()
        for actor_id in sources:
            state, _, sector = actor_id.partition(".")
            if sector.lower() not in self.book.home_sectors or state not in _states_of(self.names):
                return None
            states.add(state)
        return states.pop() if len(states) == 1 else None

    def own_government(self, sources: list[str]) -> str | None:
        """The government of the one state all sources belong to as people of a non-state sector
        ("idn.cvl", "dza", "civ.reb" → "idn.gov" …); None when they are governments themselves,
        of several states, or not of a state."""
        states = set()
        for actor_id in sources:
            state, _, sector = actor_id.partition(".")
            if state not in _states_of(self.names) or (sector and sector not in self.book.domestic_target_sectors):
                return None
            states.add(state)
        return f"{states.pop()}.gov" if len(states) == 1 else None

    def state_of_place(self, head: Token, places: bool = False) -> str | None:
        """A country named as a place in an argument slot is the actor there ("sent aid to Sudan");
        with ``places``, so is the country of a capital or of a city or region the gazetteer knows
        ("targets in Jericho", "aid deliveries in Baghdad")."""
        place = self.place_at.get(head.i)
        if place is None and places and self.names is not None and head.i not in self.mention_at:
            return self.state_of_city(head)
        if place is None or self.names is None:
            return None
        name = place.text[4:] if place.text.lower().startswith("the ") else place.text
        for sense in self.names.get(name, ()):
            if sense.how in ("alias", "name"):
                return sense.actor_id
        for sense in self.names.get(name, ()) if places else ():
            if sense.how == "metonym":  # a capital as a place ("in Kabul"): its country
                return sense.actor_id.split(".")[0]
        return None

    def state_of_city(self, head: Token) -> str | None:
        """The country of the place entity ``head`` ends (GPE, LOC, FAC), from the gazetteer,
        preferring the countries the article's actors belong to; None for a name it does not know."""
        if head.ent_type_ not in self.book.place_labels:
            return None
        ent = next((e for e in self.doc.ents if e.start <= head.i < e.end), None)
        if ent is None or ent.end - 1 != head.i:
            return None
        if self._about is None:  # the actors' countries, and those of demonyms ("the north Lebanese port")
            states = {m.actor_id.split(".")[0] for m in self.mention_at.values() if m.actor_id}
            states |= {sense.actor_id for token in self.doc if token.pos_ in ("ADJ", "PROPN")
                       for sense in self.names.get(token.text, ()) if sense.how == "demonym"}
            self._about = sorted({code for state in states if (code := alpha2(state.upper()))})
        found = gazetteer().resolve(ent.text, self._about)
        if found is None or found[1] < self.book.place_min_confidence:
            return None
        country = alpha3(found[0].country)
        state = country.lower() if country else None
        return state if state in _states_of(self.names) else None

    def demonym_in(self, head: Token) -> str | None:
        """ "Ukrainian positions", "American bases": a demonym in the phrase names the state whose
        things are hit (the actor resolver keeps such adjectives out of the mentions)."""
        if self.names is None:
            return None
        for token in self.noun_phrase(head):
            if token.i > 0 and self.doc[token.i - 1].lower_ in self.book.ethnic_markers:
                continue  # "ethnic Serb civilians": a people, not the state's
            for sense in self.names.get(token.text, ()):
                if sense.how == "demonym":
                    return sense.actor_id
        return None

    @staticmethod
    def noun_phrase(head: Token) -> list[Token]:
        """The head and its modifiers before it (not its clauses or prepositional phrases)."""
        tokens = [head]
        for child in head.lefts:
            if child.dep_ in NOUN_PHRASE_DEPS:
                tokens.extend(child.subtree)
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ == "of":  # "forces of the Taliban"
                tokens.extend(child.subtree)
        return sorted(tokens, key=lambda t: t.i)

    def subject_of(self, verb: Token) -> tuple[Token | None, bool]:
        """(subject, passive), climbing from "ready to cooperate", "agreed to talk", "urged X to act"
        (the object of "urged" acts) and participles ("with the IS, attacking …")."""
        if verb.tag_ == "VBG" and verb.i >= 2 and self.doc[verb.i - 1].text == "," and (verb.i - 2) in self.mention_at:
            return self.doc[verb.i - 2], False  # "…, with the IS, attacking Afghan Taliban's targets"
        probe = verb
        for _ in range(5):
            for child in probe.children:
                if child.dep_ in SUBJECTS:
                    return child, child.dep_ == "nsubjpass" and probe.i == verb.i
            if probe.dep_ == "acl" and probe.head.pos_ in ("NOUN", "PROPN"):
                if probe.head.i in self.mention_at:
                    return probe.head, False  # "the militants, attacking …"
                probe = probe.head.head if probe.head.dep_ in ("dobj", "pobj", "attr") else probe.head
                continue  # "make a plan to attack": whoever makes the plan
            if probe.dep_ == "xcomp":
                objects = [c for c in probe.head.children if c.dep_ in ("dobj", "dative")]
                if objects and probe.head.lemma_.lower() in self.book.object_control:
                    return objects[0], False  # "urged Washington to make …": Washington acts
            if probe.dep_ in ("xcomp", "advcl", "conj", "acomp", "pcomp") and probe.head.i != probe.i:
                probe = probe.head
                if probe.dep_ == "prep":
                    probe = probe.head
            else:
                break
        return None, False

    def targets_of(self, trigger: Token, pattern: Pattern) -> Token | None:
        for place in pattern.target:
            for child in trigger.children:
                if place in ("dobj", "obj") and child.dep_ in ("dobj", "dative"):
                    return child
                if place == "ccomp" and child.dep_ == "ccomp":  # "demanded that the US cancel …"
                    subjects = [g for g in child.children if g.dep_ in ("nsubj", "nsubjpass")]
                    if subjects:
                        return subjects[0]
                if child.dep_ == "prep" and child.lower_ == place:
                    objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
                    if objects:
                        return objects[0]
        return None

    def agent_of(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ == "agent":
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects:
                    return objects[0]
        return None

    # -- matching ------------------------------------------------------------------------------

    def verb_pattern(self, token: Token) -> Pattern | None:
        for pattern in self.book.verbs.get(token.lemma_.lower(), ()):
            if pattern.particle and not any(
                c.dep_ in ("prt", "prep") and c.lower_ == pattern.particle for c in token.children
            ):
                continue
            if pattern.object_lemmas:
                direct = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
                # "25,000 tons of food aid", "5.1 million dollars of aid": the noun after "of" counts too
                objects = direct + [g for o in direct for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
                                    for g in p.children if g.dep_ == "pobj"]
                # "ended mediation efforts", "eased curfew hours": the noun in the direct object's compound
                objects += [c for o in direct for c in o.children if c.dep_ == "compound"]
                if not any(o.lemma_.lower() in pattern.object_lemmas or noun_lemma(o) in pattern.object_lemmas
                           for o in objects):  # "announced a cease-fire"
                    continue
            if pattern.subject_lemmas:
                subject = next((c for c in token.children if c.dep_ in SUBJECTS), None)
                words = [] if subject is None else [subject] + [
                    t for t in subject.subtree if t.dep_ in ("amod", "compound", "pobj")]
                if not any(w.lemma_.lower() in pattern.subject_lemmas or w.lower_ in pattern.subject_lemmas for w in words):
                    continue
            if pattern.context_lemmas:
                subjects = {t.i for c in token.children if c.dep_ in SUBJECTS for t in c.subtree}
                if not any((t.lemma_.lower() in pattern.context_lemmas or t.lower_ in pattern.context_lemmas)
                           and t.i not in subjects for t in token.subtree):
                    continue
            return pattern
        return None

    @staticmethod
    def joint(trigger: Token, pattern: Pattern, sources: list[str]) -> bool:
        """Done together: two sources or more, a joint modifier on the trigger or on a verb's
        object ("joint drills"), or a partner after "with" ("held drills with Russia")."""
        if len(sources) >= 2:
            return True
        holders = [trigger] + [c for c in trigger.children if c.dep_ == "dobj" and not pattern.noun]
        return any((c.dep_ in ("amod", "compound") and c.lemma_.lower() in pattern.joint_modifiers)
                   or (c.dep_ == "prep" and c.lower_ == "with") for h in holders for c in h.children)

    def noun_pattern(self, token: Token) -> Pattern | None:
        """The first noun pattern of the lemma whose modifier test passes ("hunger strike" is a
        protest, a plain "strike" an attack)."""
        lemma = noun_lemma(token)
        if lemma not in self.book.nouns:
            lemma = token.lemma_.lower()
        for pattern in self.book.nouns.get(lemma, ()):
            if pattern.modifiers:
                words = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod")]
                # "a strike by coal workers", "the strike of the miners"
                for prep in token.children:
                    if prep.dep_ == "prep" and prep.lower_ in ("by", "of"):
                        for g in prep.children:
                            if g.dep_ == "pobj":
                                words += [g] + [c for c in g.children if c.dep_ == "compound"]
                if not any(w.lemma_.lower() in pattern.modifiers or w.lower_ in pattern.modifiers for w in words):
                    continue
            return pattern
        return None

    def status_of(self, trigger: Token) -> tuple[str, int | None, str | None]:
        """(status, statement index, a type this status imposes: THREATEN for threats)."""
        statement = None
        for index, st in enumerate(self.statements):
            if st.cue_start == trigger.idx:
                statement = index  # the event is the speech act itself ("urged")
                break
            if any(s <= trigger.idx < e for s, e in st.content_spans):
                statement = index
        if any(c.dep_ == "neg" for c in trigger.children):
            return "denied", statement, REFUSAL
        probe = trigger
        for _ in range(3):
            head = probe.head
            if head.i == probe.i:
                break
            lemma = head.lemma_.lower()
            infinitive = probe.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in probe.children)
            if (probe.dep_ in ("ccomp", "acl", "xcomp") or infinitive) and (lemma in self.book.request_markers or (
                    probe.dep_ == "ccomp" and any(c.dep_ == "dobj" and c.pos_ == "NOUN" and c.lemma_.lower()
                                                  in self.book.request_markers for c in head.children))):
                # "its demand that Israel ease …" (the parser may hang the clause on the verb of
                # "reiterated its demand"), "called on Arabs to unite" (an infinitive the parser may
                # read as adverbial): what is asked for has not happened
                return "hypothetical", statement, None
            if probe.dep_ in ("xcomp", "pcomp", "pobj", "dobj", "ccomp", "acomp", "prep") or head.dep_ == "acomp" \
                    or infinitive:  # "have sworn to fight", read by the parser as adverbial
                if lemma in self.book.refusal_markers:
                    return "denied", statement, REFUSAL
                if lemma in self.book.denial:
                    return "denied", statement, None
                if lemma in self.book.threat:
                    return "intended", statement, "THREATEN"
                if lemma in self.book.deliberation:
                    return "hypothetical", statement, None  # "is considering sending aid"
                if lemma in self.book.intent or head.lower_ in self.book.intent:
                    return "intended", statement, None
                if any(c.dep_ == "neg" for c in head.children):
                    return "denied", statement, None
            probe = head
        modals = {c.lower_ for c in trigger.children if c.dep_ == "aux"} | {
            c.lower_ for c in trigger.head.children if c.dep_ == "aux" and trigger.dep_ == "xcomp"
        }
        if statement is not None and modals & self.book.reported_future \
                and self.statements[statement].cue_start != trigger.idx:
            return "intended", statement, None  # "said they would meet": the speaker's "will"
        if modals & self.book.hypothetical:
            return "hypothetical", statement, None
        if "will" in modals or "'ll" in modals:
            return "intended", statement, None
        if statement is not None:
            st = self.statements[statement]
            if st.cue_start == trigger.idx:
                return "claimed", statement, None
            cue_verb = self.doc.char_span(st.cue_start, st.cue_end, alignment_mode="expand") if st.cue_start is not None else None
            if cue_verb is not None and cue_verb.root.lemma_.lower() in load_cues().urge_verbs:
                return "hypothetical", statement, None  # what someone asks for has not happened
            return "claimed", statement, None
        return "asserted", None, None

    def code(self) -> list[Event]:
        events: list[Event] = []
        seen: dict[tuple, int] = {}
        for sent in self.doc.sents:
            for token in sent:
                if token.pos_ in ("VERB", "AUX"):
                    pattern = self.verb_pattern(token)
                    if pattern is None:
                        continue
                    subject, passive = self.subject_of(token)
                    target_head = self.targets_of(token, pattern)
                    if passive and not pattern.stative:
                        target_head, subject = subject, self.agent_of(token)
                    event = self.make(token, pattern, subject, target_head, sent)
                elif token.pos_ in ("NOUN", "PROPN") and (token.lemma_.lower() in self.book.nouns
                                                          or noun_lemma(token) in self.book.nouns) \
                        and token.i not in self.mention_at and token.ent_type_ not in NAME_ENTITIES:
                    # a word of a name is no event: "Support" in "Rapid Support Forces"
                    pattern = self.noun_pattern(token)
                    if pattern is None:
                        continue
                    event = self.make_noun(token, pattern, sent)
                else:
                    continue
                if event is None:
                    continue
                key = (sent.start, event.source_actor_ids, event.plover_type)
                if key in seen:  # one event per (source, type, target) in a sentence: keep the fuller one
                    index = seen[key]
                    if _fullness(event) > _fullness(events[index]):
                        events[index] = event
                    continue
                seen[key] = len(events)
                events.append(event)
        for event in self.requests_in_statements():
            key = (event.sentence_start, event.source_actor_ids, event.plover_type)
            if not any((e.sentence_start, e.source_actor_ids, e.plover_type) == key for e in events):
                events.append(event)
        return events

    def requests_in_statements(self) -> list[Event]:
        """ "X said Y must …": what a speaker says another actor must or should do is a REQUEST
        from the speaker to that actor (PLOVER's demands made in statements)."""
        out: list[Event] = []
        for index, st in enumerate(self.statements):
            if not st.speaker_actor_id or st.negated:
                continue
            for start, end in st.content_spans:
                span = self.doc.char_span(start, end, alignment_mode="expand")
                if span is None:
                    continue
                for token in span:
                    if token.dep_ != "aux" or token.lower_ not in self.book.obligation:
                        continue
                    verb = token.head
                    if any(c.dep_ == "neg" for c in verb.children):
                        continue
                    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
                    targets, target_text = self.actors_of(subjects[0] if subjects else None)
                    targets = [t for t in targets if t != st.speaker_actor_id]
                    if not targets:
                        continue
                    sent = token.sent
                    cameo = self.book.type_cameo.get("REQUEST")
                    info = self.book.cameo.get(cameo or "", {})
                    out.append(Event(
                        article_id=self.article.id, start=token.idx, end=token.idx + len(token.text),
                        trigger=token.text, plover_type="REQUEST", cameo=cameo, quad_class=info.get("quad_class"),
                        goldstein=info.get("goldstein"), source_actor_ids=(st.speaker_actor_id,),
                        target_actor_ids=tuple(targets), source_text=st.speaker, target_text=target_text,
                        status="claimed", statement=index, sentence_start=sent.start_char,
                        sentence_end=sent.end_char, date=self.article.published, place=self.article.dateline,
                        rule="obligation-in-statement", confidence=0.6,
                    ))
        return out

    def make_noun(self, token: Token, pattern: Pattern, sent: Span) -> Event | None:
        source_head = None
        anchor = token  # where the noun phrase sits in the sentence
        if token.dep_ == "compound" and token.head.lemma_.lower() in self.book.carrier_nouns:
            anchor = token.head  # "launched a mediation effort between A and B"
        if anchor.dep_ == "pobj" and anchor.head.lower_ == "of" and anchor.head.head.dep_ == "dobj" \
                and anchor.head.head.pos_ == "NOUN" and anchor.head.head.i not in self.mention_at:
            anchor = anchor.head.head  # "launched ten days of war games", "carried out a wave of raids"
        for child in token.children:
            if child.dep_ in ("poss", "compound", "nmod") and child.i in self.mention_at:
                source_head = child
            if child.dep_ == "prep" and child.lower_ in pattern.source:
                objects = [g for g in child.children if g.dep_ == "pobj"]
                source_head = objects[0] if objects else source_head
        if source_head is None and token.i > 0 and (token.i - 1) in self.mention_at:
            source_head = self.doc[token.i - 1]  # "IS attacks", even when the parse breaks the phrase
        if source_head is None and self.names is not None:
            # "Palestinian riots against …", "Israeli airstrikes on …": a demonym on the event noun is its source
            source_head = next((c for c in token.children if c.dep_ == "amod" and any(
                sense.how == "demonym" for sense in self.names.get(c.text, ()))), None)
        if source_head is None and anchor.dep_ in ("dobj", "pobj"):
            # "launched an attack on …", "carried out attacks on …": the subject of a light verb
            verb = anchor.head if anchor.dep_ == "dobj" else anchor.head.head
            via = anchor.head.lower_ if anchor.dep_ == "pobj" else None
            if verb.lemma_.lower() in self.book.light_verbs \
                    or (via == "for" and verb.lemma_.lower() in self.book.travel_verbs) \
                    or (via == "in" and verb.lemma_.lower() in self.book.participation_verbs):
                # also "negotiators return to Geneva for talks", "took part in the war games"
                source_head, _ = self.subject_of(verb)
        target_head = self.targets_of(token, pattern)
        if target_head is None and anchor is not token:
            target_head = self.targets_of(anchor, pattern)
        return self.make(token, pattern, source_head, target_head, sent)

    def make(self, trigger: Token, pattern: Pattern, source_head: Token | None, target_head: Token | None,
             sent: Span) -> Event | None:
        sources, source_text = self.actors_of(source_head)
        targets, target_text = self.actors_of(target_head)
        if pattern.needs_target and not targets:
            return None
        inferred = False
        if not [t for t in targets if t not in sources]:
            near = self.nearest_target(trigger, pattern, set(sources), source_head)
            if near is not None:
                targets, target_text = self.actors_of(near, places=True)
                inferred = True
        homed = False
        if sources and target_head is not None and not [t for t in targets if t not in sources]:
            # "police opened fire on demonstrators": police act at home, so the people they act
            # on, named by a role of no country, are of the police's country
            home = self.home_state(sources)
            sector = self.unplaced_role_at.get(target_head.i, "").lower()
            if home is not None and sector in self.book.domestic_target_sectors:
                targets, homed = [f"{home}.{sector}"], True
        placed_source = False
        if not sources and pattern.mode in self.book.place_source_modes:
            # "was put under investigation in Italy", "was arrested in Lebanon": the authorities of
            # the country where it happened did it
            state = self.place_of(trigger, {h.i for h in (source_head, target_head) if h is not None})
            if state is not None and state not in targets:
                sources, placed_source = [state], True
        unresolved = False
        if not sources and not targets:
            # an event is evidence of who did what to whom only if an argument names someone: a
            # known actor, or at least a name or role the resolver could not place ("the government",
            # "union workers", "Yale"), kept with its text and less confidence
            named = [h for h in (source_head, target_head) if h is not None and h.i in self.named_at]
            if not named:
                return None
            unresolved = True
            source_text = source_text if source_head is not None and source_head.i in self.named_at else None
            target_text = target_text if target_head is not None and target_head.i in self.named_at else None
        status, statement, forced_type = self.status_of(trigger)
        event_type, mode, cameo = pattern.type, pattern.mode, pattern.cameo
        if pattern.joint_type and self.joint(trigger, pattern, sources):
            event_type, mode, cameo = pattern.joint_type, None, pattern.joint_cameo  # "joint drills"
        if forced_type == REFUSAL:  # "will not accept", "refused to meet": PLOVER codes the refusal, REJECT
            forced_type = None
            if event_type in self.book.refusal_types:
                event_type, mode, cameo = "REJECT", None, self.book.type_cameo.get("REJECT")
                status = "asserted" if statement is None else "claimed"
        if forced_type and forced_type != event_type:
            event_type, mode, cameo = forced_type, None, self.book.type_cameo.get(forced_type)
        elif status == "intended":  # PLOVER: an intent to cooperate is AGREE, to harm THREATEN
            conditional = any(c.dep_ in ("advcl", "mark") and (c.lower_ in self.book.threat_conditions or any(
                g.dep_ == "mark" and g.lower_ in self.book.threat_conditions for g in c.children))
                for c in trigger.children)
            intended = "THREATEN" if conditional else self.book.intended_types.get(event_type)
            if intended and intended != event_type:
                event_type, mode, cameo = intended, None, self.book.type_cameo.get(intended)
        domestic = False
        # the protesters' own country only inferred from where it happened ("blocked roads in
        # Abidjan") is no named target: the domestic reading, its government, stands
        own = self.own_government(sources) if inferred and sources else None
        placed = own is not None and {t for t in targets if t not in sources} == {own.split(".")[0]}
        if event_type in self.book.domestic_target_types and sources and (
                placed or not [t for t in targets if t not in sources]):
            # "students staged protests across Indonesia": a protest with no target named is
            # against the protesters' own government (PLOVER's reading of domestic protest)
            government = self.own_government(sources)
            if government is not None:
                targets, target_text, domestic = [government], None, True
        conditioned = False
        if event_type in self.book.condition_target_types and not [t for t in targets if t not in sources]:
            # "threatened to stop the talks if the United States goes ahead": a threat is addressed
            # to whoever its condition names
            addressed, addressed_text = self.actors_of(self.condition_subject(trigger))
            named = [a for a in addressed if a not in sources]
            if named:
                targets, target_text, conditioned = named, addressed_text, True
        info = self.book.cameo.get(cameo or "", {})
        quad = info.get("quad_class", self.book.types.get(event_type, {}).get("quad_class"))
        confidence = 0.8 if sources and targets else 0.55
        if inferred or domestic or homed or placed_source:
            confidence -= 0.1
        if unresolved:
            confidence = 0.4
        if status in ("hypothetical", "denied"):
            confidence -= 0.1
        return Event(
            article_id=self.article.id, start=trigger.idx, end=trigger.idx + len(trigger.text), trigger=trigger.text,
            plover_type=event_type, mode=mode, cameo=cameo, quad_class=quad, goldstein=info.get("goldstein"),
            source_actor_ids=tuple(sources), target_actor_ids=tuple(t for t in targets if t not in sources),
            source_text=source_text if sources or unresolved else None,
            target_text=target_text if targets or unresolved else None,
            status=status, statement=statement, sentence_start=sent.start_char, sentence_end=sent.end_char,
            date=self.article.published, place=self.article.dateline,
            rule=pattern.id + ("+near-target" if inferred else "") + ("+unresolved" if unresolved else "")
            + ("+domestic-target" if domestic else "") + ("+home-target" if homed else "")
            + ("+condition-target" if conditioned else "") + ("+place-source" if placed_source else ""),
            confidence=round(confidence, 2),
        )


def extract_events(doc: Doc, article: Article, mentions: list[Mention], statements: list[Statement],
                   names: dict | None = None, media: frozenset[str] = frozenset()) -> list[Event]:
    """Every event in ``doc`` in text order. ``names`` is the actor dictionary's name index
    (``ActorDictionary.names``), used for demonyms inside event arguments; ``media`` the ids of
    news outlets, which are never an inferred target ("in a statement to the newspaper")."""
    coder = _Coder(doc, article, list(mentions), list(statements), names, media)
    return sorted(coder.code(), key=lambda e: (e.start, e.plover_type))


__all__ = ["EventBook", "Pattern", "extract_events", "load_event_book"]
