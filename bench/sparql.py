"""Latency of the library queries on a million-triple store: Oxigraph and rdflib side by side.

Synthesises --assertions assertions (default 85,000; each is 12 triples, plus the plain triple
of an asserted or reported one, so the store holds over a million quads) among --actors actors,
--per-document to a document, and writes them into a temporary persistent Oxigraph store in the
exact shape `kg build` writes: the ontology graph (`sync_ontology`), then each document's graph
from `kg.triples.document_triples` through `Store.replace_graph`. The ontology's gazetteer actors
are the hubs (Russia, North Korea, Ukraine ... first), the other actors are NER finds typed and
labelled in each document that mentions them; endpoints are drawn Zipf-like by rank, mostly
within two camps for cooperative ties and across them for hostile ones, modalities ~60%
Asserted, 15% Reported, 20% Speculative, 5% Negated; memberOf claims go mostly to CSTO and NATO,
a few planted storylines (North Korea supplies Russia, Belarus member of CSTO ...) recur, and
a tenth of the assertions carry their own dcterms:date. Then, for every query of
`kg.queries.library()` with its parameters bound by `kg.queries.bind` (see PARAMS), it times:
  1. Oxigraph: `Store.query` on the store reopened read-only (rdflib's Dataset on oxrdflib,
     which hands the query string to Oxigraph), every row consumed;
  2. rdflib's own engine: the same quads loaded into an in-memory
     `rdflib.Dataset(default_union=True)`, `Dataset.query` with the same prefixes and
     initBindings, every row consumed.
Each query runs in a forked child, killed when one run takes longer than --oxigraph-timeout or
--rdflib-timeout seconds. The first run of each query is shown apart from the median of the
--repeat runs after it, with the rows each engine returned (a difference is flagged), the
build and load times and the peak RSS. A full run takes about 40 minutes.
Run: .venv/bin/python bench/sparql.py [--assertions 85000] [--repeat 3] [--rdflib-timeout 120]
     [--oxigraph-timeout 300] [--only QUERY ...] [--store DIR] [--no-rdflib]
(--store keeps the synthetic store for the next run, which reuses it; --no-rdflib times
Oxigraph alone.)
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from oxrdflib._converter import from_ox
from rdflib import XSD, Dataset, Literal
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DCTERMS

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from synthetic import Draw, metadata_only  # noqa: E402

from kg.build import sync_ontology  # noqa: E402
from kg.corpus.meta import DocumentMeta  # noqa: E402
from kg.extract.documents import Assertion  # noqa: E402
from kg.extract.linker import Mention  # noqa: E402
from kg.ids import PREFIXES, assertion_iri, graph_iri  # noqa: E402
from kg.ontology import Ontology, load_ontology  # noqa: E402
from kg.queries import bind, library  # noqa: E402
from kg.store import Store  # noqa: E402
from kg.triples import document_triples  # noqa: E402

#: The parameter values of each library query ("{document}": a synthetic document's id).
PARAMS = {
    "actor-profile": {"actor": "Russia"},
    "allies-of-allies": {"actor": "North Korea"},
    "backers": {"actor": "North Korea"},
    "bloc-members": {"bloc": "CSTO"},
    "evidence": {"subject": "North Korea", "relation": "supplies", "object": "Russia"},
    "opponents": {"actor": "Russia"},
    "relations-by-document": {"document": "{document}"},
    "suppliers": {"actor": "Russia"},
}
DEFAULTS = {"actor": "Russia", "bloc": "CSTO", "relation": "supplies", "document": "{document}"}

#: The gazetteer actors ranked first (the biggest hubs), with their camp (0 east, 1 west).
HUBS = {
    "russia": 0,
    "ukraine": 1,
    "united-states": 1,
    "dprk": 0,
    "china": 0,
    "nato": 1,
    "european-union": 1,
    "iran": 0,
    "vladimir-putin": 0,
    "volodymyr-zelenskyy": 1,
    "belarus": 0,
    "south-korea": 1,
    "csto": 0,
    "kim-jong-un": 0,
    "united-kingdom": 1,
    "germany": 1,
    "japan": 1,
    "poland": 1,
    "syria": 0,
    "kazakhstan": 0,
}
#: Claims planted now and then so the queries' parameters have answers in every store size.
STORYLINES = (
    ("dprk", "supplies", "russia"),
    ("iran", "supplies", "russia"),
    ("russia", "supplies", "dprk"),
    ("dprk", "deploysTroopsTo", "russia"),
    ("russia", "alliedWith", "dprk"),
    ("china", "supports", "russia"),
    ("russia", "attacks", "ukraine"),
    ("united-states", "sanctions", "russia"),
    ("united-states", "supplies", "ukraine"),
    ("belarus", "memberOf", "csto"),
    ("armenia", "memberOf", "csto"),
    ("kazakhstan", "memberOf", "csto"),
    ("kyrgyzstan", "memberOf", "csto"),
    ("tajikistan", "memberOf", "csto"),
    ("finland", "memberOf", "nato"),
    ("poland", "memberOf", "nato"),
)
STORYLINE_SHARE = 0.03
CAMP_LOYALTY = 0.8  # cooperative ties inside a camp, hostile ones across it, this often
KIND_SHARES = {"cooperative": 0.5, "hostile": 0.33, "structural": 0.17}
MODALITY_SHARES = {"Asserted": 60, "Reported": 15, "Speculative": 20, "Negated": 5}
BLOC_SHARE = 0.5  # memberOf claims whose object is CSTO or NATO
OWN_DATE_SHARE = 0.1  # assertions with their own dcterms:date
NER = {"State": "GPE", "Organization": "ORG", "Bloc": "ORG", "Person": "PERSON"}
NEW_TYPES = {"State": 0.3, "Organization": 0.35, "Bloc": 0.05, "Person": 0.3}
PUBLISHERS = ("Reuters", "Associated Press", "Al Jazeera", "BBC", "Le Monde", "Yonhap")
SYLLABLES = ("ba", "ko", "ri", "ta", "mu", "sel", "van", "dor", "ek", "li", "na", "tov", "ur")
SUFFIXES = {
    "State": ("ia", "stan", "land", "ora"),
    "Organization": ("Front", "Agency", "Council", "Brigade"),
    "Bloc": ("Pact", "Union", "Alliance"),
}


class Actor:
    __slots__ = ("slug", "label", "type", "camp", "mention")

    def __init__(self, slug: str, label: str, type_: str, camp: int, curated: bool) -> None:
        self.slug, self.label, self.type, self.camp = slug, label, type_, camp
        kind, ner = ("label", "") if curated else ("ner", NER[type_])
        self.mention = Mention(0, 1, slug, type_, label, label, kind, curated, ner)


RULE_CONFIDENCE = {n: r.confidence for n, r in load_ontology().rules.items()}


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def make_actors(count: int, ontology: Ontology, rng: random.Random) -> list[Actor]:
    """Every gazetteer actor (the HUBS first, then the others shuffled), then NER actors up to
    ``count``, in rank order."""
    curated = [ontology.actors[s] for s in HUBS if s in ontology.actors]
    rest = sorted(set(ontology.actors) - set(HUBS))
    rng.shuffle(rest)
    curated += [ontology.actors[s] for s in rest]
    actors = [
        Actor(e.slug, e.label, e.type, HUBS.get(e.slug, rng.randint(0, 1)), True) for e in curated
    ]
    taken = {a.slug for a in actors}
    types, weights = list(NEW_TYPES), list(NEW_TYPES.values())
    while len(actors) < count:
        type_ = rng.choices(types, weights)[0]
        if type_ == "Person":
            label = f"{_word(rng)} {_word(rng)}"
        elif type_ == "State":
            label = _word(rng) + rng.choice(SUFFIXES[type_])
        else:
            label = f"{_word(rng)} {rng.choice(SUFFIXES[type_])}"
        slug = label.lower().replace(" ", "-")
        if slug not in taken:
            taken.add(slug)
            actors.append(Actor(slug, label, type_, rng.randint(0, 1), False))
    return actors


def synthesise(ontology: Ontology, actors: list[Actor], count: int, per_document: int, seed: int):
    """Yield (doc id, the triples of its graph) for ``count`` assertions, ``per_document`` to a
    document, as `kg build` would write them."""
    rng = random.Random(seed)
    draw = Draw(actors, rng)
    by_slug = {a.slug: a for a in actors}
    relations = ontology.relations
    kinds = {k: [r for r in relations.values() if r.kind == k] for k in KIND_SHARES}
    kind_names, kind_weights = list(KIND_SHARES), list(KIND_SHARES.values())
    modalities, modality_weights = list(MODALITY_SHARES), list(MODALITY_SHARES.values())
    blocs = [by_slug[s] for s in ("csto", "nato") if s in by_slug]
    rules = sorted(RULE_CONFIDENCE)
    storylines = [s for s in STORYLINES if s[0] in by_slug and s[2] in by_slug]
    documents = max(1, -(-count // per_document))
    for d in range(documents):
        doc_id = f"{d:05d}_{rng.getrandbits(48):012x}"
        day = date(2014, 1, 1) + timedelta(days=rng.randrange(4000))
        shape = rng.random()  # most documents are dated to the day, some to the month, few not
        when = day.isoformat() if shape < 0.8 else f"{day:%Y-%m}" if shape < 0.9 else None
        meta = DocumentMeta(
            title=f"{_word(rng)} {_word(rng)}: briefing {d}",
            authors=(f"{_word(rng)} {_word(rng)}",),
            publisher=rng.choice(PUBLISHERS),
            date=when,
        )
        document = metadata_only(doc_id, meta)
        found: list[Assertion] = []
        cast: dict[str, Actor] = {}
        offset = 0
        for index in range(d * count // documents, (d + 1) * count // documents):
            if storylines and rng.random() < STORYLINE_SHARE:
                s, name, o = rng.choice(storylines)
                subject, spec, obj = by_slug[s], relations[name], by_slug[o]
            else:
                spec = rng.choice(kinds[rng.choices(kind_names, kind_weights)[0]])
                subject = draw(None, spec.subject_types)
                obj = subject
                while obj is subject:
                    if spec.name == "memberOf" and blocs and rng.random() < BLOC_SHARE:
                        obj = rng.choice(blocs)
                    elif rng.random() < CAMP_LOYALTY:
                        camp = 1 - subject.camp if spec.kind == "hostile" else subject.camp
                        obj = draw(camp, spec.object_types)
                    else:
                        obj = draw(None, spec.object_types)
            cast[subject.slug], cast[obj.slug] = subject, obj
            rule = rng.choice(rules)
            sentence = (
                f"{subject.label} {spec.label} {obj.label}, officials said on {day:%d %B %Y}, "
                f"according to a statement cited in report {index}."
            )
            found.append(
                Assertion(
                    subject=subject.mention,
                    relation=spec.name,
                    object=obj.mention,
                    modality=rng.choices(modalities, modality_weights)[0],
                    rule=rule,
                    confidence=round(RULE_CONFIDENCE[rule] - 0.1 * (rng.random() < 0.2), 2),
                    char_start=offset,
                    char_end=offset + len(sentence),
                    evidence=sentence,
                    sentence_index=len(found),
                )
            )
            offset += len(sentence) + 1
        triples = document_triples(document, [a.mention for a in cast.values()], found, ontology)
        for a in found:  # an event date of its own, which the timeline prefers
            if rng.random() < OWN_DATE_SHARE:
                node = assertion_iri(
                    doc_id,
                    a.subject.actor,
                    a.relation,
                    a.object.actor,
                    a.char_start,
                    a.char_end,
                    a.rule,
                )
                event = day - timedelta(days=rng.randrange(30))
                triples.append((node, DCTERMS.date, Literal(event.isoformat(), datatype=XSD.date)))
        yield doc_id, triples


def load_rdflib(store: Store) -> Dataset:
    """The store's quads in an in-memory rdflib Dataset whose default graph is the union."""
    dataset = Dataset(default_union=True)
    graphs, terms = {}, {}

    def term(t):
        found = terms.get(t)
        if found is None:
            found = from_ox(t)
            if len(terms) < 2_000_000:
                terms[t] = found
        return found

    def quads():
        for q in store.quads():
            g = graphs.get(q.graph_name)
            if g is None:
                g = graphs[q.graph_name] = dataset.graph(from_ox(q.graph_name))
            yield term(q.subject), term(q.predicate), term(q.object), g

    dataset.addN(quads())
    return dataset


@dataclass
class Timing:
    """What the runs of one query through one engine gave."""

    rows: int | None = None  # rows of the first run
    distinct: int | None = None  # distinct rows of the first run
    seconds: list[float] = field(default_factory=list)  # of each finished run
    note: str = ""  # "", "timeout" or the error that stopped the runs


def forked(setup: Callable[[], Callable[[], list]], runs: int, timeout: float) -> Timing:
    """Time ``runs`` runs of a query in a forked child: ``setup()`` (untimed) gives a function
    running the query once and returning its rows. The child is killed when one run outlasts
    ``timeout`` seconds, so neither engine can hold the benchmark up."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child() -> None:
        try:
            run = setup()
            for i in range(runs):
                started = time.perf_counter()
                rows = run()  # every row materialised: the whole answer is computed
                seconds = time.perf_counter() - started
                send.send((len(rows), len(set(map(tuple, rows))) if i == 0 else None, seconds))
        except Exception as exc:  # report an engine error instead of a figure
            send.send((None, f"{type(exc).__name__}: {' '.join(str(exc).split())}", None))

    process = context.Process(target=child, daemon=True)
    process.start()
    send.close()
    timing = Timing()
    for i in range(runs):
        if not receive.poll(timeout):
            timing.note = "timeout"
            process.kill()
            break
        try:
            rows, distinct, seconds = receive.recv()
        except EOFError:
            timing.note = f"child died (exit code {process.exitcode})"
            break
        if rows is None:
            timing.note = distinct
            break
        if i == 0:
            timing.rows, timing.distinct = rows, distinct
        timing.seconds.append(seconds)
    process.join()
    receive.close()
    return timing


def oxigraph_setup(path: Path, name: str, text: str, bindings: dict):
    def setup() -> Callable[[], list]:
        store = Store(path, read_only=True)  # opened in the child: no database crosses a fork
        return lambda: list(store.query(text, bindings=bindings, name=name))

    return setup


def rdflib_setup(dataset: Dataset, text: str, bindings: dict):
    def setup() -> Callable[[], list]:
        return lambda: list(dataset.query(text, initNs=PREFIXES, initBindings=bindings))

    return setup


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}"


def cells(timing: Timing, runs: int, timeout: float) -> tuple[str, str, float | None]:
    """The first-run and median cells of a timing, and the median in seconds (None if the runs
    did not all finish)."""
    over = f"> {timeout:.0f} s"
    if timing.note == "skipped":
        return "-", "-", None
    if timing.seconds:
        first = _ms(timing.seconds[0])
    else:
        first = over if timing.note == "timeout" else "error"
    if len(timing.seconds) == runs:
        median = statistics.median(timing.seconds[1:] or timing.seconds)
        return first, _ms(median), median
    return first, over if timing.note == "timeout" else "error", None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assertions", type=int, default=85_000)
    parser.add_argument("--actors", type=int, default=5_000)
    parser.add_argument("--per-document", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs after the first")
    parser.add_argument("--rdflib-timeout", type=float, default=120.0, help="seconds per run")
    parser.add_argument("--oxigraph-timeout", type=float, default=300.0, help="seconds per run")
    parser.add_argument("--only", nargs="*", help="time only these library queries")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--store",
        type=Path,
        help="keep the synthetic store in this folder, and reuse it if it is there already",
    )
    parser.add_argument("--no-rdflib", action="store_true", help="time Oxigraph only")
    args = parser.parse_args()

    ontology = load_ontology()
    queries = library()
    names = [n for n in queries if not args.only or n in args.only]
    runs = 1 + args.repeat
    work = Path(tempfile.mkdtemp(prefix="entente-sparql-"))
    path = args.store or work / "store"
    try:
        started = time.perf_counter()
        actors = make_actors(args.actors, ontology, random.Random(args.seed))
        writes, doc_ids = 0.0, []
        reuse = args.store is not None and (path / "snapshots").exists()
        if reuse:
            with Store(path, read_only=True) as store:
                doc_ids = list(store.documents())
        else:
            with Store(path) as store:
                sync_ontology(store, ontology, "bench")
                for doc_id, triples in synthesise(
                    ontology, actors, args.assertions, args.per_document, args.seed
                ):
                    mark = time.perf_counter()
                    store.replace_graph(graph_iri(doc_id), triples)
                    writes += time.perf_counter() - mark
                    doc_ids.append(doc_id)
        build_seconds = time.perf_counter() - started
        n_actors = len(actors)
        del actors
        document = doc_ids[len(doc_ids) // 2]

        bound = {}
        with Store(path, read_only=True) as store:
            quads = len(store)
            for name in names:
                query = queries[name]
                wanted = PARAMS.get(name) or {p.name: DEFAULTS[p.type] for p in query.params}
                values = {k: v.format(document=document) for k, v in wanted.items()}
                bound[name] = values, bind(query, values, store, ontology)

        oxigraph = {}
        for name in names:
            print(f"oxigraph  {name} ...", file=sys.stderr, flush=True)
            setup = oxigraph_setup(path, name, queries[name].text, bound[name][1])
            oxigraph[name] = forked(setup, runs, args.oxigraph_timeout)

        rdflib = {}
        load_seconds, triples, graphs = 0.0, 0, len(doc_ids) + 1
        if not args.no_rdflib:
            print("loading the quads into rdflib ...", file=sys.stderr, flush=True)
            started = time.perf_counter()
            with Store(path, read_only=True) as store:
                dataset = load_rdflib(store)
            load_seconds = time.perf_counter() - started
            triples = len(dataset)
            graphs = sum(1 for g in dataset.graphs() if g.identifier != DATASET_DEFAULT_GRAPH_ID)
            gc.collect()
            gc.freeze()  # children share the loaded dataset; keep the collector off its pages
            for name in names:
                print(f"rdflib    {name} ...", file=sys.stderr, flush=True)
                setup = rdflib_setup(dataset, queries[name].text, bound[name][1])
                rdflib[name] = forked(setup, runs, args.rdflib_timeout)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    peak_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"actors                   {n_actors} ({len(ontology.actors)} from the gazetteer)")
    print(f"assertions               {args.assertions} in {len(doc_ids)} documents")
    print(f"quads in store           {quads} in {graphs} named graphs")
    print(f"distinct triples         {triples} (the union graph, as rdflib merges it)")
    print(f"build (synth + write)    {build_seconds:8.1f} s  (writes {writes:.1f} s)")
    print(f"rdflib load              {load_seconds:8.1f} s")
    print(f"runs per query           first, then the median of {args.repeat} more")
    print()
    for name in names:
        shown = " ".join(f"{k}={v}" for k, v in bound[name][0].items()) or "-"
        print(f"  {name:<23} {shown}")
    print()
    header = (
        f"{'query':<23} {'rows ox':>8} {'rows rdflib':>11} {'same':>6}  "
        f"{'ox first':>9} {'ox median':>10}  {'rdflib first':>12} {'rdflib median':>13}"
        f"  {'rdflib/ox':>9}"
    )
    print(header)
    print("-" * len(header))
    differ = []
    for name in names:
        ox, rd = oxigraph[name], rdflib.get(name, Timing(note="skipped"))
        ox_first, ox_median, ox_seconds = cells(ox, runs, args.oxigraph_timeout)
        rd_first, rd_median, rd_seconds = cells(rd, runs, args.rdflib_timeout)
        if ox.rows is None or rd.rows is None:
            same = "-"
        elif ox.rows == rd.rows:
            same = "yes"
        elif ox.distinct == rd.distinct:
            same = "as set"
        else:
            same = "NO"
            differ.append(name)
        ratio = f"{rd_seconds / ox_seconds:9.1f}" if ox_seconds and rd_seconds else f"{'-':>9}"
        ox_rows = "-" if ox.rows is None else ox.rows
        rd_rows = "-" if rd.rows is None else rd.rows
        print(
            f"{name:<23} {ox_rows:>8} {rd_rows:>11} {same:>6}  {ox_first:>9} {ox_median:>10}"
            f"  {rd_first:>12} {rd_median:>13}  {ratio}"
        )
    print("-" * len(header))
    print("times in ms; '> N s': the run was killed after N s; rdflib/ox: ratio of the medians")
    print("same 'as set': the row counts differ but the distinct rows agree (Oxigraph 0.5 repeats")
    print("  a triple of the union default graph once per named graph holding it: oxigraph#1919)")
    for engine, timings in (("oxigraph", oxigraph), ("rdflib", rdflib)):
        for name in names:
            note = timings[name].note if name in timings else ""
            if note and note not in ("timeout", "skipped"):
                print(f"{engine} {name}: {note}")
    if differ:
        print(f"DIFFERENT ANSWERS: {', '.join(differ)}")
    print(f"peak RSS                 {peak:8.0f} MiB (largest child {peak_child:.0f} MiB)")


if __name__ == "__main__":
    main()
