"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint over the store, public and safe by default.

* Protocol: GET and POST (form-encoded or ``application/sparql-query``, UTF-8) on ``/sparql``
  (or ``/sparql/``), with ``default-graph-uri`` and ``named-graph-uri``; results negotiated by
  ``Accept`` (SPARQL JSON, XML, CSV, TSV; Turtle, N-Triples, JSON-LD, RDF/XML, N3 for
  CONSTRUCT and DESCRIBE), or by ``format=``. Without a query, ``/sparql`` describes the
  service (SPARQL 1.1 Service Description); ``/`` is a small query page that needs nothing from
  the internet; ``/library`` lists the saved queries and ``/library/NAME?param=value`` runs one
  with its parameters bound.
* Read-only: updates are refused with 403. SERVICE and FROM graphs outside the store are
  refused with 403 before any engine sees the query (`kg.guard`), and the query runs in a
  process that cannot open a network socket (`kg.sandbox`).
* Public, like Wikidata's and DBpedia's endpoints: any web page may query it (CORS for every
  origin, no credentials), but only by a name it serves: a request whose Host header is not on
  the allow-list (loopback names, the address listened on, ``--allow-host``) is refused, so a
  page that rebinds its own name to this machine (DNS rebinding) gets nothing.
* Each query runs in its own process on the store's latest snapshot, so a runaway query is
  killed at the time limit (503) while others go on, and queries keep being answered while
  `kg build` writes the store. Results above the size cap and oversized requests are refused.
* HTTP is waitress's (Content-Length, chunked bodies, size caps), with connections closed when
  idle or when a request takes too long to arrive. Binds to 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import codecs
import ipaddress
import json
import logging
import re
import socket
import threading
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path

from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header, parse_options_header
from werkzeug.wrappers import Request, Response

from kg import httpserver, queries, sandbox
from kg.errors import EntenteError, QueryError
from kg.guard import FederationRefused, UpdateRefused, check
from kg.sandbox import GRAPH_TYPES, RESULT_TYPES, Job
from kg.store import Store, latest_snapshot, snapshot_graphs

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
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
CORS = {"Access-Control-Allow-Origin": "*"}  # never with credentials: the data is public
PREFLIGHT = {
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type, Accept",
    "Access-Control-Max-Age": "86400",
}
QUERY_BODY = "application/sparql-query"
FORM_BODY = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class Limits:
    timeout: float = 10.0  # seconds a query may run
    max_result_bytes: int = 50_000_000
    max_request_bytes: int = 100_000
    max_url_bytes: int = 16_000
    workers: int = 4  # queries evaluated at once
    idle_timeout: int = 30  # seconds a connection may stay silent (waitress counts whole seconds)
    request_timeout: int = 30  # seconds a client has to send one whole request


class Refused(EntenteError):
    def __init__(self, status: HTTPStatus, message: str, *, headers: dict | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


# ---------------------------------------------------------------------- content negotiation


def _parse_accept(header: str) -> MIMEAccept:
    """The Accept header with media-type parameters other than q dropped: a client asking for
    "text/turtle; charset=utf-8" wants Turtle."""
    parsed = parse_accept_header(header, MIMEAccept)
    return MIMEAccept([(value.split(";", 1)[0].strip().lower(), q) for value, q in parsed])


def negotiate(accept: str, table: dict[str, str]) -> str | None:
    """The media type of ``table`` that ``accept`` prefers, or None when none is acceptable.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_TYPES)
    'application/sparql-results+xml'
    >>> negotiate("*/*", RESULT_TYPES)
    'application/sparql-results+json'
    >>> negotiate("text/turtle; charset=utf-8", GRAPH_TYPES)
    'text/turtle'
    """
    if not accept.strip():
        return next(iter(table))
    return _parse_accept(accept).best_match(list(table))


def _insists(accept: str, table: dict[str, str]) -> bool:
    """Whether the Accept header's first choices name a media type of ``table``."""
    parsed = list(_parse_accept(accept))
    top = max((q for _, q in parsed), default=0)
    return top > 0 and any(value in table for value, q in parsed if q == top)


def choose(accept: str, formats: list[str], table: dict[str, str]) -> str | None:
    """The media type of ``table`` to answer in, from the Accept header and ``format=`` values.

    ``format=`` is for clients that cannot set a header (a link, the address bar), so it wins
    over a browser's Accept, whose first choice is text/html. An Accept whose first choices name
    a type of ``table`` was set on purpose, and wins over a ``format=`` that a client library
    adds to every request (SPARQLWrapper sends format=xml unless told otherwise, so a client
    asking N-Triples by Accept used to get RDF/XML).

    >>> choose("application/n-triples", ["xml"], GRAPH_TYPES)
    'application/n-triples'
    >>> choose("text/html,application/xml;q=0.9,*/*;q=0.8", ["csv"], RESULT_TYPES)
    'text/csv'
    """
    if not _insists(accept, table):
        for value in formats:
            wanted = FORMAT_NAMES.get(value.strip().lower(), value)
            media = _parse_accept(wanted).best_match(list(table))
            if media:
                return media
    return negotiate(accept, table)


# ---------------------------------------------------------------------- the endpoint


class Endpoint:
    """Evaluates requests; one instance per server, shared by its handler threads."""

    def __init__(self, store: Path, *, limits: Limits = Limits(), ontology=None) -> None:
        self.store = Path(store)
        self.limits = limits
        if ontology is None:
            from kg.ontology import DEFAULT_DIR, load_ontology

            ontology = load_ontology(DEFAULT_DIR)
        self.ontology = ontology
        latest_snapshot(self.store)  # fail now, with a clear message, if there is no store
        self._slots = threading.BoundedSemaphore(limits.workers)

    def graphs(self, snapshot: Path | None = None) -> list[str]:
        """The named graphs of ``snapshot`` (default: the latest)."""
        return sorted(snapshot_graphs(snapshot or latest_snapshot(self.store)))

    def run(
        self,
        query: str,
        *,
        result_media: str | None,
        graph_media: str | None,
        default: list[str],
        named: list[str],
        base_iri: str | None = None,
        bind: dict | None = None,
        name: str = "query",
    ) -> tuple[int, str, bytes]:
        # the graphs are checked on the snapshot the query then runs on, even if a build
        # publishes another in between
        snapshot = latest_snapshot(self.store)
        known = set(self.graphs(snapshot))
        try:
            dataset = check(query, graphs=known, name=name, base=base_iri)
        except (UpdateRefused, FederationRefused) as exc:
            raise Refused(HTTPStatus.FORBIDDEN, str(exc)) from exc
        for iri in default + named:
            if iri not in known:
                raise Refused(HTTPStatus.FORBIDDEN, f"graph <{iri}> is not in this store")
        if not (default or named):  # the protocol's dataset replaces the query's as a whole
            default, named = list(dataset.default), list(dataset.named)
        job = Job(
            snapshot=str(snapshot),
            query=dataset.text,  # exactly the text the guard parsed
            result_media=result_media,
            graph_media=graph_media,
            base_iri=base_iri,
            default=tuple(default),
            named=tuple(named),
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
        """A library query's text and its parameters as (kind, value) pairs for the worker.

        Actors are resolved here, as `kg query --name` resolves them (the gazetteer, then the
        store's labels), so ``/library/suppliers?actor=Atlantis`` fails with the CLI's message.
        """
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
        with Store(self.store, read_only=True) as store:
            terms = {
                key: queries.term(declared[key], value, store, self.ontology, query=name)
                for key, value in values.items()
            }
        return query.text, sandbox.bind_terms(terms)


# ---------------------------------------------------------------------- hosts

_HOST = re.compile(
    r"(?:\[(?P<v6>[0-9A-Fa-f:.]+)\]|(?P<name>[A-Za-z0-9._-]+))(?::(?P<port>\d{1,5}))?"
)


def host_name(value: str) -> str | None:
    """The name or address in a Host header (or an --allow-host value), lower-cased, without
    port, brackets or a final dot; None when it is not one.

    >>> host_name("LocalHost:7878"), host_name("[::1]:80"), host_name("a.example@localhost")
    ('localhost', '::1', None)
    """
    match = _HOST.fullmatch(value.strip())
    if not match:
        return None
    name = (match["v6"] or match["name"]).lower().rstrip(".")
    try:
        return ipaddress.ip_address(name).compressed
    except ValueError:
        return None if match["v6"] else name or None


def allowed_hosts(listen: str, bound: str, extra: Iterable[str] = ()) -> frozenset[str]:
    """The Host names answered: loopback names, the interface listened on (by the name given
    and by its address; not a wildcard such as 0.0.0.0), and each of ``extra``."""
    names = set(LOOPBACK_HOSTS)
    for value in (listen, bound):
        name = host_name(value)
        if name and not _wildcard(name):
            names.add(name)
    for value in extra:
        name = host_name(value)
        if name is None:
            raise EntenteError(f"--allow-host takes a host name or address, not {value!r}")
        names.add(name)
    return frozenset(names)


def _wildcard(name: str) -> bool:
    try:
        return ipaddress.ip_address(name).is_unspecified
    except ValueError:
        return False


# ---------------------------------------------------------------------- HTTP: the application


def answer(status: int, media: str, body: bytes) -> Response:
    charset = "; charset=utf-8" if media.startswith("text/") or "json" in media else ""
    response = Response(body, status=int(status), content_type=media + charset)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def error(status: int, message: str) -> Response:
    return answer(status, "text/plain", (" ".join(message.split()) + "\n").encode("utf-8"))


def _params(raw: str, what: str) -> dict[str, list[str]]:
    try:
        return urllib.parse.parse_qs(
            raw, keep_blank_values=True, errors="strict", max_num_fields=1000
        )
    except UnicodeDecodeError:
        raise Refused(HTTPStatus.BAD_REQUEST, f"{what} is not UTF-8") from None
    except ValueError as exc:
        raise Refused(HTTPStatus.BAD_REQUEST, f"{what}: {exc}") from None


class App:
    """The WSGI application: checks the Host, routes, reads the protocol, adds CORS headers."""

    def __init__(self, endpoint: Endpoint, *, hosts: Iterable[str]) -> None:
        self.endpoint = endpoint
        self.hosts = frozenset(hosts)

    def __call__(self, environ, start_response):
        request = Request(environ)
        try:
            response = self.respond(request)
        except Refused as exc:
            response = error(exc.status, str(exc))
            response.headers.update(exc.headers)
        except EntenteError as exc:
            response = error(HTTPStatus.BAD_REQUEST, str(exc))
        except Exception as exc:  # noqa: BLE001 - the client gets one line, the log the cause
            log.error(
                "%s %s: %s: %s",
                request.method,
                request.path,
                type(exc).__name__,
                " ".join(str(exc).split()),
                exc_info=log.isEnabledFor(logging.DEBUG),
            )
            response = error(HTTPStatus.INTERNAL_SERVER_ERROR, "internal error; see the log")
        response.headers.update(CORS)
        return response(environ, start_response)

    def respond(self, request: Request) -> Response:
        self._check_host(request)
        target = request.environ.get("REQUEST_URI") or request.full_path
        if len(target) > self.endpoint.limits.max_url_bytes:
            raise Refused(HTTPStatus.REQUEST_URI_TOO_LONG, "request URL too long")
        route = request.path.rstrip("/") or "/"
        if route not in ("/", "/sparql", "/library") and not route.startswith("/library/"):
            raise Refused(HTTPStatus.NOT_FOUND, f"no such resource: {request.path}")
        methods = ("GET", "HEAD", "POST", "OPTIONS") if route == "/sparql" else ("GET", "HEAD")
        if request.method == "OPTIONS":
            return self._options(methods)
        if request.method not in methods:
            raise Refused(
                HTTPStatus.METHOD_NOT_ALLOWED,
                f"{request.method} is not allowed on {route} (a read-only endpoint)",
                headers={"Allow": ", ".join(methods)},
            )
        if route == "/sparql":
            return self.sparql(request)
        if route == "/":
            return answer(HTTPStatus.OK, "text/html", page())
        if route == "/library":
            return self.listing()
        return self.library(request, route.removeprefix("/library/"))

    def _check_host(self, request: Request) -> None:
        """Refuse a Host this server does not answer for: a page whose name was rebound to this
        machine's address (DNS rebinding) still sends its own name."""
        header = request.headers.get("Host", "")
        if not header:
            raise Refused(HTTPStatus.BAD_REQUEST, "a Host header is required")
        if host_name(header) not in self.hosts:
            raise Refused(
                HTTPStatus.FORBIDDEN,
                f"host {header!r} is not served here (kg serve --allow-host NAME serves a name)",
            )

    def _options(self, methods: tuple[str, ...]) -> Response:
        """A CORS preflight (or a plain OPTIONS): which methods and headers may be used."""
        response = Response(status=HTTPStatus.NO_CONTENT)
        del response.headers["Content-Type"]
        response.headers["Allow"] = ", ".join(dict.fromkeys((*methods, "OPTIONS")))
        response.headers.update(PREFLIGHT)
        return response

    # -- /sparql

    def sparql(self, request: Request) -> Response:
        url = _params(request.environ.get("QUERY_STRING", ""), "the URL's query string")
        form, text = self._body(request) if request.method == "POST" else ({}, None)
        if "update" in url or "update" in form:
            raise Refused(HTTPStatus.FORBIDDEN, "updates are refused: this endpoint is read-only")
        given = url.get("query", []) + form.get("query", []) + ([text] if text is not None else [])
        if len(given) > 1:
            raise Refused(
                HTTPStatus.BAD_REQUEST, f"{len(given)} queries in one request: send exactly one"
            )
        if not given:
            if request.method == "POST":
                raise Refused(HTTPStatus.BAD_REQUEST, f"no query: POST {QUERY_BODY} or a query=")
            return self._about(request, url)
        params = {k: url.get(k, []) + form.get(k, []) for k in {*url, *form}}
        return self.query(request, given[0], params)

    def _body(self, request: Request) -> tuple[dict[str, list[str]], str | None]:
        """A POST's form fields, or its query text (direct POST): UTF-8 only, as the protocol
        says; a body in another charset is refused rather than misread."""
        media, options = parse_options_header(request.headers.get("Content-Type", ""))
        media = media.lower()
        if media == "application/sparql-update":
            raise Refused(HTTPStatus.FORBIDDEN, "updates are refused: this endpoint is read-only")
        if not media:
            raise Refused(HTTPStatus.BAD_REQUEST, f"a POST needs Content-Type {QUERY_BODY}")
        if media not in (QUERY_BODY, FORM_BODY):
            raise Refused(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                f"cannot read a {media} body: POST {QUERY_BODY} or {FORM_BODY}",
            )
        charset = options.get("charset", "utf-8")
        try:
            utf8 = codecs.lookup(charset).name in ("utf-8", "ascii")
        except LookupError:
            utf8 = False
        if not utf8:
            raise Refused(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE, f"the body must be UTF-8, not {charset}"
            )
        body = request.get_data(cache=False)
        if len(body) > self.endpoint.limits.max_request_bytes:
            raise Refused(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                f"request larger than {self.endpoint.limits.max_request_bytes} bytes",
            )
        try:
            decoded = body.decode("utf-8")
        except UnicodeDecodeError:
            raise Refused(HTTPStatus.BAD_REQUEST, "the request body is not UTF-8") from None
        if media == FORM_BODY:
            return _params(decoded, "the form"), None
        return {}, decoded

    def _about(self, request: Request, url: dict[str, list[str]]) -> Response:
        """/sparql without a query: the query page for a browser, else the service description."""
        if "text/html" in request.headers.get("Accept", "") and "format" not in url:
            return answer(HTTPStatus.OK, "text/html", page())
        body = self.endpoint.describe(self._base(request) + "/sparql")
        return answer(HTTPStatus.OK, "text/turtle", body)

    def query(
        self, request: Request, text: str, params: dict, *, bind=None, name="query"
    ) -> Response:
        accept = request.headers.get("Accept", "")
        formats = params.get("format", []) + params.get("output", [])
        status, media, body = self.endpoint.run(
            text,
            result_media=choose(accept, formats, RESULT_TYPES),
            graph_media=choose(accept, formats, GRAPH_TYPES),
            default=params.get("default-graph-uri", []),
            named=params.get("named-graph-uri", []),
            base_iri=self._base(request) + "/sparql",  # CONSTRUCT { <s> <p> 1 } needs one
            bind=bind,
            name=name,
        )
        if status >= 400:  # the worker's message, on one line like every refusal
            response = error(status, body.decode("utf-8", errors="replace"))
        else:
            response = answer(status, media, body)
        response.headers["Vary"] = "Accept"
        return response

    def _base(self, request: Request) -> str:
        return f"{request.scheme}://{request.headers['Host']}"  # checked by _check_host

    # -- the library

    def listing(self) -> Response:
        listing = [
            {
                "name": q.name,
                "description": q.description,
                "params": [vars(p) for p in q.params],
                "query": q.text,
            }
            for q in queries.library().values()
        ]
        return answer(HTTPStatus.OK, "application/json", json.dumps(listing, indent=1).encode())

    def library(self, request: Request, name: str) -> Response:
        params = _params(request.environ.get("QUERY_STRING", ""), "the URL's query string")
        values = {}
        for key, given in params.items():
            if key in ("format", "output"):
                continue
            if len(given) > 1:
                raise Refused(HTTPStatus.BAD_REQUEST, f"{name}: give {key}= once")
            values[key] = given[0]
        text, bind = self.endpoint.library_bindings(name, values)
        return self.query(request, text, params, bind=bind, name=name)


def page() -> bytes:
    """The query page: a form, the library, results as a table; no script from elsewhere."""
    from importlib.resources import files

    return files("kg").joinpath("templates/sparql.html").read_bytes()


# ---------------------------------------------------------------------- the server


def make_server(
    store: Path,
    host: str,
    port: int,
    *,
    limits: Limits,
    ontology=None,
    allow_hosts: Iterable[str] = (),
) -> httpserver.Server:
    """The endpoint listening on ``host:port`` (port 0: any free one), its address in
    ``server.url``; ``server.run()`` serves until Ctrl-C. Raises OSError when it cannot listen."""
    endpoint = Endpoint(store, limits=limits, ontology=ontology)
    sock = httpserver.listen(host, port)
    bound, bound_port = sock.getsockname()[:2]
    app = App(endpoint, hosts=allowed_hosts(host, bound, allow_hosts))
    server = httpserver.Server.on(
        sock,
        app,
        threads=limits.workers + 4,  # so the page and OPTIONS still answer while queries run
        idle_timeout=limits.idle_timeout,
        request_timeout=limits.request_timeout,
        max_body=limits.max_request_bytes,
        max_header=limits.max_url_bytes + 16_384,
        error_headers=CORS,
    )
    shown = bound
    if _wildcard(bound):  # 0.0.0.0 is no address to visit (nor an allowed Host)
        shown = "::1" if sock.family == socket.AF_INET6 else "127.0.0.1"
    server.url = f"http://{f'[{shown}]' if ':' in shown else shown}:{bound_port}"
    return server
