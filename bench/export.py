"""`kg export` at scale: seconds, bytes and peak RSS of each RDF format on a synthetic store.

Writes --graphs named graphs of --triples made-up triples in all (an actor IRI, a relation, an
actor or a string literal, as a document's graph holds them) into a temporary persistent
Oxigraph store, then, with the store reopened read-only, times `Store.export` in each format
(Oxigraph's serialisers fed sorted statements) and, beside it, what `kg export` did before:
rdflib serialising `Store.sorted_dataset()` (`union_graph()` for Turtle). Each export is
written twice and its SHA-256 compared, so the figures say whether it is deterministic within a
run too (across hash seeds: tests/hostile/test_cli.py).
Run: .venv/bin/python bench/export.py [--triples 100000] [--graphs 200] [--no-rdflib]
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rdflib import Literal, URIRef  # noqa: E402

from kg.ids import KGR, graph_iri  # noqa: E402
from kg.ontology import load_ontology  # noqa: E402
from kg.store import RDF_FORMATS, Store  # noqa: E402
from kg.vocab import KGO  # noqa: E402

RDFLIB_NAMES = {"trig": "trig", "nquads": "nquads", "turtle": "turtle", "jsonld": "json-ld"}
RELATIONS = [r.iri for r in load_ontology().relations.values()][:4]


def fill(store: Store, triples: int, graphs: int) -> None:
    per_graph = max(1, triples // graphs)
    for g in range(graphs):
        rows = []
        for i in range(per_graph):
            subject = URIRef(f"{KGR}actor/a{(g * 7 + i) % 5000}")
            if i % 3 == 0:
                rows.append((subject, URIRef(str(KGO.evidence)), Literal(f"Sentence {g}.{i}.")))
            else:
                rows.append((subject, RELATIONS[i % 4], URIRef(f"{KGR}actor/a{(i * 13) % 5000}")))
        store.replace_graph(graph_iri(f"doc{g:05d}"), rows)


def timed(make) -> tuple[float, bytes]:
    started = time.perf_counter()
    data = make().encode("utf-8")
    return time.perf_counter() - started, data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--graphs", type=int, default=200)
    parser.add_argument("--no-rdflib", action="store_true", help="skip the former rdflib path")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="entente-export-"))
    try:
        with Store(work / "store") as st:
            fill(st, args.triples, args.graphs)
        with Store(work / "store", read_only=True) as st:
            print(f"store: {len(st)} quads in {args.graphs} graphs")
            print(f"{'format':8} {'export s':>9} {'MB':>7} {'same twice':>10} {'rdflib s':>9}")
            for fmt in RDF_FORMATS:
                seconds, data = timed(lambda fmt=fmt: st.export(fmt))
                _, again = timed(lambda fmt=fmt: st.export(fmt))
                same = hashlib.sha256(data).digest() == hashlib.sha256(again).digest()
                before = ""
                if not args.no_rdflib:
                    source = st.union_graph if fmt == "turtle" else st.sorted_dataset
                    old, _ = timed(lambda s=source, f=fmt: s().serialize(format=RDFLIB_NAMES[f]))
                    before = f"{old:9.2f}"
                print(f"{fmt:8} {seconds:9.2f} {len(data) / 1e6:7.1f} {str(same):>10} {before}")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS: {peak:.0f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
