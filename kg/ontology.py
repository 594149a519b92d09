"""Read ontology/*.ttl into typed Python specs: relations with their triggers, actors, cues,
extraction rules.

The Turtle is the single source of truth; this module only reads it. Everything downstream
(the entity ruler, the linker, the relation extractor, the analytics) takes an `Ontology`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef

from kg.corpus.files import read_limited
from kg.errors import InputError, OntologyError
from kg.ids import KGR
from kg.vocab import KGO

log = logging.getLogger(__name__)

#: ontology/ beside the package (editable installs and source checkouts); override with
#: the ENTENTE_ONTOLOGY environment variable or the CLI's --ontology option.
DEFAULT_DIR = Path(
    os.environ.get("ENTENTE_ONTOLOGY", Path(__file__).resolve().parent.parent / "ontology")
)

#: Files read into the ontology graph; shapes.ttl is kept apart for validation.
SHAPES_FILE = "shapes.ttl"
#: The sentence shapes of the pattern rules (spaCy DependencyMatcher patterns, JSON).
PATTERNS_FILE = "patterns.json"
#: Where a pattern's trigger takes its relations from: the ontology's trigger lists (a verb
#: trigger of several words is a "verbPhrase": "side with", "face off against"), or the
#: relation with a part in the grammar ("membershipRelation"). A pattern without relations
#: (null) finds its own.
RELATION_SOURCES = (
    "verbTrigger",
    "verbPhrase",
    "inverseVerbTrigger",
    "adjectiveTrigger",
    "prefixTrigger",
    "nounTrigger",
    "inverseNounTrigger",
    "roleTrigger",
    "inverseRoleTrigger",
    "membershipRelation",
)

#: Prefix of the entity-ruler id of a region (ontology/places.ttl): a place, never an actor.
PLACE_ID = "place/"

ACTOR_TYPES = ("State", "Organization", "Bloc", "Person")
KINDS = {
    "cooperativeRelation": "cooperative",
    "hostileRelation": "hostile",
    "structuralRelation": "structural",
}
#: kgo:kind of a rule: a shape of one sentence, or a pass over the document (ontology/rules.ttl)
RULE_KINDS = ("pattern", "pass")
#: kgo:presupposes of a rule: whether its trigger takes the relation as given
PRESUPPOSES = ("always", "when-determined", "never")
#: a rule's IRI is kgo:rule-<its name>
RULE_PREFIX = "rule-"


@dataclass(frozen=True)
class RelationSpec:
    """One relation property and everything the extractor and analytics need to know of it."""

    name: str
    iri: URIRef
    label: str
    kind: str  # cooperative | hostile | structural
    symmetric: bool
    intensity: float | None
    verbs: frozenset[str] = frozenset()
    inverse_verbs: frozenset[str] = frozenset()
    adjectives: frozenset[str] = frozenset()
    inverse_nouns: frozenset[str] = frozenset()
    prefixes: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()  # event nouns and item nouns
    items: frozenset[str] = frozenset()  # item nouns only (what the relation moves)
    roles: frozenset[str] = frozenset()  # single lemmas or "modifier head" phrases
    inverse_roles: frozenset[str] = frozenset()  # roles naming the object ("buyer")
    prepositions: frozenset[str] = frozenset()
    subject_prepositions: frozenset[str] = frozenset()
    subject_types: frozenset[str] = frozenset()  # empty: any actor type
    object_types: frozenset[str] = frozenset()
    theme_object: bool = False  # a verb's direct object is what moves, never the recipient
    single_event: bool = False  # happens once between two actors (a signing): one date

    @property
    def polarity(self) -> int:
        return {"cooperative": 1, "hostile": -1}.get(self.kind, 0)


@dataclass(frozen=True)
class Grammar:
    """The grammar words the rules read besides the relations' triggers (ontology/grammar.ttl):
    open classes a researcher may extend. Lemmas, lower case."""

    copulas: frozenset[str] = frozenset()
    succession_verbs: frozenset[str] = frozenset()
    participation_verbs: frozenset[str] = frozenset()
    founding_verbs: frozenset[str] = frozenset()
    official_titles: frozenset[str] = frozenset()
    policy_nouns: frozenset[str] = frozenset()
    private_nouns: frozenset[str] = frozenset()
    reciprocal_verbs: frozenset[str] = frozenset()
    mass_nouns: frozenset[str] = frozenset()
    partitives: frozenset[str] = frozenset()
    plural_only: frozenset[str] = frozenset()
    count_nouns: frozenset[str] = frozenset()
    increment_words: frozenset[str] = frozenset()
    #: a noun that, definite, refers back to an actor of this type ("the country": State)
    definite_nouns: dict[str, str] = field(default_factory=dict)
    group_nouns: frozenset[str] = frozenset()
    group_heads: frozenset[str] = frozenset()
    state_institutions: frozenset[str] = frozenset()
    place_nouns: frozenset[str] = frozenset()


#: Grammar field -> the kgo: property its words are given by.
_GRAMMAR = {
    "copulas": "copula",
    "succession_verbs": "successionVerb",
    "participation_verbs": "participationVerb",
    "founding_verbs": "foundingVerb",
    "official_titles": "officialTitle",
    "policy_nouns": "policyNoun",
    "private_nouns": "privateNoun",
    "reciprocal_verbs": "reciprocalVerb",
    "mass_nouns": "massNoun",
    "partitives": "partitiveNoun",
    "plural_only": "pluralOnlyNoun",
    "count_nouns": "countNoun",
    "increment_words": "incrementWord",
    "group_nouns": "groupNoun",
    "group_heads": "groupHead",
    "state_institutions": "stateInstitution",
    "place_nouns": "placeNoun",
}


def _read_grammar(graph: Graph) -> Grammar:
    words = {name: _strings(graph, KGO.grammar, KGO[prop]) for name, prop in _GRAMMAR.items()}
    definite = {w: "State" for w in _strings(graph, KGO.grammar, KGO.stateDescription)}
    definite |= {
        w: "Organization" for w in _strings(graph, KGO.grammar, KGO.organizationDescription)
    }
    return Grammar(**words, definite_nouns=dict(sorted(definite.items())))


@dataclass(frozen=True)
class RuleSpec:
    """One extraction rule as ontology/rules.ttl describes it: the rule an assertion names with
    kgo:rule (``kgo:rule-verb-active``)."""

    iri: URIRef
    name: str  # rdfs:label, the name the extractor gives it ("verb-active")
    label: str
    description: str  # rdfs:comment: what it reads
    confidence: float  # base confidence of its assertions
    presupposes: str  # one of PRESUPPOSES
    kind: str  # one of RULE_KINDS
    family: str  # kgo:family, the group `kg eval --by family` scores it in ("verb")
    examples: tuple[str, ...] = ()  # skos:example sentences


@dataclass(frozen=True)
class PatternSpec:
    """One sentence shape of ontology/patterns.json: where the rule ``rule`` reads a relation.

    ``pattern`` is a spaCy DependencyMatcher pattern whose first node, ``trigger``, is the word
    the relation is read from; ``relations`` the trigger lists its relations come from; ``where``
    what a relation must be (``{"symmetric": false}``); ``reads`` the reader, and ``check`` an
    optional check, registered by those names in kg/extract/rules."""

    rule: str
    relations: tuple[str | None, ...]
    reads: str
    pattern: tuple[dict, ...]
    where: tuple[tuple[str, object], ...] = ()
    check: str | None = None
    example: str = ""

    def admits(self, relation: RelationSpec | None) -> bool:
        """Whether ``relation`` is one this pattern reads (its ``where`` holds of it)."""
        return all(getattr(relation, key, None) == value for key, value in self.where)


@dataclass(frozen=True)
class ActorEntry:
    """A curated actor of the gazetteer."""

    slug: str
    iri: URIRef
    type: str  # one of ACTOR_TYPES
    label: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    wikidata: str | None = None

    def names(self) -> tuple[tuple[str, str], ...]:
        """Every surface form with its kind: label, alias, demonym or capital."""
        return (
            ((self.label, "label"),)
            + tuple((a, "alias") for a in self.aliases)
            + tuple((d, "demonym") for d in self.demonyms)
            + tuple((c, "capital") for c in self.capitals)
        )


@dataclass(frozen=True)
class Ontology:
    directory: Path
    graph: Graph = field(repr=False)
    relations: dict[str, RelationSpec]
    rules: dict[str, RuleSpec]  # extraction rules by name (ontology/rules.ttl)
    actors: dict[str, ActorEntry]
    regions: dict[str, tuple[str, ...]]  # slug -> names of a place that is never an actor
    cues: dict[str, frozenset[str]]  # modality local name -> cue words
    heading_cues: frozenset[str]
    light_verbs: frozenset[str]
    receive_verbs: frozenset[str]
    modality_factors: dict[str, float]
    content_hash: str
    #: relations with a part in the grammar (None when the ontology gives none): members
    #: listed after their group, whom a purpose clause says a transfer is for, what the
    #: parties of a cooperation hold to a third they stand against
    membership: str | None = None
    purpose: str | None = None
    joint_opposition: str | None = None
    grammar: Grammar = field(default_factory=Grammar)
    #: the sentence shapes of the pattern rules, in the order they are tried
    patterns: tuple[PatternSpec, ...] = ()

    def lookup(self, name: str) -> ActorEntry | None:
        """The curated actor any of whose names is ``name`` (case-insensitive, 'the' ignored)."""
        return self._name_index().get(normalise_name(name))

    @cache  # noqa: B019 - the ontology is immutable and lives for the process
    def _name_index(self) -> dict[str, ActorEntry]:
        index: dict[str, ActorEntry] = {}
        for entry in sorted(self.actors.values(), key=lambda e: e.slug):
            for name, _kind in entry.names():
                index.setdefault(normalise_name(name), entry)
        return index

    def __hash__(self) -> int:
        return hash(self.content_hash)


def normalise_name(name: str) -> str:
    """Key for matching actor names: case-folded, quotes unified, leading 'the' and trailing
    possessive removed, whitespace collapsed.

    >>> normalise_name("  the  DPRK’s ")
    'dprk'
    """
    key = " ".join(name.replace("\u2019", "'").split()).casefold()
    if key.endswith("'s"):
        key = key[:-2]
    elif key.endswith("'"):
        key = key[:-1]
    if key.startswith("the "):
        key = key[4:]
    return key.strip()


def _strings(graph: Graph, subject: URIRef, predicate: URIRef) -> frozenset[str]:
    return frozenset(str(o) for o in graph.objects(subject, predicate) if isinstance(o, Literal))


def _local(iri: URIRef) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _relation_kind(graph: Graph, prop: URIRef) -> str | None:
    for parent in graph.transitive_objects(prop, RDFS.subPropertyOf):
        kind = KINDS.get(_local(parent)) if str(parent).startswith(str(KGO)) else None
        if kind and parent != prop:
            return kind
    return None


def _read_relations(graph: Graph) -> dict[str, RelationSpec]:
    relations: dict[str, RelationSpec] = {}
    for prop in sorted(set(graph.subjects(RDFS.subPropertyOf, None))):
        kind = _relation_kind(graph, prop)
        if kind is None or _local(prop) in KINDS:
            continue
        intensity = graph.value(prop, KGO.intensity)
        name = _local(prop)
        relations[name] = RelationSpec(
            name=name,
            iri=prop,
            label=str(graph.value(prop, RDFS.label) or name),
            kind=kind,
            symmetric=(prop, RDF.type, OWL.SymmetricProperty) in graph,
            intensity=float(intensity) if intensity is not None else None,
            verbs=_strings(graph, prop, KGO.verbTrigger),
            inverse_verbs=_strings(graph, prop, KGO.inverseVerbTrigger),
            adjectives=_strings(graph, prop, KGO.adjectiveTrigger),
            inverse_nouns=_strings(graph, prop, KGO.inverseNounTrigger),
            prefixes=_strings(graph, prop, KGO.prefixTrigger),
            nouns=_strings(graph, prop, KGO.nounTrigger) | _strings(graph, prop, KGO.itemTrigger),
            items=_strings(graph, prop, KGO.itemTrigger),
            roles=_strings(graph, prop, KGO.roleTrigger),
            inverse_roles=_strings(graph, prop, KGO.inverseRoleTrigger),
            prepositions=_strings(graph, prop, KGO.objectPreposition),
            subject_prepositions=_strings(graph, prop, KGO.subjectPreposition)
            | _strings(graph, KGO.actorRelation, KGO.subjectPreposition),
            subject_types=frozenset(_local(c) for c in graph.objects(prop, KGO.subjectClass)),
            object_types=frozenset(_local(c) for c in graph.objects(prop, KGO.objectClass)),
            theme_object=bool(graph.value(prop, KGO.directObjectIsTheme)),
            single_event=bool(graph.value(prop, KGO.singleEvent)),
        )
    if not relations:
        raise OntologyError("no relation properties found in the ontology")
    return relations


def _one(graph: Graph, subject: URIRef, predicate: URIRef, what: str):
    """The single value of ``predicate`` (None when absent); two are an error naming both."""
    values = sorted(graph.objects(subject, predicate))
    if len(values) > 1:
        raise OntologyError(
            f"{what} has {len(values)} values of {predicate.n3(graph.namespace_manager)}"
        )
    return values[0] if values else None


def _read_rules(graph: Graph) -> dict[str, RuleSpec]:
    """Every kgo:Rule, by name. A rule the extractor could not use ("rule kgo:rule-nominal has
    no kgo:confidence") fails here, naming it, not when an assertion is written. Its IRI is
    kgo:rule-<label>, so one IRI is one name."""
    rules: dict[str, RuleSpec] = {}
    for iri in sorted(graph.subjects(RDF.type, KGO.Rule)):
        where = f"rule {iri.n3(graph.namespace_manager)}"
        label = _one(graph, iri, RDFS.label, where)
        if label is None:
            raise OntologyError(f"{where} has no rdfs:label")
        name = str(label)
        if iri != KGO._NS[RULE_PREFIX + name]:
            raise OntologyError(
                f"{where} is labelled {name!r}: its IRI must be kgo:{RULE_PREFIX}{name}"
            )
        confidence = _one(graph, iri, KGO.confidence, where)
        if confidence is None:
            raise OntologyError(f"{where} has no kgo:confidence")
        try:
            value = float(confidence)
        except ValueError:
            value = -1.0
        if not 0 <= value <= 1:
            raise OntologyError(f"{where}: kgo:confidence {confidence} is not a number in [0, 1]")
        kind = str(_one(graph, iri, KGO.kind, where) or "pattern")
        if kind not in RULE_KINDS:
            raise OntologyError(f"{where}: kgo:kind {kind!r} is not one of {', '.join(RULE_KINDS)}")
        # a rule added without a family (an extension in a copy of the ontology) is scored
        # on its own
        family = str(_one(graph, iri, KGO.family, where) or name)
        presupposes = str(_one(graph, iri, KGO.presupposes, where) or "never")
        if presupposes not in PRESUPPOSES:
            raise OntologyError(
                f"{where}: kgo:presupposes {presupposes!r} is not one of {', '.join(PRESUPPOSES)}"
            )
        rules[name] = RuleSpec(
            iri=iri,
            name=name,
            label=name,
            description=str(_one(graph, iri, RDFS.comment, where) or ""),
            confidence=value,
            presupposes=presupposes,
            kind=kind,
            family=family,
            examples=tuple(sorted(_strings(graph, iri, SKOS.example))),
        )
    return dict(sorted(rules.items()))


def _read_patterns(path: Path, data: bytes, rules: dict[str, RuleSpec]) -> tuple[PatternSpec, ...]:
    """The entries of ontology/patterns.json. An entry the extractor could not use (a rule
    rules.ttl does not describe, a relation source that does not exist, a pattern without its
    ``trigger`` node) fails here, naming the file and the entry."""
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise OntologyError(f"{path}: malformed JSON: {exc}") from None
    entries = document.get("patterns") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise OntologyError(f'{path}: no list of "patterns"')
    specs = []
    for number, entry in enumerate(entries, 1):
        where = f"{path}: pattern {number}"
        if not isinstance(entry, dict):
            raise OntologyError(f"{where} is not an object")
        rule = entry.get("rule")
        if rule not in rules:
            raise OntologyError(f"{where}: {rule!r} is not a rule of rules.ttl")
        relations = entry.get("relations")
        sources = tuple(relations) if isinstance(relations, list) else (relations,)
        unknown = [s for s in sources if s is not None and s not in RELATION_SOURCES]
        if unknown or not sources:
            raise OntologyError(
                f"{where}: relations {relations!r}: each must be one of "
                + ", ".join(RELATION_SOURCES)
            )
        pattern = entry.get("pattern")
        if (
            not isinstance(pattern, list)
            or not pattern
            or not all(isinstance(node, dict) for node in pattern)
            or pattern[0].get("RIGHT_ID") != "trigger"
        ):
            raise OntologyError(f'{where}: "pattern" must be a list of nodes, the first "trigger"')
        reads = entry.get("reads")
        if not isinstance(reads, str) or not reads:
            raise OntologyError(f'{where}: no reader ("reads")')
        conditions = entry.get("where", {})
        if not isinstance(conditions, dict) or any(
            key not in RelationSpec.__dataclass_fields__ for key in conditions
        ):
            raise OntologyError(f'{where}: "where" must name fields of a relation')
        specs.append(
            PatternSpec(
                rule=rule,
                relations=sources,
                reads=reads,
                pattern=tuple(pattern),
                where=tuple(sorted(conditions.items())),
                check=entry.get("check"),
                example=str(entry.get("example", "")),
            )
        )
    return tuple(specs)


def rule_name(term: object) -> str:
    """The name of the rule a kgo:rule value names: its IRI without ``kgo:rule-`` (a store
    written before rules were IRIs holds the name as a string).

    >>> rule_name(KGO._NS["rule-verb-active"])
    'verb-active'
    """
    text = str(term)
    prefix = str(KGO._NS) + RULE_PREFIX
    return text[len(prefix) :] if isinstance(term, URIRef) and text.startswith(prefix) else text


def _read_actors(graph: Graph) -> dict[str, ActorEntry]:
    actors: dict[str, ActorEntry] = {}
    prefix = str(KGR["actor/"])
    for type_name in ACTOR_TYPES:
        for iri in graph.subjects(RDF.type, KGO[type_name]):
            if not str(iri).startswith(prefix):
                raise OntologyError(f"actor IRI outside {prefix}: {iri}")
            label = graph.value(iri, RDFS.label)
            if label is None:
                raise OntologyError(f"actor without rdfs:label: {iri}")
            wikidata = next(
                (str(o) for o in graph.objects(iri, OWL.sameAs) if "wikidata.org" in str(o)), None
            )
            slug = str(iri)[len(prefix) :]
            actors[slug] = ActorEntry(
                slug=slug,
                iri=iri,
                type=type_name,
                label=str(label),
                aliases=tuple(sorted(_strings(graph, iri, SKOS.altLabel))),
                demonyms=tuple(sorted(_strings(graph, iri, KGO.demonym))),
                capitals=tuple(sorted(_strings(graph, iri, KGO.capital))),
                wikidata=wikidata,
            )
    return dict(sorted(actors.items()))


def _read_regions(graph: Graph) -> dict[str, tuple[str, ...]]:
    regions = {}
    for iri in graph.subjects(RDF.type, KGO.Region):
        names = {str(graph.value(iri, RDFS.label) or "")} | _strings(graph, iri, SKOS.altLabel)
        regions[_local(iri)] = tuple(sorted(n for n in names if n))
    return dict(sorted(regions.items()))


def ontology_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.ttl") if p.name != SHAPES_FILE)


#: the largest ontology file read (the shipped ones are tens of kB)
ONTOLOGY_BYTES = 50_000_000


@cache
def load_ontology(directory: Path | str = DEFAULT_DIR) -> Ontology:
    """Parse every Turtle file of ``directory`` (except the SHACL shapes) into an `Ontology`."""
    directory = Path(directory)
    files = ontology_files(directory)
    if not files:
        raise OntologyError(f"no ontology files (*.ttl) in {directory}")
    graph = Graph()
    digest = hashlib.sha256()
    for path in files:
        try:
            data = read_limited(path, limit=ONTOLOGY_BYTES, purpose="an ontology file")
        except InputError as exc:
            raise OntologyError(str(exc)) from None
        digest.update(path.name.encode() + b"\0" + data)
        try:
            graph.parse(data=data, format="turtle", publicID=path.as_uri())
        except Exception as exc:  # rdflib raises many parser error types
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise OntologyError(f"{path}: malformed Turtle: {first}") from exc
    rules = _read_rules(graph)
    patterns_path = directory / PATTERNS_FILE
    patterns: tuple[PatternSpec, ...] = ()
    if patterns_path.exists():
        try:
            data = read_limited(patterns_path, limit=ONTOLOGY_BYTES, purpose="a patterns file")
        except InputError as exc:
            raise OntologyError(str(exc)) from None
        digest.update(patterns_path.name.encode() + b"\0" + data)
        patterns = _read_patterns(patterns_path, data, rules)
    modalities = {_local(m): m for m in graph.subjects(RDF.type, KGO.Modality)}
    cues = {name: _strings(graph, m, KGO.cue) for name, m in modalities.items()}
    factors = {
        name: float(graph.value(m, KGO.modalityFactor) or 0.0) for name, m in modalities.items()
    }
    return Ontology(
        directory=directory,
        graph=graph,
        relations=_read_relations(graph),
        actors=_read_actors(graph),
        regions=_read_regions(graph),
        cues=cues,
        heading_cues=frozenset().union(
            *(_strings(graph, m, KGO.headingCue) for m in modalities.values())
        ),
        light_verbs=_strings(graph, KGO.actorRelation, KGO.lightVerb),
        receive_verbs=_strings(graph, KGO.actorRelation, KGO.receiveVerb),
        modality_factors=factors,
        content_hash=digest.hexdigest(),
        rules=rules,
        patterns=patterns,
        membership=_grammar_relation(graph, KGO.membershipRelation),
        purpose=_grammar_relation(graph, KGO.purposeRelation),
        joint_opposition=_grammar_relation(graph, KGO.jointOppositionRelation),
        grammar=_read_grammar(graph),
    )


def _grammar_relation(graph: Graph, role: URIRef) -> str | None:
    """The name of the relation the ontology gives a part in the grammar (``role``)."""
    found = graph.value(KGO.actorRelation, role)
    if found is None:
        return None
    if (found, RDFS.subPropertyOf, None) not in graph:
        raise OntologyError(f"{_local(role)}: {found} is not a relation of the ontology")
    return _local(found)


def load_shapes(directory: Path | str = DEFAULT_DIR) -> Graph:
    path = Path(directory) / SHAPES_FILE
    if not path.exists():
        raise OntologyError(f"SHACL shapes not found: {path}")
    return Graph().parse(path, format="turtle")
