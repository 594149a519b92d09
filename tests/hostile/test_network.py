"""No query reaches the network, whatever its text (finding 1 of "Safe at the edges").

Each evasion is sent through every door a query has: `kg query`, the Python API
(`Store.evaluate`), GET and POST against a live `kg serve`. A listener on a loopback port counts
the connections that arrive: there must be none. The second wall (the sandbox's seccomp filter)
is tested on its own, with a query the guard never saw.
"""

from __future__ import annotations

import socket
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import sandbox
from kg.cli import main
from kg.errors import QueryError
from kg.store import Store, latest_snapshot

from ..conftest import KgServe

ROOT = Path(__file__).resolve().parents[2]


class Listener:
    """A TCP listener on a loopback port that counts the connections it accepts."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.socket.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.socket.close()


@pytest.fixture(scope="module")
def listener():
    running = Listener()
    yield running
    running.close()


#: (case, query) with {url} for the listener's address; each, as Oxigraph reads it, calls the
#: listener unless refused.
EVASIONS = [
    ("plain", "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }"),
    ("lower case, silent", "select * where { service silent <{url}> { ?s ?p ?o } }"),
    ("comment ended by CR", "SELECT * WHERE { #\rSERVICE <{url}> { ?s ?p ?o } }"),
    (
        "CR comment, valid to a LF-only reader",
        "SELECT * WHERE { ?s ?p ?o #\rSERVICE <{url}> { ?s ?p ?o } \n}",
    ),
    ("comment ended by CRLF", "SELECT * WHERE { # note\r\nSERVICE <{url}> { ?s ?p ?o } }"),
    ("comment and form feed", "SELECT * WHERE { ?s ?p ?o #\fSERVICE <{url}> { ?s ?p ?o } }\n"),
    ("comment and U+2028", "SELECT * WHERE { ?s ?p ?o #\u2028SERVICE <{url}> {} }\n"),
    ("comment and U+2029", "SELECT * WHERE { ?s ?p ?o #\u2029SERVICE <{url}> {} }\n"),
    ("comment and NEL", "SELECT * WHERE { ?s ?p ?o #\x85SERVICE <{url}> {} }\n"),
    ("escaped keyword", "SELECT * WHERE { \\u0053ERVICE <{url}> { ?s ?p ?o } }"),
    ("escaped IRI", "SELECT * WHERE { SERVICE <\\u0068ttp://127.0.0.1:{port}/> { ?s ?p ?o } }"),
    ("escaped CR", "SELECT * WHERE { ?s ?p ?o #\\u000DSERVICE <{url}> { ?s ?p ?o } \n}"),
    ("escaped quote", "SELECT * WHERE { ?s ?p '\\u0027 } SERVICE <{url}> { ?s ?p ?o } #' }"),
    ("escape of an escape", "SELECT * WHERE { \\u005Cu0053ERVICE <{url}> { ?s ?p ?o } }"),
    ("sub-query", "SELECT * WHERE { { SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } } } }"),
    ("deep in OPTIONAL", "SELECT * WHERE { ?a ?b ?c OPTIONAL { { SERVICE <{url}> {} } } }"),
    ("in EXISTS", "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <{url}> { ?s ?p ?o } } }"),
    ("in MINUS", "SELECT * WHERE { ?s ?p ?o MINUS { SERVICE SILENT <{url}> { ?s ?p ?o } } }"),
    ("in a UNION", "SELECT * WHERE { { ?s ?p ?o } UNION { SERVICE <{url}> { ?s ?p ?o } } }"),
    ("variable service", "SELECT * WHERE { BIND(<{url}> AS ?e) SERVICE ?e { ?s ?p ?o } }"),
    ("variable from VALUES", "SELECT * WHERE { VALUES ?e { <{url}> } SERVICE SILENT ?e {} }"),
    ("prefixed name", "PREFIX e: <http://127.0.0.1:{port}/> SELECT * { SERVICE e:sparql {} }"),
    ("relative IRI and BASE", "BASE <http://127.0.0.1:{port}/> SELECT * { SERVICE <s> {} }"),
    ("ASK", "ASK { SERVICE <{url}> { ?s ?p ?o } }"),
    ("CONSTRUCT", "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{url}> { ?s ?p ?o } }"),
    ("DESCRIBE", "DESCRIBE ?s WHERE { SERVICE <{url}> { ?s ?p ?o } }"),
    ("FROM", "SELECT * FROM <{url}> WHERE { ?s ?p ?o }"),
    ("FROM NAMED", "SELECT * FROM NAMED <{url}> WHERE { GRAPH ?g { ?s ?p ?o } }"),
    ("FROM, relative IRI and BASE", "BASE <{url}/> SELECT * FROM <data> WHERE { ?s ?p ?o }"),
    ("FROM relative to the endpoint", "SELECT * FROM <data.ttl> WHERE { ?s ?p ?o }"),
    ("FROM prefixed", "PREFIX e: <{url}/> SELECT * FROM NAMED e:g WHERE { ?s ?p ?o }"),
    ("LOAD", "LOAD <{url}>"),
    ("LOAD after a query", "SELECT * {} ; LOAD <{url}>"),
]
CASES = [pytest.param(query, id=case) for case, query in EVASIONS]


def text(template: str, listener: Listener) -> str:
    url = f"http://127.0.0.1:{listener.port}/sparql"
    return template.replace("{url}", url).replace("{port}", str(listener.port))


@pytest.mark.parametrize("template", CASES)
def test_kg_query_never_connects(template, listener, corpus_store, capsys):
    before = listener.connections
    code = main(["query", "--store", str(corpus_store), text(template, listener)])
    err = capsys.readouterr().err
    assert code != 0 and err.startswith("kg: error: ") and err.count("\n") == 1, err
    assert listener.connections == before


@pytest.mark.parametrize("template", CASES)
def test_the_python_api_never_connects(template, listener, corpus_store):
    before = listener.connections
    with Store(corpus_store, read_only=True) as store, pytest.raises(QueryError):
        store.evaluate(text(template, listener))
    assert listener.connections == before


@pytest.fixture(scope="module")
def endpoint(corpus_store):
    running = KgServe(corpus_store)
    yield running.url
    running.close()


def status(request: urllib.request.Request) -> int:
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.slow
@pytest.mark.parametrize("template", CASES)
def test_the_endpoint_never_connects(template, listener, endpoint):
    query = text(template, listener)
    before = listener.connections
    get = urllib.request.Request(endpoint + "?" + urllib.parse.urlencode({"query": query}))
    form = urllib.request.Request(
        endpoint,
        data=urllib.parse.urlencode({"query": query}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    direct = urllib.request.Request(
        endpoint, data=query.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    for request in (get, form, direct):
        assert status(request) in (400, 403), request.get_method()
    assert listener.connections == before


def test_the_listener_counts(listener):
    """An unwalled Oxigraph really calls out: the count above could fail."""
    before = listener.connections
    with pytest.raises(OSError):  # the listener closes at once: not a SPARQL answer
        list(ox.Store().query(text("SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }", listener)))
    assert listener.connections == before + 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the wall is Linux's seccomp")
def test_the_second_wall_stands_alone(listener, corpus_store):
    """A query the guard never saw still cannot connect: the sandbox refuses it any socket."""
    before = listener.connections
    job = sandbox.Job(
        snapshot=str(latest_snapshot(corpus_store)),
        query=text("SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }", listener),
    )
    answer = sandbox.run(job, timeout=30, require_wall=True)
    assert answer.status == 403 and "network" in answer.text
    assert listener.connections == before
