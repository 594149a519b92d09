"""Centrality on hand-built graphs whose values are known in closed form."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from kg.analytics import MEASURES, alliance_centrality, centrality


def weighted(graph: nx.Graph, weight: float = 1.0) -> nx.Graph:
    nx.set_edge_attributes(graph, weight, "weight")
    return graph


def test_star_eigenvector_and_betweenness_in_closed_form():
    # K(1,n): the centre's eigenvector entry is 1/sqrt(2), each leaf's 1/sqrt(2n); the centre
    # lies on every path between two leaves, so its normalised betweenness is 1.
    n = 5
    table = centrality(weighted(nx.star_graph(n)))
    assert table[0]["eigenvector"] == pytest.approx(1 / math.sqrt(2), abs=1e-5)
    assert table[1]["eigenvector"] == pytest.approx(1 / math.sqrt(2 * n), abs=1e-5)
    assert table[0]["betweenness"] == pytest.approx(1.0)
    assert table[1]["betweenness"] == 0.0
    assert table[0]["weighted_degree"] == n
    assert table[0]["alliance"] == 1.0  # the centre tops every measure


def test_cycle_is_uniform():
    table = centrality(weighted(nx.cycle_graph(6), 2.0))
    for row in table.values():
        assert row["pagerank"] == pytest.approx(1 / 6, abs=1e-6)
        assert row["weighted_degree"] == 4.0
    assert len({row["alliance"] for row in table.values()}) == 1


def test_path_betweenness_and_weights():
    # a - b - c: b brokers the only path; a heavier tie raises weighted degree, not betweenness
    g = nx.Graph([("a", "b", {"weight": 3.0}), ("b", "c", {"weight": 1.0})])
    table = centrality(g)
    assert table["b"]["betweenness"] == 1.0 and table["a"]["betweenness"] == 0.0
    assert table["a"]["weighted_degree"] == 3.0 and table["c"]["weighted_degree"] == 1.0
    assert list(alliance_centrality(g)) == ["b", "a", "c"]


def test_pagerank_sums_to_one_and_input_is_untouched():
    g = weighted(nx.karate_club_graph())
    before = nx.to_dict_of_dicts(g)
    table = centrality(g)
    assert sum(r["pagerank"] for r in table.values()) == pytest.approx(1.0, abs=1e-4)
    assert nx.to_dict_of_dicts(g) == before
    assert set(next(iter(table.values()))) == {*MEASURES, "alliance"}


def test_empty_and_edgeless_graphs():
    assert centrality(nx.Graph()) == {}
    g = nx.Graph()
    g.add_nodes_from("xyz")
    assert {r["alliance"] for r in centrality(g).values()} == {0.0}


def test_large_graphs_estimate_betweenness_reproducibly():
    g = weighted(nx.barabasi_albert_graph(1200, 2, seed=3))
    assert centrality(g, seed=1) == centrality(g, seed=1)
