"""Modifier readers: adjectives ("wary of China"), prefixes ("anti-Western"), and members listed in
parentheses after their group ("the E3 (France, Germany and the United Kingdom)")."""

from __future__ import annotations

from kg.extract import frames
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


@reader("members_before")
def members_before(reading: Reading):
    """ "Trade among Kenya, Uganda and Tanzania (the EAC) grew": two or more coordinated actors
    followed by their group's name alone in parentheses are its members."""
    args, opening = reading.args, reading.trigger
    doc = opening.doc
    mention_at = doc._.mention_at or {}
    inside = []
    i = opening.i + 1
    while i < len(doc) and doc[i].text != ")":
        if i in mention_at:
            if not inside or inside[-1] is not mention_at[i]:
                inside.append(mention_at[i])
        elif doc[i].lower_ != "the":
            return  # a description, a date or a gloss, not the group's name
        i += 1
    if i >= len(doc) or len(inside) != 1 or inside[0].type not in ("Organization", "Bloc"):
        return
    last = mention_at[opening.i - 1]
    root = doc[last.start : last.end].root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    listed = args.arg(root, owner=False) + frames.listed_with(args, last)
    members = [m for m in unique(listed) if m.mention.actor != inside[0].actor]
    if len(members) >= 2 and any(m.mention is last for m in members):
        yield reading.rel.name, members, [Arg(inside[0])]


@reader("founders")
def founders(reading: Reading):
    """ "Russia, China and four Central Asian states founded the SCO", "the SCO was founded by
    Russia and China": the founders of an organisation or bloc are its members, when two or
    more found it (one founder of a body is its sponsor, not a member)."""
    args, verb = reading.args, reading.trigger
    group_token = reading.nodes["group"]
    group = (verb.doc._.mention_at or {})[group_token.i]
    if "agent" in reading.nodes:
        makers = args.objects_of(reading.nodes["agent"], owner=False)
    else:
        makers = args.subjects(verb)
    # a dense list the parser split ("Indonesia, Malaysia, the Philippines ... established")
    makers += [a for m in makers[:1] for a in frames.listed_with(args, m.mention)]
    makers = [m for m in unique(makers) if m.mention.actor != group.actor]
    if len(makers) >= 2:
        yield reading.rel.name, makers, [Arg(group)]


@reader("hyphen_participle")
def hyphen_participle(reading: Reading):
    """ "Rwanda-backed M23 rebels", "the Iran-funded militia": the actor hyphened to a
    participle does the verb's relation to what the participle modifies."""
    args, participle = reading.args, reading.trigger
    mention_at = participle.doc._.mention_at or {}
    backer = mention_at[reading.nodes["backer"].i]
    if (
        participle.dep_ not in ("amod", "compound", "acl", "nmod")
        or participle.head.i == participle.i
    ):
        return
    objects = [a for a in args.arg(participle.head) if a.mention.actor != backer.actor]
    if objects:
        yield reading.rel.name, [Arg(backer)], objects


@reader("participle_adjective")
def participle_adjective(reading: Reading):
    """ "Poland is opposed to Russia", "India, frustrated with Pakistan, recalled its envoy":
    an adjective trigger the tagger read as a passive participle."""
    args, participle = reading.args, reading.trigger
    if any(c.dep_ == "agent" for c in participle.children):
        return  # "opposed by": a verb's passive, read by the verb's shapes
    objects = args.prep_objects(participle, reading.rel)
    if not objects:
        return
    if participle.dep_ in ("acl", "amod", "appos"):
        subjects = args.arg(participle.head, owner=False)
    else:
        # the parser may hang the subject on the auxiliary ("Poland [is] opposed to")
        holders = [participle] + [c for c in participle.children if c.dep_ in ("aux", "auxpass")]
        subjects = [
            a
            for h in holders
            for c in h.children
            if c.dep_ in ("nsubj", "nsubjpass")
            for a in args.arg(c)
        ] or args.subjects(participle)
    yield reading.rel.name, subjects, objects
