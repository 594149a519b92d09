"""Offset-preserving edits: the one mechanism every cleaning rule uses to change text.

A cleaning step never rewrites a string directly. It proposes ``Edit(start, end, replacement)``
spans and :func:`apply_edits` rebuilds both the text and its offset map, so that every character
of the cleaned text still knows where it came from in the file the user gave us.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple, TypeVar

__all__ = ["Edit", "apply_edits", "identity_offsets", "merge_deletions", "edit_rule", "Rule"]

C = TypeVar("C")


class Edit(NamedTuple):
    """Replace ``text[start:end]`` by ``replacement`` (empty: delete; ``start == end``: insert)."""

    start: int
    end: int
    replacement: str = ""


Rule = Callable[[str, Sequence[int], C], tuple[str, Sequence[int]]]


def identity_offsets(text: str) -> range:
    """The offset map of untouched text: character ``i`` comes from position ``i``.

    A ``range`` rather than a list: it costs nothing until the first edit slices it.

    >>> list(identity_offsets("abc"))
    [0, 1, 2, 3]
    """
    return range(len(text) + 1)


def apply_edits(text: str, offsets: Sequence[int], edits: Iterable[Edit]) -> tuple[str, list[int]]:
    """Apply non-overlapping edits to ``text`` and carry ``offsets`` along.

    ``offsets`` has ``len(text) + 1`` entries (the last one marks the end). Every character of a
    replacement maps to the original offset of the first character it replaced, so a replacement
    never claims a position it does not come from. When a deletion runs to the end of the text the
    end marker moves to where the deleted tail began, so spans ending there stop at the last kept
    character instead of swallowing the dropped tail.

    >>> raw = "a  b’s"
    >>> apply_edits(raw, identity_offsets(raw), [Edit(1, 3, " "), Edit(4, 5, "'")])
    ("a b's", [0, 1, 3, 4, 5, 6])
    """
    ordered = sorted(edits)
    if not ordered:
        return text, list(offsets)
    n = len(text)
    pieces: list[str] = []
    new_offsets: list[int] = []
    pos = 0
    for start, end, replacement in ordered:
        if start < pos or end < start or end > n:
            raise ValueError(f"overlapping or out-of-range edit ({start}, {end}) at {pos}")
        pieces.append(text[pos:start])
        new_offsets += offsets[pos:start]
        if replacement:
            pieces.append(replacement)
            new_offsets += [offsets[start]] * len(replacement)
        pos = end
    pieces.append(text[pos:])
    new_offsets += offsets[pos:]
    last = ordered[-1]
    if last.end == n and not last.replacement and last.start < n:
        new_offsets[-1] = offsets[last.start]
    return "".join(pieces), new_offsets


def merge_deletions(spans: Iterable[tuple[int, int]]) -> list[Edit]:
    """Deletion edits for the union of possibly overlapping ``(start, end)`` spans.

    >>> merge_deletions([(5, 8), (0, 2), (1, 3), (8, 9)])
    [Edit(start=0, end=3, replacement=''), Edit(start=5, end=9, replacement='')]
    """
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [Edit(start, end) for start, end in merged if end > start]


def edit_rule(finder: Callable[[str, C], Iterable[Edit]]) -> Rule:
    """Turn ``finder(text, context) -> edits`` into a rule on ``(text, offsets, context)``."""

    def rule(text: str, offsets: Sequence[int], context: C) -> tuple[str, Sequence[int]]:
        edits = list(finder(text, context))
        return apply_edits(text, offsets, edits) if edits else (text, offsets)

    rule.__name__ = finder.__name__
    rule.__doc__ = finder.__doc__
    rule.find = finder  # type: ignore[attr-defined]  # tests inspect the edits themselves
    return rule
