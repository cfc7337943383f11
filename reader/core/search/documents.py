"""What goes into the index for one transcript: passages, notes, chapters and a record.

- A **passage** is a place to go: a heading, summary, bullet or paragraph, with its display-text
  offsets, start time, speaker and chapter. Paragraphs shorter than :data:`PASSAGE_CHARS` (cue
  lines, "Yeah.") are joined with the paragraphs after them, within one chapter and one
  speaker, until the passage is that long: a hit still points within a few lines, and the
  index holds a few times fewer, more meaningful documents. A long paragraph merged from
  cues is cut at cue starts into passages about that long, so a hit's time is the time of the
  cue it starts at (``Transcript.time_at``), not of a paragraph that may have begun minutes
  before; a stretch still longer than twice that (one huge cue, a long untimed paragraph) is
  cut at spaces, so no passage is longer than about twice :data:`PASSAGE_CHARS`. The
  "0:00 – 7:01" line under a heading is no passage.
- A **note** is one highlight: its quote, note text and tags, at the highlight's offsets (an
  orphaned highlight keeps its note searchable, at offset 0). The note on the whole transcript
  is a note too.
- A **chapter** document carries a chapter's title, so ``chapter:`` can find passages by the
  chapter they are in; the transcript **record** carries its title (for ``title:``), where it
  came from (path, size, modification time, the fingerprint, text hash and reader version,
  the stamps of its notes, of the user's chapters and of its companion chapters file) and the
  chapter titles, so a hit can say where it is and an update can tell what changed.

Every document has an ``owner``: ``p:``, ``n:``, ``c:`` or ``m:`` and the transcript's key, so
a transcript's passages, notes, chapters and record can each be replaced on their own.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.annotations.model import Annotation
from reader.core.model import Block, BlockKind, Transcript
from reader.core.search.text import tag_key

PASSAGE_CHARS = 240

# Field names (the engine's schema has these and no others).
OWNER = "owner"  # "<kind>:<transcript key>"
CHAPTER_KEY = "ckey"  # "<transcript key>/<chapter id>", on passages and notes in a chapter
BODY = "body"  # passage text; a note's quote
NOTE = "note"  # a note's text
TAG = "tag"  # a note's tags, each folded whole (text.tag_key)
SPEAKER = "speaker"
TITLE = "title"  # on the transcript record
CHAPTER = "chapter"  # on chapter documents
DATA = "data"  # stored, not indexed: what a hit needs to show itself

PASSAGE, NOTE_KIND, CHAPTER_KIND, RECORD = "p", "n", "c", "m"


@dataclass(frozen=True, slots=True)
class IndexDocument:
    owner: str
    text: dict[str, str]  # indexed fields
    data: dict[str, Any]  # stored


@dataclass(frozen=True, slots=True)
class TranscriptRecord:
    """What the index knows about one transcript file (also files that could not be read)."""

    path: str
    size: int
    mtime_ns: int
    fingerprint: str = ""
    text_hash: str = ""
    reader_version: str = ""
    title: str = ""
    show: str | None = None
    notes_stamp: str = ""  # the sidecar files' stamps when the notes were indexed
    # A hash of the user's chapters in the sidecar when the passages were indexed: a saved
    # sidecar whose chapters changed re-indexes the passages, one with new notes only not.
    user_chapters_stamp: str = ""
    # The companion stamp (reader.core.companions.companion_stamp) when the transcript was
    # indexed, for a timed transcript (whose chapters a companion file may give); "" otherwise.
    companion_stamp: str = ""
    # What the passages took from the companion then (reader.core.companions.chapters_given;
    # "" unknown): a companion whose stamp moved but whose chapters are the same does not
    # make the transcript be read again.
    companion_chapters: str = ""
    companion_files: tuple[str, ...] | None = None  # the names companion_stamp is made of
    error: str | None = None  # why the file could not be read (it is tried again once it
    # changes)
    chapters: dict[str, tuple[str, float | None]] = field(default_factory=dict)
    passages: int = 0

    @property
    def key(self) -> str:
        return transcript_key(self.path)

    def as_data(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}

    def stamp_data(self) -> dict[str, Any]:
        """What an update needs to know (not the show and chapter titles, which only hits
        show; the title finds the companion outline)."""
        return {name: getattr(self, name) for name in self.__slots__
                if name not in ("show", "chapters")}

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> TranscriptRecord:
        known = {name: data[name] for name in cls.__slots__ if name in data}
        known["chapters"] = {k: (v[0], v[1]) for k, v in known.get("chapters", {}).items()}
        if known.get("companion_files") is not None:
            known["companion_files"] = tuple(known["companion_files"])
        return cls(**known)


def transcript_key(path: str | Path) -> str:
    """A short, stable name for a transcript's resolved path (any bytes a file name holds)."""
    return hashlib.sha256(os.fsencode(path)).hexdigest()[:20]


def owner(kind: str, key: str) -> str:
    return f"{kind}:{key}"


def record_document(record: TranscriptRecord) -> IndexDocument:
    text = {TITLE: record.title} if record.title else {}
    return IndexDocument(owner(RECORD, record.key), text, record.as_data())


def chapter_documents(transcript: Transcript, key: str) -> Iterator[IndexDocument]:
    for chapter in transcript.chapters:
        yield IndexDocument(owner(CHAPTER_KIND, key), {CHAPTER: chapter.title},
                            {"ckey": f"{key}/{chapter.id}"})


def passage_documents(transcript: Transcript, key: str) -> Iterator[IndexDocument]:
    """The transcript's passages, in reading order."""
    for group in _passages(transcript):
        first, last = group[0], group[-1]
        chapter_index = transcript.chapter_index_at(first.start)
        chapter_id = transcript.chapters[chapter_index].id if chapter_index is not None else None
        body = transcript.text[first.start:last.end]
        speaker = transcript.speaker_at(first.start)
        text = {BODY: body}
        if speaker:
            text[SPEAKER] = speaker
        if chapter_id:
            text[CHAPTER_KEY] = f"{key}/{chapter_id}"
        yield IndexDocument(owner(PASSAGE, key), text, {
            "start": first.start, "end": last.end, "time": _time_at(transcript, first.start),
            "speaker": speaker, "chapter": chapter_id, "text": body,
        })


@dataclass(frozen=True, slots=True)
class _Piece:
    """A block, or a run of cues of a long paragraph (display-text offsets)."""

    block: Block
    start: int
    end: int


def _passages(transcript: Transcript) -> Iterator[list[_Piece]]:
    group: list[_Piece] = []
    for piece in _pieces(transcript):
        block = piece.block
        joins = (group and block.kind is BlockKind.PARAGRAPH
                 and group[-1].block.kind is BlockKind.PARAGRAPH
                 and piece.start - group[0].start < PASSAGE_CHARS
                 and block.speaker == group[0].block.speaker
                 and transcript.chapter_index_at(piece.start)
                 == transcript.chapter_index_at(group[0].start))
        if group and not joins:
            yield group
            group = []
        group.append(piece)
    if group:
        yield group


def _pieces(transcript: Transcript) -> Iterator[_Piece]:
    """Each block that can be a passage; a paragraph of more than twice :data:`PASSAGE_CHARS`
    cut at the cue starts after each :data:`PASSAGE_CHARS`, leaving no piece under half of it
    at its end, and a stretch between cue starts still longer than that cut at spaces."""
    span_starts = [span.start for span in transcript.spans]
    for block in transcript.blocks:
        if block.kind is BlockKind.TIMESPAN or not block.text.strip():
            continue
        start = block.start
        if block.kind is BlockKind.PARAGRAPH and len(block.text) > 2 * PASSAGE_CHARS:
            first = bisect.bisect_right(span_starts, block.start)
            last = bisect.bisect_left(span_starts, block.end)
            for cue_start in span_starts[first:last]:
                if (cue_start - start >= PASSAGE_CHARS
                        and block.end - cue_start >= PASSAGE_CHARS // 2):
                    cut = (cue_start - 1 if _space_before(transcript.text, cue_start)
                           else cue_start)
                    for begin, end in _cut_at_words(transcript.text, start, cut):
                        yield _Piece(block, begin, end)
                    start = cue_start
        for begin, end in _cut_at_words(transcript.text, start, block.end):
            yield _Piece(block, begin, end)


def _cut_at_words(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``text[start:end]`` (a cue run) in pieces of at most twice :data:`PASSAGE_CHARS`, cut
    after each :data:`PASSAGE_CHARS` at the next space: a cue of a megabyte with no cue start
    inside is no megabyte-long passage, whose hits and snippets are slow to build."""
    while end - start > 2 * PASSAGE_CHARS:
        found = _SPACE.search(text, start + PASSAGE_CHARS, start + 2 * PASSAGE_CHARS)
        cut = found.start() if found else start + PASSAGE_CHARS  # no space: cut in the word
        yield start, cut
        start = found.end() if found else cut
    if end > start:
        yield start, end


_SPACE = re.compile(r"\s+")


def _space_before(text: str, offset: int) -> bool:
    return offset > 0 and text[offset - 1] == " "


def _time_at(transcript: Transcript, offset: int) -> float | None:
    """When the words at ``offset`` are spoken; else its chapter's start time, when known."""
    seconds = transcript.time_at(offset)
    if seconds is not None:
        return seconds
    index = transcript.chapter_index_at(offset)
    return transcript.chapters[index].start_time if index is not None else None


def note_documents(transcript: Transcript, key: str, annotations: list[Annotation],
                   transcript_note: str) -> Iterator[IndexDocument]:
    if transcript_note.strip():
        yield IndexDocument(owner(NOTE_KIND, key), {NOTE: transcript_note}, {
            "start": 0, "end": 0, "time": None, "chapter": None, "text": "",
            "note": transcript_note, "tags": [], "annotation": None, "color": None,
        })
    for annotation in annotations:
        start = annotation.start if not annotation.orphaned else None
        chapter_id = time = None
        if start is not None:
            index = transcript.chapter_index_at(start)
            chapter_id = transcript.chapters[index].id if index is not None else None
            time = _time_at(transcript, start) if transcript.blocks else None
        text: dict[str, str] = {BODY: annotation.exact}
        if annotation.note.strip():
            text[NOTE] = annotation.note
        tags = [key_ for key_ in (tag_key(t) for t in annotation.tags) if key_]
        if tags:
            text[TAG] = ",".join(tags)
        if chapter_id:
            text[CHAPTER_KEY] = f"{key}/{chapter_id}"
        yield IndexDocument(owner(NOTE_KIND, key), text, {
            "start": start if start is not None else 0,
            "end": annotation.end if start is not None else 0,
            "time": time, "chapter": chapter_id, "text": annotation.exact,
            "note": annotation.note, "tags": list(annotation.tags),
            "annotation": annotation.id, "color": annotation.color,
            "orphaned": start is None,
        })
