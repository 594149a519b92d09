"""Answers from the graph: alliance centrality, blocs and camps, alignment between actors.

Every function takes a networkx graph from `kg.graph` and returns plain data (dicts, lists,
small dataclasses), never mutating its input; every random step takes ``seed=``.
"""

from kg.analytics.alignment import Alignment, alignment, alignments
from kg.analytics.blocs import Bloc, Partition, blocs, bridges, declared_blocs, two_camps
from kg.analytics.centrality import MEASURES, alliance_centrality, centrality
from kg.analytics.run import Analysis, analyse, analyse_graph

__all__ = [
    "MEASURES",
    "Alignment",
    "Analysis",
    "analyse",
    "analyse_graph",
    "Bloc",
    "Partition",
    "alignment",
    "alignments",
    "alliance_centrality",
    "blocs",
    "bridges",
    "centrality",
    "declared_blocs",
    "two_camps",
]
