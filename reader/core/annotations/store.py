"""The highlights and notes of one transcript: what the window and the command line call.

    store = AnnotationStore(transcript)       # transcript.source must be set
    loaded = store.load()                     # read, re-anchor, write back if anything moved
    for line in loaded.messages: ...          # one line each (corrupt file set aside, fallback)
    mark = store.add_highlight(start, end, color="green")
    store.update(mark.id, note="*why* it matters", tags=("scaling",))
    store.save()                              # merge with the file, write it atomically
    if store.changed_on_disk(): store.load()  # another window, the CLI or a sync tool wrote it

Edits change memory only, return the record they made and set ``dirty``; the window saves
(coalescing edits within a second, flushing on quit), the command line saves once. Undo keeps
(before, after) objects: ``delete`` returns the deleted highlight, ``restore(annotation)`` puts
any earlier version back as the newest edit.

``save`` takes the sidecar's lock, re-reads the file if it changed since this store last read
or wrote it, merges (:mod:`.merge`), writes atomically keeping a ``.bak`` (:mod:`.atomic`), and
returns which records came from disk so the view can refresh. If the transcript's folder
cannot be written it saves in the per-user fallback folder and says so once; ``load`` reads
both places and, if the folder became writable, moves the notes back at once (as does any
later save that succeeds beside the transcript). ``changed_on_disk`` compares file stamps,
so a folder watcher can call it on every event and reload only when another writer was at
work.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reader.core.annotations.anchoring import anchor_annotation, place
from reader.core.annotations.atomic import (
    is_name_too_long,
    is_read_only_error,
    name_fits,
    remove_stray_temp_files,
    write_atomic,
)
from reader.core.annotations.merge import Base, base_of, merge
from reader.core.annotations.model import (
    DEFAULT_COLOR,
    Annotation,
    AnnotationDocument,
    TextQuote,
    Tombstone,
    TranscriptIdentity,
    TranscriptNote,
    later_than,
    modified_of,
    new_id,
    reading_order,
    transcript_note_id,
    utc_now,
)
from reader.core.annotations.sidecar import (
    LOCK_TIMEOUT,
    SIDECAR_SUFFIX,
    SidecarError,
    Stamp,
    fallback_sidecar_path,
    lock_for,
    lock_path,
    read_or_recover,
    sidecar_path,
    stamp_of,
)
from reader.core.annotations.w3c import Encoder
from reader.core.errors import display_path, printable
from reader.core.model import Transcript
from reader.core.sections import UserChapter

# A user chapter is anchored by the first words of the paragraph it starts at (this many
# characters at most), as a highlight is by its quote.
CHAPTER_QUOTE_CHARS = 48


@dataclass(frozen=True, slots=True)
class SaveResult:
    path: Path  # where the sidecar was written
    messages: tuple[str, ...] = ()  # one line each: the fallback folder (once), corrupt files
    merged_ids: frozenset[str] = frozenset()  # records taken from disk: refresh these


@dataclass(frozen=True, slots=True)
class LoadResult:
    location: Path | None  # the file read (the fallback's if in use); None: no notes yet
    messages: tuple[str, ...] = ()
    moved: int = 0  # highlights re-anchored to another place (the transcript changed)
    orphaned: int = 0  # highlights whose quote is no longer found
    changed_ids: frozenset[str] = frozenset()  # records that differ from what was in memory
    saved: SaveResult | None = None  # the write-back of new positions, if any


class AnnotationStore:
    def __init__(self, transcript: Transcript, *, sidecar: Path | None = None,
                 fallback: Path | None = None, lock_timeout: float = LOCK_TIMEOUT) -> None:
        if transcript.source is None:
            raise ValueError("a transcript without a file has no sidecar")
        self._transcript = transcript
        self.path = sidecar or sidecar_path(transcript.source)
        self.fallback_path = fallback or fallback_sidecar_path(transcript.source)
        self.lock_timeout = lock_timeout
        self._document = AnnotationDocument(identity=self._identity())
        self._base: Base = {}
        self._seen: dict[Path, Stamp] = {}
        self._dirty = False
        self._encoder = Encoder()
        self._cleaned: set[Path] = set()
        self._told_fallback = False

    # --- reading -----------------------------------------------------------------------

    @property
    def transcript(self) -> Transcript:
        return self._transcript

    @property
    def dirty(self) -> bool:
        """Edits not saved yet."""
        return self._dirty

    @property
    def location(self) -> Path:
        """Where the notes are saved: beside the transcript, or the fallback when in use."""
        return self.fallback_path if self.fallback_path.exists() else self.path

    def annotations(self) -> list[Annotation]:
        """Every highlight, in reading order, orphans last."""
        return reading_order(self._document.annotations())

    def get(self, annotation_id: str) -> Annotation | None:
        record = self._document.records.get(annotation_id)
        return record if isinstance(record, Annotation) else None

    @property
    def transcript_note(self) -> str:
        note = self._document.transcript_note()
        return note.text if note else ""

    def watched_paths(self) -> tuple[Path, Path]:
        """The files whose changes matter (the sidecar and its fallback)."""
        return self.path, self.fallback_path

    def changed_on_disk(self) -> bool:
        """Has another writer replaced a sidecar file since this store last read or wrote?"""
        return any(stamp_of(p) != self._seen.get(p) for p in self.watched_paths())

    # --- edits ---------------------------------------------------------------------------

    def add_highlight(self, start: int, end: int, color: str = DEFAULT_COLOR, note: str = "",
                      tags: Iterable[str] = ()) -> Annotation:
        """A new highlight of ``transcript.text[start:end]`` (ValueError for a bad span)."""
        now = utc_now()
        blank = Annotation(new_id(), TextQuote(""), None, None, color, note, tuple(tags),
                           created=now, modified=now)
        return self._put(place(blank, self._transcript, start, end))

    def update(self, annotation_id: str, *, color: str | None = None, note: str | None = None,
               tags: Iterable[str] | None = None) -> Annotation:
        """Change a highlight's colour, note or tags (KeyError if there is no such one)."""
        current = self._live(annotation_id)
        changed = dataclasses.replace(
            current,
            color=current.color if color is None else color,
            note=current.note if note is None else note,
            tags=current.tags if tags is None else tuple(tags),
            modified=later_than(current.modified))
        return self._put(changed)

    def reattach(self, annotation_id: str, start: int, end: int) -> Annotation:
        """Attach a highlight (typically an orphan) to a new span, keeping its note."""
        current = self._live(annotation_id)
        moved = place(current, self._transcript, start, end)
        return self._put(dataclasses.replace(moved, modified=later_than(current.modified)))

    def delete(self, annotation_id: str) -> Annotation:
        """Delete a highlight or a user chapter (a tombstone is kept); returns it, for undo."""
        current = self._live(annotation_id)
        self._document.records[annotation_id] = Tombstone(
            annotation_id, later_than(current.modified))
        self._dirty = True
        return current

    def restore(self, annotation: Annotation) -> Annotation:
        """Put ``annotation`` (a deleted one, or an earlier version) back as the newest edit."""
        newest = modified_of(annotation)
        if (existing := self._document.records.get(annotation.id)) is not None:
            newest = max(newest, modified_of(existing))
        restored = dataclasses.replace(annotation, modified=later_than(newest))
        return self._put(anchor_annotation(restored, self._transcript, offsets_hold=True))

    def chapter_marks(self) -> list[Annotation]:
        """The user's chapters (records with ``chapter`` set), in reading order."""
        return reading_order(self._document.chapter_marks())

    def user_chapters(self) -> list[UserChapter]:
        """The user's chapters that are found in the text, for ``with_user_chapters``."""
        return [UserChapter(m.id, m.chapter or "", m.start)
                for m in self.chapter_marks() if m.start is not None]

    def add_chapter(self, offset: int, title: str) -> Annotation:
        """A user chapter titled ``title`` starting at the block that holds ``offset``; it is
        anchored by that block's first words."""
        block = self._transcript.blocks[self._transcript.block_index_at(offset)]
        now = utc_now()
        blank = Annotation(new_id(), TextQuote(""), None, None, created=now, modified=now,
                           chapter=title)
        return self._put(place(blank, self._transcript, block.start,
                               block.start + max(1, min(len(block.text), CHAPTER_QUOTE_CHARS))))

    def rename_chapter(self, chapter_id: str, title: str) -> Annotation:
        current = self._live(chapter_id)
        return self._put(dataclasses.replace(current, chapter=title,
                                             modified=later_than(current.modified)))

    def set_transcript_note(self, text: str) -> TranscriptNote:
        current = self._document.transcript_note()
        if current is not None:
            note = dataclasses.replace(current, text=text, modified=later_than(current.modified))
        else:
            note_id = transcript_note_id(self._identity().source)
            previous = self._document.records.get(note_id)
            now = later_than(previous.modified if previous else None)
            note = TranscriptNote(note_id, text, now, now)
        self._document.records[note.id] = note
        self._dirty = True
        return note

    def retarget(self, transcript: Transcript) -> int:
        """The open transcript was re-read (edited on disk): re-anchor onto the new text.
        Returns how many highlights moved or were orphaned; they are saved on the next save."""
        holds = transcript.text_hash == self._transcript.text_hash
        self._transcript = transcript
        changed = self._anchor(self._document, holds)
        self._dirty = self._dirty or changed > 0 or self._document.identity != self._identity()
        self._document.identity = self._identity()
        return changed

    def _live(self, annotation_id: str) -> Annotation:
        record = self.get(annotation_id)
        if record is None:
            raise KeyError(f"no highlight {annotation_id}")
        return record

    def _put(self, annotation: Annotation) -> Annotation:
        self._document.records[annotation.id] = annotation
        self._dirty = True
        return annotation

    # --- disk ----------------------------------------------------------------------------

    def _identity(self) -> TranscriptIdentity:
        t = self._transcript
        name = t.source.name if t.source else ""
        return TranscriptIdentity(name, t.fingerprint, t.text_hash, t.reader_version)

    def _anchor(self, document: AnnotationDocument, offsets_hold: bool | None = None,
                moved: set[str] | None = None) -> int:
        """Anchor ``document``'s highlights onto the transcript; how many changed. The ids of
        those that now sit somewhere else are added to ``moved``."""
        if offsets_hold is None:
            offsets_hold = document.identity.text_hash == self._transcript.text_hash
        changed = 0
        for record_id, record in list(document.records.items()):
            if isinstance(record, Annotation):
                anchored = anchor_annotation(record, self._transcript, offsets_hold=offsets_hold)
                if anchored is not record:
                    document.records[record_id] = anchored
                    changed += 1
                    if moved is not None and not anchored.orphaned and (
                            anchored.start, anchored.end) != (record.start, record.end):
                        moved.add(record_id)
        return changed

    def _fallback_message(self) -> tuple[str, ...]:
        if self._told_fallback:
            return ()
        self._told_fallback = True
        kept = f"are kept in {display_path(self.fallback_path)}"
        transcript = self.path.with_name(self.path.name.removesuffix(SIDECAR_SUFFIX))
        if not self._names_fit_beside():
            return (f"{display_path(transcript)}: the name is too long for a notes file "
                    f"beside it; notes {kept}",)
        return (f"{display_path(self.path.parent)}: the folder cannot be written; notes for "
                f"{printable(transcript.name)} {kept}",)

    def _names_fit_beside(self) -> bool:
        """Do the sidecar's name and its lock's (the longest) fit in a file name?"""
        return name_fits(lock_path(self.path).name)

    def _may_write_beside(self) -> bool:
        """A cheap guess whether a save beside the transcript would work (the save decides:
        a share may refuse writes its permissions allow)."""
        return self._names_fit_beside() and os.access(self.path.parent, os.W_OK)

    def load(self, *, write_back: bool = True) -> LoadResult:
        """Read the sidecar (and the fallback copy), merge it with any unsaved edits, anchor
        every highlight onto the transcript, and save if positions changed (``write_back``)."""
        messages: list[str] = []
        stamps = {p: stamp_of(p) for p in self.watched_paths()}
        copies = {p: read_or_recover(p, messages) for p in self.watched_paths()
                  if stamps[p] is not None}
        found = [(p, c.document) for p, c in copies.items() if c.document is not None]
        recovered = any(c.from_backup for c in copies.values())  # a corrupt file set aside
        if recovered:  # setting it aside is this store's own change, not another writer's
            stamps = {p: stamp_of(p) for p in self.watched_paths()}
        if not found:
            self._seen = stamps
            return LoadResult(None, tuple(messages))
        needs_write = recovered  # the backup's content becomes the sidecar again
        moved: set[str] = set()
        for _, document in found:
            needs_write |= (self._anchor(document, moved=moved) > 0
                            or document.identity != self._identity())
        disk = found[-1][1]
        if len(found) == 2:
            disk = merge(found[1][1], found[0][1], {}).document
        if found[-1][0] == self.fallback_path:
            if write_back and self._may_write_beside():
                needs_write = True  # the folder takes writes again: move the notes back now
            else:
                messages += self._fallback_message()
        # A backup is older than what this store last saw: what it lacks was not removed.
        merged = merge(self._document, disk, {} if recovered else self._base)
        self._document = merged.document
        self._document.identity = self._identity()
        self._base, self._seen = base_of(disk), stamps
        self._dirty = self._dirty or needs_write
        saved = None
        if write_back and needs_write:
            try:
                saved = self.save()
            except SidecarError as error:  # loaded all the same; the next save tries again
                messages.append(str(error))
            else:
                messages += saved.messages
        orphans = sum(1 for a in self._document.annotations() if a.orphaned)
        return LoadResult(found[-1][0], tuple(messages), len(moved & self._document.records.keys()),
                          orphans, frozenset(merged.changed_ids), saved)

    def save(self) -> SaveResult:
        """Merge with what is on disk and write atomically, beside the transcript or, if its
        folder cannot be written, in the fallback folder. Raises SidecarError (one line)."""
        messages: list[str] = []
        try:
            return self._save_to(self.path, messages)
        except OSError as error:  # a read-only folder, or a name too long: use the fallback
            if not (is_read_only_error(error) or is_name_too_long(error)):
                raise SidecarError(self.path, f"cannot be saved ({error.strerror or error})"
                                   ) from None
        try:
            self.fallback_path.parent.mkdir(parents=True, exist_ok=True)
            result = self._save_to(self.fallback_path, messages)
        except OSError as error:
            raise SidecarError(self.fallback_path, f"cannot be saved "
                                                   f"({error.strerror or error})") from None
        return dataclasses.replace(result, messages=result.messages + self._fallback_message())

    def _save_to(self, target: Path, messages: list[str]) -> SaveResult:
        other = self.fallback_path if target == self.path else self.path
        migrate = target == self.path and self.fallback_path.exists()
        merged_ids: set[str] = set()
        with contextlib.ExitStack() as locks:
            locks.enter_context(lock_for(target).hold(self.lock_timeout))
            if migrate:  # moving the notes back beside the transcript: hold both
                locks.enter_context(lock_for(other).hold(self.lock_timeout))
            if target not in self._cleaned:
                remove_stray_temp_files(target)
                self._cleaned.add(target)
            for path in (target, other):
                stamp = stamp_of(path)
                if stamp is None or stamp == self._seen.get(path):
                    continue  # gone, or as this store last saw it: nothing to merge
                disk, from_backup = read_or_recover(path, messages,
                                                    locked=path == target or migrate)
                if disk is not None:
                    self._anchor(disk)
                    base = self._base if path == target and not from_backup else {}
                    merged = merge(self._document, disk, base)
                    self._document = merged.document
                    merged_ids |= merged.changed_ids
            self._document.identity = self._identity()
            write_atomic(target, self._encoder.encode(self._document))
            if migrate:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(other)
            self._seen = {p: stamp_of(p) for p in self.watched_paths()}
        self._base = base_of(self._document)
        self._dirty = False
        return SaveResult(target, tuple(messages), frozenset(merged_ids))
