"""What reading a document so far has established, for the references that need it: the
pairs of actors in symmetric relations ("this alliance" means the document's main alliance)
and the state each titled person speaks for ("his country").

A `Memory` belongs to one Doc: it is made with the Doc's `Arguments` and filled as the
extractor finds claims, sentence by sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from kg.extract.candidates import Candidate
from kg.extract.lexicon import Lexicon
from kg.extract.linker import Mention


@dataclass
class Pair:
    """What the document said so far of one pair of actors in symmetric relations."""

    actors: frozenset[str]
    claim: Candidate  # the latest
    last: int  # its position among every claim
    count: int = 0
    relations: set[str] = field(default_factory=set)


class Memory:
    """One Doc's symmetric claims per pair of actors, and its titled persons' states."""

    def __init__(self, lex: Lexicon, doc: Doc) -> None:
        self.lex = lex
        self.doc = doc
        self.seen: dict[frozenset[str], Pair] = {}
        self.total = 0
        self._titled: dict[str, tuple[int, Mention]] | None = None

    def note(self, claim: Candidate) -> None:
        """Remember a claim just found (pairs are kept up to date as claims come, so each "this
        alliance" reads them instead of rereading every claim)."""
        if self.lex.relations[claim.relation].symmetric:
            actors = frozenset((claim.subject.actor, claim.object.actor))
            pair = self.seen.setdefault(actors, Pair(actors, claim, self.total))
            pair.claim, pair.last = claim, self.total
            pair.count += 1
            pair.relations.add(claim.relation)
        self.total += 1

    def group(self, token: Token) -> list[Mention]:
        """The parties of the relation a demonstrative relation noun refers back to ("this
        alliance", "that partnership"), among the symmetric relations found earlier in the
        document: a pair named in the noun's own sentence first ("Russia gains from this
        alliance, through North Korea's manpower"), then the pair most often related so far
        (the document's main alliance), then one of the noun's own relation, then the latest.
        """
        own = set(self.lex.noun_relations(token)) | {
            r for words, r in self.lex.roles.get(token.lemma_.lower(), ()) if len(words) == 1
        }
        mention_at = token.doc._.mention_at or {}
        here = {mention_at[t.i].actor for t in token.sent if t.i in mention_at}
        if not self.seen:
            return []
        best = max(
            self.seen.values(),
            key=lambda p: (len(p.actors & here), p.count, bool(p.relations & own), p.last),
        )
        return [best.claim.subject, best.claim.object]

    def state_of(self, person: Mention, near: Token) -> Mention | None:
        """The state a person holds office in, from a title before one of their mentions up to
        ``near`` ("Burundian President Évariste Ndayishimiye", "Togo's President Faure
        Gnassingbé"): the state named right before the title."""
        if self._titled is None:
            self._titled = self._titled_states()
        first = self._titled.get(person.actor)
        # the first titled mention decides: any later one is after it, so after ``near`` too
        return first[1] if first is not None and first[0] <= near.i else None

    def _titled_states(self) -> dict[str, tuple[int, Mention]]:
        """Actor -> (start, state) of its first mention that a title and a state precede (one
        pass over the mentions, not one per "his country")."""
        doc = self.doc
        mention_at = doc._.mention_at or {}
        out: dict[str, tuple[int, Mention]] = {}
        for mention in doc._.mentions or []:
            if mention.actor in out:
                continue
            i = mention.start - 1
            titles = self.lex.title_words | self.lex.grammar.official_titles
            while i >= 0 and doc[i].lower_ in titles:
                i -= 1
            if i < mention.start - 1 and doc[i].text in ("'s", "\u2019s", "'"):
                i -= 1
            found = mention_at.get(i)
            if found is not None and found.type == "State":
                out[mention.actor] = (mention.start, found)
        return out
