"""Alignment on hand-built signed graphs."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from kg.analytics import alignment, alignments
from kg.analytics.alignment import SCALE


def claim(s, o, relation, weight, n):
    return {
        "assertion": f"urn:a{n}",
        "subject": s,
        "object": o,
        "relation": relation,
        "modality": "Asserted",
        "weight": weight,
        "evidence": f"{s} {relation} {o}.",
        "document": "d",
        "title": "T",
    }


def graph(ties) -> nx.Graph:
    g = nx.Graph()
    for n, (s, o, relation, w) in enumerate(ties):
        g.add_edge(s, o, weight=w, claims=[claim(s, o, relation, w, n)])
    return g


WORLD = graph(
    [
        ("russia", "dprk", "alliedWith", 7.4),
        ("russia", "ukraine", "attacks", -10.0),
        ("dprk", "ukraine", "opposes", -4.0),
        ("rok", "ukraine", "supports", 3.5),
        ("rok", "dprk", "opposes", -4.0),
        ("usa", "ukraine", "supports", 3.5),
        ("usa", "rok", "alliedWith", 7.4),
    ]
)


def test_direct_part_is_tanh_of_the_weight():
    found = alignment(WORLD, "russia", "dprk")
    assert found.direct == pytest.approx(math.tanh(7.4 / SCALE), abs=1e-6)
    assert found.shared == ("ukraine",)
    # both oppose Ukraine only: cosine 1 over each one's ties, shrunk by 1/(1+1)
    assert found.similarity == pytest.approx(0.5 * 40 / (10 * math.hypot(4, 4)), abs=1e-6)
    assert found.score == pytest.approx((found.direct + found.similarity) / 2, abs=1e-6)


def test_allies_align_enemies_oppose():
    assert alignment(WORLD, "russia", "dprk").score > 0.4
    assert alignment(WORLD, "dprk", "rok").score < 0
    assert alignment(WORLD, "russia", "ukraine").score < -0.5
    # no direct tie: the shared stance on Ukraine makes the two backers of Ukraine aligned
    assert alignment(WORLD, "usa", "rok").score > 0


def test_evidence_lists_the_direct_claim_first():
    found = alignment(WORLD, "dprk", "rok")
    assert found.evidence[0].relation == "opposes" and found.evidence[0].subject == "rok"
    assert all(e.evidence.endswith(".") for e in found.evidence)


def test_no_evidence_is_zero_and_unknown_actors_are_harmless():
    g = graph([("a", "b", "supports", 3.5), ("c", "d", "supports", 3.5)])
    found = alignment(g, "a", "c")
    assert (found.score, found.direct, found.similarity, found.evidence) == (0.0, None, None, ())
    assert alignment(g, "a", "zzz").score == 0.0


def test_ranking_against_one_actor():
    ranked = [x.b for x in alignments(WORLD, "dprk")]
    assert ranked[0] == "russia" and ranked[-1] == "ukraine"
    assert "dprk" not in ranked
