"""Who claims what, how many and when, and where the claims disagree (`kg claims`).

For each (subject, relation, object), every assertion is a claim: a document, a source (who
says so, when someone does), a modality, and what it says beyond the triple: a quantity and a
date. Two claims conflict when

* their numbers cannot both be true: exact values that differ, or a value outside the other's
  range ("3,000" against "from 11,000 to 100,000"); both must count the same kind of item;
* their dates differ at the precision both give ("June 2023" against "June 2024"; "2024"
  agrees with "June 2024"), for relations that happen once (the ontology's kgo:singleEvent:
  signing a treaty, forming an alliance, joining a bloc; troops are sent again and again),
  leaving out dates bounded by "since", "by" or "until";
* one states the relation (Asserted or Reported) and another denies it (Negated).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from kg.ontology import Ontology
from kg.store import Store
from kg.vocab import STATED

_CLAIMS = """
SELECT DISTINCT ?a ?s ?p ?o ?m ?e ?doc ?title ?q ?qmin ?qmax ?item ?unit ?date ?qualifier
       ?src ?srcLabel ?sLabel ?oLabel WHERE {
  ?a a kgo:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kgo:modality ?m ;
     kgo:evidence ?e ; prov:wasDerivedFrom ?doc .
  ?s rdfs:label ?sLabel . ?o rdfs:label ?oLabel .
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?a kgo:quantity ?q }
  OPTIONAL { ?a kgo:quantityMin ?qmin }
  OPTIONAL { ?a kgo:quantityMax ?qmax }
  OPTIONAL { ?a kgo:item ?item }
  OPTIONAL { ?a kgo:unit ?unit }
  OPTIONAL { ?a dcterms:date ?date }
  OPTIONAL { ?a kgo:dateQualifier ?qualifier }
  OPTIONAL { ?a kgo:attributedTo ?src . ?src rdfs:label ?srcLabel }
}
"""


@dataclass(frozen=True)
class Claim:
    assertion: str
    document: str
    title: str
    modality: str
    source: str  # who says so, "" when the author does
    quantity: float | None
    low: float | None
    high: float | None
    item: str
    unit: str
    date: str
    qualifier: str
    evidence: str

    @property
    def increment(self) -> bool:
        """It counts more of something ("10,000 more soldiers"): no total to compare."""
        return self.item.startswith("more ")

    @property
    def interval(self) -> tuple[float, float] | None:
        if self.quantity is not None:
            return self.quantity, self.quantity
        if self.low is None and self.high is None:
            return None
        return (
            self.low if self.low is not None else 0.0,
            self.high if self.high is not None else math.inf,
        )

    def amount(self) -> str:
        """ "3,000 soldiers", "up to 10,000 troops", "USD 2,000"."""

        def n(x: float) -> str:
            return f"{x:,.0f}" if x == int(x) else f"{x:,}"

        if self.quantity is not None:
            text = n(self.quantity)
        elif self.low is not None and self.high is not None:
            text = f"{n(self.low)} to {n(self.high)}"
        elif self.low is not None:
            text = f"at least {n(self.low)}"
        elif self.high is not None:
            text = f"up to {n(self.high)}"
        else:
            return ""
        return " ".join(x for x in (self.unit, text, self.item) if x)


@dataclass
class ClaimGroup:
    subject: str
    relation: str
    object: str
    subject_label: str
    object_label: str
    claims: list[Claim] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


def _item_key(item: str) -> str:
    """Items counted alike: "soldiers", "troops", "forces" are the same kind of thing."""
    words = item.lower().split()
    head = words[-1] if words else ""
    return head.removesuffix("s")


def _same_kind(a: Claim, b: Claim) -> bool:
    return (
        not a.item
        or not b.item
        or _item_key(a.item) == _item_key(b.item)
        or {
            _item_key(a.item),
            _item_key(b.item),
        }
        <= {"soldier", "troop", "force", "personnel", "fighter", "man", "men"}
    )


def conflicts(claims: list[Claim], *, dated: bool = True) -> list[str]:
    """What the claims disagree on, one line each (see the module docstring).

    >>> c = lambda q=None, date="", m="Asserted", lo=None, hi=None: Claim(
    ...     "a", "d", "T", m, "", q, lo, hi, "soldiers", "", date, "", "")
    >>> conflicts([c(3000), c(10000)])
    ['numbers differ: 3,000 soldiers; 10,000 soldiers']
    >>> conflicts([c(12000), c(lo=11000, hi=100000)])
    []
    >>> more = Claim("b", "d", "T", "Reported", "", 10000, None, None, "more soldiers", "", "",
    ...              "", "")
    >>> conflicts([c(3000), more])  # an increment is no rival total
    []
    >>> conflicts([c(date="2023-06"), c(date="2024-06"), c(date="2024-06-19")])
    ['dates differ: 2023-06; 2024-06; 2024-06-19']
    >>> conflicts([c(date="2024-06"), c(date="2024")])  # the same year, one more precise
    []
    >>> conflicts([c(date="2023"), c(date="2024")], dated=False)  # troops go again and again
    []
    >>> conflicts([c(m="Reported"), c(m="Negated")])
    ['stated in one place, denied in another']
    """
    out = []
    counted = [c for c in claims if c.interval is not None and not c.increment]
    clash = set()
    for i, a in enumerate(counted):
        for b in counted[i + 1 :]:
            (a1, a2), (b1, b2) = a.interval, b.interval
            if _same_kind(a, b) and (a2 < b1 or b2 < a1):
                clash.update({a.amount(), b.amount()})
    if clash:
        out.append("numbers differ: " + "; ".join(sorted(clash, key=_amount_order)))
    with_dates = [c for c in claims if c.date and not c.qualifier] if dated else []
    differ = set()
    for i, a in enumerate(with_dates):
        for b in with_dates[i + 1 :]:
            n = min(len(a.date), len(b.date))
            if a.date[:n] != b.date[:n]:
                differ.update({a.date, b.date})
    if differ:
        out.append("dates differ: " + "; ".join(sorted(differ)))
    stated = any(c.modality in STATED for c in claims)
    if stated and any(c.modality == "Negated" for c in claims):
        out.append("stated in one place, denied in another")
    return out


def _amount_order(text: str) -> tuple:
    digits = "".join(ch for ch in text.split(" to ")[0] if ch.isdigit())
    return (int(digits) if digits else 0, text)


def claim_groups(store: Store, ontology: Ontology, *, actor: str | None = None) -> list[ClaimGroup]:
    """Every (subject, relation, object) with its claims, those involving ``actor`` only if
    given; conflicting groups first, then by the number of claims."""
    symmetric = {str(r.iri) for r in ontology.relations.values() if r.symmetric}
    once = {r.name for r in ontology.relations.values() if r.single_event}
    groups: dict[tuple[str, str, str], ClaimGroup] = {}
    for row in store.query(_CLAIMS):
        a, s, p, o, m, e, doc, title, q, qmin, qmax, item, unit, date, qualifier = row[:15]
        src, src_label, s_label, o_label = row[15:]
        s, o, p = str(s), str(o), str(p)
        if actor is not None and actor not in (s, o):
            continue
        if p in symmetric and o < s:
            s, o, s_label, o_label = o, s, o_label, s_label
        key = (s, p, o)
        group = groups.get(key)
        if group is None:
            group = groups[key] = ClaimGroup(s, p.rsplit("#", 1)[-1], o, str(s_label), str(o_label))
        group.claims.append(
            Claim(
                assertion=str(a),
                document=str(doc).rsplit("/", 1)[-1],
                title=str(title or ""),
                modality=str(m).rsplit("#", 1)[-1],
                source=str(src_label or ""),
                quantity=float(q) if q is not None else None,
                low=float(qmin) if qmin is not None else None,
                high=float(qmax) if qmax is not None else None,
                item=str(item or ""),
                unit=str(unit or ""),
                date=str(date or ""),
                qualifier=str(qualifier or ""),
                evidence=str(e),
            )
        )
    for group in groups.values():
        group.claims.sort(key=lambda c: (c.document, c.assertion))
        group.conflicts = conflicts(group.claims, dated=group.relation in once)
    return sorted(
        groups.values(),
        key=lambda g: (
            not g.conflicts,
            -len(g.claims),
            g.subject_label,
            g.relation,
            g.object_label,
        ),
    )
