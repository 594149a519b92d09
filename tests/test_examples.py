"""Every example query users copy (README, docs/*.md, the query page's own) returns each answer
once: the union default graph repeats a triple once per graph that states it (docs/sparql.md),
so an example without DISTINCT listed North Korea three times."""

from __future__ import annotations

import html
import re
from collections import Counter

import pytest

from kg.store import Store

from .conftest import ROOT

FENCED = re.compile(r"```sparql\n(.*?)```", re.S)
COMMAND_LINE = re.compile(r'^kg query "([^"]+)"', re.M)
CLIENT = re.compile(r'setQuery\("([^"]+)"\)')
PAGE = re.compile(r'<textarea id="query"[^>]*>(.*?)</textarea>', re.S)


def examples() -> list[tuple[str, str]]:
    found = []
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = doc.read_text(encoding="utf-8")
        for pattern in (FENCED, COMMAND_LINE, CLIENT):
            found += [(doc.name, query) for query in pattern.findall(text)]
    page = (ROOT / "kg" / "templates" / "sparql.html").read_text(encoding="utf-8")
    found += [("sparql.html", html.unescape(query)) for query in PAGE.findall(page)]
    return found


EXAMPLES = examples()


def test_the_examples_are_found():
    where = Counter(name for name, _ in EXAMPLES)
    assert where["README.md"] >= 1 and where["sparql.md"] >= 2 and where["data-model.md"] >= 3
    assert where["sparql.html"] == 1


@pytest.mark.parametrize(
    ("where", "query"), EXAMPLES, ids=[f"{w}-{i}" for i, (w, _) in enumerate(EXAMPLES)]
)
def test_example_query_returns_each_answer_once(corpus_store, where, query):
    with Store(corpus_store, read_only=True) as st:
        rows = [tuple(str(term) for term in row) for row in st.query(query, name=where)]
    assert rows, f"{where}: no answer on the corpus"
    repeated = {row: n for row, n in Counter(rows).items() if n > 1}
    assert repeated == {}, f"{where}: {query}"
