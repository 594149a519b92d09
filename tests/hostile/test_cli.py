"""The command line under bad paths, bad options, hostile names and a full disk.

Every error is one line naming what is wrong, never ``internal error``; control characters from
file names and documents never reach a terminal raw; exports are the same bytes in every run
and read the same in rdflib and Oxigraph.
"""

from __future__ import annotations

import errno
import gc
import json
import logging
import os
import pty
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Literal, URIRef

import kg.store
from kg.cli import main
from kg.errors import StoreError
from kg.ids import PREFIXES
from kg.store import Store

from ..conftest import ROOT

ESC = "\x1b"
README_QUERY = "SELECT DISTINCT ?x WHERE { ?x kgo:supplies ?r . ?r rdfs:label 'Russia' }"
DPRK = "https://w3id.org/entente/id/actor/dprk"
RAW_CONTROLS = [chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(code: int, err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert code not in (0, 70) and "internal error" not in err and "Traceback" not in err
    return lines[0]


def no_raw_controls(text: str) -> None:
    assert not any(c in text for c in RAW_CONTROLS), repr(text)


# ---------------------------------------------------------------- 8: one line, not internal error


def test_export_into_a_missing_folder(capsys, corpus_store, tmp_path):
    target = tmp_path / "nonexistent" / "dir" / "x.nq"
    code, _, err = run(capsys, "export", "--store", str(corpus_store), "-o", str(target))
    assert str(target) in one_line_error(code, err) and code == 7
    assert not target.parent.exists()  # nothing created on the way


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("fmt", ["nquads", "edges"])
def test_export_to_a_full_disk(capsys, corpus_store, fmt):
    code, _, err = run(capsys, "export", "--store", str(corpus_store), "-f", fmt, "-o", "/dev/full")
    assert "/dev/full: No space left on device" in one_line_error(code, err)


def test_a_failed_export_leaves_the_previous_file(capsys, corpus_store, tmp_path, monkeypatch):
    target = tmp_path / "graph.nq"
    target.write_text("previous\n")

    def full(fd, *args, **kwargs):
        os.close(fd)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", full)
    code, _, err = run(capsys, "export", "--store", str(corpus_store), "-o", str(target))
    assert "No space left on device" in one_line_error(code, err)
    assert target.read_text() == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.nq"]  # no temporary left


@pytest.mark.parametrize(
    "argv,message",
    [
        (("nosuchcommand",), "No such command 'nosuchcommand' (see `kg --help`)"),
        (("stats", "--bogus"), "No such option: --bogus (see `kg stats --help`)"),
        (("view", "--depth", "x"), "Invalid value for '--depth'"),
        (("centrality", "--top", "-1"), "Invalid value for '--top'"),
        (("centrality", "--since", "notadate"), "--since 'notadate' is not a date"),
        (("blocs", "--until", "2024-13"), "--until '2024-13' is not a date"),
        (("report", "--since", "2024-02-30"), "--since '2024-02-30' is not a date"),
        (("view", "--until", "24"), "--until '24' is not a date"),
        (("align", "DPRK", "--since", "2025", "--until", "2024-06"), "--since 2025 is after"),
        (("eval", "/nonexistent/gold"), "gold folder not found: /nonexistent/gold"),
        (("build", "--max-size", "0"), "--max-size must be a positive number"),
    ],
)
def test_bad_options_are_one_line(capsys, corpus_store, argv, message):
    store = ["--store", str(corpus_store)] if argv[0] != "nosuchcommand" else []
    code, _, err = run(capsys, *argv, *store)
    assert message in one_line_error(code, err)


@pytest.mark.parametrize("since", ["2024", "2024-10", "2024-10-23"])
def test_iso_prefixes_are_accepted(capsys, corpus_store, since):
    code, out, _ = run(capsys, "centrality", "--store", str(corpus_store), "--since", since)
    assert code == 0 and "rank" in out


@pytest.mark.parametrize("command", ["report", "view", "export"])
@pytest.mark.parametrize("where", ["missing-folder", "a-folder"])
def test_output_paths_are_one_line(capsys, corpus_store, tmp_path, command, where):
    name = "graph.nq" if command == "export" else "out.html"
    target = tmp_path / "missing" / name if where == "missing-folder" else tmp_path / name
    if where == "a-folder":
        target.mkdir()
    code, _, err = run(capsys, command, "--store", str(corpus_store), "-o", str(target))
    line = one_line_error(code, err)
    assert str(target) in line and ("no folder" in line or "is a folder" in line)


def test_bad_log_level_is_one_line(capsys, monkeypatch):
    monkeypatch.setenv("ENTENTE_LOG", "loud")
    code, _, err = run(capsys, "stats")
    assert "ENTENTE_LOG=LOUD: not a logging level" in one_line_error(code, err)


def test_a_query_file_that_is_a_fifo_or_too_large_is_one_line(capsys, corpus_store, tmp_path):
    """`kg query -f` reads like `kg build`: a FIFO is never opened for reading (it would wait
    for a writer for ever), a huge file is refused by its size."""
    fifo = tmp_path / "q.rq"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "query", "--store", str(corpus_store), "-f", str(fifo))
    assert "a FIFO (named pipe), not a regular file" in one_line_error(code, err)
    big = tmp_path / "big.rq"
    big.write_text("SELECT * {}" + " " * 2_000_000, encoding="utf-8")
    code, _, err = run(capsys, "query", "--store", str(corpus_store), "-f", str(big))
    assert "limit for a query" in one_line_error(code, err)
    latin = tmp_path / "latin.rq"
    latin.write_bytes(b"SELECT ('caf\xe9' AS ?x) {}")
    code, _, err = run(capsys, "query", "--store", str(corpus_store), "-f", str(latin))
    assert "not UTF-8" in one_line_error(code, err)


def test_a_fifo_among_gold_files_or_ontology_files_is_one_line(capsys, corpus_store, tmp_path):
    """What `kg eval` and `--ontology` read goes through the same reader as documents."""
    gold = tmp_path / "gold"
    gold.mkdir()
    os.mkfifo(gold / "doc.tsv")
    code, _, err = run(capsys, "eval", str(gold), "--store", str(corpus_store))
    assert "doc.tsv: cannot read file: a FIFO" in one_line_error(code, err)
    ontology = tmp_path / "ontology"
    ontology.mkdir()
    os.mkfifo(ontology / "relations.ttl")
    code, _, err = run(
        capsys, "eval", str(gold), "--store", str(corpus_store), "--ontology", str(ontology)
    )
    assert "relations.ttl: cannot read file: a FIFO" in one_line_error(code, err)


# ---------------------------------------------------------------- 8: the full disk


class FullDisk:
    """The store's Oxigraph database, on a disk that fills up after ``room`` graph writes."""

    def __init__(self, inner: ox.Store, room: int) -> None:
        self.inner, self.room = inner, room

    def extend(self, quads) -> None:
        if self.room == 0:
            raise OSError("IO error: No space left on device: While appending to file: 000008.log")
        self.room -= 1
        self.inner.extend(quads)

    def __getattr__(self, name: str):
        return getattr(self.inner, name)


def no_room_to_publish(path: Path):
    raise OSError("IO error: No space left on device: While appending to file: 000013.sst")


G = [URIRef(f"https://w3id.org/entente/id/graph/d{i}") for i in range(3)]
P = URIRef("https://w3id.org/entente/ontology#note")


def triples(i: int):
    return [(URIRef(f"https://w3id.org/entente/id/actor/a{i}"), P, Literal(f"note {i}"))]


@pytest.mark.parametrize("room", [2, 0], ids=["after-two-graphs", "on-the-first-write"])
def test_full_disk_message_says_what_is_kept_and_it_is_true(tmp_path, monkeypatch, room):
    path = tmp_path / "s"
    writer = Store(path)
    writer._ox = FullDisk(writer._ox, room)
    monkeypatch.setattr(kg.store, "_open_database", no_room_to_publish)
    with pytest.raises(StoreError) as info, writer:
        for i, graph in enumerate(G):
            writer.replace_graph(graph, triples(i))
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"cannot write graph {G[room]}: IO error: No space left")
    assert f"then cannot write a snapshot of {path}: the disk is full" in message
    assert "readers see no store yet" in message
    if room:
        assert "the 2 graphs this writer wrote are kept in the database" in message
        assert "it publishes what is kept and redoes the rest" in message
    else:
        assert "nothing this writer wrote is in the database" in message
    assert message.endswith(
        "free some space, then run `kg build` again"
        + (": it publishes what is kept and redoes the rest" if room else "")
    )
    del info, writer
    gc.collect()  # as when the process ends: the traceback held the database open
    monkeypatch.undo()  # space is freed
    with Store(path):  # the next `kg build`, with nothing new to write
        pass
    with Store(path, read_only=True) as reader:
        kept = sorted(str(g) for g in {q.graph_name.value for q in reader.quads()})
    assert kept == [str(g) for g in G[:room]]  # exactly what the message said


# ---------------------------------------------------------------- 7: control characters


@pytest.fixture(scope="module")
def evil_store(tmp_path_factory, pipeline):
    """A store of one document whose file name and title carry ESC, BEL and CSI (U+009B)."""
    from kg.build import build

    src = tmp_path_factory.mktemp("evil")
    (src / "evil\x1b[31mname.txt").write_text("Iran supplies Russia with drones.\n")
    (src / "evil\x1b[31mname.meta.toml").write_text(
        'title = "Evil \\u001b]0;pwned\\u0007 title \\u009b"\n'
    )
    path = src / "store"
    with Store(path) as st:
        report = build([src], st, pipeline)
    assert len(report.added) == 1 and report.failed == []
    return path


TITLES = "SELECT DISTINCT ?t ?f WHERE { ?d dcterms:title ?t ; kgo:fileName ?f }"


def test_table_output_shows_control_characters(capsys, evil_store):
    code, out, _ = run(capsys, "query", "--store", str(evil_store), TITLES)
    assert code == 0
    no_raw_controls(out.replace("\n", ""))
    assert "Evil \\x1b]0;pwned\\x07 title \\x9b" in out and "evil\\x1b[31mname.txt" in out


def test_claims_table_shows_control_characters(capsys, evil_store):
    code, out, _ = run(capsys, "claims", "--store", str(evil_store))
    assert code == 0 and "[Evil \\x1b]0;pwned\\x07 title \\x9b]" in out
    no_raw_controls(out.replace("\n", ""))


def test_json_escapes_and_keeps_the_data(capsys, evil_store):
    code, out, _ = run(capsys, "query", "--store", str(evil_store), "--format", "json", TITLES)
    assert code == 0
    no_raw_controls(out.replace("\n", ""))
    row = json.loads(out)["results"]["bindings"][0]
    assert row["t"]["value"] == "Evil \x1b]0;pwned\x07 title \x9b"


def test_csv_into_a_file_or_pipe_is_exact(capsys, evil_store):
    code, out, _ = run(capsys, "query", "--store", str(evil_store), "--format", "csv", TITLES)
    assert code == 0 and "Evil \x1b]0;pwned\x07 title \x9b" in out  # data, unchanged


def on_a_terminal(*argv: str) -> bytes:
    """What `kg ARGV` writes to stdout when stdout is a terminal (a pseudo-terminal)."""
    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", *argv], stdout=follower, stderr=subprocess.PIPE, env=env
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    child.wait()
    os.close(leader)
    assert child.returncode == 0, child.stderr.read()
    return b"".join(chunks)


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_csv_on_a_terminal_is_shown_escaped(evil_store, fmt):
    shown = on_a_terminal("query", "--store", str(evil_store), "--format", fmt, TITLES)
    no_raw_controls(shown.decode().replace("\r\n", ""))
    assert b"Evil \\x1b]0;pwned\\x07 title \\x9b" in shown


def test_error_lines_show_control_characters(capsys, tmp_path, pipeline, monkeypatch):
    monkeypatch.setattr("kg.extract.pipeline.build_pipeline", lambda **_: pipeline)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text("Iran supplies Russia with drones.\n")
    (docs / "bad\x1b]0;pwned\x07.txt").write_bytes(b"\x00binary")
    (docs / "loop\x9b.txt").symlink_to(docs / "loop\x9b.txt")
    code, out, err = run(capsys, "build", str(docs), "--store", str(tmp_path / "s"))
    assert code == 0 and "1 added" in out and "2 failed" in out
    no_raw_controls(err.replace("\n", ""))
    lines = err.splitlines()
    assert len(lines) == 2
    assert f"kg: {docs}/bad\\x1b]0;pwned\\x07.txt: binary file" in lines[0]
    assert f"kg: {docs}/loop\\x9b.txt: cannot read file (symbolic link loop)" in lines[1]


def test_nothing_ingested_is_exit_2_with_every_line(capsys, tmp_path, pipeline, monkeypatch):
    monkeypatch.setattr("kg.extract.pipeline.build_pipeline", lambda **_: pipeline)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").symlink_to(docs / "b.txt")
    (docs / "b.txt").symlink_to(docs / "a.txt")
    code, out, err = run(capsys, "build", str(docs), "--store", str(tmp_path / "s"))
    assert code == 2 and "2 failed" in out and len(err.splitlines()) == 2


def test_output_and_main_errors_show_control_characters(capsys, corpus_store, tmp_path):
    target = tmp_path / "no\x1b[2Jwhere" / "x.nq"
    code, _, err = run(capsys, "export", "--store", str(corpus_store), "-o", str(target))
    line = one_line_error(code, err)
    no_raw_controls(line)
    assert "no\\x1b[2Jwhere" in line


def test_log_lines_show_control_characters():
    from kg.cli import _OneLineFormatter

    record = logging.LogRecord("kg", logging.WARNING, "", 0, "skipping %s", ("x\x1b.pdf\n",), None)
    line = _OneLineFormatter("kg: %(levelname)s: %(message)s").format(record)
    assert line == "kg: WARNING: skipping x\\x1b.pdf\\x0a"


# ---------------------------------------------------------------- 4: deterministic exports

FORMATS = ("trig", "nquads", "turtle", "jsonld", "graphml", "gexf", "edges")


def export_all(store: Path, folder: Path, seed: str) -> dict[str, bytes]:
    """Every export format written by one `kg` process under PYTHONHASHSEED=seed."""
    folder.mkdir()
    script = (
        "import sys\n"
        "from kg.cli import main\n"
        "store, folder, *formats = sys.argv[1:]\n"
        "for fmt in formats:\n"
        "    assert main(['export', '--store', store, '-f', fmt, '-o', f'{folder}/{fmt}']) == 0\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
    subprocess.run(
        [sys.executable, "-c", script, str(store), str(folder), *FORMATS], env=env, check=True
    )
    return {fmt: (folder / fmt).read_bytes() for fmt in FORMATS}


def test_exports_are_the_same_bytes_whatever_the_hash_seed(corpus_store, tmp_path):
    one = export_all(corpus_store, tmp_path / "one", "1")
    two = export_all(corpus_store, tmp_path / "two", "2")
    assert [f for f in FORMATS if one[f] != two[f]] == []
    assert all(len(one[f]) > 1000 for f in FORMATS)
    for fmt in ("trig", "nquads", "turtle", "jsonld"):
        no_raw_controls(one[fmt].decode().replace("\n", "").replace("\t", ""))


# ---------------------------------------------------------------- 11: plain literals


@pytest.mark.parametrize(
    "fmt,rdflib_format,ox_format",
    [
        ("trig", "trig", ox.RdfFormat.TRIG),
        ("nquads", "nquads", ox.RdfFormat.N_QUADS),
        ("jsonld", "json-ld", ox.RdfFormat.JSON_LD),
    ],
)
def test_rdflib_and_oxigraph_read_an_export_the_same(
    capsys, corpus_store, tmp_path, fmt, rdflib_format, ox_format
):
    path = tmp_path / f"graph.{fmt}"
    code, _, _ = run(capsys, "export", "--store", str(corpus_store), "-f", fmt, "-o", str(path))
    assert code == 0

    in_rdflib = Dataset(default_union=True)
    in_rdflib.parse(path, format=rdflib_format)
    by_rdflib = {str(row[0]) for row in in_rdflib.query(README_QUERY, initNs=PREFIXES)}

    in_oxigraph = ox.Store()
    in_oxigraph.load(path=str(path), format=ox_format)
    prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    rows = in_oxigraph.query(prologue + README_QUERY, use_default_graph_as_union=True)
    by_oxigraph = {row["x"].value for row in rows}

    assert DPRK in by_oxigraph
    assert by_rdflib == by_oxigraph
    assert "XMLSchema#string" not in path.read_text() and "xsd:string" not in path.read_text()
