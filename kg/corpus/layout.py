"""Layout: repair hard line wraps, keep headings and list items apart, find heading spans and
cut a cleaned text into chunks at paragraph boundaries."""

from __future__ import annotations

import re

from kg.corpus.edits import Edit, edit_rule
from kg.corpus.lines import (
    MAX_WRAP_WIDTH,
    Line,
    is_bullet,
    is_heading_line,
    is_wrapped,
    norm_key,
    split_lines,
)
from kg.corpus.meta import CleanContext
from kg.corpus.normalise import collapse_spaces

__all__ = ["reflow", "lay_out", "keep_hyphen", "find_headings", "chunk_spans"]

# In wrapped text a heading is a first line clearly shorter than the wrap width.
_HEADING_WIDTH_RATIO = 0.7
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*$")
_LEFT_PART = re.compile(r"(?<![\w'])([A-Za-z][\w']*)-$")
_MAX_WORD = 40
_RIGHT_PART = re.compile(r"[A-Za-z][\w']*")
_BROKEN_WORD = re.compile(r"[A-Za-z][\w']*-[ \t]*\n[ \t]*[\w']+")
_TOKEN = re.compile(r"[A-Za-z][\w']*(?:-[A-Za-z][\w']*)*")
# Prefixes that keep their hyphen in current English ("self-defence", "non-state", "ex-leader").
_HYPHEN_PREFIXES = frozenset({"self", "ex", "non", "quasi", "well"})


def _vocabulary(text: str) -> set[str]:
    """Lower-cased words and hyphenated compounds of ``text``, except words split at line ends."""
    vocab: set[str] = set()
    for token in _TOKEN.findall(_BROKEN_WORD.sub(" ", text)):
        token = token.lower()
        vocab.add(token)
        if "-" in token:
            vocab.update(token.split("-"))
    return vocab


def keep_hyphen(left: str, right: str, vocabulary: set[str]) -> bool:
    """Whether a word hyphenated across a line break is a real compound.

    The document itself is the best dictionary: a compound or a joined word seen elsewhere decides.
    Otherwise a capital after the break ("Russia-Ukraine"), a compound prefix ("self-"), a proper
    noun before it ("Moscow-based") or two known words keep the hyphen; anything else was split
    by the typesetter ("contin-uing").

    >>> keep_hyphen("contin", "uing", set()), keep_hyphen("Russia", "Ukraine", set())
    (False, True)
    >>> keep_hyphen("short", "range", {"short-range"}), keep_hyphen("inter", "national", set())
    (True, False)
    """
    low_left, low_right = left.lower(), right.lower()
    if f"{low_left}-{low_right}" in vocabulary:
        return True
    if low_left + low_right in vocabulary:
        return False
    if right[:1].isupper() or right[:1].isdigit() or low_left in _HYPHEN_PREFIXES:
        return True
    if left[:1].isupper() and len(left) >= 3 and low_left in vocabulary:
        return True
    return min(len(left), len(right)) >= 3 and {low_left, low_right} <= vocabulary


def _content_span(text: str, line: Line) -> tuple[int, int]:
    raw = text[line.start : line.end]
    return line.end - len(raw.lstrip()), line.start + len(raw.rstrip())


def _wrap_width(lines: list[Line]) -> int:
    lengths = sorted(len(line.content) for line in lines if line.content)
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0


def _starts_paragraph(prev: str, cur: str, *, heading_allowed: bool, indented: bool) -> bool:
    """Whether ``cur`` opens a new paragraph although no blank line precedes it: ``prev`` is a
    heading leading its paragraph, or ``cur`` follows a sentence end and is indented (PDF layout)
    or comes after a line too long to be wrapped (one paragraph per line, single newlines)."""
    if heading_allowed and not cur[0].islower() and is_heading_line(prev):
        return True
    return (indented or len(prev) > MAX_WRAP_WIDTH) and _SENTENCE_END.search(prev) is not None


@edit_rule
def reflow(text: str, context: CleanContext) -> list[Edit]:
    """Lay the text out as paragraphs separated by one blank line.

    Inside a paragraph a line break becomes a space, a word hyphenated across it is rejoined,
    and list items and a leading heading line stay on lines of their own. An indented line after
    a sentence end starts a new paragraph (PDF layout). Line edges lose their spaces.

    >>> text = "  A wrapped\\nline of text.\\n\\n\\n\\n• one\\n• two  "
    >>> from kg.corpus.edits import apply_edits, identity_offsets
    >>> apply_edits(text, identity_offsets(text), reflow.find(text, CleanContext()))[0]
    'A wrapped line of text.\\n\\n• one\\n• two'
    """
    lines = split_lines(text)
    filled = [i for i, line in enumerate(lines) if line.content]
    if not filled:
        return [Edit(0, len(text))] if text else []
    wrapped = is_wrapped(lines)
    short = _HEADING_WIDTH_RATIO * _wrap_width(lines)
    vocabulary: set[str] | None = None
    spans = {i: _content_span(text, lines[i]) for i in filled}
    edits = []
    first_start = spans[filled[0]][0]
    if first_start:
        edits.append(Edit(0, first_start))
    para_start = filled[0]
    for a, b in zip(filled, filled[1:], strict=False):
        prev, cur = lines[a].content, lines[b].content
        gap_start, gap_end = spans[a][1], spans[b][0]
        if b - a > 1:
            sep, para_start = "\n\n", b
        elif is_bullet(cur):
            sep = "\n"
        elif is_bullet(prev):
            # An indented or lower-case line continues the item; anything else ends the list.
            if gap_end > lines[b].start or cur[0].islower():
                sep = " "
            else:
                sep, para_start = "\n\n", b
        elif _starts_paragraph(
            prev,
            cur,
            heading_allowed=a == para_start and (not wrapped or len(prev) <= short),
            indented=gap_end > lines[b].start,
        ):
            sep, para_start = "\n\n", b
        elif (
            prev.endswith("-")
            and (left := _LEFT_PART.search(prev, max(0, len(prev) - _MAX_WORD)))
            and (right := _RIGHT_PART.match(cur))
        ):
            if vocabulary is None:
                vocabulary = _vocabulary(text)
            sep = ""
            if not keep_hyphen(left.group(1), right.group(), vocabulary):
                gap_start -= 1
        elif prev.endswith(("—", "–")) and not prev[-2:-1].isspace():
            sep = ""
        else:
            sep = " "
        if text[gap_start:gap_end] != sep:
            edits.append(Edit(gap_start, gap_end, sep))
    last_end = spans[filled[-1]][1]
    if last_end < len(text):
        edits.append(Edit(last_end, len(text)))
    return edits


@edit_rule
def lay_out(text: str, context: CleanContext) -> list[Edit]:
    """:func:`reflow` and :func:`~kg.corpus.normalise.collapse_spaces` in one edit pass (their
    edits never overlap: one works inside lines, the other on line edges)."""
    return [*collapse_spaces.find(text, context), *reflow.find(text, context)]


_SINGLE_LINE_PARAGRAPH = re.compile(r"(?:\A|(?<=\n\n))[^\n]+(?=\n\n|\Z)")


def find_headings(text: str, *, title: str | None = None) -> tuple[tuple[int, int], ...]:
    """Spans of heading lines in cleaned text: one-line paragraphs that read as titles, and the
    paragraph equal to ``title`` whatever its length.

    >>> find_headings("Storm Corps\\n\\nThe unit trained hard.\\n\\nWhy now?")
    ((0, 11), (37, 45))
    """
    title_key = norm_key(title) if title else ""

    def is_title(line: str) -> bool:
        # Length first: norm_key is a regex pass and only a line near the title's size can match.
        return abs(len(line) - len(title_key)) <= 5 + len(title_key) // 5 and (
            norm_key(line) == title_key
        )

    return tuple(
        m.span()
        for m in _SINGLE_LINE_PARAGRAPH.finditer(text)
        if is_heading_line(m.group()) or (title_key and is_title(m.group()))
    )


_PARAGRAPH_BREAK = re.compile(r"\n\n+")
_SENTENCE_BREAK = re.compile(r"[.!?][\"')\]]* +")
_SPACE = re.compile(r"\s+")


def _last_cut(pattern: re.Pattern[str], text: str, low: int, high: int) -> int | None:
    """The end of the last match of ``pattern`` in ``text[low:high]`` that ends after ``low``,
    or None (read window by window: a list of every space of a long text cost gigabytes)."""
    end = None
    for m in pattern.finditer(text, low, high):
        if m.end() > low:
            end = m.end()
    return end


def chunk_spans(text: str, max_chars: int) -> list[tuple[int, int]]:
    """Consecutive spans covering ``text``, each at most ``max_chars`` long.

    Cuts fall after paragraph breaks when possible, else after a sentence end, else after a space,
    else anywhere (a single word longer than ``max_chars``).

    >>> chunk_spans("One two.\\n\\nThree four.\\n\\nFive.", 15)
    [(0, 10), (10, 23), (23, 28)]
    >>> chunk_spans("One two. Three four five six", 12), chunk_spans("abcdefgh", 3)
    ([(0, 9), (9, 20), (20, 28)], [(0, 3), (3, 6), (6, 8)])
    """
    if max_chars < 1:
        raise ValueError("max_chars must be at least 1")
    spans = []
    start = 0
    while len(text) - start > max_chars:
        limit = start + max_chars
        end = (
            _last_cut(_PARAGRAPH_BREAK, text, start, limit)
            or _last_cut(_SENTENCE_BREAK, text, start, limit)
            or _last_cut(_SPACE, text, start, limit)
            or limit
        )
        spans.append((start, end))
        start = end
    if start < len(text):
        spans.append((start, len(text)))
    return spans
