"""The relation extractor: a spaCy component that reads a Doc sentence by sentence, hands each
token to the rules, turns what they find into candidates with a modality and details, then
runs the document passes.

Its output is ``doc._.relations``, a list of `Candidate` in document order. What a reading of
one Doc establishes (the pairs of allies met so far, the states titled people speak for) lives
in that Doc's `Arguments`, made afresh for each Doc: the component itself never changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from kg.extract import details
from kg.extract.arguments import Arguments
from kg.extract.candidates import INFERRED_PENALTY, Candidate, candidate
from kg.extract.coreference import PRONOUNS
from kg.extract.lexicon import Lexicon, joins
from kg.extract.linker import english_words
from kg.extract.modality import modality_of, presupposed, source
from kg.extract.passes import follow_ups, followers, front_lines, officials, war_side
from kg.extract.rules import CHECKS, READERS, pairs, patterns
from kg.extract.shapes import Shapes
from kg.extract.syntax import imperative
from kg.ontology import PATTERNS_FILE, Grammar, Ontology, load_ontology

MAX_HEADING_TOKENS = 16


class RelationExtractor:
    """spaCy component: ``doc._.relations``, a list of `Candidate` in document order."""

    def __init__(
        self, ontology: Ontology, vocab: Vocab, *, verbs: frozenset[str] = frozenset()
    ) -> None:
        self.lex = Lexicon(ontology, verbs=verbs)
        self.shapes = Shapes(
            self.lex,
            ontology.patterns,
            vocab,
            readers=READERS,
            checks=CHECKS,
            source=str(ontology.directory / PATTERNS_FILE),
        )

    def __call__(self, doc: Doc) -> Doc:
        args = Arguments(self.lex, doc, self.shapes.match(doc))
        found: list[Candidate] = []
        speculative_section = False
        heading_cue = self.lex.heading_cue
        for index, sent in enumerate(doc.sents):
            if is_heading(sent, doc.text):
                speculative_section = bool(heading_cue and heading_cue.search(sent.text))
            for claim in sentence(args, sent, index, speculative_section):
                args.memory.note(claim)
                found.append(claim)
        found = front_lines(args, war_side(args, found), doc)
        doc._.relations = officials(args, followers(args, follow_ups(args, doc, found)))
        return doc


def is_heading(sent: Span, text: str) -> bool:
    """A short sentence alone on its line (``text`` is the document's)."""
    own = sent.text.strip()
    if not own or len(sent) > MAX_HEADING_TOKENS or own[-1] in ".;,:\"'":
        return False
    start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
    end = start + len(own)
    # the nearest character before and after that is not a space or tab (never a copy of
    # the text on either side: that made every sentence cost the whole document)
    while start and text[start - 1] in " \t":
        start -= 1
    while end < len(text) and text[end] in " \t":
        end += 1
    return (not start or text[start - 1] == "\n") and (end == len(text) or text[end] == "\n")


def _may_hold_actors(sent: Span, grammar: Grammar) -> bool:
    mention_at = sent.doc._.mention_at or {}
    return any(
        t.i in mention_at
        or t.lower_ in PRONOUNS
        or t.lower_ in ("both", "either")
        or t.lemma_.lower() in grammar.definite_nouns
        or t.lemma_.lower() in grammar.group_nouns
        for t in sent
    )


def sentence(args: Arguments, sent: Span, index: int, speculative: bool) -> Iterator[Candidate]:
    """The candidates of one sentence: every reading the rules give of each of its tokens, one
    per (subject, relation, object, trigger)."""
    if not _may_hold_actors(sent, args.lex.grammar):
        return  # no actor can be an argument here
    lex = args.lex
    seen: set[tuple[str, str, str, int]] = set()
    question = sent.text.rstrip().endswith("?") or imperative(sent, lex.english_verbs)
    for token in sent:
        for rule, rel_name, subjects, objects in patterns(args, token):
            rel = lex.relations[rel_name]
            for s, o in pairs(args, rel, subjects, objects):
                key = (s.mention.actor, rel_name, o.mention.actor, token.i)
                if key in seen:
                    continue
                seen.add(key)
                # "EU sanctions" exist whatever the sentence says; Serbia's joining them
                # does not
                spec = lex.rules[rule]
                given = presupposed(token, spec) and not (
                    joins(token, lex)
                    and s.mention.actor not in {a.mention.actor for a in args.owners(token)}
                )
                yield candidate(
                    token,
                    sent,
                    index,
                    s.mention,
                    rel_name,
                    o.mention,
                    modality=modality_of(
                        args,
                        token,
                        speculative=speculative or (question and not given),
                        subject=s.mention.actor,
                        presupposed=given,
                    ),
                    rule=rule,
                    confidence=spec.confidence - INFERRED_PENALTY * (s.inferred or o.inferred),
                    anaphoric=s.anaphoric or o.anaphoric,
                    quantity=details.quantity(token),
                    when=details.date(token, sent),
                    source=source(args, token),
                    war_side=o.side,
                )


@Language.factory(
    "entente_relations",
    default_config={"ontology_dir": ""},
    requires=["doc._.mentions", "token.dep", "token.lemma"],
    assigns=["doc._.relations"],
)
def make_relation_extractor(nlp: Language, name: str, ontology_dir: str) -> RelationExtractor:
    ontology = load_ontology(Path(ontology_dir)) if ontology_dir else load_ontology()
    return RelationExtractor(ontology, nlp.vocab, verbs=english_words(nlp, pos="verb"))
