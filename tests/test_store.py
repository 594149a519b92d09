"""The persistent store: atomic per-graph replacement, persistence, clear open errors."""

from __future__ import annotations

import gc

import pytest
from rdflib import Literal, URIRef

from kg.errors import QueryError, StoreError
from kg.store import STAGING_PREFIX, Store

G = URIRef("https://w3id.org/entente/id/graph/doc1")
S = URIRef("https://w3id.org/entente/id/actor/a")
P = URIRef("https://w3id.org/entente/ontology#supports")


def triples(n: int):
    return [(S, P, URIRef(f"https://w3id.org/entente/id/actor/b{i}")) for i in range(n)]


def test_replace_persists_across_reopen(tmp_path):
    with Store(tmp_path / "s") as st:
        st.replace_graph(G, triples(3))
    with Store(tmp_path / "s", read_only=True) as st:
        assert len(st) == 3
        rows = list(st.query("SELECT ?o WHERE { kgr:actor\\/a kgo:supports ?o }"))
        assert len(rows) == 3


def test_replace_replaces_whole_graph(tmp_path):
    with Store(tmp_path / "s") as st:
        st.replace_graph(G, triples(3))
        st.replace_graph(G, triples(1))
        assert len(st) == 1


def test_failure_while_writing_keeps_previous_graph(tmp_path):
    def exploding():
        yield from triples(2)
        raise RuntimeError("disk on fire")

    with Store(tmp_path / "s") as st:
        st.replace_graph(G, triples(3))
        with pytest.raises(RuntimeError):
            st.replace_graph(G, exploding())
        assert len(list(st.query(f"SELECT * WHERE {{ GRAPH <{G}> {{ ?s ?p ?o }} }}"))) == 3
    with Store(tmp_path / "s") as st:  # reopening clears what the failed write staged
        names = [str(r[0]) for r in st.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")]
        assert names == [str(G)]
        assert not any(n.startswith(STAGING_PREFIX) for n in names)


def test_literals_round_trip(tmp_path):
    with Store(tmp_path / "s") as st:
        st.replace_graph(G, [(S, P, Literal(42)), (S, P, Literal("x <script>"))])
        values = sorted(str(r[0]) for r in st.query("SELECT ?o WHERE { ?s ?p ?o }"))
        assert values == ["42", "x <script>"]


def test_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no Entente store"):
        Store(tmp_path / "nowhere", read_only=True)


def test_store_path_that_is_a_file(tmp_path):
    bad = tmp_path / "file"
    bad.write_text("not a store")
    with pytest.raises(StoreError, match="cannot open store"):
        Store(bad)


def test_malformed_sparql_names_the_query(tmp_path):
    with Store(tmp_path / "s") as st, pytest.raises(QueryError, match="my-query: malformed SPARQL"):
        st.query("SELEKT ?x WHERE {", name="my-query")


def test_readers_see_the_last_published_snapshot_while_a_writer_works(tmp_path):
    path = tmp_path / "s"
    with Store(path) as st:
        st.replace_graph(G, [(S, P, Literal("first"))])
    writer = Store(path)  # a build in progress: holds the database, has not published yet
    writer.replace_graph(G, [(S, P, Literal("second"))])
    with Store(path, read_only=True) as reader:
        assert [str(q.object.value) for q in reader.quads()] == ["first"]
    writer.close()
    with Store(path, read_only=True) as reader:
        assert [str(q.object.value) for q in reader.quads()] == ["second"]
    snapshots = sorted(p.name for p in (path / "snapshots").iterdir() if p.is_dir())
    assert len(snapshots) == 2  # the latest and the one before, for readers still on it


def objects(path) -> list[str]:
    with Store(path, read_only=True) as reader:
        return [str(q.object.value) for q in reader.quads()]


def test_changes_a_writer_could_not_publish_are_published_by_the_next(tmp_path):
    path = tmp_path / "s"
    with Store(path) as st:
        st.replace_graph(G, [(S, P, Literal("first"))])
    writer = Store(path)
    writer.replace_graph(G, [(S, P, Literal("second"))])
    unread = iter(writer.query("SELECT * WHERE { ?s ?p ?o }"))  # keeps the database open
    with pytest.raises(StoreError) as excinfo:
        writer.close()
    assert "cannot write a snapshot" in str(excinfo.value)
    assert "the 1 graph this writer wrote is kept in the database" in str(excinfo.value)
    assert "the next writer to close publishes them" in str(excinfo.value)
    assert objects(path) == ["first"]
    del unread, excinfo
    gc.collect()  # as when the process ends
    with Store(path):  # changes nothing itself
        pass
    assert objects(path) == ["second"]
    assert not (path / "snapshots" / "PENDING").exists()


def test_a_writer_stopped_before_closing_is_published_by_the_next(tmp_path):
    path = tmp_path / "s"
    with Store(path) as st:
        st.replace_graph(G, [(S, P, Literal("first"))])
    writer = Store(path)
    writer.replace_graph(G, [(S, P, Literal("second"))])
    writer.dataset.store._store = writer._ox = None  # as if killed: released, never closed
    assert objects(path) == ["first"]
    with Store(path):
        pass
    assert objects(path) == ["second"]
