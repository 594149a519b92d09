"""Generate the rule table of docs/extraction.md from ontology/rules.ttl.

The ontology describes each extraction rule once (name, kind, what it reads, example
sentences); the docs show the same words. The table sits between the two marker comments
below in docs/extraction.md; tests/test_rules.py fails when it is not what this prints.

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


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render(ontology: Ontology) -> str:
    """The Markdown table, sentence patterns first, then the passes over the document."""
    lines = [
        "| rule | kind | confidence | presupposes | reads | examples |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for rule in sorted(ontology.rules.values(), key=lambda r: (r.kind != "pattern", r.name)):
        examples = ", ".join(f'"{_cell(e)}"' for e in rule.examples)
        lines.append(
            f"| `{rule.name}` | {rule.kind} | {rule.confidence:g} | {rule.presupposes} "
            f"| {_cell(rule.description)} | {examples} |"
        )
    return "\n".join(lines) + "\n"


def replace_table(document: str, table: str) -> str:
    """``document`` with what stands between the markers replaced by ``table``."""
    start, end = document.index(BEGIN) + len(BEGIN), document.index(END)
    return document[:start] + "\n" + table + document[end:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ontology", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--write", type=Path, help="Replace the table in this Markdown file.")
    args = parser.parse_args()
    table = render(load_ontology(args.ontology))
    if args.write is None:
        sys.stdout.write(table)
        return
    text = args.write.read_text(encoding="utf-8")
    args.write.write_text(replace_table(text, table), encoding="utf-8")


if __name__ == "__main__":
    main()
