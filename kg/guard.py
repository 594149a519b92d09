"""Refuse SPARQL that would reach the network or change the store, before any engine sees it.

Neither rdflib nor pyoxigraph can switch federation off: rdflib follows SERVICE and loads remote
FROM graphs, so a query that names another host must be stopped here. The check reads the
query's tokens (strings, IRIs and comments skipped, so a sentence that mentions "service" is
harmless) and refuses:

* SERVICE, anywhere;
* FROM / FROM NAMED graphs that are not graphs of the store;
* update operations (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY, WITH).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from kg.errors import QueryError
from kg.ids import PREFIXES

_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
      |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<pname>(?:[A-Za-z][\w.-]*)?:(?:[\w.%:-]|\\.)*)
  | (?P<var>[?$]\w+)
  | (?P<word>[A-Za-z_]\w*)
  | (?P<other>\S)
    """,
    re.VERBOSE,
)
UPDATES = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)


class UpdateRefused(QueryError):
    """The text is an update: the store is read-only here."""


class FederationRefused(QueryError):
    """The query would reach another host (SERVICE, a FROM graph not in the store)."""


@dataclass(frozen=True)
class Dataset:
    """The graphs a query's FROM / FROM NAMED clauses name."""

    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()


def _tokens(text: str):
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind not in ("comment", "string"):
            yield kind, match.group()


def check(text: str, *, graphs: Collection[str] | None = None, name: str = "query") -> Dataset:
    """Raise `FederationRefused` or `UpdateRefused` for a query that may not run; return the
    graphs its FROM clauses name. ``graphs``: the store's named graphs (None: do not check).

    >>> check("SELECT * WHERE { ?s ?p 'SERVICE' } # SERVICE in a comment")
    Dataset(default=(), named=())
    >>> check("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    kg.guard.FederationRefused: query: SERVICE is refused: this endpoint never calls other hosts
    """
    tokens = list(_tokens(text))
    prefixes = dict(PREFIXES)
    for i, (kind, value) in enumerate(tokens):
        if kind == "word" and value.upper() == "PREFIX" and i + 2 < len(tokens):
            pname, iri = tokens[i + 1][1], tokens[i + 2][1]
            if tokens[i + 2][0] == "iri":
                prefixes[pname.rstrip(":")] = iri[1:-1]
    default, named = [], []
    words = [(i, v.upper()) for i, (k, v) in enumerate(tokens) if k == "word"]
    for i, word in words:
        if word == "SERVICE":
            raise FederationRefused(
                f"{name}: SERVICE is refused: this endpoint never calls other hosts"
            )
        if word in UPDATES and _is_update_keyword(tokens, i):
            raise UpdateRefused(f"{name}: {word} is an update: this store is read-only here")
        if word == "FROM":
            j = i + 1
            target = default
            if j < len(tokens) and tokens[j][0] == "word" and tokens[j][1].upper() == "NAMED":
                j, target = j + 1, named
            if j < len(tokens):
                target.append(_expand(tokens[j], prefixes))
    for iri in default + named:
        if graphs is not None and iri not in graphs:
            raise FederationRefused(
                f"{name}: FROM <{iri}> is refused: only graphs of this store can be named"
            )
    return Dataset(tuple(default), tuple(named))


def _is_update_keyword(tokens: list[tuple[str, str]], i: int) -> bool:
    """An update keyword opens an operation: at the start or after ";" (or "}" for WITH...)."""
    before = [v for k, v in tokens[:i] if k != "comment"]
    keywords = [v.upper() for k, v in tokens[:i] if k == "word"]
    if not before:
        return True
    if before[-1] in (";",):
        return True
    # after the prologue (PREFIX/BASE declarations only)
    return all(k in ("PREFIX", "BASE") for k in keywords) and before[-1].endswith(">")


def _expand(token: tuple[str, str], prefixes: dict[str, str]) -> str:
    kind, value = token
    if kind == "iri":
        return value[1:-1]
    if kind == "pname":
        prefix, _, local = value.partition(":")
        return prefixes.get(prefix, prefix + ":") + re.sub(r"\\(.)", r"\1", local)
    return value
