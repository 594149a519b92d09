"""Modality: whether a sentence asserts, reports, hedges or denies a relation, and who claims
it, from the words that govern the trigger."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract import details
from kg.extract.arguments import Arguments
from kg.extract.coreference import antecedent
from kg.extract.details import Source
from kg.extract.syntax import (
    SUBJECT_DEPS,
    clause_length,
    finite_clause_length,
    governing_path,
    infinitival,
)
from kg.ontology import RuleSpec
from kg.vocab import MODALITY_ORDER


def source(args: Arguments, trigger: Token) -> Source | None:
    """Who makes the claim: the speaker of the reporting word that governs the trigger."""
    path = governing_path(trigger)
    if trigger.dep_ == "nsubjpass":
        path += governing_path(trigger.head)
    for tok in path[1:]:
        cues = [tok] + [c for c in tok.children if c.dep_ in ("prep", "advcl")]
        for cue in cues:
            lemma = cue.lemma_.lower()
            if (cue.pos_ in ("VERB", "NOUN") and lemma in args.lex.reporting) or (
                cue.lower_ == "according"
            ):
                who = details.speaker(cue)
                found = _source_of(args, who) if who is not None else None
                if found is not None:
                    return found
    return None


def _source_of(args: Arguments, speaker: Token) -> Source | None:
    """The source a speaker's word names: an actor, a pronoun's antecedent, or a phrase with
    the actor that owns it ("South Korean intelligence")."""
    mention_at = speaker.doc._.mention_at or {}
    if speaker.i in mention_at:
        mention = mention_at[speaker.i]
        return Source(label=mention.label, actor=mention)
    if speaker.pos_ == "PRON":
        found = antecedent(speaker)
        return Source(label=found.label, actor=found) if found else None
    owners = args.owners(speaker)
    return details.named_source(speaker, owners[0].mention if owners else None)


def presupposed(trigger: Token, rule: RuleSpec) -> bool:
    """Whether ``rule``'s relation at ``trigger`` is taken as given by the sentence, not
    asserted or hedged by it (a question included: "Will Russia's allies follow?"), as the
    rule's kgo:presupposes says: "always" (an apposition or title: "Belarus, its ally"),
    "when-determined" (a possessed, demonstrative or name-owned noun: "its support for
    Ukraine", "this alliance", "EU sanctions"; a noun with "a" or "any" is not given: "a
    Chinese attack on Taiwan could ..."), or "never"."""
    if rule.presupposes != "when-determined":
        return rule.presupposes == "always"
    mention_at = trigger.doc._.mention_at or {}
    return any(
        c.dep_ == "poss"
        or (c.dep_ == "det" and c.lower_ in ("this", "that", "these", "those"))
        # "EU sanctions" is the EU's sanctions (an adjective, "a Russian attack", is not,
        # nor "a Poland-South Korea partnership")
        or (
            c.dep_ == "compound"
            and c.pos_ == "PROPN"
            and c.i in mention_at
            and not any(
                d.dep_ == "det" and d.lower_ in ("a", "an", "any") for d in trigger.children
            )
        )
        for c in trigger.children
    )


def own_announcement(args: Arguments, cue: Token, subject: str | None) -> bool:
    """A reporting verb whose own subject is the relation's subject: "North Korea announced
    a troop deployment" is North Korea's act, not a claim about someone else."""
    if subject is None or cue.pos_ != "VERB" or cue.tag_ == "VBN":
        return False  # "viewed as adversaries": a passive reports others' view
    return any(a.mention.actor == subject for a in args.subjects(cue))


def states_an_aim(args: Arguments, path: list[Token]) -> bool:
    """The trigger's clause states an aim, not a fact: an infinitive no verb governs ("(1) to
    deter China ..."), or one under a policy noun ("It is the policy of the United States to
    deter China")."""
    if path and path[-1].dep_ == "ROOT" and infinitival(path[-1]):
        return True
    policy = args.lex.grammar.policy_nouns
    return any(
        c.dep_ == "attr" and c.lemma_.lower() in policy for tok in path[1:] for c in tok.children
    )


def modality_of(
    args: Arguments,
    trigger: Token,
    *,
    speculative: bool = False,
    subject: str | None = None,
    presupposed: bool = False,
) -> str:
    """Negated, Speculative, Reported or Asserted, from the words governing ``trigger``.

    The scope is the trigger and the heads above it, stopping where the trigger's phrase
    is a subject (negating "is" in "the deployment is not merely X" says nothing of the
    deployment). A ``presupposed`` relation ("its support for Ukraine", "Belarus, its
    ally") exists whatever the sentence hedges or denies about it ("may expand its support
    for Ukraine"): only words on the trigger itself ("its potential support") and
    reporting make it less than Asserted.
    """
    path = governing_path(trigger)
    if (
        trigger.dep_ == "nsubjpass"
        or trigger.dep_ in SUBJECT_DEPS
        and any(c.dep_ == "det" and c.lower_ in ("a", "an", "any") for c in trigger.children)
    ):  # "troops were sent": the carrier's clause decides
        path += governing_path(trigger.head)
    local = clause_length(path)
    finite = finite_clause_length(path)
    found = {"Speculative"} if speculative else set()
    if not presupposed and states_an_aim(args, path):
        found.add("Speculative")
    for depth, tok in enumerate(path):
        lemma, lower = tok.lemma_.lower(), tok.lower_
        if presupposed and depth:
            if tok.pos_ in ("VERB", "NOUN") and lemma in args.lex.reporting:
                found.add("Reported")
            if depth == 1 and tok.pos_ == "VERB" and lemma in args.lex.negation:
                found.add("Negated")  # "froze its participation", "ended its support"
            continue
        if (
            depth
            and tok.pos_ in ("VERB", "NOUN", "ADJ", "ADP", "AUX")
            and (lemma in args.lex.negation or lower in args.lex.negation)
            and lower != "no"
        ):
            found.add("Negated")
        if depth and (lemma in args.lex.speculation or lower in args.lex.speculation):
            found.add("Speculative")
        if (
            depth
            and tok.pos_ in ("VERB", "NOUN")
            and lemma in args.lex.reporting
            and not own_announcement(args, tok, subject)
        ):
            found.add("Reported")
        for child in tok.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ in ("no", "neither")):
                if depth < local:
                    found.add("Negated")
            elif child.dep_ in ("aux", "advmod", "mark", "amod", "acomp", "prep", "npadvmod"):
                word = child.lower_
                if child.dep_ == "aux" and depth >= finite:
                    continue  # "would not hand over ... while Israel occupied": its own clause
                if word in args.lex.speculation or child.lemma_.lower() in args.lex.speculation:
                    found.add("Speculative")
                elif word in args.lex.reporting and child.dep_ in ("advmod", "prep"):
                    found.add("Reported")
                elif word in args.lex.negation and child.dep_ in ("advmod", "prep"):
                    found.add("Negated")
    for participle in trigger.children:
        # "soldiers potentially being deployed to Russia": the participle that moves them
        if participle.dep_ == "acl" and participle.tag_ in ("VBN", "VBG"):
            for child in participle.children:
                word = child.lower_
                if child.dep_ == "neg" or (child.dep_ == "advmod" and word in args.lex.negation):
                    found.add("Negated")
                elif child.dep_ in ("advmod", "aux") and word in args.lex.speculation:
                    found.add("Speculative")
    return next(m for m in MODALITY_ORDER if m in found or m == "Asserted")
