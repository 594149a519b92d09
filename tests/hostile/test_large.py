"""Hostile input: no document takes a build down.

A long document is parsed in bounded pieces with bounded sentences (so time and memory grow
linearly with its size: bench/large.py prints the figures), and a document whose extraction
raises is reported on one line naming its file while every other document is still ingested.
"""

from __future__ import annotations

import itertools

import pytest
import spacy

import kg.extract.documents
import kg.extract.pipeline
from kg.build import build
from kg.corpus import chunk_spans, load_document
from kg.extract import details, extractor
from kg.store import Store

from ..conftest import CORPUS

ACTORS = ("Iran", "Russia", "China", "Belarus", "Poland", "Ukraine")
GOOD = "Iran supplies Russia with drones. Belarus supports Russia.\n"
MARKER = "Zanzibar"  # a word that makes the patched rule raise


def unpunctuated(chars: int) -> str:
    """One line of clauses with relations and no sentence end at all."""
    pairs = itertools.cycle(itertools.permutations(ACTORS, 2))
    clauses = (f"{a} supplies {b} with drones while observers talk for hours" for a, b in pairs)
    text = ""
    while len(text) < chars:
        text += next(clauses) + " "
    return text[:chars].rstrip()


def sentences(chars: int) -> str:
    """One line of short sentences, no newline."""
    pairs = itertools.cycle(itertools.permutations(ACTORS, 2))
    text = ""
    while len(text) < chars:
        a, b = next(pairs)
        text += f"{a} supplies {b} with drones. Observers met and talked for hours. "
    return text[:chars].rstrip()


# ---------------------------------------------------------------------- pieces


@pytest.mark.parametrize(
    "text",
    [
        "\n\n".join([sentences(700)] * 12),
        sentences(9_000),
        unpunctuated(9_000),
        "x" * 2_500,  # one word longer than a piece
        "",
    ],
    ids=["paragraphs", "one-line", "no-sentence-end", "no-space", "empty"],
)
def test_chunks_cover_the_text_and_are_bounded(text):
    spans = chunk_spans(text, 1_000)
    assert "".join(text[a:b] for a, b in spans) == text
    assert all(0 < b - a <= 1_000 for a, b in spans)
    assert all(b == c for (_, b), (c, _) in itertools.pairwise(spans))
    if " " in text:  # a cut falls after white space whenever the text has some
        assert all(text[b - 1].isspace() for _, b in spans[:-1])


def test_chunks_are_cut_at_paragraphs_then_sentences_then_spaces():
    text = "One two three.\n\nFour five. Six seven eight nine ten eleven twelve"
    pieces = [text[a:b] for a, b in chunk_spans(text, 30)]
    assert pieces == [
        "One two three.\n\n",
        "Four five. ",
        "Six seven eight nine ten ",
        "eleven twelve",
    ]


# ---------------------------------------------------------------------- sentences


def test_sentence_bound_leaves_ordinary_text_alone():
    doc = spacy.blank("en")(sentences(2_000))
    kg.extract.pipeline.bound_sentences(doc)
    assert [t.i for t in doc if t.is_sent_start] == [0]


@pytest.mark.parametrize("make", [unpunctuated, sentences])
def test_sentence_bound_cuts_long_stretches(make):
    doc = spacy.blank("en")(make(20_000))
    kg.extract.pipeline.bound_sentences(doc, max_chars=1_000)
    starts = [t for t in doc if t.is_sent_start]
    ends = [*(t.idx for t in starts[1:]), len(doc.text)]
    assert all(end - start.idx <= 1_000 for start, end in zip(starts, ends, strict=True))
    assert all(doc[t.i - 1].whitespace_ for t in starts[1:])  # cut at spaces
    if make is sentences:  # and after a full stop where there is one
        assert all(doc[t.i - 1].text == "." for t in starts[1:])


def test_no_sentence_of_the_pipeline_exceeds_the_bound(pipeline):
    """A line with no sentence end was one sentence (20,000 characters here, a megabyte in the
    review), and every rule walked it once per trigger."""
    doc = pipeline(unpunctuated(20_000))
    assert max(len(s.text) for s in doc.sents) <= kg.extract.pipeline.MAX_SENTENCE_CHARS
    assert len(doc._.relations) > 100  # and the relations are still found


def test_entities_are_the_span_ents(pipeline):
    document = load_document(sorted(CORPUS.glob("*.txt"))[0])
    doc = pipeline(document.text)
    for sent in doc.sents:
        expected = [(e.start, e.end, e.label_, e.ent_id_) for e in sent.ents]
        assert [(e.start, e.end, e.label_, e.ent_id_) for e in details.entities(sent)] == expected
    assert any(details.entities(s) for s in doc.sents)


# ---------------------------------------------------------------------- whole builds


def test_a_long_single_line_is_built_in_bounded_pieces(tmp_path, pipeline, monkeypatch):
    text = sentences(40_000)
    src = tmp_path / "docs"
    src.mkdir()
    (src / "line.txt").write_text(text, encoding="utf-8")
    monkeypatch.setattr(kg.extract.documents, "CHUNK_CHARS", 8_000)
    parsed = []
    real = kg.extract.documents._pieces

    def pieces(*args):
        for piece, offset in real(*args):
            parsed.append(len(piece))
            yield piece, offset

    monkeypatch.setattr(kg.extract.documents, "_pieces", pieces)
    with Store(tmp_path / "s") as st:
        report = build([src], st, pipeline)
        rows = list(st.query("SELECT ?s ?e ?i WHERE { ?a kgo:charStart ?s ; kgo:charEnd ?e ; "
                             "kgo:sentenceIndex ?i }"))  # fmt: skip
    assert report.failed == [] and report.added == ["line"]
    assert len(parsed) >= 5 and max(parsed) <= 8_000
    assert len(rows) > 100 and all(text[int(s) : int(e)].endswith(".") for s, e, _ in rows)
    assert len({int(i) for _, _, i in rows}) == len({(int(s), int(e)) for s, e, _ in rows})


@pytest.fixture
def raising(monkeypatch):
    """Make the relation rules raise ``exc`` in any sentence holding the marker word."""

    def patch(exc: type[BaseException]) -> None:
        real = extractor.sentence

        def sentence(args, sent, index, speculative):
            if MARKER in sent.text:
                raise exc("rule blew up")
            return real(args, sent, index, speculative)

        monkeypatch.setattr(extractor, "sentence", sentence)

    return patch


@pytest.mark.parametrize("exc", [RuntimeError, MemoryError])
@pytest.mark.parametrize("others", [1, 5])
def test_a_failing_document_is_reported_and_the_others_ingested(
    tmp_path, pipeline, raising, exc, others
):
    src = tmp_path / "docs"
    src.mkdir()
    names = [f"doc{i}" for i in range(others)]
    for name in names:
        (src / f"{name}.txt").write_text(GOOD, encoding="utf-8")
    (src / "bad.txt").write_text(f"Poland supports {MARKER}. Iran attacks Israel.\n")
    raising(exc)
    errors: list[str] = []
    with Store(tmp_path / "s") as st:
        report = build([src], st, pipeline, on_error=errors.append)
        stored = set(st.documents())
        supplies = st.query("ASK { kgr:actor\\/iran kgo:supplies kgr:actor\\/russia }").askAnswer
        attacks = st.query("ASK { kgr:actor\\/iran kgo:attacks kgr:actor\\/israel }").askAnswer
    assert sorted(report.added) == names and stored == set(names)
    assert supplies and not attacks
    assert report.failed == errors and len(errors) == 1
    assert "bad.txt" in errors[0] and exc.__name__ in errors[0] and "\n" not in errors[0]


def test_a_long_document_failing_late_is_not_half_written(tmp_path, pipeline, raising, monkeypatch):
    src = tmp_path / "docs"
    src.mkdir()
    paragraphs = [sentences(3_000)] * 4 + [f"Poland supports {MARKER}."]
    (src / "long.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    (src / "good.txt").write_text(GOOD, encoding="utf-8")
    monkeypatch.setattr(kg.extract.documents, "CHUNK_CHARS", 4_000)
    raising(RuntimeError)
    with Store(tmp_path / "s") as st:
        report = build([src], st, pipeline)
        assert list(st.documents()) == ["good"]
        assert len(list(st.query("SELECT ?a WHERE { ?a a kgo:Assertion }"))) == 2
    assert report.added == ["good"] and len(report.failed) == 1 and "long.txt" in report.failed[0]


def test_a_failed_document_keeps_its_graph_and_is_tried_again(
    tmp_path, pipeline, raising, monkeypatch
):
    src = tmp_path / "docs"
    src.mkdir()
    (src / "a.txt").write_text(GOOD, encoding="utf-8")
    with Store(tmp_path / "s") as st:
        build([src], st, pipeline)
        (src / "a.txt").write_text(f"Iran attacks {MARKER}. Poland supports Ukraine.\n")
        raising(ValueError)
        failed = build([src], st, pipeline)
        kept = st.query("ASK { kgr:actor\\/iran kgo:supplies kgr:actor\\/russia }").askAnswer
        monkeypatch.undo()
        again = build([src], st, pipeline)
        new = st.query("ASK { kgr:actor\\/poland kgo:supports kgr:actor\\/ukraine }").askAnswer
    assert len(failed.failed) == 1 and failed.updated == [] and kept
    assert again.updated == ["a"] and new
