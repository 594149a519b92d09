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

Breakdowns (`kg eval --by`): by construction, the recall of the gold triples whose rows carry
each tag of the optional ``construction`` column (a triple takes the tags of all its rows in its
document, and counts under each); by rule family (kgo:family of ontology/rules.ttl), the gold
triples a rule of the family found, their share of all gold triples, and the precision of what
the family produced, counted as a rule's is. A triple two families found counts for both.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
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
#: The tags of the optional last gold column ``construction``: how a row's sentence states its
#: relation (tests/gold/GUIDELINES.md, "Constructions"), comma-separated, primary first.
CONSTRUCTIONS = (
    "verb",
    "noun",
    "role",
    "list-membership",
    "reciprocal",
    "modifier",
    "coreference",
    "embedded",
    "official",
    "legislative",
    "coordination",
    "hostile-pair",
    "world-knowledge",
)
#: where a gold triple none of whose rows is tagged is counted
UNTAGGED = "untagged"
#: what `kg eval --by` breaks the figures down by
BREAKDOWNS = ("construction", "family")
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
    #: each gold triple's construction tags, the union over its rows (absent: untagged)
    constructions: dict[Triple, frozenset[str]] = field(default_factory=dict)
    #: the names of the rules that produced each system triple
    rules: dict[Triple, set[str]] = field(default_factory=dict)

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


@dataclass(frozen=True)
class Recall:
    """Gold triples of one construction, and how many of them the system found."""

    gold: int
    found: int

    @property
    def recall(self) -> float | None:
        """None when the gold has no triple of the construction."""
        return self.found / self.gold if self.gold else None


@dataclass(frozen=True)
class FamilyScore:
    """What the rules of one family produced on the gold's documents: distinct (document,
    triple), ``found`` of them in the gold, out of the gold's ``gold`` triples."""

    rules: tuple[str, ...]
    produced: int
    found: int
    gold: int

    @property
    def precision(self) -> float | None:
        """None when the family produced nothing to judge."""
        return self.found / self.produced if self.produced else None

    @property
    def recall(self) -> float | None:
        """The family's share of all gold triples: its part of the overall recall."""
        return self.found / self.gold if self.gold else None


@dataclass
class EvalResult:
    docs: list[DocScore] = field(default_factory=list)
    #: the rule families of the ontology, each with its rules' names (kgo:family)
    families: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def by_construction(self) -> dict[str, Recall]:
        """Recall per construction tag, every tag of CONSTRUCTIONS in order, then UNTAGGED. A
        gold triple counts under each tag of its rows, so the counts add up to more than the
        gold's triples when a triple has several tags.

        >>> t = ("dprk", "supplies", "russia")
        >>> tags = {t: frozenset({"noun", "coreference"})}
        >>> doc = DocScore("d", {t: "Asserted"}, {t: "Asserted"}, constructions=tags)
        >>> EvalResult([doc]).by_construction()["noun"]
        Recall(gold=1, found=1)
        """
        counts = {tag: [0, 0] for tag in (*CONSTRUCTIONS, UNTAGGED)}
        for d in self.docs:
            for triple in d.gold:
                for tag in d.constructions.get(triple) or (UNTAGGED,):
                    counts[tag][0] += 1
                    counts[tag][1] += triple in d.system
        return {tag: Recall(gold, found) for tag, (gold, found) in counts.items()}

    def by_family(self) -> dict[str, FamilyScore]:
        """Each family of rules with what it produced and found; a rule of the store that the
        ontology does not describe is a family of its own, after the others."""
        family_of = {rule: name for name, rules in self.families.items() for rule in rules}
        rules = dict(self.families)
        for d in self.docs:
            for rule in set().union(*d.rules.values()) - set(family_of):
                family_of[rule] = rule
                rules[rule] = (rule,)
        scores = _scores_by(self.docs, family_of.__getitem__)
        gold = sum(len(d.gold) for d in self.docs)
        return {
            name: FamilyScore(members, *_counts(scores.get(name)), gold)
            for name, members in rules.items()
        }

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

    def as_dict(self, *, by: Iterable[str] = ()) -> dict:
        """Per document and overall; with ``by``, the breakdowns of BREAKDOWNS asked for."""
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
        out = {"documents": per_doc, "overall": self.totals()}
        if "construction" in by:
            out["by_construction"] = {
                tag: {"gold": r.gold, "found": r.found, "recall": r.recall}
                for tag, r in self.by_construction().items()
            }
        if "family" in by:
            out["by_family"] = {
                name: {
                    "rules": list(f.rules),
                    "produced": f.produced,
                    "found": f.found,
                    "precision": f.precision,
                    "recall": f.recall,
                }
                for name, f in self.by_family().items()
            }
        return out


def _counts(score: RuleScore | None) -> tuple[int, int]:
    """(produced, found) of a score, none produced when there is no score."""
    return (score.produced, score.tp) if score else (0, 0)


def actor_key(name: str, ontology: Ontology) -> str:
    entry = ontology.lookup(name)
    return entry.slug if entry else slugify(clean_label(name))


def normalise(triple: Triple, symmetric: set[str]) -> Triple:
    s, r, o = triple
    return (min(s, o), r, max(s, o)) if r in symmetric else triple


def read_gold(path: Path, ontology: Ontology) -> dict[Triple, str]:
    """Gold triples of one TSV file with their strongest modality."""
    return read_gold_file(path, ontology).triples


def _float(text: str | None) -> float | None:
    text = (text or "").replace(",", "").strip()
    try:
        return float(text) if text else None
    except ValueError:
        return None


@dataclass(frozen=True)
class GoldFile:
    """One gold file: its triples with their strongest modality, each row's details, and each
    triple's construction tags (the union over its rows; a triple no row tags is absent)."""

    triples: dict[Triple, str]
    details: list[tuple[Triple, Detail]]
    constructions: dict[Triple, frozenset[str]]


def _constructions(text: str | None, where: str) -> list[str]:
    """The tags of a ``construction`` field ("noun,coreference"); empty when it is."""
    tags = [tag.strip() for tag in (text or "").split(",") if tag.strip()]
    for tag in tags:
        if tag not in CONSTRUCTIONS:
            raise InputError(
                f"{where}: unknown construction {tag!r} (one of {', '.join(CONSTRUCTIONS)})"
            )
    return tags


def read_gold_file(path: Path, ontology: Ontology) -> GoldFile:
    """Read one gold TSV; a row the evaluation cannot use is an error naming its line."""
    symmetric = _symmetric(ontology)
    found: dict[Triple, list[str]] = {}
    try:
        lines = read_limited(path, purpose="a gold file").decode("utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: cannot read gold file (not UTF-8)") from exc
    # (line number, line) of the header and the rows: errors name the line of the file
    kept = [
        (n, line)
        for n, line in enumerate(lines, start=1)
        if line.strip() and not line.startswith("#")
    ]
    rows = csv.DictReader((line for _n, line in kept), delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = [c for c in GOLD_COLUMNS[:4] if c not in (rows.fieldnames or [])]
    if missing:
        raise InputError(f"{path}: gold file lacks column(s) {', '.join(missing)}")
    details: list[tuple[Triple, Detail]] = []
    constructions: dict[Triple, set[str]] = {}
    for row in rows:
        n = kept[rows.line_num - 1][0]  # one line per row: fields hold no line break
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
        tags = _constructions(row.get("construction"), f"{path}:{n}")
        if tags:
            constructions.setdefault(triple, set()).update(tags)
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
    return GoldFile(
        {t: strongest(m) for t, m in found.items()},
        details,
        {t: frozenset(tags) for t, tags in constructions.items()},
    )


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


def rule_families(ontology: Ontology) -> dict[str, tuple[str, ...]]:
    """The families of the ontology's rules (kgo:family), each with its rules' names; the
    families of sentence patterns first, then those of passes, each by name."""
    families: dict[str, list[str]] = {}
    for name, rule in sorted(ontology.rules.items()):
        families.setdefault(rule.family, []).append(name)
    passes = {
        f for f, names in families.items() if all(ontology.rules[n].kind == "pass" for n in names)
    }
    return {f: tuple(families[f]) for f in sorted(families, key=lambda f: (f in passes, f))}


def evaluate(gold_dir: Path, store: Store, ontology: Ontology) -> EvalResult:
    result = EvalResult(families=rule_families(ontology))
    for path in gold_files(gold_dir):
        gold = read_gold_file(path, ontology)
        result.docs.append(
            DocScore(
                path.stem,
                gold.triples,
                system_triples(store, path.stem, ontology),
                gold.details,
                system_details(store, path.stem, ontology),
                gold.constructions,
                system_rules(store, path.stem, ontology),
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
    result = evaluate(gold_dir, store, ontology)
    tp = sum(len(d.tp) for d in result.docs)
    overall = RuleScore(tp, tp + sum(len(d.fp) for d in result.docs))
    return _scores_by(result.docs, lambda rule: rule), overall


def _scores_by(docs: list[DocScore], group: Callable[[str], str]) -> dict[str, RuleScore]:
    """The distinct (document, triple) the rules of each group produced, and how many of them
    the gold has, by group name (only groups that produced something). A triple rules of two
    groups produced in one document counts once for each group."""
    counts: dict[str, list[int]] = {}
    for d in docs:
        for triple, rules in d.rules.items():
            correct = triple in d.gold
            for name in {group(rule) for rule in rules}:
                score = counts.setdefault(name, [0, 0])
                score[0] += correct
                score[1] += 1
    return {name: RuleScore(*c) for name, c in sorted(counts.items())}


def _figure(value: float | None) -> str:
    return f"{value:>8.3f}" if value is not None else f"{'n/a':>8}"


def render(result: EvalResult, *, by: Iterable[str] = ()) -> str:
    """The table of `kg eval`: per document and overall, the details, then the breakdowns of
    BREAKDOWNS asked for in ``by``."""
    by = tuple(by)
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
    gold, found = t["tp"] + t["fn"], t["tp"]
    if "construction" in by:
        recall = result.by_construction()
        lines += [
            "",
            "recall by construction (gold triples whose rows carry the tag, found by the system):",
            f"{'construction':<18}{'gold':>6}{'found':>7}{'R':>8}",
        ]
        lines += [
            f"{tag:<18}{r.gold:>6}{r.found:>7}{_figure(r.recall)}" for tag, r in recall.items()
        ]
        lines.append(
            f"a triple counts under each tag of its rows: {sum(r.gold for r in recall.values())} "
            f"counts for the {gold} gold triples, {sum(r.found for r in recall.values())} for "
            f"the {found} found"
        )
    if "family" in by:
        families = result.by_family()
        lines += [
            "",
            "by rule family (gold triples a rule of the family found; P of what it produced):",
            f"{'family':<12}{'produced':>9}{'found':>7}{'P':>8}{'R':>8}  rules",
        ]
        lines += [
            f"{name:<12}{f.produced:>9}{f.found:>7}{_figure(f.precision)}{_figure(f.recall)}"
            f"  {', '.join(f.rules)}"
            for name, f in families.items()
        ]
        lines.append(
            f"{'overall':<12}{t['tp'] + t['fp']:>9}{found:>7}{t['precision']:>8.3f}"
            f"{t['recall']:>8.3f}  each triple once"
        )
        lines.append(
            f"R: the family's share of the {gold} gold triples. A triple found by two families "
            f"counts for both: the families' found add up to "
            f"{sum(f.found for f in families.values())} for the {found} found overall"
        )
    return "\n".join(lines)
