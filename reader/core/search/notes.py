"""A transcript's highlights, notes and user chapters as the index needs them: read only.

The window's :class:`~reader.core.annotations.AnnotationStore` re-anchors and writes back, and
sets a corrupt sidecar aside; the indexer runs in the background and must not touch the user's
files, so it reads the sidecar (and the per-user fallback copy) here, merges the two as the
store does, and anchors each highlight and user chapter in memory (as
:func:`reader.core.annotations.chapters.read_user_chapters` does, from the same read).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.annotations import Annotation, SidecarError, anchor_annotation
from reader.core.annotations.merge import merge
from reader.core.annotations.sidecar import (
    SIDECAR_SUFFIX,
    fallback_sidecar_path,
    read_document,
    sidecar_path,
    stamp_of,
)
from reader.core.model import Transcript
from reader.core.sections import UserChapter


@dataclass(frozen=True, slots=True)
class TranscriptNotes:
    annotations: list[Annotation] = field(default_factory=list)
    transcript_note: str = ""
    problems: tuple[str, ...] = ()  # one line each: a sidecar that could not be read
    user_chapters: list[UserChapter] = field(default_factory=list)  # found in the text

    @property
    def user_chapters_stamp(self) -> str:
        """Changes when a user chapter is added, renamed, moved or deleted ("" for none)."""
        if not self.user_chapters:
            return ""
        marks = sorted((c.start, c.id, c.title) for c in self.user_chapters)
        return hashlib.sha256(json.dumps(marks).encode("utf-8", "surrogatepass")).hexdigest()[:16]


class NotesStamps:
    """What each transcript's sidecar files look like now (they change with every save).

    Cheap for a library of thousands: each transcript folder is listed once, and only a
    sidecar found there costs a ``stat``; the per-user fallback folder is listed once, and
    only a transcript with a file there pays for its fallback path (which resolves and hashes
    the path). A sidecar saved after its folder was listed is seen by the next update."""

    def __init__(self) -> None:
        folder = fallback_sidecar_path(Path("x")).parent
        try:
            self._fallbacks = {name.partition(".")[0] for name in os.listdir(folder)}
        except OSError:
            self._fallbacks = set()
        self._listed: dict[str, set[str] | None] = {}  # None: the folder cannot be listed

    def stamp(self, transcript_path: Path) -> str:
        folder, name = os.path.split(os.fspath(transcript_path))
        sidecar = name + SIDECAR_SUFFIX
        names = self._names(folder)
        parts = ["-" if names is not None and sidecar not in names
                 else _stamp_text(sidecar_path(transcript_path))]
        if name.partition(".")[0] in self._fallbacks:
            parts.append(_stamp_text(fallback_sidecar_path(transcript_path)))
        return "|".join(parts)

    def _names(self, folder: str) -> set[str] | None:
        if folder not in self._listed:
            try:
                self._listed[folder] = set(os.listdir(folder or "."))
            except OSError:
                self._listed[folder] = None
        return self._listed[folder]


def _stamp_text(path: Path) -> str:
    stamp = stamp_of(path)
    return "-" if stamp is None else ":".join(map(str, stamp))


def read_notes(transcript: Transcript) -> TranscriptNotes:
    if transcript.source is None:
        return TranscriptNotes()
    problems: list[str] = []
    found = []
    for path in (sidecar_path(transcript.source), fallback_sidecar_path(transcript.source)):
        try:
            document = read_document(path)
        except SidecarError as error:
            problems.append(f"{error} (its notes are not searchable until it is fixed)")
            continue
        if document is not None:
            found.append(document)
    if not found:
        return TranscriptNotes(problems=tuple(problems))
    document = found[0] if len(found) == 1 else merge(found[1], found[0], {}).document
    holds = document.identity.text_hash == transcript.text_hash
    annotations = [anchor_annotation(a, transcript, offsets_hold=holds)
                   for a in document.annotations()]
    marks = [anchor_annotation(m, transcript, offsets_hold=holds)
             for m in document.chapter_marks()]
    chapters = [UserChapter(m.id, m.chapter or "", m.start) for m in marks if m.start is not None]
    note = document.transcript_note()
    return TranscriptNotes(annotations, note.text if note else "", tuple(problems), chapters)
