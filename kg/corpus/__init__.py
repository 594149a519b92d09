"""Load and clean documents: discovery, decoding, metadata, cleaning rules and offset maps.

The stage's public surface; later stages import from here only::

    from kg.corpus import discover, load_document, Document
"""

from kg.corpus.cleaning import clean_text
from kg.corpus.document import SUFFIXES, Document, check_paths, discover, doc_id, load_document
from kg.corpus.edits import Edit, apply_edits
from kg.corpus.files import MAX_BYTES
from kg.corpus.htmltext import html_to_text
from kg.corpus.layout import chunk_spans, find_headings
from kg.corpus.meta import DocumentMeta

__all__ = [
    "MAX_BYTES",
    "SUFFIXES",
    "Document",
    "DocumentMeta",
    "Edit",
    "apply_edits",
    "check_paths",
    "chunk_spans",
    "clean_text",
    "discover",
    "doc_id",
    "find_headings",
    "html_to_text",
    "load_document",
]
