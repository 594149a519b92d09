"""Document passes: what a sentence can only say with the document's help. A transfer into a
war goes to the side its sender backs; troops sent to the other side are not a deployment to
it; and claims that lean on an earlier one (event anaphora, estimates, reactions)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from kg.extract import details
from kg.extract.arguments import Arguments
from kg.extract.candidates import (
    INFERRED_PENALTY,
    Candidate,
    candidate,
    unique,
)
from kg.extract.modality import modality_of, source
from kg.extract.syntax import verb_keys
from kg.vocab import MODALITY_ORDER

#: the passes that produce claims of their own, by the name of their rule (ontology/rules.ttl)
PASSES: dict[str, Callable] = {}


def document_pass(name: str) -> Callable[[Callable], Callable]:
    """Register a pass as the home of the rule ``name``: its claims name that rule."""

    def register(function: Callable) -> Callable:
        if name in PASSES:
            raise ValueError(f"pass {name!r} is registered twice")
        PASSES[name] = function
        function.rule = name
        return function

    return register


def war_side(args: Arguments, found: list[Candidate]) -> list[Candidate]:
    """Keep, of a transfer into a war ("deployed in the Russia-Ukraine war"), the one side
    the sender backs elsewhere in the document (a cooperative claim that is not denied, and
    no hostile one); with no such side, or more than one, the recipient is unknown."""
    if not any(c.war_side for c in found):
        return found
    backs: dict[str, set[str]] = {}
    against: set[frozenset[str]] = set()
    for c in found:
        if c.war_side or c.modality == "Negated":
            continue
        rel = args.lex.relations[c.relation]
        if rel.kind == "hostile":
            against.add(frozenset((c.subject.actor, c.object.actor)))
        elif rel.kind == "cooperative":
            backs.setdefault(c.subject.actor, set()).add(c.object.actor)
            if rel.symmetric:
                backs.setdefault(c.object.actor, set()).add(c.subject.actor)
    options: dict[tuple[int, str, str], list[Candidate]] = {}
    for c in found:
        if c.war_side:
            options.setdefault((c.trigger, c.subject.actor, c.relation), []).append(c)
    keep: set[int] = set()
    for choices in options.values():
        backed = [
            c
            for c in choices
            if c.object.actor in backs.get(c.subject.actor, set())
            and frozenset((c.subject.actor, c.object.actor)) not in against
        ]
        if len(backed) == 1:
            keep.add(id(backed[0]))
    return [c for c in found if not c.war_side or id(c) in keep]


def follow_ups(args: Arguments, doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """Claims that lean on an earlier one (document order):

    * event anaphora: a possessed or definite event noun with no object of its own ("the
      details of its troop deployment") is the event its owner was last said to do, with
      that mention's object; it is no more certain than that mention ("intelligence
      confirmed DPRK has dispatched troops" stays Reported);
    * estimates: a sentence with no relation of its own that counts what the previous
      sentence's claim moves ("Estimations of their numbers vary widely, from around 11,000
      to as many as 100,000") gives that claim's number, as an estimate (Reported);
    * reactions: a verb whose object is a definite event noun with no actor of its own
      ("Iran fired missiles at al-Udeid, and Qatar condemned the attack") relates its
      subject to whoever was last said to do that event, in this sentence or the two before.
    """
    out = Claims(lambda claim: item(args, doc, claim))
    by_sentence: dict[int, list[Candidate]] = {}
    for c in found:
        by_sentence.setdefault(c.sentence_index, []).append(c)
    for index, sent in enumerate(doc.sents):
        own = by_sentence.get(index, [])
        added: list[Candidate] = []
        triggers = {c.trigger for c in own}
        for token in sent:
            if token.i not in triggers:
                added.extend(event_anaphora(args, token, out, index))
                added.extend(reaction(args, token, out, own, index))
        if not own and not added and out.claims and out.claims[-1].sentence_index == index - 1:
            added.extend(estimate(args, sent, index, out))
        for c in (*own, *added):
            out.add(c)
    return out.claims


@document_pass("reaction")
def reaction(args: Arguments, verb: Token, earlier: Claims, here: list[Candidate], index: int):
    """See `_follow_ups`; ``earlier`` are the claims of the sentences before, ``here`` those
    of the verb's own sentence."""
    if verb.pos_ != "VERB":
        return
    key = next((k for k in verb_keys(verb) if k in args.lex.verbs), None)
    events = [
        c
        for c in verb.children
        if c.dep_ == "dobj"
        and c.i not in (verb.doc._.mention_at or {})
        and any(d.dep_ == "det" and d.lower_ in ("the", "this", "that") for d in c.children)
        and not args.owners(c)
    ]
    if key is None or not events:
        return
    before_verb = [c for c in here if c.trigger < verb.i]
    for noun in events:
        for event in args.lex.noun_relations(noun):
            if noun.lemma_.lower() in args.lex.relations[event].items:
                continue
            # "condemned the invasion of Ukraine": an event's own object must be the same
            named = {a.mention.actor for a in args.prep_objects(noun, args.lex.relations[event])}

            def fits(c: Candidate, event=event, named=named) -> bool:
                return c.relation == event and (not named or c.object.actor in named)

            # the latest doer, in this sentence before the verb or in the two before it
            last = next((c for c in reversed(before_verb) if fits(c)), None) or next(
                (c for c in earlier.since(index - 2) if fits(c)), None
            )
            if last is None:
                continue
            # both parties of an agreement or alliance
            actors = [last.subject] + [last.object] * args.lex.relations[event].symmetric
            for rel_name, actor, s in (
                (r, a, s)
                for r in args.lex.verbs[key]
                for a in actors
                for s in unique(args.subjects(verb))
            ):
                if s.mention.actor == actor.actor:
                    continue
                sent = verb.sent
                base = args.lex.rules[reaction.rule].confidence
                yield candidate(
                    verb,
                    sent,
                    index,
                    s.mention,
                    rel_name,
                    actor,
                    modality=modality_of(args, verb, subject=s.mention.actor),
                    rule=reaction.rule,
                    confidence=base - INFERRED_PENALTY * s.inferred,
                    anaphoric=True,
                    when=details.date(verb, sent),
                    source=source(args, verb),
                )


@document_pass("event-anaphora")
def event_anaphora(args: Arguments, noun: Token, earlier: Claims, index: int):
    if noun.pos_ != "NOUN" or noun.i in (noun.doc._.mention_at or {}):
        return
    definite = any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that"))
        for c in noun.children
    )
    if not definite:
        return
    owners = unique(args.owners(noun))
    for rel_name in args.lex.noun_relations(noun):
        rel = args.lex.relations[rel_name]
        if rel.symmetric or rel.kind == "structural" or noun.lemma_.lower() in rel.items:
            continue
        if args.prep_objects(noun, rel) or len(owners) != 1:
            continue
        subject = owners[0].mention.actor
        antecedent, objects = earlier.last_of(rel_name, subject)
        if antecedent is None or (len(objects) > 1 and index - antecedent.sentence_index > 3):
            continue
        own = modality_of(args, noun, subject=subject, presupposed=True)
        modality = min(own, antecedent.modality, key=MODALITY_ORDER.index)
        sent = noun.sent
        base = args.lex.rules[event_anaphora.rule].confidence
        yield candidate(
            noun,
            sent,
            index,
            owners[0].mention,
            rel_name,
            antecedent.object,
            modality=modality,
            rule=event_anaphora.rule,
            confidence=base - INFERRED_PENALTY * owners[0].inferred,
            anaphoric=True,
            quantity=details.quantity(noun),
            when=details.date(noun, sent),
            source=source(args, noun) or (antecedent.source if modality == "Reported" else None),
        )


@document_pass("estimate")
def estimate(args: Arguments, sent: Span, index: int, earlier: Claims):
    counts = [
        t
        for t in sent
        if t.lemma_.lower() in args.lex.grammar.count_nouns
        and t.pos_ == "NOUN"
        and any(c.dep_ == "poss" and c.lower_ in ("their", "its") for c in t.children)
    ]
    if not counts:
        return
    antecedent = next(
        (c for c in earlier.since(index - 1) if args.lex.relations[c.relation].items), None
    )
    found = details.estimate(sent)
    if antecedent is None or found is None:
        return
    item = earlier.item_of(antecedent)
    chain = [t for c in counts for t in (c, *c.ancestors)]
    estimated = any(
        t.lemma_.lower() in args.lex.reporting or t.lemma_.lower() in ("estimate", "estimation")
        for t in chain
    )
    modality = min(
        "Reported" if estimated else "Asserted", antecedent.modality, key=MODALITY_ORDER.index
    )
    yield candidate(
        counts[0],
        sent,
        index,
        antecedent.subject,
        antecedent.relation,
        antecedent.object,
        modality=modality,
        rule=estimate.rule,
        confidence=args.lex.rules[estimate.rule].confidence,
        anaphoric=True,
        quantity=details.Quantity(found.value, found.low, found.high, item, found.unit),
        when=details.date(counts[0], sent),
        source=antecedent.source if modality == "Reported" and not estimated else None,
    )


def item(args: Arguments, doc: Doc, claim: Candidate) -> str:
    """What a claim moves: its counted item, or the item noun of its trigger ("sent troops",
    "its troop deployment")."""
    if claim.quantity and claim.quantity.item:
        return claim.quantity.item
    trigger = doc[claim.trigger]
    items = args.lex.relations[claim.relation].items
    found = next((t for t in (trigger, *trigger.children) if t.lemma_.lower() in items), None)
    if found is None:
        return ""
    if (
        found.dep_ == "compound"
        and found.tag_ == "NN"
        and found.lower_ not in args.lex.grammar.mass_nouns
    ):
        return found.lower_ + "s"  # "its troop deployment" counts troops
    return found.lower_


def front_lines(args: Arguments, found: list[Candidate], doc: Doc) -> list[Candidate]:
    """Drop "troops to X" where X is the other side (of a relation whose verbs move their
    direct object, kgo:directObjectIsTheme: troops are sent): when the document sets the sender,
    or an actor the sender backs, against X, troops "to Ukraine" go to fight it ("North
    Korea's troop deployment to Ukraine" in an article on North Korea backing Russia)."""
    hostile = {
        frozenset((c.subject.actor, c.object.actor))
        for c in found
        if args.lex.relations[c.relation].kind == "hostile" and c.modality != "Negated"
    }
    if not hostile:
        return found
    backs: dict[str, set[str]] = {}
    for c in found:
        if (
            args.lex.relations[c.relation].kind == "cooperative"
            and not args.lex.relations[c.relation].theme_object  # the claims being judged
            and c.modality != "Negated"
        ):
            backs.setdefault(c.subject.actor, set()).add(c.object.actor)
            if args.lex.relations[c.relation].symmetric:
                backs.setdefault(c.object.actor, set()).add(c.subject.actor)

    def against(sender: str, place: str) -> bool:
        sides = {sender} | backs.get(sender, set())
        return any(frozenset((side, place)) in hostile for side in sides if side != place)

    def stationed(c: Candidate) -> bool:
        # troops kept "in" a country are there, whatever the quarrel ("Ethiopia has 3,000
        # troops in Somalia" while the two are at odds); troops sent "to" the other side go
        # to fight it
        head = doc[c.object.start].head
        return head.dep_ == "prep" and head.lower_ == "in"

    return [
        c
        for c in found
        if not (
            args.lex.relations[c.relation].theme_object
            and against(c.subject.actor, c.object.actor)
            and not stationed(c)
        )
    ]


class Claims:
    """The claims of the sentences read so far, in document order, with what the follow-up
    rules look up in them: the latest claim of a relation by a subject and the objects it ever
    had (event anaphora), the item the latest claim of a triple moves (estimates), and the
    claims of the last few sentences (reactions, estimates). Lookups never scan the document."""

    def __init__(self, item: Callable[[Candidate], str]) -> None:
        self.claims: list[Candidate] = []
        self._item = item
        self._by_subject: dict[tuple[str, str], tuple[Candidate, set[str]]] = {}
        self._items: dict[tuple[str, str, str], str] = {}

    def add(self, claim: Candidate) -> None:
        self.claims.append(claim)
        key = (claim.relation, claim.subject.actor)
        objects = self._by_subject.get(key, (claim, set()))[1]
        objects.add(claim.object.actor)
        self._by_subject[key] = (claim, objects)
        item = self._item(claim)
        if item:
            self._items[(claim.subject.actor, claim.relation, claim.object.actor)] = item

    def since(self, sentence: int) -> Iterator[Candidate]:
        """The claims of sentence ``sentence`` and later, the latest first."""
        for claim in reversed(self.claims):
            if claim.sentence_index < sentence:
                return
            yield claim

    def last_of(self, relation: str, subject: str) -> tuple[Candidate | None, set[str]]:
        """The latest claim of ``relation`` by ``subject``, and every object such claims had."""
        return self._by_subject.get((relation, subject), (None, set()))

    def item_of(self, claim: Candidate) -> str:
        """What the latest claim of ``claim``'s triple that names an item moves ("" if none)."""
        return self._items.get((claim.subject.actor, claim.relation, claim.object.actor), "")


@document_pass("official")
def officials(args: Arguments, found: list[Candidate]) -> list[Candidate]:
    """A titled official's claim is their state's too: "Kenyan Foreign Minister Musalia
    Mudavadi condemned Sudan" is Kenya condemns Sudan as well as the minister's own claim. The
    state is the one named right before the person's title (`Memory.state_of`), in this
    sentence or an earlier one; the claim keeps its modality, trigger and details."""
    doc = args.memory.doc
    out: list[Candidate] = []
    seen = {(c.subject.actor, c.relation, c.object.actor, c.trigger) for c in found}
    base = args.lex.rules[officials.rule].confidence
    for claim in found:
        out.append(claim)
        rel = args.lex.relations[claim.relation]
        if (
            claim.subject.type != "Person"
            or claim.object.type == "Person"  # an official's dealings with a person are theirs
            or (rel.subject_types and "State" not in rel.subject_types)
        ):
            continue
        state = args.memory.state_of(claim.subject, doc[claim.trigger])
        if state is None or state.actor == claim.object.actor:
            continue
        if rel.object_types and claim.object.type not in rel.object_types:
            continue
        key = (state.actor, claim.relation, claim.object.actor, claim.trigger)
        if key in seen:
            continue
        seen.add(key)
        out.append(
            replace(
                claim, subject=state, rule=officials.rule, confidence=min(base, claim.confidence)
            )
        )
    return out


#: the words of "followed suit" / "did the same": a clause that repeats the latest claim
SAME_OBJECTS = {"follow": ("suit",), "do": ("same", "likewise")}


@document_pass("follow-suit")
def followers(args: Arguments, found: list[Candidate]) -> list[Candidate]:
    """ "Chile condemned Ecuador. Peru followed suit." is Peru condemns Ecuador: a subject that
    follows suit or does the same does what the latest claim before it (in its sentence or the
    one before) says its subject did, to the same object, with its own modality and date."""
    doc = args.memory.doc
    out = list(found)
    base = args.lex.rules[followers.rule].confidence
    for index, sent in enumerate(doc.sents):
        for verb in sent:
            objects = SAME_OBJECTS.get(verb.lemma_.lower())
            if (
                objects is None
                or verb.pos_ != "VERB"
                or not any(
                    c.dep_ in ("dobj", "advmod") and c.lower_ in objects for c in verb.children
                )
            ):
                continue
            earlier = [c for c in found if c.trigger < verb.i and c.sentence_index >= index - 1]
            if not earlier:
                continue
            last = earlier[-1]
            for s in unique(args.subjects(verb)):
                if s.mention.actor in (last.subject.actor, last.object.actor):
                    continue
                out.append(
                    candidate(
                        verb,
                        sent,
                        index,
                        s.mention,
                        last.relation,
                        last.object,
                        modality=modality_of(args, verb, subject=s.mention.actor),
                        rule=followers.rule,
                        confidence=min(base, last.confidence),
                        anaphoric=True,
                        when=details.date(verb, sent),
                        source=source(args, verb),
                    )
                )
    return sorted(out, key=lambda c: (c.sentence_index, c.trigger))
