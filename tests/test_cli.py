"""The `kg` command line: outputs in every format, and every error as one line + exit code."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import Dataset, Graph

from kg.cli import main

ACCEPTANCE = "SELECT ?x WHERE { ?x kgo:supplies ?r . ?r rdfs:label 'Russia' }"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_query_acceptance_table(capsys, corpus_store):
    code, out, _ = run(capsys, "query", "--store", str(corpus_store), ACCEPTANCE)
    assert code == 0 and "kgr:actor/dprk" in out


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json"])
def test_query_formats(capsys, corpus_store, fmt):
    code, out, _ = run(capsys, "query", "--store", str(corpus_store), "--format", fmt, ACCEPTANCE)
    assert code == 0
    if fmt == "json":
        values = [b["x"]["value"] for b in json.loads(out)["results"]["bindings"]]
    else:
        rows = list(csv.reader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
        assert rows[0] == ["x"]
        values = [r[0] for r in rows[1:]]
    assert "https://w3id.org/entente/id/actor/dprk" in values


def test_query_from_file_ask_and_construct(capsys, corpus_store, tmp_path):
    rq = tmp_path / "q.rq"
    rq.write_text("ASK { kgr:actor\\/dprk kgo:supplies kgr:actor\\/russia }")
    code, out, _ = run(capsys, "query", "--store", str(corpus_store), "-f", str(rq))
    assert (code, out.strip()) == (0, "true")
    code, out, _ = run(
        capsys,
        "query",
        "--store",
        str(corpus_store),
        "CONSTRUCT { ?s kgo:supplies ?o } WHERE { ?s kgo:supplies ?o }",
    )
    assert code == 0 and len(Graph().parse(data=out, format="turtle")) > 0


@pytest.mark.parametrize(
    "fmt,parser",
    [("trig", "trig"), ("nquads", "nquads"), ("turtle", "turtle"), ("jsonld", "json-ld")],
)
def test_export_formats_parse_back(capsys, corpus_store, tmp_path, fmt, parser):
    out_file = tmp_path / f"graph.{fmt}"
    code, _, _ = run(
        capsys, "export", "--store", str(corpus_store), "--format", fmt, "-o", str(out_file)
    )
    assert code == 0
    data = Dataset() if fmt != "turtle" else Graph()
    data.parse(out_file, format=parser)
    assert len(list(data.quads() if fmt != "turtle" else data)) > 100


def test_stats(capsys, corpus_store):
    code, out, _ = run(capsys, "stats", "--store", str(corpus_store))
    assert code == 0 and "documents: 5" in out and "supplies" in out


def test_eval_prints_scores(capsys, corpus_store, tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "001_96b1db248eec24eb.tsv").write_text(
        "subject\trelation\tobject\tmodality\tevidence\n"
        "DPRK\tsupplies\tRussia\tAsserted\tx\n"
        "Pyongyang\tattacks\tFrance\tAsserted\ty\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "eval", "--store", str(corpus_store), str(gold))
    assert code == 0 and "overall" in out
    code, out, _ = run(capsys, "eval", "--json", "--store", str(corpus_store), str(gold))
    doc = json.loads(out)["documents"]["001_96b1db248eec24eb"]
    assert doc["tp"] == 1 and doc["fn"] == 1


def test_eval_by_construction_and_family(capsys, corpus_store, tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "001_96b1db248eec24eb.tsv").write_text(
        "subject\trelation\tobject\tmodality\tevidence\tconstruction\n"
        "DPRK\tsupplies\tRussia\tAsserted\tx\tnoun\n"
        "Pyongyang\tattacks\tFrance\tAsserted\ty\tworld-knowledge,coreference\n",
        encoding="utf-8",
    )
    argv = ("eval", "--store", str(corpus_store), str(gold), "--by", "construction")
    code, out, _ = run(capsys, *argv, "--by", "family", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["by_construction"]["noun"] == {"gold": 1, "found": 1, "recall": 1.0}
    assert data["by_construction"]["coreference"] == {"gold": 1, "found": 0, "recall": 0.0}
    assert data["by_construction"]["untagged"]["gold"] == 0
    families = data["by_family"]
    assert list(families) == ["modifier", "noun", "role", "verb", "pass"]
    assert set(families["noun"]) == {"rules", "produced", "found", "precision", "recall"}
    assert sum(f["found"] for f in families.values()) >= data["overall"]["tp"] == 1
    code, out, _ = run(capsys, *argv)
    assert code == 0 and "recall by construction" in out and "by rule family" not in out
    lines = out.splitlines()
    assert lines[lines.index("construction        gold  found       R") + 2].split() == [
        "noun", "1", "1", "1.000"
    ]  # fmt: skip
    # DPRK supplies Russia is noun; Pyongyang attacks France both world-knowledge and coreference
    assert "its rows: 3 counts for the 2 gold triples, 1 for the 1 found" in out


def test_eval_unknown_breakdown_is_one_line(capsys, corpus_store, tmp_path):
    code, out, err = run(capsys, "eval", "--store", str(corpus_store), str(tmp_path), "--by", "x")
    assert code == 2 and out == ""
    assert "unknown breakdown 'x' (choose from construction, family)" in one_line_error(err)


# ---------------------------------------------------------------- errors


def test_missing_path(capsys, tmp_path):
    code, _, err = run(capsys, "build", str(tmp_path / "nope"), "--store", str(tmp_path / "s"))
    assert code != 0 and "nope" in one_line_error(err)


def test_bad_file_is_skipped_and_named(capsys, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text("Iran supplies Russia with drones.\n")
    (docs / "bad.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe")
    code, out, err = run(capsys, "build", str(docs), "--store", str(tmp_path / "s"))
    assert code == 0 and "1 added" in out
    assert "bad.txt" in one_line_error(err)


def test_only_bad_files_is_an_error(capsys, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "bad.txt").write_bytes("d\xe9j\xe0 vu".encode("latin-1"))
    code, _, err = run(capsys, "build", str(docs), "--store", str(tmp_path / "s"))
    assert code != 0 and "bad.txt" in one_line_error(err)


def test_malformed_sparql(capsys, corpus_store):
    code, _, err = run(capsys, "query", "--store", str(corpus_store), "SELECT ?x WHERE { ?x")
    assert code == 5 and "malformed SPARQL" in one_line_error(err)


def test_malformed_sparql_file_is_named(capsys, corpus_store, tmp_path):
    rq = tmp_path / "broken.rq"
    rq.write_text("SELEKT nothing")
    code, _, err = run(capsys, "query", "--store", str(corpus_store), "-f", str(rq))
    assert code == 5 and "broken.rq" in one_line_error(err)


@pytest.mark.parametrize("make", ["missing", "file"])
def test_store_that_cannot_be_opened(capsys, tmp_path, make):
    path = tmp_path / "store"
    if make == "file":
        path.write_text("not a store")
    code, _, err = run(capsys, "query", "--store", str(path), "ASK {}")
    assert code == 4 and str(path) in one_line_error(err)


def test_unknown_format(capsys, corpus_store):
    code, _, err = run(capsys, "export", "--store", str(corpus_store), "--format", "xml")
    assert code != 0 and "xml" in one_line_error(err)


def test_library_from_the_command_line(capsys, corpus_store):
    code, out, _ = run(capsys, "query", "--list")
    assert code == 0 and "suppliers  --param actor=<actor>" in out
    code, out, _ = run(
        capsys,
        "query",
        "--store",
        str(corpus_store),
        "--name",
        "suppliers",
        "--param",
        "actor=Moscow",
        "--format",
        "json",
    )
    rows = json.loads(out)["results"]["bindings"]
    assert code == 0 and {r["supplierLabel"]["value"] for r in rows} == {"North Korea"}


@pytest.mark.parametrize(
    "argv,message",
    [
        (("--name", "nonesuch"), "no library query named 'nonesuch'"),
        (("--name", "suppliers", "--param", "actor"), "is not NAME=VALUE"),
        (("SELECT * WHERE { ?s ?p ?o }", "--param", "a=b"), "--param goes with --name"),
        (("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }",), "SERVICE is refused"),
    ],
)
def test_library_and_guard_errors_are_one_line(capsys, corpus_store, argv, message):
    code, _, err = run(capsys, "query", "--store", str(corpus_store), *argv)
    assert code != 0 and message in one_line_error(err)
