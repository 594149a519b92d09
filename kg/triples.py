"""Extraction results -> the triples of a document's named graph (the shape DESIGN.md fixes)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from rdflib import RDF, RDFS, SKOS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.errors import OntologyError
from kg.extract.details import Source
from kg.extract.documents import Assertion
from kg.extract.linker import Mention, clean_label
from kg.ids import KGR, actor_iri, assertion_iri, doc_iri, slugify
from kg.ontology import Ontology
from kg.vocab import KGO, STATED

Triple = tuple[URIRef, URIRef, object]

#: Modalities whose plain triple is stated in the document graph beside the assertion.

_DATE_TYPES = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), XSD.date),
    (re.compile(r"^\d{4}-\d{2}$"), XSD.gYearMonth),
    (re.compile(r"^\d{4}$"), XSD.gYear),
)


def date_literal(value: str) -> Literal:
    """An ISO date, month or year as its XSD type; anything else (an interval) as a string."""
    for pattern, datatype in _DATE_TYPES:
        if pattern.match(value):
            return Literal(value, datatype=datatype)
    return Literal(value)


def document_triples(
    document, mentions: Iterable[Mention], assertions: Iterable[Assertion], ontology: Ontology
) -> list[Triple]:
    """Every triple of one document's named graph, sorted (so writes are reproducible)."""
    doc = doc_iri(document.id)
    meta = document.meta
    out: set[Triple] = {
        (doc, RDF.type, KGO.Document),
        (doc, RDF.type, PROV.Entity),
        (doc, KGO.contentHash, Literal(document.content_hash)),
        (doc, KGO.fileName, Literal(document.path.name)),
    }
    if meta.title:
        out.add((doc, DCTERMS.title, Literal(meta.title)))
    out.update((doc, DCTERMS.creator, Literal(a)) for a in meta.authors)
    if meta.publisher:
        out.add((doc, DCTERMS.publisher, Literal(meta.publisher)))
    if meta.source:
        out.add((doc, DCTERMS.source, Literal(meta.source)))
    if meta.date:
        out.add((doc, DCTERMS.date, date_literal(meta.date)))

    for m in mentions:
        actor = actor_iri(m.actor)
        out.add((actor, KGO.mentionedIn, doc))
        if not m.curated:
            out.add((actor, RDF.type, KGO[m.type]))
            out.add((actor, RDFS.label, Literal(m.label)))
            if m.ner_label:
                out.add((actor, KGO.nerLabel, Literal(m.ner_label)))
        surface = clean_label(m.text)
        known = ontology.actors.get(m.actor)
        if (
            m.kind in ("alias", "ner", "surname")
            and surface
            and surface != m.label
            and (known is None or surface not in known.aliases)
        ):
            out.add((actor, SKOS.altLabel, Literal(surface)))

    for a in assertions:
        node = assertion_iri(
            document.id,
            a.subject.actor,
            a.relation,
            a.object.actor,
            a.char_start,
            a.char_end,
            a.rule,
        )
        s, o = actor_iri(a.subject.actor), actor_iri(a.object.actor)
        predicate = ontology.relations[a.relation].iri
        rule = ontology.rules.get(a.rule)
        if rule is None:  # an assertion whose rule no SPARQL query could describe
            raise OntologyError(f"rule {a.rule!r} is not described in the ontology (rules.ttl)")
        out.update(
            {
                (node, RDF.type, KGO.Assertion),
                (node, RDF.subject, s),
                (node, RDF.predicate, predicate),
                (node, RDF.object, o),
                (node, KGO.modality, KGO[a.modality]),
                (node, KGO.evidence, Literal(a.evidence)),
                (node, KGO.charStart, Literal(a.char_start)),
                (node, KGO.charEnd, Literal(a.char_end)),
                (node, KGO.sentenceIndex, Literal(a.sentence_index)),
                (node, KGO.confidence, Literal(Decimal(str(a.confidence)))),
                (node, KGO.rule, rule.iri),
                (node, PROV.wasDerivedFrom, doc),
            }
        )
        if a.modality in STATED:
            out.add((s, predicate, o))
        out.update(_detail_triples(node, a))
    return sorted(out)


def source_iri(source: Source) -> URIRef:
    """An actor that speaks is itself; any other source is kgr:source/<slug of its name>."""
    if source.actor is not None:
        return actor_iri(source.actor.actor)
    return KGR[f"source/{slugify(source.label)}"]


def _number(value: float) -> Literal:
    return Literal(Decimal(repr(value)).normalize() if value % 1 else Decimal(int(value)))


def _detail_triples(node: URIRef, a: Assertion) -> set[Triple]:
    out: set[Triple] = set()
    q = a.quantity
    if q is not None:
        if q.value is not None:
            out.add((node, KGO.quantity, _number(q.value)))
        if q.low is not None:
            out.add((node, KGO.quantityMin, _number(q.low)))
        if q.high is not None:
            out.add((node, KGO.quantityMax, _number(q.high)))
        if q.item:
            out.add((node, KGO.item, Literal(q.item)))
        if q.unit:
            out.add((node, KGO.unit, Literal(q.unit)))
    if a.date:
        out.add((node, DCTERMS.date, date_literal(a.date)))
        if a.date_qualifier:
            out.add((node, KGO.dateQualifier, Literal(a.date_qualifier)))
    if a.source is not None:
        speaker = source_iri(a.source)
        out.add((node, KGO.attributedTo, speaker))
        if a.source.actor is None:
            out.add((speaker, RDF.type, KGO.Source))
            out.add((speaker, RDFS.label, Literal(a.source.label)))
            if a.source.affiliation is not None:
                out.add((speaker, KGO.affiliation, actor_iri(a.source.affiliation.actor)))
    return out
