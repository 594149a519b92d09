"""The verbs around an event noun and the parties of a transfer: whether a verb carries an
event noun ("sent troops"; the shapes of carrying and receiving verbs are in
ontology/patterns.json), and whom a transfer is for ("sent troops to support Russia",
"deployed in the Russia-Ukraine war")."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.arguments import Arguments
from kg.extract.candidates import Arg, unique


def light_noun(args: Arguments, verb: Token) -> bool:
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
    return args.lex.is_light(verb) and any(
        c.lemma_.lower() in args.lex.nouns and c.i not in mention_at for c in carried
    )


def beneficiaries(args: Arguments, verb: Token) -> list[Arg]:
    """Who a transfer is for, from its purpose clause: "sent troops to support Russia"."""
    supports = args.lex.relations.get(args.lex.purpose or "")
    if supports is None:
        return []
    out: list[Arg] = []
    for child in verb.children:
        if child.dep_ in ("advcl", "xcomp") and child.lemma_.lower() in supports.verbs:
            out.extend(a for c in child.children if c.dep_ == "dobj" for a in args.arg(c))
        elif child.dep_ in ("advcl", "xcomp"):  # "to fight for Russia"
            out.extend(args.behind(child, "for"))
        elif child.dep_ == "prep" and child.lower_ == "in":  # "in support of Russia"
            for noun in child.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in supports.nouns:
                    out.extend(args.prep_objects(noun, supports))
    return out


def war_sides(args: Arguments, head: Token) -> list[Arg]:
    """The sides of a war that a transfer goes into ("deployed in the Russia-Ukraine war",
    "sent to Russia's war against Ukraine"): each a possible recipient, the one the sender
    backs in the document chosen later (`_war_side`)."""
    for child in head.children:
        if child.dep_ != "prep" or child.lower_ not in ("in", "into", "to", "for"):
            continue
        for noun in child.children:
            if noun.dep_ != "pobj" or noun.lemma_.lower() not in args.lex.hostile_nouns:
                continue
            sides = unique(
                args.owners(noun) + args.between(noun) + args.behind(noun, "against", "on", "with")
            )
            if len(sides) >= 2:
                return [Arg(a.mention, True, a.anaphoric, side=True) for a in sides]
    return []


def sellers(args: Arguments, head: Token) -> list[Arg]:
    """Who sells what ``head`` buys: the actor behind "from", or the owner of what is bought
    ("India's purchases of Russian oil", "a buyer of oil from Iran")."""
    return [
        a
        for c in head.children
        if c.dep_ == "prep" and c.lower_ in ("of", "from")
        for p in c.children
        if p.dep_ == "pobj"
        for a in (args.arg(p) if c.lower_ == "from" else args.owners(p))
    ]
