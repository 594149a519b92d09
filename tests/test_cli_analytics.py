"""`kg centrality`, `kg blocs`, `kg align`, `kg report` and the graph exports."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest

from .test_cli import one_line_error, run

pytestmark = pytest.mark.slow


def test_centrality_table_and_json(capsys, corpus_store):
    code, out, _ = run(capsys, "centrality", "--store", str(corpus_store), "--top", "3")
    assert code == 0 and out.splitlines()[0].split()[:3] == ["rank", "actor", "alliance"]
    code, out, _ = run(capsys, "centrality", "--store", str(corpus_store), "--format", "json")
    rows = json.loads(out)
    assert {r["actor"] for r in rows[:3]} >= {"North Korea", "Russia"}
    assert rows == sorted(rows, key=lambda r: -r["alliance"])


def test_blocs_json(capsys, corpus_store):
    code, out, _ = run(capsys, "blocs", "--store", str(corpus_store), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["camps"]["frustration"] >= 0
    assert any("North Korea" in b["labels"] and "Russia" in b["labels"] for b in data["blocs"])


def test_align_pair_by_aliases_and_ranking(capsys, corpus_store):
    code, out, _ = run(capsys, "align", "DPRK", "Moscow", "--store", str(corpus_store))
    assert code == 0 and out.startswith("North Korea ~ Russia: +")
    code, out, _ = run(
        capsys, "align", "Pyongyang", "--store", str(corpus_store), "--format", "csv"
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["actor"] in ("Russia", "China") and float(rows[0]["score"]) > 0


def test_align_unknown_actor_is_one_line(capsys, corpus_store):
    code, _, err = run(capsys, "align", "Atlantis", "--store", str(corpus_store))
    assert code != 0 and "unknown actor 'Atlantis'" in one_line_error(err)


def test_bad_filter_is_one_line(capsys, corpus_store):
    code, _, err = run(capsys, "centrality", "--store", str(corpus_store), "--modality", "Sure")
    assert code != 0 and "unknown modality 'Sure'" in one_line_error(err)


def test_filtered_centrality_uses_only_asserted(capsys, corpus_store):
    args = ("centrality", "--store", str(corpus_store), "--format", "json", "--top", "0")
    _, everything, _ = run(capsys, *args)
    _, asserted, _ = run(capsys, *args, "--modality", "Asserted")
    assert json.loads(asserted) != json.loads(everything)


def test_report_writes_html_and_markdown(capsys, corpus_store, tmp_path):
    html, md = tmp_path / "r" / "report.html", tmp_path / "r" / "report.md"
    code, _, err = run(
        capsys, "report", "--store", str(corpus_store), "-o", str(html), "-o", str(md)
    )
    assert code == 7 and "no folder" in one_line_error(err)  # -o creates no folders
    html.parent.mkdir()
    code, _, err = run(
        capsys, "report", "--store", str(corpus_store), "-o", str(html), "-o", str(md)
    )
    assert code == 0 and "wrote" in err
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert md.read_text(encoding="utf-8").startswith("# Alliance-centrality report")
    code, _, err = run(
        capsys, "report", "--store", str(corpus_store), "-o", str(tmp_path / "r.pdf")
    )
    assert code != 0 and "r.pdf" in one_line_error(err)


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "edges"])
def test_graph_exports_read_back(capsys, corpus_store, tmp_path, fmt):
    path = tmp_path / f"g.{fmt}"
    code, _, _ = run(
        capsys, "export", "--store", str(corpus_store), "--format", fmt, "-o", str(path)
    )
    assert code == 0
    if fmt == "edges":
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        assert rows and {"source", "target", "weight", "assertions"} <= set(rows[0])
        return
    graph = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(str(path))
    russia = "https://w3id.org/entente/id/actor/russia"
    assert graph.nodes[russia]["label"] == "Russia" and graph.nodes[russia]["alliance"] > 0
    first = path.read_text(encoding="utf-8")
    run(capsys, "export", "--store", str(corpus_store), "--format", fmt, "-o", str(path))
    assert path.read_text(encoding="utf-8") == first  # deterministic, no date stamp
