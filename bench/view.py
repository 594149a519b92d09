"""Time to write and to stabilise the interactive view of a large graph.

Builds a synthetic assertion graph (default 2,000 actors and 6,000 claims, hubs and two camps,
every relation and modality of the ontology), then times:
  1. the analysis the view needs (centrality, blocs) on it;
  2. building the pyvis network and writing the self-contained HTML;
  3. opening the file in headless Chromium (Debian's chromium, driven by Playwright) until the
     layout has stabilised and physics is switched off, and a filter click redraw.
Run: .venv/bin/python bench/view.py [--actors 2000] [--claims 6000]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.analytics import analyse_graph  # noqa: E402
from kg.ontology import load_ontology  # noqa: E402
from kg.view import ViewOptions, build_network, render, write_view  # noqa: E402

ACTOR = "https://w3id.org/entente/id/actor/"
TYPES = ("State", "State", "State", "Organization", "Person", "Bloc")
MODALITIES = (("Asserted", 60), ("Reported", 15), ("Speculative", 20), ("Negated", 5))


def synthetic(actors: int, claims: int, seed: int) -> nx.MultiDiGraph:
    ontology = load_ontology()
    rng = random.Random(seed)
    relations = sorted(ontology.relations.values(), key=lambda r: r.name)
    graph = nx.MultiDiGraph()
    camp = {}
    for i in range(actors):
        node = f"{ACTOR}a{i:05d}"
        camp[node] = rng.randint(0, 1)
        graph.add_node(node, label=f"Actor {i}", type=rng.choice(TYPES), wikidata="")
    nodes = sorted(graph.nodes)
    weights = [1 / (i + 1) ** 0.8 for i in range(actors)]  # a few hubs, a long tail
    modalities = [m for m, n in MODALITIES for _ in range(n)]
    for n in range(claims):
        if n < actors:  # every actor takes part in at least one claim
            s, o = nodes[n], rng.choices(nodes, weights=weights, k=1)[0]
        else:
            s, o = rng.choices(nodes, weights=weights, k=2)
        if s == o:
            o = nodes[(nodes.index(s) + 1) % actors]
        wanted = "cooperative" if camp[s] == camp[o] else "hostile"
        pool = [r for r in relations if r.kind == wanted] or relations
        rel = rng.choice(pool) if rng.random() < 0.9 else rng.choice(relations)
        modality = rng.choice(modalities)
        factor = ontology.modality_factors[modality]
        graph.add_edge(
            s,
            o,
            key=f"urn:x:{n}",
            relation=rel.name,
            kind=rel.kind,
            polarity=rel.polarity,
            symmetric=rel.symmetric,
            modality=modality,
            weight=(rel.intensity or 0.0) * factor,
            document=f"doc{n % 40:02d}",
            title=f"Document {n % 40}",
            date="",
            evidence=f"Actor {s[-5:]} {rel.name} actor {o[-5:]} in sentence {n}.",
            char_start=n,
            char_end=n + 40,
            confidence=0.8,
            assertion=f"urn:x:{n}",
        )
    return graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=2000)
    parser.add_argument("--claims", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    ontology = load_ontology()
    assertions = synthetic(args.actors, args.claims, args.seed)
    started = time.perf_counter()
    analysis = analyse_graph(assertions)
    analysis_seconds = time.perf_counter() - started

    work = Path(tempfile.mkdtemp(prefix="entente-view-"))
    try:
        started = time.perf_counter()
        net, side = build_network(analysis, ontology, options=ViewOptions())
        html = render(net, side)
        path = write_view(work / "graph.html", html)
        write_seconds = time.perf_counter() - started

        from playwright.sync_api import sync_playwright

        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=chromium,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            started = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_selector("body[data-stable='true']", timeout=600_000)
            stable_seconds = time.perf_counter() - started
            started = time.perf_counter()
            page.locator("#modalities input[value=Speculative]").uncheck()
            page.wait_for_timeout(0)
            filter_seconds = time.perf_counter() - started
            shown = page.evaluate("window.ententeView.shown()")
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"actors in view        {len(net.nodes)}")
    print(f"claims in view        {len(net.edges)}")
    print(f"html size             {len(html) / 1e6:8.2f} MB")
    print(f"analysis              {analysis_seconds:8.2f} s")
    print(f"build + write view    {write_seconds:8.2f} s")
    print(f"open until stable     {stable_seconds:8.2f} s  (physics off afterwards)")
    print(f"filter redraw         {filter_seconds:8.2f} s  ({shown['edges']} claims left)")


if __name__ == "__main__":
    main()
