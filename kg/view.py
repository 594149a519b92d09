"""The interactive graph view: a pyvis network written as one self-contained, offline HTML file.

Nodes are actors (size: alliance centrality, colour: bloc, shape: type); edges are claims, one
per document and relation (colour: cooperative, hostile or structural; width: weight; arrows
for directed relations; dashed when only speculated; negated claims hidden until asked for).
A side panel shows an actor's names, type, Wikidata link and strongest ties, or a claim's
sentences, document and modality; controls filter by relation, modality and document and find
an actor.

pyvis builds the nodes, edges and options; the page is Entente's own template, because pyvis'
templates fetch scripts from the internet in two of their three modes and, as soon as any
title contains "href", render every tooltip as HTML. Here the vis-network script and styles
shipped inside the pyvis package are inlined, the data is JSON with "<", ">" and "&" escaped,
and every text from a document reaches the page through textContent only.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from jinja2 import Environment, PackageLoader
from pyvis.network import Network

from kg.analytics import Analysis
from kg.graph import label
from kg.ontology import Ontology
from kg.vocab import MODALITY_NAMES

SHAPES = {"State": "dot", "Organization": "square", "Bloc": "diamond", "Person": "triangle"}
KIND_COLOURS = {"cooperative": "#2b7bba", "hostile": "#c8553d", "structural": "#8a8f94"}
BLOC_COLOURS = (
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
    "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#1b9e77", "#7570b3",
)  # fmt: skip
NO_BLOC = "#c9ced3"
WIKIDATA = re.compile(r"^https?://www\.wikidata\.org/entity/Q\d+$")

#: Above this many nodes the layout settles in fewer, cheaper iterations.
LARGE = 500


@dataclass(frozen=True)
class ViewOptions:
    focus: str | None = None  # an actor IRI: show its neighbourhood only
    depth: int = 2
    height: str = "100vh"


def _vis_assets() -> tuple[str, str]:
    import pyvis

    folder = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    return (
        (folder / "vis-network.min.js").read_text(encoding="utf-8"),
        (folder / "vis-network.css").read_text(encoding="utf-8"),
    )


def _safe_json(data: object) -> str:
    """JSON that cannot end a <script> element or open an HTML comment.

    >>> _safe_json({"t": "</script><b>&"})
    '{"t": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _neighbourhood(graph: nx.MultiDiGraph, focus: str, depth: int) -> set[str]:
    return set(nx.ego_graph(graph.to_undirected(as_view=True), focus, radius=depth))


def build_network(
    analysis: Analysis,
    ontology: Ontology,
    *,
    names: dict[str, list[str]] | None = None,
    options: ViewOptions = ViewOptions(),
) -> tuple[Network, dict]:
    """The pyvis network and the side data (documents, relations, blocs) of the view."""
    graph = analysis.assertions
    keep = set(graph.nodes)
    if options.focus is not None:
        keep = _neighbourhood(graph, options.focus, options.depth)
    claims: dict[tuple[str, str, str, str], list[dict]] = {}
    for s, o, data in graph.edges(data=True):
        if s in keep and o in keep and s != o:
            claims.setdefault((data["document"], s, data["relation"], o), []).append(data)
    active = {n for _, s, _, o in claims for n in (s, o)}
    if options.focus is not None:
        active.add(options.focus)

    net = Network(height=options.height, width="100%", directed=True, cdn_resources="local")
    bloc_colour = {
        b.name: BLOC_COLOURS[i % len(BLOC_COLOURS)] for i, b in enumerate(analysis.blocs)
    }
    signed = analysis.signed
    for node in sorted(active):
        attrs = graph.nodes[node]
        row = analysis.centrality.get(node, {})
        bloc = analysis.bloc_of(node)
        ties = sorted(
            ((v, d["weight"]) for v, d in signed[node].items() if d["weight"] != 0)
            if node in signed
            else [],
            key=lambda t: (-abs(t[1]), t[0]),
        )
        wikidata = attrs.get("wikidata", "")
        net.add_node(
            node,
            label=attrs.get("label", node),
            title=f"{attrs.get('label', node)} ({attrs.get('type', 'Actor')})",
            shape=SHAPES.get(attrs.get("type", ""), "dot"),
            color=bloc_colour.get(bloc.name, NO_BLOC) if bloc else NO_BLOC,
            size=round(10 + 40 * row.get("alliance", 0.0), 2),
            kind=attrs.get("type", "Actor"),
            names=sorted(set((names or {}).get(node, [])) - {attrs.get("label", "")}),
            wikidata=wikidata if WIKIDATA.match(wikidata) else "",
            alliance=row.get("alliance", 0.0),
            bloc=bloc.name if bloc else "",
            ties=[[label(signed, v), round(w, 2)] for v, w in ties[:8]],
        )
    documents: dict[str, str] = {}
    for n, ((doc, s, relation, o), found) in enumerate(sorted(claims.items())):
        spec = ontology.relations[relation]
        best = max(found, key=lambda d: (abs(d["weight"]), d["assertion"]))
        modality = best["modality"]
        documents[doc] = best["title"]
        net.add_edge(
            s,
            o,
            id=f"e{n}",
            relation=relation,
            kind=spec.kind,
            modality=modality,
            document=doc,
            weight=round(best["weight"], 3),
            title=f"{label(graph, s)} {relation} {label(graph, o)} ({modality})",
            color=KIND_COLOURS[spec.kind],
            width=round(1 + min(abs(best["weight"]), 10) / 2.5, 2),
            arrows="" if spec.symmetric else "to",
            dashes=modality == "Speculative",
            hidden=modality == "Negated",
            evidence=sorted({d["evidence"] for d in found}),
        )
    large = len(active) > LARGE
    net.set_options(
        json.dumps(
            {
                "layout": {"randomSeed": 7, "improvedLayout": not large},
                "physics": {
                    "enabled": True,
                    "solver": "barnesHut",
                    "barnesHut": {"gravitationalConstant": -6000, "springLength": 140},
                    "stabilization": {"enabled": True, "iterations": 150 if large else 400},
                },
                "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large},
                "edges": {"smooth": {"enabled": not large, "type": "continuous"}},
                "nodes": {"font": {"size": 14}},
            }
        )
    )
    side = {
        "documents": dict(sorted(documents.items())),
        "relations": sorted({k[2] for k in claims}),
        "modalities": list(MODALITY_NAMES),
        "kinds": KIND_COLOURS,
        "shapes": SHAPES,
        "blocs": [[b.name, bloc_colour[b.name]] for b in analysis.blocs],
        "focus": label(graph, options.focus) if options.focus else "",
    }
    return net, side


_ENV = Environment(loader=PackageLoader("kg", "templates"), autoescape=True)


def render(net: Network, side: dict, *, title: str = "Entente graph view") -> str:
    script, styles = _vis_assets()
    nodes = sorted(net.nodes, key=lambda n: n["id"])
    edges = sorted(net.edges, key=lambda e: e["id"])
    return _ENV.get_template("view.html.j2").render(
        title=title,
        vis_script=script,
        vis_styles=styles,
        nodes_json=_safe_json(nodes),
        edges_json=_safe_json(edges),
        options_json=_safe_json(net.options if isinstance(net.options, dict) else {}),
        side_json=_safe_json(side),
        node_count=len(nodes),
        edge_count=len(edges),
    )


def write_view(path: Path, html: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path
