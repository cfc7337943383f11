"""The user's chapters of a transcript, read only: for the command line and the index.

The window's :class:`~reader.core.annotations.AnnotationStore` anchors, merges and writes
back; a reader that must not touch the user's files (``chapters`` on the command line, the
search index) reads the sidecar and its per-user fallback copy here, merges the two as the
store does, and anchors each chapter in memory.
"""

from __future__ import annotations

from reader.core.annotations.anchoring import anchor_annotation
from reader.core.annotations.merge import merge
from reader.core.annotations.sidecar import (
    SidecarError,
    fallback_sidecar_path,
    read_document,
    sidecar_path,
)
from reader.core.model import Transcript
from reader.core.sections import UserChapter


def read_user_chapters(transcript: Transcript) -> list[UserChapter]:
    """The user's chapters that are found in ``transcript``'s text; none when the sidecar is
    missing or cannot be read (the notes commands say why)."""
    if transcript.source is None:
        return []
    found = []
    for path in (sidecar_path(transcript.source), fallback_sidecar_path(transcript.source)):
        try:
            document = read_document(path)
        except SidecarError:
            continue
        if document is not None:
            found.append(document)
    if not found:
        return []
    document = found[0] if len(found) == 1 else merge(found[1], found[0], {}).document
    holds = document.identity.text_hash == transcript.text_hash
    marks = [anchor_annotation(m, transcript, offsets_hold=holds)
             for m in document.chapter_marks()]
    return [UserChapter(m.id, m.chapter or "", m.start)
            for m in marks if m.start is not None]
