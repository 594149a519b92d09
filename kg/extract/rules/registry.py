"""The named parts of the pattern rules: the readers that find a matched shape's actors and the
checks a shape may add, registered here by the names ontology/patterns.json gives them."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from spacy.tokens import Token

from kg.extract.arguments import Arguments
from kg.extract.candidates import Arg
from kg.extract.lexicon import Lexicon
from kg.ontology import RelationSpec


@dataclass(frozen=True)
class Reading:
    """One shape matched for one relation: what a reader is handed."""

    args: Arguments
    #: the pattern's nodes by their RIGHT_ID; ``trigger`` is always there
    nodes: Mapping[str, Token]
    #: the relation read (None for a pattern that finds its own: ellipsis)
    rel: RelationSpec | None
    #: the trigger list the relation came from ("verbTrigger", "inverseRoleTrigger")
    source: str | None
    #: what the trigger list adds to the relation: a phrasal verb's preposition ("side with")
    detail: str | None = None

    @property
    def trigger(self) -> Token:
        return self.nodes["trigger"]


#: a reader yields ``(relation name, subjects, objects)``
Reader = Callable[[Reading], Iterator[tuple[str, list[Arg], list[Arg]]]]
Check = Callable[[Lexicon, Mapping[str, Token]], bool]

READERS: dict[str, Reader] = {}
CHECKS: dict[str, Check] = {}


def reader(name: str) -> Callable[[Reader], Reader]:
    """Register a reader under the name a pattern's ``reads`` gives."""

    def register(function: Reader) -> Reader:
        if name in READERS:
            raise ValueError(f"reader {name!r} is registered twice")
        READERS[name] = function
        return function

    return register


def check(name: str) -> Callable[[Check], Check]:
    """Register a check a pattern's ``check`` names: what its nodes' attributes cannot say."""

    def register(function: Check) -> Check:
        if name in CHECKS:
            raise ValueError(f"check {name!r} is registered twice")
        CHECKS[name] = function
        return function

    return register
