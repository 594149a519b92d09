"""Analytics at scale: projection, centrality, blocs, camps and the report on a synthetic store.

Synthesises --assertions assertions among --actors actors (seeded by --seed) and writes them,
one document per ~200 assertions, into a temporary persistent Oxigraph store in the exact shape
`kg build` writes: the ontology graph first (`sync_ontology`), then each document's graph from
`kg.triples.document_triples` through `Store.replace_graph`. The graph is made to look like a
real one: a few hundred hub actors get most ties (Zipf choice of endpoints by rank), actors fall
into three latent camps (cooperative relations mostly inside a camp, hostile ones across), and
modalities are ~60% Asserted, 15% Reported, 20% Speculative, 5% Negated; a few percent of the
assertions carry a quantity, an event date or a source, as the seed corpus's do. As in it, the
top-ranked hubs are the ontology's gazetteer actors (their type and label live once, in the
ontology graph); --curated 0 makes every actor one NER found, typed and labelled anew in every
document that mentions it. It then times, with the store reopened read-only:
  1. build: synthesising the triples and writing them, the writer's snapshot on closing
     included (`Store.replace_graph` calls alone shown beside);
  2. projection: `assertion_graph`, then `alignment_graph` and `cooperative_graph`;
  3. centrality: `kg.analytics.centrality` on the cooperative layer;
  4. blocs: `kg.analytics.blocs` (Louvain) and `kg.analytics.two_camps` (signed graph);
  5. report: `corpus_stats` + `documents_table`, `report_data` and `render_html` on an
     `Analysis` assembled from the pieces above (with `structure`, `declared_blocs`, `bridges`).
and prints the sizes, the seconds of each step and the peak RSS.
Run: .venv/bin/python bench/analytics.py [--actors 10000] [--assertions 200000] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from synthetic import Draw, metadata_only  # noqa: E402

from kg.analytics import Analysis, blocs, bridges, centrality, declared_blocs, two_camps  # noqa: E402
from kg.build import sync_ontology  # noqa: E402
from kg.corpus.document import Document  # noqa: E402
from kg.corpus.meta import DocumentMeta  # noqa: E402
from kg.extract.details import Quantity, Source  # noqa: E402
from kg.extract.documents import Assertion  # noqa: E402
from kg.extract.linker import Mention  # noqa: E402
from kg.graph import alignment_graph, assertion_graph, cooperative_graph, structure  # noqa: E402
from kg.ids import graph_iri, slugify  # noqa: E402
from kg.ontology import (  # noqa: E402
    Ontology,
    RelationSpec,
    load_ontology,  # noqa: E402
)
from kg.report import render_html, report_data  # noqa: E402
from kg.stats import corpus_stats, documents_table  # noqa: E402
from kg.store import Store  # noqa: E402
from kg.triples import document_triples  # noqa: E402
from kg.vocab import MODALITIES  # noqa: E402

ASSERTIONS_PER_DOCUMENT = 200
CAMP_SHARES = (0.45, 0.35, 0.20)
#: How often the object is drawn from the subject's camp (cooperative, structural) or from
#: another camp (hostile); otherwise from anywhere.
CAMP_LOYALTY = {"cooperative": 0.85, "hostile": 0.85, "structural": 0.7}
KIND_SHARES = {"cooperative": 0.50, "hostile": 0.33, "structural": 0.17}
MODALITY_SHARES = {"Asserted": 60, "Reported": 15, "Speculative": 20, "Negated": 5}
#: Shares of assertions with a quantity, an event date, a source other than an actor and an
#: actor as source (about the seed corpus's).
DETAIL_SHARES = {"quantity": 0.04, "date": 0.11, "source": 0.05, "actor source": 0.01}
SOURCES = ("officials", "state media", "intelligence sources", "analysts", "diplomats")
ITEMS = ("drones", "missiles", "troops", "shells", "tanks", "dollars")
#: Actor types with their share and the NER label an extracted actor of that type carries.
ACTOR_TYPES = {
    "State": (0.35, "GPE"),
    "Organization": (0.35, "ORG"),
    "Bloc": (0.05, "ORG"),
    "Person": (0.25, "PERSON"),
}
PUBLISHERS = ("Reuters", "Associated Press", "Al Jazeera", "The Guardian", "Le Monde")
SYLLABLES = ("ka", "ro", "mi", "ta", "ne", "lo", "vu", "sa", "ri", "do")
SYLLABLES += ("be", "zu", "la", "an", "ve", "tor", "gri", "mal", "pe", "su")
SUFFIX = {
    "State": ("ia", "stan", "land", "ar"),
    "Organization": ("Front", "Council", "Agency"),
    "Bloc": ("Pact", "Union", "Alliance"),
}


@dataclass(frozen=True, slots=True)
class Actor:
    slug: str
    label: str
    type: str
    camp: int
    curated: bool

    @property
    def ner(self) -> str:
        return "" if self.curated else ACTOR_TYPES[self.type][1]


RULE_CONFIDENCE = {n: r.confidence for n, r in load_ontology().rules.items()}


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _label(rng: random.Random, type_: str) -> str:
    if type_ == "State":
        return _word(rng) + rng.choice(SUFFIX["State"])
    if type_ == "Person":
        return f"{_word(rng)} {_word(rng)}"
    return f"{_word(rng)} {rng.choice(SUFFIX[type_])}"


def make_actors(count: int, curated: int, ontology: Ontology, rng: random.Random) -> list[Actor]:
    """``count`` actors in rank order (the first are the hubs), each with a type and a camp:
    the first ``curated`` are gazetteer actors of the ontology, the others new to it."""
    types = list(ACTOR_TYPES)
    type_weights = [ACTOR_TYPES[t][0] for t in types]
    camps = range(len(CAMP_SHARES))
    gazetteer = list(ontology.actors.values())
    rng.shuffle(gazetteer)
    actors = [
        Actor(e.slug, e.label, e.type, rng.choices(camps, weights=CAMP_SHARES)[0], True)
        for e in gazetteer[: min(curated, count)]
    ]
    slugs = {a.slug for a in actors} | set(ontology.actors)
    while len(actors) < count:
        type_ = rng.choices(types, weights=type_weights)[0]
        label = _label(rng, type_)
        while slugify(label) in slugs:
            label = f"{label} {rng.randint(2, 99)}"
        slugs.add(slugify(label))
        camp = rng.choices(camps, weights=CAMP_SHARES)[0]
        actors.append(Actor(slugify(label), label, type_, camp, False))
    return actors


def _details(rng: random.Random, day: date, subject: Actor) -> dict:
    """The optional parts of an assertion (quantity, date, source) at `DETAIL_SHARES`."""
    out: dict = {}
    if rng.random() < DETAIL_SHARES["quantity"]:
        out["quantity"] = Quantity(
            value=float(rng.choice((12, 40, 300, 5000))), item=rng.choice(ITEMS)
        )
    if rng.random() < DETAIL_SHARES["date"]:
        out["date"] = (day - timedelta(days=rng.randrange(60))).isoformat()
    draw = rng.random()
    if draw < DETAIL_SHARES["source"]:
        out["source"] = Source(rng.choice(SOURCES))
    elif draw < DETAIL_SHARES["source"] + DETAIL_SHARES["actor source"]:
        out["source"] = Source(subject.label, actor=_mention(subject))
    return out


def _mention(actor: Actor) -> Mention:
    """A gazetteer actor is found by its label, any other by NER (so the document graph
    carries its type and label, as `document_triples` writes a non-curated mention)."""
    kind = "label" if actor.curated else "ner"
    return Mention(
        0, 1, actor.slug, actor.type, actor.label, actor.label, kind, actor.curated, actor.ner
    )


def synthesise(
    ontology: Ontology, actors: list[Actor], assertions: int, rng: random.Random
) -> list[tuple[Document, list[Mention], list[Assertion]]]:
    """The documents, each with its mentions and assertions, as the pipeline hands them on."""
    by_kind: dict[str, list[RelationSpec]] = {}
    for spec in ontology.relations.values():
        by_kind.setdefault(spec.kind, []).append(spec)
    kinds = sorted(by_kind)
    kind_weights = [KIND_SHARES[k] for k in kinds]
    modalities = [str(m).rsplit("#", 1)[-1] for m in MODALITIES]
    modality_weights = [MODALITY_SHARES[m] for m in modalities]
    rules = sorted(RULE_CONFIDENCE)
    camps = range(len(CAMP_SHARES))
    draw = Draw(actors, rng)

    n_docs = max(1, round(assertions / ASSERTIONS_PER_DOCUMENT))
    documents = []
    mentioned: set[str] = set()
    for d in range(n_docs):
        doc_id = f"{d:05d}_{rng.getrandbits(64):016x}"
        day = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
        meta = DocumentMeta(
            title=f"{_word(rng)} talks: report {d}",
            publisher=rng.choice(PUBLISHERS),
            date=day.isoformat(),
        )
        document = metadata_only(doc_id, meta)
        found: list[Assertion] = []
        cast: dict[str, Actor] = {}
        offset = 0
        for index in range(d * assertions // n_docs, (d + 1) * assertions // n_docs):
            kind = rng.choices(kinds, weights=kind_weights)[0]
            spec = rng.choice(by_kind[kind])
            subject = draw(None, spec.subject_types)
            obj = subject
            while obj.slug == subject.slug:
                if rng.random() < CAMP_LOYALTY[kind]:
                    others = [c for c in camps if c != subject.camp]
                    camp = rng.choice(others) if kind == "hostile" else subject.camp
                else:
                    camp = None
                obj = draw(camp, spec.object_types)
            cast[subject.slug], cast[obj.slug] = subject, obj
            rule = rng.choice(rules)
            confidence = RULE_CONFIDENCE[rule] - (0.1 if rng.random() < 0.2 else 0.0)
            sentence = (
                f"{subject.label} {spec.label} {obj.label}, officials said "
                f"on {day:%d %B %Y} according to statement {index}."
            )
            found.append(
                Assertion(
                    subject=_mention(subject),
                    relation=spec.name,
                    object=_mention(obj),
                    modality=rng.choices(modalities, weights=modality_weights)[0],
                    rule=rule,
                    confidence=round(confidence, 2),
                    char_start=offset,
                    char_end=offset + len(sentence),
                    evidence=sentence,
                    sentence_index=len(found),
                    **_details(rng, day, subject),
                )
            )
            offset += len(sentence) + 1
        mentioned.update(cast)
        documents.append((document, [_mention(a) for a in cast.values()], found))
    for actor in actors:  # actors no assertion drew are still mentioned somewhere
        if actor.slug not in mentioned:
            documents[rng.randrange(n_docs)][1].append(_mention(actor))
    return documents


def timed(function: Callable, *args, **kwargs) -> tuple[object, float]:
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=10_000)
    parser.add_argument("--assertions", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--curated",
        type=int,
        default=None,
        help="how many hubs are gazetteer actors (default: all of the ontology's; 0: none)",
    )
    args = parser.parse_args()

    ontology = load_ontology()
    curated = len(ontology.actors) if args.curated is None else args.curated
    rng = random.Random(args.seed)
    seconds: dict[str, float] = {}
    work = Path(tempfile.mkdtemp(prefix="entente-bench-"))
    try:
        started = time.perf_counter()
        actors = make_actors(args.actors, curated, ontology, rng)
        documents = synthesise(ontology, actors, args.assertions, rng)
        with Store(work / "store") as store:
            _, writes = timed(sync_ontology, store, ontology, "bench")
            for document, mentions, found in documents:
                triples = document_triples(document, mentions, found, ontology)
                _, took = timed(store.replace_graph, graph_iri(document.id), triples)
                writes += took
        seconds["build"] = time.perf_counter() - started
        seconds["  of which writes"] = writes
        del documents, actors

        with Store(work / "store", read_only=True) as store:
            quads = len(store)
            assertions, seconds["assertion_graph"] = timed(assertion_graph, store, ontology)
            signed, seconds["alignment_graph"] = timed(alignment_graph, assertions)
            cooperative, seconds["cooperative_graph"] = timed(cooperative_graph, signed)
            central, seconds["centrality"] = timed(centrality, cooperative, seed=0)
            found, seconds["blocs"] = timed(blocs, cooperative, seed=0)
            camps, seconds["two_camps"] = timed(two_camps, signed, seed=0)

            started = time.perf_counter()
            layer = structure(assertions)
            analysis = Analysis(
                assertions=assertions,
                signed=signed,
                cooperative=cooperative,
                structure=layer,
                centrality=central,
                blocs=found,
                declared=declared_blocs(
                    layer, cooperative, membership=assertions.graph.get("membership")
                ),
                camps=camps,
                bridges=bridges(cooperative, found),
            )
            seconds["structure+declared+bridges"] = time.perf_counter() - started
            stats, seconds["corpus_stats"] = timed(corpus_stats, store)
            table, seconds["documents_table"] = timed(documents_table, store)
        data, seconds["report_data"] = timed(report_data, analysis, stats=stats, documents=table)
        html, seconds["render_html"] = timed(render_html, data)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(
        f"actors                     {args.actors} ({min(curated, args.actors)} from the gazetteer)"
    )
    print(f"assertions                 {args.assertions}")
    print(f"documents                  {stats['documents']}")
    print(f"quads in store             {quads}")
    print(
        f"assertion graph            {assertions.number_of_nodes()} nodes, "
        f"{assertions.number_of_edges()} edges"
    )
    print(f"signed graph               {signed.number_of_edges()} edges")
    print(f"cooperative graph          {cooperative.number_of_edges()} edges")
    print(f"blocs                      {len(found)}")
    print(f"camps                      {len(camps.camps[0])} / {len(camps.camps[1])}")
    print(f"frustration                {camps.frustration} ties (exact: {camps.exact})")
    print(f"report HTML                {len(html.encode('utf-8')) / 1e6:.1f} MB")
    for step, value in seconds.items():
        print(f"{step:<27}{value:8.1f} s")
    print(f"peak RSS                   {peak:8.0f} MiB")


if __name__ == "__main__":
    main()
