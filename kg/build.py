"""`kg build`: files -> documents -> spaCy -> assertions -> one named graph per document.

Incremental: a document whose content hash (file and metadata) is unchanged, under an unchanged
pipeline (ontology, model, Entente version), is skipped without parsing it.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import OWL, Literal
from spacy.language import Language

import kg
from kg.corpus import MAX_BYTES, Document, discover, doc_id, load_document
from kg.errors import InputError
from kg.extract.documents import Assertion, extract, failure_message
from kg.ids import graph_iri
from kg.ontology import Ontology, load_ontology
from kg.store import ONTOLOGY_GRAPH, Store
from kg.triples import document_triples

log = logging.getLogger(__name__)

Progress = Callable[[str], None]


@dataclass
class BuildReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # one-line messages naming the file
    words: int = 0
    assertions: int = 0
    seconds: float = 0.0

    @property
    def processed(self) -> int:
        return len(self.added) + len(self.updated)


def code_fingerprint() -> str:
    """Hash of the source of the stages that turn text into triples (so an upgraded or edited
    Entente re-extracts, not only a new version number): every module of the packages that
    read documents and extract from them, and the modules that make their triples."""
    package = Path(kg.__file__).parent
    digest = hashlib.sha256()
    for path in extraction_sources(package):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


#: Packages whose code decides what a document's graph holds, and the modules beside them that
#: turn their output into triples.
EXTRACTION_PACKAGES = ("corpus", "extract")
EXTRACTION_MODULES = ("build.py", "triples.py", "ids.py")


def extraction_sources(package: Path) -> list[Path]:
    """Every source file the graph of a document depends on, in a fixed order: code and the
    pattern files beside it (a module added to the packages is covered without being listed)."""
    found = [
        p
        for name in EXTRACTION_PACKAGES
        for p in (package / name).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    ]
    found += [package / name for name in EXTRACTION_MODULES]
    return sorted(found)


def pipeline_fingerprint(ontology: Ontology, nlp: Language) -> str:
    """Changes when anything that shapes extraction changes (Entente's extraction code, the
    model, the ontology): then every document is redone."""
    meta = nlp.meta
    model = f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"
    key = f"{kg.__version__}|{code_fingerprint()}|{model}|{ontology.content_hash}"
    return hashlib.sha256(key.encode()).hexdigest()


def sync_ontology(store: Store, ontology: Ontology, fingerprint: str) -> bool:
    """Load the ontology into its own graph when it (or the pipeline) changed.

    Returns True when it changed, so every document must be extracted again.
    """
    if store.graph_version(ONTOLOGY_GRAPH) == fingerprint:
        return False
    triples = list(ontology.graph) + [(ONTOLOGY_GRAPH, OWL.versionInfo, Literal(fingerprint))]
    store.replace_graph(ONTOLOGY_GRAPH, triples)
    return True


def build(
    paths: Sequence[Path | str],
    store: Store,
    nlp: Language,
    *,
    ontology: Ontology | None = None,
    prune: bool = False,
    progress: Callable[[int, int], None] | None = None,
    on_error: Callable[[str], None] | None = None,
    max_bytes: int = MAX_BYTES,
) -> BuildReport:
    """Ingest ``paths`` (files or folders) into ``store``.

    Unreadable files and folders (binary, not UTF-8, a FIFO or device named like a document, a
    symlink loop, a file over ``max_bytes``) and files whose extraction fails are reported
    (``on_error``, one line naming each), counted in ``failed`` and skipped; the others are
    ingested. A file whose extraction failed keeps the graph it had in the store, if any, and
    is tried again by the next build.
    ``progress(done, total)`` is called before the first and after each parsed document.
    """
    started = time.perf_counter()
    ontology = ontology or load_ontology()
    report = BuildReport()

    unlisted: list[str] = []  # folders that could not be read: what they hold is unknown
    unread: set[str] = set()  # ids of files found but not read: not "gone" for --prune

    def fail(message: str) -> None:
        report.failed.append(message)
        if on_error:
            on_error(message)

    def folder_failed(message: str) -> None:
        unlisted.append(message)
        fail(message)

    files = discover(paths, on_error=folder_failed)
    fingerprint = pipeline_fingerprint(ontology, nlp)
    redo_all = sync_ontology(store, ontology, fingerprint)
    stored = store.documents()

    todo: list[Document] = []
    seen: set[str] = set()
    for path in files:
        try:
            document = load_document(path, max_bytes=max_bytes)
        except InputError as exc:
            unread.add(doc_id(path))
            fail(str(exc))
            continue
        if document.id in seen:
            fail(f"{path}: skipped, another file already has document id {document.id!r}")
            continue
        seen.add(document.id)
        previous = stored.get(document.id)
        if previous and previous["hash"] == document.content_hash and not redo_all:
            report.unchanged.append(document.id)
        else:
            todo.append(document)

    def fail(document: Document, exc: Exception) -> None:
        log.debug("extraction of %s failed", document.path, exc_info=exc)
        message = failure_message(document, exc)
        report.failed.append(message)
        if on_error:
            on_error(message)

    def write(document: Document, mentions: list, assertions: list[Assertion]) -> None:
        try:
            triples = document_triples(document, mentions, assertions, ontology)
        except Exception as exc:  # a bug one document meets loses that one only
            fail(document, exc)
            return
        store.replace_graph(graph_iri(document.id), triples)
        (report.updated if document.id in stored else report.added).append(document.id)
        report.words += len(document.text.split())
        report.assertions += len(assertions)
        if progress:
            progress(report.processed, len(todo))

    if progress:
        progress(0, len(todo))
    extract(nlp, todo, on_document=write, on_failure=fail)

    if prune and unlisted:
        log.warning("not pruning: a folder could not be read, its documents may still exist")
    elif prune:
        for stored_id in stored:
            if stored_id not in seen and stored_id not in unread:
                store.drop_graph(graph_iri(stored_id))
                report.removed.append(stored_id)
    report.seconds = time.perf_counter() - started
    return report
