"""Document metadata: the sidecar ``<stem>.meta.toml``, Markdown front matter, and the context
the cleaning rules read (a byline is only recognisable once we know who the authors are)."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from kg.corpus.files import MAX_BYTES, read_limited
from kg.errors import InputError

__all__ = [
    "DocumentMeta",
    "CleanContext",
    "SIDECAR_SUFFIX",
    "sidecar_path",
    "read_sidecar",
    "meta_from_mapping",
    "front_matter",
    "FRONT_MATTER",
]

SIDECAR_SUFFIX = ".meta.toml"

# TOML front matter as Hugo and Zola write it: `+++` fences on the very first line.
FRONT_MATTER = re.compile(r"\A\+\+\+[ \t]*\r?\n(.*?)^\+\+\+[ \t]*(?:\r?\n|\Z)", re.S | re.M)


@dataclass(frozen=True)
class DocumentMeta:
    """What a document says about itself; every field may be unknown."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    date: str | None = None  # ISO 8601 date, month or interval string
    source: str | None = None

    def over(self, fallback: DocumentMeta) -> DocumentMeta:
        """Fields set here, the others from ``fallback``.

        >>> DocumentMeta(title="A").over(DocumentMeta(title="B", date="2024-11")).date
        '2024-11'
        """
        return replace(
            fallback,
            **{f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)},
        )


@dataclass(frozen=True)
class CleanContext:
    """What the cleaning rules may know about the document besides its text."""

    meta: DocumentMeta = DocumentMeta()
    markdown: bool = False


def sidecar_path(path: Path) -> Path:
    """Where the metadata of ``path`` lives.

    >>> sidecar_path(Path("corpus/000_ab.txt")).as_posix()
    'corpus/000_ab.meta.toml'
    """
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def _as_text(value: Any, key: str, where: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if not isinstance(value, str):
        raise InputError(f"{where}: '{key}' must be a string, not {type(value).__name__}")
    return value.strip() or None


def meta_from_mapping(data: Mapping[str, Any], *, where: str) -> DocumentMeta:
    """Validate sidecar or front-matter keys; unknown keys (``notes``, ``date_note``) are ignored.

    >>> meta_from_mapping({"title": "T", "authors": ["A B"], "date": "2024-11"}, where="x").authors
    ('A B',)
    """
    authors = data.get("authors", ())
    if isinstance(authors, str):
        authors = [authors]
    if not isinstance(authors, list | tuple) or not all(isinstance(a, str) for a in authors):
        raise InputError(f"{where}: 'authors' must be a list of strings")
    return DocumentMeta(
        title=_as_text(data.get("title"), "title", where),
        authors=tuple(a.strip() for a in authors if a.strip()),
        publisher=_as_text(data.get("publisher"), "publisher", where),
        date=_as_text(data.get("date"), "date", where),
        source=_as_text(data.get("source"), "source", where),
    )


def _parse_toml(text: str, where: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        detail = " ".join(str(exc).split())
        raise InputError(f"{where}: malformed TOML metadata ({detail})") from None


def read_sidecar(path: Path, *, max_bytes: int = MAX_BYTES) -> tuple[DocumentMeta, bytes] | None:
    """The metadata sidecar of document ``path`` and its bytes, or None when there is none.

    Read like a document (:func:`~kg.corpus.files.read_limited`): a sidecar swapped for a FIFO
    after the check below cannot hang the build.
    """
    side = sidecar_path(path)
    if not side.is_file():
        return None
    data = read_limited(side, limit=max_bytes)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{side}: metadata is not UTF-8 (byte offset {exc.start})") from None
    return meta_from_mapping(_parse_toml(text, str(side)), where=str(side)), data


def front_matter(raw: str, *, where: str) -> DocumentMeta | None:
    """Metadata from TOML front matter at the very top of a Markdown file, if any.

    >>> front_matter('+++\\ntitle = "Kazan"\\n+++\\nText', where="x.md").title
    'Kazan'
    """
    match = FRONT_MATTER.match(raw)
    if match is None:
        return None
    return meta_from_mapping(_parse_toml(match.group(1), where), where=where)
