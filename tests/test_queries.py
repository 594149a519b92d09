"""The query library: every saved query, its header, and its answer on the seed corpus."""

from __future__ import annotations

import pytest

from kg import queries
from kg.build import build
from kg.errors import InputError
from kg.ontology import load_ontology
from kg.store import Store

from .conftest import CORPUS

A = "https://w3id.org/entente/id/actor/"


def run(store_path, name: str, **params) -> list[dict[str, str]]:
    query = queries.get(name)
    with Store(store_path, read_only=True) as st:
        bindings = queries.bind(query, params, st, load_ontology())
        result = st.query(query.text, bindings=bindings, name=name)
        names = [str(v) for v in result.vars]
        return [
            {n: ("" if row[i] is None else str(row[i])) for i, n in enumerate(names)}
            for row in result
        ]


EXPECTED = {
    "suppliers": lambda rows: (
        ("North Korea", "Asserted") in {(r["supplierLabel"], r["modality"]) for r in rows}
    ),
    "backers": lambda rows: (
        {("Russia", "alliedWith"), ("China", "supports")}
        <= {(r["backerLabel"], r["relation"]) for r in rows}
    ),
    "opponents": lambda rows: (
        ("Russia", "attacks", "Asserted")
        in {(r["opponentLabel"], r["relation"], r["modality"]) for r in rows}
    ),
    "actor-profile": lambda rows: (
        {r["label"] for r in rows} == {"North Korea"}
        and {r["type"] for r in rows} == {"State"}
        and rows[0]["wikidata"].endswith("Q423")
        and ("out", "supplies", "Russia")
        in {(r["direction"], r["relation"], r["otherLabel"]) for r in rows}
    ),
    "allies-of-allies": lambda rows: (
        ("Russia", "Belarus") in {(r["allyLabel"], r["allyOfAllyLabel"]) for r in rows}
    ),
    "bloc-members": lambda rows: (
        {r["memberLabel"] for r in rows} == {"Armenia", "Kazakhstan", "Kyrgyzstan", "Tajikistan"}
    ),
    "evidence": lambda rows: (
        len(rows) >= 3
        and all(r["evidence"] and int(r["charEnd"]) > int(r["charStart"]) for r in rows)
        and {r["modality"] for r in rows} >= {"Asserted", "Reported"}
        # the rule's label, joined from the ontology graph, not its IRI
        and {r["rule"] for r in rows} <= set(load_ontology().rules)
    ),
    "speculative": lambda rows: (
        ("North Korea", "attacks", "Ukraine")
        in {(r["subjectLabel"], r["relation"], r["objectLabel"]) for r in rows}
    ),
    "relations-by-document": lambda rows: (
        ("Volodymyr Zelenskyy", "condemns", "North Korea")
        in {(r["subjectLabel"], r["relation"], r["objectLabel"]) for r in rows}
        and {r["rule"] for r in rows} <= set(load_ontology().rules)
        and [int(r["charStart"]) for r in rows] == sorted(int(r["charStart"]) for r in rows)
    ),
    "timeline": lambda rows: (
        rows
        and [r["date"] for r in rows] == sorted(r["date"] for r in rows)
        # "since Putin assumed power in 2000, Russia has strengthened its ties with North Korea"
        and (rows[0]["date"], rows[0]["dated"], rows[0]["relation"])
        == ("2000", "event", "partnerOf")
        and {"2023-06", "2024-06"}
        <= {r["date"] for r in rows if r["relation"] == "signedAgreementWith"}
    ),
    # the seed articles never contradict each other outright (see the hand-made case below)
    "disagreements": lambda rows: rows == [],
    # 3,000 against 10,000 soldiers; the treaty signed in June 2023 or June 2024
    "conflicts": lambda rows: (
        {(r["relation"], r["conflict"], frozenset(r["values"].split(", "))) for r in rows}
        >= {
            ("deploysTroopsTo", "numbers differ", frozenset(("3000", "10000"))),
            ("signedAgreementWith", "dates differ", frozenset(("2023-06", "2024-06"))),
        }
    ),
}
PARAMS = {
    "suppliers": {"actor": "Moscow"},
    "backers": {"actor": "DPRK"},
    "opponents": {"actor": "Kyiv"},
    "actor-profile": {"actor": "Pyongyang"},
    "allies-of-allies": {"actor": "North Korean"},
    "bloc-members": {"bloc": "Collective Security Treaty Organization"},
    "evidence": {"subject": "North Korea", "relation": "supplies", "object": "Russia"},
    "relations-by-document": {"document": "003_9f5078c6c3371068"},
}


def test_every_library_query_has_an_expected_answer():
    assert set(EXPECTED) == set(queries.library())


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_library_query_on_the_seed_corpus(corpus_store, name):
    rows = run(corpus_store, name, **PARAMS.get(name, {}))
    assert EXPECTED[name](rows), rows[:5]


def test_headers_document_every_query_and_parameter():
    for query in queries.library().values():
        assert len(query.description) > 40, query.name
        for param in query.params:
            assert param.description and f"?{param.name}" in query.text.split("WHERE")[0]


def test_disagreement_between_two_documents(tmp_path, pipeline):
    src = tmp_path / "docs"
    src.mkdir()
    (src / "a.txt").write_text("Belarus supplies Russia with shells.\n", encoding="utf-8")
    (src / "b.txt").write_text("Belarus has not supplied Russia with shells.\n", encoding="utf-8")
    with Store(tmp_path / "s") as st:
        build([src], st, pipeline)
    rows = run(tmp_path / "s", "disagreements")
    assert [(r["subjectLabel"], r["relation"], r["objectLabel"]) for r in rows] == [
        ("Belarus", "supplies", "Russia")
    ]
    assert "not" in rows[0]["denied"] and "not" not in rows[0]["stated"]


def test_parameters_are_checked(corpus_store):
    with pytest.raises(InputError, match="give --param actor"):
        run(corpus_store, "suppliers")
    with pytest.raises(InputError, match="unknown parameter"):
        run(corpus_store, "suppliers", actor="Russia", colour="red")
    with pytest.raises(InputError, match="unknown actor 'Atlantis'"):
        run(corpus_store, "suppliers", actor="Atlantis")
    with pytest.raises(InputError, match="unknown relation"):
        run(corpus_store, "evidence", subject="Iran", relation="likes", object="Russia")


def test_an_injection_attempt_is_just_a_name(corpus_store):
    # a value is bound as an RDF term, never pasted into the query text
    with pytest.raises(InputError, match="unknown actor"):
        run(corpus_store, "suppliers", actor='Russia" } ; DROP ALL ; SELECT * { ?s ?p "')
    assert CORPUS.exists()
