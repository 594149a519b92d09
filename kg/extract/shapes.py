"""Sentence shapes as data: the pattern rules of ontology/patterns.json, matched on a Doc by
spaCy's DependencyMatcher.

Each token carries the word classes the lexicon gives it (``token._.entente``: the trigger
lists it is in, "verbTrigger", "roleTrigger", and the grammar classes, "lightVerb", "copula")
and the type of the actor it names (``token._.entente_actor``, "" for none), so a pattern
keys its nodes to the ontology's lists:

    {"RIGHT_ID": "trigger", "RIGHT_ATTRS": {"_": {"entente": {"INTERSECTS": ["nounTrigger"]}}}}

`Shapes.match` reads a whole Doc once and gives, per trigger token, the patterns that matched
it with their nodes, in the file's order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from kg.errors import OntologyError
from kg.extract import details
from kg.extract.coreference import is_group_reference
from kg.extract.lexicon import Lexicon
from kg.extract.syntax import verb_keys
from kg.ontology import RELATION_SOURCES, PatternSpec

if not Doc.has_extension("entente_classes"):
    Doc.set_extension("entente_classes", default=None)
if not Token.has_extension("entente"):
    Token.set_extension("entente", getter=lambda t: (t.doc._.entente_classes or {}).get(t.i, ()))
if not Token.has_extension("entente_actor"):
    Token.set_extension(
        "entente_actor",
        getter=lambda t: getattr((t.doc._.mention_at or {}).get(t.i), "type", ""),
    )

#: the word classes beside the trigger lists, each the ontology list (or the reading) it tests
GRAMMAR_CLASSES = (
    "lightVerb",  # kgo:lightVerb, a verb form: "send", "impose"
    "receiveVerb",  # kgo:receiveVerb: "receive", "get"
    "participationVerb",  # kgo:participationVerb: "join", "enforce"
    "foundingVerb",  # kgo:foundingVerb: "found", "establish"
    "reciprocalVerb",  # kgo:reciprocalVerb: "exchange" (fire)
    "copula",  # kgo:copula: "be", "remain"
    "hostileNoun",  # an event noun of a hostile relation: "sanctions", "war"
    "role",  # a role noun of any relation, multi-word roles in full: "founding member"
    "groupReference",  # "they", "both countries", "the two allies"
    "increment",  # a bare number counting more of what came before: "30 more"
    "reciprocal",  # the pronoun of "each other", "one another" (either word)
)
#: the token classes a pattern may name: trigger lists and grammar classes
CLASSES = tuple(s for s in RELATION_SOURCES if s != "membershipRelation") + GRAMMAR_CLASSES


def classes(lex: Lexicon, token: Token) -> tuple[str, ...]:
    """The classes of ``token`` (`CLASSES`), in that order."""
    lemma = token.lemma_.lower()
    out = [s for s in CLASSES[: -len(GRAMMAR_CLASSES)] if lex.relations_in(s, token)]
    if lex.is_light(token):
        out.append("lightVerb")
    if any(k in lex.receive_verbs for k in verb_keys(token)):
        out.append("receiveVerb")
    if lemma in lex.grammar.participation_verbs:
        out.append("participationVerb")
    if lemma in lex.grammar.founding_verbs:
        out.append("foundingVerb")
    if lemma in lex.grammar.reciprocal_verbs:
        out.append("reciprocalVerb")
    if lemma in lex.grammar.copulas:
        out.append("copula")
    if lemma in lex.hostile_nouns:
        out.append("hostileNoun")
    if lex.is_role(token):
        out.append("role")
    if is_group_reference(token):
        out.append("groupReference")
    if details.increment(token):
        out.append("increment")
    if reciprocal(token):
        out.append("reciprocal")
    return tuple(out)


#: the reciprocal pronouns, as pairs of words
RECIPROCALS = (("each", "other"), ("one", "another"))


def reciprocal(token: Token) -> bool:
    """``token`` is a word of "each other" or "one another"."""
    doc, i = token.doc, token.i
    pairs = []
    if i + 1 < len(doc):
        pairs.append((token.lower_, doc[i + 1].lower_))
    if i:
        pairs.append((doc[i - 1].lower_, token.lower_))
    return any(pair in RECIPROCALS for pair in pairs)


@dataclass(frozen=True)
class Match:
    """A pattern matched on a trigger token, with its nodes by RIGHT_ID."""

    spec: PatternSpec
    nodes: Mapping[str, Token]


class Shapes:
    """The patterns of an ontology, compiled once per pipeline."""

    def __init__(
        self,
        lex: Lexicon,
        specs: tuple[PatternSpec, ...],
        vocab: Vocab,
        *,
        readers: Mapping[str, object],
        checks: Mapping[str, object],
        source: str = "patterns.json",
    ) -> None:
        self.lex = lex
        self.specs = specs
        self.checks = checks
        self.matcher = DependencyMatcher(vocab, validate=True)
        for number, spec in enumerate(specs):
            where = f"{source}: pattern {number + 1} ({spec.rule})"
            if spec.reads not in readers:
                raise OntologyError(f"{where}: no reader is registered as {spec.reads!r}")
            if spec.check is not None and spec.check not in checks:
                raise OntologyError(f"{where}: no check is registered as {spec.check!r}")
            named = _named_classes(spec.pattern)
            if named - set(CLASSES):
                raise OntologyError(
                    f"{where}: unknown classes {sorted(named - set(CLASSES))}; "
                    f"a node may name {', '.join(CLASSES)}"
                )
            try:
                self.matcher.add(str(number), [[dict(node) for node in spec.pattern]])
            except Exception as exc:  # spaCy raises ValueError or its own validation errors
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
                raise OntologyError(f"{where}: not a DependencyMatcher pattern: {first}") from None

    def match(self, doc: Doc) -> dict[int, list[Match]]:
        """The patterns matched in ``doc``, by trigger token index, in the file's order; a
        pattern matched several ways on one trigger keeps its first match in token order."""
        doc._.entente_classes = {t.i: found for t in doc if (found := classes(self.lex, t))}
        best: dict[tuple[int, int], list[int]] = {}
        for key, ids in self.matcher(doc):
            number = int(self.matcher.vocab.strings[key])
            slot = (ids[0], number)  # the trigger is a pattern's first node
            if slot in best and best[slot] <= ids:
                continue
            spec = self.specs[number]
            if spec.check is None or self.checks[spec.check](self.lex, self._nodes(spec, doc, ids)):
                best[slot] = ids
        found: dict[int, list[Match]] = {}
        for (trigger, number), ids in sorted(best.items()):
            spec = self.specs[number]
            found.setdefault(trigger, []).append(Match(spec, self._nodes(spec, doc, ids)))
        return found

    @staticmethod
    def _nodes(spec: PatternSpec, doc: Doc, ids: list[int]) -> dict[str, Token]:
        return {node["RIGHT_ID"]: doc[i] for node, i in zip(spec.pattern, ids, strict=True)}


def _named_classes(pattern: tuple[dict, ...]) -> set[str]:
    names: set[str] = set()
    for node in pattern:
        condition = node.get("RIGHT_ATTRS", {}).get("_", {}).get("entente")
        if isinstance(condition, dict):
            for value in condition.values():
                names.update(value if isinstance(value, list) else [value])
        elif isinstance(condition, str):
            names.add(condition)
    return names
