"""What extraction produces: a relation candidate, the arguments rules collect, and the one
place a candidate is made from a trigger token."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.extract.details import DateMention, Quantity, Source
from kg.extract.linker import Mention

#: Subtracted when an argument was only inferred (pronoun, possessor or demonym of a noun).
INFERRED_PENALTY = 0.1


for _name in ("relations",):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@dataclass(frozen=True)
class Candidate:
    """One relation mention found in a sentence."""

    subject: Mention
    relation: str
    object: Mention
    modality: str
    rule: str
    confidence: float
    trigger: int  # token index of the trigger word
    sent_start: int  # character offsets of the sentence in doc.text
    sent_end: int
    sentence_index: int
    anaphoric: bool = False  # an argument was resolved from a pronoun or an earlier relation
    quantity: Quantity | None = None  # how many ("3,000 soldiers")
    when: DateMention | None = None  # when, as the sentence says it
    source: Source | None = None  # who says so ("The USA has confirmed")
    war_side: bool = False  # the object is one side of a war, kept if the subject backs it


@dataclass(frozen=True)
class Arg:
    mention: Mention
    inferred: bool = False
    anaphoric: bool = False
    side: bool = False  # one side of a war a transfer goes into, chosen by `_war_side`


def unique(args: Iterable[Arg]) -> list[Arg]:
    seen: dict[str, Arg] = {}
    for a in args:
        if a.mention.actor not in seen or (seen[a.mention.actor].inferred and not a.inferred):
            seen[a.mention.actor] = a
    return list(seen.values())


def candidate(
    trigger: Token,
    sent: Span,
    index: int,
    subject: Mention,
    relation: str,
    object: Mention,
    *,
    modality: str,
    rule: str,
    confidence: float,
    anaphoric: bool = False,
    quantity: Quantity | None = None,
    when: DateMention | None = None,
    source: Source | None = None,
    war_side: bool = False,
) -> Candidate:
    """A candidate found at ``trigger`` in sentence ``sent`` (number ``index``)."""
    return Candidate(
        subject,
        relation,
        object,
        modality,
        rule,
        round(confidence, 2),
        trigger.i,
        sent.start_char,
        sent.end_char,
        index,
        anaphoric,
        quantity,
        when,
        source,
        war_side,
    )


def among(relation: str, parties: Iterable[Arg], *, symmetric: bool):
    """Readings ``(relation, [a], [b])`` between every two of ``parties`` ("Mali, Niger and
    Chad pledged to support one another"): once a pair for a symmetric relation, each way
    otherwise."""
    distinct = unique(parties)
    for i, first in enumerate(distinct):
        for j, second in enumerate(distinct):
            if i < j or (i > j and not symmetric):
                yield relation, [first], [second]
