"""The build: incremental, atomic per document, prune, SHACL-valid, deterministic."""

from __future__ import annotations

import shutil

import pytest
from pyshacl import validate

import kg.build
from kg.build import build
from kg.errors import StoreError
from kg.ontology import load_ontology, load_shapes
from kg.store import Store

from .conftest import CORPUS

IRAN = "Iran supplies Russia with drones. Belarus supports Russia.\n"


@pytest.fixture
def folder(tmp_path):
    src = tmp_path / "docs"
    src.mkdir()
    (src / "a.txt").write_text(IRAN, encoding="utf-8")
    (src / "b.txt").write_text("Poland supports Ukraine.\n", encoding="utf-8")
    return src


def count(store: Store, sparql: str) -> int:
    return int(next(iter(store.query(sparql)))[0])


ASSERTIONS = "SELECT (COUNT(?a) AS ?n) WHERE { ?a a kgo:Assertion }"


def test_unchanged_files_do_no_work(tmp_path, folder, pipeline):
    with Store(tmp_path / "s") as st:
        first = build([folder], st, pipeline)
        second = build([folder], st, pipeline)
    assert sorted(first.added) == ["a", "b"]
    assert second.processed == 0 and sorted(second.unchanged) == ["a", "b"]


def test_changed_file_replaces_its_graph(tmp_path, folder, pipeline):
    with Store(tmp_path / "s") as st:
        build([folder], st, pipeline)
        (folder / "a.txt").write_text("Iran attacks Israel.\n", encoding="utf-8")
        report = build([folder], st, pipeline)
        assert report.updated == ["a"]
        assert (
            count(
                st,
                "ASK { kgr:actor\\/iran kgo:supplies kgr:actor\\/russia }".replace(
                    "ASK", "SELECT (COUNT(*) AS ?n) WHERE"
                ),
            )
            == 0
        )
        assert bool(st.query("ASK { kgr:actor\\/iran kgo:attacks kgr:actor\\/israel }").askAnswer)


def test_prune_drops_removed_files(tmp_path, folder, pipeline):
    with Store(tmp_path / "s") as st:
        build([folder], st, pipeline)
        (folder / "b.txt").unlink()
        kept = build([folder], st, pipeline)
        assert kept.removed == [] and "b" in st.documents()
        pruned = build([folder], st, pipeline, prune=True)
        assert pruned.removed == ["b"] and list(st.documents()) == ["a"]


def test_failure_mid_build_keeps_previous_state(tmp_path, folder, pipeline, monkeypatch):
    """A document whose triples cannot be made is reported and keeps its previous graph; a
    store that cannot be written stops the build, and the graph is not half-written either."""
    with Store(tmp_path / "s") as st:
        build([folder], st, pipeline)
        before = count(st, ASSERTIONS)
        (folder / "a.txt").write_text(
            "Iran attacks Israel. Egypt supports Jordan.\n", encoding="utf-8"
        )
        real = kg.build.document_triples

        def failing(document, *args):
            triples = real(document, *args)
            if document.id == "a":
                raise RuntimeError("simulated crash while making triples")
            return triples

        monkeypatch.setattr(kg.build, "document_triples", failing)
        report = build([folder], st, pipeline)
        assert report.added == report.updated == [] and len(report.failed) == 1
        assert "a.txt" in report.failed[0] and "simulated crash" in report.failed[0]
        assert count(st, ASSERTIONS) == before
        assert bool(st.query("ASK { kgr:actor\\/iran kgo:supplies kgr:actor\\/russia }").askAnswer)

        monkeypatch.setattr(kg.build, "document_triples", real)
        writes = st.replace_graph

        def broken_disk(graph, quads):
            writes(graph, (q for n, q in enumerate(quads) if n < 3 or _raise()))

        def _raise():
            raise OSError("simulated disk failure")

        monkeypatch.setattr(st, "replace_graph", broken_disk)
        with pytest.raises(StoreError):
            build([folder], st, pipeline)
        monkeypatch.undo()
        assert count(st, ASSERTIONS) == before
        assert bool(st.query("ASK { kgr:actor\\/iran kgo:supplies kgr:actor\\/russia }").askAnswer)


def test_bad_files_are_reported_and_the_rest_ingested(tmp_path, folder, pipeline):
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (folder / "latin1.txt").write_bytes("Caf\xe9 au lait.".encode("latin-1"))
    (folder / "empty.txt").write_text("")
    errors = []
    with Store(tmp_path / "s") as st:
        report = build([folder], st, pipeline, on_error=errors.append)
    assert sorted(report.added) == ["a", "b"]
    assert len(report.failed) == 3 and all("\n" not in e for e in errors)
    assert {
        name for name in ("binary.txt", "latin1.txt", "empty.txt") if any(name in e for e in errors)
    } == {"binary.txt", "latin1.txt", "empty.txt"}


def test_hostile_text_is_stored_as_data(tmp_path, pipeline):
    src = tmp_path / "d"
    src.mkdir()
    (src / "x.txt").write_text('Iran supplies Russia <script>alert("x")</script> with drones.\n')
    with Store(tmp_path / "s") as st:
        build([src], st, pipeline)
        evidence = [str(r[0]) for r in st.query("SELECT ?e WHERE { ?a kgo:evidence ?e }")]
    assert any("<script>" in e for e in evidence)


def test_shacl_validates_the_built_corpus(corpus_store):
    ontology = load_ontology()
    with Store(corpus_store, read_only=True) as st:
        data = st.union_graph()
    conforms, _, text = validate(
        data,
        shacl_graph=load_shapes(),
        ont_graph=ontology.graph,
        inference="rdfs",
        allow_warnings=True,
    )
    assert conforms, text[:3000]


def test_acceptance_query_and_provenance(corpus_store):
    with Store(corpus_store, read_only=True) as st:
        rows = {
            str(r[0])
            for r in st.query("SELECT ?x WHERE { ?x kgo:supplies ?r . ?r rdfs:label 'Russia' }")
        }
        assert "https://w3id.org/entente/id/actor/dprk" in rows
        detail = list(
            st.query("""
            SELECT ?e ?s ?t ?d ?m WHERE {
              ?a rdf:subject kgr:actor\\/dprk ; rdf:predicate kgo:supplies ;
                 rdf:object kgr:actor\\/russia ; kgo:evidence ?e ; kgo:charStart ?s ;
                 kgo:charEnd ?t ; prov:wasDerivedFrom ?d ; kgo:modality ?m . }""")
        )
    assert detail
    for evidence, start, end, doc, modality in detail:
        original = (CORPUS / (str(doc).rsplit("/", 1)[-1] + ".txt")).read_text(encoding="utf-8")
        span = " ".join(original[int(start) : int(end)].replace("\u2019", "'").split())
        assert span.replace("''", "'") == " ".join(str(evidence).split())
        assert str(modality).rsplit("#", 1)[-1] in (
            "Asserted",
            "Reported",
            "Speculative",
            "Negated",
        )


def test_same_corpus_same_graph(tmp_path, pipeline):
    dumps = []
    for name in ("one", "two"):
        copy = tmp_path / name / "corpus"
        shutil.copytree(CORPUS, copy)
        with Store(tmp_path / name / "s") as st:
            build([copy], st, pipeline)
            dumps.append(st.sorted_dataset().serialize(format="nquads"))
    assert sorted(dumps[0].splitlines()) == sorted(dumps[1].splitlines())


def test_document_longer_than_max_length_is_built_in_chunks(tmp_path, pipeline, monkeypatch):
    filler = "Observers met again in a quiet room and talked for hours. " * 6
    paragraphs = [filler + "Iran supplies Russia with drones."] * 3 + [
        filler + "Poland supports Ukraine."
    ]
    text = "\n\n".join(paragraphs) + "\n"
    src = tmp_path / "long"
    src.mkdir()
    (src / "long.txt").write_text(text, encoding="utf-8")
    monkeypatch.setattr(pipeline, "max_length", len(text) // 3)
    with Store(tmp_path / "s") as st:
        report = build([src], st, pipeline)
        rows = list(
            st.query(
                "SELECT ?p ?s ?e ?i WHERE { ?a rdf:predicate ?p ; kgo:charStart ?s ; "
                "kgo:charEnd ?e ; kgo:sentenceIndex ?i } ORDER BY ?s"
            )
        )
    assert report.failed == [] and report.added == ["long"]
    assert len(rows) == 4  # one per paragraph, across every chunk
    for _p, start, end, _i in rows:
        assert text[int(start) : int(end)].endswith(("drones.", "Ukraine."))
    assert len({int(r[3]) for r in rows}) == 4  # sentence numbers run on across chunks
