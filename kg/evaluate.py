"""`kg eval`: precision, recall and F1 of extracted (subject, relation, object) triples against
gold annotations, per document and overall (micro-averaged), and modality accuracy.

A document's triples form a set: a triple mentioned three times counts once. Its modality is the
most assertive of its mentions (Asserted > Reported > Speculative > Negated), on both sides.

Details (issue "claims"): for every gold row that gives a quantity, a date or an attribution and
whose triple the system found in that document, the detail is correct when one of the system's
assertions of that triple there gives the same number (or bounds), the same date (at the gold's
precision), or the same source (the same actor, or a source whose name has the same head word:
"South Korean legislators" and "the country's legislators").
Symmetric relations are compared without regard to direction. Gold names are resolved through
the gazetteer (any label, alias, demonym or capital); names it does not know are compared by
slug with the actors created from NER.

Per rule (`kg rules --gold`): a rule's precision counts the distinct (document, triple) it
produced, and those the gold has. A triple two rules found in one document counts once for
each, so the rules' counts add up to more than `kg eval`'s; counted once, they are its figures.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from kg.corpus.files import read_limited
from kg.errors import InputError
from kg.extract.linker import clean_label
from kg.ids import graph_iri, slugify
from kg.ontology import Ontology, rule_name
from kg.store import Store
from kg.vocab import MODALITY_ORDER

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


@dataclass(frozen=True)
class Detail:
    """What one gold row or system assertion says beyond its triple."""

    quantity: tuple[float | None, float | None, float | None] = (None, None, None)
    date: str = ""
    source: str = ""  # an actor key (slug) or a source's name


@dataclass
class DocScore:
    doc_id: str
    gold: dict[Triple, str]
    system: dict[Triple, str]
    gold_details: list[tuple[Triple, Detail]] = field(default_factory=list)
    system_details: dict[Triple, list[Detail]] = field(default_factory=dict)

    def detail_scores(self) -> dict[str, tuple[int, int]]:
        """(correct, total) for quantity, date and attribution, on triples found."""
        out = {"quantity": [0, 0], "date": [0, 0], "attribution": [0, 0]}
        for triple, gold in self.gold_details:
            if triple not in self.system:
                continue
            found = self.system_details.get(triple, [])
            if gold.quantity != (None, None, None):
                out["quantity"][1] += 1
                out["quantity"][0] += any(_same_number(gold.quantity, d.quantity) for d in found)
            if gold.date:
                out["date"][1] += 1
                out["date"][0] += any(d.date[: len(gold.date)] == gold.date for d in found)
            if gold.source:
                out["attribution"][1] += 1
                out["attribution"][0] += any(_same_source(gold.source, d.source) for d in found)
        return {k: (v[0], v[1]) for k, v in out.items()}

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


def _same_number(gold: tuple, system: tuple) -> bool:
    g_value, g_low, g_high = gold
    s_value, s_low, s_high = system
    if g_value is not None:
        return s_value == g_value or g_value in (s_low, s_high)
    return (g_low, g_high) == (s_low, s_high) or s_value in (g_low, g_high)


def _same_source(gold: str, system: str) -> bool:
    if not gold or not system:
        return False
    if gold == system:
        return True
    head = lambda name: name.replace("-", " ").split()[-1].removesuffix("s")  # noqa: E731
    return head(gold) == head(system)


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
        details = {}
        for kind in ("quantity", "date", "attribution"):
            right = sum(d.detail_scores()[kind][0] for d in self.docs)
            total = sum(d.detail_scores()[kind][1] for d in self.docs)
            details[kind] = {
                "correct": right,
                "total": total,
                "accuracy": right / total if total else 0.0,
            }
        return {
            "details": details,
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
    return read_gold_rows(path, ontology)[0]


def _float(text: str | None) -> float | None:
    text = (text or "").replace(",", "").strip()
    try:
        return float(text) if text else None
    except ValueError:
        return None


def read_gold_rows(
    path: Path, ontology: Ontology
) -> tuple[dict[Triple, str], list[tuple[Triple, Detail]]]:
    """Gold triples with their strongest modality, and each row's details."""
    symmetric = _symmetric(ontology)
    found: dict[Triple, list[str]] = {}
    try:
        lines = read_limited(path, purpose="a gold file").decode("utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: cannot read gold file (not UTF-8)") from exc
    rows = csv.DictReader(
        (line for line in lines if line.strip() and not line.startswith("#")),
        delimiter="\t",
        quoting=csv.QUOTE_NONE,
    )
    missing = [c for c in GOLD_COLUMNS[:4] if c not in (rows.fieldnames or [])]
    if missing:
        raise InputError(f"{path}: gold file lacks column(s) {', '.join(missing)}")
    details: list[tuple[Triple, Detail]] = []
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
        speaker = (row.get("attributedTo") or "").strip()
        detail = Detail(
            quantity=(
                _float(row.get("quantity")),
                _float(row.get("quantityMin")),
                _float(row.get("quantityMax")),
            ),
            date=(row.get("date") or "").strip(),
            source=actor_key(speaker, ontology) if speaker else "",
        )
        if detail != Detail():
            details.append((triple, detail))
    return {t: strongest(m) for t, m in found.items()}, details


_DETAILS = """
SELECT ?g ?s ?p ?o ?q ?qmin ?qmax ?date ?src ?srcLabel WHERE { GRAPH ?g {
  ?x a kgo:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?x kgo:quantity ?q } OPTIONAL { ?x kgo:quantityMin ?qmin }
  OPTIONAL { ?x kgo:quantityMax ?qmax } OPTIONAL { ?x dcterms:date ?date }
  OPTIONAL { ?x kgo:attributedTo ?src . OPTIONAL { ?src rdfs:label ?srcLabel } }
} }
"""


def system_details(store: Store, doc_id: str, ontology: Ontology) -> dict[Triple, list[Detail]]:
    symmetric = _symmetric(ontology)
    prefix = "https://w3id.org/entente/id/actor/"
    out: dict[Triple, list[Detail]] = {}
    for _g, s, p, o, q, qmin, qmax, date, src, src_label in store.query(
        _DETAILS, bindings={"g": graph_iri(doc_id)}
    ):
        triple = normalise(
            (str(s)[len(prefix) :], str(p).rsplit("#", 1)[-1], str(o)[len(prefix) :]), symmetric
        )
        source = ""
        if src is not None:
            source = (
                str(src)[len(prefix) :]
                if str(src).startswith(prefix)
                else slugify(clean_label(str(src_label or "")))
            )
        number = lambda v: float(v) if v is not None else None  # noqa: E731
        out.setdefault(triple, []).append(
            Detail((number(q), number(qmin), number(qmax)), str(date or ""), source)
        )
    return out


_ACTOR = "https://w3id.org/entente/id/actor/"


def _symmetric(ontology: Ontology) -> set[str]:
    return {r.name for r in ontology.relations.values() if r.symmetric}


def _stored(s, p, o, symmetric: set[str]) -> Triple:
    """A stored assertion's (subject, relation, object) as gold names them: actor slugs and
    the relation's local name, a symmetric pair in one order."""
    return normalise(
        (str(s)[len(_ACTOR) :], str(p).rsplit("#", 1)[-1], str(o)[len(_ACTOR) :]), symmetric
    )


def system_triples(store: Store, doc_id: str, ontology: Ontology) -> dict[Triple, str]:
    symmetric = _symmetric(ontology)
    found: dict[Triple, list[str]] = {}
    for _g, s, p, o, m in store.query(_SYSTEM, bindings={"g": graph_iri(doc_id)}):
        found.setdefault(_stored(s, p, o, symmetric), []).append(str(m).rsplit("#", 1)[-1])
    return {t: strongest(m) for t, m in found.items()}


def gold_files(gold_dir: Path) -> list[Path]:
    """The gold TSV files of a folder, one per document (named by its id), sorted."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise InputError(f"gold folder not found: {gold_dir}")
    files = sorted(gold_dir.glob("*.tsv"))
    if not files:
        raise InputError(f"no gold files (*.tsv) in {gold_dir}")
    return files


def evaluate(gold_dir: Path, store: Store, ontology: Ontology) -> EvalResult:
    result = EvalResult()
    for path in gold_files(gold_dir):
        gold, details = read_gold_rows(path, ontology)
        result.docs.append(
            DocScore(
                path.stem,
                gold,
                system_triples(store, path.stem, ontology),
                details,
                system_details(store, path.stem, ontology),
            )
        )
    return result


_SYSTEM_RULES = """
SELECT ?g ?s ?p ?o ?rule WHERE { GRAPH ?g {
  ?x a kgo:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kgo:rule ?rule .
} }
"""


def system_rules(store: Store, doc_id: str, ontology: Ontology) -> dict[Triple, set[str]]:
    """The names of the rules that produced each triple of one document (the triples of
    `system_triples`)."""
    symmetric = _symmetric(ontology)
    found: dict[Triple, set[str]] = {}
    for _g, s, p, o, rule in store.query(_SYSTEM_RULES, bindings={"g": graph_iri(doc_id)}):
        found.setdefault(_stored(s, p, o, symmetric), set()).add(rule_name(rule))
    return found


@dataclass(frozen=True)
class RuleScore:
    """Distinct (document, triple) a rule produced on the gold's documents, and how many of
    them the gold has."""

    tp: int
    produced: int

    @property
    def precision(self) -> float | None:
        """None when the rule produced nothing to judge."""
        return self.tp / self.produced if self.produced else None


def rule_precision(
    gold_dir: Path, store: Store, ontology: Ontology
) -> tuple[dict[str, RuleScore], RuleScore]:
    """Each rule's precision on the documents of ``gold_dir`` (by name, only rules that produced
    something there), and the overall score with each triple counted once per document, which
    is `evaluate`'s precision. North Korea supplying Russia, read by verb-active in one
    sentence of a document and by nominal in another, counts for both rules, once overall."""
    counts: dict[str, list[int]] = {}
    tp = produced = 0
    for path in gold_files(gold_dir):
        gold = read_gold(path, ontology)
        for triple, rules in system_rules(store, path.stem, ontology).items():
            correct = triple in gold
            tp, produced = tp + correct, produced + 1
            for rule in rules:
                score = counts.setdefault(rule, [0, 0])
                score[0] += correct
                score[1] += 1
    return {r: RuleScore(*c) for r, c in sorted(counts.items())}, RuleScore(tp, produced)


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
    lines.append("details on triples found (correct / gold):")
    for kind, d in t["details"].items():
        lines.append(f"  {kind:<12}{d['correct']:>4} / {d['total']:<4}{d['accuracy']:>8.3f}")
    return "\n".join(lines)
