"""`kg serve`: the real server on a free port, queried with SPARQLWrapper and plain HTTP."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from .conftest import KgServe

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
ACCEPTANCE = "SELECT ?x WHERE { ?x kgo:supplies ?r . ?r rdfs:label 'Russia' }"
DPRK = "https://w3id.org/entente/id/actor/dprk"


@pytest.fixture(scope="module")
def server(corpus_store):
    running = KgServe(corpus_store, "--timeout", "3")
    yield running
    running.close()


def http(url: str, *, data: bytes | None = None, headers: dict | None = None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def wrapper(server, query: str, fmt) -> SPARQLWrapper:
    client = SPARQLWrapper(server.url)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client


# ---------------------------------------------------------------- queries, every format


def test_select_in_every_format(server):
    rows = wrapper(server, ACCEPTANCE, JSON).queryAndConvert()["results"]["bindings"]
    assert DPRK in {r["x"]["value"] for r in rows}
    xml = wrapper(server, ACCEPTANCE, XML).query().response.read().decode()
    assert DPRK in xml and "<sparql" in xml
    for fmt in (CSV, TSV):
        text = wrapper(server, ACCEPTANCE, fmt).query().response.read().decode()
        assert text.splitlines()[0].strip() in ("x", "?x") and DPRK in text


def test_ask_in_json_and_xml(server):
    ask = f"ASK {{ <{DPRK}> kgo:supplies ?r }}"
    assert wrapper(server, ask, JSON).queryAndConvert()["boolean"] is True
    xml = wrapper(server, ask, XML).query().response.read().decode()
    assert "<boolean>true</boolean>" in xml


@pytest.mark.parametrize(
    "fmt,parser", [(TURTLE, "turtle"), (N3, "n3"), (JSONLD, "json-ld"), (RDFXML, "xml")]
)
def test_construct_in_every_graph_format(server, fmt, parser):
    construct = "CONSTRUCT { ?s kgo:supplies ?o } WHERE { ?s kgo:supplies ?o }"
    client = wrapper(server, construct, fmt)
    body = client.query().response.read()
    graph = Graph().parse(data=body, format=parser)
    assert any(str(s) == DPRK for s, _, _ in graph)


def test_plain_http_get_post_form_and_direct(server):
    query = urllib.parse.quote(ACCEPTANCE)
    status, media, body = http(f"{server.url}?query={query}", headers={"Accept": "text/csv"})
    assert status == 200 and media.startswith("text/csv") and DPRK in body.decode()
    form = urllib.parse.urlencode({"query": ACCEPTANCE}).encode()
    status, media, body = http(
        server.url,
        data=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json",
        },
    )
    assert status == 200 and DPRK in body.decode()
    status, media, body = http(
        server.url,
        data=ACCEPTANCE.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "text/tab-separated-values"},
    )
    assert status == 200 and media.startswith("text/tab-separated-values")
    construct = urllib.parse.quote("CONSTRUCT { ?s kgo:supplies ?o } WHERE { ?s kgo:supplies ?o }")
    status, media, body = http(
        f"{server.url}?query={construct}", headers={"Accept": "application/n-triples"}
    )
    assert (
        status == 200 and media.startswith("application/n-triples") and f"<{DPRK}>" in body.decode()
    )


def test_dataset_from_protocol_parameters(server):
    count = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?a a kgo:Assertion }")
    graph = "https://w3id.org/entente/id/graph/003_9f5078c6c3371068"

    def n(url: str) -> int:
        status, _, body = http(url, headers={"Accept": "application/sparql-results+json"})
        assert status == 200, body
        return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])

    everything = n(f"{server.url}?query={count}")
    one = n(f"{server.url}?query={count}&default-graph-uri={urllib.parse.quote(graph)}")
    assert 0 < one < everything
    named = urllib.parse.quote("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert n(f"{server.url}?query={named}&named-graph-uri={urllib.parse.quote(graph)}") == 1


def test_library_query_over_http(server):
    status, _, body = http(f"{server.base}/library/suppliers?actor=Pyongyang&format=json")
    rows = json.loads(body)["results"]["bindings"]  # Russia's goats
    assert status == 200 and "https://w3id.org/entente/id/actor/russia" in {
        r["supplier"]["value"] for r in rows
    }
    status, _, body = http(f"{server.base}/library/suppliers?actor=Moscow&format=json")
    rows = json.loads(body)["results"]["bindings"]
    assert status == 200 and {r["supplier"]["value"] for r in rows} == {DPRK}
    status, _, body = http(f"{server.base}/library/suppliers?nation=Moscow")
    assert status == 400 and b"parameters are actor" in body
    status, _, listing = http(f"{server.base}/library")
    assert status == 200 and "suppliers" in {q["name"] for q in json.loads(listing)}


# ---------------------------------------------------------------- safety


@pytest.mark.parametrize(
    "form",
    [
        {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"},
        {"query": "DELETE WHERE { ?s ?p ?o }"},
        {"query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"},
        {"query": "SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }"},
    ],
)
def test_updates_service_and_remote_from_are_refused(server, form):
    status, _, body = http(
        server.url,
        data=urllib.parse.urlencode(form).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 403 and body.decode().count("\n") == 1


def test_sparql_update_media_type_is_refused(server):
    status, _, _ = http(
        server.url,
        data=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        headers={"Content-Type": "application/sparql-update"},
    )
    assert status == 403


def test_explosive_query_is_stopped_and_the_next_one_answers(server):
    boom = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    started = time.monotonic()
    status, _, body = http(f"{server.url}?query={urllib.parse.quote(boom)}")
    assert status == 503 and b"time limit" in body
    assert time.monotonic() - started < 15
    rows = wrapper(server, ACCEPTANCE, JSON).queryAndConvert()["results"]["bindings"]
    assert rows


def test_malformed_query_and_limits(server):
    status, _, body = http(f"{server.url}?query={urllib.parse.quote('SELECT WHERE {')}")
    assert status == 400 and b"malformed SPARQL" in body
    big = b"query=" + b"x" * 200_000
    status, _, _ = http(
        server.url, data=big, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert status == 413
    status, _, _ = http(f"{server.url}?query={'a' * 20_000}")
    assert status == 414


def test_service_description_and_offline_query_page(server):
    status, media, body = http(server.url, headers={"Accept": "text/turtle"})
    assert status == 200 and media.startswith("text/turtle")
    description = Graph().parse(data=body, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert any(str(o) == sd + "SPARQL11Query" for o in description.objects())
    status, media, body = http(server.base + "/", headers={"Accept": "text/html"})
    assert status == 200 and media.startswith("text/html")

    class Tags(HTMLParser):
        found: list = []

        def handle_starttag(self, tag, attrs):
            self.found.append((tag, dict(attrs)))

    tags = Tags()
    tags.feed(body.decode())
    assert not [a for t, a in tags.found if "src" in a or (t == "link")]


def test_queries_are_answered_while_a_build_runs(corpus_store, tmp_path, pipeline):
    store = tmp_path / "store"
    shutil.copytree(corpus_store, store)
    running = KgServe(store, "--timeout", "20")
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(12):
        lines = [
            f"In week {w} of year {i}, Iran supplied Russia with {w * 10 + i} drones."
            for w in range(40)
        ]
        (docs / f"d{i}.txt").write_text(" ".join(lines) + "\n", encoding="utf-8")
    statuses: list[int] = []
    done = threading.Event()

    def ask() -> None:
        while not done.is_set():
            status, _, _ = http(f"{running.url}?query={urllib.parse.quote(ACCEPTANCE)}")
            statuses.append(status)

    reader = threading.Thread(target=ask)
    reader.start()
    try:
        build = subprocess.run(
            [sys.executable, "-m", "kg.cli", "build", str(docs), "--store", str(store), "-q"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        done.set()
        reader.join(60)
    try:
        assert build.returncode == 0, build.stderr
        assert statuses and set(statuses) == {200}
        count = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a kgo:Document }"
        status, _, body = http(
            f"{running.url}?query={urllib.parse.quote(count)}",
            headers={"Accept": "application/sparql-results+json"},
        )
        assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == 17  # new snapshot
    finally:
        running.close()
