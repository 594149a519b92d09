"""Relation extraction: dependency patterns driven by the ontology's triggers, and modality.

Patterns (each names the `rule` stored on the assertion):

* ``verb-active`` / ``verb-passive``: "X supplies Y", "X sent shells to Y", "Y is backed by X".
* ``light-verb``: an event noun carried by a light verb: "X imposed sanctions on Y",
  "X sent troops to Y", "X signed a pact with Y".
* ``nominal``: "X's supply of munitions to Y", "the alliance between X and Y",
  "the Russian invasion of Ukraine".
* ``role-appositive`` / ``role-copular`` / ``role-title``: "X, an ally of Y", "X is Y's closest
  partner", "Russian President Vladimir Putin".
* ``inverse-verb``: "the CSTO, which includes Armenia and Belarus".
* ``ellipsis``: "sent 1,200 drones to Russia and plans to send 800 more".
* ``event-anaphora`` / ``estimate`` (document pass): "the details of its troop deployment",
  "Estimations of their numbers vary ... from 11,000 to 100,000".

A transfer into a war named by both sides goes to the side its sender backs in the document
("soldiers deployed in the Russia-Ukraine war", `_war_side`).

Arguments are expanded over coordination ("Russia, China and Iran") and resolved through
demonyms and possessors ("North Korean troops", "Russia's war effort"), appositions and
pronouns. Each candidate gets a modality from the words that govern its trigger.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.extract import details
from kg.extract.details import DateMention, Quantity, Source
from kg.extract.linker import (
    DEFINITE_NOUNS,
    GROUP_NOUNS,
    PLACE_NOUNS,
    PRONOUNS,
    Mention,
    antecedent,
    antecedents,
    english_words,
    hyphen_chain,
    is_group_reference,
    stray_subject,
    title_words,
)
from kg.ontology import Ontology, RelationSpec, load_ontology

log = logging.getLogger(__name__)

#: Base confidence of each rule: direct verb patterns are the most reliable, nominal ones
#: attach prepositional phrases less reliably, titles almost never fail.
RULE_CONFIDENCE = {
    "verb-active": 0.8,
    "verb-passive": 0.75,
    "light-verb": 0.75,
    "nominal": 0.7,
    "role-appositive": 0.75,
    "role-copular": 0.8,
    "role-title": 0.9,
    "inverse-verb": 0.7,
    "role-group": 0.7,
    "adjective": 0.7,
    "prefix": 0.65,
    "ellipsis": 0.6,
    "event-anaphora": 0.6,
    "estimate": 0.55,
    "member-list": 0.75,
    "reaction": 0.6,
}
#: Subtracted when an argument was only inferred (pronoun, possessor or demonym of a noun).
INFERRED_PENALTY = 0.1

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
QUANTIFIERS = frozenset({"each", "all", "both", "either", "neither", "some", "most"})
RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom", "whose"})
#: Verbs whose subject takes a role from their object ("China has overtaken Russia as
#: Kazakhstan's largest partner"): the role is the subject's.
SUCCESSION_VERBS = frozenset(
    {"overtake", "replace", "surpass", "displace", "supplant", "succeed", "eclipse", "oust"}
)
#: Item nouns with no plural of their own ("personnel", "artillery").
MASS_NOUNS = frozenset(
    {"personnel", "manpower", "equipment", "materiel", "artillery", "ammunition", "fuel",
     "grain", "arms", "armour", "armor", "weaponry", "hardware"}
)  # fmt: skip
#: Nouns naming a part of what follows "of" ("81 per cent of Pakistan's arms imports").
PARTITIVES = frozenset(
    {"cent", "percent", "share", "half", "third", "quarter", "bulk", "majority", "portion",
     "fraction", "part"}
)  # fmt: skip
COPULAS = frozenset(
    {
        "be",
        "remain",
        "become",
        "stay",
        "seem",
        "appear",
        "emerge",
        "serve",
        "act",
        "prove",
        "consider",
        "regard",
        "see",
        "view",
        "call",
        "describe",
    }
)
INHERIT_SUBJECT = ("xcomp", "advcl", "conj", "pcomp")
MAX_HEADING_TOKENS = 16
MODALITY_ORDER = ("Negated", "Speculative", "Reported", "Asserted")

for _name in ("relations",):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@dataclass(frozen=True)
class Candidate:
    """One relation mention found in a sentence."""

    subject: Mention
    relation: str
    object: Mention
    modality: str
    rule: str
    confidence: float
    trigger: int  # token index of the trigger word
    sent_start: int  # character offsets of the sentence in doc.text
    sent_end: int
    sentence_index: int
    anaphoric: bool = False  # an argument was resolved from a pronoun or an earlier relation
    quantity: Quantity | None = None  # how many ("3,000 soldiers")
    when: DateMention | None = None  # when, as the sentence says it
    source: Source | None = None  # who says so ("The USA has confirmed")
    war_side: bool = False  # the object is one side of a war, kept if the subject backs it


@dataclass(frozen=True)
class _Arg:
    mention: Mention
    inferred: bool = False
    anaphoric: bool = False
    side: bool = False  # one side of a war a transfer goes into, chosen by `_war_side`


class RelationExtractor:
    """spaCy component: ``doc._.relations``, a list of `Candidate` in document order."""

    def __init__(self, ontology: Ontology, *, verbs: frozenset[str] = frozenset()) -> None:
        self.ontology = ontology
        self.english_verbs = verbs  # base forms, to tell an imperative the tagger missed
        #: while a Doc is read: the symmetric claims so far, per pair ("this alliance"), and
        #: the state each person's title names ("his country")
        self._history = _Pairs()
        self._titled: tuple[Doc, dict[str, tuple[int, Mention]]] | None = None
        self.relations = ontology.relations
        self.verbs = self._index(lambda r: {v for v in r.verbs if " " not in v})
        #: prepositional verbs ("fight for", "side with"): lemma -> (preposition, relation)
        self.verb_phrases: dict[str, list[tuple[str, str]]] = {}
        for rel in self.relations.values():
            for phrase in sorted(v for v in rel.verbs if " " in v):
                lemma, prep = phrase.lower().split(maxsplit=1)
                self.verb_phrases.setdefault(lemma, []).append((prep, rel.name))
        self.inverse_verbs = self._index(lambda r: r.inverse_verbs)
        self.adjectives = self._index(lambda r: r.adjectives)
        self.inverse_nouns = self._index(lambda r: r.inverse_nouns)
        self.prefixes = self._index(lambda r: r.prefixes)
        self.nouns = self._index(lambda r: {n for n in r.nouns if " " not in n})
        #: multi-word event nouns ("defense pact"): head lemma -> (modifier words, relation)
        self.noun_phrases: dict[str, list[tuple[frozenset[str], str]]] = {}
        for rel in self.relations.values():
            for phrase in sorted(n for n in rel.nouns if " " in n):
                *modifiers, head = phrase.lower().split()
                self.noun_phrases.setdefault(head, []).append((frozenset(modifiers), rel.name))
        self.roles: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for rel in self.relations.values():
            for phrase in rel.roles:
                words = tuple(re.split(r"[\s\-]+", phrase.lower()))
                for head in {words[0], words[-1]}:
                    self.roles.setdefault(head, []).append((words, rel.name))
        self.inverse_roles = self._index(lambda r: r.inverse_roles)
        self.title_words = title_words(ontology)
        self.light_verbs = ontology.light_verbs
        #: event nouns of hostile relations: actors modifying them ("the Russia-Ukraine war")
        #: are not a group a later "the two countries" refers to
        self.hostile_nouns = frozenset(
            n for r in self.relations.values() if r.kind == "hostile" for n in r.nouns
        )
        self.item_nouns = frozenset(n for r in self.relations.values() for n in r.items)
        #: troops and other people a relation moves ("fighters of the Wagner Group")
        self.troops = frozenset(
            n for r in self.relations.values() if r.theme_object for n in r.items
        )
        #: goods (not troops): a name modifying them may be the product's ("Wing Loong drones")
        self.goods = frozenset(
            n for r in self.relations.values() if not r.theme_object for n in r.items
        )
        self.symmetric_nouns = frozenset(
            n for r in self.relations.values() if r.symmetric for n in r.nouns
        ) | frozenset(n for r in self.relations.values() if r.symmetric for n in r.roles)
        self.receive_verbs = ontology.receive_verbs
        cues = ontology.cues
        self.negation = cues.get("Negated", frozenset())
        self.speculation = cues.get("Speculative", frozenset())
        self.reporting = cues.get("Reported", frozenset())
        self.heading_cue = (
            re.compile(
                r"\b("
                + "|".join(sorted(map(re.escape, ontology.heading_cues), key=len, reverse=True))
                + r")\b",
                re.IGNORECASE,
            )
            if ontology.heading_cues
            else None
        )

    def _index(self, field) -> dict[str, tuple[str, ...]]:
        index: dict[str, list[str]] = {}
        for rel in self.relations.values():
            for lemma in field(rel):
                index.setdefault(lemma, []).append(rel.name)
        return {k: tuple(sorted(v)) for k, v in index.items()}

    # ------------------------------------------------------------------ component

    def __call__(self, doc: Doc) -> Doc:
        found: list[Candidate] = []
        self._history = _Pairs()
        speculative_section = False
        text = doc.text
        try:
            for index, sent in enumerate(doc.sents):
                if self._is_heading(sent, text):
                    speculative_section = bool(
                        self.heading_cue and self.heading_cue.search(sent.text)
                    )
                for candidate in self._sentence(sent, index, speculative_section):
                    self._history.add(candidate, self.relations[candidate.relation].symmetric)
                    found.append(candidate)
            found = self._front_lines(self._war_side(found), doc)
            doc._.relations = self._follow_ups(doc, found)
        finally:
            self._history = _Pairs()
            self._titled = None
        return doc

    def _war_side(self, found: list[Candidate]) -> list[Candidate]:
        """Keep, of a transfer into a war ("deployed in the Russia-Ukraine war"), the one side
        the sender backs elsewhere in the document (a cooperative claim that is not denied, and
        no hostile one); with no such side, or more than one, the recipient is unknown."""
        if not any(c.war_side for c in found):
            return found
        backs: dict[str, set[str]] = {}
        against: set[frozenset[str]] = set()
        for c in found:
            if c.war_side or c.modality == "Negated":
                continue
            rel = self.relations[c.relation]
            if rel.kind == "hostile":
                against.add(frozenset((c.subject.actor, c.object.actor)))
            elif rel.kind == "cooperative":
                backs.setdefault(c.subject.actor, set()).add(c.object.actor)
                if rel.symmetric:
                    backs.setdefault(c.object.actor, set()).add(c.subject.actor)
        options: dict[tuple[int, str, str], list[Candidate]] = {}
        for c in found:
            if c.war_side:
                options.setdefault((c.trigger, c.subject.actor, c.relation), []).append(c)
        keep: set[int] = set()
        for choices in options.values():
            backed = [
                c
                for c in choices
                if c.object.actor in backs.get(c.subject.actor, set())
                and frozenset((c.subject.actor, c.object.actor)) not in against
            ]
            if len(backed) == 1:
                keep.add(id(backed[0]))
        return [c for c in found if not c.war_side or id(c) in keep]

    def _follow_ups(self, doc: Doc, found: list[Candidate]) -> list[Candidate]:
        """Claims that lean on an earlier one (document order):

        * event anaphora: a possessed or definite event noun with no object of its own ("the
          details of its troop deployment") is the event its owner was last said to do, with
          that mention's object; it is no more certain than that mention ("intelligence
          confirmed DPRK has dispatched troops" stays Reported);
        * estimates: a sentence with no relation of its own that counts what the previous
          sentence's claim moves ("Estimations of their numbers vary widely, from around 11,000
          to as many as 100,000") gives that claim's number, as an estimate (Reported);
        * reactions: a verb whose object is a definite event noun with no actor of its own
          ("Iran fired missiles at al-Udeid, and Qatar condemned the attack") relates its
          subject to whoever was last said to do that event, in this sentence or the two before.
        """
        out = _Claims(lambda claim: self._item(doc, claim))
        by_sentence: dict[int, list[Candidate]] = {}
        for c in found:
            by_sentence.setdefault(c.sentence_index, []).append(c)
        for index, sent in enumerate(doc.sents):
            own = by_sentence.get(index, [])
            added: list[Candidate] = []
            triggers = {c.trigger for c in own}
            for token in sent:
                if token.i not in triggers:
                    added.extend(self._event_anaphora(token, out, index))
                    added.extend(self._reaction(token, out, own, index))
            if not own and not added and out.claims and out.claims[-1].sentence_index == index - 1:
                added.extend(self._estimate(sent, index, out))
            for c in (*own, *added):
                out.add(c)
        return out.claims

    def _reaction(self, verb: Token, earlier: _Claims, here: list[Candidate], index: int):
        """See `_follow_ups`; ``earlier`` are the claims of the sentences before, ``here`` those
        of the verb's own sentence."""
        if verb.pos_ != "VERB":
            return
        key = next((k for k in verb_keys(verb) if k in self.verbs), None)
        events = [
            c
            for c in verb.children
            if c.dep_ == "dobj"
            and c.i not in (verb.doc._.mention_at or {})
            and any(d.dep_ == "det" and d.lower_ in ("the", "this", "that") for d in c.children)
            and not self.owners(c)
        ]
        if key is None or not events:
            return
        before_verb = [c for c in here if c.trigger < verb.i]
        for noun in events:
            for event in self._noun_relations(noun):
                if noun.lemma_.lower() in self.relations[event].items:
                    continue
                # "condemned the invasion of Ukraine": an event's own object must be the same
                named = {a.mention.actor for a in self.prep_objects(noun, self.relations[event])}

                def fits(c: Candidate, event=event, named=named) -> bool:
                    return c.relation == event and (not named or c.object.actor in named)

                # the latest doer, in this sentence before the verb or in the two before it
                last = next((c for c in reversed(before_verb) if fits(c)), None) or next(
                    (c for c in earlier.since(index - 2) if fits(c)), None
                )
                if last is None:
                    continue
                # both parties of an agreement or alliance
                actors = [last.subject] + [last.object] * self.relations[event].symmetric
                for rel_name, actor, s in (
                    (r, a, s)
                    for r in self.verbs[key]
                    for a in actors
                    for s in _unique(self.subjects(verb))
                ):
                    if s.mention.actor == actor.actor:
                        continue
                    sent = verb.sent
                    yield Candidate(
                        s.mention,
                        rel_name,
                        actor,
                        self.modality(verb, subject=s.mention.actor),
                        "reaction",
                        round(RULE_CONFIDENCE["reaction"] - INFERRED_PENALTY * s.inferred, 2),
                        verb.i,
                        sent.start_char,
                        sent.end_char,
                        index,
                        True,
                        None,
                        details.date(verb, sent),
                        self._source(verb),
                    )

    def _event_anaphora(self, noun: Token, earlier: _Claims, index: int):
        if noun.pos_ != "NOUN" or noun.i in (noun.doc._.mention_at or {}):
            return
        definite = any(
            c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that"))
            for c in noun.children
        )
        if not definite:
            return
        owners = _unique(self.owners(noun))
        for rel_name in self._noun_relations(noun):
            rel = self.relations[rel_name]
            if rel.symmetric or rel.kind == "structural" or noun.lemma_.lower() in rel.items:
                continue
            if self.prep_objects(noun, rel) or len(owners) != 1:
                continue
            subject = owners[0].mention.actor
            antecedent, objects = earlier.last_of(rel_name, subject)
            if antecedent is None or (len(objects) > 1 and index - antecedent.sentence_index > 3):
                continue
            own = self.modality(noun, subject=subject, presupposed=True)
            modality = min(own, antecedent.modality, key=MODALITY_ORDER.index)
            sent = noun.sent
            yield Candidate(
                owners[0].mention,
                rel_name,
                antecedent.object,
                modality,
                "event-anaphora",
                round(RULE_CONFIDENCE["event-anaphora"] - INFERRED_PENALTY * owners[0].inferred, 2),
                noun.i,
                sent.start_char,
                sent.end_char,
                index,
                True,
                details.quantity(noun),
                details.date(noun, sent),
                self._source(noun) or (antecedent.source if modality == "Reported" else None),
            )

    def _estimate(self, sent: Span, index: int, earlier: _Claims):
        counts = [
            t
            for t in sent
            if t.lemma_.lower() in details.COUNT_NOUNS
            and t.pos_ == "NOUN"
            and any(c.dep_ == "poss" and c.lower_ in ("their", "its") for c in t.children)
        ]
        if not counts:
            return
        antecedent = next(
            (c for c in earlier.since(index - 1) if self.relations[c.relation].items), None
        )
        found = details.estimate(sent)
        if antecedent is None or found is None:
            return
        item = earlier.item_of(antecedent)
        chain = [t for c in counts for t in (c, *c.ancestors)]
        estimated = any(
            t.lemma_.lower() in self.reporting or t.lemma_.lower() in ("estimate", "estimation")
            for t in chain
        )
        modality = min(
            "Reported" if estimated else "Asserted", antecedent.modality, key=MODALITY_ORDER.index
        )
        yield Candidate(
            antecedent.subject,
            antecedent.relation,
            antecedent.object,
            modality,
            "estimate",
            RULE_CONFIDENCE["estimate"],
            counts[0].i,
            sent.start_char,
            sent.end_char,
            index,
            True,
            details.Quantity(found.value, found.low, found.high, item, found.unit),
            details.date(counts[0], sent),
            antecedent.source if modality == "Reported" and not estimated else None,
        )

    def _item(self, doc: Doc, claim: Candidate) -> str:
        """What a claim moves: its counted item, or the item noun of its trigger ("sent troops",
        "its troop deployment")."""
        if claim.quantity and claim.quantity.item:
            return claim.quantity.item
        trigger = doc[claim.trigger]
        items = self.relations[claim.relation].items
        found = next((t for t in (trigger, *trigger.children) if t.lemma_.lower() in items), None)
        if found is None:
            return ""
        if found.dep_ == "compound" and found.tag_ == "NN" and found.lower_ not in MASS_NOUNS:
            return found.lower_ + "s"  # "its troop deployment" counts troops
        return found.lower_

    def _front_lines(self, found: list[Candidate], doc: Doc) -> list[Candidate]:
        """Drop "troops to X" where X is the other side: when the document sets the sender,
        or an actor the sender backs, against X, troops "to Ukraine" go to fight it ("North
        Korea's troop deployment to Ukraine" in an article on North Korea backing Russia)."""
        hostile = {
            frozenset((c.subject.actor, c.object.actor))
            for c in found
            if self.relations[c.relation].kind == "hostile" and c.modality != "Negated"
        }
        if not hostile:
            return found
        backs: dict[str, set[str]] = {}
        for c in found:
            if (
                self.relations[c.relation].kind == "cooperative"
                and c.relation != "deploysTroopsTo"  # the claims being judged
                and c.modality != "Negated"
            ):
                backs.setdefault(c.subject.actor, set()).add(c.object.actor)
                if self.relations[c.relation].symmetric:
                    backs.setdefault(c.object.actor, set()).add(c.subject.actor)

        def against(sender: str, place: str) -> bool:
            sides = {sender} | backs.get(sender, set())
            return any(frozenset((side, place)) in hostile for side in sides if side != place)

        def stationed(c: Candidate) -> bool:
            # troops kept "in" a country are there, whatever the quarrel ("Ethiopia has 3,000
            # troops in Somalia" while the two are at odds); troops sent "to" the other side go
            # to fight it
            head = doc[c.object.start].head
            return head.dep_ == "prep" and head.lower_ == "in"

        return [
            c
            for c in found
            if not (
                c.relation == "deploysTroopsTo"
                and against(c.subject.actor, c.object.actor)
                and not stationed(c)
            )
        ]

    @staticmethod
    def _is_heading(sent: Span, text: str) -> bool:
        """A short sentence alone on its line (``text`` is the document's)."""
        own = sent.text.strip()
        if not own or len(sent) > MAX_HEADING_TOKENS or own[-1] in ".;,:\"'":
            return False
        start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        end = start + len(own)
        # the nearest character before and after that is not a space or tab (never a copy of
        # the text on either side: that made every sentence cost the whole document)
        while start and text[start - 1] in " \t":
            start -= 1
        while end < len(text) and text[end] in " \t":
            end += 1
        return (not start or text[start - 1] == "\n") and (end == len(text) or text[end] == "\n")

    def _sentence(self, sent: Span, index: int, speculative: bool) -> Iterator[Candidate]:
        mention_at = sent.doc._.mention_at or {}
        if not any(
            t.i in mention_at
            or t.lower_ in PRONOUNS
            or t.lower_ in ("both", "either")
            or t.lemma_.lower() in DEFINITE_NOUNS
            or t.lemma_.lower() in GROUP_NOUNS
            for t in sent
        ):
            return  # no actor can be an argument here
        seen: set[tuple[str, str, str, int]] = set()
        question = sent.text.rstrip().endswith("?") or _imperative(sent, self.english_verbs)
        for token in sent:
            for rule, rel_name, subjects, objects in self._patterns(token):
                rel = self.relations[rel_name]
                for s, o in self._pairs(rel, subjects, objects):
                    key = (s.mention.actor, rel_name, o.mention.actor, token.i)
                    if key in seen:
                        continue
                    seen.add(key)
                    confidence = RULE_CONFIDENCE[rule] - INFERRED_PENALTY * (
                        s.inferred or o.inferred
                    )
                    # "EU sanctions" exist whatever the sentence says; Serbia's joining them
                    # does not
                    given = self._presupposed(token, rule) and not (
                        _joins(token, self.hostile_nouns)
                        and s.mention.actor not in {a.mention.actor for a in self.owners(token)}
                    )
                    yield Candidate(
                        s.mention,
                        rel_name,
                        o.mention,
                        self.modality(
                            token,
                            speculative=speculative or (question and not given),
                            subject=s.mention.actor,
                            presupposed=given,
                        ),
                        rule,
                        round(confidence, 2),
                        token.i,
                        sent.start_char,
                        sent.end_char,
                        index,
                        s.anaphoric or o.anaphoric,
                        details.quantity(token),
                        details.date(token, sent),
                        self._source(token),
                        o.side,
                    )

    def _patterns(self, token: Token) -> Iterator[tuple[str, str, list[_Arg], list[_Arg]]]:
        lemma = token.lemma_.lower()
        if token.text == "(" and "memberOf" in self.relations:
            yield from self._listed_members(token)
            return
        if token.lower_ in self.prefixes:
            for rel in self.prefixes[token.lower_]:
                yield from self._prefix(token, rel)
            return
        if token.pos_ in ("VERB", "AUX"):
            key = next(
                (k for k in verb_keys(token) if k in self.verbs or k in self.inverse_verbs), lemma
            )
            for rel in self.verbs.get(key, ()):
                yield from self._verb(token, rel)
            for k in verb_keys(token):
                for prep, rel in self.verb_phrases.get(k, ()):
                    heads = [token] + [c for c in token.children if c.dep_ == "dobj"]
                    objects = [  # "fired missiles at X": the phrase may hang on the object
                        a
                        for h in heads
                        for c in h.children
                        if c.dep_ == "prep" and c.lower_ == prep
                        for p in c.children
                        if p.dep_ == "pobj"
                        for a in self.arg(p)
                    ]
                    if objects:
                        yield "verb-active", rel, self.subjects(token), objects
            for rel in self.inverse_verbs.get(key, ()):
                yield from self._inverse_verb(token, rel)
            if any(details.increment(c) for c in token.children if c.dep_ in ("dobj", "nsubjpass")):
                yield from self._elided(token)
        elif token.pos_ == "ADJ" or (token.pos_ == "VERB" and token.dep_ in ("acomp", "amod")):
            for rel in self.adjectives.get(lemma, ()) or self.adjectives.get(token.lower_, ()):
                yield from self._adjective(token, rel)
        elif token.pos_ in ("NOUN", "PROPN") and token.i not in (token.doc._.mention_at or {}):
            for rel in self._noun_relations(token):
                yield from self._noun(token, rel)
            for rel in self.inverse_nouns.get(lemma, ()):
                yield from self._inverse_noun(token, rel)
            for words, rel in self.roles.get(lemma, ()):
                if self._role_matches(token, words):
                    yield from self._role(token, rel)
            for rel in self.inverse_roles.get(lemma, ()):
                # "India is Russia's largest buyer of oil": the role names the object
                for rule, _, referents, others in self._role(token, rel, inverse=True):
                    yield rule, rel, others, referents

    def _listed_members(self, opening: Token):
        """ "the E3 (France, Germany and the United Kingdom)": a group named with its members
        listed in parentheses (two or more actors, nothing else but commas, "and" and "the")."""
        doc = opening.doc
        mention_at = doc._.mention_at or {}
        group = mention_at.get(opening.i - 1) if opening.i else None
        if group is None or group.type not in ("Organization", "Bloc"):
            return
        members: list[_Arg] = []
        i = opening.i + 1
        while i < len(doc) and doc[i].text != ")":
            token = doc[i]
            if token.text == "(":  # a member's own abbreviation: "the ... Army (MNDAA)"
                while i < len(doc) and doc[i].text != ")":
                    i += 1
            elif i in mention_at:
                mention = mention_at[i]
                if not members or members[-1].mention is not mention:
                    members.append(_Arg(mention))
            elif token.lower_ not in (",", "and", "the", "&") and not token.is_space:
                return  # a description or an abbreviation, not a list of members
            i += 1
        members = [m for m in _unique(members) if m.mention.actor != group.actor]
        if i < len(doc) and len(members) >= 2:
            yield "member-list", "memberOf", members, [_Arg(group)]

    def _noun_relations(self, noun: Token) -> list[str]:
        lemma = noun.lemma_.lower()
        found = list(self.nouns.get(lemma, ()))
        if lemma in self.noun_phrases:
            modifiers = {
                w
                for c in noun.children
                if c.dep_ in ("compound", "amod", "nmod")
                for w in (c.lemma_.lower(), c.lower_)
            }
            found += [r for words, r in self.noun_phrases[lemma] if words <= modifiers]
        return sorted(set(found))

    def _pairs(self, rel: RelationSpec, subjects: list[_Arg], objects: list[_Arg]):
        for s in _unique(subjects):
            for o in _unique(objects):
                if s.mention.actor == o.mention.actor:
                    continue
                if rel.subject_types and s.mention.type not in rel.subject_types:
                    continue
                if rel.object_types and o.mention.type not in rel.object_types:
                    continue
                yield s, o

    # ------------------------------------------------------------------ argument resolution

    def arg(self, token: Token, *, owner: bool = True) -> list[_Arg]:
        """Actors a noun phrase headed by ``token`` denotes, expanded over coordination.

        ``owner`` lets a non-actor noun stand for the actor that modifies or possesses it
        ("North Korean troops", "Russia's war effort").
        """
        out: list[_Arg] = []
        mention_at = token.doc._.mention_at or {}
        if token.i in mention_at:
            out.append(_Arg(mention_at[token.i]))
            for child in token.children:  # "[NATO and Western] nations": a coordinated modifier
                if (
                    child.dep_ in ("nmod", "compound", "amod")
                    and child.i in mention_at
                    and mention_at[child.i] is not mention_at[token.i]
                    and any(c.dep_ == "conj" for c in child.children)
                ):
                    out.extend(self.arg(child, owner=False))
        elif token.lemma_.lower() in self.symmetric_nouns and self._demonstrative(token):
            # "counter this newly formed alliance": the allies named just before
            out.extend(_Arg(m, inferred=True, anaphoric=True) for m in self._group(token))
        elif (
            token.lower_ in PRONOUNS
            or is_group_reference(token)
            or (
                token.lemma_.lower() in DEFINITE_NOUNS
                and any(
                    c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children
                )
            )
        ):
            out.extend(
                _Arg(m, inferred=True) for m in antecedents(token, not_under=self.hostile_nouns)
            )
        elif (
            DEFINITE_NOUNS.get(token.lemma_.lower()) == "State"
            and any(c.dep_ == "poss" for c in token.children)
            and (
                people := [
                    a
                    for c in token.children
                    if c.dep_ == "poss"
                    for a in self.arg(c, owner=False)
                    if a.mention.type == "Person"
                ]
            )
        ):
            # "his country", "Kagame's government": the state the person speaks for
            out.extend(
                _Arg(m, inferred=True) for p in people if (m := self._state_of(p.mention, token))
            )
        elif token.lower_ in RELATIVE_PRONOUNS and token.dep_ in ("pobj", "dobj", "poss"):
            # "the SCO, which China and Russia belong to", "the IAEA, which Tehran accuses of
            # ...": the noun the clause describes
            clause = next((t for t in token.ancestors if t.dep_ == "relcl"), None)
            if clause is not None:
                out.extend(self._relative_head(token, clause, owner=False))
        elif (
            token.lemma_.lower() in PARTITIVES
            and token.i not in mention_at
            and any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)
        ):  # "81 per cent of Pakistan's arms imports": the whole it is part of
            out.extend(self._behind(token, "of", owner=owner))
        elif token.lower_ in QUANTIFIERS:  # "each of them", "all of them"
            out.extend(self._behind(token, "of", owner=False))
        elif token.pos_ in ("NOUN", "PROPN") and not self._is_role(token):
            for child in token.children:
                if child.dep_ == "appos":
                    # "al-Udeid, a US air base in Qatar": a place stands for whose it is
                    place = child.lemma_.lower() in PLACE_NOUNS
                    out.extend(self.arg(child, owner=owner and place))
                elif (
                    child.dep_ == "prep"
                    and (
                        child.lower_ == "like"
                        or (
                            child.lower_ == "as" and any(c.lower_ == "such" for c in child.children)
                        )
                    )
                    and token.lemma_.lower() not in self.hostile_nouns
                ):  # "countries like Iran", "states such as Iran": the examples (of "conflicts
                    # such as Vietnam", wars)
                    out.extend(
                        a
                        for p in child.children
                        if p.dep_ == "pobj"
                        for a in self.arg(p, owner=owner)
                    )
            if not out and owner:
                owners = self.owners(token)
                hostile = token.lemma_.lower() in self.hostile_nouns
                if not (hostile and len({a.mention.actor for a in owners}) > 1):
                    # "the Russia-Ukraine war" stands for neither side
                    out.extend(_Arg(a.mention, True) for a in owners)
        elif self._is_role(token):
            out.extend(self._role_referents_below(token))
        for child in token.children:
            if child.dep_ == "conj" and stray_subject(child) is None:
                out.extend(self.arg(child, owner=owner))
        return out

    def _state_of(self, person: Mention, near: Token) -> Mention | None:
        """The state a person holds office in, from a title before one of their mentions up to
        ``near`` ("Burundian President Évariste Ndayishimiye", "Togo's President Faure
        Gnassingbé"): the state named right before the title."""
        doc = near.doc
        if self._titled is None or self._titled[0] is not doc:
            self._titled = (doc, self._titled_states(doc))
        first = self._titled[1].get(person.actor)
        # the first titled mention decides: any later one is after it, so after ``near`` too
        return first[1] if first is not None and first[0] <= near.i else None

    def _titled_states(self, doc: Doc) -> dict[str, tuple[int, Mention]]:
        """Actor -> (start, state) of its first mention that a title and a state precede (one
        pass over the mentions, not one per "his country")."""
        mention_at = doc._.mention_at or {}
        out: dict[str, tuple[int, Mention]] = {}
        for mention in doc._.mentions or []:
            if mention.actor in out:
                continue
            i = mention.start - 1
            while i >= 0 and doc[i].lower_ in self.title_words:
                i -= 1
            if i < mention.start - 1 and doc[i].text in ("'s", "\u2019s", "'"):
                i -= 1
            found = mention_at.get(i)
            if found is not None and found.type == "State":
                out[mention.actor] = (mention.start, found)
        return out

    def _relative_head(self, pronoun: Token, clause: Token, *, owner: bool = True) -> list[_Arg]:
        """What a relative pronoun stands for: the actor right before ", which" ("Mediation by
        Turkey, which trains Somali soldiers", wherever the parser hung the clause), else the
        noun the clause describes."""
        doc = pronoun.doc
        mention_at = doc._.mention_at or {}
        before = pronoun.i - 2
        if before >= 0 and doc[pronoun.i - 1].text == "," and before in mention_at:
            return [_Arg(mention_at[before])]
        return self.arg(clause.head, owner=owner)

    def owners(self, token: Token) -> list[_Arg]:
        """Actors that possess or modify a noun: "Russia's army", "North Korean troops"."""
        mention_at = token.doc._.mention_at or {}
        out: list[_Arg] = []
        for child in token.children:
            if child.dep_ == "poss":
                out.extend(self.arg(child, owner=False))
            elif (
                child.dep_ == "prep"
                and child.lower_ == "of"
                and token.lemma_.lower() in self.troops
                and token.i not in mention_at
            ):  # "fighters of the Wagner Group", "troops of the CSTO"
                out.extend(
                    a for p in child.children if p.dep_ == "pobj" for a in self.arg(p, owner=False)
                )
            elif child.dep_ in ("amod", "compound", "nmod") and child.i in mention_at:
                if (
                    token.lemma_.lower() in self.goods
                    and not mention_at[child.i].curated
                    and mention_at[child.i].type != "State"
                ):
                    continue  # "Wing Loong drones", "HIMARS launchers": a product's name
                out.extend(_Arg(m) for m in hyphen_chain(child, mention_at))
                for conj in child.children:
                    if conj.dep_ == "conj":
                        out.extend(self.arg(conj, owner=False))
        return out

    def subjects(self, verb: Token) -> list[_Arg]:
        """The actors doing what ``verb`` says, inherited through control and coordination."""
        named = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
        if named:
            if named[0].lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return self._relative_head(named[0], verb)
            # "Russia and, to a lesser degree, Hungary give ...": an aside can split a
            # coordinated subject into two subjects of the verb; "Like China and Russia,
            # Kyrgyzstan and Tajikistan are founding members": the likes do it too
            return [a for c in named for a in self.arg(c)] + self._behind(verb, "like", owner=False)
        for child in verb.children:
            if child.dep_ == "agent":
                return [a for p in child.children if p.dep_ == "pobj" for a in self.arg(p)]
        infinitival = _infinitival(verb)
        if verb.dep_ == "relcl" and not infinitival:
            return self.arg(verb.head)
        if verb.dep_ == "acl" and verb.tag_ == "VBG":
            return self.arg(verb.head)
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ == "NOUN":
            # "X has plans to send", "X's decision to deploy": the noun's owner or holder acts
            owners = self.owners(verb.head)
            holder = verb.head.head
            if owners:
                return owners
            if verb.head.dep_ in ("dobj", "attr") and holder.pos_ in ("VERB", "AUX"):
                return self.subjects(holder)
            # "the deployment of DPRK troops to support Russia"
            theme = self._behind(verb.head, "of")
            if theme:
                return theme
            governor = holder.head
            if verb.head.dep_ == "pobj" and governor.pos_ in ("VERB", "AUX"):
                # "accused X of plans to send": X holds the plans
                return [a for c in governor.children if c.dep_ == "dobj" for a in self.arg(c)]
        if verb.dep_ in INHERIT_SUBJECT and verb.head.i != verb.i:
            head = verb.head
            if head.pos_ in ("VERB", "AUX"):
                return self.subjects(head)
            if verb.dep_ == "pcomp" and head.head.pos_ in ("VERB", "AUX"):
                if head.lower_ in ("of", "for"):
                    # "accused Egypt of sending", "sanctioned Belarus for helping Moscow": the
                    # object does it; of an event noun ("extended its sanctions on Belarus for
                    # helping"), its target
                    objects = [  # "Egypt was accused of sending": the passive's subject
                        c for c in head.head.children if c.dep_ in ("dobj", "nsubjpass")
                    ]
                    held = [a for c in objects for a in self.arg(c, owner=False)]
                    held = held or [
                        a
                        for c in objects
                        if c.lemma_.lower() in self.nouns
                        for a in self._behind(c, "on", "against")
                    ]
                    if held:
                        return held
                return self.subjects(head.head)
        return []

    def prep_objects(
        self,
        head: Token,
        rel: RelationSpec,
        *,
        direct_of: bool = True,
        skip: frozenset[str] = frozenset(),
        extra: frozenset[str] = frozenset(),
    ) -> list[_Arg]:
        """Actors behind the relation's object prepositions (and ``extra``, but ``skip``)
        attached to ``head``.

        Behind "of" only an actor itself counts (the "of"-phrase of a nominal is usually its
        theme: "supply of munitions"), elsewhere also a noun's owner ("to Russia's army").
        """
        out: list[_Arg] = []
        for child in head.children:
            if (
                child.dep_ in ("prep", "dative")
                and (child.lower_ in rel.prepositions or child.lower_ in extra)
                and child.lower_ not in skip
            ):
                # "in" names a place: an actor itself ("troops in Somalia"), never the owner of
                # what is there ("troops in the Vietnam War", "in Russia's Kursk region")
                direct = (direct_of and child.lower_ == "of") or (
                    child.lower_ == "in" and rel.kind != "hostile"
                )
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        # "in Congo's Ituri province": a place stands for whose it is
                        place = pobj.lemma_.lower() in PLACE_NOUNS
                        out.extend(self.arg(pobj, owner=not direct or place))
            elif child.dep_ == "dative" and child.pos_ in ("NOUN", "PROPN", "PRON"):
                out.extend(self.arg(child))
        return out

    # ------------------------------------------------------------------ verb patterns

    def _light_noun(self, verb: Token) -> bool:
        """The verb carries an event or item noun: as its object ("sent troops"), or behind
        "with" ("provided Russia with manpower"): the noun names the relation."""
        mention_at = verb.doc._.mention_at or {}
        carried = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        carried += [
            p
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ == "with"
            for p in c.children
            if p.dep_ == "pobj"
        ]
        return self._is_light(verb) and any(
            c.lemma_.lower() in self.nouns and c.i not in mention_at for c in carried
        )

    def _verb(self, verb: Token, rel_name: str):
        if self._light_noun(verb):
            return  # the event noun names the relation ("send troops", "provide support")
        if self.relations[rel_name].kind == "structural" and any(
            c.dep_ == "dobj"
            and rel_name not in self._noun_relations(c)
            and self._noun_relations(c)
            and c.lemma_.lower() not in self.symmetric_nouns  # "condemned this alliance": a group
            and c.lemma_.lower() not in self.item_nouns  # "trains soldiers": what, not an event
            and c.i not in (verb.doc._.mention_at or {})
            for c in verb.children
        ):
            return  # "declined to join EU sanctions": the sanctions, not a membership
        # (a reaction to another's act is a relation to its actor: "condemned each US arms sale")
        rel = self.relations[rel_name]
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "troops sent to Russia by ..."
            passive = True
        objects = self.prep_objects(verb, rel)
        if passive:
            agents = [
                a
                for c in verb.children
                if c.dep_ == "agent"
                for p in c.children
                if p.dep_ == "pobj"
                for a in self.arg(p)
            ]
            patients = [
                a for c in verb.children if c.dep_ == "nsubjpass" for a in self.arg(c, owner=False)
            ]
            if not patients and rel.kind != "cooperative":
                # "The Israeli strikes were condemned by Saudi Arabia", "the memorandum between
                # Ankara and the GNA was denounced by Athens": a reaction to an act is a
                # relation to its actors
                patients = [
                    a
                    for c in verb.children
                    if c.dep_ == "nsubjpass" and c.lemma_.lower() not in self.item_nouns
                    for a in self.owners(c) + self._between(c)
                ]
            if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "the Lebanese army, supported by"
                patients = self.arg(verb.head)
            if agents:
                yield "verb-passive", rel_name, agents, objects or patients
            return
        if rel.theme_object:  # "deployed its elite corps to X": the object is what moves
            objects = self._beneficiaries(verb) or objects or self._war_sides(verb)
        elif not objects:
            objects = [
                a
                for c in verb.children
                if c.dep_ in ("dobj", "dative", "attr")
                for a in self.arg(c)
            ]
            if (
                not objects
                and verb.dep_ == "relcl"
                and any(c.dep_ == "dobj" and c.lower_ in RELATIVE_PRONOUNS for c in verb.children)
            ):  # "the SCO, which India and Pakistan joined": the object is the noun described
                objects = self.arg(verb.head, owner=False)
        if not objects:  # "X helped Y intercept drones": Y is the complement clause's subject
            objects = [
                a
                for c in verb.children
                if c.dep_ == "ccomp"
                for n in c.children
                if n.dep_ == "nsubj"
                for a in self.arg(n, owner=False)
            ]
        if objects:
            yield "verb-active", rel_name, self.subjects(verb), objects
        elif rel.symmetric:  # "India and Pakistan agreed ...": the subjects are the parties
            parties = _unique(self.subjects(verb))
            for i, first in enumerate(parties):
                if i + 1 < len(parties):
                    yield "verb-active", rel_name, [first], parties[i + 1 :]

    def _adjective(self, adjective: Token, rel_name: str):
        """ "Russia is frustrated with China", "Japan remains wary of China", "a Hungary
        friendly to Russia"."""
        objects = self.prep_objects(adjective, self.relations[rel_name])
        if not objects:
            return
        head = adjective.head
        if adjective.dep_ in ("acomp", "oprd", "xcomp") and head.pos_ in ("VERB", "AUX"):
            subjects = self.subjects(head)
        elif adjective.dep_ in ("amod", "appos"):
            subjects = self.arg(head, owner=False)
        else:
            return
        yield "adjective", rel_name, subjects, objects

    def _prefix(self, prefix: Token, rel_name: str):
        """ "an anti-U.S. front", "Russia's anti-Western stance", "a pro-Russian government":
        whoever holds the modified noun relates to the actor after the prefix."""
        doc = prefix.doc
        mention_at = doc._.mention_at or {}
        after = prefix.i + 2 if prefix.i + 1 < len(doc) and doc[prefix.i + 1].text == "-" else -1
        if after < 0 or after >= len(doc) or after not in mention_at:
            return
        target = mention_at[after]
        noun = doc[target.end - 1].head if doc[after].dep_ != "ROOT" else None
        if noun is None or noun.pos_ not in ("NOUN", "PROPN") or noun.i in mention_at:
            return
        holders = [a for a in self.owners(noun) if a.mention.actor != target.actor]
        holders += self._between(noun)
        if (
            not holders
            and noun.dep_ in ("dobj", "attr", "oprd")
            and noun.head.pos_
            in (
                "VERB",
                "AUX",
            )
        ):
            holders = self.subjects(noun.head)
            if not holders:  # "cooperation between X and Y signals an anti-U.S. front"
                holders = [
                    a
                    for c in noun.head.children
                    if c.dep_ in ("nsubj", "nsubjpass")
                    for a in self._between(c) + self.owners(c)
                ]
        if holders:
            yield "prefix", rel_name, holders, [_Arg(target)]

    def _inverse_verb(self, verb: Token, rel_name: str):
        if any(
            c.dep_ == "dobj" and rel_name not in self.nouns.get(c.lemma_.lower(), (rel_name,))
            for c in verb.children
        ):
            return  # "received support from X": another relation's noun names the relation
        # "NATO includes Poland": the object is the member; what is bought or received is not
        # who sells it ("Meloni received Haftar in Rome")
        sources = (
            [a for c in verb.children if c.dep_ == "dobj" for a in self.arg(c, owner=False)]
            if self.relations[rel_name].kind == "structural"
            else []
        )
        heads = [verb] + [c for c in verb.children if c.dep_ == "dobj"]  # PP attachment varies
        if rel_name == "supplies":  # "received Venezuelan oil", "bought Russian S-400s"
            sources += [
                a
                for c in verb.children
                if c.dep_ == "dobj" and c.i not in (verb.doc._.mention_at or {})
                for a in self.owners(c)
            ]
        sources += [
            a
            for h in heads
            for c in h.children
            if c.dep_ == "prep" and c.lower_ == "from"
            for p in c.children
            if p.dep_ == "pobj"
            for a in self.arg(p)
        ]
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            return  # "launchers bought from the US": who bought them is not said here
        holders = self.subjects(verb) or [
            a  # "SADC, whose members include Congo": the members' group includes
            for c in verb.children
            if c.dep_ == "nsubj" and self._is_role(c)
            for a in self.owners(c)
        ]
        if sources:
            yield "inverse-verb", rel_name, sources, holders

    # ------------------------------------------------------------------ noun patterns

    def _inverse_noun(self, noun: Token, rel_name: str):
        """ "India's purchases of Russian oil", "Turkey's import of drones from Iran": the
        buyer owns the noun; the seller owns what is bought, or follows "from"."""
        buyers = self.owners(noun)
        sellers = [
            a
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ in ("of", "from")
            for p in c.children
            if p.dep_ == "pobj"
            for a in (self.arg(p) if c.lower_ == "from" else self.owners(p))
        ]
        if buyers and sellers:
            yield "nominal", rel_name, sellers, buyers

    def _noun(self, noun: Token, rel_name: str):
        rel = self.relations[rel_name]
        if (
            rel.items
            and noun.lemma_.lower() not in rel.items
            and any(
                c.dep_ == "compound" and c.lemma_.lower() in self.item_nouns - rel.items
                for c in noun.children
            )
        ):
            return  # "Soviet missile deployments in Cuba": missiles, not troops, are deployed
        subjects = self.owners(noun)
        if not rel.symmetric and len({a.mention.actor for a in subjects}) > 1:
            return  # "the Russia-Ukraine war": who does what to whom is not said
        subjects.extend(self._agents(noun, rel))
        carrier = self._carrier(noun)
        receiver = self._receiver(noun)
        item = noun.lemma_.lower() in rel.items
        # "troops in Ukraine" alone says where troops are, not whom they were sent to ("North
        # Korean troops in Ukraine fight for Russia"); carried, "has troops in Qatar", it does
        objects = self.prep_objects(
            noun, rel, skip=frozenset({"in"}) if item and carrier is None else frozenset()
        )
        if not objects and item:  # "28,500 troops stationed in South Korea"
            objects = [
                a
                for c in noun.children
                if c.dep_ == "acl" and c.tag_ == "VBN"
                for a in self._beneficiaries(c) or self.prep_objects(c, rel)
            ]
        if not objects and noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
            objects = self.prep_objects(noun.head, rel)  # "X's closest relationship is with Y"
        if not objects and noun.dep_ == "pobj" and noun.head.lower_ == "of":
            # "allegations of the UAE's supply of weapons to the RSF": the phrase may hang on
            # the noun the trigger depends on
            outer = noun.head.head
            objects = (
                [
                    a
                    for a in self.prep_objects(outer, rel, direct_of=False)
                    if a.mention.start not in range(noun.left_edge.i, noun.right_edge.i + 1)
                ]
                if outer.pos_ in ("NOUN", "PROPN") and outer.i not in (noun.doc._.mention_at or {})
                else []
            )
        rule = "nominal"
        if receiver is not None and not rel.symmetric:
            # "Ukraine receives support from NATO": the receiver is the object
            rule = "light-verb"
            subjects = subjects or self._agents(receiver, rel)
            objects = objects or self.subjects(receiver)
        elif carrier is not None:
            rule = "light-verb"
            if not subjects:
                subjects = self.subjects(carrier)
            elif _joins(noun, self.hostile_nouns):
                # "declined to join EU sanctions against Russia": who joins takes part
                subjects = subjects + self.subjects(carrier)
            if noun.dep_ == "pobj" and noun.head.lower_ == "with":
                # "provided Russia with soldiers (for its war)": the carrier's direct object
                # receives, whatever the noun's own phrases say
                objects = [
                    a
                    for c in carrier.children
                    if c.dep_ in ("dobj", "dative", "nsubjpass")  # "Russia is supplied with"
                    for a in self.arg(c)
                ] or objects
            if not objects:
                objects = [
                    a
                    for a in self.prep_objects(carrier, rel)
                    if a.mention.start not in range(noun.left_edge.i, noun.right_edge.i + 1)
                ]
            if rel.kind == "cooperative" and not rel.symmetric:
                # troops sent "to Ukraine" "in support of Russia" help Russia, not Ukraine;
                # troops sent "in the Russia-Ukraine war" help the side their sender backs
                objects = self._beneficiaries(carrier) or objects
                if not objects and rel.items:
                    objects = self._war_sides(carrier)
        if not objects and rel.kind == "cooperative" and not rel.symmetric:
            # "Turkey's deployment of troops in support of the GNA"
            objects = self._beneficiaries(noun)
            if not objects and noun.lemma_.lower() in self.troops and noun.dep_ == "nsubj":
                # "Fighters of the Wagner Group arrived to fight for the LNA"
                verb = noun.head
                objects = self._beneficiaries(verb)
                if not objects and verb.lemma_ in ("fight", "serve"):
                    objects = self._behind(verb, "for", "alongside")
        if not subjects:  # "the deployment of North Korean troops to Russia"
            subjects = [
                a
                for c in noun.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children
                if p.dep_ == "pobj" and p.i not in (noun.doc._.mention_at or {})
                for a in self.owners(p)
            ]
        if rel.symmetric and not (subjects and objects):
            # "the alliance between X and Y", "X-Y ties", "their alliance": the parties are
            # the owners and the "between"-phrase, never alternatives behind "with"
            everyone = _unique(subjects + self._between(noun))
            if len(everyone) < 2:  # "the convergence of North Korea and Russia"
                pair = _unique(self._behind(noun, "of", owner=False))
                everyone = pair if len(pair) >= 2 else everyone
            if len(everyone) < 2 and self._demonstrative(noun):  # "this alliance"
                everyone = [_Arg(m, inferred=True, anaphoric=True) for m in self._group(noun)]
            if len(everyone) >= 2:
                for i, first in enumerate(everyone):
                    yield rule, rel_name, [first], everyone[i + 1 :]
                # "the convergence of North Korea and Russia against Ukraine": the parties
                # stand together against a third
                targets = [
                    a
                    for a in self._against(noun)
                    if a.mention.actor not in {p.mention.actor for p in everyone}
                ]
                if targets and rel.kind == "cooperative" and "opposes" in self.relations:
                    yield rule, "opposes", everyone, targets
            return
        if subjects and objects:
            yield rule, rel_name, subjects, objects

    def _behind(self, head: Token, *preps: str, owner: bool = True) -> list[_Arg]:
        """Actors behind the prepositions ``preps`` attached to ``head`` ("between X and Y")."""
        return [
            a
            for c in head.children
            if c.dep_ == "prep" and c.lower_ in preps
            for p in c.children
            if p.dep_ == "pobj"
            for a in self.arg(p, owner=owner)
        ]

    def _against(self, head: Token) -> list[_Arg]:
        """Actors behind "against" on ``head`` or on the parties it names ("the alliance
        between Iran and Syria against Israel": the parser may hang it on a party)."""
        heads = [head] + [
            p
            for c in head.children
            if c.dep_ == "prep" and c.lower_ in ("between", "of", "among")
            for p in c.children
            if p.dep_ == "pobj"
        ]
        heads += [c for h in heads[1:] for c in h.children if c.dep_ == "conj"]
        return [a for h in heads for a in self._behind(h, "against")]

    def _between(self, noun: Token) -> list[_Arg]:
        return self._behind(noun, "between", "among", "amongst")

    @staticmethod
    def _demonstrative(noun: Token) -> bool:
        return any(
            c.dep_ == "det" and c.lower_ in ("this", "that", "these", "those")
            for c in noun.children
        )

    def _group(self, token: Token) -> list[Mention]:
        """The parties of the relation a demonstrative relation noun refers back to ("this
        alliance", "that partnership"), among the symmetric relations found earlier in the
        document: a pair named in the noun's own sentence first ("Russia gains from this
        alliance, through North Korea's manpower"), then the pair most often related so far
        (the document's main alliance), then one of the noun's own relation, then the latest.
        """
        own = set(self._noun_relations(token)) | {
            r for words, r in self.roles.get(token.lemma_.lower(), ()) if len(words) == 1
        }
        mention_at = token.doc._.mention_at or {}
        here = {mention_at[t.i].actor for t in token.sent if t.i in mention_at}
        if not self._history.seen:
            return []
        best = max(
            self._history.seen.values(),
            key=lambda p: (len(p.actors & here), p.count, bool(p.relations & own), p.last),
        )
        return [best.claim.subject, best.claim.object]

    def _agents(self, head: Token, rel: RelationSpec) -> list[_Arg]:
        """Actors behind the relation's subject prepositions: "supply of shells from X",
        "support from NATO", "an attack by Y"."""
        return [
            a
            for c in head.children
            if c.dep_ in ("prep", "agent") and c.lower_ in rel.subject_prepositions
            for p in c.children
            if p.dep_ == "pobj"
            for a in self.arg(p)
        ]

    def _receiver(self, noun: Token) -> Token | None:
        """The verb whose subject receives an event noun: "received support", "got arms"."""
        head = noun.head
        if noun.dep_ == "dobj" and any(k in self.receive_verbs for k in verb_keys(head)):
            return head
        return None

    def _is_light(self, verb: Token) -> bool:
        return verb.pos_ in ("VERB", "AUX") and any(k in self.light_verbs for k in verb_keys(verb))

    def _carrier(self, noun: Token) -> Token | None:
        """The verb that carries an event noun: "imposed sanctions", "in support of"."""
        head = noun.head
        if noun.dep_ in ("dobj", "nsubjpass") and self._is_light(head):
            return head
        if _joins(noun, self.hostile_nouns):
            return head
        if (
            noun.dep_ == "pobj"
            and head.lower_ == "with"
            and head.dep_ == "prep"
            and self._is_light(head.head)
        ):
            return head.head
        if (
            noun.dep_ == "pobj"
            and head.dep_ == "prep"
            and head.lower_ in ("in", "as", "through", "at")
            and head.head.pos_ in ("VERB", "AUX")
            and any(c.dep_ == "prep" for c in noun.children)  # "in support of X", not "in the war"
        ):
            return head.head
        return None

    def _beneficiaries(self, verb: Token) -> list[_Arg]:
        """Who a transfer is for, from its purpose clause: "sent troops to support Russia"."""
        supports = self.relations.get("supports")
        if supports is None:
            return []
        out: list[_Arg] = []
        for child in verb.children:
            if child.dep_ in ("advcl", "xcomp") and child.lemma_.lower() in supports.verbs:
                out.extend(a for c in child.children if c.dep_ == "dobj" for a in self.arg(c))
            elif child.dep_ in ("advcl", "xcomp"):  # "to fight for Russia"
                out.extend(
                    a
                    for c in child.children
                    if c.dep_ == "prep" and c.lower_ == "for"
                    for p in c.children
                    if p.dep_ == "pobj"
                    for a in self.arg(p)
                )
            elif child.dep_ == "prep" and child.lower_ == "in":  # "in support of Russia"
                for noun in child.children:
                    if noun.dep_ == "pobj" and noun.lemma_.lower() in supports.nouns:
                        out.extend(self.prep_objects(noun, supports))
        return out

    def _war_sides(self, head: Token) -> list[_Arg]:
        """The sides of a war that a transfer goes into ("deployed in the Russia-Ukraine war",
        "sent to Russia's war against Ukraine"): each a possible recipient, the one the sender
        backs in the document chosen later (`_war_side`)."""
        for child in head.children:
            if child.dep_ != "prep" or child.lower_ not in ("in", "into", "to", "for"):
                continue
            for noun in child.children:
                if noun.dep_ != "pobj" or noun.lemma_.lower() not in self.hostile_nouns:
                    continue
                sides = _unique(
                    self.owners(noun)
                    + self._between(noun)
                    + self._behind(noun, "against", "on", "with")
                )
                if len(sides) >= 2:
                    return [_Arg(a.mention, True, a.anaphoric, side=True) for a in sides]
        return []

    def _elided(self, verb: Token):
        """ "3,000 soldiers are deployed ... and 10,000 more to be deployed", "Germany sent 30
        more": a bare number with "more" counts more of the item counted just before, so the
        clause repeats that mention's relation; arguments it does not name are that mention's."""
        start = details.since_previous_sentence(verb)
        for earlier in reversed(verb.doc[start : verb.i]):
            if (
                earlier.pos_ not in ("VERB", "AUX", "NOUN", "PROPN")
                or details.quantity(earlier) is None
                or any(details.increment(c) for c in earlier.children)
            ):
                continue
            readings = list(self._patterns(earlier))
            if not readings:
                continue
            subjects = self.subjects(verb)
            for _, rel_name, their_subjects, their_objects in readings:
                rel = self.relations[rel_name]
                objects = self.prep_objects(verb, rel) or self._beneficiaries(verb)
                yield "ellipsis", rel_name, subjects or their_subjects, objects or their_objects
            return

    # ------------------------------------------------------------------ role patterns

    def _is_role(self, token: Token) -> bool:
        lemma = token.lemma_.lower()
        return lemma in self.inverse_roles or any(
            self._role_matches(token, words) for words, _ in self.roles.get(lemma, ())
        )

    @staticmethod
    def _role_matches(token: Token, words: tuple[str, ...]) -> bool:
        if len(words) == 1:
            return True
        doc = token.doc
        texts = [t.lower_ for t in doc[max(0, token.i - 3) : token.i + 4] if t.text != "-"]
        return " ".join(words) in " ".join(texts) and (
            token.lower_ == words[-1]
            or token.lemma_.lower() == words[-1]
            or token.lower_ == words[0]
        )

    def _conjoined_role(self, role: Token, rel_name: str):
        """ "Beijing is Pakistan's creditor and its closest supplier": a role conjoined to
        another takes the referents of the first and its own objects."""
        first = role
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        head = first.head
        if first.dep_ in ("attr", "acomp", "oprd") and head.lemma_.lower() in COPULAS:
            referents = self.subjects(head)
        elif first.dep_ == "appos":
            referents = self.arg(head, owner=False)
        else:
            return
        rel = self.relations[rel_name]
        referent_actors = {a.mention.actor for a in referents}
        objects = [a for a in self.owners(role) if a.mention.actor not in referent_actors]
        objects.extend(self.prep_objects(role, rel, direct_of=False))
        if referents and objects:
            yield "role-copular", rel_name, referents, objects

    def _role_referents_below(self, role: Token) -> list[_Arg]:
        """ "its ally, Russia" / "ally Russia": the actor named inside the role phrase."""
        return [
            a
            for c in role.children
            if c.dep_ in ("appos", "compound", "npadvmod")
            for a in self.arg(c, owner=False)
        ]

    def _role(self, role: Token, rel_name: str, *, inverse: bool = False):
        """The actors a role noun names (``referents``) and those it relates them to. An
        ``inverse`` role ("buyer") relates them to whoever sells: its owner, or the owner of
        what it buys ("a buyer of Russian oil")."""
        rel = self.relations[rel_name]
        mention_at = role.doc._.mention_at or {}
        if rel.symmetric and is_group_reference(role):  # "the two allies" decided ...
            group = [
                _Arg(m, inferred=True, anaphoric=True)
                for m in antecedents(role, not_under=self.hostile_nouns)
            ]
            for i, first in enumerate(group):
                yield "role-group", rel_name, [first], group[i + 1 :]
            return
        head = role.head
        if role.dep_ == "conj" and head.i != role.i and self._is_role(head):
            yield from self._conjoined_role(role, rel_name)
            return
        if role.dep_ in ("compound", "amod", "nmod", "appos") and head.i in mention_at:
            # "Colombian President Gustavo Petro and Brazilian President Lula": each title
            # names its own person, not the coordinated ones
            referents, rule = [_Arg(mention_at[head.i])], "role-title"
            if role.dep_ == "appos":
                referents, rule = self.arg(head, owner=False), "role-appositive"
        elif role.dep_ == "appos":
            referents, rule = self.arg(head, owner=False), "role-appositive"
        elif (
            role.dep_ in ("attr", "acomp", "oprd")
            or (role.dep_ == "conj" and role.pos_ == "NOUN")  # "X is A's creditor and its partner"
        ) and head.lemma_.lower() in COPULAS:
            referents, rule = self.subjects(head), "role-copular"
        elif (
            role.dep_ == "dobj"
            and head.tag_ == "VBG"
            and any(c.dep_ == "aux" and c.lemma_ == "be" for c in head.children)
            and any(
                words[:-1] == (head.lower_,) for words, _ in self.roles.get(role.lemma_.lower(), ())
            )
        ):  # "X and Y are founding members of Z", parsed as a progressive "are founding"
            referents, rule = self.subjects(head), "role-copular"
        elif role.dep_ == "pobj" and head.lower_ == "as":
            # "X acts as Y's ally", "analysts view X as a rival", "X is seen as a rival"
            governor = head.head
            referents = [
                a
                for c in governor.children
                if c.dep_ in ("dobj", "nsubjpass")
                and governor.lemma_.lower() not in SUCCESSION_VERBS
                for a in self.arg(c, owner=False)
            ]
            if not referents:
                referents = (
                    self.subjects(governor)
                    if governor.pos_ in ("VERB", "AUX")
                    else self.owners(governor)
                )
            rule = "role-copular"
        else:
            referents, rule = self._role_referents_below(role), "role-title"
        if not referents:
            return
        referent_actors = {a.mention.actor for a in referents}
        objects = [a for a in self.owners(role) if a.mention.actor not in referent_actors]
        if inverse:
            objects += [
                a
                for c in role.children
                if c.dep_ == "prep" and c.lower_ in ("of", "from")
                for p in c.children
                if p.dep_ == "pobj"
                for a in (self.arg(p) if c.lower_ == "from" else self.owners(p))
                if a.mention.actor not in referent_actors
            ]
        else:
            # a role's own "of" ("the main arms supplier of Myanmar's junta"), or a copula's
            # fronted one ("NATO, of which Turkey and Italy are members")
            objects.extend(self.prep_objects(role, rel, direct_of=False, extra=frozenset({"of"})))
            if rule == "role-copular" and role.dep_ == "attr" and not objects:
                objects = [
                    a
                    for a in self.prep_objects(head, rel, extra=frozenset({"of"}))
                    if a.mention.actor not in referent_actors
                ]
        if objects:
            yield rule, rel_name, referents, objects

    # ------------------------------------------------------------------ modality

    def _source(self, trigger: Token) -> Source | None:
        """Who makes the claim: the speaker of the reporting word that governs the trigger."""
        path = _governing_path(trigger)
        if trigger.dep_ == "nsubjpass":
            path += _governing_path(trigger.head)
        for tok in path[1:]:
            cues = [tok] + [c for c in tok.children if c.dep_ in ("prep", "advcl")]
            for cue in cues:
                lemma = cue.lemma_.lower()
                if (cue.pos_ in ("VERB", "NOUN") and lemma in self.reporting) or (
                    cue.lower_ == "according"
                ):
                    found = details.source(
                        cue,
                        trigger.doc._.mention_at or {},
                        owner_of=lambda t: [a.mention for a in self.owners(t)],
                        antecedent_of=antecedent,
                    )
                    if found is not None:
                        return found
        return None

    @staticmethod
    def _presupposed(trigger: Token, rule: str) -> bool:
        """A relation named by a possessed or demonstrative noun ("its support for Ukraine",
        "this alliance", "may deepen its ties with Japan"), or by an apposition or title
        ("Belarus, its ally"), is taken as given by the sentence, not asserted or hedged by it
        (a question included: "Will Russia's allies follow?"; a noun with "a" or "any" is not
        given: "a Chinese attack on Taiwan could ...")."""
        if rule in ("role-appositive", "role-title"):
            return True
        mention_at = trigger.doc._.mention_at or {}
        return rule in ("nominal", "light-verb") and any(
            c.dep_ == "poss"
            or (c.dep_ == "det" and c.lower_ in ("this", "that", "these", "those"))
            # "EU sanctions" is the EU's sanctions (an adjective, "a Russian attack", is not,
            # nor "a Poland-South Korea partnership")
            or (
                c.dep_ == "compound"
                and c.pos_ == "PROPN"
                and c.i in mention_at
                and not any(
                    d.dep_ == "det" and d.lower_ in ("a", "an", "any") for d in trigger.children
                )
            )
            for c in trigger.children
        )

    def _own_announcement(self, cue: Token, subject: str | None) -> bool:
        """A reporting verb whose own subject is the relation's subject: "North Korea announced
        a troop deployment" is North Korea's act, not a claim about someone else."""
        if subject is None or cue.pos_ != "VERB" or cue.tag_ == "VBN":
            return False  # "viewed as adversaries": a passive reports others' view
        return any(a.mention.actor == subject for a in self.subjects(cue))

    def modality(
        self,
        trigger: Token,
        *,
        speculative: bool = False,
        subject: str | None = None,
        presupposed: bool = False,
    ) -> str:
        """Negated, Speculative, Reported or Asserted, from the words governing ``trigger``.

        The scope is the trigger and the heads above it, stopping where the trigger's phrase
        is a subject (negating "is" in "the deployment is not merely X" says nothing of the
        deployment). A ``presupposed`` relation ("its support for Ukraine", "Belarus, its
        ally") exists whatever the sentence hedges or denies about it ("may expand its support
        for Ukraine"): only words on the trigger itself ("its potential support") and
        reporting make it less than Asserted.
        """
        path = _governing_path(trigger)
        if (
            trigger.dep_ == "nsubjpass"
            or trigger.dep_ in SUBJECT_DEPS
            and any(c.dep_ == "det" and c.lower_ in ("a", "an", "any") for c in trigger.children)
        ):  # "troops were sent": the carrier's clause decides
            path += _governing_path(trigger.head)
        local = _clause_length(path)
        finite = _finite_clause_length(path)
        found = {"Speculative"} if speculative else set()
        for depth, tok in enumerate(path):
            lemma, lower = tok.lemma_.lower(), tok.lower_
            if presupposed and depth:
                if tok.pos_ in ("VERB", "NOUN") and lemma in self.reporting:
                    found.add("Reported")
                if depth == 1 and tok.pos_ == "VERB" and lemma in self.negation:
                    found.add("Negated")  # "froze its participation", "ended its support"
                continue
            if (
                depth
                and tok.pos_ in ("VERB", "NOUN", "ADJ", "ADP", "AUX")
                and (lemma in self.negation or lower in self.negation)
                and lower != "no"
            ):
                found.add("Negated")
            if depth and (lemma in self.speculation or lower in self.speculation):
                found.add("Speculative")
            if (
                depth
                and tok.pos_ in ("VERB", "NOUN")
                and lemma in self.reporting
                and not self._own_announcement(tok, subject)
            ):
                found.add("Reported")
            for child in tok.children:
                if child.dep_ == "neg" or (
                    child.dep_ == "det" and child.lower_ in ("no", "neither")
                ):
                    if depth < local:
                        found.add("Negated")
                elif child.dep_ in ("aux", "advmod", "mark", "amod", "acomp", "prep", "npadvmod"):
                    word = child.lower_
                    if child.dep_ == "aux" and depth >= finite:
                        continue  # "would not hand over ... while Israel occupied": its own clause
                    if word in self.speculation or child.lemma_.lower() in self.speculation:
                        found.add("Speculative")
                    elif word in self.reporting and child.dep_ in ("advmod", "prep"):
                        found.add("Reported")
                    elif word in self.negation and child.dep_ in ("advmod", "prep"):
                        found.add("Negated")
        for participle in trigger.children:
            # "soldiers potentially being deployed to Russia": the participle that moves them
            if participle.dep_ == "acl" and participle.tag_ in ("VBN", "VBG"):
                for child in participle.children:
                    word = child.lower_
                    if child.dep_ == "neg" or (child.dep_ == "advmod" and word in self.negation):
                        found.add("Negated")
                    elif child.dep_ in ("advmod", "aux") and word in self.speculation:
                        found.add("Speculative")
        return next(m for m in MODALITY_ORDER if m in found or m == "Asserted")


@dataclass
class _Pair:
    """What the document said so far of one pair of actors in symmetric relations."""

    actors: frozenset[str]
    claim: Candidate  # the latest
    last: int  # its position among every claim
    count: int = 0
    relations: set[str] = field(default_factory=set)


class _Pairs:
    """Symmetric relations found so far, per pair of actors, kept up to date as claims are
    found: `_group` reads them for each "this alliance" instead of rereading every claim."""

    def __init__(self) -> None:
        self.seen: dict[frozenset[str], _Pair] = {}
        self.total = 0

    def add(self, claim: Candidate, symmetric: bool) -> None:
        if symmetric:
            actors = frozenset((claim.subject.actor, claim.object.actor))
            pair = self.seen.setdefault(actors, _Pair(actors, claim, self.total))
            pair.claim, pair.last = claim, self.total
            pair.count += 1
            pair.relations.add(claim.relation)
        self.total += 1


class _Claims:
    """The claims of the sentences read so far, in document order, with what the follow-up
    rules look up in them: the latest claim of a relation by a subject and the objects it ever
    had (event anaphora), the item the latest claim of a triple moves (estimates), and the
    claims of the last few sentences (reactions, estimates). Lookups never scan the document."""

    def __init__(self, item: Callable[[Candidate], str]) -> None:
        self.claims: list[Candidate] = []
        self._item = item
        self._by_subject: dict[tuple[str, str], tuple[Candidate, set[str]]] = {}
        self._items: dict[tuple[str, str, str], str] = {}

    def add(self, claim: Candidate) -> None:
        self.claims.append(claim)
        key = (claim.relation, claim.subject.actor)
        objects = self._by_subject.get(key, (claim, set()))[1]
        objects.add(claim.object.actor)
        self._by_subject[key] = (claim, objects)
        item = self._item(claim)
        if item:
            self._items[(claim.subject.actor, claim.relation, claim.object.actor)] = item

    def since(self, sentence: int) -> Iterator[Candidate]:
        """The claims of sentence ``sentence`` and later, the latest first."""
        for claim in reversed(self.claims):
            if claim.sentence_index < sentence:
                return
            yield claim

    def last_of(self, relation: str, subject: str) -> tuple[Candidate | None, set[str]]:
        """The latest claim of ``relation`` by ``subject``, and every object such claims had."""
        return self._by_subject.get((relation, subject), (None, set()))

    def item_of(self, claim: Candidate) -> str:
        """What the latest claim of ``claim``'s triple that names an item moves ("" if none)."""
        return self._items.get((claim.subject.actor, claim.relation, claim.object.actor), "")


def verb_keys(token: Token) -> tuple[str, ...]:
    """Lemma forms to look a verb up by. The English lemmatizer sometimes drops a final 'e'
    ("waged" -> "wag"), so the lemma + 'e' is tried as well.

    >>> import spacy
    >>> doc = spacy.blank("en")("waged")
    >>> doc[0].lemma_ = "wag"
    >>> verb_keys(doc[0])
    ('wag', 'wage')
    """
    lemma = token.lemma_.lower()
    return (lemma, lemma + "e")


CLAUSE_BOUNDARIES = frozenset({"ccomp", "advcl", "acl", "relcl", "parataxis", "csubj"})


def _governing_path(trigger: Token) -> list[Token]:
    """The trigger and the heads that govern it, up to its clause's subject position or the
    top of a relative clause (a relative clause's content is not under its host's modality)."""
    path = [trigger]
    token = trigger
    while (
        token.head.i != token.i
        and token.dep_ not in SUBJECT_DEPS
        and not (token.dep_ == "relcl" and not _infinitival(token))
    ):
        token = token.head
        path.append(token)
    return path


def _imperative(sent: Span, verbs: frozenset[str] = frozenset()) -> bool:
    """A recommendation: the sentence (or list item) starts with a bare verb and has no
    subject ("Press Budapest to align with EU positions", "- Engage Russia directly"). The
    small model often tags a capitalised first verb as a name, so a sentence ending in a full
    stop that starts with an English verb and has no finite verb counts too."""
    words = [t for t in sent if not t.is_punct and not t.is_space and t.text not in ("•", "-")]
    if not words:
        return False
    first = words[0]
    if (
        first.tag_ == "VB"
        and first.dep_ == "ROOT"
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in first.children)
    ):
        return True
    finite = any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in sent)
    return (
        not finite
        and sent.text.rstrip().endswith(".")
        and first.lower_ in verbs
        and first.i + 1 < sent.end
        and sent.doc[first.i + 1].lower_ not in ("of", "for", "to", "from", "and", ",")
    )


def _infinitival(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _clause_length(path: list[Token]) -> int:
    """How many tokens of ``path`` lie in the trigger's own clause chain: control ("did not
    plan to send", "has no plans to send") continues it, a finite embedded clause ("it is not
    surprising that X sent") ends it."""
    for n, token in enumerate(path):
        if token.dep_ in CLAUSE_BOUNDARIES and not (
            (token.dep_ in ("acl", "advcl") and _infinitival(token))
            # a participle is its noun's ("no Rwandan troops fighting in Congo")
            or (token.dep_ == "acl" and token.tag_ in ("VBG", "VBN"))
        ):
            return n + 1
    return len(path)


def _finite_clause_length(path: list[Token]) -> int:
    """How many tokens of ``path`` lie below the first finite clause boundary: a clause with a
    subject or a conjunction of its own ("while Israel occupied"), not a participle ("further
    pressuring Ukraine") or an infinitive."""
    for n, token in enumerate(path):
        if token.dep_ in CLAUSE_BOUNDARIES and any(
            c.dep_ in ("nsubj", "nsubjpass", "mark", "expl") for c in token.children
        ):
            return n + 1
    return len(path)


#: Verbs whose subject takes part in a hostile act named by their object ("join sanctions").
PARTICIPATION_VERBS = frozenset({"join", "adopt", "enforce", "implement", "apply"})


def _joins(noun: Token, hostile_nouns: frozenset[str]) -> bool:
    """``noun`` is a hostile act that its verb's subject takes part in: "join EU sanctions
    against Russia", "enforce the embargo on Iran"."""
    return (
        noun.dep_ == "dobj"
        and noun.head.lemma_.lower() in PARTICIPATION_VERBS
        and noun.lemma_.lower() in hostile_nouns
    )


def _unique(args: Iterable[_Arg]) -> list[_Arg]:
    seen: dict[str, _Arg] = {}
    for a in args:
        if a.mention.actor not in seen or (seen[a.mention.actor].inferred and not a.inferred):
            seen[a.mention.actor] = a
    return list(seen.values())


@Language.factory(
    "entente_relations",
    default_config={"ontology_dir": ""},
    requires=["doc._.mentions", "token.dep", "token.lemma"],
    assigns=["doc._.relations"],
)
def make_relation_extractor(nlp: Language, name: str, ontology_dir: str) -> RelationExtractor:
    ontology = load_ontology(Path(ontology_dir)) if ontology_dir else load_ontology()
    return RelationExtractor(ontology, verbs=english_words(nlp, pos="verb"))
