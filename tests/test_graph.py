"""RDF -> networkx: claims counted once per document, filters, the structural layer."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.build import build
from kg.errors import InputError
from kg.graph import (
    Filters,
    alignment_graph,
    assertion_graph,
    cooperative_graph,
    exportable,
    find_actor,
    structure,
)
from kg.ontology import load_ontology
from kg.store import Store

A = "https://w3id.org/entente/id/actor/"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, pipeline):
    src = tmp_path_factory.mktemp("docs")
    (src / "one.txt").write_text(
        "Iran supplies Russia with drones. Iran has delivered shells to Russia. "
        "Russia attacked Ukraine. Iran could send troops to Russia.\n",
        encoding="utf-8",
    )
    (src / "two.txt").write_text(
        "Iran supplies Russia with missiles. Armenia joined the CSTO. "
        "Belarus has not supplied weapons to Russia.\n",
        encoding="utf-8",
    )
    path = tmp_path_factory.mktemp("store") / "s"
    with Store(path) as st:
        build([src], st, pipeline)
    return path


@pytest.fixture(scope="module")
def projected(store_path):
    with Store(store_path, read_only=True) as st:
        return assertion_graph(st, load_ontology())


def test_one_edge_per_assertion_with_provenance(projected):
    edges = [d for s, o, d in projected.edges(data=True) if (s, o) == (A + "iran", A + "russia")]
    assert len(edges) == 4  # two supplies in one, one in two, one speculative troop deployment
    for d in edges:
        assert d["evidence"] and d["document"] in ("one", "two") and d["assertion"]
        assert d["char_end"] > d["char_start"]


def test_a_claim_repeated_in_a_document_counts_once(projected):
    signed = alignment_graph(projected)
    edge = signed[A + "iran"][A + "russia"]
    # supplies once per document (8.3 each) + speculative deployment (7.4 x 0.25)
    assert edge["weight"] == pytest.approx(2 * 8.3 + 7.4 * 0.25)
    assert edge["count"] == 3 and edge["sign"] == 1
    assert signed[A + "russia"][A + "ukraine"]["weight"] == -10.0


def test_negated_claims_weigh_nothing_and_structure_is_apart(projected):
    signed = alignment_graph(projected)
    assert signed[A + "belarus"][A + "russia"]["weight"] == 0.0
    assert not signed.has_edge(A + "armenia", A + "csto")
    layer = structure(projected)
    assert [(s, o) for s, o, _ in layer["memberOf"]] == [(A + "armenia", A + "csto")]
    coop = cooperative_graph(signed)
    assert not coop.has_edge(A + "russia", A + "ukraine")
    assert not coop.has_edge(A + "belarus", A + "russia")


def test_filters(store_path):
    ontology = load_ontology()
    with Store(store_path, read_only=True) as st:
        only_two = assertion_graph(st, ontology, filters=Filters(documents=frozenset({"two"})))
        hostile = assertion_graph(st, ontology, filters=Filters(kinds=frozenset({"hostile"})))
        asserted = assertion_graph(
            st, ontology, filters=Filters(modalities=frozenset({"Asserted"}))
        )
    assert {d["document"] for _, _, d in only_two.edges(data=True)} == {"two"}
    assert {d["relation"] for _, _, d in hostile.edges(data=True)} == {"attacks"}
    assert {d["modality"] for _, _, d in asserted.edges(data=True)} == {"Asserted"}


def test_find_actor_by_any_name(projected):
    ontology = load_ontology()
    signed = alignment_graph(projected)
    assert find_actor(signed, "Tehran", ontology) == A + "iran"
    assert find_actor(signed, "the Russian Federation", ontology) == A + "russia"
    with pytest.raises(InputError, match="did you mean 'Russia'"):
        find_actor(signed, "Rusia", ontology)
    with pytest.raises(InputError, match="in no relation"):
        find_actor(signed, "Japan", ontology)


def test_exportable_attributes_are_plain(projected):
    graph = exportable(alignment_graph(projected))
    for _, _, d in graph.edges(data=True):
        assert all(isinstance(v, str | int | float | bool) for v in d.values())
    nx.generate_graphml(graph)  # raises on any other type
