"""What `kg serve` costs per request, and what slow clients do to it.

Starts `kg serve` on a small store (four graphs of one triple each, so the query itself costs
nothing) and prints:
  1. latency of requests the HTTP layer answers alone (OPTIONS preflight, the service
     description) and of `ASK {}`, which runs in a sandboxed worker process like every query:
     median and 95th percentile over --requests sequential requests;
  2. throughput of `ASK {}` with --clients concurrent clients for --seconds seconds;
  3. the `ASK {}` latency again while --stalled connections sit open sending nothing (each
     holds one of waitress's connection slots until --idle-timeout closes it), and whether the
     server closed all of them.
Run: .venv/bin/python bench/endpoint.py [--requests 50] [--clients 8] [--seconds 5]
     [--stalled 90] [--idle-timeout 5]
"""

from __future__ import annotations

import argparse
import http.client
import select
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rdflib import RDF, URIRef  # noqa: E402

from kg.store import Store  # noqa: E402

ASK = "/sparql?query=ASK%20%7B%7D"


def build_store(path: Path) -> None:
    with Store(path) as store:
        for n in range(4):
            graph = URIRef(f"http://example.org/data{n}")
            store.replace_graph(graph, [(graph, RDF.type, URIRef("http://example.org/Doc"))])


def timed(host: str, port: int, method: str, path: str) -> float:
    started = time.perf_counter()
    connection = http.client.HTTPConnection(host, port, timeout=60)
    connection.request(method, path)
    response = connection.getresponse()
    response.read()
    connection.close()
    assert response.status < 300, response.status
    return time.perf_counter() - started


def summary(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"median {statistics.median(ordered) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms"


def throughput(host: str, port: int, clients: int, seconds: float) -> float:
    done = []
    deadline = time.monotonic() + seconds

    def client() -> None:
        while time.monotonic() < deadline:
            timed(host, port, "GET", ASK)
            done.append(1)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(done) / seconds


def watch(socks: list[socket.socket], closed_after: list[float], since: float, limit: float):
    """Note, for each socket the server closes, how long after ``since`` it did."""
    waiting = list(socks)
    while waiting and time.monotonic() - since < limit:
        for sock in select.select(waiting, [], [], 0.2)[0]:
            if sock.recv(1024) == b"":
                closed_after.append(time.monotonic() - since)
                waiting.remove(sock)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--stalled", type=int, default=90)
    parser.add_argument("--idle-timeout", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "store"
        build_store(store)
        server = subprocess.Popen(
            [sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--port", "0"]
            + ["--idle-timeout", str(args.idle_timeout)],
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        try:
            line = server.stderr.readline()
            address = urllib.parse.urlsplit(line.split("SPARQL endpoint: ")[1].strip())
            host, port = address.hostname, address.port
            for label, method, path in [
                ("OPTIONS preflight", "OPTIONS", "/sparql"),
                ("service description", "GET", "/sparql"),
                ("ASK {} (sandboxed)", "GET", ASK),
            ]:
                times = [timed(host, port, method, path) for _ in range(args.requests)]
                print(f"{label:22} {summary(times)}   ({args.requests} sequential)")
            rate = throughput(host, port, args.clients, args.seconds)
            print(f"ASK {{}} throughput     {rate:7.1f} requests/s with {args.clients} clients")
            stalled = [socket.create_connection((host, port)) for _ in range(args.stalled)]
            for sock in stalled:
                sock.sendall(b"GET /sparql HTTP/1.1\r\nHost: localhost\r\n")  # and no more
            opened = time.monotonic()
            closed_after: list[float] = []
            watcher = threading.Thread(
                target=watch, args=(stalled, closed_after, opened, args.idle_timeout * 4 + 30)
            )
            watcher.start()
            times = [timed(host, port, "GET", ASK) for _ in range(args.requests)]
            print(f"ASK {{}} with {args.stalled} stalled {summary(times)}")
            watcher.join()
            print(
                f"stalled connections closed by the server: {len(closed_after)} of "
                f"{args.stalled}, {min(closed_after, default=0):.1f} to "
                f"{max(closed_after, default=0):.1f} s after they were opened "
                f"(--idle-timeout {args.idle_timeout})"
            )
            for sock in stalled:
                sock.close()
        finally:
            server.terminate()
            server.wait(30)


if __name__ == "__main__":
    main()
