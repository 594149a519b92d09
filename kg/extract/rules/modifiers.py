"""Modifier rules: adjectives ("wary of China"), prefixes ("anti-Western"), and members listed in
parentheses after their group ("the E3 (France, Germany and the United Kingdom)")."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.arguments import Arguments
from kg.extract.candidates import Arg, unique


def adjective_relation(args: Arguments, adjective: Token, rel_name: str):
    """ "Russia is frustrated with China", "Japan remains wary of China", "a Hungary
    friendly to Russia"."""
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
    yield "adjective", rel_name, subjects, objects


def prefix_relation(args: Arguments, prefix: Token, rel_name: str):
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
        yield "prefix", rel_name, holders, [Arg(target)]


def listed_members(args: Arguments, opening: Token):
    """ "the E3 (France, Germany and the United Kingdom)": a group named with its members
    listed in parentheses (two or more actors, nothing else but commas, "and" and "the")."""
    doc = opening.doc
    mention_at = doc._.mention_at or {}
    group = mention_at.get(opening.i - 1) if opening.i else None
    if group is None or group.type not in ("Organization", "Bloc"):
        return
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
        yield "member-list", args.lex.membership, members, [Arg(group)]
