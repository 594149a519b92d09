"""`kg build`: files -> documents -> spaCy -> assertions -> one named graph per document.

Incremental: a document whose content hash (file and metadata) is unchanged, under an unchanged
pipeline (ontology, model, Entente version), is skipped without parsing it.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import OWL, Literal
from spacy.language import Language
from spacy.tokens import Doc

import kg
from kg.corpus import MAX_BYTES, Document, chunk_spans, discover, doc_id, load_document
from kg.errors import InputError
from kg.extract.candidates import Candidate
from kg.extract.details import resolve
from kg.extract.pipeline import HeadlineCase
from kg.ids import graph_iri
from kg.ontology import Ontology, load_ontology
from kg.store import ONTOLOGY_GRAPH, Store
from kg.triples import Assertion, document_triples

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


def _compatible(a: Candidate, b: Candidate) -> bool:
    """Two readings of one claim: no detail that both give differs."""
    return all(
        x is None or y is None or x == y
        for x, y in (
            (a.quantity, b.quantity),
            (a.source and a.source.label, b.source and b.source.label),
        )
    )


def best_per_sentence(candidates: Sequence[Candidate]) -> list[Candidate]:
    """One candidate per claim of a (sentence, subject, relation, object): two rules finding
    the same relation in one sentence are one mention, kept with its most confident reading
    and the details (quantity, date, source) any reading gives; two claims with different
    numbers or sources ("the USA confirmed 3,000 ... South Korea suspects 10,000 more") stay
    two."""
    groups: dict[tuple, list[list[Candidate]]] = {}
    ranked = sorted(candidates, key=lambda c: -c.confidence)  # stable: ties keep text order
    for c in ranked:
        key = (c.sentence_index, c.subject.actor, c.relation, c.object.actor)
        clusters = groups.setdefault(key, [])
        home = next((k for k in clusters if all(_compatible(c, m) for m in k)), None)
        if home is None:
            clusters.append([c])
        else:
            home.append(c)
    best = []
    for clusters in groups.values():
        for members in clusters:
            first = members[0]
            best.append(
                replace(
                    first,
                    quantity=next((m.quantity for m in members if m.quantity), None),
                    when=next((m.when for m in members if m.when), None),
                    source=next((m.source for m in members if m.source), None),
                )
            )
    return sorted(
        best,
        key=lambda c: (c.sent_start, c.trigger, c.relation, c.subject.actor, c.object.actor),
    )


def to_assertions(
    document: Document, candidates: Sequence[Candidate], offset: int = 0, sentence_offset: int = 0
) -> list[Assertion]:
    out = []
    for c in best_per_sentence(candidates):
        start, end = c.sent_start + offset, c.sent_end + offset
        # trim whitespace so the evidence is the sentence itself
        sentence = document.text[start:end]
        start += len(sentence) - len(sentence.lstrip())
        end -= len(sentence) - len(sentence.rstrip())
        o_start, o_end = document.original_span(start, end)
        out.append(
            Assertion(
                c.subject,
                c.relation,
                c.object,
                c.modality,
                c.rule,
                c.confidence,
                o_start,
                o_end,
                document.text[start:end],
                c.sentence_index + sentence_offset,
                quantity=c.quantity,
                date=resolve(c.when, document.meta.date) if c.when else None,
                date_qualifier=c.when.qualifier if c.when else "",
                source=c.source,
            )
        )
    return out


#: Longest piece of a document parsed as one spaCy Doc. Every article in corpus/ and tests/ is
#: far shorter (the longest has 14 kB), so an article is parsed whole and its rules see all of
#: it (full names before surnames, abbreviations, earlier claims); a longer document is cut at
#: paragraph ends, else sentence ends, else spaces, and costs the same per piece however long
#: it is (one Doc of a million characters took gigabytes).
CHUNK_CHARS = 100_000

Handler = Callable[[Document, list, list], None]


def _pieces(
    document: Document, max_length: int, prepare: HeadlineCase
) -> Iterator[tuple[str, int]]:
    """(text, char offset) of the pieces of ``document`` to parse: the whole text, or chunks.

    The text parsed is the document's with title-case headings in sentence case (same length,
    so offsets hold); evidence is always cut from the document's own text."""
    text = prepare(document.text, document.headings)
    if len(text) <= max_length:
        yield text, 0
        return
    for start, end in chunk_spans(text, max_length):
        yield text[start:end], start


def _groups(
    documents: Sequence[Document], max_length: int, batch_size: int
) -> Iterator[list[Document]]:
    """Documents parsed in one nlp.pipe stream: up to ``batch_size`` short ones together (so a
    corpus is batched as before), a document cut into pieces alone."""
    group: list[Document] = []
    for document in documents:
        if len(document.text) > max_length:
            if group:
                yield group
                group = []
            yield [document]
            continue
        group.append(document)
        if len(group) == batch_size:
            yield group
            group = []
    if group:
        yield group


def _parse(
    nlp: Language, documents: list[Document], max_length: int, batch_size: int
) -> Iterator[tuple[Document, list, list[Assertion]]]:
    """(document, mentions, assertions) of each of ``documents``, in order, as soon as all its
    pieces are parsed."""
    prepare = HeadlineCase(nlp)
    pieces = (
        (text, (i, offset))
        for i, document in enumerate(documents)
        for text, offset in _pieces(document, max_length, prepare)
    )
    if len(documents) == 1 and len(documents[0].text) > max_length:
        # a long document's pieces one at a time: parsing a full piece peaks at some hundreds
        # of megabytes, and a batch of them at that many times more
        batch_size = 1
    current: int | None = None
    mentions: list = []
    assertions: list[Assertion] = []
    sentences = 0
    for doc, (index, offset) in nlp.pipe(pieces, as_tuples=True, batch_size=batch_size):
        if current is not None and index != current:
            yield documents[current], mentions, assertions
            mentions, assertions, sentences = [], [], 0
        current = index
        mentions.extend(doc._.mentions or [])
        assertions.extend(to_assertions(documents[index], doc._.relations or [], offset, sentences))
        sentences += _count_sentences(doc)
    if current is not None:
        yield documents[current], mentions, assertions


def extract(
    nlp: Language,
    documents: Sequence[Document],
    *,
    batch_size: int = 16,
    on_document: Handler,
    on_failure: Callable[[Document, Exception], None] | None = None,
) -> None:
    """Run the pipeline over ``documents`` and call ``on_document(document, mentions,
    assertions)`` once for each, in order, as soon as all its chunks are parsed.

    A document whose extraction raises (inside spaCy or a rule, MemoryError included) goes to
    ``on_failure(document, exception)`` (raised if there is none) and the others go on: short
    documents are parsed in batches, and when a batch fails, those of its documents not yet
    handed over are parsed again one by one, so only the one that fails alone is lost.
    """
    max_length = min(CHUNK_CHARS, nlp.max_length)
    for group in _groups(documents, max_length, batch_size):
        results = _parse(nlp, group, max_length, batch_size)
        done = 0
        while True:
            try:
                document, mentions, assertions = next(results)
            except StopIteration:
                break
            except Exception as exc:  # whatever a rule or the model raises
                left = group[done:]
                if len(group) == 1:
                    if on_failure is None:
                        raise
                    on_failure(group[0], exc)
                else:
                    for document in left:
                        extract(
                            nlp,
                            [document],
                            batch_size=1,
                            on_document=on_document,
                            on_failure=on_failure,
                        )
                break
            done += 1
            on_document(document, mentions, assertions)


def _count_sentences(doc: Doc) -> int:
    return sum(1 for _ in doc.sents)


def failure_message(document: Document, exc: BaseException) -> str:
    """One line naming the file whose extraction failed, and why."""
    reason = " ".join(str(exc).split())[:200] or "no message"
    return f"{document.path}: extraction failed ({type(exc).__name__}: {reason}); skipped"


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
