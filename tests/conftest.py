"""Shared fixtures: one spaCy pipeline and one store built from corpus/ per test session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def pipeline():
    from kg.nlp import build_pipeline

    return build_pipeline()


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
