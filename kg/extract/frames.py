"""Frames of running text that give phrases their actors beyond the parse: a list written
on the surface ("Indonesia, Malaysia, the Philippines ... established ASEAN", which the parser may
split into appositions), and a lead-in whose policy holder acts in the infinitives listed under
it ("It is the policy of the United States— (1) to deter China")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from kg.extract.candidates import Arg
from kg.extract.linker import Mention

if TYPE_CHECKING:
    from kg.extract.arguments import Arguments

#: what may stand between the names of a list
LIST_GLUE = frozenset({",", "and", "the", "&"})
#: how many items of a list back an infinitive looks for its lead-in
LIST_ITEMS = 12


def listed_with(args: Arguments, mention: Mention) -> list[Arg]:
    """The actors written in one list with ``mention``: the names around it separated only
    by commas, "and" and "the" ("Indonesia, Malaysia, the Philippines, Singapore and
    Thailand"). Read from the surface, for dense lists the parser splits into appositions
    and modifiers; a list of one is empty."""
    doc = args.memory.doc
    mention_at = doc._.mention_at or {}
    before: list[Mention] = []
    after: list[Mention] = []
    for step, side in ((-1, before), (1, after)):
        i = mention.start - 1 if step < 0 else mention.end
        while 0 <= i < len(doc):
            if i in mention_at:
                if not side or side[-1] is not mention_at[i]:
                    side.append(mention_at[i])
            elif doc[i].text in ("(", ")") and side:
                # a member's own abbreviation: "Papua New Guinea (PNG), Solomon Islands"
                close = _parenthesis_end(doc, i, step)
                if close is None:
                    break
                i = close
            elif doc[i].lower_ not in LIST_GLUE:
                break
            i += step
    found = [*reversed(before), mention, *after]
    return [Arg(m) for m in found] if len(found) > 1 else []


def _parenthesis_end(doc: Doc, i: int, step: int) -> int | None:
    """The other parenthesis of a short one (four tokens or fewer) that opens (``step`` 1) or
    closes (``step`` -1) at ``i``, or None."""
    if (doc[i].text == "(") != (step > 0):
        return None
    other = ")" if step > 0 else "("
    for j in range(i + step, i + 6 * step, step):
        if not 0 <= j < len(doc):
            return None
        if doc[j].text == other:
            return j
    return None


def policy_holders(args: Arguments, clause: Token) -> list[Arg]:
    """The owners of the policy nouns (kgo:policyNoun) of ``clause``'s attribute or of
    ``clause`` itself ("the policy of the United States", "Japan's aim")."""
    return [
        a
        for t in [clause, *clause.children]
        if t.lemma_.lower() in args.lex.grammar.policy_nouns and (t is clause or t.dep_ == "attr")
        for a in args.owners(t) + args.behind(t, "of", owner=False)
    ]


def lead_in(args: Arguments, verb: Token) -> list[Arg]:
    """The actor of an infinitive listed under a lead-in ("It is the policy of the United
    States— (1) to deter China; (2) to support Panama"): the owner of the lead-in's policy
    noun (kgo:policyNoun), the lead-in being the sentence ending in a dash or a colon right
    before the list the infinitive's item belongs to."""
    doc = verb.doc
    start = verb.sent.start
    for _ in range(LIST_ITEMS):
        if start == 0:
            return []
        sent = doc[start - 1].sent
        text = sent.text.rstrip()
        if text.endswith(("\u2014", ":", "-", "\u2013")):
            return [a for t in sent for a in policy_holders(args, t) if t.dep_ == "ROOT"]
        if not sent.text.lstrip().startswith(("(", "\u2022", "-")) and not sent[0].like_num:
            return []  # not an item of the same list
        start = sent.start
    return []
