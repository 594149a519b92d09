"""The SPARQL guard: what reaches the network or changes the store is refused, words in
strings, IRIs and comments are not mistaken for keywords."""

from __future__ import annotations

import pytest

from kg.guard import Dataset, FederationRefused, UpdateRefused, check

GRAPHS = {"https://w3id.org/entente/id/graph/doc1"}


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "select * where { service silent <http://x/> { ?s ?p ?o } }",
        "SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }",
        "PREFIX ex: <http://example.org/> SELECT * FROM NAMED ex:g WHERE { ?s ?p ?o }",
    ],
)
def test_federation_is_refused(query):
    with pytest.raises(FederationRefused):
        check(query, graphs=GRAPHS)


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "PREFIX ex: <http://e/> DELETE WHERE { ?s ex:p ?o }",
        "LOAD <http://example.org/data.ttl>",
        "CLEAR ALL",
        "DROP GRAPH <urn:g> ; INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_updates_are_refused(query):
    with pytest.raises(UpdateRefused):
        check(query)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?e WHERE { ?a kgo:evidence ?e FILTER(CONTAINS(?e, 'SERVICE from LOAD')) }",
        "SELECT * WHERE { ?s <http://example.org/service> ?o }  # SERVICE, FROM, INSERT",
        'SELECT ?insert ?delete WHERE { ?insert ?p "drop" . FILTER(?p < 3) }',
        "PREFIX ex: <http://e/> SELECT * WHERE { ?s ex:load ex:from }",
    ],
)
def test_look_alikes_are_allowed(query):
    assert check(query, graphs=GRAPHS) == Dataset()


def test_store_graphs_may_be_named():
    found = check(
        "SELECT * FROM kgr:graph\\/doc1 FROM NAMED <https://w3id.org/entente/id/graph/doc1> "
        "WHERE { ?s ?p ?o }",
        graphs=GRAPHS,
    )
    assert found.default == found.named == ("https://w3id.org/entente/id/graph/doc1",)
