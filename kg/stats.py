"""Corpus statistics from the store: documents, actors by type, assertions by relation."""

from __future__ import annotations

from kg.store import Store

_ACTORS = """
SELECT ?type (COUNT(DISTINCT ?a) AS ?n) WHERE {
  { SELECT DISTINCT ?a ?t WHERE { GRAPH ?g { ?a a ?t } ?t rdfs:subClassOf kgo:Actor } }
  FILTER EXISTS { ?a kgo:mentionedIn ?doc }
  BIND(STRAFTER(STR(?t), "#") AS ?type)
} GROUP BY ?type ORDER BY ?type
"""
_GAZETTEER = """
SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {
  GRAPH <https://w3id.org/entente/id/graph/ontology> { ?a a ?t . ?t rdfs:subClassOf kgo:Actor }
}
"""
_ASSERTIONS = """
SELECT ?relation ?modality (COUNT(?x) AS ?n) WHERE {
  ?x a kgo:Assertion ; rdf:predicate ?p ; kgo:modality ?m .
  BIND(STRAFTER(STR(?p), "#") AS ?relation)
  BIND(STRAFTER(STR(?m), "#") AS ?modality)
} GROUP BY ?relation ?modality ORDER BY ?relation ?modality
"""
_DOCUMENTS = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a kgo:Document }"


_DOCUMENT_TABLE = """
SELECT ?d ?title ?date ?publisher WHERE {
  ?d a kgo:Document .
  OPTIONAL { ?d dcterms:title ?title }
  OPTIONAL { ?d dcterms:date ?date }
  OPTIONAL { ?d dcterms:publisher ?publisher }
} ORDER BY ?d
"""


def documents_table(store: Store) -> list[dict[str, str]]:
    """id, title, date and publisher of every document, by id."""
    rows = []
    for d, title, date, publisher in store.query(_DOCUMENT_TABLE):
        rows.append(
            {
                "id": str(d).rsplit("/", 1)[-1],
                "title": str(title or ""),
                "date": str(date or ""),
                "publisher": str(publisher or ""),
            }
        )
    return rows


def corpus_stats(store: Store) -> dict:
    def count(sparql: str) -> int:
        return int(next(iter(store.query(sparql)))[0])

    assertions: dict[str, dict[str, int]] = {}
    for row in store.query(_ASSERTIONS):
        assertions.setdefault(str(row[0]), {})[str(row[1])] = int(row[2])
    return {
        "documents": count(_DOCUMENTS),
        "triples": len(store),
        "actors_by_type": {str(r[0]): int(r[1]) for r in store.query(_ACTORS)},
        "gazetteer_actors": count(_GAZETTEER),
        "assertions": assertions,
        "assertion_total": sum(sum(row.values()) for row in assertions.values()),
    }
