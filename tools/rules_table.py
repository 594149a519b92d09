"""Generate the rule table and the shape table of docs/extraction.md from ontology/rules.ttl
and ontology/patterns.json.

The ontology describes each extraction rule once (name, kind, family, what it reads, example
sentences) and each sentence shape once (its pattern, its reader); the docs show the same. Each
table sits between its two marker comments below in docs/extraction.md; tests/test_rules.py
fails when one is not what this prints.

Run: .venv/bin/python tools/rules_table.py [--ontology ontology] [--write docs/extraction.md]
(without --write, the table is printed)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.ontology import DEFAULT_DIR, Ontology, load_ontology  # noqa: E402

BEGIN = "<!-- rule table: generated from ontology/rules.ttl by tools/rules_table.py -->"
END = "<!-- end of rule table -->"
SHAPES_BEGIN = "<!-- shape table: generated from ontology/patterns.json by tools/rules_table.py -->"
SHAPES_END = "<!-- end of shape table -->"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render(ontology: Ontology) -> str:
    """The Markdown table, sentence patterns first, then the passes over the document."""
    lines = [
        "| rule | kind | family | confidence | presupposes | reads | examples |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for rule in sorted(ontology.rules.values(), key=lambda r: (r.kind != "pattern", r.name)):
        examples = ", ".join(f'"{_cell(e)}"' for e in rule.examples)
        lines.append(
            f"| `{rule.name}` | {rule.kind} | {rule.family} | {rule.confidence:g} "
            f"| {rule.presupposes} | {_cell(rule.description)} | {examples} |"
        )
    return "\n".join(lines) + "\n"


def _condition(key: str, value) -> str:
    """One attribute test of a pattern node, short: ``POS VERB/AUX``, ``classes verbTrigger``."""
    name = {"_": "", "entente": "classes", "entente_actor": "actor"}.get(key, key)
    if isinstance(value, dict) and key == "_":
        return ", ".join(_condition(k, v) for k, v in value.items())
    if isinstance(value, dict):
        (op, operand), *_ = value.items()
        words = "/".join(operand) if isinstance(operand, list) else str(operand)
        if name == "actor" and op == "NOT_IN" and operand == [""]:
            return "actor: any"
        joined = {"IS_SUPERSET": "+".join(operand)} if op == "IS_SUPERSET" else {}
        prefix = "not " if op.startswith("NOT") else ""
        return f"{name}: {prefix}{joined.get(op, words)}"
    if name == "actor" and value == "":
        return "actor: none"
    return f"{name}: {value}"


def render_shape(pattern: tuple[dict, ...]) -> str:
    """A pattern in one line: ``trigger[POS: VERB/AUX] > patient[DEP: nsubjpass]``."""
    parts = []
    for node in pattern:
        attrs = "; ".join(_condition(k, v) for k, v in node.get("RIGHT_ATTRS", {}).items())
        here = f"{node['RIGHT_ID']}[{attrs}]"
        parts.append(f"{node['LEFT_ID']} {node['REL_OP']} {here}" if "LEFT_ID" in node else here)
    return ", ".join(parts)


def render_shapes(ontology: Ontology) -> str:
    """The Markdown table of the sentence shapes, in the order they are tried."""
    lines = [
        "| # | rule | relations from | shape | reader | example |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for number, spec in enumerate(ontology.patterns, 1):
        sources = ", ".join(s or "(its own)" for s in spec.relations)
        extra = "".join(f"; where {k} = {str(v).lower()}" for k, v in spec.where)
        extra += f"; check `{spec.check}`" if spec.check else ""
        lines.append(
            f"| {number} | `{spec.rule}` | {sources} | {_cell(render_shape(spec.pattern))}{extra} "
            f'| `{spec.reads}` | "{_cell(spec.example)}" |'
        )
    return "\n".join(lines) + "\n"


def replace_table(document: str, table: str, begin: str = BEGIN, end: str = END) -> str:
    """``document`` with what stands between the markers replaced by ``table``."""
    start, stop = document.index(begin) + len(begin), document.index(end)
    return document[:start] + "\n" + table + document[stop:]


def replace_tables(document: str, ontology: Ontology) -> str:
    """``document`` with both generated tables as ``ontology`` gives them."""
    document = replace_table(document, render(ontology))
    return replace_table(document, render_shapes(ontology), SHAPES_BEGIN, SHAPES_END)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ontology", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--write", type=Path, help="Replace the table in this Markdown file.")
    args = parser.parse_args()
    ontology = load_ontology(args.ontology)
    if args.write is None:
        sys.stdout.write(render(ontology) + "\n" + render_shapes(ontology))
        return
    text = args.write.read_text(encoding="utf-8")
    args.write.write_text(replace_tables(text, ontology), encoding="utf-8")


if __name__ == "__main__":
    main()
