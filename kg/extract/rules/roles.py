"""Role rules: a role noun names its referents and whom they relate to ("Russian President
Vladimir Putin", "Belarus, its ally", "X is Y's closest partner", "the two allies")."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract import events
from kg.extract.arguments import Arguments
from kg.extract.candidates import Arg
from kg.extract.coreference import antecedents, is_group_reference


def role_relation(args: Arguments, role: Token, rel_name: str, *, inverse: bool = False):
    """The actors a role noun names (``referents``) and those it relates them to. An
    ``inverse`` role ("buyer") relates them to whoever sells: its owner, or the owner of
    what it buys ("a buyer of Russian oil")."""
    rel = args.lex.relations[rel_name]
    head = role.head
    if rel.symmetric and is_group_reference(role):  # "the two allies" decided ...
        group = [
            Arg(m, inferred=True, anaphoric=True)
            for m in antecedents(role, not_under=args.lex.hostile_nouns)
        ]
        for i, first in enumerate(group):
            yield "role-group", rel_name, [first], group[i + 1 :]
    elif role.dep_ == "conj" and head.i != role.i and args.lex.is_role(head):
        yield from conjoined_role(args, role, rel_name)
    else:
        referents, rule = _referents(args, role)
        if not referents:
            return
        referent_actors = {a.mention.actor for a in referents}
        objects = [a for a in args.owners(role) if a.mention.actor not in referent_actors]
        if inverse:
            objects += [
                a for a in events.sellers(args, role) if a.mention.actor not in referent_actors
            ]
        else:
            # a role's own "of" ("the main arms supplier of Myanmar's junta"), or a copula's
            # fronted one ("NATO, of which Turkey and Italy are members")
            objects.extend(args.prep_objects(role, rel, direct_of=False, extra=frozenset({"of"})))
            if rule == "role-copular" and role.dep_ == "attr" and not objects:
                objects = [
                    a
                    for a in args.prep_objects(head, rel, extra=frozenset({"of"}))
                    if a.mention.actor not in referent_actors
                ]
        if objects:
            yield rule, rel_name, referents, objects


def _referents(args: Arguments, role: Token) -> tuple[list[Arg], str]:
    """Whom a role noun names, and the rule that reads it so: a title or an apposition on a
    name, a copula's subject, "as" after a verb, or a name inside the role phrase."""
    head = role.head
    mention_at = role.doc._.mention_at or {}
    if role.dep_ == "appos":
        return args.arg(head, owner=False), "role-appositive"
    if role.dep_ in ("compound", "amod", "nmod") and head.i in mention_at:
        # "Colombian President Gustavo Petro and Brazilian President Lula": each title
        # names its own person, not the coordinated ones
        return [Arg(mention_at[head.i])], "role-title"
    if (
        role.dep_ in ("attr", "acomp", "oprd")
        or (role.dep_ == "conj" and role.pos_ == "NOUN")  # "X is A's creditor and its partner"
    ) and head.lemma_.lower() in args.lex.grammar.copulas:
        return args.subjects(head), "role-copular"
    if (
        role.dep_ == "dobj"
        and head.tag_ == "VBG"
        and any(c.dep_ == "aux" and c.lemma_ == "be" for c in head.children)
        and any(
            words[:-1] == (head.lower_,) for words, _ in args.lex.roles.get(role.lemma_.lower(), ())
        )
    ):  # "X and Y are founding members of Z", parsed as a progressive "are founding"
        return args.subjects(head), "role-copular"
    if role.dep_ == "pobj" and head.lower_ == "as":
        # "X acts as Y's ally", "analysts view X as a rival", "X is seen as a rival"
        governor = head.head
        referents = [
            a
            for c in governor.children
            if c.dep_ in ("dobj", "nsubjpass")
            and governor.lemma_.lower() not in args.lex.grammar.succession_verbs
            for a in args.arg(c, owner=False)
        ]
        if not referents:
            referents = (
                args.subjects(governor)
                if governor.pos_ in ("VERB", "AUX")
                else args.owners(governor)
            )
        return referents, "role-copular"
    return args.role_referents_below(role), "role-title"


def conjoined_role(args: Arguments, role: Token, rel_name: str):
    """ "Beijing is Pakistan's creditor and its closest supplier": a role conjoined to
    another takes the referents of the first and its own objects."""
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
    rel = args.lex.relations[rel_name]
    referent_actors = {a.mention.actor for a in referents}
    objects = [a for a in args.owners(role) if a.mention.actor not in referent_actors]
    objects.extend(args.prep_objects(role, rel, direct_of=False))
    if referents and objects:
        yield "role-copular", rel_name, referents, objects
