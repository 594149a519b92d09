"""Character-level normalisation: line ends, invisible characters, odd spaces and quotes.

Quotes and spaces are replaced one character for one character, so they leave the offset map
untouched. Each rule first checks cheaply whether it has anything to do: most documents have no
carriage returns, zero-width characters or doubled apostrophes, and a regex scan is the cost of a
whole rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from kg.corpus.edits import Edit, edit_rule
from kg.corpus.meta import CleanContext

__all__ = [
    "normalise_newlines",
    "remove_invisible",
    "normalise_chars",
    "collapse_apostrophes",
    "collapse_spaces",
    "CHAR_MAP",
]

_NEWLINE = re.compile(r"\r\n|\u2029")

# Soft hyphens and zero-width characters are invisible in the source, so dropping them cannot lose
# meaning; a soft hyphen at a line end marks a word the typesetter split, so the break goes too.
_INVISIBLE = re.compile(
    r"\u00ad[ \t]*\n[ \t]*|[\u00ad\u200b-\u200f\u2060-\u2064\ufeff\x00-\x08\x0e-\x1f\x7f]"
)

_TRIGGER = re.compile(r"[\u00ad\u200b-\u200f\u2060-\u2064\ufeff\x00-\x08\x0e-\x1f\x7f]")

CHAR_MAP: dict[str, str] = {
    **dict.fromkeys("‘’‛′", "'"),
    **dict.fromkeys("“”„‟″", '"'),
    **dict.fromkeys("\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006", " "),
    **dict.fromkeys("\u2007\u2008\u2009\u200a\u202f\u205f\u3000", " "),
    **dict.fromkeys("\r\x0b\x0c\x85\u2028", "\n"),
}

# PDF extraction sometimes emits both the typed and the typographic apostrophe ("Korea'’s").
_DOUBLED_APOSTROPHE = re.compile(r"''+")
# A literal first character lets the regex engine scan fast; neighbours are checked in Python.
_SPACE_RUN = re.compile(r"  +")


@edit_rule
def normalise_newlines(text: str, context: CleanContext) -> Iterator[Edit]:
    """Windows line ends lose their ``\\r``; a Unicode paragraph separator becomes a blank line.

    (A lone old-Mac ``\\r`` is a one-for-one replacement, done by :func:`normalise_chars`.)
    """
    if "\r" not in text and "\u2029" not in text:
        return
    for m in _NEWLINE.finditer(text):
        yield Edit(m.start(), m.end(), "\n\n" if m.group() == "\u2029" else "\n")


@edit_rule
def remove_invisible(text: str, context: CleanContext) -> Iterator[Edit]:
    """Zero-width characters, soft hyphens and stray control characters are removed."""
    if not _TRIGGER.search(text):
        return
    for m in _INVISIBLE.finditer(text):
        yield Edit(m.start(), m.end())


def normalise_chars(
    text: str, offsets: Sequence[int], context: CleanContext
) -> tuple[str, Sequence[int]]:
    """Curly quotes become straight ones and odd spaces plain spaces, one for one.

    >>> normalise_chars("“Kim’s\\u00a0move”", [], CleanContext())[0]
    '"Kim\\'s move"'
    """
    # Chained str.replace runs in C and beats str.translate about tenfold on mostly-ASCII text.
    for char, replacement in CHAR_MAP.items():
        if char in text:
            text = text.replace(char, replacement)
    return text, offsets


@edit_rule
def collapse_apostrophes(text: str, context: CleanContext) -> Iterator[Edit]:
    """A doubled apostrophe inside a word ("Korea''s") keeps its first character only."""
    if "''" not in text:
        return
    n = len(text)
    for m in _DOUBLED_APOSTROPHE.finditer(text):
        start, end = m.span()
        # Only inside a word: a quoted empty string or a closing '' stays as written.
        if start and end < n and text[start - 1].isalnum() and text[end].isalnum():
            yield Edit(start + 1, end)


@edit_rule
def collapse_spaces(text: str, context: CleanContext) -> list[Edit]:
    """Runs of spaces inside a line become one space (line edges are the layout step's job).

    >>> collapse_spaces.find("a   b\n  c", CleanContext())
    [Edit(start=2, end=4, replacement='')]
    """
    if "  " not in text:
        return []
    n = len(text)
    return [
        Edit(m.start() + 1, m.end())
        for m in _SPACE_RUN.finditer(text)
        if m.start() and text[m.start() - 1] != "\n" and m.end() < n and text[m.end()] != "\n"
    ]
