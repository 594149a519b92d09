"""IRIs and slugs: the one place identifiers are minted, so the same input gives the same IRI."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import Namespace, URIRef

KGO = Namespace("https://w3id.org/entente/ontology#")
KGR = Namespace("https://w3id.org/entente/id/")
PROV = Namespace("http://www.w3.org/ns/prov#")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES: dict[str, str] = {
    "kgo": str(KGO),
    "kgr": str(KGR),
    "prov": str(PROV),
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "wd": str(WD),
}

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Lower-case ASCII slug of ``text``: accents folded, runs of other characters become '-'.

    >>> slugify("Kim Jong-un")
    'kim-jong-un'
    >>> slugify("Côte d'Ivoire")
    'cote-d-ivoire'
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_SLUG.sub("-", folded.lower()).strip("-") or "x"


def actor_iri(slug: str) -> URIRef:
    return KGR[f"actor/{slug}"]


def doc_iri(doc_id: str) -> URIRef:
    return KGR[f"doc/{doc_id}"]


def graph_iri(doc_id: str) -> URIRef:
    return KGR[f"graph/{doc_id}"]


def assertion_iri(doc_id: str, *parts: object) -> URIRef:
    """A stable assertion IRI from its document and the facts that identify it."""
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]
    return KGR[f"assertion/{doc_id}/{digest}"]
