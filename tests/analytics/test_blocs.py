"""Blocs and camps on hand-built graphs whose right answers are known."""

from __future__ import annotations

import random

import networkx as nx

from kg.analytics import Bloc, blocs, bridges, two_camps
from kg.analytics.blocs import EXACT_LIMIT


def signed(edges) -> nx.Graph:
    g = nx.Graph()
    g.add_weighted_edges_from(edges)
    return g


def test_two_cliques_are_two_blocs_and_the_link_is_a_bridge():
    g = signed(
        [(a, b, 4.0) for a, b in [("a", "b"), ("b", "c"), ("a", "c")]]
        + [(a, b, 4.0) for a, b in [("x", "y"), ("y", "z"), ("x", "z")]]
        + [("c", "x", 0.5)]
    )
    found = blocs(g)
    assert sorted(sorted(b.members) for b in found) == [["a", "b", "c"], ["x", "y", "z"]]
    for bloc in found:
        assert bloc.internal == 12.0 and bloc.external == 0.5
        assert bloc.cohesion == round(24 / 24.5, 6)
    assert [r["actor"] for r in bridges(g, found)] == ["c", "x"]


def test_balanced_graph_has_zero_frustration_harary():
    # Harary (1953): a signed graph is balanced iff it splits into two camps with every
    # positive tie inside a camp and every negative tie across.
    g = signed(
        [("r", "k", 5), ("r", "b", 3), ("k", "b", 2), ("u", "p", 4), ("u", "w", 2)]
        + [("r", "u", -10), ("k", "u", -3), ("b", "p", -1)]
    )
    p = two_camps(g)
    assert p.frustration == 0 and p.exact
    assert {frozenset(c) for c in p.camps} == {frozenset("rkb"), frozenset("upw")}
    assert p.camps[0][0] == "u"  # camp 1 starts with the actor with the strongest ties (19)


def test_unbalanced_triangles_and_negative_k4():
    # a triangle with one negative tie, or three, cannot be balanced: frustration 1;
    # the all-negative K4 needs two of its ties broken: frustration 2
    assert two_camps(signed([("a", "b", 1), ("b", "c", 1), ("a", "c", -1)])).frustration == 1
    assert two_camps(signed([("a", "b", -1), ("b", "c", -1), ("a", "c", -1)])).frustration == 1
    k4 = signed([(a, b, -1) for a, b in nx.complete_graph("abcd").edges])
    p = two_camps(k4)
    assert p.frustration == 2 and sorted(map(len, p.camps)) == [2, 2]


def test_local_search_finds_the_planted_partition():
    # beyond the exact limit: a dense balanced graph with one tie's sign flipped has frustration
    # exactly 1 (the flipped tie lies on a cycle), and the planted camps are the optimum
    rng = random.Random(7)
    n = EXACT_LIMIT + 14
    camp = {i: int(i >= n // 2) for i in range(n)}
    edges = []
    for i in range(n):
        for j in range(i + 1, n):
            if rng.random() < 0.4:
                edges.append((i, j, 2.0 if camp[i] == camp[j] else -2.0))
    flipped = edges[5]
    edges[5] = (flipped[0], flipped[1], -flipped[2])
    p = two_camps(signed(edges), seed=1)
    assert not p.exact
    assert p.frustration == 1 and p.frustrated == ((flipped[0], flipped[1]),)
    assert {frozenset(c) for c in p.camps} == {
        frozenset(i for i in camp if camp[i] == 0),
        frozenset(i for i in camp if camp[i] == 1),
    }


def test_actors_without_signed_ties_are_not_placed():
    g = signed([("a", "b", -1)])
    g.add_node("loner")
    g.add_edge("c", "d", weight=0.0)  # only negated claims: no sign
    p = two_camps(g)
    assert p.camp_of("loner") is None and p.camp_of("c") is None
    assert {p.camp_of("a"), p.camp_of("b")} == {0, 1}


def test_same_seed_same_blocs():
    g = nx.les_miserables_graph()
    assert blocs(g, seed=3) == blocs(g, seed=3)
    assert all(isinstance(b, Bloc) and len(b.members) >= 2 for b in blocs(g, seed=3))
