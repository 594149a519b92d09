"""`kg rules`: the extraction rules as the ontology describes them, what each produced in a
store, and how precise each is on gold annotations.

Every rule of ontology/rules.ttl is listed, those that produced nothing with 0; a rule the
store names that the ontology does not describe (a store built with other rules) is listed too,
so the counts always add up to the store's assertions.
"""

from __future__ import annotations

import io
import json
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from kg.evaluate import RuleScore, rule_precision
from kg.ontology import Ontology, RuleSpec, rule_name
from kg.output import write_rows
from kg.store import Store
from kg.text import escape_controls, printable
from kg.vocab import MODALITY_NAMES

_BY_MODALITY = """
SELECT ?rule ?m (COUNT(DISTINCT ?x) AS ?n) WHERE {
  ?x a kgo:Assertion ; kgo:rule ?rule ; kgo:modality ?m .
} GROUP BY ?rule ?m
"""
_DOCUMENTS = """
SELECT ?rule (COUNT(DISTINCT ?d) AS ?n) WHERE {
  ?x a kgo:Assertion ; kgo:rule ?rule ; prov:wasDerivedFrom ?d .
} GROUP BY ?rule
"""


@dataclass(frozen=True)
class RuleUse:
    """The assertions one rule produced in a store, by modality, and in how many documents."""

    by_modality: dict[str, int] = field(default_factory=dict)
    documents: int = 0

    @property
    def assertions(self) -> int:
        return sum(self.by_modality.values())


def rule_use(store: Store, ontology: Ontology) -> dict[str, RuleUse]:
    """Every rule by name: the ontology's (0 when unused) and any other the store names."""
    counts: dict[str, dict[str, int]] = {name: {} for name in ontology.rules}
    for rule, modality, n in store.query(_BY_MODALITY):
        by_modality = counts.setdefault(rule_name(rule), {})
        by_modality[str(modality).rsplit("#", 1)[-1]] = int(n)
    documents = {rule_name(rule): int(n) for rule, n in store.query(_DOCUMENTS)}
    return {
        name: RuleUse({m: by_modality.get(m, 0) for m in MODALITY_NAMES}, documents.get(name, 0))
        for name, by_modality in sorted(counts.items())
    }


@dataclass
class RulesReport:
    """What `kg rules` shows: the rules, and optionally their use and their precision."""

    rules: dict[str, RuleSpec | None]  # None: named by the store, not described
    #: how many sentence shapes of patterns.json each rule has (none: a pass)
    shapes: dict[str, int] = field(default_factory=dict)
    use: dict[str, RuleUse] | None = None
    precision: dict[str, RuleScore] | None = None
    overall: RuleScore | None = None

    def headers(self) -> list[str]:
        out = ["rule", "kind", "shapes", "confidence", "presupposes"]
        if self.use is not None:
            out += ["assertions", *MODALITY_NAMES, "documents"]
        if self.precision is not None:
            out += ["tp", "produced", "precision"]
        return out + ["description", "example"]

    def rows(self) -> list[list]:
        rows = []
        for name, spec in self.rules.items():
            row: list = [name]
            shapes = self.shapes.get(name, 0)
            row += (
                [spec.kind, shapes, spec.confidence, spec.presupposes]
                if spec
                else ["", 0, None, ""]
            )
            if self.use is not None:
                use = self.use.get(name, RuleUse())
                row += [use.assertions]
                row += [use.by_modality.get(m, 0) for m in MODALITY_NAMES]
                row += [use.documents]
            if self.precision is not None:
                score = self.precision.get(name, RuleScore(0, 0))
                row += [score.tp, score.produced, score.precision]
            row += (
                [spec.description, spec.examples[0] if spec.examples else ""] if spec else ["", ""]
            )
            rows.append(row)
        return rows

    def as_json(self) -> dict:
        headers = self.headers()
        out: dict = {"rules": [dict(zip(headers, r, strict=True)) for r in self.rows()]}
        if self.overall is not None:
            out["overall"] = _overall(self.overall)
        return out


def rules_report(
    ontology: Ontology, *, store: Store | None = None, gold: Path | None = None
) -> RulesReport:
    """The ontology's rules; with a store, what each produced there; with gold annotations
    (and a store), each rule's precision on them."""
    rules: dict[str, RuleSpec | None] = dict(ontology.rules)
    shapes: dict[str, int] = {}
    for pattern in ontology.patterns:
        shapes[pattern.rule] = shapes.get(pattern.rule, 0) + 1
    report = RulesReport(rules, shapes)
    if store is not None:
        report.use = rule_use(store, ontology)
        if gold is not None:
            report.precision, report.overall = rule_precision(gold, store, ontology)
        named = set(report.use) | set(report.precision or {})
        for name in sorted(named - set(rules)):
            rules[name] = None
        report.rules = dict(sorted(rules.items()))
    return report


def _overall(score: RuleScore) -> dict:
    return {"tp": score.tp, "produced": score.produced, "precision": score.precision}


#: width of the descriptions under the table
WIDTH = 100


def write_report(report: RulesReport, fmt: str, out: TextIO) -> None:
    """``table`` for people: the figures in aligned columns, then what each rule reads with an
    example (descriptions are too long for a column). ``csv``, ``tsv`` and ``json`` carry every
    column; gold's overall score is a last row "overall" (CSV, TSV) or an "overall" object."""
    if fmt == "json":
        out.write(escape_controls(json.dumps(report.as_json(), indent=2, ensure_ascii=False)))
        out.write("\n")
    elif fmt == "table":
        out.write(printable(_table(report)))
    else:
        rows = report.rows()
        if report.overall is not None:
            headers = report.headers()
            last = ["overall"] + [""] * (len(headers) - 1)
            for key, value in _overall(report.overall).items():
                last[headers.index(key)] = value
            rows.append(last)
        write_rows(report.headers(), rows, fmt, out)


def _table(report: RulesReport) -> str:
    headers = report.headers()[:-2]
    rows = [r[:-2] for r in report.rows()]
    confidence = headers.index("confidence")
    precision = headers.index("precision") if "precision" in headers else None
    for row in rows:  # 0.80, not 0.8000; precision as `kg eval` prints it
        row[confidence] = "" if row[confidence] is None else f"{row[confidence]:.2f}"
        if precision is not None:
            row[precision] = "" if row[precision] is None else f"{row[precision]:.3f}"
    out = io.StringIO()
    write_rows(headers, rows, "table", out)
    lines = [out.getvalue().rstrip("\n")]
    if report.overall is not None:
        o = report.overall
        figure = f"{o.precision:.3f}" if o.precision is not None else "n/a"
        lines.append(
            f"overall: {o.tp} of the {o.produced} triples produced are in the gold, precision "
            f"{figure} (each triple once per document, as `kg eval` counts it)"
        )
    lines.append("")
    for name, spec in report.rules.items():
        if spec is None:
            lines.append(f"{name}: not described in the ontology")
            continue
        lines.append(f"{name} ({spec.kind}):")
        lines += textwrap.wrap(spec.description, WIDTH, initial_indent="  ", subsequent_indent="  ")
        if spec.examples:
            lines += textwrap.wrap(
                f'e.g. "{spec.examples[0]}"', WIDTH, initial_indent="  ", subsequent_indent="    "
            )
    return "\n".join(lines) + "\n"
