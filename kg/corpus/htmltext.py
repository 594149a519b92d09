"""Visible text of an HTML page with an exact map back into the HTML source.

``html.parser`` finds the tags; the text between them is decoded here, from the raw source, so
each character (and each decoded entity) keeps its position.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from html.parser import HTMLParser

from kg.corpus.edits import Edit, apply_edits
from kg.corpus.meta import DocumentMeta

__all__ = ["html_to_text", "html_meta", "html_document", "DROPPED_ELEMENTS", "BLOCK_ELEMENTS"]

# Elements whose text is page furniture or not text at all.
_DROPPED_ELEMENTS_WORDS = (
    "head title script style noscript template svg math nav header footer aside form "
    "figcaption button select option iframe object canvas"
)
DROPPED_ELEMENTS = frozenset(_DROPPED_ELEMENTS_WORDS.split())
# Elements that end a paragraph; text either side never runs together.
_BLOCK_ELEMENTS_WORDS = (
    "p div section article main h1 h2 h3 h4 h5 h6 ul ol li dl dt dd blockquote pre table "
    "thead tbody tr td th caption figure hr address details summary body html"
)
BLOCK_ELEMENTS = frozenset(_BLOCK_ELEMENTS_WORDS.split())
_VOID_WORDS = "area base br col embed hr img input link meta source track wbr"
_VOID = frozenset(_VOID_WORDS.split())
# Entities and the HTML whitespace that rendering collapses; a lone space needs no edit.
_TEXT_EDITS = re.compile(
    r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?|[ \t\r\n\f]{2,}|[\t\r\n\f]"
)
_BREAKS = re.compile(r"[ \n]*\n[ \n]*")
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


class _Extractor(HTMLParser):
    def __init__(self, raw: str) -> None:
        super().__init__(convert_charrefs=True)
        self.raw = raw
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]
        self.segments: list[tuple[int, int]] = []  # raw spans of visible text
        self.breaks: list[tuple[int, int, bool]] = []  # (raw position, newlines, list item?)
        self._pending: int | None = None  # start of a data run whose end is the next event
        self._dropped: dict[str, int] = {}
        self.title_parts: list[str] = []
        self._in_title = False
        self.metas: list[tuple[str, str]] = []

    def _pos(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _flush(self) -> int:
        pos = self._pos()
        if self._pending is not None:
            if not any(self._dropped.values()):
                self.segments.append((self._pending, pos))
            elif self._in_title:
                self.title_parts.append(self.raw[self._pending : pos])
            self._pending = None
        return pos

    def handle_data(self, data: str) -> None:
        pos = self._flush()
        self._pending = pos

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pos = self._flush()
        if tag in DROPPED_ELEMENTS and tag not in _VOID:
            self._dropped[tag] = self._dropped.get(tag, 0) + 1
            self._in_title = self._in_title or tag == "title"
        if tag == "li":
            self.breaks.append((pos, 1, True))
        elif tag in BLOCK_ELEMENTS:
            self.breaks.append((pos, 2, False))
        elif tag == "br":
            self.breaks.append((pos, 1, False))
        if tag == "meta":
            named = dict(attrs)
            key = (named.get("name") or named.get("property") or "").strip().lower()
            if key and named.get("content"):
                self.metas.append((key, named["content"] or ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        pos = self._flush()
        if self._dropped.get(tag):
            self._dropped[tag] -= 1
            if tag == "title":
                self._in_title = False
        if tag in BLOCK_ELEMENTS and tag != "li":
            self.breaks.append((pos, 2, False))

    def handle_comment(self, data: str) -> None:
        self._flush()

    def handle_decl(self, decl: str) -> None:
        self._flush()

    def handle_pi(self, data: str) -> None:
        self._flush()

    def unknown_decl(self, data: str) -> None:
        self._flush()

    def close(self) -> None:
        super().close()
        if self._pending is not None and not any(self._dropped.values()):
            self.segments.append((self._pending, len(self.raw)))
        self._pending = None


def _parse(raw: str) -> _Extractor:
    parser = _Extractor(raw)
    parser.feed(raw)
    parser.close()
    return parser


def _gap(parser: _Extractor, lo: int, hi: int, first: bool) -> tuple[str, list[int]]:
    """What the tags between two text runs render as: line breaks and a list bullet.

    Breaks map to the tag that caused them; a bullet to its ``<li``, as a browser draws it there.
    """
    breaks = parser.breaks[lo:hi]
    newlines = 0 if first else max((b[1] for b in breaks), default=0)
    item = next((b[0] for b in reversed(breaks) if b[2]), None)
    text = "\n" * newlines + ("• " if item is not None else "")
    offsets = [breaks[0][0]] * newlines + ([item] * 2 if item is not None else [])
    return text, offsets


def _assemble(raw: str, parser: _Extractor) -> tuple[str, list[int]]:
    """Text and offsets from the visible segments and the breaks between them."""
    pieces: list[str] = []
    offsets: list[int] = []
    break_positions = [b[0] for b in parser.breaks]
    end = 0
    for start, stop in parser.segments:
        lo = bisect_right(break_positions, end - 1) if pieces else 0
        hi = bisect_right(break_positions, start)
        if lo < hi:
            gap, gap_offsets = _gap(parser, lo, hi, first=not pieces)
            pieces.append(gap)
            offsets += gap_offsets
        segment = raw[start:stop]
        edits = []
        for m in _TEXT_EDITS.finditer(segment):
            token = m.group()
            if token[0] != "&":
                edits.append(Edit(m.start(), m.end(), " "))
            elif (decoded := html.unescape(token)) != token:  # unknown names stay as written
                edits.append(Edit(m.start(), m.end(), decoded))
        text, seg_offsets = apply_edits(segment, range(start, stop + 1), edits)
        pieces.append(text)
        offsets += seg_offsets[:-1]
        end = stop
    text = "".join(pieces)
    offsets.append(end)
    # Whitespace around breaks and at the edges is not content.
    edits = [
        Edit(m.start(), m.end(), "\n\n" if m.group().count("\n") > 1 else "\n")
        for m in _BREAKS.finditer(text)
    ]
    lead = len(text) - len(text.lstrip())
    trail = len(text.rstrip())
    edits = [e for e in edits if e.start >= lead and e.end <= trail]
    edits += [e for e in (Edit(0, lead), Edit(trail, len(text))) if e.end > e.start]
    return apply_edits(text, offsets, edits)


def html_to_text(raw: str) -> tuple[str, list[int]]:
    """Visible text of an HTML document and its map into ``raw``.

    Block elements become paragraph breaks, ``<br>`` a line break; script, style, navigation,
    headers, footers, asides, forms and figure captions are dropped; entities are decoded and map
    to their ``&``; runs of HTML whitespace become one space.

    >>> text, offsets = html_to_text("<title>T</title><p>Seoul &amp; Kyiv</p><p>Talks</p>")
    >>> text
    'Seoul & Kyiv\\n\\nTalks'
    >>> offsets[6], offsets[12], offsets[14]
    (25, 35, 42)
    """
    return _assemble(raw, _parse(raw))


def _first(metas: list[tuple[str, str]], *keys: str) -> str | None:
    for key in keys:
        for name, content in metas:
            if name == key and content.strip():
                return " ".join(content.split())
    return None


def html_meta(raw: str) -> DocumentMeta:
    """Metadata from ``<title>`` and ``<meta>`` tags (author, date, published time, site name).

    >>> html_meta('<title>A &amp; B</title><meta name="author" content="Ann Lee">').authors
    ('Ann Lee',)
    """
    return _meta(_parse(raw))


def html_document(raw: str) -> tuple[str, list[int], DocumentMeta]:
    """:func:`html_to_text` and :func:`html_meta` from a single parse."""
    parser = _parse(raw)
    text, offsets = _assemble(raw, parser)
    return text, offsets, _meta(parser)


def _meta(parser: _Extractor) -> DocumentMeta:
    title = " ".join(html.unescape("".join(parser.title_parts)).split()) or None
    authors = tuple(
        dict.fromkeys(
            " ".join(content.split())
            for name, content in parser.metas
            if name in ("author", "article:author", "dc.creator")
            and content.strip()
            and "://" not in content
        )
    )
    date = _first(parser.metas, "article:published_time", "date", "dc.date", "pubdate")
    if date and (match := _DATE.match(date)):
        date = match.group()
    return DocumentMeta(
        title=title,
        authors=authors,
        publisher=_first(parser.metas, "og:site_name", "publisher"),
        date=date,
    )
