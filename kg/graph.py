"""The one place RDF becomes networkx.

`assertion_graph` reads the store into a `MultiDiGraph` of actors with one edge per assertion;
`alignment_graph` collapses it into a signed, weighted `Graph` for analysis, `structure` reads
its structural layer (memberships, leaders, dependencies, by relation). Nodes are actor IRIs
(strings), so every result joins back to triples.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from kg.errors import InputError
from kg.ontology import Ontology, normalise_name
from kg.store import Store
from kg.vocab import STATED

_ASSERTIONS = """
SELECT ?a ?s ?p ?o ?m ?e ?doc ?start ?end ?conf ?title ?date ?adate WHERE {
  ?a a kgo:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
     kgo:modality ?m ; kgo:evidence ?e ; prov:wasDerivedFrom ?doc ;
     kgo:charStart ?start ; kgo:charEnd ?end ; kgo:confidence ?conf .
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?doc dcterms:date ?date }
  OPTIONAL { ?a dcterms:date ?adate }
}
"""
_ACTORS = """
SELECT DISTINCT ?a ?label ?t ?wd WHERE {
  GRAPH ?g { ?a a ?type ; rdfs:label ?label }
  ?type rdfs:subClassOf kgo:Actor .
  FILTER EXISTS { ?a kgo:mentionedIn ?d }
  BIND(STRAFTER(STR(?type), "#") AS ?t)
  OPTIONAL { ?a owl:sameAs ?wd }
}
"""
# An actor's type and label sit together in each graph that states them (the ontology's, or
# every document naming an actor found by NER): matching them inside one graph keeps the rows
# to one per graph, where joining them over the union would give d² for an actor in d
# documents.

KINDS = ("cooperative", "hostile", "structural")


@dataclass(frozen=True)
class Filters:
    """Which assertions to project. Empty sets mean 'all'.

    Dates are ISO 8601 prefixes ("2024", "2024-06"); an assertion's own date is used where it
    has one, else its document's (an interval "2024-10/2024-11" overlaps the range).
    """

    kinds: frozenset[str] = frozenset()
    relations: frozenset[str] = frozenset()
    modalities: frozenset[str] = frozenset()
    documents: frozenset[str] = frozenset()
    date_from: str | None = None
    date_to: str | None = None

    def keep(self, kind: str, relation: str, modality: str, doc: str, date: str | None) -> bool:
        """
        >>> Filters(date_from="2025").keep("hostile", "attacks", "Asserted", "d", "2024-10/2025-01")
        True
        >>> asserted = Filters(modalities=frozenset({"Asserted"}))
        >>> asserted.keep("cooperative", "supports", "Negated", "d", None)
        False
        """
        if self.kinds and kind not in self.kinds:
            return False
        if self.relations and relation not in self.relations:
            return False
        if self.modalities and modality not in self.modalities:
            return False
        if self.documents and doc not in self.documents:
            return False
        if date:
            start, _, end = date.partition("/")
            end = end or start
            if self.date_from and end[: len(self.date_from)] < self.date_from:
                return False
            if self.date_to and start[: len(self.date_to)] > self.date_to:
                return False
        return True


def _local(iri: object) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def assertion_graph(
    store: Store, ontology: Ontology, *, filters: Filters = Filters()
) -> nx.MultiDiGraph:
    """Every actor mentioned in a document, and one edge per kept assertion, keyed by its IRI.

    Node attributes: label, type, wikidata. Edge attributes: relation, kind (cooperative |
    hostile | structural), polarity, symmetric, modality, weight (the relation's intensity ×
    the modality's factor; 0 for structural relations), document, title, date, evidence,
    char_start, char_end, confidence, assertion (IRI). Graph attribute ``membership``: the
    relation declared blocs are made of (the ontology's kgo:membershipRelation).
    """
    graph = nx.MultiDiGraph(membership=ontology.membership)
    for a, label, type_, wikidata in sorted(store.query(_ACTORS), key=lambda r: tuple(map(str, r))):
        node = str(a)
        if node not in graph:
            graph.add_node(
                node,
                label=str(label),
                type=str(type_),
                wikidata=str(wikidata) if wikidata else "",
            )
    rows = sorted(store.query(_ASSERTIONS), key=lambda r: str(r[0]))
    for a, s, p, o, m, e, doc, start, end, conf, title, date, own_date in rows:
        relation, modality, doc_id = _local(p), _local(m), _local(doc)
        spec = ontology.relations.get(relation)
        when = str(own_date) if own_date else str(date) if date else None
        if spec is None or not filters.keep(spec.kind, relation, modality, doc_id, when):
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
            symmetric=spec.symmetric,
            modality=modality,
            weight=weight,
            document=doc_id,
            title=str(title) if title else doc_id,
            date=when or "",
            evidence=str(e),
            char_start=int(start),
            char_end=int(end),
            confidence=float(conf),
            assertion=str(a),
        )
    return graph


def claims(assertions: nx.MultiDiGraph, kinds: Iterable[str]) -> list[dict]:
    """The assertions that count, one per (document, subject, relation, object): a claim
    repeated in one document counts once, with its most assertive reading (largest |weight|).
    Symmetric relations are one claim whichever way round they were written."""
    kinds = set(kinds)
    best: dict[tuple, dict] = {}
    for s, o, data in assertions.edges(data=True):
        if data["kind"] not in kinds or s == o:
            continue
        ends = tuple(sorted((s, o))) if data["symmetric"] else (s, o)
        key = (data["document"], data["relation"], *ends)
        rank = (abs(data["weight"]), data["assertion"])
        if key not in best or rank > (abs(best[key]["weight"]), best[key]["assertion"]):
            best[key] = {**data, "subject": s, "object": o}
    return [best[k] for k in sorted(best)]


def alignment_graph(
    assertions: nx.MultiDiGraph, *, kinds: Iterable[str] = ("cooperative", "hostile")
) -> nx.Graph:
    """Collapse to an undirected signed graph for alignment, blocs and centrality.

    ``weight`` is the sum of the weights of the `claims` between two actors (cooperative
    relations weigh positive, hostile negative, the modality scales them). Structural relations
    carry no alignment and are left out unless ``kinds`` asks for them. Edge attributes:
    weight, sign (+1, -1, 0), count (claims), claims (their attribute dicts, in order).

    >>> g = nx.MultiDiGraph()
    >>> same = dict(kind="cooperative", symmetric=True, document="d", relation="alliedWith")
    >>> g.add_edge("a", "b", key="x1", weight=7.4, assertion="x1", **same)
    'x1'
    >>> g.add_edge("b", "a", key="x2", weight=1.85, assertion="x2", **same)
    'x2'
    >>> alignment_graph(g)["a"]["b"]["weight"]  # the same claim in one document counts once
    7.4
    """
    graph = nx.Graph()
    graph.add_nodes_from(assertions.nodes(data=True))
    for claim in claims(assertions, kinds):
        s, o = claim["subject"], claim["object"]
        if graph.has_edge(s, o):
            edge = graph[s][o]
            edge["weight"] += claim["weight"]
            edge["count"] += 1
            edge["claims"].append(claim)
        else:
            graph.add_edge(s, o, weight=claim["weight"], count=1, claims=[claim])
    for _, _, edge in graph.edges(data=True):
        edge["weight"] = round(edge["weight"], 6)
        edge["sign"] = (edge["weight"] > 0) - (edge["weight"] < 0)
    return graph


def cooperative_graph(signed: nx.Graph) -> nx.Graph:
    """The positive edges of a signed graph: the layer alliance centrality and blocs use."""
    graph = nx.Graph()
    graph.add_nodes_from(signed.nodes(data=True))
    graph.add_edges_from((u, v, d) for u, v, d in signed.edges(data=True) if d["weight"] > 0)
    return graph


#: Structural relations by name, each a sorted list of (subject, object, claims).
Structure = dict[str, list[tuple[str, str, list[dict]]]]


def structure(assertions: nx.MultiDiGraph) -> Structure:
    """The structural layer: who is a member of what, who leads what, who depends on whom,
    for every structural relation of the ontology, from claims that are stated (Asserted or
    Reported), grouped by pair."""
    grouped: dict[tuple[str, str, str], list[dict]] = {}
    for claim in claims(assertions, ("structural",)):
        if claim["modality"] in STATED:
            key = (claim["relation"], claim["subject"], claim["object"])
            grouped.setdefault(key, []).append(claim)
    out: Structure = {}
    for (relation, s, o), found in sorted(grouped.items()):
        out.setdefault(relation, []).append((s, o, found))
    return out


def find_actor(graph: nx.Graph, name: str, ontology: Ontology) -> str:
    """The node of ``graph`` that ``name`` denotes: any label, alias, demonym or capital of a
    curated actor ("DPRK", "Pyongyang"), or the label of an actor created from the text.

    Raises `InputError` naming close matches when nothing fits.
    """
    entry = ontology.lookup(name)
    if entry is not None and str(entry.iri) in graph:
        return str(entry.iri)
    key = normalise_name(name)
    for node, data in sorted(graph.nodes(data=True)):
        if normalise_name(str(data.get("label", ""))) == key or _local(node) == key:
            return node
    if entry is not None:
        raise InputError(f"{name!r} ({entry.label}) is in no relation in this graph")
    labels = sorted({str(d.get("label", "")) for _, d in graph.nodes(data=True)})
    close = difflib.get_close_matches(name, labels, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
    raise InputError(f"unknown actor {name!r}{hint}")


_NAMES = """
SELECT DISTINCT ?a ?name WHERE {
  GRAPH ?g {
    { ?a skos:altLabel ?name } UNION { ?a kgo:demonym ?name } UNION { ?a kgo:capital ?name }
  }
  FILTER EXISTS { ?a kgo:mentionedIn ?d }
}
"""


def actor_names(store: Store) -> dict[str, list[str]]:
    """Every other name (aliases, demonyms, capitals) of each actor the documents mention."""
    names: dict[str, set[str]] = {}
    for a, name in store.query(_NAMES):
        names.setdefault(str(a), set()).add(str(name))
    return {a: sorted(found) for a, found in sorted(names.items())}


def label(graph: nx.Graph, node: str) -> str:
    return graph.nodes[node].get("label", _local(node)) if node in graph else _local(node)


def exportable(graph: nx.Graph) -> nx.Graph:
    """A copy whose attributes GraphML and GEXF accept: strings, numbers and booleans only
    (claims become a count and the assertion IRIs joined by spaces)."""
    out = graph.__class__()
    for node, data in graph.nodes(data=True):
        out.add_node(node, **{k: _scalar(v) for k, v in data.items()})
    for u, v, data in graph.edges(data=True):
        attrs = {k: _scalar(v) for k, v in data.items() if k != "claims"}
        if "claims" in data:
            attrs["assertions"] = " ".join(c["assertion"] for c in data["claims"])
            attrs["relations"] = " ".join(sorted({c["relation"] for c in data["claims"]}))
        out.add_edge(u, v, **attrs)
    return out


def _scalar(value: object) -> str | int | float | bool:
    if isinstance(value, bool | int | float | str):
        return value
    if value is None:
        return ""
    if isinstance(value, list | tuple | set | frozenset):
        return " ".join(map(str, value))
    return str(value)
