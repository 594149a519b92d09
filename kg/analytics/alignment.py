"""How aligned two actors are, and why.

The score, in [-1, 1], is the mean of two parts, each used when the documents give it:

* the direct tie: tanh(w / 10), where w is the signed weight between the two actors (cooperative
  relations positive, hostile negative, each scaled by its Goldstein intensity and modality,
  `kg.graph.alignment_graph`); one asserted alliance (7.4) gives 0.63, one asserted attack
  (-10) gives -0.76, and more evidence approaches ±1;
* the similarity of their portfolios: the signed cosine of their tie weights towards every
  third party, shrunk by k / (k + 1) for k third parties they share, so that one shared tie
  cannot make two actors look identical. Two actors that back the same side and oppose the
  same enemy score near 1, two that back opposite sides near -1. Unlike Signorino and Ritter's
  S, which needs every actor's position on a common scale, the cosine needs only the ties the
  documents report, and a tie that one actor has and the other lacks dilutes the similarity
  without giving it a sign.

Actors with neither a direct tie nor a shared third party score 0 with no evidence.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx

#: Weight of a direct tie at which its part reaches tanh(1) = 0.76: one Goldstein scale-unit.
SCALE = 10.0


@dataclass(frozen=True)
class Evidence:
    """One claim behind an alignment, as the store has it."""

    assertion: str
    subject: str
    relation: str
    object: str
    modality: str
    weight: float
    evidence: str
    document: str
    title: str


@dataclass(frozen=True)
class Alignment:
    a: str
    b: str
    score: float
    direct: float | None
    similarity: float | None
    shared: tuple[str, ...]
    evidence: tuple[Evidence, ...]


def _evidence(claim: dict) -> Evidence:
    return Evidence(
        assertion=claim["assertion"],
        subject=claim["subject"],
        relation=claim["relation"],
        object=claim["object"],
        modality=claim["modality"],
        weight=round(claim["weight"], 6),
        evidence=claim["evidence"],
        document=claim["document"],
        title=claim["title"],
    )


def _ties(graph: nx.Graph, node: str, skip: str) -> dict[str, float]:
    return {
        other: d["weight"]
        for other, d in graph[node].items()
        if other not in (node, skip) and d["weight"] != 0
    }


def alignment(signed: nx.Graph, a: str, b: str, *, top: int = 6) -> Alignment:
    """The alignment of ``a`` and ``b`` in the signed graph, with the claims that weigh most.

    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", weight=7.4, claims=[])
    >>> G.add_edge("a", "u", weight=-10.0, claims=[])
    >>> G.add_edge("b", "u", weight=-10.0, claims=[])
    >>> al = alignment(G, "a", "b")
    >>> round(al.direct, 3), al.similarity, al.shared  # one shared enemy: cosine 1, halved
    (0.629, 0.5, ('u',))
    >>> round(al.score, 3)
    0.565
    """
    if a not in signed or b not in signed:
        return Alignment(a, b, 0.0, None, None, (), ())
    direct = None
    claims: list[tuple[tuple, dict]] = []  # direct claims first, then by contribution
    if signed.has_edge(a, b) and signed[a][b]["weight"] != 0:
        weight = signed[a][b]["weight"]
        direct = math.tanh(weight / SCALE)
        claims += [((0, -abs(c["weight"])), c) for c in signed[a][b].get("claims", [])]
    ties_a, ties_b = _ties(signed, a, b), _ties(signed, b, a)
    shared = sorted(set(ties_a) & set(ties_b))
    similarity = None
    if shared:
        dot = sum(ties_a[x] * ties_b[x] for x in shared)
        norm = math.sqrt(sum(w * w for w in ties_a.values())) * math.sqrt(
            sum(w * w for w in ties_b.values())
        )
        similarity = (dot / norm if norm else 0.0) * len(shared) / (len(shared) + 1)
        for x in shared:
            contribution = abs(ties_a[x] * ties_b[x])
            for end in (a, b):
                claims += [
                    ((1, -contribution, -abs(c["weight"])), c)
                    for c in signed[end][x].get("claims", [])
                ]
    parts = [p for p in (direct, similarity) if p is not None]
    score = sum(parts) / len(parts) if parts else 0.0
    claims.sort(key=lambda t: (t[0], t[1]["assertion"]))
    seen: set[str] = set()
    evidence = []
    for _, claim in claims:
        if claim["assertion"] not in seen and len(evidence) < top:
            seen.add(claim["assertion"])
            evidence.append(_evidence(claim))
    return Alignment(
        a,
        b,
        round(score, 6),
        None if direct is None else round(direct, 6),
        None if similarity is None else round(similarity, 6),
        tuple(shared),
        tuple(evidence),
    )


def alignments(signed: nx.Graph, a: str, *, top: int = 3) -> list[Alignment]:
    """Everyone with a direct tie to ``a`` or a third party in common, most aligned first.

    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", weight=5.0, claims=[])
    >>> G.add_edge("a", "c", weight=-5.0, claims=[])
    >>> [x.b for x in alignments(G, "a")]
    ['b', 'c']
    """
    if a not in signed:
        return []
    others = set(signed[a])
    for neighbour in signed[a]:
        others.update(signed[neighbour])
    others.discard(a)
    found = [alignment(signed, a, b, top=top) for b in sorted(others)]
    found = [x for x in found if x.direct is not None or x.similarity is not None]
    return sorted(found, key=lambda x: (-x.score, x.b))
