"""The actor graph for other tools: GraphML and GEXF (Gephi, Cytoscape, yEd) and an edge list.

Nodes carry label, type, Wikidata link, every centrality measure, bloc and camp; edges their
signed weight, claim count, relations and assertion IRIs. Attribute values are coerced to the
strings, numbers and booleans both formats accept, and the output is deterministic (GEXF's
modification date, which networkx stamps with today's date, is left out).
"""

from __future__ import annotations

import csv
import io
import re

import networkx as nx

from kg.analytics import MEASURES, Analysis
from kg.graph import exportable, label

GRAPH_FORMATS = ("graphml", "gexf", "edges")


def annotated(analysis: Analysis) -> nx.Graph:
    """The signed actor graph with analysis results on its nodes, ready to export."""
    graph = exportable(analysis.signed)
    for node, data in graph.nodes(data=True):
        row = analysis.centrality.get(node, {})
        data["alliance"] = row.get("alliance", 0.0)
        for measure in MEASURES:
            data[measure] = row.get(measure, 0.0)
        bloc = analysis.bloc_of(node)
        camp = analysis.camps.camp_of(node)
        data["bloc"] = bloc.name if bloc else ""
        data["camp"] = 0 if camp is None else camp + 1
    for _, _, data in graph.edges(data=True):
        data["kind"] = (
            "cooperative" if data["weight"] > 0 else "hostile" if data["weight"] < 0 else "neutral"
        )
    return graph


def serialise(analysis: Analysis, fmt: str) -> str:
    """The graph as GraphML, GEXF 1.2 or a CSV edge list."""
    graph = annotated(analysis)
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(graph, prettyprint=True)) + "\n"
    if fmt == "gexf":
        text = "\n".join(nx.generate_gexf(graph, prettyprint=True)) + "\n"
        return re.sub(r' lastmodifieddate="[^"]*"', "", text)
    if fmt == "edges":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(
            [
                "source",
                "target",
                "source_label",
                "target_label",
                "weight",
                "sign",
                "kind",
                "claims",
                "relations",
                "assertions",
            ]
        )
        for u, v, d in sorted(
            graph.edges(data=True), key=lambda e: (min(e[0], e[1]), max(e[0], e[1]))
        ):
            a, b = sorted((u, v))
            writer.writerow(
                [
                    a,
                    b,
                    label(graph, a),
                    label(graph, b),
                    d["weight"],
                    d["sign"],
                    d["kind"],
                    d["count"],
                    d.get("relations", ""),
                    d.get("assertions", ""),
                ]
            )
        return out.getvalue()
    raise ValueError(f"unknown graph format {fmt!r}")
