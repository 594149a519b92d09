"""What the synthetic-store benchmarks share."""

from __future__ import annotations

import bisect
import hashlib
import random
from pathlib import Path

from kg.corpus.document import Document
from kg.corpus.meta import DocumentMeta

ZIPF_EXPONENT = 1.0  # the actor of rank i is drawn with weight 1 / (i + 1) ** ZIPF_EXPONENT


def metadata_only(doc_id: str, meta: DocumentMeta) -> Document:
    """A document with metadata and no text, for triples made up rather than extracted."""
    return Document(
        id=doc_id,
        path=Path(f"{doc_id}.txt"),
        original="",
        text="",
        offsets=(0,),
        meta=meta,
        content_hash=hashlib.sha256(doc_id.encode()).hexdigest(),
    )


class Draw:
    """Zipf-like draws of actors by rank, optionally within a camp and a set of types (actors
    have `camp` and `type`)."""

    def __init__(self, actors: list, rng: random.Random) -> None:
        self.actors, self.rng, self.pools = actors, rng, {}

    def __call__(self, camp: int | None = None, types: frozenset[str] = frozenset()):
        key = (camp, types)
        if key not in self.pools:
            pool, cumulative, total = [], [], 0.0
            for rank, actor in enumerate(self.actors):
                if (camp is None or actor.camp == camp) and (not types or actor.type in types):
                    total += 1.0 / (rank + 1) ** ZIPF_EXPONENT
                    pool.append(actor)
                    cumulative.append(total)
            self.pools[key] = pool, cumulative
        pool, cumulative = self.pools[key]
        if not pool:
            return self(None, types)
        return pool[bisect.bisect_left(cumulative, self.rng.random() * cumulative[-1])]
