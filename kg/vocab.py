"""The kgo: vocabulary as an rdflib DefinedNamespace: a misspelt term raises instead of minting."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace


class KGO(DefinedNamespace):
    _NS = Namespace("https://w3id.org/entente/ontology#")
    _fail = True

    # classes
    Actor: URIRef
    State: URIRef
    Organization: URIRef
    Bloc: URIRef
    Person: URIRef
    Document: URIRef
    Assertion: URIRef
    Modality: URIRef
    Region: URIRef
    Source: URIRef
    Rule: URIRef

    # modality individuals
    Asserted: URIRef
    Reported: URIRef
    Speculative: URIRef
    Negated: URIRef

    # the families of relations (the relations themselves are data, read from the ontology
    # like the actors and the rules: a new one is added in relations.ttl alone)
    actorRelation: URIRef
    cooperativeRelation: URIRef
    hostileRelation: URIRef
    structuralRelation: URIRef

    # assertion properties
    modality: URIRef
    evidence: URIRef
    charStart: URIRef
    charEnd: URIRef
    confidence: URIRef
    rule: URIRef
    attributedTo: URIRef
    item: URIRef
    quantity: URIRef
    quantityMin: URIRef
    quantityMax: URIRef
    unit: URIRef
    dateQualifier: URIRef
    affiliation: URIRef
    sentenceIndex: URIRef

    # rule properties (the rules, kgo:rule-<name>, are individuals read from ontology/rules.ttl)
    kind: URIRef
    family: URIRef
    presupposes: URIRef

    # document properties
    contentHash: URIRef
    fileName: URIRef

    # actor properties
    demonym: URIRef
    capital: URIRef
    iso3166: URIRef
    nerLabel: URIRef
    mentionedIn: URIRef

    # ontology annotations read by the extractor and the analytics
    verbTrigger: URIRef
    inverseVerbTrigger: URIRef
    inverseNounTrigger: URIRef
    adjectiveTrigger: URIRef
    prefixTrigger: URIRef
    nounTrigger: URIRef
    itemTrigger: URIRef
    roleTrigger: URIRef
    inverseRoleTrigger: URIRef
    lightVerb: URIRef
    objectPreposition: URIRef
    subjectPreposition: URIRef
    receiveVerb: URIRef
    membershipRelation: URIRef
    purposeRelation: URIRef
    jointOppositionRelation: URIRef

    # the grammar words (ontology/grammar.ttl)
    Grammar: URIRef
    grammar: URIRef
    copula: URIRef
    successionVerb: URIRef
    participationVerb: URIRef
    massNoun: URIRef
    partitiveNoun: URIRef
    pluralOnlyNoun: URIRef
    countNoun: URIRef
    incrementWord: URIRef
    stateDescription: URIRef
    organizationDescription: URIRef
    groupNoun: URIRef
    groupHead: URIRef
    stateInstitution: URIRef
    placeNoun: URIRef
    foundingVerb: URIRef
    officialTitle: URIRef
    policyNoun: URIRef
    privateNoun: URIRef
    reciprocalVerb: URIRef
    subjectClass: URIRef
    objectClass: URIRef
    directObjectIsTheme: URIRef
    singleEvent: URIRef
    intensity: URIRef
    modalityFactor: URIRef
    polarity: URIRef
    cameo: URIRef
    plover: URIRef
    cue: URIRef
    headingCue: URIRef


#: The modalities, strongest claim first (their kgo:modalityFactor falls along it: a test holds
#: this order to the ontology's factors).
MODALITIES: tuple[URIRef, ...] = (KGO.Asserted, KGO.Reported, KGO.Speculative, KGO.Negated)
#: Their names, strongest first ("Asserted" ... "Negated"): the one list the code reads.
MODALITY_NAMES: tuple[str, ...] = tuple(str(m).rsplit("#", 1)[-1] for m in MODALITIES)
#: Weakest first: the order in which the weaker of two readings wins.
MODALITY_ORDER: tuple[str, ...] = MODALITY_NAMES[::-1]
#: The modalities whose assertions also state the plain triple in their document's graph.
STATED: frozenset[str] = frozenset(MODALITY_NAMES[:2])
