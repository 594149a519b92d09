"""What the synthetic-store benchmarks share."""

from __future__ import annotations

import hashlib
from pathlib import Path

from kg.corpus.document import Document
from kg.corpus.meta import DocumentMeta


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
