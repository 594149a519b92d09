"""One call that computes every answer the CLI, the report, the view and notebooks show."""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from kg.analytics.blocs import Bloc, Partition, blocs, bridges, declared_blocs, two_camps
from kg.analytics.centrality import centrality
from kg.graph import (
    Filters,
    Structure,
    alignment_graph,
    assertion_graph,
    cooperative_graph,
    structure,
)
from kg.ontology import Ontology
from kg.store import Store


@dataclass
class Analysis:
    """The projected graphs and what was computed on them (see `analyse`)."""

    assertions: nx.MultiDiGraph
    signed: nx.Graph
    cooperative: nx.Graph
    structure: Structure
    centrality: dict[str, dict[str, float]]
    blocs: list[Bloc]
    declared: list[Bloc]
    camps: Partition
    bridges: list[dict] = field(default_factory=list)

    def ranking(self) -> list[str]:
        """Actors with a cooperative tie, by alliance centrality (ties broken by IRI)."""
        active = [n for n in self.centrality if self.cooperative.degree(n) > 0]
        return sorted(active, key=lambda n: (-self.centrality[n]["alliance"], n))

    def bloc_of(self, node: str) -> Bloc | None:
        return next((b for b in self.blocs if node in b.members), None)


def analyse(
    store: Store, ontology: Ontology, *, filters: Filters | None = None, seed: int = 0
) -> Analysis:
    """Project the store (with ``filters``) and compute centrality, blocs and camps."""
    assertions = assertion_graph(store, ontology, filters=filters or Filters())
    return analyse_graph(assertions, seed=seed)


def analyse_graph(assertions: nx.MultiDiGraph, *, seed: int = 0) -> Analysis:
    signed = alignment_graph(assertions)
    cooperative = cooperative_graph(signed)
    found = blocs(cooperative, seed=seed)
    return Analysis(
        assertions=assertions,
        signed=signed,
        cooperative=cooperative,
        structure=(layer := structure(assertions)),
        centrality=centrality(cooperative, seed=seed),
        blocs=found,
        declared=declared_blocs(layer, cooperative, membership=assertions.graph.get("membership")),
        camps=two_camps(signed, seed=seed),
        bridges=bridges(cooperative, found),
    )
