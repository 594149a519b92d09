"""Shared fixtures: one spaCy pipeline and one store built from corpus/ per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


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
