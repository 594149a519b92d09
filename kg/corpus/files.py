"""Reading a file that a folder of documents holds, whatever it turns out to be."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from kg.errors import InputError

__all__ = ["MAX_BYTES", "one_line", "read_limited"]

#: The largest document read, in bytes of file (`kg build --max-size MB` changes it): a 40 GB
#: log named like a document is refused on one line instead of filling the memory.
MAX_BYTES = 10_000_000
# Non-blocking, so that opening a FIFO returns at once instead of waiting for a writer; no
# controlling terminal, whatever the file turns out to be.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_CHUNK = 1 << 20
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def one_line(message: str) -> str:
    """``message`` with every run of whitespace (newlines in a file name...) made one space."""
    return " ".join(message.split())


def _error(message: str) -> InputError:
    return InputError(one_line(message))


def _size(size: int) -> str:
    """
    >>> _size(10_000_000), _size(12_345_678), _size(2_000)
    ('10 MB', '12.3 MB', '2,000 bytes')
    """
    return f"{round(size / 1_000_000, 1):g} MB" if size >= 100_000 else f"{size:,} bytes"


#: what a limit is for, in read_limited's messages
DOCUMENT = "a document (kg build --max-size raises it)"


def _refuse(path: Path, info: os.stat_result, limit: int, purpose: str) -> None:
    """Raise unless ``info`` describes a regular file of at most ``limit`` bytes."""
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for is_kind, name in _KINDS if is_kind(info.st_mode)), "a special file")
        if os.path.islink(path):
            kind += f" ({os.path.realpath(path)})"
        raise _error(f"{path}: cannot read file: {kind}, not a regular file")
    if info.st_size > limit:
        raise _error(f"{path}: {_size(info.st_size)}, over the {_size(limit)} limit for {purpose}")


def _cannot_read(path: Path, exc: OSError) -> InputError:
    reason = "symbolic link loop" if exc.errno == errno.ELOOP else exc.strerror or str(exc)
    return _error(f"{path}: cannot read file ({reason})")


def read_limited(path: Path, *, limit: int = MAX_BYTES, purpose: str = DOCUMENT) -> bytes:
    """The bytes of the regular file ``path``; anything else, or more than ``limit`` bytes, is an
    :class:`~kg.errors.InputError` naming the file.

    Written for what a folder of documents holds besides documents: a FIFO named ``x.txt``
    (reading it waits forever for a writer), ``dev.txt -> /dev/zero`` (endless), a symlink loop,
    a 40 GB log. The file is checked (``stat``) before it is opened, opened non-blocking and
    checked again on the open descriptor, so one swapped for a FIFO in between cannot hang the
    build either; at most ``limit + 1`` bytes are read, so a file that grows while it is read, or
    one that reports size 0, stops at the limit. ``purpose`` says in messages what the limit is
    for.
    """
    try:
        _refuse(path, os.stat(path), limit, purpose)
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise _cannot_read(path, exc) from None
    try:
        _refuse(path, os.fstat(fd), limit, purpose)
        data = _read_at_most(fd, limit + 1)
    except OSError as exc:
        raise _cannot_read(path, exc) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise _error(
            f"{path}: more than {_size(limit)}, the limit for {purpose} (it grew while being"
            " read, or does not know its size)"
        )
    return data


def _read_at_most(fd: int, size: int) -> bytes:
    """Up to ``size`` bytes, in pieces: no buffer of the whole limit is allocated up front."""
    chunks: list[bytes] = []
    left = size
    while left > 0:
        chunk = os.read(fd, min(left, _CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
