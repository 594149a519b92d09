"""`kg eval`: precision, recall and F1 of extracted (subject, relation, object) triples against
gold annotations, per document and overall (micro-averaged), and modality accuracy.

A document's triples form a set: a triple mentioned three times counts once. Its modality is the
most assertive of its mentions (Asserted > Reported > Speculative > Negated), on both sides.
Symmetric relations are compared without regard to direction. Gold names are resolved through
the gazetteer (any label, alias, demonym or capital); names it does not know are compared by
slug with the actors created from NER.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError
from kg.ids import graph_iri, slugify
from kg.linking import clean_label
from kg.ontology import Ontology
from kg.relations import MODALITY_ORDER
from kg.store import Store

GOLD_COLUMNS = ("subject", "relation", "object", "modality", "evidence")
Triple = tuple[str, str, str]

_SYSTEM = """
SELECT ?g ?s ?p ?o ?m WHERE { GRAPH ?g {
  ?x a kgo:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kgo:modality ?m .
} }
"""


def strongest(modalities: list[str]) -> str:
    """The most assertive modality: Asserted > Reported > Speculative > Negated.

    >>> strongest(["Speculative", "Reported"])
    'Reported'
    """
    return max(modalities, key=MODALITY_ORDER.index)


@dataclass
class DocScore:
    doc_id: str
    gold: dict[Triple, str]
    system: dict[Triple, str]

    @property
    def tp(self) -> set[Triple]:
        return set(self.gold) & set(self.system)

    @property
    def fp(self) -> set[Triple]:
        return set(self.system) - set(self.gold)

    @property
    def fn(self) -> set[Triple]:
        return set(self.gold) - set(self.system)

    @property
    def modality_correct(self) -> int:
        return sum(self.gold[t] == self.system[t] for t in self.tp)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts.

    >>> [round(x, 3) for x in prf(3, 1, 2)]
    [0.75, 0.6, 0.667]
    """
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class EvalResult:
    docs: list[DocScore] = field(default_factory=list)

    def totals(self) -> dict:
        tp = sum(len(d.tp) for d in self.docs)
        fp = sum(len(d.fp) for d in self.docs)
        fn = sum(len(d.fn) for d in self.docs)
        p, r, f = prf(tp, fp, fn)
        correct = sum(d.modality_correct for d in self.docs)
        return {
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "precision": p,
            "recall": r,
            "f1": f,
            "modality_accuracy": correct / tp if tp else 0.0,
        }

    def as_dict(self) -> dict:
        per_doc = {}
        for d in self.docs:
            p, r, f = prf(len(d.tp), len(d.fp), len(d.fn))
            per_doc[d.doc_id] = {
                "tp": len(d.tp),
                "fp": len(d.fp),
                "fn": len(d.fn),
                "precision": p,
                "recall": r,
                "f1": f,
                "modality_accuracy": d.modality_correct / len(d.tp) if d.tp else 0.0,
                "false_positives": sorted(map(list, d.fp)),
                "false_negatives": sorted(map(list, d.fn)),
                "modality_errors": sorted(
                    [*t, d.gold[t], d.system[t]] for t in d.tp if d.gold[t] != d.system[t]
                ),
            }
        return {"documents": per_doc, "overall": self.totals()}


def actor_key(name: str, ontology: Ontology) -> str:
    entry = ontology.lookup(name)
    return entry.slug if entry else slugify(clean_label(name))


def normalise(triple: Triple, symmetric: set[str]) -> Triple:
    s, r, o = triple
    return (min(s, o), r, max(s, o)) if r in symmetric else triple


def read_gold(path: Path, ontology: Ontology) -> dict[Triple, str]:
    """Gold triples of one TSV file with their strongest modality."""
    symmetric = {r.name for r in ontology.relations.values() if r.symmetric}
    found: dict[Triple, list[str]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read gold file ({type(exc).__name__})") from exc
    rows = csv.DictReader(
        (line for line in lines if line.strip() and not line.startswith("#")),
        delimiter="\t",
        quoting=csv.QUOTE_NONE,
    )
    missing = [c for c in GOLD_COLUMNS[:4] if c not in (rows.fieldnames or [])]
    if missing:
        raise InputError(f"{path}: gold file lacks column(s) {', '.join(missing)}")
    for n, row in enumerate(rows, start=2):
        relation, modality = row["relation"].strip(), row["modality"].strip()
        if relation not in ontology.relations:
            raise InputError(f"{path}:{n}: unknown relation {relation!r}")
        if modality not in MODALITY_ORDER:
            raise InputError(f"{path}:{n}: unknown modality {modality!r}")
        triple = normalise(
            (actor_key(row["subject"], ontology), relation, actor_key(row["object"], ontology)),
            symmetric,
        )
        found.setdefault(triple, []).append(modality)
    return {t: strongest(m) for t, m in found.items()}


def system_triples(store: Store, doc_id: str, ontology: Ontology) -> dict[Triple, str]:
    symmetric = {r.name for r in ontology.relations.values() if r.symmetric}
    found: dict[Triple, list[str]] = {}
    prefix = "https://w3id.org/entente/id/actor/"
    for _g, s, p, o, m in store.query(_SYSTEM, bindings={"g": graph_iri(doc_id)}):
        triple = normalise(
            (str(s)[len(prefix) :], str(p).rsplit("#", 1)[-1], str(o)[len(prefix) :]), symmetric
        )
        found.setdefault(triple, []).append(str(m).rsplit("#", 1)[-1])
    return {t: strongest(m) for t, m in found.items()}


def evaluate(gold_dir: Path, store: Store, ontology: Ontology) -> EvalResult:
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise InputError(f"gold folder not found: {gold_dir}")
    files = sorted(gold_dir.glob("*.tsv"))
    if not files:
        raise InputError(f"no gold files (*.tsv) in {gold_dir}")
    result = EvalResult()
    for path in files:
        gold = read_gold(path, ontology)
        result.docs.append(DocScore(path.stem, gold, system_triples(store, path.stem, ontology)))
    return result


def render(result: EvalResult) -> str:
    data = result.as_dict()
    lines = [
        f"{'document':<24}{'gold':>6}{'sys':>6}{'tp':>5}{'P':>8}{'R':>8}{'F1':>8}{'mod.acc':>9}"
    ]
    for doc_id, d in data["documents"].items():
        lines.append(
            f"{doc_id:<24}{d['tp'] + d['fn']:>6}{d['tp'] + d['fp']:>6}{d['tp']:>5}"
            f"{d['precision']:>8.3f}{d['recall']:>8.3f}{d['f1']:>8.3f}"
            f"{d['modality_accuracy']:>9.3f}"
        )
    t = data["overall"]
    lines.append(
        f"{'overall (micro)':<24}{t['tp'] + t['fn']:>6}{t['tp'] + t['fp']:>6}{t['tp']:>5}"
        f"{t['precision']:>8.3f}{t['recall']:>8.3f}{t['f1']:>8.3f}"
        f"{t['modality_accuracy']:>9.3f}"
    )
    return "\n".join(lines)
