"""The pipeline: components in order, the ruler from the ontology, title-case headings."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import EntenteError
from kg.extract.pipeline import HeadlineCase, build_pipeline, ruler_patterns
from kg.ontology import load_ontology


def test_components_in_order(nlp):
    names = nlp.pipe_names
    assert names.index("entente_paragraphs") < names.index("parser")
    assert names.index("entity_ruler") < names.index("ner")
    assert names[-2:] == ["entente_linker", "entente_relations"]


def test_ruler_patterns_cover_actor_names_and_regions():
    patterns = ruler_patterns(load_ontology())
    by_text = {(p["pattern"], p["id"]) for p in patterns}
    assert ("Pyongyang", "dprk") in by_text and ("North Korean", "dprk") in by_text
    assert ("Indo-Pacific", "place/indo-pacific") in by_text
    assert patterns == sorted(patterns, key=lambda p: (p["id"], p["pattern"], p["label"]))


def test_an_unknown_model_is_a_clear_error():
    with pytest.raises(EntenteError, match="not installed"):
        build_pipeline(model="no_such_model_xyz")


@pytest.mark.parametrize(
    "heading,expected",
    [
        (
            "Iran Sends Drones to Russia in Support of Its War",
            "Iran sends drones to Russia in support of its war",
        ),
        (
            "Why the Atlantic Alliance Fears a Deeper Military Pact",
            "Why the Atlantic Alliance fears a deeper military pact",
        ),
        ("NATO and EU Impose Sanctions on Belarus", "NATO and EU impose sanctions on Belarus"),
    ],
)
def test_title_case_headings_are_parsed_in_sentence_case(nlp, heading, expected):
    text = heading + "\n\nA sentence that Stays As It Is.\n"
    out = HeadlineCase(nlp)(text, [(0, len(heading))])
    assert out[: len(heading)] == expected
    assert out[len(heading) :] == text[len(heading) :]  # only headings, same length


def test_a_sentence_case_heading_is_left_alone(nlp):
    heading = "Benefits for North Korea and what Moscow gains"
    assert HeadlineCase(nlp)(heading, [(0, len(heading))]) == heading


def test_a_title_case_heading_yields_its_relation(nlp):
    from kg.corpus import Document
    from kg.corpus.meta import DocumentMeta
    from kg.extract.documents import extract

    text = "Iran Sends Drones to Russia\n\nThe war goes on.\n"
    doc = Document(
        id="t",
        path=Path("t.txt"),
        original=text,
        text=text,
        offsets=tuple(range(len(text) + 1)),
        meta=DocumentMeta(),
        content_hash="0" * 64,
        headings=((0, 27),),
    )
    found = []
    extract(nlp, [doc], on_document=lambda d, m, a: found.extend(a))
    assert {(a.subject.actor, a.relation, a.object.actor) for a in found} == {
        ("iran", "supplies", "russia")
    }
    assert found[0].evidence == "Iran Sends Drones to Russia"  # evidence is the original text


def test_a_conjunction_within_a_line_never_opens_a_sentence(pipeline):
    text = "Quiet Water, Loud Warnings\n\nFinland and Sweden joined NATO. Two years on, it is calm."
    starts = [s.text.split()[0] for s in pipeline(text).sents]
    assert starts == ["Quiet", "Finland", "Two"]
