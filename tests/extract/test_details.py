"""Quantities, dates and sources of claims, on sentences of our own, and `kg claims`."""

from __future__ import annotations

import json

import pytest

from kg.build import build
from kg.claims import claim_groups
from kg.extract.details import DateMention, number, parse_date, resolve
from kg.ontology import load_ontology
from kg.store import Store

from ..test_cli import run as cli


def claims_of(nlp, text: str) -> dict:
    return {(c.subject.actor, c.relation, c.object.actor): c for c in nlp(text)._.relations}


@pytest.mark.parametrize(
    "text,triple,value,low,high,item",
    [
        (
            "Iran has sent 1,200 drones to Russia.",
            ("iran", "supplies", "russia"),
            1200,
            None,
            None,
            "drones",
        ),
        (
            "Belarus delivered ten thousand shells to Russia.",
            ("belarus", "supplies", "russia"),
            10000,
            None,
            None,
            "shells",
        ),
        (
            "Turkey may send up to 500 soldiers to Libya.",
            ("turkey", "deploysTroopsTo", "libya"),
            None,
            None,
            500,
            "soldiers",
        ),
        (
            "Chad dispatched at least 3 battalions to Mali.",
            ("chad", "deploysTroopsTo", "mali"),
            None,
            3,
            None,
            "battalions",
        ),
        (
            "India's sale of 36 jets to Egypt was signed.",
            ("india", "supplies", "egypt"),
            36,
            None,
            None,
            "jets",
        ),
    ],
)
def test_quantities(nlp, text, triple, value, low, high, item):
    found = claims_of(nlp, text)[triple].quantity
    assert (found.value, found.low, found.high) == (value, low, high)
    assert found.item == item


def test_the_number_of_parties_is_not_a_quantity(nlp):
    claim = claims_of(nlp, "Chile and Peru met. The two nations signed a treaty.")
    assert claim[("chile", "signedAgreementWith", "peru")].quantity is None


@pytest.mark.parametrize(
    "text,triple,date,qualifier",
    [
        (
            "On 3 March 2023, Iran sent drones to Russia.",
            ("iran", "supplies", "russia"),
            "2023-03-03",
            "",
        ),
        (
            "In May 2022, Finland and Sweden applied to join NATO.",
            ("finland", "memberOf", "nato"),
            "2022-05",
            "",
        ),
        (
            "Since 2014, Russia has occupied Crimea and attacked Ukraine.",
            ("russia", "attacks", "ukraine"),
            "2014",
            "since",
        ),
        (
            "In March, Mali signed an accord with Russia.",
            ("mali", "signedAgreementWith", "russia"),
            "2025-03",
            "",
        ),
    ],
)
def test_dates_resolved_against_the_document(nlp, text, triple, date, qualifier):
    found = claims_of(nlp, text)[triple].when
    assert resolve(found, "2025-04/2025-05") == date and found.qualifier == qualifier


def test_citation_years_are_not_event_dates(nlp):
    claim = claims_of(nlp, "Russia backs Serbia (Petrovic, 2019).")
    assert claim[("russia", "supports", "serbia")].when is None


@pytest.mark.parametrize(
    "text,triple,label,actor",
    [
        (
            "France said that Russia supplies Mali with arms.",
            ("russia", "supplies", "mali"),
            "France",
            "france",
        ),
        (
            "According to Reuters, Iran sent drones to Sudan.",
            ("iran", "supplies", "sudan"),
            "Reuters",
            "reuters",
        ),
        (
            "Ukrainian officials claimed that Belarus supplies Russia with fuel.",
            ("belarus", "supplies", "russia"),
            "Ukrainian officials",
            None,
        ),
        (
            "Defectors reveal that Syria supplied missiles to Iran.",
            ("syria", "supplies", "iran"),
            "Defectors",
            None,
        ),
    ],
)
def test_sources(nlp, text, triple, label, actor):
    claim = claims_of(nlp, text).get(triple)
    assert claim is not None, claims_of(nlp, text)
    assert claim.source.label == label
    assert (claim.source.actor.actor if claim.source.actor else None) == actor


def test_numbers_and_dates_parse():
    assert number("2.5 million") == 2_500_000 and number("a few") is None
    assert parse_date("the 1990s") is None and parse_date("early 2024") == (2024, None, None)
    assert resolve(DateMention("December", None, 12, None), "2025-02") == "2024-12"


TWO_CLAUSES = (
    "Britain has confirmed 400 Turkish troops are being sent to Libya and the Italian "
    "defence ministry suspects 600 more to be sent by March."
)


def all_claims(nlp, text: str) -> list:
    return [
        (
            c.subject.actor,
            c.relation,
            c.object.actor,
            c.modality,
            c.rule,
            c.quantity and (c.quantity.value, c.quantity.low, c.quantity.high, c.quantity.item),
            c.source and c.source.label,
        )
        for c in nlp(text)._.relations
    ]


@pytest.mark.parametrize(
    "text,expected",
    [
        (  # a war named by both sides: the side the sender backs in the document
            "Belarus backs Russia. 2,000 Belarusian soldiers are being deployed in the "
            "Russia-Ukraine war.",
            ("belarus", "deploysTroopsTo", "russia", "Asserted", "light-verb",
             (2000, None, None, "soldiers"), None),
        ),
        (
            "Chad supports France. Chad has sent 1,000 soldiers to the war between France and "
            "Mali.",
            ("chad", "deploysTroopsTo", "france", "Asserted", "light-verb",
             (1000, None, None, "soldiers"), None),
        ),
        (  # "N more": the relation counted just before, its own number and modality
            "Iran has sent 1,200 drones to Russia and plans to send 800 more.",
            ("iran", "supplies", "russia", "Speculative", "ellipsis",
             (800, None, None, "more drones"), None),
        ),
        (  # ... and its own source, whose subject the parser hung on the clause before
            TWO_CLAUSES,
            ("turkey", "deploysTroopsTo", "libya", "Reported", "ellipsis",
             (600, None, None, "more troops"), "Italian defence ministry"),
        ),
        (  # a reference back to an event, then a count of what it moved
            "Russia has deployed troops to Belarus. Little is known about the details of its "
            "deployment. Estimates of their numbers range from 5,000 to 8,000.",
            ("russia", "deploysTroopsTo", "belarus", "Reported", "estimate",
             (None, 5000, 8000, "troops"), None),
        ),
    ],
)  # fmt: skip
def test_claims_that_lean_on_their_context(nlp, text, expected):
    assert expected in all_claims(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        # no side is backed in the document: the recipient is unknown
        "5,000 Polish soldiers were sent into the Russia-Ukraine war.",
        # the sender backs both sides: unknown too
        "Hungary backs Serbia and Croatia. Hungarian troops were deployed in the "
        "Serbia-Croatia war.",
    ],
)
def test_a_war_names_no_recipient_by_itself(nlp, text):
    assert not [c for c in all_claims(nlp, text) if c[1] == "deploysTroopsTo"]


def test_each_clause_keeps_its_own_source_date_and_subject(nlp):
    claims = all_claims(nlp, TWO_CLAUSES)
    first = next(c for c in claims if c[4] == "light-verb")
    assert first[5] == (400, None, None, "troops") and first[6] == "United Kingdom"
    assert not [c for c in claims if c[2] == "italy"]  # the ministry is no recipient
    dates = {c.rule: c.when for c in nlp(TWO_CLAUSES)._.relations}
    assert dates["light-verb"] is None  # "by March" is the second clause's
    assert resolve(dates["ellipsis"], "2025-01/2025-02") == "2025-03"  # a deadline ahead


def test_an_event_noun_without_antecedent_is_no_claim(nlp):
    claims = all_claims(nlp, "Little is known about the details of Russia's deployment.")
    assert claims == []


CONFLICTING = {
    "a.txt": "In June 2019, Qatar signed a defence pact with Turkey. "
    "Officials said Turkey sent 3,000 troops to Qatar.\n",
    "b.txt": "Turkey signed a defence pact with Qatar in June 2017. "
    "Analysts estimate that Turkey sent as many as 1,500 soldiers to Qatar.\n",
    "c.txt": "Turkey has not sent troops to Qatar, Ankara insists.\n",
}


@pytest.fixture(scope="module")
def conflicting(tmp_path_factory, pipeline):
    src = tmp_path_factory.mktemp("conflicting")
    for name, text in CONFLICTING.items():
        (src / name).write_text(text, encoding="utf-8")
    path = tmp_path_factory.mktemp("store") / "s"
    with Store(path) as st:
        build([src], st, pipeline)
    return path


def test_conflicting_numbers_dates_and_denials(conflicting):
    with Store(conflicting, read_only=True) as st:
        groups = {
            (g.subject_label, g.relation, g.object_label): g
            for g in claim_groups(st, load_ontology())
        }
    pact = groups[("Qatar", "signedAgreementWith", "Turkey")]
    assert pact.conflicts == ["dates differ: 2017-06; 2019-06"]
    troops = groups[("Turkey", "deploysTroopsTo", "Qatar")]
    assert "numbers differ: up to 1,500 soldiers; 3,000 troops" in troops.conflicts
    assert "stated in one place, denied in another" in troops.conflicts
    assert {c.source for c in troops.claims} >= {"Officials", "Analysts"}


def test_kg_claims_command(capsys, conflicting):
    code, out, _ = cli(capsys, "claims", "Ankara", "--store", str(conflicting), "--conflicts")
    assert code == 0 and "CONFLICT" in out and "according to Officials" in out
    code, out, _ = cli(capsys, "claims", "--store", str(conflicting), "--format", "json")
    data = json.loads(out)
    assert {g["relation"] for g in data} >= {"signedAgreementWith", "deploysTroopsTo"}


@pytest.mark.slow
def test_seed_corpus_claims_about_north_korea(capsys, corpus_store):
    code, out, _ = cli(capsys, "claims", "DPRK", "--store", str(corpus_store), "--conflicts")
    assert code == 0
    assert (
        "North Korea signedAgreementWith Russia" in out and "dates differ: 2023-06; 2024-06" in out
    )
    assert "numbers differ: 3,000 soldiers; 10,000 soldiers; 11,000 to 100,000 troops" in out
    assert "according to Volodymyr Zelenskyy" in out and "according to country's legislators" in out
    # the claims the issue names: 3,000 confirmed by the USA, 10,000 more suspected by South
    # Korean intelligence, and the estimates from around 11,000 to as many as 100,000
    assert "3,000 soldiers, according to United States" in out
    assert "10,000 more soldiers, by 2024-12, according to South Korean intelligence agency" in out
    assert "Reported, 11,000 to 100,000 troops [" in out
