"""Shared fixtures: one spaCy pipeline and one store built from corpus/ per test session."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import urllib.parse
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def pipeline():
    from kg.extract.pipeline import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def nlp(pipeline):
    """The session's pipeline, under the name the extraction tests use."""
    return pipeline


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory, pipeline):
    """Path of a store built from corpus/ (closed; open it read-only in tests)."""
    from kg.build import build
    from kg.store import Store

    path = tmp_path_factory.mktemp("corpus") / "store"
    with Store(path) as store:
        report = build([CORPUS], store, pipeline)
    assert report.failed == []
    return path


# ---------------------------------------------------------------- a real server


class KgServe:
    """`kg serve` in a subprocess on a free port; its stderr after the first line is collected
    as it comes."""

    def __init__(self, store: Path, *extra: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--port", "0", *extra],
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        line = self.process.stderr.readline()
        assert "SPARQL endpoint: " in line, line + self.process.stderr.read()
        self.url = line.split("SPARQL endpoint: ")[1].strip()
        self.base = self.url.removesuffix("/sparql")
        address = urllib.parse.urlsplit(self.base)
        self.host, self.port = address.hostname, address.port
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self.lines.extend, args=(self.process.stderr,))
        self._reader.start()

    def log(self) -> str:
        return "".join(self.lines)

    def stop(self, signum: int = signal.SIGTERM) -> tuple[int, str]:
        if self.process.poll() is None:
            self.process.send_signal(signum)
        code = self.process.wait(30)
        self._reader.join(10)
        return code, self.log()

    def close(self) -> None:
        self.stop()


# ---------------------------------------------------------------- a real browser

needs_browser = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("ENTENTE_REQUIRE_BROWSER"),
    reason="no chromium on this machine (.ci/run installs Debian's chromium)",
)


@pytest.fixture(scope="session")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield launched
        launched.close()


def open_page(browser, path: Path, *, stable: bool = True):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    log = {"errors": [], "requests": [], "dialogs": []}
    page.on("console", lambda m: log["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log["errors"].append(str(e)))
    page.on("request", lambda r: log["requests"].append(r.url))
    page.on("dialog", lambda d: (log["dialogs"].append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    if stable:  # the view sets this once its layout has settled
        page.wait_for_selector("body[data-stable='true']", timeout=60_000)
    return page, log
