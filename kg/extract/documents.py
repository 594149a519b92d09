"""Running the pipeline over documents: each parsed whole, or in bounded pieces when long,
its candidates placed back in its own text as `Assertion`s, one failing document reported
and skipped while the others go on.

The output of extraction is a document's mentions and assertions; kg.triples turns them into
the document's graph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from kg.corpus import Document, chunk_spans
from kg.extract.candidates import Candidate
from kg.extract.details import Quantity, Source, resolve
from kg.extract.linker import Mention
from kg.extract.pipeline import HeadlineCase


@dataclass(frozen=True)
class Assertion:
    """A relation mention ready for the store: actors, relation, modality and provenance."""

    subject: Mention
    relation: str
    object: Mention
    modality: str
    rule: str  # the rule's name; written as its IRI, kgo:rule-<name> (ontology/rules.ttl)
    confidence: float
    char_start: int  # offsets of the evidence sentence in the original file text
    char_end: int
    evidence: str
    sentence_index: int
    quantity: Quantity | None = None
    date: str | None = None  # ISO date, month or year of the event
    date_qualifier: str = ""  # "since", "by", "until"
    source: Source | None = None  # who makes the claim


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
