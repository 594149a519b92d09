"""Coreference: what a pronoun, a definite description ("the country", "the two nations") or a
group word ("both", "the three European countries") refers to, found by searching the parse
and the mentions before it; and the actors a hyphenated chain names ("the India-Japan
partnership")."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.grammar import grammar_of
from kg.extract.linker import Mention

PERSON_PRONOUNS = frozenset({"he", "his", "him", "himself", "she", "her", "herself"})
PRONOUNS = (
    frozenset({"it", "its", "itself", "they", "their", "them", "themselves"}) | PERSON_PRONOUNS
)

#: Dependencies of a token that heads a noun phrase of its own.
NOMINAL_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "pobj", "poss", "appos", "conj", "attr", "dative", "ROOT"}
)
PLURAL_PRONOUNS = frozenset({"they", "their", "them", "themselves"})
#: Nouns that, with "both" or "two", refer back to a group of actors: "the two nations".

# a capitalised word of letters of any script ("Évariste", "Gnassingbé"), apostrophes, hyphens


def antecedent(token: Token, *, lookback: int = 2) -> Mention | None:
    """The actor a pronoun or definite description ("it", "its", "he", "the country") refers to.

    In order: the subject of the nearest clause above ``token`` (or, under an object-control
    verb, its object: "enabling North Korea to diversify its partners"), where a subject that
    is not an actor stands for its owner ("North Korea's alliance is reminiscent of its
    strategy"); else the nearest fitting actor before ``token`` in its sentence; else, up to
    ``lookback`` sentences back, the subject of the nearest sentence with a fitting subject,
    or the last fitting actor of the previous sentence. "he"/"his" refer to persons, "it" and
    definite nouns never do, and a definite noun needs an actor of its own type.
    """
    doc = token.doc
    mention_at = doc._.mention_at or {}
    lower = token.lower_
    definite = grammar_of(token.doc).definite_nouns
    wanted = definite.get(token.lemma_.lower()) if lower not in PRONOUNS else None
    if lower in PERSON_PRONOUNS:
        wanted = "Person"
    if lower not in PRONOUNS and wanted is None:
        return None
    plural = lower in ("they", "their", "them", "themselves")

    def fits(m: Mention) -> bool:
        if wanted == "Person":
            return m.type == "Person"
        if m.type == "Person":
            return False
        if wanted == "State":
            return m.type == "State"
        if wanted == "Organization":
            return m.type in ("Organization", "Bloc")
        return not plural or m.type in ("Organization", "Bloc") or m.kind == "demonym"

    if (
        (lower in ("it", "them", "him", "her") or lower not in PRONOUNS)
        and token.dep_ in ("dobj", "dative", "pobj", "iobj")
        or lower in ("its", "their")
        and _predicate_noun(token.head)
    ):
        # "China ... supplied it with drones", "... imposed sanctions on the junta": an
        # object pronoun or description is not its clause's subject; nor is the owner of what
        # the subject is said to be ("Beijing is its partner")
        own = _clause_subjects(token, mention_at)
        plain_fits = fits
        fits = lambda m: plain_fits(m) and m.actor not in own  # noqa: E731
    # a description in object position ("sanctions on the junta") names the actor last
    # mentioned that fits, not the nearest clause's subject
    described_object = lower not in PRONOUNS and token.dep_ in ("dobj", "dative", "pobj", "iobj")
    found = None if described_object else _tree_search(token, mention_at, fits)
    if found is not None:
        return found
    sent = token.sent
    before = [
        mention_at[t.i]
        for t in sent
        if t.i < token.i and t.i in mention_at and fits(mention_at[t.i])
    ]
    if before:
        return before[-1]
    start = sent.start
    for back in range(lookback):
        if start == 0:
            break
        prev = doc[start - 1].sent
        subjects = [
            mention_at[t.i]
            for t in prev
            if t.i in mention_at and t.dep_ in ("nsubj", "nsubjpass") and fits(mention_at[t.i])
        ]
        if subjects:
            return subjects[0]
        if back == 0:
            others = [mention_at[t.i] for t in prev if t.i in mention_at and fits(mention_at[t.i])]
            if others:
                return others[-1]
        start = prev.start
    return None


def _predicate_noun(noun: Token) -> bool:
    """A noun saying what a copula's subject is: "X is Y's creditor and [its partner]"."""
    while noun.dep_ == "conj" and noun.head.i != noun.i and noun.head.pos_ == "NOUN":
        noun = noun.head
    return noun.dep_ in ("attr", "conj") and noun.head.lemma_ in ("be", "remain", "become")


def _clause_subjects(token: Token, mention_at: dict[int, Mention]) -> set[str]:
    """Actors that are the subject of the clause holding ``token`` (through conjoined verbs)."""
    verb = token.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    out: set[str] = set()
    while True:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                # "the United Kingdom, Canada and the EU imposed ...": every conjunct
                out.update(
                    mention_at[t.i].actor
                    for t in child.subtree
                    if t.i in mention_at and (t.i == child.i or t.dep_ == "conj")
                )
                if (
                    child.lower_ in ("which", "who", "that")
                    and verb.dep_ == "relcl"
                    and verb.head.i in mention_at
                ):  # "China, which has had a complex relationship with the regime"
                    out.add(mention_at[verb.head.i].actor)
        if verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head
        else:
            return out


def _tree_search(token: Token, mention_at: dict[int, Mention], fits) -> Mention | None:
    """Hobbs-style search of the parse for a pronoun's antecedent: climb from ``token``; at
    each head, search the branches to the left of the path breadth-first, left to right, and
    propose the first fitting actor that heads a noun phrase (not a modifier: "the US-led
    alliance", "Ukrainian forces").
    So the subject of the clause comes before its object, and a nearer clause before a farther.
    """
    came_from, head = token, token.head
    while head.i != came_from.i:
        queue = sorted(
            (c for c in head.children if c.i != came_from.i and c.right_edge.i < token.i),
            key=lambda c: c.i,
        )
        while queue:
            node = queue.pop(0)
            mention = mention_at.get(node.i)
            if mention is not None and node.dep_ in NOMINAL_DEPS and fits(mention):
                return mention
            queue.extend(sorted(node.children, key=lambda c: c.i))
        came_from, head = head, head.head
    return None


def stray_subject(noun: Token) -> Token | None:
    """The finite verb a noun phrase is really the subject of, where the parser hung it on the
    clause before as a conjunct ("confirmed troops are sent to Libya and [the Italian ministry]
    suspects ..."): the phrase ends right before a present or past-tense verb that has no
    subject of its own."""
    if noun.dep_ != "conj" or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    after = noun.right_edge.i + 1
    if after >= len(noun.doc):
        return None
    verb = noun.doc[after]
    if (
        verb.pos_ in ("VERB", "AUX")
        and verb.dep_ not in ("aux", "auxpass")  # "[X and Y] is growing": the clause's own
        and verb.tag_ in ("VBZ", "VBD", "VBP")
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)
    ):
        return verb
    return None


def is_group_reference(token: Token) -> bool:
    """ "they", "both", "either", "the two nations", "both countries": a reference to a group."""
    lower = token.lower_
    if lower in PLURAL_PRONOUNS:
        return True
    if lower in ("both", "either") and token.dep_ not in ("preconj", "cc", "det"):
        return not any(c.dep_ == "prep" for c in token.children)  # "both of them": see "them"
    group_nouns = grammar_of(token.doc).group_nouns
    return token.lemma_.lower() in group_nouns and group_size(token) is not None


GROUP_SIZES = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4}


def group_size(token: Token) -> int | None:
    """How many actors a group noun counts: "both countries" 2, "the three European powers" 3.

    >>> import spacy
    >>> doc = spacy.blank("en")("three")
    >>> group_size(doc[0]) is None
    True
    """
    for c in token.children:
        if c.dep_ in ("det", "nummod", "predet", "quantmod") and c.lower_ in GROUP_SIZES:
            return GROUP_SIZES[c.lower_]
    return None


def antecedents(
    token: Token, *, lookback: int = 2, not_under: frozenset[str] = frozenset()
) -> list[Mention]:
    """The actors a pronoun, definite description or group reference refers to.

    A group reference ("they", "both", "the two nations") refers to the latest group of actors
    before it: a coordination ("Russia and North Korea"), a hyphenated pair ("North
    Korea-Russia"), in its own clause's subject, its sentence or the previous ones; "both" and
    "the two ..." also to the last two actors named. Actors that only modify a noun whose
    lemma is in ``not_under`` do not count ("the Russia-Ukraine war" names a war, not a group).
    Otherwise see `antecedent`.
    """
    if is_group_reference(token):
        group = group_before(token, lookback=lookback, not_under=not_under)
        if group:
            return group
        if token.lower_ not in PLURAL_PRONOUNS:
            return []
    found = antecedent(token, lookback=lookback)
    return [found] if found is not None else []


def _modifies(token: Token, lemmas: frozenset[str]) -> bool:
    """``token`` is (in) a modifier of a noun with one of ``lemmas``: "[Russia-Ukraine] war"."""
    while token.dep_ in ("compound", "amod", "nmod", "npadvmod") and token.head.i != token.i:
        token = token.head
        if token.lemma_.lower() in lemmas:
            return True
    return False


def _groups(
    tokens, mention_at: dict[int, Mention], not_under: frozenset[str] = frozenset()
) -> list[list[Mention]]:
    """Groups of two or more distinct non-person actors among ``tokens``, in order."""
    groups = []
    for t in tokens:
        if t.i not in mention_at or mention_at[t.i].type == "Person":
            continue
        if not_under and _modifies(t, not_under):
            continue
        members = [mention_at[t.i]]
        members += [
            mention_at[c.i]
            for c in t.subtree
            if c.dep_ == "conj" and c.i in mention_at and mention_at[c.i].type != "Person"
        ]
        if len({m.actor for m in members}) < 2:
            members = hyphen_chain(t, mention_at) if t.dep_ in ("compound", "amod", "nmod") else []
        unique = list({m.actor: m for m in members}.values())
        if len(unique) >= 2:
            groups.append(unique)
    return groups


def group_before(
    token: Token, *, lookback: int, not_under: frozenset[str] = frozenset()
) -> list[Mention]:
    doc = token.doc
    mention_at = doc._.mention_at or {}
    size = group_size(token)

    def fitting(groups: list[list[Mention]]) -> list[list[Mention]]:
        # "the three European countries": a group of three
        return [g for g in groups if size is None or size == 2 or len(g) == size]

    sent = token.sent
    head, came_from = token.head, token
    while head.i != came_from.i:  # the subject of a clause above: "Russia and Iran ... their"
        for child in head.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i != came_from.i:
                found = fitting(_groups([child], mention_at, not_under))
                if found:
                    return found[-1]
        came_from, head = head, head.head
    found = fitting(_groups([t for t in sent if t.i < token.i], mention_at, not_under))
    if found:
        return found[-1]
    start = sent.start
    for _ in range(lookback):
        if start == 0:
            break
        prev = doc[start - 1].sent
        found = fitting(_groups(prev, mention_at, not_under))
        if found:
            return found[-1]
        start = prev.start
    if token.lower_ in PLURAL_PRONOUNS or (size or 2) > 2:
        return []  # three or more: only a group named together
    # "both", "the two nations": the last two actors named
    recent: list[Mention] = []
    for t in reversed(doc[max(0, token.sent.start - 200) : token.i]):
        m = mention_at.get(t.i)
        if m is None or (not_under and _modifies(t, not_under)):
            continue
        if m.type != "Person" and all(r.actor != m.actor for r in recent):
            recent.append(m)
            if len(recent) == 2:
                return recent[::-1]
    return []


HYPHENS = frozenset({"-", "\u2013", "\u2014", "/"})


def hyphen_chain(token: Token, mention_at: dict[int, Mention]) -> list[Mention]:
    """The actors of a hyphenated modifier ("North Korea-Russia ties", "China-North
    Korea-Russia alignment"): mentions in ``token``'s subtree joined only by dashes or slashes.
    """
    doc = token.doc
    chain: list[Mention] = []
    i = token.left_edge.i
    while i <= token.right_edge.i:
        if i in mention_at:
            mention = mention_at[i]
            if (
                chain
                and chain[-1] is not mention
                and not (
                    doc[chain[-1].end : i]
                    and all(t.text in HYPHENS for t in doc[chain[-1].end : i])
                )
            ):
                chain = []  # not joined to what came before: start again
            if not chain or chain[-1] is not mention:
                chain.append(mention)
            i = mention.end
            continue
        if doc[i].text not in HYPHENS:
            chain = [] if i < token.i else chain
            if i > token.i:
                break
        i += 1
    own = mention_at[token.i]
    chain = chain if own in chain else [own]
    # the parser may hang the first of a dash-joined pair elsewhere ("the Saudi Arabia–Iran
    # rapprochement"): names joined by a dash with no space either side are one chain
    while chain[0].start >= 2 and _joins(doc, chain[0].start - 1):
        before = mention_at.get(chain[0].start - 2)
        if before is None or before in chain:
            break
        chain.insert(0, before)
    while chain[-1].end + 1 < len(doc) and _joins(doc, chain[-1].end):
        after = mention_at.get(chain[-1].end + 1)
        if after is None or after in chain:
            break
        chain.append(after)
    return chain


def _joins(doc, i: int) -> bool:
    """Token ``i`` is a dash joining the words either side with no space."""
    return doc[i].text in HYPHENS and not doc[i - 1].whitespace_ and not doc[i].whitespace_
