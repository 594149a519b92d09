"""The sentence shapes are data: ontology/patterns.json holds spaCy DependencyMatcher patterns
keyed to the ontology's trigger lists, each naming its rule and the reader that finds its
actors. Every rule has one home; a shape added or removed in a copy of the ontology changes
what is extracted with no change to the code; a broken patterns file fails with its name."""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

import pytest

from kg.errors import OntologyError
from kg.extract.passes import PASSES
from kg.extract.pipeline import build_pipeline
from kg.extract.rules import CHECKS, READERS
from kg.ontology import DEFAULT_DIR, PATTERNS_FILE, RELATION_SOURCES, load_ontology

EXTRACT = Path(__file__).resolve().parents[2] / "kg" / "extract"


@pytest.fixture(scope="module")
def ontology():
    return load_ontology()


def claims(nlp, text: str) -> set[tuple[str, str, str, str]]:
    return {(c.subject.actor, c.relation, c.object.actor, c.rule) for c in nlp(text)._.relations}


def copy_with(tmp_path: Path, edit) -> Path:
    """A copy of the shipped ontology whose patterns.json ``edit`` has changed."""
    folder = tmp_path / "ontology"
    shutil.copytree(DEFAULT_DIR, folder)
    path = folder / PATTERNS_FILE
    document = json.loads(path.read_text(encoding="utf-8"))
    edit(document)
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    return folder


# ---------------------------------------------------------------- one home per rule


def test_every_rule_has_exactly_one_home(ontology):
    """A rule is read by the patterns that name it or by the one pass registered for it."""
    by_patterns = {p.rule for p in ontology.patterns}
    assert by_patterns.isdisjoint(PASSES)
    assert by_patterns | set(PASSES) == set(ontology.rules)


def test_every_reader_and_check_is_used_and_every_named_one_is_registered(ontology):
    assert {p.reads for p in ontology.patterns} == set(READERS)
    assert {p.check for p in ontology.patterns if p.check} == set(CHECKS)


def test_no_rule_name_is_written_in_the_extraction_code(ontology):
    """The code never says which rule it is: the patterns file does, and a pass says it once,
    where it registers. No claim is made with a rule written out (``rule="nominal"``), no rule
    looked up by a name written out (``rules["nominal"]``), no reading yielded with one."""
    names = set(ontology.rules)

    def named(node) -> bool:
        return isinstance(node, ast.Constant) and node.value in names

    found = []
    for path in sorted(EXTRACT.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                (isinstance(node, ast.keyword) and node.arg == "rule" and named(node.value))
                or (isinstance(node, ast.Subscript) and named(node.slice))
                or (
                    isinstance(node, ast.Yield)
                    and isinstance(node.value, ast.Tuple)
                    and any(named(e) for e in node.value.elts)
                )
            ):
                found.append(f"{path.name}:{node.lineno}")
    assert found == []


def test_each_pattern_keys_its_trigger_to_the_lists_it_reads(ontology):
    """A pattern reading a trigger list names that list (or a class that implies it) on its
    trigger node, so the DependencyMatcher only tries it on that list's words."""
    for spec in ontology.patterns:
        condition = spec.pattern[0]["RIGHT_ATTRS"].get("_", {}).get("entente", {})
        named = {w for value in condition.values() for w in value}
        for source in spec.relations:
            if source in (None, "membershipRelation"):
                continue
            assert source in RELATION_SOURCES
            assert source in named or not named.isdisjoint(spec.relations), spec


# ---------------------------------------------------------------- the shapes on a parse


def test_every_shape_matches_its_example_and_its_rule_fires_there(nlp, ontology):
    shapes = nlp.get_pipe("entente_relations").shapes
    for number, spec in enumerate(ontology.patterns, 1):
        assert spec.example, f"pattern {number} has no example"
        doc = nlp(spec.example)
        matched = [m for found in shapes.match(doc).values() for m in found if m.spec == spec]
        assert matched, f"pattern {number} ({spec.rule}) does not match {spec.example!r}"
        assert spec.rule in {c.rule for c in doc._.relations}, (number, spec.example)


def test_tokens_carry_their_classes(nlp):
    doc = nlp("The EU imposed sanctions on Belarus.")
    by_text = {t.text: set(t._.entente) for t in doc}
    assert {"lightVerb"} <= by_text["imposed"]
    assert {"nounTrigger", "hostileNoun"} <= by_text["sanctions"]
    assert by_text["The"] == set()
    assert doc[1]._.entente_actor in ("Organization", "Bloc") and doc[0]._.entente_actor == ""


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Ukraine was invaded by Russia.", ("russia", "attacks", "ukraine", "verb-passive")),
        ("Russia invaded Ukraine.", ("russia", "attacks", "ukraine", "verb-active")),
        (
            "The EU imposed sanctions on Belarus.",
            ("european-union", "sanctions", "belarus", "light-verb"),
        ),
        (
            "The EU's sanctions on Belarus hurt.",
            ("european-union", "sanctions", "belarus", "nominal"),
        ),
    ],
)
def test_the_first_shape_that_matches_reads_the_relation(nlp, text, expected):
    """Passive before active, a carried noun before a bare one: one reading each."""
    found = {c for c in claims(nlp, text) if c[:3] == expected[:3]}
    assert found == {expected}


# ---------------------------------------------------------------- extending by data


def test_a_shape_added_in_a_copy_takes_over_what_it_matches(tmp_path, nlp):
    """A new rule, described in rules.ttl and given a shape in patterns.json ahead of
    verb-active, reads participle clauses; nothing else changes and no Python is edited."""
    text = "Belarus, backing Russia, hosts its missiles. Poland backs Ukraine."

    def add(document):
        participle = {
            "rule": "verb-participle",
            "relations": "verbTrigger",
            "reads": "active_verb",
            "example": "Belarus, backing Russia, hosts its missiles.",
            "pattern": [
                {
                    "RIGHT_ID": "trigger",
                    "RIGHT_ATTRS": {
                        "TAG": "VBG",
                        "DEP": "advcl",
                        "_": {"entente": {"INTERSECTS": ["verbTrigger"]}},
                    },
                }
            ],
        }
        rules = [p["rule"] for p in document["patterns"]]
        document["patterns"].insert(rules.index("verb-active"), participle)

    folder = copy_with(tmp_path, add)
    rules = folder / "rules.ttl"
    rules.write_text(
        rules.read_text(encoding="utf-8")
        + '\nkgo:rule-verb-participle a kgo:Rule ; rdfs:label "verb-participle" ;\n'
        '    rdfs:comment "A verb trigger heading an adverbial participle clause." ;\n'
        '    kgo:confidence 0.7 ; kgo:kind "pattern" ; kgo:presupposes "never" .\n',
        encoding="utf-8",
    )
    before = claims(nlp, text)
    assert ("belarus", "supports", "russia", "verb-active") in before
    after = claims(build_pipeline(ontology_dir=folder), text)
    assert ("belarus", "supports", "russia", "verb-participle") in after
    assert ("poland", "supports", "ukraine", "verb-active") in after
    assert {c for c in after if c[3] != "verb-participle"} == {
        c for c in before if c[:3] != ("belarus", "supports", "russia")
    }


def test_a_shape_removed_in_a_copy_reads_nothing_more(tmp_path, nlp):
    text = "The E3 (France, Germany and the United Kingdom) met in Geneva."
    assert ("france", "memberOf", "e3", "member-list") in claims(nlp, text)

    def remove(document):
        document["patterns"] = [p for p in document["patterns"] if p["rule"] != "member-list"]

    folder = copy_with(tmp_path, remove)
    assert not any(c[3] == "member-list" for c in claims(build_pipeline(ontology_dir=folder), text))


# ---------------------------------------------------------------- a broken file names itself


@pytest.mark.parametrize(
    "edit,message",
    [
        (lambda d: d["patterns"][0].update(rule="no-such-rule"), "is not a rule of rules.ttl"),
        (lambda d: d["patterns"][0].update(relations="verbTriggers"), "each must be one of"),
        (lambda d: d["patterns"][0]["pattern"][0].update(RIGHT_ID="verb"), 'the first "trigger"'),
        (lambda d: d["patterns"][0].pop("reads"), "no reader"),
        (lambda d: d["patterns"][0].update(where={"colour": "red"}), "must name fields"),
        (lambda d: d.pop("patterns"), 'no list of "patterns"'),
    ],
)
def test_a_malformed_entry_fails_on_loading_naming_file_and_entry(tmp_path, edit, message):
    folder = copy_with(tmp_path, edit)
    with pytest.raises(OntologyError, match=message) as caught:
        load_ontology(folder)
    assert str(folder / PATTERNS_FILE) in str(caught.value)


@pytest.mark.parametrize(
    "edit,message",
    [
        (lambda d: d["patterns"][0].update(reads="no_such_reader"), "no reader is registered"),
        (lambda d: d["patterns"][0].update(check="no_such_check"), "no check is registered"),
        (
            lambda d: d["patterns"][0]["pattern"][0]["RIGHT_ATTRS"].update(
                _={"entente": {"INTERSECTS": ["verbTriger"]}}
            ),
            "unknown classes",
        ),
        (
            lambda d: d["patterns"][0]["pattern"].append({"RIGHT_ID": "x", "RIGHT_ATTRS": {}}),
            "not a DependencyMatcher pattern",
        ),
    ],
)
def test_a_pattern_the_pipeline_cannot_use_fails_when_it_is_built(tmp_path, edit, message):
    folder = copy_with(tmp_path, edit)
    with pytest.raises(OntologyError, match=message) as caught:
        build_pipeline(ontology_dir=folder)
    assert "pattern 1 (member-list)" in str(caught.value)


def test_malformed_json_is_one_clear_error(tmp_path):
    folder = tmp_path / "ontology"
    shutil.copytree(DEFAULT_DIR, folder)
    (folder / PATTERNS_FILE).write_text('{"patterns": [', encoding="utf-8")
    with pytest.raises(OntologyError, match="malformed JSON"):
        load_ontology(folder)
