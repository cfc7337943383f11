"""Bringing a library's index up to date, touching only what changed.

For each transcript file in the library folder, against what the index recorded for it:

- new file: indexed;
- same size and modification time: nothing to do, unless its notes changed (the sidecar's
  stamp), then only its notes are indexed again; or the user's chapters in that sidecar
  changed, or (a timed transcript) its companion chapters file or pairing choice appeared,
  changed or went (:mod:`.companion_stamps`): its chapters changed, so it is indexed again;
- another size or time: the bytes are hashed; the same fingerprint (a file touched or copied
  back) only updates the record; otherwise the transcript is indexed again. So is every
  transcript read by an older version of its reader;
- gone from the folder: its documents leave the index.

A file that cannot be read is named in one line in :attr:`UpdateReport.errors` and recorded,
so it is tried again only once it changes; indexing goes on. Everything is committed once at
the end: a search running meanwhile (another process) sees the old index until then.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.errors import TranscriptError, display_path
from reader.core.formats import READERS, load_transcript
from reader.core.formats.decode import read_regular_file
from reader.core.library import file_stamp, walk_folder
from reader.core.model import BlockKind, Transcript
from reader.core.search import documents as docs
from reader.core.search import engine
from reader.core.search.companion_stamps import CompanionStamps
from reader.core.search.location import IndexBusy, IndexFolder, has_index
from reader.core.search.notes import NotesStamps, read_notes
from reader.core.sections import with_user_chapters

log = logging.getLogger(__name__)

CURRENT_READERS = frozenset(reader.version_tag for reader in READERS)
# Source bytes indexed between commits of a large update: Whoosh's buffer then holds about
# 200 MB; one commit for 60 MB of transcripts would need 1.3 GB (or spill to disk and take
# twice as long).
BATCH_BYTES = 8 * 2**20


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


@dataclass(slots=True)
class UpdateReport:
    added: list[Path] = field(default_factory=list)
    changed: list[Path] = field(default_factory=list)  # text re-indexed
    notes: list[Path] = field(default_factory=list)  # only their notes re-indexed
    removed: list[Path] = field(default_factory=list)
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)  # one line each, naming the file
    messages: list[str] = field(default_factory=list)  # one line each: the index was rebuilt
    rebuilt: bool = False
    seconds: float = 0.0

    @property
    def indexed(self) -> list[Path]:
        """Transcripts whose text was (re)indexed in this update."""
        return self.added + self.changed

    def summary(self) -> str:
        parts = [f"{len(self.added)} added", f"{len(self.changed)} changed",
                 f"{len(self.removed)} removed", f"{self.unchanged} unchanged"]
        if self.notes:
            parts.append(f"{len(self.notes)} with new notes")
        if self.errors:
            parts.append(f"{len(self.errors)} unreadable")
        return f"search index up to date ({', '.join(parts)}) in {self.seconds:.1f} s"


@dataclass(frozen=True, slots=True)
class _Work:
    path: Path
    stamp: tuple[int, int]
    old: docs.TranscriptRecord | None
    text: bool  # passages (and everything else) again; False: notes and record only
    notes_changed: bool = True


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
    companions = CompanionStamps()
    work: list[_Work] = []
    for path in files:
        stamp = file_stamp(path)
        if stamp is None:
            continue  # gone since the walk
        old = known.pop(str(path), None)
        item = _plan(path, stamp, old, stamps, companions)
        if item is None:
            report.unchanged += 1
        else:
            work.append(item)
    report.removed = [Path(path) for path in known]
    if not work and not report.removed and not replace_all:
        return
    writer = _writer(index, folder, full)
    batch = 0
    try:
        for gone in known:
            _delete(writer, docs.transcript_key(gone), *ALL_KINDS)
            del records[gone]
        for done, item in enumerate(work):
            tell(Progress("indexing", done, len(work), item.path))
            told = len(report.errors)
            records[str(item.path)] = _index_one(writer, item, report, stamps, companions,
                                                  not full)
            for line in report.errors[told:]:
                tell(Progress("unreadable", done, len(work), item.path, line))
            batch += item.stamp[0]
            if batch >= BATCH_BYTES and done + 1 < len(work):
                # Commit what is done: memory stays bounded, what is indexed can be searched,
                # and an update that is stopped goes on from here next time.
                tell(Progress("committing", done + 1, len(work)))
                writer.commit(replace_all=replace_all, merge=False)
                folder.write_manifest(records.values())
                writer = _writer(index, folder, full, fresh_vocabulary=False)
                batch, replace_all = 0, False
        tell(Progress("committing", len(work), len(work)))
        writer.commit(replace_all=replace_all, merge=not full)
    except BaseException:
        writer.cancel()
        raise
    folder.write_manifest(records.values())


def _writer(index: engine.Engine, folder: IndexFolder, full: bool,
            fresh_vocabulary: bool | None = None) -> engine.EngineWriter:
    try:
        return index.writer(full, fresh_vocabulary)
    except engine.EngineBusy as busy:  # a program other than this app holds Whoosh's lock
        raise IndexBusy(f"{folder}: {busy}") from None


ALL_KINDS = (docs.PASSAGE, docs.NOTE_KIND, docs.CHAPTER_KIND, docs.RECORD)


def _plan(path: Path, stamp: tuple[int, int], old: docs.TranscriptRecord | None,
          stamps: NotesStamps, companions: CompanionStamps) -> _Work | None:
    if old is None:
        return _Work(path, stamp, None, True)
    stale_reader = old.error is None and old.reader_version not in CURRENT_READERS
    companion_changed = bool(old.companion_stamp) and old.companion_stamp != companions.stamp(path)
    if (old.size, old.mtime_ns) == stamp and not stale_reader:
        if old.error is None and companion_changed:
            return _Work(path, stamp, old, True)
        if old.error is None and old.notes_stamp != stamps.stamp(path):
            return _Work(path, stamp, old, False)
        return None
    if stale_reader or old.error is not None or not old.fingerprint:
        return _Work(path, stamp, old, True)
    try:
        same = hashlib.sha256(read_regular_file(path)).hexdigest() == old.fingerprint
    except TranscriptError:
        same = False
    return _Work(path, stamp, old, not same or companion_changed,
                 notes_changed=old.notes_stamp != stamps.stamp(path))


def _timed(transcript: Transcript) -> bool:
    """Could a companion file give this transcript its chapters? (Timed paragraphs.)"""
    return any(block.kind is BlockKind.PARAGRAPH and block.start_time is not None
               for block in transcript.blocks)


def _index_one(writer: engine.EngineWriter, item: _Work, report: UpdateReport,
               stamps: NotesStamps, companions: CompanionStamps, replace: bool
               ) -> docs.TranscriptRecord:
    """Index one transcript; ``replace``: delete what the index held of it first (not in a
    full build, whose first commit drops every older segment without reading it, so a
    damaged one cannot stop it)."""
    path, old = item.path, item.old
    key = docs.transcript_key(path)
    try:
        companion = companions.stamp(path)  # before reading: a change meanwhile is seen later
        transcript = load_transcript(path)
    except TranscriptError as error:
        return _replace_with_error(writer, item, str(error), report, replace)
    except Exception as error:  # a bug in a reader: one file must not stop the update
        log.exception("indexing %s failed", display_path(path))
        problem = f"could not be read: internal error ({type(error).__name__}: {error})"
        return _replace_with_error(writer, item, str(TranscriptError(path, problem)), report,
                                   replace)
    notes = read_notes(transcript)
    report.errors.extend(notes.problems)
    # The user's chapters join the outline, so passages and notes name them; when they
    # changed since the passages were indexed, the passages are indexed again.
    transcript = with_user_chapters(transcript, notes.user_chapters)
    chapters_stamp = notes.user_chapters_stamp
    text = item.text or old is None or old.user_chapters_stamp != chapters_stamp
    if replace:  # a new file too: an update committed but not recorded may have indexed it
        _delete(writer, key, *(ALL_KINDS if text else (docs.NOTE_KIND, docs.RECORD)))
    passages = old.passages if old is not None and not text else 0
    if text:
        for document in docs.passage_documents(transcript, key):
            writer.add(document)
            passages += 1
        for document in docs.chapter_documents(transcript, key):
            writer.add(document)
    for document in docs.note_documents(transcript, key, notes.annotations,
                                        notes.transcript_note):
        writer.add(document)
    record = _record(path, item.stamp, transcript, passages, stamps.stamp(path))
    record = dataclasses.replace(record, user_chapters_stamp=chapters_stamp,
                                 companion_stamp=companion if _timed(transcript) else "")
    writer.add(docs.record_document(record))
    if old is None:
        report.added.append(path)
    elif text:
        report.changed.append(path)
    elif item.notes_changed:
        report.notes.append(path)
    else:  # touched, same bytes: only the record's stamp changed
        report.unchanged += 1
    return record


def _record(path: Path, stamp: tuple[int, int], transcript: Transcript, passages: int,
            notes: str) -> docs.TranscriptRecord:
    return docs.TranscriptRecord(
        path=str(path), size=stamp[0], mtime_ns=stamp[1], fingerprint=transcript.fingerprint,
        text_hash=transcript.text_hash, reader_version=transcript.reader_version,
        title=transcript.title, show=transcript.show, notes_stamp=notes,
        chapters={c.id: (c.title, c.start_time) for c in transcript.chapters},
        passages=passages)


def _replace_with_error(writer: engine.EngineWriter, item: _Work, error: str,
                        report: UpdateReport, replace: bool) -> docs.TranscriptRecord:
    if replace:
        _delete(writer, docs.transcript_key(item.path), *ALL_KINDS)
    record = docs.TranscriptRecord(path=str(item.path), size=item.stamp[0],
                                   mtime_ns=item.stamp[1], error=error)
    writer.add(docs.record_document(record))
    report.errors.append(error)
    return record


def _delete(writer: engine.EngineWriter, key: str, *kinds: str) -> None:
    for kind in kinds:
        writer.delete_owner(docs.owner(kind, key))
