"""The sentence rules: the shapes of ontology/patterns.json matched on a token, each read by
the reader it names, which yields ``(rule, relation, subjects, objects)``.

A pattern's rule is the data's to say; the readers (registered by name in the modules of this
package) only find the actors. Patterns are tried in the file's order, and for each trigger
list a relation is read by the first pattern that matches it there: "verb-passive" before
"verb-active", "light-verb" before "nominal".
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract import details, events
from kg.extract.arguments import Arguments
from kg.extract.candidates import Arg, unique
from kg.extract.rules import modifiers, nouns, roles, verbs  # noqa: F401 - they register
from kg.extract.rules.registry import CHECKS, READERS, Reading, reader
from kg.ontology import RelationSpec

__all__ = ["CHECKS", "READERS", "pairs", "patterns"]


def patterns(args: Arguments, token: Token) -> Iterator[tuple[str, str, list[Arg], list[Arg]]]:
    """Every reading of ``token`` by the patterns that matched it."""
    claimed: set[tuple[str | None, str | None, str | None]] = set()
    for match in args.matches.get(token.i, ()):
        spec = match.spec
        for source in spec.relations:
            for rel_name, detail in args.lex.relations_in(source, token):
                rel = args.lex.relations.get(rel_name) if rel_name else None
                if (source, rel_name, detail) in claimed or not spec.admits(rel):
                    continue
                claimed.add((source, rel_name, detail))
                reading = Reading(args, match.nodes, rel, source, detail)
                for found, subjects, objects in READERS[spec.reads](reading):
                    yield spec.rule, found, subjects, objects


@reader("elided")
def elided(reading: Reading):
    """ "3,000 soldiers are deployed ... and 10,000 more to be deployed", "Germany sent 30
    more": a bare number with "more" counts more of the item counted just before, so the
    clause repeats that mention's relation; arguments it does not name are that mention's."""
    args, verb = reading.args, reading.trigger
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
            yield rel_name, subjects or their_subjects, objects or their_objects
        return


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
