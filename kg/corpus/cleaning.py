"""The cleaning pipeline: an ordered list of small rules, each mapping ``(text, offsets)`` to a
new ``(text, offsets)`` so the cleaned text always knows where each character came from."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from kg.corpus.boilerplate import drop_boilerplate
from kg.corpus.edits import Rule, identity_offsets
from kg.corpus.layout import lay_out
from kg.corpus.markdown import MARKDOWN_RULES
from kg.corpus.meta import CleanContext, DocumentMeta
from kg.corpus.normalise import (
    collapse_apostrophes,
    normalise_chars,
    normalise_newlines,
    remove_invisible,
)

__all__ = ["clean_text", "clean_mapped", "rules_for"]

log = logging.getLogger(__name__)

# Order matters: line ends first so every later rule sees "\n"; quotes before boilerplate so its
# patterns need only straight quotes; boilerplate before layout so that removed lines can never be
# glued onto article text.
_BEFORE_MARKUP: tuple[Rule, ...] = (
    normalise_newlines,
    normalise_chars,
    remove_invisible,
    collapse_apostrophes,
)
_AFTER_MARKUP: tuple[Rule, ...] = (drop_boilerplate, lay_out)


def rules_for(context: CleanContext) -> tuple[Rule, ...]:
    """The rules applied, in order, to a document with this context."""
    markup = MARKDOWN_RULES if context.markdown else ()
    return (*_BEFORE_MARKUP, *markup, *_AFTER_MARKUP)


def run_rules(
    text: str, offsets: Sequence[int], rules: Iterable[Rule], context: CleanContext
) -> tuple[str, Sequence[int]]:
    for rule in rules:
        before = len(text)
        text, offsets = rule(text, offsets, context)
        if len(text) != before:
            log.debug("%s: %d -> %d characters", rule.__name__, before, len(text))
    return text, offsets


def clean_mapped(
    text: str, offsets: Sequence[int], *, context: CleanContext
) -> tuple[str, list[int]]:
    """Clean text that already carries an offset map (the output of :func:`html_to_text`)."""
    text, offsets = run_rules(text, offsets, rules_for(context), context)
    return text, list(offsets)


def clean_text(
    raw: str, *, meta: DocumentMeta | None = None, markdown: bool = False
) -> tuple[str, list[int]]:
    """Clean plain text or Markdown for NLP; return it with its map into ``raw``.

    ``offsets`` has ``len(text) + 1`` entries; ``raw[offsets[i]]`` is where ``text[i]`` came from
    (for a replaced character, the first character it replaced). ``meta`` lets the boilerplate
    rules recognise the title and bylines.

    >>> text, offsets = clean_text("fbpx\\nThe USA\\nconfirmed it  ‘today’.\\n")
    >>> text
    "The USA confirmed it 'today'."
    >>> offsets[:3], offsets[-1]
    ([5, 6, 7], 35)
    """
    context = CleanContext(meta=meta or DocumentMeta(), markdown=markdown)
    text, offsets = run_rules(raw, identity_offsets(raw), rules_for(context), context)
    return text, list(offsets)
