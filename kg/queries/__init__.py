"""The saved query library: named, documented SPARQL files, and binding their parameters.

Each ``kg/queries/NAME.rq`` starts with comment lines saying what it answers, then one line per
parameter::

    # param actor: actor — the actor supplied, by any label or alias ("Russia", "Moscow")

A parameter's type says how a value becomes an RDF term: ``actor`` (any label, alias, demonym
or capital, resolved to the actor's IRI), ``relation`` (a relation name: ``supplies``),
``document`` (a document id), ``modality`` (``Asserted`` ...), ``string`` or ``integer``
(literals). Values are bound as RDF terms (Oxigraph substitutions, rdflib's initBindings),
never pasted into the query text; a parameter is a projected variable of its query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Literal, URIRef

from kg.errors import InputError
from kg.ids import doc_iri
from kg.ontology import Ontology
from kg.vocab import KGO, MODALITY_NAMES

FOLDER = Path(__file__).parent
TYPES = ("actor", "relation", "document", "modality", "string", "integer")
_PARAM = re.compile(r"^#\s*param\s+(\w+)\s*:\s*(\w+)\s*(?:[—-]+\s*(.*))?$")

_ACTOR_BY_LABEL = """
SELECT ?a ?name WHERE {
  ?a rdfs:label ?l ; a ?t . ?t rdfs:subClassOf kgo:Actor .
  FILTER(LCASE(STR(?l)) = LCASE(STR(?name)))
} ORDER BY ?a LIMIT 1
"""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    description: str


@dataclass(frozen=True)
class LibraryQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path


def parse(path: Path) -> LibraryQuery:
    """Read one library file: its header comment and parameter lines."""
    text = path.read_text(encoding="utf-8")
    description, params = [], []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _PARAM.match(line)
        if match:
            name, type_, note = match.groups()
            if type_ not in TYPES:
                raise InputError(f"{path}: parameter {name!r} has unknown type {type_!r}")
            params.append(Param(name, type_, (note or "").strip()))
        else:
            description.append(line.lstrip("#").strip())
    return LibraryQuery(path.stem, " ".join(d for d in description if d), tuple(params), text, path)


@cache
def library(folder: Path = FOLDER) -> dict[str, LibraryQuery]:
    """Every query of the library, by name."""
    return {p.stem: parse(p) for p in sorted(folder.glob("*.rq"))}


def get(name: str) -> LibraryQuery:
    found = library()
    if name not in found:
        raise InputError(f"no library query named {name!r} (see `kg query --list`)")
    return found[name]


def parse_params(pairs: list[str]) -> dict[str, str]:
    """``["actor=DPRK", "relation=supplies"]`` as a dict; a malformed pair is an error."""
    values = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise InputError(f"parameter {pair!r} is not NAME=VALUE")
        values[name.strip()] = value.strip()
    return values


def bind(query: LibraryQuery, values: dict[str, str], store, ontology: Ontology) -> dict:
    """The RDF term for each of ``query``'s parameters, from the strings ``values``."""
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        expected = ", ".join(declared) or "none"
        raise InputError(f"{query.name}: unknown parameter(s) {', '.join(unknown)} ({expected})")
    missing = [p.name for p in query.params if p.name not in values]
    if missing:
        raise InputError(f"{query.name}: give {', '.join(f'--param {m}=...' for m in missing)}")
    return {
        name: term(declared[name], value, store, ontology, query=query.name)
        for name, value in values.items()
    }


def term(param: Param, value: str, store, ontology: Ontology, *, query: str = "query"):
    if param.type == "actor":
        return resolve_actor(value, store, ontology, query=query)
    if param.type == "relation":
        spec = ontology.relations.get(value) or next(
            (r for r in ontology.relations.values() if r.name.lower() == value.lower()), None
        )
        if spec is None:
            raise InputError(f"{query}: unknown relation {value!r}")
        return spec.iri
    if param.type == "document":
        return doc_iri(value.lower())
    if param.type == "modality":
        match = next((m for m in MODALITY_NAMES if m.lower() == value.lower()), None)
        if match is None:
            raise InputError(f"{query}: unknown modality {value!r} ({', '.join(MODALITY_NAMES)})")
        return KGO[match]
    if param.type == "integer":
        try:
            return Literal(int(value))
        except ValueError:
            raise InputError(f"{query}: {param.name} must be an integer, not {value!r}") from None
    return Literal(value)


def resolve_actor(name: str, store, ontology: Ontology, *, query: str = "query") -> URIRef:
    """An actor's IRI from any of its names: the gazetteer first, then labels in the store."""
    entry = ontology.lookup(name)
    if entry is not None:
        return entry.iri
    rows = list(store.query(_ACTOR_BY_LABEL, bindings={"name": Literal(name)}))
    if rows:
        return URIRef(str(rows[0][0]))
    raise InputError(f"{query}: unknown actor {name!r}")
