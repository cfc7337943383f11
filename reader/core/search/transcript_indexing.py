"""Indexing one transcript: what to do with it (:func:`plan`) and doing it (:func:`index_one`).

Shared by the update (:mod:`.indexer`) and the second process of a full build
(:mod:`.build_helper`): each adds the transcript's documents to its own writer and returns
the record the manifest keeps.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from reader.core.companions import NOT_DIVIDABLE, given_when_read
from reader.core.errors import TranscriptError, display_path
from reader.core.formats import READER_TAGS, load_transcript
from reader.core.formats.decode import read_regular_file
from reader.core.model import BlockKind, Transcript
from reader.core.search import documents as docs
from reader.core.search.companion_stamps import CompanionStamps
from reader.core.search.notes import NotesStamps, read_notes

log = logging.getLogger("reader.core.search.indexer")

CURRENT_READERS = READER_TAGS


class Writer(Protocol):
    """Where a transcript's documents go (:class:`~.engine.writer.EngineWriter`, or
    :class:`~.engine.writer.SegmentBuilder`, which only adds)."""

    def add(self, document: docs.IndexDocument) -> None: ...

    def delete_owner(self, owner: str) -> None: ...


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
    untidy: bool = False  # small segments to merge: call indexer.tidy() (after searching)

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
class Work:
    path: Path
    stamp: tuple[int, int]
    old: docs.TranscriptRecord | None
    text: bool  # passages (and everything else) again; False: notes and record only
    notes_changed: bool = True
    # False: nothing the index holds changes, only the stamps the manifest keeps (a file
    # touched, a companion whose chapters are the same): the file is not even read.
    read: bool = True


ALL_KINDS = (docs.PASSAGE, docs.NOTE_KIND, docs.CHAPTER_KIND, docs.RECORD)


def plan(path: Path, stamp: tuple[int, int], old: docs.TranscriptRecord | None,
         stamps: NotesStamps, companions: CompanionStamps) -> Work | None:
    if old is None:
        return Work(path, stamp, None, True)
    stale_reader = old.error is None and old.reader_version not in CURRENT_READERS
    moved = bool(old.companion_stamp) and companions.moved(path, old.companion_stamp,
                                                           old.companion_files)
    if (old.size, old.mtime_ns) == stamp and not stale_reader:
        if old.error is not None:
            return None
        if moved and not _same_chapters(path, old, companions):
            return Work(path, stamp, old, True)
        if old.notes_stamp != stamps.stamp(path):
            return Work(path, stamp, old, False)
        # A record of an older version names no companion files: now it does, once.
        unnamed = bool(old.companion_stamp) and old.companion_files is None
        return Work(path, stamp, old, False, False, read=False) if moved or unnamed else None
    if stale_reader or old.error is not None or not old.fingerprint:
        return Work(path, stamp, old, True)
    try:
        same = hashlib.sha256(read_regular_file(path)).hexdigest() == old.fingerprint
    except TranscriptError:
        same = False
    chapters = same and moved and not _same_chapters(path, old, companions)
    notes = old.notes_stamp != stamps.stamp(path)
    if same and not chapters and not notes:  # touched, or copied back
        return Work(path, stamp, old, False, False, read=False)
    return Work(path, stamp, old, not same or chapters, notes_changed=notes)


def _same_chapters(path: Path, old: docs.TranscriptRecord, companions: CompanionStamps
                   ) -> bool:
    """Does the companion give the transcript the same chapters as when it was indexed?"""
    if old.companion_chapters == NOT_DIVIDABLE:  # its own chapters, or no times
        return True
    return bool(old.companion_chapters) and (
        companions.chapters_given(path, old.title) == old.companion_chapters)


def restamped(item: Work, companions: CompanionStamps) -> docs.TranscriptRecord:
    """The record of a transcript whose index documents stay as they are (``item.read`` is
    False): its new size, time and companion stamp."""
    assert item.old is not None
    if not item.old.companion_stamp:
        return dataclasses.replace(item.old, size=item.stamp[0], mtime_ns=item.stamp[1])
    companion, files = companions.stamp_and_files(item.path)
    return dataclasses.replace(item.old, size=item.stamp[0], mtime_ns=item.stamp[1],
                               companion_stamp=companion, companion_files=files)


def _timed(transcript: Transcript) -> bool:
    """Could a companion file give this transcript its chapters? (Timed paragraphs.)"""
    return any(block.kind is BlockKind.PARAGRAPH and block.start_time is not None
               for block in transcript.blocks)


def index_one(writer: Writer, item: Work, report: UpdateReport,
               stamps: NotesStamps, companions: CompanionStamps, replace: bool
               ) -> docs.TranscriptRecord:
    """Index one transcript; ``replace``: delete what the index held of it first (not in a
    full build, whose first commit drops every older segment without reading it, so a
    damaged one cannot stop it)."""
    path, old = item.path, item.old
    key = docs.transcript_key(path)
    try:
        # Before reading: a change meanwhile is seen later.
        companion, companion_files = companions.stamp_and_files(path)
        transcript = load_transcript(path)
    except TranscriptError as error:
        return _replace_with_error(writer, item, str(error), report, replace)
    except Exception as error:  # a bug in a reader: one file must not stop the update
        log.exception("indexing %s failed", display_path(path))
        problem = f"could not be read: internal error ({type(error).__name__}: {error})"
        return _replace_with_error(writer, item, str(TranscriptError(path, problem)), report,
                                   replace)
    timed = _timed(transcript)
    given = given_when_read(path) if timed else ""
    notes = read_notes(transcript)
    report.errors.extend(notes.problems)
    # The user's chapters join the outline, so passages and notes name them; when they
    # changed since the passages were indexed, the passages are indexed again. So are they
    # when the companion's chapters changed since (only now seen: changed meanwhile).
    from reader.core.sections import with_user_chapters  # only when a file is read: its
    # import (regular expressions) would be paid by every search that finds nothing changed

    transcript = with_user_chapters(transcript, notes.user_chapters)
    chapters_stamp = notes.user_chapters_stamp
    text = (item.text or old is None or old.user_chapters_stamp != chapters_stamp
            or old.companion_chapters != given)
    if replace:  # a new file too: an update committed but not recorded may have indexed it
        delete(writer, key, *(ALL_KINDS if text else (docs.NOTE_KIND, docs.RECORD)))
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
                                 companion_stamp=companion if timed else "",
                                 companion_files=companion_files if timed else None,
                                 companion_chapters=given)
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


def _replace_with_error(writer: Writer, item: Work, error: str,
                        report: UpdateReport, replace: bool) -> docs.TranscriptRecord:
    if replace:
        delete(writer, docs.transcript_key(item.path), *ALL_KINDS)
    record = docs.TranscriptRecord(path=str(item.path), size=item.stamp[0],
                                   mtime_ns=item.stamp[1], error=error)
    writer.add(docs.record_document(record))
    report.errors.append(error)
    return record


def delete(writer: Writer, key: str, *kinds: str) -> None:
    for kind in kinds:
        writer.delete_owner(docs.owner(kind, key))
