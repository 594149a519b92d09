"""The analytics issue's acceptance on the seed corpus."""

from __future__ import annotations

import pytest

from kg.analytics import alignment, analyse
from kg.graph import find_actor
from kg.ontology import load_ontology
from kg.store import Store

pytestmark = pytest.mark.slow
A = "https://w3id.org/entente/id/actor/"


@pytest.fixture(scope="module")
def result(corpus_store):
    with Store(corpus_store, read_only=True) as st:
        return analyse(st, load_ontology())


def test_russia_and_north_korea_share_a_bloc(result):
    bloc = result.bloc_of(A + "russia")
    assert bloc is not None and A + "dprk" in bloc.members


def test_ukraine_is_in_the_opposing_camp(result):
    camps = result.camps
    assert camps.camp_of(A + "russia") == camps.camp_of(A + "dprk")
    assert camps.camp_of(A + "ukraine") not in (None, camps.camp_of(A + "russia"))


def test_alignment_dprk_russia_above_dprk_south_korea_below_zero(result):
    ontology = load_ontology()
    dprk = find_actor(result.signed, "DPRK", ontology)
    russia = find_actor(result.signed, "Moscow", ontology)
    rok = find_actor(result.signed, "South Korea", ontology)
    with_russia = alignment(result.signed, dprk, russia).score
    with_rok = alignment(result.signed, dprk, rok).score
    assert with_russia > 0 > with_rok


def test_north_korea_and_russia_are_in_the_top_three(result):
    assert {A + "dprk", A + "russia"} <= set(result.ranking()[:3])
