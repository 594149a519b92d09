"""The alliance-centrality report: deterministic, self-contained, traceable, escaped."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import networkx as nx
import pytest
from rdflib import URIRef

from kg.analytics import analyse, analyse_graph
from kg.build import build
from kg.claims import claim_groups
from kg.ontology import load_ontology
from kg.report import md as md_escape
from kg.report import render_html, render_markdown, report_data
from kg.stats import corpus_stats, documents_table
from kg.store import Store

from .conftest import ARTIFACTS, needs_browser, open_page


def data_for(path) -> dict:
    ontology = load_ontology()
    with Store(path, read_only=True) as st:
        result = analyse(st, ontology)
        return report_data(
            result,
            stats=corpus_stats(st),
            documents=documents_table(st),
            claims=claim_groups(st, ontology),
        )


STATS = {
    "documents": 1,
    "triples": 0,
    "actors_by_type": {},
    "gazetteer_actors": 0,
    "assertions": {},
    "assertion_total": 0,
}


@pytest.fixture(scope="module")
def corpus_data(corpus_store):
    return data_for(corpus_store)


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.sources: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if "href" in attrs:
            self.hrefs.append(attrs["href"])
        if "src" in attrs:
            self.sources.append(attrs["src"])


@pytest.mark.slow
def test_same_store_same_bytes(corpus_store, corpus_data):
    again = data_for(corpus_store)
    assert render_html(again) == render_html(corpus_data)
    assert render_markdown(again) == render_markdown(corpus_data)


@pytest.mark.slow
def test_html_is_self_contained_and_every_link_resolves(corpus_data):
    html = render_html(corpus_data)
    links = Links()
    links.feed(html)
    assert "script" not in links.tags and "link" not in links.tags and "iframe" not in links.tags
    assert links.sources == []  # charts are inline SVG
    assert all(h.startswith("#") for h in links.hrefs)
    assert {h[1:] for h in links.hrefs} <= links.ids
    assert html.count("<svg") == 2  # the bar chart and the heat map
    assert "dates differ: 2023-06; 2024-06" in html  # the conflicting treaty dates


@pytest.mark.slow
def test_every_figure_traces_to_claims(corpus_data, corpus_store):
    ties = {t["id"]: t for t in corpus_data["ties"]}
    for row in corpus_data["ranking"]:
        for tie in row["ties"]:
            cited = ties[tie["id"]]
            shown = sum(c["weight"] for c in cited["claims"])
            assert shown + cited["more_weight"] == pytest.approx(cited["weight"])
    with Store(corpus_store, read_only=True) as st:
        for tie in list(ties.values())[:10]:
            for claim in tie["claims"]:
                found = list(
                    st.query(
                        "SELECT ?a ?e WHERE { ?a kgo:evidence ?e }",
                        bindings={"a": URIRef(claim["assertion"])},
                    )
                )
                assert [str(r[1]) for r in found] == [claim["evidence"]]
    top = corpus_data["ranking"][0]
    assert top["alliance"] == max(r["alliance"] for r in corpus_data["ranking"])


def test_hostile_text_is_data_in_html_and_markdown(tmp_path, pipeline):
    src = tmp_path / "docs"
    src.mkdir()
    (src / "x.txt").write_text(
        'Iran supplies Russia with drones <script>alert("x")</script> and '
        '<img src=x onerror=alert(1)> via <a href="http://evil.example">here</a>.\n'
        "Iran backs Russia | *and* [more](http://evil.example).\n",
        encoding="utf-8",
    )
    path = tmp_path / "s"
    with Store(path) as st:
        build([src], st, pipeline)
    data = data_for(path)
    html = render_html(data)
    assert "&lt;script&gt;" in html and "<script" not in html
    assert "<img src=x" not in html and 'href="http://evil' not in html
    md = render_markdown(data)
    assert "<script" not in md and "<img" not in md
    assert re.search(r"\\\| \\\*and\\\*", md)  # table and emphasis syntax escaped


def test_markdown_escaping_makes_links_and_markup_inert():
    text = md_escape("[more](http://evil.example) <b>bold</b> `code` _x_ ~y~")
    assert "](http" not in text.replace("\\]", "") and "<b>" not in text
    assert text.startswith("\\[more\\](http://evil.example) &lt;b&gt;")


@needs_browser
@pytest.mark.slow
def test_report_opens_offline_in_a_browser(browser, corpus_data, tmp_path):
    path = tmp_path / "report.html"
    path.write_text(render_html(corpus_data), encoding="utf-8")
    page, log = open_page(browser, path, stable=False)
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == "Alliance-centrality report"
    assert page.locator("figure svg").count() == 2
    first_tie = page.locator("#ranking ~ table a").first
    target = first_tie.get_attribute("href")
    first_tie.click()
    assert page.evaluate("location.hash") == target
    assert page.locator(f"{target} blockquote").count() >= 1  # the tie's sentences
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=False)
    assert log["errors"] == [] and log["requests"] == [path.as_uri()]
    page.close()


def test_report_lists_the_strongest_frustrated_ties_and_counts_the_rest():
    # fourteen mutual enemies: any two camps leave 42 hostile ties inside a camp, far more
    # than a reader can take in; the report shows the strongest and counts the others
    graph = nx.MultiDiGraph()
    names = [f"s{i:02d}" for i in range(14)]
    for n in names:
        graph.add_node(n, label=n.upper(), type="State", wikidata="")
    for i, a in enumerate(names):
        for j, b in enumerate(names[i + 1 :], start=i + 1):
            claim = f"x{i}-{j}"
            graph.add_edge(
                a, b, key=claim, assertion=claim, relation="attacks", kind="hostile",
                polarity=-1, symmetric=False, modality="Asserted", weight=-(1 + (i * j) % 7),
                document="d", title="d", date="", evidence="e", char_start=0, char_end=1,
                confidence=0.9,
            )  # fmt: skip
    data = report_data(analyse_graph(graph), stats=STATS, documents=[])
    weights = [abs(t["weight"]) for t in data["frustrated"]]
    assert data["frustration"] == 42
    assert len(weights) == 30 and data["more_frustrated"] == 12
    assert weights == sorted(weights, reverse=True)
    assert "and 12 weaker ones" in render_html(data)
    assert "and 12 weaker ones" in render_markdown(data)
    assert len(data["ties"]) <= 30 + 10  # only the ties cited (these, the ten antagonisms)


def test_a_tie_shows_its_weightiest_claims_and_counts_the_rest():
    graph = nx.MultiDiGraph()
    for n in ("a", "b"):
        graph.add_node(n, label=n.upper(), type="State", wikidata="")
    for d in range(15):  # one claim in each of fifteen documents, speculated in the odd ones
        modality, weight = ("Speculative", 2.0) if d % 2 else ("Asserted", 8.0)
        graph.add_edge(
            "a", "b", key=f"x{d}", assertion=f"x{d}", relation="supplies", kind="cooperative",
            polarity=1, symmetric=False, modality=modality, weight=weight, document=f"d{d:02d}",
            title=f"d{d:02d}", date="", evidence=f"sentence {d}", char_start=0, char_end=1,
            confidence=0.9,
        )  # fmt: skip
    data = report_data(analyse_graph(graph), stats=STATS, documents=[])
    (tie,) = data["ties"]
    assert tie["count"] == 15 and len(tie["claims"]) == 10 and tie["more_claims"] == 5
    assert [c["weight"] for c in tie["claims"]] == [8.0] * 8 + [2.0] * 2
    assert sum(c["weight"] for c in tie["claims"]) + tie["more_weight"] == tie["weight"] == 78.0
    assert "and 5 weaker claims (+10.00)" in render_html(data)
    assert "and 5 weaker claims (+10.00)" in render_markdown(data)
