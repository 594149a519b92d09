"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint over the store, safe by default.

* Protocol: GET and POST (form-encoded or ``application/sparql-query``) on ``/sparql``, with
  ``default-graph-uri`` and ``named-graph-uri``; results negotiated by ``Accept`` (SPARQL JSON,
  XML, CSV, TSV; Turtle, N-Triples, JSON-LD for CONSTRUCT and DESCRIBE), or by ``format=``.
  Without a query, ``/sparql`` describes the service (SPARQL 1.1 Service Description);
  ``/`` is a small query page that needs nothing from the internet; ``/library`` lists the
  saved queries and ``/library/NAME?param=value`` runs one with its parameters bound.
* Read-only: updates are refused with 403. SERVICE and FROM graphs outside the store are
  refused with 403 before any engine sees the query (`kg.guard`).
* Each query runs in its own process on the store's latest snapshot, so a runaway query is
  killed at the time limit (503) while others go on, and queries keep being answered while
  `kg build` writes the store. Results above the size cap and oversized requests are refused.
* Binds to 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import json
import logging
import threading
import urllib.parse
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from kg import queries, sandbox
from kg.errors import EntenteError, QueryError
from kg.guard import FederationRefused, UpdateRefused, check
from kg.sandbox import GRAPH_TYPES, RESULT_TYPES, Job
from kg.store import latest_snapshot

log = logging.getLogger(__name__)

FORMAT_NAMES = {  # ?format= (and ?output=) shortcuts, for results and for graphs
    "json": "application/sparql-results+json, application/ld+json",
    "xml": "application/sparql-results+xml, application/rdf+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "ntriples": "application/n-triples",
    "nt": "application/n-triples",
    "json-ld": "application/ld+json",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "rdf+xml": "application/rdf+xml",
    "n3": "text/n3",
}


@dataclass(frozen=True)
class Limits:
    timeout: float = 10.0  # seconds a query may run
    max_result_bytes: int = 50_000_000
    max_request_bytes: int = 100_000
    max_url_bytes: int = 16_000
    workers: int = 4  # queries evaluated at once


class Refused(EntenteError):
    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


# ---------------------------------------------------------------------- content negotiation


def negotiate(accept: str, table: dict[str, str]) -> str | None:
    """The media type of ``table`` that ``accept`` prefers, or None when none is acceptable.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_TYPES)
    'application/sparql-results+xml'
    >>> negotiate("*/*", RESULT_TYPES)
    'application/sparql-results+json'
    """
    if not accept.strip():
        return next(iter(table))
    choices = []
    for order, part in enumerate(accept.split(",")):
        media, *params = (x.strip() for x in part.split(";"))
        q = 1.0
        for p in params:
            key, _, value = p.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        choices.append((q, -order, media.lower()))
    for q, _, media in sorted(choices, reverse=True):
        if q <= 0:
            continue
        if media in table:
            return media
        if media in ("*/*", "application/*", "text/*"):
            prefix = media.split("/")[0]
            return next((m for m in table if prefix == "*" or m.startswith(prefix)), None) or next(
                iter(table)
            )
    return None


# ---------------------------------------------------------------------- the endpoint


class Endpoint:
    """Evaluates requests; one instance per server, shared by its handler threads."""

    def __init__(self, store: Path, *, limits: Limits = Limits(), ontology=None) -> None:
        self.store = Path(store)
        self.limits = limits
        self.ontology = ontology
        latest_snapshot(self.store)  # fail now, with a clear message, if there is no store
        self._slots = threading.BoundedSemaphore(limits.workers)

    def graphs(self) -> list[str]:
        import pyoxigraph as ox

        store = ox.Store.read_only(str(latest_snapshot(self.store)))
        return sorted(g.value for g in store.named_graphs())

    def run(
        self,
        query: str,
        *,
        accept: str,
        default: list[str],
        named: list[str],
        bind: dict | None = None,
        name: str = "query",
    ) -> tuple[int, str, bytes]:
        known = set(self.graphs())
        try:
            dataset = check(query, graphs=known, name=name)
        except (UpdateRefused, FederationRefused) as exc:
            raise Refused(HTTPStatus.FORBIDDEN, str(exc)) from exc
        for iri in default + named:
            if iri not in known:
                raise Refused(HTTPStatus.FORBIDDEN, f"graph <{iri}> is not in this store")
        job = Job(
            snapshot=str(latest_snapshot(self.store)),
            query=dataset.text,  # exactly the text the guard parsed
            result_media=negotiate(accept, RESULT_TYPES),
            graph_media=negotiate(accept, GRAPH_TYPES),
            default=tuple(default or dataset.default),
            named=tuple(named or dataset.named),
            bind=bind or {},
            max_bytes=self.limits.max_result_bytes,
        )
        if not self._slots.acquire(timeout=self.limits.timeout):
            raise Refused(HTTPStatus.SERVICE_UNAVAILABLE, "all query workers are busy; try again")
        try:
            answer = sandbox.run(job, timeout=self.limits.timeout)
        except sandbox.Timeout as exc:
            raise Refused(HTTPStatus.SERVICE_UNAVAILABLE, str(exc)) from exc
        finally:
            self._slots.release()
        return answer.status, answer.media, answer.body

    def describe(self, url: str) -> bytes:
        """SPARQL 1.1 Service Description, in Turtle."""
        formats = [
            "SPARQL_Results_JSON",
            "SPARQL_Results_XML",
            "SPARQL_Results_CSV",
            "SPARQL_Results_TSV",
            "Turtle",
            "N-Triples",
            "JSON-LD",
        ]
        named = "".join(
            f"\n        sd:namedGraph [ a sd:NamedGraph ; sd:name <{g}> ] ;" for g in self.graphs()
        )
        text = (
            "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n"
            "@prefix fmt: <http://www.w3.org/ns/formats/> .\n\n"
            f"<{url}> a sd:Service ;\n"
            f"    sd:endpoint <{url}> ;\n"
            "    sd:supportedLanguage sd:SPARQL11Query ;\n"
            "    sd:feature sd:UnionDefaultGraph ;\n"
            f"    sd:resultFormat {', '.join('fmt:' + f for f in formats)} ;\n"
            "    sd:defaultDataset [ a sd:Dataset ;\n"
            "        sd:defaultGraph [ a sd:Graph ] ;"
            f"{named}\n    ] .\n"
        )
        return text.encode("utf-8")

    def library_bindings(self, name: str, values: dict[str, str]) -> tuple[str, dict]:
        """A library query's text and its parameters as (kind, value) pairs for the worker."""
        from rdflib import Literal as RdfLiteral

        query = queries.get(name)
        declared = {p.name: p for p in query.params}
        unknown = sorted(set(values) - set(declared))
        missing = [p for p in declared if p not in values]
        if unknown or missing:
            raise QueryError(
                f"{name}: parameters are {', '.join(declared) or 'none'}"
                + (f"; missing {', '.join(missing)}" if missing else "")
                + (f"; unknown {', '.join(unknown)}" if unknown else "")
            )
        bind = {}
        for key, value in values.items():
            param = declared[key]
            if param.type == "actor":
                entry = self.ontology.lookup(value) if self.ontology else None
                bind[key] = ("iri", str(entry.iri)) if entry else ("label", value)
            else:
                term = queries.term(param, value, None, self.ontology, query=name)
                if isinstance(term, RdfLiteral):
                    datatype = str(term.datatype) if term.datatype else ""
                    bind[key] = (datatype or "string", str(term))
                else:
                    bind[key] = ("iri", str(term))
        return query.text, bind


# ---------------------------------------------------------------------- HTTP


class Handler(BaseHTTPRequestHandler):
    endpoint: Endpoint
    server_version = "Entente"
    sys_version = ""

    def log_message(self, fmt: str, *args) -> None:
        log.info("%s %s", self.address_string(), fmt % args)

    # -- plumbing

    def _send(self, status: int, media: str, body: bytes) -> None:
        self.send_response(status)
        charset = "; charset=utf-8" if media.startswith("text/") or "json" in media else ""
        self.send_header("Content-Type", media + charset)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, "text/plain", (" ".join(message.split()) + "\n").encode("utf-8"))

    def _params(self) -> dict[str, list[str]]:
        return urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query, keep_blank_values=True)

    def _accept(self, params: dict[str, list[str]]) -> str:
        """``format=`` (or ``output=``) wins over the Accept header when it names a format."""
        for key in ("format", "output"):
            value = params.get(key, [""])[0].strip().lower()
            if value in FORMAT_NAMES:
                return FORMAT_NAMES[value]
            if value in RESULT_TYPES or value in GRAPH_TYPES:
                return value
        return self.headers.get("Accept", "")

    def _base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{self.headers.get('Host') or f'{host}:{port}'}"

    # -- methods

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if len(self.path) > self.endpoint.limits.max_url_bytes:
            return self._error(HTTPStatus.REQUEST_URI_TOO_LONG, "request URL too long")
        route = urllib.parse.urlsplit(self.path).path
        params = self._params()
        try:
            if route == "/":
                return self._send(200, "text/html", page())
            if route == "/library":
                listing = [
                    {
                        "name": q.name,
                        "description": q.description,
                        "params": [vars(p) for p in q.params],
                        "query": q.text,
                    }
                    for q in queries.library().values()
                ]
                return self._send(200, "application/json", json.dumps(listing, indent=1).encode())
            if route.startswith("/library/"):
                name = route.removeprefix("/library/")
                values = {k: v[0] for k, v in params.items() if k not in ("format", "output")}
                text, bind = self.endpoint.library_bindings(name, values)
                return self._query(text, params, bind=bind, name=name)
            if route == "/sparql":
                if "update" in params:
                    return self._error(HTTPStatus.FORBIDDEN, "updates are refused: read-only")
                if "query" not in params:
                    if "text/html" in self.headers.get("Accept", "") and "format" not in params:
                        return self._send(200, "text/html", page())
                    body = self.endpoint.describe(self._base() + "/sparql")
                    return self._send(200, "text/turtle", body)
                return self._query(params["query"][0], params)
            return self._error(HTTPStatus.NOT_FOUND, f"no such resource: {route}")
        except Refused as exc:
            return self._error(exc.status, str(exc))
        except EntenteError as exc:
            return self._error(HTTPStatus.BAD_REQUEST, str(exc))

    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET()

    def do_POST(self) -> None:  # noqa: N802
        route = urllib.parse.urlsplit(self.path).path
        if route != "/sparql":
            return self._error(HTTPStatus.NOT_FOUND, f"no such resource: {route}")
        length = self.headers.get("Content-Length")
        if length is None:
            return self._error(HTTPStatus.LENGTH_REQUIRED, "Content-Length required")
        try:
            size = int(length)
        except ValueError:
            return self._error(HTTPStatus.BAD_REQUEST, "bad Content-Length")
        if size > self.endpoint.limits.max_request_bytes:
            return self._error(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                f"request larger than {self.endpoint.limits.max_request_bytes} bytes",
            )
        body = self.rfile.read(size).decode("utf-8", errors="replace")
        media = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        params = self._params()
        try:
            if media == "application/sparql-update":
                return self._error(HTTPStatus.FORBIDDEN, "updates are refused: read-only")
            if media == "application/x-www-form-urlencoded":
                form = urllib.parse.parse_qs(body, keep_blank_values=True)
                if "update" in form:
                    return self._error(HTTPStatus.FORBIDDEN, "updates are refused: read-only")
                if "query" not in form:
                    return self._error(HTTPStatus.BAD_REQUEST, "no query= in the form")
                for key in ("default-graph-uri", "named-graph-uri"):
                    params.setdefault(key, []).extend(form.get(key, []))
                return self._query(form["query"][0], params)
            if media == "application/sparql-query":
                return self._query(body, params)
            return self._error(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                "POST application/sparql-query or application/x-www-form-urlencoded",
            )
        except Refused as exc:
            return self._error(exc.status, str(exc))
        except EntenteError as exc:
            return self._error(HTTPStatus.BAD_REQUEST, str(exc))

    def do_PUT(self) -> None:  # noqa: N802
        self._error(HTTPStatus.METHOD_NOT_ALLOWED, "read-only endpoint")

    do_DELETE = do_PATCH = do_PUT  # noqa: N815

    def _query(self, text: str, params: dict, *, bind: dict | None = None, name: str = "query"):
        status, media, body = self.endpoint.run(
            text,
            accept=self._accept(params),
            default=params.get("default-graph-uri", []),
            named=params.get("named-graph-uri", []),
            bind=bind,
            name=name,
        )
        self._send(status, media, body)


def page() -> bytes:
    """The query page: a form, the library, results as a table; no script from elsewhere."""
    from importlib.resources import files

    return files("kg").joinpath("templates/sparql.html").read_bytes()


def make_server(
    store: Path, host: str, port: int, *, limits: Limits, ontology
) -> ThreadingHTTPServer:
    endpoint = Endpoint(store, limits=limits, ontology=ontology)
    handler = type("BoundHandler", (Handler,), {"endpoint": endpoint})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server
