"""The second process of a full build: it indexes its share of the transcripts while this
process indexes the rest, so both cores work (reading and parsing the files is half the
build, and Python runs one thread at a time).

The helper writes segments in a folder of its own inside the index folder (Whoosh deletes
files it does not know from the index folder at every commit), without the index's lock and
without touching its table of contents. It sends each finished segment back, with the
records of its transcripts; this process moves the segment's files into the index and
commits them with its own, under its lock: one index, one writer. If the helper fails, this
process indexes what it had not sent.

Messages are pickled on the helper's stdout (what it prints goes to stderr): the job (the
helper's folder, the files and their stamps, the batch size) comes on its stdin.

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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import reader
from reader.core.search.transcript_indexing import UpdateReport, Work

log = logging.getLogger(__name__)

FOLDER = ".second-process"  # a leading dot: Whoosh's clean-up leaves it alone


@dataclass(frozen=True, slots=True)
class Job:
    folder: str  # where the helper writes its segments
    items: list[tuple[str, tuple[int, int]]]  # files and their (size, mtime_ns)
    batch_bytes: int  # source bytes per segment


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
    """The helper process indexing ``items`` for the index in ``index_folder``."""

    def __init__(self, index_folder: Path, items: list[Work], batch_bytes: int) -> None:
        self._index_folder = index_folder
        self._folder = index_folder / FOLDER
        shutil.rmtree(self._folder, ignore_errors=True)  # left by a build that was stopped
        self._folder.mkdir()
        self._items = items
        self._delivered: set[Path] = set()
        self._ended = False
        self._queue: queue.SimpleQueue[object] = queue.SimpleQueue()
        root = str(Path(reader.__file__).resolve().parents[1])  # this copy of the app
        path = os.environ.get("PYTHONPATH")
        env = {**os.environ, "PYTHONPATH": root if not path else root + os.pathsep + path}
        self._process = subprocess.Popen(
            helper_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        assert self._process.stdin is not None and self._process.stdout is not None
        self._thread = threading.Thread(target=self._read, args=(self._process.stdout,),
                                        daemon=True)
        self._thread.start()
        job = Job(str(self._folder), [(str(w.path), w.stamp) for w in items], batch_bytes)
        try:
            self._process.stdin.write(pickle.dumps(job, pickle.HIGHEST_PROTOCOL))
            self._process.stdin.close()
        except OSError:  # it died at once: wait() finds it ended, its share is done here
            pass

    def _read(self, stream: BinaryIO) -> None:
        try:
            while True:
                self._queue.put(pickle.load(stream))
        except EOFError:
            pass
        except Exception:
            log.exception("the second build process sent something unreadable")
            self._process.kill()  # it would wait for this process to read on
        finally:
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
        """The helper's share it did not send (all of it sent, unless it failed)."""
        return [item for item in self._items if item.path not in self._delivered]

    def close(self) -> None:
        """Stop the helper if it still runs and remove its folder."""
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        self._thread.join(timeout=5)
        if self._process.stdout is not None:
            self._process.stdout.close()
        shutil.rmtree(self._folder, ignore_errors=True)


def helper_command() -> list[str]:
    return [sys.executable, "-m", "reader.core.search.build_helper"]


def halves(work: list[Work], helper_share: float = 0.52) -> tuple[list[Work], list[Work]]:
    """``work`` in two shares, each in its original order: this process's and the helper's,
    which takes a little more than half of the bytes (this process also plans the update,
    writes the manifest and the vocabulary, and commits)."""
    shares: tuple[list[Work], list[Work]] = ([], [])
    weights = (1.0 - helper_share, helper_share)
    sizes = [0, 0]
    for item in sorted(work, key=lambda w: -w.stamp[0]):
        lighter = 0 if sizes[0] / weights[0] <= sizes[1] / weights[1] else 1
        shares[lighter].append(item)
        sizes[lighter] += item.stamp[0]
    order = {id(item): at for at, item in enumerate(work)}
    return (sorted(shares[0], key=lambda w: order[id(w)]),
            sorted(shares[1], key=lambda w: order[id(w)]))


# --- in the helper process ---------------------------------------------------------------


def run(job: Job, send: Any) -> None:
    """Index the job's files into segments of about ``batch_bytes`` each, ``send`` each."""
    from reader.core.search.companion_stamps import CompanionStamps
    from reader.core.search.engine import SegmentBuilder, create
    from reader.core.search.notes import NotesStamps
    from reader.core.search.transcript_indexing import index_one

    folder = Path(job.folder)
    create(folder)
    parent = os.getppid()
    stamps, companions = NotesStamps(), CompanionStamps()
    builder, report, records, batch = SegmentBuilder(folder), UpdateReport(), [], 0
    for at, (path, stamp) in enumerate(job.items):
        if os.getppid() != parent:  # the first process was stopped: nobody will commit
            builder.close()
            return
        item = Work(Path(path), stamp, None, True)
        told = len(report.errors)
        records.append(index_one(builder, item, report, stamps, companions, False))
        send(FileIndexed(item.path, report.errors[told:]))
        batch += stamp[0]
        if batch >= job.batch_bytes or at + 1 == len(job.items):
            segment, words = builder.finish()
            if segment is not None:
                send(SegmentDone(segment, words, records, report))
            if at + 1 < len(job.items):
                builder, report, records, batch = SegmentBuilder(folder), UpdateReport(), [], 0


def main() -> int:
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed goes to stderr, not into the messages

    def send(message: Message) -> None:
        pickle.dump(message, out, pickle.HIGHEST_PROTOCOL)
        out.flush()

    try:
        run(pickle.load(sys.stdin.buffer), send)
        out.close()
    except (BrokenPipeError, KeyboardInterrupt):
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
