"""A researcher extends Entente by editing Turtle, not Python: a relation type added to a copy
of the ontology (its triggers, family, weight) is extracted, stored and weighed end to end, and
a grammar word added there is read, with no change to the code."""

from __future__ import annotations

import shutil

import pytest

from kg.analytics import analyse
from kg.build import build
from kg.extract.pipeline import build_pipeline
from kg.ontology import DEFAULT_DIR, load_ontology
from kg.store import Store

RECOGNISES = """
kgo:recognises a owl:ObjectProperty ;
    rdfs:subPropertyOf kgo:cooperativeRelation ;
    rdfs:label "recognises" ;
    rdfs:comment "Recognises the object as a state or its government as lawful." ;
    kgo:intensity 5.0 ; kgo:cameo "057" ; kgo:plover "AGREE" ;
    kgo:verbTrigger "recognise", "recognize" ;
    kgo:nounTrigger "recognition" ;
    kgo:subjectPreposition "by" ;
    kgo:objectPreposition "of" .
"""

TEXT = (
    "Nicaragua recognised Palestine in 2008. "
    "The recognition of Palestine by Syria followed in 2018. "
    "Georgia condemned Nicaragua for the move.\n"
)


@pytest.fixture(scope="module")
def extended(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ontology")
    shutil.copytree(DEFAULT_DIR, folder, dirs_exist_ok=True)
    relations = folder / "relations.ttl"
    relations.write_text(relations.read_text(encoding="utf-8") + RECOGNISES, encoding="utf-8")
    return load_ontology(folder)


def test_a_relation_added_in_turtle_is_extracted_end_to_end(extended, tmp_path):
    assert extended.relations["recognises"].kind == "cooperative"
    nlp = build_pipeline(ontology_dir=extended.directory)
    found = {
        (c.subject.actor, c.relation, c.object.actor, c.rule)
        for c in nlp(TEXT)._.relations
        if c.relation == "recognises"
    }
    assert found == {
        ("nicaragua", "recognises", "palestine", "verb-active"),
        ("syria", "recognises", "palestine", "nominal"),
    }
    src = tmp_path / "docs"
    src.mkdir()
    (src / "recognition.txt").write_text(TEXT, encoding="utf-8")
    with Store(tmp_path / "store") as store:
        report = build([src], store, nlp, ontology=extended)
        stated = store.query(
            "ASK { kgr:actor\\/nicaragua <https://w3id.org/entente/ontology#recognises> "
            "kgr:actor\\/palestine }"
        ).askAnswer
    assert report.failed == [] and stated
    with Store(tmp_path / "store", read_only=True) as store:
        result = analyse(store, extended)
    edge = result.signed["https://w3id.org/entente/id/actor/nicaragua"][
        "https://w3id.org/entente/id/actor/palestine"
    ]
    assert edge["weight"] == pytest.approx(5.0) and edge["sign"] == 1


def test_a_grammar_word_added_in_turtle_is_read(tmp_path_factory, nlp):
    """ "the emirate" refers back to a state once kgo:stateDescription lists it."""
    text = "Qatar hosted the talks in Doha. The emirate supports Hamas.\n"

    def supports(pipeline) -> set[tuple[str, str]]:
        return {
            (c.subject.actor, c.object.actor)
            for c in pipeline(text)._.relations
            if c.relation == "supports"
        }

    assert ("qatar", "hamas") not in supports(nlp)
    folder = tmp_path_factory.mktemp("grammar")
    shutil.copytree(DEFAULT_DIR, folder, dirs_exist_ok=True)
    grammar = folder / "grammar.ttl"
    grammar.write_text(
        grammar.read_text(encoding="utf-8") + '\nkgo:grammar kgo:stateDescription "emirate" .\n',
        encoding="utf-8",
    )
    assert load_ontology(folder).grammar.definite_nouns["emirate"] == "State"
    assert ("qatar", "hamas") in supports(build_pipeline(ontology_dir=folder))
