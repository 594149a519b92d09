"""Entity linking: every actor mention in a Doc becomes one actor (curated slug or a new one).

Cases handled: gazetteer names and aliases (via the entity ruler's ids), possessives, demonyms
used as actors ("North Korean troops"), capitals standing for their state ("Moscow and
Pyongyang"), persons by surname or family name after a first full mention ("Kim", "Putin"),
and NER entities that match no curated actor (persons and organisations become new actors;
unknown places stay places). What pronouns and descriptions refer to is kg.extract.coreference's.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.extract.grammar import grammar_of
from kg.ids import slugify
from kg.ontology import PLACE_ID, Ontology, load_ontology, normalise_name

log = logging.getLogger(__name__)

#: NER labels whose unmatched mentions become new actors, with the actor type they get.
NEW_ACTOR_TYPES = {"PERSON": "Person", "ORG": "Organization"}

#: Pronouns and definite descriptions that can stand for a previously named actor.
_NAME_TOKEN = re.compile(r"^[^\W\d_](?:[^\W\d_]|['\u2019\-]){2,}$")


def _is_name(word: str) -> bool:
    """ "Kim", "O'Neill", "Évariste": capitalised, letters of any script, 3 or more."""
    return bool(_NAME_TOKEN.match(word)) and word[0].isupper()


_TITLE_WORD = re.compile(r"^[A-Z][a-zA-Z'\u2019\-]*$")
_BAD_NAME = re.compile(r"^[\W\d_]+$|https?:|www\.|@|\d{3,}")


@dataclass(frozen=True)
class Mention:
    """One actor mention: tokens [start, end) of the Doc refer to actor ``actor``."""

    start: int
    end: int
    actor: str  # slug under kgr:actor/
    type: str  # State | Organization | Bloc | Person
    label: str  # canonical label
    text: str  # surface text
    kind: str  # label | alias | demonym | capital | surname | ner
    curated: bool
    ner_label: str = ""


for _name in ("mentions", "mention_at"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def clean_label(text: str) -> str:
    """A readable actor label from an entity's text: possessive, quotes and 'the' removed.

    >>> clean_label("the Wagner Group's")
    'Wagner Group'
    """
    text = " ".join(text.replace("\u2019", "'").split()).strip(" \"'.,;:()[]")
    text = re.sub(r"'s$|'$", "", text)
    if text.lower().startswith("the "):
        text = text[4:]
    return text.strip()


class Linker:
    """spaCy component: ``doc._.mentions`` (list of Mention in order) and ``doc._.mention_at``
    (token index -> Mention)."""

    def __init__(self, ontology: Ontology, *, words: frozenset[str] = frozenset()) -> None:
        self.ontology = ontology
        #: lower-case English words (the lemmatizer's lists): a lone capitalised one is no name
        self.words = words
        self.event_nouns = frozenset(
            n for r in ontology.relations.values() for n in r.nouns if " " not in n
        )
        #: capitalised words of leaders' titles ("President", "Minister"): a name follows
        self.title_words = title_words(ontology)
        self._kinds = {
            (entry.slug, normalise_name(name)): kind
            for entry in ontology.actors.values()
            for name, kind in entry.names()
        }

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = self._named_groups(doc)
        linked = [(ent, self._link_entity(ent)) for ent in map(_before_parenthesis, doc.ents)]
        people = _full_names(linked)
        short = _abbreviations(doc, linked)
        mentions: list[Mention] = []
        ents = iter(linked)
        current = next(ents, None)
        i = 0
        while i < len(doc):
            if current is not None and current[0].start == i:
                ent, mention = current
                if ent.text in short and (mention is None or not mention.curated):
                    mention = _as(short[ent.text], ent)
                if mention is None and ent.label_ == "PERSON":
                    mention = self._by_name(ent, people)
                elif mention is not None and mention.kind == "ner" and len(ent) == 1:
                    # "Haftar" tagged as an organisation after "Khalifa Haftar": the person
                    mention = self._by_name(ent, people) or mention
                if mention is not None and mention.kind == "ner" and _is_place(ent):
                    mention = None  # "al-Udeid, a US air base in Qatar"
                if mention is not None:
                    mentions.append(mention)
                i = ent.end
                current = next(ents, None)
                continue
            token = doc[i]
            if token.text in short:
                mentions.append(_as(short[token.text], doc[i : i + 1]))
            elif token.pos_ == "PROPN" and _is_name(token.text):
                mention = self._by_name(doc[i : i + 1], people)
                if mention is not None:
                    mentions.append(mention)
            i += 1
        doc._.mentions = mentions
        doc._.mention_at = {t: m for m in mentions for t in range(m.start, m.end)}
        return doc

    def _named_groups(self, doc: Doc) -> list[Span]:
        """The entities, with a state's name or demonym that begins an armed group's or party's
        own name joined to it ("the Myanmar National Democratic Alliance Army", "the Syrian
        Democratic Forces"), which then names a new organisation; a state's own institutions
        ("the Sudanese Armed Forces", "the Russian Foreign Ministry", and so any "National
        Army", the Libyan one included) stay the state's."""
        grammar = self.ontology.grammar
        ents = list(doc.ents)
        out: list[Span] = []
        skip_until = -1
        for n, ent in enumerate(ents):
            if ent.start < skip_until:
                continue
            entry = self.ontology.actors.get(ent.ent_id_) if ent.ent_id_ else None
            end = ent.end
            while (
                end < len(doc)
                and end - ent.end < 6
                and _TITLE_WORD.match(doc[end].text)
                and not doc[end].is_sent_start
                and doc[end - 1].whitespace_ == " "
            ):
                end += 1
            while end > ent.end and doc[end - 1].lower_ not in grammar.group_heads:
                end -= 1
            tail = " ".join(t.lower_ for t in doc[ent.end : end]).replace(" 's", "'s")
            place = ent.ent_id_.startswith(PLACE_ID)
            if (
                (entry is None or entry.type != "State")
                and not place  # "the Pacific Islands Forum": a region opening a group's name
                or end == ent.end
                or tail in grammar.state_institutions
                or _straddles(ents, n + 1, end)
            ):
                out.append(ent)
                continue
            out.append(Span(doc, ent.start, end, label="ORG"))
            skip_until = end
        return out

    @staticmethod
    def _by_name(span: Span, people: FullNames) -> Mention | None:
        """A person named by one part of their name ("Kim", "Macron"): the person named in full
        in this document with that part, preferring a curated person, then the latest full
        mention before ``span``, then the first one after it. A lone name that fits nobody
        named in full is too ambiguous to be an actor."""
        words = [t.text for t in span if _is_name(t.text)]
        if len(words) != 1:
            return None
        known = people.nearest(words[0], span.start)
        if known is None:
            return None
        return Mention(
            span.start,
            span.end,
            known.actor,
            "Person",
            known.label,
            span.text,
            "surname",
            known.curated,
            span.label_ if isinstance(span, Span) else "",
        )

    def _mention(self, span: Span, entry, kind: str, ner_label: str) -> Mention:
        return Mention(
            span.start,
            span.end,
            entry.slug,
            entry.type,
            entry.label,
            span.text,
            kind,
            True,
            ner_label,
        )

    def _link_entity(self, ent: Span) -> Mention | None:
        if ent.ent_id_.startswith(PLACE_ID):
            return None
        if ent.ent_id_ and ent.ent_id_ in self.ontology.actors:
            entry = self.ontology.actors[ent.ent_id_]
            kind = self._kinds.get((entry.slug, normalise_name(ent.text)), "alias")
            return self._mention(ent, entry, kind, ent.label_)
        entry = self.ontology.lookup(ent.text)
        if entry is not None and _written_as_named(ent.text, entry):
            return self._mention(ent, entry, "alias", ent.label_)
        label = clean_label(ent.text)
        actor_type = NEW_ACTOR_TYPES.get(ent.label_)
        if (
            ent.start
            and ent.doc[ent.start - 1].lower_ in self.title_words
            and ent.doc[ent.start - 1].text[:1].isupper()
            and len(ent) >= 2
            and all(_is_name(t.text) for t in ent)
        ):  # "President Faure Gnassingbé", whatever the NER called it
            actor_type = "Person"
        if actor_type is None or not self._plausible_name(label, ent):
            return None
        if actor_type == "Person" and len(_name_words(ent)) < 2:
            return None  # a lone name: resolved against full names in __call__, or dropped
        return Mention(
            ent.start,
            ent.end,
            slugify(label),
            actor_type,
            label,
            ent.text,
            "ner",
            False,
            ent.label_,
        )

    def _plausible_name(self, label: str, ent: Span) -> bool:
        if len(label) < 2 or len(label) > 80 or _BAD_NAME.search(label):
            return False
        if not any(c.isupper() for c in label) or not any(t.pos_ == "PROPN" for t in ent):
            return False
        doc = ent.doc
        if ent.end + 1 < len(doc) and doc[ent.end].text == "." and doc[ent.end + 1].like_num:
            return False  # "SEC. 4.", "Art. 5": a section of a text, not a name
        if ent[-1].pos_ == "ADP" or ent[-1].lower_ in ("of", "the", "and"):
            return False  # "The Government of": the name is cut, its head is what follows
        if _in_citation(ent):
            return False  # "(Kang, 2003)", "(Lieber & Alexander, 2005)": authors cited
        if len(ent) == 1 and not label.isupper() and label.lower() in self.words:
            return False  # "(Analysis)", "Opinion": a common word capitalised, not a name
        if ent.label_ == "PERSON":
            # a person's name is proper nouns; "Storm Crops" tagged PERSON in a heading is not,
            # nor is a name ending in an event noun ("the Yom Kippur Wars")
            last = ent[-1].lower_
            return not {
                last,
                last.removesuffix("s"),
                ent[-1].lemma_.lower(),
            } & self.event_nouns and all(
                t.pos_ in ("PROPN", "PUNCT") or t.text in ("'s", "-") for t in ent
            )
        return True


def _written_as_named(text: str, entry) -> bool:
    """Whether ``text``, which names ``entry`` case-insensitively, is written as one of its
    names: a name in capitals ("ROC", "PNG", "NZ") names the actor only in capitals, as the
    entity ruler matches it, so "the roc garden" the NER tagged is no Taiwan; other names
    match in any case."""
    key = normalise_name(text)
    same = [name for name, _kind in entry.names() if normalise_name(name) == key]
    if any(not name.isupper() for name in same):
        return True
    return any(name in text for name in same)


def _is_place(ent: Span) -> bool:
    """A name that its own words or an apposition call a place."""
    place_nouns = grammar_of(ent.doc).place_nouns
    if ent[-1].lemma_.lower() in place_nouns:
        return True
    return any(c.dep_ == "appos" and c.lemma_.lower() in place_nouns for c in ent.root.children)


def _before_parenthesis(ent: Span) -> Span:
    """ "the Democratic Forces of Casamance (DFC": the name ends where its parenthesis opens."""
    for token in ent[1:]:
        if token.text == "(":
            return Span(ent.doc, ent.start, token.i, label=ent.label_, span_id=ent.id_)
    return ent


_ABBREVIATION = re.compile(r"^[A-Z][A-Za-z]*[A-Z][A-Za-z]*$")


def _abbreviations(doc: Doc, linked: list[tuple[Span, Mention | None]]) -> dict[str, Mention]:
    """ "the Rapid Support Forces (RSF)": the short form names the same actor in the rest of
    the document. The short form must be written in capitals whose letters all occur, in
    order, among the name's words' initials ("RSF"), or be a curated name of the actor."""
    found: dict[str, Mention] = {}
    for ent, mention in linked:
        if mention is None or ent.end + 2 >= len(doc):
            continue
        opening, short, closing = doc[ent.end], doc[ent.end + 1], doc[ent.end + 2]
        if opening.text != "(" or closing.text != ")" or not _ABBREVIATION.match(short.text):
            continue
        initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", mention.label)).upper()
        letters = [c for c in short.text if c.isupper()]
        position = 0
        for letter in letters:
            position = initials.find(letter, position) + 1
            if position == 0:
                break
        else:
            found.setdefault(short.text, mention)
    return found


def _as(known: Mention, span: Span) -> Mention:
    return Mention(
        span.start,
        span.end,
        known.actor,
        known.type,
        known.label,
        span.text,
        "alias",
        known.curated,
        span.label_ if isinstance(span, Span) and span.label_ else known.ner_label,
    )


def _name_words(span: Span) -> list[str]:
    return [t.text for t in span if _is_name(t.text)]


class FullNames:
    """Every person named in full in a document, indexed by first and last name, so that
    finding who "Kim" is looks at the people with that name only (not at every full name of
    the document, once per surname).

    >>> people = FullNames()
    >>> people.add(3, frozenset({"Kim", "Un"}), "Kim Jong Un")
    >>> people.add(9, frozenset({"Kim", "Yo"}), "Kim Yo Jong")
    >>> people.nearest("Kim", 7), people.nearest("Kim", 20), people.nearest("Kim", 0)
    ('Kim Jong Un', 'Kim Yo Jong', 'Kim Jong Un')
    """

    def __init__(self) -> None:
        # name -> ([starts], [mentions]) of all people with it, and of the curated ones
        self._all: dict[str, tuple[list[int], list[Mention]]] = {}
        self._curated: dict[str, tuple[list[int], list[Mention]]] = {}

    def add(self, start: int, names: frozenset[str], mention: Mention) -> None:
        """``mention`` (at token ``start``) names a person in full; calls come in text order."""
        indexes = [self._all, self._curated] if getattr(mention, "curated", False) else [self._all]
        for name in names:
            for index in indexes:
                starts, mentions = index.setdefault(name, ([], []))
                starts.append(start)
                mentions.append(mention)

    def nearest(self, name: str, start: int) -> Mention | None:
        """The person called ``name``: curated ones first, then the latest named in full before
        token ``start``, else the first after it (None if nobody is called so)."""
        starts, mentions = self._curated.get(name) or self._all.get(name) or ([], [])
        if not mentions:
            return None
        before = bisect.bisect_left(starts, start)
        return mentions[before - 1] if before else mentions[0]


def _full_names(linked: list[tuple[Span, Mention | None]]) -> FullNames:
    """Every person named in full, with their first and last name."""
    out = FullNames()
    for ent, mention in linked:
        words = _name_words(ent)
        if mention is not None and mention.type == "Person" and len(words) >= 2:
            out.add(ent.start, frozenset((words[0], words[-1])), mention)
    return out


def _straddles(ents: list[Span], first: int, end: int) -> bool:
    """An entity from ``ents[first:]`` (sorted, not overlapping) begins before token ``end``
    and ends after it; only the few that begin before ``end`` are looked at."""
    for i in range(first, len(ents)):
        ent = ents[i]
        if ent.start >= end:
            return False
        if ent.end > end:
            return True
    return False


@Language.factory(
    "entente_linker",
    default_config={"ontology_dir": ""},
    requires=["doc.ents", "token.pos"],
    assigns=["doc._.mentions", "doc._.mention_at"],
)
def make_linker(nlp: Language, name: str, ontology_dir: str) -> Linker:
    ontology = load_ontology(Path(ontology_dir)) if ontology_dir else load_ontology()
    return Linker(ontology, words=english_words(nlp))


def english_words(nlp: Language, *, pos: str | None = None) -> frozenset[str]:
    """The lower-case words of the model's lemmatizer lists (of part of speech ``pos``:
    "noun", "verb", "adj", "adv"; all by default), empty if the model has none."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    index = lookups.get_table("lemma_index")
    keys = [pos] if pos else list(index)
    return frozenset(w for key in keys if key in index for w in index[key])


_YEAR = re.compile(r"\b(1[6-9]|20)\d\d[a-z]?\b")


def _in_citation(ent: Span) -> bool:
    """The entity sits in a parenthesis that also holds a year: an author-year citation."""
    doc = ent.doc
    start = next(
        (i for i in range(ent.start - 1, max(ent.start - 4, -1), -1) if doc[i].text in ("(", "[")),
        None,
    )
    if start is None:
        return False
    end = next(
        (i for i in range(ent.end, min(ent.end + 8, len(doc))) if doc[i].text in (")", "]")), None
    )
    return end is not None and bool(_YEAR.search(doc[start:end].text))


def title_words(ontology: Ontology) -> frozenset[str]:
    """The words of the titles that name a person by the office they hold ("prime",
    "minister", "president"): the roles of relations only a person can be the subject of."""
    return frozenset(
        w
        for r in ontology.relations.values()
        if r.kind == "structural" and r.subject_types == {"Person"}
        for phrase in r.roles
        for w in re.split(r"[\s\-]+", phrase.lower())
    )
