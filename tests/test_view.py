"""The interactive view: the data it shows, and the page in a real browser (headless Chromium
driven by Playwright): rendering, filters, search, no network, and hostile text kept inert."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from kg.analytics import analyse
from kg.build import build
from kg.graph import actor_names, find_actor
from kg.ontology import load_ontology
from kg.store import Store
from kg.view import ViewOptions, build_network, render

from .conftest import ARTIFACTS, needs_browser, open_page


def view_of(store_path: Path, **options) -> tuple[str, object, dict]:
    ontology = load_ontology()
    with Store(store_path, read_only=True) as st:
        result = analyse(st, ontology)
        names = actor_names(st)
    if "focus" in options:
        options["focus"] = find_actor(result.assertions, options["focus"], ontology)
    net, side = build_network(result, ontology, names=names, options=ViewOptions(**options))
    return render(net, side), net, side


# ---------------------------------------------------------------- the data (no browser)


def test_nodes_and_edges_carry_the_encodings(corpus_store):
    _, net, side = view_of(corpus_store)
    nodes = {n["id"]: n for n in net.nodes}
    russia = nodes["https://w3id.org/entente/id/actor/russia"]
    assert russia["shape"] == "dot" and russia["kind"] == "State" and russia["size"] > 30
    assert "Moscow" in russia["names"] and russia["wikidata"].endswith("/Q159")
    for edge in net.edges:
        assert edge["dashes"] == (edge["modality"] == "Speculative")
        assert edge["hidden"] == (edge["modality"] == "Negated")
        assert (edge["arrows"] == "") == (
            edge["relation"] in ("alliedWith", "partnerOf", "signedAgreementWith")
        )
        assert edge["evidence"] and all(isinstance(s, str) for s in edge["evidence"])
    kinds = {e["kind"]: e["color"] for e in net.edges}
    assert kinds["cooperative"] != kinds["hostile"]
    assert len(side["documents"]) == 5


def test_focus_keeps_the_neighbourhood_only(corpus_store):
    _, whole, _ = view_of(corpus_store)
    _, near, side = view_of(corpus_store, focus="DPRK", depth=1)
    assert side["focus"] == "North Korea"
    assert 1 < len(near.nodes) < len(whole.nodes)
    ids = {n["id"] for n in near.nodes}
    assert all(e["from"] in ids and e["to"] in ids for e in near.edges)


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def test_page_is_self_contained_and_data_is_escaped(corpus_store):
    html, _, _ = view_of(corpus_store)
    tags = Tags()
    tags.feed(html)
    names = [t for t, _ in tags.found]
    assert "link" not in names and "img" not in names and "iframe" not in names
    assert all("src" not in attrs for tag, attrs in tags.found if tag == "script")
    assert all(not attrs.get("href", "#").startswith("http") for _, attrs in tags.found)
    assert "vis.Network" in html and "Content-Security-Policy" in html  # inlined, fenced
    assert html.count("</script>") == 2  # no document text can close a script element
    assert html == view_of(corpus_store)[0]  # deterministic


# ---------------------------------------------------------------- in the browser


def shown(page) -> tuple[int, int]:
    counts = page.locator("#shown")
    return int(counts.get_attribute("data-nodes")), int(counts.get_attribute("data-edges"))


@needs_browser
@pytest.mark.slow
def test_view_renders_filters_and_searches(browser, corpus_store, tmp_path):
    html, net, _ = view_of(corpus_store)
    path = tmp_path / "graph.html"
    path.write_text(html, encoding="utf-8")
    page, log = open_page(browser, path)

    visible = [e for e in net.edges if e["modality"] != "Negated"]
    ends = {x for e in visible for x in (e["from"], e["to"])}
    assert shown(page) == (len(ends), len(visible))
    assert page.evaluate("window.ententeView.shown()") == {
        "nodes": len(ends),
        "edges": len(visible),
    }
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "view.png"))

    # a filter: without speculation, fewer claims are drawn
    page.locator("#modalities input[value=Speculative]").uncheck()
    speculative = sum(e["modality"] == "Speculative" for e in visible)
    assert speculative and shown(page)[1] == len(visible) - speculative
    page.locator("#modalities input[value=Speculative]").check()
    # a document filter
    page.locator("#documents input").first.uncheck()
    assert shown(page)[1] < len(visible)
    page.locator("#documents input").first.check()

    # search by alias, then keep only the neighbourhood
    page.fill("#search", "Pyongyang")
    page.press("#search", "Enter")
    assert page.locator("#panel h1").inner_text() == "North Korea"
    page.locator("#focus-depth").select_option("1")
    page.locator("#focus-toggle").check()
    nodes, edges = shown(page)
    assert 1 < nodes < len(ends) and 0 < edges < len(visible)
    page.screenshot(path=str(ARTIFACTS / "view-focus.png"))

    assert log["errors"] == []
    assert log["requests"] == [path.as_uri()]  # nothing leaves the machine
    page.close()


HOSTILE = (
    "Iran supplies Russia with drones <script>window.__pwned = 1</script> and "
    '<img src=x onerror="window.__pwned = 2"> says '
    '<a href="javascript:window.__pwned = 3">"the report"</a>.\n'
    "The Sahel Brigade <b onmouseover=window.__pwned=4>backs</b> Russia, "
    'according to href="javascript:alert(1)" sources.\n'
)


@needs_browser
@pytest.mark.slow
def test_hostile_text_executes_nothing(browser, pipeline, tmp_path):
    src = tmp_path / "docs"
    src.mkdir()
    (src / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    store = tmp_path / "store"
    with Store(store) as st:
        build([src], st, pipeline)
    html, net, _ = view_of(store)
    assert net.edges, "the hostile document must yield claims to show"
    path = tmp_path / "hostile.html"
    path.write_text(html, encoding="utf-8")
    page, log = open_page(browser, path)
    page.evaluate("window.__pwned = 0")
    for edge in net.edges:  # show every claim's evidence in the panel, hover every edge
        page.evaluate("id => window.ententeView.showEdge(id)", edge["id"])
        panel = page.locator("#panel").inner_text()
        assert any(s.split("<")[0].strip()[:20] in panel for s in edge["evidence"])
    for node in net.nodes:
        page.evaluate("id => window.ententeView.showNode(id)", node["id"])
    page.evaluate("window.ententeView.showEdge('e0')")
    panel_html = page.locator("#panel").inner_html()
    assert "&lt;script&gt;" in panel_html or "&lt;img" in panel_html or "&lt;b" in panel_html
    assert page.locator("#panel img, #panel script, #panel a[href^=javascript]").count() == 0
    assert page.evaluate("window.__pwned") == 0
    assert log["dialogs"] == [] and log["errors"] == []
    assert log["requests"] == [path.as_uri()]
    page.close()
