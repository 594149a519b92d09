"""Control characters out of what reaches a terminal: file names, titles and sentences from
documents are data, and an ESC or BEL in them must not recolour, retitle or beep a terminal.

Two ways, by destination:

- text for people (error lines, tables): each control character is shown as an escape,
  ``\\x1b``; the reader sees that it is there, the terminal does not act on it;
- RDF and JSON text (exports, CONSTRUCT results): the syntax's own ``\\u001B`` escape, which
  parses back to the same character, so the data is unchanged.
"""

from __future__ import annotations

import re

__all__ = ["escape_controls", "printable"]

# C0 controls but tab and newline, DEL and the C1 controls (U+0080-U+009F: U+009B is CSI), and
# the bidirectional embeddings, overrides and isolates, which can make a line read backwards
# (the marks U+200E and U+200F, common in Arabic and Hebrew text, stay)
_SHOWN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# the same and newline, for what must stay one line
_SHOWN_IN_A_LINE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# what Turtle, TriG, N-Quads and JSON may carry raw only inside a string (tab, newline and
# carriage return are whitespace between their tokens, so they stay)
_IN_STRINGS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def printable(text: str, *, one_line: bool = False) -> str:
    """``text`` with every control character a terminal acts on written as ``\\xNN`` (a
    bidirectional override as ``\\u202e``).

    Tab and newline stay (``one_line=True`` escapes the newline too, for an error line).

    >>> printable("doc\\x1b[31m.txt\\x07")
    'doc\\\\x1b[31m.txt\\\\x07'
    >>> printable("a\\tb\\nc"), printable("a\\nb", one_line=True)
    ('a\\tb\\nc', 'a\\\\x0ab')
    >>> printable("evil\\u202egnp.txt")
    'evil\\\\u202egnp.txt'
    """
    pattern = _SHOWN_IN_A_LINE if one_line else _SHOWN
    return pattern.sub(_shown, text)


def _shown(match: re.Match) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """Turtle, TriG, N-Quads or JSON text with its control characters as ``\\uXXXX`` escapes.

    In these syntaxes a control character can only stand inside a string, where ``\\uXXXX``
    means the same character: the data is unchanged, the bytes are safe to print.

    >>> escape_controls('"a\\x1b[0m\\x9b" .')
    '"a\\\\u001B[0m\\\\u009B" .'
    """
    return _IN_STRINGS.sub(lambda m: f"\\u{ord(m[0]):04X}", text)
