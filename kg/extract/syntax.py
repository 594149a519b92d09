"""Small readings of the dependency parse shared by the stages: lemma keys of a verb, the
heads that govern a trigger, clause boundaries, infinitives and imperatives."""

from __future__ import annotations

from spacy.tokens import Span, Token

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
INHERIT_SUBJECT = ("xcomp", "advcl", "conj", "pcomp")


def verb_keys(token: Token) -> tuple[str, ...]:
    """Lemma forms to look a verb up by. The English lemmatizer sometimes drops a final 'e'
    ("waged" -> "wag"), so the lemma + 'e' is tried as well; a verb in -y it does not know it
    leaves in -ie or -ye ("resupplied" -> "resupplie", "resupplying" -> "resupplye"), so the
    form in -y is tried too.

    >>> import spacy
    >>> doc = spacy.blank("en")("waged resupplied")
    >>> doc[0].lemma_, doc[1].lemma_ = "wag", "resupplie"
    >>> verb_keys(doc[0]), verb_keys(doc[1])
    (('wag', 'wage'), ('resupplie', 'resupply'))
    """
    lemma = token.lemma_.lower()
    if lemma.endswith("ie") and len(lemma) > 4:
        return (lemma, lemma[:-2] + "y")
    if lemma.endswith("ye") and len(lemma) > 4:
        return (lemma, lemma[:-1])
    return (lemma, lemma + "e")


CLAUSE_BOUNDARIES = frozenset({"ccomp", "advcl", "acl", "relcl", "parataxis", "csubj"})


def governing_path(trigger: Token) -> list[Token]:
    """The trigger and the heads that govern it, up to its clause's subject position or the
    top of a relative clause (a relative clause's content is not under its host's modality)."""
    path = [trigger]
    token = trigger
    while (
        token.head.i != token.i
        and token.dep_ not in SUBJECT_DEPS
        and not (token.dep_ == "relcl" and not infinitival(token))
    ):
        token = token.head
        path.append(token)
    return path


def imperative(sent: Span, verbs: frozenset[str] = frozenset()) -> bool:
    """A recommendation: the sentence (or list item) starts with a bare verb and has no
    subject ("Press Budapest to align with EU positions", "- Engage Russia directly"). The
    small model often tags a capitalised first verb as a name, so a sentence ending in a full
    stop that starts with an English verb and has no finite verb counts too."""
    words = [t for t in sent if not t.is_punct and not t.is_space and t.text not in ("•", "-")]
    if not words:
        return False
    first = words[0]
    if (
        first.tag_ == "VB"
        and first.dep_ == "ROOT"
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in first.children)
    ):
        return True
    finite = any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in sent)
    return (
        not finite
        and sent.text.rstrip().endswith(".")
        and first.lower_ in verbs
        and first.i + 1 < sent.end
        and sent.doc[first.i + 1].lower_ not in ("of", "for", "to", "from", "and", ",")
    )


def infinitival(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def clause_length(path: list[Token]) -> int:
    """How many tokens of ``path`` lie in the trigger's own clause chain: control ("did not
    plan to send", "has no plans to send") continues it, a finite embedded clause ("it is not
    surprising that X sent") ends it."""
    for n, token in enumerate(path):
        if token.dep_ in CLAUSE_BOUNDARIES and not (
            (token.dep_ in ("acl", "advcl") and infinitival(token))
            # a participle is its noun's ("no Rwandan troops fighting in Congo")
            or (token.dep_ == "acl" and token.tag_ in ("VBG", "VBN"))
        ):
            return n + 1
    return len(path)


def finite_clause_length(path: list[Token]) -> int:
    """How many tokens of ``path`` lie below the first finite clause boundary: a clause with a
    subject or a conjunction of its own ("while Israel occupied"), not a participle ("further
    pressuring Ukraine") or an infinitive."""
    for n, token in enumerate(path):
        if token.dep_ in CLAUSE_BOUNDARIES and any(
            c.dep_ in ("nsubj", "nsubjpass", "mark", "expl") for c in token.children
        ):
            return n + 1
    return len(path)


def demonstrative(noun: Token) -> bool:
    """``noun`` has "this", "that", "these" or "those"."""
    return any(
        c.dep_ == "det" and c.lower_ in ("this", "that", "these", "those") for c in noun.children
    )
