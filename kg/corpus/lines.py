"""The line and paragraph view of a text that the boilerplate and layout rules share."""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = [
    "Line",
    "split_lines",
    "paragraphs",
    "is_wrapped",
    "MAX_WRAP_WIDTH",
    "is_bullet",
    "is_heading_line",
    "norm_key",
    "word_count",
]


class Line(NamedTuple):
    """One line: ``text[start:end]`` (without its newline) and its stripped content."""

    start: int
    end: int
    content: str

    @property
    def blank(self) -> bool:
        return not self.content


def split_lines(text: str) -> list[Line]:
    """Every line of ``text`` with its position.

    >>> [tuple(line) for line in split_lines("a \\n\\nb")]
    [(0, 2, 'a'), (3, 3, ''), (4, 5, 'b')]
    """
    lines = []
    pos = 0
    for raw in text.split("\n"):
        end = pos + len(raw)
        lines.append(Line(pos, end, raw.strip()))
        pos = end + 1
    return lines


def paragraphs(lines: list[Line]) -> list[list[int]]:
    """Indices of the lines of each paragraph (a run of non-blank lines).

    >>> paragraphs(split_lines("a\\nb\\n\\n\\nc"))
    [[0, 1], [4]]
    """
    groups: list[list[int]] = []
    current: list[int] = []
    for i, line in enumerate(lines):
        if line.blank:
            if current:
                groups.append(current)
                current = []
        else:
            current.append(i)
    if current:
        groups.append(current)
    return groups


# Wider than any printed or e-mail line: a line this long is a whole paragraph.
MAX_WRAP_WIDTH = 200


def is_wrapped(lines: list[Line]) -> bool:
    """Whether the text is hard-wrapped (PDF or e-mail style) rather than one line per paragraph.

    Most lines continue into a next non-blank line in wrapped text, and no line is much longer
    than a printed line; in web text most lines are followed by a blank line or are far longer.

    >>> is_wrapped(split_lines("one wrapped\\nline and\\nanother\\nline."))
    True
    >>> is_wrapped(split_lines(("A long paragraph. " * 20 + "\\n") * 4))
    False
    """
    filled = [i for i, line in enumerate(lines) if not line.blank]
    if len(filled) < 4:
        return False
    continued = sum(1 for i in filled if i + 1 < len(lines) and not lines[i + 1].blank)
    lengths = sorted(len(lines[i].content) for i in filled)
    return continued > len(filled) / 2 and lengths[len(lengths) // 2] <= MAX_WRAP_WIDTH


_BULLET = re.compile(r"(?:[-*•◦▪‣●·]|\d{1,3}[.)]|[a-z][.)])\s+\S")


def is_bullet(content: str) -> bool:
    """A list item: ``- ``, ``* ``, ``• ``, ``1. ``, ``a) `` and the like.

    >>> is_bullet("• Energy security"), is_bullet("1. First"), is_bullet("2024 was long")
    (True, True, False)
    """
    return _BULLET.match(content) is not None


_WORD = re.compile(r"\S+")
_HEADING_START = re.compile(r"""[#\w("'\[]""")
_CLOSERS = "\"')]*"
_FUNCTION_WORDS = "a an the and or but nor of to in on at by for from with as that than into onto"
_TRAILING_FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())


def word_count(content: str) -> int:
    return len(_WORD.findall(content))


def is_heading_line(content: str, *, max_words: int = 14) -> bool:
    """A short, title-like line: no sentence-final period, colon or comma, at most ``max_words``.

    Questions count ("Who are these troops?"): analysis articles like them as section titles.

    >>> is_heading_line("For Russia"), is_heading_line("Axis Alliance at Indo-Pacific?")
    (True, True)
    >>> is_heading_line("Russia attacked."), is_heading_line("It could lead to:")
    (False, False)
    >>> is_heading_line("Belarus hosts the weapons, according to")
    False
    """
    if not content or is_bullet(content) or not _HEADING_START.match(content):
        return False
    if content[0].islower():
        return False
    core = content.rstrip(_CLOSERS)
    if not core or core[-1] in ".,;:-–—/&" or sum(c.isalpha() for c in core) < 2:
        return False
    words = content.split()
    # A line ending in "to" or "the" is a sentence cut by a line break, not a title.
    return len(words) <= max_words and words[-1] not in _TRAILING_FUNCTION_WORDS


_NON_KEY = re.compile(r"[\s\"'‘’“”]+")


def norm_key(text: str) -> str:
    """A comparison key for lines against metadata: case, quotes and spacing ignored.

    >>> norm_key("North Korea’s  Gambit") == norm_key("north korea's gambit")
    True
    """
    return _NON_KEY.sub(" ", text).strip().casefold()
