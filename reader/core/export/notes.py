"""What an export is made of: one transcript with its highlights and notes, as read from disk.

:class:`NotesStore` is the annotation store the app uses (same sidecar, same lock, same atomic
write with a backup), with the two things export and import need on top: every live record
as stored (for a lossless JSON export) and taking in records from an export by id, keeping
each record's own ``modified`` time so the newer copy wins and nothing looks edited just
because it was imported.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reader.core.annotations import AnnotationStore, anchor_annotation, fallback_sidecar_path
from reader.core.annotations import sidecar_path as beside
from reader.core.annotations.model import (
    LATEST,
    NEVER,
    Annotation,
    Record,
    Tombstone,
    TranscriptNote,
    modified_of,
)
from reader.core.formats import load_transcript
from reader.core.model import Transcript


@dataclass(frozen=True, slots=True)
class TranscriptNotes:
    """One transcript's notes as an export sees them."""

    transcript: Transcript
    annotations: tuple[Annotation, ...]  # reading order, orphans last
    transcript_note: TranscriptNote | None = None
    records: tuple[Record, ...] = ()  # every live record, as stored (the JSON export)

    @property
    def source_name(self) -> str:
        source = self.transcript.source
        return source.name if source is not None else ""

    @property
    def note_text(self) -> str:
        return self.transcript_note.text.strip() if self.transcript_note else ""

    @property
    def empty(self) -> bool:
        return not self.annotations and not self.note_text

    def newest(self, until: datetime = LATEST) -> datetime | None:
        """The newest ``modified`` of what is exported, not after ``until`` (None if nothing
        says when)."""
        exported: list[Annotation | TranscriptNote] = list(self.annotations)
        if self.note_text and self.transcript_note is not None:
            exported.append(self.transcript_note)
        moments = [m for m in (r.modified for r in exported)
                   if m is not None and NEVER < m <= until]
        return max(moments) if moments else None


@dataclass(frozen=True, slots=True)
class MergeCount:
    added: int = 0
    updated: int = 0
    unchanged: int = 0  # the copy here is as new or newer (or was deleted later)


class NotesStore(AnnotationStore):
    def live_records(self) -> list[Record]:
        """Every record but deletions: highlights, the transcript note, other tools' entries."""
        return [r for r in self._document.records.values() if not isinstance(r, Tombstone)]

    def transcript_note_record(self) -> TranscriptNote | None:
        return self._document.transcript_note()

    def notes(self) -> TranscriptNotes:
        return TranscriptNotes(self.transcript, tuple(self.annotations()),
                               self.transcript_note_record(), tuple(self.live_records()))

    def merge_in(self, records: Iterable[Record], *, offsets_hold: bool) -> MergeCount:
        """Take each record whose ``modified`` is newer than the copy here (or that is not
        here), anchored onto this transcript; saved by the next ``save()``.
        ``offsets_hold``: the records' offsets were taken from this very display text."""
        added = updated = unchanged = 0
        for record in records:
            held = self._document.records.get(record.id)
            if held is not None and modified_of(record) <= modified_of(held):
                unchanged += 1
                continue
            if isinstance(record, Annotation):
                record = anchor_annotation(record, self.transcript, offsets_hold=offsets_hold)
            self._document.records[record.id] = record
            self._dirty = True
            if held is None or isinstance(held, Tombstone):
                added += 1
            else:
                updated += 1
        return MergeCount(added, updated, unchanged)


def has_notes(transcript_path: Path) -> bool:
    """Could this transcript have notes? (A sidecar beside it or in the fallback folder.)
    Checked before parsing, so exporting a large library reads only annotated transcripts."""
    return beside(transcript_path).exists() or fallback_sidecar_path(transcript_path).exists()


def load_notes(transcript_path: Path, messages: list[str] | None = None) -> TranscriptNotes:
    """The transcript and its notes, read (and re-anchored) without writing anything.
    Raises TranscriptError (one line) when the transcript or its sidecar cannot be read."""
    store = NotesStore(load_transcript(transcript_path))
    loaded = store.load(write_back=False)
    if messages is not None:
        messages.extend(loaded.messages)
    return store.notes()


def library_order(notes: Sequence[TranscriptNotes]) -> list[TranscriptNotes]:
    """As the library lists them: by show, then title, then file."""
    return sorted(notes, key=lambda n: ((n.transcript.show or "").casefold(),
                                        n.transcript.title.casefold(),
                                        str(n.transcript.source)))
