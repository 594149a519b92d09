"""What a claim says beyond its triple: how many, when, and who says so.

Given a relation's trigger token, these functions read its parse for

* a quantity: a number modifying what the relation moves or names ("dispatched 3,000
  soldiers", "delivery of almost 500 goats", "ten thousand troops", "up to 1,000 shells"), with
  the counted item and, for money, the currency;
* a date: the DATE entity of the sentence nearest the trigger in the parse ("In June 2024",
  "On April 28, 2025", "In October", "since ... 2000"), as the year, month and day it gives
  (a month without a year is resolved later against the document's date);
* a source: who makes a reported claim ("The USA has confirmed", "South Korean intelligence
  suspects", "Zelenskyy accused", "according to KCNA", "defectors reveal").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from dateutil import parser as dateparser
from spacy.tokens import Doc, Span, Token

from kg.extract.coreference import stray_subject
from kg.extract.grammar import grammar_of
from kg.extract.linker import Mention

_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_SMALL = {w: i for i, w in enumerate(_WORDS.split())}
_TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety"
_TENS = {w: 10 * (i + 2) for i, w in enumerate(_TENS_WORDS.split())}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_UPPER = ("up to", "as many as", "at most", "no more than", "fewer than", "less than", "under")
_LOWER = ("at least", "more than", "over", "upwards of", "no fewer than", "in excess of")
_CURRENCY = {"$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
             "dollars": "USD", "dollar": "USD", "euros": "EUR", "rubles": "RUB", "roubles": "RUB",
             "won": "KRW", "yuan": "CNY", "rmb": "CNY"}  # fmt: skip


@dataclass(frozen=True)
class Quantity:
    """A number a claim gives: exact (``value``) or a bound or range (``low``, ``high``)."""

    value: float | None = None
    low: float | None = None
    high: float | None = None
    item: str = ""
    unit: str = ""


@dataclass(frozen=True)
class DateMention:
    """A date as the text gives it: the parts it names, and "since"/"by"/"until" if any."""

    text: str
    year: int | None
    month: int | None
    day: int | None
    qualifier: str = ""


@dataclass(frozen=True)
class Source:
    """Who makes a claim: an actor, or another source ("defectors", "intelligence")."""

    label: str
    actor: Mention | None = None
    affiliation: Mention | None = None


# ---------------------------------------------------------------------- numbers


def number(words: str) -> float | None:
    """The value of a numeral written in digits or English words.

    >>> [number(w) for w in ("3,000", "10 000", "1.5 million", "ten thousand", "forty-two")]
    [3000.0, 10000.0, 1500000.0, 10000.0, 42.0]
    >>> number("several") is None
    True
    """
    text = words.lower().replace(",", "").replace("-", " ").strip()
    text = re.sub(r"(?<=\d) (?=\d{3}\b)", "", text)
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(hundred|thousand|million|billion|k|m|bn)?", text)
    if match:
        scale = {"k": 1e3, "m": 1e6, "bn": 1e9}.get(match.group(2) or "")
        scale = scale or _SCALES.get(match.group(2) or "", 1)
        return float(match.group(1)) * scale
    total, current = 0.0, 0.0
    seen = False
    for word in text.split():
        if word == "and":
            continue
        if word in _SMALL:
            current += _SMALL[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _numeral(token: Token) -> tuple[float | None, list[Token]]:
    """The number a nummod token starts, with its compound words ("ten thousand", "1.5 million")."""
    parts = sorted(
        [token] + [c for c in token.children if c.dep_ in ("compound", "nummod") and c.like_num],
        key=lambda t: t.i,
    )
    return number(" ".join(t.text for t in parts)), parts


def _bound(first: Token) -> str:
    """'low', 'high' or '' from the words just before a number ("up to", "at least")."""
    before = " ".join(t.lower_ for t in first.doc[max(0, first.i - 4) : first.i])
    if any(before.endswith(p) for p in _UPPER):
        return "high"
    if any(before.endswith(p) for p in _LOWER):
        return "low"
    return ""


def _bounded(value: float, first: Token, *, item: str = "", unit: str = "") -> Quantity:
    """``value`` as the exact number, or the bound that the words before ``first`` make it."""
    bound = _bound(first)
    return Quantity(
        value=None if bound else value,
        low=value if bound == "low" else None,
        high=value if bound == "high" else None,
        item=item,
        unit=unit,
    )


def since_previous_sentence(token: Token) -> int:
    """Where the sentence before ``token``'s starts (its own, if it is the first)."""
    start = token.sent.start
    return token.doc[start - 1].sent.start if start > 0 else start


def _counted(noun: Token) -> Quantity | None:
    if noun.lemma_.lower() in grammar_of(noun.doc).group_nouns:
        return None  # "the two nations" counts the parties, not what moves between them
    for child in noun.children:
        if (
            child.dep_ == "nummod"
            and child.like_num
            and child.ent_type_ != "DATE"
            and not re.fullmatch(r"(1[89]|20)\d\d", child.text)  # "its 2022 invasion"
        ):
            value, parts = _numeral(child)
            if value is None:
                continue
            item = " ".join(  # what is counted, without who owns it ("North Korean")
                t.text
                for t in noun.subtree
                if max(p.i for p in parts) < t.i <= noun.i
                and t.ent_type_ not in ("NORP", "GPE", "ORG", "PERSON")
            )
            unit = ""
            for t in noun.doc[max(0, parts[0].i - 2) : parts[0].i]:
                unit = _CURRENCY.get(t.lower_, unit)
            return _bounded(value, parts[0], item=item.lower(), unit=unit)
    return None


def increment(token: Token) -> bool:
    """A bare number counting more of something named before: "10,000 more", "another 2,000"
    (not "2,000 more troops", which names what it counts)."""
    if not (token.like_num and token.pos_ == "NUM") or token.dep_ == "nummod":
        return False
    doc = token.doc
    before = doc[token.i - 1].lower_ if token.i else ""
    after = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
    return (
        before in ("another", "additional")
        or after in ("more", "additional")
        or any(c.lower_ in grammar_of(token.doc).increment_words for c in token.children)
    )


def _increment_of(number_token: Token) -> Quantity | None:
    """ "10,000 more": the number, counting more of the nearest counted item before it in the
    same or the previous sentence ("3,000 soldiers ... and 10,000 more")."""
    value, parts = _numeral(number_token)
    if value is None:
        return None
    start = since_previous_sentence(number_token)
    for token in reversed(number_token.doc[start : number_token.i]):
        if token.pos_ in ("NOUN", "PROPN"):
            earlier = _counted(token)
            if earlier is not None and earlier.item:
                return _bounded(value, parts[0], item=f"more {earlier.item}", unit=earlier.unit)
    return None


def quantity(trigger: Token) -> Quantity | None:
    """The quantity a relation's trigger carries: on the trigger noun, on what a verb moves, on
    the "of"/"with" phrase of a noun ("delivery of 500 goats", "provide X with 10,000 troops"),
    or an increment ("and 10,000 more") of an item counted just before."""
    candidates = [trigger]
    for child in trigger.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr"):
            candidates.append(child)
        elif child.dep_ == "prep" and child.lower_ in ("of", "with"):
            candidates += [p for p in child.children if p.dep_ == "pobj"]
    if trigger.dep_ in ("dobj", "nsubjpass", "pobj") and trigger.head.pos_ in ("VERB", "ADP"):
        head = trigger.head if trigger.head.pos_ == "VERB" else trigger.head.head
        candidates += [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    for noun in candidates:
        found = _increment_of(noun) if increment(noun) else _counted(noun)
        if found is not None:
            return found
    return None


def _numbers(sentence: Span) -> list[tuple[float, list[Token]]]:
    """The numbers a sentence gives, in order, each with its tokens (dates, ordinals and
    citation years left out)."""
    out: list[tuple[float, list[Token]]] = []
    used: set[int] = set()
    for token in sentence:
        if token.i in used or not token.like_num or token.ent_type_ in ("DATE", "ORDINAL", "TIME"):
            continue
        if token.dep_ in ("compound", "nummod") and token.head.like_num:
            continue  # part of "ten thousand", read from its head
        value, parts = _numeral(token)
        if value is not None:
            used.update(t.i for t in parts)
            out.append((value, parts))
    return out


def estimate(sentence: Span) -> Quantity | None:
    """The count a sentence about numbers gives: "from around 11,000 to as many as 100,000",
    "between 2,000 and 3,000", "at least 500", "some 12,000" (None if it gives none, or
    several that are not a range).

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> estimate(nlp("Estimates range from around 11,000 to as many as 100,000.")[:])
    Quantity(value=None, low=11000.0, high=100000.0, item='', unit='')
    >>> estimate(nlp("Their number is put at at least 500.")[:])
    Quantity(value=None, low=500.0, high=None, item='', unit='')
    """
    found = _numbers(sentence)
    doc = sentence.doc
    if len(found) == 2:
        (low, first), (high, second) = found
        before = " ".join(t.lower_ for t in doc[max(sentence.start, first[0].i - 3) : first[0].i])
        between = {t.lower_ for t in doc[first[-1].i + 1 : second[0].i]}
        ranged = ("from" in before.split() and "to" in between) or (
            "between" in before.split() and "and" in between
        )
        if ranged and low <= high:
            return Quantity(low=low, high=high)
        return None
    if len(found) == 1:
        value, parts = found[0]
        return _bounded(value, parts[0])
    return None


# ---------------------------------------------------------------------- dates

_MONTH = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b", re.IGNORECASE
)
_YEAR = re.compile(r"\b(19\d\d|20\d\d|2100)\b")
_VAGUE = re.compile(
    r"\b(years?|decades?|century|centuries|ago|past|recent|daily|weekly|weeks?|months?|days?|"
    r"era|season|spring|summer|autumn|fall|winter|today|yesterday|tomorrow|\d{4}s)\b",
    re.IGNORECASE,
)


def parse_date(text: str) -> tuple[int | None, int | None, int | None] | None:
    """(year, month, day) a date expression names, None for vague or relative ones.

    >>> parse_date("April 28, 2025"), parse_date("June 2024"), parse_date("October")
    ((2025, 4, 28), (2024, 6, None), (None, 10, None))
    >>> parse_date("2000"), parse_date("the past year"), parse_date("20 Dec 2024")
    ((2000, None, None), None, (2024, 12, 20))
    """
    clean = re.sub(r"\b(the|on|in|of|since|by|until|early|late|mid)\b", " ", text, flags=re.I)
    clean = clean.strip(" ,.-")
    if not clean or _VAGUE.search(clean):
        return None
    if not (_MONTH.search(clean) or _YEAR.search(clean)):
        return None
    try:
        first = dateparser.parse(clean, default=datetime(1904, 1, 1), fuzzy=True)
        second = dateparser.parse(clean, default=datetime(1908, 2, 2), fuzzy=True)
    except (ValueError, OverflowError):
        return None
    year = first.year if first.year == second.year else None
    month = first.month if first.month == second.month else None
    day = first.day if first.day == second.day else None
    if year is None and month is None:
        return None
    return year, month, (day if month else None)


_CITED = re.compile(r"\(\s*[A-Z][^()]*,\s*(?:19|20)\d\d[a-z]?\s*\)")


def _text_before(doc: Doc, i: int, width: int) -> str:
    """The ``width`` characters of the document's text before token ``i``, read from the tokens
    just before it (``doc.text`` joins every token of the document: once per date, a megabyte
    document took hours)."""
    end = doc[i].idx
    first = i
    while first > 0 and doc[first].idx > end - width:
        first -= 1
    return doc[first:i].text_with_ws[-width:]


def _text_after(doc: Doc, i: int, width: int) -> str:
    """The ``width`` characters of the document's text after token ``i - 1`` (see
    `_text_before`)."""
    return (doc[i - 1].whitespace_ + doc[i : i + width].text_with_ws)[:width]


def _citation(ent: Span) -> bool:
    """A year in an author-year citation: "(Mearsheimer, 2010)", "(Huth and Russett 1988)"."""
    doc = ent.doc
    left = _text_before(doc, ent.start, 80)
    right = _text_after(doc, ent.end, 3)
    opening = left.rfind("(")
    return (
        opening >= 0
        and ")" not in left[opening:]
        and right.lstrip().startswith(")")
        and bool(
            _CITED.search(left[opening:] + ent.text + ")")
            or re.search(r"[A-Z][a-z]+\s+(?:and|&)\s+[A-Z][a-z]+\s*$", left[opening + 1 :])
        )
    )


def entities(span: Span) -> list[Span]:
    """The named entities that lie wholly inside ``span``, as ``span.ents`` gives them, read
    from the span's own tokens: ``span.ents`` walks every entity of the document, and dating
    each trigger of a megabyte document through it took hours.

    >>> import spacy
    >>> doc = spacy.blank("en")("In June 2024 Russia and Iran met.")
    >>> doc.ents = [doc.char_span(3, 12, "DATE"), doc.char_span(13, 19, "GPE")]
    >>> [(e.text, e.label_) for e in entities(doc[1:5])], [e.text for e in entities(doc[2:])]
    ([('June 2024', 'DATE'), ('Russia', 'GPE')], ['Russia'])
    """
    doc = span.doc
    out: list[Span] = []
    start = -1  # where the entity being read began (-1: none, or one begun before the span)
    for token in span:
        if token.ent_iob_ == "I":
            continue
        if start >= 0:
            out.append(_entity(doc, start, token.i))
        start = token.i if token.ent_iob_ == "B" and token.ent_type else -1
    if start >= 0 and (span.end == len(doc) or doc[span.end].ent_iob_ != "I"):
        out.append(_entity(doc, start, span.end))
    return out


def _entity(doc: Doc, start: int, end: int) -> Span:
    first = doc[start]
    return Span(doc, start, end, label=first.ent_type, kb_id=first.ent_kb_id, span_id=first.ent_id)


def _distance(a: Token, b: Token) -> int:
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    common = next((t for t in up_a if t in up_b), None)
    if common is None:
        return 10**6
    return up_a.index(common) + up_b.index(common)


#: Conjunctions of a clause that dates the clause it hangs on ("since Putin assumed power in
#: 2000, Russia has strengthened its ties").
TEMPORAL_MARKS = frozenset({"since", "when", "after", "before", "until", "till", "once", "as"})


def _in_other_clause(date_root: Token, trigger: Token) -> bool:
    """The date sits in a finite clause of its own that the trigger is not part of ("X
    confirmed troops are deployed and Y suspects more by December": December is Y's)."""
    above = {trigger.i, *(t.i for t in trigger.ancestors)}
    for token in [date_root, *date_root.ancestors]:
        if token.i in above:
            return False
        finite = token.tag_ in ("VBD", "VBZ", "VBP") or any(
            c.dep_ in ("nsubj", "nsubjpass") for c in token.children
        )
        temporal = any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS for c in token.children)
        if token.pos_ in ("VERB", "AUX") and finite and not temporal:
            return True
    return False


def date(trigger: Token, sentence: Span) -> DateMention | None:
    """The date of the sentence's DATE entities nearest the trigger in the parse, leaving out
    dates of other finite clauses."""
    found = []
    for ent in entities(sentence):
        if ent.label_ != "DATE" or _citation(ent) or _in_other_clause(ent.root, trigger):
            continue
        parts = parse_date(ent.text)
        if parts is None:
            continue
        found.append((_distance(trigger, ent.root), ent.start, ent, parts))
    if not found:
        return None
    _, _, ent, (year, month, day) = min(found, key=lambda f: (f[0], f[1]))
    qualifier = ""
    for token in [ent.root, *ent.root.ancestors][:4]:
        words = [c.lower_ for c in token.children if c.dep_ in ("mark", "prep", "case")]
        words.append(token.lower_ if token.dep_ in ("prep", "agent") else "")
        hit = next((w for w in words if w in ("since", "by", "until")), "")
        if hit:
            qualifier = hit
            break
    return DateMention(ent.text, year, month, day, qualifier)


def resolve(mention: DateMention, document_date: str | None) -> str | None:
    """An ISO date (or month or year) for a date mention; a month without a year is the latest
    such month that is not after the end of the document's date or period, or for a deadline
    ("by December") the first that is not before its start.

    >>> resolve(DateMention("In October", None, 10, None), "2024-12/2025-02")
    '2024-10'
    >>> resolve(DateMention("In June 2024", 2024, 6, None), None)
    '2024-06'
    >>> resolve(DateMention("In March", None, 3, None), "2025-04/2025-05")
    '2025-03'
    >>> resolve(DateMention("by December", None, 12, None, "by"), "2024-10/2024-11")
    '2024-12'
    """
    year, month, day = mention.year, mention.month, mention.day
    if year is None:
        if not document_date:
            return None
        if mention.qualifier == "by":  # a deadline is ahead: the next such month
            start = document_date.split("/")[0]
            start_year = int(start[:4])
            start_month = int(start[5:7]) if len(start) >= 7 else 1
            year = start_year if month >= start_month else start_year + 1
        else:
            end = document_date.split("/")[-1]
            end_year = int(end[:4])
            end_month = int(end[5:7]) if len(end) >= 7 else 12
            year = end_year if month <= end_month else end_year - 1
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


# ---------------------------------------------------------------------- sources


def _phrase(noun: Token) -> str:
    """A source's name: its noun phrase up to the noun, without determiners ("the")."""
    words = [t for t in noun.subtree if t.i <= noun.i and t.dep_ not in ("det", "punct")]
    text = "".join(t.text_with_ws for t in words).strip()
    return re.sub(r"\s+('s|’s)\b", r"\1", text)


def _same(a: Token | None, b: Token) -> bool:
    return a is not None and a.i == b.i


def speaker(cue: Token) -> Token | None:
    """The word naming who speaks through the reporting word ``cue``: its subject ("The USA
    has confirmed"), the object of "according to", or the owner of a reporting noun
    ("Zelenskyy's assertion"); None for a pronoun that stands for a clause or for debris."""
    found = None
    if cue.lower_ == "according" or cue.lemma_ == "accord":
        to = next((c for c in cue.children if c.lower_ == "to"), None)
        found = next((p for p in (to.children if to else []) if p.dep_ == "pobj"), None)
    elif cue.pos_ in ("VERB", "AUX"):
        found = next((c for c in cue.children if c.dep_ == "nsubj"), None)
        if found is None:
            agent = next((c for c in cue.children if c.dep_ == "agent"), None)
            found = next((p for p in (agent.children if agent else []) if p.dep_ == "pobj"), None)
        before = cue.doc[cue.i - 1] if cue.i else None
        if found is None and before is not None:
            # "X confirmed ... and the agency suspects ...": the second clause's subject, hung
            # on the first clause as a conjunct
            found = next(
                (t for t in (before, *before.ancestors) if _same(stray_subject(t), cue)), None
            )
    elif cue.pos_ == "NOUN":
        found = next((c for c in cue.children if c.dep_ == "poss"), None)
    if found is None or found.lower_ in ("it", "this", "that", "which", "who"):
        return None
    if not re.fullmatch(r"[\w'’. -]+", found.text) or found.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None  # "TL;DR:" and other debris parsed as a subject
    return found


def named_source(speaker: Token, affiliation: Mention | None) -> Source:
    """A source no actor stands for, by its noun phrase ("South Korean intelligence")."""
    return Source(label=_phrase(speaker), affiliation=affiliation)
