"""Role readers: a role noun names its referents and whom they relate to ("Russian President
Vladimir Putin", "Belarus, its ally", "X is Y's closest partner", "the two allies")."""

from __future__ import annotations

from kg.extract import events
from kg.extract.candidates import Arg
from kg.extract.coreference import antecedents
from kg.extract.lexicon import Lexicon
from kg.extract.rules.registry import Reading, check, reader


def _inverse(reading: Reading) -> bool:
    """An inverse role ("buyer") names the relation's object."""
    return reading.source == "inverseRoleTrigger"


def _oriented(reading: Reading, referents: list[Arg], objects: list[Arg]):
    """The reading of a role: its referents are the subjects, or for an inverse role ("India
    is Russia's largest buyer of oil") the objects."""
    if _inverse(reading):
        return reading.rel.name, objects, referents
    return reading.rel.name, referents, objects


@reader("group_role")
def group_role(reading: Reading):
    """ "the two allies decided": a symmetric role naming a group relates its members."""
    group = [
        Arg(m, inferred=True, anaphoric=True)
        for m in antecedents(reading.trigger, not_under=reading.args.lex.hostile_nouns)
    ]
    for i, first in enumerate(group):
        yield reading.rel.name, [first], group[i + 1 :]


@reader("apposed_role")
def apposed_role(reading: Reading):
    """ "Belarus, Russia's closest ally": the role stands beside the name it describes."""
    role = reading.trigger
    yield from _related(reading, reading.args.arg(role.head, owner=False))


@reader("titled_role")
def titled_role(reading: Reading):
    """ "Colombian President Gustavo Petro and Brazilian President Lula": each title names
    its own person, not the coordinated ones."""
    name = reading.nodes["name"]
    yield from _related(reading, [Arg(name.doc._.mention_at[name.i])])


@reader("copular_role")
def copular_role(reading: Reading):
    """ "X is Y's closest partner", "X and Y are founding members of Z": the copula's subject."""
    yield from _related(reading, reading.args.subjects(reading.trigger.head), copular=True)


@reader("as_role")
def as_role(reading: Reading):
    """ "X acts as Y's ally", "analysts view X as a rival", "X is seen as a rival"."""
    args = reading.args
    governor = reading.trigger.head.head
    referents = [
        a
        for c in governor.children
        if c.dep_ in ("dobj", "nsubjpass")
        and governor.lemma_.lower() not in args.lex.grammar.succession_verbs
        for a in args.arg(c, owner=False)
    ]
    if not referents:
        referents = (
            args.subjects(governor) if governor.pos_ in ("VERB", "AUX") else args.owners(governor)
        )
    yield from _related(reading, referents, copular=True)


@reader("named_role")
def named_role(reading: Reading):
    """ "the Russian ally Belarus": a name inside the role phrase. A group's name there says
    whose fellow members the role names: "Turkey consulted its NATO allies" is Turkey memberOf
    NATO, not NATO allied with Turkey."""
    args, role, rel = reading.args, reading.trigger, reading.rel
    referents = args.role_referents_below(role)
    groups = [
        a
        for a in referents
        if a.mention.type in ("Organization", "Bloc")
        and role.doc[a.mention.end - 1].dep_ == "compound"
        and role.doc[a.mention.end - 1].head.i == role.i
    ]
    if groups and rel.symmetric:
        members = [
            a for a in args.owners(role) if a.mention.actor not in {g.mention.actor for g in groups}
        ]
        if members and args.lex.membership:
            yield args.lex.membership, members, groups
        return
    yield from _related(reading, referents)


@check("role_modifier")
def role_modifier(lex: Lexicon, nodes) -> bool:
    """ "X and Y are founding members", parsed as a progressive "are founding": the verb is
    the first word of a two-word role whose last is the trigger."""
    role, verb = nodes["trigger"], nodes["verb"]
    return any(words[:-1] == (verb.lower_,) for words, _ in lex.roles.get(role.lemma_.lower(), ()))


def _related(reading: Reading, referents: list[Arg], *, copular: bool = False):
    """The actors a role relates its ``referents`` to: its owners, its own "of" (a seller's
    owner for an inverse role), or a copula's fronted "of"."""
    if not referents:
        return
    args, role, rel = reading.args, reading.trigger, reading.rel
    referent_actors = {a.mention.actor for a in referents}
    objects = [a for a in args.owners(role) if a.mention.actor not in referent_actors]
    if _inverse(reading):
        objects += [a for a in events.sellers(args, role) if a.mention.actor not in referent_actors]
    else:
        # a role's own "of" ("the main arms supplier of Myanmar's junta"), or a copula's
        # fronted one ("NATO, of which Turkey and Italy are members")
        objects.extend(args.prep_objects(role, rel, direct_of=False, extra=frozenset({"of"})))
        if copular and role.dep_ == "attr" and not objects:
            objects = [
                a
                for a in args.prep_objects(role.head, rel, extra=frozenset({"of"}))
                if a.mention.actor not in referent_actors
            ]
    if objects:
        yield _oriented(reading, referents, objects)


@reader("conjoined_role")
def conjoined_role(reading: Reading):
    """ "Beijing is Pakistan's creditor and its closest supplier": a role conjoined to
    another takes the referents of the first and its own objects."""
    args, role = reading.args, reading.trigger
    first = role
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    head = first.head
    if first.dep_ in ("attr", "acomp", "oprd") and head.lemma_.lower() in args.lex.grammar.copulas:
        referents = args.subjects(head)
    elif first.dep_ == "appos":
        referents = args.arg(head, owner=False)
    else:
        return
    rel = reading.rel
    referent_actors = {a.mention.actor for a in referents}
    objects = [a for a in args.owners(role) if a.mention.actor not in referent_actors]
    objects.extend(args.prep_objects(role, rel, direct_of=False))
    if referents and objects:
        yield _oriented(reading, referents, objects)


@reader("titled_under")
def titled_under(reading: Reading):
    """ "Under Prime Minister Jeremiah Manele, Solomon Islands has kept the agreement", "the
    Government of El Salvador, under President Nayib Bukele, signed": the titled person leads
    what the clause's subject names."""
    args, name = reading.args, reading.nodes["name"]
    person = name.doc._.mention_at[name.i]
    clause = reading.nodes["under"].head
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    led = [
        a
        for a in args.subjects(clause)
        if a.mention.type in ("State", "Organization") and a.mention.actor != person.actor
    ]
    if led:
        yield _oriented(reading, [Arg(person)], led)
