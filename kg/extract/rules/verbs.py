"""Verb rules: "Iran supplies Russia" (`verb-active`), "Ukraine was invaded by Russia"
(`verb-passive`), "Vietnam bought missiles from India" (`inverse-verb`)."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract import events, frames
from kg.extract.arguments import Arguments
from kg.extract.candidates import among, unique
from kg.extract.lexicon import RELATIVE_PRONOUNS
from kg.extract.rules.registry import Reading, reader


def _another_names_it(args: Arguments, verb: Token, rel_name: str) -> bool:
    """A noun the verb carries names the relation instead of the verb."""
    if events.light_noun(args, verb):
        return True  # the event noun names the relation ("send troops", "provide support")
    return args.lex.relations[rel_name].kind == "structural" and any(
        c.dep_ == "dobj"
        and rel_name not in args.lex.noun_relations(c)
        and args.lex.noun_relations(c)
        and c.lemma_.lower() not in args.lex.symmetric_nouns  # "condemned this alliance": a group
        and c.lemma_.lower() not in args.lex.item_nouns  # "trains soldiers": what, not an event
        and c.i not in (verb.doc._.mention_at or {})
        for c in verb.children
    )  # "declined to join EU sanctions": the sanctions, not a membership
    # (a reaction to another's act is a relation to its actor: "condemned each US arms sale")


@reader("passive_verb")
def passive_verb(reading: Reading):
    """ "Ukraine was invaded by Russia", "troops sent to Russia by Pyongyang": the agent is
    the subject, the object is behind an object preposition or the passive subject."""
    args, verb, rel = reading.args, reading.trigger, reading.rel
    if _another_names_it(args, verb, rel.name):
        return
    objects = args.prep_objects(verb, rel)
    agents = [a for c in verb.children if c.dep_ == "agent" for a in args.objects_of(c)]
    patients = [a for c in verb.children if c.dep_ == "nsubjpass" for a in args.arg(c, owner=False)]
    if not patients and rel.kind != "cooperative":
        # "The Israeli strikes were condemned by Saudi Arabia", "the memorandum between
        # Ankara and the GNA was denounced by Athens": a reaction to an act is a
        # relation to its actors
        patients = [
            a
            for c in verb.children
            if c.dep_ == "nsubjpass" and c.lemma_.lower() not in args.lex.item_nouns
            for a in args.owners(c) + args.between(c)
        ]
    if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "the Lebanese army, supported by"
        patients = args.arg(verb.head)
    if agents:
        yield rel.name, agents, objects or patients
    elif rel.symmetric and patients and objects:
        # "Armenia is allied with Russia", "Georgia, aligned with the EU": the parties
        yield rel.name, patients, objects


@reader("reciprocal_verb")
def reciprocal_verb(reading: Reading):
    """ "Mali, Niger and Burkina Faso pledged to support one another", "Chile and Peru agreed
    to cooperate with each other": the relation holds between every two of the subjects, each
    way."""
    args, verb, rel = reading.args, reading.trigger, reading.rel
    if _another_names_it(args, verb, rel.name):
        return
    yield from among(rel.name, args.subjects(verb), symmetric=rel.symmetric)


@reader("active_verb")
def active_verb(reading: Reading):
    """ "Iran supplies Russia", "Jordan helped Israel intercept drones", "India and Pakistan
    agreed": the subject, and the object behind a preposition, the direct object, the noun a
    relative clause describes or the subject of the complement clause."""
    args, verb, rel = reading.args, reading.trigger, reading.rel
    if _another_names_it(args, verb, rel.name):
        return
    objects = args.prep_objects(verb, rel)
    if rel.theme_object:  # "deployed its elite corps to X": the object is what moves
        objects = events.beneficiaries(args, verb) or objects or events.war_sides(args, verb)
    elif not objects:
        objects = [
            a for c in verb.children if c.dep_ in ("dobj", "dative", "attr") for a in args.arg(c)
        ]
        if (
            not objects
            and verb.dep_ == "relcl"
            and any(c.dep_ == "dobj" and c.lower_ in RELATIVE_PRONOUNS for c in verb.children)
        ):  # "the SCO, which India and Pakistan joined": the object is the noun described
            objects = args.arg(verb.head, owner=False)
    if not objects:  # "X helped Y intercept drones": Y is the complement clause's subject
        objects = [
            a
            for c in verb.children
            if c.dep_ == "ccomp"
            for n in c.children
            if n.dep_ == "nsubj"
            for a in args.arg(n, owner=False)
        ]
    if objects:
        yield rel.name, args.subjects(verb), objects
    elif rel.symmetric:  # "India and Pakistan agreed ...": the subjects are the parties
        parties = unique(args.subjects(verb))
        for i, first in enumerate(parties):
            if i + 1 < len(parties):
                yield rel.name, [first], parties[i + 1 :]


@reader("phrasal_verb")
def phrasal_verb(reading: Reading):
    """ "Hungary sided with Serbia", "fired missiles at Israel", "India faced off against
    China": the object is behind the phrase's own preposition, on the verb or on its object;
    a particle between them ("off", "up") must be the verb's."""
    args, verb = reading.args, reading.trigger
    *particles, preposition = reading.detail.split()
    held = [c for c in verb.children if c.dep_ in ("prt", "advmod") and c.lower_ in particles]
    if {c.lower_ for c in held} != set(particles):
        return
    # the preposition may hang on the particle ("pushed [back [against China]]")
    heads = [verb, *held] + [c for c in verb.children if c.dep_ == "dobj"]
    objects = [a for h in heads for a in args.behind(h, preposition)]
    if objects:
        yield reading.rel.name, args.subjects(verb), objects


@reader("inverse_verb")
def inverse_verb(reading: Reading):
    """ "Vietnam bought missiles from India", "the CSTO, which includes Armenia": the verb's
    subject is the relation's object."""
    args, verb, rel_name = reading.args, reading.trigger, reading.rel.name
    if any(
        c.dep_ == "dobj" and rel_name not in args.lex.nouns.get(c.lemma_.lower(), (rel_name,))
        for c in verb.children
    ):
        return  # "received support from X": another relation's noun names the relation
    # "NATO includes Poland": the object is the member; what is bought or received is not
    # who sells it ("Meloni received Haftar in Rome")
    sources = (
        [a for c in verb.children if c.dep_ == "dobj" for a in args.arg(c, owner=False)]
        if args.lex.relations[rel_name].kind == "structural"
        else []
    )
    # a dense list the parser splits ("include Australia, New Zealand, Papua New Guinea (PNG),
    # Solomon Islands ..."): the names written in one list with the first
    sources += [a for first in sources[:1] for a in frames.listed_with(args, first.mention)]
    heads = [verb] + [c for c in verb.children if c.dep_ == "dobj"]  # PP attachment varies
    rel = args.lex.relations[rel_name]
    if rel.items and not rel.theme_object:
        # goods change hands: their owner sells them ("received Venezuelan oil", "bought
        # Russian S-400s")
        sources += [
            a
            for c in verb.children
            if c.dep_ == "dobj" and c.i not in (verb.doc._.mention_at or {})
            for a in args.owners(c)
        ]
    elif rel.theme_object:
        # people sent: their owner sent them ("Djibouti hosts French troops"); who owns
        # anything else hosted ("hosted Hamas's leaders") sent no one
        sources += [
            a
            for c in verb.children
            if c.dep_ == "dobj" and c.lemma_.lower() in rel.items
            for a in args.owners(c)
        ]
    sources += [a for h in heads for a in args.behind(h, "from")]
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return  # "launchers bought from the US": who bought them is not said here
    holders = args.subjects(verb) or [
        a  # "SADC, whose members include Congo": the members' group includes
        for c in verb.children
        if c.dep_ == "nsubj" and args.lex.is_role(c)
        for a in args.owners(c)
    ]
    if sources:
        yield rel_name, sources, holders
