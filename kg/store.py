"""The RDF store: an rdflib Dataset on a persistent Oxigraph store, one named graph per document.

Writes are atomic per document: a document's new graph is written to a staging graph and moved
over the old one by a single SPARQL update, which Oxigraph applies in one transaction, so a
failure at any point leaves the previous state of that document intact.

Layout of a store folder::

    store/db/                the Oxigraph database, opened by one writer at a time (`kg build`)
    store/snapshots/<n>/     read-only checkpoints, one made when a writer closes
    store/snapshots/CURRENT  the name of the latest complete snapshot
    store/snapshots/PENDING  present while the database holds changes no snapshot has

Readers (queries, analytics, the SPARQL endpoint) open the latest snapshot, never the live
database: Oxigraph leaves reading a database that another process writes undefined, and a
snapshot lets every read see one consistent state while a build runs. A checkpoint shares the
database's immutable files (hard links), so it costs little space or time.
"""

from __future__ import annotations

import errno
import gc
import json
import logging
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import OWL, XSD, Dataset, Graph, Literal, URIRef
from rdflib.query import Result

from kg.errors import QueryError, StoreError
from kg.ids import KGR, PREFIXES, graph_iri
from kg.text import escape_controls
from kg.vocab import KGO

log = logging.getLogger(__name__)

DB = "db"
SNAPSHOTS = "snapshots"
POINTER = "CURRENT"
PENDING = "PENDING"  # written before a writer's first change, removed once it is published

ONTOLOGY_GRAPH = KGR["graph/ontology"]
STAGING_PREFIX = str(KGR["graph/staging/"])
DOC_PREFIX = str(KGR["doc/"])

Quad = tuple[URIRef, URIRef, object, URIRef]

#: `kg export` formats written by Oxigraph (turtle merges every graph into one)
RDF_FORMATS = {
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "turtle": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
}
_XSD_STRING = ox.NamedNode(str(XSD.string))


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text or type(exc).__name__


class Store:
    """A persistent Entente store at ``path`` (created if missing).

    Use as a context manager; ``read_only=True`` opens an existing store without taking the
    writer's lock, for queries.
    """

    def __init__(self, path: Path | str, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.changed = False
        self.written = 0  # graphs this writer replaced or dropped, each in one transaction
        try:
            if read_only:
                self.snapshot = latest_snapshot(self.path)
                inner = ox.Store.read_only(str(self.snapshot))
            else:
                if self.path.exists() and not self.path.is_dir():
                    raise StoreError(f"cannot open store {self.path}: not a folder")
                (self.path / DB).mkdir(parents=True, exist_ok=True)
                inner = ox.Store(str(self.path / DB))
        except StoreError:
            raise
        except (OSError, ValueError) as exc:
            raise StoreError(f"cannot open store {self.path}: {_one_line(exc)}") from exc
        self._ox = inner
        self.dataset = Dataset(store=OxigraphStore(store=inner), default_union=True)
        for prefix, namespace in PREFIXES.items():
            self.dataset.bind(prefix, namespace)
        if not read_only:
            self._drop_staging()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        try:
            self.close()
        except StoreError as failure:
            if isinstance(exc, StoreError):  # a write failed, then the snapshot: say both
                raise StoreError(f"{exc}; then {failure}") from exc
            raise

    def close(self) -> None:
        """Release the store; a writer whose changes no snapshot has yet then publishes one for
        readers (which needs every query result it gave out to be finished)."""
        if self._ox is None:
            return
        folder = self.path / SNAPSHOTS
        publish = not self.read_only and (
            self.changed or (folder / PENDING).exists() or not (folder / POINTER).exists()
        )
        self.dataset.store._store = None
        self._ox = None
        if publish:
            self._publish()

    def _publish(self) -> None:
        """Checkpoint the closed database for readers.

        No manual flush is ever asked of RocksDB: with Oxigraph's settings
        (min_write_buffer_number_to_merge 2) a manual flush can wait forever
        (facebook/rocksdb#13280; seen at close after a 3-million-quad build). Instead the
        database is closed, its write-ahead log written to disk by reopening it, and the
        checkpoint taken while its memory tables are empty.
        """
        gc.collect()  # drop any last reference that would keep the database open
        folder = self.path / SNAPSHOTS
        name = None
        try:
            folder.mkdir(exist_ok=True)
            taken = sorted(p.name for p in folder.iterdir() if p.is_dir() and p.name.isdigit())
            name = f"{int(taken[-1]) + 1 if taken else 1:08d}"
            inner = _open_database(self.path / DB)
            inner.backup(str(folder / name))
            del inner
            pointer = folder / (POINTER + ".tmp")
            pointer.write_text(name + "\n", encoding="utf-8")
            pointer.replace(folder / POINTER)  # atomic: readers see the old or the new one
        except OSError as exc:
            if name is not None:  # a snapshot CURRENT does not name is of no use to anyone
                shutil.rmtree(folder / name, ignore_errors=True)
            raise StoreError(self._unpublished(exc)) from exc
        (folder / PENDING).unlink(missing_ok=True)
        for old in taken[:-1]:  # keep the previous one for readers that still have it open
            shutil.rmtree(folder / old, ignore_errors=True)

    def _unpublished(self, exc: OSError) -> str:
        """What a writer that could not publish says: why, what readers see, what the database
        keeps, and what to do. (It once said "the changes are kept" after a full disk when the
        failed write was the build's first: nothing had been kept.)"""
        current = _current(self.path / SNAPSHOTS)
        readers = f"readers still see snapshot {current}" if current else "readers see no store yet"
        if self.written:
            many = self.written != 1
            kept = (
                f"the {self.written} graph{'s' if many else ''} this writer wrote "
                f"{'are' if many else 'is'} kept in the database (each written whole)"
            )
        elif self.changed:
            kept = "nothing this writer wrote is in the database (its first write failed)"
        else:
            kept = "the changes of an earlier writer are kept in the database"
        if _disk_full(exc):
            cause = f"the disk is full ({_one_line(exc)})"
            todo = "free some space, then run `kg build` again" + (
                ": it publishes what is kept and redoes the rest" if self.written else ""
            )
        else:
            cause = _one_line(exc)
            todo = "the next writer to close publishes them (is a query result still being read?)"
        return f"cannot write a snapshot of {self.path}: {cause}; {readers}; {kept}; {todo}"

    # ------------------------------------------------------------------ writing

    def _change(self) -> None:
        """Note, before the first write, that readers' snapshot is about to fall behind: a
        writer that stops before publishing (killed, or unable to) leaves the mark, and the
        next writer to close publishes."""
        if not self.changed:
            folder = self.path / SNAPSHOTS
            try:
                folder.mkdir(exist_ok=True)
                (folder / PENDING).touch()
            except OSError as exc:
                raise StoreError(f"cannot write to store {self.path}: {_one_line(exc)}") from exc
            self.changed = True

    def replace_graph(self, graph: URIRef, quads: Iterable[tuple]) -> None:
        """Atomically make ``graph`` hold exactly ``quads`` (given as rdflib triples).

        A new graph is written in one transaction; an existing one is replaced through a staging
        graph moved over it, also one transaction. The move costs about three times the memory
        and time of the write (some 3.5 kB a quad at its peak), so a graph that does not exist
        yet, as every graph of a first build, is written in place.
        """
        self._change()
        target = ox.NamedNode(str(graph))
        staging = URIRef(STAGING_PREFIX + str(graph).rsplit("/", 1)[-1])
        ox_staging = ox.NamedNode(str(staging))
        fresh = not self._ox.contains_named_graph(target)
        into = target if fresh else ox_staging
        try:
            self._ox.clear_graph(ox_staging) if self._ox.contains_named_graph(ox_staging) else None
            self._ox.extend(ox.Quad(_ox(s), _ox(p), _ox(o), into) for s, p, o in quads)
            if not fresh:
                self._ox.update(f"MOVE SILENT GRAPH <{staging}> TO GRAPH <{graph}>")
        except OSError as exc:
            raise StoreError(f"cannot write graph {graph}: {_one_line(exc)}") from exc
        self.written += 1

    def drop_graph(self, graph: URIRef) -> None:
        self._change()
        try:
            self._ox.update(f"DROP SILENT GRAPH <{graph}>")
        except OSError as exc:
            raise StoreError(f"cannot drop graph {graph}: {_one_line(exc)}") from exc
        self.written += 1

    def _drop_staging(self) -> None:
        for name in list(self._ox.named_graphs()):
            if name.value.startswith(STAGING_PREFIX):
                log.warning("removing %s left by an interrupted build", name.value)
                self._ox.remove_graph(name)

    # ------------------------------------------------------------------ reading

    def query(self, sparql: str, *, bindings: dict | None = None, name: str = "query") -> Result:
        """Evaluate SPARQL with Oxigraph over the union of all graphs, Entente prefixes bound."""
        try:
            return self.dataset.query(sparql, initNs=PREFIXES, initBindings=bindings or {})
        except SyntaxError as exc:
            raise QueryError(f"{name}: malformed SPARQL: {_one_line(exc)}") from exc
        except (OSError, ValueError, NotImplementedError) as exc:
            raise QueryError(f"{name}: {_one_line(exc)}") from exc

    def evaluate(
        self,
        sparql: str,
        *,
        bindings: dict | None = None,
        name: str = "query",
        timeout: float | None = None,
    ) -> Result:
        """Evaluate SPARQL a user wrote, safely: `kg.guard` parses and checks it (no SERVICE,
        no FROM outside the store, no update), then `kg.sandbox` runs exactly the checked text
        on the latest snapshot, in a process that cannot open a network socket.

        `query` is for Entente's own query texts; anything a user typed goes through here.
        """
        from kg import sandbox
        from kg.guard import check

        # a reader already holds the snapshot the query runs on; a writer's database may be
        # ahead of every snapshot, so it reads the latest one
        if self.read_only:
            snapshot, graphs = self.snapshot, {g.value for g in self._ox.named_graphs()}
        else:
            snapshot = latest_snapshot(self.path)
            graphs = snapshot_graphs(snapshot)
        checked = check(sparql, graphs=graphs, name=name)
        job = sandbox.Job(
            snapshot=str(snapshot),
            query=checked.text,
            default=checked.default,
            named=checked.named,
            bind=sandbox.bind_terms(bindings or {}),
        )
        try:
            answer = sandbox.run(job, timeout=timeout)
        except sandbox.Timeout as exc:
            raise QueryError(f"{name}: {exc}") from None
        if answer.status != 200:
            raise QueryError(f"{name}: {' '.join(answer.text.split())}")
        return _result(answer)

    def documents(self) -> dict[str, dict[str, str]]:
        """doc id -> {"hash", "file", "title"} of every document in the store."""
        rows = self._ox.query(
            f"SELECT ?d ?h ?f ?t WHERE {{ GRAPH ?g {{ ?d a <{KGO.Document}> ; "
            f"<{KGO.contentHash}> ?h ; <{KGO.fileName}> ?f . "
            "OPTIONAL { ?d <http://purl.org/dc/terms/title> ?t } } }"
        )
        docs = {}
        for row in rows:
            doc_id = row["d"].value[len(DOC_PREFIX) :]
            docs[doc_id] = {
                "hash": row["h"].value,
                "file": row["f"].value,
                "title": row["t"].value if row["t"] is not None else "",
            }
        return dict(sorted(docs.items()))

    def graph_version(self, graph: URIRef) -> str | None:
        """The owl:versionInfo a graph records about itself (the ontology graph's fingerprint)."""
        rows = list(
            self._ox.query(
                f"SELECT ?v WHERE {{ GRAPH <{graph}> {{ <{graph}> <{OWL.versionInfo}> ?v }} }}"
            )
        )
        return rows[0]["v"].value if rows else None

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self._ox)

    def sorted_dataset(self) -> Dataset:
        """An in-memory copy, filled in sorted order so serialisations are deterministic."""
        copy = Dataset()
        for prefix, namespace in PREFIXES.items():
            copy.bind(prefix, namespace)
        for q in sorted(
            self._ox,
            key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)),
        ):
            copy.graph(_rdf(q.graph_name)).add((_rdf(q.subject), _rdf(q.predicate), _rdf(q.object)))
        return copy

    def export(self, fmt: str) -> str:
        """The store as TriG, N-Quads, Turtle (every graph merged into one) or JSON-LD: the same
        content always gives the same bytes, whatever the run or PYTHONHASHSEED.

        Oxigraph's serialisers write statements in the order given, so they are given sorted
        (rdflib's TriG and JSON-LD writers follow Python's hash order of graphs). Strings are
        plain literals, ``"Russia"``: ``"Russia"^^xsd:string`` is the same term in RDF 1.1, but
        rdflib 7 reads it as another one, and the README's ``?r rdfs:label 'Russia'`` found
        nothing in an export loaded into rdflib. Control characters are ``\\u`` escapes.
        """
        if fmt == "turtle":
            statements: list = sorted({q.triple for q in self._ox}, key=_sort_key)
        else:
            statements = sorted(self._ox, key=_sort_key)
        data = ox.serialize(statements, format=RDF_FORMATS[fmt], prefixes=PREFIXES).decode()
        if fmt == "jsonld":  # Oxigraph writes one line; indent it as the other formats are
            data = json.dumps(json.loads(data), indent=2, ensure_ascii=False) + "\n"
        return escape_controls(data)

    def union_graph(self) -> Graph:
        """All triples of all graphs merged into one in-memory graph (for SHACL, export)."""
        graph = Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        for q in self._ox:
            graph.add((_rdf(q.subject), _rdf(q.predicate), _rdf(q.object)))
        return graph

    def __len__(self) -> int:
        return len(self._ox)


def _open_database(path: Path) -> ox.Store:
    return ox.Store(str(path))


def _current(folder: Path) -> str | None:
    """The snapshot readers open (the name in CURRENT), or None before the first one."""
    try:
        return (folder / POINTER).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def _disk_full(exc: OSError) -> bool:
    """RocksDB's errors reach Python as OSError without an errno, so the text is read too."""
    return exc.errno in (errno.ENOSPC, errno.EDQUOT) or "No space left on device" in str(exc)


def latest_snapshot(path: Path) -> Path:
    """The folder of the latest complete snapshot of the store at ``path``."""
    pointer = path / SNAPSHOTS / POINTER
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        hint = "run `kg build` first" if not (path / DB).exists() else "run `kg build` again"
        raise StoreError(f"no Entente store at {path} ({hint})") from None
    except OSError as exc:
        raise StoreError(f"cannot open store {path}: {_one_line(exc)}") from exc
    snapshot = path / SNAPSHOTS / name
    if not name.isdigit() or not snapshot.is_dir():
        raise StoreError(f"store {path} is damaged: snapshot {name!r} is missing")
    return snapshot


def _result(answer) -> Result:
    """A sandbox's answer (SPARQL JSON results, or N-Triples) as an rdflib Result."""
    import io

    if answer.media == "application/n-triples":
        result = Result("CONSTRUCT")
        result.graph = Graph().parse(data=answer.text, format="nt")
        return result
    return Result.parse(io.BytesIO(answer.body), format="json")


def snapshot_graphs(snapshot: Path) -> set[str]:
    """The IRIs of the named graphs a snapshot holds (the graphs a query may name)."""
    return {g.value for g in ox.Store.read_only(str(snapshot)).named_graphs()}


def document_graph(doc_id: str) -> URIRef:
    return graph_iri(doc_id)


def _ox(term) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    return ox.BlankNode(str(term))


def _sort_key(statement: ox.Quad | ox.Triple) -> tuple[str, ...]:
    return tuple(str(term) for term in statement)


def _rdf(term):
    from oxrdflib._converter import from_ox

    if isinstance(term, ox.DefaultGraph):
        return URIRef("urn:x-rdflib:default")
    if isinstance(term, ox.Literal) and term.datatype == _XSD_STRING:
        return Literal(term.value)  # a plain literal, as rdflib parses "Russia" (see export)
    return from_ox(term)
