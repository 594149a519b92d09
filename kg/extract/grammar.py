"""The grammar words of the ontology a Doc was read with (ontology/grammar.ttl), for the
stages that read a Doc's tokens: the linker puts them on the Doc as ``doc._.grammar``."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc

from kg.ontology import Grammar, load_ontology

if not Doc.has_extension("grammar"):
    Doc.set_extension("grammar", default=None)


def grammar_of(doc: Doc) -> Grammar:
    """The grammar words ``doc`` is read with: its pipeline's ontology's, or, for a Doc that
    no Entente pipeline made (a test's, a doctest's), the default ontology's."""
    return doc._.grammar or _default()


@cache
def _default() -> Grammar:
    return load_ontology().grammar
