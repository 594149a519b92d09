"""Refuse SPARQL that would reach the network or change the store, before any engine sees it.

Neither rdflib nor pyoxigraph can switch federation off, so a query that names another host
must be stopped before it runs. The check is made on the query as an engine reads it, not on
its look: the text is parsed by a real SPARQL parser (rdflib's), the parse tree is searched,
and the text that runs is exactly the text that was parsed. What is refused:

* SERVICE, anywhere in the tree (sub-queries, EXISTS, OPTIONAL, MINUS... included), whatever
  names the service: an IRI, a prefixed name or a variable;
* FROM / FROM NAMED graphs that are not graphs of the store, their IRIs resolved against the
  query's BASE and prefixes as the engine resolves them;
* updates (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY).

Two parsers can disagree on what a text says only where they read its characters differently,
so the text is first brought to a form on which every SPARQL parser reads them alike:

* ``\\uXXXX`` and ``\\UXXXXXXXX`` escapes are decoded everywhere, as the SPARQL grammar asks
  (section 19.2); rdflib decodes them before parsing, Oxigraph only inside strings and IRIs, so
  ``\\u0053ERVICE`` or an escaped quote would otherwise read differently. A text that still
  spells an escape after decoding (``\\u005Cu0041``) is refused.
* every carriage return becomes a line feed: Oxigraph ends a comment at either, rdflib only at
  a line feed, so ``# note\\rSERVICE <...>`` is a comment to one and a SERVICE call to the other.

This is the first wall. The second is `kg.sandbox`: the query runs in a process the kernel
forbids every network socket, so a bug in this parser alone never opens a connection.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import cache

from pyparsing import ParseException
from rdflib import Namespace
from rdflib.plugins.sparql.parserutils import CompValue

from kg.errors import QueryError
from kg.ids import PREFIXES

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_LOCAL_ESCAPE = re.compile(r"\\(.)")
_FORMS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}
_UPDATES = {
    "InsertData": "INSERT DATA",
    "DeleteData": "DELETE DATA",
    "DeleteWhere": "DELETE WHERE",
    "Modify": "DELETE/INSERT",
    "Load": "LOAD",
    "Clear": "CLEAR",
    "Drop": "DROP",
    "Create": "CREATE",
    "Add": "ADD",
    "Move": "MOVE",
    "Copy": "COPY",
}


class UpdateRefused(QueryError):
    """The text is an update: the store is read-only here."""


class FederationRefused(QueryError):
    """The query would reach another host (SERVICE, a FROM graph not in the store)."""


@dataclass(frozen=True)
class Checked:
    """A query that may run: the exact ``text`` to give the engine, its form (SELECT, ASK,
    CONSTRUCT or DESCRIBE) and the graphs its FROM / FROM NAMED clauses name."""

    text: str
    form: str
    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()


def normalise(text: str, *, name: str = "query") -> str:
    r"""The text every SPARQL parser reads alike: escapes decoded, carriage returns as line
    feeds.

    >>> normalise("SELECT * { ?s ?p ?o # note\rSERVICE <http://x/> {} }")
    'SELECT * { ?s ?p ?o # note\nSERVICE <http://x/> {} }'
    >>> normalise(r"SELECT ('caf\u00e9' AS ?x) {}")
    "SELECT ('café' AS ?x) {}"
    """

    def decode(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QueryError(f"{name}: malformed SPARQL: invalid escape {match.group()!r}")
        return chr(code)

    decoded = _ESCAPE.sub(decode, text)
    if _ESCAPE.search(decoded):
        raise QueryError(f"{name}: an escape that spells another escape is refused")
    return decoded.replace("\r\n", "\n").replace("\r", "\n")


def check(
    text: str,
    *,
    graphs: Collection[str] | None = None,
    name: str = "query",
    base: str | None = None,
) -> Checked:
    """Parse ``text`` and refuse what may not run; return what to run.

    ``graphs``: the store's named graphs, which FROM clauses may name (None: do not check);
    ``base``: the IRI that relative IRIs resolve against when the query has no BASE.

    Raises `FederationRefused`, `UpdateRefused`, or `QueryError` for a text that does not
    parse.

    >>> check("SELECT * WHERE { ?s ?p 'SERVICE' } # SERVICE in a comment").form
    'SELECT'
    >>> check("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    kg.guard.FederationRefused: query: SERVICE is refused: this endpoint never calls other hosts
    """
    from rdflib.plugins.sparql.parser import parseQuery

    normal = normalise(text, name=name)
    try:
        prologue, query = parseQuery(normal)
    except ParseException as exc:
        _refuse_update(normal, name)
        raise QueryError(f"{name}: malformed SPARQL: {_one_line(exc)}") from None
    if any(node.name == "ServiceGraphPattern" for node in _nodes(query)):
        raise FederationRefused(
            f"{name}: SERVICE is refused: this endpoint never calls other hosts"
        )
    default, named = _dataset(prologue, query, base, name)
    for iri in (*default, *named):
        if graphs is not None and iri not in graphs:
            raise FederationRefused(
                f"{name}: FROM <{iri}> is refused: only graphs of this store can be named"
            )
    return Checked(normal, _FORMS[query.name], default, named)


def _refuse_update(text: str, name: str) -> None:
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        update = parseUpdate(text)
    except ParseException:
        return
    operations = [_UPDATES.get(op.name, op.name) for op in update.request]
    if operations:
        raise UpdateRefused(f"{name}: {operations[0]} is an update: this store is read-only here")


def _nodes(value) -> Iterator[CompValue]:
    """Every node of a parse tree, depth first."""
    if isinstance(value, CompValue):
        yield value
        for child in value.values():
            yield from _nodes(child)
    elif isinstance(value, list | tuple) or hasattr(value, "asList"):
        for child in value:
            yield from _nodes(child)


def _dataset(prologue, query: CompValue, base: str | None, name: str):
    from rdflib.plugins.sparql.algebra import translatePrologue

    resolved = translatePrologue(prologue, base, _namespaces())
    default, named = [], []
    for clause in _field(query, "datasetClause") or ():
        kind = "named" if "named" in clause else "default"
        target = clause[kind]
        if isinstance(target, CompValue) and target.name == "pname":
            # rdflib keeps a local name's escapes ("graph\\/doc1"); the engine drops them
            local = _LOCAL_ESCAPE.sub(r"\1", _field(target, "localname"))
            target = CompValue("pname", prefix=_field(target, "prefix"), localname=local)
        try:
            iri = resolved.absolutize(target)
        except Exception as exc:  # noqa: BLE001 - an unknown prefix, as rdflib reports it
            raise QueryError(f"{name}: malformed SPARQL: {_one_line(exc)}") from None
        (named if kind == "named" else default).append(str(iri))
    return tuple(default), tuple(named)


def _field(node: CompValue, key: str):
    """A node's field, "" when absent (CompValue.get answers the key itself for a missing
    key)."""
    return node[key] if key in node else ""  # noqa: SIM401 - see above


@cache
def _namespaces() -> dict[str, Namespace]:
    return {prefix: Namespace(iri) for prefix, iri in PREFIXES.items()}


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
