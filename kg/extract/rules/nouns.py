"""Noun readers: an event noun with its owner and prepositions ("North Korea's supply of
shells to Russia"), carried by a light verb ("imposed sanctions on") or received ("received
support from"). Which rule each serves is ontology/patterns.json's to say."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract import events
from kg.extract.arguments import Arguments
from kg.extract.candidates import Arg, among, unique
from kg.extract.lexicon import joins
from kg.extract.rules.registry import Reading, reader
from kg.extract.syntax import demonstrative
from kg.ontology import RelationSpec


@reader("event_noun")
def event_noun(reading: Reading):
    """The noun's own phrases name the parties: "North Korea's supply of shells to Russia",
    "the India-Japan partnership", "the supply of artillery from Pyongyang to Moscow"."""
    return _event(reading)


@reader("mutual_noun")
def mutual_noun(reading: Reading):
    """ "The dispute between China and the Philippines": a noun of opposition with no owner
    has each party of its "between"-phrase oppose the other (the shape's ``where`` says which
    relations are mutual so; a war "between" two names no aggressor)."""
    found = list(_event(reading))
    yield from found
    if found or reading.args.owners(reading.trigger):
        return
    yield from among(reading.rel.name, reading.args.between(reading.trigger), symmetric=False)


@reader("carried")
def carried(reading: Reading):
    """A verb carries the noun ("imposed sanctions on", "provided Russia with soldiers",
    "acted in support of"): its subject is the relation's subject."""
    return _event(reading, carrier=reading.nodes["carrier"])


@reader("received")
def received(reading: Reading):
    """A verb receives the noun ("Ukraine received support from NATO"): its subject is the
    relation's object."""
    return _event(reading, receiver=reading.nodes["receiver"])


def _event(reading: Reading, *, carrier: Token | None = None, receiver: Token | None = None):
    """An event noun and its parties, from its own phrases and the verb carrying or
    receiving it."""
    args, noun, rel = reading.args, reading.trigger, reading.rel
    if _names_other_items(args, noun, rel):
        return  # "Soviet missile deployments in Cuba": missiles, not troops, are deployed
    subjects = args.owners(noun)
    if not rel.symmetric and len({a.mention.actor for a in subjects}) > 1:
        return  # "the Russia-Ukraine war": who does what to whom is not said
    subjects.extend(args.agents(noun, rel))
    # a receiving verb that is light as well carries the noun too
    is_carried = carrier is not None or (
        receiver is not None and (args.lex.is_light(receiver) or joins(noun, args.lex))
    )
    objects = _own_objects(args, noun, rel, carried=is_carried)
    if receiver is not None:
        # "Ukraine receives support from NATO": the receiver is the object
        subjects = subjects or args.agents(receiver, rel)
        objects = objects or args.subjects(receiver)
    elif carrier is not None:
        subjects, objects = _carried(args, noun, rel, carrier, subjects, objects)
    if not objects and rel.kind == "cooperative" and not rel.symmetric:
        objects = _helped(args, noun)
    if not subjects:  # "the deployment of North Korean troops to Russia"
        subjects = [
            a
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children
            if p.dep_ == "pobj" and p.i not in (noun.doc._.mention_at or {})
            for a in args.owners(p)
        ]
    if rel.symmetric and not (subjects and objects):
        yield from _parties(args, noun, rel, subjects)
    elif subjects and objects:
        yield rel.name, subjects, objects


def _names_other_items(args: Arguments, noun: Token, rel: RelationSpec) -> bool:
    """A compound names another relation's item ("missile deployments" move missiles)."""
    return (
        bool(rel.items)
        and noun.lemma_.lower() not in rel.items
        and any(
            c.dep_ == "compound" and c.lemma_.lower() in args.lex.item_nouns - rel.items
            for c in noun.children
        )
    )


def _own_objects(args: Arguments, noun: Token, rel: RelationSpec, *, carried: bool) -> list[Arg]:
    """The objects the noun's own phrases name, or the phrases of what it depends on."""
    item = noun.lemma_.lower() in rel.items
    # "troops in Ukraine" alone says where troops are, not whom they were sent to ("North
    # Korean troops in Ukraine fight for Russia"); carried, "has troops in Qatar", it does
    objects = args.prep_objects(
        noun, rel, skip=frozenset({"in"}) if item and not carried else frozenset()
    )
    if not objects and item:  # "28,500 troops stationed in South Korea"
        objects = [
            a
            for c in noun.children
            if c.dep_ == "acl" and c.tag_ == "VBN"
            for a in events.beneficiaries(args, c) or args.prep_objects(c, rel)
        ]
    if not objects and noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
        objects = args.prep_objects(noun.head, rel)  # "X's closest relationship is with Y"
    if not objects and noun.dep_ == "pobj" and noun.head.lower_ == "of":
        # "allegations of the UAE's supply of weapons to the RSF": the phrase may hang on
        # the noun the trigger depends on
        outer = noun.head.head
        if outer.pos_ in ("NOUN", "PROPN") and outer.i not in (noun.doc._.mention_at or {}):
            objects = _outside(noun, args.prep_objects(outer, rel, direct_of=False))
    return objects


def _outside(noun: Token, found: list[Arg]) -> list[Arg]:
    """The actors of ``found`` not named inside the noun's own phrase."""
    inside = range(noun.left_edge.i, noun.right_edge.i + 1)
    return [a for a in found if a.mention.start not in inside]


def _carried(
    args: Arguments,
    noun: Token,
    rel: RelationSpec,
    carrier: Token,
    subjects: list[Arg],
    objects: list[Arg],
) -> tuple[list[Arg], list[Arg]]:
    """Subjects and objects of an event noun a verb carries ("imposed sanctions on X")."""
    if not subjects:
        subjects = args.subjects(carrier)
    elif joins(noun, args.lex):
        # "declined to join EU sanctions against Russia": who joins takes part
        subjects = subjects + args.subjects(carrier)
    if noun.dep_ == "pobj" and noun.head.lower_ == "with":
        # "provided Russia with soldiers (for its war)": the carrier's direct object
        # receives, whatever the noun's own phrases say
        objects = [
            a
            for c in carrier.children
            if c.dep_ in ("dobj", "dative", "nsubjpass")  # "Russia is supplied with"
            for a in args.arg(c)
        ] or objects
    if not objects:
        objects = _outside(noun, args.prep_objects(carrier, rel))
    if rel.kind == "cooperative" and not rel.symmetric:
        # troops sent "to Ukraine" "in support of Russia" help Russia, not Ukraine;
        # troops sent "in the Russia-Ukraine war" help the side their sender backs
        objects = events.beneficiaries(args, carrier) or objects
        if not objects and rel.items:
            objects = events.war_sides(args, carrier)
    return subjects, objects


def _helped(args: Arguments, noun: Token) -> list[Arg]:
    """Whom a cooperative event noun is for: "Turkey's deployment of troops in support of the
    GNA", "Fighters of the Wagner Group arrived to fight for the LNA"."""
    objects = events.beneficiaries(args, noun)
    if not objects and noun.lemma_.lower() in args.lex.troops and noun.dep_ == "nsubj":
        verb = noun.head
        objects = events.beneficiaries(args, verb)
        if not objects and verb.lemma_ in ("fight", "serve"):
            objects = args.behind(verb, "for", "alongside")
    return objects


def _parties(args: Arguments, noun: Token, rel: RelationSpec, subjects: list[Arg]):
    """A symmetric noun's parties: "the alliance between X and Y", "X-Y ties", "their
    alliance" (the owners and the "between"-phrase, never alternatives behind "with")."""
    everyone = unique(subjects + args.between(noun))
    if len(everyone) < 2:  # "the convergence of North Korea and Russia"
        pair = unique(args.behind(noun, "of", owner=False))
        everyone = pair if len(pair) >= 2 else everyone
    if len(everyone) < 2 and demonstrative(noun):  # "this alliance"
        everyone = [Arg(m, inferred=True, anaphoric=True) for m in args.memory.group(noun)]
    if len(everyone) < 2:
        return
    for i, first in enumerate(everyone):
        yield rel.name, [first], everyone[i + 1 :]
    # "the convergence of North Korea and Russia against Ukraine": the parties stand together
    # against a third
    parties = {p.mention.actor for p in everyone}
    targets = [a for a in args.against(noun) if a.mention.actor not in parties]
    if targets and rel.kind == "cooperative" and args.lex.joint_opposition:
        yield args.lex.joint_opposition, everyone, targets


@reader("inverse_noun")
def inverse_noun(reading: Reading):
    """ "India's purchases of Russian oil", "Turkey's import of drones from Iran": the
    buyer owns the noun; the seller owns what is bought, or follows "from"."""
    args, noun = reading.args, reading.trigger
    buyers = args.owners(noun) + args.behind(noun, "by")  # "the purchase by India of ..."
    sellers = events.sellers(args, noun)
    if buyers and sellers:
        yield reading.rel.name, sellers, buyers


@reader("reciprocal_noun")
def reciprocal_noun(reading: Reading):
    """ "India and Pakistan exchanged artillery fire": the subjects of a reciprocal verb
    (kgo:reciprocalVerb) do to each other what the noun names, every two, each way."""
    args, rel = reading.args, reading.rel
    yield from among(rel.name, args.subjects(reading.nodes["verb"]), symmetric=rel.symmetric)


@reader("led_event")
def led_event(reading: Reading):
    """ "the Hamas-led attack on Israel", "a Saudi-launched offensive against the Houthis": the
    actor hyphened to the participle does the event, to the actor its own phrases name."""
    args, noun, rel = reading.args, reading.trigger, reading.rel
    doer = noun.doc._.mention_at[reading.nodes["doer"].i]
    objects = [
        a for a in _own_objects(args, noun, rel, carried=False) if a.mention.actor != doer.actor
    ]
    if objects:
        yield rel.name, [Arg(doer)], objects
