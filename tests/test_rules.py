"""The extraction rules as data: ontology/rules.ttl describes each once, assertions name it by
IRI, `kg rules` lists it with what it produced and how precise it is, the docs show the same."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import shutil
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal

from kg.cli import main
from kg.corpus.document import Document
from kg.corpus.meta import DocumentMeta
from kg.errors import OntologyError
from kg.evaluate import evaluate, gold_files, read_gold, rule_precision
from kg.extract.documents import Assertion
from kg.extract.linker import Mention
from kg.extract.modality import presupposed
from kg.ids import doc_iri
from kg.ontology import DEFAULT_DIR, load_ontology, load_shapes
from kg.rulestats import rule_use
from kg.store import Store
from kg.triples import document_triples
from kg.vocab import KGO, MODALITY_NAMES

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
EXTRACTION_DOC = ROOT / "docs" / "extraction.md"
RULES = {
    "verb-active": 0.8,
    "verb-passive": 0.75,
    "light-verb": 0.75,
    "nominal": 0.7,
    "role-appositive": 0.75,
    "role-copular": 0.8,
    "role-title": 0.9,
    "inverse-verb": 0.7,
    "role-group": 0.7,
    "adjective": 0.7,
    "prefix": 0.65,
    "ellipsis": 0.6,
    "event-anaphora": 0.6,
    "estimate": 0.55,
    "member-list": 0.75,
    "reaction": 0.6,
    "verb-reciprocal": 0.7,
    "participle-modifier": 0.7,
    "member-founding": 0.7,
    "official": 0.65,
    "follow-suit": 0.6,
}
PASSES = {"ellipsis", "event-anaphora", "estimate", "reaction", "official", "follow-suit"}
#: kgo:family, the groups `kg eval --by family` scores
FAMILIES = {
    "verb": {"verb-active", "verb-passive", "inverse-verb", "verb-reciprocal"},
    "noun": {"light-verb", "nominal"},
    "role": {"role-appositive", "role-copular", "role-title", "role-group"},
    "modifier": {"adjective", "prefix", "member-list", "member-founding", "participle-modifier"},
    "pass": PASSES,
}


@pytest.fixture(scope="module")
def ontology():
    return load_ontology(DEFAULT_DIR)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# ---------------------------------------------------------------- the ontology's rules


def test_every_rule_with_its_confidence_kind_and_example(ontology):
    assert {name: rule.confidence for name, rule in ontology.rules.items()} == RULES
    assert list(ontology.rules) == sorted(RULES)
    for name, rule in ontology.rules.items():
        assert rule.iri == KGO._NS[f"rule-{name}"] and rule.label == name
        assert rule.kind == ("pass" if name in PASSES else "pattern"), name
        assert rule.description and rule.examples, name
    assert {f: {n for n, r in ontology.rules.items() if r.family == f} for f in FAMILIES} == (
        FAMILIES
    )


@pytest.mark.parametrize(
    "sentence", ["Japan may expand its support for Taiwan.", "A Chinese attack could follow."]
)
def test_presupposes_says_what_the_extractor_does(ontology, pipeline, sentence):
    """kgo:presupposes against the extractor's own test (`presupposed`), for a possessed
    trigger noun ("its support": given by "always" and "when-determined" rules) and one after
    "a" (given only by "always" rules). Passes set their modality themselves."""
    doc = pipeline(sentence)
    noun = next(t for t in doc if t.lemma_ in ("support", "attack"))
    determined = noun.lemma_ == "support"
    for name, rule in ontology.rules.items():
        if rule.kind == "pass":
            continue
        given = rule.presupposes == "always" or (
            determined and rule.presupposes == "when-determined"
        )
        assert presupposed(noun, rule) == given, name


def _examples():
    rules = load_ontology(DEFAULT_DIR).rules
    return [(name, example) for name, rule in rules.items() for example in rule.examples]


@pytest.mark.parametrize("name,example", _examples())
def test_every_example_fires_its_rule(pipeline, name, example):
    found = {c.rule for c in pipeline(example)._.relations}
    assert name in found, found


def _ontology_with(tmp_path: Path, rules: str) -> Path:
    folder = tmp_path / "ontology"
    folder.mkdir()
    shutil.copy(DEFAULT_DIR / "relations.ttl", folder)
    prefixes = (
        "@prefix kgo: <https://w3id.org/entente/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    )
    (folder / "rules.ttl").write_text(prefixes + rules, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "rules,message",
    [
        (
            'kgo:rule-guess a kgo:Rule ; rdfs:label "guess" .',
            "kgo:rule-guess has no kgo:confidence",
        ),
        ("kgo:rule-guess a kgo:Rule ; kgo:confidence 0.5 .", "kgo:rule-guess has no rdfs:label"),
        (
            'kgo:rule-guess a kgo:Rule ; rdfs:label "hunch" ; kgo:confidence 0.5 .',
            "its IRI must be kgo:rule-hunch",
        ),
        ('kgo:rule-guess a kgo:Rule ; rdfs:label "guess" ; kgo:confidence 5 .', "not a number"),
        (
            'kgo:rule-guess a kgo:Rule ; rdfs:label "guess" ; kgo:confidence 0.5 ; kgo:kind "x" .',
            "kgo:kind 'x' is not one of pattern, pass",
        ),
        (
            'kgo:rule-guess a kgo:Rule ; rdfs:label "guess" ; kgo:confidence 0.5 ; '
            'kgo:presupposes "sometimes" .',
            "kgo:presupposes 'sometimes'",
        ),
    ],
)
def test_a_rule_the_extractor_cannot_use_is_an_error_naming_it(tmp_path, rules, message):
    with pytest.raises(OntologyError, match=message):
        load_ontology(_ontology_with(tmp_path, rules))


def test_a_rule_without_a_family_is_a_family_of_its_own(tmp_path):
    rules = load_ontology(
        _ontology_with(
            tmp_path, 'kgo:rule-guess a kgo:Rule ; rdfs:label "guess" ; kgo:confidence 0.5 .'
        )
    ).rules
    assert rules["guess"].family == "guess"


def test_the_rules_conform_to_their_shape(ontology):
    shapes = load_shapes()
    conforms, _, text = validate(ontology.graph, shacl_graph=shapes, inference="rdfs")
    assert conforms, text[:2000]
    broken = Graph()
    for triple in ontology.graph:
        broken.add(triple)
    broken.remove((ontology.rules["nominal"].iri, KGO.kind, None))
    broken.remove((ontology.rules["nominal"].iri, KGO.family, None))
    broken.add((ontology.rules["nominal"].iri, KGO.presupposes, Literal("sometimes")))
    conforms, _, text = validate(broken, shacl_graph=shapes, inference="rdfs")
    assert not conforms
    assert "kgo:kind is pattern or pass" in text and "always, when-determined or never" in text
    assert "exactly one kgo:family" in text


# ---------------------------------------------------------------- kgo:rule in the store


def _assertion(rule: str) -> Assertion:
    iran = Mention(0, 1, "iran", "State", "Iran", "Iran", "label", True)
    russia = Mention(2, 3, "russia", "State", "Russia", "Russia", "label", True)
    return Assertion(
        iran, "supplies", russia, "Asserted", rule, 0.8, 0, 21, "Iran supplies Russia", 0
    )


def _document() -> Document:
    return Document(
        id="d", path=Path("d.txt"), original="", text="", offsets=(0,),
        meta=DocumentMeta(), content_hash="0" * 64,
    )  # fmt: skip


def test_an_assertion_names_its_rule_by_iri(ontology):
    triples = document_triples(_document(), [], [_assertion("verb-active")], ontology)
    assert [o for _, p, o in triples if p == KGO.rule] == [KGO._NS["rule-verb-active"]]
    with pytest.raises(OntologyError, match="rule 'guess' is not described in the ontology"):
        document_triples(_document(), [], [_assertion("guess")], ontology)


BY_LABEL = """
SELECT ?name (COUNT(DISTINCT ?a) AS ?n) WHERE {
  ?a a kgo:Assertion ; kgo:rule ?rule . ?rule a kgo:Rule ; rdfs:label ?name .
} GROUP BY ?name
"""


def test_counts_by_rule_add_up_and_join_the_ontology_graph(corpus_store, ontology):
    with Store(corpus_store, read_only=True) as st:
        use = rule_use(st, ontology)
        total = int(
            next(iter(st.query("SELECT (COUNT(?a) AS ?n) WHERE { ?a a kgo:Assertion }")))[0]
        )
        joined = {str(name): int(n) for name, n in st.query(BY_LABEL)}
        documents = len(st.documents())
    assert list(use) == sorted(RULES)  # every rule, those that produced nothing too
    assert use["verb-active"].assertions > 0 and use["member-list"].assertions == 0
    assert sum(u.assertions for u in use.values()) == total
    assert joined == {name: u.assertions for name, u in use.items() if u.assertions}
    assert all(set(u.by_modality) == set(MODALITY_NAMES) for u in use.values())
    assert 0 < use["verb-active"].documents <= documents


VERB_ACTIVE = """
SELECT ?d ?s ?p ?o WHERE {
  ?a prov:wasDerivedFrom ?d ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
     kgo:rule kgo:rule-verb-active .
}
"""


def test_precision_of_a_rule_by_hand_and_overall_as_evaluate(corpus_store, ontology):
    symmetric = {r.name for r in ontology.relations.values() if r.symmetric}
    by_hand_tp = by_hand_produced = 0
    with Store(corpus_store, read_only=True) as st:
        scores, overall = rule_precision(GOLD, st, ontology)
        totals = evaluate(GOLD, st, ontology).totals()
        for path in gold_files(GOLD):
            gold = read_gold(path, ontology)
            found = set()
            for _d, s, p, o in st.query(VERB_ACTIVE, bindings={"d": doc_iri(path.stem)}):
                s, p, o = (str(x).rsplit("/", 1)[-1].rsplit("#", 1)[-1] for x in (s, p, o))
                found.add((min(s, o), p, max(s, o)) if p in symmetric else (s, p, o))
            by_hand_produced += len(found)
            by_hand_tp += len(found & set(gold))
    assert by_hand_produced > 0
    assert (scores["verb-active"].tp, scores["verb-active"].produced) == (
        by_hand_tp,
        by_hand_produced,
    )
    assert (overall.tp, overall.produced) == (totals["tp"], totals["tp"] + totals["fp"])
    assert overall.precision == pytest.approx(totals["precision"])
    # two rules may find one triple of a document, never fewer than one
    assert sum(s.produced for s in scores.values()) >= overall.produced


# ---------------------------------------------------------------- kg rules


def test_kg_rules_lists_every_rule(capsys):
    code, out, _ = run(capsys, "rules")
    assert code == 0
    table = out.split("\n\n")[0].splitlines()
    assert table[0].split() == ["rule", "kind", "shapes", "confidence", "presupposes"]
    listed = {line.split()[0]: float(line.split()[3]) for line in table[2:]}
    assert listed == RULES
    shapes = {line.split()[0]: int(line.split()[2]) for line in table[2:]}
    assert shapes["verb-passive"] == 3 and shapes["reaction"] == 0
    assert sum(shapes.values()) == len(load_ontology().patterns)
    assert 'e.g. "Hungary sided with Serbia."' in out  # the first example, under its rule


def test_kg_rules_json_with_store_and_gold(capsys, corpus_store, ontology):
    code, out, _ = run(
        capsys, "rules", "--store", str(corpus_store), "--gold", str(GOLD), "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    rows = {r["rule"]: r for r in data["rules"]}
    assert {name: r["confidence"] for name, r in rows.items()} == RULES
    with Store(corpus_store, read_only=True) as st:
        totals = evaluate(GOLD, st, ontology).totals()
        assertions = sum(u.assertions for u in rule_use(st, ontology).values())
    assert sum(r["assertions"] for r in rows.values()) == assertions
    assert all(r["assertions"] == sum(r[m] for m in MODALITY_NAMES) for r in rows.values())
    assert rows["reaction"]["precision"] is None  # produced nothing to judge
    assert data["overall"]["precision"] == pytest.approx(totals["precision"])


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_kg_rules_delimited_with_the_overall_row(capsys, corpus_store, fmt):
    code, out, _ = run(
        capsys, "rules", "--store", str(corpus_store), "--gold", str(GOLD), "--format", fmt
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
    assert [r["rule"] for r in rows] == [*sorted(RULES), "overall"]
    assert int(rows[-1]["tp"]) <= int(rows[-1]["produced"]) and rows[-1]["kind"] == ""


def test_kg_rules_table_with_gold_prints_the_overall_line(capsys, corpus_store, ontology):
    code, out, _ = run(capsys, "rules", "--store", str(corpus_store), "--gold", str(GOLD))
    with Store(corpus_store, read_only=True) as st:
        totals = evaluate(GOLD, st, ontology).totals()
    assert code == 0
    assert f"precision {totals['precision']:.3f} (each triple once per document" in out


@pytest.mark.parametrize(
    "argv,message",
    [
        (["--format", "xml"], "unknown format 'xml'"),
        (["--gold", "/nonexistent/gold"], "gold folder not found"),
    ],
)
def test_kg_rules_errors_are_one_line(capsys, corpus_store, argv, message):
    code, out, err = run(capsys, "rules", "--store", str(corpus_store), *argv)
    lines = [line for line in err.splitlines() if line.strip()]
    assert code != 0 and out == "" and len(lines) == 1 and message in lines[0], err


# ---------------------------------------------------------------- the docs


def test_the_docs_rule_table_is_generated_from_the_ontology(ontology):
    spec = importlib.util.spec_from_file_location("rules_table", ROOT / "tools" / "rules_table.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    text = EXTRACTION_DOC.read_text(encoding="utf-8")
    assert tool.replace_tables(text, ontology) == text
    shapes = text[text.index(tool.SHAPES_BEGIN) : text.index(tool.SHAPES_END)].splitlines()[3:]
    assert [line.split("|")[2].strip().strip("`") for line in shapes] == [
        p.rule for p in ontology.patterns
    ]
    named = {
        line.split("|")[1].strip().strip("`")
        for line in text[text.index(tool.BEGIN) : text.index(tool.END)].splitlines()[3:]
    }
    assert named == set(RULES)
