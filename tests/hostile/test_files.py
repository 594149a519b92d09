"""What a folder of documents can hold besides documents: no file takes a build down.

A symlink loop, a FIFO, a device, an oversized file, an unreadable folder: each gets one line
naming it, counts as failed, and every other document is still ingested. Nothing here may hang
or read without end: a FIFO gets a writer in the background (code that wrongly opens it reads
a sentence and fails the test instead of waiting forever).
"""

from __future__ import annotations

import os
import threading
import types
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kg.build import build
from kg.corpus import discover, load_document
from kg.errors import InputError
from kg.store import Store

GOOD = "Iran supplies Russia with drones.\n"
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
needs_dev = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")


@contextmanager
def fed(fifo: Path, data: bytes = GOOD.encode()) -> Iterator[None]:
    """A writer waiting on ``fifo``: whoever opens it for reading gets ``data`` and EOF."""
    done = threading.Event()

    def feed() -> None:
        while not done.is_set():
            try:  # non-blocking: fails (ENXIO) until a reader has it open
                fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:
                done.wait(0.005)
                continue
            try:
                os.write(fd, data)
            finally:
                os.close(fd)
            return

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        yield
    finally:
        done.set()
        writer.join()


def refused(path: Path, **kwargs) -> str:
    """The one-line message loading ``path`` gives."""
    with pytest.raises(InputError) as info:
        load_document(path, **kwargs)
    message = str(info.value)
    assert str(path) in message and "\n" not in message
    return message


# ---------------------------------------------------------------- one file at a time


def test_symlink_loop_is_found_and_refused(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "good.txt").write_text(GOOD)
    found = discover([tmp_path])  # Path.resolve() raised RuntimeError here
    assert [p.name for p in found] == ["a.txt", "b.txt", "good.txt"]
    assert "symbolic link loop" in refused(tmp_path / "a.txt")


def test_symlink_loop_named_directly_is_refused_not_fatal(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "a.txt")
    assert discover([tmp_path / "a.txt"]) == [tmp_path / "a.txt"]  # exists as an entry


@needs_fifo
def test_fifo_is_never_opened(tmp_path):
    fifo = tmp_path / "x.txt"
    os.mkfifo(fifo)
    with fed(fifo):
        assert "FIFO" in refused(fifo)


@needs_dev
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_device_named_like_a_document_is_never_read(tmp_path, device):
    link = tmp_path / "dev.txt"
    link.symlink_to(device)
    message = refused(link)
    assert f"a character device ({device}), not a regular file" in message


def test_file_over_the_limit_is_refused_before_reading(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    big.write_text(GOOD * 100)
    monkeypatch.setattr(os, "open", lambda *a, **k: pytest.fail("opened a file over the limit"))
    assert "over the 1,000 bytes limit" in refused(big, max_bytes=1000)


def counting_os(monkeypatch, *, size: int) -> list[int]:
    """Make kg.corpus.files see every file as ``size`` bytes long (a file that grows after
    stat, a /proc file that says 0); returns the sizes of the reads it makes."""
    reads: list[int] = []

    def stat(path, *args, **kwargs):
        return _resized(os.stat(path, *args, **kwargs), size)

    def read(fd, n):
        data = os.read(fd, n)
        reads.append(len(data))
        return data

    fake = types.SimpleNamespace(**{name: getattr(os, name) for name in dir(os)})
    fake.stat = stat
    fake.fstat = lambda fd: _resized(os.fstat(fd), size)
    fake.read = read
    monkeypatch.setattr("kg.corpus.files.os", fake)
    return reads


def _resized(info: os.stat_result, size: int) -> os.stat_result:
    fields = list(info)
    fields[6] = size  # st_size
    return os.stat_result(fields)


@pytest.mark.parametrize("size", [0, 10], ids=["says-size-0", "grew-after-stat"])
def test_the_limit_holds_while_reading(tmp_path, monkeypatch, size):
    big = tmp_path / "big.txt"
    big.write_text(GOOD * 1000)  # 34 kB
    reads = counting_os(monkeypatch, size=size)
    assert "more than 1,000 bytes" in refused(big, max_bytes=1000)
    assert sum(reads) <= 1001  # the one byte more says it is over; never the 34 kB


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="no /proc here")
def test_a_real_file_that_says_size_0(tmp_path):
    link = tmp_path / "status.txt"
    link.symlink_to("/proc/self/status")  # a regular file of size 0 with a page of text
    assert os.stat(link).st_size == 0
    assert "more than 100 bytes" in refused(link, max_bytes=100)


def test_symlink_to_a_document_is_a_document_and_counted_once(tmp_path):
    docs, elsewhere = tmp_path / "docs", tmp_path / "elsewhere"
    docs.mkdir()
    elsewhere.mkdir()
    (elsewhere / "iran.txt").write_text(GOOD)
    (docs / "linked.txt").symlink_to(elsewhere / "iran.txt")
    (docs / "zz.txt").symlink_to(docs / "linked.txt")  # the same file named twice
    found = discover([docs, elsewhere / "iran.txt"])
    assert found == [docs / "linked.txt"]
    assert load_document(found[0]).text.startswith("Iran supplies Russia")


# ---------------------------------------------------------------- folders


def unreadable(monkeypatch, folder: Path) -> None:
    """``folder`` cannot be listed, as after chmod 000 for anyone but root."""
    real = os.scandir

    def scandir(path="."):
        if Path(path) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_unreadable_folder_is_reported_simulated(tmp_path, monkeypatch):
    (tmp_path / "good.txt").write_text(GOOD)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(GOOD)
    unreadable(monkeypatch, locked)
    problems: list[str] = []
    found = discover([tmp_path], on_error=problems.append)
    assert found == [tmp_path / "good.txt"]
    assert problems == [f"{locked}: cannot read folder (Permission denied); skipped"]


def test_unreadable_folder_is_reported_for_real(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(GOOD)
    locked.chmod(0)
    try:
        try:
            os.listdir(locked)
        except PermissionError:
            pass
        else:
            pytest.skip(
                "chmod 000 does not stop this user (root) from reading: "
                "test_unreadable_folder_is_reported_simulated covers the message"
            )
        problems: list[str] = []
        assert discover([tmp_path], on_error=problems.append) == []
        assert problems == [f"{locked}: cannot read folder (Permission denied); skipped"]
    finally:
        locked.chmod(0o755)


def test_unreadable_folder_without_a_listener_is_a_warning(tmp_path, monkeypatch, caplog):
    locked = tmp_path / "locked"
    locked.mkdir()
    unreadable(monkeypatch, locked)
    discover([tmp_path])
    assert f"{locked}: cannot read folder" in caplog.text


# ---------------------------------------------------------------- a whole build


def test_a_folder_of_hazards_still_builds(tmp_path, pipeline, monkeypatch):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text(GOOD)
    (docs / "also.md").write_text("Poland supports Ukraine.\n")
    (docs / "a.txt").symlink_to(docs / "b.txt")
    (docs / "b.txt").symlink_to(docs / "a.txt")
    (docs / "big.txt").write_text(GOOD * 100)
    hazards = ["a.txt", "b.txt", "big.txt"]
    if hasattr(os, "mkfifo"):
        os.mkfifo(docs / "x.txt")
        hazards.append("x.txt")
    if Path("/dev/zero").exists():
        (docs / "dev.txt").symlink_to("/dev/zero")
        hazards.append("dev.txt")
    locked = docs / "locked"
    locked.mkdir()
    (locked / "kept.txt").write_text("Belarus supports Russia.\n")
    unreadable(monkeypatch, locked)
    lines: list[str] = []
    with fed(docs / "x.txt") if "x.txt" in hazards else _nothing(), Store(tmp_path / "s") as st:
        report = build([docs], st, pipeline, on_error=lines.append, max_bytes=1000)
    assert sorted(report.added) == ["also", "good"]
    named = sorted(hazards + ["locked"])
    assert len(report.failed) == len(named) and lines == report.failed
    assert sorted(Path(line.split(":", 1)[0]).name for line in lines) == named


def test_an_unreadable_folder_stops_prune_and_an_unread_file_is_not_pruned(tmp_path, pipeline):
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "good.txt").write_text(GOOD)
    (docs / "sub" / "poland.txt").write_text("Poland supports Ukraine.\n")
    with Store(tmp_path / "s") as st:
        build([docs], st, pipeline)
        (docs / "good.txt").write_bytes(b"\x00binary now")
        report = build([docs], st, pipeline, prune=True)
        assert report.removed == [] and sorted(st.documents()) == ["good", "poland"]
        with pytest.MonkeyPatch.context() as patch:
            unreadable(patch, docs / "sub")
            report = build([docs], st, pipeline, prune=True)
        assert report.removed == [] and "poland" in st.documents()


@contextmanager
def _nothing() -> Iterator[None]:
    yield
