"""The SPARQL guard: what reaches the network or changes the store is refused, words in
strings, IRIs and comments are not mistaken for keywords."""

from __future__ import annotations

import pytest

from kg.errors import QueryError
from kg.guard import FederationRefused, UpdateRefused, check, normalise

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
    checked = check(query, graphs=GRAPHS)
    assert (checked.form, checked.default, checked.named) == ("SELECT", (), ())


def test_store_graphs_may_be_named():
    found = check(
        "SELECT * FROM kgr:graph\\/doc1 FROM NAMED <https://w3id.org/entente/id/graph/doc1> "
        "WHERE { ?s ?p ?o }",
        graphs=GRAPHS,
    )
    assert found.default == found.named == ("https://w3id.org/entente/id/graph/doc1",)


def test_relative_from_resolves_against_base():
    with pytest.raises(FederationRefused, match="http://127.0.0.1:9/data"):
        check("BASE <http://127.0.0.1:9/> SELECT * FROM <data> WHERE { ?s ?p ?o }", graphs=GRAPHS)
    with pytest.raises(FederationRefused, match="http://localhost:1/x"):
        check("SELECT * FROM <x> { ?s ?p ?o }", graphs=GRAPHS, base="http://localhost:1/sparql")
    found = check(
        "BASE <https://w3id.org/entente/id/graph/> SELECT * FROM <doc1> { ?s ?p ?o }",
        graphs=GRAPHS,
    )
    assert found.default == ("https://w3id.org/entente/id/graph/doc1",)


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("ASK { ?s ?p ?o }", "ASK"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("DESCRIBE kgr:actor\\/dprk", "DESCRIBE"),
    ],
)
def test_query_forms(text, form):
    assert check(text).form == form


def test_the_text_that_runs_is_the_text_that_was_parsed():
    """Carriage returns end comments for Oxigraph but not for rdflib: the text run has none."""
    checked = check("SELECT * WHERE { ?s ?p ?o # note\r}\n")
    assert "\r" not in checked.text and checked.text == normalise(checked.text)
    assert checked.text == "SELECT * WHERE { ?s ?p ?o # note\n}\n"


def test_escapes_are_decoded_before_parsing():
    with pytest.raises(FederationRefused):
        check("SELECT * WHERE { \\u0053ERVICE <http://x/> { ?s ?p ?o } }")
    with pytest.raises(QueryError, match="escape"):
        check("SELECT ('\\u005Cu0041' AS ?x) {}")


def test_malformed_text_is_one_clear_error():
    with pytest.raises(QueryError, match="query: malformed SPARQL"):
        check("SELECT WHERE")
