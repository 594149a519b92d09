"""Boilerplate rules: lines and paragraphs that belong to the page, not to the article.

Each rule is a small function ``(page, context) -> line indices`` over a :class:`Page`, the line
and paragraph view of the text built once; :func:`drop_boilerplate` deletes the union of the lines
all rules name in one edit pass. Rules only ever delete whole lines, so the offset map stays
exact. Patterns are matched against whole stripped lines where possible, so prose that merely
mentions a word ("the source said", "subscribe to the treaty") is never touched.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property

from kg.corpus.edits import Edit, edit_rule, merge_deletions
from kg.corpus.lines import (
    is_bullet,
    is_heading_line,
    is_wrapped,
    norm_key,
    paragraphs,
    split_lines,
)
from kg.corpus.meta import CleanContext

__all__ = [
    "Page",
    "LineRule",
    "drop_comment_footer",
    "drop_reference_list",
    "drop_masthead",
    "drop_running_title",
    "drop_bylines",
    "drop_page_furniture",
    "drop_web_junk",
    "drop_link_lines",
    "drop_captions",
    "drop_notices",
    "LINE_RULES",
    "drop_boilerplate",
    "dropped_lines",
]

# How many non-blank lines count as "the top of the page" for mastheads and titles.
_TOP_LINES = 6


class Page:
    """The line and paragraph view of a text, with per-line facts computed once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = split_lines(text)
        self.contents = [line.content for line in self.lines]
        self.words = [len(c.split()) for c in self.contents]
        # Lower-cased lines let rules skip a case-insensitive regex (slow to scan) with a cheap
        # substring test on the many lines that cannot match.
        self.lowered = [c.lower() for c in self.contents]
        self._keys: dict[int, str] = {}

    @cached_property
    def paragraphs(self) -> list[list[int]]:
        return paragraphs(self.lines)

    @cached_property
    def wrapped(self) -> bool:
        return is_wrapped(self.lines)

    def key(self, i: int) -> str:
        """The :func:`norm_key` of line ``i``, computed on demand."""
        if i not in self._keys:
            self._keys[i] = norm_key(self.contents[i])
        return self._keys[i]

    @cached_property
    def top(self) -> list[int]:
        return [i for i, c in enumerate(self.contents) if c][:_TOP_LINES]

    def filled(self) -> Iterator[tuple[int, str]]:
        return ((i, c) for i, c in enumerate(self.contents) if c)

    def blocks(self) -> list[list[int]]:
        """Units a caption or notice can occupy: a paragraph in wrapped text, else a line."""
        if self.wrapped:
            return self.paragraphs
        return [[i] for i, _ in self.filled()]

    def block_text(self, block: list[int]) -> str:
        return " ".join(self.contents[i] for i in block)

    def block_words(self, block: list[int]) -> int:
        return sum(self.words[i] for i in block)

    def to_end(self, i: int) -> range:
        return range(i, len(self.lines))


LineRule = Callable[[Page, CleanContext], Iterable[int]]


# --- footers -------------------------------------------------------------------------------------

_COMMENT_FORM = re.compile(
    r"leave a (?:reply|comment)|cancel reply|comments are closed\.?|post a comment|add a comment"
    r"|join the (?:conversation|discussion)|\d+ (?:comments?|responses?|replies)"
    r"|your email address will not be published\b.*",
    re.I,
)
# A comment form this early is more likely a stray widget than the start of the page footer.
_FOOTER_FROM = 0.25


def drop_comment_footer(page: Page, context: CleanContext) -> Iterable[int]:
    """From a comment-form line ("Leave a Reply", "Comments are closed") to the end."""
    for i, content in page.filled():
        if page.words[i] <= 12 and _COMMENT_FORM.fullmatch(content):
            early = page.lines[i].start < _FOOTER_FROM * len(page.text)
            return [i] if early else page.to_end(i)
    return ()


_REFERENCE_HEADING = re.compile(
    r"(?:#{1,6}\s*)?(?:references|bibliography|sources|notes|end ?notes|footnotes|works cited"
    r"|citations|(?:further|suggested|recommended) readings?)\s*:?",
    re.I,
)


def drop_reference_list(page: Page, context: CleanContext) -> Iterable[int]:
    """A "References"/"Sources"/"Further Reading" heading in the second half, and all after it.

    The position test keeps a "Notes" section that opens an article.
    """
    half = len(page.text) / 2
    for para in page.paragraphs:
        i = para[0]
        if (
            len(para) == 1
            and page.lines[i].start >= half
            and page.words[i] <= 3
            and _REFERENCE_HEADING.fullmatch(page.contents[i])
        ):
            return page.to_end(i)
    return ()


# --- headers -------------------------------------------------------------------------------------


def drop_masthead(page: Page, context: CleanContext) -> Iterable[int]:
    """Site names, breadcrumbs and tracking tokens above the title, and the publisher's name line.

    Lines above the title go only when the metadata title is found among the first lines.
    """
    title = norm_key(context.meta.title or "")
    publisher = norm_key(context.meta.publisher or "")
    doomed = [i for i in page.top if publisher and page.key(i) == publisher]
    for i in page.top:
        if title and page.key(i) == title:
            doomed += range(i)
            break
    return doomed


def drop_running_title(page: Page, context: CleanContext) -> Iterable[int]:
    """The title repeated as a page header further down (printed and PDF pages repeat it)."""
    title = norm_key(context.meta.title or "")
    if not title:
        return ()
    size = len(context.meta.title or "")
    hits = [
        i
        for i, content in page.filled()
        if abs(len(content) - size) <= 5 + size // 5 and page.key(i) == title
    ]
    keep = hits[0] if hits and hits[0] in page.top else None
    return [i for i in hits if i != keep]


_BYLINE_LEAD = re.compile(r"(?:by|written by|words by|posted by|authors?:)\s+(.+)", re.I)
_NAME = r"[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,4}"
_BARE_BYLINE = re.compile(rf"(?:By|Written by)\s+{_NAME}(?:(?:,| and| &|, and) {_NAME})*")
_MAX_BYLINE_WORDS = 25


def drop_bylines(page: Page, context: CleanContext) -> Iterable[int]:
    """A line that is an author's name, or "By"/"Written by" followed by an author.

    Without known authors only a bare "By First Last" line is recognised.
    """
    authors = [norm_key(a) for a in context.meta.authors if a.strip()]
    longest = max((len(a) for a in authors), default=0) + 5
    for i, content in page.filled():
        if page.words[i] > _MAX_BYLINE_WORDS:
            continue
        if (len(content) <= longest and page.key(i) in authors) or _BARE_BYLINE.fullmatch(content):
            yield i
        elif authors and (lead := _BYLINE_LEAD.fullmatch(content)):
            named = norm_key(lead.group(1))
            if any(named.startswith(a) for a in authors):
                yield i


# --- page furniture and web junk -----------------------------------------------------------------

_PAGE_MARK = re.compile(
    r"\bpage\s+\d{1,4}\s*(?:/|of)\s*\d{1,4}\b|\bISSN:?\s*\d{4}-?\d{3}[\dX]\b", re.I
)
_PAGE_NUMBER = re.compile(r"(?:page|p\.)?\s*[-–—]?\s*\d{1,4}\s*[-–—]?", re.I)
_MAX_FURNITURE_WORDS = 15
_RUNNING_HEADER_REPEATS = 3
_MAX_RUNNING_HEADER_WORDS = 12


def drop_page_furniture(page: Page, context: CleanContext) -> Iterable[int]:
    """Page headers and footers of printed pages: "ISSN 2053-8626 Page 1/3", "Page 2 of 5",
    bare page numbers and, in hard-wrapped text, short lines repeated on three or more pages."""
    short = [(i, c) for i, c in page.filled() if page.words[i] <= _MAX_FURNITURE_WORDS]
    doomed = [i for i, c in short if _PAGE_NUMBER.fullmatch(c) or _PAGE_MARK.search(c)]
    if page.wrapped:
        # Speaker labels ("PUTIN:") repeat too, but end with a colon and carry attribution.
        headers = [
            (i, c)
            for i, c in short
            if page.words[i] <= _MAX_RUNNING_HEADER_WORDS
            and not is_bullet(c)
            and not c.endswith(":")
        ]
        counts = Counter(c for _, c in headers)
        doomed += [i for i, c in headers if counts[c] >= _RUNNING_HEADER_REPEATS]
    return doomed


_SOCIAL = (
    r"(?:facebook|twitter|x|linkedin|whatsapp|reddit|telegram|e-?mail|print|tweet|pinterest"
    r"|copy link|share)"
)
_NAV = r"[←«‹<]?\s*(?:prev(?:ious)?|next|older|newer)(?: (?:post|article|story|page))?\s*[→»›>]?"
_WEB_JUNK = re.compile(
    "|".join(
        [
            r"fbpx",
            r"share(?: this(?: article| story| post| page)?)?(?: on \w+)?:?",
            r"click to (?:share|email|print)\b.*",
            r"like this:?",
            r"(?:like )?loading\W*",
            r"(?:subscribe|sign up)(?: now| today| here)?(?: (?:to|for) .{0,60})?[.!]?",
            r"follow us(?: on .{0,40})?",
            rf"{_SOCIAL}(?:\s*[|/·•,]?\s*{_SOCIAL})*",
            r"advertisement|sponsored(?: content)?|skip to (?:main )?content",
            r"cookie (?:policy|settings|preferences|consent)"
            r"|(?:accept|reject|allow) (?:all )?cookies"
            r"|manage (?:cookies|preferences)",
            rf"{_NAV}(?:\s*[|/·]?\s*{_NAV})?",
            r"\d+\s*min(?:ute)?s?\s*read",
            r"(?:reading )?time to read:?\s*\d+\s*min(?:ute)?s?",
        ]
    ),
    re.I,
)
_COOKIE = re.compile(
    r"\b(?:we use cookies|(?:this|our) (?:web)?site uses cookies|uses cookies to"
    r"|accept (?:all )?cookies)\b",
    re.I,
)
_MAX_JUNK_WORDS = 15
_MAX_COOKIE_WORDS = 60


def drop_web_junk(page: Page, context: CleanContext) -> Iterable[int]:
    """Whole lines of web furniture: "fbpx", "Share this:", "Like this:", "Subscribe",
    social-network names, "← Prev Next →", "5 min read", and cookie notices."""
    for i, content in page.filled():
        words = page.words[i]
        if (words <= _MAX_JUNK_WORDS and _WEB_JUNK.fullmatch(content)) or (
            words <= _MAX_COOKIE_WORDS and "cookie" in page.lowered[i] and _COOKIE.search(content)
        ):
            yield i


_READ_MORE = re.compile(r"(?:read|learn|see|find out|discover) more\b.*", re.I)
_RELATED = re.compile(
    r"(?:related(?: (?:articles?|stories|posts|content|reading))?|see also|also read|read also"
    r"|you may also like|recommended(?: reading)?|more from [^:]{1,60}|more on [^:]{1,60})"
    r"\s*(?::.*)?",
    re.I,
)
# "More insights from X on Y: "Title", Outlet, date" - a link-out that quotes the linked title.
_MORE_QUOTED = re.compile(r"more\b[^:\n]{0,80}:\s*\".*", re.I)
_MAX_LINK_WORDS = 12


def _is_link_line(content: str, words: int) -> bool:
    if _READ_MORE.fullmatch(content):
        # Without a colon only a short line that is not a sentence ("Read more about the summit").
        return ":" in content or (words <= _MAX_LINK_WORDS and not content.endswith("."))
    return bool(_RELATED.fullmatch(content) or _MORE_QUOTED.fullmatch(content))


def drop_link_lines(page: Page, context: CleanContext) -> Iterable[int]:
    """ "Read more:", "Related:", "See also:" link lines; when the line is only the lead-in, the
    linked title on the next line of the same paragraph goes too."""
    for i, content in page.filled():
        if _is_link_line(content, page.words[i]):
            yield i
            lead_only = content.endswith(":") or page.words[i] <= 2
            if lead_only and i + 1 < len(page.lines) and page.contents[i + 1]:
                yield i + 1


# --- captions and notices ------------------------------------------------------------------------

_CREDIT_WORDS = (
    r"(?:wikimedia|wikipedia|getty|reuters|\bAP\b|\bAFP\b|\bEPA\b|shutterstock|alamy|flickr"
    r"|unsplash|pexels|xinhua|\bTASS\b|sputnik|\bKCNA\b|yonhap|associated press|creative commons"
    r"|photo|image|picture|licen[cs]e|handout|courtesy)"
)
_SOURCE_CREDIT = re.compile(rf"\bsource:\s*[^\n]{{0,80}}?{_CREDIT_WORDS}", re.I)
_CREDIT_PREFIX = re.compile(
    r"(?:(?:photo(?:graph)?|image|picture|illustration)s?(?: credit)?|credits?)\s*:"
    rf"|source:\s*[^\n]{{0,80}}?{_CREDIT_WORDS}",
    re.I,
)
_CREDIT_LINE = re.compile(
    r"\((?=[^()]*(?:photo|image|\bAP\b|\bAFP\b|reuters|getty|shutterstock|\bEPA\b|\bvia\b"
    r"|wikimedia|creative commons|courtesy|handout))[^()]{2,160}\)"
    r"|photo(?:graph)? by .{2,60}|(?:getty images|reuters|afp|ap photo|shutterstock)(?:/.{0,60})?",
    re.I,
)
_MAX_CAPTION_WORDS = 80
_MAX_ALT_TEXT_WORDS = 25
_SENTENCE_BREAK = re.compile(r"[.!?][\"')]*\s+[\"'(]*[A-Z]")


def _is_credit_line(content: str) -> bool:
    """A line that is only a credit: "(AP Photo/Name)", "Photo: Reuters", "Source: Getty"."""
    return bool(_CREDIT_LINE.fullmatch(content) or _CREDIT_PREFIX.match(content))


_CONTENT_WORD = re.compile(r"[a-z]{4,}")
_NOT_CONTENT_WORDS = "this that with from photo image picture their there which have were they"
_NOT_CONTENT = frozenset(_NOT_CONTENT_WORDS.split())


def _content_words(text: str) -> set[str]:
    return {w.rstrip("s") for w in _CONTENT_WORD.findall(text.lower())} - _NOT_CONTENT


def _looks_like_alt_text(content: str, words: int, caption: str) -> bool:
    """One short sentence describing what the caption below it describes too (alt text placed
    above a caption shares its subject: "Two goats ..." above "... Two goats stand ...")."""
    return (
        content.endswith(".")
        and words <= _MAX_ALT_TEXT_WORDS
        and not _SENTENCE_BREAK.search(content)
        and not is_heading_line(content)
        and bool(_content_words(content) & _content_words(caption))
    )


def drop_captions(page: Page, context: CleanContext) -> Iterable[int]:
    """Image captions with their credits, and the alt text just above a whole-paragraph caption.

    A caption is a line (or, in hard-wrapped text, a paragraph) with "Source:" followed by a photo
    credit, or a paragraph holding a credit-only line such as "(AP Photo/Name)" or "Photo: X".
    """
    paras = page.paragraphs
    doomed: set[int] = set()
    for para in paras:
        if page.block_words(para) <= _MAX_CAPTION_WORDS and any(
            _is_credit_line(page.contents[i]) for i in para
        ):
            doomed.update(para)
    for block in page.blocks():
        if (
            page.block_words(block) <= _MAX_CAPTION_WORDS
            and any("source:" in page.lowered[i] for i in block)
            and _SOURCE_CREDIT.search(page.block_text(block))
        ):
            doomed.update(block)
    for p, para in enumerate(paras):
        if p and set(para) <= doomed and len(paras[p - 1]) == 1:
            prev = paras[p - 1][0]
            caption = page.block_text(para)
            if prev not in doomed and _looks_like_alt_text(
                page.contents[prev], page.words[prev], caption
            ):
                doomed.add(prev)
    return doomed


_LICENCE = re.compile(
    r"licen[cs]ed under (?:an? |the )?(?:creative commons|CC[ -]BY)|all rights reserved"
    r"|^(?:©|\(c\)\s|copyright\b)",
    re.I,
)
_REPUBLISHED = re.compile(
    r"\(?\s*(?:this (?:post|article|story|piece|essay|commentary|op-ed) (?:is|was|has been) "
    r"(?:originally |first )?(?:re)?published|this (?:post|article|story|piece) "
    r"(?:first |originally )?appeared|(?:originally|first) (?:published|appeared) (?:in|by|on|at)"
    r"|republished (?:from|with permission))",
    re.I,
)
_MAX_NOTICE_WORDS = 60
_NOTICE_HINTS = ("licen", "reserved", "©", "(c)", "copyright", "publish", "appeared")


def drop_notices(page: Page, context: CleanContext) -> Iterable[int]:
    """Licence, copyright and republication notices ("All rights reserved", "This post is
    republished from ...")."""
    for block in page.blocks():
        if page.block_words(block) > _MAX_NOTICE_WORDS:
            continue
        lowered = " ".join(page.lowered[i] for i in block)
        if any(hint in lowered for hint in _NOTICE_HINTS):
            body = page.block_text(block)
            if _LICENCE.search(body) or _REPUBLISHED.match(body):
                yield from block


LINE_RULES: tuple[LineRule, ...] = (
    drop_comment_footer,
    drop_reference_list,
    drop_masthead,
    drop_running_title,
    drop_bylines,
    drop_page_furniture,
    drop_web_junk,
    drop_link_lines,
    drop_captions,
    drop_notices,
)


def _doomed(page: Page, context: CleanContext, rules: Iterable[LineRule]) -> set[int]:
    doomed: set[int] = set()
    for rule in rules:
        doomed.update(rule(page, context))
    return doomed


@edit_rule
def drop_boilerplate(text: str, context: CleanContext) -> list[Edit]:
    """Delete every line some boilerplate rule names, each with its newline.

    >>> drop_boilerplate.find("fbpx\\nRussia refused to subscribe to the pact.", CleanContext())
    [Edit(start=0, end=5, replacement='')]
    """
    page = Page(text)
    n = len(text)
    return merge_deletions(
        (page.lines[i].start, min(page.lines[i].end + 1, n))
        for i in _doomed(page, context, LINE_RULES)
    )


def dropped_lines(
    text: str, context: CleanContext | None = None, rules: Iterable[LineRule] = LINE_RULES
) -> list[str]:
    """The non-blank lines that ``rules`` would delete, in order: a window for tests and debugging.

    >>> dropped_lines("Text.\\n\\nRead more:\\nA linked title\\n\\nMore text.")
    ['Read more:', 'A linked title']
    """
    page = Page(text)
    doomed = _doomed(page, context or CleanContext(), rules)
    return [page.contents[i] for i in sorted(doomed) if page.contents[i]]
