"""The words extraction looks for, read from the ontology: trigger indexes per relation, the
modality cues, and the grammar words the rules read.

A `Lexicon` is built once per pipeline and never changes while documents are read.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from kg.extract.linker import title_words
from kg.extract.syntax import verb_keys
from kg.ontology import Ontology

QUANTIFIERS = frozenset({"each", "all", "both", "either", "neither", "some", "most"})
RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom", "whose"})


def joins(noun: Token, lex: Lexicon) -> bool:
    """``noun`` is a hostile act that its verb's subject takes part in: "join EU sanctions
    against Russia", "enforce the embargo on Iran"."""
    return (
        noun.dep_ == "dobj"
        and noun.head.lemma_.lower() in lex.grammar.participation_verbs
        and noun.lemma_.lower() in lex.hostile_nouns
    )


MODIFIER_DEPS = ("compound", "amod", "nmod")


def _modifier_words(noun: Token, words: frozenset[str]) -> set[str]:
    """Which of a multi-word noun's modifier ``words`` modify ``noun``: its own modifiers, and
    the modifiers of those that are words of the phrase ("a [mutual defence] clause" whether
    "mutual" modifies "clause" or "defence"; but "defence" does not make "a defence
    cooperation agreement" a defence agreement)."""
    found: set[str] = set()
    stack = [c for c in noun.children if c.dep_ in MODIFIER_DEPS]
    while stack:
        token = stack.pop()
        forms = {token.lemma_.lower(), token.lower_} & words
        if forms:
            found |= forms
            stack.extend(c for c in token.children if c.dep_ in MODIFIER_DEPS)
    return found


class Lexicon:
    """Indexes of the ontology's triggers by lemma, and the cue words of each modality."""

    def __init__(self, ontology: Ontology, *, verbs: frozenset[str] = frozenset()) -> None:
        #: the grammar words the rules read besides the triggers (ontology/grammar.ttl)
        self.grammar = ontology.grammar
        #: each rule's confidence and presupposition, as ontology/rules.ttl describes them
        self.rules = ontology.rules
        #: relations with a part in the grammar (kgo:membershipRelation and the like)
        self.membership = ontology.membership
        self.purpose = ontology.purpose
        self.joint_opposition = ontology.joint_opposition
        self.english_verbs = verbs  # base forms, to tell an imperative the tagger missed
        self.relations = ontology.relations
        self.verbs = self._index(lambda r: {v for v in r.verbs if " " not in v})
        #: prepositional verbs ("fight for", "side with", "face off against"): lemma ->
        #: (particles and preposition, relation)
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

    def noun_relations(self, noun: Token) -> list[str]:
        lemma = noun.lemma_.lower()
        found = list(self.nouns.get(lemma, ()))
        for words, rel in self.noun_phrases.get(lemma, ()):
            if words <= _modifier_words(noun, words):
                found.append(rel)
        return sorted(set(found))

    def is_role(self, token: Token) -> bool:
        lemma = token.lemma_.lower()
        return lemma in self.inverse_roles or any(
            self.role_matches(token, words) for words, _ in self.roles.get(lemma, ())
        )

    @staticmethod
    def role_matches(token: Token, words: tuple[str, ...]) -> bool:
        if len(words) == 1:
            return True
        doc = token.doc
        texts = [t.lower_ for t in doc[max(0, token.i - 3) : token.i + 4] if t.text != "-"]
        return " ".join(words) in " ".join(texts) and (
            token.lower_ == words[-1]
            or token.lemma_.lower() == words[-1]
            or token.lower_ == words[0]
        )

    def relations_in(self, source: str | None, token: Token) -> list[tuple[str | None, str | None]]:
        """The relations the trigger list ``source`` gives ``token``, each with what the list
        adds (a phrasal verb's preposition), in the order the rules read them. ``None``, a
        pattern that finds its own relations, gives one empty reading."""
        if source is None:
            return [(None, None)]
        lemma = token.lemma_.lower()
        if source in ("verbTrigger", "inverseVerbTrigger"):
            key = next(
                (k for k in verb_keys(token) if k in self.verbs or k in self.inverse_verbs), lemma
            )
            index = self.verbs if source == "verbTrigger" else self.inverse_verbs
            return [(r, None) for r in index.get(key, ())]
        if source == "verbPhrase":
            return [(r, prep) for k in verb_keys(token) for prep, r in self.verb_phrases.get(k, ())]
        if source == "adjectiveTrigger":
            found = self.adjectives.get(lemma, ()) or self.adjectives.get(token.lower_, ())
            return [(r, None) for r in found]
        if source == "prefixTrigger":
            return [(r, None) for r in self.prefixes.get(token.lower_, ())]
        if source == "nounTrigger":
            return [(r, None) for r in self.noun_relations(token)]
        if source == "inverseNounTrigger":
            return [(r, None) for r in self.inverse_nouns.get(lemma, ())]
        if source == "roleTrigger":
            return [
                (r, None)
                for words, r in self.roles.get(lemma, ())
                if self.role_matches(token, words)
            ]
        if source == "inverseRoleTrigger":
            return [(r, None) for r in self.inverse_roles.get(lemma, ())]
        if source == "membershipRelation":
            return [(self.membership, None)] if self.membership else []
        raise ValueError(f"unknown relation source {source!r}")

    def is_light(self, verb: Token) -> bool:
        return verb.pos_ in ("VERB", "AUX") and any(k in self.light_verbs for k in verb_keys(verb))
