"""Run a SPARQL query in a process of its own that cannot reach the network.

This is the second wall behind `kg.guard`. The guard refuses queries whose parse names SERVICE
or a graph outside the store; this module runs what the guard passed in a child process that,
before it opens the store, asks the kernel (a seccomp filter, on Linux) to refuse it every
socket other than a local one. A query that somehow still reads as SERVICE to Oxigraph then
fails with "Operation not permitted" instead of connecting anywhere: a parser bug alone never
opens a connection.

The child also bounds the query: it is killed at the time limit, and its serialised result may
not grow past a size cap. Both `kg query` and `kg serve` evaluate users' SPARQL here.
"""

from __future__ import annotations

import errno
import io
import logging
import multiprocessing
import socket
import sys
import time
from dataclasses import dataclass, field

from kg.ids import PREFIXES

log = logging.getLogger(__name__)

#: media type -> pyoxigraph.QueryResultsFormat attribute, for SELECT and ASK
RESULT_TYPES = {
    "application/sparql-results+json": "JSON",
    "application/json": "JSON",
    "application/sparql-results+xml": "XML",
    "application/xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
#: media type -> pyoxigraph.RdfFormat attribute, for CONSTRUCT and DESCRIBE
GRAPH_TYPES = {
    "text/turtle": "TURTLE",
    "application/n-triples": "N_TRIPLES",
    "application/ld+json": "JSON_LD",
    "application/rdf+xml": "RDF_XML",
    "text/n3": "N3",
    "text/rdf+n3": "N3",
}


@dataclass(frozen=True)
class Job:
    """One query to evaluate on a read-only snapshot.

    ``query`` is the text the guard checked, as it checked it. ``bind`` maps a variable to
    ``(kind, value)``: kind ``iri``, a datatype IRI, or ``string``. ``result_media`` and
    ``graph_media`` are the media types to answer in for solutions and for graphs (None: no
    acceptable type, answered 406).
    """

    snapshot: str
    query: str
    result_media: str | None = "application/sparql-results+json"
    graph_media: str | None = "application/n-triples"
    base_iri: str | None = None
    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()
    bind: dict[str, tuple[str, str]] = field(default_factory=dict)
    max_bytes: int = 50_000_000


@dataclass(frozen=True)
class Answer:
    """What a job gave: an HTTP-like status, the media type of ``body``, and the body."""

    status: int
    media: str
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


def _failure(status: int, message: str) -> Answer:
    return Answer(status, "text/plain", message.encode("utf-8"))


def bind_terms(bindings: dict) -> dict[str, tuple[str, str]]:
    """rdflib terms (a library query's bound parameters) as the ``(kind, value)`` pairs a
    `Job` carries to the child."""
    from rdflib import Literal

    bind = {}
    for name, term in bindings.items():
        if isinstance(term, Literal):
            bind[str(name)] = (str(term.datatype) if term.datatype else "string", str(term))
        else:
            bind[str(name)] = ("iri", str(term))
    return bind


# ---------------------------------------------------------------------- the network wall


def raise_wall() -> bool:
    """Forbid this process, for the rest of its life, every socket but a local (AF_UNIX) one,
    and io_uring (which can open sockets without the socket call). Returns False where the
    kernel filter is not available (not Linux, or no libseccomp)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import pyseccomp as seccomp

        wall = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
        wall.add_rule(
            seccomp.ERRNO(errno.EPERM), "socket", seccomp.Arg(0, seccomp.NE, socket.AF_UNIX)
        )
        wall.add_rule(seccomp.ERRNO(errno.EPERM), "io_uring_setup")
        wall.load()
    except (ImportError, OSError, RuntimeError, ValueError) as exc:
        log.warning("no network wall around queries here: %s", exc)
        return False
    return True


# ---------------------------------------------------------------------- inside the child


class _Capped(io.RawIOBase):
    def __init__(self, limit: int) -> None:
        self.buffer = bytearray()
        self.limit = limit

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.buffer.extend(data)
        if len(self.buffer) > self.limit:
            raise OverflowError("result too large")
        return len(data)


def _substitutions(bind: dict[str, tuple[str, str]]) -> dict:
    import pyoxigraph as ox

    substitutions = {}
    for name, (kind, value) in bind.items():
        if kind == "iri":
            substitutions[ox.Variable(name)] = ox.NamedNode(value)
        else:
            datatype = ox.NamedNode(kind) if kind.startswith("http") else None
            substitutions[ox.Variable(name)] = ox.Literal(value, datatype=datatype)
    return substitutions


def evaluate(job: Job) -> Answer:
    """Run ``job`` in this process (the child calls this once its wall is up)."""
    import pyoxigraph as ox

    store = ox.Store.read_only(job.snapshot)
    options = {"prefixes": PREFIXES, "substitutions": _substitutions(job.bind) or None}
    if job.base_iri:
        options["base_iri"] = job.base_iri
    if job.default or job.named:  # named graphs alone leave the default graph empty
        options["default_graph"] = [ox.NamedNode(g) for g in job.default]
    else:
        options["use_default_graph_as_union"] = True
    if job.named:
        options["named_graphs"] = [ox.NamedNode(g) for g in job.named]
    try:
        result = store.query(job.query, **options)
    except SyntaxError as exc:
        return _failure(400, f"malformed SPARQL: {exc}")
    out = _Capped(job.max_bytes)
    graph = isinstance(result, ox.QueryTriples)
    media = job.graph_media if graph else job.result_media
    if media is None:
        return _failure(406, f"no acceptable {'graph' if graph else 'result'} format")
    try:
        if graph:
            result.serialize(out, format=getattr(ox.RdfFormat, GRAPH_TYPES[media]))
        else:
            result.serialize(out, format=getattr(ox.QueryResultsFormat, RESULT_TYPES[media]))
    except OverflowError:
        return _failure(
            413, f"the result is larger than {job.max_bytes} bytes: add LIMIT or narrow it"
        )
    except PermissionError as exc:
        return _failure(403, f"the query tried to reach the network, which is refused: {exc}")
    except (OSError, ValueError) as exc:
        return _failure(500, f"evaluation failed: {exc}")
    return Answer(200, media, bytes(out.buffer))


def _child(job: Job, conn, require_wall: bool) -> None:
    try:
        if not raise_wall() and require_wall:
            conn.send(_failure(500, "the network wall could not be raised: query not run"))
            return
        conn.send(evaluate(job))
    except Exception as exc:  # noqa: BLE001 - reported to the parent as one line
        conn.send(_failure(500, f"{type(exc).__name__}: {' '.join(str(exc).split())}"))
    finally:
        conn.close()


# ---------------------------------------------------------------------- in the parent


class Timeout(Exception):
    """The query ran past its time limit and was killed."""


_CONTEXT = multiprocessing.get_context("forkserver" if sys.platform != "win32" else "spawn")


def run(job: Job, *, timeout: float | None = None, require_wall: bool = False) -> Answer:
    """Evaluate ``job`` in a walled child process; kill it after ``timeout`` seconds.

    ``require_wall``: refuse to run where the network wall cannot be raised (the default runs
    with the guard's check alone there, and logs a warning).

    Raises `Timeout` when the time limit is reached.
    """
    receive, send = _CONTEXT.Pipe(duplex=False)
    worker = _CONTEXT.Process(target=_child, args=(job, send, require_wall), daemon=True)
    started = time.monotonic()
    worker.start()
    send.close()
    try:
        if not receive.poll(timeout):
            worker.kill()
            raise Timeout(f"query stopped after {timeout:g} s (the time limit)")
        answer = receive.recv()
    except EOFError:
        answer = _failure(500, "the query worker died")
    finally:
        receive.close()
        worker.join(5)
        if worker.is_alive():
            worker.kill()
            worker.join(5)
    log.info("query answered %s in %.3f s", answer.status, time.monotonic() - started)
    return answer
