"""The one place RDF becomes networkx.

`assertion_graph` reads the store into a `MultiDiGraph` of actors with one edge per assertion;
`alignment_graph` collapses it into a signed, weighted `Graph` for analysis. Nodes are actor
IRIs (strings), so every result joins back to triples.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from kg.ontology import Ontology
from kg.store import Store

_ASSERTIONS = """
SELECT ?a ?s ?p ?o ?m ?e ?doc ?start ?end ?conf ?title ?date WHERE {
  ?a a kgo:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
     kgo:modality ?m ; kgo:evidence ?e ; prov:wasDerivedFrom ?doc ;
     kgo:charStart ?start ; kgo:charEnd ?end ; kgo:confidence ?conf .
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?doc dcterms:date ?date }
}
"""
_ACTORS = """
SELECT DISTINCT ?a ?label ?t ?wd WHERE {
  ?a a ?type ; rdfs:label ?label .
  ?type rdfs:subClassOf kgo:Actor .
  BIND(STRAFTER(STR(?type), "#") AS ?t)
  OPTIONAL { ?a owl:sameAs ?wd }
  FILTER EXISTS { ?a kgo:mentionedIn ?d }
}
"""


@dataclass(frozen=True)
class Filters:
    """Which assertions to project. Empty sets mean 'all'."""

    relations: frozenset[str] = frozenset()
    modalities: frozenset[str] = frozenset()
    documents: frozenset[str] = frozenset()
    date_from: str | None = None  # ISO prefix comparison on the document date
    date_to: str | None = None

    def keep(self, relation: str, modality: str, doc: str, date: str | None) -> bool:
        if self.relations and relation not in self.relations:
            return False
        if self.modalities and modality not in self.modalities:
            return False
        if self.documents and doc not in self.documents:
            return False
        if date and self.date_from and date[: len(self.date_from)] < self.date_from:
            return False
        return not (date and self.date_to and date[: len(self.date_to)] > self.date_to)


def _local(iri: object) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def assertion_graph(
    store: Store, ontology: Ontology, *, filters: Filters = Filters()
) -> nx.MultiDiGraph:
    """Every actor mentioned in a document, and one edge per kept assertion.

    Edge attributes: relation, kind (cooperative | hostile | structural), polarity, modality,
    weight (the relation's intensity × the modality's factor), document, title, evidence,
    char_start, char_end, confidence, assertion (IRI).
    """
    graph = nx.MultiDiGraph()
    for a, label, type_, wikidata in store.query(_ACTORS):
        node = str(a)
        if node in graph:
            continue
        graph.add_node(
            node, label=str(label), type=str(type_), wikidata=str(wikidata) if wikidata else ""
        )
    rows = sorted(store.query(_ASSERTIONS), key=lambda r: str(r[0]))
    for a, s, p, o, m, e, doc, start, end, conf, title, date in rows:
        relation, modality, doc_id = _local(p), _local(m), _local(doc)
        spec = ontology.relations.get(relation)
        if spec is None or not filters.keep(
            relation, modality, doc_id, str(date) if date else None
        ):
            continue
        for node in (str(s), str(o)):
            if node not in graph:
                graph.add_node(node, label=_local(node), type="Actor", wikidata="")
        weight = (spec.intensity or 0.0) * ontology.modality_factors.get(modality, 0.0)
        graph.add_edge(
            str(s),
            str(o),
            key=str(a),
            relation=relation,
            kind=spec.kind,
            polarity=spec.polarity,
            modality=modality,
            weight=weight,
            document=doc_id,
            title=str(title) if title else doc_id,
            evidence=str(e),
            char_start=int(start),
            char_end=int(end),
            confidence=float(conf),
            date=str(date) if date else "",
            assertion=str(a),
        )
    return graph


def alignment_graph(
    assertions: nx.MultiDiGraph, *, kinds: Iterable[str] = ("cooperative", "hostile")
) -> nx.Graph:
    """Collapse to an undirected signed graph: ``weight`` = sum of assertion weights, where the
    same (subject, relation, object, modality) evidence counts once per document.

    Structural relations (memberOf, leaderOf, dependsOn) carry no alignment and are left out
    unless ``kinds`` asks for them. Edge attributes: weight, sign (+1/-1), count, assertions.
    """
    kinds = set(kinds)
    counted: set[tuple] = set()
    graph = nx.Graph()
    graph.add_nodes_from(assertions.nodes(data=True))
    for s, o, data in sorted(assertions.edges(data=True), key=lambda e: e[2]["assertion"]):
        if data["kind"] not in kinds or s == o:
            continue
        once = (s, data["relation"], o, data["modality"], data["document"])
        if once in counted:
            continue
        counted.add(once)
        if graph.has_edge(s, o):
            edge = graph[s][o]
            edge["weight"] += data["weight"]
            edge["count"] += 1
            edge["assertions"].append(data["assertion"])
        else:
            graph.add_edge(s, o, weight=data["weight"], count=1, assertions=[data["assertion"]])
    for _, _, edge in graph.edges(data=True):
        edge["weight"] = round(edge["weight"], 6)
        edge["sign"] = 1 if edge["weight"] > 0 else -1 if edge["weight"] < 0 else 0
    return graph
