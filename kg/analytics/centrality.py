"""Centrality on the cooperative layer, and the combined "alliance centrality".

Alliance centrality is the mean of four measures, each divided by its largest value so the
most central actor on each scores 1:

* weighted degree: the summed weight of an actor's cooperative ties (how much cooperation
  involves it);
* PageRank (damping 0.85, weighted): cooperation with well-connected actors counts more;
* eigenvector centrality (weighted): the same idea without teleportation, so it concentrates
  on the densest core of the alliance;
* betweenness (distance = 1 / weight): brokers that link otherwise separate partners.

The first three reward being at the heart of an alliance, the last rewards holding it
together; an equal mean keeps the figure easy to explain and each part is reported beside it.
"""

from __future__ import annotations

import networkx as nx

MEASURES = ("weighted_degree", "pagerank", "eigenvector", "betweenness")

#: Above this many nodes betweenness is estimated from a seeded sample of sources.
EXACT_BETWEENNESS_LIMIT = 1000
BETWEENNESS_SAMPLES = 256


def centrality(
    graph: nx.Graph, *, weight: str = "weight", seed: int = 0
) -> dict[str, dict[str, float]]:
    """Every measure of `MEASURES` for every node, plus ``alliance`` (their normalised mean).

    ``graph`` is an undirected graph with positive ``weight`` on its edges (the cooperative
    layer, `kg.graph.cooperative_graph`). Values are rounded to 6 decimals.

    >>> G = nx.Graph([("a", "b", {"weight": 2.0}), ("b", "c", {"weight": 1.0})])
    >>> c = centrality(G)
    >>> c["b"]["weighted_degree"], c["b"]["betweenness"], c["b"]["alliance"]
    (3.0, 1.0, 1.0)
    >>> c["c"]["weighted_degree"], c["c"]["betweenness"]
    (1.0, 0.0)
    """
    nodes = sorted(graph.nodes)
    if not nodes:
        return {}
    degree = dict(graph.degree(weight=weight))
    if graph.number_of_edges():
        pagerank = nx.pagerank(graph, alpha=0.85, weight=weight)
        eigen = _eigenvector(graph, weight)
        distance = {(u, v): 1.0 / d[weight] for u, v, d in graph.edges(data=True) if d[weight] > 0}
        nx.set_edge_attributes(inverse := graph.copy(), distance, "_distance")
        k = None if len(nodes) <= EXACT_BETWEENNESS_LIMIT else BETWEENNESS_SAMPLES
        between = nx.betweenness_centrality(inverse, k=k, weight="_distance", seed=seed)
    else:
        pagerank = eigen = between = dict.fromkeys(nodes, 0.0)
    raw = {
        "weighted_degree": degree,
        "pagerank": pagerank,
        "eigenvector": eigen,
        "betweenness": between,
    }
    tops = {m: max(values.values(), default=0.0) for m, values in raw.items()}
    out: dict[str, dict[str, float]] = {}
    for node in nodes:
        row = {m: round(float(raw[m].get(node, 0.0)), 6) for m in MEASURES}
        parts = [raw[m].get(node, 0.0) / tops[m] if tops[m] > 0 else 0.0 for m in MEASURES]
        row["alliance"] = round(sum(parts) / len(parts), 6)
        out[node] = row
    return out


def alliance_centrality(graph: nx.Graph, *, weight: str = "weight", seed: int = 0) -> dict:
    """Alliance centrality of every node (see the module docstring), highest first.

    >>> G = nx.star_graph(3)
    >>> nx.set_edge_attributes(G, 1.0, "weight")
    >>> list(alliance_centrality(G))[0]
    0
    """
    table = centrality(graph, weight=weight, seed=seed)
    ranked = sorted(table, key=lambda n: (-table[n]["alliance"], n))
    return {n: table[n]["alliance"] for n in ranked}


def _eigenvector(graph: nx.Graph, weight: str) -> dict[str, float]:
    """Eigenvector centrality by power iteration (deterministic; networkx iterates A + I, so
    bipartite graphs converge too), falling back to the sparse eigen-solver."""
    try:
        return nx.eigenvector_centrality(graph, max_iter=1000, tol=1e-9, weight=weight)
    except nx.PowerIterationFailedConvergence:
        return nx.eigenvector_centrality_numpy(graph, weight=weight)
