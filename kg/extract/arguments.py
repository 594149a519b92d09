"""Argument resolution: which actors a noun phrase, a verb's subject or a preposition's object
stands for, through coordination, possessors, demonyms, appositions, relative clauses, pronouns
and the groups a document has named.

An `Arguments` is made for each Doc and holds what reading it so far has established: the
symmetric relations per pair of actors ("this alliance") and the state each titled person
speaks for ("his country").
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Token

from kg.extract import frames
from kg.extract.candidates import Arg
from kg.extract.coreference import (
    PRONOUNS,
    antecedents,
    hyphen_chain,
    is_group_reference,
    stray_subject,
)
from kg.extract.grammar import grammar_of
from kg.extract.lexicon import QUANTIFIERS, RELATIVE_PRONOUNS, Lexicon
from kg.extract.linker import Mention
from kg.extract.memory import Memory
from kg.extract.syntax import INHERIT_SUBJECT, demonstrative, infinitival
from kg.ontology import RelationSpec

_AMONG = ("between", "among", "amongst")


class Arguments:
    """The actors the phrases of one Doc stand for."""

    def __init__(self, lex: Lexicon, doc: Doc, matches: Mapping[int, list] | None = None) -> None:
        self.lex = lex
        #: the sentence shapes matched in the Doc, by trigger token (`kg.extract.shapes`)
        self.matches = matches or {}
        #: what reading the document so far has established
        self.memory = Memory(lex, doc)

    def arg(self, token: Token, *, owner: bool = True) -> list[Arg]:
        """Actors a noun phrase headed by ``token`` denotes, expanded over coordination.

        ``owner`` lets a non-actor noun stand for the actor that modifies or possesses it
        ("North Korean troops", "Russia's war effort").
        """
        out = self._head(token, owner)
        for child in token.children:
            if child.dep_ == "conj" and stray_subject(child) is None:
                out.extend(self.arg(child, owner=owner))
        return out

    def _head(self, token: Token, owner: bool) -> list[Arg]:
        """What the head of a phrase stands for, by the first reading that applies to it."""
        mention_at = token.doc._.mention_at or {}
        lemma = token.lemma_.lower()
        if token.i in mention_at:
            return self._named(token, mention_at)
        if lemma in self.lex.symmetric_nouns and demonstrative(token):
            # "counter this newly formed alliance": the allies named just before
            return [Arg(m, inferred=True, anaphoric=True) for m in self.memory.group(token)]
        if (
            lemma in self.lex.grammar.state_institutions
            or lemma.removesuffix("s") in self.lex.grammar.state_institutions
        ) and any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
            # "the Government of Nicaragua", "the Governments of Cuba and Venezuela", "the
            # Armed Forces of Ukraine": a state's institution stands for the state
            states = [a for a in self.behind(token, "of", owner=False) if a.mention.type == "State"]
            if states:
                return states
        if _refers(token):
            return [
                Arg(m, inferred=True) for m in antecedents(token, not_under=self.lex.hostile_nouns)
            ]
        if people := self._speakers(token):
            # "his country", "Kagame's government": the state the person speaks for
            return [
                Arg(m, inferred=True)
                for p in people
                if (m := self.memory.state_of(p.mention, token))
            ]
        if token.lower_ in RELATIVE_PRONOUNS and token.dep_ in ("pobj", "dobj", "poss"):
            # "the SCO, which China and Russia belong to", "the IAEA, which Tehran accuses of
            # ...": the noun the clause describes
            clause = next((t for t in token.ancestors if t.dep_ == "relcl"), None)
            return [] if clause is None else self.relative_head(token, clause, owner=False)
        if lemma in self.lex.grammar.partitives and any(
            c.dep_ == "prep" and c.lower_ == "of" for c in token.children
        ):  # "81 per cent of Pakistan's arms imports": the whole it is part of
            return self.behind(token, "of", owner=owner)
        if token.lower_ in QUANTIFIERS:  # "each of them", "all of them"
            return self.behind(token, "of", owner=False)
        if self.lex.is_role(token):
            return self.role_referents_below(token)
        if token.pos_ in ("NOUN", "PROPN"):
            return self._common_noun(token, owner)
        return []

    def _named(self, token: Token, mention_at: dict[int, Mention]) -> list[Arg]:
        """An actor's own name, and the actors coordinated in its modifier ("[NATO and
        Western] nations")."""
        out = [Arg(mention_at[token.i])]
        for child in token.children:
            if (
                child.dep_ in ("nmod", "compound", "amod")
                and child.i in mention_at
                and mention_at[child.i] is not mention_at[token.i]
                and any(c.dep_ == "conj" for c in child.children)
            ):
                out.extend(self.arg(child, owner=False))
        return out

    def _speakers(self, token: Token) -> list[Arg]:
        """The persons owning a state's description ("his country", "Kagame's government")."""
        if self.lex.grammar.definite_nouns.get(token.lemma_.lower()) != "State":
            return []
        return [
            a
            for c in token.children
            if c.dep_ in ("poss", "compound")  # "Kagame's government", "the Trump administration"
            for a in self.arg(c, owner=False)
            if a.mention.type == "Person"
        ]

    def _common_noun(self, token: Token, owner: bool) -> list[Arg]:
        """A noun that names no actor: its apposition ("al-Udeid, a US air base in Qatar"), its
        examples ("countries like Iran"), else, when ``owner``, whoever owns it."""
        out: list[Arg] = []
        hostile = token.lemma_.lower() in self.lex.hostile_nouns
        for child in token.children:
            if child.dep_ == "appos":
                # "al-Udeid, a US air base in Qatar": a place stands for whose it is
                place = child.lemma_.lower() in self.lex.grammar.place_nouns
                out.extend(self.arg(child, owner=owner and place))
            elif _examples(child) and not hostile:
                # "countries like Iran", "states such as Iran": the examples (of "conflicts
                # such as Vietnam", wars)
                out.extend(self.objects_of(child, owner=owner))
        if not out and owner and token.lemma_.lower() not in self.lex.grammar.private_nouns:
            # ("a Chinese firm", "Iranian businessmen": a state's people and firms act for
            # themselves, not for it)
            owners = self.owners(token)
            if not (hostile and len({a.mention.actor for a in owners}) > 1):
                # "the Russia-Ukraine war" stands for neither side
                out.extend(Arg(a.mention, True) for a in owners)
        return out

    def relative_head(self, pronoun: Token, clause: Token, *, owner: bool = True) -> list[Arg]:
        """What a relative pronoun stands for: the actor right before ", which" ("Mediation by
        Turkey, which trains Somali soldiers", wherever the parser hung the clause), else the
        noun the clause describes."""
        doc = pronoun.doc
        mention_at = doc._.mention_at or {}
        before = pronoun.i - 2
        if before >= 0 and doc[pronoun.i - 1].text == "," and before in mention_at:
            return [Arg(mention_at[before])]
        return self.arg(clause.head, owner=owner)

    def owners(self, token: Token) -> list[Arg]:
        """Actors that possess or modify a noun: "Russia's army", "North Korean troops"."""
        mention_at = token.doc._.mention_at or {}
        out: list[Arg] = []
        for child in token.children:
            if child.dep_ == "poss":
                out.extend(self.arg(child, owner=False))
            elif (
                child.dep_ == "prep"
                and child.lower_ == "of"
                and token.lemma_.lower() in self.lex.troops
                and token.i not in mention_at
            ):  # "fighters of the Wagner Group", "troops of the CSTO"
                out.extend(
                    a for p in child.children if p.dep_ == "pobj" for a in self.arg(p, owner=False)
                )
            elif child.dep_ in ("amod", "compound", "nmod") and child.i in mention_at:
                if (
                    token.lemma_.lower() in self.lex.goods
                    and not mention_at[child.i].curated
                    and mention_at[child.i].type != "State"
                ):
                    continue  # "Wing Loong drones", "HIMARS launchers": a product's name
                out.extend(Arg(m) for m in hyphen_chain(child, mention_at))
                for conj in child.children:
                    if conj.dep_ == "conj":
                        out.extend(self.arg(conj, owner=False))
        return out

    def subjects(self, verb: Token) -> list[Arg]:
        """The actors doing what ``verb`` says, inherited through control and coordination."""
        named = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
        if named:
            if named[0].lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return self.relative_head(named[0], verb)
            if named[0].lower_ == "it" and verb.lemma_ == "be":
                # "It is the policy of the United States to deter China": the policy's holder
                held = frames.policy_holders(self, verb)
                if held:
                    return held
            # "Russia and, to a lesser degree, Hungary give ...": an aside can split a
            # coordinated subject into two subjects of the verb; "Like China and Russia,
            # Kyrgyzstan and Tajikistan are founding members": the likes do it too
            return [a for c in named for a in self.arg(c)] + self.behind(verb, "like", owner=False)
        for child in verb.children:
            if child.dep_ == "agent":
                return self.objects_of(child)
        if verb.dep_ == "ROOT" and (likes := self.behind(verb, "like", owner=False)):
            # "Like China and Russia, Kyrgyzstan and Tajikistan are founding members": the
            # parser may coordinate the subject into the likes' phrase; all of them do it
            return likes
        if verb.dep_ == "relcl" and not infinitival(verb):
            return self.arg(verb.head)
        if verb.dep_ == "acl" and verb.tag_ == "VBG":
            return self.arg(verb.head)
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ == "NOUN":
            # "X has plans to send", "X's decision to deploy": the noun's owner or holder acts
            owners = self.owners(verb.head)
            holder = verb.head.head
            if owners:
                return owners
            if verb.head.dep_ in ("dobj", "attr") and holder.pos_ in ("VERB", "AUX"):
                return self.subjects(holder)
            # "the deployment of DPRK troops to support Russia"
            theme = self.behind(verb.head, "of")
            if theme:
                return theme
            governor = holder.head
            if verb.head.dep_ == "pobj" and governor.pos_ in ("VERB", "AUX"):
                # "accused X of plans to send": X holds the plans
                return [a for c in governor.children if c.dep_ == "dobj" for a in self.arg(c)]
        if verb.dep_ in INHERIT_SUBJECT and verb.head.i != verb.i:
            head = verb.head
            if head.pos_ in ("VERB", "AUX"):
                return self.subjects(head)
            if verb.dep_ == "pcomp" and head.head.pos_ in ("VERB", "AUX"):
                if head.lower_ in ("of", "for"):
                    # "accused Egypt of sending", "sanctioned Belarus for helping Moscow": the
                    # object does it; of an event noun ("extended its sanctions on Belarus for
                    # helping"), its target
                    objects = [  # "Egypt was accused of sending": the passive's subject
                        c for c in head.head.children if c.dep_ in ("dobj", "nsubjpass")
                    ]
                    held = [a for c in objects for a in self.arg(c, owner=False)]
                    held = held or [
                        a
                        for c in objects
                        if c.lemma_.lower() in self.lex.nouns
                        for a in self.behind(c, "on", "against")
                    ]
                    if held:
                        return held
                return self.subjects(head.head)
        if verb.dep_ == "ROOT" and infinitival(verb):
            return frames.lead_in(self, verb)
        return []

    def prep_objects(
        self,
        head: Token,
        rel: RelationSpec,
        *,
        direct_of: bool = True,
        skip: frozenset[str] = frozenset(),
        extra: frozenset[str] = frozenset(),
    ) -> list[Arg]:
        """Actors behind the relation's object prepositions (and ``extra``, but ``skip``)
        attached to ``head``.

        Behind "of" only an actor itself counts (the "of"-phrase of a nominal is usually its
        theme: "supply of munitions"), elsewhere also a noun's owner ("to Russia's army").
        """
        out: list[Arg] = []
        for child in head.children:
            if (
                child.dep_ in ("prep", "dative")
                and (child.lower_ in rel.prepositions or child.lower_ in extra)
                and child.lower_ not in skip
            ):
                # "in" names a place: an actor itself ("troops in Somalia"), never the owner of
                # what is there ("troops in the Vietnam War", "in Russia's Kursk region")
                direct = (direct_of and child.lower_ == "of") or (
                    child.lower_ == "in" and rel.kind != "hostile"
                )
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        # "in Congo's Ituri province": a place stands for whose it is
                        place = pobj.lemma_.lower() in self.lex.grammar.place_nouns
                        found = self.arg(pobj, owner=not direct or place)
                        if not found and not direct and pobj.pos_ == "NOUN":
                            # "relies on wheat from Argentina", "reliant on loans from
                            # China": what is relied on stands for where it comes from
                            found = self.behind(pobj, "from")
                            if not found and "from" not in rel.subject_prepositions:
                                found = self.behind(head, "from")  # the parser's attachment
                        out.extend(found)
            elif child.dep_ == "dative" and child.pos_ in ("NOUN", "PROPN", "PRON"):
                out.extend(self.arg(child))
        return out

    def behind(self, head: Token, *preps: str, owner: bool = True) -> list[Arg]:
        """Actors behind the prepositions ``preps`` attached to ``head`` ("between X and Y")."""
        return [
            a
            for c in head.children
            if c.dep_ == "prep" and c.lower_ in preps
            for a in self.objects_of(c, owner=owner)
        ]

    def objects_of(self, prep: Token, *, owner: bool = True) -> list[Arg]:
        """Actors a preposition's objects stand for ("with [Iran and Syria]")."""
        return [a for p in prep.children if p.dep_ == "pobj" for a in self.arg(p, owner=owner)]

    def against(self, head: Token) -> list[Arg]:
        """Actors behind "against" on ``head`` or on the parties it names ("the alliance
        between Iran and Syria against Israel": the parser may hang it on a party)."""
        heads = [head] + [
            p
            for c in head.children
            if c.dep_ == "prep" and c.lower_ in ("between", "of", "among")
            for p in c.children
            if p.dep_ == "pobj"
        ]
        heads += [c for h in heads[1:] for c in h.children if c.dep_ == "conj"]
        return [a for h in heads for a in self.behind(h, "against")]

    def between(self, noun: Token) -> list[Arg]:
        """The parties behind "between" or "among" ("between X and Y", "among A, B and C"). The
        parser may hang the later members of the list on the noun itself ("cooperation among
        [Brazil], [Argentina] and [Chile]"): a conjunct of the noun after the phrase is one."""
        parties = self.behind(noun, *_AMONG)
        if parties:
            phrase = max(c.i for c in noun.children if c.dep_ == "prep" and c.lower_ in _AMONG)
            parties += [
                a for c in noun.children if c.dep_ == "conj" and c.i > phrase for a in self.arg(c)
            ]
        return parties

    def agents(self, head: Token, rel: RelationSpec) -> list[Arg]:
        """Actors behind the relation's subject prepositions: "supply of shells from X",
        "support from NATO", "an attack by Y"."""
        return [
            a
            for c in head.children
            if c.dep_ in ("prep", "agent") and c.lower_ in rel.subject_prepositions
            for a in self.objects_of(c)
        ]

    def role_referents_below(self, role: Token) -> list[Arg]:
        """ "its ally, Russia" / "ally Russia": the actor named inside the role phrase."""
        return [
            a
            for c in role.children
            if c.dep_ in ("appos", "compound", "npadvmod")
            for a in self.arg(c, owner=False)
        ]


def _refers(token: Token) -> bool:
    """A pronoun, a group word ("both", "the two nations") or a definite description ("the
    country", "this government")."""
    return (
        token.lower_ in PRONOUNS
        or is_group_reference(token)
        or (
            token.lemma_.lower() in grammar_of(token.doc).definite_nouns
            and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)
        )
    )


def _examples(prep: Token) -> bool:
    """``prep`` introduces examples: "like", "such as"."""
    return prep.dep_ == "prep" and (
        prep.lower_ == "like"
        or (prep.lower_ == "as" and any(c.lower_ == "such" for c in prep.children))
    )
