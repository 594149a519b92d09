"""The ontology files: the kgo: namespace agrees with them, names are unambiguous, every relation
carries what the extractor and the analytics read from it, and the generated states are fresh."""

from __future__ import annotations

import importlib.util
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kg.ontology import DEFAULT_DIR, load_ontology, normalise_name
from kg.vocab import KGO, MODALITIES, MODALITY_NAMES

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def ontology():
    return load_ontology(DEFAULT_DIR)


def test_every_kgo_term_used_in_the_turtle_is_in_the_namespace(ontology):
    """Classes, properties and modalities, which Python names; the relations (kgo:supplies)
    and the extraction rules (kgo:rule-verb-active) are data Python reads from the ontology, as
    it reads actors, so a relation is added in relations.ttl alone and a rule in rules.ttl."""
    rules = set(ontology.graph.subjects(RDF.type, KGO.Rule))
    relations = {r.iri for r in ontology.relations.values()}
    used = {
        term
        for triple in ontology.graph
        for term in triple
        if isinstance(term, URIRef)
        and str(term).startswith(str(KGO._NS))
        and term not in rules | relations
    }
    for term in sorted(used):
        assert getattr(KGO, str(term)[len(str(KGO._NS)) :]) == term
    assert rules == {rule.iri for rule in ontology.rules.values()}
    assert all(str(r).startswith(str(KGO._NS) + "rule-") for r in rules)


def test_every_namespace_term_is_declared_in_the_turtle(ontology):
    declared = set(ontology.graph.subjects(RDF.type, None))
    missing = [t for t in KGO.__annotations__ if KGO[t] not in declared]
    assert missing == []


def test_a_misspelt_term_raises():
    with pytest.raises(AttributeError):
        KGO.supplys  # noqa: B018


def test_the_thirteen_relations_and_their_kinds(ontology):
    assert set(ontology.relations) == {
        "alliedWith",
        "partnerOf",
        "supports",
        "supplies",
        "deploysTroopsTo",
        "signedAgreementWith",
        "attacks",
        "sanctions",
        "condemns",
        "opposes",
        "memberOf",
        "leaderOf",
        "dependsOn",
    }
    kinds = {name: r.kind for name, r in ontology.relations.items()}
    assert {n for n, k in kinds.items() if k == "structural"} == {
        "memberOf",
        "leaderOf",
        "dependsOn",
    }
    assert {n for n, k in kinds.items() if k == "hostile"} == {
        "attacks",
        "sanctions",
        "condemns",
        "opposes",
    }
    symmetric = {n for n, r in ontology.relations.items() if r.symmetric}
    assert symmetric == {"alliedWith", "partnerOf", "signedAgreementWith"}


def test_weights_and_event_codes(ontology):
    graph = ontology.graph
    for rel in ontology.relations.values():
        if rel.kind == "structural":
            assert rel.intensity is None, rel.name
            continue
        assert rel.intensity is not None and -10 <= rel.intensity <= 10, rel.name
        assert (rel.intensity > 0) == (rel.kind == "cooperative"), rel.name
        assert list(graph.objects(rel.iri, KGO.cameo)), rel.name
        assert list(graph.objects(rel.iri, KGO.plover)), rel.name
        assert rel.verbs or rel.nouns or rel.roles, rel.name


def test_modalities_have_factors_and_cues(ontology):
    declared = set(ontology.graph.subjects(RDF.type, KGO.Modality))
    assert declared == set(MODALITIES)
    factors = ontology.modality_factors
    assert factors["Asserted"] == 1.0 and factors["Negated"] == 0.0
    assert 0 < factors["Speculative"] < factors["Reported"] < 1
    # the code's one list of modalities is the ontology's, strongest claim first
    assert sorted(factors, key=factors.get, reverse=True) == list(MODALITY_NAMES)
    for name in ("Reported", "Speculative", "Negated"):
        assert ontology.cues[name], name


def test_no_name_belongs_to_two_actors_or_to_an_actor_and_a_region(ontology):
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in ontology.actors.values():
        for name, _kind in entry.names():
            owners[normalise_name(name)].add(entry.slug)
    for slug, names in ontology.regions.items():
        for name in names:
            owners[normalise_name(name)].add("place/" + slug)
    shared = {name: sorted(slugs) for name, slugs in owners.items() if len(slugs) > 1}
    assert shared == {}


def test_every_actor_has_one_label_and_a_known_type(ontology):
    graph = ontology.graph
    for entry in ontology.actors.values():
        assert len(list(graph.objects(entry.iri, RDFS.label))) == 1, entry.slug
        assert entry.type in ("State", "Organization", "Bloc", "Person")
    assert ontology.actors["dprk"].label == "North Korea"  # fixed by the design contract


def test_every_sovereign_state_is_an_actor(ontology):
    codes = {
        str(code)
        for state in ontology.graph.subjects(RDF.type, KGO.State)
        for code in ontology.graph.objects(state, KGO.iso3166)
    }
    assert len(codes) >= 196  # 193 UN members, two observers, Taiwan
    assert {"PRK", "RUS", "UKR", "MLI", "ETH", "VAT", "PSE", "TWN"} <= codes


def test_wikidata_links_are_entity_iris(ontology):
    for entry in ontology.actors.values():
        if entry.wikidata:
            assert entry.wikidata.startswith("http://www.wikidata.org/entity/Q"), entry.slug


def test_states_ttl_is_what_the_generator_writes():
    spec = importlib.util.spec_from_file_location("gen", ROOT / "tools" / "generate_states.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    expected = gen.render(
        gen.curated_codes(DEFAULT_DIR / "actors.ttl"),
        gen.state_names(ROOT / "tools" / "state_names.tsv"),
    )
    assert (DEFAULT_DIR / "states.ttl").read_text(encoding="utf-8") == expected


def test_symmetric_relations_are_declared_in_owl(ontology):
    graph: Graph = ontology.graph
    for rel in ontology.relations.values():
        assert ((rel.iri, RDF.type, OWL.SymmetricProperty) in graph) == rel.symmetric
