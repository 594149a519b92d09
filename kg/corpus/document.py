"""Documents: finding files, reading them safely, and tying cleaned text to the original."""

from __future__ import annotations

import hashlib
import logging
import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.corpus.cleaning import clean_mapped, clean_text
from kg.corpus.files import MAX_BYTES, one_line, read_limited
from kg.corpus.htmltext import html_document
from kg.corpus.layout import find_headings
from kg.corpus.meta import SIDECAR_SUFFIX, CleanContext, DocumentMeta, front_matter, read_sidecar
from kg.errors import InputError

__all__ = ["Document", "SUFFIXES", "check_paths", "discover", "load_document", "doc_id"]

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md", ".html", ".htm")
_HTML_SUFFIXES = (".html", ".htm")
_BOM = b"\xef\xbb\xbf"
# Text with more control characters than this is a binary file that happens to decode.
_MAX_CONTROL_RATIO = 0.05
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_NON_ID = re.compile(r"[^a-z0-9_-]+")

#: Told one line naming a folder that cannot be listed.
OnError = Callable[[str], None]


@dataclass(frozen=True)
class Document:
    """A loaded document: its original text, the cleaned text NLP sees, and the map between them.

    ``original`` is the file decoded as UTF-8 with a leading byte-order mark removed; all offsets
    count characters of ``original``. ``offsets`` has ``len(text) + 1`` entries: ``offsets[i]`` is
    the position in ``original`` of ``text[i]`` (of the first character it replaced, for a
    normalised character) and the last entry marks the end of the last kept character.
    """

    id: str
    path: Path
    original: str
    text: str
    offsets: tuple[int, ...] = field(repr=False)
    meta: DocumentMeta
    content_hash: str
    headings: tuple[tuple[int, int], ...] = ()

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The ``[start, end)`` span of ``original`` that ``text[start:end]`` was cleaned from.

        The end is where the next kept character begins, pulled back over whitespace, so a span
        ending in a normalised character (a decoded entity, a doubled apostrophe) includes all of
        its source characters.
        """
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"span ({start}, {end}) outside text of length {len(self.text)}")
        first = self.offsets[start]
        if start == end:
            return first, first
        floor = self.offsets[end - 1] + 1
        stop = max(self.offsets[end], floor)
        while stop > floor and self.original[stop - 1].isspace():
            stop -= 1
        return first, stop


def doc_id(path: Path) -> str:
    """Identifier of a document: the slug of its file stem.

    >>> doc_id(Path("corpus/000_9D5F3bf293ec4774.txt")), doc_id(Path("Côte d'Ivoire.md"))
    ('000_9d5f3bf293ec4774', 'cote-d-ivoire')
    """
    folded = unicodedata.normalize("NFKD", path.stem).encode("ascii", "ignore").decode("ascii")
    return _NON_ID.sub("-", folded.lower()).strip("-") or "doc"


def _wanted(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES and not path.name.lower().endswith(SIDECAR_SUFFIX)


def _warn(message: str) -> None:
    log.warning("%s", message)


def _walk(folder: Path, on_error: OnError) -> list[Path]:
    def unreadable(exc: OSError) -> None:
        reason = exc.strerror or type(exc).__name__
        on_error(one_line(f"{exc.filename or folder}: cannot read folder ({reason}); skipped"))

    found = []
    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = Path(root, name)
            if not name.startswith(".") and name.lower() != "readme.md" and _wanted(path):
                found.append(path)
    return sorted(found)


def check_paths(paths: Iterable[str | Path]) -> None:
    """Raise :class:`~kg.errors.InputError` for the first of ``paths`` that does not exist.

    A typo in an argument stops a build before anything slow starts. An entry that exists but
    cannot be read (a symlink loop a shell glob expanded, a FIFO) is not an error here: loading
    reports it on one line and the other documents are still ingested.
    """
    for item in paths:
        if not os.path.lexists(item):
            raise _error(f"path not found: {item}")


def discover(paths: Iterable[str | Path], *, on_error: OnError | None = None) -> list[Path]:
    """The document files named by ``paths``, in argument order, folders expanded recursively.

    A folder contributes its ``.txt``, ``.md``, ``.html`` and ``.htm`` files sorted by path,
    skipping hidden entries, ``README.md`` files and metadata sidecars. A file named directly is
    kept when its suffix is supported (a shell glob may pass sidecars, which are skipped quietly).
    A file named twice (directly, through a folder or a symlink) is kept once.

    Discovery never opens a file: a FIFO, a device or a symlink loop named like a document is
    returned like any other and refused by :func:`load_document`. A folder that cannot be listed
    is reported to ``on_error`` (one line naming it; a logged warning by default) and skipped.
    """
    paths = list(paths)
    check_paths(paths)
    on_error = on_error or _warn
    found: list[Path] = []
    seen: set[str] = set()
    for item in paths:
        path = Path(item)
        if path.is_dir():
            candidates = _walk(path, on_error)
        elif _wanted(path):
            candidates = [path]
        else:
            if not path.name.lower().endswith(SIDECAR_SUFFIX):
                log.warning("skipping %s: not a %s file", path, "/".join(SUFFIXES))
            candidates = []
        for candidate in candidates:
            # realpath, not Path.resolve(): it does not raise on a symlink loop (Python 3.11
            # raises RuntimeError there, which took the whole build down)
            key = os.path.realpath(candidate)
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found


def _error(message: str) -> InputError:
    """A user-facing error kept to one line whatever the path or detail contains."""
    return InputError(one_line(message))


def _decode(path: Path, data: bytes) -> str:
    if not data:
        raise _error(f"{path}: file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _error(f"{path}: UTF-16 text, not UTF-8; re-save it as UTF-8")
    if b"\x00" in data:
        raise _error(f"{path}: binary file (contains NUL bytes), not a text document")
    skip = len(_BOM) if data.startswith(_BOM) else 0
    try:
        text = data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _error(
            f"{path}: not UTF-8 text (invalid byte 0x{data[skip + exc.start]:02x} at byte offset"
            f" {skip + exc.start}); re-save it as UTF-8"
        ) from None
    if not text.strip():
        raise _error(f"{path}: file contains only whitespace")
    if len(_CONTROL.findall(text)) > _MAX_CONTROL_RATIO * len(text):
        raise _error(f"{path}: binary file (mostly control characters), not a text document")
    return text


def load_document(path: Path, *, max_bytes: int = MAX_BYTES) -> Document:
    """Read, decode, describe and clean one document file.

    Metadata comes from the sidecar ``<stem>.meta.toml`` when present, filled in from Markdown
    front matter or HTML ``<title>``/``<meta>`` tags, and finally the first heading of the text
    as title. Raises :class:`~kg.errors.InputError` (one line naming the file) for a file that is
    missing, unreadable, not a regular file (a FIFO, a device, a symlink loop), larger than
    ``max_bytes``, empty, binary, not UTF-8, has malformed metadata or no text left.
    """
    path = Path(path)
    data = read_limited(path, limit=max_bytes)
    original = _decode(path, data)
    sidecar = read_sidecar(path, max_bytes=max_bytes)
    meta = sidecar[0] if sidecar else DocumentMeta()
    suffix = path.suffix.lower()
    if suffix in _HTML_SUFFIXES:
        visible, visible_offsets, page_meta = html_document(original)
        meta = meta.over(page_meta)
        text, offsets = clean_mapped(visible, visible_offsets, context=CleanContext(meta=meta))
    else:
        markdown = suffix == ".md"
        if markdown and (found := front_matter(original, where=str(path))):
            meta = meta.over(found)
        text, offsets = clean_text(original, meta=meta, markdown=markdown)
    if not text:
        raise _error(f"{path}: no text left after cleaning")
    headings = find_headings(text, title=meta.title)
    if meta.title is None and headings:
        meta = DocumentMeta(title=text[slice(*headings[0])]).over(meta)
    digest = hashlib.sha256(data)
    if sidecar:
        digest.update(b"\x00" + sidecar[1])
    return Document(
        id=doc_id(path),
        path=path,
        original=original,
        text=text,
        offsets=tuple(offsets),
        meta=meta,
        content_hash=digest.hexdigest(),
        headings=headings,
    )
