"""The second process of a full build: it indexes its share of the transcripts while this
process indexes the rest, so both cores work (reading and parsing the files is half the
build, and Python runs one thread at a time).

The helper writes segments in a folder of its own inside the index folder (Whoosh deletes
files it does not know from the index folder at every commit), without the index's lock and
without touching its table of contents. It sends each finished segment back, with the
records of its transcripts; this process moves the segment's files into the index and
commits them with its own, under its lock: one index, one writer. If the helper fails, this
process indexes what it had not sent.

The two processes take the files from one queue, largest first (:class:`Pending`): this
process whenever it is ready for another, the helper through :class:`Helper`, which keeps two
files ahead of it. So both finish within about one small file of each other, whatever the
files cost to parse and whatever else the machine runs; a fixed split by size left one
process idle for seconds at the end of a build.

Messages are pickled on the helper's stdout (what it prints goes to stderr). Its stdin brings
the job (the helper's folder, the batch size), then one file at a time (its path and stamp),
then None: no more files.

    python -m reader.core.search.build_helper   (started by :class:`Helper`)
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import queue
import shutil
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, BinaryIO

import reader
from reader.core.search.transcript_indexing import UpdateReport, Work

log = logging.getLogger(__name__)

FOLDER = ".second-process"  # a leading dot: Whoosh's clean-up leaves it alone


FileItem = tuple[str, tuple[int, int]]  # a file to index and its (size, mtime_ns)
AHEAD = 2  # files sent to the helper before it asks: it never waits for this process


@dataclass(frozen=True, slots=True)
class Job:
    folder: str  # where the helper writes its segments
    batch_bytes: int  # source bytes per segment


class Pending:
    """The files of a build still to index, largest first (the last ones to be taken are
    then small, so the two processes finish close together); taken by this process's loop
    and by the thread feeding the helper."""

    def __init__(self, work: list[Work]) -> None:
        self._items = deque(sorted(work, key=lambda item: -item.stamp[0]))
        self._lock = threading.Lock()

    def take(self) -> Work | None:
        with self._lock:
            return self._items.popleft() if self._items else None

    def __iter__(self) -> Iterator[Work]:
        while (item := self.take()) is not None:
            yield item


@dataclass(frozen=True, slots=True)
class FileIndexed:
    """The helper has read ``path`` (``errors``: one line each, as in the report)."""

    path: Path
    errors: list[str]


@dataclass(slots=True)
class SegmentDone:
    """A finished segment (Whoosh's segment object; its files are in the helper's folder),
    the words its passages hold, and what it holds: records and the report of its files."""

    segment: Any
    words: set[str]
    records: list[Any]  # TranscriptRecord
    report: UpdateReport = field(default_factory=UpdateReport)


Message = FileIndexed | SegmentDone
_END = object()


class Helper:
    """The helper process indexing files it takes from ``pending`` for the index in
    ``index_folder``."""

    def __init__(self, index_folder: Path, pending: Pending, batch_bytes: int) -> None:
        self._index_folder = index_folder
        self._folder = index_folder / FOLDER
        shutil.rmtree(self._folder, ignore_errors=True)  # left by a build that was stopped
        self._folder.mkdir()
        self._pending = pending
        self._sent: list[Work] = []
        self._delivered: set[Path] = set()
        self._ended = False
        self._queue: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._feeding = threading.Lock()
        root = str(Path(reader.__file__).resolve().parents[1])  # this copy of the app
        path = os.environ.get("PYTHONPATH")
        env = {**os.environ, "PYTHONPATH": root if not path else root + os.pathsep + path}
        self._process = subprocess.Popen(
            helper_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        assert self._process.stdin is not None and self._process.stdout is not None
        self._input: IO[bytes] | None = self._process.stdin
        self._write(Job(str(self._folder), batch_bytes))
        self._feed(AHEAD)
        self._thread = threading.Thread(target=self._read, args=(self._process.stdout,),
                                        daemon=True)
        self._thread.start()

    def _feed(self, count: int) -> None:
        """Send the helper ``count`` more files, or say there are no more."""
        with self._feeding:
            for _ in range(count):
                if self._input is None:
                    return
                item = self._pending.take()
                if item is None:
                    self._write(None)
                    self._close_input()
                    return
                self._sent.append(item)  # undelivered unless it comes back in a segment
                self._write((str(item.path), item.stamp))

    def _write(self, message: object) -> None:
        if self._input is None:
            return
        try:
            self._input.write(pickle.dumps(message, pickle.HIGHEST_PROTOCOL))
            self._input.flush()
        except OSError:  # it died: wait() finds it ended, what it had is done here
            self._close_input()

    def _close_input(self) -> None:
        if self._input is not None:
            with contextlib.suppress(OSError):
                self._input.close()
            self._input = None

    def _read(self, stream: BinaryIO) -> None:
        try:
            while True:
                message = pickle.load(stream)
                if isinstance(message, FileIndexed):
                    self._feed(1)  # one done: the next one, before this process sees it
                self._queue.put(message)
        except EOFError:
            pass
        except Exception:
            log.exception("the second build process sent something unreadable")
            self._process.kill()  # it would wait for this process to read on
        finally:
            with self._feeding:
                self._close_input()
            self._queue.put(_END)

    def received(self) -> list[Message]:
        """What the helper has sent since last asked, without waiting."""
        found = []
        while not self._ended:
            try:
                message = self._queue.get_nowait()
            except queue.Empty:
                break
            found.append(self._take(message))
        return [m for m in found if m is not None]

    def wait(self) -> list[Message]:
        """Everything else it sends, once it has ended."""
        found = []
        while not self._ended:
            found.append(self._take(self._queue.get()))
        self._process.wait()
        return [m for m in found if m is not None]

    def _take(self, message: object) -> Message | None:
        if message is _END:
            self._ended = True
        elif isinstance(message, SegmentDone):
            self._adopt(message.segment)
            self._delivered.update(Path(r.path) for r in message.records)
            return message
        elif isinstance(message, FileIndexed):
            return message
        return None

    def _adopt(self, segment: Any) -> None:
        """Move the segment's files into the index folder (the same file system)."""
        prefix = segment.segment_id() + "."
        for entry in os.scandir(self._folder):
            if entry.name.startswith(prefix):
                os.replace(entry.path, self._index_folder / entry.name)

    def undelivered(self) -> list[Work]:
        """The files sent to the helper that it did not send back (none, unless it
        failed)."""
        return [item for item in self._sent if item.path not in self._delivered]

    def close(self) -> None:
        """Stop the helper if it still runs and remove its folder."""
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        with self._feeding:
            self._close_input()
        self._thread.join(timeout=5)
        if self._process.stdout is not None:
            self._process.stdout.close()
        shutil.rmtree(self._folder, ignore_errors=True)


def helper_command() -> list[str]:
    return [sys.executable, "-m", "reader.core.search.build_helper"]


# --- in the helper process ---------------------------------------------------------------


def run(job: Job, items: Iterable[FileItem], send: Any) -> None:
    """Index the ``items`` into segments of about ``batch_bytes`` each, ``send`` each."""
    from reader.core.search.companion_stamps import CompanionStamps
    from reader.core.search.engine import SegmentBuilder, create
    from reader.core.search.notes import NotesStamps
    from reader.core.search.transcript_indexing import index_one

    folder = Path(job.folder)
    create(folder)
    parent = os.getppid()
    stamps, companions = NotesStamps(), CompanionStamps()
    builder, report, records, batch = SegmentBuilder(folder), UpdateReport(), [], 0
    for path, stamp in items:
        if os.getppid() != parent:  # the first process was stopped: nobody will commit
            builder.close()
            return
        item = Work(Path(path), stamp, None, True)
        told = len(report.errors)
        records.append(index_one(builder, item, report, stamps, companions, False))
        send(FileIndexed(item.path, report.errors[told:]))
        batch += stamp[0]
        if batch >= job.batch_bytes:
            _send_segment(builder, records, report, send)
            builder, report, records, batch = SegmentBuilder(folder), UpdateReport(), [], 0
    _send_segment(builder, records, report, send)


def _send_segment(builder: Any, records: list[Any], report: UpdateReport, send: Any) -> None:
    segment, words = builder.finish()
    if segment is not None:
        send(SegmentDone(segment, words, records, report))


def _received(stream: BinaryIO) -> Iterator[FileItem]:
    """The files the first process sends, until it says there are no more; EOFError when it
    is gone before that."""
    while (item := pickle.load(stream)) is not None:
        yield item


def main() -> int:
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed goes to stderr, not into the messages

    def send(message: Message) -> None:
        pickle.dump(message, out, pickle.HIGHEST_PROTOCOL)
        out.flush()

    try:
        job = pickle.load(sys.stdin.buffer)
        run(job, _received(sys.stdin.buffer), send)
        out.close()
    except (BrokenPipeError, EOFError, KeyboardInterrupt):
        # The first process stopped (killed, or Ctrl+C reached the whole group): it keeps
        # the index as it was and says so itself, so this one goes quietly.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())
        return 1
    return 0


if __name__ == "__main__":
    # Run as the module's own name, not __main__, so its messages unpickle in the first
    # process as instances of the classes above.
    from reader.core.search.build_helper import main as helper_main

    raise SystemExit(helper_main())
