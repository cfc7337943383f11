"""Bringing a library's index up to date, touching only what changed.

For each transcript file in the library folder, against what the index recorded for it:

- new file: indexed;
- same size and modification time: nothing to do, unless its notes changed (the sidecar's
  stamp), then only its notes are indexed again; or the user's chapters in that sidecar
  changed, or (a timed transcript) the chapters its companion chapters file or outline gives
  it changed (:mod:`.companion_stamps` notices the files moving, and only then are the
  chapters compared, with those recorded): its chapters changed, so it is indexed again;
- another size or time: the bytes are hashed; the same fingerprint (a file touched or copied
  back) only updates the manifest; otherwise the transcript is indexed again. So is every
  transcript read by an older version of its reader;
- gone from the folder: its documents leave the index.

A file that cannot be read is named in one line in :attr:`UpdateReport.errors` and recorded,
so it is tried again only once it changes; indexing goes on. Everything is committed once at
the end: a search running meanwhile (another process) sees the old index until then.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.core.errors import TranscriptError, display_path
from reader.core.library import file_stamp, walk_folder
from reader.core.search import documents as docs
from reader.core.search import engine
from reader.core.search.build_helper import FileIndexed, Helper, Message, Pending
from reader.core.search.companion_stamps import CompanionStamps
from reader.core.search.location import IndexBusy, IndexFolder, has_index
from reader.core.search.notes import NotesStamps
from reader.core.search.transcript_indexing import (
    ALL_KINDS,
    UpdateReport,
    Work,
    index_one,
    plan,
    restamped,
)
from reader.core.search.transcript_indexing import delete as _delete

log = logging.getLogger(__name__)

__all__ = ["BATCH_BYTES", "FULL_BATCH_BYTES", "Progress", "ProgressCallback", "UpdateReport",
           "tidy", "update"]

# Source bytes indexed between commits of a large update: Whoosh's buffer then holds about
# 200 MB; one commit for 60 MB of transcripts would need 1.3 GB (or spill to disk and take
# twice as long).
BATCH_BYTES = 8 * 2**20
# In a full build, shared by two processes: fewer, larger segments (AND and phrases read one
# posting list per word and segment), about 300 MB for each process at most.
FULL_BATCH_BYTES = 16 * 2**20
# A full build of at least this many source bytes is shared with a second process: starting
# it costs about half a second of CPU (its imports).
TWO_PROCESSES_BYTES = 4 * 2**20


@dataclass(frozen=True, slots=True)
class Progress:
    """``phase``: "scanning"; "rebuilding" (``message``: why, one line); "indexing" (``done`` of
    ``total`` files, ``path`` the one being read); "unreadable" (``message``: a file that could
    not be read, one line); "committing" (writing the index files: the longest step of a full
    build)."""

    phase: str
    done: int = 0
    total: int = 0
    path: Path | None = None
    message: str | None = None


ProgressCallback = Callable[[Progress], None]


def update(folder: IndexFolder, *, rebuild: bool = False, damaged: str | None = None,
           wait: float = 30.0, progress: ProgressCallback | None = None) -> UpdateReport:
    """Bring the index in ``folder`` up to date with its library; rebuilds it when it is
    missing, damaged or of another schema (saying so in ``messages``), or when the caller
    found it ``damaged`` (why, e.g. "damaged (EOFError)"). Raises IndexBusy when another
    process holds the lock longer than ``wait`` seconds, TranscriptError when the library
    folder cannot be read."""
    started = time.perf_counter()
    report = UpdateReport()
    tell = progress or (lambda _: None)
    with folder.writing(wait):
        tell(Progress("scanning"))
        files = walk_folder(folder.library).files
        index, in_place = _open(folder, rebuild, damaged, report)
        for line in report.messages:
            tell(Progress("rebuilding", message=line))
        try:
            _update(index, folder, files, report, tell, full=report.rebuilt or rebuild,
                    replace_all=in_place)
        finally:
            index.close()
    report.seconds = time.perf_counter() - started
    return report


def _open(folder: IndexFolder, rebuild: bool, damaged: str | None, report: UpdateReport
          ) -> tuple[engine.Engine, bool]:
    """The index to write and whether it is rebuilt in place (old documents dropped at the
    commit, so searches use them until then)."""
    problem = damaged or folder.problem()
    if problem is None:
        try:
            return engine.Engine(folder.folder), rebuild
        except engine.EngineError as error:
            problem = f"damaged ({error})"
    if problem == "missing" and not has_index(folder.folder):
        report.messages.append(f"{folder}: building the search index for "
                               f"{display_path(folder.library)}")
    else:
        report.messages.append(f"{folder}: the search index was {problem}; rebuilding it")
    report.rebuilt = True
    folder.clear()
    engine.create(folder.folder)
    return engine.Engine(folder.folder), False


def _update(index: engine.Engine, folder: IndexFolder, files: list[Path], report: UpdateReport,
            tell: ProgressCallback, full: bool, replace_all: bool) -> None:
    known = {} if full else folder.records()
    records = dict(known)
    stamps = NotesStamps()
    stamped = [(path, file_stamp(path)) for path in files]
    companions = CompanionStamps(*_library_changes(stamped, known))
    work: list[Work] = []
    restamps = False
    for path, stamp in stamped:
        if stamp is None:
            continue  # gone since the walk
        old = known.pop(str(path), None)
        item = plan(path, stamp, old, stamps, companions)
        if item is None or not item.read:
            report.unchanged += 1
            if item is not None:  # touched, or its companion's chapters are the same
                records[str(path)] = restamped(item, companions)
                restamps = True
        else:
            work.append(item)
    report.removed = [Path(path) for path in known]
    if not work and not report.removed and not replace_all:
        if restamps:
            folder.write_manifest(records.values())
        return
    run = _Run(index, folder, records, report, tell, full, replace_all, len(work))
    helper = None
    try:
        for gone in known:
            _delete(run.writer, docs.transcript_key(gone), *ALL_KINDS)
            del records[gone]
        mine: Iterable[Work] = work
        if full and sum(item.stamp[0] for item in work) >= TWO_PROCESSES_BYTES:
            # A full build adds only: no deletions to share. Both take from one queue.
            mine = pending = Pending(work)
            helper = Helper(folder.folder, pending, FULL_BATCH_BYTES)
        run.index(mine, stamps, companions, helper)
        if helper is not None:
            if run.holds_documents() and not run.replaces_all():
                # (Not when rebuilding in place: that commit would drop the old index, and
                # searches meanwhile would find only this process's share.)
                # This process's last segment is written while the helper finishes its
                # last files and segment, not after.
                if run.done < len(work):  # else the final "committing" says it next
                    tell(Progress("committing", run.done, len(work)))
                run.commit(final=False)
            run.absorb(helper.wait())
            run.index(helper.undelivered(), stamps, companions, None)  # it failed: done here
        tell(Progress("committing", len(work), len(work)))
        run.commit(final=True)
    except BaseException:
        try:
            run.writer.cancel()
        except Exception:  # committed just before: nothing to give up, keep the first error
            log.debug("cancelling the index writer failed", exc_info=True)
        raise
    finally:
        if helper is not None:
            helper.close()
    folder.write_manifest(records.values())
    try:
        report.untidy = not full and index.needs_tidying()
    except engine.EngineError:  # the update is committed; the next one reads it again
        report.untidy = False


def tidy(folder: IndexFolder, wait: float = 30.0) -> bool:
    """Merge the small segments that updates leave (one for each), when enough have piled
    up (:func:`.postings.segments_to_merge`), in a commit of its own: an update makes an
    edit searchable first, and this runs after it (see :attr:`UpdateReport.untidy`), so the
    merge, about one update in four, keeps nobody waiting. Searches meanwhile read the
    index as it was. Whether anything was merged; IndexBusy after ``wait`` seconds."""
    with folder.writing(wait):
        if folder.problem() is not None:
            return False  # the next update rebuilds it
        try:
            index = engine.Engine(folder.folder)
        except engine.EngineError:
            return False  # likewise
        try:
            if not index.needs_tidying():
                return False
            records = folder.records()
            writer = _writer(index, folder, full=False, fresh_vocabulary=False)
            try:
                writer.commit(merge=True)
            except BaseException:
                with contextlib.suppress(Exception):
                    writer.cancel()
                raise
            folder.write_manifest(records.values())  # the same transcripts, other files
        finally:
            index.close()
    return True


def _library_changes(stamped: list[tuple[Path, tuple[int, int] | None]],
                     known: dict[str, docs.TranscriptRecord]
                     ) -> tuple[dict[Path, set[str]], dict[Path, set[str]]]:
    """By folder: the names of the library's files, and of those added, changed or removed
    since the last update (:class:`CompanionStamps`)."""
    library: dict[Path, set[str]] = defaultdict(set)
    changed: dict[Path, set[str]] = defaultdict(set)
    present = set()
    for path, stamp in stamped:
        library[path.parent].add(path.name)
        old = known.get(str(path))
        present.add(str(path))
        if old is None or stamp is None or (old.size, old.mtime_ns) != stamp:
            changed[path.parent].add(path.name)
    for gone in known.keys() - present:
        changed[Path(gone).parent].add(Path(gone).name)
    return library, changed


class _Run:
    """One update's writer, committed every ``BATCH_BYTES`` (``FULL_BATCH_BYTES`` in a full
    build), and what it commits: its own documents and the segments of the second process
    (:mod:`.build_helper`)."""

    def __init__(self, index: engine.Engine, folder: IndexFolder,
                 records: dict[str, docs.TranscriptRecord], report: UpdateReport,
                 tell: ProgressCallback, full: bool, replace_all: bool, total: int) -> None:
        self._index, self._folder, self._full = index, folder, full
        self._records, self._report, self._tell = records, report, tell
        self._replace_all, self._total = replace_all, total
        self.writer = _writer(index, folder, full)
        self._done = self._batch = 0
        self._segments: list[Any] = []
        self._words: set[str] = set()

    @property
    def done(self) -> int:
        return min(self._done, self._total)

    def replaces_all(self) -> bool:
        """Will the next commit drop every older segment (a rebuild in place)?"""
        return self._replace_all

    def holds_documents(self) -> bool:
        """Has the writer documents of its own since the last commit?"""
        return self.writer.holds_documents()

    def index(self, items: Iterable[Work], stamps: NotesStamps, companions: CompanionStamps,
              helper: Helper | None) -> None:
        tell, report = self._tell, self._report
        for item in items:
            if helper is not None:
                self.absorb(helper.received())
            done = min(self._done, self._total - 1)
            tell(Progress("indexing", done, self._total, item.path))
            told = len(report.errors)
            self._records[str(item.path)] = index_one(self.writer, item, report, stamps,
                                                      companions, not self._full)
            for line in report.errors[told:]:
                tell(Progress("unreadable", done, self._total, item.path, line))
            self._done += 1
            self._batch += item.stamp[0]
            batch = FULL_BATCH_BYTES if self._full else BATCH_BYTES
            if self._batch >= batch and self._done < self._total:
                # Commit what is done: memory stays bounded, what is indexed can be searched,
                # and an update that is stopped goes on from here next time.
                tell(Progress("committing", self._done, self._total))
                self.commit(final=False)

    def absorb(self, messages: list[Message]) -> None:
        """Progress of the second process, and its finished segments for the next commit."""
        report = self._report
        for message in messages:
            if isinstance(message, FileIndexed):
                done = min(self._done, self._total - 1)
                self._tell(Progress("indexing", done, self._total, message.path))
                for line in message.errors:
                    self._tell(Progress("unreadable", done, self._total, message.path, line))
                self._done += 1
                continue
            self._records.update((record.path, record) for record in message.records)
            theirs = message.report
            report.added += theirs.added
            report.changed += theirs.changed
            report.notes += theirs.notes
            report.errors += theirs.errors
            report.unchanged += theirs.unchanged
            self._segments.append(message.segment)
            self._words |= message.words

    def commit(self, final: bool) -> None:
        # Small segments are merged by tidy(), after the changes are searchable.
        self.writer.commit(replace_all=self._replace_all, merge=False,
                           segments=self._segments, words=self._words)
        self._segments, self._words = [], set()
        if not final:
            self._folder.write_manifest(self._records.values())
            self.writer = _writer(self._index, self._folder, self._full,
                                  fresh_vocabulary=False)
            self._batch, self._replace_all = 0, False


def _writer(index: engine.Engine, folder: IndexFolder, full: bool,
            fresh_vocabulary: bool | None = None) -> engine.EngineWriter:
    try:
        return index.writer(full, fresh_vocabulary)
    except engine.EngineBusy as busy:  # a program other than this app holds Whoosh's lock
        raise IndexBusy(f"{folder}: {busy}") from None
    except engine.EngineError as error:
        cause = error.__cause__
        if isinstance(cause, OSError):  # e.g. a folder made read-only: not damage
            raise TranscriptError(folder.folder, f"the search index cannot be updated here "
                                                 f"({cause.strerror or cause})") from None
        raise


