"""The transcript model: one display text, one coordinate system.

A reader turns a source file into a :class:`Transcript`: metadata plus an ordered list of
:class:`Block` objects (what the user sees as one heading, paragraph or bullet). The display
text is the blocks' texts joined by ``"\\n"``. Every position anywhere in the app (chapters,
search hits, highlights, the remembered reading position) is a code-point offset into that
display text; Qt's UTF-16 positions are converted in :mod:`reader.core.textpos` only.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path


class BlockKind(StrEnum):
    TITLE = "title"
    HEADING = "heading"  # a chapter heading
    TIMESPAN = "timespan"  # the "0:00 – 7:01" line under a timed heading
    SUMMARY = "summary"
    BULLET = "bullet"
    PARAGRAPH = "paragraph"


# Block.role of an interviewer's turn, which the reader shows in a quiet style.
INTERVIEWER = "interviewer"


class ChapterKind(StrEnum):
    SOURCE = "source"  # written in the source file
    AUTO = "auto"  # made by the app for a transcript without chapters
    USER = "user"  # made by the user, stored in the sidecar


@dataclass(frozen=True, slots=True)
class CueSpan:
    """One timed piece of a block (a subtitle cue, a Whisper segment), with offsets relative to
    the block's text: a paragraph merged from many cues keeps every cue's time and speaker."""

    start: int
    end: int
    start_time: float | None = None
    end_time: float | None = None
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class TimedSpan:
    """A :class:`CueSpan` placed in the display text (absolute offsets)."""

    start: int
    end: int
    start_time: float | None = None
    end_time: float | None = None
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class BlockSpec:
    """A block as a reader produces it, before offsets are known."""

    kind: BlockKind
    text: str
    start_time: float | None = None
    end_time: float | None = None
    speaker: str | None = None
    cues: tuple[CueSpan, ...] = ()
    role: str | None = None  # INTERVIEWER: an interviewer's turn (labelled or detected)


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    text: str
    start: int  # code-point offset of the first character in the display text
    start_time: float | None = None
    end_time: float | None = None
    speaker: str | None = None
    role: str | None = None

    @property
    def end(self) -> int:
        """Offset one past the last character (the separating newline is not included)."""
        return self.start + len(self.text)


@dataclass(frozen=True, slots=True)
class Chapter:
    title: str
    block_index: int  # the block where the chapter starts (its heading, if it has one)
    start: int  # display-text offset of that block
    start_time: float | None = None
    end_time: float | None = None
    kind: ChapterKind = ChapterKind.SOURCE
    # Stable across re-reads of the same file and across reader versions that keep the
    # chapter's title: the sidebar, search and export name a chapter by id, never by row.
    id: str = ""


@dataclass(frozen=True, slots=True)
class ChapterSpec:
    title: str
    block_index: int
    start_time: float | None = None
    end_time: float | None = None
    kind: ChapterKind = ChapterKind.SOURCE
    id: str = ""  # empty: derived from kind and title (user chapters bring their own)


# Characters that end a line for Python's str.splitlines() or split a block in Qt. Decoding maps
# them to "\n", so a block's text never holds one and Qt's document text equals the display text.
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


@dataclass(frozen=True)
class Transcript:
    title: str
    show: str | None
    format: str  # the reader that produced it, e.g. "chapter-outline", "raw-text"
    source: Path | None
    fingerprint: str  # sha256 of the source bytes, so annotations can tell the file changed
    blocks: tuple[Block, ...]
    chapters: tuple[Chapter, ...] = field(default=())
    # "<reader name>/<version>": the version changes whenever the reader's output for the same
    # bytes may change (reflow rules, sentence splitter), so stored offsets know what they meant.
    reader_version: str = ""
    # What the user should know about how the file was read ("2 bytes that are not UTF-8 were
    # replaced", "chapter 3: 7:75 is not a time"): shown beside the transcript, never fatal.
    notes: tuple[str, ...] = ()
    # Sorted, non-overlapping timed pieces of the text (cues merged into paragraphs keep their
    # own times here); empty for untimed transcripts. See time_at / speaker_at.
    spans: tuple[TimedSpan, ...] = ()

    @cached_property
    def text(self) -> str:
        """The display text: every block's text, joined by newlines."""
        return "\n".join(block.text for block in self.blocks)

    @cached_property
    def text_hash(self) -> str:
        """sha256 of the display text: while it is unchanged, every stored offset still holds
        (the source fingerprint alone cannot say so: the same bytes read by a newer reader may
        give a different display text)."""
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()

    @cached_property
    def _span_starts(self) -> list[int]:
        return [span.start for span in self.spans]

    def span_at(self, offset: int) -> TimedSpan | None:
        """The timed span containing ``offset`` (or, between two spans of one paragraph, the one
        before it); None when no span covers the offset's block."""
        index = bisect.bisect_right(self._span_starts, offset) - 1
        if index < 0 or not self.blocks:
            return None
        span = self.spans[index]
        block = self.blocks[self.block_index_at(offset)]
        return span if block.start <= span.start <= block.end else None

    def time_at(self, offset: int) -> float | None:
        """When the words at ``offset`` are spoken: its cue's start time, else its block's."""
        span = self.span_at(offset)
        if span is not None and span.start_time is not None:
            return span.start_time
        return self.blocks[self.block_index_at(offset)].start_time if self.blocks else None

    def speaker_at(self, offset: int) -> str | None:
        """Who speaks the words at ``offset``: its cue's speaker, else its block's."""
        span = self.span_at(offset)
        if span is not None and span.speaker is not None:
            return span.speaker
        return self.blocks[self.block_index_at(offset)].speaker if self.blocks else None

    def chapter_by_id(self, chapter_id: str) -> int | None:
        """Index of the chapter with this id, or None."""
        return next((i for i, c in enumerate(self.chapters) if c.id == chapter_id), None)

    @cached_property
    def _block_starts(self) -> list[int]:
        return [block.start for block in self.blocks]

    def block_index_at(self, offset: int) -> int:
        """Index of the block containing ``offset`` (a newline belongs to the block before it)."""
        if not self.blocks:
            raise ValueError("transcript has no blocks")
        return max(0, bisect.bisect_right(self._block_starts, offset) - 1)

    @cached_property
    def _chapter_starts(self) -> list[int]:
        return [chapter.start for chapter in self.chapters]

    def chapter_index_at(self, offset: int) -> int | None:
        """Index of the chapter that contains ``offset``; None before the first chapter."""
        index = bisect.bisect_right(self._chapter_starts, offset) - 1
        return index if index >= 0 else None

    def next_chapter(self, offset: int) -> int | None:
        """The chapter after the one containing ``offset`` (the first, before any); None at the
        last chapter."""
        current = self.chapter_index_at(offset)
        target = 0 if current is None else current + 1
        return target if target < len(self.chapters) else None

    def previous_chapter(self, offset: int, slack: int = 40) -> int | None:
        """Where "back" goes from ``offset``: the start of the current chapter if the reader is
        more than ``slack`` characters into it (as a music player restarts the track), else the
        chapter before. None means the start of the transcript."""
        current = self.chapter_index_at(offset)
        if current is None:
            return None
        if offset - self.chapters[current].start > slack:
            return current
        return current - 1 if current > 0 else None

    def chapter_text(self, index: int) -> str:
        """The chapter's body: its blocks after the heading and time line, up to the next one."""
        chapter = self.chapters[index]
        end = (
            self.chapters[index + 1].block_index
            if index + 1 < len(self.chapters)
            else len(self.blocks)
        )
        body = [
            block.text
            for block in self.blocks[chapter.block_index : end]
            if block.kind not in (BlockKind.HEADING, BlockKind.TIMESPAN, BlockKind.TITLE)
        ]
        return " ".join(body)

    def excerpt(self, index: int, limit: int = 80) -> str:
        """The first ~``limit`` characters of a chapter's text, cut at a word boundary."""
        body = self.chapter_text(index)
        if len(body) <= limit:
            return body
        cut = body.rfind(" ", 0, limit + 1)
        return body[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + "…"


def build_transcript(
    *,
    title: str,
    show: str | None,
    format: str,
    source: Path | None,
    fingerprint: str,
    blocks: Sequence[BlockSpec],
    chapters: Sequence[ChapterSpec] = (),
    reader_version: str = "",
    notes: Sequence[str] = (),
) -> Transcript:
    """Assign offsets to blocks and chapters; the only way readers create a Transcript.

    Checks the invariants everything downstream relies on: a block is one line (so the display
    text splits back into exactly these blocks, in Python and in Qt), and chapters are in
    reading order with distinct ids (so ``chapter_index_at`` can bisect)."""
    placed: list[Block] = []
    spans: list[TimedSpan] = []
    offset = 0
    for spec in blocks:
        if not LINE_BREAKS.isdisjoint(spec.text):
            raise ValueError(f"block text must be one line: {spec.text[:40]!r}")
        placed.append(
            Block(spec.kind, spec.text, offset, spec.start_time, spec.end_time, spec.speaker,
                  spec.role)
        )
        spans.extend(_place_cues(spec, offset, spans[-1].end if spans else 0))
        offset += len(spec.text) + 1
    return Transcript(title, show, format, source, fingerprint, tuple(placed),
                      place_chapters(placed, chapters), reader_version, tuple(notes),
                      tuple(spans))


def _place_cues(spec: BlockSpec, offset: int, previous_end: int) -> list[TimedSpan]:
    """The block's cues in display-text offsets; refuses cues outside the block or out of order
    (time_at bisects them)."""
    placed: list[TimedSpan] = []
    for cue in spec.cues:
        if not 0 <= cue.start <= cue.end <= len(spec.text):
            raise ValueError(f"cue {cue.start}-{cue.end} lies outside its block "
                             f"({len(spec.text)} characters): {spec.text[:40]!r}")
        if offset + cue.start < previous_end:
            raise ValueError(f"cues overlap or are out of order in {spec.text[:40]!r}")
        placed.append(TimedSpan(offset + cue.start, offset + cue.end, cue.start_time,
                                cue.end_time, cue.speaker))
        previous_end = offset + cue.end
    return placed


def place_chapters(blocks: Sequence[Block], chapters: Sequence[ChapterSpec]) -> tuple[Chapter, ...]:
    """Chapters in reading order (stable for chapters starting at the same block), each with
    its block's offset and an id that is unique in the transcript."""
    seen: dict[str, int] = {}
    placed: list[Chapter] = []
    for spec in sorted(chapters, key=lambda c: c.block_index):
        if not 0 <= spec.block_index < len(blocks):
            raise ValueError(f"chapter {spec.title[:40]!r} points at no block "
                             f"({spec.block_index} of {len(blocks)})")
        base = spec.id or _chapter_id(spec.kind, spec.title)
        seen[base] = seen.get(base, 0) + 1
        chapter_id = base if seen[base] == 1 else f"{base}-{seen[base]}"
        placed.append(Chapter(spec.title, spec.block_index, blocks[spec.block_index].start,
                              spec.start_time, spec.end_time, spec.kind, chapter_id))
    return tuple(placed)


def _chapter_id(kind: ChapterKind, title: str) -> str:
    """``source-3f2a9c1e``: from the title, so a chapter keeps its id when others are added
    before it or the text around it is re-flowed."""
    key = " ".join(title.casefold().split())
    return f"{kind.value}-{hashlib.sha1(key.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"
