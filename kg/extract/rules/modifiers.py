"""Modifier readers: adjectives ("wary of China"), prefixes ("anti-Western"), and members listed in
parentheses after their group ("the E3 (France, Germany and the United Kingdom)")."""

from __future__ import annotations

from kg.extract.candidates import Arg, unique
from kg.extract.rules.registry import Reading, reader


@reader("adjective")
def adjective(reading: Reading):
    """ "Russia is frustrated with China", "Japan remains wary of China", "a Hungary
    friendly to Russia"."""
    args, adjective, rel_name = reading.args, reading.trigger, reading.rel.name
    objects = args.prep_objects(adjective, args.lex.relations[rel_name])
    if not objects:
        return
    head = adjective.head
    if adjective.dep_ in ("acomp", "oprd", "xcomp") and head.pos_ in ("VERB", "AUX"):
        subjects = args.subjects(head)
    elif adjective.dep_ in ("amod", "appos"):
        subjects = args.arg(head, owner=False)
    else:
        return
    yield rel_name, subjects, objects


@reader("prefixed")
def prefixed(reading: Reading):
    """ "an anti-U.S. front", "Russia's anti-Western stance", "a pro-Russian government":
    whoever holds the modified noun relates to the actor after the prefix."""
    args, prefix = reading.args, reading.trigger
    doc = prefix.doc
    mention_at = doc._.mention_at or {}
    after = prefix.i + 2 if prefix.i + 1 < len(doc) and doc[prefix.i + 1].text == "-" else -1
    if after < 0 or after >= len(doc) or after not in mention_at:
        return
    target = mention_at[after]
    noun = doc[target.end - 1].head if doc[after].dep_ != "ROOT" else None
    if noun is None or noun.pos_ not in ("NOUN", "PROPN") or noun.i in mention_at:
        return
    holders = [a for a in args.owners(noun) if a.mention.actor != target.actor]
    holders += args.between(noun)
    if (
        not holders
        and noun.dep_ in ("dobj", "attr", "oprd")
        and noun.head.pos_
        in (
            "VERB",
            "AUX",
        )
    ):
        holders = args.subjects(noun.head)
        if not holders:  # "cooperation between X and Y signals an anti-U.S. front"
            holders = [
                a
                for c in noun.head.children
                if c.dep_ in ("nsubj", "nsubjpass")
                for a in args.between(c) + args.owners(c)
            ]
    if holders:
        yield reading.rel.name, holders, [Arg(target)]


@reader("listed_members")
def listed_members(reading: Reading):
    """ "the E3 (France, Germany and the United Kingdom)": a group named with its members
    listed in parentheses (two or more actors, nothing else but commas, "and" and "the")."""
    opening = reading.trigger
    doc = opening.doc
    mention_at = doc._.mention_at or {}
    group = mention_at[reading.nodes["group"].i]
    members: list[Arg] = []
    i = opening.i + 1
    while i < len(doc) and doc[i].text != ")":
        token = doc[i]
        if token.text == "(":  # a member's own abbreviation: "the ... Army (MNDAA)"
            while i < len(doc) and doc[i].text != ")":
                i += 1
        elif i in mention_at:
            mention = mention_at[i]
            if not members or members[-1].mention is not mention:
                members.append(Arg(mention))
        elif token.lower_ not in (",", "and", "the", "&") and not token.is_space:
            return  # a description or an abbreviation, not a list of members
        i += 1
    members = [m for m in unique(members) if m.mention.actor != group.actor]
    if i < len(doc) and len(members) >= 2:
        yield reading.rel.name, members, [Arg(group)]
