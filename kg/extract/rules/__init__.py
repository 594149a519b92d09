"""The sentence rules: each trigger word is looked up in the lexicon and handed to the rules
of its part of speech, which yield ``(rule, relation, subjects, objects)``."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract import details, events
from kg.extract.arguments import Arguments
from kg.extract.candidates import Arg, unique
from kg.extract.rules import modifiers, nouns, roles, verbs
from kg.extract.syntax import verb_keys
from kg.ontology import RelationSpec


def elided(args: Arguments, verb: Token):
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
        readings = list(patterns(args, earlier))
        if not readings:
            continue
        subjects = args.subjects(verb)
        for _, rel_name, their_subjects, their_objects in readings:
            rel = args.lex.relations[rel_name]
            objects = args.prep_objects(verb, rel) or events.beneficiaries(args, verb)
            yield "ellipsis", rel_name, subjects or their_subjects, objects or their_objects
        return


def patterns(args: Arguments, token: Token) -> Iterator[tuple[str, str, list[Arg], list[Arg]]]:
    lemma = token.lemma_.lower()
    if token.text == "(" and args.lex.membership:
        yield from modifiers.listed_members(args, token)
        return
    if token.lower_ in args.lex.prefixes:
        for rel in args.lex.prefixes[token.lower_]:
            yield from modifiers.prefix_relation(args, token, rel)
        return
    if token.pos_ in ("VERB", "AUX"):
        key = next(
            (k for k in verb_keys(token) if k in args.lex.verbs or k in args.lex.inverse_verbs),
            lemma,
        )
        for rel in args.lex.verbs.get(key, ()):
            yield from verbs.verb_relation(args, token, rel)
        for k in verb_keys(token):
            for prep, rel in args.lex.verb_phrases.get(k, ()):
                heads = [token] + [c for c in token.children if c.dep_ == "dobj"]
                # "fired missiles at X": the phrase may hang on the object
                objects = [a for h in heads for a in args.behind(h, prep)]
                if objects:
                    yield "verb-active", rel, args.subjects(token), objects
        for rel in args.lex.inverse_verbs.get(key, ()):
            yield from verbs.inverse_verb(args, token, rel)
        if any(details.increment(c) for c in token.children if c.dep_ in ("dobj", "nsubjpass")):
            yield from elided(args, token)
    elif token.pos_ == "ADJ" or (token.pos_ == "VERB" and token.dep_ in ("acomp", "amod")):
        for rel in args.lex.adjectives.get(lemma, ()) or args.lex.adjectives.get(token.lower_, ()):
            yield from modifiers.adjective_relation(args, token, rel)
    elif token.pos_ in ("NOUN", "PROPN") and token.i not in (token.doc._.mention_at or {}):
        for rel in args.lex.noun_relations(token):
            yield from nouns.noun_relation(args, token, rel)
        for rel in args.lex.inverse_nouns.get(lemma, ()):
            yield from nouns.inverse_noun(args, token, rel)
        for words, rel in args.lex.roles.get(lemma, ()):
            if args.lex.role_matches(token, words):
                yield from roles.role_relation(args, token, rel)
        for rel in args.lex.inverse_roles.get(lemma, ()):
            # "India is Russia's largest buyer of oil": the role names the object
            for rule, _, referents, others in roles.role_relation(args, token, rel, inverse=True):
                yield rule, rel, others, referents


def pairs(args: Arguments, rel: RelationSpec, subjects: list[Arg], objects: list[Arg]):
    for s in unique(subjects):
        for o in unique(objects):
            if s.mention.actor == o.mention.actor:
                continue
            if rel.subject_types and s.mention.type not in rel.subject_types:
                continue
            if rel.object_types and o.mention.type not in rel.object_types:
                continue
            yield s, o
