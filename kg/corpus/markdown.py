"""Markdown markup removed so that the NLP stage sees prose: front matter, code, links, emphasis.

Each regex runs as its own pass so that the edits of one pass never overlap.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.corpus.edits import Edit, edit_rule
from kg.corpus.lines import split_lines
from kg.corpus.meta import FRONT_MATTER, CleanContext

__all__ = ["MARKDOWN_RULES"]

_BLOCKS_TO_DROP = re.compile(
    r"^[ \t]*(```|~~~).*?^[ \t]*\1[ \t]*$|<!--.*?-->"  # code fences and comments are not prose
    r"|^[ \t]*\[[^\]\n]+\]:[ \t]*\S.*$"  # reference-link definitions
    r"|^[ \t]*([-*_])(?:[ \t]*\2){2,}[ \t]*$|^[ \t]*=+[ \t]*$"  # rules and setext underlines
    r"|!\[[^\]\n]*\]\([^)\n]*\)|<https?://[^>\s]+>",  # images and autolinks
    re.S | re.M,
)
_LINK = re.compile(r"\[([^\]\n]+)\](?:\([^)\n]*\)|\[[^\]\n]*\])")
_STRONG = re.compile(r"(\*\*|__)(?=\S)([^\n]+?)(?<=\S)\1")
_EMPHASIS = re.compile(
    r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])"
    r"|(?<![\w_])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])"
    r"|`([^`\n]+)`"
)
_QUOTE_MARK = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.M)
_ATX = re.compile(r"^[ \t]*#{1,6}[ \t]+")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")


@edit_rule
def strip_front_matter(text: str, context: CleanContext) -> Iterator[Edit]:
    """TOML front matter between ``+++`` lines at the very top (it is metadata, read separately)."""
    match = FRONT_MATTER.match(text)
    if match:
        yield Edit(0, match.end())


@edit_rule
def drop_markup_blocks(text: str, context: CleanContext) -> Iterator[Edit]:
    """Code blocks, comments, link definitions, rules, setext underlines, images and autolinks."""
    for m in _BLOCKS_TO_DROP.finditer(text):
        yield Edit(m.start(), m.end())


def _unwrap(pattern: re.Pattern[str], name: str):
    """A rule keeping the last group of each match (the link text, the emphasised words) and
    dropping the markup around it."""

    def finder(text: str, context: CleanContext) -> Iterator[Edit]:
        for m in pattern.finditer(text):
            body = m.lastindex or 0
            yield Edit(m.start(), m.start(body))
            yield Edit(m.end(body), m.end())

    finder.__name__ = name
    return edit_rule(finder)


@edit_rule
def unmark_quotes_and_headings(text: str, context: CleanContext) -> Iterator[Edit]:
    """Blockquote markers go; ``# Heading`` loses its hashes and becomes a paragraph of its own."""
    lines = split_lines(text)
    for i, line in enumerate(lines):
        raw = text[line.start : line.end]
        if m := _QUOTE_MARK.match(raw):
            yield Edit(line.start, line.start + m.end())
            continue
        if m := _ATX.match(raw):
            yield Edit(line.start, line.start + m.end())
            if close := _ATX_CLOSE.search(raw):
                yield Edit(line.start + close.start(), line.end)
            if i > 0 and not lines[i - 1].blank:
                yield Edit(lines[i - 1].end, lines[i - 1].end, "\n")
            if i + 1 < len(lines) and not lines[i + 1].blank:
                yield Edit(line.end, line.end, "\n")


MARKDOWN_RULES = (
    strip_front_matter,
    drop_markup_blocks,
    _unwrap(_LINK, "unwrap_links"),
    _unwrap(_STRONG, "unwrap_strong"),
    _unwrap(_EMPHASIS, "unwrap_emphasis"),
    unmark_quotes_and_headings,
)
