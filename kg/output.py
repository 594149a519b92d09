"""Render query results and statistics as text, CSV, TSV or JSON (CLI output, no logic)."""

from __future__ import annotations

import csv
import json
from typing import TextIO

from rdflib import BNode, Literal, URIRef
from rdflib.query import Result

from kg.ids import PREFIXES

_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: len(kv[1]), reverse=True)


def compact(term: object) -> str:
    """A term as a person reads it: prefixed IRIs, literal values, '' for unbound.

    >>> compact(URIRef("https://w3id.org/entente/id/actor/dprk"))
    'kgr:actor/dprk'
    """
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, namespace in _BY_LENGTH:
            if term.startswith(namespace):
                return f"{prefix}:{term[len(namespace) :]}"
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return " ".join(str(term).split())


def _json_term(term: object) -> dict | None:
    if term is None:
        return None
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out: dict = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal) and term.language:
        out["xml:lang"] = term.language
    elif isinstance(term, Literal) and term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def write_result(result: Result, fmt: str, out: TextIO) -> None:
    """SELECT as table/csv/tsv/json (SPARQL 1.1 JSON results); ASK as true/false;
    CONSTRUCT/DESCRIBE as Turtle (JSON-LD for --format json)."""
    if result.type == "ASK":
        answer = bool(result.askAnswer)
        out.write(
            json.dumps({"head": {}, "boolean": answer}) + "\n"
            if fmt == "json"
            else ("true" if answer else "false") + "\n"
        )
        return
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        graph = result.graph
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        out.write(graph.serialize(format="json-ld" if fmt == "json" else "turtle"))
        return
    names = [str(v) for v in result.vars]
    rows = [
        [row.get(v) if hasattr(row, "get") else row[i] for i, v in enumerate(result.vars)]
        for row in (b for b in _bindings(result))
    ]
    if fmt == "json":
        body = {
            "head": {"vars": names},
            "results": {
                "bindings": [
                    {n: _json_term(t) for n, t in zip(names, row, strict=True) if t is not None}
                    for row in rows
                ]
            },
        }
        out.write(json.dumps(body, indent=2, ensure_ascii=False) + "\n")
    elif fmt in ("csv", "tsv"):
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(names)
        writer.writerows([["" if t is None else str(t) for t in row] for row in rows])
    else:
        cells = [[compact(t) for t in row] for row in rows]
        widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
        out.write("  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip() + "\n")
        out.write("  ".join("-" * w for w in widths) + "\n")
        for r in cells:
            out.write("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n")
        out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")


def _bindings(result: Result):
    for binding in result.bindings:
        yield {var: binding.get(var) for var in result.vars}


def render_stats(figures: dict) -> str:
    lines = [
        f"documents: {figures['documents']}",
        f"triples: {figures['triples']}",
        f"actors mentioned: {sum(figures['actors_by_type'].values())}",
    ]
    lines += [f"  {t}: {n}" for t, n in sorted(figures["actors_by_type"].items())]
    lines.append(f"gazetteer actors: {figures['gazetteer_actors']}")
    table = figures["assertions"]
    modalities = ["Asserted", "Reported", "Speculative", "Negated"]
    lines.append(f"assertions: {sum(sum(row.values()) for row in table.values())}")
    width = max([len("relation")] + [len(r) for r in table])
    lines.append(
        "  " + "relation".ljust(width) + "".join(m.rjust(12) for m in modalities) + "total".rjust(8)
    )
    for rel in sorted(table):
        row = table[rel]
        lines.append(
            "  "
            + rel.ljust(width)
            + "".join(str(row.get(m, 0)).rjust(12) for m in modalities)
            + str(sum(row.values())).rjust(8)
        )
    return "\n".join(lines)


def write_rows(headers: list[str], rows: list[list], fmt: str, out: TextIO) -> None:
    """Plain rows as an aligned table, CSV, TSV or JSON (a list of objects)."""
    if fmt == "json":
        out.write(json.dumps([dict(zip(headers, r, strict=True)) for r in rows], indent=2) + "\n")
        return
    if fmt in ("csv", "tsv"):
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(headers)
        writer.writerows(rows)
        return
    cells = [[_cell(c) for c in r] for r in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    numeric = [
        all(isinstance(r[i], int | float) for r in rows) and rows for i in range(len(headers))
    ]

    def line(values: list[str]) -> str:
        parts = [
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip() + "\n"

    out.write(line(headers))
    out.write("  ".join("-" * w for w in widths) + "\n")
    for r in cells:
        out.write(line(r))


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4f}"
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return "" if value is None else str(value)
