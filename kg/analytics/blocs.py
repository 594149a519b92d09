"""Blocs: communities of cooperation, declared memberships, and the two camps of a signed graph.

* `blocs`: Louvain communities (networkx, fixed seed) of the cooperative layer.
* `declared_blocs`: organisations and blocs with the members the documents state.
* `two_camps`: the partition of the signed graph into two camps that minimises frustration,
  the number of ties that contradict the camps (a cooperative tie across camps, a hostile tie
  inside one). A signed graph is balanced, frustration 0, exactly when such a partition exists
  (Harary 1953); the minimum is the graph's frustration index (Aref and Wilson 2019), found
  exactly for components of up to `EXACT_LIMIT` actors and by seeded local search above.
* `bridges`: actors with cooperative ties into more than one bloc.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import networkx as nx

from kg.graph import Structure, label

#: Components up to this many actors are partitioned exhaustively (2^(n-1) assignments).
EXACT_LIMIT = 16


@dataclass(frozen=True)
class Bloc:
    """A group of actors. ``cohesion`` is the share of its members' cooperative weight that
    stays inside the group (1: they cooperate only with each other)."""

    name: str
    members: tuple[str, ...]
    cohesion: float
    internal: float
    external: float
    kind: str = "detected"  # detected | declared
    organization: str | None = None


@dataclass(frozen=True)
class Partition:
    """Two camps (each strongest actor first), the ties that contradict them, and whether the
    minimum is proven."""

    camps: tuple[tuple[str, ...], tuple[str, ...]]
    frustration: int
    weighted_frustration: float
    frustrated: tuple[tuple[str, str], ...]
    exact: bool

    def camp_of(self, node: str) -> int | None:
        for i, camp in enumerate(self.camps):
            if node in camp:
                return i
        return None


def _weights(graph: nx.Graph, members: Iterable[str]) -> tuple[float, float]:
    inside = set(members)
    internal = external = 0.0
    for u in inside:
        for v, d in graph[u].items():
            w = d.get("weight", 0.0)
            if w <= 0:
                continue
            if v in inside:
                internal += w / 2  # each internal edge is seen from both ends
            else:
                external += w
    return internal, external


def _bloc(graph: nx.Graph, members: Iterable[str], **extra) -> Bloc:
    members = [m for m in members if m in graph]
    strength = {m: sum(max(d.get("weight", 0.0), 0.0) for d in graph[m].values()) for m in members}
    ordered = tuple(sorted(members, key=lambda m: (-strength[m], m)))
    internal, external = _weights(graph, ordered)
    cohesion = internal * 2 / (internal * 2 + external) if internal + external > 0 else 0.0
    name = extra.pop("name", None) or "–".join(label(graph, m) for m in ordered[:2])
    return Bloc(
        name=name,
        members=ordered,
        cohesion=round(cohesion, 6),
        internal=round(internal, 6),
        external=round(external, 6),
        **extra,
    )


def blocs(
    cooperative: nx.Graph, *, seed: int = 0, resolution: float = 1.0, min_size: int = 2
) -> list[Bloc]:
    """Louvain communities of the cooperative layer with at least ``min_size`` members,
    strongest (most internal cooperation) first.

    >>> G = nx.Graph()
    >>> G.add_weighted_edges_from([("a", "b", 5), ("b", "c", 5), ("a", "c", 5), ("x", "y", 5),
    ...                            ("y", "z", 5), ("x", "z", 5), ("c", "x", 0.5)])
    >>> [b.members for b in blocs(G)]  # members by the strength of their ties
    [('c', 'a', 'b'), ('x', 'y', 'z')]
    """
    if cooperative.number_of_edges() == 0:
        return []
    positive = nx.Graph()
    positive.add_nodes_from(sorted(cooperative.nodes))
    positive.add_weighted_edges_from(
        sorted((u, v, d["weight"]) for u, v, d in cooperative.edges(data=True) if d["weight"] > 0)
    )
    communities = nx.community.louvain_communities(
        positive, weight="weight", resolution=resolution, seed=seed
    )
    found = [_bloc(cooperative, c) for c in communities if len(c) >= min_size]
    return sorted(found, key=lambda b: (-b.internal, b.members))


def declared_blocs(
    structure: Structure, cooperative: nx.Graph, *, membership: str | None
) -> list[Bloc]:
    """Organisations and blocs with the members the documents state (the ``membership``
    relation, memberOf in Entente's ontology), largest first; cohesion is measured on
    ``cooperative`` like a detected bloc's."""
    members: dict[str, set[str]] = {}
    for member, organization, _claims in structure.get(membership or "", []):
        members.setdefault(organization, set()).add(member)
    out = [
        _bloc(
            cooperative,
            sorted(found),
            name=label(cooperative, org),
            kind="declared",
            organization=org,
        )
        for org, found in members.items()
    ]
    return sorted(out, key=lambda b: (-len(b.members), b.name))


def bridges(cooperative: nx.Graph, groups: Sequence[Bloc]) -> list[dict]:
    """Actors with cooperative ties into two or more of ``groups`` (their own included),
    those touching the most blocs first.

    >>> G = nx.Graph()
    >>> G.add_weighted_edges_from([("a", "b", 1), ("b", "c", 1), ("c", "d", 1)])
    >>> bridges(G, [Bloc("A", ("a", "b"), 1, 1, 1), Bloc("C", ("c", "d"), 1, 1, 1)])[0]["actor"]
    'b'
    """
    home = {m: b.name for b in groups for m in b.members}
    out = []
    for node in sorted(cooperative.nodes):
        touched: dict[str, float] = {}
        if node in home:
            touched[home[node]] = 0.0
        for other, d in cooperative[node].items():
            if d.get("weight", 0.0) > 0 and other in home:
                touched[home[other]] = touched.get(home[other], 0.0) + d["weight"]
        if len(touched) >= 2:
            out.append(
                {
                    "actor": node,
                    "blocs": sorted(touched),
                    "weights": {k: round(v, 6) for k, v in sorted(touched.items())},
                }
            )
    return sorted(out, key=lambda r: (-len(r["blocs"]), -sum(r["weights"].values()), r["actor"]))


# ---------------------------------------------------------------------- two camps


def two_camps(signed: nx.Graph, *, seed: int = 0, restarts: int = 8) -> Partition:
    """The two-camp partition of ``signed`` (edge ``weight``: + cooperative, - hostile) that
    minimises the number of contradicting ties, then their weight.

    Actors with no signed tie are left out. Each connected component is solved on its own
    (exactly up to `EXACT_LIMIT` actors); camp 0 holds the actor with the strongest ties of
    each component, so across separate components the camps' sides are not comparable.

    >>> G = nx.Graph()
    >>> G.add_weighted_edges_from([("a", "b", 1), ("c", "d", 1), ("a", "c", -1), ("b", "d", -1)])
    >>> p = two_camps(G)
    >>> p.camps, p.frustration
    ((('a', 'b'), ('c', 'd')), 0)
    """
    edges = {
        (u, v) if u < v else (v, u): d["weight"]
        for u, v, d in signed.edges(data=True)
        if d.get("weight", 0.0) != 0 and u != v
    }
    graph = nx.Graph()
    graph.add_weighted_edges_from((u, v, w) for (u, v), w in sorted(edges.items()))
    side: dict[str, int] = {}
    exact = True
    rng = random.Random(seed)
    for component in sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c))):
        nodes = sorted(component, key=lambda n: (-_strength(graph, n), n))
        sub = graph.subgraph(nodes).copy()  # a view filters nodes on every pass
        if len(nodes) <= EXACT_LIMIT:
            best = _exhaustive(sub, nodes)
        else:
            exact = False
            best = _local_search(sub, nodes, rng, restarts)
        flip = best[nodes[0]]  # the strongest actor goes to camp 0
        side.update({n: s ^ flip for n, s in best.items()})
    frustrated = sorted(e for e, w in edges.items() if _contradicts(w, side[e[0]], side[e[1]]))
    order = {n: (-_strength(graph, n), n) for n in side}
    return Partition(
        camps=(
            tuple(sorted((n for n, s in side.items() if s == 0), key=order.get)),
            tuple(sorted((n for n, s in side.items() if s == 1), key=order.get)),
        ),
        frustration=len(frustrated),
        weighted_frustration=round(sum(abs(edges[e]) for e in frustrated), 6),
        frustrated=tuple(frustrated),
        exact=exact,
    )


def _strength(graph: nx.Graph, node: str) -> float:
    return sum(abs(d["weight"]) for d in graph[node].values())


def _contradicts(weight: float, a: int, b: int) -> bool:
    return (weight > 0) == (a != b)


def _cost(graph: nx.Graph, side: dict[str, int]) -> tuple[int, float]:
    count, total = 0, 0.0
    for u, v, d in graph.edges(data=True):
        if _contradicts(d["weight"], side[u], side[v]):
            count += 1
            total += abs(d["weight"])
    return count, round(total, 9)


def _exhaustive(graph: nx.Graph, nodes: list[str]) -> dict[str, int]:
    best, best_cost = None, None
    for bits in itertools.product((0, 1), repeat=len(nodes) - 1):
        side = dict(zip(nodes, (0, *bits), strict=True))
        cost = _cost(graph, side)
        if best_cost is None or cost < best_cost:
            best, best_cost = side, cost
    return best


def _local_search(
    graph: nx.Graph, nodes: list[str], rng: random.Random, restarts: int
) -> dict[str, int]:
    starts = [_spectral(graph, nodes)]
    starts += [{n: rng.randint(0, 1) for n in nodes} for _ in range(restarts)]
    best, best_cost = None, None
    for side in starts:
        side = _descend(graph, nodes, dict(side))
        cost = _cost(graph, side)
        if best_cost is None or cost < best_cost:
            best, best_cost = side, cost
    return best


def _descend(graph: nx.Graph, nodes: list[str], side: dict[str, int]) -> dict[str, int]:
    """Flip single actors while a flip lowers (contradictions, their weight)."""
    improved = True
    while improved:
        improved = False
        for n in nodes:
            bad = good = 0
            bad_w = good_w = 0.0
            for m, d in graph[n].items():
                if _contradicts(d["weight"], side[n], side[m]):
                    bad += 1
                    bad_w += abs(d["weight"])
                else:
                    good += 1
                    good_w += abs(d["weight"])
            if bad > good or (bad == good and bad_w > good_w + 1e-12):
                side[n] ^= 1
                improved = True
    return side


def _spectral(graph: nx.Graph, nodes: list[str]) -> dict[str, int]:
    """Sides from the signs of the leading eigenvector of the signed adjacency matrix
    (power iteration from a fixed start, so the same graph gives the same start)."""
    index = {n: i for i, n in enumerate(nodes)}
    x = [1.0 + i / len(nodes) for i in range(len(nodes))]
    for _ in range(100):
        y = list(x)  # iterate A + I, so a bipartite sign pattern still converges
        for u, v, d in graph.edges(data=True):
            w = d["weight"]
            y[index[u]] += w * x[index[v]]
            y[index[v]] += w * x[index[u]]
        norm = max(abs(t) for t in y) or 1.0
        x = [t / norm for t in y]
    return {n: int(x[index[n]] < 0) for n in nodes}
